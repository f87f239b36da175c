"""TikTok: the reader of its embed markup."""

from __future__ import annotations

import re

from embedfix.model import Quote
from embedfix.platforms import _markup as m

# --- HTML markup ------------------------------------------------------------------------------
# ``blockquote.tiktok-embed`` (FORMATS.md §4.3): ``<section>`` holds the ``@handle`` link, the
# caption and the ``♬`` music credit. There is no date and no display name.

HTML_MARKERS = ("tiktok-embed",)
"""Substrings of the page that hint at TikTok markup."""
HTML_LOADER_SCRIPTS = ("tiktok.com/embed.js",)
"""Substrings of the ``src`` of the script that renders TikTok embeds."""

_VIDEO = re.compile(r"(?:https?:)?//(?:www\.)?tiktok\.com/@([\w.-]{1,40})/video/(\d{1,25})")


def read_html(node: m.Node, source: str) -> Quote | None:
    """The TikTok video embedded by ``node``, or None when ``node`` is not TikTok markup."""
    if node.name != "blockquote" or "tiktok-embed" not in m.classes(node):
        return None
    cite = m.attr(node, "cite") or ""
    found = _VIDEO.match(cite)
    handle = found.group(1) if found else None
    status_id = m.attr(node, "data-video-id") or (found.group(2) if found else None)
    skip = []
    for a in m.links(node):
        label = m.collapse_ws(m.render(a))
        if label.startswith("♬") or (handle is not None and label == "@" + handle):
            skip.append(a)
        elif handle is None and label.startswith("@") and not skip:
            handle = label[1:]
            skip.append(a)
    text = m.render(node, skip=tuple(skip))
    hashtags, mentions, cashtags = m.text_entities(text, domain_handles=True)
    return m.quote_from(
        node,
        source,
        "tiktok",
        text=text or None,
        handle=handle,
        hashtags=hashtags,
        mentions=mentions,
        cashtags=cashtags,
        url=found.group() if found else (m.strip_query(cite) or None),
        status_id=status_id,
        evidence=("tiktok-blockquote-class",),
    )
