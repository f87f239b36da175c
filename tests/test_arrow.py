"""`embedfix.arrow`: texts to typed results over Arrow arrays, tables and streams of batches."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pa = pytest.importorskip("pyarrow")

import embedfix  # noqa: E402
from embedfix import arrow  # noqa: E402
from engine_corpus import (  # noqa: E402
    COUNT,
    EXAMPLES,
    arrow_paths,
    by_id,
    check_corpus_shape,
    check_recipe_output,
    check_rows,
    expected_row,
    recipe,
    result_keys,
    texts,
)

SRC = Path(__file__).resolve().parents[1] / "src"
TWEET = "Read this.\nWe won! — Jane Doe (@janedoe) May 2, 2019\nMore."


def table() -> pa.Table:
    return pa.table({"id": pa.array(range(COUNT), pa.int64()), "text": pa.array(texts())})


def test_the_corpus_has_every_case() -> None:
    check_corpus_shape()


def test_the_result_type_names_every_key_of_to_dict() -> None:
    assert arrow_paths(arrow.result_type()) == result_keys()


def test_repair_array_gives_repairs_rows_null_for_null() -> None:
    out = arrow.repair_array(pa.array(texts()))
    assert out.type == arrow.result_type()
    assert out.null_count == texts().count(None)
    check_rows(dict(enumerate(out.to_pylist())))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.none() | st.sampled_from(texts()), max_size=40))
def test_the_columns_built_at_once_are_the_rows_arrow_would_build(picked: list[str | None]) -> None:
    # repair_array builds the struct a column at a time from the results; pa.array over the
    # to_dict rows is the plain way, and any mix of texts (nulls first or last, batches without
    # quotes, without repairs, every platform) must give the same array, nulls and all
    rows = [expected_row(t) for t in picked]
    out = arrow.repair_array(pa.array(picked, pa.string()))
    out.validate(full=True)
    assert out.equals(pa.array(rows, type=arrow.result_type()))


@pytest.mark.parametrize("kind", ["large_string", "string_view", "dictionary"])
def test_every_arrow_string_type_is_read(kind: str) -> None:
    plain = pa.array([TWEET, None, ""])
    if kind == "dictionary":
        column = plain.dictionary_encode()
    else:
        if not hasattr(pa, kind):
            pytest.skip(f"this pyarrow has no {kind}")
        column = plain.cast(getattr(pa, kind)())
    assert arrow.repair_array(column).to_pylist() == [expected_row(t) for t in (TWEET, None, "")]


def test_a_python_list_and_a_chunked_array() -> None:
    assert arrow.repair_array([TWEET, None]).to_pylist() == [expected_row(TWEET), None]
    chunked = pa.chunked_array([[TWEET], [], [None, "plain text"]])
    out = arrow.repair_array(chunked)
    assert isinstance(out, pa.ChunkedArray)
    assert [len(c) for c in out.chunks] == [1, 0, 2]
    assert out.to_pylist() == [expected_row(t) for t in (TWEET, None, "plain text")]


def test_options_are_applied_and_checked_before_any_text() -> None:
    out = arrow.repair_array(pa.array([TWEET]), placeholder="[embed {n}]", lost="drop")
    assert out.to_pylist() == [expected_row(TWEET, placeholder="[embed {n}]", lost="drop")]
    with pytest.raises(ValueError, match="lost must be"):
        arrow.repair_array(pa.array([TWEET]), lost="lose")
    with pytest.raises(TypeError, match=r"unknown option\(s\) \['placholder'\]"):
        arrow.repair_array(pa.array([TWEET]), placholder="x")

    def never() -> object:
        raise AssertionError("a batch was read before the options were checked")
        yield

    with pytest.raises(ValueError, match="unknown platform"):
        arrow.repair_batches(never(), platforms=["myspace"])


def test_wrong_input_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="string column, not int64"):
        arrow.repair_array(pa.array([1, 2]))
    with pytest.raises(TypeError, match="not str"):
        arrow.repair_array(TWEET)
    with pytest.raises(TypeError, match="got bytes"):
        arrow.repair_array([b"bytes"])
    with pytest.raises(ValueError, match="no column 'body' in the batch; its columns: id, text"):
        arrow.repair_table(table(), column="body")
    with pytest.raises(TypeError, match="RecordBatch or Table"):
        arrow.repair_table({"text": [TWEET]})


def test_repair_table_adds_one_struct_column_and_keeps_the_rest() -> None:
    out = arrow.repair_table(table())
    assert out.schema.names == ["id", "text", "embedfix"]
    assert out.column("id").equals(table().column("id"))
    assert out.column("text").equals(table().column("text"))
    check_rows(by_id(out))
    again = arrow.repair_table(out.select(["embedfix", "id", "text"]), into="embedfix")
    assert again.schema.names == ["embedfix", "id", "text"]  # replaced where it stood
    assert again.column("embedfix").equals(out.column("embedfix"))


def test_into_nothing_adds_the_fields_as_columns() -> None:
    batch = table().to_batches()[0]
    out = arrow.repair_table(batch, into="")
    assert isinstance(out, pa.RecordBatch)
    assert out.schema.names == ["id", "text", "body", "quotes", "repairs", "damage"]
    rows = out.to_pylist()
    for row, text in zip(rows, batch.column("text").to_pylist(), strict=True):
        want = expected_row(text) or dict.fromkeys(["body", "quotes", "repairs", "damage"])
        assert {k: row[k] for k in want} == want
    with pytest.raises(ValueError, match=r"overwrite the column\(s\) \['body'\]"):
        arrow.repair_table(pa.table({"text": ["a"], "body": ["b"]}), into="")


def test_repair_batches_is_lazy_and_keeps_the_batches() -> None:
    seen = []

    def batches():  # type: ignore[no-untyped-def]
        for batch in table().to_batches(max_chunksize=64):
            seen.append(batch.num_rows)
            yield batch

    stream = arrow.repair_batches(batches())
    assert not seen
    first = next(stream)
    assert seen == [64] and first.num_rows == 64
    rest = list(stream)
    out = pa.Table.from_batches([first, *rest])
    check_rows(by_id(out))


def test_nothing_is_imported_until_called_and_a_missing_pyarrow_names_the_extra() -> None:
    script = textwrap.dedent(
        """
        import sys
        import embedfix, embedfix.arrow, embedfix.spark, embedfix.rows
        loaded = [m for m in ("pyarrow", "pyspark", "pandas", "datatrove") if m in sys.modules]
        assert not loaded, loaded
        sys.modules["pyarrow"] = None
        for call in (lambda: embedfix.arrow.repair_array(["x"]),
                     lambda: embedfix.spark.repair_dataframe(None)):
            try:
                call()
            except ImportError as exc:
                print(exc)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC)},
        check=True,
    )
    assert done.stdout.splitlines() == [
        "embedfix.arrow.repair_array() needs pyarrow: pip install 'embedfix[arrow]'",
        "embedfix.spark.repair_dataframe() needs pyarrow: pip install 'embedfix[spark]'",
    ]


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("pandas", "embedfix.spark.result_type() needs pandas: pip install 'embedfix[spark]'"),
        (
            "pyspark.sql.types",
            "embedfix.spark.result_type() needs pyspark: pip install pyspark (or use the cluster's own)",
        ),
    ],
)
def test_spark_names_the_missing_library_and_what_to_install(
    missing: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from embedfix import spark

    if missing != "pandas":
        pytest.importorskip("pandas")  # checked before pyspark
    monkeypatch.setitem(sys.modules, missing, None)  # as if it were not installed
    with pytest.raises(ImportError) as caught:
        spark.result_type()
    assert str(caught.value) == message


def test_a_result_read_back_is_the_document() -> None:
    out = arrow.repair_array(pa.array(texts())).to_pylist()
    for text, row in zip(texts(), out, strict=True):
        if text is not None:
            assert embedfix.Document.from_dict(row, source=text) == embedfix.repair(text)


def test_the_recipe(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    recipe("arrow_recipe").run(EXAMPLES / "articles.parquet", tmp_path / "out.parquet")
    check_recipe_output(by_id(pq.read_table(tmp_path / "out.parquet"), key=str))


def test_the_recipes_file_is_what_its_script_writes() -> None:
    import pyarrow.parquet as pq

    articles = pq.read_table(EXAMPLES / "articles.parquet").column("text").to_pylist()
    assert articles == recipe("make_articles").ARTICLES, "run examples/engines/make_articles.py"
