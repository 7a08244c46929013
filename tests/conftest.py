"""Shared test helpers: the CLI in-process and as a real process, a private cache, a default tagger, the corpus when it is there, and Hypothesis without an examples database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from typer.testing import CliRunner

from readme_tag import Tagger
from readme_tag.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("README_TAG_SHARED") or ROOT.parent / "shared")
"""The corpus and the seed prompt: ``../shared`` beside the checkout, or ``$README_TAG_SHARED``."""
CORPUS = SHARED / "corpus"


# Nothing of Hypothesis's is written into the checkout (the suite runs on a read-only tree): no examples database,
# and its other files (the constants it collects from the source) in the temporary folder.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "readme-tag-hypothesis"))
hypothesis_settings.register_profile("readme-tag", database=None)
hypothesis_settings.load_profile("readme-tag")

# The processes the tests start (a few hundred) import the package and its dependencies each time: with bytecode kept,
# in the temporary folder and not the checkout, each starts about a tenth of a second sooner, even where the machine
# says not to write it (PYTHONDONTWRITEBYTECODE).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "readme-tag-pycache"))

_CACHE = pytest.StashKey[tuple[str | None, str]]()


def pytest_configure(config: pytest.Config) -> None:
    """Compiled rules go to a temporary folder of this run, never to the user's cache (processes inherit it).

    Set here, before collection: test modules build Taggers when they are imported.
    """
    folder = tempfile.mkdtemp(prefix="readme-tag-cache-")
    config.stash[_CACHE] = (os.environ.get("README_TAG_CACHE"), folder)
    os.environ["README_TAG_CACHE"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    """Put ``README_TAG_CACHE`` back as it was and remove the run's folder."""
    previous, folder = config.stash[_CACHE]
    if previous is None:
        os.environ.pop("README_TAG_CACHE", None)
    else:
        os.environ["README_TAG_CACHE"] = previous
    shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Completed:
    """What a run of the CLI gave: its exit code and its output bytes."""

    returncode: int
    stdout: bytes
    stderr: bytes


def run_in_process(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> Completed:
    """Run ``readme-tag ARGS`` through its entry point in this process (typer's CliRunner isolation)."""
    code = 0
    with CliRunner().isolation(input=stdin) as (out, err, _), chdir(cwd or os.getcwd()):
        try:
            main(list(args))
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        sys.stdout.flush()
        sys.stderr.flush()
        return Completed(code, out.getvalue(), err.getvalue())


def same_output(first: Completed | subprocess.CompletedProcess, second: Completed | subprocess.CompletedProcess) -> bool:
    """Both runs succeeded with some output, and the outputs are byte-identical."""
    assert first.returncode == 0 and second.returncode == 0, (first.stderr, second.stderr)
    assert first.stdout.strip() and second.stdout.strip(), "no output to compare"
    return first.stdout == second.stdout


def readme_tag_executable() -> str:
    """The installed ``readme-tag`` script beside this interpreter."""
    script = Path(sys.executable).parent / "readme-tag"
    if not script.exists():  # pragma: no cover - not installed as a script
        pytest.skip("readme-tag is not installed in this environment")
    return str(script)


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real ``readme-tag`` command as a process (stdout and stderr as bytes)."""
    return subprocess.run([readme_tag_executable(), *args], input=stdin, capture_output=True, cwd=cwd, timeout=timeout)


@pytest.fixture
def cli():
    """The CLI, in-process."""
    return run_in_process


@pytest.fixture
def process_cli():
    """The CLI as the installed command, for what only a process shows."""
    return run_cli


SLOW_PATTERN = "tag: slow\npatterns: {'\\bslow\\s(?:-+-+){0,3}(?:ui|gui)\\b': 1}\n"
"""Passes the load-time check (its repeats are bounded, and repeat no wide class), yet backtracks polynomially on "slow"
and a run of dashes (two repeats of one dash, three times over)."""
SLOW_README = "# x gui\n\nslow " + "-" * 200 + "\n"
"""(The title's "gui" lets the pattern run: a pattern waits for a literal of each part it needs.)"""


needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (corpus and seed prompt) is not present")
needs_corpus = pytest.mark.skipif(not (CORPUS / "dev" / "labels.jsonl").is_file(), reason="../shared/corpus is not present")


@pytest.fixture(scope="session")
def default_tagger() -> Tagger:
    """A tagger with the default rules, taxonomy and settings, as ``readme-tag`` tags (built once per test process)."""
    return Tagger()


def opening_tags(tagger: Tagger, sentence: str) -> list[str]:
    """The tags of a README that is a title and this opening sentence."""
    return tagger.tag(f"# project\n\n{sentence}\n", name="README.md").names
