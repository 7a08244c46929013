"""``keywords``: whole words and phrases, case-insensitive, in any spelling of their separators.

``helm chart`` also matches "helm-chart", "helmchart" and "helm charts";
``exact: true`` matches only the words as written.
"""

from __future__ import annotations

import re

from ...ruleset.model import Term
from ...vocabulary import SECTION_KINDS, normalise_term
from ..base import Indexes, SignalKind
from ..words import word_index

_REGEX_SYNTAX = re.compile(r"^\\b|\\b$|\\[sSwWdD][+*?{]|\(\?[:=!<]")
"""A regular expression's word boundary at an end, a repeated class or a group, which no run of words holds (a LaTeX
command, ``\\documentclass``, or a Windows path, ``C:\\Windows``, is words)."""


class Keywords(SignalKind):
    """Terms matched as runs of words by the shared word index."""

    name = "keywords"
    options = ("weight", "only", "exact", *SECTION_KINDS)
    patterns_kind = "patterns"
    """The kind a regular expression written here belongs to."""

    def identity(self, text: str) -> str:
        return normalise_term(text)

    def check(self, text: str) -> str | None:
        if _REGEX_SYNTAX.search(text):
            return f"{self.name} term {text!r} is written as a regular expression, which {self.name} never match (they match words): put it under {self.patterns_kind}"
        return None if normalise_term(text) else f"{self.name} term {text!r} has no letters or digits to match"

    def compile(self, signal: int, term: Term, indexes: Indexes) -> None:
        word_index(indexes).add_words(signal, term.text, term.exact)


KIND = Keywords()
