"""Rules: what a rule file holds, where rule files are, and how they are fingerprinted.

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

``rules/scoring.yaml`` holds the section weights, the cutoff and the other
numbers that turn matches into a decision. ``schema`` reads and checks them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .document import SECTION_KINDS
from .errors import RuleError

SIGNAL_KINDS = ("keywords", "fuzzy", "patterns", "domains", "badges", "imports", "packages", "commands", "negative")
RULE_KEYS = ("tag", "about", "aliases", "mode") + SIGNAL_KINDS
SCORING_FILE = "scoring.yaml"
SCORING_KEYS = ("sections", "contexts", "repeat_decay", "cutoff", "relative_cutoff", "max_tags", "fuzzy_score", "fuzzy_min_length", "min_confidence")


@dataclass(frozen=True)
class Term:
    """One signal of a rule: a keyword, pattern, domain... with its weight."""

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

    @property
    def where(self) -> str:
        """``file:line`` of the term (just the source for terms that come from no file)."""
        return f"{self.source}:{self.line}" if self.line else self.source

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


@dataclass(frozen=True)
class Scoring:
    """The numbers of ``rules/scoring.yaml``."""

    sections: dict[str, float]
    contexts: dict[str, float]
    repeat_decay: float = 0.5
    cutoff: float = 3.0
    relative_cutoff: float = 0.0
    max_tags: int = 3
    fuzzy_score: float = 90.0
    fuzzy_min_length: int = 6
    min_confidence: float = 0.5


@dataclass
class RuleSet:
    """All rules by tag name (stripped, case-folded), and the scoring."""

    rules: dict[str, TagRule] = field(default_factory=dict)
    scoring: Scoring = field(default_factory=lambda: Scoring({k: 1.0 for k in SECTION_KINDS}, {}))


def tag_key(name: str) -> str:
    """The form of a tag name used to match rules to a taxonomy."""
    return name.strip().casefold()


def default_rules_dir() -> Path:
    """The rules shipped in the package (or, in a source checkout, the top-level ``rules/``)."""
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def rule_files(directory: Path) -> list[Path]:
    """The YAML files of a rules directory, in a stable order."""
    if not directory.is_dir():
        raise RuleError("rules directory not found", str(directory))
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


@dataclass(frozen=True)
class RuleSource:
    """One rule file's text; ``layer`` 0 is the defaults, then each user directory in turn."""

    layer: int
    path: Path
    text: str


def read_rule_sources(user_dirs: list[Path] | None = None, defaults: bool = True) -> list[RuleSource]:
    """The text of every rule file to load, defaults first."""
    dirs = ([(0, default_rules_dir())] if defaults else []) + [(n, Path(d)) for n, d in enumerate(user_dirs or [], 1)]
    return [RuleSource(layer, path, _read(path)) for layer, directory in dirs for path in rule_files(directory)]


def fingerprint(sources: list[RuleSource]) -> str:
    """A hash of the rule files' paths, layers and content (compiled rules name their files)."""
    digest = hashlib.sha256()
    for source in sources:
        digest.update(f"{source.layer}\0{source.path}\0".encode() + source.text.encode() + b"\0")
    return digest.hexdigest()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", str(path)) from None
