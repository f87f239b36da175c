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

from embedfix import body as body_mod
from embedfix.boundary import MEDIA
from embedfix.dates import parse_date, plausible
from embedfix.encoding import EncodingPlan, LostMode, analyze
from embedfix.encoding.edits import Edit
from embedfix.encoding.mojibake import char_edits
from embedfix.entities import post_entities
from embedfix.html import looks_like_embed_html
from embedfix.model import Document, Quote, Repair, Span
from embedfix.platforms import FINDERS, _text, finders_for
from embedfix.platforms._markup import split_media
from embedfix.platforms.base import Found

PLATFORMS = tuple(FINDERS)
"""The platforms `repair` looks for by default: all of them."""


def repair(
    text: str,
    *,
    placeholder: str | None = None,
    lost: LostMode = "mark",
    fix_encoding: bool = True,
    platforms: Iterable[str] | None = None,
    lang: str | None = None,
    published: datetime.date | None = None,
) -> Document:
    """Find the embeds flattened into ``text`` and return them apart from the clean body.

    >>> doc = repair("The team posted this.\\nWe won! pic.twitter.com/AbCdEf1234— Jane Doe (@janedoe) May 2, 2019\\nMore.")
    >>> doc.quotes[0].handle, doc.quotes[0].text, doc.body
    ('janedoe', 'We won!', 'The team posted this.\\nMore.')
    """
    if not isinstance(text, str):
        msg = (
            f"embedfix.repair() takes a str, not {type(text).__name__}; "
            "decode bytes first (for example with ftfy.guess_bytes)"
        )
        raise TypeError(msg)
    if placeholder is not None and not isinstance(placeholder, str):
        msg = f"placeholder must be a str or None, not {type(placeholder).__name__}"
        raise TypeError(msg)
    if lost not in ("mark", "drop", "keep"):
        msg = f"lost must be 'mark', 'drop' or 'keep', not {lost!r}"
        raise ValueError(msg)
    wanted = _platforms(platforms)
    if looks_like_embed_html(text):
        warnings.warn(
            "this text looks like HTML with embed markup; embedfix.repair_html() reads the "
            "markup itself and gives exact quotes",
            stacklevel=2,
        )
    finders = finders_for(text, wanted)
    found: list[Found] = []
    for finder in finders:
        found += finder(text)
    if found:
        n = len(text)
        found = _resolve_overlaps([f for f in found if f.platform in wanted and _well_formed(f, n)])
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
    quotes = tuple(_quote(text, f, plan, lang=lang, published=published) for f in found)
    return Document(source=text, body=body, quotes=quotes, repairs=repairs, damage=plan.damage)


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
    out: list[str] = []
    merged: list[Repair] = []
    covered: list[Span] = []
    pos = 0
    for e in again.edits:
        if e.start < pos:
            continue
        first = max(0, bisect_right(where.starts, e.start) - 1)
        last = max(first, bisect_right(where.starts, max(e.start, e.end - 1)) - 1)
        if any(not where.copied[k] and where.sources[k] == (0, 0) for k in range(first, last + 1)):
            continue
        x = where.starts[first] if not where.copied[first] else e.start
        y = ends[last] if not where.copied[last] else e.end
        a = where.to_source(x, x)[0] if x == e.start else where.sources[first][0]
        b = where.to_source(y - 1, y)[1] if y == e.end else where.sources[last][1]
        if y <= x or b < a or any(_is_cut(where, k, repairs) for k in range(first, last + 1)):
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
            start, end = _text.trim(body, *f.span)
            if start < end:
                more.append(_to_source(replace(f, span=(start, end)), where))
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


def _platforms(platforms: Iterable[str] | None) -> frozenset[str]:
    if platforms is None:
        return _ALL
    if isinstance(platforms, str):
        platforms = (platforms,)
    chosen = frozenset(platforms)
    unknown = chosen - set(PLATFORMS)
    if unknown:
        msg = f"unknown platform(s) {sorted(unknown)}; known: {', '.join(PLATFORMS)}"
        raise ValueError(msg)
    return chosen


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
            start, end = _text.trim(read.text, *f.span)
            i = bisect_right(line_starts, end) - 1
            if f.platform in wanted and i >= 0 and lines[i][1] >= start:
                more.append(_to_source(replace(f, span=(start, end)), read))
    taken = [f.span for f in found]
    taken_starts = [s for s, _ in taken]
    out = []
    for f in _resolve_overlaps(more):
        i = bisect_left(taken_starts, f.span[1]) - 1
        if (i < 0 or taken[i][1] <= f.span[0]) and _well_formed(f, len(text)):
            out.append(f)
    return out


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
    *,
    lang: str | None,
    published: datetime.date | None,
) -> Quote:
    """Turn a found embed into a `Quote`: cut, repair and read its fields."""
    pieces = [source[s:e] for s, e in f.text_spans]
    raw_text = "\n".join(pieces)
    media = tuple(MEDIA.findall(raw_text))
    fixed = [plan.fix(s, e)[0] for s, e in f.text_spans]
    text: str | None = "\n".join(fixed) if f.text_spans else None
    if text is not None:
        text = split_media(text)[0]
    author = None
    if f.author_span is not None:
        author = plan.fix(*f.author_span)[0].strip()
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
        platform=f.platform,
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
        kind=f.kind,
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
        return whole, fixes, where.done()
    raw: list[str] = []
    kept: list[tuple[int, int, int]] = []  # (offset in the body, start and end in the source)
    size = pos = 0
    for i, cut in enumerate(removed):
        if cut[0] > pos:
            kept.append((size, pos, cut[0]))
            raw.append(source[pos : cut[0]])
            size += cut[0] - pos
        sep = body_mod.separator(source, cut, placeholder, i)
        raw.append(sep)
        size += len(sep)
        pos = cut[1]
    if pos < len(source):
        kept.append((size, pos, len(source)))
        raw.append(source[pos:])
    assembled = "".join(raw)
    body_plan = analyze(assembled, lost=lost, fix_mojibake=fix_mojibake)
    body_plan = _split_at_joins(body_plan, kept, len(assembled))
    parts: list[str] = []
    repairs: list[Repair] = []
    where = _MapBuilder()
    done = 0
    src_done = 0  # where the source stretch not yet mapped starts
    for at, start, end in kept:
        parts.append(assembled[done:at])  # the separators before this piece
        where.add(at - done, src_done, start, copied=False)
        piece, fixes = body_plan.fix(at, at + end - start)
        parts.append(piece)
        shift = start - at
        moved = [replace(r, span=(r.span[0] + shift, r.span[1] + shift)) for r in fixes]
        repairs.extend(moved)
        where.piece(piece, start, end, moved)
        done = at + end - start
        src_done = end
    parts.append(assembled[done:])
    where.add(len(assembled) - done, src_done, len(source), copied=False)
    complete = len(repairs) == len(body_plan.edits)
    return "".join(parts), tuple(repairs), where.done()._replace(complete=complete)


def _split_at_joins(
    plan: EncodingPlan, kept: list[tuple[int, int, int]], size: int
) -> EncodingPlan:
    """``plan`` with its edits fitted to the kept pieces of source, so that none is left out.

    The body is repaired piece by piece (each repair must lie in one piece of source), but the
    encoding is judged on the body as assembled, as a second call would judge it; an edit of
    a whole damaged line can then run across a cut embed. Such an edit is aligned character by
    character, which leaves the placeholder or separator it spans unchanged between two edits;
    a part that still runs across the join of two pieces with nothing between them (``"\x85"``
    + cut + ``"\ufeff"`` reads ``"…"``) is split there, the first part taking the replacement.
    If a part still runs across a separator, the edit is kept whole (and left out of the body,
    to `_settle`): its parts only make sense together."""
    bounds: list[int] = []  # every edge of a kept piece, in the assembled text
    joins: set[int] = set()
    for (at, start, end), (nxt, _, _) in itertools.pairwise(kept):
        if at + end - start == nxt:
            joins.add(nxt)
    for at, start, end in kept:
        bounds += [at, at + end - start]
    bounds = sorted(set(bounds) - {0, size})
    if not bounds:
        return plan

    def crossing(e: Edit) -> list[int]:
        return [p for p in bounds[bisect_right(bounds, e.start) :] if p < e.end]

    edits: list[Edit] = []
    for e in plan.edits:
        if e.drop or e.kind == "lost" or not crossing(e):
            edits.append(e)
            continue
        parts = char_edits(plan.source[e.start : e.end], e.replacement, e.start) or [e]
        if any(p not in joins for part in parts for p in crossing(part)):
            edits.append(e)  # all or nothing: its parts only make sense together
            continue
        for part in parts:
            cuts = [part.start, *crossing(part), part.end]
            for k, (x, y) in enumerate(itertools.pairwise(cuts)):
                text = part.replacement if k == 0 else ""
                edits.append(replace(part, start=x, end=y, replacement=text))
    return replace(plan, edits=tuple(edits), starts=tuple(e.start for e in edits))


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
