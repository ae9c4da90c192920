"""Cleaning on the real seed articles and on focused noise shapes."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.clean import clean_paragraphs, noise_kind
from tests.conftest import seed_path


def _body(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


def test_seed_001_printed_twice_keeps_one_copy() -> None:
    body = _body("001")
    assert len([line for line in body.splitlines() if line.strip()]) == 27
    paragraphs, removed = clean_paragraphs(body)
    assert len(paragraphs) == 14
    assert [r.kind for r in removed] == ["repeat"] * 13
    assert paragraphs[0].startswith("قال وزير الخارجية الروسي سيرجي لافروف")


def test_seed_000_read_also_line_removed() -> None:
    paragraphs, removed = clean_paragraphs(_body("000"))
    assert len(removed) == 1
    assert removed[0].kind == "boilerplate"
    assert removed[0].text.startswith("اقرأ أيضاً:")
    assert not any(p.startswith("اقرأ") for p in paragraphs)


def test_seed_002_footer_and_captions_removed_subheadings_kept() -> None:
    paragraphs, removed = clean_paragraphs(_body("002"))
    kinds = {r.text: r.kind for r in removed}
    assert kinds["المصدر : الجزيرة + وكالات"] == "boilerplate"
    assert any(k == "caption" and t.startswith("Russian Foreign Minister") for t, k in kinds.items())
    # the Arabic caption credited to the photo agency
    assert any(r.kind == "caption" and r.text.endswith("(الأوروبية)") for r in removed)
    assert "ضربات غير كافية" in paragraphs
    assert "اتفاق" in paragraphs


def test_content_is_never_noise() -> None:
    for prefix in ("003", "004"):
        paragraphs, removed = clean_paragraphs(_body(prefix))
        assert removed == []
        assert len(paragraphs) == len([x for x in _body(prefix).splitlines() if x.strip()])


def test_noise_shapes() -> None:
    assert noise_kind("إقرأ أيضا: الحكومة تعلن الموازنة") == "boilerplate"
    assert noise_kind("المصدر: وكالة الأنباء السعودية") == "boilerplate"
    assert noise_kind("تابعونا على تويتر") == "boilerplate"
    assert noise_kind("Share on Facebook") == "boilerplate"
    assert noise_kind("قال المصدر إن المفاوضات مستمرة") is None
    assert noise_kind("وقال مصدر مطلع: المفاوضات مستمرة منذ أسابيع وستنتهي قريبا") is None
    # Latin text in an English article is content, not a caption
    assert noise_kind("Russian Foreign Minister Sergei Lavrov spoke today.", arabic_article=False) is None


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_nothing_is_lost(body: str) -> None:
    paragraphs, removed = clean_paragraphs(body)
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    assert sorted(paragraphs + [r.text for r in removed]) == sorted(lines)


def test_script_counts_compiled_and_by_regex_agree() -> None:
    """The letter counts of a paragraph (compiled loop over the code point ranges,
    where built) equal the counts of the two character-class regexes, over every
    code point and real paragraphs."""
    import itertools

    from marsad import clean as module
    from marsad.ingest import iter_articles
    from tests.conftest import SAUDINEWSNET

    everything = "".join(chr(c) for c in range(1, 0xD800)) + "".join(chr(c) for c in range(0xE000, 0x110000))
    texts = [everything, "", "abc XYZ مرحبا ١٢٣ ﻷ"]
    path = SAUDINEWSNET / "2015-07-23.json"
    if path.exists():
        texts += [a.body for a in itertools.islice(iter_articles([path]), 100) if hasattr(a, "body")]
    for text in texts:
        by_regex = (module._letters(module._ARABIC_LETTER, text), module._letters(module._LATIN_LETTER, text))
        assert module._script_counts(text) == by_regex
    assert module._script_counts(everything)[1] == 52
