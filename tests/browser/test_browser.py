"""The published site in a real browser: links a reader follows, dark mode, search, accessibility.

Screenshots of every page kind (light and dark) and the axe reports are left
in ``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

import pytest

from .archive import BRANCH, PITS, PITS_PHRASE, SHARED_WORD
from .conftest import ARTIFACTS, TIMEOUT_MS, VIEWPORT

WILSON = "archive/foot-paul/1995/06/wilson.htm"
ISSUE_187 = "history/etol/newspape/socrev/1995/no187.htm"
PAGE_KINDS = {
    "main": "index.html",
    "writers": "writers/index.html",
    "writer": "archive/foot-paul/index.htm",
    "periodicals": "periodicals/index.html",
    "periodical": "history/etol/newspape/socrev/index.htm",
    "issue": ISSUE_187,
    "document": WILSON,
    "review": "archive/jenkins/1976/06/deep-differences.htm",
    "chapter": "archive/cliff/1975/lenin/ch2.htm",
    "contents": "archive/cliff/1975/lenin/index.htm",
    "whats-new": "whats-new.html",
    "credits": "credits/index.html",
    "volunteer": "credits/ted-crawford.html",
    "search": f"search.html?q={SHARED_WORD}",
}
BLOCKING = ("serious", "critical")

pytestmark = pytest.mark.browser
RESULT_LINK = ".pagefind-ui__result-link"
SEARCH_BOX = ".pagefind-ui__search-input"


def heading(page) -> str:
    return page.locator("h1").first.inner_text().strip()


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


PAGEFIND_MS = 30_000
"""What the search page may take: Pagefind loads its WebAssembly, index and filter chunks before it
shows results or filters, which on two cores busy with the rest of the suite can pass 10 s."""


def wait_for_results(page, count: int | None = None) -> list[str]:
    """The titles of the search results once they are shown (``count`` of them, when given)."""
    page.wait_for_selector(RESULT_LINK, timeout=PAGEFIND_MS)
    if count is not None:
        page.wait_for_function(
            "n => document.querySelectorAll('.pagefind-ui__result-link').length === n",
            arg=count,
            timeout=PAGEFIND_MS,
        )
    return [t.strip() for t in page.locator(RESULT_LINK).all_inner_texts()]


def search(page, text: str) -> None:
    page.locator(SEARCH_BOX).fill(text)


# -- a reader's path through the site ----------------------------------------------------------------


def test_reader_goes_from_main_page_to_the_next_article_in_an_issue(page) -> None:
    page.goto("index.html")
    page.get_by_role("main").get_by_role("link", name="Paul Foot").first.click()
    assert heading(page) == "Paul Foot"
    assert page.url.endswith("/archive/foot-paul/index.htm")

    page.get_by_role("link", name="Harold and the unions").click()
    assert heading(page) == "Harold and the unions"

    page.get_by_role("link", name="Socialist Review, No. 187").click()
    assert heading(page) == "No. 187"
    assert page.url.endswith(ISSUE_187)

    titles = page.locator("ol.contents .item-title a")
    names = [t.strip() for t in titles.all_inner_texts()]
    following = names.index("Harold and the unions") + 1
    assert names[following] == "The pits and the long memory"
    titles.nth(following).click()
    assert heading(page) == "The pits and the long memory"
    assert page.url.endswith(PITS)
    assert page.locator("article.document .body blockquote").count() == 1
    assert page.problems == []


def test_header_links_reach_every_section(page) -> None:
    page.goto(WILSON)
    nav = page.get_by_role("navigation", name="Site")
    for name, title in (
        ("Writers", "Writers A–Z"),
        ("Periodicals", "Periodicals"),
        ("What’s new", "What’s new"),
        ("Credits", "Volunteers and credits"),
        ("Search", "Search"),
    ):
        page.goto(WILSON)
        nav.get_by_role("link", name=name, exact=True).click()
        assert heading(page) == title
    assert page.problems == []


# -- dark mode ---------------------------------------------------------------------------------------


def test_dark_mode_follows_the_system_setting(make_page) -> None:
    shades = {}
    for scheme in ("light", "dark"):
        page = make_page(color_scheme=scheme)
        page.goto(WILSON)
        shades[scheme] = background(page)
    assert shades == {"light": "rgb(251, 249, 244)", "dark": "rgb(23, 24, 26)"}


def test_theme_toggle_switches_and_is_remembered(page) -> None:
    page.goto(WILSON)
    light = background(page)
    toggle = page.get_by_role("button", name="Dark theme")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    dark = background(page)
    assert dark != light and dark == "rgb(23, 24, 26)"
    page.goto("index.html")  # another page, same choice
    assert background(page) == dark
    page.get_by_role("button", name="Dark theme").click()
    assert background(page) == light


# -- search ------------------------------------------------------------------------------------------


def test_search_finds_a_document_by_a_phrase_from_its_body(page) -> None:
    page.goto("search.html")
    search(page, PITS_PHRASE)
    assert wait_for_results(page, 1) == ["The pits and the long memory"]
    page.locator(RESULT_LINK).first.click()
    assert heading(page) == "The pits and the long memory"
    assert page.url.endswith(PITS)  # result links work below the mirror's directory
    assert page.problems == []


def test_navigation_and_credits_are_not_indexed(page) -> None:
    page.goto("search.html")
    search(page, "Periodicals")  # in every page's header, in no document's text
    page.wait_for_selector(".pagefind-ui__message")
    page.wait_for_function("!document.querySelector('.pagefind-ui__message').textContent.includes('Loading')")
    assert page.locator(RESULT_LINK).count() == 0
    search(page, "Crawford")  # a volunteer, named only in the credits of documents
    page.wait_for_timeout(300)
    assert page.locator(RESULT_LINK).count() == 0


def test_main_page_search_box_opens_the_results(page) -> None:
    page.goto("index.html")
    page.get_by_label("Search the full text of the archive").fill(PITS_PHRASE)
    page.get_by_role("button", name="Search", exact=True).click()
    assert heading(page) == "Search"
    assert wait_for_results(page, 1) == ["The pits and the long memory"]
    assert page.locator(SEARCH_BOX).input_value() == PITS_PHRASE


def test_a_filter_narrows_the_results(page) -> None:
    page.goto(f"search.html?q={SHARED_WORD}")
    assert sorted(wait_for_results(page, 2)) == ["Notes on branch life", "The pits and the long memory"]
    page.locator(".pagefind-ui__filter-name", has_text="writer").click(timeout=PAGEFIND_MS)
    page.get_by_role("checkbox", name=re.compile("Tony Cliff")).check()
    assert wait_for_results(page, 1) == ["Notes on branch life"]
    page.locator(RESULT_LINK).first.click()
    assert page.url.endswith(BRANCH)


def test_every_document_carries_its_filters(page) -> None:
    page.goto("search.html")
    filters = page.evaluate(
        """async () => {
            const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
            return await pagefind.filters();
        }"""
    )
    assert sorted(filters) == ["decade", "kind", "periodical", "writer"]
    assert filters["writer"] == {"Gareth Jenkins": 2, "Paul Foot": 3, "Tony Cliff": 5}
    assert filters["periodical"] == {"International Socialism": 2, "Socialist Review": 4}
    assert filters["decade"] == {"1960s": 2, "1970s": 5, "1990s": 3, "2020s": 1}
    assert filters["kind"]["Review"] == 1 and filters["kind"]["Chapter"] == 3
    assert sum(filters["kind"].values()) == 11  # every document, and no listing page


def test_search_page_explains_that_it_needs_javascript(make_page) -> None:
    page = make_page(java_script_enabled=False)
    page.goto("search.html")
    notice = page.locator("main .notice")
    assert "needs JavaScript" in notice.inner_text()
    assert notice.get_by_role("link", name="writers A–Z").is_visible()


def test_search_page_opened_from_disk_says_it_needs_a_web_server(make_page, site) -> None:
    page = make_page()
    page.goto((site / "search.html").as_uri())
    assert "served over HTTP" in page.locator("#search .notice").inner_text()


# -- accessibility and screenshots -------------------------------------------------------------------


# Only colours change with the colour scheme: the dark pages are checked for contrast alone.
CONTRAST_RULES = {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}


def run_axe(page, axe_url: str, run_only: dict | None = None) -> list[dict]:
    page.add_script_tag(url=axe_url)
    return page.evaluate(
        """async (runOnly) => {
            const options = {resultTypes: ["violations"]};
            if (runOnly) options.runOnly = runOnly;
            const result = await axe.run(document, options);
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            }));
        }""",
        run_only,
    )


@pytest.fixture(scope="module")
def scheme_page(browser, base_url: str) -> Iterator[Callable[[str], object]]:
    """One page per colour scheme, reused from page kind to page kind (a new context costs more)."""
    opened = {}

    def get(scheme: str):
        if scheme not in opened:
            context = browser.new_context(base_url=base_url, viewport=VIEWPORT, color_scheme=scheme)
            context.set_default_timeout(TIMEOUT_MS)
            opened[scheme] = context.new_page()
        return opened[scheme]

    yield get
    for page in opened.values():
        page.context.close()


def test_axe_reports_a_planted_problem(scheme_page, axe_url: str) -> None:
    """The check below can fail: an image with no text alternative is caught."""
    page = scheme_page("light")
    page.goto("index.html")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    found = {v["id"]: v["impact"] for v in run_axe(page, axe_url)}
    assert found.get("image-alt") == "critical"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_kind_has_no_serious_accessibility_problems(scheme_page, axe_url: str, kind: str, scheme: str):
    page = scheme_page(scheme)
    page.goto(PAGE_KINDS[kind])
    if kind == "search":  # check the interface with results and a filter showing
        wait_for_results(page, 2)
        page.locator(".pagefind-ui__filter-name", has_text="writer").click()
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{kind}-{scheme}.png"), full_page=True)
    violations = run_axe(page, axe_url, CONTRAST_RULES if scheme == "dark" else None)
    reports = ARTIFACTS / "axe"
    reports.mkdir(parents=True, exist_ok=True)
    (reports / f"{kind}-{scheme}.json").write_text(json.dumps(violations, indent=1), encoding="utf-8")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], json.dumps(blocking, indent=1)


@pytest.mark.parametrize("kind", ["document", "search", "issue"])
def test_narrow_screen_screenshots(make_page, kind: str) -> None:
    page = make_page(viewport={"width": 390, "height": 844})
    page.goto(PAGE_KINDS[kind])
    if kind == "search":
        wait_for_results(page, 2)
    width = page.evaluate("document.documentElement.scrollWidth")
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{kind}-narrow.png"), full_page=True)
    assert width <= 390, "the page scrolls sideways on a phone"
