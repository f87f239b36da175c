"""What the workers are given and what they hand back: jobs, chunks of input, their results."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


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
    lost_record: bool = False
    """True when ``problem`` is about one record that could not be read (a line over
    `embedfix.cli.MAX_LINE_BYTES`): it counts as a failed record, and ``--on-error keep`` writes
    an error record in its place; False when the problem is the file's (nothing more was read)."""

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
