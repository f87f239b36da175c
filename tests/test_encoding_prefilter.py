"""The targeted mojibake fix equals the full one: ftfy only runs on lines `SUSPECT` flags.

`fix_text_full` runs our ftfy configuration on every line; `mojibake_edits` runs it only where the
cheap scan finds a possible target, and returns edits. Both must give the same text on a large
sample mixing clean news in many scripts with each kind of damage, and on random text.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embedfix.encoding.damage import mojibake_cp1252
from embedfix.encoding.edits import apply_edits
from embedfix.encoding.mojibake import find_suspect, fix_text_full, mojibake_edits

ROOT = Path(__file__).resolve().parents[1]
SHARED = next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
    ROOT.parent / "shared",
)

CLEAN = [
    "Pakistan’s FM Qureshi said the visit was “historic” — and long overdue.",
    "Le ministre a déclaré : « Nous sommes prêts. » Pourquoi maintenant ?",
    "¿Quién ganará? El técnico habló de “presión” en la previa… ¡Vamos!",
    "Die Bürger in Köln fragen: Warum dauert das so lange? „Unklar“, sagt die Stadt.",
    "Сборная России вернулась в Москву. «Мы дома», — сказал капитан.",
    "وزیر اعظم نے قوم سے خطاب کیا۔ پاکستان زندہ باد",
    "大谷翔平選手が初ホームラン。「最高の一日」と語った。",
    "Ελλάδα: ο πρωθυπουργός μίλησε για την οικονομία.",
    "İstanbul’da kutlamalar sabaha kadar sürdü; Türkiye çeyrek finalde.",
    "Ура! 🎉 We won 🇵🇰🇷🇺 — 👨‍👩‍👧 family day 👍🏽 ✓ ♬",
    "Price: 20\u00a0€ · 5\u202f% · naïve café façade Ångström Øresund Œuvre",
    "Plain ASCII line with a URL https://example.com/a?b=c&d=e and (@handle) April 6, 2021",
    "Tabs\tand  double  spaces, CRLF line\r",
    "Box ┌─┐ drawing, maths ∑ ≤ ≥ ≠ π, arrows → ←, and « guillemets » with nbsp\u00a0»",
    "Polish: Zażółć gęślą jaźń. Czech: Příliš žluťoučký kůň. Latvian: Āboliņš.",
]


def _damaged(line: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.15:
        return mojibake_cp1252(line)
    if r < 0.22:
        return line.encode("utf-8").decode("latin-1")
    if r < 0.27:
        return line.encode("utf-8").decode("cp1251", errors="replace")
    if r < 0.31:
        return mojibake_cp1252(mojibake_cp1252(line))
    if r < 0.36:
        return line.replace("&", "&amp;").replace("’", "&#8217;").replace("—", "&mdash;")
    if r < 0.40:
        return line.replace(" ", "Â ", 2)
    if r < 0.43:
        return line.replace("’", "\x92").replace("“", "\x93") + "\x81"
    if r < 0.46:
        return mojibake_cp1252(line).replace("\x9d", "")
    if r < 0.48:
        return line.encode("utf-8").decode("macroman")
    if r < 0.50:
        return line.encode("utf-8").decode("cp437")
    return line


def _sample() -> list[str]:
    rng = random.Random(20261127)
    texts = []
    for _ in range(340):
        lines = [_damaged(rng.choice(CLEAN), rng) for _ in range(rng.randint(1, 12))]
        texts.append("\n".join(lines))
    return texts


def _check(text: str) -> None:
    assert apply_edits(text, mojibake_edits(text)) == fix_text_full(text)


def test_targeted_equals_full_on_a_large_mixed_sample() -> None:
    sample = _sample()
    assert sum(map(len, sample)) > 150_000
    changed = 0
    for text in sample:
        _check(text)
        changed += fix_text_full(text) != text
    assert changed > 100  # the sample really is damaged


def test_targeted_equals_full_on_the_shared_corpus() -> None:
    path = SHARED / "corpus" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path}")
    rng = random.Random(7)
    for line in path.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        _check(text)
        _check("\n".join(_damaged(ln, rng) for ln in text.split("\n")))


def test_clean_lines_are_not_flagged() -> None:
    for line in CLEAN[:3] + CLEAN[11:12]:
        assert find_suspect(line) is None, line


PIECES = st.sampled_from(
    [*"aé’—“”€ŸÃÂâÐÑð ?\n", "\x81", "\x9d", "\xa0", "&amp;", "&#128512;", "Ã©", "â€™", "ðŸŽ‰"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_targeted_equals_full_on_random_text(text: str) -> None:
    _check(text)
