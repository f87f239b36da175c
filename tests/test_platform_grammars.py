"""The rules of the non-Twitter grammars, one at a time: what each anchor accepts, what it reports,
and where a caption starts."""

from __future__ import annotations

import datetime

import pytest

import embedfix
from embedfix import body
from embedfix.dates import match_date
from embedfix.platforms import (
    _text,
    boilerplate,
    facebook,
    instagram,
    mastodon,
    reddit,
    threads,
    tiktok,
)


@pytest.mark.parametrize(
    "lead",
    [
        "A post shared by",
        "A photo posted by",
        "A video posted by",
        "Une publication partagée par",
        "Ein Beitrag geteilt von",
        "Una publicación compartida de",
        "Una publicación compartida por",
        "Uma publicação partilhada por",
        "Uma publicação compartilhada por",
    ],
)
def test_instagram_credit_leads_in_each_language(lead: str) -> None:
    text = f"Intro.\n{lead} Ana Lima (@ana.lima_) \nOutro."
    [found] = instagram.find(text)
    assert (found.handle, found.kind) == ("ana.lima_", "signature")
    assert text[found.author_span[0] : found.author_span[1]] == "Ana Lima"  # type: ignore[index]


@pytest.mark.parametrize(
    "view",
    [
        "View this post on Instagram",
        "Voir cette publication sur Instagram",
        "Diesen Beitrag auf Instagram ansehen",
        "Ver esta publicación en Instagram",
        "Ver essa publicação no Instagram",
    ],
)
def test_instagram_view_leftover_in_each_language(view: str) -> None:
    text = f"Intro.\n{view}\nOutro."
    doc = embedfix.repair(text)
    assert [(q.platform, q.kind) for q in doc.quotes] == [("instagram", "boilerplate")]
    assert doc.body == "Intro.\nOutro."


def test_instagram_name_may_hold_parentheses() -> None:
    [found] = instagram.find(
        "Great day!! A post shared by Ana (Official) (@ana) on May 2, 2019 at 1:05pm PDT"
    )
    assert found.handle == "ana"
    assert found.date is not None and found.date.date == datetime.date(2019, 5, 2)


def test_instagram_credit_with_unread_date_is_cut_whole() -> None:
    # A date the grammar cannot read yet still ends the credit, so nothing of it stays behind.
    text = "Caption!!\nEin Beitrag geteilt von Max (@max) am 3. Mai 2017 um 14:05 PDT\nWeiter."
    [found] = instagram.find(text)
    assert text[found.span[1] :] == "\nWeiter."


def test_instagram_caption_above_must_not_be_an_article_sentence() -> None:
    text = "He posted this on Sunday.\nA photo posted by Ana (@ana) on May 2, 2015 at 1:05pm PDT"
    [found] = instagram.find(text)
    assert found.kind == "signature" and found.text_spans == ()


def test_instagram_caption_above_must_not_be_another_embed() -> None:
    text = "Nice — Jo (@jo) May 1, 2015\nA photo posted by Ana (@ana) on May 2, 2015 at 1:05pm PDT"
    [found] = instagram.find(text)
    assert found.text_spans == ()


def test_facebook_needs_a_weekday_or_a_line_ending_weekday() -> None:
    assert facebook.find("Posted by Ana on Monday, May 4, 2020") != []
    assert facebook.find("Posted by Ana on May 4, 2020") == []
    assert facebook.find("Posted by Ana on Monday\n") != []
    assert facebook.find("Posted by Ana on Monday and Tuesday") == []


def test_facebook_name_may_contain_on() -> None:
    [found] = facebook.find("Text.Posted by Friends on Wheels on\u00a0Friday, May 1, 2020")
    source = "Text.Posted by Friends on Wheels on\u00a0Friday, May 1, 2020"
    assert source[found.author_span[0] : found.author_span[1]] == "Friends on Wheels"  # type: ignore[index]
    assert "nbsp" in found.evidence


def test_tiktok_needs_a_handle_line_or_the_original_sound() -> None:
    assert tiktok.find("♬ Song - Artist") == []
    [leftover] = tiktok.find("Intro.\n♬ original sound - Ana\nOutro.")
    assert leftover.kind == "boilerplate"
    [embed] = tiktok.find("@ana_b Dance! #fyp ♬ Song - Artist")
    assert (embed.handle, embed.kind) == ("ana_b", "embed")


def test_tiktok_mojibake_note() -> None:
    [embed] = tiktok.find("@ana_b Dance! â™¬ original sound - Ana")
    assert embed.handle == "ana_b"


def test_threads_post_by_names_the_author() -> None:
    [found] = threads.find("Intro.\nPost by @ana.b\nView on Threads\nOutro.")
    assert found.handle == "ana.b"


def test_mastodon_lone_view_must_stand_alone() -> None:
    assert len(mastodon.find("Intro.\nView on Mastodon\nOutro.")) == 1
    assert mastodon.find("Click View on Mastodon to read more.") == []


def test_reddit_spaced_credit_must_end_its_line() -> None:
    assert reddit.find("My title\nby u/ana_b in r/python\n") != []
    assert reddit.find("posted by u/ana_b in r/python yesterday") == []
    assert reddit.find("A title byu/ana_b inpython") != []


def test_bbc_frame_pairs_lines_of_the_same_platform() -> None:
    text = "Skip Instagram post by Ana\nEnd of twitter post by @ana\n"
    assert boilerplate.find(text) == []
    text = "Skip X post by Ana\nEnd of Twitter post by @ana\n"
    [frame] = boilerplate.find(text)
    assert (frame.platform, frame.handle) == ("twitter", "ana")


def test_time_suffix_is_taken_when_the_date_grammar_leaves_it() -> None:
    for raw in ("Apr 8, 2018 at 4:22pm PDT", "Apr 25, 2024 at 20:18", "May 2, 2019, 10:50 AM"):
        date = _text.read_date(raw + "Next", 0)
        assert date is not None and date.raw == raw
    date = _text.read_date("May 2, 2019 10.50 euros", 0)
    assert date is not None and date.raw == "May 2, 2019"


def test_whole_line_widens_only_a_lone_leftover() -> None:
    text = "a\n   View on Threads  \nb"
    assert _text.whole_line(text, (5, 20)) == (2, 22)
    assert _text.whole_line("x View on Threads", (2, 17)) == (2, 17)


def test_bluesky_time_suffix_leaves_the_body() -> None:
    # The regression this exists for: the date grammar must take the time suffix with the date.
    date = match_date("May 10, 2025 at 10:34 PM")
    assert date is not None and date.raw == "May 10, 2025 at 10:34 PM" and date.has_time
    doc = embedfix.repair("Hi all\n— Ana (@ana.bsky.social) May 10, 2025 at 10:34 PM\nNext.")
    assert doc.body == "Next."


@pytest.mark.parametrize(
    "view", ["View on Threads", "Voir sur Threads", "Ver en Threads", "Ver no Threads"]
)
def test_threads_leftover_in_each_language(view: str) -> None:
    doc = embedfix.repair(f"Intro.\n{view}\nOutro.")
    assert [(q.platform, q.kind) for q in doc.quotes] == [("threads", "boilerplate")]
    assert doc.body == "Intro.\nOutro."


@pytest.mark.parametrize("leftover", ["View this post on Instagram", " A post shared by on"])
def test_a_permalink_sharing_its_line_only_with_leftovers_is_alone_on_it(leftover: str) -> None:
    # get_text() glued an unrendered tweet's permalink to the leftover of the next embed; once
    # that leftover is cut the permalink stands alone, so it is read in the same pass.
    text = (
        "The club confirmed the signing on Friday.\n"
        f"https://twitter.com/ManUtd/status/1434160935398416390{leftover}\n"
        "He returns to Old Trafford after twelve years."
    )
    doc = embedfix.repair(text)
    assert [(q.platform, q.kind) for q in doc.quotes] == [
        ("twitter", "status-url"),
        ("instagram", "boilerplate"),
    ]
    assert doc.quotes[0].date == datetime.date(2021, 9, 4)
    assert doc.body == (
        "The club confirmed the signing on Friday.\nHe returns to Old Trafford after twelve years."
    )
    assert embedfix.repair(doc.body).quotes == ()


def test_a_permalink_followed_by_prose_stays_in_the_body_beside_a_leftover() -> None:
    text = (
        "twitter.com/ManUtd/status/1434160935398416390 is the club's statement.View this post "
        "on Instagram\nHe returns to Old Trafford after twelve years."
    )
    doc = embedfix.repair(text)
    assert [(q.platform, q.kind) for q in doc.quotes] == [("instagram", "boilerplate")]
    assert doc.body.startswith("twitter.com/ManUtd/status/1434160935398416390 is the club's")


def test_the_body_reads_cut_embeds_as_cut_and_glued_ones_as_a_line_break() -> None:
    text = "Intro.\nHe said so.View this post on InstagramMore: x&#10;y"
    cut = text.index("View"), text.index("More")
    edit = embedfix.encoding.analyze(text).edits
    read = body.as_read(text, [cut], edit)
    assert read.text == "Intro.\nHe said so.\nMore: x\ny"  # the body, but for `x&#10;y`
    glued = read.text.index("\nMore")
    entity = read.text.index("\ny")
    assert read.changed == [(glued, glued + 1), (entity, entity + 1)]
    assert read.to_source(0, glued) == (0, cut[0]), "the cut embed is left out at the edge"
    assert read.to_source(glued, glued + 1) == (cut[0], cut[0] + 1)
    assert read.to_source(glued + 1, len(read.text)) == (cut[1], len(text))
    unchanged = body.as_read(text, [], ())
    assert (unchanged.text, unchanged.changed) == (text, [])
    assert unchanged.to_source(3, 9) == (3, 9)


def test_the_body_reads_a_deleted_character_as_gone_and_maps_back_over_it() -> None:
    # ftfy deletes the control character, so the body reads a query string on the permalink.
    text = "Intro.\ntwitter.com/a/status/1\x08?s=20\nMore."
    edits = embedfix.encoding.analyze(text).edits
    assert [(e.start, e.end, e.replacement) for e in edits] == [(29, 30, "")]
    read = body.as_read(text, [], edits)
    assert read.text == "Intro.\ntwitter.com/a/status/1?s=20\nMore."
    assert read.changed == [(29, 29)]
    url = read.text.index("twitter"), read.text.index("\nMore")
    assert read.to_source(*url) == (text.index("twitter"), text.index("\nMore"))
    assert read.to_source(7, 29) == (7, 29), "a deleted character at the edge is left out"
    doc = embedfix.repair(text)
    assert [(q.kind, q.raw) for q in doc.quotes] == [
        ("status-url", "twitter.com/a/status/1\x08?s=20")
    ]
    assert doc.body == "Intro.\nMore."


def test_a_signature_wrapped_by_an_entity_line_break_is_found() -> None:
    # A scraper that kept line breaks as `&#10;`: the signature wraps only once the entity is
    # decoded, so it is found in the body as it reads, and its offsets are the source's.
    text = (
        "Officials confirmed the closure on Friday.\n"
        "Roads are closed until further notice. Stay safe. "
        "pic.twitter.com/AbCdEf1234\u2014 Kent Police (@kent_police)&#10;October 2, 2020\n"
        "The council will meet again next week."
    )
    doc = embedfix.repair(text)
    [quote] = doc.quotes
    assert (quote.handle, quote.date, quote.author) == (
        "kent_police",
        datetime.date(2020, 10, 2),
        "Kent Police",
    )
    assert quote.raw == text[quote.span[0] : quote.span[1]]
    assert quote.raw.endswith("(@kent_police)&#10;October 2, 2020")
    assert quote.text == "Roads are closed until further notice. Stay safe."
    assert quote.media == ("pic.twitter.com/AbCdEf1234",)
    assert doc.body == (
        "Officials confirmed the closure on Friday.\nThe council will meet again next week."
    )
    assert embedfix.repair(doc.body).quotes == ()


def test_an_empty_credit_followed_only_by_leftovers_is_cut_with_them() -> None:
    # Pretty-printed markup left two leftovers on a line: a credit that lost its name, handle and
    # date, and the next embed's view link. Neither is prose; both go in one pass, with the line.
    text = (
        "The singer shared two photos from the rehearsal.\n"
        "A post shared by on   View this post on Instagram\n"
        "The tour opens in Lisbon on Friday."
    )
    doc = embedfix.repair(text)
    assert [(q.platform, q.kind) for q in doc.quotes] == [("instagram", "boilerplate")] * 2
    assert doc.body == (
        "The singer shared two photos from the rehearsal.\nThe tour opens in Lisbon on Friday."
    )
    assert embedfix.repair(doc.body).quotes == ()


def test_an_empty_credit_before_prose_on_its_line_stays() -> None:
    text = "A post shared by the minister A post shared by\nMore."
    doc = embedfix.repair(text)
    assert [q.raw for q in doc.quotes] == ["A post shared by"]
    assert doc.body.startswith("A post shared by the minister")


def test_a_permalink_ending_in_an_entity_line_break_is_alone_on_its_line() -> None:
    # Windows line ends escaped by the CMS: the permalink's line reads alone once "&#13;" is a
    # carriage return, which is how the body reads it; so it is found in the first pass.
    text = (
        "Forecasters warned of gusts of up to 90 mph.&#13;\n"
        "https://twitter.com/metoffice/status/1434160935398416390&#13;\n"
        "The warning runs until Sunday.&#13;\n"
    )
    doc = embedfix.repair(text)
    assert [(q.kind, q.handle) for q in doc.quotes] == [("status-url", "metoffice")]
    assert doc.body == (
        # The entity after the permalink is body text: its carriage return stays.
        "Forecasters warned of gusts of up to 90 mph.\r\n\r\nThe warning runs until Sunday.\r\n"
    )
    assert embedfix.repair(doc.body).quotes == ()
