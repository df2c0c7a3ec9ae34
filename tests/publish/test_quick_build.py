"""Quick builds (in place, from the saved state) give exactly the site a full build gives."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from fixture import FakeCatalog, records

from scriptorium.model import Credit, LastUpdated, Record
from scriptorium.publish import Options, build_site, check_links, incremental, pages
from scriptorium.publish.site import MANIFEST

NO_SEARCH = Options(search=False)
LETTER = "archive/cliff/1979/05/letter"
WILSON = "archive/foot-paul/1995/06/wilson"
CHAPTER_2 = "archive/cliff/1975/lenin/ch2"
EDITORIAL = "history/etol/newspape/socrev/1995/no187/editorial"


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def edited(catalog: FakeCatalog, record_id: str, **changes) -> None:
    catalog.put(catalog.records[record_id].replace(**changes))


def body_plus(catalog: FakeCatalog, record_id: str, html: str) -> dict:
    return {"body_html": catalog.records[record_id].body_html + html}


def check_same_as_full(tmp_path: Path, catalog: FakeCatalog, quick_site: Path) -> None:
    full = tmp_path / "full"
    assert not build_site(catalog, full, options=NO_SEARCH, clean=True).quick
    assert tree(quick_site) == tree(full)


EDITS = {
    "body of a letter": lambda c: edited(c, LETTER, **body_plus(c, LETTER, "<p>Yours, T.</p>")),
    "title and last update of an article in an issue": lambda c: edited(
        c, WILSON, title="Harold and the trade unions", last_updated=LastUpdated("1 May 2021", "2021-05-01")
    ),
    "title of a chapter": lambda c: edited(c, CHAPTER_2, title="Chapter 2: The great split"),
    "date, kind and subtitle of an unsigned editorial": lambda c: edited(
        c, EDITORIAL, subtitle="An answer", kind="letter"
    ),
    "two documents at once": lambda c: (
        edited(c, LETTER, title="A letter, corrected"),
        edited(c, CHAPTER_2, **body_plus(c, CHAPTER_2, "<p>More.</p>")),
    ),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_quick_build_equals_full_build(tmp_path: Path, name: str, monkeypatch) -> None:
    catalog = FakeCatalog(records())
    site = tmp_path / "s"
    first = build_site(catalog, site, options=NO_SEARCH)
    assert not first.quick
    EDITS[name](catalog)
    reads = catalog.gets
    with monkeypatch.context() as patch:  # the manifest is edited, not written again from every file
        patch.setattr(incremental, "manifest_text", lambda *a: pytest.fail("manifest written whole"))
        report = build_site(catalog, site, options=NO_SEARCH)
    assert report.quick, "this edit leaves the site's structure alone: no full build needed"
    assert 0 < report.pages_written < first.pages_written
    assert catalog.gets - reads <= 4  # the changed records (and a chapter's neighbours), not the catalog
    if name == "body of a letter":
        assert report.written == ["archive/cliff/1979/05/letter.htm"] and report.files_written == 2
    check_same_as_full(tmp_path, catalog, site)
    again = build_site(catalog, site, options=NO_SEARCH)
    assert again.quick and again.files_written == 0


STRUCTURAL = {
    "a new author": lambda c: edited(c, LETTER, authors=("Tony Cliff", "Chris Harman")),
    "a new credit": lambda c: edited(
        c, LETTER, credits=(*c.records[LETTER].credits, Credit("proofreading", "A. Reader"))
    ),
    "a new anchor": lambda c: edited(c, CHAPTER_2, **body_plus(c, CHAPTER_2, '<h3 id="s9">After</h3>')),
    "a record removed": lambda c: c.records.pop(LETTER),
    "a record added": lambda c: c.put(
        Record(
            id="archive/cliff/1980/01/note",
            path="archive/cliff/1980/01/note.htm",
            title="A note",
            authors=("Tony Cliff",),
            body_html="<p>Short.</p>",
            text="Short.",
        )
    ),
}


@pytest.mark.parametrize("name", sorted(STRUCTURAL))
def test_structural_changes_take_the_full_build(tmp_path: Path, name: str) -> None:
    catalog = FakeCatalog(records())
    site = tmp_path / "s"
    build_site(catalog, site, options=NO_SEARCH)
    STRUCTURAL[name](catalog)
    report = build_site(catalog, site, options=NO_SEARCH)
    assert not report.quick
    check_same_as_full(tmp_path, catalog, site)
    assert build_site(catalog, site, options=NO_SEARCH).quick  # and the state is saved again


def test_nothing_changed_reads_no_record_and_writes_nothing(tmp_path: Path) -> None:
    catalog = FakeCatalog(records())
    site = tmp_path / "s"
    build_site(catalog, site, options=NO_SEARCH)
    before, reads = tree(site), catalog.gets
    iterations = []
    catalog.iter_records = lambda: iterations.append(1) or iter(())  # type: ignore[method-assign]
    report = build_site(catalog, site, options=NO_SEARCH)
    assert report.quick and report.files_written == 0 and not iterations and catalog.gets == reads
    assert tree(site) == before


def test_a_missing_page_it_looks_at_is_written_again(tmp_path: Path) -> None:
    catalog = FakeCatalog(records())
    site = tmp_path / "s"
    build_site(catalog, site, options=NO_SEARCH)
    (site / pages.MAIN).unlink()
    (site / "archive/cliff/1979/05/letter.htm").unlink()
    edited(catalog, LETTER, title="A letter with a new title")
    report = build_site(catalog, site, options=NO_SEARCH)
    assert report.quick and pages.MAIN in report.written
    check_same_as_full(tmp_path, catalog, site)


def test_a_state_from_another_build_is_not_used(tmp_path: Path) -> None:
    catalog = FakeCatalog(records())
    site = tmp_path / "s"
    build_site(catalog, site, options=NO_SEARCH)
    manifest = json.loads((site / MANIFEST).read_text())
    manifest["build"] = "0" * 32
    (site / MANIFEST).write_text(json.dumps(manifest))
    edited(catalog, LETTER, **body_plus(catalog, LETTER, "<p>P.S.</p>"))
    assert not build_site(catalog, site, options=NO_SEARCH).quick


def test_other_options_or_a_broken_state_take_the_full_build(tmp_path: Path) -> None:
    catalog = FakeCatalog(records())
    site = tmp_path / "s"
    build_site(catalog, site, options=NO_SEARCH)
    assert not build_site(catalog, site, options=Options(search=False, site_title="Another")).quick
    incremental.state_path(site).write_bytes(b"not a state")
    report = build_site(catalog, site, options=Options(search=False, site_title="Another"))
    assert not report.quick and report.files_written == 0


def test_a_failed_quick_build_leaves_the_site_and_its_state(tmp_path: Path, monkeypatch) -> None:
    catalog = FakeCatalog(records())
    site = tmp_path / "s"
    build_site(catalog, site, options=NO_SEARCH)
    before, state_before = tree(site), incremental.state_path(site).read_bytes()
    edited(catalog, LETTER, title="A new title")

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("scriptorium.publish.pages.document_page", explode)
    with pytest.raises(RuntimeError, match="disk on fire"):
        build_site(catalog, site, options=NO_SEARCH)
    assert tree(site) == before
    assert incremental.state_path(site).read_bytes() == state_before
    assert sorted(os.listdir(tmp_path)) == [".s.lock", ".s.state", "s"]


def test_a_commit_cut_short_is_finished_by_the_next_build(tmp_path: Path, monkeypatch) -> None:
    catalog = FakeCatalog(records())
    site = tmp_path / "s"
    build_site(catalog, site, options=NO_SEARCH)
    edited(catalog, WILSON, title="Harold and the trade unions")
    real_replace, real_rmtree = os.replace, shutil.rmtree
    moves = []

    def die_after_two(src, dst):
        if len(moves) == 2:
            raise KeyboardInterrupt
        moves.append(dst)
        real_replace(src, dst)

    # A process killed in the middle of its moves: two files moved, no clean-up run.
    monkeypatch.setattr(incremental.os, "replace", die_after_two)
    monkeypatch.setattr(shutil, "rmtree", lambda *a, **k: None)
    with pytest.raises(KeyboardInterrupt):
        build_site(catalog, site, options=NO_SEARCH)
    monkeypatch.setattr(incremental.os, "replace", real_replace)
    monkeypatch.setattr(shutil, "rmtree", real_rmtree)
    staged = [p for p in tmp_path.iterdir() if p.name.startswith(".s.building-")]
    assert len(staged) == 1 and (staged[0] / incremental.JOURNAL).is_file()

    report = build_site(catalog, site, options=NO_SEARCH)  # finishes the moves, then finds nothing to do
    assert report.files_written == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".s.building-")]
    check_same_as_full(tmp_path, catalog, site)
    assert check_links(site).broken == []


def test_quick_builds_in_a_row_keep_the_state_right(tmp_path: Path) -> None:
    catalog = FakeCatalog(records())
    site = tmp_path / "s"
    build_site(catalog, site, options=NO_SEARCH)
    for n in range(5):
        record_id = (LETTER, WILSON, CHAPTER_2)[n % 3]
        edited(
            catalog,
            record_id,
            title=f"Title number {n}",
            last_updated=LastUpdated(f"{n + 1} May 2021", f"2021-05-0{n + 1}"),
        )
        assert build_site(catalog, site, options=NO_SEARCH).quick
        check_same_as_full(tmp_path, catalog, site)
