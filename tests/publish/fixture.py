"""A small archive written for these tests, in the archive's conventions (the words are ours).

Two writers with archive pages, one without; a periodical with an index and an
issue page; a review, a letter, an unsigned editorial; a three-chapter work
with its contents page; notes; links between pages, to a page the archive
does not hold and to the wider web; a renamed page; one new Markdown piece.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from scriptorium.errors import NotFoundError
from scriptorium.model import (
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

MARKUP = Credit("markup", "Einde O’Callaghan", "for ETOL")


def d(text: str, edtf: str) -> PartialDate:
    return PartialDate(text, edtf)


def records() -> list[Record]:
    return [
        Record(
            id="archive/foot-paul",
            path="archive/foot-paul/index.htm",
            page_type="author-index",
            title="Paul Foot Archive",
            author_profile=AuthorProfile(
                name="Paul Foot",
                born=d("1937", "1937"),
                died=d("2004", "2004"),
                life_dates="1937–2004",
                biography="A campaigning journalist.\n\nHe wrote for the socialist press for forty years.",
                works=(
                    Link("Harold and the unions", href="1995/06/wilson.htm"),
                    Link("Do it yourself politics", href="1968/10/diy-pols.htm"),
                    Link("A pamphlet not held here", href="1977/pamphlet/index.htm"),
                ),
            ),
        ),
        Record(
            id="archive/cliff",
            path="archive/cliff/index.htm",
            page_type="author-index",
            title="Tony Cliff Archive",
            author_profile=AuthorProfile(name="Cliff, Tony", life_dates="1917–2000"),
        ),
        Record(
            id="archive/foot-paul/1995/06/wilson",
            path="archive/foot-paul/1995/06/wilson.htm",
            title="Harold and the unions",
            subtitle="A look back at a prime minister",
            authors=("Paul Foot",),
            date=d("June 1995", "1995-06"),
            kind="article",
            source=Source(
                "From Socialist Review, No. 187, June 1995, pp. 22–23.",
                periodical="Socialist Review",
                issue="No. 187",
                date=d("June 1995", "1995-06"),
                pages="pp. 22–23",
            ),
            rights="Copyright © Socialist Review.",
            copied_from="Socialist Review Archive",
            credits=(MARKUP, Credit("proofreading", "Ted Crawford")),
            collection="Paul Foot Archive",
            last_updated=LastUpdated("17 November 2009", "2009-11-17"),
            text="The prime minister talked of the white heat of technology.",
            body_html=(
                '<p class="fst">The prime minister talked of the white heat of technology.'
                '<a href="#n1">[1]</a></p>\n'
                '<p>Compare what was written <a href="../../1968/10/diy-pols.htm">in 1968</a>, '
                'and what Cliff said in a <a href="../../../cliff/1970/unknown.htm">speech</a> '
                'that is not in this archive.<a href="#n2">[2]</a></p>\n'
                '<p>See also <a href="https://example.org/history">a history site</a>.</p>'
            ),
            notes=(Note("1", "Speech to the party conference, 1963."), Note("2", "Reported at the time.")),
            extra={"aliases": ["archive/foot-paul/1995/06/harold.htm"]},
        ),
        Record(
            id="archive/foot-paul/1968/10/diy-pols",
            path="archive/foot-paul/1968/10/diy-pols.htm",
            title="Do it yourself politics",
            authors=("Paul Foot",),
            date=d("Autumn 1968", "1968-23"),
            source=Source(
                "From International Socialism (1st series), No. 34, Autumn 1968, p. 9.",
                periodical="International Socialism",
                issue="No. 34",
                date=d("Autumn 1968", "1968-23"),
                pages="p. 9",
            ),
            credits=(MARKUP,),
            last_updated=LastUpdated("3 March 2008", "2008-03-03"),
            body_html=(
                "<h4>The argument</h4>\n<p>People can run their own affairs. A later piece returned to the "
                'theme (<a href="../../1995/06/wilson.htm#n1">its first note</a>).</p>'
            ),
        ),
        Record(
            id="archive/jenkins/1976/06/deep-differences",
            path="archive/jenkins/1976/06/deep-differences.htm",
            title="Deep differences",
            authors=("Gareth Jenkins",),
            date=d("June 1976", "1976-06"),
            kind="review",
            source=Source(
                "From Socialist Review, No. 176, June 1976.",
                periodical="Socialist Review",
                issue="No. 176",
                date=d("June 1976", "1976-06"),
            ),
            rights="Copyright © Socialist Review.",
            credits=(MARKUP,),
            reviewed=(
                ReviewedBook(
                    "The Serge-Trotsky Papers",
                    editors=("David Cotterill",),
                    publisher="Pluto",
                    price="£14.95",
                ),
            ),
            last_updated=LastUpdated("2 May 2017", "2017-05-02"),
            body_html=(
                "<p>Two revolutionaries who disagreed, and a book about why. Compare <a "
                'href="http://www.marxists.org/archive/foot-paul/1995/06/wilson.htm">a later piece</a>.</p>'
            ),
        ),
        Record(
            id="history/etol/newspape/socrev/1995/no187/editorial",
            path="history/etol/newspape/socrev/1995/no187/editorial.htm",
            title="Where we stand",
            kind="editorial",
            date=d("June 1995", "1995-06"),
            source=Source(
                "From Socialist Review, No. 187, June 1995, p. 3.",
                periodical="Socialist Review",
                issue="No. 187",
                date=d("June 1995", "1995-06"),
                pages="p. 3",
            ),
            last_updated=LastUpdated("17 November 2009", "2009-11-17"),
            body_html="<p>An unsigned statement of the paper’s views.</p>",
        ),
        Record(
            id="history/etol/newspape/socrev",
            path="history/etol/newspape/socrev/index.htm",
            page_type="periodical-index",
            title="Socialist Review",
            periodical_profile=PeriodicalProfile(
                "Socialist Review",
                description="A monthly magazine.",
                issues=(
                    IssueEntry("No. 176", d("June 1976", "1976-06")),
                    IssueEntry("No. 187", d("June 1995", "1995-06"), href="1995/no187.htm"),
                ),
            ),
        ),
        Record(
            id="history/etol/newspape/socrev/1995/no187",
            path="history/etol/newspape/socrev/1995/no187.htm",
            page_type="periodical-index",
            title="Socialist Review, No. 187",
            periodical_profile=PeriodicalProfile(
                "Socialist Review",
                issues=(
                    IssueEntry(
                        "No. 187",
                        d("June 1995", "1995-06"),
                        contents=(
                            Link("Where we stand", href="no187/editorial.htm", pages="p. 3"),
                            Link(
                                "A column not held here", href="no187/column.htm", authors=("Duncan Hallas",)
                            ),
                            Link(
                                "Harold and the unions",
                                href="../../../../../archive/foot-paul/1995/06/wilson.htm",
                                authors=("Paul Foot",),
                                pages="pp. 22–23",
                                section="Features",
                            ),
                        ),
                    ),
                ),
            ),
        ),
        Record(
            id="archive/cliff/1979/05/letter",
            path="archive/cliff/1979/05/letter.htm",
            title="Letter to a comrade",
            authors=("Tony Cliff",),
            date=d("12 May 1979", "1979-05-12"),
            kind="letter",
            source=Source("From a private collection of letters."),
            credits=(Credit("transcription", "Ted Crawford"), MARKUP),
            last_updated=LastUpdated("1 January 2010", "2010-01-01"),
            body_html="<p>Dear comrade,</p>\n<p>Thank you for your letter of last week.</p>",
        ),
        Record(
            id="archive/cliff/1975/lenin",
            path="archive/cliff/1975/lenin/index.htm",
            page_type="work-index",
            title="Building the Party",
            authors=("Tony Cliff",),
            date=d("1975", "1975"),
            links=(  # index links as the importer writes them: site paths from the archive root
                Link("Chapter 1: Beginnings", href="archive/cliff/1975/lenin/ch1.htm"),
                Link("Chapter 2: The split", href="archive/cliff/1975/lenin/ch2.htm"),
                Link("Chapter 3: Underground", href="archive/cliff/1975/lenin/ch3.htm"),
            ),
        ),
        *[
            Record(
                id=f"archive/cliff/1975/lenin/ch{n}",
                path=f"archive/cliff/1975/lenin/ch{n}.htm",
                title=title,
                authors=("Tony Cliff",),
                date=d("1975", "1975"),
                kind="book-chapter",
                # The third chapter does not say what it is part of: the contents page says so.
                part_of=PartOf("Building the Party", "archive/cliff/1975/lenin") if n < 3 else None,
                credits=(MARKUP,),
                last_updated=LastUpdated("5 June 2011", "2011-06-05"),
                body_html=body,
                notes=notes,
            )
            for n, title, body, notes in (
                (
                    1,
                    "Chapter 1: Beginnings",
                    '<p>The first groups were small. The split is told in <a href="ch2.htm#s1">the next '
                    "chapter</a>.</p>",
                    (),
                ),
                (
                    2,
                    "Chapter 2: The split",
                    '<h3 id="s1">The congress</h3>\n<p>The delegates divided.<a href="#n1">[1]</a> '
                    'Back to the <a href="index.htm">contents</a>.</p>',
                    (Note("1", "The vote was close."),),
                ),
                (3, "Chapter 3: Underground", "<p>Work went on in secret.</p>", ()),
            )
        ],
        Record(
            id="writers/jenkins/2020/03/on-reading-old-papers",
            path=None,
            format="markdown",
            title="On reading old papers",
            authors=("Gareth Jenkins",),
            date=d("March 2020", "2020-03"),
            credits=(Credit("editing", "Sarah Young"),),
            last_updated=LastUpdated("20 March 2020", "2020-03-20"),
            body_html=(
                '<p>Old papers repay reading, as <a href="/archive/foot-paul/1995/06/wilson.htm">this '
                'piece</a> shows.<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup></p>'
            ),
            notes=(Note("1", "A note written in Markdown."),),
        ),
    ]


def record_hash(record: Record) -> str:
    return hashlib.blake2b(record.to_json().encode(), digest_size=16).hexdigest()


class FakeCatalog:
    """The read side of the Catalog protocol over a list of records."""

    url = "memory:fixture"

    def __init__(self, items: list[Record]) -> None:
        self.records = {r.id: r for r in items}
        self.gets = 0

    def iter_records(self) -> Iterator[Record]:
        yield from (self.records[k] for k in sorted(self.records))

    def iter_record_json(self) -> Iterator[tuple[str, str]]:
        yield from ((k, self.records[k].to_json()) for k in sorted(self.records))

    def get(self, record_id: str) -> Record:
        self.gets += 1
        try:
            return self.records[record_id]
        except KeyError:
            raise NotFoundError(f"no record {record_id}") from None

    def content_hashes(self) -> dict[str, str]:
        return {k: record_hash(r) for k, r in self.records.items()}

    def put(self, record: Record) -> None:
        self.records[record.id] = record

    def close(self) -> None:
        pass
