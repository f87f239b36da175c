"""Coverage-guided fuzzing of `embedfix.repair_html` with atheris: no exception, exact spans.

python fuzz/fuzz_repair_html.py -max_total_time=60 -dict=fuzz/embedfix.dict fuzz/corpus/
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports():
    import embedfix

from _harness import check_quotes, text_from


def test_one_input(data: bytes) -> None:
    """Read the page; every span must be its slice of the page."""
    html = text_from(data)
    result = embedfix.repair_html(html)
    check_quotes(html, result.quotes)
    assert isinstance(result.html, str)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
