"""The publishing fixture archive plus two documents written for the browser tests.

The extra documents give a reader a next article to reach inside an issue, and
give search a word that two writers share (so a filter has something to narrow).
The words are ours.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "publish"))

from fixture import MARKUP, FakeCatalog, d, records

from scriptorium.model import LastUpdated, Note, Record, Source

PITS = "archive/foot-paul/1995/06/pits.htm"
BRANCH = "archive/cliff/1968/10/branch.htm"
PITS_PHRASE = "ledgers of grievance"  # in the body of PITS only
SHARED_WORD = "ledger"  # in the bodies of PITS and BRANCH, by different writers

EXTRA = [
    Record(
        id="archive/foot-paul/1995/06/pits",
        path=PITS,
        title="The pits and the long memory",
        subtitle="Ten years after the strike",
        authors=("Paul Foot",),
        date=d("June 1995", "1995-06"),
        kind="article",
        source=Source(
            "From Socialist Review, No. 187, June 1995, pp. 30–31.",
            periodical="Socialist Review",
            issue="No. 187",
            date=d("June 1995", "1995-06"),
            pages="pp. 30–31",
        ),
        credits=(MARKUP,),
        last_updated=LastUpdated("2 February 2021", "2021-02-02"),
        body_html=(
            '<p class="fst">A decade on, the pit villages still keep their own ledgers of grievance, '
            "written in no book but remembered in every club and kitchen.</p>\n"
            "<p>The government promised new work. What came instead were warehouses that opened and "
            'closed within a year, and a training scheme nobody finished.<a href="#n1">[1]</a></p>\n'
            "<blockquote><p>We were told the future would look after itself. It did: it went "
            "somewhere else.</p></blockquote>\n"
            "<h4>What the numbers hide</h4>\n"
            "<p>Official figures count the men who found jobs. They do not count the distance travelled "
            "to reach them, or the wages that followed them down.</p>"
        ),
        notes=(Note("1", "Figures from the local council’s own survey."),),
    ),
    Record(
        id="archive/cliff/1968/10/branch",
        path=BRANCH,
        title="Notes on branch life",
        authors=("Tony Cliff",),
        date=d("Autumn 1968", "1968-23"),
        kind="article",
        source=Source(
            "From International Socialism (1st series), No. 34, Autumn 1968, pp. 12–13.",
            periodical="International Socialism",
            issue="No. 34",
            date=d("Autumn 1968", "1968-23"),
            pages="pp. 12–13",
        ),
        credits=(MARKUP,),
        last_updated=LastUpdated("4 April 2012", "2012-04-04"),
        body_html=(
            "<p>Every branch kept a ledger of dues paid, and a second, unwritten one of who could be "
            "relied on when it rained.</p>\n<p>Meetings should be short and end with a job for everyone.</p>"
        ),
    ),
]


def browser_records() -> list[Record]:
    return [*records(), *EXTRA]


def browser_catalog() -> FakeCatalog:
    return FakeCatalog(browser_records())
