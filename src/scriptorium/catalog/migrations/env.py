"""Alembic environment for the catalog.

The catalog runs migrations itself (``scriptorium.catalog.migrate``) and hands
Alembic an open connection in ``config.attributes["connection"]``. Run by the
``alembic`` command instead, it connects to ``sqlalchemy.url`` from the config.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from scriptorium.catalog.schema import metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)


def run_migrations_offline() -> None:
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
