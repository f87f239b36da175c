"""Processing, in the workers: each record of a chunk through the library, `--on-error` applied."""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import embedfix
from embedfix.cli.tasks import Chunk, ChunkResult, FailedRecordError, Job, RecordError
from embedfix.model import Document


def _call(job: Job, text: str) -> tuple[dict[str, Any], str, int]:
    """Run the library on one document: the result dict, the clean text, the number of quotes."""
    options = dict(job.options)
    if job.command == "html":
        page = embedfix.repair_html(text, **options)
        return page.to_dict(), page.html, len(page.quotes)
    doc: Document = embedfix.repair(text, **options)
    return doc.to_dict(), doc.body, len(doc.quotes)


def _dumps(job: Job, record: dict[str, Any]) -> bytes:
    indent = 2 if job.fmt == "json" else None
    try:
        out = json.dumps(record, ensure_ascii=False, indent=indent).encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (from \ud800 escapes): keep them escaped
        out = json.dumps(record, indent=indent).encode("ascii")
    return out if job.fmt == "json" else out + b"\n"


def _splice(job: Job, raw: bytes, record: dict[str, Any], key: str, value: Any) -> bytes | None:
    """The JSON Lines record ``raw`` with ``key: value`` added before its closing brace.

    The input bytes are kept exactly as they were (number formats, escapes, key order) and the
    document text is not serialised a second time. None when splicing does not apply: another
    output format, an empty record, or a record that already has ``key``.
    """
    if job.fmt != "jsonl" or not record or key in record:
        return None
    head = raw.rstrip()
    if not head.endswith(b"}"):
        return None
    return b"".join((head[:-1], b", ", _dumps(job, {key: value})[1:]))


def _text_out(text: str) -> bytes:
    out = text.encode("utf-8", "backslashreplace")
    return out if out.endswith(b"\n") else out + b"\n"


def _passthrough(job: Job, raw: bytes, file: str | None, record: Any, error: str) -> bytes:
    """The output for a record that failed under ``keep``: the input, unchanged, plus the error."""
    if job.fmt in ("text", "html"):
        return raw if raw.endswith(b"\n") else raw + b"\n"
    if isinstance(record, dict):
        spliced = _splice(job, raw, record, "error", error)
        return spliced if spliced is not None else _dumps(job, {**record, "error": error})
    shown = raw.decode("utf-8", "backslashreplace")
    if file is not None:
        return _dumps(job, {"file": file, "error": error, "source": shown})
    return _dumps(job, {"error": error, "raw": shown})


def process_record(job: Job, raw: bytes, where: str, file: str | None) -> tuple[bytes, int]:
    """Turn one input record into its output bytes and its number of quotes.

    ``file`` is the file name for a whole-file document and None for a JSON Lines record.
    Raises `FailedRecordError` (its message starting with ``where``) when the record cannot be
    read or the library raises on it.
    """
    record: Any = None
    try:
        text = raw.decode("utf-8")
        if file is None:
            try:
                record = json.loads(text)
            except ValueError as exc:
                msg = f"malformed JSON: {exc}"
                raise RecordError(msg) from None
            except RecursionError:  # nested deeper than the parser goes (any depth is valid)
                msg = "malformed JSON: nested too deeply to parse"
                raise RecordError(msg) from None
            if not isinstance(record, dict):
                msg = f"not a JSON object but {type(record).__name__}"
                raise RecordError(msg)
            if job.field not in record:
                msg = f"no field {job.field!r}"
                raise RecordError(msg)
            value = record[job.field]
            if not isinstance(value, str):
                msg = f"field {job.field!r} is {type(value).__name__}, not a string"
                raise RecordError(msg)
            text = value
        try:
            result, clean, quotes = _call(job, text)
        except Exception as exc:
            msg = f"{job.command} failed: {type(exc).__name__}" + (f": {exc}" if str(exc) else "")
            raise RecordError(msg) from exc
        if job.fmt in ("text", "html"):
            return _text_out(clean), quotes
        if file is not None:
            return _dumps(job, {"file": file, **result}), quotes
        del result["source"]  # the record already holds it under job.field
        if job.into:
            spliced = _splice(job, raw, record, job.into, result)
            if spliced is not None:
                return spliced, quotes
            record[job.into] = result
        else:
            record.update(result)
        return _dumps(job, record), quotes
    except UnicodeDecodeError as exc:
        message = f"{where}: invalid UTF-8 at byte {exc.start}: {exc.reason}"
        raise FailedRecordError(message, _passthrough(job, raw, file, None, message)) from None
    except RecordError as exc:
        message = f"{where}: {exc}"
        raise FailedRecordError(message, _passthrough(job, raw, file, record, message)) from None


def _records(chunk: Chunk, data: bytes) -> Iterator[tuple[bytes, str, str | None]]:
    """The records of a chunk: raw bytes, ``file:line`` location, file name for whole files."""
    if not chunk.jsonl:
        yield data, chunk.source, chunk.source
        return
    if chunk.first_line == 1 and data.startswith(codecs.BOM_UTF8):  # never part of a record
        data = data[len(codecs.BOM_UTF8) :]
    for offset, line in enumerate(data.split(b"\n")):
        if line.strip():
            yield line.rstrip(b"\r"), f"{chunk.source}:{chunk.first_line + offset}", None


def process_chunk(job: Job, chunk: Chunk) -> ChunkResult:
    """Process every record of a chunk, applying ``--on-error``; runs in a worker process."""
    if chunk.problem is not None:
        message = f"{chunk.source}: {chunk.problem}"
        record = chunk.lost_record or not chunk.jsonl  # else the file's problem, not a record's
        keep = job.on_error == "keep" and record
        file = None if chunk.jsonl else chunk.source
        out = _passthrough(job, b"", file, None, message) if keep else b""
        return ChunkResult(out, (message,), int(record), 0, 0, job.on_error == "stop")
    try:
        data = chunk.load()
    except OSError as exc:
        return process_chunk(job, Chunk(chunk.source, chunk.first_line, b"", f"read failed: {exc}"))
    pieces: list[bytes] = []
    errors: list[str] = []
    records = quotes = 0
    stopped = False
    for raw, where, file in _records(chunk, data):
        records += 1
        try:
            out, found = process_record(job, raw, where, file)
        except FailedRecordError as failure:
            errors.append(failure.message)
            if job.on_error == "stop":
                stopped = True
                break
            if job.on_error == "keep":
                pieces.append(failure.kept)
            continue
        pieces.append(out)
        quotes += found
    output = (b",\n" if job.fmt == "json" else b"").join(pieces)
    spooled = _spool(job.spool, output) if job.spool and output else None
    return ChunkResult(
        b"" if spooled else output, tuple(errors), records, quotes, len(data), stopped, spooled
    )


def _spool(directory: str, output: bytes) -> str | None:
    """Leave ``output`` in a new file in ``directory``; its name, or None if that failed."""
    import tempfile  # imported by the parent before it forks the workers: costs nothing here

    try:
        fd, name = tempfile.mkstemp(dir=directory)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(output)
    except OSError:  # e.g. the spool is full: send the output through the pipe instead
        Path(name).unlink(missing_ok=True)
        return None
    return name
