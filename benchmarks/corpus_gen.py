"""A deterministic synthetic archive: N documents in the Markdown authoring form.

Each document has YAML front matter (id, title, authors, date, kind, language,
source periodical/issue/date, reviewed books for reviews, credits) and a
CommonMark body with footnotes. Words follow a Zipf distribution over a ranked
vocabulary: function words first, then the archive's own vocabulary (with
collocations such as "general strike" kept together), then a long tail of
made-up words, so that a few words are in nearly every document and most are
rare. Writers write with Zipf-distributed productivity, periodicals publish
numbered issues, and the kinds (articles, reviews, letters, notes, speeches, ...)
have their own lengths. Most documents are English; some are French or German.

The same seed gives the same archive, byte for byte::

    from corpus_gen import generate, iter_documents
    generate(1000, "var/corpus", seed=1)            # writes 1000 .md files, returns their paths
    for doc in iter_documents(100_000, seed=1):     # or build records without files
        record = doc.to_record()

    python benchmarks/corpus_gen.py 1000 var/corpus --seed 1
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import math
import random
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


def _split(text: str) -> list[str]:
    return text.split()


FUNCTION_WORDS = {
    "en": _split(
        "the of and to a in that is was it for as on with by be this which are not from at his he have "
        "but they their had an or were has been its all we one who will more would there so what them no "
        "if can only when our other into than these also any those may such should up out about most its "
        "must some very over now then after because many against every them both without under between "
        "even through while where before how being could again still never much same upon"
    ),
    "fr": _split(
        "de la le les et des à en un une du que qui dans pour par sur est au pas ne se il plus ce avec "
        "sont nous leur ses son sa mais ou comme été aux elle cette tout ils on même fait lui entre"
    ),
    "de": _split(
        "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an "
        "werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über so zum war haben"
    ),
}
DOMAIN_WORDS = {
    "en": _split(
        "workers party class struggle capitalism socialism revolution union strike government labour "
        "movement state power war comrades working wages industry factory capital political bourgeoisie "
        "proletariat international organisation leadership masses soviet crisis imperialism democracy "
        "economic social unions employers profits production bureaucracy program congress conference "
        "national colonial peasants tories labourites reformism reformist revolutionary socialist "
        "communist trotskyist stalinist fascism fascist bolshevik bolsheviks marxism marxist theory "
        "history policy demands unemployment inflation militant militants members branch council "
        "elections parliament vote votes minority majority resolution opposition faction discussion press "
        "paper newspaper journal article pamphlet review letter editor correspondent readers miners "
        "dockers engineers railwaymen students teachers nurses tenants women youth army police courts "
        "prison strikers pickets picket lockout occupation occupations sackings redundancy "
        "nationalisation ownership market prices rents housing health schools land agriculture empire "
        "independence liberation apartheid racism immigration solidarity committee delegates victory "
        "defeat retreat offensive tactics strategy alliance front coalition betrayal programme method "
        "analysis contradiction dialectics materialism value surplus exploitation accumulation "
        "competition monopoly finance banks credit slump boom recession depression"
    ),
    "fr": _split(
        "travailleurs parti classe lutte capitalisme socialisme révolution syndicat grève gouvernement "
        "mouvement état pouvoir guerre camarades ouvriers salaires usine capital politique bourgeoisie "
        "prolétariat internationale organisation direction masses crise impérialisme démocratie "
        "révolutionnaire communiste fascisme militants congrès procès opposition journal presse"
    ),
    "de": _split(
        "arbeiter partei klasse kampf kapitalismus sozialismus revolution gewerkschaft streik regierung "
        "bewegung staat macht krieg genossen arbeiterklasse löhne fabrik kapital politik bourgeoisie "
        "proletariat internationale organisation führung massen krise imperialismus demokratie "
        "massenstreik räte sozialdemokratie opposition zeitung genossinnen"
    ),
}
COLLOCATIONS = (
    "general strike",
    "working class",
    "permanent revolution",
    "united front",
    "labour party",
    "trade union",
    "ruling class",
    "popular front",
    "class struggle",
    "fourth international",
    "rank and file",
    "shop stewards",
    "workers' control",
    "cold war",
    "state capitalism",
)
FIRST_NAMES = _split(
    "Paul Tony Duncan Max Hal James Gareth Chris Ian Peter Rosa Victor Leon Alfred Jim Ted Harry Sheila "
    "Anna Mary Ruth Clara Nigel John George Ernest Albert Walter Ruth Ida Dora Sam Joseph Edith Olive Tom "
    "Ralph Bob Jean Pierre Marcel Karl Heinrich Ernst Hugo Lotte Käthe Søren Bjørn Zoë Chloé Renée José"
)
SURNAMES = _split(
    "Foot Cliff Hallas Shachtman Draper James Jenkins Harman Birchall Luxemburg Serge Trotsky Rosmer "
    "Cannon Grant Healy Widgery Kidron Hobsbawm Thompson Saville Miliband Deutscher Frölich Naville "
    "Høgsbjerg Glotzer Abern Novack Hansen Morrow Goldman Weber Kautsky Mehring Zetkin Jogiches Müller "
    "Brandler Thalheimer Kerensky Souvarine Ménard Dubreuil Gérard Lefèvre Nuñez Peña O’Brien MacLean "
    "Dunayevskaya Cooper Baker Fletcher Marsh Holloway Pritchard Gallacher Maclean Pollitt Murphy Tanner"
)
PERIODICAL_FIRST = _split(
    "Socialist Labour Workers' International Militant Revolutionary New Red Fourth Young Class Free"
)
PERIODICAL_SECOND = _split(
    "Review Action Worker Vanguard Challenge Standard Tribune Voice Struggle Monthly Bulletin Appeal"
)
FOREIGN_PERIODICALS = {
    "fr": ("La Vérité", "La Révolution prolétarienne", "Quatrième Internationale", "L’Humanité nouvelle"),
    "de": ("Die Neue Zeit", "Unser Wort", "Die Aktion", "Permanente Revolution"),
}
PUBLISHERS = ("Pluto", "Bookmarks", "Verso", "Merlin", "Pathfinder", "Lawrence & Wishart", "Monad", "Penguin")
VOLUNTEERS = ("Einde O’Callaghan", "Ted Crawford", "Sally Ryan", "Brian Reid", "David Walters", "Marie Lynam")
MONTHS = {
    "en": _split("January February March April May June July August September October November December"),
    "fr": _split("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
    "de": _split("Januar Februar März April Mai Juni Juli August September Oktober November Dezember"),
}
# kind: (share, median words, sigma of the log-normal length)
KIND_MIX = {
    "article": (0.52, 900, 0.55),
    "review": (0.16, 700, 0.45),
    "letter": (0.10, 250, 0.5),
    "editorial": (0.06, 160, 0.4),  # short notes
    "speech": (0.04, 1500, 0.5),
    "obituary": (0.03, 500, 0.4),
    "interview": (0.03, 1200, 0.4),
    "document": (0.03, 1000, 0.6),
    "pamphlet": (0.02, 2500, 0.5),
    "book-chapter": (0.01, 3000, 0.4),
}
LANGUAGE_MIX = (("en", 0.92), ("fr", 0.05), ("de", 0.03))
ZIPF_S = 1.07
TAIL_WORDS = 40_000
_SYLLABLES = _split(
    "ba be bi bo bu ca ce co cu da de di do du fa fe fi fo ga ge go gu ha he hi ho la le li lo lu ma me "
    "mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za "
    "ze tra tre tri tro pro pre bri cla cle cri dra gra gre pla ple sta ste sti str an en in on un ar er "
    "ir or ur al el il"
)


@dataclass(frozen=True, slots=True)
class Writer:
    name: str
    language: str
    active: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Periodical:
    title: str
    language: str
    founded: int
    closed: int


@dataclass(slots=True)
class GeneratedDoc:
    """One synthetic document: its front matter, its Markdown body, and the same body as plain text."""

    id: str
    front: dict
    body_markdown: str
    text: str
    notes: list[tuple[str, str]] = field(default_factory=list)

    def to_markdown(self) -> str:
        lines = ["---"]
        for key, value in self.front.items():
            lines.append(f"{key}: {_yaml(value)}")
        lines.append("---")
        return "\n".join(lines) + "\n\n" + self.body_markdown

    def to_record(self):
        """The record an importer would make of it (needs the ``scriptorium`` package)."""
        from scriptorium.model import Credit, Note, PartialDate, Record, ReviewedBook, Source

        f = self.front
        date = PartialDate(text=f["date_text"], edtf=f["date"])
        src = f["source"]
        source_date = PartialDate(text=src["date_text"], edtf=src["date"])
        statement = f"From {src['periodical']}, {src['issue']}, {src['date_text']}."
        return Record(
            id=self.id,
            title=f["title"],
            authors=tuple(f["authors"]),
            date=date,
            kind=f["kind"],
            language=f["language"],
            source=Source(statement, src["periodical"], src["issue"], source_date, src.get("pages")),
            credits=tuple(Credit(c["role"], c["name"]) for c in f.get("credits", ())),
            reviewed=tuple(
                ReviewedBook(
                    r["title"],
                    authors=tuple(r["authors"]),
                    publisher=r["publisher"],
                    year=r["year"],
                    price=r["price"],
                )
                for r in f.get("reviewed", ())
            ),
            text=self.text,
            notes=tuple(Note(label, text) for label, text in self.notes),
            format="markdown",
        )


def _yaml(value: object) -> str:
    """Flow-style YAML: JSON is valid YAML 1.2, and writing it is fast and exact."""
    return json.dumps(value, ensure_ascii=False)


class Vocabulary:
    """A ranked word list per language, sampled by Zipf's law through a lookup table.

    Each word fills a share of a 2**20-entry table proportional to its Zipf
    weight (at least one entry), so a draw is one random index: tens of
    millions of words take seconds, not minutes.
    """

    TABLE_BITS = 20

    def __init__(self, rng: random.Random, language: str, tail: list[str]) -> None:
        domain = list(DOMAIN_WORDS[language])
        if language == "en":
            domain += list(COLLOCATIONS)
        rng.shuffle(domain)
        words = list(FUNCTION_WORDS[language])
        # Domain words are frequent but not as frequent as "the": interleave them with the head of the tail.
        head_tail = tail[: len(domain)]
        words += [w for pair in zip(domain, head_tail, strict=True) for w in pair]
        words += tail[len(domain) :]
        self.words = words
        weights = [1.0 / (rank**ZIPF_S) for rank in range(1, len(words) + 1)]
        size = 1 << self.TABLE_BITS
        scale = size / sum(weights)
        counts = [max(1, int(w * scale)) for w in weights]
        counts[0] += size - sum(counts)  # rounding goes to the commonest word
        self.table = [word for word, count in zip(words, counts, strict=True) for _ in range(count)]

    def sample(self, rng: random.Random, k: int) -> list[str]:
        table, shift = self.table, 32 - self.TABLE_BITS
        return [table[x >> shift] for x in array("I", rng.randbytes(4 * k))]

    def rank_range(self, start: int, stop: int) -> list[str]:
        return self.words[start:stop]


class World:
    """Writers, periodicals and vocabularies drawn once from the seed."""

    def __init__(self, n: int, seed: int) -> None:
        rng = random.Random(seed)
        self.rng = rng
        tail = _tail_words(rng, TAIL_WORDS)
        self.vocab = {lang: Vocabulary(rng, lang, tail) for lang in FUNCTION_WORDS}
        self.writers = self._writers(rng, max(40, min(4000, n // 25)))
        self.writer_cum = list(itertools.accumulate(1.0 / (r**0.9) for r in range(1, len(self.writers) + 1)))
        self.periodicals = self._periodicals(rng)
        # Titles use the archive's vocabulary three times out of four, rare words otherwise.
        self.title_words = {lang: DOMAIN_WORDS[lang] * 3 + tail[:300] for lang in DOMAIN_WORDS}

    @staticmethod
    def _writers(rng: random.Random, count: int) -> list[Writer]:
        names: dict[str, None] = {}
        while len(names) < count:
            # A middle initial now and then, as bylines have, and room for thousands of writers.
            middle = f" {rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.5 else ""
            names[f"{rng.choice(FIRST_NAMES)}{middle} {rng.choice(SURNAMES)}"] = None
        out = []
        for name in names:
            language = _pick(rng, LANGUAGE_MIX)
            start = rng.randint(1900, 1995)
            out.append(Writer(name, language, (start, min(2015, start + rng.randint(5, 50)))))
        return out

    @staticmethod
    def _periodicals(rng: random.Random) -> dict[str, list[Periodical]]:
        english = [f"{a} {b}" for a in PERIODICAL_FIRST for b in PERIODICAL_SECOND]
        rng.shuffle(english)
        out: dict[str, list[Periodical]] = {"en": [], "fr": [], "de": []}
        for title in english[:60]:
            start = rng.randint(1890, 1990)
            out["en"].append(Periodical(title, "en", start, min(2015, start + rng.randint(10, 80))))
        for lang, titles in FOREIGN_PERIODICALS.items():
            for title in titles:
                start = rng.randint(1890, 1960)
                out[lang].append(Periodical(title, lang, start, min(2015, start + rng.randint(20, 80))))
        return out


def _tail_words(rng: random.Random, count: int) -> list[str]:
    """Made-up words of two to four syllables, unique, in a seeded order."""
    seen: dict[str, None] = {}
    while len(seen) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 3, 4))))
        seen[word] = None
    return list(seen)


def _pick(rng: random.Random, mix) -> str:
    x = rng.random()
    acc = 0.0
    for value, share in mix:
        acc += share
        if x < acc:
            return value
    return mix[-1][0]


_KINDS = [(k, v[0]) for k, v in KIND_MIX.items()]


def iter_documents(n: int, seed: int = 1) -> Iterator[GeneratedDoc]:
    """``n`` documents, the same ones for the same seed."""
    world = World(n, seed)
    rng = world.rng
    used_ids: set[str] = set()
    for number in range(n):
        yield _document(world, rng, number, used_ids)


def _document(world: World, rng: random.Random, number: int, used_ids: set[str]) -> GeneratedDoc:
    index = bisect.bisect_left(world.writer_cum, rng.random() * world.writer_cum[-1])
    writer = world.writers[min(index, len(world.writers) - 1)]
    lang = writer.language
    authors = [writer.name]
    if rng.random() < 0.06:
        other = world.writers[rng.randrange(len(world.writers))].name
        if other != writer.name:
            authors.append(other)
    kind = _pick(rng, _KINDS)
    year = rng.randint(*writer.active)
    month = rng.randint(1, 12)
    periodicals = [p for p in world.periodicals[lang] if p.founded <= year <= p.closed] or world.periodicals[
        lang
    ]
    periodical = periodicals[rng.randrange(len(periodicals))]
    issue = f"Vol. {year - periodical.founded + 1} No. {month}"
    months = MONTHS[lang]
    date_text = f"{months[month - 1]} {year}"
    title = _title(world, rng, lang, kind)
    slug = "-".join(w.lower().strip("'’") for w in title.split()[:6])
    surname = writer.name.split()[-1].lower()
    doc_id = f"writers/{_ascii(surname)}/{year}/{month:02d}/{_ascii(slug)}"
    if doc_id in used_ids:
        doc_id = f"{doc_id}-{number}"
    used_ids.add(doc_id)
    median, sigma = KIND_MIX[kind][1], KIND_MIX[kind][2]
    length = max(40, int(rng.lognormvariate(math.log(median), sigma)))
    markdown, text, notes = _body(world.vocab[lang], rng, length)
    front: dict = {
        "id": doc_id,
        "title": title,
        "authors": authors,
        "date": f"{year}-{month:02d}",
        "date_text": date_text,
        "kind": kind,
        "language": lang,
        "source": {
            "periodical": periodical.title,
            "issue": issue,
            "date": f"{year}-{month:02d}",
            "date_text": date_text,
            "pages": f"{rng.randint(1, 20)}–{rng.randint(21, 40)}" if rng.random() < 0.5 else None,
        },
        "credits": [{"role": "markup", "name": rng.choice(VOLUNTEERS)}],
    }
    if kind == "review":
        book_author = world.writers[rng.randrange(len(world.writers))].name
        front["reviewed"] = [
            {
                "title": _title(world, rng, lang, "article"),
                "authors": [book_author],
                "publisher": rng.choice(PUBLISHERS),
                "year": str(year - rng.randint(0, 2)),
                "price": f"£{rng.randint(1, 30)}.{rng.choice(('00', '50', '95', '99'))}",
            }
        ]
    return GeneratedDoc(doc_id, front, markdown, text, notes)


def _ascii(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.replace("ø", "o")).encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in folded).strip("-") or "x"


def _title(world: World, rng: random.Random, lang: str, kind: str) -> str:
    words = [rng.choice(world.title_words[lang]) for _ in range(rng.randint(2, 6))]
    if kind == "letter":
        words = ["Letter", "on", *words[:3]] if lang == "en" else words
    return " ".join(w[:1].upper() + w[1:] if i == 0 or len(w) > 3 else w for i, w in enumerate(words))


def _body(vocab: Vocabulary, rng: random.Random, length: int) -> tuple[str, str, list[tuple[str, str]]]:
    """Paragraphs of sentences; some sentences carry a footnote, a few words are emphasised."""
    words = vocab.sample(rng, length)
    md_paras: list[str] = []
    text_paras: list[str] = []
    notes: list[tuple[str, str]] = []
    at = 0
    while at < len(words):
        md_sentences: list[str] = []
        text_sentences: list[str] = []
        for _ in range(rng.randint(2, 6)):
            if at >= len(words):
                break
            size = rng.randint(6, 28)
            chunk = words[at : at + size]
            at += size
            sentence = " ".join(chunk)
            sentence = sentence[:1].upper() + sentence[1:]
            end = "?" if rng.random() < 0.05 else "."
            plain = sentence + end
            marked = plain
            if rng.random() < 0.04 and len(chunk) > 3:
                target = chunk[2]
                marked = marked.replace(f" {target} ", f" *{target}* ", 1)
            if rng.random() < 0.05:
                label = str(len(notes) + 1)
                note = " ".join(vocab.sample(rng, rng.randint(6, 20)))
                notes.append((label, note[:1].upper() + note[1:] + "."))
                marked += f"[^{label}]"
                plain += f"[{label}]"  # as the importers keep a note's mark in the text
            md_sentences.append(marked)
            text_sentences.append(plain)
        md_paras.append(" ".join(md_sentences))
        text_paras.append(" ".join(text_sentences))
    markdown = "\n\n".join(md_paras) + "\n"
    if notes:
        markdown += "\n" + "\n".join(f"[^{label}]: {note}" for label, note in notes) + "\n"
    return markdown, "\n\n".join(text_paras), notes


def generate(n: int, out_dir: str | Path, seed: int = 1) -> list[Path]:
    """Write ``n`` documents as ``{id}.md`` under ``out_dir``; returns the paths in order."""
    out = Path(out_dir)
    paths = []
    for doc in iter_documents(n, seed):
        path = out / f"{doc.id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(doc.to_markdown(), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many documents")
    parser.add_argument("out_dir", help="where to write the .md files (created)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("n must be at least 1")
    paths = generate(args.n, args.out_dir, seed=args.seed)
    print(f"wrote {len(paths)} documents under {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
