"""pyarrow: a Parquet file repaired batch by batch into another (the command does the same:
``embedfix repair articles.parquet -o out.parquet``).

    python arrow_recipe.py [IN.parquet] [OUT.parquet]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from embedfix.arrow import repair_batches, result_type

HERE = Path(__file__).parent


def run(src: Path, out: Path) -> None:
    file = pq.ParquetFile(src)
    schema = file.schema_arrow.append(pa.field("embedfix", result_type()))
    with pq.ParquetWriter(out, schema) as writer:
        for batch in repair_batches(file.iter_batches(batch_size=1000), column="text"):
            writer.write_batch(batch)


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "articles.parquet"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("articles-arrow.parquet")
    run(src, out)
    for row in pq.read_table(out, columns=["id", "embedfix"]).to_pylist():
        result = row["embedfix"]
        quotes = [q["platform"] for q in result["quotes"]] if result else None
        print(row["id"], quotes)


if __name__ == "__main__":
    main()
