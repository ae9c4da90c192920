"""Reported speech → :class:`~marsad.model.Quote` records: who said what, with offsets.

Arabic news attributes almost everything. The shapes handled here, sentence by
sentence (quotes never cross a sentence; the splitter keeps paired «…» together):

* **verb first** (the usual order): ``قال وزير الخارجية الروسي، سيرغي لافروف، اليوم
  الجمعة، إن "…"`` — a speech verb (:data:`marsad.arabic.lexicons.SPEECH_VERBS`), the
  subject, adverbials, then the content: a quotation «…» / "…" / “…”, a colon, or a
  complementizer (أن/إن/بأن/أنه …);
* **subject first**: ``لافروف قال في مؤتمر صحفي … "…"``, ``وكان لافروف قد نفى …``,
  ``لكنه أقر بأن …`` (a pronoun: the previous speaker);
* **continuations**: ``وأضاف``, ``وتابع``, ``ولفت إلى أن`` with no subject inherit the
  previous speaker; participles (``مشيراً إلى أن``, ``مضيفاً``) continue the speaker of
  their sentence;
* **reported via**: ``نقلت قناة X عن لافروف قوله "…"`` (speaker لافروف), and a clause
  that ends ``حسب/بحسب/وفقا لـ/نقلا عن`` + a named source.

Kinds: *direct* when the content is a quotation that the clause ends with, else
*indirect* (the complement clause, to the end of the sentence or the next speech verb).

Speakers: a PER/ORG mention in the subject (resolved to its canonical entity), a
role + name (``المتحدث باسم «البنتاغون» بيتر كوك`` → بيتر كوك, with or without the NER
finding the name), a role alone that the digest attached to exactly one person
(``وزير الخارجية الروسي`` → سيرغي لافروف), or else an anonymous description kept
verbatim (``مسؤولان غربيان``, ``المصدر الروسي المقرب من سلاح البحرية``).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.arabic.lexicons import (
    ABBREVIATED_TITLES,
    ACCORDING_TO,
    BACKGROUND_VERBS,
    HONORIFICS,
    NOT_SPEAKER_WORDS,
    PLACE_NOUNS,
    SCRIPTURE_WORDS,
    SPEAKER_NOUNS,
    SPEECH_PARTICIPLES,
    SPEECH_VERB_FORMS,
    SPEECH_VERBS,
    TITLE_PRONOUNS,
    TITLES,
    WEEKDAYS,
)
from marsad.arabic.normalize import normalize
from marsad.arabic.sentences import split_sentences
from marsad.entities.canonical import name_key
from marsad.entities.roles import ANONYMOUS_HEADS, Word, clean_phrase, strip_proclitic, title_at, words_of
from marsad.model import Article, Entity, Mention, Quote

__all__ = ["extract_quotes", "find_quotes", "given_names", "name_index", "role_index", "Speaker"]

_OPEN_CLOSE = {"«": "»", '"': '"', "“": "”", "„": "“", "”": "“"}
_COMPLEMENTIZERS = frozenset(
    normalize(w) for w in (
        "أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "إنهم", "أنهما", "إنهما", "أننا", "إننا",
        "أنني", "إنني", "بأن", "بأنه", "بأنها", "بأنهم", "بأنهما", "بأننا", "فإن", "فإنه",
    )
)
_BARE_COMPLEMENTIZERS = frozenset(normalize(w) for w in ("أن", "إن", "بأن", "فإن"))
#: A complementizer after these is adverbial ("دون أن يكشف"), not reported speech.
_NOT_SPEECH_BEFORE = frozenset(
    normalize(w) for w in ("دون", "بدون", "قبل", "بعد", "رغم", "منذ", "لمجرد", "يمكن", "يجب", "ما", "حين", "بعدما")
)
#: Prepositions with a pronoun between a verb and its subject.
_LEADING_PRONOUN_PPS = frozenset(
    normalize(w) for w in ("فيه", "فيها", "له", "لها", "لهم", "لنا", "عنه", "عنها", "عليه", "عليها", "فيهم", "لي", "لك", "لكم", "لهما",
                           "خلاله", "خلالها", "خلالهم", "منه", "منها")
)
#: Manner words after a verb ("ويضيف مستطرداً:"): not a subject.
_MANNER = frozenset(
    normalize(w) for w in ("مستطردا", "مستدركا", "متسائلا", "ساخرا", "معلقا", "مبتسما", "بقوله", "بالقول")
)
#: Words that end the subject noun phrase after a verb (adverbials, prepositions).
_SUBJECT_BREAKS = frozenset(
    normalize(w) for w in (
        "في", "خلال", "أمام", "عقب", "بعد", "قبل", "حسب", "بحسب", "وفقا", "وفق", "نقلا", "عن", "مع",
        "على", "إلى", "الى", "اليوم", "أمس", "مساء", "صباح", "صباحا", "مساء", "لأول", "مجددا", "أيضا",
        "كذلك", "ذلك", "أمس", "يوم", "الليلة", "حين", "عندما", "بينما", "فيما", "إثر", "اثر", "لدى", "لوكالة",
        "لصحيفة", "لقناة", "لموقع", "لرويترز", "للصحفيين", "للصحافيين", "لدى", "هاتفيا", "بدوره", "بدورها",
        "للأنباء", "بشكل", "ردا", "تعليقا", "وهو", "وهي", "الذي", "التي", "الذين", "مرة", "أخيرا",
        "دون", "بدون", "و", "لتلفزيون", "لإذاعة", "لمجلة", "لشبكة", "لوكالات", "لصحف",
        "وبشكل", "بكل", "وبكل", "بصورة", "وبصورة",  # «ويؤكد وبكل وضوح ما …»: an adverbial, no subject
        "لـ",  # «مصادر خاصة لـ«الشرق الأوسط»»: the hearer follows
    )
) | frozenset(WEEKDAYS) | _COMPLEMENTIZERS | _MANNER
#: Time phrases and demonstratives that end a subject: «الشهر الماضي», «هذا الأسبوع».
_PERIODS = frozenset(normalize(w) for w in ("الشهر", "العام", "الأسبوع", "الاسبوع", "السنة", "الأسابيع", "الأشهر", "الأيام"))
_PERIOD_ADJECTIVES = frozenset(normalize(w) for w in ("الماضي", "الماضية", "المقبل", "المقبلة", "الجاري", "الحالي", "الفائت", "القادم"))
_DEMONSTRATIVES = frozenset(normalize(w) for w in ("هذا", "هذه", "ذلك", "تلك", "هذين", "هاتين"))
_MA = normalize("ما")
_BAAD = normalize("بعض")
_ADAD = normalize("عدد")
_MIN = normalize("من")
_AN = normalize("عن")
_QAD_WORD = normalize("قد")
_BISM = normalize("باسم")
#: Prepositions that continue a role right after its title: «المشرف على», «المسؤول عن».
_ROLE_PREPOSITIONS = frozenset(normalize(w) for w in ("على", "عن"))
#: Negations before a verb: «لم يكشف», «لا يذكر» report nothing said.
_NEGATIONS = frozenset(normalize(w) for w in ("لم", "ولم", "فلم", "لا", "ولا", "لن", "ولن"))
#: Addressees written after the subject (the outlet or agency told): «لوكالة فرانس برس».
_ADDRESSEES = frozenset(normalize(w) for w in ("لوكالة", "لصحيفة", "لقناة", "لموقع", "لإذاعة", "لمجلة", "لشبكة", "لـ"))
#: Breaks that also end a search for a name in apposition after a role.
_STRONG_BREAKS = frozenset(
    normalize(w) for w in ("خلال", "عقب", "حسب", "بحسب", "وفقا", "وفق", "نقلا", "عن", "مع", "أمام", "لوكالة", "دون", "بدون")
) | _COMPLEMENTIZERS
#: Speech verbs whose object is the hearer (أبلغ كارتر أن …): the subject is not after them.
_SKIP_LEMMAS = frozenset({normalize("أبلغ")})
#: Verbs whose reported content may follow without أن: "نفى أي تعزيز", "دعا الائتلاف إلى".
_OBJECT_LEMMAS = frozenset(
    normalize(w) for w in ("نفى", "دعا", "طالب", "أعلن", "اتهم", "أكد", "كشف", "حذر", "أعرب", "اعتبر", "توقع", "ناشد",
                           "استنكر", "ثمن", "أهاب", "أدان")
)
#: Verbs whose content may be a prepositional object (أشار إلى سقوط …، شدد على ضرورة …،
#: أفادت بوقوع …): the content starts after إلى/على/بـ when no أن follows it at once.
_PP_LEMMAS = frozenset(
    normalize(w) for w in (
        "أشار", "لفت", "شدد", "نوه", "أكد", "دعا", "طالب", "أفاد", "أشاد", "حذر", "نبه", "أوضح", "أعرب", "ادعى", "كشف",
        "أعلن", "أهاب", "ناشد",
    )
)
_PP_HEADS = frozenset(normalize(w) for w in ("على", "إلى", "الى", "علي"))
#: Words that make إلى/على an adverbial: «إضافة إلى», «بالنسبة إلى», «علاوة على».
_PP_IDIOMS = frozenset(normalize(w) for w in ("إضافة", "بالإضافة", "اضافة", "بالاضافة", "بالنسبة", "علاوة", "استنادا", "نظرا", "إشارة", "اشارة", "قياسا"))
#: Verbs whose content is the object of another preposition: «حذر من خطورة …»,
#: «كشف عن استخدام …», «أعرب عن أمله …» (the lemma → its heads).
_OTHER_PP_HEADS = {
    normalize("حذر"): frozenset({normalize("من")}),
    normalize("كشف"): frozenset({normalize("عن")}),
    normalize("أعرب"): frozenset({normalize("عن")}),
    normalize("أعلن"): frozenset({normalize("عن")}),  # «أعلنت الوزارة عن إطلاق …»
}
#: Adverbials written with a glued ب: not a prepositional object.
_B_ADVERBS = frozenset(
    normalize(w) for w in ("بالإضافة", "بشكل", "بسبب", "بعد", "بين", "بدون", "بدوره", "بدورها", "بالقول", "بقوله", "بالتزامن", "بمناسبة")
)
#: Prepositions: a name right after one is not the subject of the verb that follows.
_PREPOSITIONS = frozenset(
    normalize(w) for w in ("مع", "عن", "من", "في", "على", "إلى", "الى", "بين", "ضد", "عقب", "بعد", "قبل", "لدى", "حول", "عند")
)
#: «وكان … قد» with no subject of its own: the outlet's background, not a new statement.
_KANA = frozenset(normalize(w) for w in ("كان", "وكان", "كانت", "وكانت", "فكان"))
_NAQALA = normalize("نقل")
_SHAA = normalize("شاء")
_HAYTHU = normalize("حيث")
#: Speech verbs that are also comparatives: «أوضح» "clearer", «أكد» (no), …
_COMPARATIVES = frozenset(normalize(w) for w in ("أوضح", "اوضح"))
#: «… لكن قالت إنها»: what follows these in the words before a verb is its clause.
_CLAUSE_LINKS = frozenset(normalize(w) for w in ("لكن", "ولكن", "ثم", "بل"))
_TABI = normalize("تابع")
_AMAM = normalize("أمام")  # also «إمام» (a mosque's imam) once the hamza is folded
_AALANA = normalize("أعلن")
_DAA = normalize("دعا")
_WASAFA = normalize("وصف")
_AS = frozenset(normalize(w) for w in ("كما", "وكما", "مثلما"))
#: «يعتبر X أن …» reports X's view only when أن follows a short subject.
_MAX_CONSIDERED_WORDS = 6
_IS_CONSIDERED = frozenset(normalize(w) for w in ("يعتبر", "تعتبر", "ويعتبر", "وتعتبر", "فيعتبر", "فتعتبر"))
#: Words that end a sentence-opening source phrase and start its content («… فقد احتلت»).
_SOURCE_END = frozenset(normalize(w) for w in ("فقد", "فإن", "فان", "فإنه", "فأن", "فقد", "فإنها"))
#: «وزاد: "…"», «وزاد قائلا»: زاد ("added") reports speech only right before a quotation.
_ZADA = frozenset(normalize(w) for w in ("زاد", "وزاد", "زادت", "وزادت"))
_AL = normalize("آل")
_KAY = normalize("كي")
_ALA = normalize("على")
#: Stems of the attribution phrases (:data:`ACCORDING_TO`, «على ما أوضح»), normalized: a
#: sentence whose normalized words hold none has no source after its statement (read on
#: the words' normalized forms, so «حسـب» with a tatweel and «حَسَب» with vowels count).
_ACCORDING_HINT_RE = re.compile("|".join(normalize(h) for h in ("حسب", "وفق", "طبق", "نقل", "على حد", "كما قال", "كما ذكر", "على ما")))
#: «وبين سموه أن …» ("and he made clear"): بين is also "between" (وبين الطرفين), so it
#: reports speech only before أن, a title-pronoun, a title or a named person.
_BAYYAN = normalize("بين")
_BAYYANA = frozenset(normalize(w) for w in ("وبين", "فبين"))
_QAD = frozenset(normalize(w) for w in ("قد", "فقد", "وقد", "لقد"))
#: Verbs whose content may be a noun with a glued ب (أفادت بوقوع، أشاد بجهود، طالب بـ).
_B_LEMMAS = frozenset(normalize(w) for w in ("أفاد", "أشاد", "نوه", "طالب", "أهاب", "ناشد"))
#: «أمرنا بما هو آت»: the formula of a royal order; what follows its colon is the
#: order's text, said by the king the article names.
_DECREE = normalize("أمرنا بما هو آت")
_DECREE_TITLES = frozenset(normalize(w) for w in ("الملك", "ملك", "خادم", "العاهل", "جلالة"))
_POET = frozenset(normalize(w) for w in ("الشاعر", "شاعر", "الشاعرة"))
#: Honorific noun → the titles of the person it introduces (سمو رئيس الوزراء → a prince).
_HONORIFIC_CLASS = {
    normalize(h): TITLE_PRONOUNS[normalize(p)]
    for h, p in (("سمو", "سموه"), ("معالي", "معاليه"), ("فضيلة", "فضيلته"), ("سعادة", "سعادته"),
                 ("سماحة", "سماحته"), ("جلالة", "جلالته"), ("فخامة", "فخامته"))
}
#: Words around a person mention that say which titles the person carries.
_TITLE_WINDOW_BEFORE = 6
_TITLE_WINDOW_AFTER = 6
#: A speech verb right after these is a relative clause ("التقارير التي تفيد"), not speech.
_RELATIVES = frozenset(
    normalize(p + w) for p in ("", "و") for w in ("التي", "الذي", "الذين", "اللتين", "اللذين", "اللواتي", "اللائي")
)
#: "من جهته/جانبها/ناحيته" after a subject is an adverbial, not part of the name.
_FROM_SIDE = frozenset(normalize(w) for w in ("جهته", "جهتها", "جانبه", "جانبها", "جابنها", "ناحيته", "ناحيتها", "جهتهم"))
#: Leading discourse particles before a subject-first verb ("وكان لافروف قد نفى").
_PRE_PARTICLES = frozenset(
    normalize(w) for w in (
        "و", "ف", "لكن", "ولكن", "كذلك", "وكذلك", "فيما", "بينما", "وكان", "كان", "وكانت", "كانت", "فإن",
        "إن", "وإن", "قد", "وقد", "ثم", "حيث", "كما", "لوكان", "أيضا", "بدوره", "بدورها", "من", "ناحيته",
        "ناحيتها", "جهته", "جهتها", "جانبه", "جانبها", "حسب", "بحسب", "وحسب", "تأكيدات", "تصريحات",
        "مضى", "ومضى", "مضت", "ومضت", "عاد", "وعاد", "عادت", "وعادت", "راح", "وراح",  # «ومضى يقول»: went on saying
        "فقد", "لقد", "ولقد", "وفيما", "وبينما",
        "أما", "وأما",  # «أما المصرف المركزي الصيني فأكد أنه …»: the topic is the subject
    )
)
#: Words that open a topic before the verb («وبخصوص …، قال», «وبشأن … أوضح»).
_TOPIC_WORDS = frozenset(normalize(w) for w in ("بخصوص", "بشأن", "وبخصوص", "وبشأن", "حول", "وحول", "عن", "وعن", "ردا", "وردا"))
#: Pronoun subjects: "لكنه أقر", "إنها قالت" → the previous speaker.
_PRONOUN_PARTICLES = frozenset(
    normalize(w) for w in ("لكنه", "لكنها", "ولكنه", "ولكنها", "إنه", "إنها", "وإنه", "فإنه", "وهو", "وهي", "هو", "هي", "لكنهم", "بدوره", "بدورها")
)
#: Plural pronoun subjects («وهم يوضحون أن …»): whom they stand for is not the last
#: speaker as a rule; the statement is kept with no speaker.
_PLURAL_PRONOUNS = frozenset(normalize(w) for w in ("وهم", "هم", "فهم", "وهما", "هما", "وهن", "هن"))
#: Subordinators in the words before a verb: «رجل الأعمال أثار الضحك عندما ذكر أنه …»
#: (the words are a clause of their own, not the verb's subject).
_SUBORDINATORS = frozenset(normalize(w) for w in (
    "عندما", "حين", "حينما", "بعدما", "لما", "كلما", "إذ", "إذا", "طالما", "ريثما", "وعندما", "وحين", "وحينما", "فعندما"))
#: Question words before a verb: «متى تتوقع …؟» asks, it reports nothing.
_QUESTION_WORDS = frozenset(
    normalize(p + w) for p in ("", "و", "ف") for w in ("متى", "هل", "كيف", "لماذا", "ماذا", "أين")
)
#: Heads of an organization name written before a (quoted) name: وكالة «رويترز».
_ORG_HEADS = frozenset(normalize(w) for w in ("وكالة", "صحيفة", "قناة", "موقع", "إذاعة", "تلفزيون", "مجلة", "شبكة"))
#: Heads of sources that may follow حسب/وفقا لـ ("حسب مصادر", "وفقا لبيان").
_SOURCE_HEADS = ANONYMOUS_HEADS | _ORG_HEADS | frozenset(
    normalize(w) for w in ("مصادر", "بيان", "تقرير", "تقارير", "مسؤولين", "شهود", "ناشطين", "ناشطون", "مراسل", "وكالات")
)
#: Documents and figures a source speaks through («وفقا لبيانات بورصة كوريا», «ووفقا
#: لإحصائيات حكومة الإقليم»): their genitive names the source.
_DOCUMENT_NOUNS = frozenset(
    normalize(w) for w in ("بيان", "بيانات", "تقرير", "تقارير", "إحصائية", "إحصائيات", "احصائيات", "إحصاءات", "احصاءات",
                           "دراسة", "أرقام", "معطيات", "تقديرات", "استطلاع", "وثيقة", "مذكرة", "رسالة", "تصريحات", "تصريح")
)
#: Heads that never name a source after «وفقا لـ»: «وفقا لقرار», «وفقا لنظام» ("in accordance with").
_NOT_SOURCES = frozenset(normalize(w) for w in ("قرار", "نظام", "لائحة", "برنامج", "خطة", "رؤية", "مادة", "شروط", "أحكام", "تنظيم"))
_TIME_WORDS = frozenset(normalize(w) for w in ("أمس", "اليوم", "مساء", "صباح", "الماضي", "الليلة")) | frozenset(WEEKDAYS)
_QAWL = frozenset(normalize(w) for w in ("قوله", "قولها", "قولهم", "قولهما"))
_MAX_SUBJECT_WORDS = 10
#: An earlier described speaker longer than this is not taken up by «الوزير», «المصدر».
_MAX_DESCRIPTION_WORDS = 8
_MAX_PRE_WORDS = 6
_SHORT_QUOTE_WORDS = 3
#: A quotation this long right after the verb is what was said, whatever follows it
#: («وأوضح بوتين "نحن نرى ما يحصل حول كرة القدم" في إشارة إلى …»), not a quoted term.
_LONG_QUOTE_WORDS = 6
_QUOTE_MARK_RE = re.compile("[" + "".join(_OPEN_CLOSE) + "]")
#: What separates two words of different clauses: sentence punctuation, a line break, a quotation mark.
_BOUNDARY_RE = re.compile(r"[\n.!?؟:؛;»«\"“”]")
_TERMINAL_RE = re.compile(r"^[\s.!?؟…،,؛:)\]]*$")
_PUNCT_GAP_RE = re.compile(r"[،,؛;:.!?؟]")
#: A statement that opens with the braces or ornate brackets of a Quran verse.
_QURAN_RE = re.compile(r"^\s*[{﴿﴾]")
#: A statement has Arabic words («"Android OS, v5.0.2"» after «كشفت سامسونج» is a name).
_ARABIC_RE = re.compile(r"[\u0621-\u064A]{2}")
#: What ends a subject noun phrase: punctuation, a dash aside (« - رفض الكشف عن اسمه - »).
_SUBJECT_GAP_RE = re.compile(r"[،,؛;:.!?؟–—]|\s-\s")
#: Adjectives that follow a role without naming anyone («قائد كبير», «مسؤول رفيع»).
_ROLE_ADJECTIVES = frozenset(
    normalize(w) for w in (
        "كبير", "كبيرة", "رفيع", "رفيعة", "بارز", "بارزة", "سابق", "سابقة", "آخر", "أخرى", "جديد", "كبار", "رفيعي",
        "متقاعد", "متقاعدة", "عام", "عامة",
    )
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to: a display name and, when known, an entity id.

    ``name`` is None when the text attributes the quote to someone it does not let us
    name (an unresolved «سموه», a place): the quote is kept, its speaker is unknown.
    """

    name: str | None
    entity: str | None = None


#: The "speaker" of what is not reported speech: scripture, recited verse, the
#: outlet's background, a subject that cannot speak (هذا الواقع، احتفالية …).
_NOT_SPEECH = Speaker("\x00not speech")
#: A speaker the text refers to but does not name (null in the report).
_UNKNOWN = Speaker(None)
#: A subjectless verb whose form cannot continue the speaker before (a feminine or
#: plural verb after a man): null in the report, and the speaker before goes on.
_DISAGREES = Speaker(None, None)


@dataclass(slots=True)
class _Context:
    """Per-article lookups shared by the helpers below."""

    text: str
    words: list[Word]
    mention_at: dict[int, Mention]  # word index → mention covering it
    entities: Mapping[str, Entity]
    by_role: Mapping[str, str]  # normalized role → entity id (only unambiguous roles)
    by_name: Mapping[tuple[str, ...], str]  # name key → entity id
    starts: list[int] = field(default_factory=list)  # word start offsets, for bisect
    spoken: list[tuple[int, Speaker]] = field(default_factory=list)  # (word index, speaker) so far
    spans: list[tuple[int, int, Mention]] = field(default_factory=list)  # (first, end word, mention), text order
    _people: list[tuple[int, int, Mention]] | None = None
    _names: dict[int, bool] = field(default_factory=dict)  # id(mention) → holds a name
    #: Word index where the name a speaker was read from ends (set by the resolvers,
    #: read by the caller to find where the object starts after it).
    named_end: int | None = None
    #: (word index, bare words of the subject, speaker) of speakers named after a
    #: description, so that «المتخصص», «المدرب» later can take them up.
    described: list[tuple[int, frozenset[str], Speaker]] = field(default_factory=list)
    #: First words of the persons' names the digest knows (see :func:`given_names`).
    given_names: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.starts = [w.start for w in self.words]

    @property
    def people(self) -> list[tuple[int, int, Mention]]:
        """(first word, end word, mention) of every person named in the article, in text
        order (computed on first use: most articles never need it)."""
        if self._people is None:
            self._people = [(i, end, m) for i, end, m in self.spans if self.kind(m) == "PER" and self.names_someone(m)]
        return self._people

    def names_someone(self, mention: Mention) -> bool:
        """Whether a mention's words hold a name, not only titles («رئيس», «الأمير»)."""
        known = self._names.get(id(mention))
        if known is None:
            known = self._names[id(mention)] = any(not _is_title_word(w) for w in _name_words(mention.text))
        return known

    def mention(self, i: int) -> Mention | None:
        return self.mention_at.get(i)

    def kind(self, mention: Mention) -> str:
        """The mention's type as its canonical entity has it (the tagger may call a
        surname LOC once; the merged entity is still a person)."""
        entity = self.entities.get(mention.entity_id) if mention.entity_id else None
        return entity.type if entity is not None else mention.type

    def speaker_of(self, mention: Mention) -> Speaker:
        if self.kind(mention) == "LOC" and not _is_country(self.entities.get(mention.entity_id or "", None), mention):
            if self.text[max(0, mention.start - 1):mention.start] in ("«", '"', "“"):
                return Speaker(clean_phrase(mention.text), None)  # «ولاية سيناء»: a group's name
            return _UNKNOWN  # a place does not speak («قالت عسير»: someone there did); a state does
        if mention.entity_id and mention.entity_id in self.entities:
            entity = self.entities[mention.entity_id]
            if entity.type != "PER" or set(name_key(entity.name)) & set(name_key(mention.text)):
                return Speaker(entity.name, entity.id)
            # a person whose canonical name shares no word with what the text says («علي
            # الحسيني» in an entity named «أي جهة») is shown as written, unlinked
        return Speaker(clean_phrase(mention.text), None)


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[tuple[str, ...]]:
    """Name keys of the world's countries in Arabic (CLDR through Babel, offline)."""
    from babel import Locale

    names = (name for code, name in Locale("ar").territories.items() if code.isalpha())
    return frozenset(name_key(n) for n in names)


def _is_country(entity: Entity | None, mention: Mention) -> bool:
    """Whether a place mention names a country (a state speaks through its government)."""
    keys = _country_keys()
    return name_key(entity.name if entity is not None else mention.text) in keys or name_key(mention.text) in keys


def _bare(norm: str) -> str:
    """A normalized word without its proclitic and article: «للرئيس» → «رئيس»."""
    word, _ = strip_proclitic(norm)
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


#: Titles of royalty (bare forms): a person so titled is not «معاليه» or «سعادته».
_ROYAL_TITLES = frozenset(_bare(normalize(w)) for w in ("الملك", "الأمير", "سمو", "جلالة", "خادم", "الأميرة", "السمو", "العاهل"))


def _is_title_word(norm: str) -> bool:
    word, _ = strip_proclitic(norm)
    return word in TITLES or word in HONORIFICS or word in ABBREVIATED_TITLES or word in TITLE_PRONOUNS


@lru_cache(maxsize=50_000)
def _name_words(name: str) -> tuple[str, ...]:
    """A speaker name's words in matching form (cached: speakers repeat)."""
    return tuple(w.norm for w in words_of(name))


# --- trigger words --------------------------------------------------------------------


def _trigger_kinds() -> dict[str, str]:
    """Speech word form → "verb", "participle" or "qawl" (one lookup per word: this runs
    on every word of every article). زاد counts as a verb, live only before a quotation
    (see :func:`_live_trigger`)."""
    kinds = {form: "qawl" for form in _QAWL}
    kinds.update((form, "participle") for form in SPEECH_PARTICIPLES)
    kinds.update((form, "verb") for form in _ZADA)
    kinds.update((form, "verb") for form in _BAYYANA)
    kinds[_BAYYAN] = "verb"  # live only after قد (see :func:`_live_trigger`)
    kinds.update((form, "verb") for form, lemma in SPEECH_VERBS.items() if lemma not in _SKIP_LEMMAS)
    for form, lemma in SPEECH_VERBS.items():
        if lemma in _SKIP_LEMMAS:
            kinds.pop(form, None)
    return kinds


_TRIGGER_KINDS = _trigger_kinds()


def _trigger(word: Word) -> str | None:
    """"verb", "participle" or "qawl" for a speech word, else None."""
    return _TRIGGER_KINDS.get(word.norm)


def _lemma(word: Word) -> str | None:
    return SPEECH_VERBS.get(word.norm) or SPEECH_PARTICIPLES.get(word.norm) or (_BAYYAN if word.norm in _BAYYANA else None)


def _is_complementizer(ctx: _Context, i: int) -> bool:
    """أن/إن that opens reported content here: not adverbial («دون أن»), not the
    complement of the outlet's own «يذكر أن», «يتوقع أن» (which is not the speaker's)."""
    if ctx.words[i].norm not in _COMPLEMENTIZERS:
        return False
    named = ctx.mention(i)
    if (named is not None and ctx.kind(named) == "PER") or (i + 1 < len(ctx.words) and ctx.words[i + 1].norm == _KAY):
        return False  # «بان كي مون»: a name that normalizes to «بأن» («بأن كي» is no clause)
    if i + 1 < len(ctx.words) and ctx.words[i + 1].norm == _SHAA:
        return False  # «إن شاء الله»: "God willing", no statement
    return i == 0 or (ctx.words[i - 1].norm not in _NOT_SPEECH_BEFORE and ctx.words[i - 1].norm not in BACKGROUND_VERBS)


def _closing(text: str, open_at: int, limit: int) -> int | None:
    """Offset of the mark closing the quotation opened at ``open_at`` (within ``limit``)."""
    close = _OPEN_CLOSE.get(text[open_at])
    if close is None:
        return None
    end = text.find(close, open_at + 1, limit)
    if end == -1 and text[open_at] == "”":  # reversed marks from RTL editors
        end = text.find("”", open_at + 1, limit)
    return None if end == -1 else end


def _words_between(ctx: _Context, start: int, end: int) -> int:
    lo = bisect.bisect_left(ctx.starts, start)
    hi = lo
    while hi < len(ctx.words) and ctx.words[hi].end <= end:
        hi += 1
    return hi - lo


# --- content ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Content:
    start: int  # offset where the quoted text starts
    end: int
    kind: str
    subject_end: int  # word index where the subject region ends (exclusive)


def _find_content(ctx: _Context, first: int, stop: int, limit: int, sentence_end: int) -> _Content | None:
    """The content after a speech word: words ``first``..``stop`` (exclusive), text up to
    ``limit`` (the next speech word); a quotation may run on to ``sentence_end``."""
    text, words = ctx.text, ctx.words
    pos = words[first - 1].end if first > 0 else 0
    i = first
    while i <= stop:
        gap_end = words[i].start if i < stop else limit
        gap = text[pos:gap_end]
        for k, ch in enumerate(gap):
            at = pos + k
            if ch == ":":
                return _after_marker(ctx, i, stop, max(limit, sentence_end), at + 1)
            if ch in _OPEN_CLOSE:
                close = _closing(text, at, sentence_end)
                if close is None:
                    if _unclosed(ctx, at, pos, sentence_end):
                        # «… الصانع، "الجميع يتفق …» with no closing mark in its paragraph: a
                        # quotation the writer left open runs to the sentence end
                        end = sentence_end
                        while end > at + 1 and (text[end - 1].isspace() or text[end - 1] in ".،,؛:"):
                            end -= 1
                        return _Content(at + 1, end, "direct", i)
                    continue
                tail_end = max(limit, close + 1)
                tail = text[close + 1:tail_end]
                later = any(_is_complementizer(ctx, k) for k in range(i, stop) if words[k].start > close)
                if _words_between(ctx, at, close) < 2 and not text[pos:at].strip().endswith(":"):
                    pass  # «… لـ"داعش"»: a one-word quotation is a name, not what was said
                elif (
                    _TERMINAL_RE.match(tail)
                    or _clause_boundary(ctx, close + 1, tail_end) is not None
                    or (tail[:1] in "،," and tail[:1] and _words_between(ctx, at, close) > _SHORT_QUOTE_WORDS)
                    or (tail[:1] == "." and (not later or _words_between(ctx, at, close) > _SHORT_QUOTE_WORDS))
                    or _words_between(ctx, at, close) >= _LONG_QUOTE_WORDS
                ):
                    return _quoted(ctx, i, at, close, sentence_end)
                # A quoted name or term inside the clause ("رويترز", «البنتاغون»,
                # "دور إيجابي"): not the content; look on after it.
                pos = close + 1
                i = next((k for k in range(i, stop) if words[k].start > close), stop)
                break
        else:
            if i == stop:
                return None
            if _is_complementizer(ctx, i):
                return _after_marker(ctx, i, stop, limit, words[i].end, sentence_end)
            pos = words[i].end
            i += 1
            continue
        if pos > limit:
            return None
    return None


_MIN_UNCLOSED_WORDS = 4


def _unclosed(ctx: _Context, at: int, gap_start: int, sentence_end: int) -> bool:
    """Whether the mark at ``at`` opens a quotation its writer never closed: an opening
    mark («, “ or "), nothing but a space, comma or colon between the words before and
    it, no mark that closes it before the paragraph ends, and at least four words after it."""
    text = ctx.text
    mark = text[at]
    if mark not in "«“\"" or text[gap_start:at].strip(" ،,:") :
        return False
    para_end = text.find("\n", at)
    para_end = len(text) if para_end == -1 else para_end
    if _OPEN_CLOSE[mark] in text[at + 1:para_end]:
        return False
    return _words_between(ctx, at, sentence_end) >= _MIN_UNCLOSED_WORDS


def _quoted(ctx: _Context, subject_end: int, open_at: int, close: int, limit: int) -> _Content | None:
    start, end = open_at + 1, close
    while start < end and ctx.text[start].isspace():
        start += 1
    while end > start and ctx.text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return _Content(start, end, "direct", subject_end)


def _after_marker(ctx: _Context, i: int, stop: int, limit: int, after: int, sentence_end: int | None = None) -> _Content | None:
    """Content after a colon or complementizer: a whole quotation, or a clause."""
    text = ctx.text
    j = after
    while j < limit and text[j].isspace():
        j += 1
    if j < limit and text[j] in _OPEN_CLOSE:
        close = _closing(text, j, sentence_end or limit)
        if close is not None:
            tail = text[close + 1:max(limit, close + 1)]
            if _TERMINAL_RE.match(tail) or _clause_boundary(ctx, close + 1, max(limit, close + 1)) is not None:
                return _quoted(ctx, i, j, close, limit)
    end = _clause_end(ctx, j, limit)
    return _Content(j, end, "indirect", i) if end > j else None


def _clause_boundary(ctx: _Context, start: int, limit: int) -> int | None:
    """Offset where a trailing participle clause or a حسب-source starts right after ``start``."""
    for idx in range(bisect.bisect_left(ctx.starts, start), len(ctx.words)):
        w = ctx.words[idx]
        if w.start >= limit:
            return None
        gap = ctx.text[start:w.start]
        if gap.strip(" ،,") == "" and (_trigger(w) == "participle" or w.norm in ACCORDING_TO):
            return start
        return None
    return None


def _clause_end(ctx: _Context, start: int, limit: int) -> int:
    """End of an indirect clause: before ``، مشيرا``, ``، حسب …`` or the sentence end."""
    end = limit
    first = bisect.bisect_right(ctx.starts, start)
    for idx in range(first, len(ctx.words)):
        w = ctx.words[idx]
        if w.start >= limit:
            break
        if _trigger(w) == "participle" or (w.norm in ACCORDING_TO and _PUNCT_GAP_RE.search(ctx.text[ctx.words[idx - 1].end:w.start])):
            end = w.start
            break
    text = ctx.text
    while end > start and (text[end - 1].isspace() or text[end - 1] in "،,.؛:"):
        end -= 1
    return end


# --- speakers ---------------------------------------------------------------------------


def _subject_span(ctx: _Context, first: int, end: int) -> tuple[int, int]:
    """The subject noun phrase right after a verb: words ``first``..k (exclusive)."""
    words, text = ctx.words, ctx.text
    while first < end and words[first].norm in _LEADING_PRONOUN_PPS:
        first += 1  # "قال فيه مسؤول أمني", "قال لها المحقق"
    j = first
    while j < end and j - first < 3 and words[j].norm in _TIME_WORDS:
        j += 1
    if first < j < end and (title_at(words, j) or ctx.mention(j) is not None or strip_proclitic(words[j].norm)[0] in SPEAKER_NOUNS):
        first = j  # «أعلن أمس الأربعاء وزير الخارجية التركي …»: the time, then the subject
    k = first
    while k < end and k - first < _MAX_SUBJECT_WORDS:
        if k > first and _SUBJECT_GAP_RE.search(text[words[k - 1].end:words[k].start]) and not _abbreviation_gap(ctx, k):
            break
        norm = words[k].norm
        m = ctx.mention(k)
        if m is not None and k > first and norm[:1] == "ل" and not norm.startswith("ال") and ctx.mention(k - 1) is not m \
                and not (title_at(words, first) and not any(
                    (p := ctx.mention(j)) is not None and ctx.kind(p) == "PER" for j in range(first, k))):
            break  # "مصادر لبنانية لرويترز": the addressee (but «المتحدث الرسمي لهيئة الهلال الأحمر» is a role)
        if k == first and norm.startswith("لل") and m is None:
            first = k = k + 1  # «تقول للمسؤول:», «قال للصحيفة مدير …»: the addressee, not the subject
            continue
        if k == first and norm in _ADDRESSEES and m is None:
            first = k = _addressee_end(ctx, k + 1, end)  # «أكد لـ«عكاظ» وزير الإسكان …»: the subject follows
            continue
        if k == first and norm == _MIN:
            break
        if k > first and m is None and (norm in _DEMONSTRATIVES or norm in _RELATIVES or norm == _MA or (
                norm in _PERIODS and k + 1 < end and words[k + 1].norm in _PERIOD_ADJECTIVES)):
            break  # «مكتب الاحتياطي الفيدرالي الشهر الماضي», «… هذا الأسبوع», «بيان المؤتمر ما نصه»
        if m is None and not _ali(ctx, k):
            if norm in _ROLE_PREPOSITIONS and k > first and title_at(words, k - 1):
                k += 1  # «المشرف على البرنامج», «المسؤول عن …»: part of the role
                continue
            if (norm in _SUBJECT_BREAKS and not (norm == _AMAM and words[k].text.startswith("إ"))
                    and not (k + 1 < end and words[k + 1].norm == _KAY)) or (norm == "من" and k + 1 < end and (
                    words[k + 1].norm in _FROM_SIDE or words[k + 1].norm in _SUBJECT_BREAKS)):
                break  # «أوضحت الجامعة من خلال البيان»
            if _trigger(words[k]) is not None and not (_lemma(words[k]) == _NAQALA and not _live_trigger(ctx, k, [])):
                break  # (but «وشركات نقل الحجاج»: نقل "transport" is a noun here)
        k += 1
    return first, k


def _ali(ctx: _Context, k: int) -> bool:
    """«علي» the given name (written with ي) before a tagged name, not «على» "on", which
    normalizes to the same letters."""
    word = ctx.words[k]
    return word.text == "علي" and k + 1 < len(ctx.words) and ctx.mention(k + 1) is not None


def _abbreviation_gap(ctx: _Context, k: int) -> bool:
    """Whether the punctuation before word ``k`` is the period of «د.» or «م.»."""
    gap = ctx.text[ctx.words[k - 1].end:ctx.words[k].start].strip()
    return gap == "." and ctx.words[k - 1].norm in ABBREVIATED_TITLES


def _lookup_name(ctx: _Context, name: str) -> Speaker:
    entity_id = ctx.by_name.get(name_key(name))
    if entity_id and entity_id in ctx.entities:
        return Speaker(ctx.entities[entity_id].name, entity_id)
    return Speaker(name, None)


def _resolve_span(ctx: _Context, start: int, end: int, region_end: int) -> Speaker | None:
    """The speaker named by words ``start..end`` (the subject), looking on to ``region_end``
    for a name in apposition after a role (``وزير الخارجية الروسي، سيرغي لافروف``)."""
    if start >= end:
        return None
    words = ctx.words
    head, _ = strip_proclitic(words[start].norm)
    if any(strip_proclitic(words[k].norm)[0] in SCRIPTURE_WORDS for k in range(start, min(end, start + 3))):
        return _NOT_SPEECH  # قال تعالى، قال رسول الله صلى الله عليه وسلم
    if head in TITLE_PRONOUNS:  # سموه، معاليه: the person the article gave that title
        return (_titled_speaker(ctx, start, TITLE_PRONOUNS[head]) or _titled_person(ctx, start, any_of=TITLE_PRONOUNS[head])
                or _UNKNOWN)
    if head == _ADAD and end - start >= 3 and words[start + 1].norm == _MIN:
        stop = _description_end(ctx, start + 2, end)  # «أعرب عدد من نواب مجلس الأمة الكويتي، عن …»
        return Speaker(clean_phrase(ctx.text[words[start].start:words[max(stop, start + 3) - 1].end]))
    if head == _BAAD and end - start >= 2 and _definite(words[start + 1].norm) and ctx.mention(start + 1) is None:
        stop = _description_end(ctx, start + 1, end)  # «وأكد بعض الأطباء النفسيين أنّ …»: some of a group
        return Speaker(clean_phrase(ctx.text[words[start].start:words[max(stop, start + 2) - 1].end]))
    if head in NOT_SPEAKER_WORDS or head in _TIME_WORDS or (head[:1] in "وف" and head[1:] in NOT_SPEAKER_WORDS):
        return _NOT_SPEECH  # «وأخرى قال فيها»: not a speaker
    closing = _name_closing_role(ctx, start, region_end) or _quoted_name(ctx, start, end)
    if closing is not None:
        return closing
    # A person named in the subject, alone or after a role.
    for i in range(start, end):
        m = ctx.mention(i)
        if m is None or ctx.kind(m) != "PER" or not ctx.names_someone(m):
            continue
        if i == start or title_at(words, start) or _role_like(ctx, start, i) or _only_modifiers(ctx, start, i) \
                or _described_name(ctx, start, i, m, end):
            return _whole_name(ctx, m, i, end, start)
        if i == start + 1 and _given_name(ctx, start):
            # «علي الحسيني» with only «الحسيني» tagged: the given name is part of the name
            found = ctx.speaker_of(m)
            stop = _mention_end(ctx, m, i, end)
            return Speaker(clean_phrase(ctx.text[words[start].start:words[stop - 1].end]), found.entity)
    starts_with_title = title_at(words, start)
    if starts_with_title or head in SPEAKER_NOUNS:
        # «خبير الأرصاد في إدارة الأرصاد الجوية بدولة الكويت عيسى رمضان، أن …»
        named = _name_closing_subject(ctx, end, region_end)
        if named is not None:
            return named
    if not starts_with_title and strip_proclitic(words[start].norm)[0] in _PERSON_NOUNS:
        # «رجل الأعمال سيف الله شربتلي», «المواطن عبدالله بن علي الغامدي»: a person
        # described, then named
        name = _name_after_role(ctx, start, end)
        if name is not None:
            return _lookup_name(ctx, name)
    if starts_with_title:
        # Apposition: role, then a name after a comma.
        for i in range(end, min(region_end, end + 6)):
            m = ctx.mention(i)
            if m is not None and ctx.kind(m) == "PER":
                return _whole_name(ctx, m, i, region_end, end)
            if words[i].norm in _STRONG_BREAKS or _trigger(words[i]) is not None:
                break
        # A name the NER missed: the words after the role phrase.
        name = _name_after_role(ctx, start, end) or _name_ending_role(ctx, start, end, region_end)
        if name is not None:
            return _lookup_name(ctx, name)
        # A bare title or role (الأمير، سمو رئيس الوزراء): the person before who carries it.
        titled = _titled_by_role(ctx, start, end)
        if titled is not None:
            return titled
    # An organization: "وزارة الخارجية الروسية", "وكالة «رويترز»".
    m = ctx.mention(start)
    head = 1 if words[start].norm in _ORG_HEADS else 0
    m = m or (ctx.mention(start + head) if start + head < end else None)
    if m is not None and ctx.kind(m) in ("ORG", "PER", "LOC") and _mention_covers(ctx, m, start + head, end):
        if not (ctx.kind(m) == "LOC" and strip_proclitic(words[start].norm)[0] in SPEAKER_NOUNS):
            return ctx.speaker_of(m)  # but «أمانة المنظمة» tagged as a place is a body that speaks
    # A name the tagger missed here but found elsewhere in the digest ("دعا لافروف …").
    for n in range(min(3, end - start), 0, -1):
        named = _known_name(ctx, start, start + n)
        if named is not None:
            return named
    same = _same_person_before(ctx, start, end)
    if same is not None:
        return same
    if end - start <= 3 and words[start].norm.startswith("ال") and words[start].norm not in NOT_SPEAKER_WORDS:
        described = _described_before(ctx, start, tuple(_bare(words[j].norm) for j in range(start, end)))
        if described is not None:
            return described  # «مؤكداً المتخصص …», «وأضاف الباحث»: the one so described before
    cut = _object_cut(ctx, start, end)
    description = clean_phrase(ctx.text[words[start].start:words[cut - 1].end])
    if not description:
        return None
    entity_id = ctx.by_role.get(normalize(description).lower())
    if entity_id and entity_id in ctx.entities:
        return Speaker(ctx.entities[entity_id].name, entity_id)
    if not _can_speak(ctx, start, end):
        person = _indefinite_person(ctx, start, end)
        if person:
            return Speaker(person, None)
        if ctx.mention(start) is not None or (start + 1 < end and ctx.mention(start + 1) is not None
                                              and strip_proclitic(words[start].norm)[0] in PLACE_NOUNS):
            return _UNKNOWN  # «أعلنت مدينة الملك عبدالله الطبية بمكة المكرمة عن …»: a named body we cannot name whole
        return _NOT_SPEECH
    return Speaker(description, None)


#: Nouns for a person that no pattern gives: «وقالت سيدة عانت …», «قال رجل …».
_HUMAN_NOUNS = frozenset(normalize(w) for w in (
    "سيدة", "امرأة", "رجل", "شاب", "شابة", "فتاة", "طفل", "طفلة", "أم", "أب", "مواطنة", "زائر", "زائرة", "حاج", "حاجة",
    "معتمر", "مسن", "مسنة", "عامل", "عاملة", "موظف", "موظفة", "ضابط", "جندي", "قيادي", "عضو", "أحد", "إحدى"))
_MAX_INDEFINITE_WORDS = 4


def _indefinite_person(ctx: _Context, start: int, end: int) -> str | None:
    """An indefinite description of a person or source that no list knows, as the
    subject of a speech verb: «متعامل بالسوق الموازية», «راكب آخر», «مصممو السيارة
    الحديثة», «سيدة عانت نفس المشكلة» → «سيدة». Its head is an agent noun (م…: متعامل،
    مصمم; فاعل: راكب، باحث) or a person noun — not an abstract noun that starts the
    content («وأكد ضرورة أن …»). The description ends where :func:`_description_end` ends it."""
    words = ctx.words
    head = words[start].norm
    if head.startswith(("ال", "لل")) or ctx.mention(start) is not None or head in NOT_SPEAKER_WORDS or len(head) < 4 \
            or not _ARABIC_RE.search(words[start].text) or _trigger(words[start]) is not None or head in _PREPOSITIONS \
            or head.endswith(("ها", "هم", "هما", "ية", "يه", "ات")):
        if head not in _HUMAN_NOUNS:
            return None
    agent = head.startswith("م") and len(head) >= 5 or (len(head) in (4, 5) and head[1] == "ا") or head in _HUMAN_NOUNS
    if not agent:
        return None
    stop = min(_description_end(ctx, start, end), start + _MAX_INDEFINITE_WORDS)
    while stop < end and words[stop].norm in _ROLE_ADJECTIVES:
        stop += 1  # «راكب آخر», «مسؤول كبير»
    while stop > start + 1 and words[stop - 1].norm in NOT_SPEAKER_WORDS and words[stop - 1].norm != "اخر":
        stop -= 1
    return clean_phrase(ctx.text[words[start].start:words[stop - 1].end]) or None


_NAME_LINKS = frozenset(normalize(w) for w in ("بن", "بنت", "ابن", "آل", "أبو", "أبا", "عبد"))


#: Nouns named after a person: «كرسي المهندس عبدالله بقشان», «جائزة الأمير …».
_CHAIR_NOUNS = frozenset(normalize(w) for w in ("كرسي", "جائزة", "مستشفى", "مدينة", "جامعة", "مركز", "مؤسسة", "قاعة"))
#: Speaker nouns that describe one person (a name may follow them, as after a title).
_PERSON_NOUNS = frozenset(normalize(w) for w in (
    "رجل", "المواطن", "مواطن", "الناشط", "ناشط", "الخبير", "خبير", "المحلل", "محلل", "الكاتب", "كاتب", "الباحث",
    "باحث", "الإعلامي", "إعلامي", "الأكاديمي", "المتخصص", "المختص", "الاستشاري", "المدرب", "مدرب", "اللاعب", "لاعب",
    "الطبيب", "طبيب", "المراسل", "المعلم", "الشاعر", "الفنان", "المخرج", "الممثلة", "الداعية", "داعية"))
#: A role chain this long before a title and a name holds more than one role.
_MIN_CHAIN_WORDS = 6
_MAX_CHAIN_WORDS = 30


def _quoted_name(ctx: _Context, start: int, end: int) -> Speaker | None:
    """A person's name written in quotation marks as the subject: «فقال "حمد القاضي":»
    → the whole quoted name, not the part the tagger found."""
    words, text = ctx.words, ctx.text
    m = ctx.mention(start)
    if m is None or ctx.kind(m) != "PER" or text[words[start].start - 1:words[start].start] not in ('"', "«", "“"):
        return None
    close = text.find(_OPEN_CLOSE[text[words[start].start - 1]], words[start].end)
    k = start
    while k < end and words[k].end <= close:
        k += 1
    if close == -1 or k == start or k - start > 4 or _mention_end(ctx, m, start, k) == k:
        return None
    found = ctx.speaker_of(m)
    return Speaker(clean_phrase(text[words[start].start:words[k - 1].end]), found.entity)


def _name_closing_role(ctx: _Context, start: int, region_end: int) -> Speaker | None:
    """The person whose title and name close a long chain of roles right before the
    content: «أكد المشرف على كرسي المهندس عبدالله بقشان لأبحاث النحل … رئيس جمعية
    النحالين التعاونية الدكتور أحمد بن عبدالله الخازم أن …» → أحمد بن عبدالله الخازم,
    not the chair's namesake; «كشف مدير عام الهيئة … امين مجلس التنمية السياحية
    بالمنطقة الشرقية المهندس عبداللطيف البنيان، عن …». The chain starts with a title or
    speaker noun, holds at least two titles, no speech word and no adverbial break; the
    name (tagged or read by its shape) must end where the content starts."""
    words = ctx.words
    if not (title_at(words, start) or strip_proclitic(words[start].norm)[0] in SPEAKER_NOUNS):
        return None
    if region_end - start < _MIN_CHAIN_WORDS + 2 or region_end - start > _MAX_CHAIN_WORDS or region_end > len(words):
        return None
    titles = 0
    for k in range(start, region_end):
        norm = words[k].norm
        if k > start and (_trigger(words[k]) is not None or (
                (norm in _STRONG_BREAKS or norm in _SUBJECT_BREAKS) and ctx.mention(k) is None and norm not in _ROLE_PREPOSITIONS)):
            return None
        if k > start and _PUNCT_GAP_RE.search(ctx.text[words[k - 1].end:words[k].start]) and not _abbreviation_gap(ctx, k):
            return None
        titles += title_at(words, k)
    if titles < 2:
        return None
    opening = start
    while opening < region_end and (title_at(words, opening) or words[opening].norm in ABBREVIATED_TITLES):
        opening += 1
    if opening < region_end and ((m := ctx.mention(opening)) is not None and ctx.kind(m) == "PER" or _ali(ctx, opening)):
        return None  # «د. عبدالعزيز العسكر أستاذ … بجامعة الإمام محمد بن سعود»: named first
    for k in range(region_end - 2, start + _MIN_CHAIN_WORDS - 1, -1):
        if not _person_title(words[k]) or words[k].norm[:1] in "لب" and not words[k].norm.startswith("ال"):
            continue
        before, _ = strip_proclitic(words[k - 1].norm)
        if before in PLACE_NOUNS or before in SPEAKER_NOUNS or before[2:] in PLACE_NOUNS or before in _CHAIR_NOUNS:
            return None  # «بجامعة الإمام محمد بن سعود», «كرسي المهندس …»: a name of a body
        m = ctx.mention(k + 1)
        if m is not None and ctx.kind(m) == "PER" and ctx.names_someone(m):
            if _mention_end(ctx, m, k + 1, region_end) == region_end:
                ctx.named_end = region_end
                return ctx.speaker_of(m)
            return None
        stop = _name_end(ctx, k + 1, region_end)
        if stop != region_end or stop - (k + 1) < 2:
            return None
        ctx.named_end = stop
        return _lookup_name(ctx, clean_phrase(ctx.text[words[k + 1].start:words[stop - 1].end]))
    return None


def _whole_name(ctx: _Context, mention: Mention, first: int, end: int, floor: int | None = None) -> Speaker:
    """The speaker for a person mention, with the rest of a long name the tagger left
    out where the name goes on through بن/آل/أبو links: «طلال آل» tagged in «طلال آل
    الشيخ» → «طلال آل الشيخ» (plain words after a name are more often the object, so
    they are not taken)."""
    floor = first if floor is None else floor
    found = ctx.speaker_of(mention)
    words = ctx.words
    stop = _mention_end(ctx, mention, first, end)
    ctx.named_end = stop
    if found.name is not None and first - 1 >= floor and (
            _ali(ctx, first - 1) or (stop - first == 1 and words[first].norm.startswith("ال") and _given_name(ctx, first - 1))
            or (words[first - 1].norm in ctx.given_names and _given_name(ctx, first - 1)
                and not _is_title_word(words[first - 1].norm))) \
            and not _PUNCT_GAP_RE.search(ctx.text[words[first - 1].end:words[first].start]) \
            and not set(_name_words(words[first - 1].text)) & set(_name_words(found.name)):
        # «مدير عام جمرك سلوى علي العطوي» with only the family name tagged: the given
        # name before it is part of the name
        return Speaker(clean_phrase(ctx.text[words[first - 1].start:words[stop - 1].end]), found.entity)
    if stop - first > 2 or found.name is None:
        return found
    if stop - first == 1 and stop < end and _family_name_after(ctx, stop):
        # «أوضح عندنان المعيبد المتحث الرسمي …» with only the given name tagged
        last = stop + 1
        if last < end and words[last].norm in _COMPOUND_SECOND and not _PUNCT_GAP_RE.search(ctx.text[words[stop].end:words[last].start]):
            last += 1  # «أحمد الجار الله»
        ctx.named_end = last
        return Speaker(clean_phrase(ctx.text[words[first].start:words[last - 1].end]), found.entity)
    k = stop
    while k < end and k - stop < 5:
        gap = ctx.text[words[k - 1].end:words[k].start]
        if _PUNCT_GAP_RE.search(gap) or ctx.mention(k) is not None:
            break
        if not (words[k].norm in _NAME_LINKS or words[k - 1].norm in _NAME_LINKS):
            break
        k += 1
    while k > stop and words[k - 1].norm in _NAME_LINKS:
        k -= 1  # a name does not end on «بن» or «آل»
    ctx.named_end = k
    if k == stop:
        return found
    return Speaker(clean_phrase(ctx.text[words[first].start:words[k - 1].end]), found.entity)


def _family_name_after(ctx: _Context, k: int) -> bool:
    """Whether word ``k``, right after a one-word tagged name, is its family name: a
    definite word that is no title, speaker or place noun, nisba of a known place, or
    function word, with no punctuation between («عندنان المعيبد»)."""
    word, words = ctx.words[k], ctx.words
    norm = word.norm
    if ctx.mention(k) is not None or not norm.startswith("ال") or len(norm) < 5 or norm in _COMPOUND_SECOND:
        return False
    if _PUNCT_GAP_RE.search(ctx.text[words[k - 1].end:word.start]) or _QUOTE_MARK_RE.search(ctx.text[words[k - 1].end:word.start]):
        return False
    bare = _bare(norm)
    if (bare in TITLES or norm in TITLES or bare in SPEAKER_NOUNS or norm in SPEAKER_NOUNS or bare in PLACE_NOUNS
            or norm in NOT_SPEAKER_WORDS or norm in _TIME_WORDS or _trigger(word) is not None or norm in _SUBJECT_BREAKS
            or norm in _ROLE_ADJECTIVES or norm in _PERIODS):
        return False
    return not norm.endswith(("ين", "ون", "ات"))  # a plural noun, not a family name


def _given_name(ctx: _Context, k: int) -> bool:
    """Whether word ``k``, right before a tagged surname, reads as a given name: no
    article, no title, no function word, no speech word."""
    word = ctx.words[k]
    if _ali(ctx, k):
        return True
    return (ctx.mention(k) is None and not word.norm.startswith("ال") and not _is_title_word(word.norm)
            and word.norm not in NOT_SPEAKER_WORDS and word.norm not in _PREPOSITIONS and _trigger(word) is None
            and strip_proclitic(word.norm)[0] not in SPEAKER_NOUNS and len(word.norm) >= 3)


def _only_modifiers(ctx: _Context, start: int, i: int) -> bool:
    """Words ``start..i`` are a nationality or place adjective before a name
    («الكاميروني أمينو بوبا», «الأمريكي جون كيري»)."""
    for j in range(start, i):
        m = ctx.mention(j)
        if not (_is_title_word(ctx.words[j].norm) or (m is not None and ctx.kind(m) == "LOC")
                or (ctx.words[j].norm.startswith("ال") and ctx.words[j].text.endswith(("ي", "ية")))):
            return False
    return True


_MAX_DESCRIPTION_BEFORE_NAME = 5


def _described_name(ctx: _Context, start: int, i: int, m: Mention, end: int) -> bool:
    """Words ``start..i`` describe the person named at ``i``, whose name closes the subject:
    «القيادي العسكري المعارض رامي الدالاتي», «إداري الوفد السعودي عمار طراد», «المصور
    "شون"» — a short noun phrase (no preposition, speech word, number or comma in it)."""
    if i - start > _MAX_DESCRIPTION_BEFORE_NAME or _mention_end(ctx, m, i, end) < end:
        return False
    words = ctx.words
    if not (_definite(words[start].norm) or (start + 1 < i and _definite(words[start + 1].norm))):
        return False  # «آرفين أحمد بور»: an untagged given name, not a description
    if words[start].norm in NOT_SPEAKER_WORDS or _PUNCT_GAP_RE.search(ctx.text[words[start].start:words[i].start]):
        return False
    for j in range(start, i):
        norm = words[j].norm
        if (norm in _PREPOSITIONS or norm in _SUBJECT_BREAKS or _trigger(words[j]) is not None
                or not _ARABIC_RE.search(words[j].text) or ((p := ctx.mention(j)) is not None and ctx.kind(p) == "PER")):
            return False
    return True


def _name_closing_subject(ctx: _Context, end: int, region_end: int) -> Speaker | None:
    """A person named last before the content (``…بدولة الكويت عيسى رمضان، أن``) after a
    role whose phrase ran on through a place: no speech word or strong break between."""
    last = region_end - 1
    if last < end or last - end > 10:
        return None
    m = ctx.mention(last)
    if m is None or ctx.kind(m) != "PER" or not ctx.names_someone(m):
        return None
    for j in range(end, last):
        if _trigger(ctx.words[j]) is not None or (ctx.words[j].norm in _STRONG_BREAKS and ctx.mention(j) is None):
            return None
    return ctx.speaker_of(m)


def _title_window(ctx: _Context, first: int, end: int) -> set[str]:
    """Bare words of the titles a person mention is given: the phrase right before it
    and right after it, up to punctuation, a speech verb or an adverbial (a comma
    right after the name is allowed when a title follows: «بشار الأسد، الرئيس السوري»)."""
    words, text = ctx.words, ctx.text
    found: set[str] = set()
    for k in range(first - 1, max(-1, first - 1 - _TITLE_WINDOW_BEFORE), -1):
        gap = text[words[k].end:words[k + 1].start]
        if (_PUNCT_GAP_RE.search(gap) and not (k == first - 1 and gap.strip() in "،,")) or _trigger(words[k]) is not None:
            break
        found.add(_bare(words[k].norm))
    for k in range(end, min(len(words), end + _TITLE_WINDOW_AFTER)):
        gap = text[words[k - 1].end:words[k].start]
        if _PUNCT_GAP_RE.search(gap) and not (k == end and gap.strip() in "،," and title_at(words, k)):
            break
        if _trigger(words[k]) is not None or words[k].norm in _STRONG_BREAKS or words[k].norm in _PREPOSITIONS:
            break
        found.add(_bare(words[k].norm))
    return found


def _titled_person(ctx: _Context, before: int, any_of: frozenset[str] = frozenset(), all_of: tuple[str, ...] = ()) -> Speaker | None:
    """The nearest person named before word ``before`` whose surrounding words hold one
    of ``any_of`` (when given) and all of ``all_of`` (bare forms)."""
    wanted_any = {_bare(t) for t in any_of}
    royal_too = bool(wanted_any & _ROYAL_TITLES)  # «معاليه», «سعادته» are no king's or prince's
    for first, end, mention in reversed(ctx.people):
        if first >= before:
            continue
        window = _title_window(ctx, first, end)
        if wanted_any and not royal_too and window & _ROYAL_TITLES:
            continue
        if (not wanted_any or window & wanted_any) and all(_in_window(t, window) for t in all_of):
            return ctx.speaker_of(mention)
    return None


def _titled_speaker(ctx: _Context, before: int, any_of: frozenset[str], all_of: tuple[str, ...] = ()) -> Speaker | None:
    """The speaker of the last statement, when the article gave that person one of the
    titles ``any_of`` (if any) and every word of ``all_of``: «وشدد معاليه», «ورأى وزير
    الخارجية» after «الجبير …» is the minister who was speaking, not another minister
    named in between (a title takes up the subject of the story)."""
    if not ctx.spoken or not (any_of or all_of):
        return None
    at, speaker = ctx.spoken[-1]
    if speaker.entity is None or at >= before:
        return None
    wanted = {_bare(t) for t in any_of}
    for first, end, mention in ctx.people:
        if first >= before:
            break
        if mention.entity_id != speaker.entity:
            continue
        window = _title_window(ctx, first, end)
        if (not wanted or window & wanted) and all(_in_window(t, window) for t in all_of):
            return speaker
    return None


def _in_window(word: str, window: Set[str]) -> bool:
    """A role word around a person, a nisba adjective matching its place
    («البحريني» ~ «بمملكة البحرين»)."""
    if word in window:
        return True
    for ending in ("ي", "يه"):
        if word.endswith(ending) and len(word) - len(ending) >= 3 and (
                word[: -len(ending)] in window or word[: -len(ending)] + "يا" in window):
            return True  # «البحريني» ~ «البحرين», «الكوري» ~ «كوريا»
    return False


def _titled_by_role(ctx: _Context, start: int, end: int) -> Speaker | None:
    """The person a title-only subject stands for: ``سمو رئيس الوزراء البحريني`` → the
    prince named «… رئيس الوزراء» before; ``المتحدث الأمني`` → the spokesman named
    before, if any. Every word of the role (up to five) must be around that person
    («وزير الخارجية الإماراتي» is not the US secretary of state named before)."""
    words = ctx.words
    any_of: frozenset[str] = frozenset()
    k = start
    while k < end and (strip_proclitic(words[k].norm)[0] in HONORIFICS or words[k].norm in ABBREVIATED_TITLES):
        any_of = any_of | _HONORIFIC_CLASS.get(strip_proclitic(words[k].norm)[0], frozenset())
        k += 1
    if k >= end or not title_at(words, k):
        if any_of and k >= end:  # «معالي» alone: the person before so honoured, else unknown
            return _titled_person(ctx, start, any_of=any_of) or _UNKNOWN
        return None
    if any(ctx.mention(j) is not None and ctx.kind(ctx.mention(j)) == "PER" for j in range(k, end)):
        return None
    all_of = tuple(_bare(words[j].norm) for j in range(k, min(end, k + 5)))
    return (_titled_speaker(ctx, start, any_of, all_of) or _titled_person(ctx, start, any_of=any_of, all_of=all_of)
            or _described_before(ctx, start, all_of))


def _described_before(ctx: _Context, before: int, all_of: tuple[str, ...]) -> Speaker | None:
    """The nearest speaker before word ``before`` whom the article named after a
    description holding every word of ``all_of``: «المدرب السابق لمنتخب انجلترا» after
    «… مدربه ستيف مكلارين»; «المتخصص» after «المتخصص في التسويق العقاري فيصل الدخيل»."""
    wanted = [w for w in all_of if w]
    if not wanted:
        return None
    for at, words, speaker in reversed(ctx.described):
        if at < before and all(_in_window(w, words) for w in wanted):
            return speaker
    return None


def _same_person_before(ctx: _Context, start: int, end: int) -> Speaker | None:
    """A short name that ends a person named before in the article: «السحيباني» after
    «بدر السحيباني», «الرئيس الغانم» after «مرزوق الغانم», «آل ابريه» after a speaker
    «صاحب الفكرة فاضل آل ابريه»."""
    words = ctx.words
    k = start
    while k < end and _is_title_word(words[k].norm):
        k += 1
    tail = tuple(words[j].norm for j in range(k, end))
    if not tail or len(tail) > 3 or any((len(w) < 3 and w != _AL) or w in NOT_SPEAKER_WORDS for w in tail):
        return None
    n = len(tail)
    for first, stop, mention in reversed(ctx.people):
        if first < start and stop - first > n and tuple(words[j].norm for j in range(stop - n, stop)) == tail:
            return ctx.speaker_of(mention)
    for at, speaker in reversed(ctx.spoken):
        if at < start and speaker.name:
            named = _name_words(speaker.name)
            if len(named) > n and named[-n:] == tail:
                return speaker
    return _untagged_full_name(ctx, start, tail)


def _untagged_full_name(ctx: _Context, before: int, tail: tuple[str, ...]) -> Speaker | None:
    """The fuller name the article gave earlier, after a person's title, to a name that
    ends with ``tail`` and that the tagger missed: «وأشار المهندس مدني» after «… بمنطقة
    مكة المكرمة المهندس محمد توفيق مدني ، …» → محمد توفيق مدني."""
    words, n = ctx.words, len(tail)
    head = tail[0]
    for p in range(before - n, 0, -1):
        if words[p].norm != head or (n > 1 and tuple(words[j].norm for j in range(p, p + n)) != tail):
            continue
        q = p
        while q > 0 and p - q < 3 and (_name_word(ctx, q - 1) or words[q - 1].norm in _NAME_LINKS) \
                and not _PUNCT_GAP_RE.search(ctx.text[words[q - 1].end:words[q].start]):
            q -= 1
        while q < p and words[q].norm in _NAME_LINKS:
            q += 1
        if q < p and q > 0 and _person_title(words[q - 1]) \
                and not _PUNCT_GAP_RE.search(ctx.text[words[q - 1].end:words[q].start]):
            return _lookup_name(ctx, clean_phrase(ctx.text[words[q].start:words[p + n - 1].end]))
    return None


def _object_cut(ctx: _Context, start: int, end: int) -> int:
    """Where a described speaker ends when its object follows it inside the subject
    span: a word with the accusative tanween («مجلس الوزراء عدداً من …») or an
    indefinite noun with an attached pronoun («قوات التحالف التزامها», «… توقعاتها»)."""
    words = ctx.words
    for k in range(start + 1, end):
        if ctx.mention(k) is not None:
            continue
        text, norm = words[k].text, words[k].norm
        if text.endswith(("اً", "ًا")) or (not _definite(norm) and len(norm) >= 6 and norm.endswith(("ها", "هم", "هما"))
                                           and not norm.startswith(("خلال", "لدي", "علي", "الي", "عن", "من"))):
            return k  # (not «أشرف عليها», «خلالها»: a preposition with its pronoun)
    return end


def _can_speak(ctx: _Context, start: int, end: int) -> bool:
    """Whether words ``start..end``, which no name list knows, can be a speaker: headed
    by a speaker noun (خبير، وزارة، مصادر، a title), or shaped like a name the tagger
    missed (no article but a family nisba «الزهراني», no attached pronoun, no adverb)."""
    words = ctx.words
    head, _ = strip_proclitic(words[start].norm)
    if any(not _ARABIC_RE.search(words[k].text) and ctx.mention(k) is None for k in range(start, end)):
        return False  # «محكمة مصرية محاكمة 379 شخصا»: a clause with a number, no speaker
    if title_at(words, start) or any(strip_proclitic(words[k].norm)[0] in SPEAKER_NOUNS or words[k].norm in _SOURCE_HEADS
                                     for k in range(start, min(end, start + 3))):
        return True  # «خبراء الطقس», «أحد المصدرين», «رأفت الصباغ المتحدث الرسمي …»
    if end - start > 4 or (end - start == 1 and len(words[start].norm) < 3 and ctx.mention(start) is None):
        return False  # «جا» of a split «جانبه»
    if end - start >= 2 and all(ctx.mention(k) is None and not _definite(words[k].norm) and words[k].norm.endswith("ا")
                                and len(words[k].norm) >= 4 for k in (start, start + 1)):
        return False  # «ونهجا رائعا يكشف …»: an indefinite accusative noun and its adjective
    for k in range(start, end):
        word = words[k]
        if not _ARABIC_RE.search(word.text) and ctx.mention(k) is None:
            return False  # «79.9%» of those asked: no speaker
        if ctx.mention(k) is not None:
            continue
        norm = word.norm
        if norm == _AL:
            continue  # آل: a family name follows
        if norm in NOT_SPEAKER_WORDS or _trigger(word) is not None or len(norm) < 2 or norm in _PREPOSITIONS:
            return False
        after_al = k > start and words[k - 1].norm == _AL
        if norm.startswith("ال") and norm.endswith(("ين", "ون", "ات")) and not after_al and not (
                k == start and norm.endswith("ون") and end - start <= 2):
            return False  # a plural noun (العاملين), not a family name; «الباحثون» (nominative) speak
        if word.text.endswith("ً") or (norm.startswith("ال") and not word.text.endswith("ي") and end - start > 1 and not after_al):
            return False  # an adverb (حقيقةً) or a noun phrase (عاقبة السوء); «الهذال», «آل الشيخ» are family names
        if (len(norm) >= 5 and norm.endswith(("ها", "هم", "هما", "كم", "هن"))) or (
                len(word.text) >= 4 and word.text.endswith("ه") and not word.text.endswith("له")):
            return False  # an attached pronoun (ولاءها، أخطائهم، اسمه)
    return True


def _known_name(ctx: _Context, start: int, end: int) -> Speaker | None:
    """The entity whose spelling key equals words ``start..end`` (PER/ORG/LOC only)."""
    first = ctx.words[start].norm
    if _is_title_word(first) or first in NOT_SPEAKER_WORDS or strip_proclitic(first)[0] in SPEAKER_NOUNS:
        return None  # «رئيس …», «هيئة …» are no names, whatever entity once absorbed them
    key = name_key(clean_phrase(ctx.text[ctx.words[start].start:ctx.words[end - 1].end]))
    entity_id = ctx.by_name.get(key)
    entity = ctx.entities.get(entity_id) if entity_id else None
    if entity is None or entity.type == "MISC" or not set(key) & set(name_key(entity.name)):
        return None  # «علي» that some junk entity («أي جهة») took as a variant
    if entity.type == "LOC" and name_key(entity.name) not in _country_keys():
        return None
    return Speaker(entity.name, entity.id)


def _role_like(ctx: _Context, start: int, i: int) -> bool:
    return any(title_at(ctx.words, j) for j in range(start, i))


def _mention_covers(ctx: _Context, m: Mention, start: int, end: int) -> bool:
    """The mention spans the subject but for at most one trailing word (an adjective)."""
    covered = [k for k in range(start, end) if ctx.mention(k) is m]
    return bool(covered) and covered[0] == start and end - (covered[-1] + 1) <= 1


def _name_after_role(ctx: _Context, start: int, end: int) -> str | None:
    """``المتحدث باسم «البنتاغون» بيتر كوك`` → "بيتر كوك", ``وزير الشؤون البلدية والقروية
    المهندس عبداللطيف آل الشيخ ضرورة …`` → "عبداللطيف آل الشيخ": a name the tagger
    missed, after the role phrase (its definite words and titles), read by the shape of
    an Arabic name (:func:`_name_end`). The name must fill the rest of the subject
    unless a person's title stands right before it (then what follows is the object)."""
    words, text = ctx.words, ctx.text
    k = start + 1
    if k < end and words[k].norm == _BISM:
        k += 2  # باسم + the body it speaks for
    if k < end and _indefinite_title(words[start]) and not (
            _definite(words[k].norm) or title_at(words, k) or ctx.mention(k) is not None):
        return None  # «قائد ميداني», «مسؤول كبير»: an indefinite role and its adjective
    tail = False  # whether the role went on through a ل/ب complement («المتحدث الرسمي للمركز»)
    while k < end and words[k].norm != _AL and (
            _definite(words[k].norm) or title_at(words, k) or words[k].norm in _ROLE_ADJECTIVES or _body_word(ctx, k)
            or _genitive_tail(words[k].norm)):
        tail = tail or _genitive_tail(words[k].norm) and not _definite(words[k].norm)
        k += 1  # the role: «وزير الشؤون البلدية والقروية المهندس», «اللواء متقاعد», «مسؤول طالبان»
    if k >= end or (tail and words[k].norm not in ctx.given_names and not _person_title(words[k - 1])):
        return None  # after «للمركز» only a given name the digest knows starts a name, not «أهمية التعاون»
    gap = text[words[k - 1].end:words[k].start]
    if _PUNCT_GAP_RE.search(gap) and "،" not in gap and not _abbreviation_gap(ctx, k):
        return None
    stop = _name_end(ctx, k, end)
    if stop is None or (stop < end and not _person_title(words[k - 1])):
        return None  # «… الأمني لشرطة منطقة جازان» goes on describing the role, it names no one
    ctx.named_end = stop
    if stop - k <= 2:  # «معالي آل الشيخ»: the person named in full before, if any
        same = _same_person_before(ctx, k, stop)
        if same is not None and same.name:
            return same.name
    return clean_phrase(text[words[k].start:words[stop - 1].end])


def _name_ending_role(ctx: _Context, start: int, end: int, region_end: int) -> str | None:
    """A name the tagger missed at the end of a long role phrase, after a definite word:
    «الأمين العام والمتحدث الرسمي للنقابة وشركات نقل الحجاج مروان بن رشاد زبيدي».
    Its first word must be a given name of some person the digest knows (words of a
    role or an object — «أهمية التعاون» — are not)."""
    words = ctx.words
    last = end
    if end - start >= _MAX_SUBJECT_WORDS:  # the subject span's cap may have cut a long name
        last = min(region_end, start + _MAX_SUBJECT_WORDS + 4)
    for c in range(start + 2, last - 1):
        if words[c].norm not in ctx.given_names or not _definite(words[c - 1].norm):
            continue
        stop = _name_end(ctx, c, last)
        if stop is not None and stop == last and stop - c >= 2:
            ctx.named_end = stop
            return clean_phrase(ctx.text[words[c].start:words[stop - 1].end])
    return None


def _body_word(ctx: _Context, k: int) -> bool:
    """Word ``k`` is part of a tagged place or body: «مسؤول طالبان», «محافظ كاليفورنيا»."""
    m = ctx.mention(k)
    return m is not None and ctx.kind(m) in ("LOC", "ORG") and not any(_is_title_word(w) for w in _name_words(m.text))


def _definite(norm: str) -> bool:
    """A definite word of a role phrase, also after و: «البلدية والقروية»."""
    return norm.startswith("ال") or (norm[:1] == "و" and norm[1:3] == "ال")


def _person_title(word: Word) -> bool:
    """A title written right before a person's name: «المهندس», «الدكتور», «د.», «اللواء»,
    an honorific («معالي آل الشيخ»)."""
    norm, _ = strip_proclitic(word.norm)
    return norm in ABBREVIATED_TITLES or norm in HONORIFICS or (
        norm.startswith("ال") and norm in TITLES and norm not in ANONYMOUS_HEADS)


#: Second words of compound given names: «صلاح الدين», «سيف الإسلام», «عبد الله».
_COMPOUND_SECOND = frozenset(normalize(w) for w in ("الدين", "الإسلام", "الله", "الرحمن", "العزيز"))
_MAX_BARE_NAME_WORDS = 3


def _name_end(ctx: _Context, k: int, end: int) -> int | None:
    """Where a person's name that starts at word ``k`` ends (exclusive), by its shape: a
    given name, then names linked by بن/آل/أبو, bare names (at most three), and a
    family name with the article that closes it («بدر بن عبدالرحمن السمحان», «علي
    العطوي», «عبدربه منصور هادي»). It ends before punctuation, a word that is no name,
    or a role word. None when no name starts at ``k``, or when more than three bare words
    run on (the object, not a name)."""
    words, text = ctx.words, ctx.text
    if words[k].norm == _AL:  # «آل الشيخ» alone
        return k + 2 if k + 1 < end and words[k + 1].norm.startswith("ال") else None
    if not _name_word(ctx, k):
        return None
    j, bare = k + 1, 1
    while j < end:
        if _PUNCT_GAP_RE.search(text[words[j - 1].end:words[j].start]) and not _abbreviation_gap(ctx, j):
            return j
        norm = words[j].norm
        if norm in _NAME_LINKS:
            if j + 1 >= end or _PUNCT_GAP_RE.search(text[words[j].end:words[j + 1].start]):
                return j
            if words[j + 1].norm.startswith("ال") and words[j + 1].norm not in _COMPOUND_SECOND:
                return j + 2  # «آل الشيخ» closes the name
            j += 2
            continue
        if norm.startswith("ال"):
            if norm in _COMPOUND_SECOND:
                j += 1
                continue
            bare_word = _bare(norm)
            if bare_word in TITLES or bare_word in SPEAKER_NOUNS or bare_word in PLACE_NOUNS or norm in SPEAKER_NOUNS:
                return j  # «… رئيس الوزراء»: a role after the name
            return j + 1  # a family name closes the name
        if not _name_word(ctx, j):
            return j
        bare += 1
        if bare > _MAX_BARE_NAME_WORDS:
            return None
        j += 1
    return j


def _name_word(ctx: _Context, j: int) -> bool:
    """Whether word ``j`` can be one word of a person's name (no function word, speech
    word, title, preposition, time word; see also :func:`_name_like`)."""
    word = ctx.words[j]
    norm = word.norm
    return (_name_like(ctx, j) and len(norm) >= 2 and _trigger(word) is None and norm not in NOT_SPEAKER_WORDS
            and norm not in _PREPOSITIONS and norm not in _COMPLEMENTIZERS and norm not in _TIME_WORDS
            and not _is_title_word(norm) and strip_proclitic(norm)[0] not in SPEAKER_NOUNS)


def _indefinite_title(word: Word) -> bool:
    """A title word without the article that is no abbreviation or honorific: «قائد»,
    «مسؤول» («قائد ميداني» is described, not named; «د. محمد», «سمو الأمير» name)."""
    norm, _ = strip_proclitic(word.norm)
    return not norm.startswith("ال") and norm in TITLES and word.norm not in ABBREVIATED_TITLES


def _name_like(ctx: _Context, j: int) -> bool:
    """Whether word ``j`` after a role can be part of a name the tagger missed: not
    definite, not a place or body the tagger found, not an adverbial, an adjective of
    the role or a noun a role goes on with — «بالأحساء», «لسوق عكاظ», «بمنطقة» carry a
    preposition (ب/ل/لل + article or + a place or institution noun)."""
    word = ctx.words[j]
    norm = word.norm
    if _body_word(ctx, j):
        return False  # a place or body (a tagged «والقروية المهندس عبداللطيف آل» is no evidence)
    if norm.startswith("ال") or norm in _SUBJECT_BREAKS or norm in _ROLE_ADJECTIVES or norm in SPEAKER_NOUNS:
        return False
    if norm.startswith("لل") or (norm[:1] in "لبوك" and (
            norm[1:].startswith("ال") or norm[1:] in SPEAKER_NOUNS or norm[1:] in PLACE_NOUNS or norm[1:] in _ORG_HEADS)):
        return False  # «للمستشفى», «بالأحساء», «لتلفزيون»: a preposition, no name
    return norm not in PLACE_NOUNS


def _named_subject_before(ctx: _Context, floor: int, verb: int) -> Speaker | None:
    """The person or body named right before the verb, with nothing between but «قد»,
    when it is the verb's subject (``لافروف قال``, ``وكان … دمرتاش دعا …``): the verb
    carries no «و/ف» of its own (``… بالرئيس أوباما وقال`` starts a new clause), the name
    is not the object of a preposition, and the clause opens with it or with «كان»."""
    words, text = ctx.words, ctx.text
    form = words[verb].norm
    if form[:1] in "وف" and form[1:] in SPEECH_VERBS:
        return None
    j = verb - 1
    if j >= floor and words[j].norm == _QAD_WORD:
        j -= 1
    if j < floor:
        return None
    for a in range(j, verb):
        gap = text[words[a].end:words[a + 1].start]
        if _PUNCT_GAP_RE.search(gap) or "\n" in gap or _QUOTE_MARK_RE.search(gap):
            return None
    m = ctx.mention(j)
    if m is None or ctx.kind(m) not in ("PER", "ORG") or (ctx.kind(m) == "PER" and not ctx.names_someone(m)):
        return None
    first = j
    while first > floor and ctx.mention(first - 1) is m:
        first -= 1
    if strip_proclitic(words[first].norm)[1] > 0 and words[first].norm[:1] in "بل":
        return None  # «للأمير …»
    # The clause opens with the name (after particles) or with «كان»: «بيد داعش طالب
    # رئيس الجمهورية» is not «داعش» speaking.
    clause = first
    while clause > floor and not _PUNCT_GAP_RE.search(text[words[clause - 1].end:words[clause].start]):
        clause -= 1
    before = [words[a].norm for a in range(clause, first)]
    if first > floor and (words[first - 1].norm in _PREPOSITIONS or strip_proclitic(words[first - 1].norm)[0] in _PREPOSITIONS):
        return None
    if all(w in _PRE_PARTICLES for w in before) or (bool(before) and before[0] in _KANA):
        return _whole_name(ctx, m, first, verb, clause) if ctx.kind(m) == "PER" else ctx.speaker_of(m)
    return None


#: What a body issues or a person gives before «… أوضح فيه/أكد فيها أن»: «أصدرت الوزارة
#: بياناً أوضحت فيه», «ألقى المدير كلمة أكد فيها».
_ISSUED = frozenset(normalize(w) for w in ("بيان", "بيانا", "كلمة", "كلمه", "تصريح", "تصريحا", "رسالة", "تقرير", "تقريرا",
                                           "خطاب", "خطابا", "تغريدة", "منشور", "منشورا", "مقالا", "مقال"))
_IN_IT = frozenset(normalize(w) for w in ("فيه", "فيها"))


def _issuer(ctx: _Context, span: list[int], verb: int) -> Speaker | None:
    """«أصدرت قيادة القوات المشتركة اليوم بياناً أوضحت فيه أنه …» → the body that issued
    the statement (the subject between the opening verb and the document), when the speech
    verb is followed by «فيه/فيها» (the statement it is in)."""
    words = ctx.words
    if verb + 1 >= len(words) or words[verb + 1].norm not in _IN_IT or len(span) < 3:
        return None
    if words[span[-1]].norm not in _ISSUED or ctx.mention(span[-1]) is not None:
        return None
    first = next((j for j in span if words[j].norm not in _PRE_PARTICLES), None)
    if first is None or first + 1 >= span[-1] or ctx.mention(first) is not None:
        return None
    s0, s1 = _subject_span(ctx, first + 1, span[-1])
    if s1 <= s0:
        return None
    speaker = _resolve_span(ctx, s0, s1, s1)
    return speaker if speaker is not None and speaker is not _NOT_SPEECH and speaker.name else None


def _pre_verb_speaker(ctx: _Context, floor: int, verb: int) -> Speaker | None | str:
    """The subject written before the verb (``وكان لافروف قد نفى``), "inherit" for a
    pronoun (``لكنه أقر``) or nothing, None when the words there are not a subject."""
    words, text = ctx.words, ctx.text
    start = verb
    while start > floor and not _PUNCT_GAP_RE.search(text[words[start - 1].end:words[start].start]):
        start -= 1
        if verb - start > _MAX_PRE_WORDS + 6:
            return None
    span = list(range(start, verb))
    issuer = _issuer(ctx, span, verb)
    if issuer is not None:
        return issuer
    background = any(words[j].norm in _KANA for j in span)
    comp = next((j for j in reversed(span) if words[j].norm in _COMPLEMENTIZERS), None)
    if comp is not None:
        if words[comp].norm not in _BARE_COMPLEMENTIZERS:
            return None if background else "inherit"  # «إلا أنه أشار إلى أن»: the one before
        if words[verb].norm[:1] in "وف" and words[verb].norm[1:] in SPEECH_VERBS:
            return None if background else "inherit"  # «… أن مستوى المنتخب في تصاعد وقال:»: a new clause
        span = span[span.index(comp) + 1:]  # «مع العلم أن بعض التقارير كشفت»: the subject follows أن
        if not span or words[verb].norm in _IS_CONSIDERED:
            return None  # «… بأن تنظيم كأس العالم يعتبر "مسألة هيبة"»: "is considered", nobody speaking
    if any(words[j].norm in _QUESTION_WORDS for j in span):
        return None  # «متى تتوقع …؟»: a question
    if span and all(words[j].norm in _SUBORDINATORS or words[j].norm in _PRE_PARTICLES for j in span) \
            and any(words[j].norm in _SUBORDINATORS for j in span) and not background:
        # «صدم الهولندي لويس فان غال أنصار مانشستر …، حين قال إنه …»: the person the
        # sentence is about, else someone unnamed
        return _sentence_person(ctx, floor, start) or _UNKNOWN
    link = next((n for n in range(len(span) - 1, 0, -1) if words[span[n]].norm in _CLAUSE_LINKS), None)
    if link is not None:
        span = span[link:]  # «ورأت الممثلة هذا النموذج في 2010 لكن قالت إنها»: the clause after لكن
    sub = next((n for n, j in enumerate(span) if words[j].norm in _SUBORDINATORS or (
        words[j].norm == _HAYTHU and any(words[i].norm not in _PRE_PARTICLES for i in span[:n]))), None)
    if sub is not None and any(words[j].norm not in _PRE_PARTICLES for j in span[:sub]):
        # «لكن رجل الأعمال أثار الضحك عندما ذكر أنه …»: the person the clause opens
        # with, when it is named, else nobody we can name
        head = next((j for j in span[:sub] if words[j].norm not in _PRE_PARTICLES), None)
        m = ctx.mention(head) if head is not None else None
        if m is not None and ctx.kind(m) in ("PER", "ORG") and ctx.names_someone(m):
            return ctx.speaker_of(m)
        return None if background else _UNKNOWN
    if any(words[j].norm in _PLURAL_PRONOUNS for j in span):
        return None if background else _UNKNOWN
    if any(words[j].norm in _PRONOUN_PARTICLES for j in span):
        return None if background else "inherit"
    while span and (words[span[0]].norm in _PRE_PARTICLES or words[span[0]].norm in _FROM_SIDE):
        span.pop(0)
    while span and (words[span[-1]].norm in _PRE_PARTICLES or words[span[-1]].norm in _FROM_SIDE):
        span.pop()
    if not span:
        return None if background else "inherit"  # «وكان قد أكد»: background, not a new statement
    opening = words[span[0]].norm
    if strip_proclitic(opening)[0] in _PREPOSITIONS or opening in _PREPOSITIONS or (
            opening[:1] in "وف" and (opening[1:] in _PREPOSITIONS or opening[1:] in _TOPIC_WORDS)) or opening in _TOPIC_WORDS:
        # «وعن قضية مورا وإصابته قال:», «وحول موقف الائتلاف … قالت»: the topic asked about
        return None if background else "inherit"  # «وفي تصريح له قال»: an adverbial, not a subject
    last = ctx.mention(span[-1])
    if last is not None and ctx.kind(last) in ("PER", "ORG"):
        first = span[-1]
        while first > span[0] and ctx.mention(first - 1) is last:
            first -= 1
        if any(strip_proclitic(words[j].norm)[0] in _PREPOSITIONS for j in range(max(span[0], first - 2), first)):
            return None  # «… وفرحته مع المدرب كارينو أكدت»: the name is not the subject
        return ctx.speaker_of(last)  # "تقرير لصحيفة (نيويورك تايمز) ذكرت"
    if len(span) > _MAX_PRE_WORDS:
        return None
    return _resolve_span(ctx, span[0], span[-1] + 1, span[-1] + 1)


# --- extraction -------------------------------------------------------------------------


def extract_quotes(
    article: Article,
    mentions: Iterable[Mention] = (),
    entities: Mapping[str, Entity] | None = None,
    roles: Mapping[str, str] | None = None,
    names: Mapping[tuple[str, ...], str] | None = None,
    given: frozenset[str] | None = None,
) -> list[Quote]:
    """Quotes of one article, in text order.

    ``mentions`` are this article's NER mentions (``entity_id`` filled by the
    canonicalizer), ``entities`` the digest's entities by id, ``roles`` a map from a
    normalized role to the one entity holding it (see :func:`role_index`), ``names``
    a map from a name key to an entity id (see :func:`name_index`; built from
    ``entities`` when not given), ``given`` the digest's given names (see
    :func:`given_names`; likewise).
    """
    text = article.clean_text
    words = words_of(text)
    entities = entities or {}
    mention_at: dict[int, Mention] = {}
    own = sorted((m for m in mentions if m.article_id == article.id), key=lambda m: m.start)
    spans: list[tuple[int, int, Mention]] = []
    wi = 0
    for m in own:
        while wi < len(words) and words[wi].end <= m.start:
            wi += 1
        k = wi
        while k < len(words) and words[k].start < m.end:
            mention_at.setdefault(k, m)
            k += 1
        if k > wi and mention_at.get(wi) is m:
            spans.append((wi, k, m))
    by_name = names if names is not None else name_index(entities.values())
    given = given if given is not None else given_names(entities.values())
    ctx = _Context(text, words, mention_at, entities, roles or {}, by_name, spans=spans, given_names=given)

    sentences = article.sentences or split_sentences(text)
    quotes: list[Quote] = []
    previous: Speaker | None = None
    wi = 0
    before_sentence = (0, 0)  # word range of the sentence before
    quoted_before = False  # whether the sentence before yielded a quote
    this_sentence, count_before = (0, 0), 0
    for sentence in sentences:
        before_sentence, quoted_before = this_sentence, len(quotes) > count_before
        while wi < len(words) and words[wi].start < sentence.start:
            wi += 1
        first_word = wi
        last_word = first_word
        while last_word < len(words) and words[last_word].end <= sentence.end:
            last_word += 1
        this_sentence, count_before = (first_word, last_word), len(quotes)
        decree = _decree(ctx, sentence.start, sentence.end, first_word)
        if decree is not None:
            quotes.append(Quote(decree[0].name, decree[0].entity, text[decree[1]:decree[2]], "direct",
                                article.id, decree[1], decree[2]))
            continue
        quoted = _quotation_spans(text, sentence.start, sentence.end)
        triggers = [
            i for i in range(first_word, last_word)
            if _trigger(words[i]) and i not in mention_at and _live_trigger(ctx, i, quoted, last_word)
        ]
        covered_until = -1
        floor = first_word
        sentence_speaker: Speaker | None = None
        for n, t in enumerate(triggers):
            if words[t].start < covered_until:
                continue
            kind = _trigger(words[t])
            # A verb that reads as part of this clause does not end it (it is covered, or
            # starts its own statement after the clause ends).
            nxt = next((u for u in triggers[n + 1:] if words[u].start >= covered_until and not _embedded(ctx, u)), last_word)
            limit = words[nxt].start if nxt < last_word else sentence.end
            content = _find_content(ctx, t + 1, nxt, limit, sentence.end)
            speaker: Speaker | None
            s1 = t + 1
            transmitter: Speaker | None = None
            if kind == "participle":
                speaker = sentence_speaker or _sentence_person(ctx, first_word, t) or _sentence_subject(ctx, first_word, t)
                if speaker is None and t == first_word and not quoted_before:
                    # «ونقل الأمير نواف … تحيات … .. مشيراً إلى أن»: the person of the sentence before
                    speaker = _sentence_person(ctx, *before_sentence)
                speaker = speaker or previous
                if sentence_speaker is None and not _agrees(ctx, words[t], speaker):
                    speaker = None  # "مشيرة إلى أنه" does not continue a man
                gap = text[words[t - 1].end:words[t].start] if t > 0 else ""
                if content is None and ("،" in gap or "," in gap):
                    # "…، مشدداً على ضرورة …": the participle's own clause, no أن.
                    content = _object_content(ctx, t + 1, limit)
            elif kind == "qawl":
                speaker = _reported_via(ctx, floor, t)
            else:
                sub_end = content.subject_end if content else nxt
                own_pp = False  # the verb's own preposition (أعرب عن، حذر من) ends its subject
                if content is None and _lemma(words[t]) in _PP_LEMMAS:
                    # «أكد سماحة مفتي عام المملكة … الشيخ عبدالعزيز بن عبدالله آل الشيخ على أهمية …»
                    head = _pp_head(ctx, t + 1, nxt, _lemma(words[t]))
                    if head is not None and _lemma(words[t]) == _AALANA and not _subject_then(ctx, t + 1, head):
                        head = None  # «وأعلنت الحركة تعيين نائبين … المسؤول السابق عن محاكم …»: عن of the object
                    own_pp = head is not None and _lemma(words[t]) in _OTHER_PP_HEADS
                    sub_end = head or sub_end
                s0 = t + 1
                if _lemma(words[t]) == _NAQALA:  # «ونقلت المصادر عن شهود عيان أن»: the source after عن
                    s0 = next((j + 1 for j in range(t + 1, sub_end) if words[j].norm == _AN), s0)
                s0, s1 = _subject_span(ctx, s0, sub_end)
                s0, s1 = _issued_by(ctx, s0, s1, sub_end)
                if _plural_verb(words[t]):
                    s1 = s0  # «… المسؤولين الإيرانيين يؤكدون فيها عزم إيران»: a plural verb's subject came before
                b_subject = None  # «وطالب مستخدمو الطرق بإيجاد حل …»: the words before the glued ب
                if content is None and _lemma(words[t]) in _B_LEMMAS and s1 > s0 and not (t > 0 and words[t - 1].norm == _QAD_WORD):
                    b_subject = _subject_before_b(ctx, s0, s1)  # (not «وكان أمين المنطقة … قد طالب المقاول بـ…»)
                if content is None and _lemma(words[t]) in (_OBJECT_LEMMAS | _PP_LEMMAS) and not own_pp:
                    s1 = _description_end(ctx, s0, s1)  # «يتوقع خبراء الطقس استمرار …»
                    if b_subject is not None:
                        s1 = b_subject = min(s1, b_subject) if s1 > s0 else b_subject  # «طالبت الجماهير الهلالية متجر النادي بسرعة …»
                    elif s1 > s0 and not _speaker_like(ctx, s0, s1):
                        s1 = s0  # «… توقعوا استقرار المبيعات»: the object; the subject came first
                    if _lemma(words[t]) in _B_LEMMAS:  # «أفادت مصادر طبية بوقوع …», «… أبوثنين، بالتزام»
                        s1 = next((k for k in range(s0 + 1, s1) if _glued_b(ctx, k) and (
                            not title_at(words, s0) or "،" in text[words[k - 1].end:words[k].start])), s1)
                transmitter = None
                if s0 > t + 1 and _lemma(words[t]) == _NAQALA:
                    transmitter = _resolve_span(ctx, *_subject_span(ctx, t + 1, s0 - 1), s0 - 1)
                named_before = _named_subject_before(ctx, floor, t)
                if named_before is not None:
                    s0 = s1 = t + 1  # «وكان زعيم الحزب صلاح الدين دمرتاش دعا الحكومة …»: what follows is the object
                elif _lemma(words[t]) == _WASAFA and s1 > s0 and not _speaker_like(ctx, s0, s1):
                    s1 = s0  # «… الزواوي وصف البكتيريا بأنها خطر»: the described, not the speaker
                elif _lemma(words[t]) == _WASAFA and s1 > s0 and ctx.mention(s0) is None:
                    s1 = _description_end(ctx, s0, s1)  # «ووصفت مصادر طبية إسرائيلية الحالة الصحية … بأنها»
                ctx.named_end = None
                speaker = _resolve_span(ctx, s0, s1, sub_end) if s1 > s0 else None
                if speaker is _NOT_SPEECH and _apposed_person(ctx, s0, s1, sub_end):
                    speaker = Speaker(clean_phrase(text[words[s0].start:words[s1 - 1].end]))  # «وقال معين الحق، وهو الرئيس …»
                if speaker is _NOT_SPEECH and b_subject == s1:
                    speaker = Speaker(clean_phrase(text[words[s0].start:words[s1 - 1].end]))  # a described group
                named_end = ctx.named_end if ctx.named_end is not None and s0 < ctx.named_end <= s1 else None
                if speaker is None:
                    pre = named_before or _pre_verb_speaker(ctx, floor, t)
                    speaker = previous if pre == "inherit" else pre  # type: ignore[assignment]
                    if pre == "inherit" and sentence_speaker is None and (words[t].norm[:1] in "وف" or speaker is None):
                        # «فاتصل الرئيس مبارك بأسامة شخصيا، وقال له», «تحدث … السلمي، حيث
                        # قال:»: the person this sentence is about
                        speaker = _sentence_person(ctx, first_word, t) or speaker
                    if pre == "inherit" and speaker is None and (words[t].norm[:1] in "وف" or words[first_word].norm[:1] in "وف"):
                        # «وأضاف أن …» with no statement before it: the person the sentence
                        # before is about («التقى الوزير … . وأضاف»), else someone unnamed
                        # (a verb without و, «يؤكد بأن …», is the writer's own voice)
                        speaker = (None if quoted_before else _sentence_person(ctx, *before_sentence)) or _UNKNOWN
                    if pre == "inherit" and not _agrees(ctx, words[t], speaker):
                        speaker = _DISAGREES  # "وحذرت" cannot continue لافروف: said by someone not named
                    if content is None and (isinstance(pre, Speaker) or (pre == "inherit" and speaker is not _DISAGREES
                                                                         and _bare_object(ctx, t + 1, nxt))) \
                            and _lemma(words[t]) in _OBJECT_LEMMAS and not _as_said(ctx, t):
                        # "وكان لافروف قد نفى أمس، الخميس، أي تعزيز …" (object content).
                        content = _object_content(ctx, _skip_adverbials(ctx, t + 1, nxt), limit)
                elif s1 < nxt and words[s1].norm in _ADDRESSEES and _lemma(words[t]) in _OBJECT_LEMMAS and not _as_said(ctx, t):
                    # «وأكدت مصادر خاصة لـ«الشرق الأوسط» مصرع قياديين …، ويعتقد أنهما …»: the
                    # object right after the hearer is what was said, not a later أن
                    after = _addressee_end(ctx, s1 + 1, nxt)
                    if after < nxt and words[after].norm not in _SUBJECT_BREAKS and (content is None or (
                            words[after].start < content.start
                            and _PUNCT_GAP_RE.search(text[words[after].end:content.start]))):
                        content = _object_content(ctx, after, limit) or content
                elif content is None and (s1 < nxt or (named_end is not None and named_end < s1)) \
                        and _lemma(words[t]) in _OBJECT_LEMMAS and not _as_said(ctx, t):
                    # (the subject span may run on into the object: «واستنكر … منصور الظفيري العمل الإرهابي الآثم،»)
                    # No complementizer: "ودعا لافروف الائتلاف … إلى التعاون" (object content).
                    after = _skip_adverbials(ctx, _after_apposition(ctx, named_end or _after_name(ctx, s0, s1), nxt), nxt)
                    content = _object_content(ctx, after, limit)
            if (kind == "verb" and _lemma(words[t]) == _WASAFA and content is not None and speaker is not None
                    and speaker.entity is not None and content.kind == "indirect"):
                named_end = max((k + 1 for k in range(s0, s1) if ctx.mention(k) is not None
                                 and ctx.mention(k).entity_id == speaker.entity), default=None)
                if named_end is not None and named_end < len(words) and words[named_end].start < content.start:
                    # «وصف الغانم زيارة النائب … بأنها تصرف استفزازي»: the object is part of what he said
                    content = _Content(words[named_end].start, content.end, "indirect", named_end)
            if kind != "qawl" and _lemma(words[t]) in _PP_LEMMAS:
                after = s1 if kind == "verb" and speaker is not None and s1 > t + 1 else t + 1
                pp = _pp_content(ctx, after, nxt, limit, _lemma(words[t]))
                capped = kind == "verb" and s1 - (t + 1) >= _MAX_SUBJECT_WORDS  # the object began inside the subject
                own_head = _lemma(words[t]) in _OTHER_PP_HEADS and content is not None and not _is_complementizer_before(ctx, content.start)
                if pp is not None and content is not None and _is_complementizer_before(ctx, content.start) and any(
                        (m := ctx.mention(j)) is not None and ctx.kind(m) == "PER" or _person_title(words[j])
                        for j in range(bisect.bisect_left(ctx.starts, pp.start), bisect.bisect_left(ctx.starts, content.start))):
                    pp = None  # «وأوضح المشرف على البرنامج الأستاذ … أن …»: على is in the subject
                if pp is not None and (content is None or own_head or (content.kind == "indirect" and (
                        pp.start < content.start or (capped and not _is_complementizer_before(ctx, content.start))))):
                    content = pp
            if (kind == "verb" and content is not None and words[t].norm in _IS_CONSIDERED and speaker is not None
                    and _words_between(ctx, words[t].end, content.start) > _MAX_CONSIDERED_WORDS):
                speaker = _NOT_SPEECH  # «يعتبر عدم تسليم … خرقا لبنود القانون، حيث تنص … على أنه»: "is considered"
            if content is not None and _QURAN_RE.match(text[content.start:content.end]):
                speaker = _NOT_SPEECH  # «يؤكد عز وجل قوله: {وَلاَ تَقُولُواْ …}»: a verse
            if speaker is _NOT_SPEECH or (content is not None and (
                    _recited(ctx, t, content) or _prayer(ctx, content, t) or not _ARABIC_RE.search(text[content.start:content.end]))):
                covered_until = content.end if content is not None else covered_until
                floor = t + 1
                continue
            if content is None or speaker is None:
                if speaker is not None and speaker is not _DISAGREES and kind == "verb" and nxt < last_word and _trigger(words[nxt]) == "participle":
                    sentence_speaker = speaker  # "وتابع المشاري قائلا: «…»"
                elif (speaker is not None and speaker.name and speaker is not _DISAGREES and kind == "verb" and s1 > t + 1
                      and all(words[j].norm in _PRE_PARTICLES or words[j].norm in _FROM_SIDE for j in range(first_word, t))):
                    previous = speaker  # «ووصفت الخطوط الجوية الماليزية …، وأضافت في بيان»: she spoke, the next verb goes on with her
                floor = t + 1
                continue
            if content.end <= content.start:
                continue
            speaker = _follow_up(ctx, speaker, t)
            ctx.spoken.append((t, speaker))
            if kind == "verb" and s1 > t + 1 and speaker.name and _name_words(speaker.name) != tuple(w.norm for w in words[s0:s1]):
                # a speaker named after a description: «المتخصص في التسويق العقاري فيصل الدخيل»
                ctx.described.append((t, frozenset(_bare(w.norm) for w in words[s0:s1]), speaker))
            quotes.append(Quote(
                speaker=speaker.name,
                speaker_entity=speaker.entity,
                text=text[content.start:content.end],
                kind=content.kind,  # type: ignore[arg-type]
                article_id=article.id,
                start=content.start,
                end=content.end,
            ))
            if speaker is not _DISAGREES:  # else the chain goes on with the speaker before («وطالبت …، ولفت إلى أن»)
                previous = sentence_speaker = speaker
            if kind == "verb" and transmitter is not None and transmitter.name and transmitter is not _NOT_SPEECH:
                previous = sentence_speaker = transmitter  # «… وأضافت» goes on with المصادر, not the witnesses
            covered_until = content.end
            floor = t + 1
        if len(quotes) == count_before:
            source = (_leading_source(ctx, first_word, last_word)
                      or _according_to(ctx, first_word, last_word, sentence.start, sentence.end))
            if source is not None:
                quotes.append(Quote(source[0].name, source[0].entity, text[source[1]:source[2]], "indirect",
                                    article.id, source[1], source[2]))
    return quotes


def _decree(ctx: _Context, start: int, end: int, first_word: int) -> tuple[Speaker, int, int] | None:
    """A royal order's item: «أمرنا بما هو آت : أولاً : يعين …» → its text after the last
    colon, said by the king named before in the article (null when none is)."""
    sentence = ctx.text[start:end]
    if "بما هو" not in sentence or _DECREE not in normalize(sentence):
        return None
    colon = max(sentence.rfind(":"), sentence.rfind("："))
    c_start = start + colon + 1
    while c_start < end and ctx.text[c_start].isspace():
        c_start += 1
    c_end = end
    while c_end > c_start and (ctx.text[c_end - 1].isspace() or ctx.text[c_end - 1] in ".،,؛:"):
        c_end -= 1
    if c_end - c_start < 10:
        return None
    return _titled_person(ctx, first_word, any_of=_DECREE_TITLES) or _UNKNOWN, c_start, c_end


def _quotation_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paired quotations in ``text[start:end]`` (a speech verb inside one is quoted speech)."""
    spans: list[tuple[int, int]] = []
    pos = start
    while True:
        mark = _QUOTE_MARK_RE.search(text, pos, end)
        if mark is None:
            return spans
        close = _closing(text, mark.start(), end)
        if close is None:
            pos = mark.end()
        else:
            spans.append((mark.start(), close))
            pos = close + 1


def _live_trigger(ctx: _Context, i: int, quoted: list[tuple[int, int]], last: int | None = None) -> bool:
    """A speech word that introduces speech here: not inside a quotation, not in
    "دون أن يذكر", not the outlet's «يذكر أن»/«يشار إلى أن», نقل only as «نقل … عن»,
    and قوله only in "عن X قوله"."""
    word = ctx.words[i]
    last = len(ctx.words) if last is None else last
    if any(a < word.start < b for a, b in quoted):
        return False
    joined = i >= 1 and not _BOUNDARY_RE.search(ctx.text[ctx.words[i - 1].end:word.start])
    if joined and ctx.words[i - 1].norm in _PREPOSITIONS and _trigger(word) == "verb":
        return False  # «على ذكر باريس», «من كشف …»: a verbal noun, not a verb (not «… من قبل».\nوقالت)
    if joined and ctx.words[i - 1].norm in _NEGATIONS:
        return False  # «ولم يكشف ليون عن …»: what was not said
    following_word = ctx.words[i + 1] if i + 1 < last else None
    if following_word is not None and not ctx.text[word.end:following_word.start].strip():
        if (_trigger(following_word) == "verb" and _trigger(word) == "verb" and word.norm[:1] not in "وف"
                and following_word.norm[:1] not in "وف" and _lemma(word) != _TABI):
            return False  # «من جا نبه أشار …» (a split «جانبه»): the second verb speaks
        if _lemma(word) == _TABI and following_word.norm[:1] == "ل" and not following_word.norm.startswith(("لم", "لن", "لا", "ليس")):
            return False  # «فريق طبي تابع لمنظمة …»: "belonging to", not "went on"
    following = following_word.norm if following_word is not None else ""
    if word.norm == _BAYYAN:
        # «فقد بيّن الغنوشي أنه …»: بين (also "between") is the verb only after قد
        return i >= 1 and ctx.words[i - 1].norm in _QAD and following_word is not None
    if word.norm in _BAYYANA:
        if following_word is None:
            return False
        nxt = following_word
        named = ctx.mention(i + 1)
        return (nxt.norm in _COMPLEMENTIZERS or nxt.norm in TITLE_PRONOUNS or title_at(ctx.words, i + 1)
                or (named is not None and ctx.kind(named) == "PER"))
    if word.norm in _ZADA:
        after = ctx.text[word.end:word.end + 3].lstrip()
        return bool(after) and (after[0] in ":«\"“" or following in SPEECH_PARTICIPLES)
    if word.norm in BACKGROUND_VERBS and (following in _COMPLEMENTIZERS or following in _PP_HEADS or not following):
        return False
    if word.norm == _NAQALA and i >= 1 and not ctx.text[ctx.words[i - 1].end:word.start].strip() and ctx.mention(i - 1) is None \
            and ctx.words[i - 1].norm not in _PRE_PARTICLES and ctx.words[i - 1].norm not in _PRONOUN_PARTICLES:
        return False  # «شركات نقل الحجاج»: the noun "transport" after a noun
    if _lemma(word) == _NAQALA and not any(
        ctx.words[j].norm == _AN or ctx.words[j].norm in _COMPLEMENTIZERS for j in range(i + 1, min(last, i + 9))
    ):
        return False  # «جرى نقل الجثمان»: carried, not reported («نقلت رويترز أن/عن …» is)
    if i >= 2 and ctx.words[i - 1].norm in _COMPLEMENTIZERS and ctx.words[i - 2].norm in _NOT_SPEECH_BEFORE:
        return False
    if i >= 1 and ctx.words[i - 1].norm in _RELATIVES:
        return False
    if (word.norm in _COMPARATIVES or (i >= 1 and ctx.words[i - 1].norm in _AS)) and (
            following_word is None or _PUNCT_GAP_RE.search(ctx.text[word.end:following_word.start])):
        # «الحقيقة واضحة، والحل أوضح،»: "clearer", not "explained"; «(لا ماء ولا مرعى)
        # كما يقولون، ولابد أنه …»: "as they say", no source — a pause right after either
        return False
    if _trigger(word) == "qawl":
        return any(ctx.words[j].norm == _AN for j in range(max(0, i - 5), i))
    return True


def _as_said(ctx: _Context, verb: int) -> bool:
    """«كما توقع البعض»: "as X expected/said", a comparison, not reported content; nor is
    «وتعتبر المؤسسة محركاً …» ("is considered") without أن."""
    return (verb > 0 and ctx.words[verb - 1].norm in _AS) or ctx.words[verb].norm in _IS_CONSIDERED


def _sentence_person(ctx: _Context, first: int, before: int) -> Speaker | None:
    """The first person named in a sentence before a participle whose main verb is not
    a speech verb: «أدان المفتي علي جمعة العمليات …، مؤكداً أن …» → علي جمعة."""
    for start, _, mention in ctx.people:
        if first <= start < before:
            # not a person named inside reported content («… أن برامج السوق تشمل مسرحية
            # "لبيد بن ربيعة" …، مشيراً» is not Labid speaking)
            if any(ctx.words[j].norm in _COMPLEMENTIZERS for j in range(first, start)):
                return None
            return ctx.speaker_of(mention)
        if start >= before:
            break
    return None


def _sentence_subject(ctx: _Context, first: int, before: int) -> Speaker | None:
    """The subject of a sentence that opens with its (non-speech) verb, when it can
    speak, for a participle later in it: «فيما تبادل المسافرون معهم التهاني …؛ مشيدين
    بجهودهم», «واختارت الوزارة موعد …، مؤكدة أن …», «اشتكت عدد من شركات الحج …،
    مشيرة إلى أن …». The opening word is taken as the verb when it is no preposition,
    no name and no known noun; what follows it must read as a speaker."""
    words = ctx.words
    v = first
    while v < before and (words[v].norm in _PRE_PARTICLES or words[v].norm in _FROM_SIDE):
        v += 1
    if v + 1 >= before or ctx.mention(v) is not None or words[v].norm in _PREPOSITIONS or words[v].norm in NOT_SPEAKER_WORDS \
            or strip_proclitic(words[v].norm)[0] in _PREPOSITIONS or _definite(words[v].norm) or title_at(words, v) \
            or words[v].norm in ACCORDING_TO or not _ARABIC_RE.search(words[v].text):
        return None  # (not «وبحسب مصدر مقرب؛ …», not a list item «2- وثيقة التخرج …»)
    if _PUNCT_GAP_RE.search(ctx.text[words[v].end:words[v + 1].start]):
        return None
    s0, s1 = _subject_span(ctx, v + 1, before)
    if s1 <= s0:
        return None
    if words[s0].norm == _ADAD and s0 + 2 < s1 and words[s0 + 1].norm == _MIN:
        end = _description_end(ctx, s0 + 2, s1)  # «عدد من شركات الحج والعمرة»
        return Speaker(clean_phrase(ctx.text[words[s0].start:words[end - 1].end])) if end > s0 + 2 else None
    s1 = _description_end(ctx, s0, s1)
    if s1 <= s0 or not (_speaker_like(ctx, s0, s1) or _plural_people(words[s0].norm)):
        return None
    speaker = _resolve_span(ctx, s0, s1, s1)
    return None if speaker is None or speaker is _NOT_SPEECH or not speaker.name else speaker


def _plural_people(norm: str) -> bool:
    """A definite nominative plural noun («المسافرون», «الباحثون»): people who may speak."""
    return norm.startswith("ال") and norm.endswith("ون") and len(norm) > 6


def _embedded(ctx: _Context, i: int) -> bool:
    """A finite speech verb inside the running clause of an earlier one, not a new
    statement: no punctuation or conjunction before it, no particle or named subject
    («أن درجات الحرارة … تعتبر الأعلى», «أنه جرى نقل …», «بل حتى كشف أخطائهم»)."""
    word = ctx.words[i]
    if _trigger(word) != "verb" or i == 0:
        return False
    previous = ctx.words[i - 1]
    gap = ctx.text[previous.end:word.start]
    if _PUNCT_GAP_RE.search(gap) or "\n" in gap or _QUOTE_MARK_RE.search(gap):
        return False
    if word.norm[:1] in "وف" and (word.norm[1:] in SPEECH_VERBS or word.norm in _BAYYANA):
        return False  # «… واشار الى ان»: a new clause
    if _inside_that_clause(ctx, i):
        return True  # «… إن مركز أبحاث العلوم … أعلن حصوله …», «أن الدراسة قد بينت أن …»: its own verb
    if previous.norm in _PRE_PARTICLES or previous.norm in _PRONOUN_PARTICLES or previous.norm in _KANA:
        return False  # «كما أكد», «لكنه قال», «وكان قد أكد»
    if word.norm in _IS_CONSIDERED:
        return True  # «إن نظام بشار الأسد يعتبر جثة»: "is considered", inside the clause
    return ctx.mention(i - 1) is None  # «… لافروف قال»: a subject written first


def _named_at_start(ctx: _Context, s0: int, s1: int) -> bool:
    """A name at the start of words ``s0..s1``, after definite words or titles only
    («الأميركية سيرينا وليامس», «الداعية الدكتور عائض القرني»), not inside an object
    («حرص جامعة جازان»)."""
    for k in range(s0, min(s1, s0 + 4)):
        if ctx.mention(k) is not None:
            return True
        norm = ctx.words[k].norm
        if not (norm.startswith("ال") or title_at(ctx.words, k) or norm in ABBREVIATED_TITLES):
            return False
    return False


#: How far back a complementizer may open the clause a verb sits in.
_MAX_CLAUSE_WORDS = 12


def _inside_that_clause(ctx: _Context, i: int) -> bool:
    """Whether the verb at word ``i`` is the verb of a that-clause opened by أن/إن a few
    words before it, with no punctuation, quotation mark or speech word between."""
    words, text = ctx.words, ctx.text
    for j in range(i - 1, max(-1, i - 1 - _MAX_CLAUSE_WORDS), -1):
        gap = text[words[j].end:words[j + 1].start]
        if _PUNCT_GAP_RE.search(gap) or "\n" in gap or _QUOTE_MARK_RE.search(gap):
            return False
        if words[j].norm in _BARE_COMPLEMENTIZERS and _is_complementizer(ctx, j):
            return j < i - 1
        if _trigger(words[j]) is not None:
            return False
    return False


def _speaker_like(ctx: _Context, s0: int, s1: int) -> bool:
    """Words after a verb that can be its subject: a name, a title, a speaker noun — at
    their start («وأكد حرص جامعة جازان على …» is the object, a body named inside it)."""
    return (_named_at_start(ctx, s0, s1) or title_at(ctx.words, s0)
            or strip_proclitic(ctx.words[s0].norm)[0] in SPEAKER_NOUNS or ctx.words[s0].norm in _SOURCE_HEADS
            or strip_proclitic(ctx.words[s0].norm)[0] in TITLE_PRONOUNS)


def _description_end(ctx: _Context, s0: int, s1: int) -> int:
    """Where a described subject with no name ends when its content follows without أن:
    after the head, definite words and nisba adjectives (خبراء الطقس، مصادر طبية) —
    not the indefinite noun that starts the content (استمرار، بوقوع)."""
    if s1 <= s0:
        return s1
    if title_at(ctx.words, s0):
        return _role_end(ctx, s0, s1)
    for n in range(min(3, s1 - s0), 0, -1):  # «وتوقع العدواني زيادة …»: a name known in the digest
        if not ctx.words[s0].norm.startswith(("ال", "لل")) or ctx.mention(s0) is not None:
            break
        if _known_name(ctx, s0, s0 + n) is not None:
            return s0 + n
    named = ctx.mention(s0)
    if named is not None:  # «أعلنت جامعة أم القرى بدء التقديم …»: the name, then the object
        return _mention_end(ctx, named, s0, s1)
    people = [k for k in range(s0, s1) if (m := ctx.mention(k)) is not None and ctx.kind(m) == "PER" and ctx.names_someone(m)]
    if people:  # «المفوض الأوروبي لشؤون التوسيع يوهانس هان»: up to the person named
        return _mention_end(ctx, ctx.mention(people[0]), people[0], s1)
    # «خبراء مصريون استطلعت «الشرق الأوسط» آراءهم» ends at «استطلعت»; a place or body
    # named in it goes on: «إمارة منطقة عسير»
    indefinite = False  # an indefinite adjective seen («مصادر طبية إسرائيلية»)
    for k in range(s0 + 1, s1):
        word = ctx.words[k]
        if ctx.mention(k) is not None or (word.norm in PLACE_NOUNS and k + 1 < s1 and ctx.mention(k + 1) is not None):
            continue
        if indefinite and word.norm.startswith("ال"):
            return k  # «ووصفت مصادر طبية إسرائيلية الحالة الصحية …»: a definite word starts the object
        adjective = not word.norm.startswith("ال") and word.text.endswith(("ي", "ية", "يه", "يون", "يين"))
        indefinite = indefinite or adjective
        if _genitive_tail(word.norm):
            continue  # «الإدارة العامة للتعليم بمحافظة الطائف»: the body's own complement
        if not word.norm.startswith("ال") and not adjective:
            return k
    return s1


def _genitive_tail(norm: str) -> bool:
    """A word that continues a body's name with ل/ب: «للتعليم», «بالمدينة», «بمحافظة»,
    «لشؤون» (a preposition glued to a definite word or to a place or institution noun)."""
    if norm.startswith("لل") and len(norm) > 4:
        return True
    if norm[:1] not in "لب" or len(norm) < 4:
        return False
    rest = norm[1:]
    return rest.startswith("ال") or rest in PLACE_NOUNS or rest in SPEAKER_NOUNS or rest in _ORG_HEADS


def _role_end(ctx: _Context, s0: int, s1: int) -> int:
    """Where a role subject ends when its object follows without أن and no name is in
    it: «وأكد الأمين العام حرص الأمانة …» → «الأمين العام». Its definite words, titles,
    adjectives and named bodies go on; a bare word ends it unless a person's title
    stands before it or it is a given name the digest knows (then a name follows)."""
    words = ctx.words
    if any((m := ctx.mention(k)) is not None and ctx.kind(m) == "PER" for k in range(s0, s1)):
        return s1
    k = s0 + 1
    if k < s1 and words[k].norm == _BISM:
        k += 2
    complete = strip_proclitic(words[s0].norm)[0].startswith("ال")  # a definite word closes a construct
    while k < s1 and words[k].norm != _AL:
        norm = words[k].norm
        if _definite(norm) or _body_word(ctx, k):
            complete = True
        elif not (title_at(words, k) or norm in _ROLE_ADJECTIVES or norm in ABBREVIATED_TITLES or norm[:1] == "ل"
                  or not complete):
            break  # a bare noun after a complete role: the object
        k += 1  # «الأمين العام للمركز العربي …», «مدير صحة الباحة»: the role goes on
    if k >= s1 or _person_title(words[k - 1]) or words[k].norm in ctx.given_names or words[k].norm == _AL:
        return s1
    return k


def _mention_end(ctx: _Context, m: Mention | None, k: int, stop: int) -> int:
    """The first word from ``k`` on (``stop`` at most) that mention ``m`` does not cover."""
    while k < stop and ctx.mention(k) is m:
        k += 1
    return k


def _pp_content(ctx: _Context, first: int, stop: int, limit: int, lemma: str | None = None) -> _Content | None:
    """Content given as a prepositional object: «شدد … على ضرورة …», «أشارت المصادر إلى
    سقوط …», «أفادت مصادر طبية بوقوع …»; None when أن follows the preposition (the
    usual path handles it) or no preposition comes first."""
    words = ctx.words
    k = first
    while k < stop and words[k].norm in _TIME_WORDS:
        k += 1
    if lemma in _B_LEMMAS and k < stop and _glued_b(ctx, k):
        return _object_content(ctx, k, limit)
    head = _pp_head(ctx, k, stop, lemma)
    return _object_content(ctx, head + 1, limit) if head is not None else None


def _is_complementizer_before(ctx: _Context, offset: int) -> bool:
    """Whether the content at ``offset`` was opened by أن/إن (not taken as an object)."""
    k = bisect.bisect_left(ctx.starts, offset) - 1
    return k >= 0 and ctx.words[k].norm in _COMPLEMENTIZERS


def _pp_head(ctx: _Context, first: int, stop: int, lemma: str | None = None) -> int | None:
    """The preposition that opens a prepositional content within the next 16 words
    (على/إلى, or the verb's own: حذر من، كشف عن): no sentence punctuation or speech
    word before it, no أن right after it. «من»/«عن» also link a speaker to its body
    («مسؤول من وزارة الصحة»), so they open content only before a word that names no
    body or place."""
    words = ctx.words
    other = _OTHER_PP_HEADS.get(lemma or "")
    heads = other or _PP_HEADS
    for j in range(first, min(stop, first + 16)):
        gap = ctx.text[words[j - 1].end:words[j].start] if j > 0 else ""
        if j > first and re.search(r"[؛;:.!?؟]", gap):
            return None
        if words[j].norm in heads and ctx.mention(j) is None:
            if j > first and words[j - 1].norm in _PP_IDIOMS:
                continue  # «إضافة إلى …», «بالنسبة إلى …»: an adverbial, not the verb's object
            if j + 1 >= stop or _is_complementizer(ctx, j + 1) or words[j + 1].norm in _COMPLEMENTIZERS:
                return None
            if other and (ctx.mention(j + 1) is not None or _bare(words[j + 1].norm) in SPEAKER_NOUNS
                          or _bare(words[j + 1].norm) in PLACE_NOUNS or words[j + 1].norm in SPEAKER_NOUNS):
                continue
            if lemma == _AALANA and words[j + 1].norm.startswith(("ال", "لل")):
                continue  # «أعلنت … ارتفاع عدد العاطلين عن العمل»: «عن» of a noun; «أعلن عن إطلاق …» opens content
            return j
        if _trigger(words[j]) is not None:
            return None
    return None


def _subject_then(ctx: _Context, first: int, head: int) -> bool:
    """Whether the preposition at ``head`` follows the verb's subject directly: the
    subject phrase from ``first`` ends there, or at a person named right before it
    («أعلن مدير فرع وزارة المياه في الأحساء المهندس عبدالله الدولة، عن …»)."""
    if _subject_span(ctx, first, head + 1)[1] == head or (head > first and title_at(ctx.words, head - 1)):
        return True  # (also «أعلن المحافظ عن تقديم …»: a title, then عن and the content)
    m = ctx.mention(head - 1) if head > first else None
    return m is not None and ctx.kind(m) in ("PER", "ORG")


def _glued_b(ctx: _Context, k: int) -> bool:
    """«بوقوع», «بجهودهم»: ب glued to a noun (not بحسب, بعد, بين, بأن, nor a name)."""
    norm = ctx.words[k].norm
    return (norm.startswith("ب") and len(norm) > 3 and ctx.mention(k) is None
            and not (norm in _SUBJECT_BREAKS or norm in ACCORDING_TO or norm in _PREPOSITIONS or norm in _COMPLEMENTIZERS
                     or norm in NOT_SPEAKER_WORDS or norm in _B_ADVERBS))


def _bare_object(ctx: _Context, k: int, stop: int) -> bool:
    """Whether a subjectless verb is followed by its object: an indefinite noun that
    names nothing («وأكد أهمية تفعيل …», «وأكد وقوف البرلمان …») — not a definite
    phrase the resolver did not know as a speaker («أعلن الحراك الجنوبي عن …»), nor a
    demonstrative («وأعلن ذلك رئيس الوزراء …»: the subject follows it)."""
    if k >= stop:
        return False
    word = ctx.words[k]
    return (ctx.mention(k) is None and not word.norm.startswith(("ال", "لل")) and word.norm not in NOT_SPEAKER_WORDS
            and word.norm not in _DEMONSTRATIVES and word.norm != _AL and not title_at(ctx.words, k)
            and strip_proclitic(word.norm)[0] not in SPEAKER_NOUNS and _ARABIC_RE.search(word.text) is not None)


_HE_SHE = frozenset(normalize(w) for w in ("وهو", "وهي"))


_ISSUED_BY = frozenset(normalize(w) for w in ("الصادر", "الصادرة", "صادر", "صادرة"))
#: Figures, which speak for whoever issued them (a statement or a report speaks itself).
_FIGURES = frozenset(normalize(w) for w in ("أرقام", "بيانات", "إحصائيات", "احصائيات", "إحصاءات", "احصاءات", "معطيات", "تقديرات"))


def _issued_by(ctx: _Context, s0: int, s1: int, stop: int) -> tuple[int, int]:
    """«وتشير الأرقام الصادرة عن الهيئة الملكية إلى أن …»: a document «issued by» a body
    speaks for it — the subject is the body after «عن» (the span ends at عن, a break)."""
    words = ctx.words
    if not (s0 < s1 < stop - 1 and words[s1].norm == _AN and words[s1 - 1].norm in _ISSUED_BY
            and _source_noun(words[s0].norm) in _FIGURES):
        return s0, s1
    b0, b1 = _subject_span(ctx, s1 + 1, stop)
    return (b0, b1) if b1 > b0 else (s0, s1)


def _apposed_person(ctx: _Context, s0: int, s1: int, stop: int) -> bool:
    """Whether a short subject no list knows is a person's name by what follows it: «،
    وهو الرئيس …» («وقال معين الحق، وهو الرئيس البنغلاديشي للجنة …، إن …»)."""
    words = ctx.words
    if not (1 <= s1 - s0 <= 3) or s1 >= stop or words[s1].norm not in _HE_SHE:
        return False
    if "،" not in ctx.text[words[s1 - 1].end:words[s1].start] and "," not in ctx.text[words[s1 - 1].end:words[s1].start]:
        return False
    return all(_ARABIC_RE.search(words[j].text) and words[j].norm not in NOT_SPEAKER_WORDS and words[j].norm not in _PREPOSITIONS
               and _trigger(words[j]) is None for j in range(s0, s1))


def _subject_before_b(ctx: _Context, s0: int, s1: int) -> int | None:
    """Where the subject of «طالب/أشاد/ناشد … بـ» ends: right before the first noun with a
    glued ب within five words («وطالب مستخدمو الطرق بإيجاد حل», «وتطالب نقابات عدة
    بزيادة الرواتب»), when the words before it are a noun phrase (no speech word, no
    preposition, no number, not a pronoun or a demonstrative)."""
    words = ctx.words
    for k in range(s0 + 1, min(s1, s0 + 6)):
        if _glued_b(ctx, k):
            phrase = range(s0, k)
            if any(_trigger(words[j]) is not None or words[j].norm in _PREPOSITIONS and words[j].norm != _MIN
                   or not _ARABIC_RE.search(words[j].text) or (j == s0 and words[j].norm in NOT_SPEAKER_WORDS) for j in phrase):
                return None
            if "،" in ctx.text[words[s0].start:words[k].start] and not title_at(words, s0):
                return None
            for j in range(s0 + 2, k):
                if words[j].norm.startswith("ال") and words[j].norm.endswith("ين") and _definite(words[j - 1].norm) \
                        and ctx.mention(j) is None:
                    return j  # «وناشد مدير الدفاع المدني المواطنين بعدم …»: the hearer ends the subject
            return k
    return None


def _recited(ctx: _Context, verb: int, content: _Content) -> bool:
    """Verse recited after «يقول الشاعر:» — a citation, not a statement; nor the title of
    a poem read («وختم الرشيد الأمسية بقصيدتا "…"»)."""
    words = ctx.words
    k = bisect.bisect_left(ctx.starts, content.start) - 1
    if verb < k and k < len(words) and words[k].end <= content.start and _source_noun(words[k].norm) in _POEMS:
        return True
    subject = range(verb + 1, min(len(words), verb + 3))
    if not any(strip_proclitic(words[j].norm)[0] in _POET for j in subject):
        return False
    before = ctx.text[:content.start].rstrip()
    return before.endswith((":", "«", '"', "“")) and words[verb].norm.lstrip("و").startswith("ي")


#: A poem or verses named right before a quotation: what follows is recited, not said.
_POEMS = frozenset(normalize(w) for w in ("قصيدة", "قصيدتا", "قصيدتين", "قصيدته", "قصائد", "أبيات", "ابيات", "بيت", "بيتا", "قصيدتي"))
_PRAYED_TO = SCRIPTURE_WORDS | frozenset(normalize(w) for w in ("وجل", "وتعالى", "عز", "القدير", "العلي"))
#: Verbs of prayer before «الله»: «ندعو الله», «نسأل الله», «سائلا المولى».
_PRAYER_VERBS = frozenset(normalize(w) for w in (
    "ندعو", "يدعو", "ادعو", "نسأل", "أسأل", "يسأل", "سائلا", "سائلين", "راجيا", "راجين", "متمنيا", "داعيا", "داعين", "ونسأل", "وندعو"))


def _prayer(ctx: _Context, content: _Content, verb: int) -> bool:
    """«ندعو الله عز وجل أن يتغمد الشهيد …», «سائلا المولى أن …», «داعياً للفقيد أن يسكنه
    المولى فسيح جناته»: a prayer, not a statement."""
    k = bisect.bisect_left(ctx.starts, content.start) - 1
    if _lemma(ctx.words[verb]) == _DAA and any(
            ctx.words[j].norm in _PRAYED_TO and ctx.mention(j) is None and not ctx.words[j - 1].norm.startswith(("عبد", "عبيد"))
            for j in range(verb + 1, min(len(ctx.words), verb + 4))):
        return True  # «داعياً سموه الله أن يتغمد …», «داعيا الله لها بالرحمة»: دعا + God is a prayer
    if k < 1 or ctx.words[k].norm not in _COMPLEMENTIZERS:
        return False
    if _god(ctx, k - 1):
        return True
    if _lemma(ctx.words[verb]) != _DAA:
        return False  # (names hold الله: «حياة الله العامري إن» is no prayer)
    return any(_god(ctx, j) for j in [*range(max(0, k - 3), k), *range(k + 1, min(len(ctx.words), k + 5))])


def _god(ctx: _Context, j: int) -> bool:
    """Word ``j`` names God, not a part of a person's name (عبدالله، رجاء الله، حياة الله)."""
    if ctx.words[j].norm not in _PRAYED_TO or ctx.mention(j) is not None:
        return False
    return j == 0 or ctx.words[j - 1].norm in _PRAYED_TO or ctx.words[j - 1].norm in SPEECH_VERB_FORMS or _trigger(ctx.words[j - 1]) is not None \
        or ctx.words[j - 1].norm in _PRAYER_VERBS


def _follow_up(ctx: _Context, speaker: Speaker, at: int) -> Speaker:
    """A definite description that takes up a source named before: «المصادر» after
    «مصادر فلسطينية», «المصدر» after «مصدر أمني»."""
    if speaker.entity is not None or not speaker.name:
        return speaker
    parts = _name_words(speaker.name)
    if len(parts) != 1 or not parts[0].startswith("ال"):
        return speaker
    for _, earlier in reversed(ctx.spoken):
        if earlier.name and earlier.entity is None:
            named = _name_words(earlier.name)
            if 1 < len(named) <= _MAX_DESCRIPTION_WORDS and named[0] == parts[0][2:]:
                return earlier
    return speaker


def _skip_adverbials(ctx: _Context, first: int, stop: int) -> int:
    """The first word after time words and commas (``نفى أمس، الخميس، أي تعزيز``)."""
    k = first
    while k < stop and (ctx.words[k].norm in _SUBJECT_BREAKS or ctx.words[k].norm in _TIME_WORDS or title_at(ctx.words, k)):
        aside = _aside_end(ctx, k, stop)
        if aside is None and title_at(ctx.words, k):
            break
        if aside is not None:
            k = aside  # «وأكد كيري، خلال إطلاق الحوار …، استمرار تقديم الدعم»
            continue
        if ctx.words[k].norm in _ADDRESSEES:  # «لوكالة فرانس برس»: the hearer's name too
            k = _addressee_end(ctx, k + 1, stop) - 1
        k += 1
    return k


#: Prepositions that open an adverbial aside set off by commas after the subject.
_ASIDE_OPENERS = frozenset(normalize(w) for w in ("خلال", "في", "عقب", "أثناء", "لدى", "بعد", "قبل", "اثناء", "على", "أمام"))
_MAX_ASIDE_WORDS = 14


def _aside_end(ctx: _Context, k: int, stop: int) -> int | None:
    """The first word after an adverbial aside that starts at word ``k`` between commas
    («، خلال إطلاق الحوار … الأحد ،»), None when there is none."""
    words, text = ctx.words, ctx.text
    if k == 0 or not (words[k].norm in _ASIDE_OPENERS or title_at(words, k)) \
            or not re.search("[،,]", text[words[k - 1].end:words[k].start]):
        return None  # (a title opens an apposition: «دعا الدكتور أحمد الطيب، شيخ الأزهر، كبار …»)
    for j in range(k + 1, min(stop, k + _MAX_ASIDE_WORDS)):
        gap = text[words[j - 1].end:words[j].start]
        if re.search("[؛;:.!?؟]", gap) or _trigger(words[j]) is not None or words[j].norm in _COMPLEMENTIZERS:
            return None
        if re.search("[،,]", gap):
            return j
    return None


def _addressee_end(ctx: _Context, k: int, stop: int) -> int:
    """Where the hearer's name that starts at word ``k`` ends: a tagged name, a name in
    quotation marks or brackets («لـ«الشرق الأوسط»», «لـ (اليوم)»), else one word."""
    if k >= stop:
        return k
    words, text = ctx.words, ctx.text
    mark = text[words[k - 1].end:words[k].start].strip()[-1:] if k > 0 else ""
    if mark and (mark in _OPEN_CLOSE or mark == "("):
        close = text.find(_OPEN_CLOSE.get(mark, ")"), words[k].start)
        if close != -1:
            j = k
            while j < stop and words[j].end <= close:
                j += 1
            return j
    named = ctx.mention(k)
    if named is not None:
        return _mention_end(ctx, named, k, stop)
    return k + 1


def _after_name(ctx: _Context, s0: int, s1: int) -> int:
    """Where the subject's name ends when the subject span ran on into the object
    (``ودعا لافروف الائتلاف الدولي``: the name is لافروف)."""
    m = ctx.mention(s0)
    if m is not None:
        return _mention_end(ctx, m, s0, s1)
    for n in range(min(3, s1 - s0), 0, -1):
        if _known_name(ctx, s0, s0 + n) is not None:
            return s0 + n
    return s1


def _feminine(word: Word) -> bool:
    """A third-person feminine verb form: قالت, أضافت, تقول (not تابع, whose stem starts with ت)."""
    form = word.norm
    lemma = SPEECH_VERBS.get(form, "")
    if form[:1] in "وف" and form[1:] in SPEECH_VERBS:
        form = form[1:]
    if not lemma:
        participle = SPEECH_PARTICIPLES.get(form)
        return participle is not None and form.endswith("ه")  # مشيرة, مؤكدة (ة → ه)
    if form == lemma:
        return False
    return (form.endswith("ت") and not lemma.endswith("ت")) or (form.startswith("ت") and not lemma.startswith("ت"))


def _plural_verb(word: Word) -> bool:
    """A speech verb in the plural (قالوا، يؤكدون): Arabic writes no subject after it."""
    lemma = SPEECH_VERBS.get(word.norm)
    return lemma is not None and word.norm.endswith(("وا", "ون")) and not lemma.endswith(("وا", "ون"))


def _agrees(ctx: _Context, verb: Word, speaker: Speaker | None) -> bool:
    """Whether a subjectless feminine verb can continue ``speaker``: not when the
    speaker is a man (a person whose first name does not end in ا/ة)."""
    if speaker is None:
        return True
    if verb.norm.endswith("ين") and verb.norm in SPEECH_PARTICIPLES:
        if speaker.entity is None:  # «مضيفين» continues «مصادر مطلعة», not «الخلف»
            return bool(speaker.name) and _name_words(speaker.name)[0].endswith(("ون", "ين", "ات", "اء", "ر"))
        entity = ctx.entities.get(speaker.entity)
        return entity is None or entity.type != "PER"  # «مشيدين» does not continue one person
    if speaker.entity is None:
        return True
    if _plural_verb(verb):
        entity = ctx.entities.get(speaker.entity)
        return entity is None or entity.type != "PER"  # «…، بينوا أنه» does not continue one person
    if not _feminine(verb):
        return True
    entity = ctx.entities.get(speaker.entity)
    if entity is None or entity.type != "PER":
        return True
    raw = entity.name.split(" ", 1)[0]
    if raw.endswith("ى"):
        return True  # منى, ليلى — but also موسى, يحيى: unknown, so allowed
    first = normalize(raw).lower()
    return first.endswith(("ا", "ه"))  # ماريا, فاطمة (ى folds into ي like سيرغي: read from the raw name above)


def _after_apposition(ctx: _Context, k: int, stop: int) -> int:
    """Past a name in apposition after a role (``أعرب وزير الخارجية، جون كيري عن …``,
    ``كشف مدير إدارة المشروع، المهندس بدر الدلامي، عن …``)."""
    first = k
    while k < stop and (title_at(ctx.words, k) or ctx.words[k].norm in ABBREVIATED_TITLES):
        k += 1
    m = ctx.mention(k) if k < stop else None
    if m is None or ctx.kind(m) != "PER":
        return first
    return _mention_end(ctx, m, k, stop)


def _object_content(ctx: _Context, first: int, limit: int, offset: int = 0) -> _Content | None:
    """Reported content that follows the subject directly (no أن): at least three words
    (``offset`` letters of the first word left out: the ب of «بوقوع»)."""
    if first >= len(ctx.words) or _words_between(ctx, ctx.words[first].start, limit) < 3:
        return None
    start = ctx.words[first].start + offset
    end = _clause_end(ctx, start, limit)
    return _Content(start, end, "indirect", first) if end > start else None


def _reported_via(ctx: _Context, floor: int, qawl: int) -> Speaker | None:
    """``نقلت X عن لافروف قوله`` → the words between the last عن and قوله."""
    words = ctx.words
    for j in range(qawl - 1, max(floor - 1, qawl - 12), -1):
        if words[j].norm == _AN:
            s0, s1 = _subject_span(ctx, j + 1, qawl)
            speaker = _resolve_span(ctx, s0, s1, qawl) if s1 > s0 else None
            if speaker is not None and speaker is not _NOT_SPEECH:
                return speaker  # not «… - رفض الكشف عن اسمه - قوله»: the source is further back
    return None


def _according_to(ctx: _Context, first: int, last: int, s_start: int, s_end: int) -> tuple[Speaker, int, int] | None:
    """A sentence ending ``…، حسب مصادر/وكالة X`` (no speech verb): the source said it."""
    words, text = ctx.words, ctx.text
    if _ACCORDING_HINT_RE.search(" ".join(w.norm for w in words[first:last])) is None:
        return None  # (most sentences: one scan of their normalized words instead of a look-up per word)
    for i in range(first + 3, last):
        norm = words[i].norm
        source_at = None
        if norm in ACCORDING_TO:
            source_at = i + 1
            if i + 1 < last and words[i + 1].norm == _AN:
                source_at = i + 2
        elif i + 1 < last and (norm + " " + words[i + 1].norm) in ACCORDING_TO:
            source_at = i + 2
        elif norm == _ALA and i + 2 < last and words[i + 1].norm == _MA and _trigger(words[i + 2]) == "verb" \
                and _PUNCT_GAP_RE.search(text[words[i - 1].end:words[i].start]) is None:
            source_at = i + 2  # «… مع مجموعة من الأصدقاء على ما أوضح رئيس البلدية»: as X said
        if source_at is None or source_at >= last:
            continue
        if source_at < last - 1 and words[source_at].norm == _MA:
            source_at += 1
        if source_at < last - 1 and (_trigger(words[source_at]) is not None or _verb_with_object(words[source_at].norm)):
            source_at += 1  # «بحسب ما ذكر المرصد», «حسبما نقلته وكالة رويترز»: the source follows the verb
        if source_at < last - 1 and words[source_at].norm in ("ل", "لـ"):
            source_at += 1  # «وفقاً لـ”العربية نت”»
        src = words[source_at]
        _, cut = strip_proclitic(src.norm)
        named = ctx.mention(source_at)
        quoted_name = ctx.text[max(0, src.start - 1):src.start] in _OPEN_CLOSE
        if not (_is_source_head(src.norm) or quoted_name or (named is not None and ctx.kind(named) in ("PER", "ORG"))):
            continue
        if cut == 0 and src.norm[:1] in "لب" and not src.norm.startswith("ال") and _is_source_head(src.norm):
            cut = 1  # «لبيانات»: the ل is no part of the source
        end = source_at
        while end < last and end - source_at < 8 and not _PUNCT_GAP_RE.search(text[words[end - 1].end:words[end].start] if end > source_at else "") \
                and words[end].norm not in _SOURCE_END:
            end += 1
        if named is not None and ctx.kind(named) in ("PER", "ORG"):
            speaker = ctx.speaker_of(named)
        else:
            speaker = _document_source(ctx, source_at, end) or Speaker(clean_phrase(text[src.start + cut:words[end - 1].end]))
        if end < last and words[end].norm in _SOURCE_END and last - end > 3:
            # «…، وحسب تقرير نفط الهلال فإن نجاح الخطة يشمل …»: what follows فإن is the
            # report's; the clause before it is the outlet's
            c_start = words[end + 1].start
            c_end = _clause_end(ctx, c_start, s_end)
            return (speaker, c_start, c_end) if c_end - c_start >= 10 else None
        c_start = words[first].start
        c_end = _clause_end(ctx, c_start, words[i].start)
        if last - end >= 3 and _PUNCT_GAP_RE.search(text[words[end - 1].end:words[end].start]):
            # «وتسببت الاشتباكات … وفق عبدالرحمن، بمقتل 10 عناصر»: the statement goes on
            # after its source; the whole sentence is the statement
            c_end = _clause_end(ctx, c_start, s_end)
        if c_end - c_start < 10:
            return None
        return speaker, c_start, c_end
    return None


def _leading_source(ctx: _Context, first: int, last: int) -> tuple[Speaker, int, int] | None:
    """A sentence that opens with its source: «بحسب تقرير صادر عن مركز مدار، فقد احتلت
    المملكة …» → the centre said what follows the source."""
    words, text = ctx.words, ctx.text
    if first + 3 >= last:
        return None
    head = words[first].norm
    if head not in ACCORDING_TO and not (head[:1] == "و" and head[1:] in ACCORDING_TO):
        return None
    k = first + 1
    if k < last and words[k].norm == _MA:
        return None  # «بحسب ما …» runs on to a verb of its own
    end = k
    while end < last and end - k < 12:
        if end > k and _PUNCT_GAP_RE.search(text[words[end - 1].end:words[end].start]):
            break
        if words[end].norm in _SOURCE_END:
            break
        end += 1
    if end >= last or end == k:
        return None
    c_first = end + 1 if words[end].norm in _SOURCE_END else end
    if c_first >= last:
        return None
    speaker = _source_speaker(ctx, k, end)
    if speaker is None:
        return None
    c_start = words[c_first].start
    c_end = _clause_end(ctx, c_start, words[last - 1].end)
    return (speaker, c_start, c_end) if c_end - c_start >= 10 else None


def _source_speaker(ctx: _Context, k: int, end: int) -> Speaker | None:
    """Who a source phrase names: the body after «صادر عن/عن», else a name in it, else
    the phrase itself when a source noun heads it (بيان، تقرير، مصادر)."""
    words = ctx.words
    an = next((j for j in range(k, end) if words[j].norm == _AN), None)
    if an is not None and an + 1 < end:
        s0, s1 = _subject_span(ctx, an + 1, end)
        speaker = _resolve_span(ctx, s0, s1, end) if s1 > s0 else None
        if speaker is not None and speaker is not _NOT_SPEECH and speaker.name:
            return speaker
    for j in range(k, end):
        m = ctx.mention(j)
        if m is not None and ctx.kind(m) in ("PER", "ORG"):
            return ctx.speaker_of(m)
    if _is_source_head(words[k].norm):
        return _document_source(ctx, k, end) or Speaker(clean_phrase(ctx.text[words[k].start:words[min(end, k + 4) - 1].end]))
    return None


def _source_noun(norm: str) -> str:
    """A source phrase's head without its ل/ب and article: «لإحصائيات» → «إحصائيات»,
    «المسؤولين» → «مسؤولين»."""
    if norm.startswith("لل") and len(norm) > 4:
        norm = norm[2:]
    elif norm[:1] in "لبو" and len(norm) > 3 and not norm.startswith("ال"):
        norm = norm[1:]
    return norm[2:] if norm.startswith("ال") and len(norm) > 4 else norm


def _is_source_head(norm: str) -> bool:
    """Whether a word can head a source after حسب/وفقا لـ: a source noun (مصادر، بيان),
    a body or group that speaks (خبراء، وزارة، المسؤولين), a document or figures
    (بيانات، إحصائيات) — not a rule or a plan («وفقا لنظام», «وفقا لقرار»)."""
    bare = _source_noun(norm)
    if bare in _NOT_SOURCES:
        return False
    return (bare in _SOURCE_HEADS or bare in _DOCUMENT_NOUNS or bare in SPEAKER_NOUNS or norm in _SOURCE_HEADS
            or strip_proclitic(norm)[0] in _SOURCE_HEADS)


def _document_source(ctx: _Context, k: int, end: int) -> Speaker | None:
    """Who speaks through a document or figures: the body named after it («بيانات بورصة
    كوريا» → «بورصة كوريا», «إحصائيات حكومة الإقليم» → «حكومة الإقليم»), None when the
    document names none."""
    words = ctx.words
    if _source_noun(words[k].norm) not in _DOCUMENT_NOUNS or k + 1 >= end:
        return None
    m = ctx.mention(k + 1)
    if m is not None and ctx.kind(m) in ("PER", "ORG", "LOC"):
        return ctx.speaker_of(m) if ctx.kind(m) != "LOC" or _is_country(ctx.entities.get(m.entity_id or ""), m) else None
    if _source_noun(words[k + 1].norm) in SPEAKER_NOUNS:
        return Speaker(clean_phrase(ctx.text[words[k + 1].start:words[min(end, k + 4) - 1].end]))
    return None


def _verb_with_object(norm: str) -> bool:
    """«نقلته», «أعلنته», «أظهرته», «أوردته»: a verb with its object pronoun after حسبما."""
    for suffix in ("ته", "ها", "ه"):
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 3:
            stem = norm[: -len(suffix)]
            if stem in SPEECH_VERBS or stem + "ت" in SPEECH_VERBS or stem in _REPORTING_VERBS:
                return True
    return norm in _REPORTING_VERBS


#: Verbs that report a source's figures after «بحسب ما/حسبما» beyond the speech verbs.
_REPORTING_VERBS = frozenset(normalize(w) for w in ("أظهر", "أظهرت", "أورد", "أوردت", "نشر", "نشرت", "أفاد", "أفادت"))


def name_index(entities: Iterable[Entity]) -> dict[tuple[str, ...], str]:
    """Name key of every variant → entity id (the first entity wins a shared key)."""
    by_name: dict[tuple[str, ...], str] = {}
    for entity in entities:
        for variant in [entity.name, *entity.variants]:
            by_name.setdefault(name_key(variant), entity.id)
    return by_name


def given_names(entities: Iterable[Entity]) -> frozenset[str]:
    """First words (matching form) of the persons' names of two words or more: the given
    names a digest knows, to tell an untagged name from a noun after a role."""
    found: set[str] = set()
    for entity in entities:
        if entity.type != "PER":
            continue
        for variant in (entity.name, *entity.variants):
            parts = _name_words(variant)
            if len(parts) >= 2 and len(parts[0]) >= 3 and not parts[0].startswith("ال") and not _is_title_word(parts[0]):
                found.add(parts[0])
    return frozenset(found)


def role_index(entities: Iterable[Entity]) -> dict[str, str]:
    """Normalized role → entity id, for roles held by exactly one entity."""
    holders: dict[str, set[str]] = {}
    for entity in entities:
        for role in entity.roles:
            holders.setdefault(normalize(role).lower(), set()).add(entity.id)
    return {role: next(iter(ids)) for role, ids in holders.items() if len(ids) == 1}


def find_quotes(
    articles: Iterable[Article], mentions: Iterable[Mention] = (), entities: Iterable[Entity] = ()
) -> list[Quote]:
    """Quotes of every article (article order, then text order)."""
    entity_list = list(entities)
    by_id = {e.id: e for e in entity_list}
    roles = role_index(entity_list)
    names = name_index(entity_list)
    given = given_names(entity_list)
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        by_article.setdefault(m.article_id, []).append(m)
    out: list[Quote] = []
    for article in articles:
        out.extend(extract_quotes(article, by_article.get(article.id, []), by_id, roles, names, given))
    return out
