"""The HTML report opened in headless Debian chromium: right to left, the five titles."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from marsad import pipeline
from marsad.ingest import iter_articles
from marsad.model import Article
from marsad.report import write_reports
from tests.conftest import SEEDS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.browser


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (make test installs it)")
def test_html_report_renders_rtl_with_titles(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    digest = pipeline.digest(a for a in iter_articles([SEEDS]) if isinstance(a, Article))
    write_reports(digest, tmp_path)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto((tmp_path / "report.html").as_uri())
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        titles = page.locator("h3.article-title").all_inner_texts()
        assert len(titles) == 5
        assert "لافروف: واشنطن رفضت التنسيق بشأن سوريا" in titles
        # readable on a phone: nothing wider than the viewport
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(tmp_path / "report.png"))
        browser.close()


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (make test installs it)")
def test_split_report_index_opens_a_story_page(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    digest = pipeline.digest(a for a in iter_articles([SEEDS]) if isinstance(a, Article))
    write_reports(digest, tmp_path, split=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto((tmp_path / "report.html").as_uri())
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.locator("ol.stories a").first.click()
        page.wait_for_load_state("load")
        assert "/stories/" in page.url
        assert len(page.locator("h3.article-title").all_inner_texts()) == 5
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.locator("nav.back a").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/report.html")
        browser.close()
