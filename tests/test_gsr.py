"""Outside yardsticks: the PLOVER and PETRARCH-2 gold-standard sentences and ECB+ event detection.

Floors marked TARGET are the issue's; floors marked REGRESSION are below the issue's
target and only stop the measured figure from falling. The PLOVER test half, the
PETRARCH-2 sentences and the ECB+ development topics are only scored: no rule,
lexicon entry or threshold comes from them.
"""

from __future__ import annotations

import pytest
from floors import check

from bench import ecb
from bench.cameo_gsr import score as cameo_score
from bench.ecb_detection import detection_scores
from bench.plover_gsr import half, records
from bench.plover_gsr import score as plover_score

pytestmark = pytest.mark.shared  # reads ../shared/bench


def test_plover_halves_are_fixed_and_balanced() -> None:
    halves = [half(r["text"]) for r in records()]
    assert len(halves) == 322
    assert halves.count("test") == 156


def test_plover_test_half() -> None:
    result = plover_score("test")
    check("plover_test_category_accuracy", result["category"], str(result))
    check("plover_test_source_accuracy", result["source"], str(result))
    check("plover_test_target_accuracy", result["target"], str(result))


def test_petrarch_sentences_through_the_crosswalk() -> None:
    result = cameo_score()
    assert result["sentences"] == 78
    check("cameo_plover_category_accuracy", result["category"], str(result))


@pytest.mark.skipif(not ecb.available(), reason="ECB+ not in ../shared/bench")
def test_ecb_detection_on_the_development_topics() -> None:
    result = detection_scores(ecb.topic_dirs(dev=True))
    assert result.documents == 197
    check("ecb_dev_detection_recall", result.recall, str(result))
    check("ecb_dev_detection_precision", result.precision, str(result))
