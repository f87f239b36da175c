"""Leftovers that news sites wrap around any embed: BBC's "Skip Twitter post by … End of Twitter
post by @x" frame and its cookie-consent text.

When the embed inside the frame was lost, the frame is all that remains; it is reported as one
``"boilerplate"`` quote carrying the author and handle it names. When the embed survived, the
opening and closing lines are reported apart, so the post between them is left to its own grammar.
"""

from __future__ import annotations

import regex

from embedfix.platforms import _text
from embedfix.platforms.base import Found

# --- Flattened text ---------------------------------------------------------------------------

_PLATFORM_WORDS = {
    "twitter": "twitter",
    "x": "twitter",
    "instagram": "instagram",
    "facebook": "facebook",
    "tiktok": "tiktok",
    "youtube": "youtube",
    "bluesky": "bluesky",
    "threads": "threads",
    "mastodon": "mastodon",
    "reddit": "reddit",
}

_WORD = "|".join(_PLATFORM_WORDS)

FRAME_LINE = tuple(
    regex.compile(
        rf"""(?<![\p{{L}}]){lead}[ \t\u00a0](?P<word>(?i:{_WORD}))[ \t\u00a0]
        (?i:post|content|video)(?:,?[ \t\u00a0](?:by[ \t\u00a0](?P<by>[^\n]{{1,80}}+)|\d{{1,3}}))?
        [ \t\u00a0]{{0,40}}(?=\r?\n|$)""",
        regex.MULTILINE | regex.VERBOSE,
    )
    for lead in ("Skip", "End[ \t\u00a0]of")
)
"""A line of the frame: ``Skip twitter post by NAME`` / ``Skip Twitter post, 2`` opens it,
``End of twitter post by @handle`` / ``End of Twitter post, 2`` closes it."""

FRAME_MAX = 4000
"""How far after its opening line a frame's closing line may be."""

CONSENT = regex.compile(
    r"Allow [^\n]{1,40} content\?|content provided by|We ask for your permission|"
    r"You may want to read|To view this content choose|Accept and continue|"
    r"is not responsible for the content of external sites|approach to external linking|"
    r"View (?:original )?content on|Content is not available|may contain adverts|"
    r"cookie policy|privacy policy",
    regex.IGNORECASE,
)
"""A line of the consent text inside the frame."""

_HANDLE = regex.compile(r"^@(?P<handle>[A-Za-z0-9_.]{1,30})$")


def find(source: str) -> list[Found]:
    """Find every BBC-style embed frame and report what it still carries."""
    found: list[Found] = []
    if "Skip" not in source:
        return found  # no frame opens
    opening: regex.Match[str] | None = None
    openings = list(FRAME_LINE[0].finditer(source))
    if not openings:
        return found  # no frame opens: the closing lines need no scan
    lines = openings + list(FRAME_LINE[1].finditer(source, openings[0].end()))
    lines.sort(key=lambda m: m.start())
    for m in lines:
        if m.group().startswith("Skip"):
            opening = m
            continue
        if (
            opening is None
            or m.start() < opening.end()
            or m.start() - opening.end() > FRAME_MAX
            or _PLATFORM_WORDS[m.group("word").casefold()]
            != _PLATFORM_WORDS[opening.group("word").casefold()]
        ):
            opening = None
            continue
        found.extend(_report(source, opening, m))
        opening = None
    return found


def _report(source: str, opening: regex.Match[str], closing: regex.Match[str]) -> list[Found]:
    """The quote(s) for one frame, with the author and handle its lines name."""
    by = opening.group("by")
    handle = _handle(by, closing.group("by"))
    author = None
    if by and not by.lstrip().startswith("@"):
        author = _text.trim(source, *opening.span("by"))
    items = [
        _text.whole_line(source, _text.trim(source, *item))
        for item in _frame(source, opening, closing)
    ]
    return [
        Found(
            platform=_PLATFORM_WORDS[opening.group("word").casefold()],
            span=(start, end),
            kind="boilerplate",
            handle=handle,
            # The name lies in the opening line: only the quote holding it reports it.
            author_span=author if author is not None and start <= author[0] < end else None,
            confidence=0.95,
            evidence=("bbc-frame" if len(items) == 1 else "bbc-frame-around-embed",),
        )
        for start, end in items
    ]


def _handle(opening: str | None, closing: str | None) -> str | None:
    """The handle named by either line (``by @handle``), the closing line's first."""
    for name in (closing, opening):
        if name:
            h = _HANDLE.match(name.strip())
            if h is not None:
                return h.group("handle")
    return None


def _frame(
    source: str, opening: regex.Match[str], closing: regex.Match[str]
) -> list[tuple[int, int]]:
    """One span for a frame holding only consent text, or the two ends around a surviving embed."""
    pos = _text.line_end(source, opening.end()) + 1
    inner_end = _text.line_start(source, closing.start())
    first_content = None
    last_content = None
    while pos < inner_end:
        nxt = min(_text.line_end(source, pos), inner_end)
        line = source[pos:nxt]
        if line.strip() and not CONSENT.search(line):
            if first_content is None:
                first_content = pos
            last_content = nxt
        pos = nxt + 1
    glued_start = closing.start() > inner_end and source[inner_end : closing.start()].strip()
    if first_content is None and not glued_start:
        return [(opening.start(), closing.end())]
    head_end = first_content if first_content is not None else opening.end()
    head = _text.trim(source, opening.start(), max(head_end, opening.end()))
    tail_start = last_content if last_content is not None else closing.start()
    tail = _text.trim(source, tail_start, closing.end())
    if glued_start:
        tail = (closing.start(), closing.end())
    return [head, tail]


# --- HTML markup ------------------------------------------------------------------------------
