"""The import pipeline: walking, unchanged detection, updates, bad files, strict mode, parallelism."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from import_trees import (
    BACKENDS,
    fresh_catalog_url,
    snapshot,
    write_bad_pages,
    write_other_formats,
    write_tree,
)
from scriptorium import config, pipeline
from scriptorium.catalog import open_catalog
from scriptorium.errors import ConfigError, InputError, TooLargeError
from scriptorium.importers import MAX_PAGE_BYTES


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write_tree(root, 12)
    (root / "MANIFEST.tsv").write_text("path\tsha\n")
    (root / "cover.gif").write_bytes(b"GIF89a")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.htm").write_text("not walked")
    return root


@pytest.fixture
def url(tmp_path: Path) -> str:
    return str(tmp_path / "catalog.sqlite")


@pytest.fixture(params=BACKENDS)
def any_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_catalog_url(request.param, tmp_path) as url:
        yield url


# -- walking -------------------------------------------------------------------------------


def test_collect_gives_site_paths_relative_to_each_tree(tree: Path, tmp_path: Path) -> None:
    outside = tmp_path / "loose.htm"
    outside.write_text("<p>one</p>")
    inside = next((tree / "archive" / "cliff").rglob("*.htm"))
    note = tmp_path / "notes.tsv"
    note.write_text("x")
    (tree / "README.md").write_text("# About this mirror\n")
    (tree / "archive" / "README.md").write_text("---\ntitle: Inside the tree\n---\n")
    pages, not_pages, ignored = pipeline.collect([tree, inside, outside, note])
    by_file = {Path(p.file).resolve(): p for p in pages}
    assert len(pages) == 14  # 12 + archive/README.md in the tree (the file named again counts once) + loose
    assert by_file[(tree / "archive" / "README.md").resolve()].format == "markdown"
    assert by_file[inside.resolve()].site_path == inside.relative_to(tree).as_posix()
    assert by_file[inside.resolve()].site_path.startswith("archive/cliff/")
    assert by_file[outside.resolve()].site_path is None
    assert ignored == 3  # MANIFEST.tsv, cover.gif and the tree's README.md; .git is not looked at
    assert [path for path, _ in not_pages] == [str(note)]
    assert "not a page" in not_pages[0][1]


def test_collect_refuses_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        pipeline.collect([tmp_path / "nowhere"])
    assert info.value.one_line() == f"{tmp_path / 'nowhere'}: no such file or directory"


# -- importing -----------------------------------------------------------------------------


def test_import_then_reimport_reports_everything_unchanged_without_parsing(
    tree: Path, any_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = pipeline.import_paths([tree], any_url, jobs=1, strict=False)
    assert (first.files, first.imported, first.unchanged, first.updated, first.skipped) == (12, 12, 0, 0, [])
    assert first.ignored == 2 and first.committed

    def must_not_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged page was parsed")

    monkeypatch.setattr(pipeline, "parse", must_not_parse)
    second = pipeline.import_paths([tree], any_url, jobs=1, strict=False)
    assert (second.files, second.imported, second.unchanged, second.updated) == (12, 0, 12, 0)
    assert second.skipped == []


def test_text_and_markdown_pages_are_imported_by_their_own_importers(tmp_path: Path, url: str) -> None:
    root = tmp_path / "site"
    pages = write_other_formats(root)
    summary = pipeline.import_paths([root], url, jobs=1, strict=False)
    assert (summary.imported, summary.skipped) == (2, [])
    catalog = open_catalog(url)
    try:
        formats = {r.path: r.format for r in catalog.iter_records()}
    finally:
        catalog.close()
    assert formats == {
        pages["text"].relative_to(root).as_posix(): "text",
        pages["markdown"].relative_to(root).as_posix(): "markdown",
    }


def test_changed_page_is_updated_and_keeps_its_revision(tree: Path, any_url: str) -> None:
    pipeline.import_paths([tree], any_url, jobs=1, strict=False)
    page = sorted(tree.rglob("*.htm"))[3]
    page.write_bytes(page.read_bytes().replace(b"<p>", b"<p>Added in a later edition. ", 1))
    summary = pipeline.import_paths([tree], any_url, jobs=1, strict=False)
    assert (summary.imported, summary.updated, summary.unchanged) == (0, 1, 11)
    record_id = page.relative_to(tree).with_suffix("").as_posix()
    catalog = open_catalog(any_url)
    try:
        revisions = catalog.revisions(record_id)
        assert [r.number for r in revisions] == [1, 2]
        assert "Added in a later edition." not in revisions[0].record.text
        assert "Added in a later edition." in catalog.get(record_id).text
    finally:
        catalog.close()


def test_importer_change_reimports(tree: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    monkeypatch.setattr(pipeline, "importer_fingerprint", lambda: b"a newer importer")
    calls = []
    real_parse = pipeline.parse
    monkeypatch.setattr(pipeline, "parse", lambda *a, **k: calls.append(a[1]) or real_parse(*a, **k))
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    assert len(calls) == 12


def test_bad_files_are_skipped_with_a_reason_and_the_rest_imported(tree: Path, url: str) -> None:
    bad = write_bad_pages(tree / "bad")
    big = tree / "bad" / "huge.htm"
    big.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    summary = pipeline.import_paths([tree], url, jobs=1, strict=False, max_page_bytes=4096)
    reasons = dict(summary.skipped)
    assert summary.imported == 12 and summary.files == 12 + len(bad) + 1
    assert set(reasons) == {str(p) for p in [*bad.values(), big]}
    assert reasons[str(bad["empty"])] == "file is empty"
    assert "binary" in reasons[str(bad["binary"])]
    assert "limit" in reasons[str(big)]
    for reason in reasons.values():
        assert reason and "\n" not in reason and "Traceback" not in reason
    assert summary.committed


def test_strict_mode_reports_everything_and_writes_nothing(tree: Path, any_url: str) -> None:
    write_bad_pages(tree / "bad")
    summary = pipeline.import_paths([tree], any_url, jobs=1, strict=True)
    assert summary.failed and not summary.committed
    assert summary.imported == 12 and len(summary.skipped) == 4  # still reported in full
    assert snapshot(any_url)["stats"]["documents"] == 0
    clean = pipeline.import_paths([tree / "archive"], any_url, jobs=1, strict=True)
    if clean.warnings:  # the importer may flag something in these pages; then strict must refuse
        assert clean.failed and not clean.committed
    else:
        assert not clean.failed and clean.committed and clean.imported == 12


def test_parallel_import_gives_the_same_catalog_as_serial(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_tree(root, pipeline.SMALL_BATCH * 3)
    serial, parallel = str(tmp_path / "serial.sqlite"), str(tmp_path / "parallel.sqlite")
    one = pipeline.import_paths([root], serial, jobs=1, strict=False)
    two = pipeline.import_paths([root], parallel, jobs=2, strict=False)
    assert one.to_dict() | {"seconds": 0, "pages_per_second": 0} == two.to_dict() | {
        "seconds": 0,
        "pages_per_second": 0,
    }
    assert snapshot(serial) == snapshot(parallel)


def test_two_files_with_one_id_keep_the_first(tmp_path: Path, url: str) -> None:
    root = tmp_path / "site"
    [page] = write_tree(root, 1)
    twin = page.with_suffix(".html")
    twin.write_bytes(page.read_bytes().replace(b"<p>", b"<p>Another copy. ", 1))
    summary = pipeline.import_paths([root], url, jobs=1, strict=False)
    assert summary.imported == 1
    [(path, reason)] = summary.skipped
    assert path == str(twin) and str(page) in reason and "same id" in reason
    again = pipeline.import_paths([root], url, jobs=1, strict=False)
    assert (again.imported, again.updated, again.unchanged, len(again.skipped)) == (0, 0, 1, 1)


@pytest.mark.parametrize("jobs", [1, 2])
def test_interrupted_import_leaves_the_catalog_as_it_was(tmp_path: Path, any_url: str, jobs: int) -> None:
    root = tmp_path / "site"
    write_tree(root, pipeline.SMALL_BATCH * 2)
    pipeline.import_paths([next(root.rglob("*.htm"))], any_url, jobs=1, strict=False)
    before = snapshot(any_url)

    def interrupt(done: int, total: int) -> None:
        if done >= total // 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pipeline.import_paths([root], any_url, jobs=jobs, strict=False, progress=interrupt)
    assert snapshot(any_url) == before


def test_progress_is_reported_up_to_the_total(tree: Path, url: str) -> None:
    seen: list[tuple[int, int]] = []
    pipeline.import_paths([tree], url, jobs=1, strict=False, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 12) and seen[-1] == (12, 12)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_summary_shapes(tree: Path, url: str) -> None:
    write_bad_pages(tree / "bad")
    summary = pipeline.import_paths([tree], url, jobs=1, strict=False)
    data = summary.to_dict()
    assert {"files", "imported", "unchanged", "updated", "skipped", "warnings"} <= set(data)
    assert data["files"] == data["imported"] + data["unchanged"] + data["updated"] + len(data["skipped"])
    assert all(set(entry) == {"path", "reason"} for entry in data["skipped"])
    line = summary.describe()
    assert "\n" not in line and "imported 12" in line and "skipped 4" in line


def test_parse_file_names_the_file_in_every_error(tmp_path: Path) -> None:
    big = tmp_path / "big.htm"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(TooLargeError) as info:
        pipeline.parse_file(big, site_path="archive/x/big.htm")
    assert info.value.path == str(big)
    with pytest.raises(InputError) as missing:
        pipeline.parse_file(tmp_path / "absent.htm")
    assert missing.value.one_line().startswith(f"{tmp_path / 'absent.htm'}: cannot read")


# -- settings ------------------------------------------------------------------------------


def test_settings_come_from_flag_then_env_then_default() -> None:
    env = {"SCRIPTORIUM_CATALOG": "/data/archive.sqlite", "SCRIPTORIUM_JOBS": "3"}
    assert config.get("catalog", environ={}) == "scriptorium.sqlite"
    assert config.get("catalog", environ=env) == "/data/archive.sqlite"
    assert config.get("catalog", "other.sqlite", environ=env) == "other.sqlite"
    assert config.get("jobs", environ=env) == 3
    assert config.get("jobs", "2", environ=env) == 2
    assert config.get("jobs", environ={}) >= 1


def test_bad_setting_values_name_their_origin() -> None:
    with pytest.raises(ConfigError) as info:
        config.get("jobs", environ={"SCRIPTORIUM_JOBS": "many"})
    assert info.value.one_line().startswith("SCRIPTORIUM_JOBS: expected a whole number")
    with pytest.raises(ConfigError) as flag:
        config.get("max_page_bytes", "0")
    assert flag.value.one_line().startswith("--max-page-bytes:")
    with pytest.raises(ConfigError):
        pipeline.import_paths([], "unused.sqlite", jobs=0)


def test_page_size_default_matches_the_importers_limit() -> None:
    assert config.get("max_page_bytes", environ={}) == MAX_PAGE_BYTES


def test_settings_table_lists_every_setting() -> None:
    table = config.markdown_table()
    for s in config.SETTINGS.values():
        assert f"`{s.env}`" in table and f"`{s.flag}`" in table


def test_a_dying_worker_fails_the_run_cleanly(
    tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "site"
    files = write_tree(root, pipeline.SMALL_BATCH * 2)
    doomed = files[70].relative_to(root).as_posix()
    real_parse = pipeline.parse

    def crash_on_one(data: bytes, path: str | None = None, format: str = "auto"):
        if path == doomed:
            os._exit(70)  # what a segfault in a parser library looks like from outside
        return real_parse(data, path, format)

    monkeypatch.setattr(pipeline, "parse", crash_on_one)  # workers are forked, so they see it too
    with pytest.raises(pipeline.WorkerCrashError) as info:
        pipeline.import_paths([root], url, jobs=2, strict=False)
    assert "--jobs 1" in info.value.one_line()
    assert snapshot(url)["stats"]["documents"] == 0


def test_json_summary_lists_warned_pages(tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "site"
    write_tree(root, 3)
    real_parse = pipeline.parse

    def flag_one(data: bytes, path: str | None = None, format: str = "auto"):
        record = real_parse(data, path, format)
        return record.replace(warnings=("date unclear",)) if path and path.endswith("00001.htm") else record

    monkeypatch.setattr(pipeline, "parse", flag_one)
    data = pipeline.import_paths([root], url, jobs=1, strict=False).to_dict()
    [entry] = [w for w in data["warned"] if "date unclear" in w["warnings"]]
    assert entry["path"].endswith("00001.htm") and data["warnings"] >= 1


# -- the file-state cache ------------------------------------------------------------------


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat pages written before a run as settled: with no racy window, every page hashed is remembered."""
    monkeypatch.setattr(pipeline, "RACY_NS", 0)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file the pipeline reads, in order (in-process runs only)."""
    seen: list[str] = []
    real_read = pipeline.read_page

    def counting(file, max_bytes):
        seen.append(str(file))
        return real_read(file, max_bytes)

    monkeypatch.setattr(pipeline, "read_page", counting)
    return seen


def _pages(tree: Path) -> list[Path]:
    return sorted((tree / "archive").rglob("*.htm"))


def _file_states(url: str) -> dict:
    with open_catalog(url) as catalog:
        return catalog.file_states()


def test_reimport_with_nothing_changed_reads_no_file(
    tree: Path, any_url: str, settled: None, reads: list[str]
) -> None:
    first = pipeline.import_paths([tree], any_url, jobs=1, strict=False)
    assert first.imported == 12 and len(reads) == 12
    states = _file_states(any_url)
    pages = _pages(tree)
    assert sorted(states) == sorted(str(p.resolve()) for p in pages)
    assert {s.content_hash for s in states.values()} == set(snapshot(any_url)["hashes"].values())
    reads.clear()
    second = pipeline.import_paths([tree], any_url, jobs=1, strict=False)
    assert reads == []
    assert (second.unchanged, second.imported, second.updated, second.skipped) == (12, 0, 0, [])
    assert second.committed


def test_pages_modified_just_before_the_run_are_not_remembered(
    tree: Path, url: str, reads: list[str]
) -> None:
    """The racy rule: a page modified within two seconds of being looked at is hashed again next time."""
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    assert _file_states(url) == {}
    reads.clear()
    again = pipeline.import_paths([tree], url, jobs=1, strict=False)
    assert again.unchanged == 12 and len(reads) == 12
    assert _file_states(url) == {}


def test_a_settled_page_is_remembered_by_a_run_with_nothing_to_parse(
    tree: Path, url: str, monkeypatch: pytest.MonkeyPatch, reads: list[str]
) -> None:
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    with open_catalog(url) as catalog:
        changes = catalog.changes_since(0)
    monkeypatch.setattr(pipeline, "RACY_NS", 0)  # as if the run came minutes later
    summary = pipeline.import_paths([tree], url, jobs=1, strict=False)
    assert summary.unchanged == 12 and summary.committed
    assert len(_file_states(url)) == 12
    with open_catalog(url) as catalog:
        assert catalog.changes_since(0) == changes  # remembering states is not a change of content
    reads.clear()
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    assert reads == []


def test_a_same_size_edit_with_its_mtime_put_back_is_still_seen(
    tree: Path, any_url: str, settled: None, reads: list[str]
) -> None:
    """The edit keeps size, inode and mtime (os.utime); only the ctime, which no user can set, tells."""
    pipeline.import_paths([tree], any_url, jobs=1, strict=False)
    page = _pages(tree)[5]
    before = os.stat(page)
    data = page.read_bytes()
    edited = data.replace(b"<p>", b"<q>", 1).replace(b"</p>", b"</q>", 1)
    assert len(edited) == len(data) and edited != data
    time.sleep(0.02)  # past the file system's timestamp tick
    with page.open("r+b") as fh:  # in place: same inode
        fh.write(edited)
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(page)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert after.st_ctime_ns != before.st_ctime_ns
    reads.clear()
    summary = pipeline.import_paths([tree], any_url, jobs=1, strict=False)
    assert (summary.updated, summary.unchanged) == (1, 11)
    assert set(reads) == {str(page)}  # read to hash it, then to parse it
    state = _file_states(any_url)[str(page.resolve())]
    assert state.ctime_ns == after.st_ctime_ns


def test_an_importer_change_invalidates_remembered_states(
    tree: Path, url: str, settled: None, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    old_keys = {s.key for s in _file_states(url).values()}
    monkeypatch.setattr(pipeline, "importer_fingerprint", lambda: b"a newer importer")
    reads.clear()
    summary = pipeline.import_paths([tree], url, jobs=1, strict=False)
    assert summary.updated == 12
    assert sorted(set(reads)) == sorted(str(p) for p in _pages(tree))
    states = _file_states(url)
    assert len(states) == 12 and not {s.key for s in states.values()} & old_keys
    reads.clear()
    assert pipeline.import_paths([tree], url, jobs=1, strict=False).unchanged == 12
    assert reads == []


def test_rehash_reads_every_page(tree: Path, url: str, settled: None, reads: list[str]) -> None:
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    states = _file_states(url)
    reads.clear()
    summary = pipeline.import_paths([tree], url, jobs=1, strict=False, rehash=True)
    assert summary.unchanged == 12 and len(reads) == 12
    assert _file_states(url) == states


def test_strict_failure_and_interruption_remember_nothing(
    tree: Path, any_url: str, settled: None, tmp_path: Path
) -> None:
    write_bad_pages(tree / "bad")
    summary = pipeline.import_paths([tree], any_url, jobs=1, strict=True)
    assert summary.failed and _file_states(any_url) == {}
    note = tmp_path / "notes.tsv"  # named directly and not a page: strict mode fails with nothing to parse
    note.write_text("x")
    pipeline.import_paths([tree / "archive"], any_url, jobs=1, strict=False)
    with open_catalog(any_url) as catalog, catalog.batch() as batch:
        batch.record_files([])  # an empty call writes nothing
    with open_catalog(any_url) as catalog:
        catalog.driver.execute("DELETE FROM file_states")
    again = pipeline.import_paths([tree / "archive", note], any_url, jobs=1, strict=True)
    assert again.failed and again.unchanged == 12 and _file_states(any_url) == {}

    def interrupt(done: int, total: int) -> None:
        if done >= 13:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pipeline.import_paths([tree], any_url, jobs=1, strict=False, progress=interrupt)
    assert _file_states(any_url) == {}


# -- the folder cache ----------------------------------------------------------------------


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every folder the walk lists (reads with ``os.scandir``), in order."""
    seen: list[str] = []
    real = pipeline._list_folder

    def counting(folder: str):
        seen.append(folder)
        return real(folder)

    monkeypatch.setattr(pipeline, "_list_folder", counting)
    return seen


def _folder_states(url: str) -> dict:
    with open_catalog(url) as catalog:
        return catalog.folder_states()


def _tick() -> None:
    """Let the file system's clock move on, so that the next change gives a folder a new mtime."""
    time.sleep(0.03)


def _walks(url: str, *roots: Path) -> tuple[list, list]:
    """The pages found through the catalog's folder cache and by listing every folder."""
    with open_catalog(url) as catalog:
        folders = pipeline._Folders(catalog.folder_states(), time.time_ns())
    cached = pipeline.collect(list(roots), folders)[0]
    return cached, pipeline.collect(list(roots))[0]


def test_a_settled_tree_is_walked_again_without_listing_a_folder(
    tree: Path, any_url: str, settled: None, listed: list[str]
) -> None:
    first = pipeline.import_paths([tree], any_url, jobs=1, strict=False)
    folders = sorted({Path(p.file).parent for p in pipeline.collect([tree])[0]} | {tree})
    assert len(listed) >= len(folders)
    states = _folder_states(any_url)
    assert set(states) >= {f"{f.resolve().as_posix()}/" for f in folders}
    top = states[f"{tree.resolve().as_posix()}/"]
    assert top.files == ("MANIFEST.tsv", "cover.gif") and ".git" not in top.folders
    listed.clear()
    second = pipeline.import_paths([tree], any_url, jobs=1, strict=False)
    assert listed == []
    assert (second.unchanged, second.ignored, second.files) == (12, first.ignored, first.files)


def test_walks_through_the_cache_find_what_listing_finds_as_the_tree_changes(
    tree: Path, any_url: str, settled: None
) -> None:
    archive = tree / "archive"
    page = next(archive.rglob("*.htm"))
    steps = [
        lambda: (page.parent / "added.htm").write_bytes(page.read_bytes().replace(b"<p>", b"<p>Added. ", 1)),
        lambda: (page.parent / "added.htm").unlink(),
        lambda: (archive / "new" / "deep").mkdir(parents=True),
        lambda: (archive / "new" / "deep" / "page.htm").write_bytes(page.read_bytes()),
        lambda: (archive / "new").rename(archive / "renamed"),
        lambda: (archive / "renamed" / ".hidden.htm").write_text("<p>hidden</p>"),
        lambda: (archive / "renamed" / "deep" / "page.htm").rename(archive / "renamed" / "moved.htm"),
        lambda: (archive / "renamed" / "deep").rmdir(),
        lambda: (archive / "renamed" / "folder.htm").mkdir(),  # a folder named like a page
        lambda: (archive / "renamed" / "folder.htm").rmdir(),
    ]
    pipeline.import_paths([tree], any_url, jobs=1, strict=False)
    for number, step in enumerate(steps):
        _tick()
        step()
        _tick()
        cached, listed = _walks(any_url, tree)
        assert cached == listed, f"after step {number}"
        summary = pipeline.import_paths([tree], any_url, jobs=1, strict=False)
        assert summary.files == len(listed) and summary.committed
    assert f"{(archive / 'new').resolve().as_posix()}/" not in _folder_states(any_url)


def test_a_removed_folder_is_forgotten_with_everything_under_it(tree: Path, url: str, settled: None) -> None:
    extra = tree / "archive" / "extra"
    (extra / "a" / "b").mkdir(parents=True)
    (extra / "a" / "b" / "page.htm").write_bytes(next(tree.rglob("*.htm")).read_bytes())
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    key = f"{extra.resolve().as_posix()}/"
    assert {key, f"{key}a/", f"{key}a/b/"} <= set(_folder_states(url))
    _tick()
    (extra / "a" / "b" / "page.htm").unlink()
    for folder in (extra / "a" / "b", extra / "a", extra):
        folder.rmdir()
    _tick()
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    assert not {k for k in _folder_states(url) if k.startswith(key)}
    assert f"{tree.resolve().as_posix()}/archive/" in _folder_states(url)


def test_a_folder_changed_just_before_the_run_is_not_remembered(
    tree: Path, url: str, listed: list[str]
) -> None:
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    assert _folder_states(url) == {}
    listed.clear()
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    assert len(listed) > 1


def test_folders_with_symbolic_links_are_always_listed(
    tree: Path, tmp_path: Path, url: str, settled: None
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.htm").write_bytes(next(tree.rglob("*.htm")).read_bytes())
    (tree / "archive" / "linked").symlink_to(elsewhere)
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    states = _folder_states(url)
    assert f"{(tree / 'archive').resolve().as_posix()}/" not in states
    assert f"{tree.resolve().as_posix()}/" in states
    _tick()
    (elsewhere / "second.htm").write_bytes(
        (elsewhere / "linked.htm").read_bytes().replace(b"<p>", b"<p>2 ", 1)
    )
    cached, listed = _walks(url, tree)
    assert cached == listed and any(p.file.endswith("linked/second.htm") for p in cached)


def test_rehash_lists_every_folder(tree: Path, url: str, settled: None, listed: list[str]) -> None:
    pipeline.import_paths([tree], url, jobs=1, strict=False)
    states = _folder_states(url)
    listed.clear()
    pipeline.import_paths([tree], url, jobs=1, strict=False, rehash=True)
    assert len(listed) == len(states)
    assert _folder_states(url) == states
