"""Where the embed-free path of ``repair`` spends its time, stage by stage, in one run.

    python benchmarks/embed_free.py [--docs 3000] [--seed 7] [--repeat 7]

On the documents of ``make_corpus.py`` that hold no embed, split into clean ones and ones with
mojibake or ``?`` damage, it times ``repair`` with every platform and with the Twitter grammar
alone (issue 8: the drop must stay within 15%), the bare anchor scan of ``throughput.py`` (issue
7: the practical limit), and each stage on its own: the mojibake screen, the exact suspect scan it
replaces, the platform gates, the Twitter and frame grammars, the ``?`` run analysis, and the
fixed cost of a call. Each time is the best of ``--repeat`` interleaved rounds, in CPU time of
this process.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from make_corpus import generate
from throughput import anchor_scan

import embedfix
from embedfix.encoding.lost import analyze_runs
from embedfix.encoding.mojibake import find_suspect
from embedfix.encoding.screen import may_change
from embedfix.platforms import FINDERS, GATES, gated_out


def timed(texts: Sequence[str], function: Callable[[str], Any]) -> float:
    """One pass of ``function`` over ``texts``, in CPU seconds."""
    start = time.process_time()
    for text in texts:
        function(text)
    return time.process_time() - start


def twitter_only(text: str) -> object:
    return embedfix.repair(text, platforms=["twitter", "bluesky"])


STAGES: tuple[tuple[str, Callable[[str], Any]], ...] = (
    ("repair, all platforms", embedfix.repair),
    ("repair, Twitter grammar only", twitter_only),
    ("bare anchor scan (throughput.py)", anchor_scan),
    ("  mojibake screen (may_change)", may_change),
    ("  exact suspect scan (find_suspect)", find_suspect),
    ("  platform gates (gated_out)", lambda text: gated_out(text, GATES)),
    ("  Twitter and frame grammars", FINDERS["twitter"]),
    ("  '?' run analysis", analyze_runs),
    ("  a call on an empty text, per document", lambda text: embedfix.repair("")),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    records = [r for r in generate(args.docs, seed=args.seed) if "embed" not in r["kinds"]]
    groups = {
        "clean": [r["text"] for r in records if not r["kinds"]],
        "damaged": [r["text"] for r in records if r["kinds"]],
    }
    groups["all embed-free"] = groups["clean"] + groups["damaged"]
    print(
        f"embedfix {embedfix.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    print("load average at the start: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    for name, texts in groups.items():
        chars = sum(map(len, texts))
        print(f"\n{name}: {len(texts):,} documents, {chars / 1e6:.2f} M chars")
        # Interleaved rounds, the best of each stage kept: a busy moment slows every stage alike.
        times = dict.fromkeys((stage for stage, _ in STAGES), float("inf"))
        for _ in range(args.repeat):
            for stage, function in STAGES:
                times[stage] = min(times[stage], timed(texts, function))
        for stage, seconds in times.items():
            print(f"  {stage:<42} {seconds * 1e3:8.1f} ms {chars / seconds / 1e6:9.1f} M chars/s")
        full, tw, scan = (times[s] for s, _ in STAGES[:3])
        print(f"  all platforms vs Twitter only: {tw / full:.2f}x (issue 8: >= 0.85)")
        print(f"  repair vs the bare anchor scan: {scan / full:.2f}x (issue 7: >= 0.3)")
    print("\nload average at the end: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
