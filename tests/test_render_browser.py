"""The page ``embedfix explain --html`` writes, loaded in a real browser (headless Chromium).

For the README example and for a hostile document of a million characters (markup in the text and
in the fields, quotes, Arabic and Hebrew, bidi overrides, control characters), Chromium loads the
page from its file; its DOM after loading (``--dump-dom``) is read back strictly
(tests/render_check.py): one highlight per quote around exactly its raw text, every field of every
quote in the panel as the library returned it, no element or attribute that the renderer does not
write (so no script ran to add one, and the title is still ours). Chromium's network log shows
that nothing the document names was fetched; a control page that does name a resource shows that
the log would say so. A screenshot is saved in the test's temporary directory.

Skipped where no Chromium is installed; ``.ci/run`` installs Debian's ``chromium`` package. The
browser runs with a fresh profile, its background services off, every host name resolving to
nothing and a dead local proxy, so no traffic leaves the machine whatever it tries.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import embedfix
from embedfix import cli
from render_check import check_quotes, hostile_document, read_page, shown

ROOT = Path(__file__).resolve().parents[1]
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)

pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no Chromium on PATH (.ci/run installs Debian's chromium package; "
    "apt-get install chromium to run this test here)",
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
)


def _chromium(tmp: Path, page: Path, *action: str) -> tuple[str, set[str]]:
    """Run Chromium on ``page``: its standard output and every URL its network log names."""
    assert BROWSER is not None
    profile = tmp / f"profile-{len(list(tmp.glob('*.netlog.json')))}"
    netlog = profile.with_suffix(".netlog.json")
    done = subprocess.run(
        [
            BROWSER,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--log-net-log={netlog}",
            "--window-size=1280,1600",
            *action,
            page.as_uri(),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    urls: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "url" and isinstance(value, str):
                    urls.add(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    text = netlog.read_text(encoding="utf-8")
    try:
        walk(json.loads(text))
    except ValueError:  # a log cut short by the exit: its complete events are enough
        walk(json.loads(text.rstrip().rstrip(",") + "]}"))
    return done.stdout.decode("utf-8"), urls


def _explain_html(tmp: Path, name: str, text: str) -> Path:
    source = tmp / f"{name}.txt"
    source.write_text(text, encoding="utf-8", newline="")
    out = tmp / f"{name}.html"
    assert cli.main(["explain", str(source), "--input", "text", "--html", str(out)]) == 0
    return out


def _check_in_browser(tmp: Path, name: str, text: str) -> None:
    page = _explain_html(tmp, name, text)
    doc = embedfix.repair(text)
    dom, urls = _chromium(tmp, page, "--dump-dom")
    seen = read_page(dom)  # only the renderer's elements and attributes: no script ran
    assert seen.title == f"embedfix explain: {tmp / (name + '.txt')}"
    assert seen.source_text == shown(text)
    check_quotes(seen, doc.quotes)
    assert all(h.startswith("#") for h in seen.hrefs)
    assert not [u for u in urls if "example." in u or u.startswith("javascript:")], urls
    shot = tmp / f"{name}.png"
    _chromium(tmp, page, f"--screenshot={shot}")
    assert shot.stat().st_size > 10_000  # a drawn page, not a blank one


def test_readme_example_in_chromium(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
    _check_in_browser(tmp_path, "readme", text)


def test_hostile_million_characters_in_chromium(tmp_path: Path) -> None:
    text = hostile_document(1_000_000)
    assert len(embedfix.repair(text[:20_000]).quotes) > 10
    _check_in_browser(tmp_path, "hostile", text)


def test_the_network_log_would_show_a_fetch(tmp_path: Path) -> None:
    """The control: a page that names a resource has it in the log, so its absence above counts."""
    page = tmp_path / "control.html"
    page.write_text('<!DOCTYPE html><img src="https://example.com/control.png">', "utf-8")
    _, urls = _chromium(tmp_path, page, "--dump-dom")
    assert "https://example.com/control.png" in urls
