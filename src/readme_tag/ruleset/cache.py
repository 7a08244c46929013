"""A cache of compiled rules, so that a CLI run does not re-read and re-validate every YAML file.

Entries are keyed by a hash of the package's code, the rule files' content
and the taxonomy, so any change to one of them compiles afresh. The cache
lives in ``$README_TAG_CACHE`` (``off`` disables it), else
``$XDG_CACHE_HOME/readme-tag``, else ``~/.cache/readme-tag``. A cache that
cannot be read or written is silently skipped.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

ENV = "README_TAG_CACHE"
_KEEP = 16  # the newest entries kept; older ones are removed when a new one is written


def cache_dir() -> Path | None:
    """Where compiled rules are kept, or None when caching is off."""
    setting = os.environ.get(ENV, "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "readme-tag"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of this package's source, so that new code never reads an old entry."""
    package = Path(__file__).parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(*parts: str) -> str:
    """A key for compiled rules made from ``parts`` and the package's code."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()[:32]


def load(key: str) -> Any | None:
    """The cached value for ``key``, or None."""
    directory = cache_dir()
    if directory is None:
        return None
    collecting = gc.isenabled()
    gc.disable()  # unpickling makes tens of thousands of objects: collections in between only cost time
    try:
        with open(directory / f"compiled-{key}.pickle", "rb") as handle:
            return pickle.load(handle)
    except Exception:
        return None
    finally:
        if collecting:
            gc.enable()


def store(key: str, value: Any) -> None:
    """Keep ``value`` under ``key`` (atomically; the oldest entries beyond a few are removed)."""
    directory = cache_dir()
    if directory is None:
        return
    temporary = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=directory, prefix=".tmp-", delete=False) as handle:
            temporary = handle.name
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, directory / f"compiled-{key}.pickle")
        entries = sorted(directory.glob("compiled-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
