"""JSON read from users' files and prompts: nesting too deep to parse is a decode error like any other.

``json`` raises RecursionError on deeply nested input (``[`` a hundred
thousand times); here that is a ``json.JSONDecodeError``, which every reader
already reports as bad input (exit 2, or an error record in a batch).
"""

from __future__ import annotations

import json
from typing import Any

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
