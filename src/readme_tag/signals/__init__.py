"""Signal kinds: the registry of what a rule file can say, one module per kind in ``kinds/``.

As yamllint finds its rules, the registry finds its kinds: every module of
``kinds/`` defines ``KIND``, a ``SignalKind``. Loading, binding and matching
loop over ``KINDS``; a new kind is one new file there.
"""

from __future__ import annotations

import importlib
import os

from . import kinds as _kinds
from .base import Hit, Index, Indexes, Signal, SignalKind, Sink


def _discover() -> dict[str, SignalKind]:
    found: dict[str, SignalKind] = {}
    names = {entry.name.rsplit(".", 1)[0] for folder in _kinds.__path__ for entry in os.scandir(folder) if entry.name.endswith((".py", ".pyc")) and not entry.name.startswith("_")}
    for module in sorted(names):
        kind = importlib.import_module(f"{_kinds.__name__}.{module}").KIND
        found[kind.name] = kind
    return found


KINDS: dict[str, SignalKind] = _discover()
"""Every signal kind by its name in rule files, in the order of their modules' names."""

__all__ = ["KINDS", "Hit", "Index", "Indexes", "Signal", "SignalKind", "Sink"]
