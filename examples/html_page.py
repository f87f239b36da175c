"""Take the embeds out of a page of HTML: the quotes, and the page without them.

    python examples/html_page.py [PAGE.html] [--placeholder '<!-- embed {n} -->']

Reads ``examples/page.html`` by default. Prints each embed found (platform, author, date,
permalink, text) and writes the page without its embeds (their wrappers and loader scripts gone,
every other byte kept) to standard output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import embedfix

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("page", nargs="?", default=str(HERE / "page.html"))
    parser.add_argument("--placeholder", help="left where each embed was; {n} is its number")
    args = parser.parse_args(argv)
    doc = embedfix.repair_html(
        Path(args.page).read_text(encoding="utf-8"), placeholder=args.placeholder
    )
    for n, q in enumerate(doc.quotes, 1):  # numbered from 1, as {n} and explain count
        print(f"[{n}] {q.platform} @{q.handle} {q.date} {q.url}\n    {q.text}", file=sys.stderr)
    sys.stdout.write(doc.html)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
