"""Look-ups shared by the Markdown and HTML renderers (pure, over a Digest)."""
from __future__ import annotations

from dataclasses import dataclass, field

from marsad.model import Article, Digest, Fact, Quote
from marsad.report.reuse import GroupSummary, SentenceMark, group_summaries, paragraph_segments, reuse_marks


@dataclass(slots=True)
class ReportView:
    """A digest with the indexes a human-readable report needs."""

    digest: Digest
    by_id: dict[str, Article]
    marks: dict[str, dict[int, SentenceMark]] | None = field(default=None)

    @classmethod
    def of(cls, digest: Digest) -> "ReportView":
        return cls(digest=digest, by_id={a.id: a for a in digest.articles})

    def label(self, article_id: str) -> str:
        """How a citation names an article: its outlet, or its title, or its id."""
        article = self.by_id.get(article_id)
        if article is None:
            return article_id
        return article.outlet or (article.title or article.id)[:40]

    def title(self, article_id: str) -> str:
        article = self.by_id.get(article_id)
        if article is None:
            return article_id
        return article.title or (article.paragraphs[0][:80] + "…" if article.paragraphs else article.id)

    def who_said_what(self) -> list[tuple[str | None, list[tuple[str, list[Quote]]]]]:
        """Quotes grouped per storyline (title; None when there are no storylines), then
        by speaker, speakers with most quotes first; quotes keep their article order."""
        quotes = self.digest.quotes
        groups: list[tuple[str | None, list[Quote]]]
        if self.digest.storylines:
            groups = []
            for story in self.digest.storylines:
                members = set(story.article_ids)
                groups.append((story.title, [q for q in quotes if q.article_id in members]))
        else:
            groups = [(None, list(quotes))]
        out: list[tuple[str | None, list[tuple[str, list[Quote]]]]] = []
        for title, items in groups:
            by_speaker: dict[str, list[Quote]] = {}
            for quote in items:
                by_speaker.setdefault(quote.speaker_entity or quote.speaker, []).append(quote)
            speakers = sorted(by_speaker.values(), key=lambda qs: (-len(qs), qs[0].speaker))
            if speakers:
                out.append((title, [(qs[0].speaker, qs) for qs in speakers]))
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
        return self.label(outlet) if outlet in self.by_id else outlet

    def coverage_table(self, storyline_id: str, max_rows: int = 12) -> tuple[list[str], list[tuple[Fact, list[bool]]]]:
        """Side by side: which outlet reported which fact of a storyline.

        Returns the outlets (columns) and at most ``max_rows`` facts (rows, or one per
        outlet if there are more outlets): the most important fact only each outlet
        reported, and the facts stated by several outlets (most outlets first, then by
        importance) in the rows left; empty for a one-outlet storyline.
        """
        facts = [f for f in self.digest.facts if f.storyline_id == storyline_id]
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
