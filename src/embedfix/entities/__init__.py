"""Tweet entities (mentions, lists, hashtags, cashtags, links) and weighted tweet length.

Behaves like twitter-text, the reference implementation whose conformance suite defines these
rules; see docs/entities.md for the few deviations. Offsets are Python code-point offsets.
For scraped text where links are glued to the word before them, use `extract_scraped_entities`.
"""

from __future__ import annotations

from embedfix.entities.entity import Entity, EntityKind
from embedfix.entities.extract import (
    extract_cashtags,
    extract_cashtags_with_indices,
    extract_entities,
    extract_hashtags,
    extract_hashtags_with_indices,
    extract_mentions,
    extract_mentions_or_lists_with_indices,
    extract_mentions_with_indices,
    extract_reply_screen_name,
    extract_urls,
    extract_urls_with_indices,
)
from embedfix.entities.length import (
    CONFIGS,
    LengthConfig,
    ParsedTweet,
    is_valid_tweet,
    parse_tweet,
    weighted_length,
)
from embedfix.entities.scraped import (
    PostEntities,
    extract_scraped_entities,
    glued_link_starts,
    post_entities,
    split_glued_links,
)

__all__ = [
    "CONFIGS",
    "Entity",
    "EntityKind",
    "LengthConfig",
    "ParsedTweet",
    "PostEntities",
    "extract_cashtags",
    "extract_cashtags_with_indices",
    "extract_entities",
    "extract_hashtags",
    "extract_hashtags_with_indices",
    "extract_mentions",
    "extract_mentions_or_lists_with_indices",
    "extract_mentions_with_indices",
    "extract_reply_screen_name",
    "extract_scraped_entities",
    "extract_urls",
    "extract_urls_with_indices",
    "glued_link_starts",
    "is_valid_tweet",
    "parse_tweet",
    "post_entities",
    "split_glued_links",
    "weighted_length",
]
