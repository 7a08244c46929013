"""Bad input never crashes the tagger, never loses output, and user rules cannot hang a job.

Each case goes through the real CLI: valid JSON and exit 0 for any text, a
one-line error and exit 2 for what is not a README, no traceback ever.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import SLOW_PATTERN, SLOW_README, readme_tag_executable
from readme_tag import Tagger
from readme_tag.errors import RuleError
from readme_tag.reader import MAX_BYTES

KUBE = "A Kubernetes operator that manages Helm charts and kubectl workflows for your cluster."


def tag_ok(cli, path: Path, *args: str) -> dict:
    proc = cli(str(path), "--tags-as", "names", *args)
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    data = json.loads(proc.stdout.decode().splitlines()[0])
    assert len(data["tags"]) <= 3
    return data


def one_line_error(proc, code: int = 2) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == code, err
    assert proc.stdout == b"" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and err.startswith("readme-tag: error: ")
    return err


@pytest.mark.parametrize(
    "name, content",
    [
        ("empty.md", b""),
        ("blank.md", b"  \n\n\t\r\n   \n"),
        ("images.md", b"![logo](logo.png)\n[![build](https://img.shields.io/badge/build-passing-green)](https://ci.example)\n"),
        ("code.md", b"```python\nimport os\nprint(os.getcwd())\n```\n"),
        ("table.md", b"| a | b |\n|---|---|\n| 1 | 2 |\n"),
        ("html.md", b"<div><p><a href='x'><img src=\"y\"<table><tr><td>open <b>bold <i>x</p></div></span><!-- never closed"),
        ("lists.md", b"- " * 10_000 + b"deep\n"),
        ("indented.md", b"".join(b"  " * i + b"- item\n" for i in range(2_000))),
        ("quotes.md", b"> " * 10_000 + b"deep\n"),
        ("divs.md", b"<div>" * 10_000 + b"deep" + b"</div>" * 10_000),
        ("comments.md", b"<p>x" + b"<!--" * 8_000 + b"</p>"),
        ("emphasis.md", b"*" * 20_000 + b"x" + b"_" * 20_000 + b"[" * 20_000 + b"`" * 5_001),
        ("brackets.md", b"[![a](b)](c) " * 20_000 + b"[" * 10_000 + b"(" * 10_000),
        ("latin1.md", "# Caf\u00e9 r\u00e9sum\u00e9\n\nUne biblioth\u00e8que.\n".encode("latin-1")),
        ("badutf8.md", b"# Tool\n\nBroken \xff\xfe bytes \xc3 here.\n"),
        ("declaration.md", b"<![ <!-- not a real declaration\n\n<p>text [![x](y)](z) <![CDATA[ok]]></p>\n"),
        ("weird.rst", b"====\n\n.. image::\n.. |x| image:: \n::\n\n   ``unclosed\n`link <>`_\n"),
        ("weird.adoc", b"= \n----\n[source,\n" + b"image:a[" * 3_000 + b"<<a" * 3_000 + b"\n|===\n2+a|" + b"kbd:[" * 2_000 + b"\n++++\n<div>\n////\n"),
        ("weird.rdoc", b"= \n{<img src=x>}[" * 2_000 + b"a" * 30_000 + b"[http://x\n  \n[label" + b"C<< " * 10),
        ("weird.pod", b"=head1 NAME\n\n=over\n\n=item\n\n" + b"C<< " * 5_000 + b"\n\n=begin html\n\n<div>\n\n=cut\n\n=head9 x\n"),
        ("weird.textile", b"h1(((((((((((. x\n\nbc.. " + b'"a":' * 3_000 + b"!a.png(" * 2_000 + b"@" * 5_000 + b"\n\n<pre>\n|_. x"),
        ("weird.mediawiki", b"= x\n" + b"[[a|" * 3_000 + b"[http://x " * 3_000 + b"{{" * 5_000 + b"\n<pre>\n" + b"'''" * 5_000 + b"\n{|\n| a=b | " * 2_000 + b"[[File:" * 2_000 + b"<!--" * 8_000),
        ("weird.creole", b"= x\n" + b"[[a|" * 3_000 + b"{{{" * 3_000 + b"{{a|" * 3_000 + b"**//" * 5_000 + b"\n{{{\n" + b"|=" * 5_000 + b"~"),
        ("weird.org", b"#+TITLE:\n#+BEGIN_SRC\n" + b"x =b " * 3_000 + b"\n#+END_EXAMPLE\n:PROPERTIES:\n" + b"[[a][" * 2_000 + b"\n* "),
    ],
)
def test_odd_readmes_give_valid_output(cli, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    tag_ok(cli, path)


def test_utf16_with_bom_is_read(cli, tmp_path):
    path = tmp_path / "README.md"
    path.write_bytes(f"# kube-op\n\n{KUBE}\n".encode("utf-16"))
    assert "k8s" in tag_ok(cli, path)["tags"]


@pytest.mark.parametrize("language, text", [("zh", "# 集群工具\n\n这是一个 {kube} 中文说明。\n"), ("ru", "# Инструмент\n\nЭто {kube} Описание на русском.\n")])
def test_chinese_and_russian_readmes_keep_english_vocabulary(cli, tmp_path, language, text):
    path = tmp_path / f"README.{language}.md"
    path.write_text(text.format(kube=KUBE), encoding="utf-8")
    assert "k8s" in tag_ok(cli, path)["tags"]


def test_one_long_line(cli, tmp_path):
    path = tmp_path / "README.md"
    path.write_text("# Line\n\n" + "kubernetes helm " * 140_000)  # over 2 MB on one line
    assert "k8s" in tag_ok(cli, path)["tags"]


def test_a_50_mb_readme_is_tagged_from_its_start_and_says_so(cli, tmp_path):
    path = tmp_path / "README.md"
    with open(path, "w") as handle:
        handle.write(f"# kube-op\n\n{KUBE}\n\n")
        block = "Filler line with ordinary words and nothing else.\n" * 1000
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(block)
    proc = cli(str(path), "--explain", "--format", "json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and data["truncated"] is True
    assert any(item["name"] == "k8s" for item in data["explain"])
    text = cli(str(path), "--explain").stdout.decode()
    assert "longer than the read limit" in text
    assert path.stat().st_size > 40 * MAX_BYTES


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + bytes(200)), "binary"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: None, "no such file"),
    ],
    ids=["binary", "directory", "missing"],
)
def test_not_a_readme_is_one_line_exit_2(cli, tmp_path, make, message):
    path = tmp_path / "README.md"
    make(path)
    err = one_line_error(cli(str(path)))
    assert str(path) in err and message in err


def test_a_file_name_with_a_line_break_keeps_each_message_to_one_line(cli, tmp_path):
    """A name may hold a newline; stderr's messages stay one line each, the break written as \\n (the JSON has it whole)."""
    (tmp_path / "a\nb.md").write_text("# A command-line tool\n")
    assert "no\\nsuch.md: no such file" in one_line_error(cli("no\nsuch.md", cwd=tmp_path))
    proc = cli("batch", "a\nb.md", "no\u2028such.md", cwd=tmp_path)
    ids = [json.loads(line)["id"] for line in proc.stdout.decode().split("\n") if line]  # JSON Lines end lines at \n only
    assert proc.returncode == 3 and ids == ["a\nb.md", "no\u2028such.md"]
    assert proc.stderr.decode().splitlines() == ['readme-tag: 1 input(s) failed; their lines carry an "error" (the first: no\\u2028such.md: no such file)']
    (tmp_path / "taxonomy.json").write_text(json.dumps([{"id": 1, "name": "k8s"}, {"id": 2, "name": "odd\nname"}]))
    checked = cli("rules", "check", "--taxonomy", "taxonomy.json", cwd=tmp_path)  # a tag no rule fits, named with a line break
    assert checked.returncode == 1 and len(checked.stderr.decode().splitlines()) == 1 and "odd\\nname" in checked.stderr.decode()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_one_line_exit_2(cli, tmp_path):
    path = tmp_path / "README.md"
    path.write_text("# x\n")
    path.chmod(0)
    assert "permission denied" in one_line_error(cli(str(path)))


def test_debug_shows_a_traceback_and_keeps_the_exit_code(process_cli, tmp_path):
    proc = process_cli(str(tmp_path / "missing.md"), "--debug")
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" in err and err.splitlines()[-1] == f"readme-tag: error: {tmp_path / 'missing.md'}: no such file"


@pytest.mark.parametrize(
    "content, message",
    [
        ("tag: ai\nkeywords:\n  x: [1\n", "ai.yaml:4: invalid YAML: a ',' is missing before this, or the '[' opened on line 3 is not closed"),
        ("tag: ai\nkeywords: {x: 1\nabout: y\n", "or the '{' opened on line 2 is not closed"),
        ("tag: ai\nkeywords: {\n  gpt: 1,\n  llm: 2\n  ml: 1}\n", "ai.yaml:5: invalid YAML: a ',' is missing before this"),  # closed, a comma short
        ("tag: ai\naliases: [ml, , llm]\n", "ai.yaml:2: invalid YAML: did not find expected node content"),  # not "the '{'"
        ("tag: ai\naliases: [" + "word " * 220 + "}\n", "or the '[' opened on line 2 is not closed"),  # no key, however long the text
        ("tag: ai\nkeywords:\n  boosting: 2\n  " + "a" * 1100 + ": 1\n", "ai.yaml:4: a key longer than YAML allows"),  # "could not find expected ':'"
        ("tag: ai\naliases: [" + "a" * 1100 + ": 1]\n", "ai.yaml:2: a key longer than YAML allows"),
        ("\x00", "invalid YAML: unacceptable character #x0000"),
        ("tag: ai\nkeywords:\n  " + "a" * 1100 + ": 1\n", "a key longer than YAML allows (1,024 characters)"),  # said "mapping values are not allowed"
        ("tag: ai\nkeywords: {x: 1, '" + "a" * 1100 + "': 1}\n", "a key longer than YAML allows"),  # said "did not find expected ','"
        ("tag: ai\nabout: " + "a" * 1100 + ": x\n", "invalid YAML: mapping values are not allowed"),  # a long value is no key
        ("tag: ai\nkeywords: {x: high}\n", "must be a number"),
        ("tag: ai\nkeywordz: {x: 1}\n", "did you mean 'keywords'"),
        ("tag: ai\npatterns: {'x(': 1}\n", "does not compile"),
        ("tag: ai\npatterns: {'(a+)+$': 1}\n", "nested quantifiers"),
        ("tag: ai\npatterns: {'(x|xy)*z': 1}\n", "start alike"),
        ("tag: ai\npatterns: {'(.*,){11}P': 1}\n", "a group repeated 11 times that holds a repeat of nearly any character"),  # passed, and ran out of time on a line of commas
        ("tag: ai\npatterns: {'(?:a[^\\n]*){10}\\d': 1}\n", "a group repeated 10 times"),  # so did [^\n]*, \S*, [\s\S]*, .{0,99}
        ("tag: ai\npatterns: {'(?:a\\S*){10}\\d': 1}\n", "a group repeated 10 times"),
        ("tag: ai\npatterns: {'(?:a[\\s\\S]*){10}\\d': 1}\n", "a group repeated 10 times"),
        ("tag: ai\npatterns: {'(?:a.{0,99}){10}\\d': 1}\n", "a group repeated 10 times"),
        ("tag: ai\npatterns: {'model[[:digit:]]': 1}\n", "a POSIX class"),
        ("tag: ai\npatterns: {'kubectl|': 1}\n", "it can match an empty text"),  # a stray `|` once gave the tag to every README
        ("tag: ai\nnegative_patterns: {'(?:demo)?': 1}\n", "it can match an empty text"),
        ("tag: ai\npatterns: {'\\b': 1}\n", "it can match an empty text"),
        ("tag: ai\npatterns: {'kubectl|(?=\\.)': 1}\n", "it can match an empty text"),  # an empty match before every dot
        ("tag: ai\npatterns: {'(?!kubectl)': 1}\n", "it can match an empty text"),  # lookarounds alone, that any text passes
        ("tag: ai\npatterns: {'(?=.*a)(?=.*b)': 1}\n", "it can match an empty text"),  # a condition nearly every line meets
        ("tag: ai\npatterns: {'\\b(?=k)|\\bkubectl': 1}\n", "it can match an empty text"),
    ],
)
def test_bad_rule_files_are_one_line_errors_naming_file_and_line(cli, tmp_path, content, message):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "ai.yaml").write_text(content)
    (tmp_path / "README.md").write_text("# x\n")
    err = one_line_error(cli(str(tmp_path / "README.md"), "--rules", str(rules)))
    assert f"{rules / 'ai.yaml'}:" in err and message in err


def test_a_pattern_of_lookarounds_alone_is_no_empty_match(tmp_path):
    """ "Both words on one line", written as lookaheads alone, matches nothing in most texts: refused with `kubectl|` once."""
    from readme_tag import Tagger

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "containerization.yaml").write_text("tag: containerization\npatterns: {'(?=.*\\bdocker\\b)(?=.*\\bcompose\\b)': 8, '(?=.*\\bunity\\b)(?=.*\\bshader\\b).*': 0.1}\n")
    tagger = Tagger(["containerization", "cli"], rules, default_rules=False)
    assert tagger.tag("# stack\n\nRun it with docker and compose.\n").names == ["containerization"]
    assert tagger.tag("# stack\n\nA tool for your notes.\n").names == []


def test_a_condition_on_a_line_counts_once_a_line_not_once_a_place_before_its_words(tmp_path):
    """The lookarounds hold at every place before "synth": one line counted a dozen times, and scored 6 where the same
    condition written as ``\\bsynth\\b.*\\bmidi\\b`` scored 2.1."""
    from readme_tag import Tagger

    rules = tmp_path / "rules"
    rules.mkdir()
    text = "# x\n\nSome text.\n\n## Notes\n\nThe quick brown synth with midi input and more words here.\n\nA synth and midi again.\n"
    scores = []
    for pattern in ("(?=.*\\bsynth\\b)(?=.*\\bmidi\\b)", "\\bsynth\\b.*\\bmidi\\b"):
        (rules / "music.yaml").write_text(f"tag: music\npatterns: {{'{pattern}': 1}}\n")
        result = Tagger(["music"], rules, default_rules=False).tag(text)
        scores.append([(e.line, e.value) for e in result.scores["music"].evidence])
    assert scores[0] == scores[1] and [line for line, _ in scores[0]] == [7, 9]


@pytest.mark.parametrize(
    "taxonomy, message",
    [
        ('{"id": 1}', "must be a JSON list"),
        ('[{"id": 1, "name": "a"}, {"id": 1, "name": "b"}]', "duplicate tag id 1"),
        ('[{"id": 1, "name": "a"}, {"id": 2, "name": " A"}]', "duplicate tag name 'a' and ' A' (one name once spaces around it, case and accents' encoding are set aside) (items 1 and 2)"),
        ('[{"id": 1, "name": "a"}, {"id": 2, "name": "a"}]', "duplicate tag name 'a' (items 1 and 2)"),
        ('[{"id": 1}]', 'needs a non-empty "name"'),
        ("[]", "empty"),
        ("not json", "not valid JSON"),
    ],
)
def test_bad_taxonomies(cli, tmp_path, taxonomy, message):
    (tmp_path / "tax.json").write_text(taxonomy)
    (tmp_path / "README.md").write_text("# x\n")
    err = one_line_error(cli(str(tmp_path / "README.md"), "--taxonomy", str(tmp_path / "tax.json")))
    assert "tax.json" in err and message in err


def test_null_ids_are_no_ids_not_duplicates(cli, tmp_path):
    """Two ``"id": null`` were refused as a duplicate id, where answers and batch records take a null for no id."""
    (tmp_path / "tax.json").write_text('[{"id": null, "name": "k8s"}, {"id": null, "name": "cli"}, {"id": 7, "name": "game"}]')
    (tmp_path / "README.md").write_text("# kube-reaper\n\nA Kubernetes operator that deletes stale namespaces.\n")
    proc = cli(str(tmp_path / "README.md"), "--taxonomy", str(tmp_path / "tax.json"), "--tags-as", "names")
    assert proc.returncode == 0 and proc.stdout and "k8s" in json.loads(proc.stdout)["tags"]


@pytest.mark.parametrize(
    "line, message",
    [
        ("not json", "not valid JSON"),
        ('{"file": "a.md"}', "each line needs"),
        ('{"file": "a.md", "tags": [1]}', "tags must be strings"),
        ('{"file": "a.md", "tags": ["cli"], "also": "lib"}', '"also", where given, is a list'),
        ('{"file": "a.md", "tags": ["cli"], "also": 7}', '"also", where given, is a list'),
        ('{"file": "a.md", "tags": ["cli"], "also": ""}', '"also", where given, is a list'),
        ('{"file": "a.md", "tags": ["cli"], "also": false}', '"also", where given, is a list'),
        ('{"file": "a.md", "tags": ["cli"], "also": [null]}', "tags must be strings"),
        ("", "no READMEs listed"),
    ],
)
def test_a_bad_gold_file_is_one_line_naming_its_line_for_eval_and_rules_suggest(cli, tmp_path, line, message):
    """Every malformed gold line is the user's error (exit 2, one line), never an internal one (exit 1)."""
    (tmp_path / "gold.jsonl").write_text(line + "\n")
    for command in (["eval"], ["rules", "suggest"]):
        err = one_line_error(cli(*command, str(tmp_path / "gold.jsonl")))
        assert "gold.jsonl" in err and message in err, err


def test_rule_for_a_tag_outside_the_taxonomy_is_skipped_or_refused_with_strict(cli, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "quantum.yaml").write_text("tag: quantum\nkeywords: {qubit: 5}\n")
    (tmp_path / "README.md").write_text("# A qubit simulator\n")
    assert tag_ok(cli, tmp_path / "README.md", "--rules", str(rules))["tags"] == []
    err = one_line_error(cli(str(tmp_path / "README.md"), "--rules", str(rules), "--strict"))
    assert "not in the taxonomy: quantum" in err


def slow_tagger(tmp_path: Path, monkeypatch) -> Tagger:
    monkeypatch.setattr("readme_tag.signals.kinds.patterns.PATTERN_BUDGET_SECONDS", 0.3)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.yaml").write_text(SLOW_PATTERN)
    return Tagger([{"id": 1, "name": "slow"}], rules, default_rules=False)


def test_a_slow_pattern_cannot_hang_the_job(tmp_path, monkeypatch):
    """A pattern that passes the load-time check but backtracks polynomially hits the time budget."""
    tagger = slow_tagger(tmp_path, monkeypatch)
    with pytest.raises(RuleError, match=r"took over 0\.3s") as info:
        tagger.tag(SLOW_README)
    assert info.value.source == str(tmp_path / "rules" / "slow.yaml") and info.value.line == 2


def test_a_slow_pattern_cannot_hang_a_worker_thread(tmp_path, monkeypatch):
    """The API in a worker thread (a web server, a threaded scheduler) has the same time budget as the main thread."""
    tagger = slow_tagger(tmp_path, monkeypatch)
    outcome: list[BaseException] = []

    def work() -> None:
        try:
            tagger.tag(SLOW_README)
        except RuleError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "the pattern hung the worker thread"
    assert len(outcome) == 1 and "took over 0.3s" in str(outcome[0])


def test_in_a_batch_one_bad_file_loses_nothing(cli, tmp_path):
    good = tmp_path / "good.md"
    good.write_text(f"# kube-op\n\n{KUBE}\n")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\x00" * 10)
    proc = cli("batch", str(good), str(bad), str(tmp_path / "missing.md"), str(good), "--tags-as", "names")
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [("tags" in o, "error" in o) for o in out] == [(True, False), (False, True), (False, True), (True, False)]
    assert proc.returncode == 3


@pytest.mark.skipif(os.name != "posix", reason="signals and process groups")
@pytest.mark.parametrize("stop", ["terminate the parent", "ctrl-c the process group"])
def test_stopping_a_parallel_batch_leaves_the_workers_quiet(tmp_path, stop):
    """The workers of `batch --jobs 2` say nothing when their parent is killed or interrupted, and the lines written are whole."""
    text = (Path(__file__).resolve().parents[1] / "fixtures" / "kube-sweeper.md").read_text()
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": f"{text}\n{i}\n"}) + "\n" for i in range(2000)))
    out = tmp_path / "out.jsonl"
    # as from a terminal: a run started in the background (`cmd &` in a script) inherits Ctrl-C ignored, and keeps it so
    at_terminal = lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)  # noqa: E731
    proc = subprocess.Popen(
        [readme_tag_executable(), "batch", str(source), "--jobs", "2", "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, preexec_fn=at_terminal
    )
    try:
        deadline = time.monotonic() + 60
        while (not out.exists() or out.stat().st_size == 0) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert proc.poll() is None, "the batch ended before it could be stopped"
        if stop == "terminate the parent":
            proc.send_signal(signal.SIGTERM)
        else:
            os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)  # returns once every holder of stderr, the workers too, has exited
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == (-signal.SIGTERM if stop == "terminate the parent" else 130)
    assert b"Traceback" not in err and b"Process ForkPoolWorker" not in err, err.decode()[:2000]
    assert err.decode().strip() in ("", "readme-tag: interrupted")
    lines = out.read_text().splitlines()
    assert lines and all(json.loads(line)["tags"] for line in lines[:-1])


def test_a_pattern_with_a_turkish_dotted_or_dotless_i_runs_where_the_engine_matches_it(tmp_path):
    """The literal gate lower-cased "İ" to i and a combining dot, and "ı" to itself: the pattern never ran on "istanbul"
    or "YAZILIM", which the engine matches case-insensitively (as keywords did)."""
    from readme_tag import Tagger

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "music.yaml").write_text("tag: music\npatterns: {'İstanbul müzik': 3, 'yazılım': 3}\n", encoding="utf-8")
    tagger = Tagger(["music"], rules, default_rules=False)
    assert tagger.tag("# x\n\nistanbul müzik arşivi.\n").names == ["music"]
    assert tagger.tag("# x\n\nBİR YAZILIM.\n").names == ["music"]


@pytest.mark.parametrize(
    "pattern, text",
    [("µs latency", "Under 5 μs latency."), ("ΟΔΟΣ", "η οδος"), ("οδοσ", "Η ΟΔΟΣ"), ("ſtraße", "STRASSE und straße"), ("ﬁle", "a ﬁle")],
)
def test_a_pattern_runs_wherever_the_engine_matches_it_case_insensitively(tmp_path, pattern, text):
    """The gate lower-cased, which keeps the micro sign apart from mu and a final sigma apart from sigma, while the engine
    matches them as one: the pattern never ran."""
    import regex

    from readme_tag import Tagger

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "music.yaml").write_text(f"tag: music\npatterns: {{'{pattern}': 3}}\n", encoding="utf-8")
    assert regex.search(pattern, text, regex.IGNORECASE | regex.VERSION0)
    assert Tagger(["music"], rules, default_rules=False).tag(f"# x\n\n{text}\n").names == ["music"]


def test_a_repeat_of_nearly_any_character_that_the_next_part_ends_is_no_nested_loop():
    """What the shipped rules write (a word and a space, some times over; a line and its end) loads: the next part needs a
    character the repeat leaves out, so each round ends in one place."""
    from readme_tag.signals.regex_guard import unsafe_reason

    for pattern in (r"(?:[^\s.,;]+\s+){0,3}x", r"(?:\S+\s+){0,4}x", r"(?:[^\n]*\n){0,40}x", r"(?:[ \t]+[^\s-]\S*){0,3}x", r"(?:\w+\W+){0,3}x"):
        assert unsafe_reason(pattern) is None, pattern


def test_a_repeat_left_out_by_a_range_a_group_or_a_letter_in_the_other_case_is_ended_too():
    """A range after \\D+, a capturing group holding the delimiter, or the delimiter in capitals (patterns run
    case-insensitively) were taken for parts the repeat could go on over, and the pattern refused."""
    from readme_tag.signals.regex_guard import unsafe_reason

    for pattern in (r"(?:\D+[0-9]){3}", r"(?:[^0-9]+\d){2}", r"(?:\W+[a-z]){2}", r"(?:[^,]+(,)){2}", r"(?:[^x]+X){2}"):
        assert unsafe_reason(pattern) is None, pattern
    assert "repeated any number of times" in (unsafe_reason(r"(?:.+ )+X") or "")  # not the engine's MAXREPEAT
