"""The Pelican peer of the publishing benchmark: the same page kinds as ``scriptorium build``.

Writers are Pelican's authors, periodicals its categories and issues its tags; every other
setting is Pelican's default (no content cache, no pagination, its default feeds). The
benchmark converts the corpus's YAML front matter to Pelican's ``Key: value`` metadata first
(see ``to_pelican`` in ``benchmarks/bench_publish.py``); that step is not timed.
"""

from pathlib import Path

SITENAME = "Scriptorium peer (Pelican)"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = str(Path(__file__).resolve().parent / "theme")

# A document's page goes where its id says (the converted files sit at their ids), as in the
# other two sites; Pelican's default would be a slug of the title, and titles repeat.
PATH_METADATA = r"(?P<path_no_ext>.*)\.md"
ARTICLE_URL = "{path_no_ext}.html"
ARTICLE_SAVE_AS = "{path_no_ext}.html"
