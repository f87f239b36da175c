"""Peak memory of the ``embedfix`` command streaming a large JSON Lines file (Linux only).

    python benchmarks/memory.py [--mb 1024] [--jobs N] [--keep FILE]

Writes a JSON Lines file of about ``--mb`` megabytes (the ``make_corpus.py`` mix, repeated with
fresh ids), runs ``embedfix repair FILE -o /dev/null`` on it, and samples the resident memory of the
whole process tree (the command and its workers) every 50 ms from ``/proc``. Prints the peak of
that sum (RSS, an upper bound: forked workers share pages; and PSS, which splits them), the largest
single process, the wall time and the throughput. Target: under 200 MB for
1 GB: the command reads in blocks and keeps a bounded number of them in flight, so the peak should
not grow with the file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import generate

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def write_corpus(path: Path, megabytes: float, seed: int) -> int:
    """Write about ``megabytes`` MB of JSON Lines: a base mix of documents, repeated, new ids."""
    base = list(generate(2000, seed=seed))
    limit = int(megabytes * 1e6)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for round_number in range(10**9):
            for record in base:
                line = json.dumps(
                    {**record, "id": f"{record['id']}-{round_number}"}, ensure_ascii=False
                )
                out.write(line + "\n")
                written += len(line.encode()) + 1
                if written >= limit:
                    return written
    return written


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def rss(pid: int) -> int:
    """Resident bytes of one process, or 0 if it has gone."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def pss(pid: int) -> int:
    """Proportional set size of one process (shared pages split between sharers), or 0."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1024.0, help="size of the JSON Lines file")
    parser.add_argument("--jobs", type=int, help="--jobs for the command (default: all cores)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", help="write the corpus here and keep it (default: a temp file)")
    args = parser.parse_args(argv)
    if not Path("/proc/self/statm").exists():
        print("memory.py reads /proc: Linux only")
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "big.jsonl"
        start = time.perf_counter()
        size = write_corpus(path, args.mb, args.seed)
        print(f"wrote {size / 1e6:,.0f} MB of JSON Lines in {time.perf_counter() - start:.0f} s")

        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
        command = [sys.executable, "-m", "embedfix", "repair", str(path), "-q", "-o", os.devnull]
        if args.jobs:
            command += ["--jobs", str(args.jobs)]
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
        peak_total = peak_pss = peak_single = workers = 0
        while process.poll() is None:
            pids = tree(process.pid)
            sizes = [rss(p) for p in pids]
            peak_total = max(peak_total, sum(sizes))
            peak_pss = max(peak_pss, sum(pss(p) for p in pids))
            peak_single = max(peak_single, *sizes)
            workers = max(workers, len(pids) - 1)
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        assert process.stderr is not None
        errors = process.stderr.read().decode()
    print(f"embedfix repair exit status {process.returncode}, {workers} worker processes")
    if errors.strip():
        print(errors.strip()[-1000:])
    print(f"wall time {seconds:.1f} s, {size / 1e6 / seconds:.1f} MB/s")
    print(f"peak RSS, whole process tree: {peak_total / 1e6:.0f} MB (target < 200 MB)")
    print(f"peak PSS, whole process tree: {peak_pss / 1e6:.0f} MB (shared pages counted once)")
    print(f"peak RSS, largest process:    {peak_single / 1e6:.0f} MB")
    return 0 if peak_total < 200e6 and process.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
