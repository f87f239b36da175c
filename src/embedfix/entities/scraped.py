"""Repair links glued to the word before them, as scraping tweet embeds often leaves them.

A tweet embed's HTML puts each link in its own ``<a>``; flattening it to text drops the space
Twitter showed between them, so scraped text reads ``#IranUsapic.twitter.com/XXXX`` (a hashtag
glued to a media link) or ``http://t.co/jptpLF3uImpic.twitter.com/...`` (a t.co link glued to the
next one). twitter-text, which sees a letter before ``pic``, reads one long hashtag or one long
link. The helpers here find where such a link starts and read the text as if a space were
there, so ``extract_entities`` itself stays exactly twitter-text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from embedfix.entities.entity import Entity
from embedfix.entities.extract import extract_entities

__all__ = [
    "PostEntities",
    "extract_scraped_entities",
    "glued_link_starts",
    "post_entities",
    "split_glued_links",
]

# A link that no tweet text would glue to the word before it: a media placeholder
# (pic.twitter.com/..., pic.x.com/...) or a link with its protocol, right after a word character.
_GLUED = regex.compile(r"(?<=\w)(?:pic\.(?:twitter|x)\.com/|https?://)", regex.IGNORECASE)


def glued_link_starts(text: str) -> tuple[int, ...]:
    """Return the offsets where a link starts glued to the word before it.

    >>> glued_link_starts("#IranUsapic.twitter.com/XXXX")
    (8,)
    """
    if not isinstance(text, str):
        msg = f"expected str, got {type(text).__name__}"
        raise TypeError(msg)
    return tuple(m.start() for m in _GLUED.finditer(text))


def split_glued_links(text: str) -> str:
    """Return ``text`` with a space inserted before every glued link.

    Use it before measuring scraped text (``weighted_length``); offsets shift by one per space.

    >>> split_glued_links("http://t.co/jptpLF3uImpic.twitter.com/ab12")
    'http://t.co/jptpLF3uIm pic.twitter.com/ab12'
    """
    pieces = []
    last = 0
    for start in glued_link_starts(text):
        pieces.append(text[last:start])
        last = start
    pieces.append(text[last:])
    return " ".join(pieces)


def extract_scraped_entities(text: str) -> list[Entity]:
    """Like ``extract_entities``, but reads glued links as separate; spans index ``text`` itself.

    >>> [(e.kind, e.value) for e in extract_scraped_entities("#IranUsapic.twitter.com/XXXX")]
    [('hashtag', 'IranUsa'), ('url', 'pic.twitter.com/XXXX')]
    """
    starts = glued_link_starts(text)
    if not starts:
        return extract_entities(text)
    split = split_glued_links(text)
    # Offset k of the split text maps to k minus the spaces inserted before it.
    inserted = [start + i for i, start in enumerate(starts)]  # positions of the spaces

    def back(offset: int) -> int:
        return offset - bisect.bisect_left(inserted, offset)

    return [
        Entity(e.kind, e.value, (back(e.span[0]), back(e.span[1])), e.list_slug)
        for e in extract_entities(split)
    ]


_MEDIA = regex.compile(r"(?:https?://)?pic\.(?:twitter|x)\.com/", regex.IGNORECASE)
_DOMAIN_MENTION = regex.compile(r"(?<![\w@.])@([A-Za-z0-9_-]{1,63}(?:\.[A-Za-z0-9_-]{1,63}){0,8})")


@dataclass(frozen=True, slots=True)
class PostEntities:
    """The entities of one post's text, each kind deduplicated in order of appearance."""

    hashtags: tuple[str, ...]
    """Hashtags, without ``#``."""
    mentions: tuple[str, ...]
    """Mentioned handles (and list owners), without ``@``."""
    cashtags: tuple[str, ...]
    """Cashtags, without ``$``."""
    urls: tuple[str, ...]
    """Links other than media placeholders (``pic.twitter.com/…`` go to ``Quote.media``)."""


def post_entities(text: str, *, domain_handles: bool = False) -> PostEntities:
    """The entities of a post as its `Quote` lists them, read from scraped text.

    ``domain_handles`` reads mentions as domains (``@name.bsky.social``), as Bluesky writes them.

    >>> e = post_entities("Go @team! #Win $TSLA http://t.co/jptpLF3uImpic.twitter.com/AbCdEf1234")
    >>> e.hashtags, e.mentions, e.cashtags, e.urls
    (('Win',), ('team',), ('TSLA',), ('http://t.co/jptpLF3uIm',))
    """
    found = extract_scraped_entities(text)

    def values(*kinds: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.value for e in found if e.kind in kinds))

    mentions = values("mention", "list")
    if domain_handles:
        mentions = tuple(
            dict.fromkeys(m.rstrip(".-") for m in _DOMAIN_MENTION.findall(text) if m.rstrip(".-"))
        )
    urls = tuple(u for u in values("url") if not _MEDIA.match(u))
    return PostEntities(values("hashtag"), mentions, values("cashtag"), urls)
