"""`repair` on the layouts real extractors leave of a page with embeds (issue 16).

html2text writes Markdown: the embed becomes ``> `` quote lines, and a number followed by a dot
is escaped (``17\\. Juni 2018``) lest it read as an ordered list, which breaks German, Danish,
Finnish, Norwegian, Czech, Hungarian… dates (`17. Juni 2018`). The fixtures are written in the
style of html2text's output for real blog pages (``body_width=0``, ``ignore_links=True``).
"""

from __future__ import annotations

import datetime

import pytest

from embedfix import repair
from embedfix.dates import parse_date

HTML2TEXT_DE = (
    "## 3\\. Robert Franken, Berater\n\n"
    "Robert Franken nahm in diesem Beispiel kein Blatt vor den Mund. Offensichtlich traf er "
    "damit den Nerv der Zeit.\n\n"
    "> Die neue Radwegeplanung ist ein Witz. Wer hat das bitte abgenommen? "
    "#Köln #fahrrad\n> \n"
    "> — Robert Franken (@herrfranken) 17\\. Juni 2018\n\n"
    "## 4\\. Anja Amaranth, Studentin\n\n"
    "Auch interessant ist der zweite Tweet:\n\n"
    "> Heute wieder 40 Minuten auf die S-Bahn gewartet.\n> \n"
    "> — Anja Amaranth (@anjaamaranth) 2\\. Oktober 2018\n\n"
    "Mehr dazu im nächsten Abschnitt.\n"
)


def test_html2text_escaped_day_dot_is_read_as_the_date() -> None:
    doc = repair(HTML2TEXT_DE)
    first, second = doc.quotes
    assert (first.handle, first.date, first.date_raw) == (
        "herrfranken",
        datetime.date(2018, 6, 17),
        "17\\. Juni 2018",
    )
    assert first.date_lang == "de"
    assert "Radwegeplanung ist ein Witz" in (first.text or "")
    assert (second.handle, second.date) == ("anjaamaranth", datetime.date(2018, 10, 2))
    assert "S-Bahn" in (second.text or "")
    assert "Radwegeplanung" not in doc.body and "S-Bahn" not in doc.body
    assert "Mehr dazu im nächsten Abschnitt." in doc.body
    for q in doc.quotes:
        assert HTML2TEXT_DE[q.span[0] : q.span[1]] == q.raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("17\\. Juni 2018", (datetime.date(2018, 6, 17), "de")),
        ("6\\. marts 2019", (datetime.date(2019, 3, 6), "da")),
        ("17\\.Juni 2018", (datetime.date(2018, 6, 17), "de")),
    ],
)
def test_escaped_day_dot_parses_like_the_plain_one(
    raw: str, expected: tuple[datetime.date, str]
) -> None:
    assert parse_date(raw) == expected == parse_date(raw.replace("\\", ""))


@pytest.mark.parametrize("raw", ["17\\\\. Juni 2018", "17\\ Juni 2018", "\\17. Juni 2018x"])
def test_other_backslashes_are_no_date(raw: str) -> None:
    assert parse_date(raw) == (None, None)


HTML2TEXT_QUOTES = (
    "Eksperci podkreślają, że działania tego Stowarzyszenia są groźne dla wolności słowa.\n\n"
    '> "Nie daj się zwyciężyć złu, ale zło dobrem zwyciężaj" Rz 12,21 '
    "pic.twitter.com/auq167NKRu\n> \n"
    "> -- Radio Maryja (@RadioMaryja) April 29, 2021\n\n"
    "**RIRM**\n\n"
    "El Coronel aseguró que había normalidad en el transporte público.\n\n"
    "> #VueleLaPaz  \n> Viernes 6 de Mayo  \n> 9:00 a.m - Comuna 13 pic.twitter.com/9CYgKmoyXT\n"
    "> \n> -- Minuto30.com (@minuto30com) May 5, 2022\n\n"
    "Para leer sobre otros temas, visite la portada.\n"
)


def test_html2text_quote_block_keeps_the_post_above_its_blank_quote_line() -> None:
    """A line holding only ``>`` is a blank line of the quote: the post's media link above it
    ends this post, not an earlier one, and every ``> `` line up to the article belongs to it."""
    doc = repair(HTML2TEXT_QUOTES)
    first, second = doc.quotes
    assert (first.text or "").startswith('> "Nie daj się zwyciężyć złu')
    assert first.media == ("pic.twitter.com/auq167NKRu",)
    assert (second.text or "").startswith("> #VueleLaPaz")
    assert "Comuna 13" in (second.text or "")
    assert "zwyciężaj" not in doc.body and "VueleLaPaz" not in doc.body
    assert "groźne dla wolności słowa." in doc.body and "transporte público." in doc.body


# BeautifulSoup ``get_text("\n", strip=True)``: every inline element on a line of its own.
SPLIT_LINES = (
    "Der Grünen-Vorsitzende nahm die Meldung auf und bezog mit deutlichen Worten Stellung.\n"
    "Die AfD hat das Ziel, die deutsche Demokratie zu entkernen. Dazu muss sie die deutsche "
    "Geschichte umschreiben. Deshalb sind solche Sätze keine Ausrutscher, sondern System.\n"
    "https://t.co/WyXDMUqEGa\n"
    "— RobertHabeck (@RobertHabeck)\n"
    "2. Juni 2018\n"
    "Deutlich abgestraft wurden demgegenüber die Regierungsparteien.\n"
    "So wählten die unter 30-Jährigen bei der\n"
    "#Europawahl\n"
    ":\n"
    "pic.twitter.com/Q1pMVhJid8\n"
    "— ZDF heute (@ZDFheute)\n"
    "26. Mai 2019\n"
    "Podívejte se na důležité momenty zápasu Aston Villa - West Ham:\n"
    "⭐️⭐️⭐️⭐️\n"
    "Highlights from our 4-1 win at Villa Park ⬇️\n"
    "pic.twitter.com/BUPgYtgHaY\n"
    "— West Ham United (@WestHam)\n"
    "October 31, 2021\n"
    "V Evropské lize hraje West Ham ve čtvrtek.\n"
)


def test_split_lines_a_lone_link_or_media_line_says_nothing_of_the_start() -> None:
    """A post whose own words end above a lone link or media line: the walk up the lines judges
    the lines above by the post's words, not by its link; a lead-in line (``:``, ``⬇️``) right
    above the post's media is the post announcing it."""
    doc = repair(SPLIT_LINES)
    texts = {q.handle: q.text or "" for q in doc.quotes}
    assert texts["RobertHabeck"].startswith("Die AfD hat das Ziel")
    assert texts["RobertHabeck"].endswith("https://t.co/WyXDMUqEGa")
    assert texts["ZDFheute"].startswith("So wählten die unter 30-Jährigen")
    # (the line of stars above may be the post's or the article's: either reading is fair)
    assert "Highlights from our 4-1 win at Villa Park ⬇️" in texts["WestHam"]
    assert "Aston Villa" not in texts["WestHam"]
    assert "Regierungsparteien." in doc.body and "Aston Villa - West Ham:" in doc.body
    assert "Mit deutlichen" not in texts["RobertHabeck"]


def test_a_lead_in_naming_the_author_stays_with_the_article() -> None:
    text = (
        "The president answered within minutes.\nTrump wrote:\npic.twitter.com/AbCdEfGhIj\n"
        "— Donald J. Trump (@realDonaldTrump) May 5, 2017\nThe White House declined to comment.\n"
    )
    (q,) = repair(text).quotes
    assert q.text in (None, "")
    assert q.media == ("pic.twitter.com/AbCdEfGhIj",)
    assert "Trump wrote:" in repair(text).body
