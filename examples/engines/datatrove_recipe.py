"""datatrove: a folder of Parquet files through `EmbedfixRepair` into Parquet files.

The body replaces each document's text; quotes, repairs and damage go to
``metadata["embedfix"]``. datatrove's reader leaves out documents without text.

    python datatrove_recipe.py [IN-DIRECTORY] [OUT-DIRECTORY]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa

HERE = Path(__file__).parent


def run(src: Path, out: Path, logs: Path, *, tasks: int = 1) -> None:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import ParquetReader
    from datatrove.pipeline.writers import ParquetWriter

    from embedfix.datatrove import EmbedfixRepair

    step = EmbedfixRepair(drop_embed_only=True)
    # the reader adds file_path to the metadata: name it, or the writer's schema drops it
    schema = step.parquet_schema({"file_path": pa.string()})
    pipeline = [
        ParquetReader(str(src), glob_pattern="*.parquet"),
        step,
        ParquetWriter(str(out), schema=schema),
    ]
    LocalPipelineExecutor(pipeline, tasks=tasks, logging_dir=str(logs)).run()


def main() -> None:
    import pyarrow.parquet as pq

    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("articles-datatrove")
    run(src, out, out.with_name(out.name + "-logs"))
    for row in pq.read_table(out).to_pylist():
        print(row["id"], [q["platform"] for q in row["metadata"]["embedfix"]["quotes"]])


if __name__ == "__main__":
    main()
