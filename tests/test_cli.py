"""The command line: the real console script for exit codes, one-line errors, JSON and SIGKILL; CliRunner
for the rest."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from import_trees import BACKENDS, fresh_catalog_url, snapshot, write_bad_pages, write_tree
from scriptorium.cli import cli

Completed = subprocess.CompletedProcess
SCRIPT = shutil.which("scriptorium", path=str(Path(sys.executable).parent)) or shutil.which("scriptorium")


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    assert SCRIPT, "the scriptorium console script is not installed"
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("SCRIPTORIUM_")} | (env or {})
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=120)


def assert_one_line_error(result: Completed, file: Path | str, code: int = 2) -> None:
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"scriptorium: {file}: ")
    assert "Traceback" not in result.stderr


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write_tree(root, 10)
    (root / "MANIFEST.tsv").write_text("path\n")
    return root


# -- parse ---------------------------------------------------------------------------------


def test_parse_prints_the_record_as_json(tree: Path) -> None:
    page = next(tree.rglob("*.htm"))
    result = run("parse", str(page), "--site-path", page.relative_to(tree).as_posix())
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["id"] == page.relative_to(tree).with_suffix("").as_posix()
    assert record["title"] and record["authors"]
    assert result.stdout.startswith('{\n  "')  # indented


def test_parse_touches_no_catalog(tree: Path, tmp_path: Path) -> None:
    result = run("parse", str(next(tree.rglob("*.htm"))), cwd=tmp_path)
    assert result.returncode == 0
    assert not list(tmp_path.glob("*.sqlite*"))


def test_parse_refuses_malformed_input_with_one_line(tmp_path: Path) -> None:
    bad = write_bad_pages(tmp_path / "bad")
    huge = tmp_path / "bad" / "huge.htm"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    for page in [*bad.values(), huge]:
        assert_one_line_error(run("parse", str(page)), page)
    missing = tmp_path / "absent.htm"
    assert_one_line_error(run("parse", str(missing)), missing)
    assert_one_line_error(run("parse", str(tmp_path)), tmp_path)


def test_parse_names_the_file_even_with_a_site_path(tmp_path: Path) -> None:
    bad = write_bad_pages(tmp_path / "bad")
    result = run("parse", str(bad["empty"]), "--site-path", "archive/x/1990/01/y.htm")
    assert_one_line_error(result, bad["empty"])


# -- import --------------------------------------------------------------------------------


def test_import_json_accounts_for_every_file(tree: Path, tmp_path: Path) -> None:
    bad = write_bad_pages(tree / "bad")
    db = tmp_path / "c.sqlite"
    result = run("import", str(tree), "--catalog", str(db), "--jobs", "1", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert {"files", "imported", "unchanged", "updated", "skipped", "warnings"} <= set(summary)
    all_files = [p for p in tree.rglob("*") if p.is_file()]
    assert summary["files"] + summary["ignored"] == len(all_files)
    assert summary["imported"] == 10
    assert sorted(s["path"] for s in summary["skipped"]) == sorted(str(p) for p in bad.values())
    assert all(s["reason"] for s in summary["skipped"])
    assert result.stderr == ""  # no progress bar noise when stderr is not a terminal

    again = json.loads(run("import", str(tree), "--catalog", str(db), "--json").stdout)
    assert (again["imported"], again["unchanged"], again["updated"]) == (0, 10, 0)


def test_import_prints_one_summary_line_then_the_skipped(tree: Path, tmp_path: Path) -> None:
    bad = write_bad_pages(tree / "bad")
    result = run("import", str(tree), "--catalog", str(tmp_path / "c.sqlite"))
    assert result.returncode == 0, result.stderr
    first, *rest = result.stdout.splitlines()
    assert first.startswith("imported 10, updated 0, unchanged 0, skipped 4")
    assert len(rest) == 4
    for page in bad.values():
        assert any(line.startswith(f"  skipped {page}: ") for line in rest)


def test_import_strict_fails_and_writes_nothing(tree: Path, tmp_path: Path) -> None:
    write_bad_pages(tree / "bad")
    db = tmp_path / "c.sqlite"
    result = run("import", str(tree), "--catalog", str(db), "--strict", "--json")
    assert result.returncode == 2
    summary = json.loads(result.stdout)
    assert summary["committed"] is False and len(summary["skipped"]) == 4
    assert result.stderr.startswith("scriptorium: strict mode: 4 skipped")
    stats = json.loads(run("stats", "--catalog", str(db), "--json").stdout)
    assert stats["documents"] == 0


def test_catalog_comes_from_the_environment(tree: Path, tmp_path: Path) -> None:
    db = tmp_path / "from-env.sqlite"
    result = run("import", str(tree), "--json", env={"SCRIPTORIUM_CATALOG": str(db)}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert db.exists() and not (tmp_path / "scriptorium.sqlite").exists()
    stats = json.loads(run("stats", "--json", env={"SCRIPTORIUM_CATALOG": str(db)}).stdout)
    assert stats["documents"] == 10


def test_default_catalog_is_scriptorium_sqlite(tree: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    assert run("import", str(tree), "--jobs", "1", cwd=work).returncode == 0
    assert (work / "scriptorium.sqlite").exists()


def test_import_of_a_missing_path_is_a_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert_one_line_error(run("import", str(missing), "--catalog", str(tmp_path / "c.sqlite")), missing)


def test_bad_jobs_value_is_a_one_line_error(tree: Path, tmp_path: Path) -> None:
    result = run(
        "import", str(tree), "--catalog", str(tmp_path / "c.sqlite"), env={"SCRIPTORIUM_JOBS": "lots"}
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "scriptorium: SCRIPTORIUM_JOBS: expected a whole number, got 'lots'"
    ]


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("backend", BACKENDS)
def test_sigkill_mid_import_then_rerun_equals_an_uninterrupted_run(tmp_path: Path, backend: str) -> None:
    """Kill an import inside its open transaction; a new run must give exactly the uninterrupted catalog."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        fresh_catalog_url(backend, tmp_path / "a") as killed,
        fresh_catalog_url(backend, tmp_path / "b") as clean,
    ):
        _kill_and_rerun(tmp_path, killed, clean)


def _kill_and_rerun(tmp_path: Path, killed_db: str, clean_db: str) -> None:
    earlier, root = tmp_path / "earlier", tmp_path / "site"
    write_tree(earlier, 3, seed=1, name="earlier")
    write_tree(root, 800)
    write_bad_pages(root / "bad")
    for db in (killed_db, clean_db):  # both catalogs hold something before the big import
        assert run("import", str(earlier), "--catalog", db, "--jobs", "1").returncode == 0
    assert run("import", str(root), "--catalog", clean_db, "--jobs", "2").returncode == 0
    before = snapshot(killed_db)

    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRIPTORIUM_")}
    # Paused after 600 writes: past the catalog's first flush, so rows were sent inside the transaction.
    env["SCRIPTORIUM_TEST_PAUSE_AFTER"] = "600"
    proc = subprocess.Popen(
        [SCRIPT, "import", str(root), "--catalog", killed_db, "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stderr.readline()
        assert "paused after 600 writes" in line, line
        workers = _children(proc.pid)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers), "worker processes outlived the killed import"

    assert snapshot(killed_db) == before  # the open transaction left nothing behind
    rerun = run("import", str(root), "--catalog", killed_db, "--jobs", "2", "--json")
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert (summary["imported"], summary["unchanged"], len(summary["skipped"])) == (800, 0, 4)
    resumed, uninterrupted = snapshot(killed_db), snapshot(clean_db)
    assert resumed == uninterrupted, _difference(resumed, uninterrupted)


def _difference(a: dict, b: dict) -> str:
    """Which parts of two catalog snapshots differ, briefly (the full dicts are too long to read)."""
    lines = []
    for part in a:
        if isinstance(a[part], dict) and a[part] != b[part]:
            differing = sorted(k for k in a[part].keys() | b[part].keys() if a[part].get(k) != b[part].get(k))
            lines.append(f"{part}: {len(differing)} of {len(b[part])} differ, e.g. {differing[:3]}")
    return "; ".join(lines)


@pytest.mark.slow
def test_real_corpus_import_accounts_for_every_file(corpus_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "mia.sqlite"
    result = run("import", str(corpus_dir), "--catalog", str(db), "--jobs", "2", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    on_disk = [
        p
        for p in corpus_dir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(corpus_dir).parts)
    ]
    assert summary["files"] + summary["ignored"] == len(on_disk)
    accounted = summary["imported"] + summary["unchanged"] + summary["updated"] + len(summary["skipped"])
    assert accounted == summary["files"]
    assert summary["imported"] > 0.9 * summary["files"]
    again = json.loads(run("import", str(corpus_dir), "--catalog", str(db), "--json").stdout)
    assert again["unchanged"] == summary["imported"] and again["imported"] == again["updated"] == 0


def test_import_rehash_reads_every_page(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unchanged pages are taken from the file-state cache; --rehash reads and hashes them all again."""
    from scriptorium import pipeline

    monkeypatch.setattr(pipeline, "RACY_NS", 0)  # the pages count as settled: their states are remembered
    reads: list[str] = []
    real_read = pipeline.read_page
    monkeypatch.setattr(pipeline, "read_page", lambda f, m: reads.append(str(f)) or real_read(f, m))
    runner = CliRunner()
    db = str(tmp_path / "c.sqlite")
    args = ["import", str(tree), "--catalog", db, "--jobs", "1", "--json"]
    assert json.loads(runner.invoke(cli, args).output)["imported"] == 10
    reads.clear()
    assert json.loads(runner.invoke(cli, args).output)["unchanged"] == 10
    assert reads == []
    rehashed = runner.invoke(cli, [*args, "--rehash"])
    assert rehashed.exit_code == 0, rehashed.output
    assert json.loads(rehashed.output)["unchanged"] == 10
    assert sorted(reads) == sorted(str(p) for p in tree.rglob("*.htm"))
    assert "--rehash" in runner.invoke(cli, ["import", "--help"]).output


# -- start-up: what each command loads -----------------------------------------------------

HEAVY = ("scriptorium.publish", "scriptorium.search", "jinja2", "tantivy", "sqlalchemy", "alembic")


def _loaded_by(*args: str) -> list[str]:
    """Run the CLI in a fresh interpreter; the heavy modules it imported (it must exit with 0)."""
    code = (
        "import sys\nfrom scriptorium.cli import main\ntry:\n    main(sys.argv[1:])\n"
        "except SystemExit as end:\n    assert not end.code, end.code\n"
        f"print('loaded:', *(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRIPTORIUM_")}
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith("loaded:")]
    return line.split()[1:]


def test_help_and_import_load_no_publishing_search_or_migration_code(tree: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite")
    assert run("import", str(tree), "--catalog", db, "--jobs", "1").returncode == 0  # created: migrations ran
    assert _loaded_by("--help") == []
    assert _loaded_by("import", str(tree), "--catalog", db, "--jobs", "1") == []
    assert "scriptorium.search" in _loaded_by("search", "--help")
    assert "scriptorium.publish" in _loaded_by("build", "--help")


def test_help_lists_every_command_as_it_would_loaded() -> None:
    """The lazily registered commands appear in --help with the first paragraph of their own help."""
    import click

    from scriptorium.cli import EXTENSIONS

    runner = CliRunner()
    lazy_help = runner.invoke(cli, ["--help"]).output
    for name in ("import", "parse", "show", "ls", "stats", "settings", *EXTENSIONS):
        assert f"\n  {name} " in lazy_help
    ctx = click.Context(cli, info_name="scriptorium")
    for name, (_, summary) in EXTENSIONS.items():
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name
        assert " ".join((command.help or "").split("\n\n")[0].split()) == summary
    assert runner.invoke(cli, ["--help"]).output == lazy_help  # now every command is loaded


# -- reading the catalog (CliRunner) -------------------------------------------------------


@pytest.fixture
def filled(tree: Path, tmp_path: Path) -> str:
    db = str(tmp_path / "filled.sqlite")
    result = CliRunner().invoke(cli, ["import", str(tree), "--catalog", db, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return db


def test_show_json_and_text(filled: str, tree: Path) -> None:
    page = sorted(tree.rglob("*.htm"))[0]
    record_id = page.relative_to(tree).with_suffix("").as_posix()
    runner = CliRunner()
    result = runner.invoke(cli, ["show", record_id, "--catalog", filled, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["id"] == record_id and data["revisions"] == 1
    text = runner.invoke(cli, ["show", record_id, "--catalog", filled])
    assert text.exit_code == 0
    assert f"id:        {record_id}" in text.output and "revisions: 1" in text.output


def test_show_unknown_id_is_a_one_line_error(filled: str) -> None:
    result = CliRunner().invoke(cli, ["show", "archive/nobody/1900/01/nothing", "--catalog", filled])
    assert result.exit_code == 1
    assert result.output.startswith("scriptorium: ") and result.output.count("\n") == 1


def test_ls_filters_and_json(filled: str) -> None:
    runner = CliRunner()
    everything = json.loads(runner.invoke(cli, ["ls", "--catalog", filled, "--json"]).output)
    assert len(everything) == 10
    cliff = json.loads(
        runner.invoke(cli, ["ls", "--catalog", filled, "--author", "Tony Cliff", "--json"]).output
    )
    assert cliff and all("Tony Cliff" in row["authors"] for row in cliff)
    assert len(cliff) < len(everything)
    limited = runner.invoke(cli, ["ls", "--catalog", filled, "--limit", "3"])
    assert limited.exit_code == 0 and len(limited.output.splitlines()) == 3
    assert all(len(line.split("\t")) == 5 for line in limited.output.splitlines())
    year = everything[0]["year"]
    by_year = json.loads(
        runner.invoke(cli, ["ls", "--catalog", filled, "--year", str(year), "--json"]).output
    )
    assert by_year and all(row["year"] == year for row in by_year)


def test_stats_json_and_text(filled: str) -> None:
    runner = CliRunner()
    stats = json.loads(runner.invoke(cli, ["stats", "--catalog", filled, "--json"]).output)
    assert stats["documents"] == 10 and stats["revisions"] == 10
    assert {"authors", "periodicals", "issues"} <= set(stats)
    text = runner.invoke(cli, ["stats", "--catalog", filled]).output
    assert "documents:" in text and "10" in text


def test_settings_command_and_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRIPTORIUM_CATALOG", "/tmp/elsewhere.sqlite")
    runner = CliRunner()
    values = json.loads(runner.invoke(cli, ["settings", "--json"]).output)
    assert values["catalog"] == "/tmp/elsewhere.sqlite" and values["jobs"] >= 1
    assert "SCRIPTORIUM_MAX_PAGE_BYTES" in runner.invoke(cli, ["settings", "--markdown"]).output
    assert runner.invoke(cli, ["--version"]).output.startswith("scriptorium, version ")


def test_progress_bar_on_a_terminal(tree: Path, tmp_path: Path) -> None:
    """With stderr on a terminal the import draws a Rich progress bar there, and still ends normally."""
    import pty

    main, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRIPTORIUM_")} | {"COLUMNS": "100"}
    proc = subprocess.Popen(
        [SCRIPT, "import", str(tree), "--catalog", str(tmp_path / "c.sqlite"), "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=secondary,
        text=True,
        env=env,
    )
    os.close(secondary)
    out, _ = proc.communicate(timeout=120)
    drawn = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        drawn += chunk
    os.close(main)
    assert proc.returncode == 0
    assert out.startswith("imported 10, ")
    assert b"importing" in drawn
