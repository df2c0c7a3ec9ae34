"""Facet counts: writers counted once per document from two columns, names found after updates."""

from __future__ import annotations

from pathlib import Path

from scriptorium.model import Record, Source
from scriptorium.search import SearchIndex, search


def _record(rid: str, authors: tuple[str, ...], periodical: str = "Labour Action") -> Record:
    return Record(
        id=rid,
        title="Notes",
        authors=authors,
        text="notes on the docks",
        source=Source(statement=periodical, periodical=periodical),
    )


def test_first_and_later_writers_add_up(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / "ix", create=True)
    records = [
        _record("a/1", ("Hal Draper",)),
        _record("a/2", ("Anne Bloom", "Hal Draper")),
        _record("a/3", ("Hal Draper", "Hal Draper")),  # a name given twice counts once
        _record("a/4", ("Anne Bloom",)),
        _record("a/5", ()),
    ]
    index.put([(r, None) for r in records])
    results = search(index, "docks", facet_size=None)
    assert results.total == 5
    assert results.facets["writer"] == [("Hal Draper", 3), ("Anne Bloom", 2)]
    assert search(index, "docks", facet_size=1).facets["writer"] == [("Hal Draper", 3)]


def test_a_writer_added_later_is_named(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / "ix", create=True)
    index.put([(_record("a/1", ("Hal Draper",)), None)])
    assert search(index, "docks").facets["writer"] == [("Hal Draper", 1)]
    index.put([(_record("a/2", ("Rosa Żmijewska",), periodical="New International"), None)])
    facets = search(index, "docks").facets
    assert facets["writer"] == [("Hal Draper", 1), ("Rosa Żmijewska", 1)]
    assert facets["periodical"] == [("Labour Action", 1), ("New International", 1)]
