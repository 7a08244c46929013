"""Textile READMEs (``README.textile``): a paragraph reader for the parts a tagger needs.

``h1.`` to ``h6.`` give headings; ``bc.`` and ``pre.`` blocks (and their
extended ``bc..`` forms, to the next block) give code; ``notextile.``
blocks are read as HTML; ``*`` and ``#`` lines and table rows give items;
``"text":url`` and bare URLs give links, ``!image!`` (``!image!:url``) an
image or badge; ``@code@`` gives code spans; a paragraph that begins with a
tag is read as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Image, Link
from .badges import badge_of
from .builder import DocumentBuilder
from .html import extract_html
from .inline import BARE_URL, Inline, without_bold
from .lines import paragraphs, substitute

_BLOCK = re.compile(r"^(h[1-6]|p|bq|bc|pre|fn\d+|notextile)(?:\([^)\n]*\)|\{[^}\n]*\}|\[[^\]\n]*\]|[<>=])*\.(\.)?(?:[ \t]+|(?=\n)|$)")
_CODE_SPAN = r"@(?P<code>[^@\n]{1,200})@"
_CODE = re.compile(_CODE_SPAN)
_ITEM = re.compile(r"^[ \t]*[*#]+[ \t]+(\S.*)$")
_URL_END = r"[^\s\"<>]{0,500}[^\s\"<>.,;:!?)\]]"
_INLINE = re.compile(
    rf"""
    "(?P<text>[^"\n]{{1,300}})":(?P<url>{_URL_END})
  | !(?:\([^)\n]*\)|\{{[^}}\n]*\}}|[<>])*(?P<src>[^\s!()]{{0,300}}[./][^\s!()]{{0,300}})(?:\((?P<alt>[^)\n]{{0,200}})\))?!(?::(?P<href>{_URL_END}))?
  | {_CODE_SPAN}
  | (?P<bare>"""
    + BARE_URL
    + r""")
    """,
    re.VERBOSE,
)


def parse_textile(text: str, builder: DocumentBuilder) -> None:
    """Feed a Textile README to ``builder``."""
    extended = ""
    blocks = iter(paragraphs(text))
    for line, block in blocks:
        if block.lstrip().lower().startswith("<pre") and "</pre>" not in block.lower():  # a <pre> goes on past blank lines
            block = "\n\n".join([block, *_to_closing(blocks)])
        signature = _BLOCK.match(block)
        if signature:
            kind, content = signature[1], block[signature.end() :]
            extended = kind if signature[2] else ""
        else:
            kind, content = extended or "p", block
        if kind[0] == "h":
            builder.heading(int(kind[1]), _inline(" ".join(content.split()), line), line)
        elif kind in ("bc", "pre"):
            builder.code("", content, line)
        elif kind == "notextile" or (not signature and not extended and content.startswith("<")):  # an HTML block: <pre>, <div>...
            builder.html(extract_html(content, line))
        else:
            _prose(content, line, builder)


def _to_closing(blocks: Iterator[tuple[int, str]]) -> Iterator[str]:
    """The blocks up to the one holding ``</pre>`` (it too), taken from ``blocks``."""
    for _, block in blocks:
        yield block
        if "</pre>" in block.lower():
            return


def _prose(content: str, line: int, builder: DocumentBuilder) -> None:
    """A paragraph: list items and table rows one item each, other lines one run of text."""
    lines = content.split("\n")
    if not any(_ITEM.match(text) or text.startswith("|") for text in lines):
        builder.text(_inline(content, line), line)
        return
    for number, text in enumerate(lines, line):
        item = _ITEM.match(text)
        cells = " ".join(cell.strip().removeprefix("_.").strip() for cell in text.split("|")) if text.startswith("|") else ""
        if item or cells.strip():
            builder.text(_inline(item[1] if item else cells, number), number, item=True)
        elif text.strip():
            builder.text(_inline(text, number), number)


def _inline(text: str, line: int, href: str = "") -> Inline:
    """Read inline Textile that starts on ``line`` (HTML in it read as HTML)."""
    out = Inline()
    text = without_bold(text, _CODE)
    if any(mark in text for mark in ('":', "!", "@", "://")):
        text = substitute(_INLINE, text, line, lambda match, at: _replace(match, at, out, href))
    out.text = out.html_read(text, line) if "<" in text else text
    return out


def _replace(match: re.Match[str], at: int, out: Inline, href: str) -> str:
    """Record what ``match`` holds in ``out``; the text that stands for it in the prose."""
    if match["text"] is not None:
        inner = _inline(match["text"], at, match["url"])
        out.images.extend(inner.images)
        out.code.extend(inner.code)
        out.links.append(Link(match["url"], inner.text, at))
        return inner.text
    if match["src"] is not None:
        alt = match["alt"] or ""
        out.images.append(Image(match["src"], alt, at, match["href"] or href))
        return alt if badge_of(match["src"]) is None else ""
    if match["code"] is not None:
        return out.code_span(match["code"], at)
    return out.bare_link(match["bare"], at)
