"""Canonical entities: one record per person, organization and place across outlets.

Outlets spell the same name differently (سيرغي/سيرجي لافروف, البنتاغون/البنتاجون,
سورية/سوريا, آشتون/أشتون كارتر, لونديغ بوريفسورين/لونديج بورفسورين), shorten it
(لافروف), and sometimes say that two names are one (``إس.إيه22 واسمه باللغة الروسية
بانتسير-إس1``, ``تنظيم الدولة الإسلامية (داعش)``). :func:`canonicalize` merges NER
mentions into :class:`~marsad.model.Entity` records in four steps:

1. **spelling key** — :func:`name_key`: per word, the matching normalization
   (hamza/alef forms, ى/ي, ة/ه), then the letters that transliterate *g* (غ ج ك) folded
   to one, a final ا/ه/ة folded, long vowels (ا و ي) after the first letter dropped and
   doubled letters collapsed. Mentions with equal keys are one name; a proclitic glued
   to the first word (``ولافروف``, ``لروسيا``) is dropped when the rest is a known key.
2. **edit distance** — keys of the same type and word count that differ by one letter
   (found with symmetric deletions, so it stays linear) are merged too; keys shorter
   than five letters must match exactly.
3. **stated aliases** — ``X واسمه [باللغة …] Y``, ``X المعروف باسم Y``, ``X (Y)`` and
   ``X «(Y)»`` where X is a mention.
4. **short forms** — a mention that is the last word(s) of exactly one longer name of
   the same type (``لافروف`` → ``سيرغي لافروف``, ``الأسد`` → ``بشار الأسد``); a candidate
   in the same article wins over the rest of the digest.

The canonical name is the most frequent variant among the longest ones (ties broken
alphabetically), the id a hash of that name and the type, so ids are stable across
runs. Roles come from apposition (:mod:`marsad.entities.roles`).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from marsad.arabic.lexicons import SPEECH_VERB_FORMS
from marsad.arabic.normalize import normalize
from marsad.arabic.stem import proclitic_splits
from marsad.entities.roles import ANONYMOUS_HEADS, clean_phrase, role_before, strip_proclitic, words_of
from marsad.model import Article, Entity, Mention

__all__ = ["name_key", "entity_id", "canonicalize", "stated_aliases", "strip_glued"]

#: غ and ج both write a foreign g (سيرغي/سيرجي); ك does too, but folding it merged
#: real names at corpus scale (كينيا/جنيه), so it keeps its own letter.
_G_LETTERS = str.maketrans({"غ": "g", "ج": "g", "ڤ": "ف", "پ": "ب", "چ": "g", "گ": "g"})
_VOWELS = frozenset("اوي")
_DOUBLE_RE = re.compile(r"(.)\1+")
_WORD_RE = re.compile(r"[^\s]+")
_TYPE_ORDER: dict[str, int] = {"PER": 0, "ORG": 1, "LOC": 2, "MISC": 3}
_MIN_FUZZY = 8
#: Long vowels are dropped only in words this long: foreign names vary their vowels
#: (بوريفسورين/بورفسورين), short words are too easily confused without them.
_MIN_VOWEL_DROP = 8
#: Letters whose presence or absence is a spelling variant, not another name.
_VOWELISH = frozenset("اويه")
#: Generic heads that may precede a name: تنظيم الدولة الإسلامية = الدولة الإسلامية.
_GENERIC_HEADS = frozenset(
    normalize(w) for w in (
        "تنظيم", "منظمة", "حركة", "جماعة", "حزب", "شركة", "مدينة", "ولاية", "جمهورية", "مملكة", "العاصمة",
        "محافظة", "جزيرة", "بلدة", "قرية", "وكالة", "صحيفة", "قناة", "مجموعة", "جبهة", "إمارة", "دولة",
        "مطار", "نهر", "بحر", "جبل", "مخيم", "ميليشيا", "ميليشيات", "كتائب", "مؤسسة", "جامعة", "مستشفى",
    )
)


@lru_cache(maxsize=200_000)
def _word_key(word: str) -> str:
    w = normalize(word).lower().replace("ء", "").replace("-", "").replace(".", "")
    w = w.translate(_G_LETTERS)
    if len(w) > 2 and w[-1] in "اه":
        w = w[:-1] + "ه"
    if len(w) >= _MIN_VOWEL_DROP:
        # "~" keeps a vowelless skeleton from equalling a short word that happens to
        # be written without vowels (الأنصاري → النصر).
        w = w[0] + "".join(c for c in w[1:-1] if c not in _VOWELS) + (w[-1] if w[-1] != "ي" else "") + "~"
    return _DOUBLE_RE.sub(r"\1", w)


@lru_cache(maxsize=200_000)
def name_key(name: str) -> tuple[str, ...]:
    """The spelling-insensitive key of a name, one part per word.

    >>> name_key("سيرغي لافروف") == name_key("سيرجي لافروف")
    True
    >>> name_key("سورية") == name_key("سوريا"), name_key("آشتون") == name_key("أشتون")
    (True, True)
    """
    return tuple(k for k in (_word_key(w) for w in _WORD_RE.findall(clean_phrase(name))) if k)


def strip_glued(surface: str) -> str:
    """A name without the proclitics that are unambiguous in writing: و/ف/ب/ك before the
    article (``والولايات`` → ``الولايات``), لل → ال (``للأمم`` → ``الأمم``), and و/ف/ب/ل/ك
    before a hamza alef (``وإسرائيل`` → ``إسرائيل``). A bare ل/ب/و before any other letter
    may be part of the name (لافروف, بوتين, واشنطن) and is left to :func:`canonicalize`.
    """
    first, sep, rest = surface.partition(" ")
    if first.startswith("لل") and len(first) > 4:
        first = "ال" + first[2:]
    elif len(first) > 4 and first.startswith(("وال", "فال", "بال", "كال", "وبال", "وكال", "فبال")):
        first = first[first.index("ال"):]
    elif len(first) > 3 and first[0] in "وفبلك" and first[1] in "أإآ":
        first = first[1:]
    elif len(first) > 4 and first[:2] in ("وب", "ول", "فب", "فل", "وك") and first[2] in "أإآ":
        first = first[2:]
    return first + sep + rest


def entity_id(name: str, type_: str) -> str:
    """Stable id of an entity: a hash of its normalized canonical name and type."""
    digest = hashlib.sha1(f"{type_}|{normalize(name).lower()}".encode()).hexdigest()
    return f"ent-{digest[:12]}"


# --- union-find -----------------------------------------------------------------------


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass(slots=True)
class _Form:
    """One distinct (surface, type) with its key and the mentions using it."""

    surface: str
    type: str
    key: tuple[str, ...]
    mentions: list[int]


# --- stated aliases -------------------------------------------------------------------

_ALIAS_CUE_RE = re.compile(
    r"\s*،?\s*(?:و?اسمه|و?اسمها|و?يسمى|و?تسمى|(?:و?ال)?معروفة?\s+باسم|(?:و?ال)?معروفة?\s+ب(?=\S)|"
    r"و?يعرف\s+باسم|و?تعرف\s+باسم|و?يطلق\s+عليه(?:ا)?(?:\s+اسم)?|أو\s+ما\s+يعرف\s+ب(?:اسم)?)"
    r"(?:\s+(?:باللغة|بال)\s*\S+)?\s*"
)
_PAREN_RE = re.compile(r"\s*[\"«»“”]?\s*\(\s*[\"«»“”]?([^()\n]{2,40}?)[\"«»“”]?\s*\)")
_DIGIT_OR_LATIN_RE = re.compile(r"[0-9A-Za-z٠-٩]")


def stated_aliases(
    article_id: str, text: str, mentions: Sequence[Mention], own: Sequence[int] | None = None
) -> tuple[list[tuple[int, int]], list[Mention]]:
    """Alias pairs the text states, as index pairs into ``mentions + new``, plus the new
    mentions created for alias sides the NER did not tag (``بانتسير-إس1``).

    ``own`` lists the indexes of this article's mentions when the caller already has
    them (over a whole corpus, finding them again per article would be quadratic)."""
    if own is None:
        own = [i for i, m in enumerate(mentions) if m.article_id == article_id]
    own = sorted(own, key=lambda i: mentions[i].start)
    by_end = {mentions[i].end: i for i in own}
    by_start = {mentions[i].start: i for i in own}
    words: list = []  # tokenized only when a cue is found (rare)
    new: list[Mention] = []
    pairs: list[tuple[int, int]] = []
    base = len(mentions)

    def index_of(m: Mention) -> int:
        new.append(m)
        return base + len(new) - 1

    for cue in _ALIAS_CUE_RE.finditer(text):
        words = words or words_of(text)
        left_end = cue.start()
        left = by_end.get(left_end)
        if left is None:
            word = next((w for w in reversed(words) if w.end == left_end), None)
            if word is None or not _DIGIT_OR_LATIN_RE.search(word.text) and "-" not in word.text:
                continue
            left = index_of(Mention(article_id, word.start, word.end, word.text, "MISC"))
        right_start = cue.end()
        while right_start < len(text) and text[right_start] in "\"«»“”(":
            right_start += 1
        right = by_start.get(right_start)
        if right is None:
            word = next((w for w in words if w.start == right_start), None)
            if word is None:
                continue
            left_type = (mentions[left] if left < base else new[left - base]).type
            right = index_of(Mention(article_id, word.start, word.end, word.text, left_type))
        pairs.append((left, right))
    for i in own:
        m = mentions[i]
        paren = _PAREN_RE.match(text, m.end)
        if paren is None:
            continue
        inner = paren.group(1).strip()
        if not inner or len(inner.split()) > 3 or inner[0].isdigit():
            continue
        right = by_start.get(paren.start(1))
        if right is None:
            right = next((j for j in own if paren.start(1) <= mentions[j].start < paren.end(1)), None)
        if right is None:
            continue  # "(حوادث عارضة)", "(يونيو)": only a tagged name is an alias
        # "القاهرة (مصر)", "سعد حلمي (السعودية)": a parenthesis after a name usually
        # says where or whose, not "also called"; only a same-type ORG/MISC/PER is.
        if mentions[right].type != m.type or m.type == "LOC":
            continue
        pairs.append((i, right))
    return pairs, new


# --- the canonicalizer ----------------------------------------------------------------


_FUNCTION_WORDS = frozenset(
    normalize(w) for w in ("في", "من", "على", "إلى", "الى", "عن", "مع", "أن", "إن", "قد", "كان", "وكان", "الذي", "التي", "و", "أو", "لكن", "حيث")
)
_TOKEN_RE = re.compile(r"\S+")


def split_at_function_words(mention: Mention) -> list[Mention]:
    """A mention cut at speech verbs and function words the tagger ran across
    (``شويغو أبلغ كارتر`` → ``شويغو``, ``كارتر``); the pieces keep their offsets."""
    pieces: list[Mention] = []
    start = None
    end = None
    for token in _TOKEN_RE.finditer(mention.text):
        norm = normalize(token.group()).lower().strip("«»\"“”(),.،")
        if norm in SPEECH_VERB_FORMS or norm in _FUNCTION_WORDS or (norm[:1] in "وفلب" and norm[1:] in _FUNCTION_WORDS):
            if start is not None:
                pieces.append((start, end))
            start = None
            continue
        if start is None:
            start = token.start()
        end = token.end()
    if start is not None:
        pieces.append((start, end))
    if pieces == [(0, len(mention.text))]:
        return [mention]
    return [
        replace(mention, start=mention.start + a, end=mention.start + b, text=mention.text[a:b])
        for a, b in pieces
    ]


def _anonymous(mention: Mention) -> bool:
    """A description the tagger took for a name ("مسؤولان أميركيان", "مصدر روسي")."""
    first = normalize(mention.text.split(" ", 1)[0]).lower().strip("«»\"“”(),.،")
    return strip_proclitic(first)[0] in ANONYMOUS_HEADS


def _vowel_deletes(key: str) -> set[str]:
    """``key`` and every form of it with one vowel-like letter removed."""
    return {key[:i] + key[i + 1:] for i in range(1, len(key)) if key[i] in _VOWELISH} | {key}


def canonicalize(articles: Iterable[Article], mentions: Sequence[Mention]) -> tuple[list[Entity], list[Mention]]:
    """Merge ``mentions`` of ``articles`` into entities.

    Returns ``(entities, mentions)``: the entities sorted by mention count (then name),
    and the mentions with ``entity_id`` set — including mentions created for stated
    aliases that the NER missed — in article/offset order.
    """
    articles = list(articles)
    texts = {a.id: a.clean_text for a in articles}
    all_mentions = [
        piece
        for m in mentions
        if m.article_id in texts and 0 <= m.start < m.end <= len(texts[m.article_id])
        for piece in split_at_function_words(m)
        if not _anonymous(piece)
    ]
    alias_pairs: list[tuple[int, int]] = []
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(all_mentions):
        by_article[m.article_id].append(i)
    for article in articles:
        # New mentions are numbered from len(all_mentions), so extend right away.
        pairs, new = stated_aliases(article.id, texts[article.id], all_mentions, by_article.get(article.id, []))
        all_mentions.extend(new)
        alias_pairs.extend(pairs)

    # 1. distinct surface forms.
    forms: list[_Form] = []
    form_of: dict[tuple[str, str], int] = {}
    mention_form: list[int] = []
    for i, m in enumerate(all_mentions):
        surface = strip_glued(clean_phrase(m.text))
        key = name_key(surface)
        if not key:
            mention_form.append(-1)
            continue
        fk = (surface, m.type)
        if fk not in form_of:
            form_of[fk] = len(forms)
            forms.append(_Form(surface, m.type, key, []))
        forms[form_of[fk]].mentions.append(i)
        mention_form.append(form_of[fk])

    uf = _Union(len(forms))
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for f, form in enumerate(forms):
        by_key[form.key].append(f)
    # Equal keys: one name, whatever type the tagger gave each mention.
    for group in by_key.values():
        for f in group[1:]:
            uf.union(group[0], f)
    # Glued proclitics: "ولافروف" → "لافروف" when that is a known key.
    display: dict[int, str] = {}
    for f, form in enumerate(forms):
        first, *rest = form.surface.split(" ")
        for prefix, stripped in proclitic_splits(first)[1:]:
            if len(prefix) > 2 or prefix.endswith("ال"):
                continue  # the article belongs to the name
            key = name_key(" ".join([stripped, *rest]))
            if key in by_key and key != form.key:
                uf.union(by_key[key][0], f)
                display[f] = " ".join([first[len(prefix):], *rest]) if first.startswith(prefix) else form.surface
                break
    # 2. one vowel apart (symmetric deletions of ا و ي ه only), same type and word
    # count: كوناشينكوف/كوناشنكوف, not الثامن/الثاني.
    buckets: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for f, form in enumerate(forms):
        joined = "".join(form.key)
        if len(joined) < _MIN_FUZZY:
            continue
        for d in _vowel_deletes(joined):
            buckets[(form.type, len(form.key), d)].append(f)
    for group in buckets.values():
        for f in group[1:]:
            if forms[f].key[0][:1] == forms[group[0]].key[0][:1]:
                uf.union(group[0], f)
    # 3. stated aliases.
    for a, b in alias_pairs:
        fa, fb = mention_form[a], mention_form[b]
        if fa >= 0 and fb >= 0:
            uf.union(fa, fb)
    # 4. short forms: a person's surname (لافروف → سيرغي لافروف), or a name without its
    # generic head (الدولة الإسلامية → تنظيم الدولة الإسلامية). Only single surnames and
    # head-less names are folded in, never a name into a longer one in general: NER
    # spans such as "سوريا والعراق" would otherwise chain whole countries together.
    clusters = _clusters(uf, len(forms))
    longest = {root: max(len(forms[f].key) for f in members) for root, members in clusters.items()}
    surnames: dict[tuple[str, ...], set[int]] = defaultdict(set)
    headless: dict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    articles_of: dict[int, set[str]] = defaultdict(set)
    for root, members in clusters.items():
        for f in members:
            articles_of[root].update(all_mentions[i].article_id for i in forms[f].mentions)
            key = forms[f].key
            if forms[f].type == "PER" and len(key) > 1:
                surnames[key[-1:]].add(root)
            words = forms[f].surface.split(" ")
            if forms[f].type != "PER" and len(key) > 1 and len(words) == len(key) \
                    and strip_proclitic(normalize(words[0]).lower())[0] in _GENERIC_HEADS:
                headless[(forms[f].type, key[1:])].add(root)
    size = {root: sum(len(forms[f].mentions) for f in members) for root, members in clusters.items()}
    for root, members in sorted(clusters.items()):
        for f in members:
            key = forms[f].key
            if len(key) == 1 and longest[root] == 1 and len(key[0]) >= 3:
                found = surnames.get(key, set())
                if forms[f].type != "PER":
                    # A surname the tagger typed LOC/ORG joins a person named in the
                    # same article only (الجزر is not عبد الكريم الجزائري).
                    found = {r for r in found if articles_of[r] & articles_of[root]}
            else:
                found = headless.get((forms[f].type, key), set())
            candidates = {uf.find(r) for r in found} - {uf.find(root)}
            if len(candidates) > 1:
                # Several people share the surname: the one named in the same article,
                # or the one named far more often there (a tagging slip such as
                # "لوكان لافروف" must not block لافروف → سيرغي لافروف).
                here = {r for r in found if articles_of[r] & articles_of[root]}
                here_roots = {uf.find(r) for r in here} - {uf.find(root)}
                if len(here_roots) > 1:
                    best = _dominant(here, size)
                    here_roots = {uf.find(r) for r in best} - {uf.find(root)}
                candidates = here_roots
            if len(candidates) == 1:
                uf.union(root, next(iter(candidates)))
                break

    return _build(articles, all_mentions, forms, mention_form, uf, display)


def _dominant(candidates: set[int], size: dict[int, int]) -> set[int]:
    """The one candidate with at least twice the mentions of every other (a
    tagging slip such as "لوكان لافروف" must not block "لافروف" → "سيرغي لافروف")."""
    ranked = sorted(candidates, key=lambda c: -size.get(c, 0))
    if size.get(ranked[0], 0) >= 2 * max(size.get(c, 0) for c in ranked[1:]):
        return {ranked[0]}
    return set()


def _clusters(uf: _Union, n: int) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for f in range(n):
        out[uf.find(f)].append(f)
    return out


def _build(
    articles: list[Article],
    all_mentions: list[Mention],
    forms: list[_Form],
    mention_form: list[int],
    uf: _Union,
    display: dict[int, str],
) -> tuple[list[Entity], list[Mention]]:
    texts = {a.id: a.clean_text for a in articles}
    words_cache: dict[str, list] = {}
    entities: list[Entity] = []
    id_of_root: dict[int, str] = {}
    for root, members in sorted(_clusters(uf, len(forms)).items()):
        counts: Counter[str] = Counter()
        types: Counter[str] = Counter()
        variant_len: dict[str, int] = {}
        article_ids: set[str] = set()
        for f in members:
            surface = display.get(f, forms[f].surface)
            counts[surface] += len(forms[f].mentions)
            types[forms[f].type] += len(forms[f].mentions)
            variant_len[surface] = max(variant_len.get(surface, 0), len(name_key(surface)))
            article_ids.update(all_mentions[i].article_id for i in forms[f].mentions)
        full = max(variant_len.values())
        # The type of the full name wins: the tagger may call a lone surname LOC.
        full_types: Counter[str] = Counter()
        for f in members:
            if len(forms[f].key) == full:
                full_types[forms[f].type] += len(forms[f].mentions)
        types = full_types or types
        type_ = min(types, key=lambda t: (-types[t], _TYPE_ORDER.get(t, 9)))
        name = min((v for v in counts if variant_len[v] == full), key=lambda v: (-counts[v], v))
        eid = entity_id(name, type_)
        id_of_root[root] = eid
        roles: list[str] = []
        if type_ == "PER":
            for f in members:
                if len(forms[f].key) < full:
                    continue  # "رئيس الوزراء الإسرائيلي بنيامين نتنياهو" tagged as نتنياهو only
                for i in forms[f].mentions:
                    m = all_mentions[i]
                    text = texts[m.article_id]
                    words = words_cache.get(m.article_id)
                    if words is None:
                        words = words_cache[m.article_id] = words_of(text)
                    index = _word_index(words, m.start)
                    if index is None:
                        continue
                    found = role_before(text, words, index)
                    if found and found[1] not in roles:
                        roles.append(found[1])
        entities.append(Entity(
            id=eid,
            name=name,
            type=type_,  # type: ignore[arg-type]
            variants=sorted(counts, key=lambda v: (-counts[v], v)),
            article_ids=sorted(article_ids),
            mentions=sum(counts.values()),
            roles=roles,
        ))
    out_mentions = [
        replace(m, entity_id=id_of_root[uf.find(mention_form[i])]) if mention_form[i] >= 0 else m
        for i, m in enumerate(all_mentions)
    ]
    out_mentions.sort(key=lambda m: (m.article_id, m.start, m.end))
    entities.sort(key=lambda e: (-e.mentions, e.name, e.type))
    return entities, out_mentions


def _word_index(words: list, start: int) -> int | None:
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi) // 2
        if words[mid].end <= start:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(words) and words[lo].start <= start < words[lo].end else None
