"""Count how many labelled READMEs carry each tag: a rules directory's ``intake.yaml`` (``readme-tag rules intake``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .gold import GoldItem
from .ruleset.taxonomy import Taxonomy
from .vocabulary import tag_key


@dataclass
class IntakeCount:
    """How many READMEs were counted, each taxonomy tag's count (most first), gold tags the taxonomy lacks, and how many
    lines named a README an earlier line had named (counted once, by its first line)."""

    readmes: int
    counts: list[tuple[str, int]]
    unknown: list[str]
    repeated: int = 0


def count_intake(items: list[GoldItem], taxonomy: Taxonomy) -> IntakeCount:
    """Count each taxonomy tag over the READMEs' ``tags`` (not ``also``: the labellers did not agree on those), each README once."""
    first: list[GoldItem] = []
    named: set[str] = set()
    for item in items:  # a README listed twice (in two gold files) counts once, by its first line
        if item.file not in named:
            named.add(item.file)
            first.append(item)
    seen = Counter(key for item in first for key in {tag_key(t) for t in item.tags})
    ranked = sorted(enumerate(taxonomy), key=lambda pair: (-seen[pair[1].key], pair[0]))  # most first, then taxonomy order
    counts = [(tag.name.strip(), seen[tag.key]) for _, tag in ranked]
    unknown = sorted({t.strip() for item in first for t in item.tags if tag_key(t) not in taxonomy.by_key})
    return IntakeCount(len(first), counts, unknown, len(items) - len(first))


_CONTROLS = {code: f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}" for code in (*range(32), 127, 0x85, 0x2028, 0x2029)}
"""Control characters, and what YAML takes for a line break (NEL, the line and paragraph separators), as their escapes."""


def intake_yaml(count: IntakeCount, sources: list[str]) -> str:
    """The counts as an ``intake.yaml``, headed by what was counted."""
    import yaml

    command = " ".join(sources).translate(_CONTROLS)  # a line end in a file name would end the comment
    header = f"# How many of {count.readmes} labelled READMEs carry each tag (readme-tag rules intake {command}).\n"
    body = yaml.safe_dump({"readmes": count.readmes, "tags": dict(count.counts)}, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return header + body
