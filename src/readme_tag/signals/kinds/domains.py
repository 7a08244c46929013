"""``domains``: links to a domain or any of its subdomains (``kubernetes.io`` matches docs.kubernetes.io)."""

from __future__ import annotations

from ...document import Document
from ..base import Sink
from ..lookup import Lookup, LookupKind


class DomainIndex(Lookup):
    """Link domains; a link counts as body text under its headings."""

    def match(self, doc: Document, sink: Sink) -> None:
        for link in doc.links:
            domain = link.domain
            while domain:
                signals = self.table.get(domain)
                if signals:
                    sink.add(signals, "body", link.line, sink.base("body", link.context), domain)
                domain = domain.partition(".")[2] if domain.count(".") > 1 else ""


class Domains(LookupKind):
    """Link domains."""

    name = "domains"
    index = DomainIndex

    def key(self, text: str) -> str:
        domain = text.lower().strip()
        return domain[4:] if domain.startswith("www.") else domain


KIND = Domains()
