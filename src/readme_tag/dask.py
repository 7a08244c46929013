"""Tag READMEs held in a Dask bag or a Dask dataframe column (``pip install readme-tag[dask]``).

The work goes through the same path as ``batch`` (``batch.work``): a Tagger
built once per worker process from frozen ``Settings`` that travel with the
task graph, and an error record ``{"id", "error"}`` for an item that is not
a README text, never an exception that stops the computation.

    import dask.bag as db
    from readme_tag.dask import tag_bag

    bag = db.from_sequence([{"id": 1, "text": readme}, ...], npartitions=8)
    results = tag_bag(bag, tags_as="names").compute()   # [{"id": 1, "tags": [...]}, ...]

    ddf["tags"] = tag_column(ddf["readme"], tags_as="names")   # None where a value is no text
"""

from __future__ import annotations

import math
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from .batch.inputs import Item, record_item
from .batch.work import Render, tag_items
from .errors import ReadmeTagError, error_text
from .output import check_tags_as
from .reader import decode_bytes
from .settings import RulesLike, Settings, TaxonomyLike, files_now
from .tagger import Tagger

NOT_TEXT = "not a README text (a string, or bytes)"


def _settings(taxonomy: TaxonomyLike, rules: RulesLike, max_tags: int | None, cutoff: float | None, strict: bool, tags_as: str) -> Settings:
    """The settings for the workers, checked here first by building their Tagger once, compiled into the cache folder
    where the workers find it, and not kept (a client that makes many graphs holds none): a taxonomy or a rules
    directory that cannot be read, a rule file in error, and ``tags_as="ids"`` for a taxonomy without ids are refused
    before any work is sent."""
    settings = Settings.of(taxonomy, rules, max_tags=max_tags, cutoff=cutoff, strict=strict)
    settings = replace(settings, files=files_now(settings))  # a worker that lives on reads files edited since its last graph
    check_tags_as(Tagger.from_settings(settings).taxonomy, tags_as, f"tags_as={tags_as!r}")
    return settings


def _item(record: Any) -> Item:
    """A bag's or a column's value as an input: a text, bytes, or a record as ``batch`` reads them (``{"id", "text"}``, with
    a ``"name"`` whose suffix picks the reader, or ``{"id", "path"}``, read from the worker's folder)."""
    if isinstance(record, dict):  # a frame's missing cell is NaN where Dask keeps object columns: no field, as null is
        record = {key: value for key, value in record.items() if not (isinstance(value, float) and math.isnan(value))}
    ident, text = (record.get("id"), record.get("text")) if isinstance(record, dict) else (None, record)
    if isinstance(text, bytes):  # decoded as a file's would be, cut where a file's read is
        try:
            source = decode_bytes(text, "<bytes>")
        except ReadmeTagError as exc:
            return Item(ident, error=error_text(exc))
        return replace(_item({**record, "text": source.text} if isinstance(record, dict) else source.text), truncated=source.truncated)
    if isinstance(record, dict):
        return record_item(ident, record, Path(os.curdir))
    return Item(ident, text=text) if isinstance(text, str) else Item(ident, error=NOT_TEXT)


def _tag_partition(records: list[Any], settings: Settings, render: Render) -> list[dict[str, Any]]:
    return [done.record for done in tag_items(map(_item, records), settings, render)]


def tag_bag(bag: Any, taxonomy: TaxonomyLike = None, rules: RulesLike = None, max_tags: int | None = None, cutoff: float | None = None, tags_as: str = "objects", strict: bool = False) -> Any:
    """A bag of ``{"id", "tags"}`` (or ``{"id", "error"}``) from a bag of README texts or ``{"id", "text"}`` records."""
    settings = _settings(taxonomy, rules, max_tags, cutoff, strict, tags_as)
    return bag.map_partitions(_tag_partition, settings, Render(tags_as))


def _tag_series(series: Any, settings: Settings, render: Render) -> Any:
    import pandas as pd

    records = [done.record for done in tag_items(map(_item, series), settings, render)]
    return pd.Series([record.get("tags") for record in records], index=series.index, dtype=object)


def tag_column(column: Any, taxonomy: TaxonomyLike = None, rules: RulesLike = None, max_tags: int | None = None, cutoff: float | None = None, tags_as: str = "names", strict: bool = False) -> Any:
    """A Dask series of tag lists, one per README in ``column`` (None where a value is not a text)."""
    settings = _settings(taxonomy, rules, max_tags, cutoff, strict, tags_as)
    return column.map_partitions(_tag_series, settings, Render(tags_as), meta=(column.name or "tags", "object"))
