"""The citation support test and the `marsad eval citations` audit, on real text."""
from __future__ import annotations

import json

import pytest

from click.testing import CliRunner

from marsad.citations import evaluate_report, figures_stated, specifics_agree, states, supported, word_numbers

_CLAIM = "قال وزير الخارجية الروسي سيرغي لافروف اليوم الجمعة إن التنسيق مطلوب بين الجيش الروسي ووزارة الدفاع الأمريكية لتجنب حوادث غير مقصودة."
_RESTATED = "قال وزير الخارجية الروسي سيرجي لافروف الجمعة إن التنسيق مطلوب بين الجيشين الروسي والأمريكي لتجنب الحوادث غير المقصودة."
_OTHER = "تحادث وزير الخارجية الأميركي هاتفياً مع وزير الخارجية الروسي حول الوضع في سوريا وأوكرانيا وإيران."


def test_a_restatement_supports_and_a_different_statement_does_not() -> None:
    assert states(_CLAIM, _CLAIM.replace("الأمريكية", "الأميركية"))
    assert states(_CLAIM, _RESTATED)
    assert not states(_CLAIM, _OTHER)
    assert supported(_CLAIM, [_OTHER, _RESTATED])
    assert not supported(_CLAIM, [_OTHER])
    # aligned by the reuse stage lowers the similarity needed, not the specifics
    assert not supported(_CLAIM, [_OTHER], aligned=True)
    # the report's own insertions are not the source's words
    assert states("وأكد سموه [أمير منطقة عسير] أن الدولة ماضية في مواجهة الإرهاب بكل حزم.", "وأكد سموه أن الدولة ماضية في مواجهة الإرهاب بكل حزم.")


def test_the_specifics_must_agree_not_just_the_words() -> None:
    """Pairs from the 2015-08-10/11 digest that a reader rejects although their words
    overlap, and restatements that differ only in how a figure or name is written."""
    king = "بعث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود برقية تهنئة لفخامة الرئيس الفريق الركن الطيار إدريس ديبي إتنو رئيس جمهورية تشاد بمناسبة ذكرى اليوم الوطني لبلاده ."
    crown_prince = "بعث نائب خادم الحرمين الشريفين صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز آل سعود برقية تهنئة لفخامة الرئيس الفريق الركن الطيار إدريس ديبي إتنو رئيس جمهورية تشاد بمناسبة ذكرى اليوم الوطني لبلاده."
    assert not states(king, crown_prince)
    hail = "أوصى مجلس إدارة شركة أسمنت حائل بتوزيع أرباح نقدية على مساهمي الشركة عن النصف الأول للعام 2015."
    najran = "أوصى مجلس إدارة شركة أسمنت نجران، بتوزيع أرباح نقدية على مساهمي الشركة عن النصف الاول من العام 2015."
    assert not states(hail, najran)
    up = "أغلق مؤشر سوق مسقط (30) اليوم عند مستوى 6419.97 نقطة مرتفعًا بـ 12.11 نقطة بنسبة 0.19 % مقارنة مع آخر جلسة تداول ."
    down = "أغلق مؤشر سوق مسقط ( 30 ) اليوم عند مستوى 20ر6401 نقطة منخفضًا بـ 77ر18 نقطة وبنسبة 29ر0 % مقارنة بآخر جلسة تداول التي بلغت 97ر6419 نقطة ."
    assert not states(up, down)
    # the same figure written another way, a name with or without its space, another transliteration
    assert states(
        "أعلنت وزارة التجارة بلوغ القيمة الإجمالية لمشروعات برنامج البيع على الخارطة (320.800.000) ريال خلال الربع الثاني من العام الجاري 2015م.",
        "أعلنت وزارة التجارة بلوغ القيمة الإجمالية لمشروعات برنامج البيع على الخارطة 320,8 مليون ريال خلال الربع الثاني من العام 2015.",
    )
    assert states(
        "عقد الرئيس اليمني عبدربه منصور هادي اليوم اجتماعاً ضم مستشاريه حيدر أبوبكر العطاس وعبدالعزيز جباري.",
        "عقد الرئيس اليمني عبد ربه منصور هادي اليوم (الاثنين) اجتماعًا ضم مستشاريه حيدر أبو بكر العطاس وعبد العزيز جباري.",
    )
    assert states(
        "وصلت بعثة فريق الهلال إلى العاصمة لندن مساء أمس قادمة من مدينة سالزبورغ النمساوية بعد أن أنهت المعسكر الإعدادي.",
        "وصلت بعثة الفريق الأول بنادي الهلال مساء أمس إلى العاصمة لندن قادمة من مدينة سالزبورج النمساوية بعد أن اختتم معسكره.",
    )
    # one outlet rounds what another prints
    assert states(
        "أغلق مؤشر سوق الأسهم السعودية اليوم على ارتفاع ب 135.65 نقطة بنسبة 1.56 % ليغلق عند مستوى 8834.82 نقطة بتداولات قاربت 4 مليارات ريال.",
        "ارتفع مؤشر سوق الأسهم أمس، بنسبة بلغت نحو 1.6% بعد أن كسب نحو 136 نقطة الى مستوى 8835 نقطة، فيما بلغت قيمة التداولات نحو 4 مليارات ريال.",
    )
    # a restatement that leaves a figure out still states the development
    assert states(
        "صادق مجلس النواب العراقي في جلسة استثنائية عقدها اليوم بالإجماع على حزمة الإصلاحات الحكومية التي تضمنت 25 بندا .",
        "وكان مجلس النواب العراقي قد صادق في جلسة استثنائية علنية عقدها اليوم بالاجماع على حزمتي اصلاحات حكومية وبرلمانية.",
    )


def _report() -> dict:
    sentences = lambda texts: [{"text": t, "start": 0, "end": len(t)} for t in texts]  # noqa: E731
    return {
        "articles": [
            {"id": "a", "sentences": sentences([_CLAIM, "رابط الخبر بصحيفة الوئام: لافروف يدعو للتنسيق"])},
            {"id": "b", "sentences": sentences([_RESTATED])},
            {"id": "c", "sentences": sentences([_OTHER])},
        ],
        "storylines": [{"id": "s", "title": "لافروف يدعو إلى التنسيق العسكري مع واشنطن"}],
        "events": [{"id": "e", "title": _CLAIM}],
        "summary": [
            {"storyline_id": "s", "text": _CLAIM, "sources": ["a", "b", "c"]},
            {"storyline_id": "s", "text": "رابط الخبر بصحيفة الوئام: لافروف يدعو للتنسيق", "sources": ["a"]},
        ],
        "timeline": [
            {"date": "2015-09-11", "text": _CLAIM, "article_id": "a", "sources": ["a", "b"], "kind": "development"},
            {"date": "2015-09-12", "text": _OTHER, "article_id": "c", "kind": "upcoming"},
        ],
    }


def test_report_audit_counts_unsupported_citations_furniture_and_titles(tmp_path) -> None:
    figures = evaluate_report(_report())
    assert (figures["summary_citations"], figures["summary_supported"]) == (4, 3)  # c does not state it
    assert figures["timeline_supported_share"] == 1.0
    assert figures["summary_furniture"] == 1
    assert figures["storylines_titles_short_share"] == 1.0 and figures["events_titles_short_share"] == 0.0
    assert figures["timeline_by_kind"] == {"development": 1, "upcoming": 1}
    assert figures["unsupported_examples"] == [{"claim": _CLAIM, "source": "c"}]

    from marsad.cli import main

    path = tmp_path / "report.json"
    path.write_text(json.dumps(_report(), ensure_ascii=False), encoding="utf-8")
    out = CliRunner().invoke(main, ["eval", "citations", "--json", str(path)])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["summary_supported"] == 3
    bad = CliRunner().invoke(main, ["eval", "citations", __file__])
    assert bad.exit_code != 0 and "not a readable report.json" in bad.output


def test_the_per_sentence_caches_are_bounded_by_memory_not_by_a_corpus() -> None:
    """A long-running process (serve, watch, a live stream) fills the citation check's
    sentence caches to their bound: the bound times what an entry of real news holds
    must stay a small share of memory (65,536 entries of the n-gram sets were ~0.7–1 GB)."""
    import re
    import tracemalloc
    from marsad import citations
    from tests.conftest import SAUDINEWSNET

    records = json.loads((SAUDINEWSNET / "2015-07-23.json").read_text())[:40]
    sentences = list(dict.fromkeys(s for r in records for s in re.split(r"(?<=[.!؟])\s+|\n+", r["content"]) if len(s) > 40))[:300]
    for a, b in zip(sentences, sentences[1:]):  # the gazetteer, stemmer, ... loaded once
        states(a, b)
    for name in ("content_words", "_tokens", "specifics", "_loose_text"):  # per word: kept
        getattr(citations, name).cache_clear()
    tracemalloc.start()
    for a, b in zip(sentences, sentences[1:]):
        states(a, b)
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    per_sentence = held / len(sentences)
    assert per_sentence > 1_000  # the n-gram sets are what the bound is about
    assert per_sentence * citations.SENTENCE_CACHE < 256 * 2**20
    assert citations._tokens.cache_info().maxsize == citations.SENTENCE_CACHE


# --- what a reader checks (issue 15, session 5) -------------------------------------------


def test_counts_written_as_words_are_figures() -> None:
    # «سيطرت المقاومة على أربع مناطق» was cited to an article saying «ست مناطق» (2015-08-10/11)
    assert not specifics_agree("سيطرت المقاومة الشعبية على أربع مناطق في محافظة الضالع", "سيطرت المقاومة الشعبية على ست مناطق في محافظة الضالع")
    assert specifics_agree("أعلنت أجهزة الأمن الروسية أنها قتلت ثمانية مسلحين بايعوا داعش", "أعلنت أجهزة الأمن الروسية مقتل 8 مسلحين بايعوا داعش")
    # ordinals, weekdays and «عشرات» are no counts
    assert word_numbers("حلت في المرتبه الخامسه عشره يوم الاثنين وسقط عشرات".split()) == []
    assert word_numbers("قتل خمسه عشر شخصا واصيب ثلاث وعشرين".split()) == ["15", "23"]


def test_places_the_gazetteer_lacks_are_read_after_a_place_noun() -> None:
    assert not specifics_agree("سقطت طائرة استطلاع إسرائيلية في بلدة علما الشعب جنوب لبنان", "سقطت طائرة استطلاع إسرائيلية في بلدة الناقورة جنوب لبنان")
    assert specifics_agree("اندلعت اشتباكات في منطقة جبلية قرب الحدود", "اندلعت اشتباكات في منطقة القوقاز قرب الحدود")  # «جبلية» is no name


def test_the_cited_article_must_give_the_claims_figures() -> None:
    claim = "باشرت فرق الهلال الأحمر بمنطقة الباحة 61 بلاغا عن حوادث مرورية خلال الأيام الستة الماضية."
    close = "باشرت فرق الهلال الأحمر بمنطقة الباحة بلاغات عن حوادث مرورية خلال الأيام الماضية."
    assert not supported(claim, [close, "وأهاب بالمواطنين بعدم تحريك المصابين."])
    assert supported(claim, [close, "وبلغ عدد البلاغات 61 بلاغا في ستة أيام."])
    # the day of a date is no figure to look for: «الجمعة 11 سبتمبر» is «اليوم الجمعة» elsewhere
    assert figures_stated("قال لافروف الجمعة 11 سبتمبر/ أيلول 2015 إن بلاده ستواصل تزويد الجيش السوري", "قال لافروف اليوم الجمعة إن بلاده ستواصل تزويد الجيش السوري", [])


def test_only_the_reports_own_insertion_is_left_out() -> None:
    # a source that prints its own brackets (an okaz story, 2015-08-02/03) keeps them
    own = "[وأجريت العملية صباح يوم الخميس الموافق (7/10/1436) في مستشفى الملك فيصل التخصصي بالرياض، وتكللت العملية بالنجاح]."
    assert supported(own, [own])
    assert supported("وأكد سموه [أمير منطقة عسير] أن الدولة ماضية في مواجهة الإرهاب بكل حزم.", ["وأكد سموه أن الدولة ماضية في مواجهة الإرهاب بكل حزم."])


def test_people_are_whole_names_not_gazetteer_words() -> None:
    # 2015-08-06/07: the same minister with and without his father's name, the King
    # with and without «آل سعود», «ولي عهده» and «تهنئته» (gazetteer words, no names)
    assert specifics_agree(
        "وأكد وزير الزراعة المهندس عبدالرحمن الفضلي أن هذه الدفعة تمثل مستحقات مزارعي القمح، تنفيذًا لتوجيهات الملك سلمان بن عبدالعزيز آل سعود.",
        "أعلن ذلك وزير الزراعة المهندس عبدالرحمن بن عبدالمحسن الفضلي، مبينًا أن هذه الدفعة تمثل مستحقات مزارعي القمح.",
    )
    assert specifics_agree(
        "واستهل بن مساعد تغريدته بعبارة «ألف مبروك لهؤلاء الأبطال».",
        "وقدم الرئيس العام تهنئته للاعبين، واستهل تغريدته بعبارة «ألف مبروك لهؤلاء الأبطال».",
    )
    # two princes who share a first name are two people
    assert not specifics_agree("استقبل الأمير محمد بن نايف سفير فرنسا في مكتبه.", "استقبل الأمير محمد بن سلمان سفير فرنسا في مكتبه.")
    # a count in words may be a list in the cited article: not a figure to look for there
    listed = "جاء ذلك خلال اجتماعه بمديري تعليم عسير، جيزان، نجران، صبيا وسراة عبيدة في نجران."
    assert figures_stated("وعقد الوزير اجتماعا بمديري تعليم خمس إدارات تعليمية في المنطقة الجنوبية.", listed, [listed])


def test_dates_and_ordinals_a_reader_reads_as_the_same() -> None:
    # 2015-08-08/09: «الأربعاء المقبل 27 شوال» is «الأربعاء المقبل 12 أغسطس» (one day, two calendars)
    assert specifics_agree(
        "أكدت الجمعية الفلكية بجدة أن العام الحالي سيكون أحد أفضل الأعوام لرصد زخة شهب البرشاويات قبل شروق شمس الأربعاء المقبل 27 شوال الجاري.",
        "قالت الجمعية الفلكية بجدة إن العام الحالي سيكون أحد أفضل الأعوام لرصد زخة شهب البرشاويات قبل شروق شمس الأربعاء المقبل 12 أغسطس.",
    )
    # «المرحلة الـ23» is «المرحلة الثالثة والعشرين»: half the figures found is enough
    claim = "استفاد نحو 157 طفلا في مخيم الزعتري من اللقاحات في المرحلة الـ23 من برنامج (شقيقي صحتك تهمني)."
    source = "استفاد نحو 157 طفلاً في مخيم الزعتري من اللقاحات في المرحلة الثالثة والعشرين من برنامج «شقيقي صحتك تهمني»."
    assert supported(claim, [source])


def test_names_agree_reads_the_mined_name_list() -> None:
    from marsad.citations import listed_names, names_agree

    cairo = "أكد وزير الخارجية الاميركي جون كيري في القاهرة ان الاتفاق حول برنامج ايران النووي سيجعل الشرق الاوسط اكثر امانا."
    doha = "بدأت في العاصمة القطرية الدوحة اليوم أعمال الاجتماع المشترك بين وزراء خارجية دول مجلس التعاون."
    doha_again = "انطلقت في الدوحة أعمال الاجتماع التشاوري لوزراء خارجية دول مجلس التعاون الخليجي مع نظيرهم الأمريكي."
    if not listed_names(doha):
        pytest.skip("mined name list not found")
    assert ("LOC", "الدوحه") in listed_names(doha)
    assert not names_agree(cairo, doha)  # Kerry in Cairo is not the ministers in Doha
    assert names_agree(doha, doha_again)
    emir = "التقى الشيخ تميم بن حمد أمير دولة قطر اليوم وزير الخارجية الروسي سيرغي لافروف الذي يزور الدوحة حاليًا."
    trilateral = "وأعلنت وزارة الخارجية الروسية أن لافروف سيعقد اجتماعا ثلاثيا مع نظيريه الأمريكي كيري والسعودي عادل الجبير."
    assert not names_agree(emir, trilateral)
