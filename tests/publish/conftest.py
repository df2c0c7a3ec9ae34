"""Fixtures for the publishing tests: the written archive, built once per module."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixture import FakeCatalog, records

from scriptorium.publish import Options, build_site

BASE_URL = "https://archive.example.org/"


@pytest.fixture
def catalog() -> FakeCatalog:
    return FakeCatalog(records())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive built once, with a base URL, for tests that only read it."""
    out = tmp_path_factory.mktemp("built") / "site"
    build_site(FakeCatalog(records()), out, options=Options(base_url=BASE_URL))
    return out
