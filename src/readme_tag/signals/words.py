"""The word index that keywords, fuzzy and negative terms of all tags share: a README's text is read once.

Each piece of text is split into words; terms are found with one
``KeywordIndex``. Fuzzy terms are also tried, through rapidfuzz, on the words
that start no term (each such word once per README, at its first place);
the answers are cached, since words repeat across READMEs.
"""

from __future__ import annotations

import copy
from bisect import bisect_right
from collections import Counter
from collections.abc import Set
from itertools import accumulate
from typing import TYPE_CHECKING

from ..document import Document, Piece
from ..ruleset.model import Scoring
from ..vocabulary import CHARACTER_WORD, OPENING, TOKEN, forms, normalise_term, tokens, variants
from .base import HITS_KEPT, Index, Indexes, Sink
from .keyword_index import KeywordIndex

if TYPE_CHECKING:
    from .table import SignalTable

WORDS = "words"
"""The key of the shared word index among a compilation's indexes."""
_CACHE_LIMIT = 200_000


class WordIndex(Index):
    """Every word term of every tag, and the fuzzy ones by their glued spelling."""

    def __init__(self, scoring: Scoring) -> None:
        self.keywords = KeywordIndex()
        self.fuzzy_keys: list[str] = []
        self.fuzzy_signals: list[list[int]] = []
        self.fuzzy_score = scoring.fuzzy_score
        self.fuzzy_min_length = scoring.fuzzy_min_length
        self._fuzzy_cache: dict[str, int] = {}
        self._fuzzy_shapes: frozenset[tuple[str, int]] | None = None

    def __getstate__(self) -> dict:
        """Pickle without the per-run cache."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_fuzzy_cache", "_fuzzy_shapes")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._fuzzy_cache = {}
        self._fuzzy_shapes = None

    def add_words(self, signal: int, text: str, exact: bool) -> None:
        """Index a term's words: as written, and (unless ``exact``) glued and with a plural last word."""
        for form in [tuple(tokens(text))] if exact else variants(text):
            self.keywords.add(form, signal)

    def add_fuzzy(self, signal: int, text: str) -> None:
        """Also match misspellings of a term (compared glued: "real time" as "realtime")."""
        glued = "".join(normalise_term(text).split())
        if glued in self.fuzzy_keys:
            self.fuzzy_signals[self.fuzzy_keys.index(glued)].append(signal)
        else:
            self.fuzzy_keys.append(glued)
            self.fuzzy_signals.append([signal])

    def for_order(self, signals: SignalTable) -> WordIndex:
        """The fuzzy terms in the order a compilation for ``signals``' tags adds them (by tag, then text): of two terms a
        misspelling is as close to, the first is taken."""
        order = sorted(range(len(self.fuzzy_keys)), key=lambda key: min((signals.tags[s], signals[s].text) for s in self.fuzzy_signals[key]))
        if order == sorted(order):
            return self
        view = copy.copy(self)
        view.fuzzy_keys = [self.fuzzy_keys[key] for key in order]
        view.fuzzy_signals = [self.fuzzy_signals[key] for key in order]
        view._fuzzy_cache = {}
        return view

    def match(self, doc: Document, sink: Sink) -> None:
        """Every term in every piece of text, then the misspellings of fuzzy terms."""
        first_words = self.keywords.first_words
        read: list[tuple[Piece, float, list[str]]] = []
        for number, piece in enumerate(doc.pieces):
            base = sink.base(piece.kind, piece.context)
            if base <= 0:
                continue
            lowered = piece.text.lower()
            words = TOKEN.findall(lowered)
            keys = words if lowered.isascii() else forms(words)
            present = first_words & keys
            if present:
                self._match_words(words, keys, present, lowered, number, piece, base, sink)
            read.append((piece, base, words))
        if self.fuzzy_keys:
            self._match_fuzzy(read, sink)

    def _match_words(self, words: list[str], keys: list[str], present: Set[str], lowered: str, number: int, piece: Piece, base: float, sink: Sink) -> None:
        """The terms among ``keys`` (the forms of ``words``) in ``piece`` (the Document's ``number``-th), shown as the words were written.

        A term matched in Chinese, Japanese, Korean or Thai characters, or in
        the title or the opening, carries its span, so that scoring can count
        the terms found inside one phrase less (``decide.scores``). One in
        such characters is shown as it stands in the text (数据集, not the
        words 数 据 集 spaced).
        """
        ascii_only = lowered.isascii()
        ends: list[int] | None = None
        places: list[tuple[int, int]] | None = None
        seen: dict[str, int] = {}
        line = piece.line
        for position, size, signals in self.keywords.find(keys, present):
            text = " ".join(words[position : position + size])
            seen[text] = seen.get(text, 0) + 1
            if seen[text] > HITS_KEPT:
                continue
            if "\n" in lowered:
                if ends is None:
                    ends = list(accumulate(len(TOKEN.findall(text_line)) for text_line in lowered.split("\n")))
                line = piece.line + bisect_right(ends, position)
            in_characters = not ascii_only and CHARACTER_WORD.search(text) is not None
            span = (number, position, position + size) if in_characters or piece.kind in OPENING else None
            if in_characters:
                if places is None:
                    places = [found.span() for found in TOKEN.finditer(lowered)]
                text = " ".join(lowered[places[position][0] : places[position + size - 1][1]].split())
            sink.add(signals, piece.kind, line, base, text, span)

    def _match_fuzzy(self, read: list[tuple[Piece, float, list[str]]], sink: Sink) -> None:
        """Misspellings of fuzzy terms among the words that start no term, each at the first piece it stands in."""
        shapes = self._shapes()
        vocabulary: set[str] = set()
        for _, _, words in read:
            vocabulary.update(words)
        vocabulary = {word for word in vocabulary if word not in self.keywords.first_words}
        candidates = (w for w in vocabulary if len(w) >= self.fuzzy_min_length and w.isascii() and (shapes is None or (w[:1], len(w)) in shapes))
        for word in sorted(candidates):
            found = self._fuzzy_cache.get(word)
            if found is None:
                found = self._closest(word)
            if found >= 0:
                piece, base = next((piece, base) for piece, base, words in read if word in words)
                lowered = piece.text.lower()
                line = piece.line + lowered.count("\n", 0, max(0, lowered.find(word)))
                sink.add(self.fuzzy_signals[found], piece.kind, line, base, word)

    def _could_be_close(self, word: str) -> bool:
        """Whether a fuzzy term with ``word``'s first letter shares enough letters with it to be ``fuzzy_score`` alike.

        rapidfuzz's ratio is 200 times the longest common subsequence over
        both lengths, and no subsequence is longer than the letters the two
        words share, counted with repeats.
        """
        letters = Counter(word)
        cutoff = self.fuzzy_score - 0.5
        return any(200 * sum((letters & Counter(key)).values()) / (len(word) + len(key)) >= cutoff for key in self.fuzzy_keys if key[:1] == word[:1])

    def _shapes(self) -> frozenset[tuple[str, int]] | None:
        """(first letter, length) of every word that a fuzzy term could be misspelt as (None: any word could).

        A word counts as a misspelling only when its closest fuzzy term starts
        with the same letter and is at least ``fuzzy_score`` alike, which a
        length too far from the term's rules out (the ratio is at most 200
        times the shorter length over both): other words are never looked up.
        """
        cutoff = self.fuzzy_score - 0.5  # a little lenient: this only spares lookups
        if self._fuzzy_shapes is None and cutoff > 0:
            self._fuzzy_shapes = frozenset(
                (key[0], size) for key in self.fuzzy_keys for size in range(1, int(len(key) * (200 / cutoff - 1)) + 2) if 200 * min(size, len(key)) / (size + len(key)) >= cutoff
            )
        return self._fuzzy_shapes

    def _closest(self, word: str) -> int:
        """The fuzzy term ``word`` is a misspelling of, or -1 (rapidfuzz is imported only when a term could be)."""
        if self._could_be_close(word):
            from rapidfuzz import fuzz, process

            best = process.extractOne(word, self.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy_score)
            found = best[2] if best is not None and best[0][0] == word[0] else -1
        else:
            found = -1
        if len(self._fuzzy_cache) >= _CACHE_LIMIT:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[word] = found
        return found


def word_index(indexes: Indexes) -> WordIndex:
    """The compilation's shared word index."""
    return indexes.get_or_make(WORDS, lambda: WordIndex(indexes.scoring))
