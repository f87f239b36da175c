"""The result types: what `repair` and `repair_html` return.

Every result is a frozen dataclass, so it can be hashed, pickled and shared between threads, and
each has a `to_dict()` whose keys never change from one document to the next (Arrow, pandas and
Spark need one schema for a whole column; a key that is sometimes missing breaks them) and a
`from_dict()` that reads such a dict back. Both are derived from the dataclass fields and their
types, as is the typed schema of `embedfix.schema`, so the three cannot disagree.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import sys
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, Union, cast

Span = tuple[int, int]
"""A half-open character range ``(start, end)`` into the ``source`` string."""

Platform = Literal[
    "twitter",
    "bluesky",
    "instagram",
    "facebook",
    "tiktok",
    "threads",
    "mastodon",
    "reddit",
    "youtube",
    "vimeo",
    "spotify",
    "linkedin",
    "telegram",
]
"""Every value of `Quote.platform`: the platforms `repair` finds in text (`embedfix.PLATFORMS`)
and the players `repair_html` also reads from markup (Vimeo, Spotify, LinkedIn, Telegram)."""

QuoteKind = Literal["embed", "signature", "status-url", "boilerplate"]
"""Every value of `Quote.kind`."""

RepairKind = Literal["mojibake", "entity", "control", "nbsp", "lost", "escape"]
"""Every value of `Repair.kind`."""

Mechanism = Literal["none", "utf8mb3-bytes", "code-points", "utf16-units", "unknown"]
"""Every value of `Damage.mechanism`."""

Dates = Literal["iso", "date"]
"""How `to_dict` gives dates: ``"iso"`` as ISO 8601 strings (JSON), ``"date"`` as
`datetime.date` objects (for Arrow, Hugging Face datasets, polars and Spark, whose date columns
take dates, not strings)."""

_T = TypeVar("_T", bound="_Record")


class _Record:
    """`to_dict` and `from_dict` for the result dataclasses, driven by their fields' types."""

    __slots__ = ()

    def to_dict(self, *, dates: Dates = "iso") -> dict[str, Any]:
        """A dict of every field, in field order, with every key always present: tuples become
        lists, nested results dicts, and dates ISO strings (``dates="iso"``, JSON-ready) or
        `datetime.date` objects (``dates="date"``, for typed columns)."""
        if dates not in ("iso", "date"):
            msg = f"dates must be 'iso' or 'date', not {dates!r}"
            raise ValueError(msg)
        out: dict[str, Any] = _converter(cast("type", type(self)))(self, dates, dates == "iso")
        return out

    @classmethod
    def from_dict(cls: type[_T], data: dict[str, Any]) -> _T:
        """The result that `to_dict` gave ``data`` (dates may be ISO strings or dates; lists
        become tuples; a key left out takes the field's default)."""
        return _from_dict(cls, data)


def _from_dict(cls: type[_T], data: dict[str, Any]) -> _T:
    if not isinstance(data, dict):
        msg = f"{cls.__name__}.from_dict() takes a dict, not {type(data).__name__}"
        raise TypeError(msg)
    hints = _type_hints(cast("type", cls))  # a class is hashable; mypy cannot see it here
    return cls(
        **{name: _typed(hints[name], value) for name, value in data.items() if name in hints}
    )


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    """The resolved type of each field of the dataclass ``cls`` (the types never change)."""
    return typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))


@functools.cache
def _converter(cls: type) -> Callable[[Any, str, bool], dict[str, Any]]:
    """The body of ``cls.to_dict``, written once from the fields' types (as `dataclasses` writes
    ``__init__``): a tuple becomes a list, a nested result its dict, a date an ISO string or
    itself; one dict display, with no per-call look at the types (``to_dict`` runs on every
    document of a corpus)."""
    hints = _type_hints(cls)
    items = []
    for f in dataclasses.fields(cls):
        value = f"self.{f.name}"
        hint = hints[f.name]
        optional = typing.get_origin(hint) in (Union, types.UnionType)
        if optional:
            hint = next(a for a in typing.get_args(hint) if a is not type(None))
        if typing.get_origin(hint) is tuple:
            item = typing.get_args(hint)[0]
            if isinstance(item, type) and issubclass(item, _Record):
                expr = f"[v.to_dict(dates=dates) for v in {value}]"
            else:
                expr = f"list({value})"
        elif isinstance(hint, type) and issubclass(hint, _Record):
            expr = f"{value}.to_dict(dates=dates)"
        elif hint is datetime.date:
            expr = f"({value}.isoformat() if iso else {value})"
        else:
            items.append(f"{f.name!r}: {value}")
            continue
        if optional:
            expr = f"({expr} if {value} is not None else None)"
        items.append(f"{f.name!r}: {expr}")
    source = "def to_dict(self, dates, iso):\n    return {" + ", ".join(items) + "}\n"
    namespace: dict[str, Any] = {}
    exec(source, namespace)
    function: Callable[[Any, str, bool], dict[str, Any]] = namespace["to_dict"]
    return function


def _typed(hint: Any, value: Any) -> Any:
    """``value`` (from a dict) as the field type ``hint`` wants it."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _typed(inner[0], value)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_typed(args[0], v) for v in value)
        return tuple(_typed(a, v) for a, v in zip(args, value, strict=True))
    if isinstance(hint, type) and issubclass(hint, _Record):
        return hint.from_dict(value)
    if hint is datetime.date:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, str):
            return datetime.date.fromisoformat(value)
    return value


@dataclass(frozen=True, slots=True)
class Repair(_Record):
    """One change made to the text, with where it was made and why."""

    span: Span
    """Where the changed text lies in ``Document.source``."""
    kind: RepairKind
    """What sort of change: ``"mojibake"`` (text decoded again), ``"entity"`` (an HTML entity
    decoded), ``"lost"`` (a run of ``?`` judged to be lost characters), ``"control"`` (a stray
    control character removed), ``"nbsp"`` (the ``Â`` left of a non-breaking space removed) or
    ``"escape"`` (a backslash escape decoded)."""
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


@dataclass(frozen=True, slots=True)
class Damage(_Record):
    """The encoding-damage model inferred for one whole document.

    Lost characters are judged per document: whether a run of ``????`` is four lost bytes of one
    emoji or four real question marks depends on what else survived in the same text.
    """

    mechanism: Mechanism
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


NO_DAMAGE = Damage("none", None, 0, False, "no lost-character runs or mojibake found")
"""The damage model of a clean document."""


@dataclass(frozen=True, slots=True)
class Quote(_Record):
    """One embedded post found in a document: who wrote it, when, what it says, and where it was."""

    platform: Platform
    """``"twitter"``, ``"instagram"``, ``"facebook"``, ``"tiktok"``, ``"bluesky"``, ``"threads"``,
    ``"mastodon"``, ``"reddit"``, ``"youtube"``, ... (`Platform` lists them all)."""
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
    kind: QuoteKind = "embed"
    """``"embed"`` (text and signature), ``"signature"`` (a signature without text),
    ``"status-url"`` (a bare permalink) or ``"boilerplate"`` (a leftover such as
    "View this post on Instagram" that has lost its content)."""
    evidence: tuple[str, ...] = ()
    """The names of the rules that fired for this quote, for debugging and `explain`."""


_D = TypeVar("_D", bound="Document")


@dataclass(frozen=True, slots=True)
class Document(_Record):
    """The result of `embedfix.repair`: the article body and the embeds found in it."""

    source: str
    """The input text, untouched."""
    body: str
    """The text with every embed removed (or replaced by the placeholder), encoding repaired."""
    quotes: tuple[Quote, ...] = ()
    """The embeds found, in order of appearance."""
    repairs: tuple[Repair, ...] = ()
    """Every encoding change made, in the body and in the quotes alike, in source order; each
    span is where the changed text lies in ``source``."""
    damage: Damage = field(default=NO_DAMAGE)
    """The encoding-damage model inferred for this document."""

    def to_dict(self, *, source: bool = True, dates: Dates = "iso") -> dict[str, Any]:
        """A dict of every field with every key always present (see `embedfix.schema` for its
        typed schema); ``source=False`` leaves the input out (a corpus record already holds it),
        ``dates="date"`` gives dates as `datetime.date` for typed columns.

        Examples:
            >>> import embedfix
            >>> doc = embedfix.repair("Read this.\\nWe won! — Jane Doe (@janedoe) May 2, 2019\\nMore.")
            >>> row = doc.to_dict(source=False)
            >>> list(row), row["quotes"][0]["date"]
            (['body', 'quotes', 'repairs', 'damage'], '2019-05-02')
            >>> embedfix.Document.from_dict(doc.to_dict()) == doc
            True
        """
        out = _Record.to_dict(self, dates=dates)
        if not source:
            del out["source"]
        return out

    @classmethod
    def from_dict(cls: type[_D], data: dict[str, Any], *, source: str | None = None) -> _D:
        """The document that `to_dict` gave ``data``; ``source`` gives the input when ``data``
        was written without it (``to_dict(source=False)``), else it is ``""``."""
        if isinstance(data, dict) and "source" not in data:
            data = {**data, "source": source if source is not None else ""}
        return _from_dict(cls, data)

    def _repr_html_(self) -> str:
        """The document drawn for Jupyter: `embedfix.render.fragment` (imported when first used)."""
        from embedfix.render import fragment

        return fragment(self)


@dataclass(frozen=True, slots=True)
class HtmlDocument(Document):
    """The result of `embedfix.repair_html`: a `Document` of the page, and the page's markup
    without its embeds.

    ``body`` is the page's text content without the embeds (the text of every element but
    scripts, styles and comments; a line break between blocks), encoding repaired; ``quotes``
    hold the embeds in document order, their spans offsets into ``source``; ``repairs`` lists the
    encoding changes made to the body and the quotes.
    """

    html: str = ""
    """The page with each embed, its wrapper and its loader script removed (or replaced by the
    placeholder), every other byte as it was."""
