"""Text reuse on real text: the seeds' copy map, SaudiNewsNet duplicates, and the
building blocks (shingles, MinHash, LSH index, alignment, likely original)."""
from __future__ import annotations

import dataclasses
import random
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from marsad.arabic.tokenize import words
from marsad.ingest import IngestError, iter_articles
from marsad.model import Article, Sentence
from marsad.pipeline import prepare, segment, unique_articles
from marsad.reuse import (
    LSHIndex,
    ReuseSettings,
    align_sentences,
    find_reuse,
    named_agency,
    oph_signatures,
    optimal_banding,
    sentence_features,
    shingle_batch,
)
from marsad.reuse.align import idf_table
from marsad.reuse.lsh import colliding_pairs
from marsad.reuse.minhash import classic_signatures
from marsad.reuse.shingle import word_hashes
from tests.conftest import SAUDINEWSNET, SEEDS

# --- helpers ---------------------------------------------------------------------------


def _prepared(*paths: Path) -> list[Article]:
    read = (a for a in iter_articles(list(paths)) if not isinstance(a, IngestError))
    return [prepare(a) for a in unique_articles(read)]


def _seed_id(articles: list[Article], prefix: str) -> str:
    return next(a.id for a in articles if Path(a.path).name.startswith(prefix))


@pytest.fixture(scope="module")
def seeds() -> tuple[list[Article], object]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    articles = _prepared(SEEDS)
    return articles, find_reuse(articles)


# --- seeds -------------------------------------------------------------------------------


def test_seed_000_001_linked_with_lavrov_quotes_aligned(seeds) -> None:
    articles, result = seeds
    a000, a001 = _seed_id(articles, "000"), _seed_id(articles, "001")
    links = [l for l in result.links if {l.a, l.b} == {a000, a001}]
    assert len(links) == 1
    link = links[0]
    by_id = {a.id: a for a in articles}
    # oriented from the likely original (000 credits Reuters) to the re-publication
    assert (link.a, link.b) == (a000, a001)
    assert not link.near_duplicate and link.jaccard < 0.3  # rewritten copy, not a duplicate
    text_pairs = [(by_id[link.a].sentences[p.a].text, by_id[link.b].sentences[p.b].text) for p in link.pairs]
    # Lavrov's statements as each outlet words them (000 spelling, 001 spelling)
    statements = [
        ("تزويد الرئيس السوري", "تزويد الرئيس السوري"),
        ("البنتاغون أوقف التعاون", "البنتاجون أوقف التعاون"),
        ("أعضاء الائتلاف إلى التعاون", "أعضاء الائتلاف، إلى التعاون"),
        ("لمعايير القانون الدولي", "لمعايير القانون الدولي"),
        ("الطائرات التي أرسلتها روسيا", "الطائرات التي أرسلتها روسيا"),
    ]
    for in_a, in_b in statements:
        assert any(in_a in sa and in_b in sb for sa, sb in text_pairs), in_a
    assert len(link.pairs) >= 8
    assert 0.3 <= link.containment_a <= 1.0 and 0.3 <= link.containment_b <= 1.0
    assert all(p.kind in ("exact", "near", "paraphrase") and 0.0 < p.similarity <= 1.0 for p in link.pairs)


def test_seed_unrelated_pairs_have_no_exact_or_near(seeds) -> None:
    articles, result = seeds
    a000, a001 = _seed_id(articles, "000"), _seed_id(articles, "001")
    for link in result.links:
        if {link.a, link.b} == {a000, a001}:
            continue
        assert all(p.kind == "paraphrase" for p in link.pairs), (link.a, link.b)
    a003, a004 = _seed_id(articles, "003"), _seed_id(articles, "004")
    assert not [l for l in result.links if {l.a, l.b} == {a003, a004}]


def test_seed_001_internal_repeat_is_not_reuse(seeds) -> None:
    articles, result = seeds
    a001 = next(a for a in articles if Path(a.path).name.startswith("001"))
    assert all(link.a != link.b for link in result.links)
    # cleaning kept the repeated block once: every 001 sentence is distinct, and no
    # 001 sentence is aligned twice to the same 000 sentence because of a repeat
    keys = [" ".join(words(s.text)) for s in a001.sentences]
    assert len(keys) == len(set(keys))
    # even with the repeat left in (no cleaning), an article is never linked to itself
    raw = segment(dataclasses.replace(a001, id="raw-001", paragraphs=[p for p in a001.body.splitlines() if p.strip()]))
    raw_keys = [" ".join(words(s.text)) for s in raw.sentences]
    assert len(raw_keys) > len(set(raw_keys))  # the repeat is really there
    a000 = next(a for a in articles if Path(a.path).name.startswith("000"))
    only = find_reuse([raw, a000])
    assert all(l.a != l.b for l in only.links)
    assert len(only.links) == 1 and not only.links[0].near_duplicate


def test_seed_group_likely_original_names_agency(seeds) -> None:
    articles, result = seeds
    a000, a001 = _seed_id(articles, "000"), _seed_id(articles, "001")
    groups = [g for g in result.groups if a000 in g.article_ids]
    assert len(groups) == 1
    group = groups[0]
    assert group.article_ids == [a000, a001]
    assert group.original == a000 and group.reason == "agency" and group.agency == "رويترز"
    assert not group.near_duplicate


def test_seed_digest_is_deterministic(seeds) -> None:
    articles, result = seeds
    again = find_reuse(list(reversed(articles)))
    key = lambda r: sorted((l.a, l.b, len(l.pairs)) for l in r.links)  # noqa: E731
    assert key(again) == key(result)


# --- building blocks -----------------------------------------------------------------


def test_word_hashes_follow_normalization() -> None:
    h, doc = word_hashes(["أحمد الـرئيس بشّار", "احمد الرئيس بشار", "", "F-16 ٢٠١٥"])
    assert list(doc) == [0, 0, 0, 1, 1, 1, 3, 3, 3]
    assert list(h[:3]) == list(h[3:6])
    assert h[0] != h[1] != h[2]
    text = "قال وزير الخارجية الروسي، سيرغي لافروف، اليوم الجمعة، إن التنسيق مطلوب"
    h, _ = word_hashes([text])
    assert len(h) == len(words(text))


def test_shingles_short_and_empty_texts() -> None:
    batch = shingle_batch(["", "كلمة واحدة", "واحد اثنان ثلاثة أربعة خمسة ستة سبعة"], k=5)
    assert batch.of(0).size == 0
    assert batch.of(1).size == 1  # fewer than k words: one shingle of all of them
    assert batch.of(2).size == 3
    with pytest.raises(ValueError):
        shingle_batch(["x"], k=0)


@pytest.fixture(scope="module")
def day_texts() -> list[str]:
    path = SAUDINEWSNET / "2015-08-04.json"
    if not path.exists():
        pytest.skip(f"SaudiNewsNet not found at {SAUDINEWSNET}")
    return [a.body for a in iter_articles([path]) if not isinstance(a, IngestError)][:600]


def test_minhash_estimates_jaccard(day_texts: list[str]) -> None:
    rng = random.Random(3)
    base = day_texts[:200]
    # near copies: drop a random fifth of each text's lines
    copies = []
    for text in base:
        lines = text.splitlines()
        copies.append("\n".join(l for l in lines if rng.random() > 0.2) or text)
    batch = shingle_batch(base + copies)
    sets = batch.shingle_sets()
    for signer in (oph_signatures, classic_signatures):
        sig = signer(batch, 128)
        errors = []
        for i in range(len(base)):
            a, b = sets[i], sets[len(base) + i]
            if a.size < 20:
                continue
            true = np.intersect1d(a, b).size / np.union1d(a, b).size
            errors.append(abs(float((sig[i] == sig[len(base) + i]).mean()) - true))
        assert np.mean(errors) < 0.04, signer.__name__
    identical = oph_signatures(shingle_batch([base[0], base[0]]))
    assert (identical[0] == identical[1]).all()


def test_banding_from_threshold_and_error_rate() -> None:
    assert optimal_banding(0.8, 128) == (16, 8)  # datasketch's default (9 × 13) misses ~10%
    bands, rows = optimal_banding(0.5, 128)
    assert bands * rows <= 128
    index = LSHIndex(threshold=0.8, num_perm=128)
    assert (index.bands, index.rows) == (16, 8)
    for bad in (dict(threshold=0.0), dict(threshold=1.5), dict(num_perm=1), dict(bands=4),
                dict(bands=20, rows=8), dict(false_negative=0.0)):
        with pytest.raises(ValueError):
            LSHIndex(**bad)


def test_index_incremental_update_and_eviction(day_texts: list[str]) -> None:
    texts = day_texts[:300]
    batch = shingle_batch(texts + texts[:20])  # the first 20 again: exact copies
    sig = oph_signatures(batch)
    index = LSHIndex(threshold=0.8)
    n = len(texts)
    for i in range(n):
        index.insert(i, sig[i], time=float(i))
    assert len(index) == n
    for k in range(20):
        if batch.of(k).size:
            assert k in dict(index.similar(sig[n + k]))
    # evicting by age drops the oldest entries and their buckets
    assert index.evict_before(100.0) == 100
    assert len(index) == n - 100 and 5 not in index
    assert all(k >= 100 for k, _ in index.similar(sig[n + 5]) if k != 5)
    index.remove(150)
    assert 150 not in index
    with pytest.raises(KeyError):
        index.remove(150)
    # re-inserting a key replaces it (no duplicate entries)
    index.insert(200, sig[200], time=500.0)
    assert index.evict_before(300.0) == n - 100 - 2  # everything but 200 (and 150, gone)
    assert len(index) == 1


def test_batch_pairs_equal_incremental_queries(day_texts: list[str]) -> None:
    batch = shingle_batch(day_texts)
    sig = oph_signatures(batch)
    index = LSHIndex(threshold=0.5)
    keys = index.band_keys(sig)
    valid = batch.offsets[1:] > batch.offsets[:-1]
    incremental = set()
    for i in range(len(day_texts)):
        if not valid[i]:
            continue
        incremental.update((j, i) for j in index.query(sig[i], keys[i]))
        index.insert(i, sig[i], band_keys=keys[i])
    assert set(map(tuple, colliding_pairs(keys, valid).tolist())) == incremental
    assert incremental  # the day has real duplicates


def test_alignment_kinds_on_real_sentences() -> None:
    s = "وقال المسؤولان الغربيان إن القوات الروسية هي التي ستشغل نظام إس.إيه22 وليس السوريين"
    edited = "وقال المسؤولان الغربيان إن القوات الروسية ستشغل نظام إس.إيه22 وليس السوريون"
    reworded = "أكد مسؤولان غربيان أن نظام إس.إيه22 ستشغله القوات الروسية وليس السوريين أنفسهم في سوريا"
    other = "أعلنت وزارة الدفاع الأميركية أن المكالمة الهاتفية بين كارتر وشويغو دامت 50 دقيقة"
    a = [sentence_features(s)]
    docs = [[sentence_features(x)] for x in (s, edited, reworded, other)]
    idf, default = idf_table([a, *docs])
    kinds = [[p.kind for p in align_sentences(a, d, idf, default)] for d in docs]
    assert kinds == [["exact"], ["near"], ["paraphrase"], []]


def test_named_agency() -> None:
    assert named_agency("نقلت وكالة \"رويترز\" للأنباء أن روسيا") == "رويترز"
    assert named_agency("ذكرت وكالة الأنباء السعودية (واس) أن") == "واس"
    assert named_agency("ونقلت وكالة الانباء الروسية ريا نوفوستي عن بوتين") == "ريا نوفوستي"
    assert named_agency("قال مسؤولون لـ«فرانس برس»") == "فرانس برس"
    assert named_agency("وأوضح وزير الداخلية أن الوضع مستقر") is None


def _article(id_: str, text: str, published: str | None = None, outlet: str | None = None) -> Article:
    art = Article(id=id_, path=id_, body=text, published=published, outlet=outlet, paragraphs=text.splitlines())
    return prepare(art)


def test_likely_original_earliest_then_longest(seeds) -> None:
    articles, _ = seeds
    text = next(a for a in articles if Path(a.path).name.startswith("004")).clean_text
    # 004 credits Reuters; strip the credits so only dates decide
    plain = text.replace("لوكالة «رويترز»،", "").replace("لوكالة «رويترز»", "")
    assert named_agency(plain) is None
    cut = "\n".join(plain.splitlines()[:-2])
    result = find_reuse([_article("late", plain, "2015-09-20"), _article("early", cut, "2015-09-19"), _article("none", plain)])
    assert len(result.groups) == 1
    group = result.groups[0]
    assert group.original == "early" and group.reason == "earliest" and group.near_duplicate
    assert group.article_ids[0] == "early" and set(group.article_ids) == {"early", "late", "none"}
    same_day = find_reuse([_article("full", plain, "2015-09-19"), _article("cut", cut, "2015-09-19")])
    assert same_day.groups[0].original == "full" and same_day.groups[0].reason == "longest"
    for link in result.links:
        assert link.jaccard >= 0.5 and link.near_duplicate
        assert link.a != link.b


# --- SaudiNewsNet: every exact duplicate is grouped -------------------------------------


def _assert_exact_duplicates_grouped(records: list[Article]) -> int:
    """Every record whose content duplicates another's is the same article (same id:
    same title and content) or in the same reuse group. Returns how many records
    duplicate an earlier one's content."""
    articles = [prepare(a) for a in unique_articles(records)]
    result = find_reuse(articles)
    group_of = {aid: g.id for g in result.groups for aid in g.article_ids}
    by_content: dict[str, list[str]] = defaultdict(list)
    for art in records:
        by_content[" ".join(art.body.split())].append(art.id)
    extra = 0
    for ids in by_content.values():
        extra += len(ids) - 1
        distinct = set(ids)
        if len(distinct) > 1:
            groups = {group_of.get(aid) for aid in distinct}
            assert None not in groups and len(groups) == 1, sorted(distinct)
    return extra


def _read(*paths: Path) -> list[Article]:
    return [a for a in iter_articles(list(paths)) if not isinstance(a, IngestError)]


def test_saudinewsnet_day_exact_duplicates_grouped() -> None:
    """Fast sample: every duplicated record of the busiest duplicate day, among 300
    other articles of that day."""
    path = SAUDINEWSNET / "2015-07-21.json"
    if not path.exists():
        pytest.skip(f"SaudiNewsNet not found at {SAUDINEWSNET}")
    read = _read(path)
    counts: dict[str, int] = defaultdict(int)
    for art in read:
        counts[" ".join(art.body.split())] += 1
    dups = [a for a in read if counts[" ".join(a.body.split())] > 1]
    others = random.Random(5).sample([a for a in read if counts[" ".join(a.body.split())] == 1], 300)
    extra = _assert_exact_duplicates_grouped(dups + others)
    assert extra >= 40  # not vacuous: the day holds dozens of duplicated records


@pytest.mark.slow
def test_saudinewsnet_all_exact_duplicates_grouped() -> None:
    """The whole corpus: 896 records duplicate another's content exactly, 344 of them
    with no text at all (ingest refuses those, one line each). With whitespace runs
    collapsed, 772 records with text duplicate another: each is the same article or
    in the same reuse group."""
    if not SAUDINEWSNET.is_dir():
        pytest.skip(f"SaudiNewsNet not found at {SAUDINEWSNET}")
    assert _assert_exact_duplicates_grouped(_read(SAUDINEWSNET)) == 772


# --- the monitor: incremental updates and a bounded window ---------------------------


def test_monitor_matches_batch_and_evicts_by_date() -> None:
    from marsad.reuse.detect import near_duplicate_pairs
    from marsad.reuse.monitor import ReuseMonitor

    days = [SAUDINEWSNET / "2015-08-06.json", SAUDINEWSNET / "2015-08-07.json"]
    if not all(p.exists() for p in days):
        pytest.skip(f"SaudiNewsNet not found at {SAUDINEWSNET}")
    per_day = [[prepare(a) for a in unique_articles(_read(p)[:250])] for p in days]
    # a window wide enough that no article of the two days (some dated by their text a
    # few days before the crawl) is evicted before the comparison
    monitor = ReuseMonitor(window_days=7)
    links = []
    for articles in per_day:
        for start in range(0, len(articles), 100):  # arrives in small batches
            links += monitor.update(articles[start : start + 100])
    everything = [a for articles in per_day for a in articles]
    everything = list({a.id: a for a in everything}.values())
    batch = shingle_batch([a.clean_text for a in everything])
    expected = near_duplicate_pairs(oph_signatures(batch), batch.shingle_sets(), 0.5)
    expected_ids = {frozenset((everything[i].id, everything[j].id)) for i, j in expected}
    assert {frozenset((l.a, l.b)) for l in links} == expected_ids
    assert expected_ids and all(l.near_duplicate and l.jaccard >= 0.5 for l in links)
    assert len(monitor) == len(everything)
    # a week later everything has left the window: index, sets and frequencies
    assert monitor.update([], now="2015-08-20") == []
    assert len(monitor) == 0 and len(monitor.index) == 0 and not monitor._df


# --- properties ----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from marsad.report.reuse import SentenceMark, paragraph_segments  # noqa: E402
from marsad.reuse.lsh import bucket_pairs  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 5), min_size=3, max_size=3), min_size=0, max_size=12))
def test_colliding_pairs_equal_brute_force(rows: list[list[int]]) -> None:
    keys = np.array(rows, dtype=np.uint64).reshape(len(rows), 3)
    expected = {
        (i, j) for i in range(len(rows)) for j in range(i + 1, len(rows)) if any(a == b for a, b in zip(rows[i], rows[j]))
    }
    assert set(map(tuple, colliding_pairs(keys).tolist())) == expected
    owner = np.repeat(np.arange(len(rows)), 3)
    counted = bucket_pairs(keys.ravel(), owner, np.tile(np.arange(3), len(rows)))
    assert {tuple(p) for p in counted.tolist()} == expected
    shared = {p: sum(a == b for a, b in zip(rows[p[0]], rows[p[1]])) for p in expected}
    assert all(counted.tolist().count([i, j]) == n for (i, j), n in shared.items())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="اب تث. ", min_size=1, max_size=40), min_size=1, max_size=4), st.data())
def test_paragraph_segments_lose_nothing(paragraphs: list[str], data: st.DataObject) -> None:
    art = _article("p", "\n".join(paragraphs))
    chosen = data.draw(st.sets(st.integers(0, max(len(art.sentences) - 1, 0))))
    marks = {i: SentenceMark(kind="exact", others=["q"]) for i in chosen if i < len(art.sentences)}
    segments = paragraph_segments(art, marks)
    assert ["".join(t for t, _ in pieces) for pieces in segments] == art.paragraphs
    marked = ["".join(t for t, m in pieces if m) for pieces in segments]
    for i in marks:
        assert art.sentences[i].text.strip() in "".join(marked) or not art.sentences[i].text.strip()
