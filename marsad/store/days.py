"""Reader-facing views of the store by day: the stories of a day, neighbouring days,
story and entity hits for search, entity index by type.

A mixin over :class:`marsad.store.base.SQLStore` (it needs ``_all``/``_one``), written
in SQL both backends run. "The day" of an article is the first ten characters of its
``published`` field (``YYYY-MM-DD``); a storyline belongs to every day one of its
articles was published, and ranks on a day by the outlets and articles it had THAT
day, so a week-long story does not crowd out today's news with last week's articles.
"""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any, Sequence

__all__ = ["DayViews", "DAY_RE", "is_recurring"]

DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _next_day(day: str) -> str | None:
    """``YYYY-MM-DD`` of the day after ``day`` (None when ``day`` is no date)."""
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=1)).isoformat()
    except ValueError:
        return None


def _entity_card(r: Sequence[Any]) -> dict[str, Any]:
    """An entity row (id, name, type, mentions) as a card."""
    return {"id": r[0], "name": r[1], "type": r[2], "mentions": int(r[3])}


def _contains_all(column: str, words: Sequence[str]) -> tuple[str, list[str]]:
    """SQL requiring ``column`` to contain every word (LIKE), with its parameters."""
    return " AND ".join(f"{column} LIKE ?" for _ in words), [f"%{w}%" for w in words]


def is_recurring(storyline: dict[str, Any]) -> bool:
    """Whether a storyline's data marks it as a recurring item (prayer times, weather,
    market close…): a ``recurring`` flag or ``kind == "recurring"``."""
    return bool(storyline.get("recurring")) or storyline.get("kind") == "recurring"


class DayViews:
    """Queries for the day view and for finding things (mixed into SQLStore)."""

    _all: Any
    _one: Any
    _story_card: Any

    def latest_day(self) -> str | None:
        """The most recent publication day in the store (None when nothing is dated)."""
        row = self._one("SELECT MAX(published) FROM articles WHERE published IS NOT NULL")
        return row[0][:10] if row and row[0] else None

    def adjacent_days(self, day: str) -> tuple[str | None, str | None]:
        """The nearest days before and after ``day`` that have articles."""
        before = self._one("SELECT MAX(published) FROM articles WHERE published < ?", (day,))
        after_day = _next_day(day)
        after = self._one("SELECT MIN(published) FROM articles WHERE published >= ?", (after_day,)) if after_day else None
        return (before[0][:10] if before and before[0] else None), (after[0][:10] if after and after[0] else None)

    def day_stories(
        self,
        date_from: str,
        date_to: str,
        min_articles: int = 1,
        recurring: bool = True,
        outlet: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> dict[str, Any]:
        """Storylines with articles published in ``date_from``..``date_to`` (days,
        inclusive), most outlets then most articles IN THAT RANGE first.

        ``min_articles`` folds away storylines with fewer articles in all; with
        ``recurring`` False, storylines marked recurring are folded too. Returns
        ``total`` (shown), ``folded`` (left out by those two rules) and ``items``
        (story cards plus ``day_articles`` and ``day_outlets``).
        """
        # a range on the column itself, so the published index finds the day's articles
        where = "a.published >= ?"
        params: list[Any] = [date_from]
        after = _next_day(date_to)
        if after is not None:
            where += " AND a.published < ?"
            params.append(after)
        if outlet:
            where += " AND s.id IN (SELECT sa2.storyline_id FROM story_articles sa2 JOIN articles a2 ON a2.id = sa2.article_id WHERE a2.outlet = ?)"
            params.append(outlet)
        rows = self._all(
            "SELECT s.id, s.n_articles, COUNT(*), COUNT(DISTINCT a.outlet) FROM articles a "
            "JOIN story_articles sa ON sa.article_id = a.id JOIN storylines s ON s.id = sa.storyline_id "
            f"WHERE {where} GROUP BY s.id, s.n_articles",
            params,
        )
        ranked = sorted(rows, key=lambda r: (-int(r[3]), -int(r[2]), -int(r[1]), r[0]))
        kept = [r for r in ranked if int(r[1]) >= min_articles]
        folded = len(ranked) - len(kept)
        if not recurring:
            marked = self._recurring_ids()
            before = len(kept)
            kept = [r for r in kept if r[0] not in marked]
            folded += before - len(kept)
        page = kept[offset : offset + limit]
        cards = self._cards_by_id([r[0] for r in page])
        items = []
        for r in page:
            card = cards[r[0]]
            card.pop("_recurring", None)
            card.update(day_articles=int(r[2]), day_outlets=int(r[3]))
            items.append(card)
        return {"total": len(kept), "folded": folded, "items": items}

    def _recurring_ids(self) -> set[str]:
        """Ids of storylines marked recurring (a text pre-filter, then the JSON)."""
        rows = self._all("SELECT id, data FROM storylines WHERE data LIKE ?", ("%recurring%",))
        return {r[0] for r in rows if is_recurring(json.loads(r[1]))}

    def _cards_by_id(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Story cards (as :meth:`SQLStore.stories` gives them) keyed by id, with a
        ``_recurring`` flag read from the storyline's data."""
        cards: dict[str, dict[str, Any]] = {}
        ids = list(ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._all(
                f"SELECT s.id, s.title, s.n_articles, s.outlets, s.first_date, s.last_date, s.data FROM storylines s WHERE s.id IN ({marks})",  # as _story_card reads them
                chunk,
            ):
                card = self._story_card(r)
                card["_recurring"] = is_recurring(json.loads(r[6]))
                cards[r[0]] = card
        return cards

    def count_entities(self) -> int:
        row = self._one("SELECT COUNT(*) FROM entities")
        return int(row[0]) if row else 0

    def entities_by_type(self, type_: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """Entities of one type (or all), most mentioned first, with the total."""
        where, params = ("WHERE type = ?", [type_]) if type_ else ("", [])
        total = self._one(f"SELECT COUNT(*) FROM entities {where}", params)
        rows = self._all(
            f"SELECT id, name, type, mentions FROM entities {where} ORDER BY mentions DESC, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return {
            "total": int(total[0]) if total else 0,
            "items": [_entity_card(r) for r in rows],
        }

    def entity_types(self) -> list[tuple[str, int]]:
        """(type, entity count), most entities first."""
        return [(r[0], int(r[1])) for r in self._all("SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY COUNT(*) DESC, type")]

    def find_stories(self, words: Sequence[str], limit: int = 5) -> list[dict[str, Any]]:
        """Storylines whose title contains every one of ``words`` (biggest first)."""
        words = [w for w in words if w]
        if not words:
            return []
        where, params = _contains_all("s.title", words)
        rows = self._all(f"SELECT s.id FROM storylines s WHERE {where} ORDER BY s.n_outlets DESC, s.n_articles DESC, s.id LIMIT ?", [*params, limit])
        cards = self._cards_by_id([r[0] for r in rows])
        out = []
        for r in rows:
            card = cards[r[0]]
            card.pop("_recurring", None)
            out.append(card)
        return out

    def find_entities(self, words: Sequence[str], limit: int = 8) -> list[dict[str, Any]]:
        """Entities whose name contains every one of ``words`` (most mentioned first)."""
        words = [w for w in words if w]
        if not words:
            return []
        where, params = _contains_all("name", words)
        rows = self._all(f"SELECT id, name, type, mentions FROM entities WHERE {where} ORDER BY mentions DESC, id LIMIT ?", [*params, limit])
        return [_entity_card(r) for r in rows]

    def reuse_groups_for(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Reuse groups (likely original first) with an article among ``article_ids``,
        largest first."""
        wanted = set(article_ids)
        groups = []
        for (data,) in self._all("SELECT data FROM extras WHERE kind = 'reuse_groups' ORDER BY n"):
            group = json.loads(data)
            if wanted.intersection(group.get("article_ids", [])):
                groups.append(group)
        groups.sort(key=lambda g: (-len(g.get("article_ids", [])), g.get("id", "")))
        return groups
