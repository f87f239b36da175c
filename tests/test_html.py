"""`repair_html`: embeds read from their markup, and the page handed back without them."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import embedfix
from embedfix import HtmlDocument, Quote, repair_html
from embedfix.html import looks_like_embed_html
from embedfix.testing import EmbedHtml, embed_html, tweets

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"

TWEET = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Ferries are running again '
    '<a href="https://t.co/QwErTy1234">pic.twitter.com/QwErTy1234</a></p>&mdash; Ferry Co '
    '(@ferryco) <a href="https://twitter.com/ferryco/status/1311000000000000000?ref_src=twsrc%5Etfw">'
    "September 29, 2020</a></blockquote>"
)
SCRIPT = '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def by_platform(doc: HtmlDocument, platform: str) -> list[Quote]:
    return [q for q in doc.quotes if q.platform == platform]


def assert_spans_exact(doc: HtmlDocument) -> None:
    for q in doc.quotes:
        assert doc.source[q.span[0] : q.span[1]] == q.raw
        if q.text_span is not None:
            assert q.span[0] <= q.text_span[0] <= q.text_span[1] <= q.span[1]


# --- The contract -------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, b"<p>x</p>", 3, ["<p>"]])
def test_non_str_input_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^embedfix\.repair_html\(\) expected str, got "):
        repair_html(bad)  # type: ignore[arg-type]


def test_non_str_placeholder_raises_type_error() -> None:
    with pytest.raises(TypeError, match="placeholder"):
        repair_html(TWEET, placeholder=1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "page",
    [
        "",
        "plain text, no markup at all",
        "<p>An article.</p>\n<blockquote><p>A pull quote &mdash; Editor</p></blockquote>",
        # A loader script alone is not an embed: with nothing to remove, nothing changes.
        "<html><body><p>Hi</p>" + SCRIPT + "</body></html>",
        "<p>Broken <b>markup <i>everywhere</p></div>&amp; < > &",
    ],
)
def test_page_without_embeds_comes_back_byte_for_byte(page: str) -> None:
    doc = repair_html(page)
    assert doc.quotes == ()
    assert doc.html == page
    assert doc.source == page


def test_to_dict_has_every_key() -> None:
    doc = repair_html(TWEET)
    assert list(doc.to_dict()) == ["source", "body", "quotes", "repairs", "damage", "html"]
    assert doc.to_dict()["quotes"][0]["status_id"] == "1311000000000000000"


def test_public_api_exports_repair_html() -> None:
    assert embedfix.repair_html is repair_html


# --- Twitter ------------------------------------------------------------------------------------


def test_canonical_tweet_fields_come_from_the_markup() -> None:
    doc = repair_html(TWEET + "\n" + SCRIPT)
    (q,) = doc.quotes
    assert (q.platform, q.kind, q.author, q.handle) == ("twitter", "embed", "Ferry Co", "ferryco")
    assert q.text == "Ferries are running again"
    assert q.media == ("pic.twitter.com/QwErTy1234",)
    assert q.date == datetime.date(2020, 9, 29)
    assert (q.date_raw, q.date_lang) == ("September 29, 2020", "en")
    assert q.url == "https://twitter.com/ferryco/status/1311000000000000000"
    assert q.status_id == "1311000000000000000"
    assert q.lang == "en"
    assert q.span == (0, len(TWEET))
    assert doc.html == ""


def test_wordpress_article_loses_embeds_wrappers_and_scripts_but_nothing_else() -> None:
    page = fixture("wordpress_article.html")
    doc = repair_html(page, placeholder="[[EMBED {n}]]")
    assert_spans_exact(doc)
    assert [q.platform for q in doc.quotes] == ["twitter", "twitter", "instagram"]
    first, second, insta = doc.quotes
    assert first.text == "Water is over the sea wall on Harbour St.\nStay safe everyone #StormAlex"
    assert first.hashtags == ("StormAlex",)
    assert second.mentions == ("PortAuthority",)
    assert (second.date, second.lang) == (datetime.date(2020, 9, 29), "fr")
    assert (insta.handle, insta.author, insta.status_id) == (
        "harbour.life",
        "Harbour Life",
        "CFtq2xBnQ1a",
    )
    html = doc.html
    for gone in ("twitter-tweet", "wp-block-embed", "embed-twitter", "instagram-media"):
        assert gone not in html
    assert "widgets.js" not in html and "embed.js" not in html
    assert "jquery.min.js" in html  # other scripts stay
    for n in range(1, 4):
        assert html.count(f"[[EMBED {n}]]") == 1
    for kept in (
        "<p>The storm reached the harbour",
        "&ldquo;We were lucky,&rdquo;",
        "<blockquote><p>A pull quote is not an embed &mdash; Editor</p></blockquote>",
        "<p>Forecasters expect calmer weather by Thursday.</p>",
    ):
        assert kept in html


def test_the_rest_of_the_page_is_byte_identical() -> None:
    page = "<p>Before &amp; <b>after</b></p>\r\n" + TWEET + " " + SCRIPT + "\r\n<p>After</p>"
    doc = repair_html(page, placeholder="{n}")
    assert doc.html == "<p>Before &amp; <b>after</b></p>\r\n1\r\n<p>After</p>"


def test_legacy_eras_blackbird_pie_2012_rendered_amp_and_shell() -> None:
    doc = repair_html(fixture("legacy_twitter.html"), placeholder="[{n}]")
    assert_spans_exact(doc)
    bbp, old, widget, iframe, amp, shell, unmarked = doc.quotes
    assert (bbp.handle, bbp.author, bbp.status_id) == (
        "harbourwatch",
        "Harbour Watch",
        "14591815901",
    )
    assert bbp.date == datetime.date(2010, 5, 24)
    assert bbp.text == "The tide gauge just broke its own record. Pictures later."
    assert "<style" not in doc.html and "http://twitter.com/harbourwatch/status" not in doc.html
    assert old.mentions == ("harbourcouncil",) and old.hashtags == ("HarbourSt",)
    assert old.urls == ("example.org/sandbags",)
    assert "data-datetime" in old.evidence
    assert (widget.status_id, widget.text, widget.date) == (
        "1310853187363651584",
        None,
        datetime.date(2020, 9, 29),
    )
    assert iframe.status_id == "1790041234567890123"
    assert (amp.text, amp.span[0]) == (
        "Low tide walk this morning, not a cloud in sight",
        amp.span[0],
    )
    assert doc.source[amp.span[0] :].startswith("<amp-twitter")
    assert (shell.handle, shell.text, shell.date_raw) == ("harbourwatch", None, None)
    assert unmarked.confidence < 1.0 and "twitter-blockquote-unmarked" in unmarked.evidence
    assert unmarked.url == "https://x.com/harbourwatch/status/1996123456789012345"
    assert "<p>The end.</p>" in doc.html


def test_dropped_class_needs_both_signature_and_permalink() -> None:
    no_handle = (
        '<blockquote><p>Quote of the day</p>&mdash; Someone <a href="https://twitter.com/a/'
        'status/1311000000000000000">September 29, 2020</a></blockquote>'
    )
    no_link = (
        "<blockquote><p>Quote of the day</p>&mdash; Someone (@someone) May 1, 2020</blockquote>"
    )
    assert repair_html(no_handle).quotes == ()
    assert repair_html(no_link).quotes == ()


def test_class_variants_jsx_duplicate_attribute_and_video() -> None:
    jsx = TWEET.replace('class="twitter-tweet"', 'className="twitter-tweet"')
    dup = TWEET.replace('class="twitter-tweet"', 'class="no-shadow" class="twitter-tweet"')
    video = TWEET.replace("twitter-tweet", "twitter-video")
    for page in (jsx, dup, video):
        (q,) = repair_html(page).quotes
        assert q.handle == "ferryco"


def test_broken_html_unclosed_tags_and_a_tweet_nested_in_a_reader_quote() -> None:
    page = fixture("broken.html")
    doc = repair_html(page, placeholder="[{n}]")
    assert_spans_exact(doc)
    ferry, reader = doc.quotes
    assert (ferry.text, ferry.handle, ferry.media) == (
        "The ferry is running again",
        "ferryco",
        ("pic.twitter.com/QwErTy1234",),
    )
    assert (reader.text, reader.handle) == ("Nested inside a reader quote", "a_reader")
    assert '<blockquote class="quote"><p>Readers said: [2]</p></blockquote>' in doc.html
    assert "Text after, & a stray < sign" in doc.html


def test_ten_thousand_nested_tags_do_not_recurse() -> None:
    deep = "<div>" * 10_000 + TWEET + "</div>" * 10_000
    (q,) = repair_html(deep).quotes
    assert q.handle == "ferryco"
    deep_text = TWEET.replace("Ferries", "<b>" * 10_000 + "Ferries" + "</b>" * 10_000)
    (q,) = repair_html(deep_text).quotes
    assert q.text == "Ferries are running again"


@pytest.mark.parametrize(
    "hostile",
    [
        "<a " * 10_000,  # 12 s in the standard library's html.parser: quadratic there
        '<a href="' * 10_000,
        "<!--" * 10_000,
        "<" * 20_000,
        '<blockquote class="twitter-tweet">' * 2_000,
        "<div>" * 3_000 + "</span>" * 3_000,
        "<blockquote>" + "— (@a) " * 5_000 + "</blockquote>",
        '<blockquote class="twitter-tweet"><p>' + "pic.twitter.com/abc " * 5_000,
    ],
)
def test_hostile_markup_is_read_without_losing_it(hostile: str) -> None:
    # Its time is measured, doubling the input, by benchmarks/hostile.py (no timed unit test).
    doc = repair_html(hostile)
    assert doc.source == hostile
    assert all(hostile[q.span[0] : q.span[1]] == q.raw for q in doc.quotes)


# --- Other platforms ----------------------------------------------------------------------------


def test_other_platforms_each_give_platform_url_and_what_the_markup_holds() -> None:
    doc = repair_html(fixture("other_platforms.html"), placeholder="[{n}]")
    assert_spans_exact(doc)
    got = [(q.platform, q.handle, q.status_id) for q in doc.quotes]
    assert got == [
        ("facebook", "harbourcouncil", "10158012345678901"),
        ("tiktok", "stormchaser.uk", "6877412345678901234"),
        ("bluesky", "samweather.bsky.social", "3l5fh2kqz4s2p"),
        ("threads", "harbour_news", "C9xYz12AbCd"),
        ("mastodon", "tidewatch@mastodon.social", "113215478512345678"),
        ("reddit", None, "j1abcd"),
        ("youtube", None, "dQw4w9WgXcQ"),
        ("vimeo", None, "76979871"),
        ("spotify", None, "4rOoJ6Egrf8K2IrywzwOMk"),
        ("mastodon", "tidewatch@mastodon.social", "113215478599999999"),
        ("telegram", "harbournews", "1234"),
    ]
    fb, tiktok, bsky, threads, masto, reddit, youtube, *_ = doc.quotes
    assert fb.date == datetime.date(2020, 9, 29) and fb.author == "Harbour Council"
    assert fb.text is not None and fb.text.endswith("sea wall...")
    assert tiktok.text == "Waves over the harbour wall tonight #storm"
    assert tiktok.hashtags == ("storm",)
    assert bsky.text == (
        "Sandbags at the library steps.\n"
        "Volunteers welcome from 8am, ask for @harbour.bsky.social at the door."
    )
    assert bsky.mentions == ("harbour.bsky.social",)
    assert (bsky.date, bsky.author) == (datetime.date(2024, 9, 29), "Sam Weather")
    assert (
        threads.text is None
        and threads.url == "https://www.threads.net/@harbour_news/post/C9xYz12AbCd"
    )
    assert masto.url == "https://mastodon.social/@tidewatch/113215478512345678"
    assert reddit.text == "Harbour storm megathread"
    assert youtube.url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ" and youtube.text is None
    html = doc.html
    assert html.count("[") == 11
    for gone in ("embed.js", "platform.js", "iframe", "telegram", "fb-post"):
        assert gone not in html
    assert '<div id="fb-root"></div>' in html and "More updates as we get them." in html


@pytest.mark.parametrize(
    ("iframe", "platform", "url"),
    [
        (
            '<iframe src="https://www.linkedin.com/embed/feed/update/urn:li:share:7123456789012345678"'
            ' height="593" width="504" frameborder="0" title="Embedded post"></iframe>',
            "linkedin",
            "https://www.linkedin.com/feed/update/urn:li:share:7123456789012345678",
        ),
        (
            '<iframe src="https://www.instagram.com/reel/C1a2B3c4D5e/embed/captioned/" width="400"'
            ' height="480" frameborder="0"></iframe>',
            "instagram",
            "https://www.instagram.com/reel/C1a2B3c4D5e/",
        ),
        (
            '<iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook'
            '.com%2Fharbourcouncil%2Fposts%2F10158012345678901&width=500" width="500"></iframe>',
            "facebook",
            "https://www.facebook.com/harbourcouncil/posts/10158012345678901",
        ),
        (
            '<iframe loading="lazy" data-src="https://player.vimeo.com/video/76979871"></iframe>',
            "vimeo",
            "https://vimeo.com/76979871",
        ),
    ],
)
def test_iframe_only_embeds(iframe: str, platform: str, url: str) -> None:
    (q,) = repair_html("<p>See:</p>" + iframe).quotes
    assert (q.platform, q.url, q.text, q.raw) == (platform, url, None, iframe)


def test_youtube_in_a_paragraph_takes_the_paragraph_with_it() -> None:
    page = '<p>Watch:</p>\n<p><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe></p>'
    assert repair_html(page, placeholder="[V]").html == "<p>Watch:</p>\n[V]"


# --- looks_like_embed_html ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TWEET, True),
        ("  \n<div>" + TWEET + "</div>", True),
        ('<blockquote class="instagram-media" data-instgrm-version="14"></blockquote>', True),
        ('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>', True),
        ("Ferries are running again — Ferry Co (@ferryco) September 29, 2020", False),
        ("<p>An ordinary page</p>", False),
        ("The class twitter-tweet is mentioned in prose, not markup", False),
    ],
)
def test_looks_like_embed_html(text: str, expected: bool) -> None:
    assert looks_like_embed_html(text) is expected


def test_looks_like_embed_html_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        looks_like_embed_html(b"<p>")  # type: ignore[arg-type]


# --- One result shape: encoding repaired as `repair` repairs it ---------------------------------

MOJIBAKE_PAGE = (
    "<article><h1>Tempête Alex : le port rouvre</h1>\n"
    "<p>Le maire a remercié les bénévoles. « C’est fini », a-t-il dit.</p>\n"
    '<blockquote class="twitter-tweet"><p lang="fr" dir="ltr">C’est fini, le port est rouvert 😬 '
    "merci à tous ! #TempêteAlex</p>&mdash; Mairie du Port (@mairieduport) "
    '<a href="https://twitter.com/mairieduport/status/1312000000000000000">3 octobre 2020</a>'
    "</blockquote>\n<p>Les écoles ouvriront lundi.</p></article>"
)
"""A French article whose UTF-8 was read as cp1252 on the way to the scraper (below)."""


def mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors="replace")


def test_repair_html_repairs_encoding_as_repair_does() -> None:
    from bs4 import BeautifulSoup

    page = mojibake(MOJIBAKE_PAGE)
    assert "Câ€™est" in page
    doc = repair_html(page)
    flat = str(BeautifulSoup(page, "html.parser").get_text())
    (from_text,) = embedfix.repair(flat).quotes
    (quote,) = doc.quotes
    assert (
        quote.text
        == from_text.text
        == ("C’est fini, le port est rouvert 😬 merci à tous ! #TempêteAlex")
    )
    assert quote.author == from_text.author == "Mairie du Port"
    assert doc.body == (
        "Tempête Alex : le port rouvre\n"
        "Le maire a remercié les bénévoles. « C’est fini », a-t-il dit.\n"
        "Les écoles ouvriront lundi."
    )
    assert doc.damage.mojibake
    for r in doc.repairs:  # each at its place in the source
        assert page[r.span[0] : r.span[1]] == r.original
    inside = [r for r in doc.repairs if quote.span[0] <= r.span[0] < quote.span[1]]
    assert {r.replacement for r in inside} >= {"’", "😬", "à"}
    unfixed = repair_html(page, fix_encoding=False)
    assert (unfixed.quotes[0].text or "").startswith("Câ€™est fini")
    assert unfixed.repairs == () and "bÃ©nÃ©voles" in unfixed.body


def test_mojibake_markup_gives_the_quotes_of_the_clean_markup() -> None:
    from embedfix.testing import mojibake_cp1252, sample_embeds

    for embed in sample_embeds(60, seed=15):
        clean = repair_html(embed.html)
        damaged = repair_html(mojibake_cp1252(embed.html))
        assert [q.text for q in damaged.quotes] == [q.text for q in clean.quotes], embed.html
        assert [q.author for q in damaged.quotes] == [q.author for q in clean.quotes]


def test_body_is_the_text_of_the_page_without_the_embeds() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Title</title><style>p{}</style></head><body>"
        "<p>First <b>bold</b> &amp; plain.</p><div>\n  <p>Second</p>\n</div>"
        f"{TWEET}<script>var x = '<p>';</script><p>Last<br>line</p></body></html>"
    )
    doc = repair_html(page, placeholder="[tweet {n}]")
    assert doc.body == "First bold & plain.\nSecond\n[tweet 1]\nLast\nline"
    assert repair_html(page).body == "First bold & plain.\nSecond\nLast\nline"
    assert repair_html("<p>No embed</p>").body == "No embed"
    assert repair_html("").body == ""


def test_equal_repairs_in_a_quote_get_places_of_their_own() -> None:
    page = (
        '<blockquote class="twitter-tweet"><p>Itâ€™s fine, itâ€™s over</p>&mdash; Jâ€™ane (@a) '
        '<a href="https://twitter.com/a/status/1311000000000000000">May 5, 2020</a></blockquote>'
    )
    doc = repair_html(page)
    assert (doc.quotes[0].text, doc.quotes[0].author) == ("It’s fine, it’s over", "J’ane")
    spans = [r.span for r in doc.repairs]
    assert len(spans) == 3 and len(set(spans)) == 3 and spans == sorted(spans)
    assert all(page[a:b] == "â€™" for a, b in spans)


@settings(max_examples=60, deadline=None)
@given(
    tweets().flatmap(embed_html),
    st.lists(
        st.sampled_from([*"ab é’?—\n<>&;", "&amp;", "<p>", "</p>", "â€™", "????"]), max_size=20
    ).map("".join),
    st.booleans(),
)
def test_every_repair_of_a_page_is_exact_and_in_order(
    embed: EmbedHtml, around: str, moji: bool
) -> None:
    page = f"<p>{around}</p>{embed.html}<p>{around[::-1]}</p>"
    if moji:
        page = mojibake(page)
    doc = repair_html(page)
    last = 0
    for r in doc.repairs:
        assert page[r.span[0] : r.span[1]] == r.original or any(
            r.span == q.span for q in doc.quotes
        )
        assert last <= r.span[0]
        last = r.span[0]
    assert "twitter-tweet" not in doc.body
