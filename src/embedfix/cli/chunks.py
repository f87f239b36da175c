"""Reading input: files and standard input cut into chunks of whole lines, in order.

The block size (`embedfix.cli.BLOCK_BYTES`, `embedfix.cli.TAPER_BYTES`) is read from the package at
each call: it is a setting of the command, which tests change.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, cast

from embedfix import cli
from embedfix.cli.tasks import Chunk

STDIN = "-"
"""The file name that stands for standard input."""

JSONL_SUFFIXES = (".jsonl", ".ndjson")
"""File suffixes read as JSON Lines when ``--input auto`` (optionally followed by ``.gz``)."""


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
        block = stream.read(cli.BLOCK_BYTES)
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
    buffer = bytearray(cli.BLOCK_BYTES)
    view = memoryview(buffer)
    with Path(path).open("rb", buffering=0) as raw:
        total = os.fstat(raw.fileno()).st_size
        while size := raw.readinto(
            view[: min(cli.BLOCK_BYTES, max(cli.TAPER_BYTES, (total - pos) // 4))]
        ):
            last = buffer.rfind(b"\n", 0, size)
            if last >= 0:  # else a line longer than a block: keep reading until it ends
                cut = pos + last + 1
                yield Chunk(name, line, b"", location=(path, start, cut - start))
                line += buffer.count(b"\n", 0, last + 1)
                start = cut
            pos += size
    if pos > start:
        yield Chunk(name, line, b"", location=(path, start, pos - start))
