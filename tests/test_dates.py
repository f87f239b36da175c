"""Signature dates as they were seen in embeds (research/FORMATS.md sections 1.5, 2 and 4).

Every example below is a real date string quoted in FORMATS.md, unless marked "constructed". The
expected language is None where the string reads the same in several languages.
"""

from __future__ import annotations

import datetime

import pytest

from embedfix.dates import (
    EARLIEST,
    DateMatch,
    DateParser,
    match_date,
    parse_date,
    plausible,
    search_dates,
)

D = datetime.date

# (raw, date, language or None when ambiguous)
REAL_FORMS = [
    # G3: CLDR long dates, FORMATS.md 2.3 "observed" column.
    ("January 20, 2019", D(2019, 1, 20), "en"),
    ("5 May 2017", D(2017, 5, 5), "en-gb"),
    ("21 January 2018", D(2018, 1, 21), "en-gb"),
    ("29 mars 2019", D(2019, 3, 29), None),  # fr and sv
    ("23. November 2015", D(2015, 11, 23), "de"),
    ("18. März 2018", D(2018, 3, 18), "de"),
    ("2. April 2017", D(2017, 4, 2), "de"),
    ("27 de julio de 2016", D(2016, 7, 27), "es"),
    ("13 de septiembre de 2017", D(2017, 9, 13), "es"),
    ("5 de fevereiro de 2017", D(2017, 2, 5), "pt"),
    ("4 de março de 2019", D(2019, 3, 4), "pt"),
    ("17 dicembre 2017", D(2017, 12, 17), "it"),
    ("25 novembre 2016", D(2016, 11, 25), None),  # it and fr
    ("19 december 2017", D(2017, 12, 19), None),  # nl and sv
    ("16 mei 2016", D(2016, 5, 16), "nl"),
    ("24 марта 2019 г.", D(2019, 3, 24), "ru"),
    ("2 марта 2018 г.", D(2018, 3, 2), "ru"),
    ("2016年6月21日", D(2016, 6, 21), None),  # ja, zh-cn, zh-tw
    ("2019년 12월 1일", D(2019, 12, 1), "ko"),
    ("2015年6月10日", D(2015, 6, 10), None),
    ("2016 年 9 月 23 日", D(2016, 9, 23), None),
    ("2017年6月30日", D(2017, 6, 30), None),
    ("17 Eylül 2024", D(2024, 9, 17), "tr"),
    ("10 Ağustos 2018", D(2018, 8, 10), "tr"),
    ("22 Maret 2019", D(2019, 3, 22), "id"),
    ("7 czerwca 2018", D(2018, 6, 7), "pl"),
    ("28 stycznia 2023", D(2023, 1, 28), "pl"),
    ("23 april 2019", D(2019, 4, 23), None),  # sv and nl
    ("14. september 2016", D(2016, 9, 14), None),  # da and no
    ("23. marts 2016", D(2016, 3, 23), "da"),
    ("1. huhtikuuta 2019", D(2019, 4, 1), "fi"),
    ("2014. május 5.", D(2014, 5, 5), "hu"),
    ("11 ביולי 2016", D(2016, 7, 11), "he"),
    ("9 בפברואר 2018", D(2018, 2, 9), "he"),
    ("4. listopadu 2017", D(2017, 11, 4), "cs"),
    ("1 tháng 4, 2019", D(2019, 4, 1), "vi"),
    ("16 de novembre de 2018", D(2018, 11, 16), "ca"),
    ("1 d’abril de 2016", D(2016, 4, 1), "ca"),
    ("٢٥ مارس ٢٠٢٠", D(2020, 3, 25), "ar"),
    # Languages with no real sample: babel's prediction for 2021-04-06 (FORMATS.md 2.3).
    ("6 এপ্রিল, 2021", D(2021, 4, 6), "bn"),
    ("6 Απριλίου 2021", D(2021, 4, 6), "el"),
    ("6 آوریل 2021", D(2021, 4, 6), "fa"),
    ("Abril 6, 2021", D(2021, 4, 6), "fil"),
    ("6 अप्रैल 2021", D(2021, 4, 6), "hi"),
    ("6 April 2021", D(2021, 4, 6), None),  # msa, en-gb, id
    ("6. april 2021", D(2021, 4, 6), None),  # no and da
    ("6 aprilie 2021", D(2021, 4, 6), "ro"),
    ("6 เมษายน ค.ศ. 2021", D(2021, 4, 6), "th"),
    ("6 квітня 2021 р.", D(2021, 4, 6), "uk"),
    ("6 اپریل، 2021", D(2021, 4, 6), "ur"),
    ("April 6, 2021", D(2021, 4, 6), "en"),
    ("6 avril 2021", D(2021, 4, 6), "fr"),
    ("6. April 2021", D(2021, 4, 6), "de"),
    ("6 de abril de 2021", D(2021, 4, 6), None),  # es and pt
    ("2021年4月6日", D(2021, 4, 6), None),
    ("6 апреля 2021 г.", D(2021, 4, 6), "ru"),
    # Native digits Twitter likely used (FORMATS.md 2.3), constructed.
    ("۶ آوریل ۲۰۲۱", D(2021, 4, 6), "fa"),
    ("৬ এপ্রিল, ২০২১", D(2021, 4, 6), "bn"),
    # G1 (2011 - mid 2013), FORMATS.md 2.2.
    ("5月 11, 2012", D(2012, 5, 11), None),  # ja and zh-cn G1 read the same
    ("1月 22, 2013", D(2013, 1, 22), None),
    ("8월 7, 2012", D(2012, 8, 7), "ko"),
    ("11月 3, 2010", D(2010, 11, 3), None),
    ("novembro 7, 2011", D(2011, 11, 7), "pt"),
    ("15 de noviembre de 2012", D(2012, 11, 15), "es"),
    ("21 de enero de 2013", D(2013, 1, 21), "es"),
    # G2 (mid 2013 - 2015), FORMATS.md 2.2.
    ("2014, 1月 2", D(2014, 1, 2), None),
    ("2015, 2月 25", D(2015, 2, 25), None),
    ("diciembre 30, 2013", D(2013, 12, 30), "es"),
    ("abril 1, 2015", D(2015, 4, 1), None),  # es and pt G2/G1 shapes
    ("25 Novembre 2013", D(2013, 11, 25), None),
    ("24 Février 2015", D(2015, 2, 24), "fr"),
    ("6 Juin 2014", D(2014, 6, 6), "fr"),
    ("14 Dicembre 2014", D(2014, 12, 14), "it"),
    ("28 Settembre 2014", D(2014, 9, 28), "it"),
    ("13 maggio 2013", D(2013, 5, 13), "it"),
    ("24 março 2015", D(2015, 3, 24), "pt"),
    ("4 января 2014", D(2014, 1, 4), "ru"),
    ("18 сентября 2014", D(2014, 9, 18), "ru"),
    ("29. September 2014", D(2014, 9, 29), "de"),
    ("2014년 3월 16일", D(2014, 3, 16), "ko"),
    ("2014年7月22日", D(2014, 7, 22), None),
    # Signature variants, FORMATS.md 1.5.
    ("4. April 2013", D(2013, 4, 4), "de"),
    ("17 juli 2016", D(2016, 7, 17), None),  # nl and sv
    ("5. februar 2017", D(2017, 2, 5), None),  # da and no
    ("November 2, 2017", D(2017, 11, 2), "en"),
    ("June 19, 2015", D(2015, 6, 19), "en"),
    ("7 Oct 2016", D(2016, 10, 7), "en-gb"),
]

# (raw, date, language, has_time): time suffixes and weekdays, FORMATS.md 4.1, 4.2, 4.5.
WITH_TIME_OR_WEEKDAY = [
    ("May 10, 2025 at 10:34 PM", D(2025, 5, 10), "en", True),
    ("Apr 8, 2018 at 4:22pm PDT", D(2018, 4, 8), "en", True),
    ("Aug 24, 2017 at 7:10pm PDT", D(2017, 8, 24), "en", True),
    ("2025年2月11日 19:30", D(2025, 2, 11), None, True),
    ("29 Mars 2017 à 11h25 PDT", D(2017, 3, 29), "fr", True),
    ("1 Jun, 2019 a las 7:36 PDT", D(2019, 6, 1), "es", True),
    ("Monday, September 12, 2016", D(2016, 9, 12), "en", False),
    ("Jueves, 12 de noviembre de 2020", D(2020, 11, 12), "es", False),
    ("Monday, 26 October 2020", D(2020, 10, 26), "en-gb", False),
    ("9 Ocak 2017 Pazartesi", D(2017, 1, 9), "tr", False),
]


def _check(m: DateMatch | None, raw: str, date: datetime.date, lang: str | None) -> None:
    assert m is not None, raw
    assert (m.raw, m.date, m.lang) == (raw, date, lang)
    assert m.raw == raw[m.start : m.end]
    if lang is None:
        assert len(m.langs) > 1
    else:
        assert m.langs == (lang,)


@pytest.mark.parametrize(("raw", "date", "lang"), REAL_FORMS)
def test_real_forms_parse(raw: str, date: datetime.date, lang: str | None) -> None:
    _check(match_date(raw), raw, date, lang)
    assert parse_date(raw) == (date, lang)


@pytest.mark.parametrize(("raw", "date", "lang", "has_time"), WITH_TIME_OR_WEEKDAY)
def test_time_suffixes_and_weekdays(
    raw: str, date: datetime.date, lang: str | None, has_time: bool
) -> None:
    m = match_date(raw)
    _check(m, raw, date, lang)
    assert m is not None and m.has_time is has_time


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("December 31, 2017Trump s tweet", "December 31, 2017"),
        ("2019年1月5日今日は", "2019年1月5日"),
        ("28 septembre 2018The mayor said…", "28 septembre 2018"),
        ("23. November 2015\n\nDie Stadt", "23. November 2015"),
        ("Monday, September 12, 2016Forecasters said", "Monday, September 12, 2016"),
        ("5 May 2017 Monday night", "5 May 2017"),  # English puts no weekday after the date
        ("24 марта 2019 г.Москва", "24 марта 2019 г."),
        ("May 10, 2025 at 10:34 PMThe post", "May 10, 2025 at 10:34 PM"),
    ],
)
def test_date_stops_where_the_next_paragraph_is_glued_on(text: str, raw: str) -> None:
    m = match_date(text)
    assert m is not None and m.raw == raw


@pytest.mark.parametrize(
    ("text", "date", "lang"),
    [
        ("7 июля 2016\nг.", D(2016, 7, 7), "ru"),
        ("29\nd’abril de 2018", D(2018, 4, 29), "ca"),
        ("November 12, 2024 at 9:54\nAM", D(2024, 11, 12), "en"),
        ("24 марта 2019\u202fг.", D(2019, 3, 24), "ru"),  # babel's narrow no-break space
        ("28\u00a0septembre\u00a02018", D(2018, 9, 28), "fr"),
        ("12 de noviembre\n  de 2020", D(2020, 11, 12), "es"),
    ],
)
def test_wrapped_and_unusual_spaces(text: str, date: datetime.date, lang: str) -> None:
    _check(match_date(text), text, date, lang)


@pytest.mark.parametrize(
    ("text", "date", "has_time"),
    [
        ("2025-09-03T22:15:13.149184Z", D(2025, 9, 3), True),
        ("2026-03-23T14:25:51.799Z", D(2026, 3, 23), True),
        ("2026-09-09", D(2026, 9, 9), False),
        ("2018-04-08T23:22:44+00:00", D(2018, 4, 8), True),
        ("1493577600000", D(2017, 4, 30), True),  # epoch milliseconds
    ],
)
def test_iso_and_epoch(text: str, date: datetime.date, has_time: bool) -> None:
    m = match_date(text)
    assert m is not None
    assert (m.raw, m.date, m.lang, m.langs, m.has_time) == (text, date, None, (), has_time)


@pytest.mark.parametrize(
    ("text", "date", "lang"),
    [
        ("28 dÃ©cembre 2018", D(2018, 12, 28), "fr"),  # UTF-8 read as cp1252
        ("24 Ð¼Ð°Ñ€Ñ‚Ð° 2019 Ð³.", D(2019, 3, 24), "ru"),
        ("17 EylÃ¼l 2024", D(2024, 9, 17), "tr"),
        ("2016å¹´6æœˆ21æ—¥", D(2016, 6, 21), None),
        ("18. MÃ¤rz 2018", D(2018, 3, 18), "de"),
    ],
)
def test_mojibake_month_names(text: str, date: datetime.date, lang: str | None) -> None:
    _check(match_date(text), text, date, lang)


@pytest.mark.parametrize(
    "text",
    [
        "(9/6/2010)",
        "Monday",
        "Monday night we met",
        "May I",
        "May I ask, 2019",
        "2019 was a year",
        "May 2019 was",
        "in December",
        "12 December",
        "12 apples 2019",
        "19 decembers 2017",
        "The mayor said",
        "2019-13",
        "123456789012",  # 12 digits: no epoch
        "12345678901234",  # 14 digits
        "",
        " January 20, 2019",  # no whitespace skipping
    ],
)
def test_not_a_date(text: str) -> None:
    assert match_date(text) is None


def test_match_starts_exactly_at_pos_and_respects_endpos() -> None:
    text = "— Jane Doe (@janedoe) 28 septembre 2018The mayor"
    pos = text.index("28")
    m = match_date(text, pos)
    assert m is not None and (m.start, m.raw) == (pos, "28 septembre 2018")
    assert match_date(text, pos - 1) is None
    assert match_date(text, pos, pos + 10) is None
    assert match_date(text, len(text)) is None
    assert match_date(text, -5) is None


def test_impossible_dates_are_matched_without_a_date() -> None:
    m = match_date("30 février 2019")
    assert m is not None and m.date is None and m.lang == "fr"
    assert parse_date("February 30, 2019") == (None, "en")
    assert parse_date("2019年13月1日")[0] is None


@pytest.mark.parametrize(
    ("raw", "hint", "lang"),
    [
        ("6 April 2021", "en", "en-gb"),
        ("6 April 2021", "ms", "msa"),
        ("6 April 2021", "id", "id"),
        ("6 April 2021", "in", "id"),  # legacy code for Indonesian
        ("6 April 2021", "fr", None),  # the hint is not among the candidates
        ("2016年6月21日", "ja", "ja"),
        ("2016年6月21日", "zh-TW", "zh-tw"),
        ("2016年6月21日", "zh_Hans", "zh-cn"),
        ("14. september 2016", "nb", "no"),
        ("29 mars 2019", "fr", "fr"),
    ],
)
def test_language_hint_resolves_ambiguity(raw: str, hint: str, lang: str | None) -> None:
    assert parse_date(raw, lang=hint)[1] == lang
    m = match_date(raw, lang=hint)
    assert m is not None and m.lang == lang


def test_parse_date_needs_the_whole_string() -> None:
    assert parse_date("  5 May 2017 ") == (D(2017, 5, 5), "en-gb")
    assert parse_date("5 May 2017 and more") == (None, None)
    assert parse_date("nothing") == (None, None)


def test_plausible() -> None:
    assert plausible(D(2006, 3, 21))
    assert not plausible(D(2006, 3, 20))
    assert not plausible(D(1999, 5, 1))
    assert not plausible(None)
    assert plausible(D(2019, 4, 1), published=D(2019, 4, 1))
    assert not plausible(D(2019, 4, 2), published=D(2019, 4, 1))
    assert plausible(D(2019, 4, 1), published=datetime.datetime(2019, 4, 1, 8, 0))
    assert D(2006, 3, 21) == EARLIEST


def test_search_finds_bare_date_lines() -> None:
    text = (
        "The council met on Tuesday.\n"
        "Stay safe everyone #StormAlex pic.twitter.com/AbCdEf1234\n"
        "28 septembre 2018\n"
        "Le maire a dit 2019 était une année.\n"
        "Another post\n7 июля 2016\nг.\nand the end textDecember 31, 2017"
    )
    found = [(m.raw, m.date) for m in search_dates(text)]
    assert found == [
        ("28 septembre 2018", D(2018, 9, 28)),
        ("7 июля 2016\nг.", D(2016, 7, 7)),
        ("December 31, 2017", D(2017, 12, 31)),
    ]


def test_search_skips_dates_inside_words_and_respects_bounds() -> None:
    assert list(search_dates("x5 May 2017")) == []
    text = "a 5 May 2017 b 6 May 2018 c"
    assert [m.raw for m in search_dates(text, 3)] == ["6 May 2018"]
    assert [m.raw for m in search_dates(text, 0, 14)] == ["5 May 2017"]


def test_search_finds_a_date_in_every_language_inside_another_language() -> None:
    article = "Le conseil municipal s'est réuni hier soir. "
    for raw, date, _ in REAL_FORMS:
        text = f"{article}— Jane Doe (@janedoe) {raw}\nLa séance a duré deux heures."
        found = [m for m in search_dates(text) if m.date == date]
        assert [m.raw for m in found] == [raw]


def test_parser_restricted_to_some_languages() -> None:
    english = DateParser(["en", "en-gb"])
    assert english.langs == ("en", "en-gb")
    assert english.parse("5 May 2017") == (D(2017, 5, 5), "en-gb")
    assert english.parse("29 mars 2019") == (None, None)
    with pytest.raises(ValueError, match="unknown date language"):
        DateParser(["xx"])


def test_bad_types_raise_type_error() -> None:
    with pytest.raises(TypeError, match="str"):
        match_date(b"May 5, 2017")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str"):
        parse_date(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str"):
        list(search_dates(5))  # type: ignore[arg-type]


def test_bad_offsets_raise_type_error() -> None:
    with pytest.raises(TypeError, match="offsets"):
        match_date("May 5, 2017", 0.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="offsets"):
        list(search_dates("May 5, 2017", 0, "end"))  # type: ignore[arg-type]


@pytest.mark.parametrize(("raw", "date", "lang"), REAL_FORMS)
def test_repair_finds_an_embed_dated_in_any_language_inside_a_french_article(
    raw: str, date: datetime.date, lang: str | None
) -> None:
    """Issue 4's acceptance: the date anchors the signature whatever its language."""
    import embedfix

    text = (
        "Le conseil municipal s'est réuni hier soir pour voter le budget.\n\n"
        "Great meeting tonight with the whole team, thanks everyone! pic.twitter.com/AbCdEf1234\n"
        f"— Jane Doe (@janedoe) {raw}\n\nLa séance a duré deux heures."
    )
    (quote,) = embedfix.repair(text).quotes
    assert (quote.handle, quote.date, quote.date_raw) == ("janedoe", date, raw)
    if lang is not None:  # an ambiguous date may still be settled by the article's language
        assert quote.date_lang == lang
