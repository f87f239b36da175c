"""The ``embedfix`` command: repair whole corpora from the shell, streamed, in parallel, in order.

``embedfix repair`` and ``embedfix html`` read plain files (one document each), JSON Lines and
standard input, and write JSON Lines, a JSON array or the clean text. Input is read in blocks of
about a megabyte and handed to worker processes a bounded number of blocks at a time, so memory
stays constant however large the corpus is, and the output keeps the input's order. A record that
cannot be read or repaired is never lost silently: ``--on-error`` keeps it (with an ``error``
field), skips it or stops the run, and the exit status says whether any error occurred.

``embedfix explain`` shows one document: its embeds highlighted, the quotes and the repairs.

The terminal niceties (progress bar, tables) use ``rich`` when it is installed (``pip install
embedfix[cli]``) and fall back to plain text when it is not; ``rich`` is only imported here, inside
the functions that draw, never by the library.

Start-up time counts (a shell step may run the command on each of many small files): what only
some runs need (``multiprocessing``, ``tempfile``, ``gzip``, ``shutil``, ``rich``) is imported where
it is used, and the library, which every run needs, is imported once, before the workers are
forked, so they inherit it.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import dataclasses
import errno
import gc
import inspect
import io
import itertools
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import embedfix
from embedfix.model import Document

if TYPE_CHECKING:
    import multiprocessing.pool

EXIT_OK = 0
"""Every record was read and repaired."""
EXIT_RECORD_ERRORS = 1
"""At least one record could not be read or repaired (see ``--on-error``)."""
EXIT_USAGE = 2
"""The command line itself was wrong: an unknown option, a missing file, an unsupported flag."""

STDIN = "-"
"""The file name that stands for standard input."""

BLOCK_BYTES = 1 << 20
"""How much JSON Lines input one worker task carries (whole lines, so a little more or less)."""

TAPER_BYTES = 1 << 16
"""The smallest block of a file read by the workers: its last blocks shrink to this, so that the
workers finish together rather than one waiting on the other's last megabyte."""

TASKS_PER_JOB = 4
"""How many blocks may be in flight per worker: enough to keep workers busy, few enough that
memory stays bounded when the writer (or a slow document) holds the line."""

JSONL_SUFFIXES = (".jsonl", ".ndjson")
"""File suffixes read as JSON Lines when ``--input auto`` (optionally followed by ``.gz``)."""


# --- What the workers are given and what they hand back -------------------------------------


@dataclass(frozen=True, slots=True)
class Job:
    """Everything a worker needs to turn input bytes into output bytes; picklable."""

    command: str
    """``"repair"`` or ``"html"``: which library function to call."""
    options: tuple[tuple[str, Any], ...]
    """Keyword arguments for that function: only the flags the user actually set."""
    field: str
    """The JSON Lines field holding the document."""
    into: str
    """The key the result is stored under in a JSON Lines record; empty for top level."""
    fmt: str
    """The output format: ``"jsonl"``, ``"json"``, ``"text"`` or ``"html"``."""
    on_error: str
    """``"keep"``, ``"skip"`` or ``"stop"``."""
    spool: str | None = None
    """A directory where workers leave each chunk's output as a file, for the writer to copy
    with ``sendfile``; None to return the output through the pool's pipe (or in process)."""


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of input: one whole plain file, or a block of whole lines of a JSON Lines file."""

    source: str
    """The file name as given on the command line (``<stdin>`` for standard input)."""
    first_line: int
    """The line number of the first line in ``data`` (from 1); 0 for a whole-file document."""
    data: bytes
    """The raw bytes, undecoded, so invalid UTF-8 is reported where it occurs; empty when
    ``location`` says where to read them."""
    problem: str | None = None
    """Why the file could not be read, if it could not; ``data`` is then empty."""
    location: tuple[str, int, int] | None = None
    """``(path, offset, length)``: where a worker reads ``data`` itself, which spares sending
    the bytes through a pipe; None when ``data`` holds them."""

    def load(self) -> bytes:
        """The chunk's bytes, read from ``location`` if they were not sent."""
        if self.location is None:
            return self.data
        path, offset, length = self.location
        with Path(path).open("rb") as stream:
            stream.seek(offset)
            return stream.read(length)

    @property
    def jsonl(self) -> bool:
        """Whether ``data`` holds JSON Lines records rather than one document."""
        return self.first_line > 0


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """The output of one chunk, ready to write, and what happened while making it."""

    output: bytes
    """The serialised output records, already joined for the output format."""
    errors: tuple[str, ...]
    """One ``file:line: message`` per record that failed, in order."""
    records: int
    """How many input records the chunk held (up to the stopping one with ``stop``)."""
    quotes: int
    """How many embeds were found."""
    nbytes: int
    """How many input bytes the chunk held (for the progress bar)."""
    stopped: bool = False
    """True when ``--on-error stop`` met an error: nothing after it was processed."""
    spooled: str | None = None
    """The file holding ``output`` when it was left in the job's spool (``output`` is empty)."""


class RecordError(Exception):
    """A record that cannot be read or repaired; the message says why."""


class FailedRecordError(Exception):
    """A record that failed, as `process_record` reports it to `process_chunk`."""

    def __init__(self, message: str, kept: bytes) -> None:
        super().__init__(message)
        self.message = message
        """``file:line: why``."""
        self.kept = kept
        """What ``--on-error keep`` writes for the record: the input unchanged, and the error."""


# --- Reading input ------------------------------------------------------------------------------


def _is_jsonl_name(path: str) -> bool:
    name = path[:-3] if path.endswith(".gz") else path
    return name.endswith(JSONL_SUFFIXES)


def _open(path: str, stdin: IO[bytes]) -> IO[bytes]:
    if path == STDIN:
        return stdin
    if path.endswith(".gz"):
        import gzip

        return cast("IO[bytes]", gzip.open(path, "rb"))
    return Path(path).open("rb")


def read_chunks(
    paths: Sequence[str],
    *,
    jsonl: Callable[[str], bool],
    stdin: IO[bytes],
    by_reference: bool = False,
) -> Iterator[Chunk]:
    """Yield the input as chunks, in order, reading each file in blocks of whole lines.

    With ``by_reference``, chunks of plain uncompressed files carry where their bytes lie rather
    than the bytes (the blocks are still read here, to cut them at line ends and count lines).
    """
    for path in paths:
        name = "<stdin>" if path == STDIN else path
        try:
            stream = _open(path, stdin)
        except OSError as exc:
            yield Chunk(name, 1 if jsonl(path) else 0, b"", f"cannot read: {exc.strerror or exc}")
            continue
        refer = by_reference and path != STDIN and not path.endswith(".gz")
        try:
            if jsonl(path) and refer:
                yield from _line_spans(name, path)
            elif jsonl(path):
                yield from _line_blocks(name, stream)
            elif refer:
                yield Chunk(name, 0, b"", location=(path, 0, Path(path).stat().st_size))
            else:
                yield Chunk(name, 0, stream.read())
        except OSError as exc:
            yield Chunk(name, 0, b"", f"read failed: {exc}")
        finally:
            if stream is not stdin:
                stream.close()


def _line_blocks(name: str, stream: IO[bytes]) -> Iterator[Chunk]:
    line = 1
    rest = b""
    while True:
        block = stream.read(BLOCK_BYTES)
        if not block:
            break
        block = rest + block
        cut = block.rfind(b"\n") + 1
        if cut == 0:  # a line longer than a block: keep reading until it ends
            rest = block
            continue
        rest = block[cut:]
        yield Chunk(name, line, block[:cut])
        line += block.count(b"\n", 0, cut)
    if rest:
        yield Chunk(name, line, rest)


def _line_spans(name: str, path: str) -> Iterator[Chunk]:
    """The file cut into blocks of whole lines, as places in it for the workers to read.

    Only the line ends are looked for here: the file is read into one reused buffer and no byte
    is copied, as this runs in the parent process, in series with everything the workers do.
    The last blocks shrink (a quarter of what is left, down to `TAPER_BYTES`), so that no worker
    is left alone with a whole block at the end.
    """
    line = 1
    start = 0  # where the next chunk starts: just after a line end (or at 0)
    pos = 0  # where the next read starts; no line end lies between ``start`` and ``pos``
    buffer = bytearray(BLOCK_BYTES)
    view = memoryview(buffer)
    with Path(path).open("rb", buffering=0) as raw:
        total = os.fstat(raw.fileno()).st_size
        while size := raw.readinto(view[: min(BLOCK_BYTES, max(TAPER_BYTES, (total - pos) // 4))]):
            last = buffer.rfind(b"\n", 0, size)
            if last >= 0:  # else a line longer than a block: keep reading until it ends
                cut = pos + last + 1
                yield Chunk(name, line, b"", location=(path, start, cut - start))
                line += buffer.count(b"\n", 0, last + 1)
                start = cut
            pos += size
    if pos > start:
        yield Chunk(name, line, b"", location=(path, start, pos - start))


# --- Processing, in the workers -----------------------------------------------------------------


def _call(job: Job, text: str) -> tuple[dict[str, Any], str, int]:
    """Run the library on one document: the result dict, the clean text, the number of quotes."""
    options = dict(job.options)
    if job.command == "html":
        page = embedfix.repair_html(text, **options)
        return page.to_dict(), page.html, len(page.quotes)
    doc: Document = embedfix.repair(text, **options)
    return doc.to_dict(), doc.body, len(doc.quotes)


def _dumps(job: Job, record: dict[str, Any]) -> bytes:
    indent = 2 if job.fmt == "json" else None
    try:
        out = json.dumps(record, ensure_ascii=False, indent=indent).encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (from \ud800 escapes): keep them escaped
        out = json.dumps(record, indent=indent).encode("ascii")
    return out if job.fmt == "json" else out + b"\n"


def _splice(job: Job, raw: bytes, record: dict[str, Any], key: str, value: Any) -> bytes | None:
    """The JSON Lines record ``raw`` with ``key: value`` added before its closing brace.

    The input bytes are kept exactly as they were (number formats, escapes, key order) and the
    document text is not serialised a second time. None when splicing does not apply: another
    output format, an empty record, or a record that already has ``key``.
    """
    if job.fmt != "jsonl" or not record or key in record:
        return None
    head = raw.rstrip()
    if not head.endswith(b"}"):
        return None
    return b"".join((head[:-1], b", ", _dumps(job, {key: value})[1:]))


def _text_out(text: str) -> bytes:
    out = text.encode("utf-8", "backslashreplace")
    return out if out.endswith(b"\n") else out + b"\n"


def _passthrough(job: Job, raw: bytes, file: str | None, record: Any, error: str) -> bytes:
    """The output for a record that failed under ``keep``: the input, unchanged, plus the error."""
    if job.fmt in ("text", "html"):
        return raw if raw.endswith(b"\n") else raw + b"\n"
    if isinstance(record, dict):
        spliced = _splice(job, raw, record, "error", error)
        return spliced if spliced is not None else _dumps(job, {**record, "error": error})
    shown = raw.decode("utf-8", "backslashreplace")
    if file is not None:
        return _dumps(job, {"file": file, "error": error, "source": shown})
    return _dumps(job, {"error": error, "raw": shown})


def process_record(job: Job, raw: bytes, where: str, file: str | None) -> tuple[bytes, int]:
    """Turn one input record into its output bytes and its number of quotes.

    ``file`` is the file name for a whole-file document and None for a JSON Lines record.
    Raises `FailedRecordError` (its message starting with ``where``) when the record cannot be
    read or the library raises on it.
    """
    record: Any = None
    try:
        text = raw.decode("utf-8")
        if file is None:
            try:
                record = json.loads(text)
            except ValueError as exc:
                msg = f"malformed JSON: {exc}"
                raise RecordError(msg) from None
            if not isinstance(record, dict):
                msg = f"not a JSON object but {type(record).__name__}"
                raise RecordError(msg)
            if job.field not in record:
                msg = f"no field {job.field!r}"
                raise RecordError(msg)
            value = record[job.field]
            if not isinstance(value, str):
                msg = f"field {job.field!r} is {type(value).__name__}, not a string"
                raise RecordError(msg)
            text = value
        try:
            result, clean, quotes = _call(job, text)
        except Exception as exc:
            msg = f"{job.command} failed: {type(exc).__name__}" + (f": {exc}" if str(exc) else "")
            raise RecordError(msg) from exc
        if job.fmt in ("text", "html"):
            return _text_out(clean), quotes
        if file is not None:
            return _dumps(job, {"file": file, **result}), quotes
        del result["source"]  # the record already holds it under job.field
        if job.into:
            spliced = _splice(job, raw, record, job.into, result)
            if spliced is not None:
                return spliced, quotes
            record[job.into] = result
        else:
            record.update(result)
        return _dumps(job, record), quotes
    except UnicodeDecodeError as exc:
        message = f"{where}: invalid UTF-8 at byte {exc.start}: {exc.reason}"
        raise FailedRecordError(message, _passthrough(job, raw, file, None, message)) from None
    except RecordError as exc:
        message = f"{where}: {exc}"
        raise FailedRecordError(message, _passthrough(job, raw, file, record, message)) from None


def _records(chunk: Chunk, data: bytes) -> Iterator[tuple[bytes, str, str | None]]:
    """The records of a chunk: raw bytes, ``file:line`` location, file name for whole files."""
    if not chunk.jsonl:
        yield data, chunk.source, chunk.source
        return
    if chunk.first_line == 1 and data.startswith(codecs.BOM_UTF8):  # never part of a record
        data = data[len(codecs.BOM_UTF8) :]
    for offset, line in enumerate(data.split(b"\n")):
        if line.strip():
            yield line.rstrip(b"\r"), f"{chunk.source}:{chunk.first_line + offset}", None


def process_chunk(job: Job, chunk: Chunk) -> ChunkResult:
    """Process every record of a chunk, applying ``--on-error``; runs in a worker process."""
    if chunk.problem is not None:
        message = f"{chunk.source}: {chunk.problem}"
        keep = job.on_error == "keep" and not chunk.jsonl
        out = _passthrough(job, b"", chunk.source, None, message) if keep else b""
        return ChunkResult(out, (message,), int(not chunk.jsonl), 0, 0, job.on_error == "stop")
    try:
        data = chunk.load()
    except OSError as exc:
        return process_chunk(job, Chunk(chunk.source, chunk.first_line, b"", f"read failed: {exc}"))
    pieces: list[bytes] = []
    errors: list[str] = []
    records = quotes = 0
    stopped = False
    for raw, where, file in _records(chunk, data):
        records += 1
        try:
            out, found = process_record(job, raw, where, file)
        except FailedRecordError as failure:
            errors.append(failure.message)
            if job.on_error == "stop":
                stopped = True
                break
            if job.on_error == "keep":
                pieces.append(failure.kept)
            continue
        pieces.append(out)
        quotes += found
    output = (b",\n" if job.fmt == "json" else b"").join(pieces)
    spooled = _spool(job.spool, output) if job.spool and output else None
    return ChunkResult(
        b"" if spooled else output, tuple(errors), records, quotes, len(data), stopped, spooled
    )


def _spool(directory: str, output: bytes) -> str | None:
    """Leave ``output`` in a new file in ``directory``; its name, or None if that failed."""
    import tempfile  # imported by the parent before it forks the workers: costs nothing here

    try:
        fd, name = tempfile.mkstemp(dir=directory)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(output)
    except OSError:  # e.g. the spool is full: send the output through the pipe instead
        Path(name).unlink(missing_ok=True)
        return None
    return name


# --- Running: in process or in a pool, always in order ------------------------------------------


def _run_serial(job: Job, chunks: Iterable[Chunk]) -> Generator[ChunkResult, None, None]:
    for chunk in chunks:
        yield process_chunk(job, chunk)


def _run_parallel(
    job: Job, chunks: Iterable[Chunk], jobs: int
) -> Generator[ChunkResult, None, None]:
    """Process chunks in ``jobs`` worker processes, yielding results in input order.

    ``Pool.imap`` alone would read the whole input ahead of the writer; a semaphore, released as
    each result is consumed, keeps at most ``TASKS_PER_JOB * jobs`` chunks in flight.
    """
    window = threading.Semaphore(TASKS_PER_JOB * jobs)
    finished = threading.Event()

    def throttled() -> Iterator[Chunk]:
        for chunk in chunks:
            while not window.acquire(timeout=0.1):
                if finished.is_set():
                    return
            yield chunk

    import tempfile

    shm = Path("/dev/shm")  # memory-backed where it exists, so spooled output never hits a disk
    root = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    with (
        tempfile.TemporaryDirectory(prefix="embedfix-", dir=root) as spool,
        _start_pool(jobs) as pool,
    ):
        work = partial(process_chunk, dataclasses.replace(job, spool=spool))
        try:
            for result in pool.imap(work, throttled(), chunksize=1):
                window.release()
                yield result
        finally:
            finished.set()


def _start_pool(jobs: int) -> multiprocessing.pool.Pool:
    """``jobs`` worker processes that inherit everything this process has imported.

    With the ``fork`` start method (Linux) the workers are copies of this process: the library is
    not imported again. The objects that exist at the fork are frozen out of the collector's
    reach meanwhile, so the workers' garbage collections never walk (and so never copy) the
    library's pages; the parent's collector is left as it was.
    """
    import multiprocessing

    # Python 3.14 starts workers from a fork server on Linux, where they would import it all again.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    gc.freeze()
    try:
        return context.Pool(jobs, initializer=_ignore_interrupts)
    finally:
        gc.unfreeze()


def _ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the main process, which stops the pool cleanly."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- Writing output and showing progress --------------------------------------------------------


_NO_SENDFILE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EAGAIN, errno.EBADF}
"""``sendfile`` errors that mean "not to this file": fall back to copying through Python."""


class Writer:
    """Writes the chunks' output, framing a JSON array when the format is ``json``."""

    def __init__(self, stream: IO[bytes], fmt: str) -> None:
        self._stream = stream
        self._json = fmt == "json"
        self._empty = True
        self._sendfile = hasattr(os, "sendfile")
        if self._json:
            stream.write(b"[\n")

    def write(self, result: ChunkResult) -> None:
        """Write one chunk's output (records already joined), wherever the worker left it."""
        if not result.output and result.spooled is None:
            return
        if self._json and not self._empty:
            self._stream.write(b",\n")
        if result.spooled is not None:
            self._copy(result.spooled)
            Path(result.spooled).unlink()
        else:
            self._stream.write(result.output)
        self._empty = False

    def _copy(self, path: str) -> None:
        """Copy a spooled file to the output, in the kernel (``sendfile``) when it allows."""
        with Path(path).open("rb") as source:
            size = os.fstat(source.fileno()).st_size
            sent = 0
            if self._sendfile:
                try:
                    target = self._stream.fileno()
                    self._stream.flush()
                    while sent < size:
                        count = os.sendfile(target, source.fileno(), sent, size - sent)
                        if count == 0:
                            break
                        sent += count
                except (AttributeError, io.UnsupportedOperation):
                    self._sendfile = False
                except OSError as exc:
                    if exc.errno not in _NO_SENDFILE:
                        raise
                    self._sendfile = False
            if sent < size:
                import shutil

                source.seek(sent)
                shutil.copyfileobj(source, self._stream, 1 << 20)

    def close(self) -> None:
        """Finish the output (close the JSON array) and flush it."""
        if self._json:
            self._stream.write(b"]\n" if self._empty else b"\n]\n")
        self._stream.flush()


class Progress:
    """Documents, MB/s and embeds found, on standard error; error lines printed above the bar."""

    def __init__(self, total_bytes: int | None, *, enabled: bool) -> None:
        self._enabled = enabled
        self._docs = self._quotes = self._bytes = 0
        self._start = self._shown = time.monotonic()
        self._rich: Any = None
        self._task: Any = None
        self._live = False
        if not enabled:
            return
        try:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                TextColumn,
                TimeRemainingColumn,
                TransferSpeedColumn,
            )
            from rich.progress import Progress as RichProgress
        except ImportError:
            return
        self._rich = RichProgress(
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TextColumn("{task.fields[docs]:,} docs"),
            TextColumn("{task.fields[quotes]:,} embeds"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task = self._rich.add_task("embedfix", total=total_bytes, docs=0, quotes=0)
        self._live = False  # the display (and its refresh thread) starts with the first result,
        # after the worker processes are forked: forking a process with threads is fragile

    def advance(self, result: ChunkResult) -> None:
        """Count one chunk's documents, bytes and embeds."""
        self._docs += result.records
        self._quotes += result.quotes
        self._bytes += result.nbytes
        if not self._enabled:
            return
        if self._rich is not None:
            if not self._live:
                self._live = True
                self._rich.start()
            self._rich.update(
                self._task, advance=result.nbytes, docs=self._docs, quotes=self._quotes
            )
            return
        now = time.monotonic()
        if now - self._shown >= 0.2:
            self._shown = now
            rate = self._bytes / max(now - self._start, 1e-9) / 1e6
            sys.stderr.write(
                f"\r{self._docs:,} docs  {self._bytes / 1e6:,.1f} MB  {rate:,.1f} MB/s  "
                f"{self._quotes:,} embeds "
            )
            sys.stderr.flush()

    def message(self, text: str) -> None:
        """Print a line on standard error without tearing the progress bar."""
        if self._rich is not None:
            from rich.text import Text

            self._rich.console.print(Text(text), soft_wrap=True)
        else:
            if self._enabled:
                sys.stderr.write("\r")
            sys.stderr.write(text + "\n")
            sys.stderr.flush()

    def close(self) -> None:
        """Remove the live display, leaving the final counts."""
        if self._rich is not None:
            if self._live:
                self._rich.stop()
        elif self._enabled:
            self._shown = 0.0
            self.advance(ChunkResult(b"", (), 0, 0, 0))
            sys.stderr.write("\n")


# --- The command line ---------------------------------------------------------------------------


def _add_io_options(parser: argparse.ArgumentParser, *, field: str, formats: list[str]) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="input files (default: standard input; '-' is standard input). "
        "*.jsonl and *.ndjson (optionally .gz) are read as JSON Lines, other files as one "
        "document each",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument(
        "--format",
        choices=formats,
        default="jsonl",
        help=f"output format (default jsonl; {formats[-1]} = the clean {formats[-1]} only)",
    )
    parser.add_argument(
        "--input",
        choices=["auto", "text", "jsonl"],
        default="auto",
        help="how to read inputs (default auto: JSON Lines for *.jsonl/*.ndjson or when "
        "--field is given, else one document per file)",
    )
    parser.add_argument(
        "--field",
        help=f"the JSON Lines field holding the document (default {field!r}); implies JSON Lines",
    )
    parser.add_argument(
        "--into",
        default="embedfix",
        metavar="KEY",
        help="add the result to each JSON Lines record under KEY (default 'embedfix'); "
        "--into '' merges its fields into the record",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: all cores); output stays in input order",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar (it only shows on a terminal)"
    )
    parser.add_argument(
        "--on-error",
        choices=["keep", "skip", "stop"],
        default="keep",
        help="a record that cannot be read or repaired: keep it unchanged with an 'error' field "
        "(default), skip it, or stop; errors are reported on stderr and exit status is 1",
    )


def _add_repair_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("repair options (passed to embedfix.repair)")
    group.add_argument(
        "--lost",
        choices=["mark", "drop", "keep"],
        help="what to do with characters lost to '?' damage",
    )
    group.add_argument("--placeholder", help="text left where each embed is removed")
    group.add_argument(
        "--no-fix-encoding",
        dest="fix_encoding",
        action="store_const",
        const=False,
        help="do not repair mojibake",
    )
    group.add_argument(
        "--platforms",
        type=_name_list,
        metavar="NAME,...",
        help="only look for embeds from these platforms (comma-separated)",
    )
    group.add_argument("--lang", help="the language of the documents, e.g. 'fr'")


REPAIR_FLAGS = {
    "lost": "--lost",
    "placeholder": "--placeholder",
    "fix_encoding": "--no-fix-encoding",
    "platforms": "--platforms",
    "lang": "--lang",
}
"""Library keyword -> the flag that sets it; a keyword is passed only when its flag is given."""


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        msg = f"must be at least 1, not {number}"
        raise argparse.ArgumentTypeError(msg)
    return number


def _name_list(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in value.split(",") if name.strip())


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``embedfix`` command."""
    parser = argparse.ArgumentParser(
        prog="embedfix",
        description="Repair social-media embeds flattened into scraped article text: "
        "quotes out, clean body back.",
    )
    parser.add_argument("--version", action="version", version=f"embedfix {embedfix.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    repair = commands.add_parser(
        "repair",
        help="repair plain-text documents or JSON Lines records",
        description="Find the embeds in each document; write the quotes and the clean body.",
    )
    _add_io_options(repair, field="text", formats=["jsonl", "json", "text"])
    _add_repair_options(repair)

    html = commands.add_parser(
        "html",
        help="repair HTML pages",
        description="Find the embeds in each HTML page; write the quotes and the cleaned page.",
    )
    _add_io_options(html, field="html", formats=["jsonl", "json", "html"])
    html.add_argument("--placeholder", help="markup left where each embed is removed")

    explain = commands.add_parser(
        "explain",
        help="show one document with its embeds highlighted, the quotes and the repairs",
        description="Show one document: the text with each embed highlighted, a table of the "
        "quotes with their confidence, the repairs made, and the clean body.",
    )
    explain.add_argument("file", metavar="FILE", help="a plain-text file, a JSON Lines file, or -")
    explain.add_argument("--field", help="read JSON Lines and take this field (default 'text')")
    explain.add_argument(
        "--line", type=_positive_int, default=1, help="the JSON Lines line to show (default 1)"
    )
    explain.add_argument(
        "--input", choices=["auto", "text", "jsonl"], default="auto", help="how to read FILE"
    )
    _add_repair_options(explain)
    return parser


def _options(args: argparse.Namespace, command: str) -> tuple[tuple[str, Any], ...]:
    """The library keywords the user set, checked against the installed library's signature."""
    flags = REPAIR_FLAGS if command in ("repair", "explain") else {"placeholder": "--placeholder"}
    chosen = {k: getattr(args, k) for k in flags if getattr(args, k, None) is not None}
    function = embedfix.repair_html if command == "html" else embedfix.repair
    try:
        inspect.signature(function).bind("", **chosen)
    except TypeError:
        accepted = inspect.signature(function).parameters
        missing = [flags[k] for k in chosen if k not in accepted]
        msg = f"this version of embedfix does not support {', '.join(missing) or 'these options'}"
        raise UsageError(msg) from None
    return tuple(chosen.items())


class UsageError(Exception):
    """A command line that cannot be run; reported with exit status 2."""


def _jsonl_rule(args: argparse.Namespace) -> Callable[[str], bool]:
    if args.input != "auto":
        return lambda _path: bool(args.input == "jsonl")
    if args.field is not None:
        return lambda _path: True
    return lambda path: path != STDIN and _is_jsonl_name(path)


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
        if any(p == STDIN or p.endswith(".gz") for p in paths):
            return None
        return sum(Path(p).stat().st_size for p in paths)
    except OSError:
        return None


def _run_stream(args: argparse.Namespace, command: str) -> int:
    """``embedfix repair`` and ``embedfix html``."""
    paths = args.files or [STDIN]
    missing = [p for p in paths if p != STDIN and not Path(p).is_file()]
    if missing:
        msg = f"no such file: {missing[0]}"
        raise UsageError(msg)
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


# --- explain ----------------------------------------------------------------------------------


def _read_one(args: argparse.Namespace) -> tuple[str, str]:
    """The document ``explain`` shows, and a name for it (``file`` or ``file:line``)."""
    path = args.file
    if path != STDIN and not Path(path).is_file():
        msg = f"no such file: {path}"
        raise UsageError(msg)
    field = args.field or "text"
    for chunk in read_chunks([path], jsonl=_jsonl_rule(args), stdin=_stdin()):
        if chunk.problem is not None:
            msg = f"{chunk.source}: {chunk.problem}"
            raise UsageError(msg)
        for raw, where, file in _records(chunk, chunk.data):
            if file is not None:
                try:
                    return raw.decode("utf-8"), where
                except UnicodeDecodeError as exc:
                    msg = f"{where}: invalid UTF-8 at byte {exc.start}"
                    raise UsageError(msg) from None
            if int(where.rsplit(":", 1)[1]) != args.line:
                continue
            try:
                record = json.loads(raw)
            except ValueError as exc:
                msg = f"{where}: malformed JSON: {exc}"
                raise UsageError(msg) from None
            value = record.get(field) if isinstance(record, dict) else None
            if not isinstance(value, str):
                msg = f"{where}: no string field {field!r}"
                raise UsageError(msg)
            return value, where
    msg = f"{path}: no line {args.line}"
    raise UsageError(msg)


def _segments(doc: Document) -> Iterator[tuple[str, int]]:
    """The source cut at quote boundaries: (text, quote number or 0 for text between quotes)."""
    pos = 0
    for number, quote in enumerate(sorted(doc.quotes, key=lambda q: q.span), 1):
        start, end = max(quote.span[0], pos), max(quote.span[1], pos)
        if start > pos:
            yield doc.source[pos:start], 0
        yield doc.source[start:end], number
        pos = end
    if pos < len(doc.source):
        yield doc.source[pos:], 0


def _quote_rows(doc: Document) -> Iterator[list[str]]:
    for number, q in enumerate(sorted(doc.quotes, key=lambda q: q.span), 1):
        date = q.date.isoformat() if q.date else (q.date_raw or "")
        yield [
            str(number),
            f"{q.platform} {q.kind}",
            q.author or "",
            f"@{q.handle}" if q.handle else "",
            date,
            f"{q.confidence:.2f}",
            f"{q.span[0]}-{q.span[1]}",
            q.text or "",
        ]


QUOTE_COLUMNS = ["#", "platform", "author", "handle", "date", "conf.", "span", "text"]
REPAIR_COLUMNS = ["span", "kind", "original", "replacement", "reason"]


def _repair_rows(doc: Document) -> Iterator[list[str]]:
    for r in doc.repairs:
        yield [f"{r.span[0]}-{r.span[1]}", r.kind, repr(r.original), repr(r.replacement), r.reason]


def _explain_rich(name: str, doc: Document) -> None:
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = Console()
    source = Text()
    for text, number in _segments(doc):
        if number:
            source.append(f"[{number}]", style="bold white on blue")
            source.append(text, style="black on yellow")
        else:
            source.append(text)
    title = f"{name}: {len(doc.quotes)} embed(s), damage: {doc.damage.mechanism}"
    console.print(Text(title, style="bold"))
    console.print(Panel(source))
    if not doc.quotes:
        console.print(Text("No embeds found."))
    quotes = Table(title="Quotes")
    for column in QUOTE_COLUMNS[:-1]:
        quotes.add_column(column, overflow="fold", no_wrap=column != "author")
    for row in _quote_rows(doc):
        quotes.add_row(*(Text(cell) for cell in row[:-1]))
    if doc.quotes:
        console.print(quotes)
    for row in _quote_rows(doc):
        console.print(Text.assemble((f"[{row[0]}] ", "bold"), row[-1] or "(no text)"))
    if doc.repairs:
        repairs = Table(title="Repairs")
        for column in REPAIR_COLUMNS:
            wide = column in ("original", "replacement", "reason")
            repairs.add_column(column, overflow="fold", no_wrap=not wide, ratio=1 if wide else None)
        for row in _repair_rows(doc):
            repairs.add_row(*(Text(cell) for cell in row))
        console.print(repairs)
    else:
        console.print(Text("No repairs."))
    console.print(Text(f"Damage: {doc.damage.evidence}"))
    console.print(Panel(Text(doc.body), title="Clean body", title_align="left"))


def _explain_plain(name: str, doc: Document, out: IO[str]) -> None:
    def table(title: str, columns: list[str], rows: list[list[str]]) -> None:
        out.write(f"\n{title}\n")
        widths = [min(max([len(c), *(len(r[i]) for r in rows)]), 40) for i, c in enumerate(columns)]
        for row in [columns, *rows]:
            cells = [cell.replace("\n", " ") for cell in row]
            line = "  ".join(c.ljust(w) for c, w in zip(cells[:-1], widths, strict=False))
            out.write(f"  {line}  {cells[-1]}\n")

    out.write(f"== {name}: {len(doc.quotes)} embed(s), damage: {doc.damage.mechanism}\n")
    for text, number in _segments(doc):
        out.write(f"[[{number}: {text}]]" if number else text)
    out.write("\n")
    quotes = list(_quote_rows(doc))
    if quotes:
        table("Quotes", QUOTE_COLUMNS, quotes)
    else:
        out.write("\nNo embeds found.\n")
    repairs = list(_repair_rows(doc))
    if repairs:
        table("Repairs", REPAIR_COLUMNS, repairs)
    else:
        out.write("\nNo repairs.\n")
    out.write(f"\nDamage: {doc.damage.evidence}\n\n== Clean body\n{doc.body}\n")


def _run_explain(args: argparse.Namespace) -> int:
    """``embedfix explain``."""
    text, name = _read_one(args)
    doc: Document = embedfix.repair(text, **dict(_options(args, "explain")))
    try:
        import rich  # noqa: F401
    except ImportError:
        _explain_plain(name, doc, sys.stdout)
    else:
        _explain_rich(name, doc)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``embedfix`` command with ``argv`` (default: ``sys.argv[1:]``); the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "explain":
            return _run_explain(args)
        return _run_stream(args, args.command)
    except UsageError as exc:
        sys.stderr.write(f"embedfix {args.command}: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `embedfix repair big.jsonl | head`
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_RECORD_ERRORS
    except KeyboardInterrupt:
        sys.stderr.write("embedfix: interrupted\n")
        return 130
