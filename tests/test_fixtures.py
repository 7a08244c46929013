"""The READMEs in fixtures/ (written for this project) get the tags fixtures/labels.jsonl lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readme_tag.evaluate import evaluate
from readme_tag.gold import load_gold

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LABELS = [json.loads(line) for line in (FIXTURES / "labels.jsonl").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("label", LABELS, ids=[item["file"] for item in LABELS])
def test_fixture_gets_its_tags(default_tagger, label):
    result = default_tagger.tag_file(str(FIXTURES / label["file"]))
    assert len(result.names) <= 3
    missing = [tag for tag in label["tags"] if tag not in result.names]
    assert not missing, f"{label['file']}: missing {missing}, got {result.names}"


def test_eval_on_the_fixtures_has_full_recall(default_tagger):
    report = evaluate(default_tagger, load_gold(str(FIXTURES / "labels.jsonl")), FIXTURES)
    assert report.recall == 1.0 and report.untagged == 0 and report.failed == 0


def test_the_intake_set_is_read_whole_and_labelled_with_taxonomy_tags(default_tagger):
    """fixtures/intake is held out (bench/accuracy measures it); here only that it stays usable."""
    intake = FIXTURES / "intake"
    gold = load_gold(str(intake / "labels.jsonl"))
    assert len(gold) == len(list(intake.glob("*.md"))) >= 80
    assert {tag for item in gold for tag in item.tags + item.also} <= set(default_tagger.taxonomy.by_key)
    report = evaluate(default_tagger, gold, intake)
    assert report.failed == 0 and len(report.outcomes) == len(gold)


def test_the_probes_are_listed_once_each_and_labelled_with_taxonomy_tags(default_tagger):
    """fixtures/probes (READMEs written for a rules pass; bench/accuracy measures them): every file listed once, every label a tag."""
    probes = FIXTURES / "probes"
    gold = load_gold(str(probes / "labels.jsonl"))
    listed = [item.file for item in gold]
    assert len(listed) == len(set(listed)) >= 900
    assert sorted(listed) == sorted(path.relative_to(probes).as_posix() for path in probes.glob("*/*.md"))
    assert all(1 <= len(item.tags) <= 3 for item in gold)
    assert {tag for item in gold for tag in item.tags + item.also} <= set(default_tagger.taxonomy.by_key)


def test_tag_file_takes_a_path_object_and_gives_the_same_answer_with_the_path_as_a_string_id(default_tagger):
    path = FIXTURES / "ledger-lite.rst"  # a reader chosen by the suffix of the name it is given
    by_path, by_name = default_tagger.tag_file(path), default_tagger.tag_file(str(path))
    assert by_name.names and by_path.as_json() == by_name.as_json() and by_path.id == str(path)
