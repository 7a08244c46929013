"""What every signal kind shares: the term a rule file gives, the compiled signal, a hit, and the kind itself.

A signal kind (``kinds/keywords.py``, ``kinds/domains.py``...) declares its
name in rule files, which options its terms take, how a term is checked, and
how it is compiled into an ``Index``. An index matches a Document and reports
``Hit``s through a ``Sink``; kinds that work alike share one index (all
keywords, fuzzy and negative terms of all tags are one word index), so a
README is read once per mechanism, whatever the number of rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple, TypeVar

from ..document import Document
from ..ruleset.model import Scoring, Term
from ..vocabulary import SECTION_KINDS

if TYPE_CHECKING:
    from .table import SignalTable

HITS_KEPT = 24
"""Matches kept of one keyword in one piece (a paragraph, a heading) and of one pattern in one README: a bound on work, since
each repeat of a term counts ``repeat_decay`` (0.5) of the one before and the 24th adds next to nothing."""


class Signal(NamedTuple):
    """A compiled term of a tag's rule (plain data, so compiled rules load fast)."""

    tag: int
    """The tag's index in the taxonomy."""
    kind: str
    text: str
    source: str
    line: int
    negative: bool

    @property
    def where(self) -> str:
        """``file:line`` of the term (just the source for terms that come from no file)."""
        return f"{self.source}:{self.line}" if self.line else self.source


class Hit(NamedTuple):
    """One place a signal matched: its section kind, line, and weighted value."""

    signal: int
    kind: str
    line: int
    value: float
    text: str
    span: tuple[int, int, int] | None = None
    """For a term matched in Chinese, Japanese, Korean or Thai, or in the title or opening: the piece's number in the Document and the words' positions in it, first and past the last."""


class Sink:
    """Collects the hits of one README; knows each signal's weight per section and each heading's factor."""

    def __init__(self, weights: Mapping[str, Sequence[float]], sections: dict[str, float], factor: Callable[[str], float]) -> None:
        self.hits: list[Hit] = []
        self._weights = weights
        self._sections = sections
        self._factor = factor

    def base(self, section: str, context: str = "") -> float:
        """What a match in ``section`` under the headings ``context`` is worth before the term's own weight."""
        weight = self._sections.get(section, 0.0)
        return weight * self._factor(context) if weight and context else weight

    def add(self, signals: Iterable[int], section: str, line: int, base: float, text: str, span: tuple[int, int, int] | None = None) -> None:
        """A match of each of ``signals`` (that counts in ``section``) at ``line`` (over the words ``span``, if given)."""
        weights = self._weights[section]
        for index in signals:
            weight = weights[index]
            if weight > 0:
                self.hits.append(Hit(index, section, line, weight * base, text, span))


class Index:
    """The compiled form of one or more signal kinds; ``match`` reports what it finds in a Document."""

    def match(self, doc: Document, sink: Sink) -> None:
        raise NotImplementedError

    def for_order(self, signals: SignalTable) -> Index:
        """This index for the same signals with other tags (``Matcher.for_tags``), where a choice among signals follows
        the order a compilation for those tags would have given them; itself, where no choice does."""
        return self


IndexT = TypeVar("IndexT", bound=Index)


class Indexes(dict[str, Index]):
    """The indexes of one compilation by key, and the scoring they match under."""

    def __init__(self, scoring: Scoring) -> None:
        super().__init__()
        self.scoring = scoring

    def get_or_make(self, key: str, factory: Callable[[], IndexT]) -> IndexT:
        """The index stored under ``key``, made by ``factory()`` the first time."""
        found = self.get(key)
        if found is None:
            found = self[key] = factory()
        return found  # type: ignore[return-value]


class SignalKind:
    """A kind of signal: its key in rule files, what its terms may say, how they compile."""

    name: ClassVar[str] = ""
    family: ClassVar[str] = ""
    """Terms of one family may not repeat each other ("" means the kind's own name)."""
    negative: ClassVar[bool] = False
    """Its matches lower a tag's score."""
    options: ClassVar[tuple[str, ...]] = ("weight", "only", *SECTION_KINDS)
    """The keys a term's mapping may have (``{weight: 2, only: [title]}``)."""

    def identity(self, text: str) -> str:
        """Two terms of a family with the same identity would match the same text."""
        return text.lower()

    def check(self, text: str) -> str | None:
        """Why ``text`` is not a valid term of this kind, or None."""
        return None

    def compile(self, signal: int, term: Term, indexes: Indexes) -> None:
        """Add ``term`` (signal number ``signal``) to the index that matches it."""
        raise NotImplementedError
