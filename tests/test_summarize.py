"""Facts, corroboration, cited summaries and coverage on the real seeds and SaudiNewsNet.

The seeds are one storyline (five outlets); 000 and 001 re-edit one Reuters text, so
the text-reuse link between them is given here as the reuse stage reports such a pair
(a hand-built ``Reuse`` record over the real articles), and the tests check that the
press-conference facts then count once.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from marsad.ingest import IngestError, iter_articles
from marsad.model import Article, Reuse, Storyline
from marsad.pipeline import Options, digest, prepare
from marsad.summarize import presentable
from marsad.summarize import (
    SummaryOptions,
    content_tokens,
    independent_groups,
    is_continuation,
    summarize,
    trim_attribution,
)
from tests.conftest import SAUDINEWSNET, SEEDS


def _overlap(a: str, b: str) -> float:
    """Overlap coefficient of two sentences' content words (independent of IDF)."""
    x, y = set(content_tokens(a)), set(content_tokens(b))
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    articles = [prepare(a) for a in iter_articles([SEEDS]) if not isinstance(a, IngestError)]
    return {Path(a.path).name[:3]: a for a in articles}


@pytest.fixture(scope="module")
def storyline(seeds: dict[str, Article]) -> Storyline:
    return Storyline(id="seeds", title="Russia, Syria and the US", article_ids=[a.id for a in seeds.values()])


@pytest.fixture(scope="module")
def agency_copy(seeds: dict[str, Article]) -> Reuse:
    """000 and 001 re-edit the same Reuters copy (see DESIGN.md)."""
    return Reuse(a=seeds["000"].id, b=seeds["001"].id, containment_a=0.6, containment_b=0.8)


@pytest.fixture(scope="module")
def result(seeds, storyline, agency_copy):
    return summarize(list(seeds.values()), [storyline], [agency_copy], SummaryOptions(words=120))


def _fact_with(result, article: Article, phrase: str):
    """The fact that holds the sentence of ``article`` containing ``phrase``."""
    index = next(i for i, s in enumerate(article.sentences) if phrase in s.text)
    return next(f for f in result.facts if any(m.article_id == article.id and m.sentence == index for m in f.sentences))


def test_summary_fills_the_budget_with_real_cited_sentences(result, seeds) -> None:
    by_id = {a.id: a for a in seeds.values()}
    assert result.summary, "the seed storyline has a summary"
    words = sum(len(s.text.split()) for s in result.summary)
    assert 60 <= words <= 120
    facts = {f.id: f for f in result.facts}
    for sentence in result.summary:
        fact = facts[sentence.fact_id]
        # extractive: the text is (the head of) a real sentence of the cited article
        origin = by_id[fact.article_id]
        real = origin.clean_text[fact.start:fact.end]
        assert real.startswith(sentence.text.rstrip(".")[:-1]) and fact.article_id in sentence.sources
        # every cited source states it: it holds a member sentence restating it
        for source in sentence.sources:
            members = [m.sentence for m in fact.sentences if m.article_id == source]
            assert members, (source, sentence.text)
            best = max(_overlap(sentence.text, by_id[source].sentences[i].text) for i in members)
            assert best >= 0.5, (source, sentence.text)
        assert sentence.outlets == len(fact.outlets) and 1 <= sentence.independent <= sentence.outlets


def test_press_conference_facts_cite_000_and_001_as_one_independent_report(result, seeds) -> None:
    a0, a1 = seeds["000"], seeds["001"]
    for phrase in ("ستواصل تزويد", "أوقف التعاون", "أعضاء الائتلاف", "الطائرات التي أرسلتها روسيا"):
        fact = _fact_with(result, a0, phrase)
        assert {a0.id, a1.id} <= set(fact.sources), phrase
        assert any(phrase.split()[-1] in a1.sentences[m.sentence].text for m in fact.sentences if m.article_id == a1.id)
        assert len(fact.outlets) == 2 and fact.independent == 1, phrase


def test_without_the_reuse_link_the_same_facts_count_twice(seeds, storyline) -> None:
    alone = summarize(list(seeds.values()), [storyline], [], SummaryOptions())
    fact = _fact_with(alone, seeds["000"], "ستواصل تزويد")
    assert fact.independent == 2


def test_unrelated_events_are_not_merged_into_one_fact(result, seeds) -> None:
    # 003 (Kerry–Lavrov call) and 004 (Carter–Shoigu call) are different events
    a3, a4 = seeds["003"].id, seeds["004"].id
    assert not [f for f in result.facts if a3 in f.sources and a4 in f.sources]


def test_single_outlet_facts_are_that_outlets_unique_facts(result, seeds) -> None:
    coverage = {c.outlet: set(c.unique_facts) for c in result.coverage}
    assert len(coverage) == 5  # five outlets (three are named by article id: no metadata)
    for fact in result.facts:
        if not presentable(fact.text, SummaryOptions().min_words):
            continue  # a fragment or caption is nobody's unique fact (see the coverage test below)
        for outlet, unique in coverage.items():
            assert (fact.text in unique) == (fact.outlets == [outlet]), (outlet, fact.text)
    assert all(coverage.values())  # every seed outlet reported something nobody else did


def test_no_two_summary_sentences_say_the_same_thing(result) -> None:
    facts = [s.fact_id for s in result.summary]
    assert len(set(facts)) == len(facts)
    for i, a in enumerate(result.summary):
        for b in result.summary[i + 1:]:
            assert _overlap(a.text, b.text) < 0.5, (a.text, b.text)


def test_summary_spans_the_storyline_and_follows_time(result, seeds) -> None:
    cited = {source for s in result.summary for source in s.sources}
    assert len(cited) >= 3  # not one article's lead paraphrased
    dates = [min((d for d in ({a.id: a for a in seeds.values()}[x].published for x in s.sources) if d), default="9999") for s in result.summary]
    assert dates[1:] == sorted(dates[1:])  # the core happening first, then by time


def test_word_budget_is_respected(seeds, storyline, agency_copy) -> None:
    short = summarize(list(seeds.values()), [storyline], [agency_copy], SummaryOptions(words=50))
    assert short.summary and sum(len(s.text.split()) for s in short.summary) <= 50


@pytest.fixture(scope="module")
def seed_digest(seeds):
    return digest(list(seeds.values()), Options(summary_words=80))


def test_pipeline_summarizes_only_what_the_stories_stage_grouped(seed_digest, seeds) -> None:
    result = seed_digest
    if result.storylines:
        assert result.summary and result.facts
        ids = {s.id for s in result.storylines}
        assert all(s.storyline_id in ids for s in result.summary)
        assert sum(len(s.text.split()) for s in result.summary if s.storyline_id == result.summary[0].storyline_id) <= 80
        if any({r.a, r.b} == {seeds["000"].id, seeds["001"].id} for r in result.reuse):
            # with the reuse stage's own 000–001 link, the agency facts count once
            fact = _fact_with(result, seeds["000"], "ستواصل تزويد")
            assert {seeds["000"].id, seeds["001"].id} <= set(fact.sources) and fact.independent == 1
    else:
        assert not result.summary and not result.coverage and not result.facts


def test_reports_show_the_outlet_by_fact_table(seeds, storyline, result) -> None:
    from marsad.model import Digest
    from marsad.report.html import render_html
    from marsad.report.markdown import render_markdown

    shown = Digest(articles=list(seeds.values()), storylines=[storyline], summary=result.summary,
                   coverage=result.coverage, facts=result.facts)
    markdown = render_markdown(shown)
    assert "Coverage by outlet" in markdown
    press = _fact_with(result, seeds["000"], "ستواصل تزويد")
    row = next(line for line in markdown.splitlines() if line.startswith("| " + press.text[:40]))
    assert row.count("✓") == 2 and row.count("·") == 3
    html = render_html(shown)
    assert html.count('class="yes"') >= 2 + 5  # a shared fact, and one unique fact per outlet


def test_attribution_tail_is_trimmed_only_when_safe() -> None:
    text = "وقالت الوزارة إن الطيران الروسي قصف أربعين هدفا في سوريا خلال يوم واحد، حسبما ذكرت وسائل إعلام رسمية."
    assert trim_attribution(text) == "وقالت الوزارة إن الطيران الروسي قصف أربعين هدفا في سوريا خلال يوم واحد."
    agency = "ستواصل موسكو تزويد الحكومة السورية بالسلاح لمساعدة قواتها المسلحة، حسب وكالة رويترز."
    assert trim_attribution(agency).endswith("المسلحة.")
    # whose claim it is stays: a person, a party, "in its words"
    for tail in ("، حسبما قال المتحدث باسم المجموعة.", "، حسبما أكدت كييف أمس.", "، وفق تعبيرها."):
        claimed = "سيطر المقاتلون على مقر التلفزيون وقواعد للجيش وقوات الأمن في معارك عنيفة" + tail
        assert trim_attribution(claimed) == claimed
    short = "قصف أربعين هدفا، حسب رويترز."
    assert trim_attribution(short) == short  # too little would be left
    plain = "وقال المسؤولان الغربيان إن القوات الروسية هي التي ستشغل النظام."
    assert trim_attribution(plain) == plain


def test_continuations_are_recognised() -> None:
    assert is_continuation("وأضاف، خلال المؤتمر الصحافي، أن بلاده ستواصل")
    assert is_continuation('وتابع "نتطلع إلى سبل"')
    assert not is_continuation("قال وزير الخارجية الروسي سيرجي لافروف إن بلاده ستواصل")


def test_independent_groups_merge_reuse_chains_above_the_containment_floor() -> None:
    links = [Reuse("a", "b", 0.5, 0.4), Reuse("b", "c", 0.3, 0.2), Reuse("d", "e", 0.05, 0.1)]
    groups = independent_groups(["a", "b", "c", "d", "e"], links, min_containment=0.2)
    assert groups["a"] == groups["b"] == groups["c"]
    assert len({groups["a"], groups["d"], groups["e"]}) == 3
    same_outlet = independent_groups(["d", "e", "f"], [], outlets={"d": "okaz", "e": "okaz", "f": None})
    assert same_outlet["d"] == same_outlet["e"] != same_outlet["f"]


def _same_title_events(path: Path, limit: int) -> list[list[dict]]:
    """Real multi-outlet events: SaudiNewsNet records of one day that share a title
    across outlets (grouped by title only, independently of marsad)."""
    records = json.loads(path.read_text(encoding="utf-8"))
    groups: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        groups[" ".join(record["title"].split())].append(record)
    events = [g for g in groups.values() if len({r["source"] for r in g}) >= 2]
    return events[:limit]


def test_multi_outlet_saudinewsnet_events_get_cited_summaries() -> None:
    day = SAUDINEWSNET / "2015-07-21.json"
    if not day.exists():
        pytest.skip(f"SaudiNewsNet not found at {day}")
    from marsad.ingest.article import build_article

    checked = 0
    for n, event in enumerate(_same_title_events(day, 8)):
        articles = [
            prepare(build_article(f"{day.name}#{k}", r["content"], title=r["title"], outlet=r["source"], url=r["url"]))
            for k, r in enumerate(event)
        ]
        # identical copies share an id (one article, as in the pipeline)
        articles = list({a.id: a for a in articles if a.sentences}.values())
        if len({a.outlet for a in articles}) < 2:
            continue
        story = Storyline(id=f"e{n}", title=event[0]["title"], article_ids=[a.id for a in articles])
        found = summarize(articles, [story], [], SummaryOptions(words=80))
        by_id = {a.id: a for a in articles}
        assert found.summary, event[0]["title"]
        assert sum(len(s.text.split()) for s in found.summary) <= 80
        for sentence in found.summary:
            assert any(sentence.text.rstrip(".")[:-1] in by_id[a].clean_text for a in sentence.sources)
        # the same story told by several outlets yields facts that several outlets state
        assert any(len(f.outlets) >= 2 for f in found.facts), event[0]["title"]
        assert all(1 <= f.independent <= len(f.outlets) for f in found.facts)
        checked += 1
    assert checked >= 5


# --- what happened, first; no furniture; no "who?" (issue 15) ------------------------------

from marsad.model import Quote  # noqa: E402

_LEAD = "أعلنت وزارة الداخلية السعودية أمس مقتل 15 شخصا في تفجير انتحاري استهدف مسجدا لقوات الطوارئ في مدينة أبها."
_STORY = {
    "a": [
        _LEAD,
        "بعد ذلك تناول الجميع وجبة الغداء على مائدة سموه في قصر الإمارة بالمنطقة.",
        "وأكد سموه أن الدولة ماضية في مواجهة الإرهاب بكل حزم وأن الجناة لن يفلتوا من العقاب.",
        "رابط الخبر بصحيفة الوئام: مقتل 15 شخصا في تفجير مسجد قوات الطوارئ بأبها",
    ],
    "b": [
        "قتل 15 شخصا في تفجير انتحاري استهدف مسجدا لقوات الطوارئ في مدينة أبها جنوب المملكة أمس الخميس.",
        "وقال المتحدث الأمني باسم وزارة الداخلية إن الانتحاري فجر نفسه أثناء أداء المصلين صلاة الظهر في المسجد.",
        "وزار أمير منطقة عسير المصابين في مستشفى عسير المركزي واطمأن على حالتهم الصحية ووجه بتقديم الرعاية.",
    ],
    "c": [
        "استهدف تفجير انتحاري مسجدا لقوات الطوارئ في مدينة أبها ما أسفر عن مقتل 15 شخصا بحسب وزارة الداخلية.",
        "وتبنى تنظيم داعش الهجوم في بيان نشر على مواقع التواصل الاجتماعي بعد ساعات من التفجير في أبها.",
        "وتشهد المملكة منذ أشهر سلسلة هجمات على مساجد في المنطقة الشرقية تبناها التنظيم نفسه.",
    ],
}


def _story_articles() -> list[Article]:
    out = []
    for key, sentences in _STORY.items():
        article = prepare(Article(id=key, path=key, body="\n".join(sentences), outlet=f"outlet-{key}", published="2015-08-07"))
        out.append(article)
    return out


def test_summary_opens_with_the_happening_most_outlets_lead_with() -> None:
    articles = _story_articles()
    story = Storyline(id="s", title="t", article_ids=[a.id for a in articles])
    found = summarize(articles, [story], [], SummaryOptions(words=80))
    first = found.summary[0]
    assert "15" in first.text and "أبها" in first.text
    assert len(first.sources) == 3 and first.outlets == 3


def test_no_furniture_and_no_unnamed_title_pronoun_reaches_a_summary() -> None:
    articles = _story_articles()
    story = Storyline(id="s", title="t", article_ids=[a.id for a in articles])
    found = summarize(articles, [story], [], SummaryOptions(words=200))
    texts = [s.text for s in found.summary]
    assert not any("رابط الخبر" in t for t in texts)
    assert not any("وأكد سموه" in t for t in texts)  # nobody named: not chosen
    # …unless the quotes stage named the speaker: then the name is shown
    a = articles[0]
    sentence = next(s for s in a.sentences if "وأكد سموه" in s.text)
    quote = Quote("الأمير فيصل بن خالد", None, "أن الدولة ماضية", "indirect", a.id, sentence.start + 10, sentence.end)
    named = summarize(articles, [story], [], SummaryOptions(words=200), quotes=[quote])
    assert any("سموه [الأمير فيصل بن خالد]" in s.text for s in named.summary)


@pytest.mark.parametrize(
    "text",
    [
        "رابط الخبر بصحيفة الوئام: الأمير محمد بن سلمان يجري اتصالاً هاتفياً بملك الأردن",
        "يذكر أن خدمة تواصل تستقبل جميع طلبات المستفيدين عبر الموقع التالي: http://Tawasul.moe.gov.sa.",
        "اقرأ أيضا: وزارة الداخلية تعلن أسماء المطلوبين في قضايا إرهابية جديدة",
        ".. وهنا أثناء اطلاعه على سير العمل في المشروع الجديد بالمنطقة",
        "سمات ابها الدفاع المدني العقيد محمد عبدالرحيم العاصمي عسير",
        # one line of a numbered list of the Abha bombing's victims (alriyadh, 2015-08-09)
        "4- العريف مفرح علي أحمد آل أبو مرعي عسيري.",
        # a numbered point with a verb is still one point of a list whose heading the
        # summary does not show (a summary sentence of 2015-08-08/09)
        "4 - لا تقرأ في فراشك، استخدم غرفة أخرى للقراءة بدلا من غرفة النوم.",
    ],
)
def test_furniture_and_fragments_are_not_presentable(text) -> None:
    assert not presentable(text, 8)
    assert presentable(_LEAD, 8)


def _records(*names: str) -> list[Article]:
    """SaudiNewsNet records ``DAY.json#N`` prepared as the pipeline prepares them."""
    from marsad.ingest.article import build_article

    out = []
    for name in names:
        day, _, n = name.partition("#")
        path = SAUDINEWSNET / day
        if not path.exists():
            pytest.skip(f"SaudiNewsNet not found at {path}")
        record = json.loads(path.read_text(encoding="utf-8"))[int(n)]
        out.append(prepare(build_article(name, record["content"], title=record["title"], outlet=record["source"], url=record["url"])))
    return out


@pytest.mark.parametrize(
    "names, opening, not_opening",
    [
        # okaz and alriyadh on the Guantanamo video calls (2015-08-03): «وتأتي هذه الخدمة …»
        # (background pointing back) was the opening; the happening is the calls' start
        (("2015-08-03.json#1245", "2015-08-03.json#583"), "انطلقت المرحلة السادسة والعشرون", "وتأتي هذه الخدمة"),
        # alriyadh and alwatan on the squash team (2015-08-03): «أوضح ذلك …» was the opening
        # (the happening in either outlet's words: «وافق … على مشاركة منتخب المملكة»,
        # «يشارك منتخب المملكة للاسكواش في البطولة العربية»)
        (("2015-08-03.json#731", "2015-08-03.json#860"), "منتخب المملكة", "أوضح ذلك"),
        # sabq and aljazirah on Jouf's industrial land (2015-08-02/03): a preview of a
        # meeting («تعتزم الغرفة عقد لقاء») was the opening; aljazirah's headline is the
        # start of land applications
        (("2015-08-02.json#1257", "2015-08-03.json#371"), "استقبال طلبات الاراضي", "تعتزم"),
        # alweeam, okaz and sabq re-edit one police statement (2015-07-21): «وبتفتيش السائق
        # …», the second sentence all three copy, opened; the happening is the seizure
        (("2015-07-21.json#1558", "2015-07-21.json#2605", "2015-07-21.json#2648"), "ضبط", "وبتفتيش"),
        # OFID (2015-07-21/22): three outlets lead «يرأس وزير المالية … وفد المملكة», grouped
        # with a fourth's «وقال العساف "…"», which stood for the fact and cannot open; the
        # opening was the minister's interview with one paper
        (
            ("2015-07-21.json#766", "2015-07-21.json#2452", "2015-07-22.json#144", "2015-07-22.json#1011"),
            "وفد المملكة",
            "أبلغ",
        ),
    ],
)
def test_real_storylines_open_with_their_happening(names, opening, not_opening) -> None:
    articles = _records(*names)
    story = Storyline(id="s", title="t", article_ids=[a.id for a in articles])
    first = summarize(articles, [story], [], SummaryOptions()).summary[0].text
    assert opening in first and not first.startswith(not_opening), first


def test_coverage_lists_only_what_a_summary_could_show() -> None:
    articles = _story_articles()
    story = Storyline(id="s", title="t", article_ids=[a.id for a in articles])
    found = summarize(articles, [story], [], SummaryOptions(words=80))
    unique = [t for c in found.coverage for t in c.unique_facts]
    assert unique and all(presentable(t, 8) for t in unique)
    assert not any("رابط الخبر" in t or "وأكد سموه" in t for t in unique)


@pytest.mark.parametrize(
    "names, restated",
    [
        # FAO's food price index (2015-08-08): alwatan's and alriyadh's «هبطت أسعار الغذاء
        # العالمية في يوليو لأدنى مستوياتها» and aljazirah's «سجلت أسعار السلع الغذائية …
        # أدنى متوسط شهري» — one development, two outlets' leads
        (("2015-08-08.json#672", "2015-08-08.json#316", "2015-08-08.json#972"), ("هبطت", "سجلت أسعار السلع")),
        # Jon Stewart's last show (2015-08-08): «قدم … آخر حلقة له» and «كانت ليلة الخميس
        # هي آخر ليالي …»
        (("2015-08-08.json#248", "2015-08-08.json#92", "2015-08-08.json#63"), ("آخر حلقة له", "آخر ليالي")),
    ],
)
def test_paraphrased_leads_of_two_outlets_are_one_summary_sentence(names, restated) -> None:
    articles = _records(*names)
    story = Storyline(id="s", title="t", article_ids=[a.id for a in articles])
    texts = [s.text for s in summarize(articles, [story], [], SummaryOptions()).summary]
    assert sum(1 for t in texts if any(phrase in t for phrase in restated)) == 1, texts
