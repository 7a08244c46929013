"""``keywords``: whole words and phrases, case-insensitive, in any spelling of their separators.

``helm chart`` also matches "helm-chart", "helmchart" and "helm charts";
``exact: true`` matches only the words as written.
"""

from __future__ import annotations

from ...ruleset.model import Term
from ...vocabulary import SECTION_KINDS, normalise_term
from ..base import Indexes, SignalKind
from ..words import word_index


class Keywords(SignalKind):
    """Terms matched as runs of words by the shared word index."""

    name = "keywords"
    options = ("weight", "only", "exact", *SECTION_KINDS)

    def identity(self, text: str) -> str:
        return normalise_term(text)

    def check(self, text: str) -> str | None:
        return None if normalise_term(text) else f"{self.name} term {text!r} has no letters or digits to match"

    def compile(self, signal: int, term: Term, indexes: Indexes) -> None:
        word_index(indexes).add_words(signal, term.text, term.exact)


KIND = Keywords()
