"""``domains``: links to a domain or any of its subdomains (``kubernetes.io`` matches docs.kubernetes.io)."""

from __future__ import annotations

import re

from ...document import Document
from ..base import Sink
from ..lookup import Lookup, LookupKind

_IPV6 = re.compile(r"[0-9a-fA-F:.]*:[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")
"""An IPv6 address, a link's host as it reads it (``http://[::1]:8080/``: ``::1``)."""


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

    def check(self, text: str) -> str | None:
        if "/" in text or (":" in text and not _IPV6.fullmatch(text)) or len(text.split()) > 1:  # what a link's domain never holds
            return f"domains term {text!r} is no host name (write the host, kubernetes.io; links takes a URL's shape, '*/charts/*')"
        return None

    def key(self, text: str) -> str:
        domain = text.lower().strip()
        return domain[4:] if domain.startswith("www.") else domain


KIND = Domains()
