"""Throughput of embedfix on a realistic mix, against ftfy and a bare anchor scan, in one run.

    python benchmarks/throughput.py [--docs 3000] [--seed 7] [--cli-mb 40] [--cli-mb-large 160]

Measures, on the corpus of ``make_corpus.py`` (95% of documents without embeds):

* ``embedfix.repair`` over every document, in characters and documents per second;
* ``ftfy.fix_text`` over the same documents, and the ratio (target: repair >= 10x ftfy);
* ``repair(..., fix_encoding=False)``, when the installed version accepts it;
* the embed-free path: ``repair`` on the documents without embeds, against a bare ``regex`` scan
  for the anchors a detector must look for (the practical limit; target >= 0.3x): the four
  Twitter and Instagram anchors the target was set against, and every anchor of the nine
  platforms' grammars; and the same for detection alone (``fix_encoding=False``: no mojibake
  screen, which no anchor scan does), with every platform and with the three the four anchors
  find;
* the ``embedfix`` command end to end on a JSON Lines file with ``--jobs 1`` and ``--jobs 2``,
  in MB/s, and the speed-up (target >= 1.7x on two cores); its start-up (empty input), which a
  whole corpus amortises; and the same on a larger file (``--cli-mb-large``), with the steady
  speed-up taken from the two sizes (the ratio of the extra time the extra megabytes cost),
  which needs no start-up time to be subtracted.

Times are the best of ``--repeat`` runs (the machine may be shared and noisy); ratios are taken
within one run so they compare like with like.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ftfy
import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from make_corpus import generate

import embedfix
from embedfix.platforms import GATES

ANCHORS = tuple(
    regex.compile(pattern)
    for pattern in (
        r"\(\s?\\?[@＠]",  # (@handle) of a signature
        r"pic\.(?:twitter|x)\.com/",  # a media link
        r"/status(?:es)?/",  # a permalink
        r"View this post on Instagram",  # embed boilerplate
    )
)
"""What a cheap first scan must look for: a handle in parentheses, a media link, a permalink, the
boilerplate of an Instagram embed; one search each (an alternation of them runs several times
slower in ``regex``). A document with none of these has no embed."""


ALL_ANCHORS = ANCHORS + tuple(
    regex.compile(pattern)
    for pattern in (
        r"Skip\s",  # a news site's frame around any embed ("Skip Twitter post by …")
        r"End\sof\s",
        *dict.fromkeys(
            regex.escape(literal) for gate in GATES.values() for literal in gate
        ),  # the literals of the other platforms' grammars (issue 8)
    )
)
"""Every anchor of the nine platforms' grammars: the ones above, the frame leads, and the literals
each other platform's matches hold (`embedfix.platforms.GATES`)."""


FOUR_ANCHOR_PLATFORMS = ("twitter", "bluesky", "instagram")
"""The platforms whose embeds the four `ANCHORS` find (a Bluesky signature has ``(@``)."""


def anchor_scan(text: str) -> bool:
    """The practical limit of an embed-free fast path: one search per anchor."""
    return any(pattern.search(text) for pattern in ANCHORS)


def all_anchor_scan(text: str) -> bool:
    """The same for every anchor the library's nine platforms need."""
    return any(pattern.search(text) for pattern in ALL_ANCHORS)


def best_time(function: Callable[[], Any], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def over(texts: Sequence[str], function: Callable[[str], Any]) -> Callable[[], None]:
    def run() -> None:
        for text in texts:
            function(text)

    return run


def cli_times(path: Path, jobs_list: Sequence[int], repeat: int) -> dict[int, tuple[float, float]]:
    """Best wall time and its CPU time (user + system, all processes) of the command per --jobs.

    The runs are interleaved (1, 2, 1, 2, ...) so that a change in the machine's load during the
    measurement does not favour one setting. The command runs from byte-compiled modules, as an
    installed package does (pip compiles them at install): ``PYTHONDONTWRITEBYTECODE`` is dropped
    from its environment and a first, untimed run writes the ``.pyc`` files. Without them every
    run would spend about 0.2 s compiling the library's source, which is no cost of the command.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1] / "src")
    warm_up = [sys.executable, "-m", "embedfix", "repair", "-q", "--jobs", "1", os.devnull]
    subprocess.run(warm_up, env=env, check=False, capture_output=True)
    best: dict[int, tuple[float, float]] = {}
    for _ in range(repeat):
        for jobs in jobs_list:
            command = [sys.executable, "-m", "embedfix", "repair", str(path), "-q"]
            command += ["--jobs", str(jobs), "-o", os.devnull]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, env=env, check=False, capture_output=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode not in (0, 1):
                raise SystemExit(f"embedfix failed: {done.stderr.decode()[-2000:]}")
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if jobs not in best or wall < best[jobs][0]:
                best[jobs] = (wall, cpu)
    return best


def write_jsonl(path: Path, megabytes: float, seed: int) -> Path:
    """Write about ``megabytes`` MB of the mix to ``path`` as JSON Lines; return the path."""
    with path.open("w", encoding="utf-8") as out:
        for record in generate(None, seed=seed, max_bytes=int(megabytes * 1e6)):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def english_only_dates(texts: Sequence[str], repeat: int) -> float:
    """Time `repair` with the date grammar cut down to English, for the issue-4 comparison.

    The library has no such switch (every language is always on); the benchmark swaps the
    module's parser for the duration of the measurement and puts it back.
    """
    import embedfix.dates as dates

    saved = dates._PARSER
    dates._PARSER = dates.DateParser(["en"])
    try:
        return best_time(over(texts, embedfix.repair), repeat)
    finally:
        dates._PARSER = saved


def row(name: str, chars: int, docs: int, seconds: float) -> str:
    return (
        f"{name:<34} {chars / seconds / 1e6:8.2f} Mchar/s {docs / seconds:10,.0f} docs/s "
        f"{seconds:8.3f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=3000, help="documents in the mix")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    parser.add_argument("--cli-mb", type=float, default=40.0, help="JSON Lines size for the CLI")
    parser.add_argument(
        "--cli-mb-large",
        type=float,
        default=160.0,
        help="a larger JSON Lines file for the CLI, where start-up weighs less (0: skip)",
    )
    args = parser.parse_args(argv)

    records = list(generate(args.docs, seed=args.seed))
    texts = [r["text"] for r in records]
    clean = [r["text"] for r in records if "embed" not in r["kinds"]]
    chars, clean_chars = sum(map(len, texts)), sum(map(len, clean))
    print(
        f"embedfix {embedfix.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    print("load average at the start: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    print(
        f"corpus: {len(texts):,} documents, {chars / 1e6:.1f} M chars, "
        f"{len(texts) - len(clean)} with embeds, "
        f"{sum('mojibake' in r['kinds'] for r in records)} with mojibake, "
        f"{sum('lost' in r['kinds'] for r in records)} with '?' damage"
    )
    found = sum(len(embedfix.repair(t).quotes) for t in texts)  # also warms caches and imports
    print(f"embeds found by repair: {found}\n")

    t_repair = best_time(over(texts, embedfix.repair), args.repeat)
    t_ftfy = best_time(over(texts, ftfy.fix_text), 1)  # slow enough to be steady
    print(row("embedfix.repair (mix)", chars, len(texts), t_repair))
    print(row("ftfy.fix_text (mix)", chars, len(texts), t_ftfy))
    try:
        embedfix.repair("x", fix_encoding=False)
    except TypeError:
        print(f"{'repair(fix_encoding=False)':<34} not supported by this version")
    else:
        t_raw = best_time(
            over(texts, lambda t: embedfix.repair(t, fix_encoding=False)), args.repeat
        )
        print(row("repair(fix_encoding=False) (mix)", chars, len(texts), t_raw))
    t_english = english_only_dates(texts, args.repeat)
    print(row("repair, English-only dates (mix)", chars, len(texts), t_english))
    t_clean = best_time(over(clean, embedfix.repair), args.repeat)
    # The scans take a tenth of the time of the rest: more runs, so a busy moment cannot flatter
    # the ratios they are the denominator of.
    t_scan = best_time(over(clean, anchor_scan), 3 * args.repeat)
    t_scan_all = best_time(over(clean, all_anchor_scan), 3 * args.repeat)
    print(row("embedfix.repair (embed-free only)", clean_chars, len(clean), t_clean))
    t_tw = best_time(
        over(clean, lambda t: embedfix.repair(t, platforms=["twitter", "bluesky"])), args.repeat
    )
    print(row("repair, Twitter grammar only (same)", clean_chars, len(clean), t_tw))
    t_detect = best_time(over(clean, lambda t: embedfix.repair(t, fix_encoding=False)), args.repeat)
    print(row("repair(fix_encoding=False) (same)", clean_chars, len(clean), t_detect))
    t_detect4 = best_time(
        over(
            clean, lambda t: embedfix.repair(t, platforms=FOUR_ANCHOR_PLATFORMS, fix_encoding=False)
        ),
        args.repeat,
    )
    print(row("  the same, Twitter, Bluesky, Instagram", clean_chars, len(clean), t_detect4))
    print(row("bare regex anchor scan (same)", clean_chars, len(clean), t_scan))
    print(row("the same, all platforms' anchors", clean_chars, len(clean), t_scan_all))

    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(Path(tmp) / "mix.jsonl", args.cli_mb, args.seed)
        megabytes = path.stat().st_size / 1e6
        cli = cli_times(path, (1, 2), args.repeat)
        empty = Path(tmp) / "empty.jsonl"
        empty.touch()
        starts = cli_times(empty, (1, 2), args.repeat)
        t_start, t_start2 = starts[1][0], starts[2][0]
        large: dict[int, tuple[float, float]] = {}
        large_mb = 0.0
        if args.cli_mb_large > 0:
            big = write_jsonl(Path(tmp) / "large.jsonl", args.cli_mb_large, args.seed)
            large_mb = big.stat().st_size / 1e6
            large = cli_times(big, (1, 2), args.repeat)
    (t_cli1, cpu1), (t_cli2, cpu2) = cli[1], cli[2]
    print(f"\nembedfix repair CLI on {megabytes:.1f} MB of JSON Lines (wall time, incl. start-up):")
    print(f"{'  --jobs 1':<34} {megabytes / t_cli1:8.2f} MB/s {t_cli1:8.3f} s  ({cpu1:.2f} CPU-s)")
    print(f"{'  --jobs 2':<34} {megabytes / t_cli2:8.2f} MB/s {t_cli2:8.3f} s  ({cpu2:.2f} CPU-s)")
    print(f"{'  start-up (empty input)':<34} {'':>13} {t_start:8.3f} s")
    print(f"{'  start-up, --jobs 2 (empty input)':<34} {'':>13} {t_start2:8.3f} s")
    if large:
        (t_big1, cpu_big1), (t_big2, cpu_big2) = large[1], large[2]
        print(f"embedfix repair CLI on {large_mb:.1f} MB of JSON Lines (the same):")
        print(
            f"{'  --jobs 1':<34} {large_mb / t_big1:8.2f} MB/s {t_big1:8.3f} s  "
            f"({cpu_big1:.2f} CPU-s)"
        )
        print(
            f"{'  --jobs 2':<34} {large_mb / t_big2:8.2f} MB/s {t_big2:8.3f} s  "
            f"({cpu_big2:.2f} CPU-s)"
        )
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  load average at the end: {load} (on {os.cpu_count()} CPUs)")
    steady = (t_cli1 - t_start) / max(t_cli2 - t_start, 1e-9)

    print("\nratios (target):")
    print(f"  repair vs ftfy.fix_text         {t_ftfy / t_repair:6.2f}x  (>= 10)")
    print(f"  embed-free repair vs bare scan  {t_scan / t_clean:6.2f}x  (>= 0.3)")
    print(f"    vs all platforms' anchors     {t_scan_all / t_clean:6.2f}x")
    print("  detection alone (fix_encoding=False), embed-free:")
    print(f"    vs all platforms' anchors     {t_scan_all / t_detect:6.2f}x")
    print(f"    vs the 4-anchor scan          {t_scan / t_detect:6.2f}x")
    print(f"    its 3 platforms vs their 4    {t_scan / t_detect4:6.2f}x")
    print(f"  all date languages vs English   {t_english / t_repair:6.2f}x  (>= 0.8)")
    print(f"  all platforms vs Twitter only   {t_tw / t_clean:6.2f}x  (>= 0.85, embed-free)")
    print(f"  CLI --jobs 2 vs --jobs 1        {t_cli1 / t_cli2:6.2f}x  (>= 1.7 on two cores)")
    print(f"    the same without start-up     {steady:6.2f}x")
    if large:
        print(f"  {f'the same on {large_mb:.0f} MB':<32}{t_big1 / t_big2:6.2f}x")
        extra1, extra2 = t_big1 - t_cli1, t_big2 - t_cli2
        label = f"  steady: {large_mb:.0f} MB minus {megabytes:.0f} MB"
        if extra2 > 0:
            print(f"  {label:<32}{extra1 / extra2:6.2f}x")
        else:
            print(f"  {label:<32}   n/a (the larger file was not slower)")
    print(f"  start-up, --jobs 1 and 2 (s)    {t_start:.3f} and {t_start2:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
