"""The ``build`` and ``check`` commands over a real SQLite catalog, determinism, and the real corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture import record_hash, records

from scriptorium.catalog import open_catalog
from scriptorium.publish import build_site, check_links
from scriptorium.publish.cli_command import build, check
from scriptorium.publish.site import MANIFEST

HERE = Path(__file__).resolve().parent


def _catalog_with_fixture(path: Path) -> str:
    url = str(path)
    catalog = open_catalog(url)
    try:
        with catalog.batch() as batch:
            for record in records():
                batch.put(record, content_hash=record_hash(record), origin="fixture")
    finally:
        catalog.close()
    return url


def test_build_and_check_commands(tmp_path: Path) -> None:
    url = _catalog_with_fixture(tmp_path / "catalog.sqlite")
    out = tmp_path / "site"
    runner = CliRunner()
    args = ["--out", str(out), "--catalog", url, "--base-url", "https://archive.example.org", "-q"]
    first = runner.invoke(build, args)
    assert first.exit_code == 0, first.output
    assert "pages written" in first.output and (out / "archive/foot-paul/1995/06/wilson.htm").is_file()
    again = runner.invoke(build, args)
    assert again.exit_code == 0 and ", 0 pages written," in again.output
    checked = runner.invoke(check, [str(out), "--links", "--external"])
    assert checked.exit_code == 0, checked.output
    assert "0 broken" in checked.output and "external: https://example.org/history" in checked.output
    (out / "archive/cliff/1975/lenin/ch3.htm").unlink()
    broken = runner.invoke(check, [str(out), "--links"])
    assert broken.exit_code == 1 and "broken: archive/cliff/1975/lenin/ch2.htm" in broken.output


def test_command_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(build, ["--out", str(tmp_path / "s"), "--catalog", str(tmp_path / "none.sqlite")])
    assert missing.exit_code != 0 and "Traceback" not in missing.output
    assert "no catalog" in missing.output and "scriptorium import" in missing.output
    assert "create=True" not in missing.output  # a library argument means nothing to a volunteer
    bad_url = runner.invoke(build, ["--out", str(tmp_path / "s"), "--base-url", "archive.example.org"])
    assert bad_url.exit_code == 2 and "must start with http" in bad_url.output
    no_site = runner.invoke(check, [str(tmp_path / "nowhere"), "--links"])
    assert no_site.exit_code != 0 and "is not a directory" in no_site.output


_BUILD_SCRIPT = """
import sys
sys.path.insert(0, {here!r})
from fixture import FakeCatalog, records
from scriptorium.publish import build_site
build_site(FakeCatalog(records()), sys.argv[1])
"""


def _deterministic_part(out: Path) -> dict[str, bytes]:
    """Every file but the search index, whose file names and layout the indexer chooses (not stable)."""
    tree = {}
    for path in out.rglob("*"):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and not rel.startswith("pagefind/"):
            tree[rel] = path.read_bytes()
    manifest = json.loads(tree.pop(MANIFEST))
    assert manifest.pop("search")["files"]
    tree[MANIFEST] = json.dumps(manifest).encode()
    return tree


def test_build_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    """Two processes with different string hashing write byte-identical sites (search index aside)."""
    trees = []
    for seed in ("1", "2"):
        out = tmp_path / f"site-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", _BUILD_SCRIPT.format(here=str(HERE)), str(out)], check=True, env=env
        )
        trees.append(_deterministic_part(out))
    assert trees[0] == trees[1]


@pytest.mark.slow
def test_real_corpus_builds_with_no_broken_internal_links(corpus_dir: Path, tmp_path: Path) -> None:
    from scriptorium import pipeline

    url = str(tmp_path / "corpus.sqlite")
    pipeline.import_paths([corpus_dir], url, jobs=1)
    catalog = open_catalog(url, create=False)
    try:
        first = build_site(catalog, tmp_path / "site")
        again = build_site(catalog, tmp_path / "site")
    finally:
        catalog.close()
    assert first.documents > 1000 and again.pages_written == 0
    report = check_links(tmp_path / "site")
    assert report.broken == [], "\n".join(map(str, report.broken[:20]))
