"""The static search index: what the pages tell Pagefind, and when the index is rebuilt.

What a reader finds with it is tested in a real browser (tests/browser).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture import FakeCatalog, record_hash, records
from selectolax.lexbor import LexborHTMLParser

from scriptorium.catalog import open_catalog
from scriptorium.errors import ScriptoriumError
from scriptorium.publish import Options, build_site, check_links
from scriptorium.publish import searchindex as search_index
from scriptorium.publish.cli_command import build
from scriptorium.publish.searchindex import SearchIndexError
from scriptorium.publish.site import MANIFEST

WILSON = "archive/foot-paul/1995/06/wilson.htm"
EDITORIAL = "history/etol/newspape/socrev/1995/no187/editorial.htm"
LETTER = "archive/cliff/1979/05/letter"


def tree(site: Path, page: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / page).read_text(encoding="utf-8"))


def head_values(parsed: LexborHTMLParser, attribute: str) -> list[tuple[str, str]]:
    """(name, value) of every ``<meta data-pagefind-…="name[content]" content="value">``."""
    found = []
    for node in parsed.css(f"meta[{attribute}]"):
        name = node.attrs[attribute].removesuffix("[content]")
        found.append((name, node.attrs["content"]))
    return sorted(found)


def bundle(site: Path) -> dict[str, int]:
    """The index's files, by path, with their inode (a carried-over file keeps its inode)."""
    return {
        p.relative_to(site).as_posix(): p.stat().st_ino for p in (site / "pagefind").rglob("*") if p.is_file()
    }


def test_document_page_carries_filters_and_metadata(site: Path) -> None:
    page = tree(site, WILSON)
    assert head_values(page, "data-pagefind-filter") == [
        ("decade", "1990s"),
        ("kind", "Article"),
        ("periodical", "Socialist Review"),
        ("writer", "Paul Foot"),
    ]
    assert head_values(page, "data-pagefind-meta") == [("author", "Paul Foot"), ("date", "June 1995")]
    assert head_values(page, "data-pagefind-sort") == [("date", "1995-06")]
    body = page.css("[data-pagefind-body]")
    assert len(body) == 1 and body[0].tag == "article"
    assert body[0].css_first("h1").attrs["data-pagefind-meta"] == "title"
    ignored = {n.attrs.get("class") for n in body[0].css("[data-pagefind-ignore]")}
    assert ignored == {"provenance", "date", "doc-footer"}  # credits, printed date, links out


def test_unsigned_document_has_no_writer_filter(site: Path) -> None:
    filters = head_values(tree(site, EDITORIAL), "data-pagefind-filter")
    assert filters == [("decade", "1990s"), ("kind", "Editorial"), ("periodical", "Socialist Review")]


def test_listing_pages_are_not_indexed(site: Path) -> None:
    for page in ("index.html", "writers/index.html", "archive/foot-paul/index.htm", "search.html"):
        parsed = tree(site, page)
        assert not parsed.css("[data-pagefind-body]"), page
        assert not parsed.css("meta[data-pagefind-filter]"), page


def test_search_page_is_linked_from_every_page_and_loads_the_bundle(site: Path) -> None:
    for page in ("index.html", WILSON, "credits/index.html"):
        links = [a.attrs["href"] for a in tree(site, page).css(".site-nav a")]
        assert links[-1].endswith("search.html"), page
    search = tree(site, "search.html")
    assets = [n.attrs.get("href") or n.attrs.get("src") for n in search.css("head link, head script[src]")]
    assert "pagefind/pagefind-ui.css" in assets and "pagefind/pagefind-ui.js" in assets
    assert "needs JavaScript" in search.css_first("noscript").text()
    for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-entry.json"):
        assert (site / "pagefind" / name).is_file()
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 9  # every document page, nothing else
    assert check_links(site).broken == []


def test_unchanged_documents_keep_the_index(tmp_path: Path, catalog: FakeCatalog) -> None:
    first = build_site(catalog, tmp_path / "s")
    assert first.search_rebuilt and first.search_pages == 9
    before = bundle(tmp_path / "s")
    again = build_site(catalog, tmp_path / "s")
    assert not again.search_rebuilt
    assert bundle(tmp_path / "s") == before  # the same files, hard-linked
    assert "search index unchanged (9 pages)" in again.summary()


def test_a_changed_document_rebuilds_the_index(tmp_path: Path, catalog: FakeCatalog) -> None:
    build_site(catalog, tmp_path / "s")
    record = catalog.records[LETTER]
    catalog.put(record.replace(body_html=record.body_html + "<p>Postscript about zebras.</p>"))
    report = build_site(catalog, tmp_path / "s")
    assert report.search_rebuilt
    manifest = json.loads((tmp_path / "s" / MANIFEST).read_text())
    assert sorted(manifest["search"]["files"]) == sorted(bundle(tmp_path / "s"))


def test_a_change_to_a_listing_page_only_keeps_the_index(tmp_path: Path, catalog: FakeCatalog) -> None:
    build_site(catalog, tmp_path / "s")
    writer = catalog.records["archive/foot-paul"]
    profile = dataclasses.replace(writer.author_profile, biography="A journalist. Nothing else changed.")
    catalog.put(writer.replace(author_profile=profile))
    report = build_site(catalog, tmp_path / "s")
    assert report.written == ["archive/foot-paul/index.htm"] and not report.search_rebuilt


def test_a_missing_index_file_is_rebuilt_not_carried_over(tmp_path: Path, catalog: FakeCatalog) -> None:
    build_site(catalog, tmp_path / "s")
    (tmp_path / "s/pagefind/pagefind-ui.js").unlink()
    report = build_site(catalog, tmp_path / "s")
    assert report.search_rebuilt and (tmp_path / "s/pagefind/pagefind-ui.js").is_file()


def test_without_search_there_is_no_page_link_or_index(tmp_path: Path, catalog: FakeCatalog) -> None:
    report = build_site(catalog, tmp_path / "s", options=Options(search=False))
    out = tmp_path / "s"
    assert not (out / "search.html").exists() and not (out / "pagefind").exists()
    assert report.search_pages == 0 and "search" not in json.loads((out / MANIFEST).read_text())
    assert "search.html" not in (out / "index.html").read_text()
    assert not tree(out, WILSON).css("[data-pagefind-body], meta[data-pagefind-filter]")


def test_a_site_with_no_documents_offers_no_search(tmp_path: Path) -> None:
    writers_only = [r for r in records() if r.page_type == "author-index"]
    report = build_site(FakeCatalog(writers_only), tmp_path / "s")
    assert report.search_pages == 0 and not (tmp_path / "s/search.html").exists()


def test_missing_indexer_fails_the_build_and_keeps_the_old_site(
    tmp_path: Path, catalog: FakeCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(catalog, tmp_path / "s", options=Options(search=False))
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))

    def nowhere():
        raise SearchIndexError("the search index needs Pagefind, which is not installed")

    monkeypatch.setattr(search_index, "executable", nowhere)
    with pytest.raises(SearchIndexError, match="needs Pagefind"):
        build_site(catalog, tmp_path / "s")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before


def test_indexer_failure_is_one_clear_error(
    tmp_path: Path, catalog: FakeCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(search_index, "executable", lambda: fake)
    with pytest.raises(SearchIndexError, match="Pagefind could not index the site: Error: the disk is full"):
        build_site(catalog, tmp_path / "s")
    assert not (tmp_path / "s").exists()
    assert issubclass(SearchIndexError, ScriptoriumError)  # the command prints one line, no traceback


def test_an_indexer_killed_for_memory_says_what_it_needed(
    tmp_path: Path, catalog: FakeCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind holds what it indexes in memory: a build where it may not fit warns, and a Pagefind
    stopped by the kernel fails with the estimate and the way out, leaving no site behind."""
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\nkill -9 $$\n")
    fake.chmod(0o755)
    monkeypatch.setattr(search_index, "executable", lambda: fake)
    monkeypatch.setattr(search_index, "_available_memory", lambda: 1000)
    with pytest.raises(SearchIndexError) as failure:
        build_site(catalog, tmp_path / "s")
    message = failure.value.one_line()
    assert "Pagefind was stopped by signal 9" in message and "build with --no-search" in message
    assert "GiB of memory" in message and "\n" not in message
    assert not (tmp_path / "s").exists()


def test_a_machine_with_room_gets_no_memory_warning(tmp_path: Path, catalog: FakeCatalog) -> None:
    report = build_site(catalog, tmp_path / "s")
    assert report.search_rebuilt and not [w for w in report.warnings if "memory" in w]
    pages = {WILSON: "h"}
    needed = (tmp_path / "s" / WILSON).stat().st_size * search_index.PAGEFIND_BYTES_PER_BYTE
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "_available_memory", lambda: needed - 1)
        assert "may need about" in search_index.memory_warning(tmp_path / "s", pages)
        patch.setattr(search_index, "_available_memory", lambda: needed)
        assert search_index.memory_warning(tmp_path / "s", pages) is None


def test_cli_builds_with_and_without_search(tmp_path: Path) -> None:
    url = str(tmp_path / "c.sqlite")
    catalog = open_catalog(url)
    try:
        with catalog.batch() as batch:
            for record in records():
                batch.put(record, content_hash=record_hash(record), origin="fixture")
    finally:
        catalog.close()
    runner = CliRunner()
    with_search = runner.invoke(build, ["--out", str(tmp_path / "a"), "--catalog", url, "-q"])
    assert with_search.exit_code == 0, with_search.output
    assert "search index rebuilt (9 pages)" in with_search.output
    assert (tmp_path / "a/search.html").is_file()
    without = runner.invoke(build, ["--out", str(tmp_path / "b"), "--catalog", url, "--no-search", "-q"])
    assert without.exit_code == 0, without.output
    assert "search index" not in without.output and not (tmp_path / "b/search.html").exists()
