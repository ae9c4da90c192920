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

One way of computing each thing — what the batch digest (:mod:`marsad.pipeline`) and
the live path share:

=====================  ====================================  =====================================
thing                  batch (``digest``, consolidation)     live (one article, or a batch)
=====================  ====================================  =====================================
clean text, sentences  ``analysis.analyse`` → ``pipeline.prepare``   (the same call)
NER mentions           ``analysis.analyse`` → ``ner_mentions``       (the same call; stored, read
                                                                      back by ``rebuild_derived``)
MinHash signature      ``reuse.find_reuse`` (shingle_batch,  ``analysis.signature_of`` (the same
                       oph_signatures over all articles)     two functions over one text)
reuse links            ``reuse.find_reuse``                  ``reuse.find_reuse`` over the article
                                                             and its LSH-band candidates
canonical entities     ``entities.canonicalize`` (corpus)    ``canonicalize`` of the article, then
                                                             a spelling-key match to stored ones
story profile, score   ``stories.build_profiles`` +          the same ``build_profiles`` row +
                       ``similarity.combine`` (batch         ``combine`` in ``OnlineStoryClusterer``
                       clusterer)
timeline               ``timeline.build_timeline``           ``build_timeline`` over each touched
                       (merged per storyline)                storyline (the article's own entries
                                                             until a big storyline is refreshed)
quotes                 ``quotes.find_quotes``                ``find_quotes`` over the article
summary, coverage      ``summarize.summarize`` (storylines   the same ``summarize`` once per batch
                       featurized together)                  over the storylines it touched
=====================  ====================================  =====================================
"""
from __future__ import annotations

from marsad.live.linker import LinkResult, LiveLinker

__all__ = ["LiveLinker", "LinkResult"]
