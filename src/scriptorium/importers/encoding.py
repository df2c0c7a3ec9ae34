"""Bytes to text for legacy pages whose declared charset is only a hint.

Most archive pages declare ISO-8859-1; some of them hold cp1252 bytes (curly
quotes in 0x80-0x9F), some are really UTF-8, some declare junk ("rtf-8",
"utf-98"). The rules, in order: a byte-order mark wins; valid UTF-8 with
multibyte sequences wins; a declared Western single-byte charset (or a junk
one) is read as cp1252, a superset of Latin-1 for printable text; another
declared charset that decodes cleanly is used; charset-normalizer is the last
resort. Afterwards double-encoded text ("â€™") and broken entities
("&ndash:", "&rsquo" without its semicolon, "&amp;mdash;") are repaired in
ways that cannot touch correct text.
"""

from __future__ import annotations

import codecs
import re
from html.entities import html5

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.I)
_META_CONTENT_TYPE = re.compile(
    rb"""<meta[^>]+content\s*=\s*["'][^"']*?;\s*([A-Za-z0-9_.+-]+)\s*["']""", re.I
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.+-]+)""", re.I)
_WESTERN = {"latin_1", "iso8859_1", "cp1252", "ascii", "iso8859_15", "cp850", "mac_roman", "cp437"}

# cp1252 with its five undefined bytes mapped to the Latin-1 control characters,
# so that every byte decodes and the mapping can be reversed exactly.
_CP1252_TABLE = "".join(
    bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in range(256)
)
_CP1252_REVERSE = {ch: b for b, ch in enumerate(_CP1252_TABLE)}


def _undefined_as_latin1(exc: UnicodeError) -> tuple[str, int]:
    """Error handler: the five bytes cp1252 leaves undefined decode as their Latin-1 code points."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("scriptorium-cp1252", _undefined_as_latin1)


def _cp1252(data: bytes) -> str:
    return data.decode("cp1252", errors="scriptorium-cp1252")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes (as written), or None."""
    head = data[:4096]
    for pattern in (_XML_DECL, _META_CHARSET, _META_CONTENT_TYPE):
        m = pattern.search(head)
        if m:
            return m.group(1).decode("ascii", "replace").strip().lower()
    return None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None


def _bom(data: bytes) -> tuple[str, bytes] | None:
    for mark, name in _BOMS:
        if data.startswith(mark):
            return name, data[len(mark) :]
    return None


def _decode(data: bytes, declared: str | None) -> tuple[str, str, list[str]]:
    warnings: list[str] = []
    bom = _bom(data)
    if bom:
        name, rest = bom
        try:
            return rest.decode(name), name, warnings
        except UnicodeDecodeError:
            warnings.append(f"the file starts with a {name} byte-order mark but is not valid {name}")
            data = rest
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if not text.isascii():
            if declared and _codec(declared) not in ("utf_8", None):
                warnings.append(f"the page declares {declared} but is UTF-8; read as UTF-8")
            return text, "utf-8", warnings
        return text, "ascii", warnings
    codec = _codec(declared)
    if codec is None or codec in _WESTERN or codec.startswith("utf"):
        if declared and codec is None:
            warnings.append(f"the page declares an unknown character set ({declared}); read as Windows-1252")
        elif codec and codec.startswith("utf"):
            warnings.append(f"the page declares {declared} but is not valid UTF-8; read as Windows-1252")
        return _cp1252(data), "cp1252", warnings
    try:
        return data.decode(codec), codec, warnings
    except UnicodeDecodeError:
        pass
    return _last_resort(data, declared, warnings)


def _last_resort(data: bytes, declared: str | None, warnings: list[str]) -> tuple[str, str, list[str]]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            warnings.append(
                f"the page's declared character set ({declared}) does not fit; guessed {best.encoding}"
            )
            return text, best.encoding, warnings
    warnings.append("the page's character set could not be determined; read as Windows-1252")
    return _cp1252(data), "cp1252", warnings


# --------------------------------------------------------------------------- repairs
_CONT = "".join(_CP1252_TABLE[b] for b in range(0x80, 0xC0))
_MOJIBAKE = re.compile(
    "(?:[\u00c2-\u00df][" + re.escape(_CONT) + "]"
    "|[\u00e0-\u00ef][" + re.escape(_CONT) + "]{2}"
    "|[\u00f0-\u00f4][" + re.escape(_CONT) + "]{3})+"
)


# Every repairable run starts with a lead letter followed by a continuation character: a cheap test
# that lets the (slower) full pattern run only on the rare pages that have one.
_MOJIBAKE_START = re.compile("[\u00c2-\u00f4][" + re.escape(_CONT) + "]")


def _unmangle(match: re.Match[str]) -> str:
    chunk = match.group(0)
    try:
        raw = bytes(_CP1252_REVERSE[ch] for ch in chunk)
        return raw.decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return chunk


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8 read as cp1252 (``â€™`` -> ``’``); returns the text and the number of repairs.

    Only runs that decode as valid UTF-8 are changed, so correct text (where
    such letter pairs almost never occur) stays as it is.
    """
    if text.isascii() or _MOJIBAKE_START.search(text) is None:
        return text, 0
    count = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal count
        fixed = _unmangle(m)
        if fixed != m.group(0):
            count += 1
        return fixed

    return _MOJIBAKE.sub(sub, text), count


_ENTITY_NAMES = sorted({name.rstrip(";") for name in html5 if name.endswith(";")}, key=len, reverse=True)
_ENTITY_SET = frozenset(_ENTITY_NAMES)
_BROKEN_ENTITY = re.compile(
    r"&(?:amp;)+(#\d{1,7};|#x[0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)|&([A-Za-z][A-Za-z0-9]{1,31})(:|(?=[^A-Za-z0-9;=]))"
)
# "&ndash:" or "&rsquo " (no semicolon). Names that HTML already reads without a
# semicolon (&amp, &copy ...) are left alone, as are words after a bare "&" in URLs.


def repair_entities(text: str) -> tuple[str, int]:
    """Fix double-encoded and unterminated entities; returns the text and the number of repairs."""
    if "&" not in text:
        return text, 0
    count = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal count
        if m.group(1):
            inner = m.group(1)
            name = inner[:-1]
            if name.startswith("#") or name in _ENTITY_SET:
                count += 1
                return "&" + inner
            return m.group(0)
        name, tail = m.group(2), m.group(3)
        if name in _ENTITY_SET and (name + ";") in html5 and name not in _LEGACY:
            count += 1
            return f"&{name};"
        del tail
        return m.group(0)

    return _BROKEN_ENTITY.sub(sub, text), count


# Entities HTML decodes without a semicolon: leave those to the parser.
_LEGACY = frozenset(name for name in html5 if not name.endswith(";"))


def _repairs(text: str, warnings: list[str]) -> tuple[str, bool]:
    """The repaired text, and whether anything was changed."""
    text, mangled = repair_mojibake(text)
    if mangled:
        warnings.append(f"repaired {mangled} double-encoded character sequence(s) (such as â€™ for ’)")
    text, broken = repair_entities(text)
    if broken:
        warnings.append(f"repaired {broken} broken character reference(s) (such as &ndash: or &amp;mdash;)")
    return text, bool(mangled or broken)


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """Text of an HTML page, the encoding used, and warnings about what was guessed or repaired."""
    text, used, warnings = _decode(bytes(data), declared_charset(data))
    return _repairs(text, warnings)[0], used, warnings


def decode_html_utf8(data: bytes) -> tuple[bytes, str, list[str]]:
    """``decode_html`` with the text given back as UTF-8 bytes, the form the HTML parser reads.

    A page that is already valid UTF-8 (or ASCII), without a byte-order mark, and needs no repair is
    given back as it is, with no copy made.
    """
    data = bytes(data)
    text, used, warnings = _decode(data, declared_charset(data))
    text, changed = _repairs(text, warnings)
    if not changed and used in ("ascii", "utf-8") and not data.startswith(codecs.BOM_UTF8):
        return data, used, warnings
    # Text decoded from bytes holds no lone surrogates except from the last-resort guess; those are
    # dropped, as the parser drops them from text it is given.
    return text.encode("utf-8", "ignore"), used, warnings


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """Text of a plain-text page (no declaration to read), the encoding used, and warnings."""
    text, used, warnings = _decode(bytes(data), None)
    text, fixed = repair_mojibake(text)
    if fixed:
        warnings.append(f"repaired {fixed} double-encoded character sequence(s) (such as â€™ for ’)")
    return text, used, warnings
