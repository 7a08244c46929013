"""Each tag's candidates counted over the labelled READMEs: with the tag, without it, the precision, what its rule has."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReadmeTagError
from ..gold import GoldItem
from ..parse import read_document
from ..ruleset.model import TagRule
from ..tagger import Tagger
from ..vocabulary import tag_key, variants
from .candidates import NAMED, TEXT_SECTIONS, Candidate, candidates, usual_spellings, written_form
from .copies import groups, sketch

_Z = 1.64
"""The Wilson interval's z (a one-sided 95% lower bound)."""


@dataclass
class Row:
    """A candidate for one tag and its counts."""

    candidate: Candidate
    with_tag: int
    without: int
    known: str
    """``has``: the tag's rule has it; ``negative``: as a negative term; "" otherwise."""
    others: tuple[str, ...] = ()
    """Other tags whose rules have it."""
    written: str = ""
    """The term as READMEs most often write it ("" for the term itself)."""

    @property
    def shown(self) -> str:
        return self.written or self.candidate.term

    @property
    def precision(self) -> float:
        return self.with_tag / (self.with_tag + self.without)

    @property
    def lower_bound(self) -> float:
        """The Wilson lower bound of the precision: small counts are not trusted."""
        n = self.with_tag + self.without
        p = self.precision
        centre = p + _Z * _Z / (2 * n)
        spread = _Z * math.sqrt(p * (1 - p) / n + _Z * _Z / (4 * n * n))
        return (centre - spread) / (1 + _Z * _Z / n)


@dataclass
class TagSuggestions:
    """What the labelled READMEs suggest for one tag."""

    tag: str
    """The tag's name as the taxonomy gives it."""
    readmes: int
    """READMEs with the tag (a group of near-copies counts once)."""
    others: int
    """READMEs without it."""
    rows: list[Row] = field(default_factory=list)
    negatives: list[Row] = field(default_factory=list)
    """Candidates for ``negative``: in the READMEs the tag is wrongly given (``with_tag``), not in those it is rightly given (``without``)."""
    named: dict[str, list[str]] = field(default_factory=dict)
    """For a tag no rule fits: the rule built from its name, by signal kind (a rule file for the tag replaces that rule)."""
    rule_tag: str = ""
    """The ``tag:`` a rule file for it names: the rule it is bound to ("Databases": database), so that the file extends that rule."""


def _by_kind(rule: TagRule) -> dict[str, list[str]]:
    """A rule's terms by signal kind, as a rule file writes them."""
    kinds: dict[str, list[str]] = {}
    for term in rule.terms.values():
        kinds.setdefault(term.kind, []).append(term.text)
    return kinds


def _rule_terms(rule: TagRule) -> tuple[set[str], set[str]]:
    """(positive, negative) forms a rule already matches, as candidate keys ``kind:term``."""
    positive: set[str] = set()
    negative: set[str] = set()
    for term in rule.terms.values():
        target = negative if term.kind == "negative" else positive
        if term.kind in ("keywords", "fuzzy", "negative"):
            target.update("words:" + " ".join(form) for form in variants(term.text))
        else:
            target.add(f"{term.kind}:{term.text.lower()}")
    return positive, negative


def _key(candidate: Candidate) -> str:
    named = NAMED.get(candidate.kind)
    return f"{named}:{candidate.term}" if named else f"words:{candidate.term}"


@dataclass
class _Readme:
    """What suggesting needs of one README (or one group of near-copies, merged)."""

    found: set[Candidate]
    required: set[str]
    also: set[str]
    emitted: set[str]


def suggest(
    tagger: Tagger, gold: list[GoldItem], readmes: Path, tags: list[str] | None = None, min_support: int = 3, min_precision: float = 0.5, warn: Callable[[str], None] | None = None
) -> list[TagSuggestions]:
    """Candidate terms for each tag of ``tags`` (default: every taxonomy tag that gold uses), best first; ``warn`` hears of READMEs that could not be read."""
    from ..ruleset.bind import FALLBACK_SOURCE, bind
    from ..ruleset.load import load_rules

    rules = bind(tagger.taxonomy, load_rules([Path(d) for d in tagger.settings.rules], tagger.settings.default_rules)).rules
    known = {tagger.taxonomy.tags[i].key: _rule_terms(rule) for i, rule in rules.items()}
    named = {tagger.taxonomy.tags[i].key: _by_kind(rule) for i, rule in rules.items() if rule.source == FALLBACK_SOURCE}
    bound_to = {tagger.taxonomy.tags[i].key: rule.tag for i, rule in rules.items() if rule.source != FALLBACK_SOURCE}
    spellings: Counter[tuple[str, str]] = Counter()
    merged = _grouped(tagger, gold, readmes, spellings, warn)
    spelled = usual_spellings(spellings)
    wanted = [tag_key(t) for t in tags] if tags else sorted({t for r in merged for t in r.required} & set(known))
    total = Counter(c for r in merged for c in r.found)
    out = []
    for tag in wanted:
        if tag not in known:
            raise ReadmeTagError(f"tag {tag!r} is not in the taxonomy")
        positive, negative = known[tag]
        holders = [r for r in merged if tag in r.required]
        unsure = [r for r in merged if tag in r.also and tag not in r.required]
        with_tag = Counter(c for r in holders for c in r.found)
        doubtful = Counter(c for r in unsure for c in r.found)
        name = tagger.taxonomy.by_key[tag].name
        bound = bound_to.get(tag, name)
        suggestion = TagSuggestions(name, len(holders), len(merged) - len(holders) - len(unsure), named=named.get(tag, {}), rule_tag=bound)
        for candidate, count in with_tag.items():
            if count >= min_support:
                row = Row(candidate, count, total[candidate] - count - doubtful[candidate], _known(candidate, positive, negative), _others(candidate, tag, known))
                if row.precision >= min_precision:
                    row.written = _written(candidate, spelled)
                    suggestion.rows.append(row)
        suggestion.rows.sort(key=_rank)
        suggestion.negatives = _negatives(merged, tag, positive, negative, min_support, min_precision, spelled)
        out.append(suggestion)
    return out


def _grouped(tagger: Tagger, gold: list[GoldItem], readmes: Path, spellings: Counter[tuple[str, str]], warn: Callable[[str], None] | None) -> list[_Readme]:
    """Each labelled README read, parsed and tagged (its words' spellings counted), then near-copies merged into one; those that cannot be read are left out."""
    records: list[_Readme] = []
    sketches: list[frozenset[int]] = []
    unread: list[str] = []
    for item in gold:
        try:
            doc = tagger.matcher.boilerplate.strip(read_document(str(readmes / item.file)))  # template text suggests nothing
        except ReadmeTagError as exc:
            unread.append(str(exc))
            continue
        emitted = {tag_key(t.tag.name) for t in tagger.tag_document(doc).tags}
        records.append(_Readme(candidates(doc, spellings), {tag_key(t) for t in item.tags}, {tag_key(t) for t in item.also}, emitted))
        sketches.append(sketch(doc))
    if unread and warn is not None:
        warn(f"{len(unread)} README(s) could not be read and are left out (the first: {unread[0]})")
    merged: dict[int, _Readme] = {}
    for record, group in zip(records, groups(sketches), strict=True):
        into = merged.setdefault(group, _Readme(set(), set(), set(), set()))
        into.found |= record.found
        into.required |= record.required
        into.also |= record.also
        into.emitted |= record.emitted
    return [merged[g] for g in sorted(merged)]


def _rank(row: Row) -> tuple[float, int, str, str]:
    return (-round(row.lower_bound, 6), -row.with_tag, row.candidate.kind, row.candidate.term)


def _known(candidate: Candidate, positive: set[str], negative: set[str]) -> str:
    key = _key(candidate)
    return "has" if key in positive else "negative" if key in negative else ""


def _others(candidate: Candidate, tag: str, known: dict[str, tuple[set[str], set[str]]]) -> tuple[str, ...]:
    key = _key(candidate)
    return tuple(other for other in sorted(known) if other != tag and key in known[other][0])


def _written(candidate: Candidate, spelled: Mapping[str, str]) -> str:
    """How a word candidate is written, where that differs from its matched form ("" otherwise)."""
    if candidate.kind not in TEXT_SECTIONS:
        return ""
    written = written_form(candidate.term, spelled)
    return "" if written == candidate.term else written


def _negatives(readmes: list[_Readme], tag: str, positive: set[str], negative: set[str], min_support: int, min_precision: float, spelled: Mapping[str, str]) -> list[Row]:
    wrong = Counter(c for r in readmes if tag in r.emitted and tag not in r.required | r.also for c in r.found if c.kind in TEXT_SECTIONS)
    right = Counter(c for r in readmes if tag in r.emitted and tag in r.required for c in r.found)
    rows = [Row(c, n, right[c], _known(c, positive, negative)) for c, n in wrong.items() if n >= min_support]
    rows = [r for r in rows if r.precision >= min_precision and r.known != "has"]
    for row in rows:
        row.written = _written(row.candidate, spelled)
    rows.sort(key=_rank)
    return rows
