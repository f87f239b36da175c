"""The dash-stripped signature: a scraper deleted every non-ASCII character (the dash, emoji,
curly apostrophes), leaving ``TEXT  NAME (@handle) Month D, YYYY`` glued to the next text.

Every text here is written for this file in the style of that damage; none is copied from a
corpus."""

from __future__ import annotations

import datetime

import pytest

import embedfix
from embedfix.platforms import twitter


def _one(text: str) -> embedfix.Quote:
    [quote] = embedfix.repair(text).quotes
    return quote


@pytest.mark.parametrize(
    ("tail", "author"),
    [
        ("  Carla Mendes (@carla_m) March 3, 2017", "Carla Mendes"),
        # an emoji in the name became ``??`` (utf8mb3) before the scraper ran
        ("  Lena ?? (@lena_runs) June 2, 2017", "Lena \ufffd"),
        # an emoji at the end of the name was deleted: its spaces stay
        ("  Lena   (@lena_runs) June 2, 2017", "Lena"),
        # a letter inside the name was deleted (``Søren``, ``Ørsted``): a double space inside
        ("  Sren  Kallberg (@skallberg) July 9, 2017", "Sren  Kallberg"),
        ("  P  Ortega (@p_ortega) July 9, 2017", "P  Ortega"),
        # parentheses and hashtags are names too
        ("  (((Dana Wolfe))) (@danawolfe) August 1, 2017", "(((Dana Wolfe)))"),
        ("  #VoteLocal (@votelocal_now) November 8, 2016", "#VoteLocal"),
        ("  The Harbour Board (NZ) (@harbourboard) May 1, 2017", "The Harbour Board (NZ)"),
        # a name made only of emoji was deleted whole
        ("      (@lena_runs) June 2, 2017", None),
        # a name ending with emoji that became ``?`` behind a gap
        ("  Ravi K  ?  (@ravik) June 2, 2017", "Ravi K  \ufffd"),
    ],
)
def test_name_after_the_deleted_dash(tail: str, author: str | None) -> None:
    text = f"The reply came fast.Not today, not tomorrow, not ever!{tail}The talks went on."
    quote = _one(text)
    assert "dash-stripped" in quote.evidence
    assert (quote.author or None) == author
    assert quote.date is not None and quote.date.year in (2016, 2017)
    assert embedfix.repair(text).body.endswith("The talks went on.")


def test_chain_of_signatures_each_read() -> None:
    text = (
        "Fans were not amused.What a terrible call by the ref tonight  Joe Parks (@joeparks) "
        "May 14, 2016Worst season ever, sell the club  Big Sports Fan (@bigfan77) May 14, 2016"
        "The coach said nothing."
    )
    quotes = embedfix.repair(text).quotes
    assert [(q.author, q.handle) for q in quotes] == [
        ("Joe Parks", "joeparks"),
        ("Big Sports Fan", "bigfan77"),
    ]
    assert quotes[1].text == "Worst season ever, sell the club"


def test_year_glued_to_the_next_posts_digits() -> None:
    text = (
        "She added a thread.1/3 The numbers do not add up at all.  Mia Tran (@miatran) July 7, "
        "20172/3 And nobody will explain them.  Mia Tran (@miatran) July 7, 2017The agency did "
        "not reply."
    )
    quotes = embedfix.repair(text).quotes
    assert [q.date for q in quotes] == [datetime.date(2017, 7, 7)] * 2
    assert quotes[1].text == "2/3 And nobody will explain them."


def test_links_glued_on_both_sides() -> None:
    text = (
        "He shared the clip.Look at this crowd tonighthttps://t.co/AbCdEfGh12 "
        "pic.twitter.com/XyZ1234567  Tom Reyes (@tomreyes) April 2, 2017The video spread fast."
    )
    quote = _one(text)
    assert quote.media == ("pic.twitter.com/XyZ1234567",)
    assert quote.author == "Tom Reyes"


def test_lone_beta_is_a_letter_without_greek_mojibake_around() -> None:
    # Physics prose: ``β`` is the letter, not a mojibake dash; the name is the line start only.
    text = "Decay modes α and β (@cern) March 3, 2016 were measured."
    [found] = twitter.find(text)
    assert found.text_spans == ()  # no post cut off at the ``β``
    assert found.author_span is not None
    assert text[found.author_span[0] : found.author_span[1]] == "Decay modes α and β"


def test_beta_dash_on_greek_mojibake_page() -> None:
    # UTF-8 read as ISO-8859-7: ``’`` shows as ``β`` inside words, emoji start with ``π``.
    text = "Great save, canβt believe it π\nWhat a match tonight β Pedro Alves (@pedroalves) May 3, 2016\n"
    [found] = twitter.find(text)
    assert found.author_span is not None
    assert text[found.author_span[0] : found.author_span[1]] == "Pedro Alves"


# --- where the post starts on a dash-stripped page ------------------------------------------


@pytest.mark.parametrize(
    ("text", "post"),
    [
        pytest.param(
            "The mayor answered within minutes.We will rebuild the bridge by spring, no excuses!"
            "  Carla Mendes (@carla_m) March 3, 2017The council met the next day.",
            "We will rebuild the bridge by spring, no excuses!",
            id="glued-to-the-article",
        ),
        pytest.param(
            "The senator amplified the warning.RT @citydesk: Water main break on 5th street, "
            "avoid the area  Sam Ortiz (@samortiz) April 2, 2017Crews arrived within the hour.",
            "RT @citydesk: Water main break on 5th street, avoid the area",
            id="retweet-opens-the-post",
        ),
        pytest.param(
            "He shared the clip on Sunday.Look at this crowd tonighthttps://t.co/AbCdEfGh12 "
            "pic.twitter.com/XyZ1234567  Tom Reyes (@tomreyes) April 2, 2017The video spread.",
            "Look at this crowd tonighthttps://t.co/AbCdEfGh12",
            id="links-glued",
        ),
        pytest.param(
            "The minister did not wait for the vote. The deal is done and it is a good one for "
            "every family,  she wrote. The deal is done and it is a good one for every family  "
            "Ana Ruiz (@anaruiz) May 5, 2017Critics disagreed.",
            "The deal is done and it is a good one for every family",
            id="article-quotes-it-first",
        ),
        pytest.param(
            "It didn t take long for the team s owner to answer the critics.We haven't lost a "
            "single game at home this year, and we won't start now!  Rick Hale (@rickhale) "
            "October 1, 2017The fans cheered.",
            "We haven't lost a single game at home this year, and we won't start now!",
            id="straight-apostrophes-in-the-post",
        ),
        pytest.param(
            "The governor posted a short reply on Friday night:Nobody is above the law, not even "
            "me. See you in court  Gov. Lee Tran (@govleetran) June 9, 2017Lawyers declined.",
            "Nobody is above the law, not even me. See you in court",
            id="after-a-lead-in-colon",
        ),
        pytest.param(
            "Below is the statement the club released on Monday.we are so proud of these "
            "players, what a night  FC Lowtown (@fclowtown) May 2, 2017The club said no more.",
            "we are so proud of these players, what a night",
            id="lowercase-post-after-an-announcement",
        ),
    ],
)
def test_post_start_on_a_dash_stripped_page(text: str, post: str) -> None:
    assert _one(text).text == post


def test_second_post_of_a_chain_starts_after_the_first_signature() -> None:
    text = (
        "Fans were not amused.What a terrible call by the ref tonight  Joe Parks (@joeparks) "
        "May 14, 2016Worst season ever, sell the club  Big Sports Fan (@bigfan77) May 14, 2016"
        "The coach said nothing."
    )
    first, second = embedfix.repair(text).quotes
    assert first.text == "What a terrible call by the ref tonight"
    assert second.text == "Worst season ever, sell the club"
    assert second.span[0] == first.span[1]


def test_instagram_credit_in_the_same_paragraph_leaves_the_tweets_alone() -> None:
    # One paragraph (line breaks deleted) with tweets first and an Instagram credit after them:
    # the credit's caption never runs back across a tweet signature.
    filler = "The season had been long and the fans were tired of waiting for good news. " * 30
    text = (
        f"{filler}The coach answered at once.We are not done yet, see you on Sunday!  Ana Ruiz "
        "(@anaruiz) November 24, 2017The club posted a photo as well.Back to work, all of us "
        "#training #derbyA post shared by Lowtown FC (@lowtownfc) on Nov 25, 2017 at 12:51pm PST"
        "The match is on Sunday."
    )
    quotes = embedfix.repair(text).quotes
    assert [(q.platform, q.handle) for q in quotes] == [
        ("twitter", "anaruiz"),
        ("instagram", "lowtownfc"),
    ]
    assert quotes[0].text == "We are not done yet, see you on Sunday!"
    assert quotes[1].span[0] >= quotes[0].span[1]
