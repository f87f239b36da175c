"""Reddit: the reader of its embed markup."""

from __future__ import annotations

import re

from embedfix.model import Quote
from embedfix.platforms import _markup as m

# --- HTML markup ------------------------------------------------------------------------------
# ``blockquote.reddit-card`` (to 2022) and ``blockquote.reddit-embed-bq`` (FORMATS.md §4.8): the
# title link, ``by u/USER`` and ``in r/SUB``. The text is the title (or "Comment"); no date.

HTML_MARKERS = ("reddit-card", "reddit-embed-bq")
"""Substrings of the page that hint at Reddit markup."""
HTML_LOADER_SCRIPTS = ("embed.reddit.com/widgets.js", "embed.redditmedia.com/widgets/platform.js")
"""Substrings of the ``src`` of the script that renders Reddit embeds."""

_POST = re.compile(
    r"(?:https?:)?//(?:www\.|old\.)?reddit\.com/r/\w{1,30}/comments/(\w{1,12})(?:/[^/?#]*/?(?:([\w]{1,12})/?)?)?"
)
_COMMENT = re.compile(r"/comment/(\w{1,12})")
_USER = re.compile(r"(?:https?:)?//(?:www\.|old\.)?reddit\.com/(?:user|u)/([\w-]{1,30})")


def read_html(node: m.Node, source: str) -> Quote | None:
    """The Reddit post or comment embedded by ``node``, or None when it is not Reddit markup."""
    if node.name != "blockquote" or not m.classes(node) & {"reddit-card", "reddit-embed-bq"}:
        return None
    title = url = status_id = author = handle = None
    for a in m.links(node):
        href = m.attr(a, "href") or ""
        post = _POST.match(href)
        user = _USER.match(href)
        if post and url is None:
            url = m.strip_query(href)
            comment = _COMMENT.search(url)
            status_id = comment.group(1) if comment else post.group(1)
            title = m.collapse_ws(m.render(a)) or None
        elif user and handle is None:
            handle = user.group(1)
            author = m.collapse_ws(m.render(a)) or None
    return m.quote_from(
        node,
        source,
        "reddit",
        text=title,
        author=author,
        handle=handle,
        url=url,
        status_id=status_id,
        evidence=("reddit-blockquote-class",),
    )
