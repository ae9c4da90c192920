"""Reports of big corpora: report.html an index of storylines linking to one page per
storyline, report.md capped with a note (forced on the seeds; real text)."""
from __future__ import annotations

import re
from pathlib import Path

from marsad import pipeline
from marsad.ingest import IngestError, iter_articles
from marsad.report import SPLIT_AT, write_reports
from marsad.report.split import StoryIndex, story_digest
from tests.conftest import SEEDS


def _digest():
    return pipeline.digest([a for a in iter_articles([SEEDS]) if not isinstance(a, IngestError)])


def test_a_small_corpus_keeps_one_page(tmp_path: Path) -> None:
    digest = _digest()
    assert len(digest.articles) <= SPLIT_AT
    write_reports(digest, tmp_path)
    assert not (tmp_path / "stories").exists()
    assert len(re.findall(r'<h3 class="article-title">', (tmp_path / "report.html").read_text(encoding="utf-8"))) == 5


def test_split_report_links_every_storyline_to_its_own_page(tmp_path: Path) -> None:
    digest = _digest()
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "st-gone.html").write_text("old run", encoding="utf-8")
    write_reports(digest, tmp_path, split=True)
    index = (tmp_path / "report.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(stories/[^"]+)"', index)
    assert sorted(links) == sorted(f"stories/{s.id}.html" for s in digest.storylines)
    assert not (tmp_path / "stories" / "st-gone.html").exists()  # a page of an earlier run is gone
    story = digest.storylines[0]
    page = (tmp_path / "stories" / f"{story.id}.html").read_text(encoding="utf-8")
    assert 'href="../report.html"' in page
    # the page holds the storyline's own articles and quotes, nothing else
    assert page.count('<h3 class="article-title">') == len(set(story.article_ids))
    sub = story_digest(digest, story, StoryIndex.of(digest))
    assert {q.article_id for q in sub.quotes} <= set(story.article_ids)
    assert len(sub.quotes) == sum(1 for q in digest.quotes if q.article_id in set(story.article_ids))
    assert {r.a for r in sub.reuse} | {r.b for r in sub.reuse} <= set(story.article_ids)
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "This report is capped" in md and "## المقالات — Articles" not in md
