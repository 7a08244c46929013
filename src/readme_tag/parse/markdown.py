"""Markdown to Document with markdown-it-py (CommonMark, tables, strikethrough).

Only the block pass of markdown-it runs; inline content is read by
``inline.parse_inline`` and raw HTML blocks by ``html_text``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

from .builder import DocumentBuilder
from .html import extract_html
from .inline import parse_inline

_ALERT = re.compile(r"\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)


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
    items = 0  # list items open around the current text
    alerts: list[bool] = []  # for each open blockquote: is it a GitHub alert ("> [!NOTE]")?
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
        elif kind in ("list_item_open", "list_item_close"):
            items += 1 if kind == "list_item_open" else -1
        elif kind == "blockquote_open":
            alerts.append(False)
        elif kind == "blockquote_close" and alerts:
            alerts.pop()
        elif kind == "inline":
            inline = parse_inline(token.content, last_line, refs)
            if alerts and _ALERT.match(token.content):
                alerts[-1] = True
            if heading_level:
                builder.heading(heading_level, inline, last_line)
            else:  # table cells, list items and alerts are text, but not the README's prose
                builder.text(inline, last_line, len(inline.text) if in_cell or any(alerts) else None, item=items > 0 or in_cell)
        elif kind == "fence":
            builder.code(token.info.strip(), token.content, last_line + 1)
        elif kind == "code_block":
            builder.code("", token.content, last_line)
        elif kind == "html_block":
            builder.html(extract_html(token.content, last_line))
