"""`analyze` a whole document once; `EncodingPlan.fix` then repairs any piece of it.

The pipeline cuts a document into pieces (body stretches, each quote's text and author) but lost
``?`` runs can only be judged with the whole document as evidence. So `analyze` decides every
change up front, as edits at offsets into the source, and `EncodingPlan.fix` applies the ones that
lie inside the piece asked for, tidying spaces where a lost run is dropped.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from typing import Literal

from embedfix.encoding.edits import Edit, apply_edits, compose
from embedfix.encoding.escapes import escape_edits
from embedfix.encoding.lost import BREAKS, QmarkRun, analyze_runs
from embedfix.encoding.mojibake import edits_near as mojibake_edits_near
from embedfix.encoding.mojibake import mojibake_edits
from embedfix.encoding.screen import may_change
from embedfix.model import NO_DAMAGE, Damage, Repair

__all__ = ["EncodingPlan", "LostMode", "analyze"]

LostMode = Literal["mark", "drop", "keep"]
"""What becomes of characters judged lost: ``"mark"`` (one U+FFFD each), ``"drop"`` (the run goes)
or ``"keep"`` (the ``?`` stay)."""
_LOST_MODES = ("mark", "drop", "keep")
_HSPACE = (
    "\t\x1f \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
"""Spaces within a line: every other character `str.isspace` accepts, the classifier's whitespace
(`lost._score`), so a dropped run takes an ideographic space with it as it takes a space and
leaves no doubled space (a test holds it to Python)."""
_NO_SPACE_BEFORE = ".,;:!?)]}»”’…"


@dataclass(frozen=True, slots=True)
class EncodingPlan:
    """Every encoding repair decided for one document, ready to be applied piece by piece."""

    source: str
    """The document, untouched."""
    damage: Damage
    """The damage model inferred from the whole document."""
    runs: tuple[QmarkRun, ...]
    """Every ``?`` run with its verdict and evidence, at offsets into ``source`` (runs inside a
    repaired region keep the offsets of that region)."""
    edits: tuple[Edit, ...]
    """The changes, sorted and non-overlapping, at offsets into ``source``."""
    starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    """``edit.start`` of each edit, for bisection (filled in by `analyze`)."""

    def fix(self, start: int = 0, end: int | None = None) -> tuple[str, tuple[Repair, ...]]:
        """The repaired text of ``source[start:end]`` and its repairs (spans into ``source``).

        Edits that cross ``start`` or ``end`` are left out, so no repair reaches outside the
        piece. An empty or inverted range gives ``("", ())``. Where a lost run is dropped, the space on one side goes with it, a space before
        punctuation or a line end goes, and whitespace at the edges of the piece is trimmed.
        """
        src = self.source
        if end is None:
            end = len(src)
        if not (0 <= start <= len(src) and 0 <= end <= len(src)):
            msg = f"fix() range {start}:{end} is outside the source (length {len(src)})"
            raise ValueError(msg)
        if end <= start:
            return "", ()
        edits = self.edits
        starts = self.starts if len(self.starts) == len(edits) else [e.start for e in edits]
        i = bisect_left(starts, start)
        j = bisect_left(starts, end)  # half-open: an insertion at `end` belongs to the next piece
        inside = [e for e in edits[i:j] if e.end <= end]
        out: list[str] = []
        repairs: list[Repair] = []
        pos = start
        seen = False  # whether anything but whitespace has been produced yet
        for k, e in enumerate(inside):
            if e.start < pos:
                continue
            if e.start > pos:
                chunk = src[pos : e.start]
                out.append(chunk)
                seen = seen or not chunk.isspace()
            plain_end = e.start if e.start > pos else -1
            if e.drop:
                limit = inside[k + 1].start if k + 1 < len(inside) else end
                e = _tidy_drop(src, e, out, plain_end, seen, limit, end)
            if e.replacement:
                out.append(e.replacement)
                seen = seen or not e.replacement.isspace()
            repairs.append(
                Repair(
                    (e.start, e.end),
                    e.kind,
                    e.reason,
                    src[e.start : e.end],
                    e.replacement,
                    e.qmarks,
                    e.lost,
                )
            )
            pos = e.end
        out.append(src[pos:end])
        return "".join(out), tuple(repairs)


def _tidy_drop(
    src: str, e: Edit, out: list[str], plain_end: int, seen: bool, limit: int, end: int
) -> Edit:
    """Widen a dropped run over the spaces that would be left doubled or stranded.

    ``out`` is the text produced so far (no empty strings); its last element is unchanged source
    ending at ``plain_end``, or ``plain_end`` is -1. ``seen`` says whether ``out`` holds anything
    but whitespace. Only unchanged source right before the run can be taken back.
    """
    s, t = e.start, e.end
    last = out[-1][-1] if out else ""
    j = t
    while j < limit and src[j] in _HSPACE:
        j += 1
    at_end = j >= end or (limit >= end and not src[j:end].strip())
    replacement = ""
    if not seen or at_end:
        t = j
        while t < limit and src[t].isspace():
            t += 1
        if at_end:
            s = _take_back(out, s, plain_end, _HSPACE + BREAKS)
    else:
        if last.isspace():
            t = j
        nxt = src[t] if t < end else ""
        if nxt in _NO_SPACE_BEFORE or nxt in BREAKS:
            s = _take_back(out, s, plain_end, _HSPACE)
        elif last.isalnum() and nxt.isalnum():
            replacement = " "
    return replace(e, start=s, end=t, replacement=replacement)


def _take_back(out: list[str], s: int, plain_end: int, chars: str) -> int:
    """Remove ``chars`` at the end of ``out`` when they are unchanged source right before ``s``."""
    if plain_end != s or not out:
        return s
    last = out[-1]
    keep = len(last)
    while keep > 0 and last[keep - 1] in chars:
        keep -= 1
    if keep:
        out[-1] = last[:keep]
    else:
        out.pop()
    return s - (len(last) - keep)


def _repair(src: str, e: Edit, s: int, t: int) -> Repair:
    return Repair((s, t), e.kind, e.reason, src[s:t], e.replacement, e.qmarks, e.lost)


def _lost_edits(
    work: str, runs: tuple[QmarkRun, ...], damage: Damage, lost: LostMode
) -> list[Edit]:
    """One edit per lost run, as ``lost`` asks; dropped runs separated only by spaces merge, so
    that a cluster such as ``???????? ???? ????????`` goes as one."""
    edits: list[Edit] = []
    unit = (
        f"utf8mb3, {damage.qmarks_per_char} bytes each"
        if damage.mechanism == "utf8mb3-bytes"
        else damage.mechanism
    )
    for r in runs:
        if r.verdict != "lost":
            continue
        what = (
            "1 character lost (a '?' inside a word)"
            if r.contraction
            else f"{r.qmarks} '?' = {r.lost} code point{'s' if r.lost != 1 else ''} lost ({unit})"
        )
        if lost == "mark":
            edits.append(Edit(r.start, r.end, "\ufffd" * r.lost, "lost", what, r.qmarks, r.lost))
        elif lost == "drop":
            prev = edits[-1] if edits else None
            if prev is not None and not work[prev.end : r.start].strip(_HSPACE):
                edits[-1] = Edit(
                    prev.start,
                    r.end,
                    "",
                    "lost",
                    f"{prev.qmarks + r.qmarks} '?' in a cluster = {prev.lost + r.lost} code "
                    f"points lost ({unit}), dropped",
                    prev.qmarks + r.qmarks,
                    prev.lost + r.lost,
                    drop=True,
                )
            else:
                edits.append(
                    Edit(r.start, r.end, "", "lost", what + ", dropped", r.qmarks, r.lost, True)
                )
    return edits


def _check_lost(lost: object) -> LostMode:
    if lost not in _LOST_MODES:
        msg = f"lost must be one of 'mark', 'drop', 'keep', not {lost!r}"
        raise ValueError(msg)
    return lost  # type: ignore[return-value]


def analyze(
    source: str,
    *,
    lost: LostMode = "mark",
    fix_mojibake: bool = True,
    unescape_backslashes: bool = False,
) -> EncodingPlan:
    """Decide every encoding repair of ``source``, judging ``?`` runs with the whole document.

    Layers, each on the output of the one before: backslash escapes (only when asked), mojibake,
    entities and byte residue (ftfy on suspect lines only), then lost ``?`` runs.
    """
    if not isinstance(source, str):
        msg = f"analyze() takes a str, not {type(source).__name__}"
        raise TypeError(msg)
    mode = _check_lost(lost)
    if "?" not in source and not unescape_backslashes and not (fix_mojibake and may_change(source)):
        return EncodingPlan(source, NO_DAMAGE, (), ())  # most documents: nothing to decide
    edits: list[Edit] = escape_edits(source) if unescape_backslashes else []
    work = apply_edits(source, edits) if edits else source
    mojibake = False
    if fix_mojibake:
        layer = mojibake_edits(work)
        if layer:
            mojibake = any(e.kind == "mojibake" for e in layer)
            fixed = apply_edits(work, layer)
            edits = compose(edits, work, layer)
            work = fixed
    runs, damage = analyze_runs(work)
    pre = edits
    if mojibake:
        damage = replace(damage, mojibake=True)
        if damage is NO_DAMAGE or damage.mechanism == "none":
            damage = Damage("none", None, 0, True, "mojibake found and fixed; no lost characters")
    layer = _lost_edits(work, runs, damage, mode)
    if layer:
        edits = compose(edits, work, layer)
        if fix_mojibake and mode == "mark":
            # ftfy reads the U+FFFD marks as lost bytes: the marked lines get its look again.
            marked = apply_edits(work, layer)
            again = mojibake_edits_near(marked, _outputs(layer))
            if again:
                edits = compose(edits, marked, again)
                if not damage.mojibake and any(e.kind == "mojibake" for e in again):
                    damage = replace(damage, mojibake=True)
    if pre:
        runs = _runs_to_source(runs, pre)
    return EncodingPlan(source, damage, runs, tuple(edits), tuple(e.start for e in edits))


def _outputs(edits: list[Edit]) -> list[int]:
    """Where each edit's replacement starts in the text the edits give."""
    out: list[int] = []
    shift = 0
    for e in edits:
        out.append(e.start + shift)
        shift += len(e.replacement) - (e.end - e.start)
    return out


def _runs_to_source(runs: tuple[QmarkRun, ...], edits: list[Edit]) -> tuple[QmarkRun, ...]:
    """Runs found in the repaired text, re-anchored to the source through ``edits``.

    Outside the edits' output a position moves by the shift of the edits before it. A run that
    starts or ends inside an edit's output takes in that edit's whole source span: its ``?``
    came out of the replacement (an alignment of a damaged line may pair a ``?`` with one the
    repair wrote, ``'â€™?Ã©’?\x81'`` gives ``'’?é’?'``), and only the whole edit stands for it.
    So every run is a non-empty, ordered span of the source (never a reversed one)."""
    outs: list[int] = []  # where each edit's replacement starts in the repaired text
    shifts: list[int] = []  # the shift after each edit
    shift = 0
    for e in edits:
        outs.append(e.start + shift)
        shift += len(e.replacement) - (e.end - e.start)
        shifts.append(shift)

    def to_source(p: int, *, end: bool) -> int:
        # The last edit whose output starts at or before p (before p, for an end).
        i = (bisect_left(outs, p) if end else bisect_right(outs, p)) - 1
        if i < 0:
            return p
        e = edits[i]
        if p < outs[i] + len(e.replacement) + (1 if end else 0):  # inside its output
            return e.end if end else e.start
        return p - shifts[i]

    out = []
    for r in runs:
        start = to_source(r.start, end=False)
        out.append(replace(r, start=start, end=max(start + 1, to_source(r.end, end=True))))
    return tuple(out)
