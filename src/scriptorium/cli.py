"""The command line: thin, each command calls one library function.

A ``ScriptoriumError`` becomes one line on stderr, ``scriptorium: <path>: <problem>``,
and the error's exit code (2 for bad input); a user's mistake never shows a traceback.
Options that are settings (``--catalog``, ``--jobs``, ``--max-page-bytes``) come
from the settings registry in ``scriptorium.config``, with their env vars.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

import scriptorium
from scriptorium import config
from scriptorium.errors import ScriptoriumError, StrictModeError
from scriptorium.importers import FORMATS
from scriptorium.model import PAGE_TYPES

INTERRUPTED_EXIT = 130


def _fail(message: str, code: int) -> None:
    click.echo(f"scriptorium: {message}", err=True)
    raise SystemExit(code)


class _Group(click.Group):
    """Turns library errors into one line and an exit code, for every command.

    Commands registered with ``add_lazy_command`` are imported only when run (or
    asked for by name): ``scriptorium import`` and ``scriptorium --help`` do not
    load the publishing and search code. ``--help`` lists them with the summary
    given at registration.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, tuple[str, str, str]] = {}

    def add_lazy_command(self, name: str, target: str, short_help: str) -> None:
        """Register ``module:attribute`` as command ``name``, imported when it is first needed."""
        module, _, attribute = target.partition(":")
        self.lazy_commands[name] = (module, attribute, short_help)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy_commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in self.lazy_commands:
            module, attribute, _ = self.lazy_commands[cmd_name]
            command = getattr(importlib.import_module(module), attribute)
            self.add_command(command, cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None and name in self.lazy_commands:
                command = click.Command(name, help=self.lazy_commands[name][2])
            if command is not None and not command.hidden:
                rows.append((name, command))
        if rows:
            width = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commands"):
                formatter.write_dl([(name, command.get_short_help_str(width)) for name, command in rows])

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ScriptoriumError as exc:
            _fail(exc.one_line(), exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted; nothing from this run was written", INTERRUPTED_EXIT)


def setting_option(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A Click option generated from the settings registry (flag, help, env var, default)."""
    s = config.setting(name)
    shown = s.shown_default or s.default_value()
    return click.option(
        s.flag,
        name,
        default=None,
        metavar=s.metavar,
        help=f"{s.help} [env: {s.env}; default: {shown}]",
    )


def _json_out(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


@contextmanager
def _catalog(url: str | None) -> Iterator[Any]:
    """An existing catalog, for reading: a mistyped path must not create an empty one."""
    from scriptorium.catalog import open_catalog

    catalog = open_catalog(config.get("catalog", url), create=False)
    try:
        yield catalog
    finally:
        catalog.close()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(scriptorium.__version__, prog_name="scriptorium")
def cli() -> None:
    """Scriptorium: import legacy archive pages, catalog them, publish them."""


# -- parse ---------------------------------------------------------------------------------


@cli.command("parse")
@click.argument("file")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="Importer to use; auto picks by extension, then by content.",
)
@click.option("--site-path", metavar="PATH", help="The page's path in the archive (gives its id).")
@setting_option("max_page_bytes")
def parse_command(file: str, fmt: str, site_path: str | None, max_page_bytes: str | None) -> None:
    """Print FILE's record as JSON; touches no catalog."""
    from scriptorium.pipeline import parse_file

    record = parse_file(file, format=fmt, site_path=site_path, max_bytes=max_page_bytes)
    _json_out(record.to_dict())


# -- import --------------------------------------------------------------------------------


class _RichProgress:
    """A progress bar on stderr, started on the first report (after the worker pool exists)."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("importing"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("import", total=total)
        self._bar.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@setting_option("catalog")
@setting_option("jobs")
@setting_option("max_page_bytes")
@click.option(
    "--strict", is_flag=True, help="Fail (exit 2, writing nothing) if any page is skipped or has warnings."
)
@click.option(
    "--rehash",
    is_flag=True,
    help="Read and hash every page, even those whose size, times and inode match the last import's.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as a JSON object.")
def import_command(
    paths: tuple[str, ...],
    catalog: str | None,
    jobs: str | None,
    max_page_bytes: str | None,
    strict: bool,
    rehash: bool,
    as_json: bool,
) -> None:
    """Import pages, and trees of pages, into the catalog in one transaction."""
    from scriptorium.pipeline import import_paths

    bar = _RichProgress() if sys.stderr.isatty() else None
    try:
        summary = import_paths(
            paths,
            catalog,
            jobs=config.get("jobs", jobs),
            strict=strict,
            progress=bar,
            max_page_bytes=config.get("max_page_bytes", max_page_bytes),
            rehash=rehash,
        )
    finally:
        if bar is not None:
            bar.close()
    if as_json:
        _json_out(summary.to_dict())
    else:
        click.echo(summary.describe())
        for path, reason in summary.skipped:
            click.echo(f"  skipped {path}: {reason}")
        if summary.failed:
            for path, warnings in summary.warned:
                for warning in warnings:
                    click.echo(f"  warning {path}: {warning}")
    if summary.failed:
        raise StrictModeError(
            f"strict mode: {len(summary.skipped)} skipped, {summary.warnings} warnings; nothing was written"
        )


# -- reading the catalog -------------------------------------------------------------------


def _date_text(record_date: Any) -> str:
    return f"{record_date.text} ({record_date.edtf})" if record_date else ""


@cli.command("show")
@click.argument("record_id", metavar="ID")
@setting_option("catalog")
@click.option("--json", "as_json", is_flag=True, help="Print the record (and revision count) as JSON.")
def show_command(record_id: str, catalog: str | None, as_json: bool) -> None:
    """Show one record of the catalog and how many revisions it has."""
    with _catalog(catalog) as cat:
        record = cat.get(record_id)
        revisions = len(cat.revisions(record_id))
    if as_json:
        _json_out({**record.to_dict(), "revisions": revisions})
        return
    rows = [
        ("id", record.id),
        ("title", record.title),
        ("subtitle", record.subtitle or ""),
        ("authors", "; ".join(record.authors)),
        ("date", _date_text(record.date)),
        ("type", f"{record.page_type}, {record.kind}"),
        ("source", record.source.statement if record.source else ""),
        ("revisions", str(revisions)),
        ("warnings", str(len(record.warnings))),
    ]
    for label, value in rows:
        if value:
            click.echo(f"{label + ':':<11}{value}")
    if record.text:
        click.echo()
        click.echo(record.text)


@cli.command("ls")
@setting_option("catalog")
@click.option("--author", help="Only works by this writer.")
@click.option("--periodical", help="Only works from this periodical.")
@click.option("--year", type=int, help="Only works dated in this year.")
@click.option("--kind", help="article, review, letter, ...")
@click.option("--page-type", type=click.Choice([*PAGE_TYPES, "any"]), default="document", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def ls_command(
    catalog: str | None,
    author: str | None,
    periodical: str | None,
    year: int | None,
    kind: str | None,
    page_type: str,
    limit: int | None,
    as_json: bool,
) -> None:
    """List documents (id, year, kind, title, authors), filtered."""
    with _catalog(catalog) as cat:
        rows = cat.list_documents(
            author=author,
            periodical=periodical,
            year=year,
            kind=kind,
            page_type=None if page_type == "any" else page_type,
            limit=limit,
        )
    if as_json:
        _json_out([_summary_dict(row) for row in rows])
        return
    for row in rows:
        year_text = str(row.year) if row.year is not None else "-"
        click.echo(f"{row.id}\t{year_text}\t{row.kind}\t{row.title}\t{'; '.join(row.authors)}")


def _summary_dict(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "page_type": row.page_type,
        "kind": row.kind,
        "authors": list(row.authors),
        "date_text": row.date_text,
        "date_edtf": row.date_edtf,
        "year": row.year,
        "periodical": row.periodical,
        "issue": row.issue,
        "language": row.language,
    }


@cli.command("stats")
@setting_option("catalog")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
def stats_command(catalog: str | None, as_json: bool) -> None:
    """Count what the catalog holds: documents, authors, periodicals, issues, revisions, ..."""
    with _catalog(catalog) as cat:
        counts = cat.stats().to_dict()
    if as_json:
        _json_out(counts)
        return
    for name, value in counts.items():
        click.echo(f"{name.replace('_', ' ') + ':':<16}{value}")


@cli.command("settings")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@click.option("--markdown", is_flag=True, help="Print the settings table for the docs.")
def settings_command(as_json: bool, markdown: bool) -> None:
    """Show every setting's current value (from flags' env vars or defaults)."""
    if markdown:
        click.echo(config.markdown_table())
        return
    values = config.resolved()
    if as_json:
        _json_out(values)
        return
    for name, value in values.items():
        click.echo(f"{name:<16}{value}\t[{config.setting(name).env}]")


EXTENSIONS = {
    "build": (
        "scriptorium.publish.cli_command:build",
        "Publish the catalog as a static site in OUT (only changed pages are rewritten).",
    ),
    "check": (
        "scriptorium.publish.cli_command:check",
        "Check a built site in SITE_DIR (default: site); exit 1 when something is broken.",
    ),
    "index": (
        "scriptorium.search.cli_command:index_command",
        "Bring the search index up to date with the catalog (built if missing; --rebuild from scratch).",
    ),
    "related": (
        "scriptorium.search.cli_command:related_command",
        "Works most like the given one (shared rare words, writer, periodical).",
    ),
    "search": (
        "scriptorium.search.cli_command:search_command",
        'Search the archive: words, "phrases", AND/OR/NOT, revol*, title: author: kind: year:A..B lang:.',
    ),
}
"""Commands whose code lives beside the library part they drive: name -> (module:attribute, summary).

The summary is the first paragraph of the command's own help (a test keeps them in step)."""


def _register_extensions() -> None:
    """Register the extension commands without importing them (see ``_Group``)."""
    for name, (target, summary) in EXTENSIONS.items():
        cli.add_lazy_command(name, target, summary)


_register_extensions()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        cli.main(args=argv, prog_name="scriptorium")
    except BrokenPipeError:  # e.g. `scriptorium ls | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None


if __name__ == "__main__":  # pragma: no cover
    main()
