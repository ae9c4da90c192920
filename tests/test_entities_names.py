"""Entities on real SaudiNewsNet text: what is a name, and which merges have evidence.

Mentions are placed by hand on the real text (as the tagger produced them on a real
day, mistakes included), so the tests exercise the canonicalizer, not the CRF.
"""
from __future__ import annotations

import json
from functools import lru_cache

import pytest

from marsad.entities.canonical import canonicalize
from marsad.entities.names import extend_to_head, given_names_in_lists, is_not_name, join_adjacent, trim_mention
from marsad.entities.patterns import head_phrases
from marsad.model import Article, Mention
from marsad.pipeline import prepare
from tests.conftest import SAUDINEWSNET

pytestmark = pytest.mark.skipif(not SAUDINEWSNET.is_dir(), reason="SaudiNewsNet not found")


@lru_cache(maxsize=8)
def _day(name: str) -> list[dict]:
    return json.loads((SAUDINEWSNET / name).read_text(encoding="utf-8"))


def record(name: str) -> Article:
    """The SaudiNewsNet record ``FILE.json#N``, cleaned."""
    file, _, index = name.partition("#")
    rec = _day(file)[int(index)]
    return prepare(Article(id=name, path=name, body=rec["content"], title=rec.get("title")))


def mention(article: Article, surface: str, type_: str, nth: int = 0) -> Mention:
    """A mention of the ``nth`` occurrence of ``surface`` in the article's clean text."""
    text = article.clean_text
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(article.id, start, start + len(surface), surface, type_)  # type: ignore[arg-type]


def entity_of(entities, mentions, article_id: str, text: str):
    ids = {m.entity_id for m in mentions if m.article_id == article_id and m.text == text}
    assert len(ids) == 1, f"{text!r} in {ids}"
    return next(e for e in entities if e.id in ids)


# --- what is a name -------------------------------------------------------------------


@pytest.mark.parametrize("word", ["الله", "والله", "اللهِ", "هي", "الأمير", "يوليو", "الجمعة", "ريال", "دولارا", "جنيه"])
def test_words_that_are_never_names_alone(word):
    assert is_not_name(word)


@pytest.mark.parametrize("word", ["جدة", "سلمان", "داعش", "أردوغان", "لافروف"])
def test_names_are_names(word):
    assert not is_not_name(word)


def test_pious_formula_is_no_entity():
    # "الأمير سعود الفيصل وزير الخارجية السابق – رحمه الله -" (the tagger: PER "رحمه الله")
    art = record("2015-07-25.json#64")
    assert trim_mention(mention(art, "رحمه الله", "PER")) == []
    entities, mentions = canonicalize([art], [mention(art, "رحمه الله", "PER"), mention(art, "سعود الفيصل", "PER")])
    assert "سعود الفيصل" in [e.name for e in entities]
    assert not [v for e in entities for v in e.variants if "الله" in v or "رحمه" in v]


@pytest.mark.parametrize(("surface", "type_", "kept"), [
    ("حزب الله", "ORG", "حزب الله"), ("عبد الله", "PER", "عبد الله"), ("هي داعش", "PER", "داعش"),
    ("زميلنا حمد الصغير", "PER", "حمد الصغير"), ("رجب طيب أردوغان", "PER", "رجب طيب أردوغان"),
    ("ريال مدريد", "ORG", "ريال مدريد"), ("للمدرب الأوروجوياني كارينو", "PER", "كارينو"),
])
def test_trim_keeps_the_name(surface, type_, kept):
    found = trim_mention(Mention("a", 5, 5 + len(surface), surface, type_))  # type: ignore[arg-type]
    assert [m.text for m in found] == [kept]
    assert found[0].end - found[0].start == len(kept)


def test_named_after_a_person_is_not_the_person():
    # "بجامعة الملك عبدالعزيز": the tagger's PER عبدالعزيز is the university's name.
    art = record("2015-07-25.json#1419")
    grown = extend_to_head(mention(art, "عبدالعزيز", "PER"), art.clean_text)
    assert (grown.text, grown.type) == ("جامعة الملك عبدالعزيز", "ORG")


def test_place_with_preposition_is_cut_off_a_name():
    # "بكلية الطب بجامعة الملك عبدالعزيز بجدة": the tagger's PER "الملك عبدالعزيز بجدة"
    art = record("2015-07-25.json#1419")
    span = mention(art, "الملك عبدالعزيز بجدة", "PER")
    grown = extend_to_head(span, art.clean_text)
    assert grown.text == "جامعة الملك عبدالعزيز بجدة" and grown.type == "ORG"  # ب stays outside
    pieces = trim_mention(grown, places={"جده"})
    assert [(m.text, m.type) for m in pieces] == [("جامعة الملك عبدالعزيز", "ORG"), ("جدة", "LOC")]
    for m in pieces:
        assert art.clean_text[m.start:m.end] == m.text


def test_pieces_of_one_name_are_joined_but_not_a_list():
    text = "قال حمد بو عميم إن كيري ولافروف اتفقا"
    pieces = [Mention("a", 4, 7, "حمد", "PER"), Mention("a", 11, 15, "عميم", "PER"),
              Mention("a", 19, 23, "كيري", "PER"), Mention("a", 24, 31, "ولافروف", "PER")]
    assert [m.text for m in join_adjacent(pieces, text)] == ["حمد بو عميم", "كيري", "ولافروف"]


# --- which merges have evidence -------------------------------------------------------


def test_alias_between_different_types_is_no_merge():
    # "لتنظيم إرهابي في سوريا يطلق عليه «جند الأقصى»": the cue follows سوريا, but names
    # the organization; before, سوريا became «جند الأقصى» in every article.
    art = record("2015-08-03.json#1156")
    entities, mentions = canonicalize([art], [mention(art, "سوريا", "LOC"), mention(art, "جند الأقصى", "ORG")])
    syria = entity_of(entities, mentions, art.id, "سوريا")
    assert syria.name == "سوريا" and syria.variants == ["سوريا"] and syria.merges == []


def _syria_articles(n: int) -> list[Article]:
    found = []
    for i, rec in enumerate(_day("2015-07-25.json")):
        if "سوريا" in (rec.get("content") or "") and "جند الأقصى" not in rec["content"]:
            found.append(record(f"2015-07-25.json#{i}"))
        if len(found) == n:
            return found
    raise AssertionError("not enough articles naming سوريا")


def test_one_sentence_never_makes_a_well_attested_name_a_variant():
    # Even if the tagger typed both sides LOC, one statement may bind the two mentions
    # it joins, not every سوريا of the digest.
    alias = record("2015-08-03.json#1156")
    others = _syria_articles(6)
    mentions = [mention(alias, "سوريا", "LOC"), mention(alias, "جند الأقصى", "LOC")]
    mentions += [mention(a, "سوريا", "LOC") for a in others]
    entities, out = canonicalize([alias, *others], mentions)
    syria = entity_of(entities, out, others[0].id, "سوريا")
    assert syria.name == "سوريا"
    assert len(syria.article_ids) == 7
    assert all(entity_of(entities, out, a.id, "سوريا") is syria for a in others)


def test_shared_given_name_stays_in_its_article():
    # عبدالعزيز ends several princes' names; alone, in an article naming none of them
    # ("جامعتي أم القرى والملك عبدالعزيز"), it is not any of them (before: the bare
    # عبدالعزيز of every article joined «بدر بن عبدالعزيز»).
    king = record("2015-07-25.json#36")
    princes = record("2015-07-25.json#48")
    alone = record("2015-07-25.json#77")
    mentions = [
        mention(king, "سلمان بن عبدالعزيز", "PER"),
        mention(princes, "بندر بن خالد بن عبدالعزيز", "PER"),
        mention(alone, "عبدالعزيز", "PER"),
    ]
    entities, out = canonicalize([king, princes, alone], mentions, names={})  # the given mentions only, no mined list
    bare = entity_of(entities, out, alone.id, "عبدالعزيز")
    assert bare.name == "عبدالعزيز" and bare.article_ids == [alone.id]
    assert entity_of(entities, out, king.id, "سلمان بن عبدالعزيز").article_ids == [king.id]


def test_short_form_joins_the_full_name_named_in_its_article():
    art = record("2015-07-25.json#36")
    full = mention(art, "سلمان بن عبدالعزيز", "PER")
    other = record("2015-07-25.json#48")
    entities, out = canonicalize([art, other], [
        full, mention(other, "بندر بن خالد بن عبدالعزيز", "PER"), mention(other, "سلمان بن عبدالعزيز", "PER"),
        Mention(art.id, full.start, full.start + 5, "سلمان", "PER"),
    ], names={})  # the list would grow «سلمان بن عبدالعزيز» to the «… آل سعود» written here
    king = entity_of(entities, out, art.id, "سلمان بن عبدالعزيز")
    assert king is entity_of(entities, out, art.id, "سلمان")
    assert [(m.variant, m.why, m.article_ids) for m in king.merges] == [("سلمان", "short_form_in_article", [art.id])]


@pytest.mark.parametrize(("name", "body"), [
    ("2015-07-25.json#75", "هيئة التحقيق والادعاء العام"),  # "وكانت هيئة التحقيق والادعاء العام بدأت الثلاثاء"
    ("2015-07-25.json#854", "وزارة الشؤون الاجتماعية"),  # "فرع وزارة الشؤون الاجتماعية في القصيم"
])
def test_bodies_the_tagger_missed_are_found_by_their_shape(name, body):
    art = record(name)
    found = head_phrases(art.id, art.clean_text, [])
    assert (body, "ORG") in [(m.text, m.type) for m in found]
    for m in found:  # bodies, and events (عيد الفطر: MISC)
        assert art.clean_text[m.start:m.end] == m.text and m.type in ("ORG", "MISC")


def test_a_body_name_runs_through_a_construct_chain_and_a_tagged_complement():
    # "لدى مكتب رعاية الشباب بالمنطقة الشرقية": head + construct noun + definite noun.
    office = record("2015-08-06.json#1928")
    assert "مكتب رعاية الشباب" in [m.text for m in head_phrases(office.id, office.clean_text, [])]
    # "بدول مجلس التعاون لدول الخليج العربية": the tagger tags «الخليج العربية» alone;
    # after a complement with ل it is part of the body's name, and no place of its own.
    gcc = record("2015-08-06.json#1497")
    gulf = mention(gcc, "الخليج العربية", "LOC")
    assert "مجلس التعاون لدول الخليج العربية" in [m.text for m in head_phrases(gcc.id, gcc.clean_text, [gulf])]
    entities, out = canonicalize([gcc], [gulf], names={})
    assert [m.text for m in out if m.start <= gulf.start < m.end] == ["مجلس التعاون لدول الخليج العربية"]


@pytest.mark.parametrize(("name", "written", "body"), [
    ("2015-08-06.json#299", "لإدارة تتولى قيادة النادي", None),  # a verb: no construct chain
    ("2015-08-06.json#1148", "الديوان الملكي الأستاذ فهد العيسى", "الديوان الملكي"),  # a title ends the name
    ("2015-08-06.json#753", "مركز أبحاث مكافحة الجريمة والمديرية العامة", "مركز أبحاث مكافحة الجريمة"),  # a second body
])
def test_a_body_name_stops_before_verbs_titles_and_a_second_body(name, written, body):
    art = record(name)
    at = art.clean_text.index(written)
    found = [m.text for m in head_phrases(art.id, art.clean_text, []) if at <= m.start < at + len(written)]
    assert found == ([body] if body else [])


def test_a_body_found_by_its_shape_stays_in_its_article():
    # وزارة الداخلية is Saudi in one article and Kuwaiti in another: no evidence joins them.
    one, two = record("2015-07-25.json#75"), record("2015-07-25.json#854")
    entities, out = canonicalize([one, two], [])
    names = [(e.name, tuple(e.article_ids)) for e in entities]
    assert ("هيئة التحقيق والادعاء العام", (one.id,)) in names
    assert all(len(ids) == 1 for _, ids in names)


def test_a_club_or_place_is_no_ones_surname():
    # The tagger typed «فريق برشلونة» PER once and a bare برشلونة PER once, but the
    # digest types برشلونة LOC/ORG everywhere else: the bare one is not that «person».
    dateline, club = record("2015-07-25.json#63"), record("2015-07-25.json#1455")
    mentions = [mention(dateline, "برشلونة", "LOC", n) for n in range(3)]
    mentions += [mention(club, "فريق برشلونة", "PER"), mention(club, "برشلونة", "ORG", 1), mention(club, "برشلونة", "PER", 2)]
    entities, out = canonicalize([dateline, club], mentions)
    bare = [m for m in out if m.article_id == club.id and m.text == "برشلونة"]
    person = entity_of(entities, out, club.id, "فريق برشلونة")
    assert bare and all(m.entity_id != person.id for m in bare)
    assert "برشلونة" not in person.variants


def test_a_place_head_typed_org_is_a_body_named_after_it():
    # «الجزيرة» the newspaper (typed ORG) is a name; «الجزيرة» typed LOC alone is the
    # head of a place whose name was cut off ("the island").
    art = record("2015-08-06.json#773")
    jazirah = mention(art, "الجزيرة", "ORG")
    assert [m.text for m in trim_mention(jazirah)] == ["الجزيرة"]
    assert trim_mention(Mention(art.id, jazirah.start, jazirah.end, jazirah.text, "LOC")) == []


@pytest.mark.parametrize(("surface", "type_", "kept"), [
    ("Next Previous أحمد البشيري-الباحة", "PER", [("أحمد البشيري", "PER"), ("الباحة", "LOC")]),  # page furniture, dateline
    ("Stc 635031", "ORG", [("Stc", "ORG")]),  # an SMS number after the operator's name
    ("عبدالعزيز الشيخ", "PER", [("عبدالعزيز الشيخ", "PER")]),  # a title after a given name is a family name
    ("والكولمبي خاييرو بالمينو", "PER", [("خاييرو بالمينو", "PER")]),  # a nationality, with و
    ("فرانس 24", "ORG", [("فرانس 24", "ORG")]),
])
def test_a_name_loses_furniture_numbers_and_nationalities_at_its_edges(surface, type_, kept):
    found = trim_mention(Mention("a", 0, len(surface), surface, type_), places=("الباحه",))
    assert [(m.text, m.type) for m in found] == kept


def test_a_longer_listed_name_written_whole_replaces_the_tagged_piece():
    # «مجلس التعاون لدول الخليج العربية», listed, is written whole where the tagger
    # tagged «الخليج العربية» alone; a mention that runs past the listed name is kept.
    from marsad.entities.name_list import apply_listed, index_names

    art = record("2015-08-06.json#1497")
    gulf = mention(art, "الخليج العربية", "LOC")
    index = index_names({"مجلس التعاون لدول الخليج العربية": "ORG", "التعاون لدول": "ORG"})
    out = apply_listed(art.id, art.clean_text, [gulf], index)
    assert [(m.text, m.type) for m in out] == [("مجلس التعاون لدول الخليج العربية", "ORG")]
    longer = mention(art, "لدول الخليج العربية عبدالله", "ORG")
    assert apply_listed(art.id, art.clean_text, [longer], index) == [longer]


def test_two_full_names_side_by_side_are_two_people_and_a_nasab_is_no_surname():
    from marsad.entities.names import join_adjacent

    text = "استقبل سلمان بن عبدالعزيز حمد بن عيسى آل خليفة و محمد بن راشد آل مكتوم"
    def at(s: str, t: str = "PER") -> Mention:
        i = text.index(s)
        return Mention("a", i, i + len(s), s, t)  # type: ignore[arg-type]
    joined = join_adjacent([at("سلمان بن عبدالعزيز"), at("حمد بن عيسى آل خليفة")], text)
    assert [m.text for m in joined] == ["سلمان بن عبدالعزيز", "حمد بن عيسى آل خليفة"]
    joined = join_adjacent([at("محمد بن راشد"), at("آل مكتوم")], text)
    assert [m.text for m in joined] == ["محمد بن راشد آل مكتوم"]


def test_events_and_feasts_are_found_by_their_shape():
    # "عيد الفطر المبارك" (MISC) the tagger leaves untagged; "مهرجان للتمور" (a dates
    # festival) is a kind of event, no name.
    feast = record("2015-08-06.json#27")
    found = [(m.text, m.type) for m in head_phrases(feast.id, feast.clean_text, [])]
    assert ("عيد الفطر المبارك", "MISC") in found
    festival = record("2015-08-06.json#285")
    at = festival.clean_text.index("مهرجان للتمور")
    assert not [m for m in head_phrases(festival.id, festival.clean_text, []) if m.start == at]


@pytest.mark.parametrize(("name", "tagged", "body"), [
    # untagged: a definite head with the royal adjective, or with an adjective and a لل-complement
    ("2015-07-21.json#707", [], ("الديوان الملكي", "ORG")),
    ("2015-07-25.json#1416", [], ("اللجنة الوطنية للحج والعمرة", "ORG")),
    ("2015-07-21.json#2641", [("السعودية", "LOC")], ("الشركة السعودية للكهرباء", "ORG")),
    # tagged in part: the adjective and the complement the tagger left after the head
    ("2015-07-27.json#1089", [("إدارة الأرصاد", "ORG")], ("إدارة الأرصاد الجوية", "ORG")),
    ("2015-07-21.json#635", [("للمنظمة الدولية", "ORG")], ("المنظمة الدولية للهجرة", "ORG")),
    # a head before the tagged name, and a centre's purpose
    ("2015-07-21.json#2316", [("الأمير سلمان لتنمية", "PER")], ("مركز الأمير سلمان لتنمية الشباب", "ORG")),
    ("2015-07-25.json#1072", [("القصيم", "LOC")], ("شرطة منطقة القصيم", "ORG")),
    # an event named after a person, with its complement; not a time after a cup
    ("2015-07-21.json#2313", [("عبداللطيف جميل", "PER")], ("دوري عبداللطيف جميل للمحترفين", "MISC")),
    ("2015-07-27.json#314", [("الجزائر", "LOC")], ("كأس الجزائر", "MISC")),
    # not bodies: an actor and the object of its verbal noun, a presidency, a district
    ("2015-07-27.json#926", [], None),
    ("2015-07-26.json#1337", [("حزب الله", "ORG")], ("حزب الله", "ORG")),
    ("2015-07-26.json#1017", [("أحمد عيد", "PER")], ("أحمد عيد", "PER")),
    ("2015-07-27.json#925", [("الشيخ زويد", "LOC")], ("الشيخ زويد", "LOC")),
])
def test_a_body_name_takes_its_adjectives_complement_and_purpose(name, tagged, body):
    """Bodies the tagger missed or cut, on the tune articles (2015-07-21…27): «للديوان
    الملكي» had lost «الملكي» (it introduces a prince), «اللجنة الوطنية للحج» was the
    Yemeni governorate لحج; «الشرطة الإسرائيلية للعشرات» («arrested dozens»), «دعم حزب
    الله للنظام السوري», «رئاسة أحمد عيد» and the district «مركز الشيخ زويد» are none."""
    art = record(name)
    placed = [mention(art, surface, type_) for surface, type_ in tagged]
    # «الأمير سلمان لتنمية»: the tagged word is the middle one
    placed = [_tagged_word(m) if m.text.count(" ") == 2 else m for m in placed]
    entities, _ = canonicalize([art], placed, names={})
    found = {(e.name, e.type) for e in entities}
    if body is not None:
        assert body in found
    assert not any(n.endswith(("للعشرات", "للنظام السوري", "للمرة")) or n.startswith(("رئاسة", "مركز الشيخ")) for n, _ in found)


def _tagged_word(m: Mention) -> Mention:
    """The middle word of a three-word placement (title, name, next word) as the mention."""
    first, word, _ = m.text.split(" ")
    start = m.start + len(first) + 1
    return Mention(m.article_id, start, start + len(word), word, m.type)


def test_a_given_name_the_tagger_left_out_of_a_list_of_people_is_taken():
    """«…، مريم أحمد آل حمادة، هنادي …» (2015-07-21, a jury of women): the tagger knows the
    father's and family names, not the woman's given name; in a list of people the
    word that opens the item is hers. «وتنفيذ عبدالرحمن الزهراني، وإخراج فارس الشهري»
    (2015-07-27, credits) lists people too, but «إخراج» is a verbal noun."""
    jury = record("2015-07-21.json#2219")
    placed = [mention(jury, "نسرين عبدالرحمن آل فريج", "PER"), mention(jury, "أحمد آل حمادة", "PER")]
    grown = given_names_in_lists(placed, jury.clean_text)
    assert [m.text for m in grown] == ["نسرين عبدالرحمن آل فريج", "مريم أحمد آل حمادة"]
    assert jury.clean_text[grown[1].start:grown[1].end] == grown[1].text
    credits = record("2015-07-27.json#62")
    placed = [mention(credits, "عبدالرحمن الزهراني", "PER"), mention(credits, "فارس الشهري", "PER")]
    assert given_names_in_lists(placed, credits.clean_text) == placed


def test_a_listed_name_opening_with_a_verb_gives_no_given_name_and_germany_has_its_adjective():
    """The mined list holds «ويخرجه كريس مكجواير» ("directed by …"): its first word is no
    given name to grow a listed person over; ألمانيا is no ال + مانيا, so الألمانية is a
    country's adjective (صحيفة بيلد [الألمانية] is بيلد's paper, not its name)."""
    from marsad.entities.names import demonyms

    text = "حازم الحديدي ، ويخرجه محمد مراد ، قالت"
    at = text.index("محمد")
    placed = [Mention("a", 0, 12, text[:12], "PER"), Mention("a", at, at + 9, "محمد مراد", "PER")]  # type: ignore[arg-type]
    assert given_names_in_lists(placed, text, {"ويخرجه"}) == placed
    assert {"الالمانيه", "الالماني", "الجزايري"} <= demonyms()
