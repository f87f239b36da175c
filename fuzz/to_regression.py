"""Turn a crash input left by ``fuzz/run`` into a regression case in tests/regressions/.

    python fuzz/to_regression.py fuzz/crashes/fuzz_repair-crash-<sha1> "what it broke"

The input is decoded exactly as the harness decodes it and appended to
tests/regressions/fuzz_cases.json, which tests/regressions/test_fuzz_regressions.py replays.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import text_from

CASES = Path(__file__).resolve().parents[1] / "tests" / "regressions" / "fuzz_cases.json"
TARGETS = {
    "fuzz_repair": "repair",
    "fuzz_repair_html": "repair_html",
    "fuzz_fix_encoding": "fix_encoding",
}


def main(argv: list[str] | None = None) -> int:
    """Append the crash input as a case; print its id."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("crash", type=Path, help="a crash file written by libFuzzer")
    parser.add_argument("note", help="one line on what broke")
    args = parser.parse_args(argv)
    target = next(
        (t for prefix, t in TARGETS.items() if args.crash.name.startswith(prefix + "-")), None
    )
    if target is None:
        parser.error(f"cannot tell the target from the name {args.crash.name!r}")
    cases = json.loads(CASES.read_text(encoding="utf-8")) if CASES.exists() else []
    case = {
        "id": f"fuzz-{len(cases) + 1:03d}",
        "target": target,
        "text": text_from(args.crash.read_bytes()),
        "found": datetime.date.today().isoformat(),
        "note": args.note,
    }
    cases.append(case)
    CASES.write_text(json.dumps(cases, indent=1, ensure_ascii=True) + "\n", encoding="utf-8")
    print(case["id"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
