"""The body HTML: blocks found clean are kept as written, and must come out as the sanitizer gives them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scriptorium.importers import html as html_importer
from scriptorium.importers.html import parse_html

PATH = "archive/x/1930/01/page.htm"


def _sanitized_everywhere(data: bytes, monkeypatch: pytest.MonkeyPatch) -> str:
    """The body HTML with every block sent through the sanitizer (no block taken as clean)."""
    with monkeypatch.context() as m:
        m.setattr(html_importer, "_is_clean", lambda b, html, extra: False)
        return parse_html(data, PATH).body_html


def _page(body: str) -> bytes:
    return f"<html><head><title>T</title></head><body><h1>Title</h1>{body}</body></html>".encode()


PAGES = [
    '<p>Plain <em>text</em> with a <a href="#n1" name="r1">[1]</a> note &amp; a&nbsp;space.</p>',
    '<p align="center" style="color:red">Styled <a href="x.htm" target="_blank">link</a></p>',
    '<p lang="en-GB" class="western" title="t">Kept <abbr title="Independent Labour Party">ILP</abbr></p>',
    '<p><a href="javascript:alert(1)">bad</a> <a href="http://x.org:99999/">port</a></p>',
    '<p><a href="http://1.2.3.999/">address</a> <a href="http://xn--a/">punycode</a></p>',
    '<p><a href="mailto:a@b.org">mail</a> <a href="https://www.marxists.org/a/b.htm#c">abs</a></p>',
    '<p><a href=" http://x.org/">space</a> <a href="HTTP://X.ORG/">upper</a></p>',
    "<p>comment <!-- hidden --> here</p><p>carriage&#13;return</p>",
    "<pre>\n\nleading line break</pre>",
    "<p>quirks <font><table><tr><td>cell</td></tr></table></font> after</p>",
    '<center><p>centred</p></center><table align="left" width="50%"><tr><td>x</td></tr></table>',
    "<font size=2>loose <b>inline</b> text</font> then <span>more</span>",
    "<xyz><p>unknown element</p></xyz><hr size=1 noshade>",
    '<img src="a.gif" alt="a>b" hspace=3><img src="b.gif" alt="ok" width="10">',
    "<ul compact><li>one<li>two</ul><ol start=3 type=a><li>three</ol>",
    "<p>before <script>var x = '<p>';</script> after <style>p{}</style></p>",
]


@pytest.mark.parametrize("body", PAGES)
def test_clean_blocks_match_the_sanitizer(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _page(body)
    assert parse_html(data, PATH).body_html == _sanitized_everywhere(data, monkeypatch)


_TAGS = ["p", "b", "i", "em", "a", "span", "font", "center", "div", "table", "td", "tr", "ul", "li", "abbr"]
_TAGS += ["sup", "h3", "blockquote", "pre", "img", "br", "hr", "xyz", "script"]
_ATTRS = [
    "",
    ' class="c"',
    ' style="x"',
    ' align="center"',
    ' href="#n1"',
    ' href="../x.htm"',
    ' href="javascript:x"',
    ' href="http://a.org/b"',
    ' href="http://a.org:1/"',
    ' target="_blank"',
    ' title="t<"',
    ' lang="fr"',
    ' src="a.gif"',
    ' name="n"',
]
_TEXT = ["word", " ", "\n", "&amp;", "&nbsp;", "<!-- c -->", "é", "&#13;"]


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(st.sampled_from(_TAGS))
            attrs = "".join(draw(st.lists(st.sampled_from(_ATTRS), max_size=2)))
            inner = draw(_markup(depth + 1))
            parts.append(f"<{tag}{attrs}>{inner}</{tag}>")
        else:
            parts.append(draw(st.sampled_from(_TEXT)))
    return "".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_markup())
# A list item left inside another by a table's content moved out of it: read again, it closes the first.
@example(body="word<li><table>word<li></li></table></li>")
def test_random_markup_matches_the_sanitizer(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _page(body)
    assert parse_html(data, PATH).body_html == _sanitized_everywhere(data, monkeypatch)
