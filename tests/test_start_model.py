"""The post-start model: candidates, features, fitted weights, and the one-page rules it replaced.

The texts are written for this file in the style of scraped news."""

from __future__ import annotations

import datetime
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import embedfix
from embedfix import _start_weights, boundary, start_features
from embedfix.platforms.twitter import SIGNATURE_LINE
from embedfix.testing import sample_articles

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "scripts"))

import fit_start_model as fit  # noqa: E402
import post_lines  # noqa: E402


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


# --- posts broken over lines: what the fit learns from, and what it says --------------------

_LONG_PARAGRAPH = (
    "Le conseil s'est réuni mardi soir et a voté le nouveau budget après un long débat qui s'est "
    "prolongé bien après minuit, plusieurs élus quittant la salle avant la fin et la maire "
    "promettant une seconde lecture au printemps, quand les chiffres du premier trimestre seront "
    "connus."
)


def test_a_prose_line_that_could_open_the_post_makes_its_start_less_sure() -> None:
    # Line-separated extractors keep a post's line breaks: above ``Merci à tous…``, both ``On
    # l'a fait.`` and the article's short line could open the post; a paragraph too long to be
    # part of it could not.
    post = "On l'a fait.\nMerci à tous d'être venus ce soir !\n— Jeanne Dupont (@jdupont)\n2 mai 2019\n"
    short = embedfix.repair("Le conseil s'est réuni mardi soir.\n" + post).quotes[0]
    long = embedfix.repair(_LONG_PARAGRAPH + "\n" + post).quotes[0]
    assert long.confidence > short.confidence
    assert short.confidence < 0.9


def test_generated_posts_break_lines_only_after_inner_sentence_ends() -> None:
    articles = sample_articles(60, seed=3)
    for article in articles:
        assert fit._broken_lines(article, random.Random(0), 0.0) is article
        broken = fit._broken_lines(article, random.Random(0), 1.0)
        assert broken.text.replace("\n", " ") == article.text.replace("\n", " ")
        for old, new in zip(article.quotes, broken.quotes, strict=True):
            assert broken.text[new.span[0] : new.span[1]] == new.raw
            post = broken.text[new.text_span[0] : new.text_span[1]]
            assert post.replace("\n", " ") == article.text[old.text_span[0] : old.text_span[1]]
            assert all(post[i - 1] in ".!?。！？" for i, ch in enumerate(post) if ch == "\n")
    assert any(
        b.text != a.text for a in articles for b in [fit._broken_lines(a, random.Random(0), 1.0)]
    )


def test_the_share_of_posts_broken_over_lines_is_counted_per_line_break() -> None:
    share = post_lines.count(
        [
            "We did it.\nThank you all! pic.twitter.com/AbCdEf1234",  # broken after a sentence
            "We did it. Thank you all!",  # a sentence end inside, one line
            "Big win tonight\n#vote",  # a line break, but after no sentence end
            "Done. https://t.co/AbCdEf1234",  # only a link after the sentence end
        ]
    )
    assert (share.posts, share.broken) == (2, 1)


@pytest.mark.skipif(
    not (SHARED / "corpus" / "pages" / "manifest.jsonl").exists(),
    reason="needs ../shared/corpus/pages (the real pages the shares are measured on)",
)
def test_the_fit_breaks_posts_as_often_as_extractors_keep_real_posts_broken() -> None:
    shares = post_lines.measure(SHARED)
    assert round(shares["extracted"].share, 2) == fit.EXTRACTED_BREAKS
