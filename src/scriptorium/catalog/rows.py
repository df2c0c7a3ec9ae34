"""A record's normalised rows: the pure half of a put, shared by both backends.

``record_rows()`` turns one ``Record`` into plain tuples in the column order of
the statements in ``store.py``. It runs once per changed record on the import
hot path, so it builds tuples directly and touches each field once.

PostgreSQL refuses NUL characters in text; the normalised copies replace them
with U+FFFD (the record's JSON keeps them, escaped). Checking the JSON once
for an escaped NUL spares the common case any per-field work.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field

import orjson

from scriptorium.errors import CatalogError
from scriptorium.model import Link, PartialDate, Record, Source

_PAGE_SUFFIXES = frozenset((".html", ".htm", ".xhtml", ".shtml", ".txt", ".markdown", ".md"))
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def _scrub(value):
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, tuple):
        return tuple(_scrub(v) for v in value)
    return value


def record_json(record: Record) -> bytes:
    """The record's JSON form as UTF-8, as ``Record.to_json`` gives it but several times faster.

    Pages are large (the median record is about 20 KB of JSON, the body twice
    over as text and markup): this encoding is a large part of a put, and
    SQLite takes the bytes as they are. Values orjson refuses (integers beyond
    64 bits, keys that are not strings) take the standard library's way.
    """
    value = record.to_dict()
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        pass
    try:
        return json.dumps(value, ensure_ascii=False).encode()
    except (TypeError, ValueError) as error:
        raise CatalogError(f"record {record.id!r} cannot be stored: {error}") from None


_INEXACT = 2.0**63


def load_record(text: str | bytes) -> Record:
    """A record from its stored JSON.

    orjson reads it several times faster than the standard parser, but gives an
    integer beyond 64 bits as an inexact float (of magnitude 2**63 or more). A
    result holding no such float is exact; any other, and anything orjson
    refuses, is read again by the standard parser, which keeps integers of any
    size exact.
    """
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        value = None
    if value is None or _has_huge_float(value):
        value = json.loads(text)
    return Record.from_dict(value)


def _has_huge_float(value: object) -> bool:
    stack = [value]
    pop, extend = stack.pop, stack.extend
    while stack:
        item = pop()
        kind = type(item)
        if kind is dict:
            extend(item.values())  # type: ignore[union-attr]
        elif kind is list:
            extend(item)  # type: ignore[arg-type]
        elif kind is float and (item >= _INEXACT or item <= -_INEXACT):  # type: ignore[operator]
            return True
    return False


def _date(date: PartialDate | None) -> tuple[str | None, str | None, int | None]:
    if date is None:
        return None, None, None
    try:
        year = date.year
    except ValueError:  # a digit int() refuses, such as a superscript
        year = None
    return date.text, date.edtf, year


def _names(values: tuple[str, ...]) -> str:
    if not values:
        return "[]"
    return json.dumps(list(values), ensure_ascii=False)


def book_key(title: str) -> str:
    """The object of a ``reviews`` relation: reviews of one book share it."""
    return "book:" + (_NON_SLUG.sub("-", title.lower()).strip("-") or "untitled")


def link_target(base_dir: str, href: str | None) -> str | None:
    """The id of the page an index entry links to, resolved like the site resolves it.

    ``base_dir`` is the linking page's folder. Mirrors the importers' id rule
    (site path without its extension, ``dir/index`` as ``dir``); external links
    and bare fragments give None. Plain string work: index pages hold thousands
    of links.
    """
    if not href or href[0] in "#?" or _SCHEME.match(href) or href.startswith("//"):
        return None
    cut = len(href)
    for mark in "#?":
        at = href.find(mark)
        if at != -1 and at < cut:
            cut = at
    path = href[:cut]
    if path[0] != "/":
        path = f"/{base_dir}/{path}"
    target = posixpath.normpath(path).lstrip("/")
    if not target or target == "." or target.startswith(".."):
        return None
    dot = target.rfind(".")
    if dot > target.rfind("/") and target[dot:].lower() in _PAGE_SUFFIXES:
        target = target[:dot]
    if target == "index" or target.endswith("/index"):
        target = target[: -len("index")].rstrip("/") or "index"
    return target


@dataclass(slots=True)
class RecordRows:
    """Everything one record writes: its ``records`` row and its normalised rows."""

    record: tuple = ()
    sources: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    periodicals: list[str] = field(default_factory=list)
    doc_issues: list[tuple] = field(default_factory=list)
    author_profiles: list[tuple] = field(default_factory=list)
    periodical_profiles: list[tuple] = field(default_factory=list)
    profile_issues: list[tuple] = field(default_factory=list)
    document_authors: list[tuple] = field(default_factory=list)
    document_sources: list[tuple] = field(default_factory=list)
    credits: list[tuple] = field(default_factory=list)
    reviewed_books: list[tuple] = field(default_factory=list)
    relations: list[tuple] = field(default_factory=list)
    index_entries: list[tuple] = field(default_factory=list)

    def scrub(self) -> None:
        """Replace NUL characters in every value (the record's JSON has none: they are escaped)."""
        for name in self.__slots__:
            value = getattr(self, name)
            setattr(self, name, _scrub(value) if name == "record" else [_scrub(v) for v in value])


def _record_row(
    record: Record, content_hash: str, revision: int, origin: str | None, json_text: bytes, now: str
) -> tuple:
    """The ``records`` row, in ``store.RECORD_COLUMNS`` order."""
    date_text, date_edtf, year = _date(record.date)
    part_of = record.part_of
    updated = record.last_updated
    return (
        record.id,
        record.page_type,
        record.kind,
        record.title,
        record.subtitle,
        record.language,
        date_text,
        date_edtf,
        year,
        record.collection,
        record.copied_from or None,
        record.rights,
        record.path,
        part_of.id if part_of else None,
        part_of.title if part_of else None,
        updated.text if updated else None,
        updated.iso if updated else None,
        content_hash,
        revision,
        origin,
        json_text,
        now,
        now,
    )


def _entry_rows(
    rows: RecordRows,
    record: Record,
    links: tuple[Link, ...],
    list_name: str,
    periodical: str | None = None,
    issue: str | None = None,
) -> None:
    rid = record.id
    base_dir = posixpath.dirname(record.path or rid)
    entries = rows.index_entries
    relations = rows.relations
    for link in links:
        position = len(entries)
        target = link_target(base_dir, link.href)
        date_text, date_edtf, year = _date(link.date)
        entries.append(
            (
                rid,
                position,
                list_name,
                periodical,
                issue,
                link.title,
                link.href,
                target,
                date_text,
                date_edtf,
                year,
                _names(link.authors),
                link.section,
                link.pages,
                link.note,
            )
        )
        if target is not None:
            relations.append((rid, "links-to", position, target, link.title))


def record_rows(
    record: Record, *, content_hash: str, revision: int, origin: str | None, json_text: bytes, now: str
) -> RecordRows:
    """All rows one record writes (see ``schema.py`` for the tables)."""
    rows = RecordRows(record=_record_row(record, content_hash, revision, origin, json_text, now))
    rid = record.id
    if record.copied_from:
        rows.sources.append(record.copied_from)
    for position, name in enumerate(record.authors):
        rows.authors.append(name)
        rows.document_authors.append((rid, position, name))
    for position, credit in enumerate(record.credits):
        rows.people.append(credit.name)
        rows.credits.append((rid, position, credit.role, credit.name, credit.note))
    if record.source is not None:
        _source_rows(rows, rid, record.source)
    for position, book in enumerate(record.reviewed):
        rows.reviewed_books.append(
            (
                rid,
                position,
                book.title,
                _names(book.authors),
                _names(book.editors),
                _names(book.translators),
                book.publisher,
                book.year,
                book.price,
            )
        )
        rows.relations.append((rid, "reviews", position, book_key(book.title), book.title))
    if record.part_of is not None:
        rows.relations.append((rid, "part-of", 0, record.part_of.id, record.part_of.title))
    if record.links:
        _entry_rows(rows, record, record.links, "links")
    if record.author_profile is not None:
        _author_profile_rows(rows, record)
    if record.periodical_profile is not None:
        _periodical_profile_rows(rows, record)
    if b"\\u0000" in json_text:
        rows.scrub()
    return rows


def _source_rows(rows: RecordRows, rid: str, source: Source) -> None:
    periodical = source.periodical or None
    issue = (source.issue or None) if periodical else None
    date_text, date_edtf, year = _date(source.date)
    if periodical:
        rows.periodicals.append(periodical)
        if issue:
            rows.doc_issues.append((periodical, issue, date_text, date_edtf, year))
    rows.document_sources.append(
        (rid, periodical, issue, date_text, date_edtf, year, source.pages, source.statement)
    )


def _author_profile_rows(rows: RecordRows, record: Record) -> None:
    profile = record.author_profile
    born_text, born_edtf, _ = _date(profile.born)
    died_text, died_edtf, _ = _date(profile.died)
    rows.author_profiles.append(
        (
            profile.name,
            born_text,
            born_edtf,
            died_text,
            died_edtf,
            profile.life_dates,
            profile.biography,
            record.id,
        )
    )
    _entry_rows(rows, record, profile.works, "works")


def _periodical_profile_rows(rows: RecordRows, record: Record) -> None:
    profile = record.periodical_profile
    title = profile.title
    rows.periodical_profiles.append((title, profile.description, record.id))
    for entry in profile.issues:
        date_text, date_edtf, year = _date(entry.date)
        rows.profile_issues.append(
            (title, entry.designation, date_text, date_edtf, year, entry.href, record.id)
        )
        _entry_rows(rows, record, entry.contents, "contents", title, entry.designation)
