"""The quality gate: tests/floors.json holds every accuracy floor of the suite, the value it was measured at,
and a digest of the data it reads. Changing a gold or benchmark file fails here until its entry is updated
(re-measure, then record the new value and digest: ``python tests/floors.py`` prints the digests)."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from floors import data_path, digest, entries


def _data() -> list[object]:
    return [
        pytest.param(name, key, id=f"{name}:{key}", marks=[pytest.mark.shared] if key.startswith("shared/") else [])
        for name, entry in entries().items()
        for key in entry["data"]
    ]


@pytest.mark.parametrize(("name", "key"), _data())
def test_data_is_what_the_floor_was_measured_on(name: str, key: str) -> None:
    path, recorded = data_path(key), entries()[name]["data"][key]
    assert path.exists(), f"{key} (read by {name}) is missing"
    now = digest(path)
    assert now == recorded, (
        f"{key} changed since {name} was measured: re-measure it and update its entry in tests/floors.json "
        f"('measured', and data[{key!r}] = {now!r})"
    )


def test_every_entry_is_complete_and_below_its_measurement() -> None:
    for name, entry in entries().items():
        assert {"floor", "measured", "test", "note", "data"} <= set(entry), name
        assert 0 < entry["floor"] <= entry["measured"], name
        assert entry["data"], f"{name} names no data"
        test_file = ROOT / entry["test"].split("::")[0]
        assert test_file.is_file(), f"{name}: {entry['test']} does not exist"
        assert f'"{name}"' in test_file.read_text(encoding="utf-8"), f"{name} is not checked by {entry['test']}"


def test_no_floor_is_a_constant_in_a_test_file() -> None:
    """A number a measurement is compared with belongs in floors.json (names like ``*_FLOOR``, ``*_F1``,
    ``*_ACCURACY``, ``*_RECALL``, ``*_PRECISION``, or a constant whose comment says what was measured)."""
    named = r"^[A-Z_]*(FLOOR|F1|ACCURACY|RECALL|PRECISION)[A-Z_]* = 0?\.\d+"
    constants = re.compile(rf"{named}|^[A-Z_, ]+ = [\d., ]+#.*(measured|TARGET|REGRESSION)", re.M)
    found = [p.name for p in (ROOT / "tests").rglob("test_*.py") if constants.search(p.read_text(encoding="utf-8"))]
    assert not found, f"floors belong in tests/floors.json: {found}"
