"""The keyword index: word sequences and what each stands for, found in a list of words.

Like flashtext's KeywordProcessor, but over words rather than characters: a
term is a tuple of words, stored under its first word, so that finding every
term in a text costs one set intersection and a look at the words that can
start a term.

    index = KeywordIndex()
    index.add(("helm", "chart"), 7)
    list(index.find(["a", "helm", "chart"]))   # [(1, 2, [7])]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Set


class KeywordIndex:
    """Word sequences, each with the values (signal numbers) it stands for."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], list[int]]]] = {}
        self._first_words: frozenset[str] | None = frozenset()

    @property
    def first_words(self) -> frozenset[str]:
        """Every word that starts a term."""
        if self._first_words is None:
            self._first_words = frozenset(self._by_first)
        return self._first_words

    def add(self, words: Sequence[str], value: int) -> None:
        """Index ``words`` (a non-empty sequence) for ``value``."""
        first, rest = words[0], tuple(words[1:])
        entries = self._by_first.setdefault(first, [])
        for known, values in entries:
            if known == rest:
                values.append(value)
                return
        entries.append((rest, [value]))
        self._first_words = None

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._by_first.values())

    def find(self, words: Sequence[str], present: Set[str] | None = None) -> Iterator[tuple[int, int, list[int]]]:
        """(position, length, values) of every indexed sequence in ``words``, left to right.

        ``present``: the words of ``words`` that start a term, when the caller
        already has them (``first_words & set(words)``).
        """
        if present is None:
            present = self.first_words.intersection(words)
        if not present:
            return
        for position, word in enumerate(words):
            if word not in present:
                continue
            for rest, values in self._by_first[word]:
                size = len(rest)
                if size and tuple(words[position + 1 : position + 1 + size]) != rest:
                    continue
                yield position, size + 1, values
