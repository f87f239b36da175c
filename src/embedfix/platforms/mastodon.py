"""Mastodon: the leftovers of a flattened Mastodon embed, and the reader of its markup."""

from __future__ import annotations

import re

import regex

from embedfix.model import Quote
from embedfix.platforms import _markup as m
from embedfix.platforms import _text
from embedfix.platforms.base import Found

# --- Flattened text ---------------------------------------------------------------------------

PLATFORM = "mastodon"

LEFTOVER = regex.compile(
    r"""Post\ by[ \t\u00a0]{1,3}@(?P<user>[A-Za-z0-9_]{1,30})@(?P<host>[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8})
       [ \t\u00a0]{0,40}(?:\r?\n[ \t\u00a0]{0,40}){0,3}View\ on\ Mastodon(?![\p{Ll}])
    | (?<=^[ \t\u00a0]{0,40})View\ on\ Mastodon(?=[ \t\u00a0]{0,40}(?:\r?\n|$))""",
    regex.VERBOSE | regex.MULTILINE,
)
"""What Mastodon 4.3's embed fallback shows: ``Post by @user@host`` and ``View on Mastodon``
(often glued: ``@user@mastodon.socialView on Mastodon``)."""


_ANCHOR = regex.compile(r"View on Mastodon")
"""The literal every leftover holds: one cheap scan for text without it."""

_REACH = 200
"""The longest ``Post by @user@host`` and spaces before ``View on Mastodon``."""


GATE = ("Mastodon",)
"""Part of the anchor (`_ANCHOR`) that every match contains."""


def find(source: str) -> list[Found]:
    """Find every ``Post by @user@host View on Mastodon`` leftover."""
    found = []
    floor = 0
    for a in _ANCHOR.finditer(source):
        hit = LEFTOVER.search(source, max(floor, a.start() - _REACH), a.end() + 45)
        if hit is None or hit.end() != a.end():
            continue
        floor = hit.end()
        user = hit.group("user")
        handle = f"{user}@{hit.group('host')}" if user else None
        found.append(
            Found(
                platform=PLATFORM,
                span=_text.whole_line(source, hit.span()),
                kind="boilerplate",
                handle=handle,
                confidence=0.95 if handle else 0.8,
                evidence=("mastodon-leftover",),
            )
        )
    return found


# --- HTML markup ------------------------------------------------------------------------------
# Up to 4.2 an ``iframe.mastodon-embed`` (``https://HOST/@user/ID/embed``), from 4.3 a
# ``blockquote.mastodon-embed`` with ``data-embed-url`` (FORMATS.md §4.7). Neither carries the
# post's text, so the quote has the author and the permalink only.

HTML_MARKERS = ("mastodon-embed",)
"""Substrings of the page that hint at Mastodon markup."""
HTML_LOADER_SCRIPTS: tuple[str, ...] = ()
"""Mastodon's loader is ``https://INSTANCE/embed.js``: any instance, so it is matched by shape."""

_EMBED = re.compile(r"(https?://([A-Za-z0-9.-]{1,253})/@([\w.]{1,64})/(\d{1,25}))/embed\b")


def read_html(node: m.Node, source: str) -> Quote | None:
    """The Mastodon post embedded by ``node``, or None when ``node`` is not Mastodon markup."""
    if node.name == "iframe":
        found = _EMBED.match(m.attr(node, "src") or "")
        if found is None:
            return None
        rule = "mastodon-iframe"
    elif node.name == "blockquote" and "mastodon-embed" in m.classes(node):
        found = _EMBED.match(m.attr(node, "data-embed-url") or "")
        rule = "mastodon-blockquote-class"
    else:
        return None
    return m.quote_from(
        node,
        source,
        "mastodon",
        handle=f"{found.group(3)}@{found.group(2)}" if found else None,
        url=found.group(1) if found else None,
        status_id=found.group(4) if found else None,
        evidence=(rule,),
    )
