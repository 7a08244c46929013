"""Text padded to a column of a terminal, where a Chinese, Japanese or Korean character takes two columns."""

from __future__ import annotations

import unicodedata


def _sizes(text: str) -> list[int]:
    """The columns each character takes: two for a wide (Chinese, Japanese, Korean) one, none for a mark set on a letter."""
    return [0 if unicodedata.category(char) in ("Mn", "Me") else 2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text]


def columns_of(text: str) -> int:
    """The columns ``text`` takes on a terminal."""
    return sum(_sizes(text))


def column(text: str, width: int) -> str:
    """``text`` cut and padded to ``width`` columns of a terminal, where a wide (Chinese, Japanese, Korean) character takes two and a mark set on a letter none;
    a cut text ends in ``…``."""
    sizes = _sizes(text)
    if sum(sizes) <= width:
        return text + " " * (width - sum(sizes))
    shown, used = "", 0
    for char, size in zip(text, sizes, strict=True):
        if used + size > width - 1:
            break
        shown, used = shown + char, used + size
    return shown + "…" + " " * (width - 1 - used)
