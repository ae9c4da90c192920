"""Stories: pairwise similarity, batch events/storylines, the online clusterer, and
the evaluation harness — on the seeds, SaudiNewsNet samples and hand-computed cases."""
from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from marsad import pipeline
from marsad.arabic.tokenize import words
from marsad.cli import main
from marsad.ingest import IngestError, iter_articles
from marsad.model import Article, TimelineEntry
from marsad.stories import (
    EVENT_THRESHOLD,
    OnlineStoryClusterer,
    StoryContext,
    article_similarity,
    build_stories,
    link_timeline,
    stable_id,
)
from marsad.stories.analyze import analyze, analyzer_fingerprint
from marsad.stories.batch import average_linkage_groups
from marsad.stories.evaluate import adjusted_rand, bcubed, correlations, score_clusters
from marsad.stories.idf import load_idf
from marsad.stories.pair import pair_context
from tests.conftest import SAUDINEWSNET, SEEDS, seed_path

import scipy.sparse as sp


def _read(paths: list[Path]) -> list[Article]:
    return [a for a in iter_articles(paths) if not isinstance(a, IngestError)]


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    if not SEEDS.is_dir():
        pytest.skip("seeds not found")
    articles = [pipeline.prepare(a) for a in _read([SEEDS])]
    return {Path(a.path).name[:3]: a for a in articles}


@pytest.fixture(scope="module")
def seed_digest(seeds: dict[str, Article]):
    return pipeline.digest(seeds.values())


@pytest.fixture(scope="module")
def snn_day() -> list[Article]:
    """The first 800 articles of one SaudiNewsNet day (all outlets), prepared."""
    path = SAUDINEWSNET / "2015-08-06.json"
    if not path.exists():
        pytest.skip("SaudiNewsNet not found")
    articles = []
    for item in iter_articles([path]):
        if isinstance(item, Article):
            articles.append(pipeline.prepare(item))
        if len(articles) >= 800:
            break
    return articles


def _named(digest, seeds: dict[str, Article]) -> tuple[list[set[str]], list[set[str]]]:
    name = {a.id: k for k, a in seeds.items()}
    return (
        [{name[i] for i in e.article_ids} for e in digest.events],
        [{name[i] for i in s.article_ids} for s in digest.storylines],
    )


# -- the seeds ---------------------------------------------------------------------------


def test_seed_events_and_storyline(seed_digest, seeds) -> None:
    events, storylines = _named(seed_digest, seeds)
    assert sorted(map(sorted, events)) == [["000", "001"], ["002"], ["003"], ["004"]]
    assert storylines == [{"000", "001", "002", "003", "004"}]
    storyline = seed_digest.storylines[0]
    assert set(storyline.event_ids) == {e.id for e in seed_digest.events}
    dates = sorted(a.published for a in seeds.values() if a.published)
    assert storyline.date == dates[0] and storyline.date_end == (dates[-1] if dates[-1] != dates[0] else None)


def test_seed_records_have_titles_dates_and_stable_ids(seed_digest, seeds) -> None:
    press = next(e for e in seed_digest.events if len(e.article_ids) == 2)
    assert press.date == seeds["001"].published == "2015-09-11"
    assert press.title and "لافروف" in press.title
    # the founding article is the dated one (001); ids hash it
    assert press.id == stable_id("ev", seeds["001"].id)
    again = pipeline.digest(reversed(list(seeds.values())))
    assert [e.id for e in again.events] == [e.id for e in seed_digest.events]
    assert [s.id for s in again.storylines] == [s.id for s in seed_digest.storylines]


def test_seed_similarities_separate_events(seeds) -> None:
    context = StoryContext()
    same = article_similarity(seeds["000"], seeds["001"], context)
    others = [article_similarity(seeds[a], seeds[b], context) for a, b in (("000", "003"), ("000", "004"), ("003", "004"), ("001", "003"))]
    assert same >= EVENT_THRESHOLD > max(others)
    assert all(0.0 <= s <= 1.0 for s in [same, *others])
    assert article_similarity(seeds["003"], seeds["000"], context) == pytest.approx(article_similarity(seeds["000"], seeds["003"], context))


def test_reuse_link_raises_the_score(seeds) -> None:
    a, b, context = pair_context(seeds["000"], seeds["001"])
    with_reuse = article_similarity(a, b, context)
    without = article_similarity(a, b, StoryContext())
    assert context.reuse, "the reuse stage links 000 and 001 (same Reuters copy)"
    assert with_reuse > without


def test_time_gap_splits_events_but_not_storylines(seeds) -> None:
    a = dataclasses.replace(seeds["000"], id="a", published="2015-09-11")
    near = dataclasses.replace(seeds["001"], id="b", published="2015-09-12")
    far = dataclasses.replace(seeds["001"], id="c", published="2015-09-25")
    assert article_similarity(a, near) >= EVENT_THRESHOLD
    assert article_similarity(a, far) < EVENT_THRESHOLD
    events, storylines = build_stories([a, near, far])
    assert sorted(len(e.article_ids) for e in events) == [1, 2]
    assert len(storylines) == 1


def test_entities_count_when_the_entities_stage_ran(seeds) -> None:
    from marsad.model import Mention

    a, b = seeds["003"], seeds["004"]
    base = article_similarity(a, b)
    names = ["بوريفسورين المنغولي", "اشتون كارتر", "سيرغي شويغو"]
    mentions = [Mention(art.id, 0, 1, n, "PER", f"x{k}") for art in (a, b) for k, n in enumerate(names)]
    assert article_similarity(a, b, StoryContext.of(mentions)) > base


# -- analyzer and IDF --------------------------------------------------------------------


def test_analyzer_streams() -> None:
    tokens = analyze("لافروف: واشنطن رفضت", 'قال لافروف «إن التنسيق مطلوب بين الجيشين» وقتل 1,200 شخص في 2015 يوم 11')
    assert "لافروف" in tokens.terms and tokens.terms.count("لافروف") == 3  # title counts twice
    assert tokens.numbers == ("1,200",)  # years and days of the month are dropped
    assert "ان التنسيق مطلوب" in tokens.quote_shingles


def test_idf_table_matches_the_analyzer() -> None:
    table = load_idf()
    assert table.fingerprint == analyzer_fingerprint(), "stemmer changed: rebuild with python -m marsad.stories.idf"
    assert table.documents > 30_000
    common, rare = table.of(["قال", "بوريفسورين"])
    assert common < rare


# -- batch on SaudiNewsNet ----------------------------------------------------------------


def _title_key(title: str | None) -> str:
    return " ".join(words(title or ""))


def test_same_headline_across_outlets_is_one_event(snn_day) -> None:
    """Articles of different outlets with the same headline (agency copy) share an event,
    and no event swallows a large part of the day."""
    events, storylines = build_stories(snn_day)
    event_of = {a: e.id for e in events for a in e.article_ids}
    by_title: dict[str, list[Article]] = defaultdict(list)
    for article in snn_day:
        if len(_title_key(article.title).split()) >= 4:
            by_title[_title_key(article.title)].append(article)
    pairs = [(g[0], g[1]) for g in by_title.values() if len({a.outlet for a in g}) > 1]
    assert len(pairs) >= 5
    together = sum(event_of[x.id] == event_of[y.id] for x, y in pairs)
    assert together / len(pairs) >= 0.9
    assert max(len(e.article_ids) for e in events) < 40
    assert sum(len(e.outlets) > 1 for e in events) >= 20
    assert len(storylines) < len(events) < len(snn_day)
    assert sorted(a for s in storylines for a in s.article_ids) == sorted(a.id for a in snn_day)


def test_average_linkage_does_not_chain() -> None:
    # a-b and b-c are strong, a-c is nothing: the mean link a|c is below the threshold
    scores = sp.csr_matrix(np.array([[0, 0.9, 0], [0.9, 0, 0.9], [0, 0.9, 0]], dtype=float))
    groups = average_linkage_groups(scores, 0.7)
    assert sorted(map(len, groups)) == [1, 2]
    assert sorted(map(len, average_linkage_groups(scores, 0.4))) == [3]  # mean(0, 0.9) = 0.45


# -- online -------------------------------------------------------------------------------


def test_online_matches_batch_on_seeds_and_survives_restart(seeds, seed_digest, tmp_path: Path) -> None:
    from marsad.stories.pair import stage_context

    ordered, context = stage_context(list(seeds.values()))  # what the batch digest saw
    first = OnlineStoryClusterer().partial_fit(ordered[:2], context)
    state = tmp_path / "stories.npz"
    first.save(state)
    resumed = OnlineStoryClusterer.load(state).partial_fit(ordered, context)  # old ids are skipped
    oneshot = OnlineStoryClusterer().partial_fit(ordered, context)
    assert resumed.labels() == oneshot.labels()
    assert len(resumed) == 5
    batch_events = sorted(sorted(e.article_ids) for e in seed_digest.events)
    assert sorted(sorted(e.article_ids) for e in resumed.events()) == batch_events
    assert {e.id for e in resumed.events()} == {e.id for e in seed_digest.events}
    assert [len(s.article_ids) for s in resumed.storylines()] == [5]


def test_online_state_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a state")
    with pytest.raises(ValueError, match="bad.npz"):
        OnlineStoryClusterer.load(bad)
    with pytest.raises(ValueError):
        OnlineStoryClusterer(event_threshold=0)


def test_online_close_to_batch_on_a_saudinewsnet_day(snn_day) -> None:
    sample = snn_day[:400]
    events, _ = build_stories(sample)
    stream = OnlineStoryClusterer().partial_fit(sample)
    scores = score_clusters([e.article_ids for e in events], [e.article_ids for e in stream.events()])
    assert scores.f1 >= 0.9
    assert scores.ari >= 0.6


# -- timeline link ------------------------------------------------------------------------


def test_link_timeline_sets_event_ids(seed_digest, seeds) -> None:
    entries = [TimelineEntry("2015-09-11", "x", seeds["000"].id), TimelineEntry("2015", "y", "unknown")]
    linked = link_timeline(entries, seed_digest.events)
    press = next(e for e in seed_digest.events if seeds["000"].id in e.article_ids)
    assert linked[0].event_id == press.id and linked[1].event_id is None


# -- evaluation metrics (hand-computed) ---------------------------------------------------

GOLD = [["a", "b", "c"], ["d", "e"]]
PRED = [["a", "b"], ["c", "d", "e"]]


def test_bcubed_hand_computed() -> None:
    # precision: a 1, b 1, c 1/3, d 2/3, e 2/3 → 11/15; recall: a 2/3, b 2/3, c 1/3, d 1, e 1 → 11/15
    precision, recall, f1 = bcubed(GOLD, PRED)
    assert precision == pytest.approx(11 / 15)
    assert recall == pytest.approx(11 / 15)
    assert f1 == pytest.approx(11 / 15)
    assert bcubed(GOLD, GOLD) == (1.0, 1.0, 1.0)
    # all singletons: precision 1, recall (1/3·3 + 1/2·2)/5 = 2/5
    precision, recall, _ = bcubed(GOLD, [])
    assert precision == 1.0 and recall == pytest.approx(2 / 5)


def test_ari_hand_computed() -> None:
    # Σ C(n_ij,2) = 2, rows 4, cols 4, C(5,2) = 10 → (2 − 1.6) / (4 − 1.6) = 1/6
    assert adjusted_rand(GOLD, PRED) == pytest.approx(1 / 6)
    assert adjusted_rand(GOLD, GOLD) == pytest.approx(1.0)


def test_metrics_reject_bad_groups() -> None:
    with pytest.raises(ValueError):
        bcubed([["a"], ["a"]], [["a"]])
    with pytest.raises(ValueError):
        bcubed([], [["a"]])


def test_correlations_hand_computed() -> None:
    pearson, spearman = correlations([1, 2, 3], [1, 3, 2])
    assert pearson == pytest.approx(0.5) and spearman == pytest.approx(0.5)
    pearson, spearman = correlations([1, 2, 3, 4], [1, 4, 9, 100])
    assert spearman == pytest.approx(1.0) and pearson < 0.95
    assert all(np.isnan(correlations([1, 1], [1, 2])))


# -- command line ---------------------------------------------------------------------------


def test_cli_similarity(seeds) -> None:
    runner = CliRunner()
    same = runner.invoke(main, ["similarity", str(seed_path("000")), str(seed_path("001"))])
    other = runner.invoke(main, ["similarity", str(seed_path("000")), str(seed_path("004"))])
    assert same.exit_code == 0 and other.exit_code == 0, same.output + other.output
    assert 0 <= float(other.output) < EVENT_THRESHOLD <= float(same.output) <= 1
    record = json.dumps({"title": "عنوان", "content": seeds["004"].clean_text})
    inline = runner.invoke(main, ["similarity", str(seed_path("004")), record])
    assert inline.exit_code == 0 and float(inline.output) > 0.9
    bad = runner.invoke(main, ["similarity", "no-such-file.txt", str(seed_path("000"))])
    assert bad.exit_code != 0 and "no-such-file.txt" in bad.output and "Traceback" not in bad.output


def test_cli_eval_clusters(tmp_path: Path, seed_digest, seeds) -> None:
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"events": [{"article_ids": e.article_ids} for e in seed_digest.events],
                                  "storylines": [{"article_ids": s.article_ids} for s in seed_digest.storylines]}))
    gold = tmp_path / "gold.json"
    ids = {k: a.id for k, a in seeds.items()}
    gold.write_text(json.dumps([[ids["000"], ids["001"]], [ids["002"]], [ids["003"]], [ids["004"]]]))
    result = CliRunner().invoke(main, ["eval", "clusters", "--gold", str(gold), str(report)])
    assert result.exit_code == 0, result.output
    assert "bcubed f1 1.0" in result.output and "ari 1.0" in result.output
    result = CliRunner().invoke(main, ["eval", "clusters", "--gold", str(gold), "--level", "storylines", str(report)])
    # one storyline against four gold events: precision (2/5 + 2/5 + 1/5 + 1/5 + 1/5) / 5 = 0.28
    assert "bcubed precision 0.28" in result.output and "bcubed recall 1.0" in result.output
    gold.write_text("{oops")
    result = CliRunner().invoke(main, ["eval", "clusters", "--gold", str(gold), str(report)])
    assert result.exit_code != 0 and "gold.json" in result.output and "Traceback" not in result.output


def test_cli_eval_pairs(tmp_path: Path, seeds) -> None:
    texts = {k: a.clean_text for k, a in seeds.items()}
    pairs = tmp_path / "pairs.jsonl"
    rows = [("000", "001", 5.0), ("000", "003", 2.0), ("003", "004", 1.5), ("002", "004", 1.0)]
    pairs.write_text("\n".join(json.dumps({"text1": texts[a], "text2": texts[b], "score": s}) for a, b, s in rows))
    result = CliRunner().invoke(main, ["eval", "pairs", str(pairs)])
    assert result.exit_code == 0, result.output
    pearson = float(re.search(r"pearson R (\S+)", result.output).group(1))
    assert pearson > 0.5 and "spearman R" in result.output
    flipped = CliRunner().invoke(main, ["eval", "pairs", "--lower-is-similar", str(pairs)])
    assert float(re.search(r"pearson R (\S+)", flipped.output).group(1)) == pytest.approx(-pearson, abs=1e-4)
    pairs.write_text('{"text1": "x"}\n')
    bad = CliRunner().invoke(main, ["eval", "pairs", str(pairs)])
    assert bad.exit_code != 0 and "pairs.jsonl:1" in bad.output


def test_reports_list_events_per_storyline(seed_digest) -> None:
    from marsad.report import render_html, render_markdown

    markdown = render_markdown(seed_digest)
    html = render_html(seed_digest)
    assert "### الأحداث — Events" in markdown
    press = next(e for e in seed_digest.events if len(e.article_ids) == 2)
    assert f"**{press.date}**" in markdown
    assert f'id="event-{press.id}"' in html
    assert html.count('<li id="event-') == len(seed_digest.events)


def test_cli_stream_keeps_ids_across_runs(tmp_path: Path) -> None:
    state = tmp_path / "state.npz"
    runner = CliRunner()
    first = runner.invoke(main, ["stream", str(seed_path("000")), str(seed_path("001")), "--state", str(state), "--fast", "--json", "--quiet"])
    assert first.exit_code == 0, first.output
    lines = [json.loads(line) for line in first.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 2 and lines[0]["event_id"] == lines[1]["event_id"]
    second = runner.invoke(main, ["stream", str(SEEDS), "--state", str(state), "--fast", "--json", "--quiet"])
    assert second.exit_code == 0, second.output
    new = [json.loads(line) for line in second.stdout.splitlines() if line.startswith("{")]
    assert len(new) == 3  # 000 and 001 are stored already
    assert OnlineStoryClusterer.load(state).labels()[lines[0]["article_id"]] == lines[0]["event_id"]
    state.write_bytes(b"junk")
    bad = runner.invoke(main, ["stream", str(SEEDS), "--state", str(state)])
    assert bad.exit_code != 0 and "state.npz" in bad.output and "Traceback" not in bad.output


def test_online_bootstrapped_from_batch(seeds, seed_digest) -> None:
    from marsad.stories.batch import cluster_stories
    from marsad.stories.similarity import build_profiles

    history = [seeds[k] for k in ("000", "002", "003", "004")]
    # what the stories stage sees: the entities stage's mentions (a storyline rests on
    # more than shared words)
    context = StoryContext.of(seed_digest.mentions)
    model = OnlineStoryClusterer.from_batch(history, cluster_stories(build_profiles(history, context), context))
    assert len(model) == 4 and len(model.event_ids_) == 4
    event, storyline = model.assign(seeds["001"], build_profiles([seeds["001"]], context), 0)
    assert event == model.labels()[seeds["000"].id]  # the press conference, by average linkage
    assert storyline == model.storyline_ids_[0] and len(model.storyline_ids_) == 1


def test_build_idf_counts_documents_not_occurrences() -> None:
    from marsad.stories.idf import build_idf, hasher

    documents, buckets, dfs = build_idf([(None, "قال لافروف قال"), ("عنوان", "قال كيري")], min_df=2)
    assert documents == 2
    bucket_of = {k: int(hasher().transform([[k]]).indices[0]) for k in ("قال", "لافروف")}
    assert dict(zip(buckets.tolist(), dfs.tolist())) == {bucket_of["قال"]: 2}


def test_blockwise_scoring_matches_exact_scoring(seeds, snn_day, monkeypatch) -> None:
    """The big-corpus path (candidate blocks) gives the exact path's scores for the
    pairs it keeps — reuse pairs once, not twice — and nearly the same events."""
    from marsad.stories import batch
    from marsad.stories.similarity import EVENT, STORYLINE, build_profiles

    _, _, context = pair_context(seeds["000"], seeds["001"])
    profiles = build_profiles([seeds["000"], seeds["001"]], context)
    exact = batch.score_graphs(profiles, context, (EVENT, STORYLINE))
    monkeypatch.setattr(batch, "EXACT_LIMIT", 0)
    blocked = batch.score_graphs(profiles, context, (EVENT, STORYLINE))
    for e, b in zip(exact, blocked):
        assert b[0, 1] == pytest.approx(e[0, 1]) and b[0, 1] > 0
    monkeypatch.undo()

    sample = snn_day[:600]
    day_profiles = build_profiles(sample, StoryContext())
    exact_events = batch.cluster_stories(day_profiles, StoryContext()).events
    monkeypatch.setattr(batch, "EXACT_LIMIT", 0)
    blocked_events = batch.cluster_stories(day_profiles, StoryContext()).events
    ids = lambda groups: [[sample[i].id for i in g] for g in groups]  # noqa: E731
    assert score_clusters(ids(exact_events), ids(blocked_events)).f1 >= 0.98


def test_average_linkage_cuts_giant_components() -> None:
    # two tight triangles joined by one weak-but-strong-enough bridge, with max_dense 3
    dense = np.zeros((6, 6))
    for group in ((0, 1, 2), (3, 4, 5)):
        for i in group:
            for j in group:
                if i != j:
                    dense[i, j] = 0.9
    dense[2, 3] = dense[3, 2] = 0.5
    scores = sp.csr_matrix(dense)
    assert sorted(map(sorted, average_linkage_groups(scores, 0.45))) == [[0, 1, 2], [3, 4, 5]]
    assert sorted(map(sorted, average_linkage_groups(scores, 0.45, max_dense=3))) == [[0, 1, 2], [3, 4, 5]]
    assert sorted(map(sorted, average_linkage_groups(scores, 0.95, max_dense=3))) == [[0], [1], [2], [3], [4], [5]]


def test_online_uses_reuse_links(seeds) -> None:
    """A reuse link raises the online score exactly as it raises the batch score."""
    from marsad.stories.similarity import CHANNELS, build_profiles, outlet_code

    a, b, context = pair_context(seeds["000"], seeds["001"])
    expected = article_similarity(a, b, context)
    model = OnlineStoryClusterer().partial_fit([a], context)
    profiles = build_profiles([b], context)
    day = float(profiles.days[0])
    row = {name: (profiles.channel(name).indices, profiles.channel(name).data) for name in CHANNELS}
    links = [(other, s) for (x, other), s in context.reuse.items() if x == b.id]
    with_links, _ = model._scores(row, day, outlet_code(b.outlet), links)
    without, _ = model._scores(row, day, outlet_code(b.outlet))
    assert with_links[0] == pytest.approx(expected)
    assert with_links[0] > without[0]
