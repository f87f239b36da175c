"""The dates of the shared dev corpus: real flattened signatures and real embed HTML.

The corpus lives in ../shared/corpus beside the repository (it is not copied here); these tests skip
when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from embedfix.dates import match_date, parse_date, search_dates

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"


def _records(name: str) -> list[dict[str, Any]]:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus sits beside the repository")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_every_signature_date_in_flattened_text_is_matched_where_it_stands() -> None:
    checked = 0
    for record in _records("dev.jsonl"):
        text = record["text"]
        for embed in record["embeds"]:
            raw = embed.get("date_raw")
            if not raw:
                continue
            pos = text.find(raw, embed["signature_span"][0])
            assert pos >= 0, (record["id"], raw)
            m = match_date(text, pos)
            assert m is not None, (record["id"], raw)
            assert (m.raw, m.date.isoformat() if m.date else None) == (raw, embed["date"])
            checked += 1
    assert checked >= 100


def test_bare_signature_dates_are_found_by_search() -> None:
    """Every signature date is also found by `search_dates` over the whole excerpt."""
    for record in _records("dev.jsonl"):
        text = record["text"]
        found = {m.start: m.raw for m in search_dates(text)}
        for embed in record["embeds"]:
            raw = embed.get("date_raw")
            if raw:
                pos = text.find(raw, embed["signature_span"][0])
                assert found.get(pos) == raw, (record["id"], raw)


def test_every_date_in_embed_html_parses_with_its_language() -> None:
    checked = 0
    for record in _records("embeds_html.jsonl"):
        expected = record["expected"]
        raw, date = expected.get("date_raw"), expected.get("date")
        if not raw or not date:
            continue
        m = match_date(raw.strip())
        assert m is not None, (record["id"], raw)
        assert m.date is not None and m.date.isoformat() == date, (record["id"], raw)
        lang = expected.get("date_lang")
        if lang and lang != "iso-8601":
            assert lang in m.langs, (record["id"], raw, m.langs)
            assert parse_date(raw, lang=lang)[1] == lang
        checked += 1
    assert checked >= 100
