"""What the line-based readers (AsciiDoc, Org, RDoc, POD, Textile, MediaWiki, Creole) share: a paragraph that gathers lines, a block's end, the paragraphs of a text.

Each reader walks its README a line at a time and says what it sees to the
``DocumentBuilder``; a run of prose lines is held here until a blank line,
a heading or a block ends it, then handed over as one paragraph (or one
list item) with its inline content read by the reader's own ``inline``.
A line is what a line feed ends, as an editor counts lines (not
``str.splitlines``, which also breaks at form feeds and U+2028).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .badges import badge_of
from .builder import DocumentBuilder
from .inline import Inline

_BLANK = re.compile(r"\n[ \t]*\n")
_LEADING_BLANKS = re.compile(r"^(?:[ \t]*\n)+")
_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp)(?:\?\S*)?$", re.IGNORECASE)
InlineReader = Callable[[str, int], Inline]
"""A format's inline reader: (text, first line number) -> Inline."""


class Paragraph:
    """Prose lines waiting to be handed to the builder as one paragraph or list item."""

    def __init__(self, builder: DocumentBuilder, inline: InlineReader) -> None:
        """Nothing held yet; ``inline`` reads the format's inline markup."""
        self.builder = builder
        self.inline = inline
        self.lines: list[str] = []
        self.start = 0
        self.item = False

    def add(self, line: str, index: int, item: bool = False) -> None:
        """Add line ``index`` (0-based); ``item`` starts a new list item or table row."""
        if item:
            self.flush()
            self.item = True
        if not self.lines:
            self.start = index
        self.lines.append(line)

    def flush(self) -> None:
        """Hand what is held to the builder."""
        if self.lines:
            line = self.start + 1
            self.builder.text(self.inline("\n".join(self.lines), line), line, item=self.item)
            self.lines.clear()
        self.item = False


def block_end(lines: list[str], start: int, closes: Callable[[str], bool]) -> int:
    """The index of the first line from ``start`` that ``closes`` the block (``len(lines)`` when none does)."""
    for index in range(start, len(lines)):
        if closes(lines[index]):
            return index
    return len(lines)


def paragraphs(text: str) -> list[tuple[int, str]]:
    """The README's paragraphs (runs of lines between blank lines), each with its first line's number."""
    found = []
    line, pos = 1, 0
    for blank in [*_BLANK.finditer(text), None]:
        end = blank.start() if blank else len(text)
        block = text[pos:end]
        stripped = _LEADING_BLANKS.sub("", block)
        if stripped.strip():
            found.append((line + block.count("\n", 0, len(block) - len(stripped)), stripped.rstrip()))
        if blank is None:
            break
        line += text.count("\n", pos, blank.end())
        pos = blank.end()
    return found


def is_image(target: str) -> bool:
    """Whether a link target (or a link's text) is an image: a picture file or a badge."""
    return bool(_IMAGE_FILE.search(target.strip())) or badge_of(target.strip()) is not None


def substitute(pattern: re.Pattern[str], text: str, line: int, replace: Callable[[re.Match[str], int], str]) -> str:
    """``text`` with each match of ``pattern`` replaced by ``replace(match, the line it stands on)`` (``text`` begins on ``line``)."""
    return pattern.sub(lambda match: replace(match, line + text.count("\n", 0, match.start())), text)
