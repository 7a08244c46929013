"""Text to Document: the Markdown, reST, plain-text, AsciiDoc and Org readers, and the builder they feed.

``parse_document`` chooses the reader by file name or by a look at the text;
``read_document`` reads a README file and parses it.
"""

from __future__ import annotations

import re
import unicodedata

from ..document import Document
from ..reader import limit_text, read_source
from .builder import DocumentBuilder

_RST_SUFFIXES = (".rst", ".rest")
_TEXT_SUFFIXES = (".txt", ".text")
_ASCIIDOC_SUFFIXES = (".adoc", ".asciidoc", ".asc")
_ORG_SUFFIXES = (".org",)
_MD_HEADING = re.compile(r"^#{1,6}\s", re.MULTILINE)
_RST_HINT = re.compile(r"^\.\. [\w|-]+(::| image::)|^[=\-~^]{3,}\s*$", re.MULTILINE)


def parse_document(text: str, name: str = "", truncated: bool = False) -> Document:
    """Parse README ``text``; ``name`` (a file name) picks Markdown, reST, plain text, AsciiDoc or Org.

    Text written with combining accents (``e`` + U+0301, as some Vietnamese
    keyboards and macOS file systems write it) is composed first (NFC), so that
    its words are the words the rules spell.
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    builder = DocumentBuilder()
    lowered = name.lower()
    if lowered.endswith(_RST_SUFFIXES) or (not _has_suffix(lowered) and _looks_like_rst(text)):
        from .rst import parse_rst

        parse_rst(text, builder, rst=True)
    elif lowered.endswith(_TEXT_SUFFIXES):
        from .rst import parse_rst

        parse_rst(text, builder, rst=False)
    elif lowered.endswith(_ASCIIDOC_SUFFIXES):
        from .asciidoc import parse_asciidoc

        parse_asciidoc(text, builder)
    elif lowered.endswith(_ORG_SUFFIXES):
        from .org import parse_org

        parse_org(text, builder)
    else:
        from .markdown import parse_markdown

        parse_markdown(text, builder)
    return builder.finish(truncated)


def read_document(path: str) -> Document:
    """Read and parse one README (``-`` for stdin), cut at the read limit."""
    source = read_source(path)
    text, cut = limit_text(source.text)
    return parse_document(text, source.name, source.truncated or cut)


def _has_suffix(name: str) -> bool:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "." in base.lstrip(".")


def _looks_like_rst(text: str) -> bool:
    head = text[:20000]
    return ".. " in head and bool(_RST_HINT.search(head)) and not _MD_HEADING.search(head)
