"""A document's body as published: links that resolve, notes linked both ways, headings in order.

The body is already sanitized by the importer; here it is only adapted to its
new home. A link to another page of the archive points at that page's
permanent URL; a link to a page the archive does not hold goes to the page's
address on the site it came from, marked as leaving the site; a note
reference and its note point at each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from scriptorium.model import Note
from scriptorium.publish import urls
from scriptorium.publish.sitemodel import SiteModel

_HEADING = re.compile(r"<(/?)h([1-6])(?=[\s>])", re.IGNORECASE)
_LABEL_JUNK = re.compile(r"[\s\[\]()]+")
_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
EXTERNAL_REL = "external noopener"


@dataclass(frozen=True, slots=True)
class LinkedNote:
    label: str
    anchor: str
    text: str
    backrefs: tuple[str, ...]


def anchor_for(label: str) -> str:
    """An id built from a note label (``1*`` -> ``note-1-2a``)."""
    safe = re.sub(r"[^A-Za-z0-9_-]", lambda m: f"-{ord(m.group()):x}", label.strip())
    return f"note-{safe or 'x'}"


def _label_key(text: str) -> str:
    return _LABEL_JUNK.sub("", text)


def shift_headings(html: str, top: int = 2) -> str:
    """Move the body's headings so the highest is ``h{top}`` (the page title is the only h1)."""
    levels = [int(m.group(2)) for m in _HEADING.finditer(html) if not m.group(1)]
    if not levels or min(levels) == top:
        return html
    shift = top - min(levels)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", html)


def rewrite(
    body_html: str,
    *,
    page: str,
    model: SiteModel,
    notes: tuple[Note, ...],
    origin_base_url: str,
) -> tuple[str, tuple[LinkedNote, ...]]:
    """The body ready for ``page``, and its notes with the ids their references point at."""
    if not body_html.strip():
        return "", tuple(LinkedNote(n.label, anchor_for(n.label), n.text, ()) for n in notes)
    tree = LexborHTMLParser(shift_headings(body_html))
    body = tree.body
    if body is None:
        return "", ()
    ids = {node.attrs.get("id") for node in body.css("[id]")}
    ids |= {node.attrs.get("name") for node in body.css("a[name]")}
    by_label = {_label_key(n.label): n for n in notes}
    note_anchor: dict[str, str] = {}
    backrefs: dict[str, list[str]] = {}
    origin = _schemeless(origin_base_url.rstrip("/") + "/")
    for node in body.css("a[href]"):
        raw = node.attrs.get("href") or ""
        if raw.startswith("#"):
            _local(node, raw[1:], ids, by_label, note_anchor, backrefs)
            continue
        bare = _schemeless(raw)
        if bare.startswith(origin):  # an absolute link to the origin site: maybe a page we hold
            raw = "/" + bare[len(origin) :]
        resolved = urls.resolve(page, raw)
        if resolved is None:
            if urls.is_external(raw):
                _mark_external(node)
            continue
        path, fragment = resolved
        target = model.find(path)
        if target == page:
            if fragment and fragment not in ids and fragment != "top":
                fragment = ""
            node.attrs["href"] = "#" + (fragment or "top")
        elif target is not None:
            keep = fragment if model.has_anchor(target, fragment) else None
            node.attrs["href"] = urls.href(page, target, keep)
        else:
            node.attrs["href"] = urls.origin_url(origin_base_url, path, fragment)
            _mark_external(node)
    for node in body.css("img[src]"):
        resolved = urls.resolve(page, node.attrs.get("src") or "")
        if resolved is not None:
            node.attrs["src"] = urls.origin_url(origin_base_url, resolved[0])
        if node.attrs.get("alt") is None:
            node.attrs["alt"] = ""
    linked = []
    for note in notes:
        key = _label_key(note.label)
        anchor = note_anchor.get(key) or anchor_for(note.label)
        linked.append(LinkedNote(note.label, anchor, note.text, tuple(backrefs.get(key, ()))))
    return body.inner_html, tuple(linked)


def _schemeless(url: str) -> str:
    """``https://www.x.org/a`` -> ``x.org/a``, so http/https and www. variants of the origin agree."""
    bare = _SCHEME.sub("", url, count=1)
    return bare[4:] if bare.startswith("www.") else bare


def _local(node, fragment: str, ids: set, by_label: dict, note_anchor: dict, backrefs: dict) -> None:
    """A same-page link: a note reference (linked both ways), a real anchor, or a dead one (unlinked)."""
    key = _label_key(node.text(deep=True))
    note = by_label.get(key)
    if note is not None and (fragment not in ids or key in note_anchor):
        anchor = note_anchor.setdefault(
            key, fragment if fragment and fragment not in ids else anchor_for(key)
        )
        ids.add(anchor)
        node.attrs["href"] = "#" + anchor
        refs = backrefs.setdefault(key, [])
        ref_id = node.attrs.get("id") or (f"ref-{anchor}" if not refs else f"ref-{anchor}-{len(refs) + 1}")
        node.attrs["id"] = ref_id
        node.attrs["class"] = _add_class(node.attrs.get("class"), "noteref")
        refs.append(ref_id)
        return
    if fragment in ids or fragment == "top":
        return
    node.attrs["href"] = "#top"


def _mark_external(node) -> None:
    node.attrs["class"] = _add_class(node.attrs.get("class"), "external")
    node.attrs["rel"] = EXTERNAL_REL


def _add_class(existing: str | None, name: str) -> str:
    names = (existing or "").split()
    return " ".join([*names, name]) if name not in names else " ".join(names)
