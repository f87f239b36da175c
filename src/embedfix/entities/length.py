"""Weighted tweet length and validity under twitter-text's v1, v2 and v3 configurations.

Twitter counts a tweet by weights: in v1 every code point weighs 1 and the limit is 140; from v2
the limit is 280 and characters outside Latin, general punctuation and a few other ranges (CJK,
emoji, ...) weigh 2; v3 also counts a whole emoji sequence (family, flag, skin tone) as 2. Every
link weighs 23 whatever its length (t.co shortening). We follow twitter-text's ``parseTweet``.
"""

from __future__ import annotations

import re
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
_INVALID_CHARS = re.compile("[\ufffe\ufeff\uffff]")
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


def _classes(config: LengthConfig) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """For each weight other than the default: the extra weight per code point, and a pattern
    matching runs of the code points that weigh it (the first range holding a code point decides
    its weight, as in `_weight`)."""
    covered: list[tuple[int, int]] = []  # disjoint, the code points of earlier ranges
    by_weight: dict[int, list[tuple[int, int]]] = {}
    for first, last, weight in config.ranges:
        if first > last:
            continue
        pieces = [(first, last)]
        for a, b in covered:  # what earlier ranges took is theirs
            pieces = [
                piece
                for lo, hi in pieces
                for piece in ((lo, min(hi, a - 1)), (max(lo, b + 1), hi))
                if piece[0] <= piece[1]
            ]
        covered += pieces
        if pieces and weight != config.default_weight:
            by_weight.setdefault(weight, []).extend(pieces)
    return tuple(
        (
            weight - config.default_weight,
            re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in sorted(pieces)) + "]+"),
        )
        for weight, pieces in by_weight.items()
    )


_CLASSES = {config: _classes(config) for config in CONFIGS.values()}
"""The runs of each weight, for the three configurations twitter-text ships."""


def _jumps(normalized: str, cfg: LengthConfig) -> list[tuple[int, int, int]]:
    """``(start, end, weight)`` of each link and emoji sequence counted as one unit, in order,
    leaving out any that starts inside an earlier one (where a link and an emoji sequence start
    together, the link counts)."""
    units: dict[int, tuple[int, int]] = {}
    # A keycap, a flag and every pictograph hold a character beyond ASCII.
    if cfg.emoji_parsing and not normalized.isascii():
        for match in _EMOJI.finditer(normalized):
            units[match.start()] = (match.end(), cfg.default_weight)
    if "." in normalized:  # no link without a dot
        for start, end, _url in find_urls(normalized):
            units[start] = (end, cfg.url_length * cfg.scale)
    jumps: list[tuple[int, int, int]] = []
    pos = 0
    for start in sorted(units):
        if start >= pos:
            end, unit = units[start]
            jumps.append((start, end, unit))
            pos = end
    return jumps


def _weight_between(text: str, start: int, end: int, cfg: LengthConfig) -> int:
    """The summed weight of the code points of ``text[start:end]``, counted at C level."""
    weight = (end - start) * cfg.default_weight
    classes = _CLASSES.get(cfg)
    if classes is None:
        classes = _classes(cfg)
    for extra, runs in classes:
        weight += extra * sum(map(len, runs.findall(text, start, end)))
    return weight


def _total_weight(normalized: str, jumps: list[tuple[int, int, int]], cfg: LengthConfig) -> int:
    weight = 0
    pos = 0
    for start, end, unit in jumps:
        weight += _weight_between(normalized, pos, start, cfg) + unit
        pos = end
    return weight + _weight_between(normalized, pos, len(normalized), cfg)


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
    jumps = _jumps(normalized, cfg)
    limit = cfg.max_weighted_length * cfg.scale
    n = len(normalized)
    weight = _total_weight(normalized, jumps, cfg)
    invalid = _INVALID_CHARS.search(normalized)
    if invalid is None and weight <= limit:
        # Every character fits and none is invalid: the valid range is the whole text.
        valid = True
        valid_end = max(n - 1, 0)
    else:
        valid, valid_end = _valid_end(normalized, jumps, cfg, limit)
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


def _valid_end(
    normalized: str, jumps: list[tuple[int, int, int]], cfg: LengthConfig, limit: int
) -> tuple[bool, int]:
    """Walk the text a character (or a link or emoji sequence) at a time, as twitter-text does,
    for where it stops fitting or meets an invalid character: whether none was met before the end,
    and the index of the last character that fits."""
    starts = {start: (end, unit) for start, end, unit in jumps}
    weight = 0
    valid = True
    valid_end = 0
    i = 0
    n = len(normalized)
    while i < n:
        jump = starts.get(i)
        if jump is not None:
            end, unit = jump
            weight += unit
            i = end - 1
        else:
            weight += _weight(ord(normalized[i]), cfg)
        if valid:
            valid = normalized[i] not in _INVALID
        if not valid:
            break  # nothing later changes either answer
        if weight <= limit:
            valid_end = i
        i += 1
    return valid, valid_end


def weighted_length(text: str, config: ConfigName | LengthConfig = "v3") -> int:
    """Return the length Twitter displays for ``text`` (links count 23; CJK and emoji count 2).

    The weights are summed at C level between links and emoji sequences, so measuring is about
    as fast as one regular-expression scan of the text.

    >>> weighted_length("Hello 世界"), weighted_length("Hello 世界", "v1")
    (10, 8)
    """
    if not isinstance(text, str):
        msg = f"expected str, got {type(text).__name__}"
        raise TypeError(msg)
    cfg = _config(config)
    normalized = unicodedata.normalize("NFC", text)
    return _total_weight(normalized, _jumps(normalized, cfg), cfg) // cfg.scale


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
