"""`embedfix.datatrove.EmbedfixRepair` in a real datatrove pipeline (``LocalPipelineExecutor``).

The corpus (`engine_corpus`) is read from Parquet by datatrove's own reader, repaired by the step
and written by its ``ParquetWriter`` with `EmbedfixRepair.parquet_schema`; each document read
back is compared with ``repair(...)``: the body in ``text``, ``to_dict()``'s other keys in the
metadata, record for record, and the writer's type with ``to_dict()``'s keys.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("datatrove", reason="datatrove is in the test extra, not installed here")

from datatrove.data import Document as TroveDocument  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import ParquetReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter, ParquetWriter  # noqa: E402

import embedfix  # noqa: E402
from embedfix.datatrove import EmbedfixRepair  # noqa: E402
from engine_corpus import (  # noqa: E402
    COUNT,
    EXAMPLES,
    arrow_paths,
    check_recipe_output,
    expected,
    expected_row,
    recipe,
    result_keys,
    texts,
    write_parquet,
)

pytestmark = pytest.mark.filterwarnings(
    "ignore::DeprecationWarning", "ignore::ResourceWarning", "ignore::FutureWarning"
)


def execute(pipeline: list[Any], folder: Path) -> dict[str, Any]:
    """Run ``pipeline`` in one local task; the step's stats from datatrove's stats file."""
    LocalPipelineExecutor(pipeline, tasks=1, logging_dir=str(folder / "logs")).run()
    stats = json.loads((folder / "logs" / "stats.json").read_text())
    return next(s["stats"] for s in stats if "embedfix" in s["name"])


def total(stats: dict[str, Any], key: str) -> int:
    """A counter of datatrove's stats (written as a bare number when every update added 1)."""
    value = stats[key]
    return int(value if isinstance(value, (int, float)) else value["total"])


def read_back(folder: Path) -> list[dict[str, Any]]:
    return pq.read_table(folder).to_pylist()


def test_the_pipeline_from_parquet_to_parquet(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    table = pq.read_table(write_parquet(tmp_path / "corpus.parquet"))
    # datatrove's Document.id is a str, and its reader passes the column's values on as they are
    pq.write_table(
        table.set_column(0, "id", table.column("id").cast(pa.string())), src / "c.parquet"
    )
    step = EmbedfixRepair()
    schema = step.parquet_schema({"file_path": pa.string()})
    key_type = schema.field("metadata").type.field("embedfix").type
    assert arrow_paths(key_type) == result_keys() - {"body"}
    stats = execute(
        [
            ParquetReader(str(src)),
            step,
            ParquetWriter(str(tmp_path / "out"), schema=schema),
        ],
        tmp_path,
    )
    rows = read_back(tmp_path / "out")
    # datatrove's reader leaves out documents without text (null or empty) before any step
    kept = [i for i, t in enumerate(texts()) if t]
    assert [int(r["id"]) for r in rows] == kept
    for row in rows:
        want = expected()[int(row["id"])]
        assert want is not None
        assert row["text"] == want["body"]
        assert row["metadata"]["embedfix"] == {k: v for k, v in want.items() if k != "body"}
        assert row["metadata"]["file_path"].endswith("c.parquet")
    docs = [embedfix.repair(texts()[i]) for i in kept]  # type: ignore[arg-type]
    assert total(stats, "documents") == len(kept)
    assert total(stats, "quotes") == sum(len(d.quotes) for d in docs)
    assert total(stats, "quotes_twitter") == sum(
        q.platform == "twitter" for d in docs for q in d.quotes
    )
    assert total(stats, "mojibake") == sum(d.damage.mojibake for d in docs)


def test_empty_texts_the_source_kept_and_embeds_alone_dropped(tmp_path: Path) -> None:
    """Documents handed to the step directly (empty texts included), with ``keep_source`` and
    ``drop_embed_only``, written as JSON Lines."""
    alone = "We won! — Jane Doe (@janedoe) May 2, 2019\n"
    chosen = [*[t for t in texts() if t is not None][:COUNT:7], alone, ""]
    docs = [TroveDocument(text=t, id=str(i)) for i, t in enumerate(chosen)]
    stats = execute(
        [
            docs,
            EmbedfixRepair(keep_source=True, drop_embed_only=True, placeholder="[{n}]"),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tmp_path,
    )
    lines = (tmp_path / "out" / "00000.jsonl").read_text().splitlines()
    out = {r["id"]: r for r in map(json.loads, lines)}
    assert str(chosen.index(alone)) not in out
    assert total(stats, "dropped_embed_only") == 1
    assert len(out) == len(chosen) - 1
    for key, row in out.items():
        text = chosen[int(key)]
        doc = embedfix.Document.from_dict(
            row["metadata"]["embedfix"] | {"body": row.get("text", "")}
        )
        assert doc == embedfix.repair(text, placeholder="[{n}]"), key
    assert expected_row("") is not None


def test_options_are_checked_when_the_step_is_made() -> None:
    with pytest.raises(ValueError, match="unknown platform"):
        EmbedfixRepair(platforms=["myspace"])
    with pytest.raises(TypeError, match=r"unknown option\(s\) \['placholder'\]"):
        EmbedfixRepair(placholder="x")


def test_the_schema_without_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError) as raised:
        EmbedfixRepair().parquet_schema()
    assert str(raised.value) == (
        "EmbedfixRepair.parquet_schema() needs pyarrow: pip install 'embedfix[arrow]'"
    )


def test_the_recipe(tmp_path: Path) -> None:
    recipe("datatrove_recipe").run(EXAMPLES, tmp_path / "out", tmp_path / "logs")
    rows = read_back(tmp_path / "out")
    results = {r["id"]: {**r["metadata"]["embedfix"], "body": r.get("text") or ""} for r in rows}
    check_recipe_output(results, skip_textless=True)
