"""The record: the canonical form of a document (see the record contract).

Frozen dataclasses, stdlib only. ``Record.to_dict()`` gives the JSON form with
the contract's keys first and in the contract's order; ``Record.from_dict()``
reads it back, so that Record -> JSON -> Record is the identity.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

PAGE_TYPES = ("document", "author-index", "periodical-index", "work-index", "glossary", "other")
KINDS = (
    "article",
    "review",
    "letter",
    "speech",
    "interview",
    "obituary",
    "book-chapter",
    "pamphlet",
    "document",
    "editorial",
    "other",
)
CREDIT_ROLES = ("markup", "transcription", "translation", "proofreading", "editing", "other")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as printed (``text``) and as EDTF (``edtf``): ``1976-06``, ``1963-23``, ``193X``."""

    text: str
    edtf: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "edtf": self.edtf}

    @classmethod
    def from_value(cls, value: Any) -> PartialDate | None:
        if value is None:
            return None
        if isinstance(value, PartialDate):
            return value
        return cls(text=str(value["text"]), edtf=str(value["edtf"]))

    @property
    def year(self) -> int | None:
        """The first year the date names, or None (``193X`` gives 1930, ``XXXX`` None)."""
        head = self.edtf.lstrip("-")[:4]
        if len(head) < 4 or not (head[:2].isascii() and head[:2].isdigit()):
            return None
        digits = head.replace("X", "0").replace("u", "0")
        return int(digits) if digits.isascii() and digits.isdigit() else None


@dataclass(frozen=True, slots=True)
class Source:
    statement: str
    periodical: str | None = None
    issue: str | None = None
    date: PartialDate | None = None
    pages: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "periodical": self.periodical,
            "issue": self.issue,
            "date": self.date.to_dict() if self.date else None,
            "pages": self.pages,
            "statement": self.statement,
        }

    @classmethod
    def from_value(cls, value: Any) -> Source | None:
        if value is None:
            return None
        return cls(
            statement=value.get("statement") or "",
            periodical=value.get("periodical"),
            issue=value.get("issue"),
            date=PartialDate.from_value(value.get("date")),
            pages=value.get("pages"),
        )


@dataclass(frozen=True, slots=True)
class Credit:
    role: str
    name: str
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "name": self.name, "note": self.note}

    @classmethod
    def from_value(cls, value: Any) -> Credit:
        return cls(role=value["role"], name=value["name"], note=value.get("note"))


@dataclass(frozen=True, slots=True)
class ReviewedBook:
    title: str
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    translators: tuple[str, ...] = ()
    publisher: str | None = None
    year: str | None = None
    price: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "authors": list(self.authors),
            "editors": list(self.editors),
            "translators": list(self.translators),
            "publisher": self.publisher,
            "year": self.year,
            "price": self.price,
        }

    @classmethod
    def from_value(cls, value: Any) -> ReviewedBook:
        return cls(
            title=value["title"],
            authors=tuple(value.get("authors") or ()),
            editors=tuple(value.get("editors") or ()),
            translators=tuple(value.get("translators") or ()),
            publisher=value.get("publisher"),
            year=None if value.get("year") is None else str(value["year"]),
            price=value.get("price"),
        )


@dataclass(frozen=True, slots=True)
class LastUpdated:
    text: str
    iso: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "iso": self.iso}

    @classmethod
    def from_value(cls, value: Any) -> LastUpdated | None:
        if value is None:
            return None
        return cls(text=value["text"], iso=value.get("iso"))


@dataclass(frozen=True, slots=True)
class Note:
    label: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "text": self.text}

    @classmethod
    def from_value(cls, value: Any) -> Note:
        return cls(label=str(value["label"]), text=value["text"])


@dataclass(frozen=True, slots=True)
class PartOf:
    title: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "id": self.id}

    @classmethod
    def from_value(cls, value: Any) -> PartOf | None:
        if value is None:
            return None
        return cls(title=value["title"], id=value.get("id"))


@dataclass(frozen=True, slots=True)
class Link:
    """An entry of an index page: a work, a chapter or an issue's article."""

    title: str
    href: str | None = None
    date: PartialDate | None = None
    authors: tuple[str, ...] = ()
    section: str | None = None
    pages: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "href": self.href,
            "date": self.date.to_dict() if self.date else None,
            "authors": list(self.authors),
            "section": self.section,
            "pages": self.pages,
            "note": self.note,
        }

    @classmethod
    def from_value(cls, value: Any) -> Link:
        return cls(
            title=value["title"],
            href=value.get("href"),
            date=PartialDate.from_value(value.get("date")),
            authors=tuple(value.get("authors") or ()),
            section=value.get("section"),
            pages=value.get("pages"),
            note=value.get("note"),
        )


@dataclass(frozen=True, slots=True)
class AuthorProfile:
    """What an author-index page describes: a writer and their works."""

    name: str
    born: PartialDate | None = None
    died: PartialDate | None = None
    life_dates: str | None = None
    biography: str | None = None
    works: tuple[Link, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "born": self.born.to_dict() if self.born else None,
            "died": self.died.to_dict() if self.died else None,
            "life_dates": self.life_dates,
            "biography": self.biography,
            "works": [w.to_dict() for w in self.works],
        }

    @classmethod
    def from_value(cls, value: Any) -> AuthorProfile | None:
        if value is None:
            return None
        return cls(
            name=value["name"],
            born=PartialDate.from_value(value.get("born")),
            died=PartialDate.from_value(value.get("died")),
            life_dates=value.get("life_dates"),
            biography=value.get("biography"),
            works=tuple(Link.from_value(w) for w in value.get("works") or ()),
        )


@dataclass(frozen=True, slots=True)
class IssueEntry:
    """One issue of a periodical, with its contents in printed order."""

    designation: str
    date: PartialDate | None = None
    href: str | None = None
    contents: tuple[Link, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "designation": self.designation,
            "date": self.date.to_dict() if self.date else None,
            "href": self.href,
            "contents": [c.to_dict() for c in self.contents],
        }

    @classmethod
    def from_value(cls, value: Any) -> IssueEntry:
        return cls(
            designation=value["designation"],
            date=PartialDate.from_value(value.get("date")),
            href=value.get("href"),
            contents=tuple(Link.from_value(c) for c in value.get("contents") or ()),
        )


@dataclass(frozen=True, slots=True)
class PeriodicalProfile:
    """What a periodical-index page describes: a periodical and its issues."""

    title: str
    description: str | None = None
    issues: tuple[IssueEntry, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "description": self.description,
            "issues": [i.to_dict() for i in self.issues],
        }

    @classmethod
    def from_value(cls, value: Any) -> PeriodicalProfile | None:
        if value is None:
            return None
        return cls(
            title=value["title"],
            description=value.get("description"),
            issues=tuple(IssueEntry.from_value(i) for i in value.get("issues") or ()),
        )


@dataclass(frozen=True, slots=True)
class Record:
    """One page of the archive, as the contract defines it (plus a few extra keys).

    Extra keys beyond the contract: ``body_html`` (sanitized body), ``path``
    (site path the page came from), ``format`` (importer used), ``links``
    (``work-index`` contents), ``author_profile`` / ``periodical_profile``
    (what an index page describes), ``extra`` (unknown front-matter keys,
    kept), ``placed_by`` (which importer stage placed each field).
    """

    id: str
    title: str
    page_type: str = "document"
    part_of: PartOf | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    date: PartialDate | None = None
    kind: str = "article"
    language: str = "en"
    source: Source | None = None
    rights: str | None = None
    copied_from: str | None = None
    credits: tuple[Credit, ...] = ()
    reviewed: tuple[ReviewedBook, ...] = ()
    collection: str | None = None
    last_updated: LastUpdated | None = None
    text: str = ""
    notes: tuple[Note, ...] = ()
    warnings: tuple[str, ...] = ()
    # Extra keys (allowed by the contract: "add keys freely").
    body_html: str = ""
    path: str | None = None
    format: str | None = None
    links: tuple[Link, ...] = ()
    author_profile: AuthorProfile | None = None
    periodical_profile: PeriodicalProfile | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    placed_by: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.page_type not in PAGE_TYPES:
            raise ValueError(f"unknown page_type {self.page_type!r}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        for credit in self.credits:
            if credit.role not in CREDIT_ROLES:
                raise ValueError(f"unknown credit role {credit.role!r}")

    # -- JSON form -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "page_type": self.page_type,
            "part_of": self.part_of.to_dict() if self.part_of else None,
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "authors": list(self.authors),
            "date": self.date.to_dict() if self.date else None,
            "kind": self.kind,
            "language": self.language,
            "source": self.source.to_dict() if self.source else None,
            "rights": self.rights,
            "copied_from": self.copied_from,
            "credits": [c.to_dict() for c in self.credits],
            "reviewed": [r.to_dict() for r in self.reviewed],
            "collection": self.collection,
            "last_updated": self.last_updated.to_dict() if self.last_updated else None,
            "text": self.text,
            "notes": [n.to_dict() for n in self.notes],
            "warnings": list(self.warnings),
            "body_html": self.body_html,
            "path": self.path,
            "format": self.format,
            "links": [link.to_dict() for link in self.links],
            "author_profile": self.author_profile.to_dict() if self.author_profile else None,
            "periodical_profile": (
                self.periodical_profile.to_dict() if self.periodical_profile else None
            ),
            "extra": dict(self.extra),
            "placed_by": dict(self.placed_by),
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> Record:
        return cls(
            id=value["id"],
            title=value["title"],
            page_type=value.get("page_type", "document"),
            part_of=PartOf.from_value(value.get("part_of")),
            subtitle=value.get("subtitle"),
            authors=tuple(value.get("authors") or ()),
            date=PartialDate.from_value(value.get("date")),
            kind=value.get("kind", "article"),
            language=value.get("language", "en"),
            source=Source.from_value(value.get("source")),
            rights=value.get("rights"),
            copied_from=value.get("copied_from"),
            credits=tuple(Credit.from_value(c) for c in value.get("credits") or ()),
            reviewed=tuple(ReviewedBook.from_value(r) for r in value.get("reviewed") or ()),
            collection=value.get("collection"),
            last_updated=LastUpdated.from_value(value.get("last_updated")),
            text=value.get("text", ""),
            notes=tuple(Note.from_value(n) for n in value.get("notes") or ()),
            warnings=tuple(value.get("warnings") or ()),
            body_html=value.get("body_html", ""),
            path=value.get("path"),
            format=value.get("format"),
            links=tuple(Link.from_value(v) for v in value.get("links") or ()),
            author_profile=AuthorProfile.from_value(value.get("author_profile")),
            periodical_profile=PeriodicalProfile.from_value(value.get("periodical_profile")),
            extra=dict(value.get("extra") or {}),
            placed_by=dict(value.get("placed_by") or {}),
        )

    @classmethod
    def from_json(cls, text: str) -> Record:
        return cls.from_dict(json.loads(text))

    def replace(self, **changes: Any) -> Record:
        """A copy with some fields changed (dataclasses.replace, re-validated)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return Record(**values)
