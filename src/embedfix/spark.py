"""`repair` in Spark: a DataFrame's column of texts to a typed struct column, in Arrow batches.

- `repair_dataframe` runs on ``DataFrame.mapInArrow``: each task hands `embedfix.arrow` whole
  Arrow record batches, and the rows come back with the result as one struct column ``into``
  (``into=""``: the result's fields as top-level columns), typed by `embedfix.schema.spark`. No
  row goes through pandas or through a Python object per column.
- `repair_column` is a column expression, for ``select``/``withColumn``: an ``arrow_udf`` where
  the Spark version has it (4.1 and later), else a ``pandas_udf``, where a missing text arrives as
  None or, under pandas 3, as a float NaN: both give a null result (a ``pandas_udf`` cannot return
  a null struct, so there every field of that result is null instead).

The options are `repair`'s, checked once on the driver, at the call, before any task runs; the
tasks get them checked. The functions the tasks run live in this module, so the workers import
them by name: embedfix must be installed where the executors run (a cluster library, or
``spark.sparkContext.addPyFile`` of the wheel). pyspark is not a dependency (platforms ship their
own); pyarrow and pandas are (``pip install 'embedfix[spark]'``).

Sizing partitions: a task handles its partition batch by batch
(``spark.sql.execution.arrow.maxRecordsPerBatch``, 10,000 rows by default: lower it for long
documents to bound a task's memory), and a partition is all a core gets. A small Parquet file is
one partition, so ``df.repartition(n)``, with ``n`` two to four times the executors' cores, before
`repair_dataframe`. A new Python worker spends about a CPU-second (imports, patterns compiled)
before its first document: keep ``spark.python.worker.reuse`` on, the default. See docs/engines.md.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from embedfix import schema
from embedfix._extras import need
from embedfix.options import Options
from embedfix.rows import check_options, is_missing, rows

__all__ = ["repair_column", "repair_dataframe", "result_ddl", "result_type"]


def _need(module: str, function: str, install: str) -> Any:
    """``module``, imported; an `ImportError` that says how to install it when it is missing."""
    return need(module, f"embedfix.spark.{function}", install)


def _libraries(function: str) -> Any:
    """pyspark's ``sql`` types, after checking that pyarrow and pandas are there too."""
    _need("pyarrow", function, "'embedfix[spark]'")
    _need("pandas", function, "'embedfix[spark]'")
    return _need("pyspark.sql.types", function, "pyspark (or use the cluster's own)")


def result_type() -> Any:
    """The Spark ``StructType`` of one result (`embedfix.schema.spark`)."""
    _libraries("result_type")
    return schema.spark()


def result_ddl() -> str:
    """The DDL string of one result's fields (`embedfix.schema.spark_ddl`); needs nothing."""
    return schema.spark_ddl()


def repair_dataframe(
    df: Any, column: str = "text", *, into: str = "embedfix", **options: Any
) -> Any:
    """``df`` with the results of its text column ``column`` added as the struct column
    ``into`` (replacing a column of that name; ``into=""``: as top-level columns, which must not
    exist yet), null where the text is null. Lazy like any transformation; the options are
    checked here, on the driver."""
    types = _libraries("repair_dataframe")
    checked = check_options("repair_dataframe", options)
    fields = list(df.schema.fields)
    names = [f.name for f in fields]
    if column not in names:
        msg = f"no column {column!r} in the DataFrame; its columns: {', '.join(names)}"
        raise ValueError(msg)
    result = schema.spark()
    added = [types.StructField(into, result, True)] if into else list(result.fields)
    if not into:
        clash = [f.name for f in added if f.name in names]
        if clash:
            msg = f"into='' would overwrite the column(s) {clash}; give into= a new name"
            raise ValueError(msg)
    for field in added:
        if field.name in names:
            fields[names.index(field.name)] = field
        else:
            fields.append(field)
    task = functools.partial(_map_batches, column=column, into=into, options=checked)
    return df.mapInArrow(task, types.StructType(fields))


def _map_batches(
    batches: Iterable[Any], *, column: str, into: str, options: Options
) -> Iterator[Any]:
    """In a task: each Arrow batch with its results (`embedfix.arrow`)."""
    import pyarrow as pa

    from embedfix.arrow import _table

    typ = pa.struct(list(schema.arrow()))
    for batch in batches:
        yield _table(pa, batch, column, into, options, typ)


def repair_column(col: Any, **options: Any) -> Any:
    """A column expression: the result of each text of ``col`` (a name or a ``Column``), typed
    by `embedfix.schema.spark`, null where the text is null. The options are checked here."""
    _libraries("repair_column")
    checked = check_options("repair_column", options)
    functions = _need("pyspark.sql.functions", "repair_column", "pyspark")
    return _udf(functions, checked)(col)


def _udf(functions: Any, options: Options, *, arrow: bool | None = None) -> Any:
    """An ``arrow_udf`` (where Spark has it, or ``arrow=True``) or a ``pandas_udf`` repairing a
    column with the checked ``options``."""
    result = schema.spark()
    if arrow is None:
        arrow = hasattr(functions, "arrow_udf")
    if arrow:
        import pyarrow as pa

        def by_arrow(texts: Any) -> Any:
            return _arrow_column(texts, options)

        by_arrow.__annotations__ = {"texts": pa.Array, "return": pa.Array}
        return functions.arrow_udf(by_arrow, result)
    import pandas as pd

    def by_pandas(texts: Any) -> Any:
        return _pandas_column(texts, options)

    by_pandas.__annotations__ = {"texts": pd.Series, "return": pd.DataFrame}
    return functions.pandas_udf(by_pandas, result)


def _arrow_column(texts: Any, options: Options) -> Any:
    import pyarrow as pa

    from embedfix.arrow import _array

    return _array(pa, texts, options, pa.struct(list(schema.arrow())))


def _pandas_column(texts: Any, options: Options) -> Any:
    """The results of a pandas Series of texts as the DataFrame a struct ``pandas_udf`` returns:
    a missing text (None, NaN) gives a row of nulls."""
    import pandas as pd

    names = [c.name for c in schema.describe().fields]
    values = [None if is_missing(t) else t for t in texts]
    empty = dict.fromkeys(names)
    out = [r if r is not None else empty for r in rows(values, options)]
    return pd.DataFrame.from_records(out, columns=names, index=texts.index)
