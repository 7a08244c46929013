"""YAML loading that remembers line numbers and refuses duplicate keys.

A ``yaml.SafeLoader`` subclass (no Python object tags, as ``safe_load``)
whose mappings are ``LineDict``: a dict that also knows the line of each
key. Keys are always the text written in the file, so a keyword ``on``,
``no`` or ``3d`` stays that string. Numbers are read as YAML 1.2 reads them
(``1e308`` is a number, ``012`` is twelve, ``1_000`` and ``1:20`` are text).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import RuleError


class LineDict(dict):
    """A mapping from YAML, with ``line`` (its own) and ``lines`` (each key's), 1-based."""

    line: int = 0
    lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of ``key`` (the mapping's own line when the key is absent)."""
        return self.lines.get(key, self.line)


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    source = ""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise RuleError("a key must be plain text", loader.source, line)
        key = key_node.value
        if key in result:
            raise RuleError(f"duplicate key {key!r} (first on line {result.lines[key]})", loader.source, line)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)

_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_NUMBER_STARTS = list("-+.0123456789")
_Loader.yaml_implicit_resolvers = {first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_INT, _FLOAT)] for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver(_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), _NUMBER_STARTS)  # YAML 1.2 core schema
_Loader.add_implicit_resolver(_FLOAT, re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), _NUMBER_STARTS)


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    try:
        return int(node.value, {"0x": 16, "0o": 8}.get(node.value[:2], 10))
    except ValueError:  # longer than Python converts (4,300 digits)
        raise yaml.constructor.ConstructorError(None, None, f"a whole number of {len(node.value)} digits is too long", node.start_mark) from None


_Loader.add_constructor(_INT, _construct_int)


_FLOWS = {"while parsing a flow sequence": "[", "while parsing a flow mapping": "{"}
"""The bracket each of libyaml's flow contexts opens."""
_KEY_LIMIT = 1024
"""The most characters of a plain key YAML reads (a longer one reads as text before a stray colon)."""


def _too_long_a_key(text: str, line: int, column: int) -> bool:
    """Whether the YAML error at ``line`` and ``column`` follows a key past YAML's limit (its message names a stray colon
    or a flow mapping's missing comma instead)."""
    lines = text.splitlines()
    if line >= len(lines) or lines[line][column : column + 1] != ":":  # libyaml stops at the colon after such a key
        return False
    key = re.split(r"[{\[,]", lines[line][:column])[-1].strip(" -\t\"'")
    return len(key) > _KEY_LIMIT and ": " not in key  # not a long value with a colon in it


def load_yaml(text: str, source: str) -> Any:
    """Parse YAML ``text``; errors are RuleError naming ``source`` and the line."""
    loader = _Loader(text)
    loader.source = source
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        if exc.problem == "but found another document":
            raise RuleError("a second YAML document: a rule file holds one rule (`rules suggest --out` writes a file a tag)", source, line) from None
        if mark is not None and _too_long_a_key(text, mark.line, mark.column):
            raise RuleError(f"a key longer than YAML allows ({_KEY_LIMIT:,} characters): shorten the term", source, line) from None
        opened = _FLOWS.get(exc.context or "")
        if opened and (exc.problem or "").startswith("did not find expected ','") and exc.context_mark is not None:
            raise RuleError(f"invalid YAML: a ',' is missing before this, or the '{opened}' opened on line {exc.context_mark.line + 1} is not closed", source, line) from None
        raise RuleError(f"invalid YAML: {exc.problem or exc.context}", source, line) from None
    except yaml.YAMLError as exc:  # a character YAML refuses (a NUL byte): its first line says which
        raise RuleError(f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", source) from None
    finally:
        loader.dispose()
