"""Name lists mined from raw news text, for the NER gazetteer features.

ANERcorp has ~125k labelled tokens, so most names in a news stream never occur in
it. Raw news text announces many names by a trigger word right before them: a
title before a person (الرئيس، الوزير، الشيخ … فلان), an organization head before an
organization's name (شركة، نادي، صحيفة، حزب … X) and a place word before a place
(مدينة، محافظة، منطقة … X). :func:`mine_gazetteer` counts the words found in those
slots over a corpus and keeps the ones that occur there often AND a large share of
all their occurrences (the ratio keeps common words out: قال follows الرئيس X often,
but it is far more frequent elsewhere). The result is written with
:func:`marsad.entities.gazetteer.write_gazetteer` (labels ``mPER``, ``mORG``,
``mLOC``: *mined*, so a CRF can weigh them apart from any hand-made list).

Pure: chunks of normalized words in, a word → labels mapping out.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from marsad.arabic import words
from marsad.entities.features import strip_clitics

__all__ = ["PER_TRIGGERS", "ORG_TRIGGERS", "LOC_TRIGGERS", "mine_gazetteer", "text_chunks"]


def _stems(text: str) -> frozenset[str]:
    """Clitic-free forms of the (normalized) trigger words in ``text``."""
    return frozenset(strip_clitics(w)[1] for w in words(text))


#: Titles and ranks before a person's name (their clitic-free, normalized forms).
PER_TRIGGERS = _stems(
    "الرئيس الوزير الشيخ الأمير الأميرة الملك السيد السيدة الدكتور الدكتورة اللواء العميد"
    " العقيد المهندس الأستاذ سمو معالي فضيلة السفير النائب المستشار اللاعب المدرب الفنان"
    " الفنانة الكاتب الكاتبة الداعية الشاعر الإعلامي الزميل الراحل الشهيد المواطن المتهم"
    " القاضي المحامي المطرب المغني الممثل الممثلة البروفيسور الجنرال"
)
#: Heads of organization names.
ORG_TRIGGERS = _stems(
    "وزارة هيئة شركة جامعة نادي منظمة حزب مجلس جمعية بنك مصرف صندوق مؤسسة وكالة قناة"
    " صحيفة جريدة مجلة مجموعة حركة اتحاد مستشفى إذاعة تنظيم جماعة ائتلاف كلية"
)
#: Words before a place name.
LOC_TRIGGERS = _stems(
    "مدينة محافظة منطقة دولة بلدة قرية ولاية عاصمة جزيرة مقاطعة حي إقليم مطار ميناء"
    " شارع ميدان جبل نهر بحر بحيرة مخيم"
)
#: Words that end a name (function words and speech verbs), clitic-free.
_STOP = _stems(
    "في من إلى على عن مع أن إن أنه إنه الذي التي الذين قال وقال أكد أضاف أشار أوضح"
    " كان كانت هو هي هذا هذه ذلك تلك بعد قبل خلال حيث كما لا لم لن قد ثم أو أي كل عند"
    " منذ حول بين ضد عبر لدى يوم اليوم أمس غدا"
)
#: Name parts that take the article (عبد الله, أبو بكر) and so do not end a name.
_NAME_JOINERS = frozenset(words("عبد أبو أبي بن بنت آل ابن"))
_PUNCT_SPLIT = re.compile(r"[،,.:؛;!?؟«»\"“”()\[\]{}\n]+")


def text_chunks(text: str) -> list[list[str]]:
    """Normalized words of ``text`` split at punctuation, so a slot never runs past a
    comma or a full stop."""
    return [w for part in _PUNCT_SPLIT.split(text) if (w := words(part))]


def _person_slot(chunk: Sequence[str], i: int) -> list[str]:
    """Name words after a title at ``i``: skip up to three article-prefixed
    descriptors (الأمريكي، الخارجية), then take up to three words without the article
    (a name part after عبد/أبو/بن may have it)."""
    j = i + 1
    skipped = 0
    while j < len(chunk) and skipped < 3 and chunk[j].startswith("ال"):
        j += 1
        skipped += 1
    name: list[str] = []
    while j < len(chunk) and len(name) < 3:
        word = chunk[j]
        prefix = strip_clitics(word)[0]
        if word in _STOP or ("ال" in prefix or "لل" in prefix) and not (name and name[-1] in _NAME_JOINERS):
            break
        name.append(word)
        j += 1
    return name


def mine_gazetteer(
    chunks: Iterable[Sequence[str]],
    min_count: int = 5,
    min_ratio: float = 0.2,
) -> dict[str, set[str]]:
    """Words that a corpus puts after trigger words, with labels ``mPER``/``mORG``/``mLOC``.

    ``chunks`` are runs of normalized words (:func:`text_chunks`). A word is kept for
    a label when it fills that label's slot at least ``min_count`` times and in at
    least ``min_ratio`` of all its occurrences in the corpus.
    """
    total: Counter[str] = Counter()
    slots: dict[str, Counter[str]] = {"mPER": Counter(), "mORG": Counter(), "mLOC": Counter()}
    triggers = {"mORG": ORG_TRIGGERS, "mLOC": LOC_TRIGGERS}
    for chunk in chunks:
        total.update(chunk)
        for i, word in enumerate(chunk[:-1]):
            head = strip_clitics(word)[1]
            if head in PER_TRIGGERS:
                slots["mPER"].update(_person_slot(chunk, i))
            for label, heads in triggers.items():
                if head in heads and chunk[i + 1] not in _STOP:
                    slots[label][chunk[i + 1]] += 1
    every_trigger = PER_TRIGGERS | ORG_TRIGGERS | LOC_TRIGGERS
    out: dict[str, set[str]] = {}
    for label, counts in slots.items():
        for word, n in counts.items():
            if n >= min_count and n >= min_ratio * total[word] and strip_clitics(word)[1] not in every_trigger:
                out.setdefault(word, set()).add(label)
    return out
