"""One function per page kind: the site model (and, for a document, its record) in, a context out.

Each function returns ``(output path, context)``; it never renders or writes,
so the builder can hash a context and skip pages whose context has not changed.
"""

from __future__ import annotations

import itertools
import posixpath
from dataclasses import dataclass

from markupsafe import Markup

from scriptorium.model import Record
from scriptorium.publish import body as bodies
from scriptorium.publish import contexts as c
from scriptorium.publish import metadata, urls
from scriptorium.publish.sitemodel import DocEntry, Issue, Periodical, SiteModel, Volunteer, Work, Writer

MAIN = "index.html"
WRITERS = "writers/index.html"
PERIODICALS = "periodicals/index.html"
WHATS_NEW = "whats-new.html"
CREDITS = "credits/index.html"
FEED = "feeds/whats-new.atom"
CSS = "static/site.css"
SCRIPT = "static/theme.js"
SEARCH = "search.html"
SEARCH_SCRIPT = "static/search.js"
SEARCH_BUNDLE = "pagefind"  # the directory the search indexer writes its index and interface into
WHATS_NEW_LIMIT = 100
MAIN_LATEST = 10

KIND_LABELS = {
    "article": "Article",
    "review": "Review",
    "letter": "Letter",
    "speech": "Speech",
    "interview": "Interview",
    "obituary": "Obituary",
    "book-chapter": "Chapter",
    "pamphlet": "Pamphlet",
    "document": "Document",
    "editorial": "Editorial",
    "other": "Other",
}


@dataclass(frozen=True, slots=True)
class Options:
    """What a build is told: where the site will live and where imported pages came from."""

    base_url: str | None = None
    origin_base_url: str = "https://www.marxists.org/"
    site_title: str = "Scriptorium"
    search: bool = True  # write a search page and a static search index of the documents


def chrome(page: str, opts: Options, crumbs: tuple[c.Ref, ...] | None = None) -> c.Chrome:
    def to(path: str) -> str:
        return urls.href(page, path)

    return c.Chrome(
        site_title=opts.site_title,
        root=urls.root_prefix(page),
        css=to(CSS),
        script=to(SCRIPT),
        home=to(MAIN),
        writers=to(WRITERS),
        periodicals=to(PERIODICALS),
        whats_new=to(WHATS_NEW),
        credits=to(CREDITS),
        feed=to(FEED),
        search=to(SEARCH) if opts.search else None,
        crumbs=(c.Ref("Main page", to(MAIN)),) if crumbs is None and page != MAIN else (crumbs or ()),
    )


def _trail(page: str, *steps: tuple[str, str | None]) -> tuple[c.Ref, ...]:
    """Main page, then each (text, site path) step, as links relative to ``page``."""
    refs = [c.Ref("Main page", urls.href(page, MAIN))]
    refs.extend(c.Ref(text, urls.href(page, path) if path else None) for text, path in steps)
    return tuple(refs)


def _writer_trail(model: SiteModel, page: str, names: tuple[str, ...], *more: tuple[str, str]):
    steps = []
    for name in names:
        writer = model.writer_for(name)
        if writer is not None:
            steps.append((f"{writer.name} Archive", writer.out))
    return _trail(page, *steps, *more)


def canonical(opts: Options, path: str) -> str | None:
    return urls.absolute(opts.base_url, path) if opts.base_url else None


def _head(opts: Options, page: str, title: str, **extra) -> c.Head:
    links = [("alternate", "application/atom+xml", urls.href(page, FEED), "What's new")]
    links.extend(extra.pop("links", ()))
    return c.Head(
        title=f"{title} | {opts.site_title}" if page != MAIN else opts.site_title,
        canonical=canonical(opts, page),
        links=tuple(links),
        **extra,
    )


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.capitalize())


def _paragraphs(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def _writer_refs(model: SiteModel, page: str, names: tuple[str, ...]) -> tuple[c.Ref, ...]:
    refs = []
    for name in names:
        writer = model.writer_for(name)
        refs.append(c.Ref(urls.display_name(name), urls.href(page, writer.out) if writer else None))
    return tuple(refs)


def _issue_of(model: SiteModel, entry: DocEntry) -> Issue | None:
    if entry.issue_key is None:
        return None
    periodical = model.periodicals.get(entry.issue_key[0])
    return periodical.issues.get(entry.issue_key[1]) if periodical else None


def _source_ref(model: SiteModel, page: str, entry: DocEntry) -> c.Ref | None:
    if not entry.periodical:
        return c.Ref(entry.source_note) if entry.source_note else None
    text = ", ".join(part for part in (entry.periodical, entry.issue) if part)
    issue = _issue_of(model, entry)
    return c.Ref(text, urls.href(page, issue.out) if issue else None)


def doc_item(
    model: SiteModel, page: str, entry: DocEntry, *, authors: bool = True, source: bool = True
) -> c.DocItem:
    chapters: tuple[c.DocItem, ...] = ()
    work = model.works.get(entry.id)
    if work is not None:
        chapters = tuple(_chapter_item(model, page, work, model.docs[cid]) for cid in work.chapters)
    date = entry.date.text if entry.date else None
    return c.DocItem(
        title=c.Ref(entry.title, urls.href(page, entry.out)),
        kind=kind_label(entry.kind) if entry.page_type == "document" else "Work",
        date=date,
        authors=_writer_refs(model, page, entry.authors) if authors else (),
        source=_source_ref(model, page, entry) if source else None,
        pages=entry.pages if source else None,
        updated=entry.updated_text,
        chapters=chapters,
    )


def _chapter_item(model: SiteModel, page: str, work: Work, doc: DocEntry) -> c.DocItem:
    item = doc_item(model, page, doc, authors=False, source=False)
    title = work.chapter_title(doc)
    return item if title == doc.title else item._replace(title=c.Ref(title, item.title.href))


def _year_groups(items: list[tuple[DocEntry, c.DocItem]]) -> tuple[c.Group, ...]:
    items.sort(key=lambda pair: (pair[0].year is None, pair[0].year or 0, pair[0].sort_date, pair[0].title))
    groups = []
    for year, group in itertools.groupby(items, key=lambda pair: pair[0].year):
        label = str(year) if year is not None else "Undated"
        groups.append(
            c.Group(label, f"y{year}" if year is not None else "undated", tuple(i for _, i in group))
        )
    return tuple(groups)


def _chapter_nav(model: SiteModel, page: str, entry: DocEntry):
    work: Work | None = model.works.get(entry.work_id) if entry.work_id else None
    if work is None:
        part_of = c.Ref(entry.part_of_title) if entry.part_of_title else None
        return part_of, None, None
    order = work.chapters
    at = work.position(entry.id)

    def ref(doc_id: str) -> c.Ref:
        doc = model.docs[doc_id]
        return c.Ref(work.chapter_title(doc), urls.href(page, doc.out))

    previous = ref(order[at - 1]) if at > 0 else None
    following = ref(order[at + 1]) if at + 1 < len(order) else None
    return c.Ref(work.title, urls.href(page, work.out)), previous, following


# -- page kinds ---------------------------------------------------------------------------------------


def main_page(model: SiteModel, opts: Options) -> tuple[str, c.MainPage]:
    page = MAIN
    docs = [d for d in model.docs.values() if d.page_type == "document"]
    issues = sum(len(p.issues) for p in model.periodicals.values())
    counts = (
        c.Count("documents", len(docs), None),
        c.Count("writers", len(model.writers), urls.href(page, WRITERS)),
        c.Count("periodicals", len(model.periodicals), urls.href(page, PERIODICALS)),
        c.Count("issues", issues, None),
        c.Count("volunteers", len(model.volunteers), urls.href(page, CREDITS)),
    )
    latest = tuple(doc_item(model, page, d) for d in latest_documents(model)[:MAIN_LATEST])
    sections = (
        c.Ref("Writers A–Z", urls.href(page, WRITERS)),
        c.Ref("Periodicals", urls.href(page, PERIODICALS)),
        c.Ref("What’s new", urls.href(page, WHATS_NEW)),
        c.Ref("Volunteers and credits", urls.href(page, CREDITS)),
    )
    head = _head(opts, page, opts.site_title, description=f"An archive of {len(docs)} historical writings.")
    return page, c.MainPage(chrome(page, opts), head, counts, latest, sections)


def latest_documents(model: SiteModel) -> list[DocEntry]:
    """Documents by "last updated", newest first (undated ones never count as new)."""
    docs = [d for d in model.docs.values() if d.page_type == "document" and d.updated_iso]
    docs.sort(key=lambda d: d.id)
    docs.sort(key=lambda d: d.updated_iso or "", reverse=True)
    return docs


def _surname_key(person: Writer | Volunteer) -> tuple[str, str]:
    """People are listed by surname, as the archive's indexes do."""
    words = person.name.split()
    return (urls.slugify(words[-1]) if words else "", urls.slugify(person.name))


def writers_page(model: SiteModel, opts: Options) -> tuple[str, c.WritersPage]:
    page = WRITERS
    ordered = sorted(model.writers.values(), key=_surname_key)
    groups = []
    for letter, members in itertools.groupby(ordered, key=lambda w: (_surname_key(w)[0][:1] or "#").upper()):
        items = tuple(
            c.DocItem(
                title=c.Ref(w.name, urls.href(page, w.out)),
                date=w.life_dates,
                pages=str(len(w.docs) + len(w.works)),
            )
            for w in members
        )
        groups.append(c.Group(letter, f"letter-{letter.lower()}", items))
    head = _head(opts, page, "Writers A–Z")
    return page, c.WritersPage(chrome(page, opts), head, tuple(groups))


def writer_page(model: SiteModel, writer: Writer, opts: Options) -> tuple[str, c.WriterPage]:
    page = writer.out
    chapters = {cid for wid in writer.works for cid in model.works[wid].chapters}
    items = [
        (model.docs[d], doc_item(model, page, model.docs[d], authors=False))
        for d in writer.docs
        if d not in chapters
    ]
    items.extend((model.docs[w], doc_item(model, page, model.docs[w], authors=False)) for w in writer.works)
    held = {model.docs[d].out for d in writer.docs} | {model.docs[w].out for w in writer.works}
    listed = []
    for base, link in writer.listed:
        if not link.href:
            continue
        resolved = model.index_target(base, link.href)
        if resolved is None:
            continue
        if model.find(resolved[0]) in held:
            continue
        target = model.find(resolved[0])
        if target is not None:
            listed.append(c.Ref(link.title, urls.href(page, target)))
        else:
            listed.append(
                c.Ref(link.title, urls.origin_url(opts.origin_base_url, resolved[0]), external=True)
            )
    feed = urls.href(page, writer.feed)
    head = _head(
        opts,
        page,
        f"{writer.name} Archive",
        description=f"Writings of {writer.name}" + (f" ({writer.life_dates})" if writer.life_dates else ""),
        links=(("alternate", "application/atom+xml", feed, f"{writer.name}: new and updated"),),
    )
    return page, c.WriterPage(
        chrome=chrome(page, opts, _trail(page, ("Writers", WRITERS))),
        head=head,
        name=writer.name,
        life_dates=writer.life_dates,
        biography=_paragraphs(writer.biography),
        years=_year_groups(items),
        listed=tuple(listed),
        feed=feed,
        total=len(items),
    )


def periodicals_page(model: SiteModel, opts: Options) -> tuple[str, c.PeriodicalsPage]:
    page = PERIODICALS
    items = tuple(
        c.DocItem(
            title=c.Ref(p.title, urls.href(page, p.out)),
            pages=str(len(p.issues)),
            date=_span(p),
        )
        for p in sorted(model.periodicals.values(), key=lambda p: p.key)
    )
    return page, c.PeriodicalsPage(chrome(page, opts), _head(opts, page, "Periodicals"), items)


def _span(periodical: Periodical) -> str | None:
    years = sorted(i.date.year for i in periodical.issues.values() if i.date and i.date.year)
    if not years:
        return None
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def issues_in_order(periodical: Periodical) -> list[Issue]:
    return sorted(
        periodical.issues.values(),
        key=lambda i: (i.date is None, i.date.edtf if i.date else "", i.designation),
    )


def periodical_page(model: SiteModel, periodical: Periodical, opts: Options) -> tuple[str, c.PeriodicalPage]:
    page = periodical.out
    groups = []
    ordered = issues_in_order(periodical)
    for year, members in itertools.groupby(ordered, key=lambda i: i.date.year if i.date else None):
        items = tuple(
            c.DocItem(
                title=c.Ref(i.designation, urls.href(page, i.out)),
                date=i.date.text if i.date else None,
                pages=str(len(_issue_lines(model, i))),
            )
            for i in members
        )
        label = str(year) if year is not None else "Undated"
        groups.append(c.Group(label, f"y{year}" if year else "undated", items))
    head = _head(opts, page, periodical.title, description=f"Issues of {periodical.title} in the archive.")
    return page, c.PeriodicalPage(
        chrome(page, opts, _trail(page, ("Periodicals", PERIODICALS))),
        head,
        periodical.title,
        _paragraphs(periodical.description),
        tuple(groups),
    )


def _issue_lines(model: SiteModel, issue: Issue) -> list[tuple[DocEntry | None, object]]:
    """The issue's contents in printed order: its index page's lines, then documents it does not list."""
    lines: list[tuple[DocEntry | None, object]] = []
    seen: set[str] = set()
    for listing in issue.listings:
        doc = None
        if listing.target:
            doc = model.doc_at(model.find(listing.target.split("#", 1)[0]))
        if doc is not None:
            if doc.id in seen:
                continue
            seen.add(doc.id)
        lines.append((doc, listing))
    rest = sorted(
        (model.docs[d] for d in issue.docs if d not in seen),
        key=lambda d: (_first_page(d.pages), d.title),
    )
    lines.extend((d, None) for d in rest)
    return lines


def _first_page(pages: str | None) -> int:
    first, _ = metadata.page_range(pages)
    return int(first) if first else 1_000_000


def issue_page(
    model: SiteModel,
    periodical: Periodical,
    issue: Issue,
    opts: Options,
    previous: Issue | None = None,
    following: Issue | None = None,
) -> tuple[str, c.IssuePage]:
    """An issue's contents; ``previous`` and ``following`` are its neighbours in ``issues_in_order``."""
    page = issue.out
    contents = []
    for doc, listing in _issue_lines(model, issue):
        if doc is not None:
            item = doc_item(model, page, doc, source=False)
            pages = getattr(listing, "pages", None) or doc.pages
            contents.append(
                c.DocItem(
                    title=item.title,
                    kind=item.kind,
                    date=item.date,
                    authors=item.authors,
                    pages=pages,
                    section=getattr(listing, "section", None),
                )
            )
            continue
        contents.append(_listing_item(model, page, listing, opts))
    title = f"{periodical.title}, {issue.designation}"
    return page, c.IssuePage(
        chrome=chrome(
            page, opts, _trail(page, ("Periodicals", PERIODICALS), (periodical.title, periodical.out))
        ),
        head=_head(opts, page, title, description=f"Contents of {title}."),
        periodical=c.Ref(periodical.title, urls.href(page, periodical.out)),
        designation=issue.designation,
        date=issue.date.text if issue.date else None,
        contents=tuple(contents),
        previous=c.Ref(previous.designation, urls.href(page, previous.out)) if previous else None,
        next=c.Ref(following.designation, urls.href(page, following.out)) if following else None,
    )


def _listing_item(model: SiteModel, page: str, listing, opts: Options) -> c.DocItem:
    """A line of printed contents the archive does not hold: linked to its origin page when it has one."""
    ref = c.Ref(listing.title)
    if listing.target:
        path, _, fragment = listing.target.partition("#")
        found = model.find(path)
        if found is not None:
            ref = c.Ref(listing.title, urls.href(page, found))
        else:
            ref = c.Ref(listing.title, urls.origin_url(opts.origin_base_url, path, fragment), external=True)
    return c.DocItem(
        title=ref,
        authors=_writer_refs(model, page, listing.authors),
        pages=listing.pages,
        section=listing.section,
    )


def work_page(model: SiteModel, work: Work, opts: Options) -> tuple[str, c.WorkPage]:
    page = work.out
    chapters = tuple(_chapter_item(model, page, work, model.docs[d]) for d in work.chapters)
    authors = _writer_refs(model, page, work.authors)
    by = ", ".join(a.text for a in authors)
    head = _head(
        opts, page, work.title, description=f"Contents of {work.title}" + (f" by {by}" if by else "")
    )
    return page, c.WorkPage(
        chrome=chrome(page, opts, _writer_trail(model, page, work.authors)),
        head=head,
        title=work.title,
        authors=authors,
        date=work.date.text if work.date else None,
        chapters=chapters,
        json=urls.href(page, urls.json_path(page)),
    )


def document_page(
    model: SiteModel, record: Record, entry: DocEntry, opts: Options
) -> tuple[str, c.DocumentPage]:
    page = entry.out
    html, notes = bodies.rewrite(
        record.body_html, page=page, model=model, notes=record.notes, origin_base_url=opts.origin_base_url
    )
    authors = _writer_refs(model, page, record.authors)
    issue = _issue_of(model, entry)
    periodical = model.periodicals.get(entry.issue_key[0]) if entry.issue_key else None
    if periodical is None and entry.periodical:
        periodical = model.periodicals.get(urls.slugify(entry.periodical))
    part_of, previous, following = _chapter_nav(model, page, entry)
    json_href = urls.href(page, urls.json_path(page))
    head = _document_head(model, record, entry, opts, issue, periodical, json_href)
    source = record.source
    provenance = c.Provenance(
        statement=source.statement if source else None,
        periodical=c.Ref(periodical.title, urls.href(page, periodical.out)) if periodical else None,
        issue=c.Ref(f"{periodical.title}, {issue.designation}", urls.href(page, issue.out))
        if (issue and periodical)
        else None,
        rights=record.rights,
        copied_from=record.copied_from,
        credits=_credits(model, page, record),
    )
    work = model.works.get(entry.work_id) if entry.work_id else None
    more = ((work.title, work.out),) if work else ()
    facets = _facets(record, entry, periodical) if opts.search else None
    return page, c.DocumentPage(
        chrome=chrome(page, opts, _writer_trail(model, page, record.authors, *more)),
        head=head,
        authors=authors,
        title=record.title,
        subtitle=record.subtitle,
        date=record.date.text if record.date else None,
        kind=kind_label(record.kind),
        provenance=provenance,
        reviewed=tuple(_reviewed(book) for book in record.reviewed),
        body=Markup(html),
        notes=tuple(c.NoteItem(n.label, n.anchor, n.text, n.backrefs) for n in notes),
        part_of=part_of,
        previous=previous,
        next=following,
        updated=record.last_updated.text if record.last_updated else None,
        json=json_href,
        search=facets,
    )


def _facets(record: Record, entry: DocEntry, periodical: Periodical | None) -> c.SearchFacets:
    """Search filters by writer, periodical, kind and decade (by the source's date when undated)."""
    year = entry.year
    date = record.date or entry.source_date
    return c.SearchFacets(
        writers=tuple(urls.display_name(name) for name in record.authors),
        periodical=periodical.title if periodical else entry.periodical,
        kind=kind_label(record.kind),
        decade=f"{year // 10 * 10}s" if year is not None else None,
        date=date.text if date else None,
        sort_date=date.edtf if date else None,
    )


def _document_head(model, record, entry, opts, issue, periodical, json_href) -> c.Head:
    page = entry.out
    url = urls.absolute(opts.base_url, page)
    json_url = urls.absolute(opts.base_url, urls.json_path(page))
    author_urls = {}
    for name in record.authors:
        writer = model.writer_for(name)
        if writer is not None:
            author_urls[name] = urls.absolute(opts.base_url, writer.out)
    work = model.works.get(entry.work_id) if entry.work_id else None
    data = metadata.jsonld(
        record,
        url=url,
        author_urls=author_urls,
        issue_url=urls.absolute(opts.base_url, issue.out) if issue else None,
        periodical_url=urls.absolute(opts.base_url, periodical.out) if periodical else None,
        work=(work.title, urls.absolute(opts.base_url, work.out)) if work else None,
        json_url=json_url,
    )
    by = ", ".join(urls.display_name(a) for a in record.authors)
    description = record.subtitle or (f"{record.title} by {by}" if by else record.title)
    if record.date:
        description += f" ({record.date.text})"
    links = [
        ("alternate", "application/json", json_href, "This document as a JSON record"),
        ("schema.DC", "", "http://purl.org/dc/elements/1.1/", ""),
    ]
    title = f"{by}: {record.title}" if by else record.title
    return c.Head(
        title=f"{title} | {opts.site_title}",
        language=record.language or "en",
        description=description,
        canonical=canonical(opts, page),
        meta=tuple(metadata.citation_meta(record, url=url, json_url=json_url)),
        links=(("alternate", "application/atom+xml", urls.href(page, FEED), "What's new"), *links),
        jsonld=metadata.script_json(data),
    )


def _credits(model: SiteModel, page: str, record: Record) -> tuple[c.Credit, ...]:
    by_role: dict[str, list[c.Ref]] = {}
    for credit in record.credits:
        volunteer = model.volunteers.get(urls.person_key(credit.name))
        href = urls.href(page, volunteer.out) if volunteer else None
        text = credit.name + (f" ({credit.note})" if credit.note else "")
        by_role.setdefault(credit.role, []).append(c.Ref(text, href))
    return tuple(c.Credit(metadata.role_label(role), tuple(refs)) for role, refs in by_role.items())


def _reviewed(book) -> c.Reviewed:
    people = []
    for label, names in (
        ("By", book.authors),
        ("Edited by", book.editors),
        ("Translated by", book.translators),
    ):
        if names:
            people.append((label, ", ".join(names)))
    return c.Reviewed(book.title, tuple(people), book.publisher, book.year, book.price)


def whats_new_page(model: SiteModel, opts: Options) -> tuple[str, c.ListPage]:
    page = WHATS_NEW
    latest = latest_documents(model)[:WHATS_NEW_LIMIT]
    groups = []
    for month, members in itertools.groupby(latest, key=lambda d: (d.updated_iso or "")[:7]):
        items = tuple(doc_item(model, page, d) for d in members)
        groups.append(c.Group(_month_label(month), f"m{month}", items))
    head = _head(opts, page, "What’s new")
    return page, c.ListPage(
        chrome=chrome(page, opts),
        head=head,
        heading="What’s new",
        intro="Documents added or corrected most recently, newest first.",
        groups=tuple(groups),
        feed=urls.href(page, FEED),
    )


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _month_label(yyyy_mm: str) -> str:
    """``2009-11`` -> ``November 2009``."""
    year, _, month = yyyy_mm.partition("-")
    if month.isdigit() and 1 <= int(month) <= 12:
        return f"{_MONTHS[int(month) - 1]} {year}"
    return yyyy_mm or "Undated"


def credits_page(model: SiteModel, opts: Options) -> tuple[str, c.ListPage]:
    page = CREDITS
    items = []
    for volunteer in sorted(model.volunteers.values(), key=_surname_key):
        roles = ", ".join(
            f"{metadata.role_label(role).lower()} {len(ids)}" for role, ids in sorted(volunteer.roles.items())
        )
        items.append(c.DocItem(title=c.Ref(volunteer.name, urls.href(page, volunteer.out)), date=roles))
    group = c.Group("Volunteers", "volunteers", tuple(items))
    return page, c.ListPage(
        chrome=chrome(page, opts),
        head=_head(opts, page, "Volunteers and credits"),
        heading="Volunteers and credits",
        intro="The people who transcribed, marked up, translated and proofread the texts of this archive.",
        groups=(group,) if items else (),
    )


def volunteer_page(model: SiteModel, volunteer: Volunteer, opts: Options) -> tuple[str, c.ListPage]:
    page = volunteer.out
    groups = []
    for role, ids in sorted(volunteer.roles.items()):
        entries = sorted(
            (model.docs[i] for i in dict.fromkeys(ids)), key=lambda d: (d.sort_date, d.title, d.id)
        )
        items = tuple(doc_item(model, page, d) for d in entries)
        groups.append(c.Group(metadata.role_label(role), f"role-{role}", items))
    return page, c.ListPage(
        chrome=chrome(page, opts, _trail(page, ("Credits", CREDITS))),
        head=_head(opts, page, volunteer.name),
        heading=volunteer.name,
        intro="Texts this volunteer helped to make available, by kind of work done.",
        groups=tuple(groups),
    )


def search_page(opts: Options) -> tuple[str, c.SearchPage]:
    page = SEARCH
    head = _head(opts, page, "Search", description="Search the full text of the archive's documents.")
    bundle = urls.root_prefix(page) + SEARCH_BUNDLE + "/"
    return page, c.SearchPage(chrome(page, opts), head, bundle, urls.href(page, SEARCH_SCRIPT))


def redirect_page(path: str, target: str, opts: Options) -> tuple[str, c.RedirectPage]:
    relative = urls.href(path, target)
    head = c.Head(title=f"Moved | {opts.site_title}", canonical=canonical(opts, target))
    return path, c.RedirectPage(chrome(path, opts), head, relative)


def is_page(path: str) -> bool:
    return posixpath.splitext(path)[1].lower() in urls.HTML_SUFFIXES
