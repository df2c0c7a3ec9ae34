"""Machine-readable metadata for a document page: schema.org JSON-LD, Highwire ``citation_*``, Dublin Core.

Reference managers (Zotero) read the ``citation_*`` tags, search engines the
JSON-LD, library harvesters the Dublin Core; all three say the same things.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from scriptorium.model import PartialDate, Record

_PLAIN_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_PAGES = re.compile(r"(\d+)(?:\s*[-–—]\s*(\d+))?")
_ROLE_LABELS = {
    "markup": "Markup",
    "transcription": "Transcription",
    "translation": "Translation",
    "proofreading": "Proofreading",
    "editing": "Editing",
    "other": "Other",
}


def role_label(role: str) -> str:
    return _ROLE_LABELS.get(role, role.capitalize())


def iso_date(date: PartialDate | None) -> str | None:
    """The most precise plain ISO date an EDTF value allows (``1976-06``, ``1963`` for a season)."""
    if date is None:
        return None
    match = _PLAIN_DATE.match(date.edtf)
    if not match:
        return None
    year, month, day = match.groups()
    if month and int(month) > 12:  # seasons (21-24) and other EDTF codes name no month
        return year
    return "-".join(part for part in (year, month, day) if part)


def page_range(pages: str | None) -> tuple[str | None, str | None]:
    match = _PAGES.search(pages or "")
    if not match:
        return None, None
    return match.group(1), match.group(2)


def _person(name: str, url: str | None = None) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": name}
    if url:
        person["url"] = url
    return person


def jsonld(
    record: Record,
    *,
    url: str,
    author_urls: dict[str, str],
    issue_url: str | None,
    periodical_url: str | None,
    work: tuple[str, str] | None,
    json_url: str,
) -> dict[str, Any]:
    """The schema.org description of a document: an Article, or a Review of the books it reviews."""
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Review" if record.reviewed else "Article",
        "@id": url,
        "url": url,
        "headline": record.title[:110],
        "name": record.title,
        "inLanguage": record.language,
    }
    if record.subtitle:
        doc["alternativeHeadline"] = record.subtitle
    if record.authors:
        doc["author"] = [_person(name, author_urls.get(name)) for name in record.authors]
    published = iso_date(record.date) or iso_date(record.source.date if record.source else None)
    if published:
        doc["datePublished"] = published
    if record.last_updated and record.last_updated.iso:
        doc["dateModified"] = record.last_updated.iso
    if record.kind:
        doc["genre"] = record.kind
    if record.rights:
        doc["copyrightNotice"] = record.rights
    parts: list[dict[str, Any]] = []
    source = record.source
    if source is not None and source.periodical:
        periodical: dict[str, Any] = {"@type": "Periodical", "name": source.periodical}
        if periodical_url:
            periodical["url"] = periodical_url
        if source.issue or source.date:
            issue: dict[str, Any] = {"@type": "PublicationIssue", "isPartOf": periodical}
            if source.issue:
                issue["issueNumber"] = source.issue
            if iso_date(source.date):
                issue["datePublished"] = iso_date(source.date)
            if issue_url:
                issue["url"] = issue_url
            parts.append(issue)
        else:
            parts.append(periodical)
        first, last = page_range(source.pages)
        if source.pages:
            doc["pagination"] = source.pages
        if first:
            doc["pageStart"] = first
        if last:
            doc["pageEnd"] = last
    if work is not None:
        parts.append({"@type": "Book", "name": work[0], "url": work[1]})
    if parts:
        doc["isPartOf"] = parts[0] if len(parts) == 1 else parts
    if source is not None and source.statement:
        doc["citation"] = source.statement
    if record.credits:
        doc["contributor"] = [
            {"@type": "Role", "roleName": c.role, "contributor": _person(c.name)} for c in record.credits
        ]
    if record.reviewed:
        books = [_book(book) for book in record.reviewed]
        doc["itemReviewed"] = books[0] if len(books) == 1 else books
    doc["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/json", "contentUrl": json_url}
    return doc


def _book(book) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Book", "name": book.title}
    if book.authors:
        item["author"] = [_person(n) for n in book.authors]
    if book.editors:
        item["editor"] = [_person(n) for n in book.editors]
    if book.translators:
        item["translator"] = [_person(n) for n in book.translators]
    if book.publisher:
        item["publisher"] = {"@type": "Organization", "name": book.publisher}
    if book.year:
        item["datePublished"] = book.year
    if book.price:
        item["offers"] = {"@type": "Offer", "description": book.price}
    return item


def json_text(value: Any, *, indent: bool = False) -> str:
    """JSON as the site publishes it, compact or indented by two spaces: written by orjson (every
    document page and record file has some, and the standard library's indenting encoder is written
    in Python), by the standard library for what orjson refuses (integers beyond 64 bits)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 if indent else None).decode()
    except orjson.JSONEncodeError:
        if indent:
            return json.dumps(value, ensure_ascii=False, indent=2)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside ``<script type="application/ld+json">`` (no ``</script>`` can close it early),
    indented for people reading the page's source."""
    text = json_text(data, indent=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def citation_meta(record: Record, *, url: str, json_url: str) -> list[tuple[str, str]]:
    """Highwire Press tags (Zotero, Google Scholar) and Dublin Core, in that order."""
    meta: list[tuple[str, str]] = [("citation_title", record.title)]
    meta.extend(("citation_author", name) for name in record.authors)
    published = iso_date(record.date) or iso_date(record.source.date if record.source else None)
    if published:
        meta.append(("citation_publication_date", published.replace("-", "/")))
    source = record.source
    if source is not None:
        if source.periodical:
            meta.append(("citation_journal_title", source.periodical))
        if source.issue:
            meta.append(("citation_issue", source.issue))
        first, last = page_range(source.pages)
        if first:
            meta.append(("citation_firstpage", first))
        if last:
            meta.append(("citation_lastpage", last))
    meta.append(("citation_language", record.language))
    meta.append(("citation_fulltext_html_url", url))
    meta.append(("DC.title", record.title))
    meta.extend(("DC.creator", name) for name in record.authors)
    if published:
        meta.append(("DC.date", published))
    if source is not None and (source.statement or source.periodical):
        meta.append(("DC.source", source.statement or source.periodical or ""))
    if record.rights:
        meta.append(("DC.rights", record.rights))
    meta.append(("DC.language", record.language))
    meta.append(("DC.type", "Text"))
    meta.append(("DC.format", "text/html"))
    meta.append(("DC.identifier", url))
    meta.extend(("DC.contributor", c.name) for c in record.credits)
    meta.append(("DC.relation", json_url))
    return meta
