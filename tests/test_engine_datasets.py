"""The Hugging Face datasets recipe: Arrow batches of one row each (``batch_size=1``).

``Dataset.from_parquet(...).with_format("arrow").map(repair_table, batched=True,
batch_size=1)``: each batch is one row, so most batches have no quote and no repair, and the
type still comes out whole, as no value is inferred. Rows compared with ``repair(...).to_dict()``
record for record, the type with ``to_dict()``'s keys.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
datasets = pytest.importorskip("datasets")

import embedfix  # noqa: E402
from embedfix.arrow import repair_table, result_type  # noqa: E402
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

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def test_map_with_batch_size_1(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "corpus.parquet")
    ds = datasets.Dataset.from_parquet(str(path), cache_dir=str(tmp_path / "cache"))
    out = ds.with_format("arrow").map(repair_table, batched=True, batch_size=1, keep_in_memory=True)
    assert out.features["embedfix"] == embedfix.schema.features()
    assert out.data.schema.field("embedfix").type == result_type()
    assert arrow_paths(out.data.schema.field("embedfix").type) == result_keys()
    table = out.data.table
    check_rows(by_id(table))


def test_the_recipe_with_batch_size_1(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "out.parquet"
    recipe("datasets_recipe").run(
        EXAMPLES / "articles.parquet", out, batch_size=1, cache_dir=str(tmp_path / "cache")
    )
    check_recipe_output(by_id(pq.read_table(out), key=str))
