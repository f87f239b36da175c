"""Mastodon: the reader of its embed markup."""

from __future__ import annotations

import re

from embedfix.model import Quote
from embedfix.platforms import _markup as m

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
