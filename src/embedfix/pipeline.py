"""`repair`: find the embeds in a text and build the `Document`.

The steps, in order: each platform's grammar finds its embeds in the untouched source (so every
span is an offset into the input); overlaps are resolved; the encoding plan is made once for the
whole document; each quote's fields and each piece of body are repaired with it; the body is
assembled from the text outside the spans.
"""

from __future__ import annotations

import datetime
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import cast

from embedfix import body as body_mod
from embedfix import prefilter
from embedfix.boundary import MEDIA
from embedfix.dates import parse_date, plausible
from embedfix.encoding import EncodingPlan, LostMode, analyze
from embedfix.encoding.lost import ordinary_only
from embedfix.encoding.screen import may_change
from embedfix.entities import post_entities
from embedfix.html import looks_like_embed_html
from embedfix.model import NO_DAMAGE, Document, Platform, Quote, QuoteKind, Repair, Span
from embedfix.options import DEFAULT_OPTIONS, PLATFORMS, Options, check, check_text
from embedfix.platforms import _text, finders_for
from embedfix.platforms._markup import split_media
from embedfix.platforms.base import Found

__all__ = ["PLATFORMS", "repair"]


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
    finders = finders_for(text, wanted)
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
    quote_repairs: list[Repair] = []
    quotes = tuple(
        _quote(text, f, plan, quote_repairs, lang=options.lang, published=options.published)
        for f in found
    )
    body, repairs = _body(
        text, [q.span for q in quotes], plan, placeholder, lost=lost, fix_mojibake=fix_encoding
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


def _to_source(f: Found, read: body_mod.AsRead) -> Found:
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
) -> tuple[str, tuple[Repair, ...]]:
    """Assemble the body from the source outside the quotes, repairing each kept piece.

    The encoding of the body is judged on the body as assembled, not on the whole source: a
    ``?`` run or a mojibake sequence next to a cut embed is then read exactly as `repair` reads
    it when handed the body alone, so repairing a body again changes nothing (idempotence).
    Without quotes the body is the source, and ``plan`` (made on the whole source) serves.
    """
    removed = body_mod.removal_spans(source, spans, placeholder=placeholder)
    if not removed:
        return plan.fix(0, len(source))
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
    parts: list[str] = []
    repairs: list[Repair] = []
    done = 0
    for at, start, end in kept:
        parts.append(assembled[done:at])  # the separators before this piece
        piece, fixes = body_plan.fix(at, at + end - start)
        parts.append(piece)
        shift = start - at
        repairs.extend(replace(r, span=(r.span[0] + shift, r.span[1] + shift)) for r in fixes)
        done = at + end - start
    parts.append(assembled[done:])
    return "".join(parts), tuple(repairs)
