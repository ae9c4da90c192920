"""Bounded story views: what ``GET /stories/{id}`` and the story page show of a storyline.

A storyline of a whole corpus can hold hundreds of articles, quotes, facts and reuse
links (the biggest of SaudiNewsNet: 115 articles, 605 quotes, 821 facts; 870 KB of
JSON), and a page or response that lists them all is slow to build, send and read.
A *view* keeps at most :data:`LIST_CAP` items of each list (in the order the full
story gives them), says in ``counts`` how many there are in all and in ``truncated``
which lists were cut, and carries the per-outlet and per-day article counts the
charts need, computed over all articles before any cut. The rest of a list is read
page by page (``GET /stories/{id}/{part}``, :func:`page`).

The view is a pure function of the full story record (:meth:`SQLStore.story`); the
store keeps it serialized in ``story_views`` so a request reads one indexed row.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

__all__ = ["LIST_CAP", "NESTED_CAP", "PARTS", "bound_story", "page"]

#: Most items of one list in a view.
LIST_CAP = 50
#: Most items of a list inside one item (a reuse link's sentence pairs, an outlet's
#: unique facts in ``coverage``).
NESTED_CAP = 12
#: Lists of a story that are cut in a view and can be read page by page.
PARTS = ("article_ids", "event_ids", "articles", "events", "timeline", "quotes", "reuse", "facts", "coverage", "summary")


def _cap_nested(item: Any, key: str) -> Any:
    """``item`` with its list ``key`` cut to :data:`NESTED_CAP` (and the full length
    under ``key + "_total"`` when cut)."""
    if isinstance(item, dict) and isinstance(item.get(key), list) and len(item[key]) > NESTED_CAP:
        return {**item, key: item[key][:NESTED_CAP], f"{key}_total": len(item[key])}
    return item


def bound_story(story: dict[str, Any], cap: int = LIST_CAP) -> dict[str, Any]:
    """The bounded view of a full story record (see the module docstring)."""
    view: dict[str, Any] = {}
    counts: dict[str, int] = {}
    truncated: list[str] = []
    for key, value in story.items():
        if isinstance(value, list) and key != "outlets":
            counts[key] = len(value)
            if len(value) > cap:
                value = value[:cap]
                truncated.append(key)
            if key == "reuse":
                value = [_cap_nested(r, "pairs") for r in value]
            elif key == "coverage":
                value = [_cap_nested(c, "unique_facts") for c in value]
        view[key] = value
    articles = story.get("articles", [])
    view["counts"] = counts
    view["truncated"] = truncated
    view["per_outlet"] = Counter(a.get("outlet") or "" for a in articles).most_common()
    view["per_day"] = sorted(Counter((a.get("published") or "")[:10] for a in articles if a.get("published")).items())
    return view


def page(story: dict[str, Any], part: str, limit: int, offset: int) -> dict[str, Any]:
    """One page of a list of a full story record: ``{"total", "limit", "offset", "items"}``."""
    items = story.get(part, [])
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset : offset + limit]}
