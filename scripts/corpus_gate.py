"""Score the HTML importer on hand-labelled real pages, field by field.

Labels come from ``../shared/corpus/mia-sample/expected.jsonl`` (or ``--corpus
DIR``) plus ``tests/corpus/labels.jsonl``. A field is correct when the
importer's value equals the label after white-space normalisation; a key that
is absent from a label was not labelled and is not scored. Exits 1 when any
field is under its floor in ``tests/corpus/floors.json``: floors are pinned at
what the importer achieves and are only ever raised for the same labels (new
labels may bring in a page the importer misses, and then the floor is pinned at
the new share).

``tests/corpus/labels.jsonl`` holds this project's own labels. They record
facts only (names, titles, dates, counts): no ``rights``, ``text_start``,
``text_end`` or source ``statement``, which would copy the pages' sentences. A
key a labeller could not settle from the page is left out and the ``remarks``
say why.

    python scripts/corpus_gate.py [--corpus DIR] [--json] [--show FIELD]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "mia-sample"
OWN_LABELS = ROOT / "tests" / "corpus" / "labels.jsonl"
FLOORS = ROOT / "tests" / "corpus" / "floors.json"
FIELDS = (
    "page_type",
    "title",
    "subtitle",
    "authors",
    "date",
    "kind",
    "language",
    "source",
    "rights",
    "copied_from",
    "credits",
    "reviewed",
    "part_of",
    "last_updated",
    "text_start",
    "text_end",
    "notes_count",
)
# Fields a record has only as a document; on an index page a null label means "not applicable".
DOCUMENT_ONLY = ("kind", "text_start", "text_end", "notes_count", "credits", "reviewed")
_WS = re.compile(r"\s+")
_CHAPTER_PREFIX = re.compile(
    r"^\s*(?:(?:chapter|part|book|lecture|section)\s+[0-9IVXLCivxlc]+|[0-9]{1,3}|[IVXLC]{1,7})\s*[.:–—-]?\s+",
    re.I,
)


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return _WS.sub(" ", value.replace("\u00a0", " ")).strip()
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def _subset(expected: Any, actual: Any) -> bool:
    """Labels may leave keys out of objects (e.g. ``statement``); only labelled keys count."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return False
        return all(_subset(v, actual.get(k)) for k, v in expected.items())
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(expected) == len(actual)
            and all(_subset(e, a) for e, a in zip(expected, actual, strict=True))
        )
    return _norm(expected) == _norm(actual)


def _words(text: str, first: bool) -> str | None:
    """The first or last eight words; ``None`` when the page has no body text (a null label)."""
    words = text.split()
    return " ".join(words[:8] if first else words[-8:]) or None


def _title_matches(expected: str, actual: str) -> bool:
    e, a = _norm(expected), _norm(actual)
    if e == a:
        return True
    return _CHAPTER_PREFIX.sub("", e) == _CHAPTER_PREFIX.sub("", a) and bool(_CHAPTER_PREFIX.sub("", e))


def actual_value(record: dict[str, Any], name: str) -> Any:
    if name == "text_start":
        return _words(record["text"], True)
    if name == "text_end":
        return _words(record["text"], False)
    if name == "notes_count":
        return len(record["notes"])
    if name == "credits":
        return [{"role": c["role"], "name": c["name"]} for c in record["credits"]]
    if name == "part_of":
        return {"title": record["part_of"]["title"]} if record["part_of"] else None
    return record.get(name)


def matches(name: str, expected: Any, actual: Any) -> bool:
    """Equal after normalisation; a null label (nothing stated) also matches an empty list or zero count."""
    if expected is None and actual in ([], 0):
        return True
    if name == "title" and isinstance(expected, str) and isinstance(actual, str):
        return _title_matches(expected, actual)
    if name == "part_of" and expected and actual:
        return _title_matches(expected.get("title", ""), actual.get("title", ""))
    if name == "credits" and isinstance(expected, list):
        expected = [{"role": c["role"], "name": c["name"]} for c in expected]
    if expected is None or actual is None:
        return expected is None and actual is None
    return _subset(expected, actual)


def load_labels(corpus: Path) -> list[dict[str, Any]]:
    labels: list[dict[str, Any]] = []
    for source in (corpus / "expected.jsonl", OWN_LABELS):
        if source.is_file():
            for line in source.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    labels.append(json.loads(line))
    return labels


def score(corpus: Path) -> tuple[dict[str, list[int]], dict[str, list[tuple[str, Any, Any]]]]:
    from scriptorium.errors import ScriptoriumError
    from scriptorium.importers import parse

    table: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
    misses: dict[str, list[tuple[str, Any, Any]]] = {f: [] for f in FIELDS}
    for label in load_labels(corpus):
        path = label["path"]
        expected = label["expected"]
        try:
            record = parse((corpus / path).read_bytes(), path=path, format="html").to_dict()
        except (OSError, ScriptoriumError) as exc:
            record = None
            error = str(exc)
        for name in FIELDS:
            if name not in expected:
                continue
            table[name][1] += 1
            got = actual_value(record, name) if record is not None else f"<error: {error}>"
            if (
                name in DOCUMENT_ONLY
                and expected[name] is None
                and record is not None
                and record["page_type"] != "document"
            ):
                got = None  # an index page has no kind, body or notes of its own
            if record is not None and matches(name, expected[name], got):
                table[name][0] += 1
            else:
                misses[name].append((path, expected[name], got))
    return table, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of the labelled corpus")
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    parser.add_argument(
        "--show", metavar="FIELD", action="append", default=[], help="print mismatches of FIELD"
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "expected.jsonl").is_file():
        print(f"no labels at {args.corpus / 'expected.jsonl'}", file=sys.stderr)
        return 2
    table, misses = score(args.corpus)
    floors = json.loads(FLOORS.read_text()) if FLOORS.is_file() else {}
    failed = [f for f, (ok, total) in table.items() if total and ok / total < floors.get(f, 0.0) - 1e-9]
    if args.json:
        print(
            json.dumps(
                {
                    f: {
                        "correct": ok,
                        "total": total,
                        "ratio": round(ok / total, 4) if total else None,
                        "floor": floors.get(f),
                    }
                    for f, (ok, total) in table.items()
                },
                indent=2,
            )
        )
    else:
        print(f"{'field':<14} {'correct':>7} {'total':>6} {'%':>7} {'floor':>6}")
        for f, (ok, total) in table.items():
            pct = 100 * ok / total if total else 0.0
            mark = "  <- under floor" if f in failed else ""
            print(f"{f:<14} {ok:>7} {total:>6} {pct:>6.1f}% {floors.get(f, 0):>6.2f}{mark}")
    for f in args.show:
        for path, exp, got in misses.get(f, []):
            print(
                f"\n[{f}] {path}\n  expected: {json.dumps(exp, ensure_ascii=False)}\n"
                f"  got:      {json.dumps(got, ensure_ascii=False)}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
