"""Where a flattened post may start, and the evidence for each place: candidates and features.

The signature tells where a post ends; nothing marks where it begins. `candidates` lists the
places it could begin (line starts, sentence starts inside lines, glued starts such as
``said.The``, starts after a lead-in colon or a gap of deleted characters, and "no text" for an
image-only post), walking back from the signature until the post could no longer fit the length
limit of its date, another embed's signature, or the previous embed. Each candidate carries the
values of `FEATURES`, evidence that holds across sites and scrapers rather than rules for one page.
`boundary.find_start` scores them with the fitted weights of `embedfix._start_weights`.

A new layout (posts split over many short lines, Markdown around posts) adds a candidate kind or a
feature here, a line in `FEATURES`, and a refit by ``scripts/fit_start_model.py``; nothing else
changes.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass
from typing import Literal

import regex

from embedfix.entities import split_glued_links, weighted_length

# 280 characters from 2017-11-07 on, 140 before (FORMATS.md §3.3).
_LONG_TWEETS = datetime.date(2017, 11, 7)
_SLACK = 1.15
"""Scraped text adds a little (lost emoji as ``????``, entity residue); tolerate 15% more."""

_ATTACHMENTS_FREE = datetime.date(2016, 9, 19)
"""From this day a quoted tweet's link at the end of a post no longer counted towards its length."""
_TRAILING_LINK = regex.compile(r"https?://t\.co/\w{1,12}\s*\Z")

MEDIA = regex.compile(r"pic\.(?:twitter|x)\.com/[A-Za-z0-9]{10}")
"""A media placeholder; its id is always 10 characters, which splits glued links."""

FEATURES: tuple[tuple[str, str], ...] = (
    ("no_text", "the post has no text: an image-only post (the start is the signature)"),
    ("line_start", "the post starts at the start of a line"),
    (
        "line_start_glued",
        "a line start on a line where sentences are glued (``said.The``): the "
        "scraper deleted line breaks, so the line start marks a paragraph, not a post",
    ),
    ("in_line", "the post starts inside the signature's line, after a sentence end or a gap"),
    ("above_in_line", "the post starts inside a line above the signature's line"),
    ("glued", "no space before the start (``said.The``, ``PROTESTPresidential``)"),
    ("no_punctuation", "a glued start with no punctuation before it (a deleted line break)"),
    ("gap", "the start follows two or more spaces without punctuation (deleted characters)"),
    (
        "wide_space",
        "a sentence start after two or more spaces (a deleted quote mark, emoji or line "
        "break between the article and the post)",
    ),
    ("after_colon", "the text before ends with a colon (a lead-in: ``Trump wrote:``)"),
    ("short_head", "the post opens with one or two words and a colon (``BREAKING:``, ``Wow:``)"),
    ("announced", "the sentence or line before names a tweet or a clip (``tweeted``, ``Watch``)"),
    (
        "announces_inside",
        "the post's first sentence announces a post or a clip (``Below is the "
        "full release.``): article prose, not the post",
    ),
    ("few_words", "the post says fewer than three words of its own (links and tags aside)"),
    ("lead_in_line_inside", "a line inside the post ends like a lead-in (``She wrote:``)"),
    ("length", "the post's weighted length as a share of its date's limit"),
    ("extra_lines", "lines of the post above its last one (up to 3)"),
    ("blank_inside", "the post crosses a blank line"),
    ("prose_lines", "lines above the post's text that read as article prose (up to 2)"),
    ("list_caption", "the post's first line is a numbered caption over more lines (``4 – ``)"),
    ("media_inside", "a media link inside the post, not at its end (an earlier post ended there)"),
    ("after_link", "the text before ends with a link (an earlier post ended there)"),
    ("above_prose", "the line or sentence before reads as article prose (ends with a full stop)"),
    ("above_too_long", "the line before could not join the post within the length limit"),
    ("above_blank", "a blank line (a paragraph break) stands right before the start"),
    ("logo", "the line starts with the X logo left as ``x `` (it marks each post on the page)"),
    (
        "echo",
        "the article quoted the whole post just before: the post's first words stand shortly "
        "before the start, and the words just before it are the words the post ends with",
    ),
    (
        "walk",
        "where a walk up the lines stops: each line above is taken while it is not a "
        "numbered caption, a lead-in, an earlier post's media link, or (once the post has words) "
        "article prose or the article's quotation of the post",
    ),
    ("at_previous", "nothing but spaces between the previous embed (or the text's start) and here"),
    (
        "repeated_before",
        "the article said most of the post's words just before (quote, then embed)",
    ),
    ("post_like", "the post's first words hold a mention, hashtag, link, emoji or ``RT @``"),
    ("lowercase", "the post starts with a lowercase letter"),
    (
        "language_change",
        "the text before and the post are in different languages (by their "
        "commonest words: English, French, Spanish, Portuguese, German)",
    ),
    ("quoted", "the post's first line is wrapped in quote marks (an article's quotation)"),
    (
        "lost_apostrophes",
        "apostrophes lost as spaces in the post (``didn t``; up to 3), while "
        "straight ones survive in posts",
    ),
    ("straight_apostrophes", "straight apostrophes in the post (up to 3)"),
    ("sentences", "sentence ends inside the post (up to 4)"),
    ("table_row", "the post starts after a row id (a TSV row or CSV field is one post)"),
    ("preview", "the post's text ends in ``…`` and the line above is taken as more of it"),
    (
        "quote_block",
        "the first line of the Markdown quote (``> `` lines, html2text) that the signature "
        "closes: the quote is the embed",
    ),
    (
        "indent_block",
        "the first line of the block indented as the signature's line (inscriptis indents "
        "the embed as a block): the line above is indented otherwise",
    ),
    (
        "marked_above_walk",
        "a line start above where the walk stopped, and the lines between carry an emoji or a "
        "hashtag (marks of a post, rare in article prose): the walk stopped at a post's line "
        "that reads as prose",
    ),
)
"""The features of a candidate start, in the order of `Candidate.values`: (name, what it says)."""

NAMES = tuple(name for name, _ in FEATURES)
_INDEX = {name: i for i, name in enumerate(NAMES)}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place where a post could start, with its evidence."""

    pos: int
    """Offset of the first character of the post text (the signature start for no text)."""
    kind: str
    """How the place was found: ``no-text``, ``line``, ``sentence``, ``glued``, ``gap``, ``row``."""
    values: tuple[float, ...]
    """The value of each feature of `FEATURES`, in order."""


def length_limit(date: datetime.date | None) -> int:
    """The weighted length a post could have on its date, with slack for scraping damage."""
    limit = 280 if date is None or date >= _LONG_TWEETS else 140
    return int(limit * _SLACK)


_LAYOUT = regex.compile(r"\n[ \t]*+(?:>[ \t]?)*+|(?<![ \t])[ \t]++(?=\n)|\A[ \t]{2,}+")
"""An extractor's layout around line breaks, which is no text of the post: the indentation after
a break (inscriptis indents nested blocks, the embed's post and signature among them) or at the
start, html2text's quote markers (``> ``) and the spaces of its hard breaks (``  \\n``). The
lookbehind lets only the first space of a run try the second branch: linear on long runs."""


def _layout_break(m: regex.Match[str]) -> str:
    return "\n" if m.group().startswith("\n") else ""


def post_length(text: str, date: datetime.date | None) -> int:
    """The weighted length of a post's text under the rules of its date (v1 before the 280
    rollout, v3 after), media placeholders excluded (they never counted), glued links apart,
    an extractor's layout (indentation, quote markers) left out."""
    config: Literal["v1", "v3"] = "v3" if date is None or date >= _LONG_TWEETS else "v1"
    if "\n" in text or text.startswith(("  ", "\t")):
        text = _LAYOUT.sub(_layout_break, text)
    if date is None or date >= _ATTACHMENTS_FREE:
        text = _TRAILING_LINK.sub("", text)
    return weighted_length(split_glued_links(MEDIA.sub(" ", text)), config)


_FIELD_PREFIX = regex.compile(r"(?:(?P<row>\d{1,9}\t\"?)|(?P<logo>x (?=[^\s\p{Latin}]|\p{Lu})))")
"""What precedes the post text at a line start: a TSV row id (with the CSV quote of its field),
or the X logo left as ``x `` (only before a capital, a digit or a symbol: ``x marks the spot``
is a post; ``x π±`` is the logo before mojibake)."""

_LOGO_LINE = regex.compile(r"(?m)^x (?=[^\s\p{Latin}]|\p{Lu})")
_LOGO_REACH = 3000
"""The X logo is layout: other lines around start with it too (one ``x `` line is a word)."""


def field_start(source: str, line_start: int, end: int) -> int:
    """Skip the non-post prefix of a line: a TSV row id with its CSV quote, or the X logo when
    other lines near it carry it too."""
    return _field(source, line_start, end)[0]


def _field(source: str, line_start: int, end: int) -> tuple[int, bool]:
    """`field_start`, and whether the prefix was a row id (a row is one post)."""
    m = _FIELD_PREFIX.match(source, line_start, end)
    if m is None:
        return line_start, False
    if m.group("logo") is not None:
        lo, hi = max(0, line_start - _LOGO_REACH), min(len(source), line_start + _LOGO_REACH)
        if sum(1 for _ in zip(_LOGO_LINE.finditer(source, lo, hi), range(2), strict=False)) < 2:
            return line_start, False
        return m.end(), False
    return m.end(), True


_BREAK = regex.compile(
    r"""(?P<sentence>(?<=[.!?…;。！？])[\"'”’»)]{0,3}(?P<space>[ \t\u00a0]+)(?=\S))
    |(?P<colon>(?<=[:：])[ \t\u00a0]*(?=\S))
    |(?P<glued>(?<=[.!?…][\"'”’»)]{0,3})(?=[\p{Lu}\p{Ll}@#\"“]|\.@))
    |(?P<case>(?<=\p{Lu}\p{Lu}|\p{Ll}\p{Ll})(?=\p{Lu}\p{Ll}\p{Ll}))
    |(?P<gap>(?<=[\p{L}\p{N},])[ \t\u00a0]{2,}(?=\S))""",
    regex.VERBOSE,
)
"""Places inside a line where a post may start: after a sentence end (spaced or glued), after a
colon, at a glued change of case (a deleted line break), after a gap of deleted characters.
Every lookbehind is bounded, so the scan is linear on any run of quote marks."""

_URL = regex.compile(
    r"(?:https?://|www\.|pic\.(?:twitter|x)\.com/)\S*|(?<![\w.-])[\w-]++\.[a-z]{2,6}/\S*"
)
"""Links: nothing starts inside one (``https://t.co/…`` has a colon, ``pic.twitter.com`` dots)."""

_LEAD_IN = regex.compile(
    r"""(?:[:：;]|:-|\b(?:tweeted|wrote|posted|said|writes|tuitó|escribió|escreveu|a\ écrit
    |schrieb)|👇|⬇️?)\s*$""",
    regex.IGNORECASE | regex.VERBOSE | regex.REVERSE,
)
"""A line ending that announces a post. This and the other patterns anchored at the end are
searched backwards (`regex.REVERSE`: the same matches, found from the end, so a long line costs a
look at its end instead of a try of every alternative at every position)."""

_SAYS = regex.compile(
    r"""\b(?:tweeted|wrote|posted|said|says|writes|tuitó|escribió|escreveu|a\ écrit|schrieb)
    \W*$""",
    regex.IGNORECASE | regex.VERBOSE | regex.REVERSE,
)
"""A lead-in that names someone saying or posting: the article's, not the post's own."""

_ANNOUNCE = regex.compile(
    r"""\b(?:tweets?|tweeted|twitter|tuit\w*|posteo|publicaci[oó]n|posts?|posted|wrote|writes
    |watch|here|below|video|clip|said|says|responded|replied|reacted)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
_SHORT_HEAD = regex.compile(r"(?:\S+\s){0,1}\S+?:(?!//)\s")
_LIST_ITEM = regex.compile(r"(?:#?\d{1,2}\s?[–—:.]|[-*•]\s)\s")
"""A numbered or bulleted caption of a listicle (``4 – Relembrou``, ``#1: Tolle``); ``1)`` and
``1/`` number the posts of a thread instead."""
_PROSE_END = regex.compile(r"(?<![.\s])[.。۔।][\"'”’»)]*$", regex.REVERSE)
_QUOTED = regex.compile(r"^[\"“«„].*[\"”»“]$")
_BLANK_RUN = regex.compile(r"\n[ \t\u00a0]*\n[ \t\u00a0]*\n")
_POST_MARK = regex.compile(r"\p{Extended_Pictographic}|(?<![\w&#])[#＃]\p{L}")
_POST_FEATURE = regex.compile(r"[@#＠＃]\w|https?://|\p{Extended_Pictographic}|\bRT @")
_LOST_APOSTROPHE = regex.compile(r"(?<=\p{L}) (?:s|t|re|ve|ll|d|m)\b")
_STRAIGHT_APOSTROPHE = regex.compile(r"\p{L}['’]\p{L}")
_SENTENCE_END = regex.compile(r"[.!?…。！？](?=[\s\"'”’»)]|\p{Lu})")
_WORD = regex.compile(r"[\p{L}\p{N}@#]{3,}")
_CONTENT = regex.compile(r"[\p{L}\p{N}]|\p{Extended_Pictographic}")
_LAST_CONTENT = regex.compile(r"(?r)[\p{L}\p{N}]|\p{Extended_Pictographic}")
"""`_CONTENT`, searched backwards: the last one of a stretch."""
_LINKS = regex.compile(r"(?:https?://|pic\.(?:twitter|x)\.com/)\S*")
"""Links and media links, which are no words of the post's own."""
_LINK_END = regex.compile(r"(?:https?://\S+|pic\.(?:twitter|x)\.com/\w+)\s*$", regex.REVERSE)

_QUOTE_MARKS = regex.compile(r"^[ \t]*(?:[*+-][ \t]+)?(?:>[ \t]?)+", regex.MULTILINE)
"""Markdown quote markers at line starts (html2text writes an embed as ``> `` lines): a line that
holds only them is a blank line of the quote, and a line is read without them. A list's bullet
may stand before them (``    * > ``: a post in a list of posts)."""
QUOTE_LINE = regex.compile(r"[ \t]*(?:[*+-][ \t]+)?>")
"""A line of a Markdown quote (a bullet may stand before its marker): the start model, the
Twitter grammar's undated signatures and the post text read html2text's quotes with it."""


def _unquote(text: str) -> str:
    """``text`` without the Markdown quote markers that open its lines."""
    return _QUOTE_MARKS.sub("", text) if ">" in text else text


_LONG_LINE_WINDOW = 1500
"""How far back into a long line a post can start: 322 weighted characters, plus a few links."""
_LINK_HEADS = ("http://", "https://", "www.", "pic.twitter.com/", "pic.x.com/")
"""How a link opens: a glued sentence start before one is a link element glued to the text
(``get_text()`` joins inline elements without a space), not a deleted line break."""
_OPENING_QUOTES = "\"'“”‘’«»"


def _quote_marks(source: str, pos: int) -> int:
    """How many quote marks (at most three) stand at ``pos``."""
    n = 0
    while n < 3 and pos + n < len(source) and source[pos + n] in _OPENING_QUOTES:
        n += 1
    return n


_NO_FIT = 6
"""A stretch this many times the length limit is never measured: it cannot fit."""
_REPEAT_SPAN = 300
"""How much of the post's opening is compared with the article before it."""
_REPEAT_WINDOW = 600
"""How far before a start the article's own quotation of the post is looked for."""


def candidates(
    source: str,
    sig_start: int,
    floor: int,
    date: datetime.date | None,
    is_signature_line: regex.Pattern[str],
) -> list[Candidate]:
    """Every place the post ending at ``sig_start`` could start, never before ``floor``, nearest
    first; the first is always "no text" (``sig_start``)."""
    limit = length_limit(date)
    sig_line_start = max(source.rfind("\n", floor, sig_start) + 1, floor)
    quoted = QUOTE_LINE.match(source[field_start(source, sig_line_start, sig_start) : sig_start])
    block_start = sig_line_start if quoted else -1  # the first line of the signature's quote
    # The first line of the block indented as the signature's line (inscriptis indents each
    # nested block, the embed's too), while lines above share that indentation.
    indent = _indentation(source[sig_line_start:sig_start])
    indent_start = sig_line_start if indent >= _MIN_INDENT else -1
    indent_open = indent_start >= 0
    # Walk up the lines; in each, the places nearest first, measured piece by piece until the
    # post would no longer fit.
    kept: list[tuple[int, str, int, int]] = []  # (pos, kind, line index, weighted length)
    total = 0
    last = sig_start
    overflow = False
    line_end = sig_start
    line_start = sig_line_start
    index = 0
    while not overflow:
        head, row = _field(source, line_start, line_end)
        places = _places_in_line(source, head, line_end)
        if source[head:line_end].strip():
            kind = "row" if row else "logo" if head > line_start else "line"
            if kind == "line" and any(_glued_break(source, head, p, k) for p, k in places):
                kind = "line-glued"
            places.append((head, kind))
        for pos, kind in places:
            weight = _weight_within(source, pos, last, date, limit - total)
            if weight is None:
                overflow = True
                break
            total += weight
            last = pos
            if not kept or kept[-1][0] != pos:
                kept.append((pos, kind, index, total))
        if row or line_start <= floor or sig_start - line_start > _LONG_LINE_WINDOW:
            break  # a row is one post; earlier lines are other rows
        prev_end = line_start - 1
        prev_start = max(source.rfind("\n", floor, prev_end) + 1, floor)
        line = source[prev_start:prev_end]
        if is_signature_line.search(line) or _UNDATED_SIGNATURE.fullmatch(line):
            break
        if quoted and line.strip() and not QUOTE_LINE.match(line):
            break
        line_end, line_start = prev_end, prev_start
        if quoted and line.strip():
            block_start = line_start
        if indent_open and line.strip():
            indent_open = _indentation(line) == indent
            indent_start = line_start if indent_open else indent_start
        index += 1
    out = [_candidate(source, sig_start, sig_start, "no-text", 0, 0, limit, floor, False)]
    words = _Words(
        source, max(floor, kept[-1][0] - _REPEAT_WINDOW) if kept else sig_start, sig_start
    )
    for i, (pos, kind, index, length) in enumerate(kept):
        farthest = overflow and i == len(kept) - 1
        out.append(
            _candidate(source, pos, sig_start, kind, index, length, limit, floor, farthest, words)
        )
    if block_start >= 0 and block_start < sig_line_start:
        out = [_with(c, "quote_block", 1.0) if c.pos == block_start else c for c in out]
    walked = _walk(source, sig_start, sig_line_start, kept)
    if 0 <= block_start < sig_line_start and any(pos == block_start for pos, *_ in kept):
        # The Markdown quote is the embed: the walk takes all of it (its lines may read as
        # prose, ``> Es una maniobra burda … quórum!``, or open with a quotation).
        walked = block_start
    if 0 <= indent_start < sig_line_start and any(pos == indent_start for pos, *_ in kept):
        out = [_with(c, "indent_block", 1.0) if c.pos == indent_start else c for c in out]
        if walked is not None and (walked < indent_start or not indent_open):
            walked = indent_start  # a line indented otherwise is outside the embed's block
    if walked is not None:
        out = [_with(c, "walk", 1.0) if c.pos == walked else c for c in out]
        out = [
            _with(c, "marked_above_walk", 1.0)
            if c.pos < walked
            and c.kind in _LINE_KINDS
            and _POST_MARK.search(source, c.pos, walked) is not None
            else c
            for c in out
        ]
    return out


_MIN_INDENT = 2
"""Indentation this deep (in spaces or tabs) is an extractor's layout, not a stray space."""


def _indentation(line: str) -> int:
    """How many spaces and tabs open ``line``."""
    return len(line) - len(line.lstrip(" \t"))


_UNDATED_SIGNATURE = regex.compile(r"[ \t>]*+(?:[—–]|--?)[ \t]*+[^\n()@]{0,60}\(@\w{1,15}\)[ \t]*+")
"""A line that holds a signature without its date (``— Sebastin Rothe (@port_noy)``: the date
was a link the page lost, or the post was deleted): it ends an earlier post, as a dated one does."""


def _glued_break(source: str, head: int, pos: int, kind: str) -> bool:
    """Whether a place inside a line is a deleted line break: a glued sentence start
    (``said.The``), or a colon glued to a capital after more than two words (``posted a short
    reply on Friday night:Nobody``; ``IRGC:Now`` and ``BREAKING:The`` are a post's own head)."""
    if kind == "glued":
        return True
    return (
        kind == "colon"
        and source[pos - 1] in ":："
        and source[pos].isupper()
        and len(source[head : pos - 1].split(None, 2)) > 2
    )


def _places_in_line(source: str, head: int, line_end: int) -> list[tuple[int, str]]:
    """The starts inside one line (after ``head``), nearest the line's end first."""
    lo = max(head, line_end - _LONG_LINE_WINDOW)
    links: list[tuple[int, int]] | None = None
    last_content: int | None = None  # the end of the line's last letter, digit or emoji
    inner = []
    for m in _breaks(source, lo, line_end):
        pos = m.end()
        if pos >= line_end or pos <= head:
            continue
        if links is None:
            links = _links(source, lo, line_end)
        if any(a < pos < b for a, b in links):
            continue
        kind = next(k for k in ("sentence", "colon", "glued", "case", "gap") if m.start(k) >= 0)
        if kind == "case" and _in_tag(source, lo, pos):
            continue  # ``@YaleLawSch``, ``#MakeAmericaGreat``: one word
        if kind in ("sentence", "glued") and _after_initial(source, lo, m.start()):
            continue  # ``U.S. president``, ``J.K. Rowling``
        if source.startswith(".@", pos - 1) and (pos < 2 or not source[pos - 2].isalnum()):
            continue  # ``.@user`` opens a post: the dot belongs to it
        if kind == "glued" and source.startswith(_LINK_HEADS, pos + _quote_marks(source, pos)):
            continue  # ``person."https://t.co/…``: an inline link glued on, not a deleted break
        if last_content is None:
            found = _LAST_CONTENT.search(source, lo, line_end)
            last_content = found.end() if found is not None else lo
        if pos >= last_content:
            continue  # only punctuation follows (``… brown men."``): the close of a quotation
        inner.append((pos, "glued" if kind == "case" else kind))
    inner.reverse()
    return inner


_BREAK_AFTER = regex.compile(r"(?P<after>[.!?…;。！？:：\"'”’»)])|(?P<at>[ \t\u00a0]{2,})")
_BREAK_CASE = regex.compile(r"(?<=\p{Lu}\p{Lu}|\p{Ll}\p{Ll})\p{Lu}(?=\p{Ll}\p{Ll})")
"""Where a `_BREAK` can match: right after a sentence end, colon or closing quote, at a run of
two spaces or more, at a change of case. The first scan consumes characters and the second has
one lookbehind per capital: together a sixth of the time of `_BREAK`, whose lookbehinds are tried
at every position."""


def _breaks(source: str, lo: int, hi: int) -> list[regex.Match[str]]:
    """The matches of ``_BREAK.finditer(source, lo, hi)``, the same ones in the same order, with
    `_BREAK` tried only where `_BREAK_AFTER` or `_BREAK_CASE` say a match can start
    (``tests/test_start_helpers.py`` compares both)."""
    tried = {lo}  # the character before ``lo`` is not seen by the scan
    for m in _BREAK_AFTER.finditer(source, lo, hi):
        tried.add(m.end() if m.lastgroup == "after" else m.start())
    tried.update(m.start() for m in _BREAK_CASE.finditer(source, lo, hi))
    found = []
    resume = lo  # finditer goes on where the last match ended (one further after an empty one)
    for pos in sorted(tried):
        if pos < resume:
            continue
        at = _BREAK.match(source, pos, hi)
        if at is not None:
            found.append(at)
            resume = at.end() if at.end() > pos else pos + 1
    return found


def _links(source: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans of ``_URL.finditer(source, lo, hi)``, looked for only in the words (runs of
    non-space) that hold a ``/`` or ``www.``: every link holds one and lies within one word, so
    the scan of each such word finds what the scan of the whole stretch finds there."""
    found: list[tuple[int, int]] = []
    pos = lo
    slash, www = source.find("/", lo, hi), source.find("www.", lo, hi)
    while slash >= 0 or www >= 0:
        # Each needle is looked for again only once passed: linear however many words hold one.
        hit = min(i for i in (slash, www) if i >= 0)
        space = _LAST_SPACE.search(source, pos, hit)
        start = space.end() if space is not None else pos
        space = _SPACE.search(source, hit, hi)
        end = space.start() if space is not None else hi
        found.extend(m.span() for m in _URL.finditer(source, start, end))
        pos = end
        if 0 <= slash < pos:
            slash = source.find("/", pos, hi)
        if 0 <= www < pos:
            www = source.find("www.", pos, hi)
    return found


_SPACE = regex.compile(r"\s")
_LAST_SPACE = regex.compile(r"(?r)\s")


def _weight_within(
    source: str, lo: int, hi: int, date: datetime.date | None, budget: int
) -> int | None:
    """The weighted length of ``source[lo:hi]`` if it is at most ``budget``, else None. A long
    stretch is judged by its tail first: a tail of ``budget`` characters and more that already
    weighs more settles it without measuring the rest (every character weighs at least 1 but
    links, which the cut at a space keeps whole)."""
    if budget < 0:
        return None
    if hi - lo > budget + _TAIL_MARGIN:
        cut = source.find(" ", hi - budget - _TAIL_MARGIN, hi)
        if cut > lo and post_length(source[cut:hi], date) > budget:
            return None
        if hi - lo > _NO_FIT * budget + _TAIL_MARGIN:
            return None  # cannot fit unless nearly all links
    weight = post_length(source[lo:hi], date)
    return weight if weight <= budget else None


_TAIL_MARGIN = 40


def _with(c: Candidate, name: str, value: float) -> Candidate:
    values = list(c.values)
    values[_INDEX[name]] = value
    return Candidate(c.pos, c.kind, tuple(values))


_LINE_KINDS = ("line", "line-glued", "logo", "row")


def _walk(
    source: str, sig_start: int, sig_line_start: int, kept: list[tuple[int, str, int, int]]
) -> int | None:
    """Where a walk up the lines stops: from the signature's line, take each line above while
    it is not a numbered caption, a lead-in, the end of an earlier post (a media link), or, once
    the post has words, article prose or the article's quotation of the post. None when the
    signature's own line is too long to walk from, or has sentences glued where line breaks were
    deleted."""
    lines = [(pos, kind, index) for pos, kind, index, _ in kept if kind in _LINE_KINDS]
    sig_line_has_text = bool(
        source[field_start(source, sig_line_start, sig_start) : sig_start].strip()
    )
    if sig_line_has_text and not (lines and lines[0][2] == 0):
        return None
    if lines and lines[0][1] == "line-glued":
        return None  # the scraper deleted the line breaks: lines say nothing
    start = sig_start
    for taken, (pos, kind, index) in enumerate(lines):
        end = source.find("\n", pos, sig_start)
        line = _unquote(source[pos : sig_start if end < 0 else end]).strip()
        if index > 0:
            so_far = _unquote(source[start:sig_start])
            have_text = bool(so_far.strip())
            # Words of the post's own: its links and media alone (a lone ``https://t.co/…`` or
            # ``pic.twitter.com/…`` line before the signature) say nothing of where it starts.
            words = _CONTENT.search(_LINKS.sub(" ", so_far)) is not None
            # Nor do lines that hold only hashtags or mentions: a line separator puts each
            # inline element of a post on a line of its own (``#fahrrad``, ``@elonmusk``).
            words = words and _CONTENT.search(_TAGS_AND_LINKS.sub(" ", so_far)) is not None
            if _LIST_ITEM.match(line):
                break
            # A lead-in ends the walk, unless what is below it is only the post's own media or
            # link and the line names no one saying or posting: posts announce their media
            # (``Highlights ⬇️``, ``… bei der #Europawahl:``); ``Trump wrote:`` is the article's.
            if _LEAD_IN.search(line) and (
                words
                or _SAYS.search(line) is not None
                or _names_a_post(line)
                or (not have_text and not line.endswith(":"))
            ):
                break
            if have_text and MEDIA.search(line[-30:]):
                break
            cut_short = taken == 1 and MEDIA.sub("", so_far).rstrip().endswith(("…", "..."))
            if words and not cut_short and (_is_prose(line) or _repeated(line, so_far)):
                break
            if words and _names_a_post(line):
                break
            if words and _BLANK_RUN.search(_unquote(source[pos:start])):
                break  # blank lines part the post from the block above it
        start = pos
        if kind not in ("line", "line-glued"):
            break  # a row id or the X logo marks where the post starts
    return start


def _candidate(
    source: str,
    pos: int,
    sig_start: int,
    kind: str,
    index: int,
    length: int,
    limit: int,
    floor: int,
    farthest: bool,
    words: _Words | None = None,
) -> Candidate:
    """The features of one candidate start (see `FEATURES`). ``farthest``: no place further back
    leaves a post within the length limit."""
    values = [0.0] * len(NAMES)

    def put(name: str, value: float | bool) -> None:
        values[_INDEX[name]] = float(value)

    if kind == "no-text":
        put("no_text", 1)
        before = source[max(floor, pos - 200) : pos]
        put("after_link", bool(_LINK_END.search(before)))
        return Candidate(pos, kind, tuple(values))
    post = source[pos:sig_start]
    before = source[max(floor, pos - 300) : pos]
    at_line = kind in _LINE_KINDS
    put("line_start", at_line)
    put("line_start_glued", kind == "line-glued")
    put("table_row", kind == "row")
    put("logo", kind == "logo")
    put("above_too_long", farthest)
    put("above_blank", at_line and bool(_BLANK_END.search(before)))
    if at_line:
        above = next((ln for ln in reversed(_unquote(before).split("\n")[:-1]) if ln.strip()), "")
        put("above_prose", _is_prose(above.strip()))
    else:
        put("above_prose", bool(_PROSE_END.search(before.rstrip())))
    assert words is not None
    before_words = words.between(max(floor, pos - _REPEAT_WINDOW), pos)
    post_words = words.between(pos, sig_start)
    put("echo", _echo(before_words, post_words))
    opening = _FIRST_SENTENCE.match(post)
    put("announces_inside", opening is not None and _announces(opening.group()))
    put("few_words", _fewer_words(_TAGS_AND_LINKS.sub(" ", post), 3))
    put("in_line", not at_line and index == 0)
    put("above_in_line", not at_line and index > 0)
    glued = not at_line and pos > 0 and not source[pos - 1].isspace()
    put("glued", glued)
    put("no_punctuation", glued and source[pos - 1] not in _PUNCTUATION)
    put("gap", kind == "gap")
    put("wide_space", kind == "sentence" and source[pos - 2 : pos] in ("  ", " \u00a0", "\u00a0 "))
    stripped_before = before.rstrip()
    put("after_colon", stripped_before.endswith((":", "：")))
    put("short_head", bool(_SHORT_HEAD.match(post)) and not post.startswith(("http", "RT ")))
    last_sentence = stripped_before[-120:]
    if at_line:
        prev_line = before.rstrip("\n").rsplit("\n", 1)[-1]
        put("announced", bool(_LEAD_IN.search(prev_line)) or _announces(prev_line))
    else:
        put("announced", _announces(last_sentence.rsplit(". ", 1)[-1]))
    put("length", min(length / limit, 1.5))
    lines = _unquote(post).split("\n")
    put("extra_lines", min(len([ln for ln in lines[:-1] if ln.strip()]), 3))
    put("blank_inside", any(not ln.strip() for ln in lines[1:-1]))
    prose = 0
    lead_inside = False
    have_words = False
    more_of_it = False  # the line above a preview (``…``) is more of the post
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        if not line:
            continue
        if have_words:
            if more_of_it:
                more_of_it = False
                put("preview", 1)
                continue
            prose += _is_prose(line)
            lead_inside = lead_inside or bool(_LEAD_IN.search(line))
        elif _CONTENT.search(MEDIA.sub(" ", line)):
            have_words = True
            more_of_it = MEDIA.sub("", line).rstrip().endswith(("…", "..."))
    put("prose_lines", min(prose, 2))
    put("lead_in_line_inside", lead_inside)
    put("list_caption", len(lines) > 1 and bool(_LIST_ITEM.match(lines[0].lstrip())))
    inner_media = [m for m in MEDIA.finditer(post) if post[m.end() :].strip()]
    put(
        "media_inside",
        any("\n" in post[m.end() :] or len(post[m.end() :].strip()) > 20 for m in inner_media),
    )
    put("after_link", bool(_LINK_END.search(before)))
    put("at_previous", not source[floor:pos].strip())
    opening_words = words.between(pos, min(sig_start, pos + _REPEAT_SPAN))
    put("repeated_before", _repeated_words(before_words, opening_words))
    put("post_like", bool(_POST_FEATURE.search(post[:40])))
    first = post.lstrip()[:1]
    put("lowercase", first.islower())
    said = _language(before_words[-_LANGUAGE_WORDS:])
    put(
        "language_change",
        said is not None and _language(post_words[:_LANGUAGE_WORDS]) not in (None, said),
    )
    first_line = lines[0].strip()
    put("quoted", len(lines) > 1 and bool(_QUOTED.match(first_line)))
    put("lost_apostrophes", min(len(_LOST_APOSTROPHE.findall(post)), 3))
    put(
        "straight_apostrophes",
        min(len(_STRAIGHT_APOSTROPHE.findall(post)), 3) if "'" in post or "’" in post else 0,
    )
    put("sentences", min(len(_SENTENCE_END.findall(post.rstrip()[:-1])), 4))
    return Candidate(pos, kind, tuple(values))


def _fewer_words(text: str, n: int) -> bool:
    """Whether ``text`` holds fewer than ``n`` words of two characters or more (the scan stops at
    the ``n``-th: a long post is not read to its end)."""
    found = _LONG_WORD.finditer(text)
    return sum(1 for _ in zip(found, range(n), strict=False)) < n


_PUNCTUATION = ".!?…:;\"'”’»)"
"""The characters a glued start may follow and still have punctuation before it."""
_FIRST_SENTENCE = regex.compile(r"[^.!?…\n]{1,200}[.!?…:]")
_TAGS_AND_LINKS = regex.compile(r"[@#＠＃]\w+|(?:https?://|pic\.(?:twitter|x)\.com/)\S*")
_BLANK_END = regex.compile(r"\n[ \t]*\n[ \t]*\Z", regex.REVERSE)
_ANY_WORD = regex.compile(r"[\p{L}\p{N}]+")
_LONG_WORD = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]{2}|[\p{L}\p{N}]{2,}"
)
"""A word of two characters or more; in the scripts written without spaces between words
(Chinese, Japanese, Thai, …) each two characters count as one, or a whole post would be "a word"."""
_ECHO_WORDS = 4


def _echo(before: list[str], post: list[str]) -> bool:
    """Whether the article quoted the whole post just before its start: the post's first words
    stand among the words ``before`` it, and ``before`` ends with the words the post ends with
    (links aside)."""
    n = _ECHO_WORDS
    if len(before) < n or len(post) < n or before[-n:] != post[-n:]:
        return False
    opening = " " + " ".join(post[:n]) + " "
    return opening in " " + " ".join(before) + " "


def _repeated_words(before: list[str], opening: list[str]) -> bool:
    """Whether ``before`` holds most (60%) of the distinct words (of three letters or more) of
    the post's opening: the article quoting it."""
    words = {w for w in opening if len(w) >= 3}
    if len(words) < 4:
        return False
    return len(words.intersection(before)) >= 0.6 * len(words)


_STOPWORDS = {
    "en": frozenset(
        [
            "the",
            "and",
            "is",
            "are",
            "was",
            "to",
            "of",
            "in",
            "for",
            "that",
            "with",
            "this",
            "on",
            "it",
            "you",
            "not",
            "be",
            "have",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "est",
            "des",
            "une",
            "pour",
            "que",
            "qui",
            "dans",
            "avec",
            "sur",
            "nous",
            "vous",
            "pas",
            "du",
            "de",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "es",
            "que",
            "en",
            "por",
            "para",
            "con",
            "una",
            "del",
            "se",
            "no",
            "lo",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "e",
            "que",
            "em",
            "para",
            "com",
            "uma",
            "do",
            "da",
            "não",
            "se",
            "é",
            "no",
            "na",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "mit",
            "ein",
            "eine",
            "zu",
            "den",
            "von",
            "auf",
            "für",
            "wir",
            "ich",
        ]
    ),
}
"""The commonest short words of each language the feature tells apart."""
_LANGUAGE_WORDS = 30
_LANGUAGES_OF = {
    word: tuple(lang for lang, stop in _STOPWORDS.items() if word in stop)
    for word in frozenset().union(*_STOPWORDS.values())
}
"""The languages each common word belongs to: `_language` looks each word up once."""


def _language(words: list[str]) -> str | None:
    """The language whose common words are the most frequent in ``words`` (two at least, and
    more than any other language), or None."""
    hits = list(filter(None, map(_LANGUAGES_OF.get, words)))  # most words are none: C-level
    if len(hits) < 2:
        return None
    counts: dict[str, int] = {}
    for languages in hits:
        for language in languages:
            counts[language] = counts.get(language, 0) + 1
    best = max(counts.values())
    top = [language for language, n in counts.items() if n == best]
    return top[0] if best >= 2 and len(top) == 1 else None


class _Words:
    """The words of a stretch of text (links left out), casefolded, with their offsets: the
    features that compare the post with the text before it slice this once-made list."""

    __slots__ = ("_starts", "_words")

    def __init__(self, source: str, lo: int, hi: int) -> None:
        text = source[lo:hi]
        if "/" in text:  # every link holds one
            text = _URLISH.sub(lambda m: " " * len(m.group()), text)
        if text.isascii():
            # The same words (an ASCII letter or digit is all ``[\p{L}\p{N}]`` holds there, and
            # casefold is lower), found by the standard library's faster scan of a plain class.
            text = text.lower()
            self._words = _ASCII_WORD.findall(text)
            self._starts = [m.start() + lo for m in _ASCII_WORD.finditer(text)]
            return
        found = [(m.start() + lo, m.group().casefold()) for m in _ANY_WORD.finditer(text)]
        self._starts = [s for s, _ in found]
        self._words = [w for _, w in found]

    def between(self, lo: int, hi: int) -> list[str]:
        """The words that start in ``[lo, hi)``."""
        return self._words[
            bisect.bisect_left(self._starts, lo) : bisect.bisect_left(self._starts, hi)
        ]


def _after_initial(source: str, lo: int, end: int) -> bool:
    """Whether the full stop ending at ``end`` follows a one-letter word (an initial)."""
    i = end - 1
    while i > lo and source[i] in "\"'”’»)":
        i -= 1
    return (
        i - 2 >= lo and source[i] == "." and source[i - 1].isalpha() and not source[i - 2].isalnum()
    )


def _in_tag(source: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a mention or hashtag (a camel-cased name, not a glued start)."""
    i = pos - 1
    while i >= lo and pos - i <= 30 and (source[i].isalnum() or source[i] == "_"):
        i -= 1
    return i >= lo and source[i] in "@#＠＃"


_NAMES_POST = regex.compile(
    r"\b(?:tweets?|tweeted|twitter|tuit\w*|posteo|publicaci[oó]n|post)\b", regex.IGNORECASE
)
_NAMES_POST_MAX = 60


def _names_a_post(line: str) -> bool:
    """Whether a short line above a post announces it (``Kevin's latest tweet``)."""
    return (
        len(line) <= _NAMES_POST_MAX
        and _NAMES_POST.search(line) is not None
        and not _POST_FEATURE.search(line)
    )


def _announces(text: str) -> bool:
    """Whether a short stretch of article text names a tweet or a clip."""
    return (
        len(text) <= 160 and _ANNOUNCE.search(text) is not None and not _POST_FEATURE.search(text)
    )


def _is_prose(line: str) -> bool:
    """Whether a line reads as the article's own prose: a sentence ending with a full stop, or a
    quotation wrapped in quote marks."""
    return bool(_PROSE_END.search(line) or _QUOTED.match(line))


_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
_URLISH = regex.compile(r"(?:https?://|pic\.(?:twitter|x)\.com/)\S*")


def _repeated(before: str, post: str) -> bool:
    """Whether ``before`` holds most (60%) of the words of ``post``: the article quoting it."""
    text = _URLISH.sub(" ", post[:300])
    words = {w.casefold() for w in _WORD.findall(text)}
    if len(words) < 4:
        return False
    seen = {w.casefold() for w in _WORD.findall(before)}
    return len(words & seen) >= 0.6 * len(words)
