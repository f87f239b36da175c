"""A small element tree with exact source offsets, for reading embed markup.

BeautifulSoup records where each tag starts (``sourceline``/``sourcepos``) but not where it ends, and
cutting an embed out of a page byte for byte needs both. So the page is tokenised with the standard
library's `html.parser.HTMLParser` (the tokeniser BeautifulSoup's ``"html.parser"`` builder uses),
and the tree is built here with an explicit stack: every element knows its start and end offset,
and nothing recurses, so 10,000 nested tags are as cheap as ten.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from embedfix.dates import match_date, parse_date
from embedfix.model import Quote

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
_SKIP_TEXT = frozenset({"script", "style", "template", "svg", "noscript", "#comment"})


class Node:
    """An element (or a comment, ``name == "#comment"``) of the parsed page.

    ``children`` holds `Node`s and decoded text strings, in document order. Offsets are into the
    source string: ``start`` is the ``<`` of the start tag, ``end`` is just past the end tag (or,
    for an element the page never closed, the point where the parser closed it).
    """

    __slots__ = ("attrs", "children", "close_start", "end", "name", "open_end", "parent", "start")

    def __init__(
        self, name: str, attrs: list[tuple[str, str | None]], start: int, open_end: int
    ) -> None:
        self.name = name
        self.attrs = attrs
        self.start = start
        self.open_end = open_end
        self.close_start = open_end
        self.end = open_end
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


class _TreeBuilder(HTMLParser):
    """Feeds `HTMLParser` events into a `Node` tree with source offsets."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0]
        self.line_starts.extend(m.end() for m in re.finditer("\n", source))
        self.root = Node("#root", [], 0, 0)
        self.stack: list[Node] = [self.root]
        self.open_count: dict[str, int] = {}

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _append(self, child: Node | str) -> None:
        parent = self.stack[-1]
        parent.children.append(child)
        if isinstance(child, Node):
            child.parent = parent

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        text = self.get_starttag_text() or ""
        node = Node(tag, attrs, start, start + len(text))
        self._append(node)
        if tag not in _VOID:
            self.stack.append(node)
            self.open_count[tag] = self.open_count.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        text = self.get_starttag_text() or ""
        self._append(Node(tag, attrs, start, start + len(text)))

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        close = self.source.find(">", start)
        end = len(self.source) if close < 0 else close + 1
        if not self.open_count.get(tag):
            return
        while True:
            node = self.stack.pop()
            self.open_count[node.name] -= 1
            if node.name == tag:
                node.close_start, node.end = start, end
                return
            node.close_start = node.end = start

    def handle_data(self, data: str) -> None:
        self._append(data)

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        close = self.source.find("-->", start + 4)
        end = start + len(data) + 7 if close < 0 else close + 3
        node = Node("#comment", [], start, min(end, len(self.source)))
        node.children.append(data)
        self._append(node)

    def finish(self) -> Node:
        self.close()
        end = len(self.source.rstrip())
        while len(self.stack) > 1:
            node = self.stack.pop()
            node.close_start = node.end = max(node.open_end, end)
        self.root.end = len(self.source)
        return self.root


def parse(source: str) -> Node:
    """Parse an HTML string (any string: broken markup is read the way a browser would guess)."""
    builder = _TreeBuilder(source)
    builder.feed(source)
    return builder.finish()


def iter_nodes(root: Node) -> Iterator[Node]:
    """Every element below ``root`` in document order (``root`` excluded), without recursion."""
    stack: list[Node] = [c for c in reversed(root.children) if isinstance(c, Node)]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(c for c in reversed(node.children) if isinstance(c, Node))


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
    stack: list[Node | str] = list(reversed(node.children))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            pieces.append(item.replace(_BR, ""))
            continue
        if item is stop:
            break
        if item.name in _SKIP_TEXT or any(item is s for s in skip):
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


def links(node: Node) -> list[Node]:
    """The ``<a>`` elements below ``node``, in document order."""
    return [n for n in iter_nodes(node) if n.name == "a"]


_HASHTAG = re.compile(r"(?<![\w&#])#(\w+)")
_CASHTAG = re.compile(r"(?<![\w$])\$([A-Za-z][A-Za-z0-9_]{0,9})(?![\w$])")
_MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9_]{1,20})(?![\w@])")
_DOMAIN_MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9_-]{1,63}(?:\.[A-Za-z0-9_-]{1,63})*)")
_MEDIA = re.compile(r"(?:https?://)?pic\.(?:twitter|x)\.com/[A-Za-z0-9]+")


def _uniq(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def text_entities(
    text: str, *, domain_handles: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Hashtags, mentions and cashtags written in ``text`` (without their sigils), in order.

    ``domain_handles`` reads mentions as domains (``@name.bsky.social``), as Bluesky writes them.
    """
    pattern = _DOMAIN_MENTION if domain_handles else _MENTION
    mentions = [m.rstrip(".-") for m in pattern.findall(text)]
    return (
        _uniq(_HASHTAG.findall(text)),
        _uniq([m for m in mentions if m]),
        _uniq(_CASHTAG.findall(text)),
    )


def split_media(text: str) -> tuple[str, tuple[str, ...]]:
    """Cut the trailing ``pic.twitter.com/…`` placeholders off ``text``; return text and media."""
    media: list[str] = []
    rest = text.rstrip()
    while True:
        cut = rest.rfind("pic.")
        if cut < 0:
            break
        head = rest[:cut]
        if head.endswith(("https://", "http://")):
            head = head[: head.rfind("h")]
        if not _MEDIA.fullmatch(rest[len(head) :]):
            break
        media.append(rest[cut:])
        rest = head.rstrip()
    return rest, tuple(reversed(media))


def read_date(raw: str) -> tuple[datetime.date | None, str | None]:
    """Parse a date as an embed shows it: a whole date, or a date followed by a time
    (``Jul 6, 2015 at 5:34pm PDT``), or one preceded by a weekday (``Friday, April 10, 2020``)."""
    text = collapse_ws(raw)
    if not text:
        return None, None
    day, lang = parse_date(text)
    if day is not None:
        return day, lang
    found = match_date(text, 0)
    if found is not None and found.date is not None:
        return found.date, found.lang
    comma = text.find(", ")
    if 0 < comma <= 12:
        day, lang = parse_date(text[comma + 2 :])
    if day is None and " " in text:
        head, _, tail = text.rpartition(" ")
        if tail.isalpha():
            day, lang = parse_date(head)
    return day, lang


def quote_from(node: Node, source: str, platform: str, **fields: Any) -> Quote:
    """A `Quote` whose span is the whole element ``node``."""
    return Quote(
        platform=platform, span=(node.start, node.end), raw=source[node.start : node.end], **fields
    )


def iso_date(value: str | None) -> datetime.date | None:
    """The date of an ISO 8601 timestamp attribute (``data-datetime``), or None."""
    if not value:
        return None
    found = match_date(value.strip(), 0)
    return found.date if found is not None else None
