"""HTML flattened to text the ways real scrapers do it (research/FORMATS.md §5)."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup


def _lxml_available() -> bool:
    try:
        importlib.import_module("lxml.html")
    except ImportError:
        return False
    return True


FLATTENINGS: tuple[str, ...] = (
    "get_text",
    "get_text_space",
    "get_text_newline",
    "collapsed",
    "ascii",
    *(("lxml",) if _lxml_available() else ()),
)
"""The flattening methods available here: ``"lxml"`` is listed only when lxml is importable.

* ``get_text``: BeautifulSoup ``get_text()``; blocks keep only the source whitespace, so a
  signature's date is glued to whatever follows it in minified HTML.
* ``get_text_space``: ``get_text(" ")``; a space between text nodes (doubled spaces).
* ``get_text_newline``: ``get_text("\\n", strip=True)``; one line per text node, which
  explodes the signature over several lines.
* ``collapsed``: ``get_text()`` with every whitespace run collapsed to one space.
* ``ascii``: ``get_text()`` with every non-ASCII character removed (emoji, dashes, accents).
* ``lxml``: lxml's ``text_content()``, like ``get_text()`` but keeping ``<style>`` text.
"""

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Flattened:
    """Text a scraper produced from HTML, and how it was produced."""

    text: str
    """The flattened text."""
    how: str
    """The method, one of `FLATTENINGS`."""
    html: str
    """The HTML that was flattened."""


def flatten(html: str, how: str) -> str:
    """Flatten ``html`` with the method ``how`` (see `FLATTENINGS`)."""
    if how == "lxml":
        lxml_html: Any = importlib.import_module("lxml.html")
        text = str(lxml_html.fragment_fromstring(html, create_parent="div").text_content())
        return text
    soup = BeautifulSoup(html, "html.parser")
    if how == "get_text":
        return str(soup.get_text())
    if how == "get_text_space":
        return str(soup.get_text(" "))
    if how == "get_text_newline":
        return str(soup.get_text("\n", strip=True))
    if how == "collapsed":
        return _WHITESPACE.sub(" ", str(soup.get_text())).strip()
    if how == "ascii":
        return str(soup.get_text()).encode("ascii", "ignore").decode("ascii")
    msg = f"how must be one of {FLATTENINGS}, not {how!r}"
    raise ValueError(msg)
