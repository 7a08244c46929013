"""A cache of compiled rules, so that a CLI run does not re-read and re-validate every YAML file.

Entries are keyed by a hash of the package's code, the rule files (a
user's by content, the shipped ones by size and time: ``files.fingerprint``)
and the taxonomy, so any change to one of them compiles afresh. Each rule
file's parsed and checked rule is kept too (``rule`` entries, keyed by the
code, the file's path and its text): a compile after one file was edited
parses only that file. The entries used most recently are kept, up to a
size for each kind (``BUDGET``): one large rule set loaded by every run
outlives a burst of small ones compiled after it.
The cache lives in ``$README_TAG_CACHE`` (``off`` disables it), else
``$XDG_CACHE_HOME/readme-tag``, else ``~/.cache/readme-tag``. A cache that
cannot be read or written, or holds anything but what was stored, is
skipped (and rebuilt); the command line says once when it could not write
(``refusal``). Entries are pickles, and loading one runs
what it says: an entry (or a cache folder) that is another user's, or that
anyone may write, is skipped too.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..gc_paused import gc_paused

ENV = "README_TAG_CACHE"
_refused: list[str] = []
"""Why this process could not keep compiled rules in the cache folder, if it could not (``refusal``)."""
BUDGET = {"compiled": 64 << 20, "rule": 32 << 20}
"""The bytes of each kind's entries kept, the most recently used first (the default rules compile to about 6 MB); older ones are removed when a new one is written."""


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
    """A hash of this package's source files (names, sizes, modification times), so that new code never reads an old entry.

    Installing or editing the package changes a file's time; reading every
    file's bytes instead would cost a one-file run several milliseconds.
    """
    package = Path(__file__).parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.relative_to(package).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def cache_key(*parts: str) -> str:
    """A key for compiled rules made from ``parts`` and the package's code."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()[:32]


def load(key: str, shape: tuple[type, ...], kind: str = "compiled") -> tuple | None:
    """The cached ``kind`` entry for ``key``: a tuple of instances of ``shape``'s types; None when absent or of any other shape (rebuild it)."""
    directory = cache_dir()
    if directory is None:
        return None
    path = directory / f"{kind}-{key}.pickle"
    try:
        if not (_trusted(directory) and _trusted(path)):
            return None
        with open(path, "rb") as handle, gc_paused():
            value = pickle.load(handle)
    except Exception:
        return None
    if not isinstance(value, tuple) or len(value) != len(shape) or not all(isinstance(v, t) for v, t in zip(value, shape, strict=True)):
        return None
    with suppress(OSError):
        os.utime(path)  # used now: pruning keeps it over entries written later but not used since
    return value


def _trusted(path: Path) -> bool:
    """Whether ``path`` is this user's and not everyone's to write (a group's may be: a user's own group often is): loading a pickle runs what it says."""
    info = path.stat()
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return mine and not info.st_mode & 0o002


def store(key: str, value: Any, kind: str = "compiled", prune: bool = True) -> None:
    """Keep ``value`` under ``key`` (atomically), then ``prune`` the entries of ``kind``.

    A caller that stores many entries at once prunes once, after them.
    """
    directory = cache_dir()
    if directory is None:
        return
    import tempfile  # only a run that compiles the rules writes: the others need not import it (and shutil, random)

    temporary = None
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _trusted(directory):  # load would never read what is written here
            _refused[:] = [f"{directory} is another user's, or anyone may write it"]
            return
        with tempfile.NamedTemporaryFile("wb", dir=directory, prefix=".tmp-", delete=False) as handle:
            temporary = handle.name
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, directory / f"{kind}-{key}.pickle")
    except OSError as exc:
        _refused[:] = [f"{directory}: {exc.strerror or exc}"]
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        return
    if prune:
        prune_entries(kind)


def refusal() -> str | None:
    """Why this process could not keep compiled rules in the cache folder (so every run compiles them again), or None;
    forgotten once said, so that a command run in-process again starts afresh."""
    why = _refused[0] if _refused else None
    _refused.clear()
    return why


def refused_elsewhere(why: str | None) -> None:
    """Keep a worker process's ``refusal`` as this process's own (if it has none), so the command line says it once."""
    if why and not _refused:
        _refused.append(why)


def prune_entries(kind: str) -> None:
    """Remove the entries of ``kind`` beyond ``BUDGET[kind]`` bytes, counting from the one most recently written or used (which always stays)."""
    directory = cache_dir()
    if directory is None:
        return
    try:
        entries = sorted(((path.stat(), path) for path in directory.glob(f"{kind}-*.pickle")), key=lambda entry: entry[0].st_mtime, reverse=True)
        kept = 0
        for number, (info, path) in enumerate(entries):
            kept += info.st_size
            if number and kept > BUDGET[kind]:
                path.unlink(missing_ok=True)
    except OSError:
        pass
