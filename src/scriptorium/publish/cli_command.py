"""The ``build`` and ``check`` commands: thin wrappers over ``build_site`` and ``check_links``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from scriptorium import config
from scriptorium.errors import ScriptoriumError
from scriptorium.publish.pages import Options
from scriptorium.publish.site import build_site


def _guarded(action: Callable[[], Any]) -> Any:
    """A library error becomes one line on stderr and its exit code, never a traceback."""
    try:
        return action()
    except ScriptoriumError as exc:
        click.echo(f"scriptorium: {exc.one_line()}", err=True)
        raise SystemExit(exc.exit_code) from None


def _url(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value.startswith(("http://", "https://")):
        raise click.BadParameter(f"{what} must start with http:// or https://, got {value!r}")
    return value if value.endswith("/") else value + "/"


@click.command("build")
@click.option(
    "--out", "out", required=True, type=click.Path(file_okay=False), help="Directory to write the site into."
)
@click.option(
    "--catalog",
    "catalog_url",
    default=None,
    metavar="URL",
    help="Catalog to publish [env: SCRIPTORIUM_CATALOG].",
)
@click.option(
    "--base-url",
    default=None,
    metavar="URL",
    help="Where the site will be served (canonical URLs, sitemap, feeds).",
)
@click.option(
    "--origin-base-url",
    default="https://www.marxists.org/",
    show_default=True,
    metavar="URL",
    help="Where imported pages came from: links to pages not in the catalog point there.",
)
@click.option("--title", "site_title", default="Scriptorium", show_default=True, help="The site's name.")
@click.option("--clean", is_flag=True, help="Rebuild every page instead of only the changed ones.")
@click.option(
    "--search/--no-search",
    default=True,
    show_default=True,
    help="Write a search page and a static full-text index of the documents (needs Pagefind).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
def build(
    out: str,
    catalog_url: str | None,
    base_url: str | None,
    origin_base_url: str,
    site_title: str,
    clean: bool,
    search: bool,
    quiet: bool,
) -> None:
    """Publish the catalog as a static site in OUT (only changed pages are rewritten)."""
    options = Options(
        base_url=_url(base_url, "--base-url"),
        origin_base_url=_url(origin_base_url, "--origin-base-url") or "https://www.marxists.org/",
        site_title=site_title,
        search=search,
    )

    def run():
        from scriptorium.catalog import open_catalog

        catalog = open_catalog(config.get("catalog", catalog_url), create=False)
        try:
            progress = None if quiet else (lambda message: click.echo(f"… {message}", err=True))
            return build_site(catalog, out, options=options, clean=clean, progress=progress)
        finally:
            catalog.close()

    report = _guarded(run)
    if not quiet:
        for warning in report.warnings[:20]:
            click.echo(f"warning: {warning}", err=True)
        if len(report.warnings) > 20:
            click.echo(f"warning: … and {len(report.warnings) - 20} more", err=True)
    click.echo(report.summary())


@click.command("check")
@click.argument("site_dir", default="site", type=click.Path(file_okay=False))
@click.option("--links", "links", is_flag=True, help="Check that every internal link and anchor resolves.")
@click.option(
    "--base-url", default=None, metavar="URL", help="Absolute links under this URL count as internal."
)
@click.option("--external", "show_external", is_flag=True, help="Also list the external links (not fetched).")
def check(site_dir: str, links: bool, base_url: str | None, show_external: bool) -> None:
    """Check a built site in SITE_DIR (default: site); exit 1 when something is broken."""
    if not links:
        raise click.UsageError("say what to check: --links")
    from scriptorium.publish.linkcheck import check_links  # its HTML parser is not needed to build

    report = _guarded(lambda: check_links(site_dir, base_url=_url(base_url, "--base-url")))
    for broken in report.broken:
        click.echo(f"broken: {broken}")
    if show_external:
        for url in sorted(report.external):
            click.echo(f"external: {url}")
    click.echo(report.summary())
    if not report.ok:
        raise SystemExit(1)
