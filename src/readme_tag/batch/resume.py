"""Where ``batch`` writes: the output file, appended to by ``--resume``, and the ids it already holds."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TextIO


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
    handle = open(path, "a" if append else "w", encoding="utf-8")  # noqa: SIM115 - the caller closes it
    if append and handle.tell() > 0:
        with open(path, "rb") as existing:
            existing.seek(-1, os.SEEK_END)
            if existing.read(1) != b"\n":
                handle.write("\n")
    return handle
