"""Score the plain-text importer against the HTML importer on the real corpus pages.

Only one real text rendering exists (``../shared/samples``), so this script makes more: each
document page of ``../shared/corpus/mia-sample`` is rendered as the archive's text renderings are
laid out (one line per block, a line break for ``<br>``, a blank line between blocks, nothing
of the head or of scripts) and read back with the text importer. Its record is compared, field by
field, with what the HTML importer reads from the page itself. The text has lost the markup the
HTML importer leans on (classes, heading levels), so full agreement is not expected; the floors in
``tests/corpus/text_floors.json`` are pinned at what the text importer achieves and only ever raised.

    python scripts/text_agreement.py [--corpus DIR] [--show FIELD] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

import scriptorium
from scriptorium.errors import ScriptoriumError
from scriptorium.importers.encoding import decode_html

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "mia-sample"
FLOORS = ROOT / "tests" / "corpus" / "text_floors.json"

_BLOCKS = frozenset(
    (
        *("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th", "table", "blockquote"),
        *("ul", "ol", "dl", "dt", "dd", "hr", "center", "pre", "form", "section", "article", "header"),
        *("footer", "nav", "main"),
    )
)
_SKIPPED = frozenset(("script", "style", "head", "-comment", "noscript"))
_BREAK = "\x00"


def render(tree: LexborHTMLParser) -> str:
    """The page's body as a text rendering: blocks on lines of their own, blank lines between."""
    lines: list[str] = []
    run: list[str] = []

    def end_block() -> None:
        if run:
            for line in "".join(run).split(_BREAK):
                line = " ".join(line.split())
                if line:
                    lines.append(line)
            lines.append("")
            run.clear()

    def walk(node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                run.append(child.text_content or "")
            elif tag in _SKIPPED:
                continue
            elif tag == "br":
                run.append(_BREAK)
            elif tag in _BLOCKS:
                end_block()
                walk(child)
                end_block()
            else:
                walk(child)

    if tree.body is not None:
        walk(tree.body)
    end_block()
    out: list[str] = []
    for line in lines:
        if not (line == "" and out and out[-1] == ""):
            out.append(line)
    return "\n".join(out).strip() + "\n"


def _words(value: Any) -> str:
    return " ".join(str(value).split())


FIELDS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "title": lambda r: r["title"],
    "authors": lambda r: r["authors"],
    "date": lambda r: r["date"] and r["date"]["edtf"],
    "periodical": lambda r: (r["source"] or {}).get("periodical"),
    "rights": lambda r: r["rights"],
    "credits": lambda r: [(c["role"], c["name"]) for c in r["credits"]],
    "last_updated": lambda r: r["last_updated"] and r["last_updated"]["iso"],
    "text_start": lambda r: _words(r["text"])[:40],
    "text_end": lambda r: _words(r["text"])[-40:],
}


def score(corpus: Path, limit: int | None = None) -> tuple[dict[str, int], int, dict[str, list[tuple]]]:
    agree = dict.fromkeys(FIELDS, 0)
    misses: dict[str, list[tuple]] = {name: [] for name in FIELDS}
    total = 0
    pages = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in (".htm", ".html"))
    for page in pages[:limit]:
        site_path = page.relative_to(corpus).as_posix()
        data = page.read_bytes()
        try:
            from_html = scriptorium.parse(data, site_path, "html").to_dict()
        except ScriptoriumError:
            continue
        if from_html["page_type"] != "document":
            continue
        text, _encoding, _warnings = decode_html(data)
        rendering = render(LexborHTMLParser(text)).encode("utf-8")
        text_path = site_path.rsplit(".", 1)[0] + ".txt"
        try:
            from_text = scriptorium.parse(rendering, text_path, "text").to_dict()
        except ScriptoriumError as exc:
            for name in FIELDS:
                misses[name].append((site_path, "-", f"error: {exc}"))
            total += 1
            continue
        total += 1
        for name, get in FIELDS.items():
            a, b = get(from_html), get(from_text)
            if _words(a) == _words(b):
                agree[name] += 1
            else:
                misses[name].append((site_path, a, b))
    return agree, total, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", metavar="FIELD", help="print the pages where FIELD differs")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"text_agreement: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    agree, total, misses = score(args.corpus, args.limit)
    if not total:
        print(f"text_agreement: no document pages under {args.corpus}", file=sys.stderr)
        return 2
    floors = json.loads(FLOORS.read_text()) if FLOORS.is_file() and args.limit is None else {}
    failed = False
    print(f"{'field':<14}{'agree':>7}{'total':>7}{'%':>8}  floor")
    for name in FIELDS:
        share = agree[name] / total
        floor = floors.get(name)
        low = floor is not None and share + 1e-9 < floor
        failed |= low
        mark = "  <- under floor" if low else ""
        floor_text = f"{floor:.2f}" if floor is not None else "-"
        print(f"{name:<14}{agree[name]:>7}{total:>7}{share * 100:>7.1f}%  {floor_text}{mark}")
    if args.show:
        for site_path, a, b in misses.get(args.show, []):
            print(f"\n[{args.show}] {site_path}\n  html: {a!r}\n  text: {b!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
