"""Front matter: the block of YAML (``---``) or TOML (``+++``) fields that a static site generator reads at the top of a Markdown page.

It is not prose: CommonMark reads ``---`` and the field lines under it as a
heading, so ``permalink: /games/`` became the README's title. A page without
an h1 of its own takes its ``title`` and its ``description`` (or
``summary``); the other fields are read as code (a generator's settings, as
a config file's are). A block must hold a field (``key: value``): a rule
above and below a heading or a list is Markdown's.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_CLOSERS = {"---": ("---", "..."), "+++": ("+++",)}
_FIELD = re.compile(r"[\w.$@-]+[ \t]*[:=](?:[ \t]|$)")
"""A field's line: ``key: value`` (YAML) or ``key = value`` (TOML)."""
_FIELD_LINE = re.compile(_FIELD.pattern + r"|-(?:[ \t]|$)|#|[ \t]|\[\[?[\w.-]+\]\]?[ \t]*$")
"""A line a block of fields holds: a field, a list item, a comment, an indented continuation, or a TOML table's header."""
_OWN = re.compile(r"(title|description|summary)[ \t]*[:=][ \t]*(.*)")
_MOST_LINES = 2000


class FrontMatter(NamedTuple):
    """The block's line count (its fences too); the page's title and description, each with its line ("" and 0 when it has none); its lines
    but those two, and all its lines."""

    lines: int
    title: tuple[str, int]
    description: tuple[str, int]
    fields: str
    inside: str


def front_matter(text: str) -> FrontMatter | None:
    """The front matter that begins ``text``, or None when its first line opens none or no closing fence follows a block of fields."""
    if not text.startswith(("---", "+++")):  # most READMEs: no copy of the text made to find out
        return None
    first, _, rest = text.partition("\n")
    closers = _CLOSERS.get(first.rstrip())
    if closers is None:
        return None
    inside: list[str] = []
    for line in rest.split("\n", _MOST_LINES)[:_MOST_LINES]:
        if line.rstrip() in closers:
            return _read(inside) if any(map(_FIELD.match, inside)) else None
        if line.strip() and not _FIELD_LINE.match(line):
            return None
        inside.append(line)
    return None


def _read(inside: list[str]) -> FrontMatter:
    own = {"title": ("", 0), "description": ("", 0)}
    fields = []
    for number, line in enumerate(inside, 2):
        found = _OWN.fullmatch(line.rstrip())
        value = _unquoted(found[2]) if found else ""
        key = "title" if found and found[1] == "title" else "description"
        if value and value[0] not in "|>" and not own[key][0]:  # a value on its line, not a block of lines below it
            own[key] = (value, number)
        else:
            fields.append(line)
    return FrontMatter(len(inside) + 2, own["title"], own["description"], "\n".join(fields).strip("\n"), "\n".join(inside).strip("\n"))


def _unquoted(value: str) -> str:
    value = value.strip()
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"" else value
