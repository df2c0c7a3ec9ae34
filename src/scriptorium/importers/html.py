"""The legacy HTML importer: one archive page (ETOL or classic MIA markup) to a ``Record``.

One lexbor parse per page. The page's body is flattened once into a list of
blocks (paragraphs, headings, rules, lists, tables; layout tables and wrapper
divs are looked through). Every field is then placed by an explicit cascade:

1. ``selector:*``  the archive's own markup (``h1``, ``p.info``, ``p.updat``, ``span.info``);
2. ``heuristic:*`` reading the text of the blocks (a heading that looks like a
   date, a byline in a breadcrumb paragraph, a "Notes" heading);
3. ``fallback:*``  the ``<title>``, the path, plain text.

``Record.placed_by`` says which stage placed each field, and ``warnings``
says, in words a volunteer understands, what could not be placed.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

import nh3
from selectolax.lexbor import LexborHTMLParser, LexborNode

from scriptorium.importers import ids
from scriptorium.importers.dates import BARE_DATE, FOOT_DATE, MONTH_NAME, parse_date, parse_updated
from scriptorium.importers.encoding import decode_html_utf8
from scriptorium.importers.provenance import (
    BARE_CHAPTER,
    ET_AL,
    RUN_ON_LABEL,
    classify_provenance_line,
    guess_kind,
    norm,
    parse_book_line,
    parse_copied_from,
    parse_credit_line,
    parse_last_updated,
    parse_reviewed_book,
    parse_rights,
    parse_source_statement,
    split_label,
)
from scriptorium.model import (
    Credit,
    LastUpdated,
    Link,
    Note,
    PartialDate,
    PartOf,
    Record,
    ReviewedBook,
    Source,
)

# --------------------------------------------------------------------------- vocabulary
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_HEADING_LEVEL = {t: int(t[1]) for t in _HEADINGS}
_BLOCK_TAGS = frozenset(
    (
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "ul",
        "ol",
        "dl",
        "pre",
        "blockquote",
        "table",
        "address",
        "div",
        "center",
        "form",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "figure",
        "img",
    )
)
_CONTAINERS = frozenset(
    (
        "div",
        "center",
        "form",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "font",
        "span",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
        "blockquote",
        "table",
        "body",
    )
)
# Known inline elements. Anything else that is not a block either (a misspelt tag such as ``<hr="end">``,
# which the HTML parser reads as an unknown element holding the rest of the page) is looked through when
# it wraps paragraphs or headings, so that what it swallowed is read as blocks.
_INLINE_TAGS = frozenset(
    (
        "-text",
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "br",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "map",
        "area",
        "mark",
        "nobr",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "input",
        "select",
        "option",
        "button",
        "textarea",
        "object",
        "embed",
        "applet",
        "param",
        "basefont",
        "blink",
        "marquee",
        "o:p",
    )
)
_SKIP_TAGS = frozenset(("script", "style", "noscript", "head", "title", "meta", "link", "-comment", "iframe"))
_INFO_CLASSES = frozenset(("info", "information", "transcriber", "from"))
_NAV_CLASSES = frozenset(("toplink", "linkback", "footer", "foot", "link", "skip", "next", "navbar", "updat"))
_NOTE_CLASSES = frozenset(
    ("note", "endnote", "endnotes", "pagenote", "pagenoteb", "fn", "footnote", "msofootnotetext")
)
_NOTES_HEADING = re.compile(
    r"^\s*(?:notes?|foot-?notes?|end-?notes?|notes? by (?:the )?\w+|notes? of (?:the )?\w+|"
    r"notes? on (?:the )?text|"
    r"editor[’']?s notes?|translator[’']?s notes?|remarks|references|anmerkungen|notas|note|noten|"
    r"notes? and references)\s*[:.]?\s*$",
    re.I,
)
_NOTE_LABEL = re.compile(
    r"^\s*(?:\[\s*([0-9]{1,3}[A-Za-z]?\*?|[A-Z*†‡]{1,2}|\*+)\s*\]|\(\*?([0-9]{1,3})\)|([0-9]{1,3}[A-Za-z]?\*?)[.)]?(?=\s|$)|(\*+))\s*"
)
_NAV_WORDS = re.compile(
    r"\b(top of (?:the )?page|main page|index|contents|next|previous|prev|back|archive|home|return|"
    r"chapter|last chapter|up|mia|etol|library|subject)\b",
    re.I,
)
_TRANSCRIBER_NOTE = re.compile(
    r"^\s*\(?\s*(?:transcriber[’'s]*|transcribers’?|mia|editor[’'s]*)\s+note", re.I
)
_DATE_PAREN = re.compile(r"^\s*[(\[]\s*(.+?)\s*[)\]]\s*\.?\s*$")
_CHAPTER_WORD = re.compile(
    r"^\s*(?:chapter|chap\.|part|book|section|lecture|letter|essay|appendix|article|preface|introduction|foreword|"
    r"afterword|epilogue|prologue|conclusion)\b|^\s*(?:[IVXLC]{1,7}|\d{1,3})(?:[.:)–—-]|\s+[A-Z–—-])",
    re.I,
)
_PART_OF_BOOK = re.compile(r"part\s+(?:[IVXLC]+|\d+|one|two|three|four|five|six|seven|eight|nine)\b", re.I)
_CHAPTER_FILE = re.compile(
    r"^(?:ch|chap|chapter|part|pt|lect|lecture|sec|section|app|appendix|book|essay)?[-_]?\d{1,3}[a-z]?$|"
    r"^(?:intro|introduction|preface|foreword|afterword|epilogue|prologue|conclusion|appendix\w*|pref\w*|"
    r"ch\d+\w*|chap\d+\w*|app\w*|postscript|index\d+)$",
    re.I,
)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞŁŚŻ][\w’'.\-]*|[A-Z]\.|de|da|van|von|der|den|la|le|y|del|di|du|al|el|‘[A-Z][\w’]*’)$"
)
_WS = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
_ALNUM = re.compile(r"[^\W_]")
_NOTE_NUMBER = re.compile(r"^\s*(?:\d{1,3}[.)]|\[\d{1,3}\]|\(\d{1,3}\))\s")
_PATH_YEAR = re.compile(r"(?:^|/)(1[5-9]\d\d|20\d\d)/")
"""The year folder a mirror files a page under (``archive/cannon/works/1923/…``)."""


# --------------------------------------------------------------------------- blocks
class Block:
    """One block of the page's body in reading order."""

    __slots__ = ("_lines", "_links", "cls", "heading", "htext", "inline", "nav", "node", "tag", "text")

    def __init__(
        self,
        tag: str,
        cls: str,
        node: LexborNode | None,
        text: str = "",
        inline: list[LexborNode] | tuple[()] = (),
    ) -> None:
        self.tag = tag
        self.cls = cls
        self.node = node
        self.text = text
        self.inline = inline
        """The inline nodes of a paragraph the page left unmarked (``node`` is None)."""
        self.nav: bool | None = None
        self._lines: list[str] | None = None
        self.heading = _HEADING_LEVEL.get(tag, 0)
        """The heading level (1-6), 0 for anything else."""
        self.htext: str | None = None
        """The heading's text, once read (see ``_heading_text``)."""
        self._links: list[LexborNode] | None = None

    def __repr__(self) -> str:
        return f"Block({self.tag!r}, {self.cls!r}, {self.text[:40]!r})"

    @property
    def links(self) -> list[LexborNode]:
        """The block's links (``a[href]``, in document order), found once; none for an unmarked paragraph."""
        if self._links is None:
            self._links = _anchors(self.node) if self.node is not None else []
        return self._links

    @property
    def lines(self) -> list[str]:
        """The block's lines as broken by ``<br>`` (computed when first needed)."""
        if self._lines is None:
            raw = _inline_text(self.inline) if self.node is None else _lines_text(self.node)
            self._lines = [x for x in (norm(line) for line in raw.split("\n")) if x]
        return self._lines


def _cls(node: LexborNode) -> str:
    value = node.attributes.get("class")
    return value.strip().lower() if value else ""


_WALK_LIMIT = 48
"""Elements walked in Python before a test falls back to a CSS query (which costs as much as such a walk)."""


def _holds(node: LexborNode, tags: frozenset[str], selector: str) -> bool:
    """``node.css_first(selector) is not None`` for a selector of bare tag names (``tags``).

    Like the query, it looks at the node itself and everything under it.
    """
    for k, n in enumerate(node.traverse()):
        if n.tag in tags:
            return True
        if k >= _WALK_LIMIT:
            return node.css_first(selector) is not None
    return False


def _anchors(node: LexborNode) -> list[LexborNode]:
    """``node.css("a[href]")``, in document order."""
    found: list[LexborNode] = []
    for k, n in enumerate(node.traverse()):
        if n.tag == "a" and "href" in n.attributes:
            found.append(n)
        if k >= _WALK_LIMIT:
            return node.css("a[href]")
    return found


def _has_structure(node: LexborNode) -> bool:
    """A wrapper (layout table, div) that holds the page's own headings or provenance."""
    return node.css_first("h1, h2, h3, hr, p.information, p.info, p.fst, p.title") is not None


_LOOK_THROUGH = frozenset(
    (
        "div",
        "center",
        "form",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
    )
)
_ROW_TAGS = frozenset(("tbody", "thead", "tr", "td", "th", "li"))
_BOXED = frozenset(("table", "blockquote", "div", "center"))
_HOLDS_BLOCKS = "p, h1, h2, h3, h4, table, hr"
_HOLDS_BLOCK_TAGS = frozenset(("p", "h1", "h2", "h3", "h4", "table", "hr"))


# What the walk does with each kind of child (one dictionary lookup instead of a chain of set tests).
_K_TEXT, _K_SKIP, _K_INLINE, _K_WRAPPER, _K_BLOCK, _K_LOOK, _K_BOXED_LOOK, _K_CONTAINER = range(8)


def _child_kind(tag: str) -> int:
    if tag == "-text":
        return _K_TEXT
    if tag in _SKIP_TAGS:
        return _K_SKIP
    if tag not in _BLOCK_TAGS and tag not in _ROW_TAGS:
        # Inline: a ``font``, a ``span`` or an unknown element may wrap paragraphs (tested per node).
        return _K_WRAPPER if tag == "font" or tag == "span" or tag not in _INLINE_TAGS else _K_INLINE
    if tag in _CONTAINERS:
        if tag in _LOOK_THROUGH:
            return _K_BOXED_LOOK if tag in _BOXED else _K_LOOK
        return _K_CONTAINER
    return _K_BLOCK


_CHILD_KIND = {
    tag: _child_kind(tag)
    for tag in ("-text", *_SKIP_TAGS, *_BLOCK_TAGS, *_ROW_TAGS, *_INLINE_TAGS, *_CONTAINERS, *_LOOK_THROUGH)
}
"""Every tag the walk knows; any other tag is an unknown element (``_K_WRAPPER``)."""


def _flatten(root: LexborNode) -> list[Block]:
    """The body's blocks in reading order (one pass; a container's structure is tested once)."""
    blocks: list[Block] = []
    run: list[LexborNode] = []
    filled = False  # the current run holds more than white space and line breaks
    kinds = _CHILD_KIND

    def flush() -> None:
        nonlocal filled
        if filled:
            blocks.append(Block("p", "", None, inline=run.copy()))
            filled = False
        run.clear()

    def walk(node: LexborNode, depth: int) -> None:
        nonlocal filled
        deep = depth < 12
        for child in node.iter(include_text=True):
            tag = child.tag or ""
            kind = kinds.get(tag, _K_WRAPPER)
            if kind == _K_TEXT:
                run.append(child)
                if not filled and (child.text_content or "").strip():
                    filled = True
                continue
            if kind == _K_SKIP:
                continue
            if kind <= _K_WRAPPER:  # _K_INLINE or _K_WRAPPER (text and skipped nodes are handled above)
                # A wrapper, or an inline element left open round what follows (``<strong>…</B>``),
                # may hold paragraphs: walked into, they stay paragraphs of their own.
                if tag != "br" and _holds(child, _HOLDS_BLOCK_TAGS, _HOLDS_BLOCKS):
                    if run:
                        flush()
                    walk(child, depth + 1)
                    continue
                run.append(child)
                if tag != "br":
                    filled = True
                continue
            if run:
                flush()
            if deep and kind != _K_BLOCK:
                if kind == _K_LOOK:
                    walk(child, depth + 1)
                    if run:
                        flush()
                    continue
                if kind == _K_BOXED_LOOK:
                    if not _has_structure(child):
                        blocks.append(Block(tag, _cls(child), child))
                        continue
                    walk(child, depth + 1)
                    if run:
                        flush()
                    continue
                if _has_structure(child):
                    walk(child, depth + 1)
                    if run:
                        flush()
                    continue
            blocks.append(Block(tag, _cls(child), child))
        if run:
            flush()

    walk(root, 0)
    _assign_links(root, blocks)
    for b in blocks:
        node = b.node
        b.text = _collapse(node.text()) if node is not None else norm(_inline_text(b.inline))
        if (
            b.tag == "p"
            and ":" in b.text[:48]
            and b.cls not in _INFO_CLASSES
            and _LABEL_START.match(b.text)
            and node is not None
            and node.css_first("span.info") is not None
        ):
            # "<p class="fst"><span class="info">Source</span>: …": the information block, mis-classed.
            b.cls = "information"
        if b.cls == "from" and b.text.startswith("[") and b.text.endswith("]"):
            # A bracketed ``p.from`` is the source collection's editorial headnote, printed with the
            # work: it belongs to the text, not to the provenance block.
            b.cls = "headnote"
    return blocks


def _assign_links(root: LexborNode, blocks: list[Block]) -> None:
    """Each block's links (``Block.links``), from one query over the body instead of one per block."""
    owner: dict[int, Block] = {}
    for b in blocks:
        if b.node is not None:
            b._links = []
            owner[b.node.mem_id] = b
    stop = root.mem_id
    for a in root.css("a[href]"):
        node: LexborNode | None = a
        while node is not None:
            key = node.mem_id
            holder = owner.get(key)
            if holder is not None:
                holder._links.append(a)  # type: ignore[union-attr]
                break
            if key == stop:
                break
            node = node.parent


def _inline_text(nodes: list[LexborNode] | tuple[()]) -> str:
    parts: list[str] = []
    for n in nodes:
        if n.tag == "br":
            parts.append("\n")
        elif n.tag == "-text":
            parts.append((n.text_content or "").replace("\n", " "))
        else:
            parts.append(_lines_text(n))
    return "".join(parts)


_ODD_SPACE = tuple(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n\r\t\xa0")
_ODD_ASCII_SPACE = tuple(c for c in _ODD_SPACE if c.isascii())


def _collapse(text: str) -> str:
    """``" ".join(text.split())``, cheaper on long text: a paragraph's only white space is nearly always
    spaces, line breaks, tabs and no-break spaces, which ``str.replace`` removes without making a string
    per word. Any other white space takes the general path."""
    if len(text) < 200:
        return " ".join(text.split())
    for c in _ODD_ASCII_SPACE if text.isascii() else _ODD_SPACE:
        if c in text:
            return " ".join(text.split())
    text = text.replace("\n", " ").replace("\r", " ").replace("\t", " ").replace("\xa0", " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(" ")


_LINE_BREAKING = "br, p, li, tr, div, h1, h2, h3, h4, h5, h6, dd, dt"
_LINE_BREAKING_TAGS = frozenset(_LINE_BREAKING.split(", "))


def _lines_text(node: LexborNode, *, skip_sup: bool = False) -> str:
    """Text of a node with line breaks at ``<br>`` and between block children."""
    first = node.first_child
    if first is None:
        return ""
    if first.next is None and first.tag == "-text":
        # The common inline element (``<em>word</em>``) or plain heading: one text node, nothing to walk.
        return (first.text_content or "").replace("\n", " ")
    if not skip_sup and not _holds(node, _LINE_BREAKING_TAGS, _LINE_BREAKING):
        return node.text(deep=True, separator="").replace("\n", " ")
    parts: list[str] = []

    def walk(n: LexborNode) -> None:
        for c in n.iter(include_text=True):
            tag = c.tag
            if tag == "-text":
                parts.append((c.text_content or "").replace("\n", " "))
            elif tag == "br":
                parts.append("\n")
            elif tag in _SKIP_TAGS or (skip_sup and (tag == "sup" or (tag == "a" and _is_note_ref(c)))):
                continue
            elif tag in (
                "p",
                "li",
                "tr",
                "div",
                "dd",
                "dt",
                "h1",
                "h2",
                "h3",
                "h4",
                "h5",
                "h6",
                "table",
                "ul",
                "ol",
                "blockquote",
            ):
                parts.append("\n")
                walk(c)
                parts.append("\n")
            elif tag in ("td", "th"):
                walk(c)
                parts.append(" ")
            else:
                walk(c)

    walk(node)
    return "".join(parts)


def _node_text(node: LexborNode) -> str:
    """A list item's or table cell's text on one line: inline elements join as written, without spaces
    of their own (``<em>X</em>, Y`` stays ``X, Y``); line breaks and nested blocks become spaces."""
    return norm(_lines_text(node))


def _is_note_ref(a: LexborNode) -> bool:
    href = a.attributes.get("href") or ""
    txt = (a.text() or "").strip()
    return href.startswith("#") and _NOTE_REF.fullmatch(txt) is not None


_NOTE_REF = re.compile(r"\[?\(?\*?[0-9A-Za-z]{1,3}\*?\)?\]?")


def _heading_text(b: Block) -> str:
    """A heading's text on one line, without note markers (read once per block)."""
    if b.htext is None:
        b.htext = _read_heading_text(b)
    return b.htext


def _read_heading_text(b: Block) -> str:
    if b.node is None:
        return b.text.replace("\n", " ")
    t = norm(_lines_text(b.node, skip_sup=True).replace("\n", " "))
    if not t:
        # Chapter titles set as GIF images carry their words in ``alt``.
        t = norm(" ".join(img.attributes.get("alt") or "" for img in b.node.css("img")))
    if "[" in t:
        t = _HEADING_MARKER.sub("", t)
    return norm(t)


_HEADING_MARKER = re.compile(r"\s*\[\s*\d{1,3}\*?\s*\]\s*$|\s*\[\s*\d{1,3}\*?\s*\](?=\s)")


# --------------------------------------------------------------------------- page model
@dataclass
class Page:
    path: str | None
    tree: LexborHTMLParser
    blocks: list[Block]
    warnings: list[str]
    placed: dict[str, str] = field(default_factory=dict)
    contents_href: tuple[str | None] | None = None
    """``_part_of_href`` once found (several stages ask)."""
    window_title: str | None = None
    """``_title_tag`` once read."""

    def place(self, name: str, stage: str) -> None:
        self.placed[name] = stage


def parse_html(data: bytes, path: str | None) -> Record:
    """Parse one legacy archive page into a ``Record`` (see the module docstring for the cascade)."""
    text, _encoding, warnings = decode_html_utf8(data)
    tree = LexborHTMLParser(text)
    body = tree.body
    blocks = _flatten(body) if body is not None else []
    page = Page(path=path, tree=tree, blocks=blocks, warnings=list(warnings))
    return _build(page)


# --------------------------------------------------------------------------- header
@dataclass
class Header:
    title: str = ""
    title_idx: int | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    part_of_title: str | None = None
    part_of_href: str | None = None
    end: int = -1
    used: set[int] = field(default_factory=set)
    chapter: bool = False


def _is_nav(b: Block) -> bool:
    if b.nav is None:
        b.nav = _nav_check(b)
    return b.nav


def _nav_check(b: Block) -> bool:
    cls = b.cls
    if cls and (cls in _NAV_CLASSES or cls.split(" ", 1)[0] in _NAV_CLASSES):
        return not _is_closing_dateline(b)
    if b.tag in ("hr", "img"):
        return False
    text = b.text
    if not text or len(text) > 300 or b.node is None or (b.tag in _HEADINGS and len(text) > 60):
        return False
    links = b.links
    if not links:
        return _TOP_ONLY.fullmatch(text) is not None
    link_text = sum(len(norm(a.text())) for a in links)
    rest = norm(_NAV_PUNCT.sub(" ", text))
    if link_text >= 0.7 * max(1, len(rest)):
        if len(links) == 1 and (links[0].attributes.get("href") or "").startswith("#"):
            return _NAV_WORDS.search(text) is not None
        return True
    return False


def _is_closing_dateline(b: Block) -> bool:
    """A ``p.updat`` that is not a "Last updated" line: the work's own closing dateline
    ("Minneapolis, May 5, 1938"), set in the footer's style, which belongs to the text.

    A bare numeric date ("1.3.2005") is the footer's date without its words, and stays out.
    """
    return (
        b.cls == "updat"
        and b.node is not None
        and _UPDATED_WORD.search(b.text) is None
        and _LETTER.search(b.text) is not None
        and not b.links
    )


_TOP_ONLY = re.compile(r"(?:top of (?:the )?page|back to top|top)\.?", re.I)
_NAV_PUNCT = re.compile(r"[|>»<«\-–—:•·\[\]()]+")


def _breadcrumb(page: Page) -> Block | None:
    for b in page.blocks[:8]:
        if b.cls in ("toplink", "linkback", "title") and b.links:
            return b
    return None


_TRAILING_YEAR = re.compile(r",?\s+(?:1[5-9]\d\d|20\d\d)$")
_BRACKET_MARKER = re.compile(r"\s*\[\s*\d{1,3}\*?\s*\]")
_BY = re.compile(r"^by\s+", re.I)
_INITIAL_END = re.compile(r"\b[A-Z]\.$")
_AUTHOR_JOIN = re.compile(r"\s+&\s+|\s+and\s+")


_NOT_IN_NAMES = frozenset(
    (
        *("the", "of", "in", "on", "a", "an", "as", "at", "or", "for", "to", "from", "and", "with", "is"),
        *("its", "his", "her", "our", "their"),
    )
)
"""Words of a heading, never of a name (``and`` only in capitals: "VALUE AND PRICE")."""
_HEADING_WORDS = frozenset(
    (
        *("Archive", "ARCHIVE", "Internet", "Section", "Library", "Index", "Contents", "Correspondence"),
        *("Notes", "Editorial", "Letters", "Writings", "Works", "Speeches", "Articles", "History"),
        *("Development", "Biography", "Biografia", "Bigrafia", "Introduction", "Preface", "Foreword"),
        *("Postscript", "Review", "Reviews", "Documents", "Resolution", "Resolutions", "Theses"),
        *("Programme", "Manifesto", "Strikes"),
    )
)
"""Words of a heading that are never a word of a writer's name."""
_LABEL_START = re.compile(
    r"(?:source|written|first published|published|translated|transcri\w*|delivered)\b[^:]{0,30}:", re.I
)
_NUMBERED_PART = re.compile(
    r"^(?P<work>.{3,}?)(?:\s*[–—]\s*|\s+-\s+|[,:]?\s+part\s+)(?:\d{1,2}|[IVX]{1,5})$"
    r"|^(?P<work2>.{3,}?)\s*\((?:part\s+)?(?:\d{1,2}|[IVX]{1,5})\)$",
    re.I,
)
"""A title numbering one part of a series: "X – 4", "X – II", "X, Part 2", "X (3)"."""
_SECTION_LABELS = frozenset(
    ("Biography", "Documents", "Works", "Writings", "Images", "Photos", "Contents", "Index", "Notes", "Links")
)
"""A writer's archive page's section headings, never its title."""
_PART_WORDS = frozenset(
    ("part", "chapter", "section", "book", "volume", "vol.", "appendix", "article", "letter", "lecture")
)
"""A heading's first word naming a division of the work or a kind of text ("Part I", "Book Review")."""
_ALIAS = re.compile(r"\s*\(([^()]{2,40})\)$")
"""A name the writer is also known by, after the name: ``Max Hempel (Jan Appel)``."""


def _looks_like_name(text: str) -> bool:
    if _SHORTENED_NAME.fullmatch(text.strip()):
        return True  # "S—n": a writer signing with the first and last letters of a name
    t = ET_AL.sub("", text.strip().rstrip(","))
    t = _TRAILING_YEAR.sub("", t)
    alias = _ALIAS.search(t)
    if alias:
        inner = alias.group(1).split()
        if not (inner and all(_NAME_WORD.match(w) for w in inner)):
            return False
        t = t[: alias.start()]
    words = t.replace("&", " & ").split()
    if not 1 < len(words) <= 9 or len(t) > 70:
        return False
    if any(w.lower() in _NOT_IN_NAMES and w != "and" for w in words):
        return False
    if any(w in _HEADING_WORDS or w.endswith(("'", "’s", "'s")) for w in words):
        return False
    if words[0].lower() in _PART_WORDS:
        return False  # "Part I", "Chapter IV": a division of the work
    return all(_NAME_WORD.match(w) or w in ("&", "and") for w in words)


_SECTION_NUMBER = re.compile(r"[IVXLC]{1,6}\.?|\d{1,3}\.?")
_IMPRINT_HEADING = re.compile(r"(?:published|printed|issued)\s+by\b", re.I)
"""A heading over the title naming the publisher ("Published by the Trade Union Educational League")."""
_SHORTENED_NAME = re.compile(r"[A-Z][—–][a-z]{1,3}")


def _clean_author(text: str) -> str:
    t = _BRACKET_MARKER.sub("", text)
    t = ET_AL.sub("", t.strip())
    t = _TRAILING_YEAR.sub("", t)
    t = _BY.sub("", t)
    return t.strip(" ,.;") if not t.endswith(".") or _INITIAL_END.search(t) is None else t.strip(" ,;")


def _split_authors(text: str) -> list[str]:
    parts = _AUTHOR_JOIN.split(text)
    return [p for p in (_clean_author(x) for x in parts) if p]


def _date_line(text: str) -> PartialDate | None:
    t = text.strip()
    m = _DATE_PAREN.match(t)
    inner = m.group(1) if m else t
    if len(inner) > 60:
        return None
    return parse_date(inner)


def _header(page: Page) -> Header:
    h = Header()
    blocks = page.blocks
    n = len(blocks)
    # The end of the provenance block bounds where the header can be. Information blocks after the first
    # paragraph of running text (a source note at the foot of the page) do not extend the header.
    first_text = next((i for i, b in enumerate(blocks) if _is_running_text(b)), n)
    info_idx = [
        i
        for i, b in enumerate(blocks[:first_text])
        if b.cls in _INFO_CLASSES or b.cls == "infobot" or (b.tag == "hr" and b.cls in ("infotop", "infobot"))
    ]
    limit = min(n, (info_idx[-1] + 1) if info_idx else n)
    first_h1 = next(
        (i for i, b in enumerate(blocks[: limit + 40]) if b.tag == "h1" and _heading_text(b)), None
    )
    title_idx = first_h1
    if title_idx is None:
        title_idx = _fallback_title_block(page, limit)
        if title_idx is not None:
            page.place("title", f"heuristic:{blocks[title_idx].tag}-as-title")
    else:
        page.place("title", "selector:h1")
    if title_idx is None:
        return h
    h.title_idx = title_idx
    h.title = _heading_text(blocks[title_idx])
    h.used.add(title_idx)
    following = blocks[title_idx + 1] if title_idx + 1 < n else None
    if (
        BARE_CHAPTER.fullmatch(h.title)
        and following is not None
        and following.tag in ("h1", "h2")
        and _LETTER.search(name := _heading_text(following))
        and not _date_line(name)
    ):
        # "Chapter II." over "PROBLEMS OF SOLIDARITY.", both set as the title: one heading.
        h.title = f"{h.title} {name}"
        h.used.add(title_idx + 1)
    # Headings and short lines above the title: byline, kicker, book title.
    above = [
        i for i in range(max(0, title_idx - 6), title_idx) if blocks[i].heading or blocks[i].cls == "title"
    ]
    for i in above:
        b = blocks[i]
        text = _heading_text(b)
        if not _ALNUM.search(text):
            continue  # empty, or a row of stars between the work's title and the extract's
        if b.cls == "title" and not b.heading:
            continue
        if not h.authors and _looks_like_name(text) and b.tag in ("h2", "h3", "h4", "h5"):
            h.authors = _split_authors(text)
            page.place("authors", f"selector:{b.tag}-byline")
            h.used.add(i)
        elif b.tag == "h4" or b.tag == "h5" or b.tag == "h6":
            if h.subtitle is None:
                h.subtitle = text
                page.place("subtitle", f"selector:{b.tag}-kicker")
            h.used.add(i)
        elif b.tag in ("h2", "h3") and text.endswith(":") and h.subtitle is None:
            # "Constant Reader:" over the title: the column the piece ran in, not a work it is part of.
            h.subtitle = text
            page.place("subtitle", f"selector:{b.tag}-column")
            h.used.add(i)
        elif (
            b.tag in ("h2", "h3")
            and h.part_of_title is None
            and not _IMPRINT_HEADING.match(text)
            and _LETTER.search(text)
        ):
            h.part_of_title = text
            h.used.add(i)
            page.place("part_of", f"selector:{b.tag}-above-title")
        elif b.tag in ("h2", "h3") and not h.authors:
            h.authors = _split_authors(text)
            page.place("authors", f"heuristic:{b.tag}-byline")
            h.used.add(i)
    # Lines under the title, up to the provenance block or the first paragraph.
    i = title_idx + 1
    if i in h.used:
        i += 1  # the chapter's name, joined to its number in the title
    while i < n and i < title_idx + 6:
        b = blocks[i]
        if b.tag == "hr" or b.cls in _INFO_CLASSES:
            break
        if not b.heading and b.cls not in ("title", "date"):
            if not b.text:
                i += 1
                continue
            break
        text = _heading_text(b)
        d = _date_line(text)
        if d is not None and h.date is None:
            h.date = d
            page.place("date", f"selector:{b.tag}-date-line")
            h.used.add(i)
        elif (
            b.heading
            and b.tag in ("h3", "h4", "h5", "h6", "h2")
            and not h.authors
            and _looks_like_name(text)
            and b.tag != "h3"
        ):
            h.authors = _split_authors(text)
            page.place("authors", f"selector:{b.tag}-byline-under-title")
            h.used.add(i)
        elif b.heading and _SECTION_NUMBER.fullmatch(text):
            break  # "I": the first section's number, not a subtitle
        elif b.heading and h.date is None and len(text) < 250:
            inner = _DATE_PAREN.match(text)
            shown = inner.group(1) if inner else text
            if h.subtitle is None:
                h.subtitle = shown
                page.place("subtitle", f"selector:{b.tag}-under-title")
            else:
                h.subtitle = f"{h.subtitle} {shown}"
            h.used.add(i)
        else:
            break
        i += 1
    h.end = max([i - 1, *info_idx]) if info_idx else i - 1
    return h


def _is_running_text(b: Block) -> bool:
    """A long paragraph that is neither provenance nor navigation: the body has begun."""
    return (
        b.tag == "p"
        and len(b.text) >= 300
        and b.cls not in _INFO_CLASSES
        and b.cls not in ("title", "toc", "index", "from")
        and not _is_nav(b)
    )


def _fallback_title_block(page: Page, limit: int) -> int | None:
    """No ``h1``: the highest heading that is neither navigation, a date, nor a section label ("Writings:").

    Headings above the first paragraph of running text come first; failing those, a ``p.title`` line
    that is not a breadcrumb names the page (letters and facsimile pages have nothing else).
    """
    best: tuple[int, int] | None = None
    lone_title: int | None = None
    first_text = len(page.blocks)
    for i, b in enumerate(page.blocks[: limit + 30]):
        if first_text == len(page.blocks) and _is_running_text(b):
            first_text = i
        if (
            b.cls == "title"
            and lone_title is None
            and b.text
            and _links(b) == 0
            and not _CRUMB_WORDS.search(b.text)
        ):
            lone_title = i
        if not b.heading and b.cls not in ("sub", "title"):
            continue
        text = _heading_text(b)
        if not _LETTER.search(text) or _date_line(text) or b.cls == "title" or text.endswith(":"):
            continue
        if all(w in _SECTION_LABELS for w in text.split()):
            continue  # a section label ("Biography", "Documents", "Works")
        rank = (b.heading or 7) + (10 if _is_nav(b) else 0)  # a heading that is a link is a last resort
        if b.heading and _looks_like_name(text) and rank >= 2 and rank != 3:
            continue
        if i > first_text:
            rank += 20
        if best is None or rank < best[0]:
            best = (rank, i)
    if lone_title is not None and (best is None or best[1] > first_text):
        return lone_title
    return best[1] if best else None


# A ``p.title`` that reads as a breadcrumb ("MIA: Writers: X", "X Archive - Y") is not a title.
_CRUMB_WORDS = re.compile(r":|\s[-–|>]\s|\b(?:MIA|archive|archivo|marxists)\b", re.I)


def _links(b: Block) -> int:
    return len(b.links)


# --------------------------------------------------------------------------- provenance
@dataclass
class Provenance:
    source: Source | None = None
    rights: str | None = None
    copied_from: str | None = None
    credits: list[Credit] = field(default_factory=list)
    written: PartialDate | None = None
    published: PartialDate | None = None
    publisher_year: str | None = None
    author: str | None = None  # an "Author:" line, for a page with no byline
    lines: list[str] = field(default_factory=list)


def _provenance(page: Page, h: Header) -> Provenance:
    prov = Provenance()
    statements: list[list[str]] = []
    citations: list[str] = []
    for i, b in enumerate(page.blocks):
        if b.cls not in _INFO_CLASSES:
            continue
        h.used.add(i)
        previous: str | None = None
        for line in b.lines:
            for part in RUN_ON_LABEL.split(line):
                previous = _read_line(prov, part, statements, citations, previous)
    chosen: Source | None = None
    for group in statements:
        src = parse_source_statement(" ".join(group))
        if src is None:
            continue
        if chosen is None or (
            chosen.periodical is None
            and chosen.date is None
            and re.search(r"https?://|:\s*original\b", chosen.statement, re.I)
        ):
            chosen = src
        elif (
            chosen.date is None
            and src.date is not None
            and chosen.periodical is None
            and re.match(r"published\s*:", src.statement, re.I)
        ):
            chosen = Source(
                statement=chosen.statement,
                periodical=None,
                issue=chosen.issue,
                date=src.date,
                pages=chosen.pages,
            )
    if chosen is None:
        for line in citations:
            src = parse_source_statement(line)
            if src is not None and src.date is not None:
                chosen = src
                page.place("source", "heuristic:citation-line")
                break
    if chosen is not None and chosen.date is None and prov.publisher_year:
        chosen = Source(
            statement=chosen.statement,
            periodical=chosen.periodical,
            issue=chosen.issue,
            date=PartialDate(prov.publisher_year, prov.publisher_year),
            pages=chosen.pages,
        )
    prov.source = chosen
    if chosen is not None and "source" not in page.placed:
        page.place("source", "selector:info-block")
    lines = (line for group in statements for line in group)
    embedded = next((m.group(0) for line in lines if (m := _COPYRIGHT_IN.search(line))), None)
    if embedded and (prov.rights is None or embedded not in prov.rights):
        # "First published … by The Harvester Press, © Joe McCarney, 1980;": the rights, in a source line.
        prov.rights = embedded + (f"; {prov.rights}" if prov.rights else "")
    if prov.rights:
        prov.rights = prov.rights.rstrip(" ;,")
    return prov


_YEAR_WORD = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_COPYRIGHT_IN = re.compile(r"(?<=[,;]\s)©\s*[^;,]+(?:,\s*(?:1[5-9]\d\d|20\d\d))?")
_SENTENCES = re.compile(r"(?<=\.)\s+(?=[A-Z])")
_CONTINUES = re.compile(r"^(?:reprinted|republished|from)\b", re.I)
_MARKER = re.compile(r"\s*\[[0-9A-Za-z]{1,3}\*?\]")
_CREDIT_SENTENCES = re.compile(r"(?<=[a-z0-9]{2}\.)\s+(?=[A-Z])")
_WRITTEN_PREFIX = re.compile(r"^(?:by\s+[^;,]+[;,]\s*)|^(?:on|in)\s+", re.I)
_OTHER_LABELS = re.compile(r"(online version|this version|original title|series|author|isbn|re-?published)$")


def _read_line(
    prov: Provenance, line: str, statements: list[list[str]], citations: list[str], previous: str | None
) -> str | None:
    """Read one line of the provenance block; returns what kind of line it was."""
    line = norm(_MARKER.sub("", line))
    if not line:
        return previous
    prov.lines.append(line)
    label, value = split_label(line)
    if label in ("written", "date", "delivered", "spoken", "escrito"):
        d = parse_date(_WRITTEN_PREFIX.sub("", value).rstrip(";"))
        if d is None:
            m = re.search(
                r"((?:\d{1,2}\s+)?[A-Z][a-z]+\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}|\b\d{4}\b)", value
            )
            d = parse_date(m.group(1)) if m else None
        if d and prov.written is None:
            prov.written = d
        return "written"
    if label in ("author", "authors"):
        if prov.author is None and value.strip(" ;.,"):
            prov.author = value
        return "other"
    if label in ("publisher", "printer"):
        m = _YEAR_WORD.search(value)
        if m and prov.publisher_year is None:
            prov.publisher_year = m.group(1)
        return "publisher"
    if label and _OTHER_LABELS.match(label):
        return "other"
    kind = classify_provenance_line(line)
    if kind == "source":
        if previous == "source" and _CONTINUES.match(line) and statements:
            statements[-1].append(line)
        else:
            statements.append([line])
        if label and label.startswith(("first published", "published", "originally published")):
            stated = parse_source_statement(line)
            if stated and stated.date and prov.published is None:
                prov.published = stated.date
        return "source"
    if kind == "rights":
        if prov.rights is None:
            prov.rights = parse_rights(line)
        return "rights"
    if kind == "copied_from":
        prov.copied_from = prov.copied_from or parse_copied_from(line)
        for sentence in _SENTENCES.split(line):
            if classify_provenance_line(sentence) == "credit":
                _add_credits(prov, parse_credit_line(sentence))
        return "copied_from"
    if kind == "credit":
        for sentence in _CREDIT_SENTENCES.split(line):
            _add_credits(prov, parse_credit_line(sentence))
        return "credit"
    if len(line) < 250 and line.count(",") >= 2 and _YEAR_WORD.search(line):
        if not _NOTE_NUMBER.match(line):  # "8. Eduard Bernstein, …": a note's reference, not the page's
            citations.append(line)
        return "citation"
    for sentence in _SENTENCES.split(line):
        k = classify_provenance_line(sentence)
        if k == "credit":
            _add_credits(prov, parse_credit_line(sentence))
        elif k == "source" and not statements:
            statements.append([sentence])
    return None


def _add_credits(prov: Provenance, credits: list[Credit]) -> None:
    for c in credits:
        if all((c.role, c.name) != (o.role, o.name) for o in prov.credits):
            prov.credits.append(c)


# --------------------------------------------------------------------------- reviewed books
_PRICE = re.compile(
    r"[£$€]\s?\d|\d+p\b|\bpp\.?\s?\d|\bEd(?:s|ited by)?[.:]|\bpaperback|\bhardback|\b(?:19|20)\d\d\b"
    r"|\b\d{1,2}s\.?\s?\d{1,2}d\b|\b\d{1,2}s\.(?!\w)|\b\d{1,2}/(?:\d{1,2}d|-)"  # 7s. 6d., 5s., 10/6d, 5/-
)


def _reviewed(page: Page, start: int) -> tuple[list[ReviewedBook], int | None]:
    """Reviewed-book block: the first paragraph after the header when it is a short list of book lines,
    or an italic standfirst that names the book with its publisher and price."""
    for i in range(start, min(start + 3, len(page.blocks))):
        b = page.blocks[i]
        if b.tag in ("hr",) or not b.text:
            continue
        books, at = _book_block(b, i)
        if at is None and (book := _standfirst_book(b)) is not None:
            return [book], i
        if at is None and (book := _book_line(b, page)) is not None:
            # The line may open the review's first paragraph: that paragraph stays in the body.
            return [book], (i if len(b.lines) == 1 else None)
        # A review of several books may give each its own book block, one after another.
        while at is not None and (following := _next_with_text(page.blocks, at + 1)) is not None:
            more, next_at = _book_block(page.blocks[following], following)
            if next_at is None:
                break
            books.extend(more)
            at = next_at
        return books, at
    return [], None


def _book_line(b: Block, page: Page) -> ReviewedBook | None:
    """ "<b>Title</b> by X. Publisher, 1955. 2s. 6d." or "<b>Title,</b> X, Publisher": the first line
    of the first paragraph names the book, bold title first, where the book gives the review its
    title or the line names a price."""
    if b.tag != "p" or b.node is None or not b.lines or len(b.lines[0]) > 200:
        return None
    bold = b.node.css_first("strong, b")
    if bold is None:
        return None
    line = b.lines[0]
    title = norm(bold.text()).rstrip(" ,.:;")
    if len(title) < 3 or not line.startswith(title):
        return None
    rest = line[len(title) :]
    h1 = page.tree.css_first("h1")
    page_title = norm(h1.text()) if h1 is not None else ""
    if not (_PRICE.search(rest) or title.casefold() == page_title.rstrip(" .").casefold()):
        return None
    return parse_book_line(title, rest)


# "<b>Title</b> (edited by X. Publisher £5.95)" or "<b>Title</b> by X (Publisher, £5.95)"
_CITED_BOOK = re.compile(r"(?:,?\s+by\s+([^()]{3,60}?))?\s*\(([^()]{3,160})\)")
_REAL_PRICE = re.compile(r"[£$€]\s?\d|\b\d+p\b")
_POSSESSIVE_BOOK = re.compile(r"\b([A-Z][\w-]+)[’']s\s+(?:[a-z]+\s+){0,2}(?:book|pamphlet|collection),?\s*$")


def _standfirst_book(b: Block) -> ReviewedBook | None:
    """The periodical's standfirst, set in italics above a review, names the book: "… looked at
    Benn’s latest book, <b>Title</b> (edited by X. Cape £5.95)". It is the review's book block."""
    if b.tag != "p" or b.node is None or len(b.text) > 1200:
        return None
    outer = (e for e in b.node.css("em, i") if e.parent is None or e.parent.tag not in ("em", "i"))
    italic = sum(len(norm(e.text())) for e in outer)
    if italic < 0.6 * len(b.text):
        return None
    text = b.text
    for el in b.node.css("strong, b"):
        title = norm(el.text())
        at = text.find(title) if len(title) > 3 else -1
        if at < 0:
            continue
        m = _CITED_BOOK.match(text, at + len(title))
        if m is None or not _REAL_PRICE.search(m.group(2)):
            continue
        lines = [title] + [x for x in re.split(r"(?<=[a-z]{2})\.\s+|;\s*", m.group(2)) if x.strip()]
        book = parse_reviewed_book(lines, title_index=0)
        if book is None:
            return None
        author = m.group(1) or _possessive_author(text, text[:at])
        if author and not book.authors:
            book = ReviewedBook(
                title=book.title,
                authors=tuple(_split_authors(author)),
                editors=book.editors,
                translators=book.translators,
                publisher=book.publisher,
                year=book.year,
                price=book.price,
            )
        return book
    return None


def _possessive_author(text: str, before: str) -> str | None:
    """ "Benn’s latest book": the surname, given its fuller form where the paragraph names him in full."""
    m = _POSSESSIVE_BOOK.search(before)
    if m is None:
        return None
    surname = m.group(1)
    full = re.search(r"((?:[A-Z][\w.’'-]*\s+){1,3})" + re.escape(surname) + r"\b", text)
    return norm(full.group(0)) if full and _looks_like_name(full.group(0)) else surname


def _book_block(b: Block, i: int) -> tuple[list[ReviewedBook], int | None]:
    """A short list of book lines: author, title in bold or italics, publisher and price."""
    if b.tag != "p" and b.tag not in ("blockquote", "div", "center"):
        return [], None
    lines = b.lines
    if not 2 <= len(lines) <= 16 or any(len(x) > 160 for x in lines) or b.node is None:
        return [], None
    # The title is the bold line; italics mark the title only where nothing is bold (the author
    # and publisher lines under a bold title are often italic too).
    bold = {norm(s.text()) for s in b.node.css("strong, b")}
    title_lines = [k for k, x in enumerate(lines) if x in bold]
    if not title_lines:
        italics = [norm(s.text()) for s in b.node.css("em, i")]
        title_lines = [k for k, x in enumerate(lines) if x in italics]
        if not title_lines and len(bold) == 1 and len(next(iter(bold))) >= 0.9 * len(b.text):
            # The whole block in bold, the title in italics opening its line ("<em>Title</em>, by X."):
            # the title is a line of its own.
            lines = _split_italic_titles(lines, italics)
            title_lines = [k for k, x in enumerate(lines) if x in italics]
    if not title_lines or (
        not any(_PRICE.search(x) for x in lines) and not _author_and_title(b.node, lines, title_lines)
    ):
        return [], None
    books: list[ReviewedBook] = []
    # Each book: its lines from just after the previous book's last line.
    groups: list[tuple[list[str], int]] = []
    prev = 0
    for n, k in enumerate(title_lines):
        end = title_lines[n + 1] if n + 1 < len(title_lines) else len(lines)
        nxt_start = end
        if n + 1 < len(title_lines):
            # lines before the next title that look like names belong to the next book
            j = end - 1
            while j > k and _looks_like_name(lines[j]) and not _PRICE.search(lines[j]):
                j -= 1
            nxt_start = j + 1
        groups.append((lines[prev:nxt_start], k - prev))
        prev = nxt_start
    for grp, tidx in groups:
        book = parse_reviewed_book(grp, title_index=tidx)
        if book:
            books.append(book)
    return books, (i if books else None)


def _split_italic_titles(lines: list[str], italics: list[str]) -> list[str]:
    """Lines opened by an italic title and going on with its author ("Title, by X.") cut in two."""
    out: list[str] = []
    for line in lines:
        title = next((t for t in italics if len(t) >= 3 and line.startswith(t) and len(line) > len(t)), None)
        rest = line[len(title) :].lstrip(" ,.") if title else ""
        if title and _BY_AFTER_TITLE.match(rest):
            out.extend((title, rest))
        elif title and not rest:
            out.append(title)  # "<em>Title</em>." alone on its line
        else:
            out.append(line)
    return out


_BY_AFTER_TITLE = re.compile(r"by\s+[A-Z]", re.I)


def _next_with_text(blocks: list[Block], start: int) -> int | None:
    for i in range(start, min(start + 4, len(blocks))):
        if blocks[i].text:
            return i
    return None


def _is_boxed_note(b: Block) -> bool:
    """A short note set apart in a table of one cell."""
    return b.tag == "table" and b.node is not None and len(b.text) < 600 and len(b.node.css("td, th")) == 1


def _author_and_title(node: LexborNode, lines: list[str], title_lines: list[int]) -> bool:
    """A book block with no publisher or price: the author's name above the title in bold, nothing else.

    An epigraph (a line of verse over its author's name) has the name below, and is not in bold.
    """
    strong = {norm(s.text()) for s in node.css("strong, b")}
    first = title_lines[0]
    return (
        len(lines) <= 4
        and first > 0
        and all(_looks_like_name(x) for x in lines[:first])
        and all(lines[k] in strong for k in title_lines)
        and all(k in title_lines or _looks_like_name(x) for k, x in enumerate(lines))
    )


# --------------------------------------------------------------------------- notes and body
def _note_label(text: str) -> tuple[str | None, str]:
    m = _NOTE_LABEL.match(text)
    if not m:
        return None, text
    label = next(g for g in m.groups() if g is not None)
    return label, text[m.end() :]


def _notes_start(page: Page, start: int, stop: int) -> int | None:
    blocks = page.blocks
    seen_text = False
    for i in range(start, stop):
        b = blocks[i]
        text = b.text
        # Cheap tests first: a notes heading is short and says "Notes" (or the like).
        if not text or len(text) > 80 or not (b.heading or (b.cls in ("sub", "c", "") and len(text) < 40)):
            seen_text = seen_text or bool(text)
            continue
        if not _NOTES_HEADING.match(_heading_text(b) if b.heading else text):
            seen_text = seen_text or not b.heading
            continue
        emphasised = b.node is not None and b.node.css_first("strong, b, em, i, u") is not None
        if not (b.heading or b.cls == "sub" or emphasised):
            continue
        if seen_text or _notes_follow(blocks, i + 1, stop):
            return i
        # Before any of the text, "Translator’s Note" over plain paragraphs heads a preface.
        seen_text = True
    for i in range(start, stop):
        b = blocks[i]
        if b.cls and b.cls.split(" ", 1)[0] in _NOTE_CLASSES and _note_label(b.text)[0] is not None:
            # A plain "Notes:" line just above the first note is the section's heading.
            prev = next((k for k in range(i - 1, max(start, i - 3) - 1, -1) if blocks[k].text), None)
            if prev is not None and len(blocks[prev].text) < 40 and _NOTES_HEADING.match(blocks[prev].text):
                return prev
            return i
        if (
            b.tag in ("hr",)
            and i + 1 < stop
            and _is_note_para(blocks[i + 1])
            and _is_note_para(blocks[min(i + 2, stop - 1)])
        ):
            return i
    return None


def _notes_end(page: Page, start: int, stop: int) -> int:
    """Where the notes end: at the foot of the page, or, where an introduction's notes come before the
    work itself, at the next top-level heading (``h1``, ``h2``) that is followed by text, not notes."""
    blocks = page.blocks
    for i in range(start + 2, stop):
        b = blocks[i]
        if b.tag not in ("h1", "h2") or _NOTES_HEADING.match(_heading_text(b)):
            continue
        nxt = _next_with_text(blocks, i + 1)
        if (
            nxt is not None
            and nxt < stop
            and _note_label(blocks[nxt].text)[0] is None
            and blocks[nxt].cls.split(" ", 1)[0] not in _NOTE_CLASSES
        ):
            return i
    return stop


def _notes_follow(blocks: list[Block], start: int, stop: int) -> bool:
    """The first block with text after a heading is a numbered note or a list (of notes)."""
    for b in blocks[start:stop]:
        if b.text:
            return b.tag == "ol" or _note_label(b.text)[0] is not None
    return False


def _is_note_para(b: Block) -> bool:
    if b.node is None or not b.text:
        return False
    label, _ = _note_label(b.text)
    if label is None:
        return False
    anchor = b.node.css_first("a[name], a[id], [id]")
    return anchor is not None or b.cls.split(" ")[0] in _NOTE_CLASSES


def _notes(page: Page, start: int, stop: int) -> list[Note]:
    """The notes between ``start`` and ``stop``.

    An unlabelled paragraph continues the note before it, unless a heading stands between them: the
    first paragraph of a later notes section ("Translator’s notes") is a note of its own. Unlabelled
    paragraphs before the first note (a headnote) and section breaks ("* * *") are not notes.
    """
    notes: list[Note] = []
    new_section = False
    for b in page.blocks[start:stop]:
        if b.tag in ("hr",) or not b.text or _is_nav(b):
            continue
        if _SECTION_BREAK.fullmatch(b.text):
            continue
        if b.heading and _NOTES_HEADING.match(_heading_text(b)):
            new_section = bool(notes)
            continue
        items = [b.text]
        if b.tag in ("ol", "ul", "dl") and b.node is not None:
            lis = b.node.css("li") or b.node.css("dd")
            if b.tag == "ol":
                for k, li in enumerate(lis, start=1):
                    t = _node_text(li)
                    lab, rest = _note_label(t)
                    notes.append(Note(label=lab or str(k), text=norm(rest if lab else t)))
                continue
            items = [_node_text(li) for li in lis]
        for item in items:
            label, rest = _note_label(item)
            if label is None and new_section and b.cls.split(" ", 1)[0] in _NOTE_CLASSES:
                # Notes of a later series may be lettered ("A. This article …") or not labelled at all.
                m = _LETTER_LABEL.match(item)
                notes.append(Note(label=m.group(1), text=item[m.end() :]) if m else Note(label="", text=item))
            elif label is None:
                if notes:
                    last = notes[-1]
                    notes[-1] = Note(label=last.label, text=norm(f"{last.text}\n\n{item}"))
            else:
                notes.append(Note(label=label, text=norm(rest)))
            new_section = False
    return notes


_LETTER_LABEL = re.compile(r"([A-Z])[.)]\s+")
_SECTION_BREAK = re.compile(r"[*•·.\s]+")
_BYLINE_YEAR = re.compile(r",?\.?\s*(?:1[5-9]\d\d|20\d\d)$")


def _block_plain(b: Block) -> str:
    if b.tag in ("ul", "ol", "dl") and b.node is not None:
        items = [_node_text(li) for li in b.node.css("li, dt, dd")]
        return "\n".join(x for x in items if x)
    if b.tag == "table" and b.node is not None:
        rows = []
        for tr in b.node.css("tr"):
            cells = [_node_text(td) for td in tr.css("td, th")]
            row = " ".join(c for c in cells if c)
            if row:
                rows.append(row)
        return "\n".join(rows) if rows else b.text
    return b.text


def _outer_html(b: Block) -> str:
    if b.node is not None:
        return b.node.html or ""
    return "<p>" + "".join(n.html or "" for n in b.inline) + "</p>"


_ALLOWED_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "em",
    "strong",
    "i",
    "b",
    "u",
    "small",
    "big",
    "s",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "blockquote",
    "q",
    "cite",
    "a",
    "img",
    "sup",
    "sub",
    "span",
    "pre",
    "code",
    "abbr",
}
_ALLOWED_ATTRS = {
    "a": {"href", "id", "name", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start", "type"},
    "*": {"id", "class"},
}


_CLEANER = nh3.Cleaner(
    tags=_ALLOWED_TAGS,
    attributes={k: set(v) | _ALLOWED_ATTRS["*"] for k, v in _ALLOWED_ATTRS.items() if k != "*"}
    | {t: _ALLOWED_ATTRS["*"] for t in _ALLOWED_TAGS if t not in _ALLOWED_ATTRS},
    link_rel=None,
    url_schemes={"http", "https", "mailto"},
)
"""Built once: the whitelist is the same for every page."""


def _sanitize(html: str) -> str:
    return _CLEANER.clean(html)


def _body_html(blocks: list[Block]) -> str:
    """The body as sanitized HTML, one block per line.

    Most blocks are already clean: every element is one the whitelist allows, with only the attributes
    it allows and links that are relative or use an allowed scheme, and nothing that reads differently
    when the HTML is parsed again. Such a block's markup, as the parser writes it out (text and attribute
    values escaped), is exactly what the sanitizer would give back, so only the other blocks go through it.
    A block that is clean but for attributes the whitelist does not allow (``align``, ``style``,
    ``target``) has them removed from the tree, which is what the sanitizer does, and is written out
    again. This changes the page's tree, so it is the last thing read from it.
    """
    parts = []
    for b in blocks:
        html = _outer_html(b)
        extra: list[tuple[LexborNode, str]] = []
        if not _is_clean(b, html, extra):
            html = _sanitize(html)
        elif extra:
            for node, name in extra:
                del node.attrs[name]
            html = _outer_html(b)
        parts.append(html)
    return "\n".join(parts)


_SANITIZER_GENERIC_ATTRS = frozenset(("lang", "title"))
"""Attributes the sanitizer keeps on every allowed element by default, on top of ``_ALLOWED_ATTRS``."""
_CLEAN_ATTRS = {
    tag: frozenset(_ALLOWED_ATTRS.get(tag, set()) | _ALLOWED_ATTRS["*"] | _SANITIZER_GENERIC_ATTRS)
    for tag in _ALLOWED_TAGS
    if tag != "pre"
}
"""The attributes each element may keep as it is. ``pre`` is left to the sanitizer: a leading line break
in it is dropped when the markup is parsed again."""
_PHRASING = frozenset(
    [
        "a",
        "em",
        "strong",
        "i",
        "b",
        "u",
        "small",
        "big",
        "s",
        "br",
        "img",
        "sup",
        "sub",
        "span",
        "code",
        "abbr",
        "q",
        "cite",
    ]
)
"""Elements that may stand in a paragraph the page left unmarked (anything else would end the ``<p>``)."""
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_PLAIN_URL = re.compile(
    r"https?://(?P<host>(?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*)(?:[/?#][^\s<>\"]*)?|mailto:[^\s<>\"]*"
)
"""An absolute link the sanitizer keeps as written: an allowed scheme and a plain host name (no port, no
address, no user), which a URL parser always accepts."""


def _clean_url(value: str | None) -> bool:
    if not value:
        return True
    if value[0] <= " " or value[-1] <= " " or "\t" in value or "\n" in value or "\r" in value:
        return False  # a URL parser strips or ignores these, so the scheme may not be what it seems
    if _URL_SCHEME.match(value) is None:
        return True  # relative
    m = _PLAIN_URL.fullmatch(value)
    return m is not None and "xn--" not in (m.group("host") or "").lower()  # punycode may not decode


def _is_clean(b: Block, html: str, extra: list[tuple[LexborNode, str]]) -> bool:
    """Whether the sanitizer would give ``html``, the block's markup, back unchanged once the attributes
    listed in ``extra`` (filled in here: attributes the whitelist does not allow) are removed."""
    if "<!--" in html or "\r" in html:
        return False  # comments are removed; a carriage return turns into a line break
    if b.node is not None:
        return _clean_tree(b.node, extra, inline=False)
    return all(n.tag == "-text" or _clean_tree(n, extra, inline=True) for n in b.inline)


def _clean_tree(node: LexborNode, extra: list[tuple[LexborNode, str]], *, inline: bool) -> bool:
    allowed_attrs = _CLEAN_ATTRS
    for n in node.traverse():
        tag = n.tag or ""
        allowed = allowed_attrs.get(tag)
        if allowed is None or (inline and tag not in _PHRASING):
            return False
        attrs = n.attributes
        if attrs:
            for name, value in attrs.items():
                if name not in allowed:
                    extra.append((n, name))
                    continue
                if value and ("<" in value or ">" in value):
                    return False
                if (name == "href" or name == "src") and not _clean_url(value):
                    return False
        if tag == "table":
            # A table inside a paragraph (legacy pages parse in quirks mode) would end the paragraph.
            up: LexborNode | None = n
            while up is not None:
                if up.tag == "p":
                    return False
                if up == node:
                    break
                up = up.parent
        elif tag == "li" and n != node:
            # A list item inside another with no list between (a table's content moved out of it can
            # leave one there) would close that item when the markup is read again.
            up = n.parent
            while up is not None and up.tag not in ("ul", "ol"):
                if up.tag == "li":
                    return False
                if up == node:
                    break
                up = up.parent
    return True


# --------------------------------------------------------------------------- page type
_INDEX_NAMES = re.compile(r"(?:^|/)(?:index|contents|toc|works|default)\.s?html?$", re.I)


_ERROR_PAGE = re.compile(r"(?:40[0-9]|50[0-9])\.s?html?")
"""A web server's error page ("404.htm") that a mirror copied along with the archive."""
_ADMIN_PATH = re.compile(r"(?:^|/)(?:admin|volunteers?)/")
_PERIODICAL_PATH = re.compile(r"/(?:newspape|periodicals?|magazines?|journals?)/")
_ISSUE_WORDS = re.compile(r"\b(issues?|no\.\s*\d|vol\.\s*\d)\b", re.I)
_ARCHIVE_WORD = re.compile(r"\barchive\b", re.I)


def _page_type(page: Page, h: Header, body_blocks: list[Block]) -> str:
    path = (page.path or "").lower()
    name = posixpath.basename(path)
    if "/glossary/" in path or path.startswith("glossary/"):
        return "glossary"
    if _ADMIN_PATH.search(path) or name in ("administrator.htm",) or _ERROR_PAGE.fullmatch(name):
        return "other"
    if _INDEX_NAMES.search(path):
        if _PERIODICAL_PATH.search(path) or (
            _ISSUE_WORDS.search(h.title) and len(page.tree.css("a[href]")) > 10
        ):
            return "periodical-index"
        depth = path.strip("/").split("/")
        if (len(depth) == 3 and depth[0] == "archive") or (len(depth) == 4 and depth[1] == "archive"):
            return "author-index"
        if _ARCHIVE_WORD.search(" ".join(b.text for b in page.blocks[:6])) and len(depth) <= 3:
            return "author-index"
        return "work-index"
    links = page.tree.css("a[href]")
    if len(links) > 15:
        body_chars = sum(len(b.text) for b in body_blocks)  # navigation is already left out of the body
        if body_chars:
            limit = 0.6 * body_chars
            linked = 0
            for a in links:
                linked += len(norm(a.text()))
                if linked > limit:
                    return "work-index"
    return "document"


# --------------------------------------------------------------------------- assembling
_ENGLISH = re.compile(r"\b(?:the|and|of|to|that|is|was|which)\b")


def _reads_as_english(text: str) -> bool:
    sample = text[:4000]
    words = len(sample.split())
    return words >= 40 and len(_ENGLISH.findall(sample)) > 0.12 * words


_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _language(page: Page) -> tuple[str, str]:
    html = page.tree.root  # the document element: the parser keeps one ``html`` element
    if html is not None and html.tag != "html":
        html = page.tree.css_first("html")
    lang = html.attributes.get("lang") or html.attributes.get("xml:lang") if html is not None else None
    if lang and _LANG_TAG.fullmatch(lang.strip()):
        return lang.strip().split("-")[0].lower(), "selector:html-lang"
    meta = page.tree.css_first('meta[http-equiv="content-language"], meta[http-equiv="Content-Language"]')
    if meta is not None:
        val = (meta.attributes.get("content") or "").strip()
        if _LANG_TAG.fullmatch(val):
            return val.split("-")[0].lower(), "selector:meta-content-language"
    section = (page.path or "").replace("\\", "/").lstrip("/").split("/")[0].lower()
    if section in _SECTIONS:
        return _SECTIONS[section], "fallback:path-section"
    return "en", "fallback:default"


_SECTIONS = {
    "espanol": "es",
    "italiano": "it",
    "francais": "fr",
    "deutsch": "de",
    "portugues": "pt",
    "nederlands": "nl",
    "svenska": "sv",
    "norsk": "no",
    "dansk": "da",
    "suomi": "fi",
    "eesti": "et",
    "polski": "pl",
    "ellinika": "el",
    "shqip": "sq",
    "islenska": "is",
    "esperanto": "eo",
    "catala": "ca",
    "cestina": "cs",
    "magyar": "hu",
    "romana": "ro",
    "russkij": "ru",
    "turkce": "tr",
    "chinese": "zh",
    "japanese": "ja",
    "arabic": "ar",
    "farsi": "fa",
    "hebrew": "he",
    "bulgarian": "bg",
    "srpskohrvatski": "sh",
    "euskara": "eu",
    "galego": "gl",
    "filipino": "fil",
    "indonesia": "id",
    "afrikaans": "af",
    "malayalam": "ml",
    "tamil": "ta",
    "urdu": "ur",
    "bangla": "bn",
    "hindi": "hi",
    "vietnamese": "vi",
    "korean": "ko",
    "thai": "th",
    "lietuviu": "lt",
    "latvian": "lv",
    "sinhala": "si",
    "kiswahili": "sw",
    "belarusian": "be",
    "ukrainian": "uk",
    "macedonian": "mk",
    "slovenscina": "sl",
    "slovak": "sk",
    "azeri": "az",
    "georgian": "ka",
    "armenian": "hy",
    "kurdi": "ku",
    "marathi": "mr",
    "gujarati": "gu",
    "nepali": "ne",
    "telugu": "te",
    "kannada": "kn",
    "punjabi": "pa",
}


def _last_updated(page: Page) -> LastUpdated | None:
    """The footer's date: looked for in the page's last blocks only (it is never in the middle)."""
    for b in reversed(page.blocks[-15:]):
        if b.cls in ("updat", "footer", "foot") or _UPDATED_WORD.search(b.text, 0, 80):
            lu = parse_last_updated(b.text.replace("\n", " "))
            if lu is not None:
                page.place("last_updated", f"selector:p.{b.cls}" if b.cls else "heuristic:updated-line")
                return lu
    last = next((b for b in reversed(page.blocks) if b.text), None)
    if last is not None and FOOT_DATE.fullmatch(last.text) and (iso := parse_updated(last.text)):
        # A date alone at the very foot of the page (day.month.year), as the archive's editor stamps it.
        page.place("last_updated", "heuristic:date-at-foot")
        return LastUpdated(text=last.text, iso=iso)
    return None



_UPDATED_WORD = re.compile(r"\bupdated\b", re.I)
_COLLECTION_WORD = re.compile(r"\b(archive|section|library)\b", re.I)
_SITE_LINK = re.compile(r"^(ETOL|MIA|marxists|main)\b", re.I)


def _collection(page: Page) -> str | None:
    """The archive section the page's navigation links back to: the most specific one named ("Chris
    Harman Archive" in the footer rather than the breadcrumb's "Archive", which is kept when it is
    all the page says)."""
    ends = page.blocks[:6] + page.blocks[-6:]
    section: str | None = None
    for b in ends:
        if b.cls in ("linkback", "toplink", "link", "footer") and b.node is not None:
            for a in b.links:
                t = _BACK_TO.sub("", norm(a.text()))
                if _names_collection(t):
                    page.place("collection", "selector:navigation-link")
                    return t
                if section is None and _SECTION_ONLY.fullmatch(t):
                    section = t
    # Pages with no navigation classes: a block at either end that is nothing but links, one of
    # them back to an archive ("Zinoviev Archive", "Back to the James P. Cannon Internet Archive").
    for b in ends:
        if b.node is None or not b.links or b.tag not in _NAV_BLOCK_TAGS:
            continue
        texts = [norm(a.text()) for a in b.links]
        if sum(len(t) for t in texts) < 0.8 * len(b.text):
            continue
        for t in texts:
            t = _BACK_TO.sub("", t)
            if _names_collection(t):
                page.place("collection", "heuristic:navigation-link")
                return t
    if section is not None:
        page.place("collection", "selector:navigation-link")
    return section


_SECTION_ONLY = re.compile(r"archive|library", re.I)


def _names_collection(text: str) -> bool:
    """Whether a navigation link's text names an archive section ("Chris Harman Archive")."""
    return (
        len(text) <= 80
        and _COLLECTION_WORD.search(text) is not None
        and not _SITE_LINK.match(text)
        and not _BARE_ARCHIVE.search(text)
        and not _NOT_A_SECTION.match(text)
    )


_NOT_A_SECTION = re.compile(r"^(?:\d|next\b|previous\b|prev\b|section\s+\d|[a-z]+://)", re.I)
_NAV_BLOCK_TAGS = frozenset(("p", "h3", "h4", "h5", "h6", "div", "center", "table"))
_BACK_TO = re.compile(r"^(?:(?:back|return)\s+to\s+(?:the\s+)?)", re.I)
_BARE_ARCHIVE = re.compile(
    r"^(?:internet\s+)?(?:archive|library|section)$|^m\.?i\.?a\.?\b|\b(?:index|listing|page)$", re.I
)
"""Links that name no archive: "Internet Archive", "M.I.A. Library", "Archive Index"."""


_CONTENTS_HREF = re.compile(r"(?:\./)?(?:index|contents|toc)\.s?html?", re.I)


def _part_of_href(page: Page) -> str | None:
    """The work's contents page: the breadcrumb's last link, or a footer link "Table of Contents"."""
    if page.contents_href is None:
        page.contents_href = (_find_part_of_href(page),)
    return page.contents_href[0]


def _find_part_of_href(page: Page) -> str | None:
    crumb = _breadcrumb(page)
    links = crumb.links if crumb is not None else []
    if links:
        href = (links[-1].attributes.get("href") or "").split("#")[0]
        if _CONTENTS_HREF.fullmatch(href):
            return href
    for b in page.blocks[-6:]:
        if b.node is None or b.cls not in _NAV_CLASSES:
            continue
        for a in b.links:
            href = (a.attributes.get("href") or "").split("#")[0]
            if _CONTENTS_HREF.fullmatch(href) and re.search(r"\bcontents\b", a.text(), re.I):
                return href
    return None


def _resolve(href: str, path: str | None) -> str | None:
    if not path:
        return None
    base = posixpath.dirname(path.replace("\\", "/"))
    try:
        return ids.id_from_site_path(posixpath.normpath(posixpath.join(base, href)))
    except ValueError:
        return None


def _title_tag(page: Page) -> str:
    if page.window_title is None:
        t = page.tree.css_first("title")
        # "Archivo X____________." : a rule drawn in characters after the name is not part of it.
        page.window_title = _TRAILING_RULE.sub("", norm(t.text())) if t is not None else ""
    return page.window_title


_TRAILING_RULE = re.compile(r"\s*[_=~-]{3,}[\s._=~-]*$")


_SUBTITLE_BYLINE = re.compile(
    r"^by\s+(.+?)((?:(?<=[a-z]{2})\.|[,;(]|\s+(?:translated|from|with|in|for)\b).*)?$", re.I
)
_INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,4}")
_TITLE_DATE = re.compile(
    r"(?:\(\s*((?:1[5-9]\d\d|20\d\d))\s*\)"  # "Interview with X (1998)"
    r"|\s((?:\d{1,2}\s+)[A-Z][a-z]+\s+(?:1[5-9]\d\d|20\d\d)))\s*$"  # "Letter to Y 13 November 1917"
)
"""A date that ends a title: a year in brackets, or a day, month and year (a year alone may be the
subject's: "British Africa in 1873")."""


def _build(page: Page) -> Record:
    blocks = page.blocks
    h = _header(page)
    prov = _provenance(page, h)
    warnings = page.warnings
    # Chapters: the h1 is the work's title and a lower heading is this part's own.
    _chapter_heading(page, h)
    body_start = h.end + 1
    reviewed, rv_idx = _reviewed(page, body_start)
    if rv_idx is not None:
        body_start = rv_idx + 1
        page.place("reviewed", "selector:book-block")
        # An editor's note boxed in a one-cell table under the book block is front matter.
        nxt = _next_with_text(blocks, body_start)
        if nxt is not None and _is_boxed_note(blocks[nxt]):
            body_start = nxt + 1
    # Skip empty and navigation blocks, transcribers' notes and a table of contents at the start of the body.
    contents = False
    # An index page's contents list is what the page is; a document's is navigation within it.
    skip_contents = not _INDEX_NAMES.search((page.path or "").lower())
    while body_start < len(blocks) and (
        (not blocks[body_start].text and not _has_image(blocks[body_start]))
        or blocks[body_start].tag == "hr"
        or (_is_nav(blocks[body_start]) and not _is_linked_heading(blocks[body_start]))
        or body_start in h.used
        or _TRANSCRIBER_NOTE.match(blocks[body_start].text)
        or (skip_contents and _is_contents(blocks[body_start], after_heading=contents))
    ):
        contents = skip_contents and blocks[body_start].heading > 0 and _is_contents(blocks[body_start])
        body_start += 1
    # The end: the footer (navigation, "Last updated") and the notes.
    end = len(blocks)
    while end > body_start and (
        _is_nav(blocks[end - 1])
        or blocks[end - 1].tag == "hr"
        or not blocks[end - 1].text
        or (len(blocks[end - 1].text) < 80 and parse_last_updated(blocks[end - 1].text))
        or (end == len(blocks) and FOOT_DATE.fullmatch(blocks[end - 1].text))
    ):
        end -= 1
    notes_at = _notes_start(page, body_start, end)
    notes_end = _notes_end(page, notes_at, end) if notes_at is not None else end
    notes = _notes(page, notes_at, notes_end) if notes_at is not None else []
    body_end = notes_at if notes_at is not None else end
    while body_end > body_start and (
        _is_nav(blocks[body_end - 1]) or blocks[body_end - 1].tag == "hr" or not blocks[body_end - 1].text
    ):
        body_end -= 1
    # Text that resumes after notes in the middle of the page belongs to the body too.
    spans = [(body_start, body_end)] + ([(notes_end, end)] if notes_end < end else [])
    body_blocks = [
        b
        for first, last in spans
        for k, b in enumerate(blocks[first:last], start=first)
        if k not in h.used and b.cls not in _INFO_CLASSES and not (_is_nav(b) and not _is_linked_heading(b))
    ]
    text = "\n\n".join(t for t in (_block_plain(b) for b in body_blocks) if t)
    page_type = _page_type(page, h, body_blocks)

    title = h.title
    if not title:
        title = _title_tag(page) or (posixpath.basename(page.path or "") or "Untitled")
        page.place("title", "fallback:title-tag")
        warnings.append("the page has no heading that could be read as its title; used the window title")
    if title.endswith(":") and h.subtitle:
        title = title[:-1].rstrip()  # "Operation Mongoose:" over its subtitle, the colon between them
    authors = h.authors or _byline_fallback(page, h)
    if not authors and prov.author:
        authors = _split_authors(prov.author)
        if authors:
            page.place("authors", "heuristic:author-label")
    if not authors and h.subtitle and (m := _SUBTITLE_BYLINE.match(h.subtitle)):
        # "by Lara Pullin" under the title: the byline, set where a subtitle goes.
        name = m.group(1).strip(" \"“”'‘’")
        if _looks_like_name(name) or _INITIALS.fullmatch(name):
            authors = [name]
            page.place("authors", "heuristic:byline-under-title")
            if not (m.group(2) or "").strip(" .;,"):
                h.subtitle = None
    if not authors and (signed := _signature(body_blocks)):
        # "(Signed) Clara Zetkin, International Secretary": the signature is the only attribution.
        authors = [signed]
        page.place("authors", "selector:p.signed")
    date = h.date
    if date is None:
        source_date = prov.source.date if prov.source else None
        if source_date is not None and prov.source and not prov.source.periodical:
            # A book named as the source may be a later collection ("Collected Works, 1976"): its
            # year dates the page only where it is not years after the year the archive files it under.
            filed = _PATH_YEAR.search(page.path or "")
            if filed and int(source_date.edtf[:4]) > int(filed.group(1)) + 1:
                source_date = None
        date = prov.written or prov.published
        if date is None and (closing := _closing_date(body_blocks)) is not None:
            # "Surrey, November 1941." signed at the end: when the text was finished.
            date = closing
            page.place("date", "heuristic:closing-date-line")
        elif date is None:
            date = source_date
        if date is not None and "date" not in page.placed:
            page.place("date", "heuristic:provenance-date")
    if date is None and h.subtitle:
        m = re.search(r",\s*((?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?(?:1[5-9]\d\d|20\d\d))\s*$", h.subtitle)
        date = parse_date(m.group(1)) if m else None
        if date is not None:
            page.place("date", "heuristic:subtitle-date")
    if date is None:
        m = re.search(r",\s*((?:[A-Z][a-z]+\.?\s+)(?:\d{1,2},?\s+)?(?:1[5-9]\d\d|20\d\d))\s*$", title) or (
            _TITLE_DATE.search(title)
        )
        date = parse_date(next(g for g in m.groups() if g)) if m else None
        if date is not None:
            page.place("date", "heuristic:title-date")
    subtitle = h.subtitle
    if subtitle and BARE_DATE.fullmatch(subtitle) and (set_apart := parse_date(subtitle.strip("()[] ."))):
        # "1975" set under the title is its date line, not a subtitle.
        subtitle = None
        if date is None:
            date = set_apart
            page.place("date", "heuristic:date-under-title")
    if page_type == "author-index":
        # The writer's archive: its heading is the writer's name; kicker and life dates are not the work's.
        title = re.sub(r"\s+(?:internet\s+)?archive$", "", title, flags=re.I)
        authors = [title]
        subtitle, date = None, None
    part_of = None
    serial = False
    if h.part_of_title:
        href = _part_of_href(page)
        part_of = PartOf(title=h.part_of_title, id=_resolve(href, page.path) if href else None)
    elif page_type == "document" and (m := _NUMBERED_PART.match(title)):
        # "The Fight for Socialism – 4" with a link to the series' contents page: one part of it.
        work = (m.group("work") or m.group("work2")).rstrip(" ,:")
        href = _part_of_href(page)
        target = _resolve(href, page.path) if href else None
        if target and work.split()[0].lower() not in _PART_WORDS:
            part_of, serial = PartOf(title=work, id=target), True
            page.place("part_of", "heuristic:numbered-title")
    language, lang_stage = _language(page)
    if language != "en" and lang_stage.startswith("selector") and _reads_as_english(text):
        warnings.append(
            f"the page declares its language as “{language}” but its text reads as English; used en"
        )
        language, lang_stage = "en", "heuristic:text-reads-as-english"
    page.place("language", lang_stage)
    last_updated = _last_updated(page)
    collection = _collection(page)
    kind, evidence = guess_kind(
        title=title,
        subtitle=h.subtitle,
        reviewed=bool(reviewed),
        chapter=part_of is not None and not serial,
        provenance=" ".join(prov.lines),
        opening="\n\n".join(text[:2000].split("\n\n")[:5]),
        closing=text[-300:],
        part_of=part_of.title if part_of else None,
        window_title=_title_tag(page),
        book_source=prov.source is not None and prov.source.periodical is None,
        text_length=len(text),
        verse=page_type == "document" and _is_verse(body_blocks),
    )
    page.place("kind", f"heuristic:{evidence}")
    links: tuple[Link, ...] = ()
    author_profile = periodical_profile = None
    if page_type in ("author-index", "periodical-index", "work-index"):
        from scriptorium.importers import indexes

        if page_type == "author-index":
            author_profile, extra = indexes.author_profile(page.tree, page.path)
            warnings.extend(extra)
            if author_profile is not None and author_profile.name and authors != [author_profile.name]:
                # The page's heading may be a section's or carry a prefix ("MIA - X"): the writer is
                # the one the archive page names.
                authors = [author_profile.name]
                page.place("authors", "heuristic:writer-archive-name")
        elif page_type == "periodical-index":
            periodical_profile, extra = indexes.periodical_profile(page.tree, page.path)
            warnings.extend(extra)
        links = tuple(indexes.work_links(page.tree, page.path)) if page_type == "work-index" else ()
    if page_type == "document" and not text:
        warnings.append("no body text was found on this page")
    if page.path:
        try:
            rid = ids.id_from_site_path(page.path)
        except ValueError:
            rid = ids.derived_id(authors, date, title)
    else:
        rid = ids.derived_id(authors, date, title)
    if page_type == "document" and not authors:
        warnings.append("no author byline was found")
    body_html = _body_html(body_blocks)  # last: it may change the tree
    return Record(
        id=rid,
        title=title,
        page_type=page_type,
        part_of=part_of,
        subtitle=subtitle,
        authors=tuple(authors),
        date=date,
        kind=kind if page_type == "document" else "other",
        language=language,
        source=prov.source,
        rights=prov.rights,
        copied_from=prov.copied_from,
        credits=tuple(prov.credits),
        reviewed=tuple(reviewed),
        collection=collection,
        last_updated=last_updated,
        text=text,
        notes=tuple(notes),
        warnings=tuple(dict.fromkeys(warnings)),
        body_html=body_html,
        path=page.path,
        format="html",
        links=links,
        author_profile=author_profile,
        periodical_profile=periodical_profile,
        placed_by=dict(page.placed),
    )


def _is_linked_heading(b: Block) -> bool:
    """A section heading set as a link (to the section's own page) is still the text's heading; only
    headings that say where they lead ("Contents", "Next chapter") are navigation."""
    return b.heading > 0 and _NAV_WORDS.search(b.text) is None


_CONTENTS_HEADING = re.compile(r"(?:table of )?contents\s*:?", re.I)


def _is_contents(b: Block, *, after_heading: bool = False) -> bool:
    """An in-page table of contents before the text: a "Contents" heading, the list of links under it,
    or a list of links most of which jump to sections of this page (``#...``). It is navigation, not
    part of the body."""
    if b.heading:
        return _CONTENTS_HEADING.fullmatch(b.text) is not None
    if b.node is None or b.tag not in ("ul", "ol", "table", "center", "div", "p", "blockquote"):
        return False
    links = b.links
    if after_heading and b.tag in ("ul", "ol", "table", "center", "div"):
        return len(links) >= 2
    if len(links) < 3:
        return False
    in_page = sum(1 for a in links if (a.attributes.get("href") or "").startswith("#"))
    link_text = sum(len(norm(a.text())) for a in links)
    return 2 * in_page > len(links) and link_text >= 0.7 * len(b.text)


def _chapter_heading(page: Page, h: Header) -> None:
    """On a chapter page whose ``h1`` is the work's title, the part's own heading becomes the title."""
    if h.title_idx is None:
        return
    blocks = page.blocks
    name = posixpath.splitext(posixpath.basename(page.path or ""))[0]
    in_work = _part_of_href(page) is not None or (
        bool(_CHAPTER_FILE.match(name)) and (not name.isdigit() or _has_sequence_nav(page))
    )
    if h.part_of_title is not None:
        h.chapter = True
        return
    if blocks[h.title_idx].tag != "h1" and _same_heading_after_info(page, h):
        return
    title_tag = blocks[h.title_idx].tag
    if in_work and title_tag != "h1":
        _work_title_from_top(page, h)
        if h.part_of_title is not None or not title_tag.startswith("h"):
            return
        # Nothing above names the work: the heading taken as the title is the work's, when the
        # chapter's own heading, one rank lower, follows it past the rule or provenance block.
        lower = f"h{int(title_tag[1]) + 1}" if title_tag[1:].isdigit() else ""
    elif not in_work:
        return
    else:
        lower = ""
        if re.match(r"(?i)\s*chapter\b", h.title):
            return  # the h1 is the chapter's own heading ("Chapter II. Problems of Solidarity")
    # The part's heading: a lower heading after the title (possibly after the provenance block).
    stop = min(len(blocks), max(h.end, h.title_idx) + 4)
    past_contents = False
    i = h.title_idx
    while i + 1 < stop:
        i += 1
        b = blocks[i]
        if not b.heading or (b.tag == "h1" and not past_contents):
            continue
        text = _heading_text(b)
        after_info = i > h.end
        named = _looks_like_name(text) and not (lower and after_info and b.tag == lower)
        if not text or (_date_line(text) and not after_info) or named:
            continue
        if _CONTENTS_HEADING.fullmatch(text):
            # The work's contents listed on the page: the part's own heading (an h1 too) follows them.
            past_contents = True
            stop = min(len(blocks), i + 8)
            continue
        if past_contents:
            after_info = True
        if i in h.used and h.subtitle and not _CHAPTER_WORD.match(text) and text in norm(h.subtitle):
            continue  # a line of the subtitle under the work's title, not the part's heading
        if i in h.used and _PART_OF_BOOK.match(text):
            continue  # "Part II …" under the work's title: the part the chapter is in; its heading follows
        if (
            _CHAPTER_WORD.match(text)
            or (after_info and b.tag in ("h2", "h3", lower))
            or past_contents
        ):
            h.part_of_title = h.title
            h.subtitle = None
            h.used.add(i)
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if BARE_CHAPTER.fullmatch(text) and following is not None and following.heading:
                # "Chapter IX" over "Women in the War Effort": the number and the name are one heading.
                name = _heading_text(following)
                if name and not _date_line(name):
                    text = f"{text} {name}"
                    i += 1
                    h.used.add(i)
            h.title = text
            h.end = max(h.end, i)
            h.chapter = True
            page.place("title", f"heuristic:{b.tag}-chapter-heading")
            page.place("part_of", "heuristic:h1-is-work-title")
            return
        return


def _same_heading_after_info(page: Page, h: Header) -> bool:
    """No ``h1``: a heading above the provenance block and one of the same rank right after it.

    Chapter pages of classic books repeat the book's title above the information block and put the
    chapter's own heading under it, both at the same level.
    """
    assert h.title_idx is not None
    blocks = page.blocks
    top = blocks[h.title_idx]
    if not top.heading or h.end <= h.title_idx:
        return False
    for i in range(h.end + 1, min(len(blocks), h.end + 4)):
        b = blocks[i]
        if b.tag == "hr" or (not b.text and not b.heading):
            continue
        text = _heading_text(b) if b.tag == top.tag else ""
        if not _LETTER.search(text) or (
            not _CHAPTER_WORD.match(text) and (_looks_like_name(text) or _date_line(text))
        ):
            return False
        h.part_of_title = h.title
        h.title = text
        h.title_idx = i
        h.used.add(i)
        h.end = i
        h.chapter = True
        page.place("title", f"heuristic:{b.tag}-after-info-block")
        page.place("part_of", f"heuristic:{b.tag}-above-info-block")
        return True
    return False


def _has_image(b: Block) -> bool:
    return b.tag == "img" or (b.node is not None and b.node.css_first("img") is not None)


_SEQUENCE_WORDS = re.compile(r"\b(next|previous|prev)\b", re.I)


def _has_sequence_nav(page: Page) -> bool:
    """A "Next" / "Previous" link: the page is one of a sequence."""
    for b in page.blocks[-8:] + page.blocks[:8]:
        if b.node is not None and _SEQUENCE_WORDS.search(b.text) and _is_nav(b):
            return True
    return False


def _work_title_from_top(page: Page, h: Header) -> None:
    """Classic chapter pages name the work in ``p.title`` or in a heading above the chapter's own."""
    blocks = page.blocks
    assert h.title_idx is not None
    for i in range(0, h.title_idx):
        b = blocks[i]
        if (
            b.heading
            and b.tag == blocks[h.title_idx].tag
            and _heading_text(b)
            and not _looks_like_name(_heading_text(b))
        ):
            h.part_of_title = _heading_text(b)
            h.used.add(i)
            page.place("part_of", f"heuristic:{b.tag}-above-chapter-heading")
            return
        if b.cls == "title" and not b.links:
            for line in b.lines:
                if " : " in line or _ARCHIVE_WORD.search(line) or _looks_like_name(line):
                    continue
                parts = [p.strip() for p in line.split(",")]
                while len(parts) > 1 and _looks_like_name(
                    re.sub(r"\.?\s*(?:1[5-9]\d\d|20\d\d)$", "", parts[-1])
                ):
                    parts.pop()
                h.part_of_title = ", ".join(parts).strip(" .")
                page.place("part_of", "heuristic:p.title-work-title")
                m = re.search(r"\b(1[5-9]\d\d|20\d\d)\.?$", line)
                if m and h.date is None:
                    h.date = PartialDate(m.group(1), m.group(1))
                    page.place("date", "heuristic:p.title-year")
                return


_BYLINE_DATE = re.compile(
    r",?\.?\s*(?:(?:\d{1,2}\s+)?\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+"
    r"(?:\d{1,2},?\s+)?)?(?:1[5-9]\d\d|20\d\d)$",
    re.I,
)
"""The date after a name in a ``p.title`` line ("John Maclean, November 1915")."""


_CLOSING_DATE = re.compile(
    r"(?:^|[,.]\s+|\s)(?P<date>(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + MONTH_NAME
    + r"\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:1[5-9]\d\d|20\d\d))\.?$"
)


def _signature(body_blocks: list[Block]) -> str | None:
    """The name a ``p.signed`` closing the text gives, without "(Signed)" and the office after it."""
    for b in body_blocks[-3:]:
        if b.cls == "signed" and b.lines:
            name = re.sub(r"^\(?signed\)?:?\s*", "", b.lines[0], flags=re.I).split(",")[0].strip(" .")
            if _looks_like_name(name):
                return name
    return None


def _is_verse(body_blocks: list[Block]) -> bool:
    """The whole text set in short lines broken by ``<br>``, stanza after stanza: a poem."""
    paragraphs = [b for b in body_blocks if b.text and not b.heading]
    if not 1 <= len(paragraphs) <= 60:
        return False
    lines = [line for b in paragraphs for line in b.lines]
    stanzas = sum(len(b.lines) >= 3 for b in paragraphs)
    return (
        len(lines) >= 8
        and stanzas >= 0.8 * len(paragraphs)
        and sum(len(line) for line in lines) <= 60 * len(lines)
        and sum(len(line) > 90 for line in lines) <= len(lines) // 10
    )


def _closing_date(body_blocks: list[Block]) -> PartialDate | None:
    """The date a text is signed with in its last short paragraph ("A. WRITER Surrey, November 1941.")."""
    for b in reversed(body_blocks[-2:]):
        text = b.text
        if not text:
            continue
        if len(text) > 80 or b.heading or b.tag != "p":
            return None
        m = _CLOSING_DATE.search(text)
        return parse_date(m.group("date")) if m else None
    return None


def _text_before_italics(b: Block) -> str:
    """A ``p.title`` line's text before its first italics (``em``, ``i``), or "" where it has none."""
    if b.node is None:
        return ""
    parts: list[str] = []
    for child in b.node.iter(include_text=True):
        if child.tag in ("em", "i"):
            return norm("".join(parts)).rstrip(" ,")
        if child.tag == "br":
            return ""
        parts.append(child.text() if child.tag != "-text" else (child.text_content or ""))
    return ""


def _byline_fallback(page: Page, h: Header) -> list[str]:
    for i, b in enumerate(page.blocks[: (h.title_idx or 0) + 4]):
        if b.tag != "p" or b.heading or i == h.title_idx:
            continue
        if b.cls not in ("title", "author") and not re.fullmatch(
            r"[^,\n]{4,50},? (?:1[5-9]\d\d|20\d\d)", b.text
        ):
            continue
        lines = b.lines
        before_italics = _text_before_italics(b)
        if before_italics and lines and lines[0].startswith(before_italics):
            # "John Maclean <em>Vanguard</em> November 1915": the name, then the periodical in italics.
            lines = [before_italics]
        for line in lines:
            # "Work, Name, 1930" or "Name, 1930": the name is the last part once the year is gone.
            line = _BYLINE_DATE.sub("", line).strip()
            cand = line.split(",")[-1].strip() if "," in line else line
            if _looks_like_name(cand) or re.fullmatch(r"[A-Z][\w.]*\.? [A-Z][\w’'-]+", cand):
                page.place("authors", "heuristic:p.title-byline")
                return _split_authors(cand)
    return []
