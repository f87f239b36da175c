"""Hostile documents: what a scrape gives when everything goes wrong at once.

The other generators make realistic articles; these make the inputs a hostile-input campaign
found the library tripping on (issue 20): mojibake layered two and three times, the leftovers of
several platforms glued together and around a real embed, stray controls, lone surrogates,
``?`` runs, long numeric entities, and markup nested or left unclosed. Each is small (a few
hundred characters), so that thousands run in seconds and a failure is easy to read.
"""

from __future__ import annotations

from embedfix.testing._articles import gen_article
from embedfix.testing._choice import Chooser
from embedfix.testing._damage import mojibake_cp1252
from embedfix.testing._html import render_embed
from embedfix.testing._tweets import gen_tweet

LEFTOVERS = (
    "\N{EM DASH} Jane Doe (@janedoe) May 1, 2020",
    "(@a)May1 2020",
    "(@a)",
    "https://twitter.com/jane/status/1234567890123456789",
    "pic.twitter.com/AbCdEf1234",
    "A post shared by",
    "A post shared by Ana Lima (@analima) on May 1, 2020 at 10:00am PDT",
    "View this post on Instagram",
    "Posted by Jane Doe on Monday, May 1, 2020",
    "Posted by a on aaa,1 2020",
    "@janedoe \N{BEAMED SIXTEENTH NOTES} original sound - janedoe",
    "\N{BEAMED SIXTEENTH NOTES} original sound",
    "View on Threads",
    "Post by @ana@mastodon.social View on Mastodon",
    "byu/someone in r/news",
    "\N{EM DASH} Ana (@ana.bsky.social) May 1, 2020 at 10:00 AM",
    "\N{EM DASH} 山田太郎 (@yamada) 2012年6月8日",
    "\N{EM DASH} Jean (@jean) 1 août 2025",
    "Skip twitter post by Jane Doe",
    "End of twitter post",
)
"""Pieces of flattened embeds from every platform, whole and broken."""

PROSE = (
    "The council met on Tuesday.",
    "Le maire a parlé aux habitants.",
    "Die Straße bleibt gesperrt.",
    "Власти закрыли дорогу.",
    "市長は会見で述べた。",
    "a",
    "",
    "Stay safe everyone \N{FACE WITH TEARS OF JOY}",
    "Caf\N{LATIN SMALL LETTER E WITH ACUTE} \N{LEFT DOUBLE QUOTATION MARK}fine"
    "\N{RIGHT DOUBLE QUOTATION MARK} \N{EM DASH} ok",
)
"""Ordinary text to put between the leftovers."""

GLUE = ("", " ", "\n", "\n\n", "\r\n", "\x85", "\ufeff", "&#10;", "\u00a0", "\t", "\u2028")
"""What stands between two pieces: nothing, whitespace of every kind, a C1 NEL, a BOM, an
entity line break."""

STRAYS = (
    "\x85",
    "\ufeff",
    "\x8d",
    "\x00",
    "\ud9a6",
    "\ufffd",
    "?",
    "??",
    "????",
    "&amp;",
    "\u200b",
)
"""Characters dropped into the text: C1 controls, a BOM, NUL, a lone surrogate, replacement
characters and ``?`` runs (lost characters), an entity, a zero-width space."""

PLACEHOLDERS = (None, "", "[embed {n}]", "{n}", "\ufffc", " ", "\n", "<tweet/>", "\N{EM DASH}")
"""Placeholders for the idempotence law: none, empty, ordinary markers, U+FFFC (the object
replacement character), whitespace, a dash."""


def _mojibake(c: Chooser, text: str) -> str:
    """``text`` read as cp1252 once, twice or three times (each time as a whole or in part)."""
    for _ in range(c.integer(1, 3)):
        if c.chance(70) or len(text) < 2:
            text = mojibake_cp1252(text)
        else:
            cut = c.integer(0, len(text) - 1)
            text = text[:cut] + mojibake_cp1252(text[cut:])
    return text


def _numeric_entity(c: Chooser) -> str:
    digits = c.choice(("1", "9", "0", "65"))
    return "&#" + digits * c.integer(1, 40) + c.choice(("", ";"))


def gen_hostile_text(c: Chooser) -> str:
    """One hostile text for ``repair``: prose, leftovers of several platforms and sometimes a
    whole flattened article, glued in every way, damaged in layers."""
    pieces: list[str] = []
    if c.chance(30):
        pieces.append(gen_article(c, max_embeds=2).text)
    for _ in range(c.integer(1, 6)):
        kind = c.integer(0, 9)
        if kind < 5:
            pieces.append(c.choice(LEFTOVERS))
        elif kind < 8:
            pieces.append(c.choice(PROSE))
        elif kind == 8:
            pieces.append(_numeric_entity(c))
        else:
            pieces.append(c.choice(STRAYS))
    text = pieces[0]
    for piece in pieces[1:]:
        text += c.choice(GLUE) + piece
    for _ in range(c.integer(0, 2)):
        at = c.integer(0, len(text))
        text = text[:at] + c.choice(STRAYS) + text[at:]
    if c.chance(35):
        if c.chance(50) or len(text) < 2:
            text = _mojibake(c, text)
        else:
            a = c.integer(0, len(text) - 1)
            b = c.integer(a, len(text))
            text = text[:a] + _mojibake(c, text[a:b]) + text[b:]
    return text


def gen_hostile_html(c: Chooser) -> str:
    """One hostile page for ``repair_html``: embed markup of every era, nested, repeated, left
    unclosed, with long numeric references in text and attributes and impossible dates."""
    parts: list[str] = []
    for _ in range(c.integer(1, 3)):
        html = render_embed(c, gen_tweet(c), lang=None, era=None).html
        if c.chance(30):  # left unclosed: the closing tags dropped
            html = html.replace("</blockquote>", "").replace("</p>", "")
        if c.chance(20):  # nested in the previous one
            parts = ["".join(parts)[: c.integer(0, len("".join(parts)))] + html]
            continue
        parts.append(html)
    extra = (
        '<p title="' + _numeric_entity(c) + '">' + _numeric_entity(c) + "</p>",
        '<twitterwidget data-tweet-id="' + c.choice(("²", "12", "١٢", "")) + '"></twitterwidget>',
        '<div class="bbpBox"><p class="bbpTweet">x</p><a title="Mon Jan 1 00:00:00 +0000 '
        + c.choice(("0000", "2010", "9999"))
        + '"></a></div>',
        '<script async src="https://platform.twitter.com/widgets.js"></script>',
        '<div><blockquote class="twitter-tweet"><p>x',
        "<" * c.integer(1, 5),
        "&" + "amp;" * c.integer(1, 5) + "lt;",
    )
    for _ in range(c.integer(0, 3)):
        parts.insert(c.integer(0, len(parts)), c.choice(extra))
    page = c.choice(("", "<div>", "<article><p>")) + "\n".join(parts)
    return _mojibake(c, page) if c.chance(15) else page
