"""The fully stated date forms read without dateparser give dateparser's own answers."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.extract import dates
from newsweave.extract.explicit_dates import explicit

EXPRESSIONS = [
    "2016", "1957", "2031", "nov. 15, 2019", "december 23 , 2012", "sep 18 , 2013 ,", "oct . 11 , 1928",
    "july 21st, 2004", "20 october 2011", "3rd march 2009", "october 2018", "may 1984", "sept. 2001",
    "today", "yesterday", "tomorrow", "february 29, 2012", "jan 31 2010", "june 1, 1999",
]  # fmt: skip
BASES = [date(2011, 3, 1), date(2012, 12, 31), date(2000, 1, 1), date(2023, 7, 28)]


def _dateparser(expression: str, base: date, future: bool) -> tuple[date | None, str | None]:
    """What ``dates._parse`` answered before the fast path: dateparser's date and period, to the precision
    ``resolve`` keeps."""
    from datetime import datetime

    parsed = dates._parser(datetime.combine(base, datetime.min.time()), future).get_date_data(expression)
    if parsed.date_obj is None:
        return None, None
    return dates._to_precision(expression, parsed.date_obj.date(), parsed.period)


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_explicit_forms_match_dateparser(expression: str) -> None:
    for base in BASES:
        for future in (False, True):
            found = explicit(expression, base)
            assert found is not None, expression
            assert dates._to_precision(expression, *found) == _dateparser(expression, base, future), (base, future)


@pytest.mark.parametrize("expression", ["february 30, 2011", "march", "nov. 15", "last year", "2013 - 09", "1990s"])
def test_other_expressions_are_left_to_dateparser(expression: str) -> None:
    assert explicit(expression, date(2011, 3, 1)) is None
