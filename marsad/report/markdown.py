"""``report.md``: the digest as Markdown, for terminals, diffs and chat."""
from __future__ import annotations

from marsad.model import Digest
from marsad.report.reuse import markdown_paragraphs, markdown_section
from marsad.report.mdescape import md_text
from marsad.report.split import SPLIT_AT, StoryIndex, biggest_first, merge_digests, story_digest
from marsad.report.view import ReportView


def _cell(text: str | None) -> str:
    """Text from input as literal Markdown (see :mod:`marsad.report.mdescape`)."""
    return md_text(text or "")


#: Storylines a capped report.md shows (the biggest), over :data:`SPLIT_AT` articles.
MD_CAP = 30


def _stats(digest: Digest, view: ReportView) -> str:
    return (
        f"{len(digest.articles)} articles · {len(view.outlets())} outlets"
        + (f" ({view.unknown_outlet_articles()} articles from an unknown outlet)" if view.unknown_outlet_articles() else "")
        + f" · {len(digest.events)} events · "
        f"{len(digest.storylines)} storylines · {len(digest.quotes)} quotes"
    )


def render_markdown(digest: Digest, cap: int | None = None) -> str:
    """A readable Markdown report; sections appear when their stage produced data.

    With ``cap`` (what :func:`marsad.report.write_reports` gives a corpus of more than
    :data:`SPLIT_AT` articles) only the ``cap`` biggest storylines are shown, without
    the articles' texts, under a note saying so (a corpus's full Markdown was 307 MB);
    everything is in report.json.
    """
    if cap is None:
        return _render(digest, _stats(digest, ReportView.of(digest)), texts=True)
    stories = [s for s in digest.storylines if not s.recurring]
    top = biggest_first(stories)[:cap]
    shown = merge_digests([story_digest(digest, s, index) for index in [StoryIndex.of(digest)] for s in top])
    shown.storylines = top
    note = (
        f"> This report is capped: the {len(top)} biggest of {len(stories)} storylines "
        f"({len(shown.articles)} of {len(digest.articles)} articles), without the articles' texts. "
        "Every storyline has its page in report.html (stories/); everything is in report.json."
    )
    return _render(shown, _stats(digest, ReportView.of(digest)) + "\n\n" + note, texts=False)


def _render(digest: Digest, stats: str, texts: bool) -> str:
    view = ReportView.of(digest)
    out: list[str] = ["# تقرير مرصد — marsad report", ""]
    out.append(stats)
    out.append("")
    for storyline in (s for s in digest.storylines if not s.recurring):
        out += [f"## {_cell(storyline.title)}", ""]
        for sentence in view.summary(storyline.id):
            cites = ", ".join(_cell(view.label(a)) for a in sentence.sources)
            out.append(f"- {_cell(sentence.text)} [{cites}] (independent: {sentence.independent})")
        out.append("")
        story_events = view.events(storyline)
        if story_events:
            out += ["### الأحداث — Events", ""]
            for event in story_events:
                when = event.date or "?"
                when += f" – {event.date_end}" if event.date_end else ""
                outlets = ", ".join(_cell(view.outlet_name(o)) for o in event.outlets) or ", ".join(_cell(view.label(a)) for a in event.article_ids)
                out.append(f"- **{_cell(when)}** {_cell(event.title)} — {outlets} ({len(event.article_ids)} articles)")
            out.append("")
        outlets, rows = view.coverage_table(storyline.id)
        if rows:
            out += ["### من غطّى ماذا — Coverage by outlet", ""]
            out.append("| fact | " + " | ".join(_cell(view.outlet_label(o)) for o in outlets) + " |")
            out.append("|---|" + "---|" * len(outlets))
            for fact, covered in rows:
                text = fact.text if len(fact.text) <= 90 else fact.text[:89] + "…"
                out.append(f"| {_cell(text)} | " + " | ".join("✓" if c else "·" for c in covered) + " |")
            out.append("")
    series = [s for s in digest.storylines if s.recurring]
    if series:
        out += ["## سلاسل متكررة — Recurring series", ""]
        for storyline in series:
            out.append(f"- {_cell(storyline.title)} — {len(storyline.event_ids)} events, {len(storyline.article_ids)} articles, {', '.join(storyline.outlets)}")
        out.append("")
    if digest.timeline:
        out += ["## الخط الزمني — Timeline", ""]
        for _, arabic, english, entries in view.timeline_groups():
            out += [f"### {arabic} — {english}", ""]
            for entry in entries:
                cites = ", ".join(_cell(view.label(a)) for a in (entry.sources or [entry.article_id]))
                out.append(f"- **{_cell(entry.date)}** {_cell(entry.text)} [{cites}]")
            out.append("")
    if digest.quotes:
        out += ["## من قال ماذا — Who said what", ""]
        for title, speakers in view.who_said_what():
            if title:
                out += [f"### {_cell(title)}", ""]
            for speaker, quotes in speakers:
                out.append(f"- **{_cell(speaker)}**")
                for quote in quotes:
                    out.append(f"  - ({quote.kind}) {_cell(quote.text)} [{_cell(view.label(quote.article_id))}]")
            out.append("")
    out += markdown_section(digest, view.label, view.title)
    if not texts:
        return "\n".join(out) + "\n"
    out += ["## المقالات — Articles", ""]
    for article in digest.articles:
        meta = " · ".join(_cell(x) for x in (view.outlet_name(article.outlet), article.published, article.id) if x)
        out += [f"### {_cell(view.title(article.id))}", "", f"_{meta}_ — {_cell(article.path)}", ""]
        out += markdown_paragraphs(view.segments(article.id))
        if article.removed:
            out.append("<details><summary>removed</summary>\n")
            out += [f"- ({r.kind}) {_cell(r.text)}" for r in article.removed]
            out += ["", "</details>", ""]
    return "\n".join(out) + "\n"
