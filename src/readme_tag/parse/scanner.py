"""The body of a long Markdown README, read line by line instead of by markdown-it-py.

Structure carries weight near the top (title, description, badges, the first
headings); further down a README is headings, code blocks and prose, and
only the words, the headings they stand under, the code and the links count.
This scanner finds ATX and setext headings, fenced code (its language
included), indented code after a blank line, HTML blocks, list items, table
rows (one run of text each, where markdown-it-py gives one per cell) and
paragraphs, and hands each to the builder as markdown-it-py's blocks would be. ``split_head`` says where the markdown-it-py part ends: at a
blank line, never inside a fence or an HTML comment.
"""

from __future__ import annotations

import re

from .builder import DocumentBuilder
from .html import extract_html
from .inline import parse_inline

_FENCE = re.compile(r"^[ \t]*(?:>[ \t]*)*(`{3,}|~{3,})", re.MULTILINE)
_BLANK = re.compile(r"\n[ \t]*\n")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"(?:[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+")  # "- 1. " opens two lists
_QUOTE = re.compile(r"[ \t]*(?:>[ \t]?)+")
_HTML_RAW = re.compile(r" {0,3}<(pre|script|style|textarea)(?:[\s>]|$)", re.IGNORECASE)
_HTML_BLOCK = re.compile(
    r" {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset"
    r"|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol"
    r"|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s>]|/>|$)",
    re.IGNORECASE,
)
_HTML_TAG_LINE = re.compile(r" {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$")
_DELIMITER = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$|[ \t]*\|[ \t]*:?-+:?[ \t]*\|[ \t]*$")
_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:")


def split_head(text: str, size: int) -> int:
    """The end of the head of ``text``: the first blank line from ``size`` on that no fence or HTML comment spans."""
    at = size
    while at < len(text):
        blank = _BLANK.search(text, at)
        if blank is None:
            break
        cut = blank.start() + 1
        resume = _span_end(text, cut)
        if resume < 0:
            return cut
        at = resume
    return len(text)


def _span_end(text: str, cut: int) -> int:
    """Where the fence or HTML comment open at ``cut`` ends, or -1 when none is open there."""
    opened = ""
    for match in _FENCE.finditer(text, 0, cut):
        if not opened:
            opened = match.group(1)
        elif _closes(text, match, opened):
            opened = ""
    if opened:
        return next((match.end() for match in _FENCE.finditer(text, cut) if _closes(text, match, opened)), len(text))
    comment = text.rfind("<!--", 0, cut)
    if comment >= 0 and text.find("-->", comment, cut) < 0:
        close = text.find("-->", cut)
        return len(text) if close < 0 else close + 3
    return -1


def _closes(text: str, match: re.Match[str], opened: str) -> bool:
    """Whether the fence marker ``match`` closes a fence opened with ``opened``."""
    marker = match.group(1)
    end = text.find("\n", match.end())
    return marker[0] == opened[0] and len(marker) >= len(opened) and not text[match.end() : end if end >= 0 else len(text)].strip()


def scan_markdown(text: str, first_line: int, builder: DocumentBuilder, refs: dict[str, str]) -> None:
    """Feed the blocks of ``text`` (the README from line ``first_line`` on) to ``builder``."""
    _Scanner(first_line, builder, refs).run(text.split("\n"))


class _Scanner:
    """Lines in, blocks out; one block (paragraph, list item, table row, HTML, code) is open at a time."""

    def __init__(self, first_line: int, builder: DocumentBuilder, refs: dict[str, str]) -> None:
        self.first_line = first_line
        self.builder = builder
        self.refs = refs
        self.block: list[str] = []
        self.kind = ""  # of the open block: "text", "item", "row", "html" or "code"
        self.start = 0  # the index of its first line
        self.in_list = False  # indented lines continue a list item rather than start code
        self.fence = ""  # the marker of the open fence
        self.info = ""
        self.quoted = False  # the open fence stands in a block quote
        self.comment = False  # inside an HTML comment
        self.html_end = ""  # what ends the open HTML block when a blank line does not (``</pre>``)
        self.table = False  # inside a table: each line with a "|" is a row

    def run(self, lines: list[str]) -> None:
        blank = True
        for index, line in enumerate(lines):
            if self.fence and self._in_fence(line):
                blank = False
                continue
            if self.comment:
                self.comment = "-->" not in line
            elif self.html_end:
                self.block.append(line)
                if self.html_end in line.lower():
                    self._flush()
            elif not line.strip():
                if self.kind == "code":
                    self.block.append("")
                else:
                    self._flush()
                blank = True
                self.table = False
            else:
                self._line(index, line, blank)
                blank = False
        if self.fence:
            self._close_fence("\n")
        else:
            self._flush()

    def _in_fence(self, line: str) -> bool:
        """Take a line of the open fence; False when the line ends it without belonging to it (a block quote's end)."""
        if self.quoted:
            if not line.lstrip().startswith(">"):
                self._close_fence("")
                return False
            line = _QUOTE.sub("", line, count=1)
        stripped = line.strip()
        if stripped.startswith(self.fence) and not stripped.lstrip(self.fence[0]).strip():
            self._close_fence("\n")
        else:
            self.block.append(line)
        return True

    def _close_fence(self, end: str) -> None:
        self.builder.code(self.info, "\n".join(self.block) + end, self.first_line + self.start)
        self.block.clear()
        self.fence = ""

    def _line(self, index: int, line: str, blank: bool) -> None:
        if self.kind == "html":
            self.block.append(line)
            return
        indented = line.startswith(("    ", "\t"))
        if self.kind == "code":
            if indented:
                self.block.append(line[4:] if line[0] == " " else line[1:])
                return
            self._flush()
        elif indented and not self.kind and not self.in_list:
            self._open("code", index)
            self.block.append(line[4:] if line[0] == " " else line[1:])
            return
        nested = line[:1] in (" ", "\t")
        quoted = line.lstrip().startswith(">")
        if quoted:
            line = _QUOTE.sub("", line, count=1)
        kind, content = _kind_of(line, self.table)
        if kind == "item" and indented and not self.in_list:  # too deep to open a list: text
            kind, content = "text", 0
        if kind == "item":
            self.in_list = True
        elif blank and not nested:
            self.in_list = False
        rest = line[content:]  # without a list marker
        if not rest.strip():  # an empty list item, or a quote's blank line
            self._open(kind, index) if kind == "item" else self._flush()
        elif not self._structure(index, rest, nested or content > 0, quoted):
            if kind != "text" or self.kind in ("", "row"):
                self._open(kind, index)
            self.block.append(rest)

    def _structure(self, index: int, line: str, nested: bool, quoted: bool) -> bool:
        """Take ``line`` when it opens a fence, comment or HTML block, or is a heading, a rule or a link definition."""
        stripped = line.strip()
        first = stripped[0]
        if first in "`~" and (self.in_list or not line.startswith(("    ", "\t"))):
            opened = _FENCE.match(line)
            if opened and "`" not in line[opened.end() :]:
                self._flush()
                self.fence, self.info, self.start, self.quoted = opened.group(1), line[opened.end() :].strip(), index + 1, quoted
                return True
        elif first == "<":
            if stripped.startswith("<!--"):  # comments are ignored
                self._flush()
                self.comment = "-->" not in stripped
                return True
            end = _html_end(line, self.kind == "text")
            if end is not None:
                self._open("html", index)
                self.block.append(line)
                self.html_end = end
                if end and end in line.lower():
                    self._flush()
                return True
        elif first == "#":
            heading = _ATX.match(line.lstrip() if nested else line)
            if heading:
                self._flush()
                self.in_list = self.in_list and nested
                self._heading(len(heading.group(1)), heading.group(2) or "", index)
                return True
        elif first in "=-" and self.kind == "text" and _SETEXT.match(line):
            content = "\n".join(self.block)
            self.block.clear()
            self._heading(1 if first == "=" else 2, content, self.start)
            return True
        if first in "-*_" and _RULE.match(line):
            self._flush()
            return True
        if first in "|:-" and self.kind in ("text", "row") and len(self.block) == 1 and _DELIMITER.match(line):
            self.kind, self.table = "row", True  # the line before was a table's header row
            self._flush()
            return True
        return first == "[" and not self.kind and _DEFINITION.match(line) is not None

    def _open(self, kind: str, index: int) -> None:
        self._flush()
        self.kind, self.start = kind, index

    def _heading(self, level: int, content: str, index: int) -> None:
        line = self.first_line + index
        self.builder.heading(level, parse_inline(content, line, self.refs), line)
        self.kind = ""

    def _flush(self) -> None:
        if self.block:
            content = "\n".join(self.block)
            line = self.first_line + self.start
            if self.kind == "code":
                self.builder.code("", content.rstrip("\n") + "\n", line)
            elif self.kind == "html":
                self.builder.html(extract_html(content, line))
            else:
                inline = parse_inline(content, line, self.refs)
                self.builder.text(inline, line, len(inline.text) if self.kind == "row" else None, item=self.kind != "text")
            self.block.clear()
        self.kind = self.html_end = ""


def _html_end(line: str, in_paragraph: bool) -> str | None:
    """Whether an HTML block starts at ``line``, as CommonMark says, and what ends it: a closing tag, or "" for a blank line."""
    raw = _HTML_RAW.match(line)
    if raw:
        return f"</{raw[1].lower()}>"
    if _HTML_BLOCK.match(line) or (not in_paragraph and _HTML_TAG_LINE.match(line)):
        return ""
    return None


def _kind_of(line: str, table: bool) -> tuple[str, int]:
    """What a non-blank line starts (a list item, a table row, or text), and where its text starts (after a list marker)."""
    first = line.lstrip()[:1]
    if first == "|" or (table and "|" in line):
        return "row", 0
    if first in ("-", "*", "+") or first.isdigit():
        item = _ITEM.match(line)
        if item:
            return "item", item.end()
    return "text", 0
