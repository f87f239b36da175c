"""The public hypothesis strategies of `embedfix.testing` produce what they promise, with true truth."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from embedfix import Document, Quote
from embedfix.testing import (
    DATE_LANGS,
    ERAS,
    FLATTENINGS,
    LAYOUTS,
    MECHANISMS,
    Article,
    EmbedHtml,
    Tweet,
    articles_with_embeds,
    damage_per_code_point,
    damage_utf8mb3,
    damage_utf16,
    damaged,
    embed_html,
    flatten,
    flattened,
    format_date,
    measure_recovery,
    mojibake_cp1252,
    sample_articles,
    tweet_length,
    tweet_limit,
    tweets,
)

REPO = Path(__file__).resolve().parents[1]
STRATEGY_SETTINGS = settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
MEDIA = re.compile(r"pic\.twitter\.com/[A-Za-z0-9]{10}")
TCO = re.compile(r"https?://t\.co/[A-Za-z0-9]{10}")
SNOWFLAKE_EPOCH_MS = 1288834974657


def _astral(text: str) -> int:
    return sum(ord(ch) > 0xFFFF for ch in text)


# --- tweets() -----------------------------------------------------------------------------------


@STRATEGY_SETTINGS
@given(tweets())
def test_a_tweet_has_a_valid_handle_date_and_entities_that_are_in_its_text(tweet: Tweet) -> None:
    assert HANDLE.fullmatch(tweet.handle)
    assert datetime.date(2010, 1, 1) <= tweet.date <= datetime.date(2025, 12, 31)
    assert tweet.text and tweet.text == tweet.text.strip() and "\n" not in tweet.text
    assert tweet_length(tweet.text, tweet.date) <= tweet_limit(tweet.date)
    for media in tweet.media:
        assert MEDIA.fullmatch(media)
    assert tweet.full_text.endswith(tweet.media[-1] if tweet.media else tweet.text)
    for url in tweet.urls:
        assert TCO.fullmatch(url) and url in tweet.text
    for tag in tweet.hashtags:
        assert "#" + tag in tweet.text
    for user in tweet.mentions:
        assert HANDLE.fullmatch(user) and "@" + user in tweet.text


@STRATEGY_SETTINGS
@given(tweets())
def test_a_snowflake_status_id_encodes_the_tweet_date(tweet: Tweet) -> None:
    status = int(tweet.status_id)
    if tweet.date >= datetime.date(2010, 11, 5):
        ms = (status >> 22) + SNOWFLAKE_EPOCH_MS
        posted = datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc).date()
        assert posted == tweet.date
    else:
        assert status < 2**32 * 8


@pytest.mark.parametrize(
    ("text", "date", "length"),
    [
        ("東京" * 70, datetime.date(2016, 5, 1), 140),
        ("東京" * 70, datetime.date(2018, 5, 1), 280),
        ("See https://t.co/AbCdEf1234 now 😂", datetime.date(2019, 1, 1), 4 + 23 + 5 + 2),
        ("See https://t.co/AbCdEf1234 now 😂", datetime.date(2012, 1, 1), 4 + 23 + 5 + 1),
    ],
)
def test_tweet_length_counts_as_twitter_did_on_the_day(
    text: str, date: datetime.date, length: int
) -> None:
    assert tweet_length(text, date) == length


def test_some_tweets_come_close_to_the_limit_of_their_day() -> None:
    tweets_ = [q.tweet for a in sample_articles(400, seed=8) for q in a.quotes]
    assert any(tweet_length(t.text, t.date) > 0.8 * tweet_limit(t.date) for t in tweets_)


def test_tweets_span_many_scripts_and_carry_emoji() -> None:
    joined = "".join(q.tweet.text for a in sample_articles(300, seed=3) for q in a.quotes)
    for script in (
        "[а-я]",
        "[\u0600-\u06ff]",
        "[\u3040-\u30ff]",
        "[\uac00-\ud7af]",
        "[\u0900-\u097f]",
    ):
        assert re.search(script, joined), script
    assert _astral(joined) > 20 and "\u200d" in joined


@given(tweets(lang="ru"))
@STRATEGY_SETTINGS
def test_tweets_can_be_asked_for_one_language(tweet: Tweet) -> None:
    assert tweet.lang == "ru"
    assert re.search("[а-я]", tweet.text, re.IGNORECASE)


# --- embed_html() -------------------------------------------------------------------------------


@STRATEGY_SETTINGS
@given(tweets().flatmap(embed_html))
def test_embed_markup_shows_the_tweet_signature_and_date(embed: EmbedHtml) -> None:
    soup = BeautifulSoup(embed.html, "html.parser")
    block = soup.find("blockquote", class_="twitter-tweet")
    assert block is not None
    text = block.get_text()
    assert embed.tweet.full_text in text
    assert f"\N{EM DASH} {embed.tweet.author} (@{embed.tweet.handle}) {embed.date_raw}" in text
    assert embed.tweet.status_id in embed.html
    assert embed.html.count("<script") == 1


@pytest.mark.parametrize(
    ("era", "present", "absent"),
    [
        ("2013", ["platform.twitter.com"], ["data-lang", "ref_src", "x.com/", "dir="]),
        ("2016", ['data-lang="', 'dir="ltr"', "src=hash"], ["ref_src", "x.com/"]),
        ("2018", ["ref_src=twsrc%5Etfw", "https://platform.twitter.com/widgets.js"], ["x.com/"]),
        ("2025", ["https://x.com/", "https://platform.x.com/widgets.js", "pic.twitter.com"], []),
    ],
)
def test_each_era_writes_its_own_markup(era: str, present: list[str], absent: list[str]) -> None:
    tweet = Tweet(
        text="Stay safe everyone #StormAlex @metoffice",
        author="Jane Doe",
        handle="janedoe",
        date=datetime.date(2013, 9, 28),
        status_id="383992580556730368",
        lang="en",
        media=("pic.twitter.com/AbCdEf1234",),
        hashtags=("StormAlex",),
        mentions=("metoffice",),
    )

    @settings(max_examples=10, derandomize=True, deadline=None)
    @given(embed_html(tweet, lang="de", era=era))
    def check(embed: EmbedHtml) -> None:
        assert embed.era == era and embed.lang == "de"
        for marker in present:
            assert marker in embed.html
        for marker in absent:
            assert marker not in embed.html
        if era == "2013":
            assert ' lang="de"' in embed.html and "@<a href" in embed.html
        assert embed.date_raw == "28. September 2013"

    check()


@pytest.mark.parametrize(
    ("lang", "era", "expected"),
    [
        ("en", "2018", "March 29, 2019"),
        ("fr", "2018", "29 mars 2019"),
        ("fr", "2013", "29 Mars 2019"),
        ("de", "2016", "29. März 2019"),
        ("es", "2018", "29 de marzo de 2019"),
        ("es", "2013", "marzo 29, 2019"),
        ("ja", "2025", "2019年3月29日"),
        ("ja", "2013", "2019, 3月 29"),
    ],
)
def test_dates_are_written_as_twitter_wrote_them(lang: str, era: str, expected: str) -> None:
    assert format_date(datetime.date(2019, 3, 29), lang, era) == expected


@pytest.mark.parametrize("lang", DATE_LANGS)
def test_cldr_era_dates_agree_with_babel(lang: str) -> None:
    babel_dates = pytest.importorskip("babel.dates")
    for month in range(1, 13):
        day = datetime.date(2019, month, 7)
        assert format_date(day, lang, "2018") == babel_dates.format_date(day, "long", locale=lang)


def test_bad_choices_are_refused_with_a_value_error() -> None:
    tweet = next(q.tweet for a in sample_articles(20) for q in a.quotes)
    with pytest.raises(ValueError, match="era"):
        embed_html(tweet, era="1999")
    with pytest.raises(ValueError, match="lang"):
        embed_html(tweet, lang="xx")
    with pytest.raises(ValueError, match="how"):
        flattened("<p>x</p>", how="pdf")
    with pytest.raises(ValueError, match="how"):
        damaged("x", how="rot13")


# --- flattened() --------------------------------------------------------------------------------

_EMBED = (
    '<p>The storm hit at dawn.</p><blockquote class="twitter-tweet" data-lang="fr">'
    '<p lang="en" dir="ltr">Stay safe everyone <a href="https://twitter.com/hashtag/StormAlex">'
    '#StormAlex</a> <a href="https://t.co/x">pic.twitter.com/AbCdEf1234</a></p>&mdash; '
    'Jane Doe (@janedoe) <a href="https://twitter.com/janedoe/status/1">28 septembre 2018</a>'
    "</blockquote><p>The mayor said…</p>"
)


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        (
            "get_text",
            "The storm hit at dawn.Stay safe everyone #StormAlex pic.twitter.com/AbCdEf1234"
            "\N{EM DASH} Jane Doe (@janedoe) 28 septembre 2018The mayor said…",
        ),
        (
            "get_text_newline",
            "The storm hit at dawn.\nStay safe everyone\n#StormAlex\npic.twitter.com/AbCdEf1234"
            "\n\N{EM DASH} Jane Doe (@janedoe)\n28 septembre 2018\nThe mayor said…",
        ),
        (
            "ascii",
            "The storm hit at dawn.Stay safe everyone #StormAlex pic.twitter.com/AbCdEf1234"
            " Jane Doe (@janedoe) 28 septembre 2018The mayor said",
        ),
    ],
)
def test_flattening_reproduces_the_scraper_layouts(how: str, expected: str) -> None:
    assert flatten(_EMBED, how) == expected


@STRATEGY_SETTINGS
@given(tweets().flatmap(embed_html).flatmap(lambda e: flattened(e.html)))
def test_every_flattening_keeps_the_handle_in_some_form(flat: object) -> None:
    from embedfix.testing import Flattened

    assert isinstance(flat, Flattened) and flat.how in FLATTENINGS
    handle = re.search(r"\(@([A-Za-z0-9_]+)\)", flat.html)
    assert handle is not None and f"(@{handle.group(1)})" in flat.text
    if flat.how == "collapsed":
        assert not re.search(r"\s\s", flat.text)
    if flat.how == "ascii":
        assert flat.text.isascii()


def test_lxml_flattening_matches_get_text_on_an_embed() -> None:
    if "lxml" not in FLATTENINGS:
        pytest.skip("lxml is not installed")
    assert flatten(_EMBED, "lxml") == flatten(_EMBED, "get_text")


# --- damaged() ----------------------------------------------------------------------------------

_SAMPLE = "MFA Russia 🇷🇺 👍🏽 ✓ ♬ 日本 пакистан don’t — café"


def test_damage_mechanisms_write_the_documented_number_of_question_marks() -> None:
    assert damage_utf8mb3(_SAMPLE) == "MFA Russia ???????? ???????? ✓ ♬ 日本 пакистан don’t — café"
    assert damage_per_code_point(_SAMPLE) == "MFA Russia ?? ?? ? ? ?? ???????? don’t — café"
    assert damage_utf16(_SAMPLE) == "MFA Russia ???? ???? ? ? ?? ???????? don’t — café"
    assert mojibake_cp1252("— café") == "â€” cafÃ©"


@STRATEGY_SETTINGS
@given(articles_with_embeds().flatmap(lambda a: damaged(a.text)))
def test_damage_keeps_its_original_and_is_reversible_where_nothing_is_lost(d: object) -> None:
    from embedfix.testing import Damaged

    assert isinstance(d, Damaged)
    mechanism = MECHANISMS[d.how]
    assert d.text == mechanism.apply(d.original)
    if d.how == "mojibake":
        raw = bytes(ord(ch) if ord(ch) < 256 else ord(ch.encode("cp1252")) for ch in d.text)
        assert raw.decode("utf-8") == d.original
    if d.how == "utf8mb3":
        assert d.text.count("?") - d.original.count("?") == 4 * _astral(d.original)


# --- articles_with_embeds() ---------------------------------------------------------------------


@STRATEGY_SETTINGS
@given(articles_with_embeds())
def test_an_article_states_where_each_embed_is_and_what_it_says(article: Article) -> None:
    text, expected = article
    end = 0
    for q in expected:
        assert end <= q.span[0] < q.span[1] <= len(text)
        assert text[q.span[0] : q.span[1]] == q.raw
        assert q.raw.startswith(q.tweet.full_text) and q.raw.endswith(q.date_raw)
        assert f"(@{q.handle}) {q.date_raw}" in q.raw
        assert text[q.text_span[0] : q.text_span[1]] == q.tweet.full_text
        assert q.span[0] == 0 or text[q.span[0] - 1] == "\n"
        assert q.layout in LAYOUTS
        after = text[q.span[1] : q.span[1] + 1]
        assert (
            after.isalpha() or after in ("«", "“", "¿")
            if q.layout.endswith("-glued")
            else after in ("", "\n")
        )
        end = q.span[1]


def test_sample_articles_are_the_same_for_the_same_seed_and_differ_across_seeds() -> None:
    assert sample_articles(25, seed=11) == sample_articles(25, seed=11)
    assert sample_articles(25, seed=11) != sample_articles(25, seed=12)
    layouts = {q.layout for a in sample_articles(200, seed=5) for q in a.quotes}
    assert layouts == set(LAYOUTS)


def test_without_hypothesis_the_import_names_the_extra() -> None:
    code = "import sys; sys.modules['hypothesis'] = None; import embedfix.testing"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "src")},
        check=False,
    )
    assert result.returncode != 0
    assert "ImportError" in result.stderr and "embedfix[testing]" in result.stderr


@STRATEGY_SETTINGS
@given(st.data())
def test_strategies_compose_end_to_end(data: st.DataObject) -> None:
    tweet = data.draw(tweets())
    embed = data.draw(embed_html(tweet, era=data.draw(st.sampled_from(ERAS))))
    flat = data.draw(flattened(embed.html))
    dmg = data.draw(damaged(flat.text))
    assert isinstance(dmg.text, str)


# --- measure_recovery() -------------------------------------------------------------------------


def _perfect_repair(articles: list[Article]) -> Callable[[str], Document]:
    truth = {a.text: a for a in articles}

    def repair(text: str) -> Document:
        quotes = tuple(
            Quote(
                "twitter",
                q.span,
                q.raw,
                text=q.text,
                handle=q.handle,
                date=q.date,
                author=q.author,
                media=q.media,
            )
            for q in truth[text].quotes
        )
        return Document(text, text, quotes)

    return repair


def test_measure_recovery_counts_a_perfect_and_an_empty_detector() -> None:
    articles = sample_articles(50, seed=4)
    embeds = sum(len(a.quotes) for a in articles)
    perfect = measure_recovery(articles, _perfect_repair(articles))
    assert (perfect.embeds, perfect.found, perfect.text_exact, perfect.span_exact) == (
        embeds,
        embeds,
        embeds,
        embeds,
    )
    assert perfect.false_positives == 0 and perfect.misses == ()
    empty = measure_recovery(articles, lambda text: Document(text, text), keep_misses=3)
    assert empty.found == 0 and empty.rate(empty.handle_exact) == 0.0 and len(empty.misses) == 3
    assert "got nothing" in empty.misses[0]
