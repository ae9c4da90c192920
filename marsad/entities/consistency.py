"""Document-level label consistency for NER output ("one sense per document").

A CRF tags each sentence on its own, so the same name can come out as PER in one
sentence, LOC in the next (لافروف after سيرغي لافروف) and untagged in a third.
Within one article a name almost always keeps one type. :func:`harmonize` takes the
CRF's tags of a whole document and

1. gives every predicted entity the majority type of its name over the document
   (a name = its normalized words; ولافروف counts as لافروف when the bare form is
   tagged somewhere in the document);
2. types a lone surname like the multi-word PER entity it ends (لافروف → PER after
   سيرغي لافروف);
3. tags the untagged occurrences of a name the CRF tagged elsewhere in the document,
   when at least 30 % of the name's occurrences were tagged (so a common word that
   was tagged once as a club or a newspaper does not spread).

Pure: tag lists in, tag lists out.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

from marsad.arabic import normalize
from marsad.entities.conll import chunks
from marsad.entities.features import _ALL_PREFIXES, bare_forms

__all__ = ["harmonize"]

Key = tuple[str, ...]


@lru_cache(maxsize=200_000)
def _norm(word: str) -> str:
    return normalize(word).lower()


@lru_cache(maxsize=200_000)
def _forms(normed: str) -> tuple[str, ...]:
    """The word itself, then its readings without proclitics."""
    return (normed, *bare_forms(normed))


def _keys(words: Key) -> list[Key]:
    """Matching keys of a name's normalized words: the words, then the same with each
    possible proclitic reading stripped from the first word. All are needed because
    stripping is ambiguous: ولافروف is و + لافروف, but لافروف itself is not ل + افروف."""
    if not words:
        return [words]
    rest = words[1:]
    return [(form, *rest) for form in _forms(words[0])]


def _set_span(tags: list[str], start: int, end: int, kind: str) -> None:
    tags[start] = f"B-{kind}"
    for i in range(start + 1, end):
        tags[i] = f"I-{kind}"


def harmonize(
    sentences: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    min_share: float = 0.3,
    max_len: int = 4,
    normed: Sequence[Sequence[str]] | None = None,
) -> list[list[str]]:
    """Consistent tags for one document's sentences (see the module docstring).
    ``normed``: the tokens' ``normalize(word).lower()``, when the caller has them."""
    out = [list(t) for t in tags]
    found = [chunks(t) for t in out]
    if not any(found):
        return out
    # every token normalized once (the steps below match on these forms)
    normed_sentences = normed if normed is not None else [[_norm(t) for t in toks] for toks in sentences]
    spelled: set[Key] = {
        tuple(normed[start:end]) for normed, sent_chunks in zip(normed_sentences, found) for _, start, end in sent_chunks
    }

    def resolve(keys: list[Key]) -> Key:
        """The first key (full form first) the document tags as a name, else the full
        form."""
        return next((k for k in keys if k in spelled), keys[0])

    votes: dict[Key, Counter[str]] = defaultdict(Counter)
    surnames: set[str] = set()
    for normed, sent_chunks in zip(normed_sentences, found):
        for kind, start, end in sent_chunks:
            votes[resolve(_keys(tuple(normed[start:end])))][kind] += 1
            if kind == "PER" and end - start >= 2:
                surnames.add(normed[end - 1])
    # 1 + 2: relabel predicted entities
    for normed, tag_list, sent_chunks in zip(normed_sentences, out, found):
        for kind, start, end in sent_chunks:
            keys = _keys(tuple(normed[start:end]))
            key = resolve(keys)
            best, n = votes[key].most_common(1)[0]
            if len(key) == 1 and votes[key]["PER"] == 0 and any(k[0] in surnames for k in keys):
                best = "PER"
            elif n * 2 <= sum(votes[key].values()):
                best = kind
            if best != kind:
                _set_span(tag_list, start, end, best)
    # 3: spread to untagged occurrences
    known = {k: ("PER" if len(k) == 1 and k[0] in surnames and c["PER"] == 0 else c.most_common(1)[0][0])
             for k, c in votes.items() if 0 < len(k) <= max_len}
    # the document's words that can start a known name: a name's first word, or that
    # word behind a proclitic that :func:`bare_forms` strips (three letters left)
    first_words = {k[0] for k in known}
    spellings = first_words | {p + w for w in first_words if len(w) >= 3 for p in _ALL_PREFIXES}
    starters = spellings.intersection(chain.from_iterable(normed_sentences))
    occurrences: Counter[Key] = Counter()
    spots: list[tuple[int, int, int, Key]] = []
    for s, normed in enumerate(normed_sentences):
        if starters.isdisjoint(normed):
            continue
        for i in [i for i, word in enumerate(normed) if word in starters]:
            forms = _forms(normed[i])
            for n in range(1, min(max_len, len(normed) - i) + 1):
                rest = tuple(normed[i + 1:i + n])
                key = next((k for k in ((f, *rest) for f in forms) if k in known), None)
                if key is not None:
                    occurrences[key] += 1
                    spots.append((s, i, i + n, key))
    tagged = Counter({k: sum(c.values()) for k, c in votes.items()})
    for s, start, end, key in sorted(spots, key=lambda x: (x[0], x[1], -(x[2] - x[1]))):
        tag_list = out[s]
        if tagged[key] < min_share * occurrences[key]:
            continue
        if any(t != "O" for t in tag_list[start:end]):
            continue
        if (start > 0 and tag_list[start - 1] != "O") or (end < len(tag_list) and tag_list[end].startswith("I-")):
            continue
        _set_span(tag_list, start, end, known[key])
    return out
