"""Every query feature, against the test archive in a real catalog."""

from __future__ import annotations

from collections import Counter

import pytest

from scriptorium.catalog.api import Catalog
from scriptorium.errors import NotFoundError, QueryError
from scriptorium.search import SearchIndex, related, search

from .archive import documents


def ids(query: str, index: SearchIndex, **kw) -> list[str]:
    return [hit.id for hit in search(index, query, limit=100, **kw).hits]


def short(query: str, index: SearchIndex, **kw) -> set[str]:
    """Last path segment of each hit (the slug), as a set."""
    return {i.rsplit("/", 1)[1] for i in ids(query, index, **kw)}


# -- words, phrases, operators -----------------------------------------------------------
def test_words_are_stemmed_in_english(index: SearchIndex) -> None:
    assert short("revolutions", index) >= {"the-french-strikes", "france-the-struggle-goes-on"}
    assert short("strikes", index) == short("strike", index)
    assert "the-french-strikes" in short("striking", index)


def test_default_operator_is_and(index: SearchIndex) -> None:
    assert short("miners coal", index) == {"the-miners-and-the-tories"}
    assert short("miners hanging", index) == set()


def test_or_not_and_grouping(index: SearchIndex) -> None:
    assert short("hanging OR coalfields", index) == {"the-hangmen", "the-miners-and-the-tories"}
    both = short("general strike", index)
    assert both == {"the-french-strikes", "france-the-struggle-goes-on"}
    assert short("general strike NOT students", index) == {"the-french-strikes"}
    assert short("general strike -students", index) == {"the-french-strikes"}
    assert short("strike (students OR benches)", index) == both
    # OR binds tighter than the implicit AND.
    assert short("strike students OR benches", index) == both
    # A lone negation lists everything else.
    assert len(ids("NOT strike", index)) == len(documents()) - 2
    # Lower-case operators are words.
    assert short("miners and tories", index) == {"the-miners-and-the-tories"}


def test_phrases(index: SearchIndex) -> None:
    assert short('"general strike"', index) == {"the-french-strikes", "france-the-struggle-goes-on"}
    assert short('"strike general"', index) == set()
    assert short('"permanent revolution"', index) == {"the-french-strikes"}
    # Words joined by punctuation are a phrase.
    assert short("anti-war", index) == set()
    assert short("workers'control", index) == short("workers’ control", index) == {"transitional-demands"}


def test_prefix(index: SearchIndex) -> None:
    found = short("revol*", index)
    assert {"transitional-demands", "france-the-struggle-goes-on", "les-proces-de-moscou"} <= found
    assert "die-krise-der-partei" in found  # "Revolution" in German
    assert short("hangm*", index) == {"the-hangmen"}
    assert short("title:hang*", index) == {"the-hangmen"}
    assert short("author:høgs*", index) == {"clr-james-in-lancashire", "remembering-a-comrade"}
    results = search(index, "revolutionar*")
    assert results.total >= 1
    assert all("<mark>" in hit.snippet for hit in results.hits if hit.language == "en")


# -- fields -------------------------------------------------------------------------------
def test_fields(index: SearchIndex) -> None:
    assert short("title:crisis", index) == {"the-crisis-in-the-party"}
    assert short("crisis", index) == {"the-crisis-in-the-party", "the-hangmen"}
    assert short('author:"Paul Foot"', index) == {"the-miners-and-the-tories", "the-hangmen"}
    assert short("author:foot", index) == {"the-miners-and-the-tories", "the-hangmen"}
    assert short('periodical:"Labour Action"', index) == {"letter-to-the-editor"}
    assert short("kind:review", index) == {"deep-differences", "clr-james-in-lancashire"}
    assert short("kind:reviews", index) == short("kind:review", index)
    assert short("lang:fr", index) == {"les-proces-de-moscou"}
    assert short("lang:german", index) == {"die-krise-der-partei"}
    assert short("body:tories", index) == set()
    assert short("title:(miners OR hangmen)", index) == {"the-miners-and-the-tories", "the-hangmen"}


def test_year_ranges(index: SearchIndex, archive_catalog: Catalog) -> None:
    expected = {
        s.id.rsplit("/", 1)[1]
        for s in archive_catalog.list_documents()
        if s.year is not None and 1936 <= s.year <= 1940
    }
    assert short("year:1936..1940", index) == expected == short("*", index, year="1936..1940")
    assert short("year:1938", index) == {"transitional-demands"}
    assert short("year:..1913", index) == {"die-krise-der-partei"}
    assert short("year:2006..", index) == {"clr-james-in-lancashire", "remembering-a-comrade"}
    assert (
        short("year:1960s", index)
        == short("decade:1960", index)
        == {
            "two-souls-of-socialism",
            "france-the-struggle-goes-on",
        }
    )


# -- languages, case and diacritics -------------------------------------------------------
def test_language_aware_stemming(index: SearchIndex) -> None:
    # French: the plural and the singular share a stem; so do the accented and plain spellings.
    assert short("révolutionnaire", index) == {"les-proces-de-moscou"}
    assert short("proces", index) == short("PROCÈS", index) == {"les-proces-de-moscou"}
    # German: "Buch" finds "Büchern"; compound words stay whole.
    assert short("Buch", index) == {"die-krise-der-partei"}
    assert short("massenstreiks", index) == {"die-krise-der-partei"}


def test_case_and_diacritics_fold(index: SearchIndex) -> None:
    expected = {"clr-james-in-lancashire", "remembering-a-comrade"}
    assert short("Høgsbjerg", index) == short("hogsbjerg", index) == short("HOGSBJERG", index) == expected
    assert short("Trotskii", index) == set()
    assert short("trotsky", index) == {"the-french-strikes", "transitional-demands", "deep-differences"}


# -- ranking and sorting ------------------------------------------------------------------
def test_title_and_author_weigh_more_than_body(index: SearchIndex) -> None:
    crisis = ids("crisis", index)
    assert crisis[0].endswith("the-crisis-in-the-party")
    foot = ids("foot", index)
    assert {foot[0], foot[1]} == {
        "writers/foot/1976/06/the-miners-and-the-tories",
        "writers/foot/1995/06/the-hangmen",
    }
    assert foot[2].endswith("remembering-a-comrade")
    scores = [hit.score for hit in search(index, "foot").hits]
    assert scores == sorted(scores, reverse=True)


def _by_date(ids_in_order: list[str], catalog: Catalog) -> list[tuple[str | None, frozenset[str]]]:
    """Runs of equal dates: documents of the same date may come in either order."""
    dates = {s.id: s.date_edtf for s in catalog.list_documents()}
    runs: list[tuple[str | None, set[str]]] = []
    for doc_id in ids_in_order:
        if runs and runs[-1][0] == dates[doc_id]:
            runs[-1][1].add(doc_id)
        else:
            runs.append((dates[doc_id], {doc_id}))
    return [(date, frozenset(group)) for date, group in runs]


def test_sort_by_date(index: SearchIndex, archive_catalog: Catalog) -> None:
    catalog_order = [s.id for s in archive_catalog.list_documents()]  # by date, undated last
    expected_runs = _by_date(catalog_order, archive_catalog)
    assert _by_date(ids("*", index, sort="date"), archive_catalog) == expected_runs
    newest = search(index, "", sort="-date", limit=100).hits
    assert newest[-1].id == catalog_order[-1]  # undated last either way
    dates = [hit.date_edtf for hit in newest[:-1]]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 5
    assert _by_date(ids("", index), archive_catalog) == expected_runs  # an empty query lists by date
    dated = search(index, "strike", sort="date")
    assert [h.date for h in dated.hits] == ["June 1936", "May 1968"]
    assert all(h.score is None for h in dated.hits)


# -- facets -------------------------------------------------------------------------------
def _catalog_facets(catalog: Catalog, keep) -> dict[str, Counter]:
    counts: dict[str, Counter] = {
        k: Counter() for k in ("writer", "periodical", "kind", "decade", "language")
    }
    for record in catalog.iter_records():
        if record.page_type != "document" or not keep(record):
            continue
        counts["writer"].update(record.authors)
        if record.source and record.source.periodical:
            counts["periodical"][record.source.periodical] += 1
        counts["kind"][record.kind] += 1
        if record.date and record.date.year is not None:
            counts["decade"][record.date.year // 10 * 10] += 1
        counts["language"][record.language] += 1
    return counts


@pytest.mark.parametrize(
    ("kw", "keep"),
    [
        ({}, lambda r: True),
        ({"kind": "article"}, lambda r: r.kind == "article"),
        ({"author": "Paul Foot"}, lambda r: "Paul Foot" in r.authors),
        (
            {"periodical": "Socialist Review"},
            lambda r: r.source and r.source.periodical == "Socialist Review",
        ),
        ({"year": "1930..1949"}, lambda r: r.date is not None and 1930 <= r.date.year <= 1949),
        (
            {"lang": "en", "decade": 1970},
            lambda r: r.language == "en" and r.date and r.date.year // 10 == 197,
        ),
    ],
)
def test_facet_counts_match_the_catalog(index: SearchIndex, archive_catalog: Catalog, kw, keep) -> None:
    results = search(index, "", facet_size=None, **kw)
    expected = _catalog_facets(archive_catalog, keep)
    for name, counter in expected.items():
        assert dict(results.facets[name]) == dict(counter), name
    assert results.total == sum(expected["kind"].values())
    if "author" in kw:
        listed = archive_catalog.list_documents(author=kw["author"])
        assert results.total == len(listed)


def test_facets_follow_the_query_and_truncate(index: SearchIndex) -> None:
    results = search(index, "strike")
    assert dict(results.facets["kind"]) == {"article": 1, "pamphlet": 1}
    assert dict(results.facets["decade"]) == {1930: 1, 1960: 1}
    top = search(index, "", facet_size=2).facets["writer"]
    assert len(top) == 2 and all(count == 2 for _, count in top)
    assert search(index, "strike", facets=False).facets == {}


def test_filters_by_partial_name_and_unknown_kind(index: SearchIndex) -> None:
    assert short("", index, author="Foot") == {"the-miners-and-the-tories", "the-hangmen"}
    assert short("", index, periodical="socialist review") == short("", index, periodical="Socialist Review")
    with pytest.raises(QueryError, match="unknown kind"):
        search(index, "", kind="poem")
    with pytest.raises(QueryError, match="not a year"):
        search(index, "", year="the thirties")


# -- snippets, pagination, related works --------------------------------------------------
def test_snippets_mark_matched_words(index: SearchIndex) -> None:
    hit = search(index, "coalfields productivity").hits[0]
    assert "<mark>coalfields</mark>" in hit.snippet and "<mark>productivity</mark>" in hit.snippet
    stemmed = search(index, "occupation").hits[0]
    assert "<mark>occupations</mark>" in stemmed.snippet
    french = search(index, "revolution", lang="fr").hits[0]
    assert "<mark>révolution</mark>" in french.snippet
    negated = search(index, "factory NOT strike").hits
    assert all("<mark>strike</mark>" not in h.snippet for h in negated)


def test_snippets_are_escaped(index: SearchIndex) -> None:
    hit = search(index, "illegible").hits[0]
    assert "&lt;<mark>illegible</mark>&gt; &amp; move" in hit.snippet
    assert "<illegible>" not in hit.snippet


def test_pagination(index: SearchIndex) -> None:
    every = ids("*", index)
    pages = [search(index, "*", limit=5, page=p) for p in (1, 2, 3, 4)]
    assert [h.id for p in pages for h in p.hits] == every
    assert [len(p.hits) for p in pages] == [5, 5, 4, 0]
    assert all(p.total == len(every) for p in pages)
    assert pages[0].pages == 3
    relevance = [h.id for p in (1, 2) for h in search(index, "the", limit=3, page=p).hits]
    assert relevance == ids("the", index)[:6]
    for bad in ({"page": 0}, {"limit": 0}, {"limit": 5000}, {"sort": "author"}, {"facet_size": 0}):
        with pytest.raises(QueryError):
            search(index, "strike", **bad)


def test_related_works_for_every_document(index: SearchIndex) -> None:
    for record in documents():
        found = related(index, record.id, limit=5)
        assert record.id not in [h.id for h in found]
    strikes = [h.id for h in related(index, "writers/trotsky/1936/06/the-french-strikes", limit=3)]
    assert "writers/cliff/1968/05/france-the-struggle-goes-on" in strikes
    same_writer = [h.id for h in related(index, "writers/foot/1995/06/the-hangmen", limit=2)]
    assert "writers/foot/1976/06/the-miners-and-the-tories" in same_writer
    with pytest.raises(NotFoundError):
        related(index, "writers/nobody/1900/01/nothing")


def test_hits_carry_the_record_fields(index: SearchIndex) -> None:
    hit = search(index, "serge papers").hits[0]
    assert hit.id == "writers/jenkins/1976/06/deep-differences"
    assert (hit.title, hit.authors, hit.date, hit.kind) == (
        "Deep differences",
        ("Gareth Jenkins",),
        "June 1976",
        "review",
    )
    assert (hit.periodical, hit.issue, hit.language) == ("Socialist Review", "No. 176", "en")
    assert hit.to_dict()["authors"] == ["Gareth Jenkins"]
    # The reviewed book's title and editor are searchable.
    assert short("cotterill", index) == {"deep-differences"}


def test_index_pages_are_not_documents(index: SearchIndex) -> None:
    assert "archive/foot-paul/index" not in ids("*", index)
    assert len(index) == len(documents())
