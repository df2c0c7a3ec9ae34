"""String-level parsers for the provenance lines of archive pages.

Shared by the HTML and plain-text importers: every function takes text that
has already been pulled out of a page (one line, or a few) and returns model
objects. Nothing here knows about markup. Values are normalised (no U+00A0,
white space collapsed); typographic quotes and diacritics are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from scriptorium.importers.dates import parse_date, parse_updated
from scriptorium.model import Credit, LastUpdated, PartialDate, ReviewedBook, Source

_WS = re.compile(r"\s+")


def norm(text: str | None) -> str:
    """Collapse white space (U+00A0 included) and strip."""
    if not text:
        return ""
    if "\u200b" in text:
        text = text.replace("\u200b", "")
    return " ".join(text.split())


# --------------------------------------------------------------------------- labels
_LABEL = re.compile(r"^\s*([A-Za-z][\w /\\&,.'’-]{0,60}?)\s*:\s*(.*)$", re.S)


def split_label(text: str) -> tuple[str | None, str]:
    """``"Source: Militant"`` -> ``("source", "Militant")``; no label gives ``(None, text)``."""
    m = _LABEL.match(text)
    if not m:
        return None, text
    label = m.group(1).strip().lower()
    if len(label.split()) > 6:
        return None, text
    return label, m.group(2).strip()


# --------------------------------------------------------------------------- classification
_SOURCE_LABELS = re.compile(
    r"^(source|first published|originally published|published|first printed|written and first published"
    r"|primera vez publicado|fuente|this edition|original source|first appeared)\b",
    re.I,
)
_RIGHTS_START = re.compile(
    r"^(copyright|public domain|copyleft|©|\(c\)|creative commons|licen[cs]e|derechos|all rights reserved)",
    re.I,
)
_COPIED = re.compile(
    r"(copied|downloaded|reproduced|taken|reprinted|transcribed)\s+(?:here\s+)?with\s+(?:many\s+)?thanks\s+"
    r"(?:(?:as|in)\s+an?\s+\w+\s+)?(?:from|to)\s+(.*)"
    r"|(copied)\s+from\s+((?:the\s+)?[^.]{3,80}?\bArchive\b.*)",  # "Copied from the X Archive in ETOL."
    re.I,
)
_CREDIT_WORDS = re.compile(
    r"\b(transcri\w*|mark(?:ed)?[- ]?up|markup|html|proof\w*|translat\w*|edit(?:ed|ing|or|ors)?|"
    r"digiti[sz]\w*|digitali[sz]\w*|formatted|scanned|typed|ocr|converted|prepared)\b",
    re.I,
)
_SOURCE_START = re.compile(
    r"^(from\s|(?:this\s+)?(?:text\s+)?(?:was\s+)?(?:first|originally)\s+(?:published|appeared|printed)|"
    r"published\s+(?:in|as|by)\s|reprinted\s+(?:in|from)\s|this edition\b|the following .{0,40}"
    r"(?:published|appeared))",
    re.I,
)


# Patterns of the line parsers below, compiled once.
_ADDRESSING = re.compile(r"^(?:comrades|friends|delegates|ladies and gentlemen)\b", re.I)
_ENDS_WITH_YEAR = re.compile(r"\d{4}\s*$")
_NOTE_MARKERS = re.compile(r"\s*\[[^\]]{1,4}\]")
_APPEARED_IN = re.compile(
    r"(?:first\s+)?(?:appeared|published|printed)\s+(?:\([^)]*\)\s+)?(?:in\s+(?:english\s+)?in\s+|in\s+)"
    r"(?:the\s+)?(?:[\w ]*?\speriodical\s+)?(?P<name>.+)$",
    re.I,
)
_DONE_FOR = re.compile(r"\s+for\s+(?:the\s+)?(?=[A-Z“\"‘'])|\s+for\s+marxists|\s+with thanks\b|;")
_NAME_JOINS = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|\s*,\s+(?=[A-Z]))")
_NAME_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")
_DATE_IN_PARENS = re.compile(r"\s*\(([^()]*\d{4}[^()]*)\)")
_TRAILING_BRACKETS = re.compile(r"\s*\[[^\]]*\]\s*$")
ET_AL = re.compile(r",?\s+(?:et al\.?|and others)$")
"""The "et al." after the first of several writers' names."""
BARE_CHAPTER = re.compile(
    r"(?:chapter|part|book|section|lecture|essay)\s+(?:[\dIVXLC]+|[a-z]+)\.?|[IVXLC]{1,7}\.?|\d{1,3}\.?", re.I
)
"""A chapter's number without its name ("Chapter IX", "XII."), which the heading after it names."""
_NAME_BY = re.compile(r"^(?:and\s+)?(?:by|by:|von|par|por)\s+", re.I)
_LONE_YEARS = re.compile(r"(?<![-–/\d])\b(1[5-9]\d\d|20\d\d)\b(?![-–/]\d)")
_NAME_ISSUE = re.compile(r"^(?P<name>.+?)\s+(?P<issue>(?:\d+\s*:\s*\d+)|(?:[A-Z]\s\d+)|(?:[IVX]+/\d+))$")
_NAME_NUMBER = re.compile(r"^(?P<name>.*[^\W\d_])\s+(?P<issue>\d{1,3})$")
"""A name and a bare number, the issue's ("Clarion 12, February 1960")."""
_NAME_SERIES = re.compile(r"^(?P<name>.+?)\s+\((?P<series>[^()]*series)\)$")
_NAME_VOLUME = re.compile(
    r"^(?P<name>.+?)\s+(?P<issue>(?:(?:vol|no|nr|num)(?:\.\s*|\s+|(?=\d))[\dIVXLC]|issue\s+\d|#\s*\d).*)$",
    re.I,
)
_APPEARED_IN_WORDS = re.compile(r"\b(?:first|originally)\s+(?:appeared|published)\s+in\b", re.I)
_CREDIT_START = re.compile(
    r"^(transcri\w*|mark(?:ed)?[- ]?up|html|proof\w*|translat\w*|edited|digit(?:al)?i[sz]\w*|scanned|"
    r"typed)\b",
    re.I,
)


@lru_cache(maxsize=8192)
def classify_provenance_line(text: str) -> str | None:
    """``source``, ``rights``, ``copied_from``, ``credit`` or None for one provenance line.

    Cached, like the other line parsers here: a site prints the same credit and rights lines on
    thousands of pages.
    """
    t = norm(text)
    if not t:
        return None
    if _COPIED.search(t):
        return "copied_from"
    label, _value = split_label(t)
    if label:
        if _RIGHTS_START.match(label):
            return "rights"
        if _SOURCE_LABELS.match(label):
            return "source"
        if _CREDIT_WORDS.search(label):
            return "credit"
    if _RIGHTS_START.match(t):
        return "rights"
    if _SOURCE_START.match(t):
        return "source"
    if _APPEARED_IN_WORDS.search(t) and not _CREDIT_WORDS.search(t):
        return "source"
    if _CREDIT_START.match(t):
        return "credit"
    return None


# --------------------------------------------------------------------------- rights, copied from
def parse_rights(text: str) -> str | None:
    """The rights statement as printed (labels such as ``Public Domain:`` kept)."""
    t = norm(text)
    if not t:
        return None
    return t


def parse_copied_from(text: str) -> str | None:
    """``Copied with thanks from the Socialist Review Archive.`` -> ``Socialist Review Archive``."""
    m = _COPIED.search(norm(text))
    if not m:
        return None
    site = (m.group(2) or m.group(4)).strip()
    site = re.split(r"(?<=[a-z0-9’)])\.\s+(?=[A-Z])", site)[0]
    site = re.sub(r"^(?:the)\s+", "", site, flags=re.I)
    site = site.rstrip(" .;,:")
    # "… Archive at http://…", "… Archive in ETOL": where the archive is, not its name.
    site = re.sub(r"\s+(?:at|on)\s+(?:https?://|www\.)\S+$", "", site)
    site = re.sub(r"\s+in\s+(?:the\s+)?(?:ETOL|MIA|Marxists[’']? Internet Archive)$", "", site)
    return site or None


# --------------------------------------------------------------------------- credits
_ROLE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"transla\w*|traduc\w*|übersetz\w*", re.I), "translation"),
    (
        re.compile(r"transcri\w*|digiti[sz]\w*|digitali[sz]\w*|scann\w*|typed|typing|ocr\b|keyed", re.I),
        "transcription",
    ),
    (re.compile(r"mark(?:ed|ing)?[- ]?up|markup|html|xhtml|mark-up", re.I), "markup"),
    (re.compile(r"proof\w*|correct\w*|checked", re.I), "proofreading"),
    (re.compile(r"edit\w*", re.I), "editing"),
    (re.compile(r"format\w*|convert\w*|prepared|layout|design\w*", re.I), "other"),
)


def _roles_in(label: str) -> list[str]:
    """Roles named by a credit label, in the order they are written."""
    found: list[tuple[int, str]] = []
    for pattern, role in _ROLE_WORDS:
        for m in pattern.finditer(label):
            # "Transcription" inside "English Transcription" after "Translation" is a second role.
            if (
                role == "markup"
                and re.fullmatch(r"html", m.group(0), re.I)
                and re.search(r"mark", label, re.I)
            ):
                continue
            found.append((m.start(), role))
    found.sort()
    roles: list[str] = []
    for _, role in found:
        if role not in roles:
            roles.append(role)
    return roles


_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_NAME_TAIL = re.compile(
    r"(?:[,\s]*\(?\s*(?:in\s+|on\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + _MONTH_WORD + r"\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}(?:\s*[-–,]\s*\d{4})*\s*\)?)+\s*$",
    re.I,
)


_DATED_NOTE = re.compile(r"\s*\([^()]*\d{4}[^()]*\)")
RUN_ON_LABEL = re.compile(
    r"(?<=[a-z)])\.(?=(?:Public Domain|Copyleft|Copyright|Source|Transcri[a-z]*|Proofread[a-z]*|"
    r"(?:HTML )?Mark(?:ed )?up|Translated|Translation|Written|First Published|Online Version)\s*:)"
)
"""An information block's label run on after a full stop, with no break before it:
"… (August 2015).Public Domain: …"."""
_PUBLISHED_IN = re.compile(r"\s+in\s+(?:the\s+)?[A-Z].*$")


_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s.])[A-Z]$")


def _clean_name(name: str) -> str:
    n = _clean_name_part(name)
    if _ENDS_WITH_INITIAL.search(n) and (n + ".") in norm(name):
        n += "."  # "Mike B.": the full stop of an initial, not of the sentence
    return n


def _clean_name_part(name: str) -> str:
    n = norm(name).rstrip(" .;:,")
    n = _PUBLISHED_IN.sub("", n)  # "X in the Hispanic American Historical Review of August"
    n = _TRAILING_BRACKETS.sub("", n)
    n = _NAME_BY.sub("", n)
    n = _NAME_TAIL.sub("", n)
    n = re.sub(r"\s*\((?:[^()]*\d{4}[^()]*)\)\s*$", "", n)
    n = re.sub(r"\s+(?:in|on)\s+\d{4}$", "", n)
    return n.strip(" .;:,")


def _split_names(text: str) -> list[str]:
    t = norm(text)
    # "X (December 2010/January 2011)": when the work was done, not a name (and not to be split).
    t = _DATED_NOTE.sub("", t)
    # "X.Public Domain: ..." : the next label of the block, run on without a break.
    t = RUN_ON_LABEL.split(t, maxsplit=1)[0]
    # A trailing "for the X" says who the work was done for: it is a note, not a name.
    t = _DONE_FOR.split(t, maxsplit=1)[0]
    if (m := _TRAILING_MONTH_DATE.search(t)) and m.start() > 0 and t[m.start() - 1] == " ":
        t = re.sub(r"\s+(?:in|on)$", "", t[: m.start()].rstrip(" ,"))  # "Sally Ryan January, 2001"
    t = re.sub(r"^(?:and\s+corrected\s+)?by\s+", "", t.strip(), flags=re.I)
    # "for marxists.org in 2004 by Francis King": the name follows the last "by".
    m = re.search(r"\bby\s+(.+)$", t)
    if m and not re.search(r"\bby\b", m.group(1)):
        t = m.group(1)
    elif t.startswith("for "):
        return []  # "for marxists.org in June 2002": who the work was for, and no name
    parts = _NAME_JOINS.split(t)
    names = []
    for part in parts:
        name = _clean_name(part)
        words = name.split()
        if words[:1] == ["the"] and len(words) > 2 and all(w[0].isupper() for w in words[1:]):
            name = name[4:]  # "by the Ted Crawford", and not "the Movement" (… for Workers' Councils)
        if name and _NAME_LETTER.search(name) and name.lower() not in _NO_NAME:  # not a bare number
            names.append(name)
    return names


_NO_NAME = frozenset(("unknown", "anonymous", "not known", "n/a", "none"))
"""What a credit line says where nobody is named."""


def _credit_note(text: str) -> str | None:
    m = re.search(r"\s(for\s+(?:the\s+)?[A-Z“\"‘'].*?)\.?\s*$", norm(text))
    return m.group(1).rstrip(" .") if m else None


_PHRASE = re.compile(
    r"^(?P<label>(?:[A-Za-z-]+(?:\s*(?:,|&|and|/|\\)\s*|\s+))*?(?:[A-Za-z-]+))(?:\s+\([^()]{1,40}\))?"
    r"\s+(?:by|by:)\s+(?P<rest>.+)$",
    re.I,
)


def parse_credit_line(text: str) -> list[Credit]:
    """Credits of one line: ``Transcribed & marked up by X for the Y`` gives transcription and markup."""
    return list(_credit_line(text))


@lru_cache(maxsize=8192)
def _credit_line(text: str) -> tuple[Credit, ...]:
    t = norm(text)
    if not t:
        return ()
    label, value = split_label(t)
    if label and re.search(r"\balternative\b|\bonline\b", label):
        return ()
    if label is None or not _CREDIT_WORDS.search(label):
        m = _PHRASE.match(t)
        if not m or not _CREDIT_WORDS.search(m.group("label")):
            return ()
        label, value = m.group("label"), m.group("rest")
    roles = _roles_in(label)
    if not roles:
        return ()
    note = _credit_note(value)
    pairs = value.split("/")
    if len(roles) > 1 and len(pairs) == len(roles) and "/" in label:
        # "Transcription/Markup: unknown/B. Baggins": each role has the name in its place.
        return tuple(
            Credit(role=role, name=name, note=note)
            for role, names in zip(roles, map(_split_names, pairs), strict=True)
            for name in names
        )
    names = _split_names(value)
    return tuple(Credit(role=role, name=name, note=note) for role in roles for name in names)


# --------------------------------------------------------------------------- sources
_PAGES = re.compile(
    r"^(?:pp?\.?\s?\d|pages?\s+\d|pp\d|p\.\s?[ivxlc]+\b|(?:front|back|centre|center) pages?\b)", re.I
)
_ISSUE = re.compile(
    r"^(?:vol(?:ume)?(?:\.\s*|\s+|(?=\d))[\dIVXLC]|no\.?\s*\d|nos?\.\s*\d|number\s+\d|nr\.?\s*\d|"
    r"issue\s+\d|#\s*\d|"
    r"\d+(?:st|nd|rd|th)\s+(?:year|series)|\(?new series\)?|series\s+\d|whole\s+no|n°|bd\.|jg\.|"
    r"vv?\.\s*\d|n[uú]m\.?\s*\d|heft\s+\d|\d{1,4}\s*:\s*\d{1,3}$)",
    re.I,
)
_BOOKISH = re.compile(
    r"\b(press|publishers?|publishing|publications|ltd\.?|edition|pamphlet|eds?\.|editors?|"
    r"verlag|éditions|resolutions|documents|collected works|selected works|works|anthology|"
    r"stenographic|minutes|proceedings|university|isbn|penguin|vintage|library|document|institute|book|"
    r"co|published\s+by|extract|editions|wishart|sonnenschein|gollancz|macmillan|routledge|longmans?|unwin|"
    r"pathfinder|bookmarks|verso|pluto)\b",
    re.I,
)
_STATEMENT_PREFIX = re.compile(
    r"^(?:source\s*:\s*|first\s+published\s*:\s*|published\s*:\s*|originally\s+published\s*:\s*)?"
    r"(?:from\s+|(?:this\s+text\s+)?(?:was\s+)?(?:first|originally)\s+(?:published|appeared|printed)\s+"
    r"(?:in\s+|as\s+)?|published\s+in\s+|published\s+by\s+|reprinted\s+in\s+)?",
    re.I,
)
_SET_DATE = re.compile(
    r"^(?P<days>\d{1,2}(?:\s*(?:,|&|and)\s*\d{1,2})*(?:\s+[A-Za-zé]+\.?)?(?:\s*(?:,|&|and)\s*\d{1,2}"
    r"(?:\s*(?:,|&|and)\s*\d{1,2})*\s+[A-Za-zé]+\.?)*)\s+(?P<year>\d{4})$"
)


def _set_date(text: str) -> PartialDate | None:
    """``8 & 15 October 1922`` -> EDTF set ``{1922-10-08,1922-10-15}``."""
    t = norm(text)
    m = _SET_DATE.match(t)
    if not m or not re.search(r"[,&]|\band\b", m.group("days")):
        return None
    year = m.group("year")
    # Walk right to left: each month word applies to the days before it.
    tokens: list[str] = re.findall(r"\d{1,2}|[A-Za-zé]+\.?", m.group("days"))
    days: list[str] = []
    month_word: str | None = None
    for tok in reversed(tokens):
        if tok.lower() == "and":
            continue
        if tok[0].isdigit():
            if month_word is None:
                return None
            single = parse_date(f"{tok} {month_word} {year}")
            if single is None:
                return None
            days.append(single.edtf)
        else:
            month_word = tok
    if len(days) < 2:
        return None
    return PartialDate(text=t, edtf="{" + ",".join(reversed(days)) + "}")


_DIGIT = re.compile(r"\d")
_VAGUE_PREFIX = re.compile(r"^(?:mid|early|late|end of|beginning of)[- ]", re.I)


@lru_cache(maxsize=4096)
def _date_of(text: str) -> PartialDate | None:
    """A part of a source statement read as a date (cached: issue dates repeat across a periodical)."""
    if _DIGIT.search(text) is None:
        return None  # every date the archive prints has a year
    t = norm(text).strip(" .;,")
    t2 = _VAGUE_PREFIX.sub("", t)
    parsed = _set_date(t2) or parse_date(t2)
    if parsed is None:
        return None
    return PartialDate(text=t, edtf=parsed.edtf)


_SENTENCE_END = re.compile(
    r"(?:(?<=[a-z]{3})|(?<=\d{3})|(?<=[’”)\]]))(?<!\b(?:eds|vol|nos|Vol|Nos|Eds))(?<!\bed)\.\s+(?=[A-Z])"
)


def _first_sentence(text: str) -> str:
    parts = _SENTENCE_END.split(text)
    return parts[0]


def _split_parts(text: str) -> list[str]:
    """Comma-separated parts, keeping a parenthesised date as its own part, a parenthesised issue
    designation (``September 1928 (Vol. I, No. 1)``) as parts of its own, and ``October, 1923``
    as one date."""
    t = _DATE_IN_PARENS.sub(r", \1", text)
    t = _ISSUE_IN_PARENS.sub(r", \1,", t)
    if _KEPT_COMMA not in t:  # a comma no split is made at, given back below
        t = _MONTH_COMMA_YEAR.sub(_KEPT_COMMA_REPL, t)
    return [p.strip().replace(_KEPT_COMMA, ",") for p in re.split(r",\s*", t) if p.strip()]


_KEPT_COMMA = "\ue000"  # a private-use character
_KEPT_COMMA_REPL = "\\1" + _KEPT_COMMA + " \\2"
_ISSUE_IN_PARENS = re.compile(r"\s*\(((?:vol(?:ume)?|no)\.?\s*[\dIVXLC][^()]*)\)", re.I)
_MONTH_COMMA_YEAR = re.compile(
    r"\b(" + _MONTH_WORD + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?),\s+(1[5-9]\d\d|20\d\d)\b", re.I
)
_TRAILING_MONTH_DATE = re.compile(
    r"(?:\b\d{1,2}(?:st|nd|rd|th)?\s+)?\b(?:" + _MONTH_WORD + r"\s*[-–/]\s*)?" + _MONTH_WORD
    + r",?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?"
    r"(?:1[5-9]\d\d|20\d\d)$",
    re.I,
)
_LEADING_IN = re.compile(r"^in\s+(?=[A-Z])")
_YEAR_AT_END = r"(?:1[5-9]\d\d|20\d\d)\b"
_EMBEDDED_DATES = (
    # "7 September 1925" is tried first, then "September 1925" (the 7 may be the volume's), then
    # "September 15, 1925", then a year alone at the end.
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r"\s+" + _YEAR_AT_END, re.I),
    re.compile(r"\b" + _MONTH_WORD + r",?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?" + _YEAR_AT_END, re.I),
    re.compile(r"\b(?:1[5-9]\d\d|20\d\d)$"),
)


def _embedded_date(part: str) -> tuple[PartialDate, str] | None:
    """A date printed inside a part that is otherwise an issue designation (or nothing): the date,
    and what is left of the part."""
    for pattern in _EMBEDDED_DATES:
        m = pattern.search(part)
        if m is None:
            continue
        rest = norm(part[: m.start()] + " " + part[m.end() :]).strip(" ,;")
        if rest and not _ISSUE.match(rest):
            continue
        d = _date_of(m.group(0))
        if d is not None:
            return d, rest
    return None


@lru_cache(maxsize=8192)
def parse_source_statement(text: str) -> Source | None:
    """A ``Source`` from a provenance statement (``From Socialist Review, No. 176, June 1976.``).

    ``statement`` keeps the line as printed. A book (or anything that names no
    periodical issue) gives ``periodical`` None.
    """
    statement = norm(text)
    if not statement:
        return None
    label, value = split_label(statement)
    body = value if label and _SOURCE_LABELS.match(label) else statement
    body = _NOTE_MARKERS.sub("", body)  # note markers
    first = _first_sentence(body).strip().rstrip(".")
    phrase = _APPEARED_IN.search(first)
    prefixed = _STATEMENT_PREFIX.match(first)
    if phrase and not re.match(r"^from\s", first, re.I):
        rest = phrase.group("name")
        m = re.match(r"^(?P<name>.+?)\s+in\s+(?P<date>(?:\w+\s+)?\d{4})$", rest)
        if m:
            rest = f"{m.group('name')}, {m.group('date')}"
        core = rest
    elif prefixed:
        core = first[prefixed.end() :]
    else:
        core = first
    if re.match(r"^https?://", core):
        return Source(statement=statement)
    if m := _DATE_THEN_NAME.match(core):
        core = f"{m.group('name')}, {m.group('date')}"  # "May 1916, The Masses": a monthly's issue
    return _source_from_parts(statement, core, from_phrase=bool(phrase), whole=body)


_DATE_THEN_NAME = re.compile(
    r"^(?P<date>(?:\d{1,2}\s+)?" + _MONTH_WORD + r"\.?\s+(?:\d{1,2},?\s+)?(?:1[5-9]\d\d|20\d\d)),\s+"
    r"(?P<name>[A-Z][^,\d]{2,60})$",
    re.I,
)
"""A date with its month, then a name: the issue of a periodical ("May 1916, The Masses")."""


_PLACES = (
    r"London|New York|Paris|Moscow|Berlin|Chicago|Peking|Beijing|Havana|Brussels|Glasgow|Dublin|Edinburgh|"
    r"Amsterdam|Vienna|Z[uü]rich|Geneva|Petrograd|Leningrad|Kharkov|Kiev|Madrid|Barcelona|Lima|Mexico City|"
    r"Buenos Aires|Bombay|Calcutta|Colombo|Tokyo|Shanghai|Sydney|Melbourne|Toronto|Montreal|Johannesburg|"
    r"Munich|M[üu]nchen|Stuttgart|Leipzig|Hamburg|Rome|Milan|Athens|Lisbon|Stockholm|Copenhagen|Prague|"
    r"Budapest|Warsaw|Detroit|San Francisco|Los Angeles|Boston|Philadelphia|Cleveland|Minneapolis|"
    r"Manchester|Liverpool|Birmingham|Leeds|Sheffield|Belfast|Cardiff"
)
_IMPRINT_PLACE = re.compile(r"^(?:" + _PLACES + r")\b")
_LANGUAGES = (
    r"Russian|German|French|Spanish|Italian|English|Dutch|Portuguese|Polish|Czech|Greek|Swedish|Norwegian|"
    r"Danish|Yiddish|Hebrew|Chinese|Japanese|Vietnamese|Turkish|Hungarian|Romanian|Bulgarian|Serbian|"
    r"Ukrainian|Catalan|Esperanto|Arabic|Persian|Korean"
)
_LANGUAGE_LEAD = re.compile(r"^(?:in\s+)?(?:" + _LANGUAGES + r")(?:\s+(?P<then>in|as|by)\b\s*|\s*$)")
_PLACE_OR_LANGUAGE = re.compile(
    r"^(?:" + _PLACES + "|" + _LANGUAGES + r"|Russia|Germany|France|Spain|Italy)$"
)
_QUOTED_TITLE = re.compile(
    r"^(?:(?:originally\s+)?as\s+)?[“\"][^”\"]{2,300}[”\"]\s*(?:,\s*|\s+in\s+)?(?=[A-Z])", re.I
)
_ISSUE_OF_NAME = re.compile(r"(?:the\s+)?([A-Z][^,.;]*)")
_BRACKETED_ISSUE = re.compile(r"(?<=,)(\s*)\[([^\[\]]*\d[^\[\]]*)\]")
_PROSE_AFTER_ISSUE = re.compile(r"\s+(?:when|where|which|while|whereupon)\s.*$")
"""The running text after an issue designation ("Vol. 6 no. 2 when X was a militant …")."""
_TITLE_COLON = re.compile(r"\w: ")  # "Kim Il Sung: Selected Works" is a book's title
_BARE_NUMBER = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6})$")
_CONNECTORS = frozenset(
    (
        *("of", "the", "and", "for", "on", "in", "a", "an", "to", "at", "de", "la", "le", "les", "du"),
        *("des", "di", "del", "da", "dos", "das", "und", "für", "der", "die", "en", "y", "e", "et"),
        *("van", "voor", "op", "och", "og"),
    )
)
"""Small words a periodical's name may hold in lower case."""
_KIND_BEFORE_NAME = re.compile(
    r"\b(?:monthly|weekly|daily|quarterly|journal|magazine|newspaper|paper|organ)\s+(?:the\s+)?([A-Z][^,]*)$"
)
_ONLINE_ARCHIVE = re.compile(r"\binternet archive$", re.I)
_PROSE_BEFORE_NAME = re.compile(
    r"\b(?:in|magazine|journal|weekly|monthly|quarterly|paper|newspaper)\s+(?:the\s+)?([A-Z].*)$"
)


_EDITORIAL_PLACE = re.compile(r"\s*\[(?:" + _PLACES + r")\]$")


def _periodical_name(candidate: str) -> str | None:
    """The periodical a source statement's name part names, or None where the part is no such name
    (a place, a language, prose such as ``most recently in 2003``, a book's ``by X``)."""
    name = candidate.strip(" .;:")
    name = _EDITORIAL_PLACE.sub("", name)  # "The Liberator [New York]": the editor's note of the place
    if name.startswith("in "):
        name = name[3:]  # "Published: in Critique"
    if name.startswith("the ") and name[4:5].isupper():
        name = "The " + name[4:]  # "From the Spectator"
    if not name or ";" in name or _TITLE_COLON.search(name):
        return None
    if _PLACE_OR_LANGUAGE.match(name) or _BARE_NUMBER.match(name):
        return None
    if name[0].islower() or name.lower().startswith("by "):
        # Prose before the name: "a longer form in Left", "the quarterly literary magazine Gangrel".
        m = _PROSE_BEFORE_NAME.search(name)
        if m is None or name.lower().startswith("by "):
            return None
        return _periodical_name(m.group(1))
    if name.count("(") > name.count(")"):
        name = name[: name.rindex("(")].rstrip()  # "Unter dem Banner der Marxismus (2nd year, No.1-2)"
    if (m := _KIND_BEFORE_NAME.search(name)) is not None:
        name = m.group(1)  # "Originally written for the French monthly Esprit"
    if _ONLINE_ARCHIVE.search(name):
        return None  # the archive itself, a web site and no periodical
    words = name.split()
    if not words:
        return None
    lower = sum(1 for w in words if w[0].islower() and w.lower() not in _CONNECTORS)
    if lower * 2 > len(words) or (len(words) > 1 and words[-1].lower() in _CONNECTORS):
        return None  # a sentence ("Speech delivered on the morning of …"), not a name
    return name


class _Core(NamedTuple):
    text: str
    name: str | None = None
    """The periodical, where the statement names it outright (``… issue of Politis``)."""
    not_periodical: bool = False
    """The statement names a book or a translation, not a periodical."""
    titled: bool = False
    """The core opens with the work's own title (``in French as Puissance du communisme, …``)."""


def _prepare_core(core: str) -> _Core:
    """The statement's core with an article's quoted title, a language and brackets round an issue
    designation taken off, and what that told."""
    at = core.find(" issue of ")
    if at > 0 and (named := _ISSUE_OF_NAME.match(core, at + len(" issue of "))) is not None:
        # "in the February 8, 2006, issue of Green Left Weekly"
        head = core[:at].rstrip(" ,")
        cut = max(head.rfind(" in the "), head.rfind(" in "))
        date = (head[cut:].removeprefix(" in") if cut >= 0 else head).strip().removeprefix("the ").strip(" ,")
        if _DIGIT.search(date):
            name = named.group(1).strip()
            return _Core(f"{name}, {date}", name=name)
    m = _QUOTED_TITLE.match(core)
    if m and m.end() < len(core):
        core = core[m.end() :]
    titled = False
    m = _LANGUAGE_LEAD.match(core)
    if m:
        # "in Russian in 1920", "in French in Mai (Brussels)", "in German as Kein Kompromiß"
        then = m.group("then")
        core = core[m.end() :]
        if then == "as":
            titled = True
        elif then != "in":
            return _Core(core, not_periodical=True)
    return _Core(_BRACKETED_ISSUE.sub(r"\1\2", core), titled=titled)


def _source_from_parts(statement: str, core: str, *, from_phrase: bool, whole: str) -> Source:
    prepared = _prepare_core(core)
    core, not_periodical = prepared.text, prepared.not_periodical
    parts = _split_parts(core)
    kinds: list[str] = []
    dates: list[PartialDate] = []
    used = [False] * len(parts)
    i = 0
    while i < len(parts):
        for width in (4, 3, 2, 1):
            if i + width > len(parts):
                continue
            joined = ", ".join(parts[i : i + width])
            if width > 1 and not _ENDS_WITH_YEAR.search(joined):
                continue
            bare = i > 0 and _BARE_NUMBER.match(parts[i]) is not None  # "Solidarity, III, 9 (June 1965)"
            d = _date_of(joined) if not _ISSUE.match(parts[i]) else None
            if bare and d is not None and not d.edtf.startswith("{"):
                d = None  # a number before a date is the issue's, unless the days are a list
            if d is not None:
                dates.append(d)
                for k in range(i, i + width):
                    used[k] = True
                kinds.extend(["date"] * width)
                i += width
                break
        else:
            p = parts[i]
            if _PAGES.match(p):
                kinds.append("pages")
            elif _ISSUE.match(p) or (i > 0 and kinds[-1] in ("text", "issue") and _BARE_NUMBER.match(p)):
                kinds.append("issue")
            else:
                kinds.append("text")
            i += 1
    pages = next((p.rstrip(" ;,") for p, k in zip(parts, kinds, strict=True) if k == "pages"), None)
    issue_parts = [p for p, k in zip(parts, kinds, strict=True) if k == "issue"]
    text_idx = [n for n, k in enumerate(kinds) if k == "text"]
    first_hit = next((n for n, k in enumerate(kinds) if k in ("issue", "date", "pages")), len(parts))
    periodical: str | None = None
    before = [n for n in text_idx if n < first_hit]
    if any(parts[n].lower().startswith("by ") for n in text_idx):
        not_periodical = True  # "Problems of the Chinese Revolution, by Leon Trotsky, 1932": a book
    if prepared.titled:
        before = before[1:]  # the first part is the work's title
    for n in reversed(before):
        # The name is the last part before the issue, passing over a place ("The Militant, New York,
        # Vol. 2") and words of the running text ("Justice, editorial, 27 July 1889").
        part = parts[n]
        if _PLACE_OR_LANGUAGE.match(part) or (part[:1].islower() and _periodical_name(part) is None):
            continue
        periodical = part
        break
    # "International Socialism 2 : 103", "SWP Discussion Bulletin A 15"
    if periodical:
        m = _NAME_ISSUE.match(periodical)
        if m:
            periodical = m.group("name")
            issue_parts.insert(0, m.group("issue"))
        m = _NAME_SERIES.match(periodical)
        if m:
            periodical = m.group("name")
            issue_parts.insert(0, m.group("series"))
        m = _NAME_VOLUME.match(periodical)
        if m:
            periodical = m.group("name")
            issue_parts.insert(0, m.group("issue"))
        m = _NAME_NUMBER.match(periodical)
        if m and m.group("name").split()[-1].lower().rstrip(".") not in ("vol", "no", "nr", "num", "issue"):
            periodical = m.group("name")
            issue_parts.insert(0, m.group("issue"))
    date = dates[0] if dates else None
    last = parts[before[-1]] if before else None
    if date is None and last:
        # "Vorwärts 10 March 1897", "in Socialisme ou Barbarie July, 1955": a date after the name.
        # It dates the source either way; the name is taken for a periodical's only where the
        # statement says it appeared in one (a lone name and date may be a place and a book's date).
        m = _TRAILING_MONTH_DATE.search(last)
        if m and m.start() > 0:
            d = _date_of(m.group(0))
            if d is not None:
                name = _LEADING_IN.sub("", last[: m.start()]).strip(" ,;")
                date = d
                if periodical is None or periodical == last:
                    periodical = name if from_phrase and name else None
    if date is None and periodical:
        # "Vol. VIII July 1926", "October, 1923 No. 4", "No. 5 (New series) 1924": the issue's date
        # printed inside its designation. The designation keeps the rest, so that every page of one
        # issue names it alike whether the date stands inside it or after it.
        for n in range(first_hit, len(parts)):
            if kinds[n] not in ("issue", "text"):
                continue
            found = _embedded_date(parts[n])
            if found is None:
                continue
            date, rest = found
            issue_parts = [p for p, k in zip(parts, kinds, strict=True) if k == "issue" and p != parts[n]]
            if rest:
                issue_parts.insert(sum(1 for k in kinds[:n] if k == "issue"), rest)
            break
    issue = _PROSE_AFTER_ISSUE.sub("", ", ".join(issue_parts)) or None
    if issue and issue.count(")") > issue.count("("):
        issue = issue.rstrip(")").rstrip() or None  # the end of a bracket the commas cut open
    bookish = (
        periodical is not None
        and not issue
        and (
            _BOOKISH.search(core) is not None
            # A place of publication standing on its own ("…, London 1970"), not in a title ("May
            # Greetings from Stuttgart") nor qualifying a name ("Inprecor (Paris)"): a book's imprint.
            or any(_IMPRINT_PLACE.match(p) for p in parts)
        )
    )
    if periodical and not from_phrase and not issue and not date:
        bookish = True
    if bookish:
        periodical = None
        issue = None if not re.match(r"(?i)^(vol|no)", issue or "") else issue
    if date is None and (bookish or periodical is None):
        years = _LONE_YEARS.findall(whole)
        if years:
            date = PartialDate(text=years[0], edtf=years[0])
    if periodical:
        periodical = _periodical_name(periodical)
    if prepared.name:
        periodical = prepared.name
    if not_periodical or (prepared.titled and not issue):
        periodical = None
    return Source(statement=statement, periodical=periodical, issue=issue, date=date, pages=pages)


# --------------------------------------------------------------------------- reviewed books
_PRICE = re.compile(
    r"(?:[£$€]\s?\d(?:[\d.,]*\d)?"  # "£2.50." ends at the 0: the stop is the sentence's
    r"|\b\d{1,2}s\.?\s?(?:\d{1,2}d\.?)?(?!\w)"  # pre-decimal shillings and pence: 7s. 6d., 5s.
    r"|\b\d{1,2}/(?:\d{1,2}d\.?|-)(?!\w)"  # 10/6d., 5/-
    r"|\b\d{1,2}d\.(?!\w)"  # 6d.
    r"|\d[\d.,]*\s?(?:p|pence|francs|DM|Kr|kr)\b|\bfree\b"
    r"|\bRs?\.\s?\d{1,4}(?:\.\d{1,2})?(?![\d.]\d))"  # rupees: R.3, R. 3.14, Rs. 5
)
# Longer words first: "edited by X" must not read as "ed" + "ited by X".
_EDITOR = re.compile(r"^(?:edited\s+by|editors?\b|eds?\b\.?)\s*[:.]?\s*(.+)$", re.I)
_TRANSLATOR = re.compile(
    r"^(?:translated\s+by|translators?\b|trans(?:lated)?\b\.?(?:\s+by)?)\s*[:.]?\s*(.+)$", re.I
)


def _book_names(text: str) -> list[str]:
    return [n for n in (_clean_name(p) for p in re.split(r"\s*(?:&|\band\b|,)\s*", text)) if n]


_PUBLISHER_CITY = re.compile(r"London|New York|Paris|Oxford|Cambridge|Moscow|Berlin")
_INSTITUTION = re.compile(r"(?:Government|Ministry|Department|University|Office|Bureau|Council)\b")


def _publisher_line(line: str) -> tuple[str | None, str | None, str | None]:
    """``Socialist Platform, London, 2000, pp140, £5.00`` -> publisher, year, price."""
    price_m = _PRICE.search(line)
    price = price_m.group(0).strip() if price_m else None
    if price_m and (net := re.match(r"\s*net\b", line[price_m.end() :])):
        price = f"{price} {net.group(0).strip()}"  # "10s. 6d. net": the price as the publisher set it
    rest = line[: price_m.start()] if price_m else line
    year_m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", rest)
    year = year_m.group(1) if year_m else None
    parts = [p.strip() for p in re.split(r"[,;]", rest) if p.strip()]
    names: list[str] = []
    for p in parts:
        if re.search(r"\d", p) or _PUBLISHER_CITY.fullmatch(p):
            if names:
                break  # the publisher's name ends at the place or the year
            continue
        names.append(p.strip(" ."))
    # "Labour Office, Government of Bombay": a publisher named in two parts, the second an institution.
    publisher = names[0] if names else None
    if len(names) > 1 and _INSTITUTION.match(names[1]):
        publisher = f"{names[0]}, {names[1]}"
    return publisher or None, year, price


_NAME_WITH_IMPRINT = re.compile(
    r"^(?:by\s+)?(?P<who>[^()]{3,80}?)\.\s*\((?P<imprint>[^()]{3,160})\)\.?$", re.I
)


def parse_reviewed_book(lines: list[str], title_index: int | None = None) -> ReviewedBook | None:
    """One reviewed book from its block: author line, title, ``Ed: X``, ``Pluto £14.95``.

    ``title_index`` says which line is the title when markup shows it (bold or
    italic); otherwise the title is the first line that is neither a name list,
    an editor/translator line nor a publisher/price line.
    """
    clean = [norm(x) for x in lines if norm(x)]
    if not clean:
        return None
    if len(clean) == 1 and "," in clean[0] and title_index is None:
        return _inline_book(clean[0])
    authors: list[str] = []
    editors: list[str] = []
    translators: list[str] = []
    publisher = year = price = None
    title: str | None = None
    if title_index is not None and 0 <= title_index < len(clean):
        title = clean[title_index]
    for n, line in enumerate(clean):
        if title is not None and n == title_index:
            continue
        if m := _EDITOR.match(line):
            editors.extend(_book_names(m.group(1)))
        elif m := _TRANSLATOR.match(line):
            translators.extend(_book_names(m.group(1)))
        elif (cited := _NAME_WITH_IMPRINT.match(line)) and _looks_like_names(cited.group("who")):
            # "By G. Author. (Publisher, 1923. R.3.)": the author, then the imprint in brackets.
            authors.extend(_book_names(cited.group("who")))
            publisher, year, price = _publisher_line(cited.group("imprint"))
        elif _PRICE.search(line) or _BOOK_YEAR.search(line):
            publisher, year, price = _publisher_line(line)
        elif title is None and (
            title_index is not None or n > 0 or len(clean) == 1 or not _looks_like_names(line)
        ):
            title = line
        elif title is None or (title_index is not None and n < title_index):
            authors.extend(_book_names(line))
        elif title is not None and line[:3].lower() == "by " and len(line) < 120:
            authors.extend(_book_names(line[3:]))
        elif publisher is None and _looks_like_names(line) and _publisher_follows(clean[n + 1 :]):
            # A name under the title, above the publisher and price line, is the book's author.
            authors.extend(_book_names(line))
        elif publisher is None:
            publisher = line.strip(" .")
    if not title and authors:
        title = authors.pop()
    if not title:
        return None
    return ReviewedBook(
        title=title.strip(),
        authors=tuple(authors),
        editors=tuple(editors),
        translators=tuple(translators),
        publisher=publisher,
        year=year,
        price=price,
    )


def _publisher_follows(lines: list[str]) -> bool:
    return any(_PRICE.search(x) or _BOOK_YEAR.search(x) for x in lines)


_BOOK_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b|\bpp\.?\s?\d")


def _looks_like_names(line: str) -> bool:
    words = line.replace("&", " ").replace(",", " ").split()
    if words and words[0] in ("The", "A", "An", "On", "In"):
        return False
    return 1 < len(words) <= 8 and all(
        w[:1].isupper() or w.lower() in ("and", "de", "van", "von") for w in words
    )


def parse_book_line(title: str, rest: str) -> ReviewedBook | None:
    """A book named on one line after its title: ``by Author. Publisher, 1955. 2s. 6d.`` or
    ``Author, Publisher``. The first part is the author (``by`` or a list of names), the next the
    publisher with its year and price; None unless the rest reads so."""
    rest = norm(rest).lstrip(" ,.:;").rstrip(" ,;")
    if not title or not rest:
        return None
    parts = re.split(r"(?<=[a-z]{2})\.\s+|,\s+", rest, maxsplit=1)
    if len(parts) < 2:
        return None
    who, where = parts[0].strip(), re.sub(r"[()]", "", parts[1]).strip()  # "(Publisher, City) 12s."
    if who[:3].lower() == "by ":
        who = who[3:]
    elif not _looks_like_names(who):
        return None
    authors = _book_names(who)
    if not authors:
        return None
    publisher, year, price = _publisher_line(where)
    if publisher is None and year is None and price is None:
        return None
    return ReviewedBook(title=title, authors=tuple(authors), publisher=publisher, year=year, price=price)


def _inline_book(line: str) -> ReviewedBook | None:
    """``Author, Title, Publisher, Year, £price``."""
    parts = [p.strip() for p in line.split(",") if p.strip()]
    if len(parts) < 2:
        return None
    authors = _book_names(parts[0]) if _looks_like_names(parts[0]) else []
    rest = parts[1:] if authors else parts
    title = rest[0]
    publisher, year, price = _publisher_line(", ".join(rest[1:])) if len(rest) > 1 else (None, None, None)
    return ReviewedBook(title=title, authors=tuple(authors), publisher=publisher, year=year, price=price)


# --------------------------------------------------------------------------- last updated
_UPDATED = re.compile(
    r"(?:last\s+)?(?:up\s?dated|modified|revised|actualizado|aggiornato)(?:\s+on)?\s*:?\s*(.+)$", re.I
)


@lru_cache(maxsize=8192)
def parse_last_updated(text: str) -> LastUpdated | None:
    """``Last updated on 17 November 2009`` -> ``LastUpdated("17 November 2009", "2009-11-17")``."""
    t = norm(text)
    m = _UPDATED.search(t)
    if not m:
        return None
    value = m.group(1).strip().rstrip(".").strip()
    value = re.split(r"\s+(?:by|\||–|-)\s+", value)[0].strip()
    if not value or not re.search(r"\d", value):
        return None
    return LastUpdated(text=value, iso=parse_updated(value))


# --------------------------------------------------------------------------- kind
_KIND_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(obituary|in memoriam|nachruf)\b", re.I), "obituary"),
    (re.compile(r"\binterview\b", re.I), "interview"),
    (
        re.compile(
            r"\b(speech|address|lecture|report to|remarks at|delivered at|discussion on the report)\b", re.I
        ),
        "speech",
    ),
    (re.compile(r"\b(open letter|letter|letters)\b", re.I), "letter"),
    (re.compile(r"\b(review|reviewed)\b", re.I), "review"),
    (
        re.compile(r"\b(resolution|manifesto|theses|programme|program|declaration|statement|appeal)\b", re.I),
        "document",
    ),
    (re.compile(r"\beditorial\b", re.I), "editorial"),
    (re.compile(r"\bpamphlet\b", re.I), "pamphlet"),
)


_DOCUMENT_WORK = re.compile(
    r"\b(resolutions?|manifesto|theses|programme|program|declaration|statutes|constitution|treaty|"
    r"agreement|charter)\b",
    re.I,
)
_APPEAL_TITLE = re.compile(r"^to (?:the|all)\b.*!$", re.I)
_CHAPTER_TITLE = re.compile(r"^(?:chapter|chap\.)\s+\w+|^[IVXLC]{1,7}\.\s+[A-Z]", re.I)
_LIFE_TITLE = re.compile(
    r"^((?:[A-ZÀ-Þ][\w’'.-]*\s+){0,4}[A-ZÀ-Þ][\w’'.-]*)\s*\((?:c\.\s*)?1[5-9]\d\d\s*[-–]\s*(?:1[5-9]\d\d|20\d\d)?\)$"
)
_REVIEW_PROSE = re.compile(r"\b(following|this)\s+review\b|\breview of\b(?!\s+books\b)", re.I)
_PAMPHLET_PROSE = re.compile(r"\bas (?:a )?pamphlet\b|^\s*pamphlet\b|\bpamphlet,|\ba pamphlet\b", re.I)
_THIS_REVIEW = re.compile(r"\s*(?:this|the following)\s+review\s+of\b", re.I)
_THIS_PAMPHLET = re.compile(r"\b(?:this|his|her|the present) pamphlet\b", re.I)
_BOOK_PART = re.compile(
    r"\b(?:part|book)\s+(?:\d+|[IVXLC]+),\s*(?:section|chapter)\b|\bchapter\s+(?:\d+|[IVXLC]+)\b", re.I
)
_PUBLISHER = re.compile(r"\bpublished\b[^.]*\bby\b|\bpublishers?\b|\bpress\b", re.I)
_SALUTATION = re.compile(
    r"^(?:\(?to the editors?\b|dear\b|my dear\b|mr\.? president\b|sir[,:!]|gentlemen[,:])", re.I
)
_SIGN_OFF = re.compile(
    r"\b(?:yours (?:truly|fraternally|sincerely|faithfully)|(?:truly|sincerely|faithfully|fraternally|"
    r"comradely) yours|with (?:comradely|fraternal|communist) greetings)\b",
    re.I,
)
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
_SPEECH_PROSE = re.compile(
    r"\b(speech|(?<!internet )(?<!web )(?<!e-mail )(?<!email )(?<!this )address|delivered|stenographic)\b",
    re.I,
)
"""A speech named in the provenance, not an address to cite ("cite this Internet address")."""
_RESOLUTION_PROSE = re.compile(r"\bresolutions?\b", re.I)
_BOOK_LENGTH = 40_000  # characters: longer than any article, the length of a separately published work


def guess_kind(
    *,
    title: str = "",
    subtitle: str | None = None,
    reviewed: bool = False,
    chapter: bool = False,
    provenance: str = "",
    opening: str = "",
    closing: str = "",
    part_of: str | None = None,
    window_title: str = "",
    book_source: bool = False,
    text_length: int | None = None,
    verse: bool = False,
) -> tuple[str, str]:
    """The kind of a work and the evidence used: ``("review", "reviewed-book block")``.

    ``opening`` may hold the first few paragraphs separated by blank lines: a letter's salutation often
    follows a dateline or an editor's lead-in. ``book_source`` says the source names no periodical;
    ``verse`` that the text is set in short lines, as a poem is.
    """
    if reviewed:
        return "review", "reviewed-book block"
    if text_length == 0:
        return "other", "no body text"
    if verse and not chapter:
        return "other", "set as verse"
    if chapter:
        if part_of and _DOCUMENT_WORK.search(part_of):
            return "document", "part of a document"
        return "book-chapter", "chapter of a larger work"
    heads = f"{title} {subtitle or ''}"
    for pattern, kind in _KIND_CUES:
        if pattern.search(heads):
            return kind, f"title says {kind}"
    if _APPEAL_TITLE.match(title.strip()):
        return "document", "title is an appeal"
    if _CHAPTER_TITLE.match(window_title.strip()) or _CHAPTER_TITLE.match(title.strip()):
        return "book-chapter", "title is a chapter heading"
    if _LIFE_TITLE.match(title.strip()):
        return "other", "title names a life"
    prov = norm(provenance)
    # Each cue needs its word, so a substring test rules it out cheaply, unless the text holds one of the four
    # letters that match an ASCII letter only when case is ignored (then the patterns decide alone).
    low = None if any(c in prov for c in _FOLDS_TO_ASCII) else prov.lower()
    if (low is None or "review" in low) and _REVIEW_PROSE.search(prov):
        return "review", "provenance says review"
    if (low is None or "pamphlet" in low) and (_PAMPHLET_PROSE.search(prov) or _THIS_PAMPHLET.search(prov)):
        return "pamphlet", "provenance says pamphlet"
    if (
        low is None or "speech" in low or "address" in low or "delivered" in low or "stenographic" in low
    ) and _SPEECH_PROSE.search(prov):
        return "speech", "provenance says speech"
    if (low is None or "resolution" in low) and _RESOLUTION_PROSE.search(prov):
        return "document", "provenance says resolution"
    if book_source and _BOOK_PART.search(prov):
        return "book-chapter", "source names a part of a book"
    paragraphs = [norm(p) for p in opening.split("\n\n") if p.strip()][:5] or [""]
    start = paragraphs[0][:200]
    if any(_SALUTATION.match(p) and len(p) < 60 for p in paragraphs[1:]) or _SALUTATION.match(start):
        return "letter", "opens with a salutation"
    if _ADDRESSING.match(start):
        return "speech", "opens by addressing an audience"
    if _THIS_REVIEW.match(start):
        return "review", "opening says review"
    if _THIS_PAMPHLET.search(paragraphs[0][:400]):
        return "pamphlet", "opening says pamphlet"
    if _SIGN_OFF.search(norm(closing)[-150:]):
        return "letter", "closes with a sign-off"
    if book_source and (text_length or 0) > _BOOK_LENGTH and _PUBLISHER.search(prov):
        return "pamphlet", "a separately published work"
    return "article", "default"
