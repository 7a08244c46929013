"""Results to text: the JSON answer, and the ``--explain`` table or JSON."""

from __future__ import annotations

import copy
import json
import numbers
import re
from dataclasses import asdict
from typing import Any

from .columns import column
from .decide.decision import NEAR_MISSES
from .errors import InputError
from .ruleset.taxonomy import Tag, Taxonomy
from .tagger import Result, TagResult

TAGS_AS = ("objects", "names", "ids")
"""How tags are written: the taxonomy's own items, their names, or their ids."""


def tag_value(tag: Tag, tags_as: str) -> Any:
    """A tag as output: a copy of the taxonomy's own item (the caller owns it: a change to it changes no other answer), its
    (stripped) name, or its id."""
    if tags_as == "names":
        return tag.name
    if tags_as == "ids":
        return tag.id
    if tags_as == "objects":
        return copy.deepcopy(tag.item)
    raise _not_tags_as(tags_as)


def written_as(value: Any, taxonomy: Taxonomy) -> set[str]:
    """The ``tags_as`` under which some tag of ``taxonomy`` is written as ``value`` (a taxonomy of plain names writes a name under two)."""
    return {tags_as for tags_as in TAGS_AS for tag in taxonomy if tag_value(tag, tags_as) == value}


def _not_tags_as(tags_as: str) -> ValueError:
    return ValueError(f"tags_as is one of {', '.join(TAGS_AS)}, not {tags_as!r}")


def check_tags_as(taxonomy: Taxonomy | list[Tag], tags_as: str, option: str = "--tags-as ids") -> None:
    """Refuse ``ids`` for a taxonomy (or the tags of an answer) in which a tag has no id (or a null one): its output could
    not say which tag it is; ``option`` is how the message names the setting. A ``tags_as`` that is none of ``TAGS_AS`` is a ValueError."""
    if tags_as not in TAGS_AS:
        raise _not_tags_as(tags_as)
    missing = [tag.name for tag in taxonomy if tag.id is None] if tags_as == "ids" else []
    if missing:
        raise InputError(f"{option} needs an id for every tag; {len(missing)} have none: {', '.join(missing[:5])}", getattr(taxonomy, "source", "taxonomy"))


_SURROGATE = re.compile("[\ud800-\udfff]")
"""A file name's byte that is not UTF-8, as Python holds it (``os.fsdecode``)."""


def to_json(data: Any, pretty: bool = False) -> str:
    """JSON text, byte-identical for equal data; a file name's bytes that are not UTF-8 written as escapes, which read back
    the same. NaN and the infinities, which JSON has not (an API caller's id), are a ValueError."""
    try:
        text = json.dumps(data, ensure_ascii=False, indent=2 if pretty else None, allow_nan=False)
    except ValueError:
        raise ValueError("NaN and Infinity are not JSON: an id or a taxonomy item that holds one cannot be written") from None
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def result_dict(result: Result, tags_as: str = "objects", min_confidence: float | None = None) -> dict[str, Any]:
    """``{"id", "tags"}``, ``"truncated": true`` for a README tagged from its start only; with ``min_confidence``, also the confidence and whether it reaches that."""
    check_tags_as([t.tag for t in result.tags], tags_as, 'tags_as="ids"')
    data: dict[str, Any] = {"id": result.id, "tags": [tag_value(t.tag, tags_as) for t in result.tags]}
    if result.truncated:
        data["truncated"] = True
    if min_confidence is not None:
        data.update(confidence_fields(result, min_confidence))
    return data


def confidence_fields(result: Result, min_confidence: float) -> dict[str, Any]:
    """``confidence`` and whether it reaches ``min_confidence`` (a number from 0 to 1: anything else is a ValueError)."""
    if isinstance(min_confidence, bool) or not isinstance(min_confidence, numbers.Real) or not 0 <= min_confidence <= 1:  # a numpy float is one
        raise ValueError(f"min_confidence is a number from 0 to 1, not {min_confidence!r}")
    return {"confidence": result.confidence, "confident": result.confidence >= min_confidence}


def explain_dict(result: Result, tags_as: str = "objects") -> dict[str, Any]:
    """What ``--explain`` adds to an answer: the cutoff, the confidence, and each emitted and near-miss tag's score and evidence."""
    return {
        "cutoff": result.cutoff,
        "confidence": result.confidence,
        "truncated": result.truncated,
        "template_lines": result.template_lines,
        "explain": [_explained(t, True, tags_as) for t in result.tags] + [_explained(t, False, tags_as) for t in result.near] + [_explained(t, False, tags_as, CANCELLED) for t in cancelled(result)],
    }


CANCELLED = "cancelled: its negative terms outweigh its evidence"
"""Why a tag with evidence for it scored nothing (shown after the near misses)."""


def cancelled(result: Result) -> list[TagResult]:
    """The tags whose evidence for them their negative terms outweigh (score 0), most evidence first, at most ``NEAR_MISSES``."""
    found = [(sum(e.value for e in t.evidence if e.value > 0), t) for t in result.scores.values() if t.score <= 0]
    return [t for weight, t in sorted((f for f in found if f[0] > 0), key=lambda f: (-f[0], f[1].tag.index))][:NEAR_MISSES]


def _explained(item: TagResult, emitted: bool, tags_as: str, held: str | None = None) -> dict[str, Any]:
    return {
        "tag": tag_value(item.tag, tags_as),
        "name": item.tag.name,
        "score": item.score,
        "emitted": emitted,
        "beside": item.beside,
        "held": held or item.held,
        "evidence": [asdict(e) for e in item.evidence],
    }


def _emitted(item: TagResult, cutoff: float) -> str:
    """Why an emitted tag is in: over the bar, beside a tag it goes with, or (under the cutoff, alone) by the first tag's floor."""
    if item.beside:
        return f"emitted beside {item.beside}, which it goes with"
    return "emitted under the cutoff by the first tag's floor (first_tag_floor), so with confidence 0" if item.score < cutoff else "emitted"


def explain_text(result: Result) -> str:
    """A readable table of the evidence behind each emitted and near-miss tag (numbers to two decimals, rows worth nothing left out)."""
    lines = [f"cutoff {_rounded(result.cutoff)}  confidence {_rounded(result.confidence)}"]
    if result.truncated:
        lines.append("note: the README was longer than the read limit; it was tagged from its start")
    if result.template_lines:
        shown = ", ".join(map(str, result.template_lines[:12])) + (", ..." if len(result.template_lines) > 12 else "")
        lines.append(f"template text left out (rules/boilerplate.yaml): lines {shown}")
    rows = [(t, _emitted(t, result.cutoff)) for t in result.tags] + [(t, f"near miss: {t.held}" if t.held else "near miss") for t in result.near]
    rows += [(t, CANCELLED) for t in cancelled(result)]
    for item, mark in rows:
        lines.append(f"\n{item.tag.name}  score {_rounded(item.score)}  ({mark})")
        lines.append(f"  {'value':>7}  {'section':<11} {'line':>5}  {'signal':<30} matched")
        for e in item.evidence:
            if round(e.value, 2) == 0:
                continue
            signal = f"{e.kind}: {e.term}"
            lines.append(f"  {_rounded(e.value):>7}  {e.section or '-':<11} {e.line or '-':>5}  {column(signal, 30)} {e.text[:40]!r}")
    if not rows:
        lines.append("no rule matched this README")
    return "\n".join(lines)


def _rounded(number: float) -> str:
    return f"{round(number, 2):g}"
