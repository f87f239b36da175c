"""Draw what embedfix found in a text (or an HTML page) as a self-contained HTML report.

    python examples/render_report.py [FILE] [REPORT.html]

Reads ``examples/article.txt`` by default and writes ``report.html``; a file ending in ``.html``
is read with ``repair_html``. Open the report in any browser: each embed is highlighted in the
article with its number, platform and confidence, its fields are listed beside it, and lost
characters and other repairs are marked. ``embedfix explain FILE --html REPORT.html`` does the
same from the shell, and in Jupyter a `Document` draws itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

import embedfix

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else HERE / "article.txt"
    report = Path(argv[1]) if len(argv) > 1 else Path("report.html")
    text = source.read_text(encoding="utf-8")
    doc = embedfix.repair_html(text) if source.suffix == ".html" else embedfix.repair(text)
    report.write_text(embedfix.render.html(doc, title=source.name), encoding="utf-8")
    print(f"{report}: {len(doc.quotes)} embed(s) from {source.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
