"""Writing a record in the authoring form (the inverse of ``markdown.parse_markdown``).

Metadata goes to YAML front matter, keeping only what differs from what the
importer would produce anyway (a date's text when the EDTF says the same, a
source statement the fields already give). The body comes from ``body_html``
when converting it keeps the record's ``text`` and ``notes`` exactly, and
otherwise from ``text``, escaped so that Markdown reads it back unchanged:
an export must never lose words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import yaml
from selectolax.lexbor import LexborHTMLParser, LexborNode

from scriptorium.importers.edtf_text import edtf_to_text, is_valid_edtf
from scriptorium.model import Note, PartialDate, Record

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_ALWAYS = re.compile(r"([\\`*_\[\]<|~])|&(?=#?\w+;)")
_LINE_START = re.compile(r"^(?:[#>+=-]|(\d{1,9})[.)])")
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_BAD_LABEL = re.compile(r"[\s\[\]\\^]")


# -- Front matter -------------------------------------------------------------------------------


def _date_entries(key: str, date: PartialDate | None) -> dict[str, Any]:
    if date is None:
        return {}
    if not is_valid_edtf(date.edtf):
        return {key: {"text": date.text, "edtf": date.edtf}}
    entries: dict[str, Any] = {key: date.edtf}
    if date.text != edtf_to_text(date.edtf):
        entries[f"{key}_text"] = date.text
    return entries


def _source(record: Record) -> dict[str, Any] | None:
    from scriptorium.importers.markdown import source_statement

    source = record.source
    if source is None:
        return None
    value: dict[str, Any] = {}
    for key in ("periodical", "issue"):
        if getattr(source, key) is not None:
            value[key] = getattr(source, key)
    value.update(_date_entries("date", source.date))
    if source.pages is not None:
        value["pages"] = source.pages
    if source.statement != source_statement(source):
        value["statement"] = source.statement
    return value


def _compact(value: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in value.items() if v not in (None, [], ())}


def _last_updated(record: Record) -> Any:
    from scriptorium.importers.dates import parse_updated

    updated = record.last_updated
    if updated is None:
        return None
    if updated.iso is not None and parse_updated(updated.text) == updated.iso:
        return updated.text
    return {"text": updated.text, "iso": updated.iso}


def front_matter(record: Record) -> str:
    """YAML for a record's metadata, in the contract's order, defaults left out."""
    data: dict[str, Any] = {"id": record.id, "title": record.title, "subtitle": record.subtitle}
    data["authors"] = list(record.authors)
    data.update(_date_entries("date", record.date))
    if record.kind != "article":
        data["kind"] = record.kind
    if record.language != "en":
        data["language"] = record.language
    if record.page_type != "document":
        data["page_type"] = record.page_type
    if record.part_of is not None:
        data["part_of"] = _compact(record.part_of.to_dict())
    data["source"] = _source(record)
    data["rights"] = record.rights
    data["copied_from"] = record.copied_from
    data["credits"] = [_compact(c.to_dict()) for c in record.credits]
    data["reviewed"] = [_compact(r.to_dict()) for r in record.reviewed]
    data["collection"] = record.collection
    data["last_updated"] = _last_updated(record)
    data = _compact(data)
    for key, value in record.extra.items():
        data.setdefault(key, value)
    return yaml.dump(
        data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False
    )


# -- Escaping -----------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return _ALWAYS.sub(lambda m: "\\" + m.group(0), text)


def _ref_pattern(labels: Sequence[str]) -> re.Pattern[str] | None:
    usable = {label for label in labels if label and not _BAD_LABEL.search(label)}
    usable = sorted(usable, key=len, reverse=True)
    if not usable:
        return None
    return re.compile(r"\[(" + "|".join(re.escape(label) for label in usable) + r")\]")


def _escape_with_refs(text: str, refs: re.Pattern[str] | None) -> str:
    """Escape text, turning ``[label]`` of a known note into a footnote reference."""
    if refs is None:
        return _escape(text)
    out: list[str] = []
    last = 0
    for match in refs.finditer(text):
        out.append(_escape(text[last : match.start()]))
        out.append(f"[^{match.group(1)}]")
        last = match.end()
    out.append(_escape(text[last:]))
    return "".join(out)


def _guard_lines(paragraph: str) -> str:
    """Escape what would start a block at a line start, and keep references from becoming links."""
    lines = []
    for line in paragraph.split("\n"):
        m = _LINE_START.match(line)
        if m:
            line = line[: m.end(1)] + "\\" + line[m.end(1) :] if m.group(1) else "\\" + line
        ref = re.match(r"\[\^([^\]\s]+)\]:", line)
        if ref:
            line = f"\\[{ref.group(1)}\\]" + line[ref.end() - 1 :]
        lines.append(line)
    return re.sub(r"(\[\^[^\]\s]+\])\(", r"\1\\(", "\n".join(lines))


def _hard_breaks(paragraph: str) -> str:
    return "\\\n".join(part for part in paragraph.split("\n") if part)


def text_to_markdown(text: str, labels: Sequence[str]) -> str:
    """Markdown that reads back as exactly ``text`` (paragraphs, line breaks, note markers)."""
    refs = _ref_pattern(labels)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(_guard_lines(_hard_breaks(_escape_with_refs(p, refs))) for p in paragraphs)


def notes_markdown(notes: Sequence[Note]) -> str:
    """Footnote definitions, continuation lines indented as CommonMark needs."""
    parts = []
    for note in notes:
        label = _BAD_LABEL.sub("-", note.label) or "note"
        body = re.sub(r"\n(?=.)", "\n    ", text_to_markdown(note.text, ()))
        parts.append(f"[^{label}]: {body}".rstrip())
    return "\n\n".join(parts)


# -- Body from HTML -----------------------------------------------------------------------------

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {
    "p", "blockquote", "ul", "ol", "li", "pre", "table", "hr", "div", "section", "article",
    "header", "footer", "dl", "dt", "dd", "figure", "figcaption", "center", "address", *_HEADINGS,
}


_ALIGN = {"left": " :--- ", "right": " ---: ", "center": " :---: "}


def _text_align(cell: LexborNode) -> str:
    m = re.search(r"text-align\s*:\s*(\w+)", cell.attributes.get("style") or "")
    return m.group(1).lower() if m else ""


def _url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


class _HtmlToMarkdown:
    """A converter for sanitized body HTML: the structure the authoring form can say."""

    def __init__(self, labels: Sequence[str]) -> None:
        self.labels = set(labels)
        self.refs = _ref_pattern(labels)

    def convert(self, fragment: str) -> str:
        body = LexborHTMLParser(fragment).body
        return "\n\n".join(self.blocks(body)) if body is not None else ""

    def blocks(self, node: LexborNode) -> list[str]:
        out: list[str] = []
        pending: list[str] = []
        for child in node.iter(include_text=True):
            if child.tag in _BLOCKS:
                self.flush(pending, out)
                out.extend(self.block(child))
            else:
                pending.append(self.inline(child))
        self.flush(pending, out)
        return out

    def flush(self, pending: list[str], out: list[str]) -> None:
        paragraph = self.paragraph("".join(pending))
        if paragraph:
            out.append(paragraph)
        pending.clear()

    @staticmethod
    def paragraph(markdown: str) -> str:
        lines = [line.strip() for line in markdown.split("\n")]
        text = "\n".join(line for line in lines if line)
        text = re.sub(r"^(?:\\\n)+|(?:\\\n?)+$", "", text.strip())
        return _guard_lines(text) if text.strip() else ""

    def block(self, node: LexborNode) -> list[str]:
        tag = node.tag
        classes = (node.attributes.get("class") or "").split()
        if "footnotes" in classes or "footnote" in classes or "footnotes-sep" in classes:
            return []
        if tag == "p":
            return [p for p in [self.paragraph(self.children_inline(node))] if p]
        if tag in _HEADINGS:
            text = self.paragraph(self.children_inline(node)).replace("\\\n", " ")
            return [f"{'#' * _HEADINGS[tag]} {text}"] if text else []
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(node))
            return ["\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))] if inner else []
        if tag in ("ul", "ol"):
            return self.list_block(node)
        if tag == "pre":
            return [self.code_block(node)]
        if tag == "hr":
            return ["* * *"]
        if tag == "table":
            return self.table(node)
        return self.blocks(node)

    def list_block(self, node: LexborNode) -> list[str]:
        ordered = node.tag == "ol"
        start = node.attributes.get("start") or "1"
        number = int(start) if start.isdigit() else 1
        items = []
        for child in node.iter(include_text=False):
            if child.tag != "li":
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            inner = "\n\n".join(self.blocks(child)) or ""
            items.append(marker + inner.replace("\n", "\n" + " " * len(marker)))
        loose = any("\n\n" in item for item in items)
        return [("\n\n" if loose else "\n").join(items)] if items else []

    @staticmethod
    def code_block(node: LexborNode) -> str:
        code = (node.text(deep=True) or "").rstrip("\n")
        longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"{fence}\n{code}\n{fence}"

    def table(self, node: LexborNode) -> list[str]:
        rows = []
        aligns: list[str] = []
        for row in node.css("tr"):
            cells = [cell for cell in row.iter(include_text=False) if cell.tag in ("td", "th")]
            if not cells:
                continue
            if not rows:
                aligns = [_ALIGN.get(_text_align(cell), " --- ") for cell in cells]
            rows.append([self.paragraph(self.children_inline(c)).replace("\\\n", " ") for c in cells])
        if not rows:
            return []
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        aligns += [" --- "] * (width - len(aligns))
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(aligns) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return ["\n".join(lines)]

    def children_inline(self, node: LexborNode) -> str:
        return "".join(self.inline(child) for child in node.iter(include_text=True))

    def note_ref(self, node: LexborNode) -> str | None:
        text = (node.text(deep=True) or "").strip()
        label = text[1:-1] if text.startswith("[") and text.endswith("]") else text
        if label in self.labels and not _BAD_LABEL.search(label):
            return f"[^{label}]"
        return None

    def inline(self, node: LexborNode) -> str:
        tag = node.tag
        if tag == "-text":
            return _escape_with_refs(_SPACES.sub(" ", node.text_content or ""), self.refs)
        if tag == "br":
            return "\\\n"
        if tag in _BLOCKS:
            return "\n".join(self.blocks(node))
        if tag == "a":
            href = node.attributes.get("href") or ""
            if href.startswith("#"):
                ref = self.note_ref(node)
                if ref:
                    return ref
            inner = self.children_inline(node)
            if not href or not inner.strip():
                return inner
            if inner.startswith("^"):
                inner = "\\" + inner
            return f"[{inner}]({_url(href)})"
        if tag == "img":
            alt = _escape(_SPACES.sub(" ", node.attributes.get("alt") or ""))
            src = _url(node.attributes.get("src") or "")
            return f"![{alt}]({src})" if src else alt
        if tag in ("em", "i", "strong", "b", "s", "del"):
            return self.wrapped(node, {"em": "*", "i": "*", "strong": "**", "b": "**"}.get(tag, "~~"))
        if tag == "code":
            code = _SPACES.sub(" ", node.text(deep=True) or "")
            longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
            fence = "`" * (longest + 1)
            pad = " " if code.startswith("`") or code.endswith("`") else ""
            return f"{fence}{pad}{code}{pad}{fence}" if code.strip() else code
        if tag in ("sup", "sub"):
            inner = self.children_inline(node)
            if re.fullmatch(r"\[\^[^\]\s]+\]", inner.strip()):
                return inner.strip()
            return f"<{tag}>{inner}</{tag}>" if inner.strip() else inner
        return self.children_inline(node)

    def wrapped(self, node: LexborNode, mark: str) -> str:
        inner = self.children_inline(node)
        core = inner.strip()
        if not core:
            return inner
        lead = " " if inner[:1].isspace() else ""
        trail = " " if inner[-1:].isspace() else ""
        return f"{lead}{mark}{core}{mark}{trail}"


def html_to_markdown(fragment: str, labels: Sequence[str] = ()) -> str:
    """Markdown for sanitized body HTML; links that name a note become footnote references."""
    return _HtmlToMarkdown(labels).convert(fragment)


# -- Body ---------------------------------------------------------------------------------------


def markdown_body(record: Record, parse: Callable[[bytes, str | None], Record]) -> str:
    """The body: converted from ``body_html`` when that keeps the text, else from ``text``."""
    labels = [note.label for note in record.notes]
    notes = notes_markdown(record.notes)
    tail = f"\n\n{notes}\n" if notes else "\n"
    if record.body_html:
        candidate = html_to_markdown(record.body_html, labels)
        probe = f"---\ntitle: probe\n---\n\n{candidate}{tail}".encode()
        reread = parse(probe, None)
        if reread.text == record.text and reread.notes == record.notes:
            return candidate + tail
    return text_to_markdown(record.text, labels) + tail
