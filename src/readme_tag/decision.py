"""Scores to the emitted tags: a cutoff, at most ``max_tags``, ties by taxonomy order."""

from __future__ import annotations

from dataclasses import dataclass

from .scoring import TagScore

NEAR_MISSES = 3
"""How many tags below the emitted ones ``--explain`` shows."""


@dataclass
class Decision:
    chosen: list[TagScore]
    near: list[TagScore]
    cutoff: float


def decide(scores: dict[int, TagScore], max_tags: int, cutoff: float, relative_cutoff: float = 0.0) -> Decision:
    """Take the best tags above ``cutoff`` (and above ``relative_cutoff`` times the best score)."""
    ranked = sorted((s for s in scores.values() if s.score > 0), key=lambda s: (-s.score, s.tag))
    bar = cutoff
    if ranked:
        bar = max(cutoff, ranked[0].score * relative_cutoff)
    chosen = [s for s in ranked if s.score >= bar][:max_tags]
    near = [s for s in ranked if s not in chosen][:NEAR_MISSES]
    return Decision(chosen, near, bar)
