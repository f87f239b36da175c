"""The documentation site: complete reference, links that resolve, and a Getting started that works.

``mkdocs build --strict`` (also run by ``.ci/run``) fails on a broken link, a missing page or an
unresolved reference; here the built site is also checked for what strict mode cannot see: every
public name and every result field in the reference with its type and meaning, the generated
renderings and plots present, no link to files a user does not have, and the Getting started
commands giving a report.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

import embedfix
from render_check import check_quotes, read_page

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
RESULTS = (
    embedfix.Document,
    embedfix.HtmlDocument,
    embedfix.Quote,
    embedfix.Repair,
    embedfix.Damage,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("mkdocs", reason="mkdocs is in the 'test' extra")
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_every_public_name_is_in_the_reference() -> None:
    reference = (DOCS / "reference.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^::: embedfix\.(\w+)$", reference, flags=re.MULTILINE))
    assert listed == set(embedfix.__all__)


def test_every_result_field_with_its_type_and_meaning(site: Path) -> None:
    page = (site / "reference" / "index.html").read_text(encoding="utf-8")
    import griffe

    package = griffe.load("embedfix", search_paths=[str(ROOT / "src")])
    for cls in RESULTS:
        documented = package[cls.__name__]
        for f in dataclasses.fields(cls):
            attr = documented.all_members[f.name]  # HtmlDocument inherits Document's
            assert attr.docstring is not None, f"{cls.__name__}.{f.name} has no docstring"
            anchor = f'id="embedfix.{cls.__name__}.{f.name}"'
            assert anchor in page, anchor
            section = _text(page[page.index(anchor) : page.index(anchor) + 6000])
            annotation = re.sub(r"\b\w+\.", "", str(attr.annotation))  # shown unqualified
            signature = re.sub(r"\s+", "", f"{f.name}:{annotation}")
            assert signature in re.sub(r"\s+", "", section), (cls.__name__, f.name, signature)
            meaning = " ".join(re.findall(r"\w+", attr.docstring.value)[:8])
            assert meaning in " ".join(re.findall(r"\w+", section)), (cls.__name__, f.name)
    for name in ("repair", "repair_html", "fix_encoding", "render.html", "render.fragment"):
        assert f'id="embedfix.{name}"' in page, name


def test_the_site_shows_a_real_rendering(site: Path) -> None:
    article = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
    doc = embedfix.repair(article)
    for page in ("index.html", "render/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert html.count('<mark class="ef-quote') == len(doc.quotes) == 2
        assert embedfix.render.fragment(doc) in html
    check_quotes(read_page((site / "reports" / "article.html").read_text("utf-8")), doc.quotes)
    page = (ROOT / "examples" / "page.html").read_text(encoding="utf-8")
    shown = read_page((site / "reports" / "page.html").read_text("utf-8"))
    check_quotes(shown, embedfix.repair_html(page).quotes)


def test_benchmark_plots_are_drawn_from_the_tables(site: Path) -> None:
    html = (site / "benchmarks" / "index.html").read_text(encoding="utf-8")
    plots = re.findall(r'src="(\w[\w-]*\.svg)"', html)
    assert {"throughput.svg", "render-linear.svg"} <= set(plots)
    svg = (site / "benchmarks" / "throughput.svg").read_text(encoding="utf-8")
    assert "embedfix.repair, the mix" in svg  # a label read from the README's table
    assert "| `embedfix.repair`, the mix |" in (ROOT / "benchmarks" / "README.md").read_text(
        "utf-8"
    )


def test_no_link_leaves_the_site_except_to_public_urls(site: Path) -> None:
    for page in site.rglob("*.html"):
        if page.parent.name == "reports" or page.name == "404.html":
            continue  # renderings link only to their own anchors (test_render.py); 404 is rooted
        html = page.read_text(encoding="utf-8")
        for link in re.findall(r'(?:href|src)="([^"]*)"', html):
            assert not link.startswith(("file:", "/")), (page, link)  # nor protocol-relative
            assert "../shared" not in link and "shared/research" not in link, (page, link)
            if "://" in link:
                assert link.startswith("https://"), (page, link)
    for md in [*DOCS.glob("*.md"), ROOT / "README.md"]:
        text = md.read_text(encoding="utf-8")
        assert "shared/research" not in text, md
        assert not re.search(r"pip install ['\"]?embedfix\b", text), md  # not on an index yet


def test_getting_started_commands_give_a_report(tmp_path: Path) -> None:
    """The README's two commands are on the page, and its report command works as shown."""
    page = (DOCS / "index.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line.strip() for line in page.splitlines() if line.startswith("    ")]
    readme_commands = [line.strip() for line in readme.splitlines()[:10] if line.startswith("    ")]
    assert len(readme_commands) == 2 and all(c in commands for c in readme_commands)
    explain = [c for c in commands if c.startswith("embedfix explain")]
    assert explain == ["embedfix explain my-article.txt --html report.html"]
    article = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
    (tmp_path / "my-article.txt").write_text(article, encoding="utf-8")
    script = Path(sys.executable).with_name("embedfix")
    done = subprocess.run(
        [str(script), *shlex.split(explain[0])[1:]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = read_page((tmp_path / "report.html").read_text(encoding="utf-8"))
    check_quotes(report, embedfix.repair(article).quotes)
