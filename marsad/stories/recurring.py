"""Recurring series: storylines that are a run of like items, not a developing story.

Wedding notices, prayer times, gold or stock prices, the weather, a columnist's daily
column: each item is its own happening, and what groups them is the template, not a
story a reader follows. A storyline is marked ``recurring`` (and ranked after the
stories) when either

* **one outlet runs a series in it**: a single outlet published at least
  ``SERIES_EVENTS`` of its events and at least half its articles (a column, an
  outlet's notices or its daily market page — a developing story draws many outlets); or
* **its headlines are periodic-report headlines**: at least half the articles' titles
  open on a market, a price, the weather, prayer times or a family notice
  (:data:`SERIES_WORDS`, matched on normalized, stemmed title words; see
  :func:`is_series_title`).

Pure functions over the records in :mod:`marsad.model`.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from marsad.arabic.stem import stem
from marsad.arabic.tokenize import words
from marsad.model import Article, Event, Storyline

__all__ = ["SERIES_EVENTS", "SERIES_WORDS", "is_series_title", "is_recurring", "mark_recurring", "headlines_of"]

#: Events one outlet must publish in a storyline for it to be that outlet's series.
SERIES_EVENTS = 3
#: Share of the storyline's articles (titles, or the series outlet's articles) that decides.
SERIES_SHARE = 0.5

#: Headline words of periodic reports (markets and prices, weather, prayer times, family
#: notices); normalized and stemmed like the titles they are matched against.
SERIES_WORDS: frozenset[str] = frozenset(
    stem(w)
    for phrase in (
        "أسعار سعر الذهب الأسهم الأسهم مؤشر المؤشر البورصة بورصة تداولات تداول نقطة نقاط "
        "الدولار اليورو برنت النفط الخام الأوقية "
        "الطقس الأرصاد أمطار رعدية الحرارة درجات غبار الرياح "
        "مواقيت الصلاة الإمساكية "
        "زواج زفاف تهنئة تهاني عزاء مواساة"
    ).split()
    for w in words(phrase)
)


def is_series_title(title: str | None) -> bool:
    """Whether a headline names a periodic report: one of :data:`SERIES_WORDS` among its
    first three words (the headline's subject), or two anywhere."""
    tokens = [stem(w) for w in words(title or "")]
    hits = [t in SERIES_WORDS for t in tokens]
    return any(hits[:3]) or sum(hits) >= 2


def is_recurring(storyline: Storyline, events: Mapping[str, Event], headlines: Mapping[str, tuple[str | None, str | None]]) -> bool:
    """Whether ``storyline`` is a recurring series (see the module docstring);
    ``headlines`` maps article id → (outlet, title)."""
    members = [headlines[i] for i in storyline.article_ids if i in headlines]
    if not members:
        return False
    outlet_events: Counter[str] = Counter()
    for event_id in storyline.event_ids:
        event = events.get(event_id)
        if event is None:
            continue
        for outlet in {headlines[i][0] for i in event.article_ids if i in headlines and headlines[i][0]}:
            outlet_events[outlet] += 1
    outlet_articles = Counter(outlet for outlet, _ in members if outlet)
    for outlet, count in outlet_events.items():
        if count >= SERIES_EVENTS and outlet_articles[outlet] >= SERIES_SHARE * len(members):
            return True
    return sum(is_series_title(title) for _, title in members) >= SERIES_SHARE * len(members)


def mark_recurring(
    storylines: Sequence[Storyline], events: Sequence[Event], headlines: Mapping[str, tuple[str | None, str | None]]
) -> list[Storyline]:
    """``storylines`` with ``recurring`` set, stories first (in their order), recurring
    series after; ``headlines`` maps article id → (outlet, title)."""
    by_event = {e.id: e for e in events}
    for storyline in storylines:
        storyline.recurring = is_recurring(storyline, by_event, headlines)
    return sorted(storylines, key=lambda s: s.recurring)  # stable: keeps the order within each part


def headlines_of(articles: Sequence[Article]) -> dict[str, tuple[str | None, str | None]]:
    """article id → (outlet, title), what :func:`mark_recurring` reads."""
    return {a.id: (a.outlet, a.title) for a in articles}
