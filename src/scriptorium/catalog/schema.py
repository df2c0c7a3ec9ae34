"""The catalog's tables: one SQLAlchemy ``MetaData`` shared by SQLite and PostgreSQL.

The record's JSON form (``records.record_json``) is the source of truth; the
other tables are its normalised projection, rewritten on every change of a
record, so that the site, search and listings can query authors, periodicals,
issues, credits and relations without reading JSON.

Shared entities (authors, periodicals, issues, people, sources) use their
display name as key: a put needs no id look-ups, only ``INSERT ... ON CONFLICT
DO NOTHING``, and an entity exists exactly while a record refers to it or an
index page describes it. Timestamps are ISO 8601 text in columns named in
``TIMESTAMP_COLUMNS`` so that content comparisons can leave them out.

``file_states`` and ``folder_states`` are caches, not content: the import's
record of each source file's size, times and inode with the content hash
computed for those bytes, and of each folder's times and inode with its listing.

Migrations (``migrations/versions``) are frozen copies of this schema at each
version; a test checks that the newest one builds exactly these tables.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    ForeignKeyConstraint,
    Identity,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

TIMESTAMP_COLUMNS = frozenset({"created_at", "updated_at"})

sources = Table(
    "sources",
    metadata,
    Column("name", Text, primary_key=True, comment="an archive or site texts were copied from"),
)

records = Table(
    "records",
    metadata,
    Column("id", Text, primary_key=True),
    Column("page_type", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("subtitle", Text),
    Column("language", Text, nullable=False),
    Column("date_text", Text),
    Column("date_edtf", Text),
    Column("year", Integer),
    Column("collection", Text),
    Column("copied_from", Text, ForeignKey("sources.name")),
    Column("rights", Text),
    Column("path", Text),
    Column("part_of_id", Text),
    Column("part_of_title", Text),
    Column("last_updated_text", Text),
    Column("last_updated_iso", Text),
    Column("content_hash", Text, nullable=False),
    Column("revision", Integer, nullable=False, comment="number of the current revision"),
    Column("origin", Text, comment="where the current revision came from (file path or 'edit')"),
    Column("record_json", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False, comment="when the current revision was stored"),
)
Index("ix_records_page_type_year", records.c.page_type, records.c.year)
Index("ix_records_kind", records.c.kind)
Index("ix_records_copied_from", records.c.copied_from)
# Covers ``content_hashes()``: an import reads every id's hash without touching the large rows.
Index("ix_records_id_content_hash", records.c.id, records.c.content_hash)

authors = Table(
    "authors",
    metadata,
    Column("name", Text, primary_key=True),
    Column("born_text", Text),
    Column("born_edtf", Text),
    Column("died_text", Text),
    Column("died_edtf", Text),
    Column("life_dates", Text),
    Column("biography", Text),
    Column("profile_record_id", Text, ForeignKey("records.id"), comment="the author-index page"),
)
Index("ix_authors_profile_record_id", authors.c.profile_record_id)

document_authors = Table(
    "document_authors",
    metadata,
    Column("record_id", Text, ForeignKey("records.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("author_name", Text, ForeignKey("authors.name"), nullable=False),
    PrimaryKeyConstraint("record_id", "position"),
)
Index("ix_document_authors_author_name", document_authors.c.author_name)

periodicals = Table(
    "periodicals",
    metadata,
    Column("title", Text, primary_key=True),
    Column("description", Text),
    Column("profile_record_id", Text, ForeignKey("records.id"), comment="the periodical-index page"),
)
Index("ix_periodicals_profile_record_id", periodicals.c.profile_record_id)

issues = Table(
    "issues",
    metadata,
    Column("periodical", Text, ForeignKey("periodicals.title"), nullable=False),
    Column("designation", Text, nullable=False),
    Column("date_text", Text),
    Column("date_edtf", Text),
    Column("year", Integer),
    Column("href", Text),
    Column("profile_record_id", Text, ForeignKey("records.id")),
    PrimaryKeyConstraint("periodical", "designation"),
)
Index("ix_issues_profile_record_id", issues.c.profile_record_id)

document_sources = Table(
    "document_sources",
    metadata,
    Column("record_id", Text, ForeignKey("records.id"), primary_key=True),
    Column("periodical", Text, ForeignKey("periodicals.title")),
    Column("issue", Text),
    Column("date_text", Text),
    Column("date_edtf", Text),
    Column("year", Integer),
    Column("pages", Text),
    Column("statement", Text, nullable=False),
    ForeignKeyConstraint(
        ["periodical", "issue"],
        ["issues.periodical", "issues.designation"],
        name="fk_document_sources_issue_issues",
    ),
)
Index("ix_document_sources_periodical_issue", document_sources.c.periodical, document_sources.c.issue)

people = Table(
    "people",
    metadata,
    Column("name", Text, primary_key=True, comment="transcribers, translators, proofreaders..."),
)

credits = Table(
    "credits",
    metadata,
    Column("record_id", Text, ForeignKey("records.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("role", Text, nullable=False),
    Column("person", Text, ForeignKey("people.name"), nullable=False),
    Column("note", Text),
    PrimaryKeyConstraint("record_id", "position"),
)
Index("ix_credits_person", credits.c.person)

reviewed_books = Table(
    "reviewed_books",
    metadata,
    Column("record_id", Text, ForeignKey("records.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("authors", Text, nullable=False, comment="JSON list of names"),
    Column("editors", Text, nullable=False, comment="JSON list of names"),
    Column("translators", Text, nullable=False, comment="JSON list of names"),
    Column("publisher", Text),
    Column("year", Text),
    Column("price", Text),
    PrimaryKeyConstraint("record_id", "position"),
)

relations = Table(
    "relations",
    metadata,
    Column("subject", Text, ForeignKey("records.id"), nullable=False),
    Column("predicate", Text, nullable=False, comment="part-of, reviews, links-to"),
    Column("position", Integer, nullable=False),
    Column("object", Text, comment="a record id (or book:slug for reviewed books); null when unknown"),
    Column("label", Text, comment="the object as the page names it"),
    PrimaryKeyConstraint("subject", "predicate", "position"),
)
Index("ix_relations_object", relations.c.object)

index_entries = Table(
    "index_entries",
    metadata,
    Column("record_id", Text, ForeignKey("records.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column(
        "list", Text, nullable=False, comment="works (author index), contents (issue), links (work index)"
    ),
    Column("periodical", Text),
    Column("issue", Text),
    Column("title", Text, nullable=False),
    Column("href", Text),
    Column("target", Text, comment="the linked record's id, resolved from href"),
    Column("date_text", Text),
    Column("date_edtf", Text),
    Column("year", Integer),
    Column("authors", Text, nullable=False, comment="JSON list of names"),
    Column("section", Text),
    Column("pages", Text),
    Column("note", Text),
    PrimaryKeyConstraint("record_id", "position"),
)
Index("ix_index_entries_target", index_entries.c.target)

revisions = Table(
    "revisions",
    metadata,
    Column("record_id", Text, nullable=False, comment="no foreign key: history outlives deletion"),
    Column("number", Integer, nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("origin", Text),
    Column("record_json", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    PrimaryKeyConstraint("record_id", "number"),
)

changes = Table(
    "changes",
    metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), Identity(), primary_key=True),
    Column("record_id", Text, nullable=False),
    Column("action", Text, nullable=False, comment="put or delete"),
    Column("content_hash", Text),
    Column("created_at", Text, nullable=False),
    sqlite_autoincrement=True,
)

file_states = Table(
    "file_states",
    metadata,
    Column("file", Text, primary_key=True, comment="absolute, normalised path of a source file"),
    Column("key", Text, nullable=False, comment="digest of site path, format and importer code"),
    Column("size", BigInteger, nullable=False),
    Column("mtime_ns", BigInteger, nullable=False),
    Column("ctime_ns", BigInteger, nullable=False),
    Column("inode", BigInteger, nullable=False),
    Column("content_hash", Text, nullable=False, comment="the content hash of the bytes it had then"),
    comment="the import's cache: a file that still matches its row is not read again",
)

folder_states = Table(
    "folder_states",
    metadata,
    Column("folder", Text, primary_key=True, comment="absolute, normalised path of a folder"),
    Column("mtime_ns", BigInteger, nullable=False),
    Column("ctime_ns", BigInteger, nullable=False),
    Column("inode", BigInteger, nullable=False),
    Column("files", Text, nullable=False, comment="names of its files, sorted, joined by '/'"),
    Column("folders", Text, nullable=False, comment="names of its sub-folders, sorted, joined by '/'"),
    comment="the import's walk cache: a folder that still matches its row is not listed again",
)

CACHE_TABLES = frozenset({"file_states", "folder_states"})
"""Tables that only save work (rebuilt by any import): not content, so ``dump()`` leaves them out."""
