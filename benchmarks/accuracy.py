"""Accuracy on real text, in one table: the dev corpora, the ISOT bulk set, cross-validated starts.

    python benchmarks/accuracy.py [--shared ../shared] [--show-misses]

* ``dev.jsonl`` and ``dev_isot.jsonl``: scored by ``../shared/tools/eval_corpus.py`` (the public
  API only: recall, precision, false positives on negatives, author, start and end exactness, …).
* ``isot_bulk.jsonl`` (labelled automatically, no post start): per signature, whether a quote
  covers it (found), and whether its handle, date and author match the label.
* Leave-one-source-out start accuracy: the start model (`embedfix.start_model`) refitted without
  each source in turn and scored on it (see ``benchmarks/calibration.py`` for the details and the
  calibration of the confidence).

The corpora live outside the repository (``../shared/corpus``); the script says so and exits 2
when they are absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import embedfix  # noqa: E402


def load_tool(shared: Path) -> ModuleType:
    """The corpus scorer shipped with the shared corpus."""
    path = shared / "tools" / "eval_corpus.py"
    spec = importlib.util.spec_from_file_location("eval_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score_bulk(cases: list[dict[str, Any]], norm_name: Any) -> tuple[dict[str, float], list[str]]:
    """Per labelled signature: a quote whose span covers the signature's ``(@handle)``, and its
    handle, date and author against the label."""
    n = found = handle = date = author = 0
    misses: list[str] = []
    for case in cases:
        text = case["text"]
        quotes = [q for q in embedfix.repair(text).quotes if q.span is not None]
        for gold in case["embeds"]:
            n += 1
            s, e = gold["signature_span"]
            anchor = text.find("(@", s, e)
            hit = next((q for q in quotes if q.span[0] <= anchor < q.span[1]), None)
            if hit is None:
                misses.append(f"{case['id']}: missed @{gold['handle']} {text[s:e]!r}")
                continue
            found += 1
            handle += (hit.handle or "").casefold() == gold["handle"].casefold()
            date += hit.date is not None and hit.date.isoformat() == gold["date"]
            same = norm_name(hit.author) == norm_name(gold["author"])
            author += same
            if not same:
                misses.append(f"{case['id']}: author {hit.author!r} want {gold['author']!r}")
    return {
        "signatures": n,
        "found": found / n if n else 0.0,
        "handle": handle / found if found else 0.0,
        "date": date / found if found else 0.0,
        "author": author / found if found else 0.0,
    }, misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--no-cv", action="store_true", help="skip the cross-validation (slow part)")
    args = ap.parse_args(argv)
    corpus = args.shared / "corpus"
    if not (corpus / "dev.jsonl").exists():
        print(f"no corpus at {corpus}: pass --shared", file=sys.stderr)
        return 2
    tool = load_tool(args.shared)
    rows: dict[str, dict[str, Any]] = {}
    for name in ("dev.jsonl", "dev_isot.jsonl"):
        result, misses = tool.evaluate(read_jsonl(corpus / name))
        rows[name] = result
        if args.show_misses:
            for cid, what in misses:
                print(f"{name} {cid}: {what}")
    bulk, misses = score_bulk(read_jsonl(corpus / "isot_bulk.jsonl"), tool.norm_name)
    if args.show_misses:
        for line in misses:
            print("isot_bulk", line)
    keys = [
        "gold_embeds",
        "recall",
        "precision",
        "false_pos_in_negatives",
        "author_acc",
        "handle_acc",
        "date_acc",
        "media_acc",
        "start_exact",
        "end_exact",
        "span_iou",
        "body_residue_cases",
        "errors",
    ]
    print("| figure | dev.jsonl | dev_isot.jsonl |")
    print("|---|---|---|")
    for key in keys:
        cells = [_cell(rows[name][key]) for name in ("dev.jsonl", "dev_isot.jsonl")]
        print(f"| {key} | {cells[0]} | {cells[1]} |")
    print()
    print("| isot_bulk.jsonl | value |")
    print("|---|---|")
    for key, value in bulk.items():
        print(f"| {key} | {_cell(value)} |")
    if not args.no_cv:
        import calibration

        cv = calibration.cross_validate(corpus)
        print()
        print("| leave-one-source-out (dev.jsonl + dev_isot.jsonl) | value |")
        print("|---|---|")
        print(f"| sources | {cv.sources} |")
        print(f"| embeds scored | {cv.n} |")
        print(f"| start_exact | {cv.start_exact:.3f} |")
        print(f"| expected calibration error | {cv.ece:.3f} |")
    return 0


def _cell(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    sys.exit(main())
