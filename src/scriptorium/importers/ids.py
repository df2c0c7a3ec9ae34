"""Stable ids for records.

A page imported from a mirror keeps its site path (without the extension) as
its id, so that ``archive/foot-paul/1995/06/wilson.htm`` is found again at
``archive/foot-paul/1995/06/wilson``. New material, or a page whose site path
is not known, gets ``writers/{surname}/{yyyy}/{mm}/{title-slug}``.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

from scriptorium.model import PartialDate

_PAGE_SUFFIXES = (".html", ".htm", ".txt", ".markdown", ".md", ".xhtml")


def slugify(text: str, *, max_length: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens (``Høgsbjerg`` -> ``hogsbjerg``)."""
    folded = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = ascii_text.replace("'", "").replace("’", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def id_from_site_path(path: str) -> str:
    """``archive/foot-paul/1995/06/wilson.htm`` -> ``archive/foot-paul/1995/06/wilson``."""
    clean = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if clean in (".", ""):
        raise ValueError("empty site path")
    lower = clean.lower()
    for suffix in _PAGE_SUFFIXES:
        if lower.endswith(suffix):
            clean = clean[: -len(suffix)]
            break
    if clean.endswith("/index") or clean == "index":
        clean = clean[: -len("index")].rstrip("/") or "index"
    return clean


def surname_slug(name: str) -> str:
    """The slug of a writer's surname: ``Gareth Jenkins`` -> ``jenkins``."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    if not words:
        return "anonymous"
    # "Jenkins, Gareth" puts the surname first.
    if "," in name:
        return slugify(name.split(",", 1)[0]) or "anonymous"
    return slugify(words[-1]) or slugify(name) or "anonymous"


def derived_id(authors: tuple[str, ...] | list[str], date: PartialDate | None, title: str) -> str:
    """``writers/{surname}/{yyyy}/{mm}/{title-slug}`` for a record with no site path."""
    writer = surname_slug(authors[0]) if authors else "anonymous"
    year, month = "xxxx", "xx"
    if date is not None:
        m = re.match(r"(\d{4})(?:-(\d{2}))?", date.edtf)
        if m:
            year = m.group(1)
            if m.group(2) and int(m.group(2)) <= 12:
                month = m.group(2)
    return f"writers/{writer}/{year}/{month}/{slugify(title) or 'untitled'}"
