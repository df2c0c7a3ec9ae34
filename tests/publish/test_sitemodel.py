"""The site model's cheap look at a body's links and anchors."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from scriptorium.publish.sitemodel import attribute_values, body_links

# Bits of markup that the search must find, miss or stop at.
PIECES = st.sampled_from(
    [' href="', ' src="', ' id="', ' name="', 'href="', '"', " ", "a", "#n1", "../x.htm", "<p>", "</a>", "é"]
)
HTML = st.lists(PIECES | st.text(max_size=4), max_size=30).map("".join)


@given(html=HTML, needle=st.sampled_from([' href="', ' src="', ' id="', ' name="']))
def test_attribute_values_are_what_the_pattern_finds(html: str, needle: str) -> None:
    assert attribute_values(html, needle) == re.findall(re.escape(needle) + '([^"]*)"', html)


def test_body_links_and_anchors() -> None:
    body = (
        '<p id="p1">See <a href="../../1976/07/other.htm#x">this</a>, <a href="#n1" id="r1">1</a> '
        'and <img src="pic.png" alt=""> <a href="http://example.org/">there</a>.</p>'
        '<p class="note"><a name="n1" href="#r1">1</a> A note.</p>'
    )
    targets, ids = body_links("writers/a/1976/06/doc.html", body)
    assert set(ids.split()) == {"p1", "r1", "n1", "top"}
    assert any(t.endswith("1976/07/other.htm#x") for t in targets)
    assert all("example.org" not in t for t in targets)
    assert body_links("writers/a/1976/06/doc.html", "") == ((), "top")
