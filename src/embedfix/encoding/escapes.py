"""Backslash escapes left by JSON dumps (``\\n``, ``\\"``, ``\\u00e9``): decoded only on request.

Decoding them blindly corrupts ordinary text (``C:\\new\\table`` would gain a newline and a tab),
so this layer runs only behind ``unescape_backslashes=True``. A ``\\uD83C\\uDDF7`` pair becomes
the one character it encodes; a lone surrogate escape is left as written.
"""

from __future__ import annotations

import regex

from embedfix.encoding.edits import Edit

__all__ = ["escape_edits"]

_ESCAPE = regex.compile(r"\\(?:u([0-9a-fA-F]{4})(?:\\u([0-9a-fA-F]{4}))?|([nrt\"'/\\]))")
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "'": "'", "/": "/", "\\": "\\"}


def _decode(m: regex.Match[str]) -> str | None:
    """The text a match stands for, or None to leave it alone."""
    if m.group(3) is not None:
        return _SIMPLE[m.group(3)]
    hi = int(m.group(1), 16)
    lo = int(m.group(2), 16) if m.group(2) is not None else None
    if 0xD800 <= hi < 0xDC00:
        if lo is not None and 0xDC00 <= lo < 0xE000:
            return chr(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
        return None
    if 0xDC00 <= hi < 0xE000:
        return None
    first = chr(hi)
    if lo is None:
        return first
    if 0xD800 <= lo < 0xE000:
        return None
    return first + chr(lo)


def escape_edits(text: str) -> list[Edit]:
    """One edit per backslash escape in ``text``."""
    if "\\" not in text:
        return []
    edits: list[Edit] = []
    for m in _ESCAPE.finditer(text):
        new = _decode(m)
        if new is not None:
            edits.append(Edit(m.start(), m.end(), new, "escape", "backslash escape decoded"))
    return edits
