"""MediaWiki READMEs (``README.mediawiki``, ``.wiki``): a line reader for the parts a tagger needs.

``= Title =`` to ``====== Title ======`` lines give headings; ``<pre>``,
``<source>`` and ``<syntaxhighlight>`` blocks (with their ``lang``) and
lines indented by a space give code; ``*``, ``#``, ``;`` and ``:`` lines and
table rows (``{|`` ... ``|}``) give list items; ``[url text]``, bare URLs
and ``[[Page|text]]`` give links, ``[[File:...]]`` an image; ``<code>`` and
``<tt>`` give code spans. Templates (``{{...}}``), comments and magic words
(``__NOTOC__``) are left out; other HTML is read as HTML.
"""

from __future__ import annotations

import re

from ..document import Image, Link
from .builder import DocumentBuilder
from .inline import BARE_URL, Inline, unescape
from .lines import Paragraph, block_end, is_image, substitute

_HEADING = re.compile(r"^(={1,6})[ \t]*([^=\s].{0,300}?)[ \t]*\1[ \t]*$")
_CODE_OPEN = re.compile(r"^[ \t]*<(pre|source|syntaxhighlight)\b([^>\n]{0,300})>(.*)$", re.IGNORECASE)
_LANG = re.compile(r"""\blang(?:uage)?\s*=\s*["']?([\w+#.-]{1,40})""", re.IGNORECASE)
_ITEM = re.compile(r"^[*#;:]+[ \t]*(.*)$")
_TABLE_ROW = re.compile(r"^[ \t]*(?:\|-|\|\+|\{\|)")
_CELL_ATTRIBUTES = re.compile(r"^[^|\[\]{}<>\n]{0,200}=[^|\[\]{}<>\n]{0,200}\|(?!\|)")
_MAGIC = re.compile(r"__[A-Z]{2,20}__")
"""A behaviour switch such as ``__NOTOC__``."""
_INLINE = re.compile(
    r"""
    \[\[(?:File|Image|Datei|Fichier|Bild):(?P<file>[^|\]\n]{1,300})(?P<options>(?:\|[^\]\n]{0,300})?)\]\]
  | \[\[(?P<page>[^|\[\]\n]{1,300})(?:\|(?P<label>[^\]\n]{0,300}))?\]\]
  | \[(?P<url>(?:https?|ftp)://[^\s\]]{1,500})(?:[ \t]+(?P<text>[^\]\n]{1,300}))?\]
  | <(?P<tag>code|tt|kbd)>(?P<code>[^<\n]{1,200})</(?P=tag)>
  | (?P<bare>"""
    + BARE_URL
    + """)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_BRACES = re.compile(r"\{\{|\}\}")
_CATEGORY = re.compile(r"[ \t]*(?:Category|Kategorie|Catégorie|Categoría|Categoria|Категория|分类|カテゴリ)[ \t]*:", re.IGNORECASE)
_EMPHASIS = re.compile(r"'{2,5}")
_NOWIKI = re.compile(r"</?nowiki\s*/?>", re.IGNORECASE)


def parse_mediawiki(text: str, builder: DocumentBuilder) -> None:
    """Feed a MediaWiki README to ``builder``."""
    lines = _without_templates(_MAGIC.sub("", _without_comments(text))).split("\n")
    paragraph = Paragraph(builder, _inline)
    table, new_row, i = False, True, 0
    while i < len(lines):
        line = lines[i]
        heading = _HEADING.match(line)
        code = _CODE_OPEN.match(line)
        if heading or code or not line.strip() or line.startswith("----"):
            paragraph.flush()
        if heading:
            builder.heading(len(heading[1]), _inline(heading[2], i + 1), i + 1)
        elif code:
            i = _code(lines, i, code, builder)
        elif line.startswith(" ") and line.strip() and not paragraph.lines:
            end = block_end(lines, i, lambda line: not line.startswith(" ") or not line.strip())
            builder.code("", "\n".join(part[1:] for part in lines[i:end]), i + 1)
            i = end - 1
        elif _TABLE_ROW.match(line) or line.lstrip().startswith("|}"):
            paragraph.flush()
            table, new_row = not line.lstrip().startswith("|}"), True
        elif table and line.lstrip()[:1] in ("|", "!"):  # a row's cells, on one line or a line each: one item
            cells = re.split(r"\|\||!!", line.lstrip()[1:])
            paragraph.add(" ".join(_CELL_ATTRIBUTES.sub("", cell).strip() for cell in cells), i, item=new_row)
            new_row = False
        elif line.strip() and not line.startswith("----"):
            item = _ITEM.match(line)
            paragraph.add(item[1] if item else line, i, item=item is not None)
        i += 1
    paragraph.flush()


def _code(lines: list[str], start: int, opening: re.Match[str], builder: DocumentBuilder) -> int:
    """Hand the code block that opens on line ``start`` to ``builder``; the index of its last line."""
    closing = re.compile(rf"</{opening[1]}\s*>", re.IGNORECASE)
    lang = _LANG.search(opening[2])
    first = opening[3]
    end = start if closing.search(first) else block_end(lines, start + 1, lambda line: bool(closing.search(line)))
    body = [first, *lines[start + 1 : end + 1]] if end > start else [first]
    content = closing.split("\n".join(body), maxsplit=1)[0]
    builder.code(lang[1] if lang else "", _NOWIKI.sub("", content).strip("\n"), start + 1)
    return min(end, len(lines) - 1)


def _without_comments(text: str) -> str:
    """``text`` with its ``<!-- -->`` comments left out (an unclosed one runs to the end), their line breaks kept."""
    out: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        end = len(text) if end < 0 else end + 3
        out.extend((text[pos:start], "\n" * text.count("\n", start, end)))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _without_templates(text: str) -> str:
    """``text`` with every template (``{{...}}``, nested ones too) left out, its line breaks kept."""
    if "{{" not in text:
        return text
    out, depth, pos = [], 0, 0
    for brace in _BRACES.finditer(text):
        if depth:
            out.append("\n" * text.count("\n", pos, brace.start()))
        else:
            out.append(text[pos : brace.start()])
        if brace[0] == "{{":
            depth += 1
        elif depth:
            depth -= 1
        else:
            out.append("}}")
        pos = brace.end()
    out.append("\n" * text.count("\n", pos) if depth else text[pos:])
    return "".join(out)


def _inline(text: str, line: int) -> Inline:
    """Read inline MediaWiki that starts on ``line`` (HTML in it read as HTML)."""
    out = Inline()
    if "[" in text or "<" in text or "://" in text:
        text = substitute(_INLINE, text, line, lambda match, at: _replace(match, at, out))
    text = _EMPHASIS.sub("", _NOWIKI.sub("", text))
    text = out.html_read(text, line) if "<" in text else text
    out.text = unescape(text)  # &lt;, &ldquo;, &nbsp;...
    return out


def _replace(match: re.Match[str], at: int, out: Inline) -> str:
    """Record what ``match`` holds in ``out``; the text that stands for it in the prose."""
    if match["file"] is not None:
        options = [part for part in match["options"].split("|") if part and "=" not in part]
        caption = options[-1] if options and options[-1] not in ("thumb", "frame", "left", "right", "center", "none") else ""
        out.images.append(Image(match["file"].strip(), caption, at))
        return caption
    if match["page"] is not None:
        if _CATEGORY.match(match["page"]):  # files the page in a category; the page does not show it
            return ""
        label = match["label"] or match["page"].lstrip(":").rsplit("#", 1)[0]
        out.links.append(Link(match["page"].strip(), label, at))
        return label
    if match["url"] is not None:
        label = match["text"] or ""
        if label and is_image(label):  # a linked image: a badge, or a logo
            out.images.append(Image(label.strip(), "", at, match["url"]))
            return ""
        out.links.append(Link(match["url"], label, at))
        return label or " "
    if match["code"] is not None:
        return out.code_span(match["code"], at)
    return out.bare_link(match["bare"], at)
