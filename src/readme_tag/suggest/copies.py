"""Near-copies of one README (mirrors, forks, translations): a small sketch of each, and the groups that count once."""

from __future__ import annotations

import heapq
import zlib

from ..document import Document
from ..vocabulary import tokens

SKETCH = 64
"""Word triples kept per README to estimate how alike two READMEs are."""
NEAR_COPY = 0.5
"""READMEs this alike (estimated Jaccard of word triples) count as one."""


def sketch(doc: Document) -> frozenset[int]:
    """The smallest hashes of a README's word triples (a bottom-k sketch)."""
    words = [w for piece in doc.pieces for w in tokens(piece.text)]
    shingles = {zlib.crc32(" ".join(words[i : i + 3]).encode()) for i in range(max(1, len(words) - 2))}
    return frozenset(heapq.nsmallest(SKETCH, shingles))


def groups(sketches: list[frozenset[int]]) -> list[int]:
    """For each README, the number of its group of near-copies (union-find over estimated likeness)."""
    parent = list(range(len(sketches)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, first in enumerate(sketches):
        for j in range(i + 1, len(sketches)):
            second = sketches[j]
            if first.isdisjoint(second):
                continue
            union = heapq.nsmallest(SKETCH, first | second)
            if union and sum(1 for h in union if h in first and h in second) >= NEAR_COPY * len(union):
                parent[root(j)] = root(i)
    return [root(i) for i in range(len(sketches))]
