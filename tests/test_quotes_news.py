"""Speakers and statements on real SaudiNewsNet text (issue 13): title-pronouns and bare
titles, roles, non-speakers, scripture and background, embedded verbs, spans.

Each case is a passage copied from a July 2015 SaudiNewsNet record (named in the test),
with the person names tagged by hand so the test does not lean on the NER model.
"""
from __future__ import annotations

import re

from marsad.entities.canonical import canonicalize
from marsad.ingest.article import build_article
from marsad.model import Mention, Quote
from marsad.pipeline import prepare
from marsad.quotes import find_quotes


def quotes_of(text: str, people: tuple[str, ...] = (), orgs: tuple[str, ...] = (), places: tuple[str, ...] = ()) -> list[Quote]:
    """Quotes of one passage, its named people, organizations and places tagged by hand."""
    article = prepare(build_article("news.json#0", text))
    clean = article.clean_text
    mentions = []
    for type_, names in (("PER", people), ("ORG", orgs), ("LOC", places)):
        for name in names:
            for m in re.finditer(rf"(?<!\w)[وبل]?{re.escape(name)}(?!\w)", clean):
                mentions.append(Mention(article.id, m.start(), m.end(), m.group(0), type_))  # type: ignore[arg-type]
    entities, mentions = canonicalize([article], mentions)
    return find_quotes([article], mentions, entities)


def one(quotes: list[Quote], inside: str) -> Quote:
    found = [q for q in quotes if inside in q.text]
    assert len(found) == 1, [(q.speaker, q.text) for q in quotes]
    return found[0]


def speaker_of(text: str, inside: str, **tags: tuple[str, ...]) -> str | None:
    """The speaker of the one quote of `text` that holds `inside`, names tagged as in quotes_of."""
    return one(quotes_of(text, **tags), inside).speaker


# 2015-07-26.json#1028 (Bahrain's prime minister): «سموه» and «سمو رئيس الوزراء البحريني».
BAHRAIN = (
    "أكد صاحب السمو الملكي الأمير خليفة بن سلمان آل خليفة رئيس الوزراء بمملكة البحرين أن دول مجلس "
    "التعاون لدول الخليج العربية قدمت لشعوبها ولأوطانها الكثير من الخدمات.\n"
    "وقال سموه “علينا أن ندين جميع التدخلات الخارجية التي تحاول أن تتدخل في شؤون دول الخليج”.\n"
    "وأكد سمو رئيس الوزراء البحريني “أن دول منطقة الخليج عليها أن تنظر إلى ما هو أبعد من أي تصريحات مسيئة”."
)


def test_title_pronoun_and_bare_title_resolve_to_the_titled_person():
    quotes = quotes_of(BAHRAIN, people=("خليفة بن سلمان آل خليفة",))
    assert one(quotes, "علينا أن ندين").speaker == "خليفة بن سلمان آل خليفة"
    assert one(quotes, "أبعد من أي تصريحات").speaker == "خليفة بن سلمان آل خليفة"


def test_unresolved_title_pronoun_is_a_null_speaker_not_a_guess():
    quotes = quotes_of("وقال سموه “علينا أن ندين جميع التدخلات الخارجية التي تحاول أن تتدخل في شؤون دول الخليج”.")
    assert one(quotes, "علينا أن ندين").speaker is None


def test_a_role_stays_a_role_unless_the_article_names_its_holder():
    text = "وقال المتحدث الأمني لشرطة منطقة جازان إن الجهات الأمنية باشرت الحادثة فور تلقي البلاغ."
    assert speaker_of(text, "باشرت الحادثة") == "المتحدث الأمني لشرطة منطقة جازان"
    # A different minister named before does not hold the Emirati one's title (seed 004).
    text = ("قال وزير الخارجية الاميركي جون كيري، خلال اجتماع مع نظيره الإماراتي، إن المحادثات مهمة جدا.\n"
            "وقال وزير الخارجية الإماراتي إن بلاده استقبلت أكثر من مئة ألف لاجئ خلال السنوات الأربع الماضية.")
    assert speaker_of(text, "مئة ألف لاجئ", people=("جون كيري",)) == "وزير الخارجية الإماراتي"


def test_short_name_is_the_person_named_before():
    # 2015-07-25.json#1072 (Qassim police): «السحيباني» is the spokesman named before; «جرى نقل
    # الجثمان» is part of his statement (نقل "carried", not a reporting verb).
    text = ("وأوضح المتحدث الإعلامي لشرطة منطقة القصيم الرائد بدر السحيباني أن الجهات الأمنية تلقت بلاغا.\n"
            "وأضاف السحيباني أنه جرى نقل الجثمان إلى مستشفى بريدة المركزي لإخضاعه للفحوص الطبية اللازمة، "
            "مشيرا إلى إحالة أوراق الحادثة إلى هيئة التحقيق والادعاء العام.")
    quotes = quotes_of(text, people=("بدر السحيباني",))
    moved = one(quotes, "نقل الجثمان")
    assert moved.speaker == "بدر السحيباني" and moved.text.startswith("جرى نقل الجثمان")
    assert one(quotes, "إحالة أوراق الحادثة").speaker == "بدر السحيباني"
    assert all(q.speaker != "الجثمان" for q in quotes)


def test_abbreviated_doctor_title_is_not_the_speaker():
    # 2015-07-25.json#812
    text = "وأكد د. فرحات طاشكندي أننا كنا ننتظر مبادرة جريئة كمنتمين لممارسي التخطيط الحضري في إعطاء الإنسان حقه."
    quote = one(quotes_of(text, people=("فرحات طاشكندي",)), "مبادرة جريئة")
    assert quote.speaker == "فرحات طاشكندي"


def test_scripture_background_and_non_speakers_are_not_statements():
    # 2015-07-25.json#517: a verse; 2015-07-21.json#2219: the outlet's «يذكر أن»;
    # 2015-07-22.json#1960: «هذا الواقع يؤكد أنه» (no one speaks).
    verse = ("وقد جاءت النصوص في كتاب الله وسنة رسوله ترغب في التسابق إلى الخيرات، قال تعالى: "
             "{إِنَّ الَّذِينَ هُم مِّنْ خَشْيَةِ رَبِّهِم مُّشْفِقُونَ}.")
    background = "يذكر أن المتسابقين الذين انضموا لقائمة التصويت على الأطباق هم: نجلاء علي الشرقي، ونسرين آل فريج."
    no_one = ("هذا الواقع يؤكد أنه بمجرد حصول بعض الأفراد على أي فرصة يتم استغلالها في إظهار الغباء "
              "والاستخفاف والتفاهة بل حتى كشف أخطائهم وفضائحهم التي سترها الله لهم.")
    for text in (verse, background, no_one):
        assert quotes_of(text) == [], text


def test_a_verb_inside_a_clause_does_not_cut_the_statement():
    # 2015-07-27.json#1089: «تعتبر» inside the أن-clause is not a new speech verb.
    text = ("وفي سياق متصل يوضح خبير الارصاد والبيئة في إدارة الأرصاد الجوية بدولة الكويت عيسى رمضان ، ان "
            "درجات الحرارة في الكويت لم تبلغ الى المستوى الاعلى عالميا ، واشار الى ان درجات الحرارة في يونيو "
            "الماضي تعتبر الأعلى المسجلة حسب الوكالة الوطنية للمحيطات والغلاف الجوي.")
    quotes = quotes_of(text, people=("عيسى رمضان",))
    assert {q.speaker for q in quotes} == {"عيسى رمضان"}
    assert "تعتبر الأعلى المسجلة" in one(quotes, "يونيو الماضي").text


def test_prepositional_content_and_sources():
    # 2015-07-21.json#2435 (Gaza): «أفادت مصادر طبية بوقوع …»; «نقلت المصادر عن شهود عيان أن».
    text = ("أفادت مصادر فلسطينية أن مجهولين قاموا بتفجير 6 سيارات عسكرية في مدينة غزة.\n"
            "ونقلت المصادر عن شهود عيان أن التفجيرات نتجت عن زرع عبوات ناسفة في السيارات.\n"
            "وأفادت مصادر طبية بوقوع إصابتين على الأقل جراء الحادث.")
    quotes = quotes_of(text)
    assert one(quotes, "زرع عبوات").speaker == "شهود عيان"
    injured = one(quotes, "إصابتين")
    assert injured.speaker == "مصادر طبية" and injured.text.startswith("بوقوع")


def test_royal_order_items_are_the_kings_words():
    # 2015-07-21.json#707
    text = ("أصدر خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز اليوم عدة أوامر ملكية.\n"
            "أمرنا بما هو آت : أولا : يعين الأستاذ ماجد بن عبدالله بن حمد الحقيل وزيراً للإسكان .")
    quote = one(quotes_of(text, people=("سلمان بن عبدالعزيز", "ماجد بن عبدالله بن حمد الحقيل")), "يعين الأستاذ")
    assert quote.speaker == "سلمان بن عبدالعزيز" and quote.kind == "direct"


def test_described_as_added_and_source_first():
    # 2015-07-21.json#1824: «وصف X زيارة … بأنها …» — the object is part of the statement.
    described = ("وصف رئيس مجلس الأمة الكويتي مرزوق الغانم زيارة النائب د. عبدالحميد دشتي إلى عائلة القائد "
                 "العسكري في حزب الله عماد مغنية بأنها تصرف استفزازي.")
    quote = one(quotes_of(described, people=("مرزوق الغانم", "عبدالحميد دشتي", "عماد مغنية")), "استفزازي")
    assert quote.speaker == "مرزوق الغانم" and quote.text.startswith("زيارة النائب")
    # 2015-07-25.json#1416: «وزاد «…»» reports speech; «زاد» before a noun does not.
    added = ("قال عضو اللجنة الوطنية للحج والعمرة أسامة فيلالي إن الشركات تتضرر من هذه الطريقة.\n"
             "وزاد «لم يؤخذ في الحسبان أثناء التسجيل الإلكتروني سكن العمالة».\n"
             "وزاد عدد الحجاج هذا العام على مليوني حاج من داخل المملكة وخارجها.")
    quotes = quotes_of(added, people=("أسامة فيلالي",))
    assert one(quotes, "سكن العمالة").speaker == "أسامة فيلالي"
    assert not [q for q in quotes if "مليوني حاج" in q.text]
    # 2015-07-22.json#1960: a sentence that opens with its source.
    source_first = ("بحسب تقرير عملي حديث صادر عن مركز مدار للأبحاث والتطوير فقد احتلت المملكة العربية "
                    "السعودية المرتبة الأولى عالمياً في استخدام الموقع.")
    quote = one(quotes_of(source_first, orgs=("مركز مدار للأبحاث والتطوير",)), "المرتبة الأولى")
    assert quote.speaker == "مركز مدار للأبحاث والتطوير" and quote.text.startswith("احتلت")


# --- unlabelled August days read by hand (issue 13, fourth session) -----------------


def test_a_role_ending_in_a_prepositional_place_is_kept_whole():
    # 2015-08-10.json#1215 and #316: «بالأحساء», «للمستشفى» are where the role is, not a name.
    text = ("بدوره أكد مدير الشؤون الصحية بالأحساء أنه تم تنفيذ خطة نقل 6 من المصابين العمانيين.\n"
            "وعن نتيجة العملية أكد المدير الطبي للمستشفى أنه بفضل الله تكللت جهود الفريق الطبي بنجاح كبير.")
    quotes = quotes_of(text)
    assert one(quotes, "خطة نقل 6").speaker == "مدير الشؤون الصحية بالأحساء"
    assert one(quotes, "تكللت جهود").speaker == "المدير الطبي للمستشفى"


def test_an_indefinite_role_and_its_adjective_name_no_one():
    # 2015-08-10.json#118: «قائد ميداني» is a field commander, «ميداني» is no name.
    text = "وقال قائد ميداني في المقاومة لـ«الشرق الأوسط» إن مواجهات عنيفة دارت بين مقاتلي المقاومة والميليشيات."
    assert speaker_of(text, "مواجهات عنيفة") == "قائد ميداني"


def test_a_name_the_tagger_missed_is_read_after_the_title_and_the_object_after_it():
    # 2015-08-04.json#850: nothing tagged; «المهندس» introduces the name, «ضرورة …» is what he stressed,
    # and «المهندس آل الشيخ» later is the same man.
    text = ("أكد وزير الشؤون البلدية والقروية المهندس عبداللطيف آل الشيخ ضرورة جاهزية جميع المشاريع "
            "التي تشرف عليها الإدارة المركزية للمشروعات التطويرية في منطقة المشاعر.\n"
            "وأكد المهندس آل الشيخ على وجود تنسيق كامل بين الوزارة وكافة الوزارات والجهات الحكومية.")
    quotes = quotes_of(text)
    first = one(quotes, "جاهزية جميع المشاريع")
    assert first.speaker == "عبداللطيف آل الشيخ" and first.text.startswith("ضرورة جاهزية")
    assert one(quotes, "تنسيق كامل").speaker == "عبداللطيف آل الشيخ"


def test_the_given_name_before_a_tagged_family_name_belongs_to_the_speaker():
    # 2015-08-04.json#1283: the tagger found only «العطوي».
    text = ('وقال مدير عام جمرك سلوى علي العطوي: "بعد إخضاع إحدى الحافلات القادمة للمملكة للإجراءات '
            'الجمركية المعتادة تم العثور على كمية من ثمار القورو مخبأة داخل أكياس".')
    assert speaker_of(text, "ثمار القورو", people=("العطوي",)) == "علي العطوي"


def test_the_verbs_own_preposition_ends_the_subject_and_opens_the_content():
    # 2015-08-10.json#1319 (كشف … عن) and #638 (حذرت … من).
    text = "كشف مدير إدارة مشروع واسط، المهندس بدر الدلامي، عن استخدام العديد من التقنيات في مشروع واسط لتحقيق هذه الأهداف."
    found = one(quotes_of(text, people=("بدر الدلامي",)), "التقنيات")
    assert found.speaker == "بدر الدلامي" and found.text.startswith("استخدام")
    text = "حذرت إمارة منطقة عسير من شرائح اتصالات مجهولة تباع في الطرقات والأماكن العامة مزودة بأرقام إقامة."
    found = one(quotes_of(text), "شرائح اتصالات")
    assert found.speaker == "إمارة منطقة عسير" and found.text.startswith("شرائح")


def test_a_person_named_right_before_the_verb_is_its_subject_only_at_the_clause_start():
    # 2015-08-10.json#1391: «وكان … دمرتاش دعا الحكومة التركية …»: he called, the government is called.
    text = ("وكان زعيم الحزب المقرب من الاكراد صلاح الدين دمرتاش دعا الحكومة التركية وحزب العمال "
            "الكردستاني الى بدء المفاوضات.")
    called = one(quotes_of(text, people=("صلاح الدين دمرتاش",), orgs=("الحكومة التركية",)), "بدء المفاوضات")
    assert called.speaker == "صلاح الدين دمرتاش" and called.text.startswith("الحكومة التركية")
    # 2015-08-04: «بيد داعش طالب رئيس الجمهورية»: داعش ends an adverbial, the president asks.
    text = ("وبمناسبة مرور عام كامل على سقوط قضاء سنجار بيد داعش طالب رئيس الجمهورية فؤاد معصوم، "
            "جميع الجهات المسؤولة بتعزيز الإمكانات القتالية للقوات الأمنية.")
    assert speaker_of(text, "الإمكانات القتالية", people=("فؤاد معصوم",), orgs=("داعش",)) == "فؤاد معصوم"


def test_prayers_negated_and_impersonal_verbs_are_no_statements():
    # 2015-08-10.json#678 (a prayer), 2015-08-04 (ولم يكشف; ويتوقع أن: "it is expected").
    text = ("وقال محافظ المحافظة إن هذه المواقف ليست غريبة على أهل المحافظة.\n"
            "وفي هذا الموقف ندعو الله عز وجل أن يتغمد الشهيد بواسع رحمته.\n"
            "ولم يكشف النادي عن القيمة المالية للصفقة مع اللاعب الجديد.\n"
            "ويتوقع أن تبدأ هذه المحكمة أعمالها مطلع العام المقبل.")
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == ["هذه المواقف ليست غريبة على أهل المحافظة"]


def test_a_source_in_mid_sentence_keeps_the_whole_statement_and_the_hearer_is_not_content():
    # 2015-08-10.json#1065 (وفق عبدالرحمن، …) and #379 (لوكالة فرانس برس).
    text = ("وتسببت الاشتباكات والتفجيران الانتحاريان وفق عبدالرحمن، بمقتل 10 عناصر من التنظيم و18 مقاتلا من الفصائل.\n"
            "وأكد مصدر تركي لوكالة فرانس برس وصول ست طائرات أمريكية أمس تمثل طليعة عملية انتشار.")
    quotes = quotes_of(text, people=("عبدالرحمن",), orgs=("فرانس برس",))
    assert one(quotes, "بمقتل 10 عناصر").speaker == "عبدالرحمن"
    assert one(quotes, "ست طائرات").text.startswith("وصول ست طائرات")


def test_an_untagged_name_ending_a_long_role_needs_a_given_name_the_digest_knows():
    # 2015-08-11 (Hajj transport union): «مروان» is the first name of a person the digest knows.
    role = ("وأوضح الأمين العام والمتحدث الرسمي للنقابة وشركات نقل الحجاج مروان بن رشاد زبيدي أن هذا الموسم "
            "يشهد عزوفاً كبيراً من قبل الشبان السعوديين على وظائف السائقين.")
    quotes = quotes_of("وقال مروان الحربي إن الموسم بدأ مبكرا هذا العام.\n" + role, people=("مروان الحربي",))
    assert one(quotes, "عزوفاً كبيراً").speaker == "مروان بن رشاد زبيدي"
    # With no person of that given name, the words are not read as a name.
    assert speaker_of(role, "عزوفاً كبيراً") != "مروان بن رشاد زبيدي"


def test_a_role_subject_ends_where_its_object_begins():
    # 2015-08-10.json#911: «حرص الأمانة …» is what the secretary-general stressed, not his name;
    # «مدير صحة الباحة» (2015-08-10) is one role in construct.
    text = ("وأكد الأمين العام حرص الأمانة العامة واستعدادها الدائم لتقديم أنواع الدعم والمساندة لجهاز الشرطة الخليجية.\n"
            "وأكد مدير صحة الباحة سرعة تلبية احتياجات المراكز الصحية في المحافظة خلال الأيام المقبلة.")
    quotes = quotes_of(text)
    stressed = one(quotes, "واستعدادها الدائم")
    assert stressed.speaker == "الأمين العام" and stressed.text.startswith("حرص الأمانة")
    assert one(quotes, "احتياجات المراكز").speaker.startswith("مدير صحة الباحة")


def test_a_prayer_after_a_participle_is_no_statement():
    # 2015-08-11 (al-Oyoun club's condolences): «داعياً للفقيد أن يسكنه المولى فسيح جناته».
    text = ("وقدم رئيس النادي أحمد القناص تعازيه القلبية إلى أسرة الفقيد، معرباً عن حزنه لهذا المصاب الجلل "
            "داعياً للفقيد أن يسكنه المولى العلي القدير فسيح جناته.")
    quotes = quotes_of(text, people=("أحمد القناص",))
    assert not [q for q in quotes if "فسيح جناته" in q.text and not q.text.startswith("حزنه")]


def test_a_title_pronoun_takes_up_the_minister_who_was_speaking():
    # 2015-08-11 (al-Jubeir in Berlin): another minister named in between is not «معاليه».
    text = ("وقال وزير الخارجية عادل الجبير في مؤتمر صحفي عقده مع وزير خارجية ألمانيا فرانك فالتر شتاينماير "
            "في برلين أمس إنه يجب على إيران تغيير سياستها العدوانية.\n"
            "ورأى وزير الخارجية أن امتناع إيران عن دخول المفتشين يعني عزم طهران تصنيع أسلحة نووية.\n"
            "وشدد معاليه على حرص المملكة على سلامة اليمن وشعبها.")
    quotes = quotes_of(text, people=("عادل الجبير", "فرانك فالتر شتاينماير"))
    assert one(quotes, "امتناع إيران").speaker == "عادل الجبير"  # a bare title, likewise
    assert one(quotes, "سلامة اليمن").speaker == "عادل الجبير"


def test_a_subjectless_verb_continues_the_person_its_sentence_is_about():
    # 2015-08-11 (Anis Mansour): «فاتصل الرئيس مبارك بأسامة شخصيا، وقال له: «…»».
    text = ("وقال الكاتب أسامة سرايا إن أنيس كتب سلسلة من الأعمدة.\n"
            "فاتصل الرئيس مبارك بأسامة شخصيًا، وقال له: «إيه اللي مزعّل أنيس يا أسامة؟ ما يصحش أنيس يزعل».")
    quotes = quotes_of(text, people=("أسامة سرايا", "مبارك"))
    assert one(quotes, "مزعّل أنيس").speaker == "مبارك"


def test_bayyana_reports_speech_only_when_it_is_the_verb():
    # 2015-08-04 (Souq Okaz): «وبين سموه أن …» is «he made clear»; «وبين الطرفين» is «and between».
    text = ("وأوضح سمو الأمير خالد الفيصل أن السوق سيشهد أكثر من 16 معرضا.\n"
            "وبين سموه أن برامج السوق تشمل هذا العام مسرحية «لبيد بن ربيعة» الذي يعد من أشهر شعراء المعلقات، "
            "مشيراً إلى أن النسخة التاسعة ستشهد برنامجا جديدا.\n"
            "وقال إن الاتفاق وبين الطرفين خلافات قديمة لم تحل بعد.")
    quotes = quotes_of(text, people=("خالد الفيصل", "لبيد بن ربيعة"))
    assert one(quotes, "مسرحية").speaker == "خالد الفيصل"
    assert one(quotes, "النسخة التاسعة").speaker == "خالد الفيصل"


def test_a_quoted_word_in_the_clause_is_no_statement():
    # 2015-08-10.json#757 and #1079: «على «تويتر»، عن …», «"الجديدة"، المزمع …» are names and terms.
    text = ("أعلنت الهيئة العليا لتطوير مدينة الرياض على حساب مشروع مترو الرياض على «تويتر»، "
            "عن قرب الانتهاء من أعمال تجميع وتركيب الآلة الثاقبة.")
    quotes = quotes_of(text, orgs=("الهيئة العليا لتطوير مدينة الرياض",))
    assert all(q.text != "تويتر" for q in quotes)


def test_a_role_through_a_named_body_stays_whole_and_a_description_takes_up_its_holder():
    # 2015-08-11 (Tabuk Red Crescent): «لهيئة الهلال الأحمر» continues the role, it is no addressee;
    # 2015-08-11 (real-estate fund): «المتخصص» takes up «المتخصص في التسويق العقاري فيصل الدخيل».
    text = "وأفاد المتحدث الرسمي لهيئة الهلال الأحمر السعودي بمنطقة تبوك بأن فرق الهلال الأحمر باشرت الحوادث الثلاث."
    found = one(quotes_of(text, orgs=("هيئة الهلال الأحمر السعودي",)), "الحوادث الثلاث")
    assert found.speaker.startswith("المتحدث الرسمي لهيئة الهلال الأحمر")
    text = ("وقال المتخصص في التسويق العقاري فيصل الدخيل إن ازدياد أعداد المتقدمين قد يفتح باب الانتظار.\n"
            "وأكد المتخصص أن تطبيق القرض سيكون خطوة إيجابية تسهم في تسهيل تملك الكثيرين لوحدات سكنية.")
    assert speaker_of(text, "خطوة إيجابية", people=("فيصل الدخيل",)) == "فيصل الدخيل"


# 2015-08-08 and 2015-08-02 (unlabelled days read by hand, session 5): the hearer after «لـ».
def test_the_hearer_after_la_is_not_part_of_the_speaker_and_the_object_after_it_is_said():
    text = ("وأكدت مصادر خاصة لـ«الشرق الأوسط» مصرع قياديين حوثيين من محافظة عمران في الغارة التي استهدفت "
            "مركز الملاريا بمدينة حيس، ويعتقد أنهما «المدعو أبو بدر والمدعو مرزاح».")
    q = one(quotes_of(text, orgs=("الشرق الأوسط",)), "مصرع قياديين")
    assert q.speaker == "مصادر خاصة" and q.text.startswith("مصرع قياديين")
    text = ("من جهة أخرى، أكد لـ«عكاظ» وزير الإسكان ماجد الحقيل، أنه في غضون الأيام المقبلة سيتم الإعلان عن "
            "كثير من التسهيلات المتعلقة بالإسكان لخدمة المواطنين.")
    assert speaker_of(text, "التسهيلات", people=("ماجد الحقيل",)) == "ماجد الحقيل"
    text = ("وأكد وكيل محافظة الأحساء لـ (اليوم) أن توجيهات حكومة خادم الحرمين الشريفين تقضي بتقديم كافة "
            "الخدمات العلاجية للأشقاء العمانيين.")
    assert speaker_of(text, "الخدمات العلاجية") == "وكيل محافظة الأحساء"


def test_the_title_and_name_that_close_a_long_chain_of_roles_are_the_speaker():
    text = ("من جانبه أكد المشرف على كرسي المهندس عبدالله بقشان لأبحاث النحل بجامعة الملك سعود رئيس اللجنة "
            "المنظمة لمهرجان العسل الدولي الثامن بالباحة رئيس جمعية النحالين التعاونية الدكتور أحمد بن عبدالله "
            "الخازم أن اللقاء العلمي الذي بدأ صباح أمس سيستمر لخمسة أيام.\nوبين أن المشاركة البريطانية تشمل "
            "تنظيم ورش عن تجهيز منتجات النحل.")
    quotes = quotes_of(text, people=("عبدالله بقشان", "أحمد بن عبدالله الخازم"))
    assert one(quotes, "اللقاء العلمي").speaker == "أحمد بن عبدالله الخازم"
    assert one(quotes, "المشاركة البريطانية").speaker == "أحمد بن عبدالله الخازم"
    # named first: a title in a university's name later is not a second person
    text = ("فيما شدد د. عبدالعزيز العسكر أستاذ الدراسات العليا بجامعة الإمام محمد بن سعود الإسلامية بأن ما "
            "حدث هو عمل خطير له دلالاته الكبيرة.")
    assert speaker_of(text, "عمل خطير", people=("عبدالعزيز العسكر", "محمد بن سعود")) == "عبدالعزيز العسكر"
    text = "وألمح ممثل نيوزيلندا تيم غروزر إلى أن الألبان ما زالت واحدة من القضايا التي تثير خلافات."
    assert speaker_of(text, "الألبان", people=("تيم غروزر",), places=("نيوزيلندا",)) == "تيم غروزر"


def test_god_willing_subordinate_clauses_questions_and_sayings_are_no_statements():
    text = "وتوقعت أمانة الطائف كسر حاجز المليوني زائر للمتنزه خلال الأسبوعين المقبلين إن شاء الله."
    q = one(quotes_of(text, orgs=("أمانة الطائف",)), "كسر حاجز")
    assert q.speaker == "أمانة الطائف" and q.text.startswith("كسر حاجز")
    # a clause before the verb is no subject: the statement is kept, nobody named
    text = ("لكن رجل الأعمال أثار الضحك عندما ذكر أنه في الماضي «أعطى الكثير من الأموال لمعظم الناس "
            "الموجودين على هذه المنصة الآن» لشراء دعمهم.")
    assert speaker_of(text, "أعطى الكثير") is None
    assert not quotes_of("يؤكد بأن أولئك الجهلة والذين يدعون الدفاع عن الإسلام هم الذين يحاربون التوحيد بقتلهم للموحدين.")
    assert not quotes_of("غريبة ادارة الهلال هذه الايام غائبة عن الانظار، متى تتوقع اول ظهور لها؟")
    assert not quotes_of("حيث (لا ماء ولا مرعى) كما يقولون، ولابد أنه مثل غيره قد واجه حالة اللااستقرار التي كانت "
                         "تسود جزيرة العرب آنذاك.")


def test_a_place_in_quotation_marks_after_the_verb_is_a_groups_name():
    text = ("وفي ديسمبر، أعلنت «ولاية سيناء» قتل موظف أمريكي كان يعمل لدى شركة «أباتشي» النفطية، وكان عُثر على "
            "جثته في الصحراء الغربية.")
    assert speaker_of(text, "قتل موظف", places=("ولاية سيناء",)) == "ولاية سيناء"


def test_a_body_keeps_its_complement_and_an_aside_after_the_subject_is_not_said():
    # 2015-08-02.json#674: not «الإدارة العامة» saying «للتعليم بالمدينة المنورة …»
    text = ("أكدت الإدارة العامة للتعليم بالمدينة المنورة، عدم وجود أزمة قبول في المدارس الحكومية بسبب ارتفاع "
            "رسوم المدارس الأهلية في المنطقة.")
    q = one(quotes_of(text), "أزمة قبول")
    assert q.speaker == "الإدارة العامة للتعليم بالمدينة المنورة" and q.text.startswith("عدم وجود")
    text = ("وأكد كيري ، خلال إطلاق الحوار المصري الأمريكي الاستراتيجي بالقاهرة اليوم الأحد ، استمرار تقديم "
            "الدعم والتدريب لقدرات مصر العسكرية من أجل مكافحة الإرهاب والتطرف.")
    assert one(quotes_of(text, people=("كيري",)), "الدعم والتدريب").text.startswith("استمرار تقديم")
    text = "وقال مكتب الاحتياطي الفيدرالي الشهر الماضي إن الاقتصاد آخذ في التحسن، وإن هناك زيادة ملموسة في عدد الوظائف."
    assert speaker_of(text, "آخذ في التحسن") == "مكتب الاحتياطي الفيدرالي"


def test_a_person_described_then_named_is_the_name_and_a_short_name_takes_up_the_full_one():
    text = ("من جهته، أشار رجل الأعمال سيف الله شربتلي إلى أن زيارة الأمير محمد بن سلمان للقاهرة مؤخرا كانت "
            "أبلغ رد على المشككين.")
    assert speaker_of(text, "أبلغ رد", people=("محمد بن سلمان",)) == "سيف الله شربتلي"
    # 2015-08-02: «المهندس مدني» is «المهندس محمد توفيق مدني» named before (untagged)
    text = ("وتحدث مدير عام الطرق والنقل بمنطقة مكة المكرمة المهندس محمد توفيق مدني ، عن تلك المشاريع.\n"
            "وأشار المهندس مدني إلى أن مشروع طريق مكة جدة السريع يبلغ طوله (72كلم).")
    assert speaker_of(text, "يبلغ طوله") == "محمد توفيق مدني"
    # «السفير الكوري» is the ambassador of Korea named before
    text = ("استقبل الأمير سعود بن نايف بن عبدالعزيز أمير المنطقة الشرقية، سفير كوريا الجنوبية لدى المملكة "
            "السيد كيم جين سو، بمكتب سموه بالإمارة.\n"
            "وأشاد السفير الكوري بالتطور الاقتصادي في المنطقة والفرص الاستثمارية المتاحة بشكل خاص.")
    quotes = quotes_of(text, people=("سعود بن نايف بن عبدالعزيز", "كيم جين سو"))
    assert one(quotes, "بالتطور الاقتصادي").speaker == "كيم جين سو"


def test_a_source_before_fa_inna_owns_what_follows_and_long_quotations_are_said():
    # 2015-07-26: the report is the source of what follows «فإن», not of the clause before
    text = ("استحوذت خطط تعزيز الطاقة الإنتاجية من الطاقة الكهربائية على الكثير من الاستثمارات لدى دول مجلس "
            "التعاون الخليجي، وحسب تقرير نفط الهلال فإن نجاح الخطة يشمل رفع الطاقات الإنتاجية بنسب كبيرة.")
    q = one(quotes_of(text), "نجاح الخطة")
    assert q.speaker == "تقرير نفط الهلال" and q.text.startswith("نجاح الخطة")
    text = ('وأوضح بوتين أيضا "نحن نرى ما يحصل حول كرة القدم" في إشارة إلى فضائح الفساد الذي ضربت "فيفا"، '
            'مضيفا "نحن ممتنون كونكم تواصلون العمل".')
    quotes = quotes_of(text, people=("بوتين",))
    assert one(quotes, "نحن نرى").speaker == "بوتين"
    assert not [q for q in quotes if q.text == "فيفا"]
    # «ورجح مسؤول أمني محلي أن …، مشيرا إلى أن …»: the participle continues the official
    text = ("ورجح مسؤول أمني محلي أن يكون التفجير قد تم عن بعد، مشيرا إلى أن قوات الأمن نجحت في إبطال مفعول "
            "عبوة أخرى عثر عليها في موقع الانفجار.")
    assert speaker_of(text, "إبطال مفعول") == "مسؤول أمني محلي"
    assert not quotes_of("ذلك ما حذر منه ربنا في قوله تعالى \"خذ العفو وأمر بالعرف وأعرض عن الجاهلين\".")


def test_a_family_name_after_a_tagged_given_name_belongs_to_the_speaker():
    text = ("أوضح عندنان المعيبد المتحث الرسمي في الاتحاد السعودي لكرة القدم، أن المفاوضات مع المدرب الجديد "
            "للأخضر لاتزال مستمرة.")
    assert speaker_of(text, "المفاوضات", people=("عندنان",)) == "عندنان المعيبد"


def test_a_verb_that_cannot_continue_the_man_before_is_kept_unnamed_and_he_goes_on():
    text = ("وأوضح مدير الشؤون الصحية عبدالعزيز بن سعيد أن الوزارة شددت على الالتزام بالاشتراطات الصحية.\n"
            "وأكدت أن على كافة القادمين أخذ لقاح الشوكية إضافة إلى التحصينات الإجبارية الأخرى.\n"
            "ولفت إلى أن الجهة الصحية في البلد القادم منه تتولى التأكد من إتمام عملية التطعيم.")
    quotes = quotes_of(text, people=("عبدالعزيز بن سعيد",))
    assert one(quotes, "كافة القادمين").speaker is None
    assert one(quotes, "إتمام عملية التطعيم").speaker == "عبدالعزيز بن سعيد"
    # a plural verb does not continue one person either
    text = ("وقال المحافظ نايف البكري إن اهتمام السلطة المحلية منصب على إعادة الإعمار. وعرض المسؤولون عن إدارات "
            "المياه والطرق مدى الأضرار التي خلفتها الحرب، وأكدوا على أهمية سرعة إعادة تأهيل هذه المرافق.")
    quotes = quotes_of(text, people=("نايف البكري",))
    assert [q.speaker for q in quotes if "إعادة تأهيل" in q.text] in ([], [None])


def test_prayers_after_daa_plural_verbs_and_comparatives():
    text = ('وقال الأمير فيصل "إن هذا العمل الإرهابي الجبان ينم عن فكر فاسد"، داعياً سموه الله أن يتغمد الشهداء '
            'بالرحمة والمغفرة.')
    quotes = quotes_of(text, people=("فيصل",))
    assert not [q for q in quotes if "يتغمد" in q.text]
    # a plural verb has its subject before it: not «عزم إيران»
    text = ("عبّر الوزراء عن قلقهم من التصريحات الصادرة مؤخرا عن كبار المسؤولين الإيرانيين يؤكدون فيها عزم إيران "
            "على الاستمرار في تدخلاتها في دول المجلس ودول المنطقة.")
    assert not [q for q in quotes_of(text, places=("إيران",)) if q.speaker == "عزم إيران"]
    assert not quotes_of("الحقيقة واضحة، والحل أوضح، ومن يحرض أو يدافع عن «البيئة» التي أنتجت هؤلاء لا يخفي نفسه عنا.")


def test_an_object_that_holds_a_name_is_not_the_subject_and_verses_are_not_said():
    text = ("وقال مدير الجامعة الدكتور إبراهيم غاشم إن الاستعدادات اكتملت. وأكد حرص جامعة جازان على استكمال كافة "
            "الترتيبات التقنية والتجهيزات اللازمة بكافة منشآت ومرافق الجامعة.")
    quotes = quotes_of(text, people=("إبراهيم غاشم",), orgs=("جامعة جازان",))
    assert one(quotes, "الترتيبات التقنية").speaker == "إبراهيم غاشم"
    text = ("كما أكد الجانبان على تعزيز التعاون المشترك في مجال التنمية المستدامة، خاصة في إدارة المحميات وسياسات "
            "المحافظة على البيئة.")
    assert speaker_of(text, "التنمية المستدامة") == "الجانبان"
    text = "وأعلنت الأميركية سيرينا وليامس انسحابها من بطولة سينسيناتي المفتوحة للتنس بسبب إصابة في المرفق."
    assert speaker_of(text, "انسحابها", people=("سيرينا وليامس",)) == "سيرينا وليامس"
    text = ("وفي آية ثانية يؤكد عز وجل قوله: {وَلاَ تَقُولُواْ لِمَنْ يُقْتَلُ فِي سَبيلِ اللّهِ أَمْوَاتٌ بَلْ أَحْيَاء "
            "وَلَكِن لاَّ تَشْعُرُونَ}.")
    assert not quotes_of(text)
    # «يعتبر» inside the clause is "is considered": the statement goes on
    text = "قال روبيرت فورد، السفير الأمريكي السابق في سوريا إن نظام بشار الأسد يعتبر جثة ولا جدوى من التعاون معه."
    assert one(quotes_of(text, people=("روبيرت فورد", "بشار الأسد")), "نظام بشار").text.endswith("التعاون معه")


def test_a_quoted_name_is_the_whole_speaker_and_is_considered_is_no_statement():
    text = ('أما عن تجربته في مجال الإعلام ومتى بدأت، فقال "حمد القاضي": دخلت الإعلام وتحديداً الصحفي كاتباً ناشئاً '
            'ثم انطلقت في مداراته المقروءة والمرئية.')
    assert speaker_of(text, "دخلت الإعلام", people=("حمد",)) == "حمد القاضي"
    text = ("في الحقيقة، يعتبر عدم تسليم الإدارة الأميركية لتلك الاتفاقيات الجانبية للكونغرس خرقا لبنود القانون، "
            "حيث تنص الاتفاقية النووية الإيرانية صراحة على أنه يجب على الرئيس تقديم الاتفاقية النووية للكونغرس.")
    assert not quotes_of(text)


def test_a_one_word_quotation_is_a_name_and_an_apposition_is_not_said():
    text = 'ومن جانبه صرح المحامي زياد النجداوي ل"الرياض" قائلاً: "إن المالكي يجب أن يقدم إلى القضاء الدولي".'
    quotes = quotes_of(text, people=("زياد النجداوي",))
    assert [q.text for q in quotes] == ["إن المالكي يجب أن يقدم إلى القضاء الدولي"]
    assert quotes[0].speaker == "زياد النجداوي"
    text = ("دعا الدكتور أحمد الطيب، شيخ الأزهر، كبار علماء السنة وفضلاء علماء الشيعة إلى الاجتماع بالأزهر "
            "والجلوس على مائدة واحدة.")
    assert one(quotes_of(text, people=("أحمد الطيب",)), "كبار علماء").text.startswith("كبار علماء")


def test_bodies_speak_and_a_verb_with_wa_after_a_that_clause_continues_the_speaker():
    # 2015-07-26: «القيادة العسكرية» speaks, and «وأضافت» goes on with it
    text = ("وقالت القيادة العسكرية إن سيارة مفخخة انفجرت عند وصول قافلة مدرعات تابعة للقوات الخاصة للدرك. "
            "وأضافت أن ضابطي صف في قوة الدرك قتلا في الانفجار.")
    quotes = quotes_of(text)
    assert one(quotes, "سيارة مفخخة").speaker == "القيادة العسكرية"
    assert one(quotes, "ضابطي صف").speaker == "القيادة العسكرية"
    text = ('وأكد مساعد مدرب المنتخب خالد حمدان ان مستوى المنتخب في تصاعد وقال: "نحن نعمل على تطوير الأداء '
            'في كل مباراة".')
    assert speaker_of(text, "تطوير الأداء", people=("خالد حمدان",)) == "خالد حمدان"


def test_maalih_is_no_king_and_a_speaker_without_content_goes_on():
    text = ("رفع معالي وزير الخدمة المدنية خالد بن عبدالله العرج التعازي الى مقام خادم الحرمين الشريفين الملك سلمان "
            "بن عبدالعزيز، والقيادة الرشيدة.\nوقال معاليه «إن بشاعة هذا الجرم ووحشيته تكشف عن سوداوية فكر المعتدين»." )
    quotes = quotes_of(text, people=("خالد بن عبدالله العرج", "سلمان بن عبدالعزيز"))
    assert one(quotes, "بشاعة هذا الجرم").speaker == "خالد بن عبدالله العرج"
    text = ("ووصفت الخطوط الجوية الماليزية العثور على قطعة الحطام أنه «انفراجة كبيرة».\n"
            "وأضافت في بيان: «نتوقع ونتمنى العثور على المزيد من الأجزاء وهو ما سيساعد في حل هذا اللغز».")
    assert speaker_of(text, "المزيد من الأجزاء", orgs=("الخطوط الجوية الماليزية",)) == "الخطوط الجوية الماليزية"


def test_a_speech_verb_of_the_reported_clause_does_not_cut_the_statement():
    text = ("وقالت صحيفة الديلي تليجراف البريطانية التي نشرت الخبر أمس إن مركز أبحاث العلوم والأمن القومي "
            "بالولايات المتحدة أعلن حصوله على صور أقمار صناعية لقاعدة بارشين.")
    quotes = quotes_of(text, orgs=("الديلي تليجراف",), places=("الولايات المتحدة",))
    assert one(quotes, "مركز أبحاث").text.endswith("لقاعدة بارشين")
    text = "ونوه الباحث الى ان الدراسة قد بينت أن ما يميز اللحوم الحلال هو خلوها من الدم."
    assert one(quotes_of(text), "الدراسة").text.endswith("خلوها من الدم")


# --- session 6: statements missed on unlabelled August days (2015-08-03) ---------------


def test_a_described_person_named_at_the_end_of_the_subject_speaks():
    # 2015-08-03.json#165 and #1120: a description, then the name that closes the subject
    text = ("وتصطدم تلك الرؤية مع ما يقوله معارضون سوريون حول العملية، إذ قال القيادي العسكري المعارض رامي "
            "الدالاتي إن أعضاء «الفرقة 30» قتلوا مقاتلين من «النصرة».")
    assert speaker_of(text, "أعضاء", people=("رامي الدالاتي",)) == "رامي الدالاتي"
    text = "من جهته أكد إداري الوفد السعودي عمار طراد أن المشاركة في بطولة عمان الخليجية تكتسب أهمية بالغة."
    assert speaker_of(text, "المشاركة", people=("عمار طراد",)) == "عمار طراد"
    # an untagged given name before a tagged one is part of the name, not a description
    text = "وقال آرفين أحمد بور، مسؤول العلاقات في المنظومة، لـ«الشرق الأوسط»: «تواصل القوات عملية عسكرية للبحث عن مقاتلينا»."
    assert speaker_of(text, "تواصل القوات", people=("أحمد بور",)) == "آرفين أحمد بور"


def test_plural_people_and_a_secretary_speak():
    # 2015-08-03.json#909 («الباحثون») and #106 («سكرتير الدولة …»)
    text = "وأشار الباحثون إلى أن استخدام الهواتف المحمولة لمدة 20 دقيقة فقط يومياً يعرضك للإصابة بأحد سرطانات المخ."
    assert speaker_of(text, "استخدام الهواتف") == "الباحثون"
    text = ("وقال سكرتير الدولة للشؤون المحلية، ان هذا الاجراء الذي يقضي بمعاقبة مالكي البيوت ينص على السجن لمدة "
            "يمكن ان تصل الى خمس سنوات.")
    assert speaker_of(text, "هذا الاجراء") == "سكرتير الدولة للشؤون المحلية"


def test_demands_with_a_glued_b_keep_their_subject():
    # 2015-08-03.json#978: «طالب X بـ…» with no أن: X asked for what follows ب
    q = one(quotes_of("وطالب مستخدمو الطرق بايجاد حل لتسريع تلك المشاريع التي تشكل لهم معاناة في التنقل."), "حل لتسريع")
    assert q.speaker == "مستخدمو الطرق" and q.text.startswith("بايجاد")
    # the object before ب is not the subject
    text = "وفي شأنٍ آخر، طالبت الجماهير الهلالية متجر النادي الإلكتروني بسرعة تنفيذ البيع إلكترونيا."
    assert speaker_of(text, "تنفيذ البيع") == "الجماهير الهلالية"
    # «وكان X قد طالب Y بـ…»: the subject came before, Y is asked
    text = ("وكان أمين المنطقة الشرقية قد طالب المقاول المنفذ والجهاز الإشرافي بـرفع نسب الإنجاز في المشروع وإزالة "
            "العوائق التي قد تعترضه.")
    assert all(q.speaker != "المقاول المنفذ والجهاز الإشرافي" for q in quotes_of(text))


def test_a_continuation_with_no_statement_before_takes_the_sentence_before_or_no_one():
    # 2015-08-03.json#296: «وأضاف أن» after a sentence about someone, nobody quoted yet
    text = ("التقى الوزير خالد الفالح بوفد الشركة في الرياض أمس.\n"
            "وأضاف أن \"هذه المنطقة التي تشهد غليانا مستمرا تنقصها كذلك على الدوام حبيبات الذهب تلك\".\n"
            "وأكد أهمية تفعيل دور وسائل الإعلام في التوعية بخطورة الألعاب النارية.")
    quotes = quotes_of(text, people=("خالد الفالح",))
    assert one(quotes, "حبيبات الذهب").speaker == "خالد الفالح"
    assert one(quotes, "تفعيل دور").speaker == "خالد الفالح"
    # 2015-08-03.json#394: «تحدث X، حيث قال:» — the person the sentence is about
    text = ("وحول هذا المعرض تحدث رئيس مجلس إدارة النادي الأدبي الثقافي بجدة الدكتور عبد الله السلمي، حيث قال: "
            "إنجازات خادم الحرمين الشريفين ظلت تترى بكل جديد.")
    assert speaker_of(text, "إنجازات", people=("عبد الله السلمي",)) == "عبد الله السلمي"
    # with no one before, the statement is kept and its speaker left unnamed
    assert speaker_of("وقال إن الأمانة تولي مشروعات القرى اهتماما كبيراً.", "مشروعات القرى") is None
    # «وأعلن ذلك رئيس الوزراء …»: a demonstrative object, not content
    text = "استقالت رئيسة البرلمان برونوين بيشوب أمس. وأعلن ذلك رئيس الوزراء توني أبوت الذي رفض مسبقًا دعوات بشأن استقالتها."
    assert not [q for q in quotes_of(text, people=("برونوين بيشوب", "توني أبوت")) if "رئيس الوزراء توني" in q.text]


def test_sources_after_or_before_the_statement():
    # 2015-08-03.json#158, #92, #861: «…، بحسب ما ذكر X», «ووفقا لإحصائيات X، فإن …», «…، بحسب المسؤولين»
    text = ("وخطفت جبهة النصرة ثمانية عناصر منهم مساء الأربعاء قرب مدينة أعزاز في ريف حلب الشمالي، بحسب ما ذكر "
            "المرصد السوري لحقوق الإنسان.")
    q = one(quotes_of(text, orgs=("جبهة النصرة", "المرصد السوري لحقوق الإنسان")), "ثمانية عناصر")
    assert q.speaker == "المرصد السوري لحقوق الإنسان" and "بحسب" not in q.text
    text = "ووفقا لاحصائيات حكومة الاقليم، فان 1280 شخصا قتل خلال هجوم المتطرفين على مدينة سنجار."
    assert speaker_of(text, "1280 شخصا") == "حكومة الاقليم"
    text = "وهناك موجة من هجمات التماسيح في القرى الواقعة حول حديقة بهيتاركانيكا، بحسب المسؤولين."
    assert speaker_of(text, "هجمات التماسيح") == "المسؤولين"
    # the same phrase written with a tatweel or vowel marks (the quick check before the
    # scan reads the words' normalized forms, not the raw text)
    for written in ("بحسـب", "بحَسَب"):
        text = f"وهناك موجة من هجمات التماسيح في القرى الواقعة حول حديقة بهيتاركانيكا، {written} المسؤولين."
        assert speaker_of(text, "هجمات التماسيح") == "المسؤولين"
    # «وفقا لنظام/للتنظيم التالي» is "in accordance with", no source
    assert not quotes_of("وتختص اللجنة بالنظر في المخالفات الانتخابية والطعون وفقاً لنظام المجالس البلدية واللوائح الصادرة.")
    assert not quotes_of("ثانيا: إقرار عقوبات في حال تجاوز مديونيات الأندية الحد المسموح به وفقا للتنظيم التالي:")


def test_a_participle_continues_the_subject_of_its_sentence():
    # 2015-08-03.json#1024 and 2015-07-25.json#1416 (tune): a body or group opens the sentence
    text = ("واختارت الوزارة موعد عمل المعرض اليومي من الساعة الـ 10 صباحا، مؤكدة أن كل الكوادر جاهزة للعمل "
            "المتواصل لإنجاز المهام الموكلة لها.")
    assert speaker_of(text, "الكوادر جاهزة") == "الوزارة"
    text = ("اشتكت عدد من شركات الحج والعمرة على قرار الوزارة باستحداث طريقة تسجيل الحجاج، مشيرة إلى أن التسعيرة "
            "الموحدة لا تخلق تنافسا بين الشركات.")
    assert speaker_of(text, "التسعيرة").startswith("عدد من شركات الحج")
    # a source phrase is no verb: «وبحسب مصدر مقرب؛ فإن …» stays the source's
    text = "وبحسب مصدر مقرب؛ فإن مساحة المنتجع الواحد تزيد على نصف مليون متر مربع، موضحا أن نسبة الشواطئ البكر تصل إلى 70 في المائة."
    assert speaker_of(text, "مساحة المنتجع") == "مصدر مقرب"


def test_an_indefinite_person_described_speaks_and_a_title_does_not():
    # 2015-08-06.json#381 and #1981: «متعامل بالسوق الموازية», «راكب آخر», «سيدة …»
    text = ("وقال متعامل بالسوق الموازية لـ«الشرق الأوسط»، رفض الكشف عن هويته: «الطلب ضعيف نوعا ما. لا يوجد تغيير "
            "كبير عن أسعار الأمس».")
    assert speaker_of(text, "الطلب ضعيف") == "متعامل بالسوق الموازية"
    text = ("فيما أكد راكب آخر أن متاعه يحمل مبلغا ماليا كبيرا، ويحتاج إليه قبل الخروج من المطار. وقالت سيدة عانت "
            "نفس المشكلة وبدت عليها علامات الحزن إن فرحتها بلقاء أسرتها بعد عام كامل كانت عارمة.")
    quotes = quotes_of(text)
    assert one(quotes, "متاعه").speaker == "راكب آخر"
    assert one(quotes, "فرحتها").speaker == "سيدة"
    # 2015-08-01.json#564: a book's title «تشير إلى» reports no one
    text = ('"مذكرات لص" (1949) تشير منذ العنوان إلى جانب شهير ومزعج حول جينيه هو ماضيه الذي قلما نصادف مثيلاً '
            'له في تاريخ الأدب.')
    assert not quotes_of(text)


def test_a_topic_before_the_verb_and_a_quotation_left_open():
    # 2015-08-06.json#2865: «وعن قضية … قال:» goes on with the one speaking
    text = ("وقال نائب مدير كرة القدم بنادي النصر طلال النجار إن إدارة النادي بذلت جهدا من أجل هذا الموضوع.\n"
            "وعن قضية الأوروغوياني مورا وإصابته قال: وقعنا اتفاقية ملزمة مع اللاعب ولن يتم التوقيع النهائي حتى "
            "إجراء الكشف الطبي.")
    assert speaker_of(text, "وقعنا اتفاقية", people=("طلال النجار", "مورا")) == "طلال النجار"
    # 2015-08-06.json#1482: a quotation its writer never closed runs to the sentence end
    text = ('من جهته قال عبدالرحمن الصانع نائب رئيس اللجنة الوطنية للسياحة بمجلس الغرف السعودية، "الجميع يتفق مع '
            'القرار الذي صدر من مجلس الوزراء بخصوص الشواطئ، فحق الناس فيها كمواقع مشاعة وملك للجميع.')
    q = one(quotes_of(text, people=("عبدالرحمن الصانع",)), "الجميع يتفق")
    assert q.speaker == "عبدالرحمن الصانع" and q.kind == "direct" and q.text.endswith("وملك للجميع")


def test_appeals_condemnations_and_announcements_without_that():
    # 2015-08-06.json#2160, #803; 2015-08-01.json#913, #1096
    text = ("وناشد الأحمدي، باسم مجلس قيادة المقاومة، الأهالي عدم العودة إلى منازلهم، إلا بعد أن يحصلوا على موافقة "
            "خبراء إزالة الألغام.")
    assert speaker_of(text, "عدم العودة", people=("الأحمدي",)) == "الأحمدي"
    text = ("من جهتها، ثمنت رئيسة برنامج موهبة الإثرائي الصيفي الدكتورة هبة العمودي، الجهود التي تقوم بها المدربات "
            "في سبيل الوصول إلى الأهداف.")
    assert speaker_of(text, "المدربات", people=("هبة العمودي",)) == "هبة العمودي"
    text = ("وأهاب العقيد العاصمي بالمواطنين والمقيمين بأخذ الحيطة والحذر والابتعاد عن مجاري الأودية والسيول.")
    assert speaker_of(text, "الحيطة والحذر", people=("العاصمي",)) == "العاصمي"
    q = one(quotes_of("وأعلن مكتب تحقيقات الطيران عن تحطم طائرة خاصة «تسجيل سعودي» في مطار بلاكبوش ببريطانيا عند "
                      "الساعة 14:08 مساء أمس الجمعة."), "تحطم طائرة")
    assert q.speaker == "مكتب تحقيقات الطيران" and q.text.startswith("تحطم طائرة")
    # «ثمن» alone is the noun "price"
    assert not quotes_of("وبلغ ثمن السلعة عشرة ريالات في الأسواق المحلية بعد ارتفاع الطلب عليها.")


def test_speaker_junk_an_object_an_adverbial_and_the_issuer_of_a_statement():
    # 2015-08-03.json#0: the object after the body («عدداً من الإجراءات») is no part of it
    text = ("أقر مجلس الوزراء عدداً من الإجراءات من بينها أن يكون لكل شاطئ حرم مفتوح للعامة لا يجوز التأجير فيه.")
    assert speaker_of(text, "لكل شاطئ") == "مجلس الوزراء"
    # 2015-08-01.json#978: «ونهجا رائعا يكشف عن …» is no one speaking
    assert not quotes_of("لترسم تقليداً جديداً من التلاحم بين القيادة والشعب، ونهجا رائعا يكشف عن الحب المتبادل "
                         "بين السعوديين في بلد ينعم بالأمن والأمان.")
    # 2015-08-01.json#1216: an adverbial after the verb is no subject, the one speaking goes on
    text = ("وقال الباحث محمد العتيبي إن الحفظ في الصغر أسهل.\nويؤكد وبكل وضوح ما دلت عليه دراسات عدّة أن حفظ القرآن "
            "الكريم له أثره العظيم في تنمية المهارات الأساسية لدى الطالب.")
    assert speaker_of(text, "أثره العظيم", people=("محمد العتيبي",)) == "محمد العتيبي"
    # 2015-08-06.json#55 and #2002: «أصدرت X بياناً أوضحت فيه», «ألقى X كلمة أكد فيها»
    text = ("أصدرت قيادة القوات المشتركة اليوم بياناً أوضحت فيه أنه في صباح اليوم الأربعاء أجرت طائرة اباتشي "
            "هبوطاً اضطرارياً في منفذ الطوال السعودي.")
    assert speaker_of(text, "طائرة اباتشي") == "قيادة القوات المشتركة"
    text = ("وألقى مدير إدارة الشؤون الزراعية بمنطقة عسير المهندس فهد الفرطيش كلمة أكد فيها أن المبنى الذي بلغت "
            "كلفته أكثر من 32 مليون ريال يتكون من ثلاثة طوابق.")
    assert speaker_of(text, "ثلاثة طوابق", people=("فهد الفرطيش",)) == "فهد الفرطيش"


def test_imams_some_of_a_group_apposed_names_topics_and_a_verb_after_a_sentence_end():
    # 2015-08-01.json#773: «إمام» (imam) is no «أمام» (in front of)
    text = "أكد إمام وخطيب المسجد الحرام الشيخ الدكتور عبدالرحمن السديس، أن مرحلة الشباب هي الفتوة والعنفوان والقوة."
    assert speaker_of(text, "مرحلة الشباب", people=("عبدالرحمن السديس",)) == "عبدالرحمن السديس"
    assert speaker_of("وقال الوزير أمام الصحفيين إن الوضع مستقر في المنطقة.", "الوضع مستقر") == "الوزير"
    # 2015-08-01.json#153: «بعض الأطباء النفسيين»; a verb after «من قبل».\n is no verbal noun
    text = "وأكد بعض الأطباء النفسيين أنّ وسائل الاستجواب في ظل إدارة أوباما تطرح مشكلات أيضًا."
    assert speaker_of(text, "وسائل الاستجواب") == "بعض الأطباء النفسيين"
    text = ("وكانت سوزان ماكدانيال صرحت أن «تقرير هوفمان يتضمن وقائع مقلقة جدًا لم تكن معروفة من قبل».\n"
            "وقالت كاسلو إن «الطريقة التي أنشئت بها مجموعة العمل كانت متأثرة بالتواطؤ».")
    assert speaker_of(text, "مجموعة العمل", people=("سوزان ماكدانيال", "كاسلو")) == "كاسلو"
    # 2015-08-01.json#130: an untagged name, known by «، وهو الرئيس …» after it
    text = ("وقال معين الحق، وهو الرئيس البنغلاديشي للجنة تبادل الجيوب، إن احتفالات مماثلة سوف تقام في الجيوب "
            "الهندية سابقًا.")
    assert speaker_of(text, "احتفالات مماثلة") == "معين الحق"
    # 2015-08-01.json#215: «أما X فأكد»
    text = "أما المصرف المركزي الصيني فأكد أنه سيؤمن السيولة اللازمة لضمان استقرار البورصتين."
    assert speaker_of(text, "السيولة") == "المصرف المركزي الصيني"


def test_condemnations_groups_a_clause_after_when_and_bayyana_after_qad():
    # 2015-08-09.json#1058: «أعرب عدد من X، عن …»; «دان X» (condemned) is speech
    text = ("أعرب عدد من نواب مجلس الأمة الكويتي، عن إدانتهم واستنكارهم الشديد لحادث التفجير الإرهابي الذي "
            "استهدف مسجد قوات الطوارئ.")
    assert speaker_of(text, "إدانتهم").startswith("عدد من نواب مجلس الأمة")
    text = ("بدوره، دان أمين سر مجلس الأمة الكويتي، عادل الخرافي، العمل الإرهابي، مؤكدا أن دول مجلس التعاون باتت "
            "مستهدفة من منظمات متطرفة.")
    assert speaker_of(text, "باتت مستهدفة", people=("عادل الخرافي",)) == "عادل الخرافي"
    # 2015-08-09.json#447: «فقد بيّن الغنوشي أنه …» (but «بين» is "between" elsewhere)
    text = "أما فيما يتعلق بالتعيينات، فقد بيّن الغنوشي انه تم التطرق إلى هذا الموضوع رغم انه لم يكن أساسياً."
    assert speaker_of(text, "التطرق", people=("الغنوشي",)) == "الغنوشي"
    assert not quotes_of("ووقع الاختيار بين محمد وأحمد على الأول بعد مداولات طويلة.", people=("محمد", "أحمد"))
    # 2015-08-04.json#1247: «…، حين قال إنه …»: the person the sentence is about
    text = ("صدم الهولندي لويس فان غال أنصار مانشستر يونايتد الإنجليزي بتصريح صحفي، حين قال انه ليس متأكدا من "
            "أن الشياطين الحمر مستعدون للمنافسة.")
    assert "لويس" in (speaker_of(text, "ليس متأكدا", people=("لويس فان غال",)) or "")  # (the canonical name drops «فان»)


def test_time_words_before_the_subject_and_announcements_of_a_titled_speaker():
    # 2015-08-06.json#1358: «أعلن أمس الأربعاء وزير الخارجية …»
    text = ("أعلن أمس الأربعاء وزير الخارجية التركي مولود تشاوش اوغلو أن بلاده ستبدأ «قريبا» بمحاربة تنظيم «داعش» "
            "الارهابي في شمال سوريا.")
    assert speaker_of(text, "بلاده ستبدأ", people=("مولود تشاوش اوغلو",)) == "مولود تشاوش اوغلو"
    # 2015-08-06.json#659 and #2959: «أعلن المحافظ عن تقديم …», «أعلنت الأكاديمية … عن استمرار …»
    q = one(quotes_of("وفي كلمته التي ألقاها أمام ضباط اللواء 14 مدرّع أعلن المحافظ عن تقديم مبلغ 10 ملايين ريال "
                      "مكافأة رمزية."), "مكافأة")
    assert q.speaker == "المحافظ" and q.text.startswith("تقديم مبلغ")
    text = ("أعلنت الأكاديمية السعودية للطيران المدني التابعة للهيئة العامة للطيران المدني عن استمرار القبول "
            "والتسجيل للطلاب الحاصلين على شهادة الثانوية.")
    assert speaker_of(text, "استمرار القبول").startswith("الأكاديمية السعودية للطيران المدني")


def test_as_the_source_said_at_the_end_of_a_sentence():
    # 2015-08-10.json#1172 (read at the end): «… على ما أوضح رئيس البلدية»
    text = ("وكان الرجل البالغ 32 عاما اتى من بلدة مجاورة مع مجموعة من الاصدقاء للمشاركة في السباق على ما اوضح "
            "رئيس البلدية.")
    q = one(quotes_of(text), "بلدة مجاورة")
    assert q.speaker == "رئيس البلدية" and q.text.endswith("في السباق")
    assert not quotes_of("وتبقى الأمور على ما يبدو معقدة بين الطرفين منذ سنوات طويلة في المنطقة.")


def test_figures_issued_by_a_body_speak_for_it():
    # 2015-08-04.json#171 (read in the draw): «وتشير الأرقام الصادرة عن X إلى أن»
    text = ("وتشير الأرقام الصادرة عن الهيئة الملكية إلى أن الاستثمارات في المدن التابعة للهيئة تجاوزت (1 ترليون) "
            "ريال.")
    assert speaker_of(text, "الاستثمارات", orgs=("الهيئة الملكية",)) == "الهيئة الملكية"
    # a statement issued by a meeting is the statement's own
    assert speaker_of("وأكد البيان الصادر عن الاجتماع أن الدول الأعضاء ملتزمة بالاتفاق.", "الدول الأعضاء") == "البيان الصادر"


def test_the_title_of_a_poem_read_is_no_statement():
    # 2015-08-10.json#1694 (read in the last draw)
    text = 'وختم الرشيد الأمسية بقصيدتا "فتوى الهوى, ينبضون ضوءً فأين قمرك" ,وكرّم النادي المشاركين في الأمسية .'
    assert not quotes_of(text, people=("الرشيد",))


def test_an_object_after_a_named_subject_is_what_was_condemned():
    # 2015-08-09.json#1058: the subject span ran on into the object
    text = ("واستنكر النائب بمجلس الأمة الكويتي الدكتور منصور الظفيري العمل الإرهابي الآثم، مؤكداً أن هذا العمل "
            "الإجرامي يتنافى مع كل القيم الإنسانية.")
    q = one(quotes_of(text, people=("منصور الظفيري",)), "الإرهابي الآثم")
    assert q.speaker == "منصور الظفيري" and q.text == "العمل الإرهابي الآثم"
