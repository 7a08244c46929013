"""The real catalogue prompt in ../shared/seed: its README gets `ai` among at most 3 tags."""

from __future__ import annotations

import json

from conftest import SHARED, needs_shared

SEED = SHARED / "seed" / "tagging-prompt.txt"


def readme_part(prompt: str) -> str:
    """The README: after 'base on ' up to the closing '", Assign' of the prompt."""
    start = prompt.index("base on ") + len("base on ")
    end = prompt.rindex('", Assign')
    return prompt[start:end]


@needs_shared
def test_seed_readme_gets_ai(cli, tmp_path):
    path = tmp_path / "README.md"
    path.write_text(readme_part(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    proc = cli(str(path), "--tags-as", "names")
    assert proc.returncode == 0, proc.stderr
    tags = json.loads(proc.stdout)["tags"]
    assert "ai" in tags and len(tags) <= 3
