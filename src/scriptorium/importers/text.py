"""Plain-text renderings of legacy pages: the record from layout alone.

A rendering keeps the page's order and its blank lines but no markup, so the
fields are found by position and by the archive's conventions:

    navigation line          "X Archive | ETOL Main Page" (gives ``collection``)
    author                   one block
    title                    one block (its lines joined)
    subtitle                 optional blocks before the date
    (date)                   a block in parentheses
    provenance lines         source, rights, copied-from, credits
    reviewed book(s)         title, "Ed: ..." / "by ...", publisher and price
    body                     paragraphs separated by blank lines
    notes                    optional: "Notes" heading or trailing "[1] ..." blocks
    navigation line          the top one again
    Last updated: ...

Each step that has to guess says so in ``warnings``. In ``text`` note
references stay as printed (``[1]``), as the Markdown importer writes them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from scriptorium.errors import EmptyInputError
from scriptorium.importers import dates, ids
from scriptorium.importers.encoding import decode_text
from scriptorium.importers.markdown import is_site_path
from scriptorium.importers.provenance import (
    classify_provenance_line,
    guess_kind,
    norm,
    parse_copied_from,
    parse_credit_line,
    parse_last_updated,
    parse_reviewed_book,
    parse_rights,
    parse_source_statement,
)
from scriptorium.model import Credit, LastUpdated, Note, PartialDate, Record, ReviewedBook, Source

_LAYOUT = "layout"
_NAV_WORDS = re.compile(r"\b(archive|main page|index|home|contents|library|writers|section)\b", re.I)
_NAV_TARGET = re.compile(r"^(?:.*\bmain page|home|index|contents|top of page|writers(?: index)?)$", re.I)
_DATE_LINE = re.compile(r"^[(\[].{1,80}[)\]]$")
_NOTES_HEADING = re.compile(
    r"^(?:notes?|footnotes?|endnotes?|editor[’']?s notes?|translator[’']?s notes?)\s*:?$", re.I
)
_NOTE_START = re.compile(
    r"^(?:\[(?P<a>[0-9]{1,3}\*?|[a-z]|[*†‡]{1,3})\]|(?P<b>[0-9]{1,3})[.)])\s+(?P<text>\S.*)$", re.S
)
_BOOK_CUE = re.compile(
    r"^(?:eds?\.?\s*:|eds?\.\s|edited by\s|by\s|translated by\s|trans\.?\s*:?|translator\s*:)", re.I
)
_PRICE = re.compile(
    r"[£$€]\s?\d|\b\d+(?:[.,]\d\d)?\s?(?:p|pence|francs|DM)\b|\b(?:paperback|hardback|pp\.?\s?\d)"
)
_NEEDS_NORM = re.compile(r"\s\s|[^\S ]|\u200b")
_UPDATED = re.compile(r"^(?:last\s+)?(?:updated|modified|revised)\b", re.I)


@dataclass
class _Page:
    """The page cut into blocks (lists of lines) and what has been placed so far."""

    blocks: list[list[str]]
    warnings: list[str] = field(default_factory=list)
    placed: dict[str, str] = field(default_factory=dict)


# -- Cutting the page up -------------------------------------------------------------------------


def _blocks(text: str) -> list[list[str]]:
    """Blocks of consecutive non-blank lines, each line's spaces normalised."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if line and _NEEDS_NORM.search(line):
            line = norm(line)
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _nav_parts(line: str) -> list[str] | None:
    """The parts of a navigation line (``X Archive | ETOL Main Page``), or None."""
    if "|" not in line or len(line) > 200:
        return None
    parts = [p.strip() for p in line.split("|")]
    if len(parts) < 2 or not all(parts) or any(len(p) > 80 for p in parts):
        return None
    return parts if _NAV_WORDS.search(line) else None


def _cut_navigation(page: _Page) -> tuple[str | None, list[str]]:
    """Remove the top and bottom navigation; give the collection and the footer lines."""
    blocks = page.blocks
    if not blocks:
        return None, []
    top = blocks[0][0]
    parts = _nav_parts(top)
    footer: list[str] = []
    if parts is not None:
        blocks[0] = blocks[0][1:]
        if not blocks[0]:
            blocks.pop(0)
    # The bottom navigation: the top line again, or a navigation-shaped line among the last blocks.
    for index in range(len(blocks) - 1, max(len(blocks) - 4, -1), -1):
        block = blocks[index]
        for n, line in enumerate(block):
            if _is_bottom_nav(line, top if parts is not None else None):
                footer = block[n + 1 :] + [x for b in blocks[index + 1 :] for x in b]
                del blocks[index + 1 :]
                blocks[index] = block[:n]
                if not blocks[index]:
                    blocks.pop(index)
                break
        else:
            continue
        break
    if not footer:
        footer = _cut_updated(blocks)
    if parts is None:
        return None, footer
    collection = next((p for p in parts if not _NAV_TARGET.match(p)), None)
    return collection, footer


def _is_bottom_nav(line: str, top: str | None) -> bool:
    return line == top if top is not None else _nav_parts(line) is not None


def _cut_updated(blocks: list[list[str]]) -> list[str]:
    """With no bottom navigation, a trailing "Last updated" block is still footer, not body."""
    if blocks and _UPDATED.match(blocks[-1][0]):
        return blocks.pop()
    return []


# -- Header --------------------------------------------------------------------------------------


def _looks_like_byline(block: list[str]) -> bool:
    if len(block) != 1:
        return False
    words = block[0].replace("&", " ").replace(",", " ").split()
    small = {"and", "de", "van", "von", "der", "la", "le", "y", "da", "dos", "del"}
    return (
        1 <= len(words) <= 10
        and not re.search(r"[.:;!?]$", block[0])
        and all(w[:1].isupper() or w in small or re.fullmatch(r"[A-Z]\.", w) for w in words)
    )


def _authors(line: str) -> tuple[str, ...]:
    line = re.sub(r"^by\s+", "", line, flags=re.I)
    parts = re.split(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|,\s+)\s*", line)
    return tuple(p.strip() for p in parts if p.strip())


def _date_line(blocks: list[list[str]], limit: int) -> tuple[int | None, PartialDate | None]:
    for index, block in enumerate(blocks[:limit]):
        if len(block) == 1 and _DATE_LINE.match(block[0]):
            date = dates.parse_date(block[0])
            if date is not None:
                return index, date
    return None, None


def _provenance_index(blocks: list[list[str]], limit: int) -> int | None:
    for index, block in enumerate(blocks[:limit]):
        if classify_provenance_line(block[0]) is not None:
            return index
    return None


@dataclass
class _Header:
    title: str = ""
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    date: PartialDate | None = None


def _header(page: _Page) -> _Header:
    """Author, title, subtitle and date: the blocks before the date line (or the provenance)."""
    blocks = page.blocks
    date_at, date = _date_line(blocks, 8)
    end = date_at if date_at is not None else _provenance_index(blocks, 8)
    header = _Header()
    if end is None:
        end = min(2, len(blocks) - 1) if _looks_like_byline(blocks[0]) else min(1, len(blocks) - 1)
        page.warnings.append("no date line such as (June 1976) was found; the header was read from position")
    elif date_at is None:
        page.warnings.append("no date line such as (June 1976) was found")
    heads = blocks[:end]
    if date_at is not None:
        header.date = date
        page.placed["date"] = _LAYOUT
        end += 1
    del blocks[:end]
    if len(heads) >= 2 or (heads and len(heads[0]) > 1 and _looks_like_byline(heads[0][:1])):
        if len(heads) == 1:  # author and title on consecutive lines
            heads = [heads[0][:1], heads[0][1:]]
        if not _looks_like_byline(heads[0]):
            page.warnings.append("the first header line does not look like an author; read as title")
            heads = [[], *heads]
        header.authors = _authors(" ".join(heads[0])) if heads[0] else ()
        heads = heads[1:]
    if heads:
        header.title = " ".join(heads[0])
        rest = [" ".join(block) for block in heads[1:]]
        header.subtitle = " ".join(rest) if rest else None
    if header.authors:
        page.placed["authors"] = _LAYOUT
    if header.title:
        page.placed["title"] = _LAYOUT
    return header


# -- Provenance and reviewed books ---------------------------------------------------------------


@dataclass
class _Provenance:
    source: Source | None = None
    rights: str | None = None
    copied_from: str | None = None
    credits: list[Credit] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def _provenance(page: _Page) -> _Provenance:
    """The provenance lines right after the header; the rest of a block they end goes back."""
    found = _Provenance()
    blocks = page.blocks
    while blocks and classify_provenance_line(blocks[0][0]) is not None:
        block = blocks.pop(0)
        for n, line in enumerate(block):
            kind = classify_provenance_line(line)
            if kind is None:
                blocks.insert(0, block[n:])
                break
            found.lines.append(line)
            _place_provenance(page, found, kind, line)
        else:
            continue
        break
    return found


def _place_provenance(page: _Page, found: _Provenance, kind: str, line: str) -> None:
    if kind == "source":
        if found.source is None:
            found.source = parse_source_statement(line)
            page.placed["source"] = "provenance"
        else:
            page.warnings.append(f"a second source statement was kept only in the text of the first: {line}")
            found.source = Source(
                statement=f"{found.source.statement} {norm(line)}",
                periodical=found.source.periodical,
                issue=found.source.issue,
                date=found.source.date,
                pages=found.source.pages,
            )
    elif kind == "rights":
        found.rights = f"{found.rights} {parse_rights(line)}" if found.rights else parse_rights(line)
        page.placed["rights"] = "provenance"
    elif kind == "copied_from":
        found.copied_from = found.copied_from or parse_copied_from(line)
        page.placed["copied_from"] = "provenance"
    else:
        credits = parse_credit_line(line)
        if not credits:
            page.warnings.append(f"a credit line names no one the importer could find: {line}")
        found.credits.extend(credits)
        page.placed["credits"] = "provenance"


def _is_book_block(block: list[str]) -> bool:
    if not 2 <= len(block) <= 5 or any(len(line) > 250 for line in block):
        return False
    return any(_BOOK_CUE.match(line) or _PRICE.search(line) for line in block[1:])


def _book(block: list[str]) -> ReviewedBook | None:
    """A reviewed book; ``by X`` lines (which the shared parser reads as a publisher) are taken here."""
    by = [line for line in block if re.match(r"^by\s", line, re.I)]
    rest = [line for line in block if line not in by]
    book = parse_reviewed_book(rest)
    if book is None:
        return None
    if by:
        authors = tuple(a for line in by for a in _authors(line))
        book = ReviewedBook(
            title=book.title,
            authors=book.authors + authors,
            editors=book.editors,
            translators=book.translators,
            publisher=book.publisher,
            year=book.year,
            price=book.price,
        )
    return book


def _reviewed(page: _Page) -> list[ReviewedBook]:
    books = []
    while page.blocks and _is_book_block(page.blocks[0]):
        book = _book(page.blocks[0])
        if book is None:
            break
        books.append(book)
        page.blocks.pop(0)
    if books:
        page.placed["reviewed"] = _LAYOUT
    return books


# -- Body and notes -------------------------------------------------------------------------------


def _paragraph(block: list[str]) -> str:
    """Lines of a block: hard-wrapped prose is joined, short lines (verse, addresses) are kept."""
    wrapped = len(block) > 1 and all(50 <= len(line) <= 90 for line in block[:-1])
    return " ".join(block) if wrapped else "\n".join(block)


def _note_start(block: list[str]) -> tuple[str, str] | None:
    m = _NOTE_START.match(block[0])
    if m is None:
        return None
    return m.group("a") or m.group("b"), "\n".join([m.group("text"), *block[1:]])


def _cut_notes(page: _Page) -> list[Note]:
    """Notes after a "Notes" heading, or trailing ``[1] ...`` blocks that the body refers to."""
    blocks = page.blocks
    headings = (i for i in range(len(blocks) - 1, 0, -1) if len(blocks[i]) == 1)
    start = next((i for i in headings if _NOTES_HEADING.match(blocks[i][0])), None)
    if start is not None:
        section = blocks[start + 1 :]
        del blocks[start:]
    else:
        first = len(blocks)
        while first > 1 and _note_start(blocks[first - 1]) and blocks[first - 1][0].startswith("["):
            first -= 1
        section = blocks[first:]
        if section:
            label = _note_start(section[0])[0]
            body = "\n".join(line for block in blocks[:first] for line in block)
            if f"[{label}]" not in body:
                return []
        del blocks[first:]
    notes: list[Note] = []
    for block in section:
        started = _note_start(block)
        if started is not None:
            notes.append(Note(label=started[0], text=_paragraph(started[1].split("\n"))))
        elif notes:
            notes[-1] = Note(label=notes[-1].label, text=f"{notes[-1].text}\n\n{_paragraph(block)}")
        else:
            page.warnings.append(f"text after the notes heading is not a numbered note: {block[0][:60]}")
            notes.append(Note(label=str(len(notes) + 1), text=_paragraph(block)))
    if notes:
        page.placed["notes"] = _LAYOUT
    return notes


def _note_warnings(text: str, notes: list[Note]) -> list[str]:
    labels = {note.label for note in notes}
    unused = [label for label in labels if f"[{label}]" not in text]
    warnings = [f"note [{label}] is never referenced in the text" for label in unused]
    if notes:
        missing = sorted({m for m in re.findall(r"\[(\d{1,3}\*?)\]", text) if m not in labels})
        warnings += [f"the text refers to note [{label}] but there is no such note" for label in missing]
    return sorted(warnings)


def _last_updated(footer: list[str]) -> LastUpdated | None:
    for line in footer:
        found = parse_last_updated(line)
        if found is not None:
            return found
    return None


# -- The importer ---------------------------------------------------------------------------------


def parse_text(data: bytes, path: str | None = None) -> Record:
    """A ``Record`` from a plain-text rendering of a legacy page."""
    decoded, _, decode_warnings = decode_text(bytes(data))
    page = _Page(blocks=_blocks(decoded.lstrip("\ufeff")), warnings=list(decode_warnings))
    collection, footer = _cut_navigation(page)
    if collection:
        page.placed["collection"] = "navigation"
    if not page.blocks:
        raise EmptyInputError("the page has no text besides its navigation", path=path)
    header = _header(page)
    provenance = _provenance(page)
    reviewed = _reviewed(page)
    notes = _cut_notes(page)
    paragraphs = [_paragraph(block) for block in page.blocks]
    text = "\n\n".join(paragraphs)
    title = header.title
    if not title:
        title = "Untitled"
        page.warnings.append("no title was found; the record is called 'Untitled'")
    if not text:
        page.warnings.append("the body is empty: nothing was found after the header and provenance")
    page.placed["text"] = _LAYOUT
    kind, _evidence = guess_kind(
        title=title,
        subtitle=header.subtitle,
        reviewed=bool(reviewed),
        provenance=" ".join(provenance.lines),
        opening=paragraphs[0] if paragraphs else "",
        closing=paragraphs[-1] if paragraphs else "",
    )
    last_updated = _last_updated(footer)
    if last_updated is not None:
        page.placed["last_updated"] = "footer"
    if path and is_site_path(path):
        record_id, page.placed["id"] = ids.id_from_site_path(path), "path"
    else:
        record_id, page.placed["id"] = ids.derived_id(header.authors, header.date, title), "derived"
    page.placed["kind"] = "guess"
    return Record(
        id=record_id,
        title=title,
        subtitle=header.subtitle,
        authors=header.authors,
        date=header.date,
        kind=kind,
        source=provenance.source,
        rights=provenance.rights,
        copied_from=provenance.copied_from,
        credits=tuple(provenance.credits),
        reviewed=tuple(reviewed),
        collection=collection,
        last_updated=last_updated,
        text=text,
        notes=tuple(notes),
        body_html="\n".join(f"<p>{html.escape(p)}</p>".replace("\n", "<br>\n") for p in paragraphs),
        warnings=tuple(page.warnings + _note_warnings(text, notes)),
        path=path,
        format="text",
        placed_by=page.placed,
    )


