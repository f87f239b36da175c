"""How often real posts break their text over lines, per layout: the measurement behind
``docs/extractors.md`` ("How far to trust `confidence`").

    python scripts/post_lines.py [--shared ../shared]

A post of several sentences may end a line after one of them (a line break its author typed).
Whether that break reaches the text depends on what flattened the page: the scrapers behind the
labelled corpus mostly join a post's lines, the extractors of issue 16 keep each one. So, of the
posts with a sentence end inside their text (links at the end aside), this counts those with a
line break after one:

* *scraped*: the labelled posts of ``corpus/dev.jsonl`` (``tweet_span``), as the scrapers left them;
* *ISOT*: the same in ``corpus/dev_isot.jsonl`` (the ISOT copies);
* *extracted*: the tweets embedded in ``corpus/pages/``, read from their markup (``<br>`` and
  ``<p>`` as line breaks): what a line-separating extractor leaves of them.

The start model learns from the labelled corpus and from `embedfix.testing`, which writes every
post on one line: this is why its confidence holds on scraped text and overstates on the
extractors' layouts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_INNER_END = re.compile(r"(?<=[.!?。！？])[ \n]+(?=\S)")
"""The space after a sentence end inside a post: a line break in it is the author's."""
_TRAILING_LINKS = re.compile(r"(?:\s*(?:https?://\S+|pic\.(?:twitter|x)\.com/\S+))+\s*\Z")
_LINK = re.compile(r"https?://|pic\.(?:twitter|x)\.com/")
_SIGNATURE = re.compile(r"\(@\w{1,20}\)")


@dataclass(frozen=True)
class Share:
    """Posts with a sentence end inside, and those with a line break after one."""

    posts: int
    """Posts with a sentence end inside their text."""
    broken: int
    """Of those, the posts with a line break after one of them."""

    @property
    def share(self) -> float:
        """``broken / posts`` (0 when there is none)."""
        return self.broken / self.posts if self.posts else 0.0


def count(texts: list[str]) -> Share:
    """The `Share` of a list of post texts."""
    posts = broken = 0
    for text in texts:
        text = _TRAILING_LINKS.sub("", text.strip())
        ends = [m for m in _INNER_END.finditer(text) if not _LINK.match(text, m.end())]
        if ends:
            posts += 1
            broken += any("\n" in m.group() for m in ends)
    return Share(posts, broken)


def corpus_posts(path: Path) -> list[str]:
    """The labelled post texts of a corpus file (``tweet_span``), as the scraper left them."""
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            case = json.loads(line)
            for embed in case["embeds"]:
                span = embed.get("tweet_span")
                if span:
                    out.append(case["text"][span[0] : span[1]])
    return out


def page_posts(pagedir: Path) -> list[str]:
    """The text of every tweet embedded in the shared pages, read from its markup: the embed's
    paragraphs but the signature's, each ``<br>`` and paragraph a line break."""
    from bs4 import BeautifulSoup

    out = []
    with (pagedir / "manifest.jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for row in rows:
        if not row["embeds"].get("twitter"):
            continue
        with gzip.open(pagedir / row["file"]) as page:
            html = page.read().decode("utf-8", "replace")
        for quote in BeautifulSoup(html, "html.parser").select("blockquote.twitter-tweet"):
            paragraphs = [p for p in quote.find_all("p") if not _SIGNATURE.search(p.get_text())]
            for p in paragraphs:
                for br in p.find_all("br"):
                    br.replace_with("\n")
            if paragraphs:
                out.append("\n".join(p.get_text() for p in paragraphs))
    return out


def measure(shared: Path) -> dict[str, Share]:
    """The shares of the three layouts, from the shared corpus."""
    corpus = shared / "corpus"
    return {
        "scraped": count(corpus_posts(corpus / "dev.jsonl")),
        "isot": count(corpus_posts(corpus / "dev_isot.jsonl")),
        "extracted": count(page_posts(corpus / "pages")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    if not (args.shared / "corpus" / "pages" / "manifest.jsonl").exists():
        print(f"no shared corpus at {args.shared}", file=sys.stderr)
        return 2
    for name, s in measure(args.shared).items():
        print(
            f"{name:10} {s.broken:3} of {s.posts:3} posts break a line after a sentence: {s.share:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
