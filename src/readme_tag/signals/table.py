"""The compiled signals as columns: one array or list per field of ``Signal``, not a tuple per signal.

Tens of thousands of signals as tuples cost a tuple and a few integers each,
in memory and in every load of the compiled rules; as columns they cost a
few buffers and one string of the term texts (a list of forty thousand
strings took a tenth of a one-file run's load of the compiled rules). A
``Signal`` is made when first asked for: a README touches a few hundred of them.
"""

from __future__ import annotations

import copy
from array import array
from collections.abc import Iterable
from itertools import accumulate

from .base import Signal


class SignalTable:
    """Signals by number, stored column by column."""

    def __init__(self, signals: Iterable[Signal]) -> None:
        self._tags = array("I")
        self._kinds = array("B")
        texts: list[str] = []
        self._sources = array("I")
        self._lines = array("I")
        self._negatives = array("B")
        self._kind_names: list[str] = []
        self._source_names: list[str] = []
        kinds: dict[str, int] = {}
        sources: dict[str, int] = {}
        for signal in signals:
            self._tags.append(signal.tag)
            self._kinds.append(_number(kinds, self._kind_names, signal.kind))
            texts.append(signal.text)
            self._sources.append(_number(sources, self._source_names, signal.source))
            self._lines.append(signal.line)
            self._negatives.append(signal.negative)
        self._texts = "".join(texts)
        self._ends = array("I", accumulate(map(len, texts)))
        """Where each signal's text ends in ``_texts`` (it starts where the one before ends)."""
        self._made: list[Signal | None] = [None] * len(self._ends)

    def __getstate__(self) -> dict:
        """Pickle the columns, not the signals made so far."""
        return {key: value for key, value in self.__dict__.items() if key != "_made"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._made = [None] * len(self._ends)

    @property
    def tags(self) -> array:
        """Each signal's tag (its rule's number in a matcher of every rule)."""
        return self._tags

    def with_tags(self, tags: list[int]) -> SignalTable:
        """The same signals, each of rule ``r`` with the tag ``tags[r]``; the other columns are shared."""
        table = copy.copy(self)
        table._tags = array("I", [tags[rule] for rule in self._tags])
        table._made = [None] * len(self._ends)
        return table

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, number: int) -> Signal:
        made = self._made[number]
        if made is None:
            made = self._made[number] = Signal(
                self._tags[number],
                self._kind_names[self._kinds[number]],
                self._texts[self._ends[number - 1] if number else 0 : self._ends[number]],
                self._source_names[self._sources[number]],
                self._lines[number],
                bool(self._negatives[number]),
            )
        return made


def _number(numbers: dict[str, int], names: list[str], name: str) -> int:
    """``name``'s number among ``names``, adding it when new."""
    if name not in numbers:
        numbers[name] = len(names)
        names.append(name)
    return numbers[name]
