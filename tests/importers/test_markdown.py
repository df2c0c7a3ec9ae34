"""The authoring form: front matter + CommonMark with footnotes, and its inverse."""

from __future__ import annotations

import contextlib
import itertools
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scriptorium
from scriptorium.errors import EncodingError, FrontMatterError, ScriptoriumError
from scriptorium.importers import dates
from scriptorium.importers.edtf_text import edtf_to_text, is_valid_edtf
from scriptorium.importers.markdown import parse_markdown, record_to_markdown
from scriptorium.model import (
    CREDIT_ROLES,
    KINDS,
    PAGE_TYPES,
    Credit,
    LastUpdated,
    Note,
    PartialDate,
    PartOf,
    Record,
    ReviewedBook,
    Source,
)

CONTRACT = (
    "page_type", "part_of", "id", "title", "subtitle", "authors", "date", "kind", "language", "source",
    "rights", "copied_from", "credits", "reviewed", "collection", "last_updated", "text", "notes",
)


def page(front: str, body: str = "Some text.\n") -> bytes:
    return f"---\n{front.strip()}\n---\n\n{body}".encode()


def contract(record: Record) -> dict:
    values = record.to_dict()
    return {key: values[key] for key in CONTRACT}


# -- Fixtures -----------------------------------------------------------------------------------


def test_review_fixture_gives_the_contract_fields(pages_dir):
    data = (pages_dir / "markdown" / "review.md").read_bytes()
    record = scriptorium.parse(data, "writers/jenkins/1976/06/deep-differences.md")
    assert record.id == "writers/jenkins/1976/06/deep-differences"
    assert record.placed_by["id"] == "path"
    assert record.date == PartialDate("June 1976", "1976-06")
    assert record.kind == "review"
    assert record.source == Source(
        statement="From Socialist Review, No. 176, June 1976.",
        periodical="Socialist Review",
        issue="No. 176",
        date=PartialDate("June 1976", "1976-06"),
    )
    assert record.credits == (
        Credit("markup", "Einde O’ Callaghan", "for the Encyclopaedia of Trotskyism On-Line (ETOL)"),
    )
    assert record.reviewed == (
        ReviewedBook(
            "The Serge-Trotsky Papers", editors=("David Cotterill",), publisher="Pluto", price="£14.95"
        ),
    )
    assert record.last_updated == LastUpdated("2 May 2017", "2017-05-02")
    assert record.text.startswith("This paragraph stands in for the review's text: it was written for the")
    paragraphs = record.text.split("\n\n")
    assert paragraphs[0].endswith("says only that the book collects letters between two revolutionaries.[1]")
    assert paragraphs[1] == "A second paragraph, with a link and bold words, ends the body."
    assert record.notes == (Note("1", "The letters run from 1936 to 1939."),)
    assert record.warnings == ()
    assert record.format == "markdown"
    assert '<a href="#fn1" id="fnref1">[1]</a>' in record.body_html
    assert '<div class="footnote" id="fn1">' in record.body_html
    assert "<em>two</em>" in record.body_html and "<strong>bold</strong>" in record.body_html


def test_hugo_keys_yaml_dates_and_overrides(pages_dir):
    record = parse_markdown((pages_dir / "markdown" / "hugo.md").read_bytes(), None)
    assert record.date == PartialDate("3rd June 1936", "1936-06-03")
    assert record.subtitle == "A delegate’s notes"
    assert record.authors == ("Jane Delegate",)
    assert record.language == "en-GB"
    assert record.kind == "speech"
    assert record.source.date == PartialDate("Autumn, 1936", "1936-23")
    assert record.source.pages == "pp. 4–5"
    assert record.source.statement == "From The Example Bulletin, Vol. 2 No. 7, Autumn, 1936, pp. 4–5."
    assert record.last_updated == LastUpdated("17 November 2009", "2009-11-17")
    assert record.extra == {
        "draft": True,
        "slug": "report-conference",
        "tags": ["conference", 1936],
        "weight": 10,
        "aliases": ["/old/report.htm"],
        "params": {"custom": {"nested": [1, 2, 3]}},
    }
    assert record.text.split("\n\n") == [
        "First session",
        "The delegates met in a hall that was too small for them.",
        "Quoted words from a resolution, set apart.",
        "First point",
        "Second point",
        "Delegates | Votes",
        "North | 12",
        "verbatim   spacing kept",
    ]
    assert record.id.startswith("writers/delegate/1936/06/report-from-the-conference")
    assert record.to_json()  # extra is JSON-safe (YAML dates become text)


def test_awkward_footnotes_warn_and_keep_every_note(pages_dir):
    record = parse_markdown((pages_dir / "markdown" / "notes.md").read_bytes(), "notes.md")
    assert record.id == "writers/writer/193x/awkward-notes"
    assert record.date == PartialDate("1930s", "193X")
    assert [n.label for n in record.notes] == ["a", "2", "unused"]
    assert record.notes[0].text == "A note with a label that is a letter.\n\nIt has a second paragraph."
    assert record.notes[1].text == "A numbered note."
    assert "source[a] and so does the second.[2]" in record.text
    assert "nowhere.[^missing]" in record.text
    assert record.warnings == (
        "footnote [^missing] is referenced but never defined",
        "footnote [^2] is defined more than once; the first is kept",
        "footnote [^unused] is defined but never referenced in the text",
    )
    assert 'id="fnref1-1"' in record.body_html


# -- Rules --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text", "edtf"),
    [
        ('"1976-06"', "June 1976", "1976-06"),
        ('"1963-23"', "Autumn 1963", "1963-23"),
        ("193X", "1930s", "193X"),
        ('"1976-07/1976-08"', "July/August 1976", "1976-07/1976-08"),
        ("1976-06-02", "2 June 1976", "1976-06-02"),
        ("1917", "1917", "1917"),
        ("June 1976", "June 1976", "1976-06"),
        ("{text: mid-1930s, edtf: 193X}", "mid-1930s", "193X"),
    ],
)
def test_date_forms(value, text, edtf):
    record = parse_markdown(page(f"title: T\ndate: {value}"), None)
    assert record.date == PartialDate(text, edtf)


def test_defaults_and_id_rules():
    record = parse_markdown(page("title: On Things\nauthors: [Rosa Example]\ndate: '1920-03'"), None)
    assert (record.language, record.kind, record.page_type) == ("en", "article", "document")
    assert record.id == "writers/example/1920/03/on-things"
    assert record.placed_by["id"] == "derived"
    # A file somewhere on disk is not a site path.
    assert parse_markdown(page("title: On Things"), "/home/someone/drafts/x.md").id.startswith("writers/")
    site = parse_markdown(page("title: On Things"), "archive/x/1920/03/things.md")
    assert site.id == "archive/x/1920/03/things"
    assert parse_markdown(page("title: On Things\nid: a/b"), "archive/c.md").id == "a/b"


def test_bom_crlf_and_body_script_are_handled():
    body = "Text <script>alert(1)</script> here.\n"
    data = b"\xef\xbb\xbf" + page("title: T", body).replace(b"\n", b"\r\n")
    record = parse_markdown(data, None)
    assert record.text == "Text here."
    assert "script" not in record.body_html


def test_empty_body_warns():
    record = parse_markdown(page("title: Only metadata", ""), None)
    assert record.text == ""
    assert record.warnings[0].startswith("the body is empty")


def test_misspelt_key_is_kept_and_warned():
    record = parse_markdown(page("title: T\nautors: [X]"), None)
    assert record.extra == {"autors": ["X"]}
    assert any("did you mean 'authors'" in w for w in record.warnings)


def test_invalid_utf8_names_the_offset():
    data = page("title: T", "caf\xe9\n".encode("latin-1").decode("latin-1")).replace("é".encode(), b"\xe9")
    offset = data.index(b"\xe9")
    with pytest.raises(EncodingError, match=f"byte offset {offset}"):
        scriptorium.parse(data, format="markdown")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"---\ntitle: [unclosed\n---\nbody\n", r"not valid YAML \(line \d"),
        (b"---\n- a\n- b\n---\nbody\n", "must be a mapping"),
        (b"---\ntitle: T\nbody without a closing line\n", "never closed"),
        (b"# Just Markdown\n\nNo front matter.\n", "no front matter"),
        (page("authors: [X]"), "'title' is required"),
        (page("title: T\nauthors: 5"), "line 3: 'authors' must be a list"),
        (page("title: T\nkind: essay"), "'kind' is 'essay', which is not one of"),
        (page("title: T\npage_type: blog"), "'page_type'"),
        (page("title: T\ncredits: [{role: typist, name: X}]"), r"'credits\[0\].role' is 'typist'"),
        (page("title: T\ncredits: [{role: markup}]"), r"'credits\[0\].name' is required"),
        (page("title: T\ndate: '1976-13'"), "'date' is '1976-13'"),
        (page("title: T\ndate: '1976-02-30'"), "'date'"),
        (page("title: T\ndate: {text: x, edtf: 'June'}"), "'date.edtf'"),
        (page("title: T\nsource: {periodical: X, volume: 3}"), "'source.volume' is not a known key"),
        (page("title: T\nsource: {date: 'soon'}"), "'source.date'"),
        (page("title: T\ntext: hello"), "'text' comes from the page body"),
        (page("title: T\nlast_updated: yesterday"), "'last_updated'"),
        (page("title: T\nlanguage: English language"), "'language'"),
        (page("title: T\ndate_text: June"), "'date_text' is given without a date"),
        (page("title: yes"), "'title' must be text"),
        (page("title: T\n1: one"), "key 1 is not a name"),
    ],
)
def test_broken_front_matter(data, message):
    with pytest.raises(FrontMatterError, match=message) as caught:
        scriptorium.parse(data, "x.md")
    assert "\n" not in caught.value.one_line()


def test_yaml_alias_bomb_is_refused():
    bomb = "title: T\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for n in range(1, 8):
        bomb += f"{'b' * n}: &{'b' * n} [{', '.join(['*' + ('b' * (n - 1) if n > 1 else 'a')] * 10)}]\n"
    with pytest.raises(FrontMatterError, match="too large"):
        parse_markdown(page(bomb), None)


# -- EDTF helpers -------------------------------------------------------------------------------


def test_edtf_words():
    assert edtf_to_text("1976-07/1976-08") == "July/August 1976"
    assert edtf_to_text("1960-21/1960-22") == "Spring/Summer 1960"
    assert edtf_to_text("1936-06-03/1936-06-05") == "3–5 June 1936"
    assert edtf_to_text("1913/1916") == "1913–1916"
    assert edtf_to_text("1920~") == "c. 1920"
    assert not is_valid_edtf("1916/1913")
    assert edtf_to_text("{1922-10-08,1922-10-15}") == "8 October 1922 and 15 October 1922"
    assert edtf_to_text("[1667,1668]") == "1667 or 1668"
    assert not is_valid_edtf("{1922-10-08}") and not is_valid_edtf("{1922-13-01,1922}")


@pytest.mark.parametrize(
    "printed",
    ["June 1976", "Autumn 1963", "1930s", "July/August 1976", "1913-1916", "Winter 1959-60", "c. 1920",
     "1920?", "July 8 (21), 1914", "3-5 June 1936", "25 July - 3 August 1936", "14 March 1883"],
)
def test_every_date_the_importers_print_is_valid_edtf(printed):
    parsed = dates.parse_date(printed)
    assert parsed is not None and is_valid_edtf(parsed.edtf)


def test_validator_accepts_only_what_the_edtf_package_accepts():
    """Every combination of year, month, day and qualifier pieces: ours is a subset of EDTF."""
    edtf = pytest.importorskip("edtf")
    accepted_here = 0
    for pieces in itertools.product(
        ["1976", "1900", "2000", "193X", "19XX", "0044"],
        ["", "-01", "-02", "-06", "-12", "-13", "-00", "-21", "-24", "-25", "-XX"],
        ["", "-01", "-28", "-29", "-30", "-31", "-32", "-XX"],
        ["", "?", "~", "%"],
    ):
        value = "".join(pieces)
        if not is_valid_edtf(value):
            continue
        accepted_here += 1
        edtf.parse_edtf(value)  # raises if the package disagrees
        assert edtf_to_text(value) and "X" not in edtf_to_text(value)
    assert accepted_here > 300


# -- Round trip ---------------------------------------------------------------------------------

_WORD = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp", "Cn", "Co")),
    min_size=1,
    max_size=12,
)
_LINE = st.lists(_WORD, min_size=1, max_size=8).map(" ".join)
_NAME = st.lists(st.text(string.ascii_letters + "’-", min_size=1, max_size=10), min_size=1, max_size=3).map(
    " ".join
)
_LABELS = st.lists(
    st.text(string.ascii_lowercase + string.digits + "*†", min_size=1, max_size=3), unique=True, max_size=3
)
_VALID_EDTF = st.sampled_from(
    ["1976-06", "1963-23", "193X", "1976-07/1976-08", "1917", "1936-06-03", "1920~", "1959-24/1960",
     "1913/1916", "{1922-10-08,1922-10-15}"]
)
_DATE = st.one_of(
    st.none(),
    _VALID_EDTF.map(lambda e: PartialDate(edtf_to_text(e), e)),
    st.builds(PartialDate, _LINE, _VALID_EDTF),
)
_MAYBE = st.one_of(st.none(), _LINE)
_NOTE_TEXT = st.lists(_LINE, min_size=1, max_size=2).map("\n\n".join)


@st.composite
def records(draw):
    labels = draw(_LABELS)
    paragraphs = draw(st.lists(st.lists(_LINE, min_size=1, max_size=3).map("\n".join), max_size=4))
    if labels and paragraphs:
        paragraphs[0] += f" [{labels[0]}]"
    source = draw(
        st.one_of(
            st.none(),
            st.builds(Source, statement=_LINE, periodical=_MAYBE, issue=_MAYBE, date=_DATE, pages=_MAYBE),
        )
    )
    return Record(
        id="writers/" + draw(st.text(string.ascii_lowercase, min_size=1, max_size=8)),
        title=draw(_LINE),
        page_type=draw(st.sampled_from(PAGE_TYPES)),
        part_of=draw(st.one_of(st.none(), st.builds(PartOf, title=_LINE, id=st.none()))),
        subtitle=draw(_MAYBE),
        authors=tuple(draw(st.lists(_NAME, max_size=3))),
        date=draw(_DATE),
        kind=draw(st.sampled_from(KINDS)),
        language=draw(st.sampled_from(["en", "de", "pt-BR"])),
        source=source,
        rights=draw(_MAYBE),
        copied_from=draw(_MAYBE),
        credits=tuple(
            draw(st.lists(st.builds(Credit, st.sampled_from(CREDIT_ROLES), _NAME, _MAYBE), max_size=2))
        ),
        reviewed=tuple(
            draw(
                st.lists(
                    st.builds(ReviewedBook, title=_LINE, authors=st.lists(_NAME, max_size=2).map(tuple),
                              publisher=_MAYBE, year=st.one_of(st.none(), st.just("1974")), price=_MAYBE),
                    max_size=2,
                )
            )
        ),
        collection=draw(_MAYBE),
        last_updated=draw(st.one_of(st.none(), st.just(LastUpdated("2 May 2017", "2017-05-02")))),
        text="\n\n".join(paragraphs),
        notes=tuple(Note(label, draw(_NOTE_TEXT)) for label in labels),
        extra=draw(st.dictionaries(st.sampled_from(["draft", "slug"]), st.integers(0, 5), max_size=2)),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_record_to_markdown_to_record_keeps_the_contract(record):
    markdown = record_to_markdown(record)
    back = parse_markdown(markdown.encode("utf-8"), None)
    assert contract(back) == contract(record), markdown
    assert back.extra == record.extra


def test_markdown_fixtures_survive_a_round_trip(pages_dir):
    for path in sorted((pages_dir / "markdown").glob("*.md")):
        record = parse_markdown(path.read_bytes(), f"x/{path.name}")
        back = parse_markdown(record_to_markdown(record).encode(), None)
        assert contract(back) == contract(record), path.name
        assert " ".join(back.body_html.split()) == " ".join(record.body_html.split()), path.name


def test_legacy_text_page_exports_for_editing(sample_txt):
    record = scriptorium.parse(sample_txt.read_bytes(), None, "text")
    markdown = record_to_markdown(record)
    assert "\nkind: review\n" in markdown and "date: 1976-06\n" in markdown
    assert "statement:" not in markdown  # the fields already say it
    assert contract(parse_markdown(markdown.encode(), None)) == contract(record)


# -- Robustness ---------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_scriptorium_errors(data):
    with contextlib.suppress(ScriptoriumError):
        scriptorium.parse(data, format="markdown")


_YAMLISH = st.text(alphabet="abtitle:-[]{}\"'&*!|>#\n 0123456789\t,.?%@`", max_size=80)


@settings(max_examples=300, deadline=None)
@given(_YAMLISH, st.text(max_size=80))
def test_arbitrary_front_matter_raises_only_front_matter_errors(front, body):
    data = f"---\ntitle: T\n{front}\n---\n{body}".encode("utf-8", "surrogatepass")
    with contextlib.suppress(ScriptoriumError):
        scriptorium.parse(data, format="markdown")


SPACY = st.text(alphabet=st.sampled_from(" \t\r\n\f\v\u00a0\u2003\u3000ab-"), max_size=40)


@given(SPACY | st.text(max_size=40))
def test_white_space_cleaning_skips_the_pattern_only_when_it_would_change_nothing(text: str) -> None:
    from scriptorium.importers import markdown

    assert markdown._clean(text) == markdown._SPACES.sub(" ", text).strip()
