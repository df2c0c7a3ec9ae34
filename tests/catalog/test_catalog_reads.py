"""Reading: listings, stats, the change log, the normalised tables (on both backends)."""

from __future__ import annotations

import pytest

from scriptorium.catalog import Stats, store
from scriptorium.errors import QueryError
from scriptorium.model import Credit, IssueEntry, Link, PartialDate, PartOf, ReviewedBook

from .records import author_index, digest, document, periodical_index, put_all

BOOK = ReviewedBook(
    "The Serge-Trotsky Papers", editors=("David Cotterill",), publisher="Pluto", price="£14.95"
)


def small_archive():
    """Five documents and two index pages, counted by hand in the tests below."""
    return [
        document("w/jenkins/1976/06/deep", "Deep differences", kind="review", reviewed=(BOOK,)),
        document("w/jenkins/1977/01/other", "Other matters", date="1977-01", issue="No. 182"),
        document(
            "w/foot/1995/06/wilson",
            "Wilson",
            authors=("Paul Foot", "Gareth Jenkins"),
            date="1995-06",
            issue="No. 187",
            credits=(Credit("transcription", "Ted Crawford"), Credit("markup", "Einde O’Callaghan")),
        ),
        document(
            "w/foot/xxxx/xx/undated",
            "Undated",
            authors=("Paul Foot",),
            date=None,
            periodical="International Socialism",
            issue=None,
            copied_from="Marxists Internet Archive",
            credits=(),
        ),
        document(
            "w/anon/1963/xx/editorial",
            "Editorial",
            authors=(),
            date="1963",
            kind="editorial",
            periodical=None,
        ),
        author_index(
            "archive/foot",
            "Paul Foot",
            (
                Link("Wilson", href="1995/06/wilson.htm", date=PartialDate("June 1995", "1995-06")),
                Link("Elsewhere", href="http://example.org/foot.html"),
            ),
        ),
        periodical_index(
            "history/sr",
            "Socialist Review",
            (
                IssueEntry(
                    "No. 176",
                    date=PartialDate("June 1976", "1976-06"),
                    href="1976/no176/index.htm",
                    contents=(
                        Link("Deep differences", href="../../w/jenkins/1976/06/deep.htm", authors=("G J",)),
                    ),
                ),
                IssueEntry("No. 200", date=PartialDate("1979", "1979")),
            ),
        ),
    ]


@pytest.fixture
def archive(catalog):
    put_all(catalog, *small_archive())
    return catalog


def ids(summaries) -> list[str]:
    return [s.id for s in summaries]


def test_list_documents_filters(archive) -> None:
    everything = archive.list_documents()
    assert ids(everything) == [
        "w/anon/1963/xx/editorial",
        "w/jenkins/1976/06/deep",
        "w/jenkins/1977/01/other",
        "w/foot/1995/06/wilson",
        "w/foot/xxxx/xx/undated",
    ]
    assert ids(archive.list_documents(author="Paul Foot")) == [
        "w/foot/1995/06/wilson",
        "w/foot/xxxx/xx/undated",
    ]
    assert ids(archive.list_documents(author="Gareth Jenkins", year=1995)) == ["w/foot/1995/06/wilson"]
    assert ids(archive.list_documents(periodical="International Socialism")) == ["w/foot/xxxx/xx/undated"]
    assert len(archive.list_documents(periodical="Socialist Review")) == 3
    assert ids(archive.list_documents(kind="review")) == ["w/jenkins/1976/06/deep"]
    assert archive.list_documents(author="Nobody") == []
    assert ids(archive.list_documents(limit=2, offset=1)) == ids(everything)[1:3]
    assert ids(archive.list_documents(offset=4)) == ids(everything)[4:]
    assert ids(archive.list_documents(page_type="author-index")) == ["archive/foot"]
    assert len(archive.list_documents(page_type=None)) == 7


def test_document_summary_fields(archive) -> None:
    (wilson,) = archive.list_documents(year=1995)
    assert wilson.title == "Wilson"
    assert wilson.authors == ("Paul Foot", "Gareth Jenkins")
    assert (wilson.date_text, wilson.date_edtf, wilson.year) == ("1995-06", "1995-06", 1995)
    assert (wilson.periodical, wilson.issue, wilson.kind, wilson.language) == (
        "Socialist Review",
        "No. 187",
        "article",
        "en",
    )
    (editorial,) = archive.list_documents(kind="editorial")
    assert editorial.authors == () and editorial.periodical is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "novel"}, "unknown kind 'novel'"),
        ({"page_type": "blog"}, "unknown page type 'blog'"),
        ({"year": "1976"}, "year must be a whole number"),
        ({"limit": -1}, "limit must be"),
        ({"offset": -5}, "offset must be"),
    ],
)
def test_list_documents_refuses_bad_filters(archive, kwargs, message) -> None:
    with pytest.raises(QueryError, match=message):
        archive.list_documents(**kwargs)


def test_stats_match_hand_counts(archive) -> None:
    assert archive.stats() == Stats(
        documents=5,
        authors=2,  # Gareth Jenkins, Paul Foot (also described by archive/foot)
        periodicals=2,  # Socialist Review, International Socialism
        issues=4,  # SR No. 176, No. 182, No. 187 from documents; No. 200 from the index page
        revisions=7,
        people=2,  # Einde O’Callaghan, Ted Crawford
        sources=2,  # Socialist Review Archive, Marxists Internet Archive
        reviewed_books=1,
    )
    assert archive.stats().to_dict()["documents"] == 5


def test_updates_leave_no_orphans(archive) -> None:
    wilson = small_archive()[2]
    changed = wilson.replace(
        authors=("Someone Else",),
        credits=(),
        source=None,
        copied_from="Marxists Internet Archive",
        reviewed=(BOOK,),
    )
    put_all(archive, changed)
    stats = archive.stats()
    assert (stats.authors, stats.people, stats.issues, stats.reviewed_books) == (3, 1, 3, 2)
    tables = archive.dump()
    assert {r["name"] for r in tables["people"]} == {"Einde O’Callaghan"}
    assert ("Socialist Review", "No. 187") not in {
        (i["periodical"], i["designation"]) for i in tables["issues"]
    }
    assert [r for r in tables["document_authors"] if r["record_id"] == wilson.id] == [
        {"record_id": wilson.id, "position": 0, "author_name": "Someone Else"}
    ]
    assert not [r for r in tables["document_sources"] if r["record_id"] == wilson.id]
    # Back to the first version: the normalised tables are as if it had never changed.
    put_all(archive, wilson)
    fresh = _fresh_dump(small_archive())
    assert _without(archive.dump(), "records", "revisions", "changes") == _without(
        fresh, "records", "revisions", "changes"
    )


def _fresh_dump(records):
    import tempfile
    from pathlib import Path

    from scriptorium.catalog import open_catalog

    with tempfile.TemporaryDirectory() as tmp, open_catalog(str(Path(tmp) / "c.sqlite")) as other:
        put_all(other, *records)
        return other.dump()


def _without(dump, *tables):
    return {name: rows for name, rows in dump.items() if name not in tables}


def test_relations(archive) -> None:
    chapter = document("w/foot/1995/06/wilson-2", "Part two").replace(
        part_of=PartOf("Wilson", id="w/foot/1995/06/wilson")
    )
    put_all(archive, chapter)
    relations = {(r["subject"], r["predicate"], r["object"]) for r in archive.dump()["relations"]}
    assert relations == {
        ("w/jenkins/1976/06/deep", "reviews", "book:the-serge-trotsky-papers"),
        ("archive/foot", "links-to", "archive/foot/1995/06/wilson"),
        ("history/sr", "links-to", "w/jenkins/1976/06/deep"),
        ("w/foot/1995/06/wilson-2", "part-of", "w/foot/1995/06/wilson"),
    }


def test_author_index_fills_the_author(archive) -> None:
    tables = archive.dump()
    (foot,) = [a for a in tables["authors"] if a["name"] == "Paul Foot"]
    assert foot == {
        "name": "Paul Foot",
        "born_text": "1940",
        "born_edtf": "1940",
        "died_text": "2004",
        "died_edtf": "2004",
        "life_dates": "(1940–2004)",
        "biography": "A life.",
        "profile_record_id": "archive/foot",
    }
    works = [e for e in tables["index_entries"] if e["record_id"] == "archive/foot"]
    assert [
        (w["list"], w["title"], w["target"], w["year"]) for w in sorted(works, key=lambda w: w["position"])
    ] == [
        ("works", "Wilson", "archive/foot/1995/06/wilson", 1995),
        ("works", "Elsewhere", None, None),
    ]
    # The index page goes: the profile goes with it, the author stays while documents name them.
    with archive.batch() as batch:
        batch.delete("archive/foot")
    (foot,) = [a for a in archive.dump()["authors"] if a["name"] == "Paul Foot"]
    assert foot["biography"] is None and foot["profile_record_id"] is None
    assert not [e for e in archive.dump()["index_entries"] if e["record_id"] == "archive/foot"]


def test_author_known_only_from_an_index_page(catalog) -> None:
    page = author_index("archive/nobody", "Nobody Yet", ())
    put_all(catalog, page)
    assert catalog.stats().authors == 1
    put_all(catalog, page.replace(author_profile=None, page_type="other"))
    assert catalog.stats().authors == 0


def test_periodical_index_fills_periodical_and_issues(archive) -> None:
    tables = archive.dump()
    (sr,) = [p for p in tables["periodicals"] if p["title"] == "Socialist Review"]
    assert sr == {"title": "Socialist Review", "description": "A monthly.", "profile_record_id": "history/sr"}
    issues = {i["designation"]: i for i in tables["issues"] if i["periodical"] == "Socialist Review"}
    assert issues["No. 176"]["href"] == "1976/no176/index.htm"
    assert issues["No. 176"]["profile_record_id"] == "history/sr"
    assert (issues["No. 200"]["date_text"], issues["No. 200"]["year"]) == ("1979", 1979)
    assert issues["No. 182"]["date_edtf"] == "1977-01" and issues["No. 182"]["profile_record_id"] is None
    (entry,) = [e for e in tables["index_entries"] if e["record_id"] == "history/sr"]
    assert (entry["list"], entry["periodical"], entry["issue"], entry["authors"]) == (
        "contents",
        "Socialist Review",
        "No. 176",
        '["G J"]',
    )
    # Without its index page, No. 200 (named by no document) goes; No. 176 stays for its document.
    page = small_archive()[6]
    put_all(archive, page.replace(periodical_profile=None, page_type="other"))
    issues = {i["designation"] for i in archive.dump()["issues"] if i["periodical"] == "Socialist Review"}
    assert issues == {"No. 176", "No. 182", "No. 187"}


def test_issue_date_from_documents_is_the_earliest(catalog) -> None:
    late = document("a/late", date="1976-07", issue="No. 9")
    early = document("a/early", date="1976-06", issue="No. 9")
    put_all(catalog, late)
    put_all(catalog, early)
    (issue,) = catalog.dump()["issues"]
    assert issue["date_edtf"] == "1976-06"


def test_issue_date_follows_its_documents_through_updates(catalog) -> None:
    early, late = (
        document("a/early", date="1976-06", issue="No. 9"),
        document("a/late", date="1976-07", issue="No. 9"),
    )
    put_all(catalog, early, late)
    put_all(catalog, early.replace(source=None))  # the earliest document no longer names the issue
    assert [i["date_edtf"] for i in catalog.dump()["issues"]] == ["1976-07"]
    with catalog.batch() as batch:
        batch.delete("a/late")
    assert catalog.dump()["issues"] == []


def test_change_log_order_and_catch_up(catalog) -> None:
    first = [document(f"a/{n}") for n in range(5)]
    put_all(catalog, *first)
    put_all(catalog, first[0])  # unchanged: not logged
    put_all(catalog, first[1].replace(title="New"))
    with catalog.batch() as batch:
        batch.delete("a/2")
    changes = catalog.changes_since(0)
    assert [(c.record_id, c.action) for c in changes] == [
        ("a/0", "put"),
        ("a/1", "put"),
        ("a/2", "put"),
        ("a/3", "put"),
        ("a/4", "put"),
        ("a/1", "put"),
        ("a/2", "delete"),
    ]
    seqs = [c.seq for c in changes]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert changes[5].content_hash == digest(first[1].replace(title="New"))
    assert changes[6].content_hash is None
    # A reader catching up in pages sees every change exactly once.
    seen, last = [], 0
    while page := catalog.changes_since(last, limit=3):
        seen += page
        last = page[-1].seq
    assert seen == changes
    assert catalog.changes_since(changes[-1].seq) == []
    with pytest.raises(QueryError):
        catalog.changes_since(0, limit=0)


def test_iter_records_reads_everything_in_pages(archive, monkeypatch) -> None:
    monkeypatch.setattr(store, "_CHUNK", 2)
    records = list(archive.iter_records())
    assert sorted(r.id for r in records) == sorted(r.id for r in small_archive())
    assert {r.id: r for r in records} == {r.id: r for r in small_archive()}


def test_content_hashes(archive) -> None:
    assert archive.content_hashes() == {r.id: digest(r) for r in small_archive()}
