"""Check a built site: every internal link and anchor resolves; external links are listed, not fetched."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from scriptorium.errors import ScriptoriumError
from scriptorium.publish import urls

_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)
_LINKING = (
    "a[href], area[href], link[href], img[src], script[src], iframe[src], source[src], meta[http-equiv]"
)


@dataclass(slots=True)
class Broken:
    page: str
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href} ({self.reason})"


@dataclass(slots=True)
class LinkReport:
    pages: int = 0
    links: int = 0
    broken: list[Broken] = field(default_factory=list)
    external: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.broken

    def summary(self) -> str:
        return (
            f"checked {self.pages} pages, {self.links} links: {len(self.broken)} broken, "
            f"{len(self.external)} distinct external links (not fetched)"
        )


def _page_links(tree: LexborHTMLParser) -> list[str]:
    found = []
    for node in tree.css(_LINKING):
        attrs = node.attrs
        if node.tag == "meta":
            if (attrs.get("http-equiv") or "").lower() == "refresh":
                match = _REFRESH.search(attrs.get("content") or "")
                if match:
                    found.append(match.group(1).strip())
            continue
        if node.tag == "link" and (attrs.get("rel") or "").lower() in ("canonical", "schema.dc"):
            continue
        value = attrs.get("href") if "href" in attrs else attrs.get("src")
        if value is not None:
            found.append(value)
    return found


def _ids(tree: LexborHTMLParser) -> set[str]:
    ids = {n.attrs.get("id") or "" for n in tree.css("[id]")}
    ids |= {n.attrs.get("name") or "" for n in tree.css("a[name]")}
    return ids


def check_links(site_dir: str | os.PathLike[str], *, base_url: str | None = None) -> LinkReport:
    """Every link of every HTML page under ``site_dir``, checked against the files that are there."""
    root = Path(site_dir)
    if not root.is_dir():
        raise ScriptoriumError(f"{root} is not a directory")
    files: set[str] = set()
    for folder, _dirs, names in os.walk(root):
        rel = Path(folder).relative_to(root).as_posix()
        prefix = "" if rel == "." else rel + "/"
        files.update(prefix + name for name in names)
    report = LinkReport()
    deferred: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # target -> (fragment, page, href)
    base = base_url.rstrip("/") + "/" if base_url else None
    for page in sorted(files):
        if not page.lower().endswith(urls.HTML_SUFFIXES):
            continue
        report.pages += 1
        tree = LexborHTMLParser((root / page).read_bytes().decode("utf-8", "replace"))
        own_ids = _ids(tree)
        for href in _page_links(tree):
            report.links += 1
            link = href.strip()
            if base and link.startswith(base):
                link = "/" + link[len(base) :]
            if urls.is_external(link):
                report.external.add(link)
                continue
            resolved = urls.resolve(page, link)
            if resolved is None:
                report.broken.append(Broken(page, href, "climbs above the site root"))
                continue
            path, fragment = resolved
            target = _existing(path, files)
            if target is None:
                report.broken.append(Broken(page, href, "no such page"))
            elif fragment and target == page:
                if fragment not in own_ids:
                    report.broken.append(Broken(page, href, f"no anchor #{fragment} on this page"))
            elif fragment and target.lower().endswith(urls.HTML_SUFFIXES):
                deferred[target].append((fragment, page, href))
    for target, wanted in deferred.items():
        ids = _ids(LexborHTMLParser((root / target).read_bytes().decode("utf-8", "replace")))
        for fragment, page, href in wanted:
            if fragment not in ids:
                report.broken.append(Broken(page, href, f"no anchor #{fragment} in {target}"))
    report.broken.sort(key=lambda b: (b.page, b.href))
    return report


def _existing(path: str, files: set[str]) -> str | None:
    """The file a site path is served from (a folder is served by its index page)."""
    if path in files:
        return path
    folder = path.rstrip("/")
    for name in ("index.html", "index.htm"):
        candidate = f"{folder}/{name}" if folder else name
        if candidate in files:
            return candidate
    return None
