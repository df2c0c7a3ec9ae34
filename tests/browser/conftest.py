"""Fixtures for the browser tests: the built archive served over HTTP, and Debian's Chromium.

The tests need Playwright (Python), a Chromium binary, axe-core (npm) and
Pagefind; ``scripts/install-browser-deps.sh`` installs them. Without one of
them every browser test is skipped with the reason, unless
``SCRIPTORIUM_REQUIRE_BROWSER=1`` is set (as CI does): then it is a failure.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scriptorium.publish import Options, build_site
from scriptorium.publish.searchindex import SearchIndexError, executable

from .archive import browser_catalog

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SCRIPTORIUM_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(os.environ.get("SCRIPTORIUM_AXE", ROOT / "node_modules" / "axe-core" / "axe.min.js"))
ARTIFACTS = ROOT / "test-artifacts"
MOUNT = "mirror"  # the site is served below a directory, as a mirror often is
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000  # a local static site: anything slower is a failure
INSTALL = "run scripts/install-browser-deps.sh"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives a real browser (deselect with -m 'not browser')")


def required() -> bool:
    return os.environ.get("SCRIPTORIUM_REQUIRE_BROWSER", "").lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """Skip (a developer without a browser can still run the suite), or fail where a browser is required."""
    if required():
        pytest.fail(f"{reason} (SCRIPTORIUM_REQUIRE_BROWSER is set)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        unavailable("playwright is not installed: pip install -e '.[test]'")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        unavailable(f"no Chromium at {CHROMIUM} ({INSTALL}, or set SCRIPTORIUM_CHROMIUM)")
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
    except Error as exc:
        playwright.stop()
        unavailable(f"Chromium at {CHROMIUM} did not start: {str(exc).splitlines()[0]}")
    yield launched
    launched.close()
    playwright.stop()


@pytest.fixture(scope="session")
def axe_url(site: Path) -> str:
    """Where the page can load axe-core from: served beside the site (so the browser caches it)."""
    if not AXE.is_file():
        unavailable(f"axe-core is not installed at {AXE} ({INSTALL}, or set SCRIPTORIUM_AXE)")
    tools = site.parent / "test-tools"
    tools.mkdir(exist_ok=True)
    shutil.copyfile(AXE, tools / "axe.min.js")
    return "/test-tools/axe.min.js"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive built once, with its search index, inside a directory that is served."""
    try:
        executable()
    except SearchIndexError as exc:
        unavailable(exc.one_line())
    out = tmp_path_factory.mktemp("served") / MOUNT
    build_site(browser_catalog(), out, options=Options())
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The site's address on a local HTTP server (a free port on 127.0.0.1), ending in a slash."""
    handler = functools.partial(_QuietHandler, directory=str(site.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{MOUNT}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def make_page(browser, base_url: str) -> Iterator[Callable[..., object]]:
    """Opens pages in fresh browser contexts (options: color_scheme, viewport, java_script_enabled).

    Requests that fail and script errors are recorded in the page's ``problems`` list.
    """
    contexts = []

    def make(**options: object) -> object:
        settings = {"viewport": VIEWPORT, "color_scheme": "light", **options}
        context = browser.new_context(base_url=base_url, **settings)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        opened = context.new_page()
        opened.problems = []
        opened.on("pageerror", lambda error: opened.problems.append(f"script error: {error}"))
        opened.on(
            "response",
            lambda response: (
                response.status >= 400 and opened.problems.append(f"HTTP {response.status}: {response.url}")
            ),
        )
        return opened

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page: Callable[..., object]) -> object:
    """A fresh page in the light colour scheme."""
    return make_page()
