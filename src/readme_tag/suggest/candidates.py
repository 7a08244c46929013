"""The candidate terms of a README: words and phrases of each section kind and of its prose as a whole, link domains,
badge services, and the code's imports, packages and commands; and how READMEs spell them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from ..document import Document
from ..parse.code import commands_of, imports_of, packages_of
from ..vocabulary import CHARACTER_WORD, TOKEN, forms, tokens

PROSE_SECTIONS = ("title", "description", "heading", "body")
TEXT_SECTIONS = (*PROSE_SECTIONS, "code")
PROSE = "prose"
"""A word or phrase anywhere outside code: a term a README may say in its title, another in its body, counted once."""
NAMED = {"domain": "domains", "badge": "badges", "import": "imports", "package": "packages", "command": "commands"}
"""Candidate kinds that are names, and the signal kind that holds them in a rule."""
GENERIC_BADGES = frozenset(("badge", "static", "endpoint", "shields"))
"""shields.io's own badges (static, or a JSON endpoint's), whose service names no field: any README may carry one (a
license's), so none is a candidate."""
STOP = frozenset(tokens(" ".join(line for line in resources.files(__package__).joinpath("stop_words.txt").read_text(encoding="utf-8").splitlines() if not line.startswith("#"))))
"""The matched forms of the words no candidate starts or ends with: the function words of the languages READMEs are written in
(by form, as candidates are counted: a term is counted wherever a rule's keyword would match it)."""


@dataclass(frozen=True)
class Candidate:
    """A term of some kind (a section kind, or domain, badge, import, package, command)."""

    kind: str
    term: str


def candidates(doc: Document, spellings: Counter[tuple[str, str]] | None = None) -> set[Candidate]:
    """Every candidate a README holds (each once); each word is counted in ``spellings`` as (its matched form, its spelling)."""
    found: set[Candidate] = set()
    for piece in doc.pieces:
        if piece.kind in TEXT_SECTIONS:
            words, written, breaks = _words(piece.text)
            terms = set(phrases(words, 2 if piece.kind == "code" else 3, breaks))
            found.update(Candidate(piece.kind, phrase) for phrase in terms)
            if piece.kind in PROSE_SECTIONS:
                found.update(Candidate(PROSE, phrase) for phrase in terms)
            if spellings is not None:
                spellings.update(zip(words, written, strict=True))
    for link in doc.links:
        domain = link.domain
        while domain.count(".") >= 1:
            found.add(Candidate("domain", domain))
            domain = domain.partition(".")[2]
    found.update(Candidate("badge", badge.service) for badge in doc.badges if badge.service not in GENERIC_BADGES)
    for kind, read in (("import", imports_of), ("package", packages_of), ("command", commands_of)):
        found.update(Candidate(kind, name) for name, _ in read(doc))
    return found


def _words(text: str) -> tuple[list[str], list[str], frozenset[int]]:
    """A piece's words in their matched forms, as written (lower-case), and the places no phrase crosses: a line end (a
    code block's next line), a space between two one-character words (Chinese, Japanese, Korean, Thai)."""
    lowered = text.lower()
    found = list(TOKEN.finditer(lowered))
    written = [m.group() for m in found]
    breaks = frozenset(
        at
        for at in range(1, len(found))
        if "\n" in lowered[found[at - 1].end() : found[at].start()] or (found[at - 1].end() < found[at].start() and CHARACTER_WORD.fullmatch(written[at - 1]) and CHARACTER_WORD.fullmatch(written[at]))
    )
    return forms(written), written, breaks


def phrases(words: list[str], longest: int, breaks: frozenset[int] = frozenset()) -> Iterable[str]:
    """Runs of one to ``longest`` words that neither start nor end with a stop word, nor are only digits, nor cross one of ``breaks`` (a word's position).

    A lone one-character word (Chinese, Japanese, Korean, Thai) is no candidate (it stands inside too many words), though it starts longer runs.
    """
    for start, first in enumerate(words):
        if first in STOP or first.isdigit() or (len(first) < 2 and first.isascii()):
            continue
        for size in range(1, longest + 1):
            run = words[start : start + size]
            if len(run) < size or (size > 1 and start + size - 1 in breaks):
                break
            if run[-1] not in STOP and not run[-1].isdigit() and not (size == 1 and CHARACTER_WORD.fullmatch(first)):
                yield " ".join(run)


def written_form(term: str, spelled: Mapping[str, str]) -> str:
    """A candidate's words as ``spelled`` (form -> its usual spelling) gives them, one-character words side by side (``数 据`` -> ``数据``)."""
    words = term.split(" ")
    shown = [spelled.get(word, word) for word in words]
    joined = shown[:1]
    for at in range(1, len(words)):
        side_by_side = CHARACTER_WORD.fullmatch(words[at - 1]) and CHARACTER_WORD.fullmatch(words[at])
        joined.append(shown[at] if side_by_side else " " + shown[at])
    return "".join(joined)


def usual_spellings(spellings: Counter[tuple[str, str]]) -> dict[str, str]:
    """Each form's most frequent spelling (the first in order on a tie)."""
    best: dict[str, tuple[int, str]] = {}
    for (form, word), count in spellings.items():
        if (-count, word) < best.get(form, (1, "")):
            best[form] = (-count, word)
    return {form: word for form, (_, word) in best.items()}
