"""The import's file-state cache (an unchanged source file is not read again), and an index
covering every record's content hash (read once per import).

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "file_states",
        sa.Column("file", sa.Text(), nullable=False, comment="absolute, normalised path of a source file"),
        sa.Column("key", sa.Text(), nullable=False, comment="digest of site path, format and importer code"),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("mtime_ns", sa.BigInteger(), nullable=False),
        sa.Column("ctime_ns", sa.BigInteger(), nullable=False),
        sa.Column("inode", sa.BigInteger(), nullable=False),
        sa.Column(
            "content_hash", sa.Text(), nullable=False, comment="the content hash of the bytes it had then"
        ),
        sa.PrimaryKeyConstraint("file", name=op.f("pk_file_states")),
        comment="the import's cache: a file that still matches its row is not read again",
    )
    op.create_index("ix_records_id_content_hash", "records", ["id", "content_hash"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_records_id_content_hash", table_name="records")
    op.drop_table("file_states")
