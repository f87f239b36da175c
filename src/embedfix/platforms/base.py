"""What a platform's flattened-text grammar reports: a found embed, before repair and assembly.

Every platform module returns `Found` records; the pipeline resolves overlaps between them, repairs
the encoding of their fields and turns them into `Quote` objects. Keeping this one shape is what
lets a new platform be added as one file.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from embedfix.dates import DateMatch
from embedfix.model import Span


@dataclass(frozen=True, slots=True)
class Found:
    """An embed located in the source text; all offsets are into the source."""

    platform: str
    """The platform's name, as in `Quote.platform`."""
    span: Span
    """The whole embed, as `Quote.span`."""
    kind: str = "embed"
    """As `Quote.kind`: ``"embed"``, ``"signature"``, ``"status-url"`` or ``"boilerplate"``."""
    text_spans: tuple[Span, ...] = ()
    """The pieces of post text (one, or two for a split layout), in order."""
    author_span: Span | None = None
    """Where the display name lies, or None when the embed shows none."""
    handle: str | None = None
    """The handle as written, without ``@``."""
    date: DateMatch | None = None
    """The signature's date, or None."""
    inferred_date: datetime.date | None = None
    """A date known without being written (from a snowflake status id), or None."""
    url: str | None = None
    """The permalink, when the text shows it."""
    status_id: str | None = None
    """The post id, when known."""
    confidence: float = 1.0
    """How sure the grammar is of the boundaries, from 0 to 1."""
    evidence: tuple[str, ...] = ()
    """The names of the rules that fired."""
