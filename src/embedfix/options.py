"""The options of `repair` and `repair_html`, checked once at the call, before any work.

A corpus job should fail on its first call when an option is wrong, not part way through on the
first document that happens to use it; each message says what was given and what is allowed.
The command line runs the same checks before it reads any input.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from typing import Any, NamedTuple

from embedfix.dates import ALL_LANGS, normalize_lang
from embedfix.encoding import LostMode
from embedfix.platforms import FINDERS

__all__ = ["DEFAULT_OPTIONS", "PLATFORMS", "Options", "check", "check_text"]

PLATFORMS: tuple[str, ...] = tuple(FINDERS)
"""The platform names `repair` accepts in ``platforms=`` (and looks for by default: all)."""

_LOST: tuple[LostMode, ...] = ("mark", "drop", "keep")


class Options(NamedTuple):
    """The checked options, in the form the pipeline uses them."""

    placeholder: str | None
    """The marker left where each embed stood, or None."""
    lost: LostMode
    """What becomes of lost characters."""
    fix_encoding: bool
    """Whether encoding is repaired."""
    platforms: frozenset[str]
    """The platforms looked for."""
    lang: str | None
    """The article's language, normalised (``"pt-br"``), or None."""
    published: datetime.date | None
    """The article's publication date, or None."""


DEFAULT_OPTIONS = Options(None, "mark", True, frozenset(PLATFORMS), None, None)
"""The options when none is given."""


def check_text(text: object, function: str) -> str:
    """``text`` if it is a ``str``; a `TypeError` that names what it was otherwise (a missing
    value from pandas, ``None`` or NaN, is named as such)."""
    if isinstance(text, str):
        return text
    if text is None:
        msg = f"{function}() expected str, got None"
    elif isinstance(text, float) and math.isnan(text):
        msg = f"{function}() expected str, got NaN (a missing value)"
    elif isinstance(text, (bytes, bytearray)):
        msg = (
            f"{function}() expected str, got {type(text).__name__}; decode bytes first "
            "(for example with ftfy.guess_bytes)"
        )
    else:
        msg = f"{function}() expected str, got {type(text).__name__}"
    raise TypeError(msg)


def check(
    *,
    placeholder: object = None,
    lost: object = "mark",
    fix_encoding: object = True,
    platforms: object = None,
    lang: object = None,
    published: object = None,
) -> Options:
    """Check every option; raise `TypeError` (wrong type) or `ValueError` (wrong value)."""
    return Options(
        _placeholder(placeholder),
        _lost(lost),
        _fix_encoding(fix_encoding),
        _platforms(platforms),
        _lang(lang),
        _published(published),
    )


def _placeholder(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    msg = f"placeholder must be a str or None, not {type(value).__name__}"
    raise TypeError(msg)


def _lost(value: object) -> LostMode:
    for mode in _LOST:
        if value == mode and isinstance(value, str):
            return mode
    msg = f"lost must be 'mark', 'drop' or 'keep', not {value!r}"
    raise ValueError(msg)


def _fix_encoding(value: object) -> bool:
    if isinstance(value, bool):
        return value
    msg = f"fix_encoding must be True or False, not {value!r}"
    raise TypeError(msg)


_ALL = frozenset(PLATFORMS)


def _platforms(value: object) -> frozenset[str]:
    if value is None:
        return _ALL
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable):
        msg = (
            f"platforms must be a list of names from embedfix.PLATFORMS or None, "
            f"not {type(value).__name__}"
        )
        raise TypeError(msg)
    names: list[Any] = list(value)
    wrong = [n for n in names if not isinstance(n, str)]
    if wrong:
        msg = f"platforms must be names (str), not {wrong[0]!r}"
        raise TypeError(msg)
    unknown = sorted(set(names) - _ALL)
    if unknown:
        msg = f"unknown platform(s) {unknown}; known: {', '.join(PLATFORMS)}"
        raise ValueError(msg)
    return frozenset(names)


def _lang(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        msg = f"lang must be a language tag (str) such as 'fr' or 'pt-BR', or None, not {value!r}"
        raise TypeError(msg)
    code = normalize_lang(value)
    if code in ALL_LANGS or normalize_lang(code.split("-")[0]).split("-")[0] in _LANG_BASES:
        return code
    msg = (
        f"lang {value!r} is not a language the date tables know; "
        f"known: {', '.join(ALL_LANGS)} (and their regional tags, e.g. 'pt-BR'); "
        "pass None for another language"
    )
    raise ValueError(msg)


_LANG_BASES = frozenset(lang.split("-")[0] for lang in ALL_LANGS)
"""The languages without region (``zh`` for ``zh-cn`` and ``zh-tw``)."""


def _published(value: object) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            msg = f"published must be an ISO 8601 date such as '2020-10-01', not {value!r}"
            raise ValueError(msg) from None
    msg = (
        "published must be a datetime.date, a datetime.datetime or an ISO 8601 string, "
        f"not {type(value).__name__}"
    )
    raise TypeError(msg)
