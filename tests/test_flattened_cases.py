"""Flattened embeds written in the style of real scraped news: found, read, and cut cleanly."""

from __future__ import annotations

from typing import Any

import pytest

import embedfix
from conftest import check_case, load_cases


@pytest.mark.parametrize("case", load_cases("twitter.json"), ids=lambda c: c["label"])
def test_flattened_tweet_is_found(case: dict[str, Any]) -> None:
    check_case(embedfix.repair(case["text"]), case)


@pytest.mark.parametrize("case", load_cases("negative.json"), ids=lambda c: c["label"])
def test_near_miss_stays_in_the_body(case: dict[str, Any]) -> None:
    doc = embedfix.repair(case["text"])
    assert doc.quotes == ()
    assert doc.body == case["text"]


@pytest.mark.parametrize("case", load_cases("known-failures.json"), ids=lambda c: c["label"])
@pytest.mark.xfail(strict=True, reason="known failure: see the case's comment")
def test_known_failure(case: dict[str, Any]) -> None:
    check_case(embedfix.repair(case["text"]), case)
