"""`repair_html` on embeds a page holds back or wraps oddly (issue 16, seen on real pages).

* Consent banners (privacy plugins of German and Austrian news sites, for instance) keep each
  embed's snippet as the text of a ``<textarea>`` or a ``<script type="text/template">`` and
  write it into the page only once the reader agrees: the snippet is the page's embed.
* Themes that give the article's content box an embed's class (``<div class="instagram-media
  post-template-content">`` around the whole article): the box is a wrapper, and the embeds inside
  it are read.

Negatives: a script whose code builds an embed from a template string is no embed, and a
wrapper without embeds inside stays unread.
"""

from __future__ import annotations

import datetime

import pytest

from embedfix import repair_html

TWEET = (
    '<blockquote class="twitter-tweet"><p lang="de" dir="ltr">Heute debattiert der '
    '<a href="https://twitter.com/hashtag/Bundestag?src=hash&amp;ref_src=twsrc%5Etfw">#Bundestag'
    "</a> über autonome Waffensysteme. Wir sind dabei! "
    '<a href="https://t.co/rAwAqq9xVt">pic.twitter.com/rAwAqq9xVt</a></p>&mdash; Kampagne '
    'Killerroboter (@KillerRoboterSt) <a href="https://twitter.com/KillerRoboterSt/status/'
    '1223159406038343685?ref_src=twsrc%5Etfw">31. Januar 2020</a></blockquote> <script async '
    'src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'
)


def gated(snippet: str, how: str) -> str:
    if how == "textarea":
        inner = f'<textarea class="consent-embed" hidden>{snippet}</textarea>'
    else:
        inner = f'<script type="text/template" data-consent="twitter">{snippet}</script>'
    return (
        "<html><body><article><h1>Autonome Waffen: Debatte im Bundestag</h1>"
        "<p>Der Bundestag berät am Donnerstag über ein Verbot autonomer Waffensysteme.</p>"
        f'<div class="consent-box">{inner}<h2>Twitter freischalten</h2><p>Wir stellen ohne '
        "dein Einverständnis keine Verbindung zu Twitter her.</p></div>"
        "<p>Die Abstimmung folgt in der kommenden Woche.</p></article></body></html>"
    )


@pytest.mark.parametrize("how", ["textarea", "template"])
def test_an_embed_held_back_by_a_consent_banner_is_read(how: str) -> None:
    page = gated(TWEET, how)
    doc = repair_html(page)
    (q,) = doc.quotes
    assert (q.platform, q.handle, q.date) == (
        "twitter",
        "KillerRoboterSt",
        datetime.date(2020, 1, 31),
    )
    assert q.text is not None and q.text.startswith("Heute debattiert der #Bundestag")
    assert page[q.span[0] : q.span[1]] == q.raw
    assert "Wir sind dabei" not in doc.body
    assert "Die Abstimmung folgt" in doc.body


def test_a_script_that_builds_an_embed_in_code_is_no_embed() -> None:
    page = (
        "<html><body><p>Produkte</p><script>var t = {instagram: function(e){return '"
        '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/'
        "'.concat(e, '/\" data-instgrm-version=\"14\"></blockquote>'}};</script></body></html>"
    )
    assert repair_html(page).quotes == ()


INSTAGRAM = (
    '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/'
    'CcwyP71NHpR/?utm_source=ig_embed&amp;utm_campaign=loading" data-instgrm-version="14">'
    '<div style="padding:16px;"><a href="https://www.instagram.com/p/CcwyP71NHpR/?utm_source='
    'ig_embed&amp;utm_campaign=loading">Sieh dir diesen Beitrag auf Instagram an</a>'
    '<p><a href="https://www.instagram.com/p/CcwyP71NHpR/?utm_source=ig_embed&amp;utm_campaign='
    'loading">Ein Beitrag geteilt von k a r i n teigl (@constantly_k)</a></p></div></blockquote>'
    ' <script async src="//www.instagram.com/embed.js"></script>'
)


def test_embeds_inside_a_wrapper_that_shares_their_class_are_read() -> None:
    page = (
        '<html><body><article class="post-article"><div class="instagram-media '
        'post-template-content"><p>Wow! Als ich mich eben an den Computer gesetzt habe, um '
        f"diesen Artikel zu schreiben …</p>{INSTAGRAM}<p>Man kann also sagen, dass ich mich auf "
        "einer Reise befinde.</p></div></article></body></html>"
    )
    doc = repair_html(page)
    (q,) = doc.quotes
    assert (q.platform, q.handle, q.status_id) == ("instagram", "constantly_k", "CcwyP71NHpR")
    assert "Man kann also sagen" in doc.body and "Wow!" in doc.body


def test_a_wrapper_with_an_embed_class_and_no_embed_inside_is_left_alone() -> None:
    page = (
        '<html><body><div class="instagram-media post-template-content"><p>Ein Beitrag über '
        "Instagram, ohne eingebetteten Beitrag.</p></div></body></html>"
    )
    doc = repair_html(page)
    assert doc.quotes == ()
    assert "ohne eingebetteten Beitrag" in doc.body
