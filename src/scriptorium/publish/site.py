"""The incremental, all-or-nothing site builder.

How a build runs:

1. One pass over ``catalog.iter_records()`` builds the compact site model
   (summaries only; bodies are dropped as soon as their links are noted).
2. Every output file gets an *input hash*: for a listing page, the hash of its
   template context; for a document page, the hash of its record's content
   hash plus everything it shows about other pages (its writer's page, its
   issue, its chapters' titles, whether each of its links resolves). Hashes
   are salted with the generator's own fingerprint (code, templates, CSS,
   options), so a new template rebuilds everything.
3. The new site is written into a temporary sibling directory. A file whose
   hash matches the previous build's manifest is *hard-linked* from the
   previous site (one system call, no copy, and the new directory is complete
   on its own); only changed files are rendered. Documents are rendered in a
   second pass, one record at a time, right after it is read.
4. The new directory is swapped in atomically (``renameat2(RENAME_EXCHANGE)``
   where the kernel has it, else two renames), then the old one is removed. A
   build that fails at any point removes its temporary directory and leaves
   the previous site exactly as it was.

Hard links were chosen over a two-directory swap because the published
directory stays an ordinary directory (no symlink for a web server to follow)
and an unchanged page costs a link, not a copy, whatever its size.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    Template,
    select_autoescape,
)

from scriptorium.catalog.rows import load_record
from scriptorium.errors import ScriptoriumError
from scriptorium.model import Record
from scriptorium.publish import feeds, incremental, pages, searchindex, urls
from scriptorium.publish.incremental import MANIFEST, MANIFEST_FORMAT
from scriptorium.publish.metadata import json_text
from scriptorium.publish.pages import Options
from scriptorium.publish.sitemodel import RENDERED_AS_DOCUMENT, DocEntry, ModelBuilder, SiteModel

if TYPE_CHECKING:  # the worker pool and ctypes are loaded by the builds that use them
    import multiprocessing.pool

STATIC = ("site.css", "theme.js")
SEARCH_STATIC = ("search.js",)
RESERVED = (
    pages.MAIN,
    pages.WRITERS,
    pages.PERIODICALS,
    pages.WHATS_NEW,
    pages.CREDITS,
    pages.FEED,
    pages.CSS,
    pages.SCRIPT,
    pages.SEARCH,
    pages.SEARCH_SCRIPT,
    "sitemap.xml",
    "robots.txt",
    MANIFEST,
)
FETCH_ONE_BY_ONE = 500  # fewer changed documents than this: read them with get(), not a second full pass
_PACKAGE = Path(__file__).resolve().parent


class BuildError(ScriptoriumError):
    """The site cannot be built where or as asked."""

    exit_code = 1


@dataclass(slots=True)
class BuildReport:
    """What a build did: files rendered, files carried over unchanged, files dropped."""

    out_dir: str
    pages_written: int = 0
    files_written: int = 0
    files_reused: int = 0
    files_removed: int = 0
    pages_total: int = 0
    documents: int = 0
    seconds: float = 0.0
    written: list[str] = field(default_factory=list)  # pages rendered by this build
    changed_files: list[str] = field(default_factory=list)  # every file rendered by this build
    warnings: list[str] = field(default_factory=list)
    search_pages: int = 0  # pages in the search index (0: the site has no search)
    search_rebuilt: bool = False  # False: the previous index was carried over
    quick: bool = False  # True: updated in place from the saved state, without reading every record

    @property
    def files_total(self) -> int:
        return self.files_written + self.files_reused

    def summary(self) -> str:
        return (
            f"built {self.out_dir}: {self.pages_total} pages ({self.documents} documents), "
            f"{self.pages_written} pages written, {self.files_reused} files unchanged, "
            f"{self.files_removed} removed{self._search()}, in {self.seconds:.2f} s"
            + (" (quick update)" if self.quick else "")
        )

    def _search(self) -> str:
        if not self.search_pages:
            return ""
        state = "rebuilt" if self.search_rebuilt else "unchanged"
        return f", search index {state} ({self.search_pages} pages)"


@lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """A hash of the code, templates and static files that turn records into pages."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".xml", ".css", ".js"):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _hash(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("scriptorium.publish", "templates"),
        autoescape=select_autoescape(("html", "xml")),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are fixed for a build: no stat of every file on every render
        bytecode_cache=FileSystemBytecodeCache(),  # compiled templates kept between runs (per user, private)
    )
    return env


_TEMPLATES = {
    "MainPage": "main.html",
    "WritersPage": "writers.html",
    "WriterPage": "writer.html",
    "PeriodicalsPage": "periodicals.html",
    "PeriodicalPage": "periodical.html",
    "IssuePage": "issue.html",
    "WorkPage": "work.html",
    "DocumentPage": "document.html",
    "ListPage": "list.html",
    "SearchPage": "search.html",
    "RedirectPage": "redirect.html",
    "Feed": "feed.xml",
}


@cache
def _template(kind: str) -> Template:
    return environment().get_template(_TEMPLATES[kind])


def render(context: object) -> str:
    """The page a context describes, through the template for its kind."""
    return _template(type(context).__name__).render(page=context)


class _Output:
    """The new site being written next to the old one, with hard links for what has not changed."""

    def __init__(self, tmp: Path, previous: Path | None, old_files: dict[str, str], report: BuildReport):
        self.tmp = tmp
        self.previous = previous
        self.old_files = old_files
        self.files: dict[str, str] = {}
        self.report = report
        self._dirs: set[Path] = set()
        self.search: searchindex.IndexResult | None = None

    def unchanged(self, path: str, input_hash: str) -> bool:
        """True (and the old file is carried over) when the previous build wrote the same inputs."""
        if self.previous is None or self.old_files.get(path) != input_hash:
            return False
        source = self.previous / path
        target = self._target(path)
        try:
            os.link(source, target)
        except FileNotFoundError:
            return False
        except OSError:
            try:
                shutil.copy2(source, target)
            except OSError:
                return False
        self.files[path] = input_hash
        self.report.files_reused += 1
        return True

    def write(self, path: str, input_hash: str, content: str | bytes) -> None:
        target = self._target(path)
        data = content.encode("utf-8") if isinstance(content, str) else content
        target.write_bytes(data)
        self.wrote(path, input_hash)

    def wrote(self, path: str, input_hash: str) -> None:
        """Account for a file now in the new site (written here or by a rendering worker)."""
        self.files[path] = input_hash
        self.report.files_written += 1
        self.report.changed_files.append(path)
        if pages.is_page(path):
            self.report.pages_written += 1
            self.report.written.append(path)

    def emit(self, path: str, input_hash: str, produce: Callable[[], str | bytes]) -> None:
        if path in self.files:
            self.report.warnings.append(f"{path} would be written twice; kept the first")
            return
        if not self.unchanged(path, input_hash):
            self.write(path, input_hash, produce())

    def _target(self, path: str) -> Path:
        target = self.tmp / path
        parent = target.parent
        if parent not in self._dirs:
            parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)
        return target


def _read_manifest(out: Path, *, head: bool = False) -> dict | None:
    """The site's manifest; None when there is none, {} when it is unreadable. ``head``: everything but
    the file list, read without parsing it (a quick build needs only the build id)."""
    try:
        text = (out / MANIFEST).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError):
        return {}
    at = text.find(',"files":') if head else -1
    try:
        data = json.loads(text[:at] + "}" if at > 0 else text)
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return {}
    if at > 0:
        data[incremental.LISTING] = text[at + len(',"files":') :].rstrip()[:-1]  # the files, as JSON text
    return data


def _check_destination(out: Path, *, head: bool = False, read: bool = True) -> dict | None:
    """The previous build's manifest; refuses to replace a directory this builder did not write.

    ``read=False`` only checks (returns None): the manifest is long, and read once is enough."""
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out} exists and is not a directory")
    manifest = _read_manifest(out, head=head) if read and out.exists() else None
    built_here = manifest is not None if read else (out / MANIFEST).exists()
    if out.exists() and not built_here and any(out.iterdir()):
        raise BuildError(
            f"{out} is not empty and holds no site built by scriptorium ({MANIFEST} is missing); "
            "choose a new or empty directory"
        )
    return manifest


def build_site(
    catalog,
    out_dir: str | os.PathLike[str],
    *,
    options: Options | None = None,
    clean: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build the whole site from ``catalog`` into ``out_dir``, rewriting only what changed."""
    opts = options or Options()
    out = Path(out_dir).resolve()
    started = time.perf_counter()
    _check_destination(out, read=False)
    report = BuildReport(out_dir=str(out))
    say = progress or (lambda _msg: None)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(out):
        for stale in out.parent.glob(f".{out.name}.building-*"):  # left by a build that was killed
            incremental.recover(out, stale)
        head = _check_destination(out, head=True)
        if clean:
            incremental.drop_state(out)
        elif head and _quick_build(catalog, out, opts, head, report, say):
            report.seconds = time.perf_counter() - started
            return report
        manifest = _read_manifest(out) if head and not clean else None
        _full_build(catalog, out, opts, manifest, report, say)
    report.seconds = time.perf_counter() - started
    return report


def _full_build(
    catalog,
    out: Path,
    opts: Options,
    manifest: dict | None,
    report: BuildReport,
    progress: Callable[[str], None],
) -> None:
    """Read every record, work out every page, write the new site aside and swap it in."""
    old_files: dict[str, str] = {}
    old_search = None
    if manifest:
        old_files = dict(manifest.get("files") or {})
        old_search = manifest.get("search")
    tmp = out.parent / f".{out.name}.building-{os.getpid()}"
    tmp.mkdir()
    try:
        output = _Output(tmp, out if (old_files and out.is_dir()) else None, old_files, report)
        built = _build_into(catalog, output, opts, progress, old_search)
        report.files_removed = len(set(old_files) - set(output.files))
        search = output.search.manifest() if output.search is not None else None
        text, build_id = incremental.manifest_text(generator_fingerprint(), output.files, search)
        (tmp / MANIFEST).write_text(text, encoding="utf-8")
        _swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if not any("would be written twice" in w for w in report.warnings):
        model, html_pages, lastmod, hashes = built
        state = incremental.BuildState(
            build=build_id,
            generator=_hash(_generation(opts)),
            hashes=hashes,
            model=model,
            files=output.files,
            html_pages=dict.fromkeys(html_pages),
            lastmod=lastmod,
            pages_total=report.pages_total,
            documents=report.documents,
            search=search,
            extra={"search_pages": report.search_pages},
        )
        incremental.save_state(out, state)


def _kept(out: Path, files: dict[str, str], path: str, input_hash: str) -> bool:
    """True when the site already holds ``path`` as made from ``input_hash``."""
    return files.get(path) == input_hash and os.path.isfile(out / path)


def _generation(opts: Options) -> tuple:
    """What every input hash is salted with: the generator's code and the build's options."""
    return (generator_fingerprint(), opts)


def _quick_build(
    catalog, out: Path, opts: Options, manifest: dict, report: BuildReport, progress: Callable[[str], None]
) -> bool:
    """Update the site in place when only a few documents changed (``incremental``); False when a
    full build is needed instead. Nothing is written before the commit."""
    gen = _generation(opts)
    state = incremental.load_state(out, manifest, _hash(gen))
    if state is None:
        return False
    try:
        return _quick_update(catalog, out, opts, gen, state, manifest, report, progress)
    finally:
        state.close()


def _quick_update(
    catalog,
    out: Path,
    opts: Options,
    gen: tuple,
    state: incremental.BuildState,
    manifest: dict,
    report: BuildReport,
    progress: Callable[[str], None],
) -> bool:
    try:
        hashes = dict(catalog.content_hashes())
    except (AttributeError, NotImplementedError):
        return False
    if not incremental.intact(out, (state.search or {}).get("files") or ()):
        return False  # the search index lost a file: the full build makes it again
    files_count = state.extra["files_count"]
    if hashes == state.hashes:
        report.pages_total, report.documents = state.pages_total, state.documents
        report.files_reused = files_count
        report.search_pages = int(state.extra.get("search_pages") or 0)
        report.quick = True
        return True
    if opts.search:
        return False  # a changed document changes the search index: Pagefind reads the whole site again
    progress("reading the changed records")
    work = incremental.plan(catalog, state, hashes)
    if work is None:
        return False
    model = state.model
    model.docs.update(work.entries)
    dates: dict[str, str | None] = {}
    for entry in work.entries.values():
        if state.lastmod.get(entry.out) != entry.updated_iso:  # documents are all in the sitemap
            dates[entry.out] = entry.updated_iso
            if entry.updated_iso:
                state.lastmod[entry.out] = entry.updated_iso
            else:
                state.lastmod.pop(entry.out, None)
    progress("writing the pages that show them")
    files = state.files
    written: list[str] = []
    old_hashes: dict[str, str | None] = {}
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    staging.mkdir()
    try:
        listing, doc_ids = incremental.affected_pages(model, opts, work)
        for path, ctx in listing:
            input_hash = _hash(gen, ctx)
            if _kept(out, files, path, input_hash):
                continue
            if path not in files:
                shutil.rmtree(staging, ignore_errors=True)
                return False  # a page the last build did not write: the full build decides about it
            _put(staging, path, render(ctx))
            old_hashes[path] = files[path]
            files[path] = input_hash
            written.append(path)
        rendering = _Rendering(model, opts, staging)
        for doc_id in doc_ids:
            entry = model.docs[doc_id]
            json_out = urls.json_path(entry.out)
            page_hash = _hash(gen, "document", entry.content_hash, document_dependencies(model, entry))
            json_hash = _hash(gen, "json", entry.content_hash)
            page = None if _kept(out, files, entry.out, page_hash) else (entry.out, page_hash)
            data = None if _kept(out, files, json_out, json_hash) else (json_out, json_hash)
            if page is None and data is None:
                continue
            record = work.records.get(doc_id) or catalog.get(doc_id)
            for path, input_hash in _render_task(rendering, ("document", record, page, data)):
                old_hashes[path] = files.get(path)
                files[path] = input_hash
                written.append(path)
        # The page list is the same (no page came or went); the sitemap changes only with the dates.
        site_wide = feeds.sitemaps(list(state.html_pages), dict(state.lastmod), opts) if dates else {}
        for name, text in site_wide.items():
            input_hash = _hash(gen, text)
            if files.get(name) != input_hash:
                _put(staging, name, text)
                old_hashes[name] = files.get(name)
                files[name] = input_hash
                written.append(name)
        changes = {path: (old_hashes[path], files[path]) for path in written}
        found = incremental.patched_manifest(manifest, generator_fingerprint(), changes, state.search)
        if found is None:  # not the manifest this builder writes: write it from the whole list
            found = incremental.manifest_text(generator_fingerprint(), dict(files.items()), state.search)
        text, build_id = found
        incremental.commit_in_place(out, staging, written, [], text)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.pages_total, report.documents = state.pages_total, state.documents
    report.quick = True
    for path in written:
        report.files_written += 1
        report.changed_files.append(path)
        if pages.is_page(path):
            report.pages_written += 1
            report.written.append(path)
    report.files_reused = files_count - len(written)
    incremental.record_quick_build(
        out,
        state,
        entries=work.entries,
        hashes=hashes,
        files={path: files[path] for path in written},
        lastmod=dates,
        build=build_id,
    )
    return True


@contextlib.contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """One build at a time per output directory (a lock file beside it)."""
    lock_path = out.parent / f".{out.name}.lock"
    with open(lock_path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BuildError(f"another build is writing {out}; try again when it has finished") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_into(
    catalog, output: _Output, opts: Options, progress: Callable[[str], None], old_search: object = None
) -> tuple[SiteModel, list[str], dict[str, str], dict[str, str]]:
    """Write every page into ``output``; the model, the HTML pages, their last-modified dates and the
    records' content hashes, for the build state."""
    report = output.report
    progress("reading the catalog")
    hashes: dict[str, str] = {}
    model = read_model(catalog, report, hashes)
    report.warnings.extend(model.warnings)
    docs = model.documents()
    report.documents = sum(1 for d in docs if d.page_type == "document")
    if opts.search and not docs:
        opts = replace(opts, search=False)  # nothing to index: no search page to offer
    gen = _generation(opts)
    indexed: dict[str, str] = {}  # document page -> input hash: what the search index is made of
    html_pages: list[str] = []
    lastmod: dict[str, str] = {}

    listings = _Renderer(output, _Rendering(model, opts, output.tmp))
    queued: set[str] = set()

    def feed(path_ctx: tuple[str, object]) -> None:
        path, ctx = path_ctx
        if path in output.files or path in queued:
            report.warnings.append(f"{path} would be written twice; kept the first")
            return
        input_hash = _hash(gen, ctx)
        if not output.unchanged(path, input_hash):
            queued.add(path)
            listings.submit(("page", path, input_hash, ctx))

    def page(path_ctx: tuple[str, object]) -> None:
        feed(path_ctx)
        if type(path_ctx[1]).__name__ != "RedirectPage":
            html_pages.append(path_ctx[0])

    with listings:  # rendered as they come, a window at a time
        progress("writing listing pages")
        for name in STATIC + (SEARCH_STATIC if opts.search else ()):
            data = (_PACKAGE / "static" / name).read_bytes()
            output.emit(f"static/{name}", _hash(gen, data), lambda data=data: data)
        page(pages.main_page(model, opts))
        page(pages.writers_page(model, opts))
        page(pages.periodicals_page(model, opts))
        page(pages.whats_new_page(model, opts))
        page(pages.credits_page(model, opts))
        if opts.search:
            page(pages.search_page(opts))
        feed(feeds.whats_new_feed(model, opts))
        for writer in model.writers.values():
            page(pages.writer_page(model, writer, opts))
            feed(feeds.writer_feed(model, writer, opts))
        for periodical in model.periodicals.values():
            page(pages.periodical_page(model, periodical, opts))
            ordered = pages.issues_in_order(periodical)
            for at, issue in enumerate(ordered):
                previous = ordered[at - 1] if at > 0 else None
                following = ordered[at + 1] if at + 1 < len(ordered) else None
                page(pages.issue_page(model, periodical, issue, opts, previous, following))
        for work in model.works.values():
            page(pages.work_page(model, work, opts))
        for volunteer in model.volunteers.values():
            page(pages.volunteer_page(model, volunteer, opts))
        for alias, target in sorted(model.redirects.items()):
            if target:
                page(pages.redirect_page(alias, target, opts))

    progress("writing documents")
    pending: dict[str, tuple[str, str]] = {}
    for entry in model.docs.values():
        json_hash = _hash(gen, "json", entry.content_hash)
        json_out = urls.json_path(entry.out)
        if entry.page_type in RENDERED_AS_DOCUMENT:
            html_pages.append(entry.out)
            if entry.updated_iso:
                lastmod[entry.out] = entry.updated_iso
            page_hash = _hash(gen, "document", entry.content_hash, document_dependencies(model, entry))
            indexed[entry.out] = page_hash
            page_kept = output.unchanged(entry.out, page_hash)
            json_kept = output.unchanged(json_out, json_hash)
            if page_kept and json_kept:
                continue
            pending[entry.id] = (page_hash, json_hash)
        elif not output.unchanged(json_out, json_hash):
            pending[entry.id] = ("", json_hash)
    _write_documents(catalog, model, output, opts, pending)
    if pending:
        missing = ", ".join(sorted(pending)[:5])
        raise BuildError(f"{len(pending)} records vanished from the catalog during the build: {missing}")

    if opts.search:
        progress("indexing the documents for search")
        output.search = searchindex.update(output.tmp, indexed, output.previous, old_search)
        report.search_pages = len(indexed)
        report.search_rebuilt = output.search.rebuilt
        if output.search.warning:
            report.warnings.append(output.search.warning)

    progress("writing the sitemap")
    for name, text in feeds.sitemaps(html_pages, lastmod, opts).items():
        output.emit(name, _hash(gen, text), lambda text=text: text)
    robots = feeds.robots(opts)
    output.emit("robots.txt", _hash(gen, robots), lambda: robots)
    report.pages_total = len(html_pages) + sum(1 for t in model.redirects.values() if t)
    return model, html_pages, lastmod, hashes


def _write_documents(catalog, model: SiteModel, output: _Output, opts: Options, pending: dict) -> None:
    """Render the changed documents (page and JSON record): records are read here, in the catalog's
    order, and each becomes a task naming the files still to write."""
    with _Renderer(output, _Rendering(model, opts, output.tmp)) as renderer:
        for record_id, record in _records(catalog, pending):
            page_hash, json_hash = pending.pop(record_id)
            entry = model.docs[record_id]
            json_out = urls.json_path(entry.out)
            page = (entry.out, page_hash) if page_hash and entry.out not in output.files else None
            data = (json_out, json_hash) if json_out not in output.files else None
            renderer.submit(("document", record, page, data))


class _Renderer:
    """Renders and writes tasks, in forked worker processes once there are enough of them.

    Workers are forked once the site model is complete, so they share it
    instead of receiving a copy, and write their files straight into the new
    site; only (path, input hash) pairs come back, in task order, so that the
    manifest and the report are those of a serial build. Tasks go out a window
    at a time, the next window being prepared here while the workers render
    the last: memory stays bounded whatever the size of the site, and the
    catalog is only ever read from this thread. Use it as a context manager:
    leaving it renders what is left, or stops the workers on an error.
    """

    def __init__(self, output: _Output, state: _Rendering) -> None:
        self.output = output
        self.state = state
        self.window: list[_Task] = []
        self.jobs = render_jobs(PARALLEL_MIN)
        self._stack: contextlib.ExitStack | None = None
        self._pool: multiprocessing.pool.Pool | None = None
        self._in_flight: multiprocessing.pool.MapResult | None = None

    def __enter__(self) -> _Renderer:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._stack is None:
            if exc is None:
                self._render_here()
            return
        with self._stack:  # the pool stops its workers if anything escapes
            if exc is not None:
                raise exc
            self._send()
            self._collect()

    def submit(self, task: _Task) -> None:
        self.window.append(task)
        if len(self.window) >= PARALLEL_MIN:
            self._send()

    def _render_here(self) -> None:
        window, self.window = self.window, []
        for task in window:
            self._account(_render_task(self.state, task))

    def _send(self) -> None:
        if self.jobs < 2:
            self._render_here()
            return
        if self._pool is None:
            self._stack = contextlib.ExitStack()
            self._pool = self._stack.enter_context(_fork_pool(self.jobs, self.state))
        window, self.window = self.window, []
        sent = self._pool.map_async(_render_in_worker, window, chunksize=RENDER_CHUNK) if window else None
        self._collect()
        self._in_flight = sent

    def _collect(self) -> None:
        if self._in_flight is not None:
            done, self._in_flight = self._in_flight, None
            for written in done.get():
                self._account(written)

    def _account(self, written: list[tuple[str, str]]) -> None:
        for path, input_hash in written:
            self.output.wrote(path, input_hash)


@dataclass(frozen=True, slots=True)
class _Rendering:
    model: SiteModel
    opts: Options
    tmp: Path


# ("document", record, (path, hash) or None, (path, hash) or None), or ("page", path, hash, context)
_Task = tuple
_WORKER: list[_Rendering] = []  # what forked workers render with, set while their pool lives
_FORKING = threading.Lock()
PARALLEL_MIN = 256  # tasks per window; fewer in all than this: render them here, a pool costs more
RENDER_CHUNK = 8  # tasks sent to a worker at a time: enough to amortise the pipe, small enough to balance
MAX_RENDER_JOBS = 4


def render_jobs(count: int) -> int:
    """Rendering processes for ``count`` tasks: one per usable core (at most 4) when there are enough."""
    import multiprocessing

    if count < PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_RENDER_JOBS))


@contextlib.contextmanager
def _fork_pool(jobs: int, state: _Rendering) -> Iterator[multiprocessing.pool.Pool]:
    """Workers forked with ``state`` in hand (inherited, never pickled); one such pool at a time."""
    with _FORKING:
        _WORKER.append(state)
        gc.freeze()  # the model's objects stay put: fewer memory pages copied into the workers
        import multiprocessing

        pool = multiprocessing.get_context("fork").Pool(jobs)
        try:
            yield pool
            pool.close()
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.join()
            gc.unfreeze()
            _WORKER.clear()


def _render_in_worker(task: _Task) -> list[tuple[str, str]]:
    return _render_task(_WORKER[0], task)


def _render_task(state: _Rendering, task: _Task) -> list[tuple[str, str]]:
    """Write what a task asks for; the (path, input hash) of each file written."""
    if task[0] == "page":
        _, path, input_hash, ctx = task
        _put(state.tmp, path, render(ctx))
        return [(path, input_hash)]
    _, record, page, data = task
    if not isinstance(record, Record):
        record = load_record(record)
    written = []
    if page is not None:
        _, ctx = pages.document_page(state.model, record, state.model.docs[record.id], state.opts)
        _put(state.tmp, page[0], render(ctx))
        written.append(page)
    if data is not None:
        _put(state.tmp, data[0], record_file_text(record))
        written.append(data)
    return written


def record_file_text(record: Record) -> str:
    """The record's JSON form as published beside its page, compact (every document has one, and it
    holds the body twice)."""
    return json_text(record.to_dict()) + "\n"


def _put(tmp: Path, path: str, text: str) -> None:
    target = tmp / path
    try:
        target.write_bytes(text.encode("utf-8"))
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))


def read_model(catalog, report: BuildReport | None = None, hashes: dict[str, str] | None = None) -> SiteModel:
    """Pass one: every record's summary, joined into the site model; ``hashes`` is filled with
    every record's content hash."""
    known: dict[str, str] = {}
    with contextlib.suppress(AttributeError, NotImplementedError):
        known = dict(catalog.content_hashes())
    seen = {} if hashes is None else hashes
    builder = ModelBuilder(reserved=RESERVED)
    for record in catalog.iter_records():
        content_hash = known.get(record.id) or _record_hash(record)
        seen[record.id] = content_hash
        builder.add(record, content_hash)
    model = builder.finish()
    for key in ("index.html", "index.htm", "index", ""):
        model.pages.setdefault(key, pages.MAIN)
    return model


def _record_hash(record: Record) -> str:
    return hashlib.blake2b(record.to_json().encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _records(catalog, wanted: dict[str, tuple[str, str]]) -> Iterable[tuple[str, Record | str | bytes]]:
    """The records still to render, by id: one by one when few, else in one more pass over the
    catalog, as their stored JSON (read by the worker that renders them, not here)."""
    if not wanted:
        return
    if len(wanted) < FETCH_ONE_BY_ONE:
        for record_id in sorted(wanted):
            yield record_id, catalog.get(record_id)
        return
    for record_id, text in catalog.iter_record_json():
        if record_id in wanted:
            yield record_id, text


def document_dependencies(model: SiteModel, entry: DocEntry) -> tuple:
    """Everything a document page shows that comes from other records (not from its own)."""
    writers = tuple((name, w.out if (w := model.writer_for(name)) else None) for name in entry.authors)
    issue = None
    if entry.issue_key is not None:
        periodical = model.periodicals[entry.issue_key[0]]
        found = periodical.issues[entry.issue_key[1]]
        issue = (periodical.title, periodical.out, found.designation, found.out)
    elif entry.periodical:
        periodical = model.periodicals.get(urls.slugify(entry.periodical))
        issue = (periodical.title, periodical.out) if periodical else None
    chapters = None
    if entry.work_id:
        work = model.works[entry.work_id]
        at = work.position(entry.id)
        near = work.chapters[max(0, at - 1) : at + 2]
        near_docs = (model.docs[d] for d in near)
        chapters = (work.title, work.out, tuple((work.chapter_title(d), d.out) for d in near_docs))
    volunteers = tuple(
        v.out if (v := model.volunteers.get(urls.person_key(name))) else None for _, name in entry.credits
    )
    links = []
    for target in entry.targets:
        path, _, fragment = target.partition("#")
        found_out = model.find(path)
        links.append((target, found_out, bool(found_out) and model.has_anchor(found_out, fragment)))
    return writers, issue, chapters, volunteers, tuple(links)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where unavailable."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _swap_in(new: Path, out: Path) -> None:
    """Put the new site in place of the old in one step, then remove the old."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the previous site
        return
    old = out.parent / f".{out.name}.previous-{os.getpid()}"
    os.rename(out, old)
    os.rename(new, out)
    shutil.rmtree(old, ignore_errors=True)
