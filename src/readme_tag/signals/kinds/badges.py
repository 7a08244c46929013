"""``badges``: status badges by the service they report on (the shields.io path, the badge's host)."""

from __future__ import annotations

from ...document import Document
from ..base import Sink
from ..lookup import Lookup, LookupKind


class BadgeIndex(Lookup):
    """Badge services."""

    def match(self, doc: Document, sink: Sink) -> None:
        for badge in doc.badges:
            signals = self.table.get(badge.service)
            if signals:
                sink.add(signals, "badge", badge.line, sink.base("badge"), badge.service)


class Badges(LookupKind):
    """Badge services."""

    name = "badges"
    index = BadgeIndex


KIND = Badges()
