"""Metamorphic tests: damage clean text as real pipelines do, repair it, compare.

The damage functions reproduce rows of the pipeline table in research/ENCODING.md. The generated
text puts each emoji group between spaces, as emoji usually stand in posts; the classifier is
not asked to find emoji glued to words, which it leaves alone (see the labelled set for those).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from embedfix.encoding import analyze, fix_encoding
from embedfix.encoding.damage import (
    damage_per_code_point,
    damage_utf8mb3,
    damage_utf16,
    mojibake_cp1252,
)

WORDS = ["match", "goal", "tonight", "Lahore", "fans", "team", "victory", "city", "rain", "news"]
CP1252_WORDS = ["café", "naïve", "Zürich", "l’équipe", "São", "—", "it’s", "“great”", "Müller"]
BMP_WORDS = ["пакистан", "добро", "日本", "پاکستان", "✓", "Ελλάδα", "‼"]
EMOJI = ["🎉", "🔥", "😂", "👍", "🏆", "⚽", "🙏", "💚", "🇵🇰", "🇷🇺", "👍🏽"]
# ⚽ is BMP and survives; keep it out of the lost counts by only using it as a survivor.
ASTRAL = [e for e in EMOJI if all(ord(c) > 0xFFFF for c in e)]
SINGLE = [e for e in ASTRAL if len(e) == 1]


def _text(words: list[str], emoji_groups: list[list[str]], order: list[int]) -> str:
    tokens: list[str] = list(words)
    for k, group in enumerate(emoji_groups):
        pos = order[k] % (len(tokens) + 1)
        tokens.insert(pos, "".join(group))
    return " ".join(tokens)


@st.composite
def documents(draw: st.DrawFn, *, survivors: list[str], min_groups: int = 1) -> tuple[str, int]:
    """Clean text with emoji groups between spaces, and how many astral code points it has."""
    words = draw(st.lists(st.sampled_from(WORDS + CP1252_WORDS), min_size=3, max_size=12))
    words += draw(st.lists(st.sampled_from(survivors), min_size=1, max_size=3)) if survivors else []
    words = draw(st.permutations(words))
    groups = draw(
        st.lists(
            st.lists(st.sampled_from(ASTRAL), min_size=1, max_size=3),
            min_size=min_groups,
            max_size=4,
        )
    )
    order = draw(st.lists(st.integers(0, 50), min_size=len(groups), max_size=len(groups)))
    text = _text(list(words), groups, order)
    return text, sum(ord(c) > 0xFFFF for c in text)


def _marked(clean: str) -> str:
    """What repair should give: each lost astral code point as one U+FFFD."""
    return "".join("\ufffd" if ord(c) > 0xFFFF else c for c in clean)


SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(documents(survivors=BMP_WORDS))
def test_utf8mb3_bytes(doc: tuple[str, int]) -> None:
    clean, astral = doc
    damaged = damage_utf8mb3(clean)
    plan = analyze(damaged)
    assert plan.fix()[0] == _marked(clean)
    assert plan.damage.mechanism == "utf8mb3-bytes"
    assert plan.damage.qmarks_per_char == 4
    assert sum(r.lost for r in plan.fix()[1]) == astral


@SETTINGS
@given(documents(survivors=BMP_WORDS))
def test_astral_per_code_point(doc: tuple[str, int]) -> None:
    clean, astral = doc
    damaged = damage_per_code_point(clean)
    repaired, repairs = fix_encoding(damaged)
    if all(r.qmarks % 4 == 0 for r in repairs):
        return  # indistinguishable from utf8mb3 bytes (every group is 4 or 8 code points)
    assert repaired == _marked(clean)
    assert sum(r.lost for r in repairs) == astral


@SETTINGS
@given(documents(survivors=[]), st.sampled_from(SINGLE))
def test_cp1252_target_per_code_point(doc: tuple[str, int], single: str) -> None:
    clean, _ = doc
    clean = f"{single} {clean}"  # one lone emoji: an odd run shows one '?' per code point
    damaged = damage_per_code_point(clean, "cp1252")
    plan = analyze(damaged)
    assert plan.damage.mechanism == "code-points"
    assert plan.fix()[0] == _marked(clean)


@SETTINGS
@given(documents(survivors=[], min_groups=2))
def test_utf16_units(doc: tuple[str, int]) -> None:
    clean, astral = doc
    damaged = damage_utf16(clean)
    plan = analyze(damaged)
    repaired, repairs = plan.fix()
    if all(r.qmarks % 4 == 0 for r in repairs):
        return  # every group had an even number of code points: reads as utf8mb3 bytes
    assert plan.damage.mechanism == "utf16-units"
    assert repaired == _marked(clean)
    assert sum(r.lost for r in repairs) == astral


@SETTINGS
@given(documents(survivors=BMP_WORDS), st.sampled_from(["utf8mb3", "code-points"]))
def test_one_more_layer_of_mojibake_repairs_the_same(doc: tuple[str, int], how: str) -> None:
    clean, _ = doc
    damaged = damage_utf8mb3(clean) if how == "utf8mb3" else damage_per_code_point(clean)
    once = fix_encoding(damaged)[0]
    twice = fix_encoding(mojibake_cp1252(damaged))[0]
    assert twice == once


@SETTINGS
@given(documents(survivors=BMP_WORDS))
def test_emoji_mojibake_alone_is_fully_restored(doc: tuple[str, int]) -> None:
    clean, _ = doc
    assert fix_encoding(mojibake_cp1252(clean))[0] == clean


@SETTINGS
@given(documents(survivors=BMP_WORDS), st.sampled_from(["drop", "keep"]))
def test_drop_and_keep(doc: tuple[str, int], lost: str) -> None:
    clean, _ = doc
    damaged = damage_utf8mb3(clean)
    out = fix_encoding(damaged, lost=lost)[0]  # type: ignore[arg-type]
    if lost == "keep":
        assert out == damaged
    else:
        survivors = " ".join(t for t in clean.split(" ") if not any(ord(c) > 0xFFFF for c in t))
        assert out == survivors
