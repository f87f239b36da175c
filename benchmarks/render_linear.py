"""Is drawing a result linear? ``embedfix.render.html`` timed on inputs that double in size.

    python benchmarks/render_linear.py [--size 250000] [--rounds 5]

For each input (the README article repeated, a document of embeds whose text and fields are
markup, Arabic and Hebrew with controls, long ``?`` runs and mojibake, and a ``repair_html``
page), the document is repaired once at N, 2N and 4N characters, then the page is drawn in
interleaved rounds (each size in turn, so load bursts hit all three alike) and the best CPU time
of each size is kept. Linear time gives a ratio of about 2 per doubling, quadratic 4; the script
exits 1 if any ratio exceeds 2.5. Repair is not timed: ``benchmarks/hostile.py`` covers it.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import embedfix  # noqa: E402
from embedfix import render  # noqa: E402
from render_check import hostile_document  # noqa: E402

LIMIT = 2.5
"""The largest acceptable ratio between the time at one size and at half of it."""


def repeat_to(text: str, size: int) -> str:
    """``text`` repeated and cut to ``size`` characters."""
    return (text * (size // len(text) + 1))[:size]


ARTICLE = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
DAMAGED = (
    "Itâ€™s a mess ???????? ???? and more ðŸŽ‰ pic.twitter.com/AbCdEf1234— Jane ???? Doe "
    "(@janedoe) May 2, 2019\nThe council’s report â€” late again ??? is it?\n"
)
EMBED_HTML = (
    '<p>Before <b>it</b>.</p><blockquote class="twitter-tweet"><p lang="en">We won &amp; '
    '<a href="https://t.co/abc">pic.twitter.com/abc</a></p>&mdash; Jane Doe (@janedoe) '
    '<a href="https://twitter.com/janedoe/status/1123456789012345678">May 2, 2019</a>'
    "</blockquote>\n"
)

INPUTS: dict[str, Callable[[int], embedfix.Document | embedfix.HtmlDocument]] = {
    "README article repeated": lambda n: embedfix.repair(repeat_to(ARTICLE, n)),
    "hostile markup, RTL, controls": lambda n: embedfix.repair(hostile_document(n)),
    "lost runs and mojibake": lambda n: embedfix.repair(repeat_to(DAMAGED, n)),
    "plain text, no embed": lambda n: embedfix.repair(repeat_to("Plain <b>text</b> & more. ", n)),
    "repair_html page": lambda n: embedfix.repair_html(repeat_to(EMBED_HTML, n)),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=250_000, help="the smallest input (chars)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds per input")
    args = parser.parse_args()
    sizes = [args.size, args.size * 2, args.size * 4]
    print(f"render.html, CPU time, best of {args.rounds} interleaved rounds; limit {LIMIT}")
    print(f"{'input':32} {'quotes at 4N':>12} " + " ".join(f"{s:>10,}" for s in sizes) + "  ratios")
    failed = False
    for name, make in INPUTS.items():
        docs = [make(size) for size in sizes]
        best = [float("inf")] * len(sizes)
        for _ in range(args.rounds):
            for i, doc in enumerate(docs):
                start = time.process_time()
                render.html(doc)
                best[i] = min(best[i], time.process_time() - start)
        ratios = [b / a for a, b in itertools.pairwise(best)]
        failed = failed or any(r > LIMIT for r in ratios)
        times = " ".join(f"{t * 1000:8.1f}ms" for t in best)
        print(
            f"{name:32} {len(docs[-1].quotes):>12} {times}  " + " ".join(f"{r:.2f}" for r in ratios)
        )
    print("FAIL: a ratio exceeds the limit" if failed else "all linear at the limit")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
