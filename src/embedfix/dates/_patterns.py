"""Reading CLDR date patterns (``d MMMM y``, ``y年M月d日``) into what the grammar compares.

A date found in text and a pattern a language writes dates with are compared by their *shape*: the
order of day, month and year, a dot after the day, a particle (``de``, ``ב``) and a year suffix
(``г.``). The CJK year and day marks and the word joining a leading weekday to the day come along.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._words import is_word

Shape = tuple[str, bool, str | None, str | None]
"""(field order ``"dMy"``/``"Mdy"``/``"yMd"``, dot after the day, particle, year suffix)."""

_PARTICLES = {"de": "de", "del": "de", "d’": "de", "d'": "de", "ב": "ב"}


def pattern_tokens(pattern: str) -> list[tuple[bool, str]]:
    """Split a CLDR pattern into (is_field, text) tokens; quoted text is literal."""
    tokens: list[tuple[bool, str]] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "'":
            j = pattern.find("'", i + 1)
            j = len(pattern) if j < 0 else j
            tokens.append((False, pattern[i + 1 : j] or "'"))
            i = j + 1
        elif c.isascii() and c.isalpha():
            j = i
            while j < len(pattern) and pattern[j] == c:
                j += 1
            tokens.append((True, pattern[i:j]))
            i = j
        else:
            tokens.append((False, c))
            i += 1
    return tokens


@dataclass(frozen=True, slots=True)
class PatternInfo:
    """What the grammar needs to know about one CLDR pattern."""

    shape: Shape
    weekday_last: bool
    year_mark: str | None
    day_mark: str | None
    weekday_joiner: str | None  # a word between a leading weekday and the day: da `den`, th `ที่`


def pattern_info(pattern: str) -> PatternInfo:
    """Read a CLDR pattern: its shape, whether its weekday comes last, its CJK year and day marks."""
    tokens = pattern_tokens(pattern)
    fields = [t for is_field, t in tokens if is_field]
    order = "".join({"L": "M"}.get(f[0], f[0]) for f in fields if f[0] in "dMLy")
    after: dict[str, str] = {}
    for k, (is_field, text) in enumerate(tokens):
        if is_field and text[0] in "dyEc":
            lit = ""
            for is_f, t in tokens[k + 1 :]:
                if is_f:
                    break
                lit += t
            after[text[0]] = lit.strip()
    joiner = (after.get("E") or after.get("c") or "").strip(" ,،")
    literal = " ".join(t for is_field, t in tokens if not is_field)
    words = literal.replace(",", " ").split()
    particle = next((_PARTICLES[w] for w in words if w in _PARTICLES), None)
    if "ב" in literal:
        particle = "ב"
    daydot = order == "dMy" and after.get("d", "").startswith(".")
    suffix = after.get("y", "").strip(" .\u202f\u00a0") or None if order == "dMy" else None
    year_mark = after.get("y", "") if order == "yMd" else ""
    day_mark = after.get("d", "") if order == "yMd" else ""
    return PatternInfo(
        (order, daydot, particle, suffix),
        bool(fields) and fields[-1][0] in "Ec",
        year_mark if year_mark.isalpha() else None,
        day_mark if day_mark.isalpha() else None,
        joiner if is_word(joiner) and fields[-1][0] not in "Ec" else None,
    )
