"""EDTF strings written by hand: check them, and say them in words.

The authoring form lets a volunteer write ``date: "1976-06"``; the record
needs both the EDTF and the text a reader sees (``June 1976``). ``dates.py``
goes from printed text to EDTF; this module goes the other way, and checks
that a hand-written EDTF value is one the archive can use. It covers EDTF
levels 0 and 1 as the archive needs them: years, months, days, seasons
(21-24), unspecified digits (``193X``, ``1985-XX``), qualifiers (``?``,
``~``, ``%``), intervals, open (``..``) or unknown (empty) at either end, and
the level-2 sets the importers produce (``{1922-10-08,1922-10-15}``: all of;
``[1667,1668]``: one of).
The ``edtf`` package is slower and not needed at run time; the tests check
this module against it.
"""

from __future__ import annotations

import re
from calendar import monthrange

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_SEASON_NAMES = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}

_SINGLE = re.compile(
    r"(?P<year>-?(?:\d{4}|\d{3}X|\d{2}XX))"
    r"(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?"
    r"(?P<qual>[?~%])?"
)


def _parts(value: str) -> tuple[str, str | None, str | None, str | None] | None:
    """(year, month, day, qualifier) of one valid EDTF date, or None."""
    m = _SINGLE.fullmatch(value)
    if m is None:
        return None
    year, month, day, qual = m.group("year", "month", "day", "qual")
    if year.startswith("-") and year == "-0000":
        return None
    # Unspecified digits run from the right (level 1): 193X, 1985-XX, 1985-04-XX, not 193X-04 (nor 193X-XX).
    if "X" in year and (month is not None or day is not None):
        return None
    if month is not None and month != "XX":
        number = int(month)
        if not (1 <= number <= 12 or (day is None and qual is None and 21 <= number <= 24)):
            return None
    if day is not None:
        if month == "XX" and day != "XX":
            return None
        if day != "XX" and month != "XX":
            year_number = int(year)
            if year_number < 1 or int(day) < 1 or int(day) > monthrange(year_number, int(month))[1]:
                return None
    return year, month, day, qual


def _sort_key(value: str) -> tuple[int, int, int] | None:
    """A comparable (year, month, day) for fully specified dates; seasons sort as their first month."""
    parts = _parts(value)
    if parts is None or "X" in value:
        return None
    year, month, day, _ = parts
    month_number = int(month) if month else 0
    if month_number > 12:
        month_number = (month_number - 21) * 3 + 3
    return int(year), month_number, int(day) if day else 0


def is_valid_edtf(value: str) -> bool:
    """True for a date or interval this archive accepts (EDTF levels 0 and 1)."""
    if not isinstance(value, str) or not value or len(value) > 200:
        return False
    if value[0] in "{[" and value[-1] == {"{": "}", "[": "]"}[value[0]]:
        members = value[1:-1].split(",")
        return len(members) >= 2 and all(_parts(m) is not None for m in members)
    if len(value) > 40:
        return False
    if "/" not in value:
        return _parts(value) is not None
    start, _, end = value.partition("/")
    if "/" in end:
        return False
    ends = [part for part in (start, end) if part not in ("", "..")]
    if not ends or not all(_parts(part) is not None for part in ends):
        return False
    if len(ends) == 2:
        first, last = _sort_key(start), _sort_key(end)
        if first is not None and last is not None and first > last:
            return False
    return True


def _year_text(year: str) -> str:
    if year.startswith("-"):
        return f"{int(year[1:].replace('X', '0'))} BC"
    if year.endswith("XX"):
        return f"{year[:2]}00s"
    if year.endswith("X"):
        return f"{year[:3]}0s"
    return str(int(year))


def _single_text(value: str) -> str:
    parts = _parts(value)
    if parts is None:
        return value
    year, month, day, qual = parts
    words = _year_text(year)
    if month and month != "XX":
        number = int(month)
        if number > 12:
            words = f"{_SEASON_NAMES[number]} {words}"
        elif day and day != "XX":
            words = f"{int(day)} {_MONTH_NAMES[number - 1]} {words}"
        else:
            words = f"{_MONTH_NAMES[number - 1]} {words}"
    if qual == "~":
        return f"c. {words}"
    if qual == "%":
        return f"c. {words}?"
    if qual == "?":
        return f"{words}?"
    return words


def _interval_text(start: str, end: str) -> str:
    if start in ("", ".."):
        return f"until {_single_text(end)}" if start == ".." else f"? – {_single_text(end)}"
    if end in ("", ".."):
        return f"{_single_text(start)} onwards" if end == ".." else f"{_single_text(start)} – ?"
    a, b = _parts(start), _parts(end)
    if a and b and not a[3] and not b[3] and "X" not in start + end and a[0] == b[0]:
        year = _year_text(a[0])
        month_a, day_a, month_b, day_b = a[1], a[2], b[1], b[2]
        if month_a and month_b and not day_a and not day_b:
            if int(month_a) <= 12 and int(month_b) <= 12:
                return f"{_MONTH_NAMES[int(month_a) - 1]}/{_MONTH_NAMES[int(month_b) - 1]} {year}"
            return f"{_single_text(start).rsplit(' ', 1)[0]}/{_single_text(end)}"
        if month_a and day_a and day_b and month_a == month_b:
            return f"{int(day_a)}–{int(day_b)} {_MONTH_NAMES[int(month_a) - 1]} {year}"
    if a and b and "-" not in start + end and "X" not in start + end and not a[3] and not b[3]:
        return f"{_year_text(a[0])}–{_year_text(b[0])}"
    return f"{_single_text(start)} – {_single_text(end)}"


def edtf_to_text(value: str) -> str:
    """Words for an EDTF value: ``1976-06`` -> ``June 1976``, ``1976-07/1976-08`` -> ``July/August 1976``.

    The value should be valid (``is_valid_edtf``); anything else comes back unchanged.
    """
    if value[:1] in "{[" and len(value) > 2:
        words = [_single_text(m) for m in value[1:-1].split(",")]
        joiner = " and " if value[0] == "{" else " or "
        return ", ".join(words[:-1]) + joiner + words[-1]
    if "/" in value:
        start, _, end = value.partition("/")
        return _interval_text(start, end)
    return _single_text(value)
