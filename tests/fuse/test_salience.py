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


def _in(article: str, page: str, expression: str, published: date) -> DateMention:
    """The date expression ``expression`` where it stands in the page text ``page``, with its context."""
    start = page.index(expression)
    end = start + len(expression)
    return DateMention(
        article, expression, published, start, end, page[max(start - 60, 0) : start], page[end : end + 60]
    )


def test_a_page_stamp_is_not_a_stated_day() -> None:
    monday = date(2024, 3, 4)
    byline = "Harbour bridge reopens Monday 4 March 2024 09.15 GMT The harbour bridge reopened to traffic today ."
    updated = "Page last updated at 14:02 GMT , Monday , 4 March 2024 The ferry service resumed ."
    comment = "Great news for commuters . Posted by : riverwatcher | March 4 , 2024 6:40 PM | Report abuse"
    prose = "The bridge was closed after the storm of 1 March 2024 and inspected overnight ."
    pages = [("a", byline, "Monday 4 March 2024"), ("b", updated, "Monday , 4 March 2024"),
             ("c", comment, "March 4 , 2024"), ("d", prose, "1 March 2024")]  # fmt: skip
    stated = stated_days([_in(article, page, expression, monday) for article, page, expression in pages])
    assert [s.stamp for s in stated] == [True, True, True, False]  # still stated (mention counting sees them)
    by_day = {d.day: d for d in rank_days(stated, source_of={})}
    assert by_day[date(2024, 3, 4)].score == 0 and by_day[date(2024, 3, 4)].sources == 0
    assert by_day[date(2024, 3, 1)].score == 1 and by_day[date(2024, 3, 1)].sources == 1
    assert rank_days(stated, source_of={}, stamp_weight=0.5)[0].score == 1.5  # three stamping sources, half each


def test_a_clock_time_in_a_sentence_leaves_its_day_stated() -> None:
    monday = date(2024, 3, 4)
    prose = "Shares rose 2 percent by 9:30 a.m. EDT on Friday , their best open since the storm ."
    quake = "The tremor struck at 0412 local time -LRB- 0912 GMT -RRB- on Saturday , officials said ."
    stated = stated_days([_in("a", prose, "Friday", monday), _in("b", quake, "Saturday", monday)])
    assert [(s.day, s.stamp) for s in stated] == [(date(2024, 3, 1), False), (date(2024, 3, 2), False)]
