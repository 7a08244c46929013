"""``readme-tag batch``: streaming many inputs, in order, failures isolated, resumable, parallel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import same_output
from readme_tag.batch.inputs import Item, iter_items
from readme_tag.batch.work import Render, run_batch
from readme_tag.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A catalogue checkout: READMEs in nested folders, a bad one, and other files."""
    for name in ("b-proj", "a-proj", "c-proj/sub"):
        (tmp_path / name).mkdir(parents=True)
    (tmp_path / "a-proj" / "README.md").write_text((FIXTURES / "kube-sweeper.md").read_text())
    (tmp_path / "b-proj" / "readme.rst").write_text((FIXTURES / "ledger-lite.rst").read_text())
    (tmp_path / "c-proj" / "sub" / "README.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "c-proj" / "notes.md").write_text("# not a readme\n")
    return tmp_path


def lines(proc) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.decode().splitlines()]


def test_directory_walk_order_errors_and_exit_code(cli, tree):
    proc = cli("batch", str(tree), "--tags-as", "names")
    out = lines(proc)
    assert [Path(o["id"]).relative_to(tree).as_posix() for o in out] == ["a-proj/README.md", "b-proj/readme.rst", "c-proj/sub/README.md"]
    assert "k8s" in out[0]["tags"] and "finance" in out[1]["tags"]
    assert "binary" in out[2]["error"] and "tags" not in out[2]
    assert proc.returncode == 3 and "1 input(s) failed" in proc.stderr.decode()


def test_glob_finds_other_names(cli, tree):
    out = lines(cli("batch", str(tree), "--glob", "notes.md"))
    assert [Path(o["id"]).name for o in out] == ["notes.md"]


def test_jsonl_from_stdin_with_text_path_and_bad_lines(cli, tree):
    stdin = "\n".join(
        [
            json.dumps({"id": 7, "text": (FIXTURES / "tinyjson.md").read_text()}),
            "{broken",
            json.dumps({"id": "p", "path": str(tree / "a-proj" / "README.md")}),
            json.dumps({"id": "q"}),
            json.dumps({"id": "r", "path": "does-not-exist.md"}),
        ]
    ).encode()
    out = lines(cli("batch", "-", "--tags-as", "names", stdin=stdin))
    assert [o["id"] for o in out] == [7, "<stdin>:2", "p", "q", "r"]
    assert "json" in out[0]["tags"] and "k8s" in out[2]["tags"]
    assert "not valid JSON" in out[1]["error"] and '"text" or a "path"' in out[3]["error"] and "no such file" in out[4]["error"]


def test_resume_skips_done_ids_and_appends(cli, tree, tmp_path):
    out_file = tmp_path / "out.jsonl"
    first = json.dumps({"id": str(tree / "a-proj" / "README.md"), "tags": ["marker"]})
    out_file.write_text(first + "\n" + '{"id": "cut sh')  # a line cut short by a kill
    proc = cli("batch", str(tree), "--resume", str(out_file))
    assert proc.stdout == b""
    written = out_file.read_text().splitlines()
    assert written[0] == first
    ids = [json.loads(line)["id"] for line in written[2:]]
    assert ids == [str(tree / "b-proj" / "readme.rst"), str(tree / "c-proj" / "sub" / "README.md")]
    again = cli("batch", str(tree), "--resume", str(out_file))
    assert again.returncode == 0 and out_file.read_text().splitlines() == written


def test_jobs_two_gives_the_same_output_as_one(cli):
    paths = sorted(str(p) for p in FIXTURES.glob("*.md"))
    single = cli("batch", *paths)
    double = cli("batch", *paths, "--jobs", "2")
    assert same_output(single, double) and len(single.stdout.splitlines()) == len(paths)


def test_output_file(cli, tree, tmp_path):
    target = tmp_path / "o.jsonl"
    proc = cli("batch", str(tree / "a-proj"), "-o", str(target))
    assert proc.returncode == 0 and proc.stdout == b"" and len(target.read_text().splitlines()) == 1


def test_items_are_streamed_not_collected(tmp_path):
    """The input iterator is consumed as results are produced, never all at once."""
    consumed = []

    def items():
        for i in range(100):
            consumed.append(i)
            yield Item(i, text=f"# Project {i}\n")

    results = run_batch(items(), Settings(), Render(), jobs=1)
    next(results)
    assert len(consumed) == 1
    assert sum(1 for _ in results) == 99


def test_iter_items_does_not_walk_hidden_folders(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "README.md").write_text("# x")
    (tmp_path / "README.md").write_text("# y")
    assert [item.id for item in iter_items([str(tmp_path)])] == [str(tmp_path / "README.md")]
