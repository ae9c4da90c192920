"""The Spark digest job: the single-machine stages, applied per partition and per block.

::

    inputs ─▶ read (per file: the ingest readers) ─▶ first occurrence of each id
           ─▶ prepare (per partition: clean + sentences, pipeline.prepare)
           ├─▶ near-duplicates (signatures per partition, LSH bands as keys,
           │    join + verify, connected components)          → near_duplicates, duplicate_groups
           └─▶ blocks (time window × key terms, components)  ─▶ per piece: pipeline.STAGES
                (reuse, entities, quotes, timeline, stories, summary) ─▶ merge per component
                                                                → reuse, events, storylines, …
           ─▶ Parquet tables with the report contract's content (marsad.spark.tables)

:func:`digest_piece` runs the pipeline's own ``STAGES`` on one piece's prepared
articles, exactly as :func:`marsad.pipeline.digest` does on a whole digest;
:func:`merge_component` joins the pieces of an oversized component (see
:mod:`marsad.spark.blocks`): its pieces run the per-article layer (cleaning, sentences,
NER: the bulk of the work), and every corpus stage (entities, quotes, reuse, timeline,
stories, summary) then runs once over all the component's articles with the pieces'
mentions, so a name or an event whose articles fall in different pieces is resolved as
the single machine resolves it (canonicalization weighs digest-wide evidence: on a
six-article piece «مدينة عدن» became «عدن», on the component it does not).
"""
from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.model import (
    Article,
    Coverage,
    Digest,
    Entity,
    Event,
    Fact,
    Mention,
    Quote,
    Reuse,
    ReuseGroup,
    Storyline,
    SummarySentence,
    TimelineEntry,
)
from marsad.spark.blocks import BlockSettings
from marsad.spark.neardup import NearDupSettings

#: Stages an oversized component runs once over all its articles (all the corpus
#: stages); its pieces run only the per-article layer (NER dominates the cost).
COMPONENT_STAGES = ("entities", "quotes", "reuse", "timeline", "stories", "summary")

__all__ = ["SparkDigestSettings", "PieceResult", "digest_piece", "merge_component", "merge_entities", "run_digest"]


@dataclass(frozen=True, slots=True)
class SparkDigestSettings:
    """Everything a Spark digest run can be tuned by (the CLI fills one)."""

    summary_words: int = 120
    near: NearDupSettings = field(default_factory=NearDupSettings)
    blocks: BlockSettings = field(default_factory=BlockSettings)
    partitions: int | None = None


@dataclass(slots=True)
class PieceResult:
    """What the stages found in one piece, restricted to what the piece owns."""

    component: str
    piece: str
    size: int
    core: frozenset[str]
    reuse: list[Reuse]
    reuse_groups: list[ReuseGroup]
    events: list[Event]
    storylines: list[Storyline]
    entities: list[Entity]
    entity_counts: dict[str, tuple[int, list[str]]]
    quotes: list[Quote]
    timeline: list[TimelineEntry]
    summary: list[SummarySentence]
    coverage: list[Coverage]
    facts: list[Fact]
    published: dict[str, str | None]
    outlets: dict[str, str | None]
    seconds: dict[str, float]
    #: Only for a piece of an oversized component (the component re-clusters them):
    #: its core articles with their corpus order, and the mentions in them.
    core_articles: list[tuple[tuple[int, int], Article]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def digest_piece(
    component: str,
    piece: str,
    members: Iterable[tuple[tuple[int, int], Article, bool]],
    summary_words: int,
    whole: bool = True,
) -> PieceResult:
    """Run the pipeline's corpus ``STAGES`` on one piece (members in corpus order).

    ``whole`` is False for a piece of an oversized component: ``COMPONENT_STAGES`` are
    left to :func:`merge_component`, which runs them over the whole component, and the
    piece hands back its core articles and their mentions for it.
    """
    from marsad import pipeline

    rows = sorted(members, key=lambda m: m[0])
    articles = [a for _, a, _ in rows]
    core = frozenset(a.id for _, a, is_core in rows if is_core)
    result = Digest(articles=articles)
    options = pipeline.Options(summary_words=summary_words, workers=1)
    # The NER mentions come from the per-article layer, as in pipeline.digest (the
    # corpus stages never tag); a halo article of two pieces is tagged in each.
    _, result.mentions = pipeline.analyse_articles(articles, options, prepared=True)
    for name, stage in pipeline.STAGES:
        if not whole and name in COMPONENT_STAGES:
            continue
        started = time.perf_counter()
        stage(result, options)
        result.stage_seconds[name] = time.perf_counter() - started
    return PieceResult(
        component=component,
        piece=piece,
        size=len(articles),
        core=core,
        reuse=[r for r in result.reuse if min(r.a, r.b) in core],
        reuse_groups=result.reuse_groups,
        events=result.events,
        storylines=result.storylines,
        entities=result.entities,
        entity_counts=_entity_counts(result.mentions, core),
        quotes=[q for q in result.quotes if q.article_id in core],
        timeline=[t for t in result.timeline if t.article_id in core],
        summary=result.summary,
        coverage=result.coverage,
        facts=result.facts,
        published={a.id: a.published for a in articles},
        outlets={a.id: a.outlet for a in articles},
        seconds=dict(result.stage_seconds),
        core_articles=[] if whole else [(order, a) for order, a, is_core in rows if is_core],
        mentions=[] if whole else [m for m in result.mentions if m.article_id in core],
    )


def merge_component(pieces: Sequence[PieceResult], summary_words: int = 120) -> dict[str, list[Any]]:
    """Records of one component from its pieces.

    One piece: its records as they are. Several (an oversized component, see
    :mod:`marsad.spark.blocks`): the mentions and quotes of each piece's core articles
    are joined, then the pipeline's reuse, timeline, stories and summary stages
    (``COMPONENT_STAGES``) run once over all the component's articles, so reuse links,
    events, storylines, summaries, coverage and facts come out as the single machine
    makes them from the same mentions.
    """
    from marsad import pipeline

    pieces = sorted(pieces, key=lambda p: p.piece)
    out: dict[str, list[Any]] = defaultdict(list)
    names = ("reuse", "quotes", "reuse_groups", "events", "storylines", "timeline", "summary", "coverage", "facts")
    if len(pieces) == 1:
        for name in names:
            out[name].extend(getattr(pieces[0], name))
        return out
    rows = sorted((row for p in pieces for row in p.core_articles), key=lambda row: row[0])
    result = Digest(articles=[a for _, a in rows])
    result.mentions = [m for p in pieces for m in p.mentions]
    options = pipeline.Options(summary_words=summary_words)
    for name, stage in pipeline.STAGES:
        if name in COMPONENT_STAGES:
            stage(result, options)
    for name in names:
        out[name].extend(getattr(result, name))
    counts = _entity_counts(result.mentions, frozenset(a.id for a in result.articles))
    out["entity_parts"].extend(_parts(result.entities, counts))
    return out


def _entity_counts(mentions: Iterable[Mention], core: frozenset[str]) -> dict[str, tuple[int, list[str]]]:
    """``entity id -> (mentions, sorted article ids)`` over the ``core`` articles."""
    counts: dict[str, tuple[int, set[str]]] = {}
    for mention in mentions:
        if mention.entity_id is None or mention.article_id not in core:
            continue
        n, ids = counts.get(mention.entity_id, (0, set()))
        ids.add(mention.article_id)
        counts[mention.entity_id] = (n + 1, ids)
    return {k: (n, sorted(ids)) for k, (n, ids) in counts.items()}


def _parts(entities: Iterable[Entity], counts: dict[str, tuple[int, list[str]]]) -> Iterable[tuple[str, tuple[Entity, int, list[str]]]]:
    for entity in entities:
        n, ids = counts.get(entity.id, (0, []))
        if n:
            yield entity.id, (entity, n, ids)


def entity_parts(piece: PieceResult) -> Iterable[tuple[str, tuple[Entity, int, list[str]]]]:
    """``(entity id, (entity, core mentions, core article ids))`` of one piece (none for
    a piece of an oversized component: its entities come from :func:`merge_component`)."""
    return _parts(piece.entities, piece.entity_counts)


def merge_entities(a: tuple[Entity, int, list[str]], b: tuple[Entity, int, list[str]]) -> tuple[Entity, int, list[str]]:
    """One entity seen in two blocks: variants and roles united, mentions added.

    Ids are a hash of the canonical name and type, so equal ids name the same entity.
    """
    ea, na, ia = a
    eb, nb, ib = b
    variants = list(dict.fromkeys([*ea.variants, *eb.variants]))
    roles = list(dict.fromkeys([*ea.roles, *eb.roles]))
    merged = dataclasses.replace(ea, variants=variants, roles=roles)
    return merged, na + nb, sorted(set(ia) | set(ib))


def run_digest(
    spark: Any,
    inputs: Sequence[str],
    out: str,
    settings: SparkDigestSettings | None = None,
    warn: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Digest ``inputs`` on ``spark`` and write the Parquet tables under ``out``.

    Returns counts and stage wall times. Unreadable records are reported through
    ``warn`` (one line each, the first 100) and counted; the rest goes on.
    """
    from marsad import pipeline
    from marsad.ingest.article import IngestError
    from marsad.spark.blocks import blocks_rdd
    from marsad.spark.neardup import duplicate_groups, near_duplicate_pairs_rdd, signatures_of
    from marsad.spark.sources import SparkInputError, list_inputs, read_corpus
    from marsad.spark.tables import write_tables

    settings = settings or SparkDigestSettings()
    warn = warn or (lambda message: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    files = list_inputs(spark, inputs)
    if not files:
        raise SparkInputError(f"{', '.join(inputs)}: no input files")
    items = read_corpus(spark, files, settings.partitions).cache()
    errors = items.filter(lambda kv: isinstance(kv[1], IngestError))
    error_count = errors.count()
    for _, error in errors.takeOrdered(100, key=lambda kv: kv[0]):
        warn(str(error))
    # first occurrence of each id, as pipeline.unique_articles keeps it
    firsts = (
        items.filter(lambda kv: not isinstance(kv[1], IngestError))
        .map(lambda kv: (kv[1].id, (kv[0], kv[1])))
        .reduceByKey(lambda x, y: x if x[0] <= y[0] else y)
    )
    prepared = firsts.mapValues(lambda ka: (ka[0], pipeline.prepare(ka[1]))).cache()
    article_count = prepared.count()
    items.unpersist()
    timings["read+prepare"] = time.perf_counter() - started
    if article_count == 0:
        raise SparkInputError(f"no article could be read from {', '.join(inputs)} ({error_count} bad inputs)")

    started = time.perf_counter()
    near = settings.near
    signatures = prepared.values().map(lambda ka: ka[1]).mapPartitions(lambda rows: signatures_of(rows, near)).cache()
    near_pairs = near_duplicate_pairs_rdd(signatures, near).cache()
    groups = duplicate_groups(near_pairs).cache()
    pair_count, group_count = near_pairs.count(), groups.count()
    signatures.unpersist()
    timings["near-duplicates"] = time.perf_counter() - started

    started = time.perf_counter()
    assignment = blocks_rdd(prepared.mapValues(lambda ka: ka[1]), near_pairs.keys(), settings.blocks).cache()
    words = settings.summary_words
    members = assignment.join(prepared).map(lambda kv: (kv[1][0][1], (kv[1][0][0], kv[1][1][0], kv[1][1][1], kv[1][0][2])))
    # components cut into pieces: their stories and summary run once per component
    oversized = spark.sparkContext.broadcast(
        set(assignment.filter(lambda kv: not kv[1][1].endswith("/0")).map(lambda kv: kv[1][0]).distinct().collect())
    )
    pieces = members.groupByKey().map(
        lambda kv: digest_piece(
            next(iter(kv[1]))[0], kv[0], [(m[1], m[2], m[3]) for m in kv[1]], words, whole=next(iter(kv[1]))[0] not in oversized.value
        )
    ).cache()
    piece_count = pieces.count()
    components = (
        pieces.map(lambda p: (p.component, p)).groupByKey().mapValues(lambda ps: merge_component(list(ps), words)).values().cache()
    )
    entities = pieces.flatMap(entity_parts).union(components.flatMap(lambda parts: parts.get("entity_parts", []))).reduceByKey(merge_entities).map(
        lambda kv: dataclasses.replace(kv[1][0], mentions=kv[1][1], article_ids=kv[1][2])
    )
    block_sizes = assignment.map(lambda kv: (kv[1][0], 1)).reduceByKey(lambda a, b: a + b).values()
    stats = block_sizes.stats() if article_count else None
    timings["blocks+stages"] = time.perf_counter() - started

    started = time.perf_counter()
    counts = write_tables(
        spark,
        out,
        articles=prepared.values().map(lambda ka: ka[1]),
        near_pairs=near_pairs,
        duplicate_groups=groups,
        components=components,
        entities=entities,
        assignment=assignment,
    )
    timings["write"] = time.perf_counter() - started
    for rdd in (prepared, near_pairs, groups, assignment, pieces, components):
        rdd.unpersist()
    return {
        "files": len(files),
        "articles": article_count,
        "unreadable": error_count,
        "near_duplicate_pairs": pair_count,
        "duplicate_groups": group_count,
        "blocks": int(stats.count()) if stats else 0,
        "largest_block": int(stats.max()) if stats else 0,
        "pieces": piece_count,
        **{f"rows_{name}": n for name, n in counts.items()},
        "seconds": {k: round(v, 2) for k, v in timings.items()},
    }
