"""Full-text search over the catalog: a tantivy index derived from it, and a query language.

::

    from scriptorium.search import SearchIndex, rebuild, search, related

    index, _ = rebuild("scriptorium.sqlite.index", catalog)   # or SearchIndex.open(path).catch_up(catalog)
    results = search(index, 'title:revolution "permanent revolution" year:1936..1940', kind="article")
    results.total, results.hits[0].snippet, results.facets["writer"]
    related(index, results.hits[0].id)

The index holds nothing the catalog does not: it is rebuilt from
``catalog.iter_records()`` and kept current from ``catalog.changes_since(seq)``.
"""

from scriptorium.errors import QueryError
from scriptorium.search.engine import SORTS, Hit, SearchResults, related, search
from scriptorium.search.facets import FACETS
from scriptorium.search.index import (
    SearchIndex,
    SearchIndexError,
    UpdateReport,
    default_index_path,
    rebuild,
    update,
)
from scriptorium.search.query import parse

__all__ = [
    "FACETS",
    "SORTS",
    "Hit",
    "QueryError",
    "SearchIndex",
    "SearchIndexError",
    "SearchResults",
    "UpdateReport",
    "default_index_path",
    "parse",
    "rebuild",
    "related",
    "search",
    "update",
]
