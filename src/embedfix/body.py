"""The article body: the source with the embeds' spans cut out and nothing else lost."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from embedfix.encoding.edits import Edit
from embedfix.model import Span


def removal_spans(source: str, spans: Sequence[Span], *, placeholder: str | None) -> list[Span]:
    """The ranges to cut from ``source`` for each embed span.

    An embed that fills its lines takes its line break with it, so no blank line is left where
    it stood; with a placeholder the line break stays, so the marker keeps its own line. Embeds
    that share a line with nothing but spaces between them (a permalink and the leftover glued
    after it) are cut as one, so together they fill the line.
    """
    out = []
    n = len(source)
    for start, end in _joined(source, spans) if placeholder is None else spans:
        at_line_start = start == 0 or source[start - 1] == "\n"
        if placeholder is None and at_line_start and end < n and source[end] == "\n":
            end += 1
        elif placeholder is None and at_line_start and end < n and source[end : end + 2] == "\r\n":
            end += 2
        out.append((start, end))
    return out


def _joined(source: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with neighbours that only horizontal spaces separate merged into one."""
    out: list[Span] = []
    for start, end in spans:
        if out and not source[out[-1][1] : start].strip(" \t\u00a0"):
            start = out.pop()[0]
        out.append((start, end))
    return out


class AsRead(NamedTuple):
    """A text as its body reads, with the way back to the source."""

    text: str
    """The text, as `as_read` builds it."""
    changed: list[Span]
    """The spans of ``text`` that read differently from the source (an empty span where
    characters were deleted)."""
    gaps: tuple[int, ...] = ()
    """The offsets in ``text`` where source characters were left out (a cut embed, the rest of
    an entity, a deleted control character), in order."""
    left_out: tuple[int, ...] = ()
    """How many source characters were left out at or before each of `gaps`, in all."""

    def to_source(self, start: int, end: int) -> Span:
        """The source span of ``text[start:end]`` (what was left out inside it is in it, what was
        left out at either edge is not)."""
        first = start + self._shift(start)
        if end <= start:
            return first, first
        return first, end + self._shift(end - 1)

    def _shift(self, at: int) -> int:
        """How many source characters were left out before ``text[at]``."""
        k = bisect_right(self.gaps, at)
        return self.left_out[k - 1] if k else 0


class BodyMap(NamedTuple):
    """The way back from the body `repair` built to its source: the body is cut into stretches,
    each copied from the source (same length) or standing for a changed stretch of it (a
    separator or placeholder for a cut embed, a repair)."""

    starts: list[int]
    """Where each stretch starts in the body, in order (the first is 0)."""
    sources: list[tuple[int, int]]
    """The source span of each stretch."""
    copied: list[bool]
    """Whether each stretch is the source copied as it was."""
    complete: bool = True
    """Whether every encoding edit the assembled body called for was applied (False when one
    ran across a cut and no piece could take it: the body may then not be a fixed point)."""

    def to_source(self, start: int, end: int) -> Span:
        """The source span of ``body[start:end]``; a changed stretch the span starts or ends
        inside is taken whole."""
        first = self._at(start, start=True)
        if end <= start:
            return first, first
        return first, max(first, self._at(end - 1, start=False))

    def _at(self, at: int, *, start: bool) -> int:
        k = max(0, bisect_right(self.starts, at) - 1)
        a, b = self.sources[k]
        if self.copied[k]:
            return a + (at - self.starts[k]) + (0 if start else 1)
        return a if start else b


def as_read(source: str, spans: Sequence[Span], edits: Sequence[Edit]) -> AsRead:
    """``source`` as its body reads, for the grammars to search again.

    Each embed is cut as the body cuts it, with the line break that `separator` puts between
    glued neighbours; an encoding edit that gives only whitespace gives its first character here
    (a space, or the line break of ``&#10;``) and one that deletes (a control character) gives
    nothing, so what it kept apart reads as one (``…/status/1\x08?`` reads ``…/status/1?``).
    Other edits are left out: they change no line from blank to not blank, and join nothing.
    """
    blanks = []
    for i, cut in enumerate(removal_spans(source, spans, placeholder=None)):
        blanks.append((*cut, separator(source, cut, None, i)))
    blanks += [
        (e.start, e.end, "" if not e.replacement else "\n" if "\n" in e.replacement else " ")
        for e in edits
        if e.end > e.start and not e.replacement.strip()
    ]
    if not blanks:
        return AsRead(source, [])
    blanks.sort()
    out: list[str] = []
    changed: list[Span] = []
    gaps: list[int] = []
    totals: list[int] = []
    gone = 0  # source characters left out so far
    pos = 0
    for start, end, lead in blanks:
        start = max(start, pos)
        if end <= start:
            continue
        out.append(source[pos:start])
        out.append(lead)
        at = start - gone  # where this change starts in the text built
        changed.append((at, at + len(lead)))
        if end - start > len(lead):
            gone += end - start - len(lead)
            gaps.append(at + len(lead))
            totals.append(gone)
        pos = end
    out.append(source[pos:])
    return AsRead("".join(out), changed, tuple(gaps), tuple(totals))


def changed_lines(text: str, spans: Sequence[Span]) -> list[Span]:
    """The stretches of whole lines of ``text`` around ``spans`` that hold anything but spaces:
    where a line reads differently once ``spans`` are blanked, merged when they touch.

    Each search for a line's ends starts where the last one stopped (the spans come sorted), so
    many spans on one long line cost one pass over it, not one each (a line of 2 MB of layered
    mojibake has 100,000 blanking edits: 6 s of searches for 1 MB more)."""
    out: list[Span] = []
    line_start = 0  # the start of the line holding `seen`: no line break in [line_start, seen)
    seen = 0
    after, line_end = 0, -1  # no line break in [after, line_end); line_end is one, or the end
    for start, end in sorted(spans):
        if start > seen:
            found = text.rfind("\n", seen, start)
            line_start = found + 1 if found >= 0 else line_start
            seen = start
        a = line_start
        if not after <= end <= line_end:
            found = text.find("\n", end)
            after, line_end = end, len(text) if found < 0 else found
        b = line_end
        if out and a <= out[-1][1]:
            a = out.pop()[0]
        out.append((a, b))
    return [(a, b) for a, b in out if text[a:b].strip()]


def kept_spans(length: int, removed: Sequence[Span]) -> list[Span]:
    """The complement of ``removed`` in ``[0, length)``: the pieces of source the body keeps."""
    out = []
    pos = 0
    for start, end in removed:
        if start > pos:
            out.append((pos, start))
        pos = max(pos, end)
    if pos < length:
        out.append((pos, length))
    return out


def separator(source: str, removed: Span, placeholder: str | None, index: int) -> str:
    """What stands in the body where an embed was cut: the placeholder (``{n}`` replaced by the
    embed's number, from 1 as `explain` counts), or a line break when the text on both sides
    would otherwise be glued together (``2017Trump``).

    The placeholder stands as the embed did: on its own line when the embed filled its lines,
    between spaces when it stood inside a line. A side where the embed was glued to text gets a
    line break (or a space when the other side was a space), so ``[tweet 1]`` never runs into the
    next paragraph.
    """
    start, end = removed
    before = source[start - 1] if start > 0 else "\n"
    after = source[end] if end < len(source) else "\n"
    if placeholder is None:
        if not before.isspace() and not after.isspace():
            return "\n"
        return ""
    marker = placeholder.replace("{n}", str(index + 1))
    if not before.isspace():
        marker = (" " if after in " \t\u00a0" else "\n") + marker
    if not after.isspace():
        marker += " " if before in " \t\u00a0" else "\n"
    return marker
