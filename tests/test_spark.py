"""marsad on Spark (local[2]): the distributed job equals the single-machine pipeline.

One Spark session and one Spark digest of the sample serve the whole module (JVM and
Python-worker start-ups are the expensive part). The sample is the five seeds plus a
slice of one SaudiNewsNet day: its first 12 records and 16 more that hold real
near-duplicate pairs (re-published agency copy), all read from the real files.
"""
from __future__ import annotations

import io
import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from marsad import pipeline
from marsad.ingest import IngestError, iter_articles
from marsad.model import Article, Event
from marsad.reuse import near_duplicate_pairs, oph_signatures, shingle_batch
from tests.conftest import SAUDINEWSNET, SEEDS

pytest.importorskip("pyspark")
warcio = pytest.importorskip("warcio")
if shutil.which("java") is None:
    pytest.skip("no Java runtime (make test installs one)", allow_module_level=True)

from marsad.spark.blocks import BlockSettings, article_day, bucket_links, bucket_rows, pieces_of  # noqa: E402
from marsad.spark.job import SparkDigestSettings, digest_piece, merge_component, run_digest  # noqa: E402
from marsad.spark.neardup import NearDupSettings, signatures_of  # noqa: E402
from marsad.spark.warc import iter_warc  # noqa: E402

DAY = SAUDINEWSNET / "2015-07-21.json"
#: first records of the day, then records that form near-duplicate pairs (2~2554, 34~1461 …)
RECORDS = list(range(12)) + [2554, 1461, 1981, 635, 1035, 1130, 1349, 2139, 1754, 2832, 34, 36, 52, 61, 101, 102]


def _components(pairs: set[tuple[str, str]]) -> set[frozenset[str]]:
    groups: list[set[str]] = []
    for a, b in pairs:
        touching = [g for g in groups if a in g or b in g]
        merged = {a, b}.union(*touching)
        groups = [g for g in groups if g not in touching] + [merged]
    return {frozenset(g) for g in groups}


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir() or not DAY.exists():
        pytest.skip("shared data not found")
    folder = tmp_path_factory.mktemp("sample")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    records = json.loads(DAY.read_text(encoding="utf-8"))
    with (folder / "saudinewsnet-2015-07-21.jsonl").open("w", encoding="utf-8") as handle:
        for index in sorted(set(RECORDS)):
            handle.write(json.dumps(records[index], ensure_ascii=False) + "\n")
    return folder


@pytest.fixture(scope="module")
def spark():
    from marsad.spark.session import get_session

    session = get_session("local[2]", app_name="marsad-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def single(sample_dir: Path):
    """The single-machine digest of the sample."""
    articles = (a for a in iter_articles([sample_dir]) if not isinstance(a, IngestError))
    return pipeline.digest(articles)


@pytest.fixture(scope="module")
def distributed(spark, sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict[str, list[dict]]]:
    """Figures and tables (as lists of dicts) of the Spark digest of the sample."""
    out = tmp_path_factory.mktemp("spark") / "tables"
    figures = run_digest(spark, [str(sample_dir)], str(out))
    tables = {}
    for folder in sorted(out.iterdir()):
        tables[folder.name] = [row.asDict(recursive=True) for row in spark.read.parquet(str(folder)).collect()]
    return figures, tables


def test_spark_near_duplicate_groups_equal_single_machine(single, distributed) -> None:
    figures, tables = distributed
    single_pairs = {tuple(sorted((r.a, r.b))) for r in single.reuse if r.near_duplicate}
    spark_pairs = {(r["a"], r["b"]) for r in tables["near_duplicates"]}
    assert len(spark_pairs) >= 5  # the sample holds real re-publications
    assert spark_pairs == single_pairs
    groups = {frozenset(g["article_ids"]) for g in tables["duplicate_groups"]}
    assert groups == _components(single_pairs)
    assert figures["duplicate_groups"] == len(groups)
    # Jaccard values are the exact ones
    jaccard = {tuple(sorted((r.a, r.b))): r.jaccard for r in single.reuse if r.near_duplicate}
    for row in tables["near_duplicates"]:
        assert row["jaccard"] == pytest.approx(jaccard[(row["a"], row["b"])], abs=1e-3)


def _event_key(event: Event | dict) -> tuple:
    get = event.get if isinstance(event, dict) else (lambda k: getattr(event, k))
    return (get("id"), tuple(sorted(get("article_ids"))), get("date"))


def test_spark_events_equal_single_machine(single, distributed) -> None:
    figures, tables = distributed
    assert figures["blocks"] > 1  # blocking really split the corpus
    assert {_event_key(e) for e in tables["events"]} == {_event_key(e) for e in single.events}
    # storylines span weeks, blocks one event window: a block can split a storyline
    # (seed 002, the Duma speech a month later, is its own block) but never join two
    single_lines = [set(s.article_ids) for s in single.storylines]
    for line in tables["storylines"]:
        assert any(set(line["article_ids"]) <= whole for whole in single_lines), line["id"]


def test_spark_tables_hold_the_report_contract(single, distributed) -> None:
    from marsad.model import digest_record

    _, tables = distributed
    record = digest_record(single)
    for name in ("articles", "reuse", "events", "storylines", "entities", "quotes", "timeline", "summary", "coverage"):
        assert name in tables, name
        if record[name] and tables[name]:
            assert set(tables[name][0]) == set(record[name][0]), name
    by_id = {a["id"]: a for a in tables["articles"]}
    assert set(by_id) == {a.id for a in single.articles}
    for article in single.articles:
        row = by_id[article.id]
        assert row["paragraphs"] == article.paragraphs
        assert [s["start"] for s in row["sentences"]] == [s.start for s in article.sentences]
    # the same statements; where a quote starts (whether it takes in its speaker's
    # name) depends on entity canonicalization, which runs over a block, not the corpus
    assert {(q["article_id"], q["end"]) for q in tables["quotes"]} == {(q.article_id, q.end) for q in single.quotes}
    assert {(t["article_id"], t["date"], t["event_id"]) for t in tables["timeline"]} == {(t.article_id, t.date, t.event_id) for t in single.timeline}
    # every article is the core of exactly one block piece
    core = [b["article_id"] for b in tables["blocks"] if b["core"]]
    assert sorted(core) == sorted(by_id)


def test_signatures_per_partition_equal_whole_corpus(single) -> None:
    settings = NearDupSettings()
    articles = single.articles
    whole = dict(signatures_of(articles, settings))
    parts = dict(signatures_of(articles[:7], settings))
    parts.update(signatures_of(articles[7:], settings))
    assert whole.keys() == parts.keys()
    for key, (signature, shingles) in whole.items():
        assert np.array_equal(signature, parts[key][0]) and np.array_equal(shingles, parts[key][1])
    batch = shingle_batch([a.clean_text for a in articles])
    pairs = near_duplicate_pairs(oph_signatures(batch), batch.shingle_sets(), settings.threshold)
    assert pairs  # the single-machine function agrees there is something to find


def test_day_buckets_link_each_close_pair_once(single) -> None:
    """Bucket links are exactly the pairs within the window whose text-only event
    score reaches link_score, each found in one bucket; every single-machine event
    lies inside one component of them (plus near-duplicate pairs)."""
    from marsad.stories.similarity import StoryContext, build_profiles, pair_scores

    articles, settings = single.articles, BlockSettings()
    days = sorted({int(d) for a in articles if not math.isnan(d := article_day(a))})
    assert any(a.published is None for a in articles)  # seeds 000, 002-004: compared with every day
    buckets: dict = {}
    for bucket, member in bucket_rows(articles, settings, days):
        buckets.setdefault(bucket, []).append(member)
    found = [tuple(sorted(link)) for members in buckets.values() for link in bucket_links(members, settings)]
    assert found and len(found) == len(set(found))
    profiles = build_profiles(articles, StoryContext())
    left, right = np.triu_indices(len(articles), k=1)
    (scores,) = pair_scores(profiles, left, right, StoryContext())
    close = ~(np.abs(profiles.days[left] - profiles.days[right]) > settings.window_days)
    expected = {tuple(sorted((profiles.ids[i], profiles.ids[j]))) for i, j, ok in zip(left, right, close & (scores >= settings.link_score)) if ok}
    assert set(found) == expected
    links = found + [(r.a, r.b) for r in single.reuse if r.near_duplicate]
    components = _components(set(links))
    for event in single.events:
        if len(event.article_ids) > 1:
            assert any(set(event.article_ids) <= group for group in components), event.id


def test_busy_buckets_score_candidate_pairs_only(single, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past DENSE_PAIRS a bucket scores only pairs whose pruned term vectors overlap:
    a subset of the dense links that still holds the seeds' same-event pair."""
    from marsad.spark import blocks

    articles, settings = single.articles, BlockSettings()
    days = sorted({int(d) for a in articles if not math.isnan(d := article_day(a))})
    grouped: dict = {}
    for bucket, member in bucket_rows(articles, settings, days):
        grouped.setdefault(bucket, []).append(member)
    dense = {tuple(sorted(link)) for members in grouped.values() for link in bucket_links(members, settings)}
    monkeypatch.setattr(blocks, "DENSE_PAIRS", 1)
    sparse = {tuple(sorted(link)) for members in grouped.values() for link in bucket_links(members, settings)}
    assert sparse and sparse <= dense
    seeds = sorted(a.id for a in articles if a.path and a.path.endswith(("000_e0de50790ff44f58.txt", "001_ee7aff10b583fdea.txt")))
    assert tuple(seeds) in sparse


def test_pieces_cut_oversized_components_with_overlap() -> None:
    members = [(float(day), f"a{day:02d}") for day in range(25)]
    rows = list(pieces_of("comp", members, BlockSettings(max_block=10, overlap=3)))
    core = [aid for aid, (_, _, is_core) in rows if is_core]
    assert sorted(core) == sorted(aid for _, aid in members)
    pieces = {piece for _, (_, piece, _) in rows}
    assert pieces == {"comp/0", "comp/1", "comp/2"}
    overlap = [aid for aid, (_, piece, is_core) in rows if piece == "comp/0" and not is_core]
    assert overlap == ["a10", "a11", "a12"]


def _keys(records: list, *fields: str) -> set[tuple]:
    get = (lambda r, f: r[f]) if records and isinstance(records[0], dict) else getattr
    return {tuple(tuple(sorted(v)) if isinstance(v := get(r, f), list) else v for f in fields) for r in records}


def test_a_component_cut_into_pieces_clusters_as_one(single) -> None:
    """Pieces of an oversized component tag their articles; the component's reuse,
    timeline, stories and summary stages then see every article, so the cut (here
    through the seeds' story and the agency copies) changes nothing."""
    articles = single.articles  # prepared, in corpus order
    members = [(article_day(a), a.id) for a in articles]
    by_id = {a.id: (order, a) for order, a in enumerate(articles)}
    pieces: dict[str, list] = {}
    for aid, (_, piece, is_core) in pieces_of("c", members, BlockSettings(max_block=6)):
        order, article = by_id[aid]
        pieces.setdefault(piece, []).append(((0, order), article, is_core))
    assert len(pieces) >= 5
    results = [digest_piece("c", name, rows, 120, whole=False) for name, rows in pieces.items()]
    assert all(not r.events and not r.reuse for r in results)  # left to the component
    merged = merge_component(results)
    assert _keys(merged["events"], "id", "article_ids", "date") == _keys(single.events, "id", "article_ids", "date")
    assert _keys(merged["storylines"], "id", "article_ids") == _keys(single.storylines, "id", "article_ids")
    assert _keys(merged["reuse_groups"], "id", "original", "article_ids") == _keys(single.reuse_groups, "id", "original", "article_ids")
    assert _keys(merged["timeline"], "article_id", "date", "event_id") == _keys(single.timeline, "article_id", "date", "event_id")
    assert _keys(merged["quotes"], "article_id", "end") == _keys(single.quotes, "article_id", "end")  # starts: see above
    assert [s.text for s in merged["summary"]] == [s.text for s in single.summary]


def test_spark_cuts_oversized_components_without_splitting_events(spark, sample_dir: Path, single, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    figures = run_digest(spark, [str(sample_dir)], str(out), SparkDigestSettings(blocks=BlockSettings(max_block=2)))
    assert figures["pieces"] > figures["blocks"]  # some component was cut
    events = [row.asDict(recursive=True) for row in spark.read.parquet(str(out / "events")).collect()]
    assert _keys(events, "id", "article_ids", "date") == _keys(single.events, "id", "article_ids", "date")


def _warc_bytes(pages: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": "2015-09-12T08:00:00Z"})
        writer.write_record(record)
    writer.write_record(writer.create_warc_record("https://example.org/robots.txt", "request", payload=io.BytesIO(b"GET /")))
    return buffer.getvalue()


def _page(article: Article) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in article.body.split("\n") if p.strip())
    return (f"<html lang='ar'><head><meta charset='utf-8'><title>{article.title or 'خبر'}</title></head>"
            f"<body><nav><a href='/'>الرئيسية</a></nav><article><h1>{article.title or 'خبر'}</h1>{paragraphs}</article>"
            "<footer>جميع الحقوق محفوظة</footer></body></html>")


def test_warc_records_go_through_the_single_machine_html_extraction(tmp_path: Path) -> None:
    from marsad.ingest.html import extract_html

    seeds = [a for a in iter_articles([SEEDS]) if isinstance(a, Article)][:3]
    pages = [(f"https://news.example.org/{i}", _page(a)) for i, a in enumerate(seeds)]
    data = _warc_bytes(pages)
    items = list(iter_warc(io.BytesIO(data), "cc-news.warc.gz"))
    assert all(isinstance(i, Article) for i in items) and len(items) == 3
    for item, (url, html) in zip(items, pages):
        page = extract_html(html, url=url)
        assert item.body == page.body and item.url == url
        assert item.path.startswith("cc-news.warc.gz#")
        # the fetch date (2015-09-12), unless the text dates itself a day or so before:
        # seed 000's «اليوم الجمعة» is Friday 2015-09-11 (ingest/pubdate.py)
        assert (item.published, item.published_from) in {("2015-09-12", "metadata"), ("2015-09-11", "text")}
    broken = list(iter_warc(io.BytesIO(b"this is not a warc file at all"), "bad.warc.gz"))
    assert len(broken) == 1 and isinstance(broken[0], IngestError) and broken[0].path == "bad.warc.gz"


def test_spark_reads_warc_and_parquet_like_the_other_inputs(spark, sample_dir: Path, tmp_path: Path) -> None:
    from marsad.spark.sources import list_inputs, read_corpus

    seeds = [a for a in iter_articles([SEEDS]) if isinstance(a, Article)][:2]
    (tmp_path / "crawl").mkdir()
    (tmp_path / "crawl" / "CC-NEWS-20150912.warc.gz").write_bytes(_warc_bytes([(f"https://e.org/{i}", _page(a)) for i, a in enumerate(seeds)]))
    records = [json.loads(line) for line in (sample_dir / "saudinewsnet-2015-07-21.jsonl").read_text(encoding="utf-8").splitlines()[:5]]
    spark.createDataFrame(records).write.parquet(str(tmp_path / "crawl" / "records.parquet"))
    files = list_inputs(spark, [str(tmp_path / "crawl")])
    items = read_corpus(spark, files).collect()
    articles = [a for _, a in items if isinstance(a, Article)]
    assert not [a for _, a in items if isinstance(a, IngestError)]
    from_jsonl = {a.id for a in iter_articles([sample_dir / "saudinewsnet-2015-07-21.jsonl"]) if isinstance(a, Article)}
    parquet_ids = {a.id for a in articles if ".parquet" in a.path}
    assert len(parquet_ids) == 5 and parquet_ids <= from_jsonl
    warc = [a for a in articles if ".warc.gz#" in a.path]
    assert len(warc) == 2 and all(a.url.startswith("https://e.org/") for a in warc)


def test_spark_digest_cli_reports_a_missing_input_in_one_line(spark, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from marsad.cli import main

    result = CliRunner().invoke(main, ["spark", "digest", str(tmp_path / "nope"), "--out", str(tmp_path / "o"), "--master", "local[2]"])
    assert result.exit_code == 1
    assert "nope: no such file or directory" in result.output and "Traceback" not in result.output


def test_remote_bytes_are_read_by_the_same_readers_with_their_uri(sample_dir: Path) -> None:
    from marsad.spark.sources import InputFile, read_bytes

    jsonl = sample_dir / "saudinewsnet-2015-07-21.jsonl"
    uri = "hdfs://namenode:8020/corpora/snn/day.jsonl"
    items = [item for _, item in read_bytes(InputFile(3, uri, None), jsonl.read_bytes())]
    local = [a for a in iter_articles([jsonl]) if isinstance(a, Article)]
    assert [a.id for a in items] == [a.id for a in local]
    assert items[0].path == f"{uri}:1" and all(a.path.startswith(uri + ":") for a in items)
    keys = [key for key, _ in read_bytes(InputFile(3, uri, None), jsonl.read_bytes())]
    assert keys[0] == (3, 0) and keys == sorted(keys)
    bad = [item for _, item in read_bytes(InputFile(0, "s3a://bucket/x.jsonl", None), b'{"title": "t"}\nnot json\n')]
    assert all(isinstance(i, IngestError) for i in bad)
    assert str(bad[0]).startswith("s3a://bucket/x.jsonl:1: ") and str(bad[1]).startswith("s3a://bucket/x.jsonl:2: invalid JSON")
