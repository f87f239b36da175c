"""`repair` over Arrow: a column of texts in, a typed column of results out, null for null.

For every engine that hands out Arrow batches: Ray Data (``map_batches(batch_format="pyarrow")``),
Hugging Face datasets (``with_format("arrow").map(batched=True)``), Dask with ``pd.ArrowDtype``
columns, DuckDB, polars (``to_arrow``), and Spark (`embedfix.spark` is built on this module).

- `repair_array`: texts (``string``, ``large_string`` or ``string_view``; nulls allowed) to a
  struct column of `embedfix.schema.arrow`'s type, one result per text, null where the text is
  null; an empty text is a document (empty body, no quote).
- `repair_table`: a ``RecordBatch`` or ``Table`` with its ``column`` of texts, given back with
  the results added as one struct column ``into`` (``into=""`` adds the result's fields as
  top-level columns instead).
- `repair_batches`: the same over an iterable of batches, lazily (constant memory).

The options are `repair`'s, checked once at the call, before any text is read: a wrong one fails
there, not on some later batch. The results' type comes from `embedfix.schema` and is given to
Arrow up front, so a first batch without quotes cannot make a ``list<null>`` column, and no key of
``to_dict()`` can be left out silently. pyarrow is imported at the first call (``pip install
'embedfix[arrow]'``).

>>> import pyarrow as pa
>>> from embedfix.arrow import repair_array
>>> texts = pa.array(["Read this.\\nWe won! — Jane Doe (@janedoe) May 2, 2019\\nMore.", None, ""])
>>> out = repair_array(texts)
>>> [r and (r["body"], len(r["quotes"])) for r in out.to_pylist()]
[('Read this.\\nMore.', 1), None, ('', 0)]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain
from operator import attrgetter
from typing import Any, TypeVar

from embedfix import schema
from embedfix._extras import need
from embedfix.options import Options
from embedfix.rows import check_options, documents

__all__ = ["repair_array", "repair_batches", "repair_table", "result_type"]

_B = TypeVar("_B")


def _pyarrow(function: str) -> Any:
    """pyarrow, or an `ImportError` that names the extra to install."""
    return need("pyarrow", f"embedfix.arrow.{function}", "'embedfix[arrow]'")


def result_type() -> Any:
    """The ``pyarrow.StructType`` of one result (`embedfix.schema.arrow`'s fields as a struct)."""
    pa = _pyarrow("result_type")
    return pa.struct(list(schema.arrow()))


def repair_array(texts: Any, **options: Any) -> Any:
    """A ``StructArray`` of the results of ``texts`` (an Arrow string array, a ``ChunkedArray``,
    whose result is chunked alike, or a sequence of ``str``/None), null where a text is null.
    ``options`` are `repair`'s, checked once, before any text is read."""
    pa = _pyarrow("repair_array")
    return _array(pa, texts, check_options("repair_array", options), result_type())


def _array(pa: Any, texts: Any, options: Options, typ: Any) -> Any:
    if isinstance(texts, pa.ChunkedArray):
        _check_type(pa, texts.type)
        chunks = [_array(pa, chunk, options, typ) for chunk in texts.chunks]
        return pa.chunked_array(chunks, type=typ)
    if isinstance(texts, pa.Array):
        _check_type(pa, texts.type)
        values: Sequence[Any] = texts.to_pylist()
    elif isinstance(texts, (str, bytes)) or not isinstance(texts, Iterable):
        msg = (
            f"texts must be an Arrow string array or a sequence of str, not {type(texts).__name__}"
        )
        raise TypeError(msg)
    else:
        values = list(texts)
    return _column(pa, schema.describe(), documents(values, options), typ)


def _column(pa: Any, described: schema.Type, values: list[Any], typ: Any) -> Any:
    """The Arrow array of ``values`` (results, their fields' values, or None), of the type
    ``described`` rendered as ``typ``, built a column at a time: a struct from one array per
    field (the field read from every value at once), a list from its items' array and offsets,
    a scalar by ``pa.array``. No dict is made per result and Arrow walks no nested Python
    objects, which is what made ``pa.array(to_dict rows)`` cost a tenth of the repair itself."""
    if described.kind == "struct":
        nulls = [v is None for v in values]
        mask = pa.array(nulls, pa.bool_()) if any(nulls) else None
        fields = list(typ)
        children = []
        for column, field in zip(described.fields, fields, strict=True):
            get = attrgetter(column.name)
            got = (
                [None if v is None else get(v) for v in values] if mask else list(map(get, values))
            )
            children.append(_column(pa, column.type, got, field.type))
        return pa.StructArray.from_arrays(children, fields=fields, mask=mask)
    if described.kind == "list":
        assert described.item is not None
        mask = None
        if None in values:
            mask = pa.array([v is None for v in values], pa.bool_())
            values = [() if v is None else v for v in values]
        offsets = pa.array([0, *accumulate(map(len, values))], pa.int32())
        items = _column(pa, described.item, list(chain.from_iterable(values)), typ.value_type)
        return pa.ListArray.from_arrays(offsets, items, type=typ, mask=mask)
    return pa.array(values, type=typ)


def _check_type(pa: Any, typ: Any) -> None:
    if pa.types.is_dictionary(typ):
        typ = typ.value_type
    if not (
        pa.types.is_string(typ)
        or pa.types.is_large_string(typ)
        or pa.types.is_null(typ)
        or getattr(pa.types, "is_string_view", lambda _t: False)(typ)
    ):
        msg = f"the texts must be an Arrow string column, not {typ}"
        raise TypeError(msg)


def repair_table(batch: _B, *, column: str = "text", into: str = "embedfix", **options: Any) -> _B:
    """``batch`` (a ``RecordBatch`` or a ``Table``) with the results of its ``column`` added as
    the struct column ``into`` (replacing a column of that name), or, with ``into=""``, as
    top-level columns ``body``, ``quotes``, ``repairs`` and ``damage`` (a clash with an existing
    column is a `ValueError`). ``options`` are `repair`'s, checked before anything is read."""
    pa = _pyarrow("repair_table")
    out: _B = _table(pa, batch, column, into, check_options("repair_table", options), result_type())
    return out


def repair_batches(
    batches: Iterable[_B], *, column: str = "text", into: str = "embedfix", **options: Any
) -> Iterator[_B]:
    """`repair_table` on each of ``batches``, lazily, one batch in memory at a time. The options
    are checked at the call, before the first batch is read."""
    pa = _pyarrow("repair_batches")
    checked = check_options("repair_batches", options)
    typ = result_type()
    return (_table(pa, batch, column, into, checked, typ) for batch in batches)


def _table(pa: Any, batch: Any, column: str, into: str, options: Options, typ: Any) -> Any:
    if not isinstance(batch, (pa.RecordBatch, pa.Table)):
        msg = f"expected a pyarrow RecordBatch or Table, not {type(batch).__name__}"
        raise TypeError(msg)
    names = batch.schema.names
    if column not in names:
        msg = f"no column {column!r} in the batch; its columns: {', '.join(names)}"
        raise ValueError(msg)
    results = _array(pa, batch.column(column), options, typ)
    if into:
        fields, arrays = [pa.field(into, typ)], [results]
    else:
        fields = list(typ)
        if isinstance(results, pa.ChunkedArray):
            arrays = [
                pa.chunked_array([c.flatten()[i] for c in results.chunks], type=f.type)
                for i, f in enumerate(fields)
            ]
        else:
            arrays = results.flatten()
        clash = [f.name for f in fields if f.name in names]
        if clash:
            msg = f"into='' would overwrite the column(s) {clash}; give into= a new name"
            raise ValueError(msg)
    schema_, columns = batch.schema, list(batch.columns)
    for field, array in zip(fields, arrays, strict=True):
        if field.name in schema_.names:
            at = schema_.get_field_index(field.name)
            schema_, columns[at] = schema_.set(at, field), array
        else:
            schema_, columns = schema_.append(field), [*columns, array]
    kind = pa.Table if isinstance(batch, pa.Table) else pa.RecordBatch
    return kind.from_arrays(columns, schema=schema_)
