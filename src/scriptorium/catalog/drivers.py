"""Thin DB-API drivers: the only place that knows sqlite3 from psycopg.

The catalog's SQL is written once, with ``?`` placeholders and syntax both
engines share (``ON CONFLICT``, scalar subqueries); a driver converts the
placeholders, opens and ends transactions, and turns driver errors into
``CatalogError``. Both run in autocommit mode outside ``begin()`` so that reads
see the latest committed state and never hold a transaction open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import suppress
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scriptorium.errors import CatalogError


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class Driver:
    """What the shared SQL needs from a connection."""

    name: str
    display_url: str
    errors: tuple[type[BaseException], ...]
    takes_utf8_text = False
    """Whether ``CAST(? AS TEXT)`` on UTF-8 bytes gives their text (SQLite: yes, as is)."""
    preload_after: int | None = None
    """Look-ups a batch makes one by one before it reads every id's state at once (None: never)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def insert_rows(self, table: str, columns: Sequence[str], rows: list[Sequence[Any]]) -> None:
        """Add rows to a table (no conflict handling): the bulk path for normalised rows."""
        if rows:
            marks = ", ".join("?" * len(columns))
            self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def begin(self) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def table_names(self) -> set[str]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def wrap(self, error: BaseException, doing: str) -> CatalogError:
        return CatalogError(f"catalog {self.display_url}: {doing} failed: {_first_line(error)}")


PAGE_SIZE = 16384
"""SQLite page size for new catalogs: most records are 10-100 KB of JSON."""


class SQLiteDriver(Driver):
    name = "sqlite"
    errors = (sqlite3.Error,)
    takes_utf8_text = True

    def __init__(self, path: str, *, busy_timeout_s: float = 30.0) -> None:
        self.path = path
        self.display_url = path
        try:
            # Usable from any thread (a web server's pool), one thread at a time.
            self.conn = sqlite3.connect(
                path, isolation_level=None, timeout=busy_timeout_s, check_same_thread=False
            )
            # Only a new, empty file takes a page size; records are tens of KB, so
            # larger pages mean shorter overflow chains.
            self.conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            # A large import grows the write-ahead log to its size; give the space back after.
            self.conn.execute("PRAGMA journal_size_limit=67108864")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA cache_size=-65536")
        except sqlite3.Error as error:
            raise CatalogError(f"cannot open SQLite catalog {path}: {_first_line(error)}") from None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.conn.execute(sql, params).fetchall()

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def begin(self) -> None:
        # IMMEDIATE takes the write lock now: a second writer waits here instead of
        # failing half-way through its batch.
        self.conn.execute("BEGIN IMMEDIATE")

    def table_names(self) -> set[str]:
        rows = self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows if not name.startswith("sqlite_")}

    def close(self) -> None:
        self.conn.close()


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" if parts.username else f"***@{host}"
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


_WRITER_LOCK = 0x5C0A1B  # advisory lock key held by the one writing transaction


class PostgresDriver(Driver):
    name = "postgresql"
    preload_after = 64  # a look-up is a network round trip here

    def __init__(self, conninfo: str) -> None:
        import psycopg

        self.errors = (psycopg.Error,)
        self.display_url = redact(conninfo)
        self._sql_cache: dict[str, str] = {}
        try:
            self.conn = psycopg.connect(conninfo, autocommit=True)
        except psycopg.Error as error:
            raise CatalogError(
                f"cannot connect to PostgreSQL catalog {self.display_url}: {_first_line(error)}"
            ) from None
        # Records are large: lz4 compresses them several times faster than the default
        # pglz (PostgreSQL 14 and later, when built with lz4; otherwise the default stays).
        with suppress(psycopg.Error):
            self.conn.execute("SET default_toast_compression = 'lz4'")

    def _sql(self, sql: str) -> str:
        converted = self._sql_cache.get(sql)
        if converted is None:
            converted = self._sql_cache[sql] = sql.replace("%", "%%").replace("?", "%s")
        return converted

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        cursor = self.conn.execute(self._sql(sql), params) if params else self.conn.execute(sql)
        return cursor.fetchall() if cursor.description is not None else []

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany(self._sql(sql), rows)

    def insert_rows(self, table: str, columns: Sequence[str], rows: list[Sequence[Any]]) -> None:
        # COPY sends the rows as one stream: tens of thousands of index entries cost
        # one statement instead of one each.
        if not rows:
            return
        with (
            self.conn.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def begin(self) -> None:
        # One writer at a time, as with SQLite: a batch's look-ups stay true until it
        # commits. Readers are never blocked.
        self.conn.execute("BEGIN")
        self.conn.execute(f"SELECT pg_advisory_xact_lock({_WRITER_LOCK})")

    def table_names(self) -> set[str]:
        rows = self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
        return {name for (name,) in rows}

    def close(self) -> None:
        self.conn.close()
