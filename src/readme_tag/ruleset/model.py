"""The rule model: a tag's rule as terms, the rule set, and the scoring numbers.

A rule file (``rules/tags/<tag>.yaml``) belongs to one tag::

    tag: k8s
    about: Kubernetes operators, controllers, clients, Helm
    aliases: [kubernetes]     # other names a taxonomy may give the tag
    keywords:                 # whole words, case-insensitive; term: weight
      kubernetes: 3
      helm chart: 3
      operator: {weight: 1, only: [title, description]}
      cluster: {weight: 0.5, title: 2, description: 2}   # other weights in some sections
      http: {weight: 1, exact: true}                     # not "https", not "http s"
    fuzzy: {kubernetes: 2}    # also matches misspellings ("Kubernets")
    patterns: {'\\bk8s\\b': 3}  # regular expressions
    domains: {kubernetes.io: 2}
    badges: {artifacthub: 2}  # badge services (shields.io path, badge host)
    imports: {kubernetes: 2}  # modules imported in code blocks
    packages: {kubernetes: 2} # packages installed (pip/npm/cargo/go/gem...)
    commands: {kubectl: 2}    # commands run in shell code blocks
                              # ($name in imports, packages, commands: the project's own name)
    negative: {minikube: 1}   # terms that lower the score

``gives_way_to: [sdk, http-client]`` (in lib's rule) leaves the tag out when one of
those more specific kinds is emitted too; ``goes_with: [crm, lms]`` (in
web-app's rule) lets the tag in beside one of those at a share of the cutoff
(``companion_cutoff_factor``), whatever the relative cutoff. (The keys besides ``tag``, ``about``,
``aliases``, ``gives_way_to``, ``goes_with`` and ``mode`` are the signal
kinds of ``signals/kinds/``). ``rules/scoring.yaml`` holds the section
weights, the cutoff and the other numbers that turn matches into a decision;
``rules/intake.yaml`` how often the catalogue's intake carries each tag.
``load`` reads and checks both.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import NamedTuple

from ..vocabulary import SECTION_KINDS


class Term(NamedTuple):
    """One term of a rule file: a keyword, pattern, domain... with its weights and where it was written."""

    kind: str
    text: str
    weight: float
    only: frozenset[str] | None
    source: str
    line: int
    per_section: tuple[tuple[str, float], ...] = ()
    """Weights for some section kinds that differ from ``weight``."""
    exact: bool = False
    """Match only the words as written: no plural, no glued form."""

    def weight_in(self, section: str) -> float:
        """The term's weight in a section kind (0 where ``only`` leaves it out)."""
        if self.only is not None and section not in self.only:
            return 0.0
        for kind, weight in self.per_section:
            if kind == section:
                return weight
        return self.weight

    @property
    def sections(self) -> frozenset[str] | None:
        """The section kinds where the term counts at all (None: every kind)."""
        kinds = frozenset(k for k in SECTION_KINDS if self.weight_in(k) > 0)
        return None if kinds == frozenset(SECTION_KINDS) else kinds


@dataclass
class TagRule:
    """One tag's rule: its terms keyed by (kind family, normalised text)."""

    tag: str
    about: str
    terms: dict[tuple[str, str], Term]
    source: str
    line: int
    aliases: tuple[str, ...] = ()
    """Other names of the tag, by which another taxonomy may call it."""
    gives_way_to: tuple[str, ...] = ()
    """Tags that say what this one would (a more specific kind, or the whole it is part of): when one of them is emitted, this tag is not."""
    goes_with: tuple[str, ...] = ()
    """Tags this one mostly comes with (a CRM is mostly a web app): beside one of them it needs only ``companion_cutoff_factor`` of the cutoff."""

    def extended_by(self, other: TagRule) -> TagRule:
        """This rule with ``other``'s terms added (a term given again takes ``other``'s weight), its about line if it has one, and its names and relations."""
        return replace(
            self,
            terms={**self.terms, **other.terms},
            about=other.about or self.about,
            aliases=tuple(dict.fromkeys(self.aliases + other.aliases)),
            gives_way_to=tuple(dict.fromkeys(self.gives_way_to + other.gives_way_to)),
            goes_with=tuple(dict.fromkeys(self.goes_with + other.goes_with)),
        )


@dataclass(frozen=True)
class Scoring:
    """The numbers of ``rules/scoring.yaml``."""

    sections: dict[str, float]
    contexts: dict[str, float]
    repeat_decay: float = 0.5
    cutoff: float = 3.0
    relative_cutoff: float = 0.0
    relative_cutoff_cap: float = 0.0
    """The relative bar never rises above this: a tag scoring at least it is emitted however strong the best (0: no cap)."""
    third_tag_cutoff: float = 0.0
    """A third tag (and any after it) must reach this score too (0: only the cutoff)."""
    outside_opening_cutoff: float = 0.0
    """A tag after the first with no evidence in the title or the opening paragraph must reach this score (0: only the others' bars)."""
    opening_only_cutoff: float = 0.0
    """A tag after the first with evidence only there, in a README whose rest is evidence for some tag, must reach this (0: only the others' bars)."""
    companion_cutoff_factor: float = 1.0
    """Beside a tag it ``goes_with``, a tag needs this fraction of the cutoff (1: the cutoff)."""
    max_tags: int = 3
    fuzzy_score: float = 90.0
    fuzzy_min_length: int = 6
    min_confidence: float = 0.5
    first_tag_floor: float = 0.0
    """When no tag reaches the cutoff, the best one is emitted (with confidence 0) if it reaches this (0: never)."""
    single_match_factor: float = 1.0
    """A tag whose positive evidence is one match outside the title counts this fraction of its score (1: in full)."""
    nested_term_factor: float = 1.0
    """A tag's term inside (or across) a heavier term of its own in the title or the opening counts this fraction of its value (1: in full)."""
    intake_weight: float = 0.0
    """How far a tag's share of the catalogue's intake (``intake.yaml``) scales its score (0: not at all)."""
    intake_smoothing: float = 3.0
    """READMEs added to every tag's intake count, so that a tag seen rarely or never is not scaled to nothing."""


@dataclass(frozen=True)
class Intake:
    """The numbers of ``rules/intake.yaml``: how many labelled READMEs carry each tag."""

    readmes: int
    """How many READMEs were counted."""
    counts: dict[str, int]
    """Tag name (stripped, case-folded) -> how many of them carry it."""
    source: str
    lines: dict[str, int] = field(default_factory=dict)
    """Tag name -> the line of its count (for ``--explain``)."""


@dataclass
class RuleSet:
    """All rules by tag name (stripped, case-folded), and the scoring."""

    rules: dict[str, TagRule] = field(default_factory=dict)
    scoring: Scoring = field(default_factory=lambda: Scoring({k: 1.0 for k in SECTION_KINDS}, {}))
    intake: Intake | None = None
    boilerplate: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Template name -> the openings of its lines (``rules/boilerplate.yaml``); a later directory's list replaces a template's."""
    own: set[str] = field(default_factory=set)
    """The tags (keys) whose rule a user's directory sets or extends: a taxonomy that lacks one of them is a mismatch, one that lacks a shipped rule's tag is not."""
    own_new: set[str] = field(default_factory=set)
    """Of ``own``, the tags no shipped rule has (a rule the user's files bring): bound to a taxonomy tag that no shipped rule fits, it extends the rule built from the tag's name."""
    own_whole: set[str] = field(default_factory=set)
    """Of ``own_new``, the rules a file gives with ``mode: replace``: the tag's name is not added to them."""
    own_intake: bool = False
    """Whether the intake counts are a user's (a shipped count for a tag a taxonomy lacks is no mismatch)."""

    @property
    def template_openings(self) -> list[str]:
        """Every template's line openings, in one list."""
        return [opening for openings in self.boilerplate.values() for opening in openings]
