"""``embedfix repair in.parquet -o out.parquet``: Parquet in, Parquet out, a batch at a time.

Each input file is read row group by row group, in batches of `BATCH_ROWS` rows through a
buffered stream (no column chunk is read whole ahead of need), and each batch is written out as
soon as it is repaired, so memory stays the same however large the file is, as with JSON Lines.
The output has the input's columns, in order, and the result as one struct column ``--into``
(``--into ''``: the result's fields as columns), typed by `embedfix.schema`. With ``--jobs N``
the batches are repaired by N worker processes, a bounded number in flight, written in order.

A text the library fails on (which it should never do) is reported as ``file:row N: ...``;
``--on-error keep`` keeps its row with a null result, ``skip`` leaves the row out, ``stop`` ends
the output before it. A null text has a null result and is no error. Needs pyarrow (``pip install
'embedfix[arrow]'``).
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from embedfix.cli.arguments import EXIT_OK, EXIT_RECORD_ERRORS, UsageError
from embedfix.cli.tasks import Job

SUFFIXES = (".parquet", ".pq")
"""File suffixes read and written as Parquet."""

BATCH_ROWS = 1000
"""Rows repaired (and written) at a time."""


def is_parquet(path: str | None) -> bool:
    """Whether ``path`` names a Parquet file (by its suffix, in any case)."""
    return path is not None and path.lower().endswith(SUFFIXES)


def wanted(paths: Sequence[str], output: str | None) -> bool:
    """Whether this run reads or writes Parquet; a `UsageError` for a mix it cannot do."""
    inputs = [is_parquet(p) for p in paths]
    if not any(inputs) and not is_parquet(output):
        return False
    if not all(inputs):
        msg = "Parquet output needs Parquet input (every input a .parquet file)"
        if any(inputs):
            msg = "Parquet and other inputs cannot be mixed in one run"
        raise UsageError(msg)
    if not is_parquet(output):
        msg = "Parquet input is written as Parquet: give -o FILE.parquet"
        raise UsageError(msg)
    return True


def _pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        msg = "reading Parquet needs pyarrow: pip install 'embedfix[arrow]'"
        raise UsageError(msg) from None
    return pq


def run(args: argparse.Namespace, job: Job, paths: Sequence[str], jobs: int) -> int:
    """Repair every Parquet input into the one Parquet output ``args.output``."""
    if job.command != "repair":
        msg = "Parquet is read by 'embedfix repair' only"
        raise UsageError(msg)
    if args.format != "jsonl":
        msg = f"--format {args.format} is for JSON output; Parquet is written as Parquet"
        raise UsageError(msg)
    pq = _pyarrow()
    import pyarrow as pa

    from embedfix.arrow import result_type
    from embedfix.options import check

    files = []
    for path in paths:
        try:
            files.append(pq.ParquetFile(path, buffer_size=1 << 20, pre_buffer=False))
        except (OSError, pa.ArrowException) as exc:
            msg = f"cannot read {path} as Parquet: {exc}"
            raise UsageError(msg) from None
    schema = files[0].schema_arrow
    for path, file in zip(paths, files, strict=True):
        if not file.schema_arrow.equals(schema):
            msg = f"{path} has other columns than {paths[0]}: every input needs the same schema"
            raise UsageError(msg)
    if job.field not in schema.names:
        msg = f"no column {job.field!r} in {paths[0]}; its columns: {', '.join(schema.names)}"
        raise UsageError(msg)
    kind = schema.field(job.field).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        msg = f"column {job.field!r} is {kind}, not a string column"
        raise UsageError(msg)
    typ = result_type()
    added = [pa.field(job.into, typ)] if job.into else list(typ)
    if not job.into and any(f.name in schema.names for f in added):
        msg = "--into '' would overwrite columns of the input; give --into a new name"
        raise UsageError(msg)
    out_schema = schema
    for field in added:
        if field.name in out_schema.names:
            out_schema = out_schema.set(out_schema.get_field_index(field.name), field)
        else:
            out_schema = out_schema.append(field)
    options = check(**dict(job.options))

    def batches() -> Iterator[tuple[str, int, Any]]:
        for path, file in zip(paths, files, strict=True):
            row = 1
            for group in range(file.num_row_groups):
                for batch in file.iter_batches(batch_size=BATCH_ROWS, row_groups=[group]):
                    yield path, row, batch
                    row += batch.num_rows

    work = (job, job.field, job.into, options)
    results = _serial(work, batches()) if jobs == 1 else _parallel(work, batches(), jobs)
    errors = 0
    try:
        writer = pq.ParquetWriter(args.output, out_schema)
    except OSError as exc:
        msg = f"cannot write {args.output}: {exc.strerror or exc}"
        raise UsageError(msg) from None
    with writer:
        for batch, problems, stopped in results:
            if batch.num_rows:
                writer.write_batch(batch)
            for problem in problems:
                errors += 1
                sys.stderr.write(f"embedfix: {problem}\n")
            if stopped:
                break
    return EXIT_RECORD_ERRORS if errors else EXIT_OK


Work = tuple[Job, str, str, Any]


def repair_batch(work: Work, item: tuple[str, int, Any]) -> tuple[Any, list[str], bool]:
    """One input batch repaired: the output batch, the errors (``file:row N: ...``), and
    whether ``--on-error stop`` stopped in it (the batch then ends before that row)."""
    import pyarrow as pa

    from embedfix.arrow import _table, result_type
    from embedfix.pipeline import _repair

    job, column, into, options = work
    path, first, batch = item
    typ = result_type()
    try:
        return _table(pa, batch, column, into, options, typ), [], False
    except Exception:  # a text the library failed on: find it, and apply --on-error
        pass
    texts = batch.column(column).to_pylist()
    keep, problems = [], []
    for i, text in enumerate(texts):
        try:
            if text is not None:
                _repair(text, options)
        except Exception as exc:
            problems.append(f"{path}:row {first + i}: repair failed: {type(exc).__name__}: {exc}")
            if job.on_error == "stop":
                break
            if job.on_error == "skip":
                continue
            keep.append((i, False))
            continue
        keep.append((i, True))
    stopped = job.on_error == "stop" and bool(problems)
    rows = pa.array([i for i, _ in keep], type=pa.int64())
    good = batch.take(rows)
    mask = pa.array([not ok for _, ok in keep], type=pa.bool_())
    cleared = good.set_column(
        good.schema.get_field_index(column),
        column,
        pa.compute.if_else(mask, pa.scalar(None, good.column(column).type), good.column(column)),
    )
    out = _table(pa, cleared, column, into, options, typ)
    restored = out.set_column(out.schema.get_field_index(column), column, good.column(column))
    return restored, problems, stopped


def _serial(
    work: Work, items: Iterator[tuple[str, int, Any]]
) -> Iterator[tuple[Any, list[str], bool]]:
    for item in items:
        yield repair_batch(work, item)


def _parallel(
    work: Work, items: Iterator[tuple[str, int, Any]], jobs: int
) -> Iterator[tuple[Any, list[str], bool]]:
    """`repair_batch` in ``jobs`` worker processes, at most 4 batches each in flight, in order."""
    from functools import partial

    from embedfix.cli.pool import TASKS_PER_JOB, _start_pool

    window = threading.Semaphore(TASKS_PER_JOB * jobs)
    finished = threading.Event()

    def throttled() -> Iterator[tuple[str, int, Any]]:
        for item in items:
            while not window.acquire(timeout=0.1):
                if finished.is_set():
                    return
            yield item

    with _start_pool(jobs) as pool:
        try:
            for result in pool.imap(partial(repair_batch, work), throttled(), chunksize=1):
                window.release()
                yield result
        finally:
            finished.set()
