"""The guard of LLM answers: ``readme-tag answer check`` and ``check_answer``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readme_tag.prompt import parse_prompt
from readme_tag.prompt.guard import check_answer, find_answer

TAGS = [{"id": 17, "name": "ai"}, {"id": 81, "name": "game-engine "}, {"id": 38, "name": "k8s"}, {"id": 4, "name": "cli"}]
PROMPT = (
    "base on # kube-janitor\nA Kubernetes operator that cleans up stale namespaces.\n"
    f'", Assign "at most 2 tags" to the expected json: {{"id":"6604","tags":[]}} "only from the tags list I provide: {json.dumps(TAGS)}" returns me the "expected json"'
)


@pytest.fixture
def prompt_file(tmp_path: Path) -> Path:
    path = tmp_path / "prompt.txt"
    path.write_text(PROMPT, encoding="utf-8")
    return path


def answer_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "answer.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "reply",
    [
        '{"id": "6604", "tags": [{"id": 38, "name": "k8s"}]}',
        'Here you go:\n```json\n{"id": "6604", "tags": [{"id": 38, "name": "k8s"}, {"id": 81, "name": "game-engine "}]}\n```\nHope it helps.',
        'The answer is {"id": "6604", "tags": []} as requested.',
    ],
)
def test_valid_answers_print_the_json_and_exit_0(cli, prompt_file, tmp_path, reply):
    proc = cli("answer", "check", str(prompt_file), answer_file(tmp_path, reply))
    assert proc.returncode == 0 and proc.stdout and proc.stderr == b""
    assert json.loads(proc.stdout)["id"] == "6604"


@pytest.mark.parametrize(
    "reply, problem",
    [
        ('{"id": 6604, "tags": []}', 'id is 6604, expected "6604"'),
        ('{"id": "1", "tags": []}', 'id is "1", expected "6604"'),
        ('{"id": "6604", "tags": [{"id": 38, "name": "K8S"}]}', 'did you mean {"id": 38, "name": "k8s"}'),
        ('{"id": "6604", "tags": ["cli"]}', 'tag "cli" is not in the prompt\'s tag list'),
        ('{"id": "6604", "tags": [{"id": 9, "name": "robots"}]}', "is not in the prompt's tag list"),
        ('{"id": "6604", "tags": [{"id": 4, "name": "cli"}, {"id": 4, "name": "cli"}]}', "is given twice"),
        ('{"id": "6604", "tags": [{"id": 4, "name": "cli"}, {"id": 17, "name": "ai"}, {"id": 38, "name": "k8s"}]}', "3 tags, more than the limit of 2"),
        ("I cannot tag this README.", "no JSON object in the answer"),
        ('{"id": "6604"}', '"tags" is missing'),
    ],
)
def test_each_problem_is_a_line_and_exit_1(cli, prompt_file, tmp_path, reply, problem):
    proc = cli("answer", "check", str(prompt_file), answer_file(tmp_path, reply))
    assert proc.returncode == 1 and proc.stdout == b""
    lines = proc.stderr.decode().splitlines()
    assert lines and all(line.startswith("invalid: ") for line in lines)
    assert any(problem in line for line in lines), lines


def test_repair_fixes_what_is_safe_and_reports_each_fix(cli, prompt_file, tmp_path):
    reply = '```\n{"id": 6604, "tags": ["Game Engine", {"id": 17, "name": "AI"}, {"id": 9, "name": "quantum"}, "ai", "k8s"]}\n```'
    proc = cli("answer", "check", str(prompt_file), answer_file(tmp_path, reply), "--repair")
    assert proc.returncode == 0 and proc.stdout, proc.stderr
    assert json.loads(proc.stdout) == {"id": "6604", "tags": [{"id": 81, "name": "game-engine "}, {"id": 17, "name": "ai"}]}
    repairs = proc.stderr.decode().splitlines()
    assert len(repairs) == 8 and all(line.startswith("repaired: ") for line in repairs)
    assert any("quantum" in line and "dropped" in line for line in repairs) and any("cut 1 tag(s)" in line for line in repairs)


def test_a_wrong_id_is_never_repaired(cli, prompt_file, tmp_path):
    proc = cli("answer", "check", str(prompt_file), answer_file(tmp_path, '{"id": "7", "tags": []}'), "--repair")
    assert proc.returncode == 1 and b'id is "7"' in proc.stderr


def test_bad_input_is_exit_2(cli, prompt_file, tmp_path):
    proc = cli("answer", "check", str(tmp_path / "missing.txt"), answer_file(tmp_path, "{}"))
    assert proc.returncode == 2 and b"no such file" in proc.stderr
    proc = cli("answer", "check", str(answer_file(tmp_path, "no prompt here")), str(prompt_file))
    assert proc.returncode == 2 and b"could not find the tag list" in proc.stderr
    proc = cli("answer", "check", "-", "-")
    assert proc.returncode == 2 and b"both" in proc.stderr


def test_api_on_a_parsed_answer():
    prompt = parse_prompt(PROMPT)
    check = check_answer(prompt, {"id": "6604", "tags": [{"id": 38, "name": "k8s"}]})
    assert check.valid and check.answer == {"id": "6604", "tags": [{"id": 38, "name": "k8s"}]}
    assert find_answer('noise {"a": 1} then {"id": "1", "tags": []}') == {"id": "1", "tags": []}


FRAMEWORKS = [{"id": 17, "name": "ai"}, {"id": 40, "name": "json"}, {"id": 74, "name": "react"}]


def frameworks_prompt() -> str:
    return PROMPT.replace(json.dumps(TAGS), json.dumps(FRAMEWORKS))


@pytest.mark.parametrize("repair", [False, True])
def test_a_tag_whose_id_and_name_are_two_listed_tags_is_a_problem_not_a_repair(repair):
    check = check_answer(parse_prompt(frameworks_prompt()), '{"id": "6604", "tags": [{"id": 17, "name": "JSON"}]}', repair=repair)
    assert not check.valid and check.repairs == []
    assert any("id 17" in line and '"json"' in line for line in check.problems), check.problems


def test_null_ids_are_no_ids_when_an_answer_is_repaired():
    """A tag list whose tags have null ids (the taxonomy takes them as none): ``{"id": null, "name": "CLI"}`` matched the
    first null-id tag by its id, and was "two listed tags" rather than repaired to cli."""
    nulls = [{"id": None, "name": "k8s"}, {"id": None, "name": "cli"}, {"id": 7, "name": "game"}]
    prompt = parse_prompt(PROMPT.replace(json.dumps(TAGS), json.dumps(nulls)))
    check = check_answer(prompt, '{"id": "6604", "tags": [{"id": null, "name": "CLI"}]}', repair=True)
    assert check.valid and check.answer == {"id": "6604", "tags": [{"id": None, "name": "cli"}]}, check.problems


def test_a_near_spelling_is_repaired_only_when_it_keeps_the_names_first_letter():
    prompt = parse_prompt(frameworks_prompt())
    check = check_answer(prompt, '{"id": "6604", "tags": ["preact", "reacts"]}', repair=True)
    assert check.answer == {"id": "6604", "tags": [{"id": 74, "name": "react"}]}
    assert check.repairs == ['dropped tag "preact": not in the prompt\'s tag list', 'tag "reacts" -> {"id": 74, "name": "react"}']
    assert "did you mean" not in check_answer(prompt, '{"id": "6604", "tags": ["preact"]}').problems[0]


def test_the_prompts_own_template_quoted_before_the_answer_is_passed_over():
    prompt = parse_prompt(PROMPT)
    check = check_answer(prompt, 'You asked me to fill {"id":"6604","tags":[]}.\nAnswer: {"id":"6604","tags":[{"id":38,"name":"k8s"}]}')
    assert check.valid and check.answer == {"id": "6604", "tags": [{"id": 38, "name": "k8s"}]}
    alone = check_answer(prompt, 'Nothing fits: {"id":"6604","tags":[]}')  # the template alone is an answer of no tags
    assert alone.valid and alone.answer == {"id": "6604", "tags": []}


def test_a_reply_that_repeats_the_prompt_answers_nothing_unless_an_answer_follows():
    readmes = ("# kube-janitor\nA Kubernetes operator that cleans up stale namespaces.\n", "# kj\nk8s janitor.\n", '# kj\nPosts open with {"id":"6604","tags":[{"id":38,"name":"k8s"}]}.\n')
    for readme in readmes:  # long, short, and one that shows an answer's shape itself
        text = PROMPT.replace("# kube-janitor\nA Kubernetes operator that cleans up stale namespaces.\n", readme)
        check = check_answer(parse_prompt(text), text)  # a fallback command that echoes its stdin (`cat`)
        assert not check.valid and check.problems == ["the reply repeats the prompt, whose expected JSON is all it holds: it answers nothing"]
        echoed = check_answer(parse_prompt(text), text + '\n{"id":"6604","tags":[{"id":38,"name":"k8s"}]}')  # a command that shows the prompt, then answers
        assert echoed.valid and echoed.answer == {"id": "6604", "tags": [{"id": 38, "name": "k8s"}]}
    first = f'Assign "at most 2 tags" to the expected json: {{"id":"6604","tags":[]}} only from the tags list I provide: {json.dumps(TAGS)}\n\nHere is the project README:\n{readmes[0]}'
    assert check_answer(parse_prompt(first), first).problems == ["the reply repeats the prompt, whose expected JSON is all it holds: it answers nothing"]
    assert check_answer(parse_prompt(first), first + '{"id":"6604","tags":[{"id":38,"name":"k8s"}]}').valid  # instructions first, then the README
    answer = '{"id": "6604", "tags": [{"id": 38, "name": "k8s"}]}'
    readme = "# kj\nA Kubernetes operator that cleans up stale namespaces.\n"
    text = PROMPT.replace("# kube-janitor\nA Kubernetes operator that cleans up stale namespaces.\n", readme)
    for reply in (answer + "\nBecause: " + readme, "It says: " + readme + answer):  # the README quoted after the answer, or before it
        check = check_answer(parse_prompt(text), reply)  # without the prompt's expected JSON after it: no repeat of the prompt
        assert check.valid and check.answer == json.loads(answer)


def test_a_reply_that_repeats_a_prompt_whose_readme_is_empty_or_short_answers_nothing():
    """The README is too short to find in the reply: an echo was taken for an answer of no tags ("source": "llm"). The
    whole tag list, which no answer holds when it is longer than the limit, marks the repeat instead."""
    for readme in ("", "# tool\n"):
        text = PROMPT.replace("# kube-janitor\nA Kubernetes operator that cleans up stale namespaces.\n", readme)
        prompt = parse_prompt(text)
        assert len(prompt.tags) > prompt.limit and prompt.readme.strip() == readme.strip()
        assert check_answer(prompt, text).problems == ["the reply repeats the prompt, whose expected JSON is all it holds: it answers nothing"]
        assert check_answer(prompt, text + '\n{"id":"6604","tags":[{"id":38,"name":"k8s"}]}').valid  # shown, then answered
        assert check_answer(prompt, '{"id":"6604","tags":[]}').valid  # an answer of no tags is still one


def test_a_tag_the_limit_cuts_off_is_no_problem_of_the_repaired_answer():
    """A tag mixing two listed ones was a problem even once the limit had cut it: the repaired answer was still refused."""
    reply = {"id": "6604", "tags": [{"id": 38, "name": "k8s"}, "ai", {"id": 4, "name": "ai"}]}  # the third: cli's id, ai's name
    repaired = check_answer(parse_prompt(PROMPT), dict(reply), repair=True)
    assert repaired.problems == [] and [t["name"] for t in repaired.answer["tags"]] == ["k8s", "ai"]
    assert any("cut 1 tag(s)" in line for line in repaired.repairs)
    assert any("mixes two listed tags" in problem for problem in check_answer(parse_prompt(PROMPT), dict(reply)).problems)
