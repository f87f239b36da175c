"""Tweets with their truth: text in many scripts, author, handle, date, status id and entities."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from embedfix.testing import _vocab
from embedfix.testing._choice import Chooser

FIRST_DAY = datetime.date(2010, 1, 1)
"""The earliest tweet date generated."""
LAST_DAY = datetime.date(2025, 12, 31)
"""The latest tweet date generated."""
LONG_TWEETS = datetime.date(2017, 11, 7)
"""The day the limit went from 140 characters to 280 weighted (config v1 to v2)."""
MEDIA_FREE = datetime.date(2016, 9, 19)
"""From this day media links no longer counted towards the limit."""
_URL = re.compile(r"https?://\S+")
_WIDE = re.compile("[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
_SNOWFLAKE_EPOCH_MS = 1288834974657
_FIRST_SNOWFLAKE_DAY = datetime.date(2010, 11, 5)


@dataclass(frozen=True, slots=True)
class Tweet:
    """A generated tweet: what its embed shows, and the truth a detector should recover."""

    text: str
    """The post's words as a reader sees them, without the trailing media link (never empty)."""
    author: str
    """The display name (may be empty, may hold emoji, parentheses or ``@``)."""
    handle: str
    """The account handle without ``@``: 1 to 15 of ``[A-Za-z0-9_]``."""
    date: datetime.date
    """The day the tweet was posted (UTC), between 2010 and 2025."""
    status_id: str
    """The status id; from November 2010 on it is a snowflake whose timestamp falls on ``date``."""
    lang: str
    """The language code the words were drawn from."""
    media: tuple[str, ...] = ()
    """The trailing media placeholder, ``("pic.twitter.com/XXXXXXXXXX",)``, or empty."""
    urls: tuple[str, ...] = ()
    """The t.co links inside ``text``, in order."""
    hashtags: tuple[str, ...] = ()
    """The hashtags inside ``text``, without ``#``, in order."""
    mentions: tuple[str, ...] = ()
    """The mentioned handles inside ``text``, without ``@``, in order."""

    @property
    def full_text(self) -> str:
        """The text as the embed's ``<p>`` shows it: the words, then the media link if any."""
        return " ".join((self.text, *self.media))

    @property
    def url(self) -> str:
        """The permalink on twitter.com."""
        return f"https://twitter.com/{self.handle}/status/{self.status_id}"


def random_token(c: Chooser, alphabet: str, length: int) -> str:
    """``length`` characters of ``alphabet``, from one integer draw (cheap under hypothesis)."""
    n = c.integer(0, len(alphabet) ** length - 1)
    out = []
    for _ in range(length):
        n, digit = divmod(n, len(alphabet))
        out.append(alphabet[digit])
    return "".join(out)


def _random_id(c: Chooser, length: int = 10) -> str:
    return random_token(c, _vocab.ID_ALPHABET, length)


def _hashtag_word(word: str) -> bool:
    return any(ch.isalpha() for ch in word) and all(
        ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M") for ch in word
    )


def gen_handle(c: Chooser) -> str:
    """A handle: a realistic stem with a suffix, or 1 to 15 arbitrary handle characters."""
    if c.chance(60):
        stem = c.choice(_vocab.HANDLE_STEMS)
        suffix = c.choice(("", "", "_", "1", "2019", "_fr", "HQ"))
        return (stem + suffix)[:15]
    return random_token(c, _vocab.HANDLE_ALPHABET, c.integer(1, 15))


def gen_author(c: Chooser) -> str:
    """A display name: a person, an organisation, sometimes decorated, rarely empty."""
    kind = c.integer(0, 49)
    if kind == 0:
        return ""
    if kind < 30:
        name = f"{c.choice(_vocab.FIRST_NAMES)} {c.choice(_vocab.LAST_NAMES)}"
    elif kind < 35:
        name = c.choice(_vocab.FIRST_NAMES)
    else:
        name = c.choice(_vocab.ORGANISATIONS)
    if c.chance(15):
        name += c.choice(_vocab.NAME_SUFFIXES)
    return name


def gen_date(c: Chooser) -> datetime.date:
    """A day between 2010-01-01 and 2025-12-31."""
    return FIRST_DAY + datetime.timedelta(days=c.integer(0, (LAST_DAY - FIRST_DAY).days))


def gen_status_id(c: Chooser, date: datetime.date) -> str:
    """A status id consistent with ``date``: a snowflake from November 2010, a counter before."""
    if date < _FIRST_SNOWFLAKE_DAY:
        return str(7_000_000_000 + (date - FIRST_DAY).days * 70_000_000 + c.integer(0, 69_999_999))
    midnight = datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.timezone.utc)
    ms = int(midnight.timestamp()) * 1000 + c.integer(0, 86_399_999)
    return str(((ms - _SNOWFLAKE_EPOCH_MS) << 22) | c.integer(0, (1 << 22) - 1))


def _sentence(c: Chooser, lang: str, n: int) -> str:
    words = [c.choice(_vocab.WORDS[lang]) for _ in range(n)]
    if lang in _vocab.NO_SPACE_LANGS:
        out = "".join(words)
    else:
        out = " ".join(words)
        out = out[:1].upper() + out[1:]
    return out + c.choice(_vocab.SENTENCE_END.get(lang, (".", "!", "", "?")))


def tweet_length(text: str, date: datetime.date) -> int:
    """The length Twitter counted for ``text`` on ``date`` (research/FORMATS.md §3.3).

    Before 2017-11-07 (config v1): code points, limit 140. From then on (v2): CJK, emoji and
    other characters above U+10FF (bar a few punctuation ranges) count 2, limit 280. Links count
    23 in both.
    """
    text = _URL.sub("x" * 23, text)
    if date < LONG_TWEETS:
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def tweet_limit(date: datetime.date) -> int:
    """The longest a tweet of ``date`` could be: 140 before 2017-11-07, 280 from then on."""
    return 140 if date < LONG_TWEETS else 280


def _fit(parts: list[tuple[str, str]], budget: int, date: datetime.date) -> list[tuple[str, str]]:
    """Drop parts from the end, then words from the first sentence, until the text fits."""

    def length(ps: list[tuple[str, str]]) -> int:
        return tweet_length(" ".join(p for _, p in ps), date)

    while len(parts) > 1 and length(parts) > budget:
        parts = parts[:-1]
    kind, first = parts[0]
    while length(parts) > budget and len(first) > 1:
        cut = first.rfind(" ")
        first = first[:cut] if cut > 0 else first[: len(first) // 2]
        parts = [(kind, first)]
    return parts


def gen_tweet(c: Chooser, *, lang: str | None = None) -> Tweet:
    """A tweet with words in ``lang`` (drawn when None), entities, emoji and maybe media, no
    longer than Twitter allowed on its date."""
    if lang is None:
        lang = c.choice(tuple(_vocab.WORDS))
    date = gen_date(c)
    parts: list[tuple[str, str]] = []  # (entity kind or "", text)
    if c.chance(15):  # a reply starts with the mentions
        parts.extend(("@", "@" + gen_handle(c)) for _ in range(c.integer(1, 2)))
    for _ in range(c.integer(1, 3)):
        sentence = _sentence(c, lang, c.integer(1, 14))
        if c.chance(35):
            emoji = "".join(c.choice(_vocab.EMOJI) for _ in range(c.integer(1, 3)))
            sentence += c.choice(("", " ")) + emoji
        parts.append(("", sentence))
    if c.chance(15):
        parts.append(("@", c.choice(("via", "cc", "w/")) + " @" + gen_handle(c)))
    if c.chance(35):
        pool = tuple(w for w in _vocab.WORDS[lang] + _vocab.WORDS["en"] if _hashtag_word(w))
        for _ in range(c.integer(1, 3)):
            word = c.choice(pool)
            parts.append(("#", "#" + (word[:1].upper() + word[1:] if c.chance(50) else word)))
    if c.chance(20):
        scheme = "http" if date.year < 2014 else "https"
        parts.append(("url", f"{scheme}://t.co/{_random_id(c)}"))
    media = (f"pic.twitter.com/{_random_id(c)}",) if c.chance(45) else ()
    budget = tweet_limit(date) - (24 if media and date < MEDIA_FREE else 0)
    parts = _fit(parts, budget, date)
    return Tweet(
        text=" ".join(p for _, p in parts),
        author=gen_author(c),
        handle=gen_handle(c),
        date=date,
        status_id=gen_status_id(c, date),
        lang=lang,
        media=media,
        urls=tuple(p for k, p in parts if k == "url"),
        hashtags=tuple(p[1:] for k, p in parts if k == "#"),
        mentions=tuple(p.rpartition("@")[2] for k, p in parts if k == "@"),
    )
