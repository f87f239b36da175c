"""The typed schema of a result, written once and exported to every engine.

`Document.to_dict` gives the same keys for every document, but an engine that infers types from
the values sees ``quotes: list<null>`` in a batch without quotes and a struct in the next one, and
fails (Arrow: "Schema at index 1 was different"; Hugging Face datasets: "Couldn't cast ... to
null"; polars: "dtypes don't match"; Spark: ``CANNOT_INFER_TYPE_FOR_FIELD``). This module gives
the type up front. It is derived from the result dataclasses' fields and their annotations
(`describe`), the same source `to_dict` and `from_dict` read, and rendered for each engine:

- `arrow`: a ``pyarrow.Schema``, every field nullable;
- `features`: Hugging Face ``datasets.Features``;
- `polars`: a ``polars.Struct`` (for ``map_elements(return_dtype=...)``; ``.to_schema()`` for
  ``read_ndjson``);
- `spark`: a ``pyspark.sql.types.StructType``, built from `spark_json` (the same type as plain
  data, ``StructType.jsonValue()``'s form), and `spark_ddl`, its DDL string;
- `json_schema`: a JSON Schema (draft 2020-12) of ``to_dict()``, also shipped as the file
  ``embedfix/document.schema.json``.

Each engine's library is imported only when its function is called: none is a dependency of
embedfix. Dates are typed dates in Arrow, datasets, polars and Spark (build rows with
``to_dict(dates="date")``) and ISO 8601 strings in JSON. Every export leaves ``source`` out
unless ``source=True`` (a corpus row already holds its text), and adds `HtmlDocument`'s ``html``
with ``html=True``.

Examples:
    >>> import embedfix
    >>> print(embedfix.schema.spark_ddl().split(", `quotes`")[0])
    `body` STRING
    >>> [c.name for c in embedfix.schema.describe().fields]
    ['body', 'quotes', 'repairs', 'damage']
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union

from embedfix._extras import need
from embedfix.model import Dates, Document, HtmlDocument, _type_hints

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "JSON_SCHEMA_FILE",
    "Column",
    "Type",
    "arrow",
    "describe",
    "features",
    "json_schema",
    "polars",
    "spark",
    "spark_ddl",
    "spark_json",
]

Kind = Literal["string", "int64", "float64", "bool", "date", "list", "struct"]
"""The engine-neutral types a result is made of."""


@dataclass(frozen=True, slots=True)
class Type:
    """An engine-neutral type: a scalar, a list of one type, or a struct of named columns."""

    kind: Kind
    """What the type is."""
    item: Type | None = None
    """The type of a list's items; None for other kinds."""
    fields: tuple[Column, ...] = ()
    """A struct's columns, in the dataclass's field order; empty for other kinds."""
    values: tuple[str, ...] = ()
    """The only values a string may take (from a ``Literal`` annotation); empty when any."""


@dataclass(frozen=True, slots=True)
class Column:
    """A named field of a struct."""

    name: str
    """The field's name, as the dataclass and `to_dict` have it."""
    type: Type
    """Its type."""
    optional: bool
    """Whether the value may be None (the annotation says ``| None``). Every engine's column is
    nullable whatever this says; the JSON Schema is exact."""
    length: int | None = None
    """For a list of fixed length (a span: ``(start, end)``), that length; else None."""


_SCALARS: dict[Any, Kind] = {
    str: "string",
    int: "int64",
    float: "float64",
    bool: "bool",
    datetime.date: "date",
}


def _column(name: str, hint: Any) -> Column:
    optional = False
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) != 1:  # pragma: no cover - a model change this module must learn
            msg = f"field {name!r}: a union of {args} has no single type"
            raise TypeError(msg)
        optional, hint = True, args[0]
    typ, length = _type(name, hint)
    return Column(name, typ, optional, length)


def _type(name: str, hint: Any) -> tuple[Type, int | None]:
    origin = typing.get_origin(hint)
    if origin is Literal:
        values = typing.get_args(hint)
        return Type("string", values=tuple(str(v) for v in values)), None
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return Type("list", item=_type(name, args[0])[0]), None
        if len(set(args)) == 1:
            return Type("list", item=_type(name, args[0])[0]), len(args)
    if hint in _SCALARS:
        return Type(_SCALARS[hint]), None
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _struct(hint), None
    msg = f"field {name!r}: no schema type for {hint!r}"  # pragma: no cover
    raise TypeError(msg)  # pragma: no cover


def _struct(cls: type) -> Type:
    hints = _type_hints(cls)
    return Type(
        "struct",
        fields=tuple(_column(f.name, hints[f.name]) for f in dataclasses.fields(cls)),
    )


def describe(*, source: bool = False, html: bool = False, dates: Dates = "date") -> Type:
    """The struct type of ``Document.to_dict()`` (of `HtmlDocument` with ``html=True``), derived
    from the dataclass fields; ``source=False`` leaves out the input text; ``dates="iso"`` types
    dates as strings, as JSON holds them (``to_dict()``'s default, the command's output)."""
    if dates not in ("date", "iso"):
        msg = f"dates must be 'date' or 'iso', not {dates!r}"
        raise ValueError(msg)
    described = _struct(HtmlDocument if html else Document)
    described = dataclasses.replace(
        described, fields=tuple(c for c in described.fields if source or c.name != "source")
    )
    return _iso_dates(described) if dates == "iso" else described


def _iso_dates(t: Type) -> Type:
    if t.kind == "date":
        return Type("string")
    if t.item is not None:
        return dataclasses.replace(t, item=_iso_dates(t.item))
    if t.fields:
        fields = tuple(dataclasses.replace(c, type=_iso_dates(c.type)) for c in t.fields)
        return dataclasses.replace(t, fields=fields)
    return t


def _need(module: str, function: str, extra: str) -> Any:
    """``module``, imported; an `ImportError` that says how to install it when it is missing."""
    return need(module, f"embedfix.schema.{function}", repr(extra))


def _build(
    t: Type,
    list_: Callable[[Any], Any],
    struct: Callable[[list[Any]], Any],
    field: Callable[[str, Any], Any],
    scalars: Mapping[Kind, Any],
) -> Any:
    """``t`` as an engine's type object, for the engines whose types nest like ours (Arrow,
    polars): ``list_(item)``, ``struct([field(name, type), ...])``, ``scalars[kind]``."""
    if t.kind == "list":
        assert t.item is not None
        return list_(_build(t.item, list_, struct, field, scalars))
    if t.kind == "struct":
        return struct(
            [field(c.name, _build(c.type, list_, struct, field, scalars)) for c in t.fields]
        )
    return scalars[t.kind]


# --- Arrow ------------------------------------------------------------------------------------


def arrow(*, source: bool = False, html: bool = False, dates: Dates = "date") -> Any:
    """The ``pyarrow.Schema`` of a table of documents, one row per document, every field
    nullable. Rows: ``doc.to_dict(source=False, dates="date")``."""
    pa = _need("pyarrow", "arrow", "embedfix[arrow]")
    scalars: dict[Kind, Any] = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
    }
    document = _build(
        describe(source=source, html=html, dates=dates), pa.list_, pa.struct, pa.field, scalars
    )
    return pa.schema(list(document))  # the document struct's fields, as top-level columns


# --- Hugging Face datasets --------------------------------------------------------------------


def features(*, source: bool = False, html: bool = False, dates: Dates = "date") -> Any:
    """Hugging Face ``datasets.Features`` for ``Dataset.map(..., features=...)``. Rows:
    ``doc.to_dict(source=False, dates="date")``."""
    datasets = _need("datasets", "features", "embedfix[datasets]")
    listed = getattr(datasets, "List", None)

    def render(t: Type) -> Any:
        if t.kind == "list":
            assert t.item is not None
            item = render(t.item)
            return listed(item) if listed is not None else [item]
        if t.kind == "struct":
            return {c.name: render(c.type) for c in t.fields}
        value = {"float64": "float64", "date": "date32"}.get(t.kind, t.kind)
        return datasets.Value(value)

    return datasets.Features(render(describe(source=source, html=html, dates=dates)))


# --- polars -----------------------------------------------------------------------------------


def polars(*, source: bool = False, html: bool = False, dates: Dates = "date") -> pl.Struct:
    """The ``polars.Struct`` of a document, for ``map_elements(..., return_dtype=...)``;
    ``.to_schema()`` on it gives the frame schema for ``polars.read_ndjson``. Values:
    ``doc.to_dict(source=False, dates="date")``."""
    lib = _need("polars", "polars", "embedfix[polars]")
    scalars: dict[Kind, Any] = {
        "string": lib.String,
        "int64": lib.Int64,
        "float64": lib.Float64,
        "bool": lib.Boolean,
        "date": lib.Date,
    }
    document = describe(source=source, html=html, dates=dates)
    struct: pl.Struct = _build(document, lib.List, lib.Struct, lib.Field, scalars)
    return struct


# --- Spark ------------------------------------------------------------------------------------

_SPARK = {
    "string": "string",
    "int64": "long",
    "float64": "double",
    "bool": "boolean",
    "date": "date",
}


def spark_json(
    *, source: bool = False, html: bool = False, dates: Dates = "date"
) -> dict[str, Any]:
    """The Spark ``StructType`` of a document as plain data (the form of
    ``StructType.jsonValue()``; ``StructType.fromJson`` reads it), every field nullable."""

    def render(t: Type) -> Any:
        if t.kind == "list":
            assert t.item is not None
            return {"type": "array", "elementType": render(t.item), "containsNull": True}
        if t.kind == "struct":
            return {
                "type": "struct",
                "fields": [
                    {"name": c.name, "type": render(c.type), "nullable": True, "metadata": {}}
                    for c in t.fields
                ],
            }
        return _SPARK[t.kind]

    rendered: dict[str, Any] = render(describe(source=source, html=html, dates=dates))
    return rendered


def spark(*, source: bool = False, html: bool = False, dates: Dates = "date") -> Any:
    """The ``pyspark.sql.types.StructType`` of a document (needs pyspark), for
    ``spark.createDataFrame(rows, schema=...)``; rows: ``doc.to_dict(source=False,
    dates="date")``."""
    spark_types = _need("pyspark.sql.types", "spark", "pyspark")
    return spark_types.StructType.fromJson(spark_json(source=source, html=html, dates=dates))


def spark_ddl(*, source: bool = False, html: bool = False, dates: Dates = "date") -> str:
    """The Spark DDL string of a document's columns (``spark.read.schema(...)``,
    ``from_json``), names quoted with backticks."""

    def render(t: Any) -> str:
        if isinstance(t, str):
            return {"long": "BIGINT"}.get(t, t.upper())
        if t["type"] == "array":
            return f"ARRAY<{render(t['elementType'])}>"
        inner = ", ".join(f"`{f['name']}`: {render(f['type'])}" for f in t["fields"])
        return f"STRUCT<{inner}>"

    top = spark_json(source=source, html=html, dates=dates)["fields"]
    return ", ".join(f"`{f['name']}` {render(f['type'])}" for f in top)


# --- JSON Schema ------------------------------------------------------------------------------

JSON_SCHEMA_FILE = Path(__file__).with_name("document.schema.json")
"""The JSON Schema of ``Document.to_dict()``, shipped with the package (``json_schema()``, with
``source`` allowed but not required, written out by ``scripts/generate_schema.py``)."""


def json_schema(*, source: bool | None = None, html: bool = False) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of ``to_dict()``: every key required (``source`` required
    with ``source=True``, forbidden with ``False``, allowed with None), dates ISO strings."""

    def render(t: Type) -> dict[str, Any]:
        if t.kind == "list":
            assert t.item is not None
            return {"type": "array", "items": render(t.item)}
        if t.kind == "struct":
            return {
                "type": "object",
                "properties": {c.name: column(c) for c in t.fields},
                "required": [c.name for c in t.fields],
                "additionalProperties": False,
            }
        if t.kind == "date":
            return {"type": "string", "format": "date"}
        out: dict[str, Any] = {
            "type": {"int64": "integer", "float64": "number", "bool": "boolean"}.get(t.kind, t.kind)
        }
        if t.values:
            out["enum"] = list(t.values)
        return out

    def column(c: Column) -> dict[str, Any]:
        out = render(c.type)
        if c.length is not None:
            out["minItems"] = out["maxItems"] = c.length
        if c.optional:
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
        return out

    document = render(describe(source=source is not False, html=html))
    if source is None:
        document["required"].remove("source")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "embedfix HtmlDocument" if html else "embedfix Document",
        **document,
    }


def json_schema_text() -> str:
    """The text of `JSON_SCHEMA_FILE`, as ``scripts/generate_schema.py`` writes it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
