"""Which sentences can open a story (issue 15): real sentences of SaudiNewsNet
(2015-08-02/03) that a summary opened with, and leads that should open one."""
from __future__ import annotations

import re

import pytest

from marsad.statements import announces, leans_back, opens_with_quote


@pytest.mark.parametrize(
    "text",
    [
        "جاء ذلك خلال استقبال سموه في مكتبه بالرياض رئيس وأعضاء مجلس إدارة الاتحاد.",
        "أوضح ذلك رئيس الاتحاد السعودي للإسكواش زياد التركي الذي شكر للرئيس العام لرعاية الشباب.",
        "وتأتي هذه الخدمة من منطلق اهتمام هيئة الهلال الأحمر السعودي برسالتها الإنسانية.",
        "وأهاب، بالمواطنين والمقيمين بعدم تحريك أو نقل المصابين من مكان الحادث.",
        "من جانبهما واصل الثنائي «ياسر القحطاني، عبدالله عطيف» أداء برامجيهما التأهيليين.",
        "على جانب آخر أعلنت الأميركية سيرينا ويليامز المصنفة أولى عالميا انسحابها من دورة ستانفورد.",
        "وكان مدرب الرائد قد رسم برنامجه الإعدادي للفريق في مرحلته الثانية بتركيا.",
        "في غضون ذلك، عقد وزراء خارجية دول مجلس التعاون مساء أمس في الدوحة اجتماعًا تنسيقيًا.",
        # 2015-08-06/07
        "من جهته أكد العيد جاهزية المنتخب في تحقيق لقب البطولة خصوصا وأنه توج مؤخراً بالمركز الثالث.",
        "ومن جهته، أكد الدكتور أن ما قدمته المؤسسة واجب ديني وحق وطني.",
        "وكان أمير منطقة نجران الأمير جلوي بن عبدالعزيز بن مساعد، نوه بالمبادرات التي قدمتها المؤسسة.",
        # 2015-08-08/09: 14 copies of one agency text opened the king's condolences story with it
        "وأعرب عن عزائه ومواساته لأسر الشهداء، سائلاً الله أن يتغمدهم بواسع رحمته.",
        "مبينة أنه تم تنفيذ قرابة 60 جولة تضمنت متابعة سير عمل المشروعات ومراقبة تنفيذها.",
    ],
)
def test_sentences_that_lean_on_the_one_before(text: str) -> None:
    assert leans_back(text)


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت أجهزة الأمن الروسية الأحد أنها قتلت ثمانية بايعوا تنظيم داعش ويقفون وراء هجمات في منطقة القوقاز.",
        "باشرت فرق الهلال الأحمر بمنطقة الباحة 61 بلاغا عن حوادث مرورية خلال الأيام الستة الماضية.",
        "وأكد المتحدث الرسمي بالاتحاد السعودي لكرة القدم عدنان المعيبد أن مقترح رفع الإيقافات قدّم من الاتحاد.",
        "قال وزير الخارجية الأمريكي جون كيري إن الاتفاق النووي سيجعل مصر والمنطقة أكثر أمنا.",
        "وصل مساء أمس إلى مطار الملك خالد في الرياض لاعب وسط نادي القادسية الكويتي سيف الحشان.",
        "تلقى خادم الحرمين الملك سلمان بن عبدالعزيز اتصالا هاتفيا من أمير دولة الكويت.",
    ],
)
def test_leads_stand_on_their_own(text: str) -> None:
    assert not leans_back(text) and not opens_with_quote(text) and not announces(text)


def test_announcements_and_quotes() -> None:
    assert announces("تعتزم غرفة الجوف عقد لقاء مفتوح للمنتسبين والمهتمين بالشأن الصناعي.")
    assert announces("وفي مصر سيلتقي كيري اليوم الأحد مع نظيره المصري سامح شكري في «حوار استراتيجي».")
    assert announces("ومن المقرر أن يناقش الاجتماع الخليجي الأمريكي عدداً من القضايا والملفات المهمة.")
    assert not announces("سيرغي لافروف يلتقي نظيره الأمريكي جون كيري في الدوحة اليوم.")  # a name, not سـ + verb
    assert opens_with_quote("«نتطلع إلى سبل تعزيز التعاون بين البلدين في كل المجالات» قال الوزير.")
    # the verse that heads the interior ministry's execution statements (2015-08-06/07)
    assert opens_with_quote("قال الله تعالى: (( يا أيها الذين آمنوا كتب عليكم القصاص في القتلى الحر بالحر والعبد بالعبد )) الآية.")
    # a match preview in the present tense with «اليوم» (alwatan, 2015-08-07)
    assert announces("يلتقي المنتخب السعودي للشباب لكرة السلة اليوم نظيره الكويتي في أولى مبارياته.")
    assert not announces("يعتقد جوزيه مورينيو مدرب تشيلسي أن فريقه سيواجه منافسة أقوى هذا الموسم.")


@pytest.mark.parametrize(
    "text",
    [
        # 2015-07-21/22: an Ahli storyline opened «من جانب آخر، أكد مروان دفتردار …»
        "من جانب آخر، أكد مروان دفتردار المشرف العام على إدارة الكرة بنادي الأهلي أن ملف المفاوضات أغلق.",
        "من جهة أخرى، استبعد الجهاز الفني لفريق الأهلي عددا من العناصر التي التحقت بالتدريبات.",
        "من ناحية أخرى، استشهد ثلاثة من رجال القوات المسلحة المصرية إثر سقوط قذيفة عشوائية.",
        # three outlets' re-edits of one police statement (2015-07-21) opened with the
        # search that followed the stop
        "وبتفتيش السائق والسيارة عثر بداخلها على عدد 6 سجائر ملفوفة تحتوي على مادة الحشيش المخدرة.",
        "وبحضور شخصيات كثيرة من عالم سباق السيارات، حمل سائقون شبان نعش بيانكي إلى داخل الكاتدرائية.",
    ],
)
def test_other_side_links_lean_back(text: str) -> None:
    assert leans_back(text)


def test_the_furniture_hints_are_in_every_match_of_the_full_patterns() -> None:
    """is_furniture skips its full patterns when a sentence holds none of their hints:
    every alternative of the patterns (as parsed) requires a string that holds one, so
    the answers are the full patterns' (a new alternative without a hint fails here)."""
    from marsad import statements
    from tests.regex_hints import always_holds as _always_holds, parsed

    def has_hint(run: str) -> bool:
        return any(h in run for h in statements._FURNITURE_HINTS)

    pattern = statements._FURNITURE_RE
    assert _always_holds(parsed(pattern), has_hint)
    # the URL pattern's hint is written for these three alternatives (a change to
    # them must change _URL_HINT_RE too)
    assert statements._URL_RE.pattern == r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b\S+\.(?:com|net|org|sa|ae)\b"
    assert statements._URL_HINT_RE.pattern == r"://|www\.|@|\.(?:com|net|org|sa|ae)"
    assert statements._URL_RE.flags == statements._URL_HINT_RE.flags
    # and it can fail: a pattern with one more alternative and no hint
    extra = parsed(re.compile(statements._FURNITURE_RE.pattern + "|نشر\\s+في"))
    assert not _always_holds(extra, has_hint)


def test_furniture_answers_are_the_full_patterns_on_real_sentences() -> None:
    """Every sentence of two days of SaudiNewsNet (and furniture lines made up): the
    same answer as the full patterns alone."""
    import itertools

    from marsad.arabic.normalize import normalize
    from marsad.ingest import IngestError, iter_articles
    from marsad.pipeline import prepare
    from marsad.statements import _FURNITURE_RE, _URL_RE, is_furniture
    from tests.conftest import SAUDINEWSNET

    path = SAUDINEWSNET / "2015-07-23.json"
    if not path.exists():
        pytest.skip("SaudiNewsNet not found")
    texts = [s.text for a in itertools.islice(iter_articles([path]), 400) if not isinstance(a, IngestError) for s in prepare(a).sentences]
    texts += ["تابعونا على تويتر", "اقرأ أيضاً: الخبر", "للمزيد من التفاصيل اضغط هنا", "www.spa.gov.sa", "info@x.com للتواصل",
              "(صور) الأمير يفتتح", "صورة أرشيفية: الوزير", "حمّل تطبيق الصحيفة", "site.COM", "http://t.co/x"]
    furniture = 0
    for text in texts:
        plain = bool(_URL_RE.search(text)) or bool(_FURNITURE_RE.search(normalize(text)))
        assert is_furniture(text) == plain, text
        furniture += plain
    assert furniture >= 12


@pytest.mark.parametrize(
    "text",
    [
        # leads of 2015-07-21/22 whose first word starts with و or ب as a root letter
        "وصلت بعثة الفريق الكروي الأول في النادي الأهلي ظهر أمس إلى مدينة ميلان الإيطالية.",
        "بدأت الخطوط السعودية فحص 40 طائرة من طراز بوينغ 777 استجابة للتحذيرات.",
        "وافق مجلس الوزراء على تنظيم الهيئة العامة للإحصاء في جلسته أمس.",
    ],
)
def test_leads_do_not_lean_back(text: str) -> None:
    assert not leans_back(text)
