"""``patterns``: regular expressions, case-insensitive, over the text of the sections a term counts in.

A pattern whose shape could backtrack catastrophically is refused when the
rules load; one that is slow anyway has a time budget per README, which
holds in any thread (the ``regex`` engine's timeout, where the standard
``re`` can only be stopped by a signal in the main thread). A pattern runs
only when the text holds, for each part that every match needs, one of
that part's literals. Each pattern is compiled when the rules are, and
kept pickled: the engine's compiler is pure Python (about a third of a
millisecond a pattern, most of a one-file run's matching), while a pickled
pattern is rebuilt by its C code in microseconds, the first time it runs
(and compiled from its text instead if the installed ``regex`` is not the
one that pickled it). The text of
each set of section kinds is searched once for the literals of one part of
each of its patterns (the gate: the part with the fewest literals, so the
fewest searches), and only the patterns one of them opens check the rest.
"""

from __future__ import annotations

import bisect
import itertools
import pickle
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from ...document import Document, Piece
from ...errors import RuleError
from ...ruleset.model import Term
from ..base import HITS_KEPT, Index, Indexes, SignalKind, Sink
from ..regex_guard import PATTERN_BUDGET_SECONDS, gate_fold, required_literals, unsafe_reason

_POSIX_CLASS = re.compile(r"\[:\^?[a-z]+:\]", re.IGNORECASE)
"""``[:digit:]`` inside a class: the ``regex`` engine reads a POSIX class, ``re`` (the checks, the literals) the characters."""

PATTERNS = "patterns"
"""The key of the one pattern index (as ``words.WORDS`` for keywords and negatives)."""


class _Joined:
    """The text of a document's pieces of some section kinds, one piece a line."""

    def __init__(self, pieces: list[Piece], kinds: frozenset[str] | None) -> None:
        self.pieces = [p for p in pieces if kinds is None or p.kind in kinds]
        self.starts: list[int] = []
        offset = 0
        for piece in self.pieces:
            self.starts.append(offset)
            offset += len(piece.text) + 1
        self.text = "\n".join(p.text for p in self.pieces)
        self.lowered = gate_fold(self.text)

    def locate(self, position: int) -> tuple[Piece, int]:
        """The piece and the line at ``position``."""
        at = bisect.bisect_right(self.starts, position) - 1
        piece = self.pieces[at]
        return piece, piece.line + self.text.count("\n", self.starts[at], position)


def _compile(text: str) -> Any:
    """``text`` compiled by the ``regex`` engine, case-insensitive, with the standard ``re`` module's syntax and meaning (POSIX classes, where they part, are refused by ``check``)."""
    import regex

    return regex.compile(text, regex.IGNORECASE | regex.VERSION0)


@lru_cache(maxsize=4096)
def _program(blob: bytes) -> Any:
    """A pickled compiled pattern, rebuilt once per process (while it is among the last few thousand used)."""
    return pickle.loads(blob)


class _Pattern(NamedTuple):
    text: str
    program: bytes
    """The pattern compiled (``_compile``) and pickled."""
    signal: int
    needs: list[list[str]] | None
    """Groups of literals: every match contains one of each group (None: unknown)."""
    sections: frozenset[str] | None
    """The section kinds whose text it reads (None: all)."""
    source: str
    line: int


class PatternIndex(Index):
    """Every pattern term of every tag."""

    def __init__(self) -> None:
        import regex  # built when the rules are compiled, never in a run that finds them in the cache

        self.patterns: list[_Pattern] = []
        self.gates: dict[frozenset[str] | None, dict[str, list[int]]] = {}
        """Per section kinds read, each literal of a pattern's first part: the patterns (their positions) it lets through."""
        self.ungated: list[int] = []
        """The patterns with no known literal: they always run."""
        self.engine: str = regex.__version__
        """The version of ``regex`` that compiled the patterns."""

    def add(self, pattern: _Pattern) -> None:
        """Index ``pattern`` under the literals of its part with the fewest (then the longest) literals, and put that part first."""
        number = len(self.patterns)
        if pattern.needs is None:
            self.ungated.append(number)
        else:
            first = min(pattern.needs, key=lambda group: (len(group), -min(map(len, group))))
            pattern = pattern._replace(needs=[first] + [group for group in pattern.needs if group is not first])
            gate = self.gates.setdefault(pattern.sections, {})
            for literal in first:
                gate.setdefault(literal, []).append(number)
        self.patterns.append(pattern)

    def match(self, doc: Document, sink: Sink) -> None:
        texts = {sections: _Joined(doc.pieces, sections) for sections in self.gates}
        opened = set(self.ungated)
        for sections, gate in self.gates.items():
            for literal in filter(texts[sections].lowered.__contains__, gate):
                opened.update(gate[literal])
        for number in sorted(opened):
            pattern = self.patterns[number]
            joined = texts.get(pattern.sections)
            if joined is None:
                joined = texts[pattern.sections] = _Joined(doc.pieces, pattern.sections)
            if pattern.needs is not None and not all(any(map(joined.lowered.__contains__, group)) for group in pattern.needs[1:]):
                continue
            import regex  # imported when a pattern first runs: it costs start-up time

            program = _program(pattern.program) if self.engine == regex.__version__ else _compile(pattern.text)
            try:
                found = list(itertools.islice(_once_a_line_if_empty(program.finditer(joined.text, timeout=PATTERN_BUDGET_SECONDS), joined.text), HITS_KEPT))
            except TimeoutError:
                raise RuleError(
                    f"pattern '{pattern.text}' took over {PATTERN_BUDGET_SECONDS:g}s on one README (catastrophic backtracking?)",
                    pattern.source,
                    pattern.line,
                ) from None
            for match in found:
                matched = match.group()
                shown = matched.lstrip() or matched  # a match that opens with \s* (blank lines, a line's indent) is where its text is
                piece, line = joined.locate(match.start() + len(matched) - len(shown))
                base = sink.base(piece.kind, piece.context)
                if base > 0:
                    sink.add((pattern.signal,), piece.kind, line, base, shown[:80])


def _once_a_line_if_empty(matches: Iterator[Any], text: str) -> Iterator[Any]:
    """``matches``, of which an empty one (a condition on the line, ``(?=.*\\bsynth\\b)(?=.*\\bmidi\\b)``, holds at
    every place before its words) is kept once a line."""
    line_end = -1
    for match in matches:
        if not match.group():
            if match.start() <= line_end:
                continue
            line_end = text.find("\n", match.start())
            line_end = len(text) if line_end < 0 else line_end
        yield match


_ESCAPE_OR_OTHER = re.compile(r"\\.|[^\\]+", re.DOTALL)
"""An escape (a backslash and the character after it), or a run of text with none."""


class Patterns(SignalKind):
    """Regular expressions."""

    name = "patterns"

    def identity(self, text: str) -> str:
        """The pattern in lower case but its escapes (``\\S`` is not ``\\s``): patterns match case-insensitively."""
        return _ESCAPE_OR_OTHER.sub(lambda match: match.group() if match.group().startswith("\\") else match.group().lower(), text)

    def check(self, text: str) -> str | None:
        if _POSIX_CLASS.search(text):
            return f"pattern '{text}' refused: a POSIX class ([:digit:]) means other things to the engine that runs it and to the checks; write \\d, \\w or the characters"
        try:
            re.compile(text)
        except re.error as exc:
            return f"pattern '{text}' does not compile: {exc}"
        reason = unsafe_reason(text)
        return f"pattern '{text}' refused: {reason}" if reason else None

    def compile(self, signal: int, term: Term, indexes: Indexes) -> None:
        index = indexes.get_or_make(PATTERNS, PatternIndex)  # one index for positive and negative patterns: each README's texts joined once
        program, needs = _prepared(term.text)
        index.add(_Pattern(term.text, program, signal, needs, term.sections, term.source, term.line))


@lru_cache(maxsize=4096)
def _prepared(text: str) -> tuple[bytes, list[list[str]] | None]:
    """``text`` compiled and pickled, and the literals its matches need: once a process for each pattern (a stream of
    prompts whose tag lists differ compiles the same rules' patterns for each list)."""
    return pickle.dumps(_compile(text)), required_literals(text)


KIND = Patterns()
