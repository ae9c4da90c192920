"""Ingest throughput on real text: SaudiNewsNet JSON, HTML pages, legacy encodings.

    .venv/bin/python bench/bench_ingest.py --limit-files 18 --html-pages 300 --legacy-mb 1 5 --text-dates

* JSON: day files of ``../shared/data/saudinewsnet`` read through ``iter_articles``.
* HTML: SaudiNewsNet articles written as news pages (navigation, related links,
  footer, OpenGraph metadata) into a temporary directory, then ingested with
  trafilatura; also checks that every page's body comes back whole.
* Legacy encodings: SaudiNewsNet text concatenated to N MB, saved as cp1256 and
  ISO-8859-6, decoded (strict UTF-8 fails → charset-normalizer → Arabic re-ranking).
* Text dates (``--text-dates``): the publication-date-from-text rule scored against
  SaudiNewsNet's crawl dates, metadata ignored.

Times are CPU seconds of this process (the machine is shared).
"""
from __future__ import annotations

import argparse
import html
import json
import tempfile
import time
from pathlib import Path

from marsad.ingest import IngestError, iter_articles
from marsad.ingest.encoding import decode_bytes

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAUDI = SHARED / "data" / "saudinewsnet"

PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} | {source}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{source}">
<meta property="article:published_time" content="{date}">
<link rel="canonical" href="{url}"></head><body>
<header><nav><a href="/">الرئيسية</a> <a href="/local">محليات</a> <a href="/world">دولي</a>
<a href="/sport">رياضة</a> <a href="/economy">اقتصاد</a></nav></header>
<main><article><h1>{title}</h1><div class="byline">{author}</div>{paragraphs}</article>
<aside><h3>اقرأ أيضا</h3><ul>{related}</ul></aside></main>
<footer><p>جميع الحقوق محفوظة © {source} 2015</p><p>سياسة الخصوصية - اتصل بنا</p></footer>
</body></html>"""


def bench_json(files: list[Path]) -> dict:
    started = time.process_time()
    articles = errors = 0
    for item in iter_articles(files):
        if isinstance(item, IngestError):
            errors += 1
        else:
            articles += 1
    seconds = time.process_time() - started
    mb = sum(f.stat().st_size for f in files) / 1e6
    return {"files": len(files), "articles": articles, "errors": errors, "cpu_s": round(seconds, 2),
            "articles_per_cpu_s": round(articles / seconds), "mb_per_cpu_s": round(mb / seconds, 1)}


def _records(count: int) -> list[dict]:
    out: list[dict] = []
    for path in sorted(SAUDI.glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            if len(record["content"].split()) >= 80 and record["title"].strip():
                out.append(record)
                if len(out) == count:
                    return out
    return out


def bench_html(pages: int) -> dict:
    records = _records(pages)
    with tempfile.TemporaryDirectory() as tmp:
        expected: dict[str, list[str]] = {}
        for index, record in enumerate(records):
            paragraphs = [" ".join(p.split()) for p in record["content"].split("\n") if p.strip()]
            related = "".join(f"<li><a href='/a/{i}'>{html.escape(r['title'])}</a></li>"
                              for i, r in enumerate(records[index + 1:index + 6]))
            page = PAGE.format(
                title=html.escape(record["title"]), source=html.escape(record["source"]),
                date=record["date_extracted"].replace(" ", "T"), url=html.escape(record["url"]),
                author=html.escape(record["author"] or ""), related=related,
                paragraphs="".join(f"<p>{html.escape(p)}</p>" for p in paragraphs))
            name = f"{index:05d}.html"
            (Path(tmp) / name).write_text(page, encoding="utf-8")
            expected[name] = paragraphs
        started = time.process_time()
        items = list(iter_articles([tmp]))
        seconds = time.process_time() - started
    articles = [i for i in items if not isinstance(i, IngestError)]
    whole = sum(1 for a in articles if a.body.split("\n") == expected[Path(a.path).name])
    # trafilatura drops bidi marks (U+200E/U+200F) inside paragraphs.
    unmark = str.maketrans("", "", "\u200e\u200f")
    whole_unmarked = sum(
        1 for a in articles
        if a.body.translate(unmark).split("\n")
        == [p.translate(unmark) for p in expected[Path(a.path).name]]
    )
    dated = sum(1 for a in articles if a.published_from == "metadata")
    return {"pages": len(records), "articles": len(articles), "errors": len(items) - len(articles),
            "body_exact": whole, "body_exact_ignoring_bidi_marks": whole_unmarked, "dated_from_metadata": dated, "cpu_s": round(seconds, 2),
            "pages_per_cpu_s": round(len(articles) / seconds, 1)}


def bench_legacy(megabytes: float) -> dict:
    text_parts: list[str] = []
    size = 0
    for record in _records(100000):
        text_parts.append(record["content"])
        size += len(record["content"].encode("utf-8")) // 2  # ~1 byte per char in cp1256
        if size >= megabytes * 1e6:
            break
    text = "\n".join(text_parts)
    result: dict = {"mb": megabytes}
    for encoding in ("cp1256", "iso8859_6"):
        data = text.encode(encoding, errors="replace")
        started = time.process_time()
        decoded, used = decode_bytes(data)
        seconds = time.process_time() - started
        result[encoding] = {"detected": used, "exact": decoded == data.decode(encoding),
                            "cpu_s": round(seconds, 2)}
    return result


def bench_text_dates(files: list[Path]) -> dict:
    """The text-date rule against SaudiNewsNet's crawl dates (metadata ignored).

    A date found in the text counts as right when it falls 0-3 days before the
    crawl; anything else is a false publication date.
    """
    import datetime as dt

    from marsad.ingest.dates import parse_date_expressions
    from marsad.ingest.metadata import published_from_text

    articles = with_day_date = found = right = 0
    started = time.process_time()
    for path in files:
        for record in json.loads(path.read_text(encoding="utf-8")):
            if not record["content"].strip():
                continue
            articles += 1
            crawl = dt.date.fromisoformat(record["date_extracted"][:10])
            if any(d.granularity == "day" for d in parse_date_expressions(record["content"])):
                with_day_date += 1
            date = published_from_text(record["content"])
            if date is not None:
                found += 1
                right += 0 <= (crawl - dt.date.fromisoformat(date.iso)).days <= 3
    return {"articles": articles, "with_a_full_date": with_day_date, "dated_from_text": found,
            "right": right, "wrong": found - right, "cpu_s": round(time.process_time() - started, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit-files", type=int, default=3)
    parser.add_argument("--html-pages", type=int, default=100)
    parser.add_argument("--legacy-mb", type=float, nargs="*", default=[1.0])
    parser.add_argument("--text-dates", action="store_true",
                        help="score the text-date rule against crawl dates (JSON files)")
    args = parser.parse_args()
    files = sorted(SAUDI.glob("*.json"))[: args.limit_files]
    print(json.dumps({"json": bench_json(files)}, ensure_ascii=False))
    print(json.dumps({"html": bench_html(args.html_pages)}, ensure_ascii=False))
    for mb in args.legacy_mb:
        print(json.dumps({"legacy": bench_legacy(mb)}, ensure_ascii=False))
    if args.text_dates:
        print(json.dumps({"text_dates": bench_text_dates(files)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
