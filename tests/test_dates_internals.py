"""The helpers behind the date tables: CLDR pattern reading and word spellings."""

from __future__ import annotations

import pytest

from embedfix.dates._patterns import pattern_info
from embedfix.dates._words import mojibake, spellings, variants


@pytest.mark.parametrize(
    ("pattern", "shape", "year_mark", "day_mark"),
    [
        ("MMMM d, y", ("Mdy", False, None, None), None, None),
        ("d. MMMM y", ("dMy", True, None, None), None, None),
        ("d 'de' MMMM 'de' y", ("dMy", False, "de", None), None, None),
        ("d MMMM 'del' y", ("dMy", False, "de", None), None, None),
        ("d בMMMM y", ("dMy", False, "ב", None), None, None),
        ("d MMMM y\u202f'г'.", ("dMy", False, None, "г"), None, None),
        ("y年M月d日", ("yMd", False, None, None), "年", "日"),
        ("y년 MMMM d일", ("yMd", False, None, None), "년", "일"),
        ("y. MMMM d.", ("yMd", False, None, None), None, None),
        ("d MMMM G y", ("dMy", False, None, None), None, None),
    ],
)
def test_pattern_info_reads_cldr_long_patterns(
    pattern: str, shape: tuple[object, ...], year_mark: str | None, day_mark: str | None
) -> None:
    info = pattern_info(pattern)
    assert (info.shape, info.year_mark, info.day_mark) == (shape, year_mark, day_mark)


@pytest.mark.parametrize(
    ("pattern", "weekday_last", "joiner"),
    [
        ("EEEE, MMMM d, y", False, None),
        ("d MMMM y EEEE", True, None),
        ("EEEE 'den' d. MMMM y", False, "den"),
        ("EEEEที่ d MMMM G y", False, "ที่"),
        ("y. MMMM d., EEEE", True, None),
    ],
)
def test_pattern_info_reads_weekday_position(
    pattern: str, weekday_last: bool, joiner: str | None
) -> None:
    info = pattern_info(pattern)
    assert (info.weekday_last, info.weekday_joiner) == (weekday_last, joiner)


def test_mojibake_is_utf8_read_as_cp1252_and_latin1() -> None:
    assert mojibake("décembre") == {"dÃ©cembre"}
    assert mojibake("марта") == {"Ð¼Ð°Ñ€Ñ‚Ð°", "Ð¼Ð°Ñ\x80Ñ\x82Ð°"}
    assert mojibake("May") == set()


def test_spellings_and_variants() -> None:
    assert spellings("janv.") == {"janv.", "janv"}
    assert spellings("d’abril") == {"d’abril", "d’abril.", "d'abril", "d'abril."}
    # Case is folded at lookup, but mojibake of capitals differs from that of small letters.
    assert {"décembre", "décembre.", "dÃ©cembre", "DÃ‰CEMBRE"} <= variants("décembre")
