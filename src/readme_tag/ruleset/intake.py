"""A tag's share of the catalogue's intake, as a factor on its score.

READMEs picked the way a catalogue receives them carry some tags far more
often than others (web apps, AI, mobile apps; hardly ever a YAML library),
and evidence of equal weight is then likelier right for the common tag.
Each tag's score is multiplied by ``((count + s) / (mean + s)) ** w``: its
count among the READMEs of ``intake.yaml``, the mean of the file's counts,
``s`` = ``intake_smoothing`` and ``w`` = ``intake_weight`` (0: every factor
1). So a tag's factor depends on the file alone, not on which other tags a
taxonomy has; a tag the file does not count keeps its score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..vocabulary import tag_key
from .model import Intake, Scoring, TagRule

_DIGITS = 6  # a factor is rounded so that a last-bit difference of pow() between platforms never reaches a score


@dataclass(frozen=True)
class IntakeFactor:
    """What a tag's score is multiplied by, and the count it comes from."""

    factor: float
    count: int
    readmes: int
    source: str
    """``file:line`` of the count."""

    @property
    def term(self) -> str:
        """The count as ``--explain`` names it."""
        return f"{self.count} of {self.readmes} READMEs"


def intake_factors(rules: Mapping[int, TagRule], intake: Intake | None, scoring: Scoring, names: Mapping[int, str]) -> dict[int, IntakeFactor]:
    """Taxonomy index -> its factor, for the tags that ``intake`` counts by their rule's name or by their own (``names``,
    every taxonomy index's: ``rules intake --taxonomy`` writes those)."""
    if intake is None or scoring.intake_weight == 0:
        return {}
    keys = {index: [tag_key(rule.tag), tag_key(names[index])] for index, rule in rules.items()}
    counted = {index: key for index, options in keys.items() if (key := next((k for k in options if k in intake.counts), None)) is not None}
    smoothing = scoring.intake_smoothing
    mean = sum(intake.counts.values()) / max(1, len(intake.counts))
    return {
        index: IntakeFactor(
            round(((intake.counts[key] + smoothing) / (mean + smoothing)) ** scoring.intake_weight, _DIGITS),
            intake.counts[key],
            intake.readmes,
            f"{intake.source}:{intake.lines[key]}",
        )
        for index, key in sorted(counted.items())
    }
