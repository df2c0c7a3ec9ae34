"""Running a search: the query, filters, ranking or date order, facets, snippets, pages."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy

from scriptorium.errors import NotFoundError, QueryError
from scriptorium.search import analysis
from scriptorium.search.facets import FacetCounts, facet_counts
from scriptorium.search.index import SCHEMA, SearchIndex, body_field, title_field
from scriptorium.search.query import (
    And,
    Compiler,
    Exact,
    MatchAll,
    Node,
    Range,
    Words,
    kind_value,
    lang_value,
    parse,
    year_range,
)
from scriptorium.search.snippets import Snippets, opening

SORTS = ("relevance", "date", "-date")
MAX_LIMIT = 1000
MAX_OFFSET = 100_000
# "More like this": words frequent in the document and rare in the archive.
_STOP_TEXT = """
a about after all also an and any are as at be because been but by can could did do does for from had has
have he her his how i if in into is it its just may more most much must no not now of on one only or other
our out over she should so some such than that the their them then there these they this those to too under
up upon very was we were what when where which while who will with would you your
au aux avec ce ces dans de des du elle en est et il ils je la le les leur mais ne nous on ou par pas pour qu
que qui sa se ses son sont sur un une
aber als am an auch auf aus bei das dem den der des die durch ein eine einer es für hat ich im in ist mit
nach nicht noch nur oder sich sie so und vom von war wie wir zu zum zur
"""
_STOP_WORDS = sorted(set(_STOP_TEXT.split()))


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    title: str
    authors: tuple[str, ...]
    date: str | None  # as printed
    date_edtf: str | None
    kind: str
    periodical: str | None
    issue: str | None
    language: str
    score: float | None  # None when sorted by date
    snippet: str  # HTML: escaped text, matched words in <mark>

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "authors": list(self.authors),
            "date": self.date,
            "date_edtf": self.date_edtf,
            "kind": self.kind,
            "periodical": self.periodical,
            "issue": self.issue,
            "language": self.language,
            "score": self.score,
            "snippet": self.snippet,
        }


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    total: int
    page: int
    limit: int
    sort: str
    hits: tuple[Hit, ...]
    facets: FacetCounts

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "pages": self.pages,
            "limit": self.limit,
            "sort": self.sort,
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": {
                name: [[value, count] for value, count in pairs] for name, pairs in self.facets.items()
            },
        }


def search(
    index: SearchIndex | str | Path,
    query: str = "",
    *,
    author: str | None = None,
    periodical: str | None = None,
    kind: str | None = None,
    year: str | int | tuple[int | None, int | None] | None = None,
    decade: int | None = None,
    lang: str | None = None,
    sort: str = "relevance",
    page: int = 1,
    limit: int = 10,
    facets: bool = True,
    facet_size: int | None = 20,
    snippets: bool = True,
) -> SearchResults:
    """Search the index; filters narrow the matches (and the facet counts) without changing the ranking.

    ``sort``: ``relevance`` (BM25, title and author weighing more than the body),
    ``date`` (oldest first) or ``-date`` (newest first); undated documents come
    last either way. An empty query lists every document, oldest first.
    """
    ix = index if isinstance(index, SearchIndex) else SearchIndex.open(index)
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if page < 1 or (page - 1) * limit > MAX_OFFSET:
        raise QueryError(f"page must be between 1 and {MAX_OFFSET // limit + 1}, not {page}")
    if facet_size is not None and facet_size < 1:
        raise QueryError(f"facet_size must be at least 1 (or None for every value), not {facet_size}")
    tree = parse(query)
    if isinstance(tree, MatchAll) and sort == "relevance":
        sort = "date"
    searcher = ix.searcher()
    compiler = Compiler(searcher, ix.languages(searcher))
    compiled = compiler.compile(tree)
    filters = _filters(searcher, author, periodical, kind, year, decade, lang)
    final = compiled.query
    if filters is not None:
        final = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, final),
                (tantivy.Occur.Must, tantivy.Query.const_score_query(compiler.compile(filters).query, 0.0)),
            ]
        )
    offset = (page - 1) * limit
    pool = _facet_pool() if facets else None
    counted = pool.submit(facet_counts, searcher, final, facet_size, ix.name) if pool is not None else None
    # The search counts its matches even when the facets' pass counts them too: collecting the
    # top hits of these queries (one clause per field and language, boosted) with a count is no
    # slower than without, as tantivy finds few blocks of postings to skip in either case.
    if sort == "relevance":
        result = searcher.search(final, limit=limit, count=True, offset=offset)
    else:
        field, order = (
            ("date_asc", tantivy.Order.Asc) if sort == "date" else ("date_desc", tantivy.Order.Desc)
        )
        result = searcher.search(
            final, limit=limit, count=True, offset=offset, order_by_field=field, order=order
        )
    maker = Snippets(compiled.terms) if snippets else None
    hits = tuple(
        _hit(searcher.doc(addr), score if sort == "relevance" else None, maker) for score, addr in result.hits
    )
    if facets:
        counts, total = (
            counted.result() if counted is not None else facet_counts(searcher, final, facet_size, ix.name)
        )
    else:
        counts, total = {}, int(result.count or 0)
    return SearchResults(query, total, page, limit, sort, hits, counts)


_FACET_POOL: list[ThreadPoolExecutor] = []
_FACET_POOL_LOCK = threading.Lock()


def _facet_pool() -> ThreadPoolExecutor | None:
    """Threads that count facets while the caller collects the top hits: tantivy lets go of the
    interpreter while it searches, so the two passes over the matches run side by side (a phrase
    query, whose positions both passes read, takes about the time of one). None on one core."""
    if (os.cpu_count() or 1) < 2:
        return None
    with _FACET_POOL_LOCK:
        if not _FACET_POOL:
            _FACET_POOL.append(
                ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2), thread_name_prefix="facets")
            )
        return _FACET_POOL[0]


def related(index: SearchIndex | str | Path, record_id: str, *, limit: int = 5) -> list[Hit]:
    """Documents most like this one ("more like this"): shared rare words, writers and periodicals."""
    ix = index if isinstance(index, SearchIndex) else SearchIndex.open(index)
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    searcher = ix.searcher()
    self_query = tantivy.Query.term_query(SCHEMA, "id", record_id)
    found = searcher.search(self_query, limit=1).hits
    if not found:
        raise NotFoundError(f"no document {record_id!r} in the search index")
    like = tantivy.Query.more_like_this_query(
        found[0][1],
        min_doc_frequency=2,
        max_doc_frequency=max(2, searcher.num_docs // 2),
        min_term_frequency=1,
        max_query_terms=30,
        min_word_length=3,
        stop_words=_STOP_WORDS,
    )
    query = tantivy.Query.boolean_query([(tantivy.Occur.Must, like), (tantivy.Occur.MustNot, self_query)])
    return [_hit(searcher.doc(addr), score, None) for score, addr in searcher.search(query, limit=limit).hits]


def _filters(
    searcher: tantivy.Searcher,
    author: str | None,
    periodical: str | None,
    kind: str | None,
    year: str | int | tuple[int | None, int | None] | None,
    decade: int | None,
    lang: str | None,
) -> Node | None:
    """Filters as query nodes: a facet value matches exactly, other text as a phrase in that field."""
    nodes: list[Node] = []
    for value, exact_field, text_field in (
        (author, "author_f", "author"),
        (periodical, "periodical_f", "periodical"),
    ):
        if value is None:
            continue
        if not value.strip():
            raise QueryError(f"empty {text_field} filter")
        value = analysis.nfc(value)
        if searcher.doc_freq(exact_field, value) > 0:
            nodes.append(Exact(exact_field, value))
        else:
            nodes.append(Words(value, text_field, phrase=True))
    if kind is not None:
        nodes.append(Exact("kind", kind_value(kind)))
    if lang is not None:
        nodes.append(Exact("lang", lang_value(lang)))
    if year is not None:
        if isinstance(year, tuple):
            low, high = year
        elif isinstance(year, int):
            low = high = year
        else:
            low, high = year_range(year)
        nodes.append(Range("year", low, high))
    if decade is not None:
        nodes.append(Range("decade", decade - decade % 10, decade - decade % 10))
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else And(tuple(nodes))


def _hit(doc: tantivy.Document, score: float | None, snippets: Snippets | None) -> Hit:
    language = doc.get_first("lang") or "und"
    lang = analysis.index_language(language)
    body = body_field(lang)
    if snippets is not None:
        snippet = snippets.html(doc, body)
    else:
        first = doc.get_first(body)
        snippet = opening(first or "")
    return Hit(
        id=doc.get_first("id"),
        title=doc.get_first(title_field(lang)) or "",
        authors=tuple(doc.get_all("author_f")),
        date=doc.get_first("date_text"),
        date_edtf=doc.get_first("date_edtf"),
        kind=doc.get_first("kind"),
        periodical=doc.get_first("periodical_f"),
        issue=doc.get_first("issue"),
        language=language,
        score=float(score) if score is not None else None,
        snippet=snippet,
    )
