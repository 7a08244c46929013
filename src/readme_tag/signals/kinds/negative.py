"""``negative``: words and phrases that lower a tag's score (matched as keywords are)."""

from __future__ import annotations

from .keywords import Keywords


class Negative(Keywords):
    """A keyword whose matches count against the tag."""

    name = "negative"
    negative = True
    patterns_kind = "negative_patterns"


KIND = Negative()
