"""MkDocs hooks: what the documentation site generates from the repository when it is built.

- The benchmark plots, drawn by ``scripts/benchmark_plots.py`` from the tables of
  ``benchmarks/README.md`` (which the Benchmarks page includes), so they always match them; the
  page's ``<!-- embedfix:benchmark-plots -->`` becomes an image per plot.
- Real renderings by `embedfix.render`: ``reports/article.html`` (the README example,
  ``examples/article.txt``) and ``reports/page.html`` (``examples/page.html`` through
  ``repair_html``) as whole pages, and the README example drawn inside the page that says
  ``<!-- embedfix:render examples/article.txt -->``.

Generated at build time, never committed, so no copy can go stale.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import embedfix  # noqa: E402
from embedfix import render  # noqa: E402

PLOTS_MARK = "<!-- embedfix:benchmark-plots -->"
RENDER_MARK = "<!-- embedfix:render examples/article.txt -->"


def _plots() -> dict[str, tuple[str, str]]:
    spec = importlib.util.spec_from_file_location(
        "benchmark_plots", ROOT / "scripts/benchmark_plots.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    readme = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    plots: dict[str, tuple[str, str]] = module.plots(readme)
    return plots


def _article() -> embedfix.Document:
    return embedfix.repair((ROOT / "examples" / "article.txt").read_text(encoding="utf-8"))


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for name, (_, text) in _plots().items():
        files.append(File.generated(config, f"benchmarks/{name}.svg", content=text))
    page = (ROOT / "examples" / "page.html").read_text(encoding="utf-8")
    reports = {
        "reports/article.html": render.html(_article(), title="examples/article.txt"),
        "reports/page.html": render.html(embedfix.repair_html(page), title="examples/page.html"),
    }
    for path, text in reports.items():
        files.append(File.generated(config, path, content=text))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if PLOTS_MARK in markdown:
        images = "\n\n".join(
            f"![{title}](benchmarks/{name}.svg)" for name, (title, _) in _plots().items()
        )
        markdown = markdown.replace(PLOTS_MARK, images)
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if RENDER_MARK in html:
        html = html.replace(RENDER_MARK, render.fragment(_article()))
    return html
