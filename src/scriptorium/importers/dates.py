"""Dates as archive pages print them, turned into EDTF.

``parse_date("June 1976")`` gives ``PartialDate("June 1976", "1976-06")``.
Handled: day/month/year in either order, month names in the archive's main
languages, seasons (EDTF 21-24), decades (``1930s`` -> ``193X``), ranges
(``1913-1916``, ``July/August 1976``, ``Winter 1959-60``), dual Julian and
Gregorian days (``July 8 (21), 1914`` -> the Gregorian day), uncertain
(``1920?``) and approximate (``c. 1920``) years. Anything else gives None;
callers decide whether to warn.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date as _date
from functools import lru_cache

from scriptorium.model import PartialDate

_MONTHS: dict[str, int] = {}

MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
"""An English month's name in full, as the archive's date lines and signatures print it."""
BARE_DATE = re.compile(
    r"[(\[]?(?:\d{1,2}\s+)?(?:" + MONTH_NAME + r"\.?\s+)?(?:\d{1,2},?\s+)?(?:1[5-9]\d\d|20\d\d)[)\]]?\.?"
)
"""A line that is only a date ("1975", "(June 1976)", "4 May 1907"): a date line set apart."""
FOOT_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(?:19|20)\d\d")
"""A date alone at the foot of a page, day.month.year ("25.6.2006"): when the page was last updated."""


def _add_months(names: str) -> None:
    for number, group in enumerate(names.split(";"), start=1):
        for name in group.split(","):
            name = name.strip()
            if name:
                _MONTHS[_fold(name)] = number


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).rstrip(".")


# English (with abbreviations), French, German, Spanish, Italian, Portuguese, Dutch.
_add_months(
    "january,jan,janvier,januar,jänner,enero,gennaio,janeiro,januari;"
    "february,feb,febr,fevrier,février,februar,febrero,febbraio,fevereiro,februari;"
    "march,mar,mars,märz,marz,marzo,março,maart;"
    "april,apr,avril,abril,aprile;"
    "may,mai,mayo,maggio,maio,mei;"
    "june,jun,juin,juni,junio,giugno,junho;"
    "july,jul,juillet,juli,julio,luglio,julho;"
    "august,aug,aout,août,agosto,augustus;"
    "september,sep,sept,septembre,septiembre,setiembre,settembre,setembro;"
    "october,oct,octobre,oktober,octubre,ottobre,outubro;"
    "november,nov,novembre,noviembre,novembro;"
    "december,dec,décembre,decembre,dezember,diciembre,dicembre,dezembro"
)

_SEASONS = {
    "spring": 21,
    "summer": 22,
    "autumn": 23,
    "fall": 23,
    "winter": 24,
    "printemps": 21,
    "ete": 22,
    "automne": 23,
    "hiver": 24,
    "fruhling": 21,
    "fruhjahr": 21,
    "sommer": 22,
    "herbst": 23,
    "primavera": 21,
    "verano": 22,
    "otono": 23,
    "invierno": 24,
}

_WORD = r"[^\W\d_]+\.?"
_SPACE = re.compile(r"\s+")
_YEAR = r"(1[0-9]{3}|20[0-9]{2})"

_APPROX = re.compile(r"(?i)^(c\.|ca\.|circa|about|approx\.?)\s*")
_ORDINAL = re.compile(r"(?i)(\d)(st|nd|rd|th)\b")
_FILLER = re.compile(r"(?i)\b(de|del|of|the)\b")
_COMMA_SLASH = re.compile(r"[,/]")
_DUAL_DAY = re.compile(r"(\d{1,2})\s*\((\d{1,2})\)")
_P_YEAR = re.compile(_YEAR)
_P_DECADE = re.compile(r"(1[0-9]{2}|20[0-9])0\s?'?s")
_P_CENTURY = re.compile(r"(1[0-9])00s")
_P_WORD_YEAR = re.compile(rf"({_WORD})\s+{_YEAR}")
_P_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}})\.?\s+({_WORD})\s+{_YEAR}")
_P_MONTH_DAY_YEAR = re.compile(rf"({_WORD})\s+(\d{{1,2}})\s+{_YEAR}")
_P_ISO = re.compile(rf"{_YEAR}-(\d{{1,2}})(?:-(\d{{1,2}}))?")
_P_NUMERIC = re.compile(rf"(\d{{1,2}})[.](\d{{1,2}})[.]\s?{_YEAR}")
_P_YEAR_RANGE = re.compile(rf"{_YEAR}\s*[-–—/]\s*(\d{{2}}|\d{{4}})")
_P_SEASON_RANGE = re.compile(rf"({_WORD})\s+{_YEAR}\s*[-–—/]\s*(\d{{2}}|\d{{4}})")
_P_TRAILING_YEAR = re.compile(_YEAR + r"\s*$")
_P_DAY = re.compile(r"\d{1,2}")
_P_TRAILING_MONTH_YEAR = re.compile(rf"({_WORD})\s+{_YEAR}\s*$")
_P_UPDATED_NUMERIC = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})")
_HAS_DIGIT = re.compile(r"\d")


def _month(word: str) -> int | None:
    return _MONTHS.get(_fold(word))


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        _date(year, month, day)
    except ValueError:
        return False
    return True


def _ymd(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not _valid_day(year, month, day):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _expand_year(short: str, like: int) -> int:
    """``60`` after 1959 means 1960; ``1`` after 1919 means 1921 is not assumed."""
    if len(short) == 4:
        return int(short)
    century = like - like % (10 ** len(short))
    value = century + int(short)
    if value < like:
        value += 10 ** len(short)
    return value


def _single(text: str) -> str | None:
    """EDTF for one date (no range), or None."""
    t = text.strip().strip(",.;:()[]").strip()
    t = _APPROX.sub("~", t)
    approximate = t.startswith("~")
    t = t.lstrip("~ ").strip()
    uncertain = t.endswith("?")
    t = t.rstrip("? ").strip()
    t = _ORDINAL.sub(r"\1", t)
    t = _FILLER.sub(" ", t)
    t = _COMMA_SLASH.sub(" ", t)
    t = _SPACE.sub(" ", t).strip()
    # Dual Julian/Gregorian day: "July 8 (21) 1914" or "8 (21) July 1914": keep the Gregorian.
    t = _DUAL_DAY.sub(r"\2", t)
    value = _edtf_of_plain(t)
    if value is None:
        return None
    if approximate and uncertain:
        return value + "%"
    if approximate:
        return value + "~"
    if uncertain:
        return value + "?"
    return value


def _edtf_of_plain(t: str) -> str | None:
    m = _P_YEAR.fullmatch(t)
    if m:
        return m.group(1)
    m = _P_DECADE.fullmatch(t)
    if m:
        return m.group(1) + "X"
    m = _P_CENTURY.fullmatch(t)
    if m:
        return m.group(1) + "XX"
    # Month Year / Season Year
    m = _P_WORD_YEAR.fullmatch(t)
    if m:
        word, year = m.group(1), int(m.group(2))
        month = _month(word)
        if month:
            return _ymd(year, month)
        season = _SEASONS.get(_fold(word))
        if season:
            return f"{year:04d}-{season}"
        return None
    # Day Month Year
    m = _P_DAY_MONTH_YEAR.fullmatch(t)
    if m:
        month = _month(m.group(2))
        return _ymd(int(m.group(3)), month, int(m.group(1))) if month else None
    # Month Day Year
    m = _P_MONTH_DAY_YEAR.fullmatch(t)
    if m:
        month = _month(m.group(1))
        return _ymd(int(m.group(3)), month, int(m.group(2))) if month else None
    # ISO-like
    m = _P_ISO.fullmatch(t)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            return None
        return _ymd(year, month, int(m.group(3)) if m.group(3) else None)
    # Numeric day.month.year
    m = _P_NUMERIC.fullmatch(t)
    if m:
        day, month = int(m.group(1)), int(m.group(2))
        return _ymd(int(m.group(3)), month, day) if 1 <= month <= 12 else None
    return None


_RANGE_SPLIT = re.compile(r"\s*(?:[-–—/]|\bto\b|\band\b|&)\s*")


def _range(text: str) -> str | None:
    """EDTF interval for ``A-B`` style text, borrowing missing parts from the other end."""
    t = _SPACE.sub(" ", text.strip().strip(",.;:()[]").strip())
    # 1913-1916, 1959-60
    m = _P_YEAR_RANGE.fullmatch(t)
    if m:
        start = int(m.group(1))
        end = _expand_year(m.group(2), start)
        # "1976-13" is a malformed ISO month, not 1976 to 2013.
        if len(m.group(2)) == 2 and "-" in t and end - start > 12:
            return None
        return f"{start:04d}/{end:04d}" if end > start else None
    # Winter 1959-60 (a season spanning a year end) -> season of the first year
    m = _P_SEASON_RANGE.fullmatch(t)
    if m and _SEASONS.get(_fold(m.group(1))):
        start = int(m.group(2))
        end = _expand_year(m.group(3), start)
        if end == start + 1:
            return f"{start:04d}-{_SEASONS[_fold(m.group(1))]}/{end:04d}"
    # July/August 1976, Spring/Summer 1960, 3-5 June 1936, 25 July - 3 August 1936
    parts = _RANGE_SPLIT.split(t)
    if len(parts) != 2:
        return None
    left, right = parts
    right_edtf = _single(right)
    if right_edtf is None:
        return None
    left_edtf = _single(left)
    if left_edtf is None:
        # Borrow the year (and month) from the right-hand side.
        year = _P_TRAILING_YEAR.search(right)
        if not year:
            return None
        candidate = f"{left} {year.group(1)}"
        left_edtf = _single(candidate)
        if left_edtf is None and _P_DAY.fullmatch(left.strip()):
            month_word = _P_TRAILING_MONTH_YEAR.search(right)
            if month_word:
                left_edtf = _single(f"{left} {month_word.group(1)} {year.group(1)}")
        if left_edtf is None:
            return None
    if left_edtf >= right_edtf and len(left_edtf) == len(right_edtf):
        return None
    return f"{left_edtf}/{right_edtf}"


@lru_cache(maxsize=8192)
def edtf_of(text: str) -> str | None:
    """EDTF for a date as printed, or None when it cannot be read (cached: dates repeat)."""
    if not text or len(text) > 80 or not _HAS_DIGIT.search(text):
        return None
    cleaned = _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()
    return _single(cleaned) or _range(cleaned)


@lru_cache(maxsize=8192)
def parse_date(text: str | None) -> PartialDate | None:
    """``PartialDate`` for text such as ``(June 1976)``; brackets are not part of ``text``.

    Cached: index pages and provenance lines repeat the same dates, and PartialDate is immutable.
    """
    if not text:
        return None
    shown = _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()
    while len(shown) > 2 and shown[0] in "([" and shown[-1] in ")]":
        shown = shown[1:-1].strip()
    shown = shown.rstrip(".,;: ").strip()
    edtf = edtf_of(shown)
    return PartialDate(text=shown, edtf=edtf) if edtf else None


def parse_updated(text: str | None) -> str | None:
    """ISO ``YYYY-MM-DD`` for a "Last updated" date (``14.9.2011`` is day.month.year)."""
    if not text:
        return None
    t = _SPACE.sub(" ", text.replace("\u00a0", " ")).strip().strip(".,;:()")
    m = _P_UPDATED_NUMERIC.fullmatch(t)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        y = int(year) if len(year) == 4 else (2000 + int(year) if int(year) < 50 else 1900 + int(year))
        if month > 12 and day <= 12:  # month/day/year written the American way
            day, month = month, day
        return _ymd(y, month, day) if 1 <= month <= 12 else None
    value = _single(t)
    if value and len(value) == 10:
        return value
    return None
