"""Each tag's candidates counted over the labelled READMEs: with the tag, without it, the precision, what its rule has."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReadmeTagError
from ..gold import GoldItem
from ..parse import read_document
from ..reader import file_in
from ..ruleset.model import TagRule
from ..signals.regex_guard import required_literals
from ..tagger import Tagger
from ..vocabulary import tag_key, tokens, variants
from .candidates import NAMED, PROSE, PROSE_SECTIONS, Candidate, candidates, usual_spellings, written_form
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
    rule_tag: str = ""
    """The ``tag:`` a rule file for it names: the rule it is bound to ("Databases": database), so that the file extends that rule."""


@dataclass(frozen=True)
class _Known:
    """What a tag's rule already matches: candidate keys ``kind:term`` among its terms and its negatives, and its patterns."""

    positive: frozenset[str]
    negative: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    inside: frozenset[str] = frozenset()
    """Every run of words inside its terms ("recipe app": "recipe", "app", "recipe app"), and the words each match of one of its
    patterns holds whole (``recipe\\s+apps?``: "recipe")."""

    def has(self, candidate: Candidate, shown: str) -> bool:
        """Whether the rule gives the tag a signal for this candidate: as a term, or a pattern that matches the whole of it as written."""
        return _key(candidate) in self.positive or (candidate.kind not in NAMED and any(p.fullmatch(shown) for p in self.patterns))

    def matched_by(self, candidate: Candidate) -> bool:
        """Whether a word candidate, as a term of a rule, would match a term of this one or words inside one (its plural, its words
        glued; "recipe" in "recipe app"): a negative that does takes back what the term gives."""
        if candidate.kind in NAMED:
            return False
        return any(" ".join(form) in self.inside for form in variants(candidate.term))

    def of(self, candidate: Candidate, shown: str) -> str:
        """``has``, ``negative`` or ""."""
        return "has" if self.has(candidate, shown) else "negative" if _key(candidate) in self.negative else ""


_BEFORE = re.compile(r"(?:^|\\[bsW]|[^\w\\)\]])$")
_AFTER = re.compile(r"^(?:$|\\[bsW.]|\[\\s|\[ |[ )|$.,:;!'\"-])")


def _whole_in(word: str, pattern: str) -> bool:
    """Whether ``word`` stands in ``pattern`` as a whole word (``recipe\\s+app``), not as a part of one (``python[23]``, ``web[a-z]+``)."""
    text = pattern.lower()
    return any(_BEFORE.search(text[: m.start()]) and _AFTER.match(text[m.end() :]) for m in re.finditer(re.escape(word), text))


def _rule_terms(rule: TagRule) -> _Known:
    """The terms a rule matches, with weight (a term switched off by weight 0 is not had)."""
    positive: set[str] = set()
    negative: set[str] = set()
    patterns = []
    required: list[str] = []
    for term in rule.terms.values():
        if not term.weight:
            continue
        target = negative if term.kind == "negative" else positive
        if term.kind in ("keywords", "fuzzy", "negative"):
            target.update("words:" + " ".join(form) for form in variants(term.text))
        elif term.kind == "patterns":
            patterns.append(re.compile(term.text, re.IGNORECASE))
            for group in required_literals(term.text) or ():  # words every match holds: one that every literal of a group holds whole
                shared = set.intersection(*(set(tokens(literal)) for literal in group)) if group else set()
                required.extend(word for word in sorted(shared) if _whole_in(word, term.text))
        else:
            target.add(f"{term.kind}:{term.text.lower()}")
    runs = {run for key in positive if key.startswith("words:") for run in _runs(key.removeprefix("words:").split(" "))}
    return _Known(frozenset(positive), frozenset(negative), tuple(patterns), frozenset(runs | set(required)))


def _runs(words: list[str]) -> Iterator[str]:
    """Every run of consecutive ``words``, joined by spaces."""
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            yield " ".join(words[start:end])


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
    names = {tagger.taxonomy.tags[i].key: tagger.taxonomy.tags[i].name for i in rules}
    bound_to = {tagger.taxonomy.tags[i].key: rule.tag for i, rule in rules.items() if rule.source != FALLBACK_SOURCE}
    spellings: Counter[tuple[str, str]] = Counter()
    merged = _grouped(tagger, gold, readmes, spellings, warn)
    spelled = usual_spellings(spellings)
    covers = _covering({c for r in merged for c in r.found})
    for r in merged:  # a README that says "recipes" holds what the keyword "recipe" matches
        r.found |= {covers[c] for c in r.found if c in covers}
    given = {tag_key(t): t.strip() for t in tags or ()}
    wanted = list(given) if tags else sorted({t for r in merged for t in r.required} & set(known))
    total = Counter(c for r in merged for c in r.found)
    out = []
    for tag in wanted:
        if tag not in known:
            raise ReadmeTagError(f"tag {given[tag]!r} is not in the taxonomy")
        rule = known[tag]
        holders = [r for r in merged if tag in r.required]
        unsure = [r for r in merged if tag in r.also and tag not in r.required]
        with_tag = Counter(c for r in holders for c in r.found)
        doubtful = Counter(c for r in unsure for c in r.found)
        name = tagger.taxonomy.by_key[tag].name
        bound = bound_to.get(tag, name)
        suggestion = TagSuggestions(name, len(holders), len(merged) - len(holders) - len(unsure), rule_tag=bound)
        base = suggestion.readmes / ((suggestion.readmes + suggestion.others) or 1)  # (no README without "also" for it: no rows either)
        for candidate, count in with_tag.items():
            if count >= min_support:
                row = Row(candidate, count, total[candidate] - count - doubtful[candidate], "", written=_written(candidate, spelled))
                if row.precision >= min_precision and row.precision > base:  # a term as common without the tag as with it tells nothing
                    row.known, row.others = rule.of(candidate, row.shown), _others(row, tag, known, names)
                    suggestion.rows.append(row)
        proposed = {_key(covers.get(row.candidate, row.candidate)) for row in suggestion.rows}  # before rows that tell nothing new are dropped
        suggestion.rows = sorted(_telling(suggestion.rows, covers), key=_rank)
        suggestion.negatives = _negatives(merged, tag, rule, min_support, spelled, proposed, covers)
        out.append(suggestion)
    return out


def _grouped(tagger: Tagger, gold: list[GoldItem], readmes: Path, spellings: Counter[tuple[str, str]], warn: Callable[[str], None] | None) -> list[_Readme]:
    """Each labelled README read, parsed and tagged (its words' spellings counted), then near-copies merged into one; those that cannot be read are left out."""
    records: list[_Readme] = []
    sketches: list[frozenset[int]] = []
    unread: list[str] = []
    for item in gold:
        try:
            doc = tagger.matcher.boilerplate.strip(read_document(file_in(readmes, item.file)))  # template text suggests nothing
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


def _others(row: Row, tag: str, known: dict[str, _Known], names: Mapping[str, str]) -> tuple[str, ...]:
    """The other tags (by their taxonomy names) whose rules have the row's term."""
    return tuple(names[other] for other in sorted(known) if other != tag and known[other].has(row.candidate, row.shown))


def _written(candidate: Candidate, spelled: Mapping[str, str]) -> str:
    """How a word candidate is written, where that differs from its matched form ("" otherwise)."""
    if candidate.kind in NAMED:
        return ""
    written = written_form(candidate.term, spelled)
    return "" if written == candidate.term else written


def _covering(found: set[Candidate]) -> dict[Candidate, Candidate]:
    """Each word candidate that another one, as a rule's keyword, matches too (its plural, its words glued), mapped to that one: ``recipes`` -> ``recipe``."""
    covers: dict[Candidate, Candidate] = {}
    for candidate in sorted((c for c in found if c.kind not in NAMED and c.term.isascii()), key=lambda c: (c.kind, c.term)):
        for form in variants(candidate.term)[1:]:
            other = Candidate(candidate.kind, " ".join(form))
            if other in found:
                covers.setdefault(other, candidate)
    return covers


def _telling(rows: list[Row], covers: Mapping[Candidate, Candidate]) -> list[Row]:
    """The rows that tell what no other row tells: not a section's row that counts what the term's prose row counts, not a
    term that another row's keyword matches too (its plural), not a phrase inside a longer one of its kind counted the same,
    not a subdomain of a domain counted the same (a rule's domain matches its subdomains)."""
    counts = {row.candidate: (row.with_tag, row.without) for row in rows}
    inside = set()
    for row in rows:
        for run in _runs(row.candidate.term.split(" ")):
            part = Candidate(row.candidate.kind, run)
            if part != row.candidate and counts.get(part) == counts[row.candidate]:
                inside.add(part)
    return [
        row
        for row in rows
        if row.candidate not in inside
        and covers.get(row.candidate) not in counts
        and not (row.candidate.kind in PROSE_SECTIONS and counts.get(Candidate(PROSE, row.candidate.term)) == counts[row.candidate])
        and not (row.candidate.kind == "domain" and any(counts.get(Candidate("domain", parent)) == counts[row.candidate] for parent in _parents(row.candidate.term)))
    ]


def _parents(domain: str) -> Iterator[str]:
    """The domains ``domain`` is a subdomain of (``docs.example.org`` -> ``example.org``)."""
    while domain.count(".") > 1:
        domain = domain.partition(".")[2]
        yield domain


def _negatives(readmes: list[_Readme], tag: str, rule: _Known, min_support: int, spelled: Mapping[str, str], proposed: set[str], covers: Mapping[Candidate, Candidate]) -> list[Row]:
    """Terms of the prose and code of the READMEs wrongly given the tag, in more of them than of those rightly given it, and no candidate for the tag itself."""
    wrong = Counter(c for r in readmes if tag in r.emitted and tag not in r.required | r.also for c in r.found if c.kind in (PROSE, "code"))
    right = Counter(c for r in readmes if tag in r.emitted and tag in r.required for c in r.found)
    best: dict[str, Row] = {}
    for candidate, n in wrong.items():
        if n < min_support or n <= right[candidate] or {_key(candidate), _key(covers.get(candidate, candidate))} & proposed:
            continue
        row = Row(candidate, n, right[candidate], "", written=_written(candidate, spelled))
        if not rule.has(candidate, row.shown) and not rule.matched_by(candidate):
            row.known = rule.of(candidate, row.shown)
            key = _key(candidate)
            if key not in best or _rank(row) < _rank(best[key]):
                best[key] = row
    return sorted(best.values(), key=_rank)
