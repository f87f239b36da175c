"""Reddit: the flattened-text grammar of a Reddit post or comment embed, and the reader of its
markup."""

from __future__ import annotations

import re

import regex

from embedfix.model import Quote
from embedfix.platforms import _markup as m
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


GATE = ("u/", " from r/")
"""Parts of the anchors (`NEW_CREDIT`'s ``u/``, `OLD_CREDIT`'s `` from r/``) that every match
contains: a document without them skips the grammar (most English news holds a ``/``, in a
link or a date, and few hold these)."""


def find(source: str) -> list[Found]:
    """Find every flattened Reddit embed: a title and its ``by u/USER in SUB`` or ``from r/SUB``."""
    if not _text.mentions_any(source, GATE):
        return []
    found: list[Found] = []
    floor = 0
    credits = [(hit, False) for hit in NEW_CREDIT.finditer(source)]
    credits += [(hit, True) for hit in OLD_CREDIT.finditer(source)]
    credits.sort(key=lambda c: c[0].start())
    for hit, old in credits:
        if hit.start() < floor:
            continue
        if old:
            if hit.start() == 0 or source[hit.start() - 1].isspace():
                continue
            start_at = hit.start()
        else:
            by = _BY.search(source[max(floor, hit.start() - 8) : hit.start()])
            if by is None:
                continue
            start_at = hit.start() - len(by.group())
            glued = not by.group()[-1:].isspace() or _GLUED_IN.search(hit.group())
            if not glued and not _text.rest_is_blank(source, hit.end()):
                continue  # prose: "a thread by u/someone in r/AskReddit went viral"
        # An old card's title shares the credit's line; a new embed's title may sit on the line above.
        title, rule = _text.caption_before(source, start_at, floor, TITLE_MAX, above=not old)
        if old and title is None:
            continue
        start = title[0] if title is not None else _text.trim(source, start_at, hit.end())[0]
        user = None if old else hit.group("user")
        found.append(
            Found(
                platform=PLATFORM,
                span=(start, hit.end()),
                kind="embed" if title is not None else "signature",
                text_spans=(title,) if title is not None else (),
                author_span=None if old else hit.span("author"),
                handle=user,
                confidence=0.7 if old else 0.9,
                evidence=("reddit-old-card" if old else "reddit-by-in", rule),
            )
        )
        floor = hit.end()
    return found


# --- HTML markup ------------------------------------------------------------------------------
# ``blockquote.reddit-card`` (to 2022) and ``blockquote.reddit-embed-bq`` (FORMATS.md §4.8): the
# title link, ``by u/USER`` and ``in r/SUB``. The text is the title (or "Comment"); no date.

HTML_MARKERS = ("reddit-card", "reddit-embed-bq")
"""Substrings of the page that hint at Reddit markup."""
HTML_LOADER_SCRIPTS = ("embed.reddit.com/widgets.js", "embed.redditmedia.com/widgets/platform.js")
"""Substrings of the ``src`` of the script that renders Reddit embeds."""

_POST = re.compile(
    r"(?:https?:)?//(?:www\.|old\.)?reddit\.com/r/\w{1,30}/comments/(\w{1,12})(?:/[^/?#]*/?(?:([\w]{1,12})/?)?)?"
)
_USER_POST = re.compile(
    r"(?:https?:)?//(?:www\.|old\.)?reddit\.com/(?:user|u)/([\w-]{1,30})/comments/(\w{1,12})"
)
"""A post on a user's own profile (a "user card"): no subreddit, the author in the path."""
_COMMENT = re.compile(r"/comment/(\w{1,12})")
_USER = re.compile(r"(?:https?:)?//(?:www\.|old\.)?reddit\.com/(?:user|u)/([\w-]{1,30})")


def read_html(node: m.Node, source: str) -> Quote | None:
    """The Reddit post or comment embedded by ``node``, or None when it is not Reddit markup."""
    if node.name != "blockquote" or not m.classes(node) & {"reddit-card", "reddit-embed-bq"}:
        return None
    title = url = status_id = author = handle = None
    evidence = ["reddit-blockquote-class"]
    for a in m.links(node):
        href = m.attr(a, "href") or ""
        post = _POST.match(href)
        profile_post = _USER_POST.match(href)
        user = _USER.match(href)
        if (post or profile_post) and url is None:
            url = m.strip_query(href)
            comment = _COMMENT.search(url)
            if comment:
                status_id = comment.group(1)
            elif post:
                status_id = post.group(1)
            elif profile_post:
                status_id = profile_post.group(2)
            title = m.collapse_ws(m.render(a)) or None
            if profile_post:
                handle = profile_post.group(1)
                evidence.append("reddit-user-post")
        elif user and author is None:
            handle = handle or user.group(1)
            author = m.collapse_ws(m.render(a)) or None
    return m.quote_from(
        node,
        source,
        "reddit",
        text=title,
        author=author,
        handle=handle,
        url=url,
        status_id=status_id,
        evidence=tuple(evidence),
    )
