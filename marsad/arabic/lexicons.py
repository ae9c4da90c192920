"""Shared Arabic word lists: stopwords, speech verbs, months, weekdays, titles.

Every key is stored in its MATCHING form (:func:`marsad.arabic.normalize.normalize`,
lower-cased), so callers look up ``words(text)`` output or ``normalize(x)`` directly:
``"اغسطس" in MONTHS`` works for أغسطس and اغسطس alike. Multi-word keys (``كانون الثاني``,
``المتحدث باسم``) use single spaces; :data:`MAX_PHRASE_WORDS` tells a matcher how many
tokens to look ahead.

Stopwords come from the ``Arabic-Stopwords`` package (Taha Zerrouki's list: ~13k
function-word forms with their attached clitics, e.g. بأنه, ولكنها), normalized, plus a
few news-prose function words it lacks. Speech verbs are a hand-made table of surface
forms (past/present, masculine/feminine, dual/plural, and the participles of the
"مشيرا إلى أن" construction) because generating Arabic inflection by rule for weak and
doubled verbs (نفى → نفت/نفوا, ردّ → ردوا) is more error-prone than listing it.

Known collisions after normalization, left to the caller's context: آب (August) = أب
(father), مارس (March) = مارس (practised), ماي, رأى (saw) = رأي (opinion), تابع (went on
= affiliated). Timeline code should require a day number or year next to a month.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

import arabicstopwords.arabicstopwords as _asw

from marsad.arabic.normalize import normalize

__all__ = [
    "STOPWORDS",
    "is_stopword",
    "SPEECH_VERBS",
    "SPEECH_VERB_FORMS",
    "SPEECH_PARTICIPLES",
    "MONTHS",
    "GREGORIAN_MONTHS",
    "LEVANTINE_MONTHS",
    "MAGHREB_MONTHS",
    "HIJRI_MONTHS",
    "WEEKDAYS",
    "TITLES",
    "ACCORDING_TO",
    "MAX_PHRASE_WORDS",
    "HONORIFICS",
    "TITLE_PRONOUNS",
    "ABBREVIATED_TITLES",
    "SCRIPTURE_WORDS",
    "BACKGROUND_VERBS",
    "SPEAKER_NOUNS",
    "NOT_SPEAKER_WORDS",
    "PLACE_NOUNS",
]


def _key(s: str) -> str:
    return normalize(s).strip().lower()


# --- stopwords ---------------------------------------------------------------------

_EXTRA_STOPWORDS = """
الى إلى علي على الذي التي الذين اللذين او أو ان إن أن انه إنه أنه انها إنها أنها كان كانت
يكون تكون وكان وكانت قد وقد لقد فقد ما لا لم لن هل حتى ايضا أيضا كذلك وكذلك الا إلا غير
عبر نحو ضد لدى حول منذ خلال بين بعد قبل عند عن مع في من و ف ب ل ك ثم او أم بل لكن ولكن
هذا هذه ذلك تلك هؤلاء أولئك هناك هنا حيث كما وفي ومن وعلى وإلى والى وعن ومع فيما بينما
""".split()

#: Content words that the package lists (as nouns of time/place, or as clitic
#: combinations that normalization makes identical to a content word: وفاه "and his
#: mouth" = وفاة "death", أبها "her father" = the city Abha, أو بك = أوبك OPEC, أمني "my
#: mother"/"security"). Found by listing the package's forms among SaudiNewsNet's
#: frequent words. They and their و/ف/ب/ل/ك-prefixed forms are NOT stopwords.
_CONTENT_WORDS = """
أمن أمني أمنه أمنها أمننا عين عينه عيني عينها أعين العين وفاة ولاية ولايته ولايتي أوبك
أبها حماة حمى حمية معاذ السن النفس النفسي ساعة صباح مساء ليل ليلة ليلا غدا غداة لحظة شهر
شهري شهره وقت مرة شمال شمالي الشمال الشمالي جنوب جنوبي الجنوب شرق شرقي الشرق غرب غربي
الغرب غروب الخلفي الأمامي اليمين اليميني أمين الإمام العامة عامة ألم أكل أكله رب زمان إله
حي
""".split()
_CONTENT_KEYS = frozenset(
    p + _key(w) for w in _CONTENT_WORDS for p in ("", "و", "ف", "ب", "ل", "ك", "وب", "ول")
)

#: Normalized stopword forms (Arabic-Stopwords package + news function words, minus
#: the content words above).
STOPWORDS: frozenset[str] = frozenset(
    k for k in (_key(w) for w in [*_asw.stopwords_list(), *_EXTRA_STOPWORDS]) if k and k not in _CONTENT_KEYS
)


def is_stopword(word: str) -> bool:
    """True if ``word`` (any spelling; normalized here) is a function word."""
    return _key(word) in STOPWORDS


# --- speech verbs --------------------------------------------------------------------

#: lemma (3rd person masculine past) → its surface forms, listed by hand. Columns:
#: past m/f, past dual m/f, past plural m, present m/f, present plural m.
_SPEECH_TABLE: dict[str, tuple[str, ...]] = {
    "قال": ("قال", "قالت", "قالا", "قالتا", "قالوا", "يقول", "تقول", "يقولون"),
    "أضاف": ("أضاف", "أضافت", "أضافا", "أضافتا", "أضافوا", "يضيف", "تضيف", "يضيفون"),
    "أكد": ("أكد", "أكدت", "أكدا", "أكدتا", "أكدوا", "يؤكد", "تؤكد", "يؤكدون"),
    "أوضح": ("أوضح", "أوضحت", "أوضحا", "أوضحتا", "أوضحوا", "يوضح", "توضح", "يوضحون"),
    "أشار": ("أشار", "أشارت", "أشارا", "أشارتا", "أشاروا", "يشير", "تشير", "يشيرون"),
    "لفت": ("لفت", "لفتت", "لفتا", "لفتتا", "لفتوا", "يلفت", "تلفت", "يلفتون"),
    "دعا": ("دعا", "دعت", "دعوا", "دعتا", "يدعو", "تدعو", "يدعون"),
    "طالب": ("طالب", "طالبت", "طالبتا", "طالبوا", "يطالب", "تطالب", "يطالبون"),
    "نفى": ("نفى", "نفت", "نفيا", "نفتا", "نفوا", "ينفي", "تنفي", "ينفون"),
    "أعلن": ("أعلن", "أعلنت", "أعلنا", "أعلنتا", "أعلنوا", "يعلن", "تعلن", "يعلنون"),
    "تابع": ("تابع", "تابعت", "تابعا", "تابعتا", "تابعوا"),
    "أقر": ("أقر", "أقرت", "أقرا", "أقرتا", "أقروا", "يقر", "تقر", "يقرون"),
    "اعتبر": ("اعتبر", "اعتبرت", "اعتبرا", "اعتبرتا", "اعتبروا", "يعتبر", "تعتبر", "يعتبرون"),
    "رأى": ("رأى", "رأت", "رأيا", "رأتا", "رأوا", "يرى", "ترى", "يرون"),
    "كشف": ("كشف", "كشفت", "كشفا", "كشفتا", "كشفوا", "يكشف", "تكشف", "يكشفون"),
    "ذكر": ("ذكر", "ذكرت", "ذكرا", "ذكرتا", "ذكروا", "يذكر", "تذكر", "يذكرون"),
    "نقل": ("نقل", "نقلت", "نقلتا", "نقلوا"),  # نقلا عن: ACCORDING_TO
    "صرح": ("صرح", "صرحت", "صرحا", "صرحتا", "صرحوا", "يصرح", "تصرح", "يصرحون"),
    "شدد": ("شدد", "شددت", "شددا", "شددتا", "شددوا", "يشدد", "تشدد", "يشددون"),
    "حذر": ("حذر", "حذرت", "حذرتا", "حذروا", "يحذر", "تحذر", "يحذرون"),
    "أفاد": ("أفاد", "أفادت", "أفادا", "أفادتا", "أفادوا", "يفيد", "تفيد", "يفيدون"),
    "بين": ("بينت", "بينتا", "بينوا"),  # not بين/بينا: "between"
    "أردف": ("أردف", "أردفت", "أردفا", "أردفوا"),
    "استطرد": ("استطرد", "استطردت", "استطردوا"),
    "اعترف": ("اعترف", "اعترفت", "اعترفا", "اعترفوا", "يعترف", "تعترف"),
    "نوه": ("نوه", "نوهت", "نوها", "نوهوا"),
    "زعم": ("زعم", "زعمت", "زعما", "زعموا", "يزعم", "تزعم", "يزعمون"),
    "أعرب": ("أعرب", "أعربت", "أعربا", "أعربوا", "يعرب", "تعرب"),
    "أبلغ": ("أبلغ", "أبلغت", "أبلغا", "أبلغوا"),
    "أجاب": ("أجاب", "أجابت", "أجابوا"),
    "رد": ("ردت", "ردوا"),  # not رد/ردا: the noun "reply"
    "ختم": ("ختم", "ختمت", "ختموا"),
    "اتهم": ("اتهم", "اتهمت", "اتهما", "اتهموا", "يتهم", "تتهم"),
    "نبه": ("نبه", "نبهت", "نبها", "نبهوا"),
    "توقع": ("توقع", "توقعت", "توقعوا", "يتوقع", "تتوقع"),
    "ادعى": ("ادعى", "ادعت", "ادعيا", "ادعوا", "يدعي", "تدعي"),  # not يدعون: دعا
    "أشاد": ("أشاد", "أشادت", "أشادا", "أشادوا", "يشيد", "تشيد", "يشيدون"),
    "وصف": ("وصف", "وصفت", "وصفا", "وصفوا", "يصف", "تصف", "يصفون"),
    "ألمح": ("ألمح", "ألمحت", "ألمحوا", "لمح", "لمحت", "يلمح", "تلمح"),  # «ولمح ممثل نيوزيلندا … إلى أن»
    "رجح": ("رجح", "رجحت", "رجحوا", "ترجح"),  # «ورجح مسؤول أمني أن …»; «يرجح أن» is impersonal
    # speech acts reported without أن (issue 13's readers count them): «ناشد الأهالي بعدم …»,
    # «أهابت المديرية بالمواطنين …», «استنكر المجلس الاعتداء …», «ثمنت الوزارة جهود …»
    "ناشد": ("ناشد", "ناشدت", "ناشدا", "ناشدوا", "يناشد", "تناشد", "يناشدون"),
    "أهاب": ("أهاب", "أهابت", "أهابوا", "يهيب", "تهيب"),
    "استنكر": ("استنكر", "استنكرت", "استنكرا", "استنكروا", "يستنكر", "تستنكر"),
    "ثمن": ("ثمنت", "ثمنا", "ثمنوا", "يثمن", "تثمن"),  # not ثمن: the noun "price"
    "أبان": ("أبان", "أبانت", "أبانوا"),  # «وأبانت الخطة في تقريرها أن …»
    "أدان": ("أدان", "أدانت", "أدانوا", "يدين", "تدين", "دان", "دانت"),  # «دان أمين سر المجلس العمل الإرهابي»
}

#: Participles used after a first speech verb: "..." مشيراً إلى أن ... → lemma.
_PARTICIPLE_TABLE: dict[str, tuple[str, ...]] = {
    "قال": ("قائلا", "قائلة", "قائلين"),
    "أضاف": ("مضيفا", "مضيفة", "مضيفين"),
    "أكد": ("مؤكدا", "مؤكدة", "مؤكدين"),
    "أوضح": ("موضحا", "موضحة", "موضحين"),
    "أشار": ("مشيرا", "مشيرة", "مشيرين"),
    "لفت": ("لافتا", "لافتة"),
    "دعا": ("داعيا", "داعية", "داعين"),
    "طالب": ("مطالبا", "مطالبة", "مطالبين"),
    "نفى": ("نافيا", "نافية"),
    "أعلن": ("معلنا", "معلنة"),
    "تابع": ("متابعا",),
    "اعتبر": ("معتبرا", "معتبرة", "معتبرين"),
    "كشف": ("كاشفا", "كاشفة"),
    "شدد": ("مشددا", "مشددة", "مشددين"),
    "حذر": ("محذرا", "محذرة", "محذرين"),
    "نوه": ("منوها", "منوهة"),
    "أعرب": ("معربا", "معربة", "معربين"),
    "اتهم": ("متهما", "متهمة"),
    "لاحظ": ("ملاحظا",),
    "اعترف": ("معترفا", "معترفة"),
    "أشاد": ("مشيدا", "مشيدة", "مشيدين"),
    "ناشد": ("مناشدا", "مناشدة"),
    "استنكر": ("مستنكرا", "مستنكرة"),
    "ثمن": ("مثمنا", "مثمنة"),
}


def _with_conjunctions(forms: dict[str, str]) -> dict[str, str]:
    """Add the و/ف-prefixed spelling of every form (وقال, فأضاف …)."""
    out = dict(forms)
    for form, lemma in forms.items():
        for conj in ("و", "ف"):
            out.setdefault(conj + form, lemma)
    return out


#: Normalized surface form (incl. و/ف-prefixed) → normalized lemma. "قالت" → "قال".
SPEECH_VERBS: Mapping[str, str] = MappingProxyType(
    _with_conjunctions({_key(f): _key(lemma) for lemma, fs in _SPEECH_TABLE.items() for f in fs})
)
#: Participle forms (incl. و-prefixed) → lemma: "مشيرا" → "اشار".
SPEECH_PARTICIPLES: Mapping[str, str] = MappingProxyType(
    _with_conjunctions({_key(f): _key(lemma) for lemma, fs in _PARTICIPLE_TABLE.items() for f in fs})
)
#: Every speech-verb form, finite or participle.
SPEECH_VERB_FORMS: frozenset[str] = frozenset(SPEECH_VERBS) | frozenset(SPEECH_PARTICIPLES)

# --- months and weekdays -------------------------------------------------------------

_GREGORIAN = {
    1: ["يناير"],
    2: ["فبراير", "فيفري"],
    3: ["مارس", "آذار"],
    4: ["أبريل", "ابريل", "إبريل", "أفريل", "نيسان"],
    5: ["مايو", "ماي", "أيار"],
    6: ["يونيو", "يونيه", "جوان", "حزيران"],
    7: ["يوليو", "يوليه", "يوليوز", "جويلية", "تموز"],
    8: ["أغسطس", "اغسطس", "أغسطوس", "غشت", "أوت", "آب"],
    9: ["سبتمبر", "شتنبر", "أيلول"],
    10: ["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين أول"],
    11: ["نوفمبر", "نونبر", "تشرين الثاني", "تشرين ثاني"],
    12: ["ديسمبر", "دجنبر", "كانون الأول", "كانون أول"],
}
_LEVANTINE_EXTRA = {1: ["كانون الثاني", "كانون ثاني"], 2: ["شباط"]}
_LEVANTINE_NAMES = {"آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "شباط"}
_MAGHREB_NAMES = {"فيفري", "أفريل", "ماي", "جوان", "جويلية", "أوت", "يوليوز", "غشت", "شتنبر", "نونبر", "دجنبر"}

#: Every Gregorian month spelling (Egyptian/Gulf, Levantine, Maghrebi) → 1..12.
MONTHS: Mapping[str, int] = MappingProxyType(
    {_key(n): m for m, names in _GREGORIAN.items() for n in names}
    | {_key(n): m for m, names in _LEVANTINE_EXTRA.items() for n in names}
)
#: The Egyptian/Gulf (transliterated) names only: يناير … ديسمبر.
GREGORIAN_MONTHS: Mapping[str, int] = MappingProxyType(
    {k: v for k, v in MONTHS.items()
     if " " not in k and k not in {_key(x) for x in _LEVANTINE_NAMES | _MAGHREB_NAMES}}
)
#: The Syriac/Levantine names: كانون الثاني … كانون الأول.
LEVANTINE_MONTHS: Mapping[str, int] = MappingProxyType(
    {k: v for k, v in MONTHS.items() if " " in k or k in {_key(x) for x in _LEVANTINE_NAMES}}
)
#: The French-derived (Algeria/Tunisia) and Moroccan names.
MAGHREB_MONTHS: Mapping[str, int] = MappingProxyType(
    {k: v for k, v in MONTHS.items() if k in {_key(x) for x in _MAGHREB_NAMES}}
)

#: Hijri (Islamic) months → 1..12; Saudi outlets date by both calendars.
HIJRI_MONTHS: Mapping[str, int] = MappingProxyType({
    _key(n): m
    for m, names in {
        1: ["محرم"],
        2: ["صفر"],
        3: ["ربيع الأول", "ربيع أول"],
        4: ["ربيع الآخر", "ربيع الثاني", "ربيع ثاني"],
        5: ["جمادى الأولى", "جمادى الأول", "جمادى أولى"],
        6: ["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى ثاني"],
        7: ["رجب"],
        8: ["شعبان"],
        9: ["رمضان"],
        10: ["شوال"],
        11: ["ذو القعدة", "ذي القعدة"],
        12: ["ذو الحجة", "ذي الحجة"],
    }.items()
    for n in names
})

#: Weekday names → ISO weekday (Monday = 1). Only the forms with the article: the bare
#: ones are everyday words or names (أحد "one", اثنين "two", جمعة and خميس are given
#: names), and news writes "يوم الجمعة" / "الجمعة" anyway.
WEEKDAYS: Mapping[str, int] = MappingProxyType({
    _key(n): d
    for d, names in {
        1: ["الاثنين", "الإثنين"],
        2: ["الثلاثاء"],
        3: ["الأربعاء"],
        4: ["الخميس"],
        5: ["الجمعة"],
        6: ["السبت"],
        7: ["الأحد"],
    }.items()
    for n in names
})

# --- titles and attribution ----------------------------------------------------------

_TITLES = """
الرئيس رئيس الرئيسة رئيسة نائب النائب نائبة وزير الوزير وزيرة الوزيرة وزراء السفير سفير
السفيرة سفيرة سكرتير السكرتير سكرتيرة الملك ملك الملكة الأمير أمير الأميرة الشيخ شيخ الشيخة السلطان سلطان ولي العهد
الأمين العام الأمين المتحدث باسم المتحدثة باسم الناطق باسم الناطقة باسم المتحدث الناطق
رئيس الوزراء رئيس الحكومة رئيس الوزراء رئيسة الوزراء المستشار المستشارة مستشار المبعوث مبعوث
المبعوثة المندوب مندوب المندوبة مدير المدير مديرة المديرة قائد القائد الجنرال جنرال اللواء
العميد العقيد المقدم الرائد النقيب الفريق المشير الأدميرال الدكتور الدكتورة المهندس
البروفيسور الأستاذ السيناتور النائب العام القاضي المحامي المسؤول مسؤول مسؤولة المسؤولة
مسؤولون مسؤولين عضو العضو عضوة رئيس الأركان زعيم الزعيم الزعيمة المرشد الإمام البابا
الكاردينال المطران الحاخام محافظ المحافظ عمدة العمدة حاكم الحاكم الوالي والي
وكيل الوكيل وكيلة مفتي المفتي أمين أمينة المفوض مفوض المفوضة مفوضة المشرف مشرف المشرفة مشرفة
ممثل الممثل ممثلة الممثلة مساعد المساعد مساعدة المساعدة
""".split()
_MULTI_TITLES = [
    "ولي العهد", "الأمين العام", "المتحدث باسم", "المتحدثة باسم", "الناطق باسم",
    "الناطقة باسم", "رئيس الوزراء", "رئيسة الوزراء", "رئيس الحكومة", "رئيس الأركان",
    "النائب العام", "وزير الخارجية", "وزير الدفاع", "وزير الداخلية", "وزيرة الخارجية",
    "نائب الرئيس", "ولي ولي العهد", "خادم الحرمين الشريفين", "المرشد الأعلى",
]
#: Title words and phrases that introduce a person (normalized, single-spaced).
TITLES: frozenset[str] = frozenset(
    _key(t) for t in [*(t for t in _TITLES if t not in {"العهد", "العام", "باسم", "الوزراء", "الحكومة", "الأركان"}),
                      *_MULTI_TITLES]
)

#: Attribution phrases ("according to"): حسب، بحسب، وفقا لـ، نقلا عن …
ACCORDING_TO: frozenset[str] = frozenset(
    _key(t) for t in ["حسب", "بحسب", "وحسب", "وبحسب", "وفق", "وفقا", "وفقاً", "طبقا", "نقلا عن",
                      "نقلاً عن", "على حد قوله", "على حد تعبيره", "بحسب ما", "حسبما", "كما قال",
                      "كما ذكر", "بحسب تعبيره"]
)

#: Longest multi-word key in MONTHS/HIJRI_MONTHS/TITLES/ACCORDING_TO, in tokens.
MAX_PHRASE_WORDS: int = max(
    len(k.split()) for k in [*MONTHS, *HIJRI_MONTHS, *TITLES, *ACCORDING_TO]
)


# --- who said it: honorifics, scripture, background (used by marsad.quotes) ----------

#: Honorific nouns that introduce a person like a title: «سمو رئيس الوزراء», «معالي الوزير».
HONORIFICS: frozenset[str] = frozenset(
    _key(t) for t in ("سمو", "معالي", "فضيلة", "سعادة", "سماحة", "جلالة", "فخامة", "صاحب السمو", "صاحب السمو الملكي")
)
#: Title-pronouns (a speaker written as «سموه», "his Highness") → the honorifics and
#: titles that introduce the person they stand for (the nearest such person before).
TITLE_PRONOUNS: Mapping[str, frozenset[str]] = MappingProxyType({
    _key(pronoun): frozenset(_key(t) for t in titles.split())
    for pronouns, titles in (
        ("سموه سموها", "سمو السمو الأمير الأميرة أمير أميرة ولي الشيخ الشيخة"),
        ("معاليه معاليها", "معالي وزير الوزير وزيرة الوزيرة رئيس الرئيس نائب مدير المدير الأمين محافظ المحافظ السفير"),
        ("فضيلته", "فضيلة الشيخ المفتي مفتي الإمام إمام القاضي الدكتور خطيب"),
        ("سعادته سعادتها", "سعادة مدير المدير السفير سفير اللواء العميد العقيد الدكتور رئيس الرئيس وكيل محافظ المحافظ"),
        ("سماحته", "سماحة المفتي مفتي الشيخ السيد الإمام المرجع"),
        ("جلالته", "جلالة الملك الملكة العاهل"),
        ("فخامته", "فخامة الرئيس رئيس"),
        ("دولته", "دولة رئيس الرئيس"),
    )
    for pronoun in pronouns.split()
})
#: Abbreviations written before a name with a period: «د. محمد» (doctor), «م. خالد» (engineer).
ABBREVIATED_TITLES: frozenset[str] = frozenset(_key(t) for t in ("د", "م", "أ", "أد", "ا.د", "أ.د"))
#: Words that mark scripture or the Prophet as the "speaker" (قال تعالى، قال رسول الله
#: صلى الله عليه وسلم): citations of the Quran and hadith, not reported speech.
SCRIPTURE_WORDS: frozenset[str] = frozenset(
    _key(t) for t in ("الله", "تعالى", "رسول", "الرسول", "النبي", "سبحانه", "المولى", "ﷺ", "صلى", "ربنا", "ربي", "وجل")
)
#: The outlet's own background, impersonal: «يذكر أن»، «ويشار إلى أن» — not a source speaking.
#: «ويتوقع أن …» with no subject is the passive "it is expected", not a source speaking.
BACKGROUND_VERBS: frozenset[str] = frozenset(
    _key(t) for t in ("يذكر", "ويذكر", "يُذكر", "ويُذكر", "يشار", "ويشار", "فيذكر", "يتوقع", "ويتوقع", "يُتوقع", "ويُتوقع",
                      "يرجح", "ويرجح", "يُرجح", "ويُرجح")
)
#: Heads of a speaker described without a name, beyond titles and anonymous sources:
#: people (خبراء، شهود، سكان), institutions (وزارة، هيئة، الشرطة), documents (بيان، تقرير).
SPEAKER_NOUNS: frozenset[str] = frozenset(_key(t) for t in """
خبير خبيرة خبراء الخبير الخبيرة الخبراء شاهد شهود الشاهد الشهود سكان السكان مواطن مواطنون مواطنين المواطن
المواطنون ناشط ناشطون ناشطين الناشط الناشطون الناشطين محلل محللون المحلل المحللون مراقبون المراقبون طبيب
أطباء الطبيب الأطباء معلم المعلم معلمون لاعب اللاعب مدرب المدرب مشجعون أهالي الأهالي ذوو ذوي أسرة عائلة
قريب أقارب والد والدة الأب الأم شقيق شقيقة زوج زوجة الزوج الزوجة جد جدة صاحب مالك رجل امرأة شاب فتاة طالب
مصادر المصادر مصدر المصدر مسؤولون المسؤولون مسؤولين متحدث المتحدث ناطق الناطق متحدثة المتحدثة
وزارة الوزارة هيئة الهيئة مجلس المجلس منظمة المنظمة جمعية الجمعية لجنة اللجنة الشرطة شرطة الجيش جيش
الحكومة حكومة المحكمة محكمة النيابة نيابة إدارة الإدارة مديرية المديرية مركز المركز أمانة الأمانة جامعة
الجامعة البنك بنك المصرف مصرف شركة الشركة حزب الحزب حركة الحركة التحالف تحالف الاتحاد اتحاد النادي نادي الديوان
السفارة سفارة الرئاسة رئاسة الخارجية الداخلية الدفاع البرلمان برلمان الكونغرس السلطات سلطات القوات قوات
الجماعة جماعة التنظيم تنظيم الدفاع المدني الهلال الأحمر المرصد مرصد الأمم وكالة الوكالة صحيفة الصحيفة
قناة القناة موقع الموقع مجلة المجلة بيان البيان تقرير التقرير دراسة الدراسة استطلاع الاستطلاع إحصائية
الإحصائية إحصاءات وثيقة الوثيقة رسالة الرسالة مذكرة المذكرة قرار القرار البلدية بلدية المحافظة محافظة الإمارة
إمارة المؤسسة مؤسسة الصندوق صندوق المكتب مكتب الفريق فريق مسؤولو عضو أعضاء رئيس مدير قائد
أحد أحدهما أحدهم إحداهما إحداهن مراسل المراسل مراسلة المراسلة الجانبان الجانبين الطرفان الطرفين الجانب الطرف
متخصص المتخصص مختص المختص باحث الباحث باحثة الباحثة أكاديمي الأكاديمي كاتب الكاتب الكاتبة إعلامي الإعلامي
استشاري الاستشاري داعية الداعية إعلاميون الإعلاميون إعلاميين بعثة البعثة
قيادة القيادة قنصلية القنصلية جمارك الجمارك مفوضية المفوضية ائتلاف الائتلاف معارضة المعارضة منتخب المنتخب
مستشفى المستشفى جهاز الجهاز ادعاء الادعاء كتلة الكتلة دائرة الدائرة مجموعة المجموعة جبهة الجبهة مقاومة المقاومة
حرس الحرس الدرك المتظاهرون المتظاهرين متظاهرون المحتجون محتجون المعارضون معارضون المتمردون متمردون الركاب ركاب
المنظمون منظمو المشاركون مشاركون الحاضرون غرفة الغرفة نقابة النقابة رابطة الرابطة
أكاديمية الأكاديمية كلية الكلية معهد المعهد
""".split())
#: Words a speaker never starts with: demonstratives, pronouns, quantifiers, relatives,
#: time words (عندها, آخر هذا, ذلك والدتها are not speakers).
NOT_SPEAKER_WORDS: frozenset[str] = frozenset(_key(t) for t in """
هذا هذه ذلك تلك هؤلاء أولئك هنا هناك ما ماذا من عندها عنده عندهم عندما حين حينها آخر أخرى كل بعض جميع
الذي التي الذين اللذين اللتين هو هي هم هن نحن أنا أنت أنتم إنه إنها أنه أنها بذلك لذلك كذلك ذاته نفسه
اليوم أمس غدا الآن حاليا مؤخرا سابقا لاحقا أيضا فقط ثم قد لقد لا لم لن ليس غير سوى مثل حيث إذ إذا لو
بعد قبل خلال منذ أثناء عقب فيما بينما أي أية مما بما لما عما ومما
""".split())
#: Common nouns that head the name of a place or an institution without being a
#: speaker themselves (منطقة الرياض، مستشفى الملك فهد، سوق عكاظ): after a role they
#: continue its description («مدير مستشفى الولادة», «المدير التنفيذي لسوق عكاظ»),
#: they are no part of a person's name.
PLACE_NOUNS: frozenset[str] = frozenset(_key(t) for t in """
منطقة مدينة محافظة مستشفى سوق كلية مدرسة مطار ميناء قرية حي مجمع معهد مصنع مشروع برنامج
ملتقى مهرجان مؤتمر مستوصف مختبر محطة شارع طريق ساحة ملعب دولة مملكة إمارة جمهورية ولاية
قطاع فرع قسم وحدة مكتب إقليم جزيرة بلدة ميدان منتدى معرض مسجد جامع
""".split())
