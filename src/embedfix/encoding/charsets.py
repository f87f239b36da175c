"""The characters that UTF-8 bytes become in ftfy's single-byte encodings, from ftfy's own tables.

Mojibake is UTF-8 read in one of ftfy's single-byte encodings (`ftfy.chardata.CHARMAP_ENCODINGS`):
each multi-byte sequence turns into a *lead* character (a byte ``0xC0``-``0xF4``) followed by
*continuation* characters (bytes ``0x80``-``0xBF``). The sets here say which characters those are,
per encoding; the suspect scan (`mojibake`) and the document screen (`screen`) are built from them
rather than from lists typed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import ftfy.chardata
import regex

__all__ = [
    "CLUE_CONTINUATION",
    "CLUE_FIRSTS",
    "CONTROLS",
    "ENCODINGS",
    "ROLES",
    "Roles",
    "char_class",
    "chars",
    "clue_set",
]

ENCODINGS: tuple[str, ...] = tuple(ftfy.chardata.CHARMAP_ENCODINGS)
"""The single-byte encodings ftfy tries, in its order."""


def chars(encoding: str, lo: int, hi: int) -> frozenset[str]:
    """The characters that bytes ``lo..hi`` decode to in ``encoding``."""
    return frozenset(bytes(range(lo, hi + 1)).decode(encoding, errors="ignore"))


@dataclass(frozen=True, slots=True)
class Roles:
    """What the bytes of UTF-8 become in one of ftfy's single-byte encodings, by the part they play
    in a damaged sequence."""

    encoding: str
    """The encoding's name, as ftfy spells it."""
    lead: frozenset[str]
    """The first byte of a multi-byte sequence (``0xC0``-``0xF4``)."""
    cont: frozenset[str]
    """A continuation byte (``0x80``-``0xBF``)."""
    spaced2: frozenset[str]
    """A 2-byte lead whose continuation became a space (ftfy's ``restore_byte_a0``, which never
    runs in macroman: empty there)."""
    spaced3: frozenset[str]
    """A 3- or 4-byte lead followed by such a space, then a continuation (empty in macroman)."""
    lossy2: frozenset[str]
    """A 2-byte lead whose continuation became ``?`` (``replace_lossy_sequences``)."""
    lossy34: frozenset[str]
    """A 3- or 4-byte lead followed by such a ``?``, then a continuation."""


def _roles(encoding: str) -> Roles:
    spaced = encoding != "macroman"
    spaced2 = (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9) if spaced else ()
    return Roles(
        encoding=encoding,
        lead=chars(encoding, 0xC0, 0xF4),
        cont=chars(encoding, 0x80, 0xBF),
        spaced2=frozenset().union(*(chars(encoding, b, b) for b in spaced2)),
        spaced3=(chars(encoding, 0xE2, 0xE3) | chars(encoding, 0xF0, 0xF0))
        if spaced
        else frozenset(),
        lossy2=chars(encoding, 0xC2, 0xC3),
        lossy34=chars(encoding, 0xE0, 0xF4),
    )


def char_class(members: frozenset[str] | set[str] | str) -> str:
    """A regex character class matching exactly ``members``, runs of code points as ranges."""
    codes = sorted(set(map(ord, members)))
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{_escape(codes[i])}-{_escape(codes[j])}")
        else:
            parts.extend(_escape(c) for c in codes[i : j + 1])
        i = j + 1
    return "[" + "".join(parts) + "]"


def _escape(code: int) -> str:
    return regex.escape(chr(code), special_only=False)


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

ROLES: tuple[Roles, ...] = tuple(_roles(encoding) for encoding in ENCODINGS)
"""The roles in each encoding ftfy tries, in its order: the one source of these byte ranges for
the suspect scan and the screen, which must agree."""
