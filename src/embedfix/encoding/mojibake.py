"""Mojibake, HTML entities and byte residue: ftfy, configured for embeds, run only where needed.

ftfy repairs text line by line (its `fix_text` splits at newlines), so running it on the lines
that can possibly change gives exactly what running it on everything gives. `SUSPECT` is a cheap
regex that finds those lines: every change ftfy can make starts from a UTF-8 lead byte misread in
one of ftfy's single-byte encodings followed by a continuation byte (or by the space or ``?`` that
replaced one), an entity, a C1 or other control character, or a surrogate. The character classes
are built from ftfy's own list of encodings, not typed by hand.

Around ftfy sit three small rules of ours:

* ``â€`` followed by a space or the end of a line is ``”`` whose last byte (0x9D, which cp1252
  does not define) was dropped; ftfy alone reads the space as a lost NBSP byte and gives ``†``.
* ``Â`` before a space is the residue of a non-breaking space whose second byte was normalised to
  a space; it is removed, leaving the plain space.
* C1 controls still present after ftfy (``\\x81``, ``\\x8d``...) are stray bytes and are removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

import ftfy
import ftfy.chardata
import regex
from ftfy.badness import is_bad

from embedfix.encoding.charsets import CONTROLS, ROLES
from embedfix.encoding.charsets import char_class as _cls
from embedfix.encoding.edits import Edit
from embedfix.encoding.screen import may_change
from embedfix.model import RepairKind

__all__ = [
    "FTFY_CONFIG",
    "SUSPECT",
    "char_edits",
    "edits_near",
    "find_suspect",
    "fix_line",
    "fix_text_full",
    "mojibake_edits",
]

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=True,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization=None,
    explain=False,
)
"""ftfy for embeds: entities decoded even next to ``<``; quotes, dashes, ligatures, widths, line
breaks and normalisation left exactly as written (handles and display names keep their look)."""


def _suspect_pattern() -> tuple[str, str]:
    """The alternation behind `SUSPECT` and a cheaper pattern that matches wherever it could
    start (a superset), both derived from ftfy's encodings and character tables.

    The cheap pattern asks for two characters where `SUSPECT` does: a possible lead followed by
    a possible continuation. Testing the first character alone would stop at every Cyrillic or
    accented letter of clean text, since each is a lead byte in some single-byte encoding.
    """
    parts: list[str] = []
    # The first characters and what must follow them, per kind of match, for the cheap pattern.
    leads: set[str] = {"â"}
    conts: set[str] = {"€"}
    spaced2_all: set[str] = set()
    spaced3_all: set[str] = set()
    lossy2_all: set[str] = set()
    lossy34_all: set[str] = set()
    for roles in ROLES:
        cont = roles.cont | {"\x1a"}
        # A lead byte followed by a continuation byte: what ftfy re-decodes.
        parts.append(_cls(roles.lead) + _cls(cont))
        leads |= roles.lead
        conts |= cont
        # A lead byte followed by the space (restore_byte_a0, never tried in macroman) or the
        # "?" (replace_lossy_sequences) that stands for a lost continuation byte.
        if roles.spaced2:
            parts.append(_cls(roles.spaced2) + " |" + _cls(roles.spaced3) + " " + _cls(cont))
            spaced2_all |= roles.spaced2
            spaced3_all |= roles.spaced3
        parts.append(_cls(roles.lossy2) + r"\?|" + _cls(roles.lossy34) + r"\?" + _cls(cont))
        lossy2_all |= roles.lossy2
        lossy34_all |= roles.lossy34
    # What decode_inconsistent_utf8 looks for (ftfy's UTF8_DETECTOR_RE, without its lookbehind).
    clues = ftfy.chardata.UTF8_CLUES
    clue_cont = "[" + clues["utf8_continuation"] + "]"
    cont_cls = _cls(conts)
    cheap = [
        f"(?<={_cls(leads)}){cont_cls}",
        f"(?<={_cls(spaced2_all)}) ",
        f"(?<={_cls(spaced3_all)}) {cont_cls}",
        rf"(?<={_cls(lossy2_all)})\?",
        rf"(?<={_cls(lossy34_all)})\?{cont_cls}",
    ]
    firsts = leads | spaced2_all | spaced3_all | lossy2_all | lossy34_all | {"&"}
    for size, key in ((1, "utf8_first_of_2"), (2, "utf8_first_of_3"), (3, "utf8_first_of_4")):
        parts.append("[" + clues[key] + "]" + clue_cont * size)
        cheap.append("(?<=[" + clues[key] + "])" + clue_cont * min(size, 2))
        firsts |= {c for c in clues[key] if c != "-"}  # a superset is safe: "-" only widens
    controls = set(CONTROLS)
    singles = _cls(controls) + "|[\x80-\x9f\ud800-\udfff]"
    parts.append(singles)
    parts.append(r"&#?[0-9A-Za-z]{1,24};")
    cheap.append(r"(?<=&)[#0-9A-Za-z]")
    parts.append("â€")
    # One leading character class lets `re` skip ahead with its fast class scan; the look-behinds
    # then say which kind of match this first character could begin.
    first_cls = _cls(firsts | controls)[:-1] + "\x80-\x9f\ud800-\udfff]"
    cheap.append(f"(?<={_cls(controls)[:-1]}\x80-\x9f\ud800-\udfff])")
    return "|".join(parts), f"{first_cls}(?:{'|'.join(cheap)})"


_PATTERN, _CHEAP = _suspect_pattern()
SUSPECT = re.compile(_PATTERN)
"""Matches where the mojibake fix could change something; if it matches nowhere, nothing will."""
# The standard library's `re` scans a large character class about 30 times faster than `regex`.
_SUSPECT_START = re.compile(_CHEAP)
# In pure-ASCII text only an entity or a control character can start a match.
_ASCII_START = re.compile(
    r"&[#0-9A-Za-z]|[" + "".join(c for c in map(chr, range(128)) if SUSPECT.match(c)) + "]"
)


def find_suspect(text: str, pos: int = 0) -> tuple[int, int] | None:
    """The span of the first `SUSPECT` match at or after ``pos``, or None.

    Scans with the cheap two-character pattern, which is fast, and checks the whole alternation
    only where it matches.
    """
    start = _ASCII_START if text.isascii() else _SUSPECT_START
    while True:
        m = start.search(text, pos)
        if m is None:
            return None
        full = SUSPECT.match(text, m.start())
        if full is not None:
            return full.span()
        pos = m.start() + 1


_DROPPED_9D = regex.compile(r"â€(?=[ \t\r\n]|$)")
_NBSP_RESIDUE = regex.compile(r"(?<![\p{Lu}])Â(?= )")
_C1 = regex.compile(r"[\x80-\x9f]")
_OBJECT = "\ufffc"
_AMP_RUN = regex.compile(r"&(?:amp;|AMP;)+")
"""An ampersand escaped again and again (``&amp;amp;amp;lt;``). ftfy decodes one level per pass
and passes until nothing changes, so ``k`` levels cost ``k`` passes over the line (128 kB of
them: 43 s); every level decodes to the same ``&``, so the run is decoded at once."""


_ROUNDS = 3
"""How many times a line may go round. A round can leave something for the next: removing a
stray C1 byte joins the two halves of a mojibake sequence (``À¢\x8dÀ¢``); decoding ``&#10;``
cuts a line in two, and ftfy, which judges each line as a whole, reads the new last line
differently (``â€”&#10;\x83Ä``: ``ƒÄ`` is decoded only once it stands on its own line)."""


def fix_line(line: str) -> str:
    """The full repair of one line (a segment as ftfy cuts them): our rules around ftfy, and
    stray C1 controls removed; again while a round changed the line and the screen says the
    result could still change, so the result is a fixed point (`repair` is idempotent).

    U+FFFC (the object replacement character) is kept, and the text on each side of it repaired
    on its own: it stands for an object (an image, an embed: `repair` puts it there itself when
    it is the placeholder), not for damage, though ftfy removes it as a control character."""
    if _OBJECT in line:
        return _OBJECT.join(fix_line(part) for part in line.split(_OBJECT))
    if _untouched(line):
        return line
    for _ in range(_ROUNDS):
        before = line
        line = _DROPPED_9D.sub("â€\x9d", line)
        line = _NBSP_RESIDUE.sub("", line)
        line = _AMP_RUN.sub("&", line)
        line = _C1.sub("", ftfy.fix_text(line, FTFY_CONFIG))
        if line == before or not may_change(line):
            break
    return line


_TOUCHED = re.compile(
    _cls(set(map(chr, ftfy.chardata.CONTROL_CHARS)) | {"&", "\x1b", "Â"})
    + "|[\x80-\x9f\ud800-\udfff]|â€"
)
"""What one of ftfy's fixes other than the encoding fix (entities, C1 and other controls,
surrogates, terminal escapes) or one of our rules (``Â``, ``â€``, ``&amp;`` runs) acts on."""


def _untouched(line: str) -> bool:
    """Whether `fix_line` is sure to leave ``line`` as it is, known without running ftfy: none of
    the other fixes has anything to act on, and ftfy's own badness test (`ftfy.badness.is_bad`,
    which its encoding fix asks first, and does nothing when it says no) finds no mojibake.

    The suspect scan is a sound screen, so it passes ordinary text that only looks like a target
    (Greek ``ά `` is a cp1253 lead before a space, ``ι’`` a lead and a continuation; German ``ß ``
    the same in Latin-1); ftfy then took a whole fix to change nothing. A property test checks
    that this never says "untouched" where ftfy would change the line."""
    return _FIXES_KNOWN and _TOUCHED.search(line) is None and not is_bad(line)


_FIXES_KNOWN = ftfy.TextFixerConfig._fields == (
    "unescape_html",
    "remove_terminal_escapes",
    "fix_encoding",
    "restore_byte_a0",
    "replace_lossy_sequences",
    "decode_inconsistent_utf8",
    "fix_c1_controls",
    "fix_latin_ligatures",
    "fix_character_width",
    "uncurl_quotes",
    "fix_line_breaks",
    "fix_surrogates",
    "remove_control_chars",
    "normalization",
    "max_decode_length",
    "explain",
)
"""Whether ftfy has the fixes `_untouched` knows (those of ftfy 6): a version with another fix,
which might act on other characters, always runs."""


def _segments(text: str) -> list[tuple[int, int]]:
    """ftfy's segments: lines (with their newline), cut every ``max_decode_length`` characters."""
    out: list[tuple[int, int]] = []
    limit = FTFY_CONFIG.max_decode_length
    pos = 0
    while pos < len(text):
        brk = text.find("\n", pos) + 1 or len(text)
        brk = min(brk, pos + limit)
        out.append((pos, brk))
        pos = brk
    return out


def fix_text_full(text: str) -> str:
    """`fix_line` on every segment of ``text``: the reference that the targeted fix must equal."""
    return "".join(fix_line(text[s:e]) for s, e in _segments(text))


def _kind(original: str) -> tuple[RepairKind, str]:
    """What sort of damage ``original`` was, and a reason for the `Repair`."""
    if original == "&;" or _ENTITY.search(original):
        return "entity", "HTML entity decoded"
    if all("\x80" <= c <= "\x9f" or c in CONTROLS for c in original):
        return "control", "stray control character removed"
    if original.strip(" ") == "Â":
        return "nbsp", "'Â' residue of a non-breaking space removed"
    return "mojibake", "UTF-8 read in a single-byte encoding, decoded again"


_ENTITY = regex.compile(r"&#?[0-9A-Za-z]{1,24};")
_FINE_LIMIT = 2_500
"""Up to this product of lengths difflib aligns two sequences; beyond it `_walk` does. difflib's
time grows with the cube of the length on repetitive text (a line of ``"Ã©a " * 250`` took
1.5 s, twice as long 8 times that), so it only ever sees short stretches."""
_WINDOW = 16
"""How far ahead in the repaired text `_walk` looks for the two sequences to agree again."""
_WORD_WINDOW = 8
"""The same for words, on both sides: damage changes words but rarely their number."""
_WINDOW_DAMAGED = 64
"""How far ahead in the damaged text: mojibake takes 2 to 4 characters for each it stands for,
and each layer multiplies that (``д`` read as cp1252 twice is ``Ã\x90Â´``), so an unchanged
character (a space, a dash) is found again far further on that side."""
_TOKEN = regex.compile(r"\S+\s*|\s+")

Opcode = tuple[str, int, int, int, int]


def _opcodes(a: Sequence[str], b: Sequence[str], *, words: bool = False) -> Sequence[Opcode]:
    """Opcodes turning ``a`` into ``b``: when short, difflib's for words and `_common`'s for
    characters; `_walk`'s otherwise."""
    if len(a) * len(b) <= _FINE_LIMIT:
        if words:
            return list(SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
        return _common(a, b)
    return _walk(a, b, words=words)


def _common(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """Opcodes that keep as many characters as can be kept (a longest common subsequence).

    difflib keeps the longest block first, and a damaged word has few characters in common
    with its repair: it can pair a ``?`` the repair kept with one it wrote (``'â€™?Ã©’?\x81'``
    repaired to ``'’?é’?'``: difflib keeps ``’?`` and deletes the first ``?``), so an edit
    stands for text it did not change and a ``?`` run is placed inside a replacement. Repairs
    are local and keep the order of the text, so keeping the most characters anchors each
    repaired sequence where it stands. A ``?`` the repair kept is paired with a ``?`` before
    anything else is (the lost-character analysis reads the runs of the repaired text, and
    each must be anchored to ``?`` of the source). Quadratic, on stretches of at most
    `_FINE_LIMIT` pairs; among equally good alignments, characters are paired as early as they
    can be."""
    n, m = len(a), len(b)
    if not n or not m:  # nothing to pair (and no table: one side may be a whole long line)
        return [("replace", 0, n, 0, m)] if n or m else []
    heavy = n + m + 1  # a kept '?' outweighs any number of other characters
    # best[i][j]: the heaviest common subsequence of a[i:] and b[j:].
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        ai = a[i]
        w = heavy if ai == "?" else 1
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + w if ai == b[j] else max(below[j], row[j + 1])

    def kept(i: int, j: int) -> bool:
        return a[i] == b[j] and best[i][j] == best[i + 1][j + 1] + (heavy if a[i] == "?" else 1)

    out: list[Opcode] = []
    i = j = i0 = j0 = 0
    while i < n and j < m:
        if kept(i, j):
            if (i0, j0) != (i, j):
                out.append(("replace", i0, i, j0, j))
            i1, j1 = i, j
            while i < n and j < m and kept(i, j):
                i, j = i + 1, j + 1
            out.append(("equal", i1, i, j1, j))
            i0, j0 = i, j
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    if (i0, j0) != (n, m):
        out.append(("replace", i0, n, j0, m))
    return out


def _resync(
    a: Sequence[str], b: Sequence[str], i: int, j: int, reach: tuple[int, int]
) -> tuple[int, int] | None:
    """The nearest ``(di, dj)`` (smallest sum, under ``reach`` on each side) where
    ``a[i + di] == b[j + dj]``, or None."""
    ahead: dict[str, int] = {}
    for dj, item in enumerate(b[j : j + reach[1]]):
        ahead.setdefault(item, dj)
    best: tuple[int, int] | None = None
    for di, item in enumerate(a[i : i + reach[0]]):
        if best is not None and di >= best[0] + best[1]:
            break
        found = ahead.get(item)
        if found is not None and (best is None or di + found < best[0] + best[1]):
            best = (di, found)
    return best


def _walk(a: Sequence[str], b: Sequence[str], *, words: bool = False) -> list[Opcode]:
    """Opcodes turning ``a`` into ``b`` from one walk left to right, in time linear in the
    lengths: equal items are kept; at a difference the nearest point where the two agree again
    (`_resync`) ends the changed stretch, and where none is near the stretch grows by half of
    each window. Repairs are local and keep the text's order, so the walk finds what
    a full alignment would on damaged text; on anything else it still gives a correct (coarser)
    set of changes."""
    out: list[Opcode] = []
    n, m = len(a), len(b)
    reach = (_WORD_WINDOW, _WORD_WINDOW) if words else (_WINDOW_DAMAGED, _WINDOW)
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j]:
            i0, j0 = i, j
            while i < n and j < m and a[i] == b[j]:
                i, j = i + 1, j + 1
            out.append(("equal", i0, i, j0, j))
            continue
        # Where they do not agree again within the windows, nothing in them can: step over
        # half of each (a run of damage costs a few lookups per character, not a window each).
        # (Words step one by one: a line whose every word changed pairs them one to one.)
        step = (
            (1, 1)
            if words
            else (
                max(1, min(_WINDOW_DAMAGED // 2, n - i)),
                max(1, min(_WINDOW // 2, m - j)),
            )
        )
        di, dj = _resync(a, b, i, j, reach) or step
        if out and out[-1][0] == "replace":  # one stretch of changes, as difflib gives
            out[-1] = ("replace", out[-1][1], i + di, out[-1][3], j + dj)
        else:
            out.append(("replace", i, i + di, j, j + dj))
        i, j = i + di, j + dj
    if i < n or j < m:
        out.append(("replace", i, n, j, m))
    return out


def char_edits(a: str, b: str, offset: int) -> list[Edit]:
    """Character-level edits turning ``a`` into ``b``, at ``offset``.

    An entity is recognised in the whole of ``a`` (``&amp;`` aligns as ``amp;`` removed)."""
    entity = bool(_ENTITY.search(a))
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a, b = a[head : len(a) - tail], b[head : len(b) - tail]
    edits: list[Edit] = []
    for op, i1, i2, j1, j2 in _opcodes(a, b):
        if op != "equal":
            kind, reason = _kind("&;" if entity else a[i1:i2])
            edits.append(Edit(offset + head + i1, offset + head + i2, b[j1:j2], kind, reason))
    return edits


def _line_edits(line: str, fixed: str, offset: int) -> list[Edit]:
    """The local edits that turn ``line`` into ``fixed``, at source offsets.

    Words are aligned first (cheap: most are unchanged and unique), then characters inside the
    words that differ, so each edit covers one damaged sequence rather than a whole line. Where
    the word alignment is `_walk`'s, each changed word is aligned on its own (a line whose every
    word was damaged gives one edit per word, not one for the line).
    """
    ta = _TOKEN.findall(line)
    tb = _TOKEN.findall(fixed)
    starts = [0]
    for t in ta:
        starts.append(starts[-1] + len(t))
    edits: list[Edit] = []
    fine = len(ta) * len(tb) <= _FINE_LIMIT
    for op, i1, i2, j1, j2 in _opcodes(ta, tb, words=True):
        if op == "equal":
            continue
        if fine or i2 - i1 != j2 - j1:
            edits.extend(char_edits("".join(ta[i1:i2]), "".join(tb[j1:j2]), offset + starts[i1]))
        else:
            for k in range(i2 - i1):
                edits.extend(char_edits(ta[i1 + k], tb[j1 + k], offset + starts[i1 + k]))
    return edits


def mojibake_edits(text: str) -> list[Edit]:
    """Every change `fix_text_full` makes to ``text``, as edits; only suspect lines are fixed."""
    edits: list[Edit] = []
    if not may_change(text):  # most documents: nothing to scan for
        return edits
    limit = FTFY_CONFIG.max_decode_length
    pos = 0
    while True:
        found = find_suspect(text, pos)
        if found is None:
            return edits
        hit, hit_end = found
        start = text.rfind("\n", 0, hit) + 1
        # Re-cut very long lines exactly where ftfy would.
        while hit - start >= limit:
            start += limit
        end = min(text.find("\n", hit) + 1 or len(text), start + limit)
        if hit_end > end:  # the match straddles a segment border: fix both segments
            end = min(text.find("\n", end) + 1 or len(text), end + limit)
            line = text[start:end]
            fixed = "".join(fix_line(text[s:e]) for s, e in _segments_from(text, start, end))
        else:
            line = text[start:end]
            fixed = fix_line(line)
        if fixed != line:
            edits.extend(_line_edits(line, fixed, start))
        pos = end


def edits_near(text: str, positions: list[int]) -> list[Edit]:
    """Every change `fix_text_full` makes to the ftfy segments of ``text`` holding ``positions``
    (sorted), as edits.

    The plan runs this on the lines where it marked lost characters: ftfy reads U+FFFD as a lost
    byte (``"\ufffdÄ©"`` becomes ``"\ufffdĩ"``) where it left the ``?`` alone, so the marked line
    must go through ftfy once more for the repaired text to be a fixed point of the repair.
    """
    edits: list[Edit] = []
    limit = FTFY_CONFIG.max_decode_length
    done = 0
    for pos in positions:
        if pos < done:
            continue
        start = text.rfind("\n", 0, pos) + 1
        while pos - start >= limit:
            start += limit
        end = min(text.find("\n", pos) + 1 or len(text), start + limit)
        done = end
        found = find_suspect(text, start)
        if found is None:
            break
        if found[0] >= end:
            continue
        line = text[start:end]
        fixed = fix_line(line)
        if fixed != line:
            edits.extend(_line_edits(line, fixed, start))
    return edits


def _segments_from(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ftfy's segments of ``text[start:end]``, where ``start`` begins a segment."""
    return [(start + s, start + e) for s, e in _segments(text[start:end])]
