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
    BARE_CHAPTER,
    ET_AL,
    classify_provenance_line,
    guess_kind,
    norm,
    parse_copied_from,
    parse_credit_line,
    parse_last_updated,
    parse_reviewed_book,
    parse_rights,
    parse_source_statement,
    split_label,
)
from scriptorium.model import Credit, LastUpdated, Note, PartialDate, PartOf, Record, ReviewedBook, Source

_LAYOUT = "layout"
_NAV_WORDS = re.compile(r"\b(archive|main page|index|home|contents|library|writers|section)\b", re.I)
_CRUMB_ROOT = re.compile(r"^(?:MIA|ETOL|EROL|REDS|Marxists(?:’|')? Internet Archive|Home)$")
"""The first step of a breadcrumb line (``MIA > Archive > Writer``)."""
_ARCHIVE_NAME = r"(?:[^\W\d][\w.’'-]*\s+){1,6}(?:Internet\s+)?Archive"
"""A writer's or a section's archive by name ("John Reed Internet Archive")."""
_ARCHIVE_LINE = re.compile(r"^(?!.*\|)" + _ARCHIVE_NAME + "$")
_COLON_CRUMB = re.compile(r"^(?:MIA|Marxists Internet Archive|Marxist History)\s*:\s*\S")
_SERIAL_LINK = r"[(\[]\s*(?:to be )?(?:continued|concluded|conclusion)\b[^)\]]{0,40}[)\]]"
"""The link to a serial's next or previous part ("(To be continued in next issue)")."""
_SERIAL_LINK_LINE = re.compile(_SERIAL_LINK, re.I)
_FOOTER_PART = re.compile(
    r"(?:<<\s*|>>\s*)?(?:(?:top|start) of (?:the )?page|back to (?:the )?top|" + _SERIAL_LINK + "|"
    r"back to [^,.!?]{0,60}(?:archive|index|contents|page|section|library|home|main page)|"
    r"(?:previous|next|last|first) (?:chapter|section|part|page|article)|next\s*:.{1,80}|"
    r"(?:chapter|part|section|supplement|appendix)\s+[\dIVXLC]+(?:[.:]?\s+[^.!?]{1,60})?|"
    r"table of contents(?::.{0,60})?|contents|index|home|mia|"
    r"(?:[^\W\d][\w.’'-]*\s+){1,4}(?:index|archives)|"
    + _ARCHIVE_NAME
    + r")(?:\s*<<|\s*>>)?",
    re.I,
)
_FOOTER_RUN = re.compile(f"(?:{_FOOTER_PART.pattern})(?:\\s+(?:{_FOOTER_PART.pattern}))+", re.I)
"""Links of the bottom navigation run together with spaces only ("Chapter I Contents")."""
_FOOTER_SPLIT = re.compile(r"\s*[|¦]\s*|\s+[–>]\s+|\s{2,}")
_NAV_TARGET = re.compile(r"^(?:.*\bmain page|home|index|contents|top of page|writers(?: index)?)$", re.I)
_DATE_LINE = re.compile(r"^[(\[].{1,80}[)\]]$")
_INFO_LABEL = re.compile(
    r"^(written|date|delivered|spoken|author|publisher|printer|online version|this version|original title|"
    r"isbn)\s*:\s*",
    re.I,
)
"""Labels of an information block's other lines (the source, rights and credits have their own)."""
_DATE_IN_TEXT = re.compile(
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + dates.MONTH_NAME
    + r"\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:1[5-9]\d\d|20\d\d)|\b(?:1[5-9]\d\d|20\d\d)\b"
)
_KICKER = re.compile(
    r"(?:the\s+)?(?:politics|economics|discussion|obituary|obituaries|book reviews?|reviews?|colonies|"
    r"notebook|correspondence|letters|editorials?|labour movement|trade union movement|women[’']?s movement|"
    r"youth movement|home news|industrial|(?:in\s+)?(?:germany|france|great britain|britain|england|italy|"
    r"spain|russia|soviet russia|india|china|japan|america|the united states|czechoslovakia|poland|austria|"
    r"hungary|bulgaria|ireland|scotland|the balkans|the far east|the near east))",
    re.I,
)
"""Sections a periodical printed over its articles' titles."""
_INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,3}|[A-Z]—[a-z]+\.?")
_CHAPTER_HEAD = re.compile(
    r"(?:chapter|part|book|section|lecture|essay|appendix|article)\s+"
    r"(?:[\dIVXLC]+|one|two|three|four|five|six|seven|eight|nine|ten)\b"
    r"|[IVXLC]{1,7}\.\s+\S|\d{1,3}\.\s+[A-Z]"
    r"|(?:preface|introduction|foreword|postscript|afterword|epilogue|conclusion|bibliography|appendix)"
    r"(?:\s+to\s+.{1,60})?$",
    re.I,
)
_NOT_A_NAME_START = frozenset(
    ("on", "in", "the", "a", "an", "of", "for", "to", "from", "with", "why", "what", "how", "against")
)
_CITED = re.compile(r"[,\d]")
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")
_LETTER = re.compile(r"[^\W\d_]")
_BYLINE_WITH_DATE = re.compile(
    r"^(?P<name>[^,\d]{3,60}?),?\s+(?P<date>(?:\d{1,2}\s+)?(?:"
    + dates.MONTH_NAME
    + r"\s+)?(?:1[5-9]\d\d|20\d\d))$"
)
_WORK_BYLINE_YEAR = re.compile(
    r"^(?P<work>.{3,150}),\s+(?P<name>[^,\d]{3,60}?)\.?\s+(?P<date>1[5-9]\d\d|20\d\d)$"
)
"""A mirror's title line for a book's chapter: the work, its writer and the year."""
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
_UPDATED = re.compile(r"^(?:last\s+)?(?:up\s?dated|modified|revised)\b", re.I)


@dataclass
class _Page:
    """The page cut into blocks (lists of lines) and what has been placed so far."""

    blocks: list[list[str]]
    warnings: list[str] = field(default_factory=list)
    placed: dict[str, str] = field(default_factory=dict)
    nav_names: set[str] = field(default_factory=set)
    """What the navigation lines name (the breadcrumb's crumbs, the footer's lines and links), folded."""
    in_sequence: bool = False
    """The bottom navigation leads to the previous or next chapter: the page is a part of a work."""
    work_crumb: str | None = None
    """The breadcrumb's step below the writer ("MIA > Archive > Cliff > State Capitalism"): a work."""


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
    """The parts of a navigation line (``X Archive | ETOL Main Page``, ``MIA > Archive > X``), or None."""
    if len(line) > 200:
        return None
    if "|" in line:
        parts = [p.strip() for p in line.split("|")]
    elif " > " in line:
        parts = [p.strip() for p in line.split(" > ")]
        if not (_CRUMB_ROOT.match(parts[0]) or _NAV_WORDS.search(parts[0])):
            return None
    else:
        return None
    if len(parts) < 2 or not all(parts) or any(len(p) > 80 for p in parts):
        return None
    return parts if _NAV_WORDS.search(line) or _CRUMB_ROOT.match(parts[0]) else None


def _cut_navigation(page: _Page) -> tuple[str | None, list[str]]:
    """Remove the top and bottom navigation; give the collection and the footer lines."""
    blocks = page.blocks
    if not blocks:
        return None, []
    top = blocks[0][0]
    parts = _nav_parts(top)
    footer: list[str] = []
    top_archive = None
    if parts is None and len(blocks) > 1 and (_ARCHIVE_LINE.match(top) or _COLON_CRUMB.match(top)):
        # "John Reed Internet Archive" or "MIA: Dolores Ibárruri" over the page: where it is filed.
        top_archive = top if _ARCHIVE_LINE.match(top) else None
        blocks[0] = blocks[0][1:]
        if not blocks[0]:
            blocks.pop(0)
    if parts is not None:
        page.nav_names.update(_folded(p) for p in parts)
        if " > " in top and len(parts) >= 4 and parts[1].lower() in ("archive", "library"):
            page.work_crumb = parts[-1]
        blocks[0] = blocks[0][1:]
        if not blocks[0]:
            blocks.pop(0)
    # The bottom navigation: the top line again, or a navigation-shaped line among the last blocks, and
    # the lines of the same kind just before it ("Top of the page" above the writer's archive).
    cut: tuple[int, int] | None = None
    for index in range(len(blocks) - 1, max(len(blocks) - 4, -1), -1):
        shown_top = top if parts is not None else None
        hits = [n for n, line in enumerate(blocks[index]) if _is_bottom_nav(line, shown_top)]
        if hits and not any(_is_running_text(b) for b in blocks[index + 1 :]):
            cut = (index, hits[0])
            break
    while cut is not None and cut[1] == 0 and cut[0] > 0 and _is_footer_line(blocks[cut[0] - 1][-1]):
        previous = blocks[cut[0] - 1]
        n = len(previous) - 1
        while n > 0 and _is_footer_line(previous[n - 1]):
            n -= 1
        cut = (cut[0] - 1, n)
    if cut is not None:
        index, n = cut
        footer = blocks[index][n:] + [x for b in blocks[index + 1 :] for x in b]
        del blocks[index + 1 :]
        blocks[index] = blocks[index][:n]
        if not blocks[index]:
            blocks.pop(index)
    if not any(_UPDATED.match(line) for line in footer):
        footer = _cut_updated(blocks) + footer
    page.in_sequence = any(_SEQUENCE_LINK.search(line) for line in footer)
    for line in footer:
        page.nav_names.add(_folded(line))
        page.nav_names.update(_folded(p) for p in _nav_parts(line) or ())
    archive_line = next((x for x in footer if _ARCHIVE_LINE.match(x)), top_archive)
    if parts is None or (" > " in top and "|" not in top):
        # A breadcrumb names the sections by their short names: the footer's "X Archive" is the collection.
        return archive_line, footer
    collection = next((p for p in parts if not _NAV_TARGET.match(p)), None)
    return collection, footer


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


_SEQUENCE_LINK = re.compile(r"\b(?:previous|next|last)\s+(?:chapter|part|section|lecture)\b", re.I)
_SERIAL_PART = re.compile(r"\s[–—-]\s*(?:[IVXLC]{1,6}|\d{1,2})$")
"""The number of a serial's part after its title ("In Stalin’s Prisons – II"): the part's own title."""
_MINOR_WORDS = frozenset(("the", "a", "an", "of", "and", "in", "on", "to", "for"))


def _names_work(text: str, page: _Page) -> bool:
    """The navigation names this heading: a link with its very words, or the breadcrumb's work step in
    short ("State Capitalism" for "State Capitalism in Russia", "Rev. in 21st Cent.")."""
    if _folded(text) in page.nav_names:
        return True
    if page.work_crumb is None:
        return False
    crumb = [w for w in re.findall(r"[^\W_]+", page.work_crumb.casefold()) if w not in _MINOR_WORDS]
    words = [w for w in re.findall(r"[^\W_]+", text.casefold()) if w not in _MINOR_WORDS]
    found = sum(any(w.startswith(c) or (len(w) > 3 and c.startswith(w)) for w in words) for c in crumb)
    return bool(crumb) and found >= len(crumb) - (len(crumb) >= 3)


def _is_running_text(block: list[str]) -> bool:
    """A paragraph of text, which no bottom navigation comes before."""
    text = " ".join(block)
    return len(text) > 160 or (len(text.split()) >= 10 and text.endswith((".", "!", "?", ".”", ".’")))


def _is_footer_line(line: str) -> bool:
    return _is_nav_links(line) or _UPDATED.match(line) is not None


def _is_nav_links(line: str) -> bool:
    """A line of the bottom navigation: back up the page, the next chapter, the writer's archive."""
    if len(line) > 160:
        return False
    return all(_FOOTER_PART.fullmatch(part) for part in _FOOTER_SPLIT.split(line)) or (
        _FOOTER_RUN.fullmatch(line) is not None
    )


def _is_bottom_nav(line: str, top: str | None) -> bool:
    if top is not None and line == top:
        return True
    return _is_nav_links(line) or _nav_parts(line) is not None


def _cut_updated(blocks: list[list[str]]) -> list[str]:
    """With no bottom navigation, a trailing "Last updated" block (or a date alone, day.month.year, at
    the very foot) is still footer, not body."""
    last = blocks[-1] if blocks else []
    if last and (_UPDATED.match(last[0]) or (len(last) == 1 and dates.FOOT_DATE.fullmatch(last[0]))):
        return blocks.pop()
    return []



# -- Header --------------------------------------------------------------------------------------


def _looks_like_byline(block: list[str]) -> bool:
    if len(block) != 1:
        return False
    words = ET_AL.sub("", block[0]).replace("&", " ").replace(",", " ").split()
    if words and words[0].lower() in _NOT_A_NAME_START:
        return False  # "On Development", "The Crisis": a title
    small = {"and", "de", "van", "von", "der", "la", "le", "y", "da", "dos", "del"}
    return (
        1 <= len(words) <= 10
        and not re.search(r"[.:;!?]$", ET_AL.sub("", block[0]))
        and all(w[:1].isupper() or w in small or re.fullmatch(r"[A-Z]\.", w) for w in words)
    )


def _authors(line: str) -> tuple[str, ...]:
    line = ET_AL.sub("", re.sub(r"^by\s+", "", line, flags=re.I))
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
        if _is_provenance_line(block[0]):
            return index
    return None


@dataclass
class _Header:
    title: str = ""
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    date: PartialDate | None = None
    work: str | None = None
    """The work the page is a chapter of, when its title heads the page over the chapter's own."""
    filed_date: bool = False
    """The date is the one the writer's line files the work under ("Harry Quelch 1910"), no closer."""


def _is_chapter_heading(block: list[str]) -> bool:
    """A chapter's heading: "CHAPTER IV / THE GOVERNMENT CRISIS", "XV. In Moscow Again", "Preface"."""
    text = " ".join(block)
    return len(block) <= 3 and len(text) <= 120 and not text.endswith((".", ",", ";")) and (
        _CHAPTER_HEAD.match(text) is not None
    )


def _is_heading(block: list[str]) -> bool:
    """A short block set as a heading: a line or three, no sentence's end, no date line."""
    text = " ".join(block)
    return (
        len(block) <= 3
        and len(text) <= 120
        and not text.endswith((".", ",", ";", ":"))
        and text[:1] not in "([*"
        and _LETTER.search(text) is not None
        and not _is_provenance_line(block[0])
    )


def _heading_series(block: list[str]) -> str:
    """The numbering a heading belongs to: "chapter", "part", … by its word, or "I." and "1." styles."""
    first = " ".join(block).split(maxsplit=1)[0].lower()
    if re.fullmatch(r"[ivxlc]{1,7}\.", first):
        return "roman"
    if re.fullmatch(r"\d{1,3}\.", first):
        return "number"
    return first


def _has_sibling_section(blocks: list[list[str]]) -> bool:
    """The heading that opens the text has a sibling further on ("I. …" then "II. …"): the text's own
    sections, not the heading of a chapter of a larger work."""
    series = _heading_series(blocks[0])
    return any(_is_chapter_heading(b) and _heading_series(b) == series for b in blocks[1:])


def _is_kicker(first: list[str], second: list[str]) -> bool:
    """A section's name over the title ("Politics", "Book Review", "Constant Reader:"), not the title."""
    if len(first) != 1 or len(second) > 3:
        return False
    title = " ".join(second)
    if title[:1] == "(" or len(title.split()) > 20 or title.endswith("."):
        return False
    label = first[0].strip()
    return label.endswith(":") or bool(_INITIALS.fullmatch(label) or _KICKER.fullmatch(label))


def _is_rubric(heads: list[list[str]], dated: bool) -> bool:
    """Two headings over the date line, the first of three words or fewer and shorter than the second:
    the first is the rubric the article ran under ("The Labor Movement", "Books in Review")."""
    if not dated or len(heads) != 2 or len(heads[0]) != 1:
        return False
    rubric, title = heads[0][0], " ".join(heads[1])
    words = len(rubric.split())
    return (
        words <= 3
        and len(title.split()) > words
        and _YEAR.search(rubric) is None
        and _CHAPTER_HEAD.match(title) is None
    )


def _header(page: _Page) -> _Header:
    """Author, title, subtitle and date: the blocks before the date line (or the provenance)."""
    blocks = page.blocks
    dated_byline: PartialDate | None = None
    if blocks and (m := _BYLINE_WITH_DATE.match(blocks[0][0])) and _looks_like_byline([m.group("name")]):
        # "Vere Gordon Childe, 1930": the writer and the year, as a mirror's title line prints them.
        dated_byline = dates.parse_date(m.group("date"))
        blocks[0] = [m.group("name"), *blocks[0][1:]]
    elif blocks and (m := _WORK_BYLINE_YEAR.match(blocks[0][0])) and _looks_like_byline([m.group("name")]):
        # "The Real World of Ideology, Joe McCarney 1980": the work, its writer and the year on one line.
        dated_byline = dates.parse_date(m.group("date"))
        rest = blocks[0][1:]
        blocks[0:1] = [[m.group("name")], [m.group("work")], *([rest] if rest else [])]
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
    if len(heads) >= 2 and _names_work(" ".join(heads[0]), page) and _is_heading(heads[1]) and not (
        _SERIAL_PART.search(" ".join(heads[0]))
    ):
        # The work's title over the chapter's: the page is that chapter of the work.
        header.work, heads = " ".join(heads[0]), heads[1:]
    kicker: list[str] = []
    if len(heads) >= 2 and (_is_kicker(heads[0], heads[1]) or _is_rubric(heads, date_at is not None)):
        # "Germany" over "The Congress of the German Metal Workers Union": the section the article ran in.
        kicker, heads = heads[0], heads[1:]
    if heads and len(heads[-1]) == 1 and dates.BARE_DATE.fullmatch(heads[-1][0]) and header.date is None:
        # "1927" under the title: the date line, printed without brackets.
        header.date = dates.parse_date(heads[-1][0].rstrip("."))
        if header.date is not None:
            page.placed["date"] = _LAYOUT
            heads = heads[:-1]
    if heads:
        header.title = " ".join(heads[0])
        rest = [" ".join(block) for block in [kicker, *heads[1:]] if block]
        header.subtitle = " ".join(rest) if rest else None
    if header.date is None and dated_byline is not None:
        header.date = dated_byline
        header.filed_date = True
        page.placed["date"] = _LAYOUT
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
    written: PartialDate | None = None
    published: PartialDate | None = None
    """The date a line labelled as the first publication gives ("First Published: Labour Monthly, 1931.")."""
    publisher_year: str | None = None
    """The year a "Publisher:" line names: the source's date when its statement gives none."""
    author: str | None = None


def _provenance(page: _Page) -> _Provenance:
    """The provenance lines right after the header (or closing the text); the rest of a block they end goes
    back."""
    found = _Provenance()
    blocks = page.blocks
    first = True
    while blocks and (_is_provenance_line(blocks[0][0]) or (first and _is_cited_block(blocks[0]))):
        block = blocks.pop(0)
        for n, line in enumerate(block):
            kind = classify_provenance_line(line)
            if kind is None and not _INFO_LABEL.match(line):
                if n == 0 and first and found.source is None:
                    # "Labour Day and Imperialism, Justice, 4th May 1907, p.5." over the credits: the source.
                    found.lines.append(line)
                    _place_provenance(page, found, "source", line)
                    continue
                if any(_is_provenance_line(x) for x in block[n + 1 :]):
                    found.lines.append(line)  # a line of its own kind inside the information block
                    continue
                blocks.insert(0, block[n:])
                break
            found.lines.append(line)
            if kind is None:
                _place_info_label(found, line)
            else:
                _place_provenance(page, found, kind, line)
        else:
            first = False
            continue
        break
    closing = blocks[-1] if len(blocks) > 1 else []
    if not found.lines and len(closing) >= 2 and all(map(_is_provenance_line, closing)):
        # No information block under the header, and one closes the text ("Spoken: …", "Transcribed: …").
        for line in blocks.pop():
            found.lines.append(line)
            kind = classify_provenance_line(line)
            if kind is None:
                _place_info_label(found, line)
            else:
                _place_provenance(page, found, kind, line)
    source = found.source
    if source is not None and source.date is None and found.publisher_year:
        year = found.publisher_year
        dated = PartialDate(year, year)
        found.source = Source(source.statement, source.periodical, source.issue, dated, source.pages)
    return found


def _is_cited_block(block: list[str]) -> bool:
    """A block that opens with a citation (a year, commas) and goes on with provenance lines only."""
    head, rest = block[0], block[1:]
    return (
        bool(rest)
        and len(head) < 250
        and head.count(",") >= 1
        and _YEAR.search(head) is not None
        and all(_is_provenance_line(line) for line in rest)
    )




def _is_provenance_line(line: str) -> bool:
    kind = classify_provenance_line(line)
    if kind == "source" and line[:5].lower() == "from " and not _CITED.search(line):
        return False  # "From N.E.P. to Socialism" is a title; a source names an issue, a date, a page
    return kind is not None or _INFO_LABEL.match(line) is not None


def _place_info_label(found: _Provenance, line: str) -> None:
    """An information line that is neither source, rights nor credit: when written, and by whom."""
    m = _INFO_LABEL.match(line)
    if m is None:
        return
    label, value = m.group(1).lower(), line[m.end() :].strip().rstrip(";.")
    if label in ("written", "date", "delivered", "spoken") and found.written is None:
        found.written = dates.parse_date(value) or _first_date(value)
    elif label == "author" and found.author is None and value:
        found.author = value
    elif label in ("publisher", "printer") and found.publisher_year is None:
        m = _YEAR.search(value)
        found.publisher_year = m.group(0) if m else None


def _first_date(text: str) -> PartialDate | None:
    m = _DATE_IN_TEXT.search(text)
    return dates.parse_date(m.group(0)) if m else None


_PUBLISHED_LABELS = ("first published", "published", "originally published")


def _place_provenance(page: _Page, found: _Provenance, kind: str, line: str) -> None:
    if kind == "source":
        stated = parse_source_statement(line)
        label, _value = split_label(line)
        if label and label.startswith(_PUBLISHED_LABELS) and stated and found.published is None:
            found.published = stated.date
        if found.source is None:
            found.source = stated
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
    if footer and dates.FOOT_DATE.fullmatch(footer[-1]) and (iso := dates.parse_updated(footer[-1])):
        return LastUpdated(text=footer[-1], iso=iso)
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
    last = page.blocks[-1] if len(page.blocks) > 1 else None
    if header.title and last is not None and len(last) == 1 and _folded(last[0]) == _folded(header.title):
        # The work's title again at the foot of a chapter: the link back to its contents.
        page.nav_names.add(_folded(page.blocks.pop()[0]))
    provenance = _provenance(page)
    part_of = PartOf(title=header.work) if header.work else None
    if part_of is None and page.blocks and header.title and (
        (_is_chapter_heading(page.blocks[0]) and not _has_sibling_section(page.blocks))
        or (
            (_names_work(header.title, page) or page.in_sequence)
            and len(page.blocks) > 1
            and _is_heading(page.blocks[0])
            and not _SERIAL_PART.search(header.title)
            and not re.fullmatch(r"[IVXLC]{1,6}\.?|\d{1,3}\.?", " ".join(page.blocks[0]))
        )
    ):
        # The work's title heads the page (the navigation names it too) and the chapter's own heading
        # opens the text: the page is that chapter of the work.
        part_of = PartOf(title=header.title)
        header.title = " ".join(page.blocks.pop(0))
        page.placed["part_of"] = _LAYOUT
    if (
        BARE_CHAPTER.fullmatch(header.title)
        and len(page.blocks) > 1
        and _is_heading(page.blocks[0])
        and not _is_chapter_heading(page.blocks[0])
    ):
        # "Chapter One" over "VALUE AS AN ECONOMIC CATEGORY": the chapter's number and name.
        header.title = f"{header.title} {' '.join(page.blocks.pop(0))}"
    date = header.date
    # As on the page itself: when it was written, else first published, else the source's date.
    source_date = provenance.source.date if provenance.source else None
    stated = provenance.written or provenance.published or source_date
    if date is None or (
        header.filed_date and stated is not None and stated.edtf.startswith(f"{date.edtf}-")
    ):
        # A date the information block gives is closer than the year a writer's line files the work under.
        date = stated
        if date is not None:
            page.placed["date"] = "provenance"
    authors = header.authors
    if not authors and provenance.author:
        authors = _authors(provenance.author)
        page.placed["authors"] = "provenance"
    if len(page.blocks) > 1 and len(page.blocks[0]) == 1 and _SERIAL_LINK_LINE.fullmatch(page.blocks[0][0]):
        page.blocks.pop(0)  # "(Continued from last issue)": the link to the part before
    reviewed = _reviewed(page)
    notes = _cut_notes(page)
    while page.blocks and all(_is_nav_links(line) for line in page.blocks[-1]):
        page.blocks.pop()  # "Top of the page" between the text and its notes
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
        record_id, page.placed["id"] = ids.derived_id(authors, date, title), "derived"
    page.placed["kind"] = "guess"
    return Record(
        id=record_id,
        title=title,
        subtitle=header.subtitle,
        authors=authors,
        date=date,
        kind=kind,
        source=provenance.source,
        rights=provenance.rights,
        copied_from=provenance.copied_from,
        credits=tuple(provenance.credits),
        reviewed=tuple(reviewed),
        collection=collection,
        part_of=part_of,
        last_updated=last_updated,
        text=text,
        notes=tuple(notes),
        body_html="\n".join(f"<p>{html.escape(p)}</p>".replace("\n", "<br>\n") for p in paragraphs),
        warnings=tuple(page.warnings + _note_warnings(text, notes)),
        path=path,
        format="text",
        placed_by=page.placed,
    )


