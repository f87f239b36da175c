"""Lost characters: is a run of ``?`` real punctuation, or characters a pipeline destroyed?

A run of ``?`` is judged with the whole document as evidence (research/ENCODING.md §2): what sits
around it (a display-name slot before ``(@handle)``, a contraction ``don?t``, other runs next to
it, an interrogative clause, French spacing) and what survived elsewhere (intact emoji make loss
unlikely; intact Cyrillic or CJK with runs in multiples of 4 point at a utf8mb3 MariaDB
connection that turned each byte of every emoji into one ``?``). Each rule adds to a score, and
its name is kept so the verdict can be explained. The document's damage model then says how many
code points each lost run stood for.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from dataclasses import dataclass

import regex

from embedfix.model import NO_DAMAGE, Damage, Mechanism

__all__ = ["QmarkRun", "analyze_runs", "ordinary_only"]

_RUN = regex.compile(r"\?(?:[\u200d\ufe0f]*+\?)*+")
_JOINERS = "\u200d\ufe0f\u20e3\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"
_URL = regex.compile(r"(?:https?://|www\.|pic\.twitter\.com/)[^\s\x1c-\x1f<>\"'“”‘’—–]*+", regex.I)
"""An address, ending at whitespace: ``regex``'s ``\\s`` and the separators ``\\x1c-\\x1f``,
which `str.isspace` accepts (three of them break lines) but ``regex`` does not."""
BREAKS = "\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"
"""Line breaks: every character `str.splitlines` breaks a line at (a test holds it to Python).
The one definition for the lost-run analysis: the rules below and the tidying of a dropped run
(`plan`) end a line at the same characters, so a line that a repair leaves behind reads as the
line it was."""
_BREAK_CLASS = "".join(f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in BREAKS)
"""`BREAKS` escaped for a character class."""
_HANDLE_AFTER = regex.compile(rf"[^{_BREAK_CLASS}()]{{0,60}}?\(@\w{{1,15}}\)")
_DASH_BEFORE = regex.compile(rf"(?r)(?:—|–|--|&mdash;)[^{_BREAK_CLASS}—]{{0,60}}\Z")
"""A signature dash on the run's line. (``\\Z``: ``$`` also matches before a final line feed, so a
run beginning its line took a dash on the line above, after a line feed and no other break; once
a run before it on the line was dropped, a second repair found the dash for the next run.)"""
_CLAUSE_START = regex.compile(rf"(?r)[.!?{_BREAK_CLASS}¡¿]")
_PARTS = regex.compile(r"[,;:—]")
_TAG = regex.compile(r"[@#]\w+")
_ALNUM = re.compile(r"[^\W_]")
"""A letter or digit: exactly what `str.isalnum` accepts (`re`'s ``\\w`` is that and ``_``)."""
_WORD = regex.compile(r"[\w'’-]+")
_CONTRACTION_TAIL = regex.compile(r"(?i)(?:s|t|re|ve|ll|d|m)(?![\p{L}])")
_FRENCH_WORD = regex.compile(
    r"(?i)(?<![\p{L}])(?:les|des|est|une|comment|pourquoi|vous|nous|ça|c'est|c’est|qu'il|qu’il)"
    r"(?![\p{L}])"
)
_FRENCH_SPACE_Q = regex.compile(r"[ \u00a0\u202f]\?(?!\?)")
# Character-class scans use the standard library's `re`, much faster than `regex` at this.
_ASTRAL = re.compile(r"[\U00010000-\U0001f3fa\U0001f400-\U0010ffff]")
_IGNORED = "\u200d\ufe0f\u20e3\ufffd\u00a0\u200b\ufeff"
_CP1252 = bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
_NON_CP1252_BMP = re.compile(
    "[^\\x00-\\x7f" + re.escape(_CP1252 + _IGNORED) + "\\U00010000-\\U0010ffff]"
)
_CP1252_NON_ASCII = re.compile("[" + re.escape(_CP1252.replace("\u00a0", "")) + "]")

_INTERROGATIVES = frozenset(
    """
    what why how who whom whose when where which is are am was were do does did can could will
    would should shall have has had isn't aren't don't doesn't didn't can't won't isn’t aren’t
    don’t doesn’t didn’t can’t won’t anyone anybody anything wtf really huh or right seriously
    pourquoi comment qui que quoi quel quelle quels quelles où est-ce combien quand
    warum wie was wer wo wann welche welcher welches ist sind hast habt kann kannst wieso weshalb
    qué que cómo como quién quiénes dónde cuándo cuál cuáles cuánto por
    quem onde quando qual quais porque você vocês
    ne neden nasıl kim nerede hangi
    """.split()  # noqa: SIM905  (a word list reads better as prose)
)
_OPENERS = "([{“‘«„‚"
_CLOSERS = ")]}”’»"
_DASHES = "—–"


@dataclass(frozen=True, slots=True)
class QmarkRun:
    """One run of ``?`` with its verdict and the evidence behind it."""

    start: int
    """Offset of the run, including any orphaned ZWJ or variation selector just before it."""
    end: int
    """Offset just past the run and any joiners right after it."""
    qmarks: int
    """How many ``?`` the run has."""
    score: int
    """The sum of the rule weights."""
    verdict: str
    """``"lost"`` (score >= 2), ``"genuine"`` (score <= -1) or ``"unsure"`` (left alone)."""
    rules: tuple[str, ...]
    """The rules that fired, as ``name(+w)``."""
    lost: int = 0
    """For lost runs: the inferred number of lost code points."""
    contraction: bool = False
    """True for a single ``?`` standing for a lost apostrophe or letter inside a word."""


@dataclass(slots=True)
class _Cand:
    qstart: int
    qend: int
    start: int
    end: int
    n: int
    score: int = 0
    rules: list[str] | None = None
    contraction: bool = False

    def add(self, name: str, weight: int) -> None:
        self.score += weight
        if self.rules is None:
            self.rules = []
        # Interned: a document can hold millions of runs, each naming the same few rules.
        self.rules.append(sys.intern(f"{name}({weight:+d})"))


def _masked(text: str) -> list[tuple[int, int]]:
    """Spans of URLs whose ``?`` are part of the address (a final ``?`` stays unmasked)."""
    spans: list[tuple[int, int]] = []
    if "://" not in text and "www." not in text and "pic." not in text:
        return spans
    for m in _URL.finditer(text):
        s, e = m.span()
        while e > s and text[e - 1] == "?":
            e -= 1
        spans.append((s, e))
    return spans


def _candidates(text: str) -> list[_Cand]:
    """Every maximal ``?`` run outside URLs and query strings, with its adjacent joiners."""
    masks = _masked(text)
    mi = 0
    out: list[_Cand] = []
    for m in _RUN.finditer(text):
        qs, qe = m.span()
        while mi < len(masks) and masks[mi][1] <= qs:
            mi += 1
        if mi < len(masks) and masks[mi][0] <= qs < masks[mi][1]:
            continue
        # word?key=value query strings
        if qe - qs == 1 and qs > 0 and (text[qs - 1].isalnum() or text[qs - 1] in "/._-"):
            k = qe
            while k < len(text) and k - qe < 40 and (text[k].isalnum() or text[k] in "_-"):
                k += 1
            if k > qe and k < len(text) and text[k] == "=":
                continue
        s, e = qs, qe
        while s > 0 and text[s - 1] in _JOINERS:
            s -= 1
        while e < len(text) and text[e] in _JOINERS:
            e += 1
        out.append(_Cand(qs, qe, s, e, m.group().count("?")))
    return out


def _interrogative(text: str, pos: int) -> bool:
    """Whether the clause ending at ``pos`` opens (or its last part opens) with a question word."""
    lo = max(0, pos - 300)
    m = _CLAUSE_START.search(text, lo, pos)
    if m is not None and m.group() == "¿":
        return True
    clause = text[m.end() if m is not None else lo : pos]
    if "¿" in clause:
        return True
    parts = _PARTS.split(clause)
    for part in (parts[0], parts[-1]):
        words = _WORD.findall(part.lower())[:2]
        if any(w in _INTERROGATIVES for w in words):
            return True
    return False


class _DocFeatures:
    """What the whole document says about its ``?`` runs, each read on first use (one scan of
    the text each; a document whose runs need none of them is not scanned for it)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._ascii = text.isascii()
        self.handles = "(@" in text
        """Whether ``(@`` occurs at all: without it no run can sit in a display-name slot."""

    @functools.cached_property
    def astral(self) -> bool:
        """Characters beyond the BMP (emoji) survived."""
        return not self._ascii and bool(_ASTRAL.search(self._text))

    @functools.cached_property
    def bmp(self) -> bool:
        """Text outside cp1252 (Cyrillic, CJK, symbols) survived."""
        return not self._ascii and bool(_NON_CP1252_BMP.search(self._text))

    @functools.cached_property
    def cp1252(self) -> bool:
        """Non-ASCII cp1252 text (accented Latin, curly quotes) survived."""
        return not self._ascii and bool(_CP1252_NON_ASCII.search(self._text))

    @functools.cached_property
    def french(self) -> bool:
        """French spacing before ``?`` in a French text."""
        return (
            not self._ascii
            and bool(_FRENCH_SPACE_Q.search(self._text))
            and bool(_FRENCH_WORD.search(self._text))
        )


def _features(text: str) -> _DocFeatures:
    return _DocFeatures(text)


def _score(text: str, cands: list[_Cand], i: int, doc: _DocFeatures) -> None:
    """Apply the first-pass rules to candidate ``i``."""
    c = cands[i]
    n = c.n
    start, end = c.start, c.end
    prev = text[start - 1] if start > 0 else ""
    nxt = text[end] if end < len(text) else ""
    if start < c.qstart or end > c.qend or "\u200d" in text[c.qstart : c.qend]:
        c.add("joiner", 5)
    if n == 1 and prev.isalpha() and nxt.isalpha():
        if _CONTRACTION_TAIL.match(text, end):
            c.add("contraction", 4)
            c.contraction = True
        else:
            c.add("intraword", 2)
    elif n == 1 and prev.isdigit() and nxt.isdigit():
        c.add("intraword-digit", 2)
    if n <= 2 and prev == ",":
        c.add("after-comma", 4)  # ",?" is never punctuation: a lost closing quote
    before = None
    if doc.handles:
        before = text[max(0, start - 70) : start]
        if _DASH_BEFORE.search(before) and _HANDLE_AFTER.match(text, end):
            c.add("display-name", 4)
    close = 0
    for j in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= j < len(cands):
            o = cands[j]
            # The gap between the two runs (empty where their joiners overlap): at most three
            # characters, none a letter or digit.
            a, b = (o.end, start) if j < i else (end, o.start)
            if b - a <= 3 and (b <= a or _ALNUM.search(text, a, b) is None):
                close += 1
    if close >= 2 or (close == 1 and n >= 2):
        c.add("cluster", 3)
    # After whitespace: any character `str.isspace` accepts (NEL, LINE SEPARATOR, form feed,
    # ideographic space...), the same test as the word-final rule below and as the trimming
    # of a dropped run's edges (`plan._tidy_drop`). With a narrower set, a run after NEL was
    # left alone, and once the run before it was dropped with the NEL it began the text and
    # was judged lost on a second repair.
    standalone = (
        prev == ""
        or prev.isspace()
        or prev in _OPENERS
        or prev in _DASHES
        or (prev in "\"'`" and (start < 2 or text[start - 2].isspace()))
    )
    if standalone:
        c.add("standalone", 2)
        if before is None:
            before = text[max(0, start - 70) : start]
        words = before.rsplit(None, 1)
        if words and _TAG.fullmatch(words[-1]):
            c.add("after-mention", 1)
        if n <= 3 and _interrogative(text, start):
            c.add("interrogative", -2)
        if n <= 3 and doc.french:
            c.add("french-spacing", -2)
    elif prev and prev != "," and not prev.isspace() and not nxt.isalnum():
        # attached to the end of a word
        if n <= 3:
            c.add("word-final", -3)
        elif n % 4:
            c.add("word-final", -2)
        else:
            c.add("word-final", -1)
    if nxt.isalpha() and not prev.isalpha():
        c.add("prefix", 1)
    if prev == "!" or nxt == "!":
        c.add("exclamation", -2)
    if doc.astral:
        c.add("astral-survived", -2)
    if n >= 8:
        c.add("long", 1)
    # Placeholders: "= ??", a quoted "??".
    if n <= 3:
        stripped = text[max(0, start - 3) : start].rstrip()
        quoted = prev in "\"“'‘«" and nxt in "\"”'’»"
        if stripped.endswith(("=", ":")) or quoted:
            c.add("placeholder", -3)


_ORDINARY_AFTER = frozenset(" \t\u00a0\u202f\"')]}.,;:!…»”’-" + BREAKS)
"""What may follow an ordinary question mark: a space, a line break, closing punctuation."""


def ordinary_only(text: str) -> bool:
    """Whether every ``?`` of ``text`` is an ordinary question mark, which `analyze_runs` always
    judges genuine, so that it need not run.

    Ordinary: a single ``?`` right after a letter or digit and before a space, closing punctuation
    or the end, in a document without ``(@``. Such a run is "attached to the end of a word", which
    weighs -3, and no rule can add to it: the rules that add need a letter, digit, ``,``, space,
    opener, dash, joiner or another ``?`` right next to the run, a neighbouring run with no letter
    or digit between (the letter before this one is between), eight ``?`` or more, a multiple of
    four, or a ``(@handle)`` after it (a property test holds this against `analyze_runs`).
    Proportional to the number of ``?``: one ``str.find`` per question mark.
    """
    if "(@" in text:
        return False
    n = len(text)
    pos = text.find("?")
    while pos >= 0:
        if pos == 0 or not text[pos - 1].isalnum():
            return False
        if pos + 1 < n and text[pos + 1] not in _ORDINARY_AFTER:
            return False
        pos = text.find("?", pos + 1)
    return True


def _verdict(score: int) -> str:
    if score >= 2:
        return "lost"
    if score <= -1:
        return "genuine"
    return "unsure"


def analyze_runs(text: str) -> tuple[tuple[QmarkRun, ...], Damage]:
    """Judge every ``?`` run of ``text`` and infer the document's damage model.

    The returned `Damage` has ``mojibake=False``; the caller knows whether mojibake was fixed.
    """
    if "?" not in text:
        return (), NO_DAMAGE
    cands = _candidates(text)
    if not cands:
        return (), NO_DAMAGE
    doc = _features(text)
    for i in range(len(cands)):
        _score(text, cands, i, doc)
    # Second pass: a document whose sure losses are all 4k long lends that reading to the rest.
    sure = [c for c in cands if c.score >= 3 and not c.contraction]
    if (
        sure
        and all(c.n % 4 == 0 for c in sure)
        and not doc.astral
        and (doc.bmp or doc.cp1252 or len(sure) >= 2)
    ):
        for c in cands:
            if c.score < 3 and c.n % 4 == 0 and not c.contraction:
                c.add("document-4k", 2)
    lost = [c for c in cands if c.score >= 2]
    mechanism, per_char, evidence = _mechanism(lost, doc)
    runs: list[QmarkRun] = []
    for c in cands:
        verdict = _verdict(c.score)
        count = 0
        if verdict == "lost":
            count = _lost_count(c, mechanism, per_char)
        runs.append(
            QmarkRun(
                c.start if verdict == "lost" else c.qstart,
                c.end if verdict == "lost" else c.qend,
                c.n,
                c.score,
                verdict,
                tuple(c.rules or ()),
                count,
                c.contraction,
            )
        )
    if not lost:
        return tuple(runs), NO_DAMAGE
    return tuple(runs), Damage(mechanism, per_char, len(lost), False, evidence)


def _lost_count(c: _Cand, mechanism: str, per_char: int | None) -> int:
    if c.contraction or c.n == 1:
        return 1
    if per_char is None:
        return 1
    return max(1, math.ceil(c.n / per_char))


def _mechanism(lost: list[_Cand], doc: _DocFeatures) -> tuple[Mechanism, int | None, str]:
    """The damage model, from the lost runs and what survived (ENCODING.md §2.2 table)."""
    runs = [c for c in lost if not c.contraction]
    if not lost:
        return "none", None, NO_DAMAGE.evidence
    if not runs:
        return (
            "code-points",
            1,
            "only single '?' inside words: lost apostrophes or letters, one per character",
        )
    if doc.astral:
        return (
            "unknown",
            None,
            "emoji survived elsewhere in the document, so the size of the lost runs cannot be read",
        )
    if all(c.n % 4 == 0 for c in runs):
        what = (
            "non-ASCII text survived"
            if doc.bmp or doc.cp1252
            else "no non-ASCII text to compare with"
        )
        return (
            "utf8mb3-bytes",
            4,
            f"every lost run is a multiple of 4 '?' and no emoji survived ({what}): one '?' per "
            "UTF-8 byte of each 4-byte character, as a utf8mb3 MariaDB connection writes them",
        )
    if doc.bmp:
        return (
            "code-points",
            1,
            "text outside cp1252 (Cyrillic, CJK, symbols) survived and the run lengths are not "
            "multiples of 4: one '?' per lost emoji code point",
        )
    odd = [c for c in runs if c.n % 2]
    if odd:
        return (
            "code-points",
            1,
            "only cp1252 text survived and some lost run has an odd length: one '?' per lost "
            "code point (Python, Java, PHP or iconv into a legacy code page)",
        )
    if len(runs) >= 2:
        return (
            "utf16-units",
            2,
            "only cp1252 text survived and every lost run has an even length: two '?' per "
            "emoji, one per UTF-16 unit (.NET, JavaScript without the u flag)",
        )
    return (
        "unknown",
        None,
        "one lost run of even length and no other evidence: one or two '?' per lost character",
    )
