"""Text analysis: one analyzer per language, the same at index and query time.

A document's ``language`` decides which analyzer reads its title and body: the
words are split on anything that is not a letter or digit, lower-cased,
folded to ASCII where a letter has an ASCII form (``Høgsbjerg`` ->
``hogsbjerg``), then stemmed by the language's Snowball stemmer. Folding comes
first so that a word typed without its accents stems exactly as the printed
word does (``proces`` and ``procès`` both give ``proc``); the query goes
through the same chain. Names (authors, periodicals) are folded but never
stemmed: ``Trotskii`` must not become ``Trotsky``.

Each language has its own fields (``title_en``, ``body_en``, ...), so one
language's stemmer never reads another's words. Languages without a stemmer
share ``title_xx`` / ``body_xx`` (folding only).
"""

from __future__ import annotations

import unicodedata
from functools import cache

import tantivy

# BCP 47 primary subtag -> Snowball stemmer name known to tantivy.
STEMMERS: dict[str, str] = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
}
OTHER = "xx"  # languages without a stemmer
LANGUAGES: tuple[str, ...] = (*sorted(STEMMERS), OTHER)
_ALIASES = {"nb": "no", "nn": "no"}
# Words longer than this (in bytes) are dropped: they are almost always junk
# (URLs, runs of symbols) and would bloat the term dictionary.
MAX_TOKEN_BYTES = 40

FOLD = "sc_fold"  # tokenizer name for names: fold, no stemming


def index_language(code: str | None) -> str:
    """The analyzer language for a BCP 47 code: ``en-GB`` -> ``en``, ``ja`` -> ``xx``."""
    primary = (code or "").strip().lower().replace("_", "-").split("-", 1)[0]
    primary = _ALIASES.get(primary, primary)
    return primary if primary in STEMMERS else OTHER


def facet_language(code: str | None) -> str:
    """The language as shown in facets: the primary subtag, lower case (``en-GB`` -> ``en``)."""
    primary = (code or "").strip().lower().replace("_", "-").split("-", 1)[0]
    return _ALIASES.get(primary, primary) or "und"


def tokenizer_name(lang: str) -> str:
    return f"sc_{lang}"


def _builder() -> tantivy.TextAnalyzerBuilder:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_BYTES))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
    )


@cache
def analyzer(lang: str) -> tantivy.TextAnalyzer:
    """The analyzer of a language field (``xx`` and :data:`FOLD` fold without stemming)."""
    builder = _builder()
    if lang in STEMMERS:
        builder = builder.filter(tantivy.Filter.stemmer(STEMMERS[lang]))
    return builder.build()


@cache
def fold_analyzer() -> tantivy.TextAnalyzer:
    return _builder().build()


def register(index: tantivy.Index) -> None:
    """Custom tokenizers are not stored in the index: register them on every open."""
    for lang in LANGUAGES:
        index.register_tokenizer(tokenizer_name(lang), analyzer(lang))
    index.register_tokenizer(FOLD, fold_analyzer())


def nfc(text: str) -> str:
    """Canonical composition, applied to everything indexed and every query.

    ``e`` followed by a combining acute and the single letter ``é`` look the same
    to a reader; tantivy's tokenizer would split the first at the combining mark.
    NFC (unlike NFKC) never changes how the text looks, so stored text can be
    shown as it is.
    """
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def tokens(text: str, lang: str | None = None) -> list[str]:
    """The words the index keeps for ``text`` (names when ``lang`` is None)."""
    return (analyzer(lang) if lang else fold_analyzer()).analyze(nfc(text))
