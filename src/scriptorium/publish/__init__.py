"""Publishing: the catalog as a static site (pages, record JSON, feeds, sitemap), built incrementally.

``build_site(catalog, out_dir)`` is the one entry point; ``check_links(out_dir)``
checks what it wrote.
"""

from __future__ import annotations

from scriptorium.publish.linkcheck import LinkReport, check_links
from scriptorium.publish.pages import Options
from scriptorium.publish.site import BuildError, BuildReport, build_site

__all__ = ["BuildError", "BuildReport", "LinkReport", "Options", "build_site", "check_links"]
