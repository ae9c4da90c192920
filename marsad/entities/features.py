"""Token features for the Arabic NER CRF.

A CRF sees each token as a bag of string features. Arabic names hide behind
clitics (وبموسكو = و + ب + موسكو), spelling variants (أوباما/اوباما) and the article
ال, so besides the surface word the features carry the matching-normalized form
(:func:`marsad.arabic.normalize`), a clitic-stripped form, 1–3 character affixes,
word shape, distributional word clusters learned from raw news text
(:mod:`marsad.entities.clusters`) and gazetteer hits (:mod:`marsad.entities.gazetteer`),
for the token and its neighbours within ±2.

Everything that depends on the word alone is computed once per distinct word and
cached (:class:`Featurizer`), because news text repeats its vocabulary: this is what
makes tagging 31k articles affordable in Python.
"""
from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from marsad.arabic import normalize
from marsad.arabic.stem import stem_and_bare
from marsad.entities.crfmodel import CrfWeights, viterbi

__all__ = ["Featurizer", "LabelScorer", "WordInfo", "strip_clitics", "bare_forms", "quoted_spans", "CONJ_PREP_PREFIXES"]

_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_DIGIT_RE = re.compile(r"\d")
_PUNCT_RE = re.compile(r"^[^\w]+$")
_DIACRITIC_RE = re.compile(r"[\u064b-\u0652]")

#: Proclitic sequences in the order they attach (conjunction, preposition, article),
#: normalized spelling, longest first. ``لل`` is ل + ال with the alef dropped.
_ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
CONJ_PREP_PREFIXES = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_ALL_PREFIXES = (*_ARTICLE_PREFIXES, *CONJ_PREP_PREFIXES)
#: Cache size bound: beyond it the cache is cleared (cheap, and keeps memory flat on
#: a 31k-article run).
_CACHE_LIMIT = 200_000


def strip_clitics(word: str) -> tuple[str, str]:
    """``(prefix, rest)`` of a NORMALIZED word with its proclitics removed.

    Conservative: the remainder keeps at least three letters, so short names such as
    ``بان`` or ``فاس`` stay whole; the article is stripped only with what precedes it.
    """
    if not word.startswith(_ALL_PREFIXES):  # one C call rules out most words
        return "", word
    for prefix in _ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return prefix, word[len(prefix):]
    for prefix in CONJ_PREP_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return prefix, word[len(prefix):]
    return "", word


def bare_forms(word: str) -> list[str]:
    """Every reading of a NORMALIZED word without proclitics, longest remainder first
    (ولافروف → لافروف, افروف): stripping is ambiguous, so matchers try each."""
    if not word.startswith(_ALL_PREFIXES):
        return []
    forms = {word[len(p):] for p in _ALL_PREFIXES if word.startswith(p) and len(word) - len(p) >= 3}
    return sorted(forms, key=len, reverse=True)


def _shape(word: str) -> str:
    if _PUNCT_RE.match(word):
        return "punct"
    has_ar = bool(_ARABIC_RE.search(word))
    has_lat = bool(_LATIN_RE.search(word))
    has_dig = bool(_DIGIT_RE.search(word))
    kind = ("A" if has_ar else "") + ("L" if has_lat else "") + ("D" if has_dig else "")
    if has_lat and word[:1].isupper():
        kind += "C"
    return kind or "other"


@dataclass(slots=True)
class WordInfo:
    """What the features need of one distinct word: its normalized form, its own
    features (``own``) and, ready-made, the features it lends a token 2 before, 1
    before, 1 after and 2 after it (``as_neighbour``, keyed by that offset)."""

    norm: str
    own: list[str]
    as_neighbour: dict[int, list[str]]
    #: Dense word-vector components (real-valued features), or ``None``.
    vector: tuple[float, ...] | None = None


@dataclass(slots=True)
class Featurizer:
    """Turns a sentence (list of token strings) into CRF feature lists.

    ``clusters`` maps a normalized, lower-cased word to its cluster ids, coarse to
    fine; ``gazetteer`` maps a normalized word to the entity-type labels of the name
    lists it appears in (e.g. ``{"PER"}``, ``{"LOC", "first:LOC"}``).
    """

    clusters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    gazetteer: Mapping[str, Sequence[str]] = field(default_factory=dict)
    #: 4-character affixes of the clitic-stripped form as well (transliterated foreign
    #: names end in -يف/-وف/-سكي/-ستان, Arabic ones begin with عبد/أبو).
    affix4: bool = True
    #: Neighbours also contribute their 2-letter affixes of the stripped form.
    context_affixes: bool = False
    #: Word bigrams (previous|current, current|next).
    bigrams: bool = True
    #: Quoted-title features: a token inside a short «…» / "…" span (≤ 8 tokens: a
    #: programme, film or book title, a product) gets ``q`` and the word before the
    #: opening mark (برنامج، بعنوان، استاد …), which lies beyond the ±2 window.
    quotes: bool = False
    #: Character n-grams (this length) inside the clitic-stripped form, edges marked:
    #: a character-level view of foreign names (فولكسفاغن، اندرلخت) that affixes miss.
    char_ngrams: int = 0
    #: marsad's light stem (:func:`marsad.arabic.stem.stem`) and the corpus-count
    #: guided clitic-free form with ITS clusters (وموسكو → موسكو, but لافروف stays).
    light_stem: int = 0
    #: Dense word vectors (normalized word → components, :mod:`marsad.entities.vectors`)
    #: as real-valued CRF features: 0 off, 1 the token's own, 2 also its ±1 neighbours'.
    vectors: Mapping[str, Sequence[float]] = field(default_factory=dict)
    dense: int = 0
    #: Binarized vectors instead (Guo et al. 2014): component k above +t σ gives
    #: ``vbk+``, below −t σ ``vbk-`` (t = this value; 0 off), for the token and ±1.
    vector_bins: float = 0.0
    _cache: dict[str, WordInfo] = field(default_factory=dict)

    def word_info(self, word: str) -> WordInfo:
        """Cached per-word features."""
        info = self._cache.get(word)
        if info is not None:
            return info
        info = self.describe(word)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = info
        return info

    def describe(self, word: str) -> WordInfo:
        """Per-word features, computed afresh (:meth:`word_info` caches them)."""
        norm, own, near, far, vector = self.parts(word)
        return WordInfo(
            norm,
            own,
            {
                -2: [f"-2{f}" for f in far],
                -1: [f"-1{f}" for f in near],
                1: [f"1{f}" for f in near],
                2: [f"2{f}" for f in far],
            },
            vector,
        )

    def parts(self, word: str) -> tuple[str, list[str], list[str], list[str], tuple[float, ...] | None]:
        """``(norm, own, near, far, vector)`` of a word: its normalized form, its own
        features, the features it lends (before their offset prefix) a token 1 away and
        one 2 away, and its dense vector (or ``None``). A tagger that keeps only the
        scores of these (:class:`LabelScorer`) calls this and keeps no strings."""
        norm = normalize(word).lower()
        prefix, stem = strip_clitics(norm)
        own = [
            "b",
            "w=" + word,
            "n=" + norm,
            "st=" + stem,
            "pc=" + prefix,
            "p1=" + norm[:1],
            "p2=" + norm[:2],
            "p3=" + norm[:3],
            "s1=" + norm[-1:],
            "s2=" + norm[-2:],
            "s3=" + norm[-3:],
            "ss2=" + stem[-2:],
            "ss3=" + stem[-3:],
            "sh=" + _shape(word),
            "len=" + str(min(len(stem), 8)),
        ]
        if self.affix4:
            own.append("sp4=" + stem[:4])
            own.append("ss4=" + stem[-4:])
        if _DIACRITIC_RE.search(word):
            own.append("diac")
        if self.char_ngrams and _ARABIC_RE.search(stem):
            k = self.char_ngrams
            padded = f"<{stem}>"
            own.extend(sorted({"cg=" + padded[j:j + k] for j in range(len(padded) - k + 1)}))
        context = ["n=" + norm, "st=" + stem, "pc=" + prefix]
        if self.context_affixes:
            context.extend(("sp2=" + stem[:2], "ss2=" + stem[-2:]))
        cl = self.clusters.get(norm)
        stem_cl = self.clusters.get(stem) if stem != norm else None
        if cl is not None:
            for level, cid in enumerate(cl):
                own.append(f"c{level}={cid}")
                context.append(f"c{level}={cid}")
        else:
            own.append("c=none")
        if stem_cl is not None:
            for level, cid in enumerate(stem_cl):
                own.append(f"sc{level}={cid}")
        for source in (norm, stem) if stem != norm else (norm,):
            for label in self.gazetteer.get(source, ()):
                own.append("g=" + label)
                context.append("g=" + label)
        uses_vectors = bool((self.dense or self.vector_bins) and self.vectors)
        if self.light_stem or uses_vectors:
            light, bare = stem_and_bare(word)  # the light stem and the clitic-free form in one pass
            bare = bare.lower()
        if self.light_stem:
            own.append("ms=" + light)
            own.append("bf=" + bare)
            if self.light_stem >= 2:
                context.append("bf=" + bare)
            bare_cl = self.clusters.get(bare) if bare != norm else None
            if bare_cl is not None:
                for level, cid in enumerate(bare_cl):
                    own.append(f"bc{level}={cid}")
                    if self.light_stem >= 3:
                        context.append(f"bc{level}={cid}")
        vector = None
        far_context = context  # what a token 2 away sees
        if uses_vectors:
            for source in (norm, stem, bare):
                if source in self.vectors:
                    vector = tuple(map(float, self.vectors[source]))
                    break
            if vector is None:
                own.append("v=none")
            elif self.vector_bins:
                t = self.vector_bins
                bins = [f"vb{k}+" if x > 0 else f"vb{k}-" for k, x in enumerate(vector) if x > t or x < -t]
                own.extend(bins)
                far_context = context.copy()  # binarized vectors reach only the ±1 neighbours
                context.extend(bins)
                vector = None if not self.dense else vector
        return norm, own, context, far_context, vector

    def sentence(self, tokens: Sequence[str]) -> list[list[str]] | list[dict[str, float]]:
        """Feature lists of each token: its own, then its ±2 neighbours' (prefixed with
        the offset), plus the word bigrams around it and sentence-edge markers.

        With ``dense`` on, each token's features are a dict instead (string features
        weigh 1.0, vector components ``v3``/``-1v3`` their value), the other item form
        crfsuite accepts."""
        infos = [self.word_info(t) for t in tokens]
        out = self._string_features(infos)
        if not self.dense:
            return out
        dense: list[dict[str, float]] = []
        offsets = (0,) if self.dense < 2 else (-1, 0, 1)
        for i, feats in enumerate(out):
            item: dict[str, float] = {}
            for f in feats:  # a repeated string feature counts twice, as in list form
                item[f] = item.get(f, 0.0) + 1.0
            for off in offsets:
                j = i + off
                if 0 <= j < len(infos) and infos[j].vector is not None:
                    prefix = "v" if off == 0 else f"{off}v"
                    for k, x in enumerate(infos[j].vector):  # type: ignore[arg-type]
                        item[f"{prefix}{k}"] = x
            dense.append(item)
        return dense

    def _string_features(self, infos: list[WordInfo]) -> list[list[str]]:
        norms = [i.norm for i in infos]
        n = len(infos)
        out: list[list[str]] = []
        for i, info in enumerate(infos):
            feats = info.own.copy()
            if i >= 2:
                feats += infos[i - 2].as_neighbour[-2]
            if i >= 1:
                feats += infos[i - 1].as_neighbour[-1]
            else:
                feats.append("-1edge")
            if i + 1 < n:
                feats += infos[i + 1].as_neighbour[1]
            else:
                feats.append("1edge")
            if i + 2 < n:
                feats += infos[i + 2].as_neighbour[2]
            if self.bigrams:
                if i > 0:
                    feats.append(f"bg-={norms[i - 1]}|{norms[i]}")
                if i + 1 < n:
                    feats.append(f"bg+={norms[i]}|{norms[i + 1]}")
            out.append(feats)
        if self.quotes:
            for start, end in quoted_spans([i.norm for i in infos]):
                j = start - 1
                while j >= 0 and norms[j] in _QUOTE_PAIRS:
                    j -= 1
                head = "qh=" + (norms[j] if j >= 0 else "^")
                for k in range(start, end):
                    out[k].extend(("q", head))
                out[start].append("q0")
        return out


class LabelScorer:
    """A CRF's state scores of whole sentences, from :class:`Featurizer` features
    scored once per distinct word.

    A token's feature list (:meth:`Featurizer.sentence`) is its word's own features,
    its neighbours' ``as_neighbour`` features, edge markers and the two word bigrams.
    All but the bigrams depend on one word only, so for each distinct word this keeps
    five rows of label scores — its own features' and those it lends a token 2 before,
    1 before, 1 after and 2 after it — and a sentence's scores are gathers of those
    rows plus the edge and bigram weights, added in the order crfsuite adds a token's
    features. No feature strings are kept per word: memory stays a few floats a word.

    Only for string features without quoted-title features (``dense`` and ``quotes``
    off); :meth:`supports` says whether a featurizer qualifies.
    """

    def __init__(self, featurizer: Featurizer, weights: CrfWeights, limit: int = _CACHE_LIMIT, compiled: bool = True) -> None:
        if not self.supports(featurizer):
            raise ValueError("LabelScorer needs string features without quoted-title features")
        self.featurizer = featurizer
        self.weights = weights
        self.limit = limit
        n_labels = len(weights.labels)
        self._zero = np.zeros(n_labels)
        self._edge_before = self._score(["-1edge"])
        self._edge_after = self._score(["1edge"])
        self._neighbour_index, self._neighbour_rows = self._neighbour_table(weights)
        self._pairs = self._pair_table(weights.attributes)
        # both tables with a row of zeros last: the padding of a short id list
        self._state = np.vstack([weights.state, np.zeros((1, n_labels))])
        self._lent_rows = np.concatenate([self._neighbour_rows, np.zeros((1, *self._neighbour_rows.shape[1:]))])
        self._compiled = self._compile() if compiled else None
        self._reset(1024)

    def _compile(self) -> object | None:
        """The compiled featurizer, scorer and Viterbi (:mod:`marsad.entities._crfscore`)
        for this model, or None where that module is not built or the featurizer uses
        what it does not cover (character n-grams over 3)."""
        if self.featurizer.char_ngrams > 3:
            return None
        try:
            from marsad.entities._crfscore import CompiledScorer

            forms = word_forms()
        except ImportError:
            return None
        return CompiledScorer(
            self.featurizer, self.weights.attributes, self._neighbour_index, self.weights.state,
            self._neighbour_rows, self._edge_before, self._edge_after, self.weights.transitions, forms,
        )

    @property
    def compiled(self) -> bool:
        """Whether words are scored and sentences tagged by the compiled module."""
        return self._compiled is not None

    @staticmethod
    def _neighbour_table(weights: CrfWeights) -> tuple[dict[str, int], np.ndarray]:
        """Each feature a word lends its neighbours (``n=…`` of ``-1n=…``) → a row of
        ``(4, labels)`` weights, for the tokens 2 before, 1 before, 1 after and 2 after
        it, so one lookup scores a feature for all four offsets."""
        slots = {"-2": 0, "-1": 1, "1": 2, "2": 3}
        index: dict[str, int] = {}
        found: list[tuple[int, int, int]] = []
        for name, attribute in weights.attributes.items():
            offset = name[:2] if name[:2] in ("-2", "-1") else name[:1]
            if offset not in slots:
                continue
            base = name[len(offset):]
            found.append((index.setdefault(base, len(index)), slots[offset], attribute))
        rows = np.zeros((len(index), 4, len(weights.labels)))
        for row, slot, attribute in found:
            rows[row, slot] = weights.state[attribute]
        return index, rows

    @staticmethod
    def supports(featurizer: Featurizer) -> bool:
        """Whether ``featurizer``'s features are per-word plus bigrams only."""
        return not featurizer.dense and not featurizer.quotes

    def _reset(self, capacity: int) -> None:
        self._ids: dict[str, int] = {}
        self._norms: list[str] = []
        self._rows = np.zeros((capacity, 5, len(self.weights.labels)))
        self._kept = 0  # ids below this were learned ahead (:meth:`learn`) and survive a reset

    def learn(self, words: Iterable[str]) -> None:
        """Score ``words`` now (the first ones kept across cache resets): a parent
        process learns a corpus's vocabulary once before forking taggers, which then
        share these rows instead of each scoring every word again."""
        words = list(words)
        needed = len(self._norms) + len(words) + 1024
        if needed > len(self._rows):  # grown once to size, not doubled on the way
            self._grow(needed)
        self._add_words([w for w in dict.fromkeys(words) if w not in self._ids])
        self._kept = len(self._norms)

    def _grow(self, capacity: int) -> None:
        """Room for ``capacity`` words' rows, the scored ones copied over."""
        grown = np.zeros((capacity, *self._rows.shape[1:]))
        grown[: len(self._norms)] = self._rows[: len(self._norms)]
        self._rows = grown

    def forget(self) -> None:
        """Drop every cached word (frees the rows)."""
        self._reset(1024)

    def _trim(self) -> None:
        """Past the cache limit: keep only the words learned ahead."""
        kept = self._kept
        if not kept:
            self._reset(1024)
            return
        self._ids = {w: i for w, i in self._ids.items() if i < kept}
        del self._norms[kept:]

    def _score(self, features: Sequence[str]) -> np.ndarray:
        """Summed label weights of ``features`` (unknown ones weigh nothing), added one
        feature after another as crfsuite does."""
        attributes = self.weights.attributes
        found = [a for a in map(attributes.get, features) if a is not None]
        if not found:
            return self._zero
        return np.add.reduce(self.weights.state[found], axis=0)

    def _add_words(self, words: Sequence[str]) -> None:
        """Score new distinct ``words`` (none of them known yet), a batch at a time:
        the weights of their features (:meth:`Featurizer.parts`) are summed for all of
        them at once, each word's added in the order of its features as :meth:`_score`
        adds them (the same floats), rather than with a few numpy calls a word."""
        for start in range(0, len(words), _BATCH):
            self._add_batch(words[start:start + _BATCH])

    def _add_batch(self, words: Sequence[str]) -> None:
        base, n = len(self._norms), len(words)
        if base + n > len(self._rows):
            self._grow(max(2 * len(self._rows), base + n))
        if self._compiled is not None:
            norms = self._compiled.score_words(list(words), self._rows, base)
            ids = self._ids
            for k, word in enumerate(words):
                ids[word] = base + k
            self._norms.extend(norms)
            return
        parts = self.featurizer.parts
        attribute, lent = self.weights.attributes.get, self._neighbour_index.get
        norms: list[str] = []
        own_ids: list[list[int]] = []
        near_ids: list[list[int]] = []
        far_ids: list[list[int]] = []
        for word in words:
            norm, own, near, far, _ = parts(word)
            norms.append(norm)
            own_ids.append([a for a in map(attribute, own) if a is not None])
            far_ids.append([a for a in map(lent, far) if a is not None])
            near_ids.append(far_ids[-1] if near is far else [a for a in map(lent, near) if a is not None])
        rows = self._rows[base:base + n]
        rows[:, 0] = _sequential_sums(self._state, own_ids, len(self._state) - 1)
        pad = len(self._lent_rows) - 1
        far_sums = _sequential_sums(self._lent_rows, far_ids, pad)
        rows[:, 1], rows[:, 4] = far_sums[:, 0], far_sums[:, 3]
        near_sums = _sequential_sums(self._lent_rows, near_ids, pad)
        rows[:, 2], rows[:, 3] = near_sums[:, 1], near_sums[:, 2]
        ids = self._ids
        for k, word in enumerate(words):
            ids[word] = base + k
        self._norms.extend(norms)

    def scores(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """``(tokens, labels)`` state scores of each sentence (labels in the order of
        ``weights.labels``)."""
        return self.scores_and_norms(sentences)[0]

    def _word_rows(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, list[int], list[str]]:
        """Sentence lengths, every token's row of word scores and its normalized form
        (all sentences in a row), the words not scored yet scored together."""
        if len(self._ids) > self.limit:
            self._trim()
        lengths = np.array([len(s) for s in sentences], dtype=np.intp)
        known = self._ids.get
        found = [known(w) for s in sentences for w in s]  # one dict lookup a token …
        if None in found:  # … and the words not scored yet, scored together
            words = [w for s in sentences for w in s]
            self._add_words(list(dict.fromkeys(words[k] for k, i in enumerate(found) if i is None)))
            found = [known(w) for w in words]
        word_norms = self._norms
        return lengths, found, [word_norms[i] for i in found]

    def tag_names(self, sentences: Sequence[Sequence[str]]) -> tuple[list[list[str]], list[list[str]]]:
        """Each sentence's tags (label names, :meth:`tags_and_norms`) and its tokens'
        normalized forms, sentence by sentence."""
        if self._compiled is None:
            paths, norms = self.tags_and_norms(sentences)
            names = self.weights.labels
            flat = iter(norms)
            return [[names[i] for i in path] for path in paths], [[next(flat) for _ in s] for s in sentences]
        from marsad.entities._crfscore import label_lists, token_rows

        if len(self._ids) > self.limit:
            self._trim()
        found = token_rows(sentences, self._ids, self._norms)
        if isinstance(found, list):  # words not scored yet: scored together, then again
            self._add_words(found)
            found = token_rows(sentences, self._ids, self._norms)
        lengths, rows, norms = found
        labels = self._compiled.tag(rows, lengths, norms, self._rows, self.featurizer.bigrams)
        return label_lists(labels, lengths, norms, self.weights.labels)

    def tags_and_norms(self, sentences: Sequence[Sequence[str]]) -> tuple[list[list[int]], list[str]]:
        """The best label indexes of each sentence (crfsuite's Viterbi over
        :meth:`scores`), and every token's normalized form (all sentences in a row)."""
        if self._compiled is None:
            scores, norms = self.scores_and_norms(sentences)
            return viterbi(scores, self.weights.transitions), norms
        lengths, found, norms = self._word_rows(sentences)
        labels = self._compiled.tag(np.array(found, dtype=np.intp), lengths, norms, self._rows, self.featurizer.bigrams)
        flat = labels.tolist()
        out: list[list[int]] = []
        start = 0
        for n in lengths.tolist():
            out.append(flat[start:start + n])
            start += n
        return out, norms

    def scores_and_norms(self, sentences: Sequence[Sequence[str]]) -> tuple[list[np.ndarray], list[str]]:
        """:meth:`scores`, and every token's normalized form (``normalize(word).lower()``,
        all sentences in a row), which the scorer keeps per word anyway."""
        lengths, found, norms = self._word_rows(sentences)
        total = int(lengths.sum())
        if total == 0:
            return [self._rows[:0, 0] for _ in sentences], []
        ids = np.array(found, dtype=np.intp)
        if self._compiled is not None:
            state = self._compiled.sentence_scores(ids, lengths, norms, self._rows, self.featurizer.bigrams)
            return np.split(state, np.cumsum(lengths)[:-1]), norms
        starts = np.cumsum(lengths) - lengths
        position = np.arange(total) - np.repeat(starts, lengths)
        after = np.repeat(lengths, lengths) - position - 1  # tokens after it in its sentence
        rows = self._rows
        state = rows[ids, 0].copy()
        # the order crfsuite adds a token's features in: own, -2, -1 (or the edge),
        # +1 (or the edge), +2, then the bigrams with the previous and the next word
        state[2:] += rows[ids[:-2], 1] * (position[2:] >= 2)[:, None]
        state[1:] += rows[ids[:-1], 2] * (position[1:] >= 1)[:, None]
        state += self._edge_before * (position == 0)[:, None]
        state[:-1] += rows[ids[1:], 3] * (after[:-1] >= 1)[:, None]
        state += self._edge_after * (after == 0)[:, None]
        state[:-2] += rows[ids[2:], 4] * (after[:-2] >= 2)[:, None]
        if self.featurizer.bigrams:
            self._add_bigrams(state, norms, position)
        return np.split(state, np.cumsum(lengths)[:-1]), norms

    def _add_bigrams(self, state: np.ndarray, words: list[str], position: np.ndarray) -> None:
        """Add the ``bg-`` (previous|this) then ``bg+`` (this|next) weights the model
        has for adjacent word pairs (``words``: the tokens' normalized forms)."""
        pairs = self._pairs
        before_rows: list[int] = []
        before_attrs: list[int] = []
        after_rows: list[int] = []
        after_attrs: list[int] = []
        for j in np.flatnonzero(position >= 1).tolist():
            found = pairs.get(f"{words[j - 1]}|{words[j]}")  # one lookup for both
            if found is not None:
                before, after = found
                if before is not None:
                    before_rows.append(j)
                    before_attrs.append(before)
                if after is not None:
                    after_rows.append(j - 1)
                    after_attrs.append(after)
        weights = self.weights.state
        if before_rows:
            state[before_rows] += weights[before_attrs]
        if after_rows:
            state[after_rows] += weights[after_attrs]

    @staticmethod
    def _pair_table(attributes: Mapping[str, int]) -> dict[str, tuple[int | None, int | None]]:
        """``previous|this`` → the ids of its ``bg-=`` and ``bg+=`` features (None where
        the model has no such feature)."""
        table: dict[str, tuple[int | None, int | None]] = {}
        for name, attribute in attributes.items():
            if name.startswith(("bg-=", "bg+=")):
                pair = name[4:]
                before, after = table.get(pair, (None, None))
                table[pair] = (attribute, after) if name[2] == "-" else (before, attribute)
        return table


#: New words scored together (bounds the temporary id and sum arrays).
_BATCH = 4096


def word_forms() -> object:
    """The compiled :class:`marsad.entities._crfscore.WordForms` (normalized form,
    clitic split, shape, light stem and clitic-free form of a word), given the very
    tables and word lists of :mod:`marsad.arabic.normalize`, :mod:`marsad.arabic.stem`
    and this module (ImportError where the module is not built)."""
    import importlib

    from marsad.entities._crfscore import WordForms

    norm = importlib.import_module("marsad.arabic.normalize")
    stem = importlib.import_module("marsad.arabic.stem")
    dropped = {**norm._DIACRITICS, **norm._TATWEEL}
    if set(dropped.values()) != {""}:
        # the compiled forms would drift from stem.py's: say so, then run the Python path
        warnings.warn("marsad: normalize's diacritic/tatweel tables no longer only delete; the NER runs its Python path", stacklevel=2)
        raise ImportError("stem.py's first step is no longer a deletion")
    stem_rules = {
        "article": stem._ARTICLE_PREFIXES, "hamza": stem._HAMZA_PREFIXES, "hamza_alefs": stem._HAMZA_ALEFS,
        "exceptions": stem._ARTICLE_EXCEPTIONS, "frequent": stem._FREQ_PROCLITICS, "suffixes": stem._SUFFIXES,
        "counts": stem.word_counts(), "min_count": stem._MIN_COUNT, "ratio": stem._RATIO,
    }
    ner_rules = {"article": _ARTICLE_PREFIXES, "conj": CONJ_PREP_PREFIXES}
    return WordForms(list(dropped), stem_rules, ner_rules, norm._normalize_compiled or norm._normalize_python)


def _sequential_sums(table: np.ndarray, id_lists: Sequence[Sequence[int]], pad: int) -> np.ndarray:
    """``table[ids].sum(axis=0)`` of each id list, added one row after another (the
    order ``np.add.reduce`` adds them in, and so the same floats), for all lists at
    once: the lists are padded with ``pad`` (a row of zeros) to the longest one."""
    width = max((len(ids) for ids in id_lists), default=0)
    if width == 0:
        return np.zeros((len(id_lists), *table.shape[1:]))
    padded = np.full((len(id_lists), width), pad, dtype=np.intp)
    for k, ids in enumerate(id_lists):
        padded[k, :len(ids)] = ids
    total = table[padded[:, 0]]
    for j in range(1, width):
        total += table[padded[:, j]]
    return total


#: Opening mark → closing mark of a quotation; ``"`` and ``'`` close themselves.
_QUOTE_PAIRS = {"«": "»", '"': '"', "'": "'", "“": "”"}
#: Longest quoted span treated as a title (longer ones are quoted speech).
_MAX_QUOTED = 8


def quoted_spans(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """``(start, end)`` token ranges inside short quotation marks (``end`` exclusive,
    the marks excluded); a doubled ``' '`` counts as one mark, as ANERcorp writes it."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(tokens)
    while i < n:
        close = _QUOTE_PAIRS.get(tokens[i])
        if close is None:
            i += 1
            continue
        start = i + 1
        while start < n and tokens[start] == tokens[i] and close == tokens[i]:
            start += 1
        end = start
        while end < n and end - start <= _MAX_QUOTED and tokens[end] != close:
            end += 1
        if end < n and tokens[end] == close and 0 < end - start <= _MAX_QUOTED:
            spans.append((start, end))
            while end + 1 < n and tokens[end + 1] == close:
                end += 1
            i = end + 1
        else:
            i += 1
    return spans
