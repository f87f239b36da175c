"""Where a flattened post's text starts: a scored choice among the places it could start.

The signature tells where a post ends; nothing marks where it begins. `start_features.candidates`
lists the places a post could start (line starts, sentence starts, glued starts, starts after a
lead-in, "no text") with the evidence for each; here each is scored by a weighted sum of its
features (the weights are fitted on the labelled dev data by ``scripts/fit_start_model.py`` and
kept in `embedfix._start_weights`), the best one wins, and its share of the candidates' softmax is
the measured chance that it is the exact start (``benchmarks/calibration.py`` checks that).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from embedfix import _start_weights
from embedfix.start_features import (
    MEDIA,
    NAMES,
    QUOTE_LINE,
    Candidate,
    candidates,
    field_start,
    length_limit,
    post_length,
)

__all__ = [
    "MEDIA",
    "QUOTE_LINE",
    "Start",
    "field_start",
    "find_start",
    "length_limit",
    "post_length",
    "score",
]

WEIGHTS: tuple[float, ...] = tuple(_start_weights.WEIGHTS.get(name, 0.0) for name in NAMES)
"""The fitted weight of each feature of `start_features.FEATURES`, in order."""


@dataclass(frozen=True, slots=True)
class Start:
    """The chosen start of a post's text and how sure we are of it."""

    pos: int
    """Offset of the first character of the post text (equal to the signature start if none)."""
    confidence: float
    """The estimated chance that this start is exact, from 0 to 1."""
    evidence: str
    """How the chosen place was found (``start-line``, ``start-sentence``, ``start-no-text``…)."""


def score(found: Sequence[Candidate], weights: Sequence[float] | None = None) -> list[float]:
    """The softmax of the candidates' weighted feature sums: each one's chance of being the start."""
    weights = WEIGHTS if weights is None else weights
    # Most features are 0 for a candidate: fsum of the other products is the same exact sum.
    sums = [math.fsum([w * x for w, x in zip(weights, c.values, strict=True) if x]) for c in found]
    top = max(sums)
    exps = [math.exp(s - top) for s in sums]
    total = math.fsum(exps)
    return [e / total for e in exps]


def find_start(
    source: str,
    sig_start: int,
    floor: int,
    date: datetime.date | None,
    is_signature_line: regex.Pattern[str],
    weights: Sequence[float] | None = None,
) -> Start:
    """Find where the post ending at ``sig_start`` begins, never before ``floor``.

    ``is_signature_line`` tells whether a line ends with another embed's signature (which
    closes any post before it). ``weights`` replaces the fitted `WEIGHTS`.
    """
    found = candidates(source, sig_start, floor, date, is_signature_line)
    if len(found) == 1:
        line_start = max(source.rfind("\n", floor, sig_start) + 1, floor)
        if source[line_start:sig_start].strip():
            # Text stands before the signature on its line, yet no start there leaves a post
            # within the length limit: whatever we report is a guess.
            return Start(sig_start, _UNREACHABLE, "start-none-fits")
    chances = score(found, WEIGHTS if weights is None else weights)
    best = max(range(len(found)), key=lambda i: (chances[i], -i))
    return Start(found[best].pos, round(chances[best], 3), f"start-{found[best].kind}")


_UNREACHABLE = 0.4
"""The confidence of "no text" when text before the signature could not be cut into a post."""
