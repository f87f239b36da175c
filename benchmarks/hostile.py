"""Hostile inputs: does ``repair`` (and ``repair_html``) stay linear when the text fights back?

    python benchmarks/hostile.py [--size 256000] [--quick]

Each input is built at N, 2N and 4N characters (256 kB, 512 kB and 1 MB by default) and timed;
the ratio of each time to the previous one is printed. Linear time gives about 2; quadratic gives
4 (issue 6 asks for at most 2.5). The script exits with status 1 if any ratio exceeds 2.5, or if
any input makes the library raise; it is a check to run by hand or in CI, not a unit test.
Timings on a shared machine are noisy, so each time is the best of several runs of at least
50 ms, a ratio over the limit is measured again before it counts, and ratios between times under
5 ms are not judged.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import embedfix

LIMIT = 2.5
"""The largest acceptable time ratio between an input and one half its size."""

FLOOR = 0.005
"""A ratio whose larger time is under 5 ms is not judged: at these sizes such times are memory
and cache effects (a 256 kB string fits in L2, a 1 MB one does not), and a truly quadratic pass
over 1 MB could never run that fast."""

RETRIES = 3
"""How many times a ratio over the limit is measured again (keeping the best times) before it
counts, so that a burst of load on a shared machine does not fail the run."""

GIVE_UP_SECONDS = 20.0
"""An input this slow at one size is not run at the next (and counts as a failure)."""


def repeat_to(text: str, size: int) -> str:
    """``text`` repeated and cut to exactly ``size`` characters."""
    return (text * (size // len(text) + 1))[:size]


def random_unicode(size: int) -> str:
    """Seeded random code points from the whole range, surrogates excluded.

    One seed for every size, so each input is the start of the next and a doubling adds more of
    the same. (A seed per size made each size a different text: how many suspect stretches it
    held, and where ftfy's 1,000,000-character segments cut it, moved its time by a factor of two
    either way, whatever the code did.)"""
    rng = random.Random(2026)
    out = []
    while len(out) < size:
        cp = rng.randrange(0x110000)
        if not 0xD800 <= cp <= 0xDFFF:
            out.append(chr(cp))
    return "".join(out)


TEXT_CASES: dict[str, Callable[[int], str]] = {
    "'(@a) ' repeated": lambda n: repeat_to("(@a) ", n),
    "'(@' repeated": lambda n: repeat_to("(@", n),
    "'( @a )' with spaces": lambda n: repeat_to("( @a ) ", n),
    "'?' run": lambda n: "?" * n,
    "'?? ' runs": lambda n: repeat_to("???? ?? ", n),
    "'a?' repeated (each '?' a lost letter)": lambda n: repeat_to("a?", n),
    "'Why? ' repeated (ordinary '?')": lambda n: repeat_to("Why? ", n),
    "'— ' repeated": lambda n: repeat_to("— ", n),
    "'--' run": lambda n: "-" * n,
    "digits": lambda n: repeat_to("0123456789", n),
    "digits and spaces": lambda n: repeat_to("12 2021 6, ", n),
    "random Unicode": random_unicode,
    "'@' run": lambda n: "@" * n,
    "'#' run": lambda n: "#" * n,
    "'a' line": lambda n: "a" * n,
    "spaces": lambda n: " " * n,
    "newlines": lambda n: "\n" * n,
    "nested '((('": lambda n: "(" * n,
    "'— Name (@h) ' no date": lambda n: repeat_to("— Jane Doe (@janedoe) ", n),
    "signatures, no text": lambda n: repeat_to("— Jane Doe (@janedoe) April 6, 2021 ", n),
    "many whole embeds": lambda n: repeat_to(
        "Stay safe everyone pic.twitter.com/AbCdEf1234— Jane Doe (@janedoe) April 6, 2021\n", n
    ),
    "glued media links": lambda n: repeat_to("pic.twitter.com/AbCdEf1234—", n),
    "dates repeated": lambda n: repeat_to("April 6, 2021 ", n),
    "status URLs": lambda n: repeat_to("https://twitter.com/a/status/1234567890123456789\n", n),
    "signatures, some wrapped by '&#10;'": lambda n: repeat_to(
        "— Ann Lee (@ann) May 2, 2019\nThe mayor spoke.\n"
        "— Bob Ray (@bob)&#10;May 3, 2019\nMore prose here.\n",
        n,
    ),  # found in the source and in the body as read, many of each, apart
    "mojibake": lambda n: repeat_to("Itâ€™s â€œfineâ€\x9d â€” ", n),
    "one line, no newline, words": lambda n: repeat_to("the council met on Tuesday ", n),
}
"""Text inputs for ``repair``, each a function of the size in characters."""


def nested_tags(n: int) -> str:
    depth = n // 25  # 256 kB -> about 10k nested tags
    return (
        "<div><blockquote class='twitter-tweet'>" * (depth // 2)
        + "x"
        + ("</blockquote></div>" * (depth // 2))
    )


HTML_CASES: dict[str, Callable[[int], str]] = {
    "10k+ nested tags": nested_tags,
    "huge attribute": lambda n: (
        '<blockquote class="twitter-tweet" data-x="' + "a" * n + '"><p>hi</p>&mdash; A (@a) '
        '<a href="https://twitter.com/a/status/1">April 6, 2021</a></blockquote>'
    ),
    "many embeds": lambda n: repeat_to(
        '<blockquote class="twitter-tweet"><p lang="en">Hi</p>&mdash; Jane (@jane) '
        '<a href="https://twitter.com/jane/status/1234567890">April 6, 2021</a></blockquote>\n',
        n,
    ),
    "unclosed '<' run": lambda n: "<" * n,
}
"""HTML inputs for ``repair_html``."""


def best_time(function: Callable[[str], object], text: str) -> float:
    """The best time of one call: from 3 batches of at least 50 ms, or of 2 calls if slow. CPU
    time of this process: wall time on a shared machine counts the other jobs too."""
    start = time.process_time()
    function(text)
    first = time.process_time() - start
    if first > 1.0:
        start = time.process_time()
        function(text)
        return min(first, time.process_time() - start)
    number = max(1, math.ceil(0.05 / max(first, 1e-6)))
    best = first
    for _ in range(3):
        start = time.process_time()
        for _ in range(number):
            function(text)
        best = min(best, (time.process_time() - start) / number)
    return best


def check(
    name: str, function: Callable[[str], object], make: Callable[[int], str], sizes: list[int]
) -> bool:
    """Time one input at each size and print a row; False if it is superlinear or raises.

    A ratio over the limit is measured again at both sizes (up to ``RETRIES`` times, keeping
    the best times) before it counts.
    """
    times: list[float] = []
    try:
        for size in sizes:
            if times and times[-1] > GIVE_UP_SECONDS:
                print(f"{name:<30} gave up: {times[-1]:.1f} s at the previous size")
                return False
            times.append(best_time(function, make(size)))
        for i in range(len(times) - 1):
            for _ in range(RETRIES):
                if times[i + 1] / times[i] <= LIMIT or times[i + 1] < FLOOR:
                    break
                times[i] = min(times[i], best_time(function, make(sizes[i])))
                times[i + 1] = min(times[i + 1], best_time(function, make(sizes[i + 1])))
    except NotImplementedError:
        print(f"{name:<30} skipped: not implemented yet")
        return True
    except Exception as exc:
        print(f"{name:<30} RAISED {type(exc).__name__}: {str(exc)[:80]}")
        return False
    ratios = [b / a for a, b in itertools.pairwise(times)]
    ok = all(r <= LIMIT or t < FLOOR for r, t in zip(ratios, times[1:], strict=True))
    cells = "  ".join(f"{t * 1000:9.2f} ms" for t in times)
    shown = "  ".join(
        f"{r:5.2f}{'*' if r > LIMIT else ' '}" for r in ratios
    )  # * = over the limit, but between times under FLOOR: not judged
    print(f"{name:<30} {cells}   ratios {shown}  {'ok' if ok else 'SUPERLINEAR'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=256_000, help="N, in characters")
    parser.add_argument("--quick", action="store_true", help="N and 2N only")
    args = parser.parse_args(argv)
    sizes = [args.size, 2 * args.size] + ([] if args.quick else [4 * args.size])
    header = "  ".join(f"{s // 1000:>9} k " for s in sizes)
    print(f"embedfix {embedfix.__version__}: time per call at {header} (limit ratio {LIMIT})\n")
    print("repair(text)")
    results = [check(name, embedfix.repair, make, sizes) for name, make in TEXT_CASES.items()]
    print("\nrepair_html(html)")
    results += [check(n, embedfix.repair_html, make, sizes) for n, make in HTML_CASES.items()]
    failed = results.count(False)
    print(f"\n{len(results) - failed} of {len(results)} inputs linear; {failed} failed")
    print(f"(* a ratio between times under {FLOOR * 1000:.0f} ms: not judged)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
