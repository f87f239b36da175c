"""Every language for all twelve months, checked against babel (CLDR) and against real forms.

babel is a development dependency: the tests that need it skip when it is missing.
"""

from __future__ import annotations

import datetime
import importlib.util
import sys
from pathlib import Path

import pytest

from embedfix.dates import ALL_LANGS, match_date, parse_date

ROOT = Path(__file__).resolve().parents[1]

# The 34 widget languages of FORMATS.md 2.1 plus en-gb and ca: written out here, independently of
# the generated data, so a language dropped from the generator fails this test.
LANGS = [
    "en",
    "ar",
    "bn",
    "cs",
    "da",
    "de",
    "el",
    "es",
    "fa",
    "fi",
    "fil",
    "fr",
    "he",
    "hi",
    "hu",
    "id",
    "it",
    "ja",
    "ko",
    "msa",
    "nl",
    "no",
    "pl",
    "pt",
    "ro",
    "ru",
    "sv",
    "th",
    "tr",
    "uk",
    "ur",
    "vi",
    "zh-cn",
    "zh-tw",
    "en-gb",
    "ca",
]

# One real form per language (FORMATS.md 2.2/2.3; babel's prediction where no sample was found),
# with the date it stands for: (language, raw, date).
ONE_REAL_FORM = [
    ("en", "January 20, 2019", datetime.date(2019, 1, 20)),
    ("ar", "٢٥ مارس ٢٠٢٠", datetime.date(2020, 3, 25)),
    ("bn", "6 এপ্রিল, 2021", datetime.date(2021, 4, 6)),
    ("cs", "4. listopadu 2017", datetime.date(2017, 11, 4)),
    ("da", "23. marts 2016", datetime.date(2016, 3, 23)),
    ("de", "18. März 2018", datetime.date(2018, 3, 18)),
    ("el", "6 Απριλίου 2021", datetime.date(2021, 4, 6)),
    ("es", "27 de julio de 2016", datetime.date(2016, 7, 27)),
    ("fa", "6 آوریل 2021", datetime.date(2021, 4, 6)),
    ("fi", "1. huhtikuuta 2019", datetime.date(2019, 4, 1)),
    ("fil", "Abril 6, 2021", datetime.date(2021, 4, 6)),
    ("fr", "29 mars 2019", datetime.date(2019, 3, 29)),
    ("he", "9 בפברואר 2018", datetime.date(2018, 2, 9)),
    ("hi", "6 अप्रैल 2021", datetime.date(2021, 4, 6)),
    ("hu", "2014. május 5.", datetime.date(2014, 5, 5)),
    ("id", "22 Maret 2019", datetime.date(2019, 3, 22)),
    ("it", "17 dicembre 2017", datetime.date(2017, 12, 17)),
    ("ja", "2016年6月21日", datetime.date(2016, 6, 21)),
    ("ko", "2019년 12월 1일", datetime.date(2019, 12, 1)),
    ("msa", "6 April 2021", datetime.date(2021, 4, 6)),
    ("nl", "16 mei 2016", datetime.date(2016, 5, 16)),
    ("no", "6. april 2021", datetime.date(2021, 4, 6)),
    ("pl", "7 czerwca 2018", datetime.date(2018, 6, 7)),
    ("pt", "5 de fevereiro de 2017", datetime.date(2017, 2, 5)),
    ("ro", "6 aprilie 2021", datetime.date(2021, 4, 6)),
    ("ru", "24 марта 2019 г.", datetime.date(2019, 3, 24)),
    ("sv", "23 april 2019", datetime.date(2019, 4, 23)),
    ("th", "6 เมษายน ค.ศ. 2021", datetime.date(2021, 4, 6)),
    ("tr", "17 Eylül 2024", datetime.date(2024, 9, 17)),
    ("uk", "6 квітня 2021 р.", datetime.date(2021, 4, 6)),
    ("ur", "6 اپریل، 2021", datetime.date(2021, 4, 6)),
    ("vi", "1 tháng 4, 2019", datetime.date(2019, 4, 1)),
    ("zh-cn", "2015年6月10日", datetime.date(2015, 6, 10)),
    ("zh-tw", "2017年6月30日", datetime.date(2017, 6, 30)),
    ("en-gb", "5 May 2017", datetime.date(2017, 5, 5)),
    ("ca", "16 de novembre de 2018", datetime.date(2018, 11, 16)),
]

# Twitter language code -> babel locale (FORMATS.md 2.3, "babel locale" column).
BABEL_LOCALE = {
    "msa": "ms",
    "no": "nb",
    "zh-cn": "zh_Hans_CN",
    "zh-tw": "zh_Hant_TW",
    "en-gb": "en_GB",
}


def test_the_parser_knows_every_language() -> None:
    assert sorted(ALL_LANGS) == sorted(LANGS)
    assert sorted(lang for lang, _, _ in ONE_REAL_FORM) == sorted(LANGS)


@pytest.mark.parametrize(("lang", "raw", "date"), ONE_REAL_FORM)
def test_one_real_form_per_language(lang: str, raw: str, date: datetime.date) -> None:
    m = match_date(raw)
    assert m is not None and (m.raw, m.date) == (raw, date)
    assert lang in m.langs
    assert parse_date(raw, lang=lang) == (date, lang)


def _round_trip(lang: str, width: str, day: int) -> list[tuple[str, datetime.date]]:
    babel_dates = pytest.importorskip("babel.dates")
    locale = BABEL_LOCALE.get(lang, lang)
    out = []
    for month in range(1, 13):
        d = datetime.date(2019, month, day)
        out.append((babel_dates.format_date(d, width, locale=locale), d))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_cldr_long_date_every_month(lang: str) -> None:
    """babel's long date (Twitter's G3 form) parses back, for every month, day 1 and 28."""
    for day in (1, 28):
        for raw, date in _round_trip(lang, "long", day):
            m = match_date(raw)
            assert m is not None, raw
            assert (m.raw, m.date) == (raw, date), raw
            assert m.lang == lang or (m.lang is None and lang in m.langs), (raw, m.langs)
            assert parse_date(raw, lang=lang) == (date, lang), raw


@pytest.mark.parametrize("lang", LANGS)
def test_cldr_full_date_every_month(lang: str) -> None:
    """babel's full date (Facebook's form, with the weekday) parses back to the right day."""
    for raw, date in _round_trip(lang, "full", 14):
        m = match_date(raw)
        assert m is not None, raw
        assert (m.raw, m.date) == (raw, date), raw
        assert lang in m.langs, (raw, m.langs)


@pytest.mark.parametrize("lang", LANGS)
def test_cldr_long_date_as_mojibake(lang: str) -> None:
    """The long date still parses after its UTF-8 bytes were read as cp1252 (FORMATS.md 6)."""
    for raw, date in _round_trip(lang, "long", 9):
        try:
            damaged = raw.encode("utf-8").decode("cp1252")
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined: latin-1 reads them all
            damaged = raw.encode("utf-8").decode("latin-1")
        m = match_date(damaged)
        assert m is not None, damaged
        assert (m.raw, m.date) == (damaged, date), damaged
        assert lang in m.langs, (damaged, m.langs)


def _generator() -> object:
    path = ROOT / "scripts" / "generate_dates.py"
    spec = importlib.util.spec_from_file_location("generate_dates", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_dates", module)
    spec.loader.exec_module(module)
    return module


def test_generated_data_is_up_to_date() -> None:
    babel = pytest.importorskip("babel")
    generator = _generator()
    required = generator.BABEL_VERSION  # type: ignore[attr-defined]
    if babel.__version__ != required:
        pytest.skip(f"the data is generated with babel=={required}, found {babel.__version__}")
    committed = (ROOT / "src" / "embedfix" / "dates" / "_cldr.py").read_text(encoding="utf-8")
    assert generator.render() == committed, "run scripts/generate_dates.py"  # type: ignore[attr-defined]
