"""Per-tag cases in tests/rules/<tag>.yaml: READMEs that must (pass) or must not (fail) get the tag.

Like sqlfluff's rule fixtures: each rule file has a case file beside it in
tests/rules, written for this project (never copied from real READMEs), and
each case has a name (``k8s: kube_janitor``) under ``pass`` (the tag reaches
the cutoff) or ``fail`` (it does not). One test runs a tag's file and names
every case that went wrong (``pytest tests/test_rule_cases.py -k k8s``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from readme_tag import Tagger
from readme_tag.ruleset.yaml_lines import load_yaml

CASES = Path(__file__).parent / "rules"
CASE_FILES = sorted(CASES.glob("*.yaml"))
CASE_RELATIVE_CUTOFF = 0.25
"""A pass case's tag reaches a quarter of the best tag's score; a fail case's passing mention does not."""


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    """The default rules at their cutoff: the first-tag floor, the later tags' bars (the third tag's, and those by where a later tag's evidence stands), the single-match factor and the intake factors are decision policy, tested in test_scoring.

    The relative bar is held at CASE_RELATIVE_CUTOFF, the one the cases were written against: a case
    says whether a tag's evidence is enough beside the README's other tags, not where the decision's
    setting (rules/scoring.yaml) stands today.

    They are set on the compiled default rules (as a ``scoring.yaml`` overlay would set them) rather than
    through an overlay directory, which would compile all the rules again for a new cache key.
    """
    tagger = Tagger()
    tagger.matcher.scoring = replace(
        tagger.scoring, first_tag_floor=0.0, third_tag_cutoff=0.0, outside_opening_cutoff=0.0, opening_only_cutoff=0.0, single_match_factor=1.0, relative_cutoff=CASE_RELATIVE_CUTOFF
    )
    tagger.first_tag_floor = 0.0
    tagger.binding = replace(tagger.binding, intake={})
    return tagger


@pytest.mark.parametrize("path", CASE_FILES, ids=[path.stem for path in CASE_FILES])
def test_rule_cases(tagger: Tagger, path: Path) -> None:
    """Every case of one tag's file, each wrong one named (one test a file: thousands of tiny tests cost more in pytest than in tagging)."""
    data = load_yaml(path.read_text(encoding="utf-8"), str(path))  # a repeated case name is an error, not a lost case
    tag, checked, wrong = data["tag"], 0, []
    for expect in ("pass", "fail"):
        for name, text in (data.get(expect) or {}).items():
            names = tagger.tag(text, name="README.md").names
            checked += 1
            if (tag in names) != (expect == "pass"):
                wrong.append(f"{path.stem}: {name}: {'expected' if expect == 'pass' else 'did not expect'} {tag!r}, got {names}")
    assert checked and not wrong, "\n".join(wrong)
