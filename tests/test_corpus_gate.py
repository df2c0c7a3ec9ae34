"""The real-corpus gate: the HTML importer must not fall under the pinned floors on labelled pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gate(load_script):
    return load_script("scripts/corpus_gate.py")


@pytest.mark.slow
def test_fields_stay_at_or_above_their_floors(gate, corpus_dir: Path) -> None:
    if not (corpus_dir / "expected.jsonl").is_file():
        pytest.skip(f"no labels in {corpus_dir}")
    table, misses = gate.score(corpus_dir)
    floors = json.loads((ROOT / "tests" / "corpus" / "floors.json").read_text())
    under = {
        name: f"{ok}/{total} < {floors[name]:.4f}; first miss: {misses[name][0][0] if misses[name] else '-'}"
        for name, (ok, total) in table.items()
        if total and name in floors and ok / total < floors[name] - 1e-9
    }
    assert not under, under


def test_matching_rules(gate) -> None:
    assert gate.matches("title", "Chapter 32 The League of Nations", "The League of Nations")
    assert not gate.matches("title", "The League", "The League of Nations")
    assert gate.matches(
        "source", {"periodical": "X", "issue": None}, {"periodical": "X", "issue": None, "pages": "p. 1"}
    )
    assert not gate.matches("source", {"periodical": "X"}, None)
    assert gate.matches("credits", [{"role": "markup", "name": "A"}], [{"role": "markup", "name": "A"}])
    assert gate.matches("notes_count", None, 0)
    assert gate.matches("authors", ["A  B"], ["A B"])
