"""The whole built site of the fixture archive, diffed against a stored snapshot.

Regenerate after an intended change with:

    SCRIPTORIUM_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/publish/test_snapshot.py
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from scriptorium.publish.site import MANIFEST

SNAPSHOT = Path(__file__).resolve().parent / "snapshot"
SKIP_DIRS = ("static", "pagefind")  # copies of the package's own files; the search index (binary)


def _files(root: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel != MANIFEST and rel.split("/", 1)[0] not in SKIP_DIRS:
            found[rel] = path.read_bytes()
    return found


def test_site_matches_snapshot(site: Path) -> None:
    built = _files(site)
    if os.environ.get("SCRIPTORIUM_UPDATE_SNAPSHOTS"):
        shutil.rmtree(SNAPSHOT, ignore_errors=True)
        for rel, data in built.items():
            target = SNAPSHOT / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    stored = _files(SNAPSHOT)
    assert sorted(built) == sorted(stored), "files differ from the snapshot (SCRIPTORIUM_UPDATE_SNAPSHOTS=1)"
    for rel, data in built.items():
        if data != stored[rel]:
            diff = difflib.unified_diff(
                stored[rel].decode().splitlines(),
                data.decode().splitlines(),
                f"snapshot/{rel}",
                rel,
                lineterm="",
            )
            raise AssertionError("\n".join(list(diff)[:60]))
