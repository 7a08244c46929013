"""Match a taxonomy's tags to rules, whatever the taxonomy calls them.

A tag finds its rule by name, stripped and case-folded, then by simple
variants: separators ("Game Engine", "game_engine" -> game-engine), a plural
("Games" -> game) and a rule's ``aliases``. A tag that no rule fits gets a
rule built from its own name; one that only a user's rule fits gets that
rule with its name's terms added (unless the rule says ``mode: replace``). A user's rule named otherwise than the rule it
means (``tag: Kubernetes`` for k8s) is a rule of its own: a taxonomy tag of
that name takes it in place of the shipped one (``Binding.stand_ins`` says
so). Rules for tags outside the taxonomy are left out. Each tag that ``intake.yaml`` counts gets its factor (``ruleset.intake``);
counts for tags outside the taxonomy are left out too.
``refuse_mismatch`` turns both kinds of mismatch into an error (``strict``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from ..errors import RuleError, some_of
from ..vocabulary import normalise_term, tag_key
from .intake import IntakeFactor, intake_factors
from .model import RuleSet, TagRule, Term
from .taxonomy import Taxonomy

FALLBACK_WEIGHT = 2.0
"""The weight of a tag's own name when the tag has no rule."""
FALLBACK_SOURCE = "(the tag's name)"
_SEPARATORS = re.compile(r"[\s_\-/.]+")


@dataclass
class Binding:
    """Which rule serves each taxonomy tag, and what did not match."""

    rules: dict[int, TagRule] = field(default_factory=dict)
    """Taxonomy index -> rule (a real one, or one built from the tag's name); empty in a Tagger's binding, whose rules are compiled into its Matcher."""
    rule_count: int = 0
    """How many rules were loaded (for reports)."""
    fallback: list[str] = field(default_factory=list)
    """Taxonomy tags that no rule fits (their rule is built from their name)."""
    unused: list[str] = field(default_factory=list)
    """A user's rules whose tag is not in the taxonomy (skipped); shipped rules for other tags are no mismatch."""
    gives_way: dict[int, frozenset[int]] = field(default_factory=dict)
    """Taxonomy index -> the indices of the tags it gives way to (``gives_way_to`` names outside the taxonomy are left out)."""
    goes_with: dict[int, frozenset[int]] = field(default_factory=dict)
    """Taxonomy index -> the indices of the tags it goes with (``goes_with``; names outside the taxonomy are left out)."""
    intake: dict[int, IntakeFactor] = field(default_factory=dict)
    """Taxonomy index -> the factor on its score from the catalogue's intake (tags the intake file counts)."""
    unused_counts: list[str] = field(default_factory=list)
    """Tags a user's intake file counts that no taxonomy tag's rule is for (a typo, or another taxonomy's tags)."""
    unknown_relations: list[str] = field(default_factory=list)
    """``gives_way_to`` or ``goes_with`` names in a user's rules that name no rule and no taxonomy tag (a typo): "ml (gives_way_to of ai)"."""
    cycles: list[str] = field(default_factory=list)
    """Tags that give way, through others or directly, to themselves (``gives_way_to`` both ways): each is left out whenever the others pass too."""
    stand_ins: dict[str, str] = field(default_factory=dict)
    """A user's rule (its name) -> another rule its name also finds (``Kubernetes`` -> k8s, an alias): a rule of its own, which
    does not extend that one (``tag: k8s`` would)."""


def name_forms(name: str) -> list[str]:
    """The spellings a tag name is matched by: ``Game Engines`` -> game-engines, gameengines, game-engine, gameengine."""
    words = [w for w in _SEPARATORS.split(tag_key(name)) if w]
    if not words:
        return []
    forms = ["-".join(words), "".join(words)]
    for singular in _singulars(words[-1]):
        single = words[:-1] + [singular]
        forms += ["-".join(single), "".join(single)]
    return list(dict.fromkeys(forms))


def _singulars(word: str) -> list[str]:
    """Possible singulars of an English plural ("databases" -> databas, database)."""
    if len(word) > 4 and word.endswith("ies"):
        return [word[:-3] + "y"]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return [word[:-1]] + ([word[:-2]] if word.endswith("es") else [])
    return []


def rules_by_form(rules: Mapping[str, TagRule]) -> dict[str, str]:
    """Each spelling a rule is found by (its name's and its aliases' ``name_forms``) -> the rule's key; of two rules, the first by name keeps it."""
    by_form: dict[str, str] = {}
    for key, rule in sorted(rules.items()):
        for name in [key, *rule.aliases]:
            for form in name_forms(name):
                by_form.setdefault(form, key)
    return by_form


def bind(taxonomy: Taxonomy, ruleset: RuleSet) -> Binding:
    """Give every taxonomy tag a rule (one built from its name where none fits), leaving out rules for other tags."""
    binding = Binding()
    taken: set[str] = set()
    exact = {tag.index: ruleset.rules[tag.key] for tag in taxonomy if tag.key in ruleset.rules}
    taken.update(tag.key for tag in taxonomy if tag.key in ruleset.rules)
    by_form = rules_by_form(ruleset.rules)
    spellings = rules_by_form({name: rule for name, rule in ruleset.rules.items() if name not in ruleset.own_new})
    for tag in taxonomy:
        found = exact.get(tag.index)
        if found is None:
            by_name = next((by_form[f] for f in name_forms(tag.name) if f in by_form and by_form[f] not in taken), None)
            if by_name is not None:
                taken.add(by_name)
                found = ruleset.rules[by_name]
        if found is None:
            binding.fallback.append(tag.name)
            found = fallback_rule(tag.name)
        binding.rules[tag.index] = found
    for tag in taxonomy:  # once every tag has taken its rule: whether another took the shipped one does not hang on their order
        found = binding.rules[tag.index]
        if _extends_the_name(found, tag.name, ruleset, spellings, taken):
            binding.rules[tag.index] = replace(found, terms={**fallback_rule(tag.name).terms, **found.terms})
    binding.rule_count = len(ruleset.rules)
    target = _targets(binding, taxonomy)
    for key in sorted(ruleset.own & set(ruleset.rules)):  # a name that finds no tag, nor any rule's name or alias, bound or not
        own = ruleset.rules[key]
        for kind, names in (("gives_way_to", own.gives_way_to), ("goes_with", own.goes_with)):
            binding.unknown_relations += [f"{name} ({kind} of {own.tag.strip()})" for name in names if target(name) is None and not any(f in by_form for f in name_forms(name))]
    for index, rule in binding.rules.items():
        for names, relation in ((rule.gives_way_to, binding.gives_way), (rule.goes_with, binding.goes_with)):
            others = frozenset(found for found in map(target, names) if found is not None and found != index)
            if others:
                relation[index] = others
    binding.cycles = [binding.rules[index].tag.strip() for index in _giving_way_to_themselves(binding.gives_way)]
    binding.intake = intake_factors(binding.rules, ruleset.intake, ruleset.scoring, {tag.index: tag.name for tag in taxonomy})
    bound = {tag_key(rule.tag) for rule in binding.rules.values()} | {tag.key for tag in taxonomy}
    binding.unused_counts = sorted(key for key in (ruleset.intake.counts if ruleset.intake and ruleset.own_intake else {}) if key not in bound)
    binding.unused = sorted(rule.tag.strip() for key, rule in ruleset.rules.items() if key not in taken and key in ruleset.own)
    for key in sorted(ruleset.own_new):  # said where it matters: the user's rule unused beside the bound rule it names, or that rule bound to no tag
        named = next((spellings[f] for f in name_forms(ruleset.rules[key].tag) if f in spellings), None)
        if named is not None and (key in taken) != (named in taken):
            binding.stand_ins[ruleset.rules[key].tag.strip()] = ruleset.rules[named].tag.strip()
    return binding


def _targets(binding: Binding, taxonomy: Taxonomy) -> Callable[[str], int | None]:
    """The taxonomy tag a relation's name stands for: the tag whose rule has that name, or whose own name it is, or one
    they or the rule's aliases are spelled as ("Databases", "database", "db"); None for a name no tag of the taxonomy has."""
    exact = {tag_key(rule.tag): index for index, rule in binding.rules.items()}
    for tag in taxonomy:
        exact.setdefault(tag.key, tag.index)
    spelled: dict[str, int] = {}  # the spellings of the tags' and their rules' names
    aliased: dict[str, int] = {}  # of the rules' aliases: any spelling of a name before an alias
    for index, rule in sorted(binding.rules.items()):
        for names, into in (((rule.tag, taxonomy.tags[index].name), spelled), (rule.aliases, aliased)):
            for form in (form for name in names for form in name_forms(name)):
                into.setdefault(form, index)

    def target(name: str) -> int | None:
        key = tag_key(name)
        if key in exact:
            return exact[key]
        forms = name_forms(name)
        return next((spelled[f] for f in forms if f in spelled), next((aliased[f] for f in forms if f in aliased), None))

    return target


def _giving_way_to_themselves(gives_way: Mapping[int, frozenset[int]]) -> list[int]:
    """The tags from which the ``gives_way`` relation leads back to themselves, in taxonomy order."""

    def returns(start: int) -> bool:
        seen: set[int] = set()
        todo = list(gives_way[start])
        while todo:
            tag = todo.pop()
            if tag == start:
                return True
            if tag not in seen:
                seen.add(tag)
                todo.extend(gives_way.get(tag, ()))
        return False

    return sorted(tag for tag in gives_way if returns(tag))


def _extends_the_name(rule: TagRule, name: str, ruleset: RuleSet, shipped: Mapping[str, str], taken: set[str]) -> bool:
    """Whether a user's rule for a tag that no shipped rule fits, or only one another tag has ``taken`` (``Machine
    Learning`` beside ``AI``, both ai's), adds to the rule built from the tag's name (not with ``mode: replace``)."""
    key = tag_key(rule.tag)
    return key in ruleset.own_new and key not in ruleset.own_whole and not any(shipped[form] not in taken for form in name_forms(name) if form in shipped)


def unused_note(name: str, binding: Binding, taxonomy: Taxonomy) -> str:
    """What to say of a user's rule that no taxonomy tag takes: how to extend the shipped rule its name finds, or the tag it seems to misspell ("" if neither)."""
    other = binding.stand_ins.get(name)
    if other:
        return f"to extend the rule {other}, write tag: {other}"
    names = {tag.key: tag.name for tag in taxonomy}
    close = difflib.get_close_matches(tag_key(name), sorted(names), n=1, cutoff=0.75)
    return f"did you mean {names[close[0]]}?" if close else ""


def refuse_mismatch(binding: Binding, source: str) -> None:
    """A RuleError naming the taxonomy ``source`` when a tag has no rule, or a rule or intake count no tag, or relations
    name no tag or go round (``strict``)."""
    message = mismatch_message(binding)
    if message:
        raise RuleError(message, source)


def mismatch_message(binding: Binding) -> str:
    """One line: how many tags have no rule, rules no tag, relations no tag or a cycle, naming the first few ("" when none)."""
    parts = []
    if binding.fallback:
        parts.append(f"no rule for {len(binding.fallback)} tag(s): {some_of(binding.fallback)}")
    if binding.unused:
        parts.append(f"{len(binding.unused)} rule(s) for tags not in the taxonomy: {some_of(binding.unused)}")
    if binding.unused_counts:
        parts.append(f"{len(binding.unused_counts)} intake count(s) for tags not in the taxonomy: {some_of(binding.unused_counts)}")
    if binding.unknown_relations:
        parts.append(f"{len(binding.unknown_relations)} relation(s) to no known tag: {some_of(binding.unknown_relations)}")
    if binding.cycles:
        parts.append(f"{len(binding.cycles)} tag(s) give way to each other in a cycle and are all left out when they pass together: {some_of(binding.cycles)}")
    return "; ".join(parts)


def fallback_rule(name: str) -> TagRule:
    """A rule made of the tag's name and its singular, for a tag no rule fits."""
    words = [w for w in _SEPARATORS.split(name.strip()) if w]
    forms = [" ".join(words)] + [" ".join(words[:-1] + [s]) for s in _singulars(words[-1].casefold())] if words else []
    terms = {}
    for form in forms:
        kind = "fuzzy" if len(form.replace(" ", "")) >= 6 else "keywords"
        terms[("keywords", normalise_term(form))] = Term(kind, form, FALLBACK_WEIGHT, None, FALLBACK_SOURCE, 0)  # keyed as a rule file's keyword is: a user's term replaces it
    return TagRule(name.strip(), f"built from the tag name {name.strip()!r}", terms, FALLBACK_SOURCE, 0)
