"""The result types: what `repair` and `repair_html` return.

Every result is a frozen dataclass, so it can be hashed, pickled and shared between threads, and
each has a `to_dict()` whose keys never change from one document to the next (Arrow, pandas and
Spark infer one schema for a whole column; a key that is sometimes missing breaks them).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]
"""A half-open character range ``(start, end)`` into the ``source`` string."""


@dataclass(frozen=True, slots=True)
class Repair:
    """One change made to the text, with where it was made and why."""

    span: Span
    """Where the changed text lies in ``Document.source``."""
    kind: str
    """What sort of change: ``"mojibake"``, ``"entity"``, ``"lost"``, ``"control"``, ``"glue"``, ..."""
    reason: str
    """A short human explanation, e.g. ``"8 '?' = 2 code points lost (utf8mb3, 4 bytes each)"``."""
    original: str
    """The text as it stood in the source (``source[span[0]:span[1]]``)."""
    replacement: str
    """What the text became in the output (may be empty when text was dropped)."""
    qmarks: int = 0
    """For ``kind == "lost"``: the number of ``?`` in the run; 0 otherwise."""
    lost: int = 0
    """For ``kind == "lost"``: the inferred number of code points destroyed; 0 otherwise."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every key always present."""
        return {
            "span": list(self.span),
            "kind": self.kind,
            "reason": self.reason,
            "original": self.original,
            "replacement": self.replacement,
            "qmarks": self.qmarks,
            "lost": self.lost,
        }


@dataclass(frozen=True, slots=True)
class Damage:
    """The encoding-damage model inferred for one whole document.

    Lost characters are judged per document: whether a run of ``????`` is four lost bytes of one
    emoji or four real question marks depends on what else survived in the same text.
    """

    mechanism: str
    """``"none"``, ``"utf8mb3-bytes"`` (one ``?`` per UTF-8 byte of each 4-byte character),
    ``"code-points"`` (one ``?`` per lost character), ``"utf16-units"`` (two per astral character),
    or ``"unknown"`` (runs were lost but their size cannot be read)."""
    qmarks_per_char: int | None
    """How many ``?`` stand for one lost code point (4, 1, 2), or None when unknown or no damage."""
    lost_runs: int
    """How many ``?`` runs were judged to be lost characters."""
    mojibake: bool
    """Whether mojibake (``â€™``, ``Ã©``) was found and fixed anywhere in the document."""
    evidence: str
    """A sentence saying why this model was chosen."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every key always present."""
        return {
            "mechanism": self.mechanism,
            "qmarks_per_char": self.qmarks_per_char,
            "lost_runs": self.lost_runs,
            "mojibake": self.mojibake,
            "evidence": self.evidence,
        }


NO_DAMAGE = Damage("none", None, 0, False, "no lost-character runs or mojibake found")
"""The damage model of a clean document."""


@dataclass(frozen=True, slots=True)
class Quote:
    """One embedded post found in a document: who wrote it, when, what it says, and where it was."""

    platform: str
    """``"twitter"``, ``"instagram"``, ``"facebook"``, ``"tiktok"``, ``"bluesky"``, ``"threads"``,
    ``"mastodon"``, ``"reddit"``, ``"youtube"``, ... (the ``platforms`` modules name them)."""
    span: Span
    """The whole embed in the source: from the first character of the post text (or of the
    signature when there is no text) to the end of the date; for split layouts it also covers the
    continuation; for a bare status URL it is the URL."""
    raw: str
    """Exactly ``source[span[0]:span[1]]``."""
    text: str | None = None
    """The post's own words as a reader sees them, encoding repaired, trailing media links removed
    (they are in ``media``). None when the embed carries no text."""
    text_span: Span | None = None
    """Where the post text lies in the source (before any repair), or None."""
    author: str | None = None
    """The display name as shown in the signature (may be empty), or None when absent."""
    handle: str | None = None
    """The account handle without ``@`` (``user@host`` for Mastodon, a domain for Bluesky)."""
    date: datetime.date | None = None
    """The post's date, parsed from the signature or the status id, or None."""
    date_raw: str | None = None
    """The date exactly as written in the source, or None."""
    date_lang: str | None = None
    """The language the date was written in (``"fr"``, ``"ja"``), or None when ambiguous or absent."""
    media: tuple[str, ...] = ()
    """Media placeholders found at the end of the text, e.g. ``"pic.twitter.com/6sAazwuRIJ"``."""
    urls: tuple[str, ...] = ()
    """Other links in the text (``https://t.co/...``, display URLs), in order."""
    hashtags: tuple[str, ...] = ()
    """Hashtags in the text, without ``#``."""
    mentions: tuple[str, ...] = ()
    """Mentioned handles in the text, without ``@``."""
    cashtags: tuple[str, ...] = ()
    """Cashtags in the text, without ``$``."""
    url: str | None = None
    """The post's permalink when it is known (bare status URLs, HTML embeds), else None."""
    status_id: str | None = None
    """The post id from the permalink, as a string of digits (or the platform's own id), else None."""
    lang: str | None = None
    """The post's language when the markup states it (``<p lang>``), else None."""
    confidence: float = 1.0
    """How sure the detector is of the boundaries, from 0 to 1."""
    kind: str = "embed"
    """``"embed"`` (text and signature), ``"signature"`` (a signature without text),
    ``"status-url"`` (a bare permalink) or ``"boilerplate"`` (a leftover such as
    "View this post on Instagram" that has lost its content)."""
    evidence: tuple[str, ...] = ()
    """The names of the rules that fired for this quote, for debugging and `explain`."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every key always present (dates as ISO strings)."""
        return {
            "platform": self.platform,
            "kind": self.kind,
            "author": self.author,
            "handle": self.handle,
            "date": self.date.isoformat() if self.date is not None else None,
            "date_raw": self.date_raw,
            "date_lang": self.date_lang,
            "text": self.text,
            "raw": self.raw,
            "span": list(self.span),
            "text_span": list(self.text_span) if self.text_span is not None else None,
            "media": list(self.media),
            "urls": list(self.urls),
            "hashtags": list(self.hashtags),
            "mentions": list(self.mentions),
            "cashtags": list(self.cashtags),
            "url": self.url,
            "status_id": self.status_id,
            "lang": self.lang,
            "confidence": self.confidence,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class Document:
    """The result of `embedfix.repair`: the article body and the embeds found in it."""

    source: str
    """The input text, untouched."""
    body: str
    """The text with every embed removed (or replaced by the placeholder), encoding repaired."""
    quotes: tuple[Quote, ...] = ()
    """The embeds found, in order of appearance."""
    repairs: tuple[Repair, ...] = ()
    """Every change made to the text outside the quotes' removal, in source order."""
    damage: Damage = field(default=NO_DAMAGE)
    """The encoding-damage model inferred for this document."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every key always present."""
        return {
            "source": self.source,
            "body": self.body,
            "quotes": [q.to_dict() for q in self.quotes],
            "repairs": [r.to_dict() for r in self.repairs],
            "damage": self.damage.to_dict(),
        }

    def _repr_html_(self) -> str:
        """The document drawn for Jupyter: `embedfix.render.fragment` (imported when first used)."""
        from embedfix.render import fragment

        return fragment(self)


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    """The result of `embedfix.repair_html`: the page without its embeds, and the embeds."""

    source: str
    """The input HTML, untouched."""
    html: str
    """The page with each embed, its wrapper and its loader script removed (or replaced by the
    placeholder)."""
    quotes: tuple[Quote, ...] = ()
    """The embeds found, in document order; their spans are offsets into ``source``."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every key always present."""
        return {
            "source": self.source,
            "html": self.html,
            "quotes": [q.to_dict() for q in self.quotes],
        }

    def _repr_html_(self) -> str:
        """The page drawn for Jupyter: `embedfix.render.fragment` (imported when first used)."""
        from embedfix.render import fragment

        return fragment(self)
