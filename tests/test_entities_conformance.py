"""The twitter-text conformance suite, read from its YAML files at test time.

The suite lives outside the repository, in ``../shared/conformance/twitter-text`` or the folder
named by ``EMBEDFIX_TWITTER_TEXT_CONFORMANCE``; without it these tests skip. Every case of every
section of extract.yml and tlds.yml runs, and the tweet, username, list, hashtag and length
sections of validate.yml. The suite's own README asks implementations not to convert its cases
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
RETIRED_TLDS = frozenset(
    {
        "um",
        "tp",
        "mf",
        "eh",
        "bq",
        "bl",
        "an",
        "诺基亚",
        "珠宝",
        "手表",
        "工行",
        "大众汽车",
        "موبايلي",
        "اتصالات",
        "zippo",
        "xperia",
        "xfinity",
        "wolterskluwer",
        "warman",
        "vuelos",
        "volkswagen",
        "vistaprint",
        "vista",
        "uconnect",
        "travelchannel",
        "tiffany",
        "telefonica",
        "telecity",
        "symantec",
        "swiftcover",
        "statoil",
        "starhub",
        "srt",
        "spreadbetting",
        "spiegel",
        "shriram",
        "showtime",
        "shaw",
        "ses",
        "scor",
        "scjohnson",
        "sca",
        "sapo",
        "rocher",
        "rmit",
        "rightathome",
        "redstone",
        "raid",
        "qvc",
        "pramerica",
        "piaget",
        "passagens",
        "panerai",
        "pamperedchef",
        "orientexpress",
        "onyourside",
        "oldnavy",
        "off",
        "northwesternmutual",
        "newholland",
        "natura",
        "nationwide",
        "nadex",
        "mutuelle",
        "mutual",
        "mtpc",
        "movistar",
        "mopar",
        "montblanc",
        "mobily",
        "metlife",
        "meo",
        "mcdonalds",
        "mcd",
        "maserati",
        "macys",
        "lupin",
        "loft",
        "lixil",
        "lipsy",
        "linde",
        "liaison",
        "lancome",
        "lancia",
        "lancaster",
        "ladbrokes",
        "kinder",
        "kerrylogistics",
        "juniper",
        "jlc",
        "jcp",
        "iwc",
        "iveco",
        "iselect",
        "intel",
        "iinet",
        "htc",
        "hoteles",
        "honeywell",
        "hgtv",
        "guardian",
        "goodhands",
        "goo",
        "glade",
        "fujixerox",
        "frontdoor",
        "foodnetwork",
        "flsmidth",
        "fiat",
        "everbank",
        "etisalat",
        "esurance",
        "epost",
        "duns",
        "dunlop",
        "duck",
        "doosan",
        "doha",
        "dodge",
        "dabur",
        "csc",
        "cookingchannel",
        "comcast",
        "cityeats",
        "chrysler",
        "chloe",
        "ceb",
        "cbs",
        "caseih",
        "cartier",
        "cancerresearch",
        "bugatti",
        "budapest",
        "boots",
        "bnl",
        "blanco",
        "bentley",
        "bananarepublic",
        "avianca",
        "alfaromeo",
        "aigo",
        "afamilycompany",
        "adac",
        "active",
        "abarth",
    }
)

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
    return max(len(text) - 1, 0) if index <= units else index - units + len(text)


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
