"""The reproducers of the hostile-input campaign (issue 20): each crashed the library or made it
quadratic. Here they are checked for what they must give; their time is checked by
``benchmarks/hostile.py`` at sizes that show a growth rate, never by a timed unit test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import embedfix
from embedfix import body
from embedfix.encoding import LostMode
from embedfix.encoding.mojibake import _line_edits, _walk, fix_line
from embedfix.testing import (
    PLACEHOLDERS,
    hostile_html,
    hostile_texts,
    sample_hostile_html,
    sample_hostile_texts,
)


def _apply(source: str, repairs: tuple[embedfix.Repair, ...]) -> str:
    out, last = [], 0
    for r in repairs:
        out.append(source[last : r.span[0]])
        out.append(r.replacement)
        last = r.span[1]
    return "".join(out) + source[last:]


# --- crashes of repair_html on a str ---------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "&#" + "1" * 4301,  # int() refuses more than 4,300 digits (text)
        '<p title="&#' + "1" * 4301 + '">x</p>',  # the same in an attribute
    ],
    ids=["text", "attribute"],
)
def test_long_decimal_reference_is_one_replacement_character(page: str) -> None:
    doc = embedfix.repair_html(page)
    assert doc.html == page  # no embed: the page comes back as it was


def test_decimal_reference_keeps_its_value_after_many_leading_zeros() -> None:
    from embedfix.platforms._markup import unescape

    assert unescape("&#" + "0" * 5000 + "65;") == "A"
    assert unescape("&#" + "0" * 5000 + ";") == "\ufffd"
    assert unescape("&#" + "1" * 4301 + ";") == "\ufffd"
    assert unescape("&#65;&#1114112;&#9999999;") == "A\ufffd\ufffd"
    assert unescape("&#x" + "f" * 5000 + ";") == "\ufffd"


def test_blackbird_pie_title_with_year_zero_gives_no_date() -> None:
    page = (
        '<div class="bbpBox"><p class="bbpTweet">Off to the lab</p>'
        '<a title="Mon Jan 1 00:00:00 +0000 0000"></a></div>'
    )
    doc = embedfix.repair_html(page)
    assert [q.text for q in doc.quotes] == ["Off to the lab"]
    assert doc.quotes[0].date is None


def test_blackbird_pie_title_with_a_real_date_is_read() -> None:
    page = (
        '<div class="bbpBox"><p class="bbpTweet">Off to the lab</p>'
        '<a title="Mon Mar 1 10:00:00 +0000 2010"></a></div>'
    )
    (quote,) = embedfix.repair_html(page).quotes
    assert quote.date is not None and quote.date.isoformat() == "2010-03-01"


@pytest.mark.parametrize("tweet_id", ["²", "١٢٣", "12³"])
def test_widget_id_of_non_ascii_digits_is_not_a_status_id(tweet_id: str) -> None:
    page = f'<twitterwidget data-tweet-id="{tweet_id}"></twitterwidget>'
    assert embedfix.repair_html(page).quotes == ()


def test_widget_id_of_ascii_digits_is_read() -> None:
    page = '<twitterwidget data-tweet-id="1234567890123456789"></twitterwidget>'
    (quote,) = embedfix.repair_html(page).quotes
    assert quote.status_id == "1234567890123456789"


# --- what the linear rewrites must still give ------------------------------------------------


def test_repeated_mojibake_is_repaired_word_by_word() -> None:
    text = "Ã©a " * 250
    fixed, repairs = embedfix.fix_encoding(text)
    assert fixed == "éa " * 250
    assert len(repairs) == 250  # one per damaged word, not one for the line
    assert all(r.original == "Ã©" and r.replacement == "é" for r in repairs)
    assert _apply(text, repairs) == fixed


def test_walk_alignment_rebuilds_the_target() -> None:
    a = list("the cafÃ© was Ã  cÃ´tÃ© de la gare " * 20)
    b = list(fix_line("".join(a)))
    out = []
    for op, i1, i2, j1, j2 in _walk(a, b):
        out.append("".join(a[i1:i2]) if op == "equal" else "".join(b[j1:j2]))
    assert "".join(out) == "".join(b)


def test_line_edits_stay_local_on_long_damaged_lines() -> None:
    line = "Le cafÃ© du coin, " * 200 + "et la fin."
    fixed = fix_line(line)
    edits = _line_edits(line, fixed, 0)
    assert len(edits) == 200
    assert all(line[e.start : e.end] == "Ã©" and e.replacement == "é" for e in edits)


def _lines_around(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`changed_lines` by its definition: each span's whole lines, searched for each span alone,
    merged when they touch, blank stretches left out."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        a = text.rfind("\n", 0, start) + 1
        b = text.find("\n", end)
        b = len(text) if b < 0 else b
        if out and a <= out[-1][1]:
            a = out.pop()[0]
        out.append((a, b))
    return [(a, b) for a, b in out if text[a:b].strip()]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.text(alphabet="ab \n", max_size=40),
    st.lists(st.tuples(st.integers(0, 42), st.integers(0, 8)), max_size=8),
)
def test_changed_lines_finds_each_spans_lines_in_one_pass(
    text: str, raw: list[tuple[int, int]]
) -> None:
    # One pass over a long line with many blanked spans (layered mojibake: 100,000 on 2 MB) was
    # one search per span, quadratic; each search now starts where the last stopped.
    spans = [(start, start + length) for start, length in raw]
    assert body.changed_lines(text, spans) == _lines_around(text, spans)


def test_changed_lines_on_one_long_line_merges_every_span() -> None:
    text = "intro\n" + "Café ok " * 1000 + "\noutro"
    spans = [(6 + 8 * k + 4, 6 + 8 * k + 5) for k in range(1000)]
    assert body.changed_lines(text, spans) == [(6, 6 + 8000)]


@pytest.mark.parametrize("levels", [1, 2, 7, 300])
def test_an_ampersand_escaped_many_times_decodes_to_the_entity(levels: int) -> None:
    text = "Tom " + "&" + "amp;" * levels + "lt;3 Jerry"
    fixed, repairs = embedfix.fix_encoding(text)
    assert fixed == "Tom <3 Jerry"
    assert _apply(text, repairs) == fixed
    assert embedfix.repair(text).body == "Tom <3 Jerry"


def test_unclosed_blockquotes_each_give_their_tweet() -> None:
    unit = (
        '<blockquote class="twitter-tweet"><p lang="en">Vote today</p>&mdash; Ann (@ann) '
        '<a href="https://twitter.com/ann/status/{n}">May 2, 2019</a>'
    )
    page = "".join(unit.format(n=1000 + n) for n in range(50))
    doc = embedfix.repair_html(page)
    assert [q.status_id for q in doc.quotes] == [str(1000 + n) for n in range(50)]
    assert {q.text for q in doc.quotes} == {"Vote today"}


def test_many_embeds_with_loader_scripts_under_one_parent_are_all_cut() -> None:
    unit = (
        '<blockquote class="twitter-tweet"><p lang="en">Hi</p>&mdash; Jane (@jane) '
        '<a href="https://twitter.com/jane/status/{n}">April 6, 2021</a></blockquote>'
        '<script async src="https://platform.twitter.com/widgets.js"></script>\n<p>Prose {n}.</p>\n'
    )
    page = '<div class="entry">' + "".join(unit.format(n=n) for n in range(40)) + "</div>"
    doc = embedfix.repair_html(page)
    assert len(doc.quotes) == 40
    assert "widgets.js" not in doc.html and "blockquote" not in doc.html
    assert doc.html.count("<p>Prose ") == 40


def test_embed_with_a_long_reference_in_an_attribute_is_read() -> None:
    page = (
        '<blockquote class="twitter-tweet" data-x="&#' + "9" * 5000 + ';"><p>Hi</p>&mdash; '
        'Jane (@jane) <a href="https://twitter.com/jane/status/1234567890">April 6, 2021</a>'
        "</blockquote>"
    )
    (quote,) = embedfix.repair_html(page).quotes
    assert (quote.text, quote.handle) == ("Hi", "jane")


def test_sentence_start_after_a_run_of_quote_marks() -> None:
    from embedfix.start_features import _BREAK

    # The lookbehind is bounded; a sentence that ends with closing marks still ends there.
    text = "The mayor said “no.”’ Vote today"
    assert text.index("Vote") in [m.end() for m in _BREAK.finditer(text)]
    hostile = "Ann said." + '"' * 5000 + " yes — Jane Doe (@janedoe) April 6, 2021"
    doc = embedfix.repair(hostile)
    assert all(hostile[q.span[0] : q.span[1]] == q.raw for q in doc.quotes)


# --- the generators of hostile input ---------------------------------------------------------


@settings(max_examples=150, deadline=None, derandomize=True)
@given(hostile_texts(), st.sampled_from(PLACEHOLDERS), st.sampled_from(["mark", "drop", "keep"]))
def test_hostile_texts_keep_every_invariant(
    text: str, placeholder: str | None, lost: LostMode
) -> None:
    doc = embedfix.repair(text, placeholder=placeholder, lost=lost)
    last = 0
    for q in doc.quotes:
        assert q.raw == text[q.span[0] : q.span[1]] and last <= q.span[0] < q.span[1]
        last = q.span[1]
    last = 0
    for r in doc.repairs:
        assert r.original == text[r.span[0] : r.span[1]] and last <= r.span[0]
        last = r.span[1]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(hostile_html())
def test_hostile_pages_never_make_repair_html_raise(page: str) -> None:
    doc = embedfix.repair_html(page)
    for q in doc.quotes:
        assert q.raw == page[q.span[0] : q.span[1]]


def test_the_hostile_samples_are_fixed_by_their_seed() -> None:
    assert sample_hostile_texts(20, seed=3) == sample_hostile_texts(20, seed=3)
    assert sample_hostile_html(5, seed=3) == sample_hostile_html(5, seed=3)
    texts = sample_hostile_texts(300, seed=1)
    assert any("Ã" in t for t in texts) and any("ÃƒÂ" in t for t in texts)  # layered
    assert any("&#" in t for t in texts) and any("\x85" in t for t in texts)
    pages = sample_hostile_html(100, seed=1)
    assert any("twitter-tweet" in p and "</blockquote>" not in p for p in pages)  # unclosed
