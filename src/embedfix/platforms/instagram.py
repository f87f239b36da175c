"""Instagram: the flattened-text grammar of an Instagram embed, and the reader of its markup."""

from __future__ import annotations

import regex

from embedfix.dates import DateMatch
from embedfix.platforms import _text
from embedfix.platforms._text import SPACE
from embedfix.platforms.base import Found

# --- Flattened text ---------------------------------------------------------------------------

PLATFORM = "instagram"

CREDIT = regex.compile(
    rf"""(?P<lead>A\ (?:post|photo|video)\ (?:shared|posted)\ by
      | Une\ (?:publication|photo|vidéo)\ (?:partagée|publiée)\ par
      | Ein\ Beitrag\ geteilt\ von
      | Una\ (?:publicación|foto|video|vídeo)\ (?:compartida|publicada)\ (?:de|por)
      | Uma\ (?:publicação|foto|vídeo)\ (?:partilhada|compartilhada|publicada)\ por
      | Un\ post\ condiviso\ da
      | Een\ bericht\ gedeeld\ door)
    {SPACE}{{0,3}}
    (?:(?P<name>[^\n()]{{0,80}}?){SPACE}{{0,3}}
       \({SPACE}?[@＠](?P<handle>[A-Za-z0-9._]{{1,30}}){SPACE}?\))?""",
    regex.VERBOSE,
)
"""The credit line ``A post shared by NAME (@handle)`` and its localized forms (en, fr, de, es,
pt-PT, pt-BR, it, nl); older embeds say ``A photo posted by`` / ``A video posted by``."""

_PREP = regex.compile(rf"{SPACE}{{0,3}}(?:on|le|am|el|em|a|às|il|op)(?!\p{{L}}){SPACE}{{0,3}}")
"""The word before the date: ``on`` (en), ``le`` (fr), ``am`` (de), ``el`` (es), ``a`` (pt-PT),
``em`` (pt-BR), ``il`` (it), ``op`` (nl)."""

VIEW = regex.compile(
    r"""(?:(?<=^[ \t\u00a0]{0,40})|(?<=[ \t\u00a0]{2})|(?<=[.!?…)\p{Ll}\p{N}\p{So}]))
    (?:View\ this\ post\ on\ Instagram
      | Voir\ cette\ publication\ sur\ Instagram
      | Diesen\ Beitrag\ auf\ Instagram\ ansehen
      | Ver\ esta\ publicación\ en\ Instagram
      | Ver\ (?:esta|essa)\ (?:publicação|foto)\ no\ Instagram
      | Visualizza\ questo\ post\ su\ Instagram
      | Dit\ bericht\ op\ Instagram\ bekijken)
    (?=[ \t\u00a0]{0,40}(?:\r?\n|$)|[ \t\u00a0]{2,40}\S|\p{Lu}|\p{N})""",
    regex.VERBOSE | regex.MULTILINE,
)
"""The link text that newer embeds (v12 on) show above the post: alone on its line, set off by
the runs of spaces that pretty-printed markup leaves, or glued to its neighbours."""

CAPTION_MAX = int(2200 * 1.15)
"""Instagram captions are at most 2,200 characters; scraping adds a little."""

_VIEW_REACH = CAPTION_MAX + 200
_VIEW_MAX_LINES = 3
"""A caption between "View this post" and the credit spans at most a few lines."""


def find(source: str) -> list[Found]:
    """Find every flattened Instagram embed (credit line, caption, "View this post" leftovers)."""
    found: list[Found] = []
    used_views: set[int] = set()
    floor = 0
    for m in CREDIT.finditer(source):
        if m.start() < floor:
            continue
        item = _credit(source, m, floor, used_views)
        if item is None:
            continue
        found.append(item)
        floor = item.span[1]
    for v in VIEW.finditer(source):
        if v.start() in used_views or any(f.span[0] <= v.start() < f.span[1] for f in found):
            continue
        found.append(
            Found(
                platform=PLATFORM,
                span=_text.whole_line(source, v.span()),
                kind="boilerplate",
                confidence=0.9,
                evidence=("instagram-view-leftover",),
            )
        )
    found.sort(key=lambda f: f.span)
    return found


def _credit(source: str, m: regex.Match[str], floor: int, used_views: set[int]) -> Found | None:
    """Read one credit line and the caption before it."""
    handle = m.group("handle")
    end = m.end()
    date: DateMatch | None = None
    evidence = ["instagram-credit"]
    confidence = 1.0
    prep = _PREP.match(source, end)
    dated_era = False
    if prep is not None:
        date = _text.read_date(source, prep.end())
        if date is None and handle is not None:
            date = _text.unread_date(source, prep.end())
            if date is not None:
                evidence.append("unread-date")
                confidence = 0.7
        if date is not None:
            end = date.end
            dated_era = True
        elif _text.rest_is_blank(source, prep.end()):
            end = _text.trim(source, m.end(), prep.end())[1]
            dated_era = True
            evidence.append("date-dropped")
        elif handle is not None:
            evidence.append("no-date")
    if handle is None:
        # "A post shared by on": the name, the handle and the date are gone; nothing but spaces
        # may follow, or this is a sentence ("A post shared by the minister on Monday").
        if not _text.rest_is_blank(source, end):
            return None
        return Found(
            platform=PLATFORM,
            span=_text.whole_line(source, _text.trim(source, m.start(), end)),
            kind="boilerplate",
            date=date,
            confidence=0.8,
            evidence=("instagram-empty-credit",),
        )
    author = _text.trim(source, m.start("name"), m.end("name"))
    view = _view_before(source, m.start(), floor)
    if view is not None:
        used_views.add(view.start())
        caption: tuple[int, int] | None = _text.trim(source, view.end(), m.start())
        start = view.start()
        evidence.append("view-this-post")
        if caption is not None and caption[0] == caption[1]:
            caption = None
    else:
        # Only the dated era (to 2020) shows the caption; a line above an undated credit is prose.
        caption, rule = _text.caption_before(source, m.start(), floor, CAPTION_MAX, above=dated_era)
        evidence.append(rule)
        if rule == "caption-line-above":
            confidence = min(confidence, 0.8)
        start = caption[0] if caption is not None else m.start()
    return Found(
        platform=PLATFORM,
        span=(start, end),
        kind="embed" if caption is not None else "signature",
        text_spans=(caption,) if caption is not None else (),
        author_span=author if author[0] < author[1] else None,
        handle=handle,
        date=date,
        confidence=confidence,
        evidence=tuple(evidence),
    )


def _view_before(source: str, credit: int, floor: int) -> regex.Match[str] | None:
    """The "View this post on Instagram" that opens this embed: the last one shortly before the
    credit, with at most a caption's few lines between them."""
    last = None
    for v in VIEW.finditer(source, max(floor, credit - _VIEW_REACH), credit):
        last = v
    if last is None:
        return None
    between = source[last.end() : credit]
    if sum(1 for line in between.splitlines() if line.strip()) > _VIEW_MAX_LINES:
        return None
    return last


# --- HTML markup ------------------------------------------------------------------------------
