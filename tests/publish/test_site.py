"""The built site: pages, permanent URLs, metadata, feeds, sitemap, links, incremental and safe builds."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from fixture import FakeCatalog, records
from selectolax.lexbor import LexborHTMLParser

from conftest import BASE_URL
from scriptorium.model import LastUpdated, Record
from scriptorium.publish import BuildError, Options, build_site, check_links
from scriptorium.publish import pages as page_kinds
from scriptorium.publish.site import MANIFEST

WILSON = "archive/foot-paul/1995/06/wilson.htm"
REVIEW = "archive/jenkins/1976/06/deep-differences.htm"
ISSUE_187 = "history/etol/newspape/socrev/1995/no187.htm"


def html(site: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / path).read_text(encoding="utf-8"))


def jsonld(site: Path, path: str) -> dict:
    node = html(site, path).css_first('script[type="application/ld+json"]')
    assert node is not None, f"{path} has no JSON-LD"
    return json.loads(node.text())


def meta(site: Path, path: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for node in html(site, path).css("meta[name]"):
        found.setdefault(node.attrs["name"], []).append(node.attrs.get("content") or "")
    return found


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in (".htm", ".html")}


# -- permanent URLs and page kinds ---------------------------------------------------------------------


def test_imported_pages_keep_their_paths_and_new_material_follows_writers_scheme(site: Path) -> None:
    assert (site / WILSON).is_file()
    assert (site / "archive/foot-paul/1995/06/wilson.json").is_file()
    assert (site / "writers/jenkins/2020/03/on-reading-old-papers.html").is_file()
    assert (site / "writers/jenkins/2020/03/on-reading-old-papers.json").is_file()
    record = json.loads((site / "archive/foot-paul/1995/06/wilson.json").read_text())
    assert record["id"] == "archive/foot-paul/1995/06/wilson"
    assert record["title"] == "Harold and the unions"


def test_each_record_file_holds_exactly_its_record(site: Path) -> None:
    """The JSON beside a page is the record's JSON form, key for key (written compact)."""
    by_id = {r.id: r for r in records()}
    found = 0
    for path in site.rglob("*.json"):
        if path.name.startswith(".") or "pagefind" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert list(data) == list(by_id[data["id"]].to_dict()), path
        assert Record.from_dict(data) == by_id[data["id"]], path
        assert text.endswith("}\n") and "\n" not in text[:-1]
        found += 1
    assert found >= 5


def test_every_page_kind_is_written(site: Path) -> None:
    for path in (
        "index.html",
        "writers/index.html",
        "archive/foot-paul/index.htm",  # a writer's archive at its imported path
        "writers/gareth-jenkins/index.html",  # a writer with no imported archive page
        "periodicals/index.html",
        "history/etol/newspape/socrev/index.htm",
        ISSUE_187,
        "periodicals/socialist-review/no-176.html",
        "archive/cliff/1975/lenin/index.htm",
        "whats-new.html",
        "credits/index.html",
        "credits/einde-ocallaghan.html",
        "feeds/whats-new.atom",
        "feeds/writers/paul-foot.atom",
        "sitemap.xml",
        "robots.txt",
    ):
        assert (site / path).is_file(), path


def test_renamed_page_leaves_a_redirect(site: Path) -> None:
    tree = html(site, "archive/foot-paul/1995/06/harold.htm")
    refresh = tree.css_first('meta[http-equiv="refresh"]').attrs["content"]
    assert refresh.endswith("url=wilson.htm") or refresh.endswith("wilson.htm")
    assert tree.css_first('link[rel="canonical"]').attrs["href"] == BASE_URL + WILSON


def test_document_page_shows_navigation_provenance_notes_and_update(site: Path) -> None:
    tree = html(site, WILSON)
    crumbs = [a.text() for a in tree.css("nav.crumbs a")]
    assert crumbs == ["Main page", "Paul Foot Archive"]
    assert tree.css_first("h1").text() == "Harold and the unions"
    assert tree.css_first(".subtitle").text() == "A look back at a prime minister"
    assert tree.css_first(".date").text() == "(June 1995)"
    provenance = tree.css_first(".provenance").text()
    for expected in ("From Socialist Review, No. 187", "Copyright © Socialist Review.", "Ted Crawford"):
        assert expected in provenance
    issue_link = tree.css_first(".provenance .issue-link a").attrs["href"]
    assert issue_link == "../../../../" + ISSUE_187
    assert "Last updated: 17 November 2009" in tree.css_first(".updated").text()
    assert len(tree.css("h1")) == 1
    assert [n.tag for n in tree.css("header, nav, main, footer")][:2] == ["header", "nav"]
    assert tree.css_first("a.skip-link").attrs["href"] == "#content"


def test_notes_link_both_ways(site: Path) -> None:
    tree = html(site, WILSON)
    refs = tree.css("a.noteref")
    assert [r.attrs["href"] for r in refs] == ["#n1", "#n2"]
    for ref in refs:
        note = tree.css_first(ref.attrs["href"])
        assert note is not None and note.tag == "li"
        back = note.css_first("a.backref").attrs["href"]
        assert back == "#" + ref.attrs["id"]
    markdown = html(site, "writers/jenkins/2020/03/on-reading-old-papers.html")
    ref = markdown.css_first("a.noteref")
    assert markdown.css_first(ref.attrs["href"]).css_first("a.backref").attrs["href"] == "#fnref1"


def test_body_links_keep_working_or_go_to_the_origin_site(site: Path) -> None:
    links = {a.text(): a for a in html(site, WILSON).css(".body a")}
    assert links["in 1968"].attrs["href"] == "../../../../archive/foot-paul/1968/10/diy-pols.htm"
    speech = links["speech"]
    assert speech.attrs["href"] == "https://www.marxists.org/archive/cliff/1970/unknown.htm"
    assert "external" in speech.attrs["class"] and "external" in speech.attrs["rel"]
    assert "external" in links["a history site"].attrs["class"]
    # A root-relative link in new material resolves to the imported page.
    new = html(site, "writers/jenkins/2020/03/on-reading-old-papers.html")
    assert new.css_first(".body a").attrs["href"] == "../../../../" + WILSON
    # An absolute link to the origin site finds the page when the archive holds it.
    review = html(site, REVIEW)
    assert review.css_first(".body a").attrs["href"] == "../../../../" + WILSON
    # A link to another page's note keeps its anchor.
    old = html(site, "archive/foot-paul/1968/10/diy-pols.htm")
    assert old.css_first(".body a").attrs["href"].endswith(WILSON + "#n1")


def test_origin_base_url_is_a_setting(tmp_path: Path, catalog: FakeCatalog) -> None:
    build_site(catalog, tmp_path / "s", options=Options(origin_base_url="https://mirror.example.net/mia/"))
    links = {a.text(): a.attrs["href"] for a in html(tmp_path / "s", WILSON).css(".body a")}
    assert links["speech"] == "https://mirror.example.net/mia/archive/cliff/1970/unknown.htm"


def test_body_headings_start_below_the_title(site: Path) -> None:
    tree = html(site, "archive/foot-paul/1968/10/diy-pols.htm")
    assert tree.css_first(".body h2").text() == "The argument"
    assert tree.css_first(".body h4") is None


def test_chapters_have_part_of_and_previous_next(site: Path) -> None:
    tree = html(site, "archive/cliff/1975/lenin/ch2.htm")
    assert tree.css_first('a[rel="prev"]').attrs["href"].endswith("archive/cliff/1975/lenin/ch1.htm")
    assert tree.css_first('a[rel="next"]').attrs["href"].endswith("archive/cliff/1975/lenin/ch3.htm")
    assert tree.css_first(".kicker a").text() == "Building the Party"
    first = html(site, "archive/cliff/1975/lenin/ch1.htm")
    assert first.css_first('a[rel="prev"]') is None
    assert first.css_first(".body a").attrs["href"].endswith("ch2.htm#s1")


def test_writer_archive_groups_chapters_under_their_work_by_year(site: Path) -> None:
    tree = html(site, "archive/cliff/index.htm")
    years = [h.text() for h in tree.css("main h3")]
    assert years == ["1975", "1979"]
    work = tree.css_first("ul.items > li.item")
    assert work.css_first(".item-title").text() == "Building the Party"
    assert [c.css_first(".item-title").text() for c in work.css("ol.chapters > li")] == [
        "Chapter 1: Beginnings",
        "Chapter 2: The split",
        "Chapter 3: Underground",
    ]
    titles = [n.text() for n in tree.css("main .item-title")]
    assert titles.count("Chapter 2: The split") == 1  # not listed again on its own
    foot = html(site, "archive/foot-paul/index.htm")
    assert foot.css_first(".life").text() == "1937–2004"
    assert "campaigning journalist" in foot.css_first(".biography").text()
    kinds = [n.text() for n in foot.css(".item .kind")]
    assert kinds == ["Article", "Article"]


def test_writers_index_lists_every_writer_with_life_dates(site: Path) -> None:
    tree = html(site, "writers/index.html")
    names = [a.text() for a in tree.css("ul.writers a")]
    assert names == ["Tony Cliff", "Paul Foot", "Gareth Jenkins"]
    assert "1917–2000" in tree.css_first("ul.writers li").text()


def test_issue_page_lists_contents_in_printed_order(site: Path) -> None:
    tree = html(site, ISSUE_187)
    titles = [n.text() for n in tree.css(".contents .item-title")]
    assert titles == ["Where we stand", "A column not held here", "Harold and the unions"]
    pages = [n.text() for n in tree.css(".contents .pages")]
    assert pages == ["p. 3", "pp. 22–23"]
    absent = tree.css(".contents .item-title a")[1]
    assert (
        absent.attrs["href"].startswith("https://www.marxists.org/") and "external" in absent.attrs["class"]
    )
    periodical = html(site, "history/etol/newspape/socrev/index.htm")
    assert [h.text() for h in periodical.css("main h2")] == ["1976", "1995"]


def test_credits_list_each_volunteer_and_their_work(site: Path) -> None:
    tree = html(site, "credits/index.html")
    assert [a.text() for a in tree.css(".item-title a")] == [
        "Ted Crawford",
        "Einde O’Callaghan",
        "Sarah Young",
    ]
    ted = html(site, "credits/ted-crawford.html")
    assert [h.text() for h in ted.css("main h2")] == ["Proofreading", "Transcription"]


def test_main_page_has_sections_counts_and_whats_new(site: Path) -> None:
    tree = html(site, "index.html")
    counts = {n.css_first("dt").text(): n.css_first("dd").text() for n in tree.css(".counts div")}
    assert counts["documents"] == "9" and counts["writers"] == "3" and counts["periodicals"] == "2"
    latest = [n.text() for n in tree.css(".items .item-title")]
    assert latest[0] == "On reading old papers"


# -- machine-readable metadata ------------------------------------------------------------------------


def test_document_jsonld_describes_article_in_issue_with_contributors(site: Path) -> None:
    data = jsonld(site, WILSON)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Article"
    assert data["url"] == BASE_URL + WILSON
    assert data["author"] == [
        {"@type": "Person", "name": "Paul Foot", "url": BASE_URL + "archive/foot-paul/index.htm"}
    ]
    issue = data["isPartOf"]
    assert issue["@type"] == "PublicationIssue" and issue["issueNumber"] == "No. 187"
    assert issue["isPartOf"]["@type"] == "Periodical" and issue["isPartOf"]["name"] == "Socialist Review"
    assert (data["pageStart"], data["pageEnd"], data["datePublished"]) == ("22", "23", "1995-06")
    contributors = {(c["roleName"], c["contributor"]["name"]) for c in data["contributor"]}
    assert contributors == {("markup", "Einde O’Callaghan"), ("proofreading", "Ted Crawford")}


def test_review_jsonld_names_the_book_reviewed(site: Path) -> None:
    data = jsonld(site, REVIEW)
    assert data["@type"] == "Review"
    book = data["itemReviewed"]
    assert book["@type"] == "Book" and book["name"] == "The Serge-Trotsky Papers"
    assert book["editor"] == [{"@type": "Person", "name": "David Cotterill"}]
    assert book["publisher"]["name"] == "Pluto"
    # A season is not a month: the published date falls back to the year.
    assert jsonld(site, "archive/foot-paul/1968/10/diy-pols.htm")["datePublished"] == "1968"


def test_every_document_page_carries_valid_jsonld(site: Path) -> None:
    for path in html_pages(site):
        node = html(site, path).css_first('script[type="application/ld+json"]')
        if node is not None:
            assert json.loads(node.text())["@type"] in ("Article", "Review")


def test_highwire_and_dublin_core_tags(site: Path) -> None:
    tags = meta(site, WILSON)
    assert tags["citation_title"] == ["Harold and the unions"]
    assert tags["citation_author"] == ["Paul Foot"]
    assert tags["citation_publication_date"] == ["1995/06"]
    assert tags["citation_journal_title"] == ["Socialist Review"]
    assert tags["citation_issue"] == ["No. 187"]
    assert (tags["citation_firstpage"], tags["citation_lastpage"]) == (["22"], ["23"])
    assert tags["DC.title"] == ["Harold and the unions"] and tags["DC.creator"] == ["Paul Foot"]
    assert tags["DC.date"] == ["1995-06"] and tags["DC.language"] == ["en"]
    assert tags["DC.rights"] == ["Copyright © Socialist Review."]
    assert tags["DC.source"][0].startswith("From Socialist Review")
    tree = html(site, WILSON)
    assert tree.css_first('link[rel="canonical"]').attrs["href"] == BASE_URL + WILSON
    assert tree.css_first('link[type="application/json"]').attrs["href"].endswith("wilson.json")


# -- feeds, sitemap, robots ---------------------------------------------------------------------------


def test_feeds_parse_without_errors(site: Path) -> None:
    feeds = sorted((site / "feeds").rglob("*.atom"))
    assert len(feeds) == 4
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.feed.title
    new = feedparser.parse((site / "feeds/whats-new.atom").read_bytes())
    assert new.entries[0].title == "On reading old papers"
    assert new.entries[0].link == BASE_URL + "writers/jenkins/2020/03/on-reading-old-papers.html"
    foot = feedparser.parse((site / "feeds/writers/paul-foot.atom").read_bytes())
    assert [e.title for e in foot.entries] == ["Harold and the unions", "Do it yourself politics"]


def test_sitemap_lists_every_html_page_but_redirects(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring((site / "sitemap.xml").read_bytes())
    listed = {loc.text.removeprefix(BASE_URL) for loc in root.findall("s:url/s:loc", ns)}
    assert listed == html_pages(site) - {"archive/foot-paul/1995/06/harold.htm"}
    robots = (site / "robots.txt").read_text()
    assert f"Sitemap: {BASE_URL}sitemap.xml" in robots


def test_link_check_finds_nothing_broken_on_the_fixture_site(site: Path) -> None:
    report = check_links(site, base_url=BASE_URL)
    assert report.broken == []
    assert report.pages == len(html_pages(site))
    assert "https://www.marxists.org/archive/cliff/1970/unknown.htm" in report.external


def test_link_check_reports_broken_links_and_anchors(tmp_path: Path, catalog: FakeCatalog) -> None:
    out = tmp_path / "s"
    build_site(catalog, out)
    (out / "archive/cliff/1975/lenin/ch3.htm").unlink()
    page = out / WILSON
    page.write_text(page.read_text().replace('href="#n2"', 'href="#nowhere"'))
    report = check_links(out)
    reasons = {(b.page, b.reason) for b in report.broken}
    assert ("archive/cliff/1975/lenin/ch2.htm", "no such page") in reasons
    assert (WILSON, "no anchor #nowhere on this page") in reasons


# -- incremental and safe builds ---------------------------------------------------------------------


def test_second_build_writes_nothing(tmp_path: Path, catalog: FakeCatalog) -> None:
    first = build_site(catalog, tmp_path / "s")
    assert first.pages_written == first.pages_total > 20
    reads = catalog.gets
    second = build_site(catalog, tmp_path / "s")
    assert second.pages_written == 0 and second.files_written == 0
    assert second.files_reused == first.files_written
    assert catalog.gets == reads  # no record was read again


def test_changed_body_rewrites_only_its_page(tmp_path: Path, catalog: FakeCatalog) -> None:
    build_site(catalog, tmp_path / "s")
    record = catalog.records["archive/cliff/1979/05/letter"]
    catalog.put(record.replace(body_html=record.body_html + "<p>Yours, T.</p>"))
    report = build_site(catalog, tmp_path / "s")
    assert report.written == ["archive/cliff/1979/05/letter.htm"]
    assert report.files_written == 2  # the page and its JSON record
    assert "Yours, T." in (tmp_path / "s/archive/cliff/1979/05/letter.htm").read_text()


def test_changed_title_touches_the_pages_that_show_it(tmp_path: Path, catalog: FakeCatalog) -> None:
    build_site(catalog, tmp_path / "s")
    record = catalog.records["archive/foot-paul/1995/06/wilson"]
    catalog.put(
        record.replace(
            title="Harold and the trade unions", last_updated=LastUpdated("1 May 2021", "2021-05-01")
        )
    )
    report = build_site(catalog, tmp_path / "s")
    assert sorted(report.written) == sorted(
        [
            WILSON,  # the document
            "archive/foot-paul/index.htm",  # its writer's archive
            ISSUE_187,  # its issue
            "whats-new.html",
            "index.html",  # the main page's what's new
            "credits/einde-ocallaghan.html",
            "credits/ted-crawford.html",
        ]
    )
    changed = {p for p in report_files(report) if p.endswith(".atom")}
    assert changed == {"feeds/whats-new.atom", "feeds/writers/paul-foot.atom"}


def report_files(report) -> list[str]:
    return report.changed_files


def test_failed_build_leaves_previous_site_intact(
    tmp_path: Path, catalog: FakeCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "s"
    build_site(catalog, out)
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    record = catalog.records["archive/cliff/1979/05/letter"]
    catalog.put(record.replace(title="A changed title"))

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(page_kinds, "document_page", explode)
    with pytest.raises(RuntimeError, match="disk on fire"):
        build_site(catalog, out)
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(os.listdir(tmp_path)) == [".s.lock", ".s.state", "s"]  # no temporary directory left behind


def test_a_second_build_at_once_is_refused(tmp_path: Path, catalog: FakeCatalog) -> None:
    import fcntl

    (tmp_path / ".s.lock").touch()
    with open(tmp_path / ".s.lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(BuildError, match="another build is writing"):
            build_site(catalog, tmp_path / "s")
    assert not (tmp_path / "s").exists()


def test_leftovers_of_a_killed_build_are_removed(tmp_path: Path, catalog: FakeCatalog) -> None:
    (tmp_path / ".s.building-99999/archive").mkdir(parents=True)
    build_site(catalog, tmp_path / "s")
    assert sorted(os.listdir(tmp_path)) == [".s.lock", ".s.state", "s"]


def test_clean_rebuilds_everything(tmp_path: Path, catalog: FakeCatalog) -> None:
    first = build_site(catalog, tmp_path / "s")
    again = build_site(catalog, tmp_path / "s", clean=True)
    assert again.pages_written == first.pages_written and again.files_reused == 0


def test_removed_record_disappears_from_the_site(tmp_path: Path, catalog: FakeCatalog) -> None:
    build_site(catalog, tmp_path / "s")
    del catalog.records["archive/cliff/1979/05/letter"]
    report = build_site(catalog, tmp_path / "s")
    assert not (tmp_path / "s/archive/cliff/1979/05/letter.htm").exists()
    assert report.files_removed == 2
    assert check_links(tmp_path / "s").broken == []


def test_refuses_to_replace_a_directory_it_did_not_build(tmp_path: Path, catalog: FakeCatalog) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine/notes.txt").write_text("keep me")
    with pytest.raises(BuildError, match="holds no site built by scriptorium"):
        build_site(catalog, tmp_path / "mine")
    assert (tmp_path / "mine/notes.txt").read_text() == "keep me"
    assert not (tmp_path / "mine" / MANIFEST).exists()


def test_many_changes_are_read_in_one_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scriptorium.publish.site.FETCH_ONE_BY_ONE", 1)
    catalog = FakeCatalog(records())
    build_site(catalog, tmp_path / "s")
    for record_id in ("archive/cliff/1979/05/letter", "archive/cliff/1975/lenin/ch3"):
        record = catalog.records[record_id]
        catalog.put(record.replace(body_html=record.body_html + "<p>More.</p>"))
    report = build_site(catalog, tmp_path / "s")
    assert catalog.gets == 0 and report.pages_written == 2
