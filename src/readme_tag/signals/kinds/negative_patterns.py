"""``negative_patterns``: regular expressions whose matches lower a tag's score (matched as patterns are).

For passing mentions that a phrase cannot list: "built on the X tutorial",
"uses <any service> for ...".
"""

from __future__ import annotations

from .patterns import Patterns


class NegativePatterns(Patterns):
    """A pattern whose matches count against the tag."""

    name = "negative_patterns"
    negative = True


KIND = NegativePatterns()
