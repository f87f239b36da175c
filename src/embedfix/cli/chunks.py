"""Reading input: files and standard input cut into chunks of whole lines, in order.

The block size (`embedfix.cli.BLOCK_BYTES`, `embedfix.cli.TAPER_BYTES`) is read from the package at
each call: it is a setting of the command, which tests change.
"""

from __future__ import annotations

import io
import os
import stat
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, cast

from embedfix import cli
from embedfix.cli.tasks import Chunk

STDIN = "-"
"""The file name that stands for standard input."""

JSONL_SUFFIXES = (".jsonl", ".ndjson")
"""File suffixes read as JSON Lines when ``--input auto`` (in any case, optionally ``.gz``)."""

TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml")
"""File suffixes read as one document each when ``--input auto`` (the same)."""

Reading = Callable[[str], "bool | None"]
"""Path -> whether to read it as JSON Lines; None leaves it to the input's first byte."""

_SNIFF_BYTES = 4096


def reading_by_name(path: str) -> bool | None:
    """How ``--input auto`` reads ``path`` from its name alone: JSON Lines (True), one document
    (False), or None when the name does not say (standard input, a pipe, ``data.json``)."""
    if path == STDIN:
        return None
    name = path.lower().removesuffix(".gz")
    if name.endswith(JSONL_SUFFIXES):
        return True
    if name.endswith(TEXT_SUFFIXES):
        return False
    return None


def starts_like_jsonl(stream: IO[bytes]) -> bool:
    """Whether the input's first character other than whitespace (or a BOM) is ``{``.

    Looks ahead without consuming: ``stream`` must have ``peek`` (a buffered reader). No news
    article or HTML page starts with ``{``, and every JSON Lines record does.
    """
    head = cast("io.BufferedReader", stream).peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")


_GZIP_MAGIC = b"\x1f\x8b\x08"
"""gzip's two magic bytes and its one compression method (deflate): text never starts so (0x8b is
no first byte of UTF-8), and the third byte keeps a stray binary pair from being taken for gzip."""


def _gunzipped(stream: IO[bytes]) -> IO[bytes] | None:
    """A decompressing reader over ``stream`` when it starts like gzip data (``zcat``-less
    pipes: ``cat corpus.jsonl.gz | embedfix repair``), else None. Looks ahead without
    consuming (``stream`` must have ``peek``)."""
    if cast("io.BufferedReader", stream).peek(3)[:3] != _GZIP_MAGIC:
        return None
    import gzip

    return cast("IO[bytes]", gzip.GzipFile(fileobj=stream, mode="rb"))


def _open(path: str, stdin: IO[bytes]) -> IO[bytes]:
    if path == STDIN:
        return stdin
    if path.lower().endswith(".gz"):
        import gzip

        return cast("IO[bytes]", gzip.open(path, "rb"))
    return Path(path).open("rb")


def is_regular(path: str) -> bool:
    """Whether ``path`` is a regular file (not standard input, a pipe or a device)."""
    try:
        return path != STDIN and stat.S_ISREG(Path(path).stat().st_mode)
    except OSError:
        return False


def _buffered(stream: IO[bytes]) -> IO[bytes]:
    """``stream`` itself if it can look ahead, else a buffered reader over it."""
    if hasattr(stream, "peek"):
        return stream
    return cast("IO[bytes]", io.BufferedReader(cast("io.RawIOBase", stream)))


_READ_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error)
"""What reading a file can raise: a device or disk error, a ``.gz`` cut short (EOFError) or
corrupt (`gzip.BadGzipFile` is an OSError, a bad deflate stream a `zlib.error`)."""


def _why(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the compressed file is truncated"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def read_chunks(
    paths: Sequence[str],
    *,
    jsonl: Reading,
    stdin: IO[bytes],
    by_reference: bool = False,
) -> Iterator[Chunk]:
    """Yield the input as chunks, in order, reading each file in blocks of whole lines.

    ``jsonl`` says how to read each path; where it says None, the input's first byte decides
    (`starts_like_jsonl`). With ``by_reference``, chunks of regular uncompressed files carry where
    their bytes lie rather than the bytes (the blocks are still read here, to cut them at line
    ends and count lines); pipes and devices are read here, once.

    A file that fails part way (a truncated or corrupt ``.gz``, a read error) gives every whole
    line read before the failure, then a chunk with the problem; the next file is read as usual.
    A line longer than `embedfix.cli.MAX_LINE_BYTES` is one failed record (`Chunk.lost_record`)
    and is skipped without being held in memory.
    """
    for path in paths:
        name = "<stdin>" if path == STDIN else path
        try:
            opened = _open(path, stdin)
        except OSError as exc:
            yield Chunk(name, 1 if jsonl(path) else 0, b"", f"cannot read: {exc.strerror or exc}")
            continue
        refer = by_reference and not path.lower().endswith(".gz") and is_regular(path)
        stream = opened
        try:
            if not path.lower().endswith(".gz"):  # compressed data whose name does not say
                stream = _buffered(opened)
                unzipped = _gunzipped(stream)
                if unzipped is not None:
                    stream, refer = unzipped, False
            as_jsonl = jsonl(path)
            if as_jsonl is None:
                stream = _buffered(stream)
                as_jsonl = starts_like_jsonl(stream)
            if as_jsonl and refer:
                yield from _line_spans(name, path)
            elif as_jsonl:
                yield from _line_blocks(name, stream)
            elif refer:
                yield Chunk(name, 0, b"", location=(path, 0, Path(path).stat().st_size))
            else:
                yield Chunk(name, 0, stream.read())
        except _READ_ERRORS as exc:
            yield Chunk(name, 0, b"", f"read failed: {_why(exc)}")
        finally:
            if opened is not stdin:
                opened.close()


def _too_long(name: str, line: int) -> Chunk:
    limit = cli.MAX_LINE_BYTES
    size = f"{limit / (1 << 20):g} MB" if limit >= 1 << 20 else f"{limit:,} bytes"
    return Chunk(
        name, line, b"", f"line {line} is longer than the {size} limit; skipped", lost_record=True
    )


def _line_blocks(name: str, stream: IO[bytes]) -> Iterator[Chunk]:
    """The stream cut into blocks of whole lines.

    Each piece read is kept once and joined once, so a long line costs memory and time linear
    in its length. ``read1`` returns what one read of the underlying file gives, so a ``.gz``
    that fails part way loses only the piece that failed: the whole lines before it are
    yielded, then the problem. A line that grows past `embedfix.cli.MAX_LINE_BYTES` without
    ending is reported (`_too_long`) and its bytes dropped as they come."""
    read = getattr(stream, "read1", stream.read)
    line = 1  # the number of the first line in ``done``
    done: list[bytes] = []  # whole lines not yet yielded
    done_size = 0
    current: list[bytes] = []  # the line being read: no line end in it yet
    current_size = 0
    skipping = False  # inside a line over the limit: drop bytes until it ends
    while True:
        try:
            block = read(cli.BLOCK_BYTES)
        except _READ_ERRORS as exc:
            if done:
                yield Chunk(name, line, b"".join(done))
                line += sum(piece.count(b"\n") for piece in done)
            yield Chunk(name, line, b"", f"read failed at line {line}: {_why(exc)}")
            return
        if not block:
            break
        if skipping:
            end = block.find(b"\n")
            if end < 0:
                continue
            skipping = False
            block = block[end + 1 :]
        first = block.find(b"\n")
        if current_size + (first if first >= 0 else len(block)) > cli.MAX_LINE_BYTES:
            if done:  # the whole lines before it first, in order
                yield Chunk(name, line, b"".join(done))
                line += sum(piece.count(b"\n") for piece in done)
                done, done_size = [], 0
            yield _too_long(name, line)
            line += 1
            current, current_size = [], 0
            if first < 0:  # it has not ended: drop what follows until it does
                skipping = True
                continue
            block = block[first + 1 :]
            first = block.find(b"\n")
        if first < 0:
            current.append(block)
            current_size += len(block)
            continue
        last = block.rfind(b"\n") + 1
        done.extend(current)
        done.append(block[:last])
        done_size += current_size + last
        current = [block[last:]] if last < len(block) else []
        current_size = len(block) - last
        if done_size >= cli.BLOCK_BYTES:
            data = b"".join(done)
            yield Chunk(name, line, data)
            line += data.count(b"\n")
            done, done_size = [], 0
    rest = b"".join(done + current)
    if rest:
        yield Chunk(name, line, rest)


def _line_spans(name: str, path: str) -> Iterator[Chunk]:
    """The file cut into blocks of whole lines, as places in it for the workers to read.

    Only the line ends are looked for here: the file is read into one reused buffer and no byte
    is copied, as this runs in the parent process, in series with everything the workers do.
    The last blocks shrink (a quarter of what is left, down to `TAPER_BYTES`), so that no worker
    is left alone with a whole block at the end. A line over `embedfix.cli.MAX_LINE_BYTES` is
    reported as one failed record and skipped.
    """
    line = 1
    start = 0  # where the next chunk starts: just after a line end (or at 0)
    pos = 0  # where the next read starts; no line end lies between ``start`` and ``pos``
    buffer = bytearray(cli.BLOCK_BYTES)
    view = memoryview(buffer)
    limit = cli.MAX_LINE_BYTES
    with Path(path).open("rb", buffering=0) as raw:
        total = os.fstat(raw.fileno()).st_size
        while size := raw.readinto(
            view[: min(cli.BLOCK_BYTES, max(cli.TAPER_BYTES, (total - pos) // 4))]
        ):
            first = buffer.find(b"\n", 0, size)
            if first < 0:
                pos += size
                continue  # a line longer than a block: keep reading until it ends
            if pos + first - start > limit:  # the line from ``start`` ends here, too long
                yield _too_long(name, line)
                line += 1
                start = pos + first + 1
            last = buffer.rfind(b"\n", 0, size)
            cut = pos + last + 1
            if cut > start:
                yield Chunk(name, line, b"", location=(path, start, cut - start))
                line += buffer.count(b"\n", first + 1 if start > pos else 0, last + 1)
                start = cut
            pos += size
    if pos - start > limit:
        yield _too_long(name, line)
    elif pos > start:
        yield Chunk(name, line, b"", location=(path, start, pos - start))
