"""History independence: after any sequence of puts and deletes, the normalised tables are exactly
those a fresh catalog builds from the surviving records (no orphans, no stale rows), on both backends."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scriptorium.catalog import open_catalog, store
from scriptorium.model import (
    AuthorProfile,
    Credit,
    IssueEntry,
    Link,
    PartialDate,
    PeriodicalProfile,
    Record,
    Source,
)

from .records import digest

IDS = ("w/a", "w/b", "w/c", "idx/d")
# Few names, so that records share authors, people, periodicals, issues and sources.
names = st.sampled_from(("Ann", "Bob", "Cy"))
dates = st.none() | st.sampled_from(("1976-06", "1976-07", "1977")).map(lambda e: PartialDate(f"in {e}", e))
sources = st.none() | st.builds(
    Source,
    statement=st.just("From somewhere."),
    periodical=st.none() | st.sampled_from(("SR", "IS")),
    issue=st.none() | st.sampled_from(("No. 1", "No. 2")),
    date=dates,
)


@st.composite
def versions(draw, record_id: str) -> Record:
    """A version of one record; index pages describe a profile named after their id (one page per name)."""
    profile, periodical = None, None
    if draw(st.booleans()):
        profile = AuthorProfile(
            name=f"Profiled {record_id}",
            born=draw(dates),
            biography=draw(st.none() | st.just("A life.")),
            works=(Link("A work", href=draw(st.sampled_from(("a.htm", "../w/b.htm", "http://x.org/")))),),
        )
    if draw(st.booleans()):
        periodical = PeriodicalProfile(
            title=f"Periodical {record_id}",
            issues=tuple(
                IssueEntry(designation, date=draw(dates), contents=(Link("Item", href="i.htm"),))
                for designation in draw(
                    st.lists(st.sampled_from(("No. 1", "No. 9")), max_size=2, unique=True)
                )
            ),
        )
    return Record(
        id=record_id,
        title=draw(st.sampled_from(("One", "Two"))),
        page_type="author-index" if profile else "document",
        authors=tuple(draw(st.lists(names, max_size=2))),
        date=draw(dates),
        source=draw(sources),
        copied_from=draw(st.none() | st.sampled_from(("Archive A", "Archive B"))),
        credits=tuple(Credit("markup", n) for n in draw(st.lists(names, max_size=2))),
        author_profile=profile,
        periodical_profile=periodical,
    )


steps = st.lists(
    st.tuples(
        st.sampled_from(IDS).flatmap(lambda rid: st.one_of(st.just(("delete", rid)), versions(rid))),
        st.booleans(),  # end the batch after this step
    ),
    min_size=1,
    max_size=12,
)


def normalised(dump: dict) -> dict:
    """The catalog's content minus history (revision numbers, kept versions, the change log)."""
    tables = {name: rows for name, rows in dump.items() if name not in ("revisions", "changes")}
    tables["records"] = [{k: v for k, v in row.items() if k != "revision"} for row in tables["records"]]
    return tables


@pytest.fixture(params=["scoped", "whole-tables"])
def garbage_scope(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Garbage looked for among what retired records referred to, or over the whole tables."""
    if request.param == "whole-tables":
        monkeypatch.setattr(store, "GARBAGE_SCOPE_LIMIT", 0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_normalised_tables_do_not_depend_on_history(open_at, garbage_scope, steps) -> None:
    catalog = open_at()
    with catalog.batch() as clear:
        for record_id in catalog.content_hashes():
            clear.delete(record_id)
    final: dict[str, Record] = {}
    batch_steps: list = []
    for step, end in steps:
        batch_steps.append(step)
        if end or (step, end) == steps[-1]:
            with catalog.batch() as batch:
                for item in batch_steps:
                    if isinstance(item, Record):
                        batch.put(item, content_hash=digest(item))
                        final[item.id] = item
                    else:
                        batch.delete(item[1])
                        final.pop(item[1], None)
            batch_steps = []
    with tempfile.TemporaryDirectory() as tmp, open_catalog(str(Path(tmp) / "fresh.sqlite")) as fresh:
        with fresh.batch() as batch:
            for record in final.values():
                batch.put(record, content_hash=digest(record))
        assert normalised(catalog.dump()) == normalised(fresh.dump())
    assert {r.id: r for r in catalog.iter_records()} == final
