"""Plain-text and JSON listings of reuse groups, for ``marsad reuse``.

Pure functions over records: which articles are copies of which, with the likely
original first and, for every re-publication, how it relates to the group.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from marsad.model import Article, Reuse, ReuseGroup

__all__ = ["group_lines", "listing_record"]


def _describe(article: Article) -> str:
    title = (article.title or (article.paragraphs[0] if article.paragraphs else "")).replace("\n", " ")
    if len(title) > 70:
        title = title[:69] + "…"
    parts = [article.outlet or "?", article.published or "?", f"«{title}»", f"[{article.id}]"]
    return " ".join(parts)


def group_lines(articles: Sequence[Article], links: Sequence[Reuse], groups: Sequence[ReuseGroup]) -> list[str]:
    """One block per group (largest first): the likely original and why, then each
    re-publication with its strongest link to another member."""
    by_id = {a.id: a for a in articles}
    best: dict[str, Reuse] = {}
    for link in links:
        current = best.get(link.b)
        if current is None or (link.near_duplicate, link.containment_b) > (current.near_duplicate, current.containment_b):
            best[link.b] = link
    out: list[str] = []
    for group in sorted(groups, key=lambda g: (-len(g.article_ids), g.id)):
        why = group.reason + (f": {group.agency}" if group.reason == "agency" and group.agency else "")
        kind = "near-duplicates" if group.near_duplicate else "shared text"
        out.append(f"{group.id} ({len(group.article_ids)} articles, {kind})")
        out.append(f"  original  {_describe(by_id[group.original])}  ({why})")
        for aid in group.article_ids[1:]:
            link = best.get(aid)
            how = ""
            if link is not None:
                how = (
                    f"  ({'near-duplicate, ' if link.near_duplicate else ''}5-gram Jaccard {link.jaccard:.2f}, "
                    f"{link.containment_b:.0%} of its sentences from [{link.a}])"
                )
            out.append(f"  copy      {_describe(by_id[aid])}{how}")
    return out


def listing_record(links: Sequence[Reuse], groups: Sequence[ReuseGroup]) -> dict[str, Any]:
    """``{"reuse_groups": [...], "reuse": [...]}`` as in ``report.json``."""
    return {
        "reuse_groups": [dataclasses.asdict(g) for g in groups],
        "reuse": [dataclasses.asdict(link) for link in links],
    }
