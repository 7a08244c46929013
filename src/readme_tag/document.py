"""The parsed README: text pieces by section kind, plus links, images, badges and code.

Every piece keeps the 1-based line number it starts on. ``Document.pieces``
is what the matcher reads: one entry per run of text, each with a section
kind (title, description, heading, badge, body, code) and the heading it
stands under.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SECTION_KINDS = ("title", "description", "heading", "badge", "body", "code")
"""Where a piece of text stands; ``rules/scoring.yaml`` weighs each."""


@dataclass(frozen=True)
class Piece:
    """A run of text with the section kind it belongs to."""

    kind: str
    text: str
    line: int
    context: str = ""
    """The text of the heading this piece stands under ("" before the first)."""


@dataclass(frozen=True)
class Link:
    """A link: where it points, its domain, its text."""

    url: str
    domain: str
    text: str
    line: int
    context: str = ""


@dataclass(frozen=True)
class Image:
    """An image that is not a badge."""

    src: str
    alt: str
    line: int


@dataclass(frozen=True)
class Badge:
    """A status badge (shields.io and the like)."""

    service: str
    label: str
    alt: str
    url: str
    line: int


@dataclass(frozen=True)
class CodeBlock:
    """A fenced or indented code block and its info string."""

    info: str
    text: str
    line: int
    context: str = ""


@dataclass(frozen=True)
class Heading:
    """A heading with its level (1-6)."""

    level: int
    text: str
    line: int


@dataclass
class Document:
    """Everything the tagger reads from one README."""

    title: str = ""
    title_line: int = 0
    description: str = ""
    description_line: int = 0
    headings: list[Heading] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    inline_code: list[Piece] = field(default_factory=list)
    truncated: bool = False
    """True when the README was longer than the read limit and was cut."""
