"""The date grammar: one compiled pattern for the shapes of dates, and the reading of its matches.

The pattern knows the *shapes* of dates (day-month-year, month-day-year, year-first with or without
CJK marks, ISO, epoch milliseconds) and matches their words (month and weekday names) as generic
words, which are looked up in `_tables` afterwards. Adding a language adds entries to dictionaries,
not branches to the pattern, so matching costs about the same for one language as for thirty-six.
Which language a date is written in is decided after the match, from the month name, the shape and
the small words around it (particles, connectors, weekdays, digits).
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

import regex

from . import _cldr, _handmade
from ._patterns import Shape
from ._tables import Tables
from ._words import fold, lookup, mojibake

__all__ = ["ALL_LANGS", "DateMatch", "Grammar"]

ALL_LANGS: tuple[str, ...] = tuple(_cldr.LOCALES)
"""Every supported language code: Twitter's 34 widget languages plus ``en-gb`` and ``ca``."""


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text."""

    start: int
    """Offset of the first character of the date (of its weekday, when one leads)."""
    end: int
    """Offset just past the last character of the date, its time suffix and trailing weekday."""
    raw: str
    """``text[start:end]``."""
    date: datetime.date | None
    """The parsed date, or None when the text looks like a date but is impossible (February 30)."""
    lang: str | None
    """The language the date is written in, or None when ambiguous (or for ISO and epoch forms)."""
    langs: tuple[str, ...] = ()
    """Every language the date could be written in, sorted; empty for ISO and epoch forms."""
    has_time: bool = False
    """True when a time of day follows the date (Bluesky, Instagram, ISO timestamps)."""


_H = r"[\x20\t\u00a0\u202f\u2009\u200b\u200e\u200f\u061c]"
# No-break spaces as mojibake (`Â\xa0`, `â€¯`), and `Â ` once the no-break space was normalised.
_MOJIBAKE_COMMAS = tuple(sorted(mojibake("،")))
_MOJIBAKE_SPACES = sorted(mojibake("\u00a0") | mojibake("\u202f") | {"Â "})
_SPACE = "(?:" + _H + "|" + "|".join(regex.escape(s) for s in _MOJIBAKE_SPACES) + ")"
# One to three spaces, or a line break with a little indentation: dates wrap across lines.
_SP = rf"(?:{_SPACE}{{1,3}}(?:\r?\n{_H}{{0,3}})?|\r?\n{_H}{{0,3}})"
# A word: letters, marks, and the symbols mojibake is made of, with inner dots and apostrophes
# (`janv.`, `ม.ค.`, `d’abril`, `dÃ©cembre`). Its meaning is looked up after the match.
# Inside a word may stand dots, apostrophes and hyphens (`segunda-feira`), and the no-break space
# U+0085, that mojibake makes of the bytes A0 and 85 (`×\xa0` is Hebrew nun read as latin-1).
_WCHAR = r"(?:[^\s\d\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\u200b\u200e\u200f\u061c،]|\x85)"
_WORD = rf"(?>{_WCHAR}(?:{_WCHAR}|[.'\-\xa0](?={_WCHAR})){{0,39}}\.?)(?!{_WCHAR})"

_MONTH = rf"""
    (?:(?P<mname>{_WORD})
    |(?P<mnum>\d{{1,2}}){_H}{{0,2}}(?P<mmark>{{mmarks}})
    |(?P<mpre>{{mprefixes}}){_SP}(?P<mnum>\d{{1,2}})(?!\d))
"""

_TEMPLATE = rf"""
(?:
  (?P<wdpre>(?P<wd>{_WORD}(?:\x20{_WORD})?)[,،]?{_SP})??
  (?:
    (?P<dmy>
      (?P<d>\d{{1,2}})(?!\d)(?:(?P<ddot>\\?\.)|(?P<dsuf>{{dsuffixes}})(?![\p{{L}}]))?{_SP}?
      (?:(?P<pre>{{particles}}){_SP}|(?P<pre>{{glued}}))?
      {_MONTH}
      (?:{_SP}(?P<post>(?i:del?))(?![\p{{L}}]))?
      [,،]?{_SP}
      (?:(?P<era>{{eras}}){_SP}?)?
      (?P<y>\d{{4}})(?!\d)
      (?:{_SP}?(?P<suf>{{ysuffixes}})(?:\.|(?![\p{{L}}\p{{M}}])))?
    )
  | (?P<mdy>
      {_MONTH}{_SP}?(?P<d>\d{{1,2}})(?!\d)(?:[,،]{_SP}?|{_SP})(?P<y>\d{{4}})(?!\d)
    )
  | (?P<y>\d{{4}})(?!\d)
    (?:
      (?P<hu>\.{_SP}{_MONTH}{_SP}(?P<d>\d{{1,2}})(?!\d)\.?)
    | (?P<cjk>{_H}{{0,2}}(?P<ymark>{{ymarks}}){_H}{{0,2}}(?P<mnum>\d{{1,2}}){_H}{{0,2}}(?P<mmark>{{mmarks}})
        {_H}{{0,2}}(?P<d>\d{{1,2}}){_H}{{0,2}}(?:{{dmarks}}))
    | (?P<jag2>,{_SP}(?P<mnum>\d{{1,2}}){_H}{{0,2}}(?P<mmark>{{mmarks}}){_SP}(?P<d>\d{{1,2}})(?!\d))
    )
  )
  (?P<time>
    (?:[,،]?{_SP}(?:(?P<conn>{{connectors}}){_SP})?|{_H}{{0,2}})
    \d{{1,2}}[:hH]\d{{2}}(?!\d)(?::\d{{2}}(?!\d))?
    (?:{_SP}?(?i:[ap]\.?\x20?m\.?)(?!\p{{Ll}}))?
    (?:{_SP}(?:{{zones}})(?!\p{{Ll}}))?
  )?
  (?P<wdsuf>(?:[,،]?{_SP}|(?<=[日일]))(?P<wd2>{_WORD}))?
| (?P<iso>(?P<iy>[0-9]{{4}})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}})(?![0-9])
    (?P<isotime>[T\x20][0-9]{{2}}:[0-9]{{2}}(?::[0-9]{{2}}(?:\.[0-9]{{1,9}})?)?(?![0-9])
      (?:Z|[+-][0-9]{{2}}:?[0-9]{{2}}(?![0-9]))?)?)
| (?P<epoch>1[0-9]{{12}})(?![0-9])
)
"""

# Where a date may start when searching: after a non-letter, or where a capital follows a small
# letter (`textDecember 31, 2017`, a signature glued to the post's text).
_START = regex.compile(r"(?:(?<![\p{L}\p{M}\p{N}])|(?<=\p{Ll})(?=\p{Lu}))(?=[\p{L}\p{N}])")
# Every date but the ISO and epoch forms has a four-digit year; a search looks only around them.
_YEAR = regex.compile(r"(?<!\d)(?:\d{4}|1[0-9]{12})(?!\d)")
_WINDOW = 120  # how far before its year a date may start (weekday, day, particles, mojibake)

_LETTERS = regex.compile(r"[\p{L}\p{M}]+")

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


# The groups `Grammar._read` reads, in the order it unpacks them.
_GROUPS = [
    "iso",
    "iy",
    "im",
    "id",
    "isotime",
    "epoch",
    "mname",
    "mnum",
    "mmark",
    "ymark",
    "mpre",
    "wd",
    "d",
    "dmy",
    "mdy",
    "pre",
    "post",
    "suf",
    "ddot",
    "dsuf",
    "conn",
    "wdsuf",
    "wd2",
    "y",
    "era",
    "time",
]


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first; one that never matches if empty."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?i:" + "|".join(regex.escape(w) for w in ordered) + ")" if ordered else r"(?!)"


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class Grammar:
    """The date grammar for a set of languages: word tables, one compiled pattern, its reading."""

    def __init__(self, langs: Iterable[str] = ALL_LANGS) -> None:
        self.langs = tuple(dict.fromkeys(langs))
        unknown = [lang for lang in self.langs if lang not in _cldr.LOCALES]
        if unknown:
            msg = f"unknown date language(s) {unknown}; known: {', '.join(ALL_LANGS)}"
            raise ValueError(msg)
        self.tables = Tables(self.langs)
        pattern = _TEMPLATE
        # Particles ending in an apostrophe or written in another script are glued to the month
        # (`d’abril`, `ביולי`); `de` is a word of its own.
        particles = self.tables.lists.get("particles", set())
        glued = {w for w in particles if w[-1] in "’'" or not w.isascii()}
        self.tables.lists["glued"], self.tables.lists["particles"] = glued, particles - glued
        for key in (
            "mmarks",
            "mprefixes",
            "particles",
            "glued",
            "eras",
            "ysuffixes",
            "ymarks",
            "dmarks",
            "dsuffixes",
        ):
            pattern = pattern.replace("{" + key + "}", _alternation(self.tables.lists.get(key, ())))
        pattern = pattern.replace(
            "{connectors}", _alternation(self.tables.lists.get("connectors", ()))
        )
        pattern = pattern.replace("{zones}", "|".join(_handmade.TIME_ZONES))
        self._match = regex.compile(pattern, regex.VERBOSE)
        # Group values are read from `Match.groups()` by position: `Match.group(name)` is slow.
        index = self._match.groupindex
        self._pick = operator.itemgetter(*(index[name] - 1 for name in _GROUPS))
        self._wdsuf_group = index["wdsuf"]
        # The first word of a date that starts with a letter is a month, weekday or month prefix:
        # checking it first keeps the cost of the many positions that are no date low.
        runs = {
            run.group()
            for key in ("months", "weekdays", "mprefixes")
            for w in self.tables.lists.get(key, ())
            if (run := _LETTERS.match(w)) is not None
        }
        firsts = {fold(run) for run in runs}
        glued = {f + j for f in firsts for j in self.tables.weekday_joiners if not j.isascii()}
        self._first_words = frozenset(firsts | glued)

    # -- matching --

    def match(
        self, text: str, pos: int = 0, endpos: int | None = None, *, lang: str | None = None
    ) -> DateMatch | None:
        """The date starting exactly at ``text[pos]``, or None."""
        _check_types(text, pos, endpos)
        end = len(text) if endpos is None else max(0, min(endpos, len(text)))
        if pos < 0 or pos >= end:
            return None
        if not text[pos].isdecimal():
            run = _LETTERS.match(text, pos, min(end, pos + 40))
            if run is None or fold(run.group()) not in self._first_words:
                return None
        m = self._match.match(text, pos, end)
        return None if m is None else self._read(m, text, lang)

    def search(
        self, text: str, pos: int = 0, endpos: int | None = None, *, lang: str | None = None
    ) -> Iterator[DateMatch]:
        """Every date in ``text[pos:endpos]`` that does not start inside a word, left to right."""
        _check_types(text, pos, endpos)
        end = len(text) if endpos is None else max(0, min(endpos, len(text)))
        pos = max(0, pos)
        done = pos  # no date may start before the end of the previous one
        tried = pos  # every start before this one has been tried: each is tried once, at most
        for year in _YEAR.finditer(text, pos, end):
            if year.start() < done:
                continue
            lo = max(done, tried, year.start() - _WINDOW)
            tried = year.start() + 1
            for start in _START.finditer(text, lo, tried):
                m = self.match(text, start.start(), end, lang=lang)
                if m is not None and m.end >= year.end():
                    yield m
                    done = m.end
                    break

    def _weekday(self, word: str) -> set[str]:
        """The languages ``word`` is a weekday of, allowing a joiner after it (`mandag den`)."""
        found = lookup(self.tables.weekday_words, word)
        if found is None:
            key = fold(word)
            for joiner in self.tables.weekday_joiners:
                if key.endswith(joiner) and len(key) > len(joiner):
                    found = self.tables.weekday_words.get(key[: -len(joiner)].rstrip())
                    if found is not None:
                        break
        return found or set()

    def _read(self, m: regex.Match[str], text: str, hint: str | None) -> DateMatch | None:
        """Turn a match of the pattern into a `DateMatch`, or None when its words are no date's."""
        start, end = m.span()
        (iso, iy, im, id_, isotime, epoch, mname, mnum, mmark, ymark, mpre, wd, day, dmy, mdy, pre,
         post, suf, ddot, dsuf, conn, wdsuf, wd2, y, era, time) = self._pick(m.groups())  # fmt: skip
        if iso is not None:
            d = _safe_date(int(iy), int(im), int(id_))
            return DateMatch(start, end, text[start:end], d, None, (), isotime is not None)
        if epoch is not None:
            moment = _EPOCH + datetime.timedelta(milliseconds=int(epoch))
            return DateMatch(start, end, text[start:end], moment.date(), None, (), True)
        t = self.tables

        # Candidate languages, each with the month number it reads.
        cands: dict[str, int]
        if mname is not None:
            readings = lookup(t.month_words, mname)
            if readings is None and mname.endswith(_MOJIBAKE_COMMAS):  # Urdu `جنوری،` as cp1252
                mname = mname[:-2]
                readings = lookup(t.month_words, mname)
            if readings is None:
                return None
            cands = readings
        else:
            if mmark is not None:
                langs = t.month_marks.get(fold(mmark), set())
                if ymark is not None:
                    langs = (langs & t.year_marks.get(fold(ymark), set())) or langs
            else:
                langs = t.month_prefixes.get(fold(mpre), set())
            cands = dict.fromkeys(langs, int(mnum))
        weekday_langs: set[str] = set()
        if wd is not None:
            weekday_langs = self._weekday(wd)
            if not weekday_langs:
                return None

        # Narrow the candidates by each clue in turn; a clue that would leave none is ignored.
        if len(cands) > 1:
            particle = catalan = None
            for word in (pre, post):
                if word is not None:
                    key = fold(word)
                    particle = t.particles.get(key, "de")
                    catalan = catalan or key in ("d’", "d'", "del")
            # The shape of the date, as `_patterns.pattern_info` reads it from a CLDR pattern.
            shape: Shape = (
                "dMy" if dmy is not None else "Mdy" if mdy is not None else "yMd",
                ddot is not None,
                particle,
                None if suf is None else t.year_suffixes.get(fold(suf)),
            )
            by_shape = lookup(t.month_by_shape, mname) if mname is not None else None
            if by_shape is not None:
                cands = by_shape.get(shape) or cands
            else:
                cands = _narrow(cands, [lang for lang in cands if shape in t.shapes[lang]])
            if catalan:
                cands = _narrow(cands, ("ca",))
        if dsuf is not None:
            cands = {k: v for k, v in cands.items() if k in t.day_suffixes.get(fold(dsuf), ())}
            if not cands:
                return None  # `15hb` is Malay's own: no other language writes it
        if wd is not None and len(cands) > 1:
            cands = _narrow(cands, weekday_langs)
        if conn is not None and len(cands) > 1:
            cands = _narrow(cands, (t.connectors.get(fold(conn), ""),))
        if not day.isascii() and len(cands) > 1:
            cands = _narrow(cands, t.digit_langs.get(chr(ord(day[0]) - int(day[0])), ()))
        if wdsuf is not None:
            suffix_langs = lookup(t.weekday_words, wd2) or set()
            if suffix_langs & t.weekday_last & cands.keys():
                cands = _narrow(cands, suffix_langs)
            else:  # a word after the date, not a weekday of the date's language: not ours
                end = m.start(self._wdsuf_group)
        if len(cands) > 1 and mname is not None:
            wide = lookup(t.month_wide, mname)
            cands = _narrow(cands, wide if wide is not None else ())
        if len(cands) > 1 and mname is not None:
            cands = _narrow(cands, t.month_exact.get(mname, ()))

        lang = next(iter(cands)) if len(cands) == 1 else _resolve(hint, cands)
        month = cands[lang] if lang is not None else _common_month(cands)
        year = int(y)
        if era is not None:
            year -= t.eras.get(fold(era), 0)
        d = _safe_date(year, month, int(day)) if month else None
        return DateMatch(
            start, end, text[start:end], d, lang, tuple(sorted(cands)), time is not None
        )


def _check_types(text: object, pos: object, endpos: object) -> None:
    if not isinstance(text, str):
        msg = f"dates are read from str, not {type(text).__name__}"
        raise TypeError(msg)
    if not isinstance(pos, int) or not (endpos is None or isinstance(endpos, int)):
        msg = "pos and endpos must be int offsets (endpos may be None)"
        raise TypeError(msg)


def _narrow(cands: dict[str, int], keep: Collection[str]) -> dict[str, int]:
    """The candidates in ``keep``, or all of them when none is."""
    kept = {lang: month for lang, month in cands.items() if lang in keep}
    return kept or cands


def _common_month(cands: dict[str, int]) -> int:
    """The month all candidate languages agree on, or 0."""
    months = set(cands.values())
    return months.pop() if len(months) == 1 else 0


def normalize_lang(code: str) -> str:
    """A language code as embedfix writes them: lower case, ``-`` separated, aliases resolved."""
    code = code.strip().lower().replace("_", "-")
    return _handmade.LANG_ALIASES.get(code, code)


def _resolve(hint: str | None, cands: dict[str, int]) -> str | None:
    """Pick the hinted language among the candidates, or None."""
    if not hint or not cands:
        return None
    code = normalize_lang(hint)
    if code in cands:
        return code
    base = code.split("-")[0]
    same_base = [lang for lang in cands if lang.split("-")[0] == base]
    return same_base[0] if len(same_base) == 1 else None
