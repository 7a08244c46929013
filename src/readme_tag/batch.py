"""``readme-tag batch``: many READMEs in, one JSON line each out, in input order.

Inputs are streamed, never all held: README files, directories (README
files found recursively, in sorted order) and JSON Lines files or stdin of
``{"id", "text"}`` or ``{"id", "path"}``. A failed input gives a line
``{"id": ..., "error": ...}`` and the run goes on. With ``jobs > 1`` the work
goes to a process pool through a bounded window, so memory stays flat.
"""

from __future__ import annotations

import fnmatch
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .errors import ReadmeTagError
from .reader import read_source

README_GLOB = "readme*"
"""File names a directory is searched for (case-insensitive) unless ``--glob`` says otherwise."""
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CHUNK = 16
"""Inputs sent to a worker process at a time."""


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


def id_key(value: Any) -> str:
    """How ids are compared (for ``--resume``): their JSON text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def done_ids(path: str) -> set[str]:
    """The ids an earlier (perhaps killed) run already wrote to ``path``."""
    done: set[str] = set()
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                try:
                    data = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut short when the run was killed
                if isinstance(data, dict) and "id" in data:
                    done.add(id_key(data["id"]))
    except FileNotFoundError:
        pass
    return done


def open_output(path: Path, append: bool) -> TextIO:
    """Open the output file; when appending after a killed run, start on a fresh line."""
    handle = open(path, "a" if append else "w", encoding="utf-8")
    if append and handle.tell() > 0:
        with open(path, "rb") as existing:
            existing.seek(-1, os.SEEK_END)
            if existing.read(1) != b"\n":
                handle.write("\n")
    return handle


OK, UNDECIDED, FAILED = "ok", "undecided", "failed"


class Worker:
    """Tags items with one Tagger, built once per process.

    ``settings``: the Tagger's keyword arguments, plus ``render`` (result to
    dict) and ``min_confidence`` (below it a result is undecided).
    """

    def __init__(self, settings: dict[str, Any]) -> None:
        from .tagger import Tagger

        settings = dict(settings)
        self.render: Callable[[Any], dict[str, Any]] = settings.pop("render")
        threshold = settings.pop("min_confidence", None)
        self.tagger = Tagger(**settings)
        self.min_confidence = self.tagger.scoring.min_confidence if threshold is None else threshold

    def line(self, item: Item) -> tuple[str, str]:
        """The output line for one item, and its status: ok, undecided or failed."""
        if item.error:
            return _dump({"id": item.id, "error": item.error}), FAILED
        try:
            if item.text is not None:
                result = self.tagger.tag(item.text, id=item.id, name=item.name)
            else:
                source = read_source(item.path)
                result = self.tagger.tag(source.text, id=item.id, name=source.name, truncated=source.truncated)
        except ReadmeTagError as exc:
            return _dump({"id": item.id, "error": str(exc)}), FAILED
        return _dump(self.render(result)), OK if result.confidence >= self.min_confidence else UNDECIDED


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


_worker: Worker | None = None


def _init(settings: dict[str, Any]) -> None:
    global _worker
    _worker = Worker(settings)


def _run_chunk(items: list[Item]) -> list[tuple[Any, str, str]]:
    assert _worker is not None
    return [(item.id, *_worker.line(item)) for item in items]


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(items: Iterable[Item], settings: dict[str, Any], jobs: int = 1) -> Iterator[tuple[Any, str, str]]:
    """(id, output line, status) for each item, in input order; ``jobs`` processes work at once."""
    if jobs <= 1:
        worker = Worker(settings)
        for item in items:
            yield (item.id, *worker.line(item))
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_init, initargs=(settings,)) as pool:
        window: deque = deque()
        for chunk in _chunks(items, CHUNK):
            window.append(pool.apply_async(_run_chunk, (chunk,)))
            if len(window) >= jobs * 4:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()
