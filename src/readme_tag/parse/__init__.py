"""Text to Document: the Markdown, reST, plain-text, AsciiDoc, Org, RDoc, POD, Textile, MediaWiki and Creole readers, and the builder they feed.

``parse_document`` chooses the reader by file name or by a look at the text;
``read_document`` reads a README file and parses it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from importlib import import_module

from ..document import Document
from ..errors import ReadmeTagError
from ..reader import limit_text, read_source
from .builder import DocumentBuilder

READERS = {
    ".rst": ("rst", "parse_rst"),
    ".rest": ("rst", "parse_rst"),
    ".txt": ("rst", "parse_text"),
    ".text": ("rst", "parse_text"),
    ".adoc": ("asciidoc", "parse_asciidoc"),
    ".asciidoc": ("asciidoc", "parse_asciidoc"),
    ".asc": ("asciidoc", "parse_asciidoc"),
    ".org": ("org", "parse_org"),
    ".rdoc": ("rdoc", "parse_rdoc"),
    ".pod": ("pod", "parse_pod"),
    ".textile": ("textile", "parse_textile"),
    ".mediawiki": ("mediawiki", "parse_mediawiki"),
    ".wiki": ("mediawiki", "parse_mediawiki"),
    ".creole": ("creole", "parse_creole"),
}
"""The reader (module, function) for a file suffix; Markdown for any other (a new format is one module and a line here)."""
_MD_HEADING = re.compile(r"^#{1,6}\s", re.MULTILINE)
_SNIFF_CHARS = 20000
"""How much of a text is looked at to tell its markup from its name's."""
_OWN_HEADING = {
    ".rdoc": re.compile(r"^=+[ \t]*\S", re.MULTILINE),
    ".org": re.compile(r"^(?:\*+[ \t]+\S|#\+\w+:)", re.MULTILINE),
}
"""Markups whose files are often Markdown under their name: one with Markdown headings and none of its own is read as Markdown."""
_RST_HINT = re.compile(r"^\.\. [\w|-]+(::| image::)|^[=\-~^]{3,}\s*$", re.MULTILINE)


def parse_document(text: str, name: str = "", truncated: bool = False) -> Document:
    """Parse README ``text``; ``name`` (a file name) picks Markdown, reST, plain text, AsciiDoc, Org, RDoc, POD, Textile, MediaWiki or Creole.

    Text written with combining accents (``e`` + U+0301, as some Vietnamese
    keyboards and macOS file systems write it) is composed first (NFC), so that
    its words are the words the rules spell; Windows and old Mac line ends
    become newlines, as markdown-it reads them, so every reader finds its
    blank lines and its line numbers agree with an editor's.
    """
    if text.startswith("\ufeff"):  # a byte order mark the API or a JSON Lines text kept (a file's is dropped when it is read)
        text = text[1:]
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    builder = DocumentBuilder()
    _reader(name, text)(text, builder)
    return builder.finish(truncated)


def read_document(path: str, markup: str = "") -> Document:
    """Read and parse one README (``-`` for stdin), cut at the read limit; ``markup`` (a suffix: adoc, rst...) overrides its name's."""
    markup = check_markup(markup) if markup else markup  # the API's as the command line's: a markup with no reader is an error
    source = read_source(path)
    text, cut = limit_text(source.text)
    return parse_document(text, f"README.{markup}" if markup else source.name, source.truncated or cut)


def check_markup(markup: str) -> str:
    """``markup`` in lower case when readme-tag has a reader for it (md, or a suffix of READERS, in any case, with or without its dot); ReadmeTagError otherwise."""
    markup = markup.lower().removeprefix(".")
    if markup and markup != "md" and f".{markup}" not in READERS:
        raise ReadmeTagError(f"--markup {markup}: not a markup readme-tag reads; one of md, " + ", ".join(suffix[1:] for suffix in READERS))
    return markup


def _reader(name: str, text: str) -> Callable[[str, DocumentBuilder], None]:
    """The function that reads a README of this name: by its suffix, or, without one, reST when the text looks like it.

    A README.rdoc or README.org written in Markdown (its headings ``#``, none of the markup's own) is read as Markdown.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    suffix = "." + base.lstrip(".").rsplit(".", 1)[-1] if "." in base.lstrip(".") else ""
    if not suffix and _looks_like_rst(text):
        suffix = ".rst"
    if own := _OWN_HEADING.get(suffix):
        head = text[:_SNIFF_CHARS]
        if _MD_HEADING.search(head) and not own.search(head):
            suffix = ".md"
    module, function = READERS.get(suffix, ("markdown", "parse_markdown"))
    reader: Callable[[str, DocumentBuilder], None] = getattr(import_module(f".{module}", __package__), function)
    return reader


def _looks_like_rst(text: str) -> bool:
    head = text[:_SNIFF_CHARS]
    return ".. " in head and bool(_RST_HINT.search(head)) and not _MD_HEADING.search(head)
