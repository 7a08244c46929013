"""Creole READMEs (``README.creole``, wiki Creole 1.0): a line reader for the parts a tagger needs.

``=`` to ``======`` lines give headings (the closing ``=`` are optional);
``{{{`` ... ``}}}`` blocks give code and ``{{{code}}}`` code spans; ``*`` and
``#`` lines and table rows (``|=head|cell|``) give list items;
``[[url|text]]`` and bare URLs give links, ``{{image|alt}}`` an image (a
badge, or a logo inside a link); ``**``, ``//``, ``\\\\`` and ``~`` escapes
are left out of the prose.
"""

from __future__ import annotations

import re

from ..document import Image, Link
from .badges import badge_of
from .builder import DocumentBuilder
from .inline import BARE_URL, Inline
from .lines import Paragraph, block_end, substitute

_HEADING = re.compile(r"^[ \t]*(={1,6})[ \t]*([^=\s].{0,300}?)[ \t]*=*[ \t]*$")
_CELL = re.compile(r"(?:\[\[[^\[\]\n]{0,500}\]\]|\{\{[^{}\n]{0,500}\}\}|[^|])+")
"""A table cell: the text up to the next ``|`` that is not inside a link or an image."""
_ITEM = re.compile(r"^[ \t]*(?:[*#]+)[ \t]*(\S.*)$")
_RULE = re.compile(r"^[ \t]*-{4,}[ \t]*$")
_URL = re.compile(r"[a-z][a-z0-9+.-]*://|www\.|mailto:", re.IGNORECASE)
_INLINE = re.compile(
    r"""
    \[\[(?P<target>[^|\[\]\n]{1,500})(?:\|(?P<label>(?:[^\[\]\n]|\](?!\])){0,300}?))?\]\]
  | \{\{\{(?P<code>.{1,300}?)\}\}\}(?!\})
  | \{\{(?P<image>[^|{}\n]{1,500})(?:\|(?P<alt>[^}\n]{0,300}))?\}\}
  | (?P<bare>"""
    + BARE_URL
    + """)
    """,
    re.VERBOSE,
)
_MARKS = re.compile(r"\*\*|(?<!:)//|\\\\|~(?=\S)")


def parse_creole(text: str, builder: DocumentBuilder) -> None:
    """Feed a Creole README to ``builder``."""
    lines = text.split("\n")
    paragraph = Paragraph(builder, _inline)
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = _HEADING.match(line)
        code = line.strip() == "{{{"
        if heading or code or not line.strip() or _RULE.match(line):
            paragraph.flush()
        if heading:
            builder.heading(len(heading[1]), _inline(heading[2], i + 1), i + 1)
        elif code:
            end = block_end(lines, i + 1, lambda line: line.strip() == "}}}")
            builder.code("", "\n".join(lines[i + 1 : end]), i + 1)
            i = end
        elif line.lstrip().startswith("|"):
            cells = (cell.removeprefix("=").strip() for cell in _CELL.findall(line.strip().strip("|")))
            paragraph.add(" ".join(cell for cell in cells if cell), i, item=True)
        elif line.strip() and not _RULE.match(line):
            item = _ITEM.match(line) if paragraph.item or not line.lstrip().startswith("**") else None  # ** opens bold text, or a nested item
            paragraph.add(item[1] if item else line, i, item=item is not None)
        i += 1
    paragraph.flush()


def _inline(text: str, line: int) -> Inline:
    """Read inline Creole that starts on ``line``."""
    out = Inline()
    if "[[" in text or "{{" in text or "://" in text:
        text = substitute(_INLINE, text, line, lambda match, at: _replace(match, at, out))
    out.text = _MARKS.sub("", text)
    return out


def _replace(match: re.Match[str], at: int, out: Inline) -> str:
    """Record what ``match`` holds in ``out``; the text that stands for it in the prose."""
    if match["target"] is not None:
        target, label = match["target"].strip(), match["label"] or ""
        inner = _inline(label, at) if "{{" in label else None
        if inner and inner.images:  # a linked image: a badge, or a logo
            out.images.extend(image._replace(href=target) for image in inner.images)
            return inner.text
        out.links.append(Link(target, label, at))
        return label or (" " if _URL.match(target) else target)  # a page's name reads as words; an address is no prose
    if match["code"] is not None:
        return out.code_span(match["code"], at)
    if match["image"] is not None:
        source, alt = match["image"].strip(), match["alt"] or ""
        out.images.append(Image(source, alt, at))
        return alt if badge_of(source) is None else ""
    return out.bare_link(match["bare"], at)
