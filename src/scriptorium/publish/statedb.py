"""The build state on disk: a SQLite file beside the site, read a row at a time.

A quick build looks at a handful of documents, their writers, issues and
links; loading the whole site model for that would cost more than the rest
of the build. So each part of the state is a table, and the model a quick
build gets is made of :class:`LazyTable` mappings that read the rows asked
for and read a whole table (in the order the full build made it, which the
pages' order depends on) only when something iterates over it. The records'
content hashes, which every build compares whole, are one value in ``meta``.

A full build writes a new file and moves it into place; a quick build
updates the rows it changed in one transaction.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sqlite3
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

FORMAT = 4

# Tables of objects (pickled, one row each) and of plain strings, each with the order of its rows.
OBJECTS = ("docs", "writers", "periodicals", "works", "volunteers")
STRINGS = ("pages", "anchors_by_out", "out_index", "files", "lastmod", "html_pages")
_DUMPS = pickle.dumps
_LOADS = pickle.loads


def _schema(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL)")
    for table in OBJECTS:
        conn.execute(
            f"CREATE TABLE {table} (key TEXT PRIMARY KEY, seq INTEGER NOT NULL, value BLOB NOT NULL)"
        )
    for table in STRINGS:
        conn.execute(f"CREATE TABLE {table} (key TEXT PRIMARY KEY, seq INTEGER NOT NULL, value TEXT)")
    for table in (*OBJECTS, *STRINGS):  # a new row goes after the last: max(seq) from the index
        conn.execute(f"CREATE INDEX {table}_seq ON {table} (seq)")


def write(path: Path, meta: dict[str, Any], objects: dict[str, dict], strings: dict[str, dict]) -> None:
    """A new state file at ``path`` (written aside, then moved into place)."""
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        _schema(conn)
        conn.executemany(
            "INSERT INTO meta VALUES (?, ?)", [(k, _DUMPS(v)) for k, v in {**meta, "format": FORMAT}.items()]
        )
        for table, rows in objects.items():
            conn.executemany(
                f"INSERT INTO {table} VALUES (?, ?, ?)",
                [(k, n, _DUMPS(v)) for n, (k, v) in enumerate(rows.items())],
            )
        for table, rows in strings.items():
            conn.executemany(
                f"INSERT INTO {table} VALUES (?, ?, ?)", [(k, n, v) for n, (k, v) in enumerate(rows.items())]
            )
        conn.execute("COMMIT")
    finally:
        conn.close()
    # Written without a journal, so flushed here, before it is put in place: a state that names the
    # site's build is whole on disk, and the next build's first commit does not pay for this one.
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


class StateFile:
    """An open state file: its meta values, and lazy views of its tables."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.meta = {name: _LOADS(value) for name, value in self.conn.execute("SELECT name, value FROM meta")}
        if self.meta.get("format") != FORMAT:
            raise ValueError("a state file of another format")

    def table(self, name: str) -> LazyTable:
        decode = _LOADS if name in OBJECTS else None
        return LazyTable(self.conn, name, decode)

    def update(self, meta: dict[str, Any], objects: dict[str, dict], strings: dict[str, dict]) -> None:
        """Change rows in one transaction: a value of None deletes a string row."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)", [(k, _DUMPS(v)) for k, v in meta.items()]
            )
            for table, rows in objects.items():
                self._upsert(table, [(k, _DUMPS(v)) for k, v in rows.items()])
            for table, rows in strings.items():
                conn.executemany(
                    f"DELETE FROM {table} WHERE key = ?", [(k,) for k, v in rows.items() if v is None]
                )
                self._upsert(table, [(k, v) for k, v in rows.items() if v is not None])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _upsert(self, table: str, rows: list[tuple[str, Any]]) -> None:
        # A new key goes last, as it would in the dictionary the full build made.
        self.conn.executemany(
            f"INSERT INTO {table} VALUES (?, (SELECT coalesce(max(seq), -1) + 1 FROM {table}), ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            rows,
        )

    def close(self) -> None:
        self.conn.close()


class LazyTable(MutableMapping):
    """A dictionary over one table: rows are read when asked for, all of them (in order) when iterated.

    Changes stay in memory (the build writes what it changed with :meth:`StateFile.update`).
    """

    def __init__(self, conn: sqlite3.Connection, table: str, decode: Callable[[bytes], Any] | None) -> None:
        self._conn = conn
        self._table = table
        self._decode = decode
        self._cache: dict[str, Any] = {}
        self._deleted: set[str] = set()
        self._complete = False
        self._get = f"SELECT value FROM {table} WHERE key = ?"

    def __getitem__(self, key: str) -> Any:
        try:
            return self._cache[key]
        except KeyError:
            pass
        if self._complete or key in self._deleted or not isinstance(key, str):
            raise KeyError(key)
        row = self._conn.execute(self._get, (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        value = self._decode(row[0]) if self._decode else row[0]
        self._cache[key] = value
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        self._deleted.discard(key)
        self._cache[key] = value

    def __delitem__(self, key: str) -> None:
        self[key]
        del self._cache[key]
        self._deleted.add(key)

    def __iter__(self) -> Iterator[str]:
        self._load()
        return iter(self._cache)

    def __len__(self) -> int:
        self._load()
        return len(self._cache)

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def values(self):  # type: ignore[override]
        self._load()
        return self._cache.values()

    def items(self):  # type: ignore[override]
        self._load()
        return self._cache.items()

    def keys(self):  # type: ignore[override]
        self._load()
        return self._cache.keys()

    def _load(self) -> None:
        """Every row, in the order the full build made them; values changed here win."""
        if self._complete:
            return
        decode, cache, deleted = self._decode, self._cache, self._deleted
        ordered: dict[str, Any] = {}
        for key, value in self._conn.execute(f"SELECT key, value FROM {self._table} ORDER BY seq"):
            if key in deleted:
                continue
            if key in cache:
                ordered[key] = cache[key]
            else:
                ordered[key] = decode(value) if decode else value
        for key, value in cache.items():
            ordered.setdefault(key, value)
        self._cache = ordered
        self._complete = True
