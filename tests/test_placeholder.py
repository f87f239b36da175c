"""A placeholder stands where the embed stood, as it stood: on its own line when the embed filled
its lines or was glued to the next paragraph, before a space when a space followed it; ``{n}``
numbers the embeds from 1, as ``embedfix explain`` does."""

from __future__ import annotations

import pytest

import embedfix

SIGNATURE = "We won! — Jane Doe (@janedoe) May 2, 2019"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (f"Read this.\n{SIGNATURE}\nMore.", "Read this.\n[tweet 1]\nMore."),
        # scraped without the line break after the date: the next paragraph was glued to it
        (
            f"Read this.\n{SIGNATURE}The forecast is calm.",
            "Read this.\n[tweet 1]\nThe forecast is calm.",
        ),
        (
            f"Officials said:\n{SIGNATURE} The forecast is calm.",
            "Officials said:\n[tweet 1] The forecast is calm.",
        ),
        (
            f"Intro.\n{SIGNATURE}\nSecond! — Bob (@bob) May 3, 2019\nEnd.",
            "Intro.\n[tweet 1]\n[tweet 2]\nEnd.",
        ),
        (
            "Reply:\nhttps://twitter.com/KP24/status/1239832625520324608\nEnd.",
            "Reply:\n[tweet 1]\nEnd.",
        ),
    ],
)
def test_the_placeholder_stands_as_the_embed_did(text: str, body: str) -> None:
    assert embedfix.repair(text, placeholder="[tweet {n}]").body == body


def test_an_empty_placeholder_keeps_the_embeds_line_and_none_removes_it() -> None:
    text = f"Read this.\n{SIGNATURE}The forecast is calm."
    assert embedfix.repair(text, placeholder="").body == "Read this.\n\nThe forecast is calm."
    assert embedfix.repair(text).body == "Read this.\nThe forecast is calm."
