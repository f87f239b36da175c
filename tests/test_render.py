"""embedfix.render and Document._repr_html_: valid, self-contained, escaped pictures of a result.

Each page is parsed back strictly (tests/render_check.py): only the elements and attributes the
renderer writes, properly nested, one highlight per quote around exactly its raw text, and every
field of every quote in the panel. Hostile input (markup, quotes, bidi text, controls) must come
back as text. The browser side is tests/test_render_browser.py; linear time is shown by
benchmarks/render_linear.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import embedfix
from embedfix import render
from embedfix.testing import articles_with_embeds, embed_html, tweets
from render_check import HOSTILE_POST, check_quotes, hostile_document, read_page, shown

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")


def test_readme_example_page() -> None:
    doc = embedfix.repair(ARTICLE)
    page = read_page(render.html(doc, title="the README's <example>"))
    assert page.title == "the README's <example>"
    assert page.source_text == ARTICLE
    check_quotes(page, doc.quotes)
    assert [a["data-label"] for a, _ in page.marks] == [
        f"{n} · twitter · {q.confidence:.2f}" for n, q in enumerate(doc.quotes, 1)
    ]


def test_self_contained() -> None:
    text = render.html(embedfix.repair(ARTICLE))
    page = read_page(text)
    assert page.csp is not None and "default-src 'none'" in page.csp
    assert all(h.startswith("#") for h in page.hrefs)  # links only within the page
    for outside in ("http://", "https://", "//", "url(", "@import", "<script", "<link", "src="):
        assert outside not in text.replace("https://t.co/Xy9zAbC123", "")


def test_lost_characters_and_repairs_marked() -> None:
    text = (
        "добро пожаловать в пакистан FM. Pakistan and Russia share ???????? ???? "
        "pic.twitter.com/6sAazwuRIJ— Shah Mahmood Qureshi (@SMQureshiPTI) April 6, 2021\n"
        "The minister’s visit — Itâ€™s the first since 2012.\n"
    )
    doc = embedfix.repair(text)
    assert doc.damage.mechanism == "utf8mb3-bytes" and len(doc.quotes) == 1
    frag = doc._repr_html_()
    read_page(frag)
    assert frag.count('<span class="ef-lost"') == 2  # the two runs inside the quote
    assert '<span class="ef-fix" title="mojibake: ' in frag  # the body's â€™
    assert "â€™</span>" in frag
    assert f"confidence {doc.quotes[0].confidence:.2f}" in frag


def test_fix_encoding_off_draws_no_mojibake_fix_in_quotes() -> None:
    text = "Itâ€™s here pic.twitter.com/AbCdEf1234— Jane Doe (@janedoe) May 2, 2019"
    doc = embedfix.repair(text, fix_encoding=False)
    assert doc.quotes and "ef-fix" not in render.fragment(doc).split("</style>")[1]
    fixed = embedfix.repair(text)
    assert '<span class="ef-fix"' in render.fragment(fixed)


def test_hostile_document_is_text() -> None:
    source = hostile_document(60_000)
    doc = embedfix.repair(source)
    assert len(doc.quotes) > 50
    text = render.html(doc)
    page = read_page(text)  # no <script>, <img>, <b>, <iframe>, onerror=, ... survived
    assert page.source_text == shown(source)
    check_quotes(page, doc.quotes)
    assert (
        "<script" not in text
        and "<img" not in text
        and "javascript:" not in text.replace("javascript:alert", "")
    )


def test_repair_html_result() -> None:
    page_html = (
        "<html><body><p>Before the <b>vote</b>:</p>"
        + '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">We won &amp; "more" '
        + '<a href="https://t.co/abc">pic.twitter.com/abc</a></p>&mdash; Jane Doe (@janedoe) '
        + '<a href="https://twitter.com/janedoe/status/1123456789012345678">May 2, 2019</a>'
        + '</blockquote><script async src="https://platform.twitter.com/widgets.js"></script>'
        + "<p>After.</p></body></html>"
    )
    doc = embedfix.repair_html(page_html)
    assert len(doc.quotes) == 1
    page = read_page(render.html(doc))
    assert page.source_text == page_html
    check_quotes(page, doc.quotes)
    assert read_page(doc._repr_html_()).marks[0][1] == doc.quotes[0].raw


def test_no_quotes_and_empty() -> None:
    for text in ("", "Just an article.\n", "\r\n\x00"):
        doc = embedfix.repair(text)
        page = read_page(render.html(doc))
        assert page.marks == [] and page.source_text == shown(text)


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="Document or an HtmlDocument"):
        render.html("text")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="title must be a str"):
        render.html(embedfix.repair(""), title=None)  # type: ignore[arg-type]


def test_two_documents_do_not_share_ids() -> None:
    a = read_page(embedfix.repair(ARTICLE)._repr_html_())
    b = read_page(embedfix.repair(ARTICLE.replace("Storm", "Gale"))._repr_html_())
    assert {x["id"] for x, _ in a.marks}.isdisjoint(x["id"] for x, _ in b.marks)


_CHARS = st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from(
    list("<>&\"'\r\n\x00\u202e?— ")
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_CHARS, max_size=300), st.text(_CHARS, max_size=60))
def test_any_text_renders_valid_and_exact(prose: str, inner: str) -> None:
    """Whatever the text, the page parses strictly and shows every character and quote."""
    source = f"{prose}\n{inner} pic.twitter.com/AbCdEf1234— {inner[:20]} (@janedoe) May 2, 2019\n"
    doc = embedfix.repair(source)
    page = read_page(render.html(doc))
    assert page.source_text == shown(source)
    check_quotes(page, doc.quotes)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles_with_embeds())
def test_generated_articles(article: object) -> None:
    doc = embedfix.repair(article.text)  # type: ignore[attr-defined]
    page = read_page(render.fragment(doc))
    assert page.source_text == shown(doc.source)
    check_quotes(page, doc.quotes)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tweets().flatmap(embed_html))
def test_generated_embed_html(embed: object) -> None:
    doc = embedfix.repair_html(f"<p>{HOSTILE_POST}</p>{embed.html}")  # type: ignore[attr-defined]
    page = read_page(render.html(doc))
    assert page.source_text == shown(doc.source)
    check_quotes(page, doc.quotes)


@pytest.mark.parametrize(
    "injected",
    ["<script>x()</script>", '<b onclick="x()">b</b>', "<img>", "</mark>", '<span style="">'],
)
def test_the_check_catches_markup_that_escaped(injected: str) -> None:
    """The strict parse above is what makes these tests able to fail: it rejects injections."""
    page = render.html(embedfix.repair(ARTICLE))
    at = page.index('">Harbour St.', page.index('<div class="ef-source">'))  # not an attribute
    broken = page[:at] + f'">Harbour {injected} St.' + page[at + len('">Harbour St.') :]
    with pytest.raises(AssertionError):
        read_page(broken)


def test_explain_html_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from embedfix import cli

    out = tmp_path / "report.html"
    assert cli.main(["explain", str(ROOT / "examples" / "article.txt"), "--html", str(out)]) == 0
    assert (
        capsys.readouterr().out == f"{out}: 2 embed(s) from {ROOT / 'examples' / 'article.txt'}\n"
    )
    page = read_page(out.read_text(encoding="utf-8"))
    check_quotes(page, embedfix.repair(ARTICLE).quotes)
    # the library options apply: with a placeholder the clean body says where each embed was
    assert cli.main(["explain", str(ROOT / "examples" / "article.txt"), "--html", str(out),
                     "--placeholder", "[embed {n}]"]) == 0  # fmt: skip
    assert "[embed 1]" in out.read_text(encoding="utf-8")


def test_explain_html_unwritable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from embedfix import cli

    target = tmp_path / "missing-dir" / "report.html"
    assert cli.main(["explain", str(ROOT / "examples" / "article.txt"), "--html", str(target)]) == 2
    assert f"cannot write {target}" in capsys.readouterr().err
