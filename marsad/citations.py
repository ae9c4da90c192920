"""Does a cited article state what it is cited for?

Every summary sentence and timeline entry cites the articles that state it. A citation
is *supported* when the cited article has a sentence that states the claim:

* the same sentence after normalization (or one containing the other: a summary may
  trim an attribution tail, an article may add one), or
* a sentence the reuse stage aligned to the claim's own sentence (copied text), or
* a sentence at least :data:`SUPPORT_MIN` similar to the claim (:func:`similarity`:
  the summary stage's blend of word and character n-gram cosines, raised to the
  overlap coefficient of the content words when both have six or more and to the
  share of a quoted passage the other sentence repeats — computed on
  the pair alone with binary weights, so a check costs microseconds, not a model fit).

and, whatever the wording, the *specifics* agree (:func:`specifics_agree`) — what a reader
checks before accepting that an article states a development: when both give figures,
more than half of the numbers of the one with fewer figures are in the other, years
aside (a company's results are not
another company's, today's index is not yesterday's; a sentence that omits the figures
may still state the development), and neither sentence replaces a person or place of
the other by another one (the king's cable is not the crown prince's, Asir's governor is
not Jazan's). Names are the words
of the committed name gazetteer (:mod:`marsad.entities.gazetteer`), typed PER or LOC.
Same (or contained) text needs no such check; a sentence the reuse stage aligned to the
claim's own sentence passes at a lower similarity, specifics still checked.

The same test runs when a stage cites (:func:`supported`) and when a report is audited
(:func:`evaluate_report`, ``marsad eval citations``), so the audit checks what the code
promises. Bracketed insertions (``وأكد سموه [أمير منطقة عسير]``) are the report's, not the
source's, and are left out of the comparison.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from marsad.arabic.lexicons import HIJRI_MONTHS, STOPWORDS
from marsad.arabic.normalize import normalize
from marsad.statements import TITLE_PRONOUNS, is_fragment, is_furniture, news_vocabulary, title_pronoun_subject

__all__ = [
    "SUPPORT_MIN",
    "ALIGNED_MIN",
    "claim_key",
    "content_words",
    "same_text",
    "similarity",
    "specifics",
    "specifics_agree",
    "listed_names",
    "names_agree",
    "states",
    "figures_stated",
    "supported",
    "word_numbers",
    "evaluate_report",
]

#: blended similarity at which a sentence states a claim (the summary stage's
#: same-fact threshold)
SUPPORT_MIN = 0.5
#: blended similarity enough for a sentence the reuse stage aligned to the claim's own
ALIGNED_MIN = 0.3
#: more than this share of the figures of the sentence with fewer must be in the other
NUMBERS_MIN = 0.5

#: the report's own insertion: a name in brackets after a title pronoun («سموه [أمير
#: منطقة عسير]»); brackets a source printed itself are the source's text
_BRACKETS_RE = re.compile("(?:" + "|".join(f"(?<={p})" for p in sorted(TITLE_PRONOUNS)) + r")\s*\[[^\]]*\]")
#: Entries of each per-sentence cache (:func:`content_words`, :func:`_tokens`,
#: :func:`specifics`, :func:`_loose_text`). Sized by memory, not by a corpus: one
#: :func:`_tokens` entry (its character n-gram set) holds 10–15 KB of real news
#: (measured: 35 MB freed for 3,365 sentences of a live stream), so 65,536 entries let
#: a long-running process (``marsad serve``, ``watch``, a live stream) grow by
#: ~0.7–1 GB in these caches alone. 8,192 sentences (~100–150 MB) still hold every
#: sentence a storyline's summary, a timeline block (≤ 200 statements) or the
#: audit of one claim compares pair by pair, which is where the hits come from.
SENTENCE_CACHE = 8_192
_NON_WORD_RE = re.compile(r"[^\w]+")


def _unbracketed(text: str) -> str:
    """``text`` without the report's bracketed insertions (a sentence without "[" has
    none: the pattern, tried at every position behind twelve look-behinds, is left
    out — most of a citation check's cost on a sentence)."""
    return _BRACKETS_RE.sub("", text) if "[" in text else text


def _bracketless(text: str) -> str:
    """``text`` normalized, the report's bracketed insertions left out."""
    return normalize(_unbracketed(text))


def claim_key(text: str) -> str:
    """``text`` for exact comparison: bracketed insertions dropped, normalized, only
    words, single spaces."""
    return _NON_WORD_RE.sub(" ", _bracketless(text)).strip()


def _same_key(a: str, b: str) -> bool:
    return bool(a and b) and (a == b or (len(a.split()) >= 6 and a in b) or (len(b.split()) >= 6 and b in a))


def same_text(claim: str, sentence: str) -> bool:
    """Whether two sentences are the same after normalization, or one (of six words
    or more) contains the other: the cheap half of :func:`states`."""
    return _same_key(claim_key(claim), claim_key(sentence))


@lru_cache(maxsize=SENTENCE_CACHE)
def content_words(text: str) -> frozenset[str]:
    """The content words (normalized, stemmed; the summary stage's tokens) of a
    sentence, bracketed insertions left out."""
    from marsad.summarize import content_tokens

    return frozenset(content_tokens(_unbracketed(text)))


@lru_cache(maxsize=SENTENCE_CACHE)
def _tokens(text: str) -> tuple[frozenset[str], frozenset[str], tuple[frozenset[str], ...]]:
    """Content words (normalized, stemmed), their character 3–5-grams (padded per
    word, like scikit-learn's ``char_wb``) and the content words of each quoted passage."""
    from marsad.summarize import quoted_spans

    tokens = content_words(text)
    text = _unbracketed(text)
    grams = frozenset().union(*(_grams(token) for token in tokens))
    return tokens, grams, tuple(quoted_spans(text))


@lru_cache(maxsize=131072)
def _grams(token: str) -> frozenset[str]:
    """Character 3–5-grams of one word padded with spaces (words recur across
    sentences, so each is cut once)."""
    padded = f" {token} "
    return frozenset(padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1))


_NUMBER_RE = re.compile(r"\d+(?:[.,٫٬:]\d+)*")
_YEAR_RE = re.compile(r"(?:1[34]|19|20)\d\d")
_RA_DECIMAL_RE = re.compile(r"(?<![\d.])(\d+)ر(\d+)(?![\d.])")
#: gazetteer words that are parts of any name, not a name (ابن فلان، أبو فلان)
_NAME_PARTS = frozenset({"بن", "ابن", "بنت", "ابو", "ابي", "ال", "عبد", "الامير", "الملك", "الشيخ"})


@lru_cache(maxsize=1)
def _name_types() -> dict[str, frozenset[str]]:
    """Normalized gazetteer word → its types among PER/LOC (empty without the file)."""
    from marsad.entities.gazetteer import load_gazetteer
    from marsad.entities.ner import GAZETTEER_FILE, MODEL_DIR

    path = MODEL_DIR / GAZETTEER_FILE
    if not path.exists():
        return {}
    vocabulary = news_vocabulary()
    out: dict[str, frozenset[str]] = {}
    for word, labels in load_gazetteer(path).items():
        types = frozenset(label[1:] for label in labels if label in ("mPER", "mLOC"))
        if len(types) == 2:
            types = frozenset({"LOC"})  # عسير، نجران: a place that is also a surname
        # a feminine nisba (التركيه، الكرديه) is an adjective in running text; a
        # proclitic before a common word (بمكتب، لخادم) is no name
        if not types or len(word) < 3 or word in _NAME_PARTS or word.endswith("يه"):
            continue
        if word[0] in "وفبل" and len(word) >= 4 and word[1:] in vocabulary:
            continue
        out[word] = types
    return out


def _name_of(word: str, gazetteer: Mapping[str, frozenset[str]]) -> str | None:
    """The gazetteer form of a word, one proclitic (و ف ب ل) allowed: «وسلمان» → سلمان
    (not ال: «الماضي» is no surname ماضي; not from a word news prints as such: «لسان»
    is no ل + سان)."""
    stripped = word[1:] if word[:1] in "وفبل" and word not in news_vocabulary() else ""
    for candidate in (word, stripped):
        if len(candidate) >= 3 and candidate in gazetteer:
            return candidate
    return None


#: cardinal number words (normalized) from three up: one and two are left out — «احد»
#: and «اثنين» are also Sunday and Monday, and duals say «two» without a number word
_UNITS = {
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}
_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50, "خمسين": 50,
    "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
_HUNDREDS = {"مئه": 100, "مائه": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200}
_TEEN_TENS = frozenset({"عشر", "عشره"})


def _cardinal(word: str) -> int | None:
    """The value of one cardinal number word, a proclitic (و ب ل ف) allowed."""
    for candidate in (word, word[1:] if word[:1] in "وبلف" else ""):
        for table in (_UNITS, _TENS, _HUNDREDS):
            if candidate in table:
                return table[candidate]
    return None


def word_numbers(words: Sequence[str]) -> list[str]:
    """Numbers written in words among normalized ``words``, as digits: «ثمانيه» → 8,
    «خمسه عشر» → 15, «ثلاث وعشرين» → 23, «ثلاثمائه» is left to the reader. Ordinals
    («الخامسه عشره», «الثالث») start with ال and are not read; nor are «احد»/«اثنين»."""
    out: list[str] = []
    n = 0
    while n < len(words):
        value = _cardinal(words[n])
        if value is None or (words[n] in _TEEN_TENS and n and words[n - 1].startswith("ال")):
            n += 1  # not a number, or the tens of an ordinal («الخامسه عشره»، «الحادي عشر»)
            continue
        step = 1
        following = words[n + 1] if n + 1 < len(words) else ""
        if value < 10 and following in _TEEN_TENS:
            value, step = value + 10, 2  # خمسه عشر
        elif value < 10 and following[:1] == "و" and following[1:] in _TENS:
            value, step = value + _TENS[following[1:]], 2  # ثلاث وعشرين
        out.append(str(value))
        n += step
    return out


@lru_cache(maxsize=SENTENCE_CACHE)
def specifics(text: str) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """(numbers, (type, name) pairs) of a sentence: the specifics a reader checks.
    Numbers are normalized (Eastern Arabic digits, «٫» decimal mark; years left out);
    :func:`_same_number` compares them however they are written."""
    norm = _bracketless(text).lower()
    norm = _RA_DECIMAL_RE.sub(lambda m: f"{m.group(2)}.{m.group(1)}", norm)  # «20ر6401» is 6401.20 (SPA)
    numbers = set(token for token in _NUMBER_RE.findall(norm) if not _YEAR_RE.fullmatch(token))
    words = _NON_WORD_RE.sub(" ", norm).split()
    numbers.update(word_numbers(words))  # «ثمانيه مسلحين» is «8 مسلحين»
    gazetteer = _name_types()
    names: set[tuple[str, str]] = set()
    people: list[list[str]] = []  # runs of person-name words: one person each
    last = -3
    for n, word in enumerate(words):
        name = _name_of(word, gazetteer)
        if name is not None and "PER" in gazetteer[name]:
            if n - last <= 2 and all(w in _NAME_PARTS for w in words[last + 1 : n]):
                people[-1].append(name)  # «سلمان بن عبدالعزيز ال سعود»: one person
            else:
                people.append([name] if n and words[n - 1] in _TITLES else ["", name])
            last = n
        if name is not None and "LOC" in gazetteer[name]:
            names.add(("LOC", name))
        elif name is None and n and _PLACE_NOUN_RE.fullmatch(words[n - 1]) and _place_name(word):
            names.add(("LOC", word))  # «بلده علما», «مدينه نالتشيك»: a place the gazetteer lacks
    for person in people:
        # a person is two name words or more, or one after a title («الامير فيصل»); one
        # gazetteer word alone («عهده», «وزير», «تهنيته») is too often a common word
        words_of = [w for w in person if w]
        if len(words_of) >= 2 or person[0]:
            names.add(("PER", " ".join(words_of)))
    return frozenset(numbers), frozenset(names)


#: titles a lone first name may follow and still name a person
_TITLES = frozenset(
    {"الامير", "الملك", "الشيخ", "الدكتور", "د", "المهندس", "الرئيس", "الوزير", "الاستاذ", "اللواء",
     "العميد", "الفريق", "الاميره", "الشيخه", "السيد", "الملكه"}
)


#: nouns that a place's name follows («في مدينه …», «ببلده …»), one proclitic allowed
_PLACE_NOUN_RE = re.compile(r"[وبلف]?(?:ال)?(?:مدينه|بلده|قريه|محافظه|منطقه|مخيم|ولايه|اقليم|مطار|ميناء|جزيره|حي)")


def _place_name(word: str) -> bool:
    """Whether the word after a place noun can be a name: three letters or more, not a
    function word, not an adjective («منطقه جبليه», «المدينه الصناعيه»: a nisba in
    يه/ي), not a number."""
    return (
        len(word) >= 3
        and word not in STOPWORDS
        and word not in _NAME_PARTS
        and not word.endswith(("يه", "ي"))
        and not word[0].isdigit()
    )


def _number_key(token: str) -> str:
    """A number's digits without separators, leading or trailing zeros («320.800.000»,
    «320,8» and «3208» all read 3208: outlets write thousands and decimals differently)."""
    return re.sub(r"\D", "", token).strip("0") or "0"


def _rounds_to(token: str, other: str) -> bool:
    """Whether ``token`` read with a decimal point, rounded to ``other``'s decimals, is
    ``other`` (8834.82 → 8835, 1.56 → 1.6: one outlet rounds what another prints)."""
    try:
        value, target = float(token.replace(",", "")), float(other.replace(",", ""))
    except ValueError:
        return False
    decimals = len(other.partition(".")[2]) if "." in other else 0
    return decimals < (len(token.partition(".")[2]) if "." in token else 0) and round(value, decimals) == target


def _same_number(a: str, b: str) -> bool:
    """The same figure however written: equal digits, one a prefix of the other (two
    digits or more: 3.6 ~ 3.62, 320.8 ~ 320.800.000), or one rounds the other."""
    ka, kb = _number_key(a), _number_key(b)
    if ka == kb or (min(len(ka), len(kb)) >= 2 and (ka.startswith(kb) or kb.startswith(ka))):
        return True
    return _rounds_to(a, b) or _rounds_to(b, a)


def specifics_agree(claim: str, sentence: str) -> bool:
    """Whether ``sentence`` agrees with ``claim`` on the specifics (see the module
    docstring): half of the claim's numbers repeated, and for people and for places,
    not one named only in the claim while another is named only in the sentence."""
    (_, names_a), (_, names_b) = specifics(claim), specifics(sentence)
    # the day of a date is no figure to compare: «27 شوال» is «12 أغسطس»
    numbers_a, numbers_b = _dateless(claim), _dateless(sentence)
    if numbers_a and numbers_b:
        shared = sum(1 for a in numbers_a if any(_same_number(a, b) for b in numbers_b))
        if shared <= NUMBERS_MIN * min(len(numbers_a), len(numbers_b)):
            return False  # other figures: another day's prices, another company's results
    loose_a, loose_b = _loose_text(claim), _loose_text(sentence)
    # places: named only here, not in the other sentence even written with or without
    # spaces (عبد ربه/عبدربه) or in another transliteration (سالزبورغ/سالزبورج)
    mine = {n for k, n in names_a if k == "LOC" and _loose(n) not in loose_b}
    theirs = {n for k, n in names_b if k == "LOC" and _loose(n) not in loose_a}
    if mine and theirs:
        return False
    # people: a person (a run of name words) named only here is one whose words are not
    # all in the other sentence and who is not a longer or shorter form of a person
    # there («عبدالرحمن الفضلي» is «عبدالرحمن بن عبدالمحسن الفضلي»; «محمد بن نايف» is not
    # «محمد بن سلمان»)
    people_a = [frozenset(n.split()) for k, n in names_a if k == "PER"]
    people_b = [frozenset(n.split()) for k, n in names_b if k == "PER"]

    def only_here(person: frozenset[str], others: list[frozenset[str]], other_text: str) -> bool:
        if any(person <= other or other <= person for other in others):
            return False
        return not all(_loose(w) in other_text for w in person)

    mine_people = [p for p in people_a if only_here(p, people_b, loose_b)]
    theirs_people = [p for p in people_b if only_here(p, people_a, loose_a)]
    return not (mine_people and theirs_people)


@lru_cache(maxsize=1)
def _listed_index() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The mined name list (:func:`marsad.entities.name_list.load_names`: 4,000 names
    of SaudiNewsNet, «الدوحة», «جون كيري», which the NER gazetteer lacks) as normalized
    first word → [(words of the name, type)], the longest first; PER and LOC only."""
    from marsad.entities.name_list import load_names

    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, type_ in load_names().items():
        if type_ not in ("PER", "LOC"):
            continue
        key = tuple(_NON_WORD_RE.sub(" ", normalize(name)).split())
        if key and len(key[0]) >= 3:
            index.setdefault(key[0], []).append((key, type_))
    for found in index.values():
        found.sort(key=lambda item: -len(item[0]))
    return index


@lru_cache(maxsize=SENTENCE_CACHE)
def listed_names(text: str) -> frozenset[tuple[str, str]]:
    """(type, name) of the people and places of the mined name list written whole in
    ``text`` (normalized; one proclitic و ف ب ل allowed on the first word), the longest
    name at each place."""
    index = _listed_index()
    if not index:
        return frozenset()
    words = _NON_WORD_RE.sub(" ", _bracketless(text).lower()).split()
    found: set[tuple[str, str]] = set()
    n = 0
    while n < len(words):
        word, step = words[n], 1
        glued = word not in index
        first = word if not glued else (word[1:] if word[:1] in "وفبل" and word[1:] in index else None)
        for key, type_ in index.get(first, ()) if first else ():
            if glued and len(key) == 1 and (len(first) < 4 or word in news_vocabulary()):
                continue  # «بفأس» is no ب + فاس: a proclitic before a short or common word
            if tuple(words[n + 1 : n + len(key)]) == key[1:]:
                found.add((type_, " ".join(key)))
                step = len(key)
                break
        n += step
    return frozenset(found)


def names_agree(a: str, b: str) -> bool:
    """Whether two sentences name the same people and places as far as both name any:
    not, for people or for places, one named only in ``a`` while another is named only in
    ``b`` (:func:`listed_names`; a name counts as named in the other sentence when its
    words are there in a loose spelling, or it is part of a longer listed name there)."""
    names_a, names_b = listed_names(a), listed_names(b)
    if not names_a or not names_b:
        return True
    loose_a, loose_b = _loose_text(a), _loose_text(b)
    for kind in ("PER", "LOC"):
        mine = {n for k, n in names_a if k == kind}
        theirs = {n for k, n in names_b if k == kind}

        def only(names: set[str], others: set[str], other_text: str) -> set[str]:
            # «مدينه جيزان» is named where «جيزان» is: place nouns and name parts aside
            return {
                n for n in names
                if not any(n in o or o in n for o in others)
                and not all(_loose(w) in other_text for w in n.split() if not _PLACE_NOUN_RE.fullmatch(w) and w not in _NAME_PARTS)
            }

        if only(mine, theirs, loose_b) and only(theirs, mine, loose_a):
            return False
    return True


#: letters a transliterated name may vary in: long vowels and hamza seats dropped,
#: g-sounds (غ ج ق ك گ) one letter
_LOOSE_DROP = str.maketrans({"ا": None, "و": None, "ي": None, "ى": None, "ء": None, "ـ": None, "غ": "ج", "ق": "ج", "ك": "ج", "گ": "ج", "ة": "ه"})


def _loose(word: str) -> str:
    return word.translate(_LOOSE_DROP)


@lru_cache(maxsize=SENTENCE_CACHE)
def _loose_text(text: str) -> str:
    """A sentence's words in their loose spelling, joined without spaces (a name is
    looked up as a substring)."""
    norm = _bracketless(text).lower()
    return "".join(_loose(w) for w in _NON_WORD_RE.sub(" ", norm).split())


def similarity(a: str, b: str) -> float:
    """How much two sentences say the same thing, in [0, 1] (see the module docstring)."""
    words_a, grams_a, quotes_a = _tokens(a)
    words_b, grams_b, quotes_b = _tokens(b)
    if not words_a or not words_b:
        return 0.0
    shared = len(words_a & words_b)
    word = shared / math.sqrt(len(words_a) * len(words_b))
    char = len(grams_a & grams_b) / math.sqrt(len(grams_a) * len(grams_b)) if grams_a and grams_b else 0.0
    blend = 0.5 * word + 0.5 * char
    smaller = min(len(words_a), len(words_b))
    overlap = 0.8 * shared / smaller if smaller >= 6 else 0.0
    # the same quote, quoted or reported: share of a quoted passage found in the other
    quoted = max(
        (len(q & other) / len(q) for quotes, other in ((quotes_a, words_b), (quotes_b, words_a)) for q in quotes if len(q & other) >= 4),
        default=0.0,
    )
    return max(blend, overlap, quoted)


def states(claim: str, sentence: str, min_similarity: float = SUPPORT_MIN) -> bool:
    """Whether ``sentence`` states ``claim`` (see the module docstring)."""
    a, b = claim_key(claim), claim_key(sentence)
    if not a or not b:
        return False
    if _same_key(a, b):
        return True
    return similarity(claim, sentence) >= min_similarity and specifics_agree(claim, sentence)


@lru_cache(maxsize=1)
def _day_of_month_re() -> re.Pattern[str]:
    """A day number before a month name («11 سبتمبر», «17 من شهر شوال») in normalized text."""
    from marsad.timeline import _MONTH

    hijri = "|".join(sorted({r"\s+".join(map(re.escape, normalize(n).split())) for n in HIJRI_MONTHS}, key=len, reverse=True))
    return re.compile(rf"(?<![\d.,])(\d{{1,2}})\s*(?:[-/]\s*\d{{1,2}}\s*)?(?:من\s+)?(?:شهر\s+)?(?:{_MONTH}|{hijri})")


@lru_cache(maxsize=SENTENCE_CACHE)
def _dateless(text: str) -> frozenset[str]:
    """The numbers of :func:`specifics` but the day of a date («الأربعاء 12 أغسطس»)."""
    days = set(_day_of_month_re().findall(_bracketless(text)))
    return frozenset(n for n in specifics(text)[0] if n not in days)


@lru_cache(maxsize=SENTENCE_CACHE)
def _figures(text: str) -> frozenset[str]:
    """The figures of a sentence a reader looks for in a cited article: its numbers in
    digits (:func:`specifics`) but the day of a date («الجمعة 11 سبتمبر» is «اليوم
    الجمعة» elsewhere); a count in words («خمس إدارات») may be a list there."""
    written = set(_NUMBER_RE.findall(_bracketless(text)))
    return frozenset(n for n in _dateless(text) if n in written)


def figures_stated(claim: str, sentence: str, article: Sequence[str]) -> bool:
    """Whether the article (its sentences ``article``) gives the claim's figures when the
    sentence that states the claim gives fewer of them (a reader who reads «مقتل 15
    شخصا» looks for 15 in the cited article): :data:`NUMBERS_MIN` of the
    claim's figures (numbers, the day of a date aside), at least half of them, somewhere
    in the article. Same text needs no such check."""
    wanted = _figures(claim)
    if not wanted or len(specifics(sentence)[0]) >= len(wanted) or same_text(claim, sentence):
        return True
    found: set[str] = set()
    for other in article:
        found |= specifics(other)[0]
    shared = sum(1 for a in wanted if any(_same_number(a, b) for b in found))
    return shared >= NUMBERS_MIN * len(wanted)  # half: «المرحلة الـ23» is «الثالثة والعشرين» there


def supported(claim: str, sentences: Iterable[str], aligned: bool = False, min_similarity: float = SUPPORT_MIN) -> bool:
    """Whether an article whose sentences are ``sentences`` states ``claim``: one of them
    :func:`states` it and the article gives the claim's figures (:func:`figures_stated`);
    ``aligned`` says the reuse stage aligned one of them to the claim's own sentence
    (then :data:`ALIGNED_MIN` similarity is enough; the specifics must still agree)."""
    floor = min(min_similarity, ALIGNED_MIN) if aligned else min_similarity
    article = list(sentences)
    return any(states(claim, sentence, floor) and figures_stated(claim, sentence, article) for sentence in article)


# --- auditing a report ---------------------------------------------------------------------


def _aligned_sources(report: Mapping[str, Any]) -> dict[tuple[str, int], set[str]]:
    """(article id, sentence index) → ids of the articles with a sentence the reuse
    stage aligned to it."""
    out: dict[tuple[str, int], set[str]] = {}
    for link in report.get("reuse", ()):
        for pair in link.get("pairs", ()):
            out.setdefault((link["a"], pair["a"]), set()).add(link["b"])
            out.setdefault((link["b"], pair["b"]), set()).add(link["a"])
    return out


def _claim_sentence(claim: str, sentences: Sequence[str]) -> int | None:
    key = claim_key(claim)
    for n, sentence in enumerate(sentences):
        other = claim_key(sentence)
        if other and (other == key or key in other or (len(other.split()) >= 6 and other in key)):
            return n
    return None


def evaluate_report(report: Mapping[str, Any], title_words: int = 16) -> dict[str, Any]:
    """Citation and presentation figures of a ``report.json``: supported share of the
    summary's and timeline's citations, furniture sentences in summaries, storyline
    and event titles of at most ``title_words`` words, timeline entries per kind and
    fragments among them, title-pronoun subjects left unnamed in summaries."""
    sentences = {a["id"]: [s["text"] for s in a.get("sentences", ())] for a in report.get("articles", ())}
    aligned = _aligned_sources(report)
    figures: dict[str, Any] = {}
    unsupported_examples: list[dict[str, str]] = []

    def check(claim: str, sources: Sequence[str]) -> tuple[int, int]:
        total = ok = 0
        primary = sources[0] if sources else None
        index = _claim_sentence(claim, sentences.get(primary, ())) if primary else None
        linked = aligned.get((primary, index), set()) if index is not None else set()
        for source in sources:
            total += 1
            if supported(claim, sentences.get(source, ()), aligned=source in linked):
                ok += 1
            elif len(unsupported_examples) < 20:
                unsupported_examples.append({"claim": claim, "source": source})
        return total, ok

    for part in ("summary", "timeline"):
        total = ok = 0
        for item in report.get(part, ()):
            sources = item.get("sources") or ([item["article_id"]] if item.get("article_id") else [])
            t, k = check(item["text"], sources)
            total, ok = total + t, ok + k
        figures[f"{part}_citations"] = total
        figures[f"{part}_supported"] = ok
        figures[f"{part}_supported_share"] = round(ok / total, 4) if total else None
    summary = report.get("summary", ())
    figures["summary_sentences"] = len(summary)
    figures["summary_furniture"] = sum(1 for s in summary if is_furniture(s["text"]))
    figures["summary_fragments"] = sum(1 for s in summary if is_fragment(s["text"]))
    figures["summary_unnamed_title_pronoun"] = sum(
        1 for s in summary if title_pronoun_subject(s["text"]) and "[" not in s["text"]
    )
    for level in ("storylines", "events"):
        titles = [x.get("title") or "" for x in report.get(level, ())]
        short = sum(1 for t in titles if len(t.split()) <= title_words)
        figures[f"{level}_titles"] = len(titles)
        figures[f"{level}_titles_short_share"] = round(short / len(titles), 4) if titles else None
    timeline = report.get("timeline", ())
    figures["timeline_entries"] = len(timeline)
    figures["timeline_by_kind"] = dict(Counter(t.get("kind", "development") for t in timeline))
    figures["timeline_fragments"] = sum(1 for t in timeline if is_fragment(t["text"]) or is_furniture(t["text"]))
    figures["unsupported_examples"] = unsupported_examples
    return figures
