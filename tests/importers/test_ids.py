from __future__ import annotations

import pytest

from scriptorium.importers.ids import derived_id, id_from_site_path, slugify, surname_slug
from scriptorium.model import PartialDate


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("archive/foot-paul/1995/06/wilson.htm", "archive/foot-paul/1995/06/wilson"),
        ("/archive/trotsky/index.htm", "archive/trotsky"),
        ("writers/x/2001/01/a.md", "writers/x/2001/01/a"),
        ("history/etol/newspape/sr/1976/no176.html", "history/etol/newspape/sr/1976/no176"),
    ],
)
def test_id_from_site_path(path, expected):
    assert id_from_site_path(path) == expected


def test_derived_id_matches_contract_example():
    date = PartialDate("June 1976", "1976-06")
    expected = "writers/jenkins/1976/06/deep-differences"
    assert derived_id(["Gareth Jenkins"], date, "Deep differences") == expected


def test_derived_id_without_author_or_date():
    assert derived_id([], None, "Editorial") == "writers/anonymous/xxxx/xx/editorial"
    assert derived_id(["X"], PartialDate("Autumn 1963", "1963-23"), "T") == "writers/x/1963/xx/t"


def test_slugify_folds_diacritics():
    assert slugify("Christian Høgsbjerg: Révolution!") == "christian-hogsbjerg-revolution"
    assert surname_slug("Høgsbjerg, Christian") == "hogsbjerg"
