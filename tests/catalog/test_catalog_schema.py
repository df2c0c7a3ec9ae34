"""Opening catalogs: URLs, migrations, schema versions (on both backends where it applies)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from scriptorium.catalog import DEFAULT_CATALOG, open_catalog, parse_catalog_url
from scriptorium.catalog.migrate import HEAD, KNOWN_REVISIONS, MIGRATIONS_DIR
from scriptorium.errors import CatalogError, CatalogURLError, SchemaVersionError

from .records import document, put_all


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("var/cat.sqlite", "sqlite", "var/cat.sqlite"),
        ("/abs/cat.db", "sqlite", "/abs/cat.db"),
        ("sqlite:///rel/cat.sqlite", "sqlite", "rel/cat.sqlite"),
        ("sqlite:////abs/cat.sqlite", "sqlite", "/abs/cat.sqlite"),
        ("postgresql://u@h:5433/db", "postgresql", "postgresql://u@h:5433/db"),
        ("postgres://u:pw@h/db", "postgresql", "postgresql://u:pw@h/db"),
        ("postgresql+psycopg://u@h/db?sslmode=disable", "postgresql", "postgresql://u@h/db?sslmode=disable"),
    ],
)
def test_urls(url, backend, location) -> None:
    target = parse_catalog_url(url)
    assert (target.backend, target.location) == (backend, location)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/db", "unsupported catalog URL scheme 'mysql'"),
        ("  ", "empty catalog URL"),
        ("sqlite://", "bad SQLite URL"),
        ("sqlite://host/x.db", "bad SQLite URL"),
        ("sqlite:x.db", "bad SQLite URL"),
        ("sqlite:///:memory:", "in-memory catalogs are not supported"),
    ],
)
def test_bad_urls(url, message) -> None:
    with pytest.raises(CatalogURLError, match=message) as raised:
        open_catalog(url)
    assert "\n" not in raised.value.one_line()


def test_default_url_comes_from_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SCRIPTORIUM_CATALOG", str(tmp_path / "env.sqlite"))
    assert parse_catalog_url(None).location == str(tmp_path / "env.sqlite")
    monkeypatch.delenv("SCRIPTORIUM_CATALOG")
    monkeypatch.chdir(tmp_path)
    assert parse_catalog_url(None).location == DEFAULT_CATALOG
    with open_catalog(None) as catalog:
        put_all(catalog, document("a/one"))
    assert (tmp_path / DEFAULT_CATALOG).is_file()


def test_sqlite_file_errors(tmp_path) -> None:
    with pytest.raises(CatalogError, match="no catalog at"):
        open_catalog(str(tmp_path / "missing.sqlite"), create=False)
    assert not (tmp_path / "missing.sqlite").exists()
    with pytest.raises(CatalogError, match="does not exist"):
        open_catalog(str(tmp_path / "no" / "such" / "dir.sqlite"))
    with pytest.raises(CatalogError, match="is a directory"):
        open_catalog(str(tmp_path))
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE mine (x)")
    with pytest.raises(CatalogError, match="not a Scriptorium catalog"):
        open_catalog(str(other))


def test_postgres_connection_error_is_one_line() -> None:
    with pytest.raises(CatalogError, match="cannot connect to PostgreSQL catalog") as raised:
        open_catalog("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "secret" not in raised.value.one_line()


def test_migration_from_empty(open_at) -> None:
    catalog = open_at()
    assert catalog.driver.execute("SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert catalog.stats().documents == 0
    put_all(catalog, document("a/one"))
    catalog.close()
    again = open_at(create=False)  # an existing catalog at the head version opens without Alembic
    assert again.get("a/one").title == "A title"


def test_missing_catalog_without_create(open_at) -> None:
    with pytest.raises(CatalogError, match="no catalog at"):
        open_at(create=False)


def test_newer_schema_is_refused(open_at) -> None:
    catalog = open_at()
    catalog.driver.execute("UPDATE alembic_version SET version_num = '9999'")
    catalog.close()
    with pytest.raises(SchemaVersionError, match="schema version 9999, newer than this Scriptorium"):
        open_at()


def test_migrated_schema_matches_the_metadata(open_at, catalog_url) -> None:
    """The newest migration builds exactly the tables ``schema.py`` describes, on each backend."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine, pool

    from scriptorium.catalog import parse_catalog_url
    from scriptorium.catalog.schema import metadata

    open_at().close()
    engine = create_engine(parse_catalog_url(catalog_url).sqlalchemy_url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_known_revisions_match_the_migration_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    chain = [s.revision for s in scripts.walk_revisions()][::-1]
    assert tuple(chain) == KNOWN_REVISIONS
    assert scripts.get_current_head() == HEAD


def test_migrations_ship_in_the_package() -> None:
    root = Path(__file__).resolve().parents[2]
    pyproject = (root / "pyproject.toml").read_text()
    assert '"catalog/migrations/*.py"' in pyproject and '"catalog/migrations/versions/*.py"' in pyproject
    assert '"catalog/head_sqlite.sql"' in pyproject
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py")) == [
        "0001_initial.py",
        "0002_file_states.py",
        "0003_folder_states.py",
    ]


def test_opening_an_up_to_date_catalog_skips_alembic(tmp_path) -> None:
    path = tmp_path / "c.sqlite"
    open_catalog(str(path)).close()
    code = (
        "import sys; from scriptorium.catalog import open_catalog; "
        f"c = open_catalog({str(path)!r}, create=False); c.stats(); "
        "print('alembic' in sys.modules, 'sqlalchemy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_catalog_at_the_first_schema_is_upgraded_on_open(catalog_url) -> None:
    """A catalog written at 0001 gains the file-state and folder caches on open and keeps its records."""
    from scriptorium.catalog import _connect
    from scriptorium.catalog.migrate import schema_version, upgrade
    from scriptorium.catalog.store import SqlCatalog

    target = parse_catalog_url(catalog_url)
    upgrade(target.sqlalchemy_url, postgres=target.backend == "postgresql", revision="0001")
    with SqlCatalog(catalog_url, _connect(target, create=True)) as old:
        assert schema_version(old.driver) == "0001"
        assert "file_states" not in old.driver.table_names()
        put_all(old, document("a/one"))
    with open_catalog(catalog_url, create=False) as catalog:
        assert schema_version(catalog.driver) == HEAD == "0003"
        assert catalog.get("a/one").title == "A title"
        assert catalog.file_states() == {} and catalog.folder_states() == {}
        assert {"file_states", "folder_states"} <= set(catalog.driver.table_names())


def test_head_script_is_what_the_migrations_build(tmp_path) -> None:
    """A new SQLite catalog is made from ``head_sqlite.sql``; it must stay what the migrations make."""
    from scriptorium.catalog.migrate import HEAD_SQLITE, render_head_sqlite

    assert HEAD_SQLITE.read_text(encoding="utf-8") == render_head_sqlite(str(tmp_path / "scratch.sqlite")), (
        "regenerate src/scriptorium/catalog/head_sqlite.sql with migrate.render_head_sqlite"
    )


def test_new_sqlite_catalog_from_the_script_equals_a_migrated_one(tmp_path) -> None:
    import sqlite3

    from scriptorium.catalog import open_catalog
    from scriptorium.catalog.migrate import upgrade

    open_catalog(str(tmp_path / "scripted.sqlite")).close()
    upgrade(f"sqlite:///{tmp_path / 'migrated.sqlite'}", postgres=False)

    def schema(path):
        conn = sqlite3.connect(path)
        try:
            rows = conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
            ).fetchall()
            return rows, conn.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            conn.close()

    assert schema(tmp_path / "scripted.sqlite") == schema(tmp_path / "migrated.sqlite")


def test_new_sqlite_catalog_does_not_load_alembic(tmp_path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from scriptorium.catalog import open_catalog; "
        f"open_catalog({str(tmp_path / 'new.sqlite')!r}).close(); "
        "print('alembic' in sys.modules, 'sqlalchemy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
