"""The keyword index: word sequences and what each stands for, found in a list of words.

Like flashtext's KeywordProcessor, but over words rather than characters:
the terms form a trie of words (one automaton for every term of every tag),
so finding every term in a text costs one set intersection and, at each word
that starts a term, a walk of one dictionary lookup per further word.

    index = KeywordIndex()
    index.add(("helm", "chart"), 7)
    list(index.find(["a", "helm", "chart"]))   # [(1, 2, [7])]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Set

_Node = tuple[list[int], dict[str, "_Node"]]
"""The values of the sequence that ends here, and the nodes of the words that may follow."""


class KeywordIndex:
    """Word sequences, each with the values (signal numbers) it stands for."""

    def __init__(self) -> None:
        self._root: dict[str, _Node] = {}
        self._size = 0
        self._first_words: frozenset[str] | None = frozenset()

    @property
    def first_words(self) -> frozenset[str]:
        """Every word that starts a term."""
        if self._first_words is None:
            self._first_words = frozenset(self._root)
        return self._first_words

    def add(self, words: Sequence[str], value: int) -> None:
        """Index ``words`` (a non-empty sequence) for ``value``."""
        values: list[int] = []
        nodes = self._root
        for word in words:
            node = nodes.get(word)
            if node is None:
                node = nodes[word] = ([], {})
            values, nodes = node
        if not values:
            self._size += 1
        values.append(value)
        self._first_words = None

    def __len__(self) -> int:
        return self._size

    def find(self, words: Sequence[str], present: Set[str] | None = None) -> Iterator[tuple[int, int, list[int]]]:
        """(position, length, values) of every indexed sequence in ``words``, left to right (shorter first at one position).

        ``present``: the words of ``words`` that start a term, when the caller
        already has them (``first_words & set(words)``).
        """
        if present is None:
            present = self.first_words.intersection(words)
        if not present:
            return
        root = self._root
        end = len(words)
        for position, word in enumerate(words):
            if word not in present:
                continue
            values, following = root[word]
            size = 1
            while True:
                if values:
                    yield position, size, values
                if not following or position + size >= end:
                    break
                node = following.get(words[position + size])
                if node is None:
                    break
                values, following = node
                size += 1
