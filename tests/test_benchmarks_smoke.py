"""The benchmark scripts still run: a handful of pages, one repetition, a table out.

Timings are never asserted here; the benchmarks themselves report them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"

ETOL_PAGE = """<html><head><meta http-equiv="content-type" content="text/html; charset=iso-8859-1">
<title>Ann Writer: A Test of Patience (1977)</title></head><body>
<p class="linkback"><a href="../../index.htm">Ann Writer Archive</a> |
<a href="../../../../index.htm">ETOL Main Page</a></p>
<h2>Ann Writer</h2>
<h1>A Test of Patience</h1>
<h3>(March 1977)</h3>
<hr class="infotop">
<p class="info">From <strong>Imaginary Monthly</strong>, No. 12, March 1977, pp.&nbsp;4&ndash;5.<br>
Copyright &copy; Imaginary Monthly.<br>
Copied with thanks from the Imaginary Monthly Archive.<br>
Transcribed &amp; marked up by Bob Keeper for the Encyclopaedia of Trotskyism On-Line (ETOL).</p>
<hr class="infobot">
<p class="fst">Carl Author<br><strong>Waiting for Nothing</strong><br>Nowhere Press, 1976, &pound;2.50</p>
<p class="fst">This paragraph was written for the benchmark tests.<a href="#n1">[1]</a></p>
<p>A second paragraph, also our own.</p>
<p class="note"><a name="n1">[1]</a> A note of our own.</p>
<p class="linkback"><a href="../../index.htm">Ann Writer Archive</a> |
<a href="../../../../index.htm">ETOL Main Page</a></p>
<p class="updat">Last updated: 3 May 2015</p>
</body></html>
"""


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def _quick(corpus_dir: Path, results: Path, limit: str) -> list[str]:
    """A few pages, one repetition, results written to a scratch file."""
    return [
        "--corpus",
        str(corpus_dir),
        "--limit",
        limit,
        "--repeat",
        "1",
        "--write",
        "--results",
        str(results),
    ]


def test_bench_parse_prints_and_writes_its_table(corpus_dir: Path, tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    done = _run("bench_parse.py", *_quick(corpus_dir, results, "5"))
    assert done.returncode == 0, done.stderr
    assert "| engine" in done.stdout and "| lexbor" in done.stdout and "| bs4-lxml" in done.stdout
    text = results.read_text(encoding="utf-8")
    assert "<!-- bench_parse:start -->" in text and "<!-- bench_parse:end -->" in text
    # A second --write replaces the section instead of appending another.
    again = _run("bench_parse.py", *_quick(corpus_dir, results, "2"), "--engines", "lexbor")
    assert again.returncode == 0, again.stderr
    assert results.read_text(encoding="utf-8").count("<!-- bench_parse:start -->") == 1


def test_bench_import_prints_its_table(corpus_dir: Path, tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    done = _run("bench_import.py", *_quick(corpus_dir, results, "5"), "--quick-warmup")
    assert done.returncode == 0, done.stderr
    assert "| run" in done.stdout and "| bs4-peer fresh" in done.stdout
    assert "<!-- bench_import:start -->" in results.read_text(encoding="utf-8")


def test_bs4_peer_extracts_every_field_of_a_page_we_wrote() -> None:
    sys.path.insert(0, str(BENCH / "peers"))
    try:
        from bs4_extract import extract
    finally:
        sys.path.remove(str(BENCH / "peers"))
    for parser in ("lxml", "html.parser"):
        record = extract(ETOL_PAGE.encode("cp1252"), "archive/writer/1977/03/patience.htm", parser)
        assert record["title"] == "A Test of Patience"
        assert record["authors"] == ["Ann Writer"]
        assert record["date"] == {"text": "March 1977", "edtf": "1977-03"}
        assert record["source"]["periodical"] == "Imaginary Monthly"
        assert record["source"]["issue"] == "No. 12"
        assert record["source"]["pages"] == "pp. 4–5"
        assert record["rights"] == "Copyright © Imaginary Monthly."
        assert record["copied_from"] == "Imaginary Monthly Archive"
        assert {(c["role"], c["name"]) for c in record["credits"]} == {
            ("transcription", "Bob Keeper"),
            ("markup", "Bob Keeper"),
        }
        assert [(b["title"], b["authors"], b["price"]) for b in record["reviewed"]] == [
            ("Waiting for Nothing", ["Carl Author"], "£2.50")
        ]
        assert record["collection"] == "Ann Writer Archive"
        assert record["text"].startswith("This paragraph was written")
        assert record["text"].endswith("also our own.")
        assert record["notes"] == [{"label": "1", "text": "A note of our own."}]
        assert record["last_updated"] == {"text": "3 May 2015", "iso": "2015-05-03"}


@pytest.mark.parametrize("script", ["bench_parse.py", "bench_import.py"])
def test_bench_scripts_refuse_bad_arguments(script: str) -> None:
    done = _run(script, "--repeat", "0")
    assert done.returncode != 0
    assert "--repeat must be at least 1" in done.stderr
