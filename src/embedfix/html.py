"""`repair_html`: embeds read from their markup, and the page handed back without them."""

from __future__ import annotations

from embedfix.model import HtmlDocument


def repair_html(html: str, *, placeholder: str | None = None) -> HtmlDocument:
    """Find the embeds in an HTML page; return them and the page without them."""
    if not isinstance(html, str):
        msg = f"embedfix.repair_html() takes a str, not {type(html).__name__}"
        raise TypeError(msg)
    raise NotImplementedError
