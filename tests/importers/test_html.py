"""The legacy HTML importer on pages written for these tests (both markup families)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scriptorium.errors import ScriptoriumError
from scriptorium.importers import parse
from scriptorium.importers.html import parse_html

HTML = Path(__file__).resolve().parents[1] / "pages" / "html"


def _page(name: str, path: str) -> dict:
    return parse_html((HTML / name).read_bytes(), path).to_dict()


def test_etol_review_page() -> None:
    r = _page("etol_review.htm", "archive/jenkins/1976/06/deep.htm")
    assert r["id"] == "archive/jenkins/1976/06/deep"
    assert (r["title"], r["authors"], r["date"]["edtf"]) == (
        "Deep differences",
        ["Gareth Jenkins"],
        "1976-06",
    )
    assert r["kind"] == "review"
    assert r["source"]["periodical"] == "Socialist Review" and r["source"]["issue"] == "No. 176"
    assert r["rights"] == "Copyright © Socialist Review."
    assert r["copied_from"] == "Socialist Review Archive"
    assert r["credits"] == [
        {
            "role": "markup",
            "name": "Einde O’ Callaghan",
            "note": "for the Encyclopaedia of Trotskyism On-Line (ETOL)",
        }
    ]
    book = r["reviewed"][0]
    assert (book["title"], book["editors"], book["publisher"], book["price"]) == (
        "The Serge-Trotsky Papers",
        ["David Cotterill"],
        "Pluto",
        "£14.95",
    )
    assert r["collection"] == "Gareth Jenkins Archive"
    assert r["last_updated"] == {"text": "2 May 2017", "iso": "2017-05-02"}
    assert r["text"].startswith("This opening paragraph") and r["text"].endswith("words of our own.")
    assert "ETOL Main Page" not in r["text"] and "Pluto" not in r["text"]
    assert r["placed_by"]["title"] == "selector:h1"
    assert r["warnings"] == []


def test_letter_with_two_note_series_uppercase_tags_and_broken_entity() -> None:
    r = _page("etol_letter_notes.htm", "archive/tester/1976/07/letter.htm")
    assert r["title"] == "A Letter to the Editors"
    assert r["kind"] == "letter"
    assert r["date"] == {"text": "July/August 1976", "edtf": "1976-07/1976-08"}
    assert r["source"]["pages"] == "pp. 4–5"  # "&ndash:" repaired
    assert [(c["role"], c["name"]) for c in r["credits"]] == [
        ("transcription", "Sam Example"),
        ("markup", "Sam Example"),
        ("translation", "Chris Sample"),
    ]
    assert [n["label"] for n in r["notes"]] == ["1", "1*"]
    assert r["notes"][1]["text"] == "A note by the translator."
    assert r["text"].endswith("With greetings, Ann Tester")
    assert "Notes" not in r["text"]
    assert r["last_updated"]["iso"] == "2011-09-14"
    assert any("broken character reference" in w for w in r["warnings"])


def test_classic_chapter_page() -> None:
    r = _page("mia_chapter.htm", "archive/writer/book/ch03.htm")
    assert r["title"] == "III. The Third Chapter"
    assert r["part_of"] == {"title": "A Book of Tests", "id": "archive/writer/book"}
    assert r["kind"] == "book-chapter"
    assert r["date"]["edtf"] == "1921"  # Written: comes before the source's date
    assert r["source"]["periodical"] is None and r["source"]["pages"] == "pp. 40-55"
    assert r["rights"].startswith("Public Domain: Marxists Internet Archive (2008).")
    assert ("proofreading", "Lee Checker") in [(c["role"], c["name"]) for c in r["credits"]]
    assert ("transcription", "Jo Volunteer") in [(c["role"], c["name"]) for c in r["credits"]]
    assert len(r["notes"]) == 1 and r["notes"][0]["label"] == "1"
    assert "Previous" not in r["text"] and r["text"].endswith("ends in this paragraph.")
    assert r["language"] == "en" and r["placed_by"]["language"] == "selector:html-lang"
    assert "<script" not in r["body_html"] and 'alt="Chapter Three"' in r["body_html"]


def test_gif_title_inside_layout_table() -> None:
    r = _page("mia_gif_title.htm", "archive/writer/1963/tests.htm")
    assert r["title"] == "On Test Pages"
    assert r["date"] == {"text": "Autumn 1963", "edtf": "1963-23"}
    assert r["text"].startswith("The body sits inside a layout table")
    assert r["text"].endswith("Its last paragraph is here.")


@pytest.mark.parametrize(
    ("path", "lang"),
    [("espanol/x/page.htm", "es"), ("italiano/x/page.htm", "it"), ("archive/x/page.htm", "en")],
)
def test_language_from_path_section(path: str, lang: str) -> None:
    page = b"<html><body><h1>T</h1><p>Texto breve.</p></body></html>"
    assert parse_html(page, path).language == lang


def test_cp1252_bytes_under_latin1_label() -> None:
    page = (
        b'<html><head><meta http-equiv="content-type" content="text/html; charset=iso-8859-1"></head>'
        b"<body><h2>Ann Tester</h2><h1>It\x92s a test</h1>"
        b"<p>\x93Quoted\x94 words \x96 here.</p></body></html>"
    )
    r = parse_html(page, None)
    assert r.title == "It’s a test"
    assert r.text == "“Quoted” words – here."
    assert r.id.startswith("writers/tester/")


def test_utf8_under_latin1_label_and_mojibake() -> None:
    body = "<h1>Caf\u00e9 \u2013 A\u00e2\u20ac\u2122s</h1><p>Text.</p>".encode()
    page = b'<html><head><meta charset="iso-8859-1"></head><body>' + body + b"</body></html>"
    r = parse_html(page, None)
    assert r.title == "Café – A’s"


def test_unclosed_paragraphs_and_index_page_type() -> None:
    links = "".join(f'<p><a href="ch{i:02d}.htm">Chapter {i}</a>' for i in range(1, 25))
    page = f"<html><body><h2>Pat Writer</h2><h1>A Book</h1>{links}</body></html>".encode()
    r = parse_html(page, "archive/writer/book/index.htm")
    assert r.page_type == "work-index"
    assert len(r.links) >= 20


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_scriptorium_errors(data: bytes) -> None:
    with contextlib.suppress(ScriptoriumError):
        parse(data, format="html")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=2000))
def test_truncated_html_still_parses(cut: int) -> None:
    data = (HTML / "etol_letter_notes.htm").read_bytes()[:cut]
    try:
        record = parse(data, path="archive/tester/1976/07/letter.htm", format="html")
    except ScriptoriumError:
        return
    assert record.id == "archive/tester/1976/07/letter"


def test_classic_chapter_with_two_headings_of_one_rank() -> None:
    """No h1: the heading above the information block is the book, the one under it the chapter."""
    r = _page("mia_book_chapter_h3.htm", "archive/example/1931/testage/ch04.htm")
    assert r["title"] == "IV. WHEELS AND AXLES"
    assert r["part_of"]["title"] == "The Test Age"
    assert r["authors"] == ["Robin Example"]  # "Name, 1931" byline line
    assert r["kind"] == "book-chapter"
    assert r["text"].startswith("A chapter of a book")


def test_letter_salutation_after_a_dateline_and_review_of_books_is_a_periodical() -> None:
    r = _page("etol_letter_dateline.htm", "archive/tester/1968/03/correction.htm")
    assert r["kind"] == "letter"
    assert r["source"]["periodical"] == "The New York Review of Books"
    assert r["text"].startswith("London, 2 February 1968")
    assert r["text"].endswith("Yours fraternally,\nSam Tester") or r["text"].endswith("Sam Tester")


def test_information_block_at_the_foot_does_not_swallow_the_body() -> None:
    r = _page("mia_footer_information.htm", "archive/sample/1950/testing.htm")
    assert r["title"] == "Notes on Testing"
    assert r["text"].startswith("The body of this page comes first")
    assert r["text"].endswith("A second paragraph closes the body.")
    assert r["source"]["periodical"] == "Test Quarterly"
    assert "no body text was found on this page" not in r["warnings"]


def test_facsimile_page_is_named_by_its_title_line() -> None:
    r = _page("mia_facsimile.htm", "esperanto/gazette/g3_02.htm")
    assert r["title"] == "Test Gazette Third Issue, Second Page"
    assert r["authors"] == [] and r["part_of"] is None
    assert r["text"] == "" and r["kind"] == "other"


def test_chapter_found_through_a_table_of_contents_link_in_the_footer() -> None:
    r = _page("mia_contents_footer_chapter.htm", "archive/author/1970/years/03.htm")
    assert r["title"] == "1919"
    assert r["part_of"]["title"] == "Years of Tests"
    assert r["part_of"]["id"] is not None
    assert r["kind"] == "book-chapter"
    assert r["text"].startswith("March 2")


def test_title_addressed_to_readers_with_an_exclamation_is_an_appeal() -> None:
    r = _page("etol_appeal.htm", "archive/signer/1922/04/appeal.htm")
    assert r["kind"] == "document"


def test_italic_standfirst_naming_a_priced_book_is_the_reviewed_book_block() -> None:
    r = _page("etol_review_standfirst.htm", "archive/hallas/1981/05/foot.htm")
    assert r["kind"] == "review"
    assert r["reviewed"] == [
        {
            "title": "Debts of Honour",
            "authors": ["Michael Foot"],
            "editors": ["Jill Craigie"],
            "translators": [],
            "publisher": "Davis-Poynter",
            "year": None,
            "price": "£6.50",
        }
    ]
    assert r["text"].startswith("The first paragraph of the review proper")
    assert "wet weekend" not in r["text"]


def test_author_and_bold_title_block_without_price_and_boxed_note_are_front_matter() -> None:
    r = _page("etol_book_box_notes.htm", "archive/naville/1957/03/leviathan.htm")
    assert r["kind"] == "review"
    assert [(b["title"], b["authors"], b["price"]) for b in r["reviewed"]] == [
        ("Marxism and Freedom", ["Raya Dunayevskaya"], None)
    ]
    assert r["text"].startswith("The review starts with this paragraph")
    assert "editors’ box" not in r["text"]


def test_epigraph_over_its_author_is_not_a_book_block() -> None:
    html = (HTML / "etol_book_box_notes.htm").read_text(encoding="utf-8")
    html = html.replace(
        '<p class="fst">Raya Dunayevskaya<br/>\n<strong>Marxism and Freedom</strong></p>',
        '<p class="fst"><em>All that is solid melts into air</em><br/>\nKarl Marx</p>',
    )
    r = parse_html(html.encode(), "archive/naville/1957/03/leviathan.htm").to_dict()
    assert r["reviewed"] == [] and r["kind"] != "review"
    assert r["text"].startswith("All that is solid melts into air")


def test_notes_series_breaks_and_later_sections() -> None:
    r = _page("etol_book_box_notes.htm", "archive/naville/1957/03/leviathan.htm")
    # "1*." is a label of the translators' series; "* * *" is a break, not a note; the first paragraph
    # under a second notes heading is a note of its own even without a label.
    assert [n["label"] for n in r["notes"]] == ["1*", "1", ""]
    assert r["notes"][2]["text"].startswith("An unnumbered note from the translator")
    # The notes are found although a misspelt ``<hr="end">`` swallows the rest of the page.
    assert "Last updated" not in r["text"] and "Naville Archive" not in r["text"]


def test_closing_dateline_in_footer_style_and_inline_joins_stay_in_the_text() -> None:
    r = _page("etol_book_box_notes.htm", "archive/naville/1957/03/leviathan.htm")
    assert r["text"].endswith("Signed, P. NAVILLE, J. DOE\n\nParis, March 1957")
    assert r["last_updated"] == {"text": "4 April 2019", "iso": "2019-04-04"}


def test_table_of_contents_is_left_out_and_text_resumes_after_notes_in_the_middle() -> None:
    r = _page("mia_contents_notes_between.htm", "archive/trotsky/1922/03/congress.htm")
    # The contents list is navigation; a section heading that links to its own page is still text.
    assert r["text"].startswith("A Preface kept on another page\n\nIntroduction\n\nThe introduction")
    assert "Table of Contents" not in r["text"]
    assert r["notes"] == [{"label": "1", "text": "The introduction’s only note."}]
    assert "Notes:" not in r["text"]
    assert r["text"].endswith(
        "Comrades, the speech itself follows its introduction’s notes.\n\nAnd it ends with this sentence."
    )


def test_contents_list_stays_on_an_index_page() -> None:
    data = (HTML / "mia_contents_notes_between.htm").read_bytes()
    r = parse_html(data, "archive/trotsky/1922/03/index.htm").to_dict()
    assert "Table of Contents" in r["text"]


def test_bracketed_from_paragraph_is_a_headnote_in_the_text() -> None:
    r = _page("mia_letter_headnote.htm", "archive/peng/1953/12/letter.htm")
    assert r["text"].startswith("[An editors’ headnote in square brackets")
    assert r["kind"] == "letter"
    # A ``p.from`` that is a source line stays provenance.
    assert r["source"]["statement"] == "From a collection of documents, 1954."
    assert "From a collection" not in r["text"]


def test_author_line_in_the_information_block_names_the_writer_when_there_is_no_byline() -> None:
    r = _page("mia_author_label.htm", "archive/test-rosa/works/1950s/purse.htm")
    assert r["authors"] == ["Rosa Test"]
    assert "no author byline was found" not in r["warnings"]
    assert r["placed_by"]["authors"] == "heuristic:author-label"
    assert r["text"].startswith("Every laboratory in the country")


def test_byline_with_the_name_the_writer_was_also_known_by() -> None:
    r = _page("mia_alias_byline.htm", "history/international/congress/tactics.htm")
    assert r["authors"] == ["Karl Probe (Hans Muster)"]
    assert r["title"] == "Speech on the Tactics Report"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rosa Luxemburg", True),
        ("Karl Probe (Hans Muster)", True),
        ("Karl Probe (1921)", False),
        ("VALUE AS AN ECONOMIC CATEGORY", False),
        ("THE WAR AT SEA", False),
        ("Theory or Practice", False),
    ],
)
def test_what_reads_as_a_writer_s_name(text: str, expected: bool) -> None:
    from scriptorium.importers.html import _looks_like_name

    assert _looks_like_name(text) is expected


def test_review_of_two_books_each_in_its_own_book_block() -> None:
    r = _page("etol_review_two_books.htm", "archive/tester/1974/03/leader.htm")
    books = [(b["title"], b["authors"], b["publisher"], b["price"]) for b in r["reviewed"]]
    assert books == [
        ("The Leader and his Times", ["Mary Example"], "Fictional Books", "£3.25"),
        ("A Life in Office", ["Peter Sample"], "Imaginary Press", "90p"),
    ]
    assert r["kind"] == "review"
    assert r["text"].startswith("TWO BOOKS about the same man")


def test_book_line_under_a_review_titled_by_the_book() -> None:
    r = _page("mia_review_book_line.htm", "archive/probe/1983/05/storm.htm")
    books = [(b["title"], b["authors"], b["publisher"]) for b in r["reviewed"]]
    assert books == [("Days Before the Storm", ["Ivan Probe"], "Fictional & Sons")]
    assert r["kind"] == "review"
    assert r["text"].startswith("These memoirs of a factory organiser")


def test_book_line_with_its_price_opening_the_first_paragraph() -> None:
    r = _page("mia_review_book_line_in_paragraph.htm", "archive/probe/1958/03/strike.htm")
    books = [(b["title"], b["authors"], b["publisher"], b["year"], b["price"]) for b in r["reviewed"]]
    assert books == [("The Long Strike", ["Anna Example"], "The Imaginary Press", "1957", "3s. 6d.")]
    assert r["kind"] == "review"
    # The line shares its paragraph with the review, which stays whole in the body.
    assert r["text"].startswith("The Long Strike by Anna Example.")
    assert "the strikers' wives" in r["text"]


@pytest.mark.parametrize(
    ("heading", "edtf"),
    [
        ("Letter from Ann Probe to Ben Sample 2 March 1920", "1920-03-02"),
        ("An Interview with Carla Example (1987)", "1987"),
        ("The Colonies in 1873", None),  # a year alone may be what the work is about
        ("Tester (1842-1911)", None),
    ],
)
def test_date_that_ends_the_title_of_an_undated_page(heading: str, edtf: str | None) -> None:
    page = (
        "<html><head><title>t</title></head><body>"
        f"<h1>{heading}</h1><p>The text of the page, long enough to be a body, says nothing of when.</p>"
        "</body></html>"
    ).encode()
    r = parse_html(page, "history/test/undated.htm").to_dict()
    assert (r["date"] or {}).get("edtf") == edtf


def test_part_heading_after_the_work_s_contents_listed_on_the_page() -> None:
    r = _page("mia_contents_then_part_heading.htm", "subject/test/gtc/1931/preface.htm")
    assert r["title"] == "Before the Beginning"
    assert r["part_of"]["title"] == "Principles of Test Production"
    assert r["text"].startswith("This book was written by many hands")


@pytest.mark.parametrize(
    ("footer", "collection"),
    [
        ('<h4><a href="../../../index.htm">Probe Archive</a><br></h4>', "Probe Archive"),
        (
            '<p><a href="../index.htm">Back to the Sam Probe Internet Archive</a></p>',
            "Sam Probe Internet Archive",
        ),
        ('<h4><a href="../../index.htm">Return to the Probe Archive</a></h4>', "Probe Archive"),
        ('<p><a href="../../../index.htm">M.I.A. Library</a></p>', None),
        # A link inside a sentence is not navigation.
        ("<p>Read more in the <a href=\"../index.htm\">Probe Archive</a>, where letters are kept.</p>", None),
    ],
)
def test_collection_from_a_link_back_at_the_foot_of_a_page_with_no_navigation_classes(
    footer: str, collection: str | None
) -> None:
    page = (
        "<html><head><title>t</title></head><body><h2>Sam Probe</h2><h1>A Text</h1>"
        "<p>The text of the page, which is long enough to be read as the body of a document.</p>"
        f"<hr>{footer}</body></html>"
    ).encode()
    assert parse_html(page, "archive/probe/1927/04/text.htm").collection == collection


def test_label_run_on_after_a_full_stop_in_the_information_block() -> None:
    page = (
        b"<html><head><title>t</title></head><body><h2>Sam Probe</h2><h1>A Text</h1>"
        b'<p class="information"><span class="info">Source:</span> Test Monthly, May 1932.<br>'
        b'<span class="info">Proofreader:</span> Ann Volunteer (May 2014).<span class="info">Public Domain:'
        b"</span> Marxists Internet Archive (2005). You may freely copy this work.</p>"
        b"<p>The text of the page, which is long enough to be read as the body of a document.</p>"
        b"</body></html>"
    )
    r = parse_html(page, "archive/probe/1932/05/text.htm")
    assert [(c.role, c.name) for c in r.credits] == [("proofreading", "Ann Volunteer")]
    assert r.rights is not None and r.rights.startswith("Public Domain: Marxists Internet Archive (2005).")


@pytest.mark.parametrize(
    ("under_title", "authors", "subtitle"),
    [
        ("by Ann Volunteer", ["Ann Volunteer"], None),
        ("by Sam Probe.", ["Sam Probe"], None),
        ('by "K.P." Translated from Test Review, no.3, May 1930.', ["K.P."], "kept"),
        ("By Rosa Test (Secretary of the Test League)", ["Rosa Test"], "kept"),
        ("by the way, a story", [], "kept"),
    ],
)
def test_byline_set_under_the_title_of_a_page_with_no_other(
    under_title: str, authors: list[str], subtitle: str | None
) -> None:
    page = (
        "<html><head><title>t</title></head><body>"
        f"<h1>A Life in Tests</h1><h3>{under_title}</h3>"
        "<p>The text of the page, which is long enough to be read as the body of a document.</p>"
        "</body></html>"
    ).encode()
    r = parse_html(page, "archive/test/bio/life.htm")
    assert list(r.authors) == authors
    assert r.subtitle == (under_title if subtitle == "kept" else None)


def test_collection_is_the_most_specific_section_the_navigation_names() -> None:
    page = (
        b'<html><head><title>t</title></head><body><p class="toplink"><a href="../../../index.htm">MIA</a>'
        b' &gt; <a href="../../index.htm">Archive</a> &gt; <a href="../index.htm">Probe</a></p>'
        b"<h2>Sam Probe</h2><h1>A Text</h1>"
        b"<p>The text of the page, which is long enough to be read as the body of a document.</p>"
        b'<p class="link"><a href="../index.htm">Sam Probe Archive</a> | '
        b'<a href="../../../index.htm">MIA</a></p>'
        b"</body></html>"
    )
    assert parse_html(page, "archive/probe/1930/01/text.htm").collection == "Sam Probe Archive"
    # With only the breadcrumb, its section is what the page says.
    bare = page.replace(b'<a href="../index.htm">Sam Probe Archive</a> | ', b"")
    assert parse_html(bare, "archive/probe/1930/01/text.htm").collection == "Archive"


def test_paragraphs_inside_an_inline_element_left_open_stay_paragraphs() -> None:
    page = (
        b"<html><head><title>t</title></head><body><h2>Sam Probe</h2><h1>A Text</h1>"
        b"<p>The first paragraph names the <strong>Test Gazette</B> and goes on.</p>\n\n"
        b"<p>The second paragraph is a paragraph of its own.</p>\n\n"
        b"<p>So is the third, which closes the article.</p>\n\n"
        b'<p class="updat">Last updated on 3 May 2019</p></body></html>'
    )  # the strong, reopened round the white space after the first paragraph, holds all the rest
    r = parse_html(page, "archive/probe/1930/01/text.htm")
    assert len(r.text.split("\n\n")) == 3
    assert r.last_updated is not None and r.last_updated.iso == "2019-05-03"


def test_window_title_without_the_rule_drawn_after_it() -> None:
    page = "<html><head><title>Archivo Rosa Test_________.</title></head><body><p>Texto.</p></body></html>"
    assert parse_html(page.encode(), "espanol/test/biografia.htm").title == "Archivo Rosa Test"


def test_a_server_error_page_copied_with_a_mirror_is_not_a_document() -> None:
    page = b"<html><head><title>File Not Found</title></head><body><h1>File Not Found!</h1></body></html>"
    r = parse_html(page, "italiano/404.htm")
    assert r.page_type == "other"
    assert "no body text was found on this page" not in r.warnings


_BOOK_SOURCE_PAGE = """<html><head><title>A Test Party Speech</title></head><body>
<h3>Ann Tester</h3>
<h1>A Test Party Speech</h1>
<p class="information"><span class="info">Source</span>:
Ann Tester, Speeches, Test Publishers, {year};<br />
<span class="info">Transcribed</span>: by Ben Helper.</p>
<hr class="end" />
<p>Comrades, the speech itself begins here and runs on for long enough to be a body of text.</p>
<p>It goes on in a second paragraph, as speeches do, before the footer.</p>
</body></html>"""


@pytest.mark.parametrize(
    ("year", "path", "expected"),
    [
        # The collection the page was copied from came out the year the archive files it under.
        ("1924", "archive/tester/1924/speech.htm", "1924"),
        # A collection printed decades later does not date the speech.
        ("1976", "archive/tester/1924/speech.htm", None),
        # With no year folder to check against, the source's year is all there is.
        ("1976", "archive/tester/speech.htm", "1976"),
    ],
)
def test_a_book_source_dates_the_page_unless_it_is_a_later_collection(
    year: str, path: str, expected: str | None
) -> None:
    r = parse_html(_BOOK_SOURCE_PAGE.format(year=year).encode(), path).to_dict()
    assert r["source"]["periodical"] is None
    assert (r["date"] or {}).get("edtf") == expected


def test_a_note_set_in_an_information_block_is_not_the_page_source() -> None:
    page = b"""<html><head><title>Chapter One</title></head><body>
<h3>Ann Tester</h3>
<h1>Chapter One</h1>
<p>The chapter's text, which cites a journal <a href="#1" name="a1"><sup>[1]</sup></a> and goes on at some
length about the matter at hand, as a chapter of a book does.</p>
<hr />
<p class="information"><a href="#a1" name="1"><span class="info">1.</span></a>
Ben Helper, "On Testing," <em>Test Review,</em> Vol. II (1901-1902), Part I, p. 35.</p>
</body></html>"""
    r = parse_html(page, "archive/tester/1904/book/ch01.htm").to_dict()
    assert r["source"] is None
    assert r["date"] is None


def test_a_title_ending_in_a_colon_over_its_subtitle_loses_the_colon() -> None:
    page = b"""<html><head><title>Test Operation</title></head><body>
<h1>Operation Test:</h1>
<h3>A Plan for an Imaginary Leader</h3>
<p>The body of the document, long enough to be read as its text and not as a heading or a caption.</p>
</body></html>"""
    r = parse_html(page, "history/test/operation.htm").to_dict()
    assert (r["title"], r["subtitle"]) == ("Operation Test", "A Plan for an Imaginary Leader")


@pytest.mark.parametrize("heading", ["Book Review", "Part II"])
def test_a_heading_naming_a_kind_or_part_of_text_is_not_a_byline(heading: str) -> None:
    page = f"""<html><head><title>A Test Review</title></head><body>
<h1>Tested and Found Wanting</h1>
<h4>{heading}</h4>
<p class="title">Ann Tester</p>
<p>The review itself, which is long enough to be the body of the page and says what the reviewer
thought of the book under review.</p>
</body></html>""".encode()
    r = parse_html(page, "archive/tester/1930/08/review.htm").to_dict()
    assert r["authors"] == ["Ann Tester"]
    assert r["subtitle"] == heading


@pytest.mark.parametrize(
    ("title_line", "expected"),
    [
        # The name, the periodical in italics, the date.
        ("Ann Tester <em>Test Vanguard</em> November 1915", ["Ann Tester"]),
        ("Ann Tester, August 1919", ["Ann Tester"]),
        # A month's letters are no part of a surname ("Nov" begins "Novack").
        ("Ben Novack 1963", ["Ben Novack"]),
        # A collection's name and a surname with a month are no byline.
        ("Test-Helper Correspondence 1887", []),
        ("Tester May 1926", []),
    ],
)
def test_a_title_line_byline(title_line: str, expected: list) -> None:
    page = f"""<html><head><title>A Test Article</title></head><body>
<p class="title">{title_line}</p>
<h3>The Article Under Test</h3>
<p>The article itself, which is long enough to be the body of the page and is followed by nothing.</p>
</body></html>""".encode()
    assert parse_html(page, "archive/tester/1915/11/article.htm").to_dict()["authors"] == expected


@pytest.mark.parametrize("label", ["Editorial Notes", "Its History and Development"])
def test_a_section_label_under_the_title_is_not_a_byline(label: str) -> None:
    page = f"""<html><head><title>A Test Article</title></head><body>
<h1>The Article Under Test</h1>
<h4>{label}</h4>
<p>The article itself, which is long enough to be the body of the page and is followed by nothing.</p>
</body></html>""".encode()
    r = parse_html(page, "archive/tester/1931/06/notes.htm").to_dict()
    assert r["authors"] == [] and r["subtitle"] == label


_SERIAL_PART = """<html><head><title>Ann Tester: The Test Series - 4</title></head><body>
<p class="toplink"><a href="../../index.htm">Archive</a> &gt; <a href="index.htm">The Test Series</a></p>
<h2>Ann Tester</h2>
<h1>{title}</h1>
<h3>(March 1958)</h3>
<p>The fourth part of the series, long enough to be the body of the page and to be read as its text.</p>
</body></html>"""


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("The Test Series – 4", "The Test Series"),
        ("The Test Series (Part II)", "The Test Series"),
        # A lecture's number names the lecture, not a series called "Lecture".
        ("Lecture 9", None),
    ],
)
def test_a_numbered_title_linked_to_its_series_is_part_of_it(title: str, expected: str | None) -> None:
    page = _SERIAL_PART.format(title=title).encode()
    r = parse_html(page, "archive/tester/works/1958/series/part4.htm").to_dict()
    assert (r["part_of"] or {}).get("title") == expected
    if expected:
        assert r["part_of"]["id"] == "archive/tester/works/1958/series" and r["kind"] == "article"


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        ("ANN TESTER London, November 1941.", "1941-11"),
        ("July 8, 1907", "1907-07-08"),
        # A last paragraph that is running text is no signature.
        ("And so the argument ends where it began, in the winter of 1941, with no answer at all.", "1941"),
    ],
)
def test_a_text_signed_with_a_date_at_its_end(closing: str, expected: str) -> None:
    page = f"""<html><head><title>Introduction</title></head><body>
<p class="title">Ann Tester</p>
<h1>Introduction</h1>
<p class="information"><span class="info">Source</span>: A Test Book, Test Publishers, 1941.</p>
<p>The introduction itself, which is long enough to be the body of the page and to be read as its
text, before it is signed at the end.</p>
<p>{closing}</p>
</body></html>""".encode()
    r = parse_html(page, "archive/tester/1941/x01/intro.htm").to_dict()
    assert r["date"]["edtf"] == expected


def test_a_copyright_printed_in_the_publication_line_is_part_of_the_rights() -> None:
    page = b"""<html><head><title>A Test Book</title></head><body>
<h1>A Test Book</h1>
<p class="information"><span class="info">First published</span>:
in 1980 by Test Press Limited, &copy; Ann Tester, 1980;<br />
<span class="info">Creative Commons</span>: Reproduced with the permission of Ben Tester;</p>
<p>The book's opening words, long enough to be the body of the page and to be read as its text.</p>
</body></html>"""
    r = parse_html(page, "archive/tester/1980/book/index.htm").to_dict()
    assert r["rights"] == "© Ann Tester, 1980; Creative Commons: Reproduced with the permission of Ben Tester"


def test_an_information_block_with_another_class_is_still_read_as_one() -> None:
    page = b"""<html><head><title>The Story of Tests</title></head><body>
<p class="title">Ann Tester, 1944</p>
<h3>The Story of Tests</h3>
<hr class="end">
<p class="fst"><span class="info">Source</span>:
Test Science series pamphlet, Test Publishing, London, November 1944<br>
<span class="info">Transcription and mark-up</span> by Ben Helper</p>
<hr class="end">
<p class="fst">THE tests you and I run today have been developed by a long process of gradual improvement.</p>
</body></html>"""
    r = parse_html(page, "archive/tester/1944/tests/story.htm").to_dict()
    assert r["text"].startswith("THE tests")
    assert r["date"]["edtf"] == "1944-11"
    assert [(c["role"], c["name"]) for c in r["credits"]] == [
        ("transcription", "Ben Helper"),
        ("markup", "Ben Helper"),
    ]


def test_a_year_set_under_the_title_is_its_date_not_its_subtitle() -> None:
    page = b"""<html><head><title>A Test Essay</title></head><body>
<h5>1975<br />
</h5>
<h2>Ann Tester</h2>
<h3>The Everlasting Test</h3>
<p>The essay itself, long enough to be the body of the page and to be read as its text and nothing else.</p>
</body></html>"""
    r = parse_html(page, "archive/tester/1975/test/essay.htm").to_dict()
    assert r["subtitle"] is None and r["date"]["edtf"] == "1975"


def test_a_column_name_over_the_title_is_its_subtitle_not_a_work() -> None:
    page = b"""<html><head><title>A Revealing Test</title></head><body>
<h2>Ann Tester</h2>
<h2><em>Constant Tester:</em></h2>
<h1>A Revealing Test!</h1>
<h3>(November 1959)</h3>
<p>The column itself, long enough to be the body of the page and to be read as its text and nothing else.</p>
</body></html>"""
    r = parse_html(page, "archive/tester/1959/11/revealing.htm").to_dict()
    assert r["title"] == "A Revealing Test!" and r["authors"] == ["Ann Tester"]
    assert r["subtitle"] == "Constant Tester:"
    assert r["part_of"] is None and r["kind"] == "article"


def test_an_essay_of_a_book_of_essays_is_a_chapter() -> None:
    page = b"""<html><head><title>Essays on Tests</title></head><body>
<h4>Ann Tester</h4>
<h1>Seven Essays on Testing</h1>
<h3>Essay One: Outline of the Test</h3>
<hr />
<p>The essay itself, long enough to be the body of the page and to be read as its text and nothing else.</p>
</body></html>"""
    r = parse_html(page, "archive/tester/works/seven-essays/essay01.htm").to_dict()
    assert r["title"] == "Essay One: Outline of the Test"
    assert r["part_of"]["title"] == "Seven Essays on Testing"


def test_a_book_block_all_in_bold_with_the_title_in_italics() -> None:
    page = b"""<html><head><title>What is a Test?</title></head><body>
<p class="title">Ann Tester</p>
<h4>Book Review</h4>
<h1>What is a Test?</h1>
<hr />
<p class="fst"><strong><em>Tests: Their Cause and Cure</em>, by Ben Examiner.<br />
Cloth covers. 292 pp. 10s. 6d. net.<br />
Testbury.</strong></p>
<p class="fst">BEN EXAMINER, the well-known tester, has written a book every reader here should own.</p>
</body></html>"""
    r = parse_html(page, "archive/tester/reviews/1923/03/test.htm").to_dict()
    assert [(b["title"], b["authors"], b["publisher"], b["price"]) for b in r["reviewed"]] == [
        ("Tests: Their Cause and Cure", ["Ben Examiner"], "Testbury", "10s. 6d. net")
    ]
    assert r["text"].startswith("BEN EXAMINER")


def test_a_date_alone_at_the_foot_is_the_last_update_not_a_note() -> None:
    page = b"""<html><head><title>A Defamer of Tests</title></head><body>
<h2>Ann Tester</h2>
<h1>A Defamer of Tests</h1>
<h3>(November 1942)</h3>
<p class="fst">The article itself, long enough to be the body of the page and read as its text.
<a href="#n1">[1]</a></p>
<h3>Footnote</h3>
<p class="note"><a id="n1" href="#f1">1.</a> See the test of August 1942.</p>
25.6.2006
</body></html>"""
    r = parse_html(page, "archive/tester/1942/11/defamer.htm").to_dict()
    assert r["last_updated"] == {"text": "25.6.2006", "iso": "2006-06-25"}
    assert [n["text"] for n in r["notes"]] == ["See the test of August 1942."]


def test_a_row_of_stars_over_the_title_is_no_subtitle() -> None:
    page = b"""<html><head><title>Extract</title></head><body>
<h4>Ann Tester</h4>
<h3>Problems of Testing in Example Countries</h3>
<h4>* * *</h4>
<h1>Extract 5 &ndash; Social Tests</h1>
<p class="fst">The extract itself, long enough to be the body of the page and to be read as its text.</p>
</body></html>"""
    r = parse_html(page, "archive/tester/works/1957/thesis/05-extract5.html").to_dict()
    assert r["title"] == "Extract 5 – Social Tests" and r["subtitle"] is None


def test_a_chapter_page_headed_by_its_books_title_takes_the_chapters_heading() -> None:
    page = b"""<html><head><title>Test and Peace</title></head><body>
<p class="title">Dr. Ann Tester</p>
<h3>Test and Peace</h3>
<hr class="end">
<h4>Chapter IX</h4>
<h3>Serious Questions</h3>
<p class="fst">The chapter itself, long enough to be the body of the page and to be read as its text.</p>
<h4><a href="ch08.htm">Previous chapter</a> | <a href="ch10.htm">Next chapter</a> |
<a href="index.htm">Contents</a></h4>
</body></html>"""
    r = parse_html(page, "archive/tester/1948/test-peace/ch09.htm").to_dict()
    assert r["title"] == "Chapter IX Serious Questions"
    assert r["part_of"]["title"] == "Test and Peace" and r["kind"] == "book-chapter"
    assert r["text"].startswith("The chapter itself")


def test_a_poem_is_of_kind_other() -> None:
    stanza = b"<p>" + b"<br />\n".join(b"A short line of verse, number %d," % n for n in range(4)) + b"</p>\n"
    page = (
        b"""<html><head><title>Love at Test</title></head><body>
<p class="title">Ann Tester Internet Archive</p>
<h1>Love at Test</h1>
<p class="information"><span class="info">First Published:</span> May 1916, <em>The Test Monthly</em></p>
<hr /><center>"""
        + stanza * 3
        + b"</center></body></html>"
    )
    r = parse_html(page, "archive/tester/1916/love.htm").to_dict()
    assert r["kind"] == "other"
    assert r["source"]["periodical"] == "The Test Monthly"


def test_two_book_blocks_in_bold_with_an_empty_paragraph_between() -> None:
    page = b"""<html><head><title>How the Tester Lives</title></head><body>
<p class="title">Ann Tester</p>
<h4>Book Review</h4>
<h1>How the Tester Lives</h1>
<hr />
<p class="fst"><strong><em>Report on the Hours of Testing</em>. <br />By G. Ben Examiner.
(Test Office, Government of Exampleshire, 1923. R.3.)</strong></p>
<p class="fst"><strong>
<em>Report on Testers' Budgets</em>.<br />G. Ben Examiner. (Test Office, Government of Exampleshire,
1923. R. 3.14.)</strong></p>
<p class="fst">In no other country would these two reports deserve the attention they have had.</p>
</body></html>"""
    r = parse_html(page, "archive/tester/1923/10/x01.htm").to_dict()
    office = "Test Office, Government of Exampleshire"
    assert [(b["title"], b["authors"], b["publisher"], b["price"]) for b in r["reviewed"]] == [
        ("Report on the Hours of Testing", ["G. Ben Examiner"], office, "R.3"),
        ("Report on Testers' Budgets", ["G. Ben Examiner"], office, "R. 3.14"),
    ]
    assert r["text"].startswith("In no other country")


def test_a_pen_name_of_two_letters_is_the_byline() -> None:
    page = b"""<html><head><title>Revolution in Testland</title></head><body>
<h2>S&#8212;n</h2>
<h1>Revolution in Testland</h1>
<h3>(April 1931)</h3>
<p class="fst">The article itself, long enough to be the body of the page and to be read as its text.</p>
</body></html>"""
    r = parse_html(page, "archive/tester/1931/04/testland.htm").to_dict()
    assert r["authors"] == ["S\u2014n"] and r["part_of"] is None


def test_a_chapter_number_and_name_set_as_two_headings_under_a_publisher_line() -> None:
    page = b"""<html><head><title>Test Strategy</title></head><body>
<h2>Ann Tester</h2>
<h3>Published by the Test Educational League</h3>
<h3>1926</h3>
<hr />
<h1>Chapter II.</h1>
<h1>PROBLEMS OF TESTING.</h1>
<p>A FIRST consideration in test strategy is the unity of the testers, which this chapter takes up.</p>
<h3>I</h3>
<p>The first section, long enough to be read as more of the same chapter's text and nothing else.</p>
</body></html>"""
    r = parse_html(page, "archive/tester/1926/strategy/ch02.htm").to_dict()
    assert r["title"] == "Chapter II. PROBLEMS OF TESTING."
    assert r["subtitle"] is None and r["part_of"] is None


def test_a_section_number_under_the_title_is_no_subtitle() -> None:
    page = b"""<html><head><title>Test Property</title></head><body>
<h4>Ann Tester</h4>
<h1>Bourgeois Test Property</h1>
<h3>I</h3>
<p class="fst">WE have seen that test property was once common to all, and this paragraph goes on.</p>
</body></html>"""
    r = parse_html(page, "archive/tester/1890/property/5-bourgeois.html").to_dict()
    assert r["subtitle"] is None


def test_a_signature_is_the_author_where_nothing_else_names_one() -> None:
    page = b"""<html><head><title>To the Testers</title></head><body>
<h1>The Testers of One Land<br />to the Testers of Another</h1>
<h3>(January 1915)</h3>
<p class="info">From <strong>The Test Woman</strong>, Vol.II No.9, January 1915, front page.</p>
<p>The letter itself, long enough to be the body of the page and to be read as its text and no more.</p>
<p class="signed">(Signed) Ann Tester,<br />International Secretary of Testers</p>
</body></html>"""
    r = parse_html(page, "archive/tester/1915/01/reply.htm").to_dict()
    assert r["authors"] == ["Ann Tester"]
    assert r["source"]["pages"] == "front page"


def test_a_chapter_under_its_books_title_and_part_heading() -> None:
    page = b"""<html><head><title>A Short History of Tests</title></head><body>
<h2>Ann Tester</h2>
<h1>A Short History of Tests</h1>
<h3>from 1905 to the present day (1937)</h3>
<h4>Part II<br />from February 1917 to the present day</h4>
<hr />
<h3>The Testing Offensive</h3>
<p>The chapter itself, long enough to be the body of the page and to be read as its text and no more.</p>
<p class="footer"><a href="../../index.htm">Ann Tester Archive</a> |
<a href="index.htm">Table of Contents</a></p>
</body></html>"""
    r = parse_html(page, "archive/tester/1937/history_2/05.htm").to_dict()
    assert r["title"] == "The Testing Offensive"
    assert r["part_of"]["title"] == "A Short History of Tests"
    assert r["subtitle"] is None and r["kind"] == "book-chapter"
    assert r["text"].startswith("The chapter itself")
