"""Linked stories: the same names at another time are one situation for the comparison of figures."""

from __future__ import annotations

from collections import Counter
from datetime import date

from newsweave.fuse.stories import Story, linked


def _story(story_id: str, day: date, **terms: float) -> Story:
    return Story(story_id, day, day, 1, Counter(terms), {})


def test_stories_of_the_same_names_months_apart_are_linked() -> None:
    flood = _story("sto_a", date(2024, 3, 2), kelmora=2.0, varn=1.7, marant=1.0)
    inquiry = _story("sto_b", date(2024, 9, 20), kelmora=1.7, varn=1.0, marant=1.7, tribunal=1.0)
    election = _story("sto_c", date(2024, 3, 4), kelmora=1.0, dassel=2.0, ovarian=1.7, parliament=1.7)
    group = linked([inquiry, flood, election])
    assert group["sto_a"] == group["sto_b"] == "sto_a"
    assert group["sto_c"] == "sto_c"


def test_linking_is_transitive_and_a_lone_story_is_its_own_group() -> None:
    first = _story("sto_1", date(2023, 1, 1), orlan=2.0, pemba=2.0)
    second = _story("sto_2", date(2023, 6, 1), orlan=2.0, pemba=2.0, tesk=2.0)
    third = _story("sto_3", date(2024, 1, 1), pemba=2.0, tesk=2.0, vallo=1.0)
    assert set(linked([third, second, first]).values()) == {"sto_1"}
    assert linked([_story("sto_9", date(2023, 1, 1))]) == {"sto_9": "sto_9"}
