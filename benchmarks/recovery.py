"""Recovery of generated embeds by `embedfix.repair`: a fixed, seeded sample, measured and printed.

Run ``PYTHONPATH=src python benchmarks/recovery.py`` from the repository root. The articles come from
`embedfix.testing.sample_articles` (a seeded `random.Random`, so every run and every machine measures
the same texts). The targets of issue 6 are: handle and date exact in at least 99 % of the embeds,
text exact in at least 95 %. tests/test_properties.py asserts a lower floor on a smaller sample.
"""

from __future__ import annotations

import argparse
import time

import embedfix
from embedfix.testing import measure_recovery, sample_articles

COUNT = 1000
"""Articles measured by default."""
SEED = 2026
"""The seed of the sample."""
TARGETS = {"handle_exact": 0.99, "date_exact": 0.99, "text_exact": 0.95}
"""The issue's targets, as fractions of the embeds."""


def main(argv: list[str] | None = None) -> int:
    """Measure and print the recovery figures; return 0 (the figures are the result)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=COUNT, help="articles to generate")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the sample")
    parser.add_argument("--misses", type=int, default=10, help="misses to print")
    args = parser.parse_args(argv)
    articles = sample_articles(args.count, seed=args.seed)
    start = time.perf_counter()
    recovery = measure_recovery(articles, embedfix.repair, keep_misses=args.misses)
    elapsed = time.perf_counter() - start
    print(
        f"embedfix {embedfix.__version__}: recovery on sample_articles({args.count}, seed={args.seed})"
    )
    print(recovery.summary())
    for name, target in TARGETS.items():
        rate = recovery.rate(getattr(recovery, name))
        verdict = "meets" if rate >= target else "BELOW"
        print(f"target {name} >= {target:.0%}: {rate:.2%} {verdict}")
    print(f"time {elapsed:.2f} s ({1000 * elapsed / max(1, recovery.articles):.2f} ms per article)")
    for miss in recovery.misses:
        print("miss:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
