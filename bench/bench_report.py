"""Report sizes, writing time and browser open time of a digest's reports.

    python bench/bench_report.py ../shared/data/saudinewsnet/2015-08-01.json --out /tmp/rep/day --cache /tmp/rep/day.pkl

Digests the input (or loads the digest pickled in ``--cache`` by an earlier run, so
the renderers of two versions can be compared on the same digest), writes the reports
with :func:`marsad.report.write_reports`, and opens ``report.html`` — and for a split
report the biggest and the median storyline page — in Debian's headless Chromium
(Playwright) at phone width: seconds to the ``load`` event (median of 3 after a
warm-up) and whether anything is wider than the viewport. ``--shots`` saves
screenshots. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import pickle
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _digest(inputs: list[str], cache: str | None):  # -> Digest
    if cache and Path(cache).exists():
        return pickle.loads(Path(cache).read_bytes())
    from marsad import pipeline
    from marsad.ingest import iter_articles
    from marsad.model import Article

    digest = pipeline.digest(a for a in iter_articles([Path(p) for p in inputs]) if isinstance(a, Article))
    if cache:
        Path(cache).write_bytes(pickle.dumps(digest))
    return digest


def _open_times(pages: dict[str, Path], shots: Path | None) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, dict[str, float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        for kind, path in pages.items():
            url = path.resolve().as_uri()
            page.goto(url, wait_until="load")  # warm-up: the file cache, the font
            times = []
            for _ in range(3):
                start = time.perf_counter()
                page.goto(url, wait_until="load")
                times.append(time.perf_counter() - start)
            out[kind] = {
                "bytes": path.stat().st_size,
                "load_s": round(statistics.median(times), 3),
                "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
            }
            if shots:
                shots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shots / f"{kind}-390.png"))
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--out", required=True)
    parser.add_argument("--cache", default=None, help="pickle of the digest (read if present, else written)")
    parser.add_argument("--shots", default=None, help="directory for screenshots")
    args = parser.parse_args()
    from marsad.report import write_reports

    digest = _digest(args.inputs, args.cache)
    out = Path(args.out)
    wall, cpu = time.perf_counter(), _cpu()
    write_reports(digest, out)
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    stories = sorted((out / "stories").glob("*.html"), key=lambda p: p.stat().st_size) if (out / "stories").is_dir() else []
    pages = {"report": out / "report.html"}
    if stories:
        by_id = {p.stem: p for p in stories}
        ranked = sorted((s for s in digest.storylines if not s.recurring), key=lambda s: -len(set(s.article_ids)))
        biggest = next((by_id[s.id] for s in ranked if s.id in by_id), stories[-1])
        pages["story_biggest"] = biggest
        pages["story_largest_file"] = stories[-1]
        pages["story_median"] = stories[len(stories) // 2]
    result = {
        "articles": len(digest.articles),
        "storylines": len(digest.storylines),
        "write_wall_s": round(wall, 2),
        "write_cpu_s": round(cpu, 2),
        "bytes": {name: (out / name).stat().st_size for name in ("report.json", "report.md", "report.html")},
        "story_pages": len(stories),
        "story_pages_bytes": sum(p.stat().st_size for p in stories),
        "browser": _open_times(pages, Path(args.shots) if args.shots else None),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
