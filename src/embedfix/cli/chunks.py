"""Reading input: files and standard input cut into chunks of whole lines, in order.

The block size (`embedfix.cli.BLOCK_BYTES`, `embedfix.cli.TAPER_BYTES`) is read from the package at
each call: it is a setting of the command, which tests change.
"""

from __future__ import annotations

import io
import os
import stat
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
        except OSError as exc:
            yield Chunk(name, 0, b"", f"read failed: {exc}")
        finally:
            if opened is not stdin:
                opened.close()


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
