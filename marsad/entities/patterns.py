"""Organization names the tagger misses, found by their shape: an organization head
noun followed by its definite modifiers.

Arabic news names most public bodies the same way — a head (وزارة، هيئة، مجلس، جامعة،
شركة، الحرس، الديوان …) and a run of definite words: ``وزارة الداخلية``, ``مجلس
الوزراء``, ``هيئة التحقيق والادعاء العام``, ``الحرس الثوري الإيراني``, ``الديوان
الملكي``. ANERcorp has few of them, so the CRF leaves most untagged (on the labelled
tune articles, about a third of the missed names are such bodies). :func:`head_phrases`
tags them over words the CRF left untagged:

* a head without the article (construct state) takes the definite words that follow
  (``وزارة الشؤون الاجتماعية``); only a few heads name a body with the article
  (``الحرس``, ``الديوان``); no head is a name alone (``الوزارة`` refers back);
* the run stops at punctuation, a function or time word (``اليوم``, ``الماضي``), a
  word without the article, or a word the CRF tagged (an adjacent tagged name is left
  to the tagger: ``وزارة الخارجية [السعودية]``);
* a proclitic on the head (``بوزارة``, ``للديوان``) stays outside the name.

Such a name says what kind of body it is, not whose: ``وزارة الداخلية`` is Saudi in
one article and Kuwaiti in the next, so the canonicalizer keeps each one inside its
article (see :func:`marsad.entities.canonical.canonicalize`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from itertools import islice

from marsad.arabic.lexicons import MONTHS, SPEECH_VERB_FORMS, STOPWORDS, TITLES, WEEKDAYS
from marsad.arabic.normalize import match_form, normalize
from marsad.arabic.stem import word_counts
from marsad.entities.features import strip_clitics
from marsad.model import Mention

__all__ = ["ORG_HEADS", "head_phrases", "has_head", "org_head", "event_head", "grow_bodies"]


_norm = match_form  # normalize(word).lower(), cached


#: Heads of organization names (clitic-free, without the article).
ORG_HEADS = frozenset(
    _norm(w) for w in (
        "وزارة", "هيئة", "مجلس", "ديوان", "جامعة", "شركة", "جمعية", "مؤسسة", "وكالة", "منظمة", "حركة", "حزب",
        "اتحاد", "نادي", "لجنة", "مستشفى", "كلية", "صندوق", "بنك", "مصرف", "محكمة", "قناة", "صحيفة", "جريدة",
        "مجلة", "غرفة", "حرس", "جيش", "شرطة", "إدارة", "مديرية", "رئاسة", "أمانة", "بلدية", "مركز", "معهد",
        "أكاديمية", "جماعة", "تنظيم", "جبهة", "كتائب", "مكتب", "سلطة",
    )
)
#: Heads of the names of events, feasts and competitions (عيد الفطر المبارك، كأس
#: خادم الحرمين الشريفين، معرض الكتاب): MISC, found the same way.
_MISC_HEADS = frozenset(
    _norm(w) for w in ("عيد", "كأس", "بطولة", "دوري", "مهرجان", "زلزال", "إعصار", "مؤتمر", "منتدى", "معرض", "جائزة", "مسابقة")
)
_FEAST = _norm("عيد")
#: Heads that name a body with the article too (الديوان الملكي، الحرس الثوري); other
#: definite heads start descriptions (القوات الموالية، القناة الجديدة).
_DEFINITE_HEADS = frozenset(_norm(w) for w in ("الديوان", "الحرس", "الجيش", "الهيئة"))
#: Words that are never a modifier inside the name: titles end it (مركز الأمير [سلمان]
#: is the tagger's name with its head, see names.extend_to_head).
_NOT_MODIFIERS = frozenset(_norm(w) for w in ("الملك", "الأمير", "الأميرة", "الشيخ", "الإمام", "السلطان", "الرئيس", "الإدارة", "الادارة"))
#: Definite words that end a name rather than modify it: time words, quantities, epithets.
_STOP_WORDS = frozenset(
    _norm(w) for w in (
        "اليوم", "الآن", "الماضي", "الماضية", "المقبل", "المقبلة", "الجاري", "الجارية", "الحالي", "الحالية",
        "الأول", "الأولى", "الثاني", "الثانية", "الأخير", "الأخيرة", "السابق", "السابقة", "الذي", "التي",
        "الذين", "الكل", "الجميع", "هذا", "هذه", "أمس", "الأسبوع", "الشهر", "الصباح", "المساء",
        # what a writer calls a body is no part of its name (تنظيم داعش الإرهابي)
        "الإرهابي", "الإرهابية", "الإجرامي", "الإجرامية", "المتطرف", "المتطرفة", "المزعوم", "المزعومة",
        "التابع", "التابعة", "المكلف", "المكلفة", "القادم", "القادمة", "المقام", "المقامة", "المرتقب", "المرتقبة",
        # times with لل are no complement of a name (كأس الجزائر [للمرة] الثالثة)
        "للمرة", "للعام", "للسنة", "لليوم", "للموسم", "للأسبوع", "للشهر", "للحظة",
    )
) | frozenset(WEEKDAYS) | frozenset(MONTHS)
#: Modifiers that never come right after the head (المجلس العام is no name), but do
#: later (هيئة التحقيق والادعاء العام).
_CONTINUE_ANYWAY = frozenset(_norm(w) for w in ("العام", "العامة"))
_MAX_MODIFIERS = 5
#: Heads that are as often a verbal noun ("organizing", "movement"): no construct
#: chain after them (تنظيم [حلقة نقاش]، حركة [يدوي خماسي] السرعات).
_MASDAR_HEADS = frozenset(_norm(w) for w in ("تنظيم", "حركة"))


@lru_cache(maxsize=100_000)
def _head(norm: str) -> int | None:
    """How many leading letters of ``norm`` are a proclitic outside the name when it is
    an organization head (``بوزارة`` → 1; the article stays: ``بالديوان`` → 1,
    ``للديوان`` → 0), else None."""
    if norm in ORG_HEADS or norm in _DEFINITE_HEADS:
        return 0  # وزارة is not و + زارة
    prefix, bare = strip_clitics(norm)
    if bare not in ORG_HEADS and not ("ال" + bare in _DEFINITE_HEADS and prefix.endswith(("ال", "لل"))):
        return None
    if "ال" + bare not in _DEFINITE_HEADS and prefix.endswith(("ال", "لل")):
        return None
    if prefix.endswith(("ال", "لل")):
        return len(prefix) - 2
    return len(prefix)


def event_head(norm: str) -> int | None:
    """How many leading letters of a normalized word are a proclitic outside the name
    when the word heads an event's name (دوري، لدوري → 1, كأس، جائزة), else None."""
    head = _head_of(norm)
    return head[0] if head is not None and head[1] == "MISC" else None


def org_head(norm: str) -> int | None:
    """How many leading letters of a normalized word are a proclitic outside the name
    when the word is an organization's head (مركز → 0, ومركز → 1), else None."""
    return _head(norm)


def _head_of(norm: str) -> tuple[int, str] | None:
    """``(letters of proclitic to leave out, type)`` when ``norm`` is the head of a
    body's (ORG) or an event's (MISC) name, else None."""
    cut = _head(norm)
    if cut is not None:
        return cut, "ORG"
    if norm in _MISC_HEADS:
        return 0, "MISC"
    prefix, bare = strip_clitics(norm)
    if bare in _MISC_HEADS and not prefix.endswith(("ال", "لل")) and bare != _FEAST:
        return len(prefix), "MISC"  # not بعيد: "far" (بعيد المدى)
    return None


def has_head(name: str) -> bool:
    """Whether ``name`` begins with an organization's or an event's head (وزارة
    الخارجية، لجنة التحكيم، دوري المحترفين): the shape :func:`head_phrases` finds,
    which says what kind of body or event, not which."""
    first = name.split(" ", 1)[0]
    head = _head_of(_norm(first))
    return " " in name and head is not None and head[0] == 0


@lru_cache(maxsize=100_000)
def _modifier(norm: str) -> bool:
    """A definite word (ال، وال، لل) that can modify an organization's head; not a
    title (مركز أسبار [الدكتور] …: a person follows)."""
    if norm in _STOP_WORDS or norm in STOPWORDS or norm in SPEECH_VERB_FORMS or norm in _NOT_MODIFIERS or norm in TITLES:
        return False
    prefix, bare = strip_clitics(norm)
    return len(bare) >= 3 and (norm.startswith(("ال", "وال", "لل")) or prefix in ("ال", "وال", "لل"))


def _surface_class(word: str) -> str:
    """A regex matching the spellings of a normalized word (hamza forms, ة/ه, ى/ي)."""
    out = []
    for i, ch in enumerate(word):
        if ch == "ا":
            out.append("[اأإآ]")
        elif ch == "ه" and i == len(word) - 1:
            out.append("[هة]")
        elif ch == "ي":
            out.append("[يىئ]")
        elif ch == "و":
            out.append("[وؤ]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


#: A head word with its proclitics, at a word start (matched on the raw text; what
#: it finds is checked again on the normalized word by :func:`_head`).
_HEAD_RE = re.compile(
    r"(?<![^\s«»\"“”(),.،؛:])(?:[وفبلك]{0,2}(?:ال|ل)?)?(?:"
    + "|".join(sorted({_surface_class(h.removeprefix("ال")) for h in ORG_HEADS | _DEFINITE_HEADS | _MISC_HEADS}, key=len, reverse=True))
    + r")(?=\s)"
)
_NEXT_WORD_RE = re.compile(r"( +)([^\s«»\"“”(),.،؛:!?؟]+)")


def _spans(mentions: Sequence[Mention]) -> tuple[dict[int, Mention], Callable[[int, int], bool]]:
    """``(mention by start, covered)`` of one article's mentions: ``covered(start, end)``
    tells whether a mention overlaps that span."""
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [a for a, _ in taken]

    def covered(start: int, end: int) -> bool:
        j = bisect_right(starts, end - 1) - 1
        return j >= 0 and taken[j][1] > start

    return {m.start: m for m in mentions}, covered


def head_phrases(article_id: str, text: str, tagged: Sequence[Mention]) -> list[Mention]:
    """ORG mentions for head + definite-modifier runs over words the CRF left untagged
    (``tagged`` are the article's mentions); offsets into ``text``."""
    tagged_at, covered = _spans(tagged)
    found: list[Mention] = []
    pos = 0
    for match in _HEAD_RE.finditer(text):
        if match.start() < pos or covered(match.start(), match.end()):
            continue
        word = match.group()
        head = _head_of(_norm(word))
        if head is None and len(_norm(word)) == len(word):
            # اللجنة الوطنية للحج والعمرة, الشركة السعودية للكهرباء: a definite head
            # names a body when an adjective and a لل-complement follow
            cut = _definite_head(_norm(word), _DESCRIBED_HEADS)
            end = _described_end(text, match.end(), tagged_at, covered) if cut is not None else None
            if end is not None:
                start = match.start() + cut
                found.append(Mention(article_id, start, end, text[start:end], "ORG"))
                pos = end
            continue
        if head is None or head[0] and len(_norm(word)) != len(word):
            continue  # not a head; or diacritics: the proclitic's length is unknown
        cut, type_ = head
        if type_ == "MISC" and not (nxt := _NEXT_WORD_RE.match(text, match.end())) is None \
                and not _norm(nxt.group(2)).startswith("ال"):
            continue  # مهرجان [للتمور], مؤتمر [صحفي]: a kind of event, no name
        end = _name_end(text, match.end(), tagged_at, covered)
        if end is not None:
            start = match.start() + cut
            found.append(Mention(article_id, start, end, text[start:end], type_))  # type: ignore[arg-type]
            pos = end
    return found


def grow_bodies(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """One article's ``mentions`` with each organization's (or event's) name that opens
    with a head (إدارة الأرصاد، للمنظمة الدولية، مركز الأمير محمد بن سعود) grown over
    what the tagger left of it: relative adjectives (إدارة الأرصاد [الجوية]، …
    [الكشفي]), a لل-complement after an adjective (للمنظمة الدولية [للهجرة]), the
    purpose of a centre or fund (مركز وارف [لتنمية الشباب]); never over another mention."""
    tagged_at, covered = _spans(mentions)
    from marsad.entities.names import demonyms  # names reads this module's heads

    owners = demonyms()
    out: list[Mention] = []
    for m in mentions:
        first = _norm(m.text.split(" ", 1)[0])
        bare = strip_clitics(first)[1]
        if m.type == "ORG" and (bare in ORG_HEADS or _head(first) is not None) or m.type == "MISC" and bare in _MISC_HEADS:
            # a relative adjective goes on a body's name (إدارة الأرصاد [الجوية]); a
            # complement with لل only after one (للمنظمة الدولية [للهجرة]): after a
            # name it is the object of a verbal noun (دعم حزب الله [للنظام السوري])
            # A country's adjective is no part of it: «حزب الله [اللبناني]» is حزب الله.
            words = list(islice(_words_after(text, m.end), _MAX_MODIFIERS))
            i = 0
            while i < len(words) and _nisba_at(text, words[i]) and _modifier(words[i][2]) \
                    and not covered(words[i][0], words[i][1]) and words[i][2] not in owners:
                i += 1
            end = words[i - 1][1] if i else m.end
            last = _norm(text[m.start:end].rsplit(None, 1)[-1])
            # an event's name goes on with لل (كأس العالم [للأندية]، دوري … [للمحترفين])
            if _nisba_word(last) and last not in owners or m.type == "MISC":  # not جهود الاتحاد الأوروبي [للإنقاذ]
                end = _described_end(text, end, tagged_at, covered, adjectives=False) or end
            if bare in _PURPOSE_HEADS or first in _PURPOSE_HEADS:
                end = _purpose_end(text, end, covered)
            if end > m.end:
                m = Mention(m.article_id, m.start, end, text[m.start:end], m.type)  # type: ignore[arg-type]
        out.append(m)
    return out


#: Heads of bodies whose name goes on with their purpose (مركز الأمير سلمان لتنمية
#: الشباب، صندوق … لتنمية المرأة، معهد واشنطن لسياسات الشرق الأدنى); not a hospital or a
#: university, where «لتلقي العلاج» / «للدراسة» is why someone goes there.
_PURPOSE_HEADS = frozenset(_norm(w) for w in ("مركز", "صندوق", "جائزة", "كرسي", "معهد", "مؤسسة", "جمعية"))
#: Purposes of an action, not of a body (… لاستقبال الحجاج، … لحضور الحفل).
_ACTION_PURPOSES = frozenset(
    _norm(w) for w in ("لتلقي", "لإجراء", "لحضور", "لاستقبال", "لزيارة", "لتقديم", "لمناقشة", "لبحث", "لمتابعة", "لتسليم", "لاستلام")
)


def _purpose_end(text: str, end: int, covered: Callable[[int, int], bool]) -> int:
    """Where a body's name whose own words end at ``end`` ends with its purpose: a ل-noun
    the corpus writes with the article (لتنمية → التنمية, not a verb: ليعايد) and its
    definite genitive(s) (الشباب); ``end`` when none follows."""
    words = list(islice(_words_after(text, end), _MAX_MODIFIERS + 1))
    if not words or covered(words[0][0], words[0][1]):
        return end
    link = words[0][2]
    if not _link(link) or link in _ACTION_PURPOSES or not _takes_article(link[1:]):
        return end
    i = _modifiers(words[1:], covered, 0)
    return words[i][1] if i else end


#: Definite heads that a relative adjective and a لل-complement make a body's name
#: (الشركة السعودية للكهرباء); not an actor's (الشرطة الإسرائيلية [للعشرات]: its object).
_DESCRIBED_HEADS = frozenset(
    _norm(w) for w in (
        "شركة", "لجنة", "هيئة", "منظمة", "جمعية", "مؤسسة", "كلية", "مركز", "اتحاد", "صندوق", "بنك", "مصرف",
        "أكاديمية", "وكالة", "مجلس", "معهد", "جامعة", "غرفة",
    )
)


def _definite_head(norm: str, heads: frozenset[str]) -> int | None:
    """Letters of proclitic before the article when ``norm`` is one of ``heads`` with
    the article (اللجنة → 0, واللجنة → 1, للجنة → 0: لل keeps its article), else None."""
    prefix, bare = strip_clitics(norm)
    if bare not in heads or not prefix.endswith(("ال", "لل")):
        return None
    return len(prefix) - 2


def _nisba_word(norm: str) -> bool:
    """A definite relative adjective (الوطنية، السعودية، الدولي)."""
    return norm.startswith("ال") and len(norm) >= 6 and norm.endswith(("ي", "يه")) and norm not in _STOP_WORDS


def _adjective(norm: str) -> bool:
    """A relative adjective or an adjective of kind (العامة، العليا), after which a
    body's name goes on with لل (الهيئة العامة للسياحة)."""
    return _nisba_word(norm) or norm in _KIND_WORDS


_KIND_WORDS = frozenset(_norm(w) for w in ("العام", "العامة", "العليا", "الأعلى", "العالي"))


def _nisba_at(text: str, word: tuple[int, int, str]) -> bool:
    """A relative adjective as written: ى is no ي (المرضى "the patients")."""
    return _nisba_word(word[2]) and text[word[1] - 1] != "ى"


def _described_end(
    text: str, end: int, tagged_at: dict[int, Mention], covered: Callable[[int, int], bool], adjectives: bool = True
) -> int | None:
    """Where a body named by a definite head ends: one or two relative adjectives (the
    tagger may have typed a country's a place: الشركة [السعودية]) and then a complement
    with لل and its definite modifiers (للكهرباء، للحج والعمرة); None without that
    complement (اللجنة الوطنية alone refers back to a body already named)."""
    words = list(islice(_words_after(text, end), _MAX_MODIFIERS + 3))
    j = 0
    while adjectives and j < min(2, len(words)) and _nisba_at(text, words[j]):
        w_start, w_end, _ = words[j]
        tagged = tagged_at.get(w_start)
        if covered(w_start, w_end) and (tagged is None or tagged.end != w_end):
            return None
        j += 1
    if j == 0 and adjectives or j >= len(words) or not words[j][2].startswith("لل") or covered(words[j][0], words[j][1]):
        return None
    i = _modifiers(words[j:], covered, 0)
    return words[j + i - 1][1] if i else None


def _words_after(text: str, end: int) -> Iterator[tuple[int, int, str]]:
    """``(start, end, normalized word)`` of the words after ``end`` up to punctuation."""
    while (nxt := _NEXT_WORD_RE.match(text, end)) is not None:
        yield nxt.start(2), nxt.end(2), _norm(nxt.group(2))
        end = nxt.end(2)


def _name_end(
    text: str, end: int, tagged_at: dict[int, Mention], covered: Callable[[int, int], bool], chain: int | None = None
) -> int | None:
    """Where the name whose head ends at ``end`` ends: after its definite modifiers
    (``وزارة الشؤون الاجتماعية``), reached through at most two nouns of a construct
    chain (``مكتب رعاية الشباب``, ``هيئة كبار العلماء``), then optionally a complement
    with ل whose genitive is a place or body the CRF tagged, taken in whole (``مجلس
    التعاون لدول [الخليج العربية]``); a complement of common words is as often a
    purpose (``لاستكمال إجراءات التحقيق``, ``لشراء المواد``) and is left out. None when
    no definite modifier follows."""
    words = list(islice(_words_after(text, end), _MAX_MODIFIERS + 5))
    # a definite head (الهيئة) is in no construct chain: الهيئة [استعدادها] …
    head = _norm(text[:end].rsplit(None, 1)[-1])
    definite = head.startswith(("ال", "وال", "بال", "لل", "فال"))
    # تنظيم is also "organizing": تنظيم [حلقة نقاش] …
    if chain is None:
        chain = 0 if definite or strip_clitics(head)[1] in _MASDAR_HEADS else 2
    i = _modifiers(words, covered, chain)
    if i == 0:
        return None
    if i < len(words) and _link(words[i][2]) and not covered(words[i][0], words[i][1]):
        j = i + 1
        tagged = tagged_at.get(words[j][0]) if j < len(words) else None
        if tagged is not None and tagged.type in ("LOC", "ORG"):
            return tagged.end
    return words[i - 1][1]


def _modifiers(words: list[tuple[int, int, str]], covered: Callable[[int, int], bool], chain: int) -> int:
    """The index past the construct nouns (at most ``chain``) and definite modifiers
    that open ``words``, or 0 when no definite modifier comes."""
    j = 0
    while j < len(words) and j < chain and _construct(words[j][2]) and not covered(words[j][0], words[j][1]):
        j += 1
    if 0 < j < len(words) and words[j][2].startswith("لل") and words[j - 1][2].endswith(("ه", "ا", "ي")):
        j = 0  # an adjective, not a construct: لجنة [حكومية] للتنسيق، هيئة [عليا] للإشراف
    start = j
    while j < len(words) and j - start < _MAX_MODIFIERS:
        w_start, w_end, norm = words[j]
        if covered(w_start, w_end) or not _modifier(norm):
            break
        if j == start == 0 and (norm in _CONTINUE_ANYWAY or norm.startswith("و")):
            break  # "الوزارة والمجلس", "المجلس العام": no name yet
        if norm in _CONTINUE_ANYWAY and j + 1 < len(words) and words[j + 1][2] in _STOP_WORDS:
            break  # كأس العالم [العام الماضي]
        if norm.startswith("و") and (_head(norm) is not None or norm.startswith("وال") and _head_or_plural(norm[3:])):
            break  # a second body: "هيئة التحقيق والمجلس", "مركز أبحاث الجريمة والمديرية"
        if norm.startswith("لل") and j > start and not _adjective(words[j - 1][2]):
            break  # after a name, the object of a verbal noun: دعم حزب الله [للنظام السوري]
        j += 1
    return j if j > start else 0


def _head_or_plural(norm: str) -> bool:
    """An organization head or its sound feminine plural (شركات، هيئات، وزارات)."""
    return norm in ORG_HEADS or norm.endswith("ات") and norm[:-2] + "ه" in ORG_HEADS


#: Words with ل that are no complement of a body's name (لصالح، لمدة، لأول مرة).
_NOT_LINKS = frozenset(_norm(w) for w in ("لصالح", "لمدة", "لأول", "لعدة", "لعدد", "لكل", "لجميع", "لدى", "لأجل", "لذا", "لحساب", "لمصلحة"))


@lru_cache(maxsize=100_000)
def _link(norm: str) -> bool:
    """A noun with ل but no article that opens a body's complement (لدول، لتنمية)."""
    return (
        norm.startswith("ل") and not norm.startswith("لل") and len(norm) >= 4
        and norm not in _NOT_LINKS and norm not in STOPWORDS and norm[1:] not in STOPWORDS
    )


@lru_cache(maxsize=100_000)
def _construct(norm: str) -> bool:
    """An indefinite noun inside a construct chain (رعاية in مكتب رعاية الشباب): no
    article, no conjunction, not a function, time, title or speech word, and a word
    the corpus writes with the article."""
    return (
        len(norm) >= 3 and not norm.startswith(("ال", "و", "ف", "ب", "ل", "ك"))
        and norm.isalpha() and norm not in STOPWORDS and norm not in _STOP_WORDS
        and norm not in SPEECH_VERB_FORMS and norm not in _NOT_MODIFIERS and _head(norm) is None
        and not norm.endswith("ي") and _takes_article(norm)  # يدوي، دولي: an adjective
    )


def _takes_article(norm: str) -> bool:
    """Whether the shipped corpus counts write ``norm`` with the article: a noun does
    (رعاية → الرعاية), a verb (تتولى) or a word with a pronoun (استعدادها) does not."""
    return ("ال" + norm) in word_counts()
