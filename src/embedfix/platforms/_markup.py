"""A small element tree with exact source offsets, for reading embed markup.

BeautifulSoup records where each tag starts (``sourceline``/``sourcepos``) but not where it ends, and
cutting an embed out of a page byte for byte needs both. So the page is tokenised with the standard
library's `html.parser.HTMLParser` (the tokeniser BeautifulSoup's ``"html.parser"`` builder uses),
and the tree is built here with an explicit stack: every element knows its start and end offset,
and nothing recurses, so 10,000 nested tags are as cheap as ten.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterator
from typing import Any, cast

from embedfix.dates import match_date, parse_date
from embedfix.entities import post_entities
from embedfix.model import Platform, Quote

__all__ = [
    "Node",
    "attr",
    "classes",
    "collapse_ws",
    "iter_nodes",
    "parse",
    "render",
    "strip_query",
]

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr", "keygen"}
)
_CLOSES_P = frozenset(
    {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div"}
    | {"dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5"}
    | {"h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section"}
    | {"table", "ul"}
)
"""Start tags that close an open ``<p>``, as a browser does (so an unclosed paragraph does not
swallow the rest of the page)."""
_SCOPE = frozenset({"table", "td", "th", "caption", "button", "object", "template", "marquee"})
_OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th", "#root"})
"""Elements whose end tag HTML lets the page leave out."""
_SKIP_TEXT = frozenset({"script", "style", "template", "svg", "noscript", "#comment"})


class Node:
    """An element (or a comment, ``name == "#comment"``) of the parsed page.

    ``children`` holds `Node`s and decoded text strings, in document order. Offsets are into the
    source string: ``start`` is the ``<`` of the start tag, ``end`` is just past the end tag (or,
    for an element the page never closed, the point where the parser closed it).
    """

    __slots__ = (
        "attrs",
        "children",
        "close_start",
        "closed",
        "end",
        "name",
        "open_end",
        "parent",
        "start",
    )

    def __init__(
        self, name: str, attrs: list[tuple[str, str | None]], start: int, open_end: int
    ) -> None:
        self.name = name
        self.attrs = attrs
        self.start = start
        self.open_end = open_end
        self.close_start = open_end
        self.end = open_end
        self.closed = True
        """False when the page never closed the element (its end tag is missing)."""
        self.children: list[Node | str] = []
        self.parent: Node | None = None

    def __repr__(self) -> str:
        return f"<Node {self.name} {self.start}:{self.end}>"


def attr(node: Node, name: str) -> str | None:
    """The first value of attribute ``name`` (already entity-decoded), or None."""
    for key, value in node.attrs:
        if key == name:
            return value if value is not None else ""
    return None


def classes(node: Node) -> frozenset[str]:
    """Every class token of the element, from all its ``class`` and JSX ``className`` attributes.

    A browser keeps only the first ``class`` attribute; an editor that duplicated it still meant
    the second one, so both count here.
    """
    tokens: set[str] = set()
    for key, value in node.attrs:
        if key in ("class", "classname") and value:
            tokens.update(value.split())
    return frozenset(tokens)


_SPACE = re.compile(r"[\t\n\f\r /]*")
_TAG_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*")
_ATTR_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r />=]*")
_BLANK = re.compile(r"[\t\n\f\r ]*")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
)
_RAW_END = {name: re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE) for name in _RAW_TEXT}


class _Tag:
    """A start tag as the tokeniser read it."""

    __slots__ = ("attrs", "end", "name", "self_closing")

    def __init__(
        self, name: str, attrs: list[tuple[str, str | None]], end: int, self_closing: bool
    ) -> None:
        self.name, self.attrs, self.end, self.self_closing = name, attrs, end, self_closing


_DECIMAL_REF = re.compile(r"&#0*([0-9]{8,})")
"""A decimal character reference of eight or more significant digits: never a code point."""


def _cap_decimal_ref(found: re.Match[str]) -> str:
    digits = found.group(1).lstrip("0") or "0"
    return "&#" + (digits if len(digits) < 8 else "1114112")


def unescape(text: str) -> str:
    """`html.unescape`, safe on any text.

    ``html.unescape`` converts a decimal reference with ``int()``, which refuses more than 4,300
    digits (``&#`` followed by 4,301 ones raises ValueError). A reference of eight or more
    significant digits is beyond U+10FFFF whatever follows, so it is rewritten to the smallest
    such number first, which ``html.unescape`` turns into U+FFFD as it would have; leading zeros
    are dropped (they do not change the value)."""
    if "&#" in text:
        text = _DECIMAL_REF.sub(_cap_decimal_ref, text)
    return html.unescape(text)


def _read_start_tag(source: str, pos: int) -> _Tag | None:
    """Read the start tag whose name begins at ``pos`` (just after ``<``); None when the page
    ends inside it. Follows the HTML tokeniser: a quote runs to its closing quote, and nothing
    is ever re-scanned, so the time is linear whatever the input."""
    n = len(source)
    found = _TAG_NAME.match(source, pos)
    assert found is not None
    name = found.group().lower()
    attrs: list[tuple[str, str | None]] = []
    i = found.end()
    while True:
        space = _SPACE.match(source, i)
        assert space is not None
        i = space.end()
        if i >= n:
            return None
        if source[i] == ">":
            return _Tag(name, attrs, i + 1, source[i - 1] == "/")
        attr_name = _ATTR_NAME.match(source, i)
        assert attr_name is not None
        i = attr_name.end()
        value: str | None = None
        blank = _BLANK.match(source, i)
        assert blank is not None
        if blank.end() < n and source[blank.end()] == "=":
            blank = _BLANK.match(source, blank.end() + 1)
            assert blank is not None
            j = blank.end()
            if j < n and source[j] in "\"'":
                close = source.find(source[j], j + 1)
                if close < 0:
                    return None
                value, i = source[j + 1 : close], close + 1
            else:
                unquoted = _UNQUOTED.match(source, j)
                assert unquoted is not None
                value, i = unquoted.group(), unquoted.end()
            value = unescape(value)
        attrs.append((attr_name.group().lower(), value))


class _TreeBuilder:
    """Tokenises a page and builds the `Node` tree with an explicit stack."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.root = Node("#root", [], 0, 0)
        self.stack: list[Node] = [self.root]
        self.open_count: dict[str, int] = {}

    def _append(self, child: Node | str) -> None:
        parent = self.stack[-1]
        if isinstance(child, str):
            if child:
                parent.children.append(unescape(child))
            return
        parent.children.append(child)
        child.parent = parent

    def _end_tag(self, name: str, start: int, end: int) -> None:
        if not self.open_count.get(name):
            return
        while True:
            node = self.stack.pop()
            self.open_count[node.name] -= 1
            if node.name == name:
                node.close_start, node.end = start, end
                return
            node.close_start = node.end = start
            node.closed = node.name in _OPTIONAL_END

    def build(self) -> Node:
        source = self.source
        n = len(source)
        pos = 0
        while pos < n:
            lt = source.find("<", pos)
            if lt < 0:
                self._append(source[pos:])
                break
            nxt = source[lt + 1 : lt + 2]
            if nxt.isascii() and nxt.isalpha():
                self._append(source[pos:lt])
                tag = _read_start_tag(source, lt + 1)
                if tag is None:
                    break
                pos = self._start_tag(tag, lt)
            elif source.startswith("<!--", lt):
                self._append(source[pos:lt])
                pos = self._comment(lt)
            elif nxt in ("!", "?") or (nxt == "/" and not _TAG_NAME.match(source, lt + 2)):
                self._append(source[pos:lt])
                gt = source.find(">", lt + 2)
                pos = n if gt < 0 else gt + 1
            elif nxt == "/":
                self._append(source[pos:lt])
                name = _TAG_NAME.match(source, lt + 2)
                assert name is not None
                gt = source.find(">", name.end())
                pos = n if gt < 0 else gt + 1
                self._end_tag(name.group().lower(), lt, pos)
            else:
                self._append(source[pos : lt + 1])
                pos = lt + 1
        end = len(source.rstrip())
        while len(self.stack) > 1:
            node = self.stack.pop()
            node.close_start = node.end = max(node.open_end, end)
            node.closed = node.name in _OPTIONAL_END
        self.root.end = len(source)
        return self.root

    def _p_in_scope(self) -> bool:
        """Whether an open ``<p>`` is in button scope (bounded walk: hostile nesting stays linear)."""
        for node in reversed(self.stack[-64:]):
            if node.name == "p":
                return True
            if node.name in _SCOPE:
                return False
        return False

    def _start_tag(self, tag: _Tag, start: int) -> int:
        if tag.name == "a" and self.open_count.get("a"):
            self._end_tag("a", start, start)  # links do not nest: a new one closes the open one
        elif tag.name in _CLOSES_P and self.open_count.get("p") and self._p_in_scope():
            self._end_tag("p", start, start)
        node = Node(tag.name, tag.attrs, start, tag.end)
        self._append(node)
        if tag.name in _VOID or (tag.self_closing and tag.name not in _RAW_TEXT):
            return tag.end
        if tag.name in _RAW_TEXT:
            close = _RAW_END[tag.name].search(self.source, tag.end)
            if close is None:
                node.children.append(self.source[tag.end :])
                node.close_start = node.end = len(self.source)
                return len(self.source)
            node.children.append(self.source[tag.end : close.start()])
            gt = self.source.find(">", close.start())
            node.close_start, node.end = close.start(), len(self.source) if gt < 0 else gt + 1
            return node.end
        self.stack.append(node)
        self.open_count[tag.name] = self.open_count.get(tag.name, 0) + 1
        return tag.end

    def _comment(self, start: int) -> int:
        source = self.source
        if source.startswith(">", start + 4):
            end, body = start + 5, ""
        elif source.startswith("->", start + 4):
            end, body = start + 6, ""
        else:
            close = source.find("-->", start + 4)
            end = len(source) if close < 0 else close + 3
            body = source[start + 4 : close if close >= 0 else len(source)]
        node = Node("#comment", [], start, end)
        node.close_start = end
        node.children.append(body)
        self._append(node)
        return end


def parse(source: str) -> Node:
    """Parse an HTML string (any string: broken markup is read the way a browser would guess)."""
    return _TreeBuilder(source).build()


def iter_nodes(root: Node) -> Iterator[Node]:
    """Every element below ``root`` in document order (``root`` excluded), without recursion."""
    stack: list[Node] = [c for c in reversed(root.children) if isinstance(c, Node)]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(c for c in reversed(node.children) if isinstance(c, Node))


def split_nested(root: Node, name: str) -> tuple[list[Node], list[Node]]:
    """The elements below ``root`` outside every ``name`` element below it, and the outermost
    such elements, each in document order, from one walk that does not enter them.

    Equal to `outside` of `iter_nodes` and `outermost` of its ``name`` elements, but an embed
    reads only its own nodes: a page that leaves ``<blockquote>`` unclosed nests every later
    embed in the one before, and reading each whole subtree again was quadratic."""
    kept: list[Node] = []
    nested: list[Node] = []
    stack: list[Node] = [c for c in reversed(root.children) if isinstance(c, Node)]
    while stack:
        node = stack.pop()
        if node.name == name:
            nested.append(node)
            continue
        kept.append(node)
        stack.extend(c for c in reversed(node.children) if isinstance(c, Node))
    return kept, nested


_WS = re.compile(r"\s+")
_WS_KEEP_NL = re.compile(r"[^\S\n]*\n[^\S\n]*|[^\S\n]+")
_BR = "\x00"


def collapse_ws(text: str) -> str:
    """Collapse each whitespace run to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def render(
    node: Node,
    *,
    keep_newlines: bool = False,
    stop: Node | None = None,
    skip: tuple[Node, ...] = (),
) -> str:
    """The text a reader sees in ``node``: ``<br>`` as a newline, links as their text, whitespace
    runs collapsed to one space (``keep_newlines`` keeps raw newlines, for Bluesky posts).

    ``stop`` ends the text at that descendant; ``skip`` leaves those descendants out.
    """
    pieces: list[str] = []
    skipped = {id(s) for s in skip}
    stack: list[Node | str] = list(reversed(node.children))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            pieces.append(item.replace(_BR, ""))
            continue
        if item is stop:
            break
        if item.name in _SKIP_TEXT or id(item) in skipped:
            continue
        if item.name == "br":
            pieces.append(_BR)
            continue
        stack.extend(reversed(item.children))
    return finish_text("".join(pieces), keep_newlines=keep_newlines)


def finish_text(text: str, *, keep_newlines: bool = False) -> str:
    """Collapse whitespace in rendered text whose hard line breaks are marked with ``\\x00``."""
    lines = []
    for line in text.split(_BR):
        if keep_newlines:
            line = _WS_KEEP_NL.sub(lambda m: "\n" if "\n" in m.group() else " ", line)
            lines.append("\n".join(part.strip() for part in line.split("\n")))
        else:
            lines.append(collapse_ws(line))
    return "\n".join(lines).strip()


def strip_query(url: str) -> str:
    """The URL without its query string and fragment."""
    for sep in ("?", "#"):
        cut = url.find(sep)
        if cut >= 0:
            url = url[:cut]
    return url


def outermost(nodes: list[Node]) -> list[Node]:
    """Drop the nodes (given in document order) that lie inside an earlier one."""
    kept: list[Node] = []
    for node in nodes:
        if not kept or node.start >= kept[-1].end:
            kept.append(node)
    return kept


def outside(nodes: Iterator[Node] | list[Node], excluded: list[Node]) -> list[Node]:
    """The ``nodes`` (in document order) that lie in none of the ``excluded`` subtrees (also in
    document order, none inside another)."""
    kept: list[Node] = []
    i = 0
    for node in nodes:
        while i < len(excluded) and excluded[i].end <= node.start:
            i += 1
        if i < len(excluded) and excluded[i].start <= node.start:
            continue
        kept.append(node)
    return kept


def links(node: Node) -> list[Node]:
    """The ``<a>`` elements below ``node``, in document order."""
    return [n for n in iter_nodes(node) if n.name == "a"]


_MEDIA = re.compile(r"(?:https?://)?pic\.(?:twitter|x)\.com/[A-Za-z0-9]+")


def text_entities(
    text: str, *, domain_handles: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Hashtags, mentions and cashtags written in ``text`` (without their sigils), in order.

    ``domain_handles`` reads mentions as domains (``@name.bsky.social``), as Bluesky writes them.
    """
    found = post_entities(text, domain_handles=domain_handles)
    return found.hashtags, found.mentions, found.cashtags


def split_media(text: str) -> tuple[str, tuple[str, ...]]:
    """Cut the trailing ``pic.twitter.com/…`` placeholders off ``text``; return text and media."""
    media: list[str] = []
    end = len(text.rstrip())
    while True:
        cut = text.rfind("pic.", 0, end)
        if cut < 0 or not _MEDIA.fullmatch(text, cut, end):
            break
        media.append(text[cut:end])
        if text.endswith(("https://", "http://"), 0, cut):
            cut = text.rfind("h", 0, cut)
        end = cut
        while end > 0 and text[end - 1].isspace():
            end -= 1
    return text[:end], tuple(reversed(media))


def read_date(raw: str, *, lang: str | None = None) -> tuple[datetime.date | None, str | None]:
    """Parse a date as an embed shows it: a whole date, or a date followed by a time
    (``Jul 6, 2015 at 5:34pm PDT``), or one between a weekday and its comma or space
    (``Friday, April 10, 2020``, ``9 Ocak 2017 Pazartesi``).

    ``lang`` is the embed's own language setting (``data-lang``): it names the language of a date
    that reads the same in several (``17 juli 2016`` is Dutch or Swedish) when it is one of them.
    """
    text = collapse_ws(raw)
    if not text:
        return None, None
    hint = lang.lower() if lang else None
    day, found_lang = parse_date(text, lang=hint)
    if day is not None:
        return day, found_lang
    found = match_date(text, 0, lang=hint)
    if found is not None and found.date is not None:
        return found.date, found.lang
    comma = text.find(", ")
    if 0 < comma <= 12:
        day, found_lang = parse_date(text[comma + 2 :], lang=hint)
    if day is None and " " in text:
        head, _, tail = text.rpartition(" ")
        if tail.isalpha():
            day, found_lang = parse_date(head, lang=hint)
    return day, found_lang


def quote_from(node: Node, source: str, platform: str, **fields: Any) -> Quote:
    """A `Quote` whose span is the whole element ``node``."""
    return Quote(
        platform=cast("Platform", platform),
        span=(node.start, node.end),
        raw=source[node.start : node.end],
        **fields,
    )


def iso_date(value: str | None) -> datetime.date | None:
    """The date of an ISO 8601 timestamp attribute (``data-datetime``), or None."""
    if not value:
        return None
    found = match_date(value.strip(), 0)
    return found.date if found is not None else None
