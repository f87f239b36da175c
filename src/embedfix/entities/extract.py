"""Extract mentions, lists, replies, hashtags, cashtags and links from tweet text.

Each function behaves like its twitter-text namesake (``extractMentionsWithIndices`` and so on),
which the conformance suite defines; offsets are Python code-point offsets. All patterns are
compiled once at import, and each runs in time linear in the length of the text.
"""

from __future__ import annotations

import regex

from embedfix.entities._chars import (
    HASHTAG_ALPHA,
    HASHTAG_ALPHANUMERIC,
    JS_SPACE,
    LATIN_ACCENTS,
    PUNCT,
    SPACES,
)
from embedfix.entities.entity import Entity
from embedfix.entities.urls import find_urls

__all__ = [
    "extract_cashtags",
    "extract_cashtags_with_indices",
    "extract_entities",
    "extract_hashtags",
    "extract_hashtags_with_indices",
    "extract_mentions",
    "extract_mentions_or_lists_with_indices",
    "extract_mentions_with_indices",
    "extract_reply_screen_name",
    "extract_urls",
    "extract_urls_with_indices",
]

# An @-mention or list: not glued to a word, an e-mail-like ``a@b``, or ``!#$%&*`` before it;
# ``RT`` and ``RT:`` directly before it are fine (old-style retweets: ``RT@jack``).
_MENTION = regex.compile(
    r"(?:(?<![a-zA-Z0-9_!#$%&*@\uff20])|(?<=(?:^|[^a-zA-Z0-9_+~.\-])[rR][tT]:?))"
    r"[@\uff20]([a-zA-Z0-9_]{1,20})(/[a-zA-Z][a-zA-Z0-9_\-]{0,24})?"
)
# What may not follow a mention: another @, a Latin accented letter, or ``://`` (``@http://``).
_MENTION_END = regex.compile("[@\uff20" + LATIN_ACCENTS + "]|://")
_REPLY = regex.compile("[" + SPACES + "]*[@\uff20]([a-zA-Z0-9_]{1,20})")
# A hashtag: ``#`` not glued to a word or ``&`` (``&#39;``), not an emoji keycap (``#️⃣``),
# then letters, marks, digits and a few joiners; it must contain a letter or mark (checked in code
# so the pattern stays linear).
_HASHTAG = regex.compile(
    "(?:(?<=[\ufe0e\ufe0f])|(?<![" + HASHTAG_ALPHANUMERIC + "&]))"
    "[#\uff03](?![\ufe0f\u20e3])([" + HASHTAG_ALPHANUMERIC + "]++)"
)
_HAS_ALPHA = regex.compile("[" + HASHTAG_ALPHA + "]")
_HASHTAG_END = regex.compile("[#\uff03]|://")
# A cashtag: ``$`` after a space or at the start, 1-6 letters, optionally ``.xx`` or ``_xx``.
_CASHTAG = regex.compile(
    "(?<=^|[" + SPACES + "])\\$([a-zA-Z]{1,6}(?:[._][a-zA-Z]{1,2})?)"
    "(?=$|[" + JS_SPACE + "]|[" + PUNCT + "])"
)


def _check(text: object) -> str:
    if not isinstance(text, str):
        msg = f"expected str, got {type(text).__name__}"
        raise TypeError(msg)
    return text


def _remove_overlaps(entities: list[Entity]) -> list[Entity]:
    """Sort by start and drop every entity that overlaps one kept before it."""
    kept: list[Entity] = []
    for entity in sorted(entities, key=lambda e: e.span[0]):
        if not kept or kept[-1].span[1] <= entity.span[0]:
            kept.append(entity)
    return kept


def extract_mentions_or_lists_with_indices(text: str) -> list[Entity]:
    """Return the ``@name`` mentions and ``@name/list`` lists of ``text``, in order.

    >>> [(e.kind, e.value, e.list_slug) for e in extract_mentions_or_lists_with_indices(
    ...     "RT @jack: see @twitter/team")]
    [('mention', 'jack', None), ('list', 'twitter', 'team')]
    """
    text = _check(text)
    if "@" not in text and "\uff20" not in text:
        return []
    found: list[Entity] = []
    for match in _MENTION.finditer(text):
        if _MENTION_END.match(text, match.end()):
            continue
        slug = match.group(2)
        if slug:
            found.append(Entity("list", match.group(1), match.span(), slug[1:]))
        else:
            found.append(Entity("mention", match.group(1), match.span()))
    return found


def extract_mentions_with_indices(text: str) -> list[Entity]:
    """Return the ``@name`` mentions of ``text`` (not lists), in order."""
    return [e for e in extract_mentions_or_lists_with_indices(text) if e.kind == "mention"]


def extract_mentions(text: str) -> list[str]:
    """Return the screen names mentioned in ``text``, without ``@``, in order.

    >>> extract_mentions("hello @jack and @biz!")
    ['jack', 'biz']
    """
    return [e.value for e in extract_mentions_with_indices(text)]


def extract_reply_screen_name(text: str) -> str | None:
    """Return the screen name a tweet replies to (it starts with ``@name``), or ``None``.

    >>> extract_reply_screen_name("@jack thanks!")
    'jack'
    """
    text = _check(text)
    match = _REPLY.match(text)
    if match is None or _MENTION_END.match(text, match.end()):
        return None
    return match.group(1)


def _hashtags(text: str) -> list[Entity]:
    found: list[Entity] = []
    if "#" not in text and "\uff03" not in text:
        return found
    for match in _HASHTAG.finditer(text):
        tag = match.group(1)
        if not _HAS_ALPHA.search(tag) or _HASHTAG_END.match(text, match.end()):
            continue
        found.append(Entity("hashtag", tag, match.span()))
    return found


def extract_hashtags_with_indices(text: str) -> list[Entity]:
    """Return the hashtags of ``text`` in order, leaving out those inside a link.

    >>> [(e.value, e.span) for e in extract_hashtags_with_indices("so #tbt")]
    [('tbt', (3, 7))]
    """
    text = _check(text)
    tags = _hashtags(text)
    if not tags:
        return tags
    urls = extract_urls_with_indices(text)
    if not urls:
        return tags
    return [e for e in _remove_overlaps([*tags, *urls]) if e.kind == "hashtag"]


def extract_hashtags(text: str) -> list[str]:
    """Return the hashtags of ``text`` without ``#``, in order.

    >>> extract_hashtags("#Iran #USA vs #IRN")
    ['Iran', 'USA', 'IRN']
    """
    return [e.value for e in extract_hashtags_with_indices(text)]


def extract_cashtags_with_indices(text: str) -> list[Entity]:
    """Return the ``$TICKER`` cashtags of ``text``, in order."""
    text = _check(text)
    if "$" not in text:
        return []
    return [Entity("cashtag", m.group(1), m.span()) for m in _CASHTAG.finditer(text)]


def extract_cashtags(text: str) -> list[str]:
    """Return the cashtags of ``text`` without ``$``, in order.

    >>> extract_cashtags("$TWTR is up, $GE.A flat")
    ['TWTR', 'GE.A']
    """
    return [e.value for e in extract_cashtags_with_indices(text)]


def extract_urls_with_indices(text: str) -> list[Entity]:
    """Return the links of ``text``, with or without a protocol, in order."""
    text = _check(text)
    return [Entity("url", url, (start, end)) for start, end, url in find_urls(text)]


def extract_urls(text: str) -> list[str]:
    """Return the links of ``text`` as written, in order.

    >>> extract_urls("read https://t.co/abc123DEF4 or example.com/page.")
    ['https://t.co/abc123DEF4', 'example.com/page']
    """
    return [e.value for e in extract_urls_with_indices(text)]


def extract_entities(text: str) -> list[Entity]:
    """Return every entity of ``text`` in order, without overlaps (links win ties, then mentions,
    hashtags and cashtags), like twitter-text's ``extractEntitiesWithIndices``.

    >>> [(e.kind, e.value) for e in extract_entities("@jack #tbt $TWTR t.co/x")]
    [('mention', 'jack'), ('hashtag', 'tbt'), ('cashtag', 'TWTR'), ('url', 't.co/x')]
    """
    text = _check(text)
    entities = [
        *extract_urls_with_indices(text),
        *extract_mentions_or_lists_with_indices(text),
        *_hashtags(text),
        *extract_cashtags_with_indices(text),
    ]
    return _remove_overlaps(entities)
