"""Facet counts over every match, in one aggregation pass over tantivy's fast fields.

Names: ``writer``, ``periodical``, ``kind``, ``decade``, ``language``. Each
facet is a list of ``(value, count)``: writers, periodicals, kinds and
languages by count (then by name), decades in chronological order. A document
with two writers counts once under each. Each segment contributes
at least ``max(10 x size, 1000)`` of its values before the lists are merged,
which keeps the counts shown exact unless one segment holds more than a
thousand values that outnumber a shown one; ``size=None`` is always exact.
"""

from __future__ import annotations

from typing import Any

import tantivy

FACETS: dict[str, str] = {
    "writer": "author_f",
    "periodical": "periodical_f",
    "kind": "kind",
    "decade": "decade",
    "language": "lang",
}
ALL = 1_000_000  # ``facet_size=None``: every value

FacetCounts = dict[str, list[tuple[Any, int]]]


def aggregation(size: int | None) -> dict[str, Any]:
    """The aggregation request for tantivy (Elasticsearch-style terms aggregations)."""
    wanted = ALL if size is None else size
    per_segment = ALL if size is None else max(10 * size, 1000)
    return {
        name: {"terms": {"field": field, "size": wanted, "segment_size": per_segment}}
        for name, field in FACETS.items()
    }


def facet_counts(searcher: tantivy.Searcher, query: tantivy.Query, size: int | None) -> FacetCounts:
    result = searcher.aggregate(query, aggregation(size))
    out: FacetCounts = {}
    for name in FACETS:
        buckets = result.get(name, {}).get("buckets", [])
        pairs = [(_value(name, b["key"]), int(b["doc_count"])) for b in buckets]
        if name == "decade":
            pairs.sort(key=lambda p: p[0])
        else:
            pairs.sort(key=lambda p: (-p[1], str(p[0])))
        out[name] = pairs
    return out


def _value(name: str, key: Any) -> Any:
    return int(key) if name == "decade" else str(key)
