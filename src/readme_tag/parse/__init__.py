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
_MD_SHAPES = re.compile(r"^[ \t]*```|\]\([^)\s]+\)", re.MULTILINE)
"""A fenced code block or a ``[text](target)`` link: Markdown's, none of reST's, Org's or RDoc's (a ``~~~`` line is also a
reST title's underline or overline, or a transition)."""
_MD_SHAPES_BESIDE_OWN = re.compile(_MD_SHAPES.pattern + r"|^[ \t]*~~~", re.MULTILINE)
"""Markdown's shapes in an ``.org`` or ``.rdoc`` file, which draw no lines of ``~``."""
_FENCED = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1", re.MULTILINE | re.DOTALL)
_SNIFF_CHARS = 20000
"""How much of a text is looked at to tell its markup from its name's."""
_OWN_HEADING = {
    ".rdoc": re.compile(r"^(?!=begin\b|=end\b)=+(?:[ \t]+|(?=[^=\s]))\S", re.MULTILINE),
    ".org": re.compile(r"^\*+[ \t]+\S", re.MULTILINE),
}
"""Markups whose files are often Markdown under their name: one with Markdown headings and none of its own (outside fenced
code; a line of ``=`` is a Markdown title's underline), or with Markdown's fences or links as well, is read as Markdown."""
_OWN_KEYWORDS = {".org": re.compile(r"^[ \t]*#\+\w+", re.MULTILINE)}
"""Lines only the markup writes (Org's ``#+TITLE:``, ``#+begin_src``): its own reader, whatever else the file holds."""
_RST_SHAPES = re.compile(r"^\.\. (?:[\w:-]+::|\|[^|\n]+\|[ \t]+[\w:-]+::|_[^:\n]+:)|`[^`\n]+ <[^>\n]+>`__?|^\S.*::[ \t]*\n(?:[ \t]*\n)+[ \t]+\S", re.MULTILINE)
"""reST's own shapes: a directive, a substitution or a link target (``.. image::``, ``.. |b| image::``, ``.. _name:``),
a ```text <url>`_`` link, a paragraph ending ``::`` before an indented literal block."""
_ASCIIDOC_TITLE = re.compile(r"\A\s*= \S")
"""AsciiDoc's document title: ``= Title`` on the first line."""
_ASCIIDOC_SHAPES = tuple(
    re.compile(shape, re.MULTILINE) for shape in (r"\A(?:.*\n){0,8}?:[\w-]+:(?:[ \t]|$)", r"^\[source(?:,[^\]\n]*)?\]$", r"^(?:image|include)::\S*\[", r"^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION): ")
)
"""AsciiDoc's other shapes, two of which it takes besides the title: an attribute entry (``:toc:``) in the header's lines (an
emoji's ``:warning:`` opens a Markdown line too), a ``[source,java]`` block, a block image or include (``image::x.png[]``), an
admonition paragraph (``NOTE: ``)."""
_HTML_BLOCK = re.compile(r"^[ \t]*<(?:h[1-6]|p|div|img|a|br|table|details|picture|center)\b", re.MULTILINE | re.IGNORECASE)
"""A README written in HTML blocks: Markdown's (GitHub shows its HTML), never AsciiDoc's."""


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
    """``markup`` in lower case when readme-tag has a reader for it (md or markdown, or a suffix of READERS, in any case, with or without its dot); ReadmeTagError otherwise."""
    given, markup = markup, markup.lower().removeprefix(".")
    if markup == "markdown":  # as a .markdown file is read
        markup = "md"
    if (given and not markup) or (markup and markup != "md" and f".{markup}" not in READERS):  # "." names none
        raise ReadmeTagError(f"--markup {given}: not a markup readme-tag reads; one of md, " + ", ".join(suffix[1:] for suffix in READERS))
    return markup


def _reader(name: str, text: str) -> Callable[[str, DocumentBuilder], None]:
    """The function that reads a README of this name: by its suffix, or, without one or as ``.txt``, reST when the text has its shapes.

    A README.rdoc or README.org written in Markdown (headings ``#``, and fences or links or none of its own headings) is read as Markdown.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    suffix = "." + base.lstrip(".").rsplit(".", 1)[-1] if "." in base.lstrip(".") else ""
    head = text[:_SNIFF_CHARS]
    if suffix in ("", ".txt", ".text") and _looks_like_rst(head):  # PyPI projects often save reST as README.txt
        suffix = ".rst"
    elif suffix == "" and _looks_like_asciidoc(head):  # stdin, a JSON Lines text, a prompt's README
        suffix = ".adoc"
    if (own := _OWN_HEADING.get(suffix)) and _MD_HEADING.search(head):
        keywords = _OWN_KEYWORDS.get(suffix)
        if not (keywords and keywords.search(head)) and (_MD_SHAPES_BESIDE_OWN.search(head) or not own.search(_FENCED.sub("", head))):
            suffix = ".md"
    module, function = READERS.get(suffix, ("markdown", "parse_markdown"))
    reader: Callable[[str, DocumentBuilder], None] = getattr(import_module(f".{module}", __package__), function)
    return reader


def _looks_like_rst(head: str) -> bool:
    """reST's own shapes and none of Markdown's (a file with no suffix: stdin, the API, a bare README)."""
    return bool(_RST_SHAPES.search(head)) and not _MD_HEADING.search(head) and not _MD_SHAPES.search(head)


def _looks_like_asciidoc(head: str) -> bool:
    """None of Markdown's shapes, and AsciiDoc's title, or two of its other shapes and no HTML block (an AsciiDoc page passes
    HTML through between ``++++`` lines; a Markdown one without headings is often all HTML)."""
    if _MD_HEADING.search(head) or _MD_SHAPES.search(head):
        return False
    return bool(_ASCIIDOC_TITLE.search(head)) or (not _HTML_BLOCK.search(head) and sum(1 for shape in _ASCIIDOC_SHAPES if shape.search(head)) >= 2)
