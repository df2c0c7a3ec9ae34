"""The static search index: Pagefind reads the built document pages and writes its index beside them.

Pagefind runs on the new site directory before it is swapped in, so the index
that goes live always matches the pages that go live with it. Only document
pages carry ``data-pagefind-body``, so Pagefind leaves listing pages out.

The index is rebuilt only when its input changed: the input is every indexed
page with its input hash (which already covers the generator and everything
the page shows), plus the indexer itself. Otherwise the previous build's index
files are hard-linked into the new site, like unchanged pages.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from scriptorium.errors import ScriptoriumError

BUNDLE = "pagefind"  # the directory, inside the site, that holds the index and its interface
GLOB = "**/*.{html,htm}"
# One index for every page: Pagefind otherwise splits its index by each page's language, and the
# search page, being English, would then find only the English documents.
LANGUAGE = "en"


class SearchIndexError(ScriptoriumError):
    """The search index cannot be built."""

    exit_code = 1


@dataclass(slots=True)
class IndexResult:
    """What became of the index: rebuilt or carried over, and its files (relative to the site)."""

    key: str
    files: list[str] = field(default_factory=list)
    rebuilt: bool = False
    warning: str | None = None  # said when Pagefind may not fit in this machine's memory

    def manifest(self) -> dict:
        return {"input": self.key, "files": self.files}


def executable() -> Path:
    """Pagefind's binary, from the ``pagefind[bin]`` package or the PATH."""
    try:
        import pagefind_bin

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        pass
    found = shutil.which("pagefind") or shutil.which("pagefind_extended")
    if found:
        return Path(found)
    raise SearchIndexError(
        "the search index needs Pagefind, which is not installed: pip install 'pagefind[bin]' "
        "(or build without search: --no-search)"
    )


def input_key(pages: Mapping[str, str], indexer: Path) -> str:
    """A hash of what the index is made from: each indexed page's input hash, and the indexer's binary."""
    digest = hashlib.blake2b(digest_size=16)
    stat = indexer.stat()
    digest.update(f"{indexer.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0{LANGUAGE}\0".encode())
    for path in sorted(pages):
        digest.update(f"{path}\0{pages[path]}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def update(site: Path, pages: Mapping[str, str], previous: Path | None, old: object) -> IndexResult:
    """Give ``site`` (a new build, not yet live) the index of ``pages``: carried over when unchanged."""
    indexer = executable()
    result = IndexResult(input_key(pages, indexer))
    if previous is not None and isinstance(old, dict) and old.get("input") == result.key:
        files = [f for f in old.get("files") or () if isinstance(f, str)]
        if files and _link_all(previous, site, files):
            result.files = sorted(files)
            return result
        shutil.rmtree(site / BUNDLE, ignore_errors=True)
    result.warning = memory_warning(site, pages)
    _run(indexer, site, result.warning)
    result.files = sorted(p.relative_to(site).as_posix() for p in (site / BUNDLE).rglob("*") if p.is_file())
    result.rebuilt = True
    return result


PAGEFIND_BYTES_PER_BYTE = 32
"""Pagefind holds everything it indexes in memory: measured with Pagefind 1.5, about 32 bytes for each
byte of the document pages it reads (1.6 GB for 4,000 pages of a thousand words, 7.3 GB for 20,000)."""


def memory_warning(site: Path, pages: Mapping[str, str]) -> str | None:
    """A warning when Pagefind may need more memory than the machine has free, else None."""
    available = _available_memory()
    if available is None:
        return None
    size = 0
    for path in pages:
        with contextlib.suppress(OSError):
            size += (site / path).stat().st_size
    needed = size * PAGEFIND_BYTES_PER_BYTE
    if needed <= available:
        return None
    return (
        f"the search index of {len(pages)} documents may need about {needed / 2**30:.1f} GiB of memory "
        f"for Pagefind, and {available / 2**30:.1f} GiB is free: if it is stopped for lack of memory, "
        "build with --no-search (the site is left as it was)"
    )


def _available_memory() -> int | None:
    """MemAvailable from /proc/meminfo, in bytes (None where there is none)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _link_all(previous: Path, site: Path, files: list[str]) -> bool:
    """Hard-link the previous index into the new site; False when any file is missing or unsafe."""
    made: set[Path] = set()
    for rel in files:
        if not rel.startswith(f"{BUNDLE}/") or ".." in rel.split("/"):
            return False
        target = site / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        try:
            os.link(previous / rel, target)
        except FileNotFoundError:
            return False
        except OSError:
            try:
                shutil.copy2(previous / rel, target)
            except OSError:
                return False
    return True


def _run(indexer: Path, site: Path, hint: str | None = None) -> None:
    command = [
        str(indexer),
        "--site", str(site),
        "--output-subdir", BUNDLE,
        "--glob", GLOB,
        "--force-language", LANGUAGE,
        "--silent",
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexError(f"could not run Pagefind ({indexer}): {exc.strerror or exc}") from None
    if done.returncode != 0 or not (site / BUNDLE / "pagefind-ui.js").is_file():
        lines = [line.strip() for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        reason = lines[0] if lines else f"exit status {done.returncode}"
        if done.returncode < 0:  # killed: most often by the kernel, for lack of memory
            reason = f"Pagefind was stopped by signal {-done.returncode}" + (f"; {hint}" if hint else "")
        raise SearchIndexError(f"Pagefind could not index the site: {reason}")
