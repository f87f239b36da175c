"""One module per platform: the grammar of its flattened text and the reader of its HTML markup.

`FINDERS` maps each platform name to the function that finds its flattened embeds in plain text.
Adding a platform is adding its module and one entry here. Twitter's signature grammar also reads
Bluesky's signatures (same ``— NAME (@handle) DATE`` shape, dotted handles), so both names map to
it and the pipeline keeps the records of the platforms asked for.
"""

from __future__ import annotations

from collections.abc import Callable

from embedfix.platforms import twitter
from embedfix.platforms.base import Found

Finder = Callable[[str], list[Found]]

FINDERS: dict[str, Finder] = {
    "twitter": twitter.find,
    "bluesky": twitter.find,
}
"""Platform name -> the finder of its flattened embeds."""
