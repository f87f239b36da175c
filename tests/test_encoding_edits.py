"""Edits and their composition: two layers of repair, one list of edits into the source.

Every `Repair` must point into the original text although each encoding layer works on the output
of the one before, so `compose` maps the second layer back through the first. Its contract, for
any two layers: applying the composed edits to the source gives what applying the two in turn
gives, and the composed edits are sorted and do not overlap.
"""

from __future__ import annotations

import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from embedfix.encoding.edits import Edit, apply_edits, compose

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)


@st.composite
def edits_on(draw: st.DrawFn, text: str) -> list[Edit]:
    """Sorted, non-overlapping edits of ``text``: replacements, deletions and insertions."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits: list[Edit] = []
    last = -1  # an insertion right after another edit's end would make two edits touch
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a <= last:
            continue
        replacement = draw(st.text(alphabet="xyz\ufffd", max_size=3))
        kind = draw(st.sampled_from(["mojibake", "lost", "entity"]))
        edits.append(Edit(a, b, replacement, kind, f"{kind} at {a}", qmarks=b - a, lost=1))
        last = b
    return edits


@st.composite
def two_layers(draw: st.DrawFn) -> tuple[str, list[Edit], str, list[Edit]]:
    source = draw(st.text(alphabet="ab? \n", max_size=30))
    first = draw(edits_on(source))
    middle = apply_edits(source, first)
    second = draw(edits_on(middle))
    return source, first, middle, second


@SETTINGS
@given(two_layers())
@example(("a??b", [], "a??b", [Edit(1, 3, "\ufffd", "lost", "lost", 2, 1)]))  # no first layer
@example(("ab", [Edit(0, 1, "x", "mojibake", "m")], "xb", []))  # no second layer
def test_composed_edits_do_what_the_two_layers_do(
    layers: tuple[str, list[Edit], str, list[Edit]],
) -> None:
    source, first, middle, second = layers
    composed = compose(first, middle, second)
    assert apply_edits(source, composed) == apply_edits(middle, second)
    for before, after in itertools.pairwise(composed):
        assert before.start <= before.end <= after.start <= after.end


def test_touching_edits_of_two_layers_merge_and_keep_the_lost_counts() -> None:
    # ftfy turned "Ã©" into "é"; the lost-run layer then marks the "??" right after it.
    source = "caf\u00c3\u00a9?? ok"
    first = [Edit(3, 5, "\u00e9", "mojibake", "UTF-8 read as Latin-1")]
    middle = apply_edits(source, first)
    assert middle == "café?? ok"
    second = [Edit(3, 6, "\ufffd", "lost", "2 '?' = 1 code point lost", 2, 1)]
    [merged] = compose(first, middle, second)
    assert (merged.start, merged.end, merged.replacement) == (3, 7, "\ufffd")
    assert (merged.kind, merged.qmarks, merged.lost) == ("lost", 2, 1)
