"""RDoc READMEs (``README.rdoc``, Ruby's markup): a line reader for the parts a tagger needs.

``=`` to ``======`` lines give headings (``:title:`` the title); indented
verbatim text gives code; ``*``, ``-``, ``1.``, ``[label]`` and ``label::``
lines give list items; ``{text}[url]``, ``word[url]`` and bare URLs give
links, an ``<img>`` or ``rdoc-image:`` inside one an image or badge;
``+code+``, ``<tt>`` and ``<code>`` give code spans.
"""

from __future__ import annotations

import re

from ..document import Image, Link
from .builder import DocumentBuilder
from .html import extract_html
from .inline import BARE_URL, Inline
from .lines import Paragraph, block_end, substitute

_HEADING = re.compile(r"^(={1,6})[ \t]*(\S.*?)[ \t]*$")
_RULE = re.compile(r"^-{3,}[ \t]*$")
_DIRECTIVE = re.compile(r"^:(\w+):[ \t]*(.*)$")
_ITEM = re.compile(r"^[ \t]*(?:[*-]|\d+\.|[a-zA-Z]\.)[ \t]+(\S.*)$|^[ \t]*\[([^\[\]\n]+)\][ \t]+(\S.*)$|^[ \t]*(\S[^:\n]{0,80}?)::(?:[ \t]+(.*))?$")
"""A list item: a bullet or number, a ``[label]`` with its text after it (``[core]`` alone, ``[[1, 2]]`` are code), or ``label::``."""
_INLINE = re.compile(
    r"""
    \{(?P<text>[^{}\n]{1,500})\}\[(?P<url>[^\]\s]{1,500})\]
  | (?<![\w.-])(?P<word>[\w.-]+)\[(?P<word_url>(?:https?://|ftp://|mailto:|link:)[^\]\s]{1,500})\]
  | rdoc-image:(?P<image>[^\s\]]+)
  | <(?P<tag>tt|code)>(?P<code>[^<\n]{1,200})</(?P=tag)>
  | (?<![\w+])\+(?P<plus>[^\s+][^+\n]{0,200}?)\+(?![\w+])
  | (?P<bare>"""
    + BARE_URL
    + r""")
    """,
    re.VERBOSE,
)
_ESCAPE = re.compile(r"\\(?=[\w+{<])")
"""A backslash that keeps a word from being a cross-reference or markup (``\\RDoc``)."""
_TAGS = re.compile(r"</?(?:b|em|i|strong|tt|code)>", re.IGNORECASE)


def parse_rdoc(text: str, builder: DocumentBuilder) -> None:
    """Feed an RDoc README to ``builder``."""
    lines = text.split("\n")
    paragraph = Paragraph(builder, _inline)
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = _HEADING.match(line)
        directive = _DIRECTIVE.match(line)
        if not line.strip() or heading or directive or _RULE.match(line):
            paragraph.flush()
        if heading:
            builder.heading(len(heading[1]), _inline(heading[2], i + 1), i + 1)
        elif directive:
            if directive[1].lower() == "title":
                builder.heading(1, _inline(directive[2], i + 1), i + 1)
        elif line[:1] in (" ", "\t") and not paragraph.lines and not _ITEM.match(line):
            end = block_end(lines, i, lambda line: bool(line.strip()) and line[:1] not in (" ", "\t"))
            builder.code("", "\n".join(lines[i:end]).rstrip("\n"), i + 1)
            i = end - 1
        elif line.strip() and not _RULE.match(line):
            item = _ITEM.match(line)
            paragraph.add(" ".join(part for part in item.groups() if part) if item else line, i, item=item is not None)
        i += 1
    paragraph.flush()


def _inline(text: str, line: int) -> Inline:
    """Read inline RDoc that starts on ``line``."""
    out = Inline()
    if any(mark in text for mark in ("[", "+", "<", "://", "rdoc-image:")):
        text = substitute(_INLINE, text, line, lambda match, at: _replace(match, at, out))
    text = _TAGS.sub("", text) if "<" in text else text
    out.text = _ESCAPE.sub("", text) if "\\" in text else text
    return out


def _replace(match: re.Match[str], at: int, out: Inline) -> str:
    """Record what ``match`` holds in ``out``; the text that stands for it in the prose."""
    label, url = (match["text"], match["url"]) if match["text"] is not None else (match["word"], match["word_url"])
    if label is not None:
        url = url.removeprefix("link:")
        if "<img" in label or "rdoc-image:" in label:  # a linked image: a badge, or a logo
            found = extract_html(label, at)
            images = found.images or [Image(label.split("rdoc-image:", 1)[-1].strip(), "", at)]
            out.images.extend(image._replace(href=url) for image in images)
            return ""
        out.links.append(Link(url, label, at))
        return label
    if match["image"] is not None:
        out.images.append(Image(match["image"], "", at))
        return ""
    if match["bare"] is not None:
        return out.bare_link(match["bare"], at)
    return out.code_span(match["code"] if match["code"] is not None else match["plus"], at)
