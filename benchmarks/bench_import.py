"""End-to-end import speed: ``scriptorium import TREE --catalog X --jobs N --json``, fresh SQLite catalog.

Each repetition imports the tree into a new catalog (the "fresh" run), then
imports it again into the same catalog (the "unchanged" run, where every page
should be recognised as already there). Wall time is that of the whole command,
interpreter start-up included, measured from here; the importer's own
``seconds`` from its JSON summary is reported beside it. A warm-up import runs
first (it fills the page cache and the bytecode cache) and is not counted.

The peer is ``peers/bs4_import.py``: the same walk, hash check, extraction in
``--jobs`` worker processes (BeautifulSoup with lxml) and one SQLite
transaction, run the same way in the same repetitions.

Target: the fresh import at least 1,000 pages/s (wall time) on 2 cores.

    .venv/bin/python benchmarks/bench_import.py               # print the table
    .venv/bin/python benchmarks/bench_import.py --write       # and update RESULTS.md
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import harness
from harness import Samples

TARGET_PAGES_PER_SECOND = 1000.0
PHASES = ("fresh", "unchanged")
PEER = harness.BENCH_DIR / "peers" / "bs4_import.py"


@dataclass
class Run:
    wall: float
    rc: int
    summary: dict
    rss_mib: float
    stderr: str
    cpu: float = 0.0


def run_command(argv: list[str], env: dict[str, str] | None = None) -> Run:
    """Run a command, timing its wall clock and taking the peak RSS of its process tree from ``wait4``."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=harness.REPO_ROOT, env=env
    )
    out, err = b"", b""
    try:
        out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    finally:
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        wall,
        proc.returncode,
        _last_json(out.decode("utf-8", "replace")),
        harness.peak_rss_mib(usage.ru_maxrss),
        err.decode("utf-8", "replace"),
        usage.ru_utime + usage.ru_stime,
    )


def _last_json(stdout: str) -> dict:
    """The summary: the last line of stdout that is a JSON object (or the whole output)."""
    for candidate in [stdout, *reversed(stdout.strip().splitlines())]:
        try:
            value = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return {}


def scriptorium_command(explicit: str | None) -> list[str] | None:
    if explicit:
        return explicit.split()
    exe = harness.REPO_ROOT / ".venv" / "bin" / "scriptorium"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("scriptorium")
    return [found] if found else None


def snapshot_env(work: Path) -> dict[str, str]:
    """Run on a copy of ``src/`` taken now, so that edits made during the run change nothing.

    The importer fingerprints its own code: an edit between the fresh and the
    unchanged run would make every page "updated" instead of "unchanged".
    """
    shutil.copytree(
        harness.REPO_ROOT / "src", work / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    harness.compile_tree(work / "src")
    return {**os.environ, "PYTHONPATH": str(work / "src")}


SNAPSHOT_CMD = [sys.executable, "-c", "import sys; from scriptorium.cli import main; sys.exit(main())"]


def cli_ready(cmd: list[str], env: dict[str, str] | None) -> str | None:
    """None when ``scriptorium import`` can run here, else why not."""
    try:
        probe = subprocess.run(
            [*cmd, "import", "--help"], capture_output=True, text=True, timeout=60, env=env
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if probe.returncode != 0:
        return (probe.stderr.strip().splitlines() or ["`scriptorium import --help` failed"])[-1]
    return None


def limited_tree(corpus: Path, limit: int, into: Path) -> Path:
    """A copy of the first ``limit`` pages at their site paths (for quick runs and the smoke test)."""
    tree = into / "tree"
    for f in harness.html_files(corpus, limit):
        target = tree / f.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    return tree


class RunFailed(Exception):
    """An import exited with an error or printed no JSON summary."""


def check(run: Run, label: str) -> None:
    if run.rc != 0 or not run.summary:
        tail = "\n".join(run.stderr.strip().splitlines()[-15:])
        raise RunFailed(f"{label} failed (exit {run.rc}):\n{tail}")


def measure(
    args: argparse.Namespace, tree: Path, work: Path, cmd: list[str] | None, notes: list[str]
) -> dict[str, Samples]:
    jobs = str(args.jobs)
    engines: dict[str, list[str]] = {}
    if cmd is not None:
        engines["scriptorium"] = [
            *cmd,
            "import",
            str(tree),
            "--catalog",
            "{catalog}",
            "--jobs",
            jobs,
            "--json",
        ]
    if args.peer:
        engines["bs4-peer"] = [sys.executable, str(PEER), str(tree), "--catalog", "{catalog}", "--jobs", jobs]
    results: dict[str, Samples] = {}
    for name, template in engines.items():
        results[f"{name} fresh"] = Samples(f"{name} fresh")
        results[f"{name} unchanged"] = Samples(f"{name} unchanged")
        words = ["scriptorium", *template[len(SNAPSHOT_CMD) :]] if template[:3] == SNAPSHOT_CMD else template
        shown = " ".join(words).replace(str(tree), args.tree_shown).replace(f"{harness.REPO_ROOT}/", "")
        results[f"{name} fresh"].extra["command"] = shown

    def once(
        name: str, template: list[str], catalog: Path, record: bool, phases: tuple[str, ...] = PHASES
    ) -> None:
        argv = [a.replace("{catalog}", str(catalog)) for a in template]
        for phase in phases:
            run = run_command(argv, args.env)
            check(run, f"{name} {phase} import")
            if record:
                sample = results[f"{name} {phase}"]
                sample.seconds.append(run.wall)
                sample.extra.setdefault("own", []).append(float(run.summary.get("seconds", "nan")))
                sample.extra.setdefault("rss", []).append(run.rss_mib)
                sample.extra.setdefault("cpu", []).append(run.cpu)
                sample.extra["summary"] = run.summary
                print(f"  {name:<12} {phase:<9} {run.wall:7.3f} s wall", file=sys.stderr, flush=True)

    for name, template in list(engines.items()):  # warm-up, not counted; it also proves the command works
        try:
            once(name, template, work / f"warmup-{name}.sqlite", record=False, phases=args.warmup_phases)
        except RunFailed as exc:
            print(f"  skipping {name}: {exc}", file=sys.stderr)
            last = str(exc).strip().splitlines()[-1]
            notes.append(f"{name} not measured: its warm-up import failed ({last})")
            del engines[name]
    for rep in range(args.repeat if engines else 0):
        names = list(engines)
        names = names[rep % len(names) :] + names[: rep % len(names)]
        for name in names:
            catalog = work / f"{name}-{rep}.sqlite"
            once(name, engines[name], catalog, record=True)
            for leftover in work.glob(f"{catalog.name}*"):
                leftover.unlink()
    return results


def _counts(summary: dict) -> str:
    skipped = summary.get("skipped")
    n_skipped = len(skipped) if isinstance(skipped, list) else skipped
    keys = [k for k in ("imported", "updated", "unchanged") if k in summary]
    return ", ".join([*(f"{k} {summary[k]}" for k in keys), f"skipped {n_skipped}"])


def report(results: dict[str, Samples], pages: int, args: argparse.Namespace, notes: list[str]) -> str:
    import statistics

    rows = []
    for name, s in results.items():
        if not s.seconds:
            continue
        own = statistics.median(s.extra["own"])
        peer_name = name.replace("scriptorium", "bs4-peer")
        peer = results.get(peer_name) if peer_name != name else None
        rows.append(
            [
                name,
                f"{s.median:.3f}",
                s.spread,
                harness.fmt_rate(pages, s.median),
                f"{own:.3f}",
                harness.fmt_rate(pages, own),
                f"{statistics.median(s.extra['cpu']):.3f}",
                f"{max(s.extra['rss']):.0f}",
                f"{peer.median / s.median:.1f}×" if peer and peer.seconds else "-",
                _counts(s.extra.get("summary", {})),
            ]
        )
    lines = [
        "## Import (`bench_import.py`)",
        "",
        f"Command: `{harness.command_line()}`",
        "",
    ]
    for name, s in results.items():
        if "command" in s.extra:
            lines.append(f"- {name.split()[0]} runs: `{s.extra['command']}`")
    lines += [
        f"- tree: `{args.tree_shown}`, {pages} HTML pages; --jobs {args.jobs}; warm-up import first, then "
        f"{args.repeat} repetition(s) of (fresh catalog, unchanged rerun), median reported.",
        *(
            f"- {line}"
            for line in harness.machine_lines(["selectolax", "SQLAlchemy", "beautifulsoup4", "lxml"])
        ),
        "",
        harness.table(
            [
                "run",
                "wall s (median)",
                "min–max s",
                "pages/s (wall)",
                "own s",
                "pages/s (own)",
                "CPU s (all processes)",
                "peak RSS MiB",
                "peer ÷ ours",
                "pages",
            ],
            rows,
        ),
        "",
    ]
    fresh = results.get("scriptorium fresh")
    if fresh and fresh.seconds:
        rate = pages / fresh.median
        ok = "meets" if rate >= TARGET_PAGES_PER_SECOND else "MISSES"
        lines.append(
            f"- fresh import: {rate:,.0f} pages/s wall, {rate / TARGET_PAGES_PER_SECOND:.2f}× the "
            f"{TARGET_PAGES_PER_SECOND:,.0f} pages/s target: {ok} it."
        )
    for name, s in results.items():
        summary = s.extra.get("summary", {})
        redone = int(summary.get("imported", 0) or 0) + int(summary.get("updated", 0) or 0)
        if name.endswith("unchanged") and redone:
            notes.append(
                f"{name}: the second run re-imported {redone} pages, so it did not measure the unchanged "
                "path (was the importer's code edited between the runs? see --snapshot)"
            )
    lines += [f"- {n}" for n in notes]
    if args.note:
        lines.append(f"- note: {args.note}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=harness.DEFAULT_CORPUS, help="the tree to import")
    ap.add_argument("--limit", type=int, default=None, help="import a copy of the first N pages only")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for both importers")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions (median reported)")
    ap.add_argument("--scriptorium", default=None, help="the command to run (default .venv/bin/scriptorium)")
    ap.add_argument(
        "--snapshot",
        action="store_true",
        help="run a copy of src/ taken at the start (for a checkout that others are editing)",
    )
    ap.add_argument(
        "--quick-warmup",
        action="store_true",
        help="warm up with one fresh import only (no unchanged rerun), for smoke runs",
    )
    ap.add_argument("--no-peer", dest="peer", action="store_false", help="skip the BeautifulSoup peer")
    ap.add_argument("--write", action="store_true", help="replace this benchmark's section of RESULTS.md")
    ap.add_argument("--results", type=Path, default=harness.RESULTS, help="the results file for --write")
    ap.add_argument("--note", default="", help="a remark recorded with the results (e.g. machine busy)")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    args.warmup_phases = PHASES[:1] if args.quick_warmup else PHASES
    corpus = args.corpus.resolve()
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        work = Path(tmp)
        args.env = None
        cmd = scriptorium_command(args.scriptorium)
        if args.snapshot and cmd is not None:
            args.env = snapshot_env(work)
            cmd = SNAPSHOT_CMD
            notes.append("run on a snapshot of src/ copied at the start (--snapshot)")
        why = "no scriptorium command found" if cmd is None else cli_ready(cmd, args.env)
        if why:
            notes.append(f"scriptorium import not measured: {why}")
            print(f"  skipping scriptorium: {why}", file=sys.stderr)
            cmd = None
        tree = limited_tree(corpus, args.limit, work) if args.limit else corpus
        args.tree_shown = harness.shown_path(corpus)
        if args.limit:
            args.tree_shown += f" (first {args.limit} pages)"
        pages = len(harness.html_files(tree))
        results = measure(args, tree, work, cmd, notes)
    text = report(results, pages, args, notes)
    print(text)
    if args.write:
        harness.write_section("bench_import", text, args.results)
        print(f"wrote {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
