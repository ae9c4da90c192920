"""Reuse groups and their likely original.

Articles linked by reuse form a group (a connected component of the links). Which one
is the source? Two clues, in this order:

1. **Time**: a re-publication cannot precede its source, so only the articles dated on
   the group's earliest known date — or undated, since they may be older — can be the
   original.
2. **Attribution**: among those, one that names the news agency the copy comes from
   (رويترز، فرانس برس، وكالة الأنباء السعودية «واس»…) is closest to the wire; outlets
   that re-edit the copy often drop the credit.

Remaining ties go to the earliest dated, then the fullest text (re-publications cut),
then the id, so the choice is deterministic. Each group says which clue decided.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from marsad.arabic.normalize import normalize
from marsad.model import AlignedPair, Article, Reuse, ReuseGroup

__all__ = ["named_agency", "group_links", "AGENCIES"]

#: Normalized agency name patterns → canonical display name.
AGENCIES: dict[str, str] = {
    r"رويترز": "رويترز",
    r"فرانس\s*برس|\bا\s*ف\s*ب\b": "فرانس برس",
    r"اسوشيتد\s*برس|اسوشييتد\s*برس": "أسوشيتد برس",
    r"الاناضول": "الأناضول",
    r"وكاله\s+الانباء\s+السعوديه|\(?\bواس\b\)?": "واس",
    r"وكاله\s+الانباء\s+الكويتيه|\bكونا\b": "كونا",
    r"وكاله\s+الانباء\s+القطريه|\bقنا\b": "قنا",
    r"وكاله\s+انباء\s+الامارات|\bوام\b": "وام",
    r"وكاله\s+الانباء\s+السوريه|\bسانا\b": "سانا",
    r"الوكاله\s+الوطنيه\s+للاعلام": "الوكالة الوطنية للإعلام",
    r"ريا\s*نوفوستي|سبوتنيك": "ريا نوفوستي",
    r"\bتاس\b|ايتار\s*تاس": "تاس",
    r"شينخوا": "شينخوا",
    r"د\s*ب\s*ا\b|الالمانيه\s+للانباء": "د ب أ",
    r"يونايتد\s*برس|يو\s*بي\s*اي": "يونايتد برس",
}
#: Any other "news agency" credit, used only when no named agency is found.
_GENERIC_AGENCY = re.compile(r"وكاله\s+(?:الانباء|انباء)\s+\S+|وكاله\s+\S+\s+للانباء")
def _hints(pattern: str) -> tuple[str, ...]:
    """The longest run of Arabic letters of each alternative of an agency pattern: a
    word one of which every match holds (``\\bكونا\\b`` needs «كونا»)."""
    return tuple(max(re.findall(r"[\u0621-\u064a]+", alternative) or [""], key=len) for alternative in pattern.split("|"))


#: Each agency's pattern with the words one of which its every match holds: a text
#: is searched for an agency only when it holds one (a pattern opening with ``\\b``
#: is tried at every position of the text; the agencies in one alternation were
#: ~0.7 ms an article).
_AGENCY_SEARCH = [(re.compile(pattern), _hints(pattern), name) for pattern, name in AGENCIES.items()]


def named_agency(text: str) -> str | None:
    """The first news agency ``text`` credits (canonical name), or None: the agency
    whose pattern matches first in the text (the earlier-listed one at a tie), as one
    alternation of them all would find it."""
    norm = normalize(text)
    first: tuple[int, str] | None = None
    for pattern, hints, name in _AGENCY_SEARCH:
        if not any(hint in norm for hint in hints):
            continue
        match = pattern.search(norm)
        if match is not None and (first is None or match.start() < first[0]):
            first = (match.start(), name)
    if first is not None:
        return first[1]
    return "وكالة أنباء" if _GENERIC_AGENCY.search(norm) else None


def _flip(link: Reuse) -> Reuse:
    return Reuse(
        a=link.b,
        b=link.a,
        containment_a=link.containment_b,
        containment_b=link.containment_a,
        pairs=sorted(
            (AlignedPair(a=p.b, b=p.a, similarity=p.similarity, kind=p.kind) for p in link.pairs),
            key=lambda p: (p.a, p.b),
        ),
        near_duplicate=link.near_duplicate,
        jaccard=link.jaccard,
    )


def _components(count: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(count))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, list[int]] = {}
    for i, j in edges:
        for x in (i, j):
            members.setdefault(find(x), [])
    for x in range(count):
        root = find(x)
        if root in members:
            members[root].append(x)
    return [sorted(m) for m in members.values()]


def _rank(articles: Sequence[Article], member: list[int]) -> tuple[list[int], str, str | None]:
    """Members ordered most-original first, the deciding clue and the agency named."""
    dates = [articles[i].published for i in member if articles[i].published]
    first = min(dates) if dates else None
    agency = {i: named_agency(articles[i].clean_text) for i in member}

    def key(i: int) -> tuple:
        date = articles[i].published
        eligible = first is None or date is None or date <= first
        return (not eligible, agency[i] is None, date or "9999", -len(articles[i].clean_text), articles[i].id)

    order = sorted(member, key=key)
    top = order[0]
    eligible = [i for i in member if key(i)[0] is False]
    if agency[top] is not None and any(agency[i] is None for i in eligible):
        reason = "agency"
    elif articles[top].published and any(
        articles[i].published is None or articles[i].published > articles[top].published for i in member if i != top
    ):
        reason = "earliest"
    elif agency[top] is not None and len(eligible) == 1:
        reason = "agency"
    else:
        reason = "longest"
    return order, reason, agency[top]


def _group_edges(links: Sequence[tuple[int, int, Reuse]], strong_share: float) -> list[tuple[int, int]]:
    """Edges that make groups: *strong* links (near-duplicates, or both articles
    sharing at least ``strong_share`` of their sentences in three pairs or more — two
    short royal-news items can share just the long honorific title) join groups; an article with
    only weak links (it reuses or lends a few sentences) joins the group of its
    strongest partner, but never bridges two groups. Without that rule a round-up
    article quoting two agency stories would merge them into one group."""
    strong = [
        (i, j)
        for i, j, link in links
        if link.near_duplicate or (min(link.containment_a, link.containment_b) >= strong_share and len(link.pairs) >= 3)
    ]
    in_strong = {x for edge in strong for x in edge}
    best: dict[int, tuple[tuple[float, float], int]] = {}
    for i, j, link in links:
        if (i, j) in strong:
            continue
        for me, other, share in ((i, j, link.containment_a), (j, i, link.containment_b)):
            if me in in_strong:
                continue
            key = (share, link.jaccard)
            if me not in best or key > best[me][0] or (key == best[me][0] and other < best[me][1]):
                best[me] = (key, other)
    weak = [(me, other) for me, (_, other) in sorted(best.items())]
    return strong + weak


def group_links(
    articles: Sequence[Article], links: Sequence[tuple[int, int, Reuse]], strong_share: float = 0.5
) -> tuple[list[ReuseGroup], list[Reuse]]:
    """Groups of linked articles with their likely original, and the links oriented
    so that ``a`` is the more original article of each pair (within a group; a link
    between two groups keeps its input order).

    ``links`` are ``(index_a, index_b, Reuse)`` with indexes into ``articles``.
    Groups come in order of their first article; links in the order given.
    """
    comps = _components(len(articles), _group_edges(links, strong_share))
    position: dict[int, int] = {}
    groups: list[ReuseGroup] = []
    near_members = {x for i, j, link in links if link.near_duplicate for x in (i, j)}
    for member in sorted(comps, key=lambda m: m[0]):
        order, reason, agency = _rank(articles, member)
        for rank, i in enumerate(order):
            position[i] = rank
        ids = [articles[i].id for i in order]
        digest = hashlib.blake2b("\n".join(sorted(ids)).encode(), digest_size=5).hexdigest()
        groups.append(
            ReuseGroup(
                id=f"rg-{digest}",
                article_ids=ids,
                original=ids[0],
                reason=reason,
                agency=agency,
                near_duplicate=all(i in near_members for i in member),
            )
        )
    group_of = {i: k for k, member in enumerate(comps) for i in member}
    oriented = [
        _flip(link) if group_of.get(i) == group_of.get(j) and position[i] > position[j] else link
        for i, j, link in links
    ]
    return groups, oriented
