"""Is a sentence a statement a reader can be shown on its own?

The timeline and the summary pick single sentences out of articles and show them
without their neighbours. Cleaning (:mod:`marsad.clean`, learned outlet boilerplate in
:mod:`marsad.boilerplate`) removes most crawl furniture, but what slips through must
still never be shown as news. This module holds the per-sentence guards both stages
share:

* :func:`is_furniture` — link lines, "read also", share/follow lines, photo credits,
  source footers, URLs and e-mail addresses anywhere in the sentence;
* :func:`is_fragment` — a piece of a sentence (starts with ``..``/``…``/a comma, or a
  lower-case continuation), too short, or with no verb-like word (a caption, a
  heading, a name list);
* :func:`title_pronoun_subject` — the honorific pronoun (سموه، معاليه …) a sentence
  uses as its subject near its start, which leaves the reader asking "who?";
* :func:`leans_back`, :func:`opens_with_quote`, :func:`announces` — sentences that can
  be shown but cannot *open* a story: one that points back at what came before
  («جاء ذلك خلال …», «من جانبه …», «وأهاب، …»), one that opens with a quotation, one
  that announces what is to come (a preview, «سيلتقي …», «من المقرر …»).

All functions are pure and work on the original text (matching on the normalized one).
"""
from __future__ import annotations

import re
from functools import lru_cache

from marsad.arabic.lexicons import SPEECH_VERB_FORMS, STOPWORDS
from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import words

__all__ = [
    "news_vocabulary",
    "is_furniture",
    "is_fragment",
    "has_verb",
    "is_list_item",
    "title_pronoun_subject",
    "leans_back",
    "opens_with_quote",
    "announces",
    "TITLE_PRONOUNS",
    "MIN_STATEMENT_WORDS",
]

#: Fewer words than this is not a statement (a heading, a caption, a dateline).
MIN_STATEMENT_WORDS = 6

_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b\S+\.(?:com|net|org|sa|ae)\b", re.IGNORECASE)
#: furniture cues in the normalized text, anywhere in the sentence
_FURNITURE_RE = re.compile(
    r"رابط\s+(?:الخبر|المقال|التقرير|الفيديو|المصدر)|(?:^|\s)(?:[وف]?اقرا|طالع|شاهد)\s+(?:ايضا|كذلك)|"
    r"(?:^|\s)(?:للمزيد|لمزيد)\s+من\s+(?:الاخبار|التفاصيل)|اضغط\s+هنا|انقر\s+هنا|"
    r"(?:^|\s)(?:شارك|شاركوا)\s+(?:الخبر|المقال|هذا|علي|عبر)|تابعونا\s+علي|تابعوا\s+(?:حساب|صفح|قنا)|"
    r"(?:^|\s)(?:تصوير|عدسه|الصوره|صوره\s+ارشيفيه|صور\s+ارشيفيه|المصدر|مصدر\s+الخبر)\s*[:：\-–—]|"
    r"للتواصل\s+مع\s+الكاتب|ارسل\s+رساله|عبر\s+تطبيق\s+واتس|حمل\s+تطبيق|"
    r"\((?:صور|فيديو|شاهد)\)|^\s*(?:صور|فيديو|بالصور|بالفيديو)\s*[:：\-–—]"
)
#: a piece cut from a longer sentence: starts with dots, an ellipsis, a comma or a
#: closing mark
_FRAGMENT_START_RE = re.compile(r"^\s*(?:\.{2,}|…|[،,؛;:)\]»*•]|[-–—]\s)")
#: a numbered list item («6- جندي متدرب عبدالله عائض …», «3) …»): one entry of a list
#: (names of victims, points of a statement), not a statement unless it has a verb
_LIST_ITEM_RE = re.compile(r"^\s*[0-9٠-٩]{1,3}\s*[-–—.)]\s")
#: a lead-in to a list that follows («… والقبض على شخصين كانا على متنه، وهما:»)
_LEAD_IN_RE = re.compile(r"[:：]\s*$")
#: a sentence closed by a sentence mark (possibly followed by a closing quote/bracket)
_CLOSED_RE = re.compile(r"[.!؟?][»\"”)\]]*\s*$")
#: honorific pronouns that stand for a person named elsewhere in the article
TITLE_PRONOUNS: frozenset[str] = frozenset(
    {"سموه", "سموها", "معاليه", "معاليها", "فضيلته", "سعادته", "سعادتها", "دولته", "جلالته", "سيادته", "سماحته", "نيافته"}
)
_TITLE_PRONOUN_NORM = frozenset(normalize(p) for p in TITLE_PRONOUNS)
#: how many words from the start a subject pronoun may stand (وأكد سموه، كما أكد سموه)
_SUBJECT_REACH = 4
#: function words a verb-like word never is
_NOT_VERB = frozenset(STOPWORDS)
#: imperfect (يفعل/تفعل/نفعل, optionally سـ + وـ/فـ) and common past-tense verb shapes
_IMPERFECT_RE = re.compile(r"^[وف]?س?[يتن][^\s]{2,6}$")
_PAST_SUFFIX_RE = re.compile(r"^[وف]?[^\s]{2,5}(?:ت|وا|تا|نا)$")
_PASSIVE_RE = re.compile(r"^[وف]?(?:تم|يتم|جري|يجري|قد|لقد)$")


@lru_cache(maxsize=1)
def news_vocabulary() -> frozenset[str]:
    """SaudiNewsNet's most frequent normalized words: the word list of the committed
    word clusters (``marsad/entities/models/clusters.txt``); empty without it. Used to
    confirm that ``يحضر`` has a stem partner ``حضر`` (a verb) while ``يناير`` does not."""
    from marsad.entities.clusters import load_clusters
    from marsad.entities.ner import CLUSTERS_FILE, MODEL_DIR

    path = MODEL_DIR / CLUSTERS_FILE
    return frozenset(load_clusters(path)) if path.exists() else frozenset()


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """Words of the committed name gazetteer (فيصل، خالد): names, never verbs, even
    when a stem partner exists (يفصل)."""
    from marsad.entities.gazetteer import load_gazetteer
    from marsad.entities.ner import GAZETTEER_FILE, MODEL_DIR

    path = MODEL_DIR / GAZETTEER_FILE
    return frozenset(load_gazetteer(path)) if path.exists() else frozenset()


def _verb_like(word: str) -> bool:
    """Whether one normalized word looks like a finite verb (or a verb-carrying
    particle such as تم/قد)."""
    if word in SPEECH_VERB_FORMS or _PASSIVE_RE.match(word):
        return True
    if word in _NOT_VERB or word in _names():
        return False
    bare = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    if bare in SPEECH_VERB_FORMS:
        return True
    vocabulary = news_vocabulary()
    if _IMPERFECT_RE.match(word):
        stem = bare[1:] if bare.startswith("س") else bare
        # يحضر → حضر; تستقبل → استقبل; نعمل → عمل
        if stem[1:] in vocabulary or ("ا" + stem[1:]) in vocabulary:
            return True
    if _PAST_SUFFIX_RE.match(word):
        core = re.sub(r"(?:ت|وا|تا|نا)$", "", bare)
        if len(core) >= 3 and ("ي" + core) in vocabulary:
            return True
    # a past verb of three to five letters whose imperfect form is frequent (اعلن ↔ يعلن)
    if 3 <= len(bare) <= 6 and not bare.startswith("ال"):
        base = bare[1:] if bare.startswith("ا") else bare
        if ("ي" + base) in vocabulary and ("ال" + bare) not in vocabulary:
            return True
    return False


def has_verb(text: str) -> bool:
    """Whether ``text`` has a verb-like word (a finite verb, تم/قد, a speech verb): a
    statement, not a caption, heading or list of names."""
    return any(_verb_like(w) for w in words(text))


#: what every match of :data:`_URL_RE` contains ("://", "www.", "@" or a dot before
#: a top-level domain): a plain search for these is ~5× cheaper than the full
#: pattern, whose ``\S+`` runs are tried from every position of the sentence
_URL_HINT_RE = re.compile(r"://|www\.|@|\.(?:com|net|org|sa|ae)", re.IGNORECASE)
#: a word every match of :data:`_FURNITURE_RE` contains (one per alternative:
#: رابط، اقرا، طالع، شاهد، مزيد، اضغط، انقر، شارك، تابعو، تصوير، عدسه، صور، مصدر،
#: للتواصل، ارسل، تطبيق، فيديو); one news sentence in seven has one
_FURNITURE_HINTS = (
    "رابط", "اقرا", "طالع", "شاهد", "مزيد", "اضغط", "انقر", "شارك", "تابعو", "تصوير", "عدسه", "صور",
    "مصدر", "للتواصل", "ارسل", "تطبيق", "فيديو",
)


def is_furniture(text: str) -> bool:
    """Whether ``text`` is (or carries) crawl furniture: a link line, "read also", a
    share/follow line, a photo credit, a source footer, a URL or an e-mail address.

    The full patterns run only on a sentence holding a literal that every one of
    their matches holds (:data:`_URL_HINT_RE`, :data:`_FURNITURE_HINTS`): the same
    answers, for a fraction of the cost."""
    if _URL_HINT_RE.search(text) and _URL_RE.search(text):
        return True
    norm = normalize(text)
    return any(hint in norm for hint in _FURNITURE_HINTS) and bool(_FURNITURE_RE.search(norm))


def is_fragment(text: str, min_words: int = MIN_STATEMENT_WORDS) -> bool:
    """Whether ``text`` cannot stand alone as a statement: it starts mid-sentence
    (``.. وهنا أثناء اطلاعه``) or ends in a colon (a lead-in to a list), is a numbered
    list item without a verb (``6- جندي متدرب عبدالله …``), has fewer
    than ``min_words`` words, or is neither
    closed by a sentence mark nor has a verb-like word (a caption, a tag line, a
    heading). A closed sentence is trusted: the verb test misses many past-tense
    verbs and only needs to catch what has no sentence shape at all."""
    if _FRAGMENT_START_RE.match(text) or _LEAD_IN_RE.search(text):
        return True
    if is_list_item(text) and not has_verb(text):
        return True
    if len(text.split()) < min_words:
        return True
    return not (_CLOSED_RE.search(text) or has_verb(text))


def is_list_item(text: str) -> bool:
    """Whether ``text`` is one numbered point of a list («4 - تكثيف الاستثمارات …»,
    «2) …»): verb or not, it leans on the list's heading, which a summary or a
    coverage table shows without, so it is not a statement a reader can be shown alone."""
    return bool(_LIST_ITEM_RE.match(text))


def title_pronoun_subject(text: str) -> str | None:
    """The honorific pronoun a sentence uses as its subject (``وأكد سموه أن …`` →
    ``سموه``): one of :data:`TITLE_PRONOUNS` among its first words. None when the
    sentence names its subject or uses no such pronoun."""
    for position, token in enumerate(text.split()[:_SUBJECT_REACH]):
        word = normalize(token.strip("،,.:؛«»\"()"))
        if word in _TITLE_PRONOUN_NORM:
            return token.strip("،,.:؛«»\"()")
        if position == 0 and word[:1] == "ل" and word[1:] in _TITLE_PRONOUN_NORM:
            return None  # لسموه: an object, not the subject
    return None


#: openings that point back at the sentence before (normalized text, at the start):
#: «جاء ذلك/هذا», «وتاتي هذه», a verb whose object is «ذلك» («اوضح ذلك»), a bare
#: demonstrative subject, the discourse links of a continuing report («من جانبه»,
#: «في غضون ذلك», «على صعيد اخر», «كما», «فيما») and the pluperfect of background
#: («وكان … قد», «وكان الأمير نوه …»)
_LEANS_BACK_RE = re.compile(
    r"^\s*(?:"
    r"[وف]?(?:جاء|جاءت|ياتي|تاتي|اتي)\s+(?:ذلك|هذا|هذه|ذلكم)|"
    r"[وف]?\S{2,}\s+(?:ذلك|هذا)(?:\s|[،,.:]|$)|"
    r"[وف]?(?:هذا|هذه|ذلك|تلك|هولاء|وهو|وهي|هو|هي)\s|"
    r"[وف]?من\s+(?:جانب|جهت|ناحيت|طرف)(?:ه|ها|هم|هما)[\s،,]|"
    r"[وف]?من\s+(?:جانب|جهه|ناحيه)\s+(?:اخر|اخري|ثانيه|ثان)(?:\s|[،,])|"
    r"[وف]?(?:بدوره|بدورها|بدورهم)\s|"
    r"[وف]?علي\s+(?:جانب|صعيد)\s+(?:اخر|متصل)|"
    r"[وف]?(?:في|وفي)\s+(?:سياق|السياق|غضون|الاطار|المقابل|الوقت\s+(?:نفسه|ذاته))|"
    r"[وف]?الي\s+ذلك|"
    r"[وف]?(?:كما|فيما|بينما|حيث|لذلك|لذا|ولهذا|وعليه)\s|"
    r"[وف]?(?:اضاف|اضافت|تابع|تابعت|استطرد|استدرك|ختم|اختتم)\s|"
    r"(?:مبين|مشير|موضح|موكد|لافت|مضيف|منوه|معرب)(?:ا|ه|ين)?\s|"
    r"وكان(?:ت|وا)?\s|"
    # «وبتفتيش السائق …», «وبحضور …», «وبالتحقيق معه …»: a circumstance of a happening
    # told before
    r"[وف]ب\S{3,}\s"
    r")"
)
#: one و/ف-word then a comma at the very start: a verb whose subject is a pronoun
#: («وأهاب، بالمواطنين …») or a link to what came before («وعليه، …», «وبالمناسبة، …»)
_LINKED_WORD_RE = re.compile(r"^\s*[وف]\S{2,}\s*[،,]")


#: «وأعرب عن عزائه …»: و/ف + a verb, then at once a preposition — the subject is a
#: pronoun for someone named in an earlier sentence
_PRONOUN_SUBJECT_RE = re.compile(r"^\s*[وف](\S{3,})\s+(?:عن|علي|الي|في|من|لدي|خلال|امام|حول)\s")


def leans_back(text: str) -> bool:
    """Whether a sentence leans on what came before it and so cannot open a story:
    it points back («جاء ذلك خلال استقبال سموه …», «أوضح ذلك رئيس الاتحاد …»,
    «وتأتي هذه الخدمة …»), continues a report («من جانبه …», «كما …», «وأضاف …»), gives
    background in the pluperfect («وكان المدرب قد …»), opens with a verb whose subject
    is a pronoun («وأهاب، بالمواطنين …», «وأعرب عن عزائه …») or with a circumstantial
    participle («مبينة أنه …», «مشيراً إلى …»)."""
    norm = normalize(text)
    if _LEANS_BACK_RE.match(norm) or _LINKED_WORD_RE.match(norm):
        return True
    verb = _PRONOUN_SUBJECT_RE.match(norm)
    return bool(verb and _verb_like(verb.group(1)))


_QUOTE_OPEN_RE = re.compile(r"^\s*[«\"“”'‘]")
_QUOTED_RE = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”|\(\([^)]*\)\)|﴿[^﴾]*﴾|\{[^}]*\}")


def opens_with_quote(text: str) -> bool:
    """Whether a sentence opens with a quotation or is mostly one (a verse in ((…)),
    ﴿…﴾ or {…} too: «قال الله تعالى: ((…))» heads every execution statement): a quote
    says what someone said, not what happened, and leaves «who?» to the next sentence."""
    if _QUOTE_OPEN_RE.match(text):
        return True
    quoted = sum(len(m.group()) for m in _QUOTED_RE.finditer(text))
    return quoted > 0.6 * len(text)


#: how many words from the start a future cue makes the sentence an announcement
_ANNOUNCE_REACH = 4
#: how many words after a present-tense opening verb «اليوم» makes it a preview
_PREVIEW_REACH = 8
_TODAY_RE = re.compile(r"(?<!\S)(?:اليوم|الليله|غدا|[وب]?مساء\s+اليوم|ظهر\s+اليوم)(?!\S)")


def announces(text: str) -> bool:
    """Whether a sentence announces what is to come rather than reports what happened:
    a future cue (``سيلتقي``, ``من المقرر``, ``يعتزم``, ``سوف``) among its first words,
    the main clause (``تعتزم غرفة الجوف عقد لقاء``, ``وفي مصر سيلتقي كيري اليوم``), or a
    present-tense opening verb with «اليوم» (``يلتقي المنتخب اليوم نظيره``: a match
    preview). A future verb inside reported speech («قال إن بلاده ستواصل …») is a
    statement made."""
    from marsad.timeline import _FUTURE_RE, _future_verb

    norm = normalize(text)
    words = norm.split()
    head = " ".join(words[:_ANNOUNCE_REACH])
    if any(not m.group("verb") or _future_verb(m.group("verb")) for m in _FUTURE_RE.finditer(head)):
        return True
    # «يلتقي المنتخب … اليوم نظيره», «يخوض الهلال مساء اليوم …»: a present-tense opening
    # verb with today/tonight/tomorrow is what will happen that day
    first = words[0] if words else ""
    return bool(
        first[:1] in "يت"
        and _verb_like(first)
        and _TODAY_RE.search(" ".join(words[1:_PREVIEW_REACH]))
    )
