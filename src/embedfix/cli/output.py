"""Writing output: the chunks' results in order, copied from the workers' spool files."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from typing import IO

from embedfix.cli.tasks import ChunkResult

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
