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


def test_named_agency_is_the_one_alternation_finds() -> None:
    """named_agency searches each agency only in a text holding one of its words:
    every alternative of every agency pattern holds one, and on real articles (and
    credits made up to tie and overlap) the agency is the one the single alternation
    of all patterns finds first."""
    import itertools
    import re

    from marsad.arabic.normalize import normalize
    from marsad.ingest import IngestError, iter_articles
    from marsad.pipeline import prepare
    from marsad.reuse.groups import _AGENCY_SEARCH, _GENERIC_AGENCY, AGENCIES, named_agency
    from tests.conftest import SAUDINEWSNET
    from tests.regex_hints import always_holds, parsed

    for pattern, hints, _ in _AGENCY_SEARCH:
        assert always_holds(parsed(pattern), lambda run, hints=hints: any(h in run for h in hints)), pattern.pattern
    alternation = re.compile("|".join(f"(?P<a{k}>{p})" for k, p in enumerate(AGENCIES)))
    names = list(AGENCIES.values())

    def plain(text: str) -> str | None:
        norm = normalize(text)
        match = alternation.search(norm)
        if match is not None:
            return names[int(match.lastgroup[1:])]
        return "وكالة أنباء" if _GENERIC_AGENCY.search(norm) else None

    path = SAUDINEWSNET / "2015-07-23.json"
    if not path.exists():
        pytest.skip("SaudiNewsNet not found")
    texts = [prepare(a).clean_text for a in itertools.islice(iter_articles([path]), 600) if not isinstance(a, IngestError)]
    texts += ["قالت (واس) ووكالة رويترز", "ذكرت كونا وقنا", "أ ف ب: وكالة الأنباء السعودية", "وكالة أنباء الشرق الأوسط"]
    found = 0
    for text in texts:
        assert named_agency(text) == plain(text), text[:80]
        found += named_agency(text) is not None
    assert found > 50
