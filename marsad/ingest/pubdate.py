"""The publication date an article's own text gives, against a lagging metadata date.

Crawled corpora often stamp an article with the time it was fetched, a day or two
after it was written (SaudiNewsNet's ``date_extracted``). The text then gives itself
away: «اليوم الخميس», «أمس الأربعاء», or a dateline. When every such self-dating
expression of an article points to one day, and the metadata date is one to
``MAX_LAG_DAYS`` days after it, the text wins — so «اليوم» and «أمس» resolve to the
right days on the timeline and the article sits on the day it was published.

Precision first: expressions that disagree, a bare weekday, or a text date after the
metadata date change nothing.
"""
from __future__ import annotations

import datetime as dt

from marsad.ingest.dates import WEEKDAY_NAMES
from marsad.arabic.normalize import normalize
from marsad.ingest.metadata import published_from_text

__all__ = ["MAX_LAG_DAYS", "self_dated", "corrected_publication_date"]

#: The most days a crawl date may lag the real publication date.
MAX_LAG_DAYS = 3
#: Characters of the body searched for self-dating expressions.
SEARCH_CHARS = 4000

_WEEKDAYS = frozenset(normalize(s).lower() for spellings in WEEKDAY_NAMES.values() for s in spellings if not s.isascii())


def _days_back(expression: str) -> int | None:
    """0 for «اليوم <weekday>», 1 for «أمس <weekday>», 2 for «أول أمس <weekday>»; None
    for anything else (a relative word without a weekday does not date the text: the
    weekday is what disagrees with a lagging crawl date)."""
    words = [w.lstrip("وفبل") if w not in _WEEKDAYS else w for w in normalize(expression).replace("(", " ").replace(")", " ").replace("،", " ").split()]
    if not any(w in _WEEKDAYS or w.removeprefix("ال") in _WEEKDAYS for w in words):
        return None
    if "اليوم" in words:
        return 0
    if "امس" in words or "الامس" in words:
        return 2 if ("اول" in words or "الاول" in words) else 1
    return None


def self_dated(text: str, metadata: dt.date) -> dt.date | None:
    """The one day the text's «اليوم/أمس + weekday» expressions and dateline agree on as
    its own date, or None (none found, or they disagree)."""
    from marsad.timeline import find_time_expressions  # timeline builds on ingest's dates

    implied: set[dt.date] = set()
    for expression in find_time_expressions(text[:SEARCH_CHARS], metadata):
        back = _days_back(expression.text) if expression.relative and len(expression.date) == 10 else None
        if back is not None:
            implied.add(dt.date.fromisoformat(expression.date) + dt.timedelta(days=back))
    dateline = published_from_text(text)
    if dateline is not None and len(dateline.iso) == 10:
        implied.add(dt.date.fromisoformat(dateline.iso))
    return implied.pop() if len(implied) == 1 else None


def corrected_publication_date(text: str, metadata_iso: str) -> str | None:
    """The text's own date (ISO) when the metadata date lags it by 1..``MAX_LAG_DAYS``
    days, else None (keep the metadata date)."""
    try:
        metadata = dt.date.fromisoformat(metadata_iso[:10])
    except ValueError:
        return None
    own = self_dated(text, metadata)
    if own is None or not 1 <= (metadata - own).days <= MAX_LAG_DAYS:
        return None
    return own.isoformat()
