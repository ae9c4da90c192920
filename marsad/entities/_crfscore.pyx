# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The NER's per-word featurizer, sentence scores and Viterbi, compiled (Cython).

:class:`marsad.entities.features.LabelScorer` scores each distinct word once: the
label weights of the features it has (:meth:`Featurizer.parts`) and of those it lends
its neighbours, summed. In Python that builds ~65 feature strings a word ("n=" + the
normalized form, "p2=" + its first two letters …) only to look each one up in the
model. Here no feature string is built: each feature's characters (its template's
prefix, then the piece of the word) are fed to two 64-bit hashes, and the pair is
looked up in an open-addressing table of the model's own features, built once from
the model's feature names with the same hashes. Both hashes must match, and no two of
the model's features may share a pair (checked when the table is built), so a feature
is found exactly when the model has that string (a false match needs a 128-bit
collision). The word's own features are found in the order ``parts`` lists them and
their weights added in that order, so the rows are the very floats of the Python path.

The word's forms — normalized, clitic split, shape, light stem and clitic-free form —
come from :class:`WordForms`, compiled from the same tables and word lists as the
Python functions (normalize.py, stem.py, features.py); its cluster, gazetteer and
vector lookups are the featurizer's own dicts.

A text's sentences (split by :func:`split_tokens`) are then scored (each token's row
plus its neighbours', the edge and word-pair weights, in crfsuite's order) and decoded
by Viterbi with crfsuite's recurrence and tie rule, sentence by sentence, without numpy
calls per sentence (:func:`token_rows`, :meth:`CompiledScorer.tag`, :func:`label_lists`).

Not thread-safe (one scorer's buffers are reused word after word), like the Python
scorer it serves.
"""
from libc.stdint cimport uint64_t, int32_t, uint8_t
from libc.stdlib cimport malloc, realloc, free
from cpython.unicode cimport PyUnicode_GET_LENGTH

import numpy as np


cdef extern from "Python.h":
    int PyUnicode_KIND(object o)
    void* PyUnicode_DATA(object o)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index)


cdef struct Hash:
    uint64_t a
    uint64_t b


cdef inline void _feed(Hash* h, Py_UCS4 c) noexcept nogil:
    h.a = (h.a ^ <uint64_t>c) * <uint64_t>1099511628211ULL
    h.b = (h.b + <uint64_t>c + <uint64_t>0x632BE59BD9B4E019ULL) * <uint64_t>0x9E3779B97F4A7C15ULL
    h.b ^= h.b >> 31


cdef inline Hash _start() noexcept nogil:
    cdef Hash h
    h.a = <uint64_t>14695981039346656037ULL
    h.b = <uint64_t>0x243F6A8885A308D3ULL
    return h


cdef inline Hash _feed_str(Hash h, str s, Py_ssize_t start, Py_ssize_t end):
    """``h`` continued with the characters ``s[start:end]``."""
    cdef int kind = PyUnicode_KIND(s)
    cdef void* data = PyUnicode_DATA(s)
    cdef Py_ssize_t i
    for i in range(start, end):
        _feed(&h, PyUnicode_READ(kind, data, i))
    return h


cdef inline Hash _hash_text(str s):
    return _feed_str(_start(), s, 0, PyUnicode_GET_LENGTH(s))


cdef struct Entry:
    uint64_t a
    uint64_t b
    int32_t first
    int32_t second
    int32_t used


cdef class _Table:
    """Open-addressing map: a string's hash pair → two int32 values (-1: none), each
    entry in one cache line."""

    cdef Entry* entries
    cdef uint64_t mask

    def __cinit__(self, Py_ssize_t count):
        cdef int bits = 4
        while (<Py_ssize_t>1 << bits) < 2 * count + 16:
            bits += 1
        cdef Py_ssize_t size = <Py_ssize_t>1 << bits
        self.mask = <uint64_t>(size - 1)
        self.entries = <Entry*>malloc(size * sizeof(Entry))
        if self.entries == NULL:
            raise MemoryError()
        cdef Py_ssize_t i
        for i in range(size):
            self.entries[i].a = self.entries[i].b = 0
            self.entries[i].used = 0
            self.entries[i].first = self.entries[i].second = -1

    def __dealloc__(self):
        free(self.entries)

    cdef inline Entry* _slot(self, Hash h) noexcept nogil:
        cdef uint64_t x = h.a ^ (h.a >> 29)
        x *= <uint64_t>0xBF58476D1CE4E5B9ULL
        cdef uint64_t i = (x >> 17) & self.mask
        while self.entries[i].used and not (self.entries[i].a == h.a and self.entries[i].b == h.b):
            i = (i + 1) & self.mask
        return &self.entries[i]

    cdef void put(self, str name, int which, int32_t value) except *:
        cdef Hash h = _hash_text(name)
        cdef Entry* e = self._slot(h)
        if not e.used:
            e.used = 1
            e.a = h.a
            e.b = h.b
        if which == 0:
            if e.first != -1:
                raise ValueError(f"two model features share a hash: {name!r}")
            e.first = value
        else:
            if e.second != -1:
                raise ValueError(f"two model features share a hash: {name!r}")
            e.second = value

    cdef inline Entry* find(self, Hash h) noexcept nogil:
        """The entry of ``h``, or NULL when the table does not hold it."""
        cdef Entry* e = self._slot(h)
        return e if e.used else NULL


cdef struct IntBuf:
    int32_t* data
    Py_ssize_t size
    Py_ssize_t cap


cdef int _push(IntBuf* buf, int32_t value) except -1:
    cdef int32_t* grown
    if buf.size == buf.cap:
        grown = <int32_t*>realloc(buf.data, (2 * buf.cap + 64) * sizeof(int32_t))
        if grown == NULL:
            raise MemoryError()
        buf.data = grown
        buf.cap = 2 * buf.cap + 64
    buf.data[buf.size] = value
    buf.size += 1
    return 0


# -- a word's forms ------------------------------------------------------------------

from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISUPPER


cdef extern from "Python.h":
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND


cdef inline bint _has_latin(str word):
    cdef int kind = PyUnicode_KIND(word)
    cdef void* data = PyUnicode_DATA(word)
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    for i in range(PyUnicode_GET_LENGTH(word)):
        c = PyUnicode_READ(kind, data, i)
        if (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A):
            return True
    return False


cdef class WordForms:
    """The forms of a word the NER features take — ``normalize(word)``, the clitic
    split of :func:`marsad.entities.features.strip_clitics`, the shape, and
    :func:`marsad.arabic.stem.stem_and_bare` — compiled from the same tables and
    word lists those Python functions use (passed in by
    :meth:`marsad.entities.features.LabelScorer._compile`), so they stay defined in
    one place; ``tests/test_ner_compiled.py`` checks each against its Python
    original on every token of real articles."""

    cdef uint8_t dropped[65536]  # diacritics and tatweel (stem.py's first step)
    cdef object normalize_py, counts, exceptions
    cdef tuple article, hamza, frequent, suffixes, all_prefixes, ner_article, ner_conj
    cdef str hamza_alefs
    cdef Py_ssize_t min_count, ratio

    def __init__(self, dropped, dict stem_rules, dict ner_rules, normalize_py):
        """``dropped``: the code points stem.py removes first (diacritics, tatweel);
        ``stem_rules``/``ner_rules``: stem.py's and features.py's prefix, suffix and
        exception lists; ``normalize_py``: :func:`marsad.arabic.normalize` (compiled
        itself where :mod:`marsad.arabic._normalize` is built)."""
        cdef Py_ssize_t i
        for i in range(65536):
            self.dropped[i] = 0
        for cp in dropped:
            self.dropped[cp] = 1
        self.normalize_py = normalize_py
        self.article = tuple(stem_rules["article"])
        self.hamza = tuple(stem_rules["hamza"])
        self.hamza_alefs = stem_rules["hamza_alefs"]
        self.exceptions = stem_rules["exceptions"]
        self.frequent = tuple(stem_rules["frequent"])
        self.suffixes = tuple(stem_rules["suffixes"])
        self.counts = stem_rules["counts"]
        self.min_count = stem_rules["min_count"]
        self.ratio = stem_rules["ratio"]
        self.ner_article = tuple(ner_rules["article"])
        self.ner_conj = tuple(ner_rules["conj"])
        self.all_prefixes = self.ner_article + self.ner_conj

    cpdef str normalize(self, str text):
        """``marsad.arabic.normalize(text)``."""
        return self.normalize_py(text)

    cdef str _plain(self, str word):
        """``remove_tatweel(remove_diacritics(word))``."""
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(word), i, size = 0
        cdef int kind = PyUnicode_KIND(word)
        cdef void* data = PyUnicode_DATA(word)
        cdef Py_UCS4 c
        for i in range(n):
            c = PyUnicode_READ(kind, data, i)
            if c < 65536 and self.dropped[c]:
                break
        else:
            return word
        cdef Py_UCS4* buf = <Py_UCS4*>malloc((n + 1) * sizeof(Py_UCS4))
        if buf == NULL:
            raise MemoryError()
        try:
            for i in range(n):
                c = PyUnicode_READ(kind, data, i)
                if not (c < 65536 and self.dropped[c]):
                    buf[size] = c
                    size += 1
            return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, size)
        finally:
            free(buf)

    cdef str _strip_plain_clitics(self, str w):
        cdef str p
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(w)
        if w in self.exceptions:
            return w
        if w.startswith(self.article):
            for item in self.article:
                p = item
                if w.startswith(p) and n - PyUnicode_GET_LENGTH(p) >= 2:
                    return w[PyUnicode_GET_LENGTH(p):]
        if w.startswith(self.hamza):
            for item in self.hamza:
                p = item
                if w.startswith(p) and n > PyUnicode_GET_LENGTH(p) + 1 and w[PyUnicode_GET_LENGTH(p)] in self.hamza_alefs:
                    return w[PyUnicode_GET_LENGTH(p):]
        return w

    cdef str _strip_frequent(self, str w):
        cdef str p, rest
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(w), c, whole
        counts = self.counts
        if not counts:
            return w
        if not w.startswith(self.frequent):
            return w
        whole = counts.get(w, self.min_count - 1)
        for item in self.frequent:
            p = item
            if w.startswith(p) and n - PyUnicode_GET_LENGTH(p) >= 3:
                rest = w[PyUnicode_GET_LENGTH(p):]
                c = counts.get(rest, 0)
                if c >= self.min_count and c >= self.ratio * whole:
                    return rest
        return w

    cdef str _strip_suffix(self, str w):
        cdef str s
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(w), keep, k
        if w in self.exceptions:
            return w
        for item in self.suffixes:
            s = item
            if w.endswith(s):
                k = PyUnicode_GET_LENGTH(s)
                keep = 4 if s == u"ان" else 3
                if n - k >= keep:
                    return w[:n - 1] if s == u"يا" else w[:n - k]
                return w
        return w

    cpdef tuple stem_and_bare(self, str word):
        """:func:`marsad.arabic.stem.stem_and_bare`."""
        cdef str plain = self._plain(word)
        cdef str w = self._strip_plain_clitics(plain)
        cdef str bare = self._strip_frequent(self.normalize(w))
        if not word or _has_latin(word):
            return self.normalize(word).lower(), bare
        return self.normalize(self._strip_suffix(bare if w == plain else w)).lower(), bare

    cpdef tuple strip_clitics(self, str word):
        """:func:`marsad.entities.features.strip_clitics` (of a normalized word)."""
        cdef str p
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(word)
        if not word.startswith(self.all_prefixes):
            return u"", word
        for item in self.ner_article:
            p = item
            if word.startswith(p) and n - PyUnicode_GET_LENGTH(p) >= 3:
                return p, word[PyUnicode_GET_LENGTH(p):]
        for item in self.ner_conj:
            p = item
            if word.startswith(p) and n - PyUnicode_GET_LENGTH(p) >= 3:
                return p, word[PyUnicode_GET_LENGTH(p):]
        return u"", word

    cpdef str shape(self, str word):
        """:func:`marsad.entities.features._shape`."""
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(word), i
        cdef int kind = PyUnicode_KIND(word)
        cdef void* data = PyUnicode_DATA(word)
        cdef Py_UCS4 c
        cdef bint word_char = False, ar = False, lat = False, dig = False
        for i in range(n):
            c = PyUnicode_READ(kind, data, i)
            if Py_UNICODE_ISALNUM(c) or c == u"_":
                word_char = True
            if 0x600 <= c <= 0x6FF:
                ar = True
            elif (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A):
                lat = True
            if Py_UNICODE_ISDECIMAL(c):
                dig = True
        if n and not word_char:
            return u"punct"
        kind_name = (u"A" if ar else u"") + (u"L" if lat else u"") + (u"D" if dig else u"")
        if lat and Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, 0)):
            kind_name += u"C"
        return kind_name or u"other"


cdef class CompiledScorer:
    """Scores words and tags sentences for a :class:`LabelScorer` (same floats, same
    tags); built from the scorer's featurizer, weights and lookup tables."""

    cdef _Table features  # a feature's string → (own attribute id, row lent to neighbours)
    cdef _Table pairs  # "previous|this" → (bg- attribute id, bg+ attribute id)
    cdef double[:, ::1] state
    cdef double[:, :, ::1] lent
    cdef double[:, ::1] transitions
    cdef double[::1] edge_before
    cdef double[::1] edge_after
    cdef Py_ssize_t n_labels
    cdef object clusters, gazetteer, vectors, vector_index, vector_matrix, vector_values
    cdef WordForms forms
    cdef bint affix4, context_affixes, uses_vectors
    cdef int char_ngrams, light_stem
    cdef double vector_bins
    cdef Hash h_w, h_n, h_st, h_pc, h_p1, h_p2, h_p3, h_s1, h_s2, h_s3, h_ss2, h_ss3, h_sh
    cdef Hash h_sp4, h_ss4, h_sp2, h_cg, h_g, h_ms, h_bf
    cdef int32_t id_b, id_diac, id_c_none, id_v_none
    cdef int32_t id_len[9]
    cdef Hash h_c[16]
    cdef Hash h_sc[16]
    cdef Hash h_bc[16]
    cdef IntBuf own, near, far
    # binarized vectors of a WordVectors table: each int8 step's bin (0 none, 1 "+",
    # 2 "-") and each component's bin features (own id, lent row; [k, 0] "+", [k, 1] "-")
    cdef uint8_t step_bin[256]
    cdef const signed char[:, ::1] vector_rows
    cdef int32_t[:, ::1] bin_own
    cdef int32_t[:, ::1] bin_lent
    cdef uint64_t* grams
    cdef Py_ssize_t grams_cap

    def __cinit__(self):
        self.own.data = NULL
        self.own.size = self.own.cap = 0
        self.near.data = NULL
        self.near.size = self.near.cap = 0
        self.far.data = NULL
        self.far.size = self.far.cap = 0
        self.grams = NULL
        self.grams_cap = 0

    def __dealloc__(self):
        free(self.own.data)
        free(self.near.data)
        free(self.far.data)
        free(self.grams)

    def __init__(self, featurizer, attributes, lent_index, state, lent_rows, edge_before, edge_after,
                 transitions, WordForms forms):
        """``attributes``: the model's feature name → attribute id; ``lent_index``: a
        lent feature's name (without its offset) → its row of ``lent_rows``;
        ``state``/``lent_rows``: the weights (float64, C order); ``forms``: the
        word's normalized, clitic-free and stemmed forms and its shape."""
        if featurizer.char_ngrams > 3:
            raise ValueError("compiled character n-grams go up to 3 characters")
        self.state = np.ascontiguousarray(state, dtype=np.float64)
        self.lent = np.ascontiguousarray(lent_rows, dtype=np.float64)
        self.transitions = np.ascontiguousarray(transitions, dtype=np.float64)
        self.edge_before = np.ascontiguousarray(edge_before, dtype=np.float64)
        self.edge_after = np.ascontiguousarray(edge_after, dtype=np.float64)
        self.n_labels = self.state.shape[1]
        self.clusters = featurizer.clusters
        self.gazetteer = featurizer.gazetteer
        self.vectors = featurizer.vectors
        self.affix4 = featurizer.affix4
        self.context_affixes = featurizer.context_affixes
        self.char_ngrams = featurizer.char_ngrams
        self.light_stem = featurizer.light_stem
        self.vector_bins = featurizer.vector_bins
        self.uses_vectors = bool((featurizer.dense or featurizer.vector_bins) and featurizer.vectors)
        # a WordVectors table is read directly (its int8 rows, its value per step)
        self.vector_index = getattr(self.vectors, "_index", None)
        self.vector_matrix = getattr(self.vectors, "_matrix", None)
        self.vector_values = getattr(self.vectors, "_values", None)
        if self.vector_values is not None:
            self.vector_values = [float(x) for x in self.vector_values]
            self._bin_table(attributes, lent_index)
        self.forms = forms

        self.features = _Table(len(attributes) + len(lent_index))
        cdef str name
        for name, ident in attributes.items():
            self.features.put(name, 0, ident)
        for name, ident in lent_index.items():
            self.features.put(name, 1, ident)
        pair_names = [name for name in attributes if name.startswith(("bg-=", "bg+="))]
        self.pairs = _Table(len(pair_names))
        for name in pair_names:
            self.pairs.put(name[4:], 0 if name[2] == "-" else 1, attributes[name])

        self.h_w = _hash_text("w=")
        self.h_n = _hash_text("n=")
        self.h_st = _hash_text("st=")
        self.h_pc = _hash_text("pc=")
        self.h_p1 = _hash_text("p1=")
        self.h_p2 = _hash_text("p2=")
        self.h_p3 = _hash_text("p3=")
        self.h_s1 = _hash_text("s1=")
        self.h_s2 = _hash_text("s2=")
        self.h_s3 = _hash_text("s3=")
        self.h_ss2 = _hash_text("ss2=")
        self.h_ss3 = _hash_text("ss3=")
        self.h_sh = _hash_text("sh=")
        self.h_sp4 = _hash_text("sp4=")
        self.h_ss4 = _hash_text("ss4=")
        self.h_sp2 = _hash_text("sp2=")
        self.h_cg = _hash_text("cg=")
        self.h_g = _hash_text("g=")
        self.h_ms = _hash_text("ms=")
        self.h_bf = _hash_text("bf=")
        cdef int level
        for level in range(16):
            self.h_c[level] = _hash_text(f"c{level}=")
            self.h_sc[level] = _hash_text(f"sc{level}=")
            self.h_bc[level] = _hash_text(f"bc{level}=")
        self.id_b = attributes.get("b", -1)
        self.id_diac = attributes.get("diac", -1)
        self.id_c_none = attributes.get("c=none", -1)
        self.id_v_none = attributes.get("v=none", -1)
        for level in range(9):
            self.id_len[level] = attributes.get(f"len={level}", -1)

    def _bin_table(self, attributes, lent_index):
        """Which int8 steps of a WordVectors row fall in a bin, and the features of
        each component's bins: a row is then read without building its floats."""
        cdef double x, t = self.vector_bins
        cdef int v
        for v in range(256):
            x = self.vector_values[v]
            self.step_bin[v] = (1 if x > 0 else 2) if (x > t or x < -t) else 0
        self.vector_rows = np.ascontiguousarray(self.vector_matrix, dtype=np.int8)
        dims = self.vector_rows.shape[1]
        own = np.full((dims, 2), -1, dtype=np.int32)
        lent = np.full((dims, 2), -1, dtype=np.int32)
        for k in range(dims):
            for side, sign in enumerate("+-"):
                own[k, side] = attributes.get(f"vb{k}{sign}", -1)
                lent[k, side] = lent_index.get(f"vb{k}{sign}", -1)
        self.bin_own, self.bin_lent = own, lent

    # -- one feature ----------------------------------------------------------------

    cdef inline int _own(self, Hash h) except -1:
        cdef Entry* e = self.features.find(h)
        if e != NULL and e.first >= 0:
            _push(&self.own, e.first)
        return 0

    cdef inline int _both(self, Hash h, bint far) except -1:
        """A feature that is the word's own and lent to its neighbours (±1, and ±2
        when ``far``)."""
        cdef Entry* e = self.features.find(h)
        if e == NULL:
            return 0
        if e.first >= 0:
            _push(&self.own, e.first)
        if e.second >= 0:
            _push(&self.near, e.second)
            if far:
                _push(&self.far, e.second)
        return 0

    cdef inline int _lent_only(self, Hash h, bint far) except -1:
        cdef Entry* e = self.features.find(h)
        if e != NULL and e.second >= 0:
            _push(&self.near, e.second)
            if far:
                _push(&self.far, e.second)
        return 0

    cdef int _clusters(self, object ids, Hash* prefixes, bint context, bint far) except -1:
        cdef Py_ssize_t level = 0
        cdef str cid
        cdef Hash h
        for item in ids:
            cid = item
            if level < 16:
                h = _feed_str(prefixes[level], cid, 0, PyUnicode_GET_LENGTH(cid))
            else:
                h = _hash_text(self._level_name(prefixes, level) + cid)
            if context:
                self._both(h, far)
            else:
                self._own(h)
            level += 1
        return 0

    cdef str _level_name(self, Hash* prefixes, Py_ssize_t level):
        if prefixes == self.h_c:
            return f"c{level}="
        if prefixes == self.h_sc:
            return f"sc{level}="
        return f"bc{level}="

    cdef int _char_ngrams(self, str stem) except -1:
        """``cg=`` + each distinct n-gram of ``<stem>``, in sorted order."""
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(stem)
        cdef int k = self.char_ngrams
        cdef int kind = PyUnicode_KIND(stem)
        cdef void* data = PyUnicode_DATA(stem)
        cdef Py_ssize_t i, j, count, total = n + 2 - k + 1
        cdef bint arabic = False
        cdef Py_UCS4 c
        for i in range(n):
            c = PyUnicode_READ(kind, data, i)
            if 0x600 <= c <= 0x6ff:
                arabic = True
                break
        if not arabic or total <= 0:
            return 0
        if total > self.grams_cap:
            free(self.grams)
            self.grams = <uint64_t*>malloc(total * sizeof(uint64_t))
            if self.grams == NULL:
                self.grams_cap = 0
                raise MemoryError()
            self.grams_cap = total
        cdef uint64_t key, x
        # each n-gram packed as 21 bits a character: numeric order is string order
        for i in range(total):
            key = 0
            for j in range(i, i + k):
                if j == 0:
                    c = u"<"
                elif j == n + 1:
                    c = u">"
                else:
                    c = PyUnicode_READ(kind, data, j - 1)
                key = (key << 21) | <uint64_t>c
            self.grams[i] = key
        for i in range(1, total):  # insertion sort: a word has a few n-grams
            x = self.grams[i]
            j = i - 1
            while j >= 0 and self.grams[j] > x:
                self.grams[j + 1] = self.grams[j]
                j -= 1
            self.grams[j + 1] = x
        cdef Hash h
        for i in range(total):
            if i and self.grams[i] == self.grams[i - 1]:
                continue
            h = self.h_cg
            for j in range(k - 1, -1, -1):
                _feed(&h, <Py_UCS4>((self.grams[i] >> (21 * j)) & 0x1FFFFF))
            self._own(h)
        return 0

    cdef bint _vector_bins(self, str norm, str stem, str bare) except -1:
        """Find the word's vector (its normalized, stripped or clitic-free form) and
        add its binarized components; False when none of the forms has a vector."""
        cdef object row = None
        cdef Py_ssize_t k
        cdef double x, t = self.vector_bins
        cdef str name
        cdef Entry* e
        cdef Hash h
        cdef Py_ssize_t r
        cdef int b
        if self.vector_index is not None:
            for source in (norm, stem, bare):
                index = self.vector_index.get(source)
                if index is not None:
                    if not t:
                        return True
                    r = index
                    for k in range(self.vector_rows.shape[1]):
                        b = self.step_bin[<int>self.vector_rows[r, k] + 128]
                        if b:
                            if self.bin_own[k, b - 1] >= 0:
                                _push(&self.own, self.bin_own[k, b - 1])
                            if self.bin_lent[k, b - 1] >= 0:
                                _push(&self.near, self.bin_lent[k, b - 1])
                    return True
            return False
        else:
            for source in (norm, stem, bare):
                if source in self.vectors:
                    row = [float(v) for v in self.vectors[source]]
                    break
        if row is None:
            return False
        if not t:
            return True
        k = 0
        for item in row:
            x = item
            if x > t or x < -t:
                name = f"vb{k}+" if x > 0 else f"vb{k}-"
                h = _hash_text(name)
                # binarized vectors reach the ±1 neighbours only
                e = self.features.find(h)
                if e != NULL:
                    if e.first >= 0:
                        _push(&self.own, e.first)
                    if e.second >= 0:
                        _push(&self.near, e.second)
            k += 1
        return True

    # -- one word -------------------------------------------------------------------

    cdef str _describe(self, str word):
        """Collect the word's own, near and far feature ids (in ``parts`` order);
        returns its normalized form."""
        self.own.size = self.near.size = self.far.size = 0
        cdef str norm = self.forms.normalize(word).lower()
        prefix_stem = self.forms.strip_clitics(norm)
        cdef str prefix = prefix_stem[0]
        cdef str stem = prefix_stem[1]
        cdef Py_ssize_t nw = PyUnicode_GET_LENGTH(word)
        cdef Py_ssize_t nn = PyUnicode_GET_LENGTH(norm)
        cdef Py_ssize_t ns = PyUnicode_GET_LENGTH(stem)
        cdef Py_ssize_t i
        cdef bint diac = False
        cdef int kind
        cdef void* data
        cdef Py_UCS4 c
        cdef str bare = None
        cdef str shape = self.forms.shape(word)

        if self.id_b >= 0:
            _push(&self.own, self.id_b)
        self._own(_feed_str(self.h_w, word, 0, nw))
        # n=, st=, pc= are also the context the word lends (±1 and ±2)
        self._both(_feed_str(self.h_n, norm, 0, nn), True)
        self._both(_feed_str(self.h_st, stem, 0, ns), True)
        self._both(_feed_str(self.h_pc, prefix, 0, PyUnicode_GET_LENGTH(prefix)), True)
        self._own(_feed_str(self.h_p1, norm, 0, min(1, nn)))
        self._own(_feed_str(self.h_p2, norm, 0, min(2, nn)))
        self._own(_feed_str(self.h_p3, norm, 0, min(3, nn)))
        self._own(_feed_str(self.h_s1, norm, max(0, nn - 1), nn))
        self._own(_feed_str(self.h_s2, norm, max(0, nn - 2), nn))
        self._own(_feed_str(self.h_s3, norm, max(0, nn - 3), nn))
        self._own(_feed_str(self.h_ss2, stem, max(0, ns - 2), ns))
        self._own(_feed_str(self.h_ss3, stem, max(0, ns - 3), ns))
        self._own(_feed_str(self.h_sh, shape, 0, PyUnicode_GET_LENGTH(shape)))
        if self.id_len[min(ns, 8)] >= 0:
            _push(&self.own, self.id_len[min(ns, 8)])
        if self.affix4:
            self._own(_feed_str(self.h_sp4, stem, 0, min(4, ns)))
            self._own(_feed_str(self.h_ss4, stem, max(0, ns - 4), ns))
        kind = PyUnicode_KIND(word)
        data = PyUnicode_DATA(word)
        for i in range(nw):
            c = PyUnicode_READ(kind, data, i)
            if 0x64b <= c <= 0x652:
                diac = True
                break
        if diac and self.id_diac >= 0:
            _push(&self.own, self.id_diac)
        if self.char_ngrams:
            self._char_ngrams(stem)
        if self.context_affixes:
            self._lent_only(_feed_str(self.h_sp2, stem, 0, min(2, ns)), True)
            self._lent_only(_feed_str(self.h_ss2, stem, max(0, ns - 2), ns), True)
        clusters = self.clusters
        cl = clusters.get(norm)
        stem_cl = clusters.get(stem) if stem != norm else None
        if cl is not None:
            self._clusters(cl, self.h_c, True, True)
        elif self.id_c_none >= 0:
            _push(&self.own, self.id_c_none)
        if stem_cl is not None:
            self._clusters(stem_cl, self.h_sc, False, False)
        cdef str label
        gazetteer = self.gazetteer
        for source in ((norm, stem) if stem != norm else (norm,)):
            for item in gazetteer.get(source, ()):
                label = item
                self._both(_feed_str(self.h_g, label, 0, PyUnicode_GET_LENGTH(label)), True)
        cdef str light = None
        if self.light_stem or self.uses_vectors:
            light, bare = self.forms.stem_and_bare(word)
            bare = bare.lower()
        if self.light_stem:
            self._own(_feed_str(self.h_ms, light, 0, PyUnicode_GET_LENGTH(light)))
            if self.light_stem >= 2:
                self._both(_feed_str(self.h_bf, bare, 0, PyUnicode_GET_LENGTH(bare)), True)
            else:
                self._own(_feed_str(self.h_bf, bare, 0, PyUnicode_GET_LENGTH(bare)))
            bare_cl = clusters.get(bare) if bare != norm else None
            if bare_cl is not None:
                self._clusters(bare_cl, self.h_bc, self.light_stem >= 3, True)
        if self.uses_vectors:
            if not self._vector_bins(norm, stem, bare) and self.id_v_none >= 0:
                _push(&self.own, self.id_v_none)
        return norm

    def score_words(self, list words, double[:, :, ::1] rows, Py_ssize_t base):
        """Write each word's five rows (own; lent to the token 2 before, 1 before,
        1 after, 2 after) at ``rows[base + k]``; returns the words' normalized forms."""
        cdef Py_ssize_t k, j, m, L = self.n_labels
        cdef double[:, ::1] state = self.state
        cdef double[:, :, ::1] lent = self.lent
        cdef int32_t ident
        cdef list norms = []
        cdef double* out
        for k in range(len(words)):
            norms.append(self._describe(words[k]))
            out = &rows[base + k, 0, 0]
            for j in range(5 * L):
                out[j] = 0.0
            for m in range(self.own.size):
                ident = self.own.data[m]
                for j in range(L):
                    out[j] += state[ident, j]
            for m in range(self.far.size):  # the token 2 before and 2 after
                ident = self.far.data[m]
                for j in range(L):
                    out[L + j] += lent[ident, 0, j]
                    out[4 * L + j] += lent[ident, 3, j]
            for m in range(self.near.size):  # the token 1 before and 1 after
                ident = self.near.data[m]
                for j in range(L):
                    out[2 * L + j] += lent[ident, 1, j]
                    out[3 * L + j] += lent[ident, 2, j]
        return norms

    def word_features(self, str word):
        """``(norm, own ids, near rows, far rows)`` of one word (for tests)."""
        norm = self._describe(word)
        return (norm, [self.own.data[i] for i in range(self.own.size)],
                [self.near.data[i] for i in range(self.near.size)],
                [self.far.data[i] for i in range(self.far.size)])

    # -- sentences --------------------------------------------------------------------

    def sentence_scores(self, const Py_ssize_t[::1] ids, const Py_ssize_t[::1] lengths, list norms,
                        const double[:, :, ::1] rows, bint bigrams):
        """``(tokens, labels)`` state scores of all sentences in a row (``ids``: each
        token's word row; ``norms``: each token's normalized form)."""
        out = np.empty((ids.shape[0], self.n_labels))
        cdef double[:, ::1] state = out
        self._fill(ids, lengths, norms, rows, bigrams, state)
        return out

    cdef int _fill(self, const Py_ssize_t[::1] ids, const Py_ssize_t[::1] lengths, list norms,
                   const double[:, :, ::1] rows, bint bigrams, double[:, ::1] state) except -1:
        cdef Py_ssize_t s, t, j, start = 0, n, i, L = self.n_labels
        cdef double[:, ::1] weights = self.state
        cdef Hash h
        cdef Entry* e
        cdef int32_t before, after
        cdef str previous, this
        for s in range(lengths.shape[0]):
            n = lengths[s]
            for t in range(n):
                i = start + t
                for j in range(L):
                    state[i, j] = rows[ids[i], 0, j]
                if t >= 2:
                    for j in range(L):
                        state[i, j] += rows[ids[i - 2], 1, j]
                if t >= 1:
                    for j in range(L):
                        state[i, j] += rows[ids[i - 1], 2, j]
                else:
                    for j in range(L):
                        state[i, j] += self.edge_before[j]
                if t + 1 < n:
                    for j in range(L):
                        state[i, j] += rows[ids[i + 1], 3, j]
                else:
                    for j in range(L):
                        state[i, j] += self.edge_after[j]
                if t + 2 < n:
                    for j in range(L):
                        state[i, j] += rows[ids[i + 2], 4, j]
            if bigrams:
                # pair (t-1, t): bg- to token t, bg+ to token t-1 — each token gets its
                # bg- (added here) before its bg+ (added at t+1), the Python order
                for t in range(1, n):
                    i = start + t
                    previous = norms[i - 1]
                    this = norms[i]
                    h = _feed_str(_start(), previous, 0, PyUnicode_GET_LENGTH(previous))
                    _feed(&h, u"|")
                    h = _feed_str(h, this, 0, PyUnicode_GET_LENGTH(this))
                    e = self.pairs.find(h)
                    if e != NULL:
                        if e.first >= 0:
                            before = e.first
                            for j in range(L):
                                state[i, j] += weights[before, j]
                        if e.second >= 0:
                            after = e.second
                            for j in range(L):
                                state[i - 1, j] += weights[after, j]
            start += n
        return 0

    def tag(self, const Py_ssize_t[::1] ids, const Py_ssize_t[::1] lengths, list norms,
            const double[:, :, ::1] rows, bint bigrams):
        """Best label index of every token (all sentences in a row): the scores of
        :meth:`sentence_scores` decoded sentence by sentence with crfsuite's
        recurrence; ties go to the first label, as in crfsuite."""
        cdef Py_ssize_t total = ids.shape[0], L = self.n_labels
        scores = np.empty((total, L))
        cdef double[:, ::1] state = scores
        self._fill(ids, lengths, norms, rows, bigrams, state)
        labels = np.empty(total, dtype=np.intp)
        cdef Py_ssize_t[::1] out = labels
        back_array = np.empty((max(total, 1), L), dtype=np.intp)
        cdef Py_ssize_t[:, ::1] back = back_array
        best_array = np.empty((2, L))
        cdef double[:, ::1] best = best_array
        cdef double[:, ::1] trans = self.transitions
        cdef Py_ssize_t s, t, i, j, arg, start = 0, n, cur, nxt
        cdef double value, top
        for s in range(lengths.shape[0]):
            n = lengths[s]
            if n == 0:
                continue
            for j in range(L):
                best[0, j] = state[start, j]
            cur = 0
            for t in range(1, n):
                nxt = 1 - cur
                for j in range(L):
                    top = best[cur, 0] + trans[0, j]
                    arg = 0
                    for i in range(1, L):
                        value = best[cur, i] + trans[i, j]
                        if value > top:
                            top = value
                            arg = i
                    back[start + t, j] = arg
                    best[nxt, j] = top + state[start + t, j]
                cur = nxt
            arg = 0
            for j in range(1, L):
                if best[cur, j] > best[cur, arg]:
                    arg = j
            out[start + n - 1] = arg
            for t in range(n - 1, 0, -1):
                arg = back[start + t, arg]
                out[start + t - 1] = arg
            start += n
        return labels


# -- sentences to tag ------------------------------------------------------------------

cdef extern from "Python.h":
    Py_ssize_t PyUnicode_Find(object text, object sub, Py_ssize_t start, Py_ssize_t end, int direction) except -2


def split_tokens(str text, list tokens, frozenset sentence_end, Py_ssize_t max_sentence):
    """:func:`marsad.entities.ner._sentences` from ``tokens``, the pattern's
    ``findall`` over ``text`` (words, punctuation characters and line breaks, in
    order): each token's offsets are found from the end of the one before (only
    spaces lie between them), so no match object is made."""
    cdef list out = []
    cdef list words = [], starts = [], ends = []
    cdef bint line_break = False
    cdef Py_ssize_t pos = 0, start, n = PyUnicode_GET_LENGTH(text)
    cdef str word
    for item in tokens:
        word = item
        start = PyUnicode_Find(text, word, pos, n, 1)
        pos = start + PyUnicode_GET_LENGTH(word)
        if word == u"\n":
            line_break = True
            continue
        if words and (line_break or len(words) >= max_sentence):
            out.append((words, starts, ends))
            words, starts, ends = [], [], []
        line_break = False
        words.append(word)
        starts.append(start)
        ends.append(pos)
        if word in sentence_end:
            out.append((words, starts, ends))
            words, starts, ends = [], [], []
    if words:
        out.append((words, starts, ends))
    return out


# -- tokens to rows, label indexes to tags --------------------------------------------

def token_rows(sentences, dict ids, list word_norms):
    """``(lengths, rows, norms)`` of all tokens of ``sentences`` in a row — sentence
    lengths and each token's row id (``ids[word]``, numpy intp) and normalized form
    (``word_norms[row]``) — or, when some words have no row yet, the list of those
    words (each once, in order of first use), for the caller to score first."""
    cdef Py_ssize_t total = 0, k = 0, s_count = 0
    cdef list missing = None
    cdef dict seen
    for sentence in sentences:
        total += len(sentence)
        s_count += 1
    lengths_array = np.empty(s_count, dtype=np.intp)
    rows_array = np.empty(total, dtype=np.intp)
    cdef Py_ssize_t[::1] lengths = lengths_array
    cdef Py_ssize_t[::1] rows = rows_array
    cdef list norms = [None] * total
    cdef object row
    cdef Py_ssize_t s = 0
    for sentence in sentences:
        lengths[s] = len(sentence)
        s += 1
        for word in sentence:
            row = ids.get(word)
            if row is None:
                if missing is None:
                    missing, seen = [], {}
                if word not in seen:
                    seen[word] = None
                    missing.append(word)
                continue
            if missing is None:
                rows[k] = row
                norms[k] = word_norms[<Py_ssize_t>row]
                k += 1
    if missing is not None:
        return missing
    return lengths_array, rows_array, norms


def label_lists(const Py_ssize_t[::1] labels, const Py_ssize_t[::1] lengths, list norms, tuple names):
    """Each sentence's tags (``names[label]``) and its tokens' normalized forms, as
    lists, from the label indexes and forms of all tokens in a row."""
    cdef list tags = [], normed = []
    cdef list sentence
    cdef Py_ssize_t s, t, n, start = 0
    for s in range(lengths.shape[0]):
        n = lengths[s]
        sentence = [None] * n
        for t in range(n):
            sentence[t] = names[labels[start + t]]
        tags.append(sentence)
        normed.append(norms[start:start + n])
        start += n
    return tags, normed
