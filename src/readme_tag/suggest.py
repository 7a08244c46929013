"""``readme-tag rules suggest``: mine labelled READMEs for candidate rule terms, per tag, for a person to review.

Candidates are the words and two- and three-word phrases of each section
kind (title, description, heading, body, code), link domains, badge
services, and the imports, packages and commands of the code. For each tag
and candidate: how many READMEs with the tag contain it, how many without,
the precision (with / (with + without)), and whether the tag's rule already
has it. Negative candidates come from the tagger's own mistakes: words that
the READMEs it wrongly gives the tag share, and its right ones lack.
Near-copies (a README mirrored, forked or translated several times) count
once: READMEs whose text shares at least half its word triples, estimated
from a small sketch of each, form one group, and counts are of groups.
Sorting breaks ties by text, so the output is the same for the same input.
Terms are shown as READMEs most often write them (accents, a Russian word's
ending; Chinese, Japanese and Korean characters side by side), so a term
pasted into a rule matches what it was counted on; a phrase never runs
across the space between two Korean words.
"""

from __future__ import annotations

import heapq
import math
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document
from .errors import ReadmeTagError
from .evaluate import GoldItem
from .parse import read_document
from .parse.code import commands_of, imports_of, packages_of
from .ruleset.model import TagRule
from .tagger import Tagger
from .vocabulary import CHARACTER_WORD, TOKEN, forms, tag_key, tokens, variants

TEXT_SECTIONS = ("title", "description", "heading", "body", "code")
NAMED = {"domain": "domains", "badge": "badges", "import": "imports", "package": "packages", "command": "commands"}
"""Candidate kinds that are names, and the signal kind that holds them in a rule."""
STOP = frozenset(
    """a an the of for and or to in on at by with from into as is are be was it its this that these those you your we our
    can will may use using used how what which when where who not no all any some more most so if then than also only
    via per about up out new one two i me my he she they them their there here just very""".split()
)
_Z = 1.64
"""The Wilson interval's z (a one-sided 95% lower bound)."""
SKETCH = 64
"""Word triples kept per README to estimate how alike two READMEs are."""
NEAR_COPY = 0.5
"""READMEs this alike (estimated Jaccard of word triples) count as one."""


@dataclass(frozen=True)
class Candidate:
    """A term of some kind (a section kind, or domain, badge, import, package, command)."""

    kind: str
    term: str


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


def candidates(doc: Document, spellings: Counter[tuple[str, str]] | None = None) -> set[Candidate]:
    """Every candidate a README holds (each once); each word is counted in ``spellings`` as (its matched form, its spelling)."""
    found: set[Candidate] = set()
    for piece in doc.pieces:
        if piece.kind in TEXT_SECTIONS:
            words, written, breaks = _words(piece.text)
            found.update(Candidate(piece.kind, phrase) for phrase in phrases(words, 2 if piece.kind == "code" else 3, breaks))
            if spellings is not None:
                spellings.update(zip(words, written, strict=True))
    for link in doc.links:
        domain = link.domain
        while domain.count(".") >= 1:
            found.add(Candidate("domain", domain))
            domain = domain.partition(".")[2]
    found.update(Candidate("badge", badge.service) for badge in doc.badges)
    for kind, read in (("import", imports_of), ("package", packages_of), ("command", commands_of)):
        found.update(Candidate(kind, name) for name, _ in read(doc))
    return found


def sketch(doc: Document) -> frozenset[int]:
    """The smallest hashes of a README's word triples (a bottom-k sketch)."""
    words = [w for piece in doc.pieces for w in tokens(piece.text)]
    shingles = {zlib.crc32(" ".join(words[i : i + 3]).encode()) for i in range(max(1, len(words) - 2))}
    return frozenset(heapq.nsmallest(SKETCH, shingles))


def groups(sketches: list[frozenset[int]]) -> list[int]:
    """For each README, the number of its group of near-copies (union-find over estimated likeness)."""
    parent = list(range(len(sketches)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, first in enumerate(sketches):
        for j in range(i + 1, len(sketches)):
            second = sketches[j]
            if first.isdisjoint(second):
                continue
            union = heapq.nsmallest(SKETCH, first | second)
            if union and sum(1 for h in union if h in first and h in second) >= NEAR_COPY * len(union):
                parent[root(j)] = root(i)
    return [root(i) for i in range(len(sketches))]


def _words(text: str) -> tuple[list[str], list[str], frozenset[int]]:
    """A piece's words in their matched forms, as written (lower-case), and the places no phrase crosses: a space between two one-character words (Chinese, Japanese, Korean, Thai)."""
    found = list(TOKEN.finditer(text.lower()))
    written = [m.group() for m in found]
    breaks = frozenset(at for at in range(1, len(found)) if found[at - 1].end() < found[at].start() and CHARACTER_WORD.fullmatch(written[at - 1]) and CHARACTER_WORD.fullmatch(written[at]))
    return forms(written), written, breaks


def phrases(words: list[str], longest: int, breaks: frozenset[int] = frozenset()) -> Iterable[str]:
    """Runs of one to ``longest`` words that neither start nor end with a stop word, nor are only digits, nor cross one of ``breaks`` (a word's position).

    A lone one-character word (Chinese, Japanese, Korean, Thai) is no candidate (it stands inside too many words), though it starts longer runs.
    """
    for start, first in enumerate(words):
        if first in STOP or first.isdigit() or (len(first) < 2 and first.isascii()):
            continue
        for size in range(1, longest + 1):
            run = words[start : start + size]
            if len(run) < size or (size > 1 and start + size - 1 in breaks):
                break
            if run[-1] not in STOP and not run[-1].isdigit() and not (size == 1 and CHARACTER_WORD.fullmatch(first)):
                yield " ".join(run)


def written_form(term: str, spelled: Mapping[str, str]) -> str:
    """A candidate's words as ``spelled`` (form -> its usual spelling) gives them, one-character words side by side (``数 据`` -> ``数据``)."""
    words = term.split(" ")
    shown = [spelled.get(word, word) for word in words]
    joined = shown[:1]
    for at in range(1, len(words)):
        side_by_side = CHARACTER_WORD.fullmatch(words[at - 1]) and CHARACTER_WORD.fullmatch(words[at])
        joined.append(shown[at] if side_by_side else " " + shown[at])
    return "".join(joined)


def usual_spellings(spellings: Counter[tuple[str, str]]) -> dict[str, str]:
    """Each form's most frequent spelling (the first in order on a tie)."""
    best: dict[str, tuple[int, str]] = {}
    for (form, word), count in spellings.items():
        if (-count, word) < best.get(form, (1, "")):
            best[form] = (-count, word)
    return {form: word for form, (_, word) in best.items()}


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
    from .ruleset.bind import bind
    from .ruleset.load import load_rules

    rules = bind(tagger.taxonomy, load_rules([Path(d) for d in tagger.settings.rules], tagger.settings.default_rules)).rules
    known = {tagger.taxonomy.tags[i].key: _rule_terms(rule) for i, rule in rules.items()}
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
        suggestion = TagSuggestions(tagger.taxonomy.by_key[tag].name, len(holders), len(merged) - len(holders) - len(unsure))
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


def proposed_weight(row: Row) -> float:
    """From 0.5 for a term right half the time to 3 for one always right (by the lower bound of its precision), in steps of 0.5."""
    return max(0.5, min(3.0, round(2 * (0.5 + 5 * (row.lower_bound - 0.5))) / 2))


def report_text(suggestions: list[TagSuggestions], top: int) -> str:
    """A table per tag, best candidates first."""
    lines = []
    for s in suggestions:
        lines.append(f"{s.tag}  ({s.readmes} READMEs with the tag, {s.others} without)")
        lines.append(f"  {'kind':<12} {'term':<32} {'with':>5} {'without':>8} {'precision':>10}  rule")
        for row in s.rows[:top]:
            also = f"  (also in: {', '.join(row.others[:3])})" if row.others else ""
            lines.append(f"  {row.candidate.kind:<12} {_column(row.shown, 32)} {row.with_tag:>5} {row.without:>8} {row.precision:>10.2f}  {row.known or '-'}{also}")
        for row in s.negatives[:top]:
            note = f"(in {row.with_tag} wrongly tagged, {row.without} rightly)"
            lines.append(f"  {'negative':<12} {_column(row.shown, 32)} {row.with_tag:>5} {row.without:>8} {row.precision:>10.2f}  {row.known or '-'}  {note}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _column(text: str, width: int) -> str:
    """``text`` cut and padded to ``width`` columns of a terminal, where a wide (Chinese, Japanese, Korean) character takes two and a mark set on a letter none."""
    shown, used = "", 0
    for char in text:
        size = 0 if unicodedata.category(char) in ("Mn", "Me") else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + size > width:
            break
        shown, used = shown + char, used + size
    return shown + " " * (width - used)


def rule_yaml(s: TagSuggestions, top: int) -> str:
    """A rule file for one tag made of the new candidates (not yet in its rule), to review and paste."""
    fresh = [row for row in s.rows if not row.known][:top]
    sections: dict[str, list[tuple[str, float, str]]] = {}
    only: dict[str, set[str]] = {}
    for row in fresh:
        kind = NAMED.get(row.candidate.kind, "keywords")
        if kind == "keywords":
            only.setdefault(row.shown, set()).add(row.candidate.kind)
        sections.setdefault(kind, []).append((row.shown, proposed_weight(row), f"{row.with_tag} with, {row.without} without"))
    lines = [f"# suggested by readme-tag rules suggest from {s.readmes} READMEs with the tag and {s.others} without; review before use", f"tag: {_quote(s.tag)}"]
    for kind in ("keywords", *NAMED.values()):
        entries = sections.get(kind, [])
        seen: set[str] = set()
        if entries:
            lines.append(f"{kind}:")
        for term, weight, note in entries:
            if term in seen:
                continue
            seen.add(term)
            value = _value(weight, only.get(term, set()))
            lines.append(f"  {_quote(term)}: {value}  # {note}")
    negatives = [row for row in s.negatives if not row.known][:top]
    if negatives:
        lines.append("negative:")
        lines.extend(f"  {_quote(row.shown)}: 1  # in {row.with_tag} READMEs wrongly given the tag, {row.without} rightly" for row in negatives)
    return "\n".join(lines) + "\n"


def _value(weight: float, sections: set[str]) -> str:
    if not sections or "body" in sections:
        return f"{weight:g}"
    return f"{{weight: {weight:g}, only: [{', '.join(k for k in TEXT_SECTIONS if k in sections)}]}}"


def _quote(term: str) -> str:
    plain = term.replace(" ", "").replace("-", "").replace(".", "").isalnum() and not term[0].isdigit()
    return term if plain else "'" + term.replace("'", "''") + "'"
