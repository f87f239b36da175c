"""Encoding repair: mojibake fixed with ftfy, lost characters (``????`` runs) recognised.

`analyze` looks at a whole document once and decides every change; `EncodingPlan.fix` applies
them to any piece of it. `fix_encoding` does both for users who only want this part.
"""

from __future__ import annotations

from embedfix.encoding.lost import QmarkRun, analyze_runs
from embedfix.encoding.plan import EncodingPlan, LostMode, analyze
from embedfix.model import Repair

__all__ = ["EncodingPlan", "LostMode", "QmarkRun", "analyze", "analyze_runs", "fix_encoding"]


def fix_encoding(
    text: str, *, lost: LostMode = "mark", unescape_backslashes: bool = False
) -> tuple[str, tuple[Repair, ...]]:
    """Repair the encoding of ``text``; return the new text and every change made.

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
        The repaired text, and one `Repair` per change with its span in ``text``.

    Raises:
        TypeError: ``text`` is not a str.
        ValueError: ``lost`` is not one of the three modes.

    Examples:
        >>> fix_encoding("Itâ€™s here ðŸŽ‰")[0]
        'It’s here 🎉'
        >>> fix_encoding("добро пожаловать ????????")[0]
        'добро пожаловать \\ufffd\\ufffd'
    """
    if not isinstance(text, str):
        msg = f"fix_encoding() takes a str, not {type(text).__name__}"
        raise TypeError(msg)
    return analyze(text, lost=lost, unescape_backslashes=unescape_backslashes).fix(0, len(text))
