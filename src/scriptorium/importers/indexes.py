"""Index pages: a writer's archive, a periodical's issues or an issue's contents, a work's contents.

The HTML importer decides that a page is an index; these functions read what
the index describes. Legacy index pages share no template: works are listed in
paragraphs, in two-column tables (date | title), under year headings, or as
runs of links separated by line breaks. So one pass walks the page's headings,
short labels and links in document order, and each link is read together with
the text around it in its line (its paragraph, list item or table row):
a date printed before or after it, a trailing note such as ``(book review)``,
a byline, page numbers. Links in the middle of prose, in navigation bars or in
provenance blocks are not entries.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scriptorium.importers.dates import parse_date
from scriptorium.model import AuthorProfile, IssueEntry, Link, PartialDate, PeriodicalProfile

# -- what counts as what ---------------------------------------------------------------------

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_BLOCKS = (
    frozenset(("p", "li", "dt", "dd", "td", "th", "div", "blockquote", "center", "body", "caption", "table"))
    | _HEADINGS
)
_NAV_CLASSES = frozenset(
    ("title", "toplink", "linkback", "footer", "foot", "updat", "info", "skip", "navbar")
)
"""Paragraph classes that hold navigation or provenance, never entries."""
_PROSE_CLASSES = frozenset(("pagenote", "quoteb", "quote"))
_SCAN = "h1, h2, h3, h4, h5, h6, p, dt, th, a[href]"
_ROW_MAX_CHARS = 600
"""A table row longer than this is page layout, not one line of a list."""

_SPACE = re.compile(r"\s+")
_SEPARATORS = re.compile(r"^[\s,;|/·•*–—\-]*(?:and|&)?[\s,;|/·•*–—\-]*$", re.IGNORECASE)
_ENUMERATOR = re.compile(
    r"^(?:(?:chapter|part|book|section|appendix|vol(?:ume)?\.?)\s+)?"
    r"(?:[0-9]{1,3}|[IVXLC]{1,7}|[A-Z])[.):]?\s*[–—-]?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(1[5-9][0-9]{2}|20[0-9]{2})(?:\s*[-–—/]\s*(?:[0-9]{4}|[0-9]{2})\b)?")
_LIFE = re.compile(
    r"(?P<born>(?:[^\W\d_]+\.?\s+)?(?:\d{1,2},?\s+)?(?:[^\W\d_]+\.?\s+)?(?:1[5-9]\d\d|20\d\d))"
    r"\s*[-–—]\s*"
    r"(?P<died>(?:\d{1,2}\s+)?(?:[^\W\d_]+\.?\s+)?(?:\d{1,2},?\s+)?(?:1[5-9]\d\d|20\d\d)|\?)?"
)
_PAGES = re.compile(r"\bpp?\.\s*[0-9ivxlc]+(?:\s*[-–—]\s*[0-9ivxlc]+)?", re.IGNORECASE)
_BY = re.compile(r"^\(?\s*by\s+(?P<names>[^()\[\],;]+?)\s*(?:[,;)(\[]|$)", re.IGNORECASE)
_NAME = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*\.?)(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*\.?|de|van|von|der|la|le|y))*$")
_ISSUE = re.compile(
    r"^(?:(?:vol(?:ume)?\.?|v\.)\s*[0-9ivxlc]+[,.]?\s*)?"
    r"(?:(?:no|nos|number|issue|iss|n°|#)\.?\s*[0-9]+(?:\s*[-–/&]\s*[0-9]+)?)",
    re.IGNORECASE,
)
_VOLUME_ONLY = re.compile(r"^(?:vol(?:ume)?\.?|v\.)\s*[0-9ivxlc]+\b", re.IGNORECASE)
_NAV_TITLES = frozenset(
    (
        "biography",
        "photos",
        "photographs",
        "images",
        "image gallery",
        "gallery",
        "index",
        "contents",
        "table of contents",
        "home",
        "top",
        "back",
        "next",
        "previous",
        "up",
        "main page",
        "obituary",
        "obituaries",
    )
)
"""Link texts that name a navigation target rather than a work."""
_ARCHIVE_SUFFIX = re.compile(r"\s*(?:internet\s+)?archives?\s*$", re.IGNORECASE)
_ARCHIVE_PREFIX = re.compile(r"^(?:the\s+|mia\s*[-–—:]\s*)", re.IGNORECASE)
_GENERIC_HEADINGS = re.compile(r"marx(?:ist|ism)s?['’]?\s*internet\s+archive|^the$|^internet archive$", re.I)


def _clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _classes(node: LexborNode) -> tuple[str, ...]:
    value = node.attributes.get("class")
    return tuple(value.lower().split()) if value else ()


# -- one pass over the page ------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    """A link read as one line of a list, with the text around it."""

    title: str
    href: str
    section: str | None
    before: str = ""
    after: str = ""
    label: str | None = None
    cells: tuple[str, ...] = ()


@dataclass(slots=True)
class _Page:
    """What the pass collects: headings in order, prose paragraphs, labels and entries."""

    headings: list[tuple[str, str]] = field(default_factory=list)
    prose: list[tuple[int, str]] = field(default_factory=list)
    entries: list[_Entry] = field(default_factory=list)
    first_entry_seen: bool = False

    def prose_text(self) -> str | None:
        """The prose paragraphs before the first entry, as plain text."""
        return "\n\n".join(text for _key, text in self.prose) or None


def _text(node: LexborNode) -> str:
    return " ".join(node.text().split())


def _block_of(node: LexborNode) -> LexborNode | None:
    parent = node.parent
    while parent is not None and parent.tag not in _BLOCKS:
        parent = parent.parent
    return parent


def _row_of(block: LexborNode) -> LexborNode | None:
    """The table row a block sits in (within two levels of a cell), or None."""
    node: LexborNode | None = block
    for _ in range(3):
        if node is None:
            return None
        if node.tag in ("td", "th"):
            row = node.parent
            return row if row is not None and row.tag == "tr" else None
        if node.tag in ("table", "body", "tr"):
            return None
        node = node.parent
    return None


def _is_nav(block: LexborNode) -> bool:
    """Navigation and provenance blocks (checked on the block and its nearest container)."""
    node: LexborNode | None = block
    for _ in range(2):
        if node is None:
            return False
        classes = _classes(node)
        if any(c in _NAV_CLASSES for c in classes):
            return True
        if "information" in classes and node.css_first("span.info") is not None:
            return True  # a labelled provenance block (Source:, Transcription:)
        node = node.parent
    return False


def _context_of(block: LexborNode, line_rows: dict[int, bool]) -> LexborNode | None:
    """The line a link's block belongs to: its table row when the row is a line, else the block.

    ``line_rows`` remembers each row's test, so a row with links in several cells is tested once.
    """
    if _is_nav(block):
        return None
    row = _row_of(block)
    if row is not None:
        key = row.mem_id
        is_line = line_rows.get(key)
        if is_line is None:
            is_line = line_rows[key] = _is_line_row(row)
        if is_line:
            return row
    return block


def _link_title(link: LexborNode) -> str:
    title = _text(link)
    if not title:
        img = link.css_first("img[alt]")
        if img is not None:
            title = _clean(img.attributes.get("alt"))
    return title


def _usable_href(href: str | None) -> bool:
    if not href:
        return False
    h = href.strip().lower()
    return not (h.startswith(("#", "mailto:", "javascript:", "tel:")) or h == "")


_NESTED_BLOCKS = _HEADINGS | frozenset(
    ("p", "li", "ul", "ol", "dl", "dt", "dd", "div", "table", "blockquote", "center", "pre", "hr")
)
_Piece = tuple[str, LexborNode | None]


def _split_lines(context: LexborNode) -> list[list[_Piece]]:
    """The context's text as lines (split at line breaks), each alternating plain text and links.

    A block nested inside a block is its own context and is skipped (it only
    ends the current line); inside a table row, cells and their paragraphs
    are read as one line, because the row is the line.
    """
    in_row = context.tag == "tr"
    lines: list[list[_Piece]] = []
    pieces: list[_Piece] = []
    buffer: list[str] = []

    def end_line() -> None:
        nonlocal pieces, buffer
        pieces.append(("".join(buffer), None))
        lines.append(pieces)
        pieces, buffer = [], []

    todo: list[LexborNode] = []
    kid = context.last_child
    while kid is not None:
        todo.append(kid)
        kid = kid.prev
    while todo:
        current = todo.pop()
        tag = current.tag
        if tag == "-text":
            buffer.append(current.text_content or "")
            continue
        if tag in ("-comment", "script", "style"):
            continue
        if tag == "a" and current.attributes.get("href") is not None:
            pieces.append(("".join(buffer), None))
            buffer = []
            pieces.append(("", current))
            continue
        if tag == "br":
            end_line()
            continue
        if not in_row and tag in _NESTED_BLOCKS:
            end_line()
            continue
        if tag in ("td", "th", "p", "div", "li"):
            buffer.append(" ")
        kid = current.last_child
        while kid is not None:
            todo.append(kid)
            kid = kid.prev
    end_line()
    return lines


@lru_cache(maxsize=8192)
def _prefix_kind(text: str) -> str | None:
    """How text before a line's first link reads: 'empty', 'date', 'enum', 'label', or None (prose)."""
    t = text.strip().strip("•*·-–—|").strip()
    if not t:
        return "empty"
    bare = t.rstrip(":.,;").strip()
    if _find_date(bare, whole=True) is not None:
        return "date"
    if _ENUMERATOR.match(t):
        return "enum"
    if t.endswith(":") and len(bare.split()) <= 8:
        return "label"
    if len(t) <= 3:
        return "empty"
    return None


def _read_line(pieces: list[_Piece], section: str | None, cells: tuple[str, ...]) -> list[_Entry]:
    """Entries of one line: the leading link and links that follow it with only separators between."""
    entries: list[_Entry] = []
    before = ""
    kind: str | None = None
    previous: _Entry | None = None
    trailing: list[str] = []
    lead = ""  # ``before`` cleaned (it no longer changes once the line's first entry is read)
    for text, link in pieces:
        if link is None:
            if previous is None:
                before += text
            else:
                trailing.append(text)
            continue
        if previous is None:
            lead = _clean(before)
            kind = _prefix_kind(lead)
            if kind is None:
                return []
        else:
            gap = _clean("".join(trailing))
            if not _is_gap(gap):
                trailing.append(_text(link))
                continue
            previous.after = gap
            trailing = []
        href = link.attributes.get("href") or ""
        title = _link_title(link)
        if not _usable_href(href) or not title:
            if previous is not None:
                trailing.append(title)
            else:
                before += title
            continue
        entry = _Entry(title=title, href=href.strip(), section=section, before=lead, cells=cells)
        if kind == "enum" and previous is None:
            entry.title = f"{lead} {title}"
        if kind == "label" and previous is None:
            entry.label = lead.rstrip(":").strip()
        entries.append(entry)
        previous = entry
    if previous is not None:
        previous.after = _clean("".join(trailing))
    return entries


@lru_cache(maxsize=8192)
def _is_gap(text: str) -> bool:
    """Text between two links of one list line: separators, or a date such as ``(March 1923)``."""
    if _SEPARATORS.match(text):
        return True
    bare = text.strip(" ,;|/·•–—-")
    return len(bare) <= 40 and _find_date(bare, whole=True) is not None


def _read_context(context: LexborNode, section: str | None) -> tuple[list[_Entry], str | None]:
    """Entries of a paragraph, list item or table row, and the section in force after it.

    A link-free short line inside the block (``Passaic Strike of 1926:``
    followed by links on the next lines) names the section of the lines below it.
    """
    cells: tuple[str, ...] = ()
    if context.tag == "tr":
        cells = tuple(_text(c) for c in context.iter() if c.tag in ("td", "th"))
    entries: list[_Entry] = []
    for pieces in _split_lines(context):
        if len(pieces) == 1:
            text = _clean(pieces[0][0])
            if text and len(text) <= 90 and text.endswith(":") and context.tag != "tr":
                section = text.rstrip(":").strip()
            continue
        entries.extend(_read_line(pieces, section, cells))
    return entries, section


def _is_nav_link(link: LexborNode) -> bool:
    classes = _classes(link)
    return "title" in classes or "nav" in classes


def _label_text(node: LexborNode, linked: set[int]) -> str | None:
    """A short, link-free heading or paragraph that names the group of entries under it."""
    if node.mem_id in linked:
        return None
    text = _text(node)
    if not text or len(text) > 90 or node.tag == "h1":
        return None
    if text[0] in "([" and text[-1] in ")]":
        return None  # a date line such as "(1958)" heads the page, not a group of entries
    if node.tag not in _HEADINGS and node.tag != "th":
        classes = _classes(node)
        if any(c in _NAV_CLASSES or c in _PROSE_CLASSES for c in classes):
            return None
        if not _looks_like_label(node, text):
            return None
    row = _row_of(node)
    if row is not None and _is_line_row(row) and row.mem_id in linked:
        return None  # the date cell of a "date | title" row
    return text.rstrip(":").strip() or None


def _is_line_row(row: LexborNode) -> bool:
    """A short row with two or more filled cells is one line of a list; anything else is layout."""
    if len(row.text(deep=True)) > _ROW_MAX_CHARS:
        return False
    filled = 0
    cell = row.child
    while cell is not None:
        if cell.tag in ("td", "th") and cell.text(deep=True).strip():
            filled += 1
        cell = cell.next
    return filled >= 2


def _looks_like_label(node: LexborNode, text: str) -> bool:
    """A paragraph is a label when it is short and reads as a heading, not a sentence."""
    if len(text.split()) > 10:
        return False
    if text.endswith((".", "!", "?")) and not _YEAR.search(text):
        return False
    return (
        text.endswith(":")
        or (len(text.split()) <= 5)
        or node.css_first("strong, b, big, font, em, i, small") is not None
    )


def _linked(root: LexborNode) -> set[int]:
    """The nodes (``mem_id``) that are a link (``a[href]``) or hold one, from one query over the page."""
    linked: set[int] = set()
    for a in root.css("a[href]"):
        node: LexborNode | None = a
        while node is not None:
            key = node.mem_id
            if key in linked:
                break
            linked.add(key)
            node = node.parent
    return linked


def _walk(tree: LexborHTMLParser) -> _Page:
    """The single pass: headings, prose before the first entry, and entries with their sections."""
    page = _Page()
    root = tree.body or tree.root
    if root is None:
        return page
    section: str | None = None
    done: set[int] = set()
    blocks: set[int] = set()
    lines: set[int] = set()
    line_rows: dict[int, bool] = {}
    linked = _linked(root)
    for node in root.css(_SCAN):
        tag = node.tag
        if tag == "a":
            block = _block_of(node)
            if block is None or block.mem_id in blocks:
                continue  # a later link of a line already read
            blocks.add(block.mem_id)
            context = _context_of(block, line_rows)
            if context is None or context.mem_id in done:
                continue
            done.add(context.mem_id)
            entries, section = _read_context(context, section)
            if entries:
                page.entries.extend(entries)
                page.first_entry_seen = True
                lines.add(context.mem_id)
            continue
        if tag in _HEADINGS:
            page.headings.append((tag, _text(node)))
        label = _label_text(node, linked)
        if label is not None:
            section = label
            continue
        if tag == "p" and not page.first_entry_seen:
            _collect_prose(node, page)
    page.prose = [(key, text) for key, text in page.prose if key not in lines]
    return page


def _collect_prose(node: LexborNode, page: _Page) -> None:
    classes = _classes(node)
    if any(c in _NAV_CLASSES or c in _PROSE_CLASSES for c in classes):
        return
    text = _text(node)
    if len(text) < 60:
        return
    linked = sum(len(_text(a)) for a in node.css("a[href]"))
    if linked > len(text) / 2:
        return
    row = _row_of(node)
    key = row.mem_id if row is not None and _is_line_row(row) else node.mem_id
    page.prose.append((key, text))


# -- dates, names, hrefs ---------------------------------------------------------------------


@lru_cache(maxsize=16384)
def _find_date(text: str, *, whole: bool = False) -> PartialDate | None:
    """The last date printed in ``text`` (or the whole text as a date when ``whole``).

    Cached: index pages print the same dates and trailing notes on line after line.
    """
    text = _clean(text)
    if not text or not _YEAR.search(text):
        return None
    if whole:
        text = text.rstrip(":.,;– ")
        return parse_date(text) or _year_first(text)
    for match in reversed(list(_YEAR.finditer(text))):
        head = text[: match.start()].split()
        tail = text[match.start() : match.end()]
        for take in (3, 2, 1, 0):
            if take > len(head):
                continue
            words = head[len(head) - take :] if take else []
            candidate = " ".join([*words, tail]).lstrip(",;:([–—- ")
            found = parse_date(candidate)
            if found is not None:
                return found
        found = _year_first(text[match.start() :].split(":")[0].split("(")[0])
        if found is not None:
            return found
    return None


def _year_first(text: str) -> PartialDate | None:
    """``1958 August`` as the archive sometimes prints it (year before month)."""
    m = re.match(r"^\s*(1[5-9]\d\d|20\d\d)\s+([^\W\d_]+\.?)\s*$", text)
    if not m:
        return None
    found = parse_date(f"{m.group(2)} {m.group(1)}")
    return PartialDate(text=_clean(text).rstrip(".,;:"), edtf=found.edtf) if found else None


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_INDEX_FILE = re.compile(r"(?:^|/)index\.html?$")
_EMPTY_PARENS = re.compile(r"\(\s*\)")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")


@lru_cache(maxsize=16384)
def _resolve(href: str, path: str | None) -> str:
    """A link as a site path relative to the archive root when it is relative, else unchanged."""
    href = href.strip()
    if _SCHEME.match(href) or href.startswith("//"):
        return href
    target, _, fragment = href.partition("#")
    if href.startswith("/"):
        resolved = posixpath.normpath(target).lstrip("/")
    else:
        base = posixpath.dirname(path.replace("\\", "/").lstrip("/")) if path else ""
        resolved = posixpath.normpath(posixpath.join(base, target)) if target else (path or "")
    if resolved == ".":
        resolved = ""
    return f"{resolved}#{fragment}" if fragment else resolved


def _note(after: str, date: PartialDate | None) -> str | None:
    """What follows a link besides its date: ``(book review)``, ``by X (Socialist Worker, …)``."""
    note = after.strip().strip(",;:–—-").strip()
    if date is not None:
        for shown in (date.text, f"({date.text})"):
            if note.startswith(shown):
                note = note[len(shown) :].strip().strip(",;:–—-").strip()
    if not note or parse_date(note) is not None:
        return None
    return note


def _split_names(text: str) -> tuple[str, ...]:
    parts = _NAME_SPLIT.split(text)
    return tuple(p.strip() for p in parts if p.strip())


def _authors(entry: _Entry, *, bracketed: bool = False) -> tuple[str, ...]:
    """The byline of an entry: ``by X``, ``X: <title>``, an author cell, or ``(X)`` in a contents list."""
    m = _BY.match(entry.after.lstrip(" ,–—-"))
    if m:
        return _split_names(m.group("names"))
    if bracketed:
        inner = entry.after.strip()
        if inner.startswith("(") and inner.endswith(")") and _NAME.match(inner[1:-1].strip()):
            return _split_names(inner[1:-1])
    if entry.label and _NAME.match(entry.label) and len(entry.label.split()) <= 6:
        return _split_names(entry.label)
    for cell in entry.cells:
        if (
            cell
            and cell != entry.title
            and _NAME.match(cell)
            and len(cell.split()) <= 6
            and _find_date(cell, whole=True) is None
            and not _PAGES.search(cell)
        ):
            return _split_names(cell)
    return ()


def _to_link(entry: _Entry, path: str | None, *, with_section: bool = True, bracketed: bool = False) -> Link:
    around = " ".join(c for c in entry.cells if c and c != entry.title) if entry.cells else ""
    date = _find_date(entry.before, whole=True) if entry.before else None
    date = date or _find_date(entry.after) or (_find_date(around) if around else None)
    pages = _PAGES.search(entry.after) or (_PAGES.search(around) if around else None)
    authors = _authors(entry, bracketed=bracketed)
    section = entry.section
    if entry.label and not _NAME.match(entry.label):
        section = entry.label
    return Link(
        title=entry.title,
        href=_resolve(entry.href, path),
        date=date,
        authors=authors,
        section=section if with_section else None,
        pages=pages.group(0) if pages else None,
        note=_note(_without(entry.after, pages.group(0) if pages else None, authors), date),
    )


def _without(after: str, pages: str | None, authors: tuple[str, ...]) -> str:
    """The trailing text less what was read from it as pages and byline."""
    if pages:
        after = _EMPTY_PARENS.sub(" ", after.replace(pages, " "))
    if authors:
        names = r"\s*(?:,|and|&)\s*".join(re.escape(a) for a in authors)
        after = re.sub(rf"(?i)\(?\s*(?:by\s+)?{names}\s*\)?", " ", after, count=1)
    return _clean(after)


# -- author archives -------------------------------------------------------------------------


def _writer_name(tree: LexborHTMLParser, headings: list[tuple[str, str]]) -> str | None:
    for at, (tag, text) in enumerate(headings):
        # The writer's name heads the page: an h1 after other headings, or ending in a colon, heads a
        # section of it ("The Movement led by X embraces ...:").
        if at >= 3:
            break
        if tag == "h1" and text and not _GENERIC_HEADINGS.search(text) and not text.rstrip().endswith(":"):
            name = _LIFE.sub("", text).strip(" ,;")
            if len(name) > 1 and name[0] in "([" and name[-1] in ")]":  # "(X)", not "X (Y)"
                name = name[1:-1]
            return _strip_archive(name)
    title = tree.css_first("title")
    if title is not None:
        text = _clean(title.text())
        text = text.split(":")[-1] if ":" in text and "archive" not in text.lower() else text
        name = _strip_archive(text)
        if name:
            return name
    crumb = tree.css_first("p.title")
    if crumb is not None:
        name = _clean(crumb.text()).split(":")[-1].strip()
        return _strip_archive(name) or None
    return None


def _strip_archive(text: str) -> str:
    text = _ARCHIVE_SUFFIX.sub("", text.rstrip(" _.")).strip()
    text = _ARCHIVE_PREFIX.sub("", text).strip()
    return text.rstrip(":,;").strip()


def _life_dates(headings: list[tuple[str, str]]) -> tuple[str | None, PartialDate | None, PartialDate | None]:
    """Life dates from the first heading that prints them, e.g. ``(1902–1937)``."""
    for _tag, text in headings[:8]:
        m = _LIFE.search(text)
        if not m:
            continue
        shown = _clean(m.group(0)).strip(" ()[]")
        born = parse_date(m.group("born"))
        died = parse_date(m.group("died")) if m.group("died") and m.group("died") != "?" else None
        if born is None and died is None:
            continue
        return shown, born, died
    return None, None, None


_PROSE_DATE = (
    r"((?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?(?:1[5-9]\d\d|20\d\d))\b"
)
_MORE_THAN_ONE = re.compile(r"&|\band\b")  # "Albert & Vera Weisbord": whose dates would they be?
_BORN_IN_PROSE = re.compile(r"\bwas born\b[^.;]{0,60}?\b(?:in|on)\s+" + _PROSE_DATE)
_DIED_IN_PROSE = re.compile(r"^(?:He|She|\S+)\s+died\b[^.;]{0,40}?\b(?:in|on)\s+" + _PROSE_DATE)
_SENTENCE = re.compile(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])")


def _life_dates_in_prose(name: str, biography: str) -> tuple[PartialDate | None, PartialDate | None]:
    """Birth and death years told in the opening biography ("Ted Grant was born in South Africa in
    1913. … He died in 2006"): only sentences about the writer (named, or "He"/"She") count."""
    surname = name.split()[-1] if name.split() else ""
    born = died = None
    for sentence in _SENTENCE.split(biography):
        about_writer = sentence.startswith(("He ", "She ")) or bool(surname and surname in sentence)
        if born is None and about_writer and (m := _BORN_IN_PROSE.search(sentence)):
            born = parse_date(m.group(1))
        if died is None and (m := _DIED_IN_PROSE.match(sentence)):
            first = sentence.split()[0]
            if first in ("He", "She") or first == surname:
                died = parse_date(m.group(1))
    return born, died


def author_profile(tree: LexborHTMLParser, path: str | None) -> tuple[AuthorProfile | None, list[str]]:
    """The writer and works an author-index page describes, with warnings."""
    page = _walk(tree)
    warnings: list[str] = []
    name = _writer_name(tree, page.headings)
    if not name:
        return None, ["could not find the writer's name on this archive page"]
    life_dates, born, died = _life_dates(page.headings)
    works: list[Link] = []
    for entry in page.entries:
        if entry.title.lower().strip(" :") in _NAV_TITLES:
            continue
        link = _to_link(entry, path)
        if _is_parent_index(link.href, path):
            continue
        works.append(link)
    if not works:
        warnings.append("no works are listed on this writer's archive page")
    biography = page.prose_text()
    if born is None and died is None and biography and not _MORE_THAN_ONE.search(name):
        born, died = _life_dates_in_prose(name, biography)
    profile = AuthorProfile(
        name=name, born=born, died=died, life_dates=life_dates, biography=biography, works=tuple(works)
    )
    return profile, warnings


def _is_parent_index(href: str | None, path: str | None) -> bool:
    """A link up to an enclosing index (the writers' list, the main page) is navigation."""
    if not href or not path or "://" in href:
        return False
    target = href.split("#", 1)[0]
    if not _INDEX_FILE.search(target) and target not in ("", "."):
        return False
    directory = posixpath.dirname(target)
    here = posixpath.dirname(path.lstrip("/"))
    return directory == "" or here == directory or here.startswith(directory + "/")


# -- periodicals and issues ------------------------------------------------------------------


def _designation(text: str) -> tuple[str | None, PartialDate | None]:
    """``Vol. 3 No. 4, Spring 1960`` -> (``Vol. 3 No. 4``, Spring 1960); date-only text names itself."""
    t = _clean(text).strip("()[] ")
    m = _ISSUE.match(t) or _VOLUME_ONLY.match(t)
    if m:
        rest = t[m.end() :].strip(" ,.;:–—-()")
        return m.group(0).strip(" ,.;:"), _find_date(rest) if rest else None
    date = _find_date(t, whole=True)
    if date is not None:
        return t, date
    return None, None


def periodical_profile(
    tree: LexborHTMLParser, path: str | None
) -> tuple[PeriodicalProfile | None, list[str]]:
    """The periodical (and its issues) a periodical or issue index describes, with warnings."""
    page = _walk(tree)
    warnings: list[str] = []
    title = _periodical_title(tree, page.headings)
    if not title:
        return None, ["could not find the periodical's name on this index page"]
    description = page.prose_text()
    issues: list[IssueEntry] = []
    articles: list[_Entry] = []
    for entry in page.entries:
        href = _resolve(entry.href, path)
        if entry.title.lower().strip(" :") in _NAV_TITLES or _is_parent_index(href, path):
            continue
        designation, date = _designation(entry.title)
        if designation is not None:
            date = date or _find_date(entry.after) or _find_date(" ".join(entry.cells))
            if date is None and entry.section:
                date = _find_date(entry.section, whole=True)
            issues.append(IssueEntry(designation=designation, date=date, href=href))
            continue
        labelled = _designation(entry.label)[0] if entry.label else None
        if entry.label and labelled is not None:
            # "No. 122, February 1927: <article>": an issue without its own contents page.
            _, date = _designation(entry.label)
            article = _to_link(entry, path, with_section=False, bracketed=True)
            if issues and issues[-1].href is None and issues[-1].designation == labelled:
                last = issues[-1]
                issues[-1] = IssueEntry(last.designation, last.date, None, (*last.contents, article))
            else:
                issues.append(IssueEntry(designation=labelled, date=date, contents=(article,)))
            continue
        articles.append(entry)
    if issues and len(issues) >= len(articles):
        return PeriodicalProfile(title=title, description=description, issues=tuple(issues)), warnings
    if not articles:
        warnings.append("no issues or articles are listed on this periodical page")
    designation, date, heading = _issue_heading(page.headings, title)
    if designation is None:
        warnings.append("could not find which issue this contents page lists")
        designation = title
    contents = tuple(_in_issue(_to_link(e, path, bracketed=True), heading) for e in articles)
    issue = IssueEntry(designation=designation, date=date, href=path, contents=contents)
    return PeriodicalProfile(title=title, description=description, issues=(issue,)), warnings


def _periodical_title(tree: LexborHTMLParser, headings: list[tuple[str, str]]) -> str | None:
    for tag, text in headings:
        if tag == "h1" and text and _designation(text)[0] is None:
            return _periodical_name(text)
    for tag, text in headings:
        if tag in ("h2", "h3") and text and _designation(text)[0] is None:
            return _periodical_name(text)
    title = tree.css_first("title")
    return _periodical_name(_clean(title.text()).split(",")[0]) if title is not None else None


def _periodical_name(text: str) -> str:
    """``The Northern Pioneer Index`` -> ``The Northern Pioneer`` (a leading "The" is part of a name)."""
    text = re.sub(r"(?i)\s*(?:internet\s+)?(?:archives?|index)\s*$", "", text).strip()
    return text.rstrip(":,;").strip()


def _issue_heading(
    headings: list[tuple[str, str]], title: str
) -> tuple[str | None, PartialDate | None, str | None]:
    """The issue a contents page lists, from the first heading that names one."""
    for _tag, text in headings:
        if not text or text == title:
            continue
        t = text[len(title) :].strip(" ,:–—-") if text.startswith(title) else text
        designation, date = _designation(t)
        if designation is not None:
            return designation, date, text
    return None, None, None


def _in_issue(link: Link, heading: str | None) -> Link:
    """The issue's own heading is not a section of its contents."""
    if heading is not None and link.section is not None and link.section == heading.rstrip(":").strip():
        return Link(link.title, link.href, link.date, link.authors, None, link.pages, link.note)
    return link


# -- a work's contents -----------------------------------------------------------------------


def work_links(tree: LexborHTMLParser, path: str | None) -> list[Link]:
    """The parts of a multi-part work, in order, from its contents page.

    A part linked several times (a chapter and its sections as ``ch01.htm#s2``)
    is listed once, where it first appears; links up to the writer's archive
    or the main page are navigation and left out.
    """
    page = _walk(tree)
    links: list[Link] = []
    seen: set[str] = set()
    for entry in page.entries:
        link = _to_link(entry, path)
        href = link.href or ""
        target = href.split("#", 1)[0]
        if not target or target in seen or _is_parent_index(href, path):
            continue
        if path and target == posixpath.normpath(path.lstrip("/")):
            continue
        seen.add(target)
        links.append(link)
    return links
