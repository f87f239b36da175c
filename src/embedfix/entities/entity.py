"""The `Entity` record: one mention, list, hashtag, cashtag or link found in a tweet's text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EntityKind = Literal["mention", "list", "hashtag", "cashtag", "url"]


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity of a tweet, located by code-point offsets into the text it was found in.

    Fields:

    * ``kind``: ``"mention"`` (``@jack``), ``"list"`` (``@jack/friends``), ``"hashtag"``
      (``#tbt``), ``"cashtag"`` (``$TWTR``) or ``"url"``.
    * ``value``: the entity without its sigil: the screen name for mentions and lists (``jack``),
      the tag for hashtags and cashtags (``tbt``, ``TWTR``), the link text for URLs
      (``http://t.co/abc``, or ``example.com/path`` when written without a protocol).
    * ``span``: ``(start, end)``, half-open Python string offsets (code points, not UTF-16 units)
      covering the whole entity including its sigil, so ``text[start:end]`` is ``@jack``.
      (In rare damaged URLs twitter-text rewrites the link, and ``value`` then differs from
      ``text[start:end]``; see docs/entities.md.)
    * ``list_slug``: for ``"list"`` entities the slug after the slash, without the slash
      (``friends``); ``None`` for every other kind.
    """

    kind: EntityKind
    value: str
    span: tuple[int, int]
    list_slug: str | None = None
