"""Look-ups shared by the Markdown and HTML renderers (pure, over a Digest)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from marsad.model import Article, Digest, Event, Fact, Quote, Storyline, SummarySentence, TimelineEntry
from marsad.outlets import UNKNOWN, display_name
from marsad.report.reuse import GroupSummary, SentenceMark, group_summaries, paragraph_segments, reuse_marks

#: How a quote whose speaker the text does not name is shown ("unspecified").
UNKNOWN_SPEAKER = "غير محدد"


#: The timeline's three groups, in reading order: kind, Arabic and English heading.
TIMELINE_GROUPS: tuple[tuple[str, str, str], ...] = (
    ("development", "التطورات", "Developments"),
    ("upcoming", "المرتقب", "Upcoming"),
    ("background", "الخلفية", "Background"),
)


def timeline_groups(entries: list[TimelineEntry]) -> list[tuple[str, str, str, list[TimelineEntry]]]:
    """``entries`` split by kind (developments, upcoming, background), each in date
    order; empty groups left out."""
    return [
        (kind, ar, en, found)
        for kind, ar, en in TIMELINE_GROUPS
        if (found := [t for t in entries if (t.kind or "development") == kind])
    ]


@dataclass(slots=True)
class ReportView:
    """A digest with the indexes a human-readable report needs."""

    digest: Digest
    by_id: dict[str, Article]
    marks: dict[str, dict[int, SentenceMark]] | None = field(default=None)
    # Per-storyline indexes: a report of a whole corpus has ~10^4 storylines and
    # ~10^5 facts and quotes, so scanning every list once per storyline is quadratic.
    summary_of: dict[str, list[SummarySentence]] = field(default_factory=dict)
    facts_of: dict[str, list[Fact]] = field(default_factory=dict)
    event_by_id: dict[str, Event] = field(default_factory=dict)
    quotes_of: dict[str, list[Quote]] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, digest: Digest) -> "ReportView":
        summary_of: dict[str, list[SummarySentence]] = defaultdict(list)
        for sentence in digest.summary:
            summary_of[sentence.storyline_id].append(sentence)
        facts_of: dict[str, list[Fact]] = defaultdict(list)
        for fact in digest.facts:
            facts_of[fact.storyline_id].append(fact)
        quotes_of: dict[str, list[Quote]] = defaultdict(list)
        for quote in digest.quotes:
            quotes_of[quote.article_id].append(quote)
        return cls(
            digest=digest,
            by_id={a.id: a for a in digest.articles},
            summary_of=dict(summary_of),
            facts_of=dict(facts_of),
            event_by_id={e.id: e for e in digest.events},
            quotes_of=dict(quotes_of),
            position={a.id: i for i, a in enumerate(digest.articles)},
        )

    def timeline_groups(self) -> list[tuple[str, str, str, list[TimelineEntry]]]:
        """The digest's timeline in its three groups (see :func:`timeline_groups`)."""
        return timeline_groups(self.digest.timeline)

    def summary(self, storyline_id: str) -> list[SummarySentence]:
        """The storyline's summary sentences, in summary order."""
        return self.summary_of.get(storyline_id, [])

    def events(self, storyline: Storyline) -> list[Event]:
        """The storyline's events, in the storyline's order."""
        return [self.event_by_id[e] for e in storyline.event_ids if e in self.event_by_id]

    def label(self, article_id: str) -> str:
        """How a citation names an article: its outlet's display name, or «مصدر غير
        معروف» with the start of its title (never an id or a path)."""
        article = self.by_id.get(article_id)
        if article is None:
            return UNKNOWN
        if article.outlet:
            return display_name(article.outlet)
        title = self.title(article_id)
        return f"{UNKNOWN}: {title if len(title) <= 40 else title[:39] + '…'}"

    def title(self, article_id: str) -> str:
        """An article's title, else the start of its first paragraph."""
        article = self.by_id.get(article_id)
        if article is None:
            return UNKNOWN
        return article.title or (article.paragraphs[0][:80] + "…" if article.paragraphs else "(بلا عنوان)")

    def outlet_name(self, outlet: str | None) -> str:
        """An outlet's display name (see :mod:`marsad.outlets`)."""
        return display_name(outlet)

    def unknown_outlet_articles(self) -> int:
        """Articles with no outlet (the header counts them apart from the outlets)."""
        return sum(1 for a in self.digest.articles if not a.outlet)

    def who_said_what(self) -> list[tuple[str | None, list[tuple[str, list[Quote]]]]]:
        """Quotes grouped per storyline (title; None when there are no storylines), then
        by speaker, speakers with most quotes first; quotes keep their article order."""
        groups: list[tuple[str | None, list[Quote]]]
        if self.digest.storylines:
            groups = []
            for story in self.digest.storylines:
                members = set(story.article_ids)
                order = sorted(members, key=lambda a: self.position.get(a, -1))
                groups.append((story.title, [q for a in order for q in self.quotes_of.get(a, [])]))
        else:
            groups = [(None, list(self.digest.quotes))]
        out: list[tuple[str | None, list[tuple[str, list[Quote]]]]] = []
        for title, items in groups:
            by_speaker: dict[str, list[Quote]] = {}
            for quote in items:
                by_speaker.setdefault(quote.speaker_entity or quote.speaker or UNKNOWN_SPEAKER, []).append(quote)
            speakers = sorted(by_speaker.values(), key=lambda qs: (-len(qs), qs[0].speaker or UNKNOWN_SPEAKER))
            if speakers:
                out.append((title, [(qs[0].speaker or UNKNOWN_SPEAKER, qs) for qs in speakers]))
        return out

    def reuse_groups(self) -> list[GroupSummary]:
        """Reuse groups with their likely original and re-publications (see
        :func:`marsad.report.reuse.group_summaries`)."""
        return group_summaries(self.digest)

    def segments(self, article_id: str) -> list[list[tuple[str, SentenceMark | None]]]:
        """The article's paragraphs cut into plain and reused pieces (for highlighting)."""
        if self.marks is None:
            self.marks = reuse_marks(self.digest)
        return paragraph_segments(self.by_id[article_id], self.marks.get(article_id, {}))

    def outlets(self) -> list[str]:
        return sorted({a.outlet for a in self.digest.articles if a.outlet})

    def outlet_label(self, outlet: str) -> str:
        """How a coverage column names an outlet (an article without one is its own
        outlet, keyed by its id: show its label)."""
        return self.label(outlet) if outlet in self.by_id else display_name(outlet)

    def coverage_table(self, storyline_id: str, max_rows: int = 12) -> tuple[list[str], list[tuple[Fact, list[bool]]]]:
        """Side by side: which outlet reported which fact of a storyline.

        Returns the outlets (columns) and at most ``max_rows`` facts (rows, or one per
        outlet if there are more outlets): the most important fact only each outlet
        reported, and the facts stated by several outlets (most outlets first, then by
        importance) in the rows left; empty for a one-outlet storyline.
        """
        facts = list(self.facts_of.get(storyline_id, []))
        outlets = sorted({o for f in facts for o in f.outlets})
        if len(outlets) < 2:
            return [], []
        facts.sort(key=lambda f: (-len(f.outlets), -f.score, f.id))
        unique = {}
        for fact in facts:
            if len(fact.outlets) == 1:
                unique.setdefault(fact.outlets[0], fact)
        shared = [f for f in facts if len(f.outlets) > 1][: max(max_rows - len(unique), 0)]
        rows = shared + sorted(unique.values(), key=lambda f: (-f.score, f.id))
        return outlets, [(f, [o in f.outlets for o in outlets]) for f in rows]
