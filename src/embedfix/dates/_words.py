"""Spellings of date words: dots, apostrophes, case, and the mojibake they turn into.

Every word the date grammar knows (month and weekday names, particles, eras, marks) is entered in its
tables under all these spellings, looked up by its folded form.
"""

from __future__ import annotations

import unicodedata
from typing import TypeVar

_V = TypeVar("_V")

_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")

_LATIN1_TO_CP1252 = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in _CP1252_HOLES
}
"""A `str.translate` table from the latin-1 reading of bytes to their "sloppy" cp1252 reading, as
browsers and ftfy read it: the same but for these 27 bytes (the five undefined ones pass through)."""


def mojibake(text: str) -> set[str]:
    """The forms ``text`` takes when its UTF-8 bytes are read as cp1252 or latin-1."""
    if text.isascii():
        return set()
    latin1 = text.encode("utf-8").decode("latin-1")
    return {latin1, latin1.translate(_LATIN1_TO_CP1252)}


def spellings(name: str) -> set[str]:
    """``name`` with and without a trailing dot, and with ASCII apostrophes."""
    out = {name, name[:-1] if name.endswith(".") and len(name) > 2 else name + "."}
    out |= {s.replace("’", "'").replace("׳", "'") for s in out}
    return out


def variants(name: str) -> set[str]:
    """The spellings of ``name`` plus their mojibake in lower, upper and capitalised case."""
    out = set()
    for s in spellings(name):
        out.add(s)
        for cased in {s, s.lower(), s.upper(), s[:1].upper() + s[1:]}:
            out |= mojibake(cased)
    return out


def fold(text: str) -> str:
    """The key a word is looked up by: composed (NFC) and case-folded."""
    return text.casefold() if text.isascii() else unicodedata.normalize("NFC", text).casefold()


def split_entries(value: str) -> list[list[str]]:
    """The entries of a `_cldr` value (``;``-separated), each a list of spellings (``|``)."""
    return [entry.split("|") for entry in value.split(";")]


def is_word(text: str) -> bool:
    """True for a non-empty run of letters and combining marks (Thai `ที่` has a tone mark)."""
    return bool(text) and all(unicodedata.category(c)[0] in "LM" for c in text)


def lookup(table: dict[str, _V], word: str) -> _V | None:
    """``table[word]`` by folded spelling, trying the word without a final dot too."""
    key = fold(word)
    found = table.get(key)
    if found is None and key.endswith("."):
        found = table.get(key[:-1])
    return found
