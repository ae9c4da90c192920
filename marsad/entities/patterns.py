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
from collections.abc import Sequence
from functools import lru_cache

from marsad.arabic.lexicons import MONTHS, SPEECH_VERB_FORMS, STOPWORDS, WEEKDAYS
from marsad.arabic.normalize import normalize
from marsad.entities.features import strip_clitics
from marsad.model import Mention

__all__ = ["ORG_HEADS", "head_phrases"]


def _norm(word: str) -> str:
    return normalize(word).lower()


#: Heads of organization names (clitic-free, without the article).
ORG_HEADS = frozenset(
    _norm(w) for w in (
        "وزارة", "هيئة", "مجلس", "ديوان", "جامعة", "شركة", "جمعية", "مؤسسة", "وكالة", "منظمة", "حركة", "حزب",
        "اتحاد", "نادي", "لجنة", "مستشفى", "كلية", "صندوق", "بنك", "مصرف", "محكمة", "قناة", "صحيفة", "جريدة",
        "مجلة", "غرفة", "حرس", "جيش", "شرطة", "إدارة", "مديرية", "رئاسة", "أمانة", "بلدية", "مركز", "معهد",
        "أكاديمية", "جماعة", "تنظيم", "جبهة", "كتائب", "مكتب", "سلطة",
    )
)
#: Heads that name a body with the article too (الديوان الملكي، الحرس الثوري); other
#: definite heads start descriptions (القوات الموالية، القناة الجديدة).
_DEFINITE_HEADS = frozenset(_norm(w) for w in ("الديوان", "الحرس", "الجيش", "الهيئة"))
#: Words that are never a modifier inside the name: titles end it (مركز الأمير [سلمان]
#: is the tagger's name with its head, see names.extend_to_head).
_NOT_MODIFIERS = frozenset(_norm(w) for w in ("الملك", "الأمير", "الأميرة", "الشيخ", "الإمام", "السلطان", "الرئيس", "الإدارة", "الادارة"))
#: Definite words that end a name rather than modify it: time words and quantities.
_STOP_WORDS = frozenset(
    _norm(w) for w in (
        "اليوم", "الآن", "الماضي", "الماضية", "المقبل", "المقبلة", "الجاري", "الجارية", "الحالي", "الحالية",
        "الأول", "الأولى", "الثاني", "الثانية", "الأخير", "الأخيرة", "السابق", "السابقة", "الذي", "التي",
        "الذين", "الكل", "الجميع", "هذا", "هذه", "أمس", "الأسبوع", "الشهر", "الصباح", "المساء",
    )
) | frozenset(WEEKDAYS) | frozenset(MONTHS)
#: Modifiers that never come right after the head (المجلس العام is no name), but do
#: later (هيئة التحقيق والادعاء العام).
_CONTINUE_ANYWAY = frozenset(_norm(w) for w in ("العام", "العامة"))
_MAX_MODIFIERS = 5


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


@lru_cache(maxsize=100_000)
def _modifier(norm: str) -> bool:
    """A definite word (ال، وال، لل) that can modify an organization's head."""
    if norm in _STOP_WORDS or norm in STOPWORDS or norm in SPEECH_VERB_FORMS or norm in _NOT_MODIFIERS:
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
    + "|".join(sorted({_surface_class(h.removeprefix("ال")) for h in ORG_HEADS | _DEFINITE_HEADS}, key=len, reverse=True))
    + r")(?=\s)"
)
_NEXT_WORD_RE = re.compile(r"( +)([^\s«»\"“”(),.،؛:!?؟]+)")


def head_phrases(article_id: str, text: str, tagged: Sequence[Mention]) -> list[Mention]:
    """ORG mentions for head + definite-modifier runs over words the CRF left untagged
    (``tagged`` are the article's mentions); offsets into ``text``."""
    taken = sorted((m.start, m.end) for m in tagged)
    starts = [a for a, _ in taken]

    def covered(start: int, end: int) -> bool:
        j = bisect_right(starts, end - 1) - 1
        return j >= 0 and taken[j][1] > start

    found: list[Mention] = []
    pos = 0
    for match in _HEAD_RE.finditer(text):
        if match.start() < pos or covered(match.start(), match.end()):
            continue
        word = match.group()
        cut = _head(_norm(word))
        if cut is None or cut and len(_norm(word)) != len(word):
            continue  # not a head; or diacritics: the proclitic's length is unknown
        end = match.end()
        modifiers: list[str] = []
        while len(modifiers) < _MAX_MODIFIERS:
            nxt = _NEXT_WORD_RE.match(text, end)
            if nxt is None or covered(nxt.start(2), nxt.end(2)):
                break
            norm = _norm(nxt.group(2))
            if not _modifier(norm):
                break
            if not modifiers and (norm in _CONTINUE_ANYWAY or norm.startswith("و")):
                break  # "الوزارة والمجلس", "المجلس العام": no name yet
            if norm.startswith("و") and _head(norm) is not None:
                break  # a second body: "هيئة التحقيق والمجلس"
            modifiers.append(norm)
            end = nxt.end(2)
        if modifiers:
            start = match.start() + cut
            found.append(Mention(article_id, start, end, text[start:end], "ORG"))
            pos = end
    return found
