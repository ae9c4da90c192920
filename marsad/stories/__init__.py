"""Stories: events (one happening) and storylines (related events over days or weeks).

* :func:`article_similarity` — the pairwise score the clusterers use (``marsad similarity``);
* :func:`build_stories` — batch clustering of a digest's articles (the ``stories`` stage);
* :class:`OnlineStoryClusterer` — the same decisions made one article at a time, with
  persistent state and stable ids;
* :mod:`marsad.stories.evaluate` — BCubed/ARI for clusters, Pearson/Spearman for pairs.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from marsad.model import Event, TimelineEntry
from marsad.stories.batch import EVENT_THRESHOLD, STORYLINE_THRESHOLD, build_stories, stable_id
from marsad.stories.online import OnlineStoryClusterer
from marsad.stories.similarity import EVENT, STORYLINE, Scoring, StoryContext, article_similarity

__all__ = [
    "EVENT",
    "EVENT_THRESHOLD",
    "STORYLINE",
    "STORYLINE_THRESHOLD",
    "OnlineStoryClusterer",
    "Scoring",
    "StoryContext",
    "article_similarity",
    "build_stories",
    "link_timeline",
    "stable_id",
]


def link_timeline(timeline: Sequence[TimelineEntry], events: Sequence[Event]) -> list[TimelineEntry]:
    """Timeline entries with ``event_id`` set to the event of their article (others unchanged)."""
    event_of = {article_id: event.id for event in events for article_id in event.article_ids}
    return [replace(t, event_id=event_of[t.article_id]) if t.article_id in event_of else t for t in timeline]
