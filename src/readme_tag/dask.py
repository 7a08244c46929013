"""Tag READMEs held in a Dask bag or a Dask dataframe column (``pip install readme-tag[dask]``).

The Tagger is built once per worker process (and reused for every
partition it handles), from settings that travel with the task graph:
taxonomy and rules are paths or plain data, never a compiled Tagger.

    import dask.bag as db
    from readme_tag.dask import tag_bag

    bag = db.from_sequence([{"id": 1, "text": readme}, ...], npartitions=8)
    results = tag_bag(bag, tags_as="names").compute()   # [{"id": 1, "tags": [...]}, ...]

    ddf["tags"] = tag_column(ddf["readme"], tags_as="names")
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from .output import result_dict
from .tagger import Tagger


@lru_cache(maxsize=8)
def _tagger(settings: str) -> Tagger:
    """One Tagger per process and settings (the settings are JSON text, so they hash)."""
    options = json.loads(settings)
    return Tagger(options["taxonomy"], options["rules"], max_tags=options["max_tags"], cutoff=options["cutoff"])


def _settings(taxonomy: Any, rules: Any, max_tags: int | None, cutoff: float | None) -> str:
    rules = [str(r) for r in rules] if isinstance(rules, (list, tuple)) else (str(rules) if rules else None)
    taxonomy = str(taxonomy) if taxonomy is not None and not isinstance(taxonomy, list) else taxonomy
    return json.dumps({"taxonomy": taxonomy, "rules": rules, "max_tags": max_tags, "cutoff": cutoff}, sort_keys=True)


def _tag_partition(records: list[Any], settings: str, tags_as: str) -> list[dict[str, Any]]:
    tagger = _tagger(settings)
    out = []
    for record in records:
        if isinstance(record, dict):
            ident, text = record.get("id"), record.get("text", "")
        else:
            ident, text = None, record
        out.append(result_dict(tagger.tag(text if isinstance(text, str) else "", id=ident), tags_as))
    return out


def tag_bag(bag: Any, taxonomy: Any = None, rules: Any = None, max_tags: int | None = None, cutoff: float | None = None, tags_as: str = "objects") -> Any:
    """A bag of ``{"id", "tags"}`` from a bag of README texts or of ``{"id", "text"}`` records."""
    settings = _settings(taxonomy, rules, max_tags, cutoff)
    return bag.map_partitions(_tag_partition, settings, tags_as)


def _tag_series(series: Any, settings: str, tags_as: str) -> Any:
    tagger = _tagger(settings)
    return series.map(lambda text: result_dict(tagger.tag(text if isinstance(text, str) else ""), tags_as)["tags"])


def tag_column(column: Any, taxonomy: Any = None, rules: Any = None, max_tags: int | None = None, cutoff: float | None = None, tags_as: str = "names") -> Any:
    """A Dask series of tag lists, one per README in ``column`` (a Dask series of texts)."""
    settings = _settings(taxonomy, rules, max_tags, cutoff)
    return column.map_partitions(_tag_series, settings, tags_as, meta=(column.name or "tags", "object"))
