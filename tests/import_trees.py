"""Small archive trees for import tests: pages written here, in the archive's conventions.

The pages follow the ETOL markup (``p.toplink``, ``h2`` author, ``h1`` title,
``h3`` date, ``p.info`` provenance between ``hr.infotop`` and ``hr.infobot``,
``p.updat``); their sentences are generated from a small word list, not copied.
"""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

from scriptorium.catalog import open_catalog

WRITERS = (
    ("Paul Foot", "foot-paul"),
    ("Tony Cliff", "cliff"),
    ("Duncan Hallas", "hallas"),
    ("Sheila McGregor", "mcgregor"),
)
PERIODICALS = ("Socialist Review", "International Socialism", "Labour Worker")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_PROSE = (
    "the strike committee met again on the Thursday and voted to stay out until the "
    "employers withdrew the new rota while the union officials argued for a ballot that "
    "nobody on the shop floor wanted because the last one had been counted behind closed "
    "doors and the result announced before the night shift had voted at all"
)
_WORDS = tuple(_PROSE.split())


def sentence(rng: random.Random, words: int = 14) -> str:
    chosen = [rng.choice(_WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def etol_page(
    *,
    author: str,
    title: str,
    year: int,
    month: int,
    periodical: str,
    number: int,
    paragraphs: list[str],
    marked_up_by: str = "Einde O’ Callaghan",
) -> bytes:
    """One document page in ETOL markup, encoded as such pages usually are (ISO-8859-1 label)."""
    date = f"{MONTHS[month - 1]} {year}"
    body = "\n".join(f'<p class="fst">{p}</p>' if i == 0 else f"<p>{p}</p>" for i, p in enumerate(paragraphs))
    html = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>{author}: {title} ({date})</title>
<link rel="stylesheet" type="text/css" href="../../../../css/doc.css">
</head>
<body>
<p class="toplink"><a href="../../index.htm">{author} Archive</a> &nbsp;|&nbsp;
<a href="../../../../index.htm">ETOL Main Page</a></p>
<h2>{author}</h2>
<h1>{title}</h1>
<h3>({date})</h3>
<hr class="infotop">
<p class="info">From <strong>{periodical}</strong>, No. {number}, {date}, p.&nbsp;{number % 30 + 1}.<br>
Transcribed &amp; marked up by {marked_up_by} for the
<strong>Encyclopaedia of Trotskyism On-Line (ETOL)</strong>.</p>
<hr class="infobot">
{body}
<hr>
<p class="linkback"><a href="../../index.htm">{author} Archive</a> &nbsp;|&nbsp;
<a href="../../../../index.htm">ETOL Main Page</a></p>
<p class="updat">Last updated on {(number % 27) + 1} {MONTHS[number % 12]} 2011</p>
</body>
</html>
"""
    return html.encode("cp1252")


def write_tree(root: Path, count: int, *, seed: int = 1976, name: str = "page") -> list[Path]:
    """``count`` document pages ``root/archive/{writer}/{yyyy}/{mm}/{name}NNNNN.htm``; returns their paths."""
    rng = random.Random(seed)
    files = []
    for n in range(count):
        author, slug = WRITERS[n % len(WRITERS)]
        year, month = 1960 + n % 30, 1 + (n // 7) % 12
        folder = root / "archive" / slug / str(year) / f"{month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}{n:05d}.htm"
        path.write_bytes(
            etol_page(
                author=author,
                title=f"{sentence(rng, 4)[:-1]} ({n})",
                year=year,
                month=month,
                periodical=PERIODICALS[n % len(PERIODICALS)],
                number=100 + n,
                paragraphs=[sentence(rng) for _ in range(3 + n % 4)],
            )
        )
        files.append(path)
    return files


def write_bad_pages(folder: Path) -> dict[str, Path]:
    """Malformed inputs, each of which an importer must refuse with a one-line reason."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = {
        "empty": folder / "empty.htm",
        "binary": folder / "binary.html",
        "bad_utf8_markdown": folder / "bad-utf8.md",
        "broken_front_matter": folder / "broken-front-matter.md",
    }
    pages["empty"].write_bytes(b"")
    pages["binary"].write_bytes(bytes(range(256)) * 8)
    pages["bad_utf8_markdown"].write_bytes(
        b'---\ntitle: "A note on the rota"\nauthors: ["Tony Cliff"]\n---\n\nThe \xff\xfe committee met.\n'
    )
    pages["broken_front_matter"].write_bytes(
        b'---\ntitle: "Unclosed\nauthors: [Tony Cliff\n---\n\nThe committee met on Thursday.\n'
    )
    return pages


# -- catalogs for import tests -------------------------------------------------------------

PG_ENV = "SCRIPTORIUM_TEST_POSTGRES"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@contextmanager
def fresh_catalog_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A URL where no catalog exists yet: a SQLite file, or a PostgreSQL schema of its own."""
    if backend == "sqlite":
        yield str(tmp_path / "catalog.sqlite")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: start a server with scripts/pg-test-server.sh start")
    import psycopg

    schema = f"test_import_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}', safe='')}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def snapshot(url: str) -> dict:
    """What a catalog holds, minus timestamps: records, hashes, revisions and counts."""
    catalog = open_catalog(url)
    try:
        hashes = catalog.content_hashes()
        return {
            "records": {r.id: r.to_dict() for r in catalog.iter_records()},
            "hashes": hashes,
            "revisions": {
                rid: [(r.number, r.content_hash, r.origin) for r in catalog.revisions(rid)] for rid in hashes
            },
            "stats": catalog.stats().to_dict(),
        }
    finally:
        catalog.close()


def write_other_formats(root: Path) -> dict[str, Path]:
    """One plain-text rendering and one page in the Markdown authoring form."""
    text = root / "archive" / "hallas" / "1971" / "03" / "rota.txt"
    text.parent.mkdir(parents=True, exist_ok=True)
    text.write_text(
        "Duncan Hallas Archive | ETOL Main Page\n\n"
        "Duncan Hallas\n\nThe rota and the ballot\n\n(March 1971)\n\n"
        "From Socialist Worker, No. 215, 13 March 1971, p. 4.\n"
        "Transcribed & marked up by Einde O’ Callaghan for ETOL.\n\n"
        f"{sentence(random.Random(3), 20)}\n\n{sentence(random.Random(4), 18)}\n\n"
        "Last updated on 4 April 2011\n",
        encoding="utf-8",
    )
    markdown = root / "writers" / "mcgregor" / "1984" / "06" / "pits.md"
    markdown.parent.mkdir(parents=True, exist_ok=True)
    markdown.write_text(
        "---\n"
        'title: "The pit villages in June"\n'
        'authors: ["Sheila McGregor"]\n'
        'date: "1984-06"\n'
        "kind: article\n"
        'source: {periodical: "Socialist Review", issue: "No. 66", date: "1984-06"}\n'
        "---\n\n"
        f"{sentence(random.Random(5), 20)} [^1]\n\n{sentence(random.Random(6), 16)}\n\n"
        "[^1]: A note written for this test.\n",
        encoding="utf-8",
    )
    return {"text": text, "markdown": markdown}
