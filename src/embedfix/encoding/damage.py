"""Damage text the way real pipelines do: the generators behind the metamorphic tests.

Each function reproduces one row of the pipeline table in research/ENCODING.md, so that a test can
take clean text, break it as a MariaDB connection, a Java loop or a cp1252 page would, and check
that repair undoes what can be undone. They are pure functions on ``str``.
"""

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)

__all__ = [
    "damage_per_code_point",
    "damage_utf8mb3",
    "damage_utf16",
    "mojibake_cp1252",
]


def damage_utf8mb3(text: str) -> str:
    """One ``?`` per UTF-8 byte of every astral character; BMP text survives.

    MariaDB, non-strict ``sql_mode``, a utf8mb3 client connection (``SET NAMES utf8``): each of
    the four bytes of an emoji or regional indicator becomes ``?``; ZWJ and VS16 survive.
    """
    return "".join("????" if ord(ch) > 0xFFFF else ch for ch in text)


def damage_per_code_point(text: str, target: str | None = None) -> str:
    """One ``?`` per code point the target cannot hold.

    With ``target=None`` only astral characters are lost (utf8mb4 client into a utf8mb3 column,
    or a dump read over utf8mb3). With a codec name (``"cp1252"``, ``"latin-1"``, ``"ascii"``)
    this is ``str.encode(target, "replace")`` as in Python, Java ``getBytes``, PHP and iconv.
    """
    if target is None:
        return "".join("?" if ord(ch) > 0xFFFF else ch for ch in text)
    return text.encode(target, "replace").decode(target)


def damage_utf16(text: str, target: str = "cp1252") -> str:
    """One ``?`` per UTF-16 code unit the target cannot hold: two per astral character.

    .NET ``Encoding.GetBytes``, JavaScript regex replacement without the ``u`` flag, iconv-lite.
    """
    out: list[str] = []
    for ch in text:
        if ord(ch) > 0xFFFF:
            out.append("??")
        else:
            out.append(ch.encode(target, "replace").decode(target))
    return "".join(out)


def mojibake_cp1252(text: str) -> str:
    """UTF-8 bytes decoded as Windows-1252 (``’`` -> ``â€™``, ``é`` -> ``Ã©``).

    Bytes that cp1252 leaves undefined become the C1 control of the same value, as browsers and
    ftfy's "sloppy" codec do.
    """
    return text.encode("utf-8", "surrogatepass").decode("sloppy-windows-1252")
