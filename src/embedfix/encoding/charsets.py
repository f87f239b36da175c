"""The characters that UTF-8 bytes become in ftfy's single-byte encodings, from ftfy's own tables.

Mojibake is UTF-8 read in one of ftfy's single-byte encodings (`ftfy.chardata.CHARMAP_ENCODINGS`):
each multi-byte sequence turns into a *lead* character (a byte ``0xC0``-``0xF4``) followed by
*continuation* characters (bytes ``0x80``-``0xBF``). The sets here say which characters those are,
per encoding; the suspect scan (`mojibake`) and the document screen (`screen`) are built from them
rather than from lists typed by hand.
"""

from __future__ import annotations

import ftfy.chardata
import regex

__all__ = [
    "CLUE_CONTINUATION",
    "CLUE_FIRSTS",
    "CONTROLS",
    "ENCODINGS",
    "char_class",
    "chars",
    "clue_set",
]

ENCODINGS: tuple[str, ...] = tuple(ftfy.chardata.CHARMAP_ENCODINGS)
"""The single-byte encodings ftfy tries, in its order."""


def chars(encoding: str, lo: int, hi: int) -> frozenset[str]:
    """The characters that bytes ``lo..hi`` decode to in ``encoding``."""
    return frozenset(bytes(range(lo, hi + 1)).decode(encoding, errors="ignore"))


def char_class(members: frozenset[str] | set[str] | str) -> str:
    """A regex character class matching exactly ``members``."""
    return "[" + "".join(regex.escape(c, special_only=False) for c in sorted(members)) + "]"


def clue_set(body: str) -> frozenset[str]:
    """The characters of one of ftfy's `UTF8_CLUES` class bodies (``a-z`` ranges expanded)."""
    out: set[str] = set()
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            out.update(map(chr, range(ord(body[i]), ord(body[i + 2]) + 1)))
            i += 3
        else:
            out.add(body[i])
            i += 1
    return frozenset(out)


CLUE_FIRSTS: tuple[frozenset[str], frozenset[str], frozenset[str]] = (
    clue_set(ftfy.chardata.UTF8_CLUES["utf8_first_of_2"]),
    clue_set(ftfy.chardata.UTF8_CLUES["utf8_first_of_3"]),
    clue_set(ftfy.chardata.UTF8_CLUES["utf8_first_of_4"]),
)
"""What ftfy's `decode_inconsistent_utf8` takes for the first character of a 2-, 3- and 4-byte
sequence."""

CLUE_CONTINUATION = clue_set(ftfy.chardata.UTF8_CLUES["utf8_continuation"])
"""What it takes for a continuation character (this set includes the space)."""

CONTROLS = frozenset(chr(c) for c in ftfy.chardata.CONTROL_CHARS) | {"\x1a", "\x1b"}
"""The control characters ftfy removes or reads as damage."""
