"""A stream of prompts: answered here, passed on, or answered by a fallback command (a real process: tests/data/fake_llm.py)."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import sys
from pathlib import Path

import pytest

from conftest import same_output

FAKE_LLM = f"{sys.executable} {Path(__file__).resolve().parent / 'data' / 'fake_llm.py'}"
TAGS = [{"id": 17, "name": "ai"}, {"id": 38, "name": "k8s"}, {"id": 4, "name": "cli"}, {"id": 11, "name": "game"}]
CLEAR = "# kube-janitor\nA Kubernetes operator that deletes stale namespaces and finished jobs from your cluster, with kubectl and Helm charts."


def prompt(readme: str, ident: str) -> str:
    return f'base on {readme}\n", Assign "at most 3 tags" to the expected json: {{"id":"{ident}","tags":[]}} "only from the tags list I provide: {json.dumps(TAGS)}" returns me the "expected json"'


def unclear(case: str, ident: str) -> str:
    return prompt(f"# case-{case}\nSome notes.", ident)


def write(path: Path, lines: list) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines), encoding="utf-8")
    return path


def started_pids(pids: Path) -> list[int]:
    """The process ids the fallback commands wrote to ``pids`` as they started."""
    return [int(pid) for pid in pids.read_text().split()] if pids.exists() else []


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def records(proc) -> list[dict]:
    assert proc.stdout, proc.stderr
    return [json.loads(line) for line in proc.stdout.decode().splitlines()]


def test_each_prompt_gets_one_record_in_input_order(cli, tmp_path):
    prompts = write(tmp_path / "p.jsonl", [{"key": "a", "prompt": prompt(CLEAR, "1")}, {"prompt": unclear("x", "2")}, {"key": "c", "prompt": "no tag list"}, "{broken"])
    proc = cli("prompt", str(prompts))
    out = records(proc)
    assert proc.returncode == 3 and [r["key"] for r in out] == ["a", 2, "c", 4]
    assert out[0] == {"key": "a", "answer": {"id": "1", "tags": [{"id": 38, "name": "k8s"}]}, "confidence": out[0]["confidence"], "source": "rules"}
    assert "could not find the tag list" in out[2]["error"] and "not valid JSON" in out[3]["error"]
    assert b"4 prompt(s): 2 answered by the rules; 2 failed" in proc.stderr


def test_stdin_takes_json_lines_of_prompts_or_one_prompt(cli):
    lines = (json.dumps({"key": 1, "prompt": prompt(CLEAR, "9")}) + "\n").encode()
    stream = records(cli("prompt", "-", stdin=lines))
    assert stream[0]["source"] == "rules" and stream[0]["answer"]["id"] == "9"
    one = cli("prompt", "-", stdin=prompt(CLEAR, "9").encode())
    assert one.returncode == 0 and json.loads(one.stdout) == stream[0]["answer"]


@pytest.mark.parametrize("before", [b"\n", b"\xef\xbb\xbf", b'{"key": "cut", "prompt": "base on\n'])
def test_stdin_is_a_stream_after_a_blank_line_a_byte_order_mark_or_a_broken_first_record(cli, before):
    lines = before + (json.dumps({"key": 1, "prompt": prompt(CLEAR, "9")}) + "\n").encode()
    proc = cli("prompt", "-", stdin=lines)
    out = records(proc)
    assert out[-1]["key"] == 1 and out[-1]["source"] == "rules"  # not one prompt "with no tag list"
    assert proc.returncode == (3 if b"cut" in before else 0) and len(out) == (2 if b"cut" in before else 1)


def test_stdin_is_a_stream_whose_first_record_is_read_whole_however_long(cli):
    long = prompt(CLEAR + "\n\n" + "Notes on namespaces. " * 60_000, "1")  # over a megabyte
    lines = (json.dumps({"key": 1, "prompt": long}) + "\n" + json.dumps({"key": 2, "prompt": prompt(CLEAR, "2")}) + "\n").encode()
    proc = cli("prompt", "-", stdin=lines)
    out = records(proc)
    assert proc.returncode == 0 and [r["key"] for r in out] == [1, 2] and all(r["source"] == "rules" for r in out)


def test_a_long_first_record_makes_a_file_of_another_name_a_stream_and_keys_count_lines_as_a_file_does(cli, tmp_path):
    long = prompt(CLEAR + "\n\n" + "Notes on namespaces, é. " * 50_000, "1")  # over a megabyte, accents across its first megabyte's end
    prompts = write(tmp_path / "prompts.txt", [json.dumps({"prompt": long}, ensure_ascii=False), json.dumps({"prompt": prompt(CLEAR, "2")})])
    proc = cli("prompt", str(prompts))
    assert proc.returncode == 0 and [r["key"] for r in records(proc)] == [1, 2]
    blank = b"\n\n" + prompts.read_bytes()
    from_stdin, from_file = cli("prompt", "-", stdin=blank), cli("prompt", str(write(tmp_path / "blank.jsonl", [blank.decode().rstrip("\n")])))
    assert [r["key"] for r in records(from_stdin)] == [r["key"] for r in records(from_file)] == [3, 4]  # the key is the line number
    returns = b"\r \n" + prompts.read_bytes()  # a carriage return alone ends no line of a file
    from_stdin, from_file = cli("prompt", "-", stdin=returns), cli("prompt", str(write(tmp_path / "cr.jsonl", [returns.decode().rstrip("\n")])))
    assert [r["key"] for r in records(from_stdin)] == [r["key"] for r in records(from_file)] == [2, 3]


def test_json_lines_of_prompts_under_another_name_are_a_stream_or_said_to_be_one(cli, tmp_path):
    prompts = write(tmp_path / "prompts.txt", [{"key": 1, "prompt": prompt(CLEAR, "9")}, {"key": 2, "prompt": unclear("x", "8")}])
    proc = cli("prompt", str(prompts))
    assert proc.returncode == 0 and [r["key"] for r in records(proc)] == [1, 2]
    answer = write(tmp_path / "answer.json", ['{"id": "9", "tags": []}'])
    proc = cli("answer", "check", str(prompts), str(answer))  # one prompt wanted: the stream is named, not "no tag list"
    assert proc.returncode == 2 and not proc.stdout
    assert b"this is JSON Lines of prompts" in proc.stderr and b"could not find the tag list" not in proc.stderr


def test_a_fault_on_one_prompt_is_its_error_record_and_the_others_are_answered(cli, tmp_path, monkeypatch):
    from readme_tag.prompt import stream

    real = stream.tag_prompt

    def faulty(tagger, prompt):
        if "case-x" in prompt.readme:
            raise RuntimeError("a fault")
        return real(tagger, prompt)

    monkeypatch.setattr(stream, "tag_prompt", faulty)
    prompts = write(tmp_path / "p.jsonl", [{"key": "a", "prompt": prompt(CLEAR, "1")}, {"key": "b", "prompt": unclear("x", "2")}, {"key": "c", "prompt": prompt(CLEAR, "3")}])
    proc = cli("prompt", str(prompts))
    out = records(proc)
    assert proc.returncode == 3 and [r["key"] for r in out] == ["a", "b", "c"]
    assert out[1] == {"key": "b", "error": "internal error: RuntimeError: a fault"} and out[2]["source"] == "rules"


def test_undecided_prompts_are_handed_on_verbatim(cli, tmp_path, monkeypatch):
    lines = [json.dumps({"key": "a", "prompt": prompt(CLEAR, "1")}), json.dumps({"key": "b", "prompt": unclear("x", "2")}, ensure_ascii=True, indent=None, separators=(",", ":"))]
    prompts = write(tmp_path / "p.jsonl", lines)
    proc = cli("prompt", str(prompts), "--min-confidence", "0.5", "--undecided", str(tmp_path / "for-llm.jsonl"))
    out = records(proc)
    assert proc.returncode == 0 and out[0]["source"] == "rules"
    assert out[1] == {"key": "b", "source": "undecided", "confidence": 0.0}
    assert (tmp_path / "for-llm.jsonl").read_text() == lines[1] + "\n"
    assert b"1 answered by the rules; 1 sent on to" in proc.stderr
    monkeypatch.chdir(tmp_path)
    proc = cli("prompt", str(prompts), "--min-confidence", "0.5", "--undecided", "fallback")  # a file of that name, not the fallback command
    assert proc.returncode == 0 and (tmp_path / "fallback").read_text() == lines[1] + "\n"
    assert b"1 answered by the rules; 1 sent on to fallback; 0 failed" in proc.stderr
    proc = cli("prompt", str(prompts), "--min-confidence", "1", "--undecided", str(tmp_path / "all.jsonl"))
    assert proc.returncode == 0 and (tmp_path / "all.jsonl").read_text() == "\n".join(lines) + "\n"
    assert b"warning: --min-confidence 1 is above" in proc.stderr
    one = cli("prompt", "-", "--min-confidence", "1", stdin=prompt(CLEAR, "9").encode())
    assert one.returncode == 0 and json.loads(one.stdout)["confident"] is False and b"warning: --min-confidence 1 is above" in one.stderr
    kept = cli("prompt", str(prompts), "--min-confidence", "0.5")  # the bar holds with nowhere to hand prompts on
    assert kept.returncode == 0 and records(kept)[1] == out[1] and b"1 answered by the rules; 1 undecided" in kept.stderr
    plain = cli("prompt", str(prompts))  # no bar given: the rules answer every prompt
    assert plain.returncode == 0 and [r["source"] for r in records(plain)] == ["rules", "rules"]


CASES = [
    ("plain", {"answer": {"id": "plain", "tags": [{"id": 38, "name": "k8s"}]}, "source": "llm"}),
    ("fenced", {"answer": {"id": "fenced", "tags": [{"id": 38, "name": "k8s"}, {"id": 4, "name": "cli"}]}, "source": "llm"}),
    ("prose", {"answer": {"id": "prose", "tags": [{"id": 17, "name": "ai"}]}, "source": "llm"}),
    ("unknown", {"answer": {"id": "unknown", "tags": [{"id": 38, "name": "k8s"}]}, "source": "llm", "repairs": ['dropped tag {"id": 999, "name": "quantum-widgets"}: not in the prompt\'s tag list']}),
    (
        "four",
        {
            "answer": {"id": "four", "tags": [{"id": 38, "name": "k8s"}, {"id": 4, "name": "cli"}, {"id": 17, "name": "ai"}]},
            "source": "llm",
            "repairs": ['cut 1 tag(s) beyond the limit of 3: {"id": 11, "name": "game"}'],
        },
    ),
    ("case", {"answer": {"id": "case", "tags": [{"id": 38, "name": "k8s"}]}, "source": "llm", "repairs": ['tag "K8S" -> {"id": 38, "name": "k8s"}']}),
    ("wrongid", {"error": 'the LLM\'s answer was rejected: id is "not-wrongid", expected "wrongid"'}),
    ("nojson", {"error": "the LLM's answer was rejected: no JSON object in the answer"}),
    ("fail", {"error": "the fallback command exited with 3: model overloaded"}),
    ("empty", {"error": "the fallback command printed nothing"}),
    ("hang", {"error": "the fallback command took over 1s"}),
]


def test_every_fallback_case_ends_in_the_right_record(cli, tmp_path):
    prompts = write(tmp_path / "p.jsonl", [{"key": "clear", "prompt": prompt(CLEAR, "0")}] + [{"key": case, "prompt": unclear(case, case)} for case, _ in CASES])
    proc = cli("prompt", str(prompts), "--min-confidence", "0.5", "--fallback", FAKE_LLM, "--fallback-jobs", "4", "--fallback-timeout", "1")
    out = records(proc)
    assert proc.returncode == 3 and out[0]["source"] == "rules"
    assert out[1:] == [{"key": case, **expected} for case, expected in CASES]
    assert b"12 prompt(s): 1 answered by the rules; 11 sent to the fallback: 6 answered (3 repaired), 2 rejected, 3 without an answer; 0 failed" in proc.stderr


def test_max_tags_holds_the_llm_answers_too(cli, tmp_path):
    prompts = write(tmp_path / "p.jsonl", [{"key": "f", "prompt": unclear("fenced", "1")}])
    proc = cli("prompt", str(prompts), "--max-tags", "1", "--min-confidence", "0.5", "--fallback", FAKE_LLM)
    out = records(proc)
    assert proc.returncode == 0 and out[0]["source"] == "llm"
    assert out[0]["answer"]["tags"] == [{"id": 38, "name": "k8s"}] and "beyond the limit of 1" in out[0]["repairs"][0]


def test_resuming_with_a_fallback_says_the_prompts_left_undecided_are_not_asked_about(cli, tmp_path):
    """A run with --min-confidence alone, resumed with --fallback: its undecided records were kept as done, and the LLM was
    asked nothing, without a word."""
    prompts = write(tmp_path / "p.jsonl", [{"key": "f", "prompt": unclear("plain", "1")}])
    out = tmp_path / "out.jsonl"
    first = cli("prompt", str(prompts), "--min-confidence", "0.5", "-o", str(out))
    assert first.returncode == 0 and json.loads(out.read_text())["source"] == "undecided"
    again = cli("prompt", str(prompts), "--min-confidence", "0.5", "--fallback", FAKE_LLM, "--resume", str(out))
    assert again.returncode == 0 and len(out.read_text().splitlines()) == 1
    assert f"{out}: 1 prompt(s) an earlier run left undecided stay as they are; --fallback asks only about the prompts not in it" in again.stderr.decode()


def test_a_tag_list_error_names_the_prompt_as_every_other_error_does(cli, tmp_path):
    """A tag list with one name twice said "the prompt's tag list: ...", naming no prompt of the stream."""
    text = 'base on # x\nA tool.\n\nAssign at most 3 tags to the expected json: {"id":"1","tags":[]} only from the tags list I provide: ["k8s","K8S","cli"]'
    proc = cli("prompt", str(write(tmp_path / "p.jsonl", [{"key": "dup", "prompt": text}])))
    (out,) = records(proc)
    assert proc.returncode == 3 and out["error"].startswith('prompt "dup"\'s tag list: duplicate tag name'), out


def test_a_lone_surrogate_in_one_prompt_loses_no_other_answer(cli, tmp_path):
    """JSON may escape a lone surrogate; the fallback gets it as U+FFFD, and the other prompts are answered."""
    lone = json.dumps({"key": "odd", "prompt": unclear("plain", "1").replace("Some notes.", "Some \ud800 notes.")})
    assert "\\ud800" in lone  # json.dumps writes the lone surrogate as its escape
    prompts = write(tmp_path / "p.jsonl", [lone, {"key": "next", "prompt": unclear("plain", "2")}])
    proc = cli("prompt", str(prompts), "--min-confidence", "0.5", "--fallback", FAKE_LLM)
    out = records(proc)
    assert proc.returncode == 0 and [(o["key"], o["source"]) for o in out] == [("odd", "llm"), ("next", "llm")]


def test_fallback_jobs_keep_the_input_order(cli, tmp_path):
    prompts = write(tmp_path / "p.jsonl", [{"key": i, "prompt": unclear(case, str(i))} for i, case in enumerate(["plain", "fenced", "prose", "case"] * 3)])
    args = ("prompt", str(prompts), "--min-confidence", "0.5", "--fallback", FAKE_LLM)
    assert same_output(cli(*args), cli(*args, "--fallback-jobs", "4"))


def test_resume_retries_what_failed_and_asks_nothing_twice(cli, tmp_path):
    prompts = write(tmp_path / "p.jsonl", [{"key": "a", "prompt": unclear("plain", "a")}, {"key": "b", "prompt": unclear("fail", "b")}])
    out = tmp_path / "answers.jsonl"
    first = cli("prompt", str(prompts), "--min-confidence", "0.5", "--fallback", FAKE_LLM, "--resume", str(out))
    assert first.returncode == 3 and "error" in json.loads(out.read_text().splitlines()[1])
    write(prompts, [{"key": "a", "prompt": unclear("plain", "a")}, {"key": "b", "prompt": unclear("fenced", "b")}])
    again = cli("prompt", str(prompts), "--min-confidence", "0.5", "--fallback", FAKE_LLM, "--resume", str(out))
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert again.returncode == 0 and [(r["key"], r["source"]) for r in lines] == [("a", "llm"), ("b", "llm")]
    assert b"1 prompt(s)" in again.stderr


def test_resumed_streams_hand_each_prompt_on_once_with_no_key_or_a_repeated_one(cli, tmp_path):
    """The list was matched to records by "key": a prompt without one (keyed by its line number) was handed on again after
    a kill, and of a repeated key's prompts, redone after a fix, one was handed on twice and another never."""
    keyless = write(tmp_path / "q.jsonl", [{"key": "k", "prompt": prompt(CLEAR, "1")}, {"prompt": unclear("plain", "2")}])
    out, listed = tmp_path / "out.jsonl", tmp_path / "u.jsonl"
    args = ["--min-confidence", "0.5", "--resume", str(out), "--undecided", str(listed)]
    assert cli("prompt", str(keyless), *args).returncode == 0 and len(listed.read_text().splitlines()) == 1
    out.write_text(out.read_text().splitlines()[0] + "\n")  # killed after the list's line, before its record
    resumed = cli("prompt", str(keyless), *args)
    assert resumed.returncode == 0 and len(out.read_text().splitlines()) == 2
    assert listed.read_text().splitlines() == keyless.read_text().splitlines()[1:]
    assert f"0 sent on to {listed} and 1 listed there before the resume;" in resumed.stderr.decode()  # not "1 sent on"
    out.unlink()
    listed.unlink()
    repeated = write(tmp_path / "r.jsonl", [{"key": "a", "prompt": text} for text in (unclear("one", "a"), "no tag list here", unclear("three", "a"))])
    assert cli("prompt", str(repeated), *args).returncode == 3
    fixed = write(repeated, [{"key": "a", "prompt": unclear(case, "a")} for case in ("one", "two", "three")])
    assert cli("prompt", str(fixed), *args).returncode == 0 and len(out.read_text().splitlines()) == 3
    assert sorted(listed.read_text().splitlines()) == sorted(fixed.read_text().splitlines())


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failed_prompt_fixed_into_the_same_line_as_a_later_one_is_listed_for_each(cli, tmp_path, jobs):
    """Resumed with one job, the fixed line was redone before the later one was read, and taken for the line the list
    held: one line was listed for the two undecided prompts."""
    line = {"prompt": unclear("plain", "2")}
    prompts = write(tmp_path / "q.jsonl", [{"prompt": "no tag list here"}, line])
    out, listed = tmp_path / "out.jsonl", tmp_path / "u.jsonl"
    args = ["--min-confidence", "0.5", "--resume", str(out), "--undecided", str(listed), "--jobs", jobs]
    assert cli("prompt", str(prompts), *args).returncode == 3 and len(listed.read_text().splitlines()) == 1
    write(prompts, [line, line])
    resumed = cli("prompt", str(prompts), *args)
    assert resumed.returncode == 0 and len(out.read_text().splitlines()) == 2
    assert listed.read_text().splitlines() == prompts.read_text().splitlines()
    assert f"1 prompt(s): 0 answered by the rules; 1 sent on to {listed}; 0 failed" in resumed.stderr.decode()  # the line redone
    listed.write_text(prompts.read_text().splitlines()[0] + "\n")  # killed before the end's hand-on: one line for two records
    again = cli("prompt", str(prompts), *args)
    assert again.returncode == 0 and listed.read_text().splitlines() == prompts.read_text().splitlines()  # a later run hands it on
    assert again.stderr.decode().splitlines() == [
        f"readme-tag: {listed}: 1 line(s) of prompts done before, lost from it in a kill, handed on again",
        "readme-tag: 0 prompt(s): 0 answered by the rules; 0 sent on to " + str(listed) + "; 0 failed",
    ]
    listed.write_text("")  # a list emptied by hand (sent to the LLM) is not filled again
    assert cli("prompt", str(prompts), *args).returncode == 0 and listed.read_text() == ""


def test_jobs_two_gives_the_same_records(cli, tmp_path):
    prompts = write(tmp_path / "p.jsonl", [{"key": i, "prompt": prompt(CLEAR if i % 2 else "# notes\nThings.", str(i))} for i in range(40)])
    assert same_output(cli("prompt", str(prompts)), cli("prompt", str(prompts), "--jobs", "2"))


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--undecided", "u.jsonl"], "--undecided works on JSON Lines of prompts"),
        (["--jobs", "2"], "--jobs works on JSON Lines of prompts"),
        (["--fallback-timeout", "120", "-j", "1"], "--jobs, --fallback-timeout work on JSON Lines of prompts"),  # given, though equal to the defaults
    ],
)
def test_stream_options_need_a_stream(cli, tmp_path, extra, message):
    single = tmp_path / "prompt.txt"
    single.write_text(prompt(CLEAR, "1"))
    proc = cli("prompt", str(single), *extra)
    assert proc.returncode == 2 and proc.stdout == b"" and message.encode() in proc.stderr


@pytest.mark.parametrize(("extra", "message"), [(["--explain"], "--explain works"), (["--pretty", "--format", "json"], "--pretty, --format work")])
def test_one_prompt_options_are_refused_on_a_stream(cli, tmp_path, extra, message):
    prompts = write(tmp_path / "p.jsonl", [{"prompt": prompt(CLEAR, "1")}])
    proc = cli("prompt", str(prompts), *extra)
    assert proc.returncode == 2 and proc.stdout == b"" and f"{message} on one prompt ({prompts} is JSON Lines of prompts)".encode() in proc.stderr


def test_prompts_that_cannot_be_read_leave_the_output_files_as_they_were(cli, tmp_path):
    out, undecided = tmp_path / "out.jsonl", tmp_path / "u.jsonl"
    for kept in (out, undecided):
        kept.write_text('{"key": "old"}\n')
    proc = cli("prompt", str(tmp_path / "missing.jsonl"), "-o", str(out), "--undecided", str(undecided), "--min-confidence", "0.5")
    assert proc.returncode == 2 and "missing.jsonl: no such file" in proc.stderr.decode()
    assert out.read_text() == undecided.read_text() == '{"key": "old"}\n'


def test_prompts_that_cannot_be_read_leave_the_resume_file_as_it_was(cli, tmp_path):
    resumed = tmp_path / "r.jsonl"
    before = '{"key": 0, "answer": {}, "source": "rules"}\n{"key": 1, "error": "x"}\n'
    resumed.write_text(before)
    proc = cli("prompt", str(tmp_path / "missing.jsonl"), "--resume", str(resumed))
    assert proc.returncode == 2 and "missing.jsonl: no such file" in proc.stderr.decode() and resumed.read_text() == before


def test_a_fallback_timeout_past_a_day_is_a_usage_error(cli, tmp_path):
    prompts = write(tmp_path / "p.jsonl", [{"prompt": prompt(CLEAR, "1")}])
    proc = cli("prompt", str(prompts), "--min-confidence", "0.5", "--fallback", FAKE_LLM, "--fallback-timeout", "inf")
    assert proc.returncode == 2 and proc.stdout == b"" and "'--fallback-timeout'" in proc.stderr.decode()


@pytest.mark.parametrize("command", ["", "  \t"])
def test_an_empty_fallback_command_is_a_usage_error(cli, tmp_path, command):
    """No command to run: refused before any prompt is read, rather than every undecided prompt failing one by one."""
    prompts = write(tmp_path / "p.jsonl", [{"prompt": prompt(CLEAR, "1")}])
    proc = cli("prompt", str(prompts), "--min-confidence", "0.99", "--fallback", command)
    assert proc.returncode == 2 and proc.stdout == b"" and "--fallback names no command" in proc.stderr.decode()


def test_undecided_and_fallback_together_are_refused(cli, tmp_path):
    prompts = write(tmp_path / "p.jsonl", [{"prompt": prompt(CLEAR, "1")}])
    proc = cli("prompt", str(prompts), "--undecided", str(tmp_path / "u.jsonl"), "--fallback", FAKE_LLM)
    assert proc.returncode == 2 and b"not both" in proc.stderr


@pytest.mark.parametrize(("stop", "code"), [("SIGINT", 130), ("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_stopped_run_leaves_no_fallback_command_running(tmp_path, stop, code):
    """Ctrl-C, a kill or a hangup ends the run at once and kills the LLM calls under way, with what they started (only a process shows it)."""
    import signal
    import subprocess
    import time

    from conftest import readme_tag_executable

    pids = tmp_path / "pids"
    prompts = write(tmp_path / "p.jsonl", [{"key": i, "prompt": unclear("plain", str(i))} for i in range(6)])
    command = f"echo $$ >> {pids}; exec sleep 60"
    run = subprocess.Popen([readme_tag_executable(), "prompt", str(prompts), "--min-confidence", "0.5", "--fallback", command, "--fallback-jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def started() -> list[int]:
        return started_pids(pids)

    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(started()) < 2:
            time.sleep(0.1)
        assert len(started()) == 2, "the fallback commands never started"
        run.send_signal(getattr(signal, stop))
        assert run.wait(timeout=20) == code
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(alive(pid) for pid in started()):
            time.sleep(0.1)
        assert not any(alive(pid) for pid in started())
    finally:  # a failure here leaves nothing behind either
        run.kill()
        run.communicate()
        for pid in filter(alive, started()):
            os.kill(pid, signal.SIGKILL)


def test_a_hangup_that_nohup_ignores_stays_ignored(tmp_path):
    """Under nohup (SIGHUP ignored from the start) a hangup stops nothing: the run ends as it would have (only a process shows it)."""
    import signal
    import subprocess
    import time

    from conftest import readme_tag_executable

    started = tmp_path / "started"
    prompts = write(tmp_path / "p.jsonl", [{"key": i, "prompt": unclear("plain", str(i))} for i in range(2)])
    command = f"touch {started}; sleep 1; {FAKE_LLM}"
    run = subprocess.Popen(
        [readme_tag_executable(), "prompt", str(prompts), "--min-confidence", "0.5", "--fallback", command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not started.exists():
            time.sleep(0.1)
        run.send_signal(signal.SIGHUP)
        out, _ = run.communicate(timeout=60)
        assert run.returncode == 0 and [json.loads(line)["source"] for line in out.decode().splitlines()] == ["llm", "llm"]
    finally:
        run.kill()


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="the workers see the test's stand-in only when forked")
def test_a_cache_that_workers_cannot_use_is_said_once(cli, tmp_path, monkeypatch):
    """A tag list with a tag no rule fits is compiled in a worker: a worker's refusal to cache it (here: every worker finds
    the folder untrusted) reaches the command line, said once; the parent, which cached the rules before, refuses nothing itself."""
    from readme_tag.ruleset import cache

    monkeypatch.setenv("README_TAG_CACHE", str(tmp_path / "cache"))
    own = json.dumps(TAGS + [{"id": 99, "name": "weatherly"}])
    prompts = write(tmp_path / "p.jsonl", [{"key": i, "prompt": prompt(CLEAR, str(i)).replace(json.dumps(TAGS), own)} for i in range(40)])
    first = cli("prompt", str(prompts))
    assert first.returncode == 0 and len(records(first)) == 40 and first.stderr.decode().count("warning:") == 0
    parent, trusted = os.getpid(), cache._trusted
    monkeypatch.setattr(cache, "_trusted", lambda path: os.getpid() == parent and trusted(path))
    alone = cli("prompt", str(prompts))  # all in the parent, which trusts the folder: nothing to say
    assert alone.returncode == 0 and records(alone) == records(first) and "warning:" not in alone.stderr.decode()
    proc = cli("prompt", str(prompts), "--jobs", "2")
    assert proc.returncode == 0 and records(proc) == records(first)
    assert proc.stderr.decode().count("warning: compiled rules not cached (") == 1, proc.stderr


def test_a_run_stopped_while_it_writes_a_record_kills_the_fallback_calls_under_way(cli, tmp_path, monkeypatch):
    """A SIGTERM lands while a record is written as well as while a call is awaited: the stream is closed then too, so its
    cleanup kills the calls under way (at exit the interpreter would wait for them; the stream is held here as a cycle would)."""
    import time

    from readme_tag.prompt import stream

    pids, held = tmp_path / "pids", []
    real = stream.with_fallback

    def holding(*args):
        held.append(real(*args))
        return held[-1]

    def stopped_while_writing(self, done, listed_before=False):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(started_pids(pids)) < 2:
            time.sleep(0.05)
        raise SystemExit(143)

    monkeypatch.setattr(stream, "with_fallback", holding)
    monkeypatch.setattr(stream.Tally, "add", stopped_while_writing)
    prompts = write(tmp_path / "p.jsonl", [{"key": 1, "prompt": unclear("plain", "1")}, {"key": 2, "prompt": unclear("hang", "2")}])
    command = f"echo $$ >> {pids}; exec {FAKE_LLM}"
    try:
        proc = cli("prompt", str(prompts), "--min-confidence", "0.5", "--fallback", command, "--fallback-jobs", "2")
        assert proc.returncode == 143 and len(started_pids(pids)) == 2
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(alive(pid) for pid in started_pids(pids)):
            time.sleep(0.05)
        assert not any(alive(pid) for pid in started_pids(pids)), "a fallback call was left running"
    finally:
        for pid in started_pids(pids):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, 9)


def test_a_repeated_key_is_warned_of_as_a_key(cli, tmp_path):
    """A stream's records are keyed: the warning said "duplicate id" of a repeated "key"."""
    prompts = write(tmp_path / "p.jsonl", [{"key": "a", "prompt": prompt(CLEAR, "1")}, {"key": "a", "prompt": prompt(CLEAR, "2")}])
    proc = cli("prompt", str(prompts))
    assert proc.returncode == 0 and [r["key"] for r in records(proc)] == ["a", "a"]
    assert 'readme-tag: warning: duplicate key "a" (' in proc.stderr.decode() and "duplicate id" not in proc.stderr.decode()


def test_the_help_says_what_min_confidence_does_to_a_stream(cli):
    """Its help said only that it adds the confidence, while in a stream it leaves the prompts below it undecided."""
    proc = cli("prompt", "--help")
    text = " ".join(proc.stdout.decode().split())
    assert proc.returncode == 0 and "JSON Lines: the bar below which a prompt is not answered but undecided" in text
