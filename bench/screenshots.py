"""Screenshots of every page kind of the web UI at phone (390 px) and desktop (1280 px)
widths, for review by eye, with each page's load time and width.

    python bench/screenshots.py --db marsad.db --out shots/

Serves the store on a free local port (uvicorn in a thread), opens each page in
Debian's headless Chromium (Playwright), and writes ``KIND-WIDTH.png`` plus
``pages.json`` (url, seconds to load, scrollWidth per page and width). The pages are
picked from the store: the latest day, the story with most outlets that day, its
longest article, the most mentioned entity, a search for that entity's name.
"""
from __future__ import annotations

import argparse
import json
import socket
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.store import open_store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = (390, 1280)


def page_urls(db: str) -> dict[str, str]:
    """One URL per page kind, chosen from what the store holds."""
    with open_store(db) as store:
        day = store.latest_day()
        found = store.day_stories(day, day, min_articles=2, limit=1) if day else {"items": []}
        story = found["items"][0] if found["items"] else (store.stories(order="outlets", limit=1) or [None])[0]
        full = store.story(story["id"]) if story else None
        article = None
        if full and full["articles"]:
            article = full["articles"][0]["id"]
        entity = (store.entities(limit=1) or [None])[0]
        before, _ = store.adjacent_days(day) if day else (None, None)
    urls = {"home": "/", "names": "/names", "articles": "/articles-list", "all-stories": "/?order=biggest"}
    if before:
        urls["day"] = f"/?date={before}"
    if story:
        urls["story"] = f"/story/{story['id']}"
    if article:
        urls["article"] = f"/article/{article}"
    if entity:
        urls["entity"] = f"/entity/{entity['id']}"
        urls["search"] = f"/find?q={quote(entity['name'])}"
    return urls


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="SQLite file or postgresql:// URL")
    parser.add_argument("--out", required=True, help="directory for the PNGs and pages.json")
    args = parser.parse_args()
    import uvicorn
    from playwright.sync_api import sync_playwright

    from marsad.api import create_app

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    urls = page_urls(args.db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(args.db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    report = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for width in WIDTHS:
            context = browser.new_context(locale="ar", viewport={"width": width, "height": 900})
            page = context.new_page()
            for kind, url in urls.items():
                page.goto(base + url)  # warm (first request opens the store connection)
                start = time.perf_counter()
                page.goto(base + url, wait_until="load")
                seconds = time.perf_counter() - start
                scroll = page.evaluate("document.documentElement.scrollWidth")
                path = out / f"{kind}-{width}.png"
                page.screenshot(path=str(path), full_page=width > 400 or kind not in ("article", "story"))
                if kind == "story":  # the charts up close (the whole page is very tall)
                    for section in ("charts", "timeline", "copymap"):
                        element = page.locator(f"#{section}")
                        if element.count():
                            element.screenshot(path=str(out / f"story-{section}-{width}.png"))
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=str(out / f"{kind}-{width}-top.png"))
                report.append({"kind": kind, "url": url, "width": width, "scroll_width": scroll, "load_seconds": round(seconds, 3), "png": str(path)})
                print(f"{kind:12s} {width:5d}px  load {seconds:6.3f}s  scrollWidth {scroll:5d}  {path}")
            context.close()
        browser.close()
    server.should_exit = True
    (out / "pages.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
