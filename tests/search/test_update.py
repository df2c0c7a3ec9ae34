"""Keeping the index current: edits in place, deletions, rebuilds, and many indexes on one catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scriptorium.catalog.api import Catalog
from scriptorium.errors import ConfigError
from scriptorium.search import SearchIndex, SearchIndexError, default_index_path, rebuild, search, update
from scriptorium.search.index import META_FILE

from .archive import documents, records
from .conftest import content_hash, put_all

QUERIES = ("strike", "revolution", '"general strike"', "author:foot", "kind:review", "year:1930..1949", "*")


def catalog_documents(catalog: Catalog) -> dict[str, str]:
    """Content hash of every document in the catalog (what the index must hold, and nothing more)."""
    hashes = catalog.content_hashes()
    return {s.id: hashes[s.id] for s in catalog.list_documents()}


def snapshot(index: SearchIndex) -> dict[str, list]:
    out = {}
    for query in QUERIES:
        results = search(index, query, limit=100, facet_size=None)
        out[query] = [sorted(h.id for h in results.hits), results.total, results.facets]
    return out


def test_reimport_updates_in_place(sqlite_catalog: Catalog, tmp_path: Path) -> None:
    put_all(sqlite_catalog, records())
    index, report = rebuild(tmp_path / "ix", sqlite_catalog)
    assert report.indexed == len(documents())
    total = search(index, "*").total
    assert search(index, "coalfields").total == 1
    assert search(index, "lignite").total == 0

    miners = sqlite_catalog.get("writers/foot/1976/06/the-miners-and-the-tories")
    edited = miners.replace(text=miners.text.replace("coalfields", "lignite pits"))
    put_all(sqlite_catalog, [edited])
    assert search(index, "lignite").total == 0  # not until the index catches up
    report = index.catch_up(sqlite_catalog)
    assert (report.indexed, report.removed) == (1, 0)
    assert [h.id for h in search(index, "lignite").hits] == [edited.id]
    assert search(index, "coalfields").total == 0
    assert search(index, "*").total == total
    assert index.hashes() == catalog_documents(sqlite_catalog)
    # Nothing new: nothing to do.
    assert index.catch_up(sqlite_catalog).indexed == 0


def test_deletions_and_page_type_changes_leave_the_index(sqlite_catalog: Catalog, tmp_path: Path) -> None:
    put_all(sqlite_catalog, records())
    index, _ = rebuild(tmp_path / "ix", sqlite_catalog)
    with sqlite_catalog.batch() as batch:
        batch.delete("writers/foot/1995/06/the-hangmen")
    letter = sqlite_catalog.get("writers/shachtman/1948/03/letter-to-the-editor")
    put_all(sqlite_catalog, [letter.replace(page_type="other")])
    report = index.catch_up(sqlite_catalog)
    assert report.removed == 2
    assert search(index, "hanging").total == 0
    assert search(index, "convention").total == 0
    assert index.hashes() == catalog_documents(sqlite_catalog)


def test_index_survives_reopening_and_remembers_its_seq(sqlite_catalog: Catalog, tmp_path: Path) -> None:
    put_all(sqlite_catalog, records())
    path = tmp_path / "ix"
    index, _ = update(path, sqlite_catalog)  # no index yet: built
    seq = index.seq
    assert seq > 0
    assert json.loads((path / META_FILE).read_text())["seq"] == seq
    reopened = SearchIndex.open(path)
    assert reopened.seq == seq and len(reopened) == len(documents())
    put_all(sqlite_catalog, [documents()[0].replace(title="Renamed")])
    again, report = update(path, sqlite_catalog)
    assert report.indexed == 1 and again.seq > seq
    assert search(again, "title:renamed").total == 1


def test_rebuild_replaces_and_matches_catch_up(sqlite_catalog: Catalog, tmp_path: Path) -> None:
    put_all(sqlite_catalog, records()[:5])
    grown = SearchIndex.open(tmp_path / "grown", create=True)
    grown.catch_up(sqlite_catalog)
    put_all(sqlite_catalog, records()[5:])
    grown.catch_up(sqlite_catalog)
    fresh, _ = rebuild(tmp_path / "fresh", sqlite_catalog)
    again, _ = rebuild(tmp_path / "fresh", sqlite_catalog)  # over an existing index
    assert snapshot(grown) == snapshot(fresh) == snapshot(again)
    assert grown.seq == fresh.seq
    assert not (tmp_path / "fresh.rebuilding").exists() and not (tmp_path / "fresh.old").exists()


def test_two_indexes_fed_from_one_catalog_agree(any_catalog: Catalog, tmp_path: Path) -> None:
    """Two web nodes, each with its own index, catching up at different moments."""
    put_all(any_catalog, records()[:8])
    node_a = SearchIndex.open(tmp_path / "node-a", create=True)
    node_a.catch_up(any_catalog)
    put_all(any_catalog, records()[8:])
    node_b = SearchIndex.open(tmp_path / "node-b", create=True)
    node_b.catch_up(any_catalog)
    # A batch of edits: changed texts, a retitled work, a deletion, a new document.
    first, second = documents()[0], documents()[9]
    with any_catalog.batch() as batch:
        for record in (
            first.replace(text=first.text + "\n\nA postscript about shipyards."),
            second.replace(title="Cricket, Cotton and the Colour Bar"),
            records()[3].replace(kind="article"),
            documents()[4].replace(id="writers/draper/1970/01/new-pamphlet", title="A New Pamphlet"),
        ):
            batch.put(record, content_hash=content_hash(record), origin="edit")
        batch.delete("writers/foot/1995/06/the-hangmen")
    node_a.catch_up(any_catalog)
    node_b.catch_up(any_catalog)
    assert node_a.seq == node_b.seq
    assert node_a.hashes() == node_b.hashes() == catalog_documents(any_catalog)
    assert snapshot(node_a) == snapshot(node_b)
    assert search(node_a, "shipyards").total == 1
    assert search(node_b, "title:colour").total == 1
    assert search(node_b, "hanging").total == 0


def test_missing_or_foreign_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="no search index"):
        SearchIndex.open(tmp_path / "nothing")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    with pytest.raises(SearchIndexError, match="not empty"):
        SearchIndex.open(tmp_path / "busy", create=True)
    with pytest.raises(SearchIndexError, match="left alone"):
        rebuild(tmp_path / "busy", None)  # type: ignore[arg-type]  # refused before the catalog is read
    assert (tmp_path / "busy" / "notes.txt").read_text() == "mine"
    index = SearchIndex.open(tmp_path / "old", create=True)
    (index.path / META_FILE).write_text(json.dumps({"format": 0, "seq": 3}))
    with pytest.raises(SearchIndexError, match="rebuild"):
        SearchIndex.open(tmp_path / "old")


def test_default_index_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCRIPTORIUM_INDEX_DIR", raising=False)
    assert default_index_path("var/scriptorium.sqlite") == Path("var/scriptorium.sqlite.index")
    assert default_index_path("sqlite:////srv/a.sqlite") == Path("/srv/a.sqlite.index")
    with pytest.raises(ConfigError, match="SCRIPTORIUM_INDEX_DIR"):
        default_index_path("postgresql://archive@db/scriptorium")
    monkeypatch.setenv("SCRIPTORIUM_INDEX_DIR", "/var/lib/scriptorium/index")
    assert default_index_path("postgresql://archive@db/scriptorium") == Path("/var/lib/scriptorium/index")
