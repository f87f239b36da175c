"""embedfix: repair social-media embeds that were flattened into scraped article text.

``embedfix.repair(text)`` finds each embedded post in plain text and returns it as a structured
`Quote`, separate from the clean article body, with exact character spans into the input.
``embedfix.repair_html(html)`` does the same from embed markup.

The public names are imported on first use (PEP 562), so ``import embedfix`` and the command's
``--help`` cost little; the first use of ``repair`` loads the library.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from embedfix.encoding import fix_encoding
    from embedfix.html import repair_html
    from embedfix.model import Damage, Document, HtmlDocument, Quote, Repair, Span
    from embedfix.pipeline import repair

__all__ = [
    "Damage",
    "Document",
    "HtmlDocument",
    "Quote",
    "Repair",
    "Span",
    "fix_encoding",
    "repair",
    "repair_html",
]

__version__ = "0.1.0"

_HOME = {
    "Damage": "embedfix.model",
    "Document": "embedfix.model",
    "HtmlDocument": "embedfix.model",
    "Quote": "embedfix.model",
    "Repair": "embedfix.model",
    "Span": "embedfix.model",
    "fix_encoding": "embedfix.encoding",
    "repair": "embedfix.pipeline",
    "repair_html": "embedfix.html",
}
"""Public name -> the module that defines it."""


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        msg = f"module 'embedfix' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # found once; later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})
