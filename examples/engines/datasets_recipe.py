"""Hugging Face datasets: a Parquet file repaired with ``map(repair_table, batched=True)`` over
Arrow batches; the result's type comes with the batch, so no batch size can break it.

    python datasets_recipe.py [IN.parquet] [OUT.parquet]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from embedfix.arrow import repair_table

HERE = Path(__file__).parent


def run(src: Path, out: Path, *, batch_size: int = 1000, cache_dir: str | None = None) -> Any:
    import datasets

    ds = datasets.Dataset.from_parquet(str(src), cache_dir=cache_dir)
    repaired = ds.with_format("arrow").map(
        repair_table, batched=True, batch_size=batch_size, fn_kwargs={"column": "text"}
    )
    repaired.with_format(None).to_parquet(str(out))
    return repaired


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "articles.parquet"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("articles-datasets.parquet")
    repaired = run(src, out).with_format(None)
    for row in repaired:
        result = row["embedfix"]
        print(row["id"], [q["platform"] for q in result["quotes"]] if result else None)


if __name__ == "__main__":
    main()
