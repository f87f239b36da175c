"""``embedfix explain``: one document, its embeds highlighted, the quotes and the repairs.

In the terminal (with ``rich`` when it is installed), or with ``--html OUT.html`` as a
self-contained page drawn by `embedfix.render.html`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import embedfix
from embedfix.cli.arguments import EXIT_OK, UsageError, _jsonl_rule, _options, check_inputs
from embedfix.cli.chunks import read_chunks
from embedfix.cli.stream import _stdin
from embedfix.cli.worker import _records
from embedfix.model import Document


def _read_one(args: argparse.Namespace) -> tuple[str, str]:
    """The document ``explain`` shows, and a name for it (``file`` or ``file:line``)."""
    path = args.file
    check_inputs([path])
    field = args.field or "text"
    for chunk in read_chunks([path], jsonl=_jsonl_rule(args), stdin=_stdin()):
        if chunk.problem is not None:
            msg = f"{chunk.source}: {chunk.problem}"
            raise UsageError(msg)
        for raw, where, file in _records(chunk, chunk.data):
            if file is not None:
                try:
                    return raw.decode("utf-8"), where
                except UnicodeDecodeError as exc:
                    msg = f"{where}: invalid UTF-8 at byte {exc.start}"
                    raise UsageError(msg) from None
            if int(where.rsplit(":", 1)[1]) != args.line:
                continue
            try:
                record = json.loads(raw)
            except ValueError as exc:
                msg = f"{where}: malformed JSON: {exc}"
                raise UsageError(msg) from None
            value = record.get(field) if isinstance(record, dict) else None
            if not isinstance(value, str):
                msg = f"{where}: no string field {field!r}"
                raise UsageError(msg)
            return value, where
    msg = f"{path}: no line {args.line}"
    raise UsageError(msg)


def _segments(doc: Document) -> Iterator[tuple[str, int]]:
    """The source cut at quote boundaries: (text, quote number or 0 for text between quotes)."""
    pos = 0
    for number, quote in enumerate(sorted(doc.quotes, key=lambda q: q.span), 1):
        start, end = max(quote.span[0], pos), max(quote.span[1], pos)
        if start > pos:
            yield doc.source[pos:start], 0
        yield doc.source[start:end], number
        pos = end
    if pos < len(doc.source):
        yield doc.source[pos:], 0


def _quote_rows(doc: Document) -> Iterator[list[str]]:
    for number, q in enumerate(sorted(doc.quotes, key=lambda q: q.span), 1):
        date = q.date.isoformat() if q.date else (q.date_raw or "")
        yield [
            str(number),
            f"{q.platform} {q.kind}",
            q.author or "",
            f"@{q.handle}" if q.handle else "",
            date,
            f"{q.confidence:.2f}",
            f"{q.span[0]}-{q.span[1]}",
            q.text or "",
        ]


QUOTE_COLUMNS = ["#", "platform", "author", "handle", "date", "conf.", "span", "text"]
REPAIR_COLUMNS = ["span", "kind", "original", "replacement", "reason"]


def _repair_rows(doc: Document) -> Iterator[list[str]]:
    for r in doc.repairs:
        yield [f"{r.span[0]}-{r.span[1]}", r.kind, repr(r.original), repr(r.replacement), r.reason]


def _explain_rich(name: str, doc: Document) -> None:
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = Console()
    source = Text()
    for text, number in _segments(doc):
        if number:
            source.append(f"[{number}]", style="bold white on blue")
            source.append(text, style="black on yellow")
        else:
            source.append(text)
    title = f"{name}: {len(doc.quotes)} embed(s), damage: {doc.damage.mechanism}"
    console.print(Text(title, style="bold"))
    console.print(Panel(source))
    if not doc.quotes:
        console.print(Text("No embeds found."))
    quotes = Table(title="Quotes")
    for column in QUOTE_COLUMNS[:-1]:
        quotes.add_column(column, overflow="fold", no_wrap=column != "author")
    for row in _quote_rows(doc):
        quotes.add_row(*(Text(cell) for cell in row[:-1]))
    if doc.quotes:
        console.print(quotes)
    for row in _quote_rows(doc):
        console.print(Text.assemble((f"[{row[0]}] ", "bold"), row[-1] or "(no text)"))
    if doc.repairs:
        repairs = Table(title="Repairs")
        for column in REPAIR_COLUMNS:
            wide = column in ("original", "replacement", "reason")
            repairs.add_column(column, overflow="fold", no_wrap=not wide, ratio=1 if wide else None)
        for row in _repair_rows(doc):
            repairs.add_row(*(Text(cell) for cell in row))
        console.print(repairs)
    else:
        console.print(Text("No repairs."))
    console.print(Text(f"Damage: {doc.damage.evidence}"))
    console.print(Panel(Text(doc.body), title="Clean body", title_align="left"))


def _explain_plain(name: str, doc: Document, out: IO[str]) -> None:
    def table(title: str, columns: list[str], rows: list[list[str]]) -> None:
        out.write(f"\n{title}\n")
        widths = [min(max([len(c), *(len(r[i]) for r in rows)]), 40) for i, c in enumerate(columns)]
        for row in [columns, *rows]:
            cells = [cell.replace("\n", " ") for cell in row]
            line = "  ".join(c.ljust(w) for c, w in zip(cells[:-1], widths, strict=False))
            out.write(f"  {line}  {cells[-1]}\n")

    out.write(f"== {name}: {len(doc.quotes)} embed(s), damage: {doc.damage.mechanism}\n")
    for text, number in _segments(doc):
        out.write(f"[[{number}: {text}]]" if number else text)
    out.write("\n")
    quotes = list(_quote_rows(doc))
    if quotes:
        table("Quotes", QUOTE_COLUMNS, quotes)
    else:
        out.write("\nNo embeds found.\n")
    repairs = list(_repair_rows(doc))
    if repairs:
        table("Repairs", REPAIR_COLUMNS, repairs)
    else:
        out.write("\nNo repairs.\n")
    out.write(f"\nDamage: {doc.damage.evidence}\n\n== Clean body\n{doc.body}\n")


def _run_explain(args: argparse.Namespace) -> int:
    """``embedfix explain``."""
    options = _options(args, "explain")  # checked before the input is read
    text, name = _read_one(args)
    doc: Document = embedfix.repair(text, **dict(options))
    if args.html is not None:
        from embedfix.render import html

        try:
            Path(args.html).write_text(html(doc, title=f"embedfix explain: {name}"), "utf-8")
        except OSError as exc:
            msg = f"cannot write {args.html}: {exc.strerror or exc}"
            raise UsageError(msg) from None
        sys.stdout.write(f"{args.html}: {len(doc.quotes)} embed(s) from {name}\n")
        return EXIT_OK
    try:
        import rich  # noqa: F401
    except ImportError:
        _explain_plain(name, doc, sys.stdout)
    else:
        _explain_rich(name, doc)
    return EXIT_OK
