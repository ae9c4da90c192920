"""A crfsuite CRF model read into arrays, and batched Viterbi decoding over them.

python-crfsuite's ``Tagger.tag`` takes every token as a list of feature strings and
looks each string up in the model (our featurizer gives a token ~80 strings, most of
them unknown to the model). Since a token's features are its own word's features plus
its neighbours' (:mod:`marsad.entities.features`), the score a word adds to each label
can be summed once per distinct word (:class:`marsad.entities.ner.WordScores`) and a
sentence's label scores become a few array gathers. This module holds the model side:

* :func:`read_crfsuite` — labels, attribute ids, state weights (attribute × label) and
  transition weights (label × label), read exactly (float64) from crfsuite's binary
  model file (``tagger.info()`` prints weights with six decimals only);
* :func:`viterbi` — the best label path of many sentences at once, with crfsuite's
  own recurrence and tie rule (the first label with the highest score wins), so the
  tags are those of ``Tagger.tag`` for the same scores.

File layout (crfsuite ``crf1d_model.c`` / ``cqdb.c``, little-endian): a 48-byte header
(``lCRF``, size, ``FOMC``, version, #features, #labels, #attributes, then offsets of the
feature chunk, the label and attribute CQDB string maps and two reference chunks); the
``FEAT`` chunk is a count and 20-byte records (type, source, destination, float64
weight; type 0 = state feature attribute → label, type 1 = transition label → label);
a CQDB map keeps, after its 24-byte header and 256 hash tables, a backward array of
record offsets by id, each record being (id, key size, key bytes NUL-terminated).
"""
from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["CrfWeights", "read_crfsuite", "viterbi"]

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB_HEADER = struct.Struct("<4sIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


@dataclass(slots=True, frozen=True)
class CrfWeights:
    """A linear-chain CRF's parameters: ``state[attribute_id, label]`` and
    ``transitions[from_label, to_label]`` (float64), with the names of both."""

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state: np.ndarray
    transitions: np.ndarray


def _cqdb_strings(data: bytes, offset: int) -> list[str]:
    """The keys of the CQDB map at ``offset``, indexed by their id."""
    magic, _size, _flag, _order, bwd_size, bwd_offset = _CQDB_HEADER.unpack_from(data, offset)
    if magic != b"CQDB":
        raise ValueError(f"not a CQDB string map at byte {offset}")
    record_offsets = np.frombuffer(data, dtype="<u4", count=bwd_size, offset=offset + bwd_offset)
    keys: list[str] = []
    for ident, rel in enumerate(record_offsets.tolist()):
        rec_id, size = struct.unpack_from("<II", data, offset + rel)
        if rec_id != ident:
            raise ValueError(f"CQDB record {ident} holds id {rec_id}")
        start = offset + rel + 8
        keys.append(data[start:start + size - 1].decode("utf-8"))
    return keys


def read_crfsuite(path: Path | str) -> CrfWeights:
    """The weights of the crfsuite model file at ``path`` (ValueError if it is not one)."""
    data = Path(path).read_bytes()
    (magic, _size, kind, _version, _n, n_labels, n_attrs,
     off_features, off_labels, off_attrs, _off_lrefs, _off_arefs) = _HEADER.unpack_from(data, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError(f"{path}: not a crfsuite CRF1d model")
    chunk, _chunk_size, n_features = struct.unpack_from("<4sII", data, off_features)
    if chunk != b"FEAT":
        raise ValueError(f"{path}: no feature chunk at byte {off_features}")
    features = np.frombuffer(data, dtype=_FEATURE, count=n_features, offset=off_features + 12)
    labels = tuple(_cqdb_strings(data, off_labels))
    attributes = _cqdb_strings(data, off_attrs)
    if len(labels) != n_labels or len(attributes) != n_attrs:
        raise ValueError(f"{path}: header counts do not match the string maps")
    state = np.zeros((n_attrs, n_labels))
    transitions = np.zeros((n_labels, n_labels))
    is_state = features["type"] == 0
    np.add.at(state, (features["src"][is_state], features["dst"][is_state]), features["weight"][is_state])
    is_trans = features["type"] == 1
    np.add.at(transitions, (features["src"][is_trans], features["dst"][is_trans]), features["weight"][is_trans])
    return CrfWeights(labels, {name: i for i, name in enumerate(attributes)}, state, transitions)


def viterbi(scores: Sequence[np.ndarray], transitions: np.ndarray) -> list[list[int]]:
    """Best label indexes of each sentence, given its ``(tokens, labels)`` state scores.

    All sentences advance together, longest first, so the loop runs once per position
    of the longest sentence rather than once per token. The recurrence and ties are
    crfsuite's (``crf1d_context.c``): the score of label j at t is the best of
    ``previous[i] + transitions[i, j]`` (first i on ties) plus the state score; the last
    label is the first best.
    """
    out: list[list[int]] = [[] for _ in scores]
    order = sorted((i for i, s in enumerate(scores) if len(s)), key=lambda i: -len(scores[i]))
    if not order:
        return out
    lengths = np.array([len(scores[i]) for i in order])
    n_sent, longest, n_labels = len(order), int(lengths[0]), transitions.shape[0]
    padded = np.zeros((n_sent, longest, n_labels))
    for row, i in enumerate(order):
        padded[row, :lengths[row]] = scores[i]
    # active[t]: how many sentences reach position t (a prefix: they are sorted)
    active = (lengths[None, :] > np.arange(longest + 1)[:, None]).sum(axis=1)
    back = np.zeros((n_sent, longest, n_labels), dtype=np.intp)
    best = padded[:, 0].copy()
    for t in range(1, longest):
        k = int(active[t])
        candidates = best[:k, :, None] + transitions[None, :, :]
        back[:k, t] = candidates.argmax(axis=1)
        best[:k] = candidates.max(axis=1) + padded[:k, t]
    # Backtrack all sentences together: a sentence joins at its own last position.
    current = best.argmax(axis=1)
    paths = np.zeros((n_sent, longest), dtype=np.intp)
    rows = np.arange(n_sent)
    for t in range(longest - 1, -1, -1):
        going_on = int(active[t + 1])  # these continue from position t + 1
        if going_on:
            current[:going_on] = back[rows[:going_on], t + 1, current[:going_on]]
        paths[:int(active[t]), t] = current[:int(active[t])]
    for row, i in enumerate(order):
        out[i] = paths[row, :lengths[row]].tolist()
    return out
