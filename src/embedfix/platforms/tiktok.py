"""TikTok: the flattened-text grammar of a TikTok video embed, and the reader of its markup."""

from __future__ import annotations

import re

import regex

from embedfix.model import Quote
from embedfix.platforms import _markup as m
from embedfix.platforms import _text
from embedfix.platforms.base import Found

# --- Flattened text ---------------------------------------------------------------------------

PLATFORM = "tiktok"

SOUND = tuple(
    regex.compile(rf"{note}[ \t\u00a0]{{0,3}}(?P<sound>[^\n]{{1,200}})") for note in ("♬", "â™¬")
)
"""The music credit that ends the embed: ``♬ original sound - NAME`` (also as cp1252 mojibake)."""

HANDLE = regex.compile(
    r"[ \t\u00a0]{0,40}(?:>[ \t\u00a0]{0,4}){0,4}@(?P<handle>[A-Za-z0-9._]{2,24})(?=[\s\u00a0])"
)
"""The creator's ``@handle`` that opens the embed, at the start of a line, after the indentation
an extractor gives nested blocks (inscriptis indents the embed's section a dozen spaces) or the
Markdown quote markers html2text writes the embed with (``> @handle``)."""

_CREDIT = regex.compile(r"\S.{0,150}[ \t\u00a0][-–—][ \t\u00a0]\S")
"""A music credit names its sound and artist: ``SOUND - ARTIST``."""

_ORIGINAL = regex.compile(
    r"original sound|sonido original|som original|son original|suono originale|Originalton"
    r"|оригинальный звук|orijinal ses|suara asli",
    regex.IGNORECASE,
)
"""A lone credit line is TikTok's only when it names the platform's own "original sound"."""

_MAX_LINES = 12
"""Handle, caption and credit stand on a few non-blank lines; get_text("\n") gives each linked
hashtag a line of its own (and blank lines between)."""

CAPTION_MAX = 4000 + 200
"""TikTok captions reach 4,000 characters."""


GATE = ("♬", "â™¬")
"""The music note every match contains (also as mojibake): a document without it skips the
grammar."""


def find(source: str) -> list[Found]:
    """Find every flattened TikTok embed: ``@handle CAPTION ♬ SOUND - ARTIST``."""
    if not _text.mentions_any(source, GATE):
        return []
    found: list[Found] = []
    floor = 0
    for hit in _text.scan(SOUND, source):
        if hit.start() < floor or not _CREDIT.match(hit.group("sound")):
            continue
        item = _embed(source, hit, floor)
        if item is not None:
            found.append(item)
            floor = item.span[1]
    return found


def _embed(source: str, hit: regex.Match[str], floor: int) -> Found | None:
    """Read one embed around its music credit."""
    end = _text.trim(source, hit.start(), hit.end())[1]
    handle = _handle_above(source, hit.start(), floor)
    if handle is None:
        line = source[_text.line_start(source, hit.start(), floor) : hit.start()]
        if line.strip() or not _ORIGINAL.search(hit.group("sound")):
            return None
        return Found(
            platform=PLATFORM,
            span=_text.whole_line(source, (hit.start(), end)),
            kind="boilerplate",
            confidence=0.6,
            evidence=("tiktok-sound-leftover",),
        )
    caption = _text.unquote(source, (handle.end(), hit.start()))
    start = handle.start("handle") - 1
    return Found(
        platform=PLATFORM,
        span=(start, end),
        kind="embed" if caption[0] < caption[1] else "signature",
        text_spans=(caption,) if caption[0] < caption[1] else (),
        handle=handle.group("handle"),
        confidence=0.9 if "\n" not in source[caption[0] : caption[1]] else 0.8,
        evidence=("tiktok-handle", "tiktok-sound"),
    )


def _handle_above(source: str, sound: int, floor: int) -> regex.Match[str] | None:
    """The ``@handle`` opening the line of the credit or one of the few lines above it."""
    pos = sound
    floor = max(floor, sound - CAPTION_MAX)
    lines = 0
    for _ in range(3 * _MAX_LINES):
        start = _text.line_start(source, pos, floor)
        if start == 0 or source[start - 1] == "\n":
            h = HANDLE.match(source, start, sound)
            if h is not None:
                return h
        if source[start:pos].strip():
            lines += 1
        if lines >= _MAX_LINES or start <= floor or source[start - 1] != "\n":
            return None
        pos = start - 1
    return None


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
