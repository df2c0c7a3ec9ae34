"""Snippets: marks at the right characters, matches deep in long bodies, accents, escaping."""

from __future__ import annotations

from pathlib import Path

from scriptorium.model import Record
from scriptorium.search import SearchIndex, search
from scriptorium.search.snippets import mark_html, opening, term_finder


def test_mark_html_maps_byte_ranges_to_characters() -> None:
    fragment = "Høgsbjerg & <café> workers"
    data = fragment.encode()
    start = data.index("café".encode())
    assert mark_html(fragment, [(0, len("Høgsbjerg".encode())), (start, start + len("café".encode()))]) == (
        "<mark>Høgsbjerg</mark> &amp; &lt;<mark>café</mark>&gt; workers"
    )
    assert opening("one  two\n\nthree", limit=8) == "one two …"


def test_term_finder_finds_words_from_stems() -> None:
    finder = term_finder({"strike", "poni"})
    assert finder is not None
    assert finder.search("they were striking").group(0) == "stri"
    assert finder.search("a pony").group(0) == "pon"
    assert finder.search("restrike") is None  # word starts only
    assert term_finder(set()) is None


def test_matches_deep_in_long_bodies_are_marked(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / "ix", create=True)
    filler = " ".join(["the committee met and talked"] * 800)
    records = [
        Record(id="a/long", title="Long", text=f"{filler} Then the shipwrights walked out. {filler}"),
        Record(
            id="a/french",
            title="Long",
            language="fr",
            text=f"{filler} Les grévistes ont occupé l’usine. {filler}",
        ),
        Record(id="a/late", title="Late", text=f"{filler} {filler} finally a coda about zeppelins"),
    ]
    index.put([(r, None) for r in records])
    assert "<mark>shipwrights</mark> walked out" in search(index, "shipwright").hits[0].snippet
    assert "<mark>grévistes</mark>" in search(index, "greviste", lang="fr").hits[0].snippet
    assert "<mark>zeppelins</mark>" in search(index, "zeppelin").hits[0].snippet
    # A title-only match has no mark, and shows the opening.
    title_only = search(index, "title:late").hits[0].snippet
    assert "<mark>" not in title_only and title_only.startswith("the committee met")
