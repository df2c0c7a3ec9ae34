"""The benchmark corpus generator: deterministic, and what it writes imports to what it describes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import scriptorium


@pytest.fixture(scope="module")
def corpus_gen(load_script):
    return load_script("benchmarks/corpus_gen.py")


def test_same_seed_same_archive(corpus_gen, tmp_path: Path) -> None:
    first = corpus_gen.generate(40, tmp_path / "a", seed=5)
    second = corpus_gen.generate(40, tmp_path / "b", seed=5)
    assert [p.relative_to(tmp_path / "a") for p in first] == [p.relative_to(tmp_path / "b") for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))
    other = [d.id for d in corpus_gen.iter_documents(40, seed=6)]
    assert other != [d.id for d in corpus_gen.iter_documents(40, seed=5)]
    assert len({p.name for p in first}) > 30


def test_files_import_to_the_records_they_describe(corpus_gen, tmp_path: Path) -> None:
    paths = corpus_gen.generate(60, tmp_path, seed=3)
    docs = list(corpus_gen.iter_documents(60, seed=3))
    kinds, languages, footnotes = set(), set(), 0
    for path, doc in zip(paths, docs, strict=True):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        assert {"title", "authors", "date", "kind", "source", "credits"} <= front.keys()
        record = scriptorium.parse(path.read_bytes(), path=path.relative_to(tmp_path).as_posix())
        expected = doc.to_record()
        for key in ("id", "title", "authors", "date", "kind", "language", "text", "notes", "reviewed"):
            assert getattr(record, key) == getattr(expected, key), (path, key)
        assert (record.source.periodical, record.source.issue) == (
            expected.source.periodical,
            expected.source.issue,
        )
        kinds.add(record.kind)
        languages.add(record.language)
        footnotes += len(record.notes)
    assert {"article", "review", "letter"} <= kinds and "en" in languages and footnotes > 0


def test_words_follow_zipf(corpus_gen) -> None:
    from collections import Counter

    counts = Counter(
        w.strip(".?[]0123456789").lower()
        for d in corpus_gen.iter_documents(200, seed=1)
        for w in d.text.split()
    )
    ranked = [c for _, c in counts.most_common()]
    # A few words are everywhere, most are rare.
    assert ranked[0] > 20 * ranked[99] and sum(1 for c in ranked if c == 1) > len(ranked) / 5
