"""Small text helpers shared by the non-Twitter grammars: lines, captions above a credit, dates.

Twitter's post text is bounded by its length limit and found by `boundary.find_start`; the other
platforms' captions are longer and their credits come in fewer layouts (the caption inline before
the credit, or on the nearest line above it), so they share these simpler, stricter rules.
"""

from __future__ import annotations

import functools

import regex

from embedfix import boundary
from embedfix.dates import DateMatch, match_date
from embedfix.model import Span
from embedfix.platforms.twitter import SIGNATURE_LINE

SPACE = "[ \\t\\u00a0\\u202f]"
"""One horizontal space as scrapers leave it (NBSP from ``&nbsp;``, NNBSP from CLDR times)."""


def scan(patterns: tuple[regex.Pattern[str], ...], source: str) -> list[regex.Match[str]]:
    """Every match of each pattern, in order of position. Each pattern starts with a literal, which
    the regex engine finds fast; one alternation of several literals would test every position."""
    found = [m for p in patterns for m in p.finditer(source)]
    found.sort(key=lambda m: m.start())
    return found


def mentions_any(source: str, literals: tuple[str, ...]) -> bool:
    """Whether ``source`` contains any of ``literals``: a substring test runs far faster than a
    regex scan, so a grammar whose every match holds one of them can skip most documents."""
    absent = absent_guards(source)
    return any(guard_of(literal) not in absent and literal in source for literal in literals)


GUARDS = ("@", "/")
"""Characters several gate literals hold (``(@`` and its spaced forms, ``u/``, `` from r/``).
Testing one character runs at memory speed, while CPython tests a needle of two or three
characters at about 150 M characters/s, so a literal whose guard is absent is not looked for."""


def absent_guards(source: str) -> frozenset[str | None]:
    """The `GUARDS` that ``source`` does not hold."""
    return frozenset(g for g in GUARDS if g not in source)


@functools.cache
def guard_of(literal: str) -> str | None:
    """The first of `GUARDS` that ``literal`` holds, or None."""
    return next((c for c in literal if c in GUARDS), None)


def trim(source: str, start: int, end: int) -> Span:
    """Shrink ``[start, end)`` past surrounding whitespace."""
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return start, end


def unquote(source: str, span: Span) -> Span:
    """``span`` trimmed, and without the Markdown quote markers at its edges: html2text writes an
    embed as ``> `` lines, so a ``>`` that only follows a line's start (and spaces or other
    markers) is layout, not the post's text (``->`` at a caption's end stays)."""
    start, end = trim(source, *span)
    while start < end and source[start] == ">" and _only_markers(source, start):
        start = trim(source, start + 1, end)[0]
    while end > start and source[end - 1] == ">" and _only_markers(source, end - 1):
        end = trim(source, start, end - 1)[1]
    return start, end


def _only_markers(source: str, pos: int) -> bool:
    """Whether nothing but spaces and quote markers stands between ``pos`` and its line's start."""
    head = source[line_start(source, pos) : pos]
    return not head.strip(" \t\u00a0>")


REACH = 4096
"""How far the line helpers look for a line break: a longer line is cut there, so that many
anchors on one huge line (hostile or minified input) cost linear time, not quadratic."""


def line_start(source: str, pos: int, floor: int = 0) -> int:
    """The offset of the first character of the line holding ``pos``, never before ``floor`` nor
    more than `REACH` characters back."""
    lo = max(floor, pos - REACH, 0)
    return max(source.rfind("\n", lo, pos) + 1, lo)


def line_end(source: str, pos: int) -> int:
    """The offset of the line break ending the line holding ``pos`` (or the text's end), at most
    `REACH` characters on."""
    hi = min(len(source), pos + REACH)
    nl = source.find("\n", pos, hi)
    return hi if nl < 0 else nl


def lines_on(source: str, pos: int, lines: int) -> int:
    """The end of the ``lines``-th line from the one holding ``pos`` (0: its own line), within
    `REACH`: how far a layout that puts each text node on its own line may run."""
    end = line_end(source, pos)
    for _ in range(lines):
        if end >= len(source) or end - pos >= REACH:
            break
        end = line_end(source, end + 1)
    return end


def lines_back(source: str, pos: int, lines: int, floor: int = 0) -> int:
    """The start of the ``lines``-th line above the one holding ``pos`` (0: its own line)."""
    start = line_start(source, pos, floor)
    for _ in range(lines):
        if start <= max(floor, 0) or pos - start >= REACH:
            break
        start = line_start(source, start - 1, floor)
    return start


def rest_is_blank(source: str, pos: int) -> bool:
    """Whether nothing but spaces follows ``pos`` on its line."""
    return not source[pos : line_end(source, pos)].strip()


_MAX_BLANK_LINES = 6
"""Pretty-printed markup leaves a few blank lines between a caption and its credit."""


def line_above(source: str, pos: int, floor: int) -> Span | None:
    """The nearest non-blank line above the line holding ``pos`` (trimmed, without Markdown quote
    markers: a line holding only ``>`` is a blank line of a quote), skipping a few blank lines,
    or None when there is none after ``floor``."""
    start = line_start(source, pos, floor)
    for _ in range(_MAX_BLANK_LINES + 1):
        if start <= floor:
            return None
        prev_start = line_start(source, start - 1, floor)
        span = unquote(source, (prev_start, start - 1))
        if span[0] < span[1]:
            return span
        start = prev_start
    return None


MD_LINK_END = regex.compile(r"\]\((?P<url>https?://[^\s()<>\]]{1,500})\)")
"""The end of a Markdown link, ``](URL)``: html2text writes every ``<a>`` as ``[TEXT](URL)``."""

_MD_LINK = regex.compile(
    r"\[(?P<inner>[^\n\[\]]{0,3000})\]\((?P<url>https?://[^\s()<>\]]{1,500})\)"
)


def unlink(source: str, span: Span) -> tuple[Span, str | None]:
    """``span`` narrowed to the text of the one Markdown link it holds (``[TEXT](URL)``), and the
    URL; unchanged, with no URL, when it holds something else."""
    start, end = span
    if end - start < 4 or source[start] != "[" or source[end - 1] != ")":
        return span, None
    m = _MD_LINK.fullmatch(source, start, end)
    if m is None:
        return span, None
    return trim(source, *m.span("inner")), m.group("url")


def whole_line(source: str, span: Span) -> Span:
    """``span`` widened over the spaces around it when it is alone on its line, so removing a
    leftover leaves no line of spaces in the body."""
    start, end = span
    head = line_start(source, start)
    tail = line_end(source, end)
    if source[head:start].strip() or source[end:tail].strip():
        return span
    if tail > end and source[tail - 1] == "\r":
        tail -= 1
    return head, tail


_LEAD_IN = regex.compile(r"[:：]\s*$|(?:👇|⬇️?)\s*$")
"""A line that announces what follows (``He posted:``): not a caption."""

_PROSE_END = regex.compile(r"(?<![.\s])[.。][\"'”’»)]{0,3}$")
"""A line ending in one full stop reads as the article's own sentence; captions on a line of
their own end with ``!``, ``...``, emoji or hashtags far more often. Taking none is the safer
mistake: a missed caption stays in the body, a wrong one would take article text out of it."""

_BLOCK_GAP = regex.compile(r"[ \t\u00a0]{3,}")
"""Three spaces or more inside a line: the whitespace between two blocks of the page's markup
(``Read More    Dear TeamLH, …``), wider than the two spaces some writers put after a sentence."""
_SENTENCE_START = regex.compile(r"(?<=[.!?…。！？][\"'”’»)]{0,3})\s{1,8}(?=\S)")


def caption_before(
    source: str, anchor: int, floor: int, limit: int, *, above: bool = True
) -> tuple[Span | None, str]:
    """The caption of a credit starting at ``anchor``: the text before it on its line, or (when
    ``above``) the nearest line above. Returns the span (None when there is no caption) and the
    rule that decided. A caption longer than ``limit`` starts at the earliest sentence start that
    fits; a lead-in line or another embed's signature line is no caption."""
    head = boundary.field_start(source, line_start(source, anchor, floor), anchor)
    span = unquote(source, (head, anchor))
    rule = "caption-inline"
    if span[0] == span[1]:
        if not above:
            return None, "no-caption"
        found = line_above(source, anchor, floor)
        if found is None:
            return None, "no-caption"
        span = found
        rule = "caption-line-above"
    text = source[span[0] : span[1]]
    if rule == "caption-line-above" and (
        _LEAD_IN.search(text) or _PROSE_END.search(text) or SIGNATURE_LINE.search(text)
    ):
        return None, "no-caption"
    span = trim(source, _after_inline_signatures(source, span[0], span[1]), span[1])
    if rule == "caption-inline":
        # ``get_text()`` joins blocks with the whitespace of pretty-printed markup: a run of
        # spaces wider than a sentence gap is where the caption's block began.
        gaps = list(_BLOCK_GAP.finditer(source, span[0], span[1]))
        if gaps:
            span = trim(source, gaps[-1].end(), span[1])
            rule = "caption-after-gap"
    if span[1] - span[0] > limit:
        for m in _SENTENCE_START.finditer(source, span[0], span[1]):
            if span[1] - m.end() <= limit:
                return (m.end(), span[1]), rule + "-sentence"
        return None, "caption-too-long"
    return span, rule


_INLINE_HANDLE = regex.compile(r"\([@＠][A-Za-z0-9_]{1,20}\)[ \t]{0,4}")


def _after_inline_signatures(source: str, start: int, end: int) -> int:
    """Where a caption may start at the earliest: after the last tweet signature
    (``(@handle) DATE``) inside it. A signature ends a post; a caption never runs across one (on
    a dash-stripped page, one paragraph holds tweets and the credit)."""
    for m in _INLINE_HANDLE.finditer(source, start, end):
        date = match_date(source, m.end())
        if date is not None and date.end <= end:
            start = date.end
    return start


_TIME = regex.compile(
    rf"""(?:(?:{SPACE}{{1,2}}(?:at|à|a\ las|a\ la|às|um|alle|om|kl\.)|,){SPACE}{{1,2}}
        \d{{1,2}}(?:[:h.]\d{{2}}|h)
      | {SPACE}{{1,2}}\d{{1,2}}:\d{{2}})
    (?::\d{{2}})?(?!\d)(?:{SPACE}?[AaPp]\.?[Mm]\.?)?(?:{SPACE}{{1,2}}Uhr)?
    (?:{SPACE}{{1,2}}(?:[PMCE][DS]T|UTC|GMT|BST|CES?T|[A-Z]{{2,5}}(?!\p{{L}})))?""",
    regex.VERBOSE,
)
"""A time after a date (``at 4:22pm PDT``, ``à 11h25 PDT``, ``a las 7:36 PDT``, ``at 10:34 PM``)."""

_WEEKDAY_WORD = regex.compile(rf"\p{{L}}[\p{{L}}-]{{2,16}}[,،]?{SPACE}{{1,2}}")
"""A word before a date that may be its weekday (``Monday, ``, ``Segunda-feira, ``)."""

_YEARISH = regex.compile(rf"[^\n]{{0,40}}?(?<!\d)(?:19|20)\d\d(?!\d)(?:{SPACE}?г\.)?")
"""Something that ends in a year: a date in a language the date grammar does not read yet."""


_DAY = regex.compile(r"(?<!\d)\d{1,2}(?!\d)")
"""A day number, which every written date has besides its year."""


def with_time(source: str, date: DateMatch) -> DateMatch:
    """``date`` extended over a time suffix that the date grammar left behind, if any."""
    m = _TIME.match(source, date.end)
    if m is None:
        return date
    return DateMatch(
        start=date.start,
        end=m.end(),
        raw=source[date.start : m.end()],
        date=date.date,
        lang=date.lang,
    )


def read_date(source: str, pos: int, *, weekday: bool = False) -> DateMatch | None:
    """The date starting at ``pos``, with its time suffix; with ``weekday``, also after a leading
    weekday word that the date grammar does not know."""
    date = match_date(source, pos)
    if date is None and weekday:
        w = _WEEKDAY_WORD.match(source, pos)
        if w is not None:
            inner = match_date(source, w.end())
            if inner is not None:
                date = DateMatch(
                    start=pos,
                    end=inner.end,
                    raw=source[pos : inner.end],
                    date=inner.date,
                    lang=inner.lang,
                )
    return with_time(source, date) if date is not None else None


def unread_date(source: str, pos: int) -> DateMatch | None:
    """A date-like run ending in a year at ``pos`` that no grammar reads: kept as raw text with no
    date, so the whole credit leaves the body."""
    m = _YEARISH.match(source, pos)
    if m is None or not _DAY.search(m.group()):
        return None
    return with_time(source, DateMatch(start=pos, end=m.end(), raw=m.group(), date=None, lang=None))
