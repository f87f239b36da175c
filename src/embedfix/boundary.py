"""Where a flattened post's text starts: evidence from lines, lengths and lead-ins.

The signature tells where a post ends; nothing marks where it begins. We walk back from the
signature line by line and keep a line when the evidence says it belongs to the post: the post
still fits Twitter's length limit, the line is not a lead-in (``tweeted:``), not another embed,
not a blank paragraph break, not a table row of its own. When a single line is longer than any
post could be, the start is searched inside it at sentence boundaries, preferring the shorter post
and lowering the confidence.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

import regex

from embedfix.entities import split_glued_links, weighted_length

# 280 characters from 2017-11-07 on, 140 before (FORMATS.md §3.3).
_LONG_TWEETS = datetime.date(2017, 11, 7)
_SLACK = 1.15
"""Scraped text adds a little (lost emoji as ``????``, entity residue); tolerate 15% more."""

MEDIA = regex.compile(r"pic\.(?:twitter|x)\.com/[A-Za-z0-9]{10}")
"""A media placeholder; its id is always 10 characters, which splits glued links."""

_FIELD_PREFIX = regex.compile(r"(?:\d{1,9}\t\"?)?(?:x (?=\S))?")
"""What precedes the post text at a line start: a TSV row id (with the CSV quote of its field),
an X-logo ``x``."""

_LEAD_IN = regex.compile(
    r"""(?:[:：;]|:-|\b(?:tweeted|wrote|posted|said|writes|tuitó|escribió|escreveu|a écrit|schrieb)
    |👇|⬇️?)\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)
"""A line ending that announces a post: the post starts on the next line."""

_SENTENCE_START = regex.compile(
    r"(?<=[.!?…:;。！？][\"'”’»)]{0,8})\s*(?=\S)|(?<=[.!?…][\"'”’»)]{0,8})(?=\p{Lu})"
)
"""Positions inside a line where a new sentence may start (also glued: ``said.The``). The
closing marks after the stop are bounded (eight is more than any sentence ends with) so that
the lookbehind, tried at every position, stays linear on a run of quote marks."""


@dataclass(frozen=True, slots=True)
class Start:
    """The chosen start of a post's text and how sure we are of it."""

    pos: int
    """Offset of the first character of the post text (equal to the signature start if none)."""
    confidence: float
    """How sure we are of this start, from 0 to 1."""
    evidence: str
    """The rule that decided."""


def length_limit(date: datetime.date | None) -> int:
    """The weighted length a post could have on its date, with slack for scraping damage."""
    limit = 280 if date is None or date >= _LONG_TWEETS else 140
    return int(limit * _SLACK)


def post_length(text: str, date: datetime.date | None) -> int:
    """The weighted length of a post's text under the rules of its date (v1 before the 280
    rollout, v3 after), media placeholders excluded (they never counted), glued links apart."""
    config: Literal["v1", "v3"] = "v3" if date is None or date >= _LONG_TWEETS else "v1"
    return weighted_length(split_glued_links(MEDIA.sub(" ", text)), config)


def field_start(source: str, line_start: int, end: int) -> int:
    """Skip the non-post prefix of a line (TSV row id, CSV quote, X-logo residue)."""
    m = _FIELD_PREFIX.match(source, line_start, end)
    return m.end() if m else line_start


def find_start(
    source: str,
    sig_start: int,
    floor: int,
    date: datetime.date | None,
    is_signature_line: regex.Pattern[str],
) -> Start:
    """Find where the post ending at ``sig_start`` begins, never before ``floor``.

    ``is_signature_line`` tells whether a line ends with another embed's signature (which
    closes any post before it).
    """
    limit = length_limit(date)
    line_start = max(source.rfind("\n", floor, sig_start) + 1, floor)
    head = field_start(source, line_start, sig_start)
    inline = source[head:sig_start]
    quoted = inline.lstrip().startswith(">")
    if inline.strip(" \t>\u00a0"):
        if post_length(inline, date) <= limit:
            start = head
            conf = 0.9
            rule = "line"
        else:
            return _start_inside_line(source, head, sig_start, date)
        if line_start > floor and head > line_start:
            # A TSV row or CSV field: the row is the post; earlier lines are other rows.
            return Start(start, 0.95, "table-row")
    else:
        start = sig_start
        conf = 0.85
        rule = "lines-above"
    # Walk back over earlier lines while they plausibly belong to the post.
    pos = line_start
    total = post_length(source[start:sig_start], date)
    crossed_blank = False
    lines_taken = 1 if start < sig_start else 0
    while pos > floor:
        prev_end = pos - 1  # the "\n" ending the previous line
        prev_start = max(source.rfind("\n", floor, prev_end) + 1, floor)
        line = source[prev_start:prev_end]
        stripped = line.strip()
        pos = prev_start
        if not stripped:
            crossed_blank = True  # paragraphs inside a post are common; lengths decide
            continue
        have_text = start < sig_start
        if quoted and not stripped.startswith(">"):
            break
        if is_signature_line.search(line) or _LIST_ITEM.match(stripped):
            break
        if (have_text or not stripped.endswith(":")) and _LEAD_IN.search(stripped):
            break
        if have_text and MEDIA.search(line.rstrip()[-30:]):
            break  # a media link closes a post: this line ends an earlier one
        so_far = source[start:sig_start]
        cut_short = lines_taken == 1 and _truncated(so_far)  # the preview of a long post
        if (
            _has_words(so_far)
            and not cut_short
            and (_is_prose(stripped) or _paraphrases(line, so_far))
        ):
            break  # article prose, or the article quoting the post just before embedding it
        length = post_length(line, date)
        if total + length > limit:
            if not have_text:
                # The paragraph above is too long to be the post: an image-only post.
                return Start(sig_start, 0.6, "too-long-above")
            break
        total += length
        lines_taken += 1
        start = field_start(source, prev_start, prev_end)
        if crossed_blank:
            conf = min(conf, 0.75)
        rule = "lines" if rule == "line" else rule
        if start > prev_start:
            break  # a row or field marker starts the post
    if start == sig_start:
        return Start(sig_start, 0.7, "no-text")
    return Start(start, conf, rule)


_LIST_ITEM = regex.compile(r"(?:#?\d{1,2}\s?[–—:.)]|[-*•]\s)\s")
"""A numbered or bulleted caption of an article listicle (``4 – Relembrou``, ``#1: Tolle``)."""

_PROSE_END = regex.compile(r"(?<![.\s])[.。۔।][\"'”’»)]*$")
_QUOTED = regex.compile(r"^[\"“«„].*[\"”»“]$")
_ANNOUNCE = regex.compile(
    r"\b(?:tweets?|tweeted|twitter|tuit\w*|posteo|publicaci[oó]n|post)\b", regex.IGNORECASE
)
_POST_FEATURE = regex.compile(r"[@#＠＃]\w|https?://|\p{Extended_Pictographic}")
_ANNOUNCE_MAX = 60


def _is_prose(line: str) -> bool:
    """Whether a line above a post reads as the article's own prose rather than more of the post:
    a sentence ending with a full stop (even a short one: the shorter post is preferred), a quotation wrapped in quote marks, or a short line
    announcing a tweet. Posts' extra lines end with ``!!``, ``..``, emoji, hashtags."""
    if _PROSE_END.search(line):
        return True
    if _QUOTED.match(line):
        return True
    return (
        len(line) <= _ANNOUNCE_MAX
        and bool(_ANNOUNCE.search(line))
        and not _POST_FEATURE.search(line)
    )


_WORD = regex.compile(r"[\p{L}\p{N}@#]{3,}")
_URLISH = regex.compile(r"(?:https?://|pic\.(?:twitter|x)\.com/)\S*")
_CONTENT = regex.compile(r"[\p{L}\p{N}]|\p{Extended_Pictographic}")


def _truncated(text: str) -> bool:
    """Whether the post's text ends in ``…`` (a long post cut for its preview): the line above
    is then more of the post, not prose."""
    return MEDIA.sub("", text).rstrip().endswith(("…", "..."))


def _has_words(text: str) -> bool:
    """Whether a post's text so far says something of its own (a letter or digit, an emoji),
    rather than being only the tail of a longer post: media placeholders and lost ``????``. One
    letter is enough: a post may be ``À.``."""
    rest = MEDIA.sub(" ", text)
    return _CONTENT.search(rest) is not None


def _paraphrases(line: str, text: str) -> bool:
    """Whether ``line`` repeats most of the words of ``text`` (an article quoting the post)."""
    text = _URLISH.sub(" ", text[:300])
    words = {w.casefold() for w in _WORD.findall(text)}
    if len(words) < 4:
        return False
    seen = {w.casefold() for w in _WORD.findall(line)}
    return len(words & seen) >= 0.6 * len(words)


_LONG_LINE_WINDOW = 4000
"""How far back into a long line a post can start: 280 weighted characters, plus links."""


def _start_inside_line(source: str, head: int, sig_start: int, date: datetime.date | None) -> Start:
    """The line is longer than any post: start after the latest lead-in colon when there is one
    within reach, else at the earliest sentence start that leaves a post within the limit."""
    limit = length_limit(date)
    lo = max(head, sig_start - _LONG_LINE_WINDOW)
    starts = [m.end() for m in _SENTENCE_START.finditer(source, lo, sig_start)]
    starts = [p for p in starts if p < sig_start]
    # Post length only shrinks as the start moves right: binary search the earliest that fits.
    first, last = 0, len(starts)
    while first < last:
        mid = (first + last) // 2
        if post_length(source[starts[mid] : sig_start], date) <= limit:
            last = mid
        else:
            first = mid + 1
    fitting = starts[first:]
    if not fitting:
        return Start(sig_start, 0.4, "line-too-long")
    for pos in reversed(fitting):
        j = pos - 1
        while j > lo and source[j].isspace():
            j -= 1
        if source[j] == ":":
            return Start(pos, 0.75, "lead-in-colon")
    return Start(fitting[0], 0.5, "sentence-in-long-line")
