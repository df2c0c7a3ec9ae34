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
match, so the search itself need not: every document has exactly one
language, so the language buckets and the count of documents left out of them
(``sum_other_doc_count``) add up to the number of matches, with no column of
its own to read.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
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
TOTAL_FACET = "language"  # one value per document: its buckets and the rest count every match
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
    return request


def facet_counts(
    searcher: tantivy.Searcher, query: tantivy.Query, size: int | None, names: NameLookup
) -> tuple[FacetCounts, int]:
    """The facets of every document ``query`` matches, and how many it matches."""
    result = searcher.aggregate(query, aggregation(size))
    out: FacetCounts = {}
    total = 0
    for name in FACETS:
        found = result.get(name) or {}
        buckets = found.get("buckets") or ()
        if name == TOTAL_FACET:
            total = int(found.get("sum_other_doc_count") or 0) + sum(int(b["doc_count"]) for b in buckets)
        if name == "decade":
            out[name] = sorted((int(b["key"]), int(b["doc_count"])) for b in buckets)
            continue
        if name == "writer":
            counts = _buckets(buckets)
            for b in (result.get(MORE_WRITERS) or {}).get("buckets") or ():
                key = b["key"]
                counts[key] = counts.get(key, 0) + int(b["doc_count"])
        else:
            counts = _buckets(buckets)
        ranked = sorted(counts.items(), key=itemgetter(1), reverse=True)  # stable: ties keep their order
        if size is not None and len(ranked) > size:
            floor = ranked[size - 1][1]  # ties at the cut are ordered by name below
            ranked = [kv for kv in ranked if kv[1] >= floor]
        if name in NAMED:
            field = NAMED[name]
            pairs = [(names(field, int(key)), count) for key, count in ranked]
        else:
            pairs = [(str(key), count) for key, count in ranked]
        pairs.sort(key=_by_count_then_name)
        out[name] = pairs if size is None else pairs[:size]
    return out, total


def _by_count_then_name(pair: tuple[Any, int]) -> tuple[int, Any]:
    return -pair[1], pair[0]


def _buckets(buckets: Any) -> dict[Any, int]:
    return {b["key"]: int(b["doc_count"]) for b in buckets}
