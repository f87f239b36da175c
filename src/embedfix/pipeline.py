"""`repair`: find the embeds in a text and build the `Document`."""

from __future__ import annotations

from embedfix.model import Document


def repair(text: str, *, placeholder: str | None = None) -> Document:
    """Find the embeds flattened into ``text`` and return them apart from the clean body."""
    if not isinstance(text, str):
        msg = f"embedfix.repair() takes a str, not {type(text).__name__}"
        raise TypeError(msg)
    return Document(source=text, body=text)
