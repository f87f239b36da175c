"""The ``embedfix`` command: repair whole corpora from the shell, streamed, in parallel, in order.

``embedfix repair`` and ``embedfix html`` read plain files (one document each), JSON Lines and
standard input, and write JSON Lines, a JSON array or the clean text. Input is read in blocks of
about a megabyte and handed to worker processes a bounded number of blocks at a time, so memory
stays constant however large the corpus is, and the output keeps the input's order. A record that
cannot be read or repaired is never lost silently: ``--on-error`` keeps it (with an ``error``
field), skips it or stops the run, and the exit status says whether any error occurred.

``embedfix explain`` shows one document: its embeds highlighted, the quotes and the repairs.

The terminal niceties (progress bar, tables) use ``rich`` when it is installed (``pip install
embedfix[cli]``) and fall back to plain text when it is not; ``rich`` is only imported by this
package, inside the functions that draw, never by the library.

Start-up time counts (a shell step may run the command on each of many small files): what only
some runs need (``multiprocessing``, ``tempfile``, ``gzip``, ``shutil``, ``rich``) is imported where
it is used, and the library, which every run needs, is imported once, before the workers are
forked, so they inherit it.

The command's modules: `arguments` (the parser, exit status), `chunks` (reading input), `tasks`
(what workers are given and return), `worker` (processing records), `pool` (running in order, in
process or in workers), `output` (writing), `progress`, `stream` (``repair`` and ``html``) and
`explain`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
import warnings
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from embedfix.cli.arguments import EXIT_RECORD_ERRORS, EXIT_USAGE, UsageError, build_parser

if TYPE_CHECKING:
    from embedfix.cli.arguments import EXIT_OK, REPAIR_FLAGS
    from embedfix.cli.chunks import JSONL_SUFFIXES, STDIN, read_chunks
    from embedfix.cli.explain import QUOTE_COLUMNS, REPAIR_COLUMNS
    from embedfix.cli.output import EXIT_OUTPUT, OutputError, Writer
    from embedfix.cli.pool import TASKS_PER_JOB, default_jobs
    from embedfix.cli.progress import Progress
    from embedfix.cli.tasks import Chunk, ChunkResult, FailedRecordError, Job, RecordError
    from embedfix.cli.worker import process_chunk, process_record

__all__ = [
    "BLOCK_BYTES",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_RECORD_ERRORS",
    "EXIT_USAGE",
    "JSONL_SUFFIXES",
    "MAX_LINE_BYTES",
    "QUOTE_COLUMNS",
    "REPAIR_COLUMNS",
    "REPAIR_FLAGS",
    "STDIN",
    "TAPER_BYTES",
    "TASKS_PER_JOB",
    "Chunk",
    "ChunkResult",
    "FailedRecordError",
    "Job",
    "OutputError",
    "Progress",
    "RecordError",
    "UsageError",
    "Writer",
    "build_parser",
    "default_jobs",
    "main",
    "process_chunk",
    "process_record",
    "read_chunks",
]


BLOCK_BYTES = 1 << 20
"""How much JSON Lines input one worker task carries (whole lines, so a little more or less)."""

TAPER_BYTES = 1 << 16
"""The smallest block of a file read by the workers: its last blocks shrink to this, so that the
workers finish together rather than one waiting on the other's last megabyte."""


MAX_LINE_BYTES = 64 << 20
"""The longest JSON Lines record read (64 MB). A longer line is one failed record (reported,
handled by ``--on-error``) whose bytes are skipped without being held: one bad line cannot
exhaust memory. Checked once a line is longer than a block (`BLOCK_BYTES`)."""


_HOME = {
    "EXIT_OK": "arguments",
    "REPAIR_FLAGS": "arguments",
    "JSONL_SUFFIXES": "chunks",
    "STDIN": "chunks",
    "read_chunks": "chunks",
    "QUOTE_COLUMNS": "explain",
    "REPAIR_COLUMNS": "explain",
    "EXIT_OUTPUT": "output",
    "OutputError": "output",
    "Writer": "output",
    "TASKS_PER_JOB": "pool",
    "default_jobs": "pool",
    "Progress": "progress",
    "Chunk": "tasks",
    "ChunkResult": "tasks",
    "FailedRecordError": "tasks",
    "Job": "tasks",
    "RecordError": "tasks",
    "process_chunk": "worker",
    "process_record": "worker",
}
"""Name -> the module of this package that defines it, imported on first use (PEP 562), so that
``embedfix --help`` and ``--version`` answer without importing the library."""


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        msg = f"module 'embedfix.cli' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f"embedfix.cli.{home}"), name)
    globals()[name] = value
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``embedfix`` command with ``argv`` (default: ``sys.argv[1:]``); the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)  # --help and --version stop here, the library not imported
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        return _main(args)


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: IO[str] | None = None,
    line: str | None = None,
    **_: Any,
) -> None:
    """A library warning as the command's user reads it: what, not where in embedfix's code."""
    (file or sys.stderr).write(f"embedfix: warning: {message}\n")


def _main(args: argparse.Namespace) -> int:
    """The command's work once its arguments are parsed: the library is imported from here."""
    from embedfix.cli.explain import _run_explain
    from embedfix.cli.output import EXIT_OUTPUT, OutputError
    from embedfix.cli.stream import _run_stream
    from embedfix.pipeline import warm_up

    warm_up()  # what the library builds on first use, built before any worker is forked
    previous = _on_termination(_terminate)
    try:
        if args.command == "explain":
            return _run_explain(args)
        return _run_stream(args, args.command)
    except UsageError as exc:
        sys.stderr.write(f"embedfix {args.command}: error: {exc}\n")
        return EXIT_USAGE
    except OutputError as exc:
        sys.stderr.write(f"embedfix {args.command}: error: {exc}\n")
        _silence_stdout()
        return EXIT_OUTPUT
    except Terminated as exc:
        sys.stderr.write(f"embedfix: stopped by {signal.Signals(exc.signum).name}\n")
        return 128 + exc.signum
    except BrokenPipeError:  # e.g. `embedfix repair big.jsonl | head`
        _silence_stdout()
        return EXIT_RECORD_ERRORS
    except KeyboardInterrupt:
        sys.stderr.write("embedfix: interrupted\n")
        return 130
    finally:
        _on_termination(previous)


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, so the workers are stopped and the spool
    directory removed, then exit with 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_TERMINATING = ("SIGTERM", "SIGHUP")
"""The signals that end a run cleanly (SIGINT is Ctrl-C, handled as KeyboardInterrupt)."""


def _terminate(signum: int, frame: object) -> None:
    for name in _TERMINATING:  # a second signal must not interrupt the cleanup
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise Terminated(signum)


def _on_termination(handlers: Any) -> dict[int, Any]:
    """Set SIGTERM's and SIGHUP's handler (one for both, or a dict by signal as this returns)
    where the platform has them and this is the main thread; the previous handlers."""
    previous: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for name in _TERMINATING:
        number = getattr(signal, name, None)
        if number is None:
            continue
        handler = handlers.get(number) if isinstance(handlers, dict) else handlers
        if handler is not None:
            previous[number] = signal.signal(number, handler)
    return previous


def _silence_stdout() -> None:
    """Point standard output at the null device: what is still buffered for it can go nowhere
    else, and must not raise again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
