"""Coverage-guided fuzzing of `embedfix.repair` with atheris: no exception, exact spans, accounting.

python fuzz/fuzz_repair.py -max_total_time=60 -dict=fuzz/embedfix.dict fuzz/corpus/
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
    """Repair the text; every span must be its slice, the body text must be a str."""
    text = text_from(data)
    doc = embedfix.repair(text)
    check_quotes(text, doc.quotes)
    assert isinstance(doc.body, str)
    embedfix.repair(doc.body)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
