"""Flattened embeds written in the style of real scraped news: found, read, and cut cleanly."""

from __future__ import annotations

import json
from typing import Any

import pytest

import embedfix
from conftest import CASES


def _load(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((CASES / name).read_text(encoding="utf-8"))
    return cases


def _compare(doc: embedfix.Document, case: dict[str, Any]) -> None:
    expected = case["quotes"]
    assert len(doc.quotes) == len(expected), [q.handle for q in doc.quotes]
    for q, want in zip(doc.quotes, expected, strict=True):
        got = q.to_dict()
        for key, value in want.items():
            assert got[key] == value, f"{case['label']}: {key}"
    if "body" in case:
        assert doc.body == case["body"]


def _invariants(doc: embedfix.Document) -> None:
    last = 0
    for q in doc.quotes:
        assert q.raw == doc.source[q.span[0] : q.span[1]]
        assert last <= q.span[0] < q.span[1]
        last = q.span[1]
        assert 0.0 <= q.confidence <= 1.0


@pytest.mark.parametrize("case", _load("twitter.json"), ids=lambda c: c["label"])
def test_flattened_tweet_is_found(case: dict[str, Any]) -> None:
    doc = embedfix.repair(case["text"])
    _invariants(doc)
    _compare(doc, case)


@pytest.mark.parametrize("case", _load("negative.json"), ids=lambda c: c["label"])
def test_near_miss_stays_in_the_body(case: dict[str, Any]) -> None:
    doc = embedfix.repair(case["text"])
    assert doc.quotes == ()
    assert doc.body == case["text"]


@pytest.mark.parametrize("case", _load("known-failures.json"), ids=lambda c: c["label"])
@pytest.mark.xfail(strict=True, reason="known failure: see the case's comment")
def test_known_failure(case: dict[str, Any]) -> None:
    doc = embedfix.repair(case["text"])
    _compare(doc, case)
