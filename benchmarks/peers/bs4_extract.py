"""A BeautifulSoup 4 extractor of the record's fields: the timing peer for the HTML importer.

This is how existing archive tools usually read legacy pages: decode, build a
BeautifulSoup tree, then walk it with ``find``/``find_all`` and regular
expressions. It follows the same markup conventions as the importer (ETOL
``doc.css`` and classic MIA ``works.css``) and extracts the same fields:

- ``collection`` and ``navigation``: the links of ``p.toplink`` / ``p.linkback``
  / ``p.title`` / ``p.footer`` (the archive section is the last non-main link of
  the top bar, or the first of a link-back line);
- ``title`` (``h1``, else the first ``h3``/``h2`` that is not a date line, else
  ``<title>``), ``subtitle`` (an ``h4`` kicker or the heading right under the
  title), ``authors`` (the ``h2`` byline, split on "and" / "&" / commas);
- ``date``: the parenthesised ``h3`` date line, else the "Written:" or "First
  Published:" value, as text and EDTF;
- the provenance block (``p.info`` between ``hr.infotop`` and ``hr.infobot``, or
  ``p.information`` with ``span.info`` labels) split into lines at ``<br>``:
  ``source`` (statement, periodical, issue, date, pages), ``rights``,
  ``copied_from`` and ``credits`` (role, name, "for the …" note);
- ``reviewed``: leading book-heading paragraphs of a review (author line,
  title in bold, "Ed." / "Translated by" lines, publisher, year and price);
- ``text``: the body paragraphs and section headings, blank-line separated,
  without header, provenance, navigation, notes or footer;
- ``notes``: ``p.note`` / ``p.endnote`` with their ``[1]`` / ``1.`` labels;
- ``last_updated``: ``p.updat`` (or any "Last updated" line), text and ISO date.

Dates go through the project's own ``parse_date`` / ``parse_updated`` so that
both sides do the same date work. It is a peer for timing, not a second
importer: its heuristics are simpler and it is less accurate on odd pages, but
it does all the tree work a real extractor needs, without artificial slowness.
"""

from __future__ import annotations

import re
import sys
import warnings
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag, XMLParsedAsHTMLWarning

from scriptorium.importers.dates import parse_date, parse_updated

PARSERS = ("lxml", "html.parser")

# Some legacy pages start with an XML declaration; they are HTML all the same.
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_-]+)""", re.I)
_WS = re.compile(r"\s+")
_DATE_LINE = re.compile(r"^\((.+)\)$", re.S)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")
_FOR_NOTE = re.compile(r"\s+(for (?:the )?.+?)\.?$")
_LABEL = re.compile(r"^([A-Z][\w /&-]{1,40}?):\s*(.*)$", re.S)
_FROM = re.compile(
    r"^(?:From|Source|First [Pp]ublished(?: in)?|Published(?: in)?|Reprinted (?:in|from)|Originally "
    r"published in)\b:?\s*(.*)$",
    re.S,
)
_ISSUE = re.compile(
    r"(?:(?:\d+(?:st|nd|rd|th) series,\s*)?(?:Vol\.|Volume)\s*[\w.]+,?\s*)?"
    r"(?:No\.|Nos\.|Number|Issue)\s*[\w/–-]+"
    r"|(?:Vol\.|Volume)\s*[\w.]+"
)
_PAGES = re.compile(r"\bpp?\.\s*[\dIVXLCivxlc]+(?:\s*[–-]\s*[\dIVXLCivxlc]+)?")
_ISSUE_DATE = re.compile(
    r"(?:\d{1,2}\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Spring|Summer|Autumn|Fall|Winter|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|"
    r"Oct\.?|Nov\.?|Dec\.?)(?:[\s/–-]+\d{1,2})?[\s,/–-]*)+\d{4}|\b1[6-9]\d\d\b|\b20\d\d\b"
)
_RIGHTS = re.compile(r"Copyright|©|Public Domain|Copyleft|Creative Commons|All rights reserved", re.I)
_COPIED = re.compile(
    r"(?:Copied|Downloaded|Reproduced|Transcribed)(?: and \w+)?(?: \w+)? with (?:many )?thanks from "
    r"(?:the )?(.+?)\.?$",
    re.I,
)
_ROLE_WORDS = (
    ("proofreading", re.compile(r"proof-?read", re.I)),
    ("translation", re.compile(r"translat", re.I)),
    ("transcription", re.compile(r"transcri|digiti[sz]", re.I)),
    ("markup", re.compile(r"mark(?:ed)?[ -]?up|html|markup", re.I)),
    ("editing", re.compile(r"\bedit(?:ed|or|ing)\b", re.I)),
)
_BY = re.compile(r"\bby\s+(.+)$", re.S)
_PRICE = re.compile(r"[£$€]\s?\d[\d.,]*|\d[\d.,]*\s?(?:p|pence|shillings|francs|DM)\b")
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_EDITED = re.compile(r"^(?:Ed(?:ited)?\.?(?: by)?|Editors?)[:.]?\s+(.+)$", re.I)
_TRANSLATED = re.compile(r"^(?:Trans(?:lated)?\.?(?: by)?|Translators?)[:.]?\s+(.+)$", re.I)
_LEADING_WORD = re.compile(r"^(?:On|In|About|Around|Dated?)\s+", re.I)
_NOTE_LABEL = re.compile(r"^\s*(\[?\d+\*?\]?\.?|\*+|[a-z]\))\s*")
_UPDATED = re.compile(r"Last\s+updated(?:\s+on)?:?\s*(.+)$", re.I | re.S)
_MAIN_LINK = re.compile(r"main page|^mia$|internet archive|^archive$|^library$|^home$|index$", re.I)

_HEADER_CLASSES = {"toplink", "linkback", "title", "info", "information", "updat", "footer", "link", "skip"}
_NOTE_CLASSES = {"note", "endnote", "endnotes", "footnote"}
_BODY_TAGS = frozenset(("p", "h4", "h5", "h6", "li", "blockquote", "pre"))


def clean(text: str) -> str:
    """Collapse white space (``str.split`` also splits on U+00A0)."""
    return " ".join(text.split())


def decode(data: bytes) -> str:
    """UTF-8 when the bytes are valid UTF-8, else cp1252 (a superset of the usual ISO-8859-1 label)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    name = declared.group(1).decode("ascii").lower() if declared else ""
    if name in ("windows-1251", "cp1251", "koi8-r", "gb2312", "gbk", "big5", "shift_jis", "euc-jp"):
        try:
            return data.decode(name, "replace")
        except LookupError:
            pass
    return data.decode("cp1252", "replace")


def lines_of(el: Tag) -> list[str]:
    """The element's text split at ``<br>``, each line cleaned, empties dropped."""
    parts: list[str] = []
    current: list[str] = []
    for node in el.descendants:
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:
                current.append(str(node))
        elif node.name == "br":
            parts.append("".join(current))
            current = []
    parts.append("".join(current))
    return [c for c in (clean(p) for p in parts) if c]


def split_names(text: str) -> list[str]:
    return [n for n in (clean(x).strip(" .") for x in _NAME_SPLIT.split(text)) if n]


def _classes(el: Tag) -> set[str]:
    value = el.get("class")
    return set(value) if value else set()


class Landmarks:
    """The elements the extractor looks for, gathered in one walk over the tree.

    Each ``soup.find`` runs BeautifulSoup's generic matcher over the whole tree;
    one walk that files headings and classed elements is several times cheaper.
    """

    NAMES = frozenset(("h1", "h2", "h3", "h4"))
    CLASSES = frozenset(
        ("toplink", "linkback", "footer", "infotop", "infobot", "information", "info", "updat")
    )

    def __init__(self, soup: BeautifulSoup) -> None:
        self.by_name: dict[str, list[Tag]] = {name: [] for name in self.NAMES}
        self.by_class: dict[tuple[str, str], list[Tag]] = {}
        self.bars: list[Tag] = []
        for el in soup.descendants:
            if type(el) is not Tag:
                continue
            name = el.name
            if name in self.NAMES:
                self.by_name[name].append(el)
            classes = el.attrs.get("class")
            if classes:
                for c in classes:
                    if c in self.CLASSES:
                        self.by_class.setdefault((name, c), []).append(el)
                        if name == "p" and c in ("toplink", "linkback", "footer"):
                            self.bars.append(el)

    def first(self, name: str, cls: str) -> Tag | None:
        found = self.by_class.get((name, cls))
        return found[0] if found else None


def navigation(marks: Landmarks) -> tuple[list[dict[str, str]], str | None]:
    """Links of the navigation bars, and the archive section they point back to."""
    links: list[dict[str, str]] = []
    collection = None
    for bar in marks.bars:
        bar_links = [(clean(a.get_text()), a.get("href") or "") for a in bar.find_all("a", href=True)]
        links.extend({"text": t, "href": h} for t, h in bar_links if t)
        if collection is None:
            named = [t for t, h in bar_links if t and not h.startswith("#") and not _MAIN_LINK.search(t)]
            if named:
                collection = named[-1] if "toplink" in _classes(bar) else named[0]
    return links, collection


def provenance_blocks(marks: Landmarks) -> tuple[list[Tag], Tag | None]:
    """The provenance paragraphs and the element the body starts after."""
    top = marks.first("hr", "infotop")
    if top is not None:
        blocks: list[Tag] = []
        for sib in top.find_next_siblings():
            if sib.name == "hr" and "infobot" in _classes(sib):
                return blocks, sib
            if sib.name == "p":
                blocks.append(sib)
        return blocks, blocks[-1] if blocks else top
    info = marks.first("p", "information")
    if info is not None:
        return [info], info
    info = marks.first("p", "info")
    return ([info], info) if info is not None else ([], None)


def parse_source(statement: str) -> dict[str, Any]:
    m = _FROM.match(statement)
    rest = m.group(1) if m else statement
    periodical = clean(re.split(r",|\s(?:No\.|Vol\.)", rest, maxsplit=1)[0]).strip(" .") or None
    issue = _ISSUE.search(rest)
    pages = _PAGES.search(rest)
    when = _ISSUE_DATE.search(rest[issue.end() :] if issue else rest)
    date = parse_date(when.group(0)) if when else None
    return {
        "periodical": periodical,
        "issue": clean(issue.group(0)).rstrip(",") if issue else None,
        "date": date.to_dict() if date else None,
        "pages": pages.group(0) if pages else None,
        "statement": statement,
    }


def parse_credits(line: str) -> list[dict[str, Any]]:
    """'Transcribed & marked up by X for the Y.' -> transcription X, markup X (note 'for the Y')."""
    label = _LABEL.match(line)
    head, names = (label.group(1), label.group(2)) if label else (line, "")
    if not label:
        by = _BY.search(line)
        if by is None:
            return []
        head, names = line[: by.start()], by.group(1)
    roles = [role for role, rx in _ROLE_WORDS if rx.search(head)]
    if not roles or not names:
        return []
    note = None
    m = _FOR_NOTE.search(names)
    if m:
        note, names = m.group(1), names[: m.start()]
    people = split_names(names.rstrip("."))
    return [{"role": r, "name": n, "note": note} for r in roles for n in people]


def provenance(blocks: list[Tag]) -> dict[str, Any]:
    out: dict[str, Any] = {"source": None, "rights": None, "copied_from": None, "credits": [], "labels": {}}
    statements: list[str] = []
    for block in blocks:
        for line in lines_of(block):
            label = _LABEL.match(line)
            if label:
                out["labels"][label.group(1).lower()] = label.group(2)
            if _FROM.match(line):
                # A labelled "Source:" names the text's origin better than "First Published:".
                statements.insert(0, line) if line.startswith("Source") else statements.append(line)
            elif _RIGHTS.search(line):
                out["rights"] = line if out["rights"] is None else f"{out['rights']} {line}"
            elif copied := _COPIED.search(line):
                out["copied_from"] = copied.group(1)
            else:
                out["credits"].extend(parse_credits(line))
    if statements:
        source = parse_source(statements[0])
        source["statement"] = " ".join(statements)
        out["source"] = source
    return out


def _is_book_heading(p: Tag) -> bool:
    """A review's book paragraph: short lines with a bold/italic title and publication details."""
    if p.name != "p" or p.find("br") is None or p.find(("strong", "b", "em", "i")) is None:
        return False
    text = p.get_text()
    if len(text) >= 400:
        return False
    if _PRICE.search(text) or _YEAR.search(text) or _EDITED.search(text):
        return True
    lines = lines_of(p)
    return len(lines) <= 5 and all(len(line) <= 120 for line in lines)


def _new_book() -> dict[str, Any]:
    return {
        "title": "",
        "authors": [],
        "editors": [],
        "translators": [],
        "publisher": None,
        "year": None,
        "price": None,
    }


def _book_details(book: dict[str, Any], line: str) -> None:
    price, year = _PRICE.search(line), _YEAR.search(line)
    book["price"] = price.group(0) if price else book["price"]
    book["year"] = year.group(0) if year else book["year"]
    publisher = clean(_PRICE.sub("", _YEAR.sub("", line))).strip(" ,.;:()")
    book["publisher"] = publisher.split(",")[0].strip() or book["publisher"]


def books_of(p: Tag) -> list[dict[str, Any]]:
    """One heading paragraph may list several books: author line, title in bold, details."""
    titles = [clean(b.get_text()) for b in p.find_all(("strong", "b"))] or [
        clean(i.get_text()) for i in p.find_all(("em", "i"))
    ]
    books: list[dict[str, Any]] = []
    book = _new_book()
    for line in lines_of(p):
        if any(t and t in line for t in titles) and len(line) < 2 * max(len(t) for t in titles) + 10:
            if book["title"]:
                books.append(book)
                book = _new_book()
            book["title"] = line
        elif ed := _EDITED.match(line):
            book["editors"] = split_names(ed.group(1))
        elif tr := _TRANSLATED.match(line):
            book["translators"] = split_names(tr.group(1))
        elif not book["title"]:
            book["authors"] = split_names(line)
        elif book["publisher"] or book["price"]:
            books.append(book)
            book = _new_book()
            book["authors"] = split_names(line)
        else:
            _book_details(book, line)
    if book["title"]:
        books.append(book)
    return books


def reviewed_books(first: list[Tag]) -> tuple[list[dict[str, Any]], int]:
    """The books reviewed, and how many leading paragraphs they took."""
    books: list[dict[str, Any]] = []
    used = 0
    for p in first:
        if not _is_book_heading(p):
            break
        books.extend(books_of(p))
        used += 1
    return books, used


def _heading_text(el: Tag | None) -> str | None:
    return clean(el.get_text(" ")) or None if el is not None else None


def header(soup: BeautifulSoup, marks: Landmarks) -> dict[str, Any]:
    """Title, subtitle, authors and date line from the headings above the provenance block."""
    h1s, h2s = marks.by_name["h1"], marks.by_name["h2"]
    h1 = h1s[0] if h1s else None
    date_el = None
    for h3 in marks.by_name["h3"][:4]:
        if _DATE_LINE.match(clean(h3.get_text())):
            date_el = h3
            break
    if h1 is None:
        h1 = next((h for h in [*marks.by_name["h3"][:4], *h2s[:2]] if h is not date_el), None)
    title = _heading_text(h1) or _heading_text(soup.title) or ""
    byline = h1.find_previous_sibling("h2") if h1 is not None else (h2s[0] if h2s else None)
    if byline is None and h1 is not None and h1.name != "h2" and h2s:
        byline = h2s[0]
    kicker = h1.find_previous_sibling("h4") if h1 is not None else None
    if kicker is None and h1 is not None:
        after = h1.find_next_sibling(("h2", "h3", "h4", "hr", "p"))
        if after is not None and after.name in ("h2", "h4") and after is not date_el:
            kicker = after
    date_text = _DATE_LINE.match(clean(date_el.get_text())).group(1) if date_el is not None else None
    return {
        "title": title,
        "subtitle": _heading_text(kicker),
        "authors": split_names(byline.get_text(" ")) if byline is not None else [],
        "date_text": date_text,
    }


def body_and_notes(start: Tag | None, body: Tag) -> tuple[list[str], list[dict[str, str]], list[Tag]]:
    """Body paragraphs after the provenance block, up to the notes and footer; then the notes."""
    paragraphs: list[str] = []
    notes: list[dict[str, str]] = []
    elements: list[Tag] = []
    # One walk over the elements after the start; plain loops instead of find_all filters keep it lean.
    walk = start.next_elements if start is not None else body.descendants
    in_notes = False
    for el in walk:
        if type(el) is not Tag or el.name not in _BODY_TAGS:
            continue
        classes = _classes(el)
        if classes & _NOTE_CLASSES:
            in_notes = True
            text = clean(el.get_text(" "))
            m = _NOTE_LABEL.match(text)
            notes.append(
                {"label": m.group(1).strip("[]. ") if m else "", "text": text[m.end() :] if m else text}
            )
            continue
        if "updat" in classes or "footer" in classes or "linkback" in classes:
            break
        if in_notes or classes & _HEADER_CLASSES:
            continue
        if any(parent.name in _BODY_TAGS for parent in el.parents):
            continue
        text = clean(el.get_text(" "))
        if text:
            paragraphs.append(text)
            elements.append(el)
    return paragraphs, notes, elements


def last_updated(soup: BeautifulSoup, marks: Landmarks) -> dict[str, Any] | None:
    el = marks.first("p", "updat")
    text = clean(el.get_text(" ")) if el is not None else None
    if text is None:
        node = next((t for t in soup.strings if "updated" in t.lower() and _UPDATED.search(t)), None)
        text = clean(str(node)) if node is not None else None
    if not text:
        return None
    m = _UPDATED.search(text)
    shown = m.group(1).strip(" .") if m else text
    return {"text": shown, "iso": parse_updated(shown)}


def extract(data: bytes, path: str | None = None, parser: str = "lxml") -> dict[str, Any]:
    """Decode ``data`` and extract the record's fields with BeautifulSoup and ``parser``."""
    soup = BeautifulSoup(decode(data), parser)
    body = soup.body or soup
    marks = Landmarks(soup)
    links, collection = navigation(marks)
    head = header(soup, marks)
    blocks, start = provenance_blocks(marks)
    prov = provenance(blocks)
    date_text = (
        head.pop("date_text") or prov["labels"].get("written") or prov["labels"].get("first published")
    )
    date = parse_date(_LEADING_WORD.sub("", date_text)) if date_text else None
    paragraphs, notes, elements = body_and_notes(start, body)
    reviewed, used = reviewed_books(elements[:3])
    paragraphs = paragraphs[used:]
    return {
        "path": path,
        **head,
        "date": date.to_dict() if date else None,
        "source": prov["source"],
        "rights": prov["rights"],
        "copied_from": prov["copied_from"],
        "credits": prov["credits"],
        "reviewed": reviewed,
        "collection": collection,
        "navigation": links,
        "last_updated": last_updated(soup, marks),
        "text": "\n\n".join(paragraphs),
        "notes": notes,
    }


def main(argv: list[str]) -> int:
    """Print what the peer extracts from the files named on the command line (for checking it)."""
    import json

    parser = "lxml"
    if argv and argv[0].startswith("--parser="):
        parser = argv.pop(0).split("=", 1)[1]
    for name in argv:
        with open(name, "rb") as fh:
            record = extract(fh.read(), name, parser)
        record["text"] = record["text"][:300] + ("…" if len(record["text"]) > 300 else "")
        print(json.dumps(record, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
