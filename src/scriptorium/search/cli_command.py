"""The ``search``, ``index`` and ``related`` commands, as Click commands for the main CLI to register::

    from scriptorium.search.cli_command import index_command, related_command, search_command
    cli.add_command(search_command)    # scriptorium search QUERY [--author ... --json]
    cli.add_command(index_command)     # scriptorium index [--rebuild]
    cli.add_command(related_command)   # scriptorium related ID

Each calls one library function. The index is ``--index DIR``, else
``$SCRIPTORIUM_INDEX_DIR``, else beside a SQLite catalog file
(``scriptorium.sqlite.index/``). ``search`` first applies the catalog's new
changes to the index (``--no-update`` skips that, e.g. on a read-only node).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from scriptorium import config
from scriptorium.errors import ScriptoriumError
from scriptorium.search.engine import SORTS, Hit, SearchResults, related, search
from scriptorium.search.index import INDEX_DIR_ENV, SearchIndex, SearchIndexError, default_index_path
from scriptorium.search.index import rebuild as rebuild_index
from scriptorium.search.index import update as update_index

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def _run(action: Callable[[], None]) -> None:
    """Library errors as one line and the error's exit code, as every command of the CLI does."""
    try:
        action()
    except ScriptoriumError as exc:
        click.echo(f"scriptorium: {exc.one_line()}", err=True)
        raise SystemExit(exc.exit_code) from None


def _catalog_option(func: Callable[..., Any]) -> Callable[..., Any]:
    s = config.setting("catalog")
    return click.option(
        s.flag,
        "catalog",
        default=None,
        metavar=s.metavar,
        help=f"{s.help} [env: {s.env}; default: {s.default}]",
    )(func)


def _index_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--index",
        "index_dir",
        default=None,
        metavar="DIR",
        help=f"Search index directory [env: {INDEX_DIR_ENV}; default: beside a SQLite catalog, FILE.index]",
    )(func)


def _index_path(index_dir: str | None, catalog_url: str) -> Path:
    return Path(index_dir) if index_dir else default_index_path(catalog_url)


@contextmanager
def _open_catalog(url: str) -> Iterator[Any]:
    from scriptorium.catalog import open_catalog

    catalog = open_catalog(url, create=False)
    try:
        yield catalog
    finally:
        catalog.close()


@click.command("search")
@click.argument("query", required=False, default="")
@click.option("--author", help="Only works by this writer (exact name, or words of it).")
@click.option("--periodical", help="Only works from this periodical.")
@click.option("--kind", help="Only this kind: article, review, letter, ...")
@click.option(
    "--year", metavar="A..B", help="Only works dated in this year or range (1938, 1936..1940, 1930s)."
)
@click.option("--decade", type=int, metavar="YYYY", help="Only works of this decade (1930).")
@click.option("--lang", metavar="CODE", help="Only works in this language (en, fr, de, ...).")
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("--limit", type=int, default=10, show_default=True, help="Hits per page.")
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print hits, total and facets as one JSON object.")
@click.option(
    "--no-update", is_flag=True, help="Search the index as it is, without applying catalog changes."
)
@_catalog_option
@_index_option
def search_command(
    query: str,
    author: str | None,
    periodical: str | None,
    kind: str | None,
    year: str | None,
    decade: int | None,
    lang: str | None,
    sort: str,
    limit: int,
    page: int,
    as_json: bool,
    no_update: bool,
    catalog: str | None,
    index_dir: str | None,
) -> None:
    """Search the archive: words, "phrases", AND/OR/NOT, revol*, title: author: kind: year:A..B lang:."""

    def action() -> None:
        url = config.get("catalog", catalog)
        index = _fresh_index(_index_path(index_dir, url), url, update=not no_update)
        results = search(
            index,
            query,
            author=author,
            periodical=periodical,
            kind=kind,
            year=year,
            decade=decade,
            lang=lang,
            sort=sort,
            limit=limit,
            page=page,
        )
        if as_json:
            click.echo(json.dumps(results.to_dict(), indent=2, ensure_ascii=False))
        else:
            _print_results(results)

    _run(action)


def _fresh_index(path: Path, url: str, *, update: bool) -> SearchIndex:
    index = SearchIndex.open(path)
    if update:
        try:
            with _open_catalog(url) as catalog:
                index.catch_up(catalog)
        except SearchIndexError as exc:  # another process is updating it: search what is there
            click.echo(f"scriptorium: note: {exc.one_line()}", err=True)
    return index


@click.command("index")
@click.option("--rebuild", is_flag=True, help="Build the index from scratch instead of applying new changes.")
@click.option("--json", "as_json", is_flag=True, help="Print what was done as a JSON object.")
@_catalog_option
@_index_option
def index_command(rebuild: bool, as_json: bool, catalog: str | None, index_dir: str | None) -> None:
    """Bring the search index up to date with the catalog (built if missing; --rebuild from scratch)."""

    def action() -> None:
        url = config.get("catalog", catalog)
        path = _index_path(index_dir, url)
        with _open_catalog(url) as cat:
            index, report = (rebuild_index if rebuild else update_index)(path, cat)
        summary = {**report.to_dict(), "documents": len(index), "index": str(path)}
        if as_json:
            click.echo(json.dumps(summary, indent=2))
        else:
            click.echo(
                f"indexed {report.indexed}, removed {report.removed}; "
                f"{summary['documents']} documents in {path} (catalog change {report.seq})"
            )

    _run(action)


@click.command("related")
@click.argument("record_id", metavar="ID")
@click.option("--limit", type=int, default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@_catalog_option
@_index_option
def related_command(
    record_id: str, limit: int, as_json: bool, catalog: str | None, index_dir: str | None
) -> None:
    """Works most like the given one (shared rare words, writer, periodical)."""

    def action() -> None:
        url = config.get("catalog", catalog)
        hits = related(SearchIndex.open(_index_path(index_dir, url)), record_id, limit=limit)
        if as_json:
            click.echo(json.dumps([hit.to_dict() for hit in hits], indent=2, ensure_ascii=False))
            return
        for number, hit in enumerate(hits, start=1):
            _print_hit(number, hit, with_snippet=False)

    _run(action)


def _print_results(results: SearchResults) -> None:
    if not results.total:
        click.echo("no documents match")
        return
    shown = f"{results.total} document{'s' if results.total != 1 else ''}"
    click.echo(f"{shown}, page {results.page} of {results.pages}, by {results.sort}")
    first = (results.page - 1) * results.limit
    for number, hit in enumerate(results.hits, start=first + 1):
        click.echo()
        _print_hit(number, hit, with_snippet=True)
    click.echo()
    for name, pairs in results.facets.items():
        if pairs:
            values = ", ".join(f"{_facet_label(name, value)} ({count})" for value, count in pairs[:8])
            click.echo(f"{name}: {values}")


def _print_hit(number: int, hit: Hit, *, with_snippet: bool) -> None:
    byline = ", ".join(hit.authors) or "unsigned"
    where = "; ".join(part for part in (hit.periodical, hit.issue) if part)
    tail = f" [{hit.kind}{'; ' + where if where else ''}]"
    click.echo(f"{number:>3}. {hit.title} — {byline}{', ' + hit.date if hit.date else ''}{tail}")
    click.echo(f"     {hit.id}")
    if with_snippet and hit.snippet:
        click.echo("     " + _terminal(hit.snippet))


def _terminal(snippet_html: str) -> str:
    """A snippet for the terminal: marked words in bold (plain where colour is off)."""
    parts = _MARK.split(snippet_html)  # text, marked, text, marked, ..., text
    return "".join(
        click.style(html.unescape(part), bold=True) if i % 2 else html.unescape(part)
        for i, part in enumerate(parts)
    )


def _facet_label(name: str, value: Any) -> str:
    return f"{value}s" if name == "decade" else str(value)
