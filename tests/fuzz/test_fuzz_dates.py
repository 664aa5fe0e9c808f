"""Fuzz the date resolver and the publication-date rules: a date and a precision, or nothing; never an error."""

from __future__ import annotations

import contextlib
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave import pubdate
from newsweave.errors import UsageError
from newsweave.extract.dates import anchored, resolve
from tests.fuzz.strategies import DATES, article_text, examples

WORDS = ["on", "last", "next", "this", "week", "month", "year", "ago", "Monday", "Sunday", "night", "July", "Aug.",
         "26", "2023", "1999", "10000", "0", "since", "the", "same", "day", "before", "after", "two", "days", "later",
         "earlier", "a", "-", "31", "February", "at", "dawn", "early", "late", "of", "in", "9999", "1st"]  # fmt: skip
expression = st.one_of(
    st.sampled_from(DATES),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join),
    st.text(max_size=30),
)
published = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max, date(2023, 8, 9)]))


@settings(max_examples=examples(300))
@given(expression, published, st.booleans())
def test_resolve_gives_a_date_and_precision_or_nothing(text: str, when: date | None, future: bool) -> None:
    value, precision = resolve(text, when, future=future)
    assert (value is None) == (precision is None)
    assert precision in {None, "day", "week", "month", "year"}


@settings(max_examples=examples(300))
@given(expression, published)
def test_anchored_never_raises(text: str, anchor: date | None) -> None:
    value = anchored(text, anchor)
    assert value is None or isinstance(value, date)


@settings(max_examples=examples(200))
@given(article_text(), st.one_of(st.none(), expression), st.one_of(st.none(), st.dates()))
def test_publication_date_never_raises(text: str, metadata: str | None, given_date: date | None) -> None:
    found = pubdate.resolve(metadata=metadata, given=given_date, marker=None, text=text)
    assert found.source in {"metadata", "given", "byline", "inferred", "unknown"}
    assert (found.value is None) == (found.source == "unknown")


@settings(max_examples=examples(200))
@given(expression)
def test_parse_date_is_a_date_or_a_usage_error(text: str) -> None:
    with contextlib.suppress(UsageError):
        assert isinstance(pubdate.parse_date(text), date)
