"""The dev corpus of real scraped text, scored by the shared evaluation tool at the issue's floors."""

from __future__ import annotations

import importlib.util
import json
from typing import Any

from conftest import shared_path

FLOORS = {
    "recall": 0.97,
    "precision": 0.98,
    "handle_acc": 0.97,
    "date_acc": 0.97,
    "media_acc": 0.97,
    "author_acc": 0.95,
    "start_exact": 0.90,
    "span_iou": 0.95,
}


ISOT_FLOORS = {
    "recall": 0.98,
    "precision": 0.98,
    "author_acc": 0.97,
    "start_exact": 0.93,
    "span_iou": 0.95,
}
"""Issue 14's floors on ``dev_isot.jsonl`` (the dash-stripped form of the ISOT corpus)."""


def _evaluate(name: str = "dev.jsonl") -> dict[str, Any]:
    tool = shared_path("tools", "eval_corpus.py")
    corpus = shared_path("corpus", name)
    spec = importlib.util.spec_from_file_location("eval_corpus", tool)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with corpus.open(encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    result, _misses = module.evaluate(cases)
    return dict(result)


def test_dev_corpus_meets_the_floors() -> None:
    result = _evaluate()
    low = {k: round(result[k], 3) for k, floor in FLOORS.items() if result[k] < floor}
    assert not low, f"below the floor: {low}"
    assert result["false_pos_in_negatives"] == 0
    assert result["body_residue_cases"] == 0
    assert result["errors"] == 0


def test_isot_dev_corpus_meets_the_floors() -> None:
    result = _evaluate("dev_isot.jsonl")
    low = {k: round(result[k], 3) for k, floor in ISOT_FLOORS.items() if result[k] < floor}
    assert not low, f"below the floor: {low}"
    assert result["false_pos_in_negatives"] == 0
    assert result["errors"] == 0
