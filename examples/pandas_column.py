"""Repair a pandas column, and get one row per embed in a frame of its own.

    pip install pandas
    python examples/pandas_column.py

``Series.map(embedfix.repair)`` gives a column of `Document`; from it come the clean body and,
through ``to_dict()`` (whose keys never change), a tidy frame of quotes with one row per embed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import embedfix

HERE = Path(__file__).resolve().parent


def main() -> None:
    articles = pd.read_json(HERE / "corpus.jsonl", lines=True)
    docs = articles["text"].map(embedfix.repair)
    articles["body"] = docs.map(lambda d: d.body)
    articles["embeds"] = docs.map(lambda d: len(d.quotes))
    quotes = pd.DataFrame(
        [
            {"id": i, **q.to_dict()}
            for i, d in zip(articles["id"], docs, strict=True)
            for q in d.quotes
        ]
    )
    print(articles[["id", "lang", "embeds"]].to_string(index=False))
    print()
    print(quotes[["id", "platform", "handle", "date", "confidence", "text"]].to_string(index=False))


if __name__ == "__main__":
    main()
