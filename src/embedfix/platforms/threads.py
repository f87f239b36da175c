"""Threads: the leftovers of a flattened Threads embed, and the reader of its markup."""

from __future__ import annotations

import re

import regex

from embedfix.model import Quote
from embedfix.platforms import _markup as m
from embedfix.platforms import _text
from embedfix.platforms.base import Found

# --- Flattened text ---------------------------------------------------------------------------

PLATFORM = "threads"

VIEW = regex.compile(
    r"""(?:(?<=^[ \t\u00a0]{0,40})|(?<=[.!?…)\p{Ll}\p{N}\p{So}])|(?<=@[A-Za-z0-9._]{1,30}[ \t\u00a0]{0,40}))
    (?:View|Voir|Ver|Visualizza)\ (?:on|sur|en|no|su)\ Threads
    (?=[ \t\u00a0]{0,40}(?:\r?\n|$)|\p{Lu}|\p{N}|https?://)""",
    regex.VERBOSE | regex.MULTILINE,
)
"""``View on Threads`` (en; fr ``Voir sur``, es ``Ver en``, pt ``Ver no``, it ``Visualizza su``),
the only text a Threads embed's fallback shows, alone on its line or glued to its neighbours."""

_ANCHOR = regex.compile(r" Threads")
"""The literal every leftover holds: one cheap scan for text without it."""

_POST_BY = regex.compile(
    r"Post\ by\ @(?P<handle>[A-Za-z0-9._]{1,30})[ \t\u00a0]{0,40}(?:\r?\n[ \t\u00a0]{0,40}){0,3}\Z"
)
"""``Post by @user`` just before the leftover, as newer fallbacks show it."""

_POST_BY_REACH = 130

PERMALINK = regex.compile(
    r"(?:https?://)?(?:www\.)?threads\.(?:net|com)/@(?P<handle>[A-Za-z0-9._]{1,30})"
    r"/post/(?P<id>[A-Za-z0-9_-]{5,20})(?:[/?#][^\s]{0,300})?"
)
"""A post permalink, which a scraper may keep next to the leftover: it carries the author."""


GATE = ("Threads",)
"""Part of the anchor (`_ANCHOR`) that every match contains."""


def find(source: str) -> list[Found]:
    """Find every ``View on Threads`` leftover, with the permalink beside it when there is one."""
    found = []
    for a in _ANCHOR.finditer(source):
        hit = VIEW.search(source, max(0, a.start() - 12), a.end() + 50)
        if hit is None or hit.end() != a.end():
            continue
        start, end = hit.span()
        by = _POST_BY.search(source[max(0, start - _POST_BY_REACH) : start])
        handle = by.group("handle") if by is not None else None
        if by is not None:
            start -= len(by.group())
        url = status_id = None
        link = _adjacent_permalink(source, start, end)
        if link is not None:
            url = link.group()
            if not url.startswith("http"):
                url = "https://" + url
            handle = handle or link.group("handle")
            status_id = link.group("id")
            start, end = min(start, link.start()), max(end, link.end())
        found.append(
            Found(
                platform=PLATFORM,
                span=_text.whole_line(source, (start, end)),
                kind="boilerplate",
                handle=handle,
                url=url,
                status_id=status_id,
                confidence=0.9,
                evidence=("threads-view-leftover",) + (("threads-permalink",) if link else ()),
            )
        )
    return found


def _adjacent_permalink(source: str, start: int, end: int) -> regex.Match[str] | None:
    """A permalink on the same line as the leftover or alone on the line just before/after it."""
    after = _text.line_end(source, end)
    nxt = after + 1 if after < len(source) else after
    for lo, hi in (
        (end, _text.line_end(source, nxt)),
        (_text.line_start(source, max(_text.line_start(source, start) - 1, 0)), start),
    ):
        if hi - lo > 600 or source.find("threads.", lo, hi) < 0:
            continue
        link = PERMALINK.search(source, lo, hi)
        if link is not None and not (
            source[lo : link.start()].strip() or source[link.end() : hi].strip()
        ):
            return link
    return None


# --- HTML markup ------------------------------------------------------------------------------
# ``blockquote.text-post-media`` (FORMATS.md §4.6): only a logo and "View on Threads"; the author
# and the post code are in the permalink.

HTML_MARKERS = ("text-post-media",)
"""Substrings of the page that hint at Threads markup."""
HTML_LOADER_SCRIPTS = ("threads.net/embed.js", "threads.com/embed.js")
"""Substrings of the ``src`` of the script that renders Threads embeds."""

_POST = re.compile(r"(?:https?:)?//(?:www\.)?threads\.(?:net|com)/@([\w.]{1,40})/post/([\w-]+)")


def read_html(node: m.Node, source: str) -> Quote | None:
    """The Threads post embedded by ``node``, or None when ``node`` is not Threads markup."""
    if node.name != "blockquote" or "text-post-media" not in m.classes(node):
        return None
    hrefs = [m.attr(node, "data-text-post-permalink") or ""]
    hrefs.extend(m.attr(a, "href") or "" for a in m.links(node))
    found = next((f for f in map(_POST.match, hrefs) if f), None)
    return m.quote_from(
        node,
        source,
        "threads",
        handle=found.group(1) if found else None,
        url=found.group() if found else None,
        status_id=found.group(2) if found else None,
        evidence=("threads-blockquote-class",),
    )
