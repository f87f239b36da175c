"""Repair a JSON Lines corpus: one record in, the same record out with what embedfix found.

    python examples/jsonl_corpus.py [IN.jsonl] [OUT.jsonl]

Reads ``examples/corpus.jsonl`` by default and writes to standard output. Each record keeps its
fields and gains ``body`` (the article without its embeds) and ``quotes`` (one dict per embed,
with the same keys for every record). Records are read and written one at a time, so memory does
not grow with the corpus. (For large corpora, ``embedfix repair IN.jsonl -o OUT.jsonl`` does the
same on every core.)
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import embedfix

HERE = Path(__file__).resolve().parent


def repair_record(record: dict) -> dict:
    """``record`` with ``body`` and ``quotes`` added from its ``text``."""
    doc = embedfix.repair(record["text"])
    return {**record, "body": doc.body, "quotes": [q.to_dict() for q in doc.quotes]}


def write(records: Iterable[dict], out: TextIO) -> int:
    """Write ``records`` as JSON Lines; the number of embeds they hold."""
    embeds = 0
    for record in records:
        embeds += len(record["quotes"])
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return embeds


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else HERE / "corpus.jsonl"
    with source.open(encoding="utf-8") as lines:
        records = (repair_record(json.loads(line)) for line in lines)
        if len(argv) > 1:
            with Path(argv[1]).open("w", encoding="utf-8") as out:
                embeds = write(records, out)
        else:
            embeds = write(records, sys.stdout)
    print(f"{embeds} embeds found in {source.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
