"""embedfix: repair social-media embeds that were flattened into scraped article text.

``embedfix.repair(text)`` finds each embedded post in plain text and returns it as a structured
`Quote`, separate from the clean article body, with exact character spans into the input.
``embedfix.repair_html(html)`` does the same from embed markup, and
``embedfix.fix_encoding(text)`` repairs only the encoding. ``embedfix.schema`` gives the results'
typed schema to Arrow, Hugging Face datasets, polars, Spark and JSON Schema; ``embedfix.render``
draws a result as HTML (a `Document` shows itself that way in Jupyter).
"""

from __future__ import annotations

from embedfix import render, schema
from embedfix._version import __version__
from embedfix.encoding import Fixed, LostMode, fix_encoding
from embedfix.html import repair_html
from embedfix.model import Damage, Document, HtmlDocument, Quote, Repair, Span
from embedfix.options import PLATFORMS
from embedfix.pipeline import repair

__all__ = [
    "PLATFORMS",
    "Damage",
    "Document",
    "Fixed",
    "HtmlDocument",
    "LostMode",
    "Quote",
    "Repair",
    "Span",
    "__version__",
    "fix_encoding",
    "render",
    "repair",
    "repair_html",
    "schema",
]
