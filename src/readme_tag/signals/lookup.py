"""A table from a name (a link's domain, a badge's service, an imported module...) to the signals that name it."""

from __future__ import annotations

from typing import ClassVar

from ..ruleset.model import Term
from .base import Index, Indexes, SignalKind


class Lookup(Index):
    """Names, lower-case, each with its signals; subclasses say which names a Document holds."""

    def __init__(self) -> None:
        self.table: dict[str, list[int]] = {}

    def add(self, signal: int, name: str) -> None:
        """Let ``name`` (compared lower-case) stand for ``signal``."""
        self.table.setdefault(name.lower().strip(), []).append(signal)


class LookupKind(SignalKind):
    """A kind whose terms are names in one ``Lookup`` table: ``index`` matches them, ``key`` is a term's name there."""

    index: ClassVar[type[Lookup]]

    def key(self, text: str) -> str:
        """The name ``text`` stands for in the table (compared lower-case)."""
        return text

    def compile(self, signal: int, term: Term, indexes: Indexes) -> None:
        indexes.get_or_make(self.name, self.index).add(signal, self.key(term.text))
