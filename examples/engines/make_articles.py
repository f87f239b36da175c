"""Write ``articles.parquet``: the small corpus every recipe in this folder reads.

Twelve scraped news articles as a crawl leaves them, with ``id`` (``article-00`` on) and ``text`` columns: the first
four without an embed (the first batches an engine sees have no quote), then embeds of several
platforms flattened into the text, a page with mojibake and ``?`` runs, a missing text (null)
and an empty one. Run it again after changing the articles: ``python make_articles.py``.
"""

from __future__ import annotations

from pathlib import Path

ARTICLES: list[str | None] = [
    "Council approves harbour plan\nThe council voted on Tuesday to approve the new harbour "
    "plan after a two-hour debate.\nWork is due to start in the spring.",
    "Le marché de Noël ouvre ses portes\nLe maire a remercié les bénévoles lors de "
    "l'inauguration samedi soir.\nLe marché restera ouvert jusqu'au 24 décembre.",
    "Die Behörden rechnen bis Donnerstag mit ruhigerem Wetter.\nAm Wochenende bleibt es kühl.",
    "Meteorologists warned that rivers would stay high until Tuesday.",
    "Storm Alex: coastal towns clean up\nThe harbour road reopened on Saturday morning.\n"
    "Harbour St. is open again. Thank you to every volunteer 💙 #StormAlex "
    "pic.twitter.com/AbCdEf1234— Jane Doe (@janedoe) October 3, 2020\n"
    "The forecast for the coming week is calmer.",
    "The band announced the tour on social media.\nNew episode out now, link in bio\n"
    "— Harbour Life (@harbourlife.bsky.social) March 14, 2023\nTickets go on sale on Friday.",
    "Chef shares her recipe\nBonne nouvelle pour le port ce matin ! #tempête A post shared by  "
    "Marie Dupont (@mariedupont) on Jul 9, 2021 at 12:03pm PDT\nThe restaurant opens next week.",
    "Volunteers were praised by the mayor.\nWe are open again. Posted by Coastal Watch on\u00a0"
    "Monday, May 3, 2021\nThe clean-up continues.",
    "It’s a good moment to check your home insurance. Claims took months ðŸ˜¬\n"
    "— Coastal Watch ???????? (@coastalwatch_uk) October 3, 2020\n"
    "Residents can report damage through the council’s website.".encode()
    .decode("cp1252", errors="replace")
    .replace("\ufffd", "?"),
    None,
    "",
    "Residents can report damage through the council's website or by phone.",
]


def main() -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": pa.array([f"article-{i:02d}" for i in range(len(ARTICLES))], pa.string()),
            "text": pa.array(ARTICLES, pa.string()),
        }
    )
    pq.write_table(table, Path(__file__).with_name("articles.parquet"))


if __name__ == "__main__":
    main()
