"""A small archive written for the search tests: fourteen documents, seven writers, three languages.

Facts (names, periodicals, years) are real enough to read naturally; every
sentence was written for this project.
"""

from __future__ import annotations

from scriptorium.model import Credit, Note, PartialDate, Record, ReviewedBook, Source


def _date(text: str, edtf: str) -> PartialDate:
    return PartialDate(text=text, edtf=edtf)


def _src(periodical: str, issue: str, date: PartialDate) -> Source:
    return Source(
        statement=f"From {periodical}, {issue}, {date.text}.", periodical=periodical, issue=issue, date=date
    )


def records() -> list[Record]:
    d = _date
    return [
        Record(
            id="writers/trotsky/1936/06/the-french-strikes",
            title="The French Strikes",
            authors=("Leon Trotsky",),
            date=d("June 1936", "1936-06"),
            kind="article",
            source=_src("New International", "Vol. 3 No. 4", d("August 1936", "1936-08")),
            text=(
                "The factory occupations spread from the aircraft works to the department stores "
                "within a "
                "fortnight. No leadership had called them; the workers simply stayed at their "
                "benches.\n\n"
                "A general strike of this kind poses the question of power, whether its participants "
                "intend "
                "it or not. Permanent revolution is no slogan here but a description of the week."
            ),
            notes=(Note("1", "The occupations began at Le Havre in May."),),
            credits=(Credit("markup", "Einde O’Callaghan"),),
        ),
        Record(
            id="writers/trotsky/1938/09/transitional-demands",
            title="On Transitional Demands",
            authors=("Leon Trotsky",),
            date=d("September 1938", "1938-09"),
            kind="document",
            source=_src("New International", "Vol. 4 No. 9", d("September 1938", "1938-09")),
            text=(
                "A sliding scale of wages and hours answers unemployment and rising prices together. "
                "Such demands bridge the daily struggle and the revolutionary programme.\n\n"
                "Factory committees, workers' control of industry and the arming of pickets follow from "
                "the same logic."
            ),
        ),
        Record(
            id="writers/shachtman/1940/04/the-crisis-in-the-party",
            title="The Crisis in the Party",
            authors=("Max Shachtman",),
            date=d("April 1940", "1940-04"),
            kind="article",
            source=_src("New International", "Vol. 6 No. 3", d("April 1940", "1940-04")),
            text=(
                "The dispute over the invasion of Finland turned into a dispute over the class nature of "
                "the Soviet state. The minority refused to defend what it no longer recognised as a "
                "workers' state.\n\nOrganisational questions followed the political ones, as they "
                "always do."
            ),
        ),
        Record(
            id="writers/shachtman/1948/03/letter-to-the-editor",
            title="A Letter to the Editor",
            authors=("Max Shachtman",),
            date=d("March 1948", "1948-03"),
            kind="letter",
            source=_src("Labour Action", "Vol. 12 No. 10", d("8 March 1948", "1948-03-08")),
            text=(
                "Your correspondent misquotes the resolution of our last convention. It did not endorse "
                "either camp in the coming war; it rejected both.\n\nI ask that this correction be "
                "printed "
                "in your next number."
            ),
        ),
        Record(
            id="writers/draper/1966/02/two-souls-of-socialism",
            title="The Two Souls of Socialism",
            authors=("Hal Draper",),
            date=d("February 1966", "1966-02"),
            kind="pamphlet",
            source=_src("New Politics", "Vol. 5 No. 1", d("Winter 1966", "1966-24")),
            text=(
                "Socialism from above hands emancipation down to the masses as a gift. Socialism "
                "from below "
                "insists that the masses free themselves.\n\nThe history of the idea is a long "
                "quarrel between "
                "these two souls, and the quarrel is not over."
            ),
        ),
        Record(
            id="writers/cliff/1968/05/france-the-struggle-goes-on",
            title="France: the Struggle Goes On",
            authors=("Tony Cliff", "Ian Birchall"),
            date=d("May 1968", "1968-05"),
            kind="pamphlet",
            source=_src("International Socialism", "No. 33", d("Summer 1968", "1968-22")),
            text=(
                "Ten million strikers in May showed that the French working class had lost none of its "
                "capacity for a general strike. The students lit the fuse; the factories supplied "
                "the powder.\n\n"
                "Revolutions are not made to order, and this one stopped short of power."
            ),
        ),
        Record(
            id="writers/foot/1976/06/the-miners-and-the-tories",
            title="The Miners and the Tories",
            authors=("Paul Foot",),
            date=d("June 1976", "1976-06"),
            kind="article",
            source=_src("Socialist Review", "No. 176", d("June 1976", "1976-06")),
            text=(
                "Two years after the miners brought down a government, the coal board is trying to "
                "divide "
                "the coalfields with a productivity deal.\n\nThe deal pays more in the richer pits "
                "and less in "
                "the poorer ones, which is exactly its purpose."
            ),
        ),
        Record(
            id="writers/jenkins/1976/06/deep-differences",
            title="Deep differences",
            authors=("Gareth Jenkins",),
            date=d("June 1976", "1976-06"),
            kind="review",
            source=_src("Socialist Review", "No. 176", d("June 1976", "1976-06")),
            reviewed=(
                ReviewedBook(
                    "The Serge-Trotsky Papers",
                    editors=("David Cotterill",),
                    publisher="Pluto",
                    price="£14.95",
                ),
            ),
            text=(
                "The letters between Victor Serge and Trotsky record a friendship that the argument over "
                "Kronstadt could not quite destroy.\n\nThe editor has done readers a service by "
                "printing both "
                "sides of the correspondence."
            ),
        ),
        Record(
            id="writers/foot/1995/06/the-hangmen",
            title="The Hangmen Return",
            authors=("Paul Foot",),
            date=d("June 1995", "1995-06"),
            kind="article",
            source=_src("Socialist Review", "No. 187", d("June 1995", "1995-06")),
            text=(
                "Every few years a Conservative backbencher rediscovers the rope. The campaign for "
                "hanging "
                "returns with each moral panic or crisis and fails with each free vote.\n\nThe "
                "miscarriages of justice of "
                "the last decade are the best argument against it."
            ),
        ),
        Record(
            id="writers/hogsbjerg/2006/11/clr-james-in-lancashire",
            title="C.L.R. James in Lancashire",
            authors=("Christian Høgsbjerg",),
            date=d("November 2006", "2006-11"),
            kind="review",
            source=_src("International Socialism", "No. 112", d("Autumn 2006", "2006-23")),
            reviewed=(ReviewedBook("Cricket and Politics", authors=("Learie Constantine",)),),
            text=(
                "James lodged with Learie Constantine in Nelson while writing about cricket for the "
                "Manchester "
                "Guardian. The Lancashire cotton town taught him as much as the West Indies had.\n\n"
                "His Trinidad friend’s campaign against the colour bar began there too."
            ),
        ),
        Record(
            id="writers/hogsbjerg/2008/03/remembering-a-comrade",
            title="Remembering a Comrade",
            authors=("Christian Høgsbjerg",),
            date=d("March 2008", "2008-03"),
            kind="obituary",
            source=_src("Socialist Review", "No. 323", d("March 2008", "2008-03")),
            text=(
                "He walked to the same station on foot every Saturday and sold the paper there for "
                "forty years, "
                "in rain and in sunshine.\n\nNobody who argued with him over a cup of tea forgot the "
                "conversation."
            ),
        ),
        Record(
            id="writers/serge/1937/02/les-proces-de-moscou",
            title="Les procès de Moscou",
            authors=("Victor Serge",),
            date=d("février 1937", "1937-02"),
            kind="article",
            language="fr",
            source=_src("La Révolution prolétarienne", "No. 240", d("février 1937", "1937-02")),
            text=(
                "Les accusés récitent des aveux que personne ne croit. Les vieux révolutionnaires de "
                "l’Octobre disparaissent l’un après l’autre.\n\nLa révolution dévore ceux qui l’ont "
                "faite, "
                "et l’Europe détourne les yeux."
            ),
        ),
        Record(
            id="writers/luxemburg/1913/03/die-krise-der-partei",
            title="Die Krise der Partei",
            authors=("Rosa Luxemburg",),
            date=d("März 1913", "1913-03"),
            kind="speech",
            language="de",
            source=_src("Die Neue Zeit", "Jg. 31 Nr. 25", d("März 1913", "1913-03")),
            text=(
                "Die Gewerkschaften fürchten den Massenstreik mehr als die Regierung. Die Arbeiterinnen "
                "und Arbeiter lernen im Kampf, nicht in den Büchern der Partei.\n\nEine Revolution lässt "
                "sich nicht auf dem Papier beschließen."
            ),
        ),
        Record(
            id="writers/anonymous/xxxx/xx/a-note-on-sources",
            title="A Note on Sources",
            authors=(),
            date=None,
            kind="editorial",
            text=(
                "Most of the articles in this section were typed from photocopies of the original "
                "issues. "
                "Readers who hold better copies are asked to write to the archive. Where a page was "
                "torn we "
                "print <illegible> & move on."
            ),
        ),
        Record(
            id="archive/foot-paul/index",
            title="Paul Foot Archive",
            page_type="author-index",
            authors=("Paul Foot",),
            text="Paul Foot wrote for Socialist Review and the Daily Mirror.",
        ),
    ]


def documents() -> list[Record]:
    """The records that are documents (what the index holds)."""
    return [r for r in records() if r.page_type == "document"]
