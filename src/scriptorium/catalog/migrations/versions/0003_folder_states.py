"""The import's folder-listing cache: a folder whose times and inode are unchanged is not listed again.

Revision ID: 0003
Revises: 0002
Create Date: 2025-02-15
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "folder_states",
        sa.Column("folder", sa.Text(), nullable=False, comment="absolute, normalised path of a folder"),
        sa.Column("mtime_ns", sa.BigInteger(), nullable=False),
        sa.Column("ctime_ns", sa.BigInteger(), nullable=False),
        sa.Column("inode", sa.BigInteger(), nullable=False),
        sa.Column("files", sa.Text(), nullable=False, comment="names of its files, sorted, joined by '/'"),
        sa.Column(
            "folders", sa.Text(), nullable=False, comment="names of its sub-folders, sorted, joined by '/'"
        ),
        sa.PrimaryKeyConstraint("folder", name=op.f("pk_folder_states")),
        comment="the import's walk cache: a folder that still matches its row is not listed again",
    )


def downgrade() -> None:
    op.drop_table("folder_states")
