"""Build time and peak memory of a site from a synthetic archive of N documents.

    .venv/bin/python tests/publish/bench_publish.py 20000 /tmp/bench-site

The archive comes from ``benchmarks/corpus_gen.py`` (deterministic); records are
generated afresh on each pass over the catalog, as a database would stream them,
so the peak memory measured is the builder's own.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_gen import iter_documents  # noqa: E402

from scriptorium.publish import build_site  # noqa: E402


class StreamingCatalog:
    """Records generated on every pass, never all held at once."""

    url = "synthetic:"

    def __init__(self, count: int, seed: int = 1) -> None:
        self.count = count
        self.seed = seed
        self.edited: dict[str, object] = {}

    def iter_records(self):
        for doc in iter_documents(self.count, seed=self.seed):
            record = doc.to_record()
            body = "".join(f"<p>{escape(p)}</p>\n" for p in record.text.split("\n\n"))
            notes = "".join(f'<a href="#n{n.label}">[{n.label}]</a>' for n in record.notes)
            record = record.replace(body_html=body + notes)
            yield self.edited.get(record.id, record)

    def get(self, record_id: str):
        for record in self.iter_records():
            if record.id == record_id:
                return record
        raise KeyError(record_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    args = parser.parse_args()
    catalog = StreamingCatalog(args.count)
    for label, clean in (("full build", True), ("no-change rebuild", False)):
        cpu = time.process_time()
        report = build_site(catalog, args.out, clean=clean)
        print(f"{label}: {report.summary()}; cpu {time.process_time() - cpu:.1f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB for {args.count} documents")


if __name__ == "__main__":
    main()
