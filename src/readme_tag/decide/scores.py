"""Hits to a score per tag.

A signal's hits are taken best first, each worth ``repeat_decay`` times the
one before, so repeats saturate: with the default 0.5 the 20th "data" in the
body adds almost nothing, and all of them together count less than twice
the best one. A tag's score is the sum over its signals, minus its
negative signals, never below zero; a tag that rests on one match outside
the title (a word said in passing, as often as not) counts
``single_match_factor`` of it. Terms of a tag that match the same words, or
overlap inside one phrase of Chinese, Japanese, Korean or Thai, count once,
at the heaviest (and a signal matching the same words in the title and in its
CamelCase names read as words, once); those that overlap in the title or the opening count
``nested_term_factor`` of their value beside the heaviest. Last, a tag's
share of the catalogue's intake scales it (``intake``), shown as one more
line of evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..match import Matcher
from ..ruleset.intake import IntakeFactor
from ..signals import Hit
from ..vocabulary import CHARACTER_WORD

_NOT_WORD = re.compile(r"[\W_]+")
_DIGITS = 6  # scores are rounded so that float noise never reorders tags
_WORD_KINDS = ("keywords", "fuzzy")


@dataclass
class Evidence:
    """One matched signal of a tag: what matched, where, and what it added.

    The last row of a tag may be kind ``intake``: its factor from the catalogue's
    intake (``text`` ``x1.34``), with no section or line (``""``, 0).
    """

    kind: str
    term: str
    section: str
    line: int
    text: str
    value: float
    source: str


@dataclass
class TagScore:
    """A tag's score and the evidence behind it."""

    tag: int
    """The tag's index in the taxonomy."""
    score: float
    evidence: list[Evidence] = field(default_factory=list)


def score_hits(hits: list[Hit], matcher: Matcher, intake: Mapping[int, IntakeFactor] | None = None) -> dict[int, TagScore]:
    """Sum the hits into a TagScore per tag that any signal reached, each scaled by its ``intake`` factor."""
    by_signal: dict[int, list[Hit]] = defaultdict(list)
    for hit in _nested_terms(_once_per_place(_once_per_title_word(hits), matcher), matcher):
        by_signal[hit.signal].append(hit)
    decay = matcher.scoring.repeat_decay
    totals: dict[int, TagScore] = {}
    for index in sorted(by_signal):
        signal = matcher.signals[index]
        ranked = sorted(by_signal[index], key=lambda h: (-h.value, h.line, h.kind, h.text))
        tag = totals.setdefault(signal.tag, TagScore(signal.tag, 0.0))
        factor = 1.0
        for hit in ranked:
            value = hit.value * factor
            factor *= decay
            if value <= 0:
                continue
            signed = -value if signal.negative else value
            tag.score += signed
            tag.evidence.append(Evidence(signal.kind, signal.text, hit.kind, hit.line, hit.text, round(signed, 3), signal.where))
    single = matcher.scoring.single_match_factor
    for tag in totals.values():
        if single != 1 and _rests_on_one_match(tag):
            tag.score *= single
            tag.evidence = [replace(e, value=round(e.value * single, 3)) for e in tag.evidence]
        tag.score = max(0.0, round(tag.score, _DIGITS))
        tag.evidence.sort(key=lambda e: (-abs(e.value), e.line, e.term, e.section, e.text))
        prior = intake.get(tag.tag) if intake else None
        if prior is not None and tag.score > 0 and prior.factor != 1:  # last: a factor on the sum above it
            scaled = round(tag.score * prior.factor, _DIGITS)
            tag.evidence.append(Evidence("intake", prior.term, "", 0, f"x{prior.factor:.2f}", round(scaled - tag.score, 3), prior.source))
            tag.score = scaled
    return dict(sorted(totals.items()))  # in taxonomy order, however the signals are numbered


def _rests_on_one_match(tag: TagScore) -> bool:
    """True when the tag's whole positive evidence is one match, and not in the title."""
    positive = [e for e in tag.evidence if e.value > 0]
    return len(positive) == 1 and positive[0].section != "title"


def _once_per_title_word(hits: list[Hit]) -> list[Hit]:
    """The hits, less a signal's matches of the same text on a title line in a later piece there: the title and its
    CamelCase names read as words (``TheFuzz``, ``The Fuzz``) are one title, whose word counts once. A term's repeats in
    the title itself still count; a pattern's match is placed by line only (no piece), so its repeats there count once."""
    first: dict[tuple[int, int, str], Hit] = {}
    for hit in hits:
        if hit.kind == "title":
            key = (hit.signal, hit.line, _glued(hit.text))
            kept = first.get(key)
            if kept is None or _before(hit, kept):
                first[key] = hit
    return [hit for hit in hits if hit.kind != "title" or _same_place(hit, first[hit.signal, hit.line, _glued(hit.text)])]


def _glued(text: str) -> str:
    """A match's words as one lower-case string: ``GameEngine`` in the title is ``Game Engine`` read as words."""
    return _NOT_WORD.sub("", text.casefold())


def _before(hit: Hit, other: Hit) -> bool:
    """Whether ``hit`` is kept over ``other`` (of one signal, line and text): in an earlier piece, else the heavier."""
    if hit.span is not None and other.span is not None and hit.span[0] != other.span[0]:
        return hit.span[0] < other.span[0]
    return hit.value > other.value


def _same_place(hit: Hit, kept: Hit) -> bool:
    """Whether ``hit`` stays beside ``kept``: it is kept, or a repeat in the same piece (a term's, which has a piece)."""
    return hit is kept or (hit.span is not None and kept.span is not None and hit.span[0] == kept.span[0])


def _once_per_place(hits: list[Hit], matcher: Matcher) -> list[Hit]:
    """The hits, less those of a tag's keyword or fuzzy term where another of its such terms matched the same words in the same place with more weight."""
    signals = matcher.signals
    places = []
    best: dict[tuple, tuple[float, int]] = {}  # a place's heaviest hit: (-value, signal), the lower signal on a tie
    for hit in hits:
        signal = signals[hit.signal]
        place = (signal.tag, hit.kind, hit.line, hit.text) if signal.kind in _WORD_KINDS else None
        places.append(place)
        if place is not None:
            best[place] = min(best.get(place, (0.0, hit.signal)), (-hit.value, hit.signal))
    return [hit for hit, place in zip(hits, places, strict=True) if place is None or best[place][1] == hit.signal]


def _nested_terms(hits: list[Hit], matcher: Matcher) -> list[Hit]:
    """The hits, with those of a tag's term whose words overlap a heavier term's of that tag (and sign) in one piece counted less.

    Chinese, Japanese and Korean are matched character by character, so one
    phrase holds every shorter term inside it: 练习题 is also 练习 and 习题.
    It counts once, at its heaviest term. In the title and the opening, a term
    inside another of the same tag ("react" in "react hook form") counts
    ``nested_term_factor`` of its value. The same term elsewhere counts in full.
    """
    signals = matcher.signals
    phrases: dict[tuple[int, int, bool], list[tuple[int, int, int]]] = defaultdict(list)  # (tag, piece, negative) -> (hit, first word, past the last)
    for at, hit in enumerate(hits):
        if hit.span is not None:
            signal = signals[hit.signal]
            piece, start, end = hit.span
            phrases[signal.tag, piece, signal.negative].append((at, start, end))
    if not phrases:  # no term of the opening or one-character-word term matched: nothing to look over
        return hits
    nested = set()
    for members in phrases.values():
        taken: list[tuple[int, int]] = []
        for at, start, end in sorted(members, key=lambda member: (-hits[member[0]].value, hits[member[0]].signal, member[1:])):
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                nested.add(at)
            else:
                taken.append((start, end))
    factor = matcher.scoring.nested_term_factor
    kept = []
    for at, hit in enumerate(hits):
        if at not in nested:
            kept.append(hit)
        elif factor > 0 and not CHARACTER_WORD.search(hit.text):
            kept.append(hit._replace(value=hit.value * factor))
    return kept
