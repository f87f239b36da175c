"""Inputs that once crashed a fuzz harness: each must now run cleanly (see README.md here)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

import embedfix

CASES_FILE = Path(__file__).resolve().parent / "fuzz_cases.json"
CASES: list[dict[str, Any]] = json.loads(CASES_FILE.read_text(encoding="utf-8"))


def _check_spans(source: str, items: Any) -> None:
    end = 0
    for item in items:
        start, stop = item.span
        assert end <= start <= stop <= len(source)
        assert (item.raw if hasattr(item, "raw") else item.original) == source[start:stop]
        end = stop


def _run(target: str, text: str) -> None:
    if target == "repair":
        doc = embedfix.repair(text)
        _check_spans(text, doc.quotes)
        _check_spans(text, doc.repairs)
        again = embedfix.repair(doc.body)  # idempotent: nothing found, nothing changed
        assert (again.quotes, again.body, again.repairs) == ((), doc.body, ())
    elif target == "repair_html":
        _check_spans(text, embedfix.repair_html(text).quotes)
    else:
        for mode in ("mark", "drop", "keep"):
            _, repairs = embedfix.fix_encoding(text, lost=mode)
            _check_spans(text, repairs)


def test_the_case_file_is_well_formed() -> None:
    assert CASES, "the regression list is empty: the replay test below would run over nothing"
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    for case in CASES:
        assert case["target"] in ("repair", "repair_html", "fix_encoding")
        assert isinstance(case["text"], str) and case["note"]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_a_former_fuzz_crash_runs_cleanly(case: dict[str, Any]) -> None:
    _run(case["target"], case["text"])


def _harness() -> Any:
    path = Path(__file__).resolve().parents[2] / "fuzz" / "_harness.py"
    spec = importlib.util.spec_from_file_location("fuzz_harness", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_harness_decodes_bytes_to_every_kind_of_str() -> None:
    text_from = _harness().text_from
    assert text_from(b"") == ""
    assert text_from(b"\x00\xe2\x80\x94 (@a)") == "\N{EM DASH} (@a)"
    assert text_from(b"\x01\x3d\xd8\x41\x00") == "\ud83dA"  # a lone surrogate survives
    assert text_from(b"\x02\x00\x1b\x85") == "\x00\x1b\x85"
