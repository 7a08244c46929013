"""The settings a Tagger is built from, declared once for the API, every command, batch workers and Dask.

``Settings`` is frozen, so it pickles to worker processes and hashes:
``tagger_for(settings)`` builds a Tagger once per process and settings.
"""

from __future__ import annotations

import hashlib
import math
import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from .errors import ReadmeTagError, SettingError, TaxonomyError
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
    files: str = ""
    """What the user's rule files and taxonomy file held when a Dask graph was built (``files_now``; "" elsewhere): a
    worker that lives on builds its Tagger again for a graph built after an edit, and keeps it for the whole graph."""

    def __post_init__(self) -> None:
        if self.max_tags is not None and (isinstance(self.max_tags, bool) or not isinstance(self.max_tags, int) or self.max_tags < 0):
            raise SettingError(f"max_tags must be a whole number of at least 0, not {self.max_tags!r}")
        if self.cutoff is not None and (isinstance(self.cutoff, bool) or not isinstance(self.cutoff, (int, float)) or not math.isfinite(self.cutoff) or self.cutoff < 0):
            raise SettingError(f"cutoff must be a finite number of at least 0, not {self.cutoff!r}")

    @classmethod
    def of(cls, taxonomy: TaxonomyLike = None, rules: RulesLike = None, **options: Any) -> Settings:
        """Settings from the API's looser forms: a list taxonomy, one rules directory, paths."""
        if isinstance(taxonomy, list):
            taxonomy = Taxonomy(taxonomy)
        elif isinstance(taxonomy, os.PathLike):
            taxonomy = os.fspath(taxonomy)
        if taxonomy is not None and not isinstance(taxonomy, (str, Taxonomy)):
            raise TaxonomyError(f"a taxonomy is a list of {{id, name}} items or of names, a JSON file's path, or None for the default, not {type(taxonomy).__name__}")
        if isinstance(rules, (set, frozenset)):
            raise ReadmeTagError("rules directories are laid in order, later over earlier: give a list, not a set")
        directories = [rules] if isinstance(rules, (str, os.PathLike)) else list(rules) if isinstance(rules, (list, tuple)) else [] if rules is None else [rules]
        if not all(isinstance(d, (str, os.PathLike)) for d in directories):
            raise ReadmeTagError(f"rules are a directory's path or a list of them, not {rules!r:.60}")
        return cls(taxonomy, tuple(os.fspath(d) for d in directories), **options)

    def load_taxonomy(self) -> Taxonomy:
        """The taxonomy these settings name."""
        if self.taxonomy is None:
            return Taxonomy.default()
        if isinstance(self.taxonomy, Taxonomy):
            return self.taxonomy
        return Taxonomy.from_file(self.taxonomy)


def tagger_for(settings: Settings) -> Tagger:
    """The Tagger for ``settings``, built once per process (batch workers, Dask workers), and again for settings whose
    ``files`` differ from those it was built for (a Dask graph built after a rule file was edited), in place of that one."""
    key = replace(settings, files="")
    with _building:  # threads of one process (Dask's threaded scheduler) share what is built, and build it once
        built = _built.pop(key, None)
        if built is None or built[0] != settings.files:
            from .tagger import Tagger

            built = (settings.files, Tagger.from_settings(settings))
        _built[key] = built  # the most recently used last
        while len(_built) > _MOST_BUILT:
            del _built[next(iter(_built))]
    return built[1]


def forget_taggers() -> None:
    """Build every Tagger afresh from here on (each command line run reads the rule files and the compiled rules anew, in-process runs too)."""
    from .compiled import forget

    with _building:
        _built.clear()
    forget()


_built: dict[Settings, tuple[str, Tagger]] = {}
"""The Taggers built, by their settings but ``files``, each with the ``files`` it was built for."""
_MOST_BUILT = 8
_building = threading.Lock()


def files_now(settings: Settings) -> str:
    """A hash of what the user's rule files and taxonomy file hold now ("" when the settings name neither; a pipe is not read)."""
    if not settings.rules and not isinstance(settings.taxonomy, str):
        return ""
    from .ruleset.files import fingerprint, read_rule_sources

    digest = hashlib.sha256()
    try:
        digest.update(fingerprint(read_rule_sources([Path(d) for d in settings.rules], defaults=False)).encode())
        if isinstance(settings.taxonomy, str) and os.path.isfile(settings.taxonomy):  # (a regular file: a pipe is not read twice)
            digest.update(Path(settings.taxonomy).read_bytes())
    except (OSError, ReadmeTagError):  # the Tagger's build says what is wrong with them
        return "unreadable"
    return digest.hexdigest()
