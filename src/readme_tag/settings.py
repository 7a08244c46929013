"""The settings a Tagger is built from, declared once for the API, every command, batch workers and Dask.

``Settings`` is frozen, so it pickles to worker processes and hashes:
``tagger_for(settings)`` builds a Tagger once per process and settings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from .errors import ReadmeTagError
from .ruleset.taxonomy import Taxonomy

if TYPE_CHECKING:  # pragma: no cover
    from .tagger import Tagger

TaxonomyLike = Union[Taxonomy, list, str, Path, None]
"""A Taxonomy, a list of ``{id, name}`` items or names, a path to a JSON file, or None for the default."""
RulesLike = Union[list, tuple, str, Path, None]
"""A directory of rules, or several."""


@dataclass(frozen=True)
class Settings:
    """Which taxonomy and rules to use, and how many tags to emit above which score."""

    taxonomy: Taxonomy | str | None = None
    """A Taxonomy, a path to a JSON file, or None for the embedded 90 tags."""
    rules: tuple[str, ...] = ()
    """Directories of rule files laid over the defaults (or used alone, without ``default_rules``)."""
    default_rules: bool = True
    max_tags: int | None = None
    """None: ``max_tags`` of scoring.yaml."""
    cutoff: float | None = None
    """None: ``cutoff`` of scoring.yaml."""
    strict: bool = False
    """Refuse a taxonomy tag without a rule, and a rule for a tag outside the taxonomy."""

    def __post_init__(self) -> None:
        if self.max_tags is not None and (isinstance(self.max_tags, bool) or not isinstance(self.max_tags, int) or self.max_tags < 0):
            raise ReadmeTagError(f"max_tags must be a whole number of at least 0, not {self.max_tags!r}")
        if self.cutoff is not None and (isinstance(self.cutoff, bool) or not isinstance(self.cutoff, (int, float)) or not math.isfinite(self.cutoff) or self.cutoff < 0):
            raise ReadmeTagError(f"cutoff must be a finite number of at least 0, not {self.cutoff!r}")

    @classmethod
    def of(cls, taxonomy: TaxonomyLike = None, rules: RulesLike = None, **options: Any) -> Settings:
        """Settings from the API's looser forms: a list taxonomy, one rules directory, paths."""
        if isinstance(taxonomy, list):
            taxonomy = Taxonomy(taxonomy)
        elif isinstance(taxonomy, Path):
            taxonomy = str(taxonomy)
        directories = [rules] if isinstance(rules, (str, Path)) else list(rules or [])
        return cls(taxonomy, tuple(str(d) for d in directories), **options)

    def load_taxonomy(self) -> Taxonomy:
        """The taxonomy these settings name."""
        if self.taxonomy is None:
            return Taxonomy.default()
        if isinstance(self.taxonomy, Taxonomy):
            return self.taxonomy
        return Taxonomy.from_file(self.taxonomy)


@lru_cache(maxsize=8)
def tagger_for(settings: Settings) -> Tagger:
    """The Tagger for ``settings``, built once per process (batch workers, Dask workers)."""
    from .tagger import Tagger

    return Tagger.from_settings(settings)
