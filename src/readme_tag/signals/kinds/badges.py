"""``badges``: status badges by the service they report on (the shields.io path, the badge's host)."""

from __future__ import annotations

from ...document import Document
from ...ruleset.model import Term
from ..base import Indexes, SignalKind, Sink
from ..lookup import Lookup


class BadgeIndex(Lookup):
    """Badge services."""

    def match(self, doc: Document, sink: Sink) -> None:
        for badge in doc.badges:
            signals = self.table.get(badge.service)
            if signals:
                sink.add(signals, "badge", badge.line, sink.base("badge"), badge.service)


class Badges(SignalKind):
    """Badge services."""

    name = "badges"

    def compile(self, signal: int, term: Term, indexes: Indexes) -> None:
        indexes.get_or_make(self.name, BadgeIndex).add(signal, term.text)


KIND = Badges()
