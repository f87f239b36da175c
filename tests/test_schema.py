"""`embedfix.schema`: derived from the result dataclasses, concrete everywhere, the same in every
export; `to_dict` fits it and `from_dict` reads it back."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import embedfix
from corpus_gen import documents
from embedfix import Damage, Document, HtmlDocument, Quote, Repair, schema
from embedfix.testing import articles_with_embeds

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"

# --- Derived from the dataclasses ---------------------------------------------------------------


def test_every_dataclass_field_is_a_column_in_field_order() -> None:
    described = schema.describe(source=True)
    assert [c.name for c in described.fields] == [f.name for f in dataclasses.fields(Document)]
    nested = {c.name: c.type for c in described.fields}
    quote = nested["quotes"].item
    repair = nested["repairs"].item
    assert quote is not None and repair is not None
    assert [c.name for c in quote.fields] == [f.name for f in dataclasses.fields(Quote)]
    assert [c.name for c in repair.fields] == [f.name for f in dataclasses.fields(Repair)]
    assert [c.name for c in nested["damage"].fields] == [f.name for f in dataclasses.fields(Damage)]
    assert [c.name for c in schema.describe(html=True).fields][-1] == "html"


def test_optional_and_literal_annotations_are_read() -> None:
    quote = schema.describe().fields[1].type.item
    assert quote is not None
    columns = {c.name: c for c in quote.fields}
    assert columns["text"].optional and not columns["raw"].optional
    assert columns["date"].type.kind == "date"
    assert columns["span"].length == 2 and columns["span"].type.item is not None
    assert set(columns["platform"].type.values) == set(typing.get_args(embedfix.model.Platform))
    assert set(embedfix.PLATFORMS) <= set(columns["platform"].type.values)


def walk_arrow(t: Any) -> list[Any]:
    pa = pytest.importorskip("pyarrow")
    out = [t]
    if pa.types.is_list(t):
        out += walk_arrow(t.value_type)
    elif pa.types.is_struct(t):
        for field in t:
            assert field.nullable
            out += walk_arrow(field.type)
    return out


def test_arrow_has_no_null_type_and_every_field_nullable() -> None:
    pa = pytest.importorskip("pyarrow")
    arrow = schema.arrow(source=True, html=True)
    types = walk_arrow(pa.struct(list(arrow)))
    assert not any(pa.types.is_null(t) for t in types)
    assert pa.date32() in types
    assert pa.date32() not in walk_arrow(pa.struct(list(schema.arrow(dates="iso"))))
    assert "source" not in arrow.names or "source" in schema.arrow(source=True).names
    assert "source" not in schema.arrow().names


def test_inference_alone_fails_on_a_quote_free_first_batch() -> None:
    """Why the schema exists: Arrow infers ``list<null>`` from a batch without quotes."""
    pa = pytest.importorskip("pyarrow")
    rows = [embedfix.repair(t).to_dict(source=False, dates="date") for t in documents(1200)]
    first, later = pa.Table.from_pylist(rows[:1000]), pa.Table.from_pylist(rows[1000:])
    assert pa.types.is_null(first.schema.field("quotes").type.value_type)
    assert first.schema != later.schema
    typed = [pa.Table.from_pylist(b, schema=schema.arrow()) for b in (rows[:1000], rows[1000:])]
    assert pa.concat_tables(typed).num_rows == 1200


def test_the_engines_libraries_are_imported_only_when_asked() -> None:
    code = (
        "import sys, embedfix, embedfix.schema as s; s.describe(); s.spark_ddl(); s.json_schema();"
        "print(sorted(m for m in ('pyarrow', 'polars', 'datasets', 'pyspark') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- Spark, checked against Arrow field by field (pyspark is not installed in CI) ------------------

SPARK_OF_ARROW = {
    "string": "string",
    "int64": "long",
    "double": "double",
    "bool": "boolean",
    "date32[day]": "date",
}


def assert_same_type(arrow_type: Any, spark_type: Any, where: str) -> None:
    pa = pytest.importorskip("pyarrow")
    if pa.types.is_list(arrow_type):
        assert spark_type["type"] == "array", where
        assert spark_type["containsNull"] is True, where
        assert_same_type(arrow_type.value_type, spark_type["elementType"], f"{where}[]")
    elif pa.types.is_struct(arrow_type):
        assert spark_type["type"] == "struct", where
        assert [f.name for f in arrow_type] == [f["name"] for f in spark_type["fields"]], where
        for a, s in zip(arrow_type, spark_type["fields"], strict=True):
            assert a.nullable and s["nullable"], f"{where}.{a.name}"
            assert_same_type(a.type, s["type"], f"{where}.{a.name}")
    else:
        assert SPARK_OF_ARROW[str(arrow_type)] == spark_type, where


@pytest.mark.parametrize("options", [{}, {"source": True, "html": True}, {"dates": "iso"}])
def test_spark_type_matches_arrow_field_by_field(options: dict[str, Any]) -> None:
    pa = pytest.importorskip("pyarrow")
    arrow = pa.struct(list(schema.arrow(**options)))
    assert_same_type(arrow, schema.spark_json(**options), "document")


def parse_ddl_type(text: str, pos: int) -> tuple[Any, int]:
    """A Spark DDL type at ``pos``: the `spark_json` form and the position after it."""
    if text.startswith("ARRAY<", pos):
        item, pos = parse_ddl_type(text, pos + 6)
        assert text[pos] == ">"
        return {"type": "array", "elementType": item, "containsNull": True}, pos + 1
    if text.startswith("STRUCT<", pos):
        fields, pos = parse_ddl_fields(text, pos + 7, ": ", ">")
        return {"type": "struct", "fields": fields}, pos + 1
    word = re.compile(r"[A-Z]+").match(text, pos)
    assert word is not None, text[pos:]
    return {"BIGINT": "long"}.get(word.group(), word.group().lower()), word.end()


def parse_ddl_fields(text: str, pos: int, sep: str, end: str | None) -> tuple[list[Any], int]:
    fields = []
    while True:
        name = re.compile(r"`([^`]+)`").match(text, pos)
        assert name is not None, text[pos:]
        assert text.startswith(sep, name.end())
        kind, pos = parse_ddl_type(text, name.end() + len(sep))
        fields.append({"name": name.group(1), "type": kind, "nullable": True, "metadata": {}})
        if text.startswith(", ", pos):
            pos += 2
            continue
        assert (end is None and pos == len(text)) or text[pos] == end
        return fields, pos


def test_spark_ddl_reads_back_as_the_spark_type() -> None:
    for options in ({}, {"source": True, "html": True}):
        fields, _ = parse_ddl_fields(schema.spark_ddl(**options), 0, " ", None)
        assert {"type": "struct", "fields": fields} == schema.spark_json(**options)


def test_spark_struct_type_when_pyspark_is_installed() -> None:
    types = pytest.importorskip(
        "pyspark.sql.types", reason="pyspark is not installed (running Spark is issue 19's job)"
    )
    struct = schema.spark()
    assert isinstance(struct, types.StructType)
    assert struct.jsonValue() == schema.spark_json()


# --- JSON Schema --------------------------------------------------------------------------------


def test_the_shipped_json_schema_file_is_current() -> None:
    assert schema.JSON_SCHEMA_FILE.read_text(encoding="utf-8") == schema.json_schema_text(), (
        "run python scripts/generate_schema.py"
    )


def validate(value: Any, spec: dict[str, Any], where: str = "$") -> None:
    """A validator for the part of JSON Schema that `json_schema` writes."""
    kinds = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
    python = {
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "array": list,
        "object": dict,
        "null": type(None),
    }
    assert any(
        isinstance(value, python[k]) and not (k in ("integer", "number") and value is True)
        for k in kinds
    ), f"{where}: {value!r} is not {kinds}"
    if "enum" in spec:
        assert value in spec["enum"], where
    if isinstance(value, str) and spec.get("format") == "date":
        datetime.date.fromisoformat(value)
    if isinstance(value, list):
        assert spec.get("minItems", 0) <= len(value) <= spec.get("maxItems", len(value)), where
        for i, item in enumerate(value):
            validate(item, spec["items"], f"{where}[{i}]")
    if isinstance(value, dict):
        assert set(spec["required"]) <= set(value), where
        assert set(value) <= set(spec["properties"]), where
        for key, item in value.items():
            validate(item, spec["properties"][key], f"{where}.{key}")


@settings(max_examples=60, deadline=None)
@given(articles_with_embeds(), st.booleans())
def test_to_dict_fits_the_json_schema_and_reads_back(article: Any, source: bool) -> None:
    text, _ = article
    doc = embedfix.repair(text)
    data = json.loads(json.dumps(doc.to_dict(source=source)))
    validate(data, schema.json_schema())
    validate(data, schema.json_schema(source=source))
    assert Document.from_dict(data, source=text) == doc
    assert Document.from_dict(doc.to_dict(dates="date"), source=text) == doc


def test_every_corpus_document_fits_and_reads_back() -> None:
    spec = json.loads(schema.JSON_SCHEMA_FILE.read_text(encoding="utf-8"))
    for text in documents(2000, quote_free=100):
        doc = embedfix.repair(text)
        data = json.loads(json.dumps(doc.to_dict()))
        validate(data, spec)
        assert Document.from_dict(data) == doc


def test_html_documents_fit_the_same_schema() -> None:
    page = (
        '<p>Itâ€™s over.</p><blockquote class="twitter-tweet"><p>Itâ€™s over ðŸ˜¬</p>&mdash; '
        'Jane Doe (@janedoe) <a href="https://twitter.com/janedoe/status/1311000000000000000">'
        "October 3, 2020</a></blockquote><p>The end.</p>"
    )
    doc = embedfix.repair_html(page)
    data = json.loads(json.dumps(doc.to_dict()))
    validate(data, schema.json_schema(html=True))
    validate({k: v for k, v in data.items() if k != "html"}, schema.json_schema())
    assert HtmlDocument.from_dict(data) == doc


def test_from_dict_rejects_what_is_not_a_dict() -> None:
    with pytest.raises(TypeError, match=r"Document\.from_dict\(\) takes a dict, not list"):
        Document.from_dict([])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="dates must be 'iso' or 'date'"):
        embedfix.repair("x").to_dict(dates="json")  # type: ignore[arg-type]


def test_every_html_fixture_and_generated_embed_fits_the_schema() -> None:
    """Every platform and kind the HTML readers give is one the `Literal` types (and so the JSON
    Schema's enums) list."""
    from embedfix.testing import sample_embeds

    pages = [p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.html")]
    pages += [e.html for e in sample_embeds(100, seed=15)]
    spec = schema.json_schema(html=True)
    platforms = set()
    for page in pages:
        doc = embedfix.repair_html(page)
        validate(json.loads(json.dumps(doc.to_dict())), spec)
        platforms.update(q.platform for q in doc.quotes)
    assert {"vimeo", "spotify", "telegram", "youtube", "instagram", "facebook"} <= platforms


@pytest.mark.parametrize(
    ("function", "module", "extra"),
    [
        ("arrow", "pyarrow", "embedfix[arrow]"),
        ("features", "datasets", "embedfix[datasets]"),
        ("polars", "polars", "embedfix[polars]"),
        ("spark", "pyspark.sql.types", "pyspark"),
    ],
)
def test_a_missing_engine_says_how_to_install_it(
    function: str, module: str, extra: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # as if it were not installed
    with pytest.raises(ImportError) as caught:
        getattr(schema, function)()
    package = module.split(".")[0]
    assert (
        str(caught.value) == f"embedfix.schema.{function}() needs {package}: pip install '{extra}'"
    )
