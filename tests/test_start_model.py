"""The post-start model: candidates, features, fitted weights, and the one-page rules it replaced.

The texts are written for this file in the style of scraped news."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import embedfix
from embedfix import _start_weights, boundary, start_features
from embedfix.platforms.twitter import SIGNATURE_LINE

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _post(text: str) -> str | None:
    [quote] = embedfix.repair(text).quotes
    return quote.text


# --- the one-page rules, now evidence among others (regressions) ----------------------------


def test_a_post_opening_with_x_keeps_its_first_word() -> None:
    # ``x `` is stripped only where it is the X logo of a layout (several lines carry it).
    text = "Clue four went up at noon.\nx marks the spot, dig here tomorrow\n— Dig Club (@digclub) March 3, 2016\n"
    assert _post(text) == "x marks the spot, dig here tomorrow"


def test_x_logo_is_stripped_where_the_page_marks_every_post_with_it() -> None:
    text = (
        "Best of the week\n"
        "x Sunset over the harbour tonight pic.twitter.com/AbCdEfGhIj — Port Cam (@portcam) May 3, 2025\n"
        "More below\n"
        "x The ferry is late again, third time this week — Ana Lopes (@analopes) May 4, 2025\n"
    )
    quotes = embedfix.repair(text).quotes
    assert [q.text for q in quotes] == [
        "Sunset over the harbour tonight",
        "The ferry is late again, third time this week",
    ]


def test_a_numbered_post_line_is_not_a_listicle_caption() -> None:
    text = "The captain shared his joy after the final.\n1) we won the cup tonight!!\n— Dan Moss (@danmoss) May 20, 2018\n"
    assert _post(text) == "1) we won the cup tonight!!"


def test_a_colon_inside_a_link_is_no_lead_in() -> None:
    text = (
        "In a long statement the club explained its decision to leave the league after forty "
        "years, citing costs, travel and the lack of support from the federation for smaller "
        "teams in the north of the country, which had been promised for years. Read the "
        "statement here https://t.co/Zx9Yq8Wv7u  FC Northwind (@fcnorthwind) May 2, 2017The "
        "league said it regretted the decision."
    )
    post = _post(text)
    assert post is not None
    assert not post.startswith("//")
    assert post == "Read the statement here https://t.co/Zx9Yq8Wv7u"


def test_lone_beta_in_greek_prose_is_not_a_dash() -> None:
    text = "Η ομάδα β κέρδισε χθες.\nΜεγάλη νίκη απόψε! β Νίκος Παππάς (@npappas) May 3, 2016\n"
    [quote] = embedfix.repair(text).quotes
    assert quote.author != "Νίκος Παππάς" or "β" in (quote.text or "")


# --- the model ------------------------------------------------------------------------------


def test_every_feature_has_a_fitted_weight_and_nothing_else_does() -> None:
    assert set(_start_weights.WEIGHTS) == set(start_features.NAMES)
    assert len(boundary.WEIGHTS) == len(start_features.NAMES)


def test_every_feature_is_documented() -> None:
    page = (ROOT / "docs" / "detection.md").read_text(encoding="utf-8")
    missing = [name for name in start_features.NAMES if f"`{name}`" not in page]
    assert not missing


@pytest.mark.skipif(not (SHARED / "corpus" / "dev.jsonl").exists(), reason="needs ../shared/corpus")
def test_committed_weights_are_what_the_fit_script_makes() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fit_start_model.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_candidates_lie_between_the_floor_and_the_signature() -> None:
    text = (
        "Earlier post — A (@a) May 1, 2016\nThe council met.Rain again today, roads closed: "
        "stay home!! #flood  B (@b) May 2, 2016"
    )
    sig = text.index("B (@b)")
    floor = text.index("\n") + 1
    found = start_features.candidates(text, sig, floor, datetime.date(2016, 5, 2), SIGNATURE_LINE)
    assert found[0].pos == sig and found[0].kind == "no-text"
    assert all(floor <= c.pos <= sig for c in found)
    assert len({c.pos for c in found}) == len(found)
    assert all(len(c.values) == len(start_features.NAMES) for c in found)
    starts = {text[c.pos : c.pos + 4] for c in found}
    assert {"The ", "Rain", "stay"} <= starts


@given(st.text(alphabet=" .:!?\"'”(@)\nabcXYZ#", max_size=300))
def test_chances_are_a_distribution_and_the_start_is_a_candidate(noise: str) -> None:
    text = noise + "  Ana (@ana) May 2, 2017"
    sig = len(noise)
    found = start_features.candidates(text, sig, 0, datetime.date(2017, 5, 2), SIGNATURE_LINE)
    chances = boundary.score(found)
    assert abs(sum(chances) - 1) < 1e-9
    start = boundary.find_start(text, sig, 0, datetime.date(2017, 5, 2), SIGNATURE_LINE)
    assert start.pos in {c.pos for c in found}
    assert 0 <= start.confidence <= 1


def test_no_fitting_start_is_a_low_confidence_guess() -> None:
    long_sentence = " ".join(["word"] * 120)
    text = f"{long_sentence} and then  Ana (@ana) May 2, 2016"
    [quote] = embedfix.repair(text).quotes
    assert quote.text is None
    assert quote.confidence <= 0.5
