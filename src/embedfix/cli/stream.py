"""``embedfix repair`` and ``embedfix html``: every input, in chunks, to the output in order."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import stat
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


def _identity(fd: int | None = None, path: str | None = None) -> tuple[int, int] | None:
    """The (device, inode) of a regular file given by descriptor or path; None otherwise (a
    pipe, a terminal, a device such as ``/dev/null``, or nothing there)."""
    try:
        info = os.fstat(fd) if fd is not None else Path(path or "").stat()
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _stdin_fd() -> int | None:
    try:
        return sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):
        return None


def _stdout_fd() -> int | None:
    try:
        return sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return None


def _refuse_output_among_inputs(paths: Sequence[str], output: str | None) -> None:
    """Refuse (a `UsageError`, before anything is opened for writing) an output that is one of
    the inputs: a named file, or standard input redirected from the same file (``-o a.jsonl <
    a.jsonl``); without ``-o``, standard output redirected onto an input (``> a.jsonl``, which
    the shell has already emptied). Writing would overwrite records before they are read."""
    target = _identity(path=output) if output else _identity(fd=_stdout_fd())
    if target is None:
        return
    for path in paths:
        source = _identity(fd=_stdin_fd()) if path == STDIN else _identity(path=path)
        if source == target:
            where = f"file {output}" if output else "(standard output)"
            what = " (standard input)" if path == STDIN else ""
            msg = f"the output {where} is also an input{what}"
            raise UsageError(msg)


def _run_stream(args: argparse.Namespace, command: str) -> int:
    """``embedfix repair`` and ``embedfix html``."""
    paths = args.files or [STDIN]
    check_inputs(paths)
    _refuse_output_among_inputs(paths, args.output)
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
        writer = Writer(stream, args.format, args.output or "standard output")
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
