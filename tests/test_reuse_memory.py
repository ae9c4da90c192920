"""The reuse stage lets a corpus chunk's hashing tables go (kept, they stayed in
memory for the rest of a digest) and hashes the same."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from marsad.ingest import IngestError, iter_articles
from marsad.reuse import shingle
from tests.conftest import SAUDINEWSNET


def test_big_chunks_hash_as_small_ones_and_their_tables_are_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Word hashes of 120 real articles at once (one chunk, tables built for the call)
    equal each article's own (small tables, kept); only small tables enter the cache."""
    path = SAUDINEWSNET / "2015-07-23.json"
    if not path.exists():
        pytest.skip("SaudiNewsNet not found")
    texts = [a.body for a in itertools.islice(iter_articles([path]), 120) if not isinstance(a, IngestError)]
    assert sum(map(len, texts)) > 4 * shingle._KEPT_POWERS
    kept: list[int] = []
    cached = shingle._powers_of_size

    def recording(size: int) -> tuple[np.ndarray, np.ndarray]:
        kept.append(size)
        return cached(size)

    monkeypatch.setattr(shingle, "_powers_of_size", recording)
    together, doc = shingle.word_hashes(texts)
    alone = [shingle.word_hashes([t])[0] for t in texts]
    assert kept and max(kept) <= shingle._KEPT_POWERS
    assert np.array_equal(together, np.concatenate(alone))
    assert np.array_equal(doc, np.repeat(np.arange(len(texts)), [len(a) for a in alone]))
