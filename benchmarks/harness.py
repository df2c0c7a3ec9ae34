"""Shared pieces of the benchmark scripts: the corpus, the machine, timing, tables, RESULTS.md.

Kept stdlib-only so that every runner reports the same facts the same way.
"""

from __future__ import annotations

import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
DEFAULT_CORPUS = (REPO_ROOT / ".." / "shared" / "corpus" / "mia-sample").resolve()
RESULTS = BENCH_DIR / "RESULTS.md"
HTML_SUFFIXES = (".htm", ".html", ".xhtml", ".shtml")


@dataclass(frozen=True, slots=True)
class Page:
    """One corpus page, its bytes preloaded so that timings measure parsing, not the disk."""

    path: str
    data: bytes


def html_files(root: Path, limit: int | None = None) -> list[Path]:
    """The corpus's HTML pages in a stable order (sorted by site path)."""
    if not root.is_dir():
        raise SystemExit(f"corpus not found: {root}")
    files = sorted(p for p in root.rglob("*") if p.suffix.lower() in HTML_SUFFIXES and p.is_file())
    return files[:limit] if limit else files


def load_pages(root: Path, limit: int | None = None) -> list[Page]:
    return [Page(f.relative_to(root).as_posix(), f.read_bytes()) for f in html_files(root, limit)]


def compile_tree(root: Path) -> None:
    """Byte-compile a copy of the source, as installing a package does.

    A copy made for a run has no bytecode; where ``PYTHONDONTWRITEBYTECODE`` is
    set, every command would compile every module it imports again, a cost an
    installed Scriptorium does not pay.
    """
    import compileall

    if not compileall.compile_dir(str(root), quiet=1):
        raise SystemExit(f"could not byte-compile {root}")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _version(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:
        return "-"


def git_revision() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        rev = out.stdout.strip() or "-"
        dirty = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        return f"{rev}{' (+ uncommitted changes)' if dirty else ''}"
    except (OSError, subprocess.SubprocessError):
        return "-"


def machine_lines(packages: Sequence[str] = ()) -> list[str]:
    """Facts a reader needs to compare two runs: hardware, Python, library versions, load."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "-"
    lines = [
        f"CPU: {cpu_model()}, {usable_cores()} usable cores ({os.cpu_count()} online)",
        f"Python {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}",
        f"load average at start (1, 5, 15 min): {load}",
        f"revision: {git_revision()}",
    ]
    if packages:
        lines.append("packages: " + ", ".join(f"{p} {_version(p)}" for p in packages))
    return lines


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@dataclass
class Samples:
    """Repeated measurements of one thing; the median is what the tables report."""

    name: str
    seconds: list[float] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def spread(self) -> str:
        if len(self.seconds) < 2:
            return "-"
        return f"{min(self.seconds):.3f}–{max(self.seconds):.3f}"


def peak_rss_mib(usage_maxrss_kib: int) -> float:
    """``ru_maxrss`` is KiB on Linux (bytes on macOS); MiB reads better in a table."""
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return usage_maxrss_kib / divisor


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table, which is also readable on a terminal."""
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def write_section(name: str, body: str, results: Path = RESULTS) -> None:
    """Replace (or append) the section between this benchmark's markers in RESULTS.md."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}\n"
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block
    results.write_text(text, encoding="utf-8")


def command_line() -> str:
    """The command as typed, relative to the repository root, for the record."""
    script = Path(sys.argv[0]).resolve()
    try:
        shown = script.relative_to(REPO_ROOT).as_posix()
    except ValueError:
        shown = str(script)
    return shlex.join([".venv/bin/python", shown, *sys.argv[1:]])


def shown_path(path: Path) -> str:
    """A path as the reader would type it from the repository root."""
    try:
        return os.path.relpath(path.resolve(), REPO_ROOT)
    except ValueError:
        return str(path)


def fmt_rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds > 0 else "-"
