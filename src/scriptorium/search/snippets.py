"""Snippets: a short passage of the body with the matched words in ``<mark>``.

A snippet costs as much as the search itself if the whole body is tokenized
and stemmed for every hit, so the work is narrowed in two steps:

1. find where the first word that may match begins, by plain string search for
   the prefixes of the query's stems (``strike`` <- ``stri``) on the lower-cased
   body, or a pattern that ignores accents when the body is not ASCII; each
   candidate is confirmed by the document language's analyzer;
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
_SPACE = re.compile(r"\s+")


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
    return _SPACE.sub(" ", "".join(out))


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


def _ascii_starts(prefixes: list[str], text: str) -> Iterator[int]:
    """:func:`word_starts` for an ASCII body: string search on the lower-cased text, in order."""
    low = text.lower()
    heads = [(low.find(p), p) for p in prefixes]
    heads = [(at, p) for at, p in heads if at >= 0]
    while heads:
        heads.sort()
        at, p = heads[0]
        if at == 0 or not low[at - 1].isalnum():
            yield at
        nxt = low.find(p, at + 1)
        if nxt >= 0:
            heads[0] = (nxt, p)
        else:
            heads.pop(0)


class Snippets:
    """Snippets for one query: its positive body terms (stems) and their finder."""

    def __init__(self, terms: set[str]) -> None:
        self._terms = frozenset(terms)
        prefixes = _prefixes(self._terms)
        self._ascii = prefixes if all(p.isascii() for p in prefixes) else None
        self._finder = term_finder(self._terms)

    def _matches(self, text: str, analyzer: tantivy.TextAnalyzer) -> Iterator[tuple[int, int, str]]:
        """(start, end, term) of each word of ``text`` that matches, in order (candidates, confirmed).

        A word is a run of letters and digits, as tantivy's simple tokenizer splits them.
        """
        if self._finder is None:
            return
        if self._ascii is not None and text.isascii():
            starts = _ascii_starts(self._ascii, text)
        else:
            starts = word_starts(self._finder, text)
        terms = self._terms
        for count, start in enumerate(starts):
            if count >= MAX_CANDIDATES:
                break
            end = start + 1
            while end < len(text) and text[end].isalnum():
                end += 1
            for term in analyzer.analyze(text[start:end]):
                if term in terms:
                    yield start, end, term
                    break

    def _marked(self, text: str, analyzer: tantivy.TextAnalyzer) -> str | None:
        """The stretch of ``text`` with the most distinct query terms, marked; None without any."""
        marks = list(self._matches(text, analyzer))
        if not marks:
            return None
        best, best_count = 0, 0
        reach = SNIPPET_CHARS - CONTEXT_BEFORE
        for i, (start, _, _) in enumerate(marks):
            seen = set()
            for _, end, term in marks[i:]:
                if end - start > reach:
                    break
                seen.add(term)
            if len(seen) > best_count:
                best, best_count = i, len(seen)
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
        if self._finder is None or not text:
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
