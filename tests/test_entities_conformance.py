"""The twitter-text conformance suite, read from its YAML files at test time.

The suite lives outside the repository, in ``../shared/conformance/twitter-text`` or the folder
named by ``EMBEDFIX_TWITTER_TEXT_CONFORMANCE``; without it these tests skip. Every case of every
section of extract.yml runs as its own test, and so does every case of the tweet, username,
list, hashtag and length sections of validate.yml; tlds.yml runs as one test per section. The suite's own README asks implementations not to convert its cases
into static tests, so nothing from it is copied here.

Indices: extract.yml counts code points (as our spans do); the ranges of the length sections are
UTF-16 code units (twitter-text's ``parseTweet``), converted here to code points.

Known deviations are listed by case in ``KNOWN_FAILURES`` and run as strict xfails.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from embedfix.entities import (
    extract_cashtags,
    extract_cashtags_with_indices,
    extract_hashtags,
    extract_hashtags_with_indices,
    extract_mentions,
    extract_mentions_or_lists_with_indices,
    extract_mentions_with_indices,
    extract_reply_screen_name,
    extract_urls,
    extract_urls_with_indices,
    is_valid_tweet,
    parse_tweet,
)

yaml = pytest.importorskip("yaml")

REPO = Path(__file__).resolve().parents[1]
ENV = "EMBEDFIX_TWITTER_TEXT_CONFORMANCE"


def _load(path: Path) -> dict[str, list[dict[str, Any]]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    tests: dict[str, list[dict[str, Any]]] = yaml.load(path.read_text(encoding="utf-8"), loader)[
        "tests"
    ]
    return tests


def suite_dir() -> Path:
    """Where the conformance YAML files are expected."""
    configured = os.environ.get(ENV)
    if configured:
        return Path(configured)
    return REPO.parent / "shared" / "conformance" / "twitter-text"


# (file, section, description) -> reason. Keep in step with docs/entities.md.
KNOWN_FAILURES: dict[tuple[str, str, str], str] = {}

# Top-level domains that tlds.yml (twitter-text's list, frozen around 2019) still expects but that
# have since been retired and removed from the Public Suffix List our data comes from. Links in
# them are not extracted; test_tlds requires exactly these to fail. See docs/entities.md.
_RETIRED = """
    abarth active adac afamilycompany aigo alfaromeo an avianca bananarepublic bentley bl blanco
    bnl boots bq budapest bugatti cancerresearch cartier caseih cbs ceb chloe chrysler cityeats
    comcast cookingchannel csc dabur dodge doha doosan duck dunlop duns eh epost esurance
    etisalat everbank fiat flsmidth foodnetwork frontdoor fujixerox glade goo goodhands guardian
    hgtv honeywell hoteles htc iinet intel iselect iveco iwc jcp jlc juniper kerrylogistics
    kinder ladbrokes lancaster lancia lancome liaison linde lipsy lixil loft lupin macys
    maserati mcd mcdonalds meo metlife mf mobily montblanc mopar movistar mtpc mutual mutuelle
    nadex nationwide natura newholland northwesternmutual off oldnavy onyourside orientexpress
    pamperedchef panerai passagens piaget pramerica qvc raid redstone rightathome rmit rocher
    sapo sca scjohnson scor ses shaw showtime shriram spiegel spreadbetting srt starhub statoil
    swiftcover symantec telecity telefonica tiffany tp travelchannel uconnect um vista
    vistaprint volkswagen vuelos warman wolterskluwer xfinity xperia zippo اتصالات موبايلي 大众汽车
    工行 手表 珠宝 诺基亚
"""
RETIRED_TLDS = frozenset(_RETIRED.split())

# validate.yml sections that test twitter-text's RFC 3986 URL validator (isValidUrl), which is not
# entity extraction and is not part of embedfix.entities.
NOT_IMPLEMENTED = {"urls": "isValidUrl (RFC 3986 validator)", "urls_without_protocol": "isValidUrl"}


def _mentions_with_indices(text: str) -> list[dict[str, Any]]:
    return [
        {"screen_name": e.value, "indices": list(e.span)}
        for e in extract_mentions_with_indices(text)
    ]


def _mentions_or_lists(text: str) -> list[dict[str, Any]]:
    return [
        {
            "screen_name": e.value,
            "list_slug": "/" + e.list_slug if e.list_slug else "",
            "indices": list(e.span),
        }
        for e in extract_mentions_or_lists_with_indices(text)
    ]


def _urls_with_indices(text: str) -> list[dict[str, Any]]:
    return [{"url": e.value, "indices": list(e.span)} for e in extract_urls_with_indices(text)]


def _hashtags_with_indices(text: str) -> list[dict[str, Any]]:
    return [
        {"hashtag": e.value, "indices": list(e.span)} for e in extract_hashtags_with_indices(text)
    ]


def _cashtags_with_indices(text: str) -> list[dict[str, Any]]:
    return [
        {"cashtag": e.value, "indices": list(e.span)} for e in extract_cashtags_with_indices(text)
    ]


def _is_valid_username(text: str) -> bool:
    # twitter-text's isValidUsername: exactly one mention, which is the whole text.
    return bool(text) and extract_mentions(text) == [text[1:]]


def _is_valid_list(text: str) -> bool:
    # twitter-text's isValidList: the whole text is one @name/slug.
    found = extract_mentions_or_lists_with_indices(text)
    return (
        len(found) == 1
        and found[0].kind == "list"
        and found[0].span == (0, len(text))
        and text[0] in "@\uff20"
    )


def _is_valid_hashtag(text: str) -> bool:
    return bool(text) and extract_hashtags(text) == [text[1:]]


EXTRACT: dict[str, Callable[[str], Any]] = {
    "mentions": extract_mentions,
    "mentions_with_indices": _mentions_with_indices,
    "mentions_or_lists_with_indices": _mentions_or_lists,
    "replies": extract_reply_screen_name,
    "urls": extract_urls,
    "urls_with_indices": _urls_with_indices,
    "urls_with_directional_markers": _urls_with_indices,
    "tco_urls_with_params": extract_urls,
    "hashtags": extract_hashtags,
    "hashtags_from_astral": extract_hashtags,
    "hashtags_with_indices": _hashtags_with_indices,
    "cashtags": extract_cashtags,
    "cashtags_with_indices": _cashtags_with_indices,
}

VALIDATE: dict[str, Callable[[str], Any]] = {
    "tweets": lambda text: is_valid_tweet(text, "v1"),
    "usernames": _is_valid_username,
    "lists": _is_valid_list,
    "hashtags": _is_valid_hashtag,
}

LENGTH_CONFIG = {
    "WeightedTweetsCounterTest": "v2",
    "WeightedTweetsWithDiscountedEmojiCounterTest": "v3",
    "UnicodeDirectionalMarkerCounterTest": "v3",
}


def _utf16_to_code_point(text: str, index: int) -> int:
    """The code-point index of the character holding UTF-16 unit ``index`` of ``text``."""
    units = 0
    for position, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > index:
            return position
    return index  # only for the empty text, where twitter-text reports 0


def _cases(file: str, pick: Callable[[str], bool]) -> list[Any]:
    path = suite_dir() / file
    if not path.is_file():
        return [
            pytest.param(
                None,
                None,
                None,
                marks=pytest.mark.skip(
                    reason=f"twitter-text conformance suite not found at {path}"
                ),
                id=f"{file}-absent",
            )
        ]
    data = _load(path)
    params = []
    for section, cases in data.items():
        if not pick(section):
            continue
        for number, case in enumerate(cases):
            marks = []
            reason = KNOWN_FAILURES.get((file, section, case["description"]))
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            params.append(
                pytest.param(
                    section,
                    case["text"],
                    case["expected"],
                    marks=marks,
                    id=f"{section}-{number:03d}",
                )
            )
    return params


@pytest.mark.parametrize(("section", "text", "expected"), _cases("extract.yml", lambda s: True))
def test_extract(section: str, text: str, expected: Any) -> None:
    assert section in EXTRACT, f"new extract.yml section {section!r}: add it to EXTRACT"
    assert EXTRACT[section](text) == expected


@pytest.mark.parametrize(
    ("section", "text", "expected"),
    _cases("validate.yml", lambda s: s in VALIDATE or s in LENGTH_CONFIG or s in NOT_IMPLEMENTED),
)
def test_validate(section: str, text: str, expected: Any) -> None:
    if section in NOT_IMPLEMENTED:
        pytest.skip(f"out of scope: {NOT_IMPLEMENTED[section]}")
    if section in VALIDATE:
        assert VALIDATE[section](text) == expected
        return
    parsed = parse_tweet(text, LENGTH_CONFIG[section])
    got = {
        "weightedLength": parsed.weighted_length,
        "valid": parsed.valid,
        "permillage": parsed.permillage,
        "displayRangeStart": parsed.display_range[0],
        "displayRangeEnd": parsed.display_range[1],
        "validRangeStart": parsed.valid_range[0],
        "validRangeEnd": parsed.valid_range[1],
    }
    want = dict(expected)
    for key in ("displayRangeStart", "displayRangeEnd", "validRangeStart", "validRangeEnd"):
        want[key] = _utf16_to_code_point(text, want[key])
    assert got == want


def test_validate_has_no_unknown_sections() -> None:
    path = suite_dir() / "validate.yml"
    if not path.is_file():
        pytest.skip(f"twitter-text conformance suite not found at {path}")
    sections = set(_load(path))
    assert sections <= set(VALIDATE) | set(LENGTH_CONFIG) | set(NOT_IMPLEMENTED)


def _tld_sections() -> list[Any]:
    path = suite_dir() / "tlds.yml"
    if not path.is_file():
        reason = f"twitter-text conformance suite not found at {path}"
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=reason), id="absent")]
    return [pytest.param(section, cases, id=section) for section, cases in _load(path).items()]


@pytest.mark.parametrize(("section", "cases"), _tld_sections())
def test_tlds(section: str, cases: list[dict[str, Any]]) -> None:
    """Every TLD of tlds.yml is recognised, except exactly the retired ones.

    One test per section rather than per case (1574 cases would cost CI seconds for nothing):
    the failures must equal RETIRED_TLDS both ways, which is as strict as per-case xfails.
    """
    failing = {
        case["text"].split(".", 1)[1]
        for case in cases
        if extract_urls(case["text"]) != case["expected"]
    }
    expected = {case["text"].split(".", 1)[1] for case in cases} & RETIRED_TLDS
    assert failing == expected
