"""Hypothesis strategies for realistic flattened embeds, each value carrying its truth.

Install with ``pip install 'embedfix[testing]'``. The strategies compose::

    from hypothesis import given
    from embedfix.testing import articles_with_embeds, embed_html, flattened, tweets

    @given(articles_with_embeds())
    def test_my_pipeline_keeps_the_quotes(article):
        text, expected = article
        ...

    @given(tweets().flatmap(embed_html).flatmap(lambda e: flattened(e.html)))
    def test_my_cleaner_never_crashes(flat):
        my_cleaner(flat.text)

* `tweets` gives a `Tweet` (text in many scripts with emoji, mentions, hashtags, t.co links and
  media; author, handle, date, status id).
* `embed_html` writes a tweet's embed markup as each era did (`EmbedHtml`).
* `flattened` turns HTML into text the ways scrapers do (`Flattened`).
* `damaged` applies one encoding-damage mechanism (`Damaged`).
* `articles_with_embeds` gives an `Article`: ``(text, expected_quotes)``.
* `sample_articles` gives a fixed list of articles from a seed, without hypothesis's search:
  the same seed gives the same articles on every machine and every hypothesis version
  (for benchmarks and recovery measurements).
* `sample_embeds` does the same for embed markup.
* `hostile_texts` and `hostile_html` give what a scrape gives when everything goes wrong:
  mojibake layered two and three times, several platforms' leftovers glued together, stray
  controls, ``?`` runs, long numeric entities, nested and unclosed markup (`sample_hostile_texts`
  and `sample_hostile_html` give fixed lists from a seed).
* `measure_recovery` scores a detector (``embedfix.repair`` or your own) on such articles.
"""

from __future__ import annotations

try:
    import bs4  # noqa: F401  (the flattenings use it)
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    _MSG = (
        f"embedfix.testing needs {exc.name or 'hypothesis and beautifulsoup4'}, which embedfix "
        "installs only with the 'testing' extra: pip install 'embedfix[testing]'"
    )
    raise ImportError(_MSG) from exc

import random

from embedfix.testing._articles import LAYOUTS, Article, ExpectedQuote, gen_article
from embedfix.testing._choice import HypothesisChooser, RandomChooser
from embedfix.testing._damage import (
    MECHANISMS,
    Damaged,
    damage_per_code_point,
    damage_utf8mb3,
    damage_utf16,
    dash_ascii,
    dash_lost,
    mojibake_cp1252,
)
from embedfix.testing._dates import DATE_LANGS, format_date
from embedfix.testing._flatten import FLATTENINGS, Flattened, flatten
from embedfix.testing._hostile import PLACEHOLDERS, gen_hostile_html, gen_hostile_text
from embedfix.testing._html import ERAS, EmbedHtml, render_embed
from embedfix.testing._recovery import Recovery, measure_recovery
from embedfix.testing._tweets import Tweet, gen_tweet, tweet_length, tweet_limit

__all__ = [
    "DATE_LANGS",
    "ERAS",
    "FLATTENINGS",
    "LAYOUTS",
    "MECHANISMS",
    "PLACEHOLDERS",
    "Article",
    "Damaged",
    "EmbedHtml",
    "ExpectedQuote",
    "Flattened",
    "Recovery",
    "Tweet",
    "articles_with_embeds",
    "damage_per_code_point",
    "damage_utf8mb3",
    "damage_utf16",
    "damaged",
    "dash_ascii",
    "dash_lost",
    "embed_html",
    "flatten",
    "flattened",
    "format_date",
    "hostile_html",
    "hostile_texts",
    "measure_recovery",
    "mojibake_cp1252",
    "sample_articles",
    "sample_embeds",
    "sample_hostile_html",
    "sample_hostile_texts",
    "tweet_length",
    "tweet_limit",
    "tweets",
]


def _check_choice(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        msg = f"{name} must be one of {allowed} or None, not {value!r}"
        raise ValueError(msg)


def tweets(*, lang: str | None = None) -> st.SearchStrategy[Tweet]:
    """Tweets whose words are in ``lang`` (any of about twenty languages when None)."""

    @st.composite
    def _tweets(draw: st.DrawFn) -> Tweet:
        return gen_tweet(HypothesisChooser(draw), lang=lang)

    return _tweets()


def embed_html(
    tweet: Tweet, *, lang: str | None = None, era: str | None = None
) -> st.SearchStrategy[EmbedHtml]:
    """The embed markup of ``tweet``, its dates in ``lang`` (one of `DATE_LANGS`) and its markup
    of ``era`` (one of `ERAS`); each is drawn when None, the era among those not older than the
    tweet."""
    _check_choice("lang", lang, DATE_LANGS)
    _check_choice("era", era, ERAS)

    @st.composite
    def _embed(draw: st.DrawFn) -> EmbedHtml:
        return render_embed(HypothesisChooser(draw), tweet, lang=lang, era=era)

    return _embed()


def flattened(html: str, *, how: str | None = None) -> st.SearchStrategy[Flattened]:
    """``html`` flattened to text by the method ``how`` (one of `FLATTENINGS`, drawn when None)."""
    _check_choice("how", how, FLATTENINGS)
    methods = FLATTENINGS if how is None else (how,)
    return st.sampled_from(methods).map(lambda m: Flattened(flatten(html, m), m, html))


def damaged(text: str, *, how: str | None = None) -> st.SearchStrategy[Damaged]:
    """``text`` damaged by the mechanism ``how`` (a key of `MECHANISMS`, drawn when None)."""
    _check_choice("how", how, tuple(MECHANISMS))
    names = tuple(MECHANISMS) if how is None else (how,)

    def _apply(name: str) -> Damaged:
        m = MECHANISMS[name]
        return Damaged(m.apply(text), text, name, m.damage_mechanism, m.qmarks_per_char)

    return st.sampled_from(names).map(_apply)


def articles_with_embeds(*, max_embeds: int = 3) -> st.SearchStrategy[Article]:
    """News articles (en, fr, es, de, ru, ja) with 0 to ``max_embeds`` tweet embeds flattened into
    them in the layouts of `LAYOUTS`, each with its `ExpectedQuote`."""
    if max_embeds < 0:
        msg = f"max_embeds must be >= 0, not {max_embeds}"
        raise ValueError(msg)

    @st.composite
    def _articles(draw: st.DrawFn) -> Article:
        return gen_article(HypothesisChooser(draw), max_embeds=max_embeds)

    return _articles()


def sample_articles(count: int, *, seed: int = 0, max_embeds: int = 3) -> list[Article]:
    """``count`` articles generated from ``seed`` with `random.Random`: the same on every run."""
    chooser = RandomChooser(random.Random(seed))
    return [gen_article(chooser, max_embeds=max_embeds) for _ in range(count)]


def sample_embeds(count: int, *, seed: int = 0) -> list[EmbedHtml]:
    """``count`` tweet embeds (markup of every era, dates in every language of `DATE_LANGS`)
    generated from ``seed`` with `random.Random`: the same on every run."""
    chooser = RandomChooser(random.Random(seed))
    return [render_embed(chooser, gen_tweet(chooser), lang=None, era=None) for _ in range(count)]


def hostile_texts() -> st.SearchStrategy[str]:
    """Hostile texts for ``repair`` (see `embedfix.testing._hostile`)."""

    @st.composite
    def _texts(draw: st.DrawFn) -> str:
        return gen_hostile_text(HypothesisChooser(draw))

    return _texts()


def hostile_html() -> st.SearchStrategy[str]:
    """Hostile pages for ``repair_html``: nested, unclosed and repeated embed markup, long
    numeric references, impossible dates and ids."""

    @st.composite
    def _pages(draw: st.DrawFn) -> str:
        return gen_hostile_html(HypothesisChooser(draw))

    return _pages()


def sample_hostile_texts(count: int, *, seed: int = 0) -> list[str]:
    """``count`` hostile texts generated from ``seed`` with `random.Random`: the same on every run."""
    chooser = RandomChooser(random.Random(seed))
    return [gen_hostile_text(chooser) for _ in range(count)]


def sample_hostile_html(count: int, *, seed: int = 0) -> list[str]:
    """``count`` hostile pages generated from ``seed`` with `random.Random`."""
    chooser = RandomChooser(random.Random(seed))
    return [gen_hostile_html(chooser) for _ in range(count)]
