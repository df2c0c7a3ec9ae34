"""Facet counts over every match, in one aggregation pass over tantivy's fast fields.

Names: ``writer``, ``periodical``, ``kind``, ``decade``, ``language``. Each
facet is a list of ``(value, count)``: writers, periodicals, kinds and
languages by count (then by name), decades in chronological order. A document
with two writers counts once under each.

Writers and periodicals are counted by a numeric key of the name
(``index.name_key``) and mapped back to names afterwards: thousands of text
terms cost several times more to count than numbers. A document's first
writer is counted from a column with one value per document and its other
writers from a second, sparse column, the two counts being added here: a
column holding several values per document is several times slower to read.

Each segment contributes at least ``max(10 x size, 200)`` of its values before
the lists are merged, which keeps the counts shown exact unless one segment
holds that many values that outnumber a shown one. The two writer lists come
back ``3 x size`` long before they are added up: a writer outside the first
``3 x size`` by first-writer count is shown only if second-writer documents
lift it there. ``size=None`` is always exact. The same pass counts every
match (``TOTAL``), so the search itself need not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import tantivy

FACETS: dict[str, str] = {
    "writer": "author_n",
    "periodical": "periodical_n",
    "kind": "kind",
    "decade": "decade",
    "language": "lang",
}
MORE_WRITERS = "_writer_more"  # second and later writers, added to ``writer``
NAMED = {"writer": "author_f", "periodical": "periodical_f"}  # numeric key -> name, from this field
TOTAL = "_total"
TOTAL_FIELD = "date_asc"  # every document has one
ALL = 1_000_000  # ``facet_size=None``: every value

FacetCounts = dict[str, list[tuple[Any, int]]]
NameLookup = Callable[[str, int], str]


def aggregation(size: int | None) -> dict[str, Any]:
    """The aggregation request for tantivy (Elasticsearch-style terms aggregations) and the total."""
    wanted = ALL if size is None else size
    per_segment = ALL if size is None else max(10 * size, 200)
    request: dict[str, Any] = {
        name: {"terms": {"field": field, "size": wanted, "segment_size": per_segment}}
        for name, field in FACETS.items()
    }
    # The two writer lists are added up here, so each comes back longer than the list shown.
    merged = ALL if size is None else 3 * size
    request["writer"]["terms"]["size"] = merged
    more = {"field": "coauthor_n", "size": merged, "segment_size": per_segment}
    request[MORE_WRITERS] = {"terms": more}
    request[TOTAL] = {"value_count": {"field": TOTAL_FIELD}}
    return request


def facet_counts(
    searcher: tantivy.Searcher, query: tantivy.Query, size: int | None, names: NameLookup
) -> tuple[FacetCounts, int]:
    """The facets of every document ``query`` matches, and how many it matches."""
    result = searcher.aggregate(query, aggregation(size))
    out: FacetCounts = {}
    for name in FACETS:
        counts = _buckets(result, name)
        if name == "writer":
            for key, count in _buckets(result, MORE_WRITERS).items():
                counts[key] = counts.get(key, 0) + count
        if name == "decade":
            out[name] = sorted((int(key), count) for key, count in counts.items())
            continue
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if size is not None and len(ranked) > size:
            floor = ranked[size - 1][1]  # ties at the cut are ordered by name below
            ranked = [kv for kv in ranked if kv[1] >= floor]
        if name in NAMED:
            field = NAMED[name]
            pairs = [(names(field, int(key)), count) for key, count in ranked]
        else:
            pairs = [(str(key), count) for key, count in ranked]
        pairs.sort(key=lambda p: (-p[1], p[0]))
        out[name] = pairs if size is None else pairs[:size]
    total = int(result.get(TOTAL, {}).get("value") or 0)
    return out, total


def _buckets(result: dict[str, Any], name: str) -> dict[Any, int]:
    return {b["key"]: int(b["doc_count"]) for b in result.get(name, {}).get("buckets", [])}
