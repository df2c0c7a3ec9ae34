"""Dates as pages print them -> EDTF, checked against the edtf library's parser."""

from __future__ import annotations

import pytest
from edtf import parse_edtf

from scriptorium.importers.dates import parse_date, parse_updated

CASES = [
    ("(June 1976)", "June 1976", "1976-06"),
    ("15 May 1946", "15 May 1946", "1946-05-15"),
    ("May 15, 1946", "May 15, 1946", "1946-05-15"),
    ("1930s", "1930s", "193X"),
    ("July/August 1976", "July/August 1976", "1976-07/1976-08"),
    ("(Autumn 1963)", "Autumn 1963", "1963-23"),
    ("Spring 1960", "Spring 1960", "1960-21"),
    ("Fall 1950", "Fall 1950", "1950-23"),
    ("(1913-1916)", "1913-1916", "1913/1916"),
    ("1959–60", "1959–60", "1959/1960"),
    ("1976-13", None, None),
    ("July 8 (21), 1914", "July 8 (21), 1914", "1914-07-21"),
    ("c. 1920", "c. 1920", "1920~"),
    ("1920?", "1920?", "1920?"),
    ("4 January 1968", "4 January 1968", "1968-01-04"),
    ("3–5 June 1936", "3–5 June 1936", "1936-06-03/1936-06-05"),
    ("junio de 1936", "junio de 1936", "1936-06"),
    ("1er mai 1890", None, None),
    ("1st May 1890", "1st May 1890", "1890-05-01"),
    ("June\u00a01976.", "June 1976", "1976-06"),
]


@pytest.mark.parametrize(("printed", "text", "edtf"), CASES)
def test_parse_date(printed, text, edtf):
    result = parse_date(printed)
    if edtf is None:
        assert result is None or result.edtf
        return
    assert result is not None
    assert (result.text, result.edtf) == (text, edtf)
    parse_edtf(result.edtf)  # valid EDTF


@pytest.mark.parametrize("printed", ["", "xx", "no date", "31 February 1917", "Month 1917", "(19)"])
def test_unreadable_dates_give_none(printed):
    assert parse_date(printed) is None


@pytest.mark.parametrize(
    ("printed", "iso"),
    [("14.9.2011", "2011-09-14"), ("17 November 2009", "2009-11-17"), ("2 May 2017", "2017-05-02"),
     ("1.1.04", "2004-01-01"), ("June 2009", None), ("32.1.2001", None)],
)
def test_parse_updated(printed, iso):
    assert parse_updated(printed) == iso
