"""Connected components of an edge RDD (min-label propagation, the "hash-to-min"
family of algorithms for MapReduce-style engines).

Every node starts labelled with itself; each round, every node takes the smallest
label among its own and its neighbours'. Labels only decrease, and after as many
rounds as the longest shortest path inside a component every node holds the
component's smallest node id — deterministic, so components get the same label on
every run. Near-duplicate and blocking graphs are shallow (a copy of a copy of a
wire story), so few rounds are needed; a round costs one join and one reduce. The
lineage is cut every few rounds (``localCheckpoint``) so long runs stay cheap.
"""
from __future__ import annotations

from typing import Any

__all__ = ["connected_components"]

_CUT_EVERY = 4


def connected_components(edges: Any, max_rounds: int = 200) -> Any:
    """``(node, label)`` for every node of ``edges`` (an RDD of node pairs), where
    ``label`` is the smallest node of its component. Nodes must be comparable
    (article ids: strings)."""
    adjacency = edges.flatMap(lambda e: [(e[0], e[1]), (e[1], e[0])]).distinct().cache()
    labels = adjacency.map(lambda kv: (kv[0], kv[0])).distinct().cache()
    for round_ in range(1, max_rounds + 1):
        offers = adjacency.join(labels).map(lambda kv: (kv[1][0], kv[1][1]))
        updated = labels.union(offers).reduceByKey(min)
        updated = updated.cache()
        if round_ % _CUT_EVERY == 0:
            updated.localCheckpoint()  # in place: later rounds do not replay this lineage
        changed = updated.join(labels).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels.unpersist()
        labels = updated
        if changed == 0:
            break
    adjacency.unpersist()
    return labels
