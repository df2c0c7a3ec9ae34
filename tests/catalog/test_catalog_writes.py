"""Writing: round trips, idempotence, revisions, rollback, deletion (on both backends)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scriptorium.catalog import FileState, FolderState, PutOutcome
from scriptorium.catalog.rows import load_record, record_json
from scriptorium.errors import CatalogError, NotFoundError
from scriptorium.model import Credit, Record

from .records import digest, document, put_all, records

IMPORTED, UNCHANGED, UPDATED = PutOutcome.IMPORTED, PutOutcome.UNCHANGED, PutOutcome.UPDATED


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records)
def test_record_round_trips_through_the_catalog(catalog, record: Record) -> None:
    put_all(catalog, record)
    assert catalog.get(record.id) == record
    assert catalog.get(record.id).to_json() == record.to_json()
    assert catalog.content_hashes()[record.id] == digest(record)


def test_unicode_and_extra_keys_survive(catalog) -> None:
    record = document("writers/høgsbjerg/1999/01/ŝ", "Čapek’s “quotes” — 日本語 🙂\u00a0").replace(
        extra={"nested": {"list": [1, 2.5, None, True, "ü"], "big": 2**80}, "weight": -0.0},
        placed_by={"title": "selectors"},
        text="a\x00b",
    )
    put_all(catalog, record)
    assert catalog.get(record.id) == record
    assert catalog.get(record.id).extra["nested"]["big"] == 2**80


@given(
    numbers=st.lists(
        st.integers(min_value=-(2**70), max_value=2**70)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.sampled_from([2**63 - 1, -(2**63), 2**64 - 1, 2**64, -(2**63) - 1, 10**18, 10**19]),
        max_size=6,
    ),
    words=st.text(max_size=30),
)
def test_stored_json_reads_back_exactly_whatever_its_numbers(numbers: list, words: str) -> None:
    """orjson reads most records; an integer beyond 64 bits must still come back exact, never a float."""
    extra = {"numbers": numbers, "words": words, "isbn": "9780902818" * 2}
    record = document("a/numbers").replace(extra=extra)
    stored = record_json(record)
    for text in (stored, stored.decode()):
        back = load_record(text)
        assert back == record
        assert [type(n) for n in back.extra["numbers"]] == [type(n) for n in numbers]


def test_outcomes_imported_unchanged_updated(catalog) -> None:
    first = document("a/one", "First")
    assert put_all(catalog, first) == [IMPORTED]
    before = catalog.dump(exclude_timestamps=False)
    assert put_all(catalog, first) == [UNCHANGED]
    assert catalog.dump(exclude_timestamps=False) == before  # nothing written at all, not even a timestamp
    changed = first.replace(title="First, corrected")
    assert put_all(catalog, changed) == [UPDATED]
    assert catalog.get("a/one") == changed
    assert put_all(catalog, changed) == [UNCHANGED]


def test_outcome_follows_the_hash_given(catalog) -> None:
    record = document("a/one")
    with catalog.batch() as batch:
        assert batch.put(record, content_hash="h1") is IMPORTED
    with catalog.batch() as batch:
        # The same record under a new hash is a new revision: the hash is the caller's identity.
        assert batch.put(record, content_hash="h2") is UPDATED
        assert batch.put(record, content_hash="h2") is UNCHANGED
    assert [r.content_hash for r in catalog.revisions("a/one")] == ["h1", "h2"]


def test_every_revision_is_kept(catalog) -> None:
    versions = [document("a/one", f"Title {n}") for n in range(3)]
    for n, version in enumerate(versions):
        with catalog.batch() as batch:
            batch.put(version, content_hash=digest(version), origin=f"file-{n}.htm")
    revisions = catalog.revisions("a/one")
    assert [r.number for r in revisions] == [1, 2, 3]
    assert [r.record for r in revisions] == versions
    assert [r.origin for r in revisions] == ["file-0.htm", "file-1.htm", "file-2.htm"]
    assert [r.content_hash for r in revisions] == [digest(v) for v in versions]
    assert all(r.created_at.endswith("Z") and r.created_at[:2] == "20" for r in revisions)
    assert catalog.stats().revisions == 3
    with pytest.raises(NotFoundError, match="no record with id 'a/none'"):
        catalog.revisions("a/none")


def test_same_id_twice_in_one_batch(catalog) -> None:
    one, two = document("a/one", "One"), document("a/one", "Two", authors=("Other Writer",))
    with catalog.batch() as batch:
        assert batch.put(one, content_hash=digest(one)) is IMPORTED
        assert batch.put(two, content_hash=digest(two)) is UPDATED
        assert batch.put(two, content_hash=digest(two)) is UNCHANGED
    assert catalog.get("a/one") == two
    assert [r.number for r in catalog.revisions("a/one")] == [1, 2]
    assert catalog.list_documents(author="Gareth Jenkins") == []
    assert catalog.stats().authors == 1


def test_exception_inside_a_batch_rolls_everything_back(catalog) -> None:
    kept = document("a/kept", "Kept")
    put_all(catalog, kept)
    before = catalog.dump(exclude_timestamps=False)
    with pytest.raises(RuntimeError, match="stop"), catalog.batch() as batch:
        for n in range(600):  # past one flush: some rows already reached the database
            record = document(f"a/new-{n}", authors=(f"Writer {n}",))
            batch.put(record, content_hash=digest(record))
        changed = kept.replace(title="Changed")
        assert batch.put(changed, content_hash=digest(changed)) is UPDATED
        assert batch.delete("a/new-1")
        raise RuntimeError("stop")
    assert catalog.dump(exclude_timestamps=False) == before
    assert catalog.get("a/kept") == kept
    # The catalog is usable afterwards, and the change log has no trace of the rolled-back batch.
    assert put_all(catalog, document("a/after")) == [IMPORTED]
    assert [c.record_id for c in catalog.changes_since(0)] == ["a/kept", "a/after"]


def test_batch_cannot_be_nested_or_reused(catalog) -> None:
    with catalog.batch() as batch, pytest.raises(CatalogError, match="already open"), catalog.batch():
        pass
    with pytest.raises(CatalogError, match="batch is closed"):
        batch.put(document("a/late"), content_hash="h")
    catalog.close()
    with pytest.raises(CatalogError, match="is closed"):
        catalog.get("a/one")


def test_put_checks_its_arguments(catalog) -> None:
    with catalog.batch() as batch:
        with pytest.raises(TypeError, match="takes a Record"):
            batch.put({"id": "x"}, content_hash="h")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="content hash"):
            batch.put(document("a/one"), content_hash="")


def test_delete_keeps_history_and_a_later_import_continues_it(catalog) -> None:
    one = document("a/one")
    put_all(catalog, one)
    with catalog.batch() as batch:
        assert batch.delete("a/one") is True
        assert batch.delete("a/one") is False
        assert batch.delete("a/never") is False
    with pytest.raises(NotFoundError):
        catalog.get("a/one")
    assert catalog.stats().documents == 0
    assert catalog.stats().authors == catalog.stats().periodicals == catalog.stats().sources == 0
    assert [r.number for r in catalog.revisions("a/one")] == [1]
    again = one.replace(title="Back again")
    assert put_all(catalog, again) == [IMPORTED]
    assert [(r.number, r.record.title) for r in catalog.revisions("a/one")] == [
        (1, "A title"),
        (2, "Back again"),
    ]
    assert [(c.record_id, c.action) for c in catalog.changes_since(0)] == [
        ("a/one", "put"),
        ("a/one", "delete"),
        ("a/one", "put"),
    ]


def test_same_puts_give_the_same_content(open_at, tmp_path) -> None:
    """Two runs of the same import differ only in timestamps."""
    from scriptorium.catalog import open_catalog

    batch_records = [
        document(f"a/{n}", authors=(f"W{n % 3}",), credits=(Credit("markup", "M"),)) for n in range(5)
    ]
    first = open_at()
    put_all(first, *batch_records)
    put_all(first, batch_records[0].replace(title="Changed"))
    with open_catalog(str(tmp_path / "second.sqlite")) as second:
        put_all(second, *batch_records)
        put_all(second, batch_records[0].replace(title="Changed"))
        assert first.dump() == second.dump()
        assert "created_at" not in first.dump()["records"][0]


def test_empty_strings_in_normalised_fields(catalog) -> None:
    record = document("a/empty", periodical="", issue="", copied_from="", authors=("",)).replace(
        credits=(Credit("other", ""),)
    )
    put_all(catalog, record)
    assert catalog.get("a/empty") == record
    stats = catalog.stats()
    assert (stats.sources, stats.periodicals, stats.issues, stats.authors, stats.people) == (0, 0, 0, 1, 1)
    put_all(catalog, record.replace(authors=(), credits=()))
    assert catalog.stats().authors == catalog.stats().people == 0


def test_sqlite_stores_the_json_as_text(tmp_path) -> None:
    from scriptorium.catalog import open_catalog

    with open_catalog(str(tmp_path / "c.sqlite")) as catalog:
        put_all(catalog, document("a/one", "Ünïcode ’quotes’"))
        assert catalog.driver.execute("SELECT typeof(record_json) FROM records") == [("text",)]
        (row,) = catalog.driver.execute("SELECT json_extract(record_json, '$.title') FROM records")
        assert row == ("Ünïcode ’quotes’",)


def test_large_batches_read_the_state_at_once(catalog, monkeypatch) -> None:
    """Past a few look-ups a batch may read every id's state in one query: outcomes stay the same."""
    monkeypatch.setattr(catalog.driver, "preload_after", 2)
    first = [document(f"a/{n}") for n in range(6)]
    assert put_all(catalog, *first) == [IMPORTED] * 6
    with catalog.batch() as batch:
        batch.delete("a/5")
    changed = first[0].replace(title="Changed")
    again = first[5].replace(title="Back")
    outcomes = put_all(catalog, *first[1:5], changed, again, document("a/new"), changed)
    assert outcomes == [UNCHANGED] * 4 + [UPDATED, IMPORTED, IMPORTED, UNCHANGED]
    assert [r.number for r in catalog.revisions("a/5")] == [1, 2]
    assert [r.number for r in catalog.revisions("a/0")] == [1, 2]


def test_one_writer_at_a_time_and_readers_are_not_blocked(open_at) -> None:
    import threading

    first, second, reader = open_at(), open_at(), open_at()
    put_all(first, document("a/base"))
    acquired = threading.Event()
    outcome: list[PutOutcome] = []

    def write_second() -> None:
        with second.batch() as batch:
            acquired.set()
            record = document("a/base", "Second writer")
            outcome.append(batch.put(record, content_hash=digest(record)))

    with first.batch() as batch:
        changed = document("a/base", "First writer")
        assert batch.put(changed, content_hash=digest(changed)) is UPDATED
        batch.flush()
        thread = threading.Thread(target=write_second)
        thread.start()
        assert not acquired.wait(0.5)  # the second writer waits for the first to commit
        assert reader.get("a/base").title == "A title"  # and readers still see the last commit
    thread.join(10)
    assert acquired.is_set() and outcome == [UPDATED]
    assert [r.record.title for r in first.revisions("a/base")] == ["A title", "First writer", "Second writer"]


def test_a_value_json_cannot_hold_is_a_clear_error(catalog) -> None:
    record = document("a/odd").replace(extra={"when": object()})
    with pytest.raises(CatalogError, match="record 'a/odd' cannot be stored"), catalog.batch() as batch:
        batch.put(record, content_hash="h")
    assert catalog.content_hashes() == {}


# -- the import's file-state cache ---------------------------------------------------------


def _state(file: str, content_hash: str = "sha256:aa", **changes) -> FileState:
    values = dict(
        file=file, key="k1", size=10, mtime_ns=1_600_000_000_123_456_789, ctime_ns=1_600_000_001_000_000_000
    )
    values |= dict(inode=2**63 - 1, content_hash=content_hash) | changes
    return FileState(**values)


def test_file_states_round_trip_and_upsert(catalog) -> None:
    assert catalog.file_states() == {}
    one, two = _state("/m/a.htm"), _state("/m/b.htm", "sha256:bb", inode=-5, size=2**40)
    with catalog.batch() as batch:
        batch.record_files([one, two])
    assert catalog.file_states() == {"/m/a.htm": one, "/m/b.htm": two}
    newer = _state("/m/a.htm", "sha256:cc", key="k2", size=11, mtime_ns=1, ctime_ns=2, inode=3)
    with catalog.batch() as batch:
        batch.record_files([newer])
    assert catalog.file_states() == {"/m/a.htm": newer, "/m/b.htm": two}
    assert catalog.changes_since(0) == []  # a cache write is not a change of content


def test_file_states_roll_back_with_their_batch_and_stay_out_of_dump(catalog) -> None:
    put_all(catalog, document("a/one"))
    before = catalog.dump(exclude_timestamps=False)
    with pytest.raises(RuntimeError, match="stop"), catalog.batch() as batch:
        batch.put(document("a/two"), content_hash="h2")
        batch.record_files([_state("/m/a.htm")])
        raise RuntimeError("stop")
    assert catalog.file_states() == {}
    with catalog.batch() as batch:
        batch.record_files([_state("/m/a.htm")])
    assert set(catalog.file_states()) == {"/m/a.htm"}
    assert "file_states" not in catalog.dump()
    assert catalog.dump(exclude_timestamps=False) == before
    with pytest.raises(CatalogError, match="batch is closed"):
        batch.record_files([_state("/m/b.htm")])


def _folder(folder: str, files=("a.htm", "b.htm"), folders=("sub",), **changes) -> FolderState:
    values = dict(folder=folder, mtime_ns=1_600_000_000_123_456_789, ctime_ns=1_600_000_001_000_000_000)
    values |= dict(inode=2**63 - 1, files=tuple(files), folders=tuple(folders)) | changes
    return FolderState(**values)


def test_folder_states_round_trip_upsert_and_forget(catalog) -> None:
    assert catalog.folder_states() == {}
    one = _folder("/m/")
    empty = _folder("/m/empty/", files=(), folders=(), inode=-7)
    odd = _folder("/m/sub/", files=("Ünïcode päge.htm", "x y.txt", "a\\b.md"), folders=("ä",))
    with catalog.batch() as batch:
        batch.record_folders([one, empty, odd])
    assert catalog.folder_states() == {"/m/": one, "/m/empty/": empty, "/m/sub/": odd}
    newer = _folder("/m/", files=("c.htm",), mtime_ns=5)
    with catalog.batch() as batch:
        batch.record_folders([newer])
        batch.forget_folders(["/m/empty/", "/m/never-seen/"])
    assert catalog.folder_states() == {"/m/": newer, "/m/sub/": odd}
    assert catalog.changes_since(0) == []
    assert "folder_states" not in catalog.dump()


def test_folder_states_refuse_names_that_cannot_be_kept(catalog) -> None:
    for bad in ("", "a/b", "nul\0"):
        with pytest.raises(ValueError, match="not a name"), catalog.batch() as batch:
            batch.record_folders([_folder("/m/", files=(bad,))])
    assert catalog.folder_states() == {}
