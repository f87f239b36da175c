"""Invariants of the date functions on any text, and their cost on hostile input."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embedfix.dates import ALL_LANGS, match_date, parse_date, search_dates

# Text made of the pieces dates are made of, so the interesting paths are reached often.
PIECES = st.sampled_from(
    [
        "5",
        "12",
        "2019",
        "1493577600000",
        "2025-09-03",
        "T22:15",
        "年",
        "月",
        "日",
        "년",
        "월",
        "May",
        "mars",
        "décembre",
        "dÃ©cembre",
        "марта",
        "г.",
        "de",
        "d’",
        "ב",
        "tháng",
        "Monday",
        "Pazartesi",
        "at",
        "10:34",
        "PM",
        "PDT",
        ",",
        ".",
        " ",
        "\u00a0",
        "\u202f",
        "\n",
        "Â\u00a0",
        "(@",
        "—",
        "٢٥",
        "۶",
        "x",
    ]
)
TEXTS = st.one_of(st.text(max_size=60), st.lists(PIECES, max_size=14).map("".join))


@settings(max_examples=100, deadline=None)
@given(text=TEXTS, pos=st.integers(-3, 70), endpos=st.one_of(st.none(), st.integers(-3, 70)))
def test_match_date_never_raises_and_keeps_offsets(text: str, pos: int, endpos: int | None) -> None:
    m = match_date(text, pos, endpos)
    if m is not None:
        limit = len(text) if endpos is None else min(endpos, len(text))
        assert m.start == pos < m.end <= limit
        assert m.raw == text[m.start : m.end]
        assert m.lang is None or m.lang in m.langs
        assert set(m.langs) <= set(ALL_LANGS)


@settings(max_examples=80, deadline=None)
@given(text=TEXTS)
def test_search_dates_yields_ordered_disjoint_matches(text: str) -> None:
    last_end = 0
    for m in search_dates(text):
        assert m.start >= last_end
        assert m.raw == text[m.start : m.end]
        assert match_date(text, m.start) == m
        last_end = m.end


@settings(max_examples=100, deadline=None)
@given(text=TEXTS)
def test_parse_date_never_raises(text: str) -> None:
    date, lang = parse_date(text)
    assert date is None or isinstance(date, datetime.date)
    assert lang is None or lang in ALL_LANGS


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(datetime.date(2006, 3, 21), datetime.date(2030, 12, 31)),
    lang=st.sampled_from(ALL_LANGS),
    glue=st.sampled_from(["", "The mayor said", "\n\nLe maire", " — next", "2"]),
)
def test_babel_dates_stop_before_glued_text(day: datetime.date, lang: str, glue: str) -> None:
    """A CLDR long date followed by the next paragraph parses to itself, whatever is glued on."""
    babel_dates = pytest.importorskip("babel.dates")
    locale = {"msa": "ms", "no": "nb", "zh-cn": "zh_Hans_CN", "zh-tw": "zh_Hant_TW"}.get(lang, lang)
    raw = babel_dates.format_date(day, "long", locale=locale.replace("-gb", "_GB"))
    if glue == "2":  # a digit glued to the year makes another number: no date
        assert match_date(raw + glue) is None or match_date(raw + glue).raw != raw + glue
        return
    m = match_date(raw + glue)
    assert m is not None and (m.raw, m.date) == (raw, day)
    assert lang in m.langs


HOSTILE = [
    "7" * 1_000_000,
    " " * 1_000_000,
    "\u00a0" * 1_000_000,
    "\n" * 1_000_000,
    "(@" * 500_000,
    "—-" * 500_000,
    "?" * 1_000_000,
    "1 " * 500_000,
    "May " * 250_000,
    "Monday, " * 125_000,
    "de " * 330_000,
    "2019 " * 10_000,
    "5 May 2017 " * 2_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: f"{t[:8]!r}x{len(t)}")
def test_hostile_input_is_read_whole(text: str) -> None:
    # Its time is measured, doubling the input, by benchmarks/hostile.py (no timed unit test).
    for pos in range(0, len(text), max(1, len(text) // 2000)):
        match_date(text, pos)
    found = sum(1 for _ in search_dates(text))
    assert found == (2_000 if text.startswith("5 May") else 0)
