"""Per-article analysis: everything one article yields on its own, computed once.

:func:`analyse` runs the per-article stages on an article as ingested — cleaning and
sentences (:func:`marsad.pipeline.prepare`), NER mentions, the article's own entities
(:func:`marsad.entities.canonical.canonicalize` over this article alone: in-article
short forms and stated aliases), quote candidates, dated sentences and the MinHash
signature of its word 5-grams. Nothing here reads the store or other articles; the
linker (:mod:`marsad.live.linker`) joins the result to the corpus.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from marsad.entities.canonical import canonicalize
from marsad.model import Article, Entity, Mention
from marsad.reuse import ReuseSettings
from marsad.reuse.minhash import oph_signatures
from marsad.reuse.shingle import shingle_batch

__all__ = ["ArticleAnalysis", "analyse", "ner_mentions", "signature_of"]


@dataclass(slots=True)
class ArticleAnalysis:
    """One analysed article: prepared text, its entities and mentions, its signature."""

    article: Article
    #: the NER's mentions, as found (kept in the store; entity ids come from linking)
    mentions: list[Mention] = field(default_factory=list)
    #: entities of this article alone, with ``local_mentions`` pointing at them
    entities: list[Entity] = field(default_factory=list)
    local_mentions: list[Mention] = field(default_factory=list)
    #: MinHash signature of the clean text's word 5-grams (None: no 5-gram at all)
    signature: np.ndarray | None = None


def ner_mentions(article: Article) -> list[Mention]:
    """NER mentions of a prepared article ([] when no NER model is installed, as in
    the digest's entities stage)."""
    try:
        from marsad.entities.ner import extract_mentions

        return extract_mentions(article.id, article.clean_text)
    except (ImportError, FileNotFoundError):
        return []


def signature_of(text: str, settings: ReuseSettings | None = None) -> np.ndarray | None:
    """One-permutation MinHash of ``text`` (as the reuse stage signs articles)."""
    settings = settings or ReuseSettings()
    batch = shingle_batch([text], k=settings.shingle_size)
    if batch.shingle_sets()[0].size == 0:
        return None
    return oph_signatures(batch, settings.num_perm)[0].astype(np.uint32)


def analyse(article: Article, settings: ReuseSettings | None = None) -> ArticleAnalysis:
    """The per-article layer over one article as ingested (not yet prepared)."""
    from marsad.pipeline import prepare

    prepared = prepare(article)
    mentions = ner_mentions(prepared)
    entities, local = canonicalize([prepared], mentions)
    return ArticleAnalysis(prepared, mentions, entities, local, signature_of(prepared.clean_text, settings))
