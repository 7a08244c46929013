"""Template text, which says nothing about the project: taken out of a Document before matching.

``rules/boilerplate.yaml`` lists, by template, the openings of lines that
platforms' default READMEs (GitLab's, Gitee's) and project generators'
starter READMEs (Create React App, Next.js, Rails, ...) put in every
project's README. A title, heading, paragraph or list item whose words begin
with one of them is left out, and so are the links, images and code spans
on its lines; code blocks are kept. Openings are compared as words
(``vocabulary.tokens``), so markup, punctuation and case do not matter. An
opening of fewer than ``WHOLE_BELOW`` words must be the whole line: Gitee's
heading "使用说明" goes, a paragraph "使用说明：本工具..." that goes on to say
what the project does stays.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import replace

from .document import Document
from .vocabulary import normalise_term, tokens

MIN_WORDS = 3
"""An opening needs this many words (a Chinese, Japanese, Korean or Thai character is a word): a shorter one would take out a project's own text."""
WHOLE_BELOW = 5
"""An opening shorter than this (in words) matches only a line that is nothing else."""
_TEXT_KINDS = frozenset(("title", "description", "heading", "body"))


class Boilerplate:
    """The openings of template lines, by their first word."""

    def __init__(self, openings: Iterable[str]) -> None:
        by_first: dict[str, set[str]] = {}
        for opening in openings:
            words = normalise_term(opening)
            by_first.setdefault(words.split(" ", 1)[0], set()).add(words)
        self._by_first = {first: tuple((words, words + " " if words.count(" ") + 1 >= WHOLE_BELOW else "") for words in sorted(found)) for first, found in sorted(by_first.items())}
        """First word -> (opening, the prefix a longer line may begin with, or "" when the opening must be the whole line)."""
        self._chars = 2 * max((len(words) for found in self._by_first.values() for words, _ in found), default=0) + 40
        """How much of a piece's text is read: enough to hold any opening with the markup around its words."""

    def is_template(self, text: str) -> bool:
        """Whether ``text`` begins with the words of an opening."""
        words = tokens(text[: self._chars])
        found = self._by_first.get(words[0]) if words else None
        if not found:
            return False
        joined = " ".join(words)
        return any(joined == opening or (prefix and joined.startswith(prefix)) for opening, prefix in found)

    def strip(self, doc: Document) -> Document:
        """``doc`` without its template lines, which ``template_lines`` names (``doc`` itself when it was stripped already)."""
        if doc.template_lines is not None:
            return doc
        dropped = [piece for piece in doc.pieces if piece.kind in _TEXT_KINDS and self.is_template(piece.text)] if self._by_first else []
        title_gone = any(piece.kind == "title" for piece in dropped)
        if title_gone:  # the words of the title's names go with it
            dropped += [piece for piece in doc.pieces if piece.kind == "title" and piece not in dropped]
        if not dropped:
            return replace(doc, template_lines=())
        starts = sorted({piece.line for piece in doc.pieces})
        lines: set[int] = set()
        for piece in dropped:
            later = bisect_right(starts, piece.line)
            lines.update(range(piece.line, starts[later] if later < len(starts) else piece.line + 1))
        gone = {id(piece) for piece in dropped}
        pieces = [piece for piece in doc.pieces if id(piece) not in gone]
        return replace(
            doc,
            title="" if title_gone else doc.title,
            description=" ".join(piece.text for piece in pieces if piece.kind == "description"),
            headings=[heading for heading in doc.headings if heading.line not in lines],
            pieces=pieces,
            links=[link for link in doc.links if link.line not in lines],
            images=[image for image in doc.images if image.line not in lines],
            inline_code=[span for span in doc.inline_code if span.line not in lines],
            template_lines=tuple(sorted({piece.line for piece in dropped})),
        )


def opening_words(text: str) -> int:
    """How many words an opening has, as ``Boilerplate`` compares it."""
    return len(tokens(text))
