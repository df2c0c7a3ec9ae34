"""Atom feeds (what's new, one per writer), the sitemap and robots.txt.

Feeds carry no build time: every date comes from the records, so an unchanged
archive gives byte-identical feeds and a rebuild leaves them alone.
"""

from __future__ import annotations

from html import escape as _html_escape
from urllib.parse import quote

from scriptorium.publish import contexts as c
from scriptorium.publish import pages, urls
from scriptorium.publish.metadata import iso_date
from scriptorium.publish.sitemodel import DocEntry, SiteModel, Writer

FEED_LIMIT = 50
SITEMAP_LIMIT = 50_000  # URLs per sitemap file, as the protocol allows
EPOCH = "1970-01-01T00:00:00Z"


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML entities (quotes are left alone: the text is element content)."""
    return _html_escape(text, quote=False)


def _stamp(iso: str | None) -> str | None:
    if not iso:
        return None
    parts = [*iso.split("-"), "01", "01"][:3]
    return "-".join(p.zfill(2) for p in parts) + "T00:00:00Z"


def entry_updated(entry: DocEntry) -> str:
    """When a document last changed, as far as its record says (Atom needs one for every entry)."""
    return _stamp(entry.updated_iso) or _stamp(iso_date(entry.date or entry.source_date)) or EPOCH


def _link(opts: pages.Options, feed_path: str, target: str) -> str:
    return urls.absolute(opts.base_url, target) if opts.base_url else urls.href(feed_path, target)


def _feed(
    model: SiteModel, opts: pages.Options, path: str, title: str, html_page: str, docs: list[DocEntry]
) -> c.Feed:
    entries = tuple(
        c.FeedEntry(
            id=f"urn:scriptorium:{quote(d.id)}",
            title=d.title,
            link=_link(opts, path, d.out),
            updated=entry_updated(d),
            authors=tuple(urls.display_name(a) for a in d.authors),
            summary=", ".join(p for p in (d.date.text if d.date else None, d.periodical, d.issue) if p)
            or None,
        )
        for d in docs[:FEED_LIMIT]
    )
    updated = max((e.updated for e in entries), default=EPOCH)
    return c.Feed(
        id=f"urn:scriptorium:feed:{quote(path)}",
        title=title,
        link=_link(opts, path, html_page),
        self_link=_link(opts, path, path),
        updated=updated,
        entries=entries,
    )


def whats_new_feed(model: SiteModel, opts: pages.Options) -> tuple[str, c.Feed]:
    path = pages.FEED
    docs = pages.latest_documents(model)
    return path, _feed(model, opts, path, f"{opts.site_title}: what’s new", pages.WHATS_NEW, docs)


def writer_feed(model: SiteModel, writer: Writer, opts: pages.Options) -> tuple[str, c.Feed]:
    path = writer.feed
    docs = [model.docs[d] for d in writer.docs]
    docs.sort(key=lambda d: d.id)
    docs.sort(key=lambda d: (entry_updated(d), d.sort_date), reverse=True)
    return path, _feed(model, opts, path, f"{writer.name} Archive: new and updated", writer.out, docs)


def sitemaps(paths: list[str], lastmod: dict[str, str], opts: pages.Options) -> dict[str, str]:
    """``sitemap.xml`` listing every HTML page (an index of numbered sitemaps past 50,000 pages)."""
    ordered = sorted(paths)
    chunks = [ordered[i : i + SITEMAP_LIMIT] for i in range(0, len(ordered), SITEMAP_LIMIT)] or [[]]
    files = {}
    for n, chunk in enumerate(chunks, start=1):
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for path in chunk:
            mod = lastmod.get(path)
            extra = f"<lastmod>{escape(mod)}</lastmod>" if mod else ""
            lines.append(f"<url><loc>{escape(urls.absolute(opts.base_url, path))}</loc>{extra}</url>")
        lines.append("</urlset>")
        files["sitemap.xml" if len(chunks) == 1 else f"sitemap-{n}.xml"] = "\n".join(lines) + "\n"
    if len(chunks) > 1:
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for n in range(1, len(chunks) + 1):
            lines.append(
                f"<sitemap><loc>{escape(urls.absolute(opts.base_url, f'sitemap-{n}.xml'))}</loc></sitemap>"
            )
        lines.append("</sitemapindex>")
        files["sitemap.xml"] = "\n".join(lines) + "\n"
    return files


def robots(opts: pages.Options) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if opts.base_url:
        lines.append(f"Sitemap: {urls.absolute(opts.base_url, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"
