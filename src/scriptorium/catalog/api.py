"""The one ``Catalog`` interface both backends implement.

The catalog is the single source of truth. Writers open one transaction for a
whole import batch (``with catalog.batch() as batch: batch.put(...)``), so an
interrupted import leaves the catalog exactly as it was before the batch.
Readers use the plain query methods.

``open_catalog()`` in ``scriptorium.catalog`` gives one (SQLite or PostgreSQL);
``store.SqlCatalog`` implements it for both.

Additions to the first version of this interface (nothing was renamed or
removed): ``Catalog.dump()`` for comparing catalogs by content, ``backend``,
use as a context manager (closes it), ``Batch.flush()``; ``revisions()`` now
raises ``NotFoundError`` for an id it has never seen; ``Catalog.file_states()``
and ``Batch.record_files()``, the import's cache of source files' content
hashes (a cache, not content: ``dump()`` leaves it out); ``Catalog.folder_states()``,
``Batch.record_folders()`` and ``Batch.forget_folders()``, its cache of folder
listings (a cache too); ``Catalog.iter_record_json()``. A batch is the one writer of its catalog while it is
open (SQLite locks the file; PostgreSQL takes an advisory lock), so change-log
numbers follow commit order.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from scriptorium.model import Record


class PutOutcome(enum.Enum):
    IMPORTED = "imported"  # a new document
    UNCHANGED = "unchanged"  # same content hash as the current revision
    UPDATED = "updated"  # changed: the previous version was kept as a revision


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    title: str
    page_type: str
    kind: str
    authors: tuple[str, ...]
    date_text: str | None
    date_edtf: str | None
    year: int | None
    periodical: str | None
    issue: str | None
    language: str


@dataclass(frozen=True, slots=True)
class Revision:
    number: int  # 1 for the first import, then 2, 3, ...
    content_hash: str
    created_at: str  # ISO 8601, UTC
    origin: str | None  # where the bytes came from (file path), or "edit"
    record: Record


@dataclass(frozen=True, slots=True)
class Stats:
    documents: int
    authors: int
    periodicals: int
    issues: int
    revisions: int
    people: int
    sources: int
    reviewed_books: int

    def to_dict(self) -> dict[str, int]:
        return {
            "documents": self.documents,
            "authors": self.authors,
            "periodicals": self.periodicals,
            "issues": self.issues,
            "revisions": self.revisions,
            "people": self.people,
            "sources": self.sources,
            "reviewed_books": self.reviewed_books,
        }


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the change log, in commit order (for derived indexes)."""

    seq: int
    record_id: str
    action: str  # "put" or "delete"
    content_hash: str | None


class FileState(NamedTuple):
    """What a source file looked like when its content hash was computed (the import's stat cache).

    ``key`` names what the hash depends on besides the bytes (site path, format,
    importer code): a state is only valid for the same key. ``file`` is an
    absolute, normalised path. A named tuple: an import reads one per page.
    """

    file: str
    key: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    content_hash: str


class FolderState(NamedTuple):
    """A folder's listing as it was when its times were taken (the import's walk cache).

    ``files`` and ``folders`` are the names of its non-hidden entries, each sorted;
    ``folder`` is an absolute, normalised path. The listing holds while the folder
    keeps the same mtime, ctime and inode: adding, removing or renaming an entry
    changes them.
    """

    folder: str
    mtime_ns: int
    ctime_ns: int
    inode: int
    files: tuple[str, ...]
    folders: tuple[str, ...]


class Batch(Protocol):
    """One open write transaction."""

    def put(self, record: Record, *, content_hash: str, origin: str | None = None) -> PutOutcome:
        """Store a record; a changed one becomes a new revision, keeping the previous one."""
        ...

    def delete(self, record_id: str) -> bool:
        """Remove a record, keeping its last version among the revisions; False if it was not there."""
        ...

    def flush(self) -> None:
        """Send buffered puts to the database now (still inside the batch's transaction)."""
        ...

    def record_files(self, states: Iterable[FileState]) -> None:
        """Remember source files' states and content hashes (replacing earlier rows for those files)."""
        ...

    def record_folders(self, states: Iterable[FolderState]) -> None:
        """Remember folders' listings (replacing earlier rows for those folders)."""
        ...

    def forget_folders(self, folders: Iterable[str]) -> None:
        """Drop the remembered listings of these folders (gone, or no longer to be trusted)."""
        ...


class Catalog(Protocol):
    url: str
    backend: str  # "sqlite" or "postgresql"

    def close(self) -> None: ...

    def __enter__(self) -> Catalog: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def batch(self) -> AbstractContextManager[Batch]:
        """A write transaction: committed on normal exit, rolled back on any exception."""
        ...

    def content_hashes(self) -> dict[str, str]:
        """Current content hash of every record, by id (lets an import skip unchanged pages cheaply)."""
        ...

    def file_states(self) -> dict[str, FileState]:
        """Every remembered source file state, by file (see ``Batch.record_files``)."""
        ...

    def folder_states(self) -> dict[str, FolderState]:
        """Every remembered folder listing, by folder (see ``Batch.record_folders``)."""
        ...

    def get(self, record_id: str) -> Record:
        """The current version; raises ``NotFoundError``."""
        ...

    def revisions(self, record_id: str) -> list[Revision]:
        """Every version, oldest first, the current one last; ``NotFoundError`` if there is none."""
        ...

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
    ) -> list[DocumentSummary]: ...

    def iter_records(self) -> Iterator[Record]: ...

    def iter_record_json(self) -> Iterator[tuple[str, str | bytes]]:
        """Every current record's id and stored JSON (``rows.load_record`` reads it), by id: for a
        reader that hands records on without looking at most of them."""
        ...

    def stats(self) -> Stats: ...

    def changes_since(self, seq: int, limit: int = 1000) -> list[Change]:
        """Changes committed after ``seq`` (0 for all), oldest first."""
        ...

    def dump(self, *, exclude_timestamps: bool = True) -> dict[str, list[dict[str, Any]]]:
        """Every table's rows in a stable order; without timestamps two runs of one import are equal."""
        ...
