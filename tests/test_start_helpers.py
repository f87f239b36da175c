"""The start model's fast helpers give exactly what the plain computations they replace give.

`start_features` finds the places a post may start with `_BREAK` tried only where a match can
begin, skips the link scan where no link can stand, counts stopwords per word rather than per
language, and searches the patterns anchored at the end backwards (issue 17). Each is compared here with the plain computation on the shared corpora
(every text, random windows) and on hypothesis text built from the characters the patterns act on.
"""

from __future__ import annotations

import json
import random

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared_path
from embedfix import start_features

_GROUPS = ("sentence", "colon", "glued", "case", "gap")


def _plain_breaks(text: str, lo: int, hi: int) -> list[tuple[object, ...]]:
    return [
        (m.span(), *(m.start(g) for g in _GROUPS))
        for m in start_features._BREAK.finditer(text, lo, hi)
    ]


def _fast_breaks(text: str, lo: int, hi: int) -> list[tuple[object, ...]]:
    return [
        (m.span(), *(m.start(g) for g in _GROUPS)) for m in start_features._breaks(text, lo, hi)
    ]


def _same(text: str, lo: int, hi: int) -> None:
    assert _fast_breaks(text, lo, hi) == _plain_breaks(text, lo, hi), (lo, hi, text[lo:hi][:200])
    plain_links = [m.span() for m in start_features._URL.finditer(text, lo, hi)]
    assert start_features._links(text, lo, hi) == plain_links


def test_the_shared_corpora_give_the_same_breaks_and_links() -> None:
    rng = random.Random(17)
    for name in ("dev.jsonl", "dev_isot.jsonl", "isot_bulk.jsonl"):
        path = shared_path("corpus", name)
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            _same(text, 0, len(text))
            lo = rng.randrange(len(text) + 1)
            _same(text, lo, rng.randrange(lo, len(text) + 1))


_ALPHABET = st.sampled_from(
    [
        *" \t\u00a0\n.!?…;:。！？：\"'”’»)“@#,-/aZbÉéßx1",
        *("www.", "http://", "https://t.co/x", "pic.twitter.com/", "U.S. ", "said.The", "ÉTÉ"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_breaks_and_links_on_any_text(text: str, a: int, b: int) -> None:
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    _same(text, lo, hi)
    _same(text, 0, len(text))


def _plain_language(words: list[str]) -> str | None:
    counts = sorted(
        ((sum(w in stop for w in words), lang) for lang, stop in start_features._STOPWORDS.items()),
        reverse=True,
    )
    (best, lang), (second, _) = counts[0], counts[1]
    return lang if best >= 2 and best > second else None


_COMMON = sorted(frozenset().union(*start_features._STOPWORDS.values()))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_COMMON, "tweet", "Trump", "x"]), max_size=40))
def test_language_counts_as_the_plain_count(words: list[str]) -> None:
    assert start_features._language(words) == _plain_language(words)


def _plain_words(text: str) -> tuple[list[int], list[str]]:
    blanked = start_features._URLISH.sub(lambda m: " " * len(m.group()), text)
    found = [(m.start(), m.group().casefold()) for m in start_features._ANY_WORD.finditer(blanked)]
    return [s for s, _ in found], [w for _, w in found]


def _plain_fewer(text: str, n: int) -> bool:
    return len([w for w in start_features._ANY_WORD.findall(text) if len(w) >= 2]) < n


_WORDY = st.sampled_from(
    [*" \n.,'’-/", "a", "Z", "ab", "Tweet", "ÉTÉ", "straße", "İ", "٣", "x1", "https://t.co/Ab1"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDY, max_size=40).map("".join), st.integers(0, 4))
def test_words_and_word_counts_as_the_plain_scan(text: str, n: int) -> None:
    words = start_features._Words(text, 0, len(text))
    assert (words._starts, words._words) == _plain_words(text)
    assert start_features._fewer_words(text, n) == _plain_fewer(text, n)


def test_a_post_in_a_script_without_spaces_counts_its_words() -> None:
    # Chinese, Japanese and Thai write no spaces between words: each two characters count as one.
    assert not start_features._fewer_words("皆さんのおかげで試合に勝てました", 3)
    assert not start_features._fewer_words("台风谢谢来了谢谢支持", 3)
    assert not start_features._fewer_words("ขอบคุณทุกคนที่มาร่วมงาน", 3)
    assert start_features._fewer_words("つづく", 3)
    assert start_features._fewer_words("ok 東京", 3)


_BACKWARD = ("_LEAD_IN", "_SAYS", "_PROSE_END", "_LINK_END", "_BLANK_END")
"""The patterns anchored at the end, which `start_features` searches backwards."""

_ENDINGS = st.sampled_from(
    [
        *" \t\n\u00a0\u2003.:：;-'\"”’»)。۔।aZé1",
        *(" tweeted", " wrote", " a écrit", " schrieb", "Tweeted", "said", "says", "👇", "⬇️", "⬇"),
        *("https://t.co/Ab1", "pic.twitter.com/Ab1", "http://x", "U.S.", "...", "\n\n", "\n \n "),
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_ENDINGS, max_size=30).map("".join))
def test_backward_searches_find_what_forward_ones_find(text: str) -> None:
    for name in _BACKWARD:
        pattern = getattr(start_features, name)
        assert pattern.flags & regex.REVERSE, name
        forward = regex.compile(pattern.pattern, pattern.flags & ~regex.REVERSE)
        assert (pattern.search(text) is None) == (forward.search(text) is None), (name, text)


def test_backward_searches_on_the_shared_corpora() -> None:
    for name in ("dev.jsonl", "dev_isot.jsonl"):
        path = shared_path("corpus", name)
        for line in path.read_text(encoding="utf-8").splitlines():
            for piece in json.loads(line)["text"].split("\n"):
                for pattern_name in _BACKWARD:
                    pattern = getattr(start_features, pattern_name)
                    forward = regex.compile(pattern.pattern, pattern.flags & ~regex.REVERSE)
                    assert (pattern.search(piece) is None) == (forward.search(piece) is None)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDY | _ENDINGS, max_size=40).map("".join))
def test_straight_apostrophes_counted_as_before(text: str) -> None:
    """``straight_apostrophes`` is only scanned for in a post holding ``'`` or ``’``."""
    found = start_features._STRAIGHT_APOSTROPHE.findall(text)
    assert not found or "'" in text or "’" in text
