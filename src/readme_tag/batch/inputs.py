"""What ``batch`` reads: README files, directories searched for READMEs, and JSON Lines of texts or paths.

Inputs are streamed, never all held: directories are walked in sorted order,
JSON Lines are read a line at a time. An input that is already known to be
bad (a line that is not UTF-8 or not JSON, a folder that cannot be read, a
FIFO named README) is an ``Item`` with an ``error``, so that it gets its own
error record in the output and the run goes on.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections import Counter
from collections.abc import Callable, Container, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import json_input
from ..errors import InputError, cannot_read
from ..reader import bounded_lines, file_in, first_line, standard_input

README_GLOB = "readme*"
"""File names a directory is searched for (case-insensitive) unless ``--glob`` says otherwise."""
NOT_README = re.compile(r"(?:~|\.(?:png|jpe?g|gif|svg|webp|bmp|ico|pdf|bak|orig|rej|swp|tmp|old))$", re.IGNORECASE)
"""What the README* search passes over: a README's images, and what editors and patches leave beside it (a ``--glob`` takes what it names)."""
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_SNIFF_LINE = 8 * 1024 * 1024
"""The most of each of a file's first two lines read to tell JSON Lines (a record longer than this is read as a README's line)."""
_README_NAME = re.compile(r"readme(?:[._-][a-z]{2}(?:[-_][a-z]{2,4})?)?(?:\.\w+)?$", re.IGNORECASE)
"""A README's name: README, README.md, README.zh-CN.md, readme_ja.md (not readmes.txt or readme_list.txt, lists of them)."""
STDIN_HINT = "batch - reads JSON Lines of {id, text} or {id, path}; to tag one README from stdin: readme-tag -"


@dataclass(frozen=True)
class Item:
    """One input: a file to read, a text given inline, or an input that is already known to be bad."""

    id: Any
    path: str = ""
    text: str | None = None
    name: str = ""
    error: str = ""
    raw: str = ""
    """The input line as it was read (a prompt handed on keeps it)."""
    truncated: bool = False
    """Whether ``text`` was cut from longer bytes (as a file's read is)."""


def iter_items(paths: list[str], glob: str | None = None, skip: Container[str] = frozenset()) -> Iterator[Item]:
    """The inputs named by ``paths``, one at a time, in order.

    Directory walks leave out the paths in ``skip`` (the batch's own output files:
    ``batch.resume.OwnOutputs``); a directory named that holds no matching file is a failed input of its own.
    """
    for path in paths:
        if path == "-":
            try:  # closed, or open but unreadable (0>file): its record says so, and the other inputs go on
                yield from _jsonl(bounded_lines(standard_input()), "<stdin>", Path(os.curdir))  # paths as written: the output does not name the folder
            except InputError as exc:
                yield Item("<stdin>", error=str(exc))
            except OSError as exc:
                yield Item("<stdin>", error=str(cannot_read(exc, "<stdin>")))
        elif os.path.isdir(path):
            found = yield from _walk(path, glob or README_GLOB, skip, None if glob else NOT_README)
            if not found:  # a typo'd folder or --glob would otherwise pass as a run with nothing to say
                yield Item(path, error=f"{path}: no {glob or 'README*'} files found" + ("" if glob else " (--glob PATTERN finds other names)"))
        elif is_jsonl(path):
            try:
                with open(path, "rb") as handle:
                    yield from _jsonl(bounded_lines(handle), path, Path(path).parent)
            except OSError as exc:
                yield Item(path, error=str(cannot_read(exc, path)))
        else:
            yield Item(path, path=path)


def _walk(root: str, pattern: str, skip: Container[str], leave_out: re.Pattern[str] | None) -> Generator[Item, None, int]:
    """The files under ``root`` whose name matches ``pattern`` and not ``leave_out``, depth first in sorted order; returns how many there were.

    The folders being read are a list, not nested calls: a tree a thousand folders deep is walked as a shallow one.
    """
    found = 0
    folders: list[Iterator[os.DirEntry[str]]] = []
    folder: str | None = root
    while True:
        if folder is not None:
            try:
                with os.scandir(folder) as scan:
                    folders.append(iter(sorted(scan, key=lambda e: e.name)))
            except OSError as exc:
                yield Item(folder, error=f"cannot read folder: {exc.strerror or exc}")
                found += 1
            folder = None
        if not folders:
            return found
        entry = next(folders[-1], None)
        if entry is None:
            folders.pop()
        elif _is(entry.is_dir):
            if not entry.name.startswith(".") and not entry.is_symlink():
                folder = entry.path
        elif fnmatch.fnmatch(entry.name.lower(), pattern.lower()) and not (leave_out and leave_out.search(entry.name)) and entry.path not in skip:
            found += 1
            # a broken link or a link loop: read_source says so
            regular = _is(entry.is_file, unreadable=True) or (entry.is_symlink() and not os.path.exists(entry.path))
            yield Item(entry.path, path=entry.path) if regular else Item(entry.path, error="not a regular file (a FIFO, socket or device), skipped")


def _is(test: Callable[[], bool], unreadable: bool = False) -> bool:
    """``entry.is_dir`` or ``entry.is_file``, with ``unreadable`` for an entry that cannot be looked at (a link loop)."""
    try:
        return test()
    except OSError:
        return unreadable


def is_jsonl(path: str) -> bool:
    """Whether ``path`` is JSON Lines of inputs: named ``.jsonl`` or ``.ndjson``, or a regular file not named README whose first
    line that is not blank is a record (an object with an "id" and a "text" or a "path") and whose next, if any, is an object;
    or whose first line is a broken object and whose next is a record. A README that opens with an example goes on in prose."""
    if path.lower().endswith(JSONL_SUFFIXES):
        return True
    if not os.path.isfile(path) or _README_NAME.match(os.path.basename(path)):  # README.md, README.zh-CN.md: a README, whatever its first lines
        return False
    try:
        with open(path, "rb") as handle:
            first, second = first_line(handle, limit=_SNIFF_LINE), first_line(handle, limit=_SNIFF_LINE)
    except OSError:  # said when it is read as a README
        return False
    first = first.removeprefix(b"\xef\xbb\xbf")
    if _is_record(first):
        return not second or second.lstrip().startswith(b"{")
    return first.lstrip().startswith(b"{") and _loads(first) is None and _is_record(second)  # a broken first record


def _is_record(line: bytes) -> bool:
    """Whether ``line`` is an input record: an object with an "id" and a "text" or a "path"."""
    data = _loads(line)
    return isinstance(data, dict) and "id" in data and ("text" in data or "path" in data)


def _loads(line: bytes) -> Any:
    """The JSON value of ``line``; None when it is none."""
    try:
        return json_input.loads(line.decode("utf-8"))
    except ValueError:
        return None


def _jsonl(handle: Iterator[bytes], source: str, base: Path) -> Iterator[Item]:
    for number, data, _, problem in json_input.lines(handle):
        where = f"{source}:{number}"
        if problem:
            hint = f" ({STDIN_HINT})" if source == "<stdin>" and number == 1 and problem.startswith("not valid JSON") else ""
            yield Item(where, error=problem + hint)
            continue
        if not isinstance(data, dict) or data.get("id") is None:
            yield Item(where, error='each line needs an "id" and a "text" or a "path"')
        else:
            yield record_item(data["id"], data, base)


def record_item(ident: Any, data: dict[str, Any], base: Path) -> Item:
    """The input a record ``{"text"[, "name"]}`` or ``{"path"}`` gives (a JSON line's, a Dask bag's), or its error; a
    relative path is read from ``base``."""
    if data.get("text") is not None and data.get("path") is not None:  # (null is absent: pandas writes it)
        return Item(ident, error='a record gives a "text" or a "path", not both')
    if data.get("name") is not None and not isinstance(data["name"], str):
        return Item(ident, error='"name" is a file name such as "README.adoc", whose suffix picks the reader: a string')
    if data.get("name") is not None and data.get("text") is None:
        return Item(ident, error='"name" goes with a "text", as a file name such as "README.adoc" whose suffix picks the reader (a path has its own)')
    if isinstance(data.get("text"), str):
        return Item(ident, text=data["text"], name=data.get("name") or "")
    if isinstance(data.get("path"), str):
        return Item(ident, path=file_in(base, data["path"]))
    return Item(ident, error='each record needs a "text" or a "path" string')


def occurrences(items: Iterator[Item], key: Callable[[Any], str], warn: Callable[[str], None], what: str = "id") -> Iterator[tuple[Item, str, int]]:
    """Each item with its id's ``key`` and how many earlier items had that id (0 for the first); ``warn`` hears of the first repeat (of an id, or of ``what`` a stream calls it)."""
    seen: Counter[str] = Counter()
    warned = False
    for item in items:
        ident = key(item.id)
        count = seen[ident]
        seen[ident] = count + 1
        if count and not warned:
            warned = True
            warn(f"duplicate {what} {ident} (each input still gets its own line; --resume counts repeats by occurrence)")
        yield item, ident, count
