"""The record's JSON form: contract keys, order, and lossless round trips."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scriptorium.model import (
    Credit,
    LastUpdated,
    Note,
    PartialDate,
    PartOf,
    Record,
    ReviewedBook,
    Source,
)

CONTRACT_KEYS = [
    "page_type", "part_of", "id", "title", "subtitle", "authors", "date", "kind", "language",
    "source", "rights", "copied_from", "credits", "reviewed", "collection", "last_updated",
    "text", "notes", "warnings",
]


def example_record() -> Record:
    june = PartialDate("June 1976", "1976-06")
    return Record(
        id="writers/morgan/1976/06/a-review",
        title="A review",
        authors=("Ann Morgan",),
        date=june,
        kind="review",
        source=Source(
            statement="From Socialist Review, No. 176, June 1976.",
            periodical="Socialist Review",
            issue="No. 176",
            date=june,
        ),
        rights="Copyright © Socialist Review.",
        copied_from="Socialist Review Archive",
        credits=(Credit("markup", "Einde O’ Callaghan", "for ETOL"),),
        reviewed=(ReviewedBook("A Book", editors=("Ed Itor",), publisher="Pluto", price="£14.95"),),
        collection="Ann Morgan Archive",
        last_updated=LastUpdated("2 May 2017", "2017-05-02"),
        text="First paragraph.\n\nSecond paragraph.",
        notes=(Note("1", "A note."),),
        part_of=PartOf("The whole", "archive/x/index"),
    )


def test_contract_keys_come_first_in_order():
    data = example_record().to_dict()
    assert list(data)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS


def test_json_round_trip_is_identity():
    record = example_record()
    assert Record.from_json(record.to_json()) == record
    assert json.loads(record.to_json())["reviewed"][0]["editors"] == ["Ed Itor"]


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        Record(id="x", title="t", kind="novel")


def test_partial_date_year():
    assert PartialDate("1930s", "193X").year == 1930
    assert PartialDate("Autumn 1963", "1963-23").year == 1963
    assert PartialDate("?", "XXXX").year is None
    assert PartialDate("?", "19²0").year is None


text = st.text(max_size=40)


@given(
    title=text,
    authors=st.lists(text, max_size=3),
    body=st.text(max_size=200),
    notes=st.lists(st.tuples(text, text), max_size=3),
    extra=st.dictionaries(st.text(min_size=1, max_size=10), st.one_of(st.integers(), text), max_size=3),
)
def test_any_record_round_trips_through_json(title, authors, body, notes, extra):
    record = Record(
        id="a/b",
        title=title,
        authors=tuple(authors),
        text=body,
        notes=tuple(Note(label, note) for label, note in notes),
        extra=extra,
    )
    assert Record.from_json(record.to_json()) == record
