"""Re-running over a directory that gained files parses only the new ones (counted before spaCy)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SAMPLE

import newsweave


def test_second_run_parses_only_the_new_files(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "inc.duckdb"
    folder.mkdir()
    texts = sorted(SAMPLE.glob("*.txt"))
    for path in texts[:5]:
        shutil.copy(path, folder)
    first = newsweave.ingest([str(folder)], db=db, analyze=False)
    assert (first.parsed, first.ingested) == (5, 5)
    for path in texts[5:8]:
        shutil.copy(path, folder)
    second = newsweave.ingest([str(folder)], db=db, analyze=False)
    assert (second.parsed, second.ingested, second.duplicates) == (3, 3, 5)
    third = newsweave.ingest([str(folder)], db=db, analyze=False)
    assert (third.parsed, third.ingested, third.duplicates) == (0, 0, 8)
    assert third.as_dict()["stats"]["articles"] == 0
