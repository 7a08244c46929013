"""The keyword index: word sequences and what each stands for, found in a list of words.

Like flashtext's KeywordProcessor, but over words rather than characters:
the terms form a trie of words (one automaton for every term of every tag),
so finding every term in a text costs one set intersection and, at each word
that starts a term, a walk of one dictionary lookup per further word. Pickled,
the words that may follow a first word are kept as bytes of their own, read
when a README first holds that word: a one-file run reads the hundred or so
its README meets (140 for the median dev README), not all 8,500. Threads
that meet a word at once each unpickle it, and one result stays: harmless.

    index = KeywordIndex()
    index.add(("helm", "chart"), 7)
    list(index.find(["a", "helm", "chart"]))   # [(1, 2, (7,))]
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterator, KeysView, Sequence, Set

_Values = int | tuple[int, ...]
"""The values of the sequence that ends at a node: one as itself, several (or none) as a tuple."""
_Node = _Values | list
"""A node: its values, or ``[values, {word: node}]`` when words may follow.

Plain ints and tuples rather than an object per node: the index is pickled
with the compiled rules, and most of its hundred thousand nodes are leaves
of one value, so unpickling it makes about a third as many objects."""


def _plus(values: _Values, value: int) -> _Values:
    """``values`` and ``value`` after them."""
    if values == ():
        return value
    return (values, value) if isinstance(values, int) else (*values, value)


class KeywordIndex:
    """Word sequences, each with the values (signal numbers) it stands for."""

    def __init__(self) -> None:
        self._root: dict[str, _Node | bytes] = {}
        """Each first word's node; a pickled one's followers as bytes until first used (``_start``)."""
        self._size = 0

    def __getstate__(self) -> tuple[dict[str, _Node | bytes], int]:
        """The trie with each first word's followers pickled apart (a one-file run unpickles only the ones it meets)."""
        root: dict[str, _Node | bytes] = {word: pickle.dumps(node, pickle.HIGHEST_PROTOCOL) if isinstance(node, list) else node for word, node in self._root.items()}
        return root, self._size

    def __setstate__(self, state: tuple[dict[str, _Node | bytes], int]) -> None:
        self._root, self._size = state

    def _start(self, word: str) -> _Node:
        """The node of first word ``word`` (an indexed one), its followers unpickled once."""
        node = self._root[word]
        if isinstance(node, bytes):
            node = self._root[word] = pickle.loads(node)
        return node

    @property
    def first_words(self) -> KeysView[str]:
        """Every word that starts a term."""
        return self._root.keys()

    def add(self, words: Sequence[str], value: int) -> None:
        """Index ``words`` (a non-empty sequence) for ``value``.

        Words are interned: one string for each word wherever it stands in
        the trie, which pickling keeps (a fifth of the index's memory).
        """
        nodes: dict = self._root
        last = len(words) - 1
        for at, word in enumerate(map(sys.intern, words)):
            node = nodes.get(word, ())
            if isinstance(node, bytes):  # a first word of an unpickled index
                node = self._start(word)
            if at == last:
                if isinstance(node, list):
                    self._size += node[0] == ()
                    node[0] = _plus(node[0], value)
                else:
                    self._size += node == ()
                    nodes[word] = _plus(node, value)
                break
            if not isinstance(node, list):
                node = nodes[word] = [node, {}]
            nodes = node[1]

    def __len__(self) -> int:
        return self._size

    def find(self, words: Sequence[str], present: Set[str] | None = None) -> Iterator[tuple[int, int, tuple[int, ...]]]:
        """(position, length, values) of every indexed sequence in ``words``, left to right (shorter first at one position).

        ``present``: the words of ``words`` that start a term, when the caller
        already has them (``first_words & set(words)``).
        """
        if present is None:
            present = self.first_words & set(words)
        if not present:
            return
        end = len(words)
        for position, word in enumerate(words):
            if word not in present:
                continue
            node: _Node | None = self._start(word)
            size = 1
            while node is not None:
                values, following = node if isinstance(node, list) else (node, None)
                if values != ():
                    yield position, size, (values,) if isinstance(values, int) else values
                if following is None or position + size >= end:
                    break
                node = following.get(words[position + size])
                size += 1
