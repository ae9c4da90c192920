"""Names in page furniture: share bars and footers repeated across a digest.

An outlet's page template (``شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك``) is
cleaned away upstream when it is recognised; what slips through repeats word for word
in a large number of that outlet's articles, and its names (جوجل بلس) would become
top entities of every digest. News is not repeated like that: a wire story is
reprinted by a few outlets, each one once. :func:`drop_furniture` removes the
mentions whose surroundings (the name with the text before it, at the same offset)
occur in more articles than any reprinted story reaches.

Pure: mentions and texts in, mentions out.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from marsad.model import Mention

__all__ = ["drop_furniture"]

#: Characters of text before a name kept as its surroundings (a share bar opens an
#: article, so what follows the name is the article's own first words), and the
#: least of them that can tell a template (a dateline alone is no furniture).
_BEFORE = 60
_MIN_BEFORE = 20
#: Articles sharing one surrounding beyond which it is page furniture, not news (a
#: story reprinted by every outlet of a crawl reaches about 15).
_FURNITURE_ARTICLES = 20


def _context(m: Mention, text: str) -> tuple[int, str] | None:
    """Where the name stands and the text before it: a template puts its names at the
    same offset of every page, a formula of news (صاحب السمو الملكي الأمير …) anywhere."""
    if m.start < _MIN_BEFORE:
        return None
    return m.start, text[max(0, m.start - _BEFORE):m.end]


def drop_furniture(mentions: Sequence[Mention], texts: Mapping[str, str]) -> list[Mention]:
    """``mentions`` without those whose name and the text before it repeat verbatim,
    at the same offset, in more than :data:`_FURNITURE_ARTICLES` articles; order kept."""
    seen: dict[tuple[int, str], set[str]] = defaultdict(set)
    contexts: list[tuple[int, str] | None] = []
    for m in mentions:
        text = texts.get(m.article_id)
        context = _context(m, text) if text is not None else None
        if context is not None:
            seen[context].add(m.article_id)
        contexts.append(context)
    return [m for m, c in zip(mentions, contexts) if c is None or len(seen[c]) <= _FURNITURE_ARTICLES]
