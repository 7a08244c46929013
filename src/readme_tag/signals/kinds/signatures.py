"""``signatures``: an API reference: call signatures listed under a heading with the term's word (``api: 1``).

A library's README documents what it exports: under "API" or "Methods" it
lists its functions as code spans or headings shaped like calls
(``parse(text, [options])``, ``.use(fn)``, ``Client::new(url) -> Client``).
A web service lists routes there instead (``GET /users``), which are no
calls. Each signature counts as body text under its headings.
"""

from __future__ import annotations

import re

from ...document import Document
from ...vocabulary import tokens
from ..base import Sink
from ..lookup import Lookup, LookupKind

_NAME = r"[A-Za-z_$][\w$]*"
SIGNATURE = re.compile(
    rf"(?:new\s+|await\s+)?\.?{_NAME}(?:(?:\.|::|#|->){_NAME})*\s*\([^()\n]*\)(?:\s*(?:->|=>|:)\s*[^\n]{{1,60}})?;?",
)
"""A call written as the whole of a code span or heading: a name (dotted, or a method), its arguments, maybe a return type."""


class SignatureIndex(Lookup):
    """Heading words under which signatures count."""

    def match(self, doc: Document, sink: Sink) -> None:
        spans = [(piece.text, piece.line, piece.context) for piece in doc.inline_code]
        spans += [(piece.text.strip("`*_ "), piece.line, piece.context) for piece in doc.pieces if piece.kind == "heading"]
        for text, line, context in spans:
            if not context or not SIGNATURE.fullmatch(text.strip()):
                continue
            for word in sorted(set(tokens(context)) & self.table.keys()):
                sink.add(self.table[word], "body", line, sink.base("body", context), text[:80])


class Signatures(LookupKind):
    """Heading words under which call signatures count."""

    name = "signatures"
    index = SignatureIndex

    def check(self, text: str) -> str | None:
        return None if len(tokens(text)) == 1 else f"signatures term {text!r} is no single heading word"

    def key(self, text: str) -> str:
        return tokens(text)[0]


KIND = Signatures()
