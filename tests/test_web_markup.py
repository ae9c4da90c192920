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


def _segments_by_testing_every_span(paragraphs, quotes, mentions, sentences):  # the former quadratic form
    text = "\n".join(paragraphs)
    n = len(text)
    spans = [(int(x["start"]), int(x["end"]), "sentence", i) for i, x in enumerate(sentences) if 0 <= x["start"] < x["end"] <= n]
    spans += [(int(q["start"]), int(q["end"]), "quote", i) for i, q in enumerate(quotes) if 0 <= q["start"] < q["end"] <= n]
    spans += [(int(m["start"]), int(m["end"]), "mention", m.get("entity_id")) for m in mentions if 0 <= m["start"] < m["end"] <= n]
    cuts = sorted({0, n, *(s for s, *_ in spans), *(e for _, e, *_ in spans), *(i for i, c in enumerate(text) if c == "\n"), *(i + 1 for i, c in enumerate(text) if c == "\n")})
    out = [[]]
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a:b]
        if piece == "\n":
            out.append([])
            continue
        if not piece:
            continue
        quote_ids, sentence, mention, entity = [], None, False, None
        for s, e, kind, payload in spans:
            if s <= a and b <= e:
                if kind == "quote":
                    quote_ids.append(payload)
                elif kind == "sentence":
                    sentence = payload
                else:
                    mention = True
                    entity = entity if entity is not None or not payload else payload
        out[-1].append((piece, quote_ids, sentence, mention, entity))
    return out


def test_segments_of_the_seeds_equal_testing_every_span_against_every_piece() -> None:
    """The sweep gives what testing each span against each piece gave, on the seeds'
    real quotes (overlapping, nested), mentions and sentences."""
    from dataclasses import asdict

    from marsad import pipeline
    from marsad.ingest import IngestError, iter_articles
    from tests.conftest import SEEDS

    seed_digest = pipeline.digest([a for a in iter_articles([SEEDS]) if not isinstance(a, IngestError)])

    for article in seed_digest.articles:
        quotes = [asdict(q) for q in seed_digest.quotes if q.article_id == article.id]
        mentions = [asdict(m) for m in seed_digest.mentions if m.article_id == article.id]
        sentences = [asdict(s) for s in article.sentences]
        got = paragraph_segments(article.paragraphs, quotes, mentions, sentences)
        want = _segments_by_testing_every_span(article.paragraphs, quotes, mentions, sentences)
        assert [[(s.text, s.quotes, s.sentence, s.mention, s.entity) for s in p] for p in got] == want
        assert quotes  # real quotes were compared
