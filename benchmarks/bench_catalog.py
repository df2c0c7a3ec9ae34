"""Time the catalog's share of an import: put N typical records in one batch.

The records are the real corpus pages parsed by the importers beforehand (not
timed); past the corpus's size, pages repeat under other ids. Each backend is
timed on a fresh catalog (all IMPORTED), then the same records again (all
UNCHANGED), then all changed (all UPDATED: the previous versions are kept).

    python benchmarks/bench_catalog.py                      # SQLite in a temp dir
    python benchmarks/bench_catalog.py --postgres URL       # and an empty PostgreSQL database
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

from scriptorium.catalog import open_catalog
from scriptorium.importers import parse
from scriptorium.model import Record

CORPUS = (Path(__file__).resolve().parent / ".." / ".." / "shared" / "corpus" / "mia-sample").resolve()


def typical_records(n: int) -> list[Record]:
    files = sorted(p for p in CORPUS.rglob("*.htm*") if p.is_file())
    if not files:
        raise SystemExit(f"corpus not found: {CORPUS}")
    parsed = []
    for path in files[:n]:
        result = parse(path.read_bytes(), path=path.relative_to(CORPUS).as_posix())
        parsed.append(result[0] if isinstance(result, tuple) else result)
    records = list(parsed)
    while len(records) < n:
        copy = len(records) // len(parsed)
        record = parsed[len(records) % len(parsed)]
        records.append(record.replace(id=f"copy-{copy}/{record.id}"))
    return records


def digest(record: Record) -> str:
    return hashlib.sha256(record.to_json().encode()).hexdigest()


def time_backend(url: str, records: list[Record]) -> dict[str, tuple[float, float]]:
    hashes = [digest(r) for r in records]
    changed = [r.replace(rights="Copyleft.") for r in records]
    changed_hashes = [digest(r) for r in changed]
    timings = {}
    with open_catalog(url) as catalog:
        for label, batch_records, batch_hashes in (
            ("imported", records, hashes),
            ("unchanged", records, hashes),
            ("updated", changed, changed_hashes),
        ):
            start, cpu = time.perf_counter(), time.process_time()
            with catalog.batch() as batch:
                for record, content_hash in zip(batch_records, batch_hashes, strict=True):
                    batch.put(record, content_hash=content_hash, origin=record.path)
            timings[label] = (time.perf_counter() - start, time.process_time() - cpu)
        assert len(catalog.content_hashes()) == len({r.id for r in records})
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1600, help="records per batch (default 1600)")
    parser.add_argument("--postgres", help="a PostgreSQL URL to time as well (its tables must not exist)")
    args = parser.parse_args(argv)
    records = typical_records(args.n)
    size = sum(len(r.to_json()) for r in records) / len(records)
    print(f"{len(records)} records, {size / 1024:.1f} KiB of JSON each on average")
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("sqlite", str(Path(tmp) / "bench.sqlite"))]
        if args.postgres:
            targets.append(("postgresql", args.postgres))
        for name, url in targets:
            timings = time_backend(url, records)
            line = ", ".join(
                f"{k} {wall:.3f} s ({len(records) / wall:,.0f}/s, {cpu:.3f} s CPU here)"
                for k, (wall, cpu) in timings.items()
            )
            print(f"{name}: {line}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
