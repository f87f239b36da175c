"""`repair` as a datatrove pipeline step: the clean body in ``doc.text``, the rest in metadata.

datatrove's formatters see a document's text only, so quotes cannot come out of one; a
`PipelineStep` sees the whole `Document`. `EmbedfixRepair` repairs each document's text and puts
the body back in ``doc.text`` and the quotes, repairs and damage in ``doc.metadata["embedfix"]``
(with ``keep_source=True`` the input text too, under ``"source"``), dates typed. It can drop the
documents that were nothing but embeds (``drop_embed_only=True``), and counts what it did in
datatrove's own stats (``documents``, ``quotes``, ``quotes_<platform>``, ``repaired``,
``mojibake``, ``dropped_embed_only``, ``not_text``).

datatrove's ``ParquetWriter`` takes its schema from its first document unless given one, and
``RecordBatch.from_pylist`` drops any key that schema does not name: give it
`EmbedfixRepair.parquet_schema` (naming the other metadata fields your reader adds). Note that
its ``JsonlReader`` and ``ParquetReader`` drop documents whose text is empty before any step sees
them.

The options are `repair`'s, checked when the step is made, before the pipeline runs. Importing
this module needs datatrove (``pip install 'embedfix[datatrove]'``); ``import embedfix`` does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

try:
    from datatrove.data import Document as TroveDocument
    from datatrove.pipeline.base import PipelineStep
except ImportError as exc:  # pragma: no cover - depends on the environment
    msg = "embedfix.datatrove needs datatrove: pip install 'embedfix[datatrove]'"
    raise ImportError(msg) from exc

from embedfix import schema
from embedfix._extras import need
from embedfix.model import Dates
from embedfix.pipeline import _repair
from embedfix.rows import check_options

__all__ = ["EmbedfixRepair"]


class EmbedfixRepair(PipelineStep):  # type: ignore[misc]  # datatrove is untyped
    """Repairs each document: the body becomes ``doc.text``; the quotes, repairs and damage go
    to ``doc.metadata[key]``."""

    name = "🩹 embedfix repair"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        *,
        key: str = "embedfix",
        keep_source: bool = False,
        drop_embed_only: bool = False,
        dates: Dates = "date",
        **options: Any,
    ) -> None:
        """``key``: the metadata key of the result. ``keep_source``: add the input text to it
        (``"source"``). ``drop_embed_only``: leave out documents with a quote and nothing but
        white space outside their quotes. ``dates``: ``"date"`` (typed, for Parquet) or
        ``"iso"``. ``options``: `repair`'s, checked here."""
        super().__init__()
        self.options = check_options("EmbedfixRepair", options)
        if dates not in ("date", "iso"):
            msg = f"dates must be 'date' or 'iso', not {dates!r}"
            raise ValueError(msg)
        if not isinstance(key, str) or not key:
            msg = f"key must be a non-empty str, not {key!r}"
            raise ValueError(msg)
        self.key = key
        self.keep_source = bool(keep_source)
        self.drop_embed_only = bool(drop_embed_only)
        self.dates: Dates = dates

    def parquet_schema(
        self, metadata: Mapping[str, Any] | Iterable[Any] = (), *, media: bool = False
    ) -> Any:
        """The ``pyarrow.Schema`` of the documents this step gives, for datatrove's
        ``ParquetWriter(schema=...)``: ``text``, ``id`` and ``metadata``, a struct of the result
        under ``key`` and of ``metadata`` (the other fields your reader or steps add: a mapping
        of name to Arrow type, or ``pyarrow.Field`` objects). ``media=True`` adds datatrove's
        media list, left out by default as its writers leave empty lists out."""
        pa = need("pyarrow", "EmbedfixRepair.parquet_schema", "'embedfix[arrow]'")
        result = schema.arrow(source=self.keep_source, dates=self.dates)
        result = pa.struct([f for f in result if f.name != "body"])
        extra = (
            [pa.field(name, typ) for name, typ in metadata.items()]
            if isinstance(metadata, Mapping)
            else list(metadata)
        )
        fields = [pa.field("text", pa.string()), pa.field("id", pa.string())]
        if media:
            fields.append(pa.field("media", pa.list_(_media_type(pa))))
        fields.append(pa.field("metadata", pa.struct([pa.field(self.key, result), *extra])))
        return pa.schema(fields)

    def run(
        self, data: Iterable[TroveDocument], rank: int = 0, world_size: int = 1
    ) -> Iterator[TroveDocument]:
        """Repair each document of ``data`` in place and pass it on (or drop it, see above)."""
        for doc in data:
            self.stat_update("documents")
            if not isinstance(doc.text, str):
                self.stat_update("not_text")
                doc.metadata[self.key] = None
                yield doc
                continue
            with self.track_time():
                result = _repair(doc.text, self.options)
                row = result.to_dict(source=self.keep_source, dates=self.dates)
            del row["body"]
            if result.quotes:
                self.stat_update("quotes", value=len(result.quotes))
                for quote in result.quotes:
                    self.stat_update(f"quotes_{quote.platform}")
            if result.repairs:
                self.stat_update("repaired")
            if result.damage.mojibake:
                self.stat_update("mojibake")
            if self.drop_embed_only and result.quotes and _only_embeds(result.source, result):
                self.stat_update("dropped_embed_only")
                continue
            doc.text = result.body
            doc.metadata[self.key] = row
            yield doc


def _only_embeds(source: str, result: Any) -> bool:
    """Whether nothing but white space lies outside the quotes' spans."""
    start = 0
    for quote in result.quotes:
        if source[start : quote.span[0]].strip():
            return False
        start = quote.span[1]
    return not source[start:].strip()


def _media_type(pa: Any) -> Any:
    return pa.struct(
        [
            pa.field("id", pa.string()),
            pa.field("type", pa.int64()),
            pa.field("url", pa.string()),
            pa.field("alt", pa.string()),
            pa.field("path", pa.string()),
            pa.field("offset", pa.int64()),
            pa.field("length", pa.int64()),
            pa.field("media_bytes", pa.binary()),
        ]
    )
