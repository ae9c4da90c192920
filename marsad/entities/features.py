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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from marsad.arabic import normalize
from marsad.arabic.stem import stem as light_stem
from marsad.arabic.stem import strip_clitics as marsad_strip_clitics
from marsad.arabic.stem import strip_frequent_proclitic

__all__ = ["Featurizer", "WordInfo", "strip_clitics", "bare_forms", "quoted_spans"]

_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_DIGIT_RE = re.compile(r"\d")
_PUNCT_RE = re.compile(r"^[^\w]+$")
_DIACRITIC_RE = re.compile(r"[\u064b-\u0652]")

#: Proclitic sequences in the order they attach (conjunction, preposition, article),
#: normalized spelling, longest first. ``لل`` is ل + ال with the alef dropped.
_ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_CONJ_PREP_PREFIXES = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
#: Cache size bound: beyond it the cache is cleared (cheap, and keeps memory flat on
#: a 31k-article run).
_CACHE_LIMIT = 200_000


def strip_clitics(word: str) -> tuple[str, str]:
    """``(prefix, rest)`` of a NORMALIZED word with its proclitics removed.

    Conservative: the remainder keeps at least three letters, so short names such as
    ``بان`` or ``فاس`` stay whole; the article is stripped only with what precedes it.
    """
    for prefix in _ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return prefix, word[len(prefix):]
    for prefix in _CONJ_PREP_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return prefix, word[len(prefix):]
    return "", word


def bare_forms(word: str) -> list[str]:
    """Every reading of a NORMALIZED word without proclitics, longest remainder first
    (ولافروف → لافروف, افروف): stripping is ambiguous, so matchers try each."""
    forms = {
        word[len(p):]
        for p in (*_ARTICLE_PREFIXES, *_CONJ_PREP_PREFIXES)
        if word.startswith(p) and len(word) - len(p) >= 3
    }
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
        if self.light_stem:
            bare = strip_frequent_proclitic(marsad_strip_clitics(word)).lower()
            own.append("ms=" + light_stem(word))
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
        if (self.dense or self.vector_bins) and self.vectors:
            bare_word = strip_frequent_proclitic(marsad_strip_clitics(word)).lower()
            for source in (norm, stem, bare_word):
                found = self.vectors.get(source)
                if found is not None:
                    vector = tuple(float(x) for x in found)
                    break
            if vector is None:
                own.append("v=none")
            elif self.vector_bins:
                t = self.vector_bins
                bins = [f"vb{k}{'+' if x > 0 else '-'}" for k, x in enumerate(vector) if abs(x) > t]
                own.extend(bins)
                context.extend(bins)
                vector = None if not self.dense else vector
        info = WordInfo(norm, own, {off: [f"{off}{f}" for f in context] for off in (-2, -1, 1, 2)}, vector)
        if self.vector_bins:  # binarized vectors reach only the ±1 neighbours
            for off in (-2, 2):
                info.as_neighbour[off] = [f for f in info.as_neighbour[off] if not f.startswith(f"{off}vb")]
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = info
        return info

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
