"""Outside yardsticks: the PLOVER and PETRARCH-2 gold-standard sentences and ECB+ event detection.

Floors marked TARGET are the issue's; floors marked REGRESSION are below the issue's
target and only stop the measured figure from falling. The PLOVER test half, the
PETRARCH-2 sentences and the ECB+ development topics are only scored: no rule,
lexicon entry or threshold comes from them.
"""

from __future__ import annotations

import pytest

from bench import ecb
from bench.cameo_gsr import score as cameo_score
from bench.ecb_detection import detection_scores
from bench.plover_gsr import half, records
from bench.plover_gsr import score as plover_score

PLOVER_TEST_CATEGORY = 0.65  # TARGET; measured 0.731 on the test half
PLOVER_TEST_SOURCE = 0.55  # TARGET; measured 0.609
PLOVER_TEST_TARGET = 0.42  # REGRESSION (target 0.45); measured 0.442
CAMEO_PLOVER_CATEGORY = 0.34  # REGRESSION (target 0.55); measured 0.359 (0.308 before)
ECB_DEV_RECALL = 0.70  # TARGET; measured 0.738 (0.778 leaving out reporting verbs)
ECB_DEV_PRECISION = 0.60  # TARGET; measured 0.694


def test_plover_halves_are_fixed_and_balanced() -> None:
    halves = [half(r["text"]) for r in records()]
    assert len(halves) == 322
    assert halves.count("test") == 156


def test_plover_test_half() -> None:
    result = plover_score("test")
    assert result["category"] >= PLOVER_TEST_CATEGORY, result
    assert result["source"] >= PLOVER_TEST_SOURCE, result
    assert result["target"] >= PLOVER_TEST_TARGET, result


def test_petrarch_sentences_through_the_crosswalk() -> None:
    result = cameo_score()
    assert result["sentences"] == 78
    assert result["category"] >= CAMEO_PLOVER_CATEGORY, result


@pytest.mark.skipif(not ecb.available(), reason="ECB+ not in ../shared/bench")
def test_ecb_detection_on_the_development_topics() -> None:
    result = detection_scores(ecb.topic_dirs(dev=True))
    assert result.documents == 197
    assert result.recall >= ECB_DEV_RECALL, result
    assert result.precision >= ECB_DEV_PRECISION, result
