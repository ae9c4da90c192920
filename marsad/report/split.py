"""Reports of big corpora: an index of storylines and one HTML page per storyline.

One self-contained page is right for a handful of articles (the seeds, ``make demo``),
but a day of SaudiNewsNet (~500 articles) makes a page a browser takes seconds to open,
and all of it 301 MB. Over :data:`SPLIT_AT` articles ``report.html`` becomes an index
of storylines — biggest first, recurring series apart, each with its outlets and dates
— linking to ``stories/<id>.html``: the same report (same template) over the
storyline's own articles, events, quotes, timeline, summary and reuse.

:func:`story_digest` cuts a digest down to one storyline; :class:`StoryIndex` holds the
per-storyline and per-article look-ups once, so cutting every storyline of a corpus is
linear in the digest, not quadratic.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from marsad.model import Digest, Event, Storyline
from marsad.outlets import display_name
from marsad.timeline import chronological_key

__all__ = ["SPLIT_AT", "MAX_INDEX_ROWS", "StoryIndex", "story_digest", "merge_digests", "story_file", "index_rows", "IndexRow", "biggest_first"]

#: Corpora with more articles than this get the index + one page per storyline.
SPLIT_AT = 300
#: Most storylines the index lists (the rest are counted; their pages exist).
MAX_INDEX_ROWS = 3000
_UNSAFE = re.compile(r"[^\w.-]+", re.ASCII)


def story_file(storyline_id: str) -> str:
    """The file name of a storyline's page (ids are ASCII already; this keeps it so)."""
    return _UNSAFE.sub("_", storyline_id).lstrip(".") + ".html"


@dataclass(slots=True)
class StoryIndex:
    """The digest's records grouped by article and by storyline."""

    by_article: dict[str, dict[str, list]] = field(default_factory=dict)
    by_story: dict[str, dict[str, list]] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)

    @classmethod
    def of(cls, digest: Digest) -> "StoryIndex":
        by_article: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        by_story: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for article in digest.articles:
            by_article[article.id]["articles"].append(article)
        for name in ("quotes", "timeline"):
            for record in getattr(digest, name):
                by_article[record.article_id][name].append(record)
        for link in digest.reuse:
            by_article[link.a]["reuse"].append(link)
        for name in ("summary", "coverage", "facts"):
            for record in getattr(digest, name):
                by_story[record.storyline_id][name].append(record)
        return cls(by_article=dict(by_article), by_story=dict(by_story), events={e.id: e for e in digest.events})

    def of_article(self, article_id: str, kind: str) -> list:
        return self.by_article.get(article_id, {}).get(kind, [])


def story_digest(digest: Digest, storyline: Storyline, index: StoryIndex | None = None) -> Digest:
    """The digest of one storyline: its articles (in digest order), events, quotes,
    timeline, summary, coverage, facts, the reuse among its own articles and the reuse
    groups whose original it holds (members outside it left out)."""
    index = index or StoryIndex.of(digest)
    ids = list(dict.fromkeys(storyline.article_ids))
    members = set(ids)
    articles = [a for aid in ids for a in index.of_article(aid, "articles")]
    position = {a.id: i for i, a in enumerate(digest.articles)} if len(ids) > 1 else {}
    articles.sort(key=lambda a: position.get(a.id, 0))
    events = [index.events[e] for e in storyline.event_ids if e in index.events]
    groups = []
    for group in digest.reuse_groups:
        if group.original in members:
            kept = [a for a in group.article_ids if a in members]
            if len(kept) > 1:
                groups.append(replace(group, article_ids=kept))
    own = index.by_story.get(storyline.id, {})
    return Digest(
        articles=articles,
        reuse=[r for a in ids for r in index.of_article(a, "reuse") if r.b in members],
        events=events,
        storylines=[replace(storyline, recurring=False)],
        quotes=[q for a in (x.id for x in articles) for q in index.of_article(a, "quotes")],
        timeline=sorted((t for a in ids for t in index.of_article(a, "timeline")), key=chronological_key),
        summary=list(own.get("summary", [])),
        coverage=list(own.get("coverage", [])),
        facts=list(own.get("facts", [])),
        reuse_groups=groups,
    )


def merge_digests(parts: list[Digest]) -> Digest:
    """Digests of disjoint storylines as one (articles in the order given)."""
    merged = Digest()
    seen: set[str] = set()
    for part in parts:
        merged.articles += [a for a in part.articles if a.id not in seen]
        seen.update(a.id for a in part.articles)
        for name in ("reuse", "events", "storylines", "quotes", "timeline", "summary", "coverage", "facts", "reuse_groups"):
            getattr(merged, name).extend(getattr(part, name))
    return merged


@dataclass(slots=True)
class IndexRow:
    """One storyline as the index lists it."""

    id: str
    href: str
    title: str
    articles: int
    outlets: list[str]
    first: str | None
    last: str | None
    events: int


def biggest_first(storylines: list[Storyline]) -> list[Storyline]:
    """Storylines biggest first: articles, then outlets, then id."""
    return sorted(storylines, key=lambda s: (-len(set(s.article_ids)), -len(s.outlets), s.id))


def index_rows(storylines: list[Storyline]) -> list[IndexRow]:
    """Storylines :func:`biggest_first`, as index rows."""
    ordered = biggest_first(storylines)
    return [
        IndexRow(
            id=s.id,
            href="stories/" + story_file(s.id),
            title=s.title,
            articles=len(set(s.article_ids)),
            outlets=[display_name(o) for o in s.outlets],
            first=s.date,
            last=s.date_end,
            events=len(s.event_ids),
        )
        for s in ordered
    ]


def stale_pages(stories_dir: Path, written: set[str]) -> list[Path]:
    """Story pages left in ``stories_dir`` by an earlier run over other input."""
    if not stories_dir.is_dir():
        return []
    return [p for p in stories_dir.glob("*.html") if p.name not in written]
