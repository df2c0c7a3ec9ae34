"""Index pages: a writer's archive, a periodical's issues or an issue's contents, a work's contents.

The HTML importer decides that a page is an index; these functions read what
the index describes. Each works in one pass over the page's headings,
paragraphs and links, in document order.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from scriptorium.model import AuthorProfile, Link, PeriodicalProfile


def author_profile(tree: LexborHTMLParser, path: str | None) -> tuple[AuthorProfile | None, list[str]]:
    """The writer and works an author-index page describes, with warnings."""
    return None, ["author index pages are not read yet"]


def periodical_profile(
    tree: LexborHTMLParser, path: str | None
) -> tuple[PeriodicalProfile | None, list[str]]:
    """The periodical (and its issues) a periodical or issue index describes, with warnings."""
    return None, ["periodical index pages are not read yet"]


def work_links(tree: LexborHTMLParser, path: str | None) -> list[Link]:
    """The parts of a multi-part work, in order, from its contents page."""
    return []
