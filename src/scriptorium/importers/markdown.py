"""The authoring form: Markdown (CommonMark + footnotes) under a YAML front matter block.

The front matter's keys are the record's keys, so a volunteer states the
metadata exactly; the body gives ``body_html`` (sanitized), ``text`` and
``notes``. Front matter that cannot be trusted stops the import with a
``FrontMatterError`` naming the key and line, because a silently wrong
record is worse than none; problems in the body only produce warnings.

In ``text``, a footnote reference is kept as ``[label]`` (``[1]``, ``[a]``),
as legacy pages print it, so the text still shows where each note belongs.
``notes`` lists every definition in the order written, referenced or not.

``record_to_markdown`` is the inverse: it writes a record in this form so an
imported legacy page can be edited and imported again without loss.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import html
import re
from collections.abc import Sequence
from typing import Any

import nh3
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from scriptorium.errors import EncodingError, FrontMatterError
from scriptorium.importers import dates, ids
from scriptorium.importers.edtf_text import edtf_to_text, is_valid_edtf
from scriptorium.model import (
    CREDIT_ROLES,
    KINDS,
    PAGE_TYPES,
    Credit,
    LastUpdated,
    Note,
    PartialDate,
    PartOf,
    Record,
    ReviewedBook,
    Source,
)

__all__ = ["is_site_path", "parse_markdown", "record_to_markdown", "source_statement"]

_FRONT_MATTER = "front-matter"
_BODY = "body"

# Keys the body or the importer fills: stating them in front matter is a mistake.
_BODY_KEYS = ("text", "notes", "warnings", "body_html", "placed_by", "format", "extra")
_RECORD_KEYS = (
    "page_type",
    "part_of",
    "id",
    "title",
    "subtitle",
    "authors",
    "date",
    "date_text",
    "kind",
    "language",
    "source",
    "rights",
    "copied_from",
    "credits",
    "reviewed",
    "collection",
    "last_updated",
)
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_UNDEFINED_REF = re.compile(r"\[\^([^\]\s]+)\]")
_EDTF_LIKE = re.compile(r"[0-9X?~%/.,{}\[\] -]+")
_EXTRA_BUDGET = 20_000
"""Most values kept from unknown keys: YAML aliases can make a small file expand without end."""


# -- Markdown engine ---------------------------------------------------------------------------


def _render_footnote_ref(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    """``[label]`` as written, linked to the note; numbers only in ids, which must be safe."""
    meta = tokens[idx].meta
    label = meta["label"]
    number = env["note_numbers"][label]
    ref_id = f"fnref{number}" + (f"-{meta['subId']}" if meta["subId"] else "")
    return (
        f'<sup class="footnote-ref"><a href="#fn{number}" id="{ref_id}">[{html.escape(label)}]</a></sup>'
    )


def _engine() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    md.use(front_matter_plugin)
    # Inline ^[...] notes are off: Hugo does not know them, and the files must build there too.
    md.use(footnote_plugin, inline=False, move_to_end=False)
    md.enable(["table", "strikethrough"])
    md.add_render_rule("footnote_ref", _render_footnote_ref)
    return md


_MD = _engine()

_CLEANER = nh3.Cleaner(
    tags={
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "i", "b", "u", "s", "del",
        "a", "img", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th",
        "td", "sup", "sub", "br", "hr", "code", "pre", "section", "div", "span", "small",
    },
    attributes={
        "a": {"href", "title", "id", "class"},
        "img": {"src", "alt", "title"},
        "sup": {"class"},
        "div": {"id", "class"},
        "section": {"class"},
        "span": {"class"},
        "ol": {"start"},
        "th": {"style"},
        "td": {"style"},
        "code": {"class"},
    },
    filter_style_properties={"text-align"},
    url_schemes={"http", "https", "mailto"},
    link_rel=None,
)


# -- Decoding and splitting ----------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """Strict UTF-8 (a byte-order mark is allowed): Markdown is written, not inherited."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + bom
        raise EncodingError(
            f"Markdown must be UTF-8: byte 0x{data[offset]:02x} at byte offset {offset} is not valid UTF-8"
        ) from None


class _Context:
    """Where the front matter sits in the file, so errors can name a line."""

    def __init__(self, yaml_text: str, first_line: int) -> None:
        self.lines = yaml_text.split("\n")
        self.first_line = first_line

    def line_of(self, key: str) -> int | None:
        top = key.split(".", 1)[0].split("[", 1)[0]
        pattern = re.compile(rf"\s*['\"]?{re.escape(top)}['\"]?\s*:")
        for number, line in enumerate(self.lines):
            if pattern.match(line) and not line.startswith((" ", "\t")):
                return self.first_line + number
        return None

    def error(self, key: str, problem: str) -> FrontMatterError:
        line = self.line_of(key)
        where = f"front matter line {line}" if line else "front matter"
        return FrontMatterError(f"{where}: '{key}' {problem}")


def _split(text: str) -> tuple[dict[str, Any], _Context, list[Token], dict]:
    """Front matter as a mapping, and the body's tokens (one parse of the whole file)."""
    env: dict[str, Any] = {}
    tokens = _MD.parse(text, env)
    if not tokens or tokens[0].type != "front_matter":
        first = text.split("\n", 1)[0].strip()
        if re.fullmatch(r"-{3,}", first):
            raise FrontMatterError("front matter opened with '---' on line 1 is never closed with '---'")
        raise FrontMatterError(
            "no front matter: a Markdown page starts with a '---' block giving at least a title"
        )
    context = _Context(tokens[0].content, 2)
    return _load_yaml(tokens[0].content, context), context, tokens[1:], env


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(source: str, context: _Context) -> dict[str, Any]:
    try:
        value = yaml.load(source, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        where = f"line {context.first_line + mark.line}" if mark is not None else "front matter"
        raise FrontMatterError(f"front matter is not valid YAML ({where}: {problem})") from None
    except (ValueError, OverflowError, RecursionError) as exc:
        raise FrontMatterError(f"front matter has a value YAML cannot read ({exc})") from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FrontMatterError(
            f"front matter must be a mapping of keys to values, not a {_type_name(value)}"
        )
    for key in value:
        if not isinstance(key, str):
            raise FrontMatterError(f"front matter key {key!r} is not a name (keys must be text)")
    return value


# -- Front matter values ------------------------------------------------------------------------


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no value"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, (list, tuple, set)):
        return "list"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return "date"
    return type(value).__name__


def _clean(text: str) -> str:
    """Runs of white space as one space, and none at the ends (most strings need no substitution,
    and a few ``in`` tests cost less than the pattern's scan)."""
    if (
        "  " in text
        or "\n" in text
        or "\t" in text
        or "\xa0" in text
        or "\r" in text
        or "\f" in text
        or "\v" in text
    ):
        text = _SPACES.sub(" ", text)
    return text.strip()


def _string(ctx: _Context, key: str, value: Any, *, required: bool = False) -> str | None:
    if value is None or value == "":
        if required:
            raise ctx.error(key, "is required and must not be empty")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ctx.error(key, f"must be text, not a {_type_name(value)}")
    text = _clean(str(value))
    if required and not text:
        raise ctx.error(key, "is required and must not be empty")
    return text or None


def _strings(ctx: _Context, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ctx.error(key, f"must be a list of names, not a {_type_name(value)}")
    names = []
    for index, item in enumerate(value):
        name = _string(ctx, f"{key}[{index}]", item)
        if name is None:
            raise ctx.error(f"{key}[{index}]", "is empty")
        names.append(name)
    return tuple(names)


def _choice(ctx: _Context, key: str, value: Any, allowed: Sequence[str], default: str) -> str:
    if value is None:
        return default
    text = _string(ctx, key, value)
    if text not in allowed:
        raise ctx.error(key, f"is {value!r}, which is not one of: {', '.join(allowed)}")
    return text


def _mapping(ctx: _Context, key: str, value: Any, allowed: Sequence[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ctx.error(key, f"must be a mapping, not a {_type_name(value)}")
    for name in value:
        if name not in allowed:
            raise ctx.error(f"{key}.{name}", f"is not a known key (use: {', '.join(allowed)})")
    return value


def _date(ctx: _Context, key: str, value: Any, text: Any) -> PartialDate | None:
    """A date from a bare EDTF string, a YAML date, a year, a printed date or a {text, edtf} object."""
    shown = _string(ctx, f"{key}_text" if key == "date" else key + "_text", text)
    if value is None:
        if shown is not None:
            raise ctx.error(f"{key}_text", "is given without a date")
        return None
    if isinstance(value, dict):
        value = _mapping(ctx, key, value, ("text", "edtf"))
        edtf = _string(ctx, f"{key}.edtf", value.get("edtf"), required=True)
        if not is_valid_edtf(edtf):
            raise ctx.error(f"{key}.edtf", f"is {edtf!r}, which is not a valid EDTF date")
        shown = shown or _string(ctx, f"{key}.text", value.get("text")) or edtf_to_text(edtf)
        return PartialDate(text=shown, edtf=edtf)
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        edtf = value.isoformat()
    elif isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
        edtf = f"{value:04d}"
    elif isinstance(value, str):
        edtf = value.strip()
        if not is_valid_edtf(edtf):
            # Digits and EDTF signs only: meant as EDTF, so a mistake is an error, not a printed date.
            printed = None if _EDTF_LIKE.fullmatch(edtf) else dates.parse_date(edtf)
            if printed is None:
                raise ctx.error(key, f"is {value!r}, which is neither EDTF (like \"1976-06\") nor a date")
            return PartialDate(text=shown or printed.text, edtf=printed.edtf)
    else:
        raise ctx.error(key, f"must be an EDTF date like \"1976-06\", not a {_type_name(value)}")
    return PartialDate(text=shown or edtf_to_text(edtf), edtf=edtf)


def source_statement(source: Source) -> str:
    """The printed line a source gives: ``From Socialist Review, No. 176, June 1976.``"""
    if not source.periodical:
        return ""
    parts = [source.periodical, source.issue, source.date.text if source.date else None, source.pages]
    return "From " + ", ".join(p for p in parts if p) + "."


def _source(ctx: _Context, value: Any) -> Source | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Source(statement=_clean(value))
    value = _mapping(ctx, "source", value, ("periodical", "issue", "date", "date_text", "pages", "statement"))
    source = Source(
        statement="",
        periodical=_string(ctx, "source.periodical", value.get("periodical")),
        issue=_string(ctx, "source.issue", value.get("issue")),
        date=_date(ctx, "source.date", value.get("date"), value.get("date_text")),
        pages=_string(ctx, "source.pages", value.get("pages")),
    )
    statement = _string(ctx, "source.statement", value.get("statement"))
    return Source(
        statement=statement if statement is not None else source_statement(source),
        periodical=source.periodical,
        issue=source.issue,
        date=source.date,
        pages=source.pages,
    )


def _list_of_mappings(ctx: _Context, key: str, value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ctx.error(key, f"must be a list, not a {_type_name(value)}")
    return value


def _credits(ctx: _Context, value: Any) -> tuple[Credit, ...]:
    credits = []
    for index, item in enumerate(_list_of_mappings(ctx, "credits", value)):
        key = f"credits[{index}]"
        item = _mapping(ctx, key, item, ("role", "name", "note"))
        role = _string(ctx, f"{key}.role", item.get("role"), required=True)
        if role not in CREDIT_ROLES:
            raise ctx.error(f"{key}.role", f"is {role!r}, which is not one of: {', '.join(CREDIT_ROLES)}")
        name = _string(ctx, f"{key}.name", item.get("name"), required=True)
        credits.append(Credit(role=role, name=name, note=_string(ctx, f"{key}.note", item.get("note"))))
    return tuple(credits)


def _reviewed(ctx: _Context, value: Any) -> tuple[ReviewedBook, ...]:
    books = []
    keys = ("title", "authors", "editors", "translators", "publisher", "year", "price")
    for index, item in enumerate(_list_of_mappings(ctx, "reviewed", value)):
        key = f"reviewed[{index}]"
        item = _mapping(ctx, key, item, keys)
        books.append(
            ReviewedBook(
                title=_string(ctx, f"{key}.title", item.get("title"), required=True),
                authors=_strings(ctx, f"{key}.authors", item.get("authors")),
                editors=_strings(ctx, f"{key}.editors", item.get("editors")),
                translators=_strings(ctx, f"{key}.translators", item.get("translators")),
                publisher=_string(ctx, f"{key}.publisher", item.get("publisher")),
                year=_string(ctx, f"{key}.year", item.get("year")),
                price=_string(ctx, f"{key}.price", item.get("price")),
            )
        )
    return tuple(books)


def _part_of(ctx: _Context, value: Any) -> PartOf | None:
    if value is None:
        return None
    if isinstance(value, str):
        return PartOf(title=_string(ctx, "part_of", value, required=True))
    value = _mapping(ctx, "part_of", value, ("title", "id"))
    return PartOf(
        title=_string(ctx, "part_of.title", value.get("title"), required=True),
        id=_string(ctx, "part_of.id", value.get("id")),
    )


def _last_updated(ctx: _Context, value: Any) -> LastUpdated | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return LastUpdated(text=edtf_to_text(value.isoformat()), iso=value.isoformat())
    if isinstance(value, dict):
        value = _mapping(ctx, "last_updated", value, ("text", "iso"))
        text = _string(ctx, "last_updated.text", value.get("text"), required=True)
        iso = value.get("iso")
        if isinstance(iso, _dt.date):
            iso = iso.isoformat()
        iso = _string(ctx, "last_updated.iso", iso)
        if iso is not None and (not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) or not is_valid_edtf(iso)):
            raise ctx.error("last_updated.iso", f"is {iso!r}, which is not a YYYY-MM-DD date")
        return LastUpdated(text=text, iso=iso if iso is not None else dates.parse_updated(text))
    text = _string(ctx, "last_updated", value)
    iso = dates.parse_updated(text)
    if iso is None:
        raise ctx.error("last_updated", f"is {value!r}, which is not a date (write e.g. \"2 May 2017\")")
    return LastUpdated(text=text, iso=iso)


def _record_id(ctx: _Context, value: Any, path: str | None, authors, date, title) -> tuple[str, str]:
    given = _string(ctx, "id", value)
    if given is not None:
        cleaned = given.strip("/")
        if not cleaned or " " in cleaned or ".." in cleaned.split("/"):
            raise ctx.error("id", f"is {given!r}, which is not a path of slugs like \"writers/x/1976/06/y\"")
        return cleaned, _FRONT_MATTER
    if path and is_site_path(path):
        return ids.id_from_site_path(path), "path"
    return ids.derived_id(authors, date, title), "derived"


def is_site_path(path: str) -> bool:
    """A path relative to the archive's root, not a file somewhere on a disk."""
    clean = path.replace("\\", "/")
    if clean.startswith(("/", "~")) or re.match(r"[A-Za-z]:/", clean):
        return False
    parts = [p for p in clean.split("/") if p not in ("", ".")]
    return bool(parts) and ".." not in parts


def _json_safe(value: Any, budget: list[int]) -> Any:
    """Unknown keys' values as JSON can hold them: dates become ISO text."""
    budget[0] -= 1
    if budget[0] < 0:
        raise FrontMatterError("front matter is too large once its YAML aliases are expanded")
    if isinstance(value, dict):
        return {str(k): _json_safe(v, budget) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [_json_safe(v, budget) for v in items]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, float) and value != value:  # NaN is not JSON
        return None
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# -- Body ---------------------------------------------------------------------------------------


_HIDDEN_OPEN = re.compile(r"<(script|style)\b", re.IGNORECASE)
_HIDDEN_CLOSE = re.compile(r"</(script|style)\b", re.IGNORECASE)


def _inline_text(children: Sequence[Token]) -> str:
    """Plain text of inline tokens; what the sanitizer drops (scripts, styles) is dropped here too."""
    out: list[str] = []
    hidden = False
    for tok in children:
        kind = tok.type
        if kind == "html_inline":
            if _HIDDEN_OPEN.match(tok.content):
                hidden = True
            elif _HIDDEN_CLOSE.match(tok.content):
                hidden = False
        elif hidden:
            continue
        elif kind in ("text", "code_inline"):
            out.append(tok.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "image":
            out.append(_inline_text(tok.children or ()))
        elif kind == "footnote_ref":
            out.append(f"[{tok.meta['label']}]")
    return "\n".join(line for line in (_clean(part) for part in "".join(out).split("\n")) if line)


_TEXT_ONLY = nh3.Cleaner(tags=set())


def _html_block_text(content: str) -> str:
    return _clean(html.unescape(_TEXT_ONLY.clean(content)))


def _blocks(tokens: Sequence[Token]) -> list[str]:
    """Plain text of block tokens: one entry per paragraph, heading, code block or table row."""
    blocks: list[str] = []
    row: list[str] | None = None
    for tok in tokens:
        kind = tok.type
        if kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if row and any(row):
                blocks.append(" | ".join(row))
            row = None
        elif kind == "inline":
            text = _inline_text(tok.children or ())
            if row is not None:
                row.append(text)
            elif text:
                blocks.append(text)
        elif kind in ("fence", "code_block"):
            code = tok.content.replace("\u00a0", " ").rstrip()
            if code.strip():
                blocks.append(code)
        elif kind == "html_block":
            text = _html_block_text(tok.content)
            if text:
                blocks.append(text)
    return blocks


def _split_notes(tokens: Sequence[Token]) -> tuple[list[Token], dict[str, list[Token]], list[str]]:
    """Body tokens, and each footnote definition's tokens in the order written."""
    body: list[Token] = []
    definitions: dict[str, list[Token]] = {}
    duplicates: list[str] = []
    current: list[Token] | None = None
    for tok in tokens:
        if tok.type == "footnote_reference_open":
            label = tok.meta["label"]
            current = []
            if label in definitions:
                duplicates.append(label)
            else:
                definitions[label] = current
        elif tok.type == "footnote_reference_close":
            current = None
        elif current is not None:
            current.append(tok)
        else:
            body.append(tok)
    return body, definitions, duplicates


def _references(tokens: Sequence[Token]) -> tuple[set[str], list[str]]:
    """Labels referenced, and ``[^x]`` written where no note ``x`` is defined."""
    used: set[str] = set()
    undefined: list[str] = []
    for tok in tokens:
        for child in tok.children or ():
            if child.type == "footnote_ref":
                used.add(child.meta["label"])
            elif child.type == "text" and "[^" in child.content:
                undefined.extend(_UNDEFINED_REF.findall(child.content))
    return used, undefined


def _notes_html(definitions: dict[str, list[Token]], used: set[str], env: dict) -> str:
    parts = ['<section class="footnotes">']
    for label, tokens in definitions.items():
        number = env["note_numbers"][label]
        caption = f"[{html.escape(label)}]"
        mark = (
            f'<a class="footnote-label" href="#fnref{number}">{caption}</a>'
            if label in used
            else f'<span class="footnote-label">{caption}</span>'
        )
        inner = _MD.renderer.render(tokens, _MD.options, env)
        inner = inner.replace("<p>", f"<p>{mark} ", 1) if inner.startswith("<p>") else f"<p>{mark}</p>{inner}"
        parts.append(f'<div class="footnote" id="fn{number}">{inner}</div>')
    parts.append("</section>")
    return "\n".join(parts)


def _body(tokens: list[Token], env: dict) -> tuple[str, str, tuple[Note, ...], list[str]]:
    body, definitions, duplicates = _split_notes(tokens)
    env["note_numbers"] = {label: number for number, label in enumerate(definitions, start=1)}
    used, undefined = _references(tokens)
    html_out = _MD.renderer.render(body, _MD.options, env)
    if definitions:
        html_out += _notes_html(definitions, used, env)
    notes = tuple(Note(label=label, text="\n\n".join(_blocks(toks))) for label, toks in definitions.items())
    text = "\n\n".join(_blocks(body))
    warnings = [f"footnote [^{label}] is referenced but never defined" for label in dict.fromkeys(undefined)]
    warnings += [f"footnote [^{label}] is defined more than once; the first is kept" for label in duplicates]
    warnings += [
        f"footnote [^{label}] is defined but never referenced in the text"
        for label in definitions
        if label not in used
    ]
    if not text:
        warnings.insert(0, "the body is empty: the page has metadata but no text")
    return _CLEANER.clean(html_out), text, notes, warnings


# -- The importer -------------------------------------------------------------------------------


# Hugo's own front matter keys: expected, never a misspelt record key.
_HUGO_KEYS = frozenset(
    {
        "aliases", "build", "cascade", "categories", "description", "draft", "expiryDate", "headless",
        "images", "isCJKLanguage", "keywords", "lastmod", "layout", "linkTitle", "markup", "menus", "menu",
        "outputs", "params", "publishDate", "resources", "sitemap", "slug", "summary", "tags", "toc",
        "translationKey", "type", "url", "weight", "series",
    }
)


def _unknown_key_warnings(keys: Sequence[str]) -> list[str]:
    """Warn about a key that looks like a misspelt record key, which would otherwise be lost quietly."""
    warnings = []
    for key in keys:
        if key in _HUGO_KEYS:
            continue
        close = difflib.get_close_matches(key, _RECORD_KEYS, n=1, cutoff=0.8)
        if close:
            warnings.append(
                f"front matter key '{key}' is not a record key (did you mean '{close[0]}'?); kept as is"
            )
    return warnings


def parse_markdown(data: bytes, path: str | None = None) -> Record:
    """A ``Record`` from the authoring form; broken front matter raises ``FrontMatterError``."""
    text = _decode(bytes(data))
    fm, ctx, tokens, env = _split(text)
    for key in _BODY_KEYS:
        if key in fm:
            raise ctx.error(key, "comes from the page body and cannot be set in front matter")
    title = _string(ctx, "title", fm.get("title"), required=True)
    authors = _strings(ctx, "authors", fm.get("authors"))
    date = _date(ctx, "date", fm.get("date"), fm.get("date_text"))
    record_id, id_placed = _record_id(ctx, fm.get("id"), path, authors, date, title)
    language = _string(ctx, "language", fm.get("language")) or "en"
    if not _LANGUAGE.fullmatch(language):
        raise ctx.error("language", f"is {language!r}, which is not a language code like \"en\" or \"pt-BR\"")
    reviewed = _reviewed(ctx, fm.get("reviewed"))
    kind = _choice(ctx, "kind", fm.get("kind"), KINDS, "article")
    body_html, body_text, notes, warnings = _body(tokens, env)
    unknown = [key for key in fm if key not in _RECORD_KEYS]
    warnings += _unknown_key_warnings(unknown)
    if kind == "review" and not reviewed:
        warnings.append("kind is 'review' but no reviewed book is given")
    placed = {key: _FRONT_MATTER for key in fm if key in _RECORD_KEYS and key != "date_text"}
    placed.update(id=id_placed, text=_BODY, notes=_BODY, body_html=_BODY)
    return Record(
        id=record_id,
        title=title,
        page_type=_choice(ctx, "page_type", fm.get("page_type"), PAGE_TYPES, "document"),
        part_of=_part_of(ctx, fm.get("part_of")),
        subtitle=_string(ctx, "subtitle", fm.get("subtitle")),
        authors=authors,
        date=date,
        kind=kind,
        language=language,
        source=_source(ctx, fm.get("source")),
        rights=_string(ctx, "rights", fm.get("rights")),
        copied_from=_string(ctx, "copied_from", fm.get("copied_from")),
        credits=_credits(ctx, fm.get("credits")),
        reviewed=reviewed,
        collection=_string(ctx, "collection", fm.get("collection")),
        last_updated=_last_updated(ctx, fm.get("last_updated")),
        text=body_text,
        notes=notes,
        warnings=tuple(warnings),
        body_html=body_html,
        path=path,
        format="markdown",
        extra=_json_safe({key: fm[key] for key in unknown}, [_EXTRA_BUDGET]),
        placed_by=placed,
    )


# -- The inverse --------------------------------------------------------------------------------


def record_to_markdown(record: Record) -> str:
    """The authoring form of a record: front matter for its metadata, Markdown for its body."""
    from scriptorium.importers.markdown_export import front_matter, markdown_body

    return "---\n" + front_matter(record) + "---\n\n" + markdown_body(record, parse_markdown)
