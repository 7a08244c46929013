"""Where rule files are, their text, and a fingerprint of them (for the compiled-rules cache).

The default rules are the top-level ``rules/`` folder: shipped inside the
wheel as ``readme_tag/rules``, and found beside ``src/`` in a checkout.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import RuleError

SCORING_FILE = "scoring.yaml"
"""The file of a rules directory that holds scoring numbers, not a tag's rule."""
INTAKE_FILE = "intake.yaml"
"""The file of a rules directory that counts how many labelled READMEs carry each tag."""


def default_rules_dir() -> Path:
    """The rules shipped in the package (or, in a source checkout, the top-level ``rules/``)."""
    packaged = Path(__file__).parents[1] / "rules"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[3] / "rules"


def rule_files(directory: Path) -> list[Path]:
    """The YAML files of a rules directory, in a stable order."""
    if not directory.is_dir():
        raise RuleError("rules directory not found", str(directory))
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


@dataclass(frozen=True)
class RuleSource:
    """One rule file's text; ``layer`` 0 is the defaults, then each user directory in turn."""

    layer: int
    path: Path
    text: str


def read_rule_sources(user_dirs: list[Path] | None = None, defaults: bool = True) -> list[RuleSource]:
    """The text of every rule file to load, defaults first."""
    dirs = ([(0, default_rules_dir())] if defaults else []) + [(n, Path(d)) for n, d in enumerate(user_dirs or [], 1)]
    return [RuleSource(layer, path, _read(path)) for layer, directory in dirs for path in rule_files(directory)]


def fingerprint(sources: list[RuleSource]) -> str:
    """A hash of the rule files' paths, layers and content (compiled rules name their files)."""
    digest = hashlib.sha256()
    for source in sources:
        digest.update(f"{source.layer}\0{source.path}\0".encode() + source.text.encode() + b"\0")
    return digest.hexdigest()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", str(path)) from None
