"""Index pages: writers' archives, periodical and issue contents, a work's contents.

Fixture pages in ``tests/pages/indexes/`` were written for these tests in the
archive's conventions; the sample archive in ``examples/archive/`` is checked
for consistent links; the real corpus is read when it is present.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from scriptorium.importers.indexes import author_profile, periodical_profile, work_links

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "pages" / "indexes"
SAMPLE = ROOT / "examples" / "archive"


def _tree(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_bytes().decode("utf-8", "replace"))


def _fixture(name: str) -> LexborHTMLParser:
    return _tree(FIXTURES / name)


# -- writers' archives -------------------------------------------------------------------------


def test_etol_writer_archive_reads_name_life_dates_biography_and_works():
    profile, warnings = author_profile(_fixture("etol-writer.htm"), "archive/rowe/index.htm")
    assert warnings == []
    assert profile is not None
    assert profile.name == "Agnes Rowe"
    assert profile.life_dates == "12 March 1901 – 1967"
    assert profile.born is not None and profile.born.edtf == "1901-03-12"
    assert profile.died is not None and profile.died.edtf == "1967"
    assert profile.biography is not None
    assert profile.biography.startswith("Agnes Rowe worked as a typist")
    assert "\n\nShe wrote for the socialist press" in profile.biography
    works = profile.works
    assert [w.title for w in works] == [
        "The Rent Courts Again",
        "Typists Are Workers Too",
        "Women in the Yards",
    ]
    assert [w.href for w in works] == [
        "archive/rowe/1924/06/rent.htm",
        "archive/rowe/1924/xx/typists.htm",
        "archive/rowe/1930/pamphlet/index.htm",
    ]
    assert [w.date.edtf if w.date else None for w in works] == ["1924-06", "1924-24/1925", "1930"]
    assert [w.section for w in works] == ["1924", "1924", "1930"]
    assert works[0].note == "(Clyde Worker, No. 12)"
    assert works[2].note == "(pamphlet)"


def test_mia_author_index_keeps_quotes_prose_links_and_navigation_out():
    profile, _ = author_profile(_fixture("mia-author.htm"), "archive/dekker/index.htm")
    assert profile is not None
    assert profile.name == "Piet Dekker"
    assert profile.life_dates == "1880–1943"
    assert profile.biography is not None
    assert profile.biography.startswith("Piet Dekker was a Rotterdam dock worker")
    assert "quotation" not in profile.biography
    titles = [w.title for w in profile.works]
    assert titles == [
        "The Councils and the Unions",
        "Crisis in the Ports",
        "The Dock Strike",
        "The Unemployed Councils",
        "part two",
    ]
    assert "glossary of places" not in titles
    assert "Marxist Writers" not in titles
    by_title = {w.title: w for w in profile.works}
    assert by_title["Crisis in the Ports"].section == "Pamphlets"
    assert by_title["Crisis in the Ports"].date is not None
    assert by_title["Crisis in the Ports"].date.edtf == "1927-21"
    # "1920 May:" before the link: the year comes first on some pages.
    dock = by_title["The Dock Strike"]
    assert dock.section == "Articles"
    assert dock.date is not None and dock.date.edtf == "1920-05"
    assert dock.note == "(as P.D.)"
    assert by_title["The Councils and the Unions"].note == "(pamphlet)"


def test_author_profile_without_a_name_warns():
    tree = LexborHTMLParser("<html><body><p>Nothing here names a writer.</p></body></html>")
    profile, warnings = author_profile(tree, "archive/nobody/index.htm")
    assert profile is None
    assert warnings and "name" in warnings[0]


def test_author_profile_without_works_warns():
    tree = LexborHTMLParser("<html><body><h1>Anna Berg</h1><h3>1890–1950</h3></body></html>")
    profile, warnings = author_profile(tree, "archive/berg/index.htm")
    assert profile is not None and profile.works == ()
    assert profile.born is not None and profile.born.edtf == "1890"
    assert any("no works" in w for w in warnings)


_PROSE_LIFE = """<html><body><h1>{name} Internet Archive</h1>
<p>{name} was born in a small port town in 1901. Moving to the capital in search of work, {pronoun} joined
the party in 1920 and wrote for its papers for the rest of {possessive} life.</p>
<p>Her brother died in 1935. {subject} died in March 1966, still at work on a history of the movement.</p>
<p><a href="1930/strike.htm">The Strike</a> (1930)</p>
</body></html>"""


@pytest.mark.parametrize(
    ("name", "pronoun", "subject", "born", "died"),
    [
        ("Anna Berg", "she", "She", "1901", "1966-03"),
        # A sentence about someone else gives the writer no date.
        ("Anna Berg", "she", "Her editor", "1901", None),
        # An archive of two writers: whose dates would they be?
        ("Anna & Karl Berg", "they", "They", None, None),
    ],
)
def test_life_dates_told_in_the_biography(name, pronoun, subject, born, died):
    html = _PROSE_LIFE.format(name=name, pronoun=pronoun, possessive="her", subject=subject)
    profile, _ = author_profile(LexborHTMLParser(html), "archive/berg/index.htm")
    assert profile is not None
    assert (profile.born.edtf if profile.born else None, profile.died.edtf if profile.died else None) == (
        born,
        died,
    )


# -- periodicals and issues ----------------------------------------------------------------------


def test_periodical_index_lists_issues_in_order_with_dates():
    profile, warnings = periodical_profile(
        _fixture("periodical.htm"), "history/etol/newspape/clyde/index.htm"
    )
    assert warnings == []
    assert profile is not None
    assert profile.title == "The Clyde Worker"
    assert profile.description is not None and profile.description.startswith("A fortnightly paper")
    issues = profile.issues
    assert [i.designation for i in issues] == ["Vol. 1 No. 1", "Vol. 1 No. 2", "No. 12"]
    assert [i.date.edtf if i.date else None for i in issues] == ["1923-03", "1923-04", "1924-06"]
    assert issues[2].href == "history/etol/newspape/clyde/1924/no12/index.htm"
    assert all(i.contents == () for i in issues)


def test_issue_contents_page_gives_one_issue_with_its_articles():
    path = "history/etol/newspape/clyde/1924/no12/index.htm"
    profile, warnings = periodical_profile(_fixture("issue.htm"), path)
    assert warnings == []
    assert profile is not None and profile.title == "The Clyde Worker"
    (issue,) = profile.issues
    assert issue.designation == "No. 12"
    assert issue.date is not None and issue.date.edtf == "1924-06"
    assert issue.href == path
    contents = issue.contents
    assert [c.title for c in contents] == [
        "The Stewards Meet",
        "The Rent Courts Again",
        "Wages in the Yards",
        "Letters from Readers",
    ]
    assert [c.authors for c in contents] == [(), ("Agnes Rowe",), ("John Baird", "Mary Kerr"), ()]
    assert [c.pages for c in contents] == ["p. 1", "pp. 3–4", "p. 5", "p. 8"]
    assert contents[1].href == "archive/rowe/1924/06/rent.htm"
    assert contents[3].section == "Correspondence"
    assert all(c.note is None for c in contents)


# -- a work's contents ---------------------------------------------------------------------------


def test_work_contents_lists_each_part_once_in_order():
    links = work_links(_fixture("work-contents.htm"), "archive/rowe/1930/pamphlet/index.htm")
    assert [link.title for link in links] == [
        "1. The Drawing Offices",
        "2. Tracers and Clerks",
        "3. Dilution",
        "4. The Strike of 1920",
    ]
    assert [link.href for link in links] == [f"archive/rowe/1930/pamphlet/ch0{n}.htm" for n in range(1, 5)]
    assert [link.section for link in links] == ["Part One: Before the War"] * 2 + [
        "Part Two: The War and After"
    ] * 2


def test_work_links_of_a_page_without_contents_is_empty():
    tree = LexborHTMLParser(
        "<html><body><h1>A Title</h1><p>Only prose, with no list of parts.</p></body></html>"
    )
    assert work_links(tree, "archive/x/1930/work/index.htm") == []


def test_hrefs_without_a_site_path_are_kept_as_written():
    tree = LexborHTMLParser('<body><h1>Ann Lee</h1><p><a href="1930/a.htm">A</a>, 1930</p></body>')
    profile, _ = author_profile(tree, None)
    assert profile is not None and profile.works[0].href == "1930/a.htm"


# -- the sample archive --------------------------------------------------------------------------


def _sample_pages(suffix: str) -> list[Path]:
    return sorted(p for p in SAMPLE.rglob(f"*{suffix}") if p.is_file())


def test_sample_archive_has_every_kind_of_page():
    pages = [p for p in SAMPLE.rglob("*") if p.is_file() and p.name != "README.md"]
    assert 15 <= len(pages) <= 25
    assert len(_sample_pages(".txt")) >= 2
    assert len(list((SAMPLE / "writers").rglob("*.md"))) >= 3


def test_sample_archive_links_all_resolve():
    broken = []
    for page in _sample_pages(".htm"):
        for a in _tree(page).css("a[href]"):
            href = a.attributes.get("href") or ""
            target = href.split("#", 1)[0]
            if not target or re.match(r"^[a-z]+:", target):
                continue
            resolved = (page.parent / target).resolve()
            if not resolved.is_file():
                broken.append(f"{page.relative_to(SAMPLE)} -> {href}")
    assert broken == []


def test_sample_writer_archives_list_their_works():
    for rel, name, count in (
        ("archive/marsh-ellen/index.htm", "Ellen Marsh", 7),
        ("archive/ferrand/index.htm", "Jules Ferrand", 3),
    ):
        profile, warnings = author_profile(_tree(SAMPLE / rel), rel)
        assert warnings == []
        assert profile is not None and profile.name == name
        assert len(profile.works) == count
        assert all(w.date is not None for w in profile.works)
        for work in profile.works:
            assert work.href is not None and (SAMPLE / work.href).is_file(), work.href


def test_sample_periodical_and_issue_pages():
    rel = "history/northern-pioneer/index.htm"
    profile, _ = periodical_profile(_tree(SAMPLE / rel), rel)
    assert profile is not None and profile.title == "The Northern Pioneer"
    designations = [i.designation for i in profile.issues]
    assert designations == ["No. 1", "No. 26", "No. 113", "No. 122", "No. 142", "No. 179", "No. 237"]
    linked = [i for i in profile.issues if i.href]
    assert [i.href for i in linked] == [
        "history/northern-pioneer/1926/no113/index.htm",
        "history/northern-pioneer/1928/no142/index.htm",
    ]
    for issue in linked:
        assert issue.href is not None
        page, _ = periodical_profile(_tree(SAMPLE / issue.href), issue.href)
        assert page is not None
        (listed,) = page.issues
        assert listed.designation == issue.designation
        assert listed.contents
        for article in listed.contents:
            assert article.href is not None and (SAMPLE / article.href).is_file()


def test_sample_work_contents_match_the_chapter_pages():
    rel = "archive/marsh-ellen/1934/commune/index.htm"
    links = work_links(_tree(SAMPLE / rel), rel)
    assert [link.href for link in links] == [
        f"archive/marsh-ellen/1934/commune/ch0{n}.htm" for n in (1, 2, 3)
    ]
    for link in links:
        assert link.href is not None
        chapter = _tree(SAMPLE / link.href)
        back = {a.attributes.get("href") for a in chapter.css("p.linkback a")}
        assert "index.htm" in back


# -- the real corpus -----------------------------------------------------------------------------


def _labels(corpus: Path) -> dict[str, str]:
    labels = {}
    for line in (corpus / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            page_type = item["expected"].get("page_type")
            if page_type:
                labels[item["path"]] = page_type
    return labels


def _own_links(tree: LexborHTMLParser, rel: str) -> int:
    """Links from a page to pages below its own directory: a page with several clearly lists works."""
    here = posixpath.dirname(rel)
    count = 0
    for a in tree.css("a[href]"):
        href = (a.attributes.get("href") or "").split("#", 1)[0]
        if not href or ":" in href or href.startswith(("/", "..")):
            continue
        target = posixpath.normpath(posixpath.join(here, href))
        if target.startswith(here + "/") and target != rel and re.search(r"\.(html?|txt|pdf)$", target):
            count += 1
    return count


def test_labelled_corpus_index_pages_give_non_empty_results(corpus_dir):
    labels = _labels(corpus_dir)
    checked = 0
    for rel, page_type in labels.items():
        if page_type not in ("author-index", "work-index"):
            continue
        tree = _tree(corpus_dir / rel)
        if page_type == "author-index":
            profile, _ = author_profile(tree, rel)
            assert profile is not None and profile.name, rel
            assert profile.works, rel
        else:
            assert work_links(tree, rel), rel
        checked += 1
    assert checked >= 10


def test_every_writer_archive_in_the_corpus_reads_without_error(corpus_dir):
    pages = sorted(corpus_dir.glob("archive/*/index.htm*"))
    assert pages
    empty = []
    for page in pages:
        rel = page.relative_to(corpus_dir).as_posix()
        tree = _tree(page)
        profile, warnings = author_profile(tree, rel)
        assert profile is not None and profile.name, rel
        assert all(isinstance(w, str) for w in warnings)
        if _own_links(tree, rel) >= 3 and not profile.works:
            empty.append(rel)
        for work in profile.works:
            assert work.title and work.href, rel
    assert empty == []


def test_every_contents_page_in_the_corpus_reads_without_error(corpus_dir):
    pages = [p for p in sorted(corpus_dir.rglob("index.htm*")) if p.parent.parent.name != "archive"]
    assert pages
    empty = []
    for page in pages:
        rel = page.relative_to(corpus_dir).as_posix()
        tree = _tree(page)
        links = work_links(tree, rel)
        periodical_profile(tree, rel)
        if _own_links(tree, rel) >= 3 and not links:
            empty.append(rel)
        hrefs = [link.href for link in links]
        assert len(hrefs) == len(set(hrefs)), rel
    assert empty == []


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.htm")))
def test_fixture_pages_never_raise_in_any_reader(name):
    tree = _fixture(name)
    author_profile(tree, f"archive/x/{name}")
    periodical_profile(tree, f"history/x/{name}")
    work_links(tree, f"archive/x/1930/w/{name}")


@pytest.mark.parametrize(
    ("page", "name"),
    [
        # The window title with the archive's prefix, and no heading for the writer.
        (
            "<html><head><title>MIA - Rosa Test</title></head><body><h3>Escritos</h3>"
            '<p><a href="textos/1920/x.htm">Un texto</a> (1920)</p></body></html>',
            "Rosa Test",
        ),
        # A section's h1 far down the page is not the writer's name.
        (
            "<html><head><title>Sam Probe Internet Archive</title></head><body>"
            '<h3>Speeches</h3><p><a href="1960/a.htm">A speech</a></p>'
            '<h3>Letters</h3><p><a href="1961/b.htm">A letter</a></p>'
            '<h3>Series</h3><p><a href="1962/c.htm">A series</a></p>'
            "<h1>The Movement led by Sam Probe takes up a cause:</h1>"
            '<p><a href="1963/d.htm">A pamphlet</a></p>'
            "</body></html>",
            "Sam Probe",
        ),
        # A name the writer was also known by keeps its closing bracket.
        (
            "<html><head><title>x</title></head><body><h1>Karl Probe (Hans Muster)</h1>"
            '<p><a href="1938/x.htm">A text</a></p></body></html>',
            "Karl Probe (Hans Muster)",
        ),
        (
            "<html><head><title>x</title></head><body><h1>Ann Test Internet Archive____.</h1>"
            '<p><a href="1938/x.htm">A text</a></p></body></html>',
            "Ann Test",
        ),
    ],
)
def test_writer_name_of_an_archive_page(page: str, name: str) -> None:
    profile, _warnings = author_profile(LexborHTMLParser(page), "archive/test/index.htm")
    assert profile is not None and profile.name == name
