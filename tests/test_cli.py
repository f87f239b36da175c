"""The ``embedfix`` command, driven as a user would: files, JSON Lines, stdin, errors, order.

Most tests call ``main(argv)`` in process (fast, and the library can be monkeypatched); a few run
``python -m embedfix`` in a subprocess to check the real entry point, exit status and streams.
"""

from __future__ import annotations

import datetime
import errno
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import embedfix
from embedfix import cli
from embedfix.model import Document, Quote, Repair

SRC = Path(__file__).resolve().parents[1] / "src"

ARTICLE = (
    "The council met on Tuesday to discuss the new harbour plan.\n"
    "Residents were not convinced. Read the full statement below.\n"
)

BROKEN_JSONL = (
    b'{"id": 1, "text": "First article, nothing embedded."}\n'
    b"\n"  # blank lines are not records
    b'{"id": 2, "text": "Second article'  # truncated: malformed JSON
    b"\n"
    b'{"id": 3, "title": "no text field"}\n'
    b'{"id": 4, "text": "caf\xe9 au lait"}\n'  # Latin-1 byte: invalid UTF-8
    b'{"id": 5, "text": "Fifth article."}\n'
)
"""Five records on six lines: 1 and 5 are good; 2, 3 and 4 (lines 3, 4, 5) are broken."""


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def jsonl(records: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def run(tmp_path: Path, *argv: str) -> tuple[int, list[dict[str, Any]]]:
    """Run ``embedfix`` in process with ``-o``; the exit status and the JSON Lines written."""
    out = tmp_path / "out.jsonl"
    status = cli.main([*argv, "-o", str(out)])
    lines = out.read_text(encoding="utf-8").splitlines()
    return status, [json.loads(line) for line in lines]


def stdin_bytes(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --- The normal paths -----------------------------------------------------------------------------


EMBED_ARTICLE = (
    "Storm Alex: roads closed across the valley\n"
    "Heavy rain closed several roads on Friday, the prefecture said.\n"
    "Stay safe everyone, and avoid the river banks tonight. "
    "pic.twitter.com/AbCdEf1234— Jane Doe (@janedoe) October 2, 2020\n"
    "Emergency services carried out more than 300 rescues overnight.\n"
)

TWEET_PAGE = (
    "<html><body><p>The mayor spoke on Friday.</p>\n"
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Stay safe everyone '
    '<a href="https://t.co/AbCdEf1234">pic.twitter.com/AbCdEf1234</a></p>&mdash; Jane Doe '
    '(@janedoe) <a href="https://twitter.com/janedoe/status/1311950000000000000?ref_src=twsrc'
    '%5Etfw">October 2, 2020</a></blockquote>\n'
    '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>\n'
    "<p>Rescues continued overnight.</p></body></html>\n"
)


def test_repair_takes_the_tweet_out_of_an_article(tmp_path: Path) -> None:
    src = write(tmp_path / "article.txt", EMBED_ARTICLE)
    status, [record] = run(tmp_path, "repair", str(src))
    assert status == cli.EXIT_OK
    [quote] = record["quotes"]
    assert (quote["handle"], quote["date"]) == ("janedoe", "2020-10-02")
    assert quote["text"] == "Stay safe everyone, and avoid the river banks tonight."
    assert "janedoe" not in record["body"] and "300 rescues" in record["body"]


def test_html_writes_the_cleaned_page_or_its_quotes(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    src = write(tmp_path / "page.html", TWEET_PAGE)
    assert cli.main(["html", str(src), "--format", "html"]) == cli.EXIT_OK
    page = capsysbinary.readouterr().out.decode()
    assert "twitter-tweet" not in page and "widgets.js" not in page
    assert "<p>Rescues continued overnight.</p>" in page
    status, [record] = run(tmp_path, "html", str(src))
    assert status == cli.EXIT_OK
    assert [(q["handle"], q["status_id"]) for q in record["quotes"]] == [
        ("janedoe", "1311950000000000000")
    ]


def test_html_reads_pages_from_json_lines(tmp_path: Path) -> None:
    src = write(tmp_path / "pages.jsonl", jsonl([{"url": "u", "html": TWEET_PAGE}]))
    _, [record] = run(tmp_path, "html", str(src))
    assert record["url"] == "u"
    assert len(record["embedfix"]["quotes"]) == 1
    assert set(record["embedfix"]) == {"body", "quotes", "repairs", "damage", "html"}


def test_jsonl_records_pass_through_with_the_result_under_into(tmp_path: Path) -> None:
    src = write(tmp_path / "in.jsonl", jsonl([{"id": 1, "text": ARTICLE, "url": "u"}]))
    status, [record] = run(tmp_path, "repair", str(src), "--jobs", "1")
    assert status == cli.EXIT_OK
    assert record["id"] == 1 and record["url"] == "u" and record["text"] == ARTICLE
    result = record["embedfix"]
    assert result["body"] == ARTICLE
    assert result["quotes"] == []
    assert "source" not in result, "the input text is already in the record"
    assert set(result) == {"body", "quotes", "repairs", "damage"}


def test_the_rest_of_a_record_passes_through_byte_for_byte(tmp_path: Path) -> None:
    line = b'{"z": 1.0, "big": 12345678901234567890, "a": "caf\\u00e9", "text": "x"}'
    src = write(tmp_path / "in.jsonl", line + b"\n")
    assert cli.main(["repair", str(src), "-o", str(tmp_path / "out.jsonl")]) == 0
    out = (tmp_path / "out.jsonl").read_bytes()
    assert out.startswith(line[:-1] + b', "embedfix": {"body": "x"')
    assert json.loads(out)["big"] == 12345678901234567890


def test_an_existing_key_under_into_is_replaced(tmp_path: Path) -> None:
    src = write(tmp_path / "in.jsonl", jsonl([{"text": "x", "embedfix": "old"}]))
    _, [record] = run(tmp_path, "repair", str(src))
    assert record["embedfix"]["body"] == "x"


def test_into_empty_merges_the_result_into_the_record(tmp_path: Path) -> None:
    src = write(tmp_path / "in.jsonl", jsonl([{"id": 1, "text": ARTICLE}]))
    _, [record] = run(tmp_path, "repair", str(src), "--into", "")
    assert record["body"] == ARTICLE and record["quotes"] == [] and "embedfix" not in record


def test_field_chooses_the_document_and_implies_json_lines(tmp_path: Path) -> None:
    src = write(tmp_path / "pages.txt", jsonl([{"content": ARTICLE}]))
    _, [record] = run(tmp_path, "repair", str(src), "--field", "content", "--into", "fix")
    assert record["fix"]["body"] == ARTICLE


def test_plain_text_file_is_one_document(tmp_path: Path) -> None:
    src = write(tmp_path / "article.txt", ARTICLE)
    status, [record] = run(tmp_path, "repair", str(src))
    assert status == cli.EXIT_OK
    assert record["file"] == str(src)
    assert record["source"] == ARTICLE and record["body"] == ARTICLE


def test_a_byte_order_mark_before_json_lines_is_not_an_error(tmp_path: Path) -> None:
    src = write(tmp_path / "bom.jsonl", b"\xef\xbb\xbf" + jsonl([{"text": "a"}, {"text": "b"}]))
    status, records = run(tmp_path, "repair", str(src))
    assert status == cli.EXIT_OK
    assert [r["embedfix"]["body"] for r in records] == ["a", "b"]


def test_gzipped_json_lines_are_read(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(gzip.compress(jsonl([{"text": "a"}, {"text": "b"}])))
    _, records = run(tmp_path, "repair", str(src))
    assert [r["embedfix"]["body"] for r in records] == ["a", "b"]


def test_standard_input_plain_text(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    stdin_bytes(monkeypatch, ARTICLE.encode())
    assert cli.main(["repair"]) == cli.EXIT_OK
    [record] = [json.loads(line) for line in capsysbinary.readouterr().out.splitlines()]
    assert record["file"] == "<stdin>" and record["body"] == ARTICLE


def test_standard_input_json_lines_with_dash(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    stdin_bytes(monkeypatch, jsonl([{"text": "one"}, {"text": "two"}]))
    assert cli.main(["repair", "-", "--input", "jsonl"]) == cli.EXIT_OK
    out = capsysbinary.readouterr().out.splitlines()
    assert [json.loads(line)["embedfix"]["body"] for line in out] == ["one", "two"]


def test_standard_input_that_starts_with_a_json_object_is_read_as_json_lines(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    # `zcat corpus.jsonl.gz | embedfix repair`: the name says nothing, the first byte does.
    stdin_bytes(monkeypatch, b"\n  " + jsonl([{"text": "one"}, {"text": "two"}]))
    assert cli.main(["repair"]) == cli.EXIT_OK
    out = capsysbinary.readouterr().out.splitlines()
    assert [json.loads(line)["embedfix"]["body"] for line in out] == ["one", "two"]


@pytest.mark.parametrize(
    ("name", "records"),
    [
        ("dump.json", ["one", "two"]),  # a JSON Lines dump saved as .json: read by its content
        ("dump", ["one", "two"]),
        ("notes.txt", None),  # a .txt file is one document whatever it starts with
        ("NOTES.TXT", None),  # suffixes in any case
    ],
)
def test_a_name_without_a_known_suffix_is_read_by_its_first_byte(
    tmp_path: Path, name: str, records: list[str] | None
) -> None:
    data = jsonl([{"text": "one"}, {"text": "two"}])
    src = write(tmp_path / name, data)
    status, out = run(tmp_path, "repair", str(src))
    assert status == cli.EXIT_OK
    if records is None:
        assert [r["source"] for r in out] == [data.decode()]
    else:
        assert [r["embedfix"]["body"] for r in out] == records


def test_text_format_writes_the_body_only(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    src = write(tmp_path / "in.jsonl", jsonl([{"text": "first body"}, {"text": "second\n"}]))
    assert cli.main(["repair", str(src), "--format", "text"]) == cli.EXIT_OK
    assert capsysbinary.readouterr().out == b"first body\nsecond\n"


def test_json_format_is_one_array(tmp_path: Path) -> None:
    src = write(tmp_path / "in.jsonl", jsonl([{"text": "a"}, {"text": "b"}]))
    out = tmp_path / "out.json"
    assert cli.main(["repair", str(src), "--format", "json", "-o", str(out)]) == 0
    assert [r["embedfix"]["body"] for r in json.loads(out.read_text())] == ["a", "b"]


def test_json_format_of_nothing_is_an_empty_array(tmp_path: Path) -> None:
    src = write(tmp_path / "in.jsonl", b"not json\n")
    out = tmp_path / "out.json"
    status = cli.main(
        ["repair", str(src), "--format", "json", "--on-error", "skip", "-o", str(out)]
    )
    assert status == cli.EXIT_RECORD_ERRORS
    assert json.loads(out.read_text()) == []


def test_only_the_flags_given_reach_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, Any]] = []

    def fake_repair(text: str, **options: Any) -> Document:
        seen.append(options)
        return Document(source=text, body=text)

    monkeypatch.setattr(embedfix, "repair", fake_repair)
    src = write(tmp_path / "a.txt", ARTICLE)
    run(tmp_path, "repair", str(src))
    run(
        tmp_path,
        *("repair", str(src), "--lost", "drop", "--no-fix-encoding"),
        *("--platforms", "twitter, bluesky", "--lang", "fr", "--placeholder", "[embed]"),
    )
    assert seen == [
        {},
        {
            "lost": "drop",
            "fix_encoding": False,
            "platforms": ("twitter", "bluesky"),
            "lang": "fr",
            "placeholder": "[embed]",
        },
    ]


def test_a_flag_the_library_does_not_take_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def old_repair(text: str, *, placeholder: str | None = None) -> Document:
        return Document(source=text, body=text)

    monkeypatch.setattr(embedfix, "repair", old_repair)
    src = write(tmp_path / "a.txt", ARTICLE)
    assert cli.main(["repair", str(src), "--lang", "fr"]) == cli.EXIT_USAGE
    assert "does not support --lang" in capsys.readouterr().err


def test_missing_input_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["repair", str(tmp_path / "nope.jsonl")]) == cli.EXIT_USAGE
    assert "no such file" in capsys.readouterr().err


def test_a_directory_as_input_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["repair", str(tmp_path)]) == cli.EXIT_USAGE
    assert "is a directory" in capsys.readouterr().err


def test_an_output_that_is_an_input_or_a_directory_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.jsonl", jsonl([{"text": "keep me"}]))
    assert cli.main(["repair", str(src), "-o", str(src)]) == cli.EXIT_USAGE
    assert src.read_bytes() == jsonl([{"text": "keep me"}]), "the input is untouched"
    assert cli.main(["repair", str(src), "-o", str(tmp_path)]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "is also an input" in err and "cannot write" in err


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == cli.EXIT_USAGE
    assert "repair" in capsys.readouterr().err


# --- Bad input never loses data -------------------------------------------------------------------


def test_keep_passes_every_broken_record_through_with_its_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "broken.jsonl", BROKEN_JSONL)
    status, records = run(tmp_path, "repair", str(src))
    assert status == cli.EXIT_RECORD_ERRORS
    assert len(records) == 5, "records out == records in"
    good, malformed, no_field, bad_utf8, fifth = records
    assert good["embedfix"]["body"] == "First article, nothing embedded."
    assert malformed["error"].startswith(f"{src}:3: malformed JSON")
    assert malformed["raw"] == '{"id": 2, "text": "Second article'
    assert no_field == {"id": 3, "title": "no text field", "error": f"{src}:4: no field 'text'"}
    assert bad_utf8["error"].startswith(f"{src}:5: invalid UTF-8")
    assert bad_utf8["raw"] == '{"id": 4, "text": "caf\\xe9 au lait"}', "bytes kept, escaped"
    assert fifth["embedfix"]["body"] == "Fifth article." and "error" not in fifth
    err = capsys.readouterr().err
    assert f"{src}:3:" in err and f"{src}:4:" in err and f"{src}:5:" in err


def test_skip_drops_the_broken_records_but_still_fails(tmp_path: Path) -> None:
    src = write(tmp_path / "broken.jsonl", BROKEN_JSONL)
    status, records = run(tmp_path, "repair", str(src), "--on-error", "skip")
    assert status == cli.EXIT_RECORD_ERRORS
    assert [r["id"] for r in records] == [1, 5]


def test_stop_writes_what_came_before_and_nothing_after(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "broken.jsonl", BROKEN_JSONL)
    status, records = run(tmp_path, "repair", str(src), "--on-error", "stop")
    assert status == cli.EXIT_RECORD_ERRORS
    assert [r["id"] for r in records] == [1]
    err = capsys.readouterr().err
    assert f"{src}:3: malformed JSON" in err and f"{src}:4" not in err


def test_text_format_keeps_a_broken_record_byte_for_byte(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    src = write(tmp_path / "broken.jsonl", BROKEN_JSONL)
    assert cli.main(["repair", str(src), "--format", "text"]) == cli.EXIT_RECORD_ERRORS
    out = capsysbinary.readouterr().out.split(b"\n")
    assert out[3] == b'{"id": 4, "text": "caf\xe9 au lait"}'
    assert len(out) == 5 + 1


def test_a_document_that_makes_repair_raise_is_kept_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = embedfix.repair

    def fragile(text: str, **options: Any) -> Document:
        if "BOOM" in text:
            msg = "detector tripped"
            raise RuntimeError(msg)
        return real(text, **options)

    monkeypatch.setattr(embedfix, "repair", fragile)
    src = write(tmp_path / "in.jsonl", jsonl([{"text": "fine"}, {"text": "BOOM"}, {"text": "ok"}]))
    status, records = run(tmp_path, "repair", str(src), "--jobs", "1")
    assert status == cli.EXIT_RECORD_ERRORS
    assert records[1] == {
        "text": "BOOM",
        "error": f"{src}:2: repair failed: RuntimeError: detector tripped",
    }
    assert records[2]["embedfix"]["body"] == "ok"
    assert f"{src}:2: repair failed" in capsys.readouterr().err


def test_invalid_utf8_plain_file_is_kept_with_the_bytes_escaped(tmp_path: Path) -> None:
    src = write(tmp_path / "latin1.txt", "Caf\u00e9 cr\u00e8me\n".encode("latin-1"))
    status, [record] = run(tmp_path, "repair", str(src))
    assert status == cli.EXIT_RECORD_ERRORS
    assert record["file"] == str(src)
    assert record["error"] == f"{src}: invalid UTF-8 at byte 3: invalid continuation byte"
    assert record["source"] == "Caf\\xe9 cr\\xe8me\n"


def test_lone_surrogate_escapes_survive_the_round_trip(tmp_path: Path) -> None:
    src = write(tmp_path / "in.jsonl", b'{"text": "half an emoji \\ud83d"}\n')
    status, [record] = run(tmp_path, "repair", str(src))
    assert status == cli.EXIT_OK
    assert record["text"] == "half an emoji \ud83d"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=30),
            st.builds(lambda t: json.dumps({"text": t}).encode(), st.text(max_size=30)),
        ),
        max_size=12,
    )
)
def test_keep_writes_one_record_per_input_line_whatever_the_lines_hold(
    tmp_path: Path, lines: list[bytes]
) -> None:
    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    src = write(tmp_path / "any.jsonl", b"\n".join(lines))
    out = tmp_path / "any.out"
    status = cli.main(["repair", str(src), "--jobs", "1", "-q", "-o", str(out)])
    written = out.read_bytes().splitlines()
    assert len(written) == sum(1 for line in lines if line.strip())
    assert all(isinstance(json.loads(line), dict) for line in written)
    assert status in (cli.EXIT_OK, cli.EXIT_RECORD_ERRORS)


# --- Order and parallelism ------------------------------------------------------------------------


def test_jobs_2_keeps_input_order_across_many_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = embedfix.repair

    def uneven(text: str, **options: Any) -> Document:
        if text.endswith("0"):  # every tenth document is slow, so chunks finish out of order
            time.sleep(0.01)
        return real(text, **options)

    monkeypatch.setattr(embedfix, "repair", uneven)
    monkeypatch.setattr(cli, "BLOCK_BYTES", 256)  # many small chunks
    records = [{"id": i, "text": f"document number {i}"} for i in range(300)]
    src = write(tmp_path / "many.jsonl", jsonl(records))
    status, out = run(tmp_path, "repair", str(src), "--jobs", "2")
    assert status == cli.EXIT_OK
    assert [r["id"] for r in out] == list(range(300))
    assert all(r["embedfix"]["body"] == r["text"] for r in out)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_2_to_standard_output_in_each_format(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
    fmt: str,
) -> None:
    monkeypatch.setattr(cli, "BLOCK_BYTES", 200)
    records = [{"id": i, "text": f"body {i}"} for i in range(100)]
    src = write(tmp_path / "many.jsonl", jsonl(records))
    text = write(tmp_path / "last.txt", "a plain file last")
    assert cli.main(["repair", str(src), str(text), "--jobs", "2", "--format", fmt]) == 0
    out = capsysbinary.readouterr().out.decode()
    if fmt == "json":
        bodies = [r["embedfix"]["body"] for r in json.loads(out)[:-1]]
        assert bodies == [f"body {i}" for i in range(100)]
    else:
        assert out == "".join(f"body {i}\n" for i in range(100)) + "a plain file last\n"


def test_output_still_arrives_when_the_spool_is_full_or_sendfile_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")

    def refuse(*_args: Any) -> int:
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(cli, "BLOCK_BYTES", 200)
    src = write(tmp_path / "many.jsonl", jsonl([{"id": i, "text": "t"} for i in range(60)]))
    monkeypatch.setattr(os, "sendfile", refuse)  # the writer copies spooled files itself
    _, out = run(tmp_path, "repair", str(src), "--jobs", "2")
    assert [r["id"] for r in out] == list(range(60))
    monkeypatch.setattr(tempfile, "mkstemp", full)  # workers send output through the pipe
    _, out = run(tmp_path, "repair", str(src), "--jobs", "2")
    assert [r["id"] for r in out] == list(range(60))


def test_line_numbers_stay_right_across_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "BLOCK_BYTES", 64)
    lines = [json.dumps({"text": f"record {i}"}).encode() for i in range(40)]
    lines[33] = b"{oops"
    src = write(tmp_path / "in.jsonl", b"\n".join(lines) + b"\n")
    _, out = run(tmp_path, "repair", str(src), "--jobs", "2")
    assert len(out) == 40
    assert out[33]["error"].startswith(f"{src}:34: malformed JSON")


def test_stop_with_jobs_2_ends_the_workers_promptly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "BLOCK_BYTES", 128)
    lines = [json.dumps({"id": i, "text": f"record {i}"}).encode() for i in range(2000)]
    lines[4] = b"{oops"
    src = write(tmp_path / "in.jsonl", b"\n".join(lines) + b"\n")
    start = time.monotonic()
    status, out = run(tmp_path, "repair", str(src), "--jobs", "2", "--on-error", "stop")
    assert status == cli.EXIT_RECORD_ERRORS
    assert [r["id"] for r in out] == [0, 1, 2, 3]
    assert time.monotonic() - start < 10


def test_chunks_hold_whole_lines_even_when_a_line_is_longer_than_a_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli, "BLOCK_BYTES", 8)
    data = b"short\n" + b"x" * 50 + b"\nlast-without-newline"
    chunks = list(cli.read_chunks(["-"], jsonl=lambda _p: True, stdin=io.BytesIO(data)))
    assert b"".join(c.data for c in chunks) == data
    assert all(c.data.endswith(b"\n") for c in chunks[:-1])
    assert len(chunks) > 1 and chunks[-1].data == b"last-without-newline"
    before = 0
    for c in chunks:  # each chunk's first line is counted right
        assert c.first_line == 1 + data.count(b"\n", 0, before)
        before += len(c.data)


# --- Progress and explain -------------------------------------------------------------------------


def test_progress_without_rich_falls_back_to_a_plain_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "rich", None)
    monkeypatch.setitem(sys.modules, "rich.progress", None)
    monkeypatch.setitem(sys.modules, "rich.console", None)
    progress = cli.Progress(None, enabled=True)
    progress.advance(cli.ChunkResult(b"", (), 3, 2, 2_000_000))
    progress.message("embedfix: x.jsonl:3: malformed JSON")
    progress.close()
    err = capsys.readouterr().err
    assert "3 docs" in err and "2 embeds" in err and "x.jsonl:3: malformed JSON\n" in err


def test_progress_with_rich_counts_documents_and_embeds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pytest.importorskip("rich")
    progress = cli.Progress(4_000_000, enabled=True)
    progress.advance(cli.ChunkResult(b"", (), 3, 2, 2_000_000))
    progress.message("embedfix: x.jsonl:3: malformed JSON")
    progress.close()
    err = capsys.readouterr().err
    assert "3 docs" in err and "2 embeds" in err and "x.jsonl:3: malformed JSON" in err


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.jsonl", jsonl([{"text": "a"}]))
    run(tmp_path, "repair", str(src))
    assert capsys.readouterr().err == ""


def explained_document(text: str, **_options: Any) -> Document:
    """A stand-in for repair() that finds one embed at a fixed place, with one repair."""
    start = text.index("Stay safe")
    end = text.index("2021") + 4
    quote = Quote(
        platform="twitter",
        span=(start, end),
        raw=text[start:end],
        text="Stay safe everyone",
        author="Jane Doe",
        handle="janedoe",
        date=datetime.date(2021, 4, 6),
        date_raw="April 6, 2021",
        confidence=0.93,
    )
    fix = Repair((0, 3), "mojibake", "cp1252 mojibake", "â€™", "\u2019")
    return Document(source=text, body=text[:start] + text[end:], quotes=(quote,), repairs=(fix,))


EXPLAIN_TEXT = (
    "â€™Tis the storm. Stay safe everyone — Jane Doe (@janedoe) April 6, 2021\nThe mayor said.\n"
)


def test_explain_shows_quotes_and_repairs_with_rich(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("rich")
    monkeypatch.setattr(embedfix, "repair", explained_document)
    monkeypatch.setenv("COLUMNS", "200")
    src = write(tmp_path / "a.txt", EXPLAIN_TEXT)
    assert cli.main(["explain", str(src)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "[1]Stay safe everyone" in out
    assert "Jane Doe" in out and "@janedoe" in out and "2021-04-06" in out and "0.93" in out
    assert "mojibake" in out and "Clean body" in out


def test_explain_without_rich_prints_plain_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "rich", None)
    monkeypatch.setattr(embedfix, "repair", explained_document)
    src = write(tmp_path / "a.jsonl", jsonl([{"text": "x"}, {"body": EXPLAIN_TEXT}]))
    assert cli.main(["explain", str(src), "--line", "2", "--field", "body"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith(f"== {src}:2: 1 embed(s)")
    assert "[[1: Stay safe everyone — Jane Doe (@janedoe) April 6, 2021]]" in out
    assert "0.93" in out and "'â€™'" in out
    assert out.endswith("== Clean body\nâ€™Tis the storm. \nThe mayor said.\n\n")


@pytest.mark.parametrize("has_rich", [True, False])
def test_explain_a_document_without_embeds(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    has_rich: bool,
) -> None:
    if has_rich:
        pytest.importorskip("rich")
    else:
        monkeypatch.setitem(sys.modules, "rich", None)
    write(tmp_path / "a.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)  # a short name: a long temporary path would wrap the panel title
    assert cli.main(["explain", "a.txt"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "0 embed(s)" in out and "No embeds found." in out and "No repairs." in out


def test_explain_reports_a_missing_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "a.jsonl", jsonl([{"text": "x"}]))
    assert cli.main(["explain", str(src), "--line", "5"]) == cli.EXIT_USAGE
    assert "no line 5" in capsys.readouterr().err


# --- The real entry point, in a subprocess ----------------------------------------------------------


def python_m_embedfix(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-m", "embedfix", *argv],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_python_m_embedfix_over_several_files_with_jobs_2(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.jsonl", BROKEN_JSONL)
    article = write(tmp_path / "article.txt", ARTICLE)
    more = write(tmp_path / "more.jsonl", jsonl([{"id": 6, "text": "six"}]))
    done = python_m_embedfix("repair", str(broken), str(article), str(more), "--jobs", "2")
    assert done.returncode == cli.EXIT_RECORD_ERRORS
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r.get("id") for r in records] == [1, None, 3, None, 5, None, 6]
    assert records[5]["file"] == str(article) and records[5]["body"] == ARTICLE
    stderr = done.stderr.decode()
    assert f"{broken}:3: malformed JSON" in stderr and "\r" not in stderr, "no progress bar"


def test_python_m_embedfix_reads_stdin_and_writes_text(tmp_path: Path) -> None:
    done = python_m_embedfix("repair", "--format", "text", stdin=ARTICLE.encode())
    assert done.returncode == cli.EXIT_OK
    assert done.stdout == ARTICLE.encode()
    assert done.stderr == b""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_python_m_embedfix_reads_a_named_pipe(tmp_path: Path, jobs: str) -> None:
    # What `embedfix repair <(zcat corpus.jsonl.gz)` hands the command: a pipe, not a file. It is
    # read once, in the main process (workers cannot seek into it), and sniffed as JSON Lines.
    fifo = tmp_path / "corpus"
    os.mkfifo(fifo)
    records = [{"id": i, "text": f"Article {i}. " + ARTICLE} for i in range(200)]
    records[7]["text"] = EMBED_ARTICLE
    with subprocess.Popen(
        [sys.executable, "-m", "embedfix", "repair", str(fifo), "--jobs", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    ) as command:
        _write_when_read(fifo, jsonl(records), command)
        out, err = command.communicate(timeout=60)
    assert command.returncode == cli.EXIT_OK, err.decode()
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == list(range(200))
    assert results[7]["embedfix"]["quotes"][0]["handle"] == "janedoe"


def _write_when_read(fifo: Path, data: bytes, reader: subprocess.Popen[bytes]) -> None:
    """Write ``data`` into ``fifo`` once ``reader`` opens it; fail, not hang, if it never does."""
    deadline = time.monotonic() + 30
    while True:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO while nobody reads
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise
            if reader.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the command never opened the pipe: {reader.communicate()[1]!r}")
            time.sleep(0.01)
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as pipe:
        pipe.write(data)
