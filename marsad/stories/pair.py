"""The similarity of two articles exactly as the digest's stories stage sees them.

``marsad similarity A B`` and ``marsad eval pairs`` must print the number the clusterer
thresholds, so two articles go through the same steps as in a digest: ingest rules
(id, title, date, outlet), cleaning and sentences (:func:`marsad.pipeline.prepare`),
then every corpus stage that runs before ``stories`` (reuse, entities …) on a
two-article digest, whose mentions and reuse links feed :func:`article_similarity`.
"""
from __future__ import annotations

import json
from pathlib import Path

from marsad.model import Article
from marsad.stories.similarity import StoryContext, article_similarity

__all__ = ["read_article_spec", "article_from_text", "pair_similarity"]


def article_from_text(text: str, label: str) -> Article:
    """An article from raw text (title line and date guessed by the ingest rules)."""
    from marsad.ingest.article import build_article
    from marsad.ingest.text import split_title

    title, body = split_title(text)
    return build_article(label, body, title=title)


def read_article_spec(spec: str) -> Article:
    """An article from a path (its first article) or an inline JSON record.

    Raises ValueError with a one-line reason naming ``spec``.
    """
    from marsad.ingest import IngestError, iter_articles
    from marsad.ingest.jsonfile import record_to_article

    if spec.lstrip().startswith("{"):
        try:
            record = json.loads(spec)
        except json.JSONDecodeError as error:
            raise ValueError(f"inline JSON record: {error.msg} (column {error.colno})") from None
        item = record_to_article(record, "inline record")
        if isinstance(item, IngestError):
            raise ValueError(str(item))
        return item
    path = Path(spec)
    if path.exists():
        for item in iter_articles([path]):
            if isinstance(item, IngestError):
                raise ValueError(str(item))
            return item
        raise ValueError(f"{spec}: no article in it")
    raise ValueError(f"{spec}: no such file (and not a JSON record)")


def stage_context(articles: list[Article], skip: frozenset[str] = frozenset()) -> tuple[list[Article], StoryContext]:
    """Articles prepared, and the context the corpus stages before ``stories`` give them
    (stages named in ``skip`` are left out, e.g. a slow one for a quick stream)."""
    from marsad import pipeline

    prepared = [pipeline.prepare(a) for a in articles]
    names = [name for name, _ in pipeline.STAGES]
    chosen = tuple(name for name in names[: names.index("stories")] if name not in skip)
    # pipeline.analyze runs the per-article NER layer itself when the entities stage
    # is chosen, as a digest does (the stages alone only merge its mentions)
    digest = pipeline.analyze(list(pipeline.unique_articles(prepared)), pipeline.Options(stages=chosen))
    return prepared, StoryContext.of(digest.mentions, digest.reuse)


def pair_context(a: Article, b: Article) -> tuple[Article, Article, StoryContext]:
    """Both articles prepared, and the context the earlier corpus stages give them."""
    (first, second), context = stage_context([a, b])
    return first, second, context


def pair_similarity(a: Article, b: Article) -> float:
    """The event-level score the stories stage would give ``a`` and ``b`` in one digest."""
    first, second, context = pair_context(a, b)
    return article_similarity(first, second, context)
