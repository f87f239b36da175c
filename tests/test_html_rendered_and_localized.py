"""`repair_html` on the embed forms of issue 16: Bluesky's rendered frame, Facebook credits in
other languages, and Reddit cards of posts on a user's own profile.

The fixtures are written in the style of the real pages these forms were seen in (a saved blog
page whose Bluesky loader had already run; the Facebook SDK's credits in Spanish, Russian and
Malay; an old ``reddit-card`` pointing to a profile post), with their damage variants.
"""

from __future__ import annotations

import datetime

import pytest

from embedfix import repair_html
from embedfix.dates import parse_date
from embedfix.platforms.bluesky import tid_date

BSKY_LOADER = (
    '<p><script async="" src="https://embed.bsky.app/static/embed.js" charset="utf-8"></script></p>'
)


def bsky_frame(author: str, rkey: str, *, wrapped: bool = True) -> str:
    frame = (
        f'<iframe data-bluesky-id="5056390156165486" src="https://embed.bsky.app/embed/{author}'
        f"/app.bsky.feed.post/{rkey}?id=5056390156165486&amp;ref_url=https%253A%252F%252F"
        'harbourdaily.example%252F2025%252F03%252F02%252Fopen-thread%252F&amp;colorMode=system" '
        'width="100%" frameborder="0" scrolling="no" style="border: none; display: block; '
        'flex-grow: 1; height: 610.5px;"></iframe>'
    )
    if not wrapped:
        return frame
    return (
        '<div class="bluesky-embed" style="max-width: 600px; width: 100%; margin-top: 10px; '
        f'margin-bottom: 10px; display: flex;">{frame}</div>'
    )


def page(*parts: str) -> str:
    return (
        '<html><body><div class="entry-content">\n<p>The council met on Sunday night.</p>\n'
        + "\n".join(parts)
        + "\n<p>Residents were told to stay indoors.</p>\n</div></body></html>"
    )


def test_rendered_bluesky_frames_give_author_key_date_and_permalink() -> None:
    did = "did:plc:rikaz5hycjwrgofhc3ugrqlq"
    html = page(
        bsky_frame(did, "3mdvfzll4622m"),
        BSKY_LOADER,
        "<p><strong>Speaking of which…</strong></p>",
        bsky_frame("harbourdaily.bsky.social", "3lbqz6x2xgk2p"),
        BSKY_LOADER,
    )
    doc = repair_html(html)
    first, second = doc.quotes
    assert [q.platform for q in doc.quotes] == ["bluesky", "bluesky"]
    # A DID is no handle (Bluesky handles are domains): it stays in the permalink.
    assert first.handle is None
    assert first.url == f"https://bsky.app/profile/{did}/post/3mdvfzll4622m"
    assert first.status_id == "3mdvfzll4622m"
    assert first.date == tid_date("3mdvfzll4622m") == datetime.date(2026, 2, 2)
    assert "bluesky-frame-did" in first.evidence and "tid-date" in first.evidence
    assert second.handle == "harbourdaily.bsky.social"
    assert second.url == "https://bsky.app/profile/harbourdaily.bsky.social/post/3lbqz6x2xgk2p"
    assert first.text is None and first.author is None  # the frame shows nothing in the page
    assert "embed.bsky.app" not in doc.body and "bluesky-embed" not in doc.body
    assert "Speaking of which" in doc.body and "stay indoors" in doc.body
    for q in doc.quotes:
        assert html[q.span[0] : q.span[1]] == q.raw


def test_a_bare_bluesky_frame_without_its_box_is_read_too() -> None:
    html = page(bsky_frame("did:plc:maiw2rfujepnphhrejytvuu5", "3mdvl2bvumj22", wrapped=False))
    (q,) = repair_html(html).quotes
    assert q.platform == "bluesky" and q.status_id == "3mdvl2bvumj22"
    assert q.raw.startswith("<iframe")


@pytest.mark.parametrize(
    "src",
    [
        "https://embed.bsky.app/static/embed.js",  # the loader, not a post
        "https://embed.bsky.app/embed/did:plc:abc/app.bsky.feed.like/3mdvl2bvumj22",  # a like
        "https://bsky.app/profile/harbourdaily.bsky.social",  # a profile, not a frame
    ],
)
def test_frames_that_are_no_post_are_not_bluesky_quotes(src: str) -> None:
    html = page(f'<div class="bluesky-embed"><iframe src="{src}"></iframe></div>')
    assert [q for q in repair_html(html).quotes if q.platform == "bluesky"] == []


def fb_post(page_slug: str, post_id: str, text: str, credit: str) -> str:
    url = f"https://www.facebook.com/{page_slug}/posts/{post_id}"
    return (
        f'<div class="fb-post" data-href="{url}" data-width="500" data-show-text="true">'
        f'<blockquote cite="{url}" class="fb-xfbml-parse-ignore"><p>{text}</p>{credit}'
        "</blockquote></div>"
    )


FB_CASES = [
    (
        "es",
        "MunicipioDeSantaAna",
        "2894512340567812",
        "Recordamos a los vecinos que el lunes no habrá recolección de basura por el feriado.",
        'Publicado por <a href="https://www.facebook.com/MunicipioDeSantaAna/">Municipio de Santa '
        'Ana</a> en&nbsp;<a href="https://www.facebook.com/MunicipioDeSantaAna/posts/'
        '2894512340567812">Lunes, 24 de febrero de 2020</a>',
        "Municipio de Santa Ana",
        datetime.date(2020, 2, 24),
        "Lunes, 24 de febrero de 2020",
    ),
    (
        "ru",
        "gazeta.tambov",
        "1843276512398741",
        "Сегодня в Тамбове открылась выставка детского рисунка.",
        'Опубликовано <a href="https://www.facebook.com/gazeta.tambov/">Тамбовская газета</a>'
        '&nbsp;<a href="https://www.facebook.com/gazeta.tambov/posts/1843276512398741">'
        "19 февраля 2018 г.</a>",
        "Тамбовская газета",
        datetime.date(2018, 2, 19),
        "19 февраля 2018 г.",
    ),
    (
        "msa",
        "BeritaHarianOnline",
        "10154981234567890",
        "Orang ramai diingatkan supaya berhati-hati ketika memandu pada musim hujan ini.",
        '<a href="https://www.facebook.com/BeritaHarianOnline/">Berita Harian</a> '
        '<a href="https://www.facebook.com/BeritaHarianOnline/posts/10154981234567890">'
        "15hb Februari 2017</a>",
        "Berita Harian",
        datetime.date(2017, 2, 15),
        "15hb Februari 2017",
    ),
    (
        "msa",  # the date as plain text after the name (no date link), broken over a line
        "BeritaHarianOnline",
        "10154981234567891",
        "Jalan ditutup sementara.",
        '<a href="https://www.facebook.com/BeritaHarianOnline/">Berita Harian</a>\n'
        "Rabu, 15hb\nFebruari 2017",
        "Berita Harian",
        datetime.date(2017, 2, 15),
        "Rabu, 15hb Februari 2017",
    ),
]


@pytest.mark.parametrize(
    ("lang", "slug", "post_id", "text", "credit", "author", "date", "date_raw"), FB_CASES
)
def test_localized_facebook_credits(
    lang: str,
    slug: str,
    post_id: str,
    text: str,
    credit: str,
    author: str,
    date: datetime.date,
    date_raw: str,
) -> None:
    html = page(fb_post(slug, post_id, text, credit))
    (q,) = repair_html(html).quotes
    assert q.platform == "facebook"
    assert (q.author, q.handle, q.status_id) == (author, slug, post_id)
    assert (q.date, q.date_lang) == (date, lang)
    assert " ".join((q.date_raw or "").split()) == date_raw
    assert q.text == text


def test_malay_day_suffix_is_malay_only() -> None:
    """``hb`` (haribulan) narrows the date to Malay; with a month no Malay writes, it is no date."""
    assert parse_date("15hb Februari 2017") == (datetime.date(2017, 2, 15), "msa")
    assert parse_date("1hb Januari 2019") == (datetime.date(2019, 1, 1), "msa")
    assert parse_date("15hb February 2017") == (None, None)
    assert parse_date("15hbx Februari 2017") == (None, None)


def reddit_card(href: str, title: str, tail: str) -> str:
    return (
        '<blockquote class="reddit-card" data-card-created="1503318405">'
        f'<a href="{href}">{title}</a>{tail}</blockquote>\n'
        '<script async src="//embed.redditmedia.com/widgets/platform.js" charset="UTF-8"></script>'
    )


def test_reddit_user_cards_take_the_author_from_the_profile_post() -> None:
    html = page(
        reddit_card(
            "https://www.reddit.com/user/harbour_watch/comments/6v2k9q/storm_surge_at_the_pier_this_morning/?ref=share&amp;ref_source=embed",
            "Storm surge at the pier this morning",
            ' from <a href="http://www.reddit.com/user/harbour_watch">u/harbour_watch</a>',
        ),
        reddit_card(
            "https://www.reddit.com/u/Grüne_Welle-7/comments/9x1abc/",
            "Neue Radwege in der Altstadt",
            "",
        ),
    )
    doc = repair_html(html)
    first, second = doc.quotes
    assert (first.platform, first.handle, first.status_id) == ("reddit", "harbour_watch", "6v2k9q")
    assert first.text == "Storm surge at the pier this morning"
    assert first.author == "u/harbour_watch"
    assert first.url == (
        "https://www.reddit.com/user/harbour_watch/comments/6v2k9q/storm_surge_at_the_pier_this_morning/"
    )
    assert "reddit-user-post" in first.evidence
    assert (second.handle, second.status_id, second.author) == ("Grüne_Welle-7", "9x1abc", None)
    assert "reddit-card" not in doc.body and "redditmedia" not in doc.body


def test_a_subreddit_card_is_read_as_before() -> None:
    html = page(
        reddit_card(
            "https://www.reddit.com/r/Seattle/comments/6v2k9q/ferry_delays_again/",
            "Ferry delays again",
            ' from <a href="http://www.reddit.com/r/Seattle">r/Seattle</a>',
        )
    )
    (q,) = repair_html(html).quotes
    assert (q.handle, q.status_id, q.text) == (None, "6v2k9q", "Ferry delays again")
    assert "reddit-user-post" not in q.evidence
