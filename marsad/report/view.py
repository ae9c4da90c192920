"""Look-ups shared by the Markdown and HTML renderers (pure, over a Digest)."""
from __future__ import annotations

from dataclasses import dataclass

from marsad.model import Article, Digest


@dataclass(slots=True)
class ReportView:
    """A digest with the indexes a human-readable report needs."""

    digest: Digest
    by_id: dict[str, Article]

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

    def outlets(self) -> list[str]:
        return sorted({a.outlet for a in self.digest.articles if a.outlet})
