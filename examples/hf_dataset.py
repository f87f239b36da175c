"""Repair a Hugging Face dataset with ``Dataset.map``, the quotes as a column of lists.

    pip install datasets
    python examples/hf_dataset.py

The dataset is built from ``examples/corpus.jsonl`` (any local JSON Lines, Parquet or CSV file
reads the same way; nothing is downloaded). ``map`` runs in batches and, with ``num_proc``, on
every core; Arrow needs one schema for the whole column, which ``Quote.to_dict()`` gives: the same
keys, with None where a field is absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datasets import Dataset

import embedfix

HERE = Path(__file__).resolve().parent


def repair_batch(batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The ``body`` and ``quotes`` columns for a batch of ``text``."""
    docs = [embedfix.repair(text) for text in batch["text"]]
    return {
        "body": [d.body for d in docs],
        "quotes": [[q.to_dict() for q in d.quotes] for d in docs],
    }


def main() -> None:
    data = Dataset.from_json(str(HERE / "corpus.jsonl"))
    repaired = data.map(repair_batch, batched=True, batch_size=64)
    for row in repaired:
        handles = [q["handle"] for q in row["quotes"]]
        print(row["id"], handles, row["body"].splitlines()[0])


if __name__ == "__main__":
    main()
