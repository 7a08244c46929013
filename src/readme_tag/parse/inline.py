"""Inline Markdown: plain text, links, images and code spans of one block's content.

markdown-it-py parses the block structure; its inline pass (emphasis
pairing, link normalisation) costs more than all the tagging after it and
adds nothing a tagger needs, so inline content is read here with one
linear regular expression. Inline HTML goes through ``Inline.html_read`` (``html.extract_html``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..document import Image, Link, Piece
from .badges import badge_of
from .html import HtmlBlock, extract_html, short_references

BARE_URL = r"""https?://[^\s<>()\[\]{}"'`|]{0,500}[^\s<>()\[\]{}"'`|.,;:!?]"""
"""A URL standing in the prose, without the sentence's punctuation after it (every reader's bare-URL pattern)."""
_INLINE = re.compile(
    r"""
    (?P<tick>`+)(?P<code>[^`]+)(?P=tick)
  | !\[(?P<alt>[^\[\]]*)\]\((?P<src><[^<>]*>|[^()\s]*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)
  | !\[(?P<ralt>[^\[\]]*)\]\[(?P<rimg>[^\[\]]*)\]
  | \[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<href><[^<>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)
  | \[(?P<rtext>(?:[^\[\]]|\[[^\[\]]*\])*)\]\[(?P<ref>[^\[\]]*)\]
  | <(?P<auto>https?://[^<>\s]+)>
  | (?P<bare>"""
    + BARE_URL
    + r""")
  | (?P<tag><!--|</?[A-Za-z][^<>]*>)
    """,
    re.VERBOSE,
)


@dataclass
class Inline:
    """What one block of inline Markdown holds; line numbers are 1-based."""

    text: str = ""
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    code: list[Piece] = field(default_factory=list)
    """Code spans, as pieces of kind ``code``."""

    def code_span(self, text: str, line: int) -> str:
        """Record a code span; its text, which stands for it in the prose."""
        self.code.append(Piece("code", text, line))
        return text

    def bare_link(self, url: str, line: int) -> str:
        """Record a bare URL as a link; the space that stands for it in the prose."""
        self.links.append(Link(url, "", line))
        return " "

    def html_read(self, text: str, line: int) -> str:
        """``text`` with its HTML read: the links and images recorded here, the text it shows returned."""
        found = extract_html(text, line)
        self.links.extend(found.links)
        self.images.extend(found.images)
        return " ".join(block.text for block in found.blocks)


def parse_inline(content: str, line: int, references: dict[str, str] | None = None) -> Inline:
    """Read inline Markdown that starts on ``line``; ``references`` maps link labels to URLs."""
    out = Inline()
    out.text = _walk(content, line, references or {}, out, "")
    return out


def _walk(content: str, line: int, refs: dict[str, str], out: Inline, href: str) -> str:
    if "[" not in content and "`" not in content and "<" not in content and "://" not in content:
        return unescape(_prose(content))
    parts: list[str] = []
    has_html = False
    pos = 0
    for match in _INLINE.finditer(content):
        parts.append(_prose(content[pos : match.start()]))
        pos = match.end()
        at = line + content.count("\n", 0, match.start())
        kind = match.lastgroup
        if kind == "code":
            parts.append(out.code_span(match["code"], at))
        elif kind == "src" or kind == "rimg":
            alt = match["alt"] if kind == "src" else match["ralt"]
            src = _url(match["src"]) if kind == "src" else refs.get(_label(match["rimg"] or alt), "")
            out.images.append(Image(src, alt, at, href))
            if badge_of(src) is None:  # a badge's words are read from the badge
                parts.append(alt)
        elif kind == "href" or kind == "ref":
            text = match["text"] if kind == "href" else match["rtext"]
            url = _url(match["href"]) if kind == "href" else refs.get(_label(match["ref"] or text), "")
            inner = _walk(text, at, refs, out, url)
            out.links.append(Link(url, inner, at))
            parts.append(inner)
        elif kind == "auto" or kind == "bare":
            out.links.append(Link(match[kind], "", at))
            parts.append(" ")
        else:
            has_html = True
            parts.append(match.group())
    parts.append(_prose(content[pos:]))
    text = "".join(parts)
    if has_html:
        found = extract_html(text, line)
        out.links.extend(found.links)
        out.images.extend(image if image.href else image._replace(href=href) for image in found.images)
        return _lay_out(sorted(found.blocks, key=lambda block: block.line), line)
    return unescape(text)


def _lay_out(blocks: list[HtmlBlock], line: int) -> str:
    """Join the text of HTML blocks so that each stands on its own line number again."""
    parts: list[str] = []
    for block in blocks:
        if block.line > line:
            parts.append("\n" * (block.line - line))
            line = block.line
        elif parts:
            parts.append(" ")
        parts.append(block.text)
    return "".join(parts)


def _prose(text: str) -> str:
    """Plain text without bold markers (``**``): a pattern's window counts characters, and they would count too."""
    return text.replace("**", "") if "**" in text else text


def without_bold(text: str, code: re.Pattern[str]) -> str:
    """``text`` without ``**`` outside the code spans that ``code`` matches (each keeps its own)."""
    if "**" not in text:
        return text
    parts: list[str] = []
    pos = 0
    for match in code.finditer(text):
        parts += [_prose(text[pos : match.start()]), match.group()]
        pos = match.end()
    parts.append(_prose(text[pos:]))
    return "".join(parts)


def _url(raw: str) -> str:
    return raw[1:-1] if raw.startswith("<") else raw


def _label(label: str) -> str:
    """Normalise a reference label as CommonMark does (case-fold, collapse spaces)."""
    return " ".join(label.split()).casefold()


def unescape(text: str) -> str:
    """``text`` with its HTML character references read, as ``html.unescape`` reads them, also where one is too long for Python to convert."""
    return html.unescape(short_references(text)) if "&" in text else text
