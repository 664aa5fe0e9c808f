"""Hypothesis profiles for the fuzz targets: ``ci`` (the default, a few minutes in ``make test``) and ``fuzz``.

Pick one with ``HYPOTHESIS_PROFILE=fuzz`` (``make fuzz`` does). Each target sets its own example counts
through :func:`tests.fuzz.strategies.examples`: small under ``ci``, 10,000 under ``fuzz``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much, HealthCheck.large_base_example]
settings.register_profile("ci", max_examples=30, deadline=None, suppress_health_check=_SLOW, derandomize=True,
                          database=None, print_blob=True)  # fmt: skip
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=_SLOW, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SLOWEST_FIRST = ("test_fuzz_ingest.py", "test_fuzz_pipeline.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under ``fuzz``, start the spaCy-backed targets first so ``make fuzz``'s parallel workers finish together."""
    if os.environ.get("HYPOTHESIS_PROFILE") != "fuzz":
        return
    items.sort(key=lambda item: next((i for i, name in enumerate(SLOWEST_FIRST) if item.path.name == name),
                                     len(SLOWEST_FIRST)))  # fmt: skip
