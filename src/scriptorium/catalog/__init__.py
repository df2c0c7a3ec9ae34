"""The catalog: the archive's one source of truth, on SQLite (default) or PostgreSQL.

``open_catalog(url)`` picks the backend from the URL, brings the schema up to
date (or refuses a newer one) and returns a ``Catalog`` (see ``api.py``)::

    with open_catalog("var/scriptorium.sqlite") as catalog:
        with catalog.batch() as batch:
            batch.put(record, content_hash=digest, origin=path)

URLs: a file path or ``sqlite:///relative/path`` / ``sqlite:////absolute/path``;
``postgresql://user@host:port/db`` (also ``postgres://`` and
``postgresql+psycopg://``). With no URL, ``$SCRIPTORIUM_CATALOG``, else
``scriptorium.sqlite`` in the current directory.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scriptorium.catalog.api import (
    Batch,
    Catalog,
    Change,
    DocumentSummary,
    FileState,
    FolderState,
    PutOutcome,
    Revision,
    Stats,
)
from scriptorium.errors import CatalogError, CatalogURLError

if TYPE_CHECKING:
    from scriptorium.catalog.drivers import Driver

__all__ = [
    "DEFAULT_CATALOG",
    "Batch",
    "Catalog",
    "CatalogTarget",
    "Change",
    "DocumentSummary",
    "FileState",
    "FolderState",
    "PutOutcome",
    "Revision",
    "Stats",
    "open_catalog",
    "parse_catalog_url",
]

DEFAULT_CATALOG = "scriptorium.sqlite"
ENV_VAR = "SCRIPTORIUM_CATALOG"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
_HINT = "give a file path, sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE"


@dataclass(frozen=True, slots=True)
class CatalogTarget:
    """Where a catalog URL points: ``sqlite`` and a file path, or ``postgresql`` and a libpq URL."""

    backend: str
    location: str

    @property
    def sqlalchemy_url(self) -> str:
        if self.backend == "sqlite":
            return "sqlite:///" + str(Path(self.location).resolve())
        return "postgresql+psycopg://" + self.location.split("://", 1)[1]


def parse_catalog_url(url: str | None) -> CatalogTarget:
    """Read a catalog URL; ``CatalogURLError`` says what is wrong with a bad one."""
    if url is None:
        url = os.environ.get(ENV_VAR) or DEFAULT_CATALOG
    if not isinstance(url, str) or not url.strip():
        raise CatalogURLError(f"empty catalog URL: {_HINT}")
    url = url.strip()
    match = _SCHEME.match(url)
    if match is None:
        if url.startswith("sqlite:"):
            raise CatalogURLError(
                f"bad SQLite URL {url!r}: write sqlite:///relative/path or sqlite:////abs/path"
            )
        if url == ":memory:":
            raise CatalogURLError("in-memory catalogs are not supported: give a file path")
        return CatalogTarget("sqlite", url)
    scheme = match.group(1).lower()
    rest = url[match.end() :]
    if scheme == "sqlite":
        if not rest.startswith("/") or rest in ("/", "//"):
            raise CatalogURLError(
                f"bad SQLite URL {url!r}: write sqlite:///relative/path or sqlite:////abs/path"
            )
        path = rest[1:].split("?", 1)[0]
        if path == ":memory:":
            raise CatalogURLError("in-memory catalogs are not supported: give a file path")
        return CatalogTarget("sqlite", path)
    if scheme in ("postgresql", "postgres", "postgresql+psycopg", "postgresql+psycopg3"):
        return CatalogTarget("postgresql", "postgresql://" + rest)
    raise CatalogURLError(f"unsupported catalog URL scheme {scheme!r} in {url!r}: {_HINT}")


def open_catalog(url: str | None = None, *, create: bool = True) -> Catalog:
    """Open (and with ``create``, make or upgrade) the catalog at ``url``."""
    from scriptorium.catalog.migrate import check_schema
    from scriptorium.catalog.store import SqlCatalog

    target = parse_catalog_url(url)
    driver = _connect(target, create=create)
    try:
        check_schema(driver, target.sqlalchemy_url, create=create)
    except BaseException:
        driver.close()
        raise
    return SqlCatalog(url if url is not None else target.location, driver)


def _connect(target: CatalogTarget, *, create: bool) -> Driver:
    from scriptorium.catalog.drivers import PostgresDriver, SQLiteDriver

    if target.backend == "postgresql":
        return PostgresDriver(target.location)
    path = Path(target.location)
    if path.is_dir():
        raise CatalogError(f"catalog path {path} is a directory: give a file name")
    if not path.exists():
        if not create:
            from scriptorium.catalog.migrate import NO_CATALOG_HINT

            raise CatalogError(f"no catalog at {path}: {NO_CATALOG_HINT}")
        if not path.parent.is_dir():
            raise CatalogError(f"cannot create catalog {path}: folder {path.parent} does not exist")
    return SQLiteDriver(str(path))
