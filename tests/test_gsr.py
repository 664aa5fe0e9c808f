"""Outside yardsticks: the PLOVER gold-standard sentences (category accuracy floor)."""

from __future__ import annotations

import pytest
from floors import check

from bench.plover_gsr import score

pytestmark = pytest.mark.shared  # reads ../shared/bench


def test_plover_category_accuracy() -> None:
    result = score()
    assert result["sentences"] == 322
    check("plover_category_accuracy", result["category"], f"n={result['sentences']} sentences")
