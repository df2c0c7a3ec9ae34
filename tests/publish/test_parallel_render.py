"""Documents rendered by forked workers come out byte for byte as a serial build writes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixture import FakeCatalog, records

from scriptorium.publish import Options, build_site
from scriptorium.publish import site as site_module


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_parallel_documents_match_a_serial_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    options = Options(base_url="https://archive.example.org/", search=False)
    serial = build_site(FakeCatalog(records()), tmp_path / "serial", options=options)
    monkeypatch.setattr(site_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(site_module, "render_jobs", lambda count: 2)
    parallel = build_site(FakeCatalog(records()), tmp_path / "parallel", options=options)
    assert serial.documents > 1
    assert _tree(tmp_path / "parallel") == _tree(tmp_path / "serial")
    assert parallel.written == serial.written
    assert parallel.pages_written == serial.pages_written
    manifest = json.loads((tmp_path / "parallel" / ".scriptorium-build.json").read_text())
    assert set(manifest["files"]) == set(_tree(tmp_path / "serial")) - {".scriptorium-build.json"}


def test_a_failing_worker_fails_the_build_and_keeps_the_old_site(tmp_path: Path, monkeypatch):
    out = tmp_path / "site"
    options = Options(search=False)
    build_site(FakeCatalog(records()), out, options=options)
    before = _tree(out)
    monkeypatch.setattr(site_module, "render_jobs", lambda count: 2)

    def broken(*args, **kwargs):
        raise RuntimeError("template exploded")

    monkeypatch.setattr(site_module.pages, "document_page", broken)
    with pytest.raises(RuntimeError, match="template exploded"):
        build_site(FakeCatalog(records()), out, options=options, clean=True)
    assert _tree(out) == before
    assert not list(tmp_path.glob(".site.building-*"))
