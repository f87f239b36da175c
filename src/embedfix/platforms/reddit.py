"""Reddit: the flattened-text grammar of a Reddit post or comment embed, and the reader of its
markup."""

from __future__ import annotations

import regex

from embedfix.platforms import _text
from embedfix.platforms.base import Found

# --- Flattened text ---------------------------------------------------------------------------

PLATFORM = "reddit"

CREDIT = regex.compile(
    r"""(?<![A-Za-z0-9])by[ \t\u00a0]?(?P<author>u/(?P<user>[A-Za-z0-9_-]{3,20}))
    [ \t\u00a0]?(?:from[ \t\u00a0]?discussion[ \t\u00a0]?)?
    in[ \t\u00a0]?(?P<sub>(?:r/)?[A-Za-z0-9_]{2,21})(?![A-Za-z0-9_/])
    | (?<=\S)[ \t\u00a0]from[ \t\u00a0]r/(?P<oldsub>[A-Za-z0-9_]{2,21})(?=[ \t\u00a0]{0,40}(?:\r?\n|$))""",
    regex.VERBOSE | regex.MULTILINE,
)
"""The credit after a post title: ``by u/USER in r/SUB``, which ``get_text()`` glues into ``byu/USER
inSUB`` (new embeds, also ``Comment by u/USER from discussion in SUB``), or ``TITLE from r/SUB`` at
the end of its line (old ``reddit-card`` embeds)."""

_GLUED_IN = regex.compile(r"in[A-Za-z0-9_]{2,21}$")

TITLE_MAX = 300 + 45
"""Reddit titles are at most 300 characters; scraping adds a little."""


def find(source: str) -> list[Found]:
    """Find every flattened Reddit embed: a title and its ``by u/USER in SUB`` or ``from r/SUB``."""
    found: list[Found] = []
    floor = 0
    for m in CREDIT.finditer(source):
        if m.start() < floor:
            continue
        old = m.group("oldsub") is not None
        glued = not old and (m.group().startswith("byu/") or _GLUED_IN.search(m.group()))
        if not old and not glued and not _text.rest_is_blank(source, m.end()):
            continue  # prose: "a thread by u/someone in r/AskReddit went viral"
        # An old card's title shares the credit's line; a new embed's title may sit on the line above.
        title, rule = _text.caption_before(source, m.start(), floor, TITLE_MAX, above=not old)
        if old and title is None:
            continue
        start = title[0] if title is not None else _text.trim(source, m.start(), m.end())[0]
        user = m.group("user")
        found.append(
            Found(
                platform=PLATFORM,
                span=(start, m.end()),
                kind="embed" if title is not None else "signature",
                text_spans=(title,) if title is not None else (),
                author_span=m.span("author") if user else None,
                handle=user,
                confidence=0.7 if old else 0.9,
                evidence=("reddit-old-card" if old else "reddit-by-in", rule),
            )
        )
        floor = m.end()
    return found


# --- HTML markup ------------------------------------------------------------------------------
