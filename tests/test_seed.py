"""The article the project started from: two tweets, one damaged by a utf8mb3 database hop."""

from __future__ import annotations

import datetime
import hashlib

import embedfix
from conftest import shared_path

SEED = "seeds/000_3fd9148a9f9c31ee.txt"


def _seed() -> str:
    return shared_path(SEED).read_text(encoding="utf-8")


def test_seed_gives_exactly_two_quotes_with_their_fields() -> None:
    doc = embedfix.repair(_seed())
    assert len(doc.quotes) == 2
    first, second = doc.quotes
    assert first.author == "Shah Mahmood Qureshi"
    assert first.handle == "SMQureshiPTI"
    assert first.date == datetime.date(2021, 4, 6)
    assert first.span == (886, 1256)
    assert first.media == ("pic.twitter.com/6sAazwuRIJ",)
    assert first.hashtags == ("SergeyLavrov",)
    assert first.text is not None and first.text.startswith("добро пожаловать")
    assert second.handle == "mfa_russia"
    assert second.author is not None and second.author.startswith("MFA Russia")
    assert second.span == (1548, 1791)
    assert second.media == ("pic.twitter.com/fS4Wo7p74W",)
    assert second.hashtags == ("Lavrov", "Islamabad", "Pakistan", "RussiaPakistan")
    assert second.mentions == ("SMQureshiPTI",)


def test_seed_body_is_the_source_without_the_two_embeds() -> None:
    source = _seed()
    doc = embedfix.repair(source)
    assert doc.body == source[:886] + source[1257:1548] + source[1792:]
    assert len(doc.body) == 1379
    digest = hashlib.sha256(doc.body.encode("utf-8")).hexdigest()
    assert digest == "499286cdfc11c6e859933122d919495e0173f525e37880571cb1961d3bfb1e28"


def test_seed_quotes_raw_is_the_source_slice() -> None:
    source = _seed()
    for q in embedfix.repair(source).quotes:
        assert q.raw == source[q.span[0] : q.span[1]]


FFFD = "\ufffd"


def test_seed_lost_emoji_are_marked_in_the_quotes() -> None:
    doc = embedfix.repair(_seed())
    first, second = doc.quotes
    assert first.text is not None and first.text.endswith(
        f"collaboration.\n{FFFD * 2} {FFFD} {FFFD * 2}"
    )
    assert second.text is not None and second.text.startswith(FFFD * 4 + " Russian")
    assert second.author == f"MFA Russia {FFFD * 2}"
    assert doc.damage.mechanism == "utf8mb3-bytes"
    assert doc.damage.qmarks_per_char == 4


def test_seed_lost_emoji_dropped_on_request() -> None:
    source = _seed()
    doc = embedfix.repair(source, lost="drop")
    first, second = doc.quotes
    assert second.author == "MFA Russia"
    assert second.text is not None and second.text.startswith("Russian Foreign Minister")
    assert first.text is not None and first.text.endswith("collaboration.")
    # The article prose carries no damage: the body is the same in every mode.
    assert doc.body == embedfix.repair(source, lost="keep").body == embedfix.repair(source).body
