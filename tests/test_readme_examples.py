"""Every ```console example in README.md is real: each `$ readme-tag ...` runs and prints what the example shows.

Each block runs in a fresh folder holding the files the examples use:
``README.md`` (fixtures/kube-sweeper.md, as README.md says) and ``prompt.txt``
(the catalogue prompt around it). A ``$ cat FILE`` line shows a file the
example writes first: its shown content is written to FILE. In the shown
output, a line ``...`` stands for any number of lines left out. A comment
``# ... exit N`` on a command gives its exit code (0 otherwise).
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import run_in_process

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FIXTURES = ROOT / "fixtures"
TAGS = json.loads((ROOT / "src" / "readme_tag" / "data" / "tags.json").read_text(encoding="utf-8"))


def console_blocks() -> list[list[tuple[str, list[str]]]]:
    """Each console block as its commands, each with the output lines shown after it."""
    blocks = []
    for block in re.findall(r"^```console\n(.*?)^```", README, re.S | re.M):
        steps: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
        blocks.append(steps)
    return blocks


BLOCKS = console_blocks()


def workspace(folder: Path) -> None:
    """The files the examples take as given."""
    shutil.copy(FIXTURES / "kube-sweeper.md", folder / "README.md")
    readme = (FIXTURES / "kube-sweeper.md").read_text(encoding="utf-8")
    tag_list = json.dumps(TAGS, separators=(",", ":"))
    prompt = f'base on {readme}", Assign "at most 3 tags" to the expected json: {{"id":"6604","tags":[]}} "only from the tags list I provide: {tag_list}" returns me the "expected json"'
    (folder / "prompt.txt").write_text(prompt, encoding="utf-8")


def matches(shown: list[str], printed: list[str]) -> bool:
    """The printed lines are the shown ones, where a shown ``...`` line stands for any number of lines."""
    if not shown:
        return not printed
    if shown[0] == "...":
        return any(matches(shown[1:], printed[skip:]) for skip in range(len(printed) + 1))
    return bool(printed) and printed[0] == shown[0] and matches(shown[1:], printed[1:])


def test_the_readme_has_console_examples():
    commands = [command for block in BLOCKS for command, _ in block]
    assert len(commands) >= 10 and all(c.startswith(("readme-tag ", "cat ")) for c in commands), commands


@pytest.mark.parametrize("block", BLOCKS, ids=[block[0][0] for block in BLOCKS])
def test_console_example(block, tmp_path):
    workspace(tmp_path)
    for command, shown in block:
        args = shlex.split(command, comments=True)
        if args[0] == "cat":
            (tmp_path / args[1]).write_text("\n".join(shown) + "\n", encoding="utf-8")
            continue
        assert args[0] == "readme-tag", command
        code = re.search(r"#.*\bexit (\d)", command)
        proc = run_in_process(*args[1:], cwd=tmp_path)
        assert proc.returncode == (int(code.group(1)) if code else 0), (command, proc.stderr.decode())
        printed = proc.stdout.decode().splitlines()
        assert printed or not shown, f"{command}: printed nothing"
        assert matches(shown, printed), f"{command}\nREADME shows:\n" + "\n".join(shown) + "\nit prints:\n" + "\n".join(printed)


def shown_value(comment: str) -> tuple[bool, object]:
    """The Python value a comment begins with (``# ['k8s']``, ``# '{...}', as ...``), if it begins with one."""
    import ast

    ends = [at for at, char in enumerate(comment) if char == ","] + [len(comment)]
    for end in sorted(ends, reverse=True):
        try:
            return True, ast.literal_eval(comment[:end].strip())
        except (ValueError, SyntaxError):
            continue
    return False, None


def test_the_python_api_example_runs_and_gives_what_its_comments_show():
    """README's Python API block, run on the README its examples use (fixtures/kube-sweeper.md): each value a comment shows is the value."""
    block = re.search(r"^### Python API\n\n```python\n(.*?)^```", README, re.S | re.M)
    assert block, "README.md has no Python API block"
    scope: dict[str, object] = {"text": (FIXTURES / "kube-sweeper.md").read_text(encoding="utf-8")}
    compared = 0
    for line in block.group(1).splitlines():
        code, _, comment = line.partition("  #")
        if not code.strip():
            continue
        if re.match(r"^(?:from|import) |^\w+ = ", code):
            exec(code, scope)
            continue
        value = eval(code, scope)
        shown, expected = shown_value(comment)
        if shown:
            assert value == expected, (code, value, expected)
            compared += 1
    assert compared == 3


def test_the_stderr_line_the_readme_shows_for_rules_check_is_the_one_printed(tmp_path):
    """README.md shows the line `rules check` adds on stderr below its console block (the block shows stdout)."""
    shown = re.search(r"A third line follows on stderr, which the block above leaves out: `([^`]+)`", " ".join(README.split()))
    (tmp_path / "taxonomy.json").write_text('[{"id": "k", "name": "Kubernetes"}, {"id": "web", "name": "Web Framework"}]')
    proc = run_in_process("rules", "check", "--taxonomy", "taxonomy.json", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout and shown and proc.stderr.decode().splitlines() == [shown.group(1)]
