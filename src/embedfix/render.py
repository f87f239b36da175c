"""Pictures of a result: a `Document` or `HtmlDocument` drawn as HTML, each quote in its article.

Whether a quote's span is right is seen at a glance when the embed is highlighted where it stood,
the way displaCy shows entities, and not from offsets in JSON. `html` returns a whole page (what
``embedfix explain --html`` writes); `fragment` returns the part a notebook shows (what
``Document._repr_html_`` returns).

The source is shown character for character with, for each quote, one ``<mark>`` around its span
(its fields in the ``title`` shown on hover, its number and confidence drawn beside it by CSS);
inside and around them, each encoding repair is a ``<span>``, lost characters in red and other
repairs in green. A panel lists every field of every quote, then come the repairs, the damage
model and the clean body.

Safe on any input: every piece of the source and every field is escaped, so no element or
attribute of the input survives as markup; the page has no script, loads nothing (its
Content-Security-Policy forbids every fetch) and carries its style inline. Characters HTML cannot
hold (C0 controls other than tab, line and form feed, carriage return, and lone surrogates) are
shown as U+FFFD; a carriage return is written as ``&#13;`` so that the page keeps it. The time
taken is linear in the length of the document: each character is escaped once.

The repairs drawn are ``Document.repairs``, which lists every change, in the body and inside the
quotes alike, with its span in the source.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import regex

from embedfix.model import Document, HtmlDocument, Quote, Repair

__all__ = ["fragment", "html"]

_UNSHOWABLE = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\p{Cs}]")


def _esc(text: str) -> str:
    """``text`` as HTML text or attribute value: escaped, unshowable characters replaced."""
    return escape(_UNSHOWABLE.sub("\ufffd", text), quote=True).replace("\r", "&#13;")


@dataclass(frozen=True, slots=True)
class _Mark:
    """A repair to draw: where it lies in the source, its CSS class and its tooltip."""

    start: int
    end: int
    css: str
    title: str


def _mark(r: Repair) -> _Mark:
    css = "ef-lost" if r.kind == "lost" else "ef-fix"
    return _Mark(r.span[0], r.span[1], css, f"{r.kind}: {r.reason} → {r.replacement!r}")


def _marks(doc: Document) -> list[_Mark]:
    """Every repair to draw, sorted, none overlapping."""
    marks = sorted((_mark(r) for r in doc.repairs), key=lambda m: (m.start, m.end))
    kept: list[_Mark] = []
    for m in marks:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


class _Source:
    """Writes ``source`` as escaped HTML with the repair marks, cut where the quotes are."""

    def __init__(self, source: str, marks: list[_Mark], out: list[str]) -> None:
        self.source, self.marks, self.out = source, marks, out
        self.j = 0

    def emit(self, a: int, b: int) -> None:
        """Write ``source[a:b]``; called with increasing ``a``, so the whole is one pass."""
        marks, out, src = self.marks, self.out, self.source
        p = a
        while True:
            while self.j < len(marks) and (
                marks[self.j].end < p or (marks[self.j].end == p and marks[self.j].start < p)
            ):
                self.j += 1
            if self.j >= len(marks):
                break
            m = marks[self.j]
            if m.start > b or (m.start >= b and m.end > m.start):
                break
            s, e = max(m.start, p), min(m.end, b)
            if s > p:
                out.append(_esc(src[p:s]))
            out.append(f'<span class="{m.css}" title="{_esc(m.title)}">{_esc(src[s:e])}</span>')
            p = e
            if m.end > b:
                break
            self.j += 1
        if p < b:
            out.append(_esc(src[p:b]))


def _value(value: Any) -> str:
    """One field's value as HTML: lists as items, None as an empty element CSS labels."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "".join(f'<span class="ef-item">{_esc(str(v))}</span>' for v in value)
    return _esc(str(value))


def _tooltip(number: int, q: Quote) -> str:
    lines = [f"quote {number}: {q.platform} {q.kind}, confidence {q.confidence:.2f}"]
    for name in ("author", "handle", "date", "date_raw", "url", "text"):
        value = getattr(q, name)
        if value is not None:
            lines.append(f"{name}: {value}")
    for name in ("media", "urls", "hashtags", "mentions", "cashtags", "evidence"):
        value = getattr(q, name)
        if value:
            lines.append(f"{name}: {', '.join(value)}")
    return "\n".join(lines)


def _panel(prefix: str, quotes: Sequence[Quote], out: list[str]) -> None:
    out.append('<section class="ef-panel"><h2>Quotes</h2>')
    if not quotes:
        out.append('<p class="ef-none-found">No embeds found.</p>')
    out.append('<ol class="ef-quotes">')
    for number, q in enumerate(quotes, 1):
        out.append(
            f'<li id="{prefix}-q{number}" class="ef-card" data-quote="{number}">'
            f'<a class="ef-goto" href="#{prefix}-m{number}">quote {number}</a> '
            f'<span class="ef-conf">confidence {q.confidence:.2f}</span><dl>'
        )
        for name, value in q.to_dict().items():
            empty = " ef-empty" if value is None or value == [] else ""
            out.append(
                f'<dt>{name}</dt><dd class="ef-field{empty}" data-field="{name}">{_value(value)}</dd>'
            )
        out.append("</dl></li>")
    out.append("</ol></section>")


def _repairs(repairs: Sequence[Repair], out: list[str]) -> None:
    if not repairs:
        return
    out.append(
        '<section class="ef-repairs"><h2>Repairs</h2><table><thead><tr>'
        "<th>span</th><th>kind</th><th>original</th><th>replacement</th><th>reason</th>"
        "</tr></thead><tbody>"
    )
    for r in repairs:
        out.append(
            f"<tr><td>{r.span[0]}–{r.span[1]}</td><td>{_esc(r.kind)}</td>"
            f"<td><code>{_esc(r.original)}</code></td><td><code>{_esc(r.replacement)}</code></td>"
            f"<td>{_esc(r.reason)}</td></tr>"
        )
    out.append("</tbody></table></section>")


_CSS = """
.embedfix{font:15px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff;max-width:80rem}
.embedfix h2{font-size:1.05rem;margin:1.2rem 0 .4rem}
.embedfix .ef-summary{margin:.2rem 0}
.embedfix .ef-legend span{margin-right:1rem;padding:0 .3em}
.embedfix .ef-key-quote{background:#fff3b0;border-bottom:2px solid #d4a000}
.embedfix .ef-key-lost{background:#f7b2b2;color:#7a0000}
.embedfix .ef-key-fix{background:#c9efc9;color:#064d06}
.embedfix .ef-source,.embedfix .ef-body{white-space:pre-wrap;overflow-wrap:anywhere;
unicode-bidi:plaintext;border:1px solid #ccc;border-radius:4px;padding:.6rem;
font-family:ui-monospace,monospace;font-size:13px;max-height:40rem;overflow:auto}
.embedfix mark.ef-quote{background:#fff3b0;border-bottom:2px solid #d4a000;color:inherit}
.embedfix mark.ef-quote::before{content:attr(data-label);background:#2b50aa;color:#fff;
font:bold 11px system-ui,sans-serif;padding:0 .3em;margin-right:.2em;border-radius:3px}
.embedfix mark.ef-quote.ef-unsure{background:#fde2c8;border-bottom-style:dashed}
.embedfix mark.ef-quote:target{outline:2px solid #2b50aa}
.embedfix .ef-lost{background:#f7b2b2;color:#7a0000;text-decoration:underline wavy #c00}
.embedfix .ef-fix{background:#c9efc9;color:#064d06;text-decoration:underline #1a8f1a}
.embedfix .ef-fix:empty::after,.embedfix .ef-lost:empty::after{content:"\\2038"}
.embedfix .ef-quotes{padding-left:1.5rem}
.embedfix .ef-card{margin:.5rem 0;padding:.4rem .6rem;border-left:4px solid #2b50aa;background:#f6f8fc}
.embedfix .ef-card:target{background:#e4ebfa}
.embedfix .ef-conf{font-weight:bold}
.embedfix dl{display:grid;grid-template-columns:max-content 1fr;gap:0 .8rem;margin:.3rem 0}
.embedfix dt{color:#555}
.embedfix dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:plaintext}
.embedfix dd.ef-empty::before{content:"none";color:#999;font-style:italic}
.embedfix .ef-item{display:inline-block;background:#eee;border-radius:3px;padding:0 .3em;margin:0 .3em .1em 0}
.embedfix table{border-collapse:collapse;font-size:13px}
.embedfix td,.embedfix th{border:1px solid #ccc;padding:.15rem .4rem;text-align:left;vertical-align:top}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"


def _prefix(doc: Document) -> str:
    """An id prefix of the document's own, so two documents in one notebook do not collide."""
    digest = hashlib.blake2b(doc.source.encode("utf-8", "surrogatepass"), digest_size=4)
    return f"ef{digest.hexdigest()}"


def _parts(doc: Document) -> Iterator[str]:
    out: list[str] = []
    prefix = _prefix(doc)
    quotes = sorted(doc.quotes, key=lambda q: q.span)
    kind = "HTML page" if isinstance(doc, HtmlDocument) else "text"
    summary = (
        f"{len(quotes)} embed(s) found in {len(doc.source):,} characters of {kind}"
        f"; damage: {doc.damage.mechanism}, {len(doc.repairs)} repair(s)"
    )
    out.append(
        f'<div class="embedfix" id="{prefix}"><style>{_CSS}</style>'
        f'<p class="ef-summary">{_esc(summary)}</p>'
        '<p class="ef-legend"><span class="ef-key-quote">quote (number · platform · '
        'confidence)</span><span class="ef-key-lost">lost characters</span>'
        '<span class="ef-key-fix">other repair</span></p><h2>Source</h2>'
        '<div class="ef-source">'
    )
    yield from out
    out.clear()
    writer = _Source(doc.source, _marks(doc), out)
    pos = 0
    for number, q in enumerate(quotes, 1):
        start, end = max(q.span[0], pos), max(q.span[1], pos)
        writer.emit(pos, start)
        unsure = " ef-unsure" if q.confidence < 0.5 else ""
        label = f"{number} · {q.platform} · {q.confidence:.2f}"
        out.append(
            f'<mark class="ef-quote{unsure}" id="{prefix}-m{number}" data-quote="{number}" '
            f'data-label="{_esc(label)}" title="{_esc(_tooltip(number, q))}">'
        )
        writer.emit(start, end)
        out.append("</mark>")
        pos = end
    writer.emit(pos, len(doc.source))
    out.append("</div>")
    _panel(prefix, quotes, out)
    _repairs(doc.repairs, out)
    out.append(
        f'<section class="ef-damage"><h2>Damage</h2><p>{_esc(doc.damage.mechanism)}: '
        f"{_esc(doc.damage.evidence)}</p></section>"
        f'<section><h2>Clean body</h2><div class="ef-body">{_esc(doc.body)}</div></section>'
    )
    if isinstance(doc, HtmlDocument):
        out.append(
            "<section><h2>Page without its embeds</h2>"
            f'<div class="ef-body">{_esc(doc.html)}</div></section>'
        )
    out.append("</div>")
    yield from out


def fragment(doc: Document) -> str:
    """The document drawn as one ``<div>`` with its own style, for a notebook or another page.

    Args:
        doc: A result of `embedfix.repair` or `embedfix.repair_html`.

    Returns:
        The source with each quote highlighted, the quotes' fields, the repairs and the clean
            body, as HTML text in which every piece of the input is escaped.

    Raises:
        TypeError: ``doc`` is not a `Document` (an `HtmlDocument` is one).
    """
    if not isinstance(doc, Document):
        msg = f"render takes a Document or an HtmlDocument, not {type(doc).__name__}"
        raise TypeError(msg)
    return "".join(_parts(doc))


def html(doc: Document, *, title: str = "embedfix") -> str:
    """The document drawn as a whole, self-contained HTML page (what ``explain --html`` writes).

    The page has no script and loads nothing: its style is inline and its Content-Security-Policy
    forbids every fetch, so it can be opened from a file, mailed or attached to a bug report.

    Args:
        doc: A result of `embedfix.repair` or `embedfix.repair_html`.
        title: The page title (escaped like everything else).

    Returns:
        The page, as text to write in UTF-8.

    Raises:
        TypeError: ``doc`` is not a `Document` (an `HtmlDocument` is one), or ``title`` not a str.

    Examples:
        >>> import embedfix
        >>> page = html(embedfix.repair("We won! pic.twitter.com/AbCdEf1234— Jane Doe (@janedoe) May 2, 2019"))
        >>> page.startswith("<!DOCTYPE html>"), page.count('<mark class="ef-quote')
        (True, 1)
    """
    if not isinstance(title, str):
        msg = f"title must be a str, not {type(title).__name__}"
        raise TypeError(msg)
    body = fragment(doc)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)}</title></head><body>{body}</body></html>\n"
    )
