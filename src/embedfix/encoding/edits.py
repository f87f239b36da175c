"""Edits: replacements at offsets, and how two layers of them combine into one.

Encoding repair runs in layers (backslash escapes, then mojibake and entities line by line, then
lost ``?`` runs on the repaired text). Each layer sees the output of the one before, but every
`Repair` must point into the original source, so `compose` maps a layer's edits back through the
previous layer's and merges the ones that touch.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from embedfix.model import RepairKind

__all__ = ["Edit", "apply_edits", "compose"]


@dataclass(frozen=True, slots=True)
class Edit:
    """One replacement of ``text[start:end]``, with what a `Repair` needs to say about it."""

    start: int
    """Offset of the first replaced character."""
    end: int
    """Offset just past the last replaced character (``start == end`` for an insertion)."""
    replacement: str
    """The new text."""
    kind: RepairKind
    """``"mojibake"``, ``"entity"``, ``"control"``, ``"nbsp"``, ``"escape"`` or ``"lost"``."""
    reason: str
    """A short human explanation."""
    qmarks: int = 0
    """For lost runs: the number of ``?`` in the run."""
    lost: int = 0
    """For lost runs: the inferred number of lost code points."""
    drop: bool = False
    """True for a lost run removed outright: `fix` then tidies the spaces around it."""


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with each edit applied; ``edits`` are sorted and do not overlap."""
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _merge(group: list[Edit], start: int, end: int, replacement: str) -> Edit:
    """One edit standing for several that touch; a lost run keeps its counts."""
    if len(group) == 1:
        return replace(group[0], start=start, end=end, replacement=replacement)
    reason = "; ".join(dict.fromkeys(e.reason for e in group))
    lost = [e for e in group if e.kind == "lost"]
    if lost:
        qmarks = sum(e.qmarks for e in lost)
        count = sum(e.lost for e in lost)
        return Edit(start, end, replacement, "lost", reason, qmarks, count)
    kinds = [e.kind for e in group]
    kind = "mojibake" if "mojibake" in kinds else kinds[-1]
    return Edit(start, end, replacement, kind, reason)


def compose(first: list[Edit], middle: str, second: list[Edit]) -> list[Edit]:
    """Edits on the source that do what ``first`` then ``second`` do.

    ``first`` applies to the source and gives ``middle``; ``second`` applies to ``middle``. Edits
    of the two layers that overlap become one edit whose span covers both in the source.
    """
    if not second:
        return list(first)
    if not first:  # ``middle`` is the source: nothing to map back
        return list(second)
    # Where each first-layer edit's output lies in `middle`.
    placed: list[tuple[int, int, Edit, int]] = []  # (mid_start, mid_end, edit, layer)
    shift = 0
    for e in first:
        ms = e.start + shift
        placed.append((ms, ms + len(e.replacement), e, 1))
        shift += len(e.replacement) - (e.end - e.start)
    mid_ends = [p[1] for p in placed]
    mid_starts = [p[0] for p in placed]
    shifts: list[int] = []
    acc = 0
    for ms, me, e, _ in placed:
        acc += (e.end - e.start) - (me - ms)
        shifts.append(acc)

    def to_source_left(p: int) -> int:
        i = bisect_right(mid_ends, p)
        return p + (shifts[i - 1] if i else 0)

    def to_source_right(p: int) -> int:
        i = bisect_left(mid_ends, p)
        while i < len(placed) and mid_ends[i] == p and mid_starts[i] < p:
            i += 1
        return p + (shifts[i - 1] if i else 0)

    items = placed + [(e.start, e.end, e, 2) for e in second]
    items.sort(key=lambda t: (t[0], t[1]))
    out: list[Edit] = []
    i = 0
    while i < len(items):
        gs, ge, _, _ = items[i]
        group = [items[i]]
        j = i + 1
        while j < len(items):
            s, e_end, _, _ = items[j]
            if not (gs < s < ge if s == e_end else s < ge):
                break
            group.append(items[j])
            ge = max(ge, e_end)
            j += 1
        layer2 = [t for t in group if t[3] == 2]
        if not layer2:
            out.extend(t[2] for t in group)
        else:
            pieces: list[str] = []
            pos = gs
            for s, e_end, ed, _ in layer2:
                pieces.append(middle[pos:s])
                pieces.append(ed.replacement)
                pos = e_end
            pieces.append(middle[pos:ge])
            start = to_source_left(gs)
            end = max(start, to_source_right(ge))
            out.append(_merge([t[2] for t in group], start, end, "".join(pieces)))
        i = j
    return out
