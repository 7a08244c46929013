"""Per-tag cases in tests/rules/<tag>.yaml: READMEs that must (pass) or must not (fail) get the tag.

Like sqlfluff's rule fixtures: each rule file has a case file beside it in
tests/rules, written for this project (never copied from real READMEs), and
each case has a name (``k8s: kube_janitor``) under ``pass`` (the tag reaches
the cutoff) or ``fail`` (it does not). One test runs a tag's file and names
every case that went wrong (``pytest tests/test_rule_cases.py -k k8s``).
Like codespell's test that each check fires, each regular expression of a
tag's rule (``patterns``, ``negative_patterns``) must give evidence for its
tag in at least one of the tag's cases: one that fires nowhere is a typo or
a dead rule.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from readme_tag import Tagger
from readme_tag.ruleset.load import load_rules
from readme_tag.ruleset.yaml_lines import load_yaml
from readme_tag.vocabulary import tag_key

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


@pytest.fixture(scope="module")
def expressions() -> dict[str, dict[tuple[str, str], str]]:
    """Each tag's regular expressions (kind, text) -> where they are written (file:line)."""
    return {
        tag_key(rule.tag): {(term.kind, term.text): f"{term.source}:{term.line}" for term in rule.terms.values() if term.kind in ("patterns", "negative_patterns")}
        for rule in load_rules().rules.values()
    }


@pytest.mark.parametrize("path", CASE_FILES, ids=[path.stem for path in CASE_FILES])
def test_rule_cases(tagger: Tagger, expressions: dict[str, dict[tuple[str, str], str]], path: Path) -> None:
    """Every case of one tag's file, each wrong one named, and each of the tag's regular expressions fires in one
    (one test a file: thousands of tiny tests cost more in pytest than in tagging)."""
    data = load_yaml(path.read_text(encoding="utf-8"), str(path))  # a repeated case name is an error, not a lost case
    tag, checked, wrong, fired = data["tag"], 0, [], set()
    for expect in ("pass", "fail"):
        for name, text in (data.get(expect) or {}).items():
            result = tagger.tag(text, name="README.md")
            checked += 1
            if (tag in result.names) != (expect == "pass"):
                wrong.append(f"{path.stem}: {name}: {'expected' if expect == 'pass' else 'did not expect'} {tag!r}, got {result.names}")
            if tag in result.scores:
                fired.update((e.kind, e.term) for e in result.scores[tag].evidence)
    own = expressions[tag_key(tag)]
    wrong += [f"{path.stem}: {where}: {kind} {text!r} fires in no case" for (kind, text), where in own.items() if (kind, text) not in fired]
    assert checked and not wrong, "\n".join(wrong)
