"""Hypothesis profiles for the fuzz targets: ``ci`` (the default, under a minute in ``make test``) and ``fuzz``.

Pick one with ``HYPOTHESIS_PROFILE=fuzz`` (``make fuzz`` does). Each target sets its own example counts
through :func:`tests.fuzz.strategies.examples`: small under ``ci``, 10,000 under ``fuzz``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from tests.fuzz.strategies import FUZZ_EXAMPLES, PROFILE

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much, HealthCheck.large_base_example]
settings.register_profile("ci", max_examples=30, deadline=None, suppress_health_check=_SLOW, derandomize=True,
                          database=None, print_blob=True)  # fmt: skip
settings.register_profile("fuzz", max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=_SLOW,
                          print_blob=True)  # fmt: skip
settings.load_profile(PROFILE)

SLOWEST_FIRST = {"test_fuzz_ingest.py": 0, "test_fuzz_pipeline.py": 1}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under ``fuzz``, start the spaCy-backed targets first so ``make fuzz``'s parallel workers finish together."""
    if PROFILE == "fuzz":
        items.sort(key=lambda item: SLOWEST_FIRST.get(item.path.name, len(SLOWEST_FIRST)))
