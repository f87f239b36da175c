"""Shared test helpers: where ../shared is, and loaders for the JSON cases."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import embedfix

settings.register_profile("embedfix-ci", derandomize=True)
if os.environ.get("CI"):
    # CI runs the same examples every time: a red run names a reproducible failure, never a
    # random draw. New examples are hunted locally (--hypothesis-seed, EMBEDFIX_PROPERTY_EXPLORE)
    # and by the fuzz run; what they find is kept in tests/regressions/.
    settings.load_profile("embedfix-ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = Path(__file__).resolve().parent / "cases"


def shared_path(*parts: str) -> Path:
    """A file in ../shared, or skip the test with the reason when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"{path} is absent: the shared research folder is only beside CI and dev clones"
        )
    return path


def load_cases(name: str) -> list[dict[str, Any]]:
    """The cases of one JSON file in tests/cases (schema in tests/cases/README.md)."""
    cases: list[dict[str, Any]] = json.loads((CASES / name).read_text(encoding="utf-8"))
    return cases


def check_invariants(doc: embedfix.Document) -> None:
    """What holds for every document: exact raw slices, ordered disjoint spans, sane fields."""
    last = 0
    for q in doc.quotes:
        assert q.raw == doc.source[q.span[0] : q.span[1]]
        assert last <= q.span[0] < q.span[1]
        last = q.span[1]
        assert 0.0 <= q.confidence <= 1.0
        if q.text_span is not None:
            assert q.span[0] <= q.text_span[0] <= q.text_span[1] <= q.span[1]


def check_case(doc: embedfix.Document, case: dict[str, Any]) -> None:
    """Compare a document with a case: as many quotes, each expected key equal, and the body."""
    check_invariants(doc)
    expected = case["quotes"]
    assert len(doc.quotes) == len(expected), [(q.platform, q.handle) for q in doc.quotes]
    for q, want in zip(doc.quotes, expected, strict=True):
        got = q.to_dict()
        for key, value in want.items():
            assert got[key] == value, f"{case['label']}: {key}"
    if "body" in case:
        assert doc.body == case["body"]
