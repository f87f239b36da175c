"""Flattened embeds of the platforms beyond Twitter, written in the style of real scraped news:
found, read, and cut cleanly; and their near-misses left alone."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from bs4 import BeautifulSoup

import embedfix
from conftest import check_case, load_cases, shared_path

POSITIVE = load_cases("platforms.json")


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c["label"])
def test_platform_embed_is_found(case: dict[str, Any]) -> None:
    check_case(embedfix.repair(case["text"]), case)


@pytest.mark.parametrize("case", load_cases("platforms-negative.json"), ids=lambda c: c["label"])
def test_platform_near_miss_stays_in_the_body(case: dict[str, Any]) -> None:
    doc = embedfix.repair(case["text"])
    assert doc.quotes == ()
    assert doc.body == case["text"]


LOCALIZED = [
    ("instagram-fr-dated-credit", "29 mars 2017 à 11h25 PDT", datetime.date(2017, 3, 29)),
    ("instagram-es-dated-credit", "1 Jun, 2019 a las 7:36 PDT", datetime.date(2019, 6, 1)),
    ("facebook-es-publicado-por", "Jueves, 12 de noviembre de 2020", datetime.date(2020, 11, 12)),
    ("facebook-de-gepostet-von", "Montag, 12. September 2016", datetime.date(2016, 9, 12)),
    ("facebook-en-gb-date", "Monday, 26 October 2020", datetime.date(2020, 10, 26)),
]


@pytest.mark.parametrize(("label", "raw", "date"), LOCALIZED, ids=[c[0] for c in LOCALIZED])
def test_localized_dates_are_read(label: str, raw: str, date: datetime.date) -> None:
    """Localized credits give their dates, time suffixes and weekdays included."""
    case = next(c for c in POSITIVE if c["label"] == label)
    doc = embedfix.repair(case["text"])
    assert [q.date for q in doc.quotes] == [date]


def test_platforms_option_keeps_only_the_asked_platforms() -> None:
    case = next(c for c in POSITIVE if c["label"] == "reddit-new-glued")
    text = case["text"] + "\nView on Threads\n"
    assert {q.platform for q in embedfix.repair(text).quotes} == {"reddit", "threads"}
    assert [q.platform for q in embedfix.repair(text, platforms=["threads"]).quotes] == ["threads"]
    assert embedfix.repair(text, platforms=["twitter"]).quotes == ()


@pytest.mark.parametrize(
    "case", load_cases("platforms-known-failures.json"), ids=lambda c: c["label"]
)
@pytest.mark.xfail(strict=True, reason="known failure: see the case's comment")
def test_platform_known_failure(case: dict[str, Any]) -> None:
    check_case(embedfix.repair(case["text"]), case)


def test_dev_corpus_non_twitter_embeds_are_found() -> None:
    """Every embed of another platform in the shared dev corpus is found, with its exact span."""
    corpus = shared_path("corpus", "dev.jsonl")
    cases = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line]
    wanted = [
        (case["text"], embed)
        for case in cases
        for embed in case["embeds"]
        if embed["platform"] not in ("twitter", "bluesky")
    ]
    assert wanted, "the dev corpus has no non-Twitter embed"
    for text, embed in wanted:
        quotes = [q for q in embedfix.repair(text).quotes if q.platform == embed["platform"]]
        assert [q.span for q in quotes if list(q.span) == embed["span"]], embed["span"]
        [q] = [q for q in quotes if list(q.span) == embed["span"]]
        assert (q.handle, q.author) == (embed["handle"], embed["author"])


FLATTENED_BY = {"get_text()": "", "get_text('\\n')": "\n"}


@pytest.mark.parametrize("how", list(FLATTENED_BY))
def test_real_embed_markup_flattened_by_beautifulsoup_is_found(how: str) -> None:
    """The shared corpus's real Instagram, Facebook, TikTok and Reddit markup, flattened the two
    ways BeautifulSoup users do (FORMATS.md §5), gives back each embed's author, handle and date."""
    snippets = shared_path("corpus", "embeds_html.jsonl").read_text(encoding="utf-8")
    checked = 0
    for line in snippets.splitlines():
        snippet = json.loads(line)
        want = snippet["expected"]
        if want["platform"] not in ("instagram", "facebook", "tiktok", "reddit"):
            continue
        if how != "get_text()" and want["date_lang"] == "tr":
            continue  # the Turkish credit split over lines: not read (see docs/platforms.md)
        soup = BeautifulSoup(snippet["html"], "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        text = "The article begins.\n" + soup.get_text(FLATTENED_BY[how]) + "\nIt goes on."
        quotes = [q for q in embedfix.repair(text).quotes if q.platform == want["platform"]]
        date = datetime.date.fromisoformat(want["date"]) if want["date"] else None
        found = [(q.author, q.date) for q in quotes]
        assert (want["author"], date) in found, snippet["id"]
        if want["platform"] != "facebook":  # a page's handle is only in its link
            assert want["handle"] in [q.handle for q in quotes], snippet["id"]
        checked += 1
    assert checked >= 15


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c["label"])
def test_every_match_holds_its_platform_gate(case: dict[str, Any]) -> None:
    """The pipeline skips a grammar when none of its gate literals is in the document: that is
    only safe if every embed the grammar finds holds one of them."""
    from embedfix.platforms import GATES, gated_out

    doc = embedfix.repair(case["text"])
    for q in doc.quotes:
        if q.platform in GATES:
            assert any(g in q.raw for g in GATES[q.platform]), (q.platform, q.raw)
            assert q.platform not in gated_out(case["text"], GATES)


def test_gates_skip_only_the_grammars_whose_literals_are_missing() -> None:
    from embedfix.platforms import GATES, gated_out

    article = "The council met on Monday. A video posted by the mayor drew 2,000 views."
    assert gated_out(article, ["twitter", "bluesky"]) == frozenset()  # not gated
    skipped = gated_out(article, GATES)
    assert "instagram" not in skipped  # "posted by" is part of "A video posted by"
    assert "facebook" not in skipped  # and of "Posted by"
    assert {"tiktok", "threads", "mastodon", "reddit"} <= skipped
    assert gated_out("Top post this week from r/science.", ["reddit", "tiktok"]) == {"tiktok"}
    # An address, a handle in prose and a link wake neither Instagram nor Reddit.
    prose = "Write to tips@example.com, follow @janedoe or see https://example.com/a/b."
    assert {"instagram", "reddit"} <= gated_out(prose, GATES)
    # A literal holding '@' or '/' is looked for only where that character is: still found.
    for credit in ("Jane Doe (@jane)", "Jane Doe (\u00a0@jane)", "Jane ( @jane ) and a/b"):
        assert "instagram" not in gated_out(credit, GATES), credit
    assert "reddit" not in gated_out("Comment byu/jane in r/news", GATES)
    assert "facebook" not in gated_out("Publiée par Le Monde le 2 mai", GATES)


def test_finders_for_runs_each_grammar_once_and_none_that_is_gated_out() -> None:
    from embedfix.platforms import FINDERS, finders_for

    everything = frozenset(FINDERS)
    plain = "The council met on Monday and approved the harbour plan."
    # Twitter, Bluesky and YouTube share one grammar (signatures and news-site frames): once.
    assert finders_for(plain, everything) == (FINDERS["twitter"],)
    credit = "A post shared by Jane Doe (@janedoe) on Instagram"
    assert finders_for(credit, everything) == (FINDERS["twitter"], FINDERS["instagram"])
    assert finders_for(credit, frozenset({"instagram"})) == (FINDERS["instagram"],)
    assert finders_for(plain, frozenset({"mastodon", "reddit"})) == ()
