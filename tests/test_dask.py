"""The Dask integration on a local cluster gives what the single-process batch gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CORPUS, SLOW_PATTERN, SLOW_README
from readme_tag.batch.inputs import Item
from readme_tag.batch.work import Render, run_batch
from readme_tag.dask import tag_bag, tag_column
from readme_tag.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def readmes(count: int = 30) -> list[dict]:
    """``count`` READMEs: the corpus when present, else the fixtures varied."""
    paths = sorted(p for p in CORPUS.glob("*/*.*") if p.suffix in (".md", ".rst", ".txt")) if CORPUS.is_dir() else []
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths[:count]]
    fixtures = [p.read_text() for p in sorted(FIXTURES.glob("*.md"))]
    while len(texts) < count:
        texts.append(fixtures[len(texts) % len(fixtures)] + f"\n\nVariant {len(texts)}.\n")
    return [{"id": i, "text": t} for i, t in enumerate(texts)]


@pytest.fixture(scope="module")
def db():
    """``dask.bag``, imported by the worker that runs these tests only (Dask and pandas take seconds to import)."""
    return pytest.importorskip("dask.bag")


@pytest.fixture(scope="module")
def client(db):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def test_bag_equals_single_process_batch(client, db):
    records = readmes()
    expected = [done.line for done in run_batch((Item(r["id"], text=r["text"]) for r in records), Settings(), Render())]
    got = tag_bag(db.from_sequence(records, npartitions=6)).compute()
    assert got and not any("error" in g for g in got) and sum(bool(g["tags"]) for g in got) > len(got) // 2  # tagged, not failed alike
    assert [json.dumps(g, ensure_ascii=False) for g in got] == expected


def test_dataframe_column(client):
    dd = pytest.importorskip("dask.dataframe")
    pd = pytest.importorskip("pandas")
    records = readmes(16)
    frame = dd.from_pandas(pd.DataFrame({"id": [r["id"] for r in records], "readme": [r["text"] for r in records]}), npartitions=4)
    frame["tags"] = tag_column(frame["readme"], tags_as="names")
    got = frame.compute()
    expected = [done.record["tags"] for done in run_batch((Item(r["id"], text=r["text"]) for r in records), Settings(), Render("names"))]
    assert [list(t) for t in got["tags"]] == expected


def test_threaded_scheduler_survives_a_slow_user_pattern(tmp_path, monkeypatch, db):
    """Dask's threaded scheduler runs the Tagger off the main thread: a backtracking user pattern is an error record, not a hang."""
    monkeypatch.setattr("readme_tag.signals.kinds.patterns.PATTERN_BUDGET_SECONDS", 0.3)
    (tmp_path / "slow.yaml").write_text(SLOW_PATTERN)
    bag = db.from_sequence([{"id": 1, "text": SLOW_README}, {"id": 2, "text": "# slow ui\n"}], npartitions=2)
    got = tag_bag(bag, taxonomy=[{"id": 1, "name": "slow"}], rules=tmp_path, tags_as="names").compute(scheduler="threads")
    assert [sorted(record) for record in got] == [["error", "id"], ["id", "tags"]]
    assert "took over 0.3s" in got[0]["error"] and str(tmp_path / "slow.yaml") in got[0]["error"]


def test_a_graph_built_after_an_edit_reads_the_rule_and_taxonomy_files_again(db, tmp_path):
    """A worker that lives on (a notebook's threads, a cluster) builds its Tagger again for a graph built after a rule or
    taxonomy file was edited; one graph keeps the rules it was built with."""
    rules, taxonomy = tmp_path / "rules", tmp_path / "taxonomy.json"
    rules.mkdir()
    (rules / "k8s.yaml").write_text("tag: k8s\nkeywords: {sweeper: 5}\n")
    taxonomy.write_text(json.dumps([{"id": 1, "name": "k8s"}, {"id": 2, "name": "cli"}]))
    bag = db.from_sequence(["# sweeper\n\nA sweeper for idle things.\n"], npartitions=1)

    def tags(**options) -> list:
        got = tag_bag(bag, taxonomy=str(taxonomy), rules=str(rules), tags_as="names", **options).compute(scheduler="sync")
        assert got and "error" not in got[0]
        return got[0]["tags"]

    assert tags() == ["k8s"]
    (rules / "k8s.yaml").write_text("tag: cli\nkeywords: {sweeper: 5}\n")
    assert tags() == ["cli"]
    taxonomy.write_text(json.dumps([{"id": 1, "name": "k8s"}, {"id": 2, "name": "Command line"}]))
    (rules / "k8s.yaml").write_text("tag: Command line\nkeywords: {sweeper: 5}\n")
    assert tags() == ["Command line"]


def test_a_bags_records_are_read_as_batch_reads_a_line_name_and_path_too(db, tmp_path):
    """A ``"name"`` (which reader: ``README.adoc``) was ignored, the text read as Markdown, and a ``"path"`` was an error."""
    from readme_tag import Tagger

    text = "////\nA Kubernetes operator: install it with kubectl apply or its Helm chart.\n////\n\n= jotter\n\nA small command-line note taker for the terminal.\n"
    adoc = tmp_path / "README.adoc"
    adoc.write_text(text)
    records = [{"id": 1, "text": text, "name": adoc.name}, {"id": 2, "path": str(adoc)}, {"id": 3, "text": "# x", "path": str(adoc)}, {"id": 4, "text": text.encode(), "name": adoc.name}]
    got = tag_bag(db.from_sequence(records, npartitions=2), tags_as="names").compute(scheduler="sync")
    want = Tagger().tag(text, name=adoc.name).names
    assert want and "k8s" not in want and "k8s" in Tagger().tag(text).names  # as Markdown, the AsciiDoc comment is read
    assert got and [record.get("tags") for record in got[:2]] == [want, want] and got[3] == {"id": 4, "tags": want}
    assert "not both" in got[2]["error"]
    from_frame = [{"id": 5, "text": text, "path": float("nan")}, {"id": 6, "text": float("nan"), "path": str(adoc)}]  # a frame's missing cells
    assert [record.get("tags") for record in tag_bag(db.from_sequence(from_frame, npartitions=1), tags_as="names").compute(scheduler="sync")] == [Tagger().tag(text).names, want]


def test_a_bag_takes_bytes_as_tag_does_and_refuses_bad_rules_before_any_work(db, tmp_path):
    """Bytes, which ``Tagger.tag`` decodes, were an error record in a bag; a rules directory that is not there or a rule file
    in error stopped the computation at ``compute()``, where a bad taxonomy was refused at once."""
    from readme_tag import ReadmeTagError, Tagger

    readme = (FIXTURES / "kube-sweeper.md").read_text()
    bag = db.from_sequence([{"id": 1, "text": readme.encode("utf-16")}, {"id": 2, "text": b"\x00\x01binary\x00"}], npartitions=1)
    got = tag_bag(bag, tags_as="names").compute(scheduler="sync")
    assert got and got[0] == {"id": 1, "tags": Tagger().tag(readme).names} and got[0]["tags"] and "error" in got[1]
    long = (readme + "Some more words about it.\n" * 1500).encode("utf-32")  # past the bytes a file's read keeps
    cut = tag_bag(db.from_sequence([{"id": 3, "text": long}], npartitions=1)).compute(scheduler="sync")
    assert cut and cut[0].get("truncated") is True and Tagger().tag(long).truncated  # it said nothing of the cut
    from readme_tag import settings

    kept = dict(settings._built)
    made = [tag_bag(bag, taxonomy=[f"tag{n}", "k8s"]) for n in range(3)]  # checked, compiled, and not kept in the client
    assert len(made) == 3 and settings._built == kept
    (tmp_path / "broken.yaml").write_text("tag: k8s\nkeywords: [unclosed\n")
    for rules in (tmp_path / "missing", tmp_path):
        with pytest.raises(ReadmeTagError):
            tag_bag(bag, rules=rules)
