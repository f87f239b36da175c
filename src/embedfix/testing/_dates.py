"""Signature dates as Twitter wrote them, per language and per markup era.

Two generations are modelled (research/FORMATS.md §2.2–2.3): the CLDR long date of the
``data-lang`` eras (2015 on), and the hand-made per-language strings of the ``lang=`` era (2013).
Only five languages are covered; their month names are checked against babel by the test suite.
"""

from __future__ import annotations

import datetime


def _words(text: str) -> tuple[str, ...]:
    """The space-separated words of ``text``."""
    return tuple(text.split())


DATE_LANGS = ("en", "fr", "de", "es", "ja")
"""The date languages the generators can write."""

MONTHS: dict[str, tuple[str, ...]] = {
    "en": _words(
        "January February March April May June July August September October November December"
    ),
    "fr": _words(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    ),
    "de": _words(
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
    ),
    "es": _words(
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
    ),
}
"""Wide month names (CLDR format context) for the languages that spell months out."""


def format_date(date: datetime.date, lang: str, era: str) -> str:
    """The date string of a tweet embed of ``era`` whose widget language is ``lang``.

    >>> format_date(datetime.date(2019, 3, 29), "fr", "2018")
    '29 mars 2019'
    >>> format_date(datetime.date(2014, 2, 24), "fr", "2013")
    '24 Février 2014'
    """
    y, m, d = date.year, date.month, date.day
    if lang == "ja":
        return f"{y}, {m}月 {d}" if era == "2013" else f"{y}年{m}月{d}日"
    month = MONTHS[lang][m - 1]
    if lang == "en":
        return f"{month} {d}, {y}"
    if lang == "de":
        return f"{d}. {month} {y}"
    if lang == "fr":
        return f"{d} {month.capitalize() if era == '2013' else month} {y}"
    if era == "2013":  # es, hand-made G2 shape
        return f"{month} {d}, {y}"
    return f"{d} de {month} de {y}"
