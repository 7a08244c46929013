"""reStructuredText and plain-text READMEs: a simple line-based reader.

Underlined (and overlined) titles become headings, blank lines separate
paragraphs, ``.. image::`` and ``.. |name| image::`` give images and badges,
``.. code-block::``, ``::`` and ``>>>`` blocks give code, `` `text <url>`_ `` gives links.
An admonition's body (``.. note::``) is read as the rest is; directives that
hold no prose (``.. contents::``, ``.. toctree::``, ``.. include::``) are passed over.
"""

from __future__ import annotations

import re

from ..document import Image, Link
from .builder import DocumentBuilder
from .html import extract_html
from .inline import BARE_URL, Inline, without_bold

_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+:.])\1{2,}\s*$")
_DIRECTIVE = re.compile(r"^\.\.\s+(?:\|(?P<sub>[^|]+)\|\s+)?(?P<name>[\w-]+)::\s*(?P<arg>.*)$")
_TARGET = re.compile(r"^\.\.\s+_[^:]+:\s*(?P<url>\S+)\s*$")
_OPTION = re.compile(r"^\s+:(?P<key>[\w-]+):\s*(?P<value>.*)$")
_RST_LINK = re.compile(r"`(?P<text>[^`<]*?)\s*<(?P<url>[^>`]+)>`__?")
_LITERAL = re.compile(r"``(?P<code>[^`]+)``")
_SUBSTITUTION = re.compile(r"(?<![\w|])\|[^|\s][^|]*?\|(?:__?)?(?![\w|])|^\|\s+", re.MULTILINE)
_BARE_URL = re.compile(BARE_URL)
_CODE_DIRECTIVES = frozenset("code code-block sourcecode highlight parsed-literal doctest testcode testoutput literalinclude math".split())
_NO_PROSE = frozenset(
    """contents toctree include index meta sectnum section-numbering role default-role autosummary automodule autoclass
    autofunction automethod autodata currentmodule module target-notes header footer raw""".split()
)
"""Directives whose argument and body are paths, names, options or markup for another format, not prose."""
_NESTS = frozenset(
    """note tip hint important attention caution warning danger error admonition seealso topic sidebar container rubric
    versionadded versionchanged deprecated only tab tabs grid grid-item grid-item-card card""".split()
)
"""Directives whose body is reST of its own: read as the rest is (a code block inside a warning is code)."""


def parse_rst(text: str, builder: DocumentBuilder, rst: bool = True) -> None:
    """Feed a reStructuredText (or plain-text) README to ``builder``."""
    _parse_lines(text.split("\n"), builder, rst, 0, [])


def _parse_lines(lines: list[str], builder: DocumentBuilder, rst: bool, offset: int, styles: list[tuple[str, bool]]) -> None:
    """Read ``lines``, the first of which is the README's line ``offset + 1`` (a directive's body is read at its place)."""
    paragraph: list[str] = []
    start = 0
    i = 0

    def flush() -> None:
        if paragraph:
            builder.text(_inline("\n".join(paragraph), offset + start + 1), offset + start + 1)
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        heading = _heading_at(lines, i)
        if heading is not None:
            flush()
            text_line, style, consumed = heading
            if style not in styles:
                styles.append(style)
            title = lines[text_line].strip()
            builder.heading(styles.index(style) + 1, _inline(title, offset + text_line + 1) if rst else Inline(title), offset + text_line + 1)
            i += consumed
            continue
        directive = _DIRECTIVE.match(line) if rst else None
        if directive:
            flush()
            i = _directive(lines, i, directive, builder, offset, styles)
            continue
        target = _TARGET.match(line) if rst else None
        if target:
            flush()
            builder.link(Link(target["url"], "", offset + i + 1))
            i += 1
            continue
        if not stripped:
            flush()
            i += 1
            continue
        if rst and stripped.startswith(".."):  # a comment: skip it and its indented body
            flush()
            i = _skip_indented(lines, i + 1)
            continue
        if rst and stripped.startswith(">>>") and not paragraph:  # a doctest block: to the next blank line
            end = i
            while end < len(lines) and lines[end].strip():
                end += 1
            builder.code("python", "\n".join(lines[i:end]), offset + i + 1)
            i = end
            continue
        if not paragraph:
            start = i
        paragraph.append(line)
        i += 1
        if rst and stripped.endswith("::") and not stripped.startswith(".."):
            flush()
            end = _skip_indented(lines, i)
            builder.code("", "\n".join(lines[i:end]), offset + i + 1)
            i = end
    flush()


def parse_text(text: str, builder: DocumentBuilder) -> None:
    """Feed a plain-text README to ``builder`` (underlined titles, paragraphs and links; no reST markup)."""
    parse_rst(text, builder, rst=False)


def _heading_at(lines: list[str], i: int) -> tuple[int, tuple[str, bool], int] | None:
    """(line of the title text, (underline char, overlined), lines used) when a title starts at ``i``."""
    line = lines[i]
    if _UNDERLINE.match(line) and i + 2 < len(lines) and lines[i + 1].strip() and _UNDERLINE.match(lines[i + 2]):
        if lines[i + 2].strip()[0] == line.strip()[0]:
            return i + 1, (line.strip()[0], True), 3
    if line.strip() and not _UNDERLINE.match(line) and i + 1 < len(lines):
        under = lines[i + 1]
        if _UNDERLINE.match(under) and len(under.strip()) >= min(len(line.strip()), 3) and not line.startswith(" "):
            return i, (under.strip()[0], False), 2
    return None


def _skip_indented(lines: list[str], i: int) -> int:
    """The index after the indented block (blank lines included) that starts at ``i``."""
    while i < len(lines) and (not lines[i].strip() or lines[i][:1] in (" ", "\t")):
        i += 1
    return i


def _directive(lines: list[str], i: int, match: re.Match[str], builder: DocumentBuilder, offset: int, styles: list[tuple[str, bool]]) -> int:
    name = match["name"].lower()
    end = _skip_indented(lines, i + 1)
    body = lines[i + 1 : end]
    options = {m["key"]: m["value"].strip() for m in map(_OPTION.match, body) if m}
    at = offset + i + 1
    if name in ("image", "figure"):
        builder.image(Image(match["arg"].strip(), options.get("alt", match["sub"] or ""), at, options.get("target", "")))
    elif name == "raw" and match["arg"].strip().lower() == "html":
        builder.html(extract_html("\n".join(body), at + 1))
    elif name in _CODE_DIRECTIVES:
        code = [line for line in body if not _OPTION.match(line)]
        builder.code(match["arg"].strip(), "\n".join(code), at + 1)
    elif name in _NESTS:
        if match["arg"].strip():
            builder.text(_inline(match["arg"], at), at)
        first = next((n for n, line in enumerate(body) if line.strip() and not _OPTION.match(line)), len(body))
        inner = body[first:]
        indent = min((len(line) - len(line.lstrip()) for line in inner if line.strip()), default=0)
        _parse_lines([line[indent:] for line in inner], builder, True, at + first, styles)
    elif name not in _NO_PROSE:
        text = "\n".join([match["arg"]] + [line for line in body if not _OPTION.match(line)])
        if text.strip():
            builder.text(_inline(text, at), at)
    return end


def _inline(text: str, line: int) -> Inline:
    out = Inline()
    for match in _RST_LINK.finditer(text):
        out.links.append(Link(match["url"], match["text"], line + text.count("\n", 0, match.start())))
    for match in _LITERAL.finditer(text):
        out.code_span(match["code"], line + text.count("\n", 0, match.start()))
    stripped = _SUBSTITUTION.sub(" ", _RST_LINK.sub(lambda m: m["text"], text))  # |badge| references, line blocks
    for match in _BARE_URL.finditer(stripped):
        out.links.append(Link(match.group(), "", line + stripped.count("\n", 0, match.start())))
    out.text = without_bold(_BARE_URL.sub(" ", stripped), _LITERAL)
    return out
