"""``languages``: the language a code block is marked with (```julia, ```solidity, ```hcl).

A README's examples are written in the language the project is used from,
so a field whose projects share a language (Julia packages, smart
contracts, Terraform modules) shows in its code fences.
"""

from __future__ import annotations

from ...document import Document
from ..base import Sink
from ..lookup import Lookup, LookupKind


class LanguageIndex(Lookup):
    """Code block languages; each block counts as code."""

    def match(self, doc: Document, sink: Sink) -> None:
        for block in doc.code_blocks:
            words = block.info.split()
            signals = self.table.get(words[0].lower().strip("{}.")) if words else None
            if signals:
                sink.add(signals, "code", block.line, sink.base("code", block.context), words[0].lower())


class Languages(LookupKind):
    """Code fence languages."""

    name = "languages"
    index = LanguageIndex


KIND = Languages()
