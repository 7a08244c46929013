"""``fuzzy``: keywords that also match misspellings ("Kubernets" for kubernetes), through rapidfuzz.

A fuzzy term and a keyword of the same words would repeat each other, so
both belong to the keywords family.
"""

from __future__ import annotations

from ...ruleset.model import Term
from ..base import Indexes
from ..words import word_index
from .keywords import Keywords


class Fuzzy(Keywords):
    """A keyword, plus its misspellings among the words that start no term."""

    name = "fuzzy"
    family = "keywords"

    def compile(self, signal: int, term: Term, indexes: Indexes) -> None:
        index = word_index(indexes)
        index.add_words(signal, term.text, term.exact)
        index.add_fuzzy(signal, term.text)


KIND = Fuzzy()
