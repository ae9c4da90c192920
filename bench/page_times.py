"""Server time per page kind of the web UI: median of 5 requests after a warm-up,
through FastAPI's TestClient (no network, no browser), pages as
``bench/screenshots.py`` picks them from the store.

    python bench/page_times.py DB
"""
from __future__ import annotations

import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    warnings.filterwarnings("ignore")
    from fastapi.testclient import TestClient

    from bench.screenshots import page_urls
    from marsad.api import create_app

    db = sys.argv[1]
    urls = page_urls(db)
    urls["api-stories-day"] = "/stories?date=" + urls.get("day", "/?date=").split("=")[-1]
    with TestClient(create_app(db)) as client:
        for kind, url in urls.items():
            client.get(url)
            times = []
            for _ in range(5):
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            print(f"{kind:16s} {response.status_code} {len(response.content):8d} bytes  median {statistics.median(times) * 1000:7.1f} ms  {url[:60]}")


if __name__ == "__main__":
    main()
