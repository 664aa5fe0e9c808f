"""Exports: tables read back with their counts, GDELT 2.0 columns in order, ACLED crosswalk, CLI."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SEEDS

import newsweave
from newsweave.exports import ACLED_COLUMNS, GDELT_COLUMNS, SCHEMAS, gdelt_event_id

TABLES = ("articles", "actors", "events", "quotes", "claims", "conflicts")


def _counts(db: Path) -> dict[str, int]:
    series = newsweave.conflicts(db, include_series=True)
    with newsweave.open_store(db, read_only=True) as store:
        return {
            "articles": len(store.articles()),
            "actors": len(store.actors()),
            "events": len(store.events()),
            "quotes": len(store.quotes()),
            "claims": len(store.claims()),
            "conflicts": sum(len(c["values"]) for c in series),
        }


@pytest.fixture(scope="module")
def counts(corpus_db: Path) -> dict[str, int]:
    return _counts(corpus_db)


def test_parquet_read_back(corpus_db: Path, tmp_path: Path, counts: dict[str, int]) -> None:
    written = newsweave.export(corpus_db, fmt="parquet", out=tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{t}.parquet" for t in TABLES)
    for name in TABLES:
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.num_rows == counts[name], name
        assert table.column_names == list(SCHEMAS[name]), name
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert all(e["num_independent_sources"] >= 1 and e["article_ids"] for e in events)
    assert counts["events"] > 100 and counts["conflicts"] > 0


def test_csv_read_back(corpus_db: Path, tmp_path: Path, counts: dict[str, int]) -> None:
    newsweave.export(corpus_db, fmt="csv", out=tmp_path)
    for name in TABLES:
        with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
        assert reader.fieldnames == list(SCHEMAS[name]), name
        assert len(rows) == counts[name], name
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        event = next(csv.DictReader(handle))
    assert isinstance(json.loads(event["evidence"]), list) and isinstance(json.loads(event["article_ids"]), list)


def test_jsonl_read_back(corpus_db: Path, tmp_path: Path, counts: dict[str, int]) -> None:
    newsweave.export(corpus_db, fmt="jsonl", out=tmp_path)
    for name in TABLES:
        lines = (tmp_path / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == counts[name], name
        assert list(json.loads(lines[0])) == list(SCHEMAS[name])


def _gdelt(db: Path, out: Path) -> list[dict[str, str]]:
    (path,) = newsweave.export(db, fmt="gdelt", out=out)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        assert reader.fieldnames == list(GDELT_COLUMNS)
        return list(reader)


def test_gdelt_columns_are_the_documented_ones_in_order(corpus_db: Path, tmp_path: Path) -> None:
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year",
                                                                "FractionDate")  # fmt: skip
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    documented = re.findall(r"^\| \d+ \| `(\w+)` \|", (ROOT / "docs" / "export.md").read_text(), re.M)
    assert tuple(documented) == GDELT_COLUMNS
    rows = _gdelt(corpus_db, tmp_path)
    assert rows and all(re.fullmatch(r"\d{8}", r["Day"]) for r in rows)
    assert all(r["EventRootCode"] == r["EventCode"][:2] and r["QuadClass"] in "1234" for r in rows)
    assert any(r["ActionGeo_Type"] == "4" and r["ActionGeo_Lat"] for r in rows)


def test_seed_reject_and_request_events_have_their_cameo_roots(dated_db: Path, tmp_path: Path) -> None:
    """Every seed REJECT/REQUEST event (seeds with their publication dates given) is a GDELT row with its root."""
    with newsweave.open_store(dated_db, read_only=True) as store:
        seeds = {r["id"] for r in store.query("SELECT id FROM articles WHERE origin LIKE ?", [f"{SEEDS}%"])}
        events = [e for e in store.events() if seeds & set(e["article_ids"])]
    assert len(seeds) == 5
    rows = {int(r["GlobalEventID"]): r for r in _gdelt(dated_db, tmp_path)}
    for plover, root in (("REJECT", "12"), ("REQUEST", "10")):
        wanted = [e for e in events if e["type"] == plover and e["modality"] not in {"negated", "denied"}]
        assert len(wanted) >= 3, plover
        for event in wanted:
            row = rows[gdelt_event_id(event["id"])]
            assert row["EventRootCode"] == root and row["EventCode"].startswith(root), (plover, row["EventCode"])
            assert row["NumSources"] == str(event["num_independent_sources"])


def test_acled_rows_follow_the_crosswalk(corpus_db: Path, tmp_path: Path) -> None:
    (path,) = newsweave.export(corpus_db, fmt="acled", out=tmp_path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == list(ACLED_COLUMNS)
    assert rows
    allowed = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments"}  # fmt: skip
    assert {r["event_type"] for r in rows} <= allowed
    assert any(r["sub_event_type"] == "Arrests" for r in rows) and any(r["event_type"] == "Protests" for r in rows)
    assert all(r["notes"] and r["fatalities"].isdigit() and re.fullmatch(r"\d{4}-\d\d-\d\d", r["event_date"])
               for r in rows)  # fmt: skip


def test_unknown_format(corpus_db: Path, tmp_path: Path) -> None:
    with pytest.raises(newsweave.UsageError):
        newsweave.export(corpus_db, fmt="xlsx", out=tmp_path)
