"""Any Unicode text put in a document can be found again by any word of it that the analyzer keeps."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scriptorium.model import Record
from scriptorium.search import SearchIndex, analysis, search

_counter = itertools.count()

# Mostly letters from many scripts, with digits, punctuation, symbols, marks and spaces between.
_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\x00"
    ),
    min_size=1,
    max_size=200,
)


@pytest.fixture(scope="module")
def scratch_index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    return SearchIndex.open(tmp_path_factory.mktemp("prop") / "ix", create=True)


def _case_variants(word: str) -> list[str]:
    """The word as written, and upper-cased where case round-trips (``µ`` upper-cases to Greek ``Μ``)."""
    upper = word.upper()
    return [word, upper] if upper != word and upper.lower() == word.lower() else [word]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    docs=st.lists(
        st.tuples(
            _TEXT,
            st.sampled_from(["en", "fr", "de", "ru", "el", "ja", "und"]),
            st.integers(min_value=0),
            st.sampled_from(["text", "title"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_text_is_found_by_a_word_it_contains(scratch_index: SearchIndex, docs) -> None:
    wanted: list[tuple[str, str, str]] = []
    batch: list[tuple[Record, None]] = []
    for text, language, pick, where in docs:
        kept = analysis.analyzer(analysis.index_language(language)).pre_tokenize(analysis.nfc(text)).tokens
        if not kept:
            continue
        token = kept[pick % len(kept)]
        word = analysis.nfc(text)[token.char_offset_from : token.char_offset_to]
        record_id = f"writers/test/2000/01/doc-{next(_counter)}"
        fields = {"title": "Untitled", "text": "plain", where: text}
        batch.append((Record(id=record_id, language=language, **fields), None))
        wanted.append((record_id, word, text))
    assume(batch)
    scratch_index.put(batch)
    for record_id, word, text in wanted:
        for variant in _case_variants(word):
            results = search(scratch_index, f'"{variant}"', limit=1000, facets=False)
            assert record_id in {hit.id for hit in results.hits}, (variant, text)
