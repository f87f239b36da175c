"""Score a detector on generated articles: how many embeds it finds, and how exactly."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from embedfix.model import Document, Quote
from embedfix.testing._articles import Article, ExpectedQuote


@dataclass(frozen=True, slots=True)
class Recovery:
    """Counts of what a detector recovered from a list of articles with known embeds."""

    articles: int
    """How many articles were read."""
    embeds: int
    """How many embeds they contained."""
    found: int
    """Embeds overlapped by a quote the detector returned."""
    handle_exact: int
    """Embeds whose quote had exactly the expected handle."""
    date_exact: int
    """Embeds whose quote had exactly the expected date."""
    text_exact: int
    """Embeds whose quote had exactly the expected text."""
    span_exact: int
    """Embeds whose quote had exactly the expected span."""
    false_positives: int
    """Quotes that overlapped no expected embed."""
    misses: tuple[str, ...] = ()
    """A short description of the first few embeds not recovered exactly, for debugging."""

    def rate(self, count: int) -> float:
        """``count`` as a fraction of `embeds` (1.0 when there were none)."""
        return count / self.embeds if self.embeds else 1.0

    def summary(self) -> str:
        """The figures as a few lines of text."""
        lines = [f"articles {self.articles}, embeds {self.embeds}"]
        for name in ("found", "handle_exact", "date_exact", "text_exact", "span_exact"):
            count = getattr(self, name)
            lines.append(f"{name:<13} {count:>5} / {self.embeds}  {self.rate(count):7.2%}")
        lines.append(f"false positives {self.false_positives}")
        return "\n".join(lines)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _describe(expected: ExpectedQuote, quote: Quote | None) -> str:
    got = "nothing" if quote is None else f"{quote.handle!r} {quote.date} {quote.text!r}"
    return (
        f"[{expected.layout}] expected {expected.handle!r} {expected.date} {expected.text!r}; "
        f"got {got}"
    )


def measure_recovery(
    articles: Iterable[Article], repair: Callable[[str], Document], *, keep_misses: int = 20
) -> Recovery:
    """Run ``repair`` on each article and count the embeds it recovered exactly.

    Each expected embed is matched with the unused returned quote that overlaps it most.
    """
    n_articles = embeds = found = handle = date = text = span = false_pos = 0
    misses: list[str] = []
    for article in articles:
        n_articles += 1
        quotes = list(repair(article.text).quotes)
        used: set[int] = set()
        for exp in article.quotes:
            embeds += 1
            best = max(
                (i for i in range(len(quotes)) if i not in used),
                key=lambda i: _overlap(quotes[i].span, exp.span),
                default=None,
            )
            quote = None
            if best is not None and _overlap(quotes[best].span, exp.span) > 0:
                used.add(best)
                quote = quotes[best]
                found += 1
                handle += quote.handle == exp.handle
                date += quote.date == exp.date
                text += quote.text == exp.text
                span += quote.span == exp.span
            exact = quote is not None and (quote.handle, quote.date, quote.text) == (
                exp.handle,
                exp.date,
                exp.text,
            )
            if not exact and len(misses) < keep_misses:
                misses.append(_describe(exp, quote))
        false_pos += len(quotes) - len(used)
    return Recovery(n_articles, embeds, found, handle, date, text, span, false_pos, tuple(misses))
