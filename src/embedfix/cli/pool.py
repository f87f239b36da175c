"""Running: chunks processed in this process or in a pool of workers, results always in order."""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
import threading
from collections.abc import Generator, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from embedfix.cli.tasks import Chunk, ChunkResult, Job
from embedfix.cli.worker import process_chunk

if TYPE_CHECKING:
    import multiprocessing.pool


TASKS_PER_JOB = 4
"""How many blocks may be in flight per worker: enough to keep workers busy, few enough that
memory stays bounded when the writer (or a slow document) holds the line."""


SPOOL_ROOT = "/dev/shm"
"""Where the workers' spool directory is made: memory-backed where it exists, so spooled output
never hits a disk (the system's temporary directory otherwise). A setting of the command, read
at each run; the directory is removed however the run ends (SIGTERM and SIGHUP included)."""


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

    shm = Path(SPOOL_ROOT)
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
    """In a worker: leave Ctrl-C to the main process, which stops the pool cleanly; SIGTERM
    and SIGHUP take their default action (the main process's handler, inherited at the fork,
    would raise inside the worker and print a traceback when the pool terminates it)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
