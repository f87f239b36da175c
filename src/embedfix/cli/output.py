"""Writing output: the chunks' results in order, copied from the workers' spool files."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO

from embedfix.cli.tasks import ChunkResult

_NO_SENDFILE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EAGAIN, errno.EBADF}
"""``sendfile`` errors that mean "not to this file": fall back to copying through Python."""


EXIT_OUTPUT = 3
"""The exit status when the output cannot be written (a full disk, an I/O error): the output then
holds whole records only, those written before the failure."""


class OutputError(Exception):
    """Writing the output failed; the message says where and why."""


class Writer:
    """Writes the chunks' output, framing a JSON array when the format is ``json``.

    After each chunk the output is flushed and, when it is a regular file, the offset noted: a
    write that fails (`OutputError`) drops what was buffered and cuts the file back there, so
    the output is always a run of whole records."""

    def __init__(self, stream: IO[bytes], fmt: str, name: str = "standard output") -> None:
        self._stream = stream
        self._name = name
        self._json = fmt == "json"
        self._empty = True
        self._failed = False
        self._sendfile = hasattr(os, "sendfile")
        self._good = self._offset()
        if self._json:
            self._guarded(stream.write, b"[\n")

    def _offset(self) -> int | None:
        """Where the output ends now, if it is a regular file (else it cannot be cut back)."""
        try:
            fd = self._stream.fileno()
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            return os.lseek(fd, 0, os.SEEK_CUR)
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            return None

    def _guarded(self, action: Callable[[bytes], object], data: bytes) -> None:
        try:
            action(data)
            self._stream.flush()
        except BrokenPipeError:  # the reader went away (``| head``): not a write failure
            raise
        except OSError as exc:
            self._abandon()
            msg = f"cannot write {self._name}: {exc.strerror or exc}; it holds whole records only"
            raise OutputError(msg) from None
        self._good = self._offset()

    def _abandon(self) -> None:
        """After a failed write: drop what is still buffered and cut a regular file back to its
        last whole record. Nothing is written afterwards."""
        self._failed = True
        try:
            fd = self._stream.fileno()
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            return
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            saved = os.dup(fd)
            os.dup2(devnull, fd)  # the buffered rest is flushed to nowhere
            with contextlib.suppress(OSError, ValueError):
                self._stream.flush()
            os.dup2(saved, fd)
            os.close(saved)
            os.close(devnull)
        if self._good is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, self._good)

    def write(self, result: ChunkResult) -> None:
        """Write one chunk's output (records already joined), wherever the worker left it."""
        if not result.output and result.spooled is None:
            return
        if self._json and not self._empty:
            self._guarded(self._stream.write, b",\n")
        if result.spooled is not None:
            try:
                self._guarded(self._copy, result.spooled.encode())
            finally:
                Path(result.spooled).unlink(missing_ok=True)
        else:
            self._guarded(self._stream.write, result.output)
        self._empty = False

    def _copy(self, name: bytes) -> None:
        """Copy a spooled file to the output, in the kernel (``sendfile``) when it allows."""
        with Path(name.decode()).open("rb") as source:
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
        """Finish the output (close the JSON array) and flush it; nothing after a failure."""
        if self._failed:
            return
        if self._json:
            self._guarded(self._stream.write, b"]\n" if self._empty else b"\n]\n")
        else:
            self._guarded(self._stream.write, b"")
