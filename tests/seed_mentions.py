"""Seed articles as prepared Articles, and hand-built NER mentions over their text.

The canonicalizer and the quote extractor take NER output; these tests must not
depend on the trained model's mistakes, so the mentions here are what a careful
annotator would tag in the seeds (names listed by hand, located in the clean text
with their glued proclitics, as ANERcorp tags them: ``ولافروف``, ``لروسيا``).
"""
from __future__ import annotations

import re
from pathlib import Path

from marsad.model import Article, Mention
from marsad.pipeline import prepare

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

NAMES: dict[str, list[str]] = {
    "PER": [
        "سيرغي لافروف", "سيرجي لافروف", "لافروف", "بشار الأسد", "الأسد", "لونديغ بوريفسورين",
        "لونديج بورفسورين", "بيتر كوك", "كوك", "ديمتري بيسكوف", "آشتون كارتر", "أشتون كارتر", "كارتر",
        "سيرغي شويغو", "شويغو", "جون كيري", "كيري", "فلاديمير بوتين", "بوتين", "ديمتري مدفيدف",
        "زاور شوج", "ايغور كوناشينكوف", "ماريا زاخاروفا", "باراك أوباما", "تشاك هايغل",
    ],
    "ORG": [
        "البنتاغون", "البنتاجون", "وزارة الدفاع الأميركية", "تنظيم الدولة الإسلامية", "الدولة الإسلامية",
        "داعش", "رويترز", "فرانس برس", "الكرملين", "وزارة الخارجية الروسية", "الخارجية الروسية",
        "وزارة الخارجية الأميركية", "الخارجية الأميركية", "وزارة الدفاع الروسية", "الجزيرة", "نيويورك تايمز",
    ],
    "LOC": ["سورية", "سوريا", "روسيا", "موسكو", "واشنطن", "اللاذقية", "دمشق", "الولايات المتحدة", "نيويورك"],
    "MISC": ["إس.إيه22"],
}


def seed_articles(published: dict[str, str] | None = None) -> list[Article]:
    """The five seeds, cleaned and segmented, ids "000".."004"."""
    published = published or {}
    return [
        prepare(Article(id=p.name[:3], path=str(p), body=p.read_text(encoding="utf-8"), published=published.get(p.name[:3])))
        for p in sorted(SEEDS.glob("*.txt"))
    ]


def hand_mentions(articles: list[Article]) -> list[Mention]:
    """Every listed name in every article (longest first, no overlaps)."""
    names = sorted(((n, t) for t, ns in NAMES.items() for n in ns), key=lambda x: -len(x[0]))
    out: list[Mention] = []
    for article in articles:
        text = article.clean_text
        taken: list[tuple[int, int]] = []
        for name, type_ in names:
            for m in re.finditer(rf"(?<![\w])[وبلف]?{re.escape(name)}(?![\w])", text):
                s, e = m.span()
                if any(s < b and a < e for a, b in taken):
                    continue
                taken.append((s, e))
                out.append(Mention(article.id, s, e, text[s:e], type_))  # type: ignore[arg-type]
    return out
