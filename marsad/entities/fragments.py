"""Names the tagger tags only in part, completed from how the digest writes them.

The CRF often tags the last word of a two-word name and leaves the first untagged:
``المسجد [الحرام]``, ``كأس [السوبر]``, ``[ليونيل] ميسي``. Alone, ``الحرام`` and ``السوبر``
are no names (the forbidden, the super) and become junk entities at corpus scale.
The evidence is in the corpus: a one-word name that follows the same untagged word in
nearly all of its tagged occurrences, across articles, is the tail of a longer name, and
:func:`complete_fragments` grows each such mention over that word. A word that
introduces names of many kinds (a title, a particle of a name, a preposition, a
speech verb) is never taken as the first part of a name.

Pure: mentions and texts in, mentions out.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from marsad.arabic.lexicons import SPEECH_VERB_FORMS, STOPWORDS, TITLES
from marsad.arabic.normalize import match_form, normalize, remove_diacritics
from marsad.arabic.stem import strip_frequent_proclitic
from marsad.entities.corpus_gazetteer import PER_TRIGGERS
from marsad.entities.features import strip_clitics
from marsad.entities.names import is_not_name
from marsad.model import Mention

__all__ = ["complete_fragments", "complete_tails", "elliptical_names", "club_places"]

#: A name must be tagged this often, after the same word in this share of its
#: occurrences, for that word to be read as part of it.
_MIN_MENTIONS = 4
_SAME_WORD_SHARE = 0.8
#: … in at least this many articles (one article's repetitions are no usage).
_MIN_ARTICLES = 3
#: The word before a mention: letters only, one space before the mention.
_WORD_BEFORE_RE = re.compile(r"([^\s\d«»\"“”()\[\],.،؛:!?؟\-–]+) $")
#: Words that come before names of any kind, so they never start one.
_NEVER_FIRST = frozenset(
    normalize(w) for w in (
        "بن", "ابن", "بنت", "بو", "أبو", "ابو", "آل", "أم", "ولد", "في", "من", "إلى", "الى", "عن", "مع",
        "أن", "إن", "قد", "كان", "الذي", "التي", "و", "أو", "لكن", "حيث", "بين", "ضد", "عبر", "لدى", "نحو", "منذ",
        "بعد", "قبل", "خلال", "حول", "عند", "أمام", "وراء", "داخل", "خارج", "مثل", "غير", "كل", "بعض", "يوم",
        "اليوم", "أمس", "سوى", "لا", "لم", "لن", "ثم", "هذا", "هذه", "ذلك", "تلك", "عام", "عاما", "شهر",
        "مليون", "مليار", "ألف", "آلاف", "مئات", "عشرات",
    )
)


_norm = match_form  # normalize(word).lower(), cached


def _is_ala(word: str) -> bool:
    """على as written (normalized it would be the name علي)."""
    return remove_diacritics(word) in ("على", "وعلى", "فعلى")


def _glued(word: str) -> bool:
    """Whether ``word`` carries a conjunction or preposition (وصالح، بينبع، للبنك،
    والشارقة): a word after a list's و or a preposition starts a new phrase."""
    norm = _norm(word)
    prefix = strip_clitics(norm)[0]
    return prefix not in ("", "ال") or strip_frequent_proclitic(norm) != norm


def _may_start_name(word: str) -> bool:
    """Whether ``word`` (as written before a mention) may be the first part of a name:
    not a title, particle, preposition, number word or speech verb, nor glued to one."""
    norm = _norm(word)
    bare = strip_clitics(norm)[1]
    return not (
        len(bare) < 2 or norm in _NEVER_FIRST or bare in _NEVER_FIRST or norm in SPEECH_VERB_FORMS
        or norm in TITLES or "ال" + bare in TITLES or bare in PER_TRIGGERS or is_not_name(word)
        or any(ch.isascii() for ch in word) or _glued(word) and not _first_part(word) or _is_ala(word)
    )


def _first_part(word: str) -> int:
    """Characters of a proclitic to leave outside the name (بالمسجد → المسجد: 1)."""
    if len(word) > 4 and word[0] in "وفبك" and word[1:3] == "ال":
        return 1
    if len(word) > 5 and word[:2] in ("وب", "وك", "فب") and word[2:4] == "ال":
        return 2
    return 0


def complete_fragments(mentions: Sequence[Mention], texts: Mapping[str, str]) -> list[Mention]:
    """``mentions`` with each one-word name that nearly always follows the same
    untagged word grown over that word (``الحرام`` after ``المسجد`` → ``المسجد الحرام``);
    the others unchanged, in the same order."""
    ends: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        ends[m.article_id].add(m.end)
    before: list[tuple[int, str, str] | None] = []
    tagged: Counter[str] = Counter()
    followed: dict[str, Counter[str]] = defaultdict(Counter)
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        found = None
        if " " not in m.text.strip() and m.article_id in texts:
            name = _norm(m.text)
            tagged[name] += 1
            text = texts[m.article_id]
            hit = _WORD_BEFORE_RE.search(text, max(0, m.start - 40), m.start)
            if hit is not None and hit.end() == m.start and hit.end(1) not in ends[m.article_id]:
                word = hit.group(1)
                first = strip_clitics(_norm(word))[1]
                followed[name][first] += 1
                articles[(name, first)].add(m.article_id)
                found = (hit.start(1), word, name)
        before.append(found)
    heads: dict[str, str] = {}
    for name, counts in followed.items():
        word, n = counts.most_common(1)[0]
        if tagged[name] >= _MIN_MENTIONS and n >= _SAME_WORD_SHARE * tagged[name] \
                and len(articles[(name, word)]) >= _MIN_ARTICLES and not _glued(name) and not is_not_name(name):
            heads[name] = word
    out: list[Mention] = []
    for m, found in zip(mentions, before):
        if found is not None:
            start, word, name = found
            if heads.get(name) == strip_clitics(_norm(word))[1] and _may_start_name(word):
                start += _first_part(word)
                m = replace(m, start=start, text=texts[m.article_id][start:m.end])
        out.append(m)
    return out


#: Nouns of a match or a competition: a name that mostly follows one names an event
#: by a word that many events share (كأس السوبر، مباراة السوبر: which super cup?).
_EVENT_NOUNS = frozenset(
    normalize(w) for w in ("كأس", "كاس", "مباراة", "لقاء", "نهائي", "مواجهة", "بطولة", "دوري", "موقعة", "ديربي", "قمة")
)
#: … in at least this share of its tagged occurrences.
_EVENT_SHARE = 0.6


def _is_event_noun(word: str) -> bool:
    """A match or competition noun as written or under its proclitics («لمباراة»,
    «الكأس»). The word itself is tried first: «بطولة» and «لقاء» begin with letters
    that are also proclitics, and stripping them left «طوله», «قاء»."""
    return word in _EVENT_NOUNS or strip_clitics(word)[1] in _EVENT_NOUNS


def elliptical_names(mentions: Sequence[Mention], texts: Mapping[str, str]) -> frozenset[str]:
    """Normalized one-word names that follow a match or competition noun in most of
    their tagged occurrences (``كأس [السوبر]``, ``مباراة [السوبر]``, 121 mentions in
    two days with Saudi, Spanish and Italian super cups) and are mostly typed MISC (a
    team after مباراة is a team): the word names a kind of event, and which one only
    each article says."""
    tagged: Counter[str] = Counter()
    after_event: Counter[str] = Counter()
    misc: Counter[str] = Counter()
    for m in mentions:
        if " " in m.text.strip() or m.article_id not in texts:
            continue
        name = _norm(m.text)
        tagged[name] += 1
        misc[name] += m.type == "MISC"
        hit = _WORD_BEFORE_RE.search(texts[m.article_id], max(0, m.start - 40), m.start)
        if hit is not None and hit.end() == m.start and _is_event_noun(_norm(hit.group(1))):
            after_event[name] += 1
    return frozenset(
        name for name, n in after_event.items()
        if tagged[name] >= _MIN_MENTIONS and n >= _EVENT_SHARE * tagged[name] and 2 * misc[name] > tagged[name]
    )


#: A one-word name the tagger types LOC in at least this share of at least this many
#: mentions, and ORG in at least the other share, is a place and a body written alike.
_PLACE_SHARE = 0.35
_BODY_SHARE = 0.25
_MIN_MIXED = 15


def club_places(mentions: Sequence[Mention]) -> frozenset[str]:
    """Normalized one-word names typed both as a place and as a body in many of their
    mentions (برشلونة: 53 LOC, 56 ORG in two days; ميلان، ليون، الريان): a city and its
    club written alike, which the tagger tells apart no better than by chance — which
    one a mention names only its article says."""
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if " " not in m.text.strip():
            types[_norm(m.text.strip())][m.type] += 1
    out = set()
    for name, counts in types.items():
        n = sum(counts.values())
        if n >= _MIN_MIXED and counts["LOC"] >= _PLACE_SHARE * n and counts["ORG"] >= _BODY_SHARE * n:
            out.add(name)
    return frozenset(out)


#: The word after a mention: one space, then letters.
_WORD_AFTER_RE = re.compile(r" ([^\s\d«»\"“”()\[\],.،؛:!?؟\-–]+)")


def complete_tails(mentions: Sequence[Mention], texts: Mapping[str, str]) -> list[Mention]:
    """``mentions`` with each name that nearly always comes before the same untagged
    definite word grown over it (``المملكة الأردنية`` [الهاشمية]: 61 of 64 tagged
    occurrences in two days); the others unchanged, in the same order. The mirror of
    :func:`complete_fragments`, with the same evidence: ≥ 4 mentions, ≥ 80 % followed
    by that word, in ≥ 3 articles; the word takes the article and is no function,
    time or title word."""
    starts: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        starts[m.article_id].add(m.start)
    after: list[tuple[int, str] | None] = []
    tagged: Counter[str] = Counter()
    followed: dict[str, Counter[str]] = defaultdict(Counter)
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        found = None
        text = texts.get(m.article_id)
        if text is not None and m.text.count(" ") < 3 and not _glued(m.text.split(" ", 1)[0]):
            # (a glued بمكة stays as it is: it joins مكة by its proclitic)
            name = _norm(m.text)
            tagged[name] += 1
            hit = _WORD_AFTER_RE.match(text, m.end)
            if hit is not None and hit.start(1) not in starts[m.article_id] \
                    and (hit.end(1) == len(text) or not text[hit.end(1)].isalnum()):
                word = _norm(hit.group(1))
                followed[name][word] += 1
                articles[(name, word)].add(m.article_id)
                found = (hit.end(1), word)
        after.append(found)
    tails: dict[str, str] = {}
    for name, counts in followed.items():
        word, n = counts.most_common(1)[0]
        if tagged[name] >= _MIN_MENTIONS and n >= _SAME_WORD_SHARE * tagged[name] \
                and len(articles[(name, word)]) >= _MIN_ARTICLES and _may_end_name(word):
            tails[name] = word
    out: list[Mention] = []
    for m, found in zip(mentions, after):
        if found is not None and tails.get(_norm(m.text)) == found[1]:
            m = replace(m, end=found[0], text=texts[m.article_id][m.start:found[0]])
        out.append(m)
    return out


def _may_end_name(norm: str) -> bool:
    """A definite word that may close a name (الهاشمية، المكرمة): not a function, time,
    title or speech word."""
    return (
        norm.startswith("ال") and len(norm) >= 5 and norm not in _NEVER_FIRST and norm not in SPEECH_VERB_FORMS
        and norm not in TITLES and not is_not_name(norm) and norm not in STOPWORDS
    )
