"""Does a cited article state what it is cited for?

Every summary sentence and timeline entry cites the articles that state it. A citation
is *supported* when the cited article has a sentence that states the claim:

* the same sentence after normalization (or one containing the other: a summary may
  trim an attribution tail, an article may add one), or
* a sentence the reuse stage aligned to the claim's own sentence (copied text), or
* a sentence at least :data:`SUPPORT_MIN` similar to the claim by the summary stage's
  blended similarity (:func:`marsad.summarize.sentence_similarity`, fitted on the pair).

The same test runs when a stage cites (:func:`supported`) and when a report is audited
(:func:`evaluate_report`, ``marsad eval citations``), so the audit checks what the code
promises. Bracketed insertions (``وأكد سموه [أمير منطقة عسير]``) are the report's, not the
source's, and are left out of the comparison.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from marsad.arabic.normalize import normalize

__all__ = ["SUPPORT_MIN", "claim_key", "states", "supported", "evaluate_report"]

#: blended similarity at which a sentence states a claim (the summary stage's
#: same-fact threshold)
SUPPORT_MIN = 0.5
#: candidate sentences compared in full per citation (the ones sharing most words)
_CANDIDATES = 4

_BRACKETS_RE = re.compile(r"\s*\[[^\]]*\]")
_NON_WORD_RE = re.compile(r"[^\w]+")


def claim_key(text: str) -> str:
    """``text`` for exact comparison: bracketed insertions dropped, normalized, only
    words, single spaces."""
    return _NON_WORD_RE.sub(" ", normalize(_BRACKETS_RE.sub("", text))).strip()


def states(claim: str, sentence: str, min_similarity: float = SUPPORT_MIN) -> bool:
    """Whether ``sentence`` states ``claim`` (see the module docstring)."""
    from marsad.summarize import sentence_similarity

    a, b = claim_key(claim), claim_key(sentence)
    if not a or not b:
        return False
    if a == b or (len(a.split()) >= 6 and a in b) or (len(b.split()) >= 6 and b in a):
        return True
    return sentence_similarity(_BRACKETS_RE.sub("", claim), sentence) >= min_similarity


def supported(claim: str, sentences: Iterable[str], aligned: bool = False, min_similarity: float = SUPPORT_MIN) -> bool:
    """Whether an article whose sentences are ``sentences`` states ``claim``;
    ``aligned`` says the reuse stage already aligned one of them to the claim's own
    sentence. Only the few sentences sharing most content words with the claim are
    compared in full."""
    if aligned:
        return True
    from marsad.summarize import content_tokens

    claim_tokens = set(content_tokens(_BRACKETS_RE.sub("", claim)))
    key = claim_key(claim)
    scored: list[tuple[int, int, str]] = []
    for n, sentence in enumerate(sentences):
        other = claim_key(sentence)
        if other and (other == key or (len(key.split()) >= 6 and key in other) or (len(other.split()) >= 6 and other in key)):
            return True
        shared = len(claim_tokens & set(content_tokens(sentence)))
        if shared >= 2:
            scored.append((-shared, n, sentence))
    scored.sort()
    return any(states(claim, sentence, min_similarity) for _, _, sentence in scored[:_CANDIDATES])


# --- auditing a report ---------------------------------------------------------------------


def _aligned_sources(report: Mapping[str, Any]) -> dict[tuple[str, int], set[str]]:
    """(article id, sentence index) → ids of the articles with a sentence the reuse
    stage aligned to it."""
    out: dict[tuple[str, int], set[str]] = {}
    for link in report.get("reuse", ()):
        for pair in link.get("pairs", ()):
            out.setdefault((link["a"], pair["a"]), set()).add(link["b"])
            out.setdefault((link["b"], pair["b"]), set()).add(link["a"])
    return out


def _claim_sentence(claim: str, sentences: Sequence[str]) -> int | None:
    key = claim_key(claim)
    for n, sentence in enumerate(sentences):
        other = claim_key(sentence)
        if other and (other == key or key in other or (len(other.split()) >= 6 and other in key)):
            return n
    return None


def evaluate_report(report: Mapping[str, Any], title_words: int = 16) -> dict[str, Any]:
    """Citation and presentation figures of a ``report.json``: supported share of the
    summary's and timeline's citations, furniture sentences in summaries, storyline
    and event titles of at most ``title_words`` words, timeline entries per kind and
    fragments among them, title-pronoun subjects left unnamed in summaries."""
    from marsad.statements import is_fragment, is_furniture, title_pronoun_subject

    sentences = {a["id"]: [s["text"] for s in a.get("sentences", ())] for a in report.get("articles", ())}
    aligned = _aligned_sources(report)
    figures: dict[str, Any] = {}
    unsupported_examples: list[dict[str, str]] = []

    def check(claim: str, sources: Sequence[str]) -> tuple[int, int]:
        total = ok = 0
        primary = sources[0] if sources else None
        index = _claim_sentence(claim, sentences.get(primary, ())) if primary else None
        linked = aligned.get((primary, index), set()) if index is not None else set()
        for source in sources:
            total += 1
            if supported(claim, sentences.get(source, ()), aligned=source in linked):
                ok += 1
            elif len(unsupported_examples) < 20:
                unsupported_examples.append({"claim": claim, "source": source})
        return total, ok

    for part in ("summary", "timeline"):
        total = ok = 0
        for item in report.get(part, ()):
            sources = item.get("sources") or ([item["article_id"]] if item.get("article_id") else [])
            t, k = check(item["text"], sources)
            total, ok = total + t, ok + k
        figures[f"{part}_citations"] = total
        figures[f"{part}_supported"] = ok
        figures[f"{part}_supported_share"] = round(ok / total, 4) if total else None
    summary = report.get("summary", ())
    figures["summary_sentences"] = len(summary)
    figures["summary_furniture"] = sum(1 for s in summary if is_furniture(s["text"]))
    figures["summary_fragments"] = sum(1 for s in summary if is_fragment(s["text"]))
    figures["summary_unnamed_title_pronoun"] = sum(
        1 for s in summary if title_pronoun_subject(s["text"]) and "[" not in s["text"]
    )
    for level in ("storylines", "events"):
        titles = [x.get("title") or "" for x in report.get(level, ())]
        short = sum(1 for t in titles if len(t.split()) <= title_words)
        figures[f"{level}_titles"] = len(titles)
        figures[f"{level}_titles_short_share"] = round(short / len(titles), 4) if titles else None
    timeline = report.get("timeline", ())
    figures["timeline_entries"] = len(timeline)
    figures["timeline_by_kind"] = dict(Counter(t.get("kind", "development") for t in timeline))
    figures["timeline_fragments"] = sum(1 for t in timeline if is_fragment(t["text"]) or is_furniture(t["text"]))
    figures["unsupported_examples"] = unsupported_examples
    return figures
