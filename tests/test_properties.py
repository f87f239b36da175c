"""The promises of `embedfix.repair`, `repair_html` and `fix_encoding`, stated as properties.

Each test is one promise checked by hypothesis on generated input (see docs/testing.md). Two
hypothesis profiles: with ``CI`` set in the environment, ``embedfix-properties-ci`` runs 500
examples per property; locally ``embedfix-properties-dev`` runs 20.
``EMBEDFIX_PROPERTY_EXAMPLES=N`` overrides both.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import embedfix
from embedfix import Document, Quote, Repair
from embedfix.encoding import LostMode
from embedfix.testing import (
    FLATTENINGS,
    MECHANISMS,
    Article,
    EmbedHtml,
    ExpectedQuote,
    Tweet,
    articles_with_embeds,
    damaged,
    embed_html,
    flatten,
    flattened,
    measure_recovery,
    sample_articles,
    tweets,
)

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.filterwarnings(
    "ignore:this text looks like HTML with embed markup:UserWarning"
)
"""`repair` warns, by design, when handed embed markup; the properties feed it markup on purpose."""
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "embedfix-properties-ci",
    max_examples=500,
    deadline=None,
    derandomize=True,
    suppress_health_check=_HEALTH,
)
settings.register_profile(
    "embedfix-properties-dev", settings.get_profile("embedfix-properties-ci"), max_examples=20
)
PROFILE = "embedfix-properties-ci" if os.environ.get("CI") else "embedfix-properties-dev"
"""The CI profile runs 500 examples per property; the local one 20 (same seed, same order)."""
PROPERTY = settings(
    settings.get_profile(PROFILE),
    max_examples=int(
        os.environ.get("EMBEDFIX_PROPERTY_EXAMPLES", settings.get_profile(PROFILE).max_examples)
    ),
    derandomize=not os.environ.get("EMBEDFIX_PROPERTY_EXPLORE"),
)
"""The settings of every property: deterministic, no deadline (CI machines are noisy).
``EMBEDFIX_PROPERTY_EXAMPLES=N`` overrides the profile's number of examples;
``EMBEDFIX_PROPERTY_EXPLORE=1`` draws new examples on every run, to hunt for new failures."""
LARGE = settings(PROPERTY, max_examples=PROPERTY.max_examples if os.environ.get("CI") else 5)
"""For 100 kB inputs: the same 500 examples in CI, 5 locally."""

# --- input strategies ---------------------------------------------------------------------------

HOSTILE_FRAGMENTS = (
    "?",
    "????",
    "(@",
    "(@a)",
    "@",
    "#",
    "$",
    "—",
    "–",
    "-",
    "--",
    "â€”",
    "Ã©",
    "\u00a0",
    "\u202f",
    "\u200d",
    "\ufe0f",
    "\r\n",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "0",
    "2019",
    "1234567890123",
    "March 3, 2019",
    "3 mars 2019",
    "2019年3月3日",
    "pic.twitter.com/",
    "pic.twitter.com/AbCdEf1234",
    "https://t.co/",
    "https://t.co/AbCdEf1234",
    "twitter.com/a/status/1",
    "— Jane Doe (@jd) ",
    "A post shared by",
    "Posted by",
    " on ",
    '<blockquote class="twitter-tweet">',
    "<p>",
    "</p>",
    '<a href="',
    '">',
    "</a>",
    "</blockquote>",
    "<script>",
    "&mdash;",
    "&amp;",
    "&#10;",
    "&#x1F600;",
    "\x00",
    "\x1b",
    "\x85",
    "\u2028",
    "\ud83d",
    "\ude00",
    "\udfff",
    "😂",
    "🇷🇺",
    "👨\u200d👩\u200d👧",
)
"""Pieces that stress the anchors, the repeat-heavy regexes and the encoding repair."""

any_char = st.one_of(
    st.characters(codec=None),
    st.characters(categories=["Cs"]),
    st.characters(max_codepoint=0x9F, categories=["Cc"]),
)
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_FRAGMENTS), st.text(any_char, max_size=4)), max_size=40
).map("".join)
"""Any str, lone surrogates and control characters included, built from hostile pieces."""


@st.composite
def realistic_text(draw: st.DrawFn) -> str:
    """An article with embeds, or an embed page flattened by a scraper; sometimes damaged."""
    if draw(st.booleans()):
        text = draw(articles_with_embeds()).text
    else:
        embed = draw(tweets().flatmap(embed_html))
        page = f"<p>The storm hit at dawn.</p>\n{embed.html}\n<p>The mayor said…</p>"
        text = draw(flattened(page)).text
    if draw(st.booleans()):
        return text
    return draw(damaged(text)).text


texts = st.one_of(hostile_text, realistic_text())
"""What the text properties run on: hostile pieces and realistic, possibly damaged, articles."""


@st.composite
def large_text(draw: st.DrawFn) -> str:
    """About 100 kB: a drawn text repeated, hostile pieces in long runs."""
    unit = draw(st.one_of(hostile_text.filter(bool), realistic_text()))
    return unit * (100_000 // len(unit) + 1)


def _html_pages() -> st.SearchStrategy[str]:
    embeds = tweets().flatmap(embed_html).map(lambda e: e.html)
    page = st.lists(st.one_of(embeds, st.sampled_from(HOSTILE_FRAGMENTS)), max_size=6).map("".join)
    return st.one_of(hostile_text, page)


# --- checks shared by the properties ------------------------------------------------------------


def check_spans(doc: Document) -> None:
    """Spans are exact, ordered and non-overlapping; every raw is its source slice."""
    source, end = doc.source, 0
    for q in doc.quotes:
        start, stop = q.span
        assert end <= start < stop <= len(source), (q.span, end)
        assert q.raw == source[start:stop]
        if q.text_span is not None:
            assert start <= q.text_span[0] <= q.text_span[1] <= stop
        end = stop
    end = 0
    for r in doc.repairs:
        assert end <= r.span[0] <= r.span[1] <= len(source), (r.span, end)
        assert r.original == source[r.span[0] : r.span[1]]
        end = r.span[1]


def _gaps(doc: Document) -> list[tuple[int, int]]:
    """The stretches of the source outside every quote span, in order (empty ones included)."""
    gaps, pos = [], 0
    for start, stop in (q.span for q in doc.quotes):
        gaps.append((pos, start))
        pos = stop
    gaps.append((pos, len(doc.source)))
    return gaps


def check_accounting(doc: Document, placeholder: str | None = None) -> None:
    """Every source character is either inside a quote span or accounted for in the body.

    The precise check (docs/testing.md, "Accounting"):

    1. Cut the source at the quote spans into gaps G0 … Gn (n = number of quotes).
    2. Every repair lies wholly inside one quote or wholly inside one gap (an empty repair span
       may sit on a gap's edge: an inserted separator).
    3. Rewrite each gap by its own repairs (``original`` -> ``replacement``).
    4. Where a gap touches a removed quote, its whitespace on that side may go: strip it.
    5. The body must then be exactly G0' J G1' J … J Gn', where each join J is whitespace only
       (possibly empty), or whitespace, the placeholder, whitespace when a placeholder is set.

    So the body is the outside text, changed only by listed repairs and by whitespace at the
    joins: nothing of the article is lost and nothing of an embed is left behind.
    """
    quotes, source = doc.quotes, doc.source
    gaps = _gaps(doc)
    pieces = []
    for i, (a, b) in enumerate(gaps):
        inside = [r for r in doc.repairs if a <= r.span[0] and r.span[1] <= b]
        for r in doc.repairs:
            in_gap = a <= r.span[0] and r.span[1] <= b
            in_quote = any(s <= r.span[0] and r.span[1] <= e for s, e in (q.span for q in quotes))
            overlaps_gap = r.span[0] < b and r.span[1] > a
            assert in_gap or in_quote or not overlaps_gap, f"repair {r} straddles a quote edge"
        piece, pos = [], a
        for r in inside:
            if r.span[0] < pos:  # an empty repair on the edge already applied to the last gap
                continue
            piece.append(source[pos : r.span[0]])
            piece.append(r.replacement)
            pos = r.span[1]
        piece.append(source[pos:b])
        text = "".join(piece)
        if i > 0:
            text = text.lstrip()
        if i < len(gaps) - 1:
            text = text.rstrip()
        pieces.append(text)
    body, pos = doc.body, 0
    for i, piece in enumerate(pieces):
        if i > 0:
            while pos < len(body) and body[pos].isspace():
                pos += 1
            if placeholder:
                assert body.startswith(placeholder, pos), (body[pos : pos + 40], placeholder)
                pos += len(placeholder)
                while pos < len(body) and body[pos].isspace():
                    pos += 1
        assert body.startswith(piece, pos), (
            f"gap {i} not found in the body at {pos}: {piece[:60]!r} vs {body[pos : pos + 60]!r}"
        )
        pos += len(piece)
    assert pos == len(body), f"body has unaccounted text at the end: {body[pos : pos + 60]!r}"


def _shifted(q: Quote, by: int) -> Quote:
    text_span = None if q.text_span is None else (q.text_span[0] - by, q.text_span[1] - by)
    return dataclasses.replace(q, span=(q.span[0] - by, q.span[1] - by), text_span=text_span)


# --- the checks themselves can fail -------------------------------------------------------------

_SRC = "Intro.\nWe won.— Jane (@jd) May 2, 2019\nOutro â€” end."
_QUOTE = Quote("twitter", (7, 39), _SRC[7:39], text="We won.", handle="jd")
_MOJIBAKE = Repair((45, 48), "mojibake", "cp1252 read of UTF-8", "â€”", "\N{EM DASH}")


@pytest.mark.parametrize(
    ("body", "repairs", "placeholder", "ok"),
    [
        ("Intro.\nOutro \N{EM DASH} end.", (_MOJIBAKE,), None, True),
        ("Intro.Outro \N{EM DASH} end.", (_MOJIBAKE,), None, True),
        ("Intro.\n[tweet]\nOutro \N{EM DASH} end.", (_MOJIBAKE,), "[tweet]", True),
        ("Intro.\nOutro â€” end.", (), None, True),
        ("Intro.\nOutro \N{EM DASH} end.", (), None, False),  # a change not listed
        ("Intro.\nOutro", (), None, False),  # article text lost
        ("Intro.\nWe won.\nOutro â€” end.", (), None, False),  # embed text left behind
        ("Intro.\nOutro â€” end.", (), "[tweet]", False),  # placeholder missing
    ],
)
def test_the_accounting_check_tells_lost_and_leftover_text(
    body: str, repairs: tuple[Repair, ...], placeholder: str | None, ok: bool
) -> None:
    doc = Document(_SRC, body, (_QUOTE,), repairs)
    check_spans(doc)
    if ok:
        check_accounting(doc, placeholder)
    else:
        with pytest.raises(AssertionError):
            check_accounting(doc, placeholder)


def test_the_span_check_tells_a_wrong_raw() -> None:
    bad = dataclasses.replace(_QUOTE, raw="We won.")
    with pytest.raises(AssertionError):
        check_spans(Document(_SRC, "Intro.\nOutro â€” end.", (bad,)))


# --- never an exception -------------------------------------------------------------------------


@PROPERTY
@given(texts)
def test_repair_never_raises_on_any_str(text: str) -> None:
    doc = embedfix.repair(text)
    assert isinstance(doc, Document) and doc.source == text and isinstance(doc.body, str)


@PROPERTY
@given(
    texts,
    st.one_of(st.none(), st.text(any_char, max_size=6), st.integers(), st.binary(max_size=3)),
    st.sampled_from(["mark", "drop", "keep", "MARK", "", "guess"]),
)
def test_bad_options_raise_only_type_or_value_errors(
    text: str, placeholder: object, lost: str
) -> None:
    try:
        doc = embedfix.repair(text, placeholder=placeholder, lost=lost)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        assert not isinstance(placeholder, str | None) or lost not in ("mark", "drop", "keep")
    else:
        assert lost in ("mark", "drop", "keep") and isinstance(placeholder, str | None)
        check_spans(doc)


@PROPERTY
@given(texts, st.sampled_from(["mark", "drop", "keep"]))
def test_fix_encoding_never_raises_on_any_str(text: str, lost: str) -> None:
    fixed, repairs = embedfix.fix_encoding(text, lost=lost)  # type: ignore[arg-type]
    assert isinstance(fixed, str) and isinstance(repairs, tuple)


@PROPERTY
@given(_html_pages())
def test_repair_html_never_raises_on_any_str(html: str) -> None:
    result = embedfix.repair_html(html)
    assert result.source == html
    end = 0
    for q in result.quotes:
        assert end <= q.span[0] < q.span[1] <= len(html) and q.raw == html[q.span[0] : q.span[1]]
        end = q.span[1]


@PROPERTY
@given(tweets().flatmap(embed_html))
def test_repair_html_reads_each_embed_back(embed: EmbedHtml) -> None:
    page = f"<p>The storm hit at dawn.</p>\n{embed.html}\n<p>The mayor said…</p>"
    result = embedfix.repair_html(page)
    assert len(result.quotes) == 1
    q, tweet = result.quotes[0], embed.tweet
    assert (q.handle, q.date, q.status_id) == (tweet.handle, tweet.date, tweet.status_id)
    assert (q.text, q.media, q.author) == (tweet.text, tweet.media, tweet.author)
    assert q.raw == page[q.span[0] : q.span[1]] and "twitter-tweet" in q.raw
    assert "twitter-tweet" not in result.html and "The mayor said…" in result.html


@LARGE
@given(large_text())
def test_repair_and_fix_encoding_finish_on_100_kb_inputs(text: str) -> None:
    doc = embedfix.repair(text)
    check_spans(doc)
    embedfix.fix_encoding(text)


@LARGE
@given(_html_pages().filter(bool))
def test_repair_html_finishes_on_100_kb_pages(unit: str) -> None:
    page = unit * (100_000 // len(unit) + 1)
    result = embedfix.repair_html(page)
    assert all(q.raw == page[q.span[0] : q.span[1]] for q in result.quotes)


@pytest.mark.parametrize(
    "call",
    [embedfix.repair, embedfix.repair_html, embedfix.fix_encoding],
    ids=["repair", "repair_html", "fix_encoding"],
)
@pytest.mark.parametrize("value", [b"bytes", None, 42, ["a list"]], ids=repr)
def test_anything_but_a_str_is_a_type_error(call: object, value: object) -> None:
    assert callable(call)
    with pytest.raises(TypeError, match="str"):
        call(value)


# --- spans and accounting -----------------------------------------------------------------------


@PROPERTY
@given(texts)
def test_spans_are_exact_ordered_and_non_overlapping(text: str) -> None:
    check_spans(embedfix.repair(text))


@PROPERTY
@given(texts)
def test_every_source_character_is_in_a_quote_or_accounted_for_in_the_body(text: str) -> None:
    check_accounting(embedfix.repair(text))


@PROPERTY
@given(articles_with_embeds(), st.sampled_from(["[tweet]", "\N{OBJECT REPLACEMENT CHARACTER}"]))
def test_accounting_holds_with_a_placeholder(article: Article, placeholder: str) -> None:
    doc = embedfix.repair(article.text, placeholder=placeholder)
    check_spans(doc)
    check_accounting(doc, placeholder)


# --- idempotence, context independence, determinism ---------------------------------------------


@PROPERTY
@given(texts)
def test_repairing_the_body_again_finds_nothing_and_changes_nothing(text: str) -> None:
    doc = embedfix.repair(text)
    again = embedfix.repair(doc.body)
    assert again.quotes == ()
    assert again.body == doc.body
    assert again.repairs == ()


@PROPERTY
@given(texts, st.sampled_from(["mark", "drop", "keep"]), st.booleans())
def test_repairing_the_body_again_changes_nothing_with_any_lost_mode_or_encoding_setting(
    text: str, lost: LostMode, fix_encoding: bool
) -> None:
    doc = embedfix.repair(text, lost=lost, fix_encoding=fix_encoding)
    again = embedfix.repair(doc.body, lost=lost, fix_encoding=fix_encoding)
    assert (again.quotes, again.body, again.repairs) == ((), doc.body, ())


def _one_line_post(text: str, lang: str) -> Article:
    """A post of one short line, the shape hypothesis found repair() annexing the line above."""
    tweet = Tweet(text, "", "a", datetime.date(2010, 1, 1), "7000000000", lang)
    raw = f"{text}\n\N{EM DASH} (@a) January 1, 2010"
    span = (0, len(raw))
    expected = ExpectedQuote(span, (0, len(text)), raw, "January 1, 2010", "en", "newline", tweet)
    return Article(raw, (expected,))


def _repair_twice(text: str) -> None:
    doc = embedfix.repair(text)
    again = embedfix.repair(doc.body)
    assert (again.quotes, again.body, again.repairs) == ((), doc.body, ())


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "twitter.com/a/status/1 A post shared by",
            id="status-url-before-boilerplate",  # alone on its line once the leftover is cut
        ),
        pytest.param(
            "?\x8e\x80",
            id="c1-controls-after-lost-char",  # a marked line goes through ftfy again
        ),
        pytest.param(
            "The.\n\N{EM DASH} (@a) January 1, 2010??? ??????.",
            id="lost-run-glued-to-the-date",  # the body is judged as assembled
        ),
        pytest.param(
            "A post shared byA post shared by",
            id="leftover-before-a-leftover",  # alone on its line beside other leftovers
        ),
        pytest.param(
            "À¢\x8dÀ¢",
            id="c1-control-between-mojibake-halves",  # ftfy again after the C1 byte goes
        ),
        pytest.param(
            "A post shared by onView this post on Instagram",
            id="empty-credit-glued-to-a-view-link",  # its line is read again as the body reads
        ),
        pytest.param("A post shared by&#10;", id="entity-line-break-after-an-empty-credit"),
        pytest.param(
            "twitter.com/a/status/1&#10;",
            id="entity-line-break-after-a-permalink",  # lines are judged as the body reads
        ),
        pytest.param("twitter.com/a/status/1\x1f", id="control-character-after-a-permalink"),
        pytest.param(
            "\u00e2\u20ac\u201d&#10;\x83\u00c4",
            id="entity-line-break-leaves-mojibake-on-a-line-of-its-own",  # ftfy round again
        ),
        pytest.param(
            "\u2014 Jane Doe (@jd) &#10;1234567890123",
            id="signature-wrapped-by-an-entity-line-break",  # the body as read is searched whole
        ),
        pytest.param(
            "twitter.com/a/status/1\x08?",
            id="deleted-control-joins-a-query-to-a-permalink",  # deleted, not a space, as read
        ),
        pytest.param(
            "A post shared by\r\nA post shared by\N{EM DASH} Jane Doe (@jd) ",
            id="empty-credit-above-a-credit",  # not one exploded credit: the lead stands alone
        ),
    ],
)
def test_idempotence_on_inputs_hypothesis_found(text: str) -> None:
    """Minimal falsifying examples of the idempotence property, found by random-seed runs."""
    _repair_twice(text)


_CJK_TRIPLE = (  # Japanese read as cp1252 twice, up to a signature glued to its last bytes
    "\xc3\xa3\xe2\u20ac\u0161\xe2\u20ac\u2122\xc3\xa6\xc2\xad\xc2\xa3\xc3\xa5\xc2\xbc\xc2"
    "\x8f\xc3\xa3\xc2\x81\xc2\xab\xc3\xa7\xe2\u201e\xa2\xc2\xba\xc3\xa8\xc2\xa1\xc2\xa8\xc3"
    "\xa3\xc2\x81\xe2\u20ac\u201d\xc3\xa3\xc2\x81\xc5\xb8\xc3\xa3\xe2\u201a\xac\xe2\u20ac"
    "\u0161\xc3\xa3\xe2\u20ac\u0161\xc2\xaf\xc3\xa3\xc6\u2019\xc2\xa9\xc3\xa3\xc6\u2019\xe2"
    "\u20ac\u201c\xc3\xa3\xc2\x81\xc2\xaf\xc3\xa7\xc2\x81\xc2\xab\xc3\xa6\xe2\u20ac\xba\xc5"
    "\u201c\xc3\xa6\xe2\u20ac\u201d\xc2\xa5\xc3\xa3\xc2\x81\xc2\xae\xc3\xa5\xc2\xa4\xc5"
    "\u201c\xc3\xa3\xc2\x81\xc2\xab\xc3\xa7\xc2\xa7\xc2\xbb\xc3\xa7\xc2\xb1\xc2\x8d\xc3\xa3"
    "\xe2\u20ac\u0161\xe2\u20ac\u2122\xc3\xa6\xc2\xad\xc2\xa3\xc3\xa5\xc2\xbc\xc2\x8f\xc3"
    "\xa3\xc2\x81\xc2\xab\xc3\xa7\xe2\u201e\xa2\xc2\xba\xc3\xa8\xc2\xa1\xc2\xa8\xc3\xa3\xc2"
    "\x81\xe2\u20ac\u201d\xc3\xa3\xc2\x81\xc5\xb8\xc3\xa3\xe2\u201a\xac\xe2\u20ac\u0161\xc3"
    "\xa6\xc2\xb0\xe2\u20ac\u201d\xc3\xa8\xc2\xb1\xc2\xa1\xc3\xa5\xc2\xba\xc2\x81\xc3\xa3"
    "\xc2\x81\xc2\xaf\xc3\xa6\xc2\xb2\xc2\xbf\xc3\xa5\xc2\xb2\xc2\xb8\xc3\xa9\xc6\u2019\xc2"
    "\xa8\xc3\xa3\xc2\x81\xc2\xa7\xc3\xa5\xc2\xbc\xc2\xb7\xc3\xa3\xc2\x81\xe2\u20ac\u017e"
    "\xc3\xa9\xc2\xa2\xc2\xa8\xc3\xa3\xc2\x81\xc5\u2019\xc3\xa5\xc2\x90\xc2\xb9\xc3\xa3\xc2"
    "\x81\xc2\x8f\xc3\xa3\xc2\x81\xc2\xa8\xc3\xa4\xc2\xba\xcb\u2020\xc3\xa6\xc6\u2019\xc2"
    "\xb3\xc3\xa3\xc2\x81\xe2\u201d(@e)May1 2020 "
)


@pytest.mark.parametrize(
    ("text", "options"),
    [
        pytest.param(
            _CJK_TRIPLE,
            {"placeholder": "\N{EM DASH}"},
            # ftfy reads the space before the placeholder as the lost NBSP byte of "\u00e2\u201d"
            # (giving "\u2520"): the space is taken in the repair, not the line left half done
            id="separator-space-read-as-a-lost-nbsp-byte",
        ),
        pytest.param(
            "\xc3\u0192\xc2\xa7\xc3\u0192\xc2\xbe\xc3\u0192\xc2\xa0\xc3\u201a\xc2\xa6\xc3\u201a"
            "\xc2\xa6 \xc3\u0192\xc2\xa8\xc3\u0192\xc2\xa0\xc3\u201a\xc2\xa6\xc3\u201a\xc2\xa4"
            "\xc3\u0192\xa2\xe2\u201a\xac\xc2\xa0\xc3\u0192\xc2\xa0\xc3\u201a\xc2\xa6\xc3\u2026"
            "\xc3\u201a\xc2\xa6\xc3\u201a\xc2\xb8 26, 2018\t\u266c orign (@n)1ao\xfbt 2025 ",
            {"placeholder": "\n", "lost": "drop", "platforms": ("twitter",)},
            # the same before a placeholder line break; the line's edits were applied in part,
            # which repeated text in the body
            id="separator-space-taken-in-a-line-of-double-mojibake",
        ),
        pytest.param(
            "(@j)May1 2020\xa0Post\u00ef\u00bb\u00bfed by e on day,1 2020",
            {"platforms": ("facebook",)},
            # the credit, read after its BOM is repaired, starts at the NBSP with an empty
            # caption there: trimmed, it was dropped as ill-formed
            id="credit-with-an-empty-caption-at-its-leading-space",
        ),
        pytest.param(
            "(@j)May1 2020A post shared by(@a)on1 2020 at 0:00am Posted by e on day,1 2020",
            {"placeholder": " ", "fix_encoding": False, "platforms": ("instagram", "facebook")},
            id="credit-revealed-by-a-cut-with-an-empty-caption",
        ),
        pytest.param(
            "Ein Satz. ????\xa0\u00ef\u00bf\u00bd Ende",
            {"lost": "drop"},
            # ftfy leaves "?\xa0\u00ef\u00bf\u00bd" alone but repairs what the dropped run
            # and its space leave
            id="dropped-run-leaves-mojibake-ftfy-repairs",
        ),
        pytest.param(
            "?????\x85?\u2028\x8d\xa0View on Threads",
            {
                "placeholder": "\N{EM DASH}",
                "lost": "drop",
                "fix_encoding": False,
                "platforms": ("bluesky", "threads"),
            },
            # the run after NEL was not "standalone" (only space, tab, line feed and NBSP were);
            # the dropped run took the NEL with it, and the run began the text, judged lost
            id="run-after-a-next-line-begins-the-text-once-the-run-before-is-dropped",
        ),
        pytest.param(
            "?????\x0c? Ende",
            {"lost": "drop", "fix_encoding": False},
            id="run-after-a-form-feed",  # the same after any character str.isspace accepts
        ),
        pytest.param(
            "????\u2029? Der B\u00fcrgermeister",
            {"lost": "drop", "fix_encoding": False},
            id="run-after-a-paragraph-separator",
        ),
        pytest.param(
            "????\x85?\nTeam",
            {"lost": "drop", "fix_encoding": False},
            id="run-after-a-next-line-before-a-line-feed",
        ),
        pytest.param(
            "Danke \U0001f64f \u2014 Die Anwohner wurden aufgefordert, zu Hause zu bleiben.\u2028"
            "???? ?(@e)",
            {"lost": "mark"},
            # the display-name rule looked for the dash across the line separator (only a line
            # feed ended its line): within 60 characters of the '?' once the run was marked
            id="display-name-dash-across-a-line-separator",
        ),
        pytest.param(
            "Danke \U0001f64f \u2014 Die Anwohner wurden aufgefordert, zu Hause zu bleiben.\n"
            "???? ?(@e)",
            {"lost": "drop", "fix_encoding": False},
            # "$" let a run at the start of its line take the dash on the line above; the dropped
            # run brought the '?' to the line start
            id="display-name-dash-on-the-line-above-once-the-run-before-is-dropped",
        ),
    ],
)
def test_idempotence_with_options_on_inputs_the_benchmark_found(
    text: str, options: dict[str, Any]
) -> None:
    """Minimal failures of benchmarks/idempotence.py (seeds 20, 22, 24 and 31), with their
    options, and variants of them."""
    doc = embedfix.repair(text, **options)
    again = embedfix.repair(doc.body, **options)
    assert (again.quotes, again.body, again.repairs) == ((), doc.body, ())


@pytest.mark.xfail(
    strict=True,
    reason="the interrogative rule ends a clause at any '?', a lost run's too: once the run is "
    "marked or dropped, the clause of the '?' after it reaches back to an earlier question word "
    "(or no longer starts at one), and the second repair judges that '?' afresh",
)
@pytest.mark.parametrize("lost", ["mark", "drop"])
def test_a_lost_run_that_ended_the_clause_of_a_question_mark(lost: LostMode) -> None:
    # "what" opens the clause after "????", so the "?" is unsure; the body's clause opens
    # with "We won" (mark: U+FFFD is no clause end; drop: the run is gone), so it is lost.
    text = "It was fun. We won ???? what ? a day"
    options: dict[str, Any] = {"lost": lost, "fix_encoding": False}
    doc = embedfix.repair(text, **options)
    again = embedfix.repair(doc.body, **options)
    assert (again.quotes, again.body, again.repairs) == ((), doc.body, ())


@pytest.mark.parametrize("placeholder", ["[embed {n}]", "<tweet/>", "\N{EM DASH}"])
def test_a_signature_revealed_by_a_cut_is_its_own_quote_whatever_the_placeholder(
    placeholder: str,
) -> None:
    """What `pipeline._found_as_read` finds that the search of the returned body does not.

    Once the Instagram credit is cut, the Bluesky signature stands alone on its line. The body
    as read (`body.as_read`) has no placeholder, so the signature is found there as itself; the
    returned body has the placeholder on the line above it, which the signature's grammar would
    take for the post's text, taking in the cut credit: one quote for two embeds, and quotes
    that depend on the placeholder."""
    text = (
        "a\tA post shared by Ana Lima (@analima) on May 1, 2020 at 10:00am PDT\n"
        "\N{EM DASH} Ana (@ana.bsky.social) May 1, 2020 at 10:00 AM"
    )
    plain = embedfix.repair(text)
    doc = embedfix.repair(text, placeholder=placeholder)
    assert [(q.platform, q.span) for q in doc.quotes] == [
        (q.platform, q.span) for q in plain.quotes
    ]
    assert [q.platform for q in doc.quotes] == ["instagram", "bluesky"]
    assert doc.body == placeholder.replace("{n}", "1") + "\n" + placeholder.replace("{n}", "2")


_MAYOR = Article("The mayor said the harbour road would stay closed until Monday.", ())
_GUSTS = Article("Forecasters expect gusts of up to 90 mph along the coast.", ())


@PROPERTY
@given(
    articles_with_embeds().filter(lambda a: bool(a.quotes)),
    articles_with_embeds(max_embeds=0),
    articles_with_embeds(max_embeds=0),
)
@example(_one_line_post("La.", "fr"), _MAYOR, _GUSTS)  # fixed in ce5e0d0
@example(_one_line_post("रात.", "hi"), _MAYOR, _GUSTS)  # combining marks count as words
@example(_one_line_post("À.", "fr"), _MAYOR, _GUSTS)  # so does a single letter (seed 3)
def test_the_same_embed_is_found_identically_in_different_articles(
    source: Article, first: Article, second: Article
) -> None:
    block = source.quotes[0].raw
    results = []
    for context in (first.text, second.text):
        cut = context.find("\n") if "\n" in context else len(context)
        before, after = context[:cut], context[cut:]
        text = f"{before}\n{block}\n{after.lstrip()}"
        offset = len(before) + 1
        doc = embedfix.repair(text)
        # The confidence is the chance that the start is exact, weighed against the other
        # places the post could start: the article around changes it, not the quote.
        inside = [
            dataclasses.replace(_shifted(q, offset), confidence=0.0)
            for q in doc.quotes
            if q.span[0] < offset + len(block) and q.span[1] > offset
        ]
        results.append(inside)
    assert results[0] == results[1]


_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="embedfix-property")
"""One pool for the whole module: starting threads per example would dominate the run time."""


@PROPERTY
@given(st.lists(texts, min_size=2, max_size=4))
def test_results_are_identical_across_threads(batch: list[str]) -> None:
    sequential = [embedfix.repair(t) for t in batch]
    threaded = list(_POOL.map(embedfix.repair, batch * 2))
    assert threaded == sequential * 2


_RUN_SCRIPT = """
import json, sys
import embedfix
texts = json.load(sys.stdin)
print(json.dumps([embedfix.repair(t).to_dict() for t in texts]))
"""


def test_results_are_identical_across_runs() -> None:
    texts = [a.text for a in sample_articles(40, seed=99)]
    texts += [MECHANISMS[how].apply(t) for how, t in zip(MECHANISMS, texts, strict=False)]
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "PYTHONHASHSEED": hash_seed}
        proc = subprocess.run(
            [sys.executable, "-c", _RUN_SCRIPT],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.append(json.loads(proc.stdout))
    here = [embedfix.repair(t).to_dict() for t in texts]
    assert outputs[0] == outputs[1] == here


# --- recovery -----------------------------------------------------------------------------------

RECOVERY_COUNT = 300
RECOVERY_SEED = 2026
RECOVERY_FLOOR = {"handle_exact": 0.98, "date_exact": 0.98, "text_exact": 0.93}
"""Floors below the issue's targets (99/99/95 %, measured by benchmarks/recovery.py)."""


def test_recovery_of_generated_embeds_stays_above_the_floor() -> None:
    recovery = measure_recovery(
        sample_articles(RECOVERY_COUNT, seed=RECOVERY_SEED), embedfix.repair, keep_misses=5
    )
    assert recovery.embeds > 300
    for name, floor in RECOVERY_FLOOR.items():
        rate = recovery.rate(getattr(recovery, name))
        assert rate >= floor, (
            f"{name} {rate:.2%} < {floor:.0%}\n{recovery.summary()}\n" + "\n".join(recovery.misses)
        )


@PROPERTY
@given(
    articles_with_embeds(max_embeds=1).filter(lambda a: bool(a.quotes)),
    st.sampled_from(sorted(MECHANISMS)),
)
def test_damage_that_spares_the_signature_keeps_the_handle_and_date(
    article: Article, how: str
) -> None:
    expected = article.quotes[0]
    damage = MECHANISMS[how].apply
    text = damage(article.text)
    pairs = {(q.handle, q.date) for q in embedfix.repair(text).quotes}
    if damage(expected.date_raw) == expected.date_raw:
        assert (expected.handle, expected.date) in pairs
    assert all(date == expected.date for handle, date in pairs if handle == expected.handle)


@PROPERTY
@given(tweets().flatmap(embed_html), st.sampled_from(FLATTENINGS), st.booleans())
def test_a_flattened_embed_page_gives_back_the_handle_and_date(
    embed: EmbedHtml, how: str, minified: bool
) -> None:
    joint = "" if minified else "\n"
    page = joint.join(("<p>The storm hit at dawn.</p>", embed.html, "<p>The mayor said…</p>"))
    text = flatten(page, how)
    pairs = {(q.handle, q.date) for q in embedfix.repair(text).quotes}
    if how != "ascii" or embed.date_raw.isascii():
        assert (embed.tweet.handle, embed.tweet.date) in pairs
