"""Compiled rules and the matching of one Document against them.

Every term of every bound rule becomes a numbered ``Signal`` and goes, by its
kind (``signals.KINDS``), into the index that matches it. Matching runs each
index once over the Document and collects the hits.
"""

from __future__ import annotations

import copy
from array import array
from collections.abc import Iterable, Sequence

from .boilerplate import Boilerplate
from .document import Document
from .gc_paused import gc_paused
from .ruleset.model import Scoring, TagRule
from .signals import KINDS, Hit, Indexes, Signal, Sink
from .signals.table import SignalTable
from .vocabulary import SECTION_KINDS, normalise_term

_CONTEXT_CACHE_LIMIT = 200_000


class HeadingFactors:
    """How much text counts under a heading path, from ``contexts`` in scoring.yaml (the lowest factor applies)."""

    def __init__(self, contexts: dict[str, float]) -> None:
        self._contexts = sorted((normalise_term(words), factor) for words, factor in contexts.items())
        self._cache: dict[str, float] = {}

    def __getstate__(self) -> dict:
        """Pickle without the per-run cache."""
        return {"_contexts": self._contexts}

    def __setstate__(self, state: dict) -> None:
        self._contexts = state["_contexts"]
        self._cache = {}

    def __call__(self, context: str) -> float:
        """The factor for text under the headings ``context`` (1 unless scoring.yaml says)."""
        if not context or not self._contexts:
            return 1.0
        factor = self._cache.get(context)
        if factor is None:
            padded = f" {normalise_term(context)} "
            factors = [value for words, value in self._contexts if f" {words} " in padded]
            factor = min(factors) if factors else 1.0
            if len(self._cache) < _CONTEXT_CACHE_LIMIT:
                self._cache[context] = factor
        return factor


class Matcher:
    """The rules for one taxonomy, compiled once and reused for every README."""

    @gc_paused()
    def __init__(self, rules: dict[int, TagRule], scoring: Scoring, boilerplate: Iterable[str] = ()) -> None:
        self.scoring = scoring
        self.boilerplate = Boilerplate(boilerplate)
        """Template lines, taken out of each README before it is matched."""
        terms = [(tag, term) for tag in sorted(rules) for term in sorted(rules[tag].terms.values(), key=lambda t: (t.kind, t.text))]
        self.signals = SignalTable(Signal(tag, term.kind, term.text, term.source, term.line, KINDS[term.kind].negative) for tag, term in terms)
        self.indexes = Indexes(scoring)
        for number, (_, term) in enumerate(terms):
            KINDS[term.kind].compile(number, term, self.indexes)
        self.weights = {section: array("d", [term.weight_in(section) for _, term in terms]) for section in SECTION_KINDS}
        """Per section kind, each signal's weight there (arrays of floats: they pickle as one buffer each)."""
        self.heading_factor = HeadingFactors(scoring.contexts)

    def for_tags(self, tags: Sequence[int]) -> Matcher:
        """This matcher with rule ``r``'s signals counting for the tag ``tags[r]`` (every rule serves a tag of the
        taxonomy, in its order): its answers are those of the taxonomy's rules compiled on their own, in its order; the
        indexes are shared, but for what hangs on the signals' order (``Index.for_order``)."""
        view = copy.copy(self)
        view.signals = self.signals.with_tags(list(tags))
        view.indexes = copy.copy(self.indexes)
        view.indexes.update((key, index.for_order(view.signals)) for key, index in self.indexes.items())
        return view

    def match(self, doc: Document) -> list[Hit]:
        """Every place a signal matches ``doc``, its template lines (``boilerplate``) left out."""
        sink = Sink(self.weights, self.scoring.sections, self.heading_factor)
        doc = self.boilerplate.strip(doc)
        for index in self.indexes.values():
            index.match(doc, sink)
        return sink.hits
