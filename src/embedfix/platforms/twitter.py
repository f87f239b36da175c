"""Twitter / X: the flattened-text grammar of a tweet embed, and the reader of its markup."""

from __future__ import annotations

# --- Flattened text ---------------------------------------------------------------------------


# --- HTML markup ------------------------------------------------------------------------------
# Reads every era of tweet markup (FORMATS.md §1): the oEmbed blockquote (``twitter-tweet``,
# ``twitter-video``, also with its class dropped), the rendered widget that keeps only an id, AMP,
# and the 2010 Blackbird Pie box.

_PLATFORM = "twitter"

import datetime as _datetime  # noqa: E402
import re as _re  # noqa: E402
from dataclasses import replace as _replace  # noqa: E402

from embedfix.model import Quote as _Quote  # noqa: E402
from embedfix.platforms import _markup as _m  # noqa: E402

HTML_MARKERS = (
    "twitter-tweet",
    "twitter-video",
    "twitterwidget",
    "amp-twitter",
    "bbpBox",
    "platform.twitter.com/embed",
)
"""Substrings of the page that hint at tweet markup (for `looks_like_embed_html`)."""
HTML_LOADER_SCRIPTS = ("platform.twitter.com/widgets.js", "platform.x.com/widgets.js")
"""Substrings of the ``src`` of the script that renders tweet embeds."""

_STATUS = _re.compile(
    r"(?:https?:)?//(?:www\.|mobile\.)?(?:twitter|x)\.com/(?:#!/)?(\w{1,20})/status(?:es)?/(\d{1,20})",
    _re.IGNORECASE,
)
_SIG_HANDLE = _re.compile(r"\(\s*\\?@([A-Za-z0-9_]{1,20})\s*\)")
_SIG_LEAD = _re.compile(r"[\s|>*]*(?:—|–|--|â€”|&mdash;)?\s*")
_TWEET_ID = _re.compile(r"(?:[?&]id=|/status(?:es)?/)(\d{1,20})")
_BBP_TIME = _re.compile(r"\w{3} (\w{3}) (\d{1,2}) [\d:]{8} [+-]\d{4} (\d{4})")
_PROFILE = _re.compile(r"(?:https?:)?//(?:www\.)?(?:twitter|x)\.com/(?:#!/)?(\w{1,20})/?(?:\?|$)")
_BLOCKQUOTE_CLASSES = frozenset({"twitter-tweet", "twitter-video"})


def read_html(node: _m.Node, source: str) -> _Quote | None:
    """The tweet embedded by ``node``, or None when ``node`` is not tweet markup."""
    names = _m.classes(node)
    if node.name == "blockquote" and names & _BLOCKQUOTE_CLASSES:
        return _read_blockquote(node, source, "twitter-blockquote-class", 1.0)
    if node.name == "amp-twitter":
        return _read_amp(node, source)
    if node.name == "twitterwidget" or "twitter-tweet-rendered" in names:
        return _read_rendered(node, source)
    if node.name == "iframe" and "platform.twitter.com/embed/" in (_m.attr(node, "src") or ""):
        return _read_rendered(node, source)
    if node.name == "div" and any(c.startswith("bbpBox") for c in names):
        return _read_blackbird(node, source)
    return None


def read_html_unmarked(node: _m.Node, source: str) -> _Quote | None:
    """A tweet blockquote whose class an editor dropped: the signature ``(@handle)`` and the
    status permalink that ends it must both be intact."""
    if node.name != "blockquote" or not _has_status_link_child(node):
        return None
    quote = _read_blockquote(node, source, "twitter-blockquote-unmarked", 0.9)
    if quote is None or quote.date_raw is None:
        return None
    if quote.handle is None or "signature-handle" not in quote.evidence:
        return None
    return quote


_TWEPOCH_MS = 1288834974657
_FIRST_SNOWFLAKE = 29_700_859_247_000_000
"""Ids at or above this one (November 2010) are snowflakes that carry their creation time."""


def snowflake_date(status_id: str | None) -> _datetime.date | None:
    """The UTC creation date carried by a snowflake status id, or None for older ids."""
    if not status_id or not status_id.isdigit() or len(status_id) > 19:
        return None
    number = int(status_id)
    if number < _FIRST_SNOWFLAKE:
        return None
    stamp = ((number >> 22) + _TWEPOCH_MS) / 1000
    return _datetime.datetime.fromtimestamp(stamp, tz=_datetime.timezone.utc).date()


def _has_status_link_child(node: _m.Node) -> bool:
    """Whether a status permalink sits where the signature puts it: a child of the blockquote,
    or of one of its paragraphs (WordPress wraps the signature in its own ``<p>``). Checking only
    there keeps the test for unmarked blockquotes cheap on deeply nested pages."""
    for child in node.children:
        if not isinstance(child, _m.Node):
            continue
        candidates = [child] if child.name == "a" else []
        if child.name == "p":
            candidates = [c for c in child.children if isinstance(c, _m.Node) and c.name == "a"]
        if any(_STATUS.match(_m.attr(a, "href") or "") for a in candidates):
            return True
    return False


def _contains(outer: _m.Node, inner: _m.Node) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _link_entities(
    paragraphs: list[_m.Node],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Hashtags, mentions, cashtags and other link texts, read from the links of the text."""
    hashtags: list[str] = []
    mentions: list[str] = []
    cashtags: list[str] = []
    urls: list[str] = []
    for p in paragraphs:
        for a, before in _links_with_previous(p):
            text = _m.collapse_ws(_m.render(a)).replace("\\@", "@")
            href = _m.attr(a, "href") or ""
            if text[:1] in ("#", "＃"):
                hashtags.append(text[1:])
            elif text.startswith("$"):
                cashtags.append(text[1:])
            elif text.startswith(("@", "＠")):
                mentions.append(text[1:])
            elif _PROFILE.match(href) and before.endswith("@"):
                mentions.append(text)  # 2011–2013 markup: ``@<a>user</a>``
            elif text and not _m.split_media(text)[1]:
                urls.append(text)
    return (
        tuple(dict.fromkeys(hashtags)),
        tuple(dict.fromkeys(mentions)),
        tuple(dict.fromkeys(cashtags)),
        tuple(urls),
    )


def _links_with_previous(node: _m.Node) -> list[tuple[_m.Node, str]]:
    """The links below ``node`` in document order, each with the text node just before it."""
    found: list[tuple[_m.Node, str]] = []
    stack: list[_m.Node | str] = list(reversed(node.children))
    previous = ""
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            previous = item
        elif item.name == "a":
            found.append((item, previous))
            previous = ""
        else:
            previous = ""
            stack.extend(reversed(item.children))
    return found


def _read_blockquote(node: _m.Node, source: str, rule: str, confidence: float) -> _Quote | None:
    evidence = [rule]
    nested = _m.outermost([n for n in _m.iter_nodes(node) if n.name == "blockquote"])
    outside = _m.outside(_m.iter_nodes(node), nested)
    status_links = [a for a in outside if a.name == "a" and _STATUS.match(_m.attr(a, "href") or "")]
    date_link = status_links[-1] if status_links else None
    paragraphs = [
        n
        for n in outside
        if n.name == "p"
        and (date_link is None or (n.start < date_link.start and not _contains(n, date_link)))
    ]
    paragraphs = _m.outermost(paragraphs)
    text = "\n".join(t for t in (_m.render(p) for p in paragraphs) if t).replace("\\@", "@")
    hashtags, mentions, cashtags, urls = _link_entities(paragraphs)
    text, media = _m.split_media(text)
    signature = _m.render(node, stop=date_link, skip=(*paragraphs, *nested))
    if not text and date_link is not None:
        # An unclosed ``<p>`` holds both the text and the signature: split at the last dash.
        dash = max(signature.rfind("—"), signature.rfind("&mdash;"))
        if dash > 0 and _SIG_HANDLE.search(signature, dash):
            text, signature = signature[:dash].strip(), signature[dash:]
            text, media = _m.split_media(text)
            hashtags, mentions, cashtags = _m.text_entities(text)
            evidence.append("split-unclosed-paragraph")
    handles = list(_SIG_HANDLE.finditer(signature))
    handle_match = handles[-1] if handles else None
    author: str | None = None
    handle: str | None = None
    if handle_match is not None:
        handle = handle_match.group(1)
        head = signature[: handle_match.start()]
        author = head[_SIG_LEAD.match(head).end() :].strip()  # type: ignore[union-attr]
        evidence.append("signature-handle")
    url = status_id = None
    date_raw: str | None = None
    date = None
    date_lang = None
    if date_link is not None:
        href = _m.attr(date_link, "href") or ""
        found = _STATUS.match(href)
        assert found is not None
        url, status_id = href[: found.end()], found.group(2)
        if handle is None and found.group(1).lower() not in ("i", "web"):
            handle = found.group(1)
            evidence.append("permalink-handle")
        date_raw = _m.collapse_ws(_m.render(date_link)) or None
        date, date_lang = _m.read_date(date_raw or "")
        stamped = _m.iso_date(_m.attr(date_link, "data-datetime"))
        if stamped is not None:
            date = stamped
            evidence.append("data-datetime")
        if date is None and handle_match is None:
            date_raw = None
        if date is None:
            date = snowflake_date(status_id)
            if date is not None:
                evidence.append("snowflake-date")
    if url is None and handle is None and not text:
        return None
    lang = _m.attr(paragraphs[0], "lang") if paragraphs else None
    text_span = (paragraphs[0].open_end, paragraphs[-1].close_start) if paragraphs else None
    end = node.end
    if not node.closed:
        # The page never closed the blockquote: the embed ends with its signature.
        ends = [p.end for p in paragraphs]
        ends.append(date_link.end if date_link is not None else node.open_end)
        end = max(ends)
    return _Quote(
        platform=_PLATFORM,
        span=(node.start, end),
        raw=source[node.start : end],
        text=text or None,
        text_span=text_span,
        author=author,
        handle=handle,
        date=date,
        date_raw=date_raw,
        date_lang=date_lang,
        media=media,
        urls=urls,
        hashtags=hashtags,
        mentions=mentions,
        cashtags=cashtags,
        url=url,
        status_id=status_id,
        lang=lang,
        confidence=confidence,
        evidence=tuple(evidence),
    )


def _id_only(node: _m.Node, source: str, status_id: str, rule: str) -> _Quote:
    date = snowflake_date(status_id)
    return _Quote(
        platform=_PLATFORM,
        span=(node.start, node.end),
        raw=source[node.start : node.end],
        date=date,
        url=f"https://twitter.com/i/status/{status_id}",
        status_id=status_id,
        evidence=(rule, "snowflake-date") if date is not None else (rule,),
    )


def _read_rendered(node: _m.Node, source: str) -> _Quote | None:
    candidates = [node, *(_m.iter_nodes(node))]
    for n in candidates:
        tweet_id = _m.attr(n, "data-tweet-id") or _m.attr(n, "data-tweetid")
        if tweet_id and tweet_id.isdigit():
            return _id_only(node, source, tweet_id, "twitter-rendered-widget")
        found = _TWEET_ID.search(_m.attr(n, "src") or "")
        if found:
            return _id_only(node, source, found.group(1), "twitter-rendered-iframe")
    return None


def _read_amp(node: _m.Node, source: str) -> _Quote | None:
    for n in _m.iter_nodes(node):
        if n.name == "blockquote":
            inner = _read_blockquote(n, source, "twitter-amp", 1.0)
            if inner is not None:
                return _retarget(inner, node, source)
    tweet_id = _m.attr(node, "data-tweetid") or ""
    return _id_only(node, source, tweet_id, "twitter-amp") if tweet_id.isdigit() else None


def _retarget(quote: _Quote, node: _m.Node, source: str) -> _Quote:
    return _replace(quote, span=(node.start, node.end), raw=source[node.start : node.end])


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _read_blackbird(node: _m.Node, source: str) -> _Quote | None:
    """Blackbird Pie (2010): text in ``p.bbpTweet``, the date only in the link's ``title``."""
    tweet = next((n for n in _m.iter_nodes(node) if "bbpTweet" in _m.classes(n)), None)
    if tweet is None:
        return None
    spans = [n for n in _m.iter_nodes(tweet) if _m.classes(n) & {"timestamp", "metadata"}]
    text = _m.render(tweet, skip=tuple(spans))
    author = handle = url = status_id = None
    date = None
    date_raw = None
    for n in _m.iter_nodes(node):
        names = _m.classes(n)
        if n.name == "a":
            found = _STATUS.match(_m.attr(n, "href") or "")
            if found and url is None:
                url, handle, status_id = _m.attr(n, "href"), found.group(1), found.group(2)
                url = (url or "")[: found.end()]
            stamp = _BBP_TIME.match(_m.attr(n, "title") or "")
            if stamp and date is None:
                date_raw = stamp.group()
                month = _MONTHS.index(stamp.group(1)) + 1 if stamp.group(1) in _MONTHS else 0
                if month:
                    date = _datetime.date(int(stamp.group(3)), month, int(stamp.group(2)))
        if "author" in names or "twRealName" in names:
            names_in = [
                _m.collapse_ws(_m.render(s)) for s in _m.iter_nodes(n) if s.name == "strong"
            ]
            author = next((name for name in names_in if name), author)
        if "twScreenName" in names:
            handle = _m.collapse_ws(_m.render(n)).lstrip("@") or handle
    text, media = _m.split_media(text)
    hashtags, mentions, cashtags = _m.text_entities(text)
    return _Quote(
        platform=_PLATFORM,
        span=(node.start, node.end),
        raw=source[node.start : node.end],
        text=text or None,
        text_span=(tweet.open_end, tweet.close_start),
        author=author,
        handle=handle,
        date=date,
        date_raw=date_raw,
        date_lang="en" if date_raw else None,
        media=media,
        hashtags=hashtags,
        mentions=mentions,
        cashtags=cashtags,
        url=url,
        status_id=status_id,
        evidence=("twitter-blackbird-pie",),
    )
