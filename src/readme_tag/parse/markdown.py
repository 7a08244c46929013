"""Markdown to Document: markdown-it-py (CommonMark, tables, strikethrough) for the head, a line scanner below.

Structure carries weight near the top of a README (title, description,
badges, the first headings, lists and tables): the first ``HEAD_CHARS``
characters (to the next blank line outside a fence or comment) go through markdown-it's
block pass; the rest through ``scanner.scan_markdown``, which finds headings,
code, paragraphs and links much faster. Inline content is read by
``inline.parse_inline`` and raw HTML blocks by ``html.extract_html``.
Reference definitions count wherever they stand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from types import FunctionType

from markdown_it import MarkdownIt

from .builder import DocumentBuilder
from .front_matter import FrontMatter, front_matter
from .html import extract_html
from .inline import Inline, parse_inline
from .scanner import scan_markdown, split_head

HEAD_CHARS = 2048
"""The characters of a README, at least, that markdown-it-py parses."""
_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
_ALERT = re.compile(r"\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)
"""A block quote that is GitHub's alert (``> [!NOTE]``; the older ``> **Note**`` often says what the project is, and stays prose)."""
_ADMONITION = re.compile(r"(?::{3,}|!{3}|\?{3}\+?)[ \t]*[a-z]", re.IGNORECASE)
"""A docs site's admonition paragraph: Docusaurus's ``:::info``, MkDocs's ``!!! note`` and ``??? tip``."""
_MODULE_LINE = re.compile(r"^(?:import|export)[ \t]+(?:(?:[\w$]+|\{[^}\n]*\}|\*[ \t]+as[ \t]+[\w$]+)(?:[ \t]*,[ \t]*(?:[\w$]+|\{[^}\n]*\}))?[ \t]+from[ \t]+)?['\"][^'\"\n]+['\"];?[ \t]*$")
"""An MDX page's ``import X from '...'`` line (a docs site's page): code, not prose."""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.disable("inline")
    for rule in list(md.block.ruler.__rules__):
        md.block.ruler.at(rule.name, _quiet(rule.fn), {"alt": rule.alt})
    return md


class _Quiet:
    """A logger that drops every message, at the cost of one call."""

    def debug(self, *args: object, **kwargs: object) -> None:
        pass


def _quiet(rule: Callable[..., bool]) -> Callable[..., bool]:
    """A copy of a block rule whose ``LOGGER.debug`` calls (one per rule tried per line) cost next to nothing.

    markdown-it-py's rules log at debug level each time they are tried; the
    logging calls took about 40% of the block pass. Only this parser's copies are
    quiet: markdown-it-py's own functions and loggers are left as they are.
    """
    if not isinstance(rule, FunctionType) or "LOGGER" not in rule.__code__.co_names:
        return rule
    copy = FunctionType(rule.__code__, {**rule.__globals__, "LOGGER": _Quiet()}, rule.__name__, rule.__defaults__, rule.__closure__)
    copy.__kwdefaults__ = rule.__kwdefaults__
    return copy


def parse_markdown(text: str, builder: DocumentBuilder) -> None:
    """Feed the blocks of a Markdown README to ``builder`` in reading order (its front matter first, read as such)."""
    matter = front_matter(text)
    if matter is not None:
        after = text.split("\n", matter.lines)
        text = "\n" * matter.lines + (after[-1] if len(after) > matter.lines else "")  # blank lines in its place: line numbers stay an editor's
    end = split_head(text, HEAD_CHARS)
    env: dict = {}
    tokens = _parser().parse(text[:end], env)
    if matter is not None:
        own_h1 = any((t.type == "heading_open" and t.tag == "h1") or (t.type == "html_block" and "<h1" in t.content.lower()) for t in tokens)
        _feed_front_matter(matter, builder, own_h1)  # (an <h1> in a code block is no heading)
    refs = {" ".join(k.split()).casefold(): v.get("href", "") for k, v in env.get("references", {}).items()}
    tail = text[end:]
    if tail:
        for match in _DEFINITION.finditer(tail):
            refs.setdefault(" ".join(match[1].split()).casefold(), match[2])
    _feed(tokens, builder, refs)
    if tail:
        scan_markdown(tail, text.count("\n", 0, end) + 1, builder, refs)


def _feed_front_matter(matter: FrontMatter, builder: DocumentBuilder, own_h1: bool) -> None:
    """The page's title and description, unless it has an h1 of its own (a site's page names itself: "Home"); the rest as code."""
    if own_h1:
        builder.code("", matter.inside, 2)
        return
    if matter.title[0]:
        builder.heading(1, Inline(matter.title[0]), matter.title[1])
    if matter.description[0]:
        builder.text(Inline(matter.description[0]), matter.description[1])
    builder.code("", matter.fields, 2)


def _feed(tokens: list, builder: DocumentBuilder, refs: dict[str, str]) -> None:
    """Hand markdown-it's block tokens to ``builder``."""
    heading_level = 0
    in_cell = False
    items = 0  # list items open around the current text
    alerts: list[bool] = []  # for each open blockquote: is it a GitHub alert ("> [!NOTE]")?
    admonition = False  # within a docs site's admonition whose ":::" closes it some paragraphs on
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
            elif not (items or in_cell) and all(map(_MODULE_LINE.match, token.content.splitlines())):
                builder.code("mdx", token.content, last_line)
            else:  # table cells, list items, alerts and admonitions are text, but not the README's prose
                opens = bool(_ADMONITION.match(token.content))
                aside = in_cell or any(alerts) or opens or admonition
                if token.content.startswith(":::"):
                    admonition = opens and not token.content.rstrip().endswith(":::") and "\n" not in token.content.strip()
                elif admonition and token.content.rstrip().endswith(":::"):
                    admonition = False
                builder.text(inline, last_line, len(inline.text) if aside else None, item=items > 0 or in_cell)
        elif kind == "fence":
            builder.code(token.info.strip(), token.content, last_line + 1)
        elif kind == "code_block":
            builder.code("", token.content, last_line)
        elif kind == "html_block":
            builder.html(extract_html(token.content, last_line))
