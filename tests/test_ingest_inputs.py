"""Ingest robustness: encodings, formats and every failure mode, on generated files."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.ingest import IngestError, IngestOptions, iter_articles
from marsad.ingest.encoding import decode_bytes
from marsad.model import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
SEED_003 = (SEEDS / "003_ca0cb7257febc4c2.txt").read_text(encoding="utf-8")
SEED_004 = (SEEDS / "004_14c46658de2f8d70.txt").read_text(encoding="utf-8")


def _one(path: Path, options: IngestOptions | None = None) -> Article | IngestError:
    items = list(iter_articles([path], options))
    assert len(items) == 1, items
    return items[0]


def _error(path: Path, options: IngestOptions | None = None) -> IngestError:
    item = _one(path, options)
    assert isinstance(item, IngestError), item
    assert path.name in str(item) and item.reason
    assert "\n" not in str(item)
    return item


# --- encodings ---------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["cp1256", "iso8859_6", "utf-16", "utf-16-le-bom",
                                      "utf-16-be-bom", "utf-8-sig", "utf-8"])
@pytest.mark.parametrize("seed", [SEED_003, SEED_004], ids=["003", "004"])
def test_reencoded_seed_decodes_to_original(tmp_path, encoding, seed):
    if encoding == "iso8859_6":
        seed = seed.replace("«", '"').replace("»", '"')  # no guillemets in ISO-8859-6
    if encoding.endswith("-bom"):
        codec = encoding[: -len("-bom")]
        data = ("\ufeff" + seed).encode(codec)
    else:
        data = seed.encode(encoding)
    path = tmp_path / f"seed.{encoding}.txt"
    path.write_bytes(data)
    article = _one(path)
    assert isinstance(article, Article)
    assert article.body == seed.strip("\n")
    assert article.id == _one(_write(tmp_path / "utf8.txt", seed.encode("utf-8"))).id


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859_6"])
def test_arabic_code_pages_are_told_apart_on_short_text(encoding):
    # The first paragraph only (~300 bytes): both code pages decode it, one wrongly.
    paragraph = SEED_003.split("\n")[0]
    text, used = decode_bytes(paragraph.encode(encoding))
    assert text == paragraph
    assert used == encoding


def test_html_with_declared_legacy_charset(tmp_path):
    body = SEED_003.split("\n\n")[:3]
    html = ("<html><head><meta charset='windows-1256'><title>كيري ولافروف</title></head><body>"
            + "".join(f"<p>{p}</p>" for p in body) + "</body></html>")
    article = _one(_write(tmp_path / "page.html", html.encode("cp1256")))
    assert isinstance(article, Article)
    assert body[0].strip() in article.body


# --- formats -----------------------------------------------------------------------

def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_html_page_main_text_and_metadata(tmp_path):
    paragraphs = [p for p in SEED_003.split("\n") if p.strip()][:4]
    html = f"""<!DOCTYPE html><html lang="ar"><head>
<title>كيري يتصل بلافروف | الموقع</title>
<meta property="og:title" content="كيري يتصل بلافروف">
<meta property="og:site_name" content="الموقع">
<meta property="article:published_time" content="2015-09-05T18:00:00+03:00">
<link rel="canonical" href="https://www.example-news.com/world/123"></head>
<body><nav><a href="/">الرئيسية</a> <a href="/world">العالم</a></nav>
<article><h1>كيري يتصل بلافروف</h1>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""
    article = _one(_write(tmp_path / "page.htm", html.encode("utf-8")))
    assert isinstance(article, Article)
    assert article.body.split("\n") == [" ".join(p.split()) for p in paragraphs]
    assert article.title == "كيري يتصل بلافروف"
    assert (article.published, article.published_from) == ("2015-09-05", "metadata")
    assert article.outlet == "الموقع"
    assert article.url == "https://www.example-news.com/world/123"
    assert "الرئيسية" not in article.body and "محفوظة" not in article.body


def test_jsonl_and_json_shapes(tmp_path):
    record = {"title": "عنوان", "content": SEED_004, "link": "https://www.alarabiya.net/x",
              "date": "Sat, 19 Sep 2015 10:00:00 GMT"}
    jsonl = _write(tmp_path / "a.jsonl", "\n".join(
        json.dumps(r, ensure_ascii=False) for r in [record, {**record, "title": "آخر"}]
    ).encode("utf-8"))
    items = list(iter_articles([jsonl]))
    assert [i.path for i in items] == [f"{jsonl}:1", f"{jsonl}:2"]
    assert all(isinstance(i, Article) for i in items)
    first = items[0]
    assert (first.outlet, first.published, first.published_from) == (
        "alarabiya.net", "2015-09-19", "metadata")
    wrapped = _write(tmp_path / "w.json", json.dumps(
        {"articles": [record, {"text": "نص قصير.", "source": {"id": "x", "name": "العربية"}}]},
        ensure_ascii=False).encode("utf-8"))
    items = list(iter_articles([wrapped]))
    assert [i.path for i in items] == [f"{wrapped}#0", f"{wrapped}#1"]
    assert items[1].outlet == "العربية"
    single = _write(tmp_path / "s.json", json.dumps({"body": ["فقرة أولى.", "فقرة ثانية."]},
                                                    ensure_ascii=False).encode("utf-8"))
    article = _one(single)
    assert isinstance(article, Article) and article.body == "فقرة أولى.\nفقرة ثانية."
    assert article.path == str(single)


def test_unknown_extension_read_as_text(tmp_path):
    article = _one(_write(tmp_path / "article.dat", SEED_003.encode("utf-8")))
    assert isinstance(article, Article) and article.body == SEED_003.strip("\n")


# --- failure modes: one IngestError, never an exception -----------------------------

def test_binary_file(tmp_path):
    error = _error(_write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20))
    assert "binary" in error.reason


def test_empty_file(tmp_path):
    for name in ["empty.txt", "empty.json", "empty.jsonl", "empty.html"]:
        assert "empty" in _error(_write(tmp_path / name, b"")).reason


def test_whitespace_only_file(tmp_path):
    assert "no text" in _error(_write(tmp_path / "blank.txt", b"  \n\n \t\n")).reason


def test_broken_jsonl_line_in_the_middle(tmp_path):
    good = json.dumps({"title": "خبر", "text": SEED_003}, ensure_ascii=False)
    path = _write(tmp_path / "feed.jsonl", "\n".join(
        [good, good.replace("خبر", "خبر 2"), '{"title": "مقطوع", "text": "نص', "",
         good.replace("خبر", "خبر 3")]).encode("utf-8"))
    items = list(iter_articles([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "IngestError", "Article"]
    error = items[2]
    assert error.line == 3 and str(error).startswith(f"{path}:3: invalid JSON")
    assert items[3].path == f"{path}:5"


def test_jsonl_record_without_text_and_non_object(tmp_path):
    path = _write(tmp_path / "odd.jsonl", b'{"title": "t"}\n[1, 2]\n')
    first, second = iter_articles([path])
    assert isinstance(first, IngestError) and "no article text" in first.reason
    assert isinstance(second, IngestError) and "not an object" in second.reason
    assert str(first).startswith(f"{path}:1: record has no article text")
    assert (second.path, second.line) == (str(path), 2)


def test_malformed_json(tmp_path):
    error = _error(_write(tmp_path / "bad.json", b'[{"title": "a", "text": "b"},\n {"title": '))
    assert "invalid JSON" in error.reason and error.line == 2


def test_json_of_wrong_shape(tmp_path):
    assert "neither" in _error(_write(tmp_path / "n.json", b"42")).reason


def test_truncated_html(tmp_path):
    error = _error(_write(tmp_path / "cut.html", b"<!DOCTYPE html><html><head><title>x</ti"))
    assert "no article text" in error.reason


def test_html_cut_mid_download_keeps_its_text(tmp_path):
    paragraphs = _seed_paragraphs(SEED_003, 2)
    page = ("<!DOCTYPE html><html><head><title>كيري ولافروف</title></head><body>"
            "<nav><a href='/'>الرئيسية</a> <a href='/w'>العالم</a></nav>"
            + "".join(f"<p>{p}</p>" for p in paragraphs))
    cut = page[: len(page) - 40]  # mid-paragraph, no closing tags
    article = _one(_write(tmp_path / "cut.html", cut.encode("utf-8")))
    assert isinstance(article, Article)
    assert article.body.startswith(paragraphs[0][:50])
    assert "الرئيسية" not in article.body


def test_oversized_file(tmp_path):
    path = _write(tmp_path / "big.txt", SEED_003.encode("utf-8"))
    error = _error(path, IngestOptions(max_article_bytes=1000))
    assert "exceeds" in error.reason and "1,000" in error.reason
    assert isinstance(_one(path), Article)  # the default cap (50 MB) lets it through


def test_oversized_jsonl_line(tmp_path):
    path = _write(tmp_path / "big.jsonl", json.dumps({"text": SEED_003}).encode() + b"\n"
                  + json.dumps({"text": "قصير"}).encode())
    first, second = iter_articles([path], IngestOptions(max_article_bytes=1000))
    assert isinstance(first, IngestError) and "exceeds" in first.reason and first.line == 1
    assert isinstance(second, Article)


def test_undecodable_bytes(tmp_path):
    # Random high bytes: invalid UTF-8; cp1256 "decodes" any byte string, but the
    # letters it yields make no Arabic words, so it is refused rather than guessed.
    rng = random.Random(7)
    alphabet = list(range(0x80, 0x100)) + [0x20] * 3 + list(range(0x41, 0x5A))
    data = bytes(rng.choice(alphabet) for _ in range(2000))
    error = _error(_write(tmp_path / "junk.txt", data))
    assert "undecodable" in error.reason


def test_bad_utf16_after_bom(tmp_path):
    error = _error(_write(tmp_path / "odd.txt", b"\xff\xfe" + b"\x00\xd8a"))
    assert "undecodable" in error.reason


def test_missing_path():
    error = _error(Path("/nonexistent/marsad/none.txt"))
    assert "no such file" in error.reason


def test_batch_goes_on_after_errors(tmp_path):
    _write(tmp_path / "1_bad.json", b"{")
    _write(tmp_path / "2_empty.txt", b"")
    _write(tmp_path / "3_good.txt", SEED_003.encode("utf-8"))
    kinds = [type(i).__name__ for i in iter_articles([tmp_path])]
    assert kinds == ["IngestError", "IngestError", "Article"]


# --- property: arbitrary bytes never raise -------------------------------------------

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=600),
                      st.text(max_size=300).map(lambda t: t.encode("utf-8")),
                      st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهوي <>/{}[]\":,\n0123456789",
                              max_size=300).map(lambda t: t.encode("utf-8"))),
       suffix=st.sampled_from([".txt", ".json", ".jsonl", ".html", ".htm", ".rss", ".xml", ".gz", ".xyz", ""]))
def test_arbitrary_bytes_never_raise(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in iter_articles([path]):
        assert isinstance(item, (Article, IngestError))
        if isinstance(item, IngestError):
            assert item.path.startswith(str(path)) and item.reason
        else:
            assert item.body.strip() and len(item.id) == 16


# --- feeds and gzip ------------------------------------------------------------------

def _seed_paragraphs(seed: str, count: int) -> list[str]:
    return [" ".join(p.split()) for p in seed.split("\n") if p.strip()][:count]


def test_rss_feed_items(tmp_path):
    first = _seed_paragraphs(SEED_003, 3)
    second = _seed_paragraphs(SEED_004, 2)
    html_body = "".join(f"<p>{p}</p>" for p in first).replace("<", "&lt;").replace(">", "&gt;")
    rss = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>الشرق الأوسط</title><link>https://aawsat.com</link>
<item><title>كيري يتصل بلافروف</title><link>https://aawsat.com/a/1</link>
<pubDate>Sat, 05 Sep 2015 18:00:00 +0300</pubDate><description>{html_body}</description></item>
<item><title>كارتر وشويغو</title><link>https://aawsat.com/a/2</link>
<content:encoded><![CDATA[{'<br/>'.join(second)}]]></content:encoded></item>
<item><title>بلا نص</title></item>
</channel></rss>"""
    path = _write(tmp_path / "feed.rss", rss.encode("utf-8"))
    one, two, three = iter_articles([path])
    assert isinstance(one, Article) and isinstance(two, Article)
    assert one.path == f"{path}#0" and one.body.split("\n") == first
    assert (one.title, one.outlet, one.url) == ("كيري يتصل بلافروف", "الشرق الأوسط",
                                                "https://aawsat.com/a/1")
    assert (one.published, one.published_from) == ("2015-09-05", "metadata")
    assert two.body.split("\n") == second and two.published is None
    assert isinstance(three, IngestError) and three.path == f"{path}#2"


def test_atom_feed_sniffed_without_extension(tmp_path):
    paragraphs = _seed_paragraphs(SEED_004, 2)
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>الحياة</title>
<entry><title>كارتر يتصل بشويغو</title><link rel="alternate" href="http://www.alhayat.com/x"/>
<published>2015-09-19T08:00:00Z</published>
<content type="html">{''.join(f'&lt;p&gt;{p}&lt;/p&gt;' for p in paragraphs)}</content></entry></feed>"""
    (article,) = iter_articles([_write(tmp_path / "download", atom.encode("utf-8"))])
    assert isinstance(article, Article)
    assert article.body.split("\n") == paragraphs
    assert (article.outlet, article.published, article.url) == (
        "الحياة", "2015-09-19", "http://www.alhayat.com/x")


def test_broken_feed_and_entity_bomb(tmp_path):
    error = _error(_write(tmp_path / "cut.xml", b"<?xml version='1.0'?>\n<rss><channel><item><title>x"))
    assert "invalid XML feed" in error.reason
    bomb = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item>'
            b'<description>&b;</description></item></channel></rss>')
    for item in iter_articles([_write(tmp_path / "bomb.rss", bomb)]):
        assert isinstance(item, IngestError) or "aaaaaaaaaa" not in item.body


def test_gzipped_inputs(tmp_path):
    import gzip

    records = [{"title": f"خبر {i}", "text": SEED_003} for i in range(3)]
    jsonl = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")
    items = list(iter_articles([_write(tmp_path / "feed.jsonl.gz", gzip.compress(jsonl))]))
    assert [i.path for i in items] == [f"{tmp_path / 'feed.jsonl.gz'}:{n}" for n in (1, 2, 3)]
    assert all(isinstance(i, Article) and i.body == SEED_003.strip("\n") for i in items)
    article = _one(_write(tmp_path / "a.txt.gz", gzip.compress(SEED_003.encode("cp1256"))))
    assert isinstance(article, Article) and article.body == SEED_003.strip("\n")
    corrupt = _error(_write(tmp_path / "bad.json.gz", gzip.compress(jsonl)[:40]))
    assert "cannot read" in corrupt.reason
    bomb = _write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * 50_000))
    assert "decompressed data exceeds" in _error(bomb, IngestOptions(max_article_bytes=10_000)).reason
