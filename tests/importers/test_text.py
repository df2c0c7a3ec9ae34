"""Plain-text renderings of legacy pages: the seed sample and pages written for these tests."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scriptorium
from scriptorium.errors import ScriptoriumError
from scriptorium.importers.text import parse_text
from scriptorium.model import Credit, LastUpdated, Note, PartialDate, ReviewedBook, Source


def fixture(pages_dir, name):
    return parse_text((pages_dir / "text" / name).read_bytes(), None)


def _contract_example_paragraphs(shared) -> tuple[str, str]:
    """The starts of the two body paragraphs shown in the record contract's example."""
    spec = (shared / "spec" / "record.md").read_text(encoding="utf-8")
    example = json.loads(spec.split("```json", 1)[1].split("```", 1)[0])
    first, second = example["text"].split("\n\n")
    return first.removesuffix("...").strip(), second.removesuffix("...").strip()


def _last_body_line(page: str) -> str:
    """The last line before the navigation line repeated at the foot of the page."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    nav = lines[0]
    foot = max(i for i, line in enumerate(lines) if line == nav)
    return lines[foot - 1]


def test_seed_sample_gives_the_contract_example(sample_txt):
    record = scriptorium.parse(sample_txt.read_bytes(), None, "text")
    assert record.id == "writers/jenkins/1976/06/deep-differences"
    assert record.title == "Deep differences"
    assert record.subtitle is None
    assert record.authors == ("Gareth Jenkins",)
    assert record.date == PartialDate("June 1976", "1976-06")
    assert record.kind == "review"
    assert record.language == "en"
    assert record.page_type == "document"
    assert record.source == Source(
        statement="From Socialist Review, No. 176, June 1976.",
        periodical="Socialist Review",
        issue="No. 176",
        date=PartialDate("June 1976", "1976-06"),
        pages=None,
    )
    assert record.rights == "Copyright © Socialist Review."
    assert record.copied_from == "Socialist Review Archive"
    assert record.credits == (
        Credit("markup", "Einde O’ Callaghan", "for the Encyclopaedia of Trotskyism On-Line (ETOL)"),
    )
    assert record.reviewed == (
        ReviewedBook(
            title="The Serge-Trotsky Papers: Correspondence and Other Writings between Victor Serge"
            " and Trotsky",
            authors=(),
            editors=("David Cotterill",),
            translators=(),
            publisher="Pluto",
            year=None,
            price="£14.95",
        ),
    )
    assert record.collection == "Gareth Jenkins Archive"
    assert record.last_updated == LastUpdated("2 May 2017", "2017-05-02")
    first, second = _contract_example_paragraphs(sample_txt.parents[1])
    assert record.text.startswith(first)
    assert "\n\n" + second in record.text
    assert record.text.endswith(_last_body_line(sample_txt.read_text(encoding="utf-8")))
    assert "ETOL Main Page" not in record.text and "Last updated" not in record.text
    assert "\u00a0" not in record.to_json()
    assert record.notes == ()
    assert record.warnings == ()
    assert record.to_dict()["date"] == {"text": "June 1976", "edtf": "1976-06"}


def test_site_path_gives_the_id(sample_txt):
    record = parse_text(sample_txt.read_bytes(), "history/etol/writers/jenkins/1976/06/serge.txt")
    assert record.id == "history/etol/writers/jenkins/1976/06/serge"


def test_article_with_two_series_of_notes(pages_dir):
    record = fixture(pages_dir, "article-with-notes.txt")
    assert record.title == "The Popular Front Reconsidered"
    assert record.authors == ("Duncan Hallas",)
    assert record.date == PartialDate("Autumn 1963", "1963-23")
    assert record.kind == "article"
    assert record.source.pages == "pp. 20–24"
    assert record.source.issue == "No. 14"
    assert [(c.role, c.name) for c in record.credits] == [
        ("transcription", "Ann Example"),
        ("markup", "Ann Example"),
    ]
    assert record.reviewed == ()
    assert record.collection == "Duncan Hallas Archive"
    assert record.last_updated == LastUpdated("14.9.2011", "2011-09-14")
    assert [n.label for n in record.notes] == ["1", "2", "1*"]
    assert record.notes[1].text.endswith(
        "\n\nA second paragraph of the same note, to show that notes may run on."
    )
    assert record.text.endswith("not what its authors promised.[1*]")
    assert "Notes" not in record.text.split("\n\n")
    assert record.warnings == ()


def test_letter_without_last_updated(pages_dir):
    record = fixture(pages_dir, "letter-no-updated.txt")
    assert record.kind == "letter"
    assert record.date == PartialDate("July/August 1976", "1976-07/1976-08")
    assert record.source.date == PartialDate("July/August 1976", "1976-07/1976-08")
    assert record.rights == "Copyright © Socialist Review."
    assert record.last_updated is None
    assert record.collection == "Harry Wicks Archive"
    assert record.text.startswith("Dear Comrades,\n\nI write to correct")
    assert record.text.endswith("Fraternally,\nHarry Wicks")  # short lines of one block stay lines
    assert record.reviewed == ()


def test_review_with_crlf_multiline_title_and_by_line(pages_dir):
    raw = (pages_dir / "text" / "review-crlf.txt").read_bytes()
    assert b"\r\n" in raw
    record = parse_text(raw, None)
    assert record.title == "Organisation and its critics: a second look"
    assert record.kind == "review"
    assert record.reviewed == (
        ReviewedBook("Lenin and the Party", authors=("Tony Cliff",), publisher="Pluto Press", price="£2.50"),
    )
    assert record.copied_from == "Socialist Review Archive"
    assert record.credits == (
        Credit("markup", "Sam Placeholder", "for the Encyclopaedia of Trotskyism On-Line (ETOL)"),
    )
    assert record.source.pages == "p. 31"
    assert record.last_updated == LastUpdated("3 March 2010", "2010-03-03")
    assert "\r" not in record.text
    assert parse_text(raw.replace(b"\r\n", b"\n"), None) == record


def test_cp1252_bytes_and_a_subtitle(pages_dir):
    raw = (pages_dir / "text" / "cp1252-subtitle.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    record = parse_text(raw, None)
    assert record.title == "Notes on the café debate"
    assert record.subtitle == "A reply to our critics"
    assert record.date == PartialDate("1959", "1959")
    assert record.source.issue == "Vol. 8 No. 3"
    assert record.text.startswith("The critics’ first point – that")
    assert "£5 levy" in record.text
    assert record.last_updated.iso == "2005-06-20"


def test_page_without_navigation(pages_dir):
    record = fixture(pages_dir, "no-navigation.txt")
    assert record.collection is None
    assert record.authors == ("Rosa Example",)
    assert record.date == PartialDate("c. 1920", "1920~")
    assert record.source.statement == "First published in The Example Weekly, 12 March 1920."
    assert record.source.date == PartialDate("12 March 1920", "1920-03-12")
    assert record.credits == (Credit("proofreading", "Joe Checker"),)
    assert record.last_updated is None
    assert record.text.startswith("Old newspapers are a record")
    assert record.text.endswith("sure would happen next.")


def test_guesses_are_reported():
    record = parse_text(b"Just one line of text without any header.\n\nAnd a second paragraph.\n", None)
    assert any("no date line" in w for w in record.warnings)
    notes_ref = parse_text(
        b"A Writer\n\nA title\n\n(1950)\n\nText citing [1] and [2].\n\n[1] Only one note.\n", None
    )
    assert notes_ref.notes == (Note("1", "Only one note."),)
    assert "the text refers to note [2] but there is no such note" in notes_ref.warnings


def test_navigation_only_page_is_an_input_error():
    with pytest.raises(ScriptoriumError, match="no text besides its navigation"):
        scriptorium.parse(b"X Archive | ETOL Main Page\n\nX Archive | ETOL Main Page\n", None, "text")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_scriptorium_errors(data):
    with contextlib.suppress(ScriptoriumError):
        scriptorium.parse(data, format="text")


_LINES = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            [
                "",
                "X Archive | ETOL Main Page",
                "(June 1976)",
                "From Y, No. 1, June 1976.",
                "Ed: Z",
                "£1.00",
                "Notes",
                "[1] n",
                "Last updated: 2 May 2017",
                "by Q",
                "Copyright © Y.",
            ]
        ),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_arbitrary_layouts_raise_only_scriptorium_errors(lines):
    try:
        record = scriptorium.parse("\n".join(lines).encode("utf-8", "surrogatepass"), format="text")
    except ScriptoriumError:
        return
    assert record.title


def test_mia_layout_breadcrumb_section_and_information_block(pages_dir):
    """The archive's other layout: a breadcrumb, a section name over the title, "Written:" first."""
    record = fixture(pages_dir, "mia-breadcrumb.txt")
    assert record.title == "The Tasks of the Test Congress"
    assert record.subtitle == "Politics"
    assert record.authors == ("Ann Tester",)
    assert record.date == PartialDate("3 October 1921", "1921-10-03")
    assert record.source is not None and record.source.periodical == "Test Press Correspondence"
    assert record.rights is not None and record.rights.startswith("Public Domain")
    assert [(c.role, c.name) for c in record.credits] == [
        ("transcription", "Ben Helper"),
        ("markup", "Ben Helper"),
    ]
    assert record.collection == "Ann Tester Archive"
    assert record.last_updated == LastUpdated("14.9.2011", "2011-09-14")
    assert record.text.startswith("THE congress") and record.text.endswith("past months.")


def test_mia_layout_writer_and_year_line_and_a_bare_year(pages_dir):
    record = fixture(pages_dir, "mia-dated-title-line.txt")
    assert record.authors == ("Ann Tester",)
    assert record.title == "The Test Age" and record.subtitle is None
    assert record.date == PartialDate("1930", "1930")
    assert record.text.startswith("The opening chapter") and "Top of the page" not in record.text


def test_mia_layout_unlabelled_source_over_the_credits(pages_dir):
    record = fixture(pages_dir, "mia-cited-source.txt")
    assert record.source is not None
    assert (record.source.periodical, record.source.date) == (
        "Test Justice",
        PartialDate("4th May 1907", "1907-05-04"),
    )
    assert record.copied_from == "Test Register Website"
    assert [(c.role, c.name) for c in record.credits] == [
        ("transcription", "Ben Helper"),
        ("markup", "Carl Sample"),
    ]
    assert record.text.startswith("When, seventeen") and record.text.endswith("what it would become.")
    assert record.last_updated == LastUpdated("7.25.2009", "2009-07-25")


def test_mia_layout_chapter_of_a_work(pages_dir):
    record = fixture(pages_dir, "mia-chapter.txt")
    assert record.title == "CHAPTER IV THE GOVERNMENT CRISIS"
    assert record.part_of is not None and record.part_of.title == "The Test History"
    assert record.date == PartialDate("1927", "1927")
    assert record.text.startswith("AND so the government")


def test_mia_layout_archive_line_on_top_is_no_byline(pages_dir):
    record = fixture(pages_dir, "mia-archive-line.txt")
    assert record.authors == ()
    assert record.title == "On Testing"
    assert record.collection == "Ann Tester Internet Archive"


def test_a_title_beginning_with_from_is_no_source_and_et_al_is_no_name(pages_dir):
    record = fixture(pages_dir, "mia-from-title.txt")
    assert record.authors == ("A. Tester",)
    assert record.source is None
    assert record.title == "Lecture 6" and record.part_of is not None
    assert record.part_of.title == "From Tests to Testing"


@pytest.mark.parametrize(
    "nav",
    [
        "Last Chapter | Next Chapter",
        "<< Last Chapter | Next Chapter >>",
        "Chapter I Contents",
        "Contents ¦ Ann Tester Archive",
        "Next: X. The Army and the People",
        "Start of the page",
        "Back to Index",
        "Back to the Ann Tester Internet Archive",
        "(To be continued in next issue)",
        "Chapter 4 The Test Case",
        "Chapter 26: The Other Test",
        "The Test Monthly Index",
        "Marxist Writers’ Archives",
    ],
)
def test_bottom_navigation_in_its_other_forms_is_not_text(nav):
    page = f"""Ann Tester

A Test Chapter

(May 1930)

The chapter's last paragraph, which is long enough to be the end of the text and nothing more.

{nav}

Last updated on 14.9.2011
"""
    record = parse_text(page.encode(), None)
    assert record.text.endswith("nothing more.")
    assert record.last_updated == LastUpdated("14.9.2011", "2011-09-14")


def test_navigation_between_the_text_and_its_notes_is_not_text():
    page = """Ann Tester

A Test Article

(May 1930)

The article's last paragraph, long enough to be the end of the text and followed only by its notes.

Top of the page

Notes

1. The first note, which says where the figures come from.

Top of the page

Last updated on 3.2.2009
"""
    record = parse_text(page.encode(), None)
    assert record.text.endswith("followed only by its notes.")
    assert [n.text for n in record.notes] == ["The first note, which says where the figures come from."]


def test_a_short_rubric_over_the_title_is_the_subtitle():
    page = """MIA > Archive > Ann Tester

Ann Tester

Trade Union Notes

The Test Workers’ Congress at Exampleton

(12 March 1922)

From Test Correspondence, Vol. 2 No. 20, 12 March 1922, p. 150.

The congress met for three days and voted on every question the delegates had been sent to settle.

Top of the page

Last updated on 5 May 2020
"""
    record = parse_text(page.encode(), None)
    assert record.title == "The Test Workers’ Congress at Exampleton"
    assert record.subtitle == "Trade Union Notes"
    assert record.text.startswith("The congress met")


def test_a_title_and_a_longer_subtitle_stay_without_a_date_line():
    # With no date line under them, two headings are the title and its subtitle, whatever their length.
    page = """Ann Tester

Test Notes

Remarks on a Test of Some Length and Its Results

The first paragraph of the text, long enough to read as prose rather than as a heading line.

Last updated on 5 May 2020
"""
    record = parse_text(page.encode(), None)
    assert record.title == "Test Notes"


def test_a_chapter_of_the_work_the_navigation_names():
    # The breadcrumb names the work; its title over the chapter's own heading ("VII / The Long Test")
    # makes the page a chapter of it, and the work's title at its foot is the link back, not text.
    page = """MIA > Archive > Tester Archive > The Testing of Things

Ann Tester

The Testing of Things

VII
The Long Test

The chapter opens with a paragraph long enough to be the text, and says what the test was for.

The chapter's last paragraph closes the test and says what came of it.

The Testing of Things

Last updated on 14.10.2007
"""
    record = parse_text(page.encode(), None)
    assert record.title == "VII The Long Test"
    assert record.part_of is not None and record.part_of.title == "The Testing of Things"
    assert record.text.startswith("The chapter opens")
    assert record.text.endswith("what came of it.")


def test_the_works_title_at_the_foot_names_the_work():
    page = """Ann Tester

THE TESTING OF THINGS

A TESTER OF NOTE

The chapter opens with a paragraph long enough to be the text, and says who the tester was.

The Testing of Things

Last updated on: 10.5.2020
"""
    record = parse_text(page.encode(), None)
    assert record.title == "A TESTER OF NOTE"
    assert record.part_of is not None and record.part_of.title == "THE TESTING OF THINGS"
    assert record.text.endswith("who the tester was.")


def test_a_first_published_line_dates_the_page_when_the_source_does_not():
    page = """Ann Tester

Notes on a Test

Source: A Tester’s Reader
First Published: Test Review, March 1931.
Transcription/Markup: B. Tester

The first paragraph of the text, long enough to read as prose rather than as a heading line.
"""
    record = parse_text(page.encode(), None)
    assert record.date == PartialDate("March 1931", "1931-03")
    assert record.source is not None and record.source.statement.startswith("Source: A Tester’s Reader")


def test_a_publisher_line_gives_the_source_its_year():
    page = """Ann Tester

A Tribute to a Tester

Source: A Tester Remembered
Publisher: Test Press, London, 1937.
Transcription/Markup: B. Tester

The first paragraph of the text, long enough to read as prose rather than as a heading line.
"""
    record = parse_text(page.encode(), None)
    assert record.source is not None and record.source.date == PartialDate("1937", "1937")
    assert record.date == PartialDate("1937", "1937")


def test_the_source_date_is_closer_than_the_year_of_the_writers_line():
    page = """Ann Tester 1910

Testing and the Vote

Source: The Test Democrat, Vol. XIV, No. 7, July 15, 1910, pp. 291-294;
HTML Markup: by B. Tester.

The first paragraph of the text, long enough to read as prose rather than as a heading line.
"""
    record = parse_text(page.encode(), None)
    assert record.authors == ("Ann Tester",)
    assert record.date is not None and record.date.edtf == "1910-07-15"


def test_the_link_to_a_serials_previous_part_is_not_text():
    page = """Ann Tester

A Test Serial (Part 2)

(May 1930)

(Continued from last issue)

The second part opens here, with a paragraph long enough to be the start of the text.

(To be continued)

Last updated on 14.9.2011
"""
    record = parse_text(page.encode(), None)
    assert record.text.startswith("The second part opens here")
    assert record.text.endswith("start of the text.")


def test_an_information_block_closing_the_text():
    page = """Ann Tester Internet Archive

On Testing

The speech opens here, with a paragraph long enough to be the start of the text.

Paragraph two of the speech, long enough to read as prose and not as a heading line.

Paragraph three of the speech, long enough to read as prose and not as a heading line.

Paragraph four of the speech, long enough to read as prose and not as a heading line.

Paragraph five of the speech, long enough to read as prose and not as a heading line.

Paragraph six of the speech, long enough to read as prose and not as a heading line.

Paragraph seven of the speech, long enough to read as prose and not as a heading line.

Paragraph eight of the speech, long enough to read as prose and not as a heading line.

Paragraph nine of the speech, long enough to read as prose and not as a heading line.

The speech closes here, with the last paragraph of the text.

Spoken: March 25, 1964 (Exampleton)
Translated: Official translation
Transcribed: The Test Pamphlet Project
HTML Markup: B. Tester

Ann Tester Works Archive
"""
    record = parse_text(page.encode(), None)
    assert record.text.endswith("the last paragraph of the text.")
    assert record.date == PartialDate("March 25, 1964", "1964-03-25")
    assert ("transcription", "The Test Pamphlet Project") in [(c.role, c.name) for c in record.credits]
    assert ("markup", "B. Tester") in [(c.role, c.name) for c in record.credits]


def test_a_title_line_naming_the_work_its_writer_and_the_year():
    page = """The Testing of Things: Theory and Practice, Ann Tester. 1961

Part Two. The Practice of Testing

The chapter opens with a paragraph long enough to be the text, and says what the practice was.
"""
    record = parse_text(page.encode(), None)
    assert record.authors == ("Ann Tester",)
    assert record.date == PartialDate("1961", "1961")
    assert record.title == "Part Two. The Practice of Testing"
    assert record.part_of is not None and record.part_of.title == "The Testing of Things: Theory and Practice"


def test_a_history_sections_colon_crumb_is_no_byline():
    page = """Marxist History: USA: Test Workers’ Party

The Ten Tests

We want the tests to be run in every chapter, and this paragraph is long enough to be the text.
"""
    record = parse_text(page.encode(), None)
    assert record.authors == ()
    assert record.title == "The Ten Tests"


def test_an_article_in_numbered_sections_keeps_its_title():
    page = """Ann Tester

Testing and the West

(1970)

I. Tests and the West

The first section opens here, with a paragraph long enough to be the start of the text.

II. Tests and the East

The second section follows, with a paragraph long enough to be more of the same text.
"""
    record = parse_text(page.encode(), None)
    assert record.title == "Testing and the West"
    assert record.part_of is None
    assert record.text.startswith("I. Tests and the West")


def test_a_chapter_with_numbered_sections_is_still_a_chapter():
    page = """Ann Tester

The Life of a Tester

(1918)

Chapter One: Early Tests

1. Home and School

The first section opens here, with a paragraph long enough to be the start of the text.

2. The First Test

The second section follows, with a paragraph long enough to be more of the same text.
"""
    record = parse_text(page.encode(), None)
    assert record.title == "Chapter One: Early Tests"
    assert record.part_of is not None and record.part_of.title == "The Life of a Tester"


def test_the_breadcrumb_names_the_work_in_short():
    page = """MIA > Archive > Tester > Test Capitalism

Ann Tester

Test Capitalism in Exampleland

Chapter 6: Further Thoughts on Testing

(1955)

The chapter opens with a paragraph long enough to be the text, and says what the thoughts were.
"""
    record = parse_text(page.encode(), None)
    assert record.title == "Chapter 6: Further Thoughts on Testing"
    assert record.part_of is not None and record.part_of.title == "Test Capitalism in Exampleland"
    assert record.date == PartialDate("1955", "1955")


def test_a_serials_numbered_part_keeps_its_title():
    page = """MIA > Archive > Tester > Test Prisons

Ann Tester

In the Test Prisons – II

The First Big Tests

(May 1938)

The second part opens with a paragraph long enough to be the text, and goes on with the story.
"""
    record = parse_text(page.encode(), None)
    assert record.title == "In the Test Prisons – II"
    assert record.part_of is None


def test_a_date_alone_at_the_foot_is_the_last_update():
    page = """Ann Tester

A Defamer of Tests

(November 1942)

The article itself, long enough to be the body of the page and to be read as its text.

25.6.2006
"""
    record = parse_text(page.encode(), None)
    assert record.last_updated == LastUpdated("25.6.2006", "2006-06-25")
    assert record.text.endswith("read as its text.")


def test_a_chapter_found_by_its_previous_and_next_chapter_links():
    page = """Dr. Ann Tester

Test and Peace

Serious Questions

The chapter itself, long enough to be the body of the page and to be read as its text and no more.

Previous chapter | Next chapter | Contents
"""
    record = parse_text(page.encode(), None)
    assert record.title == "Serious Questions"
    assert record.part_of is not None and record.part_of.title == "Test and Peace"


def test_a_chapters_number_and_its_name_on_two_lines_are_one_title():
    page = """Ann Tester

The Critique of Tests

(1904)

Chapter One

VALUE AS A TEST CATEGORY

The chapter opens with a paragraph long enough to be the text, and says what value is.
"""
    record = parse_text(page.encode(), None)
    assert record.title == "Chapter One VALUE AS A TEST CATEGORY"
    assert record.part_of is not None and record.part_of.title == "The Critique of Tests"
    assert record.text.startswith("The chapter opens")
