"""`repair`: find the embeds in a text and build the `Document`.

The steps, in order: each platform's grammar finds its embeds in the untouched source (so every
span is an offset into the input); overlaps are resolved; the encoding plan is made once for the
whole document; each quote's fields and each piece of body are repaired with it; the body is
assembled from the text outside the spans.
"""

from __future__ import annotations

import datetime
import itertools
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import NamedTuple, cast

import regex

from embedfix import body as body_mod
from embedfix import prefilter
from embedfix.boundary import MEDIA, QUOTE_LINE
from embedfix.dates import parse_date, plausible
from embedfix.encoding import EncodingPlan, LostMode, analyze
from embedfix.encoding.edits import Edit
from embedfix.encoding.lost import ordinary_only
from embedfix.encoding.mojibake import char_edits
from embedfix.encoding.screen import may_change
from embedfix.entities import post_entities
from embedfix.html import looks_like_embed_html
from embedfix.model import NO_DAMAGE, Document, Platform, Quote, QuoteKind, Repair, Span
from embedfix.options import DEFAULT_OPTIONS, PLATFORMS, Options, check, check_text
from embedfix.platforms import _text, finders_for
from embedfix.platforms._markup import split_media
from embedfix.platforms.base import Found

__all__ = ["PLATFORMS", "repair"]


_QUOTE_MARKERS = regex.compile(r"^[ \t]*(?:[*+-][ \t]+)?(?:>[ \t]*)+|[ \t]+$", regex.MULTILINE)
"""The quote markers opening each line, and the trailing spaces of Markdown's hard breaks."""


def _unquoted(text: str) -> str:
    """A post's text without the Markdown quote markers of its lines, trimmed."""
    return _QUOTE_MARKERS.sub("", text).strip()


def repair(
    text: str,
    *,
    placeholder: str | None = None,
    lost: LostMode = "mark",
    fix_encoding: bool = True,
    platforms: Iterable[str] | None = None,
    lang: str | None = None,
    published: datetime.date | datetime.datetime | str | None = None,
) -> Document:
    """Find the embeds flattened into ``text`` and return them apart from the clean body.

    Each embedded post (a tweet's text and signature, an Instagram credit, a bare permalink, a
    frame's leftover line) becomes a `Quote` with its fields and its exact span in ``text``; the
    body is ``text`` without them, its encoding repaired. Lost characters (``????`` runs) are
    judged with the whole document as evidence, so the same run may be damage in one article and
    genuine question marks in another (`Document.damage` says which model was inferred).

    Args:
        text: One document as scraped. Never changed; kept as `Document.source`.
        placeholder: Left in the body where each embed was cut (``{n}`` is replaced by the
            quote's number, counting from 1 as ``explain`` does); it stands on its own line or
            between spaces, as the embed did. None cuts the embed and joins its neighbours.
        lost: What becomes of characters judged lost: ``"mark"`` puts one U+FFFD per lost
            character, ``"drop"`` removes the run, ``"keep"`` leaves it as it is.
        fix_encoding: Whether mojibake, entities and byte residue are repaired (detection and
            spans are the same either way).
        platforms: The platforms to look for (``"twitter"``, ``"instagram"``, ...); None for all.
        lang: The article's language, a tag the date tables know (``"fr"``, ``"pt-BR"``): it
            settles `Quote.date_lang` for a date that reads the same in several languages.
        published: The article's date (a date, a datetime or an ISO 8601 string): a quote
            dated after it gets a confidence of at most 0.5 (a post cannot be newer than the
            article embedding it).

    Returns:
        The quotes in order of appearance, the clean body, every repair made (to the body and
            inside the quotes) and the damage model.

    Raises:
        TypeError: ``text`` is not a str (decode bytes first; None and NaN included), or an
            option has the wrong type.
        ValueError: an option's value is not one of those allowed (``lost``, a platform name
            not in `embedfix.PLATFORMS`, an unknown ``lang``, an unreadable ``published``).

    Every option is checked before any work (`embedfix.options`), and the messages say what was
    given and what is allowed.

    Examples:
        >>> doc = repair("The team posted this.\\nWe won! pic.twitter.com/AbCdEf1234— Jane Doe (@janedoe) May 2, 2019\\nMore.")
        >>> doc.quotes[0].handle, doc.quotes[0].text, doc.body
        ('janedoe', 'We won!', 'The team posted this.\\nMore.')
    """
    text = check_text(text, "embedfix.repair")
    if (
        placeholder is None
        and lost == "mark"
        and fix_encoding is True
        and platforms is None
        and lang is None
        and published is None
    ):
        return _repair(text, DEFAULT_OPTIONS)  # most calls: nothing to check
    options = check(
        placeholder=placeholder,
        lost=lost,
        fix_encoding=fix_encoding,
        platforms=platforms,
        lang=lang,
        published=published,
    )
    return _repair(text, options)


def _repair(text: str, options: Options) -> Document:
    """`repair` with its options checked."""
    placeholder, lost, fix_encoding = options.placeholder, options.lost, options.fix_encoding
    wanted = options.platforms
    if looks_like_embed_html(text):
        warnings.warn(
            "this text looks like HTML with embed markup; embedfix.repair_html() reads the "
            "markup itself and gives exact quotes",
            stacklevel=3,
        )
    hits = prefilter.scan(text)  # None without the ``fast`` extra
    if hits is not None and not hits.intersection(_ACTING if fix_encoding else _ACTING_NO_FIX):
        # No grammar's anchor, no ``?``, nothing the mojibake screen looks at: nothing to do.
        return Document(source=text, body=text, quotes=(), repairs=(), damage=NO_DAMAGE)
    # A scan that went to the end reports every gate literal the text holds.
    finders = finders_for(text, wanted, hits if hits is not None and "gates" in hits else None)
    found: list[Found] = []
    if hits is None or "anchor" in hits:
        for finder in finders:
            found += finder(text)
    if found:
        n = len(text)
        found = _resolve_overlaps([f for f in found if f.platform in wanted and _well_formed(f, n)])
    elif ("?" not in text or ordinary_only(text)) and not (fix_encoding and may_change(text)):
        # The encoding plan would change nothing: the `?` are ordinary question marks and the
        # screen passes no line to the mojibake fix.
        return Document(source=text, body=text, quotes=(), repairs=(), damage=NO_DAMAGE)
    plan = analyze(text, lost=lost, fix_mojibake=fix_encoding)
    if not found and not plan.edits:  # the path most documents take: nothing to cut or change
        return Document(source=text, body=text, quotes=(), repairs=(), damage=plan.damage)
    more = _found_as_read(text, found, plan, finders, wanted)
    if more:
        found = sorted(found + more, key=lambda f: f.span)
    body, repairs, where = _body(
        text, [f.span for f in found], plan, placeholder, lost=lost, fix_mojibake=fix_encoding
    )
    for _ in range(_BODY_ROUNDS):
        again = _found_in_body(body, where, found, wanted, len(text))
        if again is None:
            break
        found = again
        body, repairs, where = _body(
            text, [f.span for f in found], plan, placeholder, lost=lost, fix_mojibake=fix_encoding
        )
    body, repairs = _settle(text, body, repairs, where, lost=lost, fix_mojibake=fix_encoding)
    quote_repairs: list[Repair] = []
    quotes = tuple(
        _quote(text, f, plan, quote_repairs, lang=options.lang, published=options.published)
        for f in found
    )
    if quote_repairs:
        repairs = tuple(sorted((*repairs, *quote_repairs), key=lambda r: r.span))
    return Document(source=text, body=body, quotes=quotes, repairs=repairs, damage=plan.damage)


def warm_up() -> None:
    """Build now what the library otherwise builds on first use (the date grammar, the mojibake
    screen's patterns, the ``fast`` extra's scan): the command calls it before it forks its
    workers, so that they inherit it rather than each building it again."""
    from embedfix.dates import _PARSER
    from embedfix.encoding import screen

    _PARSER.match("", 0)
    screen.may_change("é\u00a0" * 200)  # the dense scan
    screen.may_change("a" * 300 + "é\u00a0")  # the sparse scan
    prefilter.available()


_BODY_ROUNDS = 3


def _settle(
    source: str,
    body: str,
    repairs: tuple[Repair, ...],
    where: body_mod.BodyMap,
    *,
    lost: LostMode,
    fix_mojibake: bool,
) -> tuple[str, tuple[Repair, ...]]:
    """The body made a fixed point of the encoding repair, as a second call would make it.

    The body is repaired piece by piece of source; an edit the assembled body calls for that
    no piece holds alone (a damaged line that a cut embed or a placeholder runs through, which
    ftfy judges as one line) is applied here. Its repair covers the stretch of source it stands
    for, earlier repairs there included (``original`` is that stretch, ``replacement`` what the
    body now reads there); one that would reach into a cut embed is left out."""
    if where.complete:  # every edit applied: the body is already a fixed point
        return body, repairs
    again = analyze(body, lost=lost, fix_mojibake=fix_mojibake)
    if not again.edits:
        return body, repairs
    ends = [*where.starts[1:], len(body)]
    placed: list[tuple[Edit, int, int, int, int]] = []
    unplaced: list[int] = []  # where an edit that reaches into a cut embed starts
    for e in again.edits:
        first = max(0, bisect_right(where.starts, e.start) - 1)
        last = max(first, bisect_right(where.starts, max(e.start, e.end - 1)) - 1)
        x = where.starts[first] if not where.copied[first] else e.start
        y = ends[last] if not where.copied[last] else e.end
        a = where.to_source(x, x)[0] if x == e.start else where.sources[first][0]
        b = where.to_source(y - 1, y)[1] if y == e.end else where.sources[last][1]
        if (
            any(not where.copied[k] and where.sources[k] == (0, 0) for k in range(first, last + 1))
            or y <= x
            or b < a
            or any(_is_cut(where, k, repairs) for k in range(first, last + 1))
        ):
            unplaced.append(e.start)
        else:
            placed.append((e, x, y, a, b))
    if unplaced:
        keep = _off_unplaced_lines(body, unplaced)
        placed = [p for p in placed if keep(p[0])]
    out: list[str] = []
    merged: list[Repair] = []
    covered: list[Span] = []
    pos = 0
    for e, x, y, a, b in placed:
        if e.start < pos:
            continue
        out.append(body[pos:x])
        text = body[x : e.start] + e.replacement + body[e.end : y]
        out.append(text)
        merged.append(Repair((a, b), e.kind, e.reason, source[a:b], text, e.qmarks, e.lost))
        covered.append((a, b))
        pos = y
    if not merged:
        return body, repairs
    out.append(body[pos:])
    kept = [r for r in repairs if not any(a <= r.span[0] and r.span[1] <= b for a, b in covered)]
    return "".join(out), tuple(sorted([*kept, *merged], key=lambda r: r.span))


def _is_cut(where: body_mod.BodyMap, k: int, repairs: tuple[Repair, ...]) -> bool:
    """Whether stretch ``k`` of the body stands for a cut embed (not for a repair)."""
    if where.copied[k]:
        return False
    return not any(r.span == where.sources[k] for r in repairs)


"""How many times the body is searched again for what only it shows (each round that finds
something cuts it and looks once more; three covers every chain the generators reach)."""


def _found_in_body(
    body: str, where: body_mod.BodyMap, found: list[Found], wanted: frozenset[str], n: int
) -> list[Found] | None:
    """The embeds `repair` would find if handed ``body``, at offsets into the source.

    Idempotence as a law: whatever the first pass met (encoding damage that hid a signature
    until repaired, one platform's leftover cut to reveal another's, a placeholder), the body
    it returns must hold nothing a second call finds. So the body itself is searched, with the
    same grammars, and what is found there is cut from the source too. A find that takes in a
    cut embed's place (its separator or placeholder) takes in that embed, as a second call
    would; one that only overlaps an embed found is left out. None when nothing is new, else
    every embed found."""
    more: list[Found] = []
    for finder in finders_for(body, wanted):
        for f in finder(body):
            if f.platform not in wanted or not _well_formed(f, len(body)):
                continue
            trimmed = _trimmed(f, body)
            if trimmed is not None:
                more.append(_to_source(trimmed, where))
    if not more:
        return None
    kept = list(found)
    added = False
    for f in _resolve_overlaps(more):
        if not _well_formed(f, n):
            continue
        inside = [g for g in kept if g.span[0] < f.span[1] and f.span[0] < g.span[1]]
        if all(f.span[0] <= g.span[0] and g.span[1] <= f.span[1] for g in inside):
            kept = [g for g in kept if not any(g is h for h in inside)] + [f]
            added = True
    return sorted(kept, key=lambda f: f.span) if added else None


_ALL = frozenset(PLATFORMS)


_ACTING = frozenset(("anchor", "qmark", "screen"))
"""The prefilter's hits that can make `repair` act (`embedfix.prefilter`)."""
_ACTING_NO_FIX = frozenset(("anchor", "qmark"))
"""The same when mojibake is not fixed."""


def _found_as_read(
    text: str,
    found: list[Found],
    plan: EncodingPlan,
    finders: tuple[Callable[[str], list[Found]], ...],
    wanted: frozenset[str],
) -> list[Found]:
    """Embeds that only the body, as it reads, shows.

    Once the embeds found are cut and the encoding repaired, a line can read differently: a
    permalink that shared it with another embed's leftover (``…/status/1 A post shared by``), a
    credit before an entity line break (``A post shared by&#10;``), a signature wrapped by one
    (``(@jd)&#10;May 2, 2019``). The body is searched again as it will read, and what is found on
    the lines around a cut embed or a blanking repair is kept, so `repair` finds now what it
    would find when handed its own body (it is idempotent).

    `_found_in_body` searches the body as returned, which is the general law; this search is not
    redundant with it. The body as read has no placeholder, so an embed that a cut leaves alone
    on its line is found as itself, before the body is built; in the returned body the
    placeholder stands on the line above, the embed's grammar can take it for the post's text,
    and the find then takes in the cut embed (two embeds become one quote, and the quotes
    depend on the placeholder: a test in tests/test_properties.py shows it). Without it the
    corpora give the same results, but 55 of 7,500 generated documents do not.
    """
    read = body_mod.as_read(text, [f.span for f in found], plan.edits)
    lines = body_mod.changed_lines(read.text, read.changed)
    if not lines:
        return []
    # `lines` and the spans found are sorted and disjoint, so their ends rise with their starts:
    # the one that starts last before a span's end is the only one that can reach it (bisection
    # keeps many embeds near many changes linear).
    line_starts = [a for a, _ in lines]
    more: list[Found] = []
    for finder in finders:
        for f in finder(read.text):
            trimmed = _trimmed(f, read.text)
            if trimmed is None:
                continue
            start, end = trimmed.span
            i = bisect_right(line_starts, end) - 1
            if f.platform in wanted and i >= 0 and lines[i][1] >= start:
                more.append(_to_source(trimmed, read))
    taken = [f.span for f in found]
    taken_starts = [s for s, _ in taken]
    out = []
    for f in _resolve_overlaps(more):
        i = bisect_left(taken_starts, f.span[1]) - 1
        if (i < 0 or taken[i][1] <= f.span[0]) and _well_formed(f, len(text)):
            out.append(f)
    return out


def _trimmed(f: Found, text: str) -> Found | None:
    """``f`` with its span shrunk past the whitespace around it, or None if nothing is left.

    Its parts are kept inside the span: a grammar may start an embed at the space before it
    and put an empty caption there (``\xa0Posted by …``), which the trimmed span would
    otherwise leave outside, and the find would be dropped as ill-formed."""
    start, end = _text.trim(text, *f.span)
    if start >= end:
        return None
    if (start, end) == f.span:
        return f

    def inside(span: Span) -> Span:
        a, b = span
        a = min(max(a, start), end)
        return a, min(max(b, a), end)

    return replace(
        f,
        span=(start, end),
        text_spans=tuple(inside(s) for s in f.text_spans),
        author_span=inside(f.author_span) if f.author_span is not None else None,
    )


def _to_source(f: Found, read: body_mod.AsRead | body_mod.BodyMap) -> Found:
    """``f``, found in ``read.text``, at offsets into the source."""

    def move(span: Span) -> Span:
        return read.to_source(*span)

    date = None
    if f.date is not None:
        start, end = move((f.date.start, f.date.end))
        date = replace(f.date, start=start, end=end)
    return replace(
        f,
        span=move(f.span),
        text_spans=tuple(move(s) for s in f.text_spans),
        author_span=move(f.author_span) if f.author_span is not None else None,
        date=date,
    )


def _well_formed(f: Found, n: int) -> bool:
    """Whether a grammar's record has sane offsets (a guard: a bad record is dropped, not fatal)."""
    start, end = f.span
    if not 0 <= start < end <= n:
        return False
    pieces = [*f.text_spans, *([f.author_span] if f.author_span is not None else [])]
    return all(start <= a <= b <= end for a, b in pieces)


def _resolve_overlaps(found: list[Found]) -> list[Found]:
    """Keep embeds in order; where two overlap, keep the more confident (the earlier on ties)."""
    out: list[Found] = []
    for f in sorted(found, key=lambda f: f.span):
        if out and f.span[0] < out[-1].span[1]:
            if f.confidence > out[-1].confidence:
                out[-1] = f
            continue
        out.append(f)
    return out


def _quote(
    source: str,
    f: Found,
    plan: EncodingPlan,
    repairs: list[Repair],
    *,
    lang: str | None,
    published: datetime.date | None,
) -> Quote:
    """Turn a found embed into a `Quote`: cut, repair and read its fields; the repairs made to
    its text and author are added to ``repairs``."""
    pieces = [source[s:e] for s, e in f.text_spans]
    raw_text = "\n".join(pieces)
    media = tuple(MEDIA.findall(raw_text))
    fixed = []
    for s, e in f.text_spans:
        piece, changes = plan.fix(s, e)
        fixed.append(piece)
        repairs.extend(changes)
    text: str | None = "\n".join(fixed) if f.text_spans else None
    if text is not None:
        text = split_media(text)[0]
        if QUOTE_LINE.match(source, _text.line_start(source, f.span[1] - 1)):
            # The signature closes a Markdown quote (html2text writes an embed as ``> `` lines):
            # the markers are the extractor's layout, not words a reader of the post sees.
            text = _unquoted(text)
    author = None
    if f.author_span is not None:
        name, changes = plan.fix(*f.author_span)
        author = name.strip()
        repairs.extend(changes)
    ents = post_entities(raw_text, domain_handles=f.platform != "twitter")
    date = f.date.date if f.date is not None else f.inferred_date
    date_lang = f.date.lang if f.date is not None else None
    if f.date is not None and date_lang is None and lang is not None:
        # The article's language settles a date that reads the same in several languages.
        date_lang = parse_date(f.date.raw, lang=lang)[1]
    confidence = f.confidence
    if date is not None and not plausible(date, published=published):
        confidence = min(confidence, 0.5)
    text_span: Span | None = None
    if f.text_spans:
        text_span = (f.text_spans[0][0], f.text_spans[-1][1])
    return Quote(
        platform=cast("Platform", f.platform),
        span=f.span,
        raw=source[f.span[0] : f.span[1]],
        text=text,
        text_span=text_span,
        author=author,
        handle=f.handle,
        date=date,
        date_raw=f.date.raw if f.date is not None else None,
        date_lang=date_lang,
        media=media,
        urls=ents.urls,
        hashtags=ents.hashtags,
        mentions=ents.mentions,
        cashtags=ents.cashtags,
        url=f.url,
        status_id=f.status_id,
        confidence=confidence,
        kind=cast("QuoteKind", f.kind),
        evidence=f.evidence,
    )


def _body(
    source: str,
    spans: list[Span],
    plan: EncodingPlan,
    placeholder: str | None,
    *,
    lost: LostMode,
    fix_mojibake: bool,
) -> tuple[str, tuple[Repair, ...], body_mod.BodyMap]:
    """Assemble the body from the source outside the quotes, repairing each kept piece.

    The encoding of the body is judged on the body as assembled, not on the whole source: a
    ``?`` run or a mojibake sequence next to a cut embed is then read exactly as `repair` reads
    it when handed the body alone, so repairing a body again changes nothing (idempotence).
    Without quotes the body is the source, and ``plan`` (made on the whole source) serves.
    """
    removed = body_mod.removal_spans(source, spans, placeholder=placeholder)
    if not removed:
        whole, fixes = plan.fix(0, len(source))
        where = _MapBuilder()
        where.piece(whole, 0, len(source), list(fixes))
        return (
            whole,
            fixes,
            where.done()._replace(complete=not _joins_by_drop(fixes, lost, fix_mojibake)),
        )
    alone: set[int] = set()  # the cuts whose placeholder stands on a line of its own
    while True:
        assembled, kept, seps = _assemble(source, removed, placeholder, alone)
        body_plan = analyze(assembled, lost=lost, fix_mojibake=fix_mojibake)
        fitted = _fit_to_pieces(body_plan, kept, seps)
        if not fitted.touched - alone:
            break
        alone |= fitted.touched
    body_plan = fitted.plan
    parts: list[str] = []
    repairs: list[Repair] = []
    where = _MapBuilder()
    done = 0
    src_done = 0  # where the source stretch not yet mapped starts
    for at, start, end in kept:
        sep = _without(assembled, done, at, fitted.deleted)  # the separators before this piece
        parts.append(sep)
        where.add(len(sep), src_done, start, copied=False)
        piece, fixes = body_plan.fix(at, at + end - start)
        parts.append(piece)
        shift = start - at
        moved = [replace(r, span=(r.span[0] + shift, r.span[1] + shift)) for r in fixes]
        repairs.extend(moved)
        where.piece(piece, start, end, moved)
        done = at + end - start
        src_done = end
    sep = _without(assembled, done, len(assembled), fitted.deleted)
    parts.append(sep)
    where.add(len(sep), src_done, len(source), copied=False)
    complete = fitted.whole and len(repairs) == len(body_plan.edits)
    complete = complete and not _joins_by_drop(repairs, lost, fix_mojibake)
    return "".join(parts), tuple(repairs), where.done()._replace(complete=complete)


def _off_unplaced_lines(text: str, unplaced: list[int]) -> Callable[[Edit], bool]:
    """Whether an edit of ``text`` may stay: not on a line where an edit starting at one of
    ``unplaced`` could not be placed, since the edits of one line come from one alignment of it,
    all of them or none (lost runs are judged on their own and always stay)."""
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    lines = {bisect_left(breaks, p) for p in unplaced}
    return lambda e: e.kind == "lost" or bisect_left(breaks, e.start) not in lines


def _joins_by_drop(repairs: Iterable[Repair], lost: LostMode, fix_mojibake: bool) -> bool:
    """Whether a dropped ``?`` run may have joined text the encoding repair reads anew.

    The run goes with the space beside it (`EncodingPlan.fix`), and what stood on each side
    then meets: ftfy leaves ``?\xa0ï¿½`` alone but repairs ``ï¿½``. The plan, made before
    the spaces are tidied, cannot see that; the body is then read again (`_settle`), as a
    second call would read it."""
    return lost == "drop" and fix_mojibake and any(r.kind == "lost" for r in repairs)


def _assemble(
    source: str, removed: list[Span], placeholder: str | None, alone: set[int]
) -> tuple[str, list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """The body before its encoding is repaired: the source outside ``removed``, with each
    cut's separator (`body_mod.separator`; the placeholder on a line of its own for the cuts
    in ``alone``); the kept pieces as (offset in the body, start and end in the source); the
    separators as (start and end in the body, number of the cut)."""
    raw: list[str] = []
    kept: list[tuple[int, int, int]] = []
    seps: list[tuple[int, int, int]] = []
    size = pos = 0
    for i, cut in enumerate(removed):
        if cut[0] > pos:
            kept.append((size, pos, cut[0]))
            raw.append(source[pos : cut[0]])
            size += cut[0] - pos
        if i in alone and placeholder is not None:
            sep = "\n" + placeholder.replace("{n}", str(i + 1)) + "\n"
        else:
            sep = body_mod.separator(source, cut, placeholder, i)
        raw.append(sep)
        seps.append((size, size + len(sep), i))
        size += len(sep)
        pos = cut[1]
    if pos < len(source):
        kept.append((size, pos, len(source)))
        raw.append(source[pos:])
    return "".join(raw), kept, seps


def _without(text: str, start: int, end: int, deleted: list[Span]) -> str:
    """``text[start:end]`` without the stretches in ``deleted`` (sorted, disjoint)."""
    out: list[str] = []
    pos = start
    for a, b in deleted[bisect_left(deleted, (start, start)) :]:
        if a >= end:
            break
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:end])
    return "".join(out)


class _Fitted(NamedTuple):
    """An encoding plan of an assembled body fitted to its kept pieces (`_fit_to_pieces`)."""

    plan: EncodingPlan
    """The plan, each edit inside one kept piece or left as it was."""
    deleted: list[Span]
    """Whitespace of separators that the repair takes in (sorted, at offsets in the body)."""
    touched: set[int]
    """The separators (by cut) whose placeholder an edit would change."""
    whole: bool
    """Whether every edit could be placed (else the lines of those that could not are left
    unrepaired, to `_settle`)."""


def _fit_to_pieces(
    plan: EncodingPlan, kept: list[tuple[int, int, int]], seps: list[tuple[int, int, int]]
) -> _Fitted:
    """``plan`` with its edits fitted to the kept pieces of source, so that none is left out.

    The body is repaired piece by piece (each repair must lie in one piece of source), but the
    encoding is judged on the body as assembled, as a second call would judge it; an edit of a
    whole damaged line can then run across a cut embed. Such an edit is aligned character by
    character, and each part is cut at the edges of the pieces: the first piece it covers takes
    its replacement, the others give up what it covers; what it covers of a separator must be
    whitespace, which the separator then gives up (ftfy reads the space after ``â”`` as the
    lost NBSP byte of ``┠``, and so would a second call: the space is taken in the repair).
    An edit that would change a placeholder itself (``—`` is cp1252's byte 0x97, a UTF-8
    continuation byte) names that separator in ``touched``: the body is then assembled again
    with the placeholder on a line of its own, which ftfy, line by line, reads as itself.
    An edit that still cannot be placed leaves its whole line unrepaired: the edits of one line
    come from one alignment of it, and only make sense together (one alone can repeat text
    another was to remove)."""
    # The body as stretches (start, end, the cut of a separator or -1 for a kept piece).
    regions = sorted(
        [(at, at + end - start, -1) for at, start, end in kept]
        + [(a, b, i) for a, b, i in seps if b > a]
    )
    bounds = [a for a, _, _ in regions[1:]]
    if not bounds:
        return _Fitted(plan, [], set(), True)
    starts = [a for a, _, _ in regions]
    src = plan.source

    def crossing(e: Edit) -> list[int]:
        return [p for p in bounds[bisect_right(bounds, e.start) :] if p < e.end]

    edits: list[Edit] = []
    deleted: list[Span] = []
    touched: set[int] = set()
    unplaced: list[int] = []  # where an edit that could not be placed starts
    for e in plan.edits:
        if e.drop or e.kind == "lost" or not crossing(e):
            edits.append(e)
            continue
        placed: list[Edit] = []
        gone: list[Span] = []
        ok = True
        for part in char_edits(src[e.start : e.end], e.replacement, e.start) or [e]:
            given = False
            cuts = [part.start, *crossing(part), part.end]
            for x, y in itertools.pairwise(cuts):
                k = bisect_right(starts, x) - 1
                if regions[k][2] < 0:
                    text = "" if given else part.replacement
                    placed.append(replace(part, start=x, end=y, replacement=text))
                    given = True
                elif x == y:  # an insertion where a separator starts: no piece applies it
                    ok = False
                elif src[x:y].isspace():
                    gone.append((x, y))
                else:
                    touched.add(regions[k][2])
                    ok = False
            if part.replacement and not given:
                ok = False
        if ok:
            edits += placed
            deleted += gone
        else:
            unplaced.append(e.start)
    if unplaced:
        keep = _off_unplaced_lines(src, unplaced)
        edits = [e for e in edits if keep(e)]
    return _Fitted(
        replace(plan, edits=tuple(edits), starts=tuple(e.start for e in edits)),
        sorted(deleted),
        touched,
        not unplaced,
    )


class _MapBuilder:
    """Builds the `body_mod.BodyMap` of a body as it is assembled, stretch by stretch."""

    def __init__(self) -> None:
        self.size = 0
        self.map = body_mod.BodyMap([], [], [])

    def add(self, length: int, start: int, end: int, *, copied: bool) -> None:
        """The next ``length`` characters of the body stand for ``source[start:end]``."""
        if length <= 0:
            return
        self.map.starts.append(self.size)
        self.map.sources.append((start, end))
        self.map.copied.append(copied)
        self.size += length

    def piece(self, text: str, start: int, end: int, fixes: list[Repair]) -> None:
        """A kept piece of source, ``source[start:end]`` repaired by ``fixes`` into ``text``."""
        if sum(len(r.replacement) - (r.span[1] - r.span[0]) for r in fixes) != len(text) - (
            end - start
        ):  # not the plain sum of its repairs: map it whole
            self.add(len(text), start, end, copied=False)
            return
        pos = start
        for r in fixes:
            self.add(r.span[0] - pos, pos, r.span[0], copied=True)
            self.add(len(r.replacement), r.span[0], r.span[1], copied=False)
            pos = r.span[1]
        self.add(end - pos, pos, end, copied=True)

    def done(self) -> body_mod.BodyMap:
        """The map (a body without a stretch maps everything to the empty start)."""
        if not self.map.starts:
            self.add(1, 0, 0, copied=False)
        return self.map
