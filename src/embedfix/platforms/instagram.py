"""Instagram: the reader of its embed markup."""

from __future__ import annotations

import re

from embedfix.model import Quote
from embedfix.platforms import _markup as m

# --- HTML markup ------------------------------------------------------------------------------
# ``blockquote.instagram-media`` of every version (4 to 14, FORMATS.md §4.1): the caption is the
# paragraph before the credit line ``A post shared by NAME (@handle) on <time>``.

HTML_MARKERS = ("instagram-media",)
"""Substrings of the page that hint at Instagram markup."""
HTML_LOADER_SCRIPTS = ("instagram.com/embed.js", "platform.instagram.com/en_US/embeds.js")
"""Substrings of the ``src`` of the script that renders Instagram embeds."""

_POST = re.compile(r"(?:https?:)?//(?:www\.)?instagram\.com/(?:[\w.]+/)?(?:p|reel|tv)/([\w-]+)/?")
_HANDLE = re.compile(r"\(\s*@([A-Za-z0-9._]{1,30})\s*\)")
_CREDIT = re.compile(
    r"\s*(?:A (?:photo|video|post) (?:posted|shared) by|Une publication partagée par"
    r"|Ein Beitrag geteilt von|Una publicación compartida (?:de|por)"
    r"|Uma publicação (?:partilhada|compartilhada) por)\s*",
    re.IGNORECASE,
)


def read_html(node: m.Node, source: str) -> Quote | None:
    """The Instagram post embedded by ``node``, or None when ``node`` is not Instagram markup."""
    if node.name != "blockquote" or "instagram-media" not in m.classes(node):
        return None
    url = status_id = None
    permalink = m.attr(node, "data-instgrm-permalink") or ""
    candidates = [permalink, *(m.attr(a, "href") or "" for a in m.links(node))]
    for href in candidates:
        found = _POST.match(href)
        if found:
            url, status_id = found.group(), found.group(1)
            break
    time = next((n for n in m.iter_nodes(node) if n.name == "time"), None)
    paragraphs = [n for n in m.iter_nodes(node) if n.name == "p"]
    credit = None
    for p in reversed(paragraphs):
        if (time is not None and p.start <= time.start < p.end) or _HANDLE.search(m.render(p)):
            credit = p
            break
    caption_ps = [p for p in paragraphs if credit is None or p.end <= credit.start]
    text = "\n".join(t for t in (m.render(p) for p in caption_ps) if t)
    author = handle = None
    evidence = ["instagram-blockquote-class"]
    if credit is not None:
        line = m.render(credit, stop=time)
        handles = list(_HANDLE.finditer(line))
        found = handles[-1] if handles else None
        if found is not None:
            handle = found.group(1)
            head = line[: found.start()]
            cut = _CREDIT.match(head)
            author = head[cut.end() :].strip() if cut else head.strip()
            evidence.append("credit-handle")
    date_raw = m.collapse_ws(m.render(time)) if time is not None else None
    date, date_lang = m.read_date(date_raw or "")
    if date is None and time is not None:
        date = m.iso_date(m.attr(time, "datetime"))
    hashtags, mentions, cashtags = m.text_entities(text, domain_handles=True)
    return m.quote_from(
        node,
        source,
        "instagram",
        text=text or None,
        text_span=(caption_ps[0].open_end, caption_ps[-1].close_start) if text else None,
        author=author,
        handle=handle,
        date=date,
        date_raw=date_raw or None,
        date_lang=date_lang,
        hashtags=hashtags,
        mentions=mentions,
        cashtags=cashtags,
        url=url,
        status_id=status_id,
        evidence=tuple(evidence),
    )
