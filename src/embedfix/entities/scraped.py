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

import regex

from embedfix.entities.entity import Entity
from embedfix.entities.extract import extract_entities

__all__ = ["extract_scraped_entities", "glued_link_starts", "split_glued_links"]

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
