"""Markdown to Document with markdown-it-py (CommonMark, tables, strikethrough).

Only the block pass of markdown-it runs; inline content is read by
``inline.parse_inline`` and raw HTML blocks by ``html_text``.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

from .builder import DocumentBuilder
from .html_text import extract_html
from .inline import parse_inline


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.disable("inline")
    return md


def parse_markdown(text: str, builder: DocumentBuilder) -> None:
    """Feed the blocks of a Markdown README to ``builder`` in reading order."""
    env: dict = {}
    tokens = _parser().parse(text, env)
    refs = {" ".join(k.split()).casefold(): v.get("href", "") for k, v in env.get("references", {}).items()}
    heading_level = 0
    in_cell = False
    last_line = 1
    for token in tokens:
        if token.map:
            last_line = token.map[0] + 1
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = kind.endswith("_open")
        elif kind == "inline":
            inline = parse_inline(token.content, last_line, refs)
            if heading_level:
                builder.heading(heading_level, inline, last_line)
            else:  # a table cell is text, but not prose
                builder.text(inline, last_line, len(inline.text) if in_cell else None)
        elif kind == "fence":
            builder.code(token.info.strip(), token.content, last_line + 1)
        elif kind == "code_block":
            builder.code("", token.content, last_line)
        elif kind == "html_block":
            builder.html(extract_html(token.content, last_line))
