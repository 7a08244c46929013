"""The CLI through its real entry point (the installed ``readme-tag`` script)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import same_output
from readme_tag import __version__

README = b"# gizmo-kit\n\nA gizmo toolkit for widget makers.\n\n## Usage\n\nRun the gadget.\n"


@pytest.fixture
def setup(tmp_path: Path) -> Path:
    """A README, a three-tag taxonomy and rules for it, independent of the default rules."""
    (tmp_path / "README.md").write_bytes(README)
    taxonomy = [{"id": 7, "name": "gizmo"}, {"id": "w", "name": "widget "}, {"id": 9, "name": "gadget"}]
    (tmp_path / "taxonomy.json").write_text(json.dumps(taxonomy))
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "gizmo.yaml").write_text("tag: gizmo\nmode: replace\nkeywords: {gizmo: 5}\n")
    (rules / "widget.yaml").write_text("tag: widget\nmode: replace\nkeywords: {widget: 2}\n")
    (rules / "gadget.yaml").write_text("tag: gadget\nmode: replace\nkeywords: {gadget: 1}\n")
    (rules / "scoring.yaml").write_text("cutoff: 3\nrelative_cutoff: 0\n")
    return tmp_path


def custom(setup: Path) -> list[str]:
    return ["--taxonomy", str(setup / "taxonomy.json"), "--rules", str(setup / "rules")]


def ok_json(proc) -> dict:
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_tags_a_file_with_taxonomy_objects_copied(cli, setup):
    data = ok_json(cli(str(setup / "README.md"), *custom(setup)))
    assert data == {"id": str(setup / "README.md"), "tags": [{"id": 7, "name": "gizmo"}, {"id": "w", "name": "widget "}]}


def test_stdin_and_id_kept_as_string(cli, setup):
    data = ok_json(cli("-", "--id", "6604", *custom(setup), stdin=README))
    assert data["id"] == "6604" and [t["name"] for t in data["tags"]] == ["gizmo", "widget "]


def test_tags_as_names_and_ids(cli, setup):
    path = str(setup / "README.md")
    assert ok_json(cli(path, *custom(setup), "--tags-as", "names"))["tags"] == ["gizmo", "widget"]
    assert ok_json(cli(path, *custom(setup), "--tags-as", "ids"))["tags"] == [7, "w"]


def test_max_tags_and_cutoff(cli, setup):
    path = str(setup / "README.md")
    assert ok_json(cli(path, *custom(setup), "--max-tags", "1", "--tags-as", "names"))["tags"] == ["gizmo"]
    assert ok_json(cli(path, *custom(setup), "--cutoff", "100", "--tags-as", "names"))["tags"] == []


def test_explain_table_and_json(cli, setup):
    path = str(setup / "README.md")
    proc = cli(path, *custom(setup), "--explain")
    assert proc.returncode == 0
    text = proc.stdout.decode()
    assert json.loads(text.splitlines()[0])["tags"]
    assert "gizmo  score" in text and "(emitted)" in text and "title" in text
    data = ok_json(cli(path, *custom(setup), "--explain", "--format", "json"))
    first = data["explain"][0]
    assert first["name"] == "gizmo" and first["emitted"] is True
    assert {k: first["evidence"][0][k] for k in ("kind", "term", "section", "line")} == {"kind": "keywords", "term": "gizmo", "section": "title", "line": 1}


def test_pretty_output_is_indented(cli, setup):
    proc = cli(str(setup / "README.md"), *custom(setup), "--pretty")
    assert proc.stdout.decode().startswith('{\n  "id"')


def test_same_input_gives_byte_identical_output(cli, setup, monkeypatch):
    args = [str(setup / "README.md"), *custom(setup), "--explain", "--format", "json"]
    assert same_output(cli(*args), cli(*args))


def test_output_does_not_depend_on_hash_randomisation(process_cli, monkeypatch):
    """Sets and dicts of strings iterate in another order in every process; the output must not."""
    readme = str(Path(__file__).resolve().parents[1] / "fixtures" / "tensor-lens.md")
    runs = []
    for seed in ("1", "2"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        monkeypatch.setenv("README_TAG_CACHE", "off")
        runs.append(process_cli(readme, "--explain", "--format", "json"))
    assert json.loads(runs[0].stdout)["tags"] and same_output(*runs)


def test_default_taxonomy_and_rules_answer_with_objects(cli):
    proc = cli("-", stdin=b"# kube-helper\n\nA Kubernetes operator that manages Helm charts across clusters.\n")
    data = ok_json(proc)
    assert {"id": 38, "name": "k8s"} in data["tags"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.md"], "missing.md: no such file"),
        (["."], ".: is a directory"),
        (["README.md", "--taxonomy", "bad.json"], "bad.json: not valid JSON"),
        (["README.md", "--taxonomy", "dict.json"], "dict.json: a taxonomy must be a JSON list"),
        (["README.md", "--taxonomy", "dup.json"], "dup.json: duplicate tag name"),
        (["README.md", "--rules", "nope"], "nope: rules directory not found"),
        (["README.md", "--bogus"], "No such option: --bogus"),
        (["README.md", "--tags-as", "colours"], "Invalid value"),
    ],
)
def test_bad_input_is_one_line_exit_2(cli, setup, args, message):
    (setup / "bad.json").write_text("[{")
    (setup / "dict.json").write_text('{"tags": []}')
    (setup / "dup.json").write_text('[{"id": 1, "name": "a"}, {"id": 2, "name": "A "}]')
    proc = cli(*args, cwd=setup)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert len(err.strip().splitlines()) == 1 and err.startswith("readme-tag: error: ")
    assert message in err and "Traceback" not in err


def test_bad_rule_file_names_file_and_line(cli, setup):
    (setup / "rules" / "gadget.yaml").write_text("tag: gadget\nkeywords:\n  gadget: [1\n")
    proc = cli(str(setup / "README.md"), *custom(setup))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "gadget.yaml:" in err and "invalid YAML" in err


def test_version_and_help(cli):
    proc = cli("--version")
    assert proc.returncode == 0 and proc.stdout.decode().strip() == f"readme-tag {__version__}"
    proc = cli("--help")
    assert proc.returncode == 0 and "eval" in proc.stdout.decode()


def test_explicit_tag_subcommand_equals_the_short_form(cli, setup):
    path = str(setup / "README.md")
    assert same_output(cli("tag", path, *custom(setup)), cli(path, *custom(setup)))


def test_a_plain_one_file_run_answers_as_the_tag_command_does(cli, setup):
    """``readme-tag PATH`` alone skips building the typer app; its answer and its errors are the tag command's."""
    path = str(setup / "README.md")
    assert same_output(cli("tag", path), cli(path))
    assert same_output(cli("tag", "-", stdin=README), cli("-", stdin=README))
    missing = [cli(str(setup / "missing.md")), cli("tag", str(setup / "missing.md"))]
    assert [p.returncode for p in missing] == [2, 2] and missing[0].stderr == missing[1].stderr != b""


def test_plain_runs_know_every_command_name():
    from readme_tag.cli import _command
    from readme_tag.cli.plain import COMMANDS, is_plain

    assert set(_command().commands) == COMMANDS
    assert not any(is_plain([name]) for name in COMMANDS)
    assert is_plain(["README.md"]) and is_plain(["-"]) and not is_plain(["README.md", "--pretty"]) and not is_plain(["--version"])


def test_the_same_rules_in_another_folder_name_their_own_files(cli, setup, tmp_path_factory):
    """Compiled rules are cached by content; evidence must still name the files actually used."""
    other = tmp_path_factory.mktemp("copy") / "rules"
    import shutil

    shutil.copytree(setup / "rules", other)
    for rules in (setup / "rules", other):
        data = ok_json(cli(str(setup / "README.md"), "--taxonomy", str(setup / "taxonomy.json"), "--rules", str(rules), "--explain", "--format", "json"))
        assert data["explain"][0]["evidence"][0]["source"].startswith(str(rules))
