"""An outlet's name used as a source is the outlet, not the place it is named after.

Several outlets are named after a place or a common word (الرياض، المدينة، اليوم،
الوطن). When an article cites one as its source (``وقال لـ«الرياض»``, ``أفادت «الوطن»``)
the tagger types the name as the city, and the newspaper would be counted among the
city's mentions. :func:`outlet_sources` finds the mentions that name a known outlet
(:mod:`marsad.outlets`) between quote marks — the way news writes a publication's
name — and gives the outlet's full name (``صحيفة الرياض``) to use for the entity.

Pure: mentions and texts in, a mapping out.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from marsad.arabic.normalize import normalize
from marsad.model import Mention
from marsad.outlets import Outlet, registry

__all__ = ["outlet_sources", "cited_outlets"]

#: The word an outlet of each kind is named with in a sentence.
_KIND_HEAD = {"newspaper": "صحيفة", "agency": "وكالة", "channel": "قناة", "site": "موقع"}
_OPEN = "«\"“"
_CLOSE = "»\"”"
#: A short run between quote marks: where a publication's name is written.
_QUOTED_RE = re.compile(r"[«\"“]([^«»\"“”\n]{2,30})[»\"”]")


def _norm(text: str) -> str:
    return normalize(text).lower().strip()


#: Words before a quoted name that say it names something else: a company, a show, a
#: book (شركة «العربية», برنامج «اليوم»).
_OTHER_THINGS = frozenset(
    _norm(w) for w in (
        "شركة", "برنامج", "مسلسل", "فيلم", "كتاب", "حملة", "مبادرة", "مشروع", "مهرجان", "فندق", "مجموعة",
        "مسرحية", "أغنية", "رواية", "مركز", "مطعم", "متجر", "تطبيق", "هاشتاق", "وسم", "عملية",
        "عنوان", "بعنوان", "اسم", "باسم", "شعار", "ب", "بـ",  # ناطق بـ«العربية»: the language
    )
)
_WORD_BEFORE_RE = re.compile(r"(\w+)\W*$")


@lru_cache(maxsize=1)
def _outlets_by_name() -> dict[str, tuple[Outlet, ...]]:
    """Outlets by their normalized bare name (a parenthesised country dropped) and aliases."""
    out: dict[str, list[Outlet]] = {}
    for outlet in registry():
        names = {outlet.name.split("(")[0], *outlet.aliases}
        head = _KIND_HEAD.get(outlet.kind or "")
        for name in names:
            bare = name.strip()
            if head and bare.startswith(head + " "):
                bare = bare[len(head) + 1:]
            if bare and not bare.isascii():
                out.setdefault(_norm(bare), []).append(outlet)
    return {name: tuple(found) for name, found in out.items()}


def _full_name(outlet: Outlet) -> str:
    """``صحيفة الرياض``: the outlet's name with the head of its kind."""
    name = outlet.name.split("(")[0].strip()
    head = _KIND_HEAD.get(outlet.kind or "")
    return name if head is None or name.startswith(head + " ") else f"{head} {name}"


def outlet_sources(
    mentions: Sequence[Mention], texts: Mapping[str, str], outlet_of: Mapping[str, str | None]
) -> dict[int, str]:
    """Index of each mention that names a known outlet between quote marks → the
    outlet's full name. ``outlet_of`` maps an article id to its outlet's slug: an
    outlet's own articles cite it (``لـ«الرياض»`` in الرياض), so when several outlets
    share a name the article's own wins; otherwise the name must fit one outlet."""
    by_name = _outlets_by_name()
    found: dict[int, str] = {}
    for i, m in enumerate(mentions):
        candidates = by_name.get(_norm(m.text))
        text = texts.get(m.article_id)
        if not candidates or text is None or m.start == 0 or m.end >= len(text):
            continue
        if text[m.start - 1] not in _OPEN or text[m.end] not in _CLOSE:
            continue
        own = [o for o in candidates if o.slug == outlet_of.get(m.article_id)]
        chosen = own or (list(candidates) if len(candidates) == 1 else [])
        if chosen:
            found[i] = _full_name(chosen[0])
    return found


def cited_outlets(article_id: str, text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """ORG mentions for a known outlet's name written between quote marks that no
    mention of the article covers: the tagger misses most citations of a source
    (``أكد لـ «عكاظ»``: 72 in two days, one tagged); :func:`outlet_sources` then
    names them. Not after a word that says the quoted name is something else's (شركة
    «العربية») or a relative adjective (الموقع المصري «الوطن»)."""
    by_name = _outlets_by_name()
    spans = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    for match in _QUOTED_RE.finditer(text):
        raw = match.group(1)
        start = match.start(1) + len(raw) - len(raw.lstrip())
        end = match.end(1) - (len(raw) - len(raw.rstrip()))
        if _norm(raw) not in by_name or any(a < end and start < b for a, b in spans):
            continue
        before = _WORD_BEFORE_RE.search(text, max(0, match.start() - 30), match.start())
        word = _norm(before.group(1)) if before else ""
        if word.removeprefix("ال") in _OTHER_THINGS or word.startswith("ال") and word.endswith(("ي", "يه")) and len(word) >= 6:
            continue  # شركة «العربية»; الموقع المصري «الوطن»: another country's namesake
        found.append(Mention(article_id, start, end, text[start:end], "ORG"))
    return found
