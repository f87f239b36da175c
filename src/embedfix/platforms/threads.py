"""Threads: the reader of its embed markup."""

from __future__ import annotations

import re

from embedfix.model import Quote
from embedfix.platforms import _markup as m

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
