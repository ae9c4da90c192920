"""What the Markdown and HTML reports show about text reuse (pure, over a Digest).

* :func:`reuse_marks` — for every article, which of its sentences were aligned with
  another article's, the strongest kind and the other articles (for highlighting);
* :func:`paragraph_segments` — an article's paragraphs cut into plain and reused
  pieces, so a renderer can wrap the reused ones (``<mark>``) without touching offsets;
* :func:`group_summaries` — per reuse group, the likely original, why, and who
  re-published it and how much of each re-publication comes from the group.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from marsad.report.mdescape import md_line, md_text
from marsad.model import Article, Digest, ReuseGroup

__all__ = [
    "SentenceMark",
    "reuse_marks",
    "paragraph_segments",
    "group_summaries",
    "GroupSummary",
    "markdown_section",
    "markdown_paragraphs",
    "REASON_LABELS",
    "KIND_LABELS",
]

_KIND_RANK = {"exact": 0, "near": 1, "paraphrase": 2}

#: How the reports name the reasons and kinds (Arabic, English).
REASON_LABELS = {
    "agency": ("يذكر الوكالة", "names the agency"),
    "earliest": ("الأقدم نشراً", "earliest published"),
    "longest": ("النص الأكمل", "fullest text"),
}
KIND_LABELS = {"exact": ("مطابقة", "exact"), "near": ("شبه مطابقة", "near"), "paraphrase": ("إعادة صياغة", "paraphrase")}


@dataclass(slots=True)
class SentenceMark:
    """A sentence reused between articles: its strongest pair kind and the others."""

    kind: str
    others: list[str] = field(default_factory=list)


def reuse_marks(digest: Digest) -> dict[str, dict[int, SentenceMark]]:
    """``{article_id: {sentence_index: SentenceMark}}`` over every reuse link."""
    marks: dict[str, dict[int, SentenceMark]] = {}

    def add(article_id: str, index: int, kind: str, other: str) -> None:
        mark = marks.setdefault(article_id, {}).get(index)
        if mark is None:
            marks[article_id][index] = SentenceMark(kind=kind, others=[other])
            return
        if _KIND_RANK[kind] < _KIND_RANK[mark.kind]:
            mark.kind = kind
        if other not in mark.others:
            mark.others.append(other)

    for link in digest.reuse:
        for pair in link.pairs:
            add(link.a, pair.a, pair.kind, link.b)
            add(link.b, pair.b, pair.kind, link.a)
    return marks


def paragraph_segments(article: Article, marks: dict[int, SentenceMark]) -> list[list[tuple[str, SentenceMark | None]]]:
    """Each paragraph as ``[(text, mark or None), …]``; joined, the texts give the
    paragraph back exactly. Sentences are located by their offsets into the clean
    text (paragraphs joined by ``\\n``)."""
    spans = sorted(
        (s.start, s.end, marks[i]) for i, s in enumerate(article.sentences) if i in marks
    )
    out: list[list[tuple[str, SentenceMark | None]]] = []
    offset = 0
    for paragraph in article.paragraphs:
        end = offset + len(paragraph)
        pieces: list[tuple[str, SentenceMark | None]] = []
        cursor = offset
        for start, stop, mark in spans:
            start, stop = max(start, cursor), min(stop, end)
            if start >= stop:
                continue
            if start > cursor:
                pieces.append((paragraph[cursor - offset : start - offset], None))
            pieces.append((paragraph[start - offset : stop - offset], mark))
            cursor = stop
        if cursor < end or not pieces:
            pieces.append((paragraph[cursor - offset :], None))
        out.append(pieces)
        offset = end + 1
    return out


@dataclass(slots=True)
class GroupSummary:
    """One reuse group as the reports show it."""

    group: ReuseGroup
    original: str
    reason_ar: str
    reason_en: str
    #: (article id, share of its sentences aligned with the original or another member)
    copies: list[tuple[str, float]] = field(default_factory=list)


def group_summaries(digest: Digest) -> list[GroupSummary]:
    """The reuse groups, largest first, each with its re-publications and how much of
    each was reused (its highest containment towards another member)."""
    share: dict[str, float] = {}
    for link in digest.reuse:
        share[link.b] = max(share.get(link.b, 0.0), link.containment_b)
        share[link.a] = max(share.get(link.a, 0.0), link.containment_a)
    out = []
    for group in sorted(digest.reuse_groups, key=lambda g: (-len(g.article_ids), g.id)):
        ar, en = REASON_LABELS.get(group.reason, (group.reason, group.reason))
        if group.reason == "agency" and group.agency:
            ar, en = f"{ar}: {group.agency}", f"{en}: {group.agency}"
        copies = [(aid, share.get(aid, 0.0)) for aid in group.article_ids[1:]]
        out.append(GroupSummary(group=group, original=group.original, reason_ar=ar, reason_en=en, copies=copies))
    return out


def _md_cell(text: str) -> str:
    """Text from input as literal Markdown (see :mod:`marsad.report.mdescape`)."""
    return md_text(text)


def markdown_section(
    digest: Digest, label: Callable[[str], str], title: Callable[[str], str], max_pairs: int = 8
) -> list[str]:
    """The "text reuse" section of ``report.md``: groups with their likely original,
    the copy map (who re-published whom, how much), and the copied sentences.

    ``label``/``title`` name an article (``ReportView.label``/``ReportView.title``).
    """
    if not digest.reuse:
        return []
    by_id = {a.id: a for a in digest.articles}
    out = ["## إعادة النشر — Text reuse", ""]
    for summary in group_summaries(digest):
        copies = ", ".join(f"{_md_cell(label(aid))} ({share:.0%})" for aid, share in summary.copies)
        tag = " · near-duplicates" if summary.group.near_duplicate else ""
        out.append(
            f"- **{_md_cell(label(summary.original))}** — likely original ({summary.reason_ar} / {summary.reason_en}){tag}"
            f" ← re-published by: {copies}"
        )
    out += ["", "| source (a) | re-publication (b) | share of a reused | share of b reused | 5-gram Jaccard | pairs |",
            "|---|---|---|---|---|---|"]
    for link in digest.reuse:
        kinds = {k: sum(1 for p in link.pairs if p.kind == k) for k in KIND_LABELS}
        detail = ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
        dup = " (near-duplicate)" if link.near_duplicate else ""
        out.append(
            f"| {_md_cell(label(link.a))} | {_md_cell(label(link.b))} | {link.containment_a:.0%} | "
            f"{link.containment_b:.0%} | {link.jaccard:.2f}{dup} | {len(link.pairs)} ({detail}) |"
        )
    out.append("")
    for link in digest.reuse:
        a, b = by_id.get(link.a), by_id.get(link.b)
        if a is None or b is None or not link.pairs:
            continue
        out.append(f"<details><summary>{_md_cell(title(link.a))} ↔ {_md_cell(title(link.b))}</summary>\n")
        for pair in link.pairs[:max_pairs]:
            out.append(f"- ({KIND_LABELS[pair.kind][1]} {pair.similarity:.2f}) {_md_cell(a.sentences[pair.a].text)}")
            out.append(f"  ↔ {_md_cell(b.sentences[pair.b].text)}")
        if len(link.pairs) > max_pairs:
            out.append(f"- … {len(link.pairs) - max_pairs} more")
        out += ["", "</details>", ""]
    return out


def markdown_paragraphs(segments: list[list[tuple[str, SentenceMark | None]]]) -> list[str]:
    """Paragraph lines of ``report.md`` with reused sentences wrapped in ``<mark>``."""
    out = []
    for pieces in segments:
        out.append(md_line("".join(f"<mark>{md_text(text)}</mark>" if mark else md_text(text) for text, mark in pieces)))
        out.append("")
    return out
