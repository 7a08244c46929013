"""A table from a name (a link's domain, a badge's service, an imported module...) to the signals that name it."""

from __future__ import annotations

from .base import Index


class Lookup(Index):
    """Names, lower-case, each with its signals; subclasses say which names a Document holds."""

    def __init__(self) -> None:
        self.table: dict[str, list[int]] = {}

    def add(self, signal: int, name: str) -> None:
        """Let ``name`` (compared lower-case) stand for ``signal``."""
        self.table.setdefault(name.lower().strip(), []).append(signal)
