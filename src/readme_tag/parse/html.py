"""Text, headings, links and images out of the raw HTML that READMEs are full of.

Built on the standard library's ``html.parser``, which never raises on
malformed or unclosed markup and keeps no recursion, so deep nesting is safe.
Comments, ``<script>`` and ``<style>`` are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import NamedTuple

from ..document import Image, Link
from .badges import badge_of

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br center details dd div dl dt figcaption figure footer form header hr li main nav ol p section summary table tbody td tfoot th thead tr ul".split()
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SKIP = frozenset(("script", "style", "template"))
_MEDIA = frozenset(("video", "audio", "source", "iframe", "embed"))
_TAG = re.compile(r"<[^<>]*>")


class HtmlBlock(NamedTuple):
    """A heading, a run of text or a ``<pre>`` block of an HTML fragment."""

    kind: str
    """``heading``, ``text`` or ``code``."""
    text: str
    line: int
    level: int = 0
    """The heading level (1-6); 0 for text and code."""
    borrowed: int = 0
    """How many characters are not prose (link or alt text, table cells)."""


@dataclass
class HtmlContent:
    """What one HTML fragment holds, in reading order, with 1-based line numbers."""

    blocks: list[HtmlBlock] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)


class _Extractor(HTMLParser):
    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.out = HtmlContent()
        self._offset = first_line - 1
        self._buffer: list[str] = []
        self._buffer_line = 0
        self._borrowed = 0
        self._heading: tuple[int, int] | None = None
        self._link: tuple[str, int, list[str]] | None = None
        self._skip = 0
        self._pre = 0
        self._table = 0
        self._unclosed: tuple[str, int] | None = None
        """A text and a position after which it holds no comment end (html.parser would search for one at every later ``<!--``)."""

    def parse_comment(self, i: int, report: bool = True) -> int:
        """html.parser's, but not searching again a text already known to hold no comment end past ``i`` (``<!--`` repeated cost seconds)."""
        if self._unclosed is not None and self._unclosed[0] is self.rawdata and i >= self._unclosed[1]:
            return -1
        end = super().parse_comment(i, report)
        if end < 0:
            self._unclosed = (self.rawdata, i)
        return end

    def _line(self) -> int:
        return self.getpos()[0] + self._offset

    def flush(self) -> None:
        raw = "".join(self._buffer)
        self._buffer = []
        borrowed, self._borrowed = self._borrowed, 0
        stripped = raw.strip()
        if not stripped:
            return
        line = self._buffer_line + raw[: len(raw) - len(raw.lstrip())].count("\n")
        if self._table:
            borrowed = len(stripped)
        if self._heading is not None:
            level, at = self._heading
            self.out.blocks.append(HtmlBlock("heading", " ".join(stripped.split()), at, level, borrowed))
        elif self._pre:
            self.out.blocks.append(HtmlBlock("code", stripped, line))
        else:
            text = "\n".join(" ".join(part.split()) for part in stripped.split("\n"))
            self.out.blocks.append(HtmlBlock("text", text, line, borrowed=borrowed))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        values = {name: value or "" for name, value in attrs}
        if tag in _HEADINGS:
            self.flush()
            self._heading = (_HEADINGS[tag], self._line())
        elif tag == "pre":
            self.flush()
            self._pre += 1
        elif tag in _BLOCK_TAGS:
            self.flush()
            self._table += tag == "table"
        if tag == "a" and values.get("href"):
            self._link = (values["href"], self._line(), [])
        elif tag == "img":
            alt = values.get("alt", "") or values.get("title", "")
            href = self._link[0] if self._link else ""
            src = values.get("src", "")
            self.out.images.append(Image(src, alt, self._line(), href))
            if alt and badge_of(src) is None:
                self.handle_data(f" {alt} ")
                if self._link is None:  # alt text is not prose (inside a link it already counts as link text)
                    self._borrowed += len(alt)
        elif tag in _MEDIA and values.get("src"):
            self.out.links.append(Link(values["src"], "", self._line()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("img", "br", "hr", "source", "embed"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag in _HEADINGS:
            self.flush()
            self._heading = None
        elif tag == "pre":
            self.flush()
            self._pre = max(0, self._pre - 1)
        elif tag in _BLOCK_TAGS:
            self.flush()
            if tag == "table":
                self._table = max(0, self._table - 1)
        if tag == "a":
            self._close_link()

    def _close_link(self) -> None:
        if self._link is not None:
            href, line, words = self._link
            self.out.links.append(Link(href, " ".join("".join(words).split()), line))
            self._link = None

    def finish(self) -> HtmlContent:
        """Flush what unclosed tags left open and return the content."""
        self.close()
        self.flush()
        self._close_link()
        return self.out

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._buffer:
            self._buffer_line = self._line()
        self._buffer.append(data)
        if self._link is not None:
            self._link[2].append(data)
            self._borrowed += len(data.strip())


_LONG_REFERENCE = re.compile(r"&#([0-9]{8,})(;?)")
"""A decimal character reference of eight digits or more, leading zeros counted: Python converts at most 4,300 to a number."""


def short_references(text: str) -> str:
    """``text`` with each long decimal character reference written short (no leading zeros), or as the U+FFFD that
    ``html.unescape`` makes of one past U+10FFFF, so that no reader converts thousands of digits."""
    return _LONG_REFERENCE.sub(_short_reference, text) if "&#" in text else text


def _short_reference(match: re.Match[str]) -> str:
    digits = match[1].lstrip("0")
    return "\ufffd" if len(digits) > 7 else f"&#{digits or '0'}{match[2]}"


def extract_html(fragment: str, first_line: int = 1) -> HtmlContent:
    """Parse an HTML fragment that starts on ``first_line`` of the README."""
    parser = _Extractor(first_line)
    try:
        parser.feed(short_references(fragment))
        return parser.finish()
    except AssertionError:  # html.parser gives up on some malformed declarations, such as "<![ <!--"
        text = " ".join(_TAG.sub(" ", fragment).split())
        return HtmlContent(blocks=[HtmlBlock("text", text, first_line)] if text else [])
