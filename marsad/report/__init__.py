"""Renderers of a Digest: JSON (the contract), Markdown and HTML.

A corpus of more than :data:`~marsad.report.split.SPLIT_AT` articles gets an HTML index
of storylines with one page per storyline and a capped Markdown (see
:mod:`marsad.report.split`); a smaller one gets one self-contained page.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, TextIO

from marsad.model import Digest
from marsad.report.html import render_html, render_index, render_story_page
from marsad.report.jsonreport import render_json, write_json
from marsad.report.markdown import MD_CAP, render_markdown
from marsad.report.split import SPLIT_AT, StoryIndex, stale_pages, story_file

__all__ = ["render_html", "render_index", "render_json", "render_markdown", "render_story_page", "write_json", "write_reports", "SPLIT_AT"]


def _write(path: Path, text: str | Callable[[TextIO], None]) -> Path:
    """Write ``text`` (or what a writer callable writes to the file) through a temporary
    name and rename, so a crash never leaves half a file."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        if callable(text):
            text(fh)
        else:
            fh.write(text)
    tmp.replace(path)
    return path


def write_reports(digest: Digest, out_dir: Path, split: bool | None = None) -> list[Path]:
    """Write report.json, report.md and report.html into ``out_dir``; return their paths.

    ``split`` (default: more than SPLIT_AT articles) makes report.html an index with one
    page per storyline under ``stories/`` and caps report.md; story pages of an earlier
    run that this digest does not have are removed.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    split = len(digest.articles) > SPLIT_AT if split is None else split
    # report.json streamed: the largest report, never held as one string
    written = [_write(out_dir / "report.json", lambda fh: write_json(digest, fh))]
    written.append(_write(out_dir / "report.md", render_markdown(digest, cap=MD_CAP if split else None)))
    if not split:
        written.append(_write(out_dir / "report.html", render_html(digest)))
        return written
    stories_dir = out_dir / "stories"
    stories_dir.mkdir(exist_ok=True)
    index = StoryIndex.of(digest)
    names = set()
    for storyline in digest.storylines:
        name = story_file(storyline.id)
        names.add(name)
        _write(stories_dir / name, render_story_page(digest, storyline, index))
    for old in stale_pages(stories_dir, names):
        old.unlink()
    written.append(_write(out_dir / "report.html", render_index(digest)))
    return written
