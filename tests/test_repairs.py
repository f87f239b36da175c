"""`Document.repairs` lists every change, in the quotes as in the body, each at its place in the
source: a quote's text is its source text with the repairs made inside it applied."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import embedfix
from embedfix import Document
from embedfix.testing import Article, articles_with_embeds, mojibake_cp1252

ROOT = Path(__file__).resolve().parents[1]


def applied(doc: Document, start: int, end: int) -> str:
    """``source[start:end]`` with the repairs that lie inside it applied."""
    out, pos = [], start
    for r in doc.repairs:
        if start <= r.span[0] and r.span[1] <= end and r.span[0] >= pos:
            out += [doc.source[pos : r.span[0]], r.replacement]
            pos = r.span[1]
    out.append(doc.source[pos:end])
    return "".join(out)


def check_quote_repairs(doc: Document) -> None:
    spans = [r.span for r in doc.repairs]
    assert spans == sorted(spans)
    for r in doc.repairs:
        assert doc.source[r.span[0] : r.span[1]] == r.original
    for q in doc.quotes:
        if q.text is None or q.text_span is None or "\n" in q.text:
            continue  # a split layout joins its pieces: not one stretch of the source
        assert q.text in applied(doc, *q.text_span), (q.text, applied(doc, *q.text_span))


def test_the_readme_example_lists_the_emoji_and_the_lost_run() -> None:
    text = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
    doc = embedfix.repair(text)
    kinds = {(r.kind, r.original, r.replacement) for r in doc.repairs}
    assert ("mojibake", "ðŸ˜¬", "😬") in kinds
    assert any(kind == "lost" and original == "????????" for kind, original, _ in kinds)
    second = doc.quotes[1]
    assert all(second.span[0] <= r.span[0] < second.span[1] for r in doc.repairs)
    check_quote_repairs(doc)


@settings(max_examples=80, deadline=None)
@given(articles_with_embeds(), st.booleans())
def test_a_quotes_text_is_its_source_with_its_repairs(article: Article, moji: bool) -> None:
    text = mojibake_cp1252(article.text) if moji else article.text
    check_quote_repairs(embedfix.repair(text))


def test_explain_lists_the_repairs_made_inside_quotes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from embedfix import cli

    monkeypatch.setitem(sys.modules, "rich", None)  # the plain output, whatever is installed
    assert cli.main(["explain", str(ROOT / "examples" / "article.txt")]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "No repairs." not in out
    assert "'ðŸ˜¬'" in out and "'????????'" in out
