"""Where every page of the published site lives, and how one page points at another.

URLs are permanent: a page imported from a mirror keeps its site path; new
material lives at its id plus ``.html``. Every link the site writes is relative
(``../../writers/index.html``), so the same build works on any host, under any
prefix and from ``file://``.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit

from scriptorium.importers.ids import slugify as ids_slugify

HTML_SUFFIXES = (".htm", ".html", ".xhtml", ".shtml")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_INDEX_NAMES = ("index.htm", "index.html")
_URL_SAFE = re.compile(r"[A-Za-z0-9/._~-]*")
_QUOTE_SAFE = "/-._~!$&'()*+,;=:@%"


def _quote(path: str) -> str:
    """Percent-encode a path for an href; most archive paths need nothing, so check first."""
    return path if _URL_SAFE.fullmatch(path) else quote(path, safe=_QUOTE_SAFE)


@lru_cache(maxsize=65536)
def slugify(text: str, *, max_length: int = 80) -> str:
    """The archive's slug (``Høgsbjerg`` -> ``hogsbjerg``), cached and never empty."""
    return ids_slugify(text, max_length=max_length) or "untitled"


@lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """One key per person however written: ``Foot, Paul`` = ``Paul Foot``; ``O’ Neil`` = ``O’Neil``."""
    clean = re.sub(r"(?<=[’'])\s+", "", " ".join(name.split()))
    if clean.count(",") == 1:
        surname, given = (part.strip() for part in clean.split(","))
        if surname and given and " " not in surname:
            clean = f"{given} {surname}"
    return slugify(clean)


def display_name(name: str) -> str:
    """``Foot, Paul`` -> ``Paul Foot`` (the form pages show)."""
    clean = " ".join(name.split())
    if clean.count(",") == 1:
        surname, given = (part.strip() for part in clean.split(","))
        if surname and given and " " not in surname:
            return f"{given} {surname}"
    return clean


def clean_site_path(path: str) -> str:
    """A site path as stored: forward slashes, no leading slash, no ``.`` or ``..`` steps."""
    text = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    return "" if text == "." else text


def is_html_path(path: str | None) -> bool:
    return bool(path) and path.lower().endswith(HTML_SUFFIXES)  # type: ignore[union-attr]


def document_path(record_id: str, site_path: str | None) -> str:
    """A document's page: its imported site path, else ``{id}.html`` (new material)."""
    if site_path and is_html_path(site_path):
        return clean_site_path(site_path)
    return clean_site_path(record_id) + ".html"


def json_path(page_path: str) -> str:
    """The record's JSON beside its page: ``wilson.htm`` -> ``wilson.json``."""
    stem, _ = posixpath.splitext(page_path)
    return stem + ".json"


def root_prefix(page_path: str) -> str:
    """The relative path from a page back to the site root (``a/b/c.htm`` -> ``../../``)."""
    depth = page_path.count("/")
    return "../" * depth


def href(from_page: str, to_path: str, fragment: str | None = None) -> str:
    """A relative link from one page to another site path (``to_path`` may be ``""`` for the root)."""
    target = root_prefix(from_page) + _quote(to_path)
    if not target:
        target = "./"
    return f"{target}#{fragment}" if fragment else target


def absolute(base_url: str | None, path: str) -> str:
    """An absolute URL when a base URL is set, else the root-relative path."""
    quoted = _quote(path)
    if base_url:
        return base_url.rstrip("/") + "/" + quoted
    return "/" + quoted


def is_external(url: str) -> bool:
    """True for links that leave the site (``http:``, ``mailto:``, ``//host``)."""
    return bool(_SCHEME.match(url)) or url.startswith("//")


def resolve(base_page: str, url: str) -> tuple[str, str] | None:
    """The site path and fragment a relative link in ``base_page`` points at, or None if external.

    ``("archive/x/1995/06/a.htm", "../07/b.htm#n1")`` -> ``("archive/x/1995/07/b.htm", "n1")``.
    A link that climbs above the site root is external by nature (None).
    """
    url = url.strip()
    if not url or is_external(url):
        return None
    parts = urlsplit(url)
    fragment = unquote(parts.fragment)
    raw = unquote(parts.path)
    if not raw:
        return base_page, fragment
    joined = raw if raw.startswith("/") else posixpath.join(posixpath.dirname(base_page), raw)
    normal = (
        posixpath.normpath("/" + joined.lstrip("/")) if raw.startswith("/") else posixpath.normpath(joined)
    )
    if normal.startswith("..") or normal.startswith("/.."):
        return None
    clean = normal.lstrip("/")
    if clean == ".":
        clean = ""
    if raw.endswith("/") and clean:
        clean += "/"
    return clean, fragment


def lookup_keys(path: str) -> list[str]:
    """The names under which a site path may be reached: itself, its extensionless form, its folder."""
    keys = [path]
    stem, ext = posixpath.splitext(path)
    if ext.lower() in HTML_SUFFIXES:
        keys.append(stem)
    base = posixpath.basename(path)
    if base in _INDEX_NAMES:
        folder = posixpath.dirname(path)
        keys.extend([folder + "/" if folder else "", folder])
    return keys


def candidate_keys(site_path: str) -> list[str]:
    """Keys to try, in order, when resolving a link target against the pages the site has."""
    if site_path == "" or site_path.endswith("/"):
        folder = site_path.rstrip("/")
        return [site_path, folder]
    stem, ext = posixpath.splitext(site_path)
    keys = [site_path]
    if ext.lower() in HTML_SUFFIXES:
        keys.append(stem)
    elif not ext:
        keys.append(site_path + "/")
    return keys


def origin_url(origin_base_url: str, site_path: str, fragment: str = "") -> str:
    """The page's address on the site it was first published on."""
    url = origin_base_url.rstrip("/") + "/" + _quote(site_path)
    return f"{url}#{fragment}" if fragment else url
