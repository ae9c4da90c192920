"""Typed records that flow between marsad's stages.

Every stage is a pure function over these records; ingest creates them, the store
persists them, the report renders them. Offsets (``start``/``end``) always point into
an article's *clean text* — ``"\\n".join(article.paragraphs)`` — so a UI can highlight
and cite the original wording, never a normalized copy.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "marsad.report/1"

RemovedKind = Literal["boilerplate", "repeat", "caption"]
PublishedFrom = Literal["metadata", "text", "inferred"]
EntityType = Literal["PER", "ORG", "LOC", "MISC"]
QuoteKind = Literal["direct", "indirect"]
PairKind = Literal["exact", "near", "paraphrase"]
TimelineKind = Literal["development", "background", "upcoming"]


@dataclass(slots=True)
class Removed:
    """A piece of crawl noise taken out of an article, kept so nothing is lost."""

    kind: RemovedKind
    text: str


@dataclass(slots=True)
class Sentence:
    """A sentence of an article's clean text; ``start``/``end`` index that text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Article:
    """One news article.

    ``body`` is the text as ingested (decoded, extracted from HTML, but not yet
    cleaned). ``paragraphs``/``removed``/``sentences`` are filled by the cleaning and
    segmentation stages.
    """

    id: str
    path: str
    body: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_from: PublishedFrom | None = None
    paragraphs: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def clean_text(self) -> str:
        """The text every offset points into."""
        return "\n".join(self.paragraphs)


@dataclass(slots=True)
class AlignedPair:
    """Two sentences (indexes into ``Article.sentences``) that say the same thing."""

    a: int
    b: int
    similarity: float
    kind: PairKind


@dataclass(slots=True)
class Reuse:
    """Text shared between two articles; containment = share of each one's sentences
    aligned to the other."""

    a: str
    b: str
    containment_a: float
    containment_b: float
    pairs: list[AlignedPair] = field(default_factory=list)
    #: the two texts are near-duplicates as wholes (word 5-gram Jaccard ≥ the threshold)
    near_duplicate: bool = False
    #: Jaccard similarity of the two texts' word 5-gram sets
    jaccard: float = 0.0


@dataclass(slots=True)
class ReuseGroup:
    """Articles linked by text reuse, with the one that is likely the original.

    ``article_ids`` starts with ``original``; the others are re-publications.
    ``reason`` says why the original was chosen: ``"agency"`` (it names the news agency
    the text comes from, ``agency``), ``"earliest"`` (earliest publication date),
    ``"longest"`` (no date or agency tells them apart: the fullest text).
    ``near_duplicate`` is true when every article is a near-duplicate copy of another.
    """

    id: str
    article_ids: list[str]
    original: str
    reason: str
    agency: str | None = None
    near_duplicate: bool = False


@dataclass(slots=True)
class Event:
    """One happening (a press conference, a phone call) reported by some articles."""

    id: str
    title: str
    date: str | None
    article_ids: list[str] = field(default_factory=list)
    #: Last day of coverage when it differs from ``date`` (a span), else None.
    date_end: str | None = None
    #: Distinct outlets that reported the event.
    outlets: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Storyline:
    """Related events over days or weeks."""

    id: str
    title: str
    event_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    #: First and (when different) last day of the storyline's articles.
    date: str | None = None
    date_end: str | None = None
    #: Distinct outlets across the storyline.
    outlets: list[str] = field(default_factory=list)
    #: A recurring series (notices, prices, weather, a column), not a developing story:
    #: shown apart and never ranked as a top story (:mod:`marsad.stories.recurring`).
    recurring: bool = False


@dataclass(slots=True)
class Mention:
    """A named-entity mention in an article's clean text."""

    article_id: str
    start: int
    end: int
    text: str
    type: EntityType
    entity_id: str | None = None


@dataclass(slots=True)
class EntityMerge:
    """Why one variant of an entity is in it: the evidence of one merge.

    ``why`` is one of ``spelling`` (the same name spelled another way: hamza, ة/ه,
    غ/ج, a vowel letter), ``proclitic`` (the name with a glued و/ف/ب/ل),
    ``stated_alias`` (the text says X is also called Y), ``short_form_in_article``
    (a surname or given name used after the full name in the same article),
    ``short_form`` (a surname that ends exactly one full name in the whole digest) and
    ``generic_head`` (the name without تنظيم/حركة/مدينة …). ``article_ids`` are where
    the evidence is stated (aliases, in-article short forms); empty for spellings.
    """

    variant: str
    joined_to: str
    why: str
    article_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    """A person, organization, place or other name, merged across spellings."""

    id: str
    name: str
    type: EntityType
    variants: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    mentions: int = 0
    roles: list[str] = field(default_factory=list)
    #: Why each variant was merged in (see :class:`EntityMerge`); empty for one spelling.
    merges: list[EntityMerge] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    """Reported speech: who said what, where in which article.

    ``speaker`` is None when the text attributes the statement to someone it does not
    name (an unresolved «سموه»): shown as «غير محدد», never guessed.
    """

    speaker: str | None
    speaker_entity: str | None
    text: str
    kind: QuoteKind
    article_id: str
    start: int
    end: int


@dataclass(slots=True)
class TimelineEntry:
    """A development placed on the timeline: one entry however many articles state it.

    ``article_id`` is the primary source (the article whose sentence is ``text``);
    ``sources`` lists every article that states the development, primary first.
    ``date`` is the date of the happening. ``kind`` says where it belongs: a
    ``development`` of the storyline, ``background`` (a date well before the
    storyline's first article, mentioned in passing) or ``upcoming`` (an announced
    future happening, dated by the date announced).
    """

    date: str
    text: str
    article_id: str
    event_id: str | None = None
    kind: TimelineKind = "development"
    sources: list[str] = field(default_factory=list)
    storyline_id: str | None = None


@dataclass(slots=True)
class SummarySentence:
    """One extractive summary sentence with its citations and corroboration."""

    storyline_id: str
    text: str
    sources: list[str] = field(default_factory=list)
    outlets: int = 0
    independent: int = 0
    fact_id: str | None = None


@dataclass(slots=True)
class FactSentence:
    """A sentence (index into ``Article.sentences``) that states a fact."""

    article_id: str
    sentence: int


@dataclass(slots=True)
class Fact:
    """One thing a storyline's articles state (a quote, a figure, a claim), with every
    sentence that states it and its corroboration.

    ``text`` is the representative sentence (``article_id``, ``start``/``end`` into its
    clean text; an attribution tail may be trimmed). ``outlets`` are distinct outlets
    (an article without one counts as its own, by id); ``independent`` counts sources
    after merging articles linked by text reuse. ``date`` is the earliest source date.
    """

    id: str
    storyline_id: str
    text: str
    article_id: str
    start: int
    end: int
    sentences: list[FactSentence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    independent: int = 0
    date: str | None = None
    centrality: float = 0.0
    score: float = 0.0


@dataclass(slots=True)
class Coverage:
    """What one outlet alone reported in a storyline."""

    storyline_id: str
    outlet: str
    unique_facts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Digest:
    """Everything marsad learned from a set of articles: the report's content."""

    articles: list[Article] = field(default_factory=list)
    reuse: list[Reuse] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    storylines: list[Storyline] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    reuse_groups: list[ReuseGroup] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    # Articles a corpus stage failed on, left out of the results (quarantined):
    # article id → one line naming the stage and the error.
    skipped: dict[str, str] = field(default_factory=dict)

    def article(self, article_id: str) -> Article:
        """The article with this id (KeyError if absent)."""
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(article_id)


def article_record(article: Article) -> dict[str, Any]:
    """An article as the report contract spells it (no raw body)."""
    return {
        "id": article.id,
        "path": article.path,
        "outlet": article.outlet,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "published_from": article.published_from,
        "paragraphs": list(article.paragraphs),
        "removed": [dataclasses.asdict(r) for r in article.removed],
        "sentences": [dataclasses.asdict(s) for s in article.sentences],
    }


def digest_record(digest: Digest) -> dict[str, Any]:
    """The whole digest as ``report.json`` (schema ``marsad.report/1``)."""
    asdict = dataclasses.asdict
    return {
        "schema": SCHEMA,
        "articles": [article_record(a) for a in digest.articles],
        "reuse": [asdict(r) for r in digest.reuse],
        "reuse_groups": [asdict(g) for g in digest.reuse_groups],
        "events": [asdict(e) for e in digest.events],
        "storylines": [asdict(s) for s in digest.storylines],
        "entities": [asdict(e) for e in digest.entities],
        "quotes": [asdict(q) for q in digest.quotes],
        "timeline": [asdict(t) for t in digest.timeline],
        "summary": [asdict(s) for s in digest.summary],
        "coverage": [asdict(c) for c in digest.coverage],
        "facts": [asdict(f) for f in digest.facts],
    }
