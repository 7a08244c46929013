"""The rules know a field however an opening says it, and do not take a word named in passing for the field.

tests/phrasings.yaml: English openings that say what a project is in the ways
READMEs vary it (a noun-first line, "X lets you ...", an imperative, "This
package ..."), and tests/phrasings_other.yaml the same in other languages;
each must get its tag. tests/mentions.yaml: openings of a project of another
field that name a tag's word in passing ("stores posts in SQLite", "needs a
C++20 compiler"); none may get that tag. All are tagged with the default
rules and settings, as ``readme-tag`` tags them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import opening_tags
from readme_tag import Tagger
from readme_tag.ruleset.yaml_lines import load_yaml

HERE = Path(__file__).parent
PHRASINGS = load_yaml((HERE / "phrasings.yaml").read_text(encoding="utf-8"), "phrasings.yaml")
PHRASINGS_OTHER = load_yaml((HERE / "phrasings_other.yaml").read_text(encoding="utf-8"), "phrasings_other.yaml")
MENTIONS = load_yaml((HERE / "mentions.yaml").read_text(encoding="utf-8"), "mentions.yaml")


@pytest.mark.parametrize("tag", sorted(set(PHRASINGS) | set(PHRASINGS_OTHER) | set(MENTIONS)))
def test_tag_is_in_the_taxonomy_and_its_openings_are_sentences(default_tagger: Tagger, tag: str) -> None:
    assert tag in {t.name for t in default_tagger.taxonomy.tags}
    openings = [*PHRASINGS.get(tag, []), *PHRASINGS_OTHER.get(tag, []), *MENTIONS.get(tag, [])]
    assert openings and all(isinstance(s, str) and s.strip() for s in openings)


@pytest.mark.parametrize(
    ("tag", "openings"),
    [
        *(pytest.param(tag, openings, id=f"{tag}-en") for tag, openings in sorted(PHRASINGS.items())),
        *(pytest.param(tag, openings, id=f"{tag}-other") for tag, openings in sorted(PHRASINGS_OTHER.items())),
    ],
)
def test_each_phrasing_gets_its_tag(default_tagger: Tagger, tag: str, openings: list[str]) -> None:
    wrong = [f"{names} for {s!r}" for s in openings if tag not in (names := opening_tags(default_tagger, s))]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("tag", sorted(MENTIONS))
def test_a_passing_mention_does_not_get_the_tag(default_tagger: Tagger, tag: str) -> None:
    wrong = [f"{names} for {s!r}" for s in MENTIONS[tag] if tag in (names := opening_tags(default_tagger, s))]
    assert not wrong, "\n".join(wrong)
