"""The query language's parser: the tree it builds and the errors it gives."""

from __future__ import annotations

import pytest

from scriptorium.errors import QueryError, ScriptoriumError
from scriptorium.search import SearchIndex, search
from scriptorium.search.query import And, Exact, MatchAll, Not, Or, Range, Words, parse


def test_tree() -> None:
    assert parse("") == MatchAll()
    assert parse("*") == MatchAll()
    assert parse("a b") == And((Words("a"), Words("b")))
    assert parse("a b OR c") == And((Words("a"), Or((Words("b"), Words("c")))))
    assert parse("a AND (b OR c)") == And((Words("a"), Or((Words("b"), Words("c")))))
    assert parse("NOT a -b") == And((Not(Words("a")), Not(Words("b"))))
    assert parse('"a b"') == Words("a b", phrase=True)
    assert parse("Revol*") == Words("revol", prefix=True)
    assert parse("title:war") == Words("war", "title")
    assert parse("writer:(a OR b)") == Or((Words("a", "author"), Words("b", "author")))
    assert parse("kind:Letters") == Exact("kind", "letter")
    assert parse("lang:fr-CA") == Exact("lang", "fr")
    assert parse("year:1936..1940") == Range("year", 1936, 1940)
    assert parse("year:1930s") == Range("year", 1930, 1939)
    assert parse("decade:1930s") == Range("decade", 1930, 1930)
    assert parse("anti-war") == Words("anti-war")
    assert parse("title:OR") == Words("OR", "title")
    assert parse("10:30 http://example.org") == And((Words("10:30"), Words("http://example.org")))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"general strike', "never closed"),
        ("(war OR peace", "never closed"),
        ("war)", "no matching"),
        ("()", "empty parentheses"),
        ("AND war", "needs a term before"),
        ("OR war", "needs a term before"),
        ("war OR", "needs a term after"),
        ("war AND", "needs a term after"),
        ("war AND OR peace", "needs a term after"),
        ("NOT", "needs a term after"),
        ("title:", "nothing follows"),
        ("title: war", "nothing follows"),
        ("title:-war", "NOT title:word"),
        ("colour:red", "unknown field 'colour'"),
        ("kind:poem", "unknown kind"),
        ("lang:english!", "unknown language"),
        ("year:19x0", "not a year"),
        ("year:1940..1936", "runs backwards"),
        ("year:..", "not a year"),
        ("decade:1935", "not a decade"),
        ("r*", "at least 2"),
        ("re*vol", "may only end"),
        ("***", "a prefix must be one word"),
        ("x" * 3000, "too long"),
    ],
)
def test_malformed_queries_give_a_message(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as info:
        parse(query)
    assert isinstance(info.value, ScriptoriumError)
    assert "\n" not in info.value.one_line()


def test_unsearchable_query_is_an_error(index: SearchIndex) -> None:
    for query in ("— …", "---", '"!!"'):
        with pytest.raises(QueryError, match="no word that can be searched"):
            search(index, query)
    # Punctuation beside real words is ignored.
    assert search(index, "miners —").total == 1
