"""``readme-tag eval``: measure the tagger against labelled READMEs (a gold file, ``gold``).

An emitted tag is right when it is in the README's ``tags`` or ``also``;
recall counts ``tags`` only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .columns import column, columns_of
from .errors import ReadmeTagError, some_of
from .gold import GoldItem, load_gold  # noqa: F401  # load_gold stays importable here: bench scripts measure older commits, whose src has no gold.py
from .reader import file_in
from .ruleset.taxonomy import Taxonomy
from .tagger import Result, Tagger
from .vocabulary import tag_key


@dataclass
class Outcome:
    """One README: what gold says and what the tagger said."""

    item: GoldItem
    emitted: list[str]
    result: Result | None
    error: str = ""

    @property
    def accepted(self) -> set[str]:
        return {tag_key(t) for t in self.item.tags + self.item.also}

    @classmethod
    def of(cls, item: GoldItem, result: Result) -> Outcome:
        """What the tagger answered for ``item``."""
        return cls(item, [tag_key(t.tag.name) for t in result.tags], result)


@dataclass
class TagCounts:
    """True positives, false positives and misses of one tag."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def f1(self) -> float:
        return _f1(self.tp, self.fp, self.fn)


@dataclass
class Report:
    """The figures of one evaluation."""

    outcomes: list[Outcome]
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    macro_f1: float = 0.0
    top1: float = 0.0
    untagged: int = 0
    untagged_agreed: int = 0
    """Of the untagged READMEs, those whose gold has no tag either: there, no tag is the right answer."""
    failed: int = 0
    per_tag: dict[str, TagCounts] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """Tag key -> the taxonomy's name for it, as the per-tag figures show it ("Audio/Music", not "audio/music")."""
    coverage: list[Coverage] = field(default_factory=list)
    """At each confidence threshold: how many READMEs are decided, and how precise those are."""

    def decided_at(self, precision: float) -> Coverage | None:
        """The threshold that decides the most READMEs while keeping at least ``precision`` on them."""
        good = [c for c in self.coverage if c.decided and c.precision >= precision]
        return max(good, key=lambda c: (c.share, -c.threshold)) if good else None


@dataclass(frozen=True)
class Coverage:
    """At one confidence threshold: READMEs decided, their share, and the precision on them."""

    threshold: float
    decided: int
    share: float
    precision: float


THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(20))
"""Confidence thresholds at which ``eval`` reports coverage and precision."""


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def evaluate(tagger: Tagger, gold: list[GoldItem], readmes: Path) -> Report:
    """Tag every README that ``gold`` lists and score the answers."""
    outcomes = []
    for item in gold:
        try:
            result = tagger.tag_file(file_in(readmes, item.file), id=item.file)
        except ReadmeTagError as exc:
            outcomes.append(Outcome(item, [], None, str(exc)))
            continue
        outcomes.append(Outcome.of(item, result))
    report = score_outcomes(outcomes)
    spelled = {tag_key(t): t.strip() for item in gold for t in (*item.tags, *item.also)}  # a gold tag the taxonomy lacks, as the gold writes it
    report.names = spelled | {key: tag.name.strip() for key, tag in tagger.taxonomy.by_key.items()}
    return report


def gold_problems(report: Report, taxonomy: Taxonomy) -> list[str]:
    """What makes the figures worse than the tagger is: READMEs that could not be read, gold tags the taxonomy lacks."""
    problems = []
    failed = [o for o in report.outcomes if o.error]
    if failed:
        problems.append(f"{len(failed)} README(s) could not be read and count as untagged (the first: {failed[0].error})")
    unknown = sorted({t for o in report.outcomes for t in o.item.tags + o.item.also if tag_key(t) not in taxonomy.by_key})
    if unknown:
        problems.append(f"{len(unknown)} gold tag(s) are not in the taxonomy and can never be emitted: {some_of(unknown)}")
    return problems


def score_outcomes(outcomes: list[Outcome]) -> Report:
    """Micro and macro figures over a list of outcomes."""
    report = Report(outcomes)
    tp = fp = fn = right_first = 0
    for outcome in outcomes:
        required = {tag_key(t) for t in outcome.item.tags}
        accepted = outcome.accepted
        emitted = outcome.emitted
        report.untagged += not emitted
        report.untagged_agreed += not emitted and not outcome.item.tags
        report.failed += bool(outcome.error)
        right_first += bool(emitted) and emitted[0] in accepted
        for tag in emitted:  # a tag the labellers allowed as "also" is neither right nor wrong: the table has no row for it
            if tag in required:
                tp += 1
                report.per_tag.setdefault(tag, TagCounts()).tp += 1
            elif tag not in accepted:
                fp += 1
                report.per_tag.setdefault(tag, TagCounts()).fp += 1
        for tag in required - set(emitted):
            fn += 1
            report.per_tag.setdefault(tag, TagCounts()).fn += 1
    correct = sum(1 for o in outcomes for t in o.emitted if t in o.accepted)
    total = sum(len(o.emitted) for o in outcomes)
    report.precision = correct / total if total else 0.0
    report.recall = tp / (tp + fn) if tp + fn else 0.0
    p, r = report.precision, report.recall
    report.f1 = 2 * p * r / (p + r) if p + r else 0.0
    scored = [c for c in report.per_tag.values() if c.tp + c.fp + c.fn]
    report.macro_f1 = sum(c.f1 for c in scored) / len(scored) if scored else 0.0
    report.top1 = right_first / len(outcomes) if outcomes else 0.0
    report.coverage = [_coverage(outcomes, threshold) for threshold in THRESHOLDS]
    return report


def _rounded(coverage: Coverage) -> dict[str, Any]:
    """A coverage row for JSON: shares to 4 decimals, rounded once, from the exact figures (the table rounds those to 3)."""
    return {**asdict(coverage), "share": round(coverage.share, 4), "precision": round(coverage.precision, 4)}


def _coverage(outcomes: list[Outcome], threshold: float) -> Coverage:
    decided = [o for o in outcomes if o.result is not None and o.emitted and o.result.confidence >= threshold]
    emitted = sum(len(o.emitted) for o in decided)
    right = sum(1 for o in decided for t in o.emitted if t in o.accepted)
    share = len(decided) / len(outcomes) if outcomes else 0.0
    return Coverage(threshold, len(decided), share, right / emitted if emitted else 0.0)


def worst_tags(report: Report) -> list[tuple[str, TagCounts]]:
    """Tags by errors (false positives plus misses), most first, each by its taxonomy name."""
    ranked = sorted(report.per_tag.items(), key=lambda kv: (-(kv[1].fp + kv[1].fn), kv[1].f1, kv[0]))
    return [(report.names.get(key, key), counts) for key, counts in ranked]


def report_dict(report: Report, errors: bool = False) -> dict[str, Any]:
    """The report as JSON-ready data (with ``errors``, each README whose tags differ from gold)."""
    data: dict[str, Any] = {
        "readmes": len(report.outcomes),
        "precision": round(report.precision, 4),
        "recall": round(report.recall, 4),
        "f1": round(report.f1, 4),
        "macro_f1": round(report.macro_f1, 4),
        "top1": round(report.top1, 4),
        "untagged": report.untagged,
        "untagged_agreed": report.untagged_agreed,
        "failed": report.failed,
        "per_tag": {tag: {"tp": c.tp, "fp": c.fp, "fn": c.fn, "f1": round(c.f1, 4)} for tag, c in worst_tags(report)},
        "coverage": [_rounded(c) for c in report.coverage],
    }
    best = report.decided_at(0.95)
    data["decided_at_precision_0.95"] = _rounded(best) if best else None
    if errors:
        data["errors"] = [_error_dict(o, report.names) for o in report.outcomes if _differs(o)]
    return data


def _differs(outcome: Outcome) -> bool:
    required = {tag_key(t) for t in outcome.item.tags}
    return bool(outcome.error) or any(t not in outcome.accepted for t in outcome.emitted) or bool(required - set(outcome.emitted))


def _error_dict(outcome: Outcome, names: dict[str, str]) -> dict[str, Any]:
    """One differing README, each tag by its name (``names``: key -> name; a key without one as it is)."""
    required = [tag_key(t) for t in outcome.item.tags]
    wrong = [t for t in outcome.emitted if t not in outcome.accepted]
    missing = [t for t in required if t not in outcome.emitted]
    scores = outcome.result.scores if outcome.result else {}

    def named(keys: list[str]) -> list[str]:
        return [names.get(key, key) for key in keys]

    def evidence(tag: str) -> dict[str, Any]:
        found = next((v for k, v in scores.items() if tag_key(k) == tag), None)
        if found is None:
            return {"tag": names.get(tag, tag), "score": 0, "evidence": []}
        return {"tag": names.get(tag, tag), "score": found.score, "evidence": [f"{e.kind}:{e.term} {e.section}:{e.line} {e.value:+g}" for e in found.evidence[:8]]}

    return {
        "file": outcome.item.file,
        "gold": named(required),
        "also": named([tag_key(t) for t in outcome.item.also]),
        "emitted": named(outcome.emitted),
        "error": outcome.error,
        "wrong": [evidence(t) for t in wrong],
        "missing": [evidence(t) for t in missing],
    }


def report_text(report: Report, errors: bool = False) -> str:
    """The figures, the per-tag table (worst first) and, with ``errors``, each differing README."""
    n = len(report.outcomes)
    lines = []
    if errors:
        for item in report_dict(report, errors=True)["errors"]:
            listed = "  ".join(f"{part} {', '.join(item[part]) or '-'}" for part in ("emitted", "gold", "also"))
            lines.append(f"{item['file']}: {listed}" + (f" ERROR {item['error']}" if item["error"] else ""))
            for label, entries in (("wrong", item["wrong"]), ("missing", item["missing"])):
                for entry in entries:
                    lines.append(f"  {label} {entry['tag']} (score {round(entry['score'], 2):g}): " + ("; ".join(entry["evidence"]) or "no rule matched"))
        lines.append("")
    lines.append("READMEs a pre-filter decides at each confidence threshold (the rest go to an LLM), and the precision of their tags:")
    lines.append("confidence  decided  share  precision")
    for c in report.coverage:
        lines.append(f"{c.threshold:>10.2f} {c.decided:>8} {c.share:>6.3f} {f'{c.precision:.3f}' if c.decided else '-':>10}")
        if not c.decided:  # the higher thresholds decide nothing either (the JSON lists them all)
            break
    lines.append("")
    worst = worst_tags(report)
    width = max([20, *(columns_of(tag) for tag, _ in worst)])  # every name whole: two long ones cut alike would read as one
    lines.append(f"{column('tag', width)} {'tp':>4} {'fp':>4} {'fn':>4} {'f1':>6}")
    for tag, counts in worst:
        lines.append(f"{column(tag, width)} {counts.tp:>4} {counts.fp:>4} {counts.fn:>4} {counts.f1:>6.3f}")
    lines.append("")
    lines.append(f"READMEs    {n}  (no tag: {report.untagged}, {report.untagged_agreed} of them without gold tags either; unreadable: {report.failed})")
    lines.append(f"precision  {report.precision:.3f}")
    lines.append(f"recall     {report.recall:.3f}")
    lines.append(f"F1         {report.f1:.4f}  (what --min-f1 compares)")
    lines.append(f"macro-F1   {report.macro_f1:.3f}")
    lines.append(f"top-1      {report.top1:.3f}  (first tag right, over all {n} READMEs)")
    best = report.decided_at(0.95)
    if best:
        lines.append(f"decided    {best.share:.3f}  at precision >= 0.95 (confidence >= {best.threshold:g}: {best.decided} READMEs, precision {best.precision:.3f})")
    else:
        lines.append("decided    0.000  at precision >= 0.95 (no confidence threshold reaches it)")
    return "\n".join(lines)
