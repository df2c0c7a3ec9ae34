"""Shared test fixtures: where the real corpus and samples are, and pages we wrote."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

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


@pytest.fixture(scope="session")
def load_script() -> Callable[[str], ModuleType]:
    """Import one of the project's scripts by its path from the project root (``scripts/x.py``)."""
    loaded: dict[str, ModuleType] = {}

    def load(relative: str) -> ModuleType:
        if relative not in loaded:
            path = ROOT / relative
            name = f"_project_{path.stem}"
            spec = importlib.util.spec_from_file_location(name, path)
            assert spec is not None and spec.loader is not None, path
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module  # dataclasses in the module look themselves up here
            spec.loader.exec_module(module)
            loaded[relative] = module
        return loaded[relative]

    return load
