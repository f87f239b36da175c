"""The idempotence law over generated hostile documents: a second ``repair(doc.body)`` finds
nothing new and changes nothing, with every option set.

    python benchmarks/idempotence.py [--count 20000] [--seed 20] [--show 10]

Documents come from `embedfix.testing.sample_hostile_texts` (mojibake layered up to three times,
several platforms' leftovers glued together, stray controls, ``?`` runs, long numeric entities,
whole flattened articles). Each is repaired with options drawn from the same seed: a placeholder
of `embedfix.testing.PLACEHOLDERS`, each ``lost`` mode, ``fix_encoding`` on and off, all
platforms or a few. The pages of `sample_hostile_html` go through ``repair_html`` to check that
it never raises. Exits 1 on any failure, printing the first ``--show`` of them.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import embedfix
from embedfix.testing import PLACEHOLDERS, sample_hostile_html, sample_hostile_texts

PLATFORM_SETS = (None, ("twitter",), ("instagram", "facebook", "tiktok"), ("bluesky", "threads"))


def options(rng: random.Random) -> dict[str, object]:
    """One draw of every option of ``repair``."""
    return {
        "placeholder": rng.choice(PLACEHOLDERS),
        "lost": rng.choice(("mark", "drop", "keep")),
        "fix_encoding": rng.random() < 0.75,
        "platforms": rng.choice(PLATFORM_SETS),
    }


def failure(text: str, kwargs: dict[str, object]) -> str | None:
    """Why repairing ``text``'s body again is not a no-op, or None."""
    doc = embedfix.repair(text, **kwargs)  # type: ignore[arg-type]
    again = embedfix.repair(doc.body, **kwargs)  # type: ignore[arg-type]
    if again.quotes:
        return f"found again: {[q.raw for q in again.quotes]!r}"
    if again.body != doc.body:
        return f"body changed: {doc.body!r} -> {again.body!r}"
    if again.repairs:
        return f"repairs again: {[(r.original, r.replacement) for r in again.repairs]!r}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = time.process_time()
    failures: list[tuple[str, dict[str, object], str]] = []
    for text in sample_hostile_texts(args.count, seed=args.seed):
        kwargs = options(rng)
        why = failure(text, kwargs)
        if why is not None:
            failures.append((text, kwargs, why))
    crashes = 0
    for page in sample_hostile_html(args.count // 10, seed=args.seed):
        try:
            embedfix.repair_html(page)
        except Exception as exc:  # counted and shown: that is the check
            crashes += 1
            print(f"repair_html raised {type(exc).__name__}: {exc} on {page[:200]!r}")
    took = time.process_time() - start
    print(
        f"idempotence: {len(failures)} failures in {args.count:,} documents "
        f"(seed {args.seed}); repair_html: {crashes} raised in {args.count // 10:,} pages; "
        f"{took:.0f} s CPU"
    )
    for text, kwargs, why in failures[: args.show]:
        print(f"  {text!r}\n    {kwargs}\n    {why}")
    return 1 if failures or crashes else 0


if __name__ == "__main__":
    sys.exit(main())
