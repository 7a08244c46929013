"""Rule files to a RuleSet: YAML loaded safely, checked against the schema, user rules laid over the defaults.

The schema of a rule file is its fixed keys plus one key per signal kind;
each kind says which options its terms take and checks their text. Errors
name the file, the line and what is wrong. Only needed when rules are
compiled; a cached compilation never imports YAML.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..boilerplate import MIN_WORDS, opening_words
from ..errors import RuleError
from ..gc_paused import gc_paused
from ..signals import KINDS, SignalKind
from ..vocabulary import SECTION_KINDS, tag_key
from . import cache
from .files import BOILERPLATE_FILE, INTAKE_FILE, SCORING_FILE, RuleSource, read_rule_sources
from .model import Intake, RuleSet, Scoring, TagRule, Term
from .yaml_lines import LineDict, load_yaml

RULE_KEYS = ("tag", "about", "aliases", "gives_way_to", "goes_with", "mode", *KINDS)
"""The keys of a rule file: its own, then one per signal kind."""
MAX_WEIGHT = 1e6
"""The largest weight a term or a section may have (a score is a sum of products of weights, and must stay finite)."""
SCORING_LIMITS: dict[str, tuple[float, float | None]] = {
    "repeat_decay": (0, 1),
    "cutoff": (0, None),
    "relative_cutoff": (0, 1),
    "relative_cutoff_cap": (0, None),
    "third_tag_cutoff": (0, None),
    "outside_opening_cutoff": (0, None),
    "opening_only_cutoff": (0, None),
    "companion_cutoff_factor": (0, 1),
    "max_tags": (0, None),
    "fuzzy_score": (50, 100),
    "fuzzy_min_length": (2, None),
    "min_confidence": (0, 1),
    "first_tag_floor": (0, None),
    "single_match_factor": (0, 1),
    "nested_term_factor": (0, 1),
    "intake_weight": (0, 1),
    "intake_smoothing": (0, None),
}
"""Each number of a scoring file (a field of ``Scoring``) with its lowest and highest value (None: no highest)."""
WHOLE_NUMBERS = ("max_tags", "fuzzy_min_length")
SCORING_KEYS = ("sections", "contexts", *SCORING_LIMITS)
INTAKE_KEYS = ("readmes", "tags")


def errors_of_each(user_dirs: list[Path]) -> list[RuleError]:
    """The error of each of the user's rule files read on its own (its YAML, its keys and terms), every file read, so
    that all are said at once; what only files together show (a term set in two) is ``load_rules``' to say."""
    found = []
    for source in read_rule_sources(user_dirs, defaults=False):
        try:
            load_rules(sources=[source])
        except RuleError as exc:
            found.append(exc)
    return found


@gc_paused()
def load_rules(user_dirs: list[Path] | None = None, defaults: bool = True, sources: list[RuleSource] | None = None) -> RuleSet:
    """Load the default rules, then each user directory over them (or the given ``sources``).

    A later directory overrides an earlier one. Within one directory the
    order of files never matters: two files that set the same term of a tag,
    or two scoring (or intake, or boilerplate) files, are an error. A later
    intake file replaces an earlier one whole: its counts come from one
    labelled set; a later boilerplate file replaces the templates it names.
    """
    if sources is None:
        sources = read_rule_sources(user_dirs, defaults)
    ruleset = RuleSet()
    claims: dict[tuple[int, str], tuple[str, int | None]] = {}
    for source in sources:
        role = source.role
        if role == SCORING_FILE:
            _claim(claims, (source.layer, SCORING_FILE), source.name, "a scoring file")
            ruleset.scoring = parse_scoring(load_yaml(source.text, source.name), source.name, ruleset.scoring)
        elif role == INTAKE_FILE:
            _claim(claims, (source.layer, INTAKE_FILE), source.name, "an intake file")
            ruleset.intake = parse_intake(load_yaml(source.text, source.name), source.name)
            ruleset.own_intake = source.layer > 0
        elif role == BOILERPLATE_FILE:
            _claim(claims, (source.layer, BOILERPLATE_FILE), source.name, "a boilerplate file")
            ruleset.boilerplate.update(parse_boilerplate(load_yaml(source.text, source.name), source.name))
        else:
            rule, mode = _parsed(source.text, source.name)
            if source.layer > 0 and tag_key(rule.tag) not in ruleset.rules:
                ruleset.own_new.add(tag_key(rule.tag))
            if mode == "replace" and tag_key(rule.tag) in ruleset.own_new:
                ruleset.own_whole.add(tag_key(rule.tag))
            _merge(ruleset, replace(rule, terms=dict(rule.terms)), mode, source.layer, claims)
            if source.layer > 0:
                ruleset.own.add(tag_key(rule.tag))
    cache.prune_entries("rule")  # once, not after each rule file kept
    return ruleset


@lru_cache(maxsize=1024)
def _parsed(text: str, source: str) -> tuple[TagRule, str]:
    """A rule file's TagRule and mode, parsed once per process and kept in the cache (merging changes a copy, never this)."""
    key = cache.cache_key("rule file", source, text)
    kept = cache.load(key, (TagRule, str), kind="rule")
    if kept is not None:
        return kept[0], kept[1]
    data = load_yaml(text, source)
    parsed = parse_rule(data, source), str(data.get("mode", "extend"))
    cache.store(key, parsed, kind="rule", prune=False)
    return parsed


def _claim(claims: dict[tuple[int, str], tuple[str, int | None]], key: tuple[int, str], source: str, what: str, line: int | None = None) -> None:
    """Refuse a second file of the same directory layer that sets ``what`` again (on ``line``, where it is one)."""
    first, first_line = claims.setdefault(key, (source, line))
    if first != source:
        raise RuleError(f"{what} is set in two files of one rules directory (also in {first}{'' if first_line is None else f':{first_line}'})", source, line)


def _merge(ruleset: RuleSet, rule: TagRule, mode: str, layer: int, claims: dict[tuple[int, str], tuple[str, int | None]]) -> None:
    key = tag_key(rule.tag)
    replaces = mode == "replace"
    whole = layer == 0 or replaces  # the whole rule of the tag: no other file of the layer may touch it
    marker = (layer, f"{key}\0whole" if whole else f"{key}\0part")
    other = claims.get((layer, f"{key}\0whole")) or (claims.get((layer, f"{key}\0part")) if whole else None)
    if other is not None and other[0] != rule.source:
        raise RuleError(f"the rule of tag {rule.tag.strip()!r} is set in two files of one rules directory (also in {other[0]})", rule.source)
    claims.setdefault(marker, (rule.source, None))
    if not whole:  # a whole rule's file is the only one of its layer for the tag: its terms need no claims of their own
        for term_key, term in rule.terms.items():
            _claim(claims, (layer, f"{key}\0{term_key}"), rule.source, f"{term.kind} term {term.text!r} of tag {rule.tag.strip()!r}", term.line)
    existing = ruleset.rules.get(key)
    ruleset.rules[key] = rule if existing is None or replaces else existing.extended_by(rule)


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
    aliases = _names(data, "aliases", source)
    gives_way_to = _names(data, "gives_way_to", source)
    goes_with = _names(data, "goes_with", source)
    mode = data.get("mode", "extend")
    if mode not in ("extend", "replace"):
        raise RuleError("'mode' must be 'extend' or 'replace'", source, data.line_of("mode"))
    terms: dict[tuple[str, str], Term] = {}
    for name in data:
        kind = KINDS.get(name)
        if kind is None:
            continue
        entries = data[name]
        if entries is None:  # a section whose entries are all commented out
            continue
        if not isinstance(entries, LineDict):
            raise RuleError(f"'{name}' must be a mapping of term: weight", source, data.line_of(name))
        for text, value in entries.items():
            term = _term(kind, text, value, source, entries.line_of(text))
            key = (kind.family or kind.name, kind.identity(term.text))
            if key in terms:
                raise RuleError(f"{name} term {text!r} repeats {terms[key].kind} {terms[key].text!r} (line {terms[key].line})", source, term.line)
            terms[key] = term
    return TagRule(tag, about, terms, source, data.line, aliases, gives_way_to, goes_with)


def _names(data: LineDict, key: str, source: str) -> tuple[str, ...]:
    """A rule file's list of tag names under ``key`` (empty when absent, or left empty)."""
    names = data.get(key)
    names = [] if names is None else names
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise RuleError(f"'{key}' must be a list of names", source, data.line_of(key))
    return tuple(names)


def _term(kind: SignalKind, text: str, value: Any, source: str, line: int) -> Term:
    only = None
    exact = False
    per_section: list[tuple[str, float]] = []
    if isinstance(value, LineDict):
        _check_keys(value, kind.options, source)
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
                per_section.append((section, _number(value[section], f"{text}.{section}", source, value.line_of(section), 0, MAX_WEIGHT)))
        value = value.get("weight", 1)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RuleError(f"weight of {text!r} must be a number", source, line)
    if value < 0:
        raise RuleError(f"weight of {text!r} must not be negative (put terms that lower a score under 'negative')", source, line)
    _number(value, text, source, line, 0, MAX_WEIGHT)
    if not text.strip():
        raise RuleError(f"empty {kind.name} term", source, line)
    problem = kind.check(text)
    if problem:
        raise RuleError(problem, source, line)
    return Term(kind.name, text, float(value), only, source, line, tuple(per_section), exact)


def _check_keys(data: LineDict, allowed: tuple[str, ...], source: str) -> None:
    for key in data:
        if key not in allowed:
            raise RuleError(f"unknown key {key!r}{_suggest(key, allowed)}", source, data.line_of(key))


def _suggest(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (expected one of: {', '.join(choices)})"


def parse_scoring(data: Any, source: str, base: Scoring) -> Scoring:
    """Validate a scoring file; keys it leaves out (all, in a file of comments only) keep ``base``'s values."""
    if data is None:
        return base
    if not isinstance(data, LineDict):
        raise RuleError("a scoring file must be a mapping", source, 1)
    _check_keys(data, SCORING_KEYS, source)
    changes: dict[str, Any] = {}
    for key in ("sections", "contexts"):
        if key in data:
            table = data[key]
            if table is None:  # its entries all commented out
                continue
            if not isinstance(table, LineDict):
                raise RuleError(f"'{key}' must be a mapping of name: number", source, data.line_of(key))
            merged = dict(getattr(base, key))
            for name, number in table.items():
                if key == "sections" and name not in SECTION_KINDS:
                    raise RuleError(f"unknown section kind {name!r}{_suggest(name, SECTION_KINDS)}", source, table.line_of(name))
                merged[name.lower()] = _number(number, f"{key}.{name}", source, table.line_of(name), 0, MAX_WEIGHT)
            changes[key] = merged
    for key, (low, high) in SCORING_LIMITS.items():
        if key in data:
            number = _number(data[key], key, source, data.line_of(key), low, high)
            if key in WHOLE_NUMBERS:
                if number != int(number):
                    raise RuleError(f"'{key}' must be a whole number", source, data.line_of(key))
                number = int(number)
            changes[key] = number
    if changes.get("intake_smoothing", 1) == 0:
        raise RuleError("'intake_smoothing' must be more than 0 (a tag no labelled README carries would count nothing)", source, data.line_of("intake_smoothing"))
    return replace(base, **changes)


def parse_intake(data: Any, source: str) -> Intake:
    """Validate an intake file: ``readmes`` counted, and ``tags``, each tag's count among them."""
    if not isinstance(data, LineDict):
        raise RuleError("an intake file must be a mapping with 'readmes' and 'tags'", source, 1)
    _check_keys(data, INTAKE_KEYS, source)
    readmes = _count(data.get("readmes"), "readmes", source, data.line_of("readmes"), None)
    if readmes == 0:
        raise RuleError("'readmes' must be at least 1", source, data.line_of("readmes"))
    table = data.get("tags")
    if not isinstance(table, LineDict):
        raise RuleError("'tags' must be a mapping of tag: count", source, data.line_of("tags"))
    counts: dict[str, int] = {}
    lines: dict[str, int] = {}
    for name, value in table.items():
        key = tag_key(str(name))
        if not key:
            raise RuleError("empty tag name", source, table.line_of(name))
        if key in counts:
            raise RuleError(f"tag {name!r} is counted twice (also line {lines[key]})", source, table.line_of(name))
        counts[key] = _count(value, f"tags.{name}", source, table.line_of(name), readmes)
        lines[key] = table.line_of(name)
    return Intake(readmes, counts, source, lines)


def parse_boilerplate(data: Any, source: str) -> dict[str, tuple[str, ...]]:
    """Validate a boilerplate file: template name -> the openings of its lines, each of at least ``MIN_WORDS`` words."""
    if data is None:  # comments only
        return {}
    if not isinstance(data, LineDict):
        raise RuleError("a boilerplate file must be a mapping of template name: list of line openings", source, 1)
    templates: dict[str, tuple[str, ...]] = {}
    for name, openings in data.items():
        line = data.line_of(name)
        if openings is None:
            openings = []
        if not isinstance(openings, list) or not all(isinstance(opening, str) for opening in openings):
            raise RuleError(f"template {name!r} must be a list of line openings (strings)", source, line)
        for opening in openings:
            if opening_words(opening) < MIN_WORDS:
                raise RuleError(f"opening {opening!r} of template {name!r} has fewer than {MIN_WORDS} words: it would take out a project's own text", source, line)
        templates[str(name)] = tuple(openings)
    return templates


def _count(value: Any, name: str, source: str, line: int, most: int | None) -> int:
    """A whole number from 0 (to ``most``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError(f"'{name}' must be a whole number", source, line)
    if value < 0 or (most is not None and value > most):
        bounds = f"from 0 to {most} (the READMEs counted)" if most is not None else "at least 0"
        raise RuleError(f"'{name}' must be {bounds}, not {value}", source, line)
    return value


def _number(value: Any, name: str, source: str, line: int, low: float, high: float | None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RuleError(f"'{name}' must be a number", source, line)
    try:
        number = float(value)
    except OverflowError:  # a whole number too large for a float
        number = math.inf
    if not math.isfinite(number):
        raise RuleError(f"'{name}' must be a finite number, not {number}", source, line)
    if number < low or (high is not None and number > high):
        bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
        raise RuleError(f"'{name}' must be {bounds}, not {value}", source, line)
    return number
