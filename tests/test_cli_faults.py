"""The command under faults (issue 20): damaged input, records that cannot be parsed, output that
is its own input, a full disk, signals, and lines longer than the limit. Each scenario runs the
real command in a subprocess where the fault needs a process of its own (redirections, rlimits,
signals), in-process otherwise."""

from __future__ import annotations

import gzip
import io
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embedfix import cli

ARTICLE = (
    "Storm Alex closed the valley roads on Friday, the prefecture said.\n"
    "Stay safe everyone pic.twitter.com/AbCdEf1234— Jane Doe (@janedoe) October 2, 2020\n"
    "Rescuers worked through the night."
)


def records(n: int, start: int = 0) -> bytes:
    return b"".join(
        json.dumps({"id": i, "text": f"{ARTICLE} Report {i}."}).encode() + b"\n"
        for i in range(start, start + n)
    )


def command(*argv: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "embedfix", *argv], capture_output=True, timeout=120, **kwargs
    )


def ids(output: bytes) -> list[int]:
    return [json.loads(line)["id"] for line in output.splitlines()]


# --- damaged .gz --------------------------------------------------------------------------------


def test_a_truncated_gz_keeps_its_whole_records_and_the_next_file_is_read(tmp_path: Path) -> None:
    whole = gzip.compress(records(300))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    after = tmp_path / "after.jsonl"
    after.write_bytes(records(5, start=1000))
    done = command("repair", str(cut), str(after), "--jobs", "1")
    assert done.returncode == cli.EXIT_RECORD_ERRORS
    assert b"Traceback" not in done.stderr
    assert b"cut.jsonl.gz" in done.stderr and b"truncated" in done.stderr
    got = ids(done.stdout)
    kept = [i for i in got if i < 1000]
    assert kept == list(range(len(kept))) and len(kept) > 100  # every whole record before the cut
    assert got[len(kept) :] == list(range(1000, 1005))  # and the next file, whole


def test_a_corrupt_gz_is_a_reported_error_and_the_next_file_is_read(tmp_path: Path) -> None:
    whole = bytearray(gzip.compress(records(200)))
    whole[len(whole) // 2 : len(whole) // 2 + 64] = b"\xff" * 64
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(bytes(whole))
    after = tmp_path / "after.jsonl"
    after.write_bytes(records(3, start=1000))
    done = command("repair", str(bad), str(after))
    assert done.returncode == cli.EXIT_RECORD_ERRORS
    assert b"Traceback" not in done.stderr and b"bad.jsonl.gz" in done.stderr
    got = ids(done.stdout)
    assert got[-3:] == [1000, 1001, 1002]
    assert got[:-3] == list(range(len(got) - 3))


def test_a_gz_that_is_not_gzip_is_a_reported_error(tmp_path: Path) -> None:
    bad = tmp_path / "plain.jsonl.gz"
    bad.write_bytes(records(2))
    done = command("repair", str(bad))
    assert done.returncode == cli.EXIT_RECORD_ERRORS
    assert b"Traceback" not in done.stderr and b"plain.jsonl.gz" in done.stderr


# --- records that cannot be parsed ----------------------------------------------------------


DEEP = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("on_error", ["keep", "skip", "stop"])
def test_a_record_nested_too_deep_is_one_failed_record(
    tmp_path: Path, jobs: str, on_error: str
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(records(1) + DEEP + records(1, start=1))
    done = command("repair", str(src), "--jobs", jobs, "--on-error", on_error)
    assert done.returncode == cli.EXIT_RECORD_ERRORS
    assert b"Traceback" not in done.stderr
    assert b"in.jsonl:2: malformed JSON" in done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines[0]["id"] == 0  # the good record before it is never lost
    if on_error == "keep":
        assert [line.get("id") for line in lines] == [0, None, 1]
        assert lines[1]["error"].startswith(f"{src}:2:") and lines[1]["raw"] == DEEP[:-1].decode()
    elif on_error == "skip":
        assert [line["id"] for line in lines] == [0, 1]
    else:
        assert [line["id"] for line in lines] == [0]


# --- output that is an input ------------------------------------------------------------------


def test_output_onto_standard_input_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    data = records(50)
    src.write_bytes(data)
    with src.open("rb") as stdin:
        done = command("repair", "-o", str(src), stdin=stdin)
    assert done.returncode == cli.EXIT_USAGE
    assert b"is also an input" in done.stderr and b"Traceback" not in done.stderr
    assert src.read_bytes() == data


def test_output_onto_a_named_input_is_refused_even_by_another_name(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    data = records(5)
    src.write_bytes(data)
    (tmp_path / "link.jsonl").symlink_to(src)
    done = command("repair", str(tmp_path / "link.jsonl"), "-o", str(src))
    assert done.returncode == cli.EXIT_USAGE
    assert src.read_bytes() == data


def test_standard_output_onto_an_input_is_refused(tmp_path: Path) -> None:
    # `embedfix repair a.jsonl >> a.jsonl`: the input would grow while it is read.
    src = tmp_path / "a.jsonl"
    data = records(5)
    src.write_bytes(data)
    with src.open("ab") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "embedfix", "repair", str(src)],
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert done.returncode == cli.EXIT_USAGE
    assert src.read_bytes() == data


def test_devices_are_not_taken_for_the_same_file(tmp_path: Path) -> None:
    with Path(os.devnull).open("rb") as stdin:
        done = command("repair", "-o", os.devnull, stdin=stdin)
    assert done.returncode == cli.EXIT_OK


# --- a full disk ------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_device_is_its_own_exit_status_with_a_clear_message(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(records(20))
    done = command("repair", str(src), "-o", "/dev/full")
    assert done.returncode == cli.EXIT_OUTPUT
    assert b"Traceback" not in done.stderr
    assert b"cannot write /dev/full: No space left on device" in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_standard_output_on_a_full_device(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(records(20))
    with Path("/dev/full").open("wb") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "embedfix", "repair", str(src)],
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert done.returncode == cli.EXIT_OUTPUT
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr
    assert b"standard output" in done.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_write_that_fails_leaves_whole_records(tmp_path: Path, jobs: str) -> None:
    # The file-size limit makes the disk "full" at 50 kB, in the middle of a record.
    src = tmp_path / "in.jsonl"
    src.write_bytes(records(400))
    out = tmp_path / "out.jsonl"
    limit = 50_000

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-m", "embedfix", "repair", str(src), "-o", str(out), "--jobs", jobs],
        capture_output=True,
        timeout=120,
        preexec_fn=small_disk,
    )
    assert done.returncode == cli.EXIT_OUTPUT, done.stderr
    assert b"Traceback" not in done.stderr and b"cannot write" in done.stderr
    written = out.read_bytes()
    assert len(written) <= limit
    assert written == b"" or written.endswith(b"\n")
    assert ids(written) == list(range(len(ids(written))))  # a prefix of whole records


# --- signals ----------------------------------------------------------------------------------

RUN_WITH_SPOOL = (
    "import sys; from embedfix import cli; from embedfix.cli import pool; "
    "pool.SPOOL_ROOT = sys.argv[1]; cli.BLOCK_BYTES = 1 << 14; "
    "sys.exit(cli.main(sys.argv[2:]))"
)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_leaves_no_spool_file_and_no_traceback(
    tmp_path: Path, signum: signal.Signals
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(records(20_000))
    spool = tmp_path / "shm"
    spool.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN_WITH_SPOOL, str(spool), "repair", str(src), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not any(spool.iterdir()) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be signalled"
    time.sleep(0.3)  # let the workers spool some output
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum
    assert b"Traceback" not in err and b"Error" not in err, err.decode()
    assert f"stopped by {signum.name}".encode() in err
    assert list(spool.iterdir()) == []


def test_the_signal_handlers_are_restored_after_main(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(records(1))
    before = signal.getsignal(signal.SIGTERM)
    assert cli.main(["repair", str(src), "-o", str(tmp_path / "out.jsonl")]) == cli.EXIT_OK
    assert signal.getsignal(signal.SIGTERM) is before


# --- lines over the limit ---------------------------------------------------------------------


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(cli, "BLOCK_BYTES", 256)
    monkeypatch.setattr(cli, "TAPER_BYTES", 64)
    monkeypatch.setattr(cli, "MAX_LINE_BYTES", 2000)
    return 2000


def _long_line_input() -> bytes:
    long = json.dumps({"id": -1, "text": "x" * 10_000}).encode() + b"\n"
    return records(3) + long + records(3, start=3)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_line_over_the_limit_is_one_failed_record(
    tmp_path: Path, small_limit: int, jobs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(_long_line_input())
    out = tmp_path / "out.jsonl"
    assert cli.main(["repair", str(src), "-o", str(out), "--jobs", jobs]) == cli.EXIT_RECORD_ERRORS
    lines = [json.loads(line) for line in out.read_bytes().splitlines()]
    assert [line.get("id") for line in lines] == [0, 1, 2, None, 3, 4, 5]
    assert lines[3]["error"] == f"{src}: line 4 is longer than the 2,000 bytes limit; skipped"
    assert "line 4 is longer than the 2,000 bytes limit" in capsys.readouterr().err


def test_a_line_over_the_limit_from_a_pipe_is_skipped_as_it_comes(small_limit: int) -> None:
    data = _long_line_input() + b'{"id": 9, "text": "' + b"y" * 5000 + b'"}'  # no newline
    chunks = list(cli.read_chunks(["-"], jsonl=lambda _p: True, stdin=io.BytesIO(data)))
    problems = [(c.first_line, c.lost_record) for c in chunks if c.problem]
    assert problems == [(4, True), (8, True)]
    kept = b"".join(c.data for c in chunks)
    assert kept == records(3) + records(3, start=3)
    assert all(len(c.data) <= 2 * cli.BLOCK_BYTES + small_limit for c in chunks)


def test_the_default_limit_is_64_mb() -> None:
    assert cli.MAX_LINE_BYTES == 64 * 1024 * 1024


class _Trickle(io.RawIOBase):
    """A stream whose every read returns a few bytes, as a pipe or a gzip member may."""

    def __init__(self, data: bytes, sizes: list[int]) -> None:
        self._data, self._pos, self._sizes = data, 0, sizes or [1]

    def readable(self) -> bool:
        return True

    def read1(self, size: int = -1) -> bytes:
        step = self._sizes[self._pos % len(self._sizes)]
        out = self._data[self._pos : self._pos + min(step, size if size > 0 else step)]
        self._pos += len(out)
        return out

    def readinto(self, buffer: Any) -> int:  # what a buffered reader over a pipe calls
        out = self.read1(len(buffer))
        buffer[: len(out)] = out
        return len(out)


@given(
    st.lists(st.integers(0, 120), min_size=1, max_size=30),
    st.lists(st.integers(1, 50), min_size=1, max_size=5),
    st.integers(8, 32),
    st.booleans(),
)
@settings(max_examples=200, deadline=None)
def test_the_line_reader_keeps_every_line_under_the_limit_and_reports_the_others(
    lengths: list[int], sizes: list[int], block: int, final_newline: bool
) -> None:
    limit = 2 * block
    lines = [bytes([97 + i % 26]) * n for i, n in enumerate(lengths)]
    data = b"\n".join(lines) + (b"\n" if final_newline else b"")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "BLOCK_BYTES", block)
        patch.setattr(cli, "MAX_LINE_BYTES", limit)
        chunks = list(cli.read_chunks(["-"], jsonl=lambda _p: True, stdin=_Trickle(data, sizes)))
    too_long = [i + 1 for i, line in enumerate(lines) if len(line) > limit]
    assert [c.first_line for c in chunks if c.problem] == too_long
    assert all(c.lost_record for c in chunks if c.problem)
    kept = [line for line in lines if len(line) <= limit]
    got = b"".join(c.data for c in chunks if not c.problem)
    expected = b"".join(line + b"\n" for line in kept)
    if not final_newline and len(lines[-1]) <= limit:
        expected = expected[:-1]
    assert got == expected
    for c in chunks:  # each chunk's first line is the number of that line in the input
        if c.data:
            first = c.data.split(b"\n", 1)[0]
            assert lines[c.first_line - 1] == first
