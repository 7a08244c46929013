"""Per-tag cases in tests/rules/<tag>.yaml: READMEs that must (pass) or must not (fail) get the tag.

Like sqlfluff's rule fixtures: each rule file has a case file beside it in
tests/rules, written for this project (never copied from real READMEs), and
each case has a name (``k8s: kube_janitor``) under ``pass`` (the tag reaches
the cutoff) or ``fail`` (it does not).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from readme_tag import Tagger
from readme_tag.ruleset.yaml_lines import load_yaml

CASES = Path(__file__).parent / "rules"


def _cases() -> list:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        data = load_yaml(path.read_text(encoding="utf-8"), str(path))  # a repeated case name is an error, not a lost case
        for expect in ("pass", "fail"):
            for name, text in (data.get(expect) or {}).items():
                params.append(pytest.param(data["tag"], expect, text, id=f"{path.stem}: {name}"))
    return params


@pytest.fixture(scope="module")
def tagger(tmp_path_factory: pytest.TempPathFactory) -> Tagger:
    """The default rules at their cutoff: the first-tag floor and the third tag's bar are decision policy, tested in test_scoring."""
    overlay = tmp_path_factory.mktemp("no-floor")
    (overlay / "scoring.yaml").write_text("first_tag_floor: 0\nthird_tag_cutoff: 0\n")
    return Tagger(rules=overlay)


@pytest.mark.parametrize("tag, expect, text", _cases())
def test_rule_case(tagger: Tagger, tag: str, expect: str, text: str) -> None:
    result = tagger.tag(text, name="README.md")
    if expect == "pass":
        assert tag in result.names, f"expected {tag!r}, got {result.names}"
    else:
        assert tag not in result.names, f"did not expect {tag!r} in {result.names}"
