"""Consolidation: re-cluster a recent window in batch and carry the ids over by overlap.

Online decisions are never revised, so they drift from what the batch digest would
decide over the same articles (an early article founds an event that later reports
would have merged with another). :func:`consolidate` takes the articles of the last
``window_days`` (by publication day; undated ones that arrived meanwhile too), runs the
batch stages on them exactly as ``marsad digest`` does — canonical entities over their
stored NER mentions, the reuse stage, the batch story clusterer — and rewrites the
events and storylines of those articles in ONE transaction:

* each batch event takes the id of the stored event it shares most articles with
  (greedy, largest overlap first, each id used once); the others get the batch rule's
  id (hash of the founding article), so readers keep following the same story ids;
* articles outside the window keep their event; an event keeps one storyline (that of
  its window articles);
* events and storylines left without articles are deleted, and every change is logged
  (``event``/``storyline``, ``event_removed``/``storyline_removed``); the summaries of
  the storylines involved are marked pending, and the online clusterer reloads.

:func:`maybe_consolidate` runs it when enough articles were linked since the last one.
"""
from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from marsad.entities.canonical import canonicalize
from marsad.live.linker import now, rows_in, span
from marsad.live.schema import ensure_schema
from marsad.model import Event, Mention, Storyline
from marsad.reuse import ReuseSettings, find_reuse
from marsad.store import codec
from marsad.stories import StoryContext, build_stories, stable_id

__all__ = ["Consolidation", "consolidate", "maybe_consolidate", "carry_ids", "CONSOLIDATE_EVERY", "WINDOW_DAYS"]

#: Days of articles re-clustered by one consolidation.
WINDOW_DAYS = 3.0
#: Linked articles after which :func:`maybe_consolidate` runs one.
CONSOLIDATE_EVERY = 1000


@dataclass(slots=True)
class Consolidation:
    """What one consolidation did."""

    articles: int = 0
    events_before: int = 0
    events_after: int = 0
    storylines_before: int = 0
    storylines_after: int = 0
    moved_articles: int = 0
    removed_events: int = 0
    removed_storylines: int = 0
    seconds: float = 0.0


def carry_ids(new_groups: Sequence[Sequence[str]], old_of: Mapping[str, str], fresh_id: Sequence[str], taken: Iterable[str] = ()) -> list[str]:
    """An id for each new group: the old group id it overlaps most (greedy by overlap,
    each old id once), else ``fresh_id[k]`` (suffixed if that id is already in use)."""
    overlaps: list[tuple[int, int, str]] = []
    for k, group in enumerate(new_groups):
        for old, shared in Counter(old_of[a] for a in group if a in old_of).items():
            overlaps.append((shared, k, old))
    overlaps.sort(key=lambda x: (-x[0], x[1], x[2]))
    chosen: dict[int, str] = {}
    used: set[str] = set()
    for _, k, old in overlaps:
        if k not in chosen and old not in used:
            chosen[k] = old
            used.add(old)
    reserved = set(taken) | set(old_of.values())
    out = []
    for k in range(len(new_groups)):
        if k in chosen:
            out.append(chosen[k])
            continue
        candidate, n = fresh_id[k], 1
        while candidate in used or candidate in reserved:
            candidate = f"{fresh_id[k]}-{n}"
            n += 1
        used.add(candidate)
        out.append(candidate)
    return out


def _window(store: Any, window_days: float, article_ids: Sequence[str] | None) -> list[str]:
    if article_ids is not None:
        return list(dict.fromkeys(article_ids))
    row = store._one("SELECT MAX(day) FROM live_analysis")
    if row is None or row[0] is None:
        return [r[0] for r in store._all("SELECT article_id FROM live_analysis ORDER BY seq")]
    since = float(row[0]) - window_days + 1
    first = store._one("SELECT MIN(seq) FROM live_analysis WHERE day >= ?", (since,))
    return [
        r[0]
        for r in store._all(
            "SELECT article_id FROM live_analysis WHERE day >= ? OR (day IS NULL AND seq >= ?) ORDER BY seq",
            (since, first[0] if first and first[0] is not None else 0),
        )
    ]


def consolidate(
    store: Any,
    window_days: float = WINDOW_DAYS,
    article_ids: Sequence[str] | None = None,
    reuse: ReuseSettings | None = None,
) -> Consolidation:
    """Re-cluster the window (or exactly ``article_ids``) in batch and store the result."""
    ensure_schema(store)
    started = time.perf_counter()
    result = Consolidation()
    ids = _window(store, window_days, article_ids)
    articles = [a for a in (store.article(i) for i in ids) if a is not None]
    if not articles:
        return result
    window = {a.id for a in articles}
    mentions: list[Mention] = []
    for aid, raw in rows_in(store, "SELECT article_id, mentions FROM live_analysis WHERE article_id IN ({})", list(window)):
        mentions.extend(codec.from_dict(Mention, m) for m in json.loads(raw))
    # the batch stages, as the digest runs them
    _, linked_mentions = canonicalize(articles, mentions)
    links = find_reuse(articles, reuse or ReuseSettings()).links
    events, storylines = build_stories(articles, StoryContext.of(linked_mentions, links))

    before = {r[0]: (r[1], r[2]) for r in rows_in(store, "SELECT article_id, event_id, storyline_id FROM live_membership WHERE article_id IN ({})", list(window))}
    old_events = {e for e, _ in before.values()}
    old_stories = {s for _, s in before.values()}
    result.articles = len(articles)
    result.events_before, result.storylines_before = len(old_events), len(old_stories)
    result.events_after, result.storylines_after = len(events), len(storylines)

    all_events = {r[0] for r in store._all("SELECT id FROM events")}
    all_stories = {r[0] for r in store._all("SELECT id FROM storylines")}
    event_ids = carry_ids(
        [e.article_ids for e in events], {a: ev for a, (ev, _) in before.items()}, [e.id for e in events], all_events - old_events
    )
    story_ids = carry_ids(
        [s.article_ids for s in storylines], {a: st for a, (_, st) in before.items()}, [s.id for s in storylines], all_stories - old_stories
    )
    renamed_event = {e.id: new for e, new in zip(events, event_ids)}
    membership: dict[str, tuple[str, str]] = {}
    for story, story_id in zip(storylines, story_ids):
        for event_id in story.event_ids:
            for a in next(e for e in events if e.id == event_id).article_ids:
                membership[a] = (renamed_event[event_id], story_id)
    for event in events:  # (every event is in a storyline; a stray one founds its own)
        for a in event.article_ids:
            membership.setdefault(a, (renamed_event[event.id], stable_id("st", a)))
    result.moved_articles = sum(1 for a, pair in membership.items() if before.get(a) != pair)

    titles = {renamed_event[e.id]: e.title for e in events}
    titles.update({sid: s.title for s, sid in zip(storylines, story_ids)})
    with store.transaction() as cur:
        # outside members of touched events follow their event's new storyline
        story_of_event = {ev: st for ev, st in membership.values()}
        touched_events = old_events | set(story_of_event)
        outside = [
            (r[0], r[1], r[2])
            for r in rows_in(store, "SELECT article_id, event_id, storyline_id FROM live_membership WHERE event_id IN ({})", list(touched_events))
            if r[0] not in window
        ]
        for aid, ev, st in outside:
            if ev in story_of_event and story_of_event[ev] != st:
                membership[aid] = (ev, story_of_event[ev])
        touched_stories = old_stories | {st for _, st in membership.values()} | {st for _, _, st in outside}
        for aid, (ev, st) in membership.items():
            cur.execute(store._sql("UPDATE live_membership SET event_id = ?, storyline_id = ? WHERE article_id = ?"), (ev, st, aid))
        stored_pairs = {(r[0], r[1]) for r in rows_in(store, "SELECT a, b FROM reuse WHERE a IN ({})", list(window))}
        stored_pairs |= {(r[0], r[1]) for r in rows_in(store, "SELECT a, b FROM reuse WHERE b IN ({})", list(window))}
        for link in links:
            if (link.b, link.a) in stored_pairs:
                continue  # the same pair, oriented the other way by the article's linking
            cur.execute(
                store._sql("INSERT INTO reuse (a, b, data) VALUES (?, ?, ?) ON CONFLICT (a, b) DO UPDATE SET data = excluded.data"),
                (link.a, link.b, codec.dumps(asdict(link))),
            )
        changes = _rewrite(store, cur, touched_events, touched_stories, titles)
        for aid in window:  # timeline entries follow their article's event
            ev = membership.get(aid, before.get(aid, (None, None)))[0]
            for n, data in store._all("SELECT n, data FROM timeline WHERE article_id = ?", (aid,)):
                entry = json.loads(data)
                if entry.get("event_id") != ev:
                    entry["event_id"] = ev
                    cur.execute(store._sql("UPDATE timeline SET event_id = ?, data = ? WHERE n = ?"), (ev, codec.dumps(entry), n))
        result.removed_events = sum(1 for kind, _ in changes if kind == "event_removed")
        result.removed_storylines = sum(1 for kind, _ in changes if kind == "storyline_removed")
        at = now()
        store._many(cur, "INSERT INTO live_changes (kind, item_id, at) VALUES (?, ?, ?)", ((k, i, at) for k, i in changes))
        row = store._one("SELECT value FROM meta WHERE key = 'live_seq'")
        seq = int(row[0]) if row else 0
        for key, value in (("live_seq", str(seq + 1)), ("live_consolidated_seq", str(seq + 1))):
            cur.execute(store._sql("DELETE FROM meta WHERE key = ?"), (key,))
            cur.execute(store._sql("INSERT INTO meta (key, value) VALUES (?, ?)"), (key, value))
        # keep live_analysis.seq below the new live_seq: the clusterer reloads in order
    result.seconds = time.perf_counter() - started
    return result


def _rewrite(store: Any, cur: Any, event_ids: set[str], story_ids: set[str], titles: Mapping[str, str]) -> list[tuple[str, str]]:
    """Rebuild the event and storyline rows named from ``live_membership``; returns the changes."""
    rows = rows_in(store, "SELECT m.article_id, m.event_id, m.storyline_id, a.published, a.outlet, a.title FROM live_membership m "
               "JOIN articles a ON a.id = m.article_id WHERE m.event_id IN ({})", sorted(event_ids))
    rows += rows_in(store, "SELECT m.article_id, m.event_id, m.storyline_id, a.published, a.outlet, a.title FROM live_membership m "
                "JOIN articles a ON a.id = m.article_id WHERE m.storyline_id IN ({})", sorted(story_ids))
    info = {r[0]: r for r in rows}
    by_event: dict[str, list[tuple]] = defaultdict(list)
    by_story: dict[str, list[tuple]] = defaultdict(list)
    for r in info.values():
        by_event[r[1]].append(r)
        by_story[r[2]].append(r)
    old_event = {r[0]: json.loads(r[1]) for r in rows_in(store, "SELECT id, data FROM events WHERE id IN ({})", sorted(set(by_event) | event_ids))}
    old_story = {r[0]: json.loads(r[1]) for r in rows_in(store, "SELECT id, data FROM storylines WHERE id IN ({})", sorted(set(by_story) | story_ids))}
    changes: list[tuple[str, str]] = []
    order = lambda r: (r[3] is None, (r[3] or "")[:10], r[0])  # noqa: E731
    events: dict[str, Event] = {}
    for ev, members in by_event.items():
        members.sort(key=order)
        start, end = span(r[3] for r in members)
        title = titles.get(ev) or old_event.get(ev, {}).get("title") or members[0][5] or ev
        events[ev] = Event(ev, title, start, [r[0] for r in members], end, sorted({r[4] for r in members if r[4]}))
        cur.execute(
            store._sql("INSERT INTO events (id, date, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET date = excluded.date, data = excluded.data"),
            (ev, start, codec.dumps(asdict(events[ev]))),
        )
        changes.append(("event", ev))
    for ev in (event_ids | set(old_event)) - set(by_event):
        cur.execute(store._sql("DELETE FROM events WHERE id = ?"), (ev,))
        changes.append(("event_removed", ev))
    for st, members in by_story.items():
        members.sort(key=order)
        start, end = span(r[3] for r in members)
        event_order = list(dict.fromkeys(r[1] for r in members))
        outlets = sorted({r[4] for r in members if r[4]})
        title = titles.get(st) or old_story.get(st, {}).get("title") or members[0][5] or st
        story = Storyline(st, title, event_order, [r[0] for r in members], start, end, outlets)
        cur.execute(store._sql("DELETE FROM story_articles WHERE storyline_id = ?"), (st,))
        cur.execute(
            store._sql(
                "INSERT INTO storylines (id, title, n_articles, n_outlets, outlets, first_date, last_date, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET title = excluded.title, n_articles = excluded.n_articles, n_outlets = excluded.n_outlets, "
                "outlets = excluded.outlets, first_date = excluded.first_date, last_date = excluded.last_date, data = excluded.data"
            ),
            (st, title, len(members), len(outlets), codec.dumps(outlets), start, end or start, codec.dumps(asdict(story))),
        )
        store._many(cur, "INSERT INTO story_articles (storyline_id, article_id) VALUES (?, ?)", ((st, r[0]) for r in members))
        cur.execute(store._sql("INSERT INTO live_pending (storyline_id) VALUES (?) ON CONFLICT (storyline_id) DO NOTHING"), (st,))
        changes.append(("storyline", st))
    for st in (story_ids | set(old_story)) - set(by_story):
        for table in ("story_articles", "summary", "coverage"):
            cur.execute(store._sql(f"DELETE FROM {table} WHERE storyline_id = ?"), (st,))
        cur.execute(store._sql("DELETE FROM extras WHERE storyline_id = ?"), (st,))
        cur.execute(store._sql("DELETE FROM live_pending WHERE storyline_id = ?"), (st,))
        cur.execute(store._sql("DELETE FROM storylines WHERE id = ?"), (st,))
        changes.append(("storyline_removed", st))
    return changes


def maybe_consolidate(store: Any, every: int = CONSOLIDATE_EVERY, window_days: float = WINDOW_DAYS) -> Consolidation | None:
    """Consolidate when at least ``every`` articles were linked since the last time."""
    ensure_schema(store)
    last = store._one("SELECT value FROM meta WHERE key = 'live_consolidated_seq'")
    since = int(last[0]) if last else 0
    linked = store._one("SELECT COUNT(*) FROM live_analysis WHERE seq > ?", (since,))
    if not linked or int(linked[0]) < every:
        return None
    return consolidate(store, window_days)
