"""Shared by the atheris harnesses: turn fuzz bytes into a str and check the results' invariants.

Every input is a str, so any exception at all is a crash (TypeError and ValueError are promised
only for bad types and bad options). A broken invariant (a span that is not its source slice,
overlapping quotes) is raised as an AssertionError and counts as a crash too.
"""

from __future__ import annotations

from typing import Any


def text_from(data: bytes) -> str:
    """Any str, lone surrogates and control characters included, from the fuzzer's bytes.

    Pure Python (no atheris), so tools/regression tests decode a saved crash input the same way.
    The first byte picks the decoding of the rest.
    """
    if not data:
        return ""
    mode, rest = data[0] % 3, data[1:]
    if mode == 0:  # UTF-8 as a scraper would have it; the fuzzer's dictionary feeds this mode
        return rest.decode("utf-8", "replace")
    if mode == 1:  # UTF-16 code units: every BMP character, lone surrogates, astral pairs
        return rest[: len(rest) // 2 * 2].decode("utf-16-le", "surrogatepass")
    return rest.decode("latin-1")  # every byte a character: C0 and C1 controls


def check_quotes(source: str, quotes: Any) -> None:
    """Spans exact, ordered and non-overlapping; every raw is its source slice."""
    end = 0
    for q in quotes:
        start, stop = q.span
        assert end <= start < stop <= len(source), (q.span, end)
        assert q.raw == source[start:stop], q
        end = stop
