"""The Dask recipe on a real Dask: the synchronous scheduler, Arrow-backed columns.

``dd.read_parquet(..., dtype_backend="pyarrow").map_partitions(repair_partition)``, where a
partition goes to `embedfix.arrow.repair_table` and back as ``pd.ArrowDtype`` columns, over the
corpus (`engine_corpus`) in partitions of 100 rows (the first has no quote); rows compared with
``repair(...).to_dict()`` record for record, the type with ``to_dict()``'s keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe", reason="dask[dataframe] is in the test extra")

import dask  # noqa: E402

from embedfix.arrow import repair_table  # noqa: E402
from engine_corpus import (  # noqa: E402
    EXAMPLES,
    arrow_paths,
    by_id,
    check_recipe_output,
    check_rows,
    recipe,
    result_keys,
    write_parquet,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning")


def repair_partition(part: Any) -> Any:
    """The recipe's function: a pandas partition through Arrow and back, index kept."""
    table = pa.Table.from_pandas(part, preserve_index=False)
    out = repair_table(table).to_pandas(types_mapper=pd.ArrowDtype)
    out.index = part.index
    return out


def test_map_partitions_gives_repairs_rows(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "corpus.parquet", row_group_size=100)
    with dask.config.set(scheduler="synchronous"):
        frame = dd.read_parquet(str(path), dtype_backend="pyarrow", split_row_groups=True)
        assert frame.npartitions == 3
        out = frame.map_partitions(repair_partition, meta=repair_partition(frame._meta))
        dtype = out.dtypes["embedfix"]
        assert isinstance(dtype, pd.ArrowDtype)
        assert arrow_paths(dtype.pyarrow_dtype) == result_keys()
        result = out.compute()
    assert list(result.columns) == ["id", "text", "embedfix"]
    table = pa.Table.from_pandas(result, preserve_index=False)
    check_rows(by_id(table))


def test_the_recipe(tmp_path: Path) -> None:
    with dask.config.set(scheduler="synchronous"):
        recipe("dask_recipe").run(EXAMPLES / "articles.parquet", tmp_path / "out")
    check_recipe_output(by_id(pa.parquet.read_table(tmp_path / "out"), key=str))
