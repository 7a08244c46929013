"""What ``rules suggest`` prints: a table per tag, or a rule file of the new candidates with proposed weights."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..columns import column
from .candidates import NAMED, PROSE, TEXT_SECTIONS
from .mine import Row, TagSuggestions


def proposed_weight(row: Row) -> float:
    """From 0.5 for a term right half the time to 3 for one always right (by the lower bound of its precision), in steps of 0.5."""
    return max(0.5, min(3.0, round(2 * (0.5 + 5 * (row.lower_bound - 0.5))) / 2))


def report_text(suggestions: list[TagSuggestions], top: int) -> str:
    """A table per tag, best candidates first."""
    lines = []
    for s in suggestions:
        lines.append(f"{s.tag}  ({_readmes(s.readmes)} with the tag, {s.others} without)")
        lines.append(f"  {'kind':<12} {'term':<32} {'with':>5} {'without':>8} {'precision':>10}  rule")
        for row in s.rows[:top]:
            also = f"  (also in: {', '.join(row.others[:3])})" if row.others else ""
            lines.append(f"  {row.candidate.kind:<12} {column(row.shown, 32)} {row.with_tag:>5} {row.without:>8} {row.precision:>10.2f}  {row.known or '-'}{also}")
        for row in s.negatives[:top]:
            note = f"(in {row.with_tag} wrongly tagged, {row.without} rightly)"
            lines.append(f"  {'negative':<12} {column(row.shown, 32)} {row.with_tag:>5} {row.without:>8} {row.precision:>10.2f}  {row.known or '-'}  {note}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def rule_yaml(s: TagSuggestions, top: int) -> str:
    """A rule file for one tag made of the new candidates (not yet in its rule), to review and paste (for a tag no rule fits, it extends the rule built from its name)."""
    fresh = [row for row in s.rows if not row.known][:top]
    entries: dict[str, dict[str, tuple[str, float, str]]] = {}  # kind -> term's form -> (as written, weight, note): a term of several sections is one entry
    only: dict[str, set[str]] = {}
    for row in fresh:
        kind = NAMED.get(row.candidate.kind, "keywords")
        only.setdefault(row.candidate.term, set()).add(row.candidate.kind)
        entries.setdefault(kind, {}).setdefault(row.candidate.term, (row.shown, proposed_weight(row), f"{row.with_tag} with, {row.without} without"))
    lines = [f"# suggested by readme-tag rules suggest from {_readmes(s.readmes)} with the tag and {s.others} without; review before use", f"tag: {_quote(s.rule_tag or s.tag)}"]
    for kind in ("keywords", "fuzzy", *NAMED.values()):
        if entries.get(kind):
            lines.append(f"{kind}:")
        shown: set[str] = set()
        for form, (term, weight, note) in entries.get(kind, {}).items():
            if term not in shown:
                shown.add(term)
                value = _value(weight, only.get(form, set()) if kind == "keywords" else set())
                lines.append(f"  {_quote(term)}: {value}  # {note}")
    negatives = [row for row in s.negatives if not row.known][:top]
    if negatives:
        lines.append("negative:")
        lines.extend(f"  {_quote(row.shown)}: 1  # in {_readmes(row.with_tag)} wrongly given the tag, {row.without} rightly" for row in negatives)
    return "\n".join(lines) + "\n"


def _value(weight: float, sections: set[str]) -> str:
    if not sections or sections & {"body", PROSE}:
        return f"{weight:g}"
    return f"{{weight: {weight:g}, only: [{', '.join(k for k in TEXT_SECTIONS if k in sections)}]}}"


def _quote(term: str) -> str:
    """``term`` as YAML that reads back as this string: quoted unless it is plain words that YAML reads as no null, boolean or number."""
    plain = term.replace(" ", "").replace("-", "").replace(".", "").isalnum() and not term[0].isdigit() and yaml.safe_load(term) == term
    return term if plain else "'" + term.replace("'", "''") + "'"


def suggestion_files(out: Path, keys: list[str]) -> list[Path]:
    """A file in ``out`` for each tag key, named for it with what a file name cannot hold made ``-`` ("a/b", "../x"), cut to 200 bytes, never twice.

    The rule file's ``tag:`` names its tag; the file's name is only for the reader.
    """
    paths, taken = [], set()
    for key in keys:
        stem = re.sub(r"[^\w.+#-]+", "-", key).encode()[:200].decode("utf-8", "ignore").strip(".-") or "tag"  # a file name holds 255 bytes
        name, number = stem, 1
        while name in taken:
            number += 1
            name = f"{stem}-{number}"
        taken.add(name)
        paths.append(out / f"{name}.yaml")
    return paths


def _readmes(count: int) -> str:
    """``count`` READMEs, in the singular for one."""
    return f"{count} README{'' if count == 1 else 's'}"
