"""String-level provenance parsers shared by the HTML and text importers."""

from __future__ import annotations

import pytest

from scriptorium.importers.provenance import (
    classify_provenance_line,
    guess_kind,
    parse_copied_from,
    parse_credit_line,
    parse_last_updated,
    parse_reviewed_book,
    parse_rights,
    parse_source_statement,
)


def _src(text: str) -> tuple:
    s = parse_source_statement(text)
    assert s is not None
    return s.periodical, s.issue, s.date.edtf if s.date else None, s.pages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "From Socialist Review, No. 176, June 1976, pp. 22–23.",
            ("Socialist Review", "No. 176", "1976-06", "pp. 22–23"),
        ),
        (
            "From The New York Review of Books, Vol.9, No.12, 4 January 1968.",
            ("The New York Review of Books", "Vol.9, No.12", "1968-01-04", None),
        ),
        ("Source: Militant, no. 77 (July 1971)", ("Militant", "no. 77", "1971-07", None)),
        (
            "From International Socialism (1st series), No. 60, July 1973, p. 11.",
            ("International Socialism", "1st series, No. 60", "1973-07", "p. 11"),
        ),
        (
            "Source: International Socialism 2 : 103, Summer 2004.",
            ("International Socialism", "2 : 103", "2004-22", None),
        ),
        (
            "Originally published in New Ireland, 8 & 15 October 1922.",
            ("New Ireland", None, "{1922-10-08,1922-10-15}", None),
        ),
        ("Published: Justice, 20th August, 1898, p.6.", ("Justice", None, "1898-08-20", "p.6")),
        (
            "Source: The Communist International, February 1937, Vol. XIV, No. 2",
            ("The Communist International", "Vol. XIV, No. 2", "1937-02", None),
        ),
        ("First Published: by Cambridge University Press, 1930", (None, None, "1930", None)),
        ("Published: As pamphlet by Solidarity, London 1970", (None, None, "1970", None)),
        (
            "The following review was first published in New Society in 1976.",
            ("New Society", None, "1976", None),
        ),
        # The issue's date printed inside its designation: taken out of it, so that every page of the
        # issue names it alike.
        (
            "Source: The Labour Monthly, Vol. IX March 1927, No. 3.",
            ("The Labour Monthly", "Vol. IX, No. 3", "1927-03", None),
        ),
        (
            "Source: The Labour Monthly, Vol. 8 June 1926 No. 6, pp. 340-346, (4,102 words)",
            ("The Labour Monthly", "Vol. 8 No. 6", "1926-06", "pp. 340-346"),
        ),
        (
            "Source: Labour Monthly, Vol. 6, February, 1924 No. 2, pp. 81-88.",
            ("Labour Monthly", "Vol. 6, No. 2", "1924-02", "pp. 81-88"),
        ),
        (
            "Source: The Communist International, No. 9 (New series) 1925.",
            ("The Communist International", "No. 9 (New series)", "1925", None),
        ),
        (
            "Source: Amauta, October 1927 (Vol. II, No. 10), Lima.",
            ("Amauta", "Vol. II, No. 10", "1927-10", None),
        ),
        (
            "Source: The Militant, Vol. 3 No. 12, 12 March 1930",
            ("The Militant", "Vol. 3 No. 12", "1930-03-12", None),
        ),
        # A name and a date alone may be a place and a book's date: the date is kept, not the name.
        ("Published: Vorwärts 14 May 1896", (None, None, "1896-05-14", None)),
        ("Published: in March 1947", (None, None, "1947-03", None)),
        (
            "First published in Quatrième Internationale March-April 1937.",
            ("Quatrième Internationale", None, "1937-03/1937-04", None),
        ),
        # The name is the part before the issue, past a place and the running text's words.
        (
            "First Published: The Militant, New York, Volume 3, No. 4, March 1, 1930",
            ("The Militant", "Volume 3, No. 4", "1930-03-01", None),
        ),
        ("Source: Justice, leading article, 3 May, 1890, p. 1;", ("Justice", None, "1890-05-03", "p. 1")),
        ("Published: in Critique, No. 7 (Winter 1977)", ("Critique", "No. 7", "1977-24", None)),
        ("From the Spectator, 4 October 1975, p.12.", ("The Spectator", None, "1975-10-04", "p.12")),
        (
            "Published: in the monthly magazine Horizon, No. 3, London, March 1940.",
            ("Horizon", "No. 3", "1940-03", None),
        ),
        (
            "Originally published in a shorter form in Left, No. 40, January 1940.",
            ("Left", "No. 40", "1940-01", None),
        ),
        # Issue designations in their other spellings, and a bare number after the name.
        (
            "Source: The Liberator [New York], v. 2, no. 5, whole no. 14 (May 1919), pp. 10-12.",
            # The place in square brackets is the editor's note, not part of the name.
            ("The Liberator", "v. 2, no. 5, whole no. 14", "1919-05", "pp. 10-12"),
        ),
        (
            "Source: Aurora (México), num. 60, Jul. 1926, p. 12.",
            ("Aurora (México)", "num. 60", "1926-07", "p. 12"),
        ),
        ("Published: in Solidarity, IV, 3 (May 1966)", ("Solidarity", "IV, 3", "1966-05", None)),
        (
            "From Socialist Review, 1981 : 4, 16 April–14 May 1981.",
            ("Socialist Review", "1981 : 4", "1981-04-16/1981-05-14", None),
        ),
        ("From New Left Review I/61, May-June 1970.", ("New Left Review", "I/61", "1970-05/1970-06", None)),
        ("First Published: Spartakos Issue 2, August 1930", ("Spartakos", "Issue 2", "1930-08", None)),
        ("Published: in Red & Black Notes #5, Winter 1998", ("Red & Black Notes", "#5", "1998-24", None)),
        (
            "From Socialist Review, [10th Year No. 3,] March 1960, p. 4.",
            ("Socialist Review", "10th Year No. 3", "1960-03", "p. 4"),
        ),
        # A name ending in a word that begins like "No" or "Vol" keeps it; prose after the issue is cut.
        ("From Umanità Nova, No.185, 26 August 1922.", ("Umanità Nova", "No.185", "1922-08-26", None)),
        ("Published as a pamphlet in November 1933.", (None, None, "1933-11", None)),
        (
            "This interview first appeared in Solidarity Vol. 6 no. 2 when the writer was in Germany.",
            ("Solidarity", "Vol. 6 no. 2", None, None),
        ),
        # A bare number after the name is its issue; a designation word before it stays with it.
        (
            "Test Writer, A Test Title, Clarion 14, March 1960, pp.3 & 4.",
            ("Clarion", "14", "1960-03", "pp.3 & 4"),
        ),
        (
            "Source: The Labour Monthly Vol. 9, November 1927, No. 11",
            ("The Labour Monthly", "Vol. 9, No. 11", "1927-11", None),
        ),
        # What the statement says of the periodical before its name; a bracket the commas cut open.
        (
            "First Published: Originally written for the French monthly Esprit (May 1955).",
            ("Esprit", None, "1955-05", None),
        ),
        (
            "Originally published in Unter dem Banner des Marxismus (3rd year, No.4).",
            ("Unter dem Banner des Marxismus", "No.4", None, None),
        ),
        # A publisher, and the archive itself, are no periodical.
        (
            "Originally published as The Test of Socialism, Swan Sonnenschein, 1890.",
            (None, None, "1890", None),
        ),
        ("First published in the Marxists’ Internet Archive, June 2012.", (None, None, "2012-06", None)),
        # A set of days stays a date.
        (
            "Originally published in Éire, 7, 14 & 21 July 1923.",
            ("Éire", None, "{1923-07-07,1923-07-14,1923-07-21}", None),
        ),
        # An article's quoted title before the periodical.
        (
            'Published: Originally as "Sur la dynamique du capitalisme, I," S. ou B., 12 (August 1953).',
            ("S. ou B", "12", "1953-08", None),
        ),
        (
            'Source: "An Open Letter" in International Press Correspondence, March 3, 1927, Vol. 7, No. 15.',
            ("International Press Correspondence", "Vol. 7, No. 15", "1927-03-03", None),
        ),
        (
            "This article first appeared in the March 2-8, 2010 issue of Politis.",
            ("Politis", None, "2010", None),
        ),
        # Not a periodical: a language, a place, a book's author, a translation's title, a sentence.
        ("Originally published in Russian in 1921.", (None, None, "1921", None)),
        ("Originally published in German as Unser Weg in June 1900.", (None, None, "1900-06", None)),
        (
            "First published in French in Inprecor (Paris), May 1975, pp. 3–9.",
            ("Inprecor (Paris)", None, "1975-05", "pp. 3–9"),
        ),
        (
            "Originally published in French as Le Pouvoir, Contretemps (new series), No.6, May 2010.",
            ("Contretemps", "new series, No.6", "2010-05", None),
        ),
        ("First Published: Havana, May 1, 1961.", (None, None, "1961-05-01", None)),
        ("Source: The Revolution Betrayed, by Leon Trotsky, 1937", (None, None, "1937", None)),
        ("Source: By radio, March 2, 1919.", (None, None, "1919-03-02", None)),
        ("Speech delivered on the evening of May 1st, 1971, in the main square.", (None, None, "1971", None)),
        ("Source: Rosa Luxemburg: Selected Writings, Vol. 2, pp. 10-20", (None, "Vol. 2", None, "pp. 10-20")),
        # The month's issue first, then the periodical's name.
        ("First Published: May 1916, The Test Monthly", ("The Test Monthly", None, "1916-05", None)),
    ],
)
def test_source_statements(text: str, expected: tuple) -> None:
    assert _src(text) == expected


def test_statement_is_kept_whole_and_normalised() -> None:
    s = parse_source_statement("From\u00a0Socialist  Review, No.\u00a0176, June 1976.")
    assert s is not None and s.statement == "From Socialist Review, No. 176, June 1976."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Transcribed & marked up by Einde O’Callaghan for the Marxists’ Internet Archive.",
            [("transcription", "Einde O’Callaghan"), ("markup", "Einde O’Callaghan")],
        ),
        ("Transcription/Markup: Emil 1998, 2006", [("transcription", "Emil"), ("markup", "Emil")]),
        ("HTML Markup: Brian Reid", [("markup", "Brian Reid")]),
        ("Proofreader: Einde O’Callaghan (August 2015).", [("proofreading", "Einde O’Callaghan")]),
        ("Translated: for marxists.org in 2004 by Francis King", [("translation", "Francis King")]),
        (
            "Transcribed, Edited & Formatted : by Tim Davenport in 2007.",
            [("transcription", "Tim Davenport"), ("editing", "Tim Davenport"), ("other", "Tim Davenport")],
        ),
        (
            "Transcribed by Ian Birchall, Nina Kidron & Richard Kuper.",
            [
                ("transcription", "Ian Birchall"),
                ("transcription", "Nina Kidron"),
                ("transcription", "Richard Kuper"),
            ],
        ),
        ("Translation (from Spanish) by John Sullivan.", [("translation", "John Sullivan")]),
        ("Alternative translation: Another Pamphlet, London, 1920.", []),
        ("A sentence that credits nobody.", []),
    ],
)
def test_credit_lines(line: str, expected: list) -> None:
    assert [(c.role, c.name) for c in parse_credit_line(line)] == expected


def test_credit_note() -> None:
    (credit,) = parse_credit_line(
        "Marked up by Einde O’ Callaghan for the Encyclopaedia of Trotskyism On-Line (ETOL)."
    )
    assert credit.note == "for the Encyclopaedia of Trotskyism On-Line (ETOL)"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("From Socialist Review, No. 176, June 1976.", "source"),
        ("Source: Militant", "source"),
        ("Copyright © Socialist Review.", "rights"),
        ("Public Domain: Marxists Internet Archive (2009).", "rights"),
        ("Copied with thanks from the Socialist Review Archive.", "copied_from"),
        ("Marked up by Einde O’Callaghan for the ETOL.", "credit"),
        ("Proofread by Ann Other.", "credit"),
        ("It was a cold day in April.", None),
    ],
)
def test_classify(line: str, kind: str | None) -> None:
    assert classify_provenance_line(line) == kind


def test_copied_from_and_rights() -> None:
    assert (
        parse_copied_from("Copied with thanks from the Socialist Review Archive.")
        == "Socialist Review Archive"
    )
    assert parse_copied_from("Downloaded with thanks from Endpage.com.") == "Endpage.com"
    assert parse_copied_from("Marked up by X.") is None
    assert parse_copied_from("Copied from the Test Socialist Archive in ETOL.") == "Test Socialist Archive"
    at_url = "Copied with thanks from the Test Archive at http://www.example.org."
    assert parse_copied_from(at_url) == "Test Archive"
    assert parse_copied_from("Text copied from the 6th edition.") is None
    assert parse_rights("Copyright\u00a0© Socialist  Review.") == "Copyright © Socialist Review."


def test_reviewed_book_block() -> None:
    book = parse_reviewed_book(["The Serge-Trotsky Papers", "Ed: David Cotterill", "Pluto £14.95"])
    assert book is not None
    assert (book.title, book.editors, book.publisher, book.price) == (
        "The Serge-Trotsky Papers",
        ("David Cotterill",),
        "Pluto",
        "£14.95",
    )
    book = parse_reviewed_book(
        ["Manuel Grossi", "The Asturian Uprising", "Socialist Platform, London, 2000, pp140, £5.00"],
        title_index=1,
    )
    assert book is not None
    assert (book.authors, book.publisher, book.year, book.price) == (
        ("Manuel Grossi",),
        "Socialist Platform",
        "2000",
        "£5.00",
    )
    inline = parse_reviewed_book(["Tony Cliff, State Capitalism in Russia, Pluto, 1974, £2.50"])
    assert inline is not None and inline.title == "State Capitalism in Russia" and inline.year == "1974"
    assert parse_reviewed_book([]) is None


@pytest.mark.parametrize(
    ("text", "shown", "iso"),
    [
        ("Last updated on 17 November 2009", "17 November 2009", "2009-11-17"),
        ("Last updated: 14.9.2011", "14.9.2011", "2011-09-14"),
        ("Last updated on: 22 August 2015", "22 August 2015", "2015-08-22"),
        ("Updated on: 10 April 2015", "10 April 2015", "2015-04-10"),
        ("Last up dated on: 23.8.2011", "23.8.2011", "2011-08-23"),
    ],
)
def test_last_updated(text: str, shown: str, iso: str) -> None:
    lu = parse_last_updated(text)
    assert lu is not None and (lu.text, lu.iso) == (shown, iso)
    assert parse_last_updated("Nothing here") is None


def test_guess_kind() -> None:
    assert guess_kind(reviewed=True)[0] == "review"
    assert guess_kind(chapter=True)[0] == "book-chapter"
    assert guess_kind(title="An Open Letter to the Party")[0] == "letter"
    assert guess_kind(title="Plain", opening="Comrades, the plenum ...")[0] == "speech"
    assert guess_kind(title="Plain", opening="Dear Comrade, thank you")[0] == "letter"
    assert guess_kind(title="Plain")[0] == "article"


def test_guess_kind_rules() -> None:
    assert guess_kind(title="Plain", provenance="From The New York Review of Books, Vol. 9")[0] == "article"
    assert guess_kind(title="Plain", provenance="This review first appeared in 1953")[0] == "review"
    opening = "Berlin, 30 July 1898\n\n(Copy)\n\nDEAR COMRADE,\n\nWe write to say"
    assert guess_kind(title="Plain", opening=opening)[0] == "letter"
    assert guess_kind(title="Plain", closing="… and so we end. Truly yours, A. Writer")[0] == "letter"
    assert guess_kind(title="Discussion on the Report of the Executive")[0] == "speech"
    assert guess_kind(title="To the Workers of the World!")[0] == "document"
    assert guess_kind(title="Plain", provenance="Source: Convention Resolutions, 1939")[0] == "document"
    assert guess_kind(title="Plain", opening="This is an extract from his pamphlet on war.")[0] == "pamphlet"
    assert guess_kind(title="Ann Example (1903-1973)")[0] == "other"
    assert guess_kind(title="IX. MUTUALISM")[0] == "book-chapter"
    assert guess_kind(title="Mutualism", window_title="Chapter Nine, Mutualism")[0] == "book-chapter"
    assert guess_kind(chapter=True, part_of="The General Agreement on Trade")[0] == "document"
    assert guess_kind(title="Plain", text_length=0)[0] == "other"
    book = "Published: Paris 1938. First published in English by Example Press, 1967."
    assert guess_kind(title="Plain", provenance=book, book_source=True, text_length=90_000)[0] == "pamphlet"
    assert guess_kind(title="Plain", provenance=book, book_source=True, text_length=9_000)[0] == "article"
    part = "From A. Writer, The School, Movements, Part 2, Section 2."
    assert guess_kind(title="Plain", provenance=part, book_source=True)[0] == "book-chapter"
    free = "Public Domain: Test Archive 2006; In any reproduction, please cite this Internet address."
    assert guess_kind(title="Plain", provenance=free)[0] == "article"
    assert guess_kind(title="Plain", provenance="Address to the Test Congress, 1922")[0] == "speech"
    assert guess_kind(title="Love at Test", verse=True)[0] == "other"
    assert guess_kind(title="Plain", opening="This review of A. Writer's book first ran")[0] == "review"
    assert guess_kind(title="Plain", opening="We read this review of the year with care")[0] == "article"


def test_an_author_with_the_imprint_in_brackets() -> None:
    line = "By G. Ann Tester. (Test Office, Government of Exampleshire, 1923. R. 3.14.)"
    book = parse_reviewed_book(["A Report on Tests", line], 0)
    assert book is not None
    assert (book.authors, book.publisher, book.year, book.price) == (
        ("G. Ann Tester",),
        "Test Office, Government of Exampleshire",
        "1923",
        "R. 3.14",
    )
    # A publisher and its city stay apart.
    plain = parse_reviewed_book(["A Title", "Test Press, London, 1974, £2.50"], 0)
    assert plain is not None and plain.publisher == "Test Press"


def test_a_net_price_keeps_its_net() -> None:
    book = parse_reviewed_book(["A Title", "by Ann Author.", "Cloth. 292 pp. 10s. 6d. net.", "Testbury."], 0)
    assert book is not None and book.price == "10s. 6d. net" and book.authors == ("Ann Author",)


def test_reviewed_book_editor_and_translator_lines_keep_whole_names() -> None:
    book = parse_reviewed_book(
        ["A Title", "edited by Chris Mullin", "Translator: Ann Bee", "Cape £5.95"], title_index=0
    )
    assert book is not None
    assert (book.editors, book.translators, book.publisher, book.price) == (
        ("Chris Mullin",),
        ("Ann Bee",),
        "Cape",
        "£5.95",
    )


def test_reviewed_book_with_pre_decimal_price_and_author_line():
    book = parse_reviewed_book(
        ["The Weavers of the Valleys", "Ann Hollins", "Calder & Finch, 7s. 6d."], title_index=0
    )
    assert book is not None
    assert book.authors == ("Ann Hollins",)
    assert (book.publisher, book.price) == ("Calder & Finch", "7s. 6d.")


def test_reviewed_book_by_line_gives_authors():
    book = parse_reviewed_book(["A History of the Strike", "by Tom Reid", "Hill Press, $2.50"], title_index=0)
    assert book is not None
    assert book.authors == ("Tom Reid",)
    assert book.price == "$2.50"


@pytest.mark.parametrize(
    ("title", "rest", "expected"),
    [
        (
            "The Long Strike",
            " by Anna Example. The Imaginary Press, 1957. 3s. 6d.",
            (("Anna Example",), "The Imaginary Press", "1957", "3s. 6d."),
        ),
        (
            "Days Before the Storm",
            ", Ivan Probe, Fictional & Sons",
            (("Ivan Probe",), "Fictional & Sons", None, None),
        ),
        (
            "Party Machines",
            " by Professor Otto Sample. (Nowhere & Co., 12 Any Lane, E.C.) 10s.6d",
            (("Professor Otto Sample",), "Nowhere & Co", None, "10s.6d"),
        ),
        ("A Title", " and what follows is the review itself, not a book", None),
        ("A Title", ", Ivan Probe", None),
    ],
)
def test_book_named_on_one_line_after_its_title(title: str, rest: str, expected: tuple | None) -> None:
    from scriptorium.importers.provenance import parse_book_line

    book = parse_book_line(title, rest)
    if expected is None:
        assert book is None
    else:
        assert book is not None and book.title == title
        assert (book.authors, book.publisher, book.year, book.price) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # The next label of the block run on after a full stop, with no break between.
        (
            "Proofreader: Ann Volunteer (March 2014).Public Domain: Marxists Internet Archive (2005).",
            [("proofreading", "Ann Volunteer")],
        ),
        # When the work was done, in brackets, is not a name and is not split at its slash.
        (
            "Proofreading: Ben Helper & Ann Volunteer (November 2009/February 2010).",
            [("proofreading", "Ben Helper"), ("proofreading", "Ann Volunteer")],
        ),
        # Where the translation was published is not part of the translator's name.
        (
            "Translated: Carl Sample in the Test Historical Review of May, 1970.",
            [("translation", "Carl Sample")],
        ),
        # Roles and names paired by their slashes; nobody named is no credit.
        (
            "Transcription/Markup: Test Archive Group/Ann Volunteer",
            [("transcription", "Test Archive Group"), ("markup", "Ann Volunteer")],
        ),
        ("Transcription/Markup: unknown/Ann Volunteer", [("markup", "Ann Volunteer")]),
        ("Translated: Unknown", []),
        # A group whose name begins with "For" is a name; a line that says only who it was for is not.
        ("Digitalized by For Test Power on May 2, 2011.", [("transcription", "For Test Power")]),
        # The full stop of an initial stays with the name.
        ("Transcription: Ben H.", [("transcription", "Ben H.")]),
        ("Transcribed: for marxists.org in May 2003.", []),
        ("Transcribed: Ann Volunteer January, 2001", [("transcription", "Ann Volunteer")]),
        (
            "Translated: from the German by the Carl Sample and Ben Helper.",
            [
                ("translation", "Carl Sample"),
                ("translation", "Ben Helper"),
            ],
        ),
    ],
)
def test_credit_names_without_what_follows_them(line: str, expected: list) -> None:
    assert [(c.role, c.name) for c in parse_credit_line(line)] == expected
