"""Fixtures: the test archive in a real catalog (SQLite; PostgreSQL when configured) and its index."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from scriptorium.catalog import open_catalog
from scriptorium.catalog.api import Catalog
from scriptorium.model import Record
from scriptorium.search import SearchIndex, rebuild

from .archive import records

POSTGRES_ENV = "SCRIPTORIUM_TEST_POSTGRES"


def content_hash(record: Record) -> str:
    return hashlib.sha256(record.to_json().encode("utf-8")).hexdigest()


def put_all(catalog: Catalog, items: list[Record]) -> None:
    with catalog.batch() as batch:
        for record in items:
            batch.put(record, content_hash=content_hash(record), origin="test")


@pytest.fixture(scope="module")
def archive_catalog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    """The test archive in a SQLite catalog, shared by a module's read-only tests."""
    path = tmp_path_factory.mktemp("catalog") / "scriptorium.sqlite"
    catalog = open_catalog(str(path))
    put_all(catalog, records())
    yield catalog
    catalog.close()


@pytest.fixture(scope="module")
def index(archive_catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    path = tmp_path_factory.mktemp("index") / "scriptorium.sqlite.index"
    built, _ = rebuild(path, archive_catalog)
    return built


@pytest.fixture
def sqlite_catalog(tmp_path: Path) -> Iterator[Catalog]:
    catalog = open_catalog(str(tmp_path / "scriptorium.sqlite"))
    yield catalog
    catalog.close()


def _postgres_catalog() -> Iterator[Catalog]:
    """A throwaway schema-less database per test is costly; a fresh schema would need the catalog's help,
    so each test gets its own database created on the server named by the env variable."""
    import psycopg

    base = os.environ[POSTGRES_ENV]
    name = f"scriptorium_search_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = base.rsplit("/", 1)[0] + "/" + name
    catalog = open_catalog(url)
    try:
        yield catalog
    finally:
        catalog.close()
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_catalog(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Catalog]:
    """A fresh, empty catalog on each backend (PostgreSQL only when SCRIPTORIUM_TEST_POSTGRES is set)."""
    if request.param == "sqlite":
        catalog = open_catalog(str(tmp_path / "scriptorium.sqlite"))
        yield catalog
        catalog.close()
        return
    if not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"set {POSTGRES_ENV} to a PostgreSQL URL to run this test on PostgreSQL")
    yield from _postgres_catalog()
