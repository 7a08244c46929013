"""Compiled rules and the matching of one Document against them.

All keywords of all tags go into one word index (first word -> the rest of
each term), so a README's text is scanned once whatever the number of
rules. Fuzzy terms are tried, through rapidfuzz, only on words that no
keyword knows; the answers are cached, since words repeat across READMEs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import NamedTuple

from .code_signals import code_signals
from .document import SECTION_KINDS, Document, Piece
from .errors import RuleError
from .regex_guard import PATTERN_BUDGET_SECONDS, PatternTimeout, TimeBudget, required_literals
from .rules import Scoring, TagRule, Term
from .text import TOKEN, normalise_term, tokens, variants

_FUZZY_CACHE_LIMIT = 200_000
HITS_KEPT = 24
"""Matches of one term in one section kind beyond this many add nothing (repeats saturate)."""


class Signal(NamedTuple):
    """A term of a tag's rule, ready to match (plain data, so compiled rules load fast)."""

    tag: int
    kind: str
    text: str
    where: str
    """``file:line`` of the term, for evidence and errors."""
    negative: bool


class Hit(NamedTuple):
    """One place a signal matched: its section kind, line, and weighted value."""

    signal: int
    kind: str
    line: int
    value: float
    text: str


OWN_NAME = "$name"
"""In ``commands``, ``imports``, ``packages``: a name like the project's own (a word of its title)."""
_NOT_NAMES = frozenset("a an the of for and to in on with my our your".split())


def own_names(title: str) -> frozenset[str]:
    """The names a project's own program may have: the title's first word and words in parentheses."""
    head, _, rest = title.partition("(")
    words = tokens(head)
    names = set(words[:1]) | set(tokens(rest))
    if 1 < len(words) <= 3:
        names.update(("".join(words), "-".join(words)))
    return frozenset(n for n in names if n not in _NOT_NAMES and len(n) > 1)


class _Joined:
    """The text of a document's pieces of some section kinds, one piece a line, for patterns."""

    def __init__(self, pieces: list[Piece], kinds: frozenset[str] | None) -> None:
        self.pieces = [p for p in pieces if kinds is None or p.kind in kinds]
        self.starts: list[int] = []
        offset = 0
        for piece in self.pieces:
            self.starts.append(offset)
            offset += len(piece.text) + 1
        self.text = "\n".join(p.text for p in self.pieces)
        self.lowered = self.text.lower()

    def locate(self, position: int) -> tuple[Piece, int]:
        """The piece and the line at ``position``."""
        at = bisect.bisect_right(self.starts, position) - 1
        piece = self.pieces[at]
        return piece, piece.line + self.text.count("\n", self.starts[at], position)


class Matcher:
    """The rules for one taxonomy, compiled once and reused for every README."""

    def __init__(self, rules: dict[int, TagRule], scoring: Scoring) -> None:
        self.scoring = scoring
        terms = [(i, t) for i in sorted(rules) for t in sorted(rules[i].terms.values(), key=lambda t: (t.kind, t.text))]
        self.signals = [Signal(i, t.kind, t.text, t.where, t.kind == "negative") for i, t in terms]
        self.words: dict[str, list[tuple[tuple[str, ...], list[int]]]] = {}
        self.fuzzy_keys: list[str] = []
        self.fuzzy_signals: list[list[int]] = []
        self.patterns: list[tuple[str, int, list[str] | None, frozenset[str] | None]] = []
        """(regex, signal, literals one of which it needs, the section kinds it reads); compiled when first needed."""
        self.lookups: dict[str, dict[str, list[int]]] = {k: {} for k in ("domains", "badges", "imports", "packages", "commands")}
        for index, (_, term) in enumerate(terms):
            self._add(index, term)
        self.weights = {kind: [term.weight_in(kind) for _, term in terms] for kind in SECTION_KINDS}
        """Per section kind, each signal's weight there."""
        self.first_words = frozenset(self.words)
        self._contexts = sorted((normalise_term(k), v) for k, v in scoring.contexts.items())
        self._context_cache: dict[str, float] = {}
        self._fuzzy_cache: dict[str, int] = {}

    def __getstate__(self) -> dict:
        """Pickle the compiled rules without the per-run caches."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_context_cache", "_fuzzy_cache")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._context_cache = {}
        self._fuzzy_cache = {}

    def _add(self, index: int, term: Term) -> None:
        kind = term.kind
        if kind in ("keywords", "negative", "fuzzy"):
            for form in [tuple(tokens(term.text))] if term.exact else variants(term.text):
                entries = self.words.setdefault(form[0], [])
                for rest, ids in entries:
                    if rest == form[1:]:
                        ids.append(index)
                        break
                else:
                    entries.append((form[1:], [index]))
            if kind == "fuzzy":
                glued = "".join(normalise_term(term.text).split())
                if glued in self.fuzzy_keys:
                    self.fuzzy_signals[self.fuzzy_keys.index(glued)].append(index)
                else:
                    self.fuzzy_keys.append(glued)
                    self.fuzzy_signals.append([index])
        elif kind == "patterns":
            self.patterns.append((term.text, index, required_literals(term.text), term.sections))
        else:
            key = term.text.lower().strip()
            if kind == "domains" and key.startswith("www."):
                key = key[4:]
            self.lookups[kind].setdefault(key, []).append(index)

    def match(self, doc: Document) -> list[Hit]:
        """Every place a signal matches ``doc``."""
        hits: list[Hit] = []
        weights = self.scoring.sections
        fuzzy_words: dict[str, tuple[Piece, float]] = {}
        for piece in doc.pieces:
            base = weights.get(piece.kind, 0.0) * self.context_factor(piece.context)
            if base <= 0:
                continue
            lowered = piece.text.lower()
            words = TOKEN.findall(lowered)
            present = self.first_words.intersection(words)
            if present:
                self._match_words(words, present, lowered, piece, base, hits)
            if self.fuzzy_keys:
                self._note_fuzzy(words, present, piece, base, fuzzy_words)
        self._match_fuzzy(fuzzy_words, hits)
        if self.patterns:
            self._match_patterns(doc, hits)
        self._match_lookups(doc, hits)
        return hits

    def _match_words(self, words: list[str], present: set[str], lowered: str, piece: Piece, base: float, hits: list[Hit]) -> None:
        starts: list[int] | None = None
        seen: dict[str, int] = {}
        line, counted = piece.line, 0
        multiline = "\n" in lowered
        for i, word in enumerate(words):
            if word not in present:
                continue
            for rest, ids in self.words[word]:
                size = len(rest)
                if size and tuple(words[i + 1 : i + 1 + size]) != rest:
                    continue
                text = " ".join(words[i : i + 1 + size])
                seen[text] = seen.get(text, 0) + 1
                if seen[text] > HITS_KEPT:
                    continue
                if multiline:
                    if starts is None:
                        starts = [m.start() for m in TOKEN.finditer(lowered)]
                    line += lowered.count("\n", counted, starts[i])
                    counted = starts[i]
                self._hits(ids, piece.kind, line, base, text, hits)

    def _hits(self, ids: Iterable[int], kind: str, line: int, base: float, text: str, hits: list[Hit]) -> None:
        weights = self.weights[kind]
        for index in ids:
            weight = weights[index]
            if weight > 0:
                hits.append(Hit(index, kind, line, weight * base, text))

    def _note_fuzzy(self, words: list[str], known: set[str], piece: Piece, base: float, seen: dict[str, tuple[Piece, float]]) -> None:
        """Remember where each word that no keyword knows first appears (a fuzzy match may know it)."""
        size = self.scoring.fuzzy_min_length
        for word in set(words).difference(known, seen):
            if len(word) >= size and word.isascii():
                seen.setdefault(word, (piece, base))

    def _match_fuzzy(self, candidates: dict[str, tuple[Piece, float]], hits: list[Hit]) -> None:
        """Misspelt terms: each unknown word once per README, at its first place."""
        for word, (piece, base) in candidates.items():
            found = self._fuzzy_cache.get(word)
            if found is None:
                found = self._closest(word)
            if found >= 0:
                line = piece.line + piece.text.lower().count("\n", 0, max(0, piece.text.lower().find(word)))
                self._hits(self.fuzzy_signals[found], piece.kind, line, base, word, hits)

    def _closest(self, word: str) -> int:
        from rapidfuzz import fuzz, process

        best = process.extractOne(word, self.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=self.scoring.fuzzy_score)
        found = best[2] if best is not None and best[0][0] == word[0] else -1
        if len(self._fuzzy_cache) >= _FUZZY_CACHE_LIMIT:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[word] = found
        return found

    def _match_patterns(self, doc: Document, hits: list[Hit]) -> None:
        """Run each pattern over the text of the sections it applies to, unless a literal it needs is absent."""
        texts: dict[frozenset[str] | None, _Joined] = {}
        weights = self.scoring.sections
        current = -1
        try:
            with TimeBudget(PATTERN_BUDGET_SECONDS) as budget:
                for pattern, index, needs, kinds in self.patterns:
                    joined = texts.get(kinds)
                    if joined is None:
                        joined = texts[kinds] = _Joined(doc.pieces, kinds)
                    if needs is not None and not any(map(joined.lowered.__contains__, needs)):
                        continue
                    current = index
                    budget.start()
                    for count, match in enumerate(re.compile(pattern, re.IGNORECASE).finditer(joined.text)):
                        if count >= HITS_KEPT:
                            break
                        piece, line = joined.locate(match.start())
                        base = weights.get(piece.kind, 0.0) * self.context_factor(piece.context)
                        if base > 0:
                            self._hits((index,), piece.kind, line, base, match.group()[:80], hits)
        except PatternTimeout:
            signal = self.signals[current]
            source, _, line = signal.where.rpartition(":")
            raise RuleError(
                f"pattern {signal.text!r} took over {PATTERN_BUDGET_SECONDS:g}s on one README (catastrophic backtracking?)",
                source,
                int(line),
            ) from None

    def _match_lookups(self, doc: Document, hits: list[Hit]) -> None:
        weights = self.scoring.sections
        domains = self.lookups["domains"]
        if domains:
            for link in doc.links:
                domain = link.domain
                while domain:
                    ids = domains.get(domain)
                    if ids:
                        base = weights.get("body", 0.0) * self.context_factor(link.context)
                        self._hits(ids, "body", link.line, base, domain, hits)
                    domain = domain.partition(".")[2] if domain.count(".") > 1 else ""
        badges = self.lookups["badges"]
        if badges:
            for badge in doc.badges:
                ids = badges.get(badge.service)
                if ids:
                    self._hits(ids, "badge", badge.line, weights.get("badge", 0.0), badge.service, hits)
        if not (self.lookups["imports"] or self.lookups["packages"] or self.lookups["commands"]):
            return
        found = code_signals(doc)
        code = weights.get("code", 0.0)
        names = own_names(doc.title)
        for kind, used in (("imports", found.imports), ("packages", found.packages), ("commands", found.commands)):
            table = self.lookups[kind]
            own = table.get(OWN_NAME)
            for name, line in used:
                ids = table.get(name)
                if ids:
                    self._hits(ids, "code", line, code, name, hits)
                if own and name.lstrip("@").replace("_", "-") in names:
                    self._hits(own, "code", line, code, name, hits)

    def context_factor(self, context: str) -> float:
        """How much text under the heading path ``context`` counts (1 unless scoring.yaml says)."""
        if not context or not self._contexts:
            return 1.0
        factor = self._context_cache.get(context)
        if factor is None:
            padded = f" {normalise_term(context)} "
            factors = [value for words, value in self._contexts if f" {words} " in padded]
            factor = min(factors) if factors else 1.0
            if len(self._context_cache) < _FUZZY_CACHE_LIMIT:
                self._context_cache[context] = factor
        return factor
