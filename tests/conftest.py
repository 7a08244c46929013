"""Shared test helpers: the real CLI entry point, and the corpus when it is there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def readme_tag_executable() -> str:
    """The installed ``readme-tag`` script beside this interpreter."""
    script = Path(sys.executable).parent / "readme-tag"
    if not script.exists():  # pragma: no cover - not installed as a script
        pytest.skip("readme-tag is not installed in this environment")
    return str(script)


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real ``readme-tag`` command (stdout and stderr as bytes)."""
    return subprocess.run(
        [readme_tag_executable(), *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def cli():
    return run_cli


needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (corpus and seed prompt) is not present")
needs_corpus = pytest.mark.skipif(not (CORPUS / "dev" / "labels.jsonl").is_file(), reason="../shared/corpus is not present")
