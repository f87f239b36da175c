"""One small interface for random choices, backed either by hypothesis or by `random.Random`.

The generators in this package are written once against `Chooser`. Under hypothesis every choice
is a draw (so failing examples shrink to the first item of each list, the simplest one); under a
seeded `random.Random` the same generators give a fixed, reproducible sample for benchmarks, one
that does not change with the hypothesis version.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Protocol, TypeVar

from hypothesis import strategies as st

T = TypeVar("T")


class Chooser(Protocol):
    """The three kinds of choice the generators make."""

    def choice(self, items: Sequence[T]) -> T:
        """One item of ``items`` (the first is the simplest)."""
        ...

    def integer(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``."""
        ...

    def chance(self, percent: int) -> bool:
        """True with probability ``percent`` / 100."""
        ...


class HypothesisChooser:
    """Choices drawn from hypothesis strategies, inside an `st.composite` function."""

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw

    def choice(self, items: Sequence[T]) -> T:
        """One item of ``items``, shrinking towards the first."""
        return self._draw(st.sampled_from(items))

    def integer(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``, shrinking towards ``low``."""
        return self._draw(st.integers(low, high))

    def chance(self, percent: int) -> bool:
        """True with probability about ``percent`` / 100; shrinks towards False."""
        return self._draw(st.integers(0, 99)) >= 100 - percent


class RandomChooser:
    """Choices from a seeded `random.Random`: the same seed gives the same values on every run."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def choice(self, items: Sequence[T]) -> T:
        """One item of ``items``."""
        return items[self._rng.randrange(len(items))]

    def integer(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``."""
        return self._rng.randint(low, high)

    def chance(self, percent: int) -> bool:
        """True with probability ``percent`` / 100."""
        return self._rng.randrange(100) < percent
