"""Coverage-guided fuzzing of `embedfix.fix_encoding` with atheris: no exception, exact repairs.

python fuzz/fuzz_fix_encoding.py -max_total_time=60 -dict=fuzz/embedfix.dict fuzz/corpus/
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports():
    import embedfix

from _harness import text_from

_MODES = ("mark", "drop", "keep")


def test_one_input(data: bytes) -> None:
    """Fix the text in each lost-character mode; every repair must quote its source exactly."""
    text = text_from(data)
    for mode in _MODES:
        fixed, repairs = embedfix.fix_encoding(text, lost=mode)
        assert isinstance(fixed, str)
        end = 0
        for r in repairs:
            assert end <= r.span[0] <= r.span[1] <= len(text), (r, end)
            assert r.original == text[r.span[0] : r.span[1]], r
            end = r.span[1]


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
