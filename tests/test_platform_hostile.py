"""The platform grammars on hostile and arbitrary input: linear time, no crash, honest spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import embedfix
from embedfix.platforms import FINDERS

MB = 1_000_000
KINDS = {"embed", "signature", "status-url", "boilerplate"}

# Each anchor repeated until the text is long: a regex that backtracks, or a finder that rescans
# the text for every anchor, takes minutes here instead of about a second.
HOSTILE = [
    ("A post shared by ", MB),
    ("♬ ", MB),
    ("View on ", MB),
    ("A post shared by a (@a) on ", MB // 10),
    ("Uma publicação partilhada por X (@x) a", MB // 10),
    ("View this post on Instagram ", MB // 10),
    ("(@a", MB // 10),
    ("Posted by x on ", MB // 10),
    ("Posted by x on\u00a0Monday, ", MB // 10),
    ("@ab ♬ a - b ", MB // 10),
    ("byu/abc in", MB // 10),
    (" from r/ab", MB // 10),
    ("View on Threads", MB // 10),
    ("Post by @a@b.c View on Mastodon", MB // 10),
    ("Skip twitter post by ", MB // 10),
    ("Skip twitter post\nEnd of twitter post\n", MB // 10),
    ("May 1, 2019 at 1", MB // 10),
    ("A post shared by\nAna\n(@a)\n on \n", MB // 10),
    ("Posted by\nAna\n on\n", MB // 10),
    ("by\nu/abc\n in\n", MB // 10),
    ("[View this post on Instagram](https://www.instagram.com/p/", MB // 10),
    ("@ab\n#x\n \n", MB // 10),
]


@pytest.mark.parametrize(("unit", "size"), HOSTILE, ids=[h[0][:20] for h in HOSTILE])
def test_hostile_anchor_runs_give_ordered_exact_spans(unit: str, size: int) -> None:
    # Their time is measured, doubling the input, by benchmarks/hostile.py (no timed unit test).
    text = (unit * (size // len(unit) + 1))[:size]
    doc = embedfix.repair(text)
    last = 0
    for q in doc.quotes:
        assert last <= q.span[0] < q.span[1] <= len(text)
        last = q.span[1]


ALPHABET = st.sampled_from(
    [
        "A post shared by ",
        "(@",
        "cristiano",
        ") on ",
        " a\n",
        "Apr 8, 2018",
        " at 4:22pm PDT",
        "View this post on Instagram",
        "Posted by ",
        "Jane",
        " on\u00a0",
        "Monday, ",
        "♬ ",
        "original sound - X",
        "@tiktoker ",
        "#tag ",
        "byu/",
        "user_1",
        " in",
        "sub",
        " from r/",
        "View on Threads",
        "Post by @a@b.social",
        " View on Mastodon",
        "Skip twitter post by ",
        "End of twitter post by @x",
        "\n",
        "\n\n",
        " ",
        ".",
        "?",
        "—",
        "é",
        "😀",
        "\u00a0",
        "https://www.threads.net/@a/post/Abc12",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_finders_never_crash_and_report_spans_inside_the_text(text: str) -> None:
    for name, find in FINDERS.items():
        for f in find(text):
            assert 0 <= f.span[0] < f.span[1] <= len(text), name
            assert f.kind in KINDS
            assert 0.0 <= f.confidence <= 1.0
            for s, e in f.text_spans:
                assert f.span[0] <= s <= e <= f.span[1]
            if f.author_span is not None:
                assert f.span[0] <= f.author_span[0] <= f.author_span[1] <= f.span[1]


@settings(max_examples=150, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_repair_keeps_every_character_outside_the_quotes(text: str) -> None:
    doc = embedfix.repair(text, lost="keep", fix_encoding=False)  # no repair: the body is the text
    last = 0
    for q in doc.quotes:
        assert q.raw == text[q.span[0] : q.span[1]]
        assert last <= q.span[0]
        last = q.span[1]
    kept = "".join(ch for ch in doc.body if not ch.isspace())
    outside = []
    pos = 0
    for q in doc.quotes:
        outside.append(text[pos : q.span[0]])
        pos = q.span[1]
    outside.append(text[pos:])
    assert kept == "".join(ch for ch in "".join(outside) if not ch.isspace())


@given(st.text(max_size=300))
@settings(max_examples=150, deadline=None)
def test_any_text_is_safe(text: str) -> None:
    for find in FINDERS.values():
        for f in find(text):  # records with sane offsets, every piece inside the embed
            start, end = f.span
            assert 0 <= start < end <= len(text)
            for a, b in (*f.text_spans, *([f.author_span] if f.author_span else [])):
                assert start <= a <= b <= end
            if f.date is not None:
                assert start <= f.date.start <= f.date.end <= end
