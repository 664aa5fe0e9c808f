"""Fully stated calendar dates read without ``dateparser``: "2016", "nov. 15, 2019", "20 october 2011",
"october 2018", "today", "yesterday".

Most date expressions in news name their year, and ``dateparser`` spends milliseconds on each (it tries its
locales, translations and freshness parser in turn). These forms mean one thing whatever the publication date
or the preferred direction, so they are read here directly; every other expression goes to ``dateparser``.
The answers are ``dateparser``'s (``tests/extract/test_explicit_dates.py`` compares the two).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?:\s*\.)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_FORMS = (
    (re.compile(rf"{_YEAR}"), "year"),
    (re.compile(rf"{_MONTH}\s+{_DAY}\s*,?\s*{_YEAR}(?:\s*,)?"), "day"),
    (re.compile(rf"{_DAY}\s+{_MONTH}\s*,?\s*{_YEAR}"), "day"),
    (re.compile(rf"{_MONTH}\s*,?\s*{_YEAR}"), "month"),
)
_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def explicit(expression: str, base: date) -> tuple[date, str] | None:
    """``(date, period)`` for an expression of one of the fully stated forms (lower case, as ``resolve`` makes
    it), ``base`` the publication date; None for any other expression or an impossible date."""
    if expression in _RELATIVE_DAYS:
        return base + timedelta(days=_RELATIVE_DAYS[expression]), "day"
    for pattern, period in _FORMS:
        match = pattern.fullmatch(expression)
        if match is not None:
            return _date(match, period, base)
    return None


def _date(match: re.Match[str], period: str, base: date) -> tuple[date, str] | None:
    year = int(match.group("year"))
    month = MONTHS[match.group("month")] if period != "year" else 1
    day = int(match.group("day")) if period == "day" else 1
    try:
        return date(year, month, day), period
    except ValueError:
        return None
