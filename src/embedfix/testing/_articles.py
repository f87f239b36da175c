"""News articles with tweet embeds flattened into them, and the quotes a reader should find."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from embedfix.testing import _vocab
from embedfix.testing._choice import Chooser
from embedfix.testing._dates import DATE_LANGS, format_date
from embedfix.testing._tweets import Tweet, gen_tweet

LAYOUTS = ("newline", "inline", "newline-glued", "inline-glued")
"""How an embed sits in the text (research/FORMATS.md §5):

* ``newline``: the post text, then ``— Name (@handle) Date`` on its own line;
* ``inline``: the signature glued to the text, ``…pic.twitter.com/X— Name (@handle) Date``;
* ``*-glued``: as above, with the next paragraph glued to the date (``…2019The mayor said``).
"""


@dataclass(frozen=True, slots=True)
class ExpectedQuote:
    """One embed placed in an article: where it is and what `embedfix.repair` should find."""

    span: tuple[int, int]
    """From the first character of the post text to the end of the date."""
    text_span: tuple[int, int]
    """The post text in the article, media link included (as the corpus annotates it)."""
    raw: str
    """``article.text[span[0]:span[1]]``."""
    date_raw: str
    """The date exactly as written in the signature."""
    date_lang: str
    """The language the date is written in."""
    layout: str
    """One of `LAYOUTS`."""
    tweet: Tweet
    """The tweet itself, with its entities."""

    @property
    def text(self) -> str:
        """The expected `Quote.text`: the post's words without the trailing media link."""
        return self.tweet.text

    @property
    def author(self) -> str:
        """The expected `Quote.author`."""
        return self.tweet.author

    @property
    def handle(self) -> str:
        """The expected `Quote.handle`."""
        return self.tweet.handle

    @property
    def date(self) -> datetime.date:
        """The expected `Quote.date`."""
        return self.tweet.date

    @property
    def media(self) -> tuple[str, ...]:
        """The expected `Quote.media`."""
        return self.tweet.media


class Article(NamedTuple):
    """A flattened article and the embeds in it; unpacks as ``(text, expected_quotes)``."""

    text: str
    """The article text, paragraphs and embeds together."""
    quotes: tuple[ExpectedQuote, ...]
    """The embeds, in order of appearance."""


def _paragraph(c: Chooser, lang: str) -> str:
    sentences = [c.choice(_vocab.NEWS[lang]) for _ in range(c.integer(1, 3))]
    return ("" if lang == "ja" else " ").join(sentences)


def _embed_block(c: Chooser, article_lang: str) -> tuple[str, Tweet, str, str, str]:
    """The embed's text, its tweet, its date string, the date's language and the layout."""
    lang = article_lang if article_lang in _vocab.WORDS and c.chance(60) else None
    tweet = gen_tweet(c, lang=lang)
    date_lang = "en" if c.chance(60) else c.choice(DATE_LANGS)
    era = "2013" if tweet.date.year <= 2015 and c.chance(20) else "2018"
    date_raw = format_date(tweet.date, date_lang, era)
    layout = c.choice(LAYOUTS)
    name = f"{tweet.author} " if tweet.author else ""
    signature = f"\N{EM DASH} {name}(@{tweet.handle}) {date_raw}"
    joint = "\n" if layout.startswith("newline") else ""
    return tweet.full_text + joint + signature, tweet, date_raw, date_lang, layout


def gen_article(c: Chooser, *, max_embeds: int = 3) -> Article:
    """An article of 1 to 5 paragraphs in one language with 0 to ``max_embeds`` embeds."""
    lang = c.choice(tuple(_vocab.NEWS))
    items: list[tuple[str, tuple[str, Tweet, str, str, str] | None]] = [
        (_paragraph(c, lang), None) for _ in range(c.integer(1, 5))
    ]
    for _ in range(c.integer(0, max_embeds)):
        new = _embed_block(c, lang)
        items.insert(c.integer(0, len(items)), (new[0], new))
    separator = c.choice(("\n", "\n\n"))
    text = ""
    quotes: list[ExpectedQuote] = []
    for i, (piece, block) in enumerate(items):
        start = len(text)
        text += piece
        next_is_paragraph = i + 1 < len(items) and items[i + 1][1] is None
        glued = False
        if block is not None:
            _, tweet, date_raw, date_lang, layout = block
            glued = layout.endswith("-glued") and next_is_paragraph
            quotes.append(
                ExpectedQuote(
                    span=(start, len(text)),
                    text_span=(start, start + len(tweet.full_text)),
                    raw=piece,
                    date_raw=date_raw,
                    date_lang=date_lang,
                    layout=layout if glued else layout.removesuffix("-glued"),
                    tweet=tweet,
                )
            )
        if i + 1 < len(items):
            text += "" if glued else separator
    return Article(text, tuple(quotes))
