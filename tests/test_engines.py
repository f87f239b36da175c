"""Results through the engines users run embedfix in, typed by `embedfix.schema` alone.

10,000 documents (`corpus_gen`): the first 1,000 without an embed, then embeds of every platform,
mojibake and ``?`` runs only in the last tenth: the shape that made type inference fail (a first
batch infers ``quotes: list<null>``, a late mojibake row brings the first ``repairs`` struct).
Each engine gets the schema from `embedfix.schema` and no type written by hand; each result read
back from the engine is the document `repair` gives (`Document.from_dict`), so nothing was lost
or changed on the way.
"""

from __future__ import annotations

import collections
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import embedfix
from corpus_gen import PLATFORMS, documents
from embedfix import Document

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")  # nothing here needs the network

COUNT = 10_000
BATCH = 1_000


@cache
def texts() -> tuple[str, ...]:
    return tuple(documents(COUNT, quote_free=BATCH))


@cache
def expected() -> tuple[Document, ...]:
    return tuple(embedfix.repair(t) for t in texts())


def row(text: str) -> dict[str, Any]:
    """What a user maps over a column: the result, without the text, dates typed."""
    return embedfix.repair(text).to_dict(source=False, dates="date")


def test_the_corpus_has_the_shape_that_broke_inference() -> None:
    docs = expected()
    assert not any(d.quotes for d in docs[:BATCH])
    found = collections.Counter(q.platform for d in docs for q in d.quotes)
    assert set(found) >= set(PLATFORMS), found
    moji = [i for i, d in enumerate(docs) if d.damage.mojibake]
    assert moji and min(moji) >= COUNT - COUNT // 10
    assert any(r.kind == "lost" for d in docs for r in d.repairs)
    assert not any(d.repairs for d in docs[:BATCH])


def assert_same_documents(results: list[dict[str, Any]], step: int = 7) -> None:
    """Every ``step``-th result (and every late one) read back equals `repair`'s document."""
    assert len(results) == COUNT
    docs, source = expected(), texts()
    late = range(COUNT - COUNT // 10, COUNT)
    for i in sorted({*range(0, COUNT, step), *late}):
        assert Document.from_dict(results[i], source=source[i]) == docs[i], i


def test_datasets_map_with_the_schema_features() -> None:
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_dict({"text": list(texts())})
    features = datasets.Features({**ds.features, **embedfix.schema.features()})
    out = ds.map(lambda r: row(r["text"]), features=features, num_proc=2)
    assert out.features == features
    assert out.features["quotes"] == embedfix.schema.features()["quotes"]
    results = out.remove_columns(["text"]).to_list()
    assert_same_documents(results)


def test_arrow_batches_into_one_parquet_file(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    schema = embedfix.schema.arrow()
    path = tmp_path / "docs.parquet"
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, COUNT, BATCH):
            batch = [row(t) for t in texts()[start : start + BATCH]]
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    table = pq.read_table(path)
    assert table.schema == schema
    assert table.num_rows == COUNT
    assert_same_documents(table.to_pylist())


def test_polars_map_elements_with_the_schema_dtype() -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame({"text": list(texts())})
    out = frame.with_columns(
        pl.col("text").map_elements(row, return_dtype=embedfix.schema.polars()).alias("embedfix")
    )
    assert out.schema["embedfix"] == embedfix.schema.polars()
    assert_same_documents(out["embedfix"].to_list())


# --- The command's output, read back -------------------------------------------------------------


@cache
def cli_output(directory: str) -> Path:
    """The command run over 2,000 documents (the first 1,000 quote-free, the rest from the tail:
    embeds and damage): its JSON Lines output."""
    from embedfix import cli

    chosen = [*texts()[:BATCH], *texts()[-BATCH:]]
    src = Path(directory) / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in chosen),
        encoding="utf-8",
    )
    out = Path(directory) / "out.jsonl"
    assert cli.main(["repair", str(src), "-o", str(out), "--jobs", "1", "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Document]]:
    chosen = [*expected()[:BATCH], *expected()[-BATCH:]]
    return cli_output(str(tmp_path_factory.mktemp("cli"))), chosen


def check_read_back(results: list[dict[str, Any]], docs: list[Document]) -> None:
    assert len(results) == len(docs)
    for got, want in zip(results, docs, strict=True):
        assert Document.from_dict(got, source=want.source) == want


def test_cli_output_read_by_polars(output: tuple[Path, list[Document]]) -> None:
    pl = pytest.importorskip("polars")
    path, docs = output
    frame = pl.read_ndjson(path, schema_overrides={"embedfix": embedfix.schema.polars()})
    assert frame.schema["embedfix"] == embedfix.schema.polars()
    check_read_back(frame["embedfix"].to_list(), docs)


def test_cli_output_read_by_pyarrow_json(output: tuple[Path, list[Document]]) -> None:
    """Arrow's JSON reader does not parse dates from strings: it reads the schema's JSON form
    (``dates="iso"``) and the column is cast to the typed schema."""
    pa = pytest.importorskip("pyarrow")
    pj = pytest.importorskip("pyarrow.json")
    path, docs = output
    as_json = pa.struct(list(embedfix.schema.arrow(dates="iso")))
    options = pj.ParseOptions(
        explicit_schema=pa.schema([("embedfix", as_json)]), unexpected_field_behavior="infer"
    )
    column = pj.read_json(path, parse_options=options).column("embedfix")
    typed = column.cast(pa.struct(list(embedfix.schema.arrow())))
    check_read_back(typed.to_pylist(), docs)


def test_cli_output_read_by_datasets_load_dataset(
    output: tuple[Path, list[Document]], tmp_path: Path
) -> None:
    datasets = pytest.importorskip("datasets")
    path, docs = output
    features = datasets.Features(
        {"text": datasets.Value("string"), "embedfix": embedfix.schema.features()}
    )
    ds = datasets.load_dataset(
        "json", data_files=str(path), features=features, split="train", cache_dir=str(tmp_path)
    )
    assert ds.features == features
    check_read_back(ds["embedfix"], docs)
