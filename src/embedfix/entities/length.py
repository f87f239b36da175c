"""Weighted tweet length and validity under twitter-text's v1, v2 and v3 configurations.

Twitter counts a tweet by weights: in v1 every code point weighs 1 and the limit is 140; from v2
the limit is 280 and characters outside Latin, general punctuation and a few other ranges (CJK,
emoji, ...) weigh 2; v3 also counts a whole emoji sequence (family, flag, skin tone) as 2. Every
link weighs 23 whatever its length (t.co shortening). We follow twitter-text's ``parseTweet``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import regex

from embedfix.entities.urls import find_urls

__all__ = [
    "CONFIGS",
    "LengthConfig",
    "ParsedTweet",
    "is_valid_tweet",
    "parse_tweet",
    "weighted_length",
]

ConfigName = Literal["v1", "v2", "v3"]


@dataclass(frozen=True, slots=True)
class LengthConfig:
    """One twitter-text length configuration (the JSON files ``v1.json``, ``v2.json``, ``v3.json``).

    Fields:

    * ``version``: the configuration's number (1, 2 or 3).
    * ``max_weighted_length``: the longest valid tweet, in weighted units (140 or 280).
    * ``scale``: weights are integers ``scale`` times the displayed length (1 or 100).
    * ``default_weight``: the weight of a code point outside every range.
    * ``ranges``: ``(first, last, weight)`` code-point ranges (inclusive) with their own weight.
    * ``emoji_parsing``: count each emoji sequence as one code point of ``default_weight``.
    * ``url_length``: the weighted length of any link (its t.co form), before scaling.
    """

    version: int
    max_weighted_length: int
    scale: int
    default_weight: int
    ranges: tuple[tuple[int, int, int], ...]
    emoji_parsing: bool
    url_length: int = 23


_LIGHT_RANGES = ((0, 4351, 100), (8192, 8205, 100), (8208, 8223, 100), (8242, 8247, 100))

CONFIGS: Mapping[str, LengthConfig] = MappingProxyType(
    {
        "v1": LengthConfig(1, 140, 1, 1, (), emoji_parsing=False),
        "v2": LengthConfig(2, 280, 100, 200, _LIGHT_RANGES, emoji_parsing=False),
        "v3": LengthConfig(3, 280, 100, 200, _LIGHT_RANGES, emoji_parsing=True),
    }
)
"""The three configurations twitter-text ships, by name (read-only); v3 is the current one."""


@dataclass(frozen=True, slots=True)
class ParsedTweet:
    """The length report of a tweet, like twitter-text's ``parseTweet`` result.

    Fields (indices are code-point offsets into the text given, and, as in twitter-text, the
    range ends are *inclusive*):

    * ``weighted_length``: the length Twitter displays (weights divided by the scale).
    * ``valid``: not empty, not too long, and no invalid character (U+FFFE, U+FEFF, U+FFFF).
    * ``permillage``: the weighted length in thousandths of the limit, rounded down.
    * ``display_range``: ``(0, last index)`` of the whole text (``(0, 0)`` when empty).
    * ``valid_range``: ``(0, index)`` of the last character that still fits the limit.
    """

    weighted_length: int
    valid: bool
    permillage: int
    display_range: tuple[int, int]
    valid_range: tuple[int, int]


_INVALID = frozenset("\ufffe\ufeff\uffff")
_TEXT_DEFAULT = "\u00a9\u00ae\u2122\u265f"
# One emoji as Twitter's emoji parser counts it: a keycap, a flag, or pictographs joined by ZWJ,
# each with an optional variation selector, skin tone and tag sequence (subdivision flags).
_EMOJI_ELEMENT = (
    "(?:[" + _TEXT_DEFAULT + "]\ufe0f"
    "|(?![" + _TEXT_DEFAULT + "])[\\p{Extended_Pictographic}\\p{Emoji_Presentation}]"
    "[\ufe0e\ufe0f]?\\p{Emoji_Modifier}?(?:[\U000e0020-\U000e007e]+\U000e007f)?)"
)
_EMOJI = regex.compile(
    "[#*0-9]\ufe0f?\u20e3"
    "|\\p{Regional_Indicator}{2}"
    "|" + _EMOJI_ELEMENT + "(?:\u200d" + _EMOJI_ELEMENT + ")*"
)


def _config(config: str | LengthConfig) -> LengthConfig:
    if isinstance(config, LengthConfig):
        return config
    try:
        return CONFIGS[config]
    except (KeyError, TypeError):
        msg = f"unknown length configuration {config!r}; expected one of {sorted(CONFIGS)}"
        raise ValueError(msg) from None


def _weight(code_point: int, config: LengthConfig) -> int:
    for first, last, weight in config.ranges:
        if first <= code_point <= last:
            return weight
    return config.default_weight


def parse_tweet(text: str, config: ConfigName | LengthConfig = "v3") -> ParsedTweet:
    """Measure ``text`` as Twitter would, under ``config`` (``"v1"``, ``"v2"``, ``"v3"``).

    The text is NFC-normalised first, as Twitter does.

    >>> parse_tweet("Hi http://test.co").weighted_length
    26
    """
    if not isinstance(text, str):
        msg = f"expected str, got {type(text).__name__}"
        raise TypeError(msg)
    cfg = _config(config)
    normalized = unicodedata.normalize("NFC", text)
    # Links, then emoji sequences, each counted as one unit from their start.
    jumps: dict[int, tuple[int, int]] = {}
    if cfg.emoji_parsing:
        for match in _EMOJI.finditer(normalized):
            jumps[match.start()] = (match.end(), cfg.default_weight)
    for start, end, _url in find_urls(normalized):
        jumps[start] = (end, cfg.url_length * cfg.scale)
    limit = cfg.max_weighted_length * cfg.scale
    weight = 0
    valid = True
    valid_end = 0
    i = 0
    n = len(normalized)
    while i < n:
        jump = jumps.get(i)
        if jump is not None:
            end, unit = jump
            weight += unit
            i = end - 1
        else:
            weight += _weight(ord(normalized[i]), cfg)
        if valid:
            valid = normalized[i] not in _INVALID
        if valid and weight <= limit:
            valid_end = i
        i += 1
    length = weight // cfg.scale
    valid = valid and 0 < length <= cfg.max_weighted_length
    valid_end += len(text) - n
    return ParsedTweet(
        weighted_length=length,
        valid=valid,
        permillage=weight * 1000 // limit,
        display_range=(0, max(len(text) - 1, 0)),
        valid_range=(0, valid_end),
    )


def weighted_length(text: str, config: ConfigName | LengthConfig = "v3") -> int:
    """Return the length Twitter displays for ``text`` (links count 23; CJK and emoji count 2).

    >>> weighted_length("Hello 世界"), weighted_length("Hello 世界", "v1")
    (10, 8)
    """
    return parse_tweet(text, config).weighted_length


def is_valid_tweet(text: str, config: ConfigName | LengthConfig = "v3") -> bool:
    """Tell whether ``text`` could be posted: not empty, within the limit, no invalid character.

    >>> is_valid_tweet("x" * 280), is_valid_tweet("x" * 280, "v1"), is_valid_tweet("")
    (True, False, False)
    """
    if not isinstance(text, str):
        msg = f"expected str, got {type(text).__name__}"
        raise TypeError(msg)
    if not text:
        return False
    cfg = _config(config)
    if weighted_length(text, cfg) > cfg.max_weighted_length:
        return False
    return not any(c in _INVALID for c in text)
