"""Catalog fixtures: every catalog test runs on SQLite and on PostgreSQL.

PostgreSQL needs a server URL in ``SCRIPTORIUM_TEST_POSTGRES`` (start one with
``scripts/pg-test-server.sh start``); without it the PostgreSQL cases are
skipped with that reason. Each PostgreSQL test gets a schema of its own,
selected through the URL's ``search_path`` option and dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from urllib.parse import quote

import pytest

from scriptorium.catalog import open_catalog
from scriptorium.catalog.store import SqlCatalog

PG_ENV = "SCRIPTORIUM_TEST_POSTGRES"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def with_search_path(url: str, schema: str) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}', safe='')}"


@pytest.fixture(params=BACKENDS)
def catalog_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A URL where no catalog exists yet, on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "catalog.sqlite")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: start a server with scripts/pg-test-server.sh start")
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_search_path(base, schema)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def open_at(catalog_url: str) -> Iterator[Callable[..., SqlCatalog]]:
    """Open catalogs at the test's URL (closed after the test)."""
    opened: list[SqlCatalog] = []

    def opener(**kwargs) -> SqlCatalog:
        catalog = open_catalog(catalog_url, **kwargs)
        opened.append(catalog)
        return catalog

    yield opener
    for catalog in opened:
        catalog.close()


@pytest.fixture
def catalog(open_at) -> SqlCatalog:
    return open_at()
