"""Shared test fixtures: where the real corpus and samples are, and pages we wrote."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SCRIPTORIUM_SHARED", ROOT.parent / "shared")).resolve()
CORPUS = SHARED / "corpus" / "mia-sample"
SAMPLE_TXT = SHARED / "samples" / "000_3d1e3c11b3ca734c.txt"
PAGES = ROOT / "tests" / "pages"


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("SCRIPTORIUM_REQUIRE_POSTGRES") and not os.environ.get("SCRIPTORIUM_TEST_POSTGRES"):
        raise pytest.UsageError(
            "SCRIPTORIUM_REQUIRE_POSTGRES is set but SCRIPTORIUM_TEST_POSTGRES is not: "
            "start a server with scripts/pg-test-server.sh"
        )


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def sample_txt() -> Path:
    if not SAMPLE_TXT.is_file():
        pytest.skip(f"sample page not found at {SAMPLE_TXT}")
    return SAMPLE_TXT


@pytest.fixture(scope="session")
def pages_dir() -> Path:
    return PAGES
