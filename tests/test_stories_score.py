"""The learned pair score, corpus-fitted term weights, recurring series and stable
groupings — on labelled SaudiNewsNet pairs and real days."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from marsad import pipeline
from marsad.ingest import iter_articles
from marsad.model import Article, Event, Storyline
from marsad.stories import EVENT, STORYLINE, StoryContext, build_stories
from marsad.stories.batch import with_corpus_idf
from marsad.stories.evaluate import stability
from marsad.stories.idf import corpus_idf, load_idf
from marsad.stories.pairs_eval import GoldPair, read_gold_pairs, read_parts
from marsad.stories.recurring import is_recurring, is_series_title
from marsad.stories.similarity import FEATURES, Profiles, build_profiles, load_scorings, pair_scores
from tests.conftest import SAUDINEWSNET

DEV = Path(__file__).resolve().parents[1] / "eval" / "dev"


def _day(name: str, limit: int) -> list[Article]:
    path = SAUDINEWSNET / name
    if not path.exists():
        pytest.skip("SaudiNewsNet not found")
    out = []
    for item in iter_articles([path]):
        if isinstance(item, Article):
            out.append(pipeline.prepare(item))
        if len(out) >= limit:
            break
    return out


def _records(refs: set[str]) -> dict[str, Article]:
    """Prepared SaudiNewsNet articles for ``FILE.json#N`` references."""
    by_file: dict[str, set[int]] = {}
    for ref in refs:
        name, number = ref.split("#")
        by_file.setdefault(name, set()).add(int(number))
    found: dict[str, Article] = {}
    for name, numbers in by_file.items():
        path = SAUDINEWSNET / name
        if not path.exists():
            pytest.skip("SaudiNewsNet not found")
        records = json.loads(path.read_text(encoding="utf-8"))
        for number in numbers:
            record = records[number]
            from marsad.ingest.jsonfile import record_to_article

            article = record_to_article(record, f"{path}#{number}")
            if isinstance(article, Article):
                found[f"{name}#{number}"] = pipeline.prepare(article)
    return found


def _tune_pairs() -> tuple[list[GoldPair], Profiles, StoryContext, np.ndarray, np.ndarray]:
    """The labelled tune pairs (same event, same story, same topic) whose records are
    found, profiled together text only (no NER, no reuse): ``(gold, profiles, context,
    left rows, right rows)``."""
    if not (DEV / "pairs_gold.jsonl").exists():
        pytest.skip("labelled pairs not found")
    gold = [g for g in read_gold_pairs([DEV / "pairs_gold.jsonl"], read_parts(DEV / "pairs_sample.jsonl")) if g.part == "tune"]
    gold = [g for g in gold if g.label in ("SAME_EVENT", "SAME_STORY", "SAME_TOPIC")]
    articles = _records({r for g in gold for r in (g.a, g.b)})
    gold = [g for g in gold if g.a in articles and g.b in articles]
    refs = sorted(articles)
    row = {r: k for k, r in enumerate(refs)}
    chosen = [articles[r] for r in refs]
    context = with_corpus_idf(chosen, StoryContext())
    profiles = build_profiles(chosen, context)
    return gold, profiles, context, np.array([row[g.a] for g in gold]), np.array([row[g.b] for g in gold])


def test_learned_score_separates_same_event_from_same_topic() -> None:
    """On the labelled tune pairs (text only: no NER, no reuse), the event score ranks
    same-event pairs above same-topic ones (AUC), and the storyline score ranks
    same-storyline pairs above same-topic ones."""
    gold, profiles, context, left, right = _tune_pairs()
    event, story = pair_scores(profiles, left, right, context, (EVENT, STORYLINE))
    from sklearn.metrics import roc_auc_score

    topic = np.array([g.label == "SAME_TOPIC" for g in gold])
    same_event = np.array([g.label == "SAME_EVENT" for g in gold])
    assert same_event.sum() >= 20 and topic.sum() >= 40
    assert roc_auc_score(same_event[same_event | topic], event[same_event | topic]) >= 0.85
    assert roc_auc_score(~topic, story) >= 0.8
    assert np.median(event[topic]) < 0.35 <= np.median(event[same_event])


def test_pair_model_weights_conflicts_against_a_merge() -> None:
    """The shipped model: text, headlines and reuse count for a merge; conflicting
    specifics and a shared outlet (templates) count against it."""
    weights = {level: dict(zip(FEATURES, s.weights)) for level, s in load_scorings().items()}
    for level in ("event", "storyline"):
        assert weights[level]["terms"] > 0 and weights[level]["lede"] > 0
        assert weights[level]["entities_conflict"] < 0 and weights[level]["places_conflict"] < 0
        assert weights[level]["same_outlet"] < 0
    assert weights["event"]["reuse"] > 0


def test_corpus_idf_discounts_what_the_corpus_repeats() -> None:
    background = load_idf()
    boiler = "حقوق النشر محفوظة لصحيفة المرصد الإلكترونية"
    documents = [(None, f"خبر رقم {i} عن موضوع مختلف. {boiler}") for i in range(300)]
    fitted = corpus_idf(documents, background)
    from marsad.stories.analyze import analyze

    term = analyze(None, "المرصد").terms[0]
    assert fitted.of([term])[0] < background.of([term])[0] - 0.5
    rare_elsewhere = analyze(None, "بوريفسورين").terms[0]
    assert fitted.of([rare_elsewhere])[0] == pytest.approx(background.of([rare_elsewhere])[0], abs=0.05)


def test_series_titles() -> None:
    assert is_series_title("الذهب يتراجع إلى أدنى مستوى له في 5 سنوات ونصف")
    assert is_series_title("الأسهم السعودية تختتم تداولات الأسبوع على انخفاض بـ 136 نقطة")
    assert is_series_title("هطول أمطار رعدية على مناطق عسير والباحة وجازان")
    assert not is_series_title("استشهاد جندي بعد إصابته بمقذوف بقطاع جيزان")
    assert not is_series_title("خادم الحرمين يعقد جلسة مباحثات مع رئيس النيجر")


def test_one_outlets_run_of_events_is_a_series() -> None:
    headlines = {f"a{i}": ("okaz", f"آل فلان يحتفلون بزفاف ابنهم {i}") for i in range(4)}
    headlines.update({f"b{i}": (outlet, "تفجير في مسجد") for i, outlet in enumerate(["sabq", "okaz", "alriyadh"])})
    events = {f"e{i}": Event(f"e{i}", "t", None, [f"a{i}"], outlets=["okaz"]) for i in range(4)}
    events["eb"] = Event("eb", "t", None, ["b0", "b1", "b2"], outlets=["alriyadh", "okaz", "sabq"])
    notices = Storyline("s1", "t", [f"e{i}" for i in range(4)], [f"a{i}" for i in range(4)])
    story = Storyline("s2", "t", ["eb"], ["b0", "b1", "b2"])
    assert is_recurring(notices, events, headlines)
    assert not is_recurring(story, events, headlines)


def test_recurring_series_rank_after_stories_on_a_real_day() -> None:
    articles = _day("2015-08-06.json", 700)
    _, storylines = build_stories(articles)
    flags = [s.recurring for s in storylines]
    assert any(flags) and not flags[0]
    assert flags == sorted(flags)  # stories first, series after
    series_titles = [s.title for s in storylines if s.recurring]
    assert any(is_series_title(t) for t in series_titles)


def test_adding_a_later_day_keeps_the_first_days_events() -> None:
    """BCubed of the first day's events digested alone against the same articles'
    events in a digest with the next day added."""
    first = _day("2015-08-06.json", 500)
    second = _day("2015-08-07.json", 500)
    alone, _ = build_stories(first)
    both, _ = build_stories(first + second)
    scores = stability([e.article_ids for e in alone], [e.article_ids for e in both])
    assert scores.f1 >= 0.95


def test_meaning_channel_ranks_same_story_above_same_topic_better_than_shared_words() -> None:
    """The stem-vector channel (``semantic``) sees independent reports of one story in
    each outlet's own words: on the labelled tune pairs it separates same-storyline
    pairs from same-topic ones, and better than the TF-IDF cosine of the terms."""
    from marsad.stories.semantic import load_semantic
    from marsad.stories.similarity import pair_channels

    if load_semantic() is None:
        pytest.skip("no packaged story vectors")
    gold, profiles, _, left, right = _tune_pairs()
    channels = pair_channels(profiles, left, right)
    from sklearn.metrics import roc_auc_score

    story = np.array([g.label != "SAME_TOPIC" for g in gold])
    assert roc_auc_score(story, channels["semantic"]) >= 0.8
    assert roc_auc_score(story, channels["semantic"]) > roc_auc_score(story, channels["terms"])


def test_meaning_vectors_are_unit_rows_and_empty_without_known_stems() -> None:
    from marsad.stories.analyze import analyze
    from marsad.stories.semantic import embed, load_semantic, term_counts

    vectors = load_semantic()
    if vectors is None:
        pytest.skip("no packaged story vectors")
    docs = [
        analyze("تفجير إرهابي يستهدف مسجداً في عسير", "استشهد عدد من رجال الأمن في تفجير انتحاري داخل مسجد").terms,
        analyze("انفجار في مسجد بأبها", "قتل منتسبون لقوات الطوارئ في هجوم انتحاري على مسجد").terms,
        analyze("الذهب يتراجع", "تراجعت أسعار الذهب في التعاملات الآسيوية مع صعود الدولار").terms,
        ("ظظظظظظ",),
    ]
    rows = embed(vectors, term_counts(docs), load_idf())
    assert np.allclose(np.linalg.norm(rows[:3], axis=1), 1.0) and not rows[3].any()
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.2


def test_meaning_vectors_of_one_article_are_the_bits_of_the_whole_matrix_product() -> None:
    """``semantic._raw`` multiplies only the stems the rows use: on real articles, one
    at a time (as the live linker embeds) and all together (as batch), the result
    is bit-identical to the product with the whole stem matrix."""
    import scipy.sparse as sp

    from marsad.stories.analyze import analyze
    from marsad.stories.semantic import _raw, load_semantic, term_counts

    vectors = load_semantic()
    if vectors is None:
        pytest.skip("no packaged story vectors")
    articles = _day("2015-07-23.json", 40)
    counts = term_counts([analyze(a.title or "", a.clean_text).terms for a in articles])
    idf = load_idf().idf

    def whole(rows: sp.csr_matrix) -> np.ndarray:
        weighted = sp.csr_matrix(rows, dtype=np.float64, copy=True)
        weighted.data = weighted.data * idf[weighted.indices]
        per_stem = (weighted @ vectors.lookup).tocsr()
        totals = np.asarray(per_stem.sum(axis=1)).ravel()
        raw = np.asarray(per_stem @ vectors.matrix, dtype=np.float64)
        raw[totals > 0] /= totals[totals > 0, None]
        return raw

    assert np.array_equal(_raw(vectors, counts, idf), whole(counts))
    for k in range(counts.shape[0]):
        assert np.array_equal(_raw(vectors, counts[k], idf), whole(counts[k]))
    assert np.abs(whole(counts)).sum() > 0
