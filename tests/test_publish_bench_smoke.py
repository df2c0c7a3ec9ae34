"""The publishing benchmark runs end to end on a tiny archive (timings are never asserted).

Peers that are not installed are skipped, unless SCRIPTORIUM_REQUIRE_PEERS=1.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "bench_publish.py"
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_publish  # noqa: E402

REQUIRE = os.environ.get("SCRIPTORIUM_REQUIRE_PEERS") == "1"
DOCS = 30


def test_front_matter_converts_to_pelican_metadata():
    text = (
        "---\n"
        'id: "writers/x/1936/05/a"\n'
        'title: "On the Strike"\n'
        'authors: ["Ann Example", "Ben Example"]\n'
        'date: "1936-05"\n'
        'date_text: "May 1936"\n'
        'kind: "article"\n'
        'language: "en"\n'
        'source: {"periodical": "Labour Monthly", "issue": "Vol. 2 No. 5", "date": "1936-05", '
        '"date_text": "May 1936", "pages": null}\n'
        'credits: [{"role": "markup", "name": "A Volunteer"}]\n'
        "---\n\nThe body stays as it was.[^1]\n\n[^1]: A note.\n"
    )
    converted = bench_publish.to_pelican(text)
    head, _, body = converted.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    assert meta["Title"] == "On the Strike"
    assert meta["Date"] == "1936-05-01"
    assert meta["Authors"] == "Ann Example, Ben Example"
    assert meta["Category"] == "Labour Monthly"
    assert meta["Tags"] == "Labour Monthly Vol. 2 No. 5"
    assert body == "The body stays as it was.[^1]\n\n[^1]: A note.\n"


def _peers() -> str:
    wanted = []
    for name, find in (("hugo", bench_publish.hugo_binary), ("pelican", bench_publish.pelican_binary)):
        if find() or REQUIRE:
            wanted.append(name)
    return ",".join(wanted) or "none"


def test_bench_runs_on_a_tiny_archive(tmp_path: Path):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Other\n\nkept\n", encoding="utf-8")
    argv = [
        sys.executable,
        str(BENCH),
        "--docs",
        str(DOCS),
        "--repeat",
        "1",
        "--peers",
        _peers(),
        "--work",
        str(tmp_path / "work"),
        "--write",
        "--results",
        str(results),
    ]
    env = dict(os.environ)
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    text = results.read_text(encoding="utf-8")
    assert "## Other\n\nkept" in text
    assert "<!-- publishing:start -->" in text and "## Publishing" in text
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| ")}
    ours = rows["cold: scriptorium import + build"].split("|")
    assert int(ours[6].strip().replace(",", "")) > DOCS  # pages: documents plus listings
    edited = rows["incremental: one document edited, import + build"]
    assert "0 pages rewritten" not in edited and "-1 pages" not in edited
    assert "| 0 pages rewritten" in rows["incremental: nothing changed, import + build"]
    for peer in _peers().split(","):
        if peer != "none":
            row = rows[f"cold: {peer}"].split("|")
            assert int(row[6].strip().replace(",", "")) > DOCS, f"{peer} wrote too few pages"


@pytest.mark.skipif(bench_publish.hugo_binary() is None and not REQUIRE, reason="hugo is not installed")
def test_hugo_builds_the_authoring_form_unchanged(tmp_path: Path):
    """Hugo reads the generated Markdown as it is (only its date keys are configured)."""
    binary = bench_publish.hugo_binary()
    assert binary, "hugo is not installed"
    content = bench_publish.corpus(tmp_path, 5)
    site = bench_publish.hugo_site(tmp_path, content)
    run, out = bench_publish.hugo_cold(tmp_path, site, binary)
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html"))
    documents = [p for p in pages if p.startswith("writers/") and p.count("/") > 2]
    assert len(documents) == 5
    assert any(p.startswith("authors/") for p in pages)
    assert any(p.startswith("periodicals/") and p.count("/") == 3 for p in pages)  # an issue page
    assert run.wall > 0
