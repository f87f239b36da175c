"""Encoding repair: mojibake fixed with ftfy, lost characters (``????`` runs) recognised.

`analyze` looks at a whole document once and decides every change; `EncodingPlan.fix` applies
them to any piece of it. `fix_encoding` does both for users who only want this part.
"""

from __future__ import annotations

from typing import NamedTuple

from embedfix.encoding.lost import QmarkRun, analyze_runs
from embedfix.encoding.plan import EncodingPlan, LostMode, analyze
from embedfix.model import Repair

__all__ = [
    "EncodingPlan",
    "Fixed",
    "LostMode",
    "QmarkRun",
    "analyze",
    "analyze_runs",
    "fix_encoding",
]


class Fixed(NamedTuple):
    """What `fix_encoding` returns: the repaired text and every change made. A named tuple, so
    ``text, repairs = fix_encoding(s)`` unpacks it as before."""

    text: str
    """The text with its encoding repaired."""
    repairs: tuple[Repair, ...]
    """Every change made, in order, each with its span in the input."""


def fix_encoding(
    text: str, *, lost: LostMode = "mark", unescape_backslashes: bool = False
) -> Fixed:
    """Repair the encoding of ``text``; return the new text and every change made (`Fixed`).

    Unlike ``ftfy.fix_encoding``, which returns a string and only undoes mojibake, this returns
    a `Fixed` with the changes and their spans, judges runs of ``?`` as lost characters for the
    whole text, decodes HTML entities, and leaves the rest of the text as it was (ftfy's other
    fixes, such as curly quotes made straight, are not applied).

    Mojibake and HTML entities are decoded (quotes and dashes stay curly), byte residue goes,
    and each run of ``?`` judged to be lost characters becomes one U+FFFD per lost code point
    (``lost="mark"``), disappears (``"drop"``) or stays (``"keep"``). Lost characters are judged
    with the whole of ``text`` as evidence, as `embedfix.repair` does.

    Args:
        text: The text to repair.
        lost: What becomes of characters judged lost: ``"mark"``, ``"drop"`` or ``"keep"``.
        unescape_backslashes: Whether backslash escapes left by a JSON dump (``\\u2019``,
            ``\\n``) are decoded first.

    Returns:
        A `Fixed` named tuple: the repaired ``text``, and ``repairs``, one `Repair` per change
            with its span in ``text`` (it unpacks as ``text, repairs``).

    Raises:
        TypeError: ``text`` is not a str (None and NaN included), or ``unescape_backslashes``
            is not a bool.
        ValueError: ``lost`` is not one of the three modes.

    Examples:
        >>> fix_encoding("Itâ€™s here ðŸŽ‰").text
        'It’s here 🎉'
        >>> fixed = fix_encoding("добро пожаловать ????????")
        >>> fixed.text, [(r.kind, r.span) for r in fixed.repairs]
        ('добро пожаловать \\ufffd\\ufffd', [('lost', (17, 25))])
    """
    from embedfix.options import check_text  # options imports this package

    text = check_text(text, "embedfix.fix_encoding")
    if not isinstance(unescape_backslashes, bool):
        msg = f"unescape_backslashes must be True or False, not {unescape_backslashes!r}"
        raise TypeError(msg)
    plan = analyze(text, lost=lost, unescape_backslashes=unescape_backslashes)
    return Fixed(*plan.fix(0, len(text)))
