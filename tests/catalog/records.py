"""Records for catalog tests, built with the model directly (and a Hypothesis strategy)."""

from __future__ import annotations

import hashlib

from hypothesis import strategies as st

from scriptorium.model import (
    CREDIT_ROLES,
    KINDS,
    PAGE_TYPES,
    AuthorProfile,
    Credit,
    IssueEntry,
    LastUpdated,
    Link,
    Note,
    PartialDate,
    PartOf,
    PeriodicalProfile,
    Record,
    ReviewedBook,
    Source,
)


def digest(record: Record) -> str:
    return hashlib.sha256(record.to_json().encode()).hexdigest()


def put_all(catalog, *records: Record, origin: str | None = None) -> list:
    with catalog.batch() as batch:
        return [batch.put(r, content_hash=digest(r), origin=origin) for r in records]


def document(
    record_id: str,
    title: str = "A title",
    *,
    authors: tuple[str, ...] = ("Gareth Jenkins",),
    date: str | None = "1976-06",
    kind: str = "article",
    periodical: str | None = "Socialist Review",
    issue: str | None = "No. 176",
    copied_from: str | None = "Socialist Review Archive",
    credits: tuple[Credit, ...] = (Credit("markup", "Einde O’Callaghan"),),
    reviewed: tuple[ReviewedBook, ...] = (),
    text: str = "Some words of our own.",
) -> Record:
    when = PartialDate(text=date, edtf=date) if date else None
    source = None
    if periodical:
        statement = f"From {periodical}{', ' + issue if issue else ''}."
        source = Source(statement=statement, periodical=periodical, issue=issue, date=when, pages="22–23")
    return Record(
        id=record_id,
        title=title,
        authors=authors,
        date=when,
        kind=kind,
        source=source,
        copied_from=copied_from,
        credits=credits,
        reviewed=reviewed,
        collection=f"{authors[0]} Archive" if authors else None,
        last_updated=LastUpdated("2 May 2017", "2017-05-02"),
        text=text,
        path=f"{record_id}.htm",
        format="html",
    )


def author_index(record_id: str, name: str, works: tuple[Link, ...], *, biography: str = "A life.") -> Record:
    return Record(
        id=record_id,
        title=f"{name} Archive",
        page_type="author-index",
        kind="other",
        path=f"{record_id}/index.htm",
        author_profile=AuthorProfile(
            name=name,
            born=PartialDate("1940", "1940"),
            died=PartialDate("2004", "2004"),
            life_dates="(1940–2004)",
            biography=biography,
            works=works,
        ),
    )


def periodical_index(record_id: str, title: str, issues: tuple[IssueEntry, ...]) -> Record:
    return Record(
        id=record_id,
        title=title,
        page_type="periodical-index",
        kind="other",
        path=f"{record_id}/index.htm",
        periodical_profile=PeriodicalProfile(title=title, description="A monthly.", issues=issues),
    )


# -- Hypothesis: any record the model accepts ---------------------------------------------------
text = st.text(max_size=40)
maybe_text = st.none() | text
names = st.lists(text, max_size=3).map(tuple)
dates = st.none() | st.builds(PartialDate, text=text, edtf=text)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(text, children, max_size=3),
    max_leaves=8,
)
links = st.builds(
    Link,
    title=text,
    href=maybe_text | st.sampled_from(["../x.htm", "y/index.html#top", "http://example.org/"]),
    date=dates,
    authors=names,
    section=maybe_text,
    pages=maybe_text,
    note=maybe_text,
)
records = st.builds(
    Record,
    # Lone surrogates cannot be encoded as UTF-8 (nor stored): Hypothesis 6.170 draws them here otherwise.
    id=st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), min_size=1, max_size=40),
    title=text,
    page_type=st.sampled_from(PAGE_TYPES),
    part_of=st.none() | st.builds(PartOf, title=text, id=maybe_text),
    subtitle=maybe_text,
    authors=names,
    date=dates,
    kind=st.sampled_from(KINDS),
    language=text,
    source=st.none()
    | st.builds(
        Source, statement=text, periodical=maybe_text, issue=maybe_text, date=dates, pages=maybe_text
    ),
    rights=maybe_text,
    copied_from=maybe_text,
    credits=st.lists(
        st.builds(Credit, role=st.sampled_from(CREDIT_ROLES), name=text, note=maybe_text), max_size=3
    ).map(tuple),
    reviewed=st.lists(
        st.builds(
            ReviewedBook,
            title=text,
            authors=names,
            editors=names,
            translators=names,
            publisher=maybe_text,
            year=maybe_text,
            price=maybe_text,
        ),
        max_size=2,
    ).map(tuple),
    collection=maybe_text,
    last_updated=st.none() | st.builds(LastUpdated, text=text, iso=maybe_text),
    text=st.text(max_size=200),
    notes=st.lists(st.builds(Note, label=text, text=text), max_size=3).map(tuple),
    warnings=names,
    body_html=st.text(max_size=200),
    path=maybe_text,
    format=maybe_text,
    links=st.lists(links, max_size=3).map(tuple),
    author_profile=st.none()
    | st.builds(
        AuthorProfile,
        name=text,
        born=dates,
        died=dates,
        life_dates=maybe_text,
        biography=maybe_text,
        works=st.lists(links, max_size=3).map(tuple),
    ),
    periodical_profile=st.none()
    | st.builds(
        PeriodicalProfile,
        title=text,
        description=maybe_text,
        issues=st.lists(
            st.builds(
                IssueEntry,
                designation=text,
                date=dates,
                href=maybe_text,
                contents=st.lists(links, max_size=2).map(tuple),
            ),
            max_size=2,
        ).map(tuple),
    ),
    extra=st.dictionaries(text, json_values, max_size=3),
    placed_by=st.dictionaries(text, text, max_size=3),
)
