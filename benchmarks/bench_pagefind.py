"""Memory and time of the static search index (Pagefind) as the archive grows.

For each size N: generate N documents (``corpus_gen``, as the publishing
benchmark does), import them, build the site with its search index, then run
Pagefind again on that site exactly as ``scriptorium build`` runs it, alone,
measuring its peak resident memory and time with ``wait4``. It is run a second
time on a copy of the document pages cut down to what Pagefind indexes (the
``data-pagefind-body`` element without its ``data-pagefind-ignore`` parts, the
title and the filter, meta and sort tags), to tell memory that follows the
pages' size from memory that follows what they say.

The last table fits memory = a + b x N over the sizes measured and gives what
that line predicts at 100,000 documents, the size of the publishing issue's
memory target (1 GB).

    .venv/bin/python benchmarks/bench_pagefind.py --sizes 1000,2000 --work /tmp/pf   # a quick look
    .venv/bin/python benchmarks/bench_pagefind.py --write
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import bench_publish  # noqa: E402
import harness  # noqa: E402
from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from scriptorium.publish import searchindex  # noqa: E402

TARGET_DOCS = 100_000
TARGET_MIB = 1024
HEAD_KEPT = (
    "title, meta[charset], meta[data-pagefind-filter], meta[data-pagefind-meta], meta[data-pagefind-sort]"
)


@dataclass
class Measure:
    seconds: float
    rss_mib: float
    input_mib: float
    index_mib: float


def pagefind(site: Path) -> Measure:
    """Pagefind over ``site`` with the arguments the build gives it; its time and peak memory."""
    shutil.rmtree(site / searchindex.BUNDLE, ignore_errors=True)
    command = [
        str(searchindex.executable()),
        "--site", str(site),
        "--output-subdir", searchindex.BUNDLE,
        "--glob", searchindex.GLOB,
        "--force-language", searchindex.LANGUAGE,
        "--silent",
    ]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    error = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise bench_publish.BenchError(f"Pagefind failed on {site}: {error.strip()[-500:]}")
    return Measure(
        seconds,
        harness.peak_rss_mib(usage.ru_maxrss),
        _html_bytes(site) / 2**20,
        _tree_bytes(site / searchindex.BUNDLE) / 2**20,
    )


def _html_bytes(site: Path) -> int:
    total = 0
    for dirpath, dirs, names in os.walk(site):
        if Path(dirpath) == site and searchindex.BUNDLE in dirs:
            dirs.remove(searchindex.BUNDLE)
        pages = (n for n in names if n.endswith((".html", ".htm")))
        total += sum(os.path.getsize(os.path.join(dirpath, n)) for n in pages)
    return total


def _tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def indexed_part(site: Path, out: Path) -> int:
    """Copy each indexed page of ``site`` into ``out`` cut down to what Pagefind reads from it."""
    shutil.rmtree(out, ignore_errors=True)
    count = 0
    for dirpath, dirs, names in os.walk(site):
        if Path(dirpath) == site and searchindex.BUNDLE in dirs:
            dirs.remove(searchindex.BUNDLE)
        for name in names:
            if not name.endswith(".html"):
                continue
            path = Path(dirpath) / name
            data = path.read_bytes()
            if b"data-pagefind-body" not in data:
                continue
            tree = LexborHTMLParser(data)
            body = tree.css_first("[data-pagefind-body]")
            for ignored in body.css("[data-pagefind-ignore]"):
                ignored.decompose()
            head = "".join(node.html or "" for node in tree.css(HEAD_KEPT))
            lang = (tree.css_first("html").attributes.get("lang") if tree.css_first("html") else None) or "en"
            target = out / path.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body>{body.html}</body></html>',
                encoding="utf-8",
            )
            count += 1
    return count


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares line through (documents, MiB): intercept and slope."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return 0.0, mean_y / mean_x
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx
    return mean_y - slope * mean_x, slope


def _total_memory_mib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,2000,4000,8000,16000", help="document counts, comma-separated")
    ap.add_argument("--work", type=Path, default=harness.REPO_ROOT / "var" / "bench-pagefind")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--write", action="store_true", help="replace this benchmark's section of RESULTS.md")
    ap.add_argument("--results", type=Path, default=harness.RESULTS)
    ap.add_argument("--note", default="")
    args = ap.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not sizes or min(sizes) < 1:
        ap.error("--sizes needs positive document counts")
    machine = harness.machine_lines(["pagefind_bin"])
    args.work.mkdir(parents=True, exist_ok=True)
    rows, full_points, part_points = [], [], []
    for docs in sizes:
        content = bench_publish.corpus(args.work, docs)
        work = args.work / f"run-{docs}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        catalog, site = work / "catalog.sqlite", work / "site"
        print(f"{docs:,} documents: import and build ...", file=sys.stderr, flush=True)
        bench_publish.run(
            bench_publish.scriptorium(
                "import", str(content), "--catalog", str(catalog), "--jobs", str(args.jobs), "--json"
            )
        )
        built = bench_publish.run(
            bench_publish.scriptorium("build", "--out", str(site), "--catalog", str(catalog), "--quiet")
        )
        print(f"{docs:,} documents: Pagefind on the site, then on the indexed part ...", file=sys.stderr)
        full = pagefind(site)
        indexed = indexed_part(site, work / "indexed-part")
        part = pagefind(work / "indexed-part")
        rows.append((docs, indexed, built, full, part))
        full_points.append((docs, full.rss_mib))
        part_points.append((docs, part.rss_mib))
        shutil.rmtree(work, ignore_errors=True)
    a, b = fit(full_points)
    a2, b2 = fit(part_points)
    predicted, predicted_part = a + b * TARGET_DOCS, a2 + b2 * TARGET_DOCS
    total = _total_memory_mib()
    lines = [
        "## Static search index: Pagefind's memory",
        "",
        f"Command: `{harness.command_line()}`",
        "",
        *[f"- {line}" for line in machine],
        f"- generated documents (seed {bench_publish.SEED}), imported with --jobs {args.jobs}; the build's"
        " peak is that of `scriptorium build` with its search index (Pagefind included); Pagefind is then"
        " run again alone on the built site, and on the indexed part of its document pages",
        "",
        harness.table(
            [
                "documents",
                "indexed pages",
                "build s",
                "build peak MiB",
                "site HTML MiB",
                "Pagefind s",
                "Pagefind peak MiB",
                "index MiB",
                "indexed part MiB",
                "Pagefind on it s",
                "its peak MiB",
            ],
            [
                (
                    f"{docs:,}",
                    f"{indexed:,}",
                    f"{built.wall:.1f}",
                    f"{built.rss_mib:,.0f}",
                    f"{full.input_mib:,.0f}",
                    f"{full.seconds:.1f}",
                    f"{full.rss_mib:,.0f}",
                    f"{full.index_mib:,.1f}",
                    f"{part.input_mib:,.0f}",
                    f"{part.seconds:.1f}",
                    f"{part.rss_mib:,.0f}",
                )
                for docs, indexed, built, full, part in rows
            ],
        ),
        "",
        f"- Pagefind's peak memory, fitted over these sizes: {a:,.0f} MiB + {b * 1024:,.0f} KiB per document"
        f" (on the indexed part alone: {a2:,.0f} MiB + {b2 * 1024:,.0f} KiB per document).",
        f"- At {TARGET_DOCS:,} documents that line gives {predicted / 1024:,.1f} GiB"
        f" ({predicted_part / 1024:,.1f} GiB on the indexed part alone),"
        f" against the {TARGET_MIB:,} MiB target"
        + (f" and the {total / 1024:,.1f} GiB this machine has." if total else "."),
    ]
    if args.note:
        lines.append(f"- note: {args.note}")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        harness.write_section("bench_pagefind", text, args.results)
        print(f"wrote {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
