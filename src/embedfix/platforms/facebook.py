"""Facebook: the flattened-text grammar of a Facebook post or video embed, and the reader of its
markup."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import regex

from embedfix.dates import DateMatch
from embedfix.model import Quote
from embedfix.platforms import _markup as m
from embedfix.platforms import _text
from embedfix.platforms.base import Found

# --- Flattened text ---------------------------------------------------------------------------

PLATFORM = "facebook"

POSTED_BY = tuple(
    regex.compile(rf"(?<![\p{{Ll}}]){lead}\s{{1,6}}(?=\S)")
    for lead in ("Posted by", "Publi(?:cado por|ée? par)", "Gepostet von")
)
"""The credit that closes a post embed: ``Posted by NAME on DATE`` (en), ``Publicado por … en``
(es) / ``em`` (pt), ``Gepostet von … am`` (de), ``Publié par … sur|le`` (fr). The SDK writes
``on&nbsp;DATE``, and ``</p>`` glues the credit to the post text. One pattern per lead, each
starting with a literal, keeps the scan cheap."""

_ON = regex.compile(r"\s{1,6}(?:on|en|em|am|sur|le)\s{1,6}")
"""The word between the name and the date; get_text("\n") puts each on a line of its own."""

_NAME_MAX = 80

_HAS_WEEKDAY = regex.compile(
    r"\p{L}[\p{L}-]{2,16}[,،]|\p{L}[\p{L}-]{2,16}[ \t\u00a0]\d{1,2}\.?[ \t\u00a0]\p{L}"
)
"""A date that opens with its weekday: ``Monday, September 12``, ``Jueves, 12 de``, ``Lundi 12
septembre``. Facebook always writes the weekday; a blog byline (``Posted by admin on September
12, 2016``) does not."""

_WEEKDAY_ONLY = regex.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?=[ \t\u00a0]{0,8}(?:\r?\n|$))"
)
"""A video embed's date: the weekday alone at the end of its line (``Posted by NAME on Wednesday``)."""

SHARED_TR = regex.compile(r"paylaştı:[ \t\u00a0]{0,3}")
"""The Turkish SDK's credit puts the name first: ``NAME paylaştı:&nbsp;9 Ocak 2017 Pazartesi``."""

_TR_NAME = regex.compile(
    r"(?<![\p{L}\p{N}])(?:\p{Lu}[\p{L}.'’-]{0,30}[ \t\u00a0]){0,3}\p{Lu}[\p{L}.'’-]{0,30}[ \t\u00a0]?\Z"
)
"""The page or person name before ``paylaştı``: up to four capitalised words, glued to the post
text before them when ``</p>`` left no space."""

_LINK_MAX = 500
"""The longest URL of a Markdown link around the name."""

POST_ID = regex.compile(
    r"facebook\.com/.{0,200}?(?:/posts/|/videos/|story_fbid=|/permalink/)(?P<id>\d{5,25})"
)
"""The post id in a Facebook permalink."""

TEXT_MAX = 2000
"""Embeds cut long posts with ``...``; a longer run of text before the credit is not the post."""


GATE = ("osted by", "Publicado por", "Publié", "Gepostet", "paylaştı")
"""Parts of the anchors (`POSTED_BY`'s ``Posted by``, ``Publicado por``, ``Publié`` of ``Publié
par`` and ``Publiée par``, ``Gepostet von``, and `SHARED_TR`) that every match contains: a document without
any of them skips the grammar. Whole leads, not ``Publi``, which every "Republican" and "public"
of English news holds. ``osted by`` is also Instagram's, so the pipeline looks for it once."""


def find(source: str) -> list[Found]:
    """Find every flattened Facebook post credit (``Posted by NAME on DATE``) and its text."""
    if not _text.mentions_any(source, GATE):
        return []
    found: list[Found] = []
    floor = 0
    credits = _text.scan(POSTED_BY, source)
    for i, hit in enumerate(credits):
        if hit.start() < floor:
            continue
        # A name never holds another credit: stop looking for its date at the next one.
        stop = credits[i + 1].start() if i + 1 < len(credits) else len(source)
        item = _credit(source, hit, floor, stop)
        if item is not None:
            found.append(item)
            floor = item.span[1]
    for hit in SHARED_TR.finditer(source):
        item = _turkish(source, hit)
        if item is not None:
            found.append(item)
    found.sort(key=lambda f: f.span)
    return found


def _credit(source: str, hit: regex.Match[str], floor: int, stop: int) -> Found | None:
    """Read one ``Posted by NAME on DATE`` credit and the post text before it."""
    # html2text writes the name as a link: "Posted by [NAME](https://www.facebook.com/page)".
    reach = _NAME_MAX + 4 + (_LINK_MAX if source.startswith("[", hit.end()) else 0)
    limit = min(_text.lines_on(source, hit.end(), 2), hit.end() + reach, stop)
    for on in _ON.finditer(source, hit.end(), limit):
        # ... and the date as a link to the post: "on [Monday, May 4, 2020](permalink)".
        linked = source.startswith("[", on.end())
        date = _date(source, on.end() + linked)
        if date is None:
            continue
        end, url = date.end, None
        if linked:
            tail = _text.MD_LINK_END.match(source, date.end)
            if tail is not None:
                end, url = tail.end(), tail.group("url")
        author, _ = _text.unlink(source, _text.trim(source, hit.end(), on.start()))
        if author[0] == author[1] or "\n" in source[author[0] : author[1]]:
            return None  # no name, or two lines of prose
        evidence = ["facebook-credit"]
        confidence = 1.0
        if date.date is None and _WEEKDAY_ONLY.fullmatch(date.raw):
            evidence.append("weekday-only")
            confidence = 0.6
        elif date.date is None:
            evidence.append("unread-date")
            confidence = 0.7
        if "\u00a0" in on.group():
            evidence.append("nbsp")
        elif hit.start() > 0 and not source[hit.start() - 1].isspace():
            evidence.append("glued")
        else:
            confidence = min(confidence, 0.8)
        text, rule = _text.caption_before(source, hit.start(), floor, TEXT_MAX)
        evidence.append(rule)
        return Found(
            platform=PLATFORM,
            span=(text[0] if text else hit.start(), end),
            kind="embed" if text else "signature",
            text_spans=(text,) if text else (),
            author_span=author,
            date=date,
            url=url,
            status_id=_permalink_id(url),
            confidence=confidence,
            evidence=tuple(evidence),
        )
    return None


def _permalink_id(url: str | None) -> str | None:
    """The post id of a Facebook permalink, or None."""
    if url is None:
        return None
    hit = POST_ID.search(url)
    return hit.group("id") if hit is not None else None


def _turkish(source: str, hit: regex.Match[str]) -> Found | None:
    """Read one ``NAME paylaştı: DATE`` credit and the post text before it."""
    date = _text.read_date(source, hit.end())
    if date is None:
        return None
    lo = _text.line_start(source, hit.start(), hit.start() - _NAME_MAX)
    name = _TR_NAME.search(source, lo, hit.start())
    if name is None:
        return None
    author = _text.trim(source, name.start(), name.end())
    text, rule = _text.caption_before(source, name.start(), 0, TEXT_MAX)
    return Found(
        platform=PLATFORM,
        span=(text[0] if text else author[0], date.end),
        kind="embed" if text else "signature",
        text_spans=(text,) if text else (),
        author_span=author,
        date=date,
        confidence=0.8,
        evidence=("facebook-credit-tr", rule),
    )


def _date(source: str, pos: int) -> DateMatch | None:
    """The post date: a full date that opens with its weekday, or a lone weekday (videos)."""
    w = _WEEKDAY_ONLY.match(source, pos)
    if w is not None:
        return DateMatch(start=w.start(), end=w.end(), raw=w.group(), date=None, lang="en")
    if not _HAS_WEEKDAY.match(source, pos):
        return None  # cheap test first: most words after "on" open no date
    date = _text.read_date(source, pos, weekday=True) or _text.unread_date(source, pos)
    if date is not None and _HAS_WEEKDAY.match(date.raw):
        return date
    return None


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
