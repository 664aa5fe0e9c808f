"""Date salience on hand-made date expressions: sources that state a day, counted once each, copies once."""

from __future__ import annotations

from datetime import date

from newsweave.fuse.salience import DateMention, rank_days, stated_days

MONDAY = date(2024, 3, 4)


def _said(article: str, text: str, published: date) -> DateMention:
    return DateMention(article, text, published, 0, len(text))


def test_a_day_stated_by_more_sources_ranks_first() -> None:
    mentions = [_said("a", "March 1", MONDAY), _said("a", "March 1", MONDAY), _said("a", "March 1", MONDAY),
                _said("b", "Saturday", MONDAY), _said("c", "March 2", date(2024, 3, 5)),
                _said("d", "this week", MONDAY)]  # fmt: skip
    stated = stated_days(mentions)
    assert {s.day for s in stated} == {date(2024, 3, 1), date(2024, 3, 2)}  # a week is not a day
    ranked = rank_days(stated, source_of={})
    assert [d.day for d in ranked[:2]] == [date(2024, 3, 2), date(2024, 3, 1)]  # two sources beat one said thrice
    assert ranked[0].sources == 2 and ranked[1].sources == 1


def test_copies_count_once_and_publication_adds_half_a_source() -> None:
    stated = stated_days([_said("a", "March 1", MONDAY), _said("copy", "March 1", MONDAY)])
    one = rank_days(stated, source_of={"a": "wire", "copy": "wire"})
    assert one[0].sources == 1
    published = rank_days(stated, source_of={}, published=[("x", date(2024, 3, 2))])
    by_day = {d.day: d.score for d in published}
    assert by_day[date(2024, 3, 1)] == 2.5  # two sources, and one published the next day
    assert by_day[date(2024, 3, 2)] == 0.5


def test_the_window_bounds_the_days() -> None:
    stated = stated_days([_said("a", "March 1", MONDAY), _said("b", "February 20", MONDAY)])
    assert [d.day for d in rank_days(stated, source_of={}, start=date(2024, 2, 25))] == [date(2024, 3, 1)]


def test_a_day_and_month_without_a_year_is_the_occurrence_nearest_publication() -> None:
    july, november = date(2024, 7, 20), date(2024, 11, 20)
    stated = stated_days([_said("a", "8 October", july), _said("b", "Oct. 8", november),
                          _said("c", "October 8, 2023", july), _said("d", "Saturday", july)])  # fmt: skip
    by_article = {s.article_id: s for s in stated}
    assert by_article["a"].day == date(2024, 10, 8) and not by_article["a"].later  # a date set ahead
    assert by_article["b"].day == date(2024, 10, 8) and by_article["b"].later  # the October just gone
    assert by_article["c"].day == date(2023, 10, 8)  # a stated year is kept
    assert by_article["d"].day == date(2024, 7, 20)  # a weekday keeps its own rule
