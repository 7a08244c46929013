"""Org READMEs (``README.org``): a line reader for the parts a tagger needs.

``#+TITLE:`` gives the title and ``*`` headlines the headings (a level
down when there is a title); ``#+BEGIN_SRC LANG`` and ``#+BEGIN_EXAMPLE``
blocks and ``:`` lines give code; ``#+BEGIN_EXPORT html`` blocks and
``#+HTML:`` lines are read as HTML; ``[[URL][text]]`` and bare URLs give
links, and a link to an image (or whose text is one) an image or badge;
``=verbatim=`` and ``~code~`` give code spans; list items and table rows
give items. Comments, drawers and other ``#+`` keywords are skipped.
"""

from __future__ import annotations

import re

from ..document import Image, Link
from .builder import DocumentBuilder
from .html import extract_html
from .inline import BARE_URL, Inline
from .lines import Paragraph, block_end, is_image, substitute

_HEADLINE = re.compile(r"^(\*+)[ \t]+(?:(?:TODO|DONE)[ \t]+)?(?:\[#\w\][ \t]+)?(.*?)(?:[ \t]+:[\w@#%:]+:)?[ \t]*$")
_TITLE = re.compile(r"^[ \t]*#\+title:", re.IGNORECASE | re.MULTILINE)
_KEYWORD = re.compile(r"^[ \t]*#\+(\w+)(?:\[[^\]]*\])?:[ \t]*(.*)$")
_BEGIN = re.compile(r"^[ \t]*#\+begin_(\w+)[ \t]*(.*)$", re.IGNORECASE)
_SKIPPED = re.compile(r"^[ \t]*(?:#\+end_\w+|#(?:[ \t].*)?$|-{5,}[ \t]*$|\|[-+]|(?:SCHEDULED|DEADLINE|CLOSED):)", re.IGNORECASE)
"""Lines that are not prose: a block's end, a comment, a rule, a table's rule, a planning line."""
_DRAWER = re.compile(r"^[ \t]*:[\w-]+:[ \t]*$")
_FIXED = re.compile(r"^[ \t]*:(?:[ \t]|$)")
_ITEM = re.compile(r"^(?:[ \t]*(?:[-+]|\d+[.)]|[a-zA-Z][.)])|[ \t]+\*)[ \t]+(?:\[[ X-]\][ \t]+)?(\S.*)$")
_TEXT_KEYWORDS = frozenset(("subtitle", "description"))
_INLINE = re.compile(
    r"""
    \[\[(?P<target>[^\[\]]+)\](?:\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\])?\]
  | (?:^|(?<=[\s('"{]))(?P<mark>[=~])(?P<code>\S(?:[^\n]{0,200}?\S)?)(?P=mark)(?=$|[\s.,;:!?)'"}-])
  | <(?P<angle>https?://[^<>\s]+)>
  | (?P<bare>"""
    + BARE_URL
    + r""")
    """,
    re.VERBOSE,
)


def parse_org(text: str, builder: DocumentBuilder) -> None:
    """Feed an Org README to ``builder``."""
    lines = text.split("\n")
    shift = 1 if _TITLE.search(text) else 0  # with a title, the top headlines are sections under it
    paragraph = Paragraph(builder, _inline)
    titled = False
    i = 0
    while i < len(lines):
        line = lines[i]
        headline = _HEADLINE.match(line)
        begin = _BEGIN.match(line)
        keyword = _KEYWORD.match(line) if begin is None else None
        skipped = _SKIPPED.match(line)
        if not line.strip() or headline or begin or keyword or skipped or _DRAWER.match(line):
            paragraph.flush()
        if headline:
            builder.heading(len(headline[1]) + shift, _inline(headline[2], i + 1), i + 1)
        elif begin:
            i = _block(lines, i, begin[1].lower(), begin[2], builder)
        elif keyword:
            name = keyword[1].lower()
            if name == "title" and not titled:
                titled = True
                builder.heading(1, _inline(keyword[2], i + 1), i + 1)
            elif name in _TEXT_KEYWORDS:
                paragraph.add(keyword[2], i)
                paragraph.flush()
            elif name == "html":
                builder.html(extract_html(keyword[2], i + 1))
        elif _DRAWER.match(line):  # :PROPERTIES: ... :END:
            i = block_end(lines, i + 1, lambda line: line.strip().lower() == ":end:")
        elif _FIXED.match(line) and not paragraph.lines:
            end = block_end(lines, i, lambda line: not _FIXED.match(line))
            builder.code("", "\n".join(re.sub(r"^[ \t]*:[ \t]?", "", line) for line in lines[i:end]), i + 1)
            i = end - 1
        elif line.lstrip().startswith("|") and not skipped:
            paragraph.add(" ".join(cell.strip() for cell in line.split("|") if cell.strip()), i, item=True)
        elif line.strip() and not skipped:
            item = _ITEM.match(line)
            paragraph.add(item[1] if item else line, i, item=item is not None)
        i += 1
    paragraph.flush()


def _block(lines: list[str], i: int, kind: str, argument: str, builder: DocumentBuilder) -> int:
    """A ``#+BEGIN_KIND`` block at ``i``: the index of its ``#+END`` line (or of its own line, when its content is prose)."""
    words = argument.split()
    html = kind == "html" or (kind == "export" and words[:1] == ["html"])
    if kind not in ("src", "example", "export", "comment") and not html:  # quote, center, verse...: read as prose
        return i
    closing = re.compile(rf"[ \t]*#\+end_{kind}\b", re.IGNORECASE)
    end = block_end(lines, i + 1, lambda line: closing.match(line) is not None)
    body = "\n".join(lines[i + 1 : end])
    if html:
        builder.html(extract_html(body, i + 2))
    elif kind in ("src", "example"):
        builder.code(words[0] if kind == "src" and words else "", body, i + 2)
    return end


def _inline(text: str, line: int) -> Inline:
    """Read inline Org that starts on ``line``."""
    out = Inline()
    out.text = _walk(text, line, out, "")
    return out


def _walk(text: str, line: int, out: Inline, href: str) -> str:
    """``text`` with its inline markup read into ``out``; ``href``: the link around it, for its images."""
    if not any(mark in text for mark in ("[[", "=", "~", "://")):
        return text
    return substitute(_INLINE, text, line, lambda match, at: _replace(match, at, out, href))


def _replace(match: re.Match[str], at: int, out: Inline, href: str) -> str:
    """Record what ``match`` holds in ``out``; the text that stands for it in the prose."""
    target, label = match["target"], match["text"]
    if target is None:
        if match["code"] is not None:
            return out.code_span(match["code"], at)
        return out.bare_link(match["angle"] or match["bare"], at)
    if label is not None and is_image(label):  # [[link][image]]: a badge or a linked picture
        out.images.append(Image(_file(label), "", at, _file(target)))
    elif label is None and is_image(target):
        out.images.append(Image(_file(target), "", at, href))
    else:
        inner = _walk(label, at, out, _file(target)) if label is not None else ("" if "://" in target else target.lstrip("*#"))
        out.links.append(Link(_file(target), inner, at))
        return inner or " "
    return ""


def _file(target: str) -> str:
    """A link target without Org's ``file:`` prefix."""
    return target[5:] if target.startswith("file:") else target
