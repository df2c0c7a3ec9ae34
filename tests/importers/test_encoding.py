"""Declared charsets are hints: the bytes decide."""

from __future__ import annotations

import codecs

import pytest

from scriptorium.importers.encoding import decode_html, decode_text, repair_entities, repair_mojibake


def _page(meta: str, body: bytes) -> bytes:
    return (
        f'<html><head><meta http-equiv="content-type" content="text/html; charset={meta}"></head>'
        "<body>".encode("ascii")
        + body
        + b"</body></html>"
    )


def test_cp1252_bytes_under_latin1_label() -> None:
    text, used, _ = decode_html(_page("iso-8859-1", b"\x93Yes\x94 \x96 it\x92s"))
    assert "“Yes” – it’s" in text and used == "cp1252"


def test_utf8_under_latin1_label_wins() -> None:
    text, used, warnings = decode_html(_page("iso-8859-1", "Høgsbjerg – ‘x’".encode()))
    assert "Høgsbjerg – ‘x’" in text and used == "utf-8"
    assert any("declares iso-8859-1 but is UTF-8" in w for w in warnings)


@pytest.mark.parametrize("junk", ["rtf-8", "utf-98"])
def test_junk_declarations(junk: str) -> None:
    text, used, warnings = decode_html(_page(junk, b"caf\xe9"))
    assert "café" in text and used == "cp1252"
    assert warnings


def test_utf8_bom_and_utf16_bom() -> None:
    assert decode_html(codecs.BOM_UTF8 + "<p>é</p>".encode())[0] == "<p>é</p>"
    data = codecs.BOM_UTF16_LE + "<p>ü</p>".encode("utf-16-le")
    assert decode_html(data)[:2] == ("<p>ü</p>", "utf-16-le")


def test_other_declared_charset_is_used() -> None:
    text, used, _ = decode_html(_page("windows-1251", "Ленин".encode("cp1251")))
    assert "Ленин" in text and used == "cp1251"


def test_mojibake_repaired_and_correct_text_untouched() -> None:
    assert repair_mojibake("Itâ€™s â€œfineâ€\x9d")[0] == "It’s “fine”"
    for correct in ("Café déjà vu", "Ângela", "naïve Ã la", "Æsop’s"):
        assert repair_mojibake(correct)[0] == correct


def test_broken_entities() -> None:
    assert repair_entities("18&ndash:19")[0] == "18&ndash;19"
    assert repair_entities("it&rsquo s")[0] == "it&rsquo; s"
    assert repair_entities("a &amp;mdash; b")[0] == "a &mdash; b"
    for correct in ("AT&T", "a &amp; b", "?a=1&section=2", "&copy 2001", "&mdash;"):
        assert repair_entities(correct)[0] == correct


def test_decode_text_plain() -> None:
    assert decode_text("naïve".encode())[:2] == ("naïve", "utf-8")
    assert decode_text(b"na\xefve")[0] == "naïve"
