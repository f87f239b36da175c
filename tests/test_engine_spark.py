"""`embedfix.spark` on a real Spark: ``local[1]``, one session for the module.

The corpus (`engine_corpus`) is read from Parquet, 50 rows per Arrow batch, so the first batches
carry no quote, and each path's rows are compared with ``repair(...).to_dict()`` record for
record; the DataFrame's type is compared with the keys of ``to_dict()``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyarrow")
if os.environ.get("EMBEDFIX_SUITE_FROM_SDIST"):
    pytest.skip(
        "Spark runs once per suite: on the source tree, not again from the sdist (same files)",
        allow_module_level=True,
    )
pytest.importorskip("pyspark", reason="pyspark is in the test extra, not installed here")
if shutil.which("java") is None:
    pytest.skip(
        "Spark needs Java: .ci/run installs openjdk-17-jre-headless", allow_module_level=True
    )

import embedfix
from embedfix import spark as embedfix_spark
from engine_corpus import (
    EXAMPLES,
    check_recipe_output,
    check_rows,
    expected_row,
    recipe,
    result_keys,
    spark_paths,
    texts,
    write_parquet,
)
from engine_corpus import (
    by_id as arrow_by_id,
)

pytestmark = pytest.mark.filterwarnings(
    # pyspark 4 warns about pandas 3 (only the pandas_udf fallback uses pandas)
    "ignore:PySpark does not yet fully support pandas:FutureWarning",
    "ignore::DeprecationWarning",
    "ignore::ResourceWarning",
)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("embedfix-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "50")
        .config("spark.driver.memory", "1g")
        # start-up is most of this module's time: the JVM's quick compiler alone halves it
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def frame(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = write_parquet(tmp_path_factory.mktemp("spark") / "corpus.parquet")
    return spark.read.parquet(str(path))


def rows_by_id(rows: list[Any], key: str) -> dict[int, Any]:
    return {r["id"]: (r[key].asDict(recursive=True) if r[key] is not None else None) for r in rows}


def test_repair_dataframe_gives_repairs_rows(frame: Any) -> None:
    out = embedfix_spark.repair_dataframe(frame)
    assert out.columns == ["id", "text", "embedfix"]
    assert spark_paths(out.schema["embedfix"].dataType.jsonValue()) == result_keys()
    assert out.schema["embedfix"].dataType == embedfix.schema.spark()
    rows = out.collect()
    check_rows(rows_by_id(rows, "embedfix"))
    assert [r["text"] for r in sorted(rows, key=lambda r: r["id"])] == list(texts())


def test_repair_dataframe_into_columns_with_options(frame: Any) -> None:
    out = embedfix_spark.repair_dataframe(
        frame.repartition(3), "text", into="", placeholder="[embed {n}]"
    )
    assert out.columns == ["id", "text", "body", "quotes", "repairs", "damage"]
    for row in out.collect():
        want = expected_row(texts()[row["id"]], placeholder="[embed {n}]")
        got = row.asDict(recursive=True)
        if want is None:
            assert all(got[k] is None for k in ("body", "quotes", "repairs", "damage"))
        else:
            assert {k: got[k] for k in want} == want, row["id"]


def test_options_are_checked_on_the_driver_before_any_task(frame: Any, spark: Any) -> None:
    tracker = spark.sparkContext.statusTracker()
    before = tracker.getJobIdsForGroup()
    with pytest.raises(ValueError, match="unknown platform"):
        embedfix_spark.repair_dataframe(frame, platforms=["myspace"])
    with pytest.raises(TypeError, match="placeholder must be"):
        embedfix_spark.repair_column("text", placeholder=3)
    with pytest.raises(ValueError, match="no column 'body'"):
        embedfix_spark.repair_dataframe(frame, "body")
    assert tracker.getJobIdsForGroup() == before


def test_repair_column_on_arrow_udf(frame: Any) -> None:
    from pyspark.sql import functions

    if not hasattr(functions, "arrow_udf"):
        pytest.skip("this Spark has no arrow_udf (before 4.1): repair_column uses pandas_udf")
    out = frame.select("id", embedfix_spark.repair_column("text").alias("fixed"))
    assert out.schema["fixed"].dataType == embedfix.schema.spark()
    check_rows(rows_by_id(out.collect(), "fixed"))


def test_repair_column_on_pandas_udf_takes_nan_as_missing(frame: Any) -> None:
    """The fallback for Spark before 4.1; a null reaches a pandas_udf as None or NaN, and a
    pandas_udf cannot return a null struct: a missing text gives a result of nulls."""
    from pyspark.sql import functions

    udf = embedfix_spark._udf(functions, embedfix.options.check(), arrow=False)
    out = frame.select("id", udf("text").alias("fixed"))
    got = rows_by_id(out.collect(), "fixed")
    nulls = dict.fromkeys(["body", "quotes", "repairs", "damage"])
    check_rows({i: (None if v == nulls else v) for i, v in got.items()})
    import pandas as pd

    frame_out = embedfix_spark._pandas_column(
        pd.Series(["plain", float("nan"), None]), embedfix.options.check()
    )
    assert frame_out["body"].tolist()[0] == "plain"
    assert frame_out.iloc[1:].isna().all().all()


def test_the_ddl_string_reads_back_as_the_type(spark: Any) -> None:
    from pyspark.sql.types import StructType

    parsed = StructType.fromDDL(embedfix_spark.result_ddl())
    assert parsed == embedfix_spark.result_type()


def test_results_written_to_parquet_read_back(frame: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    embedfix_spark.repair_dataframe(frame).write.parquet(str(out))
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    check_rows(arrow_by_id(table))


def test_the_recipe(spark: Any, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    recipe("spark_recipe").run(spark, EXAMPLES / "articles.parquet", tmp_path / "out")
    check_recipe_output(arrow_by_id(pq.read_table(tmp_path / "out"), key=str))
