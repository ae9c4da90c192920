"""The live observatory: each new article is analysed once and linked into the store.

Two layers (see DESIGN.md, "Data flow"):

* :mod:`.analysis` — **per-article analysis**, computed once when an article arrives
  (clean text and sentences, NER mentions, quote candidates, dated sentences, MinHash
  signature, story profile) and kept in the store;
* :mod:`.linker` — **corpus linking** that updates only what the new article touches:
  reuse links from a persistent LSH band index (:mod:`.reuse_index`, evicted by age),
  canonical entities absorbing its mentions, the event and storyline it joins (the
  stories package's :class:`~marsad.stories.OnlineStoryClusterer`, same score as the
  batch clusterer), and the timeline, summary and coverage of the touched storylines —
  all written in ONE transaction, with a row per change in a log (:mod:`.changes`) that
  ``GET /changes`` serves.
"""
from __future__ import annotations

from marsad.live.linker import LinkResult, LiveLinker

__all__ = ["LiveLinker", "LinkResult"]
