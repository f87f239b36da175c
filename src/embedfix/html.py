"""`repair_html`: embeds read from their markup, and the page handed back without them.

The page is parsed once into a tree that knows each element's exact offsets
(`embedfix.platforms._markup`). Each platform module reads its own markup into a `Quote`. The page
is then rebuilt by splicing the source string: each embed, the wrapper that holds only it
(WordPress ``figure.wp-block-embed``, ``div.embed-twitter``, ...) and its loader script are cut
out, or replaced by the placeholder, and every other byte is kept as it was.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from embedfix.model import HtmlDocument, Quote
from embedfix.platforms import _markup as m
from embedfix.platforms import (
    bluesky,
    facebook,
    iframes,
    instagram,
    mastodon,
    reddit,
    threads,
    tiktok,
    twitter,
)

__all__ = ["looks_like_embed_html", "repair_html"]

Reader = Callable[[m.Node, str], "Quote | None"]

_READERS: tuple[Reader, ...] = (
    twitter.read_html,
    instagram.read_html,
    facebook.read_html,
    tiktok.read_html,
    bluesky.read_html,
    threads.read_html,
    mastodon.read_html,
    reddit.read_html,
    iframes.read_html,
    twitter.read_html_unmarked,
)
"""Every platform's markup reader, tried in this order on each element; the first match wins.
The reader of tweet blockquotes whose class was dropped comes last, as the least specific."""

_MODULES = (twitter, instagram, facebook, tiktok, bluesky, threads, mastodon, reddit, iframes)
_MARKERS: tuple[str, ...] = tuple(
    marker.lower() for module in _MODULES for marker in module.HTML_MARKERS
)
_LOADERS: tuple[str, ...] = tuple(
    loader.lower() for module in _MODULES for loader in module.HTML_LOADER_SCRIPTS
)
_PLATFORM_LOADERS: dict[str, tuple[str, ...]] = {
    "twitter": twitter.HTML_LOADER_SCRIPTS,
    "instagram": instagram.HTML_LOADER_SCRIPTS,
    "facebook": facebook.HTML_LOADER_SCRIPTS,
    "tiktok": tiktok.HTML_LOADER_SCRIPTS,
    "bluesky": bluesky.HTML_LOADER_SCRIPTS,
    "threads": threads.HTML_LOADER_SCRIPTS,
    "reddit": reddit.HTML_LOADER_SCRIPTS,
}
"""The loader scripts that become useless once a platform's embeds are gone from the page."""
_LOADER_SHAPE = re.compile(r"/(?:embed|embeds|widgets|platform|sdk)\.js(?:[?#]|$)")
_WRAPPER_CLASS = re.compile(
    r"embed|tweet|twitter|instagram|facebook|fb-|tiktok|bluesky|threads|mastodon|reddit|social"
    r"|wp-block|oembed|iframe|video",
    re.IGNORECASE,
)
_EMBED_CLASSES = frozenset(
    {
        "twitter-tweet",
        "twitter-video",
        "instagram-media",
        "fb-post",
        "fb-video",
        "tiktok-embed",
        "bluesky-embed",
        "text-post-media",
        "mastodon-embed",
        "reddit-card",
        "reddit-embed-bq",
    }
)
"""Classes that claim an element as an embed: when its reader finds nothing usable in it, the
element is still not searched for other embeds (this also keeps the walk linear)."""
_WRAPPER_TAGS = frozenset({"figure", "center"})
_PLAIN_WRAPPER_TAGS = frozenset({"div", "span", "p", "section", "aside"})


def looks_like_embed_html(text: str) -> bool:
    """Whether ``text`` is HTML with embed markup in it, which `repair_html` should read instead.

    Cheap on purpose (`repair` calls it on every input): the text must start with ``<`` after
    whitespace and contain a known embed marker such as ``class="twitter-tweet"``.
    """
    if not isinstance(text, str):
        msg = f"looks_like_embed_html() takes a str, not {type(text).__name__}"
        raise TypeError(msg)
    if text.lstrip()[:1] != "<":
        return False
    lowered = text.lower()
    return any(marker in lowered for marker in _MARKERS)


def _is_loader(node: m.Node | str) -> bool:
    if not isinstance(node, m.Node) or node.name != "script":
        return False
    src = (m.attr(node, "src") or "").lower()
    return bool(src) and (
        any(loader in src for loader in _LOADERS) or bool(_LOADER_SHAPE.search(src))
    )


def _ignorable(child: m.Node | str) -> bool:
    """Whether a wrapper's other child carries nothing a reader sees: whitespace, comments,
    styles, loader scripts, line breaks and empty unstyled boxes (checked without recursion)."""
    stack = [child]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if item.strip():
                return False
            continue
        if item.name in ("#comment", "style", "br") or _is_loader(item):
            continue
        empty_box = item.name in ("div", "span", "p") and (
            not item.attrs or "wp-block-embed__wrapper" in m.classes(item)
        )
        if not empty_box:
            return False
        stack.extend(item.children)
    return True


def _is_wrapper(node: m.Node) -> bool:
    if node.name in _WRAPPER_TAGS:
        return True
    if node.name not in _PLAIN_WRAPPER_TAGS:
        return node.name.startswith("amp-")
    if node.name == "p" or not node.attrs:
        return True
    return any(_WRAPPER_CLASS.search(c) for c in m.classes(node)) or bool(
        _WRAPPER_CLASS.search(m.attr(node, "id") or "")
    )


def _removal(
    node: m.Node, quote: Quote, index_of: dict[int, int], embeds: set[int]
) -> tuple[int, int, list[m.Node]]:
    """The source range to cut for the embed ``node`` (with its wrappers and loader scripts), and
    the loader scripts inside it."""
    if quote.span != (node.start, node.end):
        return quote.span[0], quote.span[1], []
    top = node
    while top.parent is not None and top.parent.name != "#root" and _is_wrapper(top.parent):
        children = top.parent.children
        if not all(c is top or _ignorable(c) for c in children):
            break
        top = top.parent
    start, end = top.start, top.end
    assert top.parent is not None
    children = top.parent.children
    if id(top) not in index_of:
        index_of.update((id(c), i) for i, c in enumerate(children))
    index = index_of[id(top)]
    scripts: list[m.Node] = []
    for after in range(index + 1, len(children)):  # by index: a slice per embed is quadratic
        sibling = children[after]
        if isinstance(sibling, str) and not sibling.strip():
            continue
        if _is_loader(sibling) and id(sibling) not in embeds:
            assert isinstance(sibling, m.Node)
            end = sibling.end
            scripts.append(sibling)
            continue
        break
    if any(c.startswith("bbpBox") for c in m.classes(node)):
        for before in range(index - 1, -1, -1):
            sibling = children[before]
            if isinstance(sibling, str):
                if sibling.strip():
                    break
                continue
            if sibling.name not in ("style", "#comment"):
                break
            start = sibling.start
    return start, end, scripts


def _inside(starts: list[int], cuts: list[tuple[int, int, str]], offset: int) -> bool:
    """Whether ``offset`` lies in one of the sorted, disjoint ``cuts`` (``starts`` are theirs)."""
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and offset < cuts[i][1]


def repair_html(html: str, *, placeholder: str | None = None) -> HtmlDocument:
    """Find the embeds in an HTML page; return them and the page without them.

    Each quote's ``span`` is the embed element itself in ``html`` (``raw`` is that slice). The
    returned page has each embed, the wrappers that held only it and its loader script removed;
    with a ``placeholder``, the cut is replaced by it, ``{n}`` standing for the quote's index.
    Other loader scripts of the same embed code are removed too. Every other byte is kept: a
    page without embeds comes back unchanged.
    """
    if not isinstance(html, str):
        msg = f"embedfix.repair_html() takes a str, not {type(html).__name__}"
        raise TypeError(msg)
    if placeholder is not None and not isinstance(placeholder, str):
        msg = f"placeholder must be a str or None, not {type(placeholder).__name__}"
        raise TypeError(msg)
    root = m.parse(html)
    found: list[tuple[Quote, m.Node]] = []
    stack: list[m.Node] = [c for c in reversed(root.children) if isinstance(c, m.Node)]
    while stack:
        node = stack.pop()
        quote = None
        if node.name not in ("#comment", "style"):
            for reader in _READERS:
                quote = reader(node, html)
                if quote is not None:
                    break
        if quote is not None:
            found.append((quote, node))
            # An embed the page never closed ends at its signature; what follows is page again.
            stack.extend(
                c
                for c in reversed(node.children)
                if isinstance(c, m.Node) and c.start >= quote.span[1]
            )
            continue
        if m.classes(node) & _EMBED_CLASSES:
            continue
        stack.extend(c for c in reversed(node.children) if isinstance(c, m.Node))
    if not found:
        return HtmlDocument(source=html, html=html)
    cuts: list[tuple[int, int, str]] = []
    covered: set[int] = set()
    index_of: dict[int, int] = {}
    embeds = {id(node) for _, node in found}
    for n, (quote, node) in enumerate(found):
        start, end, scripts = _removal(node, quote, index_of, embeds)
        covered.update(id(s) for s in scripts)
        text = placeholder.replace("{n}", str(n)) if placeholder is not None else ""
        cuts.append((start, end, text))
    cuts.sort()
    embed_cuts = list(cuts)
    starts = [start for start, _, _ in embed_cuts]
    unused = tuple(
        loader.lower() for q, _ in found for loader in _PLATFORM_LOADERS.get(q.platform, ())
    )
    for node in m.iter_nodes(root):
        if (
            _is_loader(node)
            and any(loader in (m.attr(node, "src") or "").lower() for loader in unused)
            and id(node) not in covered
            and not _inside(starts, embed_cuts, node.start)
        ):
            cuts.append((node.start, node.end, ""))
    cuts.sort()
    pieces: list[str] = []
    pos = 0
    for start, end, text in cuts:
        if start < pos:
            continue
        pieces.append(html[pos:start])
        pieces.append(text)
        pos = end
    pieces.append(html[pos:])
    return HtmlDocument(source=html, html="".join(pieces), quotes=tuple(q for q, _ in found))
