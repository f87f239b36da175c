"""A deterministic corpus of scraped-news documents for the engine tests (`test_engines.py`).

Shaped like the data that broke type inference: the first ``quote_free`` documents carry no
embed at all (an engine inferring types from a first batch sees ``quotes: list<null>``), then
about one document in five carries an embed of one of the nine platforms `repair` reads as text,
and mojibake and ``?`` runs appear only in the last tenth. Articles are in several languages.
"""

from __future__ import annotations

import random

import embedfix

PARAGRAPHS = (
    "The council said the harbour road would reopen on Saturday after crews cleared the debris.",
    "Le maire a remercié les bénévoles dans un message publié peu après minuit.",
    "Die Behörden rechnen bis Donnerstag mit ruhigerem Wetter und leichtem Regen.",
    "El ministerio confirmó que las escuelas abrirán el lunes con normalidad.",
    "Власти сообщили, что движение по мосту будет восстановлено к утру.",
    "Residents can report damage through the council's website or by phone.",
    "Meteorologists warned that rivers would stay high until Tuesday.",
    "O governo anunciou novas medidas para apoiar os agricultores afetados.",
)

NAMES = (
    ("Jane Doe", "janedoe"),
    ("Coastal Watch", "coastalwatch_uk"),
    ("Marie Dupont", "mariedupont"),
    ("Harbour Life", "harbour.life"),
    ("Priya Raman", "priya_dev"),
)

MONTHS = ("January", "March", "May", "July", "September", "October", "December")


def _embed(platform: str, rnd: random.Random) -> str:
    """A flattened embed of ``platform`` as scrapers leave it (one of its usual layouts)."""
    name, handle = rnd.choice(NAMES)
    handle_plain = handle.replace(".", "_")
    day, month, year = rnd.randint(1, 28), rnd.choice(MONTHS), rnd.randint(2015, 2023)
    date = f"{month} {day}, {year}"
    post = rnd.choice(
        (
            "We are open again. Thank you to every volunteer 💙 #StormAlex",
            "Bonne nouvelle pour le port ce matin ! #tempête",
            "New episode out now, link in bio",
        )
    )
    if platform == "twitter":
        return f"{post} pic.twitter.com/AbCd{rnd.randint(100000, 999999)}— {name} (@{handle_plain}) {date}"
    if platform == "bluesky":
        return f"{post}\n— {name} (@{handle_plain}.bsky.social) {date}"
    if platform == "instagram":
        return f"{post} A post shared by  {name} (@{handle_plain}) on {date[:3]} {day}, {year} at 12:03pm PDT"
    if platform == "facebook":
        return f"{post} Posted by {name} on\u00a0Monday, {date}"
    if platform == "tiktok":
        return f"@{handle_plain} {post} ♬ original sound - {name}"
    if platform == "threads":
        return "     View on Threads"
    if platform == "mastodon":
        return f" Post by @{handle_plain}@mastodon.social View on Mastodon "
    if platform == "reddit":
        return f"Charts without axes are just art (OC) byu/{handle_plain} indataisbeautiful"
    if platform == "youtube":
        return (
            f"Skip YouTube post by {name}\n\nAllow YouTube content?\n\nThis article contains "
            "content provided by Google YouTube. We ask for your permission before anything is "
            "loaded, as they may be using cookies and other technologies.\n\nAccept and continue"
            f"\n\nEnd of YouTube post by {name}"
        )
    msg = f"no embed layout for {platform}"
    raise ValueError(msg)


PLATFORMS = embedfix.PLATFORMS
"""Every platform the library reads: a new one without a layout above fails the generator loudly."""


def _mojibake(text: str) -> str:
    """``text`` as a UTF-8 page read as cp1252 gives it (``’`` becomes ``â€™``)."""
    return text.encode("utf-8").decode("cp1252", errors="replace").replace("\ufffd", "?")


def documents(count: int, *, quote_free: int = 1000, seed: int = 15) -> list[str]:
    """``count`` article texts: the first ``quote_free`` without embeds, then one in five with
    an embed (every platform in turn), the last tenth with mojibake or ``?`` runs in some."""
    rnd = random.Random(seed)
    out = []
    turn = 0
    for i in range(count):
        paragraphs = [rnd.choice(PARAGRAPHS) for _ in range(rnd.randint(2, 4))]
        if i >= quote_free and rnd.random() < 0.2:
            platform = PLATFORMS[turn % len(PLATFORMS)]
            turn += 1
            paragraphs.insert(1, _embed(platform, rnd))
        text = "\n".join(paragraphs)
        if i >= count - count // 10 and rnd.random() < 0.3:
            text = (
                _mojibake(text)
                if rnd.random() < 0.5
                else text.replace("💙", "????").replace("!", " ????????")
            )
        out.append(text)
    return out
