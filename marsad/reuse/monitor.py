"""Incremental near-duplicate and copy detection for a long-running monitor.

:class:`ReuseMonitor` keeps a window of recent articles: each :meth:`~ReuseMonitor.update`
shingles and signs the new articles in one numpy batch, queries the LSH index for
each (earlier articles, and earlier ones of the same batch), verifies candidates on
the exact shingle sets, aligns the sentences of every near-duplicate pair, then lets
the new articles join the index. :meth:`~ReuseMonitor.evict` (called by ``update``
with the window) drops articles older than the window from the index, the shingle
sets, the sentence features and the document frequencies, so memory stays the size
of the window however long the monitor runs.

The batch stage (:func:`marsad.reuse.find_reuse`) also finds rewritten copies that
share few 5-grams (rare-word and low-threshold candidates) and groups articles; the
monitor reports document-level copies only, which is what must be cheap per article.

Example:
    >>> from marsad.model import Article
    >>> from marsad.pipeline import prepare
    >>> text = "قال المتحدث باسم الوزارة إن الاجتماع سيعقد غدا في الرياض بحضور الوزراء المعنيين."
    >>> monitor = ReuseMonitor(window_days=7)
    >>> monitor.update([prepare(Article(id="a", path="a", body=text, published="2015-08-01"))])
    []
    >>> links = monitor.update([prepare(Article(id="b", path="b", body=text, published="2015-08-02"))])
    >>> [(l.a, l.b, l.near_duplicate) for l in links]
    [('a', 'b', True)]
    >>> monitor.update([], now="2015-08-20")
    []
    >>> len(monitor)
    0
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from marsad.model import Article, Reuse
from marsad.reuse.align import SentenceFeatures, align_sentences, sentence_features, sentence_weights
from marsad.reuse.detect import ReuseSettings, exact_jaccard
from marsad.reuse.lsh import LSHIndex
from marsad.reuse.minhash import oph_signatures
from marsad.reuse.shingle import shingle_batch

__all__ = ["ReuseMonitor"]


def _day(value: str | None) -> float | None:
    """An ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) as a day number."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return float(dt.date(year, month, day).toordinal())
    except (ValueError, IndexError):
        return None


@dataclass(slots=True)
class _Entry:
    shingles: np.ndarray
    sentences: list[SentenceFeatures]
    day: float


class ReuseMonitor:
    """A sliding window of articles that new articles are compared with.

    Args:
        settings: reuse tunables (threshold, shingle size, signature length…).
        window_days: articles older than the newest date seen minus this many days
            are evicted (an undated article takes the newest date seen).
    """

    def __init__(self, settings: ReuseSettings | None = None, window_days: float = 7.0) -> None:
        if window_days <= 0:
            raise ValueError(f"window_days must be positive, got {window_days}")
        self.settings = settings or ReuseSettings()
        self.window_days = window_days
        self.index = LSHIndex(
            threshold=self.settings.threshold, num_perm=self.settings.num_perm, false_negative=self.settings.false_negative
        )
        self._entries: dict[str, _Entry] = {}
        self._df: Counter[str] = Counter()
        self._latest: float | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def _idf(self) -> tuple[dict[str, float], float]:
        count = max(len(self._entries), 1)
        return {t: math.log(1.0 + count / n) for t, n in self._df.items()}, math.log(1.0 + count)

    def update(self, articles: Sequence[Article], now: str | None = None) -> list[Reuse]:
        """Compare ``articles`` (prepared: sentences filled) with the window and with
        each other, add them, evict what fell out of the window; returns the new links
        (``a`` = the article already in the window, ``b`` = the new one)."""
        days = [_day(a.published) for a in articles]
        for day in [*days, _day(now)]:
            if day is not None and (self._latest is None or day > self._latest):
                self._latest = day
        fresh = [a for a in articles if a.id not in self._entries]
        links: list[Reuse] = []
        if fresh:
            batch = shingle_batch([a.clean_text for a in fresh], k=self.settings.shingle_size)
            signatures = oph_signatures(batch, self.settings.num_perm)
            sets = batch.shingle_sets()
            keys = self.index.band_keys(signatures)
            found: list[tuple[str, int, float]] = []
            for k, article in enumerate(fresh):
                if sets[k].size == 0:
                    continue
                for other, _ in self.index.similar(signatures[k], keys[k], threshold=self.settings.threshold - 0.15):
                    jac = exact_jaccard(self._entries[other].shingles, sets[k])
                    if jac >= self.settings.threshold:
                        found.append((other, k, jac))
                features = [sentence_features(s) for s in article.sentences]
                day = _day(article.published)
                entry = _Entry(sets[k], features, day if day is not None else (self._latest or 0.0))
                self._entries[article.id] = entry
                self._df.update(set().union(*(f.stems for f in features)) if features else ())
                self.index.insert(article.id, signatures[k], time=entry.day, band_keys=keys[k])
            idf, default = self._idf()
            for other, k, jac in found:
                old, new = self._entries[other], self._entries[fresh[k].id]
                pairs = align_sentences(
                    old.sentences, new.sentences, idf, default, self.settings.alignment,
                    weights_a=sentence_weights(old.sentences, idf, default),
                    weights_b=sentence_weights(new.sentences, idf, default),
                )
                n_a, n_b = len(old.sentences), len(new.sentences)
                links.append(
                    Reuse(
                        a=other,
                        b=fresh[k].id,
                        containment_a=round(len({p.a for p in pairs}) / n_a, 3) if n_a else 0.0,
                        containment_b=round(len({p.b for p in pairs}) / n_b, 3) if n_b else 0.0,
                        pairs=pairs,
                        near_duplicate=True,
                        jaccard=round(jac, 3),
                    )
                )
        if self._latest is not None:
            self.evict(self._latest - self.window_days)
        return links

    def evict(self, before_day: float) -> int:
        """Forget articles dated before ``before_day`` (a day number); returns how many."""
        stale = [key for key, entry in self._entries.items() if entry.day < before_day]
        self.index.evict_before(before_day)
        for key in stale:
            entry = self._entries.pop(key)
            if key in self.index:
                self.index.remove(key)
            for term in set().union(*(f.stems for f in entry.sentences)) if entry.sentences else ():
                self._df[term] -= 1
                if self._df[term] <= 0:
                    del self._df[term]
        return len(stale)
