"""The word tables of the date grammar, built from the CLDR data and the hand-written table.

For a set of languages: every spelling of every month and weekday name, particle, era, year suffix
and CJK mark, each mapped to the languages (and month numbers) it belongs to, and the shapes each
language writes dates in. The grammar matches generic words and looks them up here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from . import _cldr, _handmade
from ._patterns import Shape, pattern_info
from ._words import fold, mojibake, spellings, split_entries, variants

_V = TypeVar("_V")


class Tables:
    """Lookup tables for a set of languages; keys are folded spellings (see `_words.fold`)."""

    def __init__(self, langs: Iterable[str]) -> None:
        self.langs = tuple(langs)
        # `variants` of each word, computed once per build: languages share many names (`January`
        # in en and en-gb, `marzo` in es and it), and the build is most of the import time.
        self._variants: dict[str, set[str]] = {}
        self._build_tables()
        del self._variants

    def _build_tables(self) -> None:
        # `lists` holds the spellings themselves, for the pattern's alternations.
        self.lists: dict[str, set[str]] = {}
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
        self.day_suffixes: dict[str, set[str]] = {}  # hb -> langs
        self.shapes: dict[str, set[Shape]] = {lang: set() for lang in self.langs}
        self.weekday_last: set[str] = set()
        self.weekday_joiners: set[str] = set()

        for lang in self.langs:
            for wide, table in ((True, _cldr.MONTHS), (False, _cldr.MONTHS_ABBR)):
                for number, names in enumerate(split_entries(table[lang]), start=1):
                    for name in filter(None, names):
                        self._add_month(lang, number, name, wide=wide)
            for zero in _cldr.DIGIT_ZEROS[lang]:
                self.digit_langs.setdefault(zero, set()).add(lang)
            for names in split_entries(_cldr.WEEKDAYS[lang]):
                for name in names:
                    self._add("weekdays", self.weekday_words, name, lang)
            patterns = [_cldr.LONG_PATTERNS[lang]]
            patterns += [p for code, p, _ in _handmade.LEGACY_PATTERNS if code == lang]
            for pattern in patterns:
                info = pattern_info(pattern)
                self.shapes[lang].add(info.shape)
                if info.shape[3] is not None:
                    self._put("ysuffixes", self.year_suffixes, info.shape[3], info.shape[3])
                if info.shape[2] is not None:
                    self._put("particles", self.particles, info.shape[2], info.shape[2])
                if info.year_mark is not None:
                    self._add("ymarks", self.year_marks, info.year_mark, lang)
                if info.day_mark is not None:
                    self._add("dmarks", self.day_marks, info.day_mark, lang)
            full = pattern_info(_cldr.FULL_PATTERNS[lang])
            if full.weekday_last:
                self.weekday_last.add(lang)
            if full.weekday_joiner is not None:
                self.weekday_joiners.update(fold(v) for v in variants(full.weekday_joiner))
            if lang in _cldr.ERAS:
                self._put("eras", self.eras, _cldr.ERAS[lang], 0)
                if lang == "th":
                    for era, offset in _handmade.ERA_OFFSETS.items():
                        self._put("eras", self.eras, era, offset)
        for word, lang in _handmade.DAY_SUFFIXES.items():
            if lang in self.langs:
                self._add("dsuffixes", self.day_suffixes, word, lang)
        for word, lang in _handmade.TIME_CONNECTORS.items():
            if lang in self.langs:
                self._put("connectors", self.connectors, word, lang)
        self.lists["zones"] = set(_handmade.TIME_ZONES)
        # The candidates of an ambiguous month word narrowed by each shape, computed once: the
        # common case (`January` is en and en-gb) then costs one lookup when matching.
        self.month_by_shape: dict[str, dict[Shape, dict[str, int]]] = {}
        for key, readings in self.month_words.items():
            if len(readings) > 1:
                shapes = set().union(*(self.shapes[lang] for lang in readings))
                self.month_by_shape[key] = {
                    shape: {lang: n for lang, n in readings.items() if shape in self.shapes[lang]}
                    for shape in shapes
                }

    def _forms(self, word: str) -> set[str]:
        """`variants` of ``word``, from the build's cache (the caller must not change the set)."""
        forms = self._variants.get(word)
        if forms is None:
            forms = self._variants[word] = variants(word)
        return forms

    def _put(self, key: str, table: dict[str, _V], word: str, value: _V) -> None:
        """Enter every variant of ``word`` in the named list ``key`` and in ``table``."""
        forms = self._forms(word)
        self.lists.setdefault(key, set()).update(forms)
        for v in forms:
            table[fold(v)] = value

    def _add(self, key: str, table: dict[str, set[str]], word: str, lang: str) -> None:
        """Like `_put`, for tables that map a word to the set of languages using it."""
        forms = self._forms(word)
        self.lists.setdefault(key, set()).update(forms)
        for v in forms:
            table.setdefault(fold(v), set()).add(lang)

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
        forms = self._forms(name)
        self.lists.setdefault("months", set()).update(forms)
        for v in forms:
            key = fold(v)
            self.month_words.setdefault(key, {})[lang] = number
            if wide:
                self.month_wide.setdefault(key, set()).add(lang)
        for v in spellings(name) | mojibake(name):
            self.month_exact.setdefault(v, set()).add(lang)
