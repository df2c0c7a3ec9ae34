"""The catalog over SQL: one implementation, run by the SQLite and PostgreSQL drivers.

Writes are buffered per batch and sent with ``executemany`` (one prepared
statement per table) when the buffer fills or the batch ends, inside the one
transaction the batch holds. A put needs a single look-up round trip to learn
its outcome; everything else it writes is deferred.

Revisions: ``records`` holds the current version of each record, with its
revision number; ``revisions`` holds every earlier version (and the last one
of a deleted record). An unchanged put writes nothing at all.

``file_states`` is the import's cache of source files' content hashes: written
with ``Batch.record_files`` in the batch's transaction, read whole with
``Catalog.file_states``, and left out of ``dump()``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from typing import Any

from scriptorium.catalog.api import (
    Change,
    DocumentSummary,
    FileState,
    FolderState,
    PutOutcome,
    Revision,
    Stats,
)
from scriptorium.catalog.drivers import Driver
from scriptorium.catalog.rows import RecordRows, load_record, record_json, record_rows
from scriptorium.errors import CatalogError, NotFoundError, QueryError
from scriptorium.model import KINDS, PAGE_TYPES, Record

FLUSH_EVERY = 500
"""Puts buffered before they are sent: bounds memory, keeps executemany batches large."""

_CHUNK = 500

RECORD_COLUMNS = (
    "id",
    "page_type",
    "kind",
    "title",
    "subtitle",
    "language",
    "date_text",
    "date_edtf",
    "year",
    "collection",
    "copied_from",
    "rights",
    "path",
    "part_of_id",
    "part_of_title",
    "last_updated_text",
    "last_updated_iso",
    "content_hash",
    "revision",
    "origin",
    "record_json",
    "created_at",
    "updated_at",
)


def _placeholders(n: int) -> str:
    return ", ".join("?" * n)


JSON_COLUMN = RECORD_COLUMNS.index("record_json")
# The JSON arrives as UTF-8 bytes; SQLite stores them as text without re-encoding them.
_RECORD_VALUES = ", ".join("CAST(? AS TEXT)" if c == "record_json" else "?" for c in RECORD_COLUMNS)
UPSERT_RECORD = (
    f"INSERT INTO records ({', '.join(RECORD_COLUMNS)}) VALUES ({_RECORD_VALUES}) "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in RECORD_COLUMNS if c not in ("id", "created_at"))
)
LOOKUP = (
    "SELECT (SELECT content_hash FROM records WHERE id = ?), (SELECT revision FROM records WHERE id = ?), "
    "(SELECT max(number) FROM revisions WHERE record_id = ?)"
)
PRELOAD_CURRENT = "SELECT id, content_hash, revision FROM records"
PRELOAD_DELETED = (
    "SELECT record_id, max(number) FROM revisions "
    "WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = revisions.record_id) GROUP BY record_id"
)
_UNKNOWN: tuple[None, None, None] = (None, None, None)
ARCHIVE = (
    "INSERT INTO revisions (record_id, number, content_hash, origin, record_json, created_at) "
    "SELECT id, revision, content_hash, origin, record_json, updated_at FROM records WHERE id = ?"
)
CLEAR_CHILDREN = (
    "DELETE FROM document_authors WHERE record_id = ?",
    "DELETE FROM document_sources WHERE record_id = ?",
    "DELETE FROM credits WHERE record_id = ?",
    "DELETE FROM reviewed_books WHERE record_id = ?",
    "DELETE FROM relations WHERE subject = ?",
    "DELETE FROM index_entries WHERE record_id = ?",
    "UPDATE authors SET born_text = NULL, born_edtf = NULL, died_text = NULL, died_edtf = NULL, "
    "life_dates = NULL, biography = NULL, profile_record_id = NULL WHERE profile_record_id = ?",
    "UPDATE periodicals SET description = NULL, profile_record_id = NULL WHERE profile_record_id = ?",
    "UPDATE issues SET date_text = NULL, date_edtf = NULL, year = NULL, href = NULL, "
    "profile_record_id = NULL WHERE profile_record_id = ?",
)
INSERT_SOURCE = "INSERT INTO sources (name) VALUES (?) ON CONFLICT (name) DO NOTHING"
INSERT_AUTHOR = "INSERT INTO authors (name) VALUES (?) ON CONFLICT (name) DO NOTHING"
INSERT_PERSON = "INSERT INTO people (name) VALUES (?) ON CONFLICT (name) DO NOTHING"
INSERT_PERIODICAL = "INSERT INTO periodicals (title) VALUES (?) ON CONFLICT (title) DO NOTHING"
UPSERT_AUTHOR_PROFILE = (
    "INSERT INTO authors (name, born_text, born_edtf, died_text, died_edtf, life_dates, biography, "
    "profile_record_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
    "born_text = excluded.born_text, born_edtf = excluded.born_edtf, died_text = excluded.died_text, "
    "died_edtf = excluded.died_edtf, life_dates = excluded.life_dates, biography = excluded.biography, "
    "profile_record_id = excluded.profile_record_id"
)
UPSERT_PERIODICAL_PROFILE = (
    "INSERT INTO periodicals (title, description, profile_record_id) VALUES (?, ?, ?) "
    "ON CONFLICT (title) DO UPDATE SET description = excluded.description, "
    "profile_record_id = excluded.profile_record_id"
)
# An issue named by documents takes the earliest date any of them gives (by EDTF, then as
# printed), whatever the order of the puts; a periodical index page describing it overrides that.
_EARLIER = (
    "issues.profile_record_id IS NULL AND excluded.date_edtf IS NOT NULL AND (issues.date_edtf IS NULL "
    "OR excluded.date_edtf < issues.date_edtf "
    "OR (excluded.date_edtf = issues.date_edtf AND excluded.date_text < issues.date_text))"
)
UPSERT_DOC_ISSUE = (
    "INSERT INTO issues (periodical, designation, date_text, date_edtf, year) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (periodical, designation) DO UPDATE SET "
    + ", ".join(
        f"{c} = CASE WHEN {_EARLIER} THEN excluded.{c} ELSE issues.{c} END"
        for c in ("date_text", "date_edtf", "year")
    )
)
UPSERT_PROFILE_ISSUE = (
    "INSERT INTO issues (periodical, designation, date_text, date_edtf, year, href, profile_record_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (periodical, designation) DO UPDATE SET "
    "date_text = excluded.date_text, date_edtf = excluded.date_edtf, year = excluded.year, "
    "href = excluded.href, profile_record_id = excluded.profile_record_id"
)
CHILD_TABLES = (
    ("document_authors", ("record_id", "position", "author_name")),
    (
        "document_sources",
        ("record_id", "periodical", "issue", "date_text", "date_edtf", "year", "pages", "statement"),
    ),
    ("credits", ("record_id", "position", "role", "person", "note")),
    (
        "reviewed_books",
        ("record_id", "position", "title", "authors", "editors", "translators", "publisher", "year", "price"),
    ),
    ("relations", ("subject", "predicate", "position", "object", "label")),
    (
        "index_entries",
        (
            "record_id",
            "position",
            "list",
            "periodical",
            "issue",
            "title",
            "href",
            "target",
            "date_text",
            "date_edtf",
            "year",
            "authors",
            "section",
            "pages",
            "note",
        ),
    ),
)
"""Rows only ever added whole for a record: plain inserts (COPY on PostgreSQL)."""
# Shared entities live while something refers to them or an index page describes them.
COLLECT_GARBAGE = (
    # (statement over the whole table, what it touches, the condition that scopes it to one key)
    (
        "DELETE FROM authors WHERE profile_record_id IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM document_authors d WHERE d.author_name = authors.name)",
        "authors",
        "name = ?",
    ),
    # After updates and deletions the earliest date may have gone with a document: recompute it.
    (
        "UPDATE issues SET (date_text, date_edtf, year) = (SELECT s.date_text, s.date_edtf, s.year "
        "FROM document_sources s WHERE s.periodical = issues.periodical AND s.issue = issues.designation "
        "AND s.date_edtf IS NOT NULL ORDER BY s.date_edtf, s.date_text LIMIT 1) "
        "WHERE profile_record_id IS NULL",
        "issues",
        "periodical = ? AND designation = ?",
    ),
    (
        "DELETE FROM people WHERE NOT EXISTS (SELECT 1 FROM credits c WHERE c.person = people.name)",
        "people",
        "name = ?",
    ),
    (
        "DELETE FROM sources WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.copied_from = sources.name)",
        "sources",
        "name = ?",
    ),
    (
        "DELETE FROM issues WHERE profile_record_id IS NULL AND NOT EXISTS (SELECT 1 FROM document_sources s "
        "WHERE s.periodical = issues.periodical AND s.issue = issues.designation)",
        "issues",
        "periodical = ? AND designation = ?",
    ),
    (
        "DELETE FROM periodicals WHERE profile_record_id IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM document_sources s WHERE s.periodical = periodicals.title) "
        "AND NOT EXISTS (SELECT 1 FROM issues i WHERE i.periodical = periodicals.title)",
        "periodicals",
        "title = ?",
    ),
)
GARBAGE_SCOPE = {
    # What a record about to be retired refers to: only these can become garbage, or lose a date.
    "authors": (
        "SELECT author_name FROM document_authors WHERE record_id = ?",
        "SELECT name FROM authors WHERE profile_record_id = ?",
    ),
    "issues": (
        "SELECT periodical, issue FROM document_sources "
        "WHERE record_id = ? AND periodical IS NOT NULL AND issue IS NOT NULL",
        "SELECT periodical, designation FROM issues WHERE profile_record_id = ?",
    ),
    "people": ("SELECT person FROM credits WHERE record_id = ?",),
    "sources": ("SELECT copied_from FROM records WHERE id = ? AND copied_from IS NOT NULL",),
    "periodicals": (
        "SELECT periodical FROM document_sources WHERE record_id = ? AND periodical IS NOT NULL",
        "SELECT title FROM periodicals WHERE profile_record_id = ?",
        "SELECT periodical FROM issues WHERE profile_record_id = ?",
    ),
}
GARBAGE_SCOPE_LIMIT = 100
"""Up to this many records retired in a batch, garbage is looked for only among what they referred
to (a few look-ups each); past it, over the whole tables (a few scans in all)."""
CHANGE_COLUMNS = ("record_id", "action", "content_hash", "created_at")
FILE_STATE_COLUMNS = ("file", "key", "size", "mtime_ns", "ctime_ns", "inode", "content_hash")
UPSERT_FILE_STATE = (
    f"INSERT INTO file_states ({', '.join(FILE_STATE_COLUMNS)}) VALUES ({_placeholders(7)}) "
    "ON CONFLICT (file) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in FILE_STATE_COLUMNS if c != "file")
)
SELECT_FILE_STATES = f"SELECT {', '.join(FILE_STATE_COLUMNS)} FROM file_states"
FOLDER_STATE_COLUMNS = ("folder", "mtime_ns", "ctime_ns", "inode", "files", "folders")
UPSERT_FOLDER_STATE = (
    f"INSERT INTO folder_states ({', '.join(FOLDER_STATE_COLUMNS)}) VALUES ({_placeholders(6)}) "
    "ON CONFLICT (folder) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in FOLDER_STATE_COLUMNS if c != "folder")
)
SELECT_FOLDER_STATES = f"SELECT {', '.join(FOLDER_STATE_COLUMNS)} FROM folder_states"
STATS = (
    "SELECT (SELECT count(*) FROM records WHERE page_type = 'document'), (SELECT count(*) FROM authors), "
    "(SELECT count(*) FROM periodicals), (SELECT count(*) FROM issues), "
    "(SELECT count(*) FROM records) + (SELECT count(*) FROM revisions), (SELECT count(*) FROM people), "
    "(SELECT count(*) FROM sources), (SELECT count(*) FROM reviewed_books)"
)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _chunks(values: list[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _join_names(names: tuple[str, ...]) -> str:
    """A folder's entry names as one text: no name holds a '/', and none is empty."""
    for name in names:
        if not name or "/" in name or "\0" in name:
            raise ValueError(f"not a name in a folder: {name!r}")
    return "/".join(names)


def _split_names(text: str) -> tuple[str, ...]:
    return tuple(text.split("/")) if text else ()


class SqlBatch:
    """One write transaction (see ``api.Batch``)."""

    def __init__(self, driver: Driver) -> None:
        self._driver = driver
        self._now = utc_now()
        self._open = True
        self._pending: set[str] = set()
        self._known: dict[str, tuple[str | None, int | None, int | None]] = {}
        self._preloaded = False
        self._lookups = 0
        self._rows: list[RecordRows] = []
        self._updated: list[tuple[str]] = []
        self._changes: list[tuple] = []
        self._collect_garbage = False
        self._retired = 0
        # Keys that may have become garbage, by table; None once too many to look them up one by one.
        self._garbage: dict[str, set[tuple]] | None = {table: set() for table in GARBAGE_SCOPE}

    def _check_open(self) -> None:
        if not self._open:
            raise CatalogError("this batch is closed: open a new one with catalog.batch()")

    def _lookup(self, record_id: str) -> tuple[str | None, int | None, int | None]:
        """(current hash, current revision, last archived revision) of an id; Nones when unknown."""
        known = self._known.get(record_id)
        if known is not None:
            return known
        if self._preloaded:
            return _UNKNOWN
        self._lookups += 1
        preload_after = self._driver.preload_after
        if preload_after is not None and self._lookups > preload_after:
            self._preload()
            return self._known.get(record_id, _UNKNOWN)
        (row,) = self._driver.execute(LOOKUP, (record_id, record_id, record_id))
        return row

    def _preload(self) -> None:
        """Read every id's state at once: a large batch then needs no look-up round trips."""
        known = self._known
        for record_id, content_hash, revision in self._driver.execute(PRELOAD_CURRENT):
            known.setdefault(record_id, (content_hash, revision, None))
        for record_id, last_archived in self._driver.execute(PRELOAD_DELETED):
            known.setdefault(record_id, (None, None, last_archived))
        self._preloaded = True

    def put(self, record: Record, *, content_hash: str, origin: str | None = None) -> PutOutcome:
        self._check_open()
        if not isinstance(record, Record):
            raise TypeError(f"put() takes a Record, not {type(record).__name__}")
        if not content_hash or not isinstance(content_hash, str):
            raise ValueError("put() needs the record's content hash")
        record_id = record.id
        if "\x00" in record_id:
            raise ValueError(f"record id {record_id!r} contains a NUL character")
        if record_id in self._pending:
            self.flush()  # the second put of an id in one batch must see the first
        current_hash, current_revision, last_archived = self._lookup(record_id)
        if current_hash == content_hash:
            return PutOutcome.UNCHANGED
        if current_hash is None:
            outcome, revision = PutOutcome.IMPORTED, (last_archived or 0) + 1
        else:
            outcome, revision, last_archived = PutOutcome.UPDATED, current_revision + 1, current_revision
            self._updated.append((record_id,))
        self._known[record_id] = (content_hash, revision, last_archived)
        self._rows.append(
            record_rows(
                record,
                content_hash=content_hash,
                revision=revision,
                origin=origin,
                json_text=record_json(record),
                now=self._now,
            )
        )
        self._changes.append((record_id, "put", content_hash, self._now))
        self._pending.add(record_id)
        if len(self._pending) >= FLUSH_EVERY:
            self.flush()
        return outcome

    def delete(self, record_id: str) -> bool:
        """Remove a record (its last version is kept among the revisions); False if it was not there."""
        self._check_open()
        self.flush()
        _, current_revision, _ = self._lookup(record_id)
        if current_revision is None:
            return False
        self._known[record_id] = (None, None, current_revision)
        self._retire([(record_id,)])
        self._driver.execute("DELETE FROM records WHERE id = ?", (record_id,))
        self._changes.append((record_id, "delete", None, self._now))
        return True

    def _retire(self, ids: list[tuple[str]]) -> None:
        """Keep the current versions as revisions and drop their normalised rows."""
        many = self._driver.executemany
        self._retired += len(ids)
        if self._garbage is not None and self._retired > GARBAGE_SCOPE_LIMIT:
            self._garbage = None
        if self._garbage is not None:
            execute = self._driver.execute
            for table, queries in GARBAGE_SCOPE.items():
                found = self._garbage[table]
                for sql in queries:
                    for (record_id,) in ids:
                        found.update(tuple(row) for row in execute(sql, (record_id,)))
        many(ARCHIVE, ids)
        for sql in CLEAR_CHILDREN:
            many(sql, ids)
        self._collect_garbage = True

    def flush(self) -> None:
        """Send the buffered puts (still inside the batch's transaction)."""
        if not self._pending:
            return
        many = self._driver.executemany
        if self._updated:
            self._retire(self._updated)
        rows = self._rows
        many(INSERT_SOURCE, [(n,) for n in dict.fromkeys(n for r in rows for n in r.sources)])
        if self._driver.takes_utf8_text:
            many(UPSERT_RECORD, [r.record for r in rows])
        else:
            j = JSON_COLUMN
            many(UPSERT_RECORD, [(*r.record[:j], r.record[j].decode(), *r.record[j + 1 :]) for r in rows])
        many(INSERT_AUTHOR, [(n,) for n in dict.fromkeys(n for r in rows for n in r.authors)])
        many(UPSERT_AUTHOR_PROFILE, [p for r in rows for p in r.author_profiles])
        many(INSERT_PERSON, [(n,) for n in dict.fromkeys(n for r in rows for n in r.people)])
        many(INSERT_PERIODICAL, [(n,) for n in dict.fromkeys(n for r in rows for n in r.periodicals)])
        many(UPSERT_PERIODICAL_PROFILE, [p for r in rows for p in r.periodical_profiles])
        many(UPSERT_DOC_ISSUE, [i for r in rows for i in r.doc_issues])
        many(UPSERT_PROFILE_ISSUE, [i for r in rows for i in r.profile_issues])
        for table, columns in CHILD_TABLES:
            self._driver.insert_rows(table, columns, [row for r in rows for row in getattr(r, table)])
        self._pending.clear()
        self._rows.clear()
        self._updated.clear()

    def record_files(self, states: Iterable[FileState]) -> None:
        """Upsert source files' states (the import's cache), inside this batch's transaction."""
        latest = {s.file: s for s in states}  # the last state given for a file wins
        self._cache_rows(UPSERT_FILE_STATE, [tuple(s) for s in latest.values()])

    def record_folders(self, states: Iterable[FolderState]) -> None:
        """Upsert folders' listings (the import's walk cache), inside this batch's transaction."""
        latest = {s.folder: s for s in states}
        rows = [(*s[:4], _join_names(s.files), _join_names(s.folders)) for s in latest.values()]
        self._cache_rows(UPSERT_FOLDER_STATE, rows)

    def forget_folders(self, folders: Iterable[str]) -> None:
        self._cache_rows("DELETE FROM folder_states WHERE folder = ?", [(f,) for f in dict.fromkeys(folders)])

    def _cache_rows(self, sql: str, rows: list[tuple]) -> None:
        self._check_open()
        for chunk in _chunks(rows, FLUSH_EVERY * 10):
            self._driver.executemany(sql, chunk)

    def finish(self) -> None:
        """Everything left before the commit: last puts, garbage, the change log."""
        self.flush()
        if self._collect_garbage:
            for sql, table, condition in COLLECT_GARBAGE:
                if self._garbage is None:
                    self._driver.execute(sql)
                elif self._garbage[table]:
                    self._driver.executemany(f"{sql} AND {condition}", list(self._garbage[table]))
        if self._changes:
            self._driver.insert_rows("changes", CHANGE_COLUMNS, self._changes)
        self._open = False

    def abandon(self) -> None:
        self._open = False
        self._garbage = None
        self._pending.clear()
        self._rows.clear()
        self._changes.clear()


class SqlCatalog:
    """A catalog on one connection (see ``api.Catalog``)."""

    def __init__(self, url: str, driver: Driver) -> None:
        self.url = url
        self.backend = driver.name
        self._driver: Driver | None = driver
        self._in_batch = False

    # -- lifecycle -------------------------------------------------------------------
    @property
    def driver(self) -> Driver:
        if self._driver is None:
            raise CatalogError(f"catalog {self.url} is closed")
        return self._driver

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def __enter__(self) -> SqlCatalog:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.backend} {self.url}>"

    def _query(self, sql: str, params: tuple = (), doing: str = "reading") -> list[tuple]:
        driver = self.driver
        try:
            return driver.execute(sql, params)
        except driver.errors as error:
            raise driver.wrap(error, doing) from None

    # -- writing ---------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[SqlBatch]:
        driver = self.driver
        if self._in_batch:
            raise CatalogError("a batch is already open on this catalog: finish it first")
        self._in_batch = True
        try:
            try:
                driver.begin()
            except driver.errors as error:
                raise driver.wrap(error, "starting a write") from None
            batch = SqlBatch(driver)
            try:
                yield batch
                batch.finish()
                driver.commit()
            except BaseException as error:
                batch.abandon()
                with suppress(*driver.errors):  # the connection may have ended it already
                    driver.rollback()
                if isinstance(error, driver.errors):
                    raise driver.wrap(error, "writing") from None
                raise
        finally:
            self._in_batch = False

    # -- reading ---------------------------------------------------------------------
    def content_hashes(self) -> dict[str, str]:
        return dict(self._query("SELECT id, content_hash FROM records"))

    def file_states(self) -> dict[str, FileState]:
        make = FileState._make
        return {row[0]: make(row) for row in self._query(SELECT_FILE_STATES)}

    def folder_states(self) -> dict[str, FolderState]:
        return {
            folder: FolderState(folder, mtime, ctime, inode, _split_names(files), _split_names(folders))
            for folder, mtime, ctime, inode, files, folders in self._query(SELECT_FOLDER_STATES)
        }

    def get(self, record_id: str) -> Record:
        rows = self._query("SELECT record_json FROM records WHERE id = ?", (record_id,))
        if not rows:
            raise NotFoundError(f"no record with id {record_id!r} in the catalog")
        return load_record(rows[0][0])

    def revisions(self, record_id: str) -> list[Revision]:
        """Every version of a record, oldest first, the current one last; ``NotFoundError`` if none."""
        rows = self._query(
            "SELECT number, content_hash, created_at, origin, record_json FROM revisions "
            "WHERE record_id = ? ORDER BY number",
            (record_id,),
        )
        rows += self._query(
            "SELECT revision, content_hash, updated_at, origin, record_json FROM records WHERE id = ?",
            (record_id,),
        )
        if not rows:
            raise NotFoundError(f"no record with id {record_id!r} in the catalog")
        return [
            Revision(number=n, content_hash=h, created_at=at, origin=o, record=load_record(j))
            for n, h, at, o, j in rows
        ]

    def list_documents(
        self,
        *,
        author: str | None = None,
        periodical: str | None = None,
        year: int | None = None,
        kind: str | None = None,
        page_type: str | None = "document",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[DocumentSummary]:
        """Records matching every filter given, by date (undated last), then id."""
        where, params = _filters(author, periodical, year, kind, page_type)
        sql = (
            "SELECT r.id, r.title, r.page_type, r.kind, r.date_text, r.date_edtf, r.year, "
            "s.periodical, s.issue, r.language FROM records r "
            "LEFT JOIN document_sources s ON s.record_id = r.id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY (r.year IS NULL), r.year, (r.date_edtf IS NULL), r.date_edtf, r.id"
        )
        if limit is not None:
            if not isinstance(limit, int) or limit < 0:
                raise QueryError(f"limit must be a whole number of 0 or more, not {limit!r}")
            sql += " LIMIT ?"
            params.append(limit)
        if not isinstance(offset, int) or offset < 0:
            raise QueryError(f"offset must be a whole number of 0 or more, not {offset!r}")
        if offset:
            # SQLite accepts OFFSET only after a LIMIT; -1 means none.
            sql += " LIMIT -1 OFFSET ?" if limit is None and self.backend == "sqlite" else " OFFSET ?"
            params.append(offset)
        rows = self._query(sql, tuple(params))
        names = self._authors_of([row[0] for row in rows])
        return [
            DocumentSummary(
                id=rid,
                title=title,
                page_type=ptype,
                kind=rkind,
                authors=names.get(rid, ()),
                date_text=date_text,
                date_edtf=date_edtf,
                year=ryear,
                periodical=rperiodical,
                issue=issue,
                language=language,
            )
            for rid, title, ptype, rkind, date_text, date_edtf, ryear, rperiodical, issue, language in rows
        ]

    def _authors_of(self, ids: list[str]) -> dict[str, tuple[str, ...]]:
        names: dict[str, list[str]] = {}
        for chunk in _chunks(ids):
            rows = self._query(
                f"SELECT record_id, author_name FROM document_authors WHERE record_id IN "
                f"({_placeholders(len(chunk))}) ORDER BY record_id, position",
                tuple(chunk),
            )
            for rid, name in rows:
                names.setdefault(rid, []).append(name)
        return {rid: tuple(values) for rid, values in names.items()}

    def iter_records(self) -> Iterator[Record]:
        """Every current record by id, read a page at a time (no transaction held open)."""
        for _, text in self.iter_record_json():
            yield load_record(text)

    def iter_record_json(self) -> Iterator[tuple[str, str | bytes]]:
        """Every current record's id and stored JSON by id, read a page at a time."""
        last = None
        while True:
            if last is None:
                rows = self._query(f"SELECT id, record_json FROM records ORDER BY id LIMIT {_CHUNK}")
            else:
                rows = self._query(
                    f"SELECT id, record_json FROM records WHERE id > ? ORDER BY id LIMIT {_CHUNK}", (last,)
                )
            yield from rows
            if len(rows) < _CHUNK:
                return
            last = rows[-1][0]

    def stats(self) -> Stats:
        """Counts; ``revisions`` counts every version kept, current ones included."""
        (row,) = self._query(STATS)
        return Stats(*(int(value) for value in row))

    def changes_since(self, seq: int, limit: int = 1000) -> list[Change]:
        """Changes committed after ``seq``, oldest first (``seq=0`` for all)."""
        if not isinstance(limit, int) or limit < 1:
            raise QueryError(f"limit must be a whole number of 1 or more, not {limit!r}")
        rows = self._query(
            "SELECT seq, record_id, action, content_hash FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
            (int(seq), limit),
        )
        return [Change(seq=int(s), record_id=r, action=a, content_hash=h) for s, r, a, h in rows]

    def dump(self, *, exclude_timestamps: bool = True) -> dict[str, list[dict[str, Any]]]:
        """Every table's rows as dicts, in a stable order: for comparing two catalogs by content.

        Cache tables (``file_states``, ``folder_states``) are not content and are left out.
        """
        from scriptorium.catalog.schema import CACHE_TABLES, TIMESTAMP_COLUMNS, metadata

        result: dict[str, list[dict[str, Any]]] = {}
        for name in sorted(metadata.tables.keys() - CACHE_TABLES):
            columns = [
                c.name
                for c in metadata.tables[name].columns
                if not (exclude_timestamps and c.name in TIMESTAMP_COLUMNS)
            ]
            rows = self._query(f"SELECT {', '.join(columns)} FROM {name}")
            dicts = [dict(zip(columns, row, strict=True)) for row in rows]
            dicts.sort(key=lambda d: json.dumps(list(d.values()), ensure_ascii=False))
            result[name] = dicts
        return result


def _filters(
    author: str | None, periodical: str | None, year: int | None, kind: str | None, page_type: str | None
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if page_type is not None:
        if page_type not in PAGE_TYPES:
            raise QueryError(f"unknown page type {page_type!r}: use one of {', '.join(PAGE_TYPES)}")
        where.append("r.page_type = ?")
        params.append(page_type)
    if kind is not None:
        if kind not in KINDS:
            raise QueryError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
        where.append("r.kind = ?")
        params.append(kind)
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int):
            raise QueryError(f"year must be a whole number, not {year!r}")
        where.append("r.year = ?")
        params.append(year)
    if periodical is not None:
        where.append("s.periodical = ?")
        params.append(periodical)
    if author is not None:
        where.append(
            "EXISTS (SELECT 1 FROM document_authors a WHERE a.record_id = r.id AND a.author_name = ?)"
        )
        params.append(author)
    return where, params
