"""A BeautifulSoup-based tree import into SQLite: the end-to-end peer of ``scriptorium import``.

The way an archive tool built on BeautifulSoup would import a mirror: walk the
tree, read each page, skip it when its SHA-256 matches what the database
already holds, extract the fields with ``bs4_extract`` (lxml backend) in a
pool of ``--jobs`` worker processes, and write one JSON row per page in a
single transaction. It prints a one-line JSON summary like the real importer's.

    .venv/bin/python benchmarks/peers/bs4_import.py TREE --catalog peer.sqlite --jobs 2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import sys
import time
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bs4_extract import extract

SUFFIXES = (".htm", ".html", ".xhtml", ".shtml")
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS documents (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, record TEXT NOT NULL)"
)


def pages_under(root: Path) -> list[tuple[str, str]]:
    """(file, site path) of every HTML page, in a stable order."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(SUFFIXES):
                full = os.path.join(dirpath, name)
                out.append((full, os.path.relpath(full, root).replace(os.sep, "/")))
    return out


def extract_file(task: tuple[str, str, bytes]) -> tuple[str, str, str | None, str | None]:
    """Worker: (site path, hash, record JSON or None, error or None)."""
    site_path, digest, data = task
    try:
        record = extract(data, site_path, "lxml")
    except Exception as exc:  # a peer run must not stop on one bad page either
        return site_path, digest, None, f"{type(exc).__name__}: {exc}"
    return site_path, digest, json.dumps(record, ensure_ascii=False), None


def import_tree(root: Path, catalog: Path, jobs: int) -> dict[str, object]:
    start = time.perf_counter()
    db = sqlite3.connect(catalog)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(SCHEMA)
    known = dict(db.execute("SELECT path, sha256 FROM documents"))
    files = pages_under(root)
    tasks = []
    unchanged = 0
    for full, site_path in files:
        data = Path(full).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if known.get(site_path) == digest:
            unchanged += 1
        else:
            tasks.append((site_path, digest, data))
    imported, failed = 0, []
    if tasks:
        with Pool(jobs) as pool, db:
            for site_path, digest, record, error in pool.imap_unordered(extract_file, tasks, chunksize=16):
                if error is not None:
                    failed.append({"path": site_path, "reason": error})
                    continue
                db.execute(
                    "INSERT OR REPLACE INTO documents (path, sha256, record) VALUES (?, ?, ?)",
                    (site_path, digest, record),
                )
                imported += 1
    db.close()
    return {
        "files": len(files),
        "imported": imported,
        "unchanged": unchanged,
        "skipped": failed,
        "seconds": round(time.perf_counter() - start, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tree", type=Path)
    ap.add_argument("--catalog", type=Path, required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    print(json.dumps(import_tree(args.tree, args.catalog, max(1, args.jobs))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
