"""Pure helpers behind the pages: highlighting segments, sentence anchors, citations."""
from __future__ import annotations

from marsad.web import label
from marsad.web.markup import citation_numbers, citation_targets, paragraph_segments, quotes_by_speaker, sentence_runs

PARAS = ["قال لافروف إن «التنسيق مهم» اليوم. ثم غادر.", "فقرة ثانية."]
TEXT = "\n".join(PARAS)


def test_segments_cover_the_text_exactly_and_mark_quotes_and_names() -> None:
    q0 = TEXT.index("التنسيق")
    quotes = [{"start": q0, "end": q0 + len("التنسيق مهم")}]
    mentions = [{"start": 4, "end": 10, "entity_id": "p1"}, {"start": 500, "end": 600, "entity_id": "x"}]
    paras = paragraph_segments(PARAS, quotes, mentions)
    assert ["".join(s.text for s in p) for p in paras] == PARAS  # nothing lost or changed
    names = [s for p in paras for s in p if s.entity]
    assert [s.text for s in names] == ["لافروف"] and names[0].entity == "p1"
    quoted = "".join(s.text for p in paras for s in p if s.quotes)
    assert quoted == "التنسيق مهم"


def test_sentence_runs_give_each_sentence_one_anchor() -> None:
    first_end = TEXT.index(".") + 1
    second = TEXT.index("ثم")
    sentences = [
        {"start": 0, "end": first_end},
        {"start": second, "end": TEXT.index("غادر.") + 5},
        {"start": len(PARAS[0]) + 1, "end": len(TEXT)},
    ]
    q0 = TEXT.index("التنسيق")
    runs = sentence_runs(paragraph_segments(PARAS, [{"start": q0, "end": q0 + 7}], [], sentences))
    anchors = [r.index for p in runs for r in p if r.anchor]
    assert anchors == [0, 1, 2]
    first = [r for r in runs[0] if r.index == 0]
    assert "".join(s.text for r in first for s in r.segments) == TEXT[:first_end]


def test_citations_and_speakers() -> None:
    facts = [{"id": "f1", "sentences": [{"article_id": "a", "sentence": 3}, {"article_id": "b", "sentence": 0}]}]
    assert citation_targets(facts) == {("f1", "a"): 3, ("f1", "b"): 0}
    assert citation_numbers(["b", "a", "b"]) == {"b": 1, "a": 2}
    groups = quotes_by_speaker([{"speaker": "لافروف", "speaker_entity": "p1"}, {"speaker": "كيري"}, {"speaker": "لافروف"}])
    assert [(g[0], g[1], len(g[2])) for g in groups] == [("لافروف", "p1", 2), ("كيري", None, 1)]


def test_labels() -> None:
    assert label({"title": "عنوان"}) == "عنوان"
    assert label({"paragraphs": ["كلمة " * 40]}).endswith("…")
    # never a file path or an id (issue 18): an untitled, textless article is named by its outlet
    assert label({"path": "../shared/seeds/000_x.txt"}) == "بلا عنوان — مصدر غير معروف"
    assert "000_x" not in label({"path": "../shared/seeds/000_x.txt", "id": "000_x"})
