"""embedfix: repair social-media embeds that were flattened into scraped article text.

``embedfix.repair(text)`` finds each embedded post in plain text and returns it as a structured
`Quote`, separate from the clean article body, with exact character spans into the input.
``embedfix.repair_html(html)`` does the same from embed markup, and
``embedfix.fix_encoding(text)`` repairs only the encoding. ``embedfix.schema`` gives the results'
typed schema to Arrow, Hugging Face datasets, polars, Spark and JSON Schema; ``embedfix.render``
draws a result as HTML (a `Document` shows itself that way in Jupyter).

The public names are imported on first use (PEP 562), so ``import embedfix`` and the command's
``--help`` cost little; the first use of ``repair`` loads the library.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from embedfix._version import __version__

if TYPE_CHECKING:
    from embedfix import render, schema
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

_HOME = {
    "PLATFORMS": "embedfix.options",
    "Damage": "embedfix.model",
    "Document": "embedfix.model",
    "Fixed": "embedfix.encoding",
    "HtmlDocument": "embedfix.model",
    "LostMode": "embedfix.encoding",
    "Quote": "embedfix.model",
    "Repair": "embedfix.model",
    "Span": "embedfix.model",
    "fix_encoding": "embedfix.encoding",
    "render": "embedfix.render",
    "repair": "embedfix.pipeline",
    "repair_html": "embedfix.html",
    "schema": "embedfix.schema",
}
"""Public name -> the module that defines it (or, for ``render`` and ``schema``, is it)."""


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        msg = f"module 'embedfix' has no attribute {name!r}"
        raise AttributeError(msg)
    module = importlib.import_module(home)
    value = module if home == f"embedfix.{name}" else getattr(module, name)
    globals()[name] = value  # found once; later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})
