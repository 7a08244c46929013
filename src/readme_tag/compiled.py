"""The compiled rules a taxonomy is tagged with: its own compilation, or every rule's with its tags renumbered.

Compiling the rules (reading 2 MB of YAML, building the keyword index and
the patterns) takes seconds; binding a taxonomy's tags to rules takes
milliseconds. A taxonomy whose tags are the rule set's, one rule each, in
any order and under any names the rules answer to (the default taxonomy;
the 90 tags of a prompt's list, shuffled), is tagged with the compilation
of every rule of the set, kept in the cache folder and in the process with
the rules' names and relations but not their terms, its signals renumbered
to the taxonomy's tags: nothing is compiled again, and the answers are
those of the taxonomy compiled on its own. Any other taxonomy (a subset, a
tag no rule fits, a tag whose user rule its name's terms extend) is
compiled on its own and cached under its taxonomy: a rule left out still
changes which words start a misspelling and which fuzzy term one is
closest to, so a view that left it silent would answer otherwise.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TypeVar

from .match import Matcher
from .ruleset import cache
from .ruleset.bind import Binding, bind
from .ruleset.files import RuleSource, fingerprint
from .ruleset.model import RuleSet, TagRule
from .ruleset.taxonomy import Taxonomy

_KEPT = 2
"""Rule sets kept compiled in the process, the most recently used (a run uses one; a long process may switch)."""
_kept: dict[str, tuple[RuleSet, Matcher]] = {}
_rulesets: dict[str, RuleSet] = {}
_keeping = threading.Lock()
T = TypeVar("T")
_EVERY = "every rule"


def compiled_for(sources: list[RuleSource], taxonomy: Taxonomy) -> tuple[Binding, Matcher]:
    """The binding of ``taxonomy`` to the rules of ``sources`` (without the rules themselves) and the matcher for its tags."""
    rules_print = fingerprint(sources)
    own_key = cache.cache_key(rules_print, taxonomy.fingerprint)
    compiled = cache.load(own_key, (Binding, Matcher))  # a taxonomy compiled on its own before
    if compiled is not None:
        return compiled[0], compiled[1]
    every = _every_rule(rules_print)
    if every is not None:
        binding = bind(taxonomy, every[0])
        if _serves_every_rule(binding, every[0]):
            return _view(every, binding)
    ruleset = _loaded(rules_print, sources)
    binding = bind(taxonomy, ruleset)
    if every is None and _serves_every_rule(binding, ruleset):
        return _view(_keep_every_rule(rules_print, ruleset), binding)
    compiled = (replace(binding, rules={}), Matcher(binding.rules, ruleset.scoring, ruleset.template_openings))  # plain data, fast to load
    cache.store(own_key, compiled)
    return compiled


def forget() -> None:
    """Keep no rule set compiled or loaded in the process (each command line run reads the cache folder anew, in-process runs too)."""
    with _keeping:
        _kept.clear()
        _rulesets.clear()


def _loaded(rules_print: str, sources: list[RuleSource]) -> RuleSet:
    """The rule set of ``sources`` (whose fingerprint is ``rules_print``), loaded once while it is among the last used (a
    stream of prompts whose tag lists differ compiles a taxonomy for each, from the same rules; none of them changes it)."""
    with _keeping:
        ruleset = _rulesets.pop(rules_print, None)
    if ruleset is None:
        from .ruleset.load import load_rules  # YAML is needed only when the rules are compiled

        ruleset = load_rules(sources=sources)
    with _keeping:
        _keep(_rulesets, rules_print, ruleset)
    return ruleset


def _serves_every_rule(binding: Binding, ruleset: RuleSet) -> bool:
    """Whether each of the taxonomy's tags has a rule of the set as it stands (not one its name's terms extend), and each
    rule a tag: the set's compilation, its tags renumbered, is then the taxonomy's own (a rule left out would still take
    part: its words start no misspelling, its fuzzy terms compete for one)."""
    as_loaded = {id(rule) for rule in ruleset.rules.values()}
    return not binding.fallback and len(binding.rules) == len(ruleset.rules) and all(id(rule) in as_loaded for rule in binding.rules.values())


def _view(every: tuple[RuleSet, Matcher], binding: Binding) -> tuple[Binding, Matcher]:
    """The binding, and the matcher of every rule with each rule's signals counting for the tag it serves (``binding`` of
    the rule set ``every[0]`` or of the one it was made from: their rules are in one order)."""
    rules, matcher = every
    tag_of = {_key(rule): index for index, rule in binding.rules.items()}
    return replace(binding, rules={}), matcher.for_tags([tag_of[key] for key in map(_key, rules.rules.values())])


def _key(rule: TagRule) -> tuple[str, str, int]:
    """A rule, as the same rule with or without its terms is known."""
    return (rule.tag, rule.source, rule.line)


def _every_rule(rules_print: str) -> tuple[RuleSet, Matcher] | None:
    """The compilation of every rule of the rule set, from the process or the cache folder; None when neither has it."""
    key = cache.cache_key(rules_print, _EVERY)
    with _keeping:
        found = _kept.pop(key, None)
        if found is None:
            loaded = cache.load(key, (RuleSet, Matcher))
            found = (loaded[0], loaded[1]) if loaded is not None else None
        if found is not None:
            _keep(_kept, key, found)
    return found


def _keep_every_rule(rules_print: str, ruleset: RuleSet) -> tuple[RuleSet, Matcher]:
    """Every rule of ``ruleset`` compiled, numbered in its order, and kept (with the rules' names and relations, not their terms)."""
    matcher = Matcher(dict(enumerate(ruleset.rules.values())), ruleset.scoring, ruleset.template_openings)
    every = (replace(ruleset, rules={name: replace(rule, terms={}) for name, rule in ruleset.rules.items()}), matcher)
    key = cache.cache_key(rules_print, _EVERY)
    cache.store(key, every)
    with _keeping:
        _keep(_kept, key, every)
    return every


def _keep(store: dict[str, T], key: str, value: T) -> None:
    """Keep ``value`` in ``store`` as the most recently used (last), and only the ``_KEPT`` most recent."""
    store[key] = value
    while len(store) > _KEPT:
        del store[next(iter(store))]
