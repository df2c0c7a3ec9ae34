"""Snippets: marks at the right characters, matches deep in long bodies, accents, escaping."""

from __future__ import annotations

import string
from pathlib import Path

from scriptorium.model import Record
from scriptorium.search import SearchIndex, search
from scriptorium.search.snippets import (
    Snippets,
    _latin1_folding,
    _latin1_starts,
    _past_latin1,
    mark_html,
    opening,
    term_finder,
    word_starts,
)


def test_mark_html_escapes_around_character_ranges() -> None:
    fragment = "Høgsbjerg & <café>\n\n workers"
    start = fragment.index("café")
    assert mark_html(fragment, [(0, len("Høgsbjerg")), (start, start + len("café"))]) == (
        "<mark>Høgsbjerg</mark> &amp; &lt;<mark>café</mark>&gt; workers"
    )
    assert opening("one  two\n\nthree", limit=8) == "one two …"


def test_term_finder_finds_words_from_stems() -> None:
    finder = term_finder({"strike", "poni", "grevist"})
    assert finder is not None
    assert list(word_starts(finder, "they were Striking")) == [10]
    assert list(word_starts(finder, "a pony")) == [2]
    assert list(word_starts(finder, "les Grévistes")) == [4]  # accents and case ignored
    assert list(word_starts(finder, "restrike")) == []  # word starts only
    assert term_finder(set()) is None


def test_folded_copy_finds_what_the_accent_blind_pattern_finds() -> None:
    """Every character is matched to an ASCII letter or digit alike by the pattern and the fold."""
    folding = _latin1_folding()
    beyond = "".join(chr(code) for code in range(256, 0x110000) if not 0xD800 <= code <= 0xDFFF)
    for char in string.ascii_lowercase + string.digits:
        finder = term_finder({char})
        assert finder is not None
        for code in range(256):
            assert bool(finder.fullmatch(chr(code))) == (folding[code] == ord(char)), (char, chr(code))
        for found in finder.finditer(beyond):  # past Latin-1: those send a body to the pattern
            assert _past_latin1().fullmatch(found.group()), (char, found.group())


def test_folded_copy_and_pattern_give_the_same_word_starts() -> None:
    terms = {"grevist", "general", "strike", "oeuvr"}
    heads = [head.encode() for head, _ in Snippets(terms)._ascii or ()]
    finder = term_finder(terms)
    assert finder is not None
    for text in (
        "Les GRÉVISTES, la grève générale — « Général » ; xgréviste",
        "Straße STRIKES ſtrike: l’œuvre, Œuvres, oeuvre",
        "İstanbul strikers Kraków Stri ke",
    ):
        folded = _latin1_starts(heads, text)
        if folded is not None:
            assert list(folded) == list(word_starts(finder, text)), text
    assert _latin1_starts(heads, "l’œuvre") is None  # œ is past Latin-1: the pattern reads it
    assert _latin1_starts(heads, "la grève – l’usine") is not None  # dashes and quotes are no letters


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


def test_several_terms_are_marked_in_the_stretch_holding_most_of_them(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / "ix", create=True)
    text = " ".join(["the committee met and talked"] * 3)
    text += " A docker spoke first. " + " ".join(["the committee met and talked"] * 5)
    text += " Later the dockers and the carters struck together. " + " ".join(["they talked"] * 40)
    index.put([(Record(id="a/both", title="Both", text=text), None)])
    snippet = search(index, "docker carter").hits[0].snippet
    assert "<mark>dockers</mark> and the <mark>carters</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")


def test_prefixes_with_many_words_find_every_one(tmp_path: Path) -> None:
    # More words share the prefix than tantivy's prefix query expands to: a regular expression takes over.
    index = SearchIndex.open(tmp_path / "ix", create=True)
    letters = "abcdefghij"
    words = [f"zor{a}{b}" for a in letters for b in letters[:7]]  # 70 words
    records = [Record(id=f"a/{w}", title="Word", text=f"a note on {w} alone") for w in words]
    records.append(Record(id="a/few", title="Few", text="quillwort and quillworts"))
    index.put([(r, None) for r in records])
    assert search(index, "zor*", limit=100).total == len(words)
    assert search(index, "zorb*").total == 7
    hit = search(index, "quill*").hits[0]
    assert hit.id == "a/few" and "<mark>quillwort</mark>" in hit.snippet
