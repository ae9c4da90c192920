"""The committed seed list of hostile inputs (issue 19), shared by the fuzz tests and
``bench/bench_hostile.py``.

Each case is a file an outlet, a crawler or an attacker could hand marsad: a name
(bytes, so names that are not UTF-8 are covered) and its content. They are built
around a real article (seed 000, or a fixed fallback text when ../shared is absent)
so a good record beside a bad one has real text to lose. ``cases(scale)`` shrinks the
huge ones (``scale=1.0``: the sizes the issue names — 1 MB of spaces, 100k «,
100k-character words; tests use smaller scales to stay fast).
"""
from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
_FALLBACK = (
    "قال وزير الخارجية الروسي سيرجي لافروف الجمعة 11 سبتمبر/ أيلول 2015 إن بلاده ستواصل "
    "تقديم المساعدة العسكرية لسوريا. وأضاف أن «الإرهاب يهدد المنطقة كلها»."
)


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile input file: ``name`` (bytes: may be non-UTF-8) and ``data``.

    ``good`` counts the good articles inside it that must come out (a bad record beside
    good ones must not cost them); ``script`` says its text carries markup or a URL
    that must never run in a page.
    """

    key: str
    name: bytes
    data: bytes
    good: int = 0
    script: bool = False


def real_text() -> str:
    """A real article body (seed 000), or a fixed Arabic paragraph without ../shared."""
    seeds = sorted((SHARED / "seeds").glob("000_*.txt"))
    return seeds[0].read_text(encoding="utf-8") if seeds else _FALLBACK


def _record(text: str, **fields: object) -> dict:
    return {"title": "خبر", "text": text, "url": "https://example.com/a", "source": "مصدر", **fields}


def _json(records: object) -> bytes:
    return json.dumps(records, ensure_ascii=True).encode("ascii")


def _with_good(bad: dict, text: str) -> bytes:
    """A JSON list: the bad record between two good ones."""
    return _json([_record(text, url="https://example.com/good1"), bad, _record(text[::-1], url="https://example.com/good2")])


def _gzip_repeated(byte: bytes, size: int) -> bytes:
    """A gzip file of ``size`` copies of ``byte``, compressed in 1 MB steps (a 1 GB
    bomb is built without holding 1 GB)."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as handle:
        chunk = byte * (1 << 20)
        for _ in range(size >> 20):
            handle.write(chunk)
        handle.write(byte * (size & ((1 << 20) - 1)))
    return out.getvalue()


def cases(scale: float = 1.0) -> list[Case]:
    """The seed list. ``scale`` multiplies the size of the big cases (1.0 = issue sizes)."""
    text = real_text()
    big = max(1000, int(1_000_000 * scale))
    many = max(1000, int(100_000 * scale))
    out = [
        # -- invalid Unicode and control characters --------------------------------------
        Case("surrogate_text", b"surrogate_text.json", _with_good(_record(text + " \ud800 "), text), good=2),
        Case("surrogate_title", b"surrogate_title.json", _with_good(_record(text, title="\udfff عنوان"), text), good=3),
        Case("surrogate_url", b"surrogate_url.json", _with_good(_record(text, url="https://x.example/\ud800"), text), good=3),
        Case("surrogate_outlet", b"surrogate_outlet.json", _with_good(_record(text, source="\udc00"), text), good=3),
        Case("control_chars", b"control.json", _with_good(_record("\x01\x02" + text + "\x7f\x1b\x00"), text), good=3),
        Case("control_entity_html", b"control.html",
             f"<html><head><title>&#1;عنوان&#x0;</title></head><body><article><p>{text}&#2;&#xb;</p>"
             f"<p>{text}</p></article></body></html>".encode(), good=1),
        Case("bidi_zero_width", b"bidi.txt", ("\u202e\u2066\u200b" * 50 + text).encode(), good=1),
        # -- numbers and dates out of range -------------------------------------------------
        Case("huge_int_date", b"huge_int.json", _with_good(_record(text, published=10**30), text), good=3),
        Case("negative_date", b"negative_date.json", _with_good(_record(text, published=-(10**18)), text), good=3),
        Case("float_date", b"float_date.json", _with_good(_record(text, published=1e308), text), good=3),
        Case("year_99999", b"year.json", _with_good(_record(text, published="99999-12-31"), text), good=3),
        Case("date_garbage", b"date_garbage.json", _with_good(_record(text, published="٢٠١٥-٠٢-٣٠T99:99"), text), good=3),
        Case("digits_4301", b"digits.txt", (text + " " + "9" * 4301 + " يوليو 2015").encode(), good=1),
        Case("digits_4301_date", b"digits_date.json", _with_good(_record(text, published="9" * 4400), text), good=3),
        Case("nan_date", b"nan.json", b'[{"text": ' + json.dumps(text).encode() + b', "published": NaN}, {"text": "x y z", "date": Infinity}]', good=2),
        # -- wrong types -------------------------------------------------------------------------
        Case("wrong_types", b"types.json", _with_good({"text": {"a": 1}, "title": [1, 2], "url": 5, "source": {"name": ["x"]}}, text), good=2),
        Case("title_list_text_list", b"lists.json", _json([{"title": ["x"], "text": [text, 5]}, _record(text)]), good=1),
        # -- nesting and size --------------------------------------------------------------------
        Case("json_deep_list", b"deep.json", b"[" * 100_000 + b"]" * 100_000),
        Case("json_deep_object", b"deep_obj.json", b'{"a":' * 5000 + b"1" + b"}" * 5000),
        Case("jsonl_deep_line", b"deep.jsonl", b"[" * 50_000 + b"\n" + json.dumps(_record(text)).encode() + b"\n", good=1),
        Case("jsonl_long_line", b"long.jsonl", b'{"text": "' + b"a" * big + b'"}\n' + json.dumps(_record(text)).encode() + b"\n", good=2),
        # -- pathological text (time per article) ----------------------------------------------
        Case("spaces_line", b"spaces.txt", (text + "\n" + " " * big + "\n" + text).encode(), good=1),
        Case("spaces_800", b"spaces800.txt", ("قال" + " " * 800 + "المعروف باسم" + " " * 3000 + "داعش").encode() + b"\n" + text.encode(), good=1),
        Case("guillemets", b"guillemets.txt", (text + " قال «" + "«" * many + " النهاية").encode(), good=1),
        Case("guillemets_closed", b"guillemets2.txt", (text + " " + "«كلام» " * (many // 8)).encode(), good=1),
        Case("long_word", b"long_word.txt", (text + " " + "ب" * many + " " + "x" * many).encode(), good=1),
        Case("no_sentence_end", b"no_end.txt", (" ".join(["كلمة"] * (big // 5))).encode(), good=1),
        Case("one_line_megabyte", b"one_line.json", _json([_record(text + " " + "و " * (big // 2))]), good=1),
        Case("many_quotes", b"quotes.txt", (text + ' قال "' * (many // 10)).encode(), good=1),
        Case("newlines", b"newlines.txt", (text + "\n" * big + text).encode(), good=1),
        Case("dots", b"dots.txt", (text + "." * big).encode(), good=1),
        Case("repeated_para", b"repeat.txt", ((text + "\n") * 8).encode(), good=1),
        # -- encodings -------------------------------------------------------------------------
        Case("utf16_no_bom", b"utf16.txt", text.encode("utf-16-le"), good=1),
        Case("utf16be_no_bom", b"utf16be.txt", text.encode("utf-16-be"), good=1),
        Case("truncated_utf8", b"truncated.txt", text.encode()[:-1] + b"\n", good=1),
        Case("broken_utf8_middle", b"broken.txt", text.encode()[:101] + b"\xd8" + text.encode()[101:], good=1),
        Case("binary", b"binary.txt", bytes(range(256)) * 40),
        Case("empty", b"empty.json", b""),
        Case("whitespace", b"ws.txt", b" \n\t \n"),
        Case("non_utf8_name", b"caf\xe9-\xff.txt", text.encode(), good=1),
        Case("name_dotdot", b"..", text.encode()),
        Case("gzip_bomb", b"bomb.jsonl.gz", _gzip_repeated(b"\n", max(1 << 20, int((1 << 30) * scale)))),
        Case("gzip_bomb_json", b"bomb.json.gz", _gzip_repeated(b" ", max(1 << 20, int((1 << 30) * scale)))),
        Case("gzip_truncated", b"trunc.json.gz", gzip.compress(_json([_record(text)]))[:-20]),
        Case("xml_entities", b"bomb.rss",
             b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + b"x" * 1000 + b'">'
             + b"".join(b'<!ENTITY %s "%s">' % (f"b{i}".encode(), (f"&{'a' if i == 0 else f'b{i-1}'};" * 10).encode()) for i in range(8))
             + b']><rss><channel><item><title>&b7;</title><description>&b7;</description></item></channel></rss>'),
        Case("xml_external", b"ext.xml", good=1, data=
             b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
             b'<rss><channel><item><title>&e;</title><description>&e; ' + text.encode() + b'</description></item></channel></rss>'),
        # -- script in content -------------------------------------------------------------------
        Case("js_url", b"js.json", _json([_record(text, url="javascript:alert(1)", title="<script>alert(1)</script>"),
                                           _record(text[::-1], url="JaVaScRiPt:alert(document.domain)"),
                                           _record(text + " ب", url=" \tjavascript:alert(2)"),
                                           _record(text + " ج", url="data:text/html,<script>alert(3)</script>")]), good=4, script=True),
        Case("html_in_text", b"xss.json", _json([_record("<img src=x onerror=alert(1)> " + text + " <script>alert(2)</script> [x](javascript:alert(3))",
                                                           title="<img src=x onerror=alert(4)>", source="<svg onload=alert(5)>"),
                                                  _record(text + "</script><script>alert(6)</script>", title="\"><script>alert(7)</script>",
                                                          url="https://example.com/\"onmouseover=\"alert(8)")]), good=2, script=True),
    ]
    return out
