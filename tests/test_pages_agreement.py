"""The HTML reader and the text reader agree on real pages (issue 16).

For every page of ``../shared/corpus/pages/`` (105 real pages with embeds, saved by web-extraction
projects for their tests), each post `repair_html` reads from the markup, with a handle and a text,
must come back from `repair` on the page as BeautifulSoup ``get_text()`` flattens it, with the
same text (compared casefolded, without links, punctuation or spacing: ``get_text()`` glues the
words around a ``<br>``). A post whose text or handle the flattening lost is not compared.

Pages where the two still disagree are strict xfails, each with the layout that defeats the text
reader; a fix that makes one agree turns its xfail into a failure, to be removed from the list.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
import warnings
from pathlib import Path

import pytest

from embedfix import repair, repair_html

PAGES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pages"

_TOO_EARLY = "the text reader's start walk takes article lines above the post"
_TOO_LATE = "the text reader's start walk stops inside the post"
DISAGREE = {
    "p003.html.gz": _TOO_LATE + " (a post opening with a quotation in „…“ reads as the article's)"
    " and " + _TOO_EARLY + " (a list of short captions above)",
    "p008.html.gz": "two posts by the same author; the text reader joins the second to the first",
    "p010.html.gz": "the embeds sit in a consent banner's textarea: get_text() keeps them as raw "
    "markup (``<a href=…>November 2, 2021</a>``), which is no signature for the text reader",
    "p015.html.gz": _TOO_EARLY + " (a mention line of the article reads like a post)",
    "p041.html.gz": _TOO_LATE + " (a numbered list of the post's own, under its lead-in line)",
    "p046.html.gz": _TOO_EARLY + " (link captions `, Source, date` above each post)",
    "p048.html.gz": "posts in a row: one's start is taken too early (not yet explained), another "
    "starts after its own colon (``briefings: “I'm, like, a smart person.”``)",
    "p054.html.gz": _TOO_LATE + " (the post's own second sentence ends the walk)",
    "p061.html.gz": _TOO_EARLY + " (article prose glued to the post)",
    "p063.html.gz": _TOO_EARLY + " (the article's sentence before the post has no full stop)",
    "p072.html.gz": _TOO_EARLY + " (article prose glued to the post)",
    "p073.html.gz": _TOO_EARLY + " (a section heading glued to the post)",
    "p095.html.gz": _TOO_EARLY + " (a short article line without a full stop)",
    "p096.html.gz": _TOO_LATE + " (a Japanese poll: the post's heading line "
    "``アンケートのお願い`` reads as the article's)",
    "p097.html.gz": "three posts of one author in a row: the article's lead-in between two "
    "(``… November 23, 2016 Ted Cruz: Ted Cruz's net worth …``) is taken into the later post",
    "p098.html.gz": "a signature without a date (a deleted post) and, in get_text(), nothing "
    "around it that tells it from a byline (no post link before the dash, no Markdown quote): "
    "not read",
    "p099.html.gz": _TOO_EARLY + " (the article's sentence before a block gap, get_text() "
    "without a separator; the undated signature itself is read after the post's t.co link)",
}
"""Pages where `repair(get_text())` and `repair_html` disagree, with why."""

_LINK = re.compile(r"(?:https?://|pic\.(?:twitter|x)\.com/)\S*")
_NOT_WORD = re.compile(r"[^\w]+")


def _words(text: str | None) -> str:
    """The letters and digits of ``text``, casefolded, links left out."""
    text = _LINK.sub(" ", unicodedata.normalize("NFC", text or ""))
    return _NOT_WORD.sub("", text.casefold())


def _pages() -> list[str]:
    if not (PAGES / "manifest.jsonl").exists():
        return []
    with (PAGES / "manifest.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line)["file"] for line in f if line.strip()]


def _params() -> list[object]:
    files = _pages()
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no pages at {PAGES}"))]
    out: list[object] = []
    for name in files:
        marks = []
        if name in DISAGREE:
            marks.append(pytest.mark.xfail(strict=True, reason=DISAGREE[name]))
        out.append(pytest.param(name, id=name, marks=marks))
    return out


def disagreements(html: str) -> list[str]:
    """The posts `repair_html` reads from ``html`` that `repair` on its ``get_text()`` misses or
    reads with another text."""
    bs4 = pytest.importorskip("bs4")
    pytest.importorskip("lxml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        flat = bs4.BeautifulSoup(html, "lxml").get_text()
    text_quotes = repair(flat).quotes
    flat_words = _words(flat)
    out = []
    for q in repair_html(html).quotes:
        if not q.handle or not q.text:
            continue
        if _words(q.text)[:30] not in flat_words or q.handle.lower() not in flat.lower():
            continue  # the flattening lost the post or its handle: nothing to compare
        same = [
            t
            for t in text_quotes
            if t.platform == q.platform and (t.handle or "").lower() == q.handle.lower()
        ]
        if not any(_words(t.text) == _words(q.text) for t in same):
            out.append(f"{q.platform} @{q.handle}: {q.text[:60]!r}")
    return out


@pytest.mark.parametrize("name", _params())
def test_repair_and_repair_html_read_the_same_posts(name: str) -> None:
    with gzip.open(PAGES / name) as f:
        html = f.read().decode("utf-8", "replace")
    assert disagreements(html) == []
