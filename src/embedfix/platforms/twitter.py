"""Twitter / X: the flattened-text grammar of a tweet embed, and the reader of its markup."""

from __future__ import annotations

# --- Flattened text ---------------------------------------------------------------------------


# --- HTML markup ------------------------------------------------------------------------------
