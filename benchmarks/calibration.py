"""Is a quote's confidence the chance that its span is exact? Leave-one-source-out, measured.

    python benchmarks/calibration.py [--shared ../shared] [--bins 10]

The start model's weights are fitted on labelled text (``scripts/fit_start_model.py``); scoring
them on the same text would flatter them. So, for each source of ``dev.jsonl`` and
``dev_isot.jsonl`` in turn (a ``source`` is one page, one CSV copy in one repository, or one
shared-task file: halves of one excerpt share it), the weights are refitted without that source
and ``embedfix.repair`` runs on its cases with them. Every labelled embed with a readable start
(not ``ambiguous``, post text or orphan signature) gives one pair: the quote's ``confidence``
and whether its span is exact (start and end), or (0, wrong) when the embed was missed.

Printed: the reliability table (confidence bins against the share of exact spans), the expected
calibration error (ECE: the mean gap between confidence and exactness, weighted by the number of
quotes in each bin), and the cross-validated start accuracy. The issue asks ECE ≤ 0.05 and start
accuracy ≥ 0.90.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import fit_start_model  # noqa: E402

import embedfix  # noqa: E402
from embedfix import boundary  # noqa: E402


@dataclass(frozen=True)
class CrossValidation:
    """The out-of-fold figures."""

    sources: int
    """How many sources were left out in turn."""
    n: int
    """Labelled embeds scored."""
    start_exact: float
    """Share of them whose quote starts exactly where the label does."""
    ece: float
    """Expected calibration error of the quotes' confidence against exact spans."""
    pairs: tuple[tuple[float, bool], ...]
    """(confidence, span exact) for each scored embed."""


def _cases(corpus: Path) -> list[dict[str, Any]]:
    out = []
    for name in ("dev.jsonl", "dev_isot.jsonl"):
        with (corpus / name).open(encoding="utf-8") as f:
            out += [json.loads(line) for line in f if line.strip()]
    return out


def _scored(case: dict[str, Any]) -> list[tuple[float, bool, bool]]:
    """(confidence, span exact, start exact) for each labelled embed of a case with a readable
    start, pairing quotes with labels as ``eval_corpus.py`` does (same handle, best overlap)."""
    text = case["text"]
    quotes = [q for q in embedfix.repair(text).quotes if q.span is not None]
    used: set[int] = set()
    out = []
    for gold in case["embeds"]:
        if gold.get("ambiguous") or gold.get("status_url") or "signature_span" not in gold:
            continue
        best, best_key = None, None
        for j, q in enumerate(quotes):
            if j in used:
                continue
            same = (q.handle or "").casefold() == (gold.get("handle") or "").casefold()
            overlap = max(0, min(q.span[1], gold["span"][1]) - max(q.span[0], gold["span"][0]))
            if not same and not overlap:
                continue
            key = (same and overlap > 0, overlap, same)
            if best_key is None or key > best_key:
                best, best_key = j, key
        if best is None:
            out.append((0.0, False, False))
            continue
        used.add(best)
        q = quotes[best]
        start_ok = q.span[0] == gold["span"][0]
        out.append((q.confidence, start_ok and q.span[1] == gold["span"][1], start_ok))
    return out


def cross_validate(corpus: Path, generated: int = 300) -> CrossValidation:
    """Refit without each source in turn and score that source's cases."""
    groups = fit_start_model.all_groups(corpus.parent, generated)
    cases = _cases(corpus)
    sources = sorted({c.get("source", c["id"]) for c in cases if c["embeds"]})
    saved = boundary.WEIGHTS
    pairs: list[tuple[float, bool]] = []
    starts = 0
    try:
        for source in sources:
            train = [g for g in groups if g.source != source]
            boundary.WEIGHTS = tuple(fit_start_model.fit(train, start=list(saved)))
            for case in cases:
                if case.get("source", case["id"]) != source:
                    continue
                for confidence, exact, start_ok in _scored(case):
                    pairs.append((confidence, exact))
                    starts += start_ok
    finally:
        boundary.WEIGHTS = saved
    return CrossValidation(
        sources=len(sources),
        n=len(pairs),
        start_exact=starts / len(pairs) if pairs else 0.0,
        ece=expected_calibration_error(pairs),
        pairs=tuple(pairs),
    )


def reliability(pairs: tuple[tuple[float, bool], ...] | list[tuple[float, bool]], bins: int = 10):  # type: ignore[no-untyped-def]
    """Per confidence bin: (low, high, count, mean confidence, share exact)."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, e) for c, e in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not inside:
            rows.append((lo, hi, 0, 0.0, 0.0))
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        share = sum(e for _, e in inside) / len(inside)
        rows.append((lo, hi, len(inside), mean, share))
    return rows


def expected_calibration_error(
    pairs: tuple[tuple[float, bool], ...] | list[tuple[float, bool]], bins: int = 10
) -> float:
    """The mean |confidence − exactness| over bins, weighted by their counts."""
    n = len(pairs)
    if not n:
        return 0.0
    return sum(
        count / n * abs(mean - share) for _, _, count, mean, share in reliability(pairs, bins)
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--bins", type=int, default=10)
    args = ap.parse_args(argv)
    corpus = args.shared / "corpus"
    if not (corpus / "dev.jsonl").exists():
        print(f"no corpus at {corpus}: pass --shared", file=sys.stderr)
        return 2
    cv = cross_validate(corpus)
    print(f"leave-one-source-out over {cv.sources} sources, {cv.n} labelled embeds")
    print()
    print("| confidence | quotes | mean confidence | exact spans |")
    print("|---|---|---|---|")
    for lo, hi, count, mean, share in reliability(cv.pairs, args.bins):
        if count:
            print(f"| {lo:.1f}–{hi:.1f} | {count} | {mean:.3f} | {share:.3f} |")
    print()
    print(f"start exact (out of fold): {cv.start_exact:.3f}")
    print(f"expected calibration error: {expected_calibration_error(cv.pairs, args.bins):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
