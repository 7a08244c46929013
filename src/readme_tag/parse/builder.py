"""Assemble a Document from the parts a parser finds, in reading order.

The parsers (one a markup: Markdown, reStructuredText and plain text, AsciiDoc,
Org, RDoc, POD, Textile, MediaWiki, Creole, HTML) only say what they see:
a heading, a run of text, a code block, a link, an image. The builder
decides what is the title and the description, which images are badges,
and under which heading each piece stands.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..document import Badge, CodeBlock, Document, Heading, Image, Link, Piece
from ..vocabulary import UNSPACED_CHARACTER
from .badges import badge_of
from .html import HtmlContent
from .inline import Inline
from .name_words import name_words

_PLAIN_HOST = re.compile(r"https?://([^/?#@:\[\]\\\s]*)(?:[/?#]|$)", re.IGNORECASE)
_DEFINES = re.compile(r"\b(?:is|are) (?:an?|the)\b", re.IGNORECASE)
"""A sentence that says what the project is ("X is a language with these goals:") describes it, colon or not."""
_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)")
DESCRIPTION_MIN_WORDS = 5
"""A paragraph needs this many words to count as the README's description."""
DESCRIPTION_MAX_CHARS = 1200
"""Past this many characters a first paragraph is body text, not description."""
DESCRIPTION_SHORT_WORDS = 12
"""A description shorter than this is continued by the next paragraph."""
TOC_MIN_LINES = 4
"""A paragraph of this many short lines or more, none ending a sentence, is a table of contents, not a description."""
_NOTICE = re.compile(
    r"^\W*(?:(?:note|notice|warning|important|attention|heads[- ]up)\b\W*)?"
    r"(?:(?:this|the)\s+(?:repo(?:sitory)?|project|package|library|module|crate|gem|plugin|fork|code(?:base)?)\s+(?:is|has\s+been|has|was)\s+(?:now\s+|currently\s+)?"
    r"(?:(?:an?|the)\s+(?:(?:read[- ]only|official|unofficial)\s+)?mirror\s+of\b|(?:archived|deprecated|unmaintained|discontinued|abandoned|retired|obsolete|read[- ]only)\b(?!-)"
    r"|(?:moved|migrated)\s+to\b(?!\s+(?:an?\s+|the\s+)?(?:new|newer|different)\s+(?:[\w-]+\s+){0,2}?(?:build|version|release|format|api|backend|architecture|toolchain|framework|engine|license|licence)\b)|no\s+longer\s+(?:maintained|supported|developed|updated|actively)|not\s+(?:actively\s+)?maintained\b)"
    r"|we\s+(?:no\s+longer|do\s+not|don't)\s+maintain\s+this\b"
    r"|this\s+is\s+an?\s+(?:read[- ]only\s+)?mirror\s+of\s+(?:the\s+|our\s+|an?\s+)?(?:(?:upstream|official|original|main|canonical)\s+)?(?:repo(?:sitory)?|project|source|codebase|git)\b"
    r"|(?-i:DEPRECATED|ARCHIVED|UNMAINTAINED|NO LONGER MAINTAINED|READ[- ]ONLY MIRROR)\b\W"
    r"|(?:deprecated|archived|unmaintained|obsolete|no\s+longer\s+maintained)\s*[:.!]"
    r"|(?:本|该|此|这个|這個|該)?(?:项目|專案|仓库|倉庫|代码库)[^。\n]{0,20}?(?:不再维护|停止维护|已迁移|已归档|已废弃|不再維護|已遷移|已封存)"
    r"|(?:(?:этот|данный)\s+)?(?:проект|репозиторий)\s+(?:больше\s+не\s+(?:поддерживается|развивается)|перенес[её]н|заархивирован|архивирован)"
    r"|este\s+(?:proyecto|repositorio)\s+(?:ya\s+no\s+(?:se\s+)?mantiene|est[aá]\s+(?:archivado|obsoleto)|se\s+ha\s+movido\s+a\b)"
    r"|(?:dieses|das)\s+(?:projekt|repository|repo)\s+wird\s+nicht\s+mehr\s+(?:gepflegt|gewartet|weiterentwickelt)"
    r"|ce\s+(?:projet|dépôt)\s+n'est\s+plus\s+(?:maintenu|mis\s+à\s+jour)"
    r"|(?:この|本)?(?:リポジトリ|プロジェクト)は[^。\n]{0,20}?(?:メンテナンスされていません|開発を終了|アーカイブ)"
    r"|(?:이\s*)?(?:저장소|프로젝트|리포지토리|레포지토리)[는은][^.\n]{0,20}?(?:더\s*이상\s*(?:유지\s*보수|관리|개발)되지\s*않|보관되었|이전되었|아카이브\s*(?:되었|처리되었|됨))"
    r"|(?:dit|deze)\s+(?:project|repository|repo)\s+(?:wordt\s+niet\s+(?:meer|langer)\s+(?:onderhouden|ontwikkeld)|is\s+(?:gearchiveerd|verouderd|verhuisd\s+naar|verplaatst\s+naar))"
    r"|(?:to|ten)\s+(?:projekt|repozytorium)\s+(?:nie\s+jest\s+ju[żz]\s+(?:rozwijan|utrzymywan|wspieran)[ey]|zosta[łl][oa]?\s+(?:przeniesion[ey]|zarchiwizowan[ey]))"
    r"|este\s+(?:projeto|reposit[óo]rio)\s+(?:n[ãa]o\s+(?:[ée]\s+mais|est[áa]\s+mais\s+sendo)\s+mantido|foi\s+(?:movido|arquivado|descontinuado)|est[áa]\s+(?:arquivado|obsoleto))"
    r"|questo\s+(?:progetto|repository)\s+(?:non\s+[èe]\s+più\s+(?:mantenuto|supportato|sviluppato)|[èe]\s+stato\s+(?:spostato|archiviato)))",
    re.IGNORECASE,
)
"""A notice about the repository (a mirror, archived, deprecated, moved, no longer maintained): not what the project is."""
_PREAMBLE = re.compile(
    r"^\W*(?:"
    r"(?:please|pls)\s+(?:consider\s+)?(?:give|star|leave|drop|support|sponsor|share)\b|(?:please\s+)?consider\s+(?:starring|sponsoring|supporting|giving)\b"
    r"|(?:give|leave|drop)\s+(?:us\s+|it\s+|this(?:\s+\w+)?\s+|the\s+\w+\s+)?an?\s+(?:star|⭐)|(?:don'?t\s+forget\s+to\s+)?star\s+(?:us|it|this|the\s+(?:repo(?:sitory)?|project))\b"
    r"|if\s+you\s+(?:like|liked|enjoy|enjoyed)\s+(?:this|it|our)\b|if\s+you\s+(?:find|found)\s+(?:this|it|our)(?:\s+(?:project|repo(?:sitory)?|tool|library|app|work|\w+))?\s+(?:useful|helpful|interesting|valuable)\b"
    r"|if\s+(?:this|the)\s+(?:project|repo(?:sitory)?|tool|library)\s+(?:helps?|helped|is\s+useful)\b|(?:like|love|enjoy)\s+(?:this|the)\s+(?:project|repo(?:sitory)?)\s*\?|found\s+(?:this|it)\s+useful\s*\?"
    r"|don'?t\s+forget\s+to\s+(?:give|leave|star)\b|star\s*⭐|give\s*⭐|(?:prs|pull\s+requests)\s+(?:are\s+)?(?:very\s+|always\s+)?welcome|buy\s+me\s+a\s+coffee|sponsor\s+me\b|follow\s+me\s+on\b|chat\s+with\s+us\b"
    r"|special\s+thanks\b|thanks?\s+to\s+@?[\w.-]+(?:\s+and\s+@?[\w.-]+)?\s+for\b|thanks?\s+for\s+(?:visiting|stopping|checking|your\s+interest|starring)\b|thank\s+you\b|many\s+thanks\b"
    r"|we\s+(?:need|are\s+looking\s+for|'re\s+looking\s+for|are\s+hiring|'re\s+hiring|welcome)\s+(?:help|maintainers?|contributors?|contributions|translators?)\b"
    r"|(?:help|maintainers?|contributors?)\s+wanted\b|looking\s+for\s+(?:a\s+)?(?:new\s+)?(?:maintainers?|contributors?|help)\b|contributions\s+(?:are\s+)?(?:very\s+|always\s+|more\s+than\s+)?welcome"
    r"|join\s+(?:us|(?:our|the)\s+(?:discord|slack|telegram|matrix|gitter|irc|zulip|community|server|chat|forum|mailing\s+list|newsletter|discussions?))\b"
    r"|follow\s+(?:us|our\s+(?:blog|twitter|x\s+account|mastodon|newsletter))\b|(?:this\s+project\s+is\s+)?sponsored\s+by\b|this\s+project\s+is\s+supported\s+by\b"
    r"|请(?:给|点|帮|为|支持|关注|star)|欢迎\s*(?:star|点赞|关注|加入)|求\s*star|如果(?:你|您)?(?:觉得|喜欢)(?:这个|本|该|此)(?:项目|仓库|工具|插件)"
    r"|(?:如果|若)(?:这个|本|该|此)?(?:项目|仓库)?对(?:你|您)有所?(?:帮助|用)|如果(?:你|您)?觉得(?:有|还|不错|好用)|觉得(?:不错|有用|好用|还行)的话|感谢|谢谢|点个?\s*(?:star|⭐|赞)|给个?\s*(?:star|⭐)"
    r"|スター(?:を|して|お願い)|(?:この)?(?:プロジェクト|リポジトリ)が役に立った|ありがとう|도움이\s*(?:되셨다면|됐다면)|спасибо|(?:пожалуйста,?\s+)?поставьте\s+зв[её]зд"
    r"|если\s+(?:вам\s+(?:понравил|нравит)|(?:этот\s+)?проект\s+(?:оказался\s+)?(?:полезен|понравился))"
    r"|por\s+favor\b|gracias\s+(?:por|a\s+todos)\b|si\s+(?:este\s+proyecto\s+)?te\s+(?:gusta|resulta\s+útil)|dale\s+una\s+estrella|danke\b|wenn\s+(?:dir|ihnen|euch)\s+(?:das|dieses)\s+projekt\s+gefällt"
    r"|merci\b|si\s+vous\s+aimez|si\s+ce\s+projet\s+vous|obrigad[oa]\b|se\s+voc[êe]\s+gostar|deixe\s+uma\s+estrela"
    r")",
    re.IGNORECASE,
)
"""A preamble above or under the title (a plea to star it, thanks, help or contributions wanted, a community to join, a
sponsor): it asks or thanks, it does not say what the project is, so it takes neither the title's place nor the description's
(unless the paragraph goes on to say what the project is: ``_aside``)."""


@dataclass
class _Draft:
    kind: str  # "heading", "text", "item" (a list item or table cell), "code", "badge"
    text: str
    line: int
    path: tuple[int, ...]
    """The drafts (headings) this one stands under."""
    level: int = 0
    info: str = ""
    links: int = 0
    borrowed: int = 0
    """How many characters are not the README's own prose: link text, image alt text, table cells."""


def domain_of(url: str) -> str:
    """The host of an absolute URL, lower-case and without ``www.``; "" for relative links."""
    url = url.strip()
    plain = _PLAIN_HOST.match(url)
    if plain:  # most links: no user, port or IPv6 address to take apart
        host = plain[1].lower()
    else:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            return ""
    return host[4:] if host.startswith("www.") else host


class DocumentBuilder:
    """Collects parts in reading order; ``finish()`` returns the Document."""

    def __init__(self) -> None:
        self.doc = Document()
        self._drafts: list[_Draft] = []
        self._spans: list[tuple[Piece, tuple[int, ...]]] = []
        self._links: list[tuple[Link, tuple[int, ...]]] = []
        self._path: list[tuple[int, int]] = []
        """(level, draft index) of each heading the next piece stands under."""
        self._where: tuple[int, ...] = ()
        """The draft indexes of those headings."""

    def heading(self, level: int, inline: Inline, line: int, borrowed: int | None = None) -> None:
        """A heading; it opens the section the following pieces stand under."""
        text = " ".join(inline.text.split())
        if text:
            while self._path and self._path[-1][0] >= level:
                self._path.pop()
            self._where = tuple(index for _, index in self._path)
            borrowed = _borrowed(inline) if borrowed is None else borrowed
            self._drafts.append(_Draft("heading", text, line, self._where, level, links=len(inline.links), borrowed=borrowed))
            self._path.append((level, len(self._drafts) - 1))
            self._where += (len(self._drafts) - 1,)
            self.doc.headings.append(Heading(level, text, line))
        self.extras(inline)

    def text(self, inline: Inline, line: int, borrowed: int | None = None, item: bool = False) -> None:
        """A paragraph (or, with ``item``, a list item or table cell); ``borrowed``: how much is not prose."""
        if inline.text.strip():
            borrowed = _borrowed(inline) if borrowed is None else borrowed
            self._drafts.append(_Draft("item" if item else "text", inline.text, line, self._where, borrowed=borrowed))
        self.extras(inline)

    def code(self, info: str, text: str, line: int) -> None:
        """A code block with its info string (language), without the indentation common to its lines.

        POD's and RDoc's verbatim paragraphs arrive indented, as Markdown's reader
        would not hand over an indented block.
        """
        if text.strip():
            self._drafts.append(_Draft("code", textwrap.dedent(text), line, self._where, info=info))

    def extras(self, inline: Inline) -> None:
        """Record the links, images and code spans of a run of text."""
        for link in inline.links:
            self.link(link)
        for image in inline.images:
            self.image(image)
        for span in inline.code:
            self._spans.append((span, self._where))

    def link(self, link: Link) -> None:
        """A link (in-page anchors are skipped)."""
        url = link.url.strip()
        if url and not url.startswith("#"):
            self._links.append((Link(url, link.text, link.line, domain_of(url)), self._where))

    def image(self, image: Image) -> None:
        """An image; a badge when its source says so (then its link counts too)."""
        src = image.src.strip()
        found = badge_of(src) if src else None
        if found is None:  # its alt text is part of the text around it
            self.doc.images.append(image._replace(src=src))
            return
        service, label = found
        self.doc.badges.append(Badge(service, label, image.alt, image.href or src, image.line))
        words = " ".join(w for w in (image.alt, label, service) if w)
        self._drafts.append(_Draft("badge", words, image.line, self._where))
        if image.href:
            self.link(Link(image.href, image.alt, image.line))

    def html(self, found: HtmlContent) -> None:
        """Add what an HTML fragment holds, in reading order."""
        for block in sorted(found.blocks, key=lambda block: block.line):
            if block.kind == "heading":
                self.heading(block.level, Inline(block.text), block.line, block.borrowed)
            elif block.kind == "text":
                self.text(Inline(block.text), block.line, block.borrowed)
            else:
                self.code("", block.text, block.line)
        for link in found.links:
            self.link(link)
        for image in found.images:
            self.image(image)

    def finish(self, truncated: bool = False) -> Document:
        """Decide title and description, and turn drafts into pieces."""
        doc = self.doc
        doc.truncated = truncated
        drafts = self._drafts
        title_at = _title_index(drafts)
        description_at = _description_indexes(drafts) | _tagline_index(drafts, title_at)

        contexts: dict[tuple[int, ...], str] = {}

        def context(path: tuple[int, ...]) -> str:  # the title is not a section
            found = contexts.get(path)
            if found is None:
                found = contexts[path] = " / ".join(drafts[i].text for i in path if i != title_at and i not in description_at)
            return found

        kinds = {"heading": "heading", "text": "body", "item": "body", "code": "code", "badge": "badge"}
        for index, draft in enumerate(drafts):
            if index == title_at:
                kind = "title"
                doc.title = draft.text
            elif index in description_at:
                lead, rest = _split_lead(draft.text)
                doc.description = " ".join((doc.description + " " + lead).split())
                doc.pieces.append(Piece("description", lead, draft.line, context(draft.path)))
                if rest:
                    doc.pieces.append(Piece("body", rest, draft.line + lead.count("\n"), context(draft.path)))
                continue
            else:
                kind = kinds[draft.kind]
            doc.pieces.append(Piece(kind, draft.text, draft.line, context(draft.path)))
            if kind == "title" and (words := name_words(draft.text)):
                doc.pieces.append(Piece("title", words, draft.line))  # the title's CamelCase names, read as words
            if draft.kind == "code":
                doc.code_blocks.append(CodeBlock(draft.info, draft.text, draft.line, context(draft.path)))
        doc.inline_code = [span._replace(context=context(path)) for span, path in self._spans]
        doc.links = [link._replace(context=context(path)) for link, path in self._links]
        return doc


def _title_index(drafts: list[_Draft]) -> int:
    """The first h1, else the first heading, when it comes before any paragraph that reads as a description.

    A heading that is a row of links (a navigation bar) is no title.
    """
    first_heading = -1
    for index, draft in enumerate(drafts):
        if draft.kind == "text" and _describes(draft):
            break
        if draft.kind == "heading" and not _navigation(draft):
            if draft.level == 1:
                return index
            if first_heading < 0:
                first_heading = index
    return first_heading


def _description_indexes(drafts: list[_Draft]) -> set[int]:
    """The first paragraph that reads as a description, and the next one when the first is short.

    The continuation must stand in the same section (no heading in between).
    """
    found: list[int] = []
    for index, draft in enumerate(drafts):
        if found and draft.kind == "heading":
            break
        if draft.kind == "text" and _describes(draft):
            found.append(index)
            if _words(draft.text) >= DESCRIPTION_SHORT_WORDS or len(found) == 2:
                break
    opening = _opening(drafts)
    return set(found) | ({opening} if opening >= 0 else set())


def _opening(drafts: list[_Draft]) -> int:
    """A short first paragraph in the title's section ("Fast subdomain enumeration tool."), which describes too; else -1."""
    headings = 0
    for index, draft in enumerate(drafts):
        headings += draft.kind == "heading"
        if headings > 1:
            break
        if draft.kind == "text":
            text = draft.text.strip()
            if _aside(text):  # the paragraph after a notice or a preamble may be the opening
                continue
            return index if _words(text) >= 2 and _own(draft) and not text.endswith(":") and not _contents(text) else -1
    return -1


def _split_lead(text: str) -> tuple[str, str]:
    """A long paragraph is a description for its first ``DESCRIPTION_MAX_CHARS`` only (cut at a line or sentence)."""
    if len(text) <= DESCRIPTION_MAX_CHARS:
        return text, ""
    cut = max(text.rfind("\n", 0, DESCRIPTION_MAX_CHARS), text.rfind(". ", 0, DESCRIPTION_MAX_CHARS) + 1)
    if cut <= 0:
        cut = DESCRIPTION_MAX_CHARS
    return text[:cut], text[cut:]


def _tagline_index(drafts: list[_Draft], title_at: int) -> set[int]:
    """A heading right under the title that reads as a sentence (``<h3>A fast tool for X</h3>``)."""
    at = title_at + 1
    if title_at < 0 or at >= len(drafts):
        return set()
    draft = drafts[at]
    if draft.kind == "heading" and draft.level > drafts[title_at].level and _words(draft.text) >= DESCRIPTION_MIN_WORDS - 1 and _own(draft):
        return {at}
    return set()


def _describes(draft: _Draft) -> bool:
    """Some words of prose: not a row of links, not a lead-in to a list."""
    text = draft.text.strip()
    words = _words(text)
    lead_in = text.endswith(":") and words < DESCRIPTION_SHORT_WORDS and not _DEFINES.search(text) and not _sentence_before(text)  # "For the 2024 edition see:"
    return words >= DESCRIPTION_MIN_WORDS and _own(draft) and not lead_in and not _contents(text) and not _aside(text)


_IS_A = re.compile(
    r"(?<!\bwhich\s)(?<!\bthat\s)\b(?:is|are)\s+an?\b|是一[个款套种]|\b(?:es|est|é)\s+(?:un|una|une|um|uma)\b|\bist\s+eine?\b|\sэто\s",
    re.IGNORECASE,
)
"""Says what something is, in a few languages ("Tabkit is a library", "This is a script", "是一个", "es una"), but not
"which is a" (of a sponsor)."""
_NOUN_OPENING = re.compile(r"\W*an?\s(?!star\b)", re.IGNORECASE)
"""A sentence that opens with a noun phrase ("A curated list of ...")."""


def _aside(text: str) -> bool:
    """A notice about the repository, or a preamble that does not go on to say what something is: a paragraph that does not say what the project is."""
    if _NOTICE.match(text):
        return True
    if not _PREAMBLE.match(text) or _IS_A.search(text):
        return False
    return not any(_NOUN_OPENING.match(sentence) for sentence in _SENTENCE_END.split(text)[1:])


def _sentence_before(text: str) -> bool:
    """Five words or more in the sentences before the lead-in ("Fast JSON parser. Zero dependencies. Usage:")."""
    ends = [end.end() for end in _SENTENCE_END.finditer(text) if end.end() < len(text)]
    return bool(ends) and _words(text[: ends[-1]]) >= DESCRIPTION_MIN_WORDS


def _contents(text: str) -> bool:
    """A plain-text table of contents: four lines or more, a few words each, none ending a sentence."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return len(lines) >= TOC_MIN_LINES and sum(len(line.split()) for line in lines) <= 3 * len(lines) and not any(line[-1] in ".!?。" for line in lines)


def _navigation(draft: _Draft) -> bool:
    """A row of links such as ``Website | Blog | Docs`` (one linked heading is still a title)."""
    return not _own(draft) and (draft.links > 1 or any(sep in draft.text for sep in "|•·"))


def _own(draft: _Draft) -> bool:
    """Mostly the README's own words, not link or alt text or a table."""
    return draft.borrowed * 2 < len(draft.text.strip())


def _borrowed(inline: Inline) -> int:
    """Characters of link text and (non-badge) image alt text in a run of text."""
    return sum(len(link.text) for link in inline.links) + sum(len(image.alt) for image in inline.images if badge_of(image.src) is None)


def _words(text: str) -> int:
    """Words of prose; Thai, Chinese and Japanese, written without spaces, count a word per two characters."""
    unspaced = 0 if text.isascii() else len(UNSPACED_CHARACTER.findall(text))
    return sum(1 for word in text.split() if any(ch.isalpha() for ch in word)) + unspaced // 2
