"""Snippets: a short passage of the body with the matched words in ``<mark>``.

tantivy picks the passage and the matched ranges; we write the HTML ourselves
because its own rendering uses ``<b>`` and the ranges are byte offsets into the
UTF-8 passage, which must be mapped back to characters before escaping.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape as _escape

import tantivy

from scriptorium.search import analysis

SNIPPET_CHARS = 220
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """HTML-escaped, with runs of white space (paragraph breaks too) as one space."""
    return _escape(_SPACE.sub(" ", text))


def mark_html(fragment: str, ranges: list[tuple[int, int]]) -> str:
    """Escape ``fragment`` and wrap each (byte start, byte end) range in ``<mark>``."""
    data = fragment.encode("utf-8")
    out: list[str] = []
    at = 0
    for start, end in sorted(ranges):
        if start < at or end <= start:
            continue
        out.append(escape(data[at:start].decode("utf-8", "replace")))
        out.append("<mark>" + escape(data[start:end].decode("utf-8", "replace")) + "</mark>")
        at = end
    out.append(escape(data[at:].decode("utf-8", "replace")))
    return "".join(out)


def opening(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first words of a text, cut at a word boundary, as escaped HTML (no match to show)."""
    flat = " ".join(text[: limit * 2].split())
    if len(flat) <= limit:
        return escape(flat)
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return escape(cut) + " …"


def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics -> their base letter, one character for one (offsets stay valid)."""
    table: dict[int, str] = {}
    special = {"ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "æ": "a", "Æ": "A", "œ": "o"}
    special |= {"Œ": "O", "ß": "s", "þ": "t", "Þ": "T", "ð": "d", "Ð": "D", "ı": "i"}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = special.get(char) or unicodedata.normalize("NFKD", char)[:1]
        if base.isascii() and base.isalpha():
            table[code] = base
    return table


_FOLD = _fold_table()
# A match is looked for in a window of the body, not the whole of it: tokenizing and
# stemming a long body for every hit would cost more than the search itself.
WINDOW_BEFORE = 160
WINDOW_AFTER = 560
FULL_TEXT_LIMIT = 1500
MAX_CANDIDATES = 64


def term_finder(terms: set[str]) -> re.Pattern[str] | None:
    """A regex finding where a word that may have produced one of ``terms`` (stems) begins.

    A stem is mostly a prefix of its words, less a letter or two (``strike`` <- ``striking``,
    ``poni`` <- ``pony``); false alarms are harmless, since tantivy then finds the real matches.
    """
    prefixes = sorted({t if len(t) <= 3 else t[: max(3, len(t) - 2)] for t in terms if t}, key=len)
    if not prefixes:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in prefixes) + ")", re.IGNORECASE)


class Snippets:
    """One snippet generator per body field, made lazily: a page of hits rarely spans many languages."""

    def __init__(
        self,
        searcher: tantivy.Searcher,
        schema: tantivy.Schema,
        highlight: list[tantivy.Query],
        terms: set[str],
    ) -> None:
        self._searcher = searcher
        self._schema = schema
        self._query = (
            tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in highlight]) if highlight else None
        )
        self._finder = term_finder(terms)
        self._terms = frozenset(terms)
        self._generators: dict[str, tantivy.SnippetGenerator] = {}

    def _generator(self, body_field: str) -> tantivy.SnippetGenerator:
        generator = self._generators.get(body_field)
        if generator is None:
            generator = tantivy.SnippetGenerator.create(self._searcher, self._query, self._schema, body_field)
            generator.set_max_num_chars(SNIPPET_CHARS)
            self._generators[body_field] = generator
        return generator

    def _marked(self, body_field: str, text: str) -> str | None:
        snippet = self._generator(body_field).snippet_from_doc(tantivy.Document(**{body_field: text}))
        ranges = [(r.start, r.end) for r in snippet.highlighted()]
        return mark_html(snippet.fragment(), ranges) if ranges else None

    def _locate(self, text: str, lang: str) -> int | None:
        """Where the first word matching the query starts: regex candidates, checked by the analyzer."""
        if self._finder is None:
            return None
        haystack = text if text.isascii() else text.translate(_FOLD)
        analyzer = analysis.analyzer(lang)
        for count, found in enumerate(self._finder.finditer(haystack)):
            if count >= MAX_CANDIDATES:
                break
            end = found.end()
            while end < len(text) and text[end].isalnum():
                end += 1
            if not self._terms.isdisjoint(analyzer.analyze(text[found.start() : end])):
                return found.start()
        return None

    def html(self, doc: tantivy.Document, body_field: str) -> str:
        body = doc.get_all(body_field)
        text = "\n\n".join(body)
        if self._query is None or not text:
            return opening(text)
        at = self._locate(text, body_field.rsplit("_", 1)[1])
        if at is not None:
            start = max(0, at - WINDOW_BEFORE)
            if start:
                start = text.find(" ", start, at) + 1
            end = min(len(text), at + WINDOW_AFTER)
            if end < len(text):
                space = text.rfind(" ", at, end)
                end = space if space > at else end
            marked = self._marked(body_field, text[start:end])
            if marked:
                return marked
        if len(text) <= FULL_TEXT_LIMIT:
            return self._marked(body_field, text) or opening(text)
        return opening(text)
