"""Facebook: the reader of its embed markup (posts and videos)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from embedfix.model import Quote
from embedfix.platforms import _markup as m

# --- HTML markup ------------------------------------------------------------------------------
# ``div.fb-post`` / ``div.fb-video`` around ``blockquote.fb-xfbml-parse-ignore`` (FORMATS.md §4.2):
# ``<p>TEXT</p>Posted by <a>NAME</a> on <a>DATE</a>``, localised by the SDK; or a plugin iframe.

HTML_MARKERS = ("fb-post", "fb-video", "fb-xfbml-parse-ignore", "facebook.com/plugins/")
"""Substrings of the page that hint at Facebook markup."""
HTML_LOADER_SCRIPTS = ("connect.facebook.net/",)
"""Substrings of the ``src`` of the script that renders Facebook embeds."""

_PLUGIN = re.compile(r"(?:https?:)?//(?:www\.)?facebook\.com/plugins/(?:post|video)\.php")
_PROFILE = re.compile(r"(?:https?:)?//(?:www\.|web\.|m\.)?facebook\.com/([\w.-]+)/?$")
_ID = re.compile(r"\d{5,}")
_CONNECTOR = re.compile(r"\s*(?:on|en|le|am|em|il|op|på|w|в)\s+", re.IGNORECASE)


def _post_id(url: str) -> str | None:
    ids = _ID.findall(urlsplit(url).path) or _ID.findall(url)
    return ids[-1] if ids else None


def read_html(node: m.Node, source: str) -> Quote | None:
    """The Facebook post embedded by ``node``, or None when ``node`` is not Facebook markup."""
    names = m.classes(node)
    if node.name == "iframe" and _PLUGIN.match(m.attr(node, "src") or ""):
        href = parse_qs(urlsplit(m.attr(node, "src") or "").query).get("href", [""])[0]
        return m.quote_from(
            node,
            source,
            "facebook",
            url=href or None,
            status_id=_post_id(href) if href else None,
            evidence=("facebook-plugin-iframe",),
        )
    if not (
        names & {"fb-post", "fb-video"}
        or (node.name == "blockquote" and "fb-xfbml-parse-ignore" in names)
    ):
        return None
    quote = next((n for n in [node, *m.iter_nodes(node)] if n.name == "blockquote"), None)
    url = (m.attr(quote, "cite") if quote is not None else None) or None
    if url is None:
        href = m.attr(node, "data-href") or ""
        url = (href if "/watch" in href else m.strip_query(href)) or None
    fields: dict[str, object] = {}
    if quote is not None:
        fields = _read_quote(quote)
    return m.quote_from(
        node,
        source,
        "facebook",
        url=url,
        status_id=_post_id(url) if url else None,
        evidence=("facebook-" + ("video" if "fb-video" in names else "post"),),
        **fields,
    )


def _read_quote(quote: m.Node) -> dict[str, object]:
    paragraphs = [n for n in m.iter_nodes(quote) if n.name == "p"]
    paragraphs = m.outermost(paragraphs)
    text = "\n".join(t for t in (m.render(p) for p in paragraphs) if t)
    inside = {id(a) for p in paragraphs for a in m.links(p)}
    outside = [a for a in m.links(quote) if id(a) not in inside]
    author_link = outside[0] if outside else None
    date_link = outside[-1] if len(outside) > 1 else None
    author = m.collapse_ws(m.render(author_link)) if author_link is not None else None
    handle = None
    if author_link is not None:
        found = _PROFILE.match(m.attr(author_link, "href") or "")
        if found and not found.group(1).isdigit() and found.group(1) != "profile.php":
            handle = found.group(1)
    if date_link is not None:
        date_raw = m.collapse_ws(m.render(date_link))
    else:
        tail = m.render(quote, skip=tuple(paragraphs))
        if author:
            tail = tail[tail.rfind(author) + len(author) :]
        cut = _CONNECTOR.match(tail)
        date_raw = tail[cut.end() :].strip() if cut else tail.strip()
    date, date_lang = m.read_date(date_raw)
    hashtags, mentions, cashtags = m.text_entities(text)
    return {
        "text": text or None,
        "text_span": (paragraphs[0].open_end, paragraphs[-1].close_start) if text else None,
        "author": author,
        "handle": handle,
        "date": date,
        "date_raw": date_raw or None,
        "date_lang": date_lang,
        "hashtags": hashtags,
        "mentions": mentions,
        "cashtags": cashtags,
    }
