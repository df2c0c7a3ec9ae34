"""The compact in-memory model of the site: what every page needs to know about the others.

Built in one pass over the catalog's records, keeping summaries only (no
bodies), so that a 100,000-document archive fits in a few hundred megabytes.
Writers, periodicals, issues and works are joined here; the pages read it.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field

from scriptorium.model import Link, PartialDate, Record
from scriptorium.publish import urls

# Bodies are serialized by the sanitizer: lower-case attribute names, double quotes. One literal
# pattern per attribute keeps the scan at memory speed.
_LINK_ATTRS = (' href="', ' src="')
_ID_ATTRS = (' id="', ' name="')
_PAGE_NUMBER = re.compile(r"\d+")
RENDERED_AS_DOCUMENT = ("document", "glossary", "other")


@dataclass(slots=True)
class DocEntry:
    """What the rest of the site needs to know about one record (never its body)."""

    id: str
    out: str
    page_type: str
    title: str
    subtitle: str | None
    authors: tuple[str, ...]
    date: PartialDate | None
    kind: str
    language: str
    periodical: str | None
    issue: str | None
    source_date: PartialDate | None
    pages: str | None
    source_note: str | None  # the source statement, kept only when it names no periodical (a book)
    part_of_title: str | None
    part_of_id: str | None
    updated_iso: str | None
    updated_text: str | None
    credits: tuple[tuple[str, str], ...]
    content_hash: str
    targets: tuple[str, ...] = ()  # "site/path#fragment" strings the body points at
    anchors: str = ""  # space-joined ids a link may point at in this page
    aliases: tuple[str, ...] = ()
    issue_key: tuple[str, str] | None = None
    work_id: str | None = None

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else (self.source_date.year if self.source_date else None)

    @property
    def sort_date(self) -> str:
        return (self.date or self.source_date).edtf if (self.date or self.source_date) else "9999"


@dataclass(slots=True)
class Writer:
    key: str
    name: str
    out: str = ""
    life_dates: str | None = None
    born: PartialDate | None = None
    died: PartialDate | None = None
    biography: str | None = None
    profile_id: str | None = None
    index_paths: list[str] = field(default_factory=list)  # author-index pages about this writer
    docs: list[str] = field(default_factory=list)
    works: list[str] = field(default_factory=list)
    listed: list[tuple[str, Link]] = field(default_factory=list)  # (index page, link) from profiles

    @property
    def feed(self) -> str:
        return f"feeds/writers/{self.key}.atom"


@dataclass(slots=True)
class IssueListing:
    """One line of an issue's printed contents, as an index page gives it."""

    title: str
    target: str | None  # site path + "#fragment" the line links to
    authors: tuple[str, ...]
    pages: str | None
    section: str | None


@dataclass(slots=True)
class Issue:
    key: tuple[str, str]
    designation: str
    date: PartialDate | None = None
    out: str = ""
    record_path: str | None = None  # a periodical-index page that shows this issue alone
    listings: list[IssueListing] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Periodical:
    key: str
    title: str
    out: str = ""
    description: str | None = None
    index_paths: list[str] = field(default_factory=list)
    issues: dict[str, Issue] = field(default_factory=dict)


@dataclass(slots=True)
class Work:
    """A multi-part work: its contents page and its chapters in order."""

    id: str
    out: str
    title: str
    authors: tuple[str, ...]
    date: PartialDate | None
    links: tuple[Link, ...]
    chapters: list[str] = field(default_factory=list)  # doc ids, in order
    listed_titles: dict[str, str] = field(default_factory=dict)  # doc id -> title on the contents page
    _positions: dict[str, int] | None = None

    def chapter_title(self, doc: DocEntry) -> str:
        """A chapter's own title, or its line on the contents page when the page only repeats the book's."""
        listed = self.listed_titles.get(doc.id)
        if listed and " ".join(doc.title.split()).casefold() == " ".join(self.title.split()).casefold():
            return listed
        return doc.title

    def position(self, doc_id: str) -> int:
        """Where a chapter stands in the work (computed once, not a list scan per chapter)."""
        if self._positions is None or len(self._positions) != len(self.chapters):
            self._positions = {d: n for n, d in enumerate(self.chapters)}
        return self._positions[doc_id]


@dataclass(slots=True)
class Volunteer:
    key: str
    name: str
    roles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def out(self) -> str:
        return f"credits/{self.key}.html"


@dataclass(slots=True)
class SiteModel:
    docs: dict[str, DocEntry] = field(default_factory=dict)
    writers: dict[str, Writer] = field(default_factory=dict)
    periodicals: dict[str, Periodical] = field(default_factory=dict)
    works: dict[str, Work] = field(default_factory=dict)
    volunteers: dict[str, Volunteer] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # lookup key -> output path
    anchors_by_out: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)  # alias path -> target output path
    out_index: dict[str, str] = field(default_factory=dict)  # output path -> record id
    warnings: list[str] = field(default_factory=list)

    # -- lookups used by pages -----------------------------------------------------------
    def find(self, site_path: str) -> str | None:
        """The output path that answers for a site path (an imported page's old address), or None."""
        for key in urls.candidate_keys(site_path):
            hit = self.pages.get(key)
            if hit is not None:
                return hit
        return None

    def index_target(self, base: str, href: str) -> tuple[str, str] | None:
        """Where an index page's link points: a site path from the archive root (as the importer
        writes them) or, failing that, a path relative to the index page; None when external."""
        if urls.is_external(href):
            return None
        plain = not href.startswith(("./", "../", "#"))
        as_site = urls.resolve("", "/" + href.lstrip("/")) if plain else None
        relative = urls.resolve(base, href)
        for candidate in (as_site, relative):
            if candidate is not None and self.find(candidate[0]) is not None:
                return candidate
        return as_site or relative

    def has_anchor(self, out: str, fragment: str) -> bool:
        if not fragment or fragment == "top":
            return True
        return fragment in self.anchors_by_out.get(out, "").split(" ")

    def doc_at(self, out: str | None) -> DocEntry | None:
        return _doc_by_out(self, out)

    def documents(self) -> list[DocEntry]:
        """The records published as document pages, in id order."""
        return [d for d in self.docs.values() if d.page_type in RENDERED_AS_DOCUMENT]

    def writer_for(self, name: str) -> Writer | None:
        return self.writers.get(urls.person_key(name))


def issue_slug(designation: str | None, date: PartialDate | None) -> str | None:
    if designation:
        return urls.slugify(designation)
    if date is not None:
        return urls.slugify(date.text or date.edtf)
    return None


def first_page(pages: str | None) -> int:
    match = _PAGE_NUMBER.search(pages or "")
    return int(match.group()) if match else 1_000_000


class ModelBuilder:
    """Collects records one at a time (``add``), then joins them (``finish``)."""

    def __init__(self, *, reserved: tuple[str, ...] = ()) -> None:
        self.model = SiteModel()
        self._author_indexes: list[tuple[Record, str]] = []
        self._periodical_indexes: list[tuple[Record, str]] = []
        self._claims: dict[str, str] = {path: "the site itself" for path in reserved}  # path -> owner

    # -- pass one ------------------------------------------------------------------------
    def add(self, record: Record, content_hash: str) -> None:
        """Remember what the site needs from one record, dropping its body."""
        if record.page_type == "author-index":
            self._author_indexes.append((_without_body(record), content_hash))
            return
        if record.page_type == "periodical-index":
            self._periodical_indexes.append((_without_body(record), content_hash))
            return
        out = urls.document_path(record.id, record.path)
        if not self._claim(out, record.id):
            return
        entry = _entry(record, out, content_hash)
        self.model.docs[record.id] = entry
        if record.page_type == "work-index":
            self.model.works[record.id] = Work(
                id=record.id,
                out=out,
                title=record.title,
                authors=record.authors,
                date=record.date,
                links=record.links,
            )

    def _claim(self, out: str, record_id: str) -> bool:
        owner = self._claims.get(out)
        if owner is not None and owner != record_id:
            self.model.warnings.append(f"{record_id}: page {out} is already taken by {owner}; not published")
            return False
        self._claims[out] = record_id
        return True

    # -- joining -------------------------------------------------------------------------
    def finish(self) -> SiteModel:
        """Join writers, periodicals, issues, works and credits; fill the link lookup table."""
        model = self.model
        for entry in model.docs.values():
            self._register(entry.out, entry.out)
            model.out_index[entry.out] = entry.id
        self._author_pages()
        self._periodical_pages()
        self._attach_documents()
        self._attach_chapters()
        self._aliases()
        for writer in model.writers.values():
            if not writer.out:
                writer.out = self._free(f"writers/{writer.key}/index.html", f"writer {writer.name}")
            for path in writer.index_paths:
                self._register(path, writer.out)
        self._issue_pages()
        for entry in model.docs.values():
            if entry.anchors:
                model.anchors_by_out[entry.out] = entry.anchors
        return model

    def _register(self, path: str, target_out: str) -> None:
        """Make ``target_out`` reachable by ``path``, its extensionless form and (index pages) its folder."""
        for key in urls.lookup_keys(path):
            self.model.pages.setdefault(key, target_out)

    def _free(self, wanted: str, what: str) -> str:
        """``wanted`` if no record's page is there, else a numbered variant."""
        path, n = wanted, 1
        while path in self._claims:
            n += 1
            stem, ext = posixpath.splitext(wanted)
            path = f"{stem}-{n}{ext}"
        self._claims[path] = what
        self._register(path, path)
        return path

    def _author_pages(self) -> None:
        model = self.model
        # Shallow paths first: ``archive/x/index.htm`` is the writer's page, deeper ones redirect to it.
        ordered = sorted(self._author_indexes, key=lambda item: _path_order(item[0]))
        for record, _hash in ordered:
            profile = record.author_profile
            name = (profile.name if profile else None) or (record.authors[0] if record.authors else None)
            name = name or re.sub(r"\s+(Internet\s+)?Archive\s*$", "", record.title).strip() or record.title
            writer = self._writer(name)
            path = urls.document_path(record.id, record.path)
            if profile is not None:
                writer.life_dates = writer.life_dates or profile.life_dates
                writer.born = writer.born or profile.born
                writer.died = writer.died or profile.died
                writer.biography = writer.biography or profile.biography
                base = path
                writer.listed.extend((base, link) for link in profile.works)
            if not writer.out and self._claim(path, record.id):
                writer.out = path
                writer.profile_id = record.id
                self._register(path, path)
            elif path != writer.out and self._claim(path, record.id):
                writer.index_paths.append(path)
                model.redirects[path] = ""  # filled once the writer's page is known
        for writer in model.writers.values():
            for path in writer.index_paths:
                model.redirects[path] = writer.out

    def _writer(self, name: str) -> Writer:
        key = urls.person_key(name)
        writer = self.model.writers.get(key)
        if writer is None:
            writer = self.model.writers[key] = Writer(key=key, name=urls.display_name(name))
        return writer

    def _periodical(self, title: str) -> Periodical:
        key = urls.slugify(title)
        periodical = self.model.periodicals.get(key)
        if periodical is None:
            periodical = self.model.periodicals[key] = Periodical(key=key, title=" ".join(title.split()))
        return periodical

    def _issue(self, periodical: Periodical, designation: str | None, date: PartialDate | None) -> Issue:
        slug = issue_slug(designation, date) or "undated"
        issue = periodical.issues.get(slug)
        if issue is None:
            label = designation or (date.text if date else "Undated")
            issue = periodical.issues[slug] = Issue(key=(periodical.key, slug), designation=label, date=date)
        if issue.date is None and date is not None:
            issue.date = date
        return issue

    def _periodical_pages(self) -> None:
        """A periodical index with one issue and its contents is an issue page, else a periodical page."""
        for record, _hash in sorted(self._periodical_indexes, key=lambda item: _path_order(item[0])):
            profile = record.periodical_profile
            title = (profile.title if profile else None) or record.title
            periodical = self._periodical(title)
            path = urls.document_path(record.id, record.path)
            if not self._claim(path, record.id):
                continue
            if profile is not None and profile.description and not periodical.description:
                periodical.description = profile.description
            single = profile is not None and len(profile.issues) == 1 and bool(profile.issues[0].contents)
            if single:
                assert profile is not None
                entry = profile.issues[0]
                issue = self._issue(periodical, entry.designation, entry.date)
                if issue.record_path is None:
                    issue.record_path = path
                    issue.out = path
                    issue.listings = [self._listing(path, c) for c in entry.contents]
                    self._register(path, path)
                else:
                    self.model.redirects[path] = issue.out
                continue
            if not periodical.out:
                periodical.out = path
                self._register(path, path)
            else:
                periodical.index_paths.append(path)
                self.model.redirects[path] = periodical.out
            for entry in profile.issues if profile else ():
                issue = self._issue(periodical, entry.designation, entry.date)
                if entry.contents and not issue.listings:
                    issue.listings = [self._listing(path, c) for c in entry.contents]

    def _listing(self, base: str, link: Link) -> IssueListing:
        target = None
        if link.href:
            resolved = self.model.index_target(base, link.href)
            if resolved is not None:
                target = resolved[0] + ("#" + resolved[1] if resolved[1] else "")
        return IssueListing(
            title=link.title, target=target, authors=link.authors, pages=link.pages, section=link.section
        )

    def _attach_documents(self) -> None:
        model = self.model
        for entry in model.docs.values():
            if entry.page_type not in ("document", "work-index"):
                continue
            for name in entry.authors:
                writer = self._writer(name)
                (writer.works if entry.page_type == "work-index" else writer.docs).append(entry.id)
            if entry.page_type == "document" and entry.periodical:
                periodical = self._periodical(entry.periodical)
                if entry.issue or entry.source_date:
                    issue = self._issue(periodical, entry.issue, entry.source_date)
                    issue.docs.append(entry.id)
                    entry.issue_key = issue.key
            for key, name in entry.credits:
                volunteer = model.volunteers.get(urls.person_key(name))
                if volunteer is None:
                    volunteer = model.volunteers[urls.person_key(name)] = Volunteer(
                        key=urls.person_key(name), name=urls.display_name(name)
                    )
                volunteer.roles[key].append(entry.id)

    def _attach_chapters(self) -> None:
        """Chapters in the order their work's contents page lists them; others claiming the work after."""
        model = self.model
        for work in model.works.values():
            seen: set[str] = set()
            for link in work.links:
                if not link.href:
                    continue
                resolved = model.index_target(work.out, link.href)
                if resolved is None:
                    continue
                out = model.find(resolved[0])
                doc = _doc_by_out(model, out)
                if doc is not None and doc.page_type == "document" and doc.id not in seen:
                    seen.add(doc.id)
                    work.chapters.append(doc.id)
                    work.listed_titles[doc.id] = link.title
                    doc.work_id = work.id
            if not work.authors:
                names: list[str] = []
                for doc_id in work.chapters:
                    names.extend(n for n in model.docs[doc_id].authors if n not in names)
                work.authors = tuple(names)
                for name in names:
                    self._writer(name).works.append(work.id)
        for entry in sorted(model.docs.values(), key=lambda d: d.id):
            if entry.page_type == "document" and entry.work_id is None and entry.part_of_id in model.works:
                work = model.works[entry.part_of_id]
                work.chapters.append(entry.id)
                entry.work_id = work.id

    def _aliases(self) -> None:
        model = self.model
        for entry in model.docs.values():
            for alias in entry.aliases:
                path = urls.document_path(alias, alias)
                if self._claim(path, entry.id + " (alias)"):
                    model.redirects[path] = entry.out
                    self._register(path, entry.out)

    def _issue_pages(self) -> None:
        model = self.model
        for periodical in model.periodicals.values():
            if not periodical.out:
                periodical.out = self._free(f"periodicals/{periodical.key}/index.html", periodical.title)
            for path in periodical.index_paths:
                self._register(path, periodical.out)
            for slug, issue in periodical.issues.items():
                if not issue.out:
                    issue.out = self._free(f"periodicals/{periodical.key}/{slug}.html", issue.designation)


def _path_order(record: Record) -> tuple[int, str]:
    path = urls.document_path(record.id, record.path)
    return path.count("/"), path


def _without_body(record: Record) -> Record:
    return record.replace(body_html="", text="") if (record.body_html or record.text) else record


def _doc_by_out(model: SiteModel, out: str | None) -> DocEntry | None:
    doc_id = model.out_index.get(out) if out else None
    return model.docs.get(doc_id) if doc_id else None


def _entry(record: Record, out: str, content_hash: str) -> DocEntry:
    source = record.source
    targets, anchors = body_links(out, record.body_html)
    aliases = record.extra.get("aliases") if isinstance(record.extra, dict) else None
    return DocEntry(
        id=record.id,
        out=out,
        page_type=record.page_type,
        title=record.title,
        subtitle=record.subtitle,
        authors=record.authors,
        date=record.date,
        kind=record.kind,
        language=record.language,
        periodical=source.periodical if source else None,
        issue=source.issue if source else None,
        source_date=source.date if source else None,
        pages=source.pages if source else None,
        source_note=_short(source.statement) if source and not source.periodical else None,
        part_of_title=record.part_of.title if record.part_of else None,
        part_of_id=record.part_of.id if record.part_of else None,
        updated_iso=record.last_updated.iso if record.last_updated else None,
        updated_text=record.last_updated.text if record.last_updated else None,
        credits=tuple((c.role, c.name) for c in record.credits),
        content_hash=content_hash,
        targets=targets,
        anchors=anchors,
        aliases=tuple(str(a) for a in aliases) if isinstance(aliases, list | tuple) else (),
    )


def _short(text: str | None, limit: int = 160) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def body_links(out: str, body_html: str) -> tuple[tuple[str, ...], str]:
    """The site paths a body links to and the ids it defines, found cheaply (no parse).

    Only used to know which other pages a document page depends on; the page
    itself is rendered from a real parse.
    """
    if not body_html:
        return (), "top"
    targets: set[str] = set()
    local: set[str] = set()
    for raw in (value for needle in _LINK_ATTRS for value in attribute_values(body_html, needle)):
        resolved = urls.resolve(out, raw)
        if resolved is None:
            continue
        path, fragment = resolved
        if path == out:
            if fragment:
                local.add(fragment)
            continue
        targets.add(path + ("#" + fragment if fragment else ""))
    ids = {value for needle in _ID_ATTRS for value in attribute_values(body_html, needle)} | local | {"top"}
    return tuple(sorted(targets)), " ".join(sorted(ids))


def attribute_values(html: str, needle: str) -> list[str]:
    """Every value quoted after ``needle`` (such as `` href="``), in order: what a pattern
    ``needle([^"]*)"`` finds, by ``str.find``, which skips the text between far faster."""
    found: list[str] = []
    find = html.find
    at = find(needle)
    while at >= 0:
        start = at + len(needle)
        end = find('"', start)
        if end < 0:
            break
        found.append(html[start:end])
        at = find(needle, end + 1)
    return found
