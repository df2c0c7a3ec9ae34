"""Template contexts: one named tuple per page kind, the only thing a template sees.

A template reads ``page`` (one of the classes below) and nothing else, so what
a page can show is written down here, checked by the type checker and easy to
hash: the builder hashes a context's ``repr`` to decide whether a page must be
rewritten. Every ``href`` is already relative to the page that shows it.
"""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup


class Ref(NamedTuple):
    """A link as shown: its text, where it goes (None: plain text), and whether it leaves the site."""

    text: str
    href: str | None = None
    external: bool = False


class Chrome(NamedTuple):
    """What every page shares: the site's name and the relative links of its header and footer."""

    site_title: str
    root: str  # relative path back to the site root, "" at the root
    css: str
    script: str
    home: str
    writers: str
    periodicals: str
    whats_new: str
    credits: str
    feed: str
    crumbs: tuple[Ref, ...] = ()  # the trail from the main page to this one (not including it)
    search: str | None = None  # the search page, when the site has one


class Head(NamedTuple):
    """The ``<head>`` of a page: title, canonical URL, machine-readable metadata."""

    title: str
    language: str = "en"
    description: str | None = None
    canonical: str | None = None
    meta: tuple[tuple[str, str], ...] = ()  # (name, content): citation_*, DC.*
    links: tuple[tuple[str, str, str, str], ...] = ()  # (rel, type, href, title)
    jsonld: str | None = None  # serialized JSON, already safe inside <script>


class DocItem(NamedTuple):
    """A document in a list: an archive, an issue's contents, what's new, a volunteer's work."""

    title: Ref
    kind: str | None = None
    date: str | None = None
    authors: tuple[Ref, ...] = ()
    source: Ref | None = None
    pages: str | None = None
    section: str | None = None
    updated: str | None = None
    chapters: tuple[DocItem, ...] = ()


class Group(NamedTuple):
    """A headed group of items (a year, a letter of the alphabet, a role)."""

    label: str
    anchor: str
    items: tuple[DocItem, ...]


class Count(NamedTuple):
    label: str
    value: int
    href: str | None = None


class MainPage(NamedTuple):
    chrome: Chrome
    head: Head
    counts: tuple[Count, ...]
    latest: tuple[DocItem, ...]
    sections: tuple[Ref, ...]


class WritersPage(NamedTuple):
    """Writers A–Z: groups by initial, each item a writer with life dates and a count of works."""

    chrome: Chrome
    head: Head
    letters: tuple[Group, ...]


class WriterPage(NamedTuple):
    chrome: Chrome
    head: Head
    name: str
    life_dates: str | None
    biography: tuple[str, ...]  # paragraphs
    years: tuple[Group, ...]
    listed: tuple[Ref, ...]  # works the writer's index names that this archive does not hold
    feed: str
    total: int


class PeriodicalsPage(NamedTuple):
    chrome: Chrome
    head: Head
    periodicals: tuple[DocItem, ...]


class PeriodicalPage(NamedTuple):
    chrome: Chrome
    head: Head
    title: str
    description: tuple[str, ...]
    years: tuple[Group, ...]


class IssuePage(NamedTuple):
    chrome: Chrome
    head: Head
    periodical: Ref
    designation: str
    date: str | None
    contents: tuple[DocItem, ...]
    previous: Ref | None
    next: Ref | None


class WorkPage(NamedTuple):
    chrome: Chrome
    head: Head
    title: str
    authors: tuple[Ref, ...]
    date: str | None
    chapters: tuple[DocItem, ...]
    json: str


class Credit(NamedTuple):
    role: str
    people: tuple[Ref, ...]


class Provenance(NamedTuple):
    """Where the text comes from and who made it available."""

    statement: str | None
    periodical: Ref | None
    issue: Ref | None
    rights: str | None
    copied_from: str | None
    credits: tuple[Credit, ...]


class Reviewed(NamedTuple):
    title: str
    people: tuple[tuple[str, str], ...]  # (role label, names)
    publisher: str | None
    year: str | None
    price: str | None


class NoteItem(NamedTuple):
    label: str
    anchor: str
    text: str
    backrefs: tuple[str, ...]  # ids of the references in the body, for "back to text" links


class SearchFacets(NamedTuple):
    """What the search index records about a document beyond its text: filters, meta, sort key."""

    writers: tuple[str, ...]  # display names, one filter value each
    periodical: str | None
    kind: str
    decade: str | None  # "1970s"
    date: str | None  # as printed
    sort_date: str | None  # EDTF, so results can be ordered by date


class DocumentPage(NamedTuple):
    chrome: Chrome
    head: Head
    authors: tuple[Ref, ...]
    title: str
    subtitle: str | None
    date: str | None
    kind: str
    provenance: Provenance
    reviewed: tuple[Reviewed, ...]
    body: Markup
    notes: tuple[NoteItem, ...]
    part_of: Ref | None
    previous: Ref | None
    next: Ref | None
    updated: str | None
    json: str
    search: SearchFacets | None = None


class SearchPage(NamedTuple):
    """The search page: the index's user interface, loaded by script from the bundle beside it."""

    chrome: Chrome
    head: Head
    bundle: str  # relative href of the search bundle's directory, with a trailing slash
    script: str


class ListPage(NamedTuple):
    """A plain list of documents: what's new, and a volunteer's contributions."""

    chrome: Chrome
    head: Head
    heading: str
    intro: str | None
    groups: tuple[Group, ...]
    feed: str | None = None


class RedirectPage(NamedTuple):
    chrome: Chrome
    head: Head
    target: str


class FeedEntry(NamedTuple):
    id: str
    title: str
    link: str
    updated: str  # RFC 3339
    authors: tuple[str, ...]
    summary: str | None


class Feed(NamedTuple):
    id: str
    title: str
    link: str  # the HTML page the feed follows
    self_link: str
    updated: str
    entries: tuple[FeedEntry, ...]
