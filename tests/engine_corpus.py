"""The small corpus every engine test runs, and the checks they share.

300 texts from `corpus_gen` (the generator of the schema tests), shaped to break an engine's
glue: the first 100 without an embed (so the first batches of every engine are quote-free and
an engine inferring types would see ``quotes: list<null>``), then embeds of every platform,
mojibake and ``?`` runs in the last tenth, plus null texts and empty texts at the start, in the
middle and at the end. Each engine's output is compared, record for record, with
``repair(text).to_dict(source=False, dates="date")`` (None for a null text), and the engine's
result type with the keys ``to_dict()`` gives, recursively, so that no key can vanish.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import embedfix
from corpus_gen import PLATFORMS, documents

COUNT = 300
QUOTE_FREE = 100
NULLS = (2, 150, COUNT - 2)
EMPTIES = (3, 151, COUNT - 1)


@cache
def texts() -> tuple[str | None, ...]:
    out: list[str | None] = list(documents(COUNT, quote_free=QUOTE_FREE))
    for i in NULLS:
        out[i] = None
    for i in EMPTIES:
        out[i] = ""
    return tuple(out)


def expected_row(text: str | None, **options: Any) -> dict[str, Any] | None:
    """What an engine should give for ``text``: the result as typed columns hold it."""
    if text is None:
        return None
    return embedfix.repair(text, **options).to_dict(source=False, dates="date")


@cache
def expected() -> tuple[dict[str, Any] | None, ...]:
    return tuple(expected_row(t) for t in texts())


def check_corpus_shape() -> None:
    """The corpus has what it is said to have (a generator change must not hollow it out)."""
    docs = [embedfix.repair(t) for t in texts() if t is not None]
    assert not any(d.quotes for d in docs[: QUOTE_FREE - 2])
    found = {q.platform for d in docs for q in d.quotes}
    assert found >= set(PLATFORMS) | set(embedfix.PLATFORMS), found
    assert any(d.damage.mojibake for d in docs)
    assert any(r.kind == "lost" for d in docs for r in d.repairs)
    assert texts().count(None) == len(NULLS) and texts().count("") == len(EMPTIES)


def write_parquet(path: Path, *, row_group_size: int = 100) -> Path:
    """The corpus as a Parquet file: ``id`` (int64) and ``text`` (string, nullable)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {"id": pa.array(range(COUNT), pa.int64()), "text": pa.array(texts(), pa.string())}
    )
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


def check_rows(results: dict[int, Any], *, ids: range | list[int] = range(COUNT)) -> None:
    """``results`` (id -> the engine's result for that row) is, for each id, the expected row."""
    want = expected()
    assert sorted(results) == sorted(ids)
    for i in ids:
        assert results[i] == want[i], (i, texts()[i])


def key_paths(value: Any, prefix: str = "") -> set[str]:
    """Every key path in ``value`` (``quotes[].date``), through dicts and lists."""
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            paths.add(path)
            paths |= key_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            paths |= key_paths(item, prefix + "[]")
    return paths


@cache
def result_keys() -> frozenset[str]:
    """The key paths of ``to_dict()`` over the whole corpus (every nested key is reached)."""
    keys: set[str] = set()
    for row in expected():
        keys |= key_paths(row)
    assert {"quotes[].date", "repairs[].qmarks", "damage.mechanism"} <= keys
    return frozenset(keys)


def arrow_paths(typ: Any, prefix: str = "") -> set[str]:
    """Every field path of an Arrow type, in `key_paths`' form."""
    import pyarrow as pa

    paths: set[str] = set()
    if pa.types.is_struct(typ):
        for field in typ:
            path = f"{prefix}.{field.name}" if prefix else field.name
            paths.add(path)
            paths |= arrow_paths(field.type, path)
    elif pa.types.is_list(typ) or pa.types.is_large_list(typ):
        paths |= arrow_paths(typ.value_type, prefix + "[]")
    return paths


def spark_paths(typ: dict[str, Any] | str, prefix: str = "") -> set[str]:
    """Every field path of a Spark type in its JSON form (``StructType.jsonValue()``)."""
    paths: set[str] = set()
    if isinstance(typ, dict) and typ["type"] == "struct":
        for field in typ["fields"]:
            path = f"{prefix}.{field['name']}" if prefix else field["name"]
            paths.add(path)
            paths |= spark_paths(field["type"], path)
    elif isinstance(typ, dict) and typ["type"] == "array":
        paths |= spark_paths(typ["elementType"], prefix + "[]")
    return paths


def by_id(table: Any, column: str = "embedfix", *, key: Any = int) -> dict[Any, Any]:
    """An Arrow table's ``column`` as id -> value."""
    ids = [key(i) for i in table.column("id").to_pylist()]
    return dict(zip(ids, table.column(column).to_pylist(), strict=True))


EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "engines"
"""The recipes of docs/engines.md, each over ``articles.parquet``."""


def recipe(name: str) -> Any:
    """The module ``examples/engines/{name}.py``."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"recipe_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_recipe_output(results: dict[str, Any], *, skip_textless: bool = False) -> None:
    """``results`` (article id -> result) is what `repair` gives each article of
    ``articles.parquet`` (those with a text only, with ``skip_textless``)."""
    import pyarrow.parquet as pq

    articles = pq.read_table(EXAMPLES / "articles.parquet").to_pylist()
    if skip_textless:
        articles = [a for a in articles if a["text"]]
    assert sorted(results) == sorted(a["id"] for a in articles)
    for article in articles:
        assert results[article["id"]] == expected_row(article["text"]), article["id"]
    quoted = [r for r in results.values() if r and r["quotes"]]
    assert len(quoted) >= 5
