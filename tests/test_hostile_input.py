"""Hostile input in the files readme-tag reads besides READMEs: an input error with a one-line message, never a crash.

JSON nested a hundred thousand deep makes Python's parser give up with a
RecursionError; every reader reports it as bad input (exit 2 for a file, an
error record in a batch, where the other inputs keep their tags).
"""

from __future__ import annotations

import json
import os
import pickle
import re
from pathlib import Path

import pytest

from conftest import same_output

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TAGS = (Path(__file__).resolve().parents[1] / "src" / "readme_tag" / "data" / "tags.json").read_text()
DEEP = "[" * 100_000


def one_line_error(proc) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert proc.stdout == b"" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and err.startswith("readme-tag: error: ")
    return err


@pytest.mark.parametrize(
    "name, args",
    [
        ("taxonomy.json", ["README.md", "--taxonomy", "{deep}"]),
        ("lock.json", ["check", "README.md", "--lock", "{deep}"]),
        ("gold.jsonl", ["eval", "{deep}"]),
        ("out.jsonl", ["batch", "README.md", "--resume", "{deep}"]),
    ],
)
def test_deeply_nested_json_files_are_input_errors(cli, tmp_path, name, args):
    (tmp_path / "README.md").write_text((FIXTURES / "kube-sweeper.md").read_text())
    (tmp_path / name).write_text(DEEP + "\n")
    err = one_line_error(cli(*[a.format(deep=name) for a in args], cwd=tmp_path))
    assert name in err and "nested too deeply" in err


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_nan_and_infinity_are_not_json_anywhere(cli, tmp_path, constant):
    """Python's json reads them, and no strict JSON reader reads them back: a taxonomy file is refused, a JSON Lines line is its error record."""
    (tmp_path / "README.md").write_text((FIXTURES / "kube-sweeper.md").read_text())
    (tmp_path / "taxonomy.json").write_text(f'[{{"id": {constant}, "name": "k8s"}}]')
    err = one_line_error(cli("README.md", "--taxonomy", "taxonomy.json", cwd=tmp_path))
    assert f"{constant} is {'too large a number' if constant == '1e400' else 'not JSON'} (line 1, column 9)" in err  # where it stands, not column 1
    proc = cli("batch", "-", stdin=f'{{"id": {constant}, "text": "# x"}}\n{{"id": 2, "text": "# y"}}\n'.encode())
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert proc.returncode == 3 and [o["id"] for o in out] == ["<stdin>:1", 2] and f"{constant} is" in out[0]["error"]


def test_a_whole_number_too_long_to_convert_is_one_error_record_not_a_lost_run(cli):
    stdin = ('{"id": 1' + "1" * 5000 + ', "text": "# x"}\n{"id": 2, "text": "# y"}\n').encode()
    proc = cli("batch", "-", stdin=stdin)
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert proc.returncode == 3 and [o["id"] for o in out] == ["<stdin>:1", 2] and "a whole number of 5001 digits is too long" in out[0]["error"]


def test_deep_json_values_that_decode_are_each_decoded_once_not_once_a_bracket(monkeypatch):
    """Blocks of 400-deep JSON in a prompt's README were decoded again at every bracket inside them: 50 blocks took 10 s
    and 1.2 GB. A value with many brackets is not searched again for values within it; a small wrapper still is."""
    from readme_tag import json_input
    from readme_tag.prompt import check_answer, parse_prompt

    calls = []
    decode = json_input.raw_decode
    monkeypatch.setattr(json_input, "raw_decode", lambda text, start: calls.append(start) or decode(text, start))
    block = '[{"a":' * 400 + "1" + "}]" * 400 + "\n"
    found = json_input.values_at("x " + block * 20, re.compile(r"\[\s*[{\"]"))
    assert len(found) == 20 and len(calls) == 20
    prompt = parse_prompt(f'base on # deep\n\n{block * 5}\n", Assign "at most 3 tags" to the expected json: {{"id":"9","tags":[]}} "only from the tags list I provide: {TAGS}"')
    assert prompt.skeleton == {"id": "9", "tags": []} and prompt.tags == json.loads(TAGS)
    wrapped = check_answer(prompt, '{"result": {"id": "9", "tags": [{"id": 38, "name": "k8s"}]}}')  # the answer inside a small wrapper
    assert wrapped.valid and wrapped.answer == {"id": "9", "tags": [{"id": 38, "name": "k8s"}]}


def test_a_deeply_nested_jsonl_line_is_one_error_record(cli, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 1, "text": (FIXTURES / "kube-sweeper.md").read_text()}) + "\n" + DEEP + "\n" + json.dumps({"id": 3, "text": "# x"}) + "\n")
    proc = cli("batch", str(source), "--tags-as", "names")
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert proc.returncode == 3 and [o["id"] for o in out] == [1, f"{source}:2", 3]
    assert "k8s" in out[0]["tags"] and "nested too deeply" in out[1]["error"] and "tags" in out[2]


def test_deep_json_inside_a_prompts_readme_is_only_text(cli):
    readme = "# kube-sweeper\n\n" + '{"a":' * 20_000 + "\n\nA Kubernetes operator that deletes stale namespaces and Helm releases.\n"
    prompt = f'base on {readme}", Assign "at most 3 tags" to the expected json: {{"id":"9","tags":[]}} "only from the tags list I provide: {TAGS}"'
    proc = cli("prompt", "-", stdin=prompt.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    assert data["id"] == "9" and {"id": 38, "name": "k8s"} in data["tags"]


def test_half_a_surrogate_pair_in_a_tag_list_is_one_prompts_error_and_a_taxonomys_input_error(cli, tmp_path):
    readme = (FIXTURES / "kube-sweeper.md").read_text()
    lines = [
        json.dumps({"key": key, "prompt": f'base on {readme}", Assign "at most 3 tags" to the expected json: {{"id":"9","tags":[]}} "only from the tags list I provide: {tags}"'})
        for key, tags in (("a", '["k8s", "cli"]'), ("b", '["k8s", "cl\\ud83d"]'), ("c", '["k8s", "cli"]'))
    ]
    prompts = tmp_path / "p.jsonl"
    prompts.write_text("\n".join(lines) + "\n")
    proc = cli("prompt", str(prompts))
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert proc.returncode == 3 and [o["key"] for o in out] == ["a", "b", "c"]
    assert out[0]["answer"]["tags"] == out[2]["answer"]["tags"] == ["k8s"] and "half of a surrogate pair" in out[1]["error"]
    taxonomy = tmp_path / "taxonomy.json"
    taxonomy.write_text('[{"id": 1, "name": "k8s"}, {"id": 2, "name": "cl\\ud83d"}]')
    assert "item 2 holds" in one_line_error(cli(str(FIXTURES / "kube-sweeper.md"), "--taxonomy", str(taxonomy)))


def test_a_cache_file_holding_the_wrong_thing_is_rebuilt(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("README_TAG_CACHE", str(tmp_path / "cache"))
    readme = str(FIXTURES / "kube-sweeper.md")
    taxonomy = tmp_path / "tags.json"  # a tag no rule fits: the taxonomy is compiled on its own too (two rules, not ninety)
    taxonomy.write_text('[{"id": 1, "name": "k8s"}, {"id": 2, "name": "weatherly"}]')
    args = (readme, "--taxonomy", str(taxonomy), "--explain", "--format", "json")
    first = cli(*args)
    [entry] = (tmp_path / "cache").glob("compiled-*.pickle")
    for junk in ({"not": "rules"}, ("binding", "matcher"), (1,)):  # another type; a tuple of other things; another shape
        entry.write_bytes(pickle.dumps(junk))
        assert same_output(first, cli(*args))
        assert [type(part).__name__ for part in pickle.loads(entry.read_bytes())] == ["Binding", "Matcher"]
    plain = cli(readme, "--explain", "--format", "json")  # the default tags: every rule compiled, in an entry of its own
    [every] = set((tmp_path / "cache").glob("compiled-*.pickle")) - {entry}
    every.write_bytes(pickle.dumps((1,)))
    assert same_output(plain, cli(readme, "--explain", "--format", "json"))  # compiled again: seconds, so once
    assert [type(part).__name__ for part in pickle.loads(every.read_bytes())] == ["RuleSet", "Matcher"]


class _Marks:
    """A pickle that, when loaded, touches a file: what a poisoned cache entry could do instead."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_a_cache_entry_others_may_write_is_never_loaded(tmp_path, monkeypatch):
    from readme_tag.ruleset import cache

    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("README_TAG_CACHE", str(folder))
    marker = tmp_path / "ran"
    entry = folder / "compiled-k.pickle"
    entry.write_bytes(pickle.dumps(_Marks(marker)))
    for mode, folder_mode in ((0o666, 0o700), (0o600, 0o777)):  # the entry, or its folder, writable by others
        entry.chmod(mode)
        folder.chmod(folder_mode)
        assert cache.load("k", (tuple,)) is None and not marker.exists()
    folder.chmod(0o700)
    entry.chmod(0o600)
    assert cache.load("k", (tuple,)) is None and marker.exists()  # this user's alone: loaded (and then refused for its shape)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_a_cache_folder_anyone_may_write_is_not_written_either_and_a_new_one_is_the_users_alone(tmp_path, monkeypatch):
    """What load would never read is not written (umask 000 once made every run rewrite 12 MB); a folder it makes is 0700."""
    from readme_tag.ruleset import cache

    open_folder = tmp_path / "open"
    open_folder.mkdir()
    open_folder.chmod(0o777)
    monkeypatch.setenv("README_TAG_CACHE", str(open_folder))
    cache.store("k", (1,))
    assert list(open_folder.iterdir()) == []
    monkeypatch.setenv("README_TAG_CACHE", str(tmp_path / "new"))
    cache.store("k", (1,))
    assert oct((tmp_path / "new").stat().st_mode & 0o777) == "0o700" and cache.load("k", (int,)) == (1,)


def test_a_cache_folder_that_cannot_be_used_is_said_once_a_run(cli, tmp_path, monkeypatch):
    """Every run then compiles the rules again (seconds): a line on stderr says why; a usable cache or none says nothing."""
    readme = tmp_path / "README.md"
    readme.write_text("# kube-reaper\n\nA Kubernetes operator that deletes stale namespaces.\n")
    open_folder = tmp_path / "open"
    open_folder.mkdir()
    open_folder.chmod(0o777)
    for setting, warned in ((str(open_folder), True), (str(readme), True), (str(tmp_path / "mine"), False), ("off", False)):
        monkeypatch.setenv("README_TAG_CACHE", setting)
        proc = cli(str(readme))
        err = proc.stderr.decode()
        assert proc.returncode == 0 and json.loads(proc.stdout)["tags"], setting
        assert (err.count("warning: compiled rules not cached (") == 1 and len(err.splitlines()) == 1) if warned else err == "", (setting, err)
    monkeypatch.setenv("README_TAG_CACHE", str(open_folder))  # an input error stays one line, as the table of exit codes says
    proc = cli("check", str(readme))
    assert proc.returncode == 2 and len(proc.stderr.decode().splitlines()) == 1 and "no entry for" in proc.stderr.decode()


@pytest.fixture
def small_limit(monkeypatch):
    """Files read whole and lines of JSON Lines bounded at 4,000 bytes, as they are at 64 MiB (a device such as /dev/zero has no end)."""
    from readme_tag import reader

    monkeypatch.setattr(reader, "DATA_LIMIT", 4000)
    return "x" * 5000


def test_a_file_read_whole_past_the_limit_is_an_input_error_not_a_memory_error(cli, tmp_path, small_limit):
    """``--taxonomy /dev/zero``, ``prompt /dev/zero``, ``eval /dev/zero``, ``check --lock /dev/zero``: each read until the memory ran out."""
    readme = tmp_path / "README.md"
    readme.write_text("# sweep\n\nA command-line tool.\n")
    huge = tmp_path / "huge"
    huge.write_text(small_limit)
    for args in (
        [str(readme), "--taxonomy", str(huge)],
        ["prompt", str(huge)],
        ["eval", str(huge)],
        ["rules", "intake", str(huge)],
        ["check", str(readme), "--lock", str(huge)],
        ["answer", "check", str(huge), str(huge)],
    ):
        err = one_line_error(cli(*args))
        assert f"{huge}: larger than" in err, args
    assert "<stdin>: larger than" in one_line_error(cli("prompt", "-", stdin=small_limit.encode()))


def test_a_line_of_json_lines_past_the_limit_is_an_error_record_and_the_others_go_on(cli, tmp_path, small_limit):
    good = json.dumps({"id": "a", "text": "# sweep\n\nA command-line tool for Kubernetes: kubectl and a Helm chart.\n"})
    (tmp_path / "in.jsonl").write_text(f"{good}\n{small_limit}\n{good.replace('a', 'b', 1)}\n")
    proc = cli("batch", str(tmp_path / "in.jsonl"))
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert proc.returncode == 3 and [r["id"] for r in records] == ["a", f"{tmp_path / 'in.jsonl'}:2", "b"], proc.stderr
    assert records[1]["error"].startswith("a line longer than") and records[0]["tags"] == records[2]["tags"] != []
    line = json.dumps({"key": "k", "prompt": 'README:\n# sweep\nA CLI.\n\nExpected JSON: {"id":"1","tags":[]}\n\nTags:\n[{"id":4,"name":"cli"}]'})
    proc = cli("prompt", "-", stdin=f"{line}\n{small_limit}\n{line}\n".encode())
    keys = [json.loads(x).get("key") for x in proc.stdout.decode().splitlines()]
    assert proc.returncode == 3 and keys == ["k", 2, "k"], proc.stderr
    long_first = json.dumps({"key": "long", "prompt": small_limit})  # the first line of stdin, past the limit: its rest was a line of its own
    proc = cli("prompt", "-", stdin=f"{long_first}\n{line}\n".encode())
    keys = [json.loads(x).get("key") for x in proc.stdout.decode().splitlines()]
    assert proc.returncode == 3 and keys == [1, "k"], proc.stderr


def test_a_constant_that_is_not_json_is_placed_outside_the_strings_that_spell_it(cli, tmp_path):
    """The place was the first "NaN" from the start, inside a tag's name: line 1, where the bare NaN stands on line 2."""
    (tmp_path / "README.md").write_text("# x\n\nA tool.\n")
    (tmp_path / "taxonomy.json").write_text('[{"id": 1, "name": "NaN"},\n {"id": NaN, "name": "k8s"}]')
    err = one_line_error(cli("README.md", "--taxonomy", "taxonomy.json", cwd=tmp_path))
    assert "NaN is not JSON (line 2, column 9)" in err
