"""A document-level screen in front of the mojibake scan: can ftfy change anything in this text?

`mojibake.find_suspect` looks for a possible target with a character-class scan, and `re` runs
such scans at about 100 M characters/s whatever the class; the embed-free path of `repair` spends
most of its time there, although almost no document holds a target. `may_change` answers the
document-level question faster and is *sound*: whenever `find_suspect` would find something, it
returns True (a property test checks this); when it returns True the exact scan decides.

How: most text is mostly ASCII. Encoding it with ``xmlcharrefreplace`` (a C loop) writes each
other character as ``&#N;``, so one `re` search with a literal prefix, which runs at over 1 G
bytes/s, visits only the non-ASCII characters; a digit trie of the characters that can start a
target, and a look at what follows each, rejects nearly all of them inside the regex engine.
Text that is mostly non-ASCII (Cyrillic, Greek, CJK) is screened by one character-class scan that
stops at the rare characters a target must contain, rather than at every letter.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from embedfix.encoding.charsets import (
    CLUE_CONTINUATION,
    CLUE_FIRSTS,
    CONTROLS,
    ROLES,
    char_class,
)

__all__ = ["ENTITY", "TRIGGER_PAIRS", "has_trigger", "may_change"]


def _digit_trie(tails: Mapping[int, str]) -> str:
    """A regex matching each code's decimal form followed by its tail, as one trie.

    A trie keeps the regex engine's work per visited character small: each level rejects on one
    digit. Codes whose subtrees are the same share one branch under a digit class.
    """

    built: dict[tuple[tuple[str, str], ...], str] = {}  # many subtrees repeat (e.g. ranges)

    def node(items: list[tuple[str, str]]) -> str:
        key = tuple(items)
        if key not in built:
            built[key] = _node(items)
        return built[key]

    def _node(items: list[tuple[str, str]]) -> str:
        children: dict[str, list[tuple[str, str]]] = {}
        alts: list[str] = []
        for digits, tail in items:
            if digits:
                children.setdefault(digits[0], []).append((digits[1:], tail))
            else:
                alts.append(tail)  # tails start with ";", never with a digit
        by_subtree: dict[str, list[str]] = {}
        for digit, rest in children.items():
            by_subtree.setdefault(node(rest), []).append(digit)
        alts += [
            (ds[0] if len(ds) == 1 else f"[{''.join(ds)}]") + sub for sub, ds in by_subtree.items()
        ]
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"

    return node(sorted((str(code), tail) for code, tail in tails.items()))


# --- The sets, per role ------------------------------------------------------------------------

_LEAD_CONTS: dict[str, frozenset[str]] = {}
"""Lead character -> every continuation that may follow it in an encoding where it is a lead."""
_SPACED2: set[str] = set()  # a lead whose continuation byte became a space (NBSP residue)
_SPACED3: set[str] = set()  # a 3/4-byte lead followed by such a space, then a continuation
_LOSSY2: set[str] = set()  # a lead whose continuation byte became "?"
_LOSSY34: set[str] = set()
_CONTS: set[str] = set()
for _roles in ROLES:
    _cont = _roles.cont | {"\x1a"}
    _CONTS |= _cont
    for _c in _roles.lead:
        _LEAD_CONTS[_c] = _LEAD_CONTS.get(_c, frozenset()) | _cont
    _SPACED2 |= _roles.spaced2
    _SPACED3 |= _roles.spaced3
    _LOSSY2 |= _roles.lossy2
    _LOSSY34 |= _roles.lossy34

_FIRST2, _FIRST3, _FIRST4 = CLUE_FIRSTS
_CLUE_FIRSTS = _FIRST2 | _FIRST3 | _FIRST4
_ALWAYS = (
    {c for c in CONTROLS if c >= "\x80"}
    | set(map(chr, range(0x80, 0xA0)))
    | set(map(chr, range(0xD800, 0xE000)))
)
"""C1 and other controls, and lone surrogates: always a possible change."""

_SPACE_ALONE = frozenset(map(ord, _SPACED2 | _FIRST2))
"""Followed by a space, these are a target on their own."""
_SPACE_MORE = frozenset(map(ord, _SPACED3 | _FIRST3 | _FIRST4))
"""Followed by a space, these are a target if a space or another non-ASCII character follows."""
_SPACED3_CODES = frozenset(map(ord, _SPACED3))
_QMARK_ALONE = frozenset(map(ord, _LOSSY2))
"""Followed by ``?`` (a continuation byte lost to a replacement), these are a target."""
_QMARK_MORE = frozenset(map(ord, _LOSSY34)) - _QMARK_ALONE
"""Followed by ``?`` and a continuation, these are a target."""
_PAIRS = {ord(c): frozenset(map(ord, conts)) for c, conts in _LEAD_CONTS.items()}
_CLUE_FIRST_CODES = frozenset(map(ord, _CLUE_FIRSTS))
_CLUE_CONT_CODES = frozenset(map(ord, CLUE_CONTINUATION))
_EMPTY: frozenset[int] = frozenset()

_FOLLOWS = frozenset(map(ord, _CONTS | CLUE_CONTINUATION))
"""Every character that can follow a lead in some encoding."""


_LETTERS = frozenset(range(0x370, 0x530)) - _FOLLOWS
"""Greek and Cyrillic letters that follow no lead in any encoding: words in those scripts."""


def _tail(code: int) -> str:
    """What must follow character ``code`` (as ``&#code``) for a target to be possible."""
    if chr(code) in _ALWAYS:
        return ";"
    tails = []
    if code in _PAIRS or code in _CLUE_FIRST_CODES:
        tails.append("&#")  # checked encoding by encoding in `_exact`
    if code in _SPACE_ALONE:
        tails.append(" ")
    elif code in _SPACE_MORE:
        tails.append(" (?: |&#)")  # the third character is checked in `_exact`
    if code in _QMARK_ALONE:
        tails.append(r"\?")
    elif code in _QMARK_MORE:
        tails.append(r"\?&#")
    return ";" + (tails[0] if len(tails) == 1 else f"(?:{'|'.join(tails)})")


_STARTS = (
    (set(_PAIRS) | _CLUE_FIRST_CODES | _SPACE_ALONE | _SPACE_MORE | _QMARK_ALONE | _QMARK_MORE)
    - set(range(0x80))
    - set(map(ord, _ALWAYS))
)


@functools.cache
def _sparse() -> re.Pattern[bytes]:
    """On ``xmlcharrefreplace`` output: a non-ASCII character followed by what could make it the
    start of a target (most are followed by ASCII letters, which the look-ahead rejects at once),
    or one that is always a change. `_exact` then checks the match encoding by encoding. Built on
    first use: the digit tries are most of what importing this module would cost."""
    # A non-ASCII character that is not one of `_LETTERS`.
    non_ascii_follow = "&#(?!" + _digit_trie(dict.fromkeys(_LETTERS, ";")) + ")"
    return re.compile(
        (
            rf"&#(?:(?=\d+;(?:[? ]|{non_ascii_follow}))"
            + _digit_trie({c: _tail(c) for c in _STARTS})
            + "|"
            + _digit_trie(dict.fromkeys(map(ord, _ALWAYS), ";"))
            + ")"
        ).encode("ascii")
    )


_REF = re.compile(rb"&#(\d+);")


def _exact(refs: bytes, pos: int) -> bool:
    """Whether the `_SPARSE` match at ``pos`` is a possible target, encoding by encoding."""
    ref = _REF.match(refs, pos)
    if ref is None:  # cannot happen (a `_SPARSE` match starts with a reference): stay sound
        return True
    code, after = int(ref[1]), ref.end()
    if chr(code) in _ALWAYS:
        return True
    nxt = _REF.match(refs, after)
    if nxt is not None:
        follow = int(nxt[1])
        return follow in _PAIRS.get(code, _EMPTY) or (
            code in _CLUE_FIRST_CODES and follow in _CLUE_CONT_CODES
        )
    if refs.startswith(b"?", after):
        if code in _QMARK_ALONE:
            return True
        cont = _REF.match(refs, after + 1)
        return code in _QMARK_MORE and cont is not None and int(cont[1]) in _FOLLOWS
    if code in _SPACE_ALONE:
        return True
    if refs.startswith(b"  ", after):  # two continuations that became spaces
        return code in _CLUE_FIRST_CODES
    third = _REF.match(refs, after + 1)
    if third is None:
        return False
    return (code in _CLUE_FIRST_CODES and int(third[1]) in _CLUE_CONT_CODES) or (
        code in _SPACED3_CODES and int(third[1]) in _FOLLOWS
    )


_ASCII_CONTROLS = bytes(c for c in range(128) if chr(c) in CONTROLS)
_NOT_CONTROL = bytes(b for b in range(256) if b not in _ASCII_CONTROLS)
"""Deleting these bytes leaves only ASCII control characters."""

# Dense text: one class scan anchored on the rarer character of each kind of target.
_TAIL_CONTS = (_CONTS | CLUE_CONTINUATION) - {" "}


@functools.cache
def _dense_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The class scan for dense text, and the scan for a 3- or 4-byte clue lead followed by two
    spaces (continuations that became spaces); built on first use."""
    dense = re.compile(
        char_class(
            _TAIL_CONTS | {"?"} | _SPACED2 | _FIRST2 | _ALWAYS | set(_ASCII_CONTROLS.decode())
        )
        + "(?:"
        + "|".join(
            (
                *(f"(?<={char_class(r.lead)}{char_class(r.cont)})" for r in ROLES),
                f"(?<={char_class(_CLUE_FIRSTS)}{char_class(CLUE_CONTINUATION - {' '})})",
                f"(?<={char_class(_SPACED3)} {char_class(_TAIL_CONTS)})",
                f"(?<={char_class(_FIRST3 | _FIRST4)} {char_class(CLUE_CONTINUATION - {' '})})",
                f"(?<={char_class(_FIRST4)}  {char_class(CLUE_CONTINUATION - {' '})})",
                rf"(?<={char_class(_LOSSY2)}\?)",
                rf"(?<={char_class(_LOSSY34)}\?{char_class(_TAIL_CONTS)})",
                f"(?<={char_class(_SPACED2 | _FIRST2)})(?= )",
                f"(?<={char_class(_ALWAYS | set(_ASCII_CONTROLS.decode()))})",
            )
        )
        + ")"
    )
    spaces = re.compile(f"  (?<={char_class(_FIRST3 | _FIRST4)}  )")
    return dense, spaces


_HEAD = 256
_DENSE_RATIO = 3
"""Text whose first `_HEAD` characters grow more than this much as character references is
screened with the class scan (each reference is four to eight bytes)."""


_MAX_CHECKS = 16
"""Near misses checked one by one before the class scan takes over (a passage in another
script can hold hundreds)."""


def _dense(text: str) -> bool:
    """The screen for text that is mostly non-ASCII: one class scan, and one for double spaces."""
    dense, spaces = _dense_patterns()
    return dense.search(text) is not None or spaces.search(text) is not None


ENTITY = r"&#?[0-9A-Za-z]{1,24};"
"""An HTML entity, as the exact scan reads one (a lone ``&``, as in ``Q&A`` or ``AT&T``, is none):
the only target that starts with an ASCII character other than a control."""
_ENTITY = re.compile(ENTITY)

TRIGGER_PAIRS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset(CONTROLS) | _ALWAYS, frozenset()),
    (frozenset(_LEAD_CONTS) | {"â"}, frozenset(_CONTS) | {"€"}),
    (frozenset(_SPACED2 | _SPACED3), frozenset(" ")),
    (frozenset(_LOSSY2 | _LOSSY34), frozenset("?")),
    (frozenset(_CLUE_FIRSTS), frozenset(CLUE_CONTINUATION)),
)
"""``(first, second)`` character sets, one of whose pairs (or, where ``second`` is empty, a
``first`` character alone) starts every target of the exact scan (`mojibake.find_suspect`)
that is not an `ENTITY`: a control or lone surrogate, a lead and a continuation (or the space
or ``?`` one became), a UTF-8 clue. A text with none of them and no entity cannot change."""


@functools.cache
def _trigger() -> re.Pattern[str]:
    return re.compile(
        "|".join(
            [
                ENTITY,
                *(
                    char_class(first) + (char_class(second) if second else "")
                    for first, second in TRIGGER_PAIRS
                ),
            ]
        )
    )


def has_trigger(text: str) -> bool:
    """Whether ``text`` holds an `ENTITY` or one of `TRIGGER_PAIRS`: it does wherever the exact scan finds
    something (a property test checks this). The ``fast`` extra's prefilter looks for the same
    pairs in its one pass."""
    return _trigger().search(text) is not None


def may_change(text: str) -> bool:
    """False only if the mojibake fix cannot change ``text``: no line of it is suspect.

    >>> may_change("Le ministre a déclaré : « Nous sommes prêts. »")
    False
    >>> may_change("Le ministre a dÃ©clarÃ© : Â« Nous sommes prÃªts. Â»")
    True
    """
    if "&" in text and _ENTITY.search(text):  # the exact scan's only target that starts with &
        return True
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _NOT_CONTROL))
    head = text[:_HEAD]
    if len(head.encode("ascii", "xmlcharrefreplace")) > _DENSE_RATIO * len(head):
        return _dense(text)
    refs = text.encode("ascii", "xmlcharrefreplace")
    if refs.translate(None, _NOT_CONTROL):
        return True
    pos = 0
    for _ in range(_MAX_CHECKS):
        m = _sparse().search(refs, pos)
        if m is None:
            return False
        if _exact(refs, m.start()):
            return True
        pos = m.start() + 2
    return _dense(text)  # many near misses: the class scan is cheaper from here
    return False
