"""Publishing: the catalog as a static site (pages, record JSON, feeds, sitemap), built incrementally.

``build_site(catalog, out_dir)`` is the one entry point; ``check_links(out_dir)``
checks what it wrote.
"""

from __future__ import annotations

from scriptorium.publish.pages import Options
from scriptorium.publish.site import BuildError, BuildReport, build_site


def __getattr__(name: str):
    """The link checker is loaded when first asked for: a build does not need its HTML parser."""
    if name in ("LinkReport", "check_links"):
        from scriptorium.publish import linkcheck

        return getattr(linkcheck, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["BuildError", "BuildReport", "LinkReport", "Options", "build_site", "check_links"]
