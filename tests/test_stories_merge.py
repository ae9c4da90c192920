"""Events of one happening told from several angles merge by best-match average; a
name cut short meets the name written out (SaudiNewsNet names)."""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from marsad.model import Article, Mention
from marsad.stories.batch import EVENT_MERGE, EVENT_THRESHOLD, average_linkage_groups, best_match_merge, event_groups
from marsad.stories.similarity import StoryContext, build_profiles, pair_channels


def _angles(cross: float) -> sp.csr_matrix:
    """Two tight groups of three whose members each have one match ``cross`` in the other."""
    scores = np.zeros((6, 6))
    for i in range(3):
        for j in range(3):
            if i != j:
                scores[i, j] = scores[i + 3, j + 3] = 0.9
        scores[i, i + 3] = scores[i + 3, i] = cross
    return sp.csr_matrix(scores)


def test_every_member_matched_across_merges_where_the_mean_does_not() -> None:
    scores = _angles(0.6)
    # the mean over all 9 pairs across is 0.2: average linkage keeps two groups
    assert sorted(map(sorted, average_linkage_groups(scores, EVENT_THRESHOLD))) == [[0, 1, 2], [3, 4, 5]]
    # each member's best match across is 0.6: one happening
    assert event_groups(scores) == [[0, 1, 2, 3, 4, 5]]
    # loose matches (each member's best is under the merge line) stay apart
    loose = _angles(EVENT_MERGE - 0.05)
    assert sorted(map(sorted, event_groups(loose))) == [[0, 1, 2], [3, 4, 5]]
    # and no merge at all above 1
    assert len(event_groups(scores, EVENT_THRESHOLD, 2.0)) == 2


def test_a_group_that_grew_is_scored_again() -> None:
    """After 0+1 merge, their best-match average with 2 is recomputed (a stale, higher
    value of the pair (0, 2) must not merge it)."""
    scores = np.zeros((3, 3))
    scores[0, 1] = scores[1, 0] = 0.9
    scores[0, 2] = scores[2, 0] = 0.5
    groups = best_match_merge(sp.csr_matrix(scores), [[0], [1], [2]], 0.45, 0.3)
    # {0,1} vs {2}: (mean(0.5, 0) + 0.5) / 2 = 0.375 < 0.45
    assert sorted(map(sorted, groups)) == [[0, 1], [2]]


def _with(mentions: list[tuple[str, str]]) -> tuple[list[Article], StoryContext]:
    articles = [Article(id=f"a{k}", path=f"a{k}", body=text) for k, (text, _) in enumerate(mentions)]
    found = [Mention(f"a{k}", 0, len(text), text, kind) for k, (text, kind) in enumerate(mentions)]
    return articles, StoryContext.of(found)


def test_a_name_cut_short_meets_the_name_written_out() -> None:
    """2015-07-24.json#471 names one bank «بنك الراجحي» and «مصرف الراجحي»; the seeds
    name «سيرغي لافروف» and «لافروف»; two ministries share only the word every
    ministry has, two Gulf bodies only «مجلس»."""
    articles, context = _with(
        [
            ("بنك الراجحي", "ORG"), ("مصرف الراجحي", "ORG"),
            ("سيرغي لافروف", "PER"), ("لافروف", "PER"),
            ("وزارة العمل", "ORG"), ("وزارة التعليم", "ORG"),
            ("مجلس التعاون لدول الخليج العربية", "ORG"), ("مجلس الوزراء", "ORG"),
        ]
    )
    profiles = build_profiles(articles, context)
    entities = pair_channels(profiles, np.array([0, 2, 4, 6]), np.array([1, 3, 5, 7]))["entities"]
    assert entities[0] > 0.3 and entities[1] > 0.3
    assert entities[2] == 0.0 and entities[3] == 0.0
