"""One pass over a document for everything `repair` could act on (the ``fast`` extra).

Most documents hold no embed, no ``?`` and no character the mojibake screen looks at. The
pure-Python path proves that with a dozen substring tests and scans; with ``hyperscan``
installed (``pip install 'embedfix[fast]'``) one scan of the UTF-8 bytes reports, at once, which
of these the document holds:

* ``"anchor"``: something a grammar needs: ``(`` followed within a few bytes by ``@`` or ``＠``
  (a signature's ``(@handle)``), ``/status`` (a bare permalink), ``Skip`` (a news site's frame),
  or any literal of `embedfix.platforms.GATES`;
* ``"qmark"``: a ``?``;
* ``"screen"``: a character the mojibake screen can act on (`embedfix.encoding.screen.has_trigger`);
* ``"gates"``, when the scan went to the end of the text: then the result also holds each literal
  of `embedfix.platforms.GATES` the text holds (and no other), so the gates of the platforms
  (`embedfix.platforms.gated_out`) are known without a substring test per literal.

Each pattern is a necessary condition of its stage: a document without an ``"anchor"`` hit
makes every finder return nothing; without ``"qmark"`` and ``"screen"`` hits the encoding plan
changes nothing. `repair` then returns at once, with the same `Document` the pure path gives (a
differential test checks this on the dev corpus, generated corpora and random text). Anything
else takes the pure path unchanged, and so does every document when ``hyperscan`` is missing or
fails: no platform is ever left out for speed.
"""

from __future__ import annotations

import functools
from typing import Any

from embedfix.encoding.screen import ENTITY, TRIGGER_PAIRS
from embedfix.platforms import GATES

__all__ = ["KEYS", "available", "scan"]

KEYS = ("anchor", "qmark", "screen", "gates")
"""What `scan` can report, besides the gate literals. The scan stops at the first anchor other
than a gate literal, or at the first screen trigger, and then reports the first three (the rest
of the text was not looked at); a gate literal is noted and the scan goes on."""
_ANCHOR, _QMARK, _SCREEN, _GATES = range(4)
_EVERYTHING = frozenset(KEYS[:3])
_LITERALS = tuple(dict.fromkeys(literal for gate in GATES.values() for literal in gate))
_FIRST_LITERAL = len(KEYS)
"""The id of the scan's pattern for ``_LITERALS[i]`` is ``_FIRST_LITERAL + i``."""


_CHUNK = 1 << 14
"""Characters scanned at a time. Encoding a long text whole, or in pieces over 128 kB (a piece of
64 k characters with one beyond Latin-1), allocates fresh memory from the system each time, and
touching it costs more per character than the scan: a 1 MB text took 6-20 ms instead of 2."""
_REACH = 16
"""Characters each chunk overlaps the next by: more than any match of the scan spans (the
longest is a gate literal; `tests/test_prefilter.py` checks it), so none is cut in two."""


def _alternation(chars: frozenset[str]) -> bytes:
    """A byte pattern matching the UTF-8 form of any of ``chars`` (lone surrogates included):
    one class of last bytes per shared prefix, which keeps the pattern short."""
    last: dict[bytes, list[int]] = {}
    for c in chars:
        data = c.encode("utf-8", "surrogatepass")
        last.setdefault(data[:-1], []).append(data[-1])
    branches = [_escape(prefix) + _class(ends) for prefix, ends in sorted(last.items())]
    return b"(?:" + b"|".join(branches) + b")"


def _class(values: list[int]) -> bytes:
    """A byte class of ``values``, consecutive ones as ranges."""
    ranges: list[list[int]] = []
    for v in sorted(values):
        if ranges and v == ranges[-1][1] + 1:
            ranges[-1][1] = v
        else:
            ranges.append([v, v])
    return (
        b"["
        + b"".join(
            _escape(bytes([a])) + (b"-" + _escape(bytes([b])) if b > a else b"") for a, b in ranges
        )
        + b"]"
    )


def _escape(data: bytes) -> bytes:
    return b"".join(b"\\x%02x" % byte for byte in data)


def _patterns() -> list[tuple[bytes, int]]:
    """(pattern, id) for every pattern of the scan: an index into `KEYS`, or `_FIRST_LITERAL`
    plus the index of a gate literal."""
    anchor, qmark, screen = _ANCHOR, _QMARK, _SCREEN
    out = [
        # ``\(\s?\\?[@＠]``: at most a space (3 UTF-8 bytes at most) and a backslash between.
        (rb"\(.{0,4}(?:@|\xef\xbc\xa0)", anchor),
        (rb"/status", anchor),
        (rb"Skip", anchor),
        *(
            (_escape(literal.encode("utf-8")), _FIRST_LITERAL + i)
            for i, literal in enumerate(_LITERALS)
        ),
        (rb"\?", qmark),
        (ENTITY.encode("ascii"), screen),
        *(
            (_alternation(first) + (_alternation(second) if second else b""), screen)
            for first, second in TRIGGER_PAIRS
        ),
    ]
    return out


@functools.cache
def _database() -> Any:
    """The compiled scan, or None without ``hyperscan`` (built once, on first use)."""
    try:
        import hyperscan  # optional: imported on first use only
    except ImportError:
        return None
    patterns = _patterns()
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    # A "?" is reported once (SINGLEMATCH); the first anchor or screen trigger stops the scan
    # instead (asking SINGLEMATCH of those large patterns makes the compile several times slower).
    database.compile(
        expressions=[p for p, _ in patterns],
        ids=[key for _, key in patterns],
        flags=[
            hyperscan.HS_FLAG_DOTALL
            | (hyperscan.HS_FLAG_SINGLEMATCH if key == _QMARK or key >= _FIRST_LITERAL else 0)
            for _, key in patterns
        ],
    )
    return database, hyperscan.ScanTerminated, hyperscan.HyperscanError


def available() -> bool:
    """Whether the ``fast`` extra is installed (``hyperscan`` imports and the scan compiles)."""
    return _database() is not None


def scan(text: str) -> frozenset[str] | None:
    """Which of `KEYS` ``text`` holds, or None when the pure-Python path must decide (no
    ``hyperscan``, or the scan failed, for example when another thread holds its scratch)."""
    built = _database()
    if built is None:
        return None
    database, stopped, error = built
    found: set[int] = set()

    def on_match(key: int, start: int, end: int, flags: int, context: object) -> bool:
        found.add(key)
        # An anchor or a trigger sends the document down the whole path; a gate literal is
        # noted (the whole path asks the gates which grammars to run) and the scan goes on.
        return key < _FIRST_LITERAL and key != _QMARK

    try:
        for start in range(0, max(len(text), 1), _CHUNK):
            piece = text if len(text) <= _CHUNK else text[start : start + _CHUNK + _REACH]
            database.scan(piece.encode("utf-8", "surrogatepass"), match_event_handler=on_match)
    except stopped:
        return _EVERYTHING  # what the rest of the text holds is unknown: everything may be
    except error:
        return None
    return frozenset(
        KEYS[key] if key < _FIRST_LITERAL else _LITERALS[key - _FIRST_LITERAL] for key in found
    ) | (_WENT_ON if any(key >= _FIRST_LITERAL for key in found) else _WENT_ON_PLAIN)


_WENT_ON = frozenset(("gates", "anchor"))
"""Added when the scan went to the end and found a gate literal (an anchor)."""
_WENT_ON_PLAIN = frozenset(("gates",))
