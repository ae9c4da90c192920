"""`marsad bench summary`: marsad's cited summaries against sumy's LexRank and TextRank.

Every system sees the same storylines, the same sentences (marsad's splitter, the
articles' ``sentences``), the same word tokens (normalized, light-stemmed, Arabic
stopwords removed) and the same word budget: a system's ranked sentences are taken
best first while they fit the words left. A lead baseline (round-robin article leads,
earliest articles first) is included as a floor.

Measures per system, averaged over storylines:

* ROUGE-1/2/L F1 (rouge-score, with an Arabic-aware tokenizer: marsad's normalized
  tokens, light-stemmed; rouge-score's default tokenizer drops Arabic letters and
  scores 0) against reference summaries, when ``refs`` gives some;
* redundancy: mean over summary sentences of the highest cosine similarity
  (stemmed content-word counts) to another sentence of the same summary;
* multi-outlet fact coverage: the share of the storyline's facts stated by ≥ 2
  outlets (marsad's fact grouping, shared by all systems) that the summary states,
  i.e. contains one of the fact's sentences; and ``corroborated``: the share of
  summary sentences that state such a fact;
* wall and CPU time of the summarizer alone (sentences already split; marsad's
  includes building the facts).

Storylines come from the stories stage when it produced some; else from the reuse
stage (connected components of reuse links spanning ≥ 2 outlets); ``group="title"``
groups records that share a title across outlets (a transparent grouping for corpora
with titles); ``group="one"`` treats all inputs as one storyline (for a set known to
be one story, such as the seeds).
"""
from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from marsad import pipeline
from marsad.arabic.lexicons import STOPWORDS
from marsad.arabic.stem import stem
from marsad.arabic.tokenize import words
from marsad.ingest import IngestError, iter_articles
from marsad.model import Article, Digest, Reuse, Storyline
from marsad.summarize import SummaryOptions, build_facts, content_tokens, outlet_of, select_facts

SYSTEMS = ("marsad", "lexrank", "textrank", "lead")


class ArabicRougeTokenizer:
    """rouge-score tokenizer for Arabic: normalized tokens, light-stemmed."""

    def tokenize(self, text: str) -> list[str]:
        return [stem(w) or w for w in words(text)]


class _SumyTokenizer:
    """sumy tokenizer over marsad's word tokens (sentences are given, not split)."""

    language = "arabic"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:  # pragma: no cover - unused
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))


@dataclass(slots=True, frozen=True)
class Unit:
    """One candidate sentence: where it is and its text."""

    article_id: str
    index: int
    text: str


def _budget_pick(ranked: Iterable[int], units: Sequence[Unit], budget: int) -> list[int]:
    """Best-first sentences that fit the words left (the same rule for every system)."""
    chosen: list[int] = []
    left = budget
    for k in ranked:
        length = len(units[k].text.split())
        if 0 < length <= left:
            chosen.append(k)
            left -= length
    return chosen


def _sumy_rank(kind: str, units: Sequence[Unit], articles: Sequence[Article]) -> list[int]:
    """Unit indexes ranked by sumy's LexRank or TextRank over a document made of one
    paragraph per article, one sumy sentence per marsad sentence."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    tokenizer = _SumyTokenizer()
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(stem)
    summarizer.stop_words = STOPWORDS
    by_article: dict[str, list[int]] = defaultdict(list)
    for k, unit in enumerate(units):
        by_article[unit.article_id].append(k)
    paragraphs = []
    first_of: dict[str, int] = {}
    for article in articles:
        sentences = []
        for k in by_article.get(article.id, ()):
            sentences.append(Sentence(units[k].text, tokenizer))
            first_of.setdefault(units[k].text.strip(), k)
        if sentences:
            paragraphs.append(Paragraph(sentences))
    document = ObjectDocumentModel(tuple(paragraphs))
    ranked: list[int] = []

    def take_all(infos: list) -> list:
        # sumy hands its sentences sorted by rating, best first: keep that order
        ranked.extend(first_of[str(info.sentence)] for info in infos)
        return infos

    summarizer(document, take_all)
    return list(dict.fromkeys(ranked))


def _lead_rank(units: Sequence[Unit], articles: Sequence[Article]) -> list[int]:
    """Round-robin leads: every article's first sentence, then every second one, …;
    within a round, articles by date (undated last), then input order."""
    order = {a.id: (a.published or "9999", n) for n, a in enumerate(articles)}
    return sorted(range(len(units)), key=lambda k: (units[k].index, order[units[k].article_id]))


def _cosine_tokens(a: Counter, b: Counter) -> float:
    dot = sum(v * b[t] for t, v in a.items() if t in b)
    norm = np.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return float(dot / norm) if norm else 0.0


def redundancy(texts: Sequence[str]) -> float:
    """Mean over sentences of the highest cosine similarity (stemmed content-word
    counts) to another sentence of the same summary; 0 for fewer than two."""
    if len(texts) < 2:
        return 0.0
    bags = [Counter(content_tokens(t)) for t in texts]
    best = [max(_cosine_tokens(bags[i], bags[j]) for j in range(len(bags)) if j != i) for i in range(len(bags))]
    return float(np.mean(best))


def rouge(summary: str, references: Sequence[str]) -> dict[str, float]:
    """ROUGE-1/2/L F1 of ``summary`` against the best-matching reference."""
    from rouge_score.rouge_scorer import RougeScorer

    scorer = RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=ArabicRougeTokenizer())
    scores = scorer.score_multi(list(references), summary)
    return {name: round(score.fmeasure, 4) for name, score in scores.items()}


def load_refs(path: str | None) -> dict[str, list[str]]:
    """References by storyline id: a JSON object ``{id: [text, …]}`` (``"*"`` applies to
    every storyline), or a directory of ``<id>.txt`` / ``<id>.<n>.txt`` files."""
    if not path:
        return {}
    source = Path(path)
    if source.is_dir():
        refs: dict[str, list[str]] = defaultdict(list)
        for file in sorted(source.glob("*.txt")):
            refs[file.name.split(".")[0]].append(file.read_text(encoding="utf-8"))
        return dict(refs)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: not a readable JSON file of references ({error})") from None
    if not isinstance(data, dict) or not all(
        isinstance(v, list) and all(isinstance(t, str) for t in v) for v in data.values()
    ):
        raise ValueError(f"{path}: references must be a JSON object mapping storyline ids to lists of texts")
    return data


# --- storylines --------------------------------------------------------------------------


def _components(article_ids: Sequence[str], links: Iterable[Reuse]) -> list[list[str]]:
    parent = {a: a for a in article_ids}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for link in links:
        if link.a in parent and link.b in parent:
            parent[find(link.a)] = find(link.b)
    groups: dict[str, list[str]] = defaultdict(list)
    for a in article_ids:
        groups[find(a)].append(a)
    return list(groups.values())


def pick_storylines(result: Digest, group: str, events: int, min_outlets: int = 2) -> tuple[str, list[Storyline]]:
    """The storylines to benchmark and how they were found (see the module docstring):
    at most ``events`` of them with ≥ ``min_outlets`` outlets, most outlets first."""
    by_id = {a.id: a for a in result.articles}
    if group == "one":
        return "one", [Storyline(id="all", title="all inputs", article_ids=list(by_id))]
    if group == "title":
        titles: dict[str, list[str]] = defaultdict(list)
        for article in result.articles:
            if article.title:
                titles[" ".join(words(article.title))].append(article.id)
        found, how = [Storyline(id=f"t{n}", title=t, article_ids=ids) for n, (t, ids) in enumerate(titles.items())], "title"
    elif result.storylines:
        found, how = list(result.storylines), "stories"
    elif result.reuse:
        found = [
            Storyline(id=f"r{n}", title=by_id[ids[0]].title or ids[0], article_ids=ids)
            for n, ids in enumerate(_components(list(by_id), result.reuse))
        ]
        how = "reuse"
    else:
        return "none", []

    def outlets(s: Storyline) -> int:
        return len({outlet_of(by_id[a]) for a in s.article_ids if a in by_id})

    multi = [s for s in found if outlets(s) >= min_outlets]
    multi.sort(key=lambda s: (-outlets(s), -len(s.article_ids), s.id))
    return how, multi[:events]


def read_corpus(corpus: Sequence[str], limit: int | None) -> tuple[list[Article], int]:
    """Readable articles of the inputs (at most ``limit``) and the count of bad ones."""
    articles: list[Article] = []
    errors = 0
    for item in iter_articles([Path(p) for p in corpus]):
        if isinstance(item, IngestError):
            errors += 1
            continue
        articles.append(item)
        if limit is not None and len(articles) >= limit:
            break
    return articles, errors


def prepare_digest(articles: Sequence[Article], needed: Sequence[str] = ("reuse", "stories")) -> Digest:
    """Prepared articles with only the stages the benchmark needs (reuse, stories)."""
    result = Digest(articles=[pipeline.prepare(a) for a in pipeline.unique_articles(articles)])
    options = pipeline.Options()
    for name, stage in pipeline.STAGES:
        if name in needed:
            started = time.perf_counter()
            stage(result, options)
            result.stage_seconds[name] = time.perf_counter() - started
    return result


# --- the benchmark -----------------------------------------------------------------------


def evaluate_storyline(
    storyline: Storyline,
    articles: Sequence[Article],
    reuse: Sequence[Reuse],
    words_budget: int,
    references: Sequence[str] = (),
) -> dict[str, dict[str, Any]]:
    """Every system's summary of one storyline and its measures."""
    options = SummaryOptions(words=words_budget)
    units = [Unit(a.id, i, s.text) for a in articles for i, s in enumerate(a.sentences) if s.text.strip()]
    where = {(u.article_id, u.index): k for k, u in enumerate(units)}
    out: dict[str, dict[str, Any]] = {}

    started, cpu = time.perf_counter(), time.process_time()
    facts, fact_sim, _ = build_facts(storyline, articles, reuse, options)
    chosen = select_facts(facts, fact_sim, options)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    by_id = {a.id: a for a in articles}
    marsad_units = []
    for i in chosen:
        fact = facts[i]
        index = next(n for n, s in enumerate(by_id[fact.article_id].sentences) if s.start == fact.start)
        marsad_units.append((where[(fact.article_id, index)], fact.text))
    out["marsad"] = {"units": [k for k, _ in marsad_units], "texts": [t for _, t in marsad_units], "seconds": seconds, "cpu_seconds": cpu}

    rankers: dict[str, Callable[[], list[int]]] = {
        "lexrank": lambda: _sumy_rank("lexrank", units, articles),
        "textrank": lambda: _sumy_rank("textrank", units, articles),
        "lead": lambda: _lead_rank(units, articles),
    }
    for name, rank in rankers.items():
        started, cpu = time.perf_counter(), time.process_time()
        picked = _budget_pick(rank(), units, words_budget)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        out[name] = {"units": picked, "texts": [units[k].text for k in picked], "seconds": seconds, "cpu_seconds": cpu}

    # facts stated by ≥ 2 outlets: which of them each summary states
    member_of: dict[int, int] = {}
    for f, fact in enumerate(facts):
        for m in fact.sentences:
            k = where.get((m.article_id, m.sentence))
            if k is not None:
                member_of[k] = f
    multi = {f for f, fact in enumerate(facts) if len(fact.outlets) >= 2}
    for name, summary in out.items():
        stated = [member_of.get(k) for k in summary["units"]]
        summary["words"] = sum(len(t.split()) for t in summary["texts"])
        summary["sentences"] = len(summary["texts"])
        summary["redundancy"] = round(redundancy(summary["texts"]), 4)
        summary["multi_outlet_coverage"] = round(len({f for f in stated if f in multi}) / len(multi), 4) if multi else None
        summary["corroborated"] = round(sum(f in multi for f in stated) / len(stated), 4) if stated else 0.0
        if references:
            summary.update(rouge(" ".join(summary["texts"]), references))
    return out


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(float(np.mean(present)), 4) if present else None


def run_summary_benchmark(
    corpus: Sequence[str],
    refs: str | None = None,
    words_budget: int = 120,
    events: int = 20,
    limit: int | None = None,
    group: str = "auto",
    show_summaries: bool = False,
) -> dict[str, Any]:
    """Read ``corpus``, find multi-outlet storylines, summarize each with every system
    and return the figures (one JSON-ready dict)."""
    references = load_refs(refs)
    articles, errors = read_corpus(corpus, limit)
    started = time.perf_counter()
    result = prepare_digest(articles)
    prepare_seconds = time.perf_counter() - started
    how, storylines = pick_storylines(result, group, events)
    by_id = {a.id: a for a in result.articles}
    per_storyline = []
    totals: dict[str, dict[str, list]] = {s: defaultdict(list) for s in SYSTEMS}
    for storyline in storylines:
        members = [by_id[a] for a in dict.fromkeys(storyline.article_ids) if a in by_id]
        ids = {a.id for a in members}
        links = [r for r in result.reuse if r.a in ids and r.b in ids]
        refs_here = references.get(storyline.id) or references.get("*") or []
        systems = evaluate_storyline(storyline, members, links, words_budget, refs_here)
        row: dict[str, Any] = {
            "storyline": storyline.id,
            "title": storyline.title,
            "articles": len(members),
            "outlets": len({outlet_of(a) for a in members}),
            "references": len(refs_here),
        }
        for name, summary in systems.items():
            for key in ("redundancy", "multi_outlet_coverage", "corroborated", "words", "seconds", "cpu_seconds", "rouge1", "rouge2", "rougeL"):
                if key in summary:
                    totals[name][key].append(summary[key])
            row[name] = {k: v for k, v in summary.items() if k not in ("units",) and (show_summaries or k != "texts")}
        per_storyline.append(row)
    table = {
        name: {
            "rouge1": _mean(t.get("rouge1", [])),
            "rouge2": _mean(t.get("rouge2", [])),
            "rougeL": _mean(t.get("rougeL", [])),
            "redundancy": _mean(t.get("redundancy", [])),
            "multi_outlet_coverage": _mean(t.get("multi_outlet_coverage", [])),
            "corroborated": _mean(t.get("corroborated", [])),
            "words": _mean(t.get("words", [])),
            "seconds": round(float(sum(t.get("seconds", []))), 3),
            "cpu_seconds": round(float(sum(t.get("cpu_seconds", []))), 3),
        }
        for name, t in totals.items()
    }
    return {
        "corpus": list(corpus),
        "articles": len(result.articles),
        "unreadable": errors,
        "grouping": how,
        "storylines": len(storylines),
        "words": words_budget,
        "with_references": sum(1 for r in per_storyline if r["references"]),
        "prepare_seconds": round(prepare_seconds, 3),
        "systems": table,
        "per_storyline": per_storyline,
    }


def format_table(figures: dict[str, Any]) -> str:
    """The per-system means as a Markdown table."""
    head = (
        f"{figures['storylines']} storylines ({figures['grouping']}), {figures['articles']} articles, "
        f"budget {figures['words']} words, references for {figures['with_references']}"
    )
    lines = [
        head,
        "",
        "| system | ROUGE-1 | ROUGE-2 | ROUGE-L | redundancy ↓ | multi-outlet facts covered | corroborated sentences | words | wall s | CPU s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]

    def cell(value: Any) -> str:
        return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)

    for name, row in figures["systems"].items():
        lines.append(
            f"| {name} | {cell(row['rouge1'])} | {cell(row['rouge2'])} | {cell(row['rougeL'])} | {cell(row['redundancy'])} | "
            f"{cell(row['multi_outlet_coverage'])} | {cell(row['corroborated'])} | {cell(row['words'])} | {cell(row['seconds'])} | "
            f"{cell(row['cpu_seconds'])} |"
        )
    return "\n".join(lines)
