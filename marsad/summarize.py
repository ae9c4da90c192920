"""Facts, corroboration, cited multi-outlet summaries and per-outlet coverage.

A storyline is told by several articles, often from several outlets. This stage

1. groups the sentences of a storyline's articles that state the same thing into
   **facts** (same quote, same figure, same claim). Two sentences are compared by a
   blend of cosine similarities over TF-IDF vectors of normalized, stemmed content
   words and of character n-grams (robust to spelling variants such as
   البنتاغون/البنتاجون), raised to the IDF-weighted overlap coefficient of their
   content words (a short sentence that a longer one restates in full) and to the
   share of a quoted passage found in the other sentence (the same quote, quoted or
   reported as indirect speech); sentence pairs that the reuse stage aligned as
   copies (``exact``/``near``) are linked outright, its confident ``paraphrase``
   pairs count with their alignment score.
   Groups are formed by average-linkage agglomerative clustering (scikit-learn), so one
   loose pair cannot chain unrelated claims together; sentences of one article are
   kept apart (an article does not restate its own facts).
2. counts each fact's **corroboration**: ``sources`` (articles), ``outlets`` (distinct
   outlets) and ``independent`` — sources after merging articles linked by text reuse
   (two outlets re-editing one agency text count once) and articles of one outlet.
3. writes an extractive **summary** per storyline under a word budget: facts are
   scored by centrality (LexRank-style power iteration over the fact similarity
   graph), corroboration and lead position (sentences that lean on the previous one
   for their speaker, ``وأضاف أن …``, are demoted), then picked greedily with MMR —
   similarity to what is already chosen and citing only already-cited articles both
   cost — so no two summary sentences say the same thing, and finally ordered by date
   (an undated article takes its event's date) then importance. The first sentence is
   the storyline's **core happening** (:func:`core_fact`): the fact most independent
   reports lead with or headline, in any wording (:func:`opening_support`), a reported
   happening before an announcement of one, and never a sentence that leans on the one
   before it or opens with a quotation (:func:`can_open`).
   Every summary sentence is a real sentence of a source (an attribution tail such as
   ``، حسب وكالة رويترز`` may be trimmed) and cites every article that states it.
4. fills **coverage**: per storyline and outlet, the facts only that outlet reported.

Everything here is pure: records in, records out. An article without a known outlet
counts as an outlet of its own, named by its id, so unlabelled inputs (the seeds)
still compare.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from marsad.arabic.lexicons import STOPWORDS
from marsad.arabic.normalize import normalize
from marsad.arabic.stem import stem
from marsad.arabic.tokenize import words
from marsad.hashed_rows import WordRows, char_wb_words
from marsad.model import Article, Coverage, Event, Fact, FactSentence, Quote, Reuse, Storyline, SummarySentence
from marsad.statements import (
    TITLE_PRONOUNS,
    announces,
    is_fragment,
    is_furniture,
    is_list_item,
    leans_back,
    opens_with_quote,
    title_pronoun_subject,
)

__all__ = [
    "SummaryOptions",
    "SummaryResult",
    "SentenceUnit",
    "summarize",
    "summarize_storyline",
    "build_facts",
    "select_facts",
    "core_fact",
    "can_open",
    "opening_support",
    "report_tops",
    "article_tops",
    "restated_leads",
    "statement_ranks",
    "presentable",
    "independent_groups",
    "is_continuation",
    "sentence_similarity",
    "similarity_matrix",
    "content_tokens",
    "quoted_spans",
    "trim_attribution",
    "outlet_of",
]


@dataclass(slots=True)
class SummaryOptions:
    """Tunables of fact grouping and summary selection (defaults measured on the seeds
    and on SaudiNewsNet events; see BENCHMARKS.md)."""

    words: int = 120
    #: two sentences state the same fact at this blended similarity or above
    same_fact: float = 0.5
    #: weight of the word-level cosine in the blend (the rest is char n-grams)
    word_weight: float = 0.5
    #: the IDF-weighted overlap coefficient counts at this weight (a sentence that
    #: another one restates in full, with more around it) …
    overlap_weight: float = 0.8
    #: … when both sentences have at least this many content words
    min_overlap_words: int = 6
    #: a reuse ``paraphrase`` pair counts when its alignment score is at least this
    #: (the aligner's true pairs on the seeds score 0.52–1.0; a 0.515 pair in the
    #: sample joins "will open on Tuesday" to "said on Tuesday that…")
    paraphrase_min: float = 0.6
    #: a reuse link merges two articles into one independent report when either side
    #: has at least this share of its sentences aligned to the other
    reuse_containment: float = 0.2
    #: MMR trade-off between importance (1.0) and novelty (0.0)
    mmr_lambda: float = 0.7
    #: MMR penalty for citing only articles the summary already cites (source novelty:
    #: a storyline told by several events/outlets should not be summarized from one)
    source_novelty: float = 0.15
    #: a candidate this similar to a chosen summary sentence is never added
    max_redundancy: float = 0.35
    #: sentences shorter than this (in words) are not used as summary sentences
    min_words: int = 8
    #: larger storylines are reduced to each article's leading sentences (round robin)
    max_sentences: int = 2500
    #: score factor of a sentence that leans on the previous one for its speaker
    continuation_factor: float = 0.8
    #: score weights: centrality, independent corroboration, outlets, lead position
    weights: tuple[float, float, float, float] = (0.4, 0.3, 0.1, 0.2)


@dataclass(slots=True)
class SummaryResult:
    """What the stage adds to a digest."""

    facts: list[Fact] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class SentenceUnit:
    """One sentence of one article inside a storyline."""

    article_id: str
    index: int
    text: str
    position: int  # rank of the sentence in its article (0 = lead)


# --- text features --------------------------------------------------------------------

_QUOTE_RE = re.compile(r"«([^»]{8,})»|\"([^\"]{8,})\"|“([^”]{8,})”|”([^“]{8,})“")
#: attribution tails that can be cut off a sentence without changing what it states
_ATTRIBUTION_TAIL_RE = re.compile(
    r"[،,]\s*(?:(?:و|ف)?(?:حسب|بحسب|نقلا عن|نقلاً عن|كما نقلت|كما ذكرت|كما أفادت|وفق(?=\s+(?:ال)?(?:صحيف|وكال|تقارير|وسائل))))"
    r"[^،,.!?؟«»\"]{0,60}[.!؟]?\s*$"
)
#: …but only when the tail credits a medium (an agency, a paper, "local media"): a tail
#: naming a person or a party ("حسبما قال المتحدث", "حسبما أكدت كييف", "وفق تعبيرها")
#: says whose claim it is, and a summary must keep that
_MEDIA_CREDIT_RE = re.compile(
    r"وكال|وسائل|[اإ]علام|صحيف|جريد|قنا[ةه]|موقع|تلفزيون|[اإ]ذاع|رويترز|فرانس ?برس|الفرنسي[ةه]|[اأ]سوشيتد|"
    r"الاناضول|الأناضول|\bواس\b|الانباء|الأنباء|نوفوستي|تاس\b|بي ?بي ?سي|سي ?[اإ]ن ?[اإ]ن"
)
#: words that name a claimant inside a media credit ("بحسب ما قال ضابط … لوكالة …")
_CLAIMANT_RE = re.compile(r"مصدر|مصادر|مسؤول|مسئول|ضابط|متحدث|ناطق|شهود|شاهد|مراسل|وزير|\bقال|\bقالت|[اأ]كد|[اأ]علن")
_SENTENCE_END_RE = re.compile(r"[.!؟?…]\s*$")
#: a sentence that continues the previous one's speaker ("وأضاف، …", "وتابع أن …"):
#: fine inside an article, unclear on its own in a summary
_CONTINUATION_RE = re.compile(
    r"^\s*(?:و|ف)?(?:أضاف|اضاف|أضافت|تابع|تابعت|أشار|اشار|أشارت|لفت|لفتت|أوضح|اوضح|أوضحت|أكد|اكد|أكدت|قال|قالت|ذكر|ذكرت|اعتبر|رأى)"
    r"(?:\s*[،,:]|\s+(?:أن|إن|ان|إلى|الى|في|خلال|أمام|امام|عقب|بعد|لدى|اليوم|أمس|امس|مساء|صباح)\s|\s*[\"«“])"
)
_DIGITS_RE = re.compile(r"\d")

def content_tokens(text: str) -> list[str]:
    """Normalized, stemmed content words of ``text`` (stopwords and 1-letter tokens
    dropped; numbers kept as they are, since a shared figure is strong evidence).
    Cached: the timeline, the summary and the citation checks read the same sentences."""
    return list(_content_tokens(text))


#: Sentences :func:`content_tokens` keeps. Sized by memory, not by a corpus: an entry
#: (the tuple and the stems only it still holds) is up to ~3 KB (measured: 70 MB for
#: 24,780 sentences of SaudiNewsNet), so 131,072 let a long-running process grow by
#: up to ~0.4 GB here; 32,768 (≤ ~90 MB) still hold the sentences of the storylines a
#: batch touches, whose summary, timeline and citation checks read them again.
CONTENT_TOKENS_CACHE = 1 << 15


@lru_cache(maxsize=CONTENT_TOKENS_CACHE)
def _content_tokens(text: str) -> tuple[str, ...]:
    known = _WORD_TOKENS
    if len(known) > _WORD_TOKENS_LIMIT:
        known.clear()
    out: list[str] = []
    for word in words(text):
        token = known.get(word)
        if token is None:
            token = known[word] = _word_token(word)
        if token:
            out.append(token)
    return tuple(out)


#: normalized word → its content token ("" for none): a corpus repeats its words, and
#: the stopword, digit and stem tests of a word always give the same answer
_WORD_TOKENS: dict[str, str] = {}
_WORD_TOKENS_LIMIT = 200_000


def _word_token(word: str) -> str:
    """What :func:`content_tokens` keeps of one normalized word: a number as it is,
    else its stem; "" for a stopword (before or after stemming) or a 1-letter word."""
    if word in STOPWORDS:
        return ""
    if _DIGITS_RE.search(word):
        return word
    if len(word) > 1:
        stemmed = stem(word)
        if stemmed and stemmed not in STOPWORDS:
            return stemmed
    return ""


def quoted_spans(text: str) -> list[frozenset[str]]:
    """Content-token sets of the quoted passages of a sentence (≥ 3 content words)."""
    spans = []
    for match in _QUOTE_RE.finditer(text):
        quoted = next(g for g in match.groups() if g)
        tokens = frozenset(content_tokens(quoted))
        if len(tokens) >= 3:
            spans.append(tokens)
    return spans


def trim_attribution(text: str, min_words: int = 6) -> str:
    """``text`` without a trailing media credit (``، حسب وكالة رويترز.``), when what
    remains still has ``min_words`` words; the sentence end mark is kept. Tails that
    attribute the claim to a person or party are kept."""
    match = _ATTRIBUTION_TAIL_RE.search(text)
    if match is None or not _MEDIA_CREDIT_RE.search(match.group()) or _CLAIMANT_RE.search(match.group()):
        return text
    head = text[: match.start()].rstrip()
    if len(head.split()) < min_words or head.count('"') % 2 or head.count("«") != head.count("»"):
        return text
    end = _SENTENCE_END_RE.search(text)
    return head + (end.group().strip() if end else "")


def is_continuation(text: str) -> bool:
    """Whether a sentence leans on the previous one for its speaker (``وأضاف أن …``)."""
    return bool(_CONTINUATION_RE.match(text))


def outlet_of(article: Article) -> str:
    """The outlet an article counts for: its outlet, else its own id."""
    return article.outlet or article.id


@dataclass(slots=True)
class _Features:
    """TF-IDF rows (L2-normalized) of a list of sentence units, their content-word
    sets and quotes, and the IDF-weighted binary word matrix for overlap."""

    word: sparse.csr_matrix
    char: sparse.csr_matrix
    binary: sparse.csr_matrix  # word presence × idf
    tokens: list[frozenset[str]]
    quotes: list[list[frozenset[str]]]
    word_weight: float
    overlap_weight: float
    min_overlap_words: int

    def similarity(self) -> np.ndarray:
        """Dense similarity of every pair (see :func:`_blend`); a big storyline's a
        block of rows at a time (:meth:`_blocked_similarity`)."""
        if self.word.shape[0] ** 2 > 4 * _BLOCK_CELLS:
            return self._blocked_similarity()
        return _blend(
            (self.word @ self.word.T).toarray(),
            lambda: (self.char @ self.char.T).toarray(),
            np.asarray(self.binary.sum(axis=1)).ravel(),
            lambda: (self.binary @ self.binary.sign().T).toarray(),
            self.tokens,
            self.quotes,
            self.word_weight,
            self.overlap_weight,
            self.min_overlap_words,
        )

    def _blocked_similarity(self) -> np.ndarray:
        """:func:`_blend` of a few hundred rows at a time: a big storyline holds its
        similarity matrix and blocks of rows, not four n × n arrays. Equal to the
        whole-matrix arithmetic: each product's entry (i, j) sums over row i's
        features in the same order whichever rows are multiplied together, and the
        overlap's transpose comes from the column block's own product."""
        n = self.word.shape[0]
        step = max(1, _BLOCK_CELLS // n)
        sim = np.empty((n, n))
        mass = np.asarray(self.binary.sum(axis=1)).ravel()
        presence = self.binary.sign()
        no_quotes: list[list[frozenset[str]]] = [[] for _ in range(n)]
        for start in range(0, n, step):
            rows = slice(start, min(n, start + step))
            sim[rows] = _blend(
                (self.word[rows] @ self.word.T).toarray(),
                lambda: (self.char[rows] @ self.char.T).toarray(),
                mass,
                lambda: (self.binary[rows] @ presence.T).toarray(),
                self.tokens,
                no_quotes,
                self.word_weight,
                self.overlap_weight,
                self.min_overlap_words,
                rows=rows,
                overlap_columns=lambda: (self.binary @ presence[rows].T).toarray().T,
            )
        _raise_to_quotes(sim, self.tokens, self.quotes)
        return sim

    def rows(self, index: Sequence[int]) -> sparse.csr_matrix:
        """Blended feature rows (concatenated word and char parts) for centroids."""
        w = self.word_weight
        return sparse.hstack([np.sqrt(w) * self.word[index], np.sqrt(1 - w) * self.char[index]]).tocsr()


def _blend(
    sim: np.ndarray,
    char_of: Callable[[], np.ndarray],
    mass: np.ndarray,
    overlap_of: Callable[[], np.ndarray],
    tokens: Sequence[frozenset[str]],
    quotes: Sequence[Sequence[frozenset[str]]],
    w: float,
    overlap_weight: float,
    min_overlap_words: int,
    rows: slice | None = None,
    overlap_columns: Callable[[], np.ndarray] | None = None,
) -> np.ndarray:
    """Dense similarity of every pair from the sentences' cosine products: the blend of
    word (``sim``, overwritten) and char-n-gram (``char_of()``) cosines, raised to the
    IDF-weighted overlap coefficient of the content words (``overlap_of()``: Σ idf of
    the words of i also in j; ``mass``: Σ idf of i's words — a short sentence that a
    longer one fully restates) and to shared-quote coverage. The products come as
    arrays (one storyline) or as slices of a batch's (:class:`_Batch`); the char and
    overlap products are asked for one at a time so a big storyline holds few n × n
    arrays at once.

    With ``rows``, the products are those rows only (all columns) and
    ``overlap_columns()`` gives the overlap product's columns ``rows``, transposed;
    the quotes are left to the caller (:func:`_raise_to_quotes` on the whole matrix)."""
    # (arrays are updated in place, the same arithmetic as the plain expressions, so
    # a big storyline holds a few of them rather than eight)
    sim *= w
    char = char_of()
    char *= 1 - w
    sim += char
    del char
    own = slice(None) if rows is None else rows
    counts = np.array([len(t) for t in tokens])
    smaller = np.minimum(mass[own, None], mass[None, :])
    positive = smaller > 0

    def coefficient(overlap: np.ndarray) -> np.ndarray:
        """Σ idf of the shared words over the smaller sentence's (0 for an empty one)."""
        np.divide(overlap, smaller, out=overlap, where=positive)
        overlap[~positive] = 0.0
        return overlap

    overlap = coefficient(overlap_of())  # Σ idf over words of i also in j
    both = np.minimum(overlap, overlap.T if overlap_columns is None else coefficient(overlap_columns()))
    del overlap, smaller, positive
    enough = np.minimum(counts[own, None], counts[None, :]) >= min_overlap_words
    both *= overlap_weight
    both[~enough] = 0.0
    np.maximum(sim, both, out=sim)
    del both, enough
    if rows is None:
        _raise_to_quotes(sim, tokens, quotes)
    return sim


def _raise_to_quotes(sim: np.ndarray, tokens: Sequence[frozenset[str]], quotes: Sequence[Sequence[frozenset[str]]]) -> None:
    """Raise ``sim`` (in place, both ways) to the share of a sentence's quote whose
    content words another sentence holds (from 4 shared words on): the same quote,
    quoted or reported as indirect speech."""
    quote_rows = [(i, q) for i, own in enumerate(quotes) for q in own]
    if not quote_rows:
        return
    # every quote against every sentence at once: shared words / quote words
    vocabulary = {t: n for n, t in enumerate(sorted({t for _, q in quote_rows for t in q}))}
    indicator = sparse.csr_matrix(
        (
            np.ones(sum(len(q) for _, q in quote_rows)),
            ([r for r, (_, q) in enumerate(quote_rows) for _ in q], [vocabulary[t] for _, q in quote_rows for t in q]),
        ),
        shape=(len(quote_rows), len(vocabulary)),
    )
    in_quotes, column = vocabulary.keys(), vocabulary.__getitem__
    present_cols = [sorted(map(column, in_quotes & bag)) for bag in tokens]  # (a C set intersection a sentence)
    present = sparse.csr_matrix(
        (
            np.ones(sum(map(len, present_cols))),
            np.fromiter((c for cols in present_cols for c in cols), dtype=np.int64),
            np.concatenate([[0], np.cumsum([len(cols) for cols in present_cols])]),
        ),
        shape=(len(tokens), len(vocabulary)),
    )
    shared = (indicator @ present.T).toarray()
    sizes = np.array([len(q) for _, q in quote_rows], dtype=float)[:, None]
    covered = np.where(shared >= 4, shared / sizes, 0.0)
    del shared
    # the best coverage of each quoting sentence's quotes (rows of the other
    # sentences stay 0, which raises nothing: similarities are ≥ 0)
    owners, position = np.unique([i for i, _ in quote_rows], return_inverse=True)
    best = np.zeros((len(owners), sim.shape[1]))
    np.maximum.at(best, position, covered)
    best[np.arange(len(owners)), owners] = 0.0  # a sentence does not quote itself
    sim[owners] = np.maximum(sim[owners], best)
    sim[:, owners] = np.maximum(sim[:, owners], best.T)


#: hashed feature spaces (no vocabulary to build and sort per storyline; collisions
#: at 2^20 buckets are negligible for a storyline's few thousand sentences)
_WORD_HASHER = HashingVectorizer(analyzer=lambda tokens: tokens, n_features=1 << 20, alternate_sign=False, norm=None)
_CHAR_HASHER = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=1 << 20, alternate_sign=False, norm=None)
#: the same rows, assembled from each distinct word's cached row (no re-analysis of a
#: word the corpus already used; see :mod:`marsad.hashed_rows`)
_WORD_ROWS = WordRows(_WORD_HASHER, as_document=lambda word: [word])
_CHAR_ROWS = WordRows(_CHAR_HASHER)


def _tfidf(counts: sparse.csr_matrix) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sublinear TF-IDF rows (L2-normalized) with IDF fitted on these rows only, so
    words shared by the whole storyline weigh little; and that IDF vector.

    scikit-learn's ``TfidfTransformer(sublinear_tf=True, norm="l2")`` step by step, the
    same arithmetic in the same order (so the same floats) without its per-call input
    validation, which cost more than the arithmetic on a storyline's few rows."""
    counts = counts.tocsr()
    return _tfidf_blocks(counts, np.zeros(counts.shape[0], dtype=np.int64), np.array([counts.shape[0]]))


def _unit_rows(rows: sparse.csr_matrix) -> sparse.csr_matrix:
    """``rows`` (float64 CSR) scaled in place to unit L2 norm, zero rows left alone:
    what ``sklearn.preprocessing.normalize`` does to a CSR matrix (its own routine),
    without its per-call validation (a storyline makes three such calls)."""
    inplace_csr_row_normalize_l2(rows)
    return rows


def _features(
    texts: Sequence[str],
    options: SummaryOptions,
    tfidf: Callable[[sparse.csr_matrix], tuple[sparse.csr_matrix, np.ndarray]] = _tfidf,
) -> _Features:
    """The features of ``texts`` (one storyline's; many storylines' stacked rows with
    :class:`_Batch`'s ``tfidf``, each storyline its own columns and IDF)."""
    token_lists = [content_tokens(t) for t in texts]
    joined = [" ".join(t) if t else normalize(text) for t, text in zip(token_lists, texts)]
    word, idf = tfidf(_WORD_ROWS.transform(token_lists))
    char, _ = tfidf(_CHAR_ROWS.transform([char_wb_words(j) for j in joined]))
    binary = (word.sign() @ sparse.diags(idf)).tocsr()
    return _Features(
        word,
        char,
        binary,
        [frozenset(t) for t in token_lists],
        [quoted_spans(t) for t in texts],
        options.word_weight,
        options.overlap_weight,
        options.min_overlap_words,
    )


def similarity_matrix(texts: Sequence[str], options: SummaryOptions | None = None) -> np.ndarray:
    """Pairwise blended similarity of ``texts`` as fact grouping sees it (IDF fitted on
    these texts): the timeline groups statements of one development with it."""
    return _features(list(texts), options or SummaryOptions()).similarity()


def sentence_similarity(a: str, b: str, options: SummaryOptions | None = None) -> float:
    """The blended similarity of two sentences, as fact grouping sees it (IDF fitted on
    the pair only, so use this for spot checks, not for ranking)."""
    options = options or SummaryOptions()
    return float(_features([a, b], options).similarity()[0, 1])


# --- corroboration ----------------------------------------------------------------------


def independent_groups(
    article_ids: Iterable[str],
    reuse: Iterable[Reuse],
    min_containment: float = 0.2,
    outlets: Mapping[str, str | None] | None = None,
) -> dict[str, int]:
    """Article id → id of its independent-report group: connected components of the
    articles linked by reuse (either side with ≥ ``min_containment`` of its sentences
    aligned to the other) and, when ``outlets`` is given, of articles from one known
    outlet (a newsroom does not corroborate itself). A union–find, so chains (A copies
    B, C copies A) merge."""
    ids = list(dict.fromkeys(article_ids))
    parent = {a: a for a in ids}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for link in reuse:
        if link.a in parent and link.b in parent and max(link.containment_a, link.containment_b) >= min_containment:
            union(link.a, link.b)
    first_of_outlet: dict[str, str] = {}
    for a in ids:
        outlet = (outlets or {}).get(a)
        if outlet:
            union(first_of_outlet.setdefault(outlet, a), a)
    order = {root: n for n, root in enumerate(dict.fromkeys(find(a) for a in ids))}
    return {a: order[find(a)] for a in ids}


# --- facts ------------------------------------------------------------------------------


def _units(articles: Sequence[Article], max_sentences: int) -> list[SentenceUnit]:
    """The storyline's sentences; past ``max_sentences``, each article's leading ones."""
    per_article = [
        [SentenceUnit(a.id, i, s.text, i) for i, s in enumerate(a.sentences) if s.text.strip()]
        for a in articles
    ]
    total = sum(len(u) for u in per_article)
    if total <= max_sentences:
        return [u for units in per_article for u in units]
    kept: list[SentenceUnit] = []
    depth = 0
    while len(kept) < max_sentences:
        added = False
        for units in per_article:
            if depth < len(units) and len(kept) < max_sentences:
                kept.append(units[depth])
                added = True
        if not added:
            break
        depth += 1
    rank = {a.id: k for k, a in enumerate(articles)}
    return sorted(kept, key=lambda u: (rank[u.article_id], u.index))


def _clusters(sim: np.ndarray, units: Sequence[SentenceUnit], must_link: set[tuple[int, int]], threshold: float) -> list[int]:
    """Cluster labels: average linkage over 1 - similarity, same-article pairs kept
    apart, reuse-aligned pairs joined.

    scikit-learn's ``AgglomerativeClustering(metric="precomputed", linkage="average",
    distance_threshold=1 - threshold)`` step by step — SciPy's average linkage of the
    condensed distances, cut before the first merge at or above the threshold — with
    the distances written straight into the condensed vector (no n × n distance
    matrix and index arrays beside ``sim``: a big storyline's largest allocations);
    the same clusters."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    n = len(units)
    if len({u.article_id for u in units}) == 1:  # one article: every sentence is its own fact
        return list(range(n))
    dist = squareform(sim, checks=False)  # the upper triangle, row by row (a copy)
    np.clip(dist, 0.0, 1.0, out=dist)
    np.subtract(1.0, dist, out=dist)
    _, article = np.unique([u.article_id for u in units], return_inverse=True)
    row_start = np.concatenate([[0], np.cumsum(np.arange(n - 1, 0, -1))])  # condensed offset of (i, i+1)
    for i in range(n - 1):
        row = dist[row_start[i]:row_start[i] + n - 1 - i]
        row[article[i + 1:] == article[i]] = 2.0
    for i, j in must_link:
        i, j = min(i, j), max(i, j)
        dist[row_start[i] + j - i - 1] = 0.0
    merges = linkage(dist, method="average", metric="precomputed")
    del dist
    # scikit-learn keeps the merges below the threshold: the first ones (average
    # linkage merges in non-decreasing distance), as many as it counts
    kept = n - 1 - int(np.count_nonzero(merges[:, 2] >= 1.0 - threshold))
    parent = np.arange(2 * n - 1)
    children = merges[:kept, :2].astype(int)
    parent[children[:, 0]] = parent[children[:, 1]] = n + np.arange(kept)
    top = parent[:n]
    while True:  # climb to each leaf's highest kept merge
        up = parent[top]
        if np.array_equal(up, top):
            break
        top = up
    return top.tolist()


def build_facts(
    storyline: Storyline,
    articles: Sequence[Article],
    reuse: Sequence[Reuse] = (),
    options: SummaryOptions | None = None,
    dates: Mapping[str, str] | None = None,
) -> tuple[list[Fact], np.ndarray, list[SentenceUnit]]:
    """The facts of one storyline, their pairwise similarity (for MMR) and the units.

    ``articles`` are the storyline's articles in any order; ``reuse`` may hold links
    between any articles (others are ignored); ``dates`` gives article dates where
    ``published`` is unknown (e.g. their event's date). Facts are returned in reading
    order (first article, first sentence); ids are ``<storyline id>.f<n>``.
    """
    options = options or SummaryOptions()
    units = _units(articles, options.max_sentences)
    if not units:
        return [], np.zeros((0, 0)), []
    features = _features([u.text for u in units], options)
    sim = features.similarity()
    facts, ordered = _group_facts(storyline, articles, units, sim, reuse, options, dates)
    fact_sim = _fact_blend(_centroid_similarity(features.rows(np.arange(len(units))), ordered), sim, ordered)
    _score(facts, fact_sim, units, ordered, options)
    return facts, fact_sim, units


def _group_facts(
    storyline: Storyline,
    articles: Sequence[Article],
    units: Sequence[SentenceUnit],
    sim: np.ndarray,
    reuse: Sequence[Reuse],
    options: SummaryOptions,
    dates: Mapping[str, str] | None,
) -> tuple[list[Fact], list[list[int]]]:
    """The facts of a storyline's ``units`` given their similarity ``sim`` (raised in
    place where reuse aligned a confident paraphrase), in reading order, and each
    fact's member units (unscored: see :func:`_score`)."""
    by_id = {a.id: a for a in articles}
    where = {(u.article_id, u.index): k for k, u in enumerate(units)}
    must_link: set[tuple[int, int]] = set()
    for link in reuse:
        if link.a in by_id and link.b in by_id:
            for pair in link.pairs:
                i, j = where.get((link.a, pair.a)), where.get((link.b, pair.b))
                if i is None or j is None or link.a == link.b:
                    continue
                if pair.kind in ("exact", "near"):
                    must_link.add((i, j))  # copied text: the same statement
                elif pair.similarity >= options.paraphrase_min and pair.similarity > sim[i, j]:
                    # a confident paraphrase alignment is evidence, weighed like our score
                    sim[i, j] = sim[j, i] = pair.similarity
    labels = _clusters(sim, units, must_link, options.same_fact)
    groups = independent_groups(by_id, reuse, options.reuse_containment, {a.id: a.outlet for a in articles})
    members: dict[int, list[int]] = defaultdict(list)
    for k, label in enumerate(labels):
        members[label].append(k)
    ordered = sorted(members.values(), key=lambda ks: ks[0])

    facts: list[Fact] = []
    for n, ks in enumerate(ordered):
        # representative: the member closest to the others, preferring a usable length
        rep = _representative(ks, units, sim, options)
        unit = units[rep]
        sources = list(dict.fromkeys(units[k].article_id for k in ks))
        outlets = sorted({outlet_of(by_id[a]) for a in sources})
        known = sorted(d for d in (by_id[a].published or (dates or {}).get(a) for a in sources) if d)
        sentence = by_id[unit.article_id].sentences[unit.index]
        facts.append(
            Fact(
                id=f"{storyline.id}.f{n}",
                storyline_id=storyline.id,
                text=trim_attribution(unit.text, options.min_words),
                article_id=unit.article_id,
                start=sentence.start,
                end=sentence.end,
                sentences=[FactSentence(units[k].article_id, units[k].index) for k in ks],
                sources=sources,
                outlets=outlets,
                independent=len({groups[a] for a in sources}),
                date=known[0] if known else None,
            )
        )
    return facts, ordered


def _membership(ordered: list[list[int]], units: int) -> sparse.csr_matrix:
    """Fact × unit indicator of the facts' member units."""
    rows = np.repeat(np.arange(len(ordered)), [len(ks) for ks in ordered])
    cols = np.fromiter((k for ks in ordered for k in ks), dtype=int)
    return sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(ordered), units))


def _centroid_similarity(rows: sparse.csr_matrix, ordered: list[list[int]]) -> np.ndarray:
    """Cosine of the facts' summed feature ``rows`` (:meth:`_Features.rows`)."""
    if not ordered:
        return np.zeros((0, 0))
    centroids = _unit_rows((_membership(ordered, rows.shape[0]) @ rows).tocsr())
    count = len(ordered)
    if count * count <= 4 * _BLOCK_CELLS:
        return (centroids @ centroids.T).toarray()
    # a block of rows at a time (entry (f, g) sums over row f's features in the same
    # order): the sparse product of many facts is larger than its dense array
    out = np.empty((count, count))
    columns = centroids.T.tocsr()
    step = max(1, _BLOCK_CELLS // count)
    for start in range(0, count, step):
        out[start:start + step] = (centroids[start:start + step] @ columns).toarray()
    return out


def _fact_blend(fact_sim: np.ndarray, sim: np.ndarray, ordered: list[list[int]]) -> np.ndarray:
    """Fact × fact similarity: the cosine of the facts' centroids (``fact_sim``,
    overwritten) raised to the strongest member-to-member similarity (so MMR sees
    paraphrases and shared quotes between facts too). Vectorized: O(n²) numpy, no
    Python loop over pairs."""
    if not ordered:
        return np.zeros((0, 0))
    cols = np.fromiter((k for ks in ordered for k in ks), dtype=int)
    starts = np.cumsum([0] + [len(ks) for ks in ordered[:-1]])
    count = len(ordered)
    # facts a block at a time: the strongest member-to-member similarity of the
    # block's facts to every fact raises both their rows and their columns (the
    # diagonal is set to 1 below, so a fact's own maximum never counts)
    step = max(1, _BLOCK_CELLS // len(cols))
    for f in range(0, count, step):
        upto = min(count, f + step)
        members = cols[starts[f]:starts[upto] if upto < count else len(cols)]
        by_fact = np.maximum.reduceat(sim[members], starts[f:upto] - starts[f], axis=0)  # fact × unit: best member
        best = np.maximum.reduceat(by_fact[:, cols], starts, axis=1)  # fact × fact
        np.maximum(fact_sim[f:upto], best, out=fact_sim[f:upto])
        np.maximum(fact_sim[:, f:upto], best.T, out=fact_sim[:, f:upto])
    np.fill_diagonal(fact_sim, 1.0)
    return fact_sim


#: cells of the row blocks a big storyline's n × n arrays are computed in (~4 MB)
_BLOCK_CELLS = 1 << 19


def _representative(ks: list[int], units: Sequence[SentenceUnit], sim: np.ndarray, options: SummaryOptions) -> int:
    """The member that best stands for a fact: long enough, self-contained (it could
    open a story — :func:`can_open`: no continued speaker, no pointer back, not opening
    with a quotation — and names its speaker), closest to the other members, then the
    shorter and earlier one. Three outlets' lead «يرأس وزير المالية … وفد المملكة» stood
    for its fact as another outlet's «وقال العساف "…"», which cannot open."""
    if len(ks) == 1:
        return ks[0]
    inner = sim[np.ix_(ks, ks)].mean(axis=1)

    def key(x: int) -> tuple:
        unit = units[ks[x]]
        length = len(unit.text.split())
        return (
            length >= options.min_words,
            can_open(unit.text),
            title_pronoun_subject(unit.text) is None,
            round(float(inner[x]), 1),
            -length,
            -ks[x],
        )

    return ks[max(range(len(ks)), key=key)]


def _lexrank(sim: np.ndarray, damping: float = 0.85, tol: float = 1e-8, max_iter: int = 200) -> np.ndarray:
    """Continuous LexRank: stationary distribution of the row-normalized similarity
    graph with uniform teleport (Erkan & Radev 2004), by power iteration."""
    n = len(sim)
    if n == 0:
        return np.zeros(0)
    weights = np.clip(sim, 0.0, None)
    np.fill_diagonal(weights, 0.0)
    rows = weights.sum(axis=1, keepdims=True)
    # row-normalized in place (a big storyline's fact matrix is tens of MB)
    transition = np.divide(weights, rows, out=weights, where=rows > 0)
    transition[~(rows > 0).ravel()] = 1.0 / n
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        new = (1 - damping) / n + damping * (transition.T @ rank)
        if np.abs(new - rank).sum() < tol:
            rank = new
            break
        rank = new
    return rank


def _score(facts: list[Fact], fact_sim: np.ndarray, units: Sequence[SentenceUnit], ordered: list[list[int]], options: SummaryOptions) -> None:
    """Fill ``centrality`` and ``score`` of each fact (in place)."""
    if not facts:
        return
    central = _lexrank(fact_sim)
    central = central / central.max() if central.max() > 0 else central
    top_independent = max(f.independent for f in facts)
    top_outlets = max(len(f.outlets) for f in facts)
    wc, wi, wo, wp = options.weights
    for fact, ks, c in zip(facts, ordered, central):
        lead = 1.0 / (1.0 + min(units[k].position for k in ks))
        fact.centrality = round(float(c), 4)
        fact.score = round(
            (
                wc * float(c)
                + wi * (fact.independent - 1) / max(top_independent - 1, 1)
                + wo * (len(fact.outlets) - 1) / max(top_outlets - 1, 1)
                + wp * lead
            )
            * (options.continuation_factor if is_continuation(fact.text) else 1.0),
            4,
        )


# --- summary ----------------------------------------------------------------------------


def presentable(text: str, min_words: int) -> bool:
    """Whether a sentence may be shown in a summary: long enough, a statement (not a
    fragment, caption or numbered list item) and no crawl furniture (link, share,
    "read also", credit lines) — cleaning removes learned outlet boilerplate; this
    guards what remains.
    Cached: a storyline's leads are read as facts and as its articles' tops."""
    return _presentable(text, min_words)


@lru_cache(maxsize=CONTENT_TOKENS_CACHE)
def _presentable(text: str, min_words: int) -> bool:
    return (
        len(text.split()) >= min_words
        and not is_list_item(text)
        and not is_furniture(text)
        and not is_fragment(text)
    )


def statement_ranks(units: Sequence[SentenceUnit], min_words: int, depth: int = 2) -> dict[tuple[str, int], int]:
    """(article id, sentence index) → rank among its article's statements, for each
    article's first ``depth`` :func:`presentable` sentences: rank 0 is the lead (the
    first statement after the dateline, captions and bylines skipped)."""
    ranks: dict[tuple[str, int], int] = {}
    count: dict[str, int] = defaultdict(int)
    for unit in units:  # each article's units in reading order (see _units)
        if count[unit.article_id] < depth and presentable(unit.text, min_words):
            ranks[(unit.article_id, unit.index)] = count[unit.article_id]
            count[unit.article_id] += 1
    return ranks


#: a sentence states its article's headline when it has this share of the title's
#: content words (titles of three content words or more)
TITLE_COVERAGE = 0.6
#: weight of an article's lead (rank 0) and second statement (rank 1) in
#: :func:`opening_support`; stating the article's headline weighs as a lead
_RANK_WEIGHT = (1.0, 0.5)


#: a fact counts towards another report's top when it is at least this similar to
#: the fact that report leads with (:func:`opening_support`)
OPENING_SIMILARITY = 0.25
#: an announcement (a preview) counts at this share of its support: the happening
#: itself, once reported, opens the story
ANNOUNCEMENT_FACTOR = 0.5


def article_tops(
    facts: Sequence[Fact],
    ranks: Mapping[tuple[str, int], int],
    titles: Mapping[str, str | None],
    units_of: Mapping[tuple[str, int], SentenceUnit],
) -> dict[int, dict[str, float]]:
    """Fact index → {article id: weight} of the articles that put the fact at their top:
    1 for the article's lead or a sentence that states its headline (``titles``: it has
    :data:`TITLE_COVERAGE` of a headline's content words, for headlines of three or
    more), 0.5 for its second statement."""
    out: dict[int, dict[str, float]] = {}
    headlines: dict[str, frozenset[str]] = {}
    for article_id, title in titles.items():
        words = frozenset(content_tokens(title)) if title else frozenset()
        if len(words) >= 3:
            headlines[article_id] = words
    for i, fact in enumerate(facts):
        for s in fact.sentences:
            key = (s.article_id, s.sentence)
            rank = ranks.get(key)
            weight = _RANK_WEIGHT[rank] if rank is not None and rank < len(_RANK_WEIGHT) else 0.0
            headline = headlines.get(s.article_id)
            if weight < 1.0 and headline and (unit := units_of.get(key)) is not None:
                if len(headline.intersection(content_tokens(unit.text))) >= TITLE_COVERAGE * len(headline):
                    weight = 1.0  # states its article's headline
            if weight > 0:
                by_article = out.setdefault(i, {})
                by_article[s.article_id] = max(by_article.get(s.article_id, 0.0), weight)
    return out


def report_tops(
    facts: Sequence[Fact],
    ranks: Mapping[tuple[str, int], int],
    groups: Mapping[str, int],
    titles: Mapping[str, str | None],
    units_of: Mapping[tuple[str, int], SentenceUnit],
) -> dict[int, dict[int, float]]:
    """Independent group → {fact index: weight} of the facts its reports put at the
    top (:func:`article_tops`, the best weight of the group's articles)."""
    tops: dict[int, dict[int, float]] = defaultdict(dict)
    for i, by_article in article_tops(facts, ranks, titles, units_of).items():
        for article_id, weight in by_article.items():
            group = tops[groups[article_id]]
            group[i] = max(group.get(i, 0.0), weight)
    return dict(tops)


#: two leads restate one development from this pair similarity on
#: (:func:`marsad.citations.similarity`, fitted on the pair: the storyline's IDF makes
#: the words every report of a small story shares weigh little)
RESTATED_LEAD_SIMILARITY = 0.3


def restated_leads(
    facts: Sequence[Fact],
    ranks: Mapping[tuple[str, int], int],
    fact_sim: np.ndarray,
    texts: Mapping[int, str],
) -> Callable[[int, int], bool]:
    """Whether two facts state one development as two reports' leads, in other words
    («هبطت أسعار الغذاء العالمية في يوليو لأدنى مستوياتها» / «سجلت أسعار السلع
    الغذائية … أدنى متوسط شهري»; paraphrased leads of two outlets score ~0.25–0.35 on
    the storyline's fact similarity, under the summary's general redundancy bar):

    * each is the lead of an article of the storyline (its first statement,
      :func:`statement_ranks`);
    * they are at least :data:`OPENING_SIMILARITY` similar (the likeness at which
      :func:`opening_support` already counts one report's top as another's) and
      :data:`RESTATED_LEAD_SIMILARITY` on the pair alone;
    * no article states both (an article does not restate its own lead as another
      sentence: two statements it makes are two developments);
    * their specifics agree — figures (:func:`marsad.citations.specifics_agree`) and
      the people and places named (:func:`marsad.citations.names_agree`: Kerry in
      Cairo is not Kerry in Doha, the emir meeting Lavrov is not the three ministers'
      meeting)."""
    from marsad.citations import names_agree, similarity, specifics_agree

    leads = {i for i, fact in enumerate(facts) if any(ranks.get((s.article_id, s.sentence)) == 0 for s in fact.sentences)}
    articles = {i: {s.article_id for s in facts[i].sentences} for i in leads}

    def restates(i: int, j: int) -> bool:
        if i not in leads or j not in leads or fact_sim[i, j] < OPENING_SIMILARITY or articles[i] & articles[j]:
            return False
        a, b = texts.get(i, facts[i].text), texts.get(j, facts[j].text)
        return similarity(a, b) >= RESTATED_LEAD_SIMILARITY and specifics_agree(a, b) and names_agree(a, b)

    return restates


def opening_support(candidates: Sequence[int], tops: Mapping[int, Mapping[int, float]], fact_sim: np.ndarray) -> dict[int, float]:
    """Fact index → how many independent reports lead with it, in any wording: per
    group, the best weight × similarity between the fact and one the group puts at its
    top (:func:`report_tops`; similarities under :data:`OPENING_SIMILARITY` count 0;
    a fact is fully similar to itself), summed over the groups; facts with none left out."""
    rows = np.asarray(candidates, dtype=int)
    total = np.zeros(len(rows))
    for top in tops.values():
        columns = np.fromiter(top, dtype=int, count=len(top))
        weights = np.fromiter(top.values(), dtype=float, count=len(top))
        similar = fact_sim[np.ix_(rows, columns)] if len(rows) else np.zeros((0, len(columns)))
        similar = np.where(rows[:, None] == columns[None, :], 1.0, similar)
        total += np.where(similar >= OPENING_SIMILARITY, similar * weights, 0.0).max(axis=1, initial=0.0)
    return {int(i): float(v) for i, v in zip(rows, total) if v > 0}


def can_open(text: str) -> bool:
    """Whether a sentence can stand first in a summary: it neither leans on a sentence
    before it (:func:`marsad.statements.leans_back`, a continued speaker) nor opens with a
    quotation."""
    return not (leans_back(text) or is_continuation(text) or opens_with_quote(text))


def core_fact(
    facts: Sequence[Fact],
    eligible: Sequence[int],
    support: Mapping[int, float],
    texts: Mapping[int, str] | None = None,
) -> int | None:
    """The storyline's core happening, the summary's first sentence: among the eligible
    facts that :func:`can_open` (all of them when none can), those some independent
    report puts at its top (:func:`opening_support`), a reported happening before an
    announcement of one (:func:`marsad.statements.announces`: the result over the
    preview), then the most supported, the most corroborated, the best scored."""
    if not eligible:
        return None
    texts = texts or {}

    def text(i: int) -> str:
        return texts.get(i, facts[i].text)

    def key(i: int) -> tuple:
        weight = support.get(i, 0.0) * (ANNOUNCEMENT_FACTOR if announces(text(i)) else 1.0)
        return (round(weight, 1), facts[i].independent, facts[i].score, -i)

    # a supported fact (weight ≥ 0.1) always outranks an unsupported one (weight 0), so
    # the unsupported are read only when no supported fact can open
    supported = [i for i, value in support.items() if value > 0 and can_open(text(i))]
    pool = supported or [i for i in eligible if can_open(text(i))] or list(eligible)
    return max(pool, key=key)


def select_facts(
    facts: Sequence[Fact],
    fact_sim: np.ndarray,
    options: SummaryOptions,
    eligible: Sequence[int] | None = None,
    first: int | None = None,
    same_development: Callable[[int, int], bool] | None = None,
) -> list[int]:
    """Indexes of the facts for the summary: greedy MMR under the word budget.

    ``first`` (the core happening) is taken before anything else. A fact enters when
    its sentence fits the words left, it is :func:`presentable` (``eligible``, when
    given, lists the facts the caller found presentable), it is less than
    ``max_redundancy`` similar to every fact already chosen and, with
    ``same_development`` (e.g. :func:`restated_leads`), states none of their
    developments in other words.
    """
    chosen: list[int] = []
    cited: set[str] = set()
    budget = options.words
    if eligible is None:
        candidates = [i for i, f in enumerate(facts) if presentable(f.text, options.min_words)]
    else:
        candidates = list(eligible)
    lengths = {i: len(facts[i].text.split()) for i in candidates}  # (read every round)
    # each fact's greatest similarity to a chosen one, raised as facts are chosen
    nearest = np.full(len(facts), -np.inf)
    if first is not None and first in candidates and lengths[first] <= budget:
        chosen.append(first)
        cited.update(facts[first].sources)
        budget -= lengths[first]
        candidates.remove(first)
        np.maximum(nearest, fact_sim[:, first], out=nearest)
    while candidates:
        best, best_value = None, -np.inf
        for i in candidates:
            length = lengths[i]
            if length > budget:
                continue
            redundancy = nearest[i] if chosen else 0.0
            if redundancy >= options.max_redundancy:
                continue
            if same_development is not None and any(same_development(i, j) for j in chosen):
                continue
            seen = sum(1 for a in facts[i].sources if a in cited) / len(facts[i].sources)
            value = (
                options.mmr_lambda * facts[i].score
                - (1 - options.mmr_lambda) * redundancy
                - options.source_novelty * seen
            )
            if value > best_value:
                best, best_value = i, value
        if best is None:
            break
        chosen.append(best)
        cited.update(facts[best].sources)
        budget -= lengths[best]
        candidates.remove(best)
        np.maximum(nearest, fact_sim[:, best], out=nearest)
    return chosen


_TITLE_KEYS = frozenset(normalize(p) for p in TITLE_PRONOUNS)


def _named_subject(fact: Fact, speakers: Mapping[str, Sequence[Quote]]) -> str | None:
    """The person a title pronoun in ``fact.text`` stands for: the resolved speaker of
    a quote inside the fact's sentence (the quotes stage resolves «وأكد سموه» to the
    named emir). None when no quote names one."""
    for quote in speakers.get(fact.article_id, ()):
        if quote.start < fact.end and fact.start < quote.end and quote.speaker:
            if normalize(quote.speaker) not in _TITLE_KEYS and len(quote.speaker.split()) <= 12:
                return quote.speaker
    return None


def _with_subject(text: str, pronoun: str, name: str) -> str:
    """``وأكد سموه أن …`` → ``وأكد سموه [name] أن …`` (the first occurrence only)."""
    return text.replace(pronoun, f"{pronoun} [{name}]", 1)


def _cited(fact: Fact, text: str, by_id: Mapping[str, Article]) -> list[str]:
    """The fact's sources that state ``text`` (:func:`marsad.citations.states` on one of
    their sentences in the fact), the representative's article first."""
    from marsad.citations import figures_stated, same_text, states

    members: dict[str, list[int]] = defaultdict(list)
    for s in fact.sentences:
        members[s.article_id].append(s.sentence)
    out = [fact.article_id]
    for article_id in fact.sources:
        if article_id == fact.article_id:
            continue
        sentences = by_id[article_id].sentences
        own = [sentences[i].text for i in members[article_id] if i < len(sentences)]
        if any(same_text(text, t) for t in own):
            out.append(article_id)
        elif (stating := next((t for t in own if states(text, t)), None)) is not None:
            if figures_stated(text, stating, [s.text for s in sentences]):
                out.append(article_id)
    return out


def summarize_storyline(
    storyline: Storyline,
    articles: Sequence[Article],
    reuse: Sequence[Reuse] = (),
    options: SummaryOptions | None = None,
    dates: Mapping[str, str] | None = None,
    quotes: Sequence[Quote] = (),
) -> SummaryResult:
    """Facts, summary and coverage of one storyline (see the module docstring).

    The summary opens with the core happening (:func:`core_fact`); a sentence whose
    subject is a bare title pronoun gets its speaker's name from ``quotes`` or is not
    used; each sentence cites only the sources that state it.
    """
    options = options or SummaryOptions()
    facts, fact_sim, units = build_facts(storyline, articles, reuse, options, dates)
    return _summary(storyline, articles, facts, fact_sim, units, reuse, options, quotes)


def _summary(
    storyline: Storyline,
    articles: Sequence[Article],
    facts: list[Fact],
    fact_sim: np.ndarray,
    units: Sequence[SentenceUnit],
    reuse: Sequence[Reuse],
    options: SummaryOptions,
    quotes: Sequence[Quote],
) -> SummaryResult:
    """Summary and coverage of a storyline from its scored ``facts``
    (:func:`summarize_storyline` after :func:`build_facts`)."""
    by_id = {a.id: a for a in articles}
    speakers: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.article_id in by_id:
            speakers[quote.article_id].append(quote)
    texts: dict[int, str] = {}
    eligible: list[int] = []
    for i, fact in enumerate(facts):
        if not presentable(fact.text, options.min_words):
            continue
        pronoun = title_pronoun_subject(fact.text)
        if pronoun is None:
            texts[i] = fact.text
        elif (name := _named_subject(fact, speakers)) is not None:
            texts[i] = _with_subject(fact.text, pronoun, name)
        else:
            continue  # "who?" — not shown
        eligible.append(i)
    groups = independent_groups(by_id, reuse, options.reuse_containment, {a.id: a.outlet for a in articles})
    units_of = {(u.article_id, u.index): u for u in units}
    ranks = statement_ranks(units, options.min_words)
    titles = {a.id: a.title for a in articles}
    support = opening_support(eligible, report_tops(facts, ranks, groups, titles, units_of), fact_sim)
    first = core_fact(facts, eligible, support, texts)
    chosen = select_facts(facts, fact_sim, options, eligible, first, restated_leads(facts, ranks, fact_sim, texts))
    # the core happening first, then by time (earliest source date; undated last), then importance
    chosen.sort(key=lambda i: (i != first, facts[i].date or "9999", -facts[i].score, i))
    summary = []
    for i in chosen:
        sources = _cited(facts[i], texts[i], by_id)
        summary.append(
            SummarySentence(
                storyline_id=storyline.id,
                text=texts[i],
                sources=sources,
                outlets=len({outlet_of(by_id[a]) for a in sources}),
                independent=len({groups[a] for a in sources}),
                fact_id=facts[i].id,
            )
        )
    outlets = sorted({outlet_of(a) for a in articles})
    coverage: list[Coverage] = []
    if len(outlets) > 1:
        # only what a summary could show (no tag line, caption, list item or "who?"),
        # as it would show it
        by_score = sorted(eligible, key=lambda i: (-facts[i].score, facts[i].id))
        for outlet in outlets:
            coverage.append(
                Coverage(
                    storyline_id=storyline.id,
                    outlet=outlet,
                    unique_facts=[texts[i] for i in by_score if facts[i].outlets == [outlet]],
                )
            )
    return SummaryResult(facts=facts, summary=summary, coverage=coverage)


# --- many storylines at once --------------------------------------------------------------

#: storylines of up to this many sentences are summarized in batches (most storylines
#: of a corpus are one or two articles: per storyline, scipy's bookkeeping of ~40 small
#: sparse matrices cost more than their arithmetic); larger ones one at a time, which
#: keeps their n × n arrays few
BATCH_MAX_UNITS = 400
#: a batch holds at most this many sentence pairs (its dense blocks: ~8 MB an array)…
BATCH_MAX_CELLS = 1 << 20
#: … and this many sentences (hashing them at once spells out every word's n-gram
#: entries: ~15 KB a sentence)
BATCH_MAX_SENTENCES = 1024


@dataclass(slots=True)
class _Story:
    """A storyline waiting in a batch: its articles, reuse links, quotes and units,
    and its place among the stage's results."""

    storyline: Storyline
    members: list[Article]
    links: list[Reuse]
    quotes: list[Quote]
    units: list[SentenceUnit]
    slot: int


def _tfidf_blocks(counts: sparse.csr_matrix, block: np.ndarray, sizes: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray]:
    """:func:`_tfidf` of many storylines at once: ``counts`` stacks their rows
    (``block``: each row's storyline; ``sizes``: rows per storyline), and each
    storyline gets its own columns (its buckets in use, in bucket order) and IDF, so
    every row, and every product of rows of one storyline, holds the same floats in
    the same order as :func:`_tfidf` of that storyline alone; rows of two storylines
    share no column."""
    counts = counts.tocsr()
    width = np.int64(counts.shape[1])
    keys = np.repeat(block.astype(np.int64), np.diff(counts.indptr)) * width + counts.indices
    used, columns = np.unique(keys, return_inverse=True)
    counts = sparse.csr_matrix((counts.data, columns.astype(np.int64), counts.indptr), shape=(counts.shape[0], max(len(used), 1)))
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    df += 1.0  # smooth_idf
    idf = np.ones_like(df)  # (one unused column when no row has a feature)
    idf[: len(used)] = sizes[used // width] + 1
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    data = counts.data.astype(np.float64, copy=True)
    np.log(data, data)
    data += 1.0
    data *= idf[counts.indices]
    rows = sparse.csr_matrix((data, counts.indices, counts.indptr), shape=counts.shape)
    _unit_rows(rows)
    return rows, idf


class _Batch:
    """The sentence features of many small storylines computed together: one hashing
    pass, one TF-IDF pass and one sparse product per channel for all of them (each
    storyline's columns are its own, so the products are block-diagonal), read back as
    each storyline's dense blocks. Every number equals what :class:`_Features` and
    :func:`_centroid_similarity` compute for the storyline alone (same kernels, same
    order of additions)."""

    def __init__(self, texts: Sequence[Sequence[str]], options: SummaryOptions) -> None:
        self.sizes = np.array([len(t) for t in texts], dtype=np.int64)
        self.starts = np.concatenate([[0], np.cumsum(self.sizes)])
        self.block = np.repeat(np.arange(len(texts)), self.sizes)
        flat = [text for group in texts for text in group]
        features = _features(flat, options, lambda counts: _tfidf_blocks(counts, self.block, self.sizes))
        word, char, binary = features.word, features.char, features.binary
        self.tokens = features.tokens
        self.quotes = features.quotes
        self.options = options
        self.mass = np.asarray(binary.sum(axis=1)).ravel()
        self.word = self._blocks(word @ word.T, self.block, self.starts)
        self.char = self._blocks(char @ char.T, self.block, self.starts)
        self.overlap = self._blocks(binary @ binary.sign().T, self.block, self.starts)
        w = options.word_weight
        self.rows = sparse.hstack([np.sqrt(w) * word, np.sqrt(1 - w) * char]).tocsr()

    @staticmethod
    def _blocks(product: sparse.csr_matrix, block: np.ndarray, starts: np.ndarray) -> list[np.ndarray]:
        """The dense diagonal blocks of a block-diagonal ``product`` (``block``: the
        block of each row; ``starts``: each block's first row)."""
        sizes = np.diff(starts)
        cells = np.concatenate([[0], np.cumsum(sizes * sizes)])
        product = product.tocsr()
        rows = np.repeat(np.arange(product.shape[0]), np.diff(product.indptr))
        owner = block[rows]
        flat = np.zeros(int(cells[-1]))
        flat[cells[owner] + (rows - starts[owner]) * sizes[owner] + (product.indices - starts[owner])] = product.data
        return [flat[cells[b]:cells[b + 1]].reshape(n, n) for b, n in enumerate(sizes.tolist())]

    def similarity(self, b: int) -> np.ndarray:
        """Storyline ``b``'s sentence similarity (:meth:`_Features.similarity`)."""
        rows = slice(int(self.starts[b]), int(self.starts[b + 1]))
        options = self.options
        return _blend(
            self.word[b],
            lambda: self.char[b],
            self.mass[rows],
            lambda: self.overlap[b],
            self.tokens[rows],
            self.quotes[rows],
            options.word_weight,
            options.overlap_weight,
            options.min_overlap_words,
        )

    def centroid_similarity(self, ordered: Sequence[list[list[int]]]) -> list[np.ndarray]:
        """Each storyline's :func:`_centroid_similarity` for its facts' members
        ``ordered[b]`` (local unit indexes)."""
        shifted = [[[int(self.starts[b]) + k for k in ks] for ks in facts] for b, facts in enumerate(ordered)]
        every = [ks for facts in shifted for ks in facts]
        counts = np.array([len(facts) for facts in ordered], dtype=np.int64)
        centroids = _unit_rows((_membership(every, self.rows.shape[0]) @ self.rows).tocsr())
        starts = np.concatenate([[0], np.cumsum(counts)])
        return self._blocks(centroids @ centroids.T, np.repeat(np.arange(len(ordered)), counts), starts)


def _summarize_batch(batch: Sequence[_Story], options: SummaryOptions, dates: Mapping[str, str]) -> list[SummaryResult]:
    """:func:`summarize_storyline` of each storyline of ``batch`` (each has units),
    their sentence features computed together (:class:`_Batch`)."""
    if not batch:
        return []
    features = _Batch([[u.text for u in story.units] for story in batch], options)
    grouped = []
    for b, story in enumerate(batch):
        sim = features.similarity(b)
        facts, ordered = _group_facts(story.storyline, story.members, story.units, sim, story.links, options, dates)
        grouped.append((sim, facts, ordered))
    centroid = features.centroid_similarity([ordered for _, _, ordered in grouped])
    results = []
    for story, (sim, facts, ordered), fact_sim in zip(batch, grouped, centroid):
        fact_sim = _fact_blend(fact_sim, sim, ordered)
        _score(facts, fact_sim, story.units, ordered, options)
        results.append(_summary(story.storyline, story.members, facts, fact_sim, story.units, story.links, options, story.quotes))
    return results


def summarize(
    articles: Sequence[Article],
    storylines: Sequence[Storyline],
    reuse: Sequence[Reuse] = (),
    options: SummaryOptions | None = None,
    events: Sequence[Event] = (),
    quotes: Sequence[Quote] = (),
) -> SummaryResult:
    """Facts, summaries and coverage for every storyline of a digest.

    Storylines that name no known article are skipped; reuse links are used for the
    aligned sentence pairs and for merging dependent reports; an undated article takes
    the earliest date of its events for ordering.
    """
    options = options or SummaryOptions()
    dates: dict[str, str] = {}
    for event in events:
        if event.date:
            for a in event.article_ids:
                if a not in dates or event.date < dates[a]:
                    dates[a] = event.date
    by_id = {a.id: a for a in articles}
    links_of: dict[str, list[Reuse]] = defaultdict(list)
    for link in reuse:
        links_of[link.a].append(link)
    quotes_of: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        quotes_of[quote.article_id].append(quote)
    parts: list[SummaryResult] = []
    batch: list[_Story] = []
    batch_cells = batch_units = 0
    for storyline in storylines:
        members = [by_id[a] for a in dict.fromkeys(storyline.article_ids) if a in by_id]
        if not members:
            continue
        ids = {a.id for a in members}
        links = [link for a in ids for link in links_of.get(a, ()) if link.b in ids]
        own_quotes = [q for a in ids for q in quotes_of.get(a, ())]
        units = _units(members, options.max_sentences)
        if not units or len(units) > BATCH_MAX_UNITS:
            parts.append(summarize_storyline(storyline, members, links, options, dates, own_quotes))
            continue
        if batch_cells + len(units) ** 2 > BATCH_MAX_CELLS or batch_units + len(units) > BATCH_MAX_SENTENCES:
            for story, part in zip(batch, _summarize_batch(batch, options, dates)):
                parts[story.slot] = part
            batch, batch_cells, batch_units = [], 0, 0
        batch.append(_Story(storyline, members, links, own_quotes, units, len(parts)))
        parts.append(SummaryResult())  # filled by its batch, in storyline order
        batch_cells += len(units) ** 2
        batch_units += len(units)
    for story, part in zip(batch, _summarize_batch(batch, options, dates)):
        parts[story.slot] = part
    result = SummaryResult()
    for part in parts:
        result.facts += part.facts
        result.summary += part.summary
        result.coverage += part.coverage
    return result
