"""Reading back a page drawn by embedfix.render: a strict parse and what a reader of it sees.

Shared by tests/test_render.py (on the renderer's own output) and tests/test_render_browser.py (on
the DOM Chromium serialises after loading the page). The parse fails on any element or attribute
the renderer does not write, on an end tag that does not close the open element, and on an element
left open, so markup from the input that escaped the escaping is caught however it got in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import regex

from embedfix.model import Quote

TAGS = frozenset(
    [
        "html",
        "head",
        "meta",
        "title",
        "body",
        "div",
        "style",
        "p",
        "span",
        "h2",
        "mark",
        "section",
        "ol",
        "li",
        "a",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "code",
    ]
)
VOID = frozenset({"meta"})
ATTRS = frozenset(
    [
        "lang",
        "charset",
        "http-equiv",
        "content",
        "name",
        "class",
        "id",
        "title",
        "href",
        "data-quote",
        "data-label",
        "data-field",
    ]
)
UNSHOWABLE = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\p{Cs}]")


def shown(text: str) -> str:
    """``text`` as the page shows it: characters HTML cannot hold become U+FFFD."""
    return UNSHOWABLE.sub("\ufffd", text)


@dataclass
class Card:
    """One quote's entry in the panel: each field's text, and its items for list fields."""

    number: str
    texts: dict[str, str] = field(default_factory=dict)
    items: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Page:
    """What the parse found."""

    marks: list[tuple[dict[str, str], str]] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    source_text: str = ""
    hrefs: list[str] = field(default_factory=list)
    title: str = ""
    csp: str | None = None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, dict[str, str], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in TAGS, f"unexpected element <{tag}>"
        values: dict[str, str] = {}
        for name, value in attrs:
            assert name in ATTRS, f"unexpected attribute {name}= on <{tag}>"
            assert name not in values, f"attribute {name} twice on <{tag}>"
            values[name] = value or ""
        if "href" in values:
            self.page.hrefs.append(values["href"])
        if tag == "meta" and values.get("http-equiv") == "Content-Security-Policy":
            self.page.csp = values.get("content")
        if tag == "li":
            self.page.cards.append(Card(values.get("data-quote", "")))
        if tag in VOID:
            return
        self.stack.append((tag, values, []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in VOID, f"<{tag}/> is not a void element"
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"end tag for void <{tag}>"
        assert self.stack, f"</{tag}> with nothing open"
        open_tag, attrs, parts = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        text = "".join(parts)
        if self.stack:
            self.stack[-1][2].append(text)
        classes = set(attrs.get("class", "").split())
        page = self.page
        if tag == "mark" and "ef-quote" in classes:
            page.marks.append((attrs, text))
        elif tag == "div" and "ef-source" in classes:
            page.source_text = text
        elif tag == "title":
            page.title = text
        elif tag == "span" and "ef-item" in classes:
            owner = self.stack[-1][1].get("data-field", "")
            page.cards[-1].items.setdefault(owner, []).append(text)
        elif tag == "dd" and "data-field" in attrs:
            page.cards[-1].texts[attrs["data-field"]] = text

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1][2].append(data)


def read_page(text: str) -> Page:
    """Parse a page (or fragment) strictly; an AssertionError says what is wrong with it."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    assert not reader.stack, f"left open: {[t for t, _, _ in reader.stack]}"
    return reader.page


def check_quotes(page: Page, quotes: tuple[Quote, ...]) -> None:
    """One highlight per quote around exactly its raw text, and every field in its card."""
    ordered = sorted(quotes, key=lambda q: q.span)
    assert len(page.marks) == len(ordered)
    assert len(page.cards) == len(ordered)
    for number, (q, (attrs, text), card) in enumerate(
        zip(ordered, page.marks, page.cards, strict=True), 1
    ):
        assert attrs["data-quote"] == card.number == str(number)
        assert text == shown(q.raw)
        assert f"{q.confidence:.2f}" in attrs["data-label"]
        for name, value in q.to_dict().items():
            if isinstance(value, list):
                assert card.items.get(name, []) == [shown(str(v)) for v in value], name
            elif value is None:
                assert card.texts[name] == "", name
            else:
                assert card.texts[name] == shown(str(value)), name


HOSTILE_POST = (
    "Ready <script>document.title='pwned'</script> \"double\" 'single' & &amp; "
    '<img src="https://example.com/x.png" onerror="document.body.dataset.pwned=1"> '
    "</mark></div><!-- ]]> مرحبا بالعالم שלום עולם \u202edesrever\u202c "
    'pic.twitter.com/AbCdEf1234— Jane "<b onmouseover=alert(1)>" Doe (@janedoe) May 2, 2019'
)


def hostile_document(size: int) -> str:
    """About ``size`` characters of article in Arabic, Hebrew and English with markup, quotes,
    bidi overrides and control characters, and an embed every paragraph whose text is markup."""
    paragraph = (
        'قال الوزير إن الزيارة <b>تاريخية</b> "اليوم".\r\n'
        "הוא אמר ש-<i onclick='x()'>כן</i> & <style>body{display:none}</style>\x00\x1b\n"
        f"{HOSTILE_POST}\n"
        '<a href="javascript:alert(3)">link</a> <iframe src="https://example.com/"></iframe>\n'
    )
    return (paragraph * (size // len(paragraph) + 1))[:size]
