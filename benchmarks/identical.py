"""Do two versions of the library give the same `Document`s on the real corpora?

    python benchmarks/identical.py --write before.json   # on the old version
    python benchmarks/identical.py --check before.json   # on the new one: exit 1 on a difference

Hashes ``repair(text).to_dict()`` (and the same without encoding repair) for every text of
``../shared/corpus/`` ``dev.jsonl``, ``dev_isot.jsonl`` and ``isot_bulk.jsonl`` and the seed
article, so a change that is meant to alter only how things are computed (issue 17) can show that
it changed no result. Without ``../shared`` the script stops with a message.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import embedfix

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = ("dev", "dev_isot", "isot_bulk")


def texts() -> list[tuple[str, str]]:
    """(key, text) for every text of the corpora and the seeds."""
    out = []
    for name in CORPORA:
        with (SHARED / "corpus" / f"{name}.jsonl").open(encoding="utf-8") as lines:
            for i, line in enumerate(lines):
                out.append((f"{name}:{i}", json.loads(line)["text"]))
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        out.append((f"seed:{seed.name}", seed.read_text(encoding="utf-8")))
    return out


def digest(text: str) -> str:
    """The hash of the `Document`s of one text, with and without encoding repair."""
    docs = [embedfix.repair(text).to_dict(), embedfix.repair(text, fix_encoding=False).to_dict()]
    blob = json.dumps(docs, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the hashes to this file")
    group.add_argument("--check", type=Path, help="compare with the hashes in this file")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: nothing to compare", file=sys.stderr)
        return 2
    hashes = {key: digest(text) for key, text in texts()}
    if args.write:
        args.write.write_text(json.dumps(hashes, indent=0), encoding="utf-8")
        print(f"{len(hashes)} texts hashed into {args.write}")
        return 0
    before = json.loads(args.check.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | hashes.keys() if before.get(k) != hashes.get(k))
    for key in differ:
        print("differs:", key)
    print(f"{len(hashes)} texts, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
