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

from collections.abc import Mapping, Sequence
from functools import lru_cache

from marsad.arabic.normalize import normalize
from marsad.model import Mention
from marsad.outlets import Outlet, registry

__all__ = ["outlet_sources"]

#: The word an outlet of each kind is named with in a sentence.
_KIND_HEAD = {"newspaper": "صحيفة", "agency": "وكالة", "channel": "قناة", "site": "موقع"}
_OPEN = "«\"“"
_CLOSE = "»\"”"


def _norm(text: str) -> str:
    return normalize(text).lower().strip()


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
