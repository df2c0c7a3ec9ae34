"""Snippets: a short passage of the body with the matched words in ``<mark>``.

A snippet costs as much as the search itself if the whole body is tokenized
and stemmed for every hit, so the work is narrowed in two steps:

1. find where the first word that may match begins, by plain string search for
   the prefixes of the query's stems (``strike`` <- ``stri``) on the lower-cased
   body (on a copy with Latin-1 letters folded to ASCII when the body is not
   ASCII; a pattern ignoring accents when it holds letters past Latin-1 or the
   stems are not ASCII); each candidate is confirmed by the document
   language's analyzer, once per distinct word and query;
2. in a window around it, find every such word the same way, mark them, and
   show the ``SNIPPET_CHARS`` stretch of the window holding the most distinct
   terms.

A body with no match (the query matched the title or the writer) shows its
opening. Candidates are capped (``MAX_CANDIDATES``): a body whose first real
match lies behind that many false starts also shows its opening.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from html import escape as _escape

import tantivy

from scriptorium.search import analysis

SNIPPET_CHARS = 220
CONTEXT_BEFORE = 50  # characters shown before the first mark of a stretch
WINDOW_AFTER = 400
MAX_CANDIDATES = 64
# A candidate word: its first character, then letters and digits (``str.isalnum``).
_WORD = re.compile(r"(?s:.)[^\W_]*")


def mark_html(fragment: str, ranges: list[tuple[int, int]]) -> str:
    """Escape ``fragment`` and wrap each (start, end) character range in ``<mark>``."""
    out: list[str] = []
    at = 0
    for start, end in sorted(ranges):
        if start < at or end <= start:
            continue
        out.append(_escape(fragment[at:start]))
        out.append("<mark>" + _escape(fragment[start:end]) + "</mark>")
        at = end
    out.append(_escape(fragment[at:]))
    return _collapse_space("".join(out))


def _collapse_space(text: str) -> str:
    """Each run of white space as one space (``str.split``'s white space, as a regex's ``\\s``)."""
    words = text.split()
    if not words:
        return " " if text else ""
    out = " ".join(words)
    if text[0].isspace():
        out = " " + out
    if text[-1].isspace():
        out += " "
    return out


def opening(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first words of a text, cut at a word boundary, as escaped HTML (no match to show)."""
    flat = " ".join(text[: limit * 2].split())  # white space already collapsed
    if len(flat) <= limit:
        return _escape(flat)
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return _escape(cut) + " …"


@cache
def _accent_classes() -> dict[str, str]:
    """For each base letter, every Latin letter with diacritics that folds to it (both cases)."""
    special = {"ø": "o", "đ": "d", "ł": "l", "æ": "a", "œ": "o", "ß": "s", "þ": "t", "ð": "d", "ı": "i"}
    variants: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        lower = char.lower()
        base = special.get(lower) or unicodedata.normalize("NFKD", lower)[:1]
        if base.isascii() and base.isalpha() and char != base:
            variants.setdefault(base, set()).update({char, char.upper(), lower})
    return {base: "".join(sorted(chars)) for base, chars in variants.items()}


def _prefixes(terms: set[str] | frozenset[str]) -> list[str]:
    """A stem is mostly a prefix of its words, less a letter or two (``strike`` <- ``striking``)."""
    return sorted({t if len(t) <= 3 else t[: max(3, len(t) - 2)] for t in terms if t}, key=len)


@cache
def _latin1_folding() -> bytes:
    """A ``bytes.translate`` table: each Latin-1 letter as the ASCII letter the pattern matches it to."""
    table = bytearray(range(256))
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = code + 32
    for base, chars in _accent_classes().items():
        for char in chars:
            if ord(char) < 256:
                table[ord(char)] = ord(base)
    return bytes(table)


@cache
def _past_latin1() -> re.Pattern[str]:
    """Characters past Latin-1 that the accent-blind pattern matches to an ASCII letter.

    The letters of its classes (and the combining marks that lower-casing ``İ`` and
    upper-casing ``ǰ`` leave in them), and what matches them when case is ignored: the Kelvin
    and Angstrom signs and the capital sharp s.
    """
    chars = {char for variants in _accent_classes().values() for char in variants if ord(char) > 255}
    chars.update("\u212a\u212b\u1e9e")
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def _latin1_starts(heads: list[bytes], text: str) -> Iterator[int] | None:
    """:func:`word_starts` for ASCII prefixes by string search on an ASCII-folded copy of ``text``.

    The copy keeps every character's place: Latin-1 letters become the ASCII letters the
    accent-blind pattern matches them to, other characters a ``?`` (matching no prefix). None
    when ``text`` holds a letter past Latin-1 that the pattern would fold (the pattern is needed).
    """
    raw = text.encode("latin-1", "replace")
    if raw.count(b"?") != text.count("?") and _past_latin1().search(text):
        return None
    folded = raw.translate(_latin1_folding())
    return _merged_starts(heads, folded, text)


def _merged_starts(heads: list[bytes], folded: bytes, text: str) -> Iterator[int]:
    found = [(folded.find(head), head) for head in heads]
    found = [entry for entry in found if entry[0] >= 0]
    while found:
        if len(found) > 1:
            found.sort()
        at, head = found[0]
        if at == 0 or not text[at - 1].isalnum():
            yield at  # no two of the heads begin one another: one head at most is found here
        nxt = folded.find(head, at + 1)
        if nxt >= 0:
            found[0] = (nxt, head)
        else:
            found.pop(0)


def term_finder(terms: set[str] | frozenset[str]) -> re.Pattern[str] | None:
    """A pattern for where a word that may have produced one of ``terms`` (stems) may begin.

    Case and accents are ignored (``grev`` finds ``Grév``); word starts are checked by
    :func:`word_starts`, which is cheaper than a look-behind in the pattern.
    """
    prefixes = _prefixes(terms)
    if not prefixes:
        return None
    classes = _accent_classes()

    def letter(char: str) -> str:
        extra = classes.get(char, "")
        return f"[{re.escape(char)}{extra}]" if extra else re.escape(char)

    body = "|".join("".join(letter(c) for c in p) for p in prefixes)
    return re.compile(f"(?:{body})", re.IGNORECASE)


def word_starts(pattern: re.Pattern[str], text: str) -> Iterator[int]:
    """Where ``pattern`` matches at the start of a word."""
    for found in pattern.finditer(text):
        start = found.start()
        if start == 0 or not text[start - 1].isalnum():
            yield start


def _prefix_groups(prefixes: list[str]) -> list[tuple[str, frozenset[str]]]:
    """Each prefix no other one begins, with every prefix that begins with it (itself included).

    Where a longer prefix is found, so is the shorter one at the same place: searching for the
    shortest ones finds every candidate, and the longer ones only tell how many prefixes match there.
    """
    shortest = [p for p in prefixes if not any(q != p and p.startswith(q) for q in prefixes)]
    return [(head, frozenset(p for p in prefixes if p.startswith(head))) for head in shortest]


def _ascii_starts(groups: list[tuple[str, frozenset[str]]], text: str) -> Iterator[tuple[int, int]]:
    """:func:`word_starts` for an ASCII body, by string search on the lower-cased text, in order.

    Each start comes with the number of prefixes found there (a candidate per prefix).
    """
    low = text.lower()
    heads = [(low.find(head), head, group) for head, group in groups]
    heads = [entry for entry in heads if entry[0] >= 0]
    while heads:
        if len(heads) > 1:
            heads.sort(key=_first)
        at, head, group = heads[0]
        if at == 0 or not low[at - 1].isalnum():
            if len(group) == 1:
                yield at, 1
            else:
                word = low[at : _word_end(low, at)]
                yield at, sum(1 for size in range(len(head), len(word) + 1) if word[:size] in group)
        nxt = low.find(head, at + 1)
        if nxt >= 0:
            heads[0] = (nxt, head, group)
        else:
            heads.pop(0)


def _first(entry: tuple[int, str, frozenset[str]]) -> int:
    return entry[0]


def _word_end(text: str, start: int) -> int:
    """Where the word beginning at ``start`` ends (``start`` < ``len(text)``)."""
    found = _WORD.match(text, start)
    return found.end() if found else start + 1


class Snippets:
    """Snippets for one query: its positive body terms (stems) and their finder."""

    def __init__(self, terms: set[str]) -> None:
        self._terms = frozenset(terms)
        self._prefixes = _prefixes(self._terms)
        ascii_only = all(p.isascii() for p in self._prefixes)
        self._ascii = _prefix_groups(self._prefixes) if ascii_only else None
        self._heads = [head.encode("ascii") for head, _ in self._ascii or ()]
        self._pattern: re.Pattern[str] | None = None
        # Words already read by an analyzer (by analyzer): the query term each gives, or None.
        # The same few word forms recur from hit to hit, and analyzing is the costly step.
        self._seen: dict[int, dict[str, str | None]] = {}

    @property
    def _finder(self) -> re.Pattern[str] | None:
        """The accent-blind pattern, built on first use: an ASCII body never needs it."""
        if self._pattern is None and self._prefixes:
            self._pattern = term_finder(self._terms)
        return self._pattern

    def _matches(self, text: str, analyzer: tantivy.TextAnalyzer) -> Iterator[tuple[int, int, str]]:
        """(start, end, term) of each word of ``text`` that matches, in order (candidates, confirmed).

        A word is a run of letters and digits, as tantivy's simple tokenizer splits them.
        """
        if not self._prefixes:
            return
        starts: Iterator[tuple[int, int]] | None = None
        if self._ascii is not None:
            if text.isascii():
                starts = _ascii_starts(self._ascii, text)
            elif (folded := _latin1_starts(self._heads, text)) is not None:
                starts = ((start, 1) for start in folded)
        if starts is None:  # prefixes or letters past Latin-1: the accent-blind pattern
            finder = self._finder
            assert finder is not None
            starts = ((start, 1) for start in word_starts(finder, text))
        seen = self._seen.get(id(analyzer))
        if seen is None:
            seen = self._seen[id(analyzer)] = {}
        terms = self._terms
        count = 0
        for start, found in starts:
            # Each prefix found at a start is a candidate: at most MAX_CANDIDATES are read.
            if count >= MAX_CANDIDATES:
                break
            end = _word_end(text, start)
            word = text[start:end]
            if word in seen:
                term = seen[word]
            else:
                term = next((t for t in analyzer.analyze(word) if t in terms), None)
                seen[word] = term
            for _ in range(min(found, MAX_CANDIDATES - count)):
                if term is not None:
                    yield start, end, term
            count += found

    def _marked(self, text: str, analyzer: tantivy.TextAnalyzer) -> str | None:
        """The stretch of ``text`` with the most distinct query terms, marked; None without any."""
        marks = list(self._matches(text, analyzer))
        if not marks:
            return None
        # The first mark that begins the stretch (``reach`` characters to the end of its last
        # mark) holding the most distinct terms: a window sliding over the marks, in order.
        best, best_count = 0, 0
        reach = SNIPPET_CHARS - CONTEXT_BEFORE
        held: dict[str, int] = {}
        j = 0
        for i, (start, _, _) in enumerate(marks):
            while j < len(marks) and marks[j][1] - start <= reach:
                term = marks[j][2]
                held[term] = held.get(term, 0) + 1
                j += 1
            if len(held) > best_count:
                best, best_count = i, len(held)
            if j > i:
                term = marks[i][2]
                if held[term] == 1:
                    del held[term]
                else:
                    held[term] -= 1
            else:
                j = i + 1
        anchor = marks[best][0]
        start = max(0, anchor - CONTEXT_BEFORE)
        if start:
            space = text.find(" ", start, anchor)
            start = space + 1 if space >= 0 else anchor
        end = min(len(text), start + SNIPPET_CHARS)
        if end < len(text):
            space = text.rfind(" ", anchor, end)
            end = space if space > anchor else end
        ranges = [(s - start, e - start) for s, e, _ in marks if s >= start and e <= end]
        prefix = "… " if start else ""
        suffix = " …" if end < len(text) else ""
        return prefix + mark_html(text[start:end], ranges) + suffix

    def html(self, doc: tantivy.Document, body_field: str) -> str:
        text = "\n\n".join(doc.get_all(body_field))
        if not self._prefixes or not text:
            return opening(text)
        analyzer = analysis.analyzer(body_field.rsplit("_", 1)[1])
        first = next(self._matches(text, analyzer), None)
        if first is None:
            return opening(text)
        at = first[0]
        start = max(0, at - 2 * CONTEXT_BEFORE)
        if start:
            start = text.find(" ", start, at) + 1
        end = min(len(text), at + WINDOW_AFTER)
        if end < len(text):
            space = text.rfind(" ", at, end)
            end = space if space > at else end
        marked = self._marked(text[start:end], analyzer) or opening(text)
        return ("… " if start and not marked.startswith("…") else "") + marked
