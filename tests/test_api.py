"""The public API contract: names, types, errors, placeholders and stable dict schemas."""

from __future__ import annotations

import datetime
import json
import warnings

import pytest

import embedfix

TWEET = (
    "The club responded on social media.\n"
    "We are back! pic.twitter.com/Aa1Bb2Cc3D\n"
    "— Team News (@TeamNews) May 5, 2020\n"
    "Training resumes Monday."
)


def test_public_names_are_exported() -> None:
    for name in ("repair", "repair_html", "fix_encoding", "Document", "Quote", "Repair", "Damage"):
        assert name in embedfix.__all__
        assert hasattr(embedfix, name)


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["text"], bytearray(b"x")])
def test_non_str_input_raises_a_helpful_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^embedfix\.repair\(\) expected str, got "):
        embedfix.repair(bad)  # type: ignore[arg-type]


def test_bad_options_raise_clear_errors() -> None:
    with pytest.raises(ValueError, match="lost must be"):
        embedfix.repair("x", lost="erase")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown platform"):
        embedfix.repair("x", platforms=["myspace"])
    with pytest.raises(TypeError, match="placeholder"):
        embedfix.repair("x", placeholder=3)  # type: ignore[arg-type]


def test_results_are_frozen_values() -> None:
    doc = embedfix.repair(TWEET)
    with pytest.raises(AttributeError):
        doc.body = ""  # type: ignore[misc]
    with pytest.raises(AttributeError):
        doc.quotes[0].handle = "x"  # type: ignore[misc]
    assert doc == embedfix.repair(TWEET)
    assert hash(doc.quotes[0]) == hash(embedfix.repair(TWEET).quotes[0])


def test_to_dict_has_the_same_keys_with_and_without_embeds() -> None:
    with_embed = embedfix.repair(TWEET).to_dict()
    without = embedfix.repair("Just an article with no embed at all.").to_dict()
    assert with_embed.keys() == without.keys()
    assert with_embed["quotes"][0]["date"] == "2020-05-05"
    json.dumps(with_embed)  # JSON-ready
    quote_keys = with_embed["quotes"][0].keys()
    bare = embedfix.repair(
        "Reply:\nhttps://twitter.com/KP24/status/1239832625520324608\nEnd."
    ).to_dict()
    assert bare["quotes"][0].keys() == quote_keys


def test_placeholder_marks_where_each_embed_stood() -> None:
    doc = embedfix.repair(TWEET, placeholder="[tweet {n}]")
    assert doc.body == ("The club responded on social media.\n[tweet 1]\nTraining resumes Monday.")
    plain = embedfix.repair(TWEET, placeholder="[tweet]")
    assert "[tweet]" in plain.body


def test_empty_and_whitespace_text() -> None:
    assert embedfix.repair("").body == ""
    assert embedfix.repair(" \n\t").quotes == ()


def test_html_input_warns_to_use_repair_html() -> None:
    html = '<blockquote class="twitter-tweet"><p>Hi</p>&mdash; A (@a) <a href="#">May 5, 2020</a></blockquote>'
    with pytest.warns(UserWarning, match="repair_html"):
        embedfix.repair(html)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        embedfix.repair("a < b and <c> are not embed markup")


def test_date_after_publication_lowers_confidence() -> None:
    sure = embedfix.repair(TWEET).quotes[0].confidence
    later = embedfix.repair(TWEET, published=datetime.date(2019, 1, 1)).quotes[0].confidence
    assert later < sure


def test_platforms_option_selects_grammars() -> None:
    assert embedfix.repair(TWEET, platforms=["bluesky"]).quotes == ()
    assert len(embedfix.repair(TWEET, platforms="twitter").quotes) == 1


def test_article_language_settles_an_ambiguous_date_language() -> None:
    text = "Il a réagi.\nMerci à tous !\n— Marc (@marc) 6 avril 2021\nLa suite."
    assert embedfix.repair(text).quotes[0].date_lang == "fr"
    ambiguous = "He replied.\nThanks all!\n— Marc (@marc) 6 April 2021\nMore."
    assert embedfix.repair(ambiguous).quotes[0].date_lang is None
    assert embedfix.repair(ambiguous, lang="en").quotes[0].date_lang == "en-gb"


def test_impossible_tweet_date_lowers_confidence() -> None:
    old = "He replied.\nThanks all!\n— Marc (@marc) May 5, 1999\nMore."
    quote = embedfix.repair(old).quotes[0]
    assert quote.date == datetime.date(1999, 5, 5)
    assert quote.confidence <= 0.5
