"""Reported speech on the seed articles: speakers, continuations, roles, descriptions."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.entities.canonical import canonicalize
from marsad.model import Article
from marsad.quotes import extract_quotes, find_quotes
from tests.seed_mentions import SEEDS, hand_mentions, seed_articles

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not found")


@pytest.fixture(scope="module")
def seed_quotes():
    articles = seed_articles()
    entities, mentions = canonicalize(articles, hand_mentions(articles))
    return articles, entities, find_quotes(articles, mentions, entities)


def quote_starting(quotes, article_id, prefix):
    found = [q for q in quotes if q.article_id == article_id and q.text.startswith(prefix)]
    assert len(found) == 1, f"{prefix!r}: {len(found)} quotes"
    return found[0]


def test_offsets_point_into_clean_text(seed_quotes):
    articles, _, quotes = seed_quotes
    texts = {a.id: a.clean_text for a in articles}
    assert quotes
    for q in quotes:
        assert texts[q.article_id][q.start:q.end] == q.text


def test_lavrov_quotes_in_000_with_continuation(seed_quotes):
    _, entities, quotes = seed_quotes
    lavrov = next(e for e in entities if e.name == "سيرغي لافروف")
    first = quote_starting(quotes, "000", "التنسيق مطلوب")
    assert (first.speaker, first.speaker_entity, first.kind) == ("سيرغي لافروف", lavrov.id, "direct")
    # "وأضاف، خلال المؤتمر الصحافي المشترك مع نظيره المنغولي، لونديغ بوريفسورين، حسب
    # وكالة (رويترز) أن "بلاده …"": no subject, the Mongolian minister is not the speaker.
    added = quote_starting(quotes, "000", "بلاده ستواصل")
    assert (added.speaker_entity, added.kind) == (lavrov.id, "direct")
    # "ولفت إلى أن" and "وطالب أن" continue too; "لكن لافروف أقر" names him again.
    for prefix in ("البنتاغون أوقف", "تكون مكافحة", "الطائرات التي أرسلتها"):
        assert quote_starting(quotes, "000", prefix).speaker_entity == lavrov.id


def test_role_phrase_resolves_to_name_in_004(seed_quotes):
    _, _, quotes = seed_quotes
    cook = quote_starting(quotes, "004", "كارتر وشويغو")
    assert cook.speaker == "بيتر كوك" and cook.speaker_entity is not None
    assert quote_starting(quotes, "004", "روسيا مستعدة").speaker == "ديمتري بيسكوف"


def test_role_phrase_resolves_without_ner():
    article = next(a for a in seed_articles() if a.id == "004")
    cook = quote_starting(extract_quotes(article), "004", "كارتر وشويغو")
    assert cook.speaker == "بيتر كوك" and cook.speaker_entity is None


def test_anonymous_sources_stay_descriptions(seed_quotes):
    _, _, quotes = seed_quotes
    two = quote_starting(quotes, "001", "موسكو سترسل")
    assert two.speaker == "مسؤولان غربيان ومصدر روسي" and two.speaker_entity is None
    source = quote_starting(quotes, "000", "هذه الشحنة لن تكون")
    assert source.speaker == "المصدر الروسي المقرب من سلاح البحرية" and source.speaker_entity is None
    assert quote_starting(quotes, "004", "الولايات المتحدة تعتقد").speaker == "مسؤولان أميركيان"


def test_reported_via_names_the_speaker_not_the_channel(seed_quotes):
    _, _, quotes = seed_quotes
    assert quote_starting(quotes, "003", "من المبكر القول").speaker == "فلاديمير بوتين"
    assert quote_starting(quotes, "002", "أبلغنا واشنطن").speaker == "سيرغي لافروف"


def test_speech_verbs_in_quotes_and_adverbial_clauses_are_not_quotes(seed_quotes):
    _, _, quotes = seed_quotes
    # "… «أكد أهمية …»" is inside Cook's quotation; "بدون ان يذكر تفاصيل" is adverbial.
    assert not any(q.text.startswith("أهمية مواصلة") for q in quotes)
    assert not any(q.text.startswith("عن حجم") for q in quotes)


def test_role_alone_resolves_to_the_one_holder():
    articles = seed_articles()
    entities, mentions = canonicalize(articles, hand_mentions(articles))
    quotes = find_quotes(articles, mentions, entities)
    # 002: "قال وزير الخارجية الروسي إن واشنطن رفضت …" (Lavrov is named later in 002).
    assert quote_starting(quotes, "002", "واشنطن رفضت").speaker == "سيرغي لافروف"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("قال وأضاف إن أن «»\"،.:لافروف مسؤول\n") + ["قال ", "إن ", "وأضاف ", "حسب ", "المتحدث باسم ", "عن ", "قوله "]), max_size=120).map("".join))
def test_arbitrary_text_never_raises(text):
    article = Article(id="x", path="x", body=text, paragraphs=text.split("\n"))
    clean = article.clean_text
    for q in extract_quotes(article):
        assert 0 <= q.start < q.end <= len(clean)
        assert clean[q.start:q.end] == q.text
        assert (q.speaker is None or q.speaker.strip()) and q.kind in ("direct", "indirect")  # null: said by someone unnamed


def test_saudinewsnet_sample_quotes_are_well_formed():
    import json

    path = SEEDS.parent / "data" / "saudinewsnet" / "2015-07-21.json"
    if not path.is_file():
        pytest.skip(f"SaudiNewsNet not found at {path}")
    records = json.loads(path.read_text(encoding="utf-8"))[:80]
    articles = [Article(id=str(i), path="x", body=r["content"], paragraphs=r["content"].split("\n"))
                for i, r in enumerate(records)]
    quotes = find_quotes(articles)
    texts = {a.id: a.clean_text for a in articles}
    assert len(quotes) >= 80  # reported speech is most of the news
    for q in quotes:
        assert texts[q.article_id][q.start:q.end] == q.text
        assert q.speaker is None or (q.speaker.strip() and len(q.speaker.split()) <= 12)  # None: not named


def test_feminine_continuation_does_not_inherit_a_man(seed_quotes):
    # 001: "يأتي ذلك فيما أبدت دول غربية قلقها، … وحذرت من أن ذلك …": not Lavrov's words.
    _, _, quotes = seed_quotes
    assert not any(q.text.startswith("ذلك من شأنه") and q.speaker == "سيرغي لافروف" for q in quotes)
    # …but a woman's continuation still inherits her name.
    text = "وقالت المتحدثة ماريا زاخاروفا إن الحوار ممكن. وأضافت أن موسكو منفتحة."
    art = Article(id="z", path="z", body=text, paragraphs=[text])
    from marsad.model import Mention

    start = text.index("ماريا زاخاروفا")
    mentions = [Mention("z", start, start + len("ماريا زاخاروفا"), "ماريا زاخاروفا", "PER")]
    entities, mentions = canonicalize([art], mentions)
    got = find_quotes([art], mentions, entities)
    assert [q.speaker for q in got] == ["ماريا زاخاروفا", "ماريا زاخاروفا"]


def test_object_content_starts_after_the_name_and_time_words(seed_quotes):
    _, _, quotes = seed_quotes
    # 001: "ودعا لافروف الائتلاف الدولي الذي تقوده الولايات المتحدة، إلى التعاون …"
    assert quote_starting(quotes, "001", "الائتلاف الدولي الذي").speaker == "سيرغي لافروف"
    # 002: "واتهم الرئيس الروسي فلاديمير بوتين الثلاثاء واشنطن برفض التعاون …"
    assert quote_starting(quotes, "002", "واشنطن برفض").speaker == "فلاديمير بوتين"


def test_verb_then_participle_passes_its_subject_on():
    text = "وقال الوزير إن الخطة جاهزة. وتابع المشاري قائلا: «الوعود لم تتحقق بعد»."
    art = Article(id="m", path="m", body=text, paragraphs=[text])
    got = extract_quotes(art)
    assert [(q.speaker, q.kind) for q in got] == [("الوزير", "indirect"), ("المشاري", "direct")]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("ويأتي ذلك في وقت قال فيه مسؤول أمني إن الجيش سيتسلم التأمين.", ["مسؤول أمني"]),
        ("قال الوزير إن الخطة جاهزة. ويضيف مستطرداً: «على الغرب ألا يكف».", ["الوزير", "الوزير"]),
        ("وقال المصدر دون أن يكشف المدى الزمني «هناك خطط جديدة».", ["المصدر"]),
    ],
)
def test_words_between_verb_and_subject(text, speakers):
    art = Article(id="w", path="w", body=text, paragraphs=[text])
    assert [q.speaker for q in extract_quotes(art)] == speakers
