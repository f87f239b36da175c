"""Tweet embed markup as publish.twitter.com wrote it in each era (research/FORMATS.md §1.2)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote

from embedfix.testing import _vocab
from embedfix.testing._choice import Chooser
from embedfix.testing._dates import DATE_LANGS, format_date
from embedfix.testing._tweets import Tweet, random_token

ERAS = ("2013", "2016", "2018", "2025")
"""Markup eras: ``lang=`` (2013), ``data-lang`` (2016), ``ref_src`` (2018), x.com links (2025)."""
_REF = "?ref_src=twsrc%5Etfw"


@dataclass(frozen=True, slots=True)
class EmbedHtml:
    """The embed snippet of a tweet, with the tweet it shows and the choices made writing it."""

    html: str
    """The ``<blockquote class="twitter-tweet">`` element and its loader ``<script>``."""
    tweet: Tweet
    """The tweet shown: the truth a reader of ``html`` should recover."""
    lang: str
    """The widget language, which is the language of the date (``"en"``, ``"fr"``, ...)."""
    era: str
    """The markup era, one of `ERAS`."""
    date_raw: str
    """The date exactly as written in the markup."""


def eras_for(tweet: Tweet) -> tuple[str, ...]:
    """The eras whose markup could show ``tweet`` (a snippet is never older than its tweet)."""
    year = tweet.date.year
    return tuple(e for e, last in zip(ERAS, (2015, 2017, 2025, 2025), strict=True) if year <= last)


def _token_html(token: str, era: str, host: str, ref: str, c: Chooser) -> str:
    if token.startswith("@") and len(token) > 1:
        user = token[1:]
        if era == "2013":
            return f'@<a href="https://twitter.com/{user}">{user}</a>'
        return f'<a href="https://{host}/{user}{ref}">@{user}</a>'
    if token.startswith("#") and len(token) > 1:
        tag = quote(token[1:])
        if era == "2013":
            href = f"https://twitter.com/search?q=%23{tag}&amp;src=hash"
        elif era == "2016":
            href = f"https://twitter.com/hashtag/{tag}?src=hash"
        else:
            href = f"https://{host}/hashtag/{tag}?src=hash&amp;ref_src=twsrc%5Etfw"
        return f'<a href="{href}">{html.escape(token, quote=False)}</a>'
    if token.startswith(("http://t.co/", "https://t.co/")):
        return f'<a href="{token}">{token}</a>'
    if token.startswith("pic.twitter.com/"):
        scheme = "http" if era == "2013" else "https"
        tco = random_token(c, _vocab.ID_ALPHABET, 10)
        return f'<a href="{scheme}://t.co/{tco}">{token}</a>'
    return html.escape(token, quote=False)


def render_embed(c: Chooser, tweet: Tweet, *, lang: str | None, era: str | None) -> EmbedHtml:
    """Write the embed of ``tweet`` in ``era`` with dates in ``lang`` (each drawn when None)."""
    if era is None:
        era = c.choice(eras_for(tweet) or ERAS)
    if era not in ERAS:
        msg = f"era must be one of {ERAS}, not {era!r}"
        raise ValueError(msg)
    if lang is None:
        lang = "en" if c.chance(50) else c.choice(DATE_LANGS)
    if lang not in DATE_LANGS:
        msg = f"lang must be one of {DATE_LANGS}, not {lang!r}"
        raise ValueError(msg)
    host = "x.com" if era == "2025" else "twitter.com"
    ref = _REF if era in ("2018", "2025") else ""
    body = " ".join(_token_html(t, era, host, ref, c) for t in tweet.full_text.split(" "))
    date_raw = format_date(tweet.date, lang, era)
    attrs = ""
    if era == "2013":
        attrs = f' lang="{lang}"' if lang != "en" or c.chance(50) else ""
        p_open = "<p>"
        script = "//platform.twitter.com/widgets.js"
    else:
        if era == "2016" or lang != "en" or c.chance(30):
            attrs = f' data-lang="{lang}"'
        if era != "2016" and c.chance(30):
            attrs += ' data-dnt="true"'
        if era == "2025" and c.chance(50):
            attrs += ' data-media-max-width="560"'
        direction = "rtl" if tweet.lang in _vocab.RTL_LANGS else "ltr"
        p_open = f'<p lang="{tweet.lang}" dir="{direction}">'
        script = {
            "2016": "//platform.twitter.com/widgets.js",
            "2018": "https://platform.twitter.com/widgets.js",
        }.get(era, "https://platform.x.com/widgets.js")
    dash = "\N{EM DASH}" if era == "2025" and c.chance(50) else "&mdash;"
    status = f"https://{host}/{tweet.handle}/status/{tweet.status_id}{ref}"
    markup = (
        f'<blockquote class="twitter-tweet"{attrs}>{p_open}{body}</p>'
        f"{dash} {html.escape(tweet.author, quote=False)} (@{tweet.handle}) "
        f'<a href="{status}">{date_raw}</a></blockquote>\n'
        f'<script async src="{script}" charset="utf-8"></script>'
    )
    return EmbedHtml(markup, tweet, lang, era, date_raw)
