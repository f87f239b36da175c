"""``embedfix repair in.parquet -o out.parquet``: Parquet in and out, batch by batch, in order."""

from __future__ import annotations

from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from embedfix import cli  # noqa: E402
from embedfix.cli import parquet  # noqa: E402
from engine_corpus import (  # noqa: E402
    COUNT,
    by_id,
    check_rows,
    expected_row,
    texts,
    write_parquet,
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_parquet(tmp_path / "corpus.parquet", row_group_size=70)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_row_in_order_with_the_input_columns(
    corpus: Path, tmp_path: Path, jobs: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parquet, "BATCH_ROWS", 32)
    out = tmp_path / "out.parquet"
    assert cli.main(["repair", str(corpus), "-o", str(out), "--jobs", jobs]) == 0
    table = pq.read_table(out)
    assert table.schema.names == ["id", "text", "embedfix"]
    assert table.column("id").to_pylist() == list(range(COUNT))
    assert table.column("text").to_pylist() == list(texts())
    check_rows(by_id(table))
    # streamed: written as read, one batch (within one input row group) at a time
    assert pq.ParquetFile(out).num_row_groups == sum(-(-n // 32) for n in (70,) * 4 + (20,))


def test_two_inputs_into_columns_with_options(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.pq"
    argv = ["repair", str(corpus), str(corpus), "-o", str(out), "--into", "", "--lost", "drop"]
    assert cli.main(argv) == 0
    rows = pq.read_table(out).to_pylist()
    assert len(rows) == 2 * COUNT
    for row in rows:
        want = expected_row(texts()[row["id"]], lost="drop")
        got = {k: row[k] for k in ("body", "quotes", "repairs", "damage")}
        assert got == (want or dict.fromkeys(got)), row["id"]


def test_the_text_column_by_field(tmp_path: Path) -> None:
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"content": pa.array(["plain", None], pa.large_string())}), src)
    out = tmp_path / "out.parquet"
    assert cli.main(["repair", str(src), "-o", str(out), "--field", "content"]) == 0
    assert pq.read_table(out).column("embedfix").to_pylist() == [expected_row("plain"), None]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["{src}", "-o", "{tmp}/out.jsonl"], "give -o FILE.parquet"),
        (["{src}"], "give -o FILE.parquet"),
        (["{tmp}/a.jsonl", "-o", "{tmp}/out.parquet"], "needs Parquet input"),
        (["{src}", "{tmp}/a.jsonl", "-o", "{tmp}/o.parquet"], "cannot be mixed"),
        (["{src}", "-o", "{tmp}/o.parquet", "--field", "body"], "no column 'body'"),
        (["{src}", "-o", "{tmp}/o.parquet", "--field", "id"], "'id' is int64, not a string"),
        (["{src}", "-o", "{tmp}/o.parquet", "--format", "text"], "--format text is for JSON"),
        (["{tmp}/a.jsonl", "-o", "{tmp}/o.parquet", "--lang", "xx"], "--lang"),
        (["{tmp}/bad.parquet", "-o", "{tmp}/o.parquet"], "cannot read"),
    ],
)
def test_usage_errors_before_anything_is_written(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n')
    (tmp_path / "bad.parquet").write_text("not parquet")
    args = [a.format(src=corpus, tmp=tmp_path) for a in argv]
    assert cli.main(["repair", *args]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "o.parquet").exists()


@pytest.mark.parametrize(("on_error", "kept"), [("keep", 5), ("skip", 4), ("stop", 2)])
def test_a_text_the_library_fails_on(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    on_error: str,
    kept: int,
) -> None:
    import embedfix.pipeline

    real = embedfix.pipeline._repair

    def failing(text: str, options: object) -> object:
        if text == "boom":
            raise RuntimeError("no luck")
        return real(text, options)  # type: ignore[arg-type]

    monkeypatch.setattr(embedfix.pipeline, "_repair", failing)
    monkeypatch.setattr("embedfix.rows._repair", failing)
    src = tmp_path / "in.parquet"
    values = ["one", None, "boom", "four", "five"]
    pq.write_table(pa.table({"n": list(range(5)), "text": values}), src)
    out = tmp_path / "out.parquet"
    argv = ["repair", str(src), "-o", str(out), "--jobs", "1", "--on-error", on_error]
    assert cli.main(argv) == 1
    assert f"{src}:row 3: repair failed: RuntimeError: no luck" in capsys.readouterr().err
    table = pq.read_table(out)
    assert table.num_rows == kept
    rows = {r["n"]: r for r in table.to_pylist()}
    assert rows[0]["embedfix"] == expected_row("one") and rows[1]["embedfix"] is None
    if on_error == "keep":
        assert rows[2]["text"] == "boom" and rows[2]["embedfix"] is None
    if on_error != "stop":
        assert rows[4]["embedfix"] == expected_row("five")


def test_the_recipe_file(tmp_path: Path) -> None:
    from engine_corpus import EXAMPLES, check_recipe_output

    out = tmp_path / "out.parquet"
    assert cli.main(["repair", str(EXAMPLES / "articles.parquet"), "-o", str(out)]) == 0
    check_recipe_output(by_id(pq.read_table(out), key=str))
