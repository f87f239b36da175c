"""The ``fast`` extra's one-pass prefilter: `repair` gives the same `Document` with it as without.

The prefilter (`embedfix.prefilter`, with ``hyperscan``) only lets `repair` return early on a
document in which no grammar, no ``?`` run analysis and no mojibake fix can act; these tests run
each input both ways and compare the whole `Document`. They need the extra (CI installs it with
``.[test]`` where ``hyperscan`` has a wheel) and skip without it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import embedfix
from conftest import shared_path
from embedfix import prefilter
from embedfix.encoding.screen import has_trigger
from embedfix.platforms import GATES, gated_out
from embedfix.testing import articles_with_embeds, damaged, mojibake_cp1252, sample_articles

_LITERALS = {literal for gate in GATES.values() for literal in gate}

pytestmark = pytest.mark.skipif(
    not prefilter.available(),
    reason="hyperscan is not installed (pip install 'embedfix[fast]'): nothing to compare",
)


@contextmanager
def _pure_path(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`repair` as without the extra: the scan reports nothing, so the pure path decides."""
    with monkeypatch.context() as patch:
        patch.setattr(prefilter, "scan", lambda text: None)
        yield


def _both_ways(monkeypatch: pytest.MonkeyPatch, text: str, **options: object) -> None:
    fast = embedfix.repair(text, **options)  # type: ignore[arg-type]
    with _pure_path(monkeypatch):
        pure = embedfix.repair(text, **options)  # type: ignore[arg-type]
    assert fast == pure, text[:300]


@pytest.mark.parametrize("name", ["dev.jsonl", "dev_isot.jsonl", "isot_bulk.jsonl"])
def test_the_shared_corpora_give_the_same_documents(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = shared_path("corpus", name)
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    for text in texts[:150]:
        _both_ways(monkeypatch, text)
        # The same text with its embeds' lines left out, or damaged, takes the other branches.
        plain = "\n".join(line for line in text.splitlines() if "(@" not in line)
        _both_ways(monkeypatch, plain)
        _both_ways(monkeypatch, mojibake_cp1252(plain))
        _both_ways(monkeypatch, plain, fix_encoding=False)


def test_generated_articles_give_the_same_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    for article in sample_articles(150, seed=17):
        _both_ways(monkeypatch, article.text)
        _both_ways(monkeypatch, article.text, lost="drop", platforms=["instagram", "reddit"])


_PIECES = st.sampled_from(
    [
        "The council met on Monday. ",
        "Why now? ",
        "(@janedoe) May 2, 2019",
        "( @x)",
        "(\\@x)",
        "(＠x)",
        "— Jane Doe ",
        "twitter.com/jd/status/1234567890123456789",
        "Skip Twitter post by Jane",
        "A post shared by ",
        "Instagram",
        "posted by",
        "u/someone in r/news",
        " from r/news\n",
        "♬ original sound",
        "Threads",
        "Mastodon",
        "&amp;",
        "dÃ©jÃ  vu",
        "Ã ",
        "????",
        "don?t",
        "Ο πρωθυπουργός μίλησε. ",
        "Straße ",
        "İstanbul’da ",
        "\x07",
        "\ud83d",
        "\n",
    ]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_PIECES | st.text(max_size=5), max_size=12).map("".join))
def test_random_text_gives_the_same_documents(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    _both_ways(monkeypatch, text)
    _both_ways(monkeypatch, text, fix_encoding=False)
    hits = prefilter.scan(text)
    assert hits is not None
    if "gates" in hits:  # the scan ran to the end: each key and gate literal is reported exactly
        assert ("qmark" in hits) == ("?" in text)
        assert not has_trigger(text)
        held = {literal for literal in _LITERALS if literal in text}
        assert held == hits - set(prefilter.KEYS)
        assert ("anchor" in hits) == bool(held)
        assert gated_out(text, GATES, hits) == gated_out(text, GATES)
    else:
        assert hits == {"anchor", "qmark", "screen"}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(articles_with_embeds(max_embeds=2).flatmap(lambda a: damaged(a.text)))
def test_damaged_articles_give_the_same_documents(
    monkeypatch: pytest.MonkeyPatch, article: object
) -> None:
    _both_ways(monkeypatch, article.text)  # type: ignore[attr-defined]


def test_the_scan_reports_what_each_stage_needs() -> None:
    assert prefilter.scan("The council met on Monday and approved the plan.") == {"gates"}
    assert prefilter.scan("Why now? Who knows?") == {"qmark", "gates"}
    everything = {"anchor", "qmark", "screen"}  # the scan stops there: the rest is not looked at
    assert prefilter.scan("Tom &amp; Jerry") == everything
    assert prefilter.scan("dÃ©jÃ  vu") == everything
    assert prefilter.scan("We won! — Jane Doe (@janedoe) May 2, 2019") == everything
    # Ordinary '@' and '/' are no anchor; curly quotes are nothing the screen looks at.
    plain = "Mail tips@example.com or see example.com/a/b, “quoted”."
    assert prefilter.scan(plain) == {"gates"}
    # A gate literal is noted and the scan goes on: the gates need no substring test of their own.
    assert prefilter.scan("Threads and Instagram? A post shared by Jane on Threads.") == {
        "anchor",
        "qmark",
        "gates",
        "Threads",
        "Instagram",
        "shared by",
    }


def test_a_long_text_is_scanned_in_overlapping_chunks_that_cut_no_match() -> None:

    longest = max(len(literal) for gate in GATES.values() for literal in gate)
    assert longest < prefilter._REACH
    filler = "The council met on Monday. " * (prefilter._CHUNK // 27 + 1)
    for piece in ("(@jd)", "Publicado por", "dÃ©jÃ ", "Why?"):
        for cut in range(len(piece) + 1):  # the piece across the end of the first chunk
            text = filler[: prefilter._CHUNK - cut] + piece + filler
            assert prefilter.scan(text) - {"gates"}, (piece, cut)
            if piece == "Publicado por":
                assert piece in prefilter.scan(text)  # type: ignore[operator]
    assert prefilter.scan(filler * 3) == {"gates"}
