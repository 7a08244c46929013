"""JSON read from users' files and prompts: nesting too deep to parse is a decode error like any other.

``json`` raises RecursionError on deeply nested input (``[`` a hundred
thousand times); here that is a ``json.JSONDecodeError``, which every reader
already reports as bad input (exit 2, or an error record in a batch).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

_DECODER = json.JSONDecoder()
TOO_DEEP = "nested too deeply"


def loads(text: str) -> Any:
    """``json.loads`` for user input."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError(TOO_DEEP, text, 0) from None


def raw_decode(text: str, start: int) -> tuple[Any, int]:
    """The JSON value that begins at ``start`` in ``text``, and where it ends."""
    try:
        return _DECODER.raw_decode(text, start)
    except RecursionError:
        raise json.JSONDecodeError(TOO_DEEP, text, start) from None


class Line(NamedTuple):
    """One non-blank line of a JSON Lines stream: its number, its value, its text, and why it has no value ("" when it has)."""

    number: int
    value: Any
    text: str
    problem: str


def lines(stream: Iterable[bytes]) -> Iterator[Line]:
    """The non-blank lines of a JSON Lines stream, each decoded on its own: a bad line costs that line only."""
    for number, raw in enumerate(stream, 1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Line(number, None, "", f"not valid UTF-8 (byte {exc.start + 1} of the line)")
            continue
        if not text.strip():
            continue
        try:
            yield Line(number, loads(text), text.rstrip("\r\n"), "")
        except json.JSONDecodeError as exc:
            yield Line(number, None, text, f"not valid JSON: {exc.msg}")
