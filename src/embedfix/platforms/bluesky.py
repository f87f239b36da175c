"""Bluesky: the reader of its embed markup."""

from __future__ import annotations

import datetime
import re

from embedfix.model import Quote
from embedfix.platforms import _markup as m

# --- HTML markup ------------------------------------------------------------------------------
# ``blockquote.bluesky-embed`` (FORMATS.md §4.5): a tweet-like signature with the handle linked
# and a date with its time. The post's raw newlines are kept: Bluesky text has them.
# Once the loader script has run, the page holds the rendered form instead (saved pages do):
# ``div.bluesky-embed`` around ``iframe src="https://embed.bsky.app/embed/DID/app.bsky.feed.post/
# RKEY"``, with no text, name or date in the page; the author (a DID or a handle) and the record
# key are read from the frame's address, the date from the key.

HTML_MARKERS = ("bluesky-embed", "embed.bsky.app/embed/")
"""Substrings of the page that hint at Bluesky markup."""
HTML_LOADER_SCRIPTS = ("embed.bsky.app/static/embed.js",)
"""Substrings of the ``src`` of the script that renders Bluesky embeds."""

_POST = re.compile(r"(?:https?:)?//(?:www\.)?bsky\.app/profile/([^/?#\s]+)/post/([\w-]+)")
_URI = re.compile(r"at://([^/\s]+)/app\.bsky\.feed\.post/([\w-]+)")
_FRAME = re.compile(
    r"(?:https?:)?//embed\.bsky\.app/embed/(did:[a-z]{1,16}:[A-Za-z0-9._:%-]{1,200}|[A-Za-z0-9.-]{1,253})"
    r"/app\.bsky\.feed\.post/([\w-]{1,64})"
)
"""The rendered embed's frame address: the author's DID or handle, then the post's record key."""
_SIGNATURE = re.compile(r"[\s—–-]*(.*?)\s*\(\s*@([A-Za-z0-9.-]{1,253})\s*\)\s*\Z", re.DOTALL)


_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def tid_date(rkey: str | None) -> datetime.date | None:
    """The UTC date in a record key that is a TID (13 base32 characters, microseconds since the
    Unix epoch in the top bits), or None."""
    if not rkey or len(rkey) != 13 or any(c not in _TID_ALPHABET for c in rkey):
        return None
    number = 0
    for c in rkey:
        number = number * 32 + _TID_ALPHABET.index(c)
    micros = (number >> 10) & ((1 << 53) - 1)
    try:
        stamp = datetime.datetime.fromtimestamp(micros / 1_000_000, tz=datetime.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return stamp.date()


def read_html(node: m.Node, source: str) -> Quote | None:
    """The Bluesky post embedded by ``node``, or None when ``node`` is not Bluesky markup."""
    if node.name != "blockquote":
        return _read_frame(node, source)
    if "bluesky-embed" not in m.classes(node):
        return None
    posts = [a for a in m.links(node) if _POST.match(m.attr(a, "href") or "")]
    date_link = posts[-1] if posts else None
    paragraphs = [
        n
        for n in m.iter_nodes(node)
        if n.name == "p" and (date_link is None or n.end <= date_link.start)
    ]
    text = "\n".join(t for t in (m.render(p, keep_newlines=True) for p in paragraphs) if t)
    signature = m.render(node, stop=date_link, skip=tuple(paragraphs))
    found = _SIGNATURE.match(signature)
    author = found.group(1) if found else None
    handle = found.group(2) if found else None
    url = status_id = None
    date_raw = None
    if date_link is not None:
        href = _POST.match(m.attr(date_link, "href") or "")
        assert href is not None
        url, status_id = href.group(), href.group(2)
        date_raw = m.collapse_ws(m.render(date_link)) or None
    else:
        uri = _URI.match(m.attr(node, "data-bluesky-uri") or "")
        if uri:
            url = f"https://bsky.app/profile/{uri.group(1)}/post/{uri.group(2)}"
            status_id = uri.group(2)
    hint = m.attr(paragraphs[0], "lang") if paragraphs else None
    date, date_lang = m.read_date(date_raw or "", lang=hint)
    evidence = ["bluesky-blockquote-class"]
    if date is None:
        date = tid_date(status_id)
        if date is not None:
            evidence.append("tid-date")
    hashtags, mentions, cashtags = m.text_entities(text, domain_handles=True)
    return m.quote_from(
        node,
        source,
        "bluesky",
        text=text or None,
        text_span=(paragraphs[0].open_end, paragraphs[-1].close_start) if paragraphs else None,
        author=author,
        handle=handle,
        date=date,
        date_raw=date_raw,
        date_lang=date_lang,
        hashtags=hashtags,
        mentions=mentions,
        cashtags=cashtags,
        url=url,
        status_id=status_id,
        lang=m.attr(paragraphs[0], "lang") if paragraphs else None,
        evidence=tuple(evidence),
    )


def _read_frame(node: m.Node, source: str) -> Quote | None:
    """The post of a rendered embed: ``div.bluesky-embed`` holding the frame, or the frame alone.

    The frame's address names the author by DID (``did:plc:…``) or by handle: a handle goes to
    ``handle`` (a domain, as everywhere for Bluesky); a DID is no handle, so it stays in the
    permalink only (``https://bsky.app/profile/did:plc:…/post/RKEY``, which Bluesky resolves).
    """
    if node.name == "iframe":
        frame: m.Node | None = node
    elif node.name == "div" and "bluesky-embed" in m.classes(node):
        frame = next((n for n in m.iter_nodes(node) if n.name == "iframe"), None)
    else:
        return None
    if frame is None:
        return None
    found = _FRAME.match(m.attr(frame, "src") or m.attr(frame, "data-src") or "")
    if found is None:
        return None
    author, rkey = found.groups()
    did = author.startswith("did:")
    date = tid_date(rkey)
    evidence = ["bluesky-frame", "bluesky-frame-did" if did else "bluesky-frame-handle"]
    if date is not None:
        evidence.append("tid-date")
    return m.quote_from(
        node,
        source,
        "bluesky",
        handle=None if did else author,
        date=date,
        url=f"https://bsky.app/profile/{author}/post/{rkey}",
        status_id=rkey,
        evidence=tuple(evidence),
    )
