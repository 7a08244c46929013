"""Gold files: the labelled READMEs that ``eval`` measures against and ``rules suggest`` and ``rules intake`` count.

A gold file is JSON Lines, one README a line: ``{"file": ..., "tags": [...],
"also": [...]}``. ``tags`` are required (what the labellers agreed on);
``also`` are acceptable but not required.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import json_input
from .errors import InputError
from .reader import read_stdin, read_whole, shown_name


@dataclass(frozen=True)
class GoldItem:
    """One line of a gold file."""

    file: str
    tags: tuple[str, ...]
    also: tuple[str, ...]


def load_gold(path: str) -> list[GoldItem]:
    """Read a gold JSONL file (``-``: stdin); a malformed line is an InputError naming its line."""
    name = shown_name(path)
    try:
        if path == "-":
            text = read_stdin(lambda stdin: read_whole(stdin, name)).decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")  # as a file's text mode reads it
        else:
            with open(path, encoding="utf-8-sig") as handle:  # an editor's byte order mark is no reason to refuse it
                text = read_whole(handle, path)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold file: {getattr(exc, 'strerror', None) or exc}", name) from None
    lines = text.split("\n")  # JSON Lines end at \n only: a string may hold U+2028
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json_input.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(json_input.problem(exc), name, number) from None
        if not isinstance(data, dict) or not isinstance(data.get("file"), str) or not isinstance(data.get("tags"), list):
            raise InputError('each line needs {"file": str, "tags": [...]}', name, number)
        also = data.get("also", [])
        if also is None:
            also = []
        if not isinstance(also, list):
            raise InputError('"also", where given, is a list of tags', name, number)
        if not all(isinstance(t, str) for t in data["tags"] + also):
            raise InputError("tags must be strings", name, number)
        items.append(GoldItem(data["file"], tuple(data["tags"]), tuple(also)))
    if not items:
        raise InputError("no READMEs listed", name)
    return items
