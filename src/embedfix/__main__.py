"""``python -m embedfix``: the same as the ``embedfix`` command."""

from __future__ import annotations

from embedfix.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
