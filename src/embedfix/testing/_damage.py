"""Encoding damage as real pipelines inflict it (research/ENCODING.md §1 and §2.1).

Small pure functions, one per mechanism; each maps clean text to the text that pipeline stores.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


def _cp1252_encodable(ch: str) -> bool:
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def damage_utf8mb3(text: str) -> str:
    """MariaDB with a utf8mb3 client, non-strict: one ``?`` per UTF-8 byte of each astral
    character (4 per emoji); every BMP character survives."""
    return "".join("????" if ord(ch) > 0xFFFF else ch for ch in text)


def damage_per_code_point(text: str) -> str:
    """A legacy encode with ``errors="replace"`` (Python, Java, PHP, iconv into cp1252): one ``?``
    per character cp1252 lacks."""
    return "".join(ch if _cp1252_encodable(ch) else "?" for ch in text)


def damage_utf16(text: str) -> str:
    """.NET, iconv-lite, JavaScript without the ``u`` flag into cp1252: one ``?`` per UTF-16 unit
    of each character cp1252 lacks (2 per emoji)."""
    out = []
    for ch in text:
        if _cp1252_encodable(ch):
            out.append(ch)
        else:
            out.append("??" if ord(ch) > 0xFFFF else "?")
    return "".join(out)


def _sloppy_cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # the five bytes cp1252 leaves undefined become C1 controls


def mojibake_cp1252(text: str) -> str:
    """UTF-8 bytes read as Windows-1252: ``—`` becomes ``â€”``, ``é`` becomes ``Ã©``."""
    return "".join(_sloppy_cp1252(b) for b in text.encode("utf-8", "surrogatepass"))


def dash_ascii(text: str) -> str:
    """Em and en dashes written as ASCII, as html2text and transliterating pipelines do."""
    return text.replace("\N{EM DASH}", "--").replace("\N{EN DASH}", "-")


def dash_lost(text: str) -> str:
    """Em and en dashes dropped, as some extractors and hand edits leave signatures."""
    return text.replace("\N{EM DASH}", "").replace("\N{EN DASH}", "")


@dataclass(frozen=True, slots=True)
class Mechanism:
    """One damage mechanism and what `embedfix.Damage` should say about a text it damaged."""

    name: str
    """The ``how`` name of the mechanism."""
    apply: Callable[[str], str]
    """The pure function inflicting it."""
    damage_mechanism: str
    """The expected `embedfix.Damage.mechanism` when it lost characters, else ``"none"``."""
    qmarks_per_char: int | None
    """How many ``?`` it writes for one lost astral character, or None."""


MECHANISMS: dict[str, Mechanism] = {
    m.name: m
    for m in (
        Mechanism("utf8mb3", damage_utf8mb3, "utf8mb3-bytes", 4),
        Mechanism("code-points", damage_per_code_point, "code-points", 1),
        Mechanism("utf16-units", damage_utf16, "utf16-units", 2),
        Mechanism("mojibake", mojibake_cp1252, "none", None),
        Mechanism("dash-ascii", dash_ascii, "none", None),
        Mechanism("dash-lost", dash_lost, "none", None),
    )
}
"""Every damage mechanism by name."""


@dataclass(frozen=True, slots=True)
class Damaged:
    """A damaged text with its clean original and the mechanism that damaged it."""

    text: str
    """The damaged text."""
    original: str
    """The text before damage."""
    how: str
    """The mechanism, a key of `MECHANISMS`."""
    mechanism: str
    """The `embedfix.Damage.mechanism` a reader should infer when characters were lost
    (``"utf8mb3-bytes"``, ``"code-points"``, ``"utf16-units"``), else ``"none"``."""
    qmarks_per_char: int | None
    """``?`` per lost astral character (4, 1, 2), or None for mojibake and dash damage."""
