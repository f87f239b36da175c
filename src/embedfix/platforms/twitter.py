"""Twitter / X: the flattened-text grammar of a tweet embed, and the reader of its markup."""

from __future__ import annotations

import datetime

import regex

from embedfix import boundary
from embedfix.dates import DateMatch, match_date
from embedfix.platforms.base import Found

# --- Flattened text ---------------------------------------------------------------------------

PLATFORM = "twitter"

HANDLE_ANCHOR = regex.compile(
    r"\(\s?\\?[@＠](?P<handle>[A-Za-z0-9_]{1,20}(?:\.[A-Za-z0-9-]{1,63}){0,8})\s?\)"
)
"""``(@handle)`` in a signature: 1-20 word characters as twitter-text extracts them; dotted
domain handles belong to Bluesky, which shares the signature shape."""

_GAP = regex.compile(r"[ \t\u00a0\u202f]{0,4}(?:\r?\n[ \t]{0,4})?")
"""Between ``(@handle)`` and the date: spaces, or one line break (a wrapped signature)."""

_DASH = regex.compile(r"—|–|--|&mdash;|&#8212;|â€”|â€“|(?<=\s)[β-](?=\s)|^>?\s*-(?=\s)")
"""The signature dash as scrapers leave it: em/en dash, ``--`` (html2text), the entity,
cp1252 mojibake, ISO-8859-7 mojibake (``β``), or a spaced hyphen."""

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
    floor = 0
    for m in HANDLE_ANCHOR.finditer(source):
        if m.start() < floor:
            continue
        gap = _GAP.match(source, m.end())
        date_pos = gap.end() if gap else m.end()
        date = match_date(source, date_pos)
        if date is None:
            continue
        item = _signature(source, m, date, floor)
        if item is None:
            continue
        found.append(item)
        floor = item.span[1]
    found.extend(_bare_status_urls(source))
    found.sort(key=lambda f: f.span)
    return found


def _signature(source: str, anchor: regex.Match[str], date: DateMatch, floor: int) -> Found | None:
    """Read one signature around its ``(@handle)`` anchor and find its post text."""
    handle = anchor.group("handle")
    platform = "bluesky" if "." in handle else PLATFORM
    paren = anchor.start()
    line_start = max(source.rfind("\n", floor, paren) + 1, floor)
    window = max(line_start, paren - _NAME_MAX)
    dash = None
    for dm in _DASH.finditer(source, window, paren):
        dash = dm
    evidence = [f"{platform}-signature"]
    confidence = 1.0
    if dash is not None:
        sig_start = dash.start()
        # A markdown quote marker before the dash belongs with the quote block, not the name.
        name_start = dash.end()
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
    start = boundary.find_start(source, sig_start, floor, date.date, SIGNATURE_LINE)
    if start.pos < sig_start:
        text_spans = [_trim(source, start.pos, sig_start)]
        kind = "embed"
    else:
        text_spans = []
        kind = "signature"
    evidence.append(start.evidence)
    confidence = min(confidence, start.confidence)
    end = date.end
    span_start = start.pos if start.pos < sig_start else sig_start
    cont = _continuation(source, end, date.date)
    if cont is not None:
        text_spans.append(cont)
        end = cont[1]
        evidence.append("split-layout")
        confidence = min(confidence, 0.75)
    if date.date is None:
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
        total += boundary.post_length(line)
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
