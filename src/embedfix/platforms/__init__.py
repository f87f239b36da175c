"""One module per platform: the grammar of its flattened text and the reader of its HTML markup.

`FINDERS` maps each platform name to the function that finds its flattened embeds in plain text.
Adding a platform is adding its module and one entry here. Twitter's signature grammar also reads
Bluesky's signatures (same ``— NAME (@handle) DATE`` shape, dotted handles), so both names map to
it and the pipeline keeps the records of the platforms asked for. The news-site frames of
`boilerplate` ("Skip Twitter post by …") run with it, reported under the platform they name.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable

from embedfix.platforms import (
    _text,
    boilerplate,
    facebook,
    instagram,
    mastodon,
    reddit,
    threads,
    tiktok,
    twitter,
)
from embedfix.platforms.base import Found

Finder = Callable[[str], list[Found]]


def _twitter_and_frames(source: str) -> list[Found]:
    """Tweet and Bluesky signatures, and the news-site frames around any embed."""
    return twitter.find(source) + boilerplate.find(source)


FINDERS: dict[str, Finder] = {
    "twitter": _twitter_and_frames,
    "bluesky": _twitter_and_frames,
    "instagram": instagram.find,
    "facebook": facebook.find,
    "tiktok": tiktok.find,
    "threads": threads.find,
    "mastodon": mastodon.find,
    "reddit": reddit.find,
    "youtube": _twitter_and_frames,
}
"""Platform name -> the finder of its flattened embeds."""


GATES: dict[str, tuple[str, ...]] = {
    "instagram": instagram.GATE,
    "facebook": facebook.GATE,
    "tiktok": tiktok.GATE,
    "threads": threads.GATE,
    "mastodon": mastodon.GATE,
    "reddit": reddit.GATE,
}
"""Platform name -> literals every one of its matches contains. A document holding none of them
cannot match that grammar, so the pipeline skips it."""


_LITERALS = tuple(dict.fromkeys(literal for gate in GATES.values() for literal in gate))
"""Every gate literal once (``osted by`` serves Instagram and Facebook)."""


def gated_out(
    source: str, names: Iterable[str], held: Container[str] | None = None
) -> frozenset[str]:
    """The gated platforms among ``names`` none of whose literals ``source`` holds: their grammars
    cannot match it, so the pipeline skips them.

    One substring test per distinct literal (``in`` runs at over 1 G characters/s; a regex
    alternation of the same literals at about 100 M/s), unless ``held`` already tells which
    literals ``source`` holds (the ``fast`` extra's scan reports them: `embedfix.prefilter`).
    """
    gated = _GATED.intersection(names)
    literals = _LITERALS if gated == _GATED else {lit for name in gated for lit in GATES[name]}
    if held is not None:
        present = [lit for lit in literals if lit in held]
    else:
        absent = _text.absent_guards(source)
        present = [lit for lit in literals if _text.guard_of(lit) not in absent and lit in source]
    if not present:  # most documents
        return gated
    return frozenset(
        name for name in gated if not any(literal in present for literal in GATES[name])
    )


_GATED = frozenset(GATES)


def finders_for(
    source: str, names: frozenset[str], held: Container[str] | None = None
) -> tuple[Finder, ...]:
    """The finders to run on ``source`` for the platforms ``names``: each once, in `FINDERS`
    order, without those of the platforms `gated_out` of it (``held``: see `gated_out`)."""
    skipped = gated_out(source, names, held)
    return tuple(
        dict.fromkeys(f for name, f in FINDERS.items() if name in names and name not in skipped)
    )
