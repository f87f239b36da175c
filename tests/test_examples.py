"""The scripts in examples/ run and do what their docstrings say.

Each runs as a user would run it (``python examples/NAME.py``, in a temporary directory); those
that need pandas or datasets are skipped where these are not installed (``pip install -e
'.[examples]'``; ``.ci/run`` installs them and runs this file again).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import embedfix
from render_check import check_quotes, read_page

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORPUS = [json.loads(line) for line in (EXAMPLES / "corpus.jsonl").read_text("utf-8").splitlines()]


def _run(tmp: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=tmp,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_the_corpus_is_news_with_damage_in_several_languages() -> None:
    docs = [embedfix.repair(r["text"]) for r in CORPUS]
    assert {r["lang"] for r in CORPUS} >= {"en", "fr", "es", "de", "ru"}
    assert {q.platform for d in docs for q in d.quotes} == {"twitter", "instagram"}
    assert any(d.damage.mechanism == "utf8mb3-bytes" for d in docs)
    assert any(d.damage.mojibake for d in docs)
    assert any(not d.quotes for d in docs)  # an article without embeds goes through unchanged


def test_jsonl_corpus(tmp_path: Path) -> None:
    done = _run(tmp_path, "jsonl_corpus.py", str(EXAMPLES / "corpus.jsonl"), "out.jsonl")
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [r["id"] for r in out] == [r["id"] for r in CORPUS]
    for record, source in zip(out, CORPUS, strict=True):
        doc = embedfix.repair(source["text"])
        assert record["body"] == doc.body
        assert record["quotes"] == [q.to_dict() for q in doc.quotes]
        assert record["text"] == source["text"]
    assert (
        done.stderr.strip() == f"{sum(len(r['quotes']) for r in out)} embeds found in corpus.jsonl"
    )
    stdout = _run(tmp_path, "jsonl_corpus.py").stdout.splitlines()
    assert [json.loads(line) for line in stdout] == out


def test_pandas_column(tmp_path: Path) -> None:
    pytest.importorskip("pandas", reason="pandas is in the 'examples' extra")
    out = _run(tmp_path, "pandas_column.py").stdout
    for record in CORPUS:
        for q in embedfix.repair(record["text"]).quotes:
            assert q.handle is not None and q.handle in out
    assert "SMQureshiPTI" in out and "lenahartmusic" in out and "de-004" in out


def test_hf_dataset(tmp_path: Path) -> None:
    pytest.importorskip("datasets", reason="datasets is in the 'examples' extra")
    out = _run(tmp_path, "hf_dataset.py").stdout.splitlines()
    rows = [line for line in out if line.split(" ", 1)[0] in {r["id"] for r in CORPUS}]
    assert len(rows) == len(CORPUS)
    for line, record in zip(rows, CORPUS, strict=True):
        handles = [q.handle for q in embedfix.repair(record["text"]).quotes]
        assert line.startswith(f"{record['id']} {handles!r} ")


def test_html_page(tmp_path: Path) -> None:
    done = _run(tmp_path, "html_page.py", "--placeholder", "<!-- embed {n} -->")
    page = (EXAMPLES / "page.html").read_text("utf-8")
    doc = embedfix.repair_html(page, placeholder="<!-- embed {n} -->")
    assert done.stdout == doc.html
    assert "blockquote" not in done.stdout and "widgets.js" not in done.stdout
    assert "<!-- embed 1 -->" in done.stdout and "<!-- embed 2 -->" in done.stdout
    assert "[1] twitter @janedoe 2020-10-03" in done.stderr
    assert "[2] instagram @coastalwatch_uk" in done.stderr


@pytest.mark.parametrize("source", ["article.txt", "page.html"])
def test_render_report(tmp_path: Path, source: str) -> None:
    done = _run(tmp_path, "render_report.py", str(EXAMPLES / source), "report.html")
    text = (EXAMPLES / source).read_text("utf-8")
    doc = embedfix.repair_html(text) if source.endswith(".html") else embedfix.repair(text)
    assert done.stdout == f"report.html: {len(doc.quotes)} embed(s) from {source}\n"
    page = read_page((tmp_path / "report.html").read_text("utf-8"))
    assert page.title == source
    check_quotes(page, doc.quotes)
