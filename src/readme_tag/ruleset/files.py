"""Where rule files are, their text, and a fingerprint of them (for the compiled-rules cache).

The default rules are the top-level ``rules/`` folder: shipped inside the
wheel as ``readme_tag/rules``, and found beside ``src/`` in a checkout.
A file's text is read when it is first needed: a run that finds its rules
compiled in the cache reads none of the defaults (about 2 MB of YAML).
"""

from __future__ import annotations

import errno
import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import RuleError

SCORING_FILE = "scoring.yaml"
"""The file of a rules directory that holds scoring numbers, not a tag's rule."""
INTAKE_FILE = "intake.yaml"
"""The file of a rules directory that counts how many labelled READMEs carry each tag."""
BOILERPLATE_FILE = "boilerplate.yaml"
"""The file of a rules directory that lists the openings of template lines, which count nothing (``boilerplate``)."""


def default_rules_dir() -> Path:
    """The rules shipped in the package (or, in a source checkout, the top-level ``rules/``)."""
    packaged = Path(__file__).parents[1] / "rules"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[3] / "rules"


def rule_files(directory: Path) -> list[Path]:
    """The YAML files of a rules directory, in a stable order: a broken link among them too (reading it says so), but not
    an editor's lock beside a file being edited (Emacs's ``.#k8s.yaml``, a link to nothing)."""
    if not directory.is_dir():
        what = "is a file, not a rules directory (--rules takes the folder that holds rule files)" if directory.exists() else "rules directory not found"
        raise RuleError(what, str(directory))
    found = (p for p in directory.rglob("*") if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith(".#"))
    return sorted(p for p in found if p.is_file() or (p.is_symlink() and not p.exists()))


@dataclass(frozen=True)
class RuleSource:
    """One rule file; ``layer`` 0 is the defaults, then each user directory in turn."""

    layer: int
    path: Path

    @cached_property
    def name(self) -> str:
        """How evidence and errors name the file: a shipped one as ``rules/...`` (the same on every install), a user's by its path."""
        return f"rules/{self.path.relative_to(default_rules_dir()).as_posix()}" if self.layer == 0 else str(self.path)

    @property
    def role(self) -> str:
        """The file's name as ``scoring.yaml`` and the other files that are no tag's rule are named (``scoring.yml`` too),
        to tell them apart."""
        return self.path.with_suffix(".yaml").name

    @cached_property
    def text(self) -> str:
        """The file's text, read once."""
        try:
            return self.path.read_text(encoding="utf-8")
        except OSError as exc:
            broken = exc.errno in (errno.ENOENT, errno.ENOTDIR) and self.path.is_symlink()
            raise RuleError(f"cannot read rule file: {'a link to a file that does not exist' if broken else exc.strerror or exc}", self.name) from None
        except UnicodeDecodeError as exc:
            raise RuleError(f"cannot read rule file: {exc}", self.name) from None


def read_rule_sources(user_dirs: list[Path] | None = None, defaults: bool = True) -> list[RuleSource]:
    """Every rule file to load, defaults first."""
    dirs = ([(0, default_rules_dir())] if defaults else []) + [(n, Path(d)) for n, d in enumerate(user_dirs or [], 1)]
    return [RuleSource(layer, path) for layer, directory in dirs for path in rule_files(directory)]


def fingerprint(sources: list[RuleSource]) -> str:
    """A hash of the rule files' paths and layers, and of each file's content, or for the defaults its size and time.

    The defaults change only when the package is installed again or a
    checkout's ``rules/`` is edited, and either gives the file a new time (as
    the code's own fingerprint assumes); a user's files are hashed whole, so
    an edit is seen however quickly it follows the last.
    """
    digest = hashlib.sha256()
    for source in sources:
        digest.update(f"{source.layer}\0{source.path}\0".encode())
        if source.layer == 0:
            try:
                info = source.path.stat()
            except OSError as exc:
                raise RuleError(f"cannot read rule file: {exc.strerror or exc}", str(source.path)) from None
            digest.update(f"{info.st_size}\0{info.st_mtime_ns}\0".encode())
        else:
            digest.update(source.text.encode() + b"\0")
    return digest.hexdigest()
