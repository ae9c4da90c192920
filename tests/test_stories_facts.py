"""Key facts of a happening (ordinals of the headline, figures of the lede) — on
SaudiNewsNet reports of the Aden relief flights and hand-written cases."""
from __future__ import annotations

import numpy as np

from marsad.stories.analyze import analyze
from marsad.stories.facts import fact_number, fact_numbers, ordinals
from marsad.stories.batch import EVENT_THRESHOLD
from marsad.stories.similarity import EVENT, FEATURES, STORYLINE, StoryContext, build_profiles, pair_scores
from tests.test_stories_score import _records

#: The second and the third Saudi relief plane to land in Aden (2015-07-23/24; labelled
#: SAME_STORY, not SAME_EVENT) and two outlets' reports of the second one (SAME_EVENT).
SECOND_A, THIRD, SECOND_B = "2015-07-23.json#591", "2015-07-24.json#16", "2015-07-23.json#1256"


def test_ordinals_read_the_instance_a_headline_names() -> None:
    assert ordinals("وصول الطائرة الإغاثية الثالثة إلى عدن") == ["ord:3"]
    assert ordinals("هبوط طائرة عسكرية سعودية ثانية بمطار عدن") == ["ord:2"]
    assert ordinals("المملكة تستقبل أول أفواج الحجاج.. للمرة الأولى") == ["ord:1", "ord:1"]
    assert ordinals("الجولة الحادي عشر والثانية عشرة") == ["ord:11", "ord:12"]
    assert ordinals("وزير الخارجية يستقبل السفير") == []


def test_one_figure_written_two_ways_is_one_key() -> None:
    assert fact_number("و322,8") == fact_number("322.8") == "322.8"
    assert fact_number("20.60") == "20.6"
    assert fact_number("الرحلة") is None
    # analyze normalizes Arabic-Indic digits and keeps the glued proclitic; the key does not
    assert fact_numbers(analyze(None, "رحلة رقم ٩٦٢ و322,8 مليار").numbers) == fact_numbers(analyze(None, "الرحلة 962 بلغت 322.8 مليار").numbers)


def test_the_next_plane_conflicts_where_the_same_plane_does_not() -> None:
    """The second and third relief planes share almost every word of their reports:
    the headlines' ordinals disagree, so the pair is not one event; two outlets' reports
    of the second plane agree on it."""
    found = _records({SECOND_A, THIRD, SECOND_B})
    articles = [found[SECOND_A], found[THIRD], found[SECOND_B]]
    profiles = build_profiles(articles, StoryContext())
    assert profiles.ordinals[0].nnz and profiles.ordinals[1].nnz
    assert profiles.ordinals[0].multiply(profiles.ordinals[1]).sum() == 0  # ord:2 vs ord:3
    assert profiles.ordinals[0].multiply(profiles.ordinals[2]).sum() > 0.99  # ord:2 both
    event, storyline = pair_scores(profiles, np.array([0, 0]), np.array([1, 2]), StoryContext(), (EVENT, STORYLINE))
    assert event[0] < EVENT_THRESHOLD <= event[1]
    # a conflicting ordinal counts against one event, not against one storyline
    weights = dict(zip(FEATURES, EVENT.weights))
    assert weights["ordinals_conflict"] < 0 and weights["lede_numbers_conflict"] < 0


def test_a_thousands_separator_is_not_a_decimal_point() -> None:
    """«363,378» (a comma grouping thousands, 2015-07-23.json#664) and «٣٦٣٣٧٨»
    (#944) are one count of Yemenis whose status was corrected; «322,8» stays 322.8."""
    assert fact_number("1,200") == "1200" and fact_number("1,250,000") == fact_number("1.250.000") == "1250000"
    assert fact_number("٣٦٣٬٣٧٨") == "363378" and fact_number("1,250.5") == "1250.5"
    assert fact_number("322,80") == "322.8" and fact_number("3.250") == "3.25"
    found = _records({"2015-07-23.json#664", "2015-07-23.json#944"})
    keys = [
        set(fact_numbers(analyze(None, f"{a.title}\n{a.body[:400]}").numbers))
        for a in (found["2015-07-23.json#664"], found["2015-07-23.json#944"])
    ]
    assert "n:363378" in keys[0] & keys[1]
