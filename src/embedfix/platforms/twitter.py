"""Twitter / X: the flattened-text grammar of a tweet embed, and the reader of its markup."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace
from typing import Final

import regex

from embedfix import boundary
from embedfix.dates import DateMatch, match_date
from embedfix.model import Quote
from embedfix.platforms import _markup
from embedfix.platforms.base import Found

# --- Flattened text ---------------------------------------------------------------------------

PLATFORM: Final = "twitter"

HANDLE_ANCHOR = regex.compile(
    r"\(\s?\\?[@＠](?P<handle>[A-Za-z0-9_]{1,20}(?:\.[A-Za-z0-9-]{1,63}){0,8}"
    r"|[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})\s?\)"
)
"""``(@handle)`` in a signature: 1-20 word characters as twitter-text extracts them; dotted
domain handles belong to Bluesky, which shares the signature shape."""

_GAP = regex.compile(r"[ \t\u00a0\u202f]{0,4}(?:\r?\n[ \t]{0,160})?")
"""Between ``(@handle)`` and the date: spaces, or one line break (a wrapped signature) with the
indentation of the page's source after it (``get_text()`` keeps the whitespace of pretty-printed
markup: the date's line is indented as deep as its element was nested)."""

_DASH = regex.compile(r"—|–|--|&mdash;|&#8212;|â€”|â€“|(?<=\s)[β-](?=\s)|^>?\s*-(?=\s)")
"""The signature dash as scrapers leave it: em/en dash, ``--`` (html2text), the entity,
cp1252 mojibake, ISO-8859-7 mojibake (``β``, see `_GREEK_MOJIBAKE`), or a spaced hyphen."""

_GREEK_MOJIBAKE = regex.compile(
    r"(?<!\p{Greek})π(?!\p{Ll})|(?<=\p{Latin})β(?=\p{Latin})|β[\x80-\x9f]"
)
"""UTF-8 read as ISO-8859-7: every emoji starts with ``π`` (byte F0) followed by symbols, not
inside a Greek word (``π±``, ``πΉ``); ``’`` becomes ``β`` inside a Latin word (``canβt``). A lone
``β`` is the em dash only on text that shows this damage elsewhere; on its own it is a Greek
letter (``α and β``)."""

_STRIPPED_GAP = regex.compile(r"[ \u00a0]{2,}")
"""What separates the post from the name when a scraper deleted the dash (and every non-ASCII
character): two or more spaces, the dash's own spaces around its deleted character."""

_EMPTY_NAME_GAP = 4
"""Spaces before ``(@`` that mean the whole name was deleted (emoji only): the gap of the deleted
dash plus the deleted name. A name that ends with a deleted emoji leaves two or three."""

_NAME_PIECE_MAX = 8
"""A name split by a deleted letter (``Morten  verbye``, ``P  Resists``) leaves a short first piece."""

_NAME_MAX = 80
"""Display names are at most 50 characters; emoji and damage (``????``) make them longer."""

SIGNATURE_LINE = regex.compile(
    r"\(\s?[@＠][A-Za-z0-9_.\-]{1,60}\s?\)[^\n()]{0,60}?(?:\d|[AP]M|г\.|р\.)[\"'\s]*$"
)
"""A line that ends with a signature: it closes the post before it."""

BARE_STATUS = regex.compile(
    r"(?m)^[ \t]*(?P<url>(?:https?://)?(?:www\.|mobile\.)?(?:twitter|x)\.com/(?:#!/)?"
    r"(?P<user>[A-Za-z0-9_]{1,20})/status(?:es)?/(?P<id>\d{1,19})(?:[/?#][^\s]{0,300})?)"
    r"[ \t]*\r?$"
)
"""A status permalink alone on its line: an embed whose widget never rendered."""

_SNOWFLAKE_EPOCH_MS = 1288834974657
_FIRST_SNOWFLAKE = 10**14
"""Ids below this predate snowflake ids (November 2010) and carry no date."""


def snowflake_date(status_id: str) -> datetime.date | None:
    """The UTC date a snowflake status id was minted, or None for older ids."""
    n = int(status_id)
    if n < _FIRST_SNOWFLAKE:
        return None
    ms = (n >> 22) + _SNOWFLAKE_EPOCH_MS
    return datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc).date()


def find(source: str) -> list[Found]:
    """Find every flattened tweet (and Bluesky post) signature and bare permalink in ``source``."""
    found: list[Found] = []
    if "(" in source:  # every signature has one (a one-character test is the cheapest there is)
        found = _signatures(source)
    if ".com/" in source:
        found.extend(_bare_status_urls(source))
        found.sort(key=lambda f: f.span)
    return found


def _signatures(source: str) -> list[Found]:
    found: list[Found] = []
    floor = 0
    # Whether a lone ``β`` can be a dash: the document shows Greek mojibake (one scan, only on
    # text that holds a ``β`` at all).
    greek = "β" in source and _GREEK_MOJIBAKE.search(source) is not None
    for m in HANDLE_ANCHOR.finditer(source):
        if m.start() < floor:
            continue
        gap = _GAP.match(source, m.end())
        date_pos = gap.end() if gap else m.end()
        date = match_date(source, date_pos) or _date_glued_to_digits(source, date_pos)
        undated = None
        if date is None:
            undated = _undated_evidence(source, m, floor, greek)
            if undated is None:
                continue
        item = _signature(source, m, date, floor, greek, undated)
        if item is None:
            continue
        found.append(item)
        floor = item.span[1]
    return found


_GLUED_YEAR = regex.compile(r"[^\n\d]{1,40}?\d{1,2}[^\n\d]{1,6}20[0-4]\d(?=\d)")
"""A signature date whose year the next text's digits are glued to (``July 7, 20172. In``)."""


def _date_glued_to_digits(source: str, pos: int) -> DateMatch | None:
    """The signature's date when the text after it starts with digits glued to the year (a
    numbered thread, ``2017`` + ``2/5``): read the date up to the year's last digit."""
    m = _GLUED_YEAR.match(source, pos)
    if m is None:
        return None
    date = match_date(source, pos, m.end())
    return date if date is not None and date.end == m.end() else None


def _signature(
    source: str,
    anchor: regex.Match[str],
    date: DateMatch | None,
    floor: int,
    greek: bool,
    undated: str | None = None,
) -> Found | None:
    """Read one signature around its ``(@handle)`` anchor and find its post text. ``greek``:
    whether the document shows Greek mojibake (a lone ``β`` is then a dash). ``date`` is None
    for an undated signature, read only where `_undated_evidence` found ``undated``."""
    handle = anchor.group("handle")
    platform = "bluesky" if "." in handle else PLATFORM
    paren = anchor.start()
    line_start = max(source.rfind("\n", floor, paren) + 1, floor)
    dash = _last_dash(source, line_start, paren, greek)
    evidence = [f"{platform}-signature"]
    confidence = 1.0
    if undated is not None:
        evidence.append(undated)
        confidence = _UNDATED_CONFIDENCE[undated]
    if dash is not None:
        sig_start = dash.start()
        # A markdown quote marker before the dash belongs with the quote block, not the name.
        name_start = dash.end()
    elif (wrapped := _dash_ending_line_above(source, line_start, floor)) is not None:
        # The dash ended the line above and the name opened this one (a wrapped signature).
        sig_start = wrapped
        name_start = line_start
        evidence.append("dash-line-above")
    elif (stripped := _stripped_dash_name(source, line_start, paren)) is not None:
        # The scraper deleted the dash: ``TEXT  NAME (@handle) DATE``.
        sig_start = name_start = stripped
        evidence.append("dash-stripped")
    else:
        head = boundary.field_start(source, line_start, paren)
        if paren - head <= _NAME_MAX and not boundary.MEDIA.search(source, head, paren):
            sig_start = head
            name_start = head
            evidence.append("no-dash-line-start")
            confidence = 0.8
        else:
            sig_start = paren
            name_start = paren
            evidence.append("no-dash")
            confidence = 0.5
    author_span = _trim(source, name_start, paren)
    day = date.date if date is not None else None
    start = boundary.find_start(source, sig_start, floor, day, SIGNATURE_LINE)
    if start.pos < sig_start:
        text_spans = [_trim(source, start.pos, sig_start)]
        kind = "embed"
    else:
        text_spans = []
        kind = "signature"
    evidence.append(start.evidence)
    confidence = min(confidence, start.confidence)
    end = date.end if date is not None else anchor.end()
    span_start = start.pos if start.pos < sig_start else sig_start
    # An undated signature ends at its handle: no split layout is read after it.
    cont = _continuation(source, end, day) if date is not None else None
    if cont is not None:
        text_spans.append(cont)
        end = cont[1]
        evidence.append("split-layout")
        confidence = min(confidence, 0.75)
    if date is not None and date.date is None:
        confidence = min(confidence, 0.6)
        evidence.append("impossible-date")
    return Found(
        platform=platform,
        span=(span_start, end),
        kind=kind,
        text_spans=tuple(s for s in text_spans if s[0] < s[1]),
        author_span=author_span,
        handle=handle,
        date=date,
        confidence=round(confidence, 2),
        evidence=tuple(evidence),
    )


def _last_dash(source: str, line_start: int, paren: int, greek: bool) -> regex.Match[str] | None:
    """The last signature dash on the line within `_NAME_MAX` before ``(@`` (a lone ``β`` only
    where ``greek``), or None."""
    dash = None
    for dm in _DASH.finditer(source, max(line_start, paren - _NAME_MAX), paren):
        if dm.group() != "β" or greek:
            dash = dm
    return dash


# --- Undated signatures ---------------------------------------------------------------------
# ``— NAME (@handle)`` with no date after it: the post was deleted, or the date link lost its
# text. The same shape is an article's byline or credit (``— Reporting by Jane Doe (@janedoe)``),
# so it is read as an embed only where the text shows structure that only an embed leaves.

_UNDATED_CONFIDENCE: Final = {"undated-post-link": 0.7, "undated-quote-close": 0.6}
"""The most an undated signature's quote can claim, by its evidence: no date to check, and a
rule measured on a handful of real pages only (a post's own link is the stronger evidence)."""

_SIGNATURE_END = regex.compile(r"[ \t\u00a0]*+(?:\r?\n|\Z)|[ \t\u00a0]{2,}+")
"""What follows an undated signature: the end of its line, or a gap of two or more spaces (the
break between block elements that ``get_text()`` leaves without a separator). More prose on the
line (``(@janedoe) said``) makes it a mention."""

_POST_LINK_END = regex.compile(
    r"(?:https?://t\.co/\w{1,12}|pic\.(?:twitter|x)\.com/\w{1,12}|\]\(https?://t\.co/\w{1,12}\))\Z"
)
"""A post's own link or media link ending the text before the dash: ``t.co`` links and media
placeholders are written by the platform into posts, never by an article (html2text may leave
the link as Markdown, ``[pic.twitter.com/…](https://t.co/…)``)."""

_LAYOUT_BACK = 3
"""Line breaks the walk from the dash back to the post's link may cross: the blank line or the
empty ``> `` quote line that extractors put between a post and its signature."""


def _undated_evidence(source: str, anchor: regex.Match[str], floor: int, greek: bool) -> str | None:
    """Why ``— NAME (@handle)`` with no date is an embed's signature, or None when the text shows
    nothing that tells it from a byline.

    The signature must open with a dash on its line and end the line (or stand before a block
    gap), and one of two pieces of structure must stand around it:

    - ``undated-post-link``: the text before the dash (across spaces, blank lines, quote markers)
      ends with the post's own link or media link (`_POST_LINK_END`): the post ended there;
    - ``undated-quote-close``: the signature opens the last line of a Markdown quote (html2text
      writes an embed's blockquote as ``> `` lines, the signature last): a byline is no quote.
    """
    end = _SIGNATURE_END.match(source, anchor.end())
    if end is None:
        return None
    paren = anchor.start()
    # The line start only within the name's reach: an anchor that is not read leaves the floor
    # where it was, so a search back to it would make a long line quadratic.
    lo = max(floor, paren - _NAME_MAX)
    line_start = source.rfind("\n", lo, paren) + 1 or (floor if lo == floor else -1)
    dash = _last_dash(source, max(line_start, lo), paren, greek)
    if dash is None:
        return None
    # Back from the dash over the layout between a post and its signature.
    pos = dash.start()
    reach = max(floor, pos - _LAYOUT_REACH)
    breaks = 0
    while pos > reach and source[pos - 1] in _LAYOUT_CHARS and breaks <= _LAYOUT_BACK:
        pos -= 1
        breaks += source[pos] == "\n"
    if breaks <= _LAYOUT_BACK and _POST_LINK_END.search(source, max(floor, pos - 40), pos):
        return "undated-post-link"
    closes_quote = end.end() == len(source) or (
        "\n" in end.group()
        # endpos: the pattern needs a ``>``, and an unbounded match would look for one to the end.
        and boundary.QUOTE_LINE.match(source, end.end(), end.end() + _LINE_HEAD) is None
    )
    if (
        closes_quote
        and line_start >= 0
        and _QUOTE_MARKER_LINE.fullmatch(source, line_start, dash.start())
        and _QUOTE_ABOVE.search(source, max(floor, line_start - _LAYOUT_REACH), line_start)
    ):
        return "undated-quote-close"
    return None


_LAYOUT_CHARS = " \t\u00a0\r\n>"
_LAYOUT_REACH = 400
"""How far back the layout before a dash is read (``get_text()`` keeps the page's indentation)."""
_LINE_HEAD = 40
"""How much of the next line is read for a quote marker (indentation and a bullet before it)."""


_QUOTE_ABOVE = regex.compile(
    r"(?:^|\n)[ \t]*+(?:[*+-][ \t]+)?>[^\n]*?[^\s>][^\n]*+\n(?:[ \t]*+>[ \t>]*+\n)?\Z"
)
"""The quote holds text above the signature: a ``> `` line with words, then at most one empty
``>`` line (html2text's break between the post and its signature)."""

_QUOTE_MARKER_LINE = regex.compile(r"[ \t]*+(?:[*+-][ \t]+)?(?:>[ \t]?)++[ \t]*+")
"""A Markdown quote marker (``> ``, after a bullet or not) and nothing else."""


def _stripped_dash_name(source: str, line_start: int, paren: int) -> int | None:
    """Where the display name starts when the dash before it was deleted (``TEXT  NAME (@h)``).

    The name is what follows the last run of two or more spaces before ``(@``. Four or more
    spaces right before ``(@`` are a name deleted whole (emoji only): the name is empty. A name
    piece with no letter (a lost emoji ``?``, a kaomoji) or a short first piece left by a deleted
    letter (``Morten  verbye``) joins the piece before it when the text before that ends like a
    post (punctuation, a link, a hashtag). None when no such gap stands on the line."""
    lo = max(line_start, paren - _NAME_MAX)
    end = paren
    while end > lo and source[end - 1] in " \u00a0":
        end -= 1
    if paren - end >= _EMPTY_NAME_GAP:
        return paren if end > lo else None
    gaps = list(_STRIPPED_GAP.finditer(source, lo, end))
    if not gaps:
        return None
    start = gaps[-1].end()
    if len(gaps) >= 2:
        piece = source[start:end]
        before = source[gaps[-2].end() : gaps[-1].start()]
        ends_post = _POST_END.search(source, max(lo, gaps[-2].start() - 30), gaps[-2].start())
        if not _LETTER.search(piece) or (
            ends_post and len(before) <= _NAME_PIECE_MAX and _NAME_PIECE.fullmatch(before)
        ):
            start = gaps[-2].end()
    if gaps[0].start() == lo and lo == line_start and start == gaps[0].end():
        return None  # indentation, not a deleted dash
    return start


_LETTER = regex.compile(r"\p{L}")
_NAME_PIECE = regex.compile(r"\p{Lu}(?:\p{Ll}[\p{L}'.]*)?")
_POST_END = regex.compile(r"(?:[.!?…\"')]|https?://\S+|pic\.(?:twitter|x)\.com/\w+|#\w+)\Z")
"""How the text before a name ends when it is a post: punctuation, a link, a hashtag."""


_DASH_AT_END = regex.compile(r"(?:—|–|--|&mdash;|â€”)[ \t]{0,4}\r?\n[ \t]{0,4}\Z")


def _dash_ending_line_above(source: str, line_start: int, floor: int) -> int | None:
    """Where the signature dash stands when it ends the line above (``…for me—`` / ``NAME (@h)``)."""
    lo = max(floor, line_start - 16)
    m = _DASH_AT_END.search(source, lo, line_start)
    return m.start() if m else None


def _trim(source: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace."""
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return start, end


_CONTINUATION_LINES = 3


def _continuation(source: str, sig_end: int, date: datetime.date | None) -> tuple[int, int] | None:
    """The rest of a post laid out after its signature (split layout), when the evidence is clear:
    the next few lines end with the post's media link, and no other signature comes first."""
    if sig_end >= len(source) or source[sig_end] != "\n":
        return None
    pos = sig_end + 1
    limit = boundary.length_limit(date)
    total = 0
    for _ in range(_CONTINUATION_LINES):
        nl = source.find("\n", pos)
        line_end = len(source) if nl < 0 else nl
        line = source[pos:line_end]
        if not line.strip() or SIGNATURE_LINE.search(line) or _DASH.match(line.lstrip()):
            return None
        total += boundary.post_length(line, date)
        if total > limit:
            return None
        if boundary.MEDIA.search(line.rstrip()[-30:]):
            after = source[line_end + 1 : source.find("\n", line_end + 1) % (len(source) + 1)]
            if _DASH.match(after.lstrip()):
                return None  # the media line opens the next embed's signature block
            return _trim(source, sig_end + 1, line_end)
        if nl < 0:
            return None
        pos = nl + 1
    return None


def _bare_status_urls(source: str) -> list[Found]:
    """Bare status permalinks on their own lines."""
    out = []
    for m in BARE_STATUS.finditer(source):
        url = m.group("url")
        status_id = m.group("id")
        date = snowflake_date(status_id)
        out.append(
            Found(
                platform=PLATFORM,
                span=m.span("url"),
                kind="status-url",
                handle=m.group("user"),
                inferred_date=date,
                url=url if url.startswith("http") else "https://" + url,
                status_id=status_id,
                confidence=0.9,
                evidence=("bare-status-url",),
            )
        )
    return out


# --- HTML markup ------------------------------------------------------------------------------
# Reads every era of tweet markup (FORMATS.md §1): the oEmbed blockquote (``twitter-tweet``,
# ``twitter-video``, also with its class dropped), the rendered widget that keeps only an id, AMP,
# and the 2010 Blackbird Pie box.

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

_STATUS = re.compile(
    r"(?:https?:)?//(?:www\.|mobile\.)?(?:twitter|x)\.com/(?:#!/)?(\w{1,20})/status(?:es)?/(\d{1,20})",
    re.IGNORECASE,
)
_SIG_HANDLE = re.compile(r"\(\s*\\?@([A-Za-z0-9_]{1,20})\s*\)")
_SIG_LEAD = re.compile(r"[\s|>*]*(?:—|–|--|â€”|&mdash;)?\s*")
_TWEET_ID = re.compile(r"(?:[?&]id=|/status(?:es)?/)(\d{1,20})")
_BBP_TIME = re.compile(r"\w{3} (\w{3}) (\d{1,2}) [\d:]{8} [+-]\d{4} (\d{4})")
_PROFILE = re.compile(r"(?:https?:)?//(?:www\.)?(?:twitter|x)\.com/(?:#!/)?(\w{1,20})/?(?:\?|$)")
_BLOCKQUOTE_CLASSES = frozenset({"twitter-tweet", "twitter-video"})


def read_html(node: _markup.Node, source: str) -> Quote | None:
    """The tweet embedded by ``node``, or None when ``node`` is not tweet markup."""
    names = _markup.classes(node)
    if node.name == "blockquote" and names & _BLOCKQUOTE_CLASSES:
        return _read_blockquote(node, source, "twitter-blockquote-class", 1.0)
    if node.name == "amp-twitter":
        return _read_amp(node, source)
    if node.name == "twitterwidget" or "twitter-tweet-rendered" in names:
        return _read_rendered(node, source)
    if node.name == "iframe" and "platform.twitter.com/embed/" in (_markup.attr(node, "src") or ""):
        return _read_rendered(node, source)
    if node.name == "div" and any(c.startswith("bbpBox") for c in names):
        return _read_blackbird(node, source)
    return None


def read_html_unmarked(node: _markup.Node, source: str) -> Quote | None:
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


def _is_id(text: str) -> bool:
    """Whether ``text`` is a status id: ASCII digits only (``str.isdigit`` also accepts ``²``)."""
    return text.isascii() and text.isdigit()


def _id_date(status_id: str | None) -> datetime.date | None:
    """The date carried by a snowflake status id (see `snowflake_date`), or None."""
    if not status_id or not _is_id(status_id) or len(status_id) > 19:
        return None
    return snowflake_date(status_id)


def _has_status_link_child(node: _markup.Node) -> bool:
    """Whether a status permalink sits where the signature puts it: a child of the blockquote,
    or of one of its paragraphs (WordPress wraps the signature in its own ``<p>``). Checking only
    there keeps the test for unmarked blockquotes cheap on deeply nested pages."""
    for child in node.children:
        if not isinstance(child, _markup.Node):
            continue
        candidates = [child] if child.name == "a" else []
        if child.name == "p":
            candidates = [
                c for c in child.children if isinstance(c, _markup.Node) and c.name == "a"
            ]
        if any(_STATUS.match(_markup.attr(a, "href") or "") for a in candidates):
            return True
    return False


def _contains(outer: _markup.Node, inner: _markup.Node) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _link_entities(
    paragraphs: list[_markup.Node],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Hashtags, mentions, cashtags and other link texts, read from the links of the text."""
    hashtags: list[str] = []
    mentions: list[str] = []
    cashtags: list[str] = []
    urls: list[str] = []
    for p in paragraphs:
        for a, before in _links_with_previous(p):
            text = _markup.collapse_ws(_markup.render(a)).replace("\\@", "@")
            href = _markup.attr(a, "href") or ""
            if text[:1] in ("#", "＃"):
                hashtags.append(text[1:])
            elif text.startswith("$"):
                cashtags.append(text[1:])
            elif text.startswith(("@", "＠")):
                mentions.append(text[1:])
            elif _PROFILE.match(href) and before.endswith("@"):
                mentions.append(text)  # 2011–2013 markup: ``@<a>user</a>``
            elif text and not _markup.split_media(text)[1]:
                urls.append(text)
    return (
        tuple(dict.fromkeys(hashtags)),
        tuple(dict.fromkeys(mentions)),
        tuple(dict.fromkeys(cashtags)),
        tuple(urls),
    )


def _links_with_previous(node: _markup.Node) -> list[tuple[_markup.Node, str]]:
    """The links below ``node`` in document order, each with the text node just before it."""
    found: list[tuple[_markup.Node, str]] = []
    stack: list[_markup.Node | str] = list(reversed(node.children))
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


def _read_blockquote(node: _markup.Node, source: str, rule: str, confidence: float) -> Quote | None:
    evidence = [rule]
    outside, nested = _markup.split_nested(node, "blockquote")
    status_links = [
        a for a in outside if a.name == "a" and _STATUS.match(_markup.attr(a, "href") or "")
    ]
    date_link = status_links[-1] if status_links else None
    paragraphs = [
        n
        for n in outside
        if n.name == "p"
        and (date_link is None or (n.start < date_link.start and not _contains(n, date_link)))
    ]
    paragraphs = _markup.outermost(paragraphs)
    text = "\n".join(t for t in (_markup.render(p) for p in paragraphs) if t).replace("\\@", "@")
    hashtags, mentions, cashtags, urls = _link_entities(paragraphs)
    text, media = _markup.split_media(text)
    signature = _markup.render(node, stop=date_link, skip=(*paragraphs, *nested))
    if not text and date_link is not None:
        # An unclosed ``<p>`` holds both the text and the signature: split at the last dash.
        dash = max(signature.rfind("—"), signature.rfind("&mdash;"))
        if dash > 0 and _SIG_HANDLE.search(signature, dash):
            text, signature = signature[:dash].strip(), signature[dash:]
            text, media = _markup.split_media(text)
            hashtags, mentions, cashtags = _markup.text_entities(text)
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
        href = _markup.attr(date_link, "href") or ""
        found = _STATUS.match(href)
        assert found is not None
        url, status_id = href[: found.end()], found.group(2)
        if handle is None and found.group(1).lower() not in ("i", "web"):
            handle = found.group(1)
            evidence.append("permalink-handle")
        date_raw = _markup.collapse_ws(_markup.render(date_link)) or None
        hint = _markup.attr(node, "data-lang") or _markup.attr(node, "lang")
        date, date_lang = _markup.read_date(date_raw or "", lang=hint)
        stamped = _markup.iso_date(_markup.attr(date_link, "data-datetime"))
        if stamped is not None:
            date = stamped
            evidence.append("data-datetime")
        if date is None and handle_match is None:
            date_raw = None
        if date is None:
            date = _id_date(status_id)
            if date is not None:
                evidence.append("snowflake-date")
    if url is None and handle is None and not text:
        return None
    lang = _markup.attr(paragraphs[0], "lang") if paragraphs else None
    text_span = (paragraphs[0].open_end, paragraphs[-1].close_start) if paragraphs else None
    end = node.end
    if not node.closed:
        # The page never closed the blockquote: the embed ends with its signature.
        ends = [p.end for p in paragraphs]
        ends.append(date_link.end if date_link is not None else node.open_end)
        end = max(ends)
    return Quote(
        platform=PLATFORM,
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


def _id_only(node: _markup.Node, source: str, status_id: str, rule: str) -> Quote:
    date = _id_date(status_id)
    return Quote(
        platform=PLATFORM,
        span=(node.start, node.end),
        raw=source[node.start : node.end],
        date=date,
        url=f"https://twitter.com/i/status/{status_id}",
        status_id=status_id,
        evidence=(rule, "snowflake-date") if date is not None else (rule,),
    )


def _read_rendered(node: _markup.Node, source: str) -> Quote | None:
    candidates = [node, *(_markup.iter_nodes(node))]
    for n in candidates:
        tweet_id = _markup.attr(n, "data-tweet-id") or _markup.attr(n, "data-tweetid")
        if tweet_id and _is_id(tweet_id):
            return _id_only(node, source, tweet_id, "twitter-rendered-widget")
        found = _TWEET_ID.search(_markup.attr(n, "src") or "")
        if found:
            return _id_only(node, source, found.group(1), "twitter-rendered-iframe")
    return None


def _read_amp(node: _markup.Node, source: str) -> Quote | None:
    for n in _markup.iter_nodes(node):
        if n.name == "blockquote":
            inner = _read_blockquote(n, source, "twitter-amp", 1.0)
            if inner is not None:
                return _retarget(inner, node, source)
    tweet_id = _markup.attr(node, "data-tweetid") or ""
    return _id_only(node, source, tweet_id, "twitter-amp") if _is_id(tweet_id) else None


def _retarget(quote: Quote, node: _markup.Node, source: str) -> Quote:
    return replace(quote, span=(node.start, node.end), raw=source[node.start : node.end])


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _calendar_date(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None where the calendar has none (year 0, 31 February): a page's title
    attribute is whatever the page says."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _read_blackbird(node: _markup.Node, source: str) -> Quote | None:
    """Blackbird Pie (2010): text in ``p.bbpTweet``, the date only in the link's ``title``."""
    tweet = next((n for n in _markup.iter_nodes(node) if "bbpTweet" in _markup.classes(n)), None)
    if tweet is None:
        return None
    spans = [n for n in _markup.iter_nodes(tweet) if _markup.classes(n) & {"timestamp", "metadata"}]
    text = _markup.render(tweet, skip=tuple(spans))
    author = handle = url = status_id = None
    date = None
    date_raw = None
    for n in _markup.iter_nodes(node):
        names = _markup.classes(n)
        if n.name == "a":
            found = _STATUS.match(_markup.attr(n, "href") or "")
            if found and url is None:
                url, handle, status_id = _markup.attr(n, "href"), found.group(1), found.group(2)
                url = (url or "")[: found.end()]
            stamp = _BBP_TIME.match(_markup.attr(n, "title") or "")
            if stamp and date is None:
                date_raw = stamp.group()
                month = _MONTHS.index(stamp.group(1)) + 1 if stamp.group(1) in _MONTHS else 0
                if month:
                    date = _calendar_date(int(stamp.group(3)), month, int(stamp.group(2)))
        if "author" in names or "twRealName" in names:
            names_in = [
                _markup.collapse_ws(_markup.render(s))
                for s in _markup.iter_nodes(n)
                if s.name == "strong"
            ]
            author = next((name for name in names_in if name), author)
        if "twScreenName" in names:
            handle = _markup.collapse_ws(_markup.render(n)).lstrip("@") or handle
    text, media = _markup.split_media(text)
    hashtags, mentions, cashtags = _markup.text_entities(text)
    return Quote(
        platform=PLATFORM,
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
