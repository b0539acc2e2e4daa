"""Text helpers every layer shares: names folded to keys, names matched leniently, first lines.

A name is folded to a key in four ways. They differ on purpose, and each is written into data
(IRIs, ``dip:nameKey`` values, person keys) or compared with data written before, so none of them
may change:

- ``ascii_words``: IRI slugs and the scorer's words. Only ASCII letters and digits stay: other
  letters ("ł", "п") and curly apostrophes vanish, a straight apostrophe splits words.
- ``name_key``: ``dip:nameKey`` values and ``name`` query parameters. Letters of every script
  stay as written; any apostrophe splits words ("O'Brien" -> "o brien").
- ``normalise_name``: gazetteer lookups and person keys (hence person IRIs). "ł", "ø", "ß" and
  their kin are spelled out; apostrophes vanish ("O'Brien" -> "obrien").
- ``fold``: the first step of a country's lookup key. Only case, accents and curly apostrophes
  change; the country module does the rest.

All four drop accents (``strip_accents``) and case; ``tests/test_text.py`` pins each one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = [
    "ascii_words",
    "first_line",
    "first_names_agree",
    "fold",
    "name_key",
    "normalise_name",
    "same_surname_leniently",
    "strip_accents",
]


def strip_accents(text: str) -> str:
    """``text`` decomposed (NFKD) without its combining marks: "Erdoğan" -> "Erdogan", "ﬁ" -> "fi"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Accent-free, case-folded text with curly apostrophes made straight; nothing else changes."""
    return strip_accents(text.translate(_CURLY)).casefold()


_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def ascii_words(text: str) -> list[str]:
    """The lower-case ASCII words of ``text``: accents dropped, then every other letter that is not
    ASCII, punctuation splitting words ("Lavrov's" -> ["lavrov", "s"]). What IRIs are made of
    (``kb.rdf.iris.slug``) and what the scorer compares, so quotes and accents cannot decide a match."""
    return _ASCII_WORD.findall(strip_accents(text).encode("ascii", "ignore").decode().lower())


_ASCII_WORD = re.compile(r"[a-z0-9]+")


def name_key(text: str) -> str:
    """The ``dip:nameKey`` form of a name: lower case, accents and punctuation dropped, words
    single-spaced, letters of every script kept ("O'Brien" -> "o brien", "Пу́тин" -> "путин").

    Stores hold these values and ``name`` query parameters are folded the same way to match them
    exactly, so this must not change (unlike ``normalise_name``, "ł" stays "ł" and an apostrophe
    splits words; unlike ``fold``, case is folded before accents are stripped, and the modifier
    letter "ʼ" is a letter).
    """
    plain = strip_accents(text.casefold())  # case first, then accents: "ϒ" -> "Υ", as stored
    return " ".join(w for w in _NOT_WORD.split(plain.replace("_", " ")) if w)


_NOT_WORD = re.compile(r"[^\w]+")


def normalise_name(name: str) -> str:
    """Comparable form of a name: "Sergéi  LAVROV" -> "sergei lavrov", "Kim Jong-un" -> "kim jong un".

    Accents are stripped and case folded, and letters NFKD keeps whole are spelled out ("Wałęsa"
    -> "walesa"); apostrophes vanish ("O'Brien" -> "obrien") while hyphens, dots and other
    punctuation separate words, so "Jong-un" and "Jong Un", or "H.W." and "H. W.", agree. The
    gazetteer looks people up by it, and person keys (hence person IRIs) are made of it.
    """
    text = _APOSTROPHES.sub("", fold(name.translate(_LETTERS)))
    return " ".join(_SEPARATORS.sub(" ", text).split())


# Letters that NFKD does not split into a base letter and an accent.
_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "þ": "th",
    }
)
_APOSTROPHES = re.compile(r"['’‘`ʼ]")
_SEPARATORS = re.compile(r"[^\w\s]|_")


# -- lenient name matching ------------------------------------------------------------------------

def first_names_agree(a: str, b: str) -> bool:
    """Whether two first names (folded words) can be one person's: the same, or one is the other's
    initial. "S." and "Subrahmanyam" agree; "Joe" and "Jill" do not, since the extractor must not
    make two people of one article one person."""
    return a == b or ((len(a) == 1 or len(b) == 1) and a[0] == b[0])


def same_surname_leniently(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two names (their words, titles dropped) can name one person by the scorer's lenient
    rule: the same last word, and either name is that word alone or the first words begin with the
    same letter ("Lavrov" = "Sergey Lavrov", "A. Blinken" = "Antony Blinken", and also "Joe" = "Jill").

    Looser than ``first_names_agree`` on purpose: gold annotations and extractions spell names
    differently, and a gold article's people are already told apart by their keys.
    """
    if not a or not b or a[-1] != b[-1]:
        return False
    return len(a) == 1 or len(b) == 1 or a[0][0] == b[0][0]


# -- one-line messages ----------------------------------------------------------------------------

def first_line(message: object, limit: int | None = None, default: str | None = None) -> str:
    """The first line of a message (an exception's, a server's answer), cut to ``limit`` characters,
    for one-line errors. An empty message gives ``default``, else an exception's class name."""
    lines = str(message).strip().splitlines()
    if not lines:
        if default is not None:
            return default
        return type(message).__name__ if isinstance(message, BaseException) else ""
    return lines[0][:limit] if limit is not None else lines[0]
