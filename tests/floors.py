"""Accuracy floors: every floor of the suite lives in tests/floors.json with the value it was measured at and a
digest of the gold and benchmark data it reads (``test_floors.py`` is the gate that keeps them in step).

Tests call :func:`check` with what they measured; the run ends with one line per floor (see ``conftest``).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSWEAVE_SHARED", ROOT.parent / "shared"))
FLOORS = ROOT / "tests" / "floors.json"
MEASURED: dict[str, tuple[float, str]] = {}  # name → (value, detail) measured in this run


@cache
def entries() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(FLOORS.read_text(encoding="utf-8"))
    return data


def floor(name: str) -> float:
    return float(entries()[name]["floor"])


def check(name: str, value: float, detail: str = "") -> None:
    """Record what a test measured and fail when it is below its floor."""
    MEASURED[name] = (value, detail)
    assert value >= floor(name), f"{name} {value:.3f} is below its floor {floor(name):.3f} ({detail})"


def data_path(key: str) -> Path:
    """``shared/...`` keys live in the shared datasets folder; the others in the repository."""
    return SHARED / key.removeprefix("shared/") if key.startswith("shared/") else ROOT / key


def digest(path: Path) -> str:
    """sha256 of a file, or of a folder's files (relative paths and contents, in path order)."""
    if path.is_file():
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    whole = hashlib.sha256()
    for item in sorted(p for p in path.rglob("*") if p.is_file()):
        whole.update(item.relative_to(path).as_posix().encode() + b"\0")
        whole.update(hashlib.sha256(item.read_bytes()).digest())
    return "sha256:" + whole.hexdigest()


if __name__ == "__main__":  # print the current digest of every data path named in floors.json
    for key in sorted({key for entry in entries().values() for key in entry["data"]}):
        print(f"{key}: {digest(data_path(key)) if data_path(key).exists() else 'missing'}")
