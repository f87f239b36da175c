"""embedfix.entities: what a tweet's mentions, hashtags, cashtags and links are, and its length.

The twitter-text conformance suite (tests/test_entities_conformance.py) is the full definition;
these tests read like the spec on realistic tweets as they survive in scraped news text, plus
the contract (types, spans, ordering) and the hostile inputs a scraper meets.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embedfix.entities import (
    CONFIGS,
    Entity,
    LengthConfig,
    extract_cashtags,
    extract_entities,
    extract_hashtags,
    extract_hashtags_with_indices,
    extract_mentions,
    extract_mentions_or_lists_with_indices,
    extract_mentions_with_indices,
    extract_reply_screen_name,
    extract_scraped_entities,
    extract_urls,
    extract_urls_with_indices,
    glued_link_starts,
    is_valid_tweet,
    parse_tweet,
    split_glued_links,
    weighted_length,
)

# --- Real-world tweets -------------------------------------------------------------------------


def test_a_news_tweet_with_everything() -> None:
    text = (
        "BREAKING: @POTUS meets @JustinTrudeau in Ottawa #G7Summit $SPY down 2% "
        "https://t.co/AbCdEfGhIj pic.twitter.com/XyZ123AbCd"
    )
    kinds = [(e.kind, e.value) for e in extract_entities(text)]
    assert kinds == [
        ("mention", "POTUS"),
        ("mention", "JustinTrudeau"),
        ("hashtag", "G7Summit"),
        ("cashtag", "SPY"),
        ("url", "https://t.co/AbCdEfGhIj"),
        ("url", "pic.twitter.com/XyZ123AbCd"),
    ]


def test_spans_are_code_point_offsets_into_the_text() -> None:
    # Flags are two astral code points each: UTF-16 would count four units, we count two.
    text = "🇺🇸 vs 🇮🇷 #IRNUSA @FIFAWorldCup"
    for entity in extract_entities(text):
        start, end = entity.span
        assert text[start:end] in {"#IRNUSA", "@FIFAWorldCup"}
    assert extract_hashtags_with_indices(text)[0].span == (9, 16)


def test_hashtags_in_many_scripts() -> None:
    assert extract_hashtags("#Iran #ایران #イラン #이란 #Иран #ईरान") == [
        "Iran",
        "ایران",
        "イラン",
        "이란",
        "Иран",
        "ईरान",
    ]


def test_hashtag_after_emoji_and_at_line_start() -> None:
    assert extract_hashtags("Go team ⚽#WorldCup\n#WC2018 final") == ["WorldCup", "WC2018"]


def test_lists_and_mentions_are_told_apart() -> None:
    found = extract_mentions_or_lists_with_indices("via @nytimes/politics and @maggieNYT")
    assert [(e.kind, e.value, e.list_slug) for e in found] == [
        ("list", "nytimes", "politics"),
        ("mention", "maggieNYT", None),
    ]
    assert extract_mentions("via @nytimes/politics and @maggieNYT") == ["maggieNYT"]


def test_old_style_retweet_and_reply() -> None:
    assert extract_mentions("RT @AP: Breaking news") == ["AP"]
    assert extract_mentions("RT:@AP Breaking news") == ["AP"]
    assert extract_reply_screen_name("@jack thanks for the update") == "jack"
    assert extract_reply_screen_name("thanks @jack") is None


def test_fullwidth_sigils_count() -> None:
    assert extract_mentions("こんにちは＠twitterjp さん") == ["twitterjp"]
    assert extract_hashtags("今日は ＃花見") == ["花見"]


def test_links_with_and_without_protocol() -> None:
    text = "Full story: bbc.co.uk/news/world-123 and http://nyti.ms/2abcDEF."
    assert extract_urls(text) == ["bbc.co.uk/news/world-123", "http://nyti.ms/2abcDEF"]


def test_link_keeps_balanced_parentheses_but_not_trailing_punctuation() -> None:
    text = "See https://en.wikipedia.org/wiki/Avatar_(2009_film), then (http://example.com)."
    assert extract_urls(text) == [
        "https://en.wikipedia.org/wiki/Avatar_(2009_film)",
        "http://example.com",
    ]


def test_tco_links_stop_at_their_slug() -> None:
    assert extract_urls("https://t.co/AbCdEfGhIj/extra") == ["https://t.co/AbCdEfGhIj"]


def test_international_domain_names() -> None:
    assert extract_urls("http://例え.テスト is not a TLD but http://twitter.한국 is") == [
        "http://twitter.한국"
    ]


def test_cashtags() -> None:
    assert extract_cashtags("$AAPL beats, $BRK.A flat, $TSLA_X ok") == ["AAPL", "BRK.A", "TSLA_X"]


def test_entities_in_links_are_not_doubled() -> None:
    text = "http://example.com/#anchor and https://twitter.com/@jack"
    assert [e.kind for e in extract_entities(text)] == ["url", "url"]
    assert extract_hashtags(text) == []


# --- Negatives -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "mail me at jane@example.com",  # an e-mail address is not a mention
        "@jack@twitter",  # too close to an e-mail
        "@jack://",  # not a user called http
        "@café",  # a screen name cannot go on with an accented letter
    ],
)
def test_email_like_text_has_no_mention(text: str) -> None:
    assert extract_mentions(text) == []


@pytest.mark.parametrize("text", ["#123", "&#39;", "1#hash", "#️⃣ keycap", "a#b"])
def test_not_hashtags(text: str) -> None:
    assert extract_hashtags(text) == []


@pytest.mark.parametrize("text", ["$100 price", "$TOOLONGX", "US$AAPL", "$aapl5"])
def test_not_cashtags(text: str) -> None:
    assert extract_cashtags(text) == []


@pytest.mark.parametrize(
    "text", ["version 1.2.3", "file.txt", "..", "hello.", "a.b.c.d.e", "-example.com"]
)
def test_not_links(text: str) -> None:
    assert extract_urls(text) == []


def test_empty_text() -> None:
    assert extract_entities("") == []
    assert parse_tweet("").weighted_length == 0
    assert not is_valid_tweet("")


# --- Weighted length ---------------------------------------------------------------------------


def test_links_weigh_23_whatever_their_length() -> None:
    long_link = "https://www.example.com/" + "a" * 200
    assert weighted_length("Hi " + long_link) == 26
    assert weighted_length("Hi " + long_link, "v1") == 26


def test_cjk_weighs_two_from_v2() -> None:
    assert weighted_length("東京", "v1") == 2
    assert weighted_length("東京", "v2") == 4
    assert weighted_length("東京") == 4


def test_emoji_sequences_weigh_two_in_v3_only() -> None:
    family = "👨\u200d👩\u200d👧\u200d👦"
    assert weighted_length(family, "v3") == 2
    assert weighted_length(family, "v2") == 2 * 4 + 3  # four emoji, three zero-width joiners
    assert weighted_length("🇫🇷", "v3") == 2


def test_limits() -> None:
    assert is_valid_tweet("a" * 280)
    assert not is_valid_tweet("a" * 281)
    assert is_valid_tweet("a" * 140, "v1")
    assert not is_valid_tweet("a" * 141, "v1")
    assert not is_valid_tweet("bad \ufffe char")


def test_parse_tweet_reports_where_the_text_stops_fitting() -> None:
    parsed = parse_tweet("東" * 150)
    assert parsed.weighted_length == 300
    assert not parsed.valid
    assert parsed.valid_range == (0, 139)
    assert parsed.display_range == (0, 149)
    assert parsed.permillage == 1071


def test_a_custom_configuration() -> None:
    tiny = LengthConfig(9, 10, 1, 1, (), emoji_parsing=False, url_length=5)
    assert weighted_length("hi http://example.com", tiny) == 8
    assert CONFIGS["v3"].emoji_parsing


def test_unknown_configuration_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="v4"):
        weighted_length("x", "v4")


@pytest.mark.parametrize(
    "call",
    [
        extract_entities,
        extract_mentions,
        extract_hashtags,
        extract_cashtags,
        extract_urls,
        extract_reply_screen_name,
        weighted_length,
        is_valid_tweet,
        glued_link_starts,
    ],
)
@pytest.mark.parametrize("bad", [b"@jack", None, 42])
def test_non_str_is_a_type_error(call: object, bad: object) -> None:
    with pytest.raises(TypeError, match="expected str"):
        call(bad)  # type: ignore[operator]


# --- Scraped text: links glued to the word before ----------------------------------------------


def test_hashtag_glued_to_a_media_link() -> None:
    text = "Great game #IranUsapic.twitter.com/AbCdEfGhIj"
    # twitter-text itself sees one hashtag running into the link:
    assert extract_hashtags(text) == ["IranUsapic"]
    found = extract_scraped_entities(text)
    assert [(e.kind, e.value) for e in found] == [
        ("hashtag", "IranUsa"),
        ("url", "pic.twitter.com/AbCdEfGhIj"),
    ]
    assert [text[slice(*e.span)] for e in found] == ["#IranUsa", "pic.twitter.com/AbCdEfGhIj"]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        # 2014 onwards: ten-character t.co slugs
        (
            "http://t.co/jptpLF3uImpic.twitter.com/AbCdEfGhIj",
            ["http://t.co/jptpLF3uIm", "pic.twitter.com/AbCdEfGhIj"],
        ),
        # 2011-2013: eight-character slugs
        (
            "http://t.co/AbCdEfGhhttp://t.co/IjKlMnOp",
            ["http://t.co/AbCdEfGh", "http://t.co/IjKlMnOp"],
        ),
        # x.com-era media links
        ("news @Reuterspic.x.com/AbCdEfGhIj", ["pic.x.com/AbCdEfGhIj"]),
    ],
)
def test_glued_links_split(text: str, links: list[str]) -> None:
    found = [e for e in extract_scraped_entities(text) if e.kind == "url"]
    assert [e.value for e in found] == links
    assert [text[slice(*e.span)] for e in found] == links


def test_split_glued_links_for_measuring() -> None:
    assert split_glued_links("#Tagpic.twitter.com/x") == "#Tag pic.twitter.com/x"
    assert split_glued_links("nothing glued here http://t.co/x") == (
        "nothing glued here http://t.co/x"
    )


@pytest.mark.xfail(strict=True, reason="a t.co link glued to ordinary words cannot be told apart")
def test_tco_link_glued_to_a_word() -> None:
    assert extract_urls(split_glued_links("http://t.co/AbCdEfGhIjWatch now")) == [
        "http://t.co/AbCdEfGhIj"
    ]


@pytest.mark.xfail(strict=True, reason="TLD retired from the Public Suffix List (see docs)")
def test_retired_tld() -> None:
    assert extract_urls("http://twitter.xperia") == ["http://twitter.xperia"]


# --- Properties ----------------------------------------------------------------------------------

_tweetish = st.text(
    alphabet=st.sampled_from([*"abcXYZ019 ._-/:?#@$&()'\n＠＃é東🇺👍\u200d\ufe0f\ud800"])
    | st.characters(),
    max_size=80,
)


@settings(max_examples=100, deadline=None)
@given(_tweetish)
def test_entities_are_ordered_disjoint_and_inside_the_text(text: str) -> None:
    entities = extract_entities(text)
    previous_end = 0
    for entity in entities:
        start, end = entity.span
        assert previous_end <= start < end <= len(text)
        previous_end = end
        piece = text[start:end]
        if entity.kind in {"mention", "list"}:
            assert piece[0] in "@＠" and piece[1:].startswith(entity.value)
        elif entity.kind == "hashtag":
            assert piece[0] in "#＃" and piece[1:] == entity.value
        elif entity.kind == "cashtag":
            assert piece == "$" + entity.value


@settings(max_examples=100, deadline=None)
@given(_tweetish)
def test_every_api_accepts_any_text(text: str) -> None:
    for mention in extract_mentions_with_indices(text):
        assert isinstance(mention, Entity)
    extract_reply_screen_name(text)
    for url in extract_urls_with_indices(text):
        assert url.kind == "url"
    parsed = parse_tweet(text)
    assert parsed.weighted_length >= 0
    # Twitter counts the text after NFC, which can lengthen it (U+FB2A 'שׁ' becomes two code
    # points), so the bound is on the normalised length.
    normalised = unicodedata.normalize("NFC", text)
    assert weighted_length(text, "v1") <= len(normalised) + 23 * len(extract_urls(text))
    assert all(0 <= s < e <= len(text) for s, e in (x.span for x in extract_scraped_entities(text)))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab.-_/#@$é東", max_size=40))
def test_splitting_glued_links_never_loses_text(text: str) -> None:
    assert split_glued_links(text).replace(" ", "") == text.replace(" ", "")


def _walk(text: str, cfg: LengthConfig) -> tuple[int, bool, int]:
    """twitter-text's ``parseTweet`` loop, one code point at a time: the reference the C-level
    counting of `parse_tweet` must agree with (weighted length, validity, last fitting index)."""
    import re as _re
    import unicodedata

    from embedfix.entities.length import _EMOJI
    from embedfix.entities.urls import find_urls

    normalized = unicodedata.normalize("NFC", text)
    jumps: dict[int, tuple[int, int]] = {}
    if cfg.emoji_parsing:
        for m in _EMOJI.finditer(normalized):
            jumps[m.start()] = (m.end(), cfg.default_weight)
    for start, end, _url in find_urls(normalized):
        jumps[start] = (end, cfg.url_length * cfg.scale)
    weight, valid, valid_end, i = 0, True, 0, 0
    while i < len(normalized):
        if i in jumps:
            end, unit = jumps[i]
            weight += unit
            i = end - 1
        else:
            cp = ord(normalized[i])
            weight += next((w for a, b, w in cfg.ranges if a <= cp <= b), cfg.default_weight)
        valid = valid and _re.match("[\ufffe\ufeff\uffff]", normalized[i]) is None
        if valid and weight <= cfg.max_weighted_length * cfg.scale:
            valid_end = i
        i += 1
    length = weight // cfg.scale
    return (
        length,
        valid and 0 < length <= cfg.max_weighted_length,
        valid_end + len(text) - len(normalized),
    )


_OVERLAPPING = LengthConfig(
    7,
    30,
    10,
    30,
    ((0, 127, 10), (100, 300, 50), (0x4E00, 0x9FFF, 0), (50, 60, 20)),
    emoji_parsing=True,
    url_length=4,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"ab .:/#1東é\u0301👍🏽\u200d\ufe0f\u20e3🇺🇸\ufeff\uffff"])
        | st.sampled_from([" t.co/AbCdEf1234", " https://x.com/a", " example.org", "x" * 60])
        | st.characters(),
        max_size=60,
    ).map("".join),
    st.sampled_from([*CONFIGS.values(), _OVERLAPPING]),
)
def test_length_counted_at_c_level_agrees_with_the_walk(text: str, cfg: LengthConfig) -> None:
    parsed = parse_tweet(text, cfg)
    assert (parsed.weighted_length, parsed.valid, parsed.valid_range[1]) == _walk(text, cfg)
    assert weighted_length(text, cfg) == parsed.weighted_length


# --- Hostile input: every scan is linear -------------------------------------------------------

# Each unit repeated to the given size; the sizes keep the whole file to a few seconds.
HOSTILE = [
    ("@", 200_000),
    ("#", 200_000),
    ("$", 200_000),
    ("http://", 200_000),
    (".", 100_000),
    ("(@", 100_000),
    ("-", 100_000),
    ("?", 100_000),
    ("RT@", 100_000),
    ("a.", 20_000),  # one domain of 10,000 labels and no TLD: the classic quadratic trap
    ("é.", 20_000),
    ("x.com/(", 20_000),  # thousands of links, each with an unbalanced parenthesis
]


@pytest.mark.parametrize(("unit", "size"), HOSTILE)
def test_hostile_input_is_read(unit: str, size: int) -> None:
    """A long run of a pathological unit is read whole, with spans inside the text.

    Its time is measured, doubling the input, by benchmarks/entities_linear.py (docs/entities.md
    has the figures): no timed unit test, as the machines are shared.
    """
    text = unit * (size // len(unit))
    entities = extract_entities(text)
    assert all(0 <= e.span[0] < e.span[1] <= len(text) for e in entities)
    assert weighted_length(text) >= 0
