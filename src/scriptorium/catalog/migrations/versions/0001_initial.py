"""The first catalog schema: records, their normalised projection, revisions, change log.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            sa.Identity(always=False),
            nullable=False,
        ),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False, comment="put or delete"),
        sa.Column("content_hash", sa.Text(), nullable=True),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_changes")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "people",
        sa.Column("name", sa.Text(), nullable=False, comment="transcribers, translators, proofreaders..."),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_people")),
    )
    op.create_table(
        "revisions",
        sa.Column(
            "record_id", sa.Text(), nullable=False, comment="no foreign key: history outlives deletion"
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("record_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", "number", name=op.f("pk_revisions")),
    )
    op.create_table(
        "sources",
        sa.Column("name", sa.Text(), nullable=False, comment="an archive or site texts were copied from"),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sources")),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("page_type", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("subtitle", sa.Text(), nullable=True),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("date_edtf", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("collection", sa.Text(), nullable=True),
        sa.Column("copied_from", sa.Text(), nullable=True),
        sa.Column("rights", sa.Text(), nullable=True),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("part_of_id", sa.Text(), nullable=True),
        sa.Column("part_of_title", sa.Text(), nullable=True),
        sa.Column("last_updated_text", sa.Text(), nullable=True),
        sa.Column("last_updated_iso", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False, comment="number of the current revision"),
        sa.Column(
            "origin",
            sa.Text(),
            nullable=True,
            comment="where the current revision came from (file path or 'edit')",
        ),
        sa.Column("record_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False, comment="when the current revision was stored"),
        sa.ForeignKeyConstraint(
            ["copied_from"], ["sources.name"], name=op.f("fk_records_copied_from_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records")),
    )
    op.create_index("ix_records_copied_from", "records", ["copied_from"], unique=False)
    op.create_index("ix_records_kind", "records", ["kind"], unique=False)
    op.create_index("ix_records_page_type_year", "records", ["page_type", "year"], unique=False)
    op.create_table(
        "authors",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("born_text", sa.Text(), nullable=True),
        sa.Column("born_edtf", sa.Text(), nullable=True),
        sa.Column("died_text", sa.Text(), nullable=True),
        sa.Column("died_edtf", sa.Text(), nullable=True),
        sa.Column("life_dates", sa.Text(), nullable=True),
        sa.Column("biography", sa.Text(), nullable=True),
        sa.Column("profile_record_id", sa.Text(), nullable=True, comment="the author-index page"),
        sa.ForeignKeyConstraint(
            ["profile_record_id"], ["records.id"], name=op.f("fk_authors_profile_record_id_records")
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_authors")),
    )
    op.create_index("ix_authors_profile_record_id", "authors", ["profile_record_id"], unique=False)
    op.create_table(
        "credits",
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("person", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["person"], ["people.name"], name=op.f("fk_credits_person_people")),
        sa.ForeignKeyConstraint(["record_id"], ["records.id"], name=op.f("fk_credits_record_id_records")),
        sa.PrimaryKeyConstraint("record_id", "position", name=op.f("pk_credits")),
    )
    op.create_index("ix_credits_person", "credits", ["person"], unique=False)
    op.create_table(
        "index_entries",
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "list",
            sa.Text(),
            nullable=False,
            comment="works (author index), contents (issue), links (work index)",
        ),
        sa.Column("periodical", sa.Text(), nullable=True),
        sa.Column("issue", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("href", sa.Text(), nullable=True),
        sa.Column("target", sa.Text(), nullable=True, comment="the linked record's id, resolved from href"),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("date_edtf", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("authors", sa.Text(), nullable=False, comment="JSON list of names"),
        sa.Column("section", sa.Text(), nullable=True),
        sa.Column("pages", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_index_entries_record_id_records")
        ),
        sa.PrimaryKeyConstraint("record_id", "position", name=op.f("pk_index_entries")),
    )
    op.create_index("ix_index_entries_target", "index_entries", ["target"], unique=False)
    op.create_table(
        "periodicals",
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("profile_record_id", sa.Text(), nullable=True, comment="the periodical-index page"),
        sa.ForeignKeyConstraint(
            ["profile_record_id"], ["records.id"], name=op.f("fk_periodicals_profile_record_id_records")
        ),
        sa.PrimaryKeyConstraint("title", name=op.f("pk_periodicals")),
    )
    op.create_index("ix_periodicals_profile_record_id", "periodicals", ["profile_record_id"], unique=False)
    op.create_table(
        "relations",
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("predicate", sa.Text(), nullable=False, comment="part-of, reviews, links-to"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "object",
            sa.Text(),
            nullable=True,
            comment="a record id (or book:slug for reviewed books); null when unknown",
        ),
        sa.Column("label", sa.Text(), nullable=True, comment="the object as the page names it"),
        sa.ForeignKeyConstraint(["subject"], ["records.id"], name=op.f("fk_relations_subject_records")),
        sa.PrimaryKeyConstraint("subject", "predicate", "position", name=op.f("pk_relations")),
    )
    op.create_index("ix_relations_object", "relations", ["object"], unique=False)
    op.create_table(
        "reviewed_books",
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("authors", sa.Text(), nullable=False, comment="JSON list of names"),
        sa.Column("editors", sa.Text(), nullable=False, comment="JSON list of names"),
        sa.Column("translators", sa.Text(), nullable=False, comment="JSON list of names"),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("year", sa.Text(), nullable=True),
        sa.Column("price", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_reviewed_books_record_id_records")
        ),
        sa.PrimaryKeyConstraint("record_id", "position", name=op.f("pk_reviewed_books")),
    )
    op.create_table(
        "document_authors",
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("author_name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_name"], ["authors.name"], name=op.f("fk_document_authors_author_name_authors")
        ),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_document_authors_record_id_records")
        ),
        sa.PrimaryKeyConstraint("record_id", "position", name=op.f("pk_document_authors")),
    )
    op.create_index("ix_document_authors_author_name", "document_authors", ["author_name"], unique=False)
    op.create_table(
        "issues",
        sa.Column("periodical", sa.Text(), nullable=False),
        sa.Column("designation", sa.Text(), nullable=False),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("date_edtf", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("href", sa.Text(), nullable=True),
        sa.Column("profile_record_id", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["periodical"], ["periodicals.title"], name=op.f("fk_issues_periodical_periodicals")
        ),
        sa.ForeignKeyConstraint(
            ["profile_record_id"], ["records.id"], name=op.f("fk_issues_profile_record_id_records")
        ),
        sa.PrimaryKeyConstraint("periodical", "designation", name=op.f("pk_issues")),
    )
    op.create_index("ix_issues_profile_record_id", "issues", ["profile_record_id"], unique=False)
    op.create_table(
        "document_sources",
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("periodical", sa.Text(), nullable=True),
        sa.Column("issue", sa.Text(), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("date_edtf", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("pages", sa.Text(), nullable=True),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["periodical", "issue"],
            ["issues.periodical", "issues.designation"],
            name="fk_document_sources_issue_issues",
        ),
        sa.ForeignKeyConstraint(
            ["periodical"], ["periodicals.title"], name=op.f("fk_document_sources_periodical_periodicals")
        ),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_document_sources_record_id_records")
        ),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_document_sources")),
    )
    op.create_index(
        "ix_document_sources_periodical_issue", "document_sources", ["periodical", "issue"], unique=False
    )


def downgrade() -> None:
    op.drop_table("document_sources")
    op.drop_table("issues")
    op.drop_table("document_authors")
    op.drop_table("reviewed_books")
    op.drop_table("relations")
    op.drop_table("periodicals")
    op.drop_table("index_entries")
    op.drop_table("credits")
    op.drop_table("authors")
    op.drop_table("records")
    op.drop_table("sources")
    op.drop_table("revisions")
    op.drop_table("people")
    op.drop_table("changes")
