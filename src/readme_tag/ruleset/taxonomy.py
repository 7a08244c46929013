"""The list of allowed tags: the embedded default, a user's JSON file, or a prompt's list.

A taxonomy is a JSON list of ``{"id": ..., "name": ...}`` objects (extra
keys allowed) or of plain names. Output copies each item exactly as given;
matching uses the name stripped of stray spaces and case-folded.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import json_input
from ..errors import TaxonomyError
from ..reader import read_whole
from ..vocabulary import tag_key


@dataclass(frozen=True)
class Tag:
    """One tag of a taxonomy."""

    index: int
    name: str
    """The name stripped of stray spaces ("game-engine " -> "game-engine")."""
    item: Any
    """The taxonomy's own entry as it was given (a copy: the caller's list may change after), copied to the output."""

    @property
    def key(self) -> str:
        return tag_key(self.name)

    @property
    def id(self) -> Any:
        return self.item.get("id") if isinstance(self.item, dict) else None

    def own_copy(self) -> Tag:
        """This tag with a copy of its item, for an answer to hold (a change to it changes no other answer)."""
        item = self.item
        flat = isinstance(item, dict) and all(isinstance(value, (str, int, float, bool, type(None))) for value in item.values())
        return Tag(self.index, self.name, dict(item) if flat else copy.deepcopy(item))  # most items are {"id", "name"}: a dict copy is enough


class Taxonomy:
    """An ordered list of unique tags; order breaks ties between equal scores."""

    def __init__(self, items: Any, source: str = "taxonomy") -> None:
        if not isinstance(items, list):
            raise TaxonomyError('a taxonomy must be a JSON list of {"id", "name"} objects or of names', source)
        if not items:
            raise TaxonomyError("the taxonomy is empty", source)
        self.source = source
        self.tags: list[Tag] = []
        seen_names: dict[str, tuple[int, str]] = {}
        seen_ids: dict[str, int] = {}
        for index, item in enumerate(items):
            name = _name_of(item, index, source)
            _refuse_surrogates(item, index, source)
            key = tag_key(name)
            if key in seen_names:
                first, written = seen_names[key]
                same = f"{name!r}" if written == name else f"{written!r} and {name!r} (one name once spaces around it, case and accents' encoding are set aside)"
                raise TaxonomyError(f"duplicate tag name {same} (items {first + 1} and {index + 1})", source)
            seen_names[key] = (index, name)
            if isinstance(item, dict) and item.get("id") is not None:  # a null id is no id, as answers have it
                ident = json.dumps(item["id"])
                if ident in seen_ids:
                    raise TaxonomyError(f"duplicate tag id {ident} (items {seen_ids[ident] + 1} and {index + 1})", source)
                seen_ids[ident] = index
            self.tags.append(Tag(index, name.strip(), copy.deepcopy(item)))
        self.by_key = {tag.key: tag for tag in self.tags}
        self.fingerprint = json.dumps(items, ensure_ascii=False)
        """The items as JSON text: equal for equal taxonomies."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Taxonomy) and (self.source, self.fingerprint) == (other.source, other.fingerprint)

    def __hash__(self) -> int:
        return hash((self.source, self.fingerprint))

    def __len__(self) -> int:
        return len(self.tags)

    def __iter__(self) -> Iterator[Tag]:
        return iter(self.tags)

    @classmethod
    def from_json(cls, text: str, source: str) -> Taxonomy:
        """A taxonomy from JSON text."""
        try:
            items = json_input.loads(text)
        except json.JSONDecodeError as exc:
            raise TaxonomyError(json_input.problem(exc, whole_file=True), source) from None
        return cls(items, source)

    @classmethod
    def from_file(cls, path: str) -> Taxonomy:
        """A taxonomy from a JSON file."""
        try:
            with open(path, encoding="utf-8-sig") as handle:
                text = read_whole(handle, path)
        except (OSError, UnicodeDecodeError) as exc:
            raise TaxonomyError(f"cannot read taxonomy: {getattr(exc, 'strerror', None) or exc}", path) from None
        return cls.from_json(text, path)

    @classmethod
    def default(cls) -> Taxonomy:
        """The 90-tag taxonomy embedded in the package."""
        text = (Path(__file__).parents[1] / "data" / "tags.json").read_text(encoding="utf-8")
        return cls.from_json(text, "default taxonomy")


def _refuse_surrogates(item: Any, index: int, source: str) -> None:
    """A TaxonomyError for an item holding half of a surrogate pair (JSON's ``"\\ud83d"`` alone), which is no character."""
    text = json.dumps(item, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise TaxonomyError(f"item {index + 1} holds {text[exc.start]!r} alone, half of a surrogate pair and no character", source) from None


def _name_of(item: Any, index: int, source: str) -> str:
    name = item.get("name") if isinstance(item, dict) else item
    if not isinstance(name, str) or not name.strip():
        raise TaxonomyError(f'item {index + 1} needs a non-empty "name" string: {json.dumps(item)[:80]}', source)
    return name
