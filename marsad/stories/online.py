"""Online story clustering: articles arrive one at a time, in publication order.

:class:`OnlineStoryClusterer` keeps every stored article's profile (the same sparse
channels and scores as the batch clusterer, :mod:`.similarity`) and, for each new
article:

1. scores it against every stored article (one sparse product per channel);
2. joins the event with the highest *mean* event score over its members (average
   linkage, as in batch) if that reaches ``event_threshold``;
3. otherwise opens a new event, and places it in the storyline with the highest mean
   (over the storyline's events) of the per-event mean storyline score, or opens a
   new storyline.

Decisions are never revised, so ids are stable: an event's id is a hash of its
founding article's id (``ev-…``), a storyline's likewise (``st-…``) — the same rule
as batch, so the two agree wherever their clusters agree. :meth:`save`/:meth:`load`
persist the whole state in one ``.npz`` file (written to a temporary name and
renamed), so a restarted process continues with the same ids.
"""
from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from marsad.headline import headline
from marsad.model import Article, Event, Storyline
from marsad.stories.batch import EVENT_THRESHOLD, STORYLINE_THRESHOLD, stable_id
from marsad.stories.idf import N_FEATURES
from marsad.stories.recurring import mark_recurring
from marsad.stories.similarity import (
    CHANNELS,
    EVENT,
    STORYLINE,
    Profiles,
    StoryContext,
    build_profiles,
    combine,
    outlet_code,
    pair_features,
)

if TYPE_CHECKING:
    from marsad.stories.batch import StoryClusters

__all__ = ["OnlineStoryClusterer"]

_FORMAT = "marsad.stories.online/1"
_MERGE_EVERY = 32


class _RowStore:
    """Sparse rows appended one at a time and scored by dot product with a query row.

    Hashed feature ids (2**20 of them) are mapped to a compact vocabulary of the
    features actually stored, so no structure grows with the hash width. Full blocks
    are CSC — a query reads only its own columns' postings — merged like a binary
    counter (O(log n) blocks, amortized O(log n) work per row); the newest rows wait in
    flat arrays scored with one ``searchsorted``.
    """

    def __init__(self, width: int) -> None:
        self.width = width
        self.vocab: dict[int, int] = {}
        self.blocks: list[sp.csc_matrix] = []
        self.tail_indices: list[np.ndarray] = []
        self.tail_data: list[np.ndarray] = []

    def _compact(self, indices: np.ndarray, grow: bool) -> tuple[np.ndarray, np.ndarray]:
        """Compact ids of hashed ``indices`` (and which were known)."""
        vocab = self.vocab
        if grow:
            for i in indices.tolist():
                if i not in vocab:
                    vocab[i] = len(vocab)
        ids = np.array([vocab.get(i, -1) for i in indices.tolist()], dtype=np.int64)
        return ids, ids >= 0

    def append(self, indices: np.ndarray, data: np.ndarray) -> None:
        """Store one row given as hashed feature ids and their values."""
        ids, _ = self._compact(indices, grow=True)
        self.tail_indices.append(ids)
        self.tail_data.append(np.asarray(data, dtype=np.float64))
        if len(self.tail_indices) >= _MERGE_EVERY:
            self._flush()

    def _tail_matrix(self) -> sp.csc_matrix:
        lengths = [len(i) for i in self.tail_indices]
        rows = np.repeat(np.arange(len(lengths)), lengths)
        return sp.csc_matrix(
            (np.concatenate(self.tail_data), (rows, np.concatenate(self.tail_indices))),
            shape=(len(lengths), len(self.vocab)),
        )

    def _flush(self) -> None:
        if not self.tail_indices:
            return
        self.blocks.append(self._tail_matrix())
        self.tail_indices, self.tail_data = [], []
        while len(self.blocks) >= 2 and self.blocks[-2].shape[0] <= self.blocks[-1].shape[0]:
            last = self.blocks.pop()
            self.blocks[-1] = sp.vstack([_widen(self.blocks[-1], len(self.vocab)), _widen(last, len(self.vocab))], format="csc")

    def dot(self, indices: np.ndarray, data: np.ndarray) -> np.ndarray:
        """``stored_row · query`` for every stored row, in insertion order."""
        ids, known = self._compact(indices, grow=False)
        columns, values = ids[known], data[known]
        order = np.argsort(columns)
        columns, values = columns[order], values[order]
        parts = [_column_dot(block, columns, values) for block in self.blocks]
        if self.tail_indices:
            lengths = [len(i) for i in self.tail_indices]
            flat = np.concatenate(self.tail_indices)
            weights = np.concatenate(self.tail_data)
            rows = np.repeat(np.arange(len(lengths)), lengths)
            scores = np.zeros(len(lengths))
            if len(columns) and len(flat):
                pos = np.clip(np.searchsorted(columns, flat), 0, len(columns) - 1)
                hit = columns[pos] == flat
                scores = np.bincount(rows[hit], weights=weights[hit] * values[pos[hit]], minlength=len(lengths))
            parts.append(scores)
        return np.concatenate(parts) if parts else np.zeros(0)

    def matrix(self) -> sp.csr_matrix:
        """All rows in the hashed feature space (for saving)."""
        self._flush()
        if not self.blocks:
            return sp.csr_matrix((0, self.width))
        hashed = np.empty(len(self.vocab), dtype=np.int64)
        hashed[list(self.vocab.values())] = list(self.vocab.keys())
        compact = sp.vstack([_widen(b, len(self.vocab)) for b in self.blocks], format="csr")
        return sp.csr_matrix((compact.data, hashed[compact.indices], compact.indptr), shape=(compact.shape[0], self.width))

    @classmethod
    def of(cls, matrix: sp.csr_matrix) -> "_RowStore":
        store = cls(matrix.shape[1])
        for row in range(matrix.shape[0]):
            lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
            ids, _ = store._compact(matrix.indices[lo:hi], grow=True)
            store.tail_indices.append(ids)
            store.tail_data.append(matrix.data[lo:hi].astype(np.float64))
        store._flush()
        return store


def _column_dot(block: sp.csc_matrix, columns: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``block[:, columns] @ values`` from the CSC arrays directly (no scipy indexing)."""
    inside = columns < block.shape[1]
    columns, values = columns[inside], values[inside]
    starts, ends = block.indptr[columns], block.indptr[columns + 1]
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(block.shape[0])
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths) + np.arange(total)
    weights = block.data[offsets] * np.repeat(values, lengths)
    return np.bincount(block.indices[offsets], weights=weights, minlength=block.shape[0])


def _widen(block: sp.csc_matrix, width: int) -> sp.csc_matrix:
    """The same CSC block with empty columns added up to ``width``."""
    if block.shape[1] == width:
        return block
    indptr = np.concatenate([block.indptr, np.full(width - block.shape[1], block.indptr[-1], dtype=block.indptr.dtype)])
    return sp.csc_matrix((block.data, block.indices, indptr), shape=(block.shape[0], width))


class OnlineStoryClusterer:
    """Assigns articles to events and storylines as they arrive; state persists.

    Args:
        event_threshold: mean event score an article needs to join an event.
        storyline_threshold: mean storyline score a new event needs to join a storyline.

    Learned state (attributes with a trailing underscore): article ids, titles, dates,
    outlets and channel rows; the event of each article; the storyline of each event;
    event and storyline ids.
    """

    def __init__(self, event_threshold: float = EVENT_THRESHOLD, storyline_threshold: float = STORYLINE_THRESHOLD) -> None:
        if not 0.0 < event_threshold <= 1.0 or not 0.0 < storyline_threshold <= 1.0:
            raise ValueError("thresholds must lie in (0, 1]")
        self.event_threshold = event_threshold
        self.storyline_threshold = storyline_threshold
        self.article_ids_: list[str] = []
        self.titles_: list[str] = []
        self.published_: list[str] = []
        self.outlets_: list[str] = []
        self.days_ = np.zeros(0, dtype=np.float64)
        self.article_event_ = np.zeros(0, dtype=np.int64)
        self.event_ids_: list[str] = []
        self.event_storyline_ = np.zeros(0, dtype=np.int64)
        self.storyline_ids_: list[str] = []
        self._stores: dict[str, _RowStore] = {name: _RowStore(N_FEATURES) for name in CHANNELS}
        #: Per channel, which stored rows have anything in it (for the conflict features).
        self._present: dict[str, np.ndarray] = {name: np.zeros(0, dtype=bool) for name in CHANNELS}
        self._outlet_codes = np.zeros(0, dtype=np.int64)
        self._known: set[str] = set()
        self._position: dict[str, int] = {}

    # -- learning -------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.article_ids_)

    def _scores(
        self, row: dict[str, tuple[np.ndarray, np.ndarray]], day: float, outlet: int, links: Sequence[tuple[str, float]] = ()
    ) -> tuple[np.ndarray, np.ndarray]:
        """Event and storyline scores of one profile row against every stored article
        (``outlet``: its outlet code; ``links``: reuse containment towards stored article ids)."""
        channels = {name: self._stores[name].dot(*row[name]) for name in CHANNELS}
        gap = self.days_ - day
        reuse = np.zeros(len(self))
        for other, strength in links:
            position = self._position.get(other)
            if position is not None:
                reuse[position] = max(reuse[position], strength)
        same_outlet = (self._outlet_codes == outlet) & (outlet >= 0)
        present = {name: np.bool_(len(row[name][0]) > 0) for name in CHANNELS}
        features = pair_features(channels, reuse, same_outlet, self._present, present)
        return combine(features, gap, EVENT), combine(features, gap, STORYLINE)

    def _store(self, article: Article, row: dict[str, tuple[np.ndarray, np.ndarray]], day: float, event: int) -> None:
        self._position[article.id] = len(self.article_ids_)
        self.article_ids_.append(article.id)
        self.titles_.append(headline(article))
        self.published_.append(article.published or "")
        self.outlets_.append(article.outlet or "")
        self.days_ = np.append(self.days_, day)
        self.article_event_ = np.append(self.article_event_, event)
        for name in CHANNELS:
            self._stores[name].append(*row[name])
            self._present[name] = np.append(self._present[name], len(row[name][0]) > 0)
        self._outlet_codes = np.append(self._outlet_codes, outlet_code(article.outlet))
        self._known.add(article.id)

    def assign(
        self, article: Article, profiles: Profiles, k: int, links: Sequence[tuple[str, float]] = ()
    ) -> tuple[str, str]:
        """Place one article (row ``k`` of ``profiles``); returns its (event id, storyline id).

        ``links`` are the reuse stage's ``(other article id, containment)`` pairs."""
        row = {}
        for name in CHANNELS:
            matrix = getattr(profiles, name)
            lo, hi = matrix.indptr[k], matrix.indptr[k + 1]
            row[name] = (matrix.indices[lo:hi], matrix.data[lo:hi])
        day = float(profiles.days[k])
        n_events = len(self.event_ids_)
        if len(self):
            event_scores, story_scores = self._scores(row, day, outlet_code(article.outlet), links)
            sizes = np.bincount(self.article_event_, minlength=n_events).astype(np.float64)
            event_mean = np.bincount(self.article_event_, weights=event_scores, minlength=n_events) / sizes
            best = int(np.argmax(event_mean))
            if event_mean[best] >= self.event_threshold:
                self._store(article, row, day, best)
                return self.event_ids_[best], self.storyline_ids_[self.event_storyline_[best]]
            story_event_mean = np.bincount(self.article_event_, weights=story_scores, minlength=n_events) / sizes
            n_stories = len(self.storyline_ids_)
            counts = np.bincount(self.event_storyline_, minlength=n_stories).astype(np.float64)
            story_mean = np.bincount(self.event_storyline_, weights=story_event_mean, minlength=n_stories) / counts
            story = int(np.argmax(story_mean))
            if story_mean[story] < self.storyline_threshold:
                story = -1
        else:
            story = -1
        if story < 0:
            self.storyline_ids_.append(stable_id("st", article.id))
            story = len(self.storyline_ids_) - 1
        self.event_ids_.append(stable_id("ev", article.id))
        self.event_storyline_ = np.append(self.event_storyline_, story)
        self._store(article, row, day, n_events)
        return self.event_ids_[n_events], self.storyline_ids_[story]

    def partial_fit(self, articles: Iterable[Article], context: StoryContext | None = None) -> "OnlineStoryClusterer":
        """Assign new articles, in publication order (unknown dates last; ids seen before are skipped)."""
        fresh = [a for a in articles if a.id not in self._known]
        fresh.sort(key=lambda a: (a.published is None, (a.published or "")[:10], a.id))
        if not fresh:
            return self
        profiles = build_profiles(fresh, context)
        links = context.links if context is not None else {}
        if context is not None and context.reuse and not links:  # a context built by hand
            adjacency: dict[str, list[tuple[str, float]]] = {}
            for (a, b), strength in context.reuse.items():
                adjacency.setdefault(a, []).append((b, strength))
            links = adjacency
        for k, article in enumerate(fresh):
            if article.id in self._known:  # the same id twice in one batch
                continue
            self.assign(article, profiles, k, links.get(article.id, ()))
        return self

    @classmethod
    def from_batch(cls, articles: Sequence[Article], clusters: "StoryClusters", **kwargs: float) -> "OnlineStoryClusterer":
        """A clusterer that starts from a batch result (bootstrap a stream with history).

        ``clusters`` is :func:`marsad.stories.batch.cluster_stories` over ``articles``;
        event and storyline ids follow the batch rule (hash of the founding article).
        """
        from marsad.stories.batch import founding

        model = cls(**kwargs)
        p = clusters.profiles
        n = len(articles)
        model.article_ids_ = [a.id for a in articles]
        model.titles_ = [headline(a) for a in articles]
        model.published_ = [a.published or "" for a in articles]
        model.outlets_ = [a.outlet or "" for a in articles]
        model.days_ = p.days.astype(np.float64).copy()
        model.article_event_ = np.zeros(n, dtype=np.int64)
        for e, members in enumerate(clusters.events):
            model.article_event_[members] = e
            model.event_ids_.append(stable_id("ev", p.ids[founding(members, p.days, p.ids)]))
        model.event_storyline_ = np.zeros(len(clusters.events), dtype=np.int64)
        for s, group in enumerate(clusters.storylines):
            model.event_storyline_[group] = s
            rows = [i for e in group for i in clusters.events[e]]
            model.storyline_ids_.append(stable_id("st", p.ids[founding(rows, p.days, p.ids)]))
        for name in CHANNELS:
            model._stores[name] = _RowStore.of(p.channel(name))
            model._present[name] = p.present(name)
        model._outlet_codes = p.outlets.astype(np.int64).copy()
        model._known = set(model.article_ids_)
        model._position = {a: i for i, a in enumerate(model.article_ids_)}
        return model

    @classmethod
    def restore(
        cls,
        articles: Sequence[Article],
        profiles: Profiles,
        article_events: Sequence[str],
        event_storylines: dict[str, str],
        **kwargs: float,
    ) -> "OnlineStoryClusterer":
        """A clusterer holding ``articles`` (rows of ``profiles``, in arrival order) with
        the event and storyline ids decided earlier (e.g. read back from a store), so a
        restarted or windowed stream keeps its ids. ``article_events[k]`` is the event
        of ``articles[k]``; ``event_storylines`` maps every such event to its storyline.
        """
        model = cls(**kwargs)
        event_index: dict[str, int] = {}
        story_index: dict[str, int] = {}
        for event in article_events:
            if event not in event_index:
                event_index[event] = len(model.event_ids_)
                model.event_ids_.append(event)
                story = event_storylines[event]
                if story not in story_index:
                    story_index[story] = len(model.storyline_ids_)
                    model.storyline_ids_.append(story)
        model.article_ids_ = [a.id for a in articles]
        model.titles_ = [a.title or (a.sentences[0].text if a.sentences else (a.clean_text or a.body)[:200]) for a in articles]
        model.published_ = [a.published or "" for a in articles]
        model.outlets_ = [a.outlet or "" for a in articles]
        model.days_ = np.asarray(profiles.days, dtype=np.float64).copy()
        model.article_event_ = np.array([event_index[e] for e in article_events], dtype=np.int64)
        model.event_storyline_ = np.array([story_index[event_storylines[e]] for e in model.event_ids_], dtype=np.int64)
        for name in CHANNELS:
            model._stores[name] = _RowStore.of(profiles.channel(name))
            model._present[name] = profiles.present(name)
        model._outlet_codes = np.array([outlet_code(a.outlet) for a in articles], dtype=np.int64)
        model._known = set(model.article_ids_)
        model._position = {a: i for i, a in enumerate(model.article_ids_)}
        return model

    # -- results --------------------------------------------------------------------

    def labels(self) -> dict[str, str]:
        """Event id of every stored article."""
        return {a: self.event_ids_[e] for a, e in zip(self.article_ids_, self.article_event_)}

    def events(self) -> list[Event]:
        """Events so far (title: the founding article's; date span; outlets)."""
        members: dict[int, list[int]] = {}
        for i, e in enumerate(self.article_event_):
            members.setdefault(int(e), []).append(i)
        out = []
        for e, rows in members.items():
            days = sorted(self.published_[i][:10] for i in rows if len(self.published_[i]) >= 10)
            out.append(
                Event(
                    id=self.event_ids_[e],
                    title=self.titles_[rows[0]],
                    date=days[0] if days else None,
                    article_ids=[self.article_ids_[i] for i in rows],
                    date_end=days[-1] if days and days[-1] != days[0] else None,
                    outlets=sorted({self.outlets_[i] for i in rows if self.outlets_[i]}),
                )
            )
        return out

    def storylines(self) -> list[Storyline]:
        """Storylines so far, with their events in order of founding; recurring series
        are marked and come last (:func:`marsad.stories.recurring.mark_recurring`)."""
        known = self.events()
        by_id = {e.id: e for e in known}
        groups: dict[int, list[int]] = {}
        for e, s in enumerate(self.event_storyline_):
            groups.setdefault(int(s), []).append(e)
        out = []
        for s, events in groups.items():
            chosen = [by_id[self.event_ids_[e]] for e in events]
            days = sorted(d for ev in chosen for d in (ev.date, ev.date_end) if d)
            out.append(
                Storyline(
                    id=self.storyline_ids_[s],
                    title=chosen[0].title,
                    event_ids=[ev.id for ev in chosen],
                    article_ids=[a for ev in chosen for a in ev.article_ids],
                    date=days[0] if days else None,
                    date_end=days[-1] if days and days[-1] != days[0] else None,
                    outlets=sorted({o for ev in chosen for o in ev.outlets}),
                )
            )
        headlines = {a: (o or None, t) for a, o, t in zip(self.article_ids_, self.outlets_, self.titles_)}
        return mark_recurring(out, known, headlines)

    # -- persistence ----------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        """Write the whole state to ``path`` (``.npz``), atomically."""
        path = Path(path)
        arrays: dict[str, np.ndarray] = {
            "meta": np.str_(
                json.dumps(
                    {
                        "format": _FORMAT,
                        "event_threshold": self.event_threshold,
                        "storyline_threshold": self.storyline_threshold,
                    }
                )
            ),
            "article_ids": np.array(self.article_ids_, dtype=np.str_),
            "titles": np.array(self.titles_, dtype=np.str_),
            "published": np.array(self.published_, dtype=np.str_),
            "outlets": np.array(self.outlets_, dtype=np.str_),
            "days": self.days_,
            "article_event": self.article_event_,
            "event_ids": np.array(self.event_ids_, dtype=np.str_),
            "event_storyline": self.event_storyline_,
            "storyline_ids": np.array(self.storyline_ids_, dtype=np.str_),
        }
        for name in CHANNELS:
            if len(self):
                matrix = self._stores[name].matrix()
                arrays[f"{name}_data"] = matrix.data.astype(np.float32)
                arrays[f"{name}_indices"] = matrix.indices
                arrays[f"{name}_indptr"] = matrix.indptr
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as handle:
            np.savez_compressed(handle, **arrays)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: str | Path) -> "OnlineStoryClusterer":
        """A clusterer in the state :meth:`save` wrote (ValueError if it is not one)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                if meta.get("format") != _FORMAT:
                    raise ValueError(f"{path}: not a marsad story state ({meta.get('format')!r})")
                model = cls(meta["event_threshold"], meta["storyline_threshold"])
                model.article_ids_ = data["article_ids"].tolist()
                model.titles_ = data["titles"].tolist()
                model.published_ = data["published"].tolist()
                model.outlets_ = data["outlets"].tolist()
                model.days_ = data["days"].astype(np.float64)
                model.article_event_ = data["article_event"].astype(np.int64)
                model.event_ids_ = data["event_ids"].tolist()
                model.event_storyline_ = data["event_storyline"].astype(np.int64)
                model.storyline_ids_ = data["storyline_ids"].tolist()
                n = len(model.article_ids_)
                for name in CHANNELS:
                    if n and f"{name}_data" in data:
                        matrix = sp.csr_matrix(
                            (data[f"{name}_data"].astype(np.float64), data[f"{name}_indices"], data[f"{name}_indptr"]),
                            shape=(n, N_FEATURES),
                        )
                    else:  # empty, or a channel added since the state was written
                        matrix = sp.csr_matrix((n, N_FEATURES))
                    model._stores[name] = _RowStore.of(matrix)
                    model._present[name] = np.diff(matrix.indptr) > 0
                model._outlet_codes = np.array([outlet_code(o) for o in model.outlets_], dtype=np.int64)
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
            if str(path) in str(error):
                raise
            raise ValueError(f"{path}: unreadable story state ({error})") from None
        model._known = set(model.article_ids_)
        model._position = {a: i for i, a in enumerate(model.article_ids_)}
        return model


def fit_stream(articles: Sequence[Article], context: StoryContext | None = None) -> OnlineStoryClusterer:
    """A fresh clusterer fed ``articles`` one by one (publication order)."""
    return OnlineStoryClusterer().partial_fit(articles, context)
