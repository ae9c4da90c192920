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
:mod:`marsad.spark.blocks`).
"""
from __future__ import annotations

import dataclasses
import math
import time
from collections import Counter, defaultdict
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
    Quote,
    Reuse,
    ReuseGroup,
    Storyline,
    SummarySentence,
    TimelineEntry,
)
from marsad.spark.blocks import BlockSettings
from marsad.spark.neardup import NearDupSettings

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


def digest_piece(component: str, piece: str, members: Iterable[tuple[tuple[int, int], Article, bool]], summary_words: int) -> PieceResult:
    """Run the pipeline's corpus ``STAGES`` on one piece (members in corpus order)."""
    from marsad import pipeline

    rows = sorted(members, key=lambda m: m[0])
    articles = [a for _, a, _ in rows]
    core = frozenset(a.id for _, a, is_core in rows if is_core)
    result = Digest(articles=articles)
    options = pipeline.Options(summary_words=summary_words)
    for name, stage in pipeline.STAGES:
        started = time.perf_counter()
        stage(result, options)
        result.stage_seconds[name] = time.perf_counter() - started
    counts: dict[str, tuple[int, set[str]]] = {}
    for mention in result.mentions:
        if mention.entity_id is None or mention.article_id not in core:
            continue
        n, ids = counts.get(mention.entity_id, (0, set()))
        ids.add(mention.article_id)
        counts[mention.entity_id] = (n + 1, ids)
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
        entity_counts={k: (n, sorted(ids)) for k, (n, ids) in counts.items()},
        quotes=[q for q in result.quotes if q.article_id in core],
        timeline=[t for t in result.timeline if t.article_id in core],
        summary=result.summary,
        coverage=result.coverage,
        facts=result.facts,
        published={a.id: a.published for a in articles},
        outlets={a.id: a.outlet for a in articles},
        seconds=dict(result.stage_seconds),
    )


def _union_find(groups: Sequence[Sequence[str]]) -> list[list[int]]:
    """Indexes of ``groups`` joined when they share a member."""
    parent = list(range(len(groups)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, int] = {}
    for i, members in enumerate(groups):
        for member in members:
            if member in first:
                a, b = find(i), find(first[member])
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first[member] = i
    joined: dict[int, list[int]] = defaultdict(list)
    for i in range(len(groups)):
        joined[find(i)].append(i)
    return [joined[k] for k in sorted(joined)]


def _day(published: str | None) -> float:
    from marsad.stories.similarity import day_number

    return day_number(published)


def _order_ids(ids: Iterable[str], published: dict[str, str | None]) -> list[str]:
    """Ids by publication day (unknown last), then id — the clusterer's order."""
    def key(i: str) -> tuple:
        day = _day(published.get(i))
        return (math.isnan(day), 0.0 if math.isnan(day) else day, i)

    return sorted(set(ids), key=key)


def _span(ids: Sequence[str], published: dict[str, str | None]) -> tuple[str | None, str | None]:
    days = sorted(p[:10] for p in (published.get(i) for i in ids) if p and len(p) >= 10)
    if not days:
        return None, None
    return days[0], (days[-1] if days[-1] != days[0] else None)


def _merged(prefix: str, parts: Sequence[Any], published: dict, outlets: dict) -> tuple[str, list[str], str, str | None, str | None, list[str]]:
    """Id, ordered article ids, title, span and outlets of merged event/storyline parts."""
    from marsad.stories import stable_id

    ids = _order_ids((i for p in parts for i in p.article_ids), published)
    new_id = stable_id(prefix, ids[0])
    titled = next((p for p in parts if p.id == new_id), max(parts, key=lambda p: (len(p.article_ids), p.id)))
    start, end = _span(ids, published)
    return new_id, ids, titled.title, start, end, sorted({o for i in ids if (o := outlets.get(i))})


def merge_component(pieces: Sequence[PieceResult]) -> dict[str, list[Any]]:
    """Records of one component from its pieces.

    One piece: its records as they are. Several (an oversized component cut with an
    overlap): events sharing an article are merged into one (union of articles; id,
    date span and outlets re-derived by the clusterer's rules; title of the part
    whose founding article founds the union, else of the largest part); storylines
    that share an article likewise, with their event ids mapped to the merged events;
    reuse groups that share an article are merged (the original of the largest part
    kept); each merged storyline keeps the summary, coverage and facts of its largest
    part; per-article records come from the piece that owns the article.
    """
    from marsad.stories import link_timeline

    pieces = sorted(pieces, key=lambda p: p.piece)
    out: dict[str, list[Any]] = defaultdict(list)
    for p in pieces:
        out["reuse"].extend(p.reuse)
        out["quotes"].extend(p.quotes)
    if len(pieces) == 1:
        p = pieces[0]
        for name in ("reuse_groups", "events", "storylines", "timeline", "summary", "coverage", "facts"):
            out[name].extend(getattr(p, name))
        return out
    published: dict[str, str | None] = {}
    outlets: dict[str, str | None] = {}
    for p in pieces:
        published.update(p.published)
        outlets.update(p.outlets)
    # events
    events = [e for p in pieces for e in p.events]
    event_map: dict[str, str] = {}
    merged_events: list[Event] = []
    for group in _union_find([e.article_ids for e in events]):
        parts = [events[i] for i in group]
        new_id, ids, title, start, end, names = _merged("ev", parts, published, outlets)
        for part in parts:
            event_map[part.id] = new_id
        merged_events.append(Event(id=new_id, title=title, date=start, article_ids=ids, date_end=end, outlets=names))
    out["events"] = sorted(merged_events, key=lambda e: (e.date is None, e.date or "", e.id))
    # storylines, and their summaries from the largest part
    lines = [s for p in pieces for s in p.storylines]
    owner_of_line = {id(s): p for p in pieces for s in p.storylines}
    for group in _union_find([s.article_ids for s in lines]):
        parts = [lines[i] for i in group]
        new_id, ids, title, start, end, names = _merged("st", parts, published, outlets)
        event_ids = sorted({event_map.get(e, e) for s in parts for e in s.event_ids})
        out["storylines"].append(Storyline(id=new_id, title=title, event_ids=event_ids, article_ids=ids, date=start, date_end=end, outlets=names))
        largest = max(parts, key=lambda s: (len(s.article_ids), s.id))
        source = owner_of_line[id(largest)]
        out["summary"].extend(dataclasses.replace(s, storyline_id=new_id) for s in source.summary if s.storyline_id == largest.id)
        out["coverage"].extend(dataclasses.replace(c, storyline_id=new_id) for c in source.coverage if c.storyline_id == largest.id)
        out["facts"].extend(dataclasses.replace(f, storyline_id=new_id) for f in source.facts if f.storyline_id == largest.id)
    # reuse groups
    groups = [g for p in pieces for g in p.reuse_groups]
    for joined in _union_find([g.article_ids for g in groups]):
        parts = [groups[i] for i in joined]
        largest = max(parts, key=lambda g: (len(g.article_ids), g.id))
        rest = sorted({a for g in parts for a in g.article_ids} - {largest.original})
        ids = [largest.original] + rest
        if len(parts) == 1:
            out["reuse_groups"].append(largest)
        else:
            import hashlib

            digest = hashlib.blake2b("\n".join(sorted(ids)).encode(), digest_size=5).hexdigest()
            out["reuse_groups"].append(dataclasses.replace(largest, id=f"rg-{digest}", article_ids=ids, near_duplicate=all(g.near_duplicate for g in parts)))
    # per-article records were already restricted to the owning piece
    out["timeline"] = link_timeline([t for p in pieces for t in p.timeline], out["events"])
    seen: set[tuple[str, str]] = set()
    reuse = []
    for link in out["reuse"]:
        key = (min(link.a, link.b), max(link.a, link.b))
        if key not in seen:
            seen.add(key)
            reuse.append(link)
    out["reuse"] = reuse
    return out


def entity_parts(piece: PieceResult) -> Iterable[tuple[str, tuple[Entity, int, list[str]]]]:
    """``(entity id, (entity, core mentions, core article ids))`` of one piece."""
    for entity in piece.entities:
        n, ids = piece.entity_counts.get(entity.id, (0, []))
        if n:
            yield entity.id, (entity, n, ids)


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
    pieces = members.groupByKey().map(
        lambda kv: digest_piece(next(iter(kv[1]))[0], kv[0], [(m[1], m[2], m[3]) for m in kv[1]], words)
    ).cache()
    piece_count = pieces.count()
    components = pieces.map(lambda p: (p.component, p)).groupByKey().mapValues(lambda ps: merge_component(list(ps))).values().cache()
    entities = pieces.flatMap(entity_parts).reduceByKey(merge_entities).map(
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
