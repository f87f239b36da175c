"""Result rows for many texts at once, the options checked once: what every engine module shares.

An engine hands embedfix a column of texts, a batch at a time, on workers the caller does not see.
A wrong option should fail once, at the call on the driver, before any task runs; a missing text
(``None``, or the float NaN pandas gives for it) is a missing result, not an error that stops a
job of millions of documents on its last partition.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from embedfix.model import Dates, Document
from embedfix.options import Options, check
from embedfix.pipeline import _repair

__all__ = ["check_options", "documents", "is_missing", "rows"]

_NAMES = ("placeholder", "lost", "fix_encoding", "platforms", "lang", "published")


def check_options(function: str, options: Mapping[str, Any]) -> Options:
    """``options`` (the keywords of `embedfix.repair`) checked, for ``function``'s messages: an
    unknown keyword is a `TypeError` that lists the known ones."""
    unknown = sorted(set(options) - set(_NAMES))
    if unknown:
        msg = f"{function}() got unknown option(s) {unknown}; the options of repair: {', '.join(_NAMES)}"
        raise TypeError(msg)
    return check(**options)


def is_missing(value: object) -> bool:
    """Whether ``value`` stands for a missing text: None, or a float NaN (pandas' missing value)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def documents(texts: Iterable[object], options: Options) -> list[Document | None]:
    """``repair(text)`` for each text, None for a missing one; ``options`` already checked
    (`check_options`). A value that is neither a text nor missing is a `TypeError` that says
    what it was. The engines turn these into columns (`embedfix.arrow`) or rows (`rows`)."""
    out: list[Document | None] = []
    append = out.append
    for text in texts:
        if type(text) is str:
            append(_repair(text, options))
        elif is_missing(text):
            append(None)
        elif isinstance(text, str):
            append(_repair(str(text), options))
        else:
            msg = (
                f"expected a text (str) or a missing value, got {type(text).__name__}: {text!r:.60}"
            )
            raise TypeError(msg)
    return out


def rows(
    texts: Iterable[object], options: Options, *, dates: Dates = "date"
) -> list[dict[str, Any] | None]:
    """``repair(text).to_dict(source=False, dates=dates)`` for each text, None for a missing one;
    ``options`` already checked (`check_options`). A value that is neither a text nor missing is
    a `TypeError` that says what it was."""
    return [
        None if doc is None else doc.to_dict(source=False, dates=dates)
        for doc in documents(texts, options)
    ]
