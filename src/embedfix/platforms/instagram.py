"""Instagram: the flattened-text grammar of an Instagram embed, and the reader of its markup."""

from __future__ import annotations

import bisect
import re

import regex

from embedfix.dates import DateMatch
from embedfix.model import Quote
from embedfix.platforms import _markup as m
from embedfix.platforms import _text
from embedfix.platforms._text import SPACE
from embedfix.platforms.base import Found

# --- Flattened text ---------------------------------------------------------------------------

PLATFORM = "instagram"

CREDIT = regex.compile(
    rf"""(?:A\ (?:post|photo|video)\ (?:shared|posted)\ by
      | Une\ (?:publication|photo|vidéo)\ (?:partagée|publiée)\ par
      | Ein\ Beitrag\ geteilt\ von
      | Una\ (?:publicación|foto|video|vídeo)\ (?:compartida|publicada)\ (?:de|por)
      | Uma\ (?:publicação|foto|vídeo)\ (?:partilhada|compartilhada|publicada)\ por
      | Un\ post\ condiviso\ da
      | Een\ bericht\ gedeeld\ door)
    {SPACE}{{0,3}}""",
    regex.VERBOSE,
)
"""The credit line's lead, ``A post shared by`` and its localized forms (en, fr, de, es, pt-PT,
pt-BR, it, nl); older embeds say ``A photo posted by`` / ``A video posted by``. The name and
``(@handle)`` that follow are read by `_name_and_handle`."""

HANDLE = regex.compile(rf"\({SPACE}?@(?P<handle>[A-Za-z0-9._]{{1,30}}){SPACE}?\)")
"""``(@handle)``: Instagram handles are letters, digits, ``.`` and ``_``, at most 30. Instagram
writes the credit itself, always with an ASCII ``@`` (a full-width ``＠`` is typed by people, in
tweets)."""

_NAME_MAX = 80
_PARENS_MAX = 3
"""A name may hold a few parentheses of its own (``Jane (Official) (@jane)``)."""

_PREP = regex.compile(rf"{SPACE}{{0,3}}(?:on|le|am|el|em|a|às|il|op)(?!\p{{L}}){SPACE}{{0,3}}")
"""The word before the date: ``on`` (en), ``le`` (fr), ``am`` (de), ``el`` (es), ``a`` (pt-PT),
``em`` (pt-BR), ``il`` (it), ``op`` (nl)."""

VIEW = regex.compile(
    r"""(?:(?<=^[ \t\u00a0]{0,40}\[?)|(?<=[ \t\u00a0]{2})|(?<=[.!?…)\p{Ll}\p{N}\p{So}]))
    (?:View\ this\ post\ on\ Instagram
      | Voir\ cette\ publication\ sur\ Instagram
      | Diesen\ Beitrag\ auf\ Instagram\ ansehen
      | Ver\ esta\ publicación\ en\ Instagram
      | Ver\ (?:esta|essa)\ (?:publicação|foto)\ no\ Instagram
      | Visualizza\ questo\ post\ su\ Instagram
      | Dit\ bericht\ op\ Instagram\ bekijken)
    (?=[ \t\u00a0]{0,40}(?:\r?\n|$)|[ \t\u00a0]{2,40}\S|\p{Lu}|\p{N}|\]\()""",
    regex.VERBOSE | regex.MULTILINE,
)
"""The link text that newer embeds (v12 on) show above the post: alone on its line, set off by
the runs of spaces that pretty-printed markup leaves, glued to its neighbours, or as the text of
a Markdown link (html2text)."""

PERMALINK = regex.compile(r"instagram\.com/(?:p|reel|tv)/(?P<id>[A-Za-z0-9_-]{5,40})")
"""A post permalink, which html2text keeps in the links around the caption, credit and view."""

CAPTION_MAX = int(2200 * 1.15)
"""Instagram captions are at most 2,200 characters; scraping adds a little."""

_VIEW_REACH = CAPTION_MAX + 200
_VIEW_MAX_LINES = 3
"""A caption between "View this post" and the credit spans at most a few lines."""


_HANDLE_ANCHOR = regex.compile(rf"\({SPACE}?@[A-Za-z0-9._]")
"""Where a credit with a handle can be: a cheap literal scan, so text without one costs little."""

_EN_LEAD = regex.compile(r"A (?:post|photo|video) (?:shared|posted) by")
"""The English lead, also looked for alone: a credit that lost its name and handle."""

_EXPLODED_LINES = 2
"""A scraper that ends every text node with a line break puts the credit's lead, name and handle
on lines of their own; such an exploded credit must end with a date to count."""

_PREP_EXPLODED = regex.compile(r"\s{0,8}(?:on|le|am|el|em|a|às|il|op)(?!\p{L})\s{0,8}")

_LEAD_REACH = 40 + _NAME_MAX + 4
"""How far before ``(@`` a credit's lead can start: the longest lead, spaces and a name."""


_INSTAGRAM = regex.compile("Instagram")
_VIEW_LEAD = 30
"""The longest text of a view link before its word ``Instagram``."""
_VIEW_TAIL = 60
"""The longest text of a view link after it (``ansehen``, ``bekijken``), and room for the
spaces its end is checked against."""


GATE = ("(@", "( @", "(\t@", "(\u00a0@", "(\u202f@", "Instagram", "shared by", "osted by")
"""Parts of the anchors (`_HANDLE_ANCHOR`'s ``(@`` with each space it allows, `_EN_LEAD`'s
``shared by`` / ``posted by``, `_INSTAGRAM`) that every match contains: a document without any
of them skips the grammar. ``(@`` rather than ``@``: most English news holds an ``@`` (an
address, a handle in prose), few hold ``(@``."""


def find(source: str) -> list[Found]:
    """Find every flattened Instagram embed (credit line, caption, "View this post" leftovers)."""
    if not _text.mentions_any(source, GATE):
        return []
    found: list[Found] = []
    views = _views(source)
    view_ends = [v.end() for v in views]
    used_views: set[int] = set()
    alone: dict[int, bool] = {}
    floor = 0
    for hit in _credits(source):
        if hit.start() < floor:
            continue
        item = _credit(source, hit, floor, (views, view_ends), used_views, alone)
        if item is None:
            continue
        found.append(item)
        floor = item.span[1]
    for v in views:
        if v.start() in used_views:
            continue
        span, link = _linked(source, v.span())
        url, shortcode = _permalink(link)
        found.append(
            Found(
                platform=PLATFORM,
                span=_text.whole_line(source, span),
                kind="boilerplate",
                url=url,
                status_id=shortcode,
                confidence=0.9,
                evidence=("instagram-view-leftover",),
            )
        )
    found.sort(key=lambda f: f.span)
    return found


def _credits(source: str) -> list[regex.Match[str]]:
    """The credit leads in ``source``, in order: those before a ``(@handle)`` and the English ones
    standing alone. Found from two literal scans, so a document without them costs little."""
    leads: dict[int, regex.Match[str]] = {}
    last: regex.Match[str] | None = None
    searched = 0
    for a in _HANDLE_ANCHOR.finditer(source):
        # Each stretch of text is searched once: a lead holds no "(", so none straddles an anchor.
        # get_text("\n") puts the lead, the name and the handle on lines of their own.
        lo = _text.lines_back(source, a.start(), _EXPLODED_LINES, a.start() - _LEAD_REACH)
        for hit in CREDIT.finditer(source, max(lo, searched), a.start()):
            last = hit
        searched = a.start()
        if last is not None and last.start() >= lo:
            leads.setdefault(last.start(), last)
    for e in _EN_LEAD.finditer(source):
        lead = CREDIT.match(source, e.start())
        if lead is not None:
            leads.setdefault(lead.start(), lead)
    return [leads[k] for k in sorted(leads)]


def _views(source: str) -> list[regex.Match[str]]:
    """Every "View this post on Instagram" leftover, found around each literal ``Instagram``."""
    out: dict[int, regex.Match[str]] = {}
    for i in _INSTAGRAM.finditer(source):
        v = VIEW.search(source, max(0, i.start() - _VIEW_LEAD), i.end() + _VIEW_TAIL)
        if v is not None:
            out.setdefault(v.start(), v)
    return [out[k] for k in sorted(out)]


def _linked(source: str, span: tuple[int, int]) -> tuple[tuple[int, int], str | None]:
    """``span`` widened over a Markdown link around it (``[TEXT](URL)``), and the URL."""
    start, end = span
    tail = _text.MD_LINK_END.match(source, end)
    if tail is None or start == 0 or source[start - 1] != "[":
        return span, None
    return (start - 1, tail.end()), tail.group("url")


def _permalink(*urls: str | None) -> tuple[str | None, str | None]:
    """The first post permalink among ``urls`` (without its tracking query) and its shortcode."""
    for url in urls:
        if url is not None:
            p = PERMALINK.search(url)
            if p is not None:
                return url.split("?")[0], p.group("id")
    return None, None


def _only_leftovers_after(
    source: str,
    pos: int,
    views: tuple[list[regex.Match[str]], list[int]],
    memo: dict[int, bool],
) -> bool:
    """Whether nothing but spaces, empty credit leads and view links follow ``pos`` on its line:
    a leftover followed only by other leftovers is as alone as it will be once they are cut.
    ``memo`` keeps the answer for every position walked, so a line of many costs linear time."""
    end = _text.line_end(source, pos)
    i = bisect.bisect_right(views[1], pos)
    walked: list[int] = []
    while True:
        while pos < end and source[pos].isspace():
            pos += 1
        if pos in memo:
            result = memo[pos]
            break
        walked.append(pos)
        if pos >= end:
            result = True
            break
        lead = CREDIT.match(source, pos, end)
        while i < len(views[0]) and views[0][i].start() < pos:
            i += 1
        if lead is not None:
            prep = _PREP.match(source, lead.end(), end)
            pos = max(lead.end(), prep.end() if prep is not None else 0)
        elif i < len(views[0]) and views[0][i].start() == pos:
            pos = views[0][i].end()
        else:
            result = False
            break
    for p in walked:
        memo[p] = result
    return result


def _credit(
    source: str,
    hit: regex.Match[str],
    floor: int,
    views: tuple[list[regex.Match[str]], list[int]],
    used_views: set[int],
    alone: dict[int, bool],
) -> Found | None:
    """Read one credit line and the caption before it."""
    named = _name_and_handle(source, hit.end())
    handle = named.group("handle") if named is not None else None
    end = named.end() if named is not None else hit.end()
    credit_start = hit.start()
    credit_link = None
    if named is not None:
        # v12 on, through html2text: "[A post shared by NAME (@handle)](permalink)".
        (credit_start, end), credit_link = _linked(source, (hit.start(), end))
    date: DateMatch | None = None
    evidence = ["instagram-credit"]
    confidence = 1.0
    prep = _PREP.match(source, end)
    dated_era = False
    exploded = named is not None and "\n" in source[hit.end() : named.start()]
    if exploded or prep is None or _text.rest_is_blank(source, prep.end()):
        # The exploded layout: "(@handle)", "on" and the date on lines of their own.
        # An exploded credit may keep "on" and the date on the handle's line
        # (``(@zashay.tastas) on Apr 27, 2020``); it must still end with a date.
        prep_nl = _PREP_EXPLODED.match(source, end)
        if prep_nl is not None and ("\n" in prep_nl.group() or exploded):
            date = _text.read_date(source, prep_nl.end())
            if date is not None:
                prep = None
                end = date.end
                dated_era = True
                evidence.append("exploded-lines")
    if exploded and date is None:
        # A lead, then a handle lines later, with no date: not one credit. The lead alone on its
        # line may still be an empty one, read as below.
        named = handle = None
        end = hit.end()
        credit_start = hit.start()
        prep = _PREP.match(source, end)
    if prep is not None:
        date = _text.read_date(source, prep.end())
        if date is None and handle is not None:
            date = _text.unread_date(source, prep.end())
            if date is not None:
                evidence.append("unread-date")
                confidence = 0.7
        if date is not None:
            end = date.end
            dated_era = True
        elif _text.rest_is_blank(source, prep.end()):
            end = _text.trim(source, hit.end(), prep.end())[1]
            dated_era = True
            evidence.append("date-dropped")
        elif handle is not None:
            evidence.append("no-date")
    if named is None:
        # "A post shared by on": the name, the handle and the date are gone; nothing but spaces
        # may follow, or this is a sentence ("A post shared by the minister on Monday"). Other
        # leftovers glued after it go in the same pass, so it counts as alone beside them.
        own = _PREP.match(source, end)
        if own is not None and own.end() > end and not _text.rest_is_blank(source, own.end()):
            end = _text.trim(source, end, own.end())[1]  # its "on", before a glued leftover
        if not _only_leftovers_after(source, end, views, alone):
            return None
        return Found(
            platform=PLATFORM,
            span=_text.whole_line(source, _text.trim(source, credit_start, end)),
            kind="boilerplate",
            date=date,
            confidence=0.8,
            evidence=("instagram-empty-credit",),
        )
    author, _ = _text.unlink(source, _text.trim(source, hit.end(), named.start()))
    view = _view_before(source, credit_start, floor, views)
    view_link = None
    caption: tuple[int, int] | None
    if view is not None:
        used_views.add(view.start())
        (start, view_end), view_link = _linked(source, view.span())
        caption = _text.trim(source, view_end, credit_start)
        evidence.append("view-this-post")
        if caption[0] == caption[1]:
            caption = None
    else:
        # Only the dated era (to 2020) shows the caption; a line above an undated credit is prose.
        caption, rule = _text.caption_before(
            source, credit_start, floor, CAPTION_MAX, above=dated_era
        )
        evidence.append(rule)
        if rule == "caption-line-above":
            confidence = min(confidence, 0.8)
        start = caption[0] if caption is not None else credit_start
    caption_link = None
    if caption is not None:
        # Captioned embeds link the caption to the post: "[CAPTION](permalink)" in html2text.
        caption, caption_link = _text.unlink(source, caption)
    url, shortcode = _permalink(credit_link, caption_link, view_link)
    return Found(
        platform=PLATFORM,
        span=(start, end),
        kind="embed" if caption is not None else "signature",
        text_spans=(caption,) if caption is not None else (),
        author_span=author if author[0] < author[1] else None,
        handle=handle,
        date=date,
        url=url,
        status_id=shortcode,
        confidence=confidence,
        evidence=tuple(evidence),
    )


def _name_and_handle(source: str, pos: int) -> regex.Match[str] | None:
    """The ``(@handle)`` closing the name that starts at ``pos``, on the same line and within a
    name's length, or None."""
    limit = min(_text.lines_on(source, pos, _EXPLODED_LINES), pos + _NAME_MAX + 8)
    paren = source.find("(", pos, limit)
    for _ in range(_PARENS_MAX):
        if paren < 0:
            return None
        h = HANDLE.match(source, paren)
        if h is not None:
            return h
        paren = source.find("(", paren + 1, limit)
    return None


def _view_before(
    source: str, credit: int, floor: int, views: tuple[list[regex.Match[str]], list[int]]
) -> regex.Match[str] | None:
    """The "View this post on Instagram" that opens this embed: the last one shortly before the
    credit (``views`` holds every match and their ends), with at most a caption's few lines
    between them."""
    i = bisect.bisect_right(views[1], credit)
    if i == 0:
        return None
    last = views[0][i - 1]
    if last.start() < max(floor, credit - _VIEW_REACH):
        return None
    if source.count("\n", last.end(), credit) > 2 * _VIEW_MAX_LINES + 6 or (
        sum(1 for line in source[last.end() : credit].splitlines() if line.strip())
        > _VIEW_MAX_LINES
    ):
        return None
    return last


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
