"""Signature dates: recognise and parse the date that ends an embed's signature.

Interface used by the detectors (kept stable while the grammar grows):

* `match_date(text, pos, endpos)`: the date starting exactly at ``text[pos]``, or None.
* `parse_date(raw, lang=None)`: the `datetime.date` and language of a date string.

This first version knows English month names, ISO dates and 13-digit epoch milliseconds.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

__all__ = ["DateMatch", "match_date", "parse_date"]


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text."""

    start: int
    """Offset of the first character of the date."""
    end: int
    """Offset just past the last character of the date (and of its time suffix, if any)."""
    raw: str
    """``text[start:end]``."""
    date: datetime.date | None
    """The parsed date, or None when the text looks like a date but is impossible."""
    lang: str | None
    """The language the date is written in, or None when ambiguous (or for ISO and epoch forms)."""


_MONTHS = {
    name.casefold(): i
    for i, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}

_DATE = regex.compile(
    r"""
    (?P<en>(?P<month>[A-Za-z]{3,9})\.?[ \u00a0]+(?P<day>\d{1,2}),[ \u00a0]*(?P<year>\d{4}))(?!\d)
    | (?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?![\d-])
    | (?P<epoch>1\d{12})(?!\d)
    """,
    regex.VERBOSE,
)


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def match_date(text: str, pos: int = 0, endpos: int | None = None) -> DateMatch | None:
    """Return the date that starts exactly at ``text[pos]``, or None."""
    m = _DATE.match(text, pos, len(text) if endpos is None else endpos)
    if m is None:
        return None
    if m.group("en"):
        month = _MONTHS.get(m.group("month").casefold())
        if month is None:
            return None
        d = _safe_date(int(m.group("year")), month, int(m.group("day")))
        return DateMatch(m.start(), m.end(), m.group(), d, "en")
    if m.group("iso"):
        d = _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        return DateMatch(m.start(), m.end(), m.group(), d, None)
    ms = int(m.group("epoch"))
    d = datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc).date()
    return DateMatch(m.start(), m.end(), m.group(), d, None)


def parse_date(raw: str, *, lang: str | None = None) -> tuple[datetime.date | None, str | None]:
    """Parse a whole date string; return ``(date, language)`` or ``(None, None)``."""
    m = match_date(raw.strip())
    if m is None or m.end != len(raw.strip()):
        return None, None
    return m.date, m.lang
