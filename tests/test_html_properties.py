"""Invariants of `repair_html` on generated markup: it never crashes, spans slice the source
exactly, and a page it has cleaned holds no embed any more."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from embedfix import repair_html

TWEET = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Ferries are running again '
    '<a href="https://t.co/QwErTy1234">pic.twitter.com/QwErTy1234</a></p>&mdash; Ferry Co '
    '(@ferryco) <a href="https://twitter.com/ferryco/status/1311000000000000000">'
    "September 29, 2020</a></blockquote>"
)
FRAGMENTS = [
    TWEET,
    '<script async src="https://platform.twitter.com/widgets.js"></script>',
    '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">',
    "</div></figure>",
    '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
    '<blockquote class="instagram-media"><p><a href="https://www.instagram.com/p/Abc123/">Hi</a>'
    "</p><p>A post shared by Ann (@ann.b)</p></blockquote>",
    '<blockquote class="twitter-tweet">',
    "<blockquote>",
    "</blockquote>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    '<a href="https://twitter.com/x/status/1311000000000000000">',
    "</a>",
    "&mdash; Name (@name) ",
    "May 1, 2020",
    "&amp;",
    "<",
    '"',
    "'",
    "\n",
]

pages = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=25).map(
    "".join
)


@settings(max_examples=60, deadline=None)
@given(pages, st.sampled_from([None, "", "[{n}]"]))
def test_spans_slice_the_source_and_cleaning_is_complete(
    page: str, placeholder: str | None
) -> None:
    doc = repair_html(page, placeholder=placeholder)
    assert doc.source == page
    previous_end = 0
    for q in doc.quotes:
        assert page[q.span[0] : q.span[1]] == q.raw
        assert q.span[0] >= previous_end
        previous_end = q.span[1]
    if not doc.quotes:
        assert doc.html == page
    else:
        assert len(doc.html) < len(page) or placeholder
        assert repair_html(doc.html).quotes == ()


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_read_without_error(text: str) -> None:
    doc = repair_html(text)
    for q in doc.quotes:
        assert text[q.span[0] : q.span[1]] == q.raw
