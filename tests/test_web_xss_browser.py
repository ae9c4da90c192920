"""No script from an article ever runs (issue 19), checked in headless Chromium.

Hostile articles (``javascript:``/``data:`` URLs in any case, ``<script>``, ``<img
onerror>``, ``<svg onload>`` in titles, texts and outlet names — the ``script`` cases of
tests/hostile_cases.py) are ingested beside the seeds; every page that shows them is
loaded and every link on it clicked, and the test fails if any dialog (``alert``)
fires. The digest's report.html is opened from disk and checked the same way.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.ingest import IngestError, iter_articles, read_file
from marsad.store import open_store
from marsad.store.loader import ingest_into, rebuild_derived
from tests.hostile_cases import cases
from tests.test_web_browser import ARGS, CHROMIUM, SEEDS, running_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} not installed (run `make browser`)"),
]


def _hostile_articles(tmp: Path) -> list:
    found = []
    for case in cases(0.02):
        if case.script:
            path = tmp / case.name.decode()
            path.write_bytes(case.data)
            found += [a for a in read_file(path) if not isinstance(a, IngestError)]
    return found


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str], Path]]:
    from marsad import pipeline
    from marsad.report import write_reports

    tmp = tmp_path_factory.mktemp("xss")
    hostile = _hostile_articles(tmp)
    seeds = [a for a in iter_articles([SEEDS]) if not isinstance(a, IngestError)]
    db = str(tmp / "marsad.db")
    with open_store(db) as store:
        ingest_into(store, [*seeds, *hostile])
        rebuild_derived(store)
    digest = pipeline.digest([*seeds, *hostile], pipeline.Options(workers=1))
    write_reports(digest, tmp / "report")
    write_reports(digest, tmp / "report" / "split", split=True)  # index + a page per storyline, as a big corpus gets
    with running_server(db) as url:
        yield url, [a.id for a in hostile], tmp / "report" / "report.html"


def _goto(page: object, url: str) -> None:
    """Load ``url``, retrying once when a navigation a click started interrupts it."""
    for attempt in range(3):
        try:
            page.goto(url, wait_until="load")  # type: ignore[attr-defined]
            return
        except Exception:  # noqa: BLE001 - "interrupted by another navigation"
            if attempt == 2:
                raise
            page.wait_for_timeout(200)  # type: ignore[attr-defined]


def test_no_dialog_fires_on_load_or_on_clicking_any_link(hostile_server: tuple[str, list[str], Path]) -> None:
    from playwright.sync_api import sync_playwright

    base, hostile_ids, report = hostile_server
    dialogs: list[str] = []
    pages = [base + "/", base + "/articles-list", *(f"{base}/article/{i}" for i in hostile_ids),
             base + "/find?q=alert", report.as_uri()]
    split = report.parent / "split"
    pages += [(split / "report.html").as_uri(), *(p.as_uri() for p in sorted((split / "stories").glob("*.html"))[:6])]
    clicked = 0
    clicked_hrefs: set[str] = set()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(locale="ar")
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
        # story pages hold the hostile titles and summaries too
        page.goto(base + "/")
        pages += [base + h for h in page.eval_on_selector_all("a[href^='/story/']", "els => els.map(e => e.getAttribute('href'))")[:2]]
        for url in dict.fromkeys(pages):
            _goto(page, url)
            hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
            # one click per distinct target (a link's href is what could run script)
            first = {}
            for index, href in enumerate(hrefs):
                first.setdefault(href, index)
            for href, index in first.items():
                if href in clicked_hrefs:
                    continue
                clicked_hrefs.add(href)
                _goto(page, url)
                link = page.locator("a[href]").nth(index)
                try:
                    link.click(timeout=3_000)
                    page.wait_for_load_state("load", timeout=5_000)
                    clicked += 1
                except Exception:  # noqa: BLE001 - hidden links and offline targets are fine; dialogs are what we count
                    continue
            assert not any(h.strip().lower().startswith(("javascript:", "data:")) for h in hrefs), (url, hrefs)
        browser.close()
    assert clicked > 10
    assert dialogs == []
