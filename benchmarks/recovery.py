"""Recovery of generated embeds by `embedfix.repair`: fixed, seeded samples, measured and printed.

Run ``python benchmarks/recovery.py`` from the repository root (it puts ``src/`` on its path). Three measurements:

1. flattened articles (`embedfix.testing.sample_articles`, a seeded `random.Random`, so every run
   and every machine measures the same texts), against the targets of issue 6: handle and date
   exact in at least 99 % of the embeds, text exact in at least 95 %
   (tests/test_properties.py asserts a lower floor on a smaller sample);
2. the same articles after each encoding-damage mechanism (handle and date only);
3. embed markup of every era flattened by each scraper method of `FLATTENINGS`, and read directly
   by `embedfix.repair_html` (handle and date; for ``repair_html`` also text and status id).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import embedfix
from embedfix import Document
from embedfix.testing import (
    FLATTENINGS,
    MECHANISMS,
    Article,
    EmbedHtml,
    flatten,
    measure_recovery,
    sample_articles,
    sample_embeds,
)

COUNT = 1000
"""Articles measured by default."""
EMBEDS = 300
"""Embeds flattened by each method by default."""
SEED = 2026
"""The seed of the samples."""
TARGETS = {"handle_exact": 0.99, "date_exact": 0.99, "text_exact": 0.95}
"""The issue's targets, as fractions of the embeds."""
_BEFORE = "<p>The mayor said the harbour road would stay closed until Monday.</p>"
_AFTER = "<p>Forecasters expect gusts of up to 90 mph along the coast.</p>"


def _articles(count: int, seed: int, misses: int) -> None:
    articles = sample_articles(count, seed=seed)
    start = time.perf_counter()
    recovery = measure_recovery(articles, embedfix.repair, keep_misses=misses)
    elapsed = time.perf_counter() - start
    print(f"== flattened articles: sample_articles({count}, seed={seed})")
    print(recovery.summary())
    for name, target in TARGETS.items():
        rate = recovery.rate(getattr(recovery, name))
        verdict = "meets" if rate >= target else "BELOW"
        print(f"target {name} >= {target:.0%}: {rate:.2%} {verdict}")
    print(f"time {elapsed:.2f} s ({1000 * elapsed / max(1, recovery.articles):.2f} ms per article)")
    for miss in recovery.misses:
        print("miss:", miss)
    _breakdown(articles)
    print(f"\n== damaged articles: handle and date exact (sample_articles({count // 4}))")
    for how, mechanism in MECHANISMS.items():
        damaged = [a._replace(text=mechanism.apply(a.text)) for a in articles[: count // 4]]

        def repair_damaged(text: str) -> Document:
            return embedfix.repair(text)

        found = _handle_date(damaged, repair_damaged)
        print(f"{how:<12} {found}")


def _breakdown(articles: list[Article]) -> None:
    """Handle and date exact per layout and per date language."""
    totals: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for article in articles:
        pairs = {(q.handle, q.date) for q in embedfix.repair(article.text).quotes}
        for exp in article.quotes:
            for key in (f"layout {exp.layout}", f"date in {exp.date_lang}"):
                totals[key] += 1
                hits[key] += (exp.handle, exp.date) in pairs
    print("\n== handle and date exact, by layout and by date language")
    for key in sorted(totals):
        print(f"{key:<26} {hits[key]:>5} / {totals[key]:<5} {hits[key] / totals[key]:7.2%}")


def _handle_date(articles: list[Article], repair: Callable[[str], Document]) -> str:
    """Embeds whose handle and date were both found, ignoring spans (damage moves them)."""
    total = hit = 0
    for article in articles:
        quotes = repair(article.text).quotes
        pairs = {(q.handle, q.date) for q in quotes}
        for exp in article.quotes:
            total += 1
            hit += (exp.handle, exp.date) in pairs
    return f"{hit:>5} / {total}  {hit / max(1, total):7.2%}"


def _embeds(count: int, seed: int) -> None:
    embeds = sample_embeds(count, seed=seed)
    print(
        f"\n== embed markup flattened: sample_embeds({count}, seed={seed}), handle and date exact"
    )
    for how in FLATTENINGS:
        for layout, joint in (("pretty", "\n"), ("minified", "")):
            hit = 0
            for e in embeds:
                text = flatten(joint.join((_BEFORE, e.html, _AFTER)), how)
                pairs = {(q.handle, q.date) for q in embedfix.repair(text).quotes}
                hit += (e.tweet.handle, e.tweet.date) in pairs
            print(f"{how:<17} {layout:<9} {hit:>5} / {count}  {hit / count:7.2%}")
    _html(embeds)


def _html(embeds: list[EmbedHtml]) -> None:
    counts = {"handle": 0, "date": 0, "text": 0, "status_id": 0}
    try:
        for e in embeds:
            quotes = embedfix.repair_html(_BEFORE + e.html + _AFTER).quotes
            q = next((q for q in quotes if q.handle == e.tweet.handle), None)
            if q is None:
                continue
            counts["handle"] += 1
            counts["date"] += q.date == e.tweet.date
            counts["text"] += q.text == e.tweet.text
            counts["status_id"] += q.status_id == e.tweet.status_id
    except NotImplementedError:
        print("repair_html: not implemented yet")
        return
    for name, hit in counts.items():
        print(f"repair_html {name:<10} {hit:>5} / {len(embeds)}  {hit / len(embeds):7.2%}")


def main(argv: list[str] | None = None) -> int:
    """Measure and print the recovery figures; return 0 (the figures are the result)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=COUNT, help="articles to generate")
    parser.add_argument("--embeds", type=int, default=EMBEDS, help="embeds to flatten")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the samples")
    parser.add_argument("--misses", type=int, default=10, help="misses to print")
    args = parser.parse_args(argv)
    print(f"embedfix {embedfix.__version__}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # repair's "looks like HTML" advice on unflattened text
        _articles(args.count, args.seed, args.misses)
        _embeds(args.embeds, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
