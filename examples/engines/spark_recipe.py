"""Spark: a Parquet file repaired with ``embedfix.spark.repair_dataframe`` (``mapInArrow``).

embedfix must be installed where the executors run. A small file is one partition, so one core
would do all the work: repartition to two to four times the cores first.

    python spark_recipe.py [IN.parquet] [OUT-DIRECTORY]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from embedfix.spark import repair_dataframe

HERE = Path(__file__).parent


def run(spark: Any, src: Path, out: Path) -> None:
    cores = spark.sparkContext.defaultParallelism
    frame = spark.read.parquet(str(src)).repartition(2 * cores)
    repaired = repair_dataframe(frame, "text", into="embedfix")
    repaired.write.mode("overwrite").parquet(str(out))


def main() -> None:
    from pyspark.sql import SparkSession

    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "articles.parquet"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("articles-spark")
    spark = SparkSession.builder.master("local[*]").getOrCreate()
    try:
        run(spark, src, out)
        for row in spark.read.parquet(str(out)).orderBy("id").collect():
            result = row["embedfix"]
            print(row["id"], [q["platform"] for q in result["quotes"]] if result else None)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
