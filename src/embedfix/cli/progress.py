"""The progress bar on standard error: documents, MB/s and embeds found (``rich`` if installed)."""

from __future__ import annotations

import sys
import time
from typing import Any

from embedfix.cli.tasks import ChunkResult


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
