"""Canonical entities: one record per person, organization and place across outlets.

Outlets spell the same name differently (سيرغي/سيرجي لافروف, البنتاغون/البنتاجون,
سورية/سوريا, آشتون/أشتون كارتر, لونديغ بوريفسورين/لونديج بورفسورين), shorten it
(لافروف), and sometimes say that two names are one (``إس.إيه22 واسمه باللغة الروسية
بانتسير-إس1``, ``تنظيم الدولة الإسلامية (داعش)``). :func:`canonicalize` merges NER
mentions into :class:`~marsad.model.Entity` records. Precision comes first: an entity
is published as fact, so every merge needs evidence, and the evidence is kept in
``Entity.merges`` (:class:`~marsad.model.EntityMerge`).

0. **what is a name** — :func:`marsad.entities.names.trim_mention` drops spans that
   are no name (الله, pronouns, bare titles, months, weekdays, currency units) and
   cuts formulas, titles and a trailing ب/ل + place (``عبدالعزيز بجدة``) off a name.
1. **spelling key** — :func:`name_key`: per word, the matching normalization
   (hamza/alef forms, ى/ي, ة/ه), then the letters that transliterate *g* (غ ج ك) folded
   to one, a final ا/ه/ة folded, long vowels (ا و ي) after the first letter dropped and
   doubled letters collapsed. Mentions with equal keys are one name; a proclitic glued
   to the first word (``ولافروف``, ``لروسيا``) is dropped when the rest is a known key.
2. **edit distance** — keys of the same type and word count that differ by one letter
   (found with symmetric deletions, so it stays linear) are merged too; keys shorter
   than five letters must match exactly.
3. **stated aliases** — ``X واسمه [باللغة …] Y``, ``X المعروف باسم Y``, ``X (Y)`` and
   ``X «(Y)»`` where X is a mention: only the two names joined, only when their types
   agree, and two names each well attested on their own need the alias stated twice.
4. **short forms** — a surname that ends exactly one person's name in the digest and
   is part of no other (``لافروف`` → ``سيرغي لافروف``) joins it everywhere; a shared
   given name, family name or nasab (عبدالعزيز، محمد) joins a full name only inside
   the article that names exactly one such person. A name without its generic head
   (``الدولة الإسلامية``) joins the headed name.

The canonical name is the longest variant among the frequent ones (ties: the most
frequent, then alphabetical), the id a hash of that name and the type, so ids are stable across
runs. Roles come from apposition (:mod:`marsad.entities.roles`).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from marsad.arabic.lexicons import SPEECH_VERB_FORMS, TITLES
from marsad.arabic.normalize import match_form, normalize, remove_diacritics
from marsad.arabic.stem import proclitic_splits, strip_frequent_proclitic
from marsad.entities.fragments import club_places, complete_fragments, complete_tails, elliptical_names
from marsad.entities.name_list import PLACE_HEADS, apply_listed, index_names, load_names
from marsad.entities.furniture import drop_furniture
from marsad.entities.names import (
    country_names, country_words, demonyms, extend_to_head, given_names_in_lists, homograph_spelling, homographs, join_adjacent,
    place_names, says_whose,
    trim_mention,
)
from marsad.entities.outlet_names import cited_outlets, outlet_sources
from marsad.entities.features import strip_clitics
from marsad.entities.patterns import ORG_HEADS, grow_bodies, head_phrases
from marsad.entities.roles import ANONYMOUS_HEADS, Word, clean_phrase, role_before, strip_proclitic, words_to
from marsad.model import Article, Entity, EntityMerge, Mention

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
#: Generic heads that may precede a name and name the same thing: تنظيم الدولة
#: الإسلامية = الدولة الإسلامية, مدينة جدة = جدة. Heads that name another thing after
#: the name (شركة الأهلي, جامعة الملك فيصل, مطار جدة) are not listed. A publication's
#: head is (وكالة رويترز = رويترز): the group's type must agree besides, so صحيفة
#: الرياض (ORG) never joins the city الرياض (LOC).
GENERIC_HEADS = frozenset(
    normalize(w) for w in (
        "تنظيم", "منظمة", "حركة", "جماعة", "حزب", "مدينة", "ولاية", "جمهورية", "مملكة", "العاصمة",
        "محافظة", "جزيرة", "بلدة", "قرية", "جبهة", "إمارة", "دولة", "ميليشيا", "ميليشيات", "كتائب",
        "صحيفة", "جريدة", "مجلة", "وكالة", "قناة",
    )
)


@lru_cache(maxsize=200_000)
def _word_key(word: str) -> str:
    w = match_form(word).replace("ء", "").replace("-", "").replace(".", "")
    w = w.translate(_G_LETTERS)
    if len(w) > 2 and w[-1] in "اه":
        w = w[:-1] + "ه"
    if len(w) >= _MIN_VOWEL_DROP:
        # "~" keeps a vowelless skeleton from equalling a short word that happens to
        # be written without vowels (الأنصاري → النصر).
        w = w[0] + "".join(c for c in w[1:-1] if c not in _VOWELS) + (w[-1] if w[-1] != "ي" else "") + "~"
    return _DOUBLE_RE.sub(r"\1", w)


#: "عبد " before the rest of a compound given name: عبد الحميد = عبدالحميد.
_ABD_RE = re.compile(r"(?<!\S)([وفبلك]?عبد) (?=\S)")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> tuple[str, ...]:
    """The spelling-insensitive key of a name, one part per word.

    >>> name_key("سيرغي لافروف") == name_key("سيرجي لافروف")
    True
    >>> name_key("سورية") == name_key("سوريا"), name_key("آشتون") == name_key("أشتون")
    (True, True)
    >>> name_key("عبد الحميد دشتي") == name_key("عبدالحميد دشتي")
    True
    """
    return tuple(k for k in (_word_key(w) for w in _WORD_RE.findall(_ABD_RE.sub(r"\1", clean_phrase(name)))) if k)


def strip_glued(surface: str) -> str:
    """A name without the proclitics that are unambiguous in writing: و/ف/ب/ك before the
    article (``والولايات`` → ``الولايات``), لل → ال (``للأمم`` → ``الأمم``), and و/ف/ب/ل/ك
    before a hamza alef (``وإسرائيل`` → ``إسرائيل``). A bare ل/ب/و before any other letter
    may be part of the name (لافروف, بوتين, واشنطن) and is left to :func:`canonicalize`.
    """
    first, sep, rest = surface.partition(" ")
    if first.startswith("لل") and len(first) > 4:
        first = "ال" + first[2:]
    elif len(first) > 4 and first.startswith(("وال", "فال", "بال", "كال", "وبال", "وكال", "فبال")) \
            and len(first) - first.index("ال") >= 5:
        # the stem after the article keeps three letters: وكالة is no و + ك + الة
        first = first[first.index("ال"):]
    elif len(first) > 3 and first[0] in "وفبلك" and first[1] in "أإآ":
        first = first[1:]
    elif len(first) > 4 and first[:2] in ("وب", "ول", "فب", "فل", "وك") and first[2] in "أإآ":
        first = first[2:]
    return first + sep + rest


def entity_id(name: str, type_: str, article_id: str = "") -> str:
    """Stable id of an entity: a hash of its normalized canonical name and type (and of
    its article, for a shared short name that only its article resolves)."""
    scope = f"|{article_id}" if article_id else ""
    # A homograph place keeps the diacritics that tell it apart (عُمان, عمّان).
    spelled = homograph_spelling(name) or match_form(name)
    digest = hashlib.sha1(f"{type_}|{spelled}{scope}".encode()).hexdigest()
    return f"ent-{digest[:12]}"


# --- union-find -----------------------------------------------------------------------


class _Union:
    """Union-find over forms that keeps, for every union that joined two groups, the
    edge ``(form a, form b, why, article ids)``: the evidence of that merge."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.edges: list[tuple[int, int, str, list[str]]] = []

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int, why: str, where: Sequence[str] = ()) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.edges.append((a, b, why, list(where)))


@dataclass(slots=True)
class _Form:
    """One distinct (surface, type) with its key and the mentions using it."""

    surface: str
    type: str
    key: tuple[str, ...]
    mentions: list[int]


# --- stated aliases -------------------------------------------------------------------

# Possessive quantifiers and the start after a non-space: a run of whitespace costs
# linear time, not cubic (issue 19: 3,000 spaces took over 150 s).
_ALIAS_CUE_RE = re.compile(
    r"(?<!\s)\s*+،?\s*+(?:و?اسمه|و?اسمها|و?يسمى|و?تسمى|(?:و?ال)?معروفة?\s+باسم|(?:و?ال)?معروفة?\s+ب(?=\S)|"
    r"و?يعرف\s+باسم|و?تعرف\s+باسم|و?يطلق\s+عليه(?:ا)?(?:\s+اسم)?|أو\s+ما\s+يعرف\s+ب(?:اسم)?)"
    r"(?:\s+(?:باللغة|بال)\s*\S+)?\s*"
)
#: a word every match of :data:`_ALIAS_CUE_RE` holds (one per alternative); one
#: article in five has one, and only those are searched for cues (the pattern tried
#: at every position of every article was a tenth of the stage)
_ALIAS_CUE_HINTS = ("اسمه", "يسمى", "تسمى", "معروف", "يعرف", "تعرف", "يطلق")
_PAREN_RE = re.compile(r"\s*+[\"«»“”]?\s*+\(\s*+[\"«»“”]?([^()\n]{2,40}?)[\"«»“”]?\s*\)")
_DIGIT_OR_LATIN_RE = re.compile(r"[0-9A-Za-z٠-٩]")
#: Characters of a parenthesis an alias may leave out (a glued proclitic, «ال» of a
#: quoted name, a quote mark): more, and the name is only part of a description.
_PAREN_SLACK = 3


_PREPOSITION_WORDS = frozenset("في من إلى الى على عن حتى منذ نحو لدى عند داخل خارج قرب".split())
_PROCLITIC_PREPOSITION_RE = re.compile(r"[وف]?[بلك]")


def _object_of_preposition(text: str, mention: Mention) -> bool:
    """Is ``mention`` the object of a preposition — glued (بالأردن) or a word before it
    (في الأردن)? A name governed by a preposition is where or whom a clause is about, not
    its subject: an alias cue right after it («… بالأردن ويسمى جبل اللوز») names the
    clause's subject, so it binds nothing to that name."""
    start = mention.start
    word_start = start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    glued = text[word_start:start]
    surface = mention.text
    if glued and _PROCLITIC_PREPOSITION_RE.fullmatch(glued):
        return True
    if not glued and len(surface) > 3 and (m := _PROCLITIC_PREPOSITION_RE.match(surface)) and surface[
        m.end() :
    ].startswith("ال"):
        return True
    before = text[max(0, word_start - 12) : word_start].split()
    return bool(before) and before[-1] in _PREPOSITION_WORDS


def _token_at(text: str, offset: int, start: int | None = None, end: int | None = None) -> Word | None:
    """The token of ``text`` (as :func:`words_of` cuts the whole text) holding
    ``offset``, when it starts at ``start`` / ends at ``end`` (given); None otherwise.
    Tokens do not overlap, so this is the one token that starts or ends there — read
    from the few words around it (:func:`words_to`), not a whole article's."""
    if not 0 <= offset < len(text):
        return None
    window, index = words_to(text, offset, 0)
    if index is None:
        return None
    word = window[index]
    if start is not None and word.start != start or end is not None and word.end != end:
        return None
    return word


def stated_aliases(
    article_id: str, text: str, mentions: Sequence[Mention], own: Sequence[int] | None = None
) -> tuple[list[tuple[int, int]], list[Mention]]:
    """Alias pairs the text states, as index pairs into ``mentions + new``, plus the new
    mentions created for alias sides the NER did not tag (``بانتسير-إس1``).

    ``own`` lists the indexes of this article's mentions when the caller already has
    them (over a whole corpus, finding them again per article would be quadratic)."""
    cued = any(hint in text for hint in _ALIAS_CUE_HINTS)
    if not cued and "(" not in text:
        return [], []  # no cue word and no parenthesis: nothing states an alias
    if own is None:
        own = [i for i, m in enumerate(mentions) if m.article_id == article_id]
    own = sorted(own, key=lambda i: mentions[i].start)
    by_end = {mentions[i].end: i for i in own}
    by_start = {mentions[i].start: i for i in own}
    new: list[Mention] = []
    pairs: list[tuple[int, int]] = []
    base = len(mentions)

    def index_of(m: Mention) -> int:
        new.append(m)
        return base + len(new) - 1

    cues = _ALIAS_CUE_RE.finditer(text) if cued else ()
    for cue in cues:
        left_end = cue.start()
        left = by_end.get(left_end)
        if left is not None and _object_of_preposition(text, mentions[left]):
            continue  # «حتى وادي رم بالأردن ويسمى جبل اللوز»: what is called so is not the place the clause ends in
        if left is None:
            word = _token_at(text, left_end - 1, end=left_end)
            if word is None or not _DIGIT_OR_LATIN_RE.search(word.text) and "-" not in word.text:
                continue
            left = index_of(Mention(article_id, word.start, word.end, word.text, "MISC"))
        right_start = cue.end()
        while right_start < len(text) and text[right_start] in "\"«»“”(":
            right_start += 1
        right = by_start.get(right_start)
        if right is None:
            word = _token_at(text, right_start, start=right_start)
            # An untagged word is a name only by its shape (digits, Latin, hyphen):
            # "واسمه الحركي أبو تراب" names no alias of the place before the cue.
            if word is None or not _DIGIT_OR_LATIN_RE.search(word.text) and "-" not in word.text:
                continue
            left_type = (mentions[left] if left < base else new[left - base]).type
            right = index_of(Mention(article_id, word.start, word.end, word.text, left_type))
        pairs.append((left, right))
    for i in own if "(" in text else ():  # (every parenthesis alias holds one)
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
        if paren.end(1) - paren.start(1) - len(mentions[right].text) > _PAREN_SLACK:
            continue  # «حزب الشعب الديموقراطي (مؤيد للاكراد)»: a name inside a description says what X is for, not what it is called
        # "القاهرة (مصر)", "سعد حلمي (السعودية)": a parenthesis after a name usually
        # says where or whose, not "also called"; only a same-type ORG/MISC/PER is.
        if mentions[right].type != m.type or m.type == "LOC":
            continue
        pairs.append((i, right))
    return pairs, new


# --- the canonicalizer ----------------------------------------------------------------


#: على is matched as written: normalized it is علي, a given name (حمد بن علي).
_FUNCTION_WORDS = frozenset(
    normalize(w) for w in ("في", "من", "إلى", "الى", "عن", "مع", "أن", "إن", "قد", "كان", "وكان", "الذي", "التي", "و", "أو", "لكن", "حيث")
)
_ALA = frozenset(("على", "وعلى", "فعلى"))
_TOKEN_RE = re.compile(r"\S+")


def split_at_function_words(mention: Mention, names: frozenset[str] = frozenset()) -> list[Mention]:
    """A mention cut at speech verbs and function words the tagger ran across
    (``شويغو أبلغ كارتر`` → ``شويغو``, ``كارتر``), and before a و that joins a second
    name (``حمود وسعود`` → ``حمود``, ``سعود`` when ``names``, the digest's own one-word
    names, has سعود); the pieces keep their offsets."""
    pieces: list[Mention] = []
    start = None
    end = None
    for n, token in enumerate(_TOKEN_RE.finditer(mention.text)):
        norm = match_form(token.group()).strip("«»\"“”(),.،")
        if norm in SPEECH_VERB_FORMS or norm in _FUNCTION_WORDS or (norm[:1] in "وفلب" and norm[1:] in _FUNCTION_WORDS) \
                or remove_diacritics(token.group()).strip("«»\"“”(),.،") in _ALA:
            if start is not None:
                pieces.append((start, end))
            start = None
            continue
        if n > 0 and norm[:1] == "و" and len(norm) > 3 and norm[1:] in names and start is not None:
            pieces.append((start, end))
            start, end = token.start() + 1, token.end()
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
    first = match_form(mention.text.split(" ", 1)[0]).strip("«»\"“”(),.،")
    return strip_proclitic(first)[0] in ANONYMOUS_HEADS


#: The word in which two names differ by a vowel must be this long (without the
#: article) for the difference to be a spelling: كوناشينكوف/كوناشنكوف are one name,
#: الثاني/الثني (عبدالله الثاني, the king; عبدالله الثني, a prime minister) are two.
_MIN_FUZZY_WORD = 6


def _long_difference(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether the words in which keys ``a`` and ``b`` differ are long enough for a
    vowel's difference to be a spelling variant (see :data:`_MIN_FUZZY_WORD`)."""
    return all(
        len(x[2:] if x.startswith("ال") else x) >= _MIN_FUZZY_WORD
        for u, v in zip(a, b) if u != v for x in (u, v) if len(x) >= max(len(u), len(v))
    )


def _vowel_deletes(key: str) -> set[str]:
    """``key`` and every form of it with one vowel-like letter removed."""
    return {key[:i] + key[i + 1:] for i in range(1, len(key)) if key[i] in _VOWELISH} | {key}


#: A name is well attested when it occurs in at least this many articles; a stated
#: alias between two well-attested names needs to be stated in two articles.
_WELL_ATTESTED = 5
_ALIAS_ARTICLES_FOR_ATTESTED = 2
#: A variant can be an entity's canonical name only with at least this share of the
#: mentions of its most frequent variant (a rare long alias never names the entity).
_NAME_SHARE = 0.2
#: Name parts that are not a given name or surname on their own.
_NAME_JOINERS = frozenset(normalize(w) for w in ("بن", "ابن", "بنت", "آل", "أبو", "ابو", "عبد", "أم", "ام", "ال"))


def _corpus_words(mentions: Sequence[Mention]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """``(places, names, things)``: normalized one-word names the digest's NER tagged
    alone — places typed LOC at least twice and in four of five of their tags (to tell
    ``بجدة`` and ``جمال اليافعي حائل`` from a surname), any name tagged alone at least
    three times, and names that are no person (typed LOC or ORG at least twice and in
    four of five tags: برشلونة، النصر، رويترز), which are never anyone's surname."""
    loc: Counter[str] = Counter()
    thing: Counter[str] = Counter()
    every: Counter[str] = Counter()
    for m in mentions:
        if " " not in m.text.strip():
            word = match_form(strip_glued(m.text))
            every[word] += 1
            loc[word] += m.type == "LOC"
            thing[word] += m.type in ("LOC", "ORG")
    places = frozenset(w for w, n in loc.items() if n >= 2 and n >= 0.8 * every[w])
    things = frozenset(w for w, n in thing.items() if n >= 2 and n >= 0.8 * every[w])
    return places, frozenset(w for w, n in every.items() if n >= 3), things


#: A word is a place when the digest writes it after a naming head (:data:`PLACE_HEADS`)
#: this many times.
_MIN_HEADED = 3


def _headed_places(mentions: Sequence[Mention]) -> frozenset[str]:
    """Normalized one-word names that the digest's place names hold after a naming
    head at least :data:`_MIN_HEADED` times (منطقة تبوك، مدينة تبوك → تبوك): places,
    whatever type the tagger gives them alone."""
    count: Counter[str] = Counter()
    for m in mentions:
        if m.type != "LOC":
            continue
        words = m.text.split()
        if len(words) == 2 and strip_proclitic(match_form(words[0]))[0] in PLACE_HEADS:
            count[match_form(words[1])] += 1
    return frozenset(w for w, n in count.items() if n >= _MIN_HEADED)


#: A word opens this many persons' names in the digest to count as a given name.
_MIN_GIVEN = 3


def _given_names(by_article: Iterable[Sequence[Mention]], listed: Mapping[str, str]) -> frozenset[str]:
    """Normalized given names: the first words of the listed persons' names of several
    words, and of the digest's own that open at least :data:`_MIN_GIVEN` of them."""
    count: Counter[str] = Counter()
    for found in by_article:
        for m in found:
            if m.type == "PER" and " " in m.text.strip():
                count[match_form(m.text.split()[0])] += 1
    own = {w for w, n in count.items() if n >= _MIN_GIVEN}
    return frozenset(own | {match_form(n.split()[0]) for n, t in listed.items() if t == "PER" and " " in n})


def canonicalize(
    articles: Iterable[Article], mentions: Sequence[Mention], names: Mapping[str, str] | None = None
) -> tuple[list[Entity], list[Mention]]:
    """Merge ``mentions`` of ``articles`` into entities.

    ``names`` (name → type) are tagged where the NER missed them; by default the
    committed list mined from other days (:mod:`marsad.entities.name_list`), ``{}``
    for none.

    Returns ``(entities, mentions)``: the entities sorted by mention count (then name),
    and the mentions with ``entity_id`` set — including mentions created for stated
    aliases that the NER missed — in article/offset order. Each entity's ``merges``
    say why each of its variants was merged in.
    """
    articles = list(articles)
    texts = {a.id: a.clean_text for a in articles}
    in_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.article_id in texts and 0 <= m.start < m.end <= len(texts[m.article_id]):
            in_article[m.article_id].append(m)
    listed = load_names() if names is None else names
    index = index_names(listed)
    described: set[tuple[str, int]] = set()  # names found by their shape alone (patterns)
    for article_id in texts:
        found = in_article[article_id]
        phrases = head_phrases(article_id, texts[article_id], found)
        described.update((article_id, m.start) for m in phrases)
        # a tagged place or body inside a body's name (مجلس التعاون لدول [الخليج العربية])
        # is part of that name
        found[:] = [m for m in found if not any(p.start <= m.start and m.end <= p.end for p in phrases)]
        found.extend(phrases)
        # after the shapes: a listed body's name (وزارة الداخلية) found by its shape
        # stays an entity of its article, as the patterns decide.
        found[:] = apply_listed(article_id, texts[article_id], found, index)
        found.extend(cited_outlets(article_id, texts[article_id], found))
    given = _given_names(in_article.values(), listed)
    valid = drop_furniture([
        joined
        for article_id, found in in_article.items()
        for joined in given_names_in_lists(
            join_adjacent(sorted(found, key=lambda m: (m.start, m.end)), texts[article_id]), texts[article_id], given)
    ], texts)
    places, names, things = _corpus_words(valid)
    tagged_ends: dict[str, set[int]] = defaultdict(set)
    for m in valid:
        tagged_ends[m.article_id].add(m.end)
    extended: dict[str, list[Mention]] = defaultdict(list)
    for m in valid:
        extended[m.article_id].append(extend_to_head(m, texts[m.article_id], tagged_ends[m.article_id]))
    headed = complete_tails(complete_fragments(
        [m for article_id, found in extended.items() for m in grow_bodies(texts[article_id], found)], texts), texts)
    all_mentions = [
        name
        for m in headed
        for piece in split_at_function_words(m, names)
        if not _anonymous(piece)
        for name in trim_mention(piece, places)
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

    # «تبوك» typed MISC (in a list «من (تبوك)», «حادثة تبوك») is the place the digest
    # names «منطقة تبوك»
    named_places = _headed_places(all_mentions)
    for i, m in enumerate(all_mentions):
        if m.type == "MISC" and match_form(strip_glued(clean_phrase(m.text))) in named_places:
            all_mentions[i] = replace(m, type="LOC")
    # An outlet cited as a source («الرياض» the newspaper) is the outlet, not the city.
    outlets = outlet_sources(all_mentions, texts, {a.id: a.outlet for a in articles})
    for i in outlets:
        all_mentions[i] = replace(all_mentions[i], type="ORG")
    # a source cited in quote marks is no alias of the name before it
    # (المؤسسة العامة للتدريب التقني والمهني لـ«عكاظ»)
    alias_pairs = [(a, b) for a, b in alias_pairs if a not in outlets and b not in outlets]

    # 1. distinct surface forms, numbered in sorted order so that no later step
    # depends on the order the articles came in.
    surfaces = [outlets.get(i) or strip_glued(clean_phrase(m.text)) for i, m in enumerate(all_mentions)]
    form_keys = sorted({(surface, m.type) for surface, m in zip(surfaces, all_mentions) if name_key(surface)})
    form_of = {fk: f for f, fk in enumerate(form_keys)}
    forms = [_Form(surface, type_, name_key(surface), []) for surface, type_ in form_keys]
    mention_form: list[int] = []
    for i, (surface, m) in enumerate(zip(surfaces, all_mentions)):
        f = form_of.get((surface, m.type), -1)
        if f >= 0:
            forms[f].mentions.append(i)
        mention_form.append(f)

    uf = _Union(len(forms))
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for f, form in enumerate(forms):
        by_key[form.key].append(f)
    # Equal keys: one name, whatever type the tagger gave each mention — unless the
    # spellings themselves say two names (see _spelling_groups).
    undecided: list[int] = []
    for key_group in by_key.values():
        for group in _by_owner(key_group, forms):
            buckets, unsure = _spelling_groups(group, forms)
            undecided.extend(unsure)
            for bucket in buckets:
                for f in bucket[1:]:
                    uf.union(bucket[0], f, "spelling")
    ambiguous = _homograph_keys()
    # Glued proclitics: "ولافروف" → "لافروف" when that is a known key.
    # The bare name must be at least as frequent as the glued one: باريس is not ب + اريس.
    key_count: Counter[tuple[str, ...]] = Counter()
    for form in forms:
        key_count[form.key] += len(form.mentions)
    display: dict[int, str] = {}
    for f, form in enumerate(forms):
        first, *rest = form.surface.split(" ")
        if form.key in ambiguous:
            continue
        for prefix, stripped in proclitic_splits(first)[1:]:
            if len(prefix) > 2 or prefix.endswith("ال"):
                continue  # the article belongs to the name
            key = name_key(" ".join([stripped, *rest]))
            # the bare name as frequent (باريس is no ب + اريس), or a place the digest
            # types LOC alone that the corpus counts read the word as (بمكة → مكة, when
            # مكة alone is written less than بمكة; not بريدة → ريدة)
            known = key_count[key] >= key_count[form.key] or not rest and match_form(stripped) in places \
                and strip_frequent_proclitic(match_form(first)) == match_form(stripped)
            if key in by_key and key != form.key and known and key not in ambiguous:
                display[f] = " ".join([first[len(prefix):], *rest]) if first.startswith(prefix) else form.surface
                # the bare name as spelled (لفيفاء → فيفاء, not فيفا), else one of its type
                spelled = match_form(" ".join([stripped, *rest]))
                target = next((g for g in by_key[key] if match_form(forms[g].surface) == spelled), None)
                if target is None:
                    target = next((g for g in by_key[key] if forms[g].type == form.type), by_key[key][0])
                uf.union(target, f, "proclitic")
                break
    # 2. one vowel apart (symmetric deletions of ا و ي ه only), same type and word
    # count: كوناشينكوف/كوناشنكوف, not الثامن/الثاني.
    # One letter added or dropped, never one changed: نايف/نواف are two names.
    whole: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for f, form in enumerate(forms):
        joined = "".join(form.key)
        if len(joined) >= _MIN_FUZZY - 1:
            whole[(form.type, len(form.key), joined)].append(f)
    for f, form in enumerate(forms):
        joined = "".join(form.key)
        if len(joined) < _MIN_FUZZY:
            continue
        for d in sorted(_vowel_deletes(joined) - {joined}):
            for g in whole.get((form.type, len(form.key), d), ()):
                if (forms[g].key[0][:1] == form.key[0][:1] and _long_difference(forms[g].key, form.key)
                        and _owner_words(forms[g].surface) == _owner_words(form.surface)):
                    uf.union(g, f, "spelling")
    # 3. stated aliases (see _alias_merges).
    overrides = _alias_merges(uf, forms, all_mentions, mention_form, alias_pairs)
    # 4. short forms.
    # A name found by its shape (وزارة الداخلية) says what kind of body, not whose:
    # it names something inside its article only — unless it says whose (الجيش
    # الروسي، وزارة الدفاع الأميركية), when it is one body wherever it is written.
    local: dict[int, str] = {
        i: m.article_id
        for i, m in enumerate(all_mentions)
        if (m.article_id, m.start) in described and not says_whose(m.text)
    }
    # A homograph place the text does not decide (عمان: Oman or Amman) names one place
    # inside its article, never one entity for both.
    local.update((i, all_mentions[i].article_id) for f in undecided for i in forms[f].mentions)
    # «السوبر» after كأس/مباراة names some super cup: which one, its article says.
    # برشلونة the city and the club: typed both ways, each article says which.
    events = elliptical_names(headed, texts) | club_places(valid)
    local.update((i, m.article_id) for i, m in enumerate(all_mentions) if match_form(m.text.strip()) in events)
    overrides.update(_short_forms(uf, forms, all_mentions, local, things, given))
    # the outlet's entity is named in full; what the article wrote («عكاظ») is a variant
    written = {i: strip_glued(clean_phrase(all_mentions[i].text)) for i in outlets}
    return _build(articles, all_mentions, forms, mention_form, uf, display, overrides, local, written)


#: A spelling typed one way in at least this share of at least this many mentions is
#: a name of that type (see :func:`_spelling_groups`).
_TYPED_SHARE = 0.8
_MIN_TYPED = 3


@lru_cache(maxsize=1)
def _homograph_keys() -> frozenset[tuple[str, ...]]:
    """Spelling keys of the places CLDR writes alike but for their diacritics."""
    return frozenset(name_key(n) for n in homographs())


def _owner_words(surface: str) -> frozenset[str]:
    """The countries' adjectives a name is written with (الجيش اللبناني → {اللبناني}):
    a spelling key may write two of them alike (اللبناني/الياباني), never one owner."""
    return frozenset(w.translate(_VOWEL_LETTERS) for w in match_form(surface).split() if w in demonyms())


#: Long vowels and ه dropped from an adjective, so its spellings agree (الأميركية /
#: الأمريكية) while two countries' adjectives do not (اللبناني / الياباني).
_VOWEL_LETTERS = str.maketrans("", "", "اويهىةءأإآ")


def _by_owner(group: list[int], forms: list[_Form]) -> list[list[int]]:
    """The forms of one spelling key split by the countries' adjectives they carry."""
    parts: dict[frozenset[str], list[int]] = defaultdict(list)
    for f in group:
        parts[_owner_words(forms[f].surface)].append(f)
    return list(parts.values())


def _spelling_groups(group: list[int], forms: list[_Form]) -> tuple[list[list[int]], list[int]]:
    """The forms of one spelling key split into the names they write, and the forms
    no spelling decides.

    Equal keys are one name whatever type the tagger gave each mention (لافروف typed
    LOC once) — except where the spellings themselves differ in type: two spellings
    each typed consistently, one one way and one the other (فيفا ORG, the football
    body; فيفاء LOC, a governorate), are two names, and an inconsistently typed form
    joins the one of its own type (else the most frequent). A place that CLDR writes
    two ways with diacritics (عُمان Oman, عمّان Amman) is split by the diacritics
    written; its undiacritized form is undecided (returned second)."""
    decided: dict[str, list[int]] = defaultdict(list)
    undecided: list[int] = []
    rest: list[int] = []
    for f in group:
        surface = forms[f].surface
        if match_form(surface) in homographs():
            spelling = homograph_spelling(surface)
            if spelling is None:
                undecided.append(f)
            else:
                decided["=" + spelling].append(f)
        else:
            rest.append(f)
    by_spelling: dict[str, Counter[str]] = defaultdict(Counter)
    for f in rest:
        by_spelling[match_form(forms[f].surface)][forms[f].type] += len(forms[f].mentions)
    typed: dict[str, str] = {}
    for spelled, counts in by_spelling.items():
        type_, n = min(counts.items(), key=lambda tn: (-tn[1], _TYPE_ORDER.get(tn[0], 9)))
        if counts.total() >= _MIN_TYPED and n >= _TYPED_SHARE * counts.total():
            typed[spelled] = type_
    weight: Counter[str] = Counter()
    for spelled, type_ in typed.items():
        weight[type_] += by_spelling[spelled].total()
    if len(weight) < 2:
        decided[""].extend(rest)
    else:
        main = min(weight, key=lambda t: (-weight[t], _TYPE_ORDER.get(t, 9)))
        for f in rest:
            form = forms[f]
            own = typed.get(match_form(form.surface))
            decided[own or (form.type if form.type in weight else main)].append(f)
    return [decided[k] for k in sorted(decided) if decided[k]], undecided


def _alias_merges(
    uf: _Union, forms: list[_Form], mentions: list[Mention], mention_form: list[int], pairs: list[tuple[int, int]]
) -> dict[int, tuple[int, str]]:
    """Bind the two names each stated alias joins, when their types agree.

    The two names become one entity across the digest when the alias is stated in two
    articles, or when neither name is well attested on its own (in many articles).
    Otherwise the statement binds only the two mentions it joins: the less attested
    one is read as the other name there, and nowhere else — so one odd sentence
    (``تنظيم إرهابي في سوريا يطلق عليه «جند الأقصى»``, ``البنك المركزي (مجلس الاحتياطي
    الاتحادي)``) cannot turn a well-attested name into a variant of another.
    A description that begins the names of several bodies (البنك المركزي of البنك
    المركزي الأوروبي, … المصري) names one of them only where an article says which:
    its aliases bind the mentions that state them, never the whole digest.
    Returns those per-mention bindings (mention → (form, "stated_alias")).
    """
    attested: dict[int, set[str]] = defaultdict(set)
    for f, form in enumerate(forms):
        attested[uf.find(f)].update(mentions[i].article_id for i in form.mentions)
    kinds = _generic_bodies(forms)
    generic = _descriptions(uf, forms) | kinds
    stated: dict[tuple[int, int], set[str]] = defaultdict(set)
    sides: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for a, b in pairs:
        fa, fb = mention_form[a], mention_form[b]
        if fa < 0 or fb < 0 or mentions[a].type != mentions[b].type or uf.find(fa) == uf.find(fb):
            continue
        pair = (min(fa, fb), max(fa, fb))
        stated[pair].add(mentions[a].article_id)
        sides[pair].append((a, b))
    # the articles that name each side's group, read before this loop's unions move the
    # roots (a moved root read no articles: any name looked unattested)
    articles_of = {f: attested[uf.find(f)] for pair in stated for f in pair}
    bound: dict[int, tuple[int, str]] = {}
    for (fa, fb), where in sorted(stated.items()):
        well_a, well_b = (len(articles_of[f] - where) >= _WELL_ATTESTED for f in (fa, fb))
        if (len(where) >= _ALIAS_ARTICLES_FOR_ATTESTED or not (well_a or well_b)) \
                and forms[fa].key not in generic and forms[fb].key not in generic:
            uf.union(fa, fb, "stated_alias", sorted(where))
            continue
        for a, b in sides[(fa, fb)]:
            # a body named by its kind is read as the name, never the name as that kind
            rare, other = min(((a, b), (b, a)), key=lambda ab: (
                forms[mention_form[ab[0]]].key not in kinds, len(articles_of[mention_form[ab[0]]])))
            bound[rare] = (mention_form[other], "stated_alias")
    return bound


def _descriptions(uf: _Union, forms: list[_Form]) -> frozenset[tuple[str, ...]]:
    """Keys of multi-word non-person names that begin the longer names of at least two
    different groups of their type (البنك المركزي → البنك المركزي الأوروبي, البنك
    المركزي المصري): descriptions several bodies share, not one body's name."""
    longer: dict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    for f, form in enumerate(forms):
        if form.type != "PER":
            for n in range(2, len(form.key)):
                longer[(form.type, form.key[:n])].add(uf.find(f))
    return frozenset(
        form.key for form in forms
        if form.type != "PER" and len(form.key) >= 2 and len(longer.get((form.type, form.key), ())) >= 2
    )


#: Adjectives that say what kind of body, never whose (الهيئة العامة، المجلس الأعلى).
_KIND_ADJECTIVES = frozenset(normalize(w) for w in ("العام", "العامة", "العليا", "الأعلى", "المركزي", "المركزية"))


def _generic_bodies(forms: list[_Form]) -> frozenset[tuple[str, ...]]:
    """Keys of bodies named by their kind alone: an organization head and one or two
    adjectives that name no owner (الاتحاد الدولي، البنك المركزي، المنظمة الدولية,
    not الاتحاد الأوروبي or الجيش السوري). Such a name is every international
    federation's in turn: an alias an article states for it («الاتحاد الدولي
    (فيفا)») binds the mentions of that article only, never the name everywhere — it
    made the generic «الاتحاد الدولي» a variant of FIFA in the top 100 of 2015-07-26/27."""
    owners = demonyms() | country_names() | place_names()
    out: set[tuple[str, ...]] = set()
    for form in forms:
        words = [match_form(w) for w in form.surface.split()]
        if form.type == "PER" or not 2 <= len(words) <= 3 or strip_clitics(words[0])[1] not in ORG_HEADS:
            continue
        if all(w.startswith("ال") and w not in owners and (w.endswith(("ي", "يه")) or w in _KIND_ADJECTIVES) for w in words[1:]):
            out.add(form.key)
    return frozenset(out)


def _short_forms(
    uf: _Union, forms: list[_Form], mentions: list[Mention], local: dict[int, str], things: frozenset[str] = frozenset(),
    given: frozenset[str] = frozenset(),
) -> dict[int, tuple[int, str]]:
    """Short forms joined to full names; returns the per-mention joins (mention index →
    (the form of the full name it denotes, why)) and merges the corpus-wide ones in
    ``uf``. A shared one-word name that its article does not resolve is recorded in
    ``local`` (mention → its article): it names someone in that article only, so it
    becomes an entity of that article, never one entity for every bearer of the name.

    * A one-word name joins a person's full name for the whole digest only when it is
      that person's surname and no other person's name in the digest contains it
      (لافروف → سيرغي لافروف); a shared given name, family name or nasab
      (عبدالعزيز، محمد، الأسد) joins the full name only inside an article that names
      exactly one such person — its given name first (سلمان → سلمان بن عبدالعزيز),
      else its surname.
    * A name without its generic head joins the headed name of the same type when
      exactly one exists (الدولة الإسلامية → تنظيم الدولة الإسلامية, حماس → حركة حماس);
      a head before a title names something after a person (جامعة الملك فيصل is not
      الملك فيصل) and is not dropped.
    """
    clusters = _clusters(uf, len(forms))
    longest = {root: max(len(forms[f].key) for f in members) for root, members in clusters.items()}
    last_of: dict[str, set[int]] = defaultdict(set)
    part_of: dict[str, set[int]] = defaultdict(set)
    headless: dict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    movements: set[int] = set()  # groups of a headed name whose head is a movement's
    long_in_article: dict[str, set[int]] = defaultdict(set)
    for root, members in clusters.items():
        for f in members:
            form = forms[f]
            key = form.key
            if form.type == "PER" and len(key) > 1:
                if not _family_name(key):
                    last_of[key[-1]].add(root)
                for part in key:
                    part_of[part].add(root)
                for i in form.mentions:
                    long_in_article[mentions[i].article_id].add(f)
            words = form.surface.split(" ")
            if form.type != "PER" and len(key) > 1 and len(words) == len(key) \
                    and strip_proclitic(match_form(words[0]))[0] in GENERIC_HEADS \
                    and strip_proclitic(match_form(words[1]))[0] not in TITLES \
                    and not _place_in_country(words[0], key[1:]):
                headless[(form.type, key[1:])].add(root)
                if strip_proclitic(normalize(words[0]).lower())[0] in _MOVEMENT_HEADS:
                    movements.add(root)
    overrides: dict[int, tuple[int, str]] = {}
    _longer_names(uf, forms, mentions, clusters, longest, long_in_article, overrides)
    for root, members in sorted(clusters.items()):
        main = _main_type(members, forms)
        if _merge_whole(uf, root, members, forms, longest, headless, last_of, part_of, things, main, movements, given):
            continue
        for f in members:
            form = forms[f]
            key = form.key
            if len(key) != 1 or longest[root] != 1 or len(key[0]) < 3 or normalize(key[0]) in _NAME_JOINERS:
                continue
            if form.type == "PER" and main != "PER":
                continue  # القرآن typed PER once is no one's name
            shared = bool(last_of.get(key[0]) or part_of.get(key[0])) or match_form(form.surface) in given
            if match_form(form.surface) in things:
                continue  # a place or a club is no one's surname, even after a name
            for i in form.mentions:
                full = _full_name_in_article(key[0], form.type, long_in_article[mentions[i].article_id], forms, uf)
                if full is not None and uf.find(full) != uf.find(f):
                    overrides[i] = (full, "short_form_in_article")
                elif form.type == "PER" and shared:
                    local[i] = mentions[i].article_id
    return overrides


def _main_type(members: list[int], forms: list[_Form]) -> str:
    """The type most of a group's mentions have."""
    counts: Counter[str] = Counter()
    for f in members:
        counts[forms[f].type] += len(forms[f].mentions)
    return min(counts, key=lambda t: (-counts[t], _TYPE_ORDER.get(t, 9)))


def _merge_whole(
    uf: _Union,
    root: int,
    members: list[int],
    forms: list[_Form],
    longest: dict[int, int],
    headless: dict[tuple[str, tuple[str, ...]], set[int]],
    last_of: dict[str, set[int]],
    part_of: dict[str, set[int]],
    things: frozenset[str],
    main: str,
    movements: set[int] = frozenset(),  # type: ignore[assignment]
    given: frozenset[str] = frozenset(),
) -> bool:
    """Merge a whole group into a fuller name when the digest allows one reading only:
    the name without its generic head (or with any head of a movement: تنظيم داعش and
    منظمة داعش are both داعش), or a surname no other person's name contains and no
    known given name (a bare «صالح» is anyone called صالح). ``main`` is the group's
    :func:`_main_type`. Returns whether it merged."""
    for f in members:
        form = forms[f]
        key = form.key
        if form.type != "PER" and main == form.type and key not in _homograph_keys():
            # "محافظة فيفاء" (a governorate) is not the group of فيفا the football body,
            # though the tagger once typed فيفاء LOC: the group's own type must agree.
            found = {uf.find(r) for r in headless.get((form.type, key), set())} - {uf.find(root)}
            if len(found) == 1 or found and form.type == "ORG" and found <= {uf.find(r) for r in movements}:
                for other in sorted(found):
                    uf.union(root, other, "generic_head")
                return True
        if form.type != "PER" or len(key) != 1 or longest[root] != 1 or len(key[0]) < 3 \
                or normalize(key[0]) in _NAME_JOINERS or match_form(form.surface) in things \
                or main != "PER":
            continue
        owners = {uf.find(r) for r in last_of.get(key[0], set())}
        others = {uf.find(r) for r in part_of.get(key[0], set())}
        if len(owners) == 1 and others == owners and not any(match_form(forms[g].surface) in given for g in members):
            uf.union(root, next(iter(owners)), "short_form")
            return True
    return False


def _contained(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether a person's name ``short`` is a shorter form of ``full``: the same given
    name, and either a prefix that ends on a name (``مشعل بن عبدالله`` of ``مشعل بن
    عبدالله بن عبدالعزيز``) or given name + family name with the nasab left out
    (``ماجد الحقيل`` of ``ماجد بن عبدالله بن حمد الحقيل``)."""
    if len(short) >= len(full) or short[0] != full[0]:
        return False
    if full[:len(short)] == short:
        return normalize(short[-1]) not in _NAME_JOINERS
    # Given name + family name only: "خالد بن عبدالعزيز" names a father, and in
    # "خالد الفيصل بن عبدالعزيز" عبدالعزيز is the grandfather — another man.
    return len(short) == 2 and short[-1] == full[-1] and normalize(short[-1]) not in _NAME_JOINERS


def _longer_names(
    uf: _Union,
    forms: list[_Form],
    mentions: list[Mention],
    clusters: dict[int, list[int]],
    longest: dict[int, int],
    long_in_article: dict[str, set[int]],
    overrides: dict[int, tuple[int, str]],
) -> None:
    """A person's multi-word name that is a shorter form of longer ones (see
    :func:`_contained`) joins the longer name for the whole digest when it fits exactly
    one person, else inside each article that names exactly one such person."""
    by_given: dict[str, list[int]] = defaultdict(list)
    for f, form in enumerate(forms):
        if form.type == "PER" and len(form.key) > 2 or form.type == "PER" and len(form.key) == 2 \
                and normalize(form.key[-1]) not in _NAME_JOINERS:
            by_given[form.key[0]].append(f)
    # the longest names first: «محمد بن نايف بن عبدالعزيز» joins «… آل سعود» before
    # «محمد بن نايف» looks for the one person its longer forms name
    for root, members in sorted(clusters.items(), key=lambda rm: (-longest[rm[0]], rm[0])):
        for f in members:
            form = forms[f]
            if form.type != "PER" or len(form.key) < 2 or len(form.key) < longest[root]:
                continue
            fuller = [g for g in by_given.get(form.key[0], ()) if _contained(form.key, forms[g].key)]
            owners = {uf.find(g) for g in fuller} - {uf.find(f)}
            if len(owners) > 1 and len(form.key) >= 3:
                owners = _dominant(owners, clusters, forms)
            if len(owners) == 1:
                uf.union(f, min(g for g in fuller if uf.find(g) == next(iter(owners))), "short_form")
                break
            if not owners:
                continue
            for i in form.mentions:
                here = {uf.find(g): g for g in sorted(long_in_article[mentions[i].article_id]) if g in set(fuller)}
                here.pop(uf.find(f), None)
                if len(here) == 1:
                    overrides[i] = (next(iter(here.values())), "short_form_in_article")


#: A name with its nasab (سلمان بن عبدالعزيز) joins the one longer name that holds at
#: least this share of the mentions of all the longer names it fits, and this many.
_DOMINANT_SHARE = 0.9
_DOMINANT_MIN = 20


def _dominant(owners: set[int], clusters: dict[int, list[int]], forms: list[_Form]) -> set[int]:
    """``owners`` cut to the one that nearly all their mentions name (the king's
    «سلمان بن عبدالعزيز آل سعود», 202 mentions, against «… برقية» and a run of two
    names, 6): a short form with its father's name is that person's; else unchanged."""
    size = {root: sum(len(forms[g].mentions) for g in clusters.get(root, [root])) for root in owners}
    top = max(size, key=lambda r: (size[r], -r))
    if size[top] >= _DOMINANT_MIN and size[top] >= _DOMINANT_SHARE * sum(size.values()):
        return {top}
    return owners


#: Heads of a movement's or group's name: every one of them before a name names that
#: group (تنظيم داعش، منظمة داعش، حركة حماس); not a paper's or channel's (صحيفة الوطن
#: and قناة الوطن are two outlets).
_MOVEMENT_HEADS = frozenset(normalize(w) for w in ("تنظيم", "منظمة", "حركة", "جماعة", "حزب", "جبهة", "ميليشيا", "ميليشيات", "كتائب"))

#: Heads of a place inside a country: «مدينة سورية» is a Syrian city, not سوريا.
_PLACE_IN_HEADS = frozenset(normalize(w) for w in ("مدينة", "محافظة", "بلدة", "قرية", "ولاية", "جزيرة", "العاصمة"))


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[tuple[str, ...]]:
    return frozenset(name_key(n) for n in country_words())  # «مدينة بريطانية» is no بريطانيا


def _place_in_country(head: str, rest: tuple[str, ...]) -> bool:
    """Whether ``head`` + a country's name reads as a place of that country (مدينة
    سورية، محافظة مصرية): a head of a place below a country before a CLDR country name."""
    return strip_proclitic(match_form(head))[0] in _PLACE_IN_HEADS and rest in _country_keys()


_AL = _word_key("آل")


def _family_name(key: tuple[str, ...]) -> bool:
    """Whether a person's name ends in a family name after آل (سلمان بن عبدالعزيز آل
    سعود): the family's, shared by all its members, so a bare سعود (الملك سعود, a
    university) is never that one person."""
    return len(key) > 2 and key[-2] == _AL


_SON_OF = frozenset(_word_key(w) for w in ("بن", "ابن", "بنت"))


def _nasab_end(key: tuple[str, ...]) -> bool:
    """Whether a person's name ends on a father's name (سلمان بن عبدالعزيز)."""
    return len(key) > 2 and key[-2] in _SON_OF


def _full_name_in_article(part: str, type_: str, long_forms: set[int], forms: list[_Form], uf: _Union) -> int | None:
    """The one full name in an article that a bare ``part`` denotes: the person whose
    given name it is, else (for a one-word PER, or any type for a surname the tagger
    typed LOC/ORG) the one whose surname it is; None when none or several."""
    # a father's name after بن is no surname: «عبدالعزيز» alone is not «سلمان بن عبدالعزيز»
    levels = [lambda key: key[0] == part, lambda key: key[-1] == part and not _family_name(key) and not _nasab_end(key)]
    if type_ != "PER":
        levels = levels[1:]
    for matches in levels:
        found: dict[int, int] = {}
        for f in sorted(long_forms):
            if matches(forms[f].key):
                found.setdefault(uf.find(f), f)
        if len(found) == 1:
            return next(iter(found.values()))
        if found:
            return None
    return None


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
    overrides: dict[int, tuple[int, str]],
    local: dict[int, str],
    written: Mapping[int, str],
) -> tuple[list[Entity], list[Mention]]:
    """The entities of the groups, and the mentions with their entity ids; ``written``
    (mention → text) adds what a mention named in another form wrote to its entity's
    variants."""
    wanted: list[list[int]] = []  # per entity, the mentions whose role is read
    # mention → its entity (the root of its group, and the article for a name that
    # only its article resolves); its own form says how it is written.
    Group = tuple[int, str]
    group_of: list[Group | None] = [
        (uf.find(overrides[i][0] if i in overrides else f), local.get(i, "")) if f >= 0 else None
        for i, f in enumerate(mention_form)
    ]
    members: dict[Group, list[int]] = defaultdict(list)
    for i, group in enumerate(group_of):
        if group is not None:
            members[group].append(i)
    evidence: dict[Group, dict[tuple[str, str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    for a, b, why, where in uf.edges:
        sa, sb = display.get(a, forms[a].surface), display.get(b, forms[b].surface)
        if sa != sb:
            evidence[(uf.find(a), "")][(sb, sa, why)].update(where)
    for i, (full, why) in sorted(overrides.items()):
        f = mention_form[i]
        sa, sb = display.get(f, forms[f].surface), display.get(full, forms[full].surface)
        evidence[(uf.find(full), "")][(sa, sb, why)].add(all_mentions[i].article_id)
    entities: list[Entity] = []
    id_of_group: dict[Group, str] = {}
    for group, indexes in sorted(members.items()):
        root, scope = group
        counts: Counter[str] = Counter()
        naming: Counter[str] = Counter()  # a form an alias binds here only never names the entity
        types_of: dict[str, Counter[str]] = defaultdict(Counter)
        article_ids: set[str] = set()
        keys = {forms[mention_form[i]].key for i in indexes}
        for i in indexes:
            f = mention_form[i]
            surface = _without_glued(display.get(f, forms[f].surface), keys)
            counts[surface] += 1
            if i not in overrides or overrides[i][1] != "stated_alias":
                naming[surface] += 1
            types_of[surface][forms[f].type] += 1
            article_ids.add(all_mentions[i].article_id)
        name = _canonical_name(naming or counts)
        full = len(name_key(name))
        # The type of the full name wins: the tagger may call a lone surname LOC.
        types: Counter[str] = Counter()
        for surface, by_type in types_of.items():
            if len(name_key(surface)) == full:
                types.update(by_type)
        type_ = min(types, key=lambda t: (-types[t], _TYPE_ORDER.get(t, 9)))
        eid = entity_id(name, type_, scope)
        id_of_group[group] = eid
        # mentions whose role before them is read (below, one article at a time)
        role_mentions = [i for i in indexes if len(forms[mention_form[i]].key) >= full] if type_ == "PER" else []
        # ("رئيس الوزراء الإسرائيلي بنيامين نتنياهو" tagged as نتنياهو only is skipped)
        variants = sorted(counts, key=lambda v: (-counts[v], v))
        variants += sorted({written[i] for i in indexes if i in written} - set(counts))
        merges = [
            EntityMerge(variant=v, joined_to=j, why=why, article_ids=sorted(where)[:_MAX_EVIDENCE_ARTICLES])
            for (v, j, why), where in sorted(evidence.get(group, {}).items())
            if v in counts and j in counts
        ]
        entities.append(Entity(
            id=eid,
            name=name,
            type=type_,  # type: ignore[arg-type]
            variants=variants,
            article_ids=sorted(article_ids),
            mentions=len(indexes),
            roles=[],
            merges=merges,
        ))
        wanted.append(role_mentions)
    found_roles = _roles_before(articles, all_mentions, {i for ids in wanted for i in ids})
    for entity, role_mentions in zip(entities, wanted):
        for i in role_mentions:
            role = found_roles.get(i)
            if role is not None and role not in entity.roles:
                entity.roles.append(role)
    # (the record built directly: dataclasses.replace costs ~4× as much, 58k times at
    # 3,000 articles)
    out_mentions = [
        Mention(m.article_id, m.start, m.end, m.text, m.type, id_of_group[group_of[i]]) if group_of[i] is not None else m
        for i, m in enumerate(all_mentions)
    ]
    out_mentions.sort(key=lambda m: (m.article_id, m.start, m.end))
    entities.sort(key=lambda e: (-e.mentions, e.name, e.type))
    return entities, out_mentions


def _roles_before(articles: list[Article], mentions: list[Mention], wanted: set[int]) -> dict[int, str]:
    """Mention index → the role phrase right before it (:func:`role_before`), for the
    ``wanted`` mentions that have one. Only the few words before each mention are
    tokenized (:func:`words_to`: the same tokens as the whole article's)."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in sorted(wanted):
        by_article[mentions[i].article_id].append(i)
    out: dict[int, str] = {}
    for article in articles:
        indexes = by_article.get(article.id)
        if not indexes:
            continue
        text = article.clean_text
        for i in indexes:
            words, index = words_to(text, mentions[i].start)
            if index is None:
                continue
            found = role_before(text, words, index)
            if found:
                out[i] = found[1]
    return out


def _without_glued(surface: str, keys: set[tuple[str, ...]]) -> str:
    """A variant without a glued و/ف/ب/ل/ك when the entity also has the bare name
    (ببريدة → بريدة), glued twice too (a slip: ووإيران → إيران): clitics are never part
    of an entity's name."""
    for _ in range(2):
        first, _, rest = surface.partition(" ")
        if len(first) > 3 and first[0] in "وفبلك":
            bare = first[1:] + (" " + rest if rest else "")
            if name_key(bare) in keys:
                surface = bare
                continue
        break
    return surface


#: Articles listed per merge reason (the evidence is the first few places it is stated).
_MAX_EVIDENCE_ARTICLES = 10


def _canonical_name(counts: Counter[str]) -> str:
    """The longest variant among the frequent ones (at least a fifth of the mentions
    of the most frequent), then the most frequent, then alphabetical: the full name
    (سيرغي لافروف, not لافروف) but never a rare long alias or a tagging slip."""
    top = max(counts.values())
    frequent = [v for v, n in counts.items() if n >= _NAME_SHARE * top]
    return min(frequent, key=lambda v: (-_name_length(v), -counts[v], v))


def _name_length(name: str) -> int:
    """Words in a name, a generic head (تنظيم داعش) not counted."""
    key = name_key(name)
    first = strip_proclitic(match_form(name.split(" ", 1)[0]))[0]
    return len(key) - (1 if len(key) > 1 and first in GENERIC_HEADS else 0)
