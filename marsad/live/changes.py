"""Reading what the live layer changed: the change log and an article's event/storyline.

``live_changes`` gets one row per new article and per event, storyline or summary a
transaction touched, numbered by a monotonic ``seq``: a client keeps the last ``seq``
it saw as its cursor and asks for what came after (``GET /changes?since=CURSOR``).
"""
from __future__ import annotations

import json
from typing import Any

from marsad.live.schema import ensure_schema

__all__ = ["changes_since", "membership", "MAX_CHANGES"]

MAX_CHANGES = 1000


def changes_since(store: Any, since: int = 0, limit: int = 200) -> dict[str, Any]:
    """Changes after cursor ``since`` (oldest first), the cursor to ask with next, and
    whether more are waiting. Kinds: article, event, storyline, summary."""
    ensure_schema(store)
    limit = max(1, min(int(limit), MAX_CHANGES))
    rows = store._all(
        "SELECT seq, kind, item_id, at FROM live_changes WHERE seq > ? ORDER BY seq LIMIT ?", (int(since), limit + 1)
    )
    more = len(rows) > limit
    rows = rows[:limit]
    items = [{"seq": int(r[0]), "kind": r[1], "id": r[2], "at": r[3]} for r in rows]
    return {"since": int(since), "next": items[-1]["seq"] if items else int(since), "more": more, "items": items}


def membership(store: Any, article_id: str) -> dict[str, Any]:
    """``{"event": {id, title, date} | None, "storyline": {id, title} | None}`` of an article."""
    ensure_schema(store)
    row = store._one("SELECT event_id, storyline_id FROM live_membership WHERE article_id = ?", (article_id,))
    event = storyline = None
    if row is not None:
        found = store._one("SELECT data FROM events WHERE id = ?", (row[0],))
        if found is not None:
            data = json.loads(found[0])
            event = {"id": data["id"], "title": data.get("title"), "date": data.get("date")}
        story_id = row[1]
    else:
        hit = store._one("SELECT storyline_id FROM story_articles WHERE article_id = ? ORDER BY storyline_id", (article_id,))
        story_id = hit[0] if hit else None
    if story_id is not None:
        found = store._one("SELECT title FROM storylines WHERE id = ?", (story_id,))
        if found is not None:
            storyline = {"id": story_id, "title": found[0]}
    return {"event": event, "storyline": storyline}
