"""The date grammar: word tables built from the CLDR data, one compiled pattern, and its reading.

The pattern knows the *shapes* of dates (day-month-year, month-day-year, year-first with or without
CJK marks, ISO, epoch milliseconds), and takes its words (month and weekday names, particles, eras,
year suffixes) from named lists, so adding a language adds words, not branches: matching costs about
the same for one language as for thirty-six. Which language a date is written in is decided after the
match, from the month name, the shape and the small words around it.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import regex

from . import _cldr, _handmade

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


# --- words -----------------------------------------------------------------------------------

_V = TypeVar("_V")

_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _mojibake(text: str) -> set[str]:
    """The forms ``text`` takes when its UTF-8 bytes are read as cp1252 or latin-1."""
    if text.isascii():
        return set()
    data = text.encode("utf-8")
    latin1 = data.decode("latin-1")
    # "Sloppy" cp1252, as browsers and ftfy read it: the five undefined bytes pass through.
    cp1252 = "".join(chr(b) if b in _CP1252_HOLES else bytes([b]).decode("cp1252") for b in data)
    return {latin1, cp1252}


def _spellings(name: str) -> set[str]:
    """``name`` with and without a trailing dot, and with ASCII apostrophes."""
    out = {name, name[:-1] if name.endswith(".") and len(name) > 2 else name + "."}
    out |= {s.replace("’", "'").replace("׳", "'") for s in out}
    return out


def _variants(name: str) -> set[str]:
    """The spellings of ``name`` plus their mojibake in lower, upper and capitalised case."""
    out = set()
    for s in _spellings(name):
        out.add(s)
        for cased in {s, s.lower(), s.upper(), s[:1].upper() + s[1:]}:
            out |= _mojibake(cased)
    return out


def _fold(text: str) -> str:
    """The key a word is looked up by: composed (NFC) and case-folded."""
    return text.casefold() if text.isascii() else unicodedata.normalize("NFC", text).casefold()


def _split(value: str) -> list[list[str]]:
    return [entry.split("|") for entry in value.split(";")]


# --- patterns --------------------------------------------------------------------------------

Shape = tuple[str, bool, str | None, str | None]
"""(field order ``"dMy"``/``"Mdy"``/``"yMd"``, dot after the day, particle, year suffix)."""

_PARTICLES = {"de": "de", "del": "de", "d’": "de", "d'": "de", "ב": "ב"}


def _pattern_tokens(pattern: str) -> list[tuple[bool, str]]:
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
class _PatternInfo:
    """What the grammar needs to know about one CLDR pattern."""

    shape: Shape
    weekday_last: bool
    year_mark: str | None
    day_mark: str | None
    weekday_joiner: str | None  # a word between a leading weekday and the day: da `den`, th `ที่`


def _is_word(text: str) -> bool:
    """True for a non-empty run of letters and combining marks (Thai `ที่` has a tone mark)."""
    return bool(text) and all(unicodedata.category(c)[0] in "LM" for c in text)


def _pattern_info(pattern: str) -> _PatternInfo:
    """Read a CLDR pattern: its shape, whether its weekday comes last, its CJK year and day marks."""
    tokens = _pattern_tokens(pattern)
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
    return _PatternInfo(
        (order, daydot, particle, suffix),
        bool(fields) and fields[-1][0] in "Ec",
        year_mark if year_mark.isalpha() else None,
        day_mark if day_mark.isalpha() else None,
        joiner if _is_word(joiner) and fields[-1][0] not in "Ec" else None,
    )


# --- the grammar -----------------------------------------------------------------------------

_H = r"[\x20\t\u00a0\u202f\u2009\u200b\u200e\u200f\u061c]"
# No-break spaces as mojibake (`Â\xa0`, `â€¯`), and `Â ` once the no-break space was normalised.
_MOJIBAKE_COMMAS = tuple(sorted(_mojibake("،")))
_MOJIBAKE_SPACES = sorted(_mojibake("\u00a0") | _mojibake("\u202f") | {"Â "})
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
      (?P<d>\d{{1,2}})(?!\d)(?P<ddot>\.)?{_SP}?
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
_WINDOW = 90  # how far before its year a date may start (weekday, day, particles, mojibake)

_LETTERS = regex.compile(r"[\p{L}\p{M}]+")

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


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
        self._build_tables()
        pattern = _TEMPLATE
        # Particles ending in an apostrophe or written in another script are glued to the month
        # (`d’abril`, `ביולי`); `de` is a word of its own.
        particles = self._lists.get("particles", set())
        glued = {w for w in particles if w[-1] in "’'" or not w.isascii()}
        self._lists["glued"], self._lists["particles"] = glued, particles - glued
        for key in (
            "mmarks",
            "mprefixes",
            "particles",
            "glued",
            "eras",
            "ysuffixes",
            "ymarks",
            "dmarks",
        ):
            pattern = pattern.replace("{" + key + "}", _alternation(self._lists.get(key, ())))
        pattern = pattern.replace("{connectors}", _alternation(self._lists.get("connectors", ())))
        pattern = pattern.replace("{zones}", "|".join(_handmade.TIME_ZONES))
        self._match = regex.compile(pattern, regex.VERBOSE)
        # Group values are read from `Match.groups()` by position: `Match.group(name)` is slow.
        self._index = {name: number - 1 for name, number in self._match.groupindex.items()}
        # The first word of a date that starts with a letter is a month, weekday or month prefix:
        # checking it first keeps the cost of the many positions that are no date low.
        firsts = {
            _fold(run.group())
            for key in ("months", "weekdays", "mprefixes")
            for w in self._lists.get(key, ())
            if (run := _LETTERS.match(w)) is not None
        }
        glued = {f + j for f in firsts for j in self.weekday_joiners if not j.isascii()}
        self._first_words = frozenset(firsts | glued)

    # -- tables --

    def _build_tables(self) -> None:
        # Lookup tables are keyed by folded spelling; `_lists` holds the spellings for the pattern.
        self._lists: dict[str, set[str]] = {}
        self.month_words: dict[str, dict[str, int]] = {}  # spelling -> lang -> month number
        self.month_exact: dict[str, set[str]] = {}  # exact spelling (or its mojibake) -> langs
        self.month_wide: dict[str, set[str]] = {}  # spelling -> langs where it is a full name
        self.digit_langs: dict[str, set[str]] = {}  # digit zero -> langs writing those digits
        self.month_marks: dict[str, set[str]] = {}  # 月 / 월 -> langs
        self.month_prefixes: dict[str, set[str]] = {}  # tháng -> langs
        self.particles: dict[str, str] = {}  # de, d’, ב -> "de" | "ב"
        self.weekday_words: dict[str, set[str]] = {}
        self.eras: dict[str, int] = {}  # era -> years to subtract
        self.year_suffixes: dict[str, str] = {}  # г, р
        self.year_marks: dict[str, set[str]] = {}  # 年, 년 -> langs
        self.day_marks: dict[str, set[str]] = {}  # 日, 일 -> langs
        self.connectors: dict[str, str] = {}  # at, à, a las -> lang
        self.shapes: dict[str, set[Shape]] = {lang: set() for lang in self.langs}
        self.weekday_last: set[str] = set()
        self.weekday_joiners: set[str] = set()

        for lang in self.langs:
            for wide, table in ((True, _cldr.MONTHS), (False, _cldr.MONTHS_ABBR)):
                for number, spellings in enumerate(_split(table[lang]), start=1):
                    for name in filter(None, spellings):
                        self._add_month(lang, number, name, wide=wide)
            for zero in _cldr.DIGIT_ZEROS[lang]:
                self.digit_langs.setdefault(zero, set()).add(lang)
            for spellings in _split(_cldr.WEEKDAYS[lang]):
                for name in spellings:
                    self._add("weekdays", self.weekday_words, name, lang)
            patterns = [_cldr.LONG_PATTERNS[lang]]
            patterns += [p for code, p, _ in _handmade.LEGACY_PATTERNS if code == lang]
            for pattern in patterns:
                info = _pattern_info(pattern)
                self.shapes[lang].add(info.shape)
                if info.shape[3] is not None:
                    self._put("ysuffixes", self.year_suffixes, info.shape[3], info.shape[3])
                if info.shape[2] is not None:
                    self._put("particles", self.particles, info.shape[2], info.shape[2])
                if info.year_mark is not None:
                    self._add("ymarks", self.year_marks, info.year_mark, lang)
                if info.day_mark is not None:
                    self._add("dmarks", self.day_marks, info.day_mark, lang)
            full = _pattern_info(_cldr.FULL_PATTERNS[lang])
            if full.weekday_last:
                self.weekday_last.add(lang)
            if full.weekday_joiner is not None:
                self.weekday_joiners.update(_fold(v) for v in _variants(full.weekday_joiner))
            if lang in _cldr.ERAS:
                self._put("eras", self.eras, _cldr.ERAS[lang], 0)
                if lang == "th":
                    for era, offset in _handmade.ERA_OFFSETS.items():
                        self._put("eras", self.eras, era, offset)
        for word, lang in _handmade.TIME_CONNECTORS.items():
            if lang in self.langs:
                self._put("connectors", self.connectors, word, lang)
        self._lists["zones"] = set(_handmade.TIME_ZONES)

    def _put(self, key: str, table: dict[str, _V], word: str, value: _V) -> None:
        """Enter every variant of ``word`` in the named list ``key`` and in ``table``."""
        variants = _variants(word)
        self._lists.setdefault(key, set()).update(variants)
        for v in variants:
            table[_fold(v)] = value

    def _add(self, key: str, table: dict[str, set[str]], word: str, lang: str) -> None:
        """Like `_put`, for tables that map a word to the set of languages using it."""
        variants = _variants(word)
        self._lists.setdefault(key, set()).update(variants)
        for v in variants:
            table.setdefault(_fold(v), set()).add(lang)

    def _add_month(self, lang: str, number: int, name: str, *, wide: bool) -> None:
        """File one month spelling as a word, a number with a mark, or a prefix and a number."""
        head, sep, tail = name.rpartition(" ")
        if name[:1].isdecimal():  # 1月, 1월
            self._add("mmarks", self.month_marks, name.lstrip("0123456789"), lang)
            return
        if sep and tail.isdecimal():  # tháng 1, thg 1
            self._add("mprefixes", self.month_prefixes, head, lang)
            return
        for particle in ("de ", "d’"):  # Catalan: de gener, d’abril
            if name.startswith(particle):
                self._put("particles", self.particles, particle.strip(), "de")
                name = name[len(particle) :]
        variants = _variants(name)
        self._lists.setdefault("months", set()).update(variants)
        for v in variants:
            self.month_words.setdefault(_fold(v), {})[lang] = number
            if wide:
                self.month_wide.setdefault(_fold(v), set()).add(lang)
        for v in _spellings(name) | _mojibake(name):
            self.month_exact.setdefault(v, set()).add(lang)

    # -- matching --

    def match(
        self, text: str, pos: int = 0, endpos: int | None = None, *, lang: str | None = None
    ) -> DateMatch | None:
        """The date starting exactly at ``text[pos]``, or None."""
        if not isinstance(text, str):
            msg = f"dates are read from str, not {type(text).__name__}"
            raise TypeError(msg)
        end = len(text) if endpos is None else max(0, min(endpos, len(text)))
        if pos < 0 or pos >= end:
            return None
        if not text[pos].isdecimal():
            run = _LETTERS.match(text, pos, min(end, pos + 40))
            if run is None or _fold(run.group()) not in self._first_words:
                return None
        m = self._match.match(text, pos, end)
        return None if m is None else self._read(m, text, lang)

    def search(
        self, text: str, pos: int = 0, endpos: int | None = None, *, lang: str | None = None
    ) -> Iterator[DateMatch]:
        """Every date in ``text[pos:endpos]`` that does not start inside a word, left to right."""
        if not isinstance(text, str):
            msg = f"dates are read from str, not {type(text).__name__}"
            raise TypeError(msg)
        end = len(text) if endpos is None else max(0, min(endpos, len(text)))
        pos = max(0, pos)
        done = pos  # no date may start before the end of the previous one
        for year in _YEAR.finditer(text, pos, end):
            if year.start() < done:
                continue
            for start in _START.finditer(text, max(done, year.start() - _WINDOW), year.start() + 1):
                m = self.match(text, start.start(), end, lang=lang)
                if m is not None and m.end >= year.end():
                    yield m
                    done = m.end
                    break

    # -- reading a match --

    def _weekday(self, word: str) -> set[str]:
        """The languages ``word`` is a weekday of, allowing a joiner after it (`mandag den`)."""
        found = _lookup(self.weekday_words, word)
        if found is None:
            key = _fold(word)
            for joiner in self.weekday_joiners:
                if key.endswith(joiner) and len(key) > len(joiner):
                    found = self.weekday_words.get(key[: -len(joiner)].rstrip())
                    if found is not None:
                        break
        return found or set()

    def _read(self, m: regex.Match[str], text: str, hint: str | None) -> DateMatch | None:
        """Turn a match of the pattern into a `DateMatch`, or None when its words are no date's."""
        start, end = m.span()
        g, ix = m.groups(), self._index
        if g[ix["iso"]] is not None:
            d = _safe_date(int(g[ix["iy"]]), int(g[ix["im"]]), int(g[ix["id"]]))
            has_time = g[ix["isotime"]] is not None
            return DateMatch(start, end, text[start:end], d, None, (), has_time)
        if g[ix["epoch"]] is not None:
            moment = _EPOCH + datetime.timedelta(milliseconds=int(g[ix["epoch"]]))
            return DateMatch(start, end, text[start:end], moment.date(), None, (), True)

        # Candidate languages, each with the month number it reads.
        mname = g[ix["mname"]]
        cands: dict[str, int]
        if mname is not None:
            readings = _lookup(self.month_words, mname)
            if readings is None and mname.endswith(_MOJIBAKE_COMMAS):  # Urdu `جنوری،` as cp1252
                readings = _lookup(self.month_words, mname[:-2])
            cands = dict(readings) if readings is not None else {}
            if not cands:
                return None
        else:
            number = int(g[ix["mnum"]])
            if g[ix["mmark"]] is not None:
                langs = self.month_marks.get(_fold(g[ix["mmark"]]), set())
                ymark = g[ix["ymark"]]
                if ymark is not None:
                    langs = (langs & self.year_marks.get(_fold(ymark), set())) or langs
            else:
                langs = self.month_prefixes.get(_fold(g[ix["mpre"]]), set())
            cands = dict.fromkeys(langs, number)
        weekday = g[ix["wd"]]
        weekday_langs: set[str] = set()
        if weekday is not None:
            weekday_langs = self._weekday(weekday)
            if not weekday_langs:
                return None

        def narrow(keep: Iterable[str]) -> None:
            nonlocal cands
            wanted = set(keep)
            kept = {k: v for k, v in cands.items() if k in wanted}
            if kept:
                cands = kept

        # The shape of the date, as `_pattern_info` reads it from a CLDR pattern.
        order = "dMy" if g[ix["dmy"]] is not None else "Mdy" if g[ix["mdy"]] is not None else "yMd"
        particle = None
        for group in ("pre", "post"):
            word = g[ix[group]]
            if word is not None:
                particle = self.particles.get(_fold(word), "de")
                if _fold(word) in ("d’", "d'", "del"):
                    narrow(["ca"])
        suf = g[ix["suf"]]
        shape: Shape = (
            order,
            g[ix["ddot"]] is not None,
            particle,
            None if suf is None else self.year_suffixes.get(_fold(suf)),
        )
        narrow(lang for lang in cands if shape in self.shapes[lang])
        if weekday is not None:
            narrow(weekday_langs)
        if g[ix["conn"]] is not None:
            narrow([self.connectors.get(_fold(g[ix["conn"]]), "")])
        day = g[ix["d"]]
        if not day.isascii():
            narrow(self.digit_langs.get(chr(ord(day[0]) - int(day[0])), ()))
        if g[ix["wdsuf"]] is not None:
            suffix_langs = _lookup(self.weekday_words, g[ix["wd2"]]) or set()
            if suffix_langs & self.weekday_last & set(cands):
                narrow(suffix_langs)
            else:
                end = m.start(ix["wdsuf"] + 1)
        if len(cands) > 1 and mname is not None:
            wide_langs = _lookup(self.month_wide, mname)
            narrow(wide_langs if wide_langs is not None else ())
        if len(cands) > 1 and mname is not None:
            narrow(self.month_exact.get(mname, ()))

        lang = next(iter(cands)) if len(cands) == 1 else _resolve(hint, cands)
        month = cands[lang] if lang is not None else _common_month(cands)
        year = int(g[ix["y"]])
        era = g[ix["era"]]
        if era is not None:
            year -= self.eras.get(_fold(era), 0)
        d = _safe_date(year, month, int(day)) if month else None
        raw = text[start:end]
        return DateMatch(start, end, raw, d, lang, tuple(sorted(cands)), g[ix["time"]] is not None)


_V2 = TypeVar("_V2")


def _lookup(table: dict[str, _V2], word: str) -> _V2 | None:
    """``table[word]`` by folded spelling, trying the word without a final dot too."""
    key = _fold(word)
    found = table.get(key)
    if found is None and key.endswith("."):
        found = table.get(key[:-1])
    return found


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
