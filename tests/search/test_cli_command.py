"""The ``index``, ``search`` and ``related`` commands, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scriptorium.catalog import open_catalog
from scriptorium.search.cli_command import index_command, related_command, search_command

from .archive import documents, records
from .conftest import put_all


@pytest.fixture
def catalog_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SCRIPTORIUM_INDEX_DIR", raising=False)
    monkeypatch.delenv("SCRIPTORIUM_CATALOG", raising=False)
    path = tmp_path / "archive.sqlite"
    catalog = open_catalog(str(path))
    put_all(catalog, records())
    catalog.close()
    return path


def run(command, *args: str):
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def test_index_then_search(catalog_file: Path) -> None:
    missing = run(search_command, "strike", "--catalog", str(catalog_file))
    assert missing.exit_code == 1 and "scriptorium index" in missing.output

    built = run(index_command, "--catalog", str(catalog_file), "--json")
    assert built.exit_code == 0, built.output
    summary = json.loads(built.output)
    assert summary["documents"] == len(documents())
    assert summary["index"] == str(catalog_file) + ".index"

    found = run(search_command, '"general strike"', "--catalog", str(catalog_file))
    assert found.exit_code == 0, found.output
    assert "2 documents" in found.output and "The French Strikes — Leon Trotsky, June 1936" in found.output
    assert "writer: " in found.output and "decade: 1930s (1), 1960s (1)" in found.output

    as_json = run(
        search_command, "", "--catalog", str(catalog_file), "--json", "--year", "1936..1940",
        "--sort", "date", "--limit", "2", "--page", "2",
    )  # fmt: skip
    data = json.loads(as_json.output)
    assert data["total"] == 4 and data["page"] == 2 and len(data["hits"]) == 2
    assert [h["date"] for h in data["hits"]] == ["September 1938", "April 1940"]

    again = run(index_command, "--catalog", str(catalog_file), "--rebuild")
    assert again.exit_code == 0 and f"{len(documents())} documents" in again.output


def test_search_catches_up_with_the_catalog(catalog_file: Path) -> None:
    run(index_command, "--catalog", str(catalog_file))
    catalog = open_catalog(str(catalog_file))
    first = documents()[0]
    put_all(catalog, [first.replace(text=first.text + " Shipyards too.")])
    catalog.close()
    stale = run(search_command, "shipyards", "--catalog", str(catalog_file), "--no-update", "--json")
    assert json.loads(stale.output)["total"] == 0
    fresh = run(search_command, "shipyards", "--catalog", str(catalog_file), "--json")
    assert json.loads(fresh.output)["total"] == 1


def test_errors_are_one_line(catalog_file: Path, tmp_path: Path) -> None:
    run(index_command, "--catalog", str(catalog_file))
    bad = run(search_command, "(strike", "--catalog", str(catalog_file))
    assert bad.exit_code == 2
    assert bad.output.strip().startswith("scriptorium: a '(' at character 1 is never closed")
    assert "Traceback" not in bad.output
    wrong_kind = run(search_command, "x", "--kind", "poem", "--catalog", str(catalog_file))
    assert wrong_kind.exit_code == 2 and "unknown kind" in wrong_kind.output
    elsewhere = run(search_command, "x", "--index", str(tmp_path / "none"), "--catalog", str(catalog_file))
    assert elsewhere.exit_code == 1 and "no search index" in elsewhere.output
    assert elsewhere.output.count(str(tmp_path / "none")) == 1  # the path is said once


def test_related_command(catalog_file: Path) -> None:
    run(index_command, "--catalog", str(catalog_file))
    out = run(
        related_command,
        "writers/trotsky/1936/06/the-french-strikes",
        "--catalog",
        str(catalog_file),
        "--json",
    )
    assert out.exit_code == 0
    assert "writers/cliff/1968/05/france-the-struggle-goes-on" in [h["id"] for h in json.loads(out.output)]
    missing = run(related_command, "writers/nobody/1900/01/x", "--catalog", str(catalog_file))
    assert missing.exit_code == 1 and "no document" in missing.output
