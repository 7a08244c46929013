"""What ``batch`` reads: README files, directories searched for READMEs, and JSON Lines of texts or paths.

Inputs are streamed, never all held: directories are walked in sorted order,
JSON Lines are read a line at a time. An input that is already known to be
bad (a line that is not JSON, a file that cannot be read) is an ``Item``
with an ``error``, so that it gets its own error record in the output.
"""

from __future__ import annotations

import fnmatch
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

README_GLOB = "readme*"
"""File names a directory is searched for (case-insensitive) unless ``--glob`` says otherwise."""
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Item:
    """One input: a file to read, a text given inline, or an input that is already known to be bad."""

    id: Any
    path: str = ""
    text: str | None = None
    name: str = ""
    error: str = ""


def iter_items(paths: list[str], glob: str | None = None, stdin: TextIO | None = None) -> Iterator[Item]:
    """The inputs named by ``paths``, one at a time, in order."""
    for path in paths:
        if path == "-":
            yield from _jsonl(stdin or sys.stdin, "<stdin>", Path.cwd())
        elif os.path.isdir(path):
            yield from (Item(found, path=found) for found in _walk(path, glob or README_GLOB))
        elif path.lower().endswith(JSONL_SUFFIXES):
            try:
                with open(path, encoding="utf-8") as handle:
                    yield from _jsonl(handle, path, Path(path).parent)
            except (OSError, UnicodeDecodeError) as exc:
                yield Item(path, error=f"cannot read: {getattr(exc, 'strerror', None) or exc}")
        else:
            yield Item(path, path=path)


def _walk(root: str, pattern: str) -> Iterator[str]:
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if fnmatch.fnmatch(name.lower(), pattern.lower()):
                yield os.path.join(directory, name)


def _jsonl(handle: TextIO, source: str, base: Path) -> Iterator[Item]:
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(where, error=f"not valid JSON: {exc.msg}")
            continue
        if not isinstance(data, dict) or "id" not in data:
            yield Item(where, error='each line needs an "id" and a "text" or a "path"')
        elif isinstance(data.get("text"), str):
            yield Item(data["id"], text=data["text"], name=str(data.get("name", "")))
        elif isinstance(data.get("path"), str):
            path = data["path"] if os.path.isabs(data["path"]) else str(base / data["path"])
            yield Item(data["id"], path=path)
        else:
            yield Item(data["id"], error='each line needs a "text" or a "path" string')
