"""How the biggest real stories of a digest fall into events and storylines.

The ten biggest stories of SaudiNewsNet 2015-08-06..07, read off the reports and each
defined by its headline words (normalized; a title matches a story when it contains
every word of one of the story's phrases). For each story: the articles whose titles
match, how many events and storylines they span, and the share of them in the story's
largest storyline (1.0: one storyline holds the whole story). Titles are a proxy for
"the articles of this story": a few are missed, a few extra caught, the same for every
report compared.

    marsad digest ../shared/data/saudinewsnet/2015-08-06.json ../shared/data/saudinewsnet/2015-08-07.json --out OUT
    python bench/top_stories.py OUT/report.json [BEFORE/report.json]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import words

#: story → phrases; a title matches when it contains all the words of one phrase.
STORIES: dict[str, list[str]] = {
    "Asir emergency-forces mosque bombing (victims, funerals, condemnations, arrests)": [
        "مسجد الطوارئ", "قوات الطوارئ", "تفجير عسير", "تفجير أبها", "تفجير مسجد", "عسير الإرهابي",
        "عسير إرهابي", "عسير الارهابي", "جريمة عسير", "شهداء الطوارئ", "عسير تفجير", "عسير الجبان",
    ],
    "Opening of the new Suez Canal": ["قناة السويس"],
    "Saudi relief to Yemen (King Salman Centre, Aden flights)": [
        "مركز الملك سلمان للإغاثة", "الطائرة الإغاثية", "سلة غذائية", "مساعدات عدن", "إغاثة اليمن",
    ],
    "Deputy crown prince's visit to Jordan": ["ولي ولي العهد الأردن", "محمد بن سلمان الأردن", "ولي ولي العهد عمان"],
    "Iran nuclear deal": ["الاتفاق النووي", "إيران النووي", "الاتفاق مع إيران"],
    "Turkey and the coalition against ISIS": ["تركيا داعش", "أنقرة داعش", "إنجرليك"],
    "Yemen war: Anad, Aden, Taiz fronts": ["قاعدة العند", "المقاومة الشعبية", "الحوثيين تعز", "المقاومة تعز"],
    "School year in the southern border region": ["الحد الجنوبي"],
    "Makkah residential building fire": ["حريق مكة", "حريق عمارة", "حريق عوالي"],
    "Soldier killed by a projectile in Jazan": ["مقذوف جيزان", "مقذوف جازان", "استشهاد جندي"],
}


def _words(text: str) -> set[str]:
    return set(words(normalize(text)))


def matches(title: str, phrases: list[str]) -> bool:
    have = _words(title)
    return any(_words(phrase) <= have for phrase in phrases)


def spans(report: dict) -> list[dict]:
    """Per story: matched articles, events and storylines spanned, largest storyline's share."""
    event_of = {i: e["id"] for e in report["events"] for i in e["article_ids"]}
    story_of = {i: s["id"] for s in report["storylines"] for i in s["article_ids"]}
    recurring = {s["id"] for s in report["storylines"] if s.get("recurring")}
    rows = []
    for story, phrases in STORIES.items():
        ids = [a["id"] for a in report["articles"] if a.get("title") and matches(a["title"], phrases)]
        storylines = Counter(story_of.get(i, i) for i in ids)
        rows.append({
            "story": story,
            "articles": len(ids),
            "events": len({event_of.get(i, i) for i in ids}),
            "storylines": len(storylines),
            "largest_share": round(max(storylines.values()) / len(ids), 2) if ids else None,
            "in_recurring": sum(1 for i in ids if story_of.get(i) in recurring),
        })
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+", type=Path)
    args = parser.parse_args()
    for path in args.reports:
        report = json.loads(path.read_text(encoding="utf-8"))
        print(f"## {path}")
        print("| story | articles | events | storylines | largest storyline share | in recurring series |")
        print("|---|---|---|---|---|---|")
        for row in spans(report):
            print(f"| {row['story']} | {row['articles']} | {row['events']} | {row['storylines']} | {row['largest_share']} | {row['in_recurring']} |")
        top = [s for s in report["storylines"] if not s.get("recurring")][:10]
        print("\ntop 10 storylines (non-recurring, as ranked):")
        for s in top:
            print(f"- {len(s['article_ids'])} articles, {len(s['event_ids'])} events: {s['title'][:90]}")
        print()


if __name__ == "__main__":
    main()
