"""Mastodon: the leftovers of a flattened Mastodon embed, and the reader of its markup."""

from __future__ import annotations

import regex

from embedfix.platforms import _text
from embedfix.platforms.base import Found

# --- Flattened text ---------------------------------------------------------------------------

PLATFORM = "mastodon"

LEFTOVER = regex.compile(
    r"""Post\ by[ \t\u00a0]{1,3}@(?P<user>[A-Za-z0-9_]{1,30})@(?P<host>[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8})
       [ \t\u00a0]{0,40}(?:\r?\n[ \t\u00a0]{0,40}){0,3}View\ on\ Mastodon(?![\p{Ll}])
    | (?<=^[ \t\u00a0]{0,40})View\ on\ Mastodon(?=[ \t\u00a0]{0,40}(?:\r?\n|$))""",
    regex.VERBOSE | regex.MULTILINE,
)
"""What Mastodon 4.3's embed fallback shows: ``Post by @user@host`` and ``View on Mastodon``
(often glued: ``@user@mastodon.socialView on Mastodon``)."""


_ANCHOR = regex.compile(r"View on Mastodon")
"""The literal every leftover holds: one cheap scan for text without it."""

_REACH = 200
"""The longest ``Post by @user@host`` and spaces before ``View on Mastodon``."""


def find(source: str) -> list[Found]:
    """Find every ``Post by @user@host View on Mastodon`` leftover."""
    found = []
    floor = 0
    for a in _ANCHOR.finditer(source):
        m = LEFTOVER.search(source, max(floor, a.start() - _REACH), a.end() + 45)
        if m is None or m.end() != a.end():
            continue
        floor = m.end()
        user = m.group("user")
        handle = f"{user}@{m.group('host')}" if user else None
        found.append(
            Found(
                platform=PLATFORM,
                span=_text.whole_line(source, m.span()),
                kind="boilerplate",
                handle=handle,
                confidence=0.95 if handle else 0.8,
                evidence=("mastodon-leftover",),
            )
        )
    return found


# --- HTML markup ------------------------------------------------------------------------------
