"""Outlet boilerplate learned from repetition, on real SaudiNewsNet days."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from marsad.boilerplate import BoilerplateModel, line_shape, load_boilerplate
from marsad.clean import clean_paragraphs
from tests.conftest import SAUDINEWSNET


def _records(day: str) -> list[dict]:
    path = SAUDINEWSNET / f"{day}.json"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def july_model() -> BoilerplateModel:
    records = _records("2015-07-21") + _records("2015-07-22") + _records("2015-07-23")
    return BoilerplateModel.fit((r["source"], r["content"]) for r in records)


def test_shape_masks_what_varies() -> None:
    assert line_shape("رابط الخبر: https://www.alweeam.com.sa/123") == line_shape("رابط الخبر: http://x.y/9")
    assert line_shape("تبدأ بالرمز 211 مسافة") == line_shape("تبدأ بالرمز 455 مسافة")


def test_republished_copies_teach_nothing() -> None:
    body = "عين اليوم – الرياض\nأعلنت الوزارة اليوم افتتاح المشروع الجديد في المدينة بعد سنوات من العمل."
    model = BoilerplateModel.fit([("x", body)] * 20)
    assert model.size() == 0


def test_learned_lines_leave_a_later_day_clean_and_keep_content(july_model: BoilerplateModel) -> None:
    """Learned on three July days, applied to an August day: bylines/datelines/link and
    SMS lines go, every removed line is short, and real content stays (< 8% of lines)."""
    removed_lines: list[str] = []
    kept = dropped = 0
    outlets: Counter[str] = Counter()
    for record in _records("2015-08-06"):
        before, _ = clean_paragraphs(record["content"] or "", record["source"], BoilerplateModel())
        after, removed = clean_paragraphs(record["content"] or "", record["source"], july_model)
        gone = [r.text for r in removed if r.kind == "boilerplate" and r.text in before]
        removed_lines += gone
        # a long line goes only from the tail (a link line repeating the title)
        long_inside = [t for t in gone if len(t.split()) > 12 and before.index(t) < len(before) - 2]
        assert not long_inside, long_inside
        dropped += len(before) - len(after)
        kept += len(after)
        outlets.update(record["source"] for _ in gone)
    assert len(removed_lines) >= 40
    assert len(outlets) >= 3  # learned per outlet, not for one outlet
    assert all(len(line.split()) <= 25 for line in removed_lines)
    assert dropped / (dropped + kept) < 0.08


def test_committed_model_removes_a_link_line_with_a_new_title() -> None:
    model = load_boilerplate()
    outlets = set(model.openings)
    assert outlets, "the committed model has learned edge openings"
    outlet = sorted(outlets)[0]
    opening = sorted(model.openings[outlet])[0]
    body = f"خبر جديد عن افتتاح مشروع كبير في المنطقة الشرقية بحضور المسؤولين والأهالي.\n{opening} عنوان لم يره النموذج قط"
    paragraphs, removed = clean_paragraphs(body, outlet)
    assert len(paragraphs) == 1 and removed[-1].kind == "boilerplate"
    # the same line from an outlet that does not print it stays
    paragraphs, _ = clean_paragraphs(body, "another-outlet")
    assert len(paragraphs) == 2


def test_a_share_bar_glued_to_the_lead_is_learned_from_the_day_itself() -> None:
    """On 2015-08-11 okaz starts gluing «شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك»
    before every lead (never seen in July): the day's own repetition teaches it, the
    lead stays, and nothing else of the day loses more than a short head."""
    from marsad.boilerplate import batch_boilerplate

    records = _records("2015-08-11")
    with batch_boilerplate((r["source"], r["content"] or "") for r in records) as model:
        assert any("جوجل بلس" in p for p in model.prefixes.get("okaz", ()))
        glued = 0
        for record in records:
            paragraphs, removed = clean_paragraphs(record["content"] or "", record["source"])
            if record["source"] == "okaz" and "جوجل بلس" in (record["content"] or "")[:60]:
                glued += 1
                assert "جوجل بلس" not in paragraphs[0] and len(paragraphs[0].split()) >= 4
            cut = [r.text for r in removed if r.kind == "boilerplate" and r.text not in {line.strip() for line in (record["content"] or "").splitlines()}]
            assert all(len(piece.split()) <= 10 for piece in cut), cut
    assert glued >= 100


def test_a_byline_head_is_cut_off_the_lead_by_the_committed_model() -> None:
    """«فهد العتيبي - سبق - الطائف:» opens most sabq leads; the committed model (learned
    on July) cuts such a head off an August lead and keeps the sentence."""
    model = load_boilerplate()
    assert "سبق" in model.bylines.get("sabq", ())
    stripped = 0
    for record in _records("2015-08-06") + _records("2015-08-07"):
        if record["source"] != "sabq":
            continue
        paragraphs, removed = clean_paragraphs(record["content"] or "", "sabq")
        assert not paragraphs or "سبق-" not in paragraphs[0][:40].replace(" ", "")
        stripped += any("سبق" in r.text for r in removed)
    assert stripped >= 1
    # a quote's head is no byline: «وقال الوزير:» stays
    line = "وقال وزير الصحة: إن الوزارة ستفتتح مستشفى جديداً في جدة قريباً"
    assert model.strip_glued("sabq", line, 0, 1) == (line, [])


def test_a_digest_learns_the_glued_share_bar_of_its_own_batch() -> None:
    """A digest of okaz's 2015-08-11 articles cleans the share bar off every lead
    (the committed model, learned on July, has never seen it)."""
    from marsad import pipeline
    from marsad.ingest import iter_articles

    path = SAUDINEWSNET / "2015-08-11.json"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    from marsad.ingest import IngestError

    okaz = [a for a in iter_articles([path]) if not isinstance(a, IngestError) and a.outlet == "okaz"][:60]
    assert not any("جوجل بلس" in p for p in load_boilerplate().prefixes.get("okaz", ()))
    digest = pipeline.digest(okaz, pipeline.Options(stages=(), workers=1))
    leads = [a.paragraphs[0] for a in digest.articles if a.paragraphs]
    assert len(leads) >= 50
    assert not any("جوجل بلس" in lead[:60] for lead in leads)
    assert sum(1 for a in digest.articles for r in a.removed if "جوجل بلس" in r.text) >= 40
