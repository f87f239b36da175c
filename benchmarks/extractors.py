"""Real pages through the extractors people use: is every post found, with its exact text?

    python benchmarks/extractors.py [--shared ../shared] [--json] [--show-misses]

Users rarely flatten pages themselves: BeautifulSoup ``get_text()``, trafilatura, html2text or
inscriptis did it upstream, each in its own layout. This script scores `embedfix.repair` on what
each extractor leaves of the real pages in ``../shared/corpus/pages/`` (issue 16), with the
definitions of ``../shared/tools/scraper_matrix.py``, which it imports so that both give the same
figures: the gold post of each ``blockquote.twitter-tweet`` is read from the markup with
BeautifulSoup (independently of embedfix); a gold post whose text or ``@handle`` the extractor
dropped is not scored; of the rest, *found* is a twitter quote with the gold handle, *exact text*
its text equal to the gold text (casefolded, without links, punctuation or spacing), *left in
body* the gold text still in ``doc.body``. The scorer's gold post is the embed's first ``<p>``;
some sites' editors split a post over several (a line break of the post made a paragraph), so
a last column, *exact (whole post)*, also counts a text equal to all the embed's paragraphs but
the signature's (`whole_posts`): the same posts, with the gold read whole. Two more columns
say how far the quotes' ``confidence`` can be trusted on each layout: the *mean confidence* of
the found posts, and the *calibration error* (the expected calibration error of
``benchmarks/calibration.py``: the mean gap between confidence and exactness, read whole, over
ten bins, weighted by their counts). The pages are split in two halves by a hash of their
site (`half`), and a second table gives each half's figures: the start model was developed
looking at the misses of half A only, so half B tells whether it generalises.

A third table gives the figures on pages generated with `embedfix.testing` (seeded: news
paragraphs in six languages, tweet embeds of every markup era), scored the same way. A fourth
scores the Instagram and TikTok posts whose markup gives their text (`other_posts`) the same
way, per extractor and platform. A last
table counts what `repair_html` reads of the same pages against the manifest's embed
counts per platform.

The extractors come from the ``bench`` extra (``pip install -e '.[bench]'``). The pages live
outside the repository: the script says so and exits 2 when they are absent.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import importlib.util
import json
import re
import sys
import time
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from calibration import expected_calibration_error  # noqa: E402

import embedfix  # noqa: E402

LABELS = {
    "bs4_get_text": "BeautifulSoup `get_text()`",
    "bs4_get_text_nl": 'BeautifulSoup `get_text("\\n", strip=True)`',
    "trafilatura": "trafilatura `extract()`",
    "trafilatura_recall": "trafilatura `extract(favor_recall=True)`",
    "html2text": "html2text",
    "inscriptis": "inscriptis",
}
"""The table's names for the extractors of ``scraper_matrix.extractors()``."""


def load_tool(shared: Path) -> ModuleType:
    """The scorer shipped with the shared pages (its definitions are the table's)."""
    path = shared / "tools" / "scraper_matrix.py"
    spec = importlib.util.spec_from_file_location("scraper_matrix", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_pages(pagedir: Path) -> list[tuple[dict[str, Any], str]]:
    """Each manifest row with its page's HTML."""
    out = []
    with (pagedir / "manifest.jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for row in rows:
        with gzip.open(pagedir / row["file"]) as page:
            html = page.read().decode("utf-8", "replace")
        out.append((row, html))
    return out


def whole_posts(tool: ModuleType, html: str) -> list[str]:
    """The text of every embed ``tool.gold`` scores, in its order, read whole: all the embed's
    paragraphs but the one holding the signature, normalised as the scorer does."""
    from bs4 import BeautifulSoup

    out = []
    for bq in BeautifulSoup(html, "lxml").select("blockquote.twitter-tweet"):
        first = bq.find("p")
        if not _SIGNATURE.findall(bq.get_text(" ")) or first is None:
            continue
        if not first.get_text(strip=True):
            continue
        parts = [p.get_text(" ") for p in bq.find_all("p")]
        out.append(tool.norm(" ".join(t for t in parts if not _SIGNATURE.search(t))))
    return out


_SIGNATURE = re.compile(r"\(@(\w{1,20})\)")
"""The scorer's signature handle (``(@handle)``)."""


def half(site: str) -> str:
    """The half (``A`` or ``B``) a site's pages fall in, by a hash of the site: the start model is
    developed looking at the misses of one half, and the other tells whether it generalises."""
    return "AB"[hashlib.sha256(site.encode("utf-8")).digest()[0] % 2]


def score_extractors(
    tool: ModuleType, pages: list[tuple[dict[str, Any], str]], misses: list[str]
) -> dict[str, dict[str, Any]]:
    """``scraper_matrix.main``'s loop, over pages read once, with the misses listed."""
    extractors = tool.extractors()
    keys = [*extractors, *(f"{k} {h}" for h in "AB" for k in extractors)]
    counts: dict[str, collections.Counter[str]] = {k: collections.Counter() for k in keys}
    seconds: collections.Counter[str] = collections.Counter()
    confidences: dict[str, list[tuple[float, bool]]] = collections.defaultdict(list)
    norm = tool.norm
    for row, html in pages:
        if not row["embeds"].get("twitter"):
            continue
        gold = tool.gold(html)
        if not gold:
            continue
        whole = whole_posts(tool, html)
        assert len(whole) == len(gold), row["file"]  # the same embeds, read whole
        for name, extract in extractors.items():
            t0 = time.process_time()
            try:
                flat = extract(html)
            except Exception:
                counts[name]["extract_err"] += 1
                continue
            seconds[name] += time.process_time() - t0
            doc = embedfix.repair(flat)
            quotes = [q for q in doc.quotes if q.platform == "twitter"]
            body = norm(doc.body)
            side_key = f"{name} {half(row.get('site', ''))}"
            side = counts[side_key]
            for g, entire in zip(gold, whole, strict=True):
                if norm(g["text"])[:40] not in norm(flat) or "@" + g["handle"] not in flat.lower():
                    counts[name]["dropped"] += 1
                    side["dropped"] += 1
                    continue
                s = _Both(counts[name], side)
                s["gold"] += 1
                same = [q for q in quotes if (q.handle or "").lower() == g["handle"]]
                where = f"{name} {row['file']} @{g['handle']}"
                if not same:
                    s["missed"] += 1
                    misses.append(f"{where}: not found")
                    continue
                s["found"] += 1
                texts = [norm(q.text) for q in same]
                right = [q for q, t in zip(same, texts, strict=True) if t in (g["text"], entire)]
                chosen = (right or same)[0]
                for key in (name, side_key):
                    confidences[key].append((chosen.confidence, bool(right)))
                if right:
                    s["exact_whole"] += 1
                if g["text"] in texts:
                    s["exact"] += 1
                else:
                    got = " | ".join(norm(q.text)[:70] for q in same)
                    misses.append(f"{where}: text {got!r} != {g['text'][:70]!r}")
                if g["text"][:60] and g["text"][:60] in body:
                    s["left"] += 1
    table = {}
    for name, s in counts.items():
        n = s["gold"] or 1
        table[name] = {
            "gold": s["gold"],
            "dropped": s["dropped"],
            "found": round(s["found"] / n, 3),
            "exact": round(s["exact"] / n, 3),
            "exact_whole": round(s["exact_whole"] / n, 3),
            "left_in_body": s["left"],
            "mean_confidence": round(_mean([c for c, _ in confidences[name]]), 3),
            "calibration_error": round(expected_calibration_error(confidences[name]), 3),
            "extract_errors": s["extract_err"],
            "extract_cpu_s": round(seconds[name], 1),
        }
    return table


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


class _Both:
    """Two counters counted together (all pages, and the page's half)."""

    def __init__(self, *counters: collections.Counter[str]) -> None:
        self.counters = counters

    def __getitem__(self, key: str) -> int:
        return self.counters[0][key]

    def __setitem__(self, key: str, value: int) -> None:
        step = value - self.counters[0][key]
        for c in self.counters:
            c[key] += step


def generated_pages(count: int = 60, seed: int = 16) -> list[tuple[dict[str, Any], str]]:
    """Seeded news pages made with `embedfix.testing`: a heading and paragraphs in one of its
    languages, two tweet embeds of every markup era between them, as a CMS writes them."""
    import random

    from embedfix.testing import _vocab, sample_embeds

    rng = random.Random(seed)
    embeds = sample_embeds(2 * count, seed=seed)
    pages = []
    for n in range(count):
        lang = rng.choice(sorted(_vocab.NEWS))
        paragraphs = [
            " ".join(rng.choice(_vocab.NEWS[lang]) for _ in range(rng.randint(1, 3)))
            for _ in range(3)
        ]
        body = "\n".join(
            [
                f"<h1>{rng.choice(_vocab.NEWS[lang])}</h1>",
                f"<p>{paragraphs[0]}</p>",
                embeds[2 * n].html,
                f"<p>{paragraphs[1]}</p>",
                embeds[2 * n + 1].html,
                f"<p>{paragraphs[2]}</p>",
            ]
        )
        html = f'<html lang="{lang}"><body><article>{body}</article></body></html>'
        row = {"file": f"generated-{n}", "site": f"generated-{lang}", "embeds": {"twitter": 2}}
        pages.append((row, html))
    return pages


_INSTAGRAM_CREDIT = re.compile(r"\(@([\w.]{1,30})\)")
"""The handle of an Instagram embed's credit (``A post shared by Ana (@ana.v)``)."""


def other_posts(tool: ModuleType, html: str) -> list[tuple[str, str, str]]:
    """(platform, handle, normalised text) of each Instagram and TikTok embed whose markup gives
    the post's text: an Instagram blockquote's caption paragraphs (all but the credit's; most
    embeds since 2019 carry the credit alone), a TikTok blockquote's caption paragraph."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    out = []
    for bq in soup.select("blockquote.instagram-media"):
        handles = _INSTAGRAM_CREDIT.findall(bq.get_text(" "))
        parts = [p.get_text(" ") for p in bq.find_all("p")]
        text = tool.norm(" ".join(t for t in parts if not _INSTAGRAM_CREDIT.search(t)))
        if handles and text:
            out.append(("instagram", handles[-1].lower(), text))
    for bq in soup.select("blockquote.tiktok-embed"):
        section = bq.find("section")
        author = section.find("a") if section is not None else None
        caption = section.find("p") if section is not None else None
        if author is None or caption is None:
            continue
        handle = author.get_text(strip=True).lstrip("@").lower()
        text = tool.norm(caption.get_text(" "))
        if handle and text:
            out.append(("tiktok", handle, text))
    return out


def score_other_platforms(
    tool: ModuleType, pages: list[tuple[dict[str, Any], str]], misses: list[str]
) -> dict[str, dict[str, Any]]:
    """Per extractor and platform (Instagram, TikTok): the posts whose text the markup gives,
    scored as the tweets are (a quote of the platform with the handle; its text equal)."""
    extractors = tool.extractors()
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    norm = tool.norm
    for row, html in pages:
        if not (row["embeds"].get("instagram") or row["embeds"].get("tiktok")):
            continue
        gold = other_posts(tool, html)
        if not gold:
            continue
        for name, extract in extractors.items():
            try:
                flat = extract(html)
            except Exception:
                continue
            doc = embedfix.repair(flat)
            for platform, handle, text in gold:
                c = counts[f"{name} {platform}"]
                if text[:40] not in norm(flat) or handle not in flat.lower():
                    c["dropped"] += 1
                    continue
                c["gold"] += 1
                same = [
                    q
                    for q in doc.quotes
                    if q.platform == platform and (q.handle or "").lower() == handle
                ]
                where = f"{name} {row['file']} {platform} @{handle}"
                if not same:
                    misses.append(f"{where}: not found")
                    continue
                c["found"] += 1
                if any(norm(q.text) == text for q in same):
                    c["exact"] += 1
                else:
                    got = " | ".join(norm(q.text)[:70] for q in same)
                    misses.append(f"{where}: text {got!r} != {text[:70]!r}")
    return {
        key: {
            "gold": c["gold"],
            "dropped": c["dropped"],
            "found": round(c["found"] / (c["gold"] or 1), 3),
            "exact": round(c["exact"] / (c["gold"] or 1), 3),
        }
        for key, c in sorted(counts.items())
    }


def score_html(pages: list[tuple[dict[str, Any], str]]) -> dict[str, dict[str, int]]:
    """Per platform: the embeds the manifest counts and the quotes `repair_html` reads, page by
    page (a page's excess does not make up for another's shortfall)."""
    out: dict[str, dict[str, int]] = {}
    for row, html in pages:
        got = collections.Counter(q.platform for q in embedfix.repair_html(html).quotes)
        for platform, n in row["embeds"].items():
            cell = out.setdefault(platform, {"manifest": 0, "read": 0, "pages_short": 0})
            cell["manifest"] += n
            cell["read"] += min(n, got[platform])
            cell["pages_short"] += got[platform] < n
    return out


def markdown(
    table: dict[str, dict[str, Any]],
    html: dict[str, dict[str, int]],
    generated: dict[str, dict[str, Any]] | None = None,
    others: dict[str, dict[str, Any]] | None = None,
) -> str:
    lines = [
        "| extractor | posts scored | dropped by the extractor | found | exact text "
        "| post text left in body | exact (whole post) | mean confidence | calibration error |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    halves = {k: r for k, r in table.items() if k[-2:] in (" A", " B")}
    for name, r in table.items():
        if name in halves:
            continue
        lines.append(
            f"| {LABELS.get(name, name)} | {r['gold']} | {r['dropped']} | {r['found']:.3f} "
            f"| {r['exact']:.3f} | {r['left_in_body']} | {r['exact_whole']:.3f} "
            f"| {r['mean_confidence']:.3f} | {r['calibration_error']:.3f} |"
        )
    lines += [
        "",
        "| extractor | half | posts scored | found | exact text | left in body "
        "| exact (whole post) | mean confidence | calibration error |",
    ]
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for name, r in halves.items():
        base, side = name.rsplit(" ", 1)
        lines.append(
            f"| {LABELS.get(base, base)} | {side} | {r['gold']} | {r['found']:.3f} "
            f"| {r['exact']:.3f} | {r['left_in_body']} | {r['exact_whole']:.3f} "
            f"| {r['mean_confidence']:.3f} | {r['calibration_error']:.3f} |"
        )
    if generated is not None:
        lines += [
            "",
            "| extractor (generated pages) | posts scored | found | exact text | left in body |",
        ]
        lines.append("|---|---|---|---|---|")
        for name, r in generated.items():
            if name[-2:] not in (" A", " B"):
                lines.append(
                    f"| {LABELS.get(name, name)} | {r['gold']} | {r['found']:.3f} "
                    f"| {r['exact']:.3f} | {r['left_in_body']} |"
                )
    if others:
        lines += [
            "",
            "| extractor | platform | posts scored | dropped by the extractor | found | exact text |",
            "|---|---|---|---|---|---|",
        ]
        for key, r in others.items():
            name, platform = key.rsplit(" ", 1)
            lines.append(
                f"| {LABELS.get(name, name)} | {platform} | {r['gold']} | {r['dropped']} "
                f"| {r['found']:.3f} | {r['exact']:.3f} |"
            )
    lines += ["", "| platform | embeds (manifest) | read by `repair_html` | pages short |"]
    lines.append("|---|---|---|---|")
    for platform, c in sorted(html.items()):
        lines.append(f"| {platform} | {c['manifest']} | {c['read']} | {c['pages_short']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show-misses", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    pagedir = args.shared / "corpus" / "pages"
    if not (pagedir / "manifest.jsonl").exists():
        print(f"skipped: no pages at {pagedir} (the shared corpus is absent)")
        return 2
    try:
        tool = load_tool(args.shared)
        tool.extractors()
    except ImportError as e:
        print(f"skipped: an extractor is not installed ({e}); pip install -e '.[bench]'")
        return 2
    warnings.filterwarnings("ignore")
    pages = read_pages(pagedir)
    misses: list[str] = []
    table = score_extractors(tool, pages, misses)
    html = score_html(pages)
    generated = score_extractors(tool, generated_pages(), [])
    others = score_other_platforms(tool, pages, misses)
    if args.json:
        out = {
            "extractors": table,
            "generated": generated,
            "instagram_tiktok": others,
            "repair_html": html,
        }
        print(json.dumps(out, indent=1))
    else:
        print(markdown(table, html, generated, others))
    if args.show_misses:
        print("\n".join(["", *misses]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
