"""Dask: a Parquet file repaired partition by partition, with Arrow-backed columns.

python dask_recipe.py [IN.parquet] [OUT-DIRECTORY]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from embedfix.arrow import repair_table

HERE = Path(__file__).parent


def repair_partition(part: pd.DataFrame) -> pd.DataFrame:
    """A partition through `repair_table` and back as ``pd.ArrowDtype`` columns (the result is
    one struct column: no Python object per row, and Dask knows its type from ``meta``)."""
    table = pa.Table.from_pandas(part, preserve_index=False)
    out = repair_table(table, column="text").to_pandas(types_mapper=pd.ArrowDtype)
    out.index = part.index
    return out


def run(src: Path, out: Path) -> Any:
    import dask.dataframe as dd

    frame = dd.read_parquet(str(src), dtype_backend="pyarrow")
    repaired = frame.map_partitions(repair_partition, meta=repair_partition(frame._meta))
    repaired.to_parquet(str(out), write_index=False)
    return repaired


def main() -> None:
    import dask

    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "articles.parquet"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("articles-dask")
    with dask.config.set(scheduler="processes"):
        run(src, out)
    for row in sorted(pa.parquet.read_table(out).to_pylist(), key=lambda r: r["id"]):
        result = row["embedfix"]
        print(row["id"], [q["platform"] for q in result["quotes"]] if result else None)


if __name__ == "__main__":
    main()
