"""Shared test helpers: where ../shared is, and loaders for the JSON cases."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = Path(__file__).resolve().parent / "cases"


def shared_path(*parts: str) -> Path:
    """A file in ../shared, or skip the test with the reason when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"{path} is absent: the shared research folder is only beside CI and dev clones"
        )
    return path
