"""What the ``embedfix`` command costs before and around the work: its imports, its workers, and
how it cuts a file for them (issue 7: ``--jobs 2`` must pay off on a corpus)."""

from __future__ import annotations

import io
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from embedfix import cli

SRC = Path(__file__).resolve().parents[1] / "src"


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC)}


def test_importing_the_command_leaves_out_what_only_some_runs_need() -> None:
    probe = (
        "import sys, embedfix.cli; "
        "print(sorted(m for m in ('multiprocessing', 'gzip', 'tempfile', 'shutil', 'rich', "
        "'bs4', 'lxml') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=_env(), capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_workers_inherit_the_library_instead_of_importing_it(tmp_path: Path) -> None:
    # A worker that imported the library again would find no trace of what the parent set.
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import sys, embedfix, embedfix.cli as cli\n"
        "embedfix.MARK = 'inherited'\n"
        "def marked(text, **options):\n"
        "    raise RuntimeError(getattr(embedfix, 'MARK', 'imported again'))\n"
        "embedfix.repair = marked\n"
        "cli.BLOCK_BYTES = 64\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps({"text": f"record {i}"}) + "\n" for i in range(40)))
    done = subprocess.run(
        [sys.executable, str(probe), "repair", str(data), "--jobs", "2", "-o", os.devnull],
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "repair failed: RuntimeError: inherited" in done.stderr
    assert "imported again" not in done.stderr


def _spans(data: bytes, tmp_path: Path, block: int, taper: int) -> list[cli.Chunk]:
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "BLOCK_BYTES", block)
        patch.setattr(cli, "TAPER_BYTES", taper)
        chunks = cli.read_chunks(
            [str(path)], jsonl=lambda _p: True, stdin=io.BytesIO(), by_reference=True
        )
        return list(chunks)


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=30),
    final_newline=st.booleans(),
    block=st.integers(1, 64),
    taper=st.integers(1, 16),
)
def test_chunks_read_by_the_workers_cover_the_file_in_whole_lines(
    tmp_path_factory: pytest.TempPathFactory,
    lines: list[bytes],
    final_newline: bool,
    block: int,
    taper: int,
) -> None:
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    assume(not data.startswith(b"\x1f\x8b\x08"))  # gzip by its content: read decompressed
    chunks = _spans(data, tmp_path_factory.mktemp("spans"), block, taper)
    assert b"".join(chunk.load() for chunk in chunks) == data
    for chunk in chunks:
        assert chunk.location is not None and chunk.location[2] > 0
        offset = chunk.location[1]
        assert offset == 0 or data[offset - 1 : offset] == b"\n"
        assert chunk.first_line == 1 + data.count(b"\n", 0, offset)


def test_the_last_blocks_of_a_file_shrink_so_the_workers_finish_together(
    tmp_path: Path,
) -> None:
    record = json.dumps({"text": "x" * 90}).encode() + b"\n"  # 104 bytes
    chunks = _spans(record * 2000, tmp_path, block=10_000, taper=500)
    sizes = [chunk.location[2] for chunk in chunks if chunk.location is not None]
    assert max(sizes) <= 10_000 + len(record)
    assert sizes[0] > 9_000  # full blocks while much is left
    assert sizes[-1] < 1_000  # the last ones near the taper size
    tail = sizes[sizes.index(max(sizes)) :]
    assert all(b <= a + len(record) for a, b in itertools.pairwise(tail))


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["repair", "--help"]])
def test_help_and_version_answer_without_importing_the_library(argv: list[str]) -> None:
    probe = (
        "import sys, contextlib, io\n"
        "from embedfix.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n"
        f"        main({argv!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert 'embedfix' in out.getvalue()\n"
        "print(sorted(m for m in ('embedfix.pipeline', 'embedfix.model', 'ftfy', 'regex') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=_env(), capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_importing_the_library_defers_its_modules_to_first_use() -> None:
    probe = (
        "import sys, embedfix\n"
        "print('embedfix.pipeline' in sys.modules, end=' ')\n"
        "from embedfix import repair, Document\n"
        "print('embedfix.pipeline' in sys.modules, isinstance(repair('x'), Document), end=' ')\n"
        "print(embedfix.repair is repair, 'repair' in dir(embedfix))\n"
        "try:\n"
        "    embedfix.nothing\n"
        "except AttributeError as e:\n"
        "    print(e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=_env(), capture_output=True, text=True, check=True
    )
    assert done.stdout.split("\n")[:2] == [
        "False True True True True",
        "module 'embedfix' has no attribute 'nothing'",
    ]


def test_a_run_builds_what_the_library_builds_lazily_before_forking_its_workers() -> None:
    probe = (
        "import sys, contextlib, io, os\n"
        "from embedfix.cli import main\n"
        "from embedfix import dates, prefilter\n"
        "from embedfix.encoding import screen\n"
        "with contextlib.redirect_stderr(io.StringIO()):\n"
        "    main(['repair', '-q', '--jobs', '1', '-o', os.devnull, os.devnull])\n"
        "print(dates._PARSER._built is not None, screen._sparse.cache_info().currsize, "
        "screen._dense_patterns.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=_env(), capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "1", "1"]
