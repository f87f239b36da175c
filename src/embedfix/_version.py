"""The version of embedfix: its one source (``pyproject.toml`` reads it from here)."""

__version__ = "0.1.0"
"""The installed version of embedfix, as `pyproject.toml` and the wheel give it."""
