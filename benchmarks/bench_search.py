"""Search latency, index build time and size on a synthetic archive (``corpus_gen``).

One run: generate N records (written once to a JSON-lines file that stands in
for the catalog, so both engines are built by reading the same records), build
our index with ``scriptorium.search.rebuild`` and a SQLite FTS5 table (porter
stemming, diacritics removed) over the same titles, authors and texts, then run
a fixed set of queries (rare, mid-frequency and common words, two-word
conjunctions, disjunctions, phrases, prefixes, fielded queries) against:

- ours: ``search()`` top 10 with facet counts (5 facets over all matches) and snippets;
- ours, hits only: ``search(facets=False, snippets=False)``;
- bare tantivy: the same index, tantivy's own query parser, ``searcher.search(q, 10)``
  (and the same again loading the 10 stored documents, for scale);
- bare tantivy + facet counts: the bare query, then tantivy's aggregation of the same five
  facets over every match (the request ``search()`` sends), its result left unread: the least
  a top 10 with facet counts costs through tantivy's Python bindings;
- FTS5: ``... WHERE docs MATCH ? ORDER BY bm25(docs, 3, 2, 1) LIMIT 10``.

Targets: ours p95 ≤ 10 ms; ours ≤ 3× bare tantivy; ours ≥ 20× faster than FTS5.

    .venv/bin/python benchmarks/bench_search.py --n 10000
    .venv/bin/python benchmarks/bench_search.py --n 100000 --write
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import corpus_gen  # noqa: E402
import harness  # noqa: E402

from scriptorium.model import Record  # noqa: E402
from scriptorium.search import SearchIndex, rebuild, search  # noqa: E402
from scriptorium.search.facets import aggregation  # noqa: E402

LANGS = ("en", "fr", "de")
BOOSTS = {"title": 3.0, "author": 2.0}


# -- the stand-in catalog -----------------------------------------------------------------
class JsonlCatalog:
    """What ``rebuild`` reads from a catalog, served from a JSON-lines file of records."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.url = f"jsonl:{path}"

    def iter_records(self) -> Iterator[Record]:
        with self.path.open(encoding="utf-8") as fh:
            for line in fh:
                yield Record.from_json(line)

    def content_hashes(self) -> dict[str, str]:
        return {}

    def changes_since(self, seq: int, limit: int = 1000) -> list:
        return []


def write_records(n: int, seed: int, path: Path) -> float:
    """Generate the corpus once; returns seconds."""
    start = time.perf_counter()
    with path.open("w", encoding="utf-8") as fh:
        for doc in corpus_gen.iter_documents(n, seed):
            fh.write(doc.to_record().to_json() + "\n")
    return time.perf_counter() - start


def corpus_stats(path: Path, seed: int) -> tuple[int, list[str]]:
    """Words in all texts, and a sample of bigrams from the English texts (for phrase queries)."""
    rng = random.Random(seed + 7)
    bigrams: list[str] = []
    words_total = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            data = json.loads(line)
            text = data.get("text") or ""
            words_total += len(text.split())
            if data.get("language") == "en" and rng.random() < 0.02:
                words = text.replace(".", "").replace("?", "").split()
                if len(words) > 3:
                    i = rng.randrange(len(words) - 1)
                    bigrams.append(f"{words[i]} {words[i + 1]}".lower())
    return words_total, bigrams


# -- the queries --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BenchQuery:
    kind: str
    ours: str
    tantivy: str
    fts: str


def _fields(name: str) -> list[str]:
    if name == "author":
        return ["author"]
    return [f"{name}_{lang}" for lang in LANGS]


def _tq_word(word: str, fields: list[str], prefix: bool = False) -> str:
    if prefix:
        return "(" + " OR ".join(f"{f}:/{word}.*/" for f in fields) + ")"
    return "(" + " OR ".join(f"{f}:{word}" for f in fields) + ")"


def build_queries(n: int, seed: int, bigrams: list[str], count: int = 300) -> list[BenchQuery]:
    """A fixed mix of queries drawn from the corpus's own vocabulary (same seed, same queries)."""
    world = corpus_gen.World(n, seed)
    words = world.vocab["en"].words
    rng = random.Random(seed + 11)
    single = lambda w: BenchQuery("", w, w, w)  # noqa: E731
    default = _fields("title") + _fields("body") + ["author"]
    plain = [w for w in words if " " not in w and "'" not in w]
    common = [w for w in plain[15:300] if len(w) > 2]
    mid = plain[300:3000]
    rare = plain[3000:]
    out: list[BenchQuery] = []

    def add(kind: str, q: BenchQuery) -> None:
        out.append(BenchQuery(kind, q.ours, q.tantivy, q.fts))

    for w in rng.sample(rare, 80):
        add("rare word", single(w))
    for w in rng.sample(mid, 50):
        add("mid word", single(w))
    for w in rng.sample(common, 30):
        add("common word", single(w))
    for _ in range(40):
        a, b = rng.choice(common + mid), rng.choice(mid + rare)
        add("two words", BenchQuery("", f"{a} {b}", f"{a} {b}", f"{a} {b}"))
    for _ in range(15):
        a, b = rng.choice(mid), rng.choice(rare)
        add("a OR b", BenchQuery("", f"{a} OR {b}", f"{a} OR {b}", f"{a} OR {b}"))
    phrases = list(corpus_gen.COLLOCATIONS) + rng.sample(bigrams, min(len(bigrams), 25))
    for p in phrases[:40]:
        quoted = '"' + p.replace("'", " ") + '"'
        fts_phrase = '"' + p.replace("'", " ").replace('"', "") + '"'
        add("phrase", BenchQuery("", quoted, quoted, fts_phrase))
    for w in rng.sample([w for w in mid if len(w) >= 6], 15):
        stem = w[:4]
        add("prefix", BenchQuery("", f"{stem}*", _tq_word(stem, default, prefix=True), f"{stem}*"))
    for w in rng.sample(corpus_gen.DOMAIN_WORDS["en"], 15):
        add("title:", BenchQuery("", f"title:{w}", _tq_word(w, _fields("title")), f"title:{w}"))
    for name in rng.sample(sorted({wr.name.split()[-1] for wr in world.writers if wr.name.isascii()}), 15):
        add("author:", BenchQuery("", f"author:{name}", f"author:{name.lower()}", f"authors:{name}"))
    return out[:count]


# -- building -----------------------------------------------------------------------------
def build_fts(records_path: Path, db_path: Path) -> float:
    start = time.perf_counter()
    db = sqlite3.connect(db_path)
    tokenizer = "porter unicode61 remove_diacritics 2"
    db.execute(f"CREATE VIRTUAL TABLE docs USING fts5(title, authors, body, tokenize='{tokenizer}')")
    rows = []
    for record in JsonlCatalog(records_path).iter_records():
        body = "\n\n".join([record.text, *(n.text for n in record.notes)])
        rows.append((record.title, "; ".join(record.authors), body))
        if len(rows) >= 2000:
            db.executemany("INSERT INTO docs(title, authors, body) VALUES (?, ?, ?)", rows)
            rows.clear()
    db.executemany("INSERT INTO docs(title, authors, body) VALUES (?, ?, ?)", rows)
    db.commit()
    db.close()
    return time.perf_counter() - start


def dir_size(path: Path) -> int:
    return (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        if path.is_dir()
        else path.stat().st_size
    )


# -- measuring ----------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def run_queries(
    index: SearchIndex, fts_path: Path, queries: list[BenchQuery], rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]], dict[str, dict[str, list[float]]], dict[str, int]]:
    tindex = index.tantivy_index
    fields = _fields("title") + _fields("body") + ["author"]
    boosts = {f: BOOSTS["title"] for f in _fields("title")} | {"author": BOOSTS["author"]}
    db = sqlite3.connect(fts_path)
    fts_sql = (
        "SELECT rowid, title, bm25(docs, 3.0, 2.0, 1.0) AS s FROM docs WHERE docs MATCH ? ORDER BY s LIMIT 10"
    )

    def ours(q: BenchQuery) -> int:
        return search(index, q.ours, limit=10).total

    def ours_hits(q: BenchQuery) -> int:
        return len(search(index, q.ours, limit=10, facets=False, snippets=False).hits)

    def parsed(q: BenchQuery):
        return tindex.parse_query(
            q.tantivy, default_field_names=fields, field_boosts=boosts, conjunction_by_default=True,
            allow_regexes=True,
        )  # fmt: skip

    def bare(q: BenchQuery) -> int:
        return len(tindex.searcher().search(parsed(q), 10).hits)

    def bare_docs(q: BenchQuery) -> int:
        searcher = tindex.searcher()
        hits = searcher.search(parsed(q), 10).hits
        for _, addr in hits:
            searcher.doc(addr)
        return len(hits)

    facet_request = aggregation(10)

    def bare_facets(q: BenchQuery) -> int:
        searcher = tindex.searcher()
        query = parsed(q)
        searcher.aggregate(query, facet_request)
        return len(searcher.search(query, 10).hits)

    def fts(q: BenchQuery) -> int:
        return len(db.execute(fts_sql, (q.fts,)).fetchall())

    engines = {
        "ours": ours,
        "ours, hits only": ours_hits,
        "bare tantivy": bare,
        "bare tantivy + 10 docs": bare_docs,
        "bare tantivy + facet counts": bare_facets,
        "FTS5": fts,
    }
    totals = {q.ours: ours(q) for q in queries}  # warm-up (and the match counts)
    for q in queries:
        for fn in list(engines.values())[1:]:
            fn(q)
    samples: dict[str, list[float]] = {name: [] for name in engines}
    cpu: dict[str, list[float]] = {name: [] for name in engines}
    by_kind: dict[str, dict[str, list[float]]] = {}
    for r in range(rounds):
        order = list(engines.items())
        order = order[r % len(order) :] + order[: r % len(order)]  # rotate who goes first
        for q in queries:
            for name, fn in order:
                start, start_cpu = time.perf_counter(), time.thread_time()
                fn(q)
                elapsed = time.perf_counter() - start
                cpu[name].append(time.thread_time() - start_cpu)
                samples[name].append(elapsed)
                by_kind.setdefault(q.kind, {}).setdefault(name, []).append(elapsed)
    db.close()
    return samples, cpu, by_kind, totals


# -- reporting ----------------------------------------------------------------------------
def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def report(args, n: int, timings: dict, sizes: dict, samples, cpu, by_kind, totals, queries) -> str:
    stats = {
        name: (percentile(v, 0.5), percentile(v, 0.95), statistics.fmean(v)) for name, v in samples.items()
    }
    ours50, ours95, ours_mean = stats["ours"]
    bare50, bare95, bare_mean = stats["bare tantivy"]
    fts50, fts95, fts_mean = stats["FTS5"]
    floor50, floor95, floor_mean = stats["bare tantivy + facet counts"]
    lines = [
        "## Search",
        "",
        f"Preliminary: {harness.cpu_model()}, {harness.usable_cores()} usable cores shared with other work "
        "(numbers move by tens of percent between runs).",
        "",
        f"Command: `{harness.command_line()}`",
        "",
        *[f"- {line}" for line in harness.machine_lines(["tantivy"])],
        f"- corpus: {n:,} generated documents (seed {args.seed}), {timings['words'] / n:,.0f} words each"
        f" on average; {len(queries)} queries x {args.rounds} rounds after a warm-up round;"
        f" peak RSS {sizes['rss']:.0f} MiB",
        "",
        f"Load average (1, 5, 15 min) when the queries started: {timings['load_before']};"
        f" when they ended: {timings['load_after']}. Wall-clock times are the targets' measure;"
        " the CPU time of the benchmark's thread is shown beside them because a query preempted by"
        " other work on the shared cores takes longer by the wall clock only.",
        "",
        harness.table(
            ["engine", "p50 ms", "p95 ms", "mean ms", "CPU p50 ms", "CPU p95 ms"],
            [
                (
                    name,
                    ms(s[0]),
                    ms(s[1]),
                    ms(s[2]),
                    ms(percentile(cpu[name], 0.5)),
                    ms(percentile(cpu[name], 0.95)),
                )
                for name, s in stats.items()
            ],
        ),
        "",
        "`ours` = top 10 by BM25 (title x3, author x2) + total + 5 facet counts over all matches +"
        " highlighted snippets; `bare tantivy` = tantivy's query parser over the same fields (same"
        " boosts) and `searcher.search(q, 10)` (top 10 and the count, no stored fields read);"
        " `+ 10 docs` also loads the 10 stored documents; `+ facet counts` also runs tantivy's"
        " aggregation of the five facets over every match (the request `search()` sends);"
        " FTS5 = `bm25()` top 10 with the title,"
        " porter stemmer, no count or facets. The targets compare `ours` with `bare tantivy` and `FTS5`.",
        "",
        harness.table(
            ["target", "measured", "met"],
            [
                ("ours p95 ≤ 10 ms", f"{ms(ours95)} ms", "yes" if ours95 <= 0.010 else "no"),
                (
                    "ours ≤ 3× bare tantivy (p50 / p95 / mean)",
                    f"{ours50 / bare50:.1f}× / {ours95 / bare95:.1f}× / {ours_mean / bare_mean:.1f}×",
                    "yes" if ours95 / bare95 <= 3 and ours50 / bare50 <= 3 else "no",
                ),
                (
                    "ours ≥ 20× faster than FTS5 (p50 / p95 / mean)",
                    f"{fts50 / ours50:.0f}× / {fts95 / ours95:.0f}× / {fts_mean / ours_mean:.0f}×",
                    "yes" if fts95 / ours95 >= 20 and fts50 / ours50 >= 20 else "no",
                ),
            ],
        ),
        "",
        "What the engine allows, from the same run: `ours` does everything `bare tantivy` does and"
        " more, so it can be no faster than it.",
        "",
        harness.table(
            ["bound", "p50", "p95", "mean"],
            [
                (
                    "bare tantivy, times faster than FTS5",
                    f"{fts50 / bare50:.1f}×",
                    f"{fts95 / bare95:.1f}×",
                    f"{fts_mean / bare_mean:.1f}×",
                ),
                (
                    "bare tantivy + facet counts, times bare tantivy",
                    f"{floor50 / bare50:.1f}×",
                    f"{floor95 / bare95:.1f}×",
                    f"{floor_mean / bare_mean:.1f}×",
                ),
            ],
        ),
        "",
        "By kind of query (p50 / p95 ms; matches = median documents matched):",
        "",
        harness.table(
            ["queries", "n", "matches", *samples.keys()],
            [
                (
                    kind,
                    sum(1 for q in queries if q.kind == kind),
                    int(statistics.median(totals[q.ours] for q in queries if q.kind == kind)),
                    *(
                        f"{ms(percentile(engines[name], 0.5))} / {ms(percentile(engines[name], 0.95))}"
                        for name in samples
                    ),
                )
                for kind, engines in by_kind.items()
            ],
        ),
        "",
        harness.table(
            ["build", "seconds", "size MiB"],
            [
                ("generate corpus (records to JSON lines)", f"{timings['generate']:.1f}", "-"),
                (
                    "our index: `rebuild()` from the records",
                    f"{timings['index']:.1f}",
                    f"{sizes['index'] / 2**20:.0f}",
                ),
                ("FTS5 table from the same records", f"{timings['fts']:.1f}", f"{sizes['fts'] / 2**20:.0f}"),
                ("the records as JSON lines (for scale)", "-", f"{sizes['records'] / 2**20:.0f}"),
            ],
        ),
    ]
    if args.note:
        lines += ["", f"Note: {args.note}"]
    return "\n".join(lines) + "\n"


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Search benchmark on a generated archive.")
    parser.add_argument("--n", type=int, default=100_000, help="documents (default 100,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds over the query set")
    parser.add_argument("--work", type=Path, default=harness.REPO_ROOT / "var" / "bench-search")
    parser.add_argument("--write", action="store_true", help="replace the Search section of RESULTS.md")
    parser.add_argument("--results", type=Path, default=harness.RESULTS)
    parser.add_argument("--keep", action="store_true", help="keep the generated files and indexes")
    parser.add_argument(
        "--reuse", action="store_true", help="query the corpus and indexes a --keep run left in --work (kept)"
    )
    parser.add_argument("--note", help="a line to add to the section")
    args = parser.parse_args(argv)

    work = args.work
    records_path, index_path, fts_path = work / "records.jsonl", work / "index", work / "fts.sqlite"
    built = work / "build.json"
    if args.reuse and built.is_file():
        print(f"reusing the corpus and indexes in {work} ...", file=sys.stderr)
        timings = json.loads(built.read_text())
        index = SearchIndex.open(index_path)
    else:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        print(f"generating {args.n:,} documents ...", file=sys.stderr)
        gen_seconds = write_records(args.n, args.seed, records_path)
        print(f"building our index ({gen_seconds:.0f}s to generate) ...", file=sys.stderr)
        start = time.perf_counter()
        index, _ = rebuild(index_path, JsonlCatalog(records_path))
        index_seconds = time.perf_counter() - start
        print(f"building FTS5 ({index_seconds:.0f}s for ours) ...", file=sys.stderr)
        fts_seconds = build_fts(records_path, fts_path)
        timings = {"generate": gen_seconds, "index": index_seconds, "fts": fts_seconds}
        timings |= {"n": args.n, "seed": args.seed}
        built.write_text(json.dumps(timings))
    if (timings.get("n"), timings.get("seed")) != (args.n, args.seed):
        raise SystemExit(f"{work} holds another corpus than --n {args.n} --seed {args.seed}: drop --reuse")
    words, bigrams = corpus_stats(records_path, args.seed)
    queries = build_queries(args.n, args.seed, bigrams, args.queries)
    print(f"running {len(queries)} queries x {args.rounds} rounds ...", file=sys.stderr)
    load_before = _load()
    samples, cpu, by_kind, totals = run_queries(index, fts_path, queries, args.rounds)
    timings = timings | {"words": words, "load_before": load_before, "load_after": _load()}
    sizes = {
        "index": dir_size(index_path),
        "fts": dir_size(fts_path),
        "records": dir_size(records_path),
        "rss": harness.peak_rss_mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
    }
    body = report(args, args.n, timings, sizes, samples, cpu, by_kind, totals, queries)
    print(body)
    if args.write:
        harness.write_section("search", body, args.results)
    if not (args.keep or args.reuse):
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
