"""Page stamps on made-up page text: a whole date printed beside a clock time, or after "updated"/"posted"."""

from __future__ import annotations

import pytest

from newsweave.extract.stamps import is_page_stamp

STAMPS = [
    ("Ferry strike ends ", "Wednesday 6 March 2024", " 17.20 GMT Ferries sailed again"),
    ("PORTSMOUTH | ", "Wed Mar 6 , 2024", " 5:20 pm EST PORTSMOUTH -LRB- Wire -RRB-"),
    ("sensible at last . At 8:05 pm on ", "06 Mar 2024", " , harbourfan wrote : Finally"),
    ("Travel latest - 11:45 UK time , ", "Wednesday , 6 March 2024", " Ferries back"),
    ("This page was updated : ", "6 March 2024", " . Ferries sailed again"),
    ("Ferry strike ends ", "Wednesday", " , 6 March 2024 17.20 GMT Ferries"),  # the expression stops at the weekday
    ("sensible at last . At ", "20:05 6th Mar 2024", " , harbourfan wrote : Finally"),  # a 24-hour clock
    ("in the Travel section on 01.10 GMT on Thursday ", "7 March 2024", " More travel news"),
]
NOT_STAMPS = [
    ("The union called the strike off at 5 pm on ", "Wednesday", " after talks ."),
    ("Ferries stopped at 6:10 a.m. EST on ", "Tuesday", " , the operator said ."),
    ("The strike began on ", "1 March 2024", " and lasted a week ."),
]


@pytest.mark.parametrize(("before", "text", "after"), STAMPS)
def test_a_date_beside_a_clock_time_is_a_stamp(before: str, text: str, after: str) -> None:
    assert is_page_stamp(before, text, after)


@pytest.mark.parametrize(("before", "text", "after"), NOT_STAMPS)
def test_a_date_of_a_sentence_is_not_a_stamp(before: str, text: str, after: str) -> None:
    assert not is_page_stamp(before, text, after)
