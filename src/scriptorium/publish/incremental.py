"""Small rebuilds without reading the whole catalog: the build state and the in-place update.

A full build reads every record to make the site model, and computes the
input hash of every page. When a volunteer fixes a typo in one document of a
large archive, nearly all of that work gives the same answers as last time.
So a full build leaves its *state* beside the site (``statedb``: a SQLite
file read a row at a time): the finished site model, every record's content
hash, and the hash of every file it wrote. The next build compares the
catalog's content hashes with the state's (one query, no record read) and,
when only a few documents changed in ways that leave the site's structure
alone, takes the *quick path*:

- the changed records alone are read; their summaries replace the old ones
  in the saved model;
- a change that other pages do not show (a corrected body) rewrites the
  document's own page and JSON record, nothing else;
- a change they show (a title, a date) also brings back the pages that can
  show it: the other chapters of the document's work, whose navigation names
  it, its writers' archives and feeds, its issue and periodical, its work,
  the volunteers credited, the index pages that link to it, the main page,
  what's new and its feed, and the sitemap when a date of last update
  changed. Each page's input hash is computed exactly as a full build
  computes it, and only a page whose hash changed (or whose file is missing)
  is rendered;
- the rendered files are written into a staging directory beside the site,
  then moved into place one by one (each move is atomic), the manifest last.
  A journal in the staging directory marks the moment the move began: a
  build killed during the moves is finished by the next one, which finds the
  journal; a build that fails before it leaves the site untouched. The state
  file is then updated in one transaction.

Anything else falls back to the full build: a record added or removed, a
change to what links the site together (a document's address, authors,
periodical, issue, credits, aliases, chapter, anchors or page type), an index
page changed, too many changes, the search index needing a rebuild, a new
generator or other options, or a state that does not belong to the site's
manifest (its build id). The tests compare quick builds with full ones file
by file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import pickle
import shutil
import sqlite3
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from scriptorium.publish import feeds, pages, statedb, urls
from scriptorium.publish.pages import Options
from scriptorium.publish.sitemodel import RENDERED_AS_DOCUMENT, DocEntry, SiteModel, _entry

MANIFEST = ".scriptorium-build.json"  # in the site: every file with its input hash, and the build id
MANIFEST_FORMAT = 1
QUICK_LIMIT = 200  # more changed records than this: a full build is as quick and simpler
JOURNAL = ".commit-journal.json"


def state_path(out: Path) -> Path:
    """Where the state of the site at ``out`` is kept: beside it, never published with it."""
    return out.parent / f".{out.name}.state"


def manifest_text(generator: str, files: dict[str, str], search: dict | None) -> tuple[str, str]:
    """The manifest of a site (JSON) and the site's build id: a digest of every file's path and input
    hash, so that the same site gets the same id (and the same manifest)."""
    return _manifest(generator, json.dumps(files, sort_keys=True, separators=(",", ":")), search)


LISTING = "\0listing"  # where a manifest read for its head keeps the text of its file list


def patched_manifest(
    head: dict, generator: str, changes: dict[str, tuple[str | None, str]], search: dict | None
) -> tuple[str, str] | None:
    """The manifest with a few files' input hashes changed, made by editing the text of the old
    one (its file list is long; a quick build changes a few entries); None when an entry to change
    is not found, or a file is new.

    An entry ``"path":"hash"`` is found by its first occurrence: a quote inside another path is
    escaped and hashes hold none, so the text can only occur as that path's own entry.
    """
    listing = head.get(LISTING)
    if not isinstance(listing, str):
        return None
    cuts: list[tuple[int, int, str]] = []
    for path, (old, new) in changes.items():
        if old is None:
            return None
        key = json.dumps(path)
        entry = f"{key}:{json.dumps(old)}"
        at = listing.find(entry)
        if at < 0:
            return None
        cuts.append((at, at + len(entry), f"{key}:{json.dumps(new)}"))
    cuts.sort()
    parts: list[str] = []
    done = 0
    for start, end, text in cuts:
        if start < done:
            return None
        parts += (listing[done:start], text)
        done = end
    parts.append(listing[done:])
    return _manifest(generator, "".join(parts), search)


def _manifest(generator: str, listing: str, search: dict | None) -> tuple[str, str]:
    build = hashlib.blake2b(listing.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    head = {"format": MANIFEST_FORMAT, "generator": generator, "build": build}
    if search is not None:
        head["search"] = search
    text = json.dumps(head, sort_keys=True, separators=(",", ":"))
    return text[:-1] + ',"files":' + listing + "}\n", build


@dataclass(slots=True)
class BuildState:
    """What the last build knew, for the next one (see the module docstring).

    Loaded, its model's tables and ``files``, ``lastmod`` are lazy views of the state file
    (``statedb``); ``store`` is that open file, to update and close.
    """

    build: str  # the id written in the manifest of the build that left this state
    generator: str  # repr-hash of (generator fingerprint, options)
    hashes: dict[str, str]  # record id -> content hash
    model: SiteModel
    files: MutableMapping[str, str]  # every file of the site -> its input hash (the manifest's)
    html_pages: MutableMapping[str, None]  # every HTML page of the site (the sitemap's list), as keys
    lastmod: MutableMapping[str, str]
    pages_total: int
    documents: int
    search: dict | None = None  # the manifest's search entry
    extra: dict = field(default_factory=dict)
    store: statedb.StateFile | None = None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


_MODEL_STRINGS = ("pages", "anchors_by_out", "out_index")


def save_state(out: Path, state: BuildState) -> None:
    """Write the whole state (after a full build); on failure leave none (the next build is then full)."""
    model = state.model
    meta = {
        "build": state.build,
        "generator": state.generator,
        "pages_total": state.pages_total,
        "documents": state.documents,
        "search": state.search,
        "extra": state.extra,
        "files_count": len(state.files),
        "hashes": state.hashes,
        "redirects": model.redirects,
        "warnings": model.warnings,
    }
    objects = {name: getattr(model, name) for name in statedb.OBJECTS}
    strings = {name: getattr(model, name) for name in _MODEL_STRINGS}
    strings.update(files=state.files, lastmod=state.lastmod, html_pages=state.html_pages)
    try:
        statedb.write(state_path(out), meta, objects, strings)
    except (OSError, sqlite3.Error):
        drop_state(out)


def record_quick_build(
    out: Path,
    state: BuildState,
    *,
    entries: dict[str, DocEntry],
    hashes: dict[str, str],
    files: dict[str, str],
    lastmod: dict[str, str | None],
    build: str,
) -> None:
    """``hashes``: every record's content hash now; ``files``, ``lastmod``: what changed."""
    """Bring the state file up to the quick build just committed, in one transaction (or drop it:
    the next build is then a full one)."""
    store = state.store
    if store is None:
        return
    meta = {"build": build, "hashes": hashes}
    try:
        store.update(meta, {"docs": entries}, {"files": files, "lastmod": lastmod})
    except sqlite3.Error:
        state.close()
        drop_state(out)


def drop_state(out: Path) -> None:
    with contextlib.suppress(OSError):
        state_path(out).unlink()


def load_state(out: Path, manifest: dict | None, generator: str) -> BuildState | None:
    """The saved state when it belongs to the site's current manifest and generator, else None.

    The state is written by this builder beside the site it built; it is trusted as
    the site directory and the catalog are.
    """
    if not manifest or not manifest.get("build") or not state_path(out).is_file():
        return None
    try:
        store = statedb.StateFile(state_path(out))
    except (
        sqlite3.Error,
        pickle.UnpicklingError,
        EOFError,
        ValueError,
        AttributeError,
        ImportError,
        TypeError,
    ):
        return None
    meta = store.meta
    if meta.get("build") != manifest.get("build") or meta.get("generator") != generator:
        store.close()
        return None
    try:
        model = SiteModel(
            docs=store.table("docs"),
            writers=store.table("writers"),
            periodicals=store.table("periodicals"),
            works=store.table("works"),
            volunteers=store.table("volunteers"),
            pages=store.table("pages"),
            anchors_by_out=store.table("anchors_by_out"),
            redirects=meta["redirects"],
            out_index=store.table("out_index"),
            warnings=meta["warnings"],
        )
        extra = dict(meta.get("extra") or {})
        extra["files_count"] = meta["files_count"]
        return BuildState(
            build=meta["build"],
            generator=meta["generator"],
            hashes=meta["hashes"],
            model=model,
            files=store.table("files"),
            html_pages=store.table("html_pages"),
            lastmod=store.table("lastmod"),
            pages_total=meta["pages_total"],
            documents=meta["documents"],
            search=meta.get("search"),
            extra=extra,
            store=store,
        )
    except (KeyError, sqlite3.Error):
        store.close()
        return None


def intact(out: Path, files: Iterable[str]) -> bool:
    """True when every one of ``files`` is still in the site (one ``stat`` each)."""
    root = os.fspath(out) + os.sep
    exists = os.path.isfile
    return all(exists(root + rel) for rel in files)


# -- which records changed, and can the quick path take them -----------------------------------


def _structure(entry: DocEntry) -> tuple:
    """What ties a document to other pages: any change here needs the full build."""
    return (
        entry.out,
        entry.page_type,
        entry.authors,
        entry.periodical,
        entry.issue,
        entry.source_date,
        entry.credits,
        entry.aliases,
        entry.part_of_id,
        entry.anchors,
    )


def _shown(entry: DocEntry) -> tuple:
    """Everything about a document that other pages show (listings, feeds, navigation). The rest of a
    summary (its content hash, the links in its body) matters to its own page alone."""
    return tuple(getattr(entry, name) for name in _SHOWN_FIELDS)


_SHOWN_FIELDS = tuple(
    f.name for f in dataclasses.fields(DocEntry) if f.name not in ("content_hash", "targets")
)


@dataclass(slots=True)
class Plan:
    """The changed documents (new summaries, with their records) for a quick build."""

    entries: dict[str, DocEntry]
    records: dict[str, object]
    hashes: dict[str, str]
    shown: set[str]  # the ids of those whose change other pages show


def plan(catalog, state: BuildState, hashes: dict[str, str]) -> Plan | None:
    """The quick build's work, or None when only a full build will do."""
    if hashes.keys() != state.hashes.keys():
        return None  # records added or removed
    changed = [rid for rid, digest in hashes.items() if state.hashes[rid] != digest]
    if len(changed) > QUICK_LIMIT:
        return None
    model = state.model
    entries: dict[str, DocEntry] = {}
    records: dict[str, object] = {}
    shown: set[str] = set()
    for record_id in sorted(changed):
        old = model.docs.get(record_id)
        if old is None or old.page_type not in RENDERED_AS_DOCUMENT:
            return None  # an index page, or a record that is not published as a document
        record = catalog.get(record_id)
        if record.page_type != old.page_type or urls.document_path(record.id, record.path) != old.out:
            return None
        new = _entry(record, old.out, hashes[record_id])
        if _structure(new) != _structure(old):
            return None
        new.issue_key, new.work_id = old.issue_key, old.work_id  # joined by the full build
        entries[record_id] = new
        records[record_id] = record
        if _shown(new) != _shown(old):
            shown.add(record_id)
    return Plan(entries, records, hashes, shown)


# -- which pages can show them --------------------------------------------------------------------


def affected_pages(model: SiteModel, opts: Options, plan: Plan) -> tuple[list, list[str]]:
    """(path, context) of every listing page that can show the changed documents, and the ids of
    the documents whose own pages can: they themselves, and, when a change shows elsewhere, the
    chapters of their works. A change that shows nowhere else (the body) touches no listing."""
    ids = sorted(plan.shown)
    if not ids:
        return [], sorted(plan.entries)
    outs = {model.docs[i].out for i in ids}
    writers: dict[str, object] = {}
    issues: set[tuple[str, str]] = set()
    periodicals: set[str] = set()
    works: set[str] = set()
    volunteers: set[str] = set()
    doc_ids: set[str] = set(plan.entries)
    for record_id in ids:
        entry = model.docs[record_id]
        for name in entry.authors:
            writer = model.writer_for(name)
            if writer is not None:
                writers[writer.key] = writer
        if entry.issue_key is not None:
            issues.add(entry.issue_key)
            periodicals.add(entry.issue_key[0])
        elif entry.periodical:
            periodicals.add(urls.slugify(entry.periodical))
        if entry.work_id is not None:
            work = model.works[entry.work_id]
            works.add(work.id)
            doc_ids.update(work.chapters)
            for name in work.authors:
                writer = model.writer_for(name)
                if writer is not None:
                    writers[writer.key] = writer
        for _, name in entry.credits:
            volunteers.add(urls.person_key(name))
    # Index pages can list a document that names neither their writer nor their issue.
    for writer in model.writers.values():
        listed = writer.listed if writer.key not in writers else ()
        if any(_points_at(model, base, link.href, outs) for base, link in listed):
            writers[writer.key] = writer
    for periodical in model.periodicals.values():
        for issue in periodical.issues.values():
            listings = issue.listings if issue.key not in issues else ()
            if any(_target_in(model, item.target, outs) for item in listings):
                issues.add(issue.key)
                periodicals.add(periodical.key)
    # The writers, periodicals and credits indexes show names, life dates, issue spans and counts:
    # the structure, which a quick build never changes. The main page and what's new show titles.
    contexts = [
        pages.main_page(model, opts),
        pages.whats_new_page(model, opts),
        feeds.whats_new_feed(model, opts),
    ]
    if opts.search:
        contexts.append(pages.search_page(opts))
    for writer in writers.values():
        contexts.append(pages.writer_page(model, writer, opts))
        contexts.append(feeds.writer_feed(model, writer, opts))
    for key in sorted(periodicals):
        periodical = model.periodicals.get(key)
        if periodical is None:
            continue
        contexts.append(pages.periodical_page(model, periodical, opts))
        ordered = pages.issues_in_order(periodical)
        for at, issue in enumerate(ordered):
            if issue.key in issues:
                previous = ordered[at - 1] if at > 0 else None
                following = ordered[at + 1] if at + 1 < len(ordered) else None
                contexts.append(pages.issue_page(model, periodical, issue, opts, previous, following))
    for work_id in sorted(works):
        contexts.append(pages.work_page(model, model.works[work_id], opts))
    for key in sorted(volunteers):
        volunteer = model.volunteers.get(key)
        if volunteer is not None:
            contexts.append(pages.volunteer_page(model, volunteer, opts))
    return contexts, sorted(doc_ids)


def _points_at(model: SiteModel, base: str, href: str | None, outs: set[str]) -> bool:
    if not href:
        return False
    resolved = model.index_target(base, href)
    return resolved is not None and model.find(resolved[0]) in outs


def _target_in(model: SiteModel, target: str | None, outs: set[str]) -> bool:
    return bool(target) and model.find(target.partition("#")[0]) in outs


# -- writing in place ------------------------------------------------------------------------------


def commit_in_place(out: Path, staging: Path, written: list[str], removed: list[str], manifest: str) -> None:
    """Move the staged files into the live site, delete ``removed``, then replace the manifest.

    The journal written first lets :func:`recover` finish a commit that was cut short.
    """
    (staging / MANIFEST).write_text(manifest, encoding="utf-8")
    journal = {"written": written, "removed": removed}
    (staging / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    _replay(out, staging, journal)


def _replay(out: Path, staging: Path, journal: dict) -> None:
    made: set[Path] = set()
    for rel in journal.get("written") or ():
        if not _safe(rel):
            continue
        source, target = staging / rel, out / rel
        if not source.exists():
            continue  # moved before the interruption
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        os.replace(source, target)
    for rel in journal.get("removed") or ():
        if _safe(rel):
            with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                (out / rel).unlink()
    if (staging / MANIFEST).exists():
        os.replace(staging / MANIFEST, out / MANIFEST)
    shutil.rmtree(staging, ignore_errors=True)


def _safe(rel: str) -> bool:
    return isinstance(rel, str) and bool(rel) and not rel.startswith("/") and ".." not in rel.split("/")


def recover(out: Path, staging: Path) -> None:
    """Finish the commit a killed build began (its journal is there), or discard its staging directory."""
    try:
        journal = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        shutil.rmtree(staging, ignore_errors=True)
        return
    if out.is_dir() and isinstance(journal, dict):
        _replay(out, staging, journal)
    shutil.rmtree(staging, ignore_errors=True)
