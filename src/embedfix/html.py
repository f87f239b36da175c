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
from dataclasses import replace

from embedfix.encoding import EncodingPlan, LostMode, analyze
from embedfix.model import Damage, HtmlDocument, Quote, Repair
from embedfix.options import Options, check, check_text
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


def repair_html(
    html: str,
    *,
    placeholder: str | None = None,
    lost: LostMode = "mark",
    fix_encoding: bool = True,
) -> HtmlDocument:
    """Find the embeds in an HTML page; return them, the page's text and the page without them.

    The result has the fields of `repair`'s `Document` (one schema covers both) and ``html``:
    each quote's ``span`` is the embed element itself in ``html`` (``raw`` is that slice), its
    text and author repaired as `repair` repairs them; ``body`` is the page's text content without
    the embeds, encoding repaired; ``repairs`` lists the changes made to both. ``html`` is the page
    with each embed, the wrappers that held only it and its loader script removed; with a
    ``placeholder``, the cut is replaced by it, ``{n}`` standing for the quote's number (from 1).
    Other loader scripts of the same embed code are removed too. Every other byte is kept: a
    page without embeds comes back unchanged.

    Args:
        html: The page (or a fragment of one), as text. Never changed; kept as
            `HtmlDocument.source`.
        placeholder: Markup left where each embed was cut (``{n}`` is the quote's number, from
            1); None cuts it without a trace.
        lost: What becomes of characters judged lost, as in `embedfix.repair`.
        fix_encoding: Whether mojibake, entities and byte residue are repaired, as in
            `embedfix.repair`.

    Returns:
        An `HtmlDocument`: the quotes in document order with their spans into ``html``, the
            page's text without them (``body``), every repair, the damage model, and the page's
            markup without the embeds (``html``).

    Raises:
        TypeError: ``html`` is not a str, or an option has the wrong type.
        ValueError: an option's value is not one of those allowed.

    Examples:
        >>> page = (
        ...     '<p>Before.</p><blockquote class="twitter-tweet"><p lang="en">We won!</p>'
        ...     "&mdash; Jane Doe (@janedoe) "
        ...     '<a href="https://twitter.com/janedoe/status/1123456789012345678">May 2, 2019</a>'
        ...     "</blockquote><p>After.</p>"
        ... )
        >>> doc = repair_html(page, placeholder="<!-- embed {n} -->")
        >>> doc.quotes[0].handle, doc.quotes[0].text, doc.quotes[0].date.isoformat()
        ('janedoe', 'We won!', '2019-05-02')
        >>> doc.html
        '<p>Before.</p><!-- embed 1 --><p>After.</p>'
    """
    html = check_text(html, "embedfix.repair_html")
    options = check(placeholder=placeholder, lost=lost, fix_encoding=fix_encoding)
    return _repair_html(html, options)


def _holds_embeds(node: m.Node) -> bool:
    """Whether an element with an embed's class that no reader took holds embeds itself: a
    theme's wrapper that shares the class (``<div class="instagram-media post-template-content">``
    around the whole article), not an embed. Asked only of elements other than blockquotes: an
    unread embed blockquote stays whole, and what it nests is not read on its own."""
    return any(m.classes(inner) & _EMBED_CLASSES for inner in m.iter_nodes(node))


_GATES = frozenset({"textarea", "script"})
_TEMPLATE_TYPES = frozenset({"text/template", "text/html", "text/x-template"})


def _gated_markup(node: m.Node, html: str) -> m.Node | None:
    """The embed markup a consent banner holds back, parsed, or None. Privacy plugins keep each
    embed's snippet as the text of a ``<textarea>`` or of a ``<script type="text/template">`` and
    write it into the page once the reader agrees: the snippet is the page's embed all the same.
    The snippet's nodes are moved to its offsets in ``html``, so spans stay offsets into it."""
    if node.name not in _GATES or node.close_start <= node.open_end:
        return None
    if node.name == "script" and (m.attr(node, "type") or "").lower() not in _TEMPLATE_TYPES:
        return None
    inner = html[node.open_end : node.close_start]
    if "<blockquote" not in inner or not any(cls in inner for cls in _EMBED_CLASSES):
        return None
    root = m.parse(inner)
    for inner_node in m.iter_nodes(root):
        inner_node.start += node.open_end
        inner_node.open_end += node.open_end
        inner_node.close_start += node.open_end
        inner_node.end += node.open_end
    return root


def _repair_html(html: str, options: Options) -> HtmlDocument:
    """`repair_html` with its options checked."""
    placeholder = options.placeholder
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
        if m.classes(node) & _EMBED_CLASSES and (
            node.name == "blockquote" or not _holds_embeds(node)
        ):
            continue
        gated = _gated_markup(node, html)
        if gated is not None:
            stack.extend(c for c in reversed(gated.children) if isinstance(c, m.Node))
            continue
        stack.extend(c for c in reversed(node.children) if isinstance(c, m.Node))
    if not found:
        return _document(html, root, [], [], html, options)
    cuts: list[tuple[int, int, str]] = []
    covered: set[int] = set()
    index_of: dict[int, int] = {}
    embeds = {id(node) for _, node in found}
    for n, (quote, node) in enumerate(found):
        start, end, scripts = _removal(node, quote, index_of, embeds)
        covered.update(id(s) for s in scripts)
        text = placeholder.replace("{n}", str(n + 1)) if placeholder is not None else ""
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
    quotes = [q for q, _ in found]
    return _document(html, root, quotes, cuts, "".join(pieces), options)


# --- the page's text and its encoding ---------------------------------------------------------

_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "center", "dd", "details", "dialog"}
    | {"div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3"}
    | {"h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section"}
    | {"summary", "table", "td", "th", "tr", "ul", "caption", "body", "html"}
)
"""Elements a browser lays out as blocks: their text stands on lines of its own in the body."""
_NO_TEXT = frozenset(
    {"script", "style", "template", "svg", "noscript", "#comment", "head", "title", "iframe"}
    | {"textarea", "select", "object", "math"}
)
"""Elements whose content is not text a reader sees."""
_MARKUP_IN_TEXT = re.compile(r"<[!?/][^>]*>?")
"""What the tokeniser skips between elements: a doctype, a processing instruction, a stray end
tag (the page's text runs around them)."""

Piece = tuple[int, int] | str
"""A stretch of the body: a source range of text, or a separator (a line break, a placeholder)."""


def _text_pieces(root: m.Node, html: str) -> list[Piece]:
    """The page's visible text in document order: source ranges of text, ``"\n"`` between
    blocks. Without recursion (a deep page is as cheap as a flat one)."""
    out: list[Piece] = []
    stack: list[m.Node | tuple[int, int] | str] = [root]
    while stack:
        item = stack.pop()
        if not isinstance(item, m.Node):
            out.append(item)
            continue
        if item.name in _NO_TEXT:
            continue
        block = item.name in _BLOCKS
        todo: list[m.Node | tuple[int, int] | str] = ["\n"] if block else []
        pos = item.open_end
        for child in item.children:
            if isinstance(child, m.Node):
                todo += _gap(html, pos, child.start)
                todo.append(child)
                pos = child.end
        close = len(html) if item.name == "#root" else item.close_start
        todo += _gap(html, pos, close)
        if block:
            todo.append("\n")
        stack.extend(reversed(todo))
    return out


def _gap(html: str, start: int, end: int) -> list[tuple[int, int] | str]:
    """The text ranges between two elements, around any doctype or stray end tag."""
    out: list[tuple[int, int] | str] = []
    pos = start
    for found in _MARKUP_IN_TEXT.finditer(html, start, end):
        if found.start() > pos:
            out.append((pos, found.start()))
        pos = found.end()
    if end > pos:
        out.append((pos, end))
    return out


def _body_pieces(pieces: list[Piece], cuts: list[tuple[int, int, str]], html: str) -> list[Piece]:
    """``pieces`` without the cut ranges (a placeholder on its own line instead), whitespace at
    the edges of lines trimmed and runs of line breaks made one."""
    cut_starts = [c[0] for c in cuts]
    out: list[Piece] = []
    done = -1  # the index of the last cut whose placeholder was written
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        a, b = piece
        while a < b:
            i = bisect.bisect_right(cut_starts, a) - 1
            if i >= 0 and a < cuts[i][1]:  # inside a cut: skip to its end
                if i > done and cuts[i][2]:
                    out += ["\n", cuts[i][2], "\n"]
                done = max(done, i)
                a = cuts[i][1]
                continue
            nxt = cut_starts[i + 1] if i + 1 < len(cuts) else b
            stop = min(b, nxt)
            out.append((a, stop))
            a = stop
    # Trim: spaces next to a line break go; empty and blank ranges go; line breaks merge. A
    # range is trimmed at its end when what follows it, blank ranges skipped, is a line break
    # (found in one backward pass, so a page of many small pieces stays linear).
    breaks_after = [True] * len(out)
    following_break = True
    for k in range(len(out) - 1, -1, -1):
        breaks_after[k] = following_break
        piece = out[k]
        if isinstance(piece, str):
            following_break = piece == "\n"
        elif html[piece[0] : piece[1]].strip():
            following_break = False
    trimmed: list[Piece] = []
    for k, piece in enumerate(out):
        if isinstance(piece, str):
            if piece != "\n" or (trimmed and trimmed[-1] != "\n"):
                trimmed.append(piece)
            continue
        a, b = piece
        if not trimmed or trimmed[-1] == "\n":
            while a < b and html[a].isspace():
                a += 1
        if breaks_after[k]:
            while b > a and html[b - 1].isspace():
                b -= 1
        if b > a:
            trimmed.append((a, b))
    while trimmed and trimmed[-1] == "\n":
        trimmed.pop()
    if trimmed and trimmed[0] == "\n":
        trimmed.pop(0)
    return trimmed


def _document(
    html: str,
    root: m.Node,
    quotes: list[Quote],
    cuts: list[tuple[int, int, str]],
    page: str,
    options: Options,
) -> HtmlDocument:
    """The `HtmlDocument`: the body assembled from the page's text outside the cuts, the quotes'
    text and author repaired, the encoding judged once on all of it (as `repair` judges the
    whole text: whether ``????`` are lost emoji depends on what survived elsewhere)."""
    pieces = _body_pieces(_text_pieces(root, html), cuts, html)
    reading: list[str] = []
    kept: list[tuple[int, int, int]] = []  # (offset in the reading, start and end in the source)
    size = 0
    for piece in pieces:
        text = piece if isinstance(piece, str) else html[piece[0] : piece[1]]
        if not isinstance(piece, str):
            kept.append((size, *piece))
        reading.append(text)
        size += len(text)
    body_size = size
    fields: list[tuple[int, str, int, int]] = []  # (quote, field, offset, end) in the reading
    for i, quote in enumerate(quotes):
        for name in ("text", "author"):
            value = getattr(quote, name)
            if value:
                reading.append("\n")
                fields.append((i, name, size + 1, size + 1 + len(value)))
                reading.append(value)
                size += 1 + len(value)
    whole = "".join(reading)
    plan = analyze(whole, lost=options.lost, fix_mojibake=options.fix_encoding)
    body, repairs = _fix_body(whole, body_size, kept, plan)
    fixed: list[dict[str, str]] = [{} for _ in quotes]
    placed: list[set[int]] = [set() for _ in quotes]  # the raw offsets already given a repair
    for i, name, start, end in fields:
        value, changes = plan.fix(start, end)
        if value != whole[start:end]:
            fixed[i][name] = value
            repairs += _in_source(changes, quotes[i], placed[i])
    out = tuple(
        replace(q, text=fixed[i].get("text", q.text), author=fixed[i].get("author", q.author))
        if fixed[i]
        else q
        for i, q in enumerate(quotes)
    )
    damage: Damage = plan.damage
    return HtmlDocument(
        source=html,
        body=body,
        quotes=out,
        repairs=tuple(sorted(repairs, key=lambda r: r.span)),
        damage=damage,
        html=page,
    )


def _fix_body(
    whole: str, body_size: int, kept: list[tuple[int, int, int]], plan: EncodingPlan
) -> tuple[str, list[Repair]]:
    """The body repaired, and its repairs at source offsets."""
    parts: list[str] = []
    repairs: list[Repair] = []
    done = 0
    for at, start, end in kept:
        parts.append(whole[done:at])  # the separators before this piece
        piece, fixes = plan.fix(at, at + end - start)
        parts.append(piece)
        shift = start - at
        repairs.extend(replace(r, span=(r.span[0] + shift, r.span[1] + shift)) for r in fixes)
        done = at + end - start
    parts.append(whole[done:body_size])
    return "".join(parts), repairs


def _in_source(repairs: tuple[Repair, ...], quote: Quote, placed: set[int]) -> list[Repair]:
    """The repairs made to one field of a quote, placed in the source: each where its original
    text stands in the quote's markup as it is, at the first place after the quote's previous
    repair that no repair took yet (so that equal repairs get places of their own); else at the
    quote's whole span."""
    out = []
    pos = max(placed, default=0)  # the fields are read in the markup's order, mostly
    for repair in repairs:
        found = _free(quote.raw, repair.original, pos, placed) if repair.original else -1
        if found < 0:
            out.append(replace(repair, span=quote.span))
            continue
        placed.add(found)
        pos = found + len(repair.original)
        start = quote.span[0] + found
        out.append(replace(repair, span=(start, start + len(repair.original))))
    return out


def _free(raw: str, original: str, pos: int, placed: set[int]) -> int:
    """Where ``original`` stands in ``raw`` at or after ``pos`` (else anywhere), at an offset not
    in ``placed``; -1 when nowhere."""
    for start in (pos, 0):
        found = raw.find(original, start)
        while found >= 0 and found in placed:
            found = raw.find(original, found + 1)
        if found >= 0:
            return found
    return -1
