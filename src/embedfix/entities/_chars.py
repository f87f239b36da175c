"""Character classes of twitter-text, as fragments for ``regex`` character classes and as sets.

These mirror the definitions of the twitter-text reference implementation (Apache-2.0) so that
our results match its conformance suite; the letter and digit classes use Unicode properties
(``\\p{L}``, ``\\p{M}``, ``\\p{Nd}``) instead of frozen tables.
"""

from __future__ import annotations

# Whitespace as twitter-text defines it (its "spaces" group).
SPACES = "\t\n\x0b\x0c\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# JavaScript's ``\s``, used by the cashtag look-ahead.
JS_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# Characters that make a tweet invalid.
INVALID = "\ufffe\ufeff\uffff"
# Bidirectional formatting marks, which may sit around a link.
DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
# ASCII punctuation as twitter-text lists it (note: no double quote and no backtick).
PUNCT = "!'#%&()*+,\\-./:;<=>?@\\[\\]^_{|}~$"
# Latin letters with diacritics (and combining marks) accepted in links and after mentions.
LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
CYRILLIC = "\u0400-\u04ff"
# Non-letters that may appear inside a hashtag.
HASHTAG_SPECIALS = "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\xb7"
HASHTAG_ALPHA = "\\p{L}\\p{M}"
HASHTAG_ALPHANUMERIC = HASHTAG_ALPHA + "\\p{Nd}" + HASHTAG_SPECIALS
