"""Embeds that are only an iframe or a script: YouTube, Vimeo, Spotify, LinkedIn, Telegram, and
Instagram's bare iframe."""

from __future__ import annotations

import re

from embedfix.model import Quote
from embedfix.platforms import _markup as m

# --- HTML markup ------------------------------------------------------------------------------
# These players show no text in the page (FORMATS.md §4.4): the quote names the platform and the
# permalink rebuilt from the player URL, and nothing else.

HTML_MARKERS = (
    "youtube.com/embed/",
    "youtube-nocookie.com/embed/",
    "player.vimeo.com/video/",
    "open.spotify.com/embed",
    "linkedin.com/embed/",
    "instagram.com/p/",
    "data-telegram-post",
)
"""Substrings of the page that hint at an iframe-only embed."""
HTML_LOADER_SCRIPTS: tuple[str, ...] = ()
"""These players need no loader script."""

_PLAYERS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "youtube",
        re.compile(r"(?:https?:)?//(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]{6,20})"),
        "https://www.youtube.com/watch?v={0}",
    ),
    (
        "vimeo",
        re.compile(r"(?:https?:)?//player\.vimeo\.com/video/(\d{1,15})"),
        "https://vimeo.com/{0}",
    ),
    (
        "spotify",
        re.compile(
            r"(?:https?:)?//open\.spotify\.com/embed(?:-podcast)?/(track|album|playlist|episode|show|artist)/(\w{1,40})"
        ),
        "https://open.spotify.com/{0}/{1}",
    ),
    (
        "instagram",
        re.compile(r"(?:https?:)?//(?:www\.)?instagram\.com/(p|reel|tv)/([\w-]{5,40})/embed"),
        "https://www.instagram.com/{0}/{1}/",
    ),
    (
        "linkedin",
        re.compile(
            r"(?:https?:)?//(?:www\.)?linkedin\.com/embed/feed/update/(urn:li:\w{1,20}:\d{1,25})"
        ),
        "https://www.linkedin.com/feed/update/{0}",
    ),
)
_TELEGRAM = re.compile(r"(\w{3,40})/(\d{1,12})")


def read_html(node: m.Node, source: str) -> Quote | None:
    """The player embedded by ``node``, or None when ``node`` is not a known player."""
    if node.name == "script":
        post = m.attr(node, "data-telegram-post") or ""
        found = _TELEGRAM.fullmatch(post)
        if found is None:
            return None
        return m.quote_from(
            node,
            source,
            "telegram",
            handle=found.group(1),
            url=f"https://t.me/{post}",
            status_id=found.group(2),
            evidence=("telegram-widget-script",),
        )
    if node.name != "iframe":
        return None
    src = m.attr(node, "src") or m.attr(node, "data-src") or ""
    for platform, pattern, template in _PLAYERS:
        found = pattern.match(src)
        if found:
            return m.quote_from(
                node,
                source,
                platform,
                url=template.format(*found.groups()),
                status_id=found.group(found.lastindex or 0),
                evidence=(f"{platform}-iframe",),
            )
    return None
