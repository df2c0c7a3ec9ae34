"""The import pipeline: walk sources, parse pages in parallel, write them to the catalog.

``import_paths()`` is the one place where parsed records meet the catalog.

- **Walking.** A directory is walked recursively; each page in it gets its path
  relative to that directory as its site path (``/x/mia-sample`` +
  ``archive/foot-paul/1995/06/wilson.htm``). Pages are files whose extension an
  importer knows (``.htm``, ``.html``, ``.txt``, ``.md``, ...); other files in a
  tree are counted as ``ignored`` and not read. Hidden files and directories
  (names starting with ``.``) are not looked at, and a ``README`` at the top of
  a tree describes the tree, so it is ignored too. A file named directly gets the
  site path of a tree given alongside it when it lies inside one, and none
  otherwise; a file named directly that is not a page is reported as skipped.
- **Unchanged pages are not parsed.** A page's content hash covers its bytes,
  its site path, its format and a fingerprint of the importer code, so changing
  an importer re-imports everything. The catalog's current hashes are read once
  up front; a page whose hash is among them is counted as unchanged unparsed.
- **Unchanged files are not read.** The catalog remembers, per file (its
  absolute, normalised path), the size, mtime, ctime and inode it had when its
  content hash was computed, under a key of its site path, format and importer
  fingerprint (``file_states``). A page whose file still matches takes that hash
  without being read; any other page is read and hashed, and its new state is
  written in the run's transaction (a run with nothing to parse opens one just
  for them, writing no change-log entry). A file modified within two seconds of
  the run (``RACY_NS``: it may still be being written, or be written again
  within one timestamp tick) is not remembered, so it is hashed again next time;
  an edit that keeps size and mtime still moves the ctime, which no user can
  set. ``rehash=True`` (``scriptorium import --rehash``) reads every page.
- **Unchanged folders are not listed.** The catalog also remembers each folder's
  mtime, ctime and inode with its listing (``folder_states``); adding, removing
  or renaming an entry moves them, so a folder that still matches is walked
  from its remembered listing with one ``stat`` (its files are still looked at
  one by one above). The racy rule applies to folders too; a folder holding a
  symbolic link is always listed, and ``rehash=True`` lists every folder.
- **Parallel parsing.** Worker processes receive file paths (never bytes) in
  chunks and return records. One job, or a small batch, is parsed in-process so
  that small imports do not pay for starting a pool.
- **One transaction.** All writes of a run go through one ``catalog.batch()``:
  an interrupted run (Ctrl-C, a crash, SIGKILL) leaves the catalog as it was,
  and running it again gives exactly the catalog of an uninterrupted run.
- **One bad file never stops a run.** It is recorded in ``skipped`` with its
  path and a one-line reason. With ``strict=True`` the run still parses and
  reports everything, but if any page was skipped or had warnings the
  transaction is rolled back: nothing is written and ``summary.failed`` is true.

Test hook: when ``SCRIPTORIUM_TEST_PAUSE_AFTER=N`` is set, the run announces
``paused after N writes`` on stderr after writing N records inside its open
transaction and sleeps for a minute, so that tests can kill it mid-write.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import scriptorium
from scriptorium import config
from scriptorium.catalog.api import Catalog, FileState, FolderState, PutOutcome
from scriptorium.errors import InputError, ScriptoriumError, TooLargeError
from scriptorium.importers import FORMATS, format_for, parse
from scriptorium.model import Record

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` once the work is known, then as pages are done."""

SMALL_BATCH = 64
"""Below this many pages to parse, a pool costs more to start than it saves."""

_PAUSE_ENV = "SCRIPTORIUM_TEST_PAUSE_AFTER"


class WorkerCrashError(ScriptoriumError):
    """A worker process died mid-run; the run's transaction was rolled back."""

    exit_code = 1


# -- the summary ---------------------------------------------------------------------------


@dataclass
class ImportSummary:
    """What a run did, file by file accounted for: ``files == imported + unchanged + updated + skipped``."""

    files: int = 0
    imported: int = 0
    unchanged: int = 0
    updated: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: int = 0
    warned: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    ignored: int = 0
    seconds: float = 0.0
    strict: bool = False
    committed: bool = False

    @property
    def failed(self) -> bool:
        """True when ``strict`` was asked for and something was skipped or warned."""
        return self.strict and bool(self.skipped or self.warnings)

    def pages_per_second(self) -> float:
        return self.files / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "imported": self.imported,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "skipped": [{"path": path, "reason": reason} for path, reason in self.skipped],
            "warnings": self.warnings,
            "warned": [{"path": path, "warnings": list(warnings)} for path, warnings in self.warned],
            "ignored": self.ignored,
            "seconds": round(self.seconds, 3),
            "pages_per_second": round(self.pages_per_second(), 1),
            "strict": self.strict,
            "committed": self.committed,
        }

    def describe(self) -> str:
        """One line for people."""
        ignored = f", {self.ignored} other {_plural(self.ignored, 'file')} ignored" if self.ignored else ""
        line = (
            f"imported {self.imported}, updated {self.updated}, unchanged {self.unchanged}, "
            f"skipped {len(self.skipped)}, warnings {self.warnings} "
            f"({self.files} {_plural(self.files, 'file')}{ignored}) in {self.seconds:.2f} s"
        )
        if self.failed:
            line += "; strict mode: nothing was written"
        elif not self.committed:
            line += "; nothing was written"
        return line


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


# -- walking -------------------------------------------------------------------------------


class PageFile(NamedTuple):
    """A file to import: where it is, its site path (or None) and the importer format.

    ``source`` is the file's absolute, normalised path (its tree's resolved root
    and its site path): the name the file-state cache knows it by.
    """

    file: str
    site_path: str | None
    format: str
    source: str | None = None


def is_page_name(name: str) -> bool:
    return format_for(name) is not None


def _walk_tree(
    root: str, key: str | None = None, folders: _Folders | None = None
) -> Iterator[tuple[str, str, Sequence[str]]]:
    """(folder, site path prefix, file names) for every folder under ``root``, in a stable order.

    Hidden entries are left out. A folder's files come by name, then each of its
    sub-folders in turn. Plain strings, ``os.scandir`` and an explicit stack keep a
    walk of tens of thousands of folders to the system calls it needs. With
    ``folders`` (the walk cache) and ``key`` (the root's absolute, normalised path
    ending in '/'), a folder whose times still match its remembered listing is
    not listed. Folder paths end in '/'.
    """
    start = root if root.endswith("/") else f"{root}/"
    stack: list[tuple[str, str, str]] = [(start, key or "", "")]
    while stack:
        folder, folder_key, prefix = stack.pop()
        if folders is None:
            files, subfolders, _ = _list_folder(folder)
        else:
            files, subfolders = folders.listing(folder, folder_key)
        yield folder, prefix, files
        for name in reversed(subfolders):
            stack.append((f"{folder}{name}/", f"{folder_key}{name}/", f"{prefix}{name}/"))


def _list_folder(folder: str) -> tuple[list[str], list[str], bool]:
    """A folder's non-hidden files and sub-folders, each by name, and whether the listing may be
    remembered (no symbolic link, whose target can change without the folder changing, and no entry
    that could not be looked at)."""
    with os.scandir(folder) as scan:
        entries = sorted((e for e in scan if not e.name.startswith(".")), key=_entry_name)
    files: list[str] = []
    subfolders: list[str] = []
    plain = True
    for entry in entries:
        try:
            if entry.is_symlink():
                plain = False
            is_dir = entry.is_dir()
        except OSError:
            plain = False
            continue
        (subfolders if is_dir else files).append(entry.name)
    return files, subfolders, plain


def _entry_name(entry: os.DirEntry[str]) -> str:
    return entry.name


class _Folders:
    """The catalog's remembered folder listings (the walk cache), and the changes to record.

    A folder whose mtime, ctime and inode match its row is not listed: adding,
    removing or renaming an entry moves its mtime (and ctime). A folder listed in
    this run is remembered unless it changed within ``RACY_NS`` of the run's
    start, holds a symbolic link, or has a name that is not valid Unicode; rows
    of folders no longer found under a walked tree are dropped.
    """

    def __init__(self, remembered: dict[str, FolderState], racy_after: int) -> None:
        self.remembered = remembered
        self.racy_after = racy_after
        self.fresh: dict[str, FolderState] = {}
        self.gone: list[str] = []
        self.seen: set[str] = set()

    def listing(self, folder: str, key: str) -> tuple[Sequence[str], Sequence[str]]:
        self.seen.add(key)
        try:
            st = os.stat(folder)
        except OSError:
            st = None  # listing it reports why
        row = self.remembered.get(key)
        if row is not None and st is not None and row[1:4] == (st.st_mtime_ns, st.st_ctime_ns, _inode(st)):
            return row.files, row.folders
        files, subfolders, plain = _list_folder(folder)
        if st is None or not plain or st.st_mtime_ns >= self.racy_after or st.st_ctime_ns >= self.racy_after:
            if row is not None:
                self.gone.append(key)
            return files, subfolders
        state = FolderState(key, st.st_mtime_ns, st.st_ctime_ns, _inode(st), tuple(files), tuple(subfolders))
        if _storable(key, files, subfolders):
            self.fresh[key] = state
        elif row is not None:
            self.gone.append(key)
        return files, subfolders

    def prune(self, roots: Sequence[str]) -> None:
        """Drop the rows of folders under these walked trees that the walk did not meet."""
        if not roots:
            return
        prefixes = tuple(roots)
        seen = self.seen
        self.gone.extend(k for k in self.remembered if k not in seen and k.startswith(prefixes))

    @property
    def changed(self) -> bool:
        return bool(self.fresh or self.gone)


def _storable(key: str, files: list[str], subfolders: list[str]) -> bool:
    """Whether a listing can be kept as text: names from the file system may carry undecodable bytes."""
    text = key + "".join(files) + "".join(subfolders)
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def collect(
    paths: Sequence[str | os.PathLike[str]], folders: _Folders | None = None
) -> tuple[list[PageFile], list[tuple[str, str]], int]:
    """Pages to import, files named directly that are not pages (with a reason), and the ignored count.

    ``folders`` is the walk cache (see ``_Folders``). Raises ``InputError`` for a
    path that does not exist: a typo should not look like an empty import.
    """
    given = _check_paths(paths)
    roots = [(p, p.resolve()) for p in given if p.is_dir()]
    pages: list[PageFile] = []
    not_pages: list[tuple[str, str]] = []
    seen: set[str] = set()  # resolved root + site path: a file given twice is imported once
    dedupe = len(given) > 1
    ignored = 0
    formats: dict[str, str | None] = {}  # by extension: a tree holds few kinds of file
    append = pages.append
    for root, resolved in roots:
        base = f"{resolved.as_posix().rstrip('/')}/"
        for folder, prefix, names in _walk_tree(str(root), base, folders):
            for name in names:
                site_path = prefix + name
                key = base + site_path
                if dedupe:
                    if key in seen:
                        continue
                    seen.add(key)
                dot = name.rfind(".")
                extension = name[dot:] if dot > 0 else ""
                if extension in formats:
                    fmt = formats[extension]
                else:
                    fmt = formats[extension] = format_for(name)
                if fmt is None or (not prefix and _is_tree_readme(site_path)):
                    ignored += 1
                else:
                    append(PageFile(folder + name, site_path, fmt, key))
    if folders is not None:
        folders.prune([f"{resolved.as_posix().rstrip('/')}/" for _, resolved in roots])
    for p in given:
        if p.is_dir():
            continue
        resolved = p.resolve()
        if resolved.as_posix() in seen:
            continue
        seen.add(resolved.as_posix())
        fmt = format_for(p.name)
        if fmt is None:
            reason = f"not a page: the importers do not read {p.suffix or 'files without an'} extension"
            not_pages.append((str(p), reason))
            continue
        pages.append(PageFile(str(p), _site_path_in(resolved, roots), fmt, resolved.as_posix()))
    return pages, not_pages, ignored


def _check_paths(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    given = [Path(p) for p in paths]
    for p in given:
        if not p.exists():
            raise InputError("no such file or directory", path=str(p))
    return given


def _is_tree_readme(site_path: str) -> bool:
    """A README at the top of a tree describes the tree; it is not one of its pages."""
    return "/" not in site_path and site_path.rsplit(".", 1)[0].lower() == "readme"


def _site_path_in(file: Path, roots: list[tuple[Path, Path]]) -> str | None:
    for _, resolved_root in roots:
        if file.is_relative_to(resolved_root):
            return file.relative_to(resolved_root).as_posix()
    return None


# -- hashing and parsing -------------------------------------------------------------------


@cache
def importer_fingerprint() -> bytes:
    """A digest of the importer code and the record model: any change to them re-imports pages."""
    package = Path(scriptorium.__file__).parent
    digest = hashlib.sha256(scriptorium.__version__.encode())
    for file in [*sorted((package / "importers").rglob("*.py")), package / "model.py"]:
        digest.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.digest()


def content_hash(data: bytes, site_path: str | None, fmt: str) -> str:
    """What decides a parsed record: the bytes, the site path, the format, the importer code."""
    digest = hashlib.sha256(importer_fingerprint())
    digest.update(f"\0{site_path or ''}\0{fmt}\0".encode())
    digest.update(data)
    return "sha256:" + digest.hexdigest()


def _size_text(n: int) -> str:
    if n >= 1_048_576:
        return f"{n / 1_048_576:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def read_page(file: str | os.PathLike[str], max_bytes: int) -> bytes:
    """A page's bytes, refusing an oversized one before reading it; errors name the file."""
    try:
        with open(file, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise TooLargeError(
                    f"page is {_size_text(size)}, over the {_size_text(max_bytes)} limit (max_page_bytes)",
                    path=str(file),
                )
            # Ask for what fstat promises plus one byte: asking for max_bytes would
            # allocate that much for every page. A file that grew is read on to the limit.
            data = fh.read(size + 1)
            if len(data) > size:
                data += fh.read(max_bytes + 1 - len(data))
    except IsADirectoryError:
        raise InputError("is a directory, not a page", path=str(file)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(file)) from None
    if len(data) > max_bytes:
        raise TooLargeError(f"page grew over the {_size_text(max_bytes)} limit while read", path=str(file))
    return data


def parse_file(
    file: str | os.PathLike[str],
    *,
    format: str = "auto",
    site_path: str | None = None,
    max_bytes: int | None = None,
) -> Record:
    """Read and parse one file without touching any catalog; every error names ``file``."""
    if format not in FORMATS:
        raise InputError(f"unknown format {format!r} (choose from {', '.join(FORMATS)})", path=str(file))
    limit = config.get("max_page_bytes", max_bytes)
    data = read_page(file, limit)
    if format == "auto":
        format = format_for(site_path or "") or format_for(os.fspath(file)) or "auto"
    try:
        return parse(data, site_path, format)
    except ScriptoriumError as exc:
        exc.path = str(file)
        raise


@dataclass(frozen=True, slots=True)
class _Parsed:
    file: str
    record: Record | None
    content_hash: str | None
    reason: str | None  # why the file was skipped


def _one_line(exc: ScriptoriumError) -> str:
    return " ".join(exc.message.split())


def _parse_task(task: PageFile, max_bytes: int) -> _Parsed:
    """Read, hash and parse one page; never raises, so one bad file cannot stop a run."""
    try:
        data = read_page(task.file, max_bytes)
        digest = content_hash(data, task.site_path, task.format)
        record = parse(data, task.site_path, task.format)
        return _Parsed(task.file, record, digest, None)
    except ScriptoriumError as exc:
        return _Parsed(task.file, None, None, _one_line(exc))
    except Exception as exc:  # an importer bug must not lose the rest of the run
        return _Parsed(task.file, None, None, f"importer failed ({type(exc).__name__}: {exc})")


def _parse_chunk(tasks: list[PageFile], max_bytes: int) -> list[_Parsed]:
    return [_parse_task(t, max_bytes) for t in tasks]


def _init_worker() -> None:
    """Workers leave Ctrl-C to the parent, which rolls the transaction back and stops them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        _die_with_parent()


def _die_with_parent() -> None:
    """Ask Linux to end this worker if the parent dies (even by SIGKILL): no orphans left parsing."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - unusual libc
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


def _import_importers(formats: set[str]) -> None:
    for fmt in formats:
        with contextlib.suppress(ImportError):  # parse() reports a missing importer per page
            importlib.import_module(f"scriptorium.importers.{fmt}")


def _chunks(items: Sequence[PageFile], size: int) -> Iterator[list[PageFile]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


class _Parser:
    """Parses tasks in order, in-process or in a pool; used as a context manager to own the pool."""

    def __init__(self, tasks: Sequence[PageFile], jobs: int, max_bytes: int) -> None:
        self.tasks = tasks
        self.max_bytes = max_bytes
        self.pool: ProcessPoolExecutor | None = None
        self.chunk = 1
        if jobs > 1 and len(tasks) >= SMALL_BATCH:
            self.chunk = max(1, min(32, len(tasks) // (jobs * 4)))
            workers = min(jobs, -(-len(tasks) // self.chunk))
            # fork keeps start-up cheap (workers inherit the importers imported here); they are
            # started now, before any progress display thread exists.
            method = "fork" if sys.platform.startswith("linux") else None
            if method == "fork":
                _import_importers({t.format for t in tasks})
            # Imported here: a run with nothing to parse (the common re-import) does not pay for them.
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context(method),
                initializer=_init_worker,
            )

    def __enter__(self) -> _Parser:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def results(self) -> Iterator[_Parsed]:
        if self.pool is None:
            for task in self.tasks:
                yield _parse_task(task, self.max_bytes)
            return
        from concurrent.futures.process import BrokenProcessPool

        chunks = list(_chunks(self.tasks, self.chunk))
        try:
            for parsed in self.pool.map(_parse_chunk, chunks, [self.max_bytes] * len(chunks)):
                yield from parsed
        except BrokenProcessPool as exc:
            raise WorkerCrashError(
                "a parsing worker process died (out of memory, or a crash in a parser library); "
                "nothing was written: run again with --jobs 1 to find the page"
            ) from exc


# -- the run -------------------------------------------------------------------------------


class _StrictRollback(Exception):
    """Raised inside the batch to roll it back when strict mode found a problem."""


def import_paths(
    paths: Sequence[str | os.PathLike[str]],
    catalog_url: str | None = None,
    *,
    jobs: int | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    max_page_bytes: int | None = None,
    catalog: Catalog | None = None,
    rehash: bool = False,
) -> ImportSummary:
    """Import pages and trees of pages into a catalog in one transaction; see the module docstring.

    Pass ``catalog`` to write into an already open catalog (it is left open);
    otherwise ``catalog_url`` (or the ``catalog`` setting) is opened and closed.
    ``rehash`` reads and hashes every page, trusting no remembered file state.
    """
    started = time.perf_counter()
    # Taken before anything is looked at: a file or folder modified during the run is racy too.
    racy_after = time.time_ns() - RACY_NS
    jobs = config.get("jobs", jobs)
    max_bytes = config.get("max_page_bytes", max_page_bytes)
    _check_paths(paths)
    owned = catalog is None
    if catalog is None:
        from scriptorium.catalog import open_catalog

        catalog = open_catalog(config.get("catalog", catalog_url))
    try:
        folders = _Folders({} if rehash else catalog.folder_states(), racy_after)
        pages, not_pages, ignored = collect(paths, folders)
        summary = ImportSummary(files=len(pages) + len(not_pages), ignored=ignored, strict=strict)
        summary.skipped.extend(not_pages)
        files = _FileStates(catalog, pages, rehash=rehash, racy_after=racy_after)
        _run(catalog, pages, summary, files, folders, jobs=jobs, max_bytes=max_bytes, progress=progress)
    finally:
        if owned:
            catalog.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _run(
    catalog: Catalog,
    pages: list[PageFile],
    summary: ImportSummary,
    files: _FileStates,
    folders: _Folders,
    *,
    jobs: int,
    max_bytes: int,
    progress: Progress | None,
) -> None:
    known = catalog.content_hashes()
    id_by_hash = {digest: record_id for record_id, digest in known.items()}
    ids_seen: dict[str, str] = {}  # record id -> the file that gave it in this run
    if known:
        todo = _unchanged_pages(pages, files, id_by_hash, ids_seen, summary, max_bytes)
    else:
        todo = list(range(len(pages)))
        for index in todo:  # each page's state is taken before its bytes are read
            files.look(index)
    total = len(pages)
    done = total - len(todo)
    with _Parser([pages[i] for i in todo], jobs, max_bytes) as parser:
        if progress:
            progress(done, total)
        if summary.failed or not (todo or files.fresh or folders.changed):
            # Nothing to parse and nothing to remember (or strict mode has already failed): no batch.
            summary.committed = not summary.failed
            return
        try:
            with catalog.batch() as batch:
                writes = 0
                pause_after = int(os.environ.get(_PAUSE_ENV) or 0)
                for index, parsed in zip(todo, parser.results(), strict=True):
                    writes += _store(batch, parsed, ids_seen, summary)
                    if parsed.content_hash is not None:
                        files.hashed(index, parsed.content_hash)
                    done += 1
                    if progress:
                        progress(done, total)
                    if pause_after and writes == pause_after:
                        _test_pause(writes)
                if summary.failed:
                    raise _StrictRollback
                if files.fresh:
                    batch.record_files(files.fresh.values())
                if folders.gone:
                    batch.forget_folders(folders.gone)
                if folders.fresh:
                    batch.record_folders(folders.fresh.values())
        except _StrictRollback:
            summary.committed = False
            return
    summary.committed = True


RACY_NS = 2_000_000_000
"""A file modified (mtime or ctime) this close to when it was looked at is not remembered: it may
still be being written, or be written again within the same timestamp tick, so it is hashed again
on the next run."""

_INODE_WRAP = 1 << 64


def _inode(st: os.stat_result) -> int:
    """The inode number as a signed 64-bit value (what a BIGINT column holds)."""
    return st.st_ino if st.st_ino < 1 << 63 else st.st_ino - _INODE_WRAP


class _FileStates:
    """The catalog's remembered file states for this run's pages, and the new ones to record.

    A page whose remembered state has the same key (site path, format, importer
    code), size, mtime, ctime and inode takes the remembered content hash
    without being read. A page hashed in this run gets a new state, unless it
    was modified within ``RACY_NS`` of the run's start.

    The key is a digest of the importer fingerprint and the format, and the
    length of the site path: the remembered file's path ends with its site path,
    so the length is enough to tell which site path it was read under.
    """

    def __init__(self, catalog: Catalog, pages: list[PageFile], *, rehash: bool, racy_after: int) -> None:
        self.pages = pages
        self.racy_after = racy_after
        self.remembered = {} if rehash else catalog.file_states()
        self.fingerprint = importer_fingerprint()
        self._format_keys: dict[str, str] = {}
        # Per page: (file, key, size, mtime_ns, ctime_ns, inode), None when it cannot be stat'ed.
        self.looked: list[tuple[str, str, int, int, int, int] | bool | None] = [False] * len(pages)
        self.fresh: dict[str, FileState] = {}

    def _key(self, page: PageFile) -> str:
        base = self._format_keys.get(page.format)
        if base is None:
            digest = hashlib.sha256(self.fingerprint + f"\0{page.format}".encode())
            base = self._format_keys[page.format] = digest.hexdigest()[:16]
        return f"{base}:{'-' if page.site_path is None else len(page.site_path)}"

    def look(self, index: int) -> tuple[str, str, int, int, int, int] | None:
        """The page's state now, taken once per run; None when it cannot be stat'ed."""
        state = self.looked[index]
        if state is not False:
            return state
        page = self.pages[index]
        try:
            st = os.stat(page.file)
        except OSError:
            state = None  # reading it will report why
        else:
            source = page.source or os.path.abspath(page.file)
            state = (source, self._key(page), st.st_size, st.st_mtime_ns, st.st_ctime_ns, _inode(st))
        self.looked[index] = state
        return state

    def remembered_hash(self, index: int) -> str | None:
        """The content hash remembered for the page as it is now, or None when it must be read."""
        state = self.look(index)
        if state is None:
            return None
        row = self.remembered.get(state[0])
        if row is None or row[1:6] != state[1:]:
            return None
        return row.content_hash

    def hashed(self, index: int, digest: str) -> None:
        """Remember the hash computed for a page's bytes, unless the page is racy or already remembered."""
        state = self.look(index)
        if state is None or state[0] in self.fresh:
            return
        if state[3] >= self.racy_after or state[4] >= self.racy_after:
            return
        fresh = FileState(*state, content_hash=digest)
        if self.remembered.get(fresh.file) != fresh:
            self.fresh[fresh.file] = fresh


def _page_hash(page: PageFile, max_bytes: int) -> str | None:
    try:
        return content_hash(read_page(page.file, max_bytes), page.site_path, page.format)
    except ScriptoriumError:
        return None  # parsing will report it with its reason


def _unchanged_pages(
    pages: list[PageFile],
    files: _FileStates,
    id_by_hash: dict[str, str],
    ids_seen: dict[str, str],
    summary: ImportSummary,
    max_bytes: int,
) -> list[int]:
    """Hash every page once (or take its remembered hash); count those the catalog already holds.

    Returns the indexes of the pages left to parse.
    """
    todo: list[int] = []
    for index, page in enumerate(pages):
        digest = files.remembered_hash(index)
        if digest is None:
            digest = _page_hash(page, max_bytes)
            if digest is not None:
                files.hashed(index, digest)
        record_id = id_by_hash.get(digest) if digest else None
        if record_id is None:
            todo.append(index)
            continue
        summary.unchanged += 1
        ids_seen.setdefault(record_id, page.file)
    return todo


def _store(batch: Any, parsed: _Parsed, ids_seen: dict[str, str], summary: ImportSummary) -> int:
    """Write one parsed page (or record why not); returns the number of records written."""
    if parsed.record is None:
        summary.skipped.append((parsed.file, parsed.reason or "could not be read"))
        return 0
    record = parsed.record
    first = ids_seen.setdefault(record.id, parsed.file)
    if first != parsed.file:
        summary.skipped.append((parsed.file, f"gives the same id {record.id!r} as {first}"))
        return 0
    if record.warnings:
        summary.warnings += len(record.warnings)
        summary.warned.append((parsed.file, record.warnings))
    outcome = batch.put(record, content_hash=parsed.content_hash, origin=parsed.file)
    if outcome is PutOutcome.IMPORTED:
        summary.imported += 1
    elif outcome is PutOutcome.UPDATED:
        summary.updated += 1
    else:
        summary.unchanged += 1
    return 1


def _test_pause(writes: int) -> None:
    print(f"scriptorium: paused after {writes} writes", file=sys.stderr, flush=True)
    time.sleep(60)
