"""Fuzz the number parser: a finite ``low <= high`` and a known approximation kind, or nothing."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.extract.quantities import APPROX, SCALES, UNITS, VAGUE, parse_number
from tests.fuzz.strategies import NUMBERS, examples

TOKENS = [*UNITS, *SCALES, *(v for v, _ in VAGUE), *(a for a, _ in APPROX), "and", "to", "-", "–", "between", "$",
          "€", ",", ".", "percent", "of"]  # fmt: skip
digits = st.from_regex(r"\A[0-9][0-9,.]{0,30}\Z")
expression = st.one_of(
    st.sampled_from(NUMBERS),
    st.lists(st.one_of(st.sampled_from(TOKENS), digits), min_size=1, max_size=7).map(" ".join),
    st.text(max_size=30),
)
KINDS = {"exact", "vague", "range", *(kind for _, kind in APPROX)}


@settings(max_examples=examples(500))
@given(expression)
def test_parse_number_is_finite_and_ordered(text: str) -> None:
    parsed = parse_number(text)
    if parsed is None:
        return
    low, high, approx = parsed
    assert math.isfinite(low) and math.isfinite(high) and low <= high
    assert approx in KINDS
