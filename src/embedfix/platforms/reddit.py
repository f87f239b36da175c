"""Reddit: the flattened-text grammar of a Reddit post or comment embed, and the reader of its
markup."""

from __future__ import annotations

import regex

from embedfix.platforms import _text
from embedfix.platforms.base import Found

# --- Flattened text ---------------------------------------------------------------------------

PLATFORM = "reddit"

NEW_CREDIT = regex.compile(
    r"""(?P<author>u/(?P<user>[A-Za-z0-9_-]{3,20}))
    \s{0,4}(?:from\s{0,4}discussion\s{0,4})?
    in\s{0,4}(?P<sub>(?:r/)?[A-Za-z0-9_]{2,21})(?![A-Za-z0-9_/])""",
    regex.VERBOSE,
)
"""The credit after a new embed's title, from its ``u/``: ``by u/USER in r/SUB``, which
``get_text()`` glues into ``byu/USER inSUB`` (also ``Comment by u/USER from discussion in SUB``).
The ``by`` before it is checked apart, so that the scan starts at a literal and stays cheap."""

OLD_CREDIT = regex.compile(
    r" from r/(?P<sub>[A-Za-z0-9_]{2,21})(?=[ \t\u00a0]{0,40}(?:\r?\n|$))", regex.MULTILINE
)
"""An old ``reddit-card``: ``TITLE from r/SUB`` at the end of its line."""

_BY = regex.compile(r"(?<![A-Za-z0-9])by\s{0,4}\Z")

_GLUED_IN = regex.compile(r"in[A-Za-z0-9_]{2,21}$")

TITLE_MAX = 300 + 45
"""Reddit titles are at most 300 characters; scraping adds a little."""


def find(source: str) -> list[Found]:
    """Find every flattened Reddit embed: a title and its ``by u/USER in SUB`` or ``from r/SUB``."""
    found: list[Found] = []
    floor = 0
    credits = [(m, False) for m in NEW_CREDIT.finditer(source)]
    credits += [(m, True) for m in OLD_CREDIT.finditer(source)]
    credits.sort(key=lambda c: c[0].start())
    for m, old in credits:
        if m.start() < floor:
            continue
        if old:
            if m.start() == 0 or source[m.start() - 1].isspace():
                continue
            start_at = m.start()
        else:
            by = _BY.search(source[max(0, m.start() - 8) : m.start()])
            if by is None:
                continue
            start_at = m.start() - len(by.group())
            glued = not by.group()[-1:].isspace() or _GLUED_IN.search(m.group())
            if not glued and not _text.rest_is_blank(source, m.end()):
                continue  # prose: "a thread by u/someone in r/AskReddit went viral"
        # An old card's title shares the credit's line; a new embed's title may sit on the line above.
        title, rule = _text.caption_before(source, start_at, floor, TITLE_MAX, above=not old)
        if old and title is None:
            continue
        start = title[0] if title is not None else _text.trim(source, start_at, m.end())[0]
        user = None if old else m.group("user")
        found.append(
            Found(
                platform=PLATFORM,
                span=(start, m.end()),
                kind="embed" if title is not None else "signature",
                text_spans=(title,) if title is not None else (),
                author_span=None if old else m.span("author"),
                handle=user,
                confidence=0.7 if old else 0.9,
                evidence=("reddit-old-card" if old else "reddit-by-in", rule),
            )
        )
        floor = m.end()
    return found


# --- HTML markup ------------------------------------------------------------------------------
