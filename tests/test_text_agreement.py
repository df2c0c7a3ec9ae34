"""The text importer scored against the HTML importer on text renderings of the real pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tool(load_script):
    return load_script("scripts/text_agreement.py")


def test_rendering_lays_blocks_out_as_the_archive_text_renderings_do(tool) -> None:
    page = """<html><head><title>Not shown</title><script>var x;</script></head><body>
<p class="toplink"><a href="../index.htm">MIA</a> &gt; <a href="index.htm">Archive</a></p>
<h2>Ann Tester</h2><h1>A Test</h1>
<p class="information">Source: Test Review,<br>No. 1, May 1930.</p>
<p>One <em>paragraph</em>
running over   two lines.</p>
<div><p>Nested.</p></div>
</body></html>"""
    assert tool.render(LexborHTMLParser(page)) == (
        "MIA > Archive\n\nAnn Tester\n\nA Test\n\nSource: Test Review,\nNo. 1, May 1930.\n\n"
        "One paragraph running over two lines.\n\nNested.\n"
    )


@pytest.mark.slow
def test_text_importer_stays_at_or_above_its_floors(tool, corpus_dir: Path) -> None:
    agree, total, misses = tool.score(corpus_dir)
    assert total > 1000
    floors = json.loads((ROOT / "tests" / "corpus" / "text_floors.json").read_text())
    under = {
        name: f"{agree[name]}/{total} < {floor}; first miss: {misses[name][0][0] if misses[name] else '-'}"
        for name, floor in floors.items()
        if agree[name] / total < floor - 1e-9
    }
    assert not under, under
