"""Speed per class of document: `repair` against `ftfy.fix_text` and a bare 4-anchor scan.

    python benchmarks/classes.py [--rounds 5] [--isot 200]

The mix of ``throughput.py`` is generated text; real text is slower (issue 17). This script
builds documents of each kind from real text in ``../shared/corpus/`` (``dev.jsonl``,
``dev_isot.jsonl``, ``isot_bulk.jsonl``) and from the generator of ``make_corpus.py``, and times
on each class: `embedfix.repair` (with the ``fast`` extra's prefilter when ``hyperscan`` is
installed, and without it: the pure-Python path), `ftfy.fix_text` and the bare scan of the four
anchors of ``throughput.py``. Each figure is the best of ``--rounds`` interleaved rounds (every
class and function once per round), in CPU time of this process, so that a change of load during
the run favours none of them.

The embed-free classes are built from the lines of dev-corpus excerpts whose embeds (gold spans)
are cut out, each line kept only if `repair` finds nothing in it; lines are joined into documents
of about 3,000 characters in a seeded order. Without ``../shared`` the script stops with a
message.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ftfy

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from make_corpus import generate
from throughput import anchor_scan

import embedfix
from embedfix import prefilter
from embedfix.encoding.screen import has_trigger
from embedfix.platforms import GATES

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seeds" / "000_3fd9148a9f9c31ee.txt"
DOC_CHARS = 3000


def records(name: str) -> list[dict[str, Any]]:
    with (CORPUS / f"{name}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def without_embeds(record: dict[str, Any]) -> str:
    """The excerpt with its gold embed spans cut out."""
    text, pieces, pos = record["text"], [], 0
    for start, end in sorted(tuple(e["span"]) for e in record["embeds"] if e.get("span")):
        pieces.append(text[pos:start])
        pos = max(pos, end)
    pieces.append(text[pos:])
    return "".join(pieces)


def plain_lines(recs: Sequence[dict[str, Any]], languages: set[str]) -> list[str]:
    """The lines of those excerpts, embeds cut, in which `repair` finds nothing."""
    out = []
    for record in recs:
        if record["language"] not in languages:
            continue
        for line in without_embeds(record).split("\n"):
            line = line.strip()
            if len(line) >= 30 and not embedfix.repair(line, fix_encoding=False).quotes:
                out.append(line)
    return out


ANCHOR_LITERALS = (
    "(@",
    "(\\@",
    "( @",
    "(＠",
    "/status",
    "Skip",
    *(lit for g in GATES.values() for lit in g),
)


def clean(line: str) -> bool:
    """Whether a line holds nothing `repair` could act on: no grammar anchor, no ``?``, no mojibake
    trigger (what the ``fast`` extra's prefilter looks for, in pure Python)."""
    return "?" not in line and not has_trigger(line) and not any(a in line for a in ANCHOR_LITERALS)


def documents(lines: Sequence[str], count: int, seed: int, extra: Sequence[str] = ()) -> list[str]:
    """``count`` documents of about `DOC_CHARS` characters: lines in a seeded order, plus one of
    ``extra`` (when given) at a random place in each."""
    rng = random.Random(seed)
    docs = []
    for _ in range(count):
        chosen: list[str] = []
        while sum(map(len, chosen)) < DOC_CHARS:
            chosen.append(rng.choice(lines))
        if extra:
            chosen.insert(rng.randrange(len(chosen) + 1), rng.choice(extra))
        docs.append("\n\n".join(chosen))
    return docs


def mojibake(text: str) -> str:
    """``text`` as a UTF-8 page read as Windows-1252 shows it (curly quotes made first)."""
    text = text.replace("'", "’")
    return text.encode("utf-8").decode("sloppy-windows-1252")


def build(isot: int, count: int) -> dict[str, list[str]]:
    dev = records("dev")
    english = plain_lines(dev, {"en"})
    no_q = [line for line in english if "?" not in line]
    with_q = [line for line in english if "?" in line]
    greek = [s + "." for line in plain_lines(dev, {"el"}) for s in line.split(". ") if s]
    german = plain_lines(dev, {"de"})
    turkish = plain_lines(dev, {"tr"})
    damaged = [mojibake(line) for line in no_q if "'" in line or not line.isascii()]
    tweets = [r["text"] for r in dev if 1 <= len(r["embeds"]) <= 3]
    isot_docs = [r["text"] for r in records("isot_bulk")[:isot]]
    records_mix = list(generate(count * 10, seed=7))
    generated = [r["text"] for r in records_mix]
    generated_clean = [r["text"] for r in records_mix if not r["kinds"]]
    free = documents(no_q, count, 1)
    mix = free[: count * 19 // 20] + tweets[: max(1, count // 20)]
    random.Random(2).shuffle(mix)
    return {
        "embed-free clean English (no anchor, `?` or mojibake clue)": documents(
            [line for line in no_q if clean(line)], count, 7
        ),
        "embed-free English, no `?`": free,
        "embed-free English with an ordinary `?`": documents(no_q, count, 2, with_q),
        "embed-free Greek": documents(greek, count, 3),
        "embed-free German": documents(german, count, 4),
        "embed-free Turkish": documents(turkish, count, 5),
        "embed-free English + cp1252 mojibake": documents(no_q, count, 6, damaged),
        "1-3 tweets, dev excerpts": tweets,
        "the seed article (2 tweets, `????` runs)": [SEED.read_text(encoding="utf-8")] * 20,
        "ISOT articles (tweet chains)": isot_docs,
        "ISOT dev excerpts": [r["text"] for r in records("dev_isot")],
        "mix built from dev text, 95% embed-free": mix,
        "generated mix (make_corpus.py)": generated,
        "generated, embed-free and undamaged": generated_clean,
    }


def _no_scan(text: str) -> None:
    return None


def pure_repair(text: str) -> object:
    """`repair` on the pure-Python path: the prefilter of the ``fast`` extra reports nothing (the
    library has no switch for it; the benchmark swaps the module's scan and puts it back)."""
    saved = prefilter.scan
    prefilter.scan = _no_scan  # type: ignore[assignment]
    try:
        return embedfix.repair(text)
    finally:
        prefilter.scan = saved


def timed(texts: Sequence[str], function: Callable[[str], Any]) -> float:
    start = time.process_time()
    for text in texts:
        function(text)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--isot", type=int, default=200, help="ISOT articles (of 977)")
    parser.add_argument("--docs", type=int, default=100, help="documents per built class")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        sys.exit(f"needs the shared corpus at {CORPUS}")
    fast = prefilter.available()
    functions: dict[str, Callable[[str], Any]] = {"repair": embedfix.repair}
    if fast:
        functions["repair, no extra"] = pure_repair
    functions |= {"ftfy.fix_text": ftfy.fix_text, "4-anchor scan": anchor_scan}
    classes = build(args.isot, args.docs)
    print(
        f"embedfix {embedfix.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    print(f"fast extra (hyperscan prefilter): {'installed' if fast else 'not installed'}")
    print("load average at the start: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    best: dict[tuple[str, str], float] = {}
    for _ in range(args.rounds):
        for name, texts in classes.items():
            for label, function in functions.items():
                seconds = timed(texts, function)
                best[name, label] = min(best.get((name, label), seconds), seconds)
    print("load average at the end: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    head = [*functions, "repair/ftfy"]
    if fast:
        head.append("no extra/ftfy")
    head.append("repair/scan")
    print("\n| document class | docs | M chars | " + " | ".join(head) + " |")
    print("|---|---|---|" + "---|" * len(head))
    for name, texts in classes.items():
        chars = sum(map(len, texts))
        speed = {label: chars / best[name, label] / 1e6 for label in functions}
        cells = [f"{speed[label]:.2f}" for label in functions]
        cells.append(f"**{speed['repair'] / speed['ftfy.fix_text']:.2f}×**")
        if fast:
            cells.append(f"{speed['repair, no extra'] / speed['ftfy.fix_text']:.2f}×")
        cells.append(f"{speed['repair'] / speed['4-anchor scan']:.2f}×")
        print(f"| {name} | {len(texts)} | {chars / 1e6:.2f} | " + " | ".join(cells) + " |")
    print("\n(speeds in M chars/s of CPU time, best of interleaved rounds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
