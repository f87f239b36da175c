"""``embedfix repair`` and ``embedfix html``: every input, in chunks, to the output in order."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, cast

from embedfix.cli.arguments import (
    EXIT_OK,
    EXIT_RECORD_ERRORS,
    UsageError,
    _jsonl_rule,
    _options,
    check_inputs,
)
from embedfix.cli.chunks import STDIN, is_regular, read_chunks
from embedfix.cli.output import Writer
from embedfix.cli.pool import _run_parallel, _run_serial, default_jobs
from embedfix.cli.progress import Progress
from embedfix.cli.tasks import Job


def _stdin() -> IO[bytes]:
    return cast("IO[bytes]", getattr(sys.stdin, "buffer", sys.stdin))


def _stdout() -> IO[bytes]:
    sys.stdout.flush()
    return cast("IO[bytes]", getattr(sys.stdout, "buffer", sys.stdout))


def _create(path: str) -> IO[bytes]:
    """Open the output file, or say why it cannot be written."""
    try:
        return Path(path).open("wb")
    except OSError as exc:
        msg = f"cannot write {path}: {exc.strerror or exc}"
        raise UsageError(msg) from None


def _total_bytes(paths: Sequence[str]) -> int | None:
    try:
        if any(p.lower().endswith(".gz") or not is_regular(p) for p in paths):
            return None  # unknown until read: a pipe, standard input, a compressed file
        return sum(Path(p).stat().st_size for p in paths)
    except OSError:
        return None


def _run_stream(args: argparse.Namespace, command: str) -> int:
    """``embedfix repair`` and ``embedfix html``."""
    paths = args.files or [STDIN]
    check_inputs(paths)
    if args.output and Path(args.output).exists():
        clash = [p for p in paths if p != STDIN and Path(p).samefile(args.output)]
        if clash:
            msg = f"the output file {args.output} is also an input"
            raise UsageError(msg)
    job = Job(
        command=command,
        options=_options(args, command),
        field=args.field or ("html" if command == "html" else "text"),
        into=args.into,
        fmt=args.format,
        on_error=args.on_error,
    )
    jobs = args.jobs or default_jobs()
    from embedfix.cli import parquet

    if parquet.wanted(paths, args.output):
        return parquet.run(args, job, paths, jobs)
    chunks = read_chunks(paths, jsonl=_jsonl_rule(args), stdin=_stdin(), by_reference=jobs > 1)
    head = list(itertools.islice(chunks, 2))
    chunks = itertools.chain(head, chunks)
    if len(head) < 2:  # a single chunk: not worth starting processes for
        jobs = 1

    progress = Progress(_total_bytes(paths), enabled=sys.stderr.isatty() and not args.quiet)
    errors = records = 0
    with contextlib.ExitStack() as stack:
        stream = stack.enter_context(_create(args.output)) if args.output else _stdout()
        writer = Writer(stream, args.format)
        stack.callback(progress.close)
        stack.callback(writer.close)
        results = _run_serial(job, chunks) if jobs == 1 else _run_parallel(job, chunks, jobs)
        stack.callback(results.close)
        for result in results:
            writer.write(result)
            progress.advance(result)
            records += result.records
            for error in result.errors:
                errors += 1
                progress.message(f"embedfix: {error}")
            if result.stopped:
                break
    if errors:
        verb = {"keep": "kept", "skip": "skipped", "stop": "stopped at"}[args.on_error]
        what = "the first error" if args.on_error == "stop" else f"{errors:,} with errors"
        progress.message(f"embedfix: {records:,} records read, {verb} {what}")
        return EXIT_RECORD_ERRORS
    return EXIT_OK
