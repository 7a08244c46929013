"""JSON read from users' files, prompts and LLM replies: what ``json`` would take that is not JSON is a decode error like any other.

``json`` raises RecursionError on deeply nested input (``[`` a hundred
thousand times) and ValueError on a whole number too long to convert, and
takes ``NaN``, ``Infinity`` and ``1e400`` (read as Infinity), which no JSON
writer may print back; here each is a ``json.JSONDecodeError``, which every
reader already reports as bad input (exit 2, or an error record in a batch).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

TOO_DEEP = "nested too deeply"
_OPENERS = re.compile(r"[\[{]")
_DEEP_SKIP = 500
"""Brackets after a start nested too deeply within which ``values_at`` tries no start again."""
_NESTED_SKIP = 64
"""A value found that holds more brackets than this is not searched for values within it (each one inside would be
decoded again, deeper and deeper: quadratic time on deep nesting); a smaller one is (an answer wrapped in another object)."""


class _NotJson(ValueError):
    """What Python's json reads and JSON has not: ``NaN``, ``Infinity``, ``-Infinity``, a number read as Infinity, a whole
    number too long to convert; ``token`` is its text, to find where it stands."""

    def __init__(self, message: str, token: str) -> None:
        super().__init__(message)
        self.token = token


def _refuse(constant: str) -> Any:
    raise _NotJson(f"{constant} is not JSON", constant)


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):  # 1e400: read as Infinity
        raise _NotJson(f"{text} is too large a number", text)
    return number


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # longer than Python converts (4,300 digits)
        raise _NotJson(f"a whole number of {len(text)} digits is too long", text) from None


_DECODER = json.JSONDecoder(parse_constant=_refuse, parse_float=_finite, parse_int=_whole)


def loads(text: str) -> Any:
    """``json.loads`` for user input (which, as json.loads, refuses a text that begins with a byte order mark)."""
    if text.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    with _decode_errors(text, 0):
        return _DECODER.decode(text)


_JSON_SPACE = " \t\r\n"


def problem(exc: json.JSONDecodeError, whole_file: bool = False) -> str:
    """What is wrong with a line (or ``whole_file``) that is no JSON, and where in it ("Invalid control character at" names
    no place of its own): past its last character, its end (a text cut short), not column 1 of a line after it."""
    message = exc.msg
    if exc.pos >= len(exc.doc.rstrip(_JSON_SPACE)):
        place = f"at the end of the {'file' if whole_file else 'line'}"
        message = "a string is not closed" if message.startswith("Invalid control character") else message  # the line end inside it
    else:
        place = f"line {exc.lineno}, column {exc.colno}" if whole_file else f"column {exc.colno}"
    return f"not valid JSON: {message} ({place})"


def raw_decode(text: str, start: int) -> tuple[Any, int]:
    """The JSON value that begins at ``start`` in ``text``, and where it ends."""
    with _decode_errors(text, start):
        return _DECODER.raw_decode(text, start)


@contextmanager
def _decode_errors(text: str, start: int) -> Iterator[None]:
    try:
        yield
    except RecursionError:
        raise json.JSONDecodeError(TOO_DEEP, text, start) from None
    except _NotJson as exc:  # the hooks are given the token, not where it stands: its first place from start outside a string
        raise json.JSONDecodeError(str(exc), text, _outside_strings(text, exc.token, start)) from None


def _outside_strings(text: str, token: str, start: int) -> int:
    """Where ``token`` first stands in ``text`` from ``start``, outside a JSON string (``start`` when nowhere)."""
    for match in re.compile(r'"(?:[^"\\]|\\.)*"|' + re.escape(token)).finditer(text, start):
        if not match.group().startswith('"'):
            return match.start()
    return start


def values_at(text: str, starts: re.Pattern[str]) -> list[tuple[int, int, Any]]:
    """(start, end, value) of each JSON value that begins where ``starts`` matches in ``text`` (not inside a large one found),
    in linear time on deep nesting."""
    found = []
    skip_to = 0
    for match in starts.finditer(text):
        if match.start() < skip_to:
            continue
        try:
            value, end = raw_decode(text, match.start())
        except json.JSONDecodeError as exc:
            if exc.msg == TOO_DEEP:  # starts inside the same deep value are not tried again
                skip_to = _past_brackets(text, match.start())
            continue
        found.append((match.start(), end, value))
        if text.count("[", match.start(), end) + text.count("{", match.start(), end) > _NESTED_SKIP:
            skip_to = end
    return found


def _past_brackets(text: str, start: int) -> int:
    """The position after the ``_DEEP_SKIP``-th opening bracket from ``start`` (the end of ``text`` when there are fewer)."""
    nth = next(itertools.islice(_OPENERS.finditer(text, start), _DEEP_SKIP, None), None)
    return nth.end() if nth else len(text)


class Line(NamedTuple):
    """One non-blank line of a JSON Lines stream: its number, its value, its text, and why it has no value ("" when it has)."""

    number: int
    value: Any
    text: str
    problem: str


def lines(stream: Iterable[bytes]) -> Iterator[Line]:
    """The non-blank lines of a JSON Lines stream, each decoded on its own: a bad line costs that line only (a byte order mark before the first is dropped)."""
    from .reader import DATA_LIMIT

    for number, raw in enumerate(stream, 1):
        if len(raw) > DATA_LIMIT and not raw.endswith(b"\n"):  # cut by reader.bounded_lines
            yield Line(number, None, "", f"a line longer than {DATA_LIMIT >> 20} MiB")
            continue
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Line(number, None, "", f"not valid UTF-8 (byte {exc.start + 1} of the line)")
            continue
        if not text.strip():
            continue
        try:
            yield Line(number, loads(text), text.rstrip("\r\n"), "")
        except json.JSONDecodeError as exc:
            yield Line(number, None, text, problem(exc))
