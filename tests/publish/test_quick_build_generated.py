"""Quick builds against full builds on a generated archive, imported for real into SQLite.

Random edits of the kinds volunteers make (a corrected body, a new title, a
new date of last update, a changed subtitle) go through ``scriptorium import``
and a build; the site must be the one a full build from scratch gives.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from scriptorium.catalog import open_catalog
from scriptorium.pipeline import import_paths
from scriptorium.publish import Options, build_site

NO_SEARCH = Options(search=False)


@pytest.fixture(scope="module")
def corpus_gen(load_script):
    return load_script("benchmarks/corpus_gen.py")


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def edit(path: Path, rng: random.Random, round_no: int) -> str:
    """One edit of a Markdown page; returns its kind."""
    text = path.read_text(encoding="utf-8")
    kind = rng.choice(["body", "title", "updated", "body"])
    if kind == "body":
        text = text.rstrip("\n") + f"\n\nA correction made in round {round_no}.\n"
    elif kind == "title":
        text = re.sub(
            r"^title: .*$", f'title: "A title given in round {round_no}"', text, count=1, flags=re.M
        )
    else:
        line = f'last_updated: "2024-0{1 + round_no % 9}-1{round_no % 10}"'
        if re.search(r"^last_updated: ", text, flags=re.M):
            text = re.sub(r"^last_updated: .*$", line, text, count=1, flags=re.M)
        else:
            text = text.replace("\n---\n", f"\n{line}\n---\n", 1)
    path.write_text(text, encoding="utf-8")
    return kind


def test_random_edits_imported_and_built_quickly_equal_full_builds(corpus_gen, tmp_path: Path) -> None:
    paths = corpus_gen.generate(160, tmp_path / "content", seed=11)
    catalog_url = f"sqlite:///{tmp_path / 'catalog.sqlite'}"
    site, full = tmp_path / "site", tmp_path / "full"
    rng = random.Random(7)
    summary = import_paths([tmp_path / "content"], catalog_url, jobs=1)
    assert summary.imported == len(paths) and not summary.skipped
    with open_catalog(catalog_url) as catalog:
        assert not build_site(catalog, site, options=NO_SEARCH).quick
    quick = 0
    for round_no in range(1, 5):
        kinds = [edit(p, rng, round_no) for p in rng.sample(paths, 3)]
        summary = import_paths([tmp_path / "content"], catalog_url, jobs=1)
        assert summary.updated == 3, kinds
        with open_catalog(catalog_url) as catalog:
            report = build_site(catalog, site, options=NO_SEARCH)
            reference = build_site(catalog, full, options=NO_SEARCH, clean=True)
        quick += report.quick
        assert 0 < report.pages_written < reference.pages_written
        assert tree(site) == tree(full), f"round {round_no}: {kinds}"
    assert quick == 4
