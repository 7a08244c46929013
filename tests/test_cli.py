"""The CLI through its real entry point (the installed ``readme-tag`` script)."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import readme_tag_executable, same_output
from readme_tag import ReadmeTagError, Tagger, __version__

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

README = b"# gizmo-kit\n\nA gizmo toolkit for widget makers.\n\n## Usage\n\nRun the gadget on a widget.\n"


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


def test_explain_shows_a_tag_its_negative_terms_cancelled(cli, setup):
    """A tag whose negatives outweighed its evidence vanished from --explain ("no rule matched"), hiding what took it away."""
    (setup / "rules" / "gadget.yaml").write_text("tag: gadget\nmode: replace\nkeywords: {gadget: 1}\nnegative: {toy gadget: 4}\n")
    readme = setup / "toy.md"
    readme.write_text("# toy\n\nA toy gadget.\n")
    proc = cli(str(readme), *custom(setup), "--explain")
    text = proc.stdout.decode()
    assert proc.returncode == 0 and json.loads(text.splitlines()[0])["tags"] == []
    assert "gadget  score 0  (cancelled: its negative terms outweigh its evidence)" in text and "negative: toy gadget" in text
    assert "no rule matched" not in text
    (entry,) = ok_json(cli(str(readme), *custom(setup), "--explain", "--format", "json"))["explain"]
    assert entry["name"] == "gadget" and entry["score"] == 0 and entry["held"].startswith("cancelled")
    assert {e["kind"] for e in entry["evidence"]} == {"keywords", "negative"}
    readme.write_text("# toy\n\nNothing here.\n")
    assert "no rule matched this README" in cli(str(readme), *custom(setup), "--explain").stdout.decode()


def test_a_tags_as_that_is_none_of_the_three_is_refused_in_the_api(default_tagger):
    from readme_tag.output import check_tags_as

    result = default_tagger.tag("# kube\nA Kubernetes operator with kubectl and Helm charts.")
    assert result.as_dict(tags_as="names")["tags"] == ["k8s"]
    with pytest.raises(ValueError, match="tags_as is one of objects, names, ids, not 'bogus'"):
        result.as_json(tags_as="bogus")
    with pytest.raises(ValueError, match="not 'bogus'"):
        check_tags_as(default_tagger.taxonomy, "bogus")


def test_evidence_names_a_shipped_rule_file_the_same_on_every_install(cli):
    """Output is the same bytes for the same input, rules and taxonomy: not the install's path to the shipped rules."""
    from readme_tag.ruleset.files import default_rules_dir

    proc = cli(str(Path(__file__).resolve().parents[1] / "fixtures" / "kube-sweeper.md"), "--explain", "--format", "json")
    assert proc.returncode == 0 and proc.stdout
    sources = {e["source"] for t in json.loads(proc.stdout)["explain"] for e in t["evidence"]}
    assert sources and all(s.startswith(("rules/tags/", "rules/intake.yaml:")) for s in sources) and str(default_rules_dir()) not in proc.stdout.decode()


def test_pretty_output_is_indented(cli, setup):
    proc = cli(str(setup / "README.md"), *custom(setup), "--pretty")
    assert proc.stdout.decode().startswith('{\n  "id"')


def test_same_input_gives_byte_identical_output(cli, setup, monkeypatch):
    args = [str(setup / "README.md"), *custom(setup), "--explain", "--format", "json"]
    assert same_output(cli(*args), cli(*args))


def test_output_does_not_depend_on_hash_randomisation(cli, process_cli, monkeypatch):
    """Sets and dicts of strings iterate in another order in every process; the output must not.

    A process with a fixed hash seed, other than this one's, compiles the rules
    afresh and tags; this process tags with the rules it compiled or loaded.
    """
    readme = str(Path(__file__).resolve().parents[1] / "fixtures" / "tensor-lens.md")
    args = (readme, "--explain", "--format", "json")
    here = cli(*args)
    monkeypatch.setenv("PYTHONHASHSEED", "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1")
    monkeypatch.setenv("README_TAG_CACHE", "off")
    there = process_cli(*args)
    assert json.loads(here.stdout)["tags"] and same_output(here, there)


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
        (["README.md", "README.md"], "tag takes one README; for several, run `readme-tag batch PATH...`"),
        (["tag", "README.md", "README.md"], "tag takes one README; for several, run `readme-tag batch PATH...`"),
        (["evals", "gold.jsonl"], "no command or file named 'evals'; did you mean `readme-tag eval`?"),
        (["evals"], "no command or file named 'evals'; did you mean `readme-tag eval`?"),
        (["chek", "--expect", "k8s", "README.md"], "no command or file named 'chek'; did you mean `readme-tag check`?"),
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


def test_version_and_help(cli, tmp_path):
    for args in (["--version"], ["README.md", "--version"], ["batch", "--version"]):  # anywhere, as README.md's option table has it
        proc = cli(*args)
        assert proc.returncode == 0 and proc.stdout.decode().strip() == f"readme-tag {__version__}", args
    for name in ("--version", "--debug"):  # after --, a file's name
        proc = cli("tag", "--", name)
        assert proc.returncode == 2 and f"{name}: no such file" in proc.stderr.decode() and proc.stdout == b"", name
    proc = cli("--help")
    assert proc.returncode == 0 and "eval" in proc.stdout.decode()
    for args in (["-h"], ["batch", "-h"], ["rules", "check", "-h"]):  # -h as --help, on every command
        short, long = cli(*args), cli(*args[:-1], "--help")
        assert short.returncode == 0 and short.stdout and short.stdout == long.stdout, args
    (tmp_path / "tags.md").write_text("# kube-reaper\n\nA Kubernetes operator that deletes stale namespaces.\n")
    for path in ("tags.md", "./tags.md"):  # a file whose name is near a command's is a README, there or not
        proc = cli(path, cwd=tmp_path)
        assert proc.returncode == 0 and json.loads(proc.stdout)["tags"], path
    missing = cli("./evals", cwd=tmp_path)
    assert missing.returncode == 2 and "./evals: no such file" in missing.stderr.decode()
    shown = cli("rules", "suggest", "--help").stdout.decode()  # repeatable options name what they take, not a Python type
    assert "--rules DIR" in shown and "--tag TAG" in shown and "list[" not in shown
    for args, usage in ((["tag"], "{PATH}"), (["batch"], "{PATH}..."), (["lock"], "{PATH}..."), (["eval"], "{GOLD}"), (["rules", "suggest"], "{GOLD}"), (["answer", "check"], "{PROMPT} {ANSWER}")):
        shown = cli(*args, "--help").stdout.decode()  # arguments are named in capitals, as options' values are
        assert shown.splitlines()[0] == f"Usage: readme-tag {' '.join(args)} [OPTIONS] {usage}", args


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


def test_the_installed_command_and_python_m_give_the_same_answer(process_cli):
    """Smoke test of the real entry points: the console script and ``python -m readme_tag``."""
    import subprocess
    import sys

    readme = str(Path(__file__).resolve().parents[1] / "fixtures" / "kube-sweeper.md")
    script = process_cli(readme, "--tags-as", "names")
    module = subprocess.run([sys.executable, "-m", "readme_tag", readme, "--tags-as", "names"], capture_output=True, timeout=120)
    assert script.stderr == b"" and "k8s" in json.loads(script.stdout)["tags"]
    assert same_output(script, module)


def test_a_one_file_run_leaves_at_once_with_its_output_and_exit_code(process_cli, cli, tmp_path):
    """The console script's one-file path ends with os._exit: its output must be flushed first, and its exit code kept."""
    readme = str(Path(__file__).resolve().parents[1] / "fixtures" / "kube-sweeper.md")
    script, in_process = process_cli(readme), cli(readme)
    assert script.returncode == 0 and script.stderr == b"" and script.stdout.endswith(b"}\n")
    assert script.stdout == in_process.stdout
    missing = process_cli(str(tmp_path / "missing.md"))
    assert missing.returncode == 2 and missing.stdout == b""
    assert missing.stderr.decode().splitlines() == [f"readme-tag: error: {tmp_path / 'missing.md'}: no such file"]


@pytest.mark.parametrize(
    ("refusal", "said"),
    [
        (OSError(errno.EAGAIN, "Resource temporarily unavailable"), "Resource temporarily unavailable"),
        (OSError(errno.EMFILE, "Too many open files", "x.md"), "x.md: Too many open files"),
        (OSError(errno.ENOSPC, "No space left on device"), "<stdout>: cannot write: No space left on device"),
        (OSError(errno.EBADF, "Bad file descriptor"), "<stdout>: cannot write: Bad file descriptor"),
        (OSError("no errno"), "no errno"),
    ],
)
def test_a_refusal_of_the_system_is_said_as_what_it_is_and_only_a_write_as_cannot_write(cli, monkeypatch, refusal, said):
    """An OSError that reaches the command line is one line, exit 2; only a write's refusal says "cannot write"."""

    def refuse(path: str) -> int:
        raise refusal

    monkeypatch.setattr("readme_tag.cli.tag_plain", refuse)
    proc = cli("README.md")
    assert proc.returncode == 2 and proc.stderr.decode().splitlines() == [f"readme-tag: error: {said}"]


def test_a_closed_stdout_is_one_line_and_exit_2(process_cli):
    """Started with its standard output closed (``>&-``), the command says so, not an internal error or a silent exit 0
    (only a process starts without a stdout)."""
    import os
    import subprocess

    readme = str(Path(__file__).resolve().parents[1] / "fixtures" / "kube-sweeper.md")
    for args in ([readme], ["batch", readme]):
        proc = subprocess.run([readme_tag_executable(), *args], stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1), timeout=120)
        assert proc.returncode == 2 and proc.stderr.decode().splitlines() == ["readme-tag: error: <stdout>: cannot write: Bad file descriptor"], args


def test_a_closed_stdin_is_one_line_and_exit_2(process_cli):
    """Started with its standard input closed (``<&-``), a command that reads it says so (only a process starts without a stdin)."""
    import os
    import subprocess

    for args in (["-"], ["prompt", "-"]):  # batch: an error record among the others' (tests/test_batch.py)
        proc = subprocess.run([readme_tag_executable(), *args], capture_output=True, preexec_fn=lambda: os.close(0), timeout=120)
        assert proc.returncode == 2 and proc.stdout == b"", args
        assert proc.stderr.decode().splitlines() == ["readme-tag: error: <stdin>: standard input is closed"], args


def test_a_stdin_that_cannot_be_read_is_said_as_stdin_not_stdout(process_cli, tmp_path):
    """Started with stdin open for writing only (``0>file``): a read error, not a write error on stdout (only a process shows it)."""
    import subprocess

    for args in (["-"], ["prompt", "-"]):
        with open(tmp_path / "w.txt", "wb") as write_only:
            proc = subprocess.run([readme_tag_executable(), *args], stdin=write_only, capture_output=True, timeout=120)
        assert proc.returncode == 2 and proc.stdout == b"", args
        assert proc.stderr.decode().splitlines() == ["readme-tag: error: <stdin>: cannot read: Bad file descriptor"], args


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("options", [[], ["--tags-as", "names"], ["batch"]])
def test_a_full_device_on_stdout_is_one_line_and_exit_2(options):
    """Writing to a full device is reported as batch reports it, not as an internal error, and the interpreter's last
    flush says nothing more (exit 120) whether stdout is buffered or not (only a process has a real stdout)."""
    import os
    import subprocess

    readme = str(Path(__file__).resolve().parents[1] / "fixtures" / "kube-sweeper.md")
    args = [options[0], readme] if options == ["batch"] else [readme, *options]
    for unbuffered in ("1", None):
        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"} | ({"PYTHONUNBUFFERED": unbuffered} if unbuffered else {})
        with open("/dev/full", "w") as full:
            proc = subprocess.run([readme_tag_executable(), *args], stdout=full, stderr=subprocess.PIPE, env=env, timeout=120)
        assert proc.returncode == 2, (unbuffered, proc.stderr)
        assert proc.stderr.decode().splitlines() == ["readme-tag: error: <stdout>: cannot write: No space left on device"], unbuffered


@pytest.mark.parametrize("command", ["tag", "batch"])
def test_tags_as_ids_needs_an_id_for_every_tag(cli, setup, command):
    (setup / "taxonomy.json").write_text(json.dumps([{"id": 7, "name": "gizmo"}, {"name": "widget"}, {"id": None, "name": "gadget"}]))
    proc = cli(command, str(setup / "README.md"), *custom(setup), "--tags-as", "ids")
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b"" and len(err.splitlines()) == 1
    assert "taxonomy.json: --tags-as ids needs an id for every tag; 2 have none: widget, gadget" in err


@pytest.mark.parametrize(("option", "value"), [("--cutoff", "nan"), ("--min-confidence", "NaN"), ("--cutoff=", "-nan")])
def test_nan_for_a_number_option_is_said_to_be_no_number(cli, option, value):
    args = [option + value] if option.endswith("=") else [option, value]
    proc = cli(str(FIXTURES / "kube-sweeper.md"), *args)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b"" and len(err.splitlines()) == 1
    assert f"'{option.rstrip('=')}': must be a finite number, not nan" in err  # not "should be greater than or equal to 0"


def test_bare_command_prints_usage_without_error(cli):
    proc = cli()
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b""
    assert err.startswith("Usage: readme-tag") and "error" not in err.splitlines()[0] and "batch" in err


def test_debug_is_listed_in_help(cli):
    proc = cli("--help")
    assert proc.returncode == 0 and "--debug" in proc.stdout.decode()


def test_a_truncated_readme_says_so_in_the_normal_answer(cli, tmp_path):
    long = tmp_path / "README.md"
    long.write_text("# kube-op\n\nA Kubernetes operator.\n\n" + "Filler line with ordinary words.\n" * 2000)
    data = ok_json(cli(str(long)))
    assert data["truncated"] is True and {"id": 38, "name": "k8s"} in data["tags"]
    short = ok_json(cli(str(FIXTURES / "kube-sweeper.md")))
    assert "truncated" not in short and short["tags"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["eval", "labels.jsonl", "--readmes", "nowhere"], "'--readmes': dir 'nowhere' does not exist"),
        (["rules", "suggest", "labels.jsonl", "--readmes", "nowhere"], "'--readmes': dir 'nowhere' does not exist"),
        (["eval", "labels.jsonl", "--min-f1", "2"], "'--min-f1'"),
    ],
)
def test_eval_and_suggest_refuse_a_readmes_folder_that_is_not_there_and_an_f1_above_1(cli, args, message):
    """Not every README counted as untagged, with exit 0: the usage is wrong."""
    proc = cli(*args, cwd=Path(__file__).resolve().parents[1] / "fixtures")
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b"" and message in err and len(err.splitlines()) == 1


def test_eval_min_f1_passes_at_or_below_the_f1_and_fails_above_it(cli):
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    report = cli("eval", "labels.jsonl", "--format", "json", cwd=fixtures)
    assert report.returncode == 0 and report.stdout
    f1 = json.loads(report.stdout)["f1"]
    assert 0 < f1 < 1
    assert cli("eval", "labels.jsonl", "--min-f1", str(f1), cwd=fixtures).returncode == 0
    assert f"F1         {f1:.4f}  (what --min-f1 compares)" in cli("eval", "labels.jsonl", cwd=fixtures).stdout.decode()  # as shown
    above = cli("eval", "labels.jsonl", "--min-f1", str(min(1.0, f1 + 0.01)), cwd=fixtures)
    assert above.returncode == 1 and above.stdout and "is below --min-f1" in above.stderr.decode()


def test_a_fault_in_readme_tag_is_one_line_internal_error_and_exit_1(cli, monkeypatch):
    """A bug is said as one, with exit 1 (not the input error's 2), and never as a traceback without --debug."""

    def broken(*args, **kwargs):
        raise RuntimeError("a fault")

    monkeypatch.setattr("readme_tag.tagger.Tagger.tag_file", broken)
    proc = cli("tag", str(Path(__file__).resolve().parents[1] / "fixtures" / "kube-sweeper.md"))
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr.decode().splitlines() == ["readme-tag: internal error: RuntimeError: a fault (run with --debug for a traceback)"]


def test_eval_warns_of_unreadable_readmes_and_unknown_gold_tags(cli, tmp_path):
    shutil.copy(FIXTURES / "kube-sweeper.md", tmp_path / "kube.md")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "kube.md", "tags": ["k8s", "quantum-computing"]}\n{"file": "gone.md", "tags": ["cli"]}\n')
    proc = cli("eval", str(gold))
    err = proc.stderr.decode()
    assert proc.returncode == 0 and "F1" in proc.stdout.decode()
    assert "1 README(s) could not be read" in err and "gone.md" in err and "not in the taxonomy and can never be emitted: quantum-computing" in err
    strict = cli("eval", str(gold), "--strict")
    assert strict.returncode == 2 and strict.stdout == b"" and len(strict.stderr.decode().splitlines()) == 1


@pytest.mark.parametrize("command", [["eval"], ["rules", "suggest", "--min-support", "1"]])
def test_a_gold_file_named_dash_is_a_file_of_the_readmes_folder_not_stdin(cli, tmp_path, command):
    """A gold line ``{"file": "-"}`` tagged whatever stdin held (and waited on a terminal)."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"file": "-", "tags": ["k8s"]}) + "\n")
    piped = cli(*command, str(gold), "--readmes", ".", stdin=(FIXTURES / "kube-sweeper.md").read_bytes(), cwd=tmp_path)
    assert "could not be read" in piped.stderr.decode() and f"{os.path.join(os.curdir, '-')}: no such file" in piped.stderr.decode(), piped.stderr
    assert piped.returncode == (0 if command == ["eval"] else 2)  # suggest has nothing left to mine: an input error
    shutil.copy(FIXTURES / "kube-sweeper.md", tmp_path / "-")
    read = cli(*command, str(gold), "--readmes", ".", stdin=b"", cwd=tmp_path)
    assert read.returncode == 0 and read.stdout.strip() and "could not be read" not in read.stderr.decode(), read.stderr


@pytest.mark.parametrize("command", [["eval"], ["rules", "suggest", "--min-support", "1"], ["rules", "intake"]])
def test_a_gold_file_with_a_byte_order_mark_and_a_line_separator_in_a_name_is_read(cli, tmp_path, command):
    """A Windows editor's byte order mark, and U+2028 inside a JSON string (one line of JSON Lines, not two)."""
    shutil.copy(FIXTURES / "kube-sweeper.md", tmp_path / "kube\u2028sweeper.md")
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b"\xef\xbb\xbf" + json.dumps({"file": "kube\u2028sweeper.md", "tags": ["k8s"]}, ensure_ascii=False).encode() + b"\n")
    proc = cli(*command, str(gold))
    assert proc.returncode == 0 and proc.stdout.strip() and "could not be read" not in proc.stderr.decode(), proc.stderr


def test_eval_counts_the_untagged_readmes_whose_gold_has_no_tag_either(cli, tmp_path):
    """An empty README gets no tag, and neither did its labellers: eval says how many of the untagged are such."""
    (tmp_path / "empty.md").write_text("# placeholder\n")
    (tmp_path / "thin.md").write_text("# my-repo\n")
    shutil.copy(FIXTURES / "kube-sweeper.md", tmp_path / "kube.md")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "empty.md", "tags": []}\n{"file": "thin.md", "tags": ["cli"]}\n{"file": "kube.md", "tags": ["k8s"]}\n')
    text = cli("eval", str(gold))
    assert text.returncode == 0 and text.stdout.strip()
    assert "READMEs    3  (no tag: 2, 1 of them without gold tags either; unreadable: 0)" in text.stdout.decode()
    data = cli("eval", str(gold), "--format", "json")
    assert data.returncode == 0 and data.stdout.strip()
    figures = json.loads(data.stdout)
    assert (figures["untagged"], figures["untagged_agreed"]) == (2, 1)


def test_api_tag_takes_bytes_and_refuses_other_types():
    tagger = Tagger()
    raw = (FIXTURES / "kube-sweeper.md").read_bytes()
    assert tagger.tag(raw).names == tagger.tag(raw.decode("utf-8")).names and "k8s" in tagger.tag(raw).names
    assert tagger.tag(b"\xef\xbb\xbf# kube\n\nA Kubernetes operator for Helm charts.\n").names == tagger.tag("# kube\n\nA Kubernetes operator for Helm charts.\n").names
    with pytest.raises(TypeError, match="str"):
        tagger.tag(42)  # type: ignore[arg-type]


def test_api_result_gives_the_command_lines_json(cli):
    path = str(FIXTURES / "kube-sweeper.md")
    proc = cli(path, "--tags-as", "names", "--min-confidence", "0.5")
    assert proc.returncode == 0 and proc.stdout.strip()
    assert proc.stdout.decode() == Tagger().tag_file(path).as_json("names", 0.5) + "\n"


def test_api_refuses_a_negative_max_tags_like_the_command_line(cli):
    """A wrong argument is a ValueError, as README.md says (and the command line's error, exit 2): it was only a ReadmeTagError."""
    for options, message in (({"max_tags": -1}, "max_tags must be a whole number of at least 0"), ({"max_tags": 2.5}, "max_tags"), ({"cutoff": float("inf")}, "cutoff must be a finite number")):
        with pytest.raises(ValueError, match=message) as raised:
            Tagger(**options)
        assert isinstance(raised.value, ReadmeTagError)
    assert cli(str(FIXTURES / "kube-sweeper.md"), "--max-tags", "-1").returncode == 2


def test_explain_rounds_numbers_and_leaves_out_rows_worth_nothing(cli, setup):
    (setup / "README.md").write_text("# gizmo-kit\n\nA gizmo toolkit.\n\n" + "Run the gadget now.\n\n" * 30)
    proc = cli(str(setup / "README.md"), *custom(setup), "--explain", "--cutoff", "1.2345")
    assert proc.returncode == 0
    text = proc.stdout.decode()
    assert "cutoff 1.23  confidence" in text
    numbers = re.findall(r"(?:score|cutoff|confidence) (\S+)", text)
    assert numbers and all(re.fullmatch(r"\d+(\.\d{1,2})?", n) for n in numbers), numbers
    rows = [line.split() for line in text.splitlines() if "keywords: gadget" in line]
    assert 3 <= len(rows) < 24 and all(float(row[0]) > 0 for row in rows)


def test_eval_errors_say_when_no_rule_matched_a_missing_tag(cli, tmp_path):
    (tmp_path / "reaper.md").write_text("# kube-reaper\n\nA Kubernetes operator that deletes stale namespaces, with kubectl and Helm.\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"file": "reaper.md", "tags": ["k8s", "game"]}) + "\n")
    proc = cli("eval", str(gold), "--readmes", str(tmp_path), "--errors")
    out = proc.stdout.decode()
    assert proc.returncode == 0 and out, proc.stderr
    assert "  missing game (score 0): no rule matched" in out.splitlines()
    assert "reaper.md: emitted k8s  gold k8s, game  also -" in out.splitlines()  # not Python's lists: ['k8s']


def test_a_tag_name_typed_with_a_combining_accent_is_the_taxonomys_composed_one(cli, tmp_path):
    """``Se\u0301curite\u0301`` (NFD, as some editors and file systems write it) and ``Sécurité`` (NFC) look alike and are one tag."""
    (tmp_path / "vault.md").write_text("# coffre\n\nUn outil de s\u00e9curit\u00e9 : un gestionnaire de mots de passe chiffr\u00e9s.\n", encoding="utf-8")
    taxonomy = tmp_path / "taxonomy.json"
    taxonomy.write_text(json.dumps(["S\u00e9curit\u00e9", "Jeux"]), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"file": "vault.md", "tags": ["Se\u0301curite\u0301"]}) + "\n", encoding="utf-8")
    proc = cli("eval", str(gold), "--readmes", str(tmp_path), "--taxonomy", str(taxonomy))
    assert proc.returncode == 0 and proc.stdout, proc.stderr
    assert "F1         1.0000" in proc.stdout.decode() and b"not in the taxonomy" not in proc.stderr


def test_evals_table_of_tags_lines_up_with_wide_names(cli, tmp_path):
    """A Chinese tag name was padded as if each character took one column, so its row stood four columns to the right."""
    from readme_tag.columns import columns_of

    long = "command-line-interface-tools-for-developers"
    (tmp_path / "t.json").write_text(json.dumps([{"id": 1, "name": "机器学习"}, {"id": 2, "name": "games"}, {"id": 3, "name": long + "-alpha"}, {"id": 4, "name": long + "-beta"}]), encoding="utf-8")
    (tmp_path / "a.md").write_text("# 机器学习\n\n机器学习 机器学习 toolkit.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# fun\n\nGames: games and more games.\n", encoding="utf-8")
    gold = [{"file": "a.md", "tags": ["games", long + "-alpha"]}, {"file": "b.md", "tags": ["机器学习", long + "-beta"]}]
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(line) + "\n" for line in gold), encoding="utf-8")
    proc = cli("eval", str(tmp_path / "gold.jsonl"), "--readmes", str(tmp_path), "--taxonomy", str(tmp_path / "t.json"))
    lines = proc.stdout.decode().splitlines()
    start = next(at for at, line in enumerate(lines) if line.startswith("tag "))
    table = lines[start : lines.index("", start)]
    assert proc.returncode == 0 and len(table) == 5 and any("机器学习" in line for line in table), proc.stdout
    assert any(f"{long}-alpha " in line for line in table) and any(f"{long}-beta " in line for line in table)  # whole, not cut alike
    assert len({columns_of(line) for line in table}) == 1, table


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: Tagger(taxonomy={"k8s": 1}), "a taxonomy is a list of {id, name} items or of names"),
        (lambda: Tagger(rules=5), "rules are a directory's path or a list of them, not 5"),
        (lambda: Tagger(rules={"a", "b"}), "rules directories are laid in order, later over earlier: give a list, not a set"),
        (lambda: Tagger().tag_file(FIXTURES / "kube-sweeper.md", markup="bogus"), "--markup bogus: not a markup readme-tag reads"),
        (lambda: Tagger().tag_file(FIXTURES / "kube-sweeper.md", markup="."), "--markup .: not a markup readme-tag reads"),  # once sniffed in silence
    ],
)
def test_the_api_refuses_what_the_command_line_refuses_with_its_error(build, message):
    """A wrong type or a markup with no reader is a ReadmeTagError that says so, not a TypeError or Markdown in silence."""
    with pytest.raises(ReadmeTagError, match=re.escape(message)):
        build()


def test_an_answers_tag_objects_are_its_own_copies(default_tagger):
    """README.md says an answer's tag objects are copies; ``result.tags[0].tag.item`` was the taxonomy's own entry, and
    a change to it showed in every later answer of the Tagger."""
    from readme_tag import Tagger

    text = "# kube-reaper\n\nA Kubernetes operator: install it with kubectl apply or its Helm chart.\n"
    first = default_tagger.tag(text)
    assert first.tags and first.tags[0].tag.item == {"id": 38, "name": "k8s"}
    first.tags[0].tag.item["name"] = "EDITED"
    first.scores["k8s"].tag.item["id"] = -1
    assert default_tagger.tag(text).as_dict()["tags"][0] == {"id": 38, "name": "k8s"}
    nested = Tagger(taxonomy=[{"id": 1, "name": "k8s", "aliases": ["kubernetes"]}])
    answer = nested.tag(text)
    answer.tags[0].tag.item["aliases"].append("EDITED")
    assert nested.tag(text).tags[0].tag.item == {"id": 1, "name": "k8s", "aliases": ["kubernetes"]}


def test_the_api_explains_an_answer_as_the_command_line_does(cli, default_tagger):
    """``--explain`` had no API but an internal module's function."""
    path = str(FIXTURES / "kube-sweeper.md")
    proc = cli(path, "--explain", "--format", "json", "--tags-as", "names")
    assert proc.returncode == 0 and proc.stdout
    explained = default_tagger.tag_file(path).explain(tags_as="names")
    assert explained["explain"] and explained == json.loads(proc.stdout)


def test_the_api_takes_a_path_for_the_name_as_tag_file_does(default_tagger):
    """``tag(text, name=Path("README.rst"))`` raised a TypeError from deep in the reader."""
    text = "kube-reaper\n===========\n\nA Kubernetes operator that deletes stale namespaces.\n"
    by_path = default_tagger.tag(text, name=Path("docs") / "README.rst")
    assert by_path.names and by_path.names == default_tagger.tag(text, name="docs/README.rst").names


def test_an_answers_tag_objects_are_the_callers_own(default_tagger):
    """The tags of ``as_dict`` were the taxonomy's own dicts: a service that decorated one changed every later answer, and
    the caller's list changed the answers of a Tagger built from it."""
    readme = (FIXTURES / "kube-sweeper.md").read_text()
    first = default_tagger.tag(readme).as_dict()
    assert first["tags"] and isinstance(first["tags"][0], dict)
    before = default_tagger.tag(readme).as_json()
    first["tags"][0]["name"], first["tags"][0]["confidence"] = "edited", 0.9
    assert default_tagger.tag(readme).as_json() == before
    items = [{"id": 1, "name": "k8s"}, {"id": 2, "name": "cli"}]
    tagger = Tagger(items)
    items[0]["name"] = "edited"
    assert tagger.tag(readme).as_dict()["tags"][0] == {"id": 1, "name": "k8s"}


@pytest.mark.parametrize(
    "answer, error, message",
    [
        (lambda r: r.as_json(tags_as="ids"), ReadmeTagError, 'tags_as="ids" needs an id for every tag; 1 have none: k8s'),
        (lambda r: r.as_json(min_confidence="x"), ValueError, "min_confidence is a number from 0 to 1, not 'x'"),
        (lambda r: r.as_json(min_confidence=2), ValueError, "min_confidence is a number from 0 to 1, not 2"),
    ],
)
def test_an_answer_refuses_what_it_cannot_write_with_its_error(answer, error, message):
    """A tag without an id was written as ``null`` under ``tags_as="ids"``, and a confidence bar that is no number was a
    TypeError from a comparison deep inside."""
    from fractions import Fraction

    result = Tagger(["k8s", "cli"]).tag((FIXTURES / "kube-sweeper.md").read_text())
    assert result.names and result.as_dict(min_confidence=Fraction(1, 100))["confident"]  # any real number (a numpy float) will do
    with pytest.raises(error, match=re.escape(message)):
        answer(result)


def test_an_id_that_json_has_not_is_refused_and_a_file_name_may_be_bytes(default_tagger):
    """An id of NaN was written as ``NaN``, which is no JSON; a path given as bytes (``os.fsencode``) was a TypeError about str."""
    path = FIXTURES / "kube-sweeper.md"
    with pytest.raises(ValueError, match="NaN and Infinity are not JSON"):
        default_tagger.tag(path.read_text(), id=float("nan")).as_json()
    by_bytes = default_tagger.tag_file(os.fsencode(path))
    assert by_bytes.names and by_bytes.as_json() == default_tagger.tag_file(path).as_json()


def test_a_taxonomy_read_from_a_pipe_is_read_once(process_cli):
    """--taxonomy /dev/stdin (or <(...)): a pipe gives its text once, so nothing may read it before the Tagger does."""
    taxonomy = json.dumps([{"id": 1, "name": "k8s"}, {"id": 2, "name": "cli"}]).encode()
    proc = process_cli(str(FIXTURES / "kube-sweeper.md"), "--taxonomy", "/dev/stdin", "--tags-as", "names", stdin=taxonomy)
    assert proc.returncode == 0 and proc.stdout, proc.stderr
    assert json.loads(proc.stdout)["tags"][:1] == ["k8s"]


def test_the_api_takes_any_path_like_and_a_suffix_with_its_dot(tmp_path):
    """A taxonomy or a rules folder as any os.PathLike (not only pathlib's), and markup=".rst" as markup="rst"."""

    class Where:
        def __init__(self, path: Path) -> None:
            self.path = path

        def __fspath__(self) -> str:
            return str(self.path)

    taxonomy = tmp_path / "taxonomy.json"
    taxonomy.write_text(json.dumps([{"id": 1, "name": "k8s"}, {"id": 2, "name": "cli"}]))
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "cli.yaml").write_text("tag: cli\nkeywords: {sweeper: 9}\n")
    tagger = Tagger(taxonomy=Where(taxonomy), rules=[Where(tmp_path / "rules")])
    assert tagger.tag_file(FIXTURES / "kube-sweeper.md").names[:1] == ["cli"]
    readme = tmp_path / "README"
    readme.write_text("Sweeper\n=======\n\nDeletes idle namespaces in a Kubernetes cluster.\n")
    assert tagger.tag_file(readme, markup=".rst").names == tagger.tag_file(readme, markup="rst").names


def test_eval_gives_no_row_to_a_tag_met_only_as_also(cli, tmp_path):
    """A tag the labellers allowed as "also" counts neither right nor wrong; a row of zeros ranked among the errors said nothing."""
    shutil.copy(FIXTURES / "kube-sweeper.md", tmp_path / "kube.md")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"file": "kube.md", "tags": ["cli"], "also": ["k8s"]}) + "\n")
    proc = cli("eval", str(gold), "--format", "json")
    assert proc.returncode == 0 and proc.stdout
    report = json.loads(proc.stdout)
    assert report["precision"] > 0 and "k8s" not in report["per_tag"]


def test_a_gold_file_on_stdin_is_read_as_any_other_input(cli, tmp_path):
    """``eval -``, ``rules intake -`` and ``rules suggest -`` said "-: cannot read gold file: No such file or directory"."""
    (tmp_path / "a.md").write_text("# sweep\n\nA Kubernetes operator, deployed with kubectl and a Helm chart.\n")
    gold = json.dumps({"file": "a.md", "tags": ["k8s"]}).encode() + b"\n"
    from_stdin = cli("eval", "-", "--format", "json", stdin=gold, cwd=tmp_path)
    (tmp_path / "gold.jsonl").write_bytes(gold)
    from_file = cli("eval", str(tmp_path / "gold.jsonl"), "--format", "json")
    assert from_stdin.returncode == 0 and from_stdin.stdout and from_stdin.stdout == from_file.stdout, from_stdin.stderr
    intake = cli("rules", "intake", "-", stdin=gold, cwd=tmp_path)
    assert intake.returncode == 0 and b"k8s: 1" in intake.stdout, intake.stderr
    mined = cli("rules", "suggest", "-", "--min-support", "1", stdin=gold, cwd=tmp_path)
    assert mined.returncode == 0 and mined.stdout.startswith(b"k8s  (1 README with the tag"), mined.stderr
    bad = cli("eval", "-", stdin=b"{nope\n", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.decode().startswith("readme-tag: error: <stdin>:1: not valid JSON")
    control = cli("batch", "-", stdin=b'{"id": "a", "text": "tab\there"}\n')  # the message named no place: "Invalid control character at"
    assert control.returncode == 3 and "not valid JSON: Invalid control character at (column 25)" in json.loads(control.stdout)["error"]
    cut = cli("batch", "-", stdin=b'{"id": "z", "text": "# z"}\n{"id": "a", "text": "tab"\n{"id": "b", "text": "x" "y"}\n')  # "column 1": of the next line
    errors = [json.loads(line)["error"] for line in cut.stdout.decode().splitlines()[1:]]
    assert cut.returncode == 3 and errors == ["not valid JSON: Expecting ',' delimiter (at the end of the line)", "not valid JSON: Expecting ',' delimiter (column 25)"]
    unclosed = cli("batch", "-", stdin=b'{"id": "z", "text": "# z"}\n{"id": "a", "text": "x\n')  # "Invalid control character at": the line end
    assert json.loads(unclosed.stdout.decode().splitlines()[1])["error"] == "not valid JSON: a string is not closed (at the end of the line)"
    fed = cli("batch", "-", stdin=b'{"id": "z", "text": "# z"}\n{"id": "a", "text": "x"\x0c\n')  # a form feed is no JSON space: it is the fault
    assert fed.returncode == 3 and json.loads(fed.stdout.decode().splitlines()[1])["error"] == "not valid JSON: Expecting ',' delimiter (column 24)"
    (tmp_path / "taxonomy.json").write_text('[\n  "k8s",\n  "cli"\n')  # a file cut short: its end, not line 4
    unclosed = cli("-", "--taxonomy", str(tmp_path / "taxonomy.json"), stdin=b"# x\n")
    assert unclosed.returncode == 2 and unclosed.stderr.decode().strip().endswith("not valid JSON: Expecting ',' delimiter (at the end of the file)")
    strict = cli("eval", "-", "--strict", stdin=json.dumps({"file": "a.md", "tags": ["nosuchtag"]}).encode(), cwd=tmp_path)
    assert strict.returncode == 2 and strict.stderr.decode().startswith("readme-tag: error: <stdin>: 1 gold tag(s)")  # not "-:"
    (tmp_path / "gold\nreadmes: 5.jsonl").write_bytes(gold)  # a line end in the name ended the header's comment
    (tmp_path / "gold\u2028x.jsonl").write_bytes(gold)  # so did what YAML takes for one (the line separator)
    nel = cli("rules", "intake", "gold\u2028x.jsonl", cwd=tmp_path)
    assert nel.returncode == 0 and "(readme-tag rules intake gold\\u2028x.jsonl).\n" in nel.stdout.decode()
    named = cli("rules", "intake", "gold\nreadmes: 5.jsonl", cwd=tmp_path)
    assert named.returncode == 0 and named.stdout.decode().startswith("# How many of 1 labelled READMEs carry each tag (readme-tag rules intake gold\\x0areadmes: 5.jsonl).\n")


def test_a_column_cut_to_its_width_says_so():
    """--explain and suggest's table cut a long signal to its column with no mark: "keywords: kubernetes controlle"."""
    from readme_tag.columns import column

    assert column("kubernetes controller", 12) == "kubernetes …" and column("short", 8) == "short   "
    assert column("数据库管理系统", 7) == "数据库…" and column("数据库", 6) == "数据库"


def test_format_json_without_explain_is_warned_of(cli):
    """``--format json`` alone changed nothing, silently."""
    readme = str(FIXTURES / "kube-sweeper.md")
    plain, formatted = cli(readme), cli(readme, "--format", "json")
    assert plain.returncode == formatted.returncode == 0 and plain.stdout and formatted.stdout == plain.stdout
    assert formatted.stderr.decode().startswith("readme-tag: warning: --format json goes with --explain") and plain.stderr == b""


def test_a_gold_file_with_old_mac_line_ends_reads_the_same_from_stdin(cli, tmp_path):
    (tmp_path / "a.md").write_text("# sweep\n\nA Kubernetes operator, deployed with kubectl and a Helm chart.\n")
    gold = (json.dumps({"file": "a.md", "tags": ["k8s"]}) + "\r" + json.dumps({"file": "a.md", "tags": ["cli"]}) + "\r").encode()
    (tmp_path / "gold.jsonl").write_bytes(gold)
    from_file = cli("eval", str(tmp_path / "gold.jsonl"), "--format", "json")
    from_stdin = cli("eval", "-", "--format", "json", stdin=gold, cwd=tmp_path)
    assert from_file.returncode == from_stdin.returncode == 0 and from_file.stdout and from_stdin.stdout == from_file.stdout, from_stdin.stderr


def test_warnings_about_a_gold_file_on_stdin_name_it_as_errors_do(cli, tmp_path):
    gold = (json.dumps({"file": "gone.md", "tags": ["k8s"]}) + "\n" + json.dumps({"file": "also-gone.md", "tags": ["cli"]}) + "\n").encode()
    proc = cli("eval", "-", stdin=gold, cwd=tmp_path)
    assert proc.stdout and proc.stderr.decode().startswith("readme-tag: warning: <stdin>: "), proc.stderr


def test_a_stdout_set_to_another_encoding_gets_utf8_json(tmp_path):
    """A Windows redirect's cp1252 had no byte for a tag name or an id in Chinese: the batch ended halfway, an internal error."""
    import subprocess

    (tmp_path / "tags.json").write_text(json.dumps([{"id": 1, "name": "游戏"}, {"id": 2, "name": "k8s"}]), encoding="utf-8")
    (tmp_path / "in.jsonl").write_text("".join(json.dumps({"id": f"游戏-{n}", "text": "# 游戏\n\nA game. 游戏 游戏\n"}) + "\n" for n in range(3)), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    args = [readme_tag_executable(), "batch", "in.jsonl", "--taxonomy", "tags.json", "--tags-as", "names"]
    proc = subprocess.run(args, capture_output=True, cwd=tmp_path, env=env, timeout=120)
    assert proc.returncode == 0 and proc.stdout, proc.stderr
    assert [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()] == [{"id": f"游戏-{n}", "tags": ["游戏"]} for n in range(3)]
    (tmp_path / "README.md").write_text("# kube-reaper\n\nA Kubernetes operator that deletes stale namespaces.\n")
    os.rename(tmp_path / "README.md", os.path.join(os.fsencode(tmp_path), b"\xff-README.md"))  # a name that is not UTF-8
    env = {**os.environ, "PYTHONIOENCODING": "latin-1:surrogateescape"}  # the stream's own error handler is kept
    proc = subprocess.run([readme_tag_executable(), "check", os.fsdecode(b"\xff-README.md"), "--expect", "cli"], capture_output=True, cwd=tmp_path, env=env, timeout=120)
    assert proc.returncode == 1 and proc.stdout.startswith(b"\xff-README.md: tags changed"), proc.stderr


class _Terminal(io.BytesIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal", [True, False])
def test_a_stdout_without_a_character_shows_json_and_is_set_back_after(tmp_path, monkeypatch, capsys, terminal):
    """A terminal in ASCII showed an id's ``é`` as ``\\xe9``, which is no JSON escape; and main() called in-process left the
    caller's stdout in UTF-8."""
    from readme_tag.cli import main

    (tmp_path / "tags.json").write_text(json.dumps([{"id": 1, "name": "k8s"}]), encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "café-😀", "text": "# kube\n\nA Kubernetes operator for k8s.\n"}) + "\n", encoding="utf-8")
    raw = _Terminal() if terminal else io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", stream)
    with pytest.raises(SystemExit) as exit:
        main(["batch", str(tmp_path / "in.jsonl"), "--taxonomy", str(tmp_path / "tags.json"), "--tags-as", "names"])
    stream.flush()
    assert exit.value.code == 0 and raw.getvalue(), capsys.readouterr().err
    shown = raw.getvalue().decode("ascii" if terminal else "utf-8")
    assert json.loads(shown) == {"id": "café-😀", "tags": ["k8s"]} and ("\\u00e9" in shown) is terminal
    assert (stream.encoding, stream.errors) == ("ascii", "strict")


def test_tagging_json_lines_of_inputs_as_one_readme_is_warned_of(cli, tmp_path):
    """``readme-tag in.jsonl``, meant for ``batch``, tagged the whole file as one README without a word."""
    records = "".join(json.dumps({"id": n, "text": "# kube-reaper\n\nA Kubernetes operator.\n"}) + "\n" for n in range(2))
    for name in ("in.jsonl", "inputs.json"):  # by its suffix, or by its first lines as batch tells them
        (tmp_path / name).write_text(records)
        for args in ([name], ["tag", name, "--tags-as", "names"]):
            proc = cli(*args, cwd=tmp_path)
            assert proc.returncode == 0 and proc.stdout and json.loads(proc.stdout)["tags"], args
            assert proc.stderr.decode().splitlines() == [
                f"readme-tag: warning: {name} looks like JSON Lines of inputs, and is tagged as one README; for a line of tags an input: readme-tag batch {name}"
            ]
    said = cli("tag", "in.jsonl", "--markup", "md", cwd=tmp_path)  # a markup named: the file is a README
    assert said.returncode == 0 and said.stdout and said.stderr == b""


CHINESE = "# 日志收集服务\n\n一个轻量的日志收集与检索服务，支持容器部署。\n\n## 安装\n\n    pip install logbox\n"
RUSSIAN = "# Парсер логов\n\nНебольшая библиотека для разбора журналов веб-сервера.\n"


def test_bytes_given_to_the_api_are_read_as_far_as_a_file_is(tmp_path, default_tagger):
    """Bytes were decoded whole: bytes no code page has, past the read limit, sent them to another code page than the
    same file's, and the tags differed."""
    from readme_tag.reader import MAX_BYTES

    data = CHINESE.encode("gbk") + b"\n" + b"filler line of plain ascii text\n" * (MAX_BYTES // 30) + b"\x80" * 3000
    path = tmp_path / "README.md"
    path.write_bytes(data)
    tagger = default_tagger
    from_file, from_bytes = tagger.tag_file(str(path)), tagger.tag(data, name="README.md")
    assert from_file.truncated and from_bytes.truncated
    assert from_bytes.names == from_file.names and from_bytes.scores == from_file.scores


def test_a_path_named_dash_is_the_file_and_the_string_dash_is_stdin(tmp_path, monkeypatch, default_tagger):
    """``Path("./-")`` is ``Path("-")``: a Path read stdin, where the docstring promised the file of that name."""
    import io
    import sys

    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_text(RUSSIAN, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CHINESE.encode("utf-8"))))
    tagger = default_tagger
    from_file = tagger.tag_file(Path("./-"))
    assert from_file.id == "-" and from_file.scores == tagger.tag(RUSSIAN).scores
    assert tagger.tag_file("-").scores == tagger.tag(CHINESE).scores
