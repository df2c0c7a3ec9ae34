"""Schema versions: a cheap check on every open, Alembic only when an upgrade is due.

Importing Alembic and SQLAlchemy costs a CLI a few hundred milliseconds, so
opening a catalog first reads ``alembic_version`` over the plain connection;
only a new or older catalog pays for Alembic. A catalog written by a newer
Scriptorium (a version this code does not know) is refused.
"""

from __future__ import annotations

from pathlib import Path

from scriptorium.catalog.drivers import Driver
from scriptorium.errors import CatalogError, SchemaVersionError

KNOWN_REVISIONS = ("0001", "0002", "0003")
"""Every migration in ``migrations/versions``, oldest first (a test keeps this in step)."""
HEAD = KNOWN_REVISIONS[-1]
NO_CATALOG_HINT = "importing pages creates one (scriptorium import PATH --catalog URL)"
"""What to do when a catalog is opened for reading where there is none."""
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_PG_MIGRATION_LOCK = 0x5C0A1A  # advisory lock key: one process migrates at a time


def schema_version(driver: Driver) -> str | None:
    """The catalog's schema revision, or None when it has none."""
    if "alembic_version" not in driver.table_names():
        return None
    rows = driver.execute("SELECT version_num FROM alembic_version")
    return rows[0][0] if rows else None


def check_schema(driver: Driver, sqlalchemy_url: str, *, create: bool) -> None:
    """Bring the catalog to ``HEAD`` or refuse it; the caller's connection stays open."""
    try:
        version = schema_version(driver)
        if version == HEAD:
            return
        if version is not None and version not in KNOWN_REVISIONS:
            raise SchemaVersionError(
                f"catalog {driver.display_url} has schema version {version}, newer than this "
                f"Scriptorium knows (up to {HEAD}): upgrade Scriptorium to open it"
            )
        if version is None:
            if not create:
                raise CatalogError(f"no catalog at {driver.display_url}: {NO_CATALOG_HINT}")
            foreign = driver.table_names() - {"alembic_version"}
            if foreign:
                raise CatalogError(
                    f"{driver.display_url} holds tables ({', '.join(sorted(foreign)[:3])}...) but is not "
                    "a Scriptorium catalog"
                )
    except driver.errors as error:
        raise driver.wrap(error, "reading the schema version") from None
    if version is None and driver.name == "sqlite" and _create_from_script(driver):
        return
    upgrade(sqlalchemy_url, postgres=driver.name == "postgresql")


HEAD_SQLITE = Path(__file__).with_name("head_sqlite.sql")
"""The head schema as SQLite statements, written by :func:`render_head_sqlite` (a test keeps it equal
to what the migrations build): a new SQLite catalog is made from it in one transaction, without
loading Alembic and SQLAlchemy, which cost more than a small import."""


def _create_from_script(driver: Driver) -> bool:
    try:
        script = HEAD_SQLITE.read_text(encoding="utf-8")
    except OSError:
        return False
    if f"VALUES ('{HEAD}')" not in script:
        return False  # written for another revision: the migrations know best
    try:
        driver.begin()
        for statement in _statements(script):
            driver.execute(statement)
        driver.commit()
    except driver.errors as error:
        driver.rollback()
        raise driver.wrap(error, "creating the schema") from None
    return True


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";\n") if part.strip()]


def render_head_sqlite(path: str) -> str:
    """The statements that make a new SQLite catalog at ``HEAD``: the migrations are run on a
    scratch file at ``path`` and its schema read back, in creation order."""
    import sqlite3

    upgrade("sqlite:///" + path, postgres=False)
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        ).fetchall()
        (version,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    statements = [sql for (sql,) in rows]
    statements.append(f"INSERT INTO alembic_version (version_num) VALUES ('{version}')")
    header = "-- The catalog schema at its newest revision, for SQLite. Written by\n"
    header += "-- scriptorium.catalog.migrate.render_head_sqlite from the migrations; do not edit.\n"
    return header + "".join(f"{statement};\n" for statement in statements)


def upgrade(sqlalchemy_url: str, *, postgres: bool, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on their own connection."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, pool, text
    from sqlalchemy.exc import SQLAlchemyError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = create_engine(sqlalchemy_url, poolclass=pool.NullPool)
    try:
        with engine.begin() as connection:
            if postgres:
                connection.execute(text(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})"))
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except SQLAlchemyError as error:
        message = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise CatalogError(f"migrating the catalog schema failed: {message}") from None
    finally:
        engine.dispose()
