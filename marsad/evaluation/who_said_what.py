"""Who said what, scored: a report's quotes, entities and dates against gold labels.

The gold format is ``../shared/guides/who-said-what.md``: one JSON record per article,
``article`` naming it ``FILE.json#N``, with its ``quotes`` (an ``anchor`` copied from
inside each statement, ``speaker_text``, ``speaker``, ``kind``), ``not_quotes``
(anchors of things that look like speech but are not), ``entities`` (``name``,
``type``, every surface ``forms``) and ``dates``.

A gold article is found in a report by the ``path`` suffix ``FILE.json#N`` (a digest
of the day files), else by URL (a digest of the selected records, see
``eval/select_records.py``; the URL of ``FILE.json#N`` is read from the corpus).

Matching is on a *key*: :func:`marsad.arabic.normalize.normalize`, punctuation
dropped, words joined by one space, so a quote's span and the labeller's copy agree
however quotation marks, commas and spelling variants were written. The rules:

* a gold statement is **found** when a produced quote of its article contains its
  anchor; the measures that follow (speaker, kind) use the shortest such quote;
* a produced quote is **right** (precision) when it overlaps a gold statement
  (contains the anchor, lies inside it, or shares :data:`MIN_SHARED_WORDS`
  consecutive words with it), contains no ``not_quotes`` anchor, and overlaps none
  unless it contains a gold anchor whole (a headline sharing a name run with the
  statement does not make it wrong);
* a **speaker** is right when the produced speaker, or the name or a variant of its
  ``speaker_entity``, denotes the gold speaker: equal keys, or one a run of words of
  the other with at least two words (``فيصل بن خالد`` in ``الأمير فيصل بن خالد بن
  عبدالعزيز``); the gold ``speaker_text`` counts too unless it is a bare pronoun or
  title (``سموه``, ``الوزير``), which must be resolved to count;
* an entity **form is found** when it equals (clitics as written, or without a leading
  و/ف/ب/ل/ك) a mention of that article (``mentions`` of the report when present, else
  the name and variants of the entities listing the article); it **lands right**
  when the entity holding it denotes the gold entity (its name matches the gold name or
  one of the gold forms, by the speaker rule); a gold entity's found forms are **held
  together** when one produced entity holds them all;
* a gold **date** is right when a timeline entry of its article has its value.

Pure functions over plain dicts (the parsed report and gold records); reading files
happens in :func:`read_gold`, :func:`read_parts` and :func:`corpus_urls` only.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.arabic.normalize import normalize

__all__ = [
    "GoldArticle",
    "QuoteScores",
    "EntityScores",
    "read_gold",
    "read_parts",
    "corpus_urls",
    "match_articles",
    "score_quotes",
    "score_entities",
    "text_key",
]

#: Consecutive words a produced quote must share with a gold anchor to overlap it.
MIN_SHARED_WORDS = 4
#: Speaker texts that name nobody by themselves: title-pronouns and bare titles.
UNRESOLVED_SPEAKERS = frozenset(
    normalize(w) for w in (
        "سموه", "سموها", "معاليه", "معاليها", "فضيلته", "سعادته", "سعادتها", "دولته", "جلالته", "سيادته",
        "الأمير", "الوزير", "المتحدث", "الرئيس", "الملك", "الشيخ", "الدكتور", "المدير", "اللواء", "العقيد",
        "الصحيفة", "الوكالة", "القناة", "الوزارة", "المصدر", "هو", "هي", "هم", "إنه", "أنه",
    )
)
_NON_WORD_RE = re.compile(r"[^\w\s]+")
_SPACE_RE = re.compile(r"\s+")
_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


@lru_cache(maxsize=65536)
def text_key(text: str | None) -> str:
    """The matching key of a text: normalized spelling, no punctuation, single spaces."""
    if not text:
        return ""
    return _SPACE_RE.sub(" ", _NON_WORD_RE.sub(" ", normalize(text).replace("_", " "))).strip()


def _form_keys(form: str) -> set[str]:
    """A gold surface form's keys: as written, and without one leading proclitic
    (``بجدة`` → ``جدة``, ``للأمم`` → ``الأمم``)."""
    key = text_key(form)
    keys = {key} if key else set()
    if key.startswith("لل") and len(key) > 4:
        keys.add("ال" + key[2:])
    for clitic in _PROCLITICS:
        if key.startswith(clitic) and len(key) - len(clitic) >= 3:
            keys.add(key[len(clitic):])
    return keys


def _contains_words(outer: str, inner: str) -> bool:
    """Whether key ``inner`` is a run of whole words of key ``outer``."""
    return bool(inner) and f" {inner} " in f" {outer} "


def _shared_run(a: str, b: str) -> int:
    """The longest run of consecutive words two keys share."""
    wa, wb = a.split(), b.split()
    best = 0
    previous = [0] * (len(wb) + 1)
    for x in wa:
        current = [0] * (len(wb) + 1)
        for j, y in enumerate(wb, start=1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def overlaps(quote_key: str, anchor_key: str) -> bool:
    """Whether a produced quote and a gold anchor cover the same words (see module doc)."""
    if not quote_key or not anchor_key:
        return False
    if _contains_words(quote_key, anchor_key) or _contains_words(anchor_key, quote_key):
        return True
    shortest = min(len(quote_key.split()), len(anchor_key.split()))
    return _shared_run(quote_key, anchor_key) >= min(MIN_SHARED_WORDS, shortest)


def same_name(produced: str | None, gold: str | None) -> bool:
    """Whether two names denote the same one: equal keys, one a run of at least two
    words of the other, or one the other after a generic head that names the same
    thing (صحيفة عكاظ = عكاظ, مدينة غزة = غزة; the canonicalizer's own rule)."""
    a, b = text_key(produced), text_key(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    head, _, rest = longer.partition(" ")
    if rest == shorter and head in _generic_heads():
        return True
    return len(shorter.split()) >= 2 and _contains_words(longer, shorter)


@lru_cache(maxsize=1)
def _generic_heads() -> frozenset[str]:
    from marsad.entities.canonical import GENERIC_HEADS

    return frozenset(text_key(h) for h in GENERIC_HEADS)


# --- gold ---------------------------------------------------------------------------


@dataclass(slots=True)
class GoldArticle:
    """One labelled article (the guide's record); ``part`` is tune/heldout or None."""

    article: str
    quotes: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    not_quotes: list[str] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    part: str | None = None
    url: str | None = None


def _gold_article(record: Any, where: str) -> GoldArticle:
    if not isinstance(record, Mapping) or not isinstance(record.get("article"), str):
        raise ValueError(f"{where}: not a gold record (an object with an \"article\" name)")
    lists = {}
    for name in ("quotes", "entities", "not_quotes", "dates"):
        value = record.get(name) or []
        if not isinstance(value, list):
            raise ValueError(f"{where}: \"{name}\" is not a list")
        lists[name] = value
    for quote in lists["quotes"]:
        if not isinstance(quote, Mapping) or not isinstance(quote.get("anchor"), str) or not quote["anchor"].strip():
            raise ValueError(f"{where}: a quote without an \"anchor\" string")
    for entity in lists["entities"]:
        if not isinstance(entity, Mapping) or not isinstance(entity.get("forms", []), list):
            raise ValueError(f"{where}: an entity whose \"forms\" is not a list")
    return GoldArticle(
        article=record["article"].strip(),
        quotes=[dict(q) for q in lists["quotes"]],
        entities=[dict(e) for e in lists["entities"]],
        not_quotes=[str(n) for n in lists["not_quotes"] if str(n).strip()],
        dates=[dict(d) for d in lists["dates"] if isinstance(d, Mapping)],
        part=record.get("part") if isinstance(record.get("part"), str) else None,
        url=record.get("url") if isinstance(record.get("url"), str) else None,
    )


def read_gold(paths: Sequence[Path]) -> dict[str, GoldArticle]:
    """Gold articles from JSON Lines files; an article in several files takes the
    record of the last file given (the adjudicated one, listed last)."""
    gold: dict[str, GoldArticle] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{where}: invalid JSON ({exc})") from None
            article = _gold_article(record, where)
            gold[article.article] = article
    return gold


def read_parts(path: Path) -> dict[str, str]:
    """``article`` → ``part`` (tune/heldout) from a sample file such as
    ``eval/dev/wsw_sample.jsonl``."""
    parts: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            if isinstance(record.get("article"), str) and isinstance(record.get("part"), str):
                parts[record["article"]] = record["part"]
    return parts


def corpus_urls(names: Iterable[str], corpus: Path) -> dict[str, str]:
    """The URL of each ``FILE.json#N`` found in the corpus directory (one read per file)."""
    by_file: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for name in names:
        file, _, index = name.rpartition("#")
        if file and index.isdigit():
            by_file[file].append((name, int(index)))
    urls: dict[str, str] = {}
    for file, wanted in by_file.items():
        path = corpus / file
        if not path.is_file():
            continue
        records = json.loads(path.read_text(encoding="utf-8"))
        for name, index in wanted:
            if index < len(records) and isinstance(records[index], Mapping) and records[index].get("url"):
                urls[name] = str(records[index]["url"]).strip()
    return urls


def match_articles(gold: Iterable[GoldArticle], report: Mapping[str, Any], urls: Mapping[str, str] | None = None) -> dict[str, str]:
    """Gold article name → report article id, by path suffix, else by URL."""
    urls = urls or {}
    articles = report.get("articles") or []
    by_url = {str(a["url"]).strip(): a["id"] for a in articles if a.get("url")}
    found: dict[str, str] = {}
    for item in gold:
        name = item.article
        for article in articles:
            path = str(article.get("path") or "")
            if path == name or path.endswith(("/" + name, "\\" + name)):
                found[name] = article["id"]
                break
        else:
            url = item.url or urls.get(name)
            if url and url.strip() in by_url:
                found[name] = by_url[url.strip()]
    return found


# --- quotes -------------------------------------------------------------------------


@dataclass(slots=True)
class QuoteScores:
    """Counts behind the quote measures, and the misses for reading."""

    articles: int = 0
    gold_quotes: int = 0
    found: int = 0
    produced: int = 0
    produced_right: int = 0
    speaker_right: int = 0
    kind_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        """The measures as a flat dict (ratios rounded to 4 places, None when undefined)."""
        return {
            "articles": self.articles,
            "gold_quotes": self.gold_quotes,
            "produced_quotes": self.produced,
            "quote_recall": _ratio(self.found, self.gold_quotes),
            "quote_precision": _ratio(self.produced_right, self.produced),
            "speaker_right": _ratio(self.speaker_right, self.found),
            "kind_right": _ratio(self.kind_right, self.found),
        }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _entity_names(report: Mapping[str, Any]) -> dict[str, list[str]]:
    """Entity id → its name and variants."""
    return {e["id"]: [e.get("name") or "", *(e.get("variants") or [])] for e in report.get("entities") or []}


def speaker_right(quote: Mapping[str, Any], gold_quote: Mapping[str, Any], entity_names: Mapping[str, list[str]]) -> bool:
    """Whether the produced quote's speaker denotes the gold speaker (see module doc)."""
    targets = [gold_quote.get("speaker")]
    spoken = gold_quote.get("speaker_text")
    if spoken and text_key(spoken) not in UNRESOLVED_SPEAKERS:
        targets.append(spoken)
    targets = [t for t in targets if text_key(t)]
    produced = [quote.get("speaker")]
    if quote.get("speaker_entity"):
        produced += entity_names.get(quote["speaker_entity"], [])
    produced = [p for p in produced if text_key(p) and text_key(p) not in UNRESOLVED_SPEAKERS]
    if not targets:
        return not produced
    return any(same_name(p, t) for p in produced for t in targets)


def score_quotes(gold: Mapping[str, GoldArticle], report: Mapping[str, Any], matched: Mapping[str, str]) -> QuoteScores:
    """Quote recall, precision, speaker and kind right over the matched gold articles."""
    scores = QuoteScores()
    by_article: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for quote in report.get("quotes") or []:
        by_article[quote.get("article_id")].append(quote)
    names = _entity_names(report)
    for name, article_id in sorted(matched.items()):
        item = gold[name]
        produced = by_article.get(article_id, [])
        keys = [text_key(q.get("text")) for q in produced]
        anchors = [text_key(q["anchor"]) for q in item.quotes]
        wrong_anchors = [text_key(n) for n in item.not_quotes]
        scores.articles += 1
        scores.gold_quotes += len(item.quotes)
        scores.produced += len(produced)
        for gold_quote, anchor in zip(item.quotes, anchors):
            holding = [(len(k), i) for i, k in enumerate(keys) if _contains_words(k, anchor)]
            if not holding:
                scores.misses.append({"article": name, "miss": "not found", "anchor": gold_quote["anchor"], "speaker": gold_quote.get("speaker")})
                continue
            quote = produced[min(holding)[1]]
            scores.found += 1
            if speaker_right(quote, gold_quote, names):
                scores.speaker_right += 1
            else:
                scores.misses.append({"article": name, "miss": "speaker", "anchor": gold_quote["anchor"],
                                      "speaker": gold_quote.get("speaker"), "produced": quote.get("speaker")})
            if quote.get("kind") == gold_quote.get("kind"):
                scores.kind_right += 1
        for quote, key in zip(produced, keys):
            if any(_contains_words(key, w) for w in wrong_anchors) or (
                not any(_contains_words(key, a) for a in anchors) and any(overlaps(key, w) for w in wrong_anchors)
            ):
                scores.misses.append({"article": name, "miss": "not speech", "text": quote.get("text"), "produced": quote.get("speaker")})
            elif any(overlaps(key, a) for a in anchors):
                scores.produced_right += 1
            else:
                scores.misses.append({"article": name, "miss": "no gold statement", "text": quote.get("text"), "produced": quote.get("speaker")})
    return scores


# --- entities -----------------------------------------------------------------------


@dataclass(slots=True)
class EntityScores:
    """Counts behind the entity and date measures, and the misses for reading."""

    articles: int = 0
    gold_entities: int = 0
    found_exact: int = 0
    forms_found: int = 0
    forms_right: int = 0
    multi_form_entities: int = 0
    held_together: int = 0
    gold_dates: int = 0
    dates_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        """The measures as a flat dict (ratios rounded to 4 places, None when undefined)."""
        return {
            "articles": self.articles,
            "gold_entities": self.gold_entities,
            "entities_found_exact_form": _ratio(self.found_exact, self.gold_entities),
            "forms_found": self.forms_found,
            "attribution_precision": _ratio(self.forms_right, self.forms_found),
            "entities_with_several_forms_found": self.multi_form_entities,
            "forms_held_together": _ratio(self.held_together, self.multi_form_entities),
            "gold_dates": self.gold_dates,
            "dates_right": _ratio(self.dates_right, self.gold_dates),
        }


def _article_mentions(report: Mapping[str, Any], article_id: str) -> dict[str, set[str]]:
    """Mention key → the ids of the entities holding it in this article.

    Uses the report's ``mentions`` (``article_id``, ``text``, ``entity_id``) when it has
    them; otherwise the names and variants of the entities listing the article.
    """
    held: dict[str, set[str]] = defaultdict(set)
    mentions = report.get("mentions")
    if mentions:
        for mention in mentions:
            if mention.get("article_id") == article_id and mention.get("entity_id"):
                held[text_key(mention.get("text"))].add(mention["entity_id"])
        return held
    for entity in report.get("entities") or []:
        if article_id in (entity.get("article_ids") or []):
            for name in (entity.get("name"), *(entity.get("variants") or [])):
                if text_key(name):
                    held[text_key(name)].add(entity["id"])
    return held


def denotes(entity: Mapping[str, Any], gold_entity: Mapping[str, Any]) -> bool:
    """Whether a produced entity's canonical name names the gold entity."""
    gold_names = [gold_entity.get("name"), *(gold_entity.get("forms") or [])]
    name = entity.get("name")
    return any(same_name(name, g) or text_key(name) in _form_keys(g or "") for g in gold_names if g)


def score_entities(gold: Mapping[str, GoldArticle], report: Mapping[str, Any], matched: Mapping[str, str]) -> EntityScores:
    """Entity found/attribution/held-together and dates right over the matched articles."""
    scores = EntityScores()
    entities = {e["id"]: e for e in report.get("entities") or []}
    dates_of: dict[str, set[str]] = defaultdict(set)
    for entry in report.get("timeline") or []:
        # an entry cites every article that states the development (primary first)
        for source in entry.get("sources") or [entry.get("article_id")]:
            dates_of[source].add(str(entry.get("date")))
    for name, article_id in sorted(matched.items()):
        item = gold[name]
        held = _article_mentions(report, article_id)
        scores.articles += 1
        for gold_entity in item.entities:
            forms = [f for f in gold_entity.get("forms") or [] if text_key(f)] or [gold_entity.get("name") or ""]
            scores.gold_entities += 1
            holders: set[str] = set()
            found_forms = 0
            for form in forms:
                ids = set().union(*(held.get(k, set()) for k in _form_keys(form)))
                if not ids:
                    continue
                found_forms += 1
                holders |= ids
                for entity_id in ids:
                    scores.forms_found += 1
                    if denotes(entities.get(entity_id, {}), gold_entity):
                        scores.forms_right += 1
                    else:
                        scores.misses.append({"article": name, "miss": "wrong entity", "form": form,
                                              "gold": gold_entity.get("name"), "produced": entities.get(entity_id, {}).get("name")})
            if found_forms:
                scores.found_exact += 1
            else:
                scores.misses.append({"article": name, "miss": "not found", "gold": gold_entity.get("name")})
            if found_forms >= 2 and len({text_key(f) for f in forms}) >= 2:
                scores.multi_form_entities += 1
                if len(holders) == 1:
                    scores.held_together += 1
        for date in item.dates:
            scores.gold_dates += 1
            if str(date.get("value")) in dates_of.get(article_id, set()):
                scores.dates_right += 1
    return scores


def select_part(gold: Mapping[str, GoldArticle], part: str, parts: Mapping[str, str]) -> dict[str, GoldArticle]:
    """The gold articles of one part (``tune``, ``heldout``) or all of them (``all``);
    an article's part is its gold record's ``part``, else the sample file's."""
    if part == "all":
        return dict(gold)
    return {n: g for n, g in gold.items() if (g.part or parts.get(n)) == part}


@dataclass(slots=True)
class Evaluation:
    """What the ``marsad eval quotes|entities`` commands print."""

    part: str
    gold_articles: int
    unmatched: list[str]
    quotes: QuoteScores
    entities: EntityScores


def evaluate(
    gold_paths: Sequence[Path],
    report_path: Path,
    part: str = "all",
    sample: Path | None = None,
    corpus: Path | None = None,
) -> Evaluation:
    """Read gold files and a report, match their articles, and score both halves.

    Raises ValueError (with the file named) on unreadable input, or when ``part``
    is asked for and no article carries a part.
    """
    gold = read_gold(gold_paths)
    parts = read_parts(sample) if sample is not None and sample.is_file() else {}
    chosen = select_part(gold, part, parts)
    if part != "all" and gold and not any(g.part or parts.get(n) for n, g in gold.items()):
        raise ValueError(f"--part {part}: no gold article has a part (give --sample with the tune/heldout split)")
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ValueError(f"{report_path}: not a JSON report ({exc})") from None
    if not isinstance(report, Mapping) or not isinstance(report.get("articles"), list):
        raise ValueError(f"{report_path}: not a marsad report (no \"articles\" list)")
    urls = corpus_urls(chosen, corpus) if corpus is not None and corpus.is_dir() else {}
    matched = match_articles(chosen.values(), report, urls)
    return Evaluation(
        part=part,
        gold_articles=len(chosen),
        unmatched=sorted(set(chosen) - set(matched)),
        quotes=score_quotes(chosen, report, matched),
        entities=score_entities(chosen, report, matched),
    )
