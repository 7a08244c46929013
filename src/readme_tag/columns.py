"""Text padded to a column of a terminal, where a Chinese, Japanese or Korean character takes two columns."""

from __future__ import annotations

import unicodedata


def column(text: str, width: int) -> str:
    """``text`` cut and padded to ``width`` columns of a terminal, where a wide (Chinese, Japanese, Korean) character takes two and a mark set on a letter none."""
    shown, used = "", 0
    for char in text:
        size = 0 if unicodedata.category(char) in ("Mn", "Me") else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + size > width:
            break
        shown, used = shown + char, used + size
    return shown + " " * (width - used)
