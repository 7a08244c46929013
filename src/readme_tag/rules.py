"""Rule files: load, validate against the schema, merge user rules over the defaults.

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
numbers that turn matches into a decision.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .document import SECTION_KINDS
from .errors import RuleError
from .regex_guard import unsafe_reason
from .text import normalise_term
from .yaml_lines import LineDict, load_yaml

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
    """All rules by tag name (stripped, case-folded), the scoring, and a fingerprint of the files."""

    rules: dict[str, TagRule] = field(default_factory=dict)
    scoring: Scoring = field(default_factory=lambda: Scoring({k: 1.0 for k in SECTION_KINDS}, {}))
    digest: str = ""


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


def load_rules(user_dirs: list[Path] | None = None, defaults: bool = True, sources: list[RuleSource] | None = None) -> RuleSet:
    """Load the default rules, then each user directory over them (or the given ``sources``).

    A later directory overrides an earlier one. Within one directory the
    order of files never matters: two files that set the same term of a tag,
    or two scoring files, are an error.
    """
    if sources is None:
        sources = read_rule_sources(user_dirs, defaults)
    ruleset = RuleSet(digest=fingerprint(sources))
    claims: dict[tuple[int, str], str] = {}
    for source in sources:
        data = load_yaml(source.text, str(source.path))
        if source.path.name == SCORING_FILE:
            _claim(claims, (source.layer, SCORING_FILE), str(source.path), "a scoring file")
            ruleset.scoring = parse_scoring(data, str(source.path), ruleset.scoring)
        else:
            _merge(ruleset, parse_rule(data, str(source.path)), data, source.layer, claims)
    return ruleset


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", str(path)) from None


def _claim(claims: dict[tuple[int, str], str], key: tuple[int, str], source: str, what: str) -> None:
    """Refuse a second file of the same directory layer that sets ``what`` again."""
    first = claims.setdefault(key, source)
    if first != source:
        raise RuleError(f"{what} is set in two files of one rules directory (also in {first})", source)


def _merge(ruleset: RuleSet, rule: TagRule, data: LineDict, layer: int, claims: dict[tuple[int, str], str]) -> None:
    key = tag_key(rule.tag)
    replace = data.get("mode", "extend") == "replace"
    whole = layer == 0 or replace  # the whole rule of the tag: no other file of the layer may touch it
    marker = (layer, f"{key}\0whole" if whole else f"{key}\0part")
    other = claims.get((layer, f"{key}\0whole")) or (claims.get((layer, f"{key}\0part")) if whole else None)
    if other is not None and other != rule.source:
        raise RuleError(f"the rule of tag {rule.tag.strip()!r} is set in two files of one rules directory (also in {other})", rule.source)
    claims.setdefault(marker, rule.source)
    for term_key, term in rule.terms.items():
        _claim(claims, (layer, f"{key}\0{term_key}"), rule.source, f"{term.kind} term {term.text!r} of tag {rule.tag.strip()!r}")
    existing = ruleset.rules.get(key)
    if existing is None or replace:
        ruleset.rules[key] = rule
    else:
        existing.terms.update(rule.terms)
        existing.about = rule.about or existing.about
        existing.aliases = tuple(dict.fromkeys(existing.aliases + rule.aliases))


def parse_rule(data: Any, source: str) -> TagRule:
    """Validate one rule file's data and turn it into a TagRule."""
    if not isinstance(data, LineDict):
        raise RuleError("a rule file must be a mapping with a 'tag' key", source, 1)
    _check_keys(data, RULE_KEYS, source)
    tag = data.get("tag")
    if not isinstance(tag, str) or not tag.strip():
        raise RuleError("'tag' must be a non-empty string", source, data.line_of("tag"))
    about = data.get("about", "")
    if not isinstance(about, str):
        raise RuleError("'about' must be a string", source, data.line_of("about"))
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise RuleError("'aliases' must be a list of names", source, data.line_of("aliases"))
    mode = data.get("mode", "extend")
    if mode not in ("extend", "replace"):
        raise RuleError("'mode' must be 'extend' or 'replace'", source, data.line_of("mode"))
    terms: dict[tuple[str, str], Term] = {}
    for kind in SIGNAL_KINDS:
        if kind not in data:
            continue
        entries = data[kind]
        if not isinstance(entries, LineDict):
            raise RuleError(f"'{kind}' must be a mapping of term: weight", source, data.line_of(kind))
        for text, value in entries.items():
            term = _term(kind, text, value, source, entries.line_of(text))
            key = (_family(kind), _identity(kind, term.text))
            if key in terms:
                raise RuleError(f"{kind} term {text!r} repeats {terms[key].kind} {terms[key].text!r} (line {terms[key].line})", source, term.line)
            terms[key] = term
    return TagRule(tag, about, terms, source, data.line, tuple(aliases))


def _family(kind: str) -> str:
    """A fuzzy term is a keyword that also matches misspellings: the two may not repeat each other."""
    return "keywords" if kind == "fuzzy" else kind


def _identity(kind: str, text: str) -> str:
    """Two terms of a kind with the same identity would match the same text."""
    if kind in ("keywords", "fuzzy", "negative"):
        return normalise_term(text)
    return text if kind == "patterns" else text.lower()


def _term(kind: str, text: str, value: Any, source: str, line: int) -> Term:
    only = None
    exact = False
    per_section: list[tuple[str, float]] = []
    if isinstance(value, LineDict):
        _check_keys(value, ("weight", "only", "exact") + SECTION_KINDS, source)
        exact = value.get("exact", False)
        if not isinstance(exact, bool):
            raise RuleError("'exact' must be true or false", source, value.line_of("exact"))
        only_value = value.get("only")
        if only_value is not None:
            if not isinstance(only_value, list) or not only_value:
                raise RuleError("'only' must be a list of section kinds", source, value.line_of("only"))
            for section in only_value:
                if section not in SECTION_KINDS:
                    raise RuleError(f"unknown section kind {section!r}{_suggest(str(section), SECTION_KINDS)}", source, value.line_of("only"))
            only = frozenset(only_value)
        for section in SECTION_KINDS:
            if section in value:
                per_section.append((section, _number(value[section], f"{text}.{section}", source, value.line_of(section), 0, None)))
        value = value.get("weight", 1)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RuleError(f"weight of {text!r} must be a number", source, line)
    if value < 0:
        raise RuleError(f"weight of {text!r} must not be negative (put terms that lower a score under 'negative')", source, line)
    if not text.strip():
        raise RuleError(f"empty {kind} term", source, line)
    if kind == "patterns":
        _check_pattern(text, source, line)
    elif kind in ("keywords", "fuzzy", "negative") and not normalise_term(text):
        raise RuleError(f"{kind} term {text!r} has no letters or digits to match", source, line)
    return Term(kind, text, float(value), only, source, line, tuple(per_section), exact)


def _check_pattern(pattern: str, source: str, line: int) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise RuleError(f"pattern {pattern!r} does not compile: {exc}", source, line) from None
    reason = unsafe_reason(pattern)
    if reason:
        raise RuleError(f"pattern {pattern!r} refused: {reason}", source, line)


def _check_keys(data: LineDict, allowed: tuple[str, ...], source: str) -> None:
    for key in data:
        if key not in allowed:
            raise RuleError(f"unknown key {key!r}{_suggest(key, allowed)}", source, data.line_of(key))


def _suggest(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (expected one of: {', '.join(choices)})"


def parse_scoring(data: Any, source: str, base: Scoring) -> Scoring:
    """Validate a scoring file; keys it leaves out keep ``base``'s values."""
    if not isinstance(data, LineDict):
        raise RuleError("a scoring file must be a mapping", source, 1)
    _check_keys(data, SCORING_KEYS, source)
    changes: dict[str, Any] = {}
    for key in ("sections", "contexts"):
        if key in data:
            table = data[key]
            if not isinstance(table, LineDict):
                raise RuleError(f"'{key}' must be a mapping of name: number", source, data.line_of(key))
            merged = dict(getattr(base, key))
            for name, number in table.items():
                if key == "sections" and name not in SECTION_KINDS:
                    raise RuleError(f"unknown section kind {name!r}{_suggest(name, SECTION_KINDS)}", source, table.line_of(name))
                merged[name.lower()] = _number(number, f"{key}.{name}", source, table.line_of(name), 0, None)
            changes[key] = merged
    limits = {"repeat_decay": (0, 1), "cutoff": (0, None), "relative_cutoff": (0, 1), "fuzzy_score": (50, 100), "max_tags": (0, None), "fuzzy_min_length": (2, None), "min_confidence": (0, 1)}
    for key, (low, high) in limits.items():
        if key in data:
            number = _number(data[key], key, source, data.line_of(key), low, high)
            if key in ("max_tags", "fuzzy_min_length"):
                if number != int(number):
                    raise RuleError(f"'{key}' must be a whole number", source, data.line_of(key))
                number = int(number)
            changes[key] = number
    return replace(base, **changes)


def _number(value: Any, name: str, source: str, line: int, low: float, high: float | None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RuleError(f"'{name}' must be a number", source, line)
    if value < low or (high is not None and value > high):
        bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
        raise RuleError(f"'{name}' must be {bounds}, not {value}", source, line)
    return float(value)
