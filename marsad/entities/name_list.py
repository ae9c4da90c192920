"""A list of names mined from the tagger's own output over many days of news.

The CRF tags a name in one article and misses it in the next (تويتر, الدمام, جبهة
النصرة are tagged in most of their occurrences, but not all). Over many days, a name
that the pipeline keeps as an entity in most of the places it is written is a name
wherever it is written. :func:`mine_names` lists such names from a digest's canonical
mentions — tagged at least ``min_tagged`` times, in at least ``min_share`` of their
whole-word occurrences, with one type in four of five tags — and :func:`tag_listed`
tags their untagged occurrences in an article. ``marsad train names`` builds the list
over day files (``models/names.txt``, committed, read offline by :func:`load_names`);
mine it from days other than those you score, so a figure is not measured on the text
the list came from.

Pure but for :func:`load_names` and :func:`write_names`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from marsad.arabic.lexicons import STOPWORDS
from marsad.arabic.normalize import match_form, normalize
from marsad.arabic.stem import word_counts
from marsad.entities.features import CONJ_PREP_PREFIXES
from marsad.entities.names import demonyms, glued, is_not_name, says_whose, unglued
from marsad.entities.patterns import has_head
from marsad.entities.roles import clean_phrase
from marsad.model import Article, Mention

__all__ = ["NAMES_FILE", "ListedName", "NameIndex", "mine_names", "write_names", "load_names", "index_names", "tag_listed", "apply_listed"]

_norm = match_form  # normalize(word).lower(), cached


#: The committed list, beside the NER model.
NAMES_FILE = Path(str(resources.files("marsad.entities") / "models")) / "names.txt"
_WORD_RE = re.compile(r"\w+")
_MAX_WORDS = 5


@dataclass(frozen=True, slots=True)
class ListedName:
    """A mined name: its type, how often the pipeline kept it, how often it is written."""

    name: str
    type: str
    tagged: int
    written: int


def _occurrences(articles: Iterable[Article], names: Iterable[str], kept: Mapping[str, Sequence[Mention]]) -> tuple[Counter[str], Counter[str]]:
    """``(written, kept)``: occurrences of each name in the articles, counted where
    :func:`tag_listed` would tag it — written whole, bare or with a glued conjunction
    or preposition (ادي is written in every وادي "valley": a name the pipeline keeps
    in a few places but that hides in a common word is not kept in most of the places
    it would be tagged) — and how many of them lie inside a mention the pipeline kept
    (``kept``, by article id): the name alone or inside a longer name (الدمام in
    جامعة الدمام)."""
    index = index_names({name: "" for name in names})
    written: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for article in articles:
        spans = sorted((m.start, m.end) for m in kept.get(article.id, ()))
        starts = [a for a, _ in spans]
        for start, name, _ in _listed_matches(article.clean_text, index):
            written[name] += 1
            j = bisect_right(starts, start) - 1  # the last kept mention starting here or before
            if j >= 0 and spans[j][1] >= start + len(name):
                inside[name] += 1
    return written, inside


def mine_names(
    articles: Sequence[Article],
    mentions: Sequence[Mention],
    min_tagged: int = 4,
    min_share: float = 0.6,
    type_share: float = 0.8,
) -> list[ListedName]:
    """Names the digest's canonical ``mentions`` (those with an entity) keep in most of
    the places ``articles`` write them — a place or body alone or inside a longer
    name, a person alone — sorted by name; the type is the one the name gets alone."""
    tagged: Counter[str] = Counter()
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.entity_id is None:
            continue
        name = clean_phrase(m.text)
        if len(name) < 3 or len(name.split(" ")) > _MAX_WORDS or (" " not in name and is_not_name(name)):
            continue
        first, _, rest = name.partition(" ")
        if not _WORD_RE.fullmatch(first):
            continue  # a mark the word matcher would not find
        if has_head(name) and not says_whose(name):
            # a kind of body written bare (وزارة الخارجية، لجنة التحكيم): which one, its
            # article says; after a glued preposition (بجامعة الملك سعود) the tagger
            # kept it, so the name is counted
            continue
        if glued(first):
            # بالدمام is an occurrence of الدمام where tag_listed would tag it
            bare = unglued(first)
            if bare is None or bare == first or len(bare) < 3:
                continue
            name = f"{bare} {rest}" if rest else bare
        if " " not in name and _adjective(name):
            continue  # السعودية is as often "Saudi" (الشركة السعودية) as the country
        tagged[name] += 1
        types[name][m.type] += 1
    headed = _headed_places(mentions)
    candidates = sorted({n for n, k in tagged.items() if k >= min_tagged} | set(headed))
    kept: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.entity_id is not None:
            kept[m.article_id].append(m)
    written, inside = _occurrences(articles, candidates, kept)
    out: list[ListedName] = []
    for name in candidates:
        if name in headed and written[name]:
            # a place the tagger knows only after its head (محافظة الطائف، منطقة مكة المكرمة)
            out.append(ListedName(name, "LOC", max(tagged[name], inside[name]), written[name]))
            continue
        type_, n = types[name].most_common(1)[0]
        # a person's given or family name inside a longer name is another person's
        # (أحمد, العتيبي); a place or body inside one is still itself (جامعة [الدمام])
        found = tagged[name] if type_ == "PER" else max(tagged[name], inside[name])
        share = min_share if found < _FREQUENT_KEPT or not _no_common_word(name) else _FREQUENT_SHARE
        if written[name] and found >= share * written[name] and n >= type_share * tagged[name]:
            out.append(ListedName(name, type_, found, written[name]))
    return out


#: A one-word name kept this many times that is no common word needs a lower share:
#: داعش, kept in about half of its places (the tagger misses «بتنظيم داعش»), was not
#: listed at 0.6.
_FREQUENT_KEPT = 50
_FREQUENT_SHARE = 0.45


def _no_common_word(name: str) -> bool:
    """A one-word name that the shipped corpus counts never write as a common word:
    without the article it is never written with it (داعش; not مالي → المالي),
    with the article it is hardly written without (not القاعدة → قاعدة, النصر → نصر)."""
    if " " in name:
        return False
    norm = _norm(name)
    counts = word_counts()
    if norm.startswith("ال"):
        return 0 < counts.get(norm, 0) and counts.get(norm[2:], 0) <= _BARE_SHARE * counts[norm]
    return not counts.get("ال" + norm)


#: Heads that name a place by its own name (محافظة الطائف is الطائف); canonical reads
#: them too.
PLACE_HEADS = frozenset(_norm(w) for w in ("مدينة", "محافظة", "منطقة", "ولاية", "إقليم", "مقاطعة"))
#: A place is listed from its headed mentions when kept this many times after a head.
_MIN_HEADED = 5
#: ... and the corpus writes its definite word without the article at most this share
#: of the times it writes it with (طائف ≪ الطائف; ألعاب of مدينة الألعاب is common).
_BARE_SHARE = 0.05


def _headed_places(mentions: Sequence[Mention]) -> set[str]:
    """One-word names the pipeline keeps as places after a naming head at least
    :data:`_MIN_HEADED` times, definite and no common noun with the article (الطائف،
    الأحساء; the corpus counts hardly write طائف). The tagger misses most of them
    alone (الطائف alone in 22 % of its occurrences), so the share rule of
    :func:`mine_names` never lists them. A name of several words (مكة المكرمة) is not
    listed: tagged in whole where the digest writes «مكة» alone too, it split Mecca in
    two top-100 entities of 2015-07-26/27."""
    count: Counter[str] = Counter()
    for m in mentions:
        if m.entity_id is None or m.type != "LOC":
            continue
        head, _, rest = clean_phrase(m.text).partition(" ")
        if rest and _norm(head) in PLACE_HEADS and len(rest.split(" ")) <= 3:
            count[rest] += 1
    out: set[str] = set()
    for name, n in count.items():
        norm = _norm(name)
        if n >= _MIN_HEADED and norm.startswith("ال") and len(norm) >= 5 and not is_not_name(name) \
                and _no_common_word(name):
            out.add(name)
    return out


def _adjective(name: str) -> bool:
    """Whether a one-word name is also a relative adjective: a country's (البولندية), or
    a feminine whose masculine the corpus writes (السعودية → السعودي, النمساوية →
    النمساوي); listed, every «الشركة السعودية» would be tagged as the country."""
    norm = _norm(name)
    if norm in demonyms():
        return True
    return norm.startswith("ال") and norm.endswith("يه") and word_counts().get(norm[:-1], 0) >= 20


def write_names(names: Iterable[ListedName], path: Path) -> None:
    """Write ``name\\tTYPE\\ttagged\\twritten`` lines, sorted by name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for n in sorted(names, key=lambda n: n.name):
            fh.write(f"{n.name}\t{n.type}\t{n.tagged}\t{n.written}\n")


@lru_cache(maxsize=4)
def load_names(path: Path | None = None) -> dict[str, str]:
    """The committed list (or the one at ``path``) as name → type; empty when absent."""
    path = Path(path) if path is not None else NAMES_FILE
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0]:
            out[parts[0]] = parts[1]
    return out


class NameIndex(dict[str, list[tuple[str, str]]]):
    """Listed names by their first word, the longest first: what :func:`tag_listed`
    reads. It carries the scan's memo of the words it has read (:class:`_Scan`), which
    lives as long as the index (a digest builds one)."""

    __slots__ = ("scan",)


def index_names(names: Mapping[str, str]) -> NameIndex:
    """``names`` (name → type) indexed for :func:`tag_listed`."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, type_ in names.items():
        out[_spell(name.split(" ", 1)[0])].append((name, type_))
    for found in out.values():
        found.sort(key=lambda nt: (-len(nt[0]), nt[0]))
    return NameIndex(out)


def tag_listed(article_id: str, text: str, mentions: Sequence[Mention], index: NameIndex) -> list[Mention]:
    """New mentions for the whole-word occurrences of the listed names (``index``, see
    :func:`index_names`) in ``text`` that no mention of the article overlaps, the
    longest listed name first; a conjunction or preposition glued to the name
    (وتويتر، بالدمام) stays outside the mention."""
    return _apply(article_id, text, mentions, index, grow=False)[1]


def apply_listed(article_id: str, text: str, mentions: Sequence[Mention], index: NameIndex) -> list[Mention]:
    """``mentions`` with the listed names applied in one pass over ``text``: their
    untagged occurrences tagged (:func:`tag_listed`), and the pieces of a longer listed
    name written whole replaced by that name — the tagger cut «علي» off «علي عبدالله
    صالح» or tagged «الخليج العربية» of «مجلس التعاون لدول الخليج العربية»; the longer
    name, kept in most places over many days, is the name here too. An occurrence that
    a mention runs out of is left alone (the mention knows where its name ends)."""
    drop, new = _apply(article_id, text, mentions, index, grow=True)
    return [m for m in mentions if id(m) not in drop] + new


def _apply(
    article_id: str, text: str, mentions: Sequence[Mention], index: NameIndex, grow: bool
) -> tuple[set[int], list[Mention]]:
    """``(ids of the mentions a longer listed name replaces, new mentions)``."""
    if not index:
        return set(), []
    spans = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = [m.start for m in spans]
    drop: set[int] = set()
    new: list[Mention] = []
    taken_until = -1
    for start, name, type_ in _listed_matches(text, index):
        if start < taken_until:
            continue
        end = start + len(name)
        lo = bisect_right(starts, start - 1)
        hi = bisect_right(starts, end - 1)
        before = lo > 0 and spans[lo - 1].end > start
        if lo == hi and not before:
            new.append(Mention(article_id, start, end, text[start:end], type_))  # type: ignore[arg-type]
            taken_until = end
        elif grow and not before and " " in name and all(spans[j].end <= end for j in range(lo, hi)) \
                and any((spans[j].start, spans[j].end) != (start, end) for j in range(lo, hi)):
            drop.update(id(spans[j]) for j in range(lo, hi))
            new.append(Mention(article_id, start, end, text[start:end], type_))  # type: ignore[arg-type]
            taken_until = end
    return drop, new


def _listed_matches(text: str, index: NameIndex) -> Iterable[tuple[int, str, str]]:
    """``(start, name, type)`` of each word of ``text`` that writes a listed name whole,
    bare or after a glued proclitic (وتويتر، بالدمام → ب + الدمام), the longest listed
    name first and the bare word before its proclitic readings."""
    scan = _scan_of(index)
    tries_of = scan.tries
    for word in _WORD_RE.finditer(text):
        token = word.group()
        tries = tries_of.get(token)
        if tries is None:
            tries = scan.learn(token)
        if not tries:
            continue  # most words start no listed name, in any reading
        start = word.start()
        for offset, groups in tries:
            # the bare word, then its proclitic readings
            if (hit := _match(text, start + offset, groups)) is not None:
                yield start + offset, hit[0], hit[1]
                break


#: A listed name's candidates of one first word, by length (longest first), each
#: length's names by their spelling-free form (:func:`_spelled`), in index order.
_Groups = tuple[tuple[int, dict[str, list[tuple[str, str]]]], ...]


class _Scan:
    """What the scan derives from one index, computed once per distinct word of the
    corpus (the readings of a word that start a listed name) and once per first word
    (its names grouped for :func:`_match`): a digest repeats its words."""

    #: distinct words remembered (a long-running process clears them past this)
    LIMIT = 200_000

    def __init__(self, index: Mapping[str, list[tuple[str, str]]]) -> None:
        self.index = index
        self.tries: dict[str, tuple[tuple[int, _Groups], ...]] = {}
        self.groups: dict[str, _Groups] = {}

    def learn(self, token: str) -> tuple[tuple[int, _Groups], ...]:
        """The offsets in ``token`` where a listed name may start — 0, then after each
        glued proclitic (:func:`_proclitic_cuts`) — that some listed first word
        writes, with the candidates there; remembered."""
        if len(self.tries) >= self.LIMIT:
            self.tries.clear()
        out = []
        for offset in _proclitic_cuts(token):
            key = _spell(token[offset:] if offset else token)
            if self.index.get(key):
                out.append((offset, self._grouped(key)))
        found = self.tries[token] = tuple(out)
        return found

    def _grouped(self, key: str) -> _Groups:
        groups = self.groups.get(key)
        if groups is None:
            by_length: dict[int, dict[str, list[tuple[str, str]]]] = {}
            for name, type_ in self.index[key]:  # longest first, then by name
                by_length.setdefault(len(name), {}).setdefault(_spelled(name), []).append((name, type_))
            groups = self.groups[key] = tuple(by_length.items())
        return groups


def _scan_of(index: Mapping[str, list[tuple[str, str]]]) -> _Scan:
    """The :class:`_Scan` of ``index``: the one it carries (a :class:`NameIndex`), else
    a new one for this call."""
    scan = getattr(index, "scan", None)
    if scan is None:
        scan = _Scan(index)
        if isinstance(index, NameIndex):
            index.scan = scan
    return scan


def _proclitic_cuts(token: str) -> tuple[int, ...]:
    """Where a listed name may start in ``token``: 0, then after each glued
    proclitic that leaves at least three letters."""
    if token[:1] not in _PROCLITIC_FIRST:
        return (0,)
    return (0, *(len(p) for p in CONJ_PREP_PREFIXES if token.startswith(p) and len(token) - len(p) >= 3))


#: the letters a glued proclitic starts with (most words start with none)
_PROCLITIC_FIRST = frozenset(p[0] for p in CONJ_PREP_PREFIXES)


def _match(text: str, start: int, groups: _Groups) -> tuple[str, str] | None:
    """The first (longest) candidate name written whole at ``start``
    (:func:`_written_at` of each candidate in turn, one length at a time: the text
    there is sliced and its spelling-free form taken once per length)."""
    size = len(text)
    for length, by_spelling in groups:
        end = start + length
        if end < size and text[end].isalnum():
            continue
        written = text[start:end]
        found = by_spelling.get(_spelled(written))
        if found is None:
            continue
        for name, type_ in found:
            # another spelling of a one-word name may be a function word (إنك of «أنك»)
            if written == name or " " in name or _norm(written) not in STOPWORDS:
                return name, type_
    return None


def _written_at(text: str, start: int, name: str) -> bool:
    """Whether ``name`` is written at ``start`` as whole words (no letter or digit
    after it), in any spelling of its hamzas, ta marbuta and final ya (الاحساء for
    الأحساء)."""
    end = start + len(name)
    if end < len(text) and text[end].isalnum():
        return False
    if text.startswith(name, start):
        return True
    written = text[start:end]
    # another spelling of a one-word name may be a function word (إنك of «أنك»)
    return _spelled(written) == _spelled(name) and (" " in name or _norm(written) not in STOPWORDS)


@lru_cache(maxsize=200_000)
def _spell(word: str) -> str:
    """A word in its spelling-free form (hamzas, ة/ه, ى/ي normalized), when that keeps
    its length (no diacritics or tatweel), else as written: the key of the index."""
    norm = _norm(word)
    return norm if len(norm) == len(word) else word


def _spelled(phrase: str) -> str:
    return " ".join(_spell(w) for w in phrase.split(" "))
