"""``scripts/post_lines.py``: how often posts break a line after a sentence, per layout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "scripts"))

import post_lines  # noqa: E402


def test_a_post_counts_when_a_line_break_follows_one_of_its_sentence_ends() -> None:
    share = post_lines.count(
        [
            "We did it.\nThank you all! pic.twitter.com/AbCdEf1234",  # broken after a sentence
            "Wir haben es geschafft. Danke an alle!",  # a sentence end inside, one line
            "Big win tonight\n#vote",  # a line break, but after no sentence end
            "Hecho. https://t.co/AbCdEf1234",  # only a link after the sentence end
            "試合に勝った。\nありがとう！",  # a CJK full stop ends a sentence too
        ]
    )
    assert (share.posts, share.broken) == (3, 2)
    assert share.share == pytest.approx(2 / 3)


def test_no_post_with_a_sentence_end_inside_is_a_share_of_zero() -> None:
    assert post_lines.count(["Big win tonight", ""]).share == 0.0


@pytest.mark.skipif(
    not (SHARED / "corpus" / "pages" / "manifest.jsonl").exists(),
    reason="needs ../shared/corpus (the labelled corpus and the real pages)",
)
def test_extractors_keep_more_of_a_posts_line_breaks_than_the_corpus_scrapers() -> None:
    # The measurement docs/extractors.md quotes: a third of the pages' tweets with a sentence end
    # inside break a line there; the corpus's scrapers kept a tenth, the ISOT copies none.
    shares = post_lines.measure(SHARED)
    assert shares["isot"].broken == 0
    assert shares["scraped"].share < 0.15 < 0.25 < shares["extracted"].share
