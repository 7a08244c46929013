"""Scores to the emitted tags: a cutoff, at most ``max_tags``, ties by taxonomy order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..vocabulary import OPENING
from .scores import TagScore

NEAR_MISSES = 3
"""How many tags below the emitted ones ``--explain`` shows."""


@dataclass
class Decision:
    """The emitted tags, the next few, the bar they had to reach, and the confidence."""

    chosen: list[TagScore]
    near: list[TagScore]
    cutoff: float
    confidence: float
    """How clear the decision is, from 0 (unclear) to 1 - ``relative_cutoff`` (a lone tag); see ``confidence``."""
    beside: dict[int, int] = field(default_factory=dict)
    """An emitted tag let in under the bar beside one it goes with -> that tag."""
    held: dict[int, str] = field(default_factory=dict)
    """A later tag left out by a bar of its own (``_later_bars``) -> which bar, in words."""
    gave_way: dict[int, int] = field(default_factory=dict)
    """A tag left out for a more specific one over the bar (``gives_way``) -> that tag (an emitted one, if any)."""


def decide(
    scores: dict[int, TagScore],
    max_tags: int,
    cutoff: float,
    relative_cutoff: float = 0.0,
    first_tag_floor: float = 0.0,
    gives_way: Mapping[int, frozenset[int]] | None = None,
    third_tag_cutoff: float = 0.0,
    goes_with: Mapping[int, frozenset[int]] | None = None,
    relative_cutoff_cap: float = 0.0,
    companion_cutoff: float | None = None,
    outside_opening_cutoff: float = 0.0,
    opening_only_cutoff: float = 0.0,
) -> Decision:
    """Take the best tags above ``cutoff`` (and above ``relative_cutoff`` times the best score).

    The relative bar stops at ``relative_cutoff_cap`` (0: no cap): a tag with
    that much evidence of its own is emitted however strong the best one is.

    A tag that gives way to another (``gives_way``: tag -> the more specific
    tags) is left out when one of those is above the bar too, and the
    relative bar is set by the best tag that gives way to none of the tags
    over the best tag's bar (in a chain, that tag may give way in its turn
    once the lower bar lets in a tag more specific than it). A tag that goes
    with another (``goes_with``: tag -> the tags it mostly comes with) needs
    only ``companion_cutoff`` (default: ``cutoff``) when one of those is above
    the bar. A third tag (and any after it) must reach ``third_tag_cutoff``
    and the relative bar, companion or not. A tag after the first with no
    evidence in the opening (``OPENING``) must reach ``outside_opening_cutoff``,
    and one with evidence only there, in a README whose rest is evidence for
    some tag, ``opening_only_cutoff`` (0: no more than the others), unless it
    goes with an emitted tag.

    When none reaches the cutoff, the best tag is still taken if it reaches
    ``first_tag_floor`` (0: never); its confidence is then 0, so that a
    pre-filter sends the README on.
    """
    ranked = sorted((s for s in scores.values() if s.score > 0), key=lambda s: (-s.score, s.tag))
    bar = cutoff
    if ranked:
        bar = _bar(ranked[0].score, cutoff, relative_cutoff, relative_cutoff_cap)
        if gives_way and gives_way.get(ranked[0].tag):  # the bar is set by the best tag that stays, not by one that gives way
            passed = {s.tag for s in ranked if s.score >= bar}
            leader = next((s for s in ranked if not gives_way.get(s.tag, frozenset()) & passed), ranked[0])
            bar = _bar(leader.score, cutoff, relative_cutoff, relative_cutoff_cap)
    above = [s for s in ranked if s.score >= bar]
    beside: dict[int, int] = {}
    if goes_with:
        low = cutoff if companion_cutoff is None else companion_cutoff
        over_bar = {s.tag for s in above}  # a tag that gives way (to a tag over the bar, or to a companion) anchors no companion
        anchors = [s.tag for s in above if not (gives_way and gives_way.get(s.tag, frozenset()) & over_bar)]
        while True:
            beside = _companions(ranked, anchors, goes_with, bar, low)
            over = over_bar | set(beside)
            staying = [a for a in anchors if not (gives_way and gives_way.get(a, frozenset()) & over)]
            if staying == anchors:
                break
            anchors = staying
        above += [s for s in ranked if s.tag in beside]
    gave_way: dict[int, list[int]] = {}  # a tag that gives way -> the tags over the bar it gives way to, best first
    if gives_way:
        passed = {s.tag for s in above}
        gave_way = {s.tag: [t.tag for t in above if t.tag in gives_way[s.tag]] for s in above if gives_way.get(s.tag, frozenset()) & passed}
        above = [s for s in above if s.tag not in gave_way]
    later_bar = max(bar, third_tag_cutoff)
    chosen = above[: min(2, max_tags)] + [s for s in above[2:max_tags] if s.score >= later_bar]
    held: dict[int, str] = {}
    # the opening-only bar holds only where the README's rest (headings, badges, body, code) is evidence for some tag
    rest_named = opening_only_cutoff > 0 and len(chosen) > 1 and any(_sections(s) - OPENING for s in scores.values() if s.score > 0)
    while True:  # a tag held back is no longer emitted: a tag that went with it may have a bar of its own now
        own_bars = _later_bars(chosen, goes_with, outside_opening_cutoff, opening_only_cutoff if rest_named else 0.0)
        newly = {tag: f"needs {bar:g} as a later tag {why}" for tag, (bar, why) in own_bars.items() if scores[tag].score < bar}
        if not newly:
            break
        held |= newly
        chosen = [s for s in chosen if s.tag not in held]  # a place left here is not given to the next tag
    if not chosen and ranked and max_tags and 0 < first_tag_floor <= ranked[0].score < cutoff:  # not a tag that gave way
        chosen = ranked[:1]
    near = [s for s in ranked if s not in chosen][:NEAR_MISSES]
    # each emitted tag against the bar it had to pass: the third tag's from the third on, a later tag's own, and never
    # under relative_cutoff times its own score (a tag let in under the cap)
    against = [(s.score, max(later_bar if place >= 2 else bar, own_bars.get(s.tag, (0.0,))[0], relative_cutoff * s.score)) for place, s in enumerate(chosen)]
    # (the bar of a score near the smallest float rounds to 0, so the ceiling is kept here too)
    clarity = min(confidence(against, near[0].score if near else 0.0), highest_confidence(relative_cutoff))
    emitted = {s.tag for s in chosen}
    named = {tag: next((t for t in others if t in emitted), others[0]) for tag, others in gave_way.items()}  # an emitted one, if any
    return Decision(chosen, near, bar, clarity, {s.tag: beside[s.tag] for s in chosen if s.tag in beside}, held, named)


def _companions(ranked: list[TagScore], anchors: list[int], goes_with: Mapping[int, frozenset[int]], bar: float, low: float) -> dict[int, int]:
    """Each tag under the bar but at ``low`` or over that goes with one of ``anchors`` -> the first such anchor."""
    beside = {}
    for s in ranked:
        if bar > s.score >= low:
            anchor = next((a for a in anchors if a in goes_with.get(s.tag, frozenset())), None)
            if anchor is not None:
                beside[s.tag] = anchor
    return beside


def _later_bars(chosen: list[TagScore], goes_with: Mapping[int, frozenset[int]] | None, outside_opening: float, opening_only: float) -> dict[int, tuple[float, str]]:
    """The bar of its own that each later tag must reach, and why, by where its evidence stands (none for a tag that goes with an emitted one).

    ``outside_opening`` when the opening does not name it; ``opening_only`` when only the opening does
    (the caller passes 0 for a README that is all opening).
    """
    if not (outside_opening or opening_only) or len(chosen) < 2:  # no later tag
        return {}
    emitted = {s.tag for s in chosen}
    bars: dict[int, tuple[float, str]] = {}
    for s in chosen[1:]:
        if goes_with and goes_with.get(s.tag, frozenset()) & emitted:
            continue
        where = _sections(s)
        if outside_opening and not where & OPENING:
            bars[s.tag] = (outside_opening, "that the opening does not name")
        elif opening_only and where <= OPENING:
            bars[s.tag] = (opening_only, "that only the opening names")
    return bars


def _sections(score: TagScore) -> set[str]:
    """The sections where the tag has positive evidence (the intake's factor stands in none)."""
    return {e.section for e in score.evidence if e.value > 0 and e.section}


def _bar(best: float, cutoff: float, relative_cutoff: float, cap: float) -> float:
    """The bar beside a best score: ``cutoff``, or ``relative_cutoff`` times the best score up to ``cap`` (0: no cap)."""
    relative_bar = best * relative_cutoff
    return max(cutoff, min(relative_bar, cap) if cap else relative_bar)


def highest_confidence(relative_cutoff: float) -> float:
    """The most confidence any result can have: a lone tag's margin over ``relative_cutoff`` times itself."""
    return round(1 - relative_cutoff, 4)


def confidence(chosen: list[tuple[float, float]], best_left_out: float) -> float:
    """The smallest margin of an emitted tag (score, the bar it had to pass): the share of its score above its bar and above the best tag left out.

    0 when nothing was emitted (an empty answer is never a clear case) or when
    an emitted tag only just passed, or only just beat a tag left out, or was
    let in under its bar (a companion, which ``decide`` measures against the
    bar the others passed); at most
    1 - ``relative_cutoff``, since ``decide`` passes bars of at least
    ``relative_cutoff`` times each emitted score (under a capped bar too).
    """
    if not chosen:
        return 0.0
    return round(max(0.0, min(min(score - bar, score - best_left_out) / score for score, bar in chosen)), 4)
