"""Find links in tweet text exactly as twitter-text's ``extractUrlsWithIndices`` does.

twitter-text finds links with one large backtracking regular expression. Its domain part
(``subdomain* domain-name . tld``) backtracks over every dot, which is quadratic on hostile input
such as ``a.a.a.a...``. We reproduce the same leftmost, greedy result with a scanner instead:
the text is cut once into labels (runs of characters allowed in a domain), each label is tagged
once (may it be a subdomain? a domain name followed by a known top-level domain?), and for each
possible start the longest domain is read from two prefix tables in constant time. Paths and
queries are read by a single forward pass each. The whole search is linear in the text length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import regex

from embedfix.entities._chars import DIRECTIONAL, INVALID, PUNCT, SPACES
from embedfix.entities._tlds import TLDS

__all__ = ["find_urls"]

_TLD_SET = frozenset(TLDS)
_TLD_MAX = max(map(len, TLDS))

# Longest link twitter-text accepts, and longest t.co slug.
_MAX_URL_LENGTH = 4096
_MAX_TCO_SLUG_LENGTH = 40
_MAX_LABEL_LENGTH = 63


def _expand(ranges: str) -> frozenset[str]:
    """Expand a compact ``a-z``-style class description (no escapes needed) into a set."""
    chars: set[str] = set()
    i = 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            chars.update(chr(c) for c in range(ord(ranges[i]), ord(ranges[i + 2]) + 1))
            i += 3
        else:
            chars.add(ranges[i])
            i += 1
    return frozenset(chars)


_LATIN = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_ALNUM = "a-zA-Z0-9"
# Characters that may appear in a path, and those a path may end with (so ``/foo.`` keeps its dot
# out of the link).
_PATH_CHARS = _expand(_ALNUM + "\u0400-\u04ff" + "!*';:=+,.$/%#[]\u2013_~@|&" + _LATIN) | {"-"}
_PATH_END_CHARS = _expand(_ALNUM + "\u0400-\u04ff" + "+=_#/" + _LATIN) | {"-"}
_QUERY_CHARS = _expand(_ALNUM + "!?*'@();:&=+$/%#[]_.,~|") | {"-"}
_QUERY_END_CHARS = _expand(_ALNUM + "_&=#/") | {"-"}
# Characters that may not follow a top-level domain.
_TLD_BLOCKERS = _expand(_ALNUM + "@+") | {"-"}
# Characters allowed in the domains of links written without a protocol.
_ASCII_LABEL = "[-a-zA-Z0-9" + _LATIN + "]+"
_ASCII_DOMAIN = re.compile(_ASCII_LABEL + "(?:\\." + _ASCII_LABEL + ")+")
# Here a single label counts too: its TLD may be in another script (``twitter.みんな``).
_ASCII_LABELS = re.compile(_ASCII_LABEL + "(?:\\." + _ASCII_LABEL + ")*")
# A label: characters allowed in a domain, plus ``-`` and ``_`` (which may not start or end one).
_LABEL = "[^" + PUNCT.replace("\\-", "").replace("_", "") + SPACES + INVALID + DIRECTIONAL + "]+"
# Labels joined by dots: only there can a domain be.
_LABEL_CHAIN = re.compile(_LABEL + "(?:\\." + _LABEL + ")+")
# A dot between two label characters: every chain holds one, and most text has few.
# It starts with the dot itself, so that `re` looks for that literal (a look-behind first would be
# tried at every character).
_INNER_DOT = re.compile("\\.(?<=" + _LABEL[:-1] + "\\.)(?=" + _LABEL[:-1] + ")")
# The label that ends at a position, read backwards.
_LABEL_BEFORE = regex.compile(_LABEL, regex.REVERSE)
# A link may not start right after these.
_NOT_BEFORE_LINK = _expand(_ALNUM + "@\uff20$#\uff03" + INVALID)
# Inside a label, a link may start after any of these (a CJK or accented letter, "_", "-", ...).
_NOT_WORDLIKE = re.compile("[^A-Za-z0-9\uff20\uff03]")
_PROTOCOL = re.compile(r"https?://", re.IGNORECASE)
_BLOCKER_RUN = re.compile(r"[-0-9a-zA-Z@+]*")
_PUNYCODE_TAIL = re.compile(r"[-0-9a-zA-Z]+")
_PORT = re.compile(r":[0-9]+")
_TCO = re.compile(
    r"https?://t\.co/([a-z0-9]+)(?:\?[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[a-z0-9\-_&=#/])?",
    re.IGNORECASE,
)


def _label_chains(text: str) -> Iterator[re.Match[str]]:
    """The matches of `_LABEL_CHAIN` in ``text``, found from the dots between labels.

    Searching the chain pattern itself tries a match at every character of every word (and
    rescans the rest of the word each time); the dots inside chains are rare, so the search goes
    from each one back to the start of its first label and matches the chain from there.
    """
    pos = 0
    for dot in _INNER_DOT.finditer(text):
        if dot.start() < pos:
            continue  # inside the chain just read
        label = _LABEL_BEFORE.match(text, pos, dot.start())
        chain = _LABEL_CHAIN.match(text, label.start() if label else dot.start())
        if chain is None:  # cannot happen: a label precedes the dot and another follows it
            continue
        yield chain
        pos = chain.end()


def _tld_length(text: str, pos: int) -> int:
    """Length of the top-level domain starting at ``pos`` (0 if none), as twitter-text matches it.

    A known TLD must not be followed by an ASCII letter, digit, ``@``, ``+`` or ``-``; the longest
    such TLD wins. Failing that, any punycode label (``xn--`` and more) is accepted.
    """
    n = len(text)
    if pos >= n:
        return 0
    # TLDs with non-ASCII letters (한국, vermögensberater): any next non-ASCII character is a
    # possible boundary, so try each such TLD that starts with this letter, longest first.
    for tld in _NON_ASCII_TLDS.get(text[pos].lower(), ()):
        end = pos + len(tld)
        if text[pos:end].lower() == tld and (end >= n or text[end] not in _TLD_BLOCKERS):
            return len(tld)
    # An ASCII TLD can only end where the run of ASCII letters and digits ends.
    run = _BLOCKER_RUN.match(text, pos)
    run_end = run.end() if run else pos
    if run_end == pos:
        return 0
    if run_end - pos <= _TLD_MAX and text[pos:run_end].lower() in _TLD_SET:
        return run_end - pos
    if text[pos : pos + 4].lower() == "xn--":
        tail = _PUNYCODE_TAIL.match(text, pos + 4)
        if tail is not None:
            return tail.end() - pos
    return 0


def _non_ascii_tlds() -> dict[str, tuple[str, ...]]:
    """The TLDs with a non-ASCII letter, by first character, longest first."""
    by_first: dict[str, list[str]] = {}
    for tld in TLDS:
        if not tld.isascii():
            by_first.setdefault(tld[0], []).append(tld)
    return {c: tuple(sorted(ts, key=len, reverse=True)) for c, ts in by_first.items()}


_NON_ASCII_TLDS = _non_ascii_tlds()


class _Labels:
    """The labels of a text, with tables that give the longest domain from any label in O(1).

    A label is a maximal run of characters allowed in a domain; ``chains`` matches runs of labels
    joined by dots, and labels elsewhere are not kept (no domain can lie there). ``strict`` applies the rules of
    twitter-text's main domain pattern (a label may not start or end with ``-`` or ``_``, and the
    domain name, unlike a subdomain, may not contain ``_``); the pattern for links without a
    protocol has no such rules.
    """

    __slots__ = (
        "best_below",
        "dotted",
        "ends",
        "last_underscore",
        "linked",
        "run_end",
        "starts",
        "text",
        "tld_after",
    )

    def __init__(self, text: str, chains: re.Pattern[str], *, strict: bool) -> None:
        self.text = text
        n = len(text)
        spans: list[tuple[int, int]] = []
        for chain in _label_chains(text) if chains is _LABEL_CHAIN else chains.finditer(text):
            pos = chain.start()
            for label in chain.group().split("."):
                spans.append((pos, pos + len(label)))
                pos += len(label) + 1
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        count = len(spans)
        self.dotted = [e < n and text[e] == "." for _, e in spans]
        self.linked = [
            self.dotted[i] and i + 1 < count and self.starts[i + 1] == self.ends[i] + 1
            for i in range(count)
        ]
        self.last_underscore = [text.rfind("_", s, e) for s, e in spans]
        if strict:
            edges_ok = [text[s] not in "-_" and text[e - 1] not in "-_" for s, e in spans]
            name_ok = [ok and u < 0 for ok, u in zip(edges_ok, self.last_underscore, strict=True)]
        else:
            edges_ok = name_ok = [True] * count
        # run_end[i]: the last label j >= i such that labels i..j-1 can all be subdomains.
        run_end = list(range(count))
        for i in range(count - 2, -1, -1):
            if self.linked[i] and edges_ok[i]:
                run_end[i] = run_end[i + 1]
        # best_below[i]: (j, end) for the last label j <= i that can be the domain name, that is
        # a label followed by a dot and a top-level domain; end is where that domain ends.
        self.tld_after = [
            _tld_length(text, e + 1) if d else 0
            for d, e in zip(self.dotted, self.ends, strict=True)
        ]
        best_below: list[tuple[int, int]] = []
        best = (-1, -1)
        for i in range(count):
            if name_ok[i] and self.tld_after[i]:
                best = (i, self.ends[i] + 1 + self.tld_after[i])
            best_below.append(best)
        self.run_end = run_end
        self.best_below = best_below

    def label_at(self, pos: int) -> int:
        """Index of the label containing ``pos``, or -1."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return i if i >= 0 and pos < self.ends[i] else -1

    def domain_from(self, i: int) -> int:
        """End of the longest domain whose labels start with label ``i`` (whole), or -1."""
        j, end = self.best_below[self.run_end[i]]
        return end if j >= i else -1


def _domain_end(labels: _Labels, pos: int) -> int:
    """End of the domain twitter-text reads starting exactly at ``pos``, or -1.

    Greedy like the original pattern: as many subdomains as possible, then the domain name,
    then the top-level domain. The first label is read from ``pos`` to its end.
    """
    text = labels.text
    i = labels.label_at(pos)
    if i < 0 or not labels.dotted[i]:
        return -1
    end = labels.ends[i]
    if text[pos] in "-_" or text[end - 1] in "-_":
        return -1
    if labels.linked[i]:
        domain_end = labels.domain_from(i + 1)
        if domain_end >= 0:
            return domain_end
    if labels.last_underscore[i] < pos and labels.tld_after[i]:
        return end + 1 + labels.tld_after[i]
    return -1


def _ascii_domains(domain: str) -> list[tuple[int, int]]:
    """Spans of the ASCII (and Latin-accented) domains inside ``domain``, leftmost first."""
    if _ASCII_DOMAIN.fullmatch(domain):
        # The usual case: all of it (it ends with the TLD the caller found).
        return [(0, len(domain))]
    labels = _Labels(domain, _ASCII_LABELS, strict=False)
    found: list[tuple[int, int]] = []
    pos = 0
    for i, (start, end) in enumerate(zip(labels.starts, labels.ends, strict=True)):
        if end <= pos:
            continue
        domain_end = labels.domain_from(i)
        if domain_end >= 0:
            found.append((max(start, pos), domain_end))
            pos = domain_end
    return found


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _is_valid_url(url: str, protocol: str, domain: str) -> bool:
    """twitter-text's sanity check: DNS label lengths and the overall length after punycode."""
    if domain.startswith("xn--") and not _ascii_domains(domain):
        return False
    for label in domain.split("."):
        if label.isascii() and "\x7f" not in label:
            encoded_length = len(label)
        else:
            try:
                encoded_length = 4 + len(label.encode("punycode"))
            except UnicodeError:
                return False
        if not 1 <= encoded_length <= _MAX_LABEL_LENGTH:
            return False
    return _utf16_length(protocol) + _utf16_length(url) <= _MAX_URL_LENGTH


def _path_end(text: str, pos: int) -> int:
    """End of the path whose first character (after the ``/``) is at ``pos``."""
    n = len(text)
    i = last = pos
    while i < n:
        c = text[i]
        if c in _PATH_CHARS:
            i += 1
            if c in _PATH_END_CHARS:
                last = i
        elif c == "(":
            close = _balanced_parens_end(text, i)
            if close < 0:
                break
            i = last = close
        else:
            break
    return last


def _scan(text: str, pos: int, chars: frozenset[str]) -> int:
    n = len(text)
    while pos < n and text[pos] in chars:
        pos += 1
    return pos


def _balanced_parens_end(text: str, pos: int) -> int:
    """End of ``(x)`` or ``(x(y)z)`` starting at ``pos`` (two levels at most, as Wikipedia needs)."""
    n = len(text)
    inner = _scan(text, pos + 1, _PATH_CHARS)
    if inner < n and text[inner] == ")" and inner > pos + 1:
        return inner + 1
    if inner < n and text[inner] == "(":
        nested = _scan(text, inner + 1, _PATH_CHARS)
        if nested > inner + 1 and nested < n and text[nested] == ")":
            outer = _scan(text, nested + 1, _PATH_CHARS)
            if outer < n and text[outer] == ")":
                return outer + 1
    return -1


def _query_end(text: str, pos: int) -> int:
    """End of the query whose first character (after the ``?``) is at ``pos``, or -1."""
    n = len(text)
    last = -1
    while pos < n and text[pos] in _QUERY_CHARS:
        if text[pos] in _QUERY_END_CHARS:
            last = pos + 1
        pos += 1
    return last


def _candidates(text: str, labels: _Labels) -> list[int]:
    """Positions where a link may start, in the order twitter-text tries them.

    A link starts after a character that is not a letter, digit, ``@``, ``$``, ``#`` or invalid
    (or at the very start), either with ``http://`` or ``https://`` or in a label followed by a
    dot: only those can begin a domain.
    """
    starts = [m.start() for m in _PROTOCOL.finditer(text)]
    for i, dotted in enumerate(labels.dotted):
        if not dotted:
            continue
        start, end = labels.starts[i], labels.ends[i]
        starts.append(start)
        inner = text[start : end - 1]
        if inner and not (inner.isascii() and inner.isalnum()):
            starts.extend(m.end() for m in _NOT_WORDLIKE.finditer(text, start, end - 1))
    starts = sorted({s for s in starts if s == 0 or text[s - 1] not in _NOT_BEFORE_LINK})
    if len(starts) >= 2 and starts[0] == 0 and starts[1] == 1:
        starts[0], starts[1] = 1, 0
    return starts


def find_urls(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, url)`` for every link twitter-text extracts from ``text``."""
    if "." not in text or _INNER_DOT.search(text) is None:
        return []  # every domain holds a dot between two label characters
    labels = _Labels(text, _LABEL_CHAIN, strict=True)
    n = len(text)
    found: list[tuple[int, int, str]] = []
    resume = -1  # a match ending at e lets the next one start at e + 1 at the earliest
    for start in _candidates(text, labels):
        if start < resume:
            continue
        protocol = _PROTOCOL.match(text, start)
        domain_start = protocol.end() if protocol else start
        domain_end = _domain_end(labels, domain_start)
        if domain_end < 0:
            continue
        end = domain_end
        port = _PORT.match(text, end)
        if port is not None:
            end = port.end()
        has_path = end < n and text[end] == "/"
        if has_path:
            end = _path_end(text, end + 1)
        if end < n and text[end] == "?":
            query = _query_end(text, end + 1)
            if query >= 0:
                end = query
        resume = end + 1
        url = text[start:end]
        domain = text[domain_start:domain_end]
        if not _is_valid_url(url, protocol.group() if protocol else "https://", domain):
            continue
        if protocol is None:
            if start > 0 and text[start - 1] in "-_./":
                continue
            ascii_domains = _ascii_domains(domain)
            if not ascii_domains:
                continue
            for a, b in ascii_domains:
                found.append((domain_start + a, domain_start + b, domain[a:b]))
            if has_path:
                first, _, last_domain = found[-1]
                found[-1] = (first, end, last_domain + text[domain_end:end])
        else:
            tco = _TCO.match(url)
            if tco is not None:
                if len(tco.group(1)) > _MAX_TCO_SLUG_LENGTH:
                    continue
                url = tco.group()
            found.append((start, start + len(url), url))
    return found
