"""The query language: what a reader types, parsed into a tree, then compiled to tantivy.

Syntax (operators in capitals; lower-case ``and``/``or``/``not`` are words)::

    general strike              both words (AND is the default)
    "permanent revolution"      a phrase
    strike OR lockout           either; OR binds tighter than AND:
                                ``miners strike OR lockout`` = miners AND (strike OR lockout)
    NOT stalin, -stalin         without
    (a OR b) c                  grouping
    revol*                      words starting with ``revol`` (at least 2 letters)
    title:revolution  author:"Paul Foot"  periodical:"Labour Action"  body:strike
    kind:review  lang:fr  year:1938  year:1936..1940  year:..1940  year:1930s  decade:1930
    title:(war OR peace)        a field applies to a whole group
    *                           every document

Words are matched through the analyzer of each document's language (stemmed,
case and accents folded) in the title, the authors and the body; a title match
weighs more than an author match, which weighs more than a body match.
A query that cannot be understood raises ``QueryError`` with a message meant
for the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tantivy

from scriptorium.errors import QueryError
from scriptorium.model import KINDS
from scriptorium.search import analysis
from scriptorium.search.index import SCHEMA, body_field, title_field

TITLE_BOOST = 3.0
AUTHOR_BOOST = 2.0
MAX_QUERY_LENGTH = 2000
MAX_PREFIX_HIGHLIGHTS = 50
PREFIX_EXPANSIONS = 50  # tantivy's prefix query reads at most this many words per segment
MIN_PREFIX = 2

TEXT_FIELDS = ("title", "author", "periodical", "body")
FIELD_ALIASES = {
    "title": "title",
    "author": "author",
    "writer": "author",
    "by": "author",
    "periodical": "periodical",
    "source": "periodical",
    "body": "body",
    "text": "body",
    "kind": "kind",
    "type": "kind",
    "year": "year",
    "date": "year",
    "decade": "decade",
    "lang": "lang",
    "language": "lang",
}
_LANGUAGE_NAMES = {name: code for code, name in analysis.STEMMERS.items()}
_YEAR_RANGE = re.compile(r"^(\d{1,4})?\.\.(\d{1,4})?$")
_YEAR = re.compile(r"^\d{1,4}$")
_DECADE = re.compile(r"^(\d{1,3}0)s?$")


# -- the tree -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Words:
    """A word or a quoted phrase in one field (None: title, authors and body)."""

    text: str
    field: str | None = None
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Exact:
    field: str  # kind, lang, author_f, periodical_f
    value: str


@dataclass(frozen=True, slots=True)
class Range:
    field: str  # year or decade
    low: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class MatchAll:
    pass


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


Node = Words | Exact | Range | MatchAll | Not | And | Or


# -- lexing -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # WORD PHRASE FIELD LPAREN RPAREN AND OR NOT
    text: str
    pos: int


_FIELD_PREFIX = re.compile(r"([A-Za-z]+):")
_STOP = set(' \t\r\n\f\v()"\u3000')


def _lex(text: str) -> list[_Token]:
    out: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(_Token("LPAREN" if ch == "(" else "RPAREN", ch, i))
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QueryError(f"a quote opened at character {i + 1} is never closed: {text[i : i + 30]!r}")
            out.append(_Token("PHRASE", text[i + 1 : end], i))
            i = end + 1
        elif ch in "-+" and i + 1 < n and not text[i + 1].isspace():
            if ch == "-":
                out.append(_Token("NOT", "-", i))
            i += 1
        else:
            m = _FIELD_PREFIX.match(text, i)
            if m and m.group(1).lower() in FIELD_ALIASES:
                out.append(_Token("FIELD", FIELD_ALIASES[m.group(1).lower()], i))
                i = m.end()
                if i >= n or text[i].isspace() or text[i] == ")":
                    raise QueryError(f"nothing follows {m.group(0)!r}: write e.g. {m.group(0)}word")
                continue
            if m and not text.startswith("//", m.end()):
                known = ", ".join(sorted({*FIELD_ALIASES.values()}))
                raise QueryError(f"unknown field {m.group(1)!r}: the fields are {known}")
            j = i
            while j < n and text[j] not in _STOP and not text[j].isspace():
                j += 1
            word = text[i:j]
            kind = word if word in ("AND", "OR", "NOT") else "WORD"
            out.append(_Token(kind, word, i))
            i = j
    return out


# -- parsing ------------------------------------------------------------------------------
class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _lex(text)
        self.pos = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node:
        node = self.conjunction(None)
        token = self.peek()
        if token is not None:  # only a stray ")" stops a conjunction early
            raise QueryError(f"a ')' at character {token.pos + 1} has no matching '('")
        return node

    def conjunction(self, fld: str | None) -> Node:
        items: list[Node] = []
        while (token := self.peek()) is not None and token.kind != "RPAREN":
            if token.kind == "AND":
                if not items:
                    raise QueryError(f"'AND' at character {token.pos + 1} needs a term before it")
                self.take()
                self.expect_term("AND", token)
                continue
            if token.kind == "OR":
                raise QueryError(f"'OR' at character {token.pos + 1} needs a term before it")
            items.append(self.disjunction(fld))
        if not items:
            raise QueryError("empty parentheses" if self.peek() else "the query is empty")
        return items[0] if len(items) == 1 else And(tuple(items))

    def disjunction(self, fld: str | None) -> Node:
        items = [self.unary(fld)]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            self.expect_term("OR", token)
            items.append(self.unary(fld))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def expect_term(self, op: str, at: _Token) -> None:
        nxt = self.peek()
        if nxt is None or nxt.kind in ("RPAREN", "AND", "OR"):
            raise QueryError(f"{op!r} at character {at.pos + 1} needs a term after it")

    def unary(self, fld: str | None) -> Node:
        token = self.peek()
        if token is not None and token.kind == "NOT":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("RPAREN", "AND", "OR"):
                raise QueryError(f"{token.text!r} at character {token.pos + 1} needs a term after it")
            return Not(self.unary(fld))
        return self.primary(fld)

    def primary(self, fld: str | None) -> Node:
        token = self.take()
        if token.kind == "LPAREN":
            node = self.conjunction(fld)
            closing = self.peek()
            if closing is None:
                raise QueryError(f"a '(' at character {token.pos + 1} is never closed")
            self.take()
            return node
        if token.kind == "FIELD":
            nxt = self.peek()
            if nxt is None or nxt.kind not in ("WORD", "PHRASE", "LPAREN", "AND", "OR", "NOT"):
                raise QueryError(f"nothing follows '{token.text}:'")
            if nxt.text == "-":
                raise QueryError(f"write NOT {token.text}:word rather than {token.text}:-word")
            if nxt.kind in ("AND", "OR", "NOT"):  # title:OR means the word "or"
                self.tokens[self.pos] = _Token("WORD", nxt.text, nxt.pos)
            return self.primary(token.text)
        if token.kind in ("WORD", "PHRASE"):
            return leaf(fld, token.text, phrase=token.kind == "PHRASE")
        raise QueryError(f"unexpected {token.text!r} at character {token.pos + 1}")


def parse(text: str) -> Node:
    """The query's tree; an empty query (or ``*``) means every document."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"the query is too long ({len(text)} characters, at most {MAX_QUERY_LENGTH})")
    if not text.strip():
        return MatchAll()
    return _Parser(text).parse()


def leaf(fld: str | None, text: str, *, phrase: bool = False) -> Node:
    """One term of the query, checked against what its field accepts."""
    if fld in (None, *TEXT_FIELDS):
        return _words(fld, text, phrase)
    value = text.strip()
    if fld == "kind":
        return Exact("kind", kind_value(value))
    if fld == "lang":
        return Exact("lang", lang_value(value))
    if fld == "year":
        low, high = year_range(value)
        return Range("year", low, high)
    if fld == "decade":
        m = _DECADE.match(value)
        if not m:
            raise QueryError(f"decade:{value} is not a decade: write e.g. decade:1930")
        return Range("decade", int(m.group(1)), int(m.group(1)))
    raise QueryError(f"unknown field {fld!r}")  # pragma: no cover - aliases map to the above


def _words(fld: str | None, text: str, phrase: bool) -> Node:
    if phrase:
        return Words(text, fld, phrase=True)
    if text == "*":
        return MatchAll()
    prefix = text.endswith("*")
    stem = text.rstrip("*") if prefix else text
    if "*" in stem:
        raise QueryError(f"{text!r}: '*' may only end a word (as in revol*)")
    if prefix:
        folded = analysis.tokens(stem)
        if len(folded) != 1:
            raise QueryError(f"{text!r}: a prefix must be one word made of letters or digits")
        if len(folded[0]) < MIN_PREFIX:
            raise QueryError(f"{text!r}: a prefix needs at least {MIN_PREFIX} letters")
        return Words(folded[0], fld, prefix=True)
    return Words(text, fld)


def kind_value(value: str) -> str:
    low = value.lower()
    for candidate in (low, low[:-1] if low.endswith("s") else low):
        if candidate in KINDS:
            return candidate
    raise QueryError(f"unknown kind {value!r}: the kinds are {', '.join(KINDS)}")


def lang_value(value: str) -> str:
    low = value.strip().lower()
    low = _LANGUAGE_NAMES.get(low, low)
    code = analysis.facet_language(low)
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise QueryError(f"unknown language {value!r}: give a code such as en, fr or de")
    return code


def year_range(value: str) -> tuple[int | None, int | None]:
    """``1938``, ``1936..1940``, ``..1940``, ``1936..``, ``1930s`` -> inclusive bounds."""
    value = value.strip()
    if _YEAR.match(value):
        return int(value), int(value)
    m = _DECADE.match(value)
    if m and value.endswith("s"):
        start = int(m.group(1))
        return start, start + 9
    m = _YEAR_RANGE.match(value)
    if m and (m.group(1) or m.group(2)):
        low = int(m.group(1)) if m.group(1) else None
        high = int(m.group(2)) if m.group(2) else None
        if low is not None and high is not None and low > high:
            raise QueryError(f"year range {value} runs backwards: write {high}..{low}")
        return low, high
    raise QueryError(f"{value!r} is not a year or a year range: write e.g. 1938, 1936..1940 or 1930s")


# -- compiling ----------------------------------------------------------------------------
@dataclass
class Compiled:
    """The query to run, and the positive body terms to highlight in snippets."""

    query: tantivy.Query
    terms: set[str] = field(default_factory=set)  # the indexed body words it looks for


class Compiler:
    """Turns a tree into tantivy queries over the languages the index holds."""

    def __init__(self, searcher: tantivy.Searcher, languages: tuple[str, ...]) -> None:
        self.searcher = searcher
        self.languages = languages
        self.terms: set[str] = set()

    def compile(self, node: Node) -> Compiled:
        query = self.node(node, positive=True)
        if query is None:
            raise QueryError("the query has no word that can be searched (only punctuation or symbols)")
        return Compiled(query, self.terms)

    def node(self, node: Node, positive: bool) -> tantivy.Query | None:
        if isinstance(node, Words):
            return self.words(node, positive)
        if isinstance(node, Exact):
            return tantivy.Query.term_query(SCHEMA, node.field, node.value)
        if isinstance(node, Range):
            return tantivy.Query.range_query(
                SCHEMA, node.field, tantivy.FieldType.Integer, node.low, node.high
            )
        if isinstance(node, MatchAll):
            return tantivy.Query.all_query()
        if isinstance(node, Not):
            inner = self.node(node.item, not positive)
            if inner is None:
                return None
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, tantivy.Query.all_query()), (tantivy.Occur.MustNot, inner)]
            )
        if isinstance(node, And):
            return self.conjunction(node, positive)
        parts = [q for q in (self.node(item, positive) for item in node.items) if q is not None]
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in parts])

    def conjunction(self, node: And, positive: bool) -> tantivy.Query | None:
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for item in node.items:
            if isinstance(item, Not):
                inner = self.node(item.item, not positive)
                if inner is not None:
                    clauses.append((tantivy.Occur.MustNot, inner))
            else:
                query = self.node(item, positive)
                if query is not None:
                    clauses.append((tantivy.Occur.Must, query))
        if not clauses:
            return None
        if all(occur == tantivy.Occur.MustNot for occur, _ in clauses):
            clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        if len(clauses) == 1:
            return clauses[0][1]
        return tantivy.Query.boolean_query(clauses)

    def targets(self, fld: str | None) -> list[tuple[str, str | None, float, bool]]:
        """(field, analyzer language or None for names, boost, is a body field) for a word."""
        out: list[tuple[str, str | None, float, bool]] = []
        if fld in (None, "title"):
            out += [(title_field(lang), lang, TITLE_BOOST, False) for lang in self.languages]
        if fld in (None, "author"):
            out.append(("author", None, AUTHOR_BOOST, False))
        if fld == "periodical":
            out.append(("periodical", None, 1.0, False))
        if fld in (None, "body"):
            out += [(body_field(lang), lang, 1.0, True) for lang in self.languages]
        return out

    def words(self, node: Words, positive: bool) -> tantivy.Query | None:
        clauses: list[tantivy.Query] = []
        for name, lang, boost, is_body in self.targets(node.field):
            if node.prefix:
                query = self.prefix(name, lang, node.text, positive and is_body)
            else:
                query, toks = _text_query(name, lang, node.text)
                if query is not None and positive and is_body:
                    self.terms.update(toks)
            if query is None:
                continue
            clauses.append(tantivy.Query.boost_query(query, boost) if boost != 1.0 else query)
        if not clauses:
            return None
        if len(clauses) == 1:
            return clauses[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in clauses])

    def prefix(self, name: str, lang: str | None, folded: str, highlight: bool) -> tantivy.Query:
        """Every indexed word starting with the prefix, as typed or as its stem (``revolutionary*``).

        A prefix with few words in the field (most) becomes tantivy's prefix query, which is
        built in microseconds; one with more becomes a regular expression, which is exact for
        any number of words but takes about half a millisecond per field to build.
        """
        starts = {folded}
        if lang is not None:
            starts.update(analysis.tokens(folded, lang))
        queries: list[tantivy.Query] = []
        for start in sorted(starts):
            words = self.searcher.terms_with_prefix(name, start, limit=PREFIX_EXPANSIONS + 1)
            if highlight:
                self.terms.add(start)
                self.terms.update(term for term, _ in words[:MAX_PREFIX_HIGHLIGHTS])
            if len(words) > PREFIX_EXPANSIONS:
                queries.append(tantivy.Query.regex_query(SCHEMA, name, re.escape(start) + ".*"))
            elif words:
                queries.append(tantivy.Query.phrase_prefix_query(SCHEMA, name, [start]))
        if not queries:
            return tantivy.Query.empty_query()
        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def _text_query(name: str, lang: str | None, text: str) -> tuple[tantivy.Query | None, list[str]]:
    """A term query for one word, a phrase query for several (``anti-war`` is a phrase); and the terms."""
    analyzer = analysis.analyzer(lang) if lang else analysis.fold_analyzer()
    toks = analyzer.pre_tokenize(analysis.nfc(text)).tokens
    if not toks:
        return None, []
    if len(toks) == 1:
        return tantivy.Query.term_query(SCHEMA, name, toks[0].text), [toks[0].text]
    query = tantivy.Query.phrase_query(SCHEMA, name, [(t.position, t.text) for t in toks])
    return query, [t.text for t in toks]
