"""Ray Data: a Parquet file repaired with ``map_batches(embedfix.arrow.repair_table)``.

python ray_recipe.py [IN.parquet] [OUT-DIRECTORY]
"""

from __future__ import annotations

import sys
from pathlib import Path

from embedfix.arrow import repair_table

HERE = Path(__file__).parent


def run(src: Path, out: Path) -> None:
    import ray.data

    dataset = ray.data.read_parquet(str(src))
    repaired = dataset.map_batches(
        repair_table, batch_format="pyarrow", fn_kwargs={"column": "text", "into": "embedfix"}
    )
    repaired.write_parquet(str(out))


def main() -> None:
    import pyarrow.parquet as pq
    import ray

    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "articles.parquet"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("articles-ray")
    ray.init()
    try:
        run(src, out)
    finally:
        ray.shutdown()
    for row in sorted(pq.read_table(out).to_pylist(), key=lambda r: r["id"]):
        result = row["embedfix"]
        print(row["id"], [q["platform"] for q in result["quotes"]] if result else None)


if __name__ == "__main__":
    main()
