"""Outside yardsticks: the PLOVER gold-standard sentences (category accuracy floor)."""

from __future__ import annotations

import pytest

from bench.plover_gsr import score

pytestmark = pytest.mark.shared  # reads ../shared/bench

PLOVER_CATEGORY_FLOOR = 0.60  # measured 0.686 on 322 sentences (bench/plover_gsr.py); goal 0.80


def test_plover_category_accuracy() -> None:
    result = score()
    assert result["sentences"] == 322
    assert result["category"] >= PLOVER_CATEGORY_FLOOR, result
