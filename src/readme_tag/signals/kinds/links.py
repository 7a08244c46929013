"""``links``: link targets by shape, as shell-style globs over the lower-case URL (``*.dmg``, ``*/releases/latest*``).

Domains say where a link points; a link's path says what it is: an
installer (``*.dmg``, ``*.msi``, ``*.appimage``), an app (``*.apk``), a
release page, a notebook. A link counts as body text under its headings.
"""

from __future__ import annotations

import fnmatch
import re
from functools import cached_property

from ...document import Document
from ...ruleset.model import Term
from ..base import Index, Indexes, SignalKind, Sink


class LinkIndex(Index):
    """Globs over link URLs; each compiled to a regular expression the first time they run."""

    def __init__(self) -> None:
        self.globs: list[tuple[str, int]] = []

    def __getstate__(self) -> dict:
        """Pickle the globs, not their compiled expressions."""
        return {"globs": self.globs}

    @cached_property
    def _compiled(self) -> list[tuple[re.Pattern[str], int]]:
        return [(re.compile(fnmatch.translate(glob)), signal) for glob, signal in self.globs]

    @cached_property
    def _any(self) -> re.Pattern[str]:
        """One expression that matches where any glob does: most links match none, and are then done in one call."""
        return re.compile("|".join(f"(?:{fnmatch.translate(glob)})" for glob, _ in self.globs))

    def match(self, doc: Document, sink: Sink) -> None:
        for link in doc.links:
            url = link.url.lower().split("#", 1)[0].split("?", 1)[0]
            if not self._any.match(url):
                continue
            for expression, signal in self._compiled:
                if expression.match(url):
                    sink.add((signal,), "body", link.line, sink.base("body", link.context), url[-80:])


class Links(SignalKind):
    """Globs over link URLs."""

    name = "links"

    def check(self, text: str) -> str | None:
        return None if "*" in text or "?" in text or "[" in text else f"links term {text!r} is no glob: use domains for a host, or add * ('*{text}')"

    def compile(self, signal: int, term: Term, indexes: Indexes) -> None:
        indexes.get_or_make(self.name, LinkIndex).globs.append((term.text.lower(), signal))


KIND = Links()
