"""Plots of the benchmark results, drawn as SVG from the tables of ``benchmarks/README.md``.

The README's tables are where each benchmark run's figures are recorded, so they are the source:
this script reads them and draws one horizontal bar chart per table it knows, in plain SVG (no
plotting library, no fonts or scripts loaded). The documentation site calls it at build time
(``scripts/docs_hooks.py``), so the plots always show the figures the page's tables show; run it
by hand to look at them:

    python scripts/benchmark_plots.py [OUT_DIR]      # writes OUT_DIR/*.svg (default: plots/)

A table that is missing or has no figure it can read gives no plot, rather than an error: the
README is edited by hand.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Plot:
    """One chart: which README table it reads, which column, and how to read a figure."""

    name: str
    """The SVG file name, without ``.svg``."""
    title: str
    """The chart's title (the unit included)."""
    section: str
    """Text the ``###`` heading of the table's section contains."""
    columns: tuple[str, ...]
    """The header of the table to read (its first row, lower-cased cells)."""
    column: int
    """The column holding the figure."""
    pattern: str
    """A regular expression whose first group is the figure (commas allowed)."""
    mark: float | None = None
    """A reference line (a target or limit), or None."""


PLOTS = (
    Plot(
        "throughput",
        "repair and its parts, million characters per second (more is faster)",
        "throughput.py",
        ("measurement", "speed"),
        1,
        r"([\d.,]+) M chars/s",
    ),
    Plot(
        "embed-free",
        "the embed-free path, CPU milliseconds per stage (less is faster)",
        "embed_free.py",
        ("stage", "time"),
        1,
        r"^([\d.,]+) ms",
    ),
    Plot(
        "entities-linear",
        "entity extraction, time ratio when the input doubles (2 is linear, 4 quadratic)",
        "entities_linear.py",
        ("input", "1e5", "2e5", "ratio"),
        3,
        r"([\d.]+)",
        2.0,
    ),
    Plot(
        "render-linear",
        "render.html, time ratio from 500 kB to 1 MB (2 is linear, limit 2.5)",
        "render_linear.py",
        ("input", "quotes at 1 mb", "250 kb", "500 kb", "1 mb", "ratios"),
        5,
        r"[\d.]+ / ([\d.]+)",
        2.5,
    ),
)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def read_table(readme: str, section: str, columns: tuple[str, ...]) -> list[list[str]]:
    """The rows of the first table with header ``columns`` in the ``###`` section naming
    ``section``, or [] when there is none."""
    lines = readme.splitlines()
    inside = False
    for i, line in enumerate(lines):
        if line.startswith("#"):
            inside = line.startswith("### ") and section in line
            continue
        if not (inside and line.startswith("|")):
            continue
        header = tuple(c.lower().strip("`") for c in _cells(line))
        if header != columns:
            continue
        rows = []
        for row in lines[i + 2 :]:
            if not row.startswith("|"):
                break
            rows.append(_cells(row))
        return rows
    return []


def figures(readme: str, plot: Plot) -> list[tuple[str, float]]:
    """The labelled figures of ``plot`` found in ``readme``."""
    out = []
    for row in read_table(readme, plot.section, plot.columns):
        if len(row) <= plot.column:
            continue
        found = re.search(plot.pattern, row[plot.column].replace("*", ""))
        if found:
            label = row[0].replace("`", "")
            out.append((label, float(found.group(1).replace(",", ""))))
    return out


def svg(title: str, bars: list[tuple[str, float]], mark: float | None = None) -> str:
    """A horizontal bar chart, as a self-contained SVG document."""
    label_width, bar_width, row, top = 430, 330, 24, 40
    width = label_width + bar_width + 90
    height = top + row * len(bars) + 20
    scale_max = max([v for _, v in bars] + ([mark] if mark else [])) or 1.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="8" y="22" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(bars):
        y = top + i * row
        length = bar_width * value / scale_max
        short = label if len(label) <= 68 else label[:66] + "…"
        parts += [
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(short)}</text>',
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" '
            'fill="#2b50aa"/>',
            f'<text x="{label_width + length + 6:.1f}" y="{y + 15}">{value:g}</text>',
        ]
    if mark is not None:
        x = label_width + bar_width * mark / scale_max
        parts += [
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 14}" stroke="#c00" '
            'stroke-dasharray="4 3"/>',
            f'<text x="{x + 4:.1f}" y="{height - 4}" fill="#c00">{mark:g}</text>',
        ]
    parts.append("</svg>\n")
    return "\n".join(parts)


def plots(readme: str) -> dict[str, tuple[str, str]]:
    """Every plot the README's tables allow: name -> (title, SVG text)."""
    out = {}
    for plot in PLOTS:
        bars = figures(readme, plot)
        if bars:
            out[plot.name] = (plot.title, svg(plot.title, bars, plot.mark))
    return out


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("plots")
    out.mkdir(parents=True, exist_ok=True)
    readme = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    for name, (_, text) in plots(readme).items():
        (out / f"{name}.svg").write_text(text, encoding="utf-8")
        print(out / f"{name}.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
