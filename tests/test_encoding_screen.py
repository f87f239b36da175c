"""The document screen in front of the mojibake scan: sound, and quiet on clean text.

`may_change(text)` may say True for a document the exact scan (`find_suspect`) finds nothing in;
it must never say False for one where the scan finds something, or mojibake would be left in.
"""

from __future__ import annotations

import random

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embedfix.encoding.charsets import CLUE_CONTINUATION, CLUE_FIRSTS, ENCODINGS, chars
from embedfix.encoding.damage import mojibake_cp1252
from embedfix.encoding.mojibake import FTFY_CONFIG, _untouched, find_suspect, fix_line
from embedfix.encoding.screen import has_trigger, may_change

LATIN_CONTEXT = "Le conseil municipal a voté la réforme mardi soir après un long débat. " * 5
CYRILLIC_CONTEXT = "Совет министров утвердил реформу во вторник вечером после долгих прений. " * 5
"""Over 256 characters each: the first is screened as sparse text, the second as dense text."""

CLEAN = [
    "Pakistan’s FM Qureshi said the visit was “historic” — and long overdue…",
    "Le ministre a déclaré\u00a0: «\u00a0Nous sommes prêts.\u00a0» Pourquoi maintenant\u00a0?",
    "As eleições e as ações do governo não convenceram a população.",
    "¿Quién ganará? El técnico habló de “presión” en la previa… ¡Vamos!",
    "Die Bürger in Köln fragen: Warum dauert das so lange? „Unklar“, sagt die Straße.",
    "Сборная России вернулась в Москву. «Мы дома», — сказал капитан Ирина Волкова.",
    "Ο πρωθυπουργός μίλησε για την οικονομία της Ελλάδας.",
    "İstanbul’da kutlamalar sabaha kadar sürdü; Türkiye çeyrek finalde.",
    "Zażółć gęślą jaźń. Příliš žluťoučký kůň úpěl ďábelské ódy.",
    "大谷翔平選手が初ホームラン。「最高の一日」と語った。",
    "We won 🎉🇵🇰 👨‍👩‍👧 👍🏽 ✓ and a plain ASCII line with straight 'quotes'.",
]


@pytest.mark.parametrize("line", CLEAN)
@pytest.mark.parametrize("context", ["", LATIN_CONTEXT, CYRILLIC_CONTEXT])
def test_on_clean_news_text_the_screen_agrees_with_the_scan(line: str, context: str) -> None:
    """No false alarm on real text: where the exact scan finds nothing, the screen says so (some
    clean lines do hold a possible target, e.g. ``«\u00a0``, and both flag those)."""
    text = f"{context}\n{line}\n{context}"
    assert may_change(text) == (find_suspect(text) is not None)


@pytest.mark.parametrize("line", CLEAN[:9])
@pytest.mark.parametrize("context", ["", LATIN_CONTEXT, CYRILLIC_CONTEXT])
def test_mojibake_anywhere_is_caught(line: str, context: str) -> None:
    damaged = mojibake_cp1252(line)
    assert may_change(f"{context}\n{damaged}\n{context}")
    assert may_change(f"{context}\n{line.encode('utf-8').decode('cp1251', 'replace')}")


@pytest.mark.parametrize(
    ("what", "text"),
    [
        ("entity", "Tom &amp; Jerry"),
        ("entity after a lone ampersand", "Q&A: Tom &amp; Jerry"),
        ("C1 control", "The end\x85 of it"),
        ("BOM inside a line", "Start\ufeffhere"),
        ("lone surrogate", "broken \ud83d here"),
        ("ASCII control", "bell\x07 rang"),
        ("NBSP residue", "Prix\u00a0: 20Â €"),
        ("lost continuation", "Ã? and more"),
    ],
)
def test_every_kind_of_target_is_caught(what: str, text: str) -> None:
    assert find_suspect(text) is not None, what
    assert may_change(text), what
    assert may_change(LATIN_CONTEXT + text), what
    assert may_change(CYRILLIC_CONTEXT + text), what


def test_many_near_misses_still_screen_clean() -> None:
    """Past a few dozen near misses ("ções": a lead and a continuation of different encodings)
    the screen switches to the class scan, which must agree."""
    text = "As eleições, as ações, as funções e as posições do governo. " * 40
    assert find_suspect(text) is None
    assert not may_change(text)
    assert may_change(text + "Ele disse: â€œsimâ€.")


# --- soundness on generated text ----------------------------------------------------------------

_ROLES = sorted(
    set().union(*(chars(enc, 0x80, 0xFF) for enc in ENCODINGS))
    | CLUE_CONTINUATION
    | CLUE_FIRSTS[0]
    | CLUE_FIRSTS[1]
    | CLUE_FIRSTS[2]
)
_PIECES = st.one_of(
    st.sampled_from(_ROLES),
    st.sampled_from([" ", "  ", "?", "\n", "a", "е", "ё", "&", "\x1a", "\x81", "\ufeff", "\ud800"]),
    st.sampled_from(["Ã©", "â€™", "ðŸŽ‰", "Рё", "Ð°", "Â ", "çõ", "а à", "В ", "é  "]),
    st.sampled_from(["&amp;", "&#233;", "&#x27;", "Q&A", "AT&T", ";", "#"]),
)


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(_PIECES, max_size=12).map("".join),
    st.sampled_from(["", LATIN_CONTEXT, CYRILLIC_CONTEXT]),
)
def test_the_screen_never_hides_a_target(piece: str, context: str) -> None:
    for text in (piece, context + piece, piece + context):
        if find_suspect(text) is not None:
            assert may_change(text), text


def test_the_screen_never_hides_a_target_in_damaged_news() -> None:
    rng = random.Random(11)
    for _ in range(300):
        line = rng.choice(CLEAN)
        how = rng.randrange(4)
        if how == 0:
            line = mojibake_cp1252(line)
        elif how == 1:
            line = line.encode("utf-8").decode("latin-1")
        elif how == 2:
            cut = rng.randrange(len(line) + 1)
            line = mojibake_cp1252(line[:cut]) + line[cut:]
        text = rng.choice(["", LATIN_CONTEXT, CYRILLIC_CONTEXT]) + line
        if find_suspect(text) is not None:
            assert may_change(text), text


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(_PIECES | st.characters() | st.sampled_from(CLEAN), max_size=12).map("".join),
    st.sampled_from(["", LATIN_CONTEXT, CYRILLIC_CONTEXT]),
)
def test_a_text_without_a_trigger_holds_no_target(piece: str, context: str) -> None:
    """`has_trigger` (what the ``fast`` extra's prefilter looks for) is in every text in which the
    exact scan finds something: without it, the mojibake fix has nothing to do."""
    for text in (piece, context + piece, piece + context):
        if find_suspect(text) is not None:
            assert has_trigger(text), text


_NEAR_MISSES = [
    "«Γι’ αυτό αγόρασα το Twitter», είπε.",
    "Μερικοί μάλιστα, υπάλληλοι που κάθονται στην άκρη του δρόμου.",
    "Kurzer Sinn: Viel Spaß mit unseren Fundstücken der Woche.",
    "Die Straße ist zu, der Fuß schmerzt, groß war der Spaß für alle.",
]
"""Ordinary Greek and German lines that the sound scan flags (``ά ``, ``ι’``, ``ß ``)."""


@pytest.mark.parametrize("line", _NEAR_MISSES)
def test_ordinary_greek_and_german_skip_ftfy_and_their_damage_does_not(line: str) -> None:
    assert find_suspect(line) is not None
    assert _untouched(line)
    assert fix_line(line) == line
    damaged = mojibake_cp1252(line)
    assert not _untouched(damaged)
    assert fix_line(damaged) == line


@settings(max_examples=1000, deadline=None)
@given(st.lists(_PIECES | st.characters() | st.sampled_from(CLEAN + _NEAR_MISSES), max_size=12))
def test_a_line_said_untouched_is_one_ftfy_leaves_alone(pieces: list[str]) -> None:
    """`fix_line` skips ftfy where `_untouched` says it would change nothing: that must be so
    (ftfy's other fixes, its encoding fix, and our rules around it all leave the line)."""
    line = "".join(pieces)
    if _untouched(line):
        assert ftfy.fix_text(line, FTFY_CONFIG) == line, line
        assert fix_line(line) == line
