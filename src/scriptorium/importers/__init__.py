"""Importers: pure functions from a page's bytes (and site path) to a ``Record``.

``parse()`` is the one entry point. It refuses what is not a page at all
(empty, binary, too large) with an ``InputError``, picks the importer by
format, and guarantees that nothing but a ``ScriptoriumError`` escapes.
"""

from __future__ import annotations

import os

from scriptorium.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    ScriptoriumError,
    TooLargeError,
    UnsupportedFormatError,
)
from scriptorium.model import Record

FORMATS = ("auto", "html", "text", "markdown")
MAX_PAGE_BYTES = 16 * 1024 * 1024
"""Pages larger than this are refused: the largest real archive page is under 2 MB."""

_EXTENSIONS = {
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


class ImporterFailure(InputError):
    """An importer met input it could not handle; the message names the cause."""


def format_for(path: str | None) -> str | None:
    """The format a file name implies, or None."""
    if not path:
        return None
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower())


def sniff_format(data: bytes) -> str:
    """Guess the format from the bytes alone."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"---") and head[3:4] in (b"\n", b"\r"):
        return "markdown"
    lowered = head[:2048].lower()
    if lowered.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<meta")):
        return "html"
    tags = lowered.count(b"<p") + lowered.count(b"<br") + lowered.count(b"<div") + lowered.count(b"</")
    return "html" if tags >= 3 else "text"


def check_bytes(data: bytes, *, max_bytes: int = MAX_PAGE_BYTES) -> None:
    """Refuse what is plainly not a page: empty, too large or binary."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"expected bytes, got {type(data).__name__}")
    if len(data) > max_bytes:
        raise TooLargeError(
            f"page is {len(data) / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB limit"
        )
    if not bytes(data[:65536]).strip(b" \t\r\n\x0b\x0c\xef\xbb\xbf\x00"):
        raise EmptyInputError("file is empty")
    sample = bytes(data[:8192])
    if b"\x00" in sample:
        # UTF-16 text has NUL bytes too; accept it only with a byte-order mark.
        if not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise BinaryInputError("file is binary, not a page (it contains NUL bytes)")
        return
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(sample) // 20):
        raise BinaryInputError("file is binary, not a page (too many control characters)")


def parse(data: bytes, path: str | None = None, format: str = "auto") -> Record:
    """Parse one page into a ``Record``; raises only ``ScriptoriumError`` subclasses.

    ``path`` is the page's site path when known (a mirror's relative path): it
    becomes the record's id and helps resolve navigation. ``format`` is
    ``auto`` (by extension, then by content), ``html``, ``text`` or ``markdown``.
    """
    if format not in FORMATS:
        raise UnsupportedFormatError(f"unknown format {format!r} (choose from {', '.join(FORMATS)})")
    check_bytes(data)
    data = bytes(data)
    chosen = format
    if chosen == "auto":
        chosen = format_for(path) or sniff_format(data)
    try:
        if chosen == "html":
            from scriptorium.importers.html import parse_html

            return parse_html(data, path)
        if chosen == "text":
            from scriptorium.importers.text import parse_text

            return parse_text(data, path)
        from scriptorium.importers.markdown import parse_markdown

        return parse_markdown(data, path)
    except ScriptoriumError as exc:
        if exc.path is None:
            exc.path = path
        raise
    except RecursionError as exc:
        raise ImporterFailure("page is nested too deeply to read", path=path) from exc
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, UnicodeError) as exc:
        raise ImporterFailure(
            f"{chosen} importer could not read this page ({type(exc).__name__}: {exc})", path=path
        ) from exc
