"""The parsed README: text pieces by section kind, plus links, images, badges and code.

Every piece keeps the 1-based line number it starts on. ``Document.pieces``
is what the matcher reads: one entry per run of text, each with a section
kind (``vocabulary.SECTION_KINDS``) and the heading it stands under. The
parsers hand the builder the same types (``Link``, ``Image``, ``Heading``,
``Piece``) before it fills in what only it knows (domains, contexts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Piece(NamedTuple):
    """A run of text with the section kind it belongs to."""

    kind: str
    text: str
    line: int
    context: str = ""
    """The text of the headings this piece stands under ("" before the first)."""


class Link(NamedTuple):
    """A link: where it points, its text, and (once built) its domain and the headings it stands under."""

    url: str
    text: str
    line: int
    domain: str = ""
    context: str = ""


class Image(NamedTuple):
    """An image, with the link around it when there is one."""

    src: str
    alt: str
    line: int
    href: str = ""


class Badge(NamedTuple):
    """A status badge (shields.io and the like)."""

    service: str
    label: str
    alt: str
    url: str
    line: int


class CodeBlock(NamedTuple):
    """A fenced or indented code block and its info string."""

    info: str
    text: str
    line: int
    context: str = ""


class Heading(NamedTuple):
    """A heading with its level (1-6)."""

    level: int
    text: str
    line: int


@dataclass
class Document:
    """Everything the tagger reads from one README."""

    title: str = ""
    description: str = ""
    headings: list[Heading] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    inline_code: list[Piece] = field(default_factory=list)
    truncated: bool = False
    """True when the README was longer than the read limit and was cut."""
    template_lines: tuple[int, ...] | None = None
    """The lines of template text taken out before matching (``boilerplate``); None until that was looked for."""
