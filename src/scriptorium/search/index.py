"""The search index: a tantivy index derived from the catalog, never edited by hand.

It lives in a directory of its own (by default beside the SQLite catalog file:
``scriptorium.sqlite`` -> ``scriptorium.sqlite.index/``). Besides tantivy's
files the directory holds ``scriptorium-index.json``: the format version and the
last catalog change (``seq``) the index has applied. Keeping up is therefore
cheap and works the same on one machine or many: each web node keeps its own
index and replays ``catalog.changes_since(seq)``. Replaying a change twice is
harmless (delete by id, then add the current record), so the seq is written
only after tantivy's commit and a crash in between merely repeats work.

Only documents (``page_type == "document"``) are indexed; index pages,
glossary and navigation pages are catalogued but are not search results.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tantivy

from scriptorium.catalog import parse_catalog_url
from scriptorium.catalog.api import Catalog
from scriptorium.errors import ConfigError, NotFoundError, ScriptoriumError
from scriptorium.model import Record
from scriptorium.search import analysis
from scriptorium.search.analysis import FOLD, LANGUAGES, tokenizer_name

FORMAT = 2  # 2: writers and periodicals as numeric keys for facet counting
META_FILE = "scriptorium-index.json"
INDEX_DIR_ENV = "SCRIPTORIUM_INDEX_DIR"
UNDATED_ASC = 99_991_231  # undated documents sort after dated ones, both ways
UNDATED_DESC = 0


class SearchIndexError(ScriptoriumError):
    """The search index is missing, busy, or was written by another version."""

    exit_code = 1
    http_status = 503


def title_field(lang: str) -> str:
    return f"title_{lang}"


def body_field(lang: str) -> str:
    return f"body_{lang}"


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for name in ("id", "hash", "date_text", "date_edtf", "issue"):
        sb.add_text_field(name, stored=True, tokenizer_name="raw")
    for lang in LANGUAGES:
        sb.add_text_field(title_field(lang), stored=True, tokenizer_name=tokenizer_name(lang))
        sb.add_text_field(body_field(lang), stored=True, tokenizer_name=tokenizer_name(lang))
    sb.add_text_field("author", tokenizer_name=FOLD)
    sb.add_text_field("periodical", tokenizer_name=FOLD)
    # Exact values for filters and display; kinds and languages are few, so they are counted as text.
    for name in ("author_f", "periodical_f"):
        sb.add_text_field(name, stored=True, tokenizer_name="raw")
    for name in ("kind", "lang"):
        sb.add_text_field(name, stored=True, fast=True, tokenizer_name="raw")
    # Writers and periodicals are counted by a numeric key of the name (thousands of values:
    # counting numbers is several times cheaper than counting text terms). The first writer
    # has a column of its own: a column with one value per document is read several times
    # faster than one with many, and few documents have a second writer.
    for name in ("author_n", "coauthor_n", "periodical_n"):
        sb.add_unsigned_field(name, fast=True)
    sb.add_integer_field("year", stored=True, indexed=True, fast=True)
    sb.add_integer_field("decade", indexed=True, fast=True)
    sb.add_integer_field("date_asc", fast=True)
    sb.add_integer_field("date_desc", fast=True)
    return sb.build()


SCHEMA = build_schema()

_EDTF_START = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_SEASON_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}


def name_key(name: str) -> int:
    """A stable 52-bit number for a writer or periodical name (exact as a JSON number, so as a float too)."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 12


def date_key(edtf: str | None, year: int | None) -> int | None:
    """A sortable ``yyyymmdd`` for an EDTF date (first day it names; seasons by their first month)."""
    if year is None:
        return None
    m = _EDTF_START.match((edtf or "").lstrip("-").replace("X", "0").replace("u", "0"))
    month = day = 0
    if m:
        month = int(m.group(2) or 0)
        month = _SEASON_MONTH.get(month, month if month <= 12 else 0)
        day = int(m.group(3) or 0)
    return year * 10_000 + month * 100 + day


def indexable(record: Record) -> bool:
    return record.page_type == "document"


def record_document(record: Record, content_hash: str | None = None) -> tantivy.Document:
    """The index document for one record: every field the query language can reach."""
    nfc = analysis.nfc
    lang = analysis.index_language(record.language)
    titles = [nfc(record.title)] + ([nfc(record.subtitle)] if record.subtitle else [])
    body = [nfc(record.text)] if record.text else []
    body += [nfc(note.text) for note in record.notes if note.text]
    for book in record.reviewed:
        body.append(nfc(" ".join([book.title, *book.authors, *book.editors, *book.translators])))
    authors = [nfc(name) for name in record.authors]
    writer_keys = list(dict.fromkeys(name_key(name) for name in authors))
    year = record.date.year if record.date else None
    key = date_key(record.date.edtf if record.date else None, year)
    source = record.source
    values: dict[str, Any] = {
        "id": record.id,
        title_field(lang): titles,
        body_field(lang): body,
        "author": authors,
        "author_f": authors,
        "coauthor_n": writer_keys[1:],
        "kind": record.kind,
        "lang": analysis.facet_language(record.language),
        "date_asc": key if key is not None else UNDATED_ASC,
        "date_desc": key if key is not None else UNDATED_DESC,
    }
    if content_hash:
        values["hash"] = content_hash
    if record.date:
        values["date_text"] = record.date.text
        values["date_edtf"] = record.date.edtf
    if writer_keys:
        values["author_n"] = writer_keys[0]
    if year is not None:
        values["year"] = year
        values["decade"] = year - year % 10
    if source and source.periodical:
        values["periodical"] = values["periodical_f"] = nfc(source.periodical)
        values["periodical_n"] = name_key(values["periodical_f"])
    if source and source.issue:
        values["issue"] = source.issue
    return tantivy.Document.from_dict(values, SCHEMA)


def default_index_path(catalog_url: str | None = None) -> Path:
    """Where a catalog's index lives unless told: ``$SCRIPTORIUM_INDEX_DIR``, else beside a SQLite file."""
    configured = os.environ.get(INDEX_DIR_ENV)
    if configured:
        return Path(configured)
    target = parse_catalog_url(catalog_url)
    if target.backend != "sqlite":
        raise ConfigError(
            "a search index cannot live beside a PostgreSQL catalog: "
            f"give --index DIR or set {INDEX_DIR_ENV} (each web node keeps its own)"
        )
    return Path(target.location + ".index")


@dataclass(frozen=True, slots=True)
class UpdateReport:
    """What one update did: documents (re)indexed and removed, and the seq now applied."""

    indexed: int
    removed: int
    seq: int

    def to_dict(self) -> dict[str, int]:
        return {"indexed": self.indexed, "removed": self.removed, "seq": self.seq}


class SearchIndex:
    """One index directory. Reads are concurrent; updates take tantivy's single-writer lock."""

    def __init__(self, path: Path, index: tantivy.Index, meta: dict[str, Any]) -> None:
        self.path = path
        self._index = index
        self._meta = meta
        self._lock = threading.Lock()
        self._languages: tuple[tuple[int, int], tuple[str, ...]] | None = None
        self._names: dict[str, dict[int, str]] = {}

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, create: bool = False) -> SearchIndex:
        """Open an index directory; ``create`` makes an empty one when there is none."""
        path = Path(path)
        meta_path = path / META_FILE
        if not meta_path.is_file():
            if not create:
                message = "no search index here: build it with `scriptorium index`"
                raise SearchIndexError(message, path=str(path))
            return cls._create(path)
        meta = _read_meta(meta_path)
        if meta.get("format") != FORMAT:
            raise SearchIndexError(
                f"the search index has format {meta.get('format')!r}, this version "
                f"reads {FORMAT}: rebuild it with `scriptorium index --rebuild`",
                path=str(path),
            )
        try:
            index = tantivy.Index.open(str(path))
        except ValueError as exc:
            raise SearchIndexError(f"cannot open the search index at {path}: {exc}", path=str(path)) from exc
        analysis.register(index)
        return cls(path, index, meta)

    @classmethod
    def _create(cls, path: Path) -> SearchIndex:
        path.mkdir(parents=True, exist_ok=True)
        if any(path.iterdir()):
            raise SearchIndexError(
                f"{path} is not empty and holds no search index: choose another directory", path=str(path)
            )
        index = tantivy.Index(SCHEMA, path=str(path), reuse=False)
        analysis.register(index)
        meta = {"format": FORMAT, "seq": 0, "catalog": None, "updated_at": None}
        _write_meta(path / META_FILE, meta)
        return cls(path, index, meta)

    # -- reading ---------------------------------------------------------------------
    @property
    def seq(self) -> int:
        """The last catalog change applied."""
        return int(self._meta.get("seq") or 0)

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self._meta)

    @property
    def schema(self) -> tantivy.Schema:
        return SCHEMA

    @property
    def tantivy_index(self) -> tantivy.Index:
        return self._index

    def searcher(self) -> tantivy.Searcher:
        return self._index.searcher()

    def __len__(self) -> int:
        return self.searcher().num_docs

    def languages(self, searcher: tantivy.Searcher) -> tuple[str, ...]:
        """The analyzer languages that have documents, so a query reaches only fields that exist."""
        key = (searcher.num_docs, searcher.num_segments)
        cached = self._languages
        if cached is not None and cached[0] == key:
            return cached[1]
        found = {analysis.index_language(code) for code, _ in searcher.terms_with_prefix("lang", "")}
        langs = tuple(lang for lang in LANGUAGES if lang in found) or ("en",)
        self._languages = (key, langs)
        return langs

    def name(self, field: str, key: int) -> str:
        """The writer or periodical (``author_f``, ``periodical_f``) whose ``name_key`` is ``key``.

        The table is read from the term dictionary once and again only when a key is new to it.
        """
        table = self._names.get(field)
        if table is None or key not in table:
            terms = self.searcher().terms_with_prefix(field, "")
            table = {name_key(term): term for term, _ in terms}
            self._names[field] = table
        return table.get(key, "")

    def ids(self) -> set[str]:
        """Every document id in the index (for checks: reads every stored document)."""
        return set(self.hashes())

    def hashes(self) -> dict[str, str | None]:
        """Content hash of every indexed document, by id (to compare with ``catalog.content_hashes()``)."""
        searcher = self.searcher()
        hits = searcher.search(tantivy.Query.all_query(), limit=max(1, searcher.num_docs)).hits
        out: dict[str, str | None] = {}
        for _, addr in hits:
            doc = searcher.doc(addr)
            out[doc.get_first("id")] = doc.get_first("hash")
        return out

    # -- writing ---------------------------------------------------------------------
    def _writer(self, heap_size: int = 128_000_000) -> tantivy.IndexWriter:
        threads = max(1, min(4, os.cpu_count() or 1))
        try:
            return self._index.writer(heap_size=heap_size, num_threads=threads)
        except ValueError as exc:
            raise SearchIndexError(
                f"the search index at {self.path} is being updated by another process ({exc})",
                path=str(self.path),
            ) from exc

    def _commit(self, writer: tantivy.IndexWriter, meta_changes: dict[str, Any]) -> None:
        writer.commit()
        writer.wait_merging_threads()
        self._meta.update(meta_changes, updated_at=datetime.now(UTC).isoformat(timespec="seconds"))
        _write_meta(self.path / META_FILE, self._meta)
        self._index.reload()

    def put(self, records: Iterable[tuple[Record, str | None]]) -> UpdateReport:
        """Index (or re-index in place) records given with their content hashes; does not move the seq."""
        with self._lock:
            writer = self._writer()
            indexed = removed = 0
            for record, content_hash in records:
                writer.delete_documents_by_term("id", record.id)
                if indexable(record):
                    writer.add_document(record_document(record, content_hash))
                    indexed += 1
                else:
                    removed += 1
            self._commit(writer, {})
        return UpdateReport(indexed, removed, self.seq)

    def remove(self, record_ids: Iterable[str]) -> UpdateReport:
        with self._lock:
            writer = self._writer()
            removed = 0
            for record_id in record_ids:
                writer.delete_documents_by_term("id", record_id)
                removed += 1
            self._commit(writer, {})
        return UpdateReport(0, removed, self.seq)

    def catch_up(self, catalog: Catalog, *, page: int = 1000) -> UpdateReport:
        """Apply every catalog change after the stored seq, then store the new seq."""
        with self._lock:
            seq = self.seq
            changes = catalog.changes_since(seq, limit=page)
            if not changes:
                return UpdateReport(0, 0, seq)
            writer = self._writer()
            indexed = removed = 0
            while changes:
                latest = {change.record_id: change for change in changes}
                for record_id, change in latest.items():
                    writer.delete_documents_by_term("id", record_id)
                    record = _current(catalog, record_id) if change.action == "put" else None
                    if record is not None and indexable(record):
                        writer.add_document(record_document(record, change.content_hash))
                        indexed += 1
                    else:
                        removed += 1
                seq = max(seq, max(change.seq for change in changes))
                changes = catalog.changes_since(seq, limit=page)
            self._commit(writer, {"seq": seq, "catalog": _redacted(catalog.url)})
        return UpdateReport(indexed, removed, seq)

    def _fill(self, catalog: Catalog, hashes: dict[str, str]) -> int:
        writer = self._writer(heap_size=256_000_000)
        writer.delete_all_documents()
        count = 0
        for record in catalog.iter_records():
            if indexable(record):
                writer.add_document(record_document(record, hashes.get(record.id)))
                count += 1
        writer.commit()
        writer.wait_merging_threads()
        return count

    def close(self) -> None:
        """Nothing to release: readers are memory maps and writers are dropped after each update."""


def head_seq(catalog: Catalog, since: int = 0, *, page: int = 1000) -> int:
    """The catalog's latest change seq (read before a rebuild, so later edits are replayed)."""
    seq = since
    while changes := catalog.changes_since(seq, limit=page):
        seq = max(change.seq for change in changes)
    return seq


def rebuild(path: str | Path, catalog: Catalog) -> tuple[SearchIndex, UpdateReport]:
    """Build a fresh index beside ``path`` and swap it in, so readers never see a half-built one."""
    path = Path(path)
    if path.exists() and not (path / META_FILE).is_file() and (not path.is_dir() or any(path.iterdir())):
        raise SearchIndexError(
            f"{path} exists and is not a search index: it is left alone; choose another directory",
            path=str(path),
        )
    seq = head_seq(catalog)
    hashes = catalog.content_hashes()
    fresh_path = path.with_name(path.name + ".rebuilding")
    shutil.rmtree(fresh_path, ignore_errors=True)
    fresh = SearchIndex._create(fresh_path)
    count = fresh._fill(catalog, hashes)
    fresh._meta.update(
        seq=seq, catalog=_redacted(catalog.url), updated_at=datetime.now(UTC).isoformat(timespec="seconds")
    )
    _write_meta(fresh_path / META_FILE, fresh._meta)
    old_path = path.with_name(path.name + ".old")
    shutil.rmtree(old_path, ignore_errors=True)
    if path.exists():
        path.rename(old_path)
    fresh_path.rename(path)
    shutil.rmtree(old_path, ignore_errors=True)
    index = SearchIndex.open(path)
    # Changes committed while the rebuild read the catalog are applied now.
    report = index.catch_up(catalog)
    return index, UpdateReport(count + report.indexed, report.removed, index.seq)


def update(path: str | Path, catalog: Catalog) -> tuple[SearchIndex, UpdateReport]:
    """Bring the index at ``path`` up to date: catch up if it exists, build it if not."""
    path = Path(path)
    if not (path / META_FILE).is_file():
        return rebuild(path, catalog)
    index = SearchIndex.open(path)
    return index, index.catch_up(catalog)


def _current(catalog: Catalog, record_id: str) -> Record | None:
    try:
        return catalog.get(record_id)
    except NotFoundError:
        return None


def _redacted(url: str) -> str:
    """The catalog URL without a password, fit to be written to disk."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SearchIndexError(f"cannot read {path}: {exc}", path=str(path)) from exc
    if not isinstance(meta, dict):
        raise SearchIndexError(f"{path} is not an index description", path=str(path))
    return meta


def _write_meta(path: Path, meta: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(meta, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
